# compile() of malformed trees: CPython's TypeErrors and validator errors.
import ast

def check(tree, mode="exec", fix=True):
    try:
        if fix:
            ast.fix_missing_locations(tree)
        compile(tree, "<t>", mode)
        print("ok")
    except (TypeError, ValueError, SyntaxError, RecursionError, OverflowError) as e:
        print(type(e).__name__, e)

N = lambda i, c=None: ast.Name(i, c or ast.Load())
M = lambda *s: ast.Module(list(s), [])
L = dict(lineno=1, col_offset=0)

check(ast.Module([ast.Expr(ast.Constant(1))], []), fix=False)
check(ast.Module([ast.Expr(ast.Constant(1, **L))], []), fix=False)
check(M(ast.Expr(N("None"))))
check(M(ast.Expr(ast.NamedExpr(ast.Attribute(N("a"), "b", ast.Store()), ast.Constant(1)))))
check(M(ast.Expr(ast.Constant(1, lineno=3, end_lineno=1, col_offset=0, end_col_offset=0))))
check(M(ast.Expr(ast.Constant(1, lineno=1, end_lineno=1, col_offset=5, end_col_offset=2))))
check(M(ast.Expr(ast.Constant([1]))))
check(M(ast.Expr(ast.Constant(ast))))
check(M(ast.Assign([ast.Constant(1)], ast.Constant(1))))
check(M(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], None)))
check(M(ast.Expr(ast.Name(1, ast.Load()))))
check(M(ast.Expr(ast.Name("x", ast.Load))))
check(M(ast.Expr(ast.Name("x", 5))))
check(M(ast.Expr(5)))
check(M(5))
check(ast.Expression(N("x")), "exec")
check(ast.Module([ast.Expr(N("x"))], "exec"), "eval")
check(ast.Module([ast.Expr(N("x"))], None))
check(ast.Module((ast.Expr(N("x")),), []))
check(ast.Module([ast.Expr(ast.Constant(1, kind=3))], []))
check(ast.Module([ast.ImportFrom("x", [ast.alias("y")], -1)], []))
check(ast.Module([ast.ImportFrom("x", [ast.alias("y")])], []))
check(ast.Module([ast.Expr(ast.Constant((1, (2, frozenset([3])))))], []))
check(ast.Module([ast.Expr(ast.Constant((1, [2])))], []))
check(ast.Module([ast.Expr(ast.Name("x"))], []))
check(ast.Module([ast.Expr(N("x"), lineno=1, col_offset=0, end_lineno="a")], []), fix=False)
check(ast.Module([ast.Expr(N("x", ), lineno=2**70, col_offset=0)], []), fix=False)
check(ast.Module([ast.Expr(ast.BinOp(N("x"), ast.Add, N("y")))], []))
check(ast.Module([ast.Expr(ast.BinOp(None, ast.Add(), N("y")))], []))
check(ast.Module([ast.Expr(ast.UnaryOp(ast.Not()))], []))
check(ast.Module([None], []))
check(ast.Module([ast.Expr(ast.List([None], ast.Load()))], []))
check(ast.Module([ast.Expr(ast.Dict([None], [N("x")]))], []))
check(M(ast.FunctionDef("f", None, [ast.Pass()], [], None)))
check(M(ast.Expr(ast.Lambda(ast.arguments([], [], None, [], [], None, [N("x")]), N("x")))))
check(M(ast.Expr(ast.Lambda(ast.arguments([], [], None, [ast.arg("a")], [], None, []), N("x")))))
for st in [ast.Global([]), ast.Import([]), ast.With([], [ast.Pass()]),
           ast.Try([ast.Pass()], [], [ast.Pass()], []), ast.TryStar([ast.Pass()], [], [], []),
           ast.Raise(None, N("x")), ast.AnnAssign(ast.Attribute(N("a"), "b", ast.Store()), N("int"), None, 1),
           ast.Expr(ast.BoolOp(ast.And(), [N("a")])), ast.Expr(ast.Compare(N("a"), [], [])),
           ast.Expr(ast.Compare(N("a"), [ast.Eq()], [N("b"), N("c")])),
           ast.Expr(ast.Dict([N("a")], [])), ast.Expr(ast.ListComp(N("a"), [])),
           ast.Expr(N("a", ast.Store())), ast.Assign([N("a")], N("b")), ast.Delete([N("a")]),
           ast.Assign([], N("b")), ast.If(N("a"), [], []), ast.While(N("a"), [], []),
           ast.Expr(ast.Starred(N("a"), ast.Load())), ast.Return(None), ast.Break()]:
    check(M(st))

def pat(p):
    check(M(ast.Match(N("x"), [ast.match_case(p, None, [ast.Pass()])])))
C = ast.Constant
pat(ast.MatchValue(C(None)))
pat(ast.MatchValue(C((1, 2))))
pat(ast.MatchValue(ast.UnaryOp(ast.USub(), C(1))))
pat(ast.MatchValue(ast.UnaryOp(ast.USub(), C("a"))))
pat(ast.MatchValue(ast.BinOp(C(1), ast.Add(), C(1j))))
pat(ast.MatchValue(N("y")))
pat(ast.MatchSingleton(C(1)))
pat(ast.MatchSingleton(None))
pat(ast.MatchClass(ast.Call(N("y"), [], []), [], [], []))
pat(ast.MatchClass(N("y"), [], ["a"], []))
pat(ast.MatchStar())
pat(ast.MatchSequence([ast.MatchStar("_")]))
pat(ast.MatchAs(ast.MatchAs(), None))
pat(ast.MatchOr([ast.MatchAs()]))
pat(ast.MatchMapping([C(None)], [ast.MatchAs()], None))
pat(ast.MatchMapping([], [], "True"))
check(M(ast.Match(N("x"), [])))

# Deep trees: RecursionError, never a crash.
x = ast.Constant(1, **L)
for i in range(100000):
    x = ast.UnaryOp(ast.Not(), x, **L)
check(ast.Expression(x), "eval", fix=False)
x = ast.Constant(1, **L)
for i in range(100000):
    x = ast.List([x], ast.Load(), **L)
check(ast.Expression(x), "eval", fix=False)

# compile() argument checks.
for args in [("x", "<s>", "func_type"), ("x", "<s>", "bad", ast.PyCF_ONLY_AST), ("x", "<s>", "bad"),
             ("x", "<s>", "exec", 0x8000000), ("x", "<s>", "exec", 0, False, 5), (5, "<s>", "exec"),
             (compile("1", "", "eval"), "<s>", "eval")]:
    try:
        compile(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
