"""A module that skips itself at import, as tests needing absent helpers do (run.py --selftest)."""

import unittest

raise unittest.SkipTest("module skipped at import")
