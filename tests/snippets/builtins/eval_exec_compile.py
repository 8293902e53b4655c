# eval, exec, compile, globals, locals.
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("a + b", {"a": 1}, {"b": 2}))
ns = {}
exec("def f(n):\n    return n * n\nresult = f(7)", ns)
print(ns["result"], ns["f"](3), "__builtins__" in ns)
code = compile("print('compiled', 40 + 2)", "<string>", "exec")
exec(code)
print(type(code).__name__, code.co_filename, eval(compile("3 ** 3", "<expr>", "eval")))
single = compile("1 + 1", "<single>", "single")
print(type(single).__name__)
g = globals()
print(g is globals(), "__name__" in g, g["__name__"])
def f():
    local_var = 5
    return sorted(locals().items())
print(f())
exec("new_global = 'made by exec'")
print(new_global)
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno, e.offset, e.filename)
try:
    exec("return 5")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    eval("undefined_xyz")
except NameError as e:
    print(e)
loc = {}
exec("a = 1\nb = a + 1", {}, loc)
print(loc)
print(eval("[i for i in range(3)]"), eval("lambda: 5")())
