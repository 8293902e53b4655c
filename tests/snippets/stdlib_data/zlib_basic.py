# zlib: one-shot and streaming (de)compression, wbits formats, zdict, copies, errors.
import zlib

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r)[:120])
    except Exception as e:
        print(type(e).__name__ + ':', e)

data = b''.join(b'line %d: %s\n' % (i, b'spam ' * (i % 7)) for i in range(2000))
for level in [-1, 0, 1, 6, 9]:
    for wbits in [15, -15, 31, 9, -9, 25]:
        c = zlib.compress(data, level, wbits)
        dw = 47 if wbits > 15 else wbits
        print(level, wbits, zlib.decompress(c, dw) == data, zlib.decompress(c, wbits) == data)
print(zlib.decompress(zlib.compress(b'')) == b'', zlib.compress(b'', wbits=-15) != b'')
print(zlib.decompress(zlib.compress(data), bufsize=1) == data)
print(zlib.decompress(zlib.compress(b'abc') + b'xx'))
t(zlib.compress, b'abc', 10)
t(zlib.compress, b'abc', wbits=7)
t(zlib.compress, b'abc', wbits=32)
t(zlib.compress, 'abc')
t(zlib.decompress, b'abc')
t(zlib.decompress, zlib.compress(b'abc')[:-1])
t(zlib.decompress, zlib.compress(b'abc'), wbits=99)
t(zlib.decompress, zlib.compress(b'abc'), bufsize=-1)
t(zlib.compressobj, 10)
t(zlib.compressobj, method=9)
t(zlib.compressobj, memLevel=10)
t(zlib.compressobj, strategy=9)
t(zlib.compressobj, zdict='x')
t(zlib.decompressobj, wbits=99)
t(zlib.decompressobj, zdict='x')

# Streaming with every strategy and flush mode.
for strategy in [zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED]:
    c = zlib.compressobj(6, zlib.DEFLATED, 15, 9, strategy)
    parts = [c.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
    parts.append(c.flush(zlib.Z_SYNC_FLUSH))
    parts.append(c.compress(b'tail'))
    parts.append(c.flush(zlib.Z_FULL_FLUSH))
    parts.append(c.flush())
    comp = b''.join(parts)
    print(strategy, zlib.decompress(comp) == data + b'tail')
c = zlib.compressobj()
print(c.flush(zlib.Z_NO_FLUSH), len(c.flush()) > 0)
t(c.compress, b'a')
t(c.flush)
t(c.copy)

# Decompress objects: max_length, unconsumed_tail, unused_data, eof, flush, copy.
comp = zlib.compress(b'hello' * 100)
d = zlib.decompressobj()
out = d.decompress(comp + b'tail', 10)
print(out, len(d.unconsumed_tail) > 0, d.unused_data, d.eof)  # how much input zlib buffers varies
out2 = d.decompress(d.unconsumed_tail)
print(len(out2), d.unconsumed_tail, d.unused_data, d.eof)
d = zlib.decompressobj()
chunks = []
for i in range(0, len(comp), 7):
    chunks.append(d.decompress(comp[i:i + 7]))
chunks.append(d.flush())
print(b''.join(chunks) == b'hello' * 100, d.eof)
d = zlib.decompressobj()
x = d.decompress(comp[:20])
e = d.copy()
print(x + d.decompress(comp[20:]) == x + e.decompress(comp[20:]), e.eof, d.eof)
c = zlib.compressobj()
head = c.compress(data[:5000])
c2 = c.copy()
print(zlib.decompress(head + c.flush()) == data[:5000], zlib.decompress(head + c2.compress(b'more') + c2.flush()) == data[:5000] + b'more')
d = zlib.decompressobj()
print(d.decompress(zlib.compress(b'abc') + b'tail'), d.unconsumed_tail, d.unused_data)
print(d.decompress(b'more'), d.unconsumed_tail, d.unused_data, d.eof)
import copy
print(zlib.decompress(copy.copy(zlib.compressobj()).flush()) == b'')
d = zlib.decompressobj()
d.decompress(comp, 50)
print(len(d.flush()), d.eof)
t(d.decompress, b'x', -1)
t(d.flush, 0)

# zdict.
zd = b'hello world spam'
c = zlib.compressobj(zdict=zd)
x = c.compress(b'hello world spam and eggs') + c.flush()
t(zlib.decompress, x)
d = zlib.decompressobj(); t(d.decompress, x)
d = zlib.decompressobj(zdict=zd); t(d.decompress, x)
d = zlib.decompressobj(zdict=b'wrong'); t(d.decompress, x)
c = zlib.compressobj(wbits=-15, zdict=zd)
x = c.compress(b'hello world spam') + c.flush()
d = zlib.decompressobj(wbits=-15, zdict=zd); t(d.decompress, x)

# Checksums.
print(zlib.crc32(b'abc'), zlib.crc32(b'abc', -1), zlib.crc32(data), zlib.adler32(b'abc'), zlib.adler32(b'abc', 2**40 + 5), zlib.adler32(data))
print(zlib.crc32(memoryview(b'abc')), zlib.adler32(bytearray(b'abc')))
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION, zlib.Z_FINISH, zlib.Z_TREES, zlib.Z_BLOCK)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__, zlib.error.__module__)
print(sorted(x for x in dir(zlib) if not x.startswith('__')))
print(isinstance(zlib.ZLIB_VERSION, str), isinstance(zlib.ZLIB_RUNTIME_VERSION, str))
import gzip, io
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0) as f:
    f.write(data)
print(gzip.decompress(buf.getvalue()) == data, gzip.decompress(gzip.compress(b'xyz', mtime=0)))
