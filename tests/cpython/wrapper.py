"""Runs ONE CPython test module and streams every test's outcome as JSON lines.

tests/cpython/run.py starts this file once per test module, under the
interpreter being measured (Taipan, or python3 to check the runner itself):

    INTERPRETER wrapper.py OUT.jsonl MODULE [--skip-file F] [--use RES,...] [--path DIR]

It imports the module the way CPython's regrtest does, builds the suite with
unittest's loader (so `load_tests` protocols, packages such as test_json and
doctest suites work), runs it with a TestResult that appends one JSON object
per line to OUT.jsonl and flushes after every line, so the runner keeps every
finished result even if the interpreter crashes or hangs in a later test.

Events (the "ev" key): hello, harness_error, import_error, module_skip,
load_error, plan (every test id about to run), start (a test began), result
(one per test id: outcome pass/fail/error/skip/xfail/xpass with a message),
done.  A test's outcome is the worst of everything reported for it (a failing
subTest fails its test; a cleanup error after a pass makes it an error).

This file is deliberately plain: it must run on a young interpreter, so it
imports nothing beyond sys/os/time before unittest and writes JSON by hand
(the json module needs re).  Results that can't be produced because of
missing interpreter features are reported as errors, never hidden.
"""

import sys
import os
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
# Nothing next to this file may shadow a stdlib module.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

_OUT = None
_PID = os.getpid()
_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
MAX_MESSAGE = 300
MAX_TRACEBACK = 4000


def _jstr(s):
    out = []
    for ch in s:
        e = _ESC.get(ch)
        if e is not None:
            out.append(e)
        elif ch < " " or ("\ud800" <= ch <= "\udfff"):
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _json(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return _jstr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join([_json(x) for x in v]) + "]"
    if isinstance(v, dict):
        return "{" + ",".join([_jstr(str(k)) + ":" + _json(x) for k, x in v.items()]) + "}"
    return _jstr(repr(v))


def emit(ev, **fields):
    # A forked child (tests do fork) must not write into the parent's stream.
    if _OUT is None or os.getpid() != _PID:
        return
    fields["ev"] = ev
    _OUT.write(_json(fields) + "\n")
    _OUT.flush()


def _safe_str(obj):
    try:
        return str(obj)
    except BaseException as e:  # noqa: B036 - anything at all may be raised
        return "<str() failed: %s>" % type(e).__name__


def exc_line(exc):
    """'TypeError: message' of an exception, one line, bounded length."""
    name = type(exc).__qualname__
    mod = type(exc).__module__
    if mod not in ("builtins", "__main__"):
        name = mod + "." + name
    msg = _safe_str(exc)
    line = name + (": " + msg if msg else "")
    line = line.split("\n")[0] if "\n" in line else line
    if len(line) > MAX_MESSAGE:
        line = line[:MAX_MESSAGE] + "..."
    return line


def plain_tb(exc):
    """A traceback without the traceback module (which needs co_positions etc.)."""
    lines = ["Traceback (most recent call last):"]
    tb = getattr(exc, "__traceback__", None)
    n = 0
    while tb is not None and n < 100:
        try:
            code = tb.tb_frame.f_code
            lines.append('  File "%s", line %s, in %s' % (code.co_filename, tb.tb_lineno, code.co_name))
        except BaseException:  # noqa: B036
            lines.append("  (frame unavailable)")
        tb = getattr(tb, "tb_next", None)
        n += 1
    lines.append(exc_line(exc))
    return "\n".join(lines) + "\n"


def format_tb(exc):
    try:
        import traceback

        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except BaseException as e:  # noqa: B036
        text = "(traceback module failed: %s)\n%s" % (exc_line(e), plain_tb(exc))
    if len(text) > MAX_TRACEBACK:
        text = "..." + text[-MAX_TRACEBACK:]
    return text


# Severity order: the worst outcome reported for a test id wins.
RANK = {"pass": 0, "skip": 1, "xfail": 2, "xpass": 3, "fail": 4, "error": 5}


def make_result_class(unittest):
    class StreamingResult(unittest.TestResult):
        """Collects add* calls per test id and emits one line at stopTest."""

        def __init__(self):
            super().__init__()
            self.current = {}  # id -> [outcome, message, traceback]
            self.started = {}
            self.reported = set()
            self.holders = {}  # "setUpClass (mod.Class)" -> (outcome, msg, tb)

        def _note(self, test, outcome, msg, tb=""):
            tid = uid(test)
            if type(test).__name__ == "_ErrorHolder":
                old = self.holders.get(tid)
                if old is None or RANK[outcome] > RANK[old[0]]:
                    self.holders[tid] = (outcome, msg, tb)
                return
            old = self.current.get(tid)
            if old is None or RANK[outcome] > RANK[old[0]]:
                self.current[tid] = [outcome, msg, tb]

        def _err(self, test, err, outcome):
            exc = err[1]
            if exc is None:
                exc = err[0]()
            tb = ""
            try:
                tb = self._exc_info_to_string(err, test)
            except BaseException:  # noqa: B036
                tb = format_tb(exc)
            if len(tb) > MAX_TRACEBACK:
                tb = "..." + tb[-MAX_TRACEBACK:]
            self._note(test, outcome, exc_line(exc), tb)

        def startTest(self, test):
            super().startTest(test)
            tid = uid(test)
            self.started[tid] = time.time()
            emit("start", id=tid)

        def stopTest(self, test):
            super().stopTest(test)
            tid = uid(test)
            rec = self.current.pop(tid, None)
            if rec is None:
                # TestCase.run reports nothing for a test whose subtests all
                # passed but ... never happens in 3.11; be explicit anyway.
                rec = ["error", "no outcome reported", ""]
            t0 = self.started.pop(tid, None)
            dur = round(time.time() - t0, 3) if t0 is not None else 0.0
            self.reported.add(tid)
            emit("result", id=tid, outcome=rec[0], msg=rec[1], tb=rec[2], dur=dur)

        def addSuccess(self, test):
            super().addSuccess(test)
            self._note(test, "pass", "")

        def addError(self, test, err):
            # Deliberately not calling super(): we keep our own record, and
            # the base class would hold references to every traceback.
            self._err(test, err, "error")

        def addFailure(self, test, err):
            self._err(test, err, "fail")

        def addSubTest(self, test, subtest, err):
            if err is None:
                self._note(test, "pass", "")
                return
            failure = issubclass(err[0], test.failureException)
            desc = _safe_str(subtest._subDescription()) if hasattr(subtest, "_subDescription") else ""
            exc = err[1] if err[1] is not None else err[0]()
            msg = exc_line(exc)
            if desc:
                msg = desc + " " + msg
                if len(msg) > MAX_MESSAGE:
                    msg = msg[:MAX_MESSAGE] + "..."
            try:
                tb = self._exc_info_to_string(err, test)
            except BaseException:  # noqa: B036
                tb = format_tb(exc)
            if len(tb) > MAX_TRACEBACK:
                tb = "..." + tb[-MAX_TRACEBACK:]
            self._note(test, "fail" if failure else "error", msg, tb)

        def addSkip(self, test, reason):
            msg = _safe_str(reason)
            if len(msg) > MAX_MESSAGE:
                msg = msg[:MAX_MESSAGE] + "..."
            self._note(test, "skip", msg)

        def addExpectedFailure(self, test, err):
            self._note(test, "xfail", "")

        def addUnexpectedSuccess(self, test):
            self._note(test, "xpass", "unexpected success")

    return StreamingResult


def iter_tests(suite):
    for t in suite:
        if hasattr(t, "_tests") or hasattr(t, "__iter__") and not hasattr(t, "id"):
            yield from iter_tests(t)
        else:
            yield t


def uid(test):
    return getattr(test, "_cpyrun_uid", None) or test.id()


def assign_uids(suite):
    """Unique ids: a test id met again in the suite (e.g. doctests run twice by
    test_json) gets '@2', '@3', ... so every run of a test is counted."""
    seen = {}
    for t in iter_tests(suite):
        tid = t.id()
        n = seen.get(tid, 0) + 1
        seen[tid] = n
        if n > 1:
            try:
                t._cpyrun_uid = "%s@%d" % (tid, n)
            except BaseException:  # noqa: B036 - objects without a __dict__
                pass


def filter_suite(suite, skip):
    kept = []
    for t in suite._tests:
        if hasattr(t, "_tests"):
            filter_suite(t, skip)
            kept.append(t)
        elif uid(t) not in skip:
            kept.append(t)
    suite._tests = kept


def setup_support(support, use):
    # What regrtest's setup_tests() does by default (`python -m test`).
    support.verbose = 0
    support.failfast = False
    support.PGO = False
    support.PGO_EXTENDED = False
    support.junit_xml_list = None
    support.use_resources = use
    try:
        support.record_original_stdout(sys.stdout)
    except BaseException:  # noqa: B036
        pass


def main(argv):
    global _OUT
    out_path, module = argv[0], argv[1]
    skip = set()
    use = []
    i = 2
    while i < len(argv):
        if argv[i] == "--skip-file":
            with open(argv[i + 1], encoding="utf-8") as f:
                skip = set(line.rstrip("\n") for line in f if line.strip())
            i += 2
        elif argv[i] == "--path":
            sys.path.insert(0, argv[i + 1])
            i += 2
        elif argv[i] == "--use":
            use = [r for r in argv[i + 1].split(",") if r]
            i += 2
        else:
            raise SystemExit("wrapper.py: unknown argument " + argv[i])
    _OUT = open(out_path, "a", encoding="utf-8", errors="backslashreplace")
    # Ends a line a crashed earlier attempt may have left unfinished.
    _OUT.write("\n")
    emit("hello", module=module, pid=_PID, version=sys.version.split("\n")[0])

    try:
        import faulthandler

        faulthandler.enable(all_threads=True)
    except BaseException:  # noqa: B036 - optional
        pass
    try:
        import unittest
        from test import support
    except BaseException as e:  # noqa: B036
        emit("harness_error", error="harness: " + exc_line(e), tb=format_tb(e))
        return 0
    setup_support(support, use)
    try:
        # As regrtest does: a non-ASCII variable in the environment at all
        # times (BPO-44647), which test_regrtest checks for.
        from test.support.os_helper import TESTFN_UNDECODABLE, FS_NONASCII

        if TESTFN_UNDECODABLE and os.supports_bytes_environ:
            os.environb.setdefault(b"PYTHONREGRTEST_UNICODE_GUARD", TESTFN_UNDECODABLE)
        elif FS_NONASCII:
            os.environ.setdefault("PYTHONREGRTEST_UNICODE_GUARD", FS_NONASCII)
    except BaseException:  # noqa: B036 - optional
        pass

    name = module if "." in module else "test." + module
    try:
        __import__(name)
        mod = sys.modules[name]
    except unittest.SkipTest as e:
        emit("module_skip", reason=_safe_str(e))
        return 0
    except BaseException as e:  # noqa: B036
        emit("import_error", error=exc_line(e), tb=format_tb(e))
        return 0

    if hasattr(mod, "test_main"):
        emit("load_error", error="module defines test_main(), which regrtest no longer supports")
    try:
        loader = unittest.TestLoader()
        suite = loader.loadTestsFromModule(mod)
    except unittest.SkipTest as e:
        emit("module_skip", reason=_safe_str(e))
        return 0
    except BaseException as e:  # noqa: B036
        emit("import_error", error="loading tests: " + exc_line(e), tb=format_tb(e))
        return 0
    for err in loader.errors:
        emit("load_error", error=_safe_str(err)[-MAX_TRACEBACK:])
    assign_uids(suite)
    if skip:
        filter_suite(suite, skip)
    planned = [uid(t) for t in iter_tests(suite)]
    emit("plan", ids=planned)

    result = make_result_class(unittest)()
    result.startTestRun()
    try:
        suite.run(result)
    finally:
        result.stopTestRun()
    # Tests that never started because a class or module fixture failed or
    # skipped get that fixture's outcome, so no planned test goes missing.
    used = set()
    for tid in planned:
        if tid in result.reported:
            continue
        parts = tid.split(".")
        rec = None
        for k in range(len(parts) - 1, 0, -1):
            parent = ".".join(parts[:k])
            for holder in ("setUpClass (%s)" % parent, "setUpModule (%s)" % parent):
                rec = result.holders.get(holder)
                if rec is not None:
                    used.add(holder)
                    break
            if rec is not None:
                break
        if rec is None:
            rec = ("error", "never run (no fixture error reported)", "")
        emit("result", id=tid, outcome=rec[0], msg=rec[1], tb=rec[2], dur=0.0, unrun=True)
        result.reported.add(tid)
    # Fixture errors not accounted for above (tearDownClass, tearDownModule,
    # class cleanups) are entries of their own, as regrtest counts them.
    for holder, rec in result.holders.items():
        if holder not in used and holder not in result.reported:
            emit("result", id=holder, outcome=rec[0], msg=rec[1], tb=rec[2], dur=0.0, fixture=True)
    emit("done")
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        # Skip interpreter teardown: threads or atexit hooks left by a test
        # module must not turn a finished run into a hang or a crash.
        os._exit(code)
