"""Print CPython 3.11's bytecode for a file in Taipan's disassembly format.

Usage: python3 cpython_dis.py FILE [exec|eval|single]

Taipan's opcodes are CPython 3.11's minus PRECALL/CACHE/RETURN_GENERATOR,
with absolute jump targets in instruction units and no FORWARD/BACKWARD
conditional variants, so CPython's code can be rewritten into Taipan's
listing format and diffed against `cargo run --example dis`.  Differences
that remain are either deliberate (see the compiler's report) or bugs.
"""
import dis
import sys

DROP = {"CACHE", "PRECALL", "EXTENDED_ARG"}
RENAME = {
    "POP_JUMP_FORWARD_IF_FALSE": "POP_JUMP_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_FALSE": "POP_JUMP_IF_FALSE",
    "POP_JUMP_FORWARD_IF_TRUE": "POP_JUMP_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_TRUE": "POP_JUMP_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE": "POP_JUMP_IF_NONE",
    "POP_JUMP_BACKWARD_IF_NONE": "POP_JUMP_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE": "POP_JUMP_IF_NOT_NONE",
    "POP_JUMP_BACKWARD_IF_NOT_NONE": "POP_JUMP_IF_NOT_NONE",
}


def rust_escape_debug(s):
    out = []
    for ch in s:
        if ch == "\\": out.append("\\\\")
        elif ch == "'": out.append("\\'")
        elif ch == '"': out.append('\\"')
        elif ch == "\n": out.append("\\n")
        elif ch == "\r": out.append("\\r")
        elif ch == "\t": out.append("\\t")
        elif ch == "\0": out.append("\\0")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f or not ch.isprintable():
            out.append("\\u{%x}" % ord(ch))
        else: out.append(ch)
    return "".join(out)


def const_repr(c, filename):
    if isinstance(c, str):
        return "'" + rust_escape_debug(c) + "'"
    if isinstance(c, float):
        r = repr(c)
        if "e" in r:
            m, e = r.split("e")
            r = m + "e" + str(int(e))
        return r
    if isinstance(c, type(dis.dis.__code__)):
        return f'<code object {c.co_name} at "{filename}", line {c.co_firstlineno}>'
    if c is Ellipsis:
        return "Ellipsis"
    if isinstance(c, tuple):
        parts = [const_repr(x, filename) for x in c]
        return f"({parts[0]},)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
    if isinstance(c, frozenset):
        return "frozenset({" + ", ".join(const_repr(x, filename) for x in c) + "})"
    return repr(c)


def listing(code, filename, out):
    out.append(f'Disassembly of <code object {code.co_name} at "{filename}", line {code.co_firstlineno}>:')
    instrs = [i for i in dis.get_instructions(code, show_caches=False)]
    kept = []
    skip_next_pop = False
    for i in instrs:
        if i.opname in DROP:
            continue
        if i.opname == "RETURN_GENERATOR":
            skip_next_pop = True
            continue
        if skip_next_pop and i.opname == "POP_TOP":
            skip_next_pop = False
            continue
        skip_next_pop = False
        kept.append(i)
    index_of = {}
    for n, i in enumerate(kept):
        index_of[i.offset] = n

    def idx(offset):
        for n, i in enumerate(kept):
            if i.offset >= offset:
                return n
        return len(kept)

    positions = list(code.co_positions())
    last_line = object()
    for n, i in enumerate(kept):
        line = positions[i.offset // 2][0]
        if line != last_line:
            last_line = line
            lc = "None" if not line else str(line)
        else:
            lc = ""
        name = RENAME.get(i.opname, i.opname)
        if i.opcode < dis.HAVE_ARGUMENT:
            out.append(f"{lc:>4} {n:>6} {name}")
            continue
        arg = i.arg
        detail = ""
        if i.opcode in dis.hasjrel or i.opcode in dis.hasjabs:
            arg = idx(i.argval)
            detail = f"to {arg}"
        elif name == "KW_NAMES":
            detail = const_repr(code.co_consts[arg], filename)
        elif i.opcode in dis.hasconst:
            detail = const_repr(i.argval, filename)
        elif name == "LOAD_GLOBAL":
            detail = ("NULL + " if arg & 1 else "") + i.argval
        elif i.opcode in dis.hasname:
            detail = i.argval
        elif i.opcode in dis.haslocal or i.opcode in dis.hasfree:
            detail = i.argval
        elif name == "COMPARE_OP":
            detail = i.argval
        elif name == "BINARY_OP":
            detail = i.argrepr
        elif name in ("IS_OP", "CONTAINS_OP"):
            detail = ("is" if name == "IS_OP" else "in") if arg == 0 else ("is not" if name == "IS_OP" else "not in")
        if detail:
            out.append(f"{lc:>4} {n:>6} {name:<24} {arg} ({detail})")
        else:
            out.append(f"{lc:>4} {n:>6} {name:<24} {arg}")
    table = dis._parse_exception_table(code)
    if table:
        out.append("ExceptionTable:")
        for e in table:
            out.append(f"  {idx(e.start)} to {idx(e.end)} -> {idx(e.target)} [{e.depth}]{' lasti' if e.lasti else ''}")
    for c in code.co_consts:
        if isinstance(c, type(code)):
            out.append("")
            listing(c, filename, out)


def main():
    path = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else "exec"
    with open(path, "rb") as f:
        src = f.read()
    code = compile(src, path, mode, dont_inherit=True)
    out = []
    listing(code, path, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
