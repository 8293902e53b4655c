# Error messages of re and _sre.
import re, _sre

def t(f):
    try:
        r = f()
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: re.compile('a').match(1))
t(lambda: re.compile('a').search(b'a'))
t(lambda: re.compile(b'a').findall('a'))
t(lambda: re.compile('a').match())
t(lambda: re.compile('a').match('a', x=1))
t(lambda: re.compile('a').match('a', 'b'))
t(lambda: re.compile('a').sub('x'))
t(lambda: re.compile('a').split())
t(lambda: re.match('(', 'a'))
t(lambda: re.match('a{2,1}', 'a'))
t(lambda: re.compile('(?<=a+)b'))
t(lambda: re.compile(r'\1(a)'))
t(lambda: re.Pattern())
t(lambda: re.Match())
t(lambda: _sre.compile('a', 0, (1,), 0, {}, ()))
t(lambda: _sre.compile('a', 0, [2**32], 0, {}, ()))
t(lambda: _sre.ascii_tolower(ord('A')))
t(lambda: _sre.unicode_tolower(0x130))
t(lambda: _sre.unicode_iscased(ord('1')))
t(lambda: _sre.ascii_iscased(ord('a')))
t(lambda: _sre.getcodesize())
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
t(lambda: re.compile('a').scanner('a').match(1))
t(lambda: re.match('a', 'a').start(5))
t(lambda: re.match('a', 'a').span('x'))
t(lambda: re.match('(?P<x>a)', 'a').group(True))
