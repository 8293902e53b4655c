"""Compare Taipan's compiler with CPython 3.11 over the installed stdlib.

Usage: python3 compare_stdlib.py [code|positions|meta] [MAX_FILES]

Needs the example binary: `CARGO_TARGET_DIR=/work/tgt/compiler cargo build
-p taipan-compiler --example dis` (set TAIPAN_DIS to its path otherwise).
- code:      instruction listings per code object (see cpython_dis.py);
- positions: co_positions() per instruction, for code objects whose
             instruction counts agree;
- meta:      stacksize, flags, arg counts, varnames/cellvars/freevars,
             names, qualname, firstlineno.
Prints how many code objects are identical and a few first differences.
"""
import collections
import dis
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpython_dis  # noqa: E402

TAIPAN_DIS = os.environ.get("TAIPAN_DIS", "/work/tgt/compiler/debug/examples/dis")


def taipan(path, env_flag=None):
    env = dict(os.environ)
    if env_flag:
        env[env_flag] = "1"
    return subprocess.run([TAIPAN_DIS, path], capture_output=True, text=True, env=env).stdout


def fmt(t):
    return "[" + ", ".join('"' + x + '"' for x in t) + "]"


def meta(code, out):
    out.append(
        f"{code.co_name} {code.co_firstlineno} stack={code.co_stacksize} flags={code.co_flags:#x} "
        f"args={code.co_argcount}/{code.co_posonlyargcount}/{code.co_kwonlyargcount} "
        f"varnames={fmt(code.co_varnames)} cellvars={fmt(code.co_cellvars)} freevars={fmt(code.co_freevars)} "
        f"names={fmt(code.co_names)} qualname={code.co_qualname}"
    )
    for c in code.co_consts:
        if isinstance(c, type(code)):
            meta(c, out)


def positions(code, out):
    pos = list(code.co_positions())
    kept, skip = [], False
    for i in dis.get_instructions(code):
        if i.opname in cpython_dis.DROP:
            continue
        if i.opname == "RETURN_GENERATOR":
            skip = True
            continue
        if skip and i.opname == "POP_TOP":
            skip = False
            continue
        skip = False
        kept.append(i)
    group = []
    for n, i in enumerate(kept):
        group.append(f"{code.co_name} {n} " + " ".join("None" if v is None else str(v) for v in pos[i.offset // 2]))
    if group and code.co_name == "<module>":
        group[0] = None  # module RESUME: CPython says line 0, Taipan "no line"
    out.append(group)
    for c in code.co_consts:
        if isinstance(c, type(code)):
            positions(c, out)


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "code"
    root = subprocess.check_output(
        [sys.executable, "-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"]
    ).decode().strip()
    files = sorted(f for f in glob.glob(root + "/**/*.py", recursive=True) if "site-packages" not in f)
    if len(sys.argv) > 2:
        files = files[: int(sys.argv[2])]
    total = same = shown = 0
    for f in files:
        try:
            code = compile(open(f, "rb").read(), f, "exec", dont_inherit=True)
        except Exception:
            continue
        if what == "code":
            out = []
            cpython_dis.listing(code, f, out)
            ours = taipan(f).rstrip("\n").split("Disassembly of ")
            theirs = "\n".join(out).split("Disassembly of ")
            pairs = list(zip(theirs, ours))
        elif what == "meta":
            out = []
            meta(code, out)
            pairs = list(zip(out, taipan(f, "DIS_META").splitlines()))
        else:
            out = []
            positions(code, out)
            mine, cur = [], None
            for line in taipan(f, "DIS_POSITIONS").splitlines():
                if line.split()[1] == "0":
                    cur = []
                    mine.append(cur)
                cur.append(line)
            pairs = []
            for a, b in zip(out, mine):
                if len(a) == len(b):
                    if a and a[0] is None:
                        a[0] = b[0]
                    pairs.append(("\n".join(a), "\n".join(b)))
        for a, b in pairs:
            total += 1
            if a.strip() == b.strip():
                same += 1
            elif shown < 5:
                shown += 1
                for x, y in zip(a.splitlines(), b.splitlines()):
                    if x != y:
                        print(f"{f}\n  cpython: {x[:150]}\n  taipan:  {y[:150]}")
                        break
    print(f"{what}: {total} code objects compared, {same} identical")


if __name__ == "__main__":
    main()
