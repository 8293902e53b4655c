//! The `_random` module: `Random`, CPython's Mersenne Twister (MT19937)
//! core that `Lib/random.py` subclasses.
//!
//! Bit-exact with CPython 3.11 so seeded sequences match: `seed(n)` feeds
//! the 32-bit little-endian words of `abs(n)` (one zero word for 0) to
//! `init_by_array`; non-int seeds use `hash(obj)` read as an unsigned
//! size_t; `seed(None)` uses OS randomness.  `random()` combines two
//! outputs into 53 bits like `genrand_res53`; `getrandbits(k)` fills
//! 32-bit words from least significant up, shifting the last one right.
//! `getstate()` is the 624 state words plus the index as a tuple.

use std::cell::{Cell, RefCell};
use std::io::Read;

use num_bigint::{BigInt, Sign};
use num_traits::Signed;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::float::float_ref;
use crate::types::int::{int_from_bigint, int_from_i64, is_int, to_bigint};
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

crate::py_payload! {
    /// Generator state: 624 words and the next index (624 = regenerate).
    pub struct PyRandom { mt: RefCell<Vec<u32>>, index: Cell<usize> }
}

pub static RANDOM_TYPE: StaticType = StaticType::new();

impl PyPayload for PyRandom {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        RANDOM_TYPE.get()
    }
}

impl PyRandom {
    fn init_genrand(&self, s: u32) {
        let mut mt = self.mt.borrow_mut();
        mt.clear();
        mt.push(s);
        for i in 1..N {
            let prev = mt[i - 1];
            mt.push(
                1_812_433_253u32
                    .wrapping_mul(prev ^ (prev >> 30))
                    .wrapping_add(i as u32),
            );
        }
        self.index.set(N);
    }

    fn init_by_array(&self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mut mt = self.mt.borrow_mut();
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        for _ in 0..N.max(klen) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    fn genrand(&self) -> u32 {
        let mut mt = self.mt.borrow_mut();
        if mt.len() != N {
            mt.resize(N, 0);
        }
        if self.index.get() >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index.set(0);
        }
        let i = self.index.get();
        self.index.set(i + 1);
        let mut y = mt[i];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn random(&self) -> f64 {
        let a = self.genrand() >> 5;
        let b = self.genrand() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }
}

fn rnd(o: &PyRef) -> PyResult<&PyRandom> {
    o.downcast::<PyRandom>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a '_random.Random' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// The little-endian 32-bit words of a non-negative integer.
fn words_of(n: &BigInt) -> Vec<u32> {
    let (_, digits) = n.to_u32_digits();
    if digits.is_empty() { vec![0] } else { digits }
}

fn os_seed() -> Vec<u32> {
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !ok {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        return vec![t as u32, (t >> 32) as u32, std::process::id()];
    }
    buf.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn do_seed(vm: &Vm, r: &PyRandom, arg: Option<&PyRef>) -> PyResult<()> {
    let key = match arg {
        None => os_seed(),
        Some(a) if is_none(a) => os_seed(),
        Some(a) if is_int(a) => words_of(&to_bigint(a).unwrap_or_default().abs()),
        Some(a) => {
            let h = crate::protocol::object::hash(vm, a)?;
            words_of(&BigInt::from(h as u64))
        }
    };
    r.init_by_array(&key);
    Ok(())
}

fn random_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("Random.__new__(X): X is not a type object"))?;
    if std::ptr::eq(t, RANDOM_TYPE.get()) {
        a.no_kwargs("Random")?;
    }
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(type_error(format!(
            "Random() expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let r = PyRandom {
        mt: RefCell::new(vec![0; N]),
        index: Cell::new(N + 1),
    };
    do_seed(vm, &r, pos.first())?;
    Ok(crate::object::alloc_as(t, r))
}

fn m_seed(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.shift();
    rest.no_kwargs("seed")?;
    let args = rest.range("seed", 0, 1)?;
    do_seed(vm, rnd(&a.args[0])?, args.first())?;
    Ok(none())
}

fn m_random(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("Random.random")?;
    Ok(float_ref(rnd(&a.args[0])?.random()))
}

fn m_getrandbits(vm: &Vm, a: Args<'_>) -> PyResult {
    let k = a.shift().one_arg("getrandbits")?;
    let r = rnd(&a.args[0])?;
    let k = crate::types::int::as_ssize(vm, k)?;
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(int_from_i64(0));
    }
    if k <= 32 {
        return Ok(int_from_i64((r.genrand() >> (32 - k)) as i64));
    }
    let words = (k as usize).div_ceil(32);
    if words > (1 << 26) {
        return Err(crate::error::memory_error(""));
    }
    let mut out = Vec::with_capacity(words);
    let mut left = k;
    for _ in 0..words {
        let mut w = r.genrand();
        if left < 32 {
            w >>= 32 - left;
        }
        out.push(w);
        left -= 32;
    }
    Ok(int_from_bigint(BigInt::from_slice(Sign::Plus, &out)))
}

fn m_getstate(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("Random.getstate")?;
    let r = rnd(&a.args[0])?;
    let mut v: Vec<PyRef> =
        r.mt.borrow()
            .iter()
            .map(|&w| int_from_i64(w as i64))
            .collect();
    v.push(int_from_i64(r.index.get() as i64));
    Ok(PyTuple::new_ref(v))
}

fn m_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let st = a.shift().one_arg("setstate")?;
    let r = rnd(&a.args[0])?;
    let t = st
        .downcast::<PyTuple>()
        .ok_or_else(|| type_error("state vector must be a tuple"))?;
    let items = t.as_slice();
    if items.len() != N + 1 {
        return Err(value_error("state vector is the wrong size"));
    }
    let mut mt = Vec::with_capacity(N);
    for x in &items[..N] {
        let v = crate::protocol::number::index(vm, x)?;
        let b = to_bigint(&v).unwrap_or_default();
        let w: u64 = u64::try_from(&b)
            .ok()
            .filter(|&w| w <= u32::MAX as u64)
            .ok_or_else(|| {
                crate::error::overflow_error("Python int too large to convert to C unsigned long")
            })?;
        mt.push(w as u32);
    }
    let idx = crate::types::int::as_ssize(vm, &items[N])?;
    if !(0..=N as i64).contains(&idx) {
        return Err(value_error("invalid state"));
    }
    *r.mt.borrow_mut() = mt;
    r.index.set(idx as usize);
    Ok(none())
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("random", m_random).with_doc("random() -> x in the interval [0, 1)."),
    MethodDef::method("seed", m_seed).with_doc("seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the current time and the process identifier."),
    MethodDef::method("getstate", m_getstate).with_doc("getstate() -> tuple containing the current state."),
    MethodDef::method("setstate", m_setstate).with_doc("setstate(state) -> None.  Restores generator state."),
    MethodDef::method("getrandbits", m_getrandbits).with_doc("getrandbits(k) -> x.  Generates an int with k random bits."),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &RANDOM_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(random_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE,
            doc: Some("Random() -> create a random number generator with its own internal state."),
            ..TypeSpec::new("_random.Random", Layout::of::<PyRandom>())
        },
    )]
}

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "_random",
        Some("Module implements the Mersenne Twister random number generator."),
    );
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    md.set_attr("Random", RANDOM_TYPE.to_ref());
    Ok(m)
}
