//! Instance attribute storage with hidden classes ("maps").
//!
//! An instance's attributes live in a value vector; a shared, append-only
//! [`Map`] says which name is at which index.  Adding an attribute moves the
//! instance to the child map for that name (transitions are cached on the
//! parent), so all instances that got the same attributes in the same order
//! share one map, and `obj.x` is "check map, load slot i".
//!
//! When `__dict__` is asked for, or an attribute is deleted, or an instance
//! grows past [`MAX_MAP_ATTRS`], the storage switches for good to a real
//! dict object (materialize-and-switch); from then on the dict is the storage
//! and `obj.__dict__` is that same dict.
//!
//! Attribute names are str objects; maps compare them by identity first
//! (names from code objects are interned) and by value second.
//!
//! Memory: the value vector is a boxed slice of slots whose length is its
//! capacity (the map says how many are in use, so no length word is
//! stored); with the map pointer and the `RefCell` flag the storage is three
//! words, and a plain instance (gc links, header, storage) is 64 bytes.
//! Capacity grows 2, 4, 8, ... so three attributes take one 32-byte block.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{Trace, Visit};
use crate::types::dict::PyDict;
use crate::types::str::PyStr;
use crate::value::PyRef;

/// Beyond this many attributes an instance uses dict storage.
pub const MAX_MAP_ATTRS: usize = 30;

/// A hidden class: the ordered attribute names of an instance.
pub struct Map {
    names: Vec<PyRef>,
    transitions: RefCell<Vec<(PyRef, Rc<Map>)>>,
}

impl Map {
    fn root() -> Rc<Map> {
        static ROOT: crate::runtime::gil::GilLazy<Rc<Map>> =
            crate::runtime::gil::GilLazy::new(|| {
                Rc::new(Map {
                    names: Vec::new(),
                    transitions: RefCell::new(Vec::new()),
                })
            });
        ROOT.with(|r| r.clone())
    }

    /// The slot index of `name`, if the map has it.
    #[inline]
    pub fn index_of(&self, name: &PyRef) -> Option<usize> {
        if let Some(i) = self.names.iter().position(|n| n.is(name)) {
            return Some(i);
        }
        let s = name.downcast::<PyStr>()?;
        self.names.iter().position(|n| {
            n.downcast::<PyStr>()
                .is_some_and(|t| t.as_wtf8() == s.as_wtf8())
        })
    }

    fn child(self: &Rc<Map>, name: &PyRef) -> Rc<Map> {
        {
            let tr = self.transitions.borrow();
            if let Some((_, m)) = tr.iter().find(|(n, _)| n.is(name)) {
                return m.clone();
            }
        }
        let mut names = self.names.clone();
        names.push(name.clone());
        let m = Rc::new(Map {
            names,
            transitions: RefCell::new(Vec::new()),
        });
        self.transitions
            .borrow_mut()
            .push((name.clone(), m.clone()));
        m
    }

    pub fn names(&self) -> &[PyRef] {
        &self.names
    }
}

enum State {
    /// Hidden-class storage; `map` is `None` while there is no attribute
    /// (no separate `Empty` variant, so the enum stays three words).
    Map {
        map: Option<Rc<Map>>,
        /// Slots `0..map.names.len()` are `Some`; the rest are spare.
        values: Slots,
    },
    Dict(PyRef),
}

impl Default for State {
    fn default() -> State {
        State::Map {
            map: None,
            values: Slots::default(),
        }
    }
}

/// The value slots of map storage (see the module documentation).
type Slots = Box<[Option<PyRef>]>;

/// Slots holding just `value`.
fn first_slots(value: PyRef) -> Slots {
    let mut v = Vec::with_capacity(2);
    v.push(Some(value));
    v.push(None);
    v.into_boxed_slice()
}

/// Stores `value` in slot `n` (the first unused one), growing the slots
/// when they are full.
fn push_slot(values: &mut Slots, n: usize, value: PyRef) {
    if n >= values.len() {
        let cap = (values.len() * 2).max(n + 1).max(2);
        let mut v = Vec::with_capacity(cap);
        v.extend(std::mem::take(values).into_vec());
        v.resize_with(cap, || None);
        *values = v.into_boxed_slice();
    }
    values[n] = Some(value);
}

/// Attribute storage of one instance; see the module documentation.
pub struct InstanceAttrs {
    state: RefCell<State>,
}

impl Default for InstanceAttrs {
    fn default() -> Self {
        Self::new()
    }
}

impl Trace for InstanceAttrs {
    fn trace(&self, visit: &mut Visit<'_>) {
        if let Ok(s) = self.state.try_borrow() {
            match &*s {
                State::Map { map: None, .. } => {}
                State::Map { values, .. } => {
                    for v in values.iter().flatten() {
                        v.trace(visit);
                    }
                }
                State::Dict(d) => d.trace(visit),
            }
        }
    }
    fn clear(&self) {
        let old = match self.state.try_borrow_mut() {
            Ok(mut s) => std::mem::take(&mut *s),
            Err(_) => return,
        };
        drop(old);
    }
}

/// `InstanceAttrs::map_id` for storage that has no attribute yet.
pub const MAP_ID_EMPTY: usize = 2;
/// `map_id` for dict storage (never cached).
pub const MAP_ID_DICT: usize = 0;

impl InstanceAttrs {
    // ---- interpreter cache hooks --------------------------------------
    // Maps are never freed (each is owned by its parent's transition list
    // and the root is per-thread and permanent), so a map's address is a
    // stable identity the interpreter's inline caches can key on.

    /// The identity of the current hidden class: the map's address,
    /// [`MAP_ID_EMPTY`] or [`MAP_ID_DICT`].
    #[inline]
    pub fn map_id(&self) -> usize {
        match &*self.state.borrow() {
            State::Map { map: None, .. } => MAP_ID_EMPTY,
            State::Map { map: Some(map), .. } => Rc::as_ptr(map) as usize,
            State::Dict(_) => MAP_ID_DICT,
        }
    }

    /// The map identity and slot index of `name`, when the storage is a map
    /// that holds it.
    pub fn slot_of(&self, name: &PyRef) -> Option<(usize, usize)> {
        match &*self.state.borrow() {
            State::Map { map: Some(map), .. } => {
                Some((Rc::as_ptr(map) as usize, map.index_of(name)?))
            }
            _ => None,
        }
    }

    /// The value in slot `i` if the map is still `map_id` (cached load).
    #[inline]
    pub fn get_cached(&self, map_id: usize, i: usize) -> Option<PyRef> {
        match &*self.state.borrow() {
            State::Map {
                map: Some(map),
                values,
            } if Rc::as_ptr(map) as usize == map_id => values.get(i).cloned().flatten(),
            _ => None,
        }
    }

    /// Replaces the value in slot `i` if the map is still `map_id`; gives
    /// the value back on a miss.
    #[inline]
    pub fn set_cached(&self, map_id: usize, i: usize, value: PyRef) -> Result<(), PyRef> {
        let old = {
            let mut s = self.state.borrow_mut();
            match &mut *s {
                State::Map {
                    map: Some(map),
                    values,
                } if Rc::as_ptr(map) as usize == map_id => match values.get_mut(i) {
                    Some(Some(slot)) => std::mem::replace(slot, value),
                    _ => return Err(value),
                },
                _ => return Err(value),
            }
        };
        drop(old);
        Ok(())
    }

    /// The map the storage would move to when `name` is added (cache fill
    /// for attribute-adding stores): `(from, to)`.
    pub fn transition_for(&self, name: &PyRef) -> Option<(usize, usize)> {
        match &*self.state.borrow() {
            State::Map { map: None, .. } => {
                Some((MAP_ID_EMPTY, Rc::as_ptr(&Map::root().child(name)) as usize))
            }
            State::Map { map: Some(map), .. } if map.names.len() < MAX_MAP_ATTRS => {
                if map.index_of(name).is_some() {
                    return None;
                }
                Some((
                    Rc::as_ptr(map) as usize,
                    Rc::as_ptr(&map.child(name)) as usize,
                ))
            }
            _ => None,
        }
    }

    /// Adds `name` by the cached transition `from` -> `to` (which must have
    /// come from [`InstanceAttrs::transition_for`] with the same name);
    /// gives the value back if the storage is no longer at `from`.
    #[inline]
    pub fn add_cached(&self, from: usize, to: usize, value: PyRef) -> Result<(), PyRef> {
        let mut s = self.state.borrow_mut();
        match &mut *s {
            State::Map { map: None, .. } if from == MAP_ID_EMPTY => {
                let root = Map::root();
                let tr = root.transitions.borrow();
                let Some((_, m)) = tr.iter().find(|(_, m)| Rc::as_ptr(m) as usize == to) else {
                    return Err(value);
                };
                *s = State::Map {
                    map: Some(m.clone()),
                    values: first_slots(value),
                };
                Ok(())
            }
            State::Map {
                map: Some(map),
                values,
            } if Rc::as_ptr(map) as usize == from => {
                let next = {
                    let tr = map.transitions.borrow();
                    match tr.iter().find(|(_, m)| Rc::as_ptr(m) as usize == to) {
                        Some((_, m)) => m.clone(),
                        None => return Err(value),
                    }
                };
                push_slot(values, map.names.len(), value);
                *map = next;
                Ok(())
            }
            _ => Err(value),
        }
    }

    pub fn new() -> InstanceAttrs {
        InstanceAttrs {
            state: RefCell::new(State::default()),
        }
    }

    /// Looks an attribute up.  `name` must be a str.
    #[inline]
    pub fn get(&self, name: &PyRef) -> Option<PyRef> {
        let dict = {
            let s = self.state.borrow();
            match &*s {
                State::Map { map: None, .. } => return None,
                State::Map {
                    map: Some(map),
                    values,
                } => {
                    return map
                        .index_of(name)
                        .and_then(|i| values.get(i).cloned().flatten());
                }
                State::Dict(d) => d.clone(),
            }
        };
        dict.downcast::<PyDict>()?.get_str(name)
    }

    /// Sets an attribute.  `name` must be a str.
    pub fn set(&self, name: &PyRef, value: PyRef) {
        let mut s = self.state.borrow_mut();
        match &mut *s {
            State::Map { map: None, .. } => {
                *s = State::Map {
                    map: Some(Map::root().child(name)),
                    values: first_slots(value),
                };
            }
            State::Map {
                map: Some(map),
                values,
            } => {
                if let Some(i) = map.index_of(name) {
                    let old = values.get_mut(i).and_then(|v| v.replace(value));
                    drop(s);
                    drop(old);
                } else if map.names.len() < MAX_MAP_ATTRS {
                    push_slot(values, map.names.len(), value);
                    *map = map.child(name);
                } else {
                    drop(s);
                    let d = self.dict();
                    if let Some(dd) = d.downcast::<PyDict>() {
                        dd.set_str(name.clone(), value);
                    }
                }
            }
            State::Dict(d) => {
                let d = d.clone();
                drop(s);
                if let Some(dd) = d.downcast::<PyDict>() {
                    dd.set_str(name.clone(), value);
                }
            }
        }
    }

    /// Deletes an attribute; false if it was not there.
    pub fn delete(&self, name: &PyRef) -> bool {
        {
            let s = self.state.borrow();
            match &*s {
                State::Map { map: None, .. } => return false,
                State::Map { map: Some(map), .. } if map.index_of(name).is_none() => return false,
                _ => {}
            }
        }
        let d = self.dict();
        match d.downcast::<PyDict>() {
            Some(dd) => dd.del_str(name).is_some(),
            None => false,
        }
    }

    /// The attribute dict, materializing it (and switching to dict storage)
    /// on first request.
    pub fn dict(&self) -> PyRef {
        let old = {
            let mut s = self.state.borrow_mut();
            if let State::Dict(d) = &*s {
                return d.clone();
            }
            std::mem::take(&mut *s)
        };
        let d = PyDict::new_ref();
        if let (
            State::Map {
                map: Some(map),
                values,
            },
            Some(dd),
        ) = (old, d.downcast::<PyDict>())
        {
            for (n, v) in map
                .names()
                .iter()
                .zip(values.into_vec().into_iter().flatten())
            {
                dd.set_str(n.clone(), v);
            }
        }
        *self.state.borrow_mut() = State::Dict(d.clone());
        d
    }

    /// Replaces the storage by dict `d` (`obj.__dict__ = d`).
    pub fn set_dict(&self, d: PyRef) {
        let old = std::mem::replace(&mut *self.state.borrow_mut(), State::Dict(d));
        drop(old);
    }

    /// True if a dict was materialized.
    pub fn has_dict(&self) -> bool {
        matches!(&*self.state.borrow(), State::Dict(_))
    }

    /// The current (name, value) pairs, in insertion order.
    pub fn items(&self) -> Vec<(PyRef, PyRef)> {
        let d = {
            let s = self.state.borrow();
            match &*s {
                State::Map { map: None, .. } => return Vec::new(),
                State::Map {
                    map: Some(map),
                    values,
                } => {
                    return map
                        .names()
                        .iter()
                        .cloned()
                        .zip(values.iter().flatten().cloned())
                        .collect();
                }
                State::Dict(d) => d.clone(),
            }
        };
        d.downcast::<PyDict>()
            .map(|dd| dd.items())
            .unwrap_or_default()
    }
}
