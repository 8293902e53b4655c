# subprocess over _posixsubprocess.fork_exec, select/poll and os.waitpid
import os
import subprocess
import sys

r = subprocess.run([sys.executable, '-c', 'import sys; print("out"); sys.stderr.write("err\\n"); sys.exit(3)'],
                   capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output(['echo', 'hello', 'world']))
print(repr(subprocess.check_output('echo $((6*7))', shell=True, text=True)))
print(subprocess.call(['true']), subprocess.call(['false']))
try:
    subprocess.check_call(['false'])
except subprocess.CalledProcessError as e:
    print('CalledProcessError:', e, e.returncode)
try:
    subprocess.run(['/no/such/program'])
except FileNotFoundError as e:
    print('FileNotFoundError:', e.errno, e.strerror, e.filename)
try:
    subprocess.run(['ls'], cwd='/no/such/dir')
except FileNotFoundError as e:
    print('cwd error:', e.errno, e.filename)
p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b'piped data\n' * 3)
print(out, err, p.returncode)
r = subprocess.run(['sh', '-c', 'echo $FOO-$BAR'], env={'FOO': 'foo', 'BAR': 'bar', 'PATH': os.environ['PATH']},
                   stdout=subprocess.PIPE, text=True)
print(repr(r.stdout))
r = subprocess.run(['sh', '-c', 'echo to-stderr 1>&2'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout)
r = subprocess.run(['pwd'], cwd='/', capture_output=True, text=True)
print(r.stdout.strip())
r = subprocess.run(['cat'], input='text input', capture_output=True, text=True)
print(repr(r.stdout))
try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired:', e.cmd, type(e.timeout).__name__)
# pass_fds and close_fds
rfd, wfd = os.pipe()
r = subprocess.run([sys.executable, '-c', 'import os, sys; os.write(int(sys.argv[1]), b"via fd")', str(wfd)],
                   pass_fds=(wfd,))
os.close(wfd)
print(r.returncode, os.read(rfd, 100))
os.close(rfd)
# preexec_fn runs in the child before exec
r = subprocess.run(['sh', '-c', 'echo $0'], preexec_fn=lambda: None, capture_output=True)
print(r.returncode, r.stdout)
with subprocess.Popen(['sh', '-c', 'exit 7']) as p:
    pass
print(p.returncode, p.wait(), p.poll())
p = subprocess.Popen(['sleep', '10'])
p.kill()
print(p.wait())
print(subprocess.getoutput('echo hi; exit 2'), subprocess.getstatusoutput('echo x; exit 2'))
