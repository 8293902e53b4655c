"""A test that kills the interpreter: the runner restarts after it (run.py --selftest)."""

import os
import unittest


class Crash(unittest.TestCase):
    def test_1_before(self):
        pass

    def test_2_crash(self):
        os._exit(70)  # dies without reporting, like a segfault or a Rust panic

    def test_3_after(self):
        pass
