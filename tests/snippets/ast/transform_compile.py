# NodeVisitor, NodeTransformer and compiling trees built or changed in Python.
import ast

src = """
def area(w, h):
    return w * h

total = 0
for i in range(1, 4):
    total += area(i, i + 1)
print('total', total)
"""
tree = ast.parse(src)

class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)
c = Counter()
c.visit(tree)
print(c.names)

class Swap(ast.NodeTransformer):
    # Turn every multiplication into an addition and rename print -> shout.
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Mult):
            node.op = ast.Add()
        return node
    def visit_Name(self, node):
        if node.id == "print":
            return ast.copy_location(ast.Name("shout", node.ctx), node)
        return node

new = ast.fix_missing_locations(Swap().visit(tree))
code = compile(new, "<ast>", "exec")
ns = {"shout": lambda *a: print("SHOUT", *a)}
exec(code, ns)
print(ast.unparse(new))

# Building a tree by hand.
body = [
    ast.Assign([ast.Name("x", ast.Store())], ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7))),
    ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("x", ast.Load())], [])),
    ast.FunctionDef("sq", ast.arguments([], [ast.arg("v")], None, [], [], None, []),
                    [ast.Return(ast.BinOp(ast.Name("v", ast.Load()), ast.Pow(), ast.Constant(2)))], [], None),
    ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Call(ast.Name("sq", ast.Load()), [ast.Constant(9)], [])], [])),
]
m = ast.fix_missing_locations(ast.Module(body, []))
exec(compile(m, "<built>", "exec"))
e = ast.Expression(ast.BinOp(ast.Constant(2), ast.Sub(), ast.Constant(5), lineno=1, col_offset=0))
print(eval(compile(ast.fix_missing_locations(e), "<e>", "eval")))
i = ast.fix_missing_locations(ast.Interactive([ast.Expr(ast.Constant("interactive"))]))
exec(compile(i, "<i>", "single"))

# Line numbers survive into tracebacks.
t = ast.parse("x = 1\ny = 2\nz = x / 0\n")
ast.increment_lineno(t, 10)
try:
    exec(compile(t, "<inc>", "exec"))
except ZeroDivisionError as exc:
    print("line", exc.__traceback__.tb_next.tb_lineno)

# compile() given an AST with PyCF_ONLY_AST returns it unchanged.
print(compile(t, "<s>", "exec", ast.PyCF_ONLY_AST) is t)

# walk order and iter_fields / iter_child_nodes.
t = ast.parse("a = b(c, d=e)")
print([type(n).__name__ for n in ast.walk(t)])
print([(k, type(v).__name__) for k, v in ast.iter_fields(t.body[0].value)])
print([type(n).__name__ for n in ast.iter_child_nodes(t.body[0].value)])

# copy and deepcopy use __reduce__.
import copy
t = ast.parse("p = q + 1")
t2 = copy.deepcopy(t)
print(ast.dump(t2) == ast.dump(t), t2.body[0] is not t.body[0])
t3 = copy.copy(t.body[0])
print(t3.value is t.body[0].value)
