//! Unit tests for the container types (list, tuple, dict, set, range,
//! slice, iterators): each expectation was produced by CPython 3.11.7.

use crate::error::PyResult;
use crate::protocol::{call, object as proto};
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::{Config, Vm};

fn vm() -> Box<Vm> {
    Vm::new(Config::default())
}

/// The repr of a result, or `Type: message` for an exception.
fn show(vm: &Vm, r: PyResult) -> String {
    match r {
        Ok(v) => proto::repr_string(vm, &v).unwrap_or_else(|_| "<repr failed>".into()),
        Err(e) => {
            let msg = proto::str_string(vm, e.value()).unwrap_or_default();
            format!("{}: {}", e.value().class().name(), msg)
        }
    }
}

fn i(v: i64) -> PyRef {
    int_from_i64(v)
}

fn ints(v: &[i64]) -> Vec<PyRef> {
    v.iter().map(|&x| i(x)).collect()
}

fn set_of(vm: &Vm, v: &[i64]) -> PyRef {
    crate::types::set::set_from_iterable(vm, &PyList::new_ref(ints(v))).unwrap()
}

fn m(vm: &Vm, o: &PyRef, name: &str, args: &[PyRef]) -> PyResult {
    call::call_method(vm, o, name, args)
}

fn op(vm: &Vm, a: &PyRef, b: &PyRef, o: taipan_bytecode::BinaryOp) -> PyResult {
    crate::protocol::number::binary_op(vm, a, b, o)
}

#[test]
fn set_order_and_operations_match_cpython() {
    use taipan_bytecode::BinaryOp as B;
    let vm = vm();
    let vm = &*vm;
    // reuse of the last dummy on the probe path
    let s = set_of(vm, &[0, 8, 16, 3]);
    m(vm, &s, "discard", &[i(8)]).unwrap();
    m(vm, &s, "discard", &[i(16)]).unwrap();
    m(vm, &s, "add", &[i(24)]).unwrap();
    assert_eq!(show(vm, Ok(s)), "{0, 3, 24}");
    let a = set_of(vm, &[1, 2, 3, 9, 17]);
    let b = set_of(vm, &[3, 4, 25, 33]);
    assert_eq!(show(vm, op(vm, &a, &b, B::Xor)), "{1, 33, 4, 2, 9, 17, 25}");
    assert_eq!(show(vm, op(vm, &b, &a, B::Xor)), "{1, 2, 33, 17, 4, 9, 25}");
    let s = set_of(vm, &[5, 13, 21, 1, 29]);
    let pops: Vec<String> = (0..3).map(|_| show(vm, m(vm, &s, "pop", &[]))).collect();
    assert_eq!(pops, ["1", "5", "13"]);
    assert_eq!(show(vm, Ok(s)), "{21, 29}");
    let r: Vec<i64> = (0..20).collect();
    let a = set_of(vm, &r);
    let evens: Vec<i64> = (0..20).step_by(2).collect();
    let a2 = op(vm, &a, &set_of(vm, &evens), B::InplaceSubtract).unwrap();
    assert_eq!(show(vm, Ok(a2)), "{1, 3, 5, 7, 9, 11, 13, 15, 17, 19}");
    let a = set_of(vm, &r);
    let thirds: Vec<i64> = (0..20).step_by(3).collect();
    m(
        vm,
        &a,
        "difference_update",
        &[PyList::new_ref(ints(&thirds))],
    )
    .unwrap();
    assert_eq!(
        show(vm, Ok(a)),
        "{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19}"
    );
    let a = set_of(vm, &[1, 2, 3, 100, 200, 300]);
    let b = set_of(vm, &[300, 3, 7, 100]);
    assert_eq!(show(vm, op(vm, &a, &b, B::And)), "{3, 100, 300}");
    assert_eq!(show(vm, op(vm, &b, &a, B::And)), "{3, 100, 300}");
    let a = set_of(vm, &[1, 2, 3]);
    let d = crate::types::dict::PyDict::new_ref();
    for k in [2, 9, 64] {
        proto::set_item(vm, &d, &i(k), &i(1)).unwrap();
    }
    m(vm, &a, "symmetric_difference_update", &[d]).unwrap();
    assert_eq!(show(vm, Ok(a)), "{64, 1, 3, 9}");
    let s = crate::types::set::new_set();
    for k in 0..10 {
        m(vm, &s, "add", &[i(k * 8)]).unwrap();
    }
    assert_eq!(show(vm, Ok(s)), "{0, 32, 64, 8, 40, 72, 16, 48, 24, 56}");
}

#[test]
fn set_messages() {
    let vm = vm();
    let vm = &*vm;
    let s = set_of(vm, &[]);
    assert_eq!(
        show(vm, m(vm, &s, "isdisjoint", &[])),
        "TypeError: set.isdisjoint() takes exactly one argument (0 given)"
    );
    assert_eq!(
        show(vm, m(vm, &s, "pop", &[])),
        "KeyError: 'pop from an empty set'"
    );
    assert_eq!(show(vm, m(vm, &s, "remove", &[i(3)])), "KeyError: 3");
    // a set key is looked up as a frozenset
    let inner = set_of(vm, &[1]);
    let f = crate::types::set::frozenset_from_consts(ints(&[1]));
    let outer = crate::types::set::set_from_iterable(vm, &PyList::new_ref(vec![f])).unwrap();
    assert!(proto::contains(vm, &outer, &inner).unwrap());
    m(vm, &outer, "remove", &[inner]).unwrap();
    assert_eq!(show(vm, Ok(outer)), "set()");
}

#[test]
fn hashes_match_cpython() {
    let vm = vm();
    let vm = &*vm;
    let h = |o: &PyRef| proto::hash(vm, o).unwrap();
    assert_eq!(
        h(&crate::types::set::frozenset_from_consts(ints(&[1, 2, 3]))),
        -272375401224217160
    );
    assert_eq!(
        h(&crate::types::set::frozenset_from_consts(vec![])),
        133146708735736
    );
    let r: Vec<i64> = (0..100).collect();
    assert_eq!(
        h(&crate::types::set::frozenset_from_consts(ints(&r))),
        4411996150312757951
    );
    assert_eq!(h(&PyTuple::new_ref(ints(&[1, 2, 3]))), 529344067295497451);
    assert_eq!(h(&PyTuple::new_ref(vec![])), 5740354900026072187);
    let t = PyTuple::new_ref(vec![i(1), PyTuple::new_ref(ints(&[2, 3])), i(-1)]);
    assert_eq!(h(&t), -4691468712706788113);
}

#[test]
fn list_sort_protocol() {
    let vm = vm();
    let vm = &*vm;
    let l = PyList::new_ref(ints(&[3, 1, 2, 1]));
    crate::types::list::sort_list(vm, &l, None, true).unwrap();
    assert_eq!(show(vm, Ok(l.clone())), "[3, 2, 1, 1]");
    // key=str: '10' < '9'
    let l = PyList::new_ref(ints(&[9, 10, 1]));
    crate::types::list::sort_list(vm, &l, Some(&crate::types::str::STR_TYPE.to_ref()), false)
        .unwrap();
    assert_eq!(show(vm, Ok(l)), "[1, 10, 9]");
    // mixed types raise and leave the list a permutation
    let l = PyList::new_ref(vec![i(1), PyStr::new_ref("a"), i(0)]);
    let e = crate::types::list::sort_list(vm, &l, None, false);
    assert_eq!(
        show(vm, e.map(|_| crate::types::none::none())),
        "TypeError: '<' not supported between instances of 'str' and 'int'"
    );
    assert_eq!(l.downcast::<PyList>().unwrap().len(), 3);
}

#[test]
fn list_messages() {
    let vm = vm();
    let vm = &*vm;
    let l = PyList::new_ref(ints(&[1, 2, 3]));
    assert_eq!(
        show(vm, m(vm, &l, "index", &[i(7)])),
        "ValueError: 7 is not in list"
    );
    assert_eq!(
        show(vm, m(vm, &l, "remove", &[i(7)])),
        "ValueError: list.remove(x): x not in list"
    );
    assert_eq!(
        show(vm, m(vm, &PyList::new_ref(vec![]), "pop", &[])),
        "IndexError: pop from empty list"
    );
    assert_eq!(
        show(vm, m(vm, &l, "pop", &[i(5)])),
        "IndexError: pop index out of range"
    );
    assert_eq!(
        show(vm, m(vm, &l, "insert", &[i(5)])),
        "TypeError: insert expected 2 arguments, got 1"
    );
    let sl = crate::types::slice::PySlice::new_ref(
        crate::types::none::none(),
        crate::types::none::none(),
        i(2),
    );
    let e = proto::set_item(vm, &l, &sl, &PyList::new_ref(ints(&[1, 2, 3])))
        .map(|_| crate::types::none::none());
    assert_eq!(
        show(vm, e),
        "ValueError: attempt to assign sequence of size 3 to extended slice of size 2"
    );
    let e = proto::set_item(vm, &l, &sl, &i(5)).map(|_| crate::types::none::none());
    assert_eq!(
        show(vm, e),
        "TypeError: must assign iterable to extended slice"
    );
    let sl1 = crate::types::slice::PySlice::new_ref(i(0), i(1), crate::types::none::none());
    let e = proto::set_item(vm, &l, &sl1, &i(5)).map(|_| crate::types::none::none());
    assert_eq!(show(vm, e), "TypeError: can only assign an iterable");
    let e = proto::set_item(vm, &l, &i(10), &i(5)).map(|_| crate::types::none::none());
    assert_eq!(
        show(vm, e),
        "IndexError: list assignment index out of range"
    );
}

fn dict_of(vm: &Vm, pairs: &[(i64, i64)]) -> PyRef {
    let d = crate::types::dict::PyDict::new_ref();
    for &(k, v) in pairs {
        proto::set_item(vm, &d, &i(k), &i(v)).unwrap();
    }
    d
}

#[test]
fn dict_views_and_messages() {
    use taipan_bytecode::BinaryOp as B;
    let vm = vm();
    let vm = &*vm;
    let d1 = dict_of(vm, &[(1, 2), (3, 4)]);
    let d2 = dict_of(vm, &[(3, 4), (5, 6)]);
    let i1 = m(vm, &d1, "items", &[]).unwrap();
    let i2 = m(vm, &d2, "items", &[]).unwrap();
    assert_eq!(show(vm, op(vm, &i1, &i2, B::Xor)), "{(1, 2), (5, 6)}");
    let k1 = m(vm, &d1, "keys", &[]).unwrap();
    assert_eq!(show(vm, op(vm, &k1, &set_of(vm, &[1, 2]), B::And)), "{1}");
    assert_eq!(
        show(vm, op(vm, &k1, &PyList::new_ref(ints(&[1, 7])), B::Xor)),
        "{3, 7}"
    );
    assert_eq!(
        show(vm, m(vm, &k1, "isdisjoint", &[PyList::new_ref(ints(&[2]))])),
        "True"
    );
    assert_eq!(
        show(vm, proto::get_attr_str(vm, &k1, "mapping")),
        "mappingproxy({1: 2, 3: 4})"
    );
    let r = crate::builtins::iters::REVERSED_TYPE.to_ref();
    let rv = call::call_pos(vm, &r, &[k1.clone()]).unwrap();
    assert_eq!(
        show(
            vm,
            Ok(PyList::new_ref(
                crate::protocol::iter::collect(vm, &rv).unwrap()
            ))
        ),
        "[3, 1]"
    );
    assert_eq!(
        show(
            vm,
            m(vm, &crate::types::dict::PyDict::new_ref(), "popitem", &[])
        ),
        "KeyError: 'popitem(): dictionary is empty'"
    );
    let bad = PyList::new_ref(vec![PyTuple::new_ref(ints(&[1, 2, 3]))]);
    assert_eq!(
        show(vm, m(vm, &d1, "update", &[bad])),
        "ValueError: dictionary update sequence element #0 has length 3; 2 is required"
    );
    assert_eq!(
        show(vm, proto::get_item(vm, &d1, &PyStr::new_ref("k"))),
        "KeyError: 'k'"
    );
    assert_eq!(
        show(
            vm,
            proto::rich_compare(
                vm,
                &d1,
                &dict_of(vm, &[(3, 4), (1, 2)]),
                taipan_bytecode::CompareOp::Eq
            )
        ),
        "True"
    );
}

#[test]
fn site_builtins_and_async_iteration() {
    let vm = vm();
    let vm = &*vm;
    let b = vm.builtins_dict();
    let get = |n: &str| {
        b.downcast::<crate::types::dict::PyDict>()
            .and_then(|d| d.get_rust_str(n))
            .unwrap()
    };
    assert_eq!(
        proto::repr_string(vm, &get("exit")).unwrap(),
        "Use exit() or Ctrl-D (i.e. EOF) to exit"
    );
    assert_eq!(
        proto::repr_string(vm, &get("quit")).unwrap(),
        "Use quit() or Ctrl-D (i.e. EOF) to exit"
    );
    assert_eq!(
        proto::repr_string(vm, &get("help")).unwrap(),
        "Type help() for interactive help, or help(object) for help about object."
    );
    assert!(
        proto::repr_string(vm, &get("credits"))
            .unwrap()
            .starts_with("    Thanks to CWI, CNRI")
    );
    assert_eq!(get("exit").class().name(), "Quitter");
    let e = call::call_pos(vm, &get("exit"), &[i(3)]).unwrap_err();
    assert_eq!(show(vm, Err(e.clone())), "SystemExit: 3");
    assert_eq!(
        show(vm, call::call_pos(vm, &get("aiter"), &[i(1)])),
        "TypeError: 'int' object is not an async iterable"
    );
    assert_eq!(
        show(vm, call::call_pos(vm, &get("anext"), &[i(1)])),
        "TypeError: 'int' object is not an async iterator"
    );
    assert_eq!(
        show(vm, call::call_pos(vm, &get("anext"), &[])),
        "TypeError: anext expected at least 1 argument, got 0"
    );
}

#[test]
fn weak_references() {
    use crate::types::weakref as wr;
    let vm = vm();
    let vm = &*vm;
    let reft = wr::REF_TYPE.to_ref();
    let s = set_of(vm, &[1, 2]);
    let r0 = call::call_pos(vm, &reft, &[s.clone()]).unwrap();
    assert!(
        call::call_pos(vm, &reft, &[s.clone()]).unwrap().is(&r0),
        "basic ref is reused"
    );
    assert!(call::call_pos(vm, &r0, &[]).unwrap().is(&s));
    assert_eq!(
        proto::hash(vm, &r0).unwrap_err().value().class().name(),
        "TypeError"
    ); // sets are unhashable
    let log = PyList::new_ref(vec![]);
    let append = proto::get_attr_str(vm, &log, "append").unwrap();
    let r1 = call::call_pos(vm, &reft, &[s.clone(), append.clone()]).unwrap();
    let r2 = call::call_pos(vm, &reft, &[s.clone(), append.clone()]).unwrap();
    assert_eq!(wr::weakref_count(&s), 3);
    let p = wr::new_proxy(&s, None).unwrap();
    assert_eq!(proto::len(vm, &p).unwrap(), 2);
    assert!(
        proto::repr_string(vm, &p)
            .unwrap()
            .starts_with("<weakproxy at 0x")
    );
    assert!(
        proto::repr_string(vm, &r0)
            .unwrap()
            .contains("; to 'set' at 0x")
    );
    drop(s);
    // callbacks ran newest first, each with its weakref
    let got = log.downcast::<PyList>().unwrap().to_vec();
    assert_eq!(got.len(), 2);
    assert!(got[0].is(&r2) && got[1].is(&r1));
    assert!(crate::types::none::is_none(
        &call::call_pos(vm, &r0, &[]).unwrap()
    ));
    assert!(proto::repr_string(vm, &r0).unwrap().ends_with("; dead>"));
    assert_eq!(
        show(vm, proto::len(vm, &p).map(|n| i(n as i64))),
        "ReferenceError: weakly-referenced object no longer exists"
    );
    assert_eq!(
        show(vm, proto::hash(vm, &r0).map(i)),
        "TypeError: weak object has gone away"
    );
    // a weakref that dies first never calls back
    let s2 = set_of(vm, &[3]);
    let r3 = call::call_pos(vm, &reft, &[s2.clone(), append]).unwrap();
    drop(r3);
    drop(s2);
    assert_eq!(log.downcast::<PyList>().unwrap().len(), 2);
    assert_eq!(
        show(vm, call::call_pos(vm, &reft, &[PyList::new_ref(vec![])])),
        "TypeError: cannot create weak reference to 'list' object"
    );
    assert_eq!(
        show(vm, call::call_pos(vm, &reft, &[i(1)])),
        "TypeError: cannot create weak reference to 'int' object"
    );
    // equality compares live referents, hashing uses the referent's hash
    let f = crate::types::set::frozenset_from_consts(ints(&[7]));
    let a1 = call::call_pos(vm, &reft, &[f.clone()]).unwrap();
    let noop = proto::get_attr_str(vm, &PyList::new_ref(vec![]), "append").unwrap();
    let a2 = call::call_pos(vm, &reft, &[f.clone(), noop]).unwrap();
    assert!(proto::eq(vm, &a1, &a2).unwrap());
    assert_eq!(proto::hash(vm, &a1).unwrap(), proto::hash(vm, &f).unwrap());
}
