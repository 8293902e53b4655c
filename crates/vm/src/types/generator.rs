//! Generators, coroutines and async generators (phase 2).

use crate::object::{StaticType, TypeSpec};

pub static GENERATOR_TYPE: StaticType = StaticType::new();

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    Vec::new()
}
