"""Prints the special-value tables of modules/cmath_tables.rs from CPython 3.11."""
import cmath, math
inf, nan = float('inf'), float('nan')
reps = [-inf, -2.0, -0.0, 0.0, 2.0, inf, nan]
def lit(v):
    if math.isnan(v): return 'N'
    if math.isinf(v): return 'INF' if v > 0 else '-INF'
    if v == 0: return '0.0' if math.copysign(1, v) > 0 else '-0.0'
    k = {math.pi: 'P', -math.pi: '-P', math.pi/2: 'P12', -math.pi/2: '-P12', math.pi/4: 'P14', -math.pi/4: '-P14', 3*math.pi/4: 'P34', -3*math.pi/4: '-P34', 1.0: '1.0', -1.0: '-1.0'}
    return k.get(v, repr(v))
out = []
for name in ['acos', 'acosh', 'asinh', 'atanh', 'log', 'sqrt', 'exp', 'cosh', 'sinh', 'tanh', 'rect']:
    rows = []
    for a in reps:
        cells = []
        for b in reps:
            try:
                r = cmath.rect(a, b) if name == 'rect' else getattr(cmath, name)(complex(a, b))
                cells.append(f'S({lit(r.real)}, {lit(r.imag)})')
            except ValueError:
                cells.append('E')
            except OverflowError:
                cells.append('O')
        rows.append('    [' + ', '.join(cells) + '],')
    out.append(f'pub static {name.upper()}: Table = [\n' + '\n'.join(rows) + '\n];')
print('\n\n'.join(out))
