"""Generates num_cases.txt: numeric operations evaluated by CPython 3.11.

Each line: OP <TAB> ARG... <TAB> EXPECTED, where OP is `bin:<op>`,
`call:<builtin or math.name>`, or `meth:<name>` (method of the first
argument); args are encoded `i:<int>`, `f:<float.hex()>`, `c:<re hex>,<im hex>`,
`s:<text with \\t \\n escaped>`, `n:` (None), `T:`/`F:` (bools);
EXPECTED is repr(result) or `!<ExceptionType>: <message>`.
Run: python3 gen_num_cases.py > num_cases.txt
"""
import cmath, math, operator, random, sys

def enc(v):
    if v is None: return 'n:'
    if v is True: return 'T:'
    if v is False: return 'F:'
    if isinstance(v, int): return f'i:{v}'
    if isinstance(v, float): return f'f:{v.hex()}'
    if isinstance(v, complex): return f'c:{v.real.hex()},{v.imag.hex()}'
    if isinstance(v, str): return 's:' + v.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
    raise TypeError(v)

BIN = {'+': operator.add, '-': operator.sub, '*': operator.mul, '/': operator.truediv, '//': operator.floordiv,
       '%': operator.mod, '**': operator.pow, '<<': operator.lshift, '>>': operator.rshift, '&': operator.and_,
       '|': operator.or_, '^': operator.xor, '==': operator.eq, '!=': operator.ne, '<': operator.lt, '<=': operator.le,
       '>': operator.gt, '>=': operator.ge}
FUN = {'int': int, 'float': float, 'complex': complex, 'divmod': divmod, 'pow': pow, 'round': round, 'hash': hash,
       'repr': repr, 'format': format, 'abs': abs, 'str': str, 'bool': bool}

def run(op, args):
    kind, name = op.split(':', 1)
    if kind == 'bin': return BIN[name](*args)
    if kind == 'meth': return getattr(args[0], name)(*args[1:])
    if name.startswith('math.'): return getattr(math, name[5:])(*args)
    if name.startswith('cmath.'): return getattr(cmath, name[6:])(*args)
    if name.startswith('int.') or name.startswith('float.'):
        t, m = name.split('.'); return getattr({'int': int, 'float': float}[t], m)(*args)
    return FUN[name](*args)

def out(op, *args):
    try:
        r = repr(run(op, args))
    except Exception as e:
        r = f'!{type(e).__name__}: {e}'
    r = r.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
    print('\t'.join([op] + [enc(a) for a in args] + [r]))

random.seed(11)
inf, nan = float('inf'), float('nan')
ints = [0, 1, -1, 2, -3, 7, 10, -10, 255, 2**31, -2**31, 2**62 - 1, -2**62, 2**62, 2**63, -2**63 - 1, 2**64 + 5, 10**20, -(10**25), 3**100, -(7**90)]
floats = [0.0, -0.0, 0.5, -1.5, 2.0, 3.7, -7.25, 1e16, 1e-300, 1e308, 5e-324, inf, -inf, nan, 0.1, 2.0**53, 2.0**63, -2.0**64]
cplx = [0j, 1j, 1+2j, -3.5-0.5j, complex(1e300, 1e300), complex(inf, 0), complex(0, -0.0)]
small = [0, 1, -1, 2, -2, 3, 5, -7, 0.5, -2.5, 2.0, 1e300, True, False]
for a in ints + floats[:8]:
    for b in ints[:12] + floats[:8] + [True]:
        for o in ['+', '-', '*', '/', '//', '%', '**', '==', '<', '>=', '&', '<<', '>>']:
            if o == '**' and isinstance(b, int) and not isinstance(a, float) and b > 200: continue
            if o == '<<' and isinstance(b, int) and b > 200: continue
            out('bin:' + o, a, b)
for a in floats + cplx:
    for b in floats + cplx[:4] + [3, 2**100]:
        for o in ['+', '-', '*', '/', '**', '==', '!=', '//', '%']:
            out('bin:' + o, a, b)
for a in ints + [True]:
    for b in [1, 10, 2**70, -2**70, 2.0**70, float(2**53 + 1), 9007199254740993.0, inf, nan, 0.5]:
        for o in ['==', '<', '>']:
            out('bin:' + o, a, b)
for a in [2, 3, -3, 0, 10**20, 7]:
    for b in [0, 1, 5, -1, -2, 10**5 + 1]:
        for m in [None, 1, -1, 7, -7, 10**9 + 7, 0, 4]:
            out('call:pow', a, b, m)
for a in ints + floats + cplx + [True, False]:
    if a == a: out('call:hash', a)
    out('call:repr', a); out('call:int', a); out('call:float', a); out('call:complex', a)
    out('call:abs', a); out('call:bool', a); out('call:str', a)
for a in ints:
    for m in ['bit_length', 'bit_count', 'as_integer_ratio', '__round__', '__trunc__', '__floor__', '__ceil__', 'conjugate', '__sizeof__']:
        out('meth:' + m, a)
    for n in [-1, -2, -5, -30, 0, 3, None]:
        out('call:round', a, n)
    for ln in [0, 1, 2, 8, 20]:
        for order in ['big', 'little']:
            for signed in [False, True]:
                out('meth:to_bytes', a, ln, order, signed)
for a in floats + [2.675, 0.125, 0.375, 1234.5678, -1250.0, 1.5, 2.5, -0.5, 1e22, 123456789.123456789]:
    for m in ['is_integer', 'as_integer_ratio', 'hex', '__trunc__', '__floor__', '__ceil__', '__round__', 'conjugate']:
        out('meth:' + m, a)
    for n in [-400, -308, -3, -1, 0, 1, 2, 3, 10, 17, 400, None]:
        out('call:round', a, n)
texts = ['0', '-0', ' 12 ', '1_000', '_1', '1__0', '0x1F', '0o17', '0b101', '0X_ff', '00', '007', '1e5', '1.5', '-1.5e-3', ' inf', '-Infinity', 'nan', '+nan', 'infinit', '', ' ', '+', '1_', '1.', '.5', '.', '1e', 'e5', '١٢٣', '12\u00a0', '0x', '1.5j', '1+2j', '(1-2j)', 'j', '-j', '1e+5-1e-5J', '1 + 2j', 'infj', 'nan+nanj', '1_0.5', '1._5', '1e_5', '1e5_0', 'z', '0xg', '99999999999999999999', '0.1e-400', '1e400', '0x1.8p1', '1.8p1', '0x1p-1074', '0x1p-1075', '0x3p-1076', '0x1p1024', '0x1.fffffffffffff8p1023', '0x1.00000000000008p0', '0x1.00000000000018p0', '0x1.0000000000000fp0', '0x.8', '0x1.', 'x1', '0x1p', ' -0X1P-1074 ']
for t in texts:
    out('call:int', t); out('call:float', t); out('call:complex', t); out('call:float.fromhex', t)
    for b in [0, 2, 8, 16, 36]:
        out('call:int', t, b)
for _ in range(400):
    v = random.choice([random.uniform(-1e6, 1e6), random.uniform(-1, 1), 10 ** random.uniform(-300, 300), random.getrandbits(64) * 2.0 ** random.randint(-1100, 900)])
    out('call:repr', v)
    out('call:round', v, random.randint(-20, 20))
    out('call:float', repr(v)); out('call:float', '%.17e' % v)
    out('meth:hex', v)
for _ in range(200):
    a = random.getrandbits(random.randint(1, 300)) * random.choice([1, -1]); b = random.getrandbits(random.randint(1, 200)) * random.choice([1, -1]) or 1
    for o in ['/', '//', '%', '==', '<']:
        out('bin:' + o, a, b)
    out('bin:==', a, float(a)); out('bin:<', a, float(a)); out('call:float', a); out('call:hash', a)
    out('call:round', a, -random.randint(1, 30))
for a, b in [(1, 2**1074), (3, 2**1075), (1, 2**1075), (2**2000 + 1, 2**3074), (-(2**2000) - 1, 2**3075), (10**400, 10**399), (2**1024, 1), (2**1024 - 2**970, 1), (2**1024 - 2**970 - 1, 1), (7, 3 * 2**1060), (2**53 + 1, 1), (2**54 + 3, 2), (1, 3), (-1, 3), (10**30, -7)]:
    out('bin:/', a, b)
# math
unary = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh', 'degrees', 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'floor', 'frexp', 'gamma', 'isfinite', 'isinf', 'isnan', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'modf', 'radians', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc', 'ulp']
margs = [0, 1, -1, 2, 0.5, -0.5, 3.7, -2.5, 10, 100, 171.5, 200, -200.5, 1e-20, 1e300, -1e300, 1e308, 5e-324, inf, -inf, nan, 2**1100, -(2**1100), 10**400, True, 0.0, -0.0, 7.000000001, 1.5]
for f in unary:
    for x in margs:
        out('call:math.' + f, x)
for _ in range(300):
    x = random.choice([random.uniform(-10, 10), random.uniform(0, 200), random.uniform(-180, 0), random.uniform(0.001, 3)])
    out('call:math.gamma', x); out('call:math.lgamma', x); out('call:math.erf', x); out('call:math.log', x)
binary = ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'nextafter', 'ldexp', 'log', 'dist', 'hypot', 'isclose', 'comb', 'perm', 'gcd', 'lcm']
bargs = [0, 1, -1, 2, 3, 0.5, -2.5, 1e308, 5e-324, inf, -inf, nan, 10, -0.0, 1024, -1075, 2**70]
for f in ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'nextafter', 'ldexp', 'log', 'hypot', 'isclose']:
    for x in bargs:
        for y in bargs:
            out('call:math.' + f, x, y)
for f in ['comb', 'perm', 'gcd', 'lcm']:
    for x in [0, 1, 5, 10, 52, 100, -3, 2**70, 3.0, 1000]:
        for y in [0, 1, 2, 5, 26, 48, 60, -1, 2**70, 999]:
            out('call:math.' + f, x, y)
for n in [0, 1, 5, 20, 21, 50, 170, 171, -1, 5.0, 2**70, True]:
    out('call:math.factorial', n); out('call:math.isqrt', n); out('call:math.perm', n)
for n in [10**40, 2**200 - 1, 99, 3**300]:
    out('call:math.isqrt', n)
for _ in range(100):
    k = random.randint(2, 8)
    out('call:math.hypot', *[random.uniform(-1e3, 1e3) for _ in range(k)])
    out('call:math.gcd', *[random.getrandbits(random.randint(1, 90)) for _ in range(k)])
    out('call:math.lcm', *[random.getrandbits(random.randint(1, 20)) for _ in range(k)])
    out('call:math.comb', random.randint(0, 300), random.randint(0, 150))
# cmath
cvals = [-inf, -1e300, -2.5, -1.0, -0.5, -1e-310, -0.0, 0.0, 1e-310, 0.5, 1.0, 2.5, 1e300, inf, nan]
for f in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isnan', 'isinf']:
    for x in cvals:
        for y in cvals:
            out('call:cmath.' + f, complex(x, y))
for x in cvals:
    for y in cvals:
        out('call:cmath.rect', x, y)
        out('call:cmath.log', complex(x, 1.5), complex(y, 0.0))
for _ in range(300):
    z = complex(random.uniform(-5, 5), random.uniform(-5, 5))
    for f in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh', 'sqrt', 'tan', 'tanh']:
        out('call:cmath.' + f, z)
    out('call:cmath.exp', complex(random.uniform(700, 720), random.uniform(-4, 4)))
    out('call:cmath.cosh', complex(random.uniform(-720, 720), random.uniform(-4, 4)))
out('call:cmath.sqrt', 'a'); out('call:cmath.log', 0); out('call:cmath.isclose', 1j, 1j + 1e-10); out('call:cmath.isclose', 1j, 1.001j, 0.1, 0.0)
for r in [0.0, -0.0, 1.5, 1j, -0.0j, complex(-0.0, -0.0), 2, None]:
    for i in [0.0, -0.0, 2.5, 1j, complex(-0.0, -0.0), 3]:
        if r is None: out('call:complex', 0, i)
        else: out('call:complex', r, i)
