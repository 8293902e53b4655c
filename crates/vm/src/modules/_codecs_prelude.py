# The Python half of taipan's `_codecs` module (see _codecs.rs).  The codec
# algorithms themselves live in Rust (types/codecs.rs) and are reached via
# str.encode / bytes.decode; this file adds the registry, the error-handler
# registry, incremental (final=False) trimming, and the table/escape codecs.

_search_path = []
_cache = {}
_error_handlers = {}
_encodings_loaded = [False]


def _normalize(encoding):
    return encoding.lower().replace(' ', '_')


def register(search_function):
    if not callable(search_function):
        raise TypeError('argument must be callable')
    _search_path.append(search_function)


def unregister(search_function):
    if search_function in _search_path:
        _search_path.remove(search_function)
        _cache.clear()


def lookup(encoding):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not %s" % type(encoding).__name__)
    norm = _normalize(encoding)
    r = _cache.get(norm)
    if r is not None:
        return r
    if not _encodings_loaded[0]:
        _encodings_loaded[0] = True
        import encodings
    for f in _search_path:
        r = f(norm)
        if r is None:
            continue
        if not isinstance(r, tuple) or len(r) != 4:
            raise TypeError('codec search functions must return 4-tuples')
        _cache[norm] = r
        return r
    raise LookupError('unknown encoding: %s' % encoding)


def _forget_codec(encoding):
    _cache.pop(_normalize(encoding), None)


# CPython's wrap_codec_error: an exception raised by a codec function whose
# type can be rebuilt from a message (a builtin type with BaseException's
# __init__/__new__, or a Python subclass not overriding them), holding at
# most one str argument and no attributes, is re-raised as the same type
# with "encoding with 'NAME' codec failed (TYPE: MSG)", chained.
_REINIT_SAFE = frozenset([
    BaseException, Exception, ArithmeticError, AssertionError, BufferError,
    EOFError, FloatingPointError, GeneratorExit, IndexError, KeyError,
    KeyboardInterrupt, LookupError, NotImplementedError, OverflowError,
    RecursionError, ReferenceError, RuntimeError, StopAsyncIteration,
    SystemError, TypeError, UnicodeError, ValueError, ZeroDivisionError,
    Warning, BytesWarning, DeprecationWarning, EncodingWarning, FutureWarning,
    ImportWarning, PendingDeprecationWarning, ResourceWarning, RuntimeWarning,
    SyntaxWarning, UnicodeWarning, UserWarning])


def _wrap_codec_error(exc, operation, encoding):
    t = type(exc)
    for k in t.__mro__:
        if k in _REINIT_SAFE:
            break
        if '__init__' in k.__dict__ or '__new__' in k.__dict__:
            return exc
    else:
        return exc
    args = exc.args
    if len(args) > 1 or (len(args) == 1 and type(args[0]) is not str):
        return exc
    if getattr(exc, '__dict__', None):
        return exc
    new = t("%s with '%s' codec failed (%s: %s)" % (operation, encoding, t.__name__, exc))
    new.__cause__ = exc
    new.__context__ = exc
    return new.with_traceback(exc.__traceback__)


def encode(obj, encoding='utf-8', errors='strict'):
    f = lookup(encoding)[0]
    try:
        r = f(obj, errors)
    except BaseException as e:
        raise _wrap_codec_error(e, 'encoding', encoding)
    if not isinstance(r, tuple) or len(r) != 2:
        raise TypeError('encoder must return a tuple (object, integer)')
    return r[0]


def decode(obj, encoding='utf-8', errors='strict'):
    f = lookup(encoding)[1]
    try:
        r = f(obj, errors)
    except BaseException as e:
        raise _wrap_codec_error(e, 'decoding', encoding)
    if not isinstance(r, tuple) or len(r) != 2:
        raise TypeError('decoder must return a tuple (object,integer)')
    return r[0]


# -- error handlers ---------------------------------------------------------

def _check(exc):
    if not isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError)):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)


def strict_errors(exc):
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError('codec must pass exception instance')


def ignore_errors(exc):
    _check(exc)
    return ('', exc.end)


def replace_errors(exc):
    _check(exc)
    if isinstance(exc, UnicodeDecodeError):
        return ('\ufffd', exc.end)
    if isinstance(exc, UnicodeEncodeError):
        return ('?' * (exc.end - exc.start), exc.end)
    return ('\ufffd' * (exc.end - exc.start), exc.end)


def xmlcharrefreplace_errors(exc):
    if not isinstance(exc, UnicodeEncodeError):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)
    return (''.join('&#%d;' % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)


def _bsesc(cp):
    if cp < 0x100:
        return '\\x%02x' % cp
    if cp < 0x10000:
        return '\\u%04x' % cp
    return '\\U%08x' % cp


def backslashreplace_errors(exc):
    _check(exc)
    if isinstance(exc, UnicodeDecodeError):
        return (''.join('\\x%02x' % b for b in exc.object[exc.start:exc.end]), exc.end)
    return (''.join(_bsesc(ord(c)) for c in exc.object[exc.start:exc.end]), exc.end)


def namereplace_errors(exc):
    if not isinstance(exc, UnicodeEncodeError):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)
    out = []
    for c in exc.object[exc.start:exc.end]:
        try:
            import unicodedata
            out.append('\\N{%s}' % unicodedata.name(c))
        except Exception:
            out.append(_bsesc(ord(c)))
    return (''.join(out), exc.end)


def _surrogateescape(exc):
    _check(exc)
    if isinstance(exc, UnicodeDecodeError):
        out = []
        for b in exc.object[exc.start:exc.end]:
            if b < 128:
                raise exc
            out.append(chr(0xDC00 + b))
        return (''.join(out), exc.end)
    raise exc


def _surrogatepass(exc):
    raise exc


for _n, _f in (('strict', strict_errors), ('ignore', ignore_errors),
               ('replace', replace_errors),
               ('xmlcharrefreplace', xmlcharrefreplace_errors),
               ('backslashreplace', backslashreplace_errors),
               ('namereplace', namereplace_errors),
               ('surrogateescape', _surrogateescape),
               ('surrogatepass', _surrogatepass)):
    _error_handlers[_n] = _f
del _n, _f

_BUILTIN_ERRORS = frozenset(_error_handlers)


def register_error(errors, handler):
    if not isinstance(errors, str):
        raise TypeError('register_error() argument 1 must be str, not %s' % type(errors).__name__)
    if not callable(handler):
        raise TypeError('handler must be callable')
    _error_handlers[errors] = handler


def lookup_error(name):
    if not isinstance(name, str):
        raise TypeError('lookup_error() argument must be str, not %s' % type(name).__name__)
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError('unknown error handler name %r' % name) from None


def _call_handler(errors, exc):
    r = lookup_error(errors)(exc)
    if not isinstance(r, tuple) or len(r) != 2 or not isinstance(r[1], int):
        raise TypeError('encoding error handler must return (str/bytes, int) tuple')
    rep, pos = r
    if pos < 0:
        pos += len(exc.object)
    if not 0 <= pos <= len(exc.object):
        raise IndexError('position %d from error handler out of bounds' % pos)
    return rep, pos


# -- the Rust codecs, as the functions encodings/*.py call ---------------------

def _bytes_arg(data):
    if isinstance(data, str):
        return data.encode('utf-8')
    return bytes(memoryview(data))


def _str_arg(s, fname):
    if not isinstance(s, str):
        raise TypeError('%s() argument 1 must be str, not %s' % (fname, type(s).__name__))
    return s


def _encoder(enc, fname):
    def encoder(str, errors=None):
        _str_arg(str, fname)
        return (str.encode(enc, errors or 'strict'), len(str))
    encoder.__name__ = fname
    return encoder


def _incomplete_utf8(data):
    # Length of an incomplete (but so far valid) UTF-8 sequence at the end.
    n = len(data)
    for back in (1, 2, 3):
        if back > n:
            break
        b = data[n - back]
        if b & 0xC0 == 0x80:
            continue
        need = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if need > back:
            if back >= 2:
                b1 = data[n - back + 1]
                lo, hi = 0x80, 0xBF
                if b == 0xE0: lo = 0xA0
                elif b == 0xED: hi = 0x9F
                elif b == 0xF0: lo = 0x90
                elif b == 0xF4: hi = 0x8F
                if not lo <= b1 <= hi:
                    return 0
            return back
        return 0
    return 0


def _incomplete_utf16(data, be):
    n = len(data)
    extra = n % 2
    if n - extra >= 2:
        i = n - extra - 2
        u = (data[i] << 8 | data[i + 1]) if be else (data[i + 1] << 8 | data[i])
        if 0xD800 <= u <= 0xDBFF:
            return extra + 2
    return extra


def _decoder(enc, fname, partial):
    def decoder(data, errors=None, final=False):
        b = _bytes_arg(data)
        if not final and partial is not None:
            keep = partial(b)
            if keep:
                b = b[:len(b) - keep]
        return (b.decode(enc, errors or 'strict'), len(b))
    decoder.__name__ = fname
    return decoder


utf_8_encode = _encoder('utf-8', 'utf_8_encode')
utf_8_decode = _decoder('utf-8', 'utf_8_decode', _incomplete_utf8)
utf_16_le_encode = _encoder('utf-16-le', 'utf_16_le_encode')
utf_16_be_encode = _encoder('utf-16-be', 'utf_16_be_encode')
utf_16_le_decode = _decoder('utf-16-le', 'utf_16_le_decode', lambda b: _incomplete_utf16(b, False))
utf_16_be_decode = _decoder('utf-16-be', 'utf_16_be_decode', lambda b: _incomplete_utf16(b, True))
utf_32_le_encode = _encoder('utf-32-le', 'utf_32_le_encode')
utf_32_be_encode = _encoder('utf-32-be', 'utf_32_be_encode')
utf_32_le_decode = _decoder('utf-32-le', 'utf_32_le_decode', lambda b: len(b) % 4)
utf_32_be_decode = _decoder('utf-32-be', 'utf_32_be_decode', lambda b: len(b) % 4)
latin_1_encode = _encoder('latin-1', 'latin_1_encode')
latin_1_decode = _decoder('latin-1', 'latin_1_decode', None)
ascii_encode = _encoder('ascii', 'ascii_encode')
ascii_decode = _decoder('ascii', 'ascii_decode', None)

import sys as _sys
_LITTLE = _sys.byteorder == 'little'


def utf_16_encode(str, errors=None, byteorder=0):
    _str_arg(str, 'utf_16_encode')
    if byteorder == 0:
        return (str.encode('utf-16', errors or 'strict'), len(str))
    return (str.encode('utf-16-be' if byteorder > 0 else 'utf-16-le', errors or 'strict'), len(str))


def utf_32_encode(str, errors=None, byteorder=0):
    _str_arg(str, 'utf_32_encode')
    if byteorder == 0:
        return (str.encode('utf-32', errors or 'strict'), len(str))
    return (str.encode('utf-32-be' if byteorder > 0 else 'utf-32-le', errors or 'strict'), len(str))


def _ex_decode(data, errors, byteorder, final, width):
    b = _bytes_arg(data)
    bom_le = b'\xff\xfe' if width == 2 else b'\xff\xfe\x00\x00'
    bom_be = b'\xfe\xff' if width == 2 else b'\x00\x00\xfe\xff'
    skip = 0
    if byteorder == 0:
        if b[:width] == bom_le:
            byteorder, skip = -1, width
        elif b[:width] == bom_be:
            byteorder, skip = 1, width
        elif not final and len(b) < width and (bom_le.startswith(b) or bom_be.startswith(b)):
            return ('', 0, 0)
    bo = byteorder if byteorder != 0 else (-1 if _LITTLE else 1)
    name = 'utf_%d_%s_decode' % (width * 8, 'be' if bo > 0 else 'le')
    s, n = globals()[name](b[skip:], errors, final)
    return (s, n + skip, byteorder)


def utf_16_ex_decode(data, errors=None, byteorder=0, final=False):
    return _ex_decode(data, errors, byteorder, final, 2)


def utf_32_ex_decode(data, errors=None, byteorder=0, final=False):
    return _ex_decode(data, errors, byteorder, final, 4)


def utf_16_decode(data, errors=None, final=False):
    s, n, _ = _ex_decode(data, errors, 0, final, 2)
    return (s, n)


def utf_32_decode(data, errors=None, final=False):
    s, n, _ = _ex_decode(data, errors, 0, final, 4)
    return (s, n)


def readbuffer_encode(data, errors=None):
    b = _bytes_arg(data)
    return (b, len(b))


# -- charmap ------------------------------------------------------------------

def charmap_build(map):
    if not isinstance(map, str):
        raise TypeError('charmap_build() argument must be str, not %s' % type(map).__name__)
    return {ord(c): i for i, c in enumerate(map) if c != '\ufffe'}


def charmap_decode(data, errors=None, mapping=None):
    b = _bytes_arg(data)
    errors = errors or 'strict'
    if mapping is None:
        return (b.decode('latin-1'), len(b))
    out = []
    i = 0
    n = len(b)
    while i < n:
        byte = b[i]
        try:
            ch = mapping[byte]
        except (LookupError, TypeError):
            ch = None
        if isinstance(ch, int):
            ch = chr(ch) if ch != 0xFFFE else None
        elif ch == '\ufffe':
            ch = None
        if ch is None:
            exc = UnicodeDecodeError('charmap', b, i, i + 1, 'character maps to <undefined>')
            rep, i = _call_handler(errors, exc)
            out.append(rep)
            continue
        out.append(ch)
        i += 1
    return (''.join(out), n)


def _charmap_lookup(mapping, c):
    try:
        v = mapping[ord(c)]
    except LookupError:
        return None
    if v is None:
        return None
    if isinstance(v, int):
        if not 0 <= v < 256:
            raise TypeError('character mapping must be in range(256)')
        return bytes((v,))
    if isinstance(v, bytes):
        return v
    raise TypeError('character mapping must return integer, bytes or None, not %s' % type(v).__name__)


def charmap_encode(str, errors=None, mapping=None):
    _str_arg(str, 'charmap_encode')
    errors = errors or 'strict'
    if mapping is None:
        return (str.encode('latin-1', errors), len(str))
    out = []
    i = 0
    n = len(str)
    while i < n:
        r = _charmap_lookup(mapping, str[i])
        if r is not None:
            out.append(r)
            i += 1
            continue
        j = i + 1
        while j < n and _charmap_lookup(mapping, str[j]) is None:
            j += 1
        exc = UnicodeEncodeError('charmap', str, i, j, 'character maps to <undefined>')
        rep, i = _call_handler(errors, exc)
        if isinstance(rep, bytes):
            out.append(rep)
        else:
            for c in rep:
                r = _charmap_lookup(mapping, c)
                if r is None:
                    raise exc
                out.append(r)
    return (b''.join(out), n)


# -- escape codecs ------------------------------------------------------------

_SIMPLE = {'\\': '\\', "'": "'", '"': '"', 'a': '\x07', 'b': '\x08', 'f': '\x0c',
           'n': '\n', 'r': '\r', 't': '\t', 'v': '\x0b', '\n': ''}
_HEX = '0123456789abcdefABCDEF'


def escape_encode(data, errors=None):
    if not isinstance(data, bytes):
        raise TypeError('argument 1 must be bytes, not %s' % type(data).__name__)
    out = []
    for b in data:
        if b == 0x5C:
            out.append('\\\\')
        elif b == 0x27:
            out.append("\\'")
        elif b == 9:
            out.append('\\t')
        elif b == 10:
            out.append('\\n')
        elif b == 13:
            out.append('\\r')
        elif b < 32 or b >= 127:
            out.append('\\x%02x' % b)
        else:
            out.append(chr(b))
    return (''.join(out).encode('latin-1'), len(data))


def _unescape(s, errors, unicode, raw, encname):
    # s: a str of code points < 256 (the latin-1 view of the bytes).
    out = []
    i = 0
    n = len(s)
    errors = errors or 'strict'
    while i < n:
        c = s[i]
        if c != '\\':
            out.append(c)
            i += 1
            continue
        start = i
        if i + 1 >= n:
            if raw:
                out.append('\\')
                i += 1
                continue
            if not unicode:
                raise ValueError('Trailing \\ in string')
            exc = UnicodeDecodeError(encname, s.encode('latin-1'), start, n, '\\ at end of string')
            rep, i = _call_handler(errors, exc)
            out.append(rep)
            continue
        e = s[i + 1]
        if raw and e not in 'uU':
            out.append('\\')
            i += 1
            continue
        i += 2
        if e in _SIMPLE:
            out.append(_SIMPLE[e])
        elif e in '01234567':
            v = int(e, 8)
            for _ in range(2):
                if i < n and s[i] in '01234567':
                    v = v * 8 + int(s[i], 8)
                    i += 1
            out.append(chr(v) if unicode else chr(v & 0xFF))
        elif e == 'x' or (unicode and e in 'uU') or (unicode and e == 'N'):
            if e == 'N':
                end = s.find('}', i)
                if i < n and s[i] == '{' and end > i + 1:
                    try:
                        import unicodedata
                        out.append(unicodedata.lookup(s[i + 1:end]))
                        i = end + 1
                        continue
                    except Exception:
                        pass
                exc = UnicodeDecodeError(encname, s.encode('latin-1'), start,
                                         end + 1 if end > 0 else n, 'malformed \\N character escape')
                rep, i = _call_handler(errors, exc)
                out.append(rep)
                continue
            width = {'x': 2, 'u': 4, 'U': 8}[e]
            digits = s[i:i + width]
            if len(digits) == width and all(d in _HEX for d in digits):
                v = int(digits, 16)
                i += width
                if v > 0x10FFFF:
                    exc = UnicodeDecodeError(encname, s.encode('latin-1'), start, i,
                                             '\\Uxxxxxxxx out of range')
                    rep, i = _call_handler(errors, exc)
                    out.append(rep)
                    continue
                out.append(chr(v))
                continue
            if not unicode:
                raise ValueError('invalid \\x escape at position %d' % start)
            k = 0
            while k < len(digits) and digits[k] in _HEX:
                k += 1
            reason = 'truncated \\xXX escape' if e == 'x' else (
                'truncated \\uXXXX escape' if e == 'u' else 'truncated \\UXXXXXXXX escape')
            exc = UnicodeDecodeError(encname, s.encode('latin-1'), start, i + k, reason)
            rep, i = _call_handler(errors, exc)
            out.append(rep)
        else:
            out.append('\\' + e)
    return ''.join(out)


def escape_decode(data, errors=None):
    b = _bytes_arg(data)
    return (_unescape(b.decode('latin-1'), errors, False, False, 'escape').encode('latin-1'), len(b))


def unicode_escape_decode(data, errors=None, final=True):
    b = _bytes_arg(data)
    return (_unescape(b.decode('latin-1'), errors, True, False, 'unicodeescape'), len(b))


def raw_unicode_escape_decode(data, errors=None, final=True):
    b = _bytes_arg(data)
    return (_unescape(b.decode('latin-1'), errors, True, True, 'rawunicodeescape'), len(b))


def unicode_escape_encode(str, errors=None):
    _str_arg(str, 'unicode_escape_encode')
    out = []
    for c in str:
        o = ord(c)
        if c == '\\':
            out.append('\\\\')
        elif c == '\t':
            out.append('\\t')
        elif c == '\n':
            out.append('\\n')
        elif c == '\r':
            out.append('\\r')
        elif o < 32 or 127 <= o < 256:
            out.append('\\x%02x' % o)
        elif o < 127:
            out.append(c)
        else:
            out.append(_bsesc(o))
    return (''.join(out).encode('latin-1'), len(str))


def raw_unicode_escape_encode(str, errors=None):
    _str_arg(str, 'raw_unicode_escape_encode')
    out = []
    for c in str:
        o = ord(c)
        out.append(c if o < 256 else _bsesc(o))
    return (''.join(out).encode('latin-1'), len(str))


# -- UTF-7 (RFC 2152) as CPython encodes it: set O and whitespace direct ------

# 0 = direct (set D), 1 = optional direct (set O), 2 = whitespace, 3 = special
_UTF7_CAT = (
    b'\x03\x03\x03\x03\x03\x03\x03\x03\x03\x02\x02\x03\x03\x02\x03\x03'
    b'\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03'
    b'\x02\x01\x01\x01\x01\x01\x01\x00\x00\x00\x01\x03\x00\x00\x00\x00'
    b'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x00'
    b'\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
    b'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x03\x01\x01\x01'
    b'\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
    b'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x03\x03')
_B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
_B64_VAL = {ord(c): i for i, c in enumerate(_B64)}


def _utf7_direct(o):
    return 0 < o < 128 and _UTF7_CAT[o] != 3


def utf_7_encode(str, errors=None):
    _str_arg(str, 'utf_7_encode')
    out = []
    in_shift = False
    bits = 0
    buf = 0
    for c in str:
        o = ord(c)
        if in_shift:
            if _utf7_direct(o):
                if bits:
                    out.append(_B64[(buf << (6 - bits)) & 0x3F])
                    buf = bits = 0
                in_shift = False
                if o in _B64_VAL or c == '-':
                    out.append('-')
                out.append(c)
                continue
        elif c == '+':
            out.append('+-')
            continue
        elif _utf7_direct(o):
            out.append(c)
            continue
        else:
            out.append('+')
            in_shift = True
        units = (0xD800 | ((o - 0x10000) >> 10), 0xDC00 | (o & 0x3FF)) if o >= 0x10000 else (o,)
        for u in units:
            bits += 16
            buf = (buf << 16) | u
            while bits >= 6:
                out.append(_B64[(buf >> (bits - 6)) & 0x3F])
                bits -= 6
            buf &= (1 << bits) - 1
    if bits:
        out.append(_B64[(buf << (6 - bits)) & 0x3F])
    if in_shift:
        out.append('-')
    return (''.join(out).encode('ascii'), len(str))


def utf_7_decode(data, errors=None, final=False):
    b = _bytes_arg(data)
    errors = errors or 'strict'
    out = []
    n = len(b)
    i = 0
    in_shift = False
    bits = buf = surrogate = 0
    start = 0
    shift_out = 0

    def error(st, en, msg):
        exc = UnicodeDecodeError('utf7', b, st, en, msg)
        rep, pos = _call_handler(errors, exc)
        out.append(rep)
        return pos

    while i < n:
        ch = b[i]
        if in_shift:
            if ch in _B64_VAL:
                buf = (buf << 6) | _B64_VAL[ch]
                bits += 6
                i += 1
                if bits >= 16:
                    u = buf >> (bits - 16)
                    bits -= 16
                    buf &= (1 << bits) - 1
                    if surrogate:
                        if 0xDC00 <= u <= 0xDFFF:
                            out.append(chr(0x10000 + ((surrogate - 0xD800) << 10) + (u - 0xDC00)))
                            surrogate = 0
                            continue
                        out.append(chr(surrogate))
                        surrogate = 0
                    if 0xD800 <= u <= 0xDBFF:
                        surrogate = u
                    else:
                        out.append(chr(u))
                continue
            in_shift = False
            if bits >= 6:
                i = error(start, i + 1, 'partial character in shift sequence')
                continue
            if buf != 0:
                i = error(start, i + 1, 'non-zero padding bits in shift sequence')
                continue
            if surrogate and ch < 128 and ch != 0x2B:
                out.append(chr(surrogate))
            surrogate = 0
            if ch == 0x2D:
                i += 1
        elif ch == 0x2B:
            start = i
            i += 1
            if i < n and b[i] == 0x2D:
                i += 1
                out.append('+')
            elif i < n and b[i] not in _B64_VAL:
                i = error(start, i + 1, 'ill-formed sequence')
            else:
                in_shift = True
                surrogate = 0
                shift_out = len(''.join(out))
                out = [''.join(out)]
                bits = buf = 0
        elif ch < 128:
            i += 1
            out.append(chr(ch))
        else:
            start = i
            i = error(i, i + 1, 'unexpected special character')
    if in_shift and final:
        in_shift = False
        if surrogate or bits >= 6 or (bits > 0 and buf != 0):
            pos = error(start, n, 'unterminated shift sequence')
            if pos < n:
                r, _ = utf_7_decode(b[pos:], errors, final)
                out.append(r)
    text = ''.join(out)
    if not final and in_shift:
        return (text[:shift_out], start)
    return (text, n)


del _sys

# Builtin functions do not bind as methods (encodings/*.py store them as
# class attributes, e.g. `_buffer_decode = codecs.utf_8_decode`), so the
# public functions are exported wrapped in (callable) staticmethods, which
# pickle by name as builtin functions do (`pickle` saves `codecs.encode`).
class _builtin(staticmethod):
    __slots__ = ()
    def __reduce__(self):
        return self.__func__.__name__


_FunctionType = type(_normalize)
for _n, _f in list(globals().items()):
    if not _n.startswith('_') and type(_f) is _FunctionType:
        globals()[_n] = _builtin(_f)
    elif _n in ('_forget_codec',):
        globals()[_n] = _builtin(_f)
del _n, _f, _FunctionType
