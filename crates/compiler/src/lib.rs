//! Symbol tables and code generation (see crate description).
