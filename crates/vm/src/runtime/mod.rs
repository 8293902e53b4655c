//! Runtime services that are not types: hashing, finding the standard
//! library, and the GIL with the process-wide state it guards (`gil`).

pub mod gil;
pub mod hash;
pub mod pycache;
pub mod stdlib;
