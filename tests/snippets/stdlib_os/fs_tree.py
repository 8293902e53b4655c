# tempfile, os.walk, shutil, glob and pathlib over a private temporary tree
import glob
import os
import pathlib
import shutil
import tempfile

with tempfile.TemporaryDirectory(prefix='taipan-') as d:
    print(os.path.basename(d).startswith('taipan-'), os.path.isdir(d))
    os.makedirs(os.path.join(d, 'a', 'b', 'c'))
    os.makedirs(os.path.join(d, 'a', 'b', 'c'), exist_ok=True)
    try:
        os.makedirs(os.path.join(d, 'a'))
    except FileExistsError as e:
        print('FileExistsError', e.errno, os.path.basename(e.filename))
    for n in ['a/x.txt', 'a/b/y.txt', 'a/b/z.py', 'a/b/c/deep.txt', 'top.txt', '.hidden.txt']:
        with open(os.path.join(d, n), 'w') as f:
            f.write(n * 2)
    for root, dirs, files in os.walk(d):
        dirs.sort()
        print('walk', os.path.relpath(root, d), dirs, sorted(files))
    for root, dirs, files in os.walk(d, topdown=False):
        print('bottom-up', os.path.relpath(root, d))
    print(sorted(e.name for e in os.scandir(d)))
    with os.scandir(os.path.join(d, 'a')) as it:
        for e in sorted(it, key=lambda e: e.name):
            print(' ', e.name, e.is_dir(), e.is_file(), e.is_symlink(), e.stat().st_size if e.is_file() else '-')
    shutil.copytree(os.path.join(d, 'a'), os.path.join(d, 'copy'))
    shutil.copy(os.path.join(d, 'top.txt'), os.path.join(d, 'copy', 'top2.txt'))
    shutil.copy2(os.path.join(d, 'top.txt'), os.path.join(d, 'copy', 'top3.txt'))
    shutil.move(os.path.join(d, 'copy', 'top3.txt'), os.path.join(d, 'moved.txt'))
    rel = lambda ps: sorted(os.path.relpath(p, d) for p in ps)
    print(rel(glob.glob(os.path.join(d, '*.txt'))))
    print(rel(glob.glob(os.path.join(d, '**', '*.txt'), recursive=True)))
    print(rel(glob.glob(os.path.join(d, 'a', '?', '*.py'))))
    print(rel(glob.iglob(os.path.join(d, 'copy', '**'), recursive=True)))
    P = pathlib.Path(d)
    print(sorted(str(p.relative_to(P)) for p in P.glob('copy/**/*')))
    print(sorted(str(p.relative_to(P)) for p in P.rglob('*.py')))
    q = P / 'a' / 'b' / 'y.txt'
    print(q.read_text(), q.suffix, q.stem, q.parent.name, q.exists(), q.is_file())
    (P / 'new.txt').write_text('written\n')
    (P / 'bin.dat').write_bytes(bytes(range(5)))
    print((P / 'new.txt').read_text(), (P / 'bin.dat').read_bytes(), (P / 'bin.dat').stat().st_size)
    (P / 'dir1').mkdir()
    (P / 'dir1' / 'f').touch()
    (P / 'dir1' / 'f').rename(P / 'dir1' / 'g')
    print(sorted(p.name for p in (P / 'dir1').iterdir()))
    (P / 'dir1' / 'g').unlink()
    (P / 'dir1').rmdir()
    shutil.rmtree(os.path.join(d, 'copy'))
    print(sorted(os.listdir(d)))
    print(shutil.disk_usage(d).total > 0)
    with tempfile.NamedTemporaryFile('w+', dir=d, suffix='.tmp', delete=False) as tf:
        tf.write('abc')
        tf.seek(0)
        print(tf.read(), tf.name.endswith('.tmp'), os.path.dirname(tf.name) == d)
    fd, name = tempfile.mkstemp(dir=d, text=True)
    os.write(fd, b'mkstemp')
    os.close(fd)
    print(open(name).read(), oct(os.stat(name).st_mode & 0o777))
    sub = tempfile.mkdtemp(dir=d)
    print(oct(os.stat(sub).st_mode & 0o777))
    with tempfile.SpooledTemporaryFile(max_size=10) as sf:
        sf.write(b'x' * 5)
        print(sf._rolled)
        sf.write(b'y' * 10)
        print(sf._rolled)
        sf.seek(0)
        print(sf.read())
    with tempfile.TemporaryFile() as t:
        t.write(b'temporary')
        t.seek(0)
        print(t.read())
print(os.path.exists(d))
print(tempfile.gettempdir() == tempfile.gettempdir(), type(tempfile.gettempprefix()).__name__)
