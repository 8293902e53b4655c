# Cases that exercise the engine's shortcuts (literal prefix search,
# leading-set search, first-op skipping, lazy repeats before a literal,
# greedy repeats backing off to a literal), on ASCII, bytes and non-ASCII
# subjects; results must equal plain backtracking's.
import re

subjects = ['a<b>c<<d>>e<', 'x\ny<z\n>w', 'aaaa', '', 'é<ü>ö<€>😀', 'THE the ThE tHe']
patterns = [r'<.*?>', r'<.*>', r'<[^>]*?>', r'(?s)<.*?>', r'<.{0,1}?>', r'<.{2,}?>', r'a.*?a',
            r'a+?a', r'a*a', r'a{2}a', r'(?i)the', r'(?i)t[h]e', r'the|THE', r'[<>]+', r'.<',
            r'(<)(.*?)(>)', r'(?:<(.))*?>', r'x*?<', r'.*?\n', r'[^<]*<', r'(?i)É', r'ö<', r'😀$']
for s in subjects:
    for p in patterns:
        print(repr(p), repr(s), re.findall(p, s), [m.span() for m in re.finditer(p, s)])
for s in ['ab' * 5 + 'c', 'abababab']:
    print(re.findall(r'(?:ab)+?c', s), re.findall(r'a.*b', s), re.findall(r'a.*?b', s), re.search(r'b.*a', s))
b = b'<x>\n<yy><'
print(re.findall(rb'<.*?>', b), re.findall(rb'<.*>', b), re.findall(rb'(?i)<X>', b), re.findall(rb'y*?>', b))
print(re.compile(r'<.*?>').search('<a><b>', 1), re.compile(r'a.*?b').match('aXb', 0, 2), re.compile('b.*?$').search('ab\nb'))
print(re.sub(r'<.*?>', '', 'x<a>y<b>z'), re.split(r'\s*?,', 'a , b,c'), re.fullmatch(r'a.*?', 'abc'))
print(re.findall(r'abcab', 'abcabcabcab'), re.findall(r'aab', 'aaaab aab'), re.findall(r'(?=(abab))', 'ababab'))
