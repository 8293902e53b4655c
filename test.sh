#!/usr/bin/env bash
# Taipan's one test command: builds the whole workspace in release mode and runs
# every test -- the Rust unit tests of each crate and the differential snippet
# tests (crates/cli/tests/differential.rs, which compares taipan with the
# CPython 3.11 goldens under tests/snippets/). .ci/run calls exactly this.
#
# Extra arguments are appended to `cargo test --workspace --release`
# (e.g. `./test.sh --no-fail-fast` or `./test.sh -- --nocapture`).
# The last line is a grand total over every test binary cargo ran.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

set +e
cargo test --workspace --release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum libtest's "test result: ... N passed; M failed" lines and the harness's
# "differential: N passed, M failed" line (snippets, not libtest tests).
python3 - "$log" "$status" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
passed = failed = 0
for m in re.finditer(r"^test result: \w+\. (\d+) passed; (\d+) failed", text, re.M):
    passed += int(m.group(1)); failed += int(m.group(2))
for m in re.finditer(r"^differential: (\d+) passed, (\d+) failed$", text, re.M):
    passed += int(m.group(1)); failed += int(m.group(2))
xfail = re.search(r"^differential: (\d+) expected failures", text, re.M)
print()
if xfail:
    print(f"(plus {xfail.group(1)} differential snippets listed in tests/expected_failures.txt)")
if sys.argv[2] != "0" and failed == 0:
    print(f"cargo test exited with status {sys.argv[2]} (build error or crashed test binary)")
    failed = 1
print(f"total: {passed} passed, {failed} failed")
PY
exit "$status"
