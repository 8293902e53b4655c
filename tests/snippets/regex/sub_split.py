# re.sub/subn/split/findall/finditer, including the empty-match rules.
import re

print(re.sub(r'\s+', ' ', 'a  b \t c'))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@host, ann@box'))
print(re.sub(r'(?P<w>\w)', r'[\g<w>]', 'ab'))
print(re.sub('a', lambda m: m.group().upper() * 2, 'banana'))
print(re.sub('a', lambda m: None if m.start() == 1 else 'X', 'banana') if False else '')
print(re.subn('a', 'o', 'banana'), re.subn('a', 'o', 'banana', count=2), re.subn('a', 'o', 'banana', 0))
print(re.sub('x*', '-', 'abxd'), re.sub('x*', '-', ''), re.sub('', '-', 'abc'))
print(re.sub(r'\b', '|', 'ab cd'), re.sub('(?=b)', '^', 'abab'))
print(re.sub('a', r'\n', 'xax') == 'x\nx', re.sub('a', '\\\\', 'xax'))
print(re.sub(b'a', b'o', b'banana'), re.sub(rb'(a)', rb'<\1>', b'ba'))
print(re.split(r'[,;]\s*', 'a, b;c,d'), re.split(r'(,)', 'a,b'), re.split(r'(,)?x', 'axb,xc'))
print(re.split('x*', 'axbc'), re.split('', 'abc'), re.split(r'\b', 'a b'), re.split('a', ''))
print(re.split(',', 'a,b,c,d', maxsplit=2), re.split(',', 'a,b', -1), re.split('(?m)^', 'a\nb\nc'))
print(re.findall(r'\d', 'a1b2c3'), re.findall(r'(\d)(\w)', 'a1b2c3'), re.findall(r'(\d)?x', 'x1x'))
print(re.findall('', 'ab'), re.findall('a*', 'baaac'), re.findall(r'\b|a', 'ab'))
print([m.span() for m in re.finditer('a*', 'baaac')])
print([m.group() for m in re.finditer(r'\w+', 'one two  three')])
it = re.finditer('x', 'axbx')
print(type(it).__name__, next(it).span(), next(it).span(), next(it, 'end'))
p = re.compile(r'(\w)(\d)?')
print(p.findall('a1b'), p.findall('a1b2', 1), p.findall('a1b2', 1, 3))
s = re.compile(r'\d').scanner('a1b22')
print(s.pattern, s.search(), s.search(), s.search(), s.search(), s.search())
s = re.compile(r'\d').scanner('12a3')
print(s.match(), s.match(), s.match(), s.match())
sc = re.Scanner([(r'\d+', lambda s, t: int(t)), (r'\s+', None), (r'[a-z]+', lambda s, t: t.upper())])
print(sc.scan('12 ab 3 x!'))
text = 'banana'
print(re.sub('x', 'y', text) is text)
for bad in [lambda: re.sub('a', lambda m: 1, 'a'), lambda: re.sub('a', 1, 'a'),
            lambda: re.sub('a', b'x', 'a'), lambda: re.sub(b'a', 'x', b'a'),
            lambda: re.sub('(a)', r'\2', 'a'), lambda: re.sub('a', r'\q', 'a')]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
