//! Type slots: the table of protocol entry points every type object carries.
//!
//! Defined once, in the `define_slots!` table below: for each slot, its Rust
//! signature, the dunder names that map to it, the *dispatcher* used when a
//! Python class defines one of those dunders, and the *wrappers* that expose
//! a native slot as a Python-visible method (`int.__add__`,
//! `list.__len__`).
//!
//! A type has two slot sets: `native` (what a builtin type implements in Rust,
//! fixed; empty for Python classes) and the effective `slots` used by the
//! protocols.  The effective value of a slot is recomputed by
//! [`update_slot`]: resolve the slot's dunders through the MRO; if they all
//! resolve to the wrapper of one builtin type's native slot, use that native
//! function directly (no Python-level call); else if any resolves, use the
//! dispatcher (which calls the dunder); else leave it empty.  Assigning a
//! dunder on a class reruns this for the class and all its subclasses.

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::PyResult;
use crate::object::slot_dispatch as d;
use crate::object::slot_wrappers as w;
use crate::object::{Obj, PyType};
use crate::value::PyRef;
use crate::vm::Vm;

pub type UnaryFn = fn(&Vm, &PyRef) -> PyResult;
pub type BinaryFn = fn(&Vm, &PyRef, &PyRef) -> PyResult;
pub type TernaryFn = fn(&Vm, &PyRef, &PyRef, &PyRef) -> PyResult;
pub type InquiryFn = fn(&Vm, &PyRef) -> PyResult<bool>;
pub type LenFn = fn(&Vm, &PyRef) -> PyResult<usize>;
pub type HashFn = fn(&Vm, &PyRef) -> PyResult<i64>;
pub type RichCmpFn = fn(&Vm, &PyRef, &PyRef, CompareOp) -> PyResult;
pub type IterNextFn = fn(&Vm, &PyRef) -> PyResult<Option<PyRef>>;
pub type CallFn = fn(&Vm, &PyRef, Args<'_>) -> PyResult;
pub type GetattroFn = fn(&Vm, &PyRef, &PyRef) -> PyResult;
pub type SetattroFn = fn(&Vm, &PyRef, &PyRef, Option<&PyRef>) -> PyResult<()>;
pub type DescrGetFn = fn(&Vm, &PyRef, Option<&PyRef>, Option<&PyRef>) -> PyResult;
pub type DescrSetFn = fn(&Vm, &PyRef, &PyRef, Option<&PyRef>) -> PyResult<()>;
pub type SetItemFn = fn(&Vm, &PyRef, &PyRef, Option<&PyRef>) -> PyResult<()>;
pub type ContainsFn = fn(&Vm, &PyRef, &PyRef) -> PyResult<bool>;
pub type NewFn = fn(&Vm, &PyRef, Args<'_>) -> PyResult;
pub type InitFn = fn(&Vm, &PyRef, Args<'_>) -> PyResult<()>;
pub type DelFn = fn(&Vm, &PyRef) -> PyResult<()>;

/// Calls a native slot on behalf of a Python-visible wrapper method.
pub type WrapperFn = fn(&Vm, &Slots, Args<'_>) -> PyResult;

/// One row of the slot table.
pub struct SlotDef {
    pub field: &'static str,
    /// `(dunder, wrapper)` pairs.
    pub dunders: &'static [(&'static str, WrapperFn)],
    update: fn(&Obj<PyType>, u8),
    is_set: fn(&Slots) -> bool,
}

macro_rules! define_slots {
    ($( $field:ident : $fty:ty => $disp:expr, [ $( $d:literal => $wrap:expr ),* ] ; )*) => {
        /// A set of slot function pointers (see the module documentation).
        #[derive(Clone, Copy, Default)]
        pub struct Slots { $( pub $field: Option<$fty>, )* }

        impl Slots {
            pub const EMPTY: Slots = Slots { $( $field: None, )* };
        }

        /// The slot table, one row per slot.
        pub static SLOT_TABLE: &[SlotDef] = &[ $(
            SlotDef {
                field: stringify!($field),
                dunders: &[ $( ($d, $wrap) ),* ],
                update: |ty, idx| {
                    let v: Option<$fty> = match resolve(ty, idx) {
                        Resolved::Nothing => None,
                        Resolved::Native(owner) => owner.as_type().and_then(|t| t.native.$field),
                        Resolved::Dispatch => Some($disp),
                    };
                    // SAFETY: slot updates happen only from type creation and
                    // type attribute assignment, never while a slot is borrowed.
                    unsafe { ty.slots_mut().$field = v; }
                },
                is_set: |s| s.$field.is_some(),
            },
        )* ];
    };
}

define_slots! {
    repr: UnaryFn => d::repr, ["__repr__" => w::repr];
    str: UnaryFn => d::str, ["__str__" => w::str];
    hash: HashFn => d::hash, ["__hash__" => w::hash];
    call: CallFn => d::call, ["__call__" => w::call];
    getattro: GetattroFn => d::getattro, ["__getattribute__" => w::getattribute, "__getattr__" => w::getattribute];
    setattro: SetattroFn => d::setattro, ["__setattr__" => w::setattr, "__delattr__" => w::delattr];
    richcompare: RichCmpFn => d::richcompare, [
        "__lt__" => w::lt, "__le__" => w::le, "__eq__" => w::eq,
        "__ne__" => w::ne, "__gt__" => w::gt, "__ge__" => w::ge];
    iter: UnaryFn => d::iter, ["__iter__" => w::iter];
    iternext: IterNextFn => d::iternext, ["__next__" => w::next];
    descr_get: DescrGetFn => d::descr_get, ["__get__" => w::descr_get];
    descr_set: DescrSetFn => d::descr_set, ["__set__" => w::descr_set, "__delete__" => w::descr_delete];
    init: InitFn => d::init, ["__init__" => w::init];
    new: NewFn => d::new, ["__new__" => w::new];
    del: DelFn => d::del, ["__del__" => w::del];
    nb_bool: InquiryFn => d::nb_bool, ["__bool__" => w::nb_bool];
    nb_index: UnaryFn => d::nb_index, ["__index__" => w::nb_index];
    nb_int: UnaryFn => d::nb_int, ["__int__" => w::nb_int];
    nb_float: UnaryFn => d::nb_float, ["__float__" => w::nb_float];
    nb_neg: UnaryFn => d::nb_neg, ["__neg__" => w::nb_neg];
    nb_pos: UnaryFn => d::nb_pos, ["__pos__" => w::nb_pos];
    nb_invert: UnaryFn => d::nb_invert, ["__invert__" => w::nb_invert];
    nb_abs: UnaryFn => d::nb_abs, ["__abs__" => w::nb_abs];
    nb_add: BinaryFn => d::nb_add, ["__add__" => w::nb_add_l, "__radd__" => w::nb_add_r];
    nb_sub: BinaryFn => d::nb_sub, ["__sub__" => w::nb_sub_l, "__rsub__" => w::nb_sub_r];
    nb_mul: BinaryFn => d::nb_mul, ["__mul__" => w::nb_mul_l, "__rmul__" => w::nb_mul_r];
    nb_matmul: BinaryFn => d::nb_matmul, ["__matmul__" => w::nb_matmul_l, "__rmatmul__" => w::nb_matmul_r];
    nb_truediv: BinaryFn => d::nb_truediv, ["__truediv__" => w::nb_truediv_l, "__rtruediv__" => w::nb_truediv_r];
    nb_floordiv: BinaryFn => d::nb_floordiv, ["__floordiv__" => w::nb_floordiv_l, "__rfloordiv__" => w::nb_floordiv_r];
    nb_mod: BinaryFn => d::nb_mod, ["__mod__" => w::nb_mod_l, "__rmod__" => w::nb_mod_r];
    nb_divmod: BinaryFn => d::nb_divmod, ["__divmod__" => w::nb_divmod_l, "__rdivmod__" => w::nb_divmod_r];
    nb_pow: TernaryFn => d::nb_pow, ["__pow__" => w::nb_pow_l, "__rpow__" => w::nb_pow_r];
    nb_lshift: BinaryFn => d::nb_lshift, ["__lshift__" => w::nb_lshift_l, "__rlshift__" => w::nb_lshift_r];
    nb_rshift: BinaryFn => d::nb_rshift, ["__rshift__" => w::nb_rshift_l, "__rrshift__" => w::nb_rshift_r];
    nb_and: BinaryFn => d::nb_and, ["__and__" => w::nb_and_l, "__rand__" => w::nb_and_r];
    nb_or: BinaryFn => d::nb_or, ["__or__" => w::nb_or_l, "__ror__" => w::nb_or_r];
    nb_xor: BinaryFn => d::nb_xor, ["__xor__" => w::nb_xor_l, "__rxor__" => w::nb_xor_r];
    nb_iadd: BinaryFn => d::nb_iadd, ["__iadd__" => w::nb_iadd];
    nb_isub: BinaryFn => d::nb_isub, ["__isub__" => w::nb_isub];
    nb_imul: BinaryFn => d::nb_imul, ["__imul__" => w::nb_imul];
    nb_imatmul: BinaryFn => d::nb_imatmul, ["__imatmul__" => w::nb_imatmul];
    nb_itruediv: BinaryFn => d::nb_itruediv, ["__itruediv__" => w::nb_itruediv];
    nb_ifloordiv: BinaryFn => d::nb_ifloordiv, ["__ifloordiv__" => w::nb_ifloordiv];
    nb_imod: BinaryFn => d::nb_imod, ["__imod__" => w::nb_imod];
    nb_ipow: BinaryFn => d::nb_ipow, ["__ipow__" => w::nb_ipow];
    nb_ilshift: BinaryFn => d::nb_ilshift, ["__ilshift__" => w::nb_ilshift];
    nb_irshift: BinaryFn => d::nb_irshift, ["__irshift__" => w::nb_irshift];
    nb_iand: BinaryFn => d::nb_iand, ["__iand__" => w::nb_iand];
    nb_ior: BinaryFn => d::nb_ior, ["__ior__" => w::nb_ior];
    nb_ixor: BinaryFn => d::nb_ixor, ["__ixor__" => w::nb_ixor];
    mp_len: LenFn => d::mp_len, ["__len__" => w::mp_len];
    mp_getitem: BinaryFn => d::mp_getitem, ["__getitem__" => w::mp_getitem];
    mp_setitem: SetItemFn => d::mp_setitem, ["__setitem__" => w::mp_setitem, "__delitem__" => w::mp_delitem];
    sq_contains: ContainsFn => d::sq_contains, ["__contains__" => w::sq_contains];
}

enum Resolved {
    Nothing,
    Native(PyRef),
    Dispatch,
}

/// Resolves slot `idx`'s dunders through `ty`'s MRO (see module docs).
fn resolve(ty: &Obj<PyType>, idx: u8) -> Resolved {
    let def = &SLOT_TABLE[idx as usize];
    let mut native: Option<PyRef> = None;
    let mut any = false;
    let mut all_native = true;
    for (name, _) in def.dunders {
        let Some((owner, obj)) = ty.lookup_str_with_owner(name) else {
            continue;
        };
        any = true;
        let is_native = match obj.downcast::<crate::types::descriptors::PySlotWrapper>() {
            Some(wr) => wr.slot == idx && wr.owner.is(&owner),
            None => def.field == "new" && crate::types::descriptors::is_tp_new_of(&obj, &owner),
        };
        match is_native {
            true => match &native {
                None => native = Some(owner),
                Some(n) if n.is(&owner) => {}
                Some(_) => all_native = false,
            },
            _ => all_native = false,
        }
    }
    if !any {
        return Resolved::Nothing;
    }
    match native {
        Some(owner) if all_native && owner.as_type().is_some_and(|t| (def.is_set)(&t.native)) => {
            Resolved::Native(owner)
        }
        _ => Resolved::Dispatch,
    }
}

/// Recomputes one slot of `ty`.
pub fn update_slot(ty: &Obj<PyType>, idx: u8) {
    (SLOT_TABLE[idx as usize].update)(ty, idx)
}

/// Recomputes every slot of `ty`.
pub fn update_all_slots(ty: &Obj<PyType>) {
    for (i, def) in SLOT_TABLE.iter().enumerate() {
        (def.update)(ty, i as u8);
    }
}

/// The index of the slot a dunder name belongs to, if any.
pub fn slot_for_dunder(name: &str) -> Option<u8> {
    if !(name.starts_with("__") && name.ends_with("__")) {
        return None;
    }
    SLOT_TABLE
        .iter()
        .position(|d| d.dunders.iter().any(|(n, _)| *n == name))
        .map(|i| i as u8)
}

/// True if the native slot set has slot `idx`.
pub fn native_has(s: &Slots, idx: u8) -> bool {
    (SLOT_TABLE[idx as usize].is_set)(s)
}
