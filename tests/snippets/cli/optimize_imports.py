# args: -OO {file}
# -O/-OO apply to imported modules too: asserts and __debug__ blocks are
# gone and (-OO) docstrings are None; compile(optimize=0) still keeps them.
import os, sys, tempfile
d = tempfile.mkdtemp()
with open(os.path.join(d, "optmod_core.py"), "w") as f:
    f.write('def f():\n    "doc of f"\n    assert False, "assert in module"\n    return "no assert"\n'
            'print("module", __debug__, f.__doc__)\nif __debug__:\n    print("debug branch")\n')
sys.path.insert(0, d)
sys.dont_write_bytecode = True
import optmod_core
print(optmod_core.f(), sys.flags.optimize)
exec(compile("try:\n  assert 0, 'c0'\nexcept AssertionError as e: print('c0 AE', e)", "s", "exec", optimize=0))
def g():
    "gdoc"
print(g.__doc__, __doc__)
os.remove(os.path.join(d, "optmod_core.py"))
os.rmdir(d)
