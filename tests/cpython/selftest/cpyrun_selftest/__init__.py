"""Test modules with known outcomes, run by `run.py --selftest` to check the runner itself."""
