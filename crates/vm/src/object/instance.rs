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
        thread_local! {
            static ROOT: Rc<Map> = Rc::new(Map { names: Vec::new(), transitions: RefCell::new(Vec::new()) });
        }
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

#[derive(Default)]
enum State {
    #[default]
    Empty,
    Map {
        map: Rc<Map>,
        values: Vec<PyRef>,
    },
    Dict(PyRef),
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
                State::Empty => {}
                State::Map { values, .. } => values.trace(visit),
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
            State::Empty => MAP_ID_EMPTY,
            State::Map { map, .. } => Rc::as_ptr(map) as usize,
            State::Dict(_) => MAP_ID_DICT,
        }
    }

    /// The map identity and slot index of `name`, when the storage is a map
    /// that holds it.
    pub fn slot_of(&self, name: &PyRef) -> Option<(usize, usize)> {
        match &*self.state.borrow() {
            State::Map { map, .. } => Some((Rc::as_ptr(map) as usize, map.index_of(name)?)),
            _ => None,
        }
    }

    /// The value in slot `i` if the map is still `map_id` (cached load).
    #[inline]
    pub fn get_cached(&self, map_id: usize, i: usize) -> Option<PyRef> {
        match &*self.state.borrow() {
            State::Map { map, values } if Rc::as_ptr(map) as usize == map_id => {
                values.get(i).cloned()
            }
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
                State::Map { map, values } if Rc::as_ptr(map) as usize == map_id => {
                    match values.get_mut(i) {
                        Some(slot) => std::mem::replace(slot, value),
                        None => return Err(value),
                    }
                }
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
            State::Empty => Some((MAP_ID_EMPTY, Rc::as_ptr(&Map::root().child(name)) as usize)),
            State::Map { map, values } if values.len() < MAX_MAP_ATTRS => {
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
            State::Empty if from == MAP_ID_EMPTY => {
                let root = Map::root();
                let tr = root.transitions.borrow();
                let Some((_, m)) = tr.iter().find(|(_, m)| Rc::as_ptr(m) as usize == to) else {
                    return Err(value);
                };
                *s = State::Map {
                    map: m.clone(),
                    values: vec![value],
                };
                Ok(())
            }
            State::Map { map, values } if Rc::as_ptr(map) as usize == from => {
                let next = {
                    let tr = map.transitions.borrow();
                    match tr.iter().find(|(_, m)| Rc::as_ptr(m) as usize == to) {
                        Some((_, m)) => m.clone(),
                        None => return Err(value),
                    }
                };
                *map = next;
                values.push(value);
                Ok(())
            }
            _ => Err(value),
        }
    }

    pub fn new() -> InstanceAttrs {
        InstanceAttrs {
            state: RefCell::new(State::Empty),
        }
    }

    /// Looks an attribute up.  `name` must be a str.
    #[inline]
    pub fn get(&self, name: &PyRef) -> Option<PyRef> {
        let dict = {
            let s = self.state.borrow();
            match &*s {
                State::Empty => return None,
                State::Map { map, values } => {
                    return map.index_of(name).and_then(|i| values.get(i).cloned());
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
            State::Empty => {
                *s = State::Map {
                    map: Map::root().child(name),
                    values: vec![value],
                };
            }
            State::Map { map, values } => {
                if let Some(i) = map.index_of(name) {
                    let old = std::mem::replace(&mut values[i], value);
                    drop(s);
                    drop(old);
                } else if values.len() < MAX_MAP_ATTRS {
                    *map = map.child(name);
                    values.push(value);
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
                State::Empty => return false,
                State::Map { map, .. } if map.index_of(name).is_none() => return false,
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
        if let (State::Map { map, values }, Some(dd)) = (old, d.downcast::<PyDict>()) {
            for (n, v) in map.names().iter().zip(values) {
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
                State::Empty => return Vec::new(),
                State::Map { map, values } => {
                    return map
                        .names()
                        .iter()
                        .cloned()
                        .zip(values.iter().cloned())
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
