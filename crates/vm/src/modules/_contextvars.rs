//! The `_contextvars` module (PEP 567): `ContextVar`, `Token`, `Context`
//! and `copy_context`, which `Lib/contextvars.py`, `asyncio` and `decimal`
//! build on.
//!
//! Written as a Python prelude run in the module's namespace.  A context's
//! mapping is an immutable dict that is replaced, never mutated, on
//! `ContextVar.set`, so `copy_context()` is O(1) and a copied context never
//! sees later changes (CPython uses a HAMT for the same property with
//! O(log n) updates; contexts hold a handful of variables in practice).
//! The current context is kept per thread, keyed by `_thread.get_ident()`.

use crate::error::PyResult;
use crate::vm::Vm;

use super::modutil;

const PRELUDE: &str = r#"
from _thread import get_ident as _get_ident

_current = {}
_MISSING = object()

def _no_subclass(name):
    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '%s' is not an acceptable base type" % name)
    return classmethod(__init_subclass__)

def _get_context():
    ident = _get_ident()
    ctx = _current.get(ident)
    if ctx is None:
        ctx = Context()
        _current[ident] = ctx
    return ctx

class Context:
    __module__ = '_contextvars'
    __slots__ = ('_data', '_prev', '_entered', '__weakref__')
    __init_subclass__ = _no_subclass('_contextvars.Context')

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            raise TypeError('Context() does not accept any arguments')
        self = object.__new__(cls)
        self._data = {}
        self._prev = None
        self._entered = False
        return self

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError('cannot enter context: %r is already entered' % (self,))
        ident = _get_ident()
        self._prev = _current.get(ident)
        self._entered = True
        _current[ident] = self
        try:
            return callable(*args, **kwargs)
        finally:
            prev = self._prev
            if prev is None:
                _current.pop(ident, None)
            else:
                _current[ident] = prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = object.__new__(Context)
        new._data = self._data
        new._prev = None
        new._entered = False
        return new

    def _check(self, var):
        if type(var) is not ContextVar:
            raise TypeError('a ContextVar key was expected, got %r' % (var,))

    def __getitem__(self, var):
        self._check(var)
        return self._data[var]

    def __contains__(self, var):
        self._check(var)
        return var in self._data

    def get(self, var, default=None, /):
        self._check(var)
        return self._data.get(var, default)

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


class ContextVar:
    __module__ = '_contextvars'
    __slots__ = ('_name', '_default', '__weakref__')
    __init_subclass__ = _no_subclass('_contextvars.ContextVar')

    def __new__(cls, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self = object.__new__(cls)
        self._name = name
        self._default = default
        return self

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError('get expected at most 1 argument, got %d' % len(args))
        ctx = _current.get(_get_ident())
        if ctx is not None:
            v = ctx._data.get(self, _MISSING)
            if v is not _MISSING:
                return v
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value, /):
        ctx = _get_context()
        data = ctx._data
        old = data.get(self, Token.MISSING)
        new = dict(data)
        new[self] = value
        ctx._data = new
        return Token._make(ctx, self, old)

    def reset(self, token, /):
        if type(token) is not Token:
            raise TypeError('expected an instance of Token, got %r' % (token,))
        if token._used:
            raise RuntimeError('%r has already been used once' % (token,))
        if token._var is not self:
            raise ValueError('%r was created by a different ContextVar' % (token,))
        ctx = _get_context()
        if token._ctx is not ctx:
            raise ValueError('%r was created in a different Context' % (token,))
        token._used = True
        new = dict(ctx._data)
        if token._old is Token.MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old
        ctx._data = new

    def __repr__(self):
        r = '<ContextVar name=%r' % (self._name,)
        if self._default is not _MISSING:
            r += ' default=%r' % (self._default,)
        return r + ' at 0x%x>' % id(self)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class _Missing:
    __module__ = '_contextvars'
    def __repr__(self):
        return '<Token.MISSING>'

class Token:
    __module__ = '_contextvars'
    __slots__ = ('_ctx', '_var', '_old', '_used')
    __init_subclass__ = _no_subclass('_contextvars.Token')
    MISSING = _Missing()

    def __new__(cls, *args, **kwargs):
        raise RuntimeError('Tokens can only be created by ContextVars')

    @classmethod
    def _make(cls, ctx, var, old):
        self = object.__new__(cls)
        self._ctx = ctx
        self._var = var
        self._old = old
        self._used = False
        return self

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __repr__(self):
        return '<Token%s var=%r at 0x%x>' % (' used' if self._used else '', self._var, id(self))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


def copy_context():
    return _get_context().copy()

del _Missing
"#;

/// Creates the `_contextvars` module.
pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module("_contextvars", "Context Variables", &[])?;
    modutil::run_prelude(vm, &m, "<_contextvars>", PRELUDE)?;
    Ok(m)
}
