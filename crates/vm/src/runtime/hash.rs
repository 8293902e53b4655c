//! CPython-compatible hashing: SipHash-1-3 over the string's code units
//! (1, 2 or 4 bytes each, by its widest character, as CPython stores it)
//! with the secret derived from `PYTHONHASHSEED` exactly as CPython derives
//! it, and the numeric hash (`x mod 2**61-1`) for int and float.

use std::hash::Hasher;
use std::sync::OnceLock;

use siphasher::sip::SipHasher13;

/// `sys.hash_info.modulus`.
pub const MODULUS: u64 = (1 << 61) - 1;
pub const HASH_INF: i64 = 314159;
pub const HASH_BITS: u32 = 61;

static SECRET: OnceLock<(u64, u64)> = OnceLock::new();

/// CPython's `lcg_urandom`.
fn lcg(seed: u32, out: &mut [u8]) {
    let mut x = seed;
    for b in out.iter_mut() {
        x = x.wrapping_mul(214013).wrapping_add(2531011);
        *b = ((x >> 16) & 0xff) as u8;
    }
}

fn secret() -> (u64, u64) {
    *SECRET.get_or_init(|| {
        let mut buf = [0u8; 24];
        match std::env::var("PYTHONHASHSEED")
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
        {
            Some(0) => {}
            Some(n) => lcg(n, &mut buf),
            None => {
                use std::io::Read;
                if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
                    let _ = f.read_exact(&mut buf);
                }
            }
        }
        let k0 = u64::from_le_bytes(buf[0..8].try_into().unwrap_or([0; 8]));
        let k1 = u64::from_le_bytes(buf[8..16].try_into().unwrap_or([0; 8]));
        (k0, k1)
    })
}

/// Forces the secret to be initialized from the environment now (the CLI
/// calls this with `-E`/`-I` semantics handled by clearing the variable).
pub fn init_secret() {
    let _ = secret();
}

/// Hash of raw bytes (`bytes`, or a string's code units).
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let (k0, k1) = secret();
    let mut h = SipHasher13::new_with_keys(k0, k1);
    h.write(data);
    let x = h.finish() as i64;
    if x == -1 { -2 } else { x }
}

/// Hash of a string given its code points (CPython's representation: the
/// narrowest of UCS-1/2/4 that holds every character).
pub fn hash_code_points(cps: impl Iterator<Item = u32> + Clone, ascii: bool, utf8: &[u8]) -> i64 {
    if ascii {
        return hash_bytes(utf8);
    }
    let max = cps.clone().max().unwrap_or(0);
    let mut buf: Vec<u8> = Vec::new();
    if max < 256 {
        buf.extend(cps.map(|c| c as u8));
    } else if max < 65536 {
        for c in cps {
            buf.extend_from_slice(&(c as u16).to_le_bytes());
        }
    } else {
        for c in cps {
            buf.extend_from_slice(&c.to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

/// Hash of a machine integer.
#[inline]
pub fn hash_i64(v: i64) -> i64 {
    let r = if v >= 0 {
        (v as u64 % MODULUS) as i64
    } else {
        -((v.unsigned_abs() % MODULUS) as i64)
    };
    if r == -1 { -2 } else { r }
}

/// Hash of a big integer.
pub fn hash_bigint(v: &num_bigint::BigInt) -> i64 {
    use num_bigint::Sign;
    let (sign, digits) = v.to_u64_digits();
    // Horner over 64-bit digits, mod 2**61-1.
    let mut acc: u128 = 0;
    for d in digits.iter().rev() {
        acc = ((acc << 64) | *d as u128) % MODULUS as u128;
    }
    let r = acc as i64;
    let r = if sign == Sign::Minus { -r } else { r };
    if r == -1 { -2 } else { r }
}

/// CPython's `_Py_HashDouble` (`identity` is used for NaN).
pub fn hash_f64(v: f64, identity: i64) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return identity;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS as i32
    } else {
        HASH_BITS as i32 - 1 - ((-1 - e) % HASH_BITS as i32)
    };
    x = ((x << e) & MODULUS) | (x >> (HASH_BITS as i32 - e));
    let r = x as i64 * sign;
    if r == -1 { -2 } else { r }
}

/// `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1`.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_f64(1.5, 0), 1152921504606846977);
        assert_eq!(hash_f64(-2.5, 0), -1152921504606846978);
        assert_eq!(hash_f64(1e100, 0), 1822893315824342674);
        assert_eq!(hash_bigint(&num_bigint::BigInt::from(1u128 << 70)), 512);
    }
}
