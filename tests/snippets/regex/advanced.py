# Lookaround, atomic groups, possessive repeats, conditionals, backrefs,
# lazy quantifiers, flags and Pattern repr/eq/hash.
import re

def show(pat, s, flags=0):
    try:
        m = re.search(pat, s, flags)
    except re.error as e:
        print(repr(pat), 'error:', e)
        return
    print(repr(pat), repr(s), m and (m.span(), m.groups()))

show(r'(?<=ab)c', 'abc'); show(r'(?<!ab)c', 'abc xc'); show(r'(?<=(a))b', 'ab')
show(r'a(?=b)', 'ac ab'); show(r'a(?!b)', 'ab ac'); show(r'(?=(a+))a*b\1', 'baaabac')
show(r'(?>a+)b', 'aaab'); show(r'(?>a+)ab', 'aaab'); show(r'(?>(a)|b)+', 'ab')
show(r'a++b', 'aab'); show(r'a++a', 'aaa'); show(r'(?:ab)++a', 'ababa'); show(r'(?:ab)*+ab', 'abab')
show(r'a?+a', 'a'); show(r'a{1,2}+a', 'aaa'); show(r'(a|ab)*+c', 'abac')
show(r'(a)?(?(1)b|c)', 'ab'); show(r'(a)?(?(1)b|c)', 'c'); show(r'(?P<q>")?\w+(?(q)")', '"ab"')
show(r'(a)\1', 'aa'); show(r'(?i)(a)\1', 'aA'); show(r'(?P<x>a)(?P=x)', 'aa'); show(r'(a)|\1', 'x')
show(r'a*?b', 'aab'); show(r'a+?', 'aaa'); show(r'a{2,3}?', 'aaaa'); show(r'(a|b)*?c', 'abc')
show(r'(?:a|(b))*c', 'abac'); show(r'(a*)*b', 'aab'); show(r'(a*)+b', 'b'); show(r'(?:(a)|b)*', 'ab')
show(r'(a)*', 'aaa'); show(r'(a|b)*', 'abab'); show(r'(?:x(a)|x(b))*', 'xaxb'); show(r'((a)|b)+', 'ab')
show(r'(a)+?b', 'aab'); show(r'(?:(a)|(b))+?c', 'abc'); show(r'([ab]*?)(b)?c', 'abc')
show(r'^(\w+)\s*=\s*(.*?)\s*$', 'key =  value  '); show(r'(\d+)(?:\.(\d+))?', 'v3.14')
show(r'[^\W\d]+', '12ab_c3'); show(r'[\d\s]+', 'ab 1 2x'); show(r'[a-f\-]+', 'x-ab-z')
show(r'x{0}', 'x'); show(r'x{3}', 'xxxx'); show(r'x{2,}', 'xxxxx'); show(r'(?:){3}', 'a')
show(r'\x41\u0042\U00000043\101\0', 'ABCA\0'); show(r'[\x00-\x1f]+', 'a\t\nb')
show(r'ab|cd|ef', 'xxef'); show(r'(?:a|b|c)d', 'cd'); show(r'a|b|', 'z')
show(r'(?x) a  b # comment', 'ab'); show(r'(?a)\w+', 'é_x'); show(r'\w+', 'é_x')
show(r'(?i)straße', 'STRASSE'); show(r'(?i)\u017f', 's'); show(r'(?i)k', '\u212a')
show(r'(?i)ǅ', 'ǆ')
show(r'(?m)^b$', 'a\nb\nc'); show(r'(?s)a.b', 'a\nb'); show(r'a.b', 'a\nb'); show(r'$', 'a\n')
for p in [re.compile('a'), re.compile(b'a', re.I), re.compile('x', re.S | re.M | re.X),
          re.compile('y', re.A), re.compile(b'(?L)z'), re.compile('q' * 250), re.compile('z', re.U),
          re.compile('w', re.I | 512), re.compile("'\"")]:
    print(repr(p), p.flags, p.groups, dict(p.groupindex))
p1, p2, p3 = re.compile('a(b)'), re.compile('a(b)'), re.compile('a(b)', re.I)
print(p1 == p2, p1 == p3, p1 != p2, hash(p1) == hash(p2), p1 == 'a(b)')
print(dict(re.compile("(?P<n>a)(?P<m>b)").groupindex), type(re.compile('(?P<n>a)').groupindex).__name__)
print(re.Pattern[str], re.Match[bytes])
import copy
print(copy.copy(p1) is p1, copy.deepcopy(p1) is p1)
print(re.escape('a.b*c'), re.purge())
