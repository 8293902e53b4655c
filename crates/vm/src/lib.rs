//! The Taipan virtual machine (see crate description).
