# Subjects: non-ASCII str (positions in code points), lone surrogates,
# bytes, bytearray, memoryview; bytes patterns and categories.
import re

s = 'naïve café ☕ 😀 end'
print(re.findall(r'\w+', s), [m.span() for m in re.finditer(r'\S+', s)])
print(re.search('é', s).span(), re.search('😀', s).span(), re.search(r'(?<=☕ )\S', s))
print(re.sub('é', 'E', s), re.split(' ', s), re.search('end$', s).span())
print(re.match(r'.{5}', s), re.search(r'\s(\S)\s', s).span(1), re.findall(r'(?i)CAFÉ', s))
u = 'a\ud800b\udfffc'
print(re.findall('.', u) == list(u), re.search('\ud800', u).span(), re.split('[\ud800\udfff]', u))
print(re.findall(r'\d+', '١٢٣ 45 ٦'), re.findall(r'(?a)\d+', '١٢٣ 45'), re.findall(r'\s', 'a\x1cb\u2028c\x85'))
print(re.findall(rb'\w+', b'ab \xe9cd'), re.findall(rb'[\x80-\xff]+', b'a\xe9\xffb'))
print(re.search(rb'(?i)\xe9', b'\xc9'), re.search(rb'(?i)A', b'xa'))
print(re.findall(b'a.', bytearray(b'abac')), re.search(b'c', memoryview(b'abc')))
m = re.search(b'(b)', bytearray(b'abc'))
print(m.group(1), type(m.group(1)).__name__, type(m.string).__name__)
print(re.sub(b'a', b'x', bytearray(b'banana')), re.split(b'a', memoryview(b'banana')))
long = 'é' * 1000 + 'x' + 'é' * 1000 + 'y'
print([m.span() for m in re.finditer('[xy]', long)], re.compile('y').search(long, 5).span())
print(re.compile('x').search(long, 999, 1002), re.compile('é+').match(long, 998).span())
class S(str):
    pass
m = re.match('a', S('ab'))
print(type(m.group()).__name__, type(m.string).__name__, type(re.sub('z', 'y', S('ab'))).__name__)
print(re.findall(r'\b\w', 'éa bé'), re.findall(r'(?u)\W', 'é!'))
