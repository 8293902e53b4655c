//! Runtime services that are not types: hashing (and, later, interning
//! tables, the import machinery's Rust side, the GIL).

pub mod hash;
pub mod pycache;
pub mod stdlib;
