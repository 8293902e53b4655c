//! `set` and `frozenset`, with CPython's exact table: open addressing with
//! 9 linear probes then perturbation, dummies on delete, the same resize
//! rule (`fill*5 >= mask*3`, grow to used*4 or used*2) and the same merge
//! fast paths, so iteration order (and so printed sets) match CPython for
//! the same hashes.
//!
//! As in `dict.rs`, no `RefCell` borrow is held across a Python `__eq__`.

use std::cell::RefCell;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{
    Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit, slots::Slots,
};
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::none::{none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;

#[derive(Clone)]
enum Slot {
    Unused,
    Dummy,
    Active(i64, PyRef),
}

/// The hash table.
pub struct SetTable {
    table: Vec<Slot>,
    fill: usize,
    used: usize,
    mutations: u64,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            table: vec![Slot::Unused; MIN_SIZE],
            fill: 0,
            used: 0,
            mutations: 0,
        }
    }
}

impl Trace for SetTable {
    fn trace(&self, visit: &mut Visit<'_>) {
        for s in &self.table {
            if let Slot::Active(_, k) = s {
                k.trace(visit);
            }
        }
    }
}

impl SetTable {
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    fn insert_clean(table: &mut [Slot], hash: i64, key: PyRef) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Unused) {
                table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(table[i + j], Slot::Unused) {
                        table[i + j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; newsize]);
        self.fill = self.used;
        for s in old {
            if let Slot::Active(h, k) = s {
                Self::insert_clean(&mut self.table, h, k);
            }
        }
        self.mutations += 1;
    }
}

crate::py_payload! {
    /// The payload of set and frozenset objects.
    pub struct PySet {
        table: RefCell<SetTable>,
        /// Cached hash of a frozenset (-1: not computed).
        hash: std::cell::Cell<i64>,
        /// Where `pop` resumes its scan (CPython's `finger`).
        finger: std::cell::Cell<usize>,
    }
}

pub static SET_TYPE: StaticType = StaticType::new();
pub static FROZENSET_TYPE: StaticType = StaticType::new();

impl PyPayload for PySet {
    fn class() -> &'static Obj<PyType> {
        SET_TYPE.get()
    }
}

impl Default for PySet {
    fn default() -> Self {
        PySet {
            table: RefCell::new(SetTable::default()),
            hash: std::cell::Cell::new(-1),
            finger: std::cell::Cell::new(0),
        }
    }
}

enum Found {
    Yes(usize),
    No,
}

/// Native equality for common key types (`None`: ask Python).
fn native_eq(a: &PyRef, b: &PyRef) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if a.is_exact::<PyStr>() && b.is_exact::<PyStr>() {
        return Some(a.downcast::<PyStr>()?.as_bytes() == b.downcast::<PyStr>()?.as_bytes());
    }
    if a.is_small() && b.is_small() {
        return Some(false);
    }
    None
}

impl PySet {
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements in table order.
    pub fn items(&self) -> Vec<PyRef> {
        self.table
            .borrow()
            .table
            .iter()
            .filter_map(|s| {
                if let Slot::Active(_, k) = s {
                    Some(k.clone())
                } else {
                    None
                }
            })
            .collect()
    }

    /// The first active element at table position `pos` or later, with
    /// the position after it (for the live set iterator).
    pub(crate) fn entry_from(&self, pos: usize) -> Option<(usize, PyRef)> {
        let t = self.table.borrow();
        let mut p = pos;
        while let Some(s) = t.table.get(p) {
            if let Slot::Active(_, k) = s {
                return Some((p + 1, k.clone()));
            }
            p += 1;
        }
        None
    }

    fn hashed_items(&self) -> Vec<(i64, PyRef)> {
        self.table
            .borrow()
            .table
            .iter()
            .filter_map(|s| {
                if let Slot::Active(h, k) = s {
                    Some((*h, k.clone()))
                } else {
                    None
                }
            })
            .collect()
    }

    fn lookup(&self, vm: &Vm, key: &PyRef, hash: i64) -> PyResult<Found> {
        'restart: loop {
            let (mask, muts) = {
                let t = self.table.borrow();
                (t.mask(), t.mutations)
            };
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in 0..=probes {
                    let idx = i + j;
                    let cand = {
                        let t = self.table.borrow();
                        if t.mutations != muts {
                            continue 'restart;
                        }
                        match &t.table[idx] {
                            Slot::Unused => return Ok(Found::No),
                            Slot::Dummy => None,
                            Slot::Active(h, k) if *h == hash => match native_eq(k, key) {
                                Some(true) => return Ok(Found::Yes(idx)),
                                Some(false) => None,
                                None => Some(k.clone()),
                            },
                            Slot::Active(..) => None,
                        }
                    };
                    if let Some(c) = cand {
                        let eq = crate::protocol::object::eq(vm, &c, key)?;
                        let t = self.table.borrow();
                        if t.mutations != muts {
                            continue 'restart;
                        }
                        if eq {
                            return Ok(Found::Yes(idx));
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    /// `key in s` for a key whose hash is known.
    fn contains_hashed(&self, vm: &Vm, key: &PyRef, hash: i64) -> PyResult<bool> {
        Ok(matches!(self.lookup(vm, key, hash)?, Found::Yes(_)))
    }

    /// Removes `key` with known hash; true if it was present.
    fn discard_hashed(&self, vm: &Vm, key: &PyRef, hash: i64) -> PyResult<bool> {
        match self.lookup(vm, key, hash)? {
            Found::Yes(idx) => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    t.used -= 1;
                    t.mutations += 1;
                    std::mem::replace(&mut t.table[idx], Slot::Dummy)
                };
                drop(old);
                Ok(true)
            }
            Found::No => Ok(false),
        }
    }

    /// CPython's `set_difference_update_internal`.
    fn difference_update(&self, vm: &Vm, me: Option<&PyRef>, other: &PyRef) -> PyResult<()> {
        if me.is_some_and(|m| m.is(other)) {
            self.clear();
            return Ok(());
        }
        if let Some(o) = other.downcast::<PySet>() {
            let entries = if (o.len() >> 3) > self.len() {
                // the other set is much larger: use the intersection
                let r = PySet::default();
                for (h, k) in self.hashed_items() {
                    if o.contains_hashed(vm, &k, h)? {
                        r.add_hashed(vm, k, h)?;
                    }
                }
                r.hashed_items()
            } else {
                o.hashed_items()
            };
            for (h, k) in entries {
                self.discard_hashed(vm, &k, h)?;
            }
        } else {
            let it = crate::protocol::iter::get_iter(vm, other)?;
            while let Some(k) = crate::protocol::iter::next(vm, &it)? {
                self.discard(vm, &k)?;
            }
        }
        // More than a quarter dummies: rebuild.
        let mut t = self.table.borrow_mut();
        if t.fill - t.used > t.mask() / 4 {
            let n = if t.used > 50000 {
                t.used * 2
            } else {
                t.used * 4
            };
            t.resize(n);
        }
        Ok(())
    }

    /// CPython's `set_symmetric_difference_update` (`me` is the set
    /// object itself, for the `s ^= s` case).
    fn symmetric_difference_update(
        &self,
        vm: &Vm,
        me: Option<&PyRef>,
        other: &PyRef,
    ) -> PyResult<()> {
        if me.is_some_and(|m| m.is(other)) {
            self.clear();
            return Ok(());
        }
        let entries: Vec<(i64, PyRef)> =
            if let Some(d) = other.downcast::<crate::types::dict::PyDict>() {
                if other.is_exact::<crate::types::dict::PyDict>() {
                    let mut v = Vec::new();
                    for k in d.keys() {
                        v.push((crate::protocol::object::hash(vm, &k)?, k));
                    }
                    v
                } else {
                    let tmp = PySet::default();
                    tmp.update(vm, other)?;
                    tmp.hashed_items()
                }
            } else if let Some(o) = other.downcast::<PySet>() {
                o.hashed_items()
            } else {
                let tmp = PySet::default();
                tmp.update(vm, other)?;
                tmp.hashed_items()
            };
        for (h, k) in entries {
            if !self.discard_hashed(vm, &k, h)? {
                self.add_hashed(vm, k, h)?;
            }
        }
        Ok(())
    }

    /// `key in s`.
    pub fn contains(&self, vm: &Vm, key: &PyRef) -> PyResult<bool> {
        let h = crate::protocol::object::hash(vm, key)?;
        Ok(matches!(self.lookup(vm, key, h)?, Found::Yes(_)))
    }

    /// `s.add(key)`.
    pub fn add(&self, vm: &Vm, key: PyRef) -> PyResult<()> {
        let h = crate::protocol::object::hash(vm, &key)?;
        self.add_hashed(vm, key, h)
    }

    fn add_hashed(&self, vm: &Vm, key: PyRef, hash: i64) -> PyResult<()> {
        if let Found::Yes(_) = self.lookup(vm, &key, hash)? {
            return Ok(());
        }
        let mut t = self.table.borrow_mut();
        // Find the first free slot (dummy or unused) on the probe path.
        let mask = t.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        let unused_at;
        'outer: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                match &t.table[i + j] {
                    Slot::Unused => {
                        unused_at = i + j;
                        break 'outer;
                    }
                    // CPython 3.11 reuses the *last* dummy on the probe path.
                    Slot::Dummy => freeslot = Some(i + j),
                    _ => {}
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        t.mutations += 1;
        if let Some(f) = freeslot {
            t.table[f] = Slot::Active(hash, key);
            t.used += 1;
            return Ok(());
        }
        t.table[unused_at] = Slot::Active(hash, key);
        t.fill += 1;
        t.used += 1;
        if t.fill * 5 >= mask * 3 {
            let n = if t.used > 50000 {
                t.used * 2
            } else {
                t.used * 4
            };
            t.resize(n);
        }
        Ok(())
    }

    /// `s.discard(key)`; true if it was present.
    pub fn discard(&self, vm: &Vm, key: &PyRef) -> PyResult<bool> {
        let h = crate::protocol::object::hash(vm, key)?;
        match self.lookup(vm, key, h)? {
            Found::Yes(idx) => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    t.used -= 1;
                    t.mutations += 1;
                    std::mem::replace(&mut t.table[idx], Slot::Dummy)
                };
                drop(old);
                Ok(true)
            }
            Found::No => Ok(false),
        }
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.table.borrow_mut().mutations = old.mutations + 1;
        drop(old);
    }

    /// CPython's `set_merge` from another set.
    fn merge(&self, vm: &Vm, other: &PySet) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (ofill, oused, omask) = {
            let o = other.table.borrow();
            (o.fill, o.used, o.mask())
        };
        if oused == 0 {
            return Ok(());
        }
        {
            let mut t = self.table.borrow_mut();
            if (t.fill + oused) * 5 >= t.mask() * 3 {
                let n = (t.used + oused) * 2;
                t.resize(n);
            }
            if t.fill == 0 && t.mask() == omask && ofill == oused {
                let src = other.table.borrow().table.clone();
                t.table = src;
                t.fill = ofill;
                t.used = oused;
                t.mutations += 1;
                return Ok(());
            }
            if t.fill == 0 {
                let items = other.hashed_items();
                for (h, k) in items {
                    SetTable::insert_clean(&mut t.table, h, k);
                }
                t.fill = oused;
                t.used = oused;
                t.mutations += 1;
                return Ok(());
            }
        }
        for (h, k) in other.hashed_items() {
            self.add_hashed(vm, k, h)?;
        }
        Ok(())
    }

    /// `s.update(iterable)`.
    pub fn update(&self, vm: &Vm, other: &PyRef) -> PyResult<()> {
        if let Some(o) = other.downcast::<PySet>() {
            return self.merge(vm, o);
        }
        if let Some(d) = other.downcast::<crate::types::dict::PyDict>()
            && other.is_exact::<crate::types::dict::PyDict>()
        {
            let n = d.len();
            {
                let mut t = self.table.borrow_mut();
                if (t.fill + n) * 5 >= t.mask() * 3 {
                    let m = (t.used + n) * 2;
                    t.resize(m);
                }
            }
            for k in d.keys() {
                self.add(vm, k)?;
            }
            return Ok(());
        }
        let it = crate::protocol::iter::get_iter(vm, other)?;
        while let Some(x) = crate::protocol::iter::next(vm, &it)? {
            self.add(vm, x)?;
        }
        Ok(())
    }

    fn copy_payload(&self, vm: &Vm) -> PyResult<PySet> {
        let n = PySet::default();
        n.merge(vm, self)?;
        Ok(n)
    }
}

fn is_frozen(o: &PyRef) -> bool {
    o.class().is_subtype(FROZENSET_TYPE.get())
}

/// A new set (or frozenset) object of the same kind as `like`.
fn new_like(like: &PyRef, payload: PySet) -> PyRef {
    if is_frozen(like) {
        crate::object::alloc_as(FROZENSET_TYPE.get(), payload)
    } else {
        crate::object::alloc_as(SET_TYPE.get(), payload)
    }
}

/// `set(iterable)`.
pub fn set_from_iterable(vm: &Vm, it: &PyRef) -> PyResult<PyRef> {
    let s = PySet::default();
    s.update(vm, it)?;
    Ok(crate::object::alloc_as(SET_TYPE.get(), s))
}

/// A frozenset constant from the compiler's items (source order,
/// duplicates removed).  CPython builds such a constant twice — once from
/// the source order (`PyFrozenSet_New` in the compiler) and again from the
/// first one's iteration order (`merge_consts_recursive`) — and the table
/// layout, so the printed order of `{8, 16, 0, 32, 64, 1}`, depends on it.
pub fn frozenset_from_consts(items: Vec<PyRef>) -> PyRef {
    let first = PySet::default();
    let second = PySet::default();
    if let Some(vm) = Vm::current() {
        for i in items {
            let _ = first.add(vm, i);
        }
        for i in first.items() {
            let _ = second.add(vm, i);
        }
    }
    crate::object::alloc_as(FROZENSET_TYPE.get(), second)
}

/// A new empty set object.
pub fn new_set() -> PyRef {
    crate::object::alloc_as(SET_TYPE.get(), PySet::default())
}

fn payload(o: &PyRef) -> PyResult<&PySet> {
    o.downcast::<PySet>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'set' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn set_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let s = payload(o)?;
    let name = o.class().name();
    let frozen_or_sub = !o.is_exact::<PySet>() || is_frozen(o);
    if s.is_empty() {
        return Ok(PyStr::new_ref(&format!("{name}()")));
    }
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(PyStr::new_ref(&format!("{name}(...)")));
    };
    let mut parts = Vec::new();
    for k in s.items() {
        parts.push(crate::protocol::object::repr_string(vm, &k)?);
    }
    let body = format!("{{{}}}", parts.join(", "));
    Ok(PyStr::new_ref(&if frozen_or_sub {
        format!("{name}({body})")
    } else {
        body
    }))
}

fn set_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.len())
}

fn set_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let s = payload(o)?;
    match s.contains(vm, k) {
        Err(e) if e.matches(&crate::types::exceptions::TYPE_ERROR) && is_mutable_set(k) => {
            // A set is looked up as the equivalent frozenset.
            let f = PySet::default();
            f.update(vm, k)?;
            let fz = crate::object::alloc_as(FROZENSET_TYPE.get(), f);
            s.contains(vm, &fz)
        }
        r => r,
    }
}

fn set_iter(_: &Vm, o: &PyRef) -> PyResult {
    let s = payload(o)?;
    Ok(crate::types::set_iter::new_set_iter(o.clone(), s.len()))
}

fn frozenset_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let s = payload(o)?;
    if s.hash.get() != -1 {
        return Ok(s.hash.get());
    }
    let shuffle = |h: u64| -> u64 { ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167) };
    let t = s.table.borrow();
    let mut hash: u64 = 0;
    for slot in &t.table {
        if let Slot::Active(h, _) = slot {
            hash ^= shuffle(*h as u64);
        }
    }
    hash ^= (t.used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut h = hash as i64;
    if h == -1 {
        h = 590923713;
    }
    s.hash.set(h);
    Ok(h)
}

fn is_subset(vm: &Vm, a: &PySet, b: &PySet) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (h, k) in a.hashed_items() {
        if !b.contains_hashed(vm, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_equal(vm: &Vm, x: &PySet, y: &PySet) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    let (hx, hy) = (x.hash.get(), y.hash.get());
    if hx != -1 && hy != -1 && hx != hy {
        return Ok(false);
    }
    is_subset(vm, x, y)
}

fn set_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PySet>(), b.downcast::<PySet>()) else {
        return Ok(not_implemented());
    };
    let r = match op {
        CompareOp::Eq => set_equal(vm, x, y)?,
        CompareOp::Ne => !set_equal(vm, x, y)?,
        CompareOp::Le => is_subset(vm, x, y)?,
        CompareOp::Ge => is_subset(vm, y, x)?,
        CompareOp::Lt => x.len() < y.len() && is_subset(vm, x, y)?,
        CompareOp::Gt => x.len() > y.len() && is_subset(vm, y, x)?,
    };
    Ok(py_bool(r))
}

fn union(vm: &Vm, a: &PyRef, others: &[PyRef]) -> PyResult {
    let r = payload(a)?.copy_payload(vm)?;
    for o in others {
        r.update(vm, o)?;
    }
    Ok(new_like(a, r))
}

fn intersection2(vm: &Vm, a: &PyRef, other: &PyRef) -> PyResult<PySet> {
    let s = payload(a)?;
    let r = PySet::default();
    if let Some(o) = other.downcast::<PySet>() {
        let (small, big) = if o.len() > s.len() { (s, o) } else { (o, s) };
        for (h, k) in small.hashed_items() {
            if matches!(big.lookup(vm, &k, h)?, Found::Yes(_)) {
                r.add_hashed(vm, k, h)?;
            }
        }
        return Ok(r);
    }
    let it = crate::protocol::iter::get_iter(vm, other)?;
    while let Some(k) = crate::protocol::iter::next(vm, &it)? {
        let h = crate::protocol::object::hash(vm, &k)?;
        if matches!(s.lookup(vm, &k, h)?, Found::Yes(_)) {
            r.add_hashed(vm, k, h)?;
        }
    }
    Ok(r)
}

/// CPython's `set_difference`.
fn difference2(vm: &Vm, a: &PyRef, other: &PyRef) -> PyResult<PySet> {
    let s = payload(a)?;
    let exact_dict = if other.is_exact::<crate::types::dict::PyDict>() {
        other.downcast::<crate::types::dict::PyDict>()
    } else {
        None
    };
    let other_size = match (other.downcast::<PySet>(), exact_dict) {
        (Some(o), _) => o.len(),
        (None, Some(d)) => d.len(),
        _ => usize::MAX,
    };
    if other_size == usize::MAX || (s.len() >> 2) > other_size {
        let r = s.copy_payload(vm)?;
        r.difference_update(vm, None, other)?;
        return Ok(r);
    }
    let r = PySet::default();
    if let Some(d) = exact_dict {
        for (h, k) in s.hashed_items() {
            if d.get_item_hashed(vm, &k, h)?.is_none() {
                r.add_hashed(vm, k, h)?;
            }
        }
        return Ok(r);
    }
    if let Some(o) = other.downcast::<PySet>() {
        for (h, k) in s.hashed_items() {
            if !o.contains_hashed(vm, &k, h)? {
                r.add_hashed(vm, k, h)?;
            }
        }
    }
    Ok(r)
}

/// CPython's `set_symmetric_difference`: a new set from `other`, then
/// updated with `a` (so the order is the one CPython prints).
fn symdiff2(vm: &Vm, a: &PyRef, other: &PyRef) -> PyResult<PySet> {
    let r = PySet::default();
    r.update(vm, other)?;
    r.symmetric_difference_update(vm, None, a)?;
    Ok(r)
}

macro_rules! set_binop {
    ($name:ident, $f:expr) => {
        fn $name(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
            if a.downcast::<PySet>().is_none() || b.downcast::<PySet>().is_none() {
                return Ok(not_implemented());
            }
            let r = $f(vm, a, b)?;
            Ok(new_like(a, r))
        }
    };
}
set_binop!(set_or, |vm, a: &PyRef, b: &PyRef| -> PyResult<PySet> {
    let r = payload(a)?.copy_payload(vm)?;
    r.update(vm, b)?;
    Ok(r)
});
set_binop!(set_and, intersection2);
set_binop!(set_sub, difference2);
set_binop!(set_xor, symdiff2);

fn replace_contents(s: &PySet, n: PySet) {
    let new = n.table.into_inner();
    let old = {
        let mut t = s.table.borrow_mut();
        let m = t.mutations + 1;
        let old = std::mem::replace(&mut *t, new);
        t.mutations = m;
        old
    };
    drop(old);
}

fn set_ior(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if b.downcast::<PySet>().is_none() {
        return Ok(not_implemented());
    }
    payload(a)?.update(vm, b)?;
    Ok(a.clone())
}
fn set_iand(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if b.downcast::<PySet>().is_none() {
        return Ok(not_implemented());
    }
    let r = intersection2(vm, a, b)?;
    replace_contents(payload(a)?, r);
    Ok(a.clone())
}
fn set_isub(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if b.downcast::<PySet>().is_none() {
        return Ok(not_implemented());
    }
    payload(a)?.difference_update(vm, Some(a), b)?;
    Ok(a.clone())
}
fn set_ixor(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if b.downcast::<PySet>().is_none() {
        return Ok(not_implemented());
    }
    payload(a)?.symmetric_difference_update(vm, Some(a), b)?;
    Ok(a.clone())
}

fn set_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("set.__new__(X): X is not a type object"))?;
    if t.is_subtype(FROZENSET_TYPE.get()) {
        // Keywords are refused unless a subclass brings its own __init__.
        let own_init = !std::ptr::eq(t, FROZENSET_TYPE.get())
            && match (
                t.lookup_str("__init__"),
                FROZENSET_TYPE.get().lookup_str("__init__"),
            ) {
                (Some(x), Some(y)) => !x.is(&y),
                _ => false,
            };
        if !own_init {
            a.no_kwargs("frozenset")?;
        }
        let args = a.positional();
        if args.len() > 1 {
            return Err(type_error(format!(
                "{} expected at most 1 argument, got {}",
                t.name(),
                args.len()
            )));
        }
        if let Some(x) = args.first()
            && x.is_exact_type(FROZENSET_TYPE.get())
            && std::ptr::eq(t, FROZENSET_TYPE.get())
        {
            return Ok(x.clone());
        }
        let s = PySet::default();
        if let Some(x) = args.first() {
            s.update(vm, x)?;
        }
        return Ok(crate::object::alloc_as(t, s));
    }
    if std::ptr::eq(t, SET_TYPE.get()) {
        a.no_kwargs("set")?;
    }
    Ok(crate::object::alloc_as(t, PySet::default()))
}

fn set_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    if is_frozen(o) {
        return Ok(());
    }
    a.no_kwargs("set")?;
    let args = a.args;
    if args.len() > 1 {
        return Err(type_error(format!(
            "{} expected at most 1 argument, got {}",
            o.class().name(),
            args.len()
        )));
    }
    let s = payload(o)?;
    s.clear();
    if let Some(x) = args.first() {
        s.update(vm, x)?;
    }
    Ok(())
}

/// A `METH_O` method: `(self, arg)` with CPython's
/// "set.name() takes exactly one argument (N given)".
fn meth_o<'a>(a: &Args<'a>, name: &str) -> PyResult<[&'a PyRef; 2]> {
    let s = this(a, name)?;
    let kind = if is_frozen(s) { "frozenset" } else { "set" };
    let o = a.shift().one_arg(&format!("{kind}.{name}"))?;
    Ok([s, o])
}

fn this<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'set' object needs an argument"
        ))
    })
}

fn m_add(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "add")?;
    let k = a.shift().one_arg("set.add")?;
    payload(s)?.add(vm, k.clone())?;
    Ok(none())
}

/// `discard`, retrying an unhashable set key as the equal frozenset.
fn discard_or_frozen(vm: &Vm, p: &PySet, k: &PyRef) -> PyResult<bool> {
    match p.discard(vm, k) {
        Err(e) if e.matches(&crate::types::exceptions::TYPE_ERROR) && is_mutable_set(k) => {
            let f = PySet::default();
            f.update(vm, k)?;
            p.discard(vm, &crate::object::alloc_as(FROZENSET_TYPE.get(), f))
        }
        r => r,
    }
}

/// `PySet_Check`: a set or set subclass instance (not a frozenset).
fn is_mutable_set(o: &PyRef) -> bool {
    o.class().is_subtype(SET_TYPE.get())
}

fn m_discard(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "discard")?;
    let k = a.shift().one_arg("set.discard")?;
    discard_or_frozen(vm, payload(s)?, k)?;
    Ok(none())
}

fn m_remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "remove")?;
    let k = a.shift().one_arg("set.remove")?;
    if !discard_or_frozen(vm, payload(s)?, k)? {
        return Err(key_error(k.clone()));
    }
    Ok(none())
}

fn m_pop(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "pop")?;
    a.shift().no_args("set.pop")?;
    let p = payload(s)?;
    let mut t = p.table.borrow_mut();
    if t.used == 0 {
        return Err(crate::error::key_error_msg("pop from an empty set"));
    }
    // Scan from the finger, wrapping around, like CPython.
    let mask = t.mask();
    let mut i = p.finger.get() & mask;
    while !matches!(t.table[i], Slot::Active(..)) {
        i = (i + 1) & mask;
    }
    let old = std::mem::replace(&mut t.table[i], Slot::Dummy);
    t.used -= 1;
    t.mutations += 1;
    p.finger.set(i + 1);
    drop(t);
    match old {
        Slot::Active(_, k) => Ok(k),
        _ => Err(crate::error::key_error_msg("pop from an empty set")),
    }
}

fn m_clear(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "clear")?;
    a.shift().no_args("set.clear")?;
    payload(s)?.clear();
    Ok(none())
}

fn m_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "copy")?;
    a.shift().no_args(if is_frozen(s) {
        "frozenset.copy"
    } else {
        "set.copy"
    })?;
    if s.is_exact_type(FROZENSET_TYPE.get()) {
        return Ok(s.clone());
    }
    Ok(new_like(s, payload(s)?.copy_payload(vm)?))
}

fn m_union(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "union")?;
    a.no_kwargs("union")?;
    union(vm, s, &a.args[1..])
}

fn m_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "update")?;
    a.no_kwargs("update")?;
    for o in &a.args[1..] {
        payload(s)?.update(vm, o)?;
    }
    Ok(none())
}

fn m_intersection(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "intersection")?;
    a.no_kwargs("intersection")?;
    if a.args.len() == 1 {
        return Ok(new_like(s, payload(s)?.copy_payload(vm)?));
    }
    let mut cur = s.clone();
    for o in &a.args[1..] {
        let r = if cur.is(o) {
            payload(&cur)?.copy_payload(vm)?
        } else {
            intersection2(vm, &cur, o)?
        };
        cur = new_like(s, r);
    }
    Ok(cur)
}

fn m_intersection_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "intersection_update")?;
    let r = m_intersection(vm, a)?;
    let n = payload(&r)?.copy_payload(vm)?;
    replace_contents(payload(s)?, n);
    Ok(none())
}

fn m_difference(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "difference")?;
    a.no_kwargs("difference")?;
    let Some(first) = a.args.get(1) else {
        return Ok(new_like(s, payload(s)?.copy_payload(vm)?));
    };
    let r = difference2(vm, s, first)?;
    for o in &a.args[2..] {
        r.difference_update(vm, None, o)?;
    }
    Ok(new_like(s, r))
}

fn m_difference_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "difference_update")?;
    a.no_kwargs("difference_update")?;
    let p = payload(s)?;
    for o in &a.args[1..] {
        p.difference_update(vm, Some(s), o)?;
    }
    Ok(none())
}

fn m_symmetric_difference(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, o] = meth_o(&a, "symmetric_difference")?;
    Ok(new_like(s, symdiff2(vm, s, o)?))
}

fn m_symmetric_difference_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, o] = meth_o(&a, "symmetric_difference_update")?;
    payload(s)?.symmetric_difference_update(vm, Some(s), o)?;
    Ok(none())
}

fn as_set(vm: &Vm, o: &PyRef) -> PyResult<PyRef> {
    if o.downcast::<PySet>().is_some() {
        Ok(o.clone())
    } else {
        set_from_iterable(vm, o)
    }
}

fn m_issubset(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, o] = meth_o(&a, "issubset")?;
    let o = as_set(vm, o)?;
    Ok(py_bool(is_subset(vm, payload(s)?, payload(&o)?)?))
}

fn m_issuperset(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, o] = meth_o(&a, "issuperset")?;
    let o = as_set(vm, o)?;
    Ok(py_bool(is_subset(vm, payload(&o)?, payload(s)?)?))
}

fn m_isdisjoint(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, o] = meth_o(&a, "isdisjoint")?;
    let p = payload(s)?;
    if s.is(o) {
        return Ok(py_bool(p.is_empty()));
    }
    if let Some(op) = o.downcast::<PySet>() {
        let (small, big) = if op.len() > p.len() { (p, op) } else { (op, p) };
        for (h, k) in small.hashed_items() {
            if big.contains_hashed(vm, &k, h)? {
                return Ok(py_bool(false));
            }
        }
        return Ok(py_bool(true));
    }
    let it = crate::protocol::iter::get_iter(vm, o)?;
    while let Some(k) = crate::protocol::iter::next(vm, &it)? {
        if p.contains(vm, &k)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn m_contains(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, k] = a.exact::<2>("__contains__")?;
    Ok(py_bool(set_contains(vm, s, k)?))
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__sizeof__")?;
    Ok(int_from_i64(
        200 + 16 * payload(s)?.table.borrow().table.len() as i64,
    ))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

fn m_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let items = crate::types::list::PyList::new_ref(payload(s)?.items());
    let state = match s.attrs() {
        Some(at) if !at.items().is_empty() => at.dict(),
        _ => none(),
    };
    let _ = vm;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        s.class_ref(),
        crate::types::tuple::PyTuple::new_ref(vec![items]),
        state,
    ]))
}

static SET_METHODS: &[MethodDef] = &[
    MethodDef::method("add", m_add),
    MethodDef::method("discard", m_discard),
    MethodDef::method("remove", m_remove),
    MethodDef::method("pop", m_pop),
    MethodDef::method("clear", m_clear),
    MethodDef::method("copy", m_copy),
    MethodDef::method("union", m_union),
    MethodDef::method("update", m_update),
    MethodDef::method("intersection", m_intersection),
    MethodDef::method("intersection_update", m_intersection_update),
    MethodDef::method("difference", m_difference),
    MethodDef::method("difference_update", m_difference_update),
    MethodDef::method("symmetric_difference", m_symmetric_difference),
    MethodDef::method("symmetric_difference_update", m_symmetric_difference_update),
    MethodDef::method("issubset", m_issubset),
    MethodDef::method("issuperset", m_issuperset),
    MethodDef::method("isdisjoint", m_isdisjoint),
    MethodDef::method("__contains__", m_contains),
    MethodDef::method("__sizeof__", m_sizeof),
    MethodDef::method("__reduce__", m_reduce),
    MethodDef::classmethod("__class_getitem__", m_class_getitem),
];

static FROZENSET_METHODS: &[MethodDef] = &[
    MethodDef::method("copy", m_copy),
    MethodDef::method("union", m_union),
    MethodDef::method("intersection", m_intersection),
    MethodDef::method("difference", m_difference),
    MethodDef::method("symmetric_difference", m_symmetric_difference),
    MethodDef::method("issubset", m_issubset),
    MethodDef::method("issuperset", m_issuperset),
    MethodDef::method("isdisjoint", m_isdisjoint),
    MethodDef::method("__contains__", m_contains),
    MethodDef::method("__sizeof__", m_sizeof),
    MethodDef::method("__reduce__", m_reduce),
    MethodDef::classmethod("__class_getitem__", m_class_getitem),
];

impl PyRef {
    /// True if the object's type is exactly `t`.
    #[inline]
    pub fn is_exact_type(&self, t: &Obj<PyType>) -> bool {
        std::ptr::eq(self.class(), t)
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let common = Slots {
        repr: Some(set_repr),
        richcompare: Some(set_richcompare),
        mp_len: Some(set_len),
        sq_contains: Some(set_contains),
        iter: Some(set_iter),
        nb_or: Some(set_or),
        nb_and: Some(set_and),
        nb_sub: Some(set_sub),
        nb_xor: Some(set_xor),
        new: Some(set_new),
        init: Some(set_init),
        ..Slots::EMPTY
    };
    vec![
        (
            &SET_TYPE,
            TypeSpec {
                slots: Slots {
                    hash: Some(crate::protocol::object::hash_not_implemented),
                    nb_ior: Some(set_ior),
                    nb_iand: Some(set_iand),
                    nb_isub: Some(set_isub),
                    nb_ixor: Some(set_ixor),
                    ..common
                },
                methods: SET_METHODS,
                flags: flags::BASETYPE,
                doc: Some(
                    "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements.",
                ),
                ..TypeSpec::new("set", Layout::of::<PySet>())
            },
        ),
        (
            &FROZENSET_TYPE,
            TypeSpec {
                slots: Slots {
                    hash: Some(frozenset_hash),
                    init: None,
                    ..common
                },
                methods: FROZENSET_METHODS,
                flags: flags::BASETYPE,
                doc: Some(
                    "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable unordered collection of unique elements.",
                ),
                ..TypeSpec::new("frozenset", Layout::of::<PySet>())
            },
        ),
    ]
}
