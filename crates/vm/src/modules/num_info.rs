//! The numeric facts of the `sys` module: `sys.float_info`,
//! `sys.int_info`, `sys.hash_info` and `sys.float_repr_style`, as CPython
//! 3.11 reports them on a 64-bit IEEE-754 platform.  The field tables below
//! are the single definition; `install` builds the struct sequences.

use crate::error::PyResult;
use crate::types::float::float_ref;
use crate::types::int::{int_from_i64, int_from_u64};
use crate::types::module::PyModule;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// A field value.
enum V {
    F(f64),
    I(i64),
    S(&'static str),
}

static FLOAT_INFO: &[(&str, V)] = &[
    ("max", V::F(f64::MAX)),
    ("max_exp", V::I(f64::MAX_EXP as i64)),
    ("max_10_exp", V::I(f64::MAX_10_EXP as i64)),
    ("min", V::F(f64::MIN_POSITIVE)),
    ("min_exp", V::I(f64::MIN_EXP as i64)),
    ("min_10_exp", V::I(f64::MIN_10_EXP as i64)),
    ("dig", V::I(f64::DIGITS as i64)),
    ("mant_dig", V::I(f64::MANTISSA_DIGITS as i64)),
    ("epsilon", V::F(f64::EPSILON)),
    ("radix", V::I(f64::RADIX as i64)),
    ("rounds", V::I(1)),
];

static INT_INFO: &[(&str, V)] = &[
    ("bits_per_digit", V::I(30)),
    ("sizeof_digit", V::I(4)),
    (
        "default_max_str_digits",
        V::I(crate::types::int::MAX_STR_DIGITS as i64),
    ),
    ("str_digits_check_threshold", V::I(640)),
];

static HASH_INFO: &[(&str, V)] = &[
    ("width", V::I(64)),
    ("modulus", V::I(crate::runtime::hash::MODULUS as i64)),
    ("inf", V::I(crate::runtime::hash::HASH_INF)),
    ("nan", V::I(0)),
    ("imag", V::I(1000003)),
    ("algorithm", V::S("siphash13")),
    ("hash_bits", V::I(64)),
    ("seed_bits", V::I(128)),
    ("cutoff", V::I(0)),
];

fn value(v: &V) -> PyRef {
    match v {
        V::F(f) => float_ref(*f),
        V::I(i) if *i >= 0 => int_from_u64(*i as u64),
        V::I(i) => int_from_i64(*i),
        V::S(s) => PyStr::new_ref(s),
    }
}

fn struct_seq(vm: &Vm, name: &str, table: &[(&str, V)]) -> PyResult {
    let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
    let t = crate::types::structseq::make_type(vm, "sys", name, &names)?;
    crate::types::structseq::new_instance(vm, &t, table.iter().map(|(_, v)| value(v)).collect())
}

/// Sets `float_info`, `int_info`, `hash_info` and `float_repr_style` on
/// the `sys` module.
pub fn install(vm: &Vm, sys: &PyModule) -> PyResult<()> {
    sys.set_attr("float_info", struct_seq(vm, "float_info", FLOAT_INFO)?);
    sys.set_attr("int_info", struct_seq(vm, "int_info", INT_INFO)?);
    sys.set_attr("hash_info", struct_seq(vm, "hash_info", HASH_INFO)?);
    sys.set_attr("float_repr_style", PyStr::new_ref("short"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sys_number_facts() {
        let vm = Vm::new(crate::vm::Config::default());
        let m = PyModule::new_ref("sys", None);
        let md = m.downcast::<PyModule>().unwrap();
        install(&vm, md).unwrap();
        let r =
            |n: &str| crate::protocol::object::repr_string(&vm, &md.get_attr(n).unwrap()).unwrap();
        assert_eq!(
            r("float_info"),
            "sys.float_info(max=1.7976931348623157e+308, max_exp=1024, max_10_exp=308, min=2.2250738585072014e-308, min_exp=-1021, min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2, rounds=1)"
        );
        assert_eq!(
            r("hash_info"),
            "sys.hash_info(width=64, modulus=2305843009213693951, inf=314159, nan=0, imag=1000003, algorithm='siphash13', hash_bits=64, seed_bits=128, cutoff=0)"
        );
        assert_eq!(
            r("int_info"),
            "sys.int_info(bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300, str_digits_check_threshold=640)"
        );
    }
}
