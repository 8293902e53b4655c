//! `dict`: CPython's compact, insertion-ordered hash table.
//!
//! Layout: `entries` holds `(hash, key, value)` in insertion order (deleted
//! entries become `None`); `indices` is an open-addressing table of indexes
//! into `entries` (`EMPTY`, `DUMMY` or an index), probed with CPython's
//! perturbation scheme.  The table grows (and compacts) when the entries
//! vector reaches two thirds of the index table.
//!
//! Python `__eq__` can run during a lookup and mutate the dict.  The lookup
//! therefore never holds the `RefCell` borrow across the call: it copies the
//! candidate key out, releases, compares, re-borrows, and restarts if the
//! table's mutation counter moved.  str and int keys compare natively.

use std::cell::RefCell;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{
    Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit, slots::Slots,
};
use crate::types::bool_::py_bool;
use crate::types::int::int_val;
use crate::types::none::{none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// The next keys-version number.  Versions are unique across all dicts (a
/// structural change of any dict takes a fresh one), so an interpreter cache
/// keyed on `(version, entry index)` can never be fooled by another dict
/// that reached the same count; value replacement keeps the version, and
/// cached loads read the entry's current value.
#[inline]
fn next_version() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    // Plain load/store: every dict mutation happens under the interpreter
    // lock, so no atomic read-modify-write is needed for uniqueness.
    let v = NEXT.load(Ordering::Relaxed);
    NEXT.store(v + 1, Ordering::Relaxed);
    v
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

struct Entry {
    hash: i64,
    key: PyRef,
    value: PyRef,
}

/// The hash table (see module docs).
#[derive(Default)]
pub struct DictTable {
    indices: Vec<i32>,
    entries: Vec<Option<Entry>>,
    used: usize,
    /// Bumped on every structural change (insert of a new key, delete,
    /// resize, clear): lookups restart when it moves under them.
    mutations: u64,
}

impl Trace for DictTable {
    fn trace(&self, visit: &mut Visit<'_>) {
        for e in self.entries.iter().flatten() {
            e.key.trace(visit);
            e.value.trace(visit);
        }
    }
}

enum Probe {
    Found(usize),
    Missing(usize),
}

/// Native key equality when both are str or both int; `None` if Python
/// must decide.
#[inline]
fn native_eq(a: &PyRef, b: &PyRef) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>())
        && a.is_exact::<PyStr>()
        && b.is_exact::<PyStr>()
    {
        return Some(x.as_bytes() == y.as_bytes());
    }
    if a.is_small() && b.is_small() {
        return Some(false);
    }
    None
}

impl DictTable {
    fn mask(&self) -> usize {
        self.indices.len().wrapping_sub(1)
    }

    /// Probe for `key` using only native equality (`None` means Python
    /// equality is needed for candidate entry index `.1`).
    fn probe_native(
        &self,
        key: &PyRef,
        hash: i64,
        start: (usize, u64),
    ) -> Result<Probe, (usize, u64, usize)> {
        let mask = self.mask();
        let (mut i, mut perturb) = start;
        let mut first_free: Option<usize> = None;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Ok(Probe::Missing(first_free.unwrap_or(i)));
            }
            if ix == DUMMY {
                if first_free.is_none() {
                    first_free = Some(i);
                }
            } else if let Some(Some(e)) = self.entries.get(ix as usize)
                && e.hash == hash
            {
                match native_eq(&e.key, key) {
                    Some(true) => return Ok(Probe::Found(ix as usize)),
                    Some(false) => {}
                    None => return Err((i, perturb, ix as usize)),
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn start(&self, hash: i64) -> (usize, u64) {
        ((hash as u64 as usize) & self.mask(), hash as u64)
    }

    fn next(&self, (i, perturb): (usize, u64)) -> (usize, u64) {
        let perturb = perturb >> 5;
        (
            (i.wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & self.mask(),
            perturb,
        )
    }

    fn insert_index(&mut self, hash: i64, ix: usize) {
        let mut pos = self.start(hash);
        loop {
            if self.indices[pos.0] < 0 {
                self.indices[pos.0] = ix as i32;
                return;
            }
            pos = self.next(pos);
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size * 2 < min_used * 3 + 1 {
            size *= 2;
        }
        let old = std::mem::take(&mut self.entries);
        self.entries = old.into_iter().flatten().map(Some).collect();
        self.indices = vec![EMPTY; size];
        for ix in 0..self.entries.len() {
            if let Some(e) = &self.entries[ix] {
                let h = e.hash;
                self.insert_index(h, ix);
            }
        }
        self.mutations = next_version();
    }

    fn ensure_room(&mut self) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.resize((self.used + 1).max(self.used * 2));
        }
    }
}

crate::py_payload! {
    /// The payload of a dict.
    pub struct PyDict {
        table: RefCell<DictTable>,
    }
}

impl Default for PyDict {
    fn default() -> Self {
        PyDict {
            table: RefCell::new(DictTable::default()),
        }
    }
}

pub static DICT_TYPE: StaticType = StaticType::new();

impl PyPayload for PyDict {
    fn class() -> &'static Obj<PyType> {
        DICT_TYPE.get()
    }
}

/// Hash of a str key computed from a Rust string.
/// The hash of the str with contents `s` (what `hash(s)` gives).
pub fn rust_str_hash(s: &str) -> i64 {
    if s.is_ascii() {
        crate::runtime::hash::hash_bytes(s.as_bytes())
    } else {
        let w = taipan_common::Wtf8Buf::from_str(s);
        crate::runtime::hash::hash_code_points(w.code_points(), false, s.as_bytes())
    }
}

impl PyDict {
    /// A new empty dict object.
    pub fn new_ref() -> PyRef {
        crate::object::alloc(PyDict::default())
    }

    /// A dict object from pairs (str or other natively comparable keys are
    /// fine; others go through `set_item`).
    pub fn from_pairs(vm: &Vm, pairs: Vec<(PyRef, PyRef)>) -> PyResult {
        let d = PyDict::default();
        for (k, v) in pairs {
            d.set_item(vm, k, v)?;
        }
        Ok(crate::object::alloc(d))
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Mutation counter (for iterators and caches).
    pub fn mutations(&self) -> u64 {
        self.table.borrow().mutations
    }

    /// Full lookup: `Ok(Found(entry index))` or `Ok(Missing(slot))`.
    fn lookup(&self, vm: &Vm, key: &PyRef, hash: i64) -> PyResult<Probe> {
        'restart: loop {
            let mut pos;
            {
                let t = self.table.borrow();
                if t.indices.is_empty() {
                    return Ok(Probe::Missing(0));
                }
                pos = t.start(hash);
            }
            loop {
                let (cand, muts, at) = {
                    let t = self.table.borrow();
                    match t.probe_native(key, hash, pos) {
                        Ok(p) => return Ok(p),
                        Err((i, perturb, ix)) => {
                            let Some(Some(e)) = t.entries.get(ix) else {
                                continue 'restart;
                            };
                            (e.key.clone(), t.mutations, (i, perturb))
                        }
                    }
                };
                let equal = crate::protocol::object::eq(vm, &cand, key)?;
                let t = self.table.borrow();
                if t.mutations != muts {
                    continue 'restart;
                }
                if equal {
                    let ix = t.indices[at.0];
                    if ix >= 0 {
                        return Ok(Probe::Found(ix as usize));
                    }
                    continue 'restart;
                }
                pos = t.next(at);
            }
        }
    }

    /// `d[key]` or `None`.
    pub fn get_item(&self, vm: &Vm, key: &PyRef) -> PyResult<Option<PyRef>> {
        let hash = crate::protocol::object::hash(vm, key)?;
        self.get_item_hashed(vm, key, hash)
    }

    pub fn get_item_hashed(&self, vm: &Vm, key: &PyRef, hash: i64) -> PyResult<Option<PyRef>> {
        match self.lookup(vm, key, hash)? {
            Probe::Found(ix) => Ok(self
                .table
                .borrow()
                .entries
                .get(ix)
                .and_then(|e| e.as_ref())
                .map(|e| e.value.clone())),
            Probe::Missing(_) => Ok(None),
        }
    }

    /// `d[key] = value`.
    pub fn set_item(&self, vm: &Vm, key: PyRef, value: PyRef) -> PyResult<()> {
        let hash = crate::protocol::object::hash(vm, &key)?;
        self.set_item_hashed(vm, key, hash, value)
    }

    pub fn set_item_hashed(&self, vm: &Vm, key: PyRef, hash: i64, value: PyRef) -> PyResult<()> {
        let probe = self.lookup(vm, &key, hash)?;
        let mut t = self.table.borrow_mut();
        match probe {
            Probe::Found(ix) => {
                if let Some(Some(e)) = t.entries.get_mut(ix) {
                    let old = std::mem::replace(&mut e.value, value);
                    drop(t);
                    drop(old);
                }
                Ok(())
            }
            Probe::Missing(_) => {
                drop(t);
                self.insert_new(key, hash, value);
                Ok(())
            }
        }
    }

    /// Appends an entry for a key known to be absent (no Python code ran
    /// since the lookup that said so).
    fn insert_new(&self, key: PyRef, hash: i64, value: PyRef) {
        let mut t = self.table.borrow_mut();
        t.ensure_room();
        let ix = t.entries.len();
        t.entries.push(Some(Entry { hash, key, value }));
        t.insert_index(hash, ix);
        t.used += 1;
        t.mutations = next_version();
    }

    /// `d.setdefault(key, default)` with one lookup, so the key is hashed
    /// and compared once (CPython's guarantee).
    pub fn setdefault_hashed(&self, vm: &Vm, key: PyRef, hash: i64, default: PyRef) -> PyResult {
        match self.lookup(vm, &key, hash)? {
            Probe::Found(ix) => {
                let found = self
                    .table
                    .borrow()
                    .entries
                    .get(ix)
                    .and_then(|e| e.as_ref())
                    .map(|e| e.value.clone());
                match found {
                    Some(v) => Ok(v),
                    None => {
                        self.set_item_hashed(vm, key, hash, default.clone())?;
                        Ok(default)
                    }
                }
            }
            Probe::Missing(_) => {
                self.insert_new(key, hash, default.clone());
                Ok(default)
            }
        }
    }

    /// Removes `key`; returns its value, `None` if absent.
    pub fn del_item(&self, vm: &Vm, key: &PyRef) -> PyResult<Option<PyRef>> {
        let hash = crate::protocol::object::hash(vm, key)?;
        let probe = self.lookup(vm, key, hash)?;
        let Probe::Found(ix) = probe else {
            return Ok(None);
        };
        Ok(self.remove_entry(ix).map(|(_, v)| v))
    }

    fn remove_entry(&self, ix: usize) -> Option<(PyRef, PyRef)> {
        let mut t = self.table.borrow_mut();
        let e = t.entries.get_mut(ix)?.take()?;
        let mut pos = t.start(e.hash);
        loop {
            if t.indices[pos.0] == ix as i32 {
                t.indices[pos.0] = DUMMY;
                break;
            }
            if t.indices[pos.0] == EMPTY {
                break;
            }
            pos = t.next(pos);
        }
        t.used -= 1;
        t.mutations = next_version();
        Some((e.key, e.value))
    }

    /// Lookup by a str key without running Python code (attribute dicts).
    pub fn get_str(&self, name: &PyRef) -> Option<PyRef> {
        let s = name.downcast::<PyStr>()?;
        let hash = s.hash();
        let t = self.table.borrow();
        if t.indices.is_empty() {
            return None;
        }
        let mut pos = t.start(hash);
        loop {
            let ix = t.indices[pos.0];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0
                && let Some(Some(e)) = t.entries.get(ix as usize)
                && e.hash == hash
                && (e.key.is(name)
                    || e.key
                        .downcast::<PyStr>()
                        .is_some_and(|k| k.as_bytes() == s.as_bytes()))
            {
                return Some(e.value.clone());
            }
            pos = t.next(pos);
        }
    }

    /// The entry index and keys version of a str key (for interpreter
    /// caches; see [`PyDict::value_at`]).
    pub fn str_entry_version(&self, name: &PyRef) -> Option<(usize, u64)> {
        let ix = self.find_str_entry(name)?;
        Some((ix, self.table.borrow().mutations))
    }

    /// The keys version (changes on every insertion of a new key, deletion,
    /// resize or clear; not on value replacement).
    #[inline]
    pub fn keys_version(&self) -> u64 {
        self.table.borrow().mutations
    }

    /// The current value of entry `ix` if the keys version is still
    /// `version` (a cached lookup).
    #[inline]
    pub fn value_at(&self, version: u64, ix: usize) -> Option<PyRef> {
        let t = self.table.borrow();
        if t.mutations != version {
            return None;
        }
        match t.entries.get(ix) {
            Some(Some(e)) => Some(e.value.clone()),
            _ => None,
        }
    }

    /// Lookup by a Rust string.
    pub fn get_rust_str(&self, name: &str) -> Option<PyRef> {
        self.get_rust_str_hashed(name, rust_str_hash(name))
    }

    /// [`PyDict::get_rust_str`] with the hash already computed
    /// ([`rust_str_hash`]), for looking one name up in several dicts.
    pub fn get_rust_str_hashed(&self, name: &str, hash: i64) -> Option<PyRef> {
        let t = self.table.borrow();
        if t.indices.is_empty() {
            return None;
        }
        let mut pos = t.start(hash);
        loop {
            let ix = t.indices[pos.0];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0
                && let Some(Some(e)) = t.entries.get(ix as usize)
                && e.hash == hash
                && e.key
                    .downcast::<PyStr>()
                    .is_some_and(|k| k.as_bytes() == name.as_bytes())
            {
                return Some(e.value.clone());
            }
            pos = t.next(pos);
        }
    }

    fn find_str_entry(&self, name: &PyRef) -> Option<usize> {
        let s = name.downcast::<PyStr>()?;
        let hash = s.hash();
        let t = self.table.borrow();
        if t.indices.is_empty() {
            return None;
        }
        let mut pos = t.start(hash);
        loop {
            let ix = t.indices[pos.0];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0
                && let Some(Some(e)) = t.entries.get(ix as usize)
                && e.hash == hash
                && (e.key.is(name)
                    || e.key
                        .downcast::<PyStr>()
                        .is_some_and(|k| k.as_bytes() == s.as_bytes()))
            {
                return Some(ix as usize);
            }
            pos = t.next(pos);
        }
    }

    /// `d[name] = value` for a str key, without running Python code.
    pub fn set_str(&self, name: PyRef, value: PyRef) {
        let Some(hash) = name.downcast::<PyStr>().map(|s| s.hash()) else {
            return;
        };
        if let Some(ix) = self.find_str_entry(&name) {
            let old = {
                let mut t = self.table.borrow_mut();
                match t.entries.get_mut(ix) {
                    Some(Some(e)) => Some(std::mem::replace(&mut e.value, value)),
                    _ => None,
                }
            };
            drop(old);
            return;
        }
        let mut t = self.table.borrow_mut();
        t.ensure_room();
        let ix = t.entries.len();
        t.entries.push(Some(Entry {
            hash,
            key: name,
            value,
        }));
        t.insert_index(hash, ix);
        t.used += 1;
        t.mutations = next_version();
    }

    /// Deletes a str key; returns the old value.
    pub fn del_str(&self, name: &PyRef) -> Option<PyRef> {
        let ix = self.find_str_entry(name)?;
        self.remove_entry(ix).map(|(_, v)| v)
    }

    /// Snapshot of the items.
    pub fn items(&self) -> Vec<(PyRef, PyRef)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    pub fn keys(&self) -> Vec<PyRef> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn values(&self) -> Vec<PyRef> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    /// The entry at position `pos` or later (for iterators): returns the
    /// next position and the entry.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, PyRef, PyRef)> {
        let t = self.table.borrow();
        let mut p = pos;
        while p < t.entries.len() {
            if let Some(e) = &t.entries[p] {
                return Some((p + 1, e.key.clone(), e.value.clone()));
            }
            p += 1;
        }
        None
    }

    /// The entry at a position before `pos` (for reversed iterators):
    /// returns its position and the entry.
    pub fn entry_before(&self, pos: usize) -> Option<(usize, PyRef, PyRef)> {
        let t = self.table.borrow();
        let mut p = pos.min(t.entries.len());
        while p > 0 {
            p -= 1;
            if let Some(Some(e)) = t.entries.get(p) {
                return Some((p, e.key.clone(), e.value.clone()));
            }
        }
        None
    }

    /// One past the last entry position (where a reversed iterator starts).
    pub fn end_pos(&self) -> usize {
        self.table.borrow().entries.len()
    }

    /// Snapshot of `(hash, key, value)` in order.
    pub fn hashed_items(&self) -> Vec<(i64, PyRef, PyRef)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.hash, e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The last entry (for `popitem`).
    pub fn pop_last(&self) -> Option<(PyRef, PyRef)> {
        let ix = {
            let t = self.table.borrow();
            t.entries.iter().rposition(|e| e.is_some())?
        };
        let r = self.remove_entry(ix);
        // Trim trailing holes so repeated popitem stays O(1).
        let mut t = self.table.borrow_mut();
        while matches!(t.entries.last(), Some(None)) {
            t.entries.pop();
        }
        r
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.table.borrow_mut().mutations = next_version();
        let _ = old.mutations;
        drop(old);
    }

    /// Copy of the table (same order).
    pub fn copy(&self) -> PyDict {
        let t = self.table.borrow();
        let mut n = DictTable::default();
        n.resize(t.used);
        for e in t.entries.iter().flatten() {
            let ix = n.entries.len();
            n.entries.push(Some(Entry {
                hash: e.hash,
                key: e.key.clone(),
                value: e.value.clone(),
            }));
            n.insert_index(e.hash, ix);
            n.used += 1;
        }
        PyDict {
            table: RefCell::new(n),
        }
    }

    /// `self.update(other)` from another dict.
    /// Walks `other`'s entries live; if a key's `__eq__` changes how many
    /// entries `other` has, that is "dict mutated during update".
    pub fn update_from_dict(&self, vm: &Vm, other: &PyDict) -> PyResult<()> {
        let n = other.end_pos();
        for ix in 0..n {
            let entry = {
                let t = other.table.borrow();
                t.entries
                    .get(ix)
                    .and_then(|e| e.as_ref())
                    .map(|e| (e.hash, e.key.clone(), e.value.clone()))
            };
            let Some((h, k, v)) = entry else {
                continue;
            };
            self.set_item_hashed(vm, k, h, v)?;
            if other.end_pos() != n {
                return Err(crate::error::runtime_error("dict mutated during update"));
            }
        }
        Ok(())
    }
}

fn payload(o: &PyRef) -> PyResult<&PyDict> {
    o.downcast::<PyDict>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn dict_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let d = payload(o)?;
    if d.is_empty() {
        return Ok(PyStr::intern("{}"));
    }
    let Some(_guard) = vm.repr_enter(o) else {
        return Ok(PyStr::intern("{...}"));
    };
    let mut s = String::from("{");
    let mut pos = 0;
    let mut first = true;
    while let Some((next, k, v)) = d.entry_from(pos) {
        if !first {
            s.push_str(", ");
        }
        first = false;
        s.push_str(&crate::protocol::object::repr_string(vm, &k)?);
        s.push_str(": ");
        s.push_str(&crate::protocol::object::repr_string(vm, &v)?);
        pos = next;
    }
    s.push('}');
    Ok(PyStr::new_ref(&s))
}

fn dict_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let mut equal = x.len() == y.len();
    if equal {
        // CPython reuses the stored hashes of the left dict's keys.
        for (h, k, v) in x.hashed_items() {
            match y.get_item_hashed(vm, &k, h)? {
                Some(w) => {
                    if !crate::protocol::object::eq(vm, &v, &w)? {
                        equal = false;
                        break;
                    }
                }
                None => {
                    equal = false;
                    break;
                }
            }
        }
    }
    Ok(py_bool(equal == (op == CompareOp::Eq)))
}

fn dict_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.len())
}

fn dict_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let d = payload(o)?;
    if let Some(v) = d.get_item(vm, k)? {
        return Ok(v);
    }
    if !o.is_exact::<PyDict>()
        && let Some(r) =
            crate::protocol::call::call_special(vm, o, "__missing__", std::slice::from_ref(k))?
    {
        return Ok(r);
    }
    Err(key_error(k.clone()))
}

fn dict_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let d = payload(o)?;
    match v {
        Some(v) => d.set_item(vm, k.clone(), v.clone()),
        None => match d.del_item(vm, k)? {
            Some(old) => {
                drop(old);
                Ok(())
            }
            None => Err(key_error(k.clone())),
        },
    }
}

fn dict_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    Ok(payload(o)?.get_item(vm, k)?.is_some())
}

fn dict_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::dict_views::dict_iter(
        o.clone(),
        crate::types::dict_views::ViewKind::Keys,
    ))
}

fn dict_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("dict.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(t, PyDict::default()))
}

/// `dict.update` semantics: a mapping (has `keys`) or an iterable of pairs.
pub fn update_from(vm: &Vm, d: &PyDict, src: &PyRef) -> PyResult<()> {
    if let Some(sd) = src.downcast::<PyDict>()
        && (src.is_exact::<PyDict>() || src.class().lookup_str("__iter__").is_none())
    {
        return d.update_from_dict(vm, sd);
    }
    if let Some(keys) = crate::protocol::object::lookup_attr(vm, src, "keys")? {
        let ks = crate::protocol::call::call_pos(vm, &keys, &[])?;
        for k in crate::protocol::iter::collect(vm, &ks)? {
            let v = crate::protocol::object::get_item(vm, src, &k)?;
            d.set_item(vm, k, v)?;
        }
        return Ok(());
    }
    let it = crate::protocol::iter::get_iter(vm, src)?;
    let mut i = 0;
    while let Some(item) = crate::protocol::iter::next(vm, &it)? {
        let pair = crate::protocol::iter::collect(vm, &item).map_err(|e| {
            if e.matches(&crate::types::exceptions::TYPE_ERROR) {
                type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                ))
            } else {
                e
            }
        })?;
        if pair.len() != 2 {
            return Err(crate::error::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        if let (Some(k), Some(v)) = (p.next(), p.next()) {
            d.set_item(vm, k, v)?;
        }
        i += 1;
    }
    Ok(())
}

fn dict_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let d = payload(o)?;
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(type_error(format!(
            "dict expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(src) = pos.first() {
        update_from(vm, d, src)?;
    }
    for (k, v) in a.kwargs() {
        d.set_item(vm, k.clone(), v.clone())?;
    }
    Ok(())
}

fn self_arg<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'dict' object needs an argument"
        ))
    })
}

fn m_get(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a
        .range("get", 2, 3)
        .map_err(|_| arity("get", 1, 2, a.args.len()))?;
    let d = payload(&args[0])?;
    Ok(d.get_item(vm, &args[1])?
        .unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(none)))
}

fn arity(name: &str, min: usize, max: usize, n: usize) -> crate::error::PyErr {
    let n = n.saturating_sub(1);
    if n < min {
        type_error(format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        ))
    } else {
        type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        ))
    }
}

fn m_setdefault(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a
        .range("setdefault", 2, 3)
        .map_err(|_| arity("setdefault", 1, 2, a.args.len()))?;
    let d = payload(&args[0])?;
    let hash = crate::protocol::object::hash(vm, &args[1])?;
    let dflt = args.get(2).cloned().unwrap_or_else(none);
    d.setdefault_hashed(vm, args[1].clone(), hash, dflt)
}

fn m_pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a
        .range("pop", 2, 3)
        .map_err(|_| arity("pop", 1, 2, a.args.len()))?;
    let d = payload(&args[0])?;
    if d.is_empty() {
        // CPython answers an empty dict without hashing the key.
        return match args.get(2) {
            Some(dflt) => Ok(dflt.clone()),
            None => Err(key_error(args[1].clone())),
        };
    }
    match d.del_item(vm, &args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(dflt) => Ok(dflt.clone()),
            None => Err(key_error(args[1].clone())),
        },
    }
}

fn m_popitem(_: &Vm, a: Args<'_>) -> PyResult {
    let s = self_arg(&a, "popitem")?;
    a.shift().no_args("dict.popitem")?;
    match payload(s)?.pop_last() {
        Some((k, v)) => Ok(crate::types::tuple::PyTuple::new_ref(vec![k, v])),
        None => Err(crate::error::key_error_msg(
            "popitem(): dictionary is empty",
        )),
    }
}

/// `dict.keys()` / `values()` / `items()`: a live view of kind `kind`.
fn make_view(
    a: Args<'_>,
    name: &str,
    qualname: &str,
    kind: crate::types::dict_views::ViewKind,
) -> PyResult {
    let s = self_arg(&a, name)?;
    a.shift().no_args(qualname)?;
    payload(s)?;
    Ok(crate::types::dict_views::new_view(s.clone(), kind))
}

fn m_keys(_: &Vm, a: Args<'_>) -> PyResult {
    make_view(
        a,
        "keys",
        "dict.keys",
        crate::types::dict_views::ViewKind::Keys,
    )
}

fn m_values(_: &Vm, a: Args<'_>) -> PyResult {
    make_view(
        a,
        "values",
        "dict.values",
        crate::types::dict_views::ViewKind::Values,
    )
}

fn m_items(_: &Vm, a: Args<'_>) -> PyResult {
    make_view(
        a,
        "items",
        "dict.items",
        crate::types::dict_views::ViewKind::Items,
    )
}

fn m_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = self_arg(&a, "update")?;
    let rest = a.shift();
    let pos = rest.positional();
    if pos.len() > 1 {
        return Err(type_error(format!(
            "update expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let d = payload(s)?;
    if let Some(src) = pos.first() {
        update_from(vm, d, src)?;
    }
    for (k, v) in rest.kwargs() {
        d.set_item(vm, k.clone(), v.clone())?;
    }
    Ok(none())
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let s = self_arg(&a, "copy")?;
    a.shift().no_args("dict.copy")?;
    Ok(crate::object::alloc(payload(s)?.copy()))
}

fn m_clear(_: &Vm, a: Args<'_>) -> PyResult {
    let s = self_arg(&a, "clear")?;
    a.shift().no_args("dict.clear")?;
    payload(s)?.clear();
    Ok(none())
}

fn m_fromkeys(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a
        .range("fromkeys", 2, 3)
        .map_err(|_| arity("fromkeys", 1, 2, a.args.len()))?;
    let cls = &args[0];
    let value = args.get(2).cloned().unwrap_or_else(none);
    let d = crate::protocol::call::call_pos(vm, cls, &[])?;
    let keys = crate::protocol::iter::collect(vm, &args[1])?;
    match d.downcast::<PyDict>() {
        Some(dd) if d.is_exact::<PyDict>() => {
            for k in keys {
                dd.set_item(vm, k, value.clone())?;
            }
        }
        _ => {
            for k in keys {
                crate::protocol::object::set_item(vm, &d, &k, &value)?;
            }
        }
    }
    Ok(d)
}

fn dict_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) else {
        return Ok(not_implemented());
    };
    let n = x.copy();
    n.update_from_dict(vm, y)?;
    Ok(crate::object::alloc(n))
}

fn dict_ior(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    update_from(vm, payload(a)?, b)?;
    Ok(a.clone())
}

fn m_reversed(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reversed__")?;
    payload(s)?;
    Ok(crate::types::dict_views::dict_reversed_iter(
        s.clone(),
        crate::types::dict_views::ViewKind::Keys,
    ))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

fn m_contains(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, k] = a.exact::<2>("__contains__")?;
    Ok(py_bool(dict_contains(vm, s, k)?))
}

fn m_getitem(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, k] = a.exact::<2>("__getitem__")?;
    dict_getitem(vm, s, k)
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("__contains__", m_contains),
    MethodDef::method("__getitem__", m_getitem),
    MethodDef::method("get", m_get),
    MethodDef::method("setdefault", m_setdefault),
    MethodDef::method("pop", m_pop),
    MethodDef::method("popitem", m_popitem),
    MethodDef::method("keys", m_keys),
    MethodDef::method("items", m_items),
    MethodDef::method("values", m_values),
    MethodDef::method("update", m_update),
    MethodDef::classmethod("fromkeys", m_fromkeys),
    MethodDef::method("clear", m_clear),
    MethodDef::method("copy", m_copy),
    MethodDef::method("__reversed__", m_reversed),
    MethodDef::classmethod("__class_getitem__", m_class_getitem),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &DICT_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(dict_repr),
                hash: Some(crate::protocol::object::hash_not_implemented),
                richcompare: Some(dict_richcompare),
                mp_len: Some(dict_len),
                mp_getitem: Some(dict_getitem),
                mp_setitem: Some(dict_setitem),
                sq_contains: Some(dict_contains),
                iter: Some(dict_iter),
                new: Some(dict_new),
                init: Some(dict_init),
                nb_or: Some(dict_or),
                nb_ior: Some(dict_ior),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE | flags::DICT_SUBCLASS | flags::MAPPING,
            doc: Some(
                "dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)",
            ),
            ..TypeSpec::new("dict", Layout::of::<PyDict>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(o: &PyRef) -> bool {
    int_val(o).is_some()
}
