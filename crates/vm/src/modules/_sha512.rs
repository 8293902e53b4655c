//! The `_sha512` module: `sha512` and `sha384` hash objects (FIPS 180-4),
//! what `hashlib` and `random.seed(str)` use when OpenSSL is absent.
//!
//! The compression function is the standard 80-round SHA-512 over 128-byte
//! blocks; sha384 is the same with other initial values and a 48-byte
//! digest.  A hash object buffers a partial block and the total length;
//! `digest()` pads a copy, so the object can keep being updated.

use std::cell::RefCell;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{
    Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit, slots::Slots,
};
use crate::types::bytes::PyBytes;
use crate::types::int::int_from_i64;
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

const IV512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];
const IV384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

/// The running state of one hash.
#[derive(Clone, Default)]
pub struct Sha {
    h: [u64; 8],
    buf: Vec<u8>,
    len: u128,
    digest_size: usize,
}

impl Trace for Sha {
    fn trace(&self, _: &mut Visit<'_>) {}
}

impl Sha {
    fn new(size: usize) -> Sha {
        Sha {
            h: if size == 48 { IV384 } else { IV512 },
            buf: Vec::with_capacity(128),
            len: 0,
            digest_size: size,
        }
    }

    fn block(&mut self, b: &[u8]) {
        let mut w = [0u64; 80];
        for (i, c) in b.chunks_exact(8).take(16).enumerate() {
            let mut x = [0u8; 8];
            x.copy_from_slice(c);
            w[i] = u64::from_be_bytes(x);
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b_, mut c, mut d, mut e, mut f, mut g, mut h] = self.h;
        for t in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b_) ^ (a & c) ^ (b_ & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b_;
            b_ = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in self.h.iter_mut().zip([a, b_, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }

    fn update(&mut self, data: &[u8]) {
        self.len = self.len.wrapping_add(data.len() as u128);
        self.buf.extend_from_slice(data);
        let full = self.buf.len() / 128 * 128;
        if full > 0 {
            let buf = std::mem::take(&mut self.buf);
            for c in buf[..full].chunks_exact(128) {
                self.block(c);
            }
            self.buf = buf[full..].to_vec();
        }
    }

    fn digest(&self) -> Vec<u8> {
        let mut s = self.clone();
        let bits = self.len.wrapping_mul(8);
        let mut pad = vec![0x80u8];
        let rem = (self.buf.len() + 1) % 128;
        let zeros = if rem <= 112 { 112 - rem } else { 240 - rem };
        pad.extend(std::iter::repeat_n(0u8, zeros));
        pad.extend_from_slice(&bits.to_be_bytes());
        let keep = s.len;
        s.update(&pad);
        s.len = keep;
        let mut out: Vec<u8> = s.h.iter().flat_map(|w| w.to_be_bytes()).collect();
        out.truncate(self.digest_size);
        out
    }
}

crate::py_payload! {
    /// A `sha512`/`sha384` object.
    pub struct PySha { st: RefCell<Sha> }
}

pub static SHA512_TYPE: StaticType = StaticType::new();
pub static SHA384_TYPE: StaticType = StaticType::new();

impl PyPayload for PySha {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        SHA512_TYPE.get()
    }
}

fn sha(o: &PyRef) -> PyResult<&PySha> {
    o.downcast::<PySha>()
        .ok_or_else(|| type_error("expected a sha512 object"))
}

fn data_of(o: &PyRef) -> PyResult<Vec<u8>> {
    if o.downcast::<PyStr>().is_some() {
        return Err(type_error("Strings must be encoded before hashing"));
    }
    if let Some(b) = o.downcast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    crate::types::buffer_hook(o)
        .ok_or_else(|| type_error("object supporting the buffer API required"))
}

fn make(ty: &StaticType, size: usize, a: &Args<'_>, fname: &str) -> PyResult {
    let [data, _usedforsecurity] = a.bind(fname, ["string", "usedforsecurity"], 0, 0)?;
    let mut st = Sha::new(size);
    if let Some(d) = data {
        st.update(&data_of(&d)?);
    }
    Ok(crate::object::alloc_as(
        ty.get(),
        PySha {
            st: RefCell::new(st),
        },
    ))
}

fn f_sha512(_: &Vm, a: Args<'_>) -> PyResult {
    make(&SHA512_TYPE, 64, &a, "sha512")
}

fn f_sha384(_: &Vm, a: Args<'_>) -> PyResult {
    make(&SHA384_TYPE, 48, &a, "sha384")
}

fn m_update(_: &Vm, a: Args<'_>) -> PyResult {
    let d = a.shift().one_arg("update")?;
    let data = data_of(d)?;
    sha(&a.args[0])?.st.borrow_mut().update(&data);
    Ok(none())
}

fn m_digest(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("digest")?;
    Ok(PyBytes::new_ref(sha(&a.args[0])?.st.borrow().digest()))
}

fn m_hexdigest(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("hexdigest")?;
    let d = sha(&a.args[0])?.st.borrow().digest();
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(PyStr::new_ref(&hex))
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("copy")?;
    let s = &a.args[0];
    let st = sha(s)?.st.borrow().clone();
    Ok(crate::object::alloc_as(
        s.class(),
        PySha {
            st: RefCell::new(st),
        },
    ))
}

fn g_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(if sha(o)?.st.borrow().digest_size == 48 {
        "sha384"
    } else {
        "sha512"
    }))
}

fn g_digest_size(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(sha(o)?.st.borrow().digest_size as i64))
}

fn g_block_size(_: &Vm, _o: &PyRef) -> PyResult {
    Ok(int_from_i64(128))
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

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let spec = |name| TypeSpec {
        slots: Slots::EMPTY,
        methods: METHODS,
        getsets: GETSETS,
        ..TypeSpec::new(name, Layout::of::<PySha>())
    };
    vec![
        (&SHA512_TYPE, spec("_sha512.sha512")),
        (&SHA384_TYPE, spec("_sha512.sha384")),
    ]
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("sha512", f_sha512)
        .with_doc("Return a new SHA-512 hash object; optionally initialized with a string."),
    MethodDef::method("sha384", f_sha384)
        .with_doc("Return a new SHA-384 hash object; optionally initialized with a string."),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref("_sha512", None);
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    md.set_attr("SHA512Type", SHA512_TYPE.to_ref());
    md.set_attr("SHA384Type", SHA384_TYPE.to_ref());
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::Sha;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_vectors() {
        let mut s = Sha::new(64);
        s.update(b"abc");
        assert_eq!(
            hex(&s.digest()),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        let mut s = Sha::new(48);
        s.update(b"");
        assert_eq!(
            hex(&s.digest()),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"
        );
    }
}

#[cfg(test)]
mod tests2 {
    use super::Sha;
    #[test]
    fn incremental_matches_one_shot() {
        let mut data = vec![b'x'];
        data.extend(std::iter::repeat_n(b'y', 200));
        let mut one = Sha::new(64);
        one.update(&data);
        let mut inc = Sha::new(64);
        inc.update(&data[..1]);
        inc.update(&data[1..]);
        assert_eq!(one.digest(), inc.digest());
    }
}
