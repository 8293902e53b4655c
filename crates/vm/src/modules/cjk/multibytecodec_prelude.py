# The Python half of taipan's `_multibytecodec` (see cjk/mod.rs): the codec
# object and CPython's incremental and stream classes, over the Rust loops
# `_encode(codec, text, errors, flags, state)` and
# `_decode(codec, data, errors, mode, state)`.  The codec state is an int
# (CPython's 8-byte MultibyteCodec_State), 0 for the stateless codecs.

_FLUSH = 1
_RESET = 2
_MAXENCPENDING = 2
_MAXDECPENDING = 8
_NOARG = object()


class _CodecEntry:
    # What a codec module's getcodec() hands to __create_codec (CPython
    # passes a capsule).
    __slots__ = ('name',)

    def __init__(self, name):
        self.name = name


def __create_codec(arg):
    if type(arg) is not _CodecEntry:
        raise ValueError('argument type invalid')
    c = object.__new__(_MultibyteCodec)
    object.__setattr__(c, '_name', arg.name)
    return c


def _errors_arg(fname, errors):
    if errors is None:
        return 'strict'
    if not isinstance(errors, str):
        raise TypeError("%s() argument 'errors' must be str or None, not %s"
                        % (fname, type(errors).__name__))
    if '\0' in errors:
        raise ValueError('embedded null character')
    return errors


def _buffer(data):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(memoryview(data))


class MultibyteCodec:
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_multibytecodec.MultibyteCodec' instances")

    def __setattr__(self, name, value):
        raise AttributeError("'_multibytecodec.MultibyteCodec' object has no attribute '%s'" % name)

    def encode(self, input, errors=None):
        """Return an encoded string version of `input'.

'errors' may be given to set a different error handling scheme. Default is
'strict' meaning that encoding errors raise a UnicodeEncodeError. Other possible
values are 'ignore', 'replace' and 'xmlcharrefreplace' as well as any other name
registered with codecs.register_error that can handle UnicodeEncodeErrors."""
        if not isinstance(input, str):
            input = str(input)
            if not isinstance(input, str):
                raise TypeError("couldn't convert the object to unicode.")
        errors = _errors_arg('encode', errors)
        b = _encode(self._name, input, errors, _FLUSH | _RESET, _initstate(self._name)[0])[0]
        return (b, len(input))

    def decode(self, input, errors=None):
        """Decodes 'input'.

'errors' may be given to set a different error handling scheme. Default is
'strict' meaning that encoding errors raise a UnicodeDecodeError. Other possible
values are 'ignore' and 'replace' as well as any other name registered with
codecs.register_error that is able to handle UnicodeDecodeErrors."""
        data = _buffer(input)
        errors = _errors_arg('decode', errors)
        if not data:
            return ('', 0)
        return (_decode(self._name, data, errors, 0, _initstate(self._name)[1])[0], len(data))


# CPython creates the type without adding it to the module.
_MultibyteCodec = MultibyteCodec
del MultibyteCodec


def _codec_of(cls):
    codec = getattr(cls, 'codec')
    if not isinstance(codec, _MultibyteCodec):
        raise TypeError('codec is unexpected type')
    return codec._name


def _ctor_errors(fname, errors):
    if errors is _NOARG:
        return 'strict'
    if not isinstance(errors, str):
        raise TypeError('%s() argument 2 must be str, not %s'
                        % (fname, 'None' if errors is None else type(errors).__name__))
    return errors


class _Context:
    # What every stateful object shares: the codec, the `errors` attribute.
    def __init__(self, *args, **kwargs):
        pass

    @property
    def errors(self):
        """how to treat errors"""
        return self._errors

    @errors.setter
    def errors(self, value):
        if not isinstance(value, str):
            raise TypeError('errors must be a string')
        object.__setattr__(self, '_errors', value)

    @errors.deleter
    def errors(self):
        raise AttributeError('cannot delete attribute')

    def _encode_stateful(self, unistr, final):
        if not isinstance(unistr, str):
            unistr = str(unistr)
            if not isinstance(unistr, str):
                raise TypeError("couldn't convert the object to str.")
        origpending = self._pending
        inbuf = origpending + unistr if origpending else unistr
        self._pending = ''
        try:
            b, n, self._state = _encode(self._c, inbuf, self._errors,
                                        _FLUSH | _RESET if final else 0, self._state)
        except BaseException:
            self._pending = origpending
            raise
        if n < len(inbuf):
            if len(inbuf) - n > _MAXENCPENDING:
                raise UnicodeError('pending buffer overflow')
            self._pending = inbuf[n:]
        return b

    def _keep_pending(self, data, n):
        if n < len(data):
            if len(data) - n > _MAXDECPENDING:
                raise UnicodeError('pending buffer overflow')
            self._pending = data[n:]


class MultibyteIncrementalEncoder(_Context):
    def __new__(cls, errors=_NOARG):
        errors = _ctor_errors('IncrementalEncoder', errors)
        self = object.__new__(cls)
        self._c = _codec_of(cls)
        self._errors = errors
        self._pending = ''
        self._state = _initstate(self._c)[0]
        return self

    def encode(self, input, final=False):
        return self._encode_stateful(input, final)

    def getstate(self):
        p = self._pending.encode('utf-8')
        return int.from_bytes(bytes([len(p)]) + p + self._state.to_bytes(8, 'little'), 'little')

    def setstate(self, state, /):
        if not isinstance(state, int):
            raise TypeError('setstate() argument must be int, not %s' % type(state).__name__)
        sb = state.to_bytes(1 + _MAXENCPENDING * 4 + 8, 'little')
        if sb[0] > _MAXENCPENDING * 4:
            raise UnicodeError('pending buffer too large')
        self._pending = sb[1:1 + sb[0]].decode('utf-8')
        self._state = int.from_bytes(sb[1 + sb[0]:9 + sb[0]], 'little')

    def reset(self):
        self._state = _encreset(self._c, self._state)[1]
        self._pending = ''


class MultibyteIncrementalDecoder(_Context):
    def __new__(cls, errors=_NOARG):
        errors = _ctor_errors('IncrementalDecoder', errors)
        self = object.__new__(cls)
        self._c = _codec_of(cls)
        self._errors = errors
        self._pending = b''
        self._state = _initstate(self._c)[1]
        return self

    def decode(self, input, final=False):
        data = _buffer(input)
        orig = self._pending
        if orig:
            data = orig + data
            self._pending = b''
        try:
            s, n, self._state = _decode(self._c, data, self._errors,
                                        2 if final else 1, self._state)
        except UnicodeDecodeError as e:
            if final and e.reason == 'incomplete multibyte sequence':
                self._pending = orig
            raise
        self._keep_pending(data, n)
        return s

    def getstate(self):
        return (self._pending, self._state)

    def setstate(self, state, /):
        if not isinstance(state, tuple):
            raise TypeError('setstate() argument must be tuple, not %s' % type(state).__name__)
        if len(state) != 2 or not isinstance(state[0], bytes) or not isinstance(state[1], int):
            raise TypeError('setstate(): illegal state argument')
        st = int.from_bytes(state[1].to_bytes(8, 'little'), 'little')
        if len(state[0]) > _MAXDECPENDING:
            raise UnicodeError('pending buffer too large')
        self._pending = state[0]
        self._state = st

    def reset(self):
        self._state = _decreset(self._c, self._state)
        self._pending = b''


def _size_arg(o):
    if o is None:
        return -1
    if not isinstance(o, int):
        raise TypeError('arg 1 must be an integer')
    return o


class MultibyteStreamReader(_Context):
    def __new__(cls, stream, errors=_NOARG):
        errors = _ctor_errors('StreamReader', errors)
        self = object.__new__(cls)
        self._c = _codec_of(cls)
        self._stream = stream
        self._errors = errors
        self._pending = b''
        self._state = _initstate(self._c)[1]
        return self

    @property
    def stream(self):
        return self._stream

    def _iread(self, method, sizehint):
        if sizehint == 0:
            return ''
        out = []
        while True:
            if sizehint < 0:
                cres = getattr(self._stream, method)()
            else:
                cres = getattr(self._stream, method)(sizehint)
            if not isinstance(cres, bytes):
                raise TypeError('stream function returned a non-bytes object (%.100s)'
                                % type(cres).__name__)
            endoffile = not cres
            if self._pending:
                cres = self._pending + cres
                self._pending = b''
            rsize = len(cres)
            if rsize:
                s, n, self._state = _decode(self._c, cres, self._errors,
                                            2 if endoffile or sizehint < 0 else 1,
                                            self._state)
                if s:
                    out.append(s)
                self._keep_pending(cres, n)
            if sizehint < 0 or out or rsize == 0:
                break
            sizehint = 1
        return ''.join(out)

    def read(self, sizeobj=None, /):
        return self._iread('read', _size_arg(sizeobj))

    def readline(self, sizeobj=None, /):
        return self._iread('readline', _size_arg(sizeobj))

    def readlines(self, sizehintobj=None, /):
        return self._iread('read', _size_arg(sizehintobj)).splitlines(True)

    def reset(self):
        self._state = _decreset(self._c, self._state)
        self._pending = b''


class MultibyteStreamWriter(_Context):
    def __new__(cls, stream, errors=_NOARG):
        errors = _ctor_errors('StreamWriter', errors)
        self = object.__new__(cls)
        self._c = _codec_of(cls)
        self._stream = stream
        self._errors = errors
        self._pending = ''
        self._state = _initstate(self._c)[0]
        return self

    @property
    def stream(self):
        return self._stream

    def write(self, strobj, /):
        self._stream.write(self._encode_stateful(strobj, False))

    def writelines(self, lines, /):
        if isinstance(lines, dict) or not hasattr(type(lines), '__getitem__'):
            raise TypeError('arg must be a sequence object')
        i = 0
        while i < len(lines):
            self.write(lines[i])
            i += 1

    def reset(self):
        if not self._pending:
            return None
        pending = self._pending
        self._pending = ''
        b, _, self._state = _encode(self._c, pending, self._errors, _FLUSH | _RESET, self._state)
        if b:
            self._stream.write(b)


for _cls in (MultibyteIncrementalEncoder, MultibyteIncrementalDecoder,
             MultibyteStreamReader, MultibyteStreamWriter):
    _cls.__qualname__ = _cls.__name__
del _cls
