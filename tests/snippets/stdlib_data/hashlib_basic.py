# hashlib over the builtin hash modules (_md5, _sha1, _sha256, _sha512, _sha3, _blake2).
import sys
sys.modules['_hashlib'] = None  # compare the builtin modules, not OpenSSL
import hashlib

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

names = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256',
         'sha3_384', 'sha3_512', 'blake2b', 'blake2s']
data = bytes(range(256)) * 5
for n in names:
    h = hashlib.new(n)
    h.update(b'abc')
    c = h.copy()
    c.update(data)
    h2 = getattr(hashlib, n)(b'abc' + data)
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(), c.hexdigest() == h2.hexdigest(),
          len(h.digest()), type(h).__name__, type(h).__module__)
    print('  ', getattr(hashlib, n)(usedforsecurity=False).hexdigest())
for n in ['shake_128', 'shake_256']:
    h = hashlib.new(n, b'abc')
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(10), h.digest(3), h.copy().hexdigest(40))
    t(h.digest)
    t(h.digest, -1)
    t(h.hexdigest, length=4)
import _sha3
s = _sha3.sha3_256()
print(s._capacity_bits, s._rate_bits, s._suffix, _sha3.shake_128()._suffix)
print(hashlib.md5(bytearray(b'x')).hexdigest(), hashlib.sha1(memoryview(b'x')).hexdigest())
t(hashlib.md5, 'a')
t(hashlib.md5, 1)
print(hashlib.sha256(string=b'a').hexdigest())
t(lambda: hashlib.md5().update())
t(lambda: hashlib.md5().digest(1))
t(lambda: hashlib.new('nope'))
print(sorted(hashlib.algorithms_guaranteed))

b = hashlib.blake2b
t(b, digest_size=0); t(b, digest_size=65); t(b, salt=b'x'*17); t(b, person=b'x'*17); t(b, key=b'x'*65)
t(b, fanout=256); t(b, fanout=-1); t(b, depth=0); t(b, depth=256); t(b, leaf_size=2**32); t(b, leaf_size=-1)
t(b, node_offset=2**64); t(b, node_offset=-1); t(hashlib.blake2s, node_offset=2**48); t(b, node_depth=256)
t(b, inner_size=65); t(b, inner_size=-1); t(hashlib.blake2s, salt=b'x'*9)
t(b, b'a', b'b'); t(b, data=b'a'); t(b, 'a'); t(b, 1)
print(b.SALT_SIZE, b.PERSON_SIZE, b.MAX_KEY_SIZE, b.MAX_DIGEST_SIZE, hashlib.blake2s.SALT_SIZE, hashlib.blake2s.MAX_DIGEST_SIZE)
for ctor in (hashlib.blake2b, hashlib.blake2s):
    x = ctor(b'abc', digest_size=16, key=b'k', salt=b's', person=b'p', fanout=2, depth=3, leaf_size=5,
             node_offset=7, node_depth=1, inner_size=9, last_node=True)
    print(x.hexdigest(), x.name, x.digest_size, x.block_size, type(x).__name__)
    print(ctor(key=b'secret').hexdigest(), ctor(b'x', digest_size=20).hexdigest())
print(hasattr(hashlib, 'pbkdf2_hmac'))
