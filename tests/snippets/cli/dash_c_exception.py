# args: -c "def f():\n    return g()\ndef g():\n    raise ValueError('from -c')\nprint('before')\nf()" extra
