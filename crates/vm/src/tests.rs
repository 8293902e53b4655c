//! Unit tests of the object model (phase 1): values, types, slots,
//! containers, hashing, the cycle collector and deep deallocation.

use crate::args::Args;
use crate::protocol::{call, object as proto};
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::{Config, Vm};

fn vm() -> Box<Vm> {
    Vm::new(Config::default())
}

fn s(x: &str) -> PyRef {
    PyStr::new_ref(x)
}

fn repr(vm: &Vm, o: &PyRef) -> String {
    proto::repr_string(vm, o).unwrap()
}

#[test]
fn ints_and_overflow() {
    let vm = vm();
    let a = int_from_i64(crate::value::SMALL_MAX);
    let b = crate::protocol::number::binary_op(
        &vm,
        &a,
        &int_from_i64(1),
        taipan_bytecode::BinaryOp::Add,
    )
    .unwrap();
    assert!(!b.is_small());
    assert_eq!(repr(&vm, &b), "4611686018427387904");
    let c = crate::protocol::number::binary_op(
        &vm,
        &b,
        &int_from_i64(1),
        taipan_bytecode::BinaryOp::Subtract,
    )
    .unwrap();
    assert_eq!(c.as_small(), Some(crate::value::SMALL_MAX));
    let d = crate::protocol::number::binary_op(
        &vm,
        &int_from_i64(7),
        &int_from_i64(-2),
        taipan_bytecode::BinaryOp::FloorDivide,
    )
    .unwrap();
    assert_eq!(d.as_small(), Some(-4));
    let e = crate::protocol::number::binary_op(
        &vm,
        &int_from_i64(1),
        &s("x"),
        taipan_bytecode::BinaryOp::Add,
    )
    .unwrap_err();
    assert_eq!(
        proto::str_string(&vm, e.value()).unwrap(),
        "unsupported operand type(s) for +: 'int' and 'str'"
    );
}

#[test]
fn containers_repr() {
    let vm = vm();
    let l = PyList::new_ref(vec![
        int_from_i64(1),
        s("a'b"),
        crate::types::float::float_ref(1e16),
    ]);
    assert_eq!(repr(&vm, &l), "[1, \"a'b\", 1e+16]");
    let d = PyDict::new_ref();
    let dd = d.downcast::<PyDict>().unwrap();
    dd.set_item(&vm, s("k"), l.clone()).unwrap();
    dd.set_item(&vm, int_from_i64(2), crate::types::none::none())
        .unwrap();
    assert_eq!(repr(&vm, &d), "{'k': [1, \"a'b\", 1e+16], 2: None}");
    // self-reference
    l.downcast::<PyList>().unwrap().push(l.clone());
    assert_eq!(repr(&vm, &l), "[1, \"a'b\", 1e+16, [...]]");
    l.downcast::<PyList>().unwrap().items.borrow_mut().clear();
}

#[test]
fn method_calls_and_errors() {
    let vm = vm();
    let l = PyList::new_ref(vec![]);
    let append = proto::get_attr_str(&vm, &l, "append").unwrap();
    call::call_pos(&vm, &append, &[int_from_i64(5)]).unwrap();
    assert_eq!(repr(&vm, &l), "[5]");
    let e = call::call_pos(&vm, &append, &[]).unwrap_err();
    assert_eq!(
        proto::str_string(&vm, e.value()).unwrap(),
        "list.append() takes exactly one argument (0 given)"
    );
    let e = proto::hash(&vm, &l).unwrap_err();
    assert_eq!(
        proto::str_string(&vm, e.value()).unwrap(),
        "unhashable type: 'list'"
    );
    // int.__add__ slot wrapper
    let add = proto::get_attr_str(&vm, &crate::types::int::INT_TYPE.to_ref(), "__add__").unwrap();
    let r = call::call_pos(&vm, &add, &[int_from_i64(2), int_from_i64(3)]).unwrap();
    assert_eq!(r.as_small(), Some(5));
    assert_eq!(repr(&vm, &add), "<slot wrapper '__add__' of 'int' objects>");
}

#[test]
fn heap_class_with_dunder_slot() {
    let vm = vm();
    // class C: __len__ = <builtin returning 3 via list.__len__ of a 3-list>
    let obj_t = crate::types::object::OBJECT_TYPE.to_ref();
    let t = crate::object::typeobj::new_heap_type(
        crate::types::type_::TYPE_TYPE.get(),
        "C",
        vec![obj_t],
        &[(s("__module__"), s("__main__"))],
    )
    .unwrap();
    let inst = call::call_pos(&vm, &t, &[]).unwrap();
    assert!(repr(&vm, &inst).starts_with("<__main__.C object at 0x"));
    proto::set_attr(&vm, &inst, &s("x"), &int_from_i64(1)).unwrap();
    assert_eq!(
        proto::get_attr_str(&vm, &inst, "x").unwrap().as_small(),
        Some(1)
    );
    let e = proto::get_attr_str(&vm, &inst, "y").unwrap_err();
    assert_eq!(
        proto::str_string(&vm, e.value()).unwrap(),
        "'C' object has no attribute 'y'"
    );
    // assigning a dunder updates the slot
    assert!(inst.class().slots().mp_len.is_none());
    let len_of_list =
        proto::get_attr_str(&vm, &crate::types::list::LIST_TYPE.to_ref(), "__len__").unwrap();
    proto::set_attr(&vm, &t, &s("__len__"), &len_of_list).unwrap();
    assert!(inst.class().slots().mp_len.is_some());
    // __dict__ materialization
    let d = proto::get_attr_str(&vm, &inst, "__dict__").unwrap();
    assert_eq!(repr(&vm, &d), "{'x': 1}");
}

#[test]
fn str_hash_matches_cpython_seed0() {
    // Only meaningful when the test process runs with PYTHONHASHSEED=0.
    if std::env::var("PYTHONHASHSEED").as_deref() == Ok("0") {
        assert_eq!(
            PyStr::new_ref("abc").downcast::<PyStr>().unwrap().hash(),
            -4594863902769663758
        );
    }
}

#[test]
fn gc_collects_cycles() {
    let vm = vm();
    crate::gc::collect();
    let a = PyList::new_ref(vec![]);
    let b = PyList::new_ref(vec![a.clone()]);
    a.downcast::<PyList>().unwrap().push(b.clone());
    drop(a);
    drop(b);
    let n = crate::gc::collect();
    assert!(n >= 2, "collected {n}");
    let _ = &vm;
}

#[test]
fn deep_nesting_dealloc_does_not_overflow() {
    let _vm = vm();
    let mut cur = PyList::new_ref(vec![]);
    for _ in 0..1_000_000 {
        cur = PyList::new_ref(vec![cur]);
    }
    drop(cur);
}

#[test]
fn set_order_matches_cpython() {
    let vm = vm();
    let st = crate::types::set::new_set();
    let sp = st.downcast::<crate::types::set::PySet>().unwrap();
    for i in [5i64, 3, 100, 8, 1 << 40, -1] {
        sp.add(&vm, int_from_i64(i)).unwrap();
    }
    assert_eq!(repr(&vm, &st), "{1099511627776, 3, 100, 5, 8, -1}");
    let _ = Args::pos(&[]);
}
