//! The hash modules `hashlib` falls back to without OpenSSL: `_md5`,
//! `_sha1`, `_sha256` (sha224, sha256), `_sha512` (sha384, sha512),
//! `_sha3` (sha3_*, shake_*) and `_blake2` (blake2b, blake2s).
//!
//! Every hash object is one payload, [`PyHash`], holding a [`Hasher`] (an
//! enum over the algorithms); the fourteen Python types share its methods
//! (`update`, `digest`, `hexdigest`, `copy`) and attributes (`name`,
//! `digest_size`, `block_size`).  [`ALGOS`] is the one table of algorithms:
//! name, type object, sizes and how to start a state.  The compression
//! functions come from RustCrypto (`md-5`, `sha1`, `sha2`), the `keccak`
//! permutation (`sponge.rs`) and `blake2b_simd`/`blake2s_simd`
//! (`blake2.rs`, which also parses BLAKE2's tree parameters).

mod blake2;
pub mod sponge;

use std::cell::RefCell;

use md5::Digest;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::modules::bufutil::hex_lower;
use crate::object::slots::Slots;
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit};
use crate::types::bytes::PyBytes;
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

use sponge::Sponge;

/// The running state of one hash computation.
#[derive(Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sponge(Sponge),
    Blake2b(blake2b_simd::State),
    Blake2s(blake2s_simd::State),
}

impl Trace for Hasher {
    fn trace(&self, _: &mut Visit<'_>) {}
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::Md5(md5::Md5::new())
    }
}

impl Hasher {
    pub fn update(&mut self, d: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(d),
            Hasher::Sha1(h) => h.update(d),
            Hasher::Sha224(h) => h.update(d),
            Hasher::Sha256(h) => h.update(d),
            Hasher::Sha384(h) => h.update(d),
            Hasher::Sha512(h) => h.update(d),
            Hasher::Sponge(s) => s.update(d),
            Hasher::Blake2b(s) => {
                s.update(d);
            }
            Hasher::Blake2s(s) => {
                s.update(d);
            }
        }
    }

    /// The digest of the data so far (`len` is used by SHAKE only).
    pub fn digest(&self, len: usize) -> Vec<u8> {
        match self {
            Hasher::Md5(h) => h.clone().finalize().to_vec(),
            Hasher::Sha1(h) => h.clone().finalize().to_vec(),
            Hasher::Sha224(h) => h.clone().finalize().to_vec(),
            Hasher::Sha256(h) => h.clone().finalize().to_vec(),
            Hasher::Sha384(h) => h.clone().finalize().to_vec(),
            Hasher::Sha512(h) => h.clone().finalize().to_vec(),
            Hasher::Sponge(s) => s.squeeze(if s.out_len > 0 { s.out_len } else { len }),
            Hasher::Blake2b(s) => s.finalize().as_bytes().to_vec(),
            Hasher::Blake2s(s) => s.finalize().as_bytes().to_vec(),
        }
    }
}

/// One row of the algorithm table.
pub struct Algo {
    pub name: &'static str,
    pub module: &'static str,
    /// Name of the module attribute holding the type (`MD5Type`), if any.
    pub type_attr: Option<&'static str>,
    pub ty: &'static StaticType,
    pub digest_size: usize,
    pub block_size: usize,
    /// A fresh state (blake2 builds its own from parameters).
    pub start: fn() -> Hasher,
}

pub static MD5_TYPE: StaticType = StaticType::new();
pub static SHA1_TYPE: StaticType = StaticType::new();
pub static SHA224_TYPE: StaticType = StaticType::new();
pub static SHA256_TYPE: StaticType = StaticType::new();
pub static SHA384_TYPE: StaticType = StaticType::new();
pub static SHA512_TYPE: StaticType = StaticType::new();
pub static SHA3_224_TYPE: StaticType = StaticType::new();
pub static SHA3_256_TYPE: StaticType = StaticType::new();
pub static SHA3_384_TYPE: StaticType = StaticType::new();
pub static SHA3_512_TYPE: StaticType = StaticType::new();
pub static SHAKE128_TYPE: StaticType = StaticType::new();
pub static SHAKE256_TYPE: StaticType = StaticType::new();
pub static BLAKE2B_TYPE: StaticType = StaticType::new();
pub static BLAKE2S_TYPE: StaticType = StaticType::new();

/// Every hash algorithm, once.
pub static ALGOS: &[Algo] = &[
    Algo {
        name: "md5",
        module: "_md5",
        type_attr: Some("MD5Type"),
        ty: &MD5_TYPE,
        digest_size: 16,
        block_size: 64,
        start: || Hasher::Md5(md5::Md5::new()),
    },
    Algo {
        name: "sha1",
        module: "_sha1",
        type_attr: Some("SHA1Type"),
        ty: &SHA1_TYPE,
        digest_size: 20,
        block_size: 64,
        start: || Hasher::Sha1(sha1::Sha1::new()),
    },
    Algo {
        name: "sha224",
        module: "_sha256",
        type_attr: Some("SHA224Type"),
        ty: &SHA224_TYPE,
        digest_size: 28,
        block_size: 64,
        start: || Hasher::Sha224(sha2::Sha224::new()),
    },
    Algo {
        name: "sha256",
        module: "_sha256",
        type_attr: Some("SHA256Type"),
        ty: &SHA256_TYPE,
        digest_size: 32,
        block_size: 64,
        start: || Hasher::Sha256(sha2::Sha256::new()),
    },
    Algo {
        name: "sha384",
        module: "_sha512",
        type_attr: Some("SHA384Type"),
        ty: &SHA384_TYPE,
        digest_size: 48,
        block_size: 128,
        start: || Hasher::Sha384(sha2::Sha384::new()),
    },
    Algo {
        name: "sha512",
        module: "_sha512",
        type_attr: Some("SHA512Type"),
        ty: &SHA512_TYPE,
        digest_size: 64,
        block_size: 128,
        start: || Hasher::Sha512(sha2::Sha512::new()),
    },
    Algo {
        name: "sha3_224",
        module: "_sha3",
        type_attr: None,
        ty: &SHA3_224_TYPE,
        digest_size: 28,
        block_size: 144,
        start: || Hasher::Sponge(Sponge::sha3(224)),
    },
    Algo {
        name: "sha3_256",
        module: "_sha3",
        type_attr: None,
        ty: &SHA3_256_TYPE,
        digest_size: 32,
        block_size: 136,
        start: || Hasher::Sponge(Sponge::sha3(256)),
    },
    Algo {
        name: "sha3_384",
        module: "_sha3",
        type_attr: None,
        ty: &SHA3_384_TYPE,
        digest_size: 48,
        block_size: 104,
        start: || Hasher::Sponge(Sponge::sha3(384)),
    },
    Algo {
        name: "sha3_512",
        module: "_sha3",
        type_attr: None,
        ty: &SHA3_512_TYPE,
        digest_size: 64,
        block_size: 72,
        start: || Hasher::Sponge(Sponge::sha3(512)),
    },
    Algo {
        name: "shake_128",
        module: "_sha3",
        type_attr: None,
        ty: &SHAKE128_TYPE,
        digest_size: 0,
        block_size: 168,
        start: || Hasher::Sponge(Sponge::shake(128)),
    },
    Algo {
        name: "shake_256",
        module: "_sha3",
        type_attr: None,
        ty: &SHAKE256_TYPE,
        digest_size: 0,
        block_size: 136,
        start: || Hasher::Sponge(Sponge::shake(256)),
    },
    Algo {
        name: "blake2b",
        module: "_blake2",
        type_attr: None,
        ty: &BLAKE2B_TYPE,
        digest_size: 64,
        block_size: 128,
        start: || Hasher::Blake2b(blake2b_simd::State::new()),
    },
    Algo {
        name: "blake2s",
        module: "_blake2",
        type_attr: None,
        ty: &BLAKE2S_TYPE,
        digest_size: 32,
        block_size: 64,
        start: || Hasher::Blake2s(blake2s_simd::State::new()),
    },
];

crate::py_payload! {
    /// A hash object of any algorithm.
    pub struct PyHash {
        algo: usize,
        digest_size: usize,
        st: RefCell<Hasher>,
    }
}

impl PyPayload for PyHash {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        MD5_TYPE.get()
    }
}

impl PyHash {
    fn algo(&self) -> &'static Algo {
        &ALGOS[self.algo.min(ALGOS.len() - 1)]
    }
}

fn algo_index(name: &str) -> usize {
    ALGOS.iter().position(|a| a.name == name).unwrap_or(0)
}

fn this(o: &PyRef) -> PyResult<&PyHash> {
    o.downcast::<PyHash>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a hash object but received a '{}'",
            o.class().name()
        ))
    })
}

/// The bytes of data to hash, with hashlib's messages.
pub fn data_of(o: &PyRef) -> PyResult<Vec<u8>> {
    if o.downcast::<PyStr>().is_some() {
        return Err(type_error("Strings must be encoded before hashing"));
    }
    crate::modules::bufutil::try_bytes(o)
        .ok_or_else(|| type_error("object supporting the buffer API required"))
}

/// A new hash object of `ALGOS[algo]` with state `st`, fed `data`.
fn new_hash(
    cls: &Obj<PyType>,
    algo: usize,
    digest_size: usize,
    st: Hasher,
    data: Option<&PyRef>,
) -> PyResult {
    let mut st = st;
    if let Some(d) = data {
        st.update(&data_of(d)?);
    }
    Ok(crate::object::alloc_as(
        cls,
        PyHash {
            algo,
            digest_size,
            st: RefCell::new(st),
        },
    ))
}

/// `md5(string=b'', *, usedforsecurity=True)` and its siblings (module
/// functions of `_md5`, `_sha1`, `_sha256`, `_sha512`).
fn make_classic(a: &Args<'_>, name: &str) -> PyResult {
    let [data, _ufs] = a.bind(name, ["string", "usedforsecurity"], 0, 0)?;
    if a.positional().len() > 1 {
        return Err(type_error(format!(
            "{name}() takes at most 1 positional argument ({} given)",
            a.positional().len()
        )));
    }
    let i = algo_index(name);
    let al = &ALGOS[i];
    new_hash(al.ty.get(), i, al.digest_size, (al.start)(), data.as_ref())
}

macro_rules! classic_ctor {
    ($($f:ident => $name:literal),*) => {$(
        fn $f(_: &Vm, a: Args<'_>) -> PyResult {
            make_classic(&a, $name)
        }
    )*};
}
classic_ctor!(f_md5 => "md5", f_sha1 => "sha1", f_sha224 => "sha224", f_sha256 => "sha256",
    f_sha384 => "sha384", f_sha512 => "sha512");

/// `sha3_224(data=b'', /, *, usedforsecurity=True)` (the type is the
/// constructor).
fn sha3_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("__new__(X): X is not a type object"))?;
    let i = ALGOS
        .iter()
        .position(|al| t.is_subtype(al.ty.get()) && al.module == "_sha3")
        .unwrap_or(0);
    let name = ALGOS[i].name;
    let [data, _ufs] = a.bind(name, ["data", "usedforsecurity"], 1, 0)?;
    if a.positional().len() > 1 {
        return Err(type_error(format!(
            "{name}() takes at most 1 positional argument ({} given)",
            a.positional().len()
        )));
    }
    let al = &ALGOS[i];
    new_hash(t, i, al.digest_size, (al.start)(), data.as_ref())
}

fn m_update(_: &Vm, a: Args<'_>) -> PyResult {
    let h = this(&a.args[0])?;
    let d = a.shift().one_arg(&format!("{}.update", h.algo().name))?;
    let data = data_of(d)?;
    h.st.borrow_mut().update(&data);
    Ok(none())
}

/// The digest length asked of a SHAKE object.
fn shake_len(vm: &Vm, a: &Args<'_>, what: &str) -> PyResult<usize> {
    let h = this(&a.args[0])?;
    let s = a.shift();
    s.no_kwargs(&format!("{}.{what}", h.algo().name))?;
    let len = s.one_arg(&format!("{}.{what}", h.algo().name))?;
    let len = crate::types::int::as_ssize(vm, len)?;
    if len < 0 {
        return Err(value_error("value must be positive"));
    }
    if len >= 1 << 29 {
        return Err(value_error("length is too large"));
    }
    Ok(len as usize)
}

fn digest_bytes(vm: &Vm, a: &Args<'_>, what: &str) -> PyResult<Vec<u8>> {
    let h = this(&a.args[0])?;
    let len = if h.algo().digest_size == 0 && h.algo().module == "_sha3" {
        shake_len(vm, a, what)?
    } else {
        a.shift().no_args(&format!("{}.{what}", h.algo().name))?;
        0
    };
    Ok(h.st.borrow().digest(len))
}

fn m_digest(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(PyBytes::new_ref(digest_bytes(vm, &a, "digest")?))
}

fn m_hexdigest(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(PyStr::new_ref(&hex_lower(&digest_bytes(
        vm,
        &a,
        "hexdigest",
    )?)))
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let s = &a.args[0];
    let h = this(s)?;
    a.shift().no_args(&format!("{}.copy", h.algo().name))?;
    let st = h.st.borrow().clone();
    Ok(crate::object::alloc_as(
        s.class(),
        PyHash {
            algo: h.algo,
            digest_size: h.digest_size,
            st: RefCell::new(st),
        },
    ))
}

fn g_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(this(o)?.algo().name))
}

fn g_digest_size(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(this(o)?.digest_size as i64))
}

fn g_block_size(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(this(o)?.algo().block_size as i64))
}

fn sponge_of(o: &PyRef) -> PyResult<(usize, u8)> {
    match &*this(o)?.st.borrow() {
        Hasher::Sponge(s) => Ok((s.rate, s.suffix)),
        _ => Err(type_error("not a SHA-3 object")),
    }
}

fn g_capacity_bits(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(1600 - 8 * sponge_of(o)?.0 as i64))
}

fn g_rate_bits(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(8 * sponge_of(o)?.0 as i64))
}

fn g_suffix(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyBytes::new_ref(vec![sponge_of(o)?.1]))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("copy", m_copy).with_doc("Return a copy of the hash object."),
    MethodDef::method("digest", m_digest).with_doc("Return the digest value as a bytes object."),
    MethodDef::method("hexdigest", m_hexdigest)
        .with_doc("Return the digest value as a string of hexadecimal digits."),
    MethodDef::method("update", m_update)
        .with_doc("Update this hash object's state with the provided string."),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("name", g_name),
    GetSetDef::new("digest_size", g_digest_size),
    GetSetDef::new("block_size", g_block_size),
];
static SHA3_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("name", g_name),
    GetSetDef::new("digest_size", g_digest_size),
    GetSetDef::new("block_size", g_block_size),
    GetSetDef::new("_capacity_bits", g_capacity_bits),
    GetSetDef::new("_rate_bits", g_rate_bits),
    GetSetDef::new("_suffix", g_suffix),
];

/// The type names, as `module.name` (static strings for `TypeSpec`).
static TYPE_NAMES: &[&str] = &[
    "_md5.md5",
    "_sha1.sha1",
    "_sha256.sha224",
    "_sha256.sha256",
    "_sha512.sha384",
    "_sha512.sha512",
    "_sha3.sha3_224",
    "_sha3.sha3_256",
    "_sha3.sha3_384",
    "_sha3.sha3_512",
    "_sha3.shake_128",
    "_sha3.shake_256",
    "_blake2.blake2b",
    "_blake2.blake2s",
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    ALGOS
        .iter()
        .zip(TYPE_NAMES)
        .map(|(al, &tname)| {
            let mut slots = Slots::EMPTY;
            let mut getsets = GETSETS;
            let mut flags = 0;
            match al.module {
                "_sha3" => {
                    slots.new = Some(sha3_new);
                    getsets = SHA3_GETSETS;
                    flags = crate::object::typeobj::flags::BASETYPE;
                }
                "_blake2" => {
                    slots.new = Some(blake2::blake2_new);
                    flags = crate::object::typeobj::flags::BASETYPE;
                }
                _ => {}
            }
            (
                al.ty,
                TypeSpec {
                    slots,
                    methods: METHODS,
                    getsets,
                    flags,
                    ..TypeSpec::new(tname, Layout::of::<PyHash>())
                },
            )
        })
        .collect()
}

static MD5_FUNCS: &[MethodDef] = &[MethodDef::method("md5", f_md5)
    .with_doc("Return a new MD5 hash object; optionally initialized with a string.")];
static SHA1_FUNCS: &[MethodDef] = &[MethodDef::method("sha1", f_sha1)
    .with_doc("Return a new SHA1 hash object; optionally initialized with a string.")];
static SHA256_FUNCS: &[MethodDef] = &[
    MethodDef::method("sha256", f_sha256)
        .with_doc("Return a new SHA-256 hash object; optionally initialized with a string."),
    MethodDef::method("sha224", f_sha224)
        .with_doc("Return a new SHA-224 hash object; optionally initialized with a string."),
];
static SHA512_FUNCS: &[MethodDef] = &[
    MethodDef::method("sha512", f_sha512)
        .with_doc("Return a new SHA-512 hash object; optionally initialized with a string."),
    MethodDef::method("sha384", f_sha384)
        .with_doc("Return a new SHA-384 hash object; optionally initialized with a string."),
];

/// A hash module: its functions plus the type attributes of its rows.
fn hash_module(name: &str, funcs: &'static [MethodDef]) -> PyResult {
    let m = crate::modules::modutil::new_module(name, "", funcs)?;
    for al in ALGOS.iter().filter(|al| al.module == name) {
        let attr = al.type_attr.unwrap_or(al.name);
        crate::modules::modutil::set(&m, attr, al.ty.to_ref());
    }
    Ok(m)
}

pub fn make_md5(_: &Vm) -> PyResult {
    hash_module("_md5", MD5_FUNCS)
}

pub fn make_sha1(_: &Vm) -> PyResult {
    hash_module("_sha1", SHA1_FUNCS)
}

pub fn make_sha256(_: &Vm) -> PyResult {
    hash_module("_sha256", SHA256_FUNCS)
}

pub fn make_sha512(_: &Vm) -> PyResult {
    hash_module("_sha512", SHA512_FUNCS)
}

pub fn make_sha3(_: &Vm) -> PyResult {
    let m = hash_module("_sha3", &[])?;
    crate::modules::modutil::set(&m, "implementation", PyStr::new_ref("keccak"));
    crate::modules::modutil::set(&m, "keccakopt", int_from_i64(64));
    Ok(m)
}

pub fn make_blake2(vm: &Vm) -> PyResult {
    let m = hash_module("_blake2", &[])?;
    blake2::add_constants(vm, &m);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_digests() {
        let abc: Vec<String> = ALGOS
            .iter()
            .map(|al| {
                let mut h = (al.start)();
                h.update(b"abc");
                hex_lower(&h.digest(4))
            })
            .collect();
        assert_eq!(abc[0], "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(abc[1], "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(&abc[3][..16], "ba7816bf8f01cfea");
        assert_eq!(&abc[5][..16], "ddaf35a193617aba");
        assert_eq!(&abc[7][..16], "3a985da74fe225b2");
        assert_eq!(abc[10], "5881092d");
        assert_eq!(&abc[12][..16], "ba80a53f981c4d0d");
        assert_eq!(&abc[13][..16], "508c5e8c327c14e2");
        for (al, d) in ALGOS.iter().zip(&abc) {
            if al.digest_size > 0 {
                assert_eq!(d.len(), 2 * al.digest_size, "{}", al.name);
            }
        }
    }
}
