//! `frame` objects: the Python-visible view of an interpreter [`Frame`].
//!
//! Frame objects are made lazily, when something asks for one (a traceback
//! entry, `sys._getframe`, a trace function).  While the activation exists
//! (running, or suspended inside a generator) the object is *live*: it holds
//! a pointer to the interpreter frame and reads the current line,
//! instruction and local variables from it.  When the activation ends,
//! [`retire`] copies the final state in (line, instruction, the local
//! variables, the caller's frame object as `f_back`) and clears the
//! pointer, as CPython's `take_ownership` does.  The interpreter frame
//! clears the pointer in its `Drop`, so it never dangles.
//!
//! Tracing state lives here as in CPython: `f_trace`, `f_trace_lines`,
//! `f_trace_opcodes`, and the line a trace function is being told about
//! (`trace_lineno`, what `f_lineno` reads and a jump sets).

use std::cell::{Cell, RefCell};

use crate::error::{PyResult, runtime_error, type_error};
use crate::interp::Frame;
use crate::object::slots::Slots;
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit};
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;
use taipan_bytecode::code::local_kind;

/// The interpreter frame a frame object stands for, while it exists.
pub struct LiveFrame(Cell<*mut Frame>);

impl Trace for LiveFrame {
    // The interpreter frame's references are traced by its owner (the
    // frame stack or the generator holding it).
    fn trace(&self, _: &mut Visit<'_>) {}
}

crate::py_payload! {
    /// A (materialized) frame.
    pub struct PyFrame {
        pub code: PyRef,
        pub globals: PyRef,
        /// `f_locals`: the locals mapping of a module/class/`exec` frame, or
        /// the dict a function frame's variables are copied into on demand.
        pub locals: RefCell<Option<PyRef>>,
        /// `f_back` of a finished frame.
        pub back: RefCell<Option<PyRef>>,
        /// Last instruction and line of a finished frame.
        pub lasti: Cell<u32>,
        pub lineno: Cell<u32>,
        pub live: LiveFrame,
        /// The variables of a finished function frame, until `f_locals`
        /// turns them into the dict.
        pub dead_fast: RefCell<Vec<Option<PyRef>>>,
        pub f_trace: RefCell<Option<PyRef>>,
        pub trace_lines: Cell<bool>,
        pub trace_opcodes: Cell<bool>,
        /// The line reported while a trace function runs (0: none).
        pub trace_lineno: Cell<u32>,
        /// A function frame (variables in slots, `f_locals` a copy), as
        /// opposed to a module/class/`exec` frame with a locals mapping.
        pub fast_locals: bool,
    }
}

pub static FRAME_TYPE: StaticType = StaticType::new();

impl PyPayload for PyFrame {
    fn class() -> &'static Obj<PyType> {
        FRAME_TYPE.get()
    }
}

impl PyFrame {
    /// A live frame object for interpreter frame `f` (which must stay at
    /// its address, i.e. be boxed, for as long as it lives).
    pub fn new_live(f: &mut Frame) -> PyRef {
        crate::object::alloc(PyFrame {
            code: f.code_obj.clone(),
            globals: f.globals.clone(),
            locals: RefCell::new(f.locals.clone()),
            back: RefCell::new(None),
            lasti: Cell::new(f.lasti as u32),
            lineno: Cell::new(f.lineno()),
            live: LiveFrame(Cell::new(f as *mut Frame)),
            dead_fast: RefCell::new(Vec::new()),
            f_trace: RefCell::new(None),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
            trace_lineno: Cell::new(0),
            fast_locals: f.locals.is_none(),
        })
    }

    /// The interpreter frame, while it exists.
    #[allow(clippy::mut_from_ref)]
    pub fn live_frame(&self) -> Option<&mut Frame> {
        let p = self.live.0.get();
        // SAFETY: the pointer is set when the object is made for a boxed
        // frame and cleared by that frame's `Drop` (or `retire`), so while
        // it is non-null it points at a live frame.  All access happens on
        // the VM's thread, and the interpreter is paused in a call whenever
        // Python code can reach a frame object.
        unsafe { p.as_mut() }
    }

    /// The current line (0 if unknown).
    pub fn current_lineno(&self) -> u32 {
        let t = self.trace_lineno.get();
        if t != 0 {
            return t;
        }
        match self.live_frame() {
            Some(f) => f.lineno(),
            None => self.lineno.get(),
        }
    }

    /// `f_locals`, brought up to date with the frame's variables.
    pub fn locals_mapping(&self) -> PyRef {
        if let Some(f) = self.live_frame() {
            if let Some(l) = &f.locals {
                return l.clone();
            }
            let d = self.locals_dict();
            sync_dict(
                &d,
                &f.code.localsplusnames,
                &f.code.localspluskinds,
                &f.fast,
            );
            return d;
        }
        let fast = std::mem::take(&mut *self.dead_fast.borrow_mut());
        if !fast.is_empty() {
            let d = self.locals_dict();
            if let Some(c) = self.code.downcast::<crate::types::code::PyCode>() {
                sync_dict(&d, &c.code.localsplusnames, &c.code.localspluskinds, &fast);
            }
            drop(fast);
            return d;
        }
        self.locals_dict()
    }

    /// The dict held in `locals`, made if missing.
    fn locals_dict(&self) -> PyRef {
        let mut l = self.locals.borrow_mut();
        match &*l {
            Some(d) => d.clone(),
            None => {
                let d = PyDict::new_ref();
                *l = Some(d.clone());
                d
            }
        }
    }

    /// Before a trace function runs: refresh the locals dict if one was
    /// made (CPython's `PyFrame_FastToLocals`).  True when there is one.
    pub fn fast_to_locals(&self) -> bool {
        let Some(f) = self.live_frame() else {
            return false;
        };
        if f.locals.is_some() || self.locals.borrow().is_none() {
            return false;
        }
        let d = self.locals_dict();
        sync_dict(
            &d,
            &f.code.localsplusnames,
            &f.code.localspluskinds,
            &f.fast,
        );
        true
    }

    /// After a trace function ran: copy the locals dict back into the
    /// frame's variables (CPython's `PyFrame_LocalsToFast(f, 1)`).
    pub fn locals_to_fast(&self) {
        let Some(f) = self.live_frame() else {
            return;
        };
        if f.locals.is_some() {
            return;
        }
        let Some(d) = self.locals.borrow().clone() else {
            return;
        };
        let Some(dict) = d.downcast::<PyDict>() else {
            return;
        };
        let code = &f.code;
        for (i, name) in code.localsplusnames.iter().enumerate() {
            let kind = code.localspluskinds.get(i).copied().unwrap_or(0);
            let v = dict.get_str(&PyStr::intern(name));
            let Some(slot) = f.fast.get_mut(i) else {
                continue;
            };
            if kind & (local_kind::CELL | local_kind::FREE) != 0 {
                if let Some(c) = slot
                    .as_ref()
                    .and_then(|c| c.downcast::<crate::types::cell::PyCell>())
                {
                    c.set(v);
                }
                continue;
            }
            *slot = v;
        }
    }
}

/// Makes `d` hold exactly the bound variables of `fast`.
fn sync_dict(d: &PyRef, names: &[String], kinds: &[u8], fast: &[Option<PyRef>]) {
    let Some(dict) = d.downcast::<PyDict>() else {
        return;
    };
    for (i, name) in names.iter().enumerate() {
        let kind = kinds.get(i).copied().unwrap_or(0);
        let v = match fast.get(i) {
            Some(Some(v)) => {
                if kind & (local_kind::CELL | local_kind::FREE) != 0 {
                    match v.downcast::<crate::types::cell::PyCell>() {
                        Some(c) => c.get(),
                        None => Some(v.clone()),
                    }
                } else {
                    Some(v.clone())
                }
            }
            _ => None,
        };
        let key = PyStr::intern(name);
        match v {
            Some(v) => dict.set_str(key, v),
            None => {
                dict.del_str(&key);
            }
        }
    }
}

/// The activation behind `fo` is ending: keep its final state in the
/// object and stop pointing at it.  `back` is the caller's frame object.
pub fn retire(fo: &PyRef, f: &mut Frame, back: Option<PyRef>) {
    let Some(p) = fo.downcast::<PyFrame>() else {
        return;
    };
    if p.live.0.get() != f as *mut Frame {
        return;
    }
    p.live.0.set(std::ptr::null_mut());
    p.lasti.set(f.lasti as u32);
    p.lineno.set(f.lineno());
    if back.is_some() {
        *p.back.borrow_mut() = back;
    }
    if f.locals.is_none() {
        *p.dead_fast.borrow_mut() = std::mem::take(&mut f.fast);
    }
}

/// Is `f` on the VM's frame stack (running)?  Returns its depth.
fn stack_depth_of(vm: &Vm, f: *const Frame) -> Option<usize> {
    let n = vm.interp.depth();
    (0..n).find(|&i| {
        vm.interp
            .frame_at(i)
            .is_some_and(|x| std::ptr::eq(x as *const Frame, f))
    })
}

fn frame(o: &PyRef) -> PyResult<&PyFrame> {
    o.downcast::<PyFrame>()
        .ok_or_else(|| type_error("expected frame"))
}

fn f_code(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.code.clone())
}
fn f_globals(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.globals.clone())
}
fn f_locals(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.locals_mapping())
}
fn f_back(vm: &Vm, o: &PyRef) -> PyResult {
    let fo = frame(o)?;
    let Some(f) = fo.live_frame() else {
        return Ok(fo.back.borrow().clone().unwrap_or_else(none));
    };
    let Some(d) = stack_depth_of(vm, f) else {
        return Ok(none());
    };
    let mut i = d + 1;
    while let Some(bp) = vm.interp.frame_ptr_at(i) {
        // SAFETY: frames on the stack are alive; only the cached frame
        // object is updated while the loop is paused in this call.
        let b = unsafe { &mut *bp };
        if b.code.flags.0 & taipan_bytecode::CodeFlags::HIDDEN == 0 {
            return Ok(crate::interp::traceback::frame_obj_for(b));
        }
        i += 1;
    }
    Ok(none())
}
fn f_lineno(_: &Vm, o: &PyRef) -> PyResult {
    let n = frame(o)?.current_lineno();
    if n == 0 {
        return Ok(none());
    }
    Ok(int_from_i64(n as i64))
}
fn set_f_lineno(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    crate::interp::trace::set_lineno(vm, o, v)
}
fn f_lasti(_: &Vm, o: &PyRef) -> PyResult {
    let fo = frame(o)?;
    let l = match fo.live_frame() {
        Some(f) => f.lasti as i64,
        None => fo.lasti.get() as i64,
    };
    Ok(int_from_i64(l * 2))
}
fn f_builtins(vm: &Vm, o: &PyRef) -> PyResult {
    if let Some(f) = frame(o)?.live_frame() {
        return Ok(f.builtins.clone());
    }
    Ok(vm.builtins_dict())
}
fn f_get_trace(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.f_trace.borrow().clone().unwrap_or_else(none))
}
fn f_set_trace(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let new = v.filter(|v| !is_none(v)).cloned();
    let old = frame(o)?.f_trace.replace(new);
    drop(old);
    Ok(())
}
fn bool_arg(v: Option<&PyRef>) -> PyResult<bool> {
    v.and_then(crate::types::bool_::as_bool)
        .ok_or_else(|| type_error("attribute value type must be bool"))
}
fn f_get_trace_lines(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::bool_::py_bool(frame(o)?.trace_lines.get()))
}
fn f_set_trace_lines(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let b = bool_arg(v)?;
    frame(o)?.trace_lines.set(b);
    Ok(())
}
fn f_get_trace_opcodes(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::bool_::py_bool(frame(o)?.trace_opcodes.get()))
}
fn f_set_trace_opcodes(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let b = bool_arg(v)?;
    frame(o)?.trace_opcodes.set(b);
    Ok(())
}
fn f_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let f = frame(o)?;
    let (file, name) = match f.code.downcast::<crate::types::code::PyCode>() {
        Some(c) => (c.code.filename.clone(), c.code.name.clone()),
        None => (String::new(), String::new()),
    };
    let file = crate::protocol::object::repr_string(vm, &PyStr::new_ref(&file))?;
    Ok(PyStr::new_ref(&format!(
        "<frame at {:#x}, file {file}, line {}, code {name}>",
        o.bits(),
        f.current_lineno()
    )))
}

/// `frame.clear()`: drops the frame object's references to the local
/// variables (what `traceback.clear_frames` uses to break cycles).  A frame
/// that is still executing cannot be cleared.
fn m_clear(vm: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'clear' of 'frame' object needs an argument"))?;
    a.shift().no_args("frame.clear")?;
    let f = frame(s)?;
    if let Some(live) = f.live_frame() {
        if stack_depth_of(vm, live).is_some() {
            return Err(runtime_error("cannot clear an executing frame"));
        }
    }
    let old_fast = std::mem::take(&mut *f.dead_fast.borrow_mut());
    drop(old_fast);
    if f.fast_locals {
        let old = f.locals.replace(Some(PyDict::new_ref()));
        drop(old);
    }
    let old = f.f_trace.replace(None);
    drop(old);
    Ok(none())
}

fn m_sizeof(_: &Vm, _a: crate::args::Args<'_>) -> PyResult {
    Ok(int_from_i64(std::mem::size_of::<PyFrame>() as i64))
}

static FRAME_METHODS: &[MethodDef] = &[
    MethodDef::method("clear", m_clear),
    MethodDef::method("__sizeof__", m_sizeof),
];

static FRAME_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("f_code", f_code),
    GetSetDef::new("f_globals", f_globals),
    GetSetDef::new("f_locals", f_locals),
    GetSetDef::new("f_back", f_back),
    GetSetDef::with_set("f_lineno", f_lineno, set_f_lineno),
    GetSetDef::new("f_lasti", f_lasti),
    GetSetDef::new("f_builtins", f_builtins),
    GetSetDef::with_set("f_trace", f_get_trace, f_set_trace),
    GetSetDef::with_set("f_trace_lines", f_get_trace_lines, f_set_trace_lines),
    GetSetDef::with_set("f_trace_opcodes", f_get_trace_opcodes, f_set_trace_opcodes),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &FRAME_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(f_repr),
                ..Slots::EMPTY
            },
            getsets: FRAME_GETSETS,
            methods: FRAME_METHODS,
            ..TypeSpec::new("frame", Layout::of::<PyFrame>())
        },
    )]
}
