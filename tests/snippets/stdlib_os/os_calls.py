# posix calls that os, shutil, tempfile and subprocess rely on
import os
import stat
import sys
import tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, 'f')
fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
print(os.write(fd, b'0123456789'), os.get_inheritable(fd))
os.ftruncate(fd, 4)
os.close(fd)
try:
    os.close(fd)
except OSError as e:
    print('close twice:', e.errno, e.strerror)
st = os.stat(p)
print(st.st_size, stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_nlink)
print(len(st), st[6] == st.st_size, type(st.st_atime).__name__, type(st.st_atime_ns).__name__)
os.truncate(p, 2)
print(open(p, 'rb').read())
os.chmod(p, 0o600)
print(oct(os.stat(p).st_mode & 0o777))
os.utime(p, (1000000000, 1000000001))
st = os.stat(p)
print(st.st_atime, st.st_mtime, st.st_mtime_ns)
os.utime(p, ns=(5 * 10**9, 6 * 10**9 + 7))
print(os.stat(p).st_mtime_ns)
os.link(p, p + '.hard')
os.symlink('f', p + '.sym')
print(os.readlink(p + '.sym'), os.stat(p).st_nlink, os.path.islink(p + '.sym'))
print(stat.S_ISLNK(os.lstat(p + '.sym').st_mode), os.stat(p + '.sym').st_ino == os.stat(p).st_ino)
os.rename(p + '.hard', p + '.renamed')
os.replace(p + '.renamed', p + '.replaced')
print(sorted(os.listdir(d)))
print(sorted(os.listdir(os.fsencode(d))))
dfd = os.open(d, os.O_RDONLY)
print(os.stat('f', dir_fd=dfd).st_size)
os.close(dfd)
for n in sorted(os.listdir(d)):
    os.unlink(os.path.join(d, n))
os.rmdir(d)
try:
    os.stat(p)
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno, e.filename == p)

r, w = os.pipe()
print(os.get_inheritable(r), os.get_blocking(r))
os.set_inheritable(r, True)
os.set_blocking(r, False)
print(os.get_inheritable(r), os.get_blocking(r))
try:
    os.read(r, 10)
except BlockingIOError as e:
    print('BlockingIOError', e.errno)
os.set_blocking(r, True)
r2 = os.dup(r)
print(os.get_inheritable(r2))
os.dup2(w, 100)
os.write(100, b'via dup2')
print(os.read(r2, 100))
for f in (r, w, r2, 100):
    os.close(f)
r, w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
print(os.get_blocking(r), os.get_inheritable(w))
os.close(r)
os.close(w)

print(os.getpid() > 0, os.getppid() > 0, isinstance(os.getuid(), int), isinstance(os.getgid(), int))
print(os.geteuid() == os.getuid(), type(os.getgroups()).__name__, os.getpgrp() == os.getpgid(0))
old = os.umask(0o22)
print(oct(os.umask(old)))
u = os.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, sorted(u._fields) if hasattr(u, '_fields') else None)
print(len(os.urandom(16)), os.urandom(0))
print(isinstance(os.cpu_count(), int), isinstance(os.sched_getaffinity(0), set))
t = os.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t))
print(os.sysconf('SC_PAGESIZE') == os.sysconf(os.sysconf_names['SC_PAGESIZE']))
print(os.confstr('CS_PATH') is not None, os.confstr('CS_GNU_LIBC_VERSION').split()[0])
try:
    os.sysconf('SC_NO_SUCH')
except ValueError as e:
    print('ValueError', e)
print(os.pathconf('/', 'PC_NAME_MAX') > 0)
print(type(os.environ).__name__, type(os.environb[b'PATH']).__name__, os.environ['PATH'] == os.fsdecode(os.environb[b'PATH']))
os.environ['TAIPAN_TEST_VAR'] = 'value'
print(os.getenv('TAIPAN_TEST_VAR'), os.environb[b'TAIPAN_TEST_VAR'])
del os.environ['TAIPAN_TEST_VAR']
print(os.getenv('TAIPAN_TEST_VAR'))
print(os.fspath('a'), os.fspath(b'b'))
try:
    os.fspath(1)
except TypeError as e:
    print('TypeError', e)
try:
    os.get_terminal_size(99)
except OSError as e:
    print('get_terminal_size', e.errno)
print(os.WIFEXITED(3 << 8), os.WEXITSTATUS(3 << 8), os.waitstatus_to_exitcode(3 << 8), os.waitstatus_to_exitcode(9))

calls = []
os.register_at_fork(before=lambda: calls.append('before1'), after_in_parent=lambda: calls.append('parent'))
os.register_at_fork(before=lambda: calls.append('before2'), after_in_child=lambda: calls.append('child'))
for bad in ({}, {'before': 1}):
    try:
        os.register_at_fork(**bad)
    except TypeError as e:
        print('TypeError', e)
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.write(1, ('child saw %s\n' % calls).encode())
    os._exit(5)
wpid, status = os.waitpid(pid, 0)
print(wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.waitstatus_to_exitcode(status), calls)
pid = os.fork()
if pid == 0:
    import time
    time.sleep(10)
    os._exit(0)
os.kill(pid, 15)
_, status = os.waitpid(pid, 0)
print(os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status))
try:
    os.waitpid(pid, 0)
except ChildProcessError as e:
    print('ChildProcessError', e.errno)
