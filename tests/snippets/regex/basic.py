# re basics: match/search/fullmatch, groups, spans, Match attributes.
import re

cases = [
    (r'a+', 'aaab'), (r'a+', 'baaa'), (r'(\d+)-(\d+)', '123-456'),
    (r'(?P<first>\w+) (?P<last>\w+)', 'Jane Doe'), (r'x*', ''), (r'', 'abc'),
    (r'(a)|(b)', 'b'), (r'(a)?b', 'b'), (r'((a)(b))c', 'abc'), (r'.', '\n'),
    (r'(?s).', '\n'), (r'^$', ''), (r'a$', 'a\n'), (r'a\Z', 'a\n'), (r'\Aa', 'ba'),
]
for pat, s in cases:
    for fn in (re.match, re.search, re.fullmatch):
        m = fn(pat, s)
        if m is None:
            print(fn.__name__, repr(pat), repr(s), None)
            continue
        print(fn.__name__, repr(pat), repr(s), m.span(), repr(m.group()), m.groups(),
              m.groupdict(), m.lastindex, m.lastgroup, m.regs)

m = re.search(r'(?P<a>x)(y)?(?P<c>z)', 'wxzq')
print(m, m.re, m.string, m.pos, m.endpos)
print(m.group(0, 1, 'c'), m.group('a'), m[1], m['c'], m[2])
print(m.groups('dflt'), m.groupdict('dflt'), m.start(2), m.end(2), m.span('c'))
print(m.start(), m.end(), m.expand(r'\1-\g<c>-\g<0>'))
for bad in (3, -1, 'nope', 1.5, None):
    try:
        m.group(bad)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
import copy
print(copy.copy(m) is m, copy.deepcopy(m) is m)

p = re.compile(r'\d+')
print(p.match('ab12cd', 2), p.match('ab12cd', 2, 3), p.search('ab12cd', 3),
      p.search('12ab', 1), p.fullmatch('a12b', 1, 3), p.match('12', 5), p.search('1234', 2, 1))
print(p.match('12', -5), p.search('abc12', pos=-100, endpos=100))
print(re.match(r'^b', 'ab', re.M), re.compile(r'^b').search('ab', 1), re.compile(r'(?m)^b').search('ab', 1))
print(re.compile('').match('abc', 2, 1), re.compile('').search('abc', 2, 1))
print(re.search(r'\bfoo\b', 'a foo b'), re.search(r'\Bo', 'foo'), re.search(r'\b', ''))
print(re.match(r'(a)(b)(c)', 'abc').lastindex, re.match(r'(a(b))', 'ab').lastindex,
      re.match(r'(?P<x>a)(?P<y>b)?', 'a').lastgroup)
print(repr(re.match(r'.*', 'x' * 100)))
print(re.match('a', 'a').__class__.__name__, type(re.compile('a')).__module__)
