# The Python half of the `_io` module (see _io.rs): the io class hierarchy
# over posix file descriptors.  Runs in the `_io` module namespace.

import posix as _os

DEFAULT_BUFFER_SIZE = 8192
BlockingIOError = BlockingIOError

class UnsupportedOperation(OSError, ValueError):
    __module__ = 'io'

def _unsupported(name):
    raise UnsupportedOperation(name)

class _IOBase:
    __module__ = '_io'
    __closed = False
    def _checkClosed(self, msg=None):
        if self.closed:
            raise ValueError('I/O operation on closed file.' if msg is None else msg)
    def _checkReadable(self, msg=None):
        if not self.readable():
            raise UnsupportedOperation('File or stream is not readable.' if msg is None else msg)
    def _checkWritable(self, msg=None):
        if not self.writable():
            raise UnsupportedOperation('File or stream is not writable.' if msg is None else msg)
    def _checkSeekable(self, msg=None):
        if not self.seekable():
            raise UnsupportedOperation('File or stream is not seekable.' if msg is None else msg)
    @property
    def closed(self):
        return self.__closed
    def close(self):
        if not self.__closed:
            try:
                self.flush()
            finally:
                self.__closed = True
    def flush(self):
        self._checkClosed()
    def seek(self, pos, whence=0):
        _unsupported('seek')
    def tell(self):
        return self.seek(0, 1)
    def truncate(self, pos=None):
        _unsupported('truncate')
    def fileno(self):
        _unsupported('fileno')
    def isatty(self):
        self._checkClosed()
        return False
    def readable(self):
        return False
    def writable(self):
        return False
    def seekable(self):
        return False
    def __enter__(self):
        self._checkClosed()
        return self
    def __exit__(self, *args):
        self.close()
    def __iter__(self):
        self._checkClosed()
        return self
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def readline(self, size=-1):
        if size is None:
            size = -1
        res = bytearray()
        peek = getattr(self, 'peek', None)
        while size < 0 or len(res) < size:
            if peek is not None:
                ahead = peek(1)
                if ahead:
                    n = ahead.find(b'\n') + 1 or len(ahead)
                    if size >= 0:
                        n = min(n, size - len(res))
                    b = self.read(n)
                else:
                    b = self.read(1)
            else:
                b = self.read(1)
            if not b:
                break
            res += b
            if res.endswith(b'\n'):
                break
        return bytes(res)
    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines
    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)
    def __del__(self):
        try:
            if not self.closed:
                self.close()
        except Exception:
            pass

class _RawIOBase(_IOBase):
    __module__ = '_io'
    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)
    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        if res:
            return bytes(res)
        return data
    def readinto(self, b):
        _unsupported('readinto')
    def write(self, b):
        _unsupported('write')

class _BufferedIOBase(_IOBase):
    __module__ = '_io'
    def read(self, size=-1):
        _unsupported('read')
    def read1(self, size=-1):
        _unsupported('read1')
    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n
    def readinto1(self, b):
        data = self.read1(len(b))
        n = len(data)
        b[:n] = data
        return n
    def write(self, b):
        _unsupported('write')
    def detach(self):
        _unsupported('detach')

class _TextIOBase(_IOBase):
    __module__ = '_io'
    def read(self, size=-1):
        _unsupported('read')
    def write(self, s):
        _unsupported('write')
    def truncate(self, pos=None):
        _unsupported('truncate')
    def readline(self):
        _unsupported('readline')
    def detach(self):
        _unsupported('detach')
    encoding = None
    newlines = None
    errors = None

def _mode_flags(mode):
    if not isinstance(mode, str):
        raise TypeError('invalid mode: %r' % (mode,))
    s = set(mode)
    if len(s) != len(mode) or not s <= set('xrwab+'):
        raise ValueError('invalid mode: %s' % mode)
    if sum(c in s for c in 'rwax') != 1:
        raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
    return s

class FileIO(_RawIOBase):
    __module__ = '_io'
    _fd = -1
    def __init__(self, file, mode='r', closefd=True, opener=None):
        if self._fd >= 0:
            if self._closefd:
                _os.close(self._fd)
            self._fd = -1
        if isinstance(file, float):
            raise TypeError('integer argument expected, got float')
        if isinstance(file, int):
            if file < 0:
                raise ValueError('negative file descriptor')
            fd = file
        else:
            fd = -1
        s = _mode_flags(mode)
        self._created = 'x' in s
        self._readable = 'r' in s or '+' in s
        self._writable = bool(s & set('wax+'))
        self._appending = 'a' in s
        flags = 0
        if 'x' in s: flags = _os.O_EXCL | _os.O_CREAT
        elif 'r' in s: flags = 0
        elif 'w' in s: flags = _os.O_CREAT | _os.O_TRUNC
        elif 'a' in s: flags = _os.O_APPEND | _os.O_CREAT
        if self._readable and self._writable: flags |= _os.O_RDWR
        elif self._readable: flags |= _os.O_RDONLY
        else: flags |= _os.O_WRONLY
        flags |= _os.O_CLOEXEC
        if fd < 0:
            if not closefd:
                raise ValueError('Cannot use closefd=False with file name')
            if opener is None:
                fd = _os.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError('expected integer from opener')
                if fd < 0:
                    raise ValueError('opener returned %d' % fd)
        self._closefd = closefd
        try:
            st = _os.fstat(fd)
            if (st.st_mode & 0o170000) == 0o040000:
                raise IsADirectoryError(21, 'Is a directory', file)
            self._blksize = st.st_blksize if st.st_blksize > 1 else DEFAULT_BUFFER_SIZE
        except BaseException:
            if closefd and not isinstance(file, int):
                _os.close(fd)
            raise
        self._fd = fd
        self.name = file
        if self._appending:
            try:
                _os.lseek(fd, 0, 2)
            except OSError:
                pass
    def __repr__(self):
        cls = '_io.FileIO'
        if self.closed:
            return '<%s [closed]>' % cls
        try:
            name = self.name
        except AttributeError:
            return '<%s fd=%d mode=%r closefd=%r>' % (cls, self._fd, self.mode, self._closefd)
        return '<%s name=%r mode=%r closefd=%r>' % (cls, name, self.mode, self._closefd)
    def __getstate__(self):
        raise TypeError("cannot pickle '_io.FileIO' object")
    @property
    def closefd(self):
        return self._closefd
    @property
    def mode(self):
        if self._created:
            return 'xb+' if self._readable else 'xb'
        if self._appending:
            return 'ab+' if self._readable else 'ab'
        if self._readable:
            return 'rb+' if self._writable else 'rb'
        return 'wb'
    @property
    def closed(self):
        return self._fd < 0
    def fileno(self):
        self._checkClosed()
        return self._fd
    def readable(self):
        self._checkClosed()
        return self._readable
    def writable(self):
        self._checkClosed()
        return self._writable
    def seekable(self):
        self._checkClosed()
        if not hasattr(self, '_seekable'):
            try:
                _os.lseek(self._fd, 0, 1)
                self._seekable = True
            except OSError:
                self._seekable = False
        return self._seekable
    def isatty(self):
        self._checkClosed()
        return _os.isatty(self._fd)
    def read(self, size=-1):
        self._checkClosed()
        self._checkReadable()
        if size is None or size < 0:
            return self.readall()
        try:
            return _os.read(self._fd, size)
        except BlockingIOError:
            return None
    def readall(self):
        self._checkClosed()
        self._checkReadable()
        chunks = []
        while True:
            try:
                b = _os.read(self._fd, max(self._blksize, DEFAULT_BUFFER_SIZE) * 4)
            except BlockingIOError:
                if chunks:
                    break
                return None
            if not b:
                break
            chunks.append(b)
        return b''.join(chunks)
    def readinto(self, b):
        data = self.read(len(b))
        if data is None:
            return None
        n = len(data)
        b[:n] = data
        return n
    def write(self, b):
        self._checkClosed()
        self._checkWritable()
        try:
            return _os.write(self._fd, b)
        except BlockingIOError:
            return None
    def seek(self, pos, whence=0):
        if isinstance(pos, float):
            raise TypeError('an integer is required')
        self._checkClosed()
        return _os.lseek(self._fd, pos, whence)
    def tell(self):
        self._checkClosed()
        return _os.lseek(self._fd, 0, 1)
    def truncate(self, size=None):
        self._checkClosed()
        self._checkWritable()
        if size is None:
            size = self.tell()
        _os.ftruncate(self._fd, size)
        return size
    def close(self):
        if self._fd >= 0:
            try:
                super().close()
            finally:
                fd, self._fd = self._fd, -1
                if self._closefd:
                    _os.close(fd)
    def _dealloc_warn(self, source):
        pass

class BytesIO(_BufferedIOBase):
    __module__ = '_io'
    def __init__(self, initial_bytes=b''):
        self._buf = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._closed = False
    @property
    def closed(self):
        return self._closed
    def close(self):
        self._closed = True
    def getvalue(self):
        self._checkClosed()
        return bytes(self._buf)
    def getbuffer(self):
        self._checkClosed()
        return memoryview(self._buf)
    def readable(self):
        self._checkClosed()
        return True
    writable = seekable = readable
    def read(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        end = len(self._buf) if size < 0 else min(len(self._buf), self._pos + size)
        if self._pos >= end:
            return b''
        b = bytes(self._buf[self._pos:end])
        self._pos = end
        return b
    read1 = read
    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        i = self._buf.find(b'\n', self._pos)
        end = len(self._buf) if i < 0 else i + 1
        if size >= 0:
            end = min(end, self._pos + size)
        b = bytes(self._buf[self._pos:end])
        self._pos = max(self._pos, end)
        return b
    def write(self, b):
        self._checkClosed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        n = len(b)
        if n == 0:
            return 0
        pos = self._pos
        if pos > len(self._buf):
            self._buf += b'\x00' * (pos - len(self._buf))
        self._buf[pos:pos + n] = b
        self._pos = pos + n
        return n
    def seek(self, pos, whence=0):
        self._checkClosed()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(pos).__name__)
        if whence == 0:
            if pos < 0:
                raise ValueError('negative seek value %d' % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError('invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos
    def tell(self):
        self._checkClosed()
        return self._pos
    def truncate(self, pos=None):
        self._checkClosed()
        if pos is None:
            pos = self._pos
        if pos < 0:
            raise ValueError('negative size value %d' % pos)
        del self._buf[pos:]
        return pos
    def __getstate__(self):
        return (self.getvalue(), self._pos, _user_dict(self, _BYTESIO_FIELDS))
    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) < 3:
            raise TypeError('%s.__setstate__ argument should be 3-tuple, got %s'
                            % (_tp_name(self, BytesIO), type(state).__name__))
        try:
            data = bytearray(memoryview(state[0]))
        except TypeError:
            raise TypeError("a bytes-like object is required, not '%s'" % type(state[0]).__name__) from None
        pos, d = state[1], state[2]
        if not isinstance(pos, int):
            raise TypeError('second item of state must be an integer, not %s' % type(pos).__name__)
        if pos < 0:
            raise ValueError('position value cannot be negative')
        if d is not None and not isinstance(d, dict):
            raise TypeError('third item of state should be a dict, got a %s' % type(d).__name__)
        self._buf = data
        self._pos = pos
        self._closed = False
        if d is not None:
            self.__dict__.update(d)

class _BufferedBase(_BufferedIOBase):
    __module__ = '_io'
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError('buffer size must be strictly positive')
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b''
        self._wbuf = bytearray()
        self._detached = False
    def _raw(self):
        if self._detached:
            raise ValueError('raw stream has been detached')
        return self.raw
    @property
    def closed(self):
        return self._raw().closed
    @property
    def name(self):
        return self._raw().name
    @property
    def mode(self):
        return self._raw().mode
    def fileno(self):
        return self._raw().fileno()
    def isatty(self):
        return self._raw().isatty()
    def readable(self):
        return self._raw().readable()
    def writable(self):
        return self._raw().writable()
    def seekable(self):
        return self._raw().seekable()
    def __repr__(self):
        cls = type(self)
        modname = '_io' if cls.__module__ == '_io' else cls.__module__
        try:
            name = self.name
        except AttributeError:
            return '<%s.%s>' % (modname, cls.__qualname__)
        return '<%s.%s name=%r>' % (modname, cls.__qualname__, name)
    def flush(self):
        raw = self._raw()
        if raw.closed:
            raise ValueError('flush of closed file')
        self._flush_w()
        if hasattr(raw, 'flush'):
            raw.flush()
    def _flush_w(self):
        raw = self._raw()
        while self._wbuf:
            n = raw.write(bytes(self._wbuf))
            if n is None:
                raise BlockingIOError(11, 'write could not complete without blocking', 0)
            del self._wbuf[:n]
    def close(self):
        raw = self._raw()
        if raw.closed:
            return
        try:
            self.flush()
        finally:
            raw.close()
    def detach(self):
        raw = self._raw()
        self.flush()
        self._detached = True
        return raw
    def _drop_read_ahead(self):
        if self._rbuf:
            try:
                self._raw().seek(-len(self._rbuf), 1)
            except OSError:
                pass
            self._rbuf = b''
    def tell(self):
        pos = self._raw().tell() - len(self._rbuf) + len(self._wbuf)
        return max(pos, 0)
    def seek(self, pos, whence=0):
        if whence not in (0, 1, 2):
            raise ValueError('whence value %d unsupported' % whence)
        self._checkClosed()
        self._flush_w()
        if whence == 1:
            pos -= len(self._rbuf)
        self._rbuf = b''
        return self._raw().seek(pos, whence)
    def truncate(self, pos=None):
        self._checkClosed()
        self._flush_w()
        if pos is None:
            pos = self.tell()
        self._drop_read_ahead()
        return self._raw().truncate(pos)
    # reading
    def _fill(self, want):
        raw = self._raw()
        chunk = raw.read(max(want, self.buffer_size))
        if chunk is None:
            return None
        self._rbuf += chunk
        return len(chunk)
    def read(self, size=-1):
        self._checkClosed('read of closed file')
        self._checkReadable()
        if size is None:
            size = -1
        if size < -1:
            raise ValueError('read length must be non-negative or -1')
        self._flush_w()
        if size < 0:
            return self._read_all()
        while len(self._rbuf) < size:
            n = self._fill(size - len(self._rbuf))
            if not n:
                break
        b, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return b
    def _read_all(self):
        # The raw stream's readall() when it has one, else read() until
        # EOF (b'') or until it would block (None), as CPython does.
        raw = self._raw()
        head, self._rbuf = self._rbuf, b''
        readall = getattr(raw, 'readall', None)
        if readall is not None:
            rest = readall()
            if rest is not None and not isinstance(rest, bytes):
                raise TypeError('readall() should return bytes')
            b = head + (rest or b'')
            return b if (b or rest is not None) else None
        chunks = [head] if head else []
        while True:
            data = raw.read()
            if data is not None and not isinstance(data, bytes):
                raise TypeError('read() should return bytes')
            if not data:
                if not chunks:
                    return data
                return b''.join(chunks)
            chunks.append(data)
    def read1(self, size=-1):
        self._checkClosed('read of closed file')
        self._checkReadable()
        if size is None or size < 0:
            size = self.buffer_size
        if size == 0:
            return b''
        if not self._rbuf:
            self._flush_w()
            self._fill(size)
        b, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return b
    def peek(self, size=0):
        self._checkClosed('peek of closed file')
        self._checkReadable()
        if not self._rbuf:
            self._flush_w()
            self._fill(size)
        return self._rbuf
    def readline(self, size=-1):
        self._checkClosed('readline of closed file')
        if size is None:
            size = -1
        self._flush_w()
        while True:
            i = self._rbuf.find(b'\n')
            if i >= 0 or (0 <= size <= len(self._rbuf)):
                break
            if not self._fill(self.buffer_size):
                break
        i = self._rbuf.find(b'\n')
        end = len(self._rbuf) if i < 0 else i + 1
        if size >= 0:
            end = min(end, size)
        b, self._rbuf = self._rbuf[:end], self._rbuf[end:]
        return b
    # writing
    def write(self, b):
        self._checkClosed('write to closed file')
        self._checkWritable()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        self._drop_read_ahead()
        self._wbuf += b
        if len(self._wbuf) >= self.buffer_size:
            self._flush_w()
        return len(b)
    def __getstate__(self):
        raise TypeError("cannot pickle '%s' object" % type(self).__name__)

class BufferedReader(_BufferedBase):
    __module__ = '_io'
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.readable():
            raise OSError('"raw" argument must be readable.')
        super().__init__(raw, buffer_size)
    def writable(self):
        return False
    def write(self, b):
        raise UnsupportedOperation('write')

class BufferedWriter(_BufferedBase):
    __module__ = '_io'
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.writable():
            raise OSError('"raw" argument must be writable.')
        super().__init__(raw, buffer_size)
    def readable(self):
        return False
    def read(self, size=-1):
        raise UnsupportedOperation('read')
    read1 = peek = readline = read

class BufferedRandom(_BufferedBase):
    __module__ = '_io'
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        raw._checkSeekable()
        super().__init__(raw, buffer_size)

class BufferedRWPair(_BufferedIOBase):
    __module__ = '_io'
    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)
    def read(self, size=-1):
        return self.reader.read(size)
    def readinto(self, b):
        return self.reader.readinto(b)
    def write(self, b):
        return self.writer.write(b)
    def peek(self, size=0):
        return self.reader.peek(size)
    def read1(self, size=-1):
        return self.reader.read1(size)
    def readable(self):
        return self.reader.readable()
    def writable(self):
        return self.writer.writable()
    def flush(self):
        return self.writer.flush()
    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()
    def isatty(self):
        return self.reader.isatty() or self.writer.isatty()
    @property
    def closed(self):
        return self.writer.closed

class IncrementalNewlineDecoder:
    __module__ = '_io'
    def __init__(self, decoder, translate, errors='strict'):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self.pendingcr = False
        self.seennl = 0
    def decode(self, input, final=False):
        output = input if self.decoder is None else self.decoder.decode(input, final=final)
        if self.pendingcr and (output or final):
            output = '\r' + output
            self.pendingcr = False
        if output.endswith('\r') and not final:
            output = output[:-1]
            self.pendingcr = True
        crlf = output.count('\r\n')
        cr = output.count('\r') - crlf
        lf = output.count('\n') - crlf
        self.seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
        if self.translate:
            if crlf:
                output = output.replace('\r\n', '\n')
            if cr:
                output = output.replace('\r', '\n')
        return output
    def getstate(self):
        if self.decoder is None:
            buf, flag = b'', 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self.pendingcr:
            flag |= 1
        return buf, flag
    def setstate(self, state):
        buf, flag = state
        self.pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))
    def reset(self):
        self.seennl = 0
        self.pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()
    @property
    def newlines(self):
        return (None, '\n', '\r', ('\r', '\n'), '\r\n', ('\n', '\r\n'), ('\r', '\r\n'), ('\r', '\n', '\r\n'))[self.seennl]

_FAST = {'utf-8': 'utf-8', 'utf8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'ascii': 'ascii', 'us-ascii': 'ascii',
         'latin-1': 'latin-1', 'latin1': 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1', 'l1': 'latin-1'}

class _SimpleDecoder:
    # Incremental decoder for utf-8/ascii/latin-1 without the codecs module:
    # keeps an incomplete UTF-8 sequence at the end for the next call.
    def __init__(self, encoding, errors):
        self.encoding = encoding
        self.errors = errors
        self.pending = b''
    def decode(self, data, final=False):
        data = self.pending + bytes(data)
        self.pending = b''
        if self.encoding == 'utf-8' and not final and data:
            i = len(data) - 1
            k = 0
            while i >= 0 and k < 3 and (data[i] & 0xC0) == 0x80:
                i -= 1
                k += 1
            if i >= 0:
                lead = data[i]
                need = 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
                if need > 1 and len(data) - i < need:
                    data, self.pending = data[:i], data[i:]
        return data.decode(self.encoding, self.errors)
    def getstate(self):
        return (self.pending, 0)
    def setstate(self, state):
        self.pending = state[0]
    def reset(self):
        self.pending = b''

def text_encoding(encoding, stacklevel=2):
    if encoding is None:
        return 'utf-8' if _utf8_mode() else 'locale'
    return encoding

def _utf8_mode():
    import sys
    return getattr(getattr(sys, 'flags', None), 'utf8_mode', 1)

class TextIOWrapper(_TextIOBase):
    __module__ = '_io'
    _CHUNK_SIZE = 8192
    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError('TextIOWrapper() argument \'newline\' must be str or None, not %s' % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %s' % (newline,))
        if encoding is None or encoding == 'locale':
            encoding = 'UTF-8' if encoding is None else 'utf-8'
            try:
                fd = buffer.fileno()
                if _os.isatty(fd):
                    encoding = 'utf-8'
            except Exception:
                pass
        if not isinstance(encoding, str):
            raise TypeError('TextIOWrapper() argument \'encoding\' must be str or None, not %s' % type(encoding).__name__)
        if errors is None:
            errors = 'strict'
        elif not isinstance(errors, str):
            raise TypeError('TextIOWrapper() argument \'errors\' must be str or None, not %s' % type(errors).__name__)
        key = encoding.lower().replace('_', '-')
        self._fast = _FAST.get(key)
        if self._fast is None:
            import codecs
            codecs.lookup(encoding)
        self.buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writetranslate = newline != ''
        self._writenl = newline or '\n'
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._decoder = None
        self._decoded = ''
        self._decoded_pos = 0
        self._detached = False
        self._snapshot_pos = None
    @property
    def encoding(self):
        return self._encoding
    @property
    def errors(self):
        return self._errors
    @property
    def line_buffering(self):
        return self._line_buffering
    @property
    def write_through(self):
        return self._write_through
    @property
    def newlines(self):
        return self._decoder.newlines if self._decoder is not None else None
    def _buf(self):
        if self._detached:
            raise ValueError('underlying buffer has been detached')
        return self.buffer
    @property
    def closed(self):
        return self._buf().closed
    @property
    def name(self):
        return self._buf().name
    @property
    def mode(self):
        return self.__dict__.get('mode', getattr(self._buf(), 'mode', None))
    @mode.setter
    def mode(self, v):
        self.__dict__['mode'] = v
    def __repr__(self):
        parts = ['<_io.TextIOWrapper']
        try:
            parts.append(' name=%r' % (self.name,))
        except Exception:
            pass
        if 'mode' in self.__dict__:
            parts.append(' mode=%r' % (self.__dict__['mode'],))
        parts.append(' encoding=%r>' % (self.encoding,))
        return ''.join(parts)
    def fileno(self):
        return self._buf().fileno()
    def isatty(self):
        return self._buf().isatty()
    def readable(self):
        return self._buf().readable()
    def writable(self):
        return self._buf().writable()
    def seekable(self):
        return self._buf().seekable()
    def flush(self):
        self._buf().flush()
    def close(self):
        buf = self._buf()
        if not buf.closed:
            try:
                self.flush()
            finally:
                buf.close()
    def detach(self):
        buf = self._buf()
        self.flush()
        self._detached = True
        return buf
    def reconfigure(self, *, encoding=None, errors=None, newline=Ellipsis, line_buffering=None, write_through=None):
        self.flush()
        if encoding is not None:
            self._encoding = encoding
            self._fast = _FAST.get(encoding.lower().replace('_', '-'))
            self._decoder = None
            if errors is None:
                errors = 'strict'
        if errors is not None:
            self._errors = errors
        if newline is not Ellipsis:
            self._readuniversal = not newline
            self._readtranslate = newline is None
            self._readnl = newline
            self._writetranslate = newline != ''
            self._writenl = newline or '\n'
        if line_buffering is not None:
            self._line_buffering = line_buffering
        if write_through is not None:
            self._write_through = write_through
    def _encode(self, s):
        if self._fast is not None:
            return s.encode(self._fast, self._errors)
        return s.encode(self._encoding, self._errors)
    def write(self, s):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        if not isinstance(s, str):
            raise TypeError('write() argument must be str, not %s' % type(s).__name__)
        length = len(s)
        haslf = (self._writetranslate or self._line_buffering) and '\n' in s
        if haslf and self._writetranslate and self._writenl != '\n':
            s = s.replace('\n', self._writenl)
        self._drop_decoded()
        self._buf().write(self._encode(s))
        if self._write_through or (self._line_buffering and (haslf or '\r' in s)):
            self.flush()
        return length
    def _drop_decoded(self):
        if self._decoded_pos < len(self._decoded) or (self._decoder is not None and self._decoder.getstate()[0]):
            try:
                self.seek(self.tell())
            except Exception:
                pass
        self._decoded = ''
        self._decoded_pos = 0
        self._decoder = None
    def _get_decoder(self):
        if self._decoder is None:
            if self._fast is not None:
                d = _SimpleDecoder(self._fast, self._errors)
            else:
                import codecs
                d = codecs.getincrementaldecoder(self._encoding)(self._errors)
            if self._readuniversal:
                d = IncrementalNewlineDecoder(d, self._readtranslate)
            self._decoder = d
        return self._decoder
    def _read_chunk(self):
        dec = self._get_decoder()
        buf = self._buf()
        reader = getattr(buf, 'read1', buf.read)
        data = reader(self._CHUNK_SIZE)
        eof = not data
        text = dec.decode(data or b'', eof)
        self._decoded = self._decoded[self._decoded_pos:] + text
        self._decoded_pos = 0
        return not eof
    def read(self, size=-1):
        self._checkClosed()
        if not self.readable():
            raise UnsupportedOperation('not readable')
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        if size < 0:
            dec = self._get_decoder()
            data = self._buf().read()
            text = self._decoded[self._decoded_pos:] + dec.decode(data or b'', True)
            self._decoded = ''
            self._decoded_pos = 0
            return text
        while len(self._decoded) - self._decoded_pos < size:
            if not self._read_chunk():
                break
        end = self._decoded_pos + size
        text = self._decoded[self._decoded_pos:end]
        self._decoded_pos = min(end, len(self._decoded))
        return text
    def _find_line_end(self, s, start):
        if self._readtranslate or self._readnl == '\n':
            i = s.find('\n', start)
            return -1 if i < 0 else i + 1
        if self._readuniversal:
            i = start
            n = len(s)
            while i < n:
                c = s[i]
                if c == '\n':
                    return i + 1
                if c == '\r':
                    if i + 1 < n:
                        return i + 2 if s[i + 1] == '\n' else i + 1
                    return -2
                i += 1
            return -1
        i = s.find(self._readnl, start)
        return -1 if i < 0 else i + len(self._readnl)
    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        eof = False
        while True:
            end = self._find_line_end(self._decoded, self._decoded_pos)
            if end >= 0 and not (end == len(self._decoded) and end > 0 and self._decoded[end - 1] == '\r'
                                 and not self._readtranslate and self._readuniversal and not eof):
                break
            if end == -2 and eof:
                end = len(self._decoded)
                break
            if size >= 0 and len(self._decoded) - self._decoded_pos >= size:
                end = -1
                break
            if eof:
                end = len(self._decoded)
                break
            eof = not self._read_chunk()
        if end < 0:
            end = len(self._decoded)
        if size >= 0:
            end = min(end, self._decoded_pos + size)
        line = self._decoded[self._decoded_pos:end]
        self._decoded_pos = end
        if self._decoded_pos > 65536:
            self._decoded = self._decoded[self._decoded_pos:]
            self._decoded_pos = 0
        return line
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def tell(self):
        self._checkClosed()
        if not self.seekable():
            raise UnsupportedOperation('underlying stream is not seekable')
        self.flush()
        pos = self._buf().tell()
        if self._decoder is None or (self._decoded_pos >= len(self._decoded) and not self._decoder.getstate()[0]):
            return pos
        rest = self._decoded[self._decoded_pos:]
        if self._readtranslate:
            # Translated newlines lose their original length; re-encode
            # conservatively using the original bytes' newline style.
            pass
        pending = self._decoder.getstate()[0]
        return pos - len(self._encode(rest)) - len(pending)
    def seek(self, cookie, whence=0):
        self._checkClosed()
        if not self.seekable():
            raise UnsupportedOperation('underlying stream is not seekable')
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        elif whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            pos = self._buf().seek(0, 2)
            self._decoded = ''
            self._decoded_pos = 0
            self._decoder = None
            return pos
        elif whence != 0:
            raise ValueError('invalid whence (%r, should be 0, 1 or 2)' % (whence,))
        if cookie < 0:
            raise ValueError('negative seek position %r' % (cookie,))
        self.flush()
        self._buf().seek(cookie)
        self._decoded = ''
        self._decoded_pos = 0
        self._decoder = None
        return cookie
    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self._buf().truncate(pos)
    def __getstate__(self):
        raise TypeError("cannot pickle '_io.TextIOWrapper' object")

class StringIO(_TextIOBase):
    __module__ = '_io'
    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %r' % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not %s' % type(initial_value).__name__)
        self._newline = newline
        self._chunks = []
        self._value = ''
        self._pos = 0
        self._closed = False
        self._seennl = 0
        if initial_value:
            self.write(initial_value)
            self._pos = 0
    @property
    def closed(self):
        return self._closed
    def close(self):
        self._closed = True
    @property
    def line_buffering(self):
        self._checkClosed()
        return False
    @property
    def newlines(self):
        if self._newline is not None:
            return None
        return (None, '\n', '\r', ('\r', '\n'), '\r\n', ('\n', '\r\n'), ('\r', '\r\n'), ('\r', '\n', '\r\n'))[self._seennl]
    def readable(self):
        self._checkClosed()
        return True
    writable = seekable = readable
    def _flat(self):
        if self._chunks:
            self._value += ''.join(self._chunks)
            self._chunks = []
        return self._value
    def getvalue(self):
        self._checkClosed()
        return self._flat()
    def write(self, s):
        self._checkClosed()
        if not isinstance(s, str):
            raise TypeError('string argument expected, got \'%s\'' % type(s).__name__)
        n = len(s)
        nl = self._newline
        if nl is None:
            if '\r' in s:
                crlf = s.count('\r\n')
                self._seennl |= (2 if s.count('\r') > crlf else 0) | (4 if crlf else 0)
                s = s.replace('\r\n', '\n').replace('\r', '\n')
            if '\n' in s and not (self._seennl & 1):
                self._seennl |= 1
        elif nl not in ('', '\n') and '\n' in s:
            s = s.replace('\n', nl)
        if not s:
            return n
        total = len(self._value) + sum(map(len, self._chunks))
        if self._pos == total:
            self._chunks.append(s)
        else:
            v = self._flat()
            if self._pos > len(v):
                v += '\0' * (self._pos - len(v))
            self._value = v[:self._pos] + s + v[self._pos + len(s):]
        self._pos += len(s)
        return n
    def read(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        v = self._flat()
        end = len(v) if size < 0 else min(len(v), self._pos + size)
        s = v[self._pos:end] if self._pos < end else ''
        self._pos = max(self._pos, end)
        return s
    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        v = self._flat()
        if self._pos >= len(v):
            return ''
        nl = self._newline
        if nl == '':
            i = self._pos
            end = len(v)
            while i < len(v):
                if v[i] == '\n':
                    end = i + 1
                    break
                if v[i] == '\r':
                    end = i + 2 if v[i + 1:i + 2] == '\n' else i + 1
                    break
                i += 1
        else:
            sep = '\n' if nl is None or nl == '\n' else nl
            i = v.find(sep, self._pos)
            end = len(v) if i < 0 else i + len(sep)
        if size >= 0:
            end = min(end, self._pos + size)
        s = v[self._pos:end]
        self._pos = end
        return s
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def tell(self):
        self._checkClosed()
        return self._pos
    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence == 0:
            if pos < 0:
                raise ValueError('Negative seek position %d' % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._flat())
        else:
            raise ValueError('Invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos
    def truncate(self, pos=None):
        self._checkClosed()
        if pos is None:
            pos = self._pos
        if pos < 0:
            raise ValueError('Negative size value %d' % pos)
        v = self._flat()
        self._value = v[:pos]
        return pos
    def detach(self):
        raise UnsupportedOperation('detach')
    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, _user_dict(self, _STRINGIO_FIELDS))
    def __setstate__(self, state):
        if not isinstance(state, tuple) or len(state) < 4:
            raise TypeError('%s.__setstate__ argument should be 4-tuple, got %s'
                            % (_tp_name(self, StringIO), type(state).__name__))
        # __init__ checks the value and newline; the value itself is put
        # back as is (it was translated once already).
        StringIO.__init__(self, state[0], state[1])
        value, pos, d = state[0], state[2], state[3]
        if value is None:
            raise TypeError('bad argument type for built-in operation')
        if not isinstance(pos, int):
            raise TypeError('third item of state must be an integer, got %s' % type(pos).__name__)
        if pos < 0:
            raise ValueError('position value cannot be negative')
        if d is not None and not isinstance(d, dict):
            raise TypeError('fourth item of state should be a dict, got a %s' % type(d).__name__)
        self._chunks = []
        self._value = value
        self._pos = pos
        if d is not None:
            self.__dict__.update(d)

# The attributes BytesIO and StringIO keep in their instance dict; the
# pickled state's dict (CPython's instance __dict__) holds only the others.
_BYTESIO_FIELDS = frozenset(('_buf', '_pos', '_closed'))
_STRINGIO_FIELDS = frozenset(('_newline', '_chunks', '_value', '_pos', '_closed', '_seennl'))

def _user_dict(obj, fields):
    d = {k: v for k, v in obj.__dict__.items() if k not in fields}
    return d or None

def _tp_name(obj, base):
    t = type(obj)
    return '_io.' + base.__name__ if t is base else t.__name__

def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, int):
        file = _os.fspath(file)
    if not isinstance(file, (str, bytes, int)):
        raise TypeError('invalid file: %r' % (file,))
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(buffering).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not %s" % type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not %s" % type(errors).__name__)
    modes = set(mode)
    if len(modes) != len(mode) or not modes <= set('axrwb+tU'):
        raise ValueError('invalid mode: %r' % mode)
    creating = 'x' in modes
    reading = 'r' in modes
    writing = 'w' in modes
    appending = 'a' in modes
    updating = '+' in modes
    text = 't' in modes
    binary = 'b' in modes
    if 'U' in modes:
        raise ValueError("invalid mode: %r" % mode)
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError('must have exactly one of create/read/write/append mode')
    if not (creating or reading or writing or appending):
        raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                      "the default buffer size will be used", RuntimeWarning, 2)
    raw = FileIO(file, (creating and 'x' or '') + (reading and 'r' or '') + (writing and 'w' or '')
                 + (appending and 'a' or '') + (updating and '+' or ''), closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = max(raw._blksize, DEFAULT_BUFFER_SIZE) if raw._blksize > 1 else DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except BaseException:
        result.close()
        raise

def open_code(path):
    if not isinstance(path, str):
        raise TypeError("open_code() argument 'path' must be str, not %s" % type(path).__name__)
    return open(path, 'rb')

for _c in (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase, FileIO, BytesIO, StringIO, BufferedReader,
           BufferedWriter, BufferedRandom, BufferedRWPair, TextIOWrapper, IncrementalNewlineDecoder):
    _c.__module__ = '_io'
del _c
