"""A test that never ends: the runner's stall timeout kills it (run.py --selftest)."""

import unittest


class Hang(unittest.TestCase):
    def test_1_before(self):
        pass

    def test_2_hang(self):
        while True:
            pass

    def test_3_after(self):
        pass
