# CPython's invalid_named_expression: '=' used for '==' in statements, decorators and tuples.
for s in ['(a < b) = 1', '(x if y else z) = 1', '(lambda: 1) = 2', '(a and b) = 1', '(True) = 1', '(None) = 1', '((a, b)) = 1', '(x for x in y) = 1', '[x for x in y] = 1', '(-a) = 1', '-a = 1', '(not a) = 1', 'not a = 1', '(a := 1) = 2', '(await x) = 1', '(a) = 1', '((a := 1)) = 2', '(...) = 1', '(1) = 2', '"s" = 1', 'True = 1', '[a := 1] = 2', '(a := 1) = 2 = 3', 'x = (a := 1) = 2','(yield) = 1', '@x = 1', '@x.y = 1', 'def f() -> : pass', 'def f() -> int pass', 'def f(): -> int', 'def f() -> int: pass', 'def f(a) -> : pass']:
  try: compile(s,'f','exec'); print(repr(s),'ok')
  except SyntaxError as e: print(repr(s), e.msg, e.offset, e.end_offset)
