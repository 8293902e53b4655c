# binascii: hex, base64 (lenient and strict), uu, quoted-printable, CRCs, errors.
import binascii

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

data = bytes(range(256))
print(binascii.hexlify(data[:20]), binascii.b2a_hex(b'\xff\x00'))
t(binascii.hexlify, b'abc', '-')
t(binascii.hexlify, b'abcdef', b':', 2)
t(binascii.hexlify, b'abcde', ':', -2)
t(binascii.hexlify, b'abcde', ':', 2)
t(binascii.hexlify, b'abcde', '::', 2)
t(binascii.hexlify, b'abcde', 1, 2)
t(binascii.hexlify, 'abc')
t(binascii.hexlify, b'', ':')
print(bytes.fromhex('00ff').hex(), b'abc'.hex(':'))
t(binascii.unhexlify, 'abc')
t(binascii.unhexlify, 'abcg')
t(binascii.unhexlify, 'AbCd')
t(binascii.unhexlify, 'é1')
t(binascii.unhexlify, 5)
t(binascii.a2b_hex, bytearray(b'6162'))

for s in [b'YWJj', b'YWJ', b'Y', b'YW=J', b'YWJjZ', b'YW==', b'YW=', b'YWJj=', b'=YWJj', b'YW!J', b'YW\nJj', b'YW==YWJj', b'YWE=\n']:
    print(s, end=' ')
    t(binascii.a2b_base64, s)
    print('  strict', end=' ')
    t(binascii.a2b_base64, s, strict_mode=True)
t(binascii.a2b_base64, 'YWJj')
t(binascii.a2b_base64, b'a', True)
for n in range(7):
    print(binascii.b2a_base64(data[:n]), binascii.b2a_base64(data[:n], newline=False))
print(binascii.a2b_base64(binascii.b2a_base64(data)) == data)

print(binascii.crc32(b'abc'), binascii.crc32(b'abc', 5), binascii.crc32(b'abc', -1), binascii.crc32(data), binascii.crc32(b''))
print(binascii.crc_hqx(b'abc', 0), binascii.crc_hqx(b'abc', 2**20 + 3), binascii.crc_hqx(data, 0xffff))
t(binascii.crc32)
t(binascii.crc32, 'a')

for n in [0, 1, 2, 3, 4, 45]:
    e = binascii.b2a_uu(data[:n])
    print(e, binascii.b2a_uu(data[:n], backtick=True), binascii.a2b_uu(e) == data[:n])
t(binascii.b2a_uu, b'a' * 46)
t(binascii.a2b_uu, b'')
t(binascii.a2b_uu, b'#86)C   \n')
t(binascii.a2b_uu, b'#86)C x')
t(binascii.a2b_uu, b'#8\x016)C')
t(binascii.a2b_uu, b'&86)C\n')

for s in [b'a=b\tc \nd\r\n.x', b'hello world\n', b'x' * 100, b'line\r\nline2 \r\n', b'\x00\xff=_ _', b'.', b'.\n', b'tab\t']:
    for kw in [{}, {'quotetabs': True}, {'istext': False}, {'header': True}]:
        e = binascii.b2a_qp(s, **kw)
        print(e, binascii.a2b_qp(e, header=kw.get('header', False)))
for s in [b'a=3Db=\n_c', b'=4', b'=\r\nx', b'==', b'=4g', b'=a1=A1', b'x=']:
    print(binascii.a2b_qp(s), binascii.a2b_qp(s, header=True))
print(binascii.Error.__mro__)
print(binascii.Incomplete.__mro__)
print(sorted(x for x in dir(binascii) if not x.startswith('__')))
