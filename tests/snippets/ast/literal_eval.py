# ast.literal_eval: accepted literals and rejected expressions.
import ast

GOOD = [
    "1", "-1", "+1.5", "1_000", "0x1f", "1e10", "2j", "1+2j", "-1-2j", "'a' 'b'", "b'x'",
    "[1, [2, (3,)], {'k': {4, 5}}]", "()", "(1,)", "{}", "set()", "None", "True", "...",
    "  {'a': 1, 'b': [True, False, None]}", "u'x'",
]
for s in GOOD:
    v = ast.literal_eval(s)
    print(repr(s), "->", repr(v), type(v).__name__)

BAD = ["a", "1 + a", "f()", "[x for x in y]", "{1: 2}[1]", "-'a'", "1 + 1", "2j + 1",
       "set([1])", "lambda: 0", "(1, a)", "{**d}", "b'' + b''"]
for s in BAD:
    try:
        ast.literal_eval(s)
        print("accepted", s)
    except ValueError as e:
        print(type(e).__name__, str(e).split(" object at ")[0])
    except SyntaxError as e:
        print("SyntaxError", e.msg)
for s in ["1 +", "(", "x = 1"]:
    try:
        ast.literal_eval(s)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)

# A node works too.
print(ast.literal_eval(ast.parse("[1, -2.5]", mode="eval")))
print(ast.literal_eval(ast.Constant(7)))
