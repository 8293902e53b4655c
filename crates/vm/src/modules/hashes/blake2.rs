//! `_blake2.blake2b` / `blake2s` constructors: BLAKE2 with all of its
//! parameters (digest size, key, salt, personalization and the tree
//! parameters fanout, depth, leaf size, node offset, node depth, inner
//! size, last node), validated with CPython's messages before they reach
//! `blake2b_simd`/`blake2s_simd` (whose setters assert).

use num_traits::ToPrimitive;

use super::{ALGOS, BLAKE2B_TYPE, BLAKE2S_TYPE, Hasher, new_hash};
use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error};
use crate::types::int::int_from_i64;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// Sizes of one variant: (max digest = max key, salt = person, max node offset).
struct Sizes {
    out: usize,
    salt: usize,
    max_offset: u64,
}

const B: Sizes = Sizes {
    out: 64,
    salt: 16,
    max_offset: u64::MAX,
};
const S: Sizes = Sizes {
    out: 32,
    salt: 8,
    max_offset: (1 << 48) - 1,
};

const NAMES: [&str; 13] = [
    "data",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// An int argument as i128 (`None` if it does not fit).
fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<Option<i128>> {
    let i = crate::protocol::number::index(vm, o)?;
    Ok(crate::types::int::to_bigint(&i).and_then(|b| b.to_i128()))
}

/// A C `int` argument that must lie in `lo..=hi`.
fn small(vm: &Vm, o: &Option<PyRef>, default: i64, lo: i64, hi: i64, msg: &str) -> PyResult<i64> {
    let Some(o) = o else { return Ok(default) };
    match int_arg(vm, o)? {
        Some(v) if v >= lo as i128 && v <= hi as i128 => Ok(v as i64),
        Some(v) if i32::try_from(v).is_ok() => Err(value_error(msg)),
        Some(v) if v > 0 => Err(overflow_error("signed integer is greater than maximum")),
        _ => Err(overflow_error("signed integer is less than minimum")),
    }
}

/// An unsigned argument (CPython's `_PyLong_UnsignedLongLong_Converter`).
fn unsigned(vm: &Vm, o: &Option<PyRef>) -> PyResult<u64> {
    let Some(o) = o else { return Ok(0) };
    match int_arg(vm, o)? {
        Some(v) if v < 0 => Err(value_error("value must be positive")),
        Some(v) if v <= u64::MAX as i128 => Ok(v as u64),
        None if crate::types::int::is_negative(o) => Err(value_error("value must be positive")),
        _ => Err(overflow_error("int too big to convert")),
    }
}

fn buf(o: &Option<PyRef>, max: usize, what: &str) -> PyResult<Vec<u8>> {
    let Some(o) = o else { return Ok(Vec::new()) };
    let b = super::data_of(o)?;
    if b.len() > max {
        return Err(value_error(format!("maximum {what} length is {max} bytes")));
    }
    Ok(b)
}

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', person=b'',
/// fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0,
/// inner_size=0, last_node=False, usedforsecurity=True)` (and `blake2s`).
pub(super) fn blake2_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("__new__(X): X is not a type object"))?;
    let is_b = t.is_subtype(BLAKE2B_TYPE.get());
    let (name, sz) = if is_b { ("blake2b", B) } else { ("blake2s", S) };
    if a.positional().len() > 1 {
        return Err(type_error(format!(
            "{name}() takes at most 1 positional argument ({} given)",
            a.positional().len()
        )));
    }
    let [
        data,
        digest_size,
        key,
        salt,
        person,
        fanout,
        depth,
        leaf,
        offset,
        ndepth,
        inner,
        last,
        _u,
    ] = a.bind(name, NAMES, 1, 0)?;
    let out = sz.out as i64;
    let digest_size = small(
        vm,
        &digest_size,
        out,
        1,
        out,
        &format!("digest_size must be between 1 and {out} bytes"),
    )?;
    let salt = buf(&salt, sz.salt, "salt")?;
    let person = buf(&person, sz.salt, "person")?;
    let fanout = small(vm, &fanout, 1, 0, 255, "fanout must be between 0 and 255")?;
    let depth = small(vm, &depth, 1, 1, 255, "depth must be between 1 and 255")?;
    let leaf = unsigned(vm, &leaf)?;
    if leaf > u32::MAX as u64 {
        return Err(overflow_error("leaf_size is too large"));
    }
    let offset = unsigned(vm, &offset)?;
    if offset > sz.max_offset {
        return Err(overflow_error("node_offset is too large"));
    }
    let ndepth = small(
        vm,
        &ndepth,
        0,
        0,
        255,
        "node_depth must be between 0 and 255",
    )?;
    let inner = small(
        vm,
        &inner,
        0,
        0,
        out,
        &format!("inner_size must be between 0 and is {out}"),
    )?;
    let last = match &last {
        Some(v) => crate::protocol::object::is_true(vm, v)?,
        None => false,
    };
    let key = buf(&key, sz.out, "key")?;
    let st = if is_b {
        let mut p = blake2b_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf as u32)
            .node_offset(offset)
            .node_depth(ndepth as u8)
            .inner_hash_length(inner as usize)
            .last_node(last);
        Hasher::Blake2b(p.to_state())
    } else {
        let mut p = blake2s_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf as u32)
            .node_offset(offset)
            .node_depth(ndepth as u8)
            .inner_hash_length(inner as usize)
            .last_node(last);
        Hasher::Blake2s(p.to_state())
    };
    let idx = ALGOS.iter().position(|al| al.name == name).unwrap_or(0);
    new_hash(t, idx, digest_size as usize, st, data.as_ref())
}

/// `SALT_SIZE`, `PERSON_SIZE`, `MAX_KEY_SIZE`, `MAX_DIGEST_SIZE` on the
/// types, and `BLAKE2B_SALT_SIZE`... on the module.
pub(super) fn add_constants(_vm: &Vm, m: &PyRef) {
    for (ty, prefix, sz) in [(&BLAKE2B_TYPE, "BLAKE2B", B), (&BLAKE2S_TYPE, "BLAKE2S", S)] {
        let t = ty.get();
        for (attr, v) in [
            ("SALT_SIZE", sz.salt),
            ("PERSON_SIZE", sz.salt),
            ("MAX_KEY_SIZE", sz.out),
            ("MAX_DIGEST_SIZE", sz.out),
        ] {
            t.dict.set_str(PyStr::intern(attr), int_from_i64(v as i64));
            crate::modules::modutil::set(m, &format!("{prefix}_{attr}"), int_from_i64(v as i64));
        }
        t.modified();
    }
}
