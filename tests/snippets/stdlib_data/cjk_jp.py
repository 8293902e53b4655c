# The Japanese multibyte codecs (shift_jis, cp932, euc_jp) through every
# interface: str.encode/bytes.decode with each error handler, custom
# handlers (str or bytes replacements, bad results, positions), the
# incremental encoder/decoder state, stream reader/writer, and the
# _multibytecodec / _codecs_jp objects themselves.
import codecs
for enc in ['shift_jis','cp932','euc_jp']:
  print(enc, 'あいう\u2460'.encode(enc, 'replace'), 'あ\u2460x'.encode(enc,'xmlcharrefreplace'), 'a\u2460'.encode(enc,'backslashreplace'))
  try: 'ab\u2460\u2461'.encode(enc)
  except UnicodeEncodeError as e: print(e)
  try: b'ab\x81'.decode(enc)
  except UnicodeDecodeError as e: print(e)
  print(ascii(b'a\x80\xffb'.decode(enc,'replace')), b'a\x80\xffb'.decode(enc,'ignore'), b'a\x80\xffb'.decode(enc,'backslashreplace'), ascii(b'a\x80\xffb'.decode(enc,'surrogateescape')))
  e=codecs.getincrementalencoder(enc)(); print(e.encode('あ'), e.getstate(), e.encode('い', True))
  a = 'あ'.encode(enc)
  d=codecs.getincrementaldecoder(enc)(); print(repr(d.decode(a[:1])), d.getstate(), repr(d.decode(a[1:])), d.getstate())
  d.setstate((a[:1], 0)); print(repr(d.decode(a[1:] + a)))
  try: d.decode(a[:1], True)
  except UnicodeDecodeError as e: print(e, d.getstate())
  print(ascii(d.decode(a[:1], False)), d.getstate())
  try: d.decode(b'', True)
  except UnicodeDecodeError as e: print(e.start, e.end, e.reason, d.getstate())
  d.reset(); print(d.getstate(), ascii(d.decode(b'\xff\xfeA', True, ) if False else d.decode(b'A', True)))
  import io
  r = codecs.getreader(enc)(io.BytesIO('あいうえお\nかきく\n'.encode(enc)))
  print(ascii(r.readline()), ascii(r.read(3)), ascii(r.readlines()))
  b = io.BytesIO(); w = codecs.getwriter(enc)(b); w.write('日本語'); w.writelines(['a', 'い']); w.reset(); print(b.getvalue())
  def h(exc):
      print('handler', type(exc).__name__, exc.start, exc.end, exc.reason)
      return ('[X]', exc.end)
  codecs.register_error('cjktest', h)
  print('x\u2460y\u2461'.encode(enc, 'cjktest'), ascii(b'x\x80y\xff\xfe'.decode(enc, 'cjktest')))
  codecs.register_error('cjkbytes', lambda e: (b'@@', e.end))
  print('x\u2460y'.encode(enc, 'cjkbytes'))
  codecs.register_error('cjkbad', lambda e: 1)
  try: codecs.lookup(enc).encode('x\u2460y', 'cjkbad')
  except TypeError as e: print(e)
  try: codecs.lookup(enc).decode(b'x\xffy', 'cjkbad')
  except TypeError as e: print(e)
  codecs.register_error('cjkpos', lambda e: ('', 100))
  try: codecs.lookup(enc).encode('x\u2460y', 'cjkpos')
  except IndexError as e: print(e)
  codecs.register_error('cjkneg', lambda e: ('!', -1))
  print('x\u2460yz'.encode(enc, 'cjkneg'))
  try: codecs.lookup(enc).encode('x\u2460', 'nosuch')
  except LookupError as e: print(e)
  print('x'.encode(enc, 'nosuch'))
  print(codecs.lookup(enc).name, codecs.encode('\u3042', enc), codecs.decode(b'A', enc))
m = __import__('_multibytecodec')
print(sorted(n for n in dir(m) if not n.startswith('_')))
c = __import__('_codecs_jp').getcodec('shift_jis')
print(type(c).__name__, type(c).__module__, c.encode('\u3042'), c.decode(b'\x82\xa0'), c.encode(123))
try: __import__('_codecs_jp').getcodec('nope')
except LookupError as e: print(e)
try: c.decode('x')
except TypeError as e: print(e)
try: c.encode('x', 5)
except TypeError as e: print(e)
ie = codecs.getincrementalencoder('shift_jis')('ignore'); print(ie.errors); ie.errors = 'replace'; print(ie.errors, ie.encode('\u2460'))
try: ie.errors = 3
except TypeError as e: print(e)
try: del ie.errors
except AttributeError as e: print(e)
ie.setstate(0); print(ie.getstate())
try: ie.setstate('x')
except TypeError as e: print(e)
idc = codecs.getincrementaldecoder('shift_jis')()
try: idc.setstate(1)
except TypeError as e: print(e)
try: idc.setstate((1, 2))
except TypeError as e: print(e)
try: idc.setstate((b'123456789', 2))
except UnicodeError as e: print(e)
class C(m.MultibyteIncrementalEncoder): codec = 1
try: C()
except TypeError as e: print(e)
class D(m.MultibyteIncrementalEncoder): pass
try: D()
except AttributeError as e: print('AttributeError')
# Errors from a registry codec are wrapped as CPython's wrap_codec_error does.
for f in (lambda: 'x\u2460'.encode('shift_jis', 'cjkbad'),
          lambda: b'x\xff'.decode('euc_jp', 'cjkbad'),
          lambda: codecs.encode('x\u2460', 'cp932', 'nosuch'),
          lambda: 'x\u2460'.encode('Shift-JIS', 'cjkpos')):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e, '| cause:', repr(e.__cause__))
