"""A module that cannot be imported (run.py --selftest)."""

import no_such_module_cpyrun  # noqa: F401
