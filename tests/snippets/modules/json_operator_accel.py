# _json's scanstring/encode_basestring[_ascii] and _operator against CPython's C versions:
# results, error messages and positions.
from json.decoder import scanstring as c
import json, _operator, operator, hmac
cases=['abc"', 'a\\u12', 'a\\u12zz"', 'a\\q"', 'ab', 'a\\', 'a\x01b"', 'x\\ud83d\\ude00"', 'x\\ud83dz"', 'x\\ud83d\\u0041"','\\u0x12"', 'é\\n"', 'x\\ud83d\\uzzzz"', '\\u+123"', '\\u 123"','\\u-123"', 'é€😀"', '\\u1234', 'a\x01"']
for s in cases:
    for strict in (True, False):
        try: r=c(s,0,strict)
        except Exception as e: r=(type(e).__name__, str(e))
        print(repr(s), r)
for bad in [(5,0),('a',5),('a',-1)]:
    try: c(*bad)
    except Exception as e: print(type(e).__name__, e)
from json.encoder import encode_basestring_ascii as ea, encode_basestring as eb
print(ea('a"\\\x00é\U0001F600\ud800\x7f\b\f\n\r\t'), eb('a"\\\x00é\U0001F600\x7f\u2028\x1f'))
for f in (ea, eb):
    try: f(5)
    except Exception as e: print(e)
d = {"a": [1, 2.5, "x\u00e9\n", None, True], "b": {"c": "\ud83d\ude00"}}
s = json.dumps(d); print(s, json.loads(s) == d)
print(json.dumps(d, ensure_ascii=False), json.loads(json.dumps(d, ensure_ascii=False)) == d)
print(operator.add(1, 2), operator.iadd([1], [2]), operator.lt(1, 2), operator.not_(0), operator.index(5), operator.contains([1], 1))
print(operator.add.__doc__, operator.iadd.__doc__, operator.ge.__doc__)
for a,b in [('a',1),(1,1),('é','é'),('a',b'a'),(b'a',bytearray(b'a')),('abc','abc'),(b'ab',b'abc'), (memoryview(b'x'), b'x'),('a','é'),(b'a','a')]:
    try: print(operator._compare_digest(a,b))
    except Exception as e: print(type(e).__name__, e)
for f in ['add','neg','not_','contains','setitem']:
    try: getattr(_operator,f)()
    except TypeError as e: print(e)
try: _operator.add(1,2,x=3)
except TypeError as e: print(e)
print(hmac.new(b'k', b'msg', 'sha256').hexdigest(), hmac.compare_digest(b'a', b'a'))
for s in ['x\\ud83d\\ude00', 'x\\ud83d\\ude0', 'x\\ud83d\\u', 'x\\ud83d\\ude00"','x\\ud83d\\']:
    try: print(repr(s), c(s,0))
    except Exception as e: print(repr(s), e)
