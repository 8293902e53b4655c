//! Reference tracing for the cycle collector.
//!
//! Every payload struct is declared through [`py_payload!`], which derives
//! [`Trace`] over *all* of its fields.  A field whose type holds no Python
//! references still has to implement `Trace` (as a no-op, see the impls
//! below), so adding a field that holds references can't be forgotten: either
//! its type already traces, or the build fails.
//!
//! `trace` reports every strong reference held; `clear` drops the references
//! held through interior mutability (CPython's `tp_clear`), used to break
//! unreachable cycles.

use std::cell::{Cell, RefCell};

use crate::value::{ObjHeader, PyRef};

/// The visitor passed to `trace`: called with each strong heap reference.
pub type Visit<'a> = dyn FnMut(*mut ObjHeader) + 'a;

/// See the module documentation.
pub trait Trace {
    fn trace(&self, visit: &mut Visit<'_>);
    /// Drops references held through interior mutability.
    fn clear(&self) {}
}

impl Trace for PyRef {
    #[inline]
    fn trace(&self, visit: &mut Visit<'_>) {
        if let Some(p) = self.header_ptr() {
            visit(p);
        }
    }
}

impl<T: Trace> Trace for Option<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        if let Some(x) = self {
            x.trace(visit);
        }
    }
}

impl<T: Trace> Trace for Vec<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        for x in self {
            x.trace(visit);
        }
    }
}

impl<T: Trace> Trace for Box<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        (**self).trace(visit);
    }
    fn clear(&self) {
        (**self).clear();
    }
}

impl<T: Trace> Trace for Box<[T]> {
    fn trace(&self, visit: &mut Visit<'_>) {
        for x in self.iter() {
            x.trace(visit);
        }
    }
}

impl<A: Trace, B: Trace> Trace for (A, B) {
    fn trace(&self, visit: &mut Visit<'_>) {
        self.0.trace(visit);
        self.1.trace(visit);
    }
}

impl<T: Trace + Default> Trace for RefCell<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        // A borrowed cell is being mutated by native code right now; the
        // collector only runs at safe points, where nothing is borrowed.
        if let Ok(b) = self.try_borrow() {
            b.trace(visit);
        }
    }
    fn clear(&self) {
        let old = match self.try_borrow_mut() {
            Ok(mut b) => std::mem::take(&mut *b),
            Err(_) => return,
        };
        drop(old);
    }
}

impl Trace for Cell<Option<PyRef>> {
    fn trace(&self, visit: &mut Visit<'_>) {
        let v = self.take();
        v.trace(visit);
        self.set(v);
    }
    fn clear(&self) {
        drop(self.take());
    }
}

macro_rules! no_trace {
    ($($t:ty),*) => { $(impl Trace for $t { #[inline] fn trace(&self, _: &mut Visit<'_>) {} })* };
}
no_trace!(
    (),
    bool,
    u8,
    u32,
    u64,
    usize,
    i32,
    i64,
    f64,
    String,
    &'static str,
    num_bigint::BigInt,
    taipan_common::Wtf8Buf,
    Cell<bool>,
    Cell<u32>,
    Cell<u64>,
    Cell<i64>,
    Cell<usize>,
    Cell<isize>,
    std::sync::Arc<taipan_bytecode::CodeObject>
);

/// Declares a payload struct and derives [`Trace`] over all its fields.
///
/// ```ignore
/// py_payload! {
///     /// A list.
///     pub struct PyList { pub items: RefCell<Vec<PyRef>> }
/// }
/// ```
#[macro_export]
macro_rules! py_payload {
    ($(#[$m:meta])* $vis:vis struct $name:ident { $($(#[$fm:meta])* $fvis:vis $field:ident : $fty:ty),* $(,)? }) => {
        $(#[$m])* $vis struct $name { $($(#[$fm])* $fvis $field: $fty,)* }
        impl $crate::object::Trace for $name {
            #[allow(unused_variables)]
            fn trace(&self, visit: &mut $crate::object::Visit<'_>) {
                $( $crate::object::Trace::trace(&self.$field, visit); )*
            }
            fn clear(&self) {
                $( $crate::object::Trace::clear(&self.$field); )*
            }
        }
    };
}
