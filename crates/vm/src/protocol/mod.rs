//! Protocol helpers: the `PyObject_*` / `PyNumber_*` / `PyIter_*` layer that
//! dispatches through type slots.  Native code uses these, never slots
//! directly, unless it knows the exact type.

pub mod call;
pub mod iter;
pub mod number;
pub mod object;
