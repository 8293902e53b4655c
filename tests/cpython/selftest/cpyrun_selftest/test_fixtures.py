"""Class-level fixtures that fail or skip (run.py --selftest)."""

import unittest


class BrokenSetUpClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise RuntimeError("setUpClass broke")

    def test_a(self):
        pass

    def test_b(self):
        pass


class SkippedClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise unittest.SkipTest("whole class skipped")

    def test_c(self):
        pass


class BrokenTearDownClass(unittest.TestCase):
    @classmethod
    def tearDownClass(cls):
        raise ValueError("tearDownClass broke")

    def test_d(self):
        pass
