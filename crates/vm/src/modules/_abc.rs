//! The `_abc` module: the machinery behind `abc.ABCMeta` (abstract-method
//! bookkeeping, `register`, and the cached `isinstance`/`issubclass`
//! checks).  Without it `abc` falls back to `_py_abc`, which cannot set the
//! type flags `match` looks at: a class defining `__abc_tpflags__`
//! (`collections.abc.Sequence`, `Mapping`) marks itself, its subclasses and
//! every class registered with it as a sequence or a mapping for
//! `MATCH_SEQUENCE`/`MATCH_MAPPING`, as CPython's `_abc.c` does.
//!
//! The caches and the registry are Python-level weak sets, so the logic is
//! a Python prelude; only the flag changes are native (`_set_tpflags`).

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Obj, PyType};
use crate::types::none::none;
use crate::vm::Vm;

use super::modutil;

const PRELUDE: &str = r#"
from _weakrefset import WeakSet as _WeakSet
from _weakref import ref as _ref

_invalidation_counter = 0


def get_cache_token():
    """Returns the current ABC cache token.

The token is an opaque object (supporting equality testing) identifying the
current version of the ABC cache for virtual subclasses. The token changes
with every call to register() on any ABC."""
    return _invalidation_counter


class _abc_data:
    """Internal state held by ABC machinery."""
    __module__ = '_abc'
    __slots__ = ('registry', 'cache', 'negative_cache', 'negative_cache_version')

    def __init__(self):
        self.registry = _WeakSet()
        self.cache = _WeakSet()
        self.negative_cache = _WeakSet()
        self.negative_cache_version = _invalidation_counter


def _get_impl(cls):
    impl = cls._abc_impl
    if type(impl) is not _abc_data:
        raise TypeError("_abc_impl is set to a wrong type")
    return impl


def _abc_init(cls):
    """Internal ABC helper for class set-up. Should be never used outside abc module."""
    ns = cls.__dict__
    abstracts = {name for name, value in ns.items()
                 if getattr(value, "__isabstractmethod__", False)}
    bases = cls.__bases__
    if type(bases) is not tuple:
        raise TypeError("__bases__ is not tuple")
    for base in bases:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    cls._abc_impl = _abc_data()
    if isinstance(cls, type) and '__abc_tpflags__' in ns:
        val = ns['__abc_tpflags__']
        if type(val) is int:
            if val & _COLLECTION_FLAGS == _COLLECTION_FLAGS:
                raise TypeError("__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE "
                                "and Py_TPFLAGS_MAPPING")
            _set_tpflags(cls, val & _COLLECTION_FLAGS, False)
        delattr(cls, '__abc_tpflags__')


def _abc_register(cls, subclass):
    """Internal ABC helper for subclasss registration. Should be never used outside abc module."""
    global _invalidation_counter
    if not isinstance(subclass, type):
        raise TypeError("Can only register classes")
    if issubclass(subclass, cls):
        return subclass  # Already a subclass.
    # Cycles are tested for after "already a subclass": X.register(X) is a no-op.
    if issubclass(cls, subclass):
        raise RuntimeError("Refusing to create an inheritance cycle")
    _get_impl(cls).registry.add(subclass)
    _invalidation_counter += 1
    if isinstance(cls, type):
        flag = _get_tpflags(cls) & _COLLECTION_FLAGS
        if flag:
            _set_tpflags(subclass, flag, True)
    return subclass


def _abc_instancecheck(cls, instance):
    """Internal ABC helper for instance checks. Should be never used outside abc module."""
    impl = _get_impl(cls)
    subclass = instance.__class__
    if subclass in impl.cache:
        return True
    subtype = type(instance)
    if subtype is subclass:
        if (impl.negative_cache_version == _invalidation_counter
                and subclass in impl.negative_cache):
            return False
        return cls.__subclasscheck__(subclass)
    return cls.__subclasscheck__(subclass) or cls.__subclasscheck__(subtype)


def _abc_subclasscheck(cls, subclass):
    """Internal ABC helper for subclasss checks. Should be never used outside abc module."""
    if not isinstance(subclass, type):
        raise TypeError('issubclass() arg 1 must be a class')
    impl = _get_impl(cls)
    if subclass in impl.cache:
        return True
    if impl.negative_cache_version < _invalidation_counter:
        impl.negative_cache.clear()
        impl.negative_cache_version = _invalidation_counter
    elif subclass in impl.negative_cache:
        return False
    ok = cls.__subclasshook__(subclass)
    if ok is not NotImplemented:
        if ok is not True and ok is not False:
            raise AssertionError("__subclasshook__ must return either False, True, "
                                 "or NotImplemented")
        if ok:
            impl.cache.add(subclass)
        else:
            impl.negative_cache.add(subclass)
        return ok
    mro = subclass.__mro__
    for c in mro:
        if c is cls:
            impl.cache.add(subclass)
            return True
    for rcls in list(impl.registry):
        if issubclass(subclass, rcls):
            impl.cache.add(subclass)
            return True
    for scls in cls.__subclasses__():
        if issubclass(subclass, scls):
            impl.cache.add(subclass)
            return True
    impl.negative_cache.add(subclass)
    return False


def _get_dump(cls):
    """Internal ABC helper for cache and registry debugging.

Return shallow copies of registry, of both caches, and
negative cache version. Don't call this function directly,
instead use ABC._dump_registry() for a nice repr."""
    impl = _get_impl(cls)
    return ({_ref(x) for x in impl.registry}, {_ref(x) for x in impl.cache},
            {_ref(x) for x in impl.negative_cache}, impl.negative_cache_version)


def _reset_registry(cls):
    """Internal ABC helper to reset registry of a given class.

Should be only used by refleak.py"""
    _get_impl(cls).registry.clear()


def _reset_caches(cls):
    """Internal ABC helper to reset both caches of a given class.

Should be only used by refleak.py"""
    impl = _get_impl(cls)
    impl.cache.clear()
    impl.negative_cache.clear()
"#;

const COLLECTION: u32 = flags::SEQUENCE | flags::MAPPING;

fn as_type(o: &crate::value::PyRef) -> PyResult<&Obj<PyType>> {
    o.as_type().ok_or_else(|| type_error("expected a type"))
}

/// CPython's `set_collection_flag_recursive`: static types and classes that
/// already have exactly this flag are left alone.
fn set_recursive(t: &Obj<PyType>, flag: u32, depth: usize) {
    if t.has_flag(flags::IMMUTABLETYPE) || t.flags.get() & COLLECTION == flag || depth > 10_000 {
        return;
    }
    t.flags.set((t.flags.get() & !COLLECTION) | flag);
    let subs: Vec<crate::value::PyRef> = t
        .subclasses
        .borrow()
        .0
        .iter()
        // SAFETY: subclasses unregister themselves before being freed.
        .map(|&p| unsafe { &*(p as *const Obj<PyType>) }.to_ref())
        .collect();
    for s in &subs {
        if let Some(st) = s.as_type() {
            set_recursive(st, flag, depth + 1);
        }
    }
}

/// `_set_tpflags(cls, flag, recursive)`: adds a collection flag to a class
/// (`_abc_init`), or sets it on a registered class and its subclasses.
fn f_set_tpflags(vm: &Vm, a: Args<'_>) -> PyResult {
    let [cls, flag, recursive] = a.exact::<3>("_set_tpflags")?;
    let t = as_type(cls)?;
    let flag = crate::types::int::to_i64(flag).unwrap_or(0) as u32 & COLLECTION;
    if crate::protocol::object::is_true(vm, recursive)? {
        set_recursive(t, flag, 0);
    } else {
        t.flags.set(t.flags.get() | flag);
    }
    Ok(none())
}

fn f_get_tpflags(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls] = a.exact::<1>("_get_tpflags")?;
    Ok(crate::types::int::int_from_i64(
        as_type(cls)?.flags.get() as i64
    ))
}

static FUNCS: &[MethodDef] = &[
    MethodDef::method("_set_tpflags", f_set_tpflags),
    MethodDef::method("_get_tpflags", f_get_tpflags),
];

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_abc",
        "Module contains faster C implementation of abc.ABCMeta",
        FUNCS,
    )?;
    modutil::set(
        &m,
        "_COLLECTION_FLAGS",
        crate::types::int::int_from_i64(COLLECTION as i64),
    );
    modutil::run_prelude(vm, &m, "<_abc>", PRELUDE)?;
    Ok(m)
}
