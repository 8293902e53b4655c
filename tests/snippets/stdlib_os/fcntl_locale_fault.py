# fcntl, _locale/locale and faulthandler
import fcntl
import faulthandler
import locale
import os
import tempfile


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


r, w = os.pipe()
fl = fcntl.fcntl(r, fcntl.F_GETFL)
print(fl & os.O_NONBLOCK == 0, fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fcntl.fcntl(r, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK != 0, os.get_blocking(r))
print(fcntl.fcntl(r, fcntl.F_GETPIPE_SZ) > 0)
t(lambda: fcntl.fcntl(-1, 1))
t(lambda: fcntl.fcntl('x', 1))
t(lambda: fcntl.fcntl(r, 1, b'x' * 2000))
t(lambda: fcntl.flock(99, fcntl.LOCK_EX))
t(lambda: fcntl.ioctl(r, 0x5401, b'\0' * 8))
os.close(r)
os.close(w)
with tempfile.TemporaryFile() as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_SH)
    fcntl.lockf(f, fcntl.LOCK_UN)
    t(lambda: fcntl.lockf(f, 12345))
    print('locked and unlocked')
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD, fcntl.F_SETFL)

print(locale.setlocale(locale.LC_ALL, 'C'))
print(locale.setlocale(locale.LC_NUMERIC))
t(lambda: locale.setlocale(locale.LC_ALL, 'no_such_LOCALE'))
conv = locale.localeconv()
print(sorted(conv.items()))
print(locale.nl_langinfo(locale.CODESET), locale.nl_langinfo(locale.RADIXCHAR), locale.nl_langinfo(locale.DAY_1))
t(lambda: locale.nl_langinfo(123456))
print(locale.strcoll('a', 'b') < 0, locale.strxfrm('abc'))
print(locale.format_string('%d items', 1234567, grouping=True), locale.str(1.5), locale.atof('2.5'))
print(locale.getlocale(locale.LC_NUMERIC), locale.normalize('en_US'))
print(issubclass(locale.Error, Exception), locale.Error.__module__)
print(locale.gettext('msg') if hasattr(locale, 'gettext') else None)

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())


def deep():
    with tempfile.TemporaryFile('w+') as f:
        faulthandler.dump_traceback(f, all_threads=False)
        f.seek(0)
        return f.read()


for line in deep().splitlines():
    print(line.replace(__file__, 'FILE'))
