"""Every per-test outcome the runner records (run.py --selftest)."""

import unittest


class Outcomes(unittest.TestCase):
    def test_pass(self):
        self.assertEqual(1 + 1, 2)

    def test_fail(self):
        self.assertEqual(1, 2)

    def test_error(self):
        raise KeyError("missing")

    @unittest.skip("not today")
    def test_skip(self):
        pass

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)

    @unittest.expectedFailure
    def test_xpass(self):
        pass

    def test_subtest_fail(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_subtest_pass(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 3)

    def test_cleanup_error(self):
        self.addCleanup(lambda: 1 / 0)


def load_tests(loader, tests, pattern):
    # the load_tests protocol: an extra FunctionTestCase
    tests.addTest(unittest.FunctionTestCase(lambda: None, description="extra"))
    return tests
