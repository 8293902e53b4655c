//! Interpreter frames: the activation record of one code object, and the
//! binding of call arguments to parameters with CPython's error messages.
//!
//! A frame holds `fast` (the localsplus array: arguments, locals, cells,
//! free variables), the value stack (`None` entries are the NULL markers of
//! the `LOAD_METHOD`/`CALL` protocol), and the instruction pointer.  Frames
//! live in the VM's frame stack while running and inside a generator object
//! while suspended.

use std::cell::Cell;
use std::ptr::NonNull;

use taipan_bytecode::{CodeFlags, CodeObject, Instr, code::local_kind};

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::{Trace, Visit};
use crate::types::code::PyCode;
use crate::types::dict::PyDict;
use crate::types::function::PyFunction;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// The frame's compiled code, borrowed from the code object the frame
/// holds (`Frame::code_obj` owns the `PyCode` whose `Arc<CodeObject>` this
/// points into), so making a frame costs no atomic reference count.
/// Deliberately neither `Clone` nor `Copy`: it cannot outlive its frame.
pub struct CodeRef(NonNull<CodeObject>);

impl CodeRef {
    /// A reference to `pc`'s compiled code; the holder must keep the code
    /// object alive (a frame does, through `code_obj`).
    #[inline(always)]
    fn of(pc: &PyCode) -> CodeRef {
        CodeRef(NonNull::from(&*pc.code))
    }
}

/// The value a parked frame's `code_obj`, `globals` and `builtins` hold:
/// a small int, so parking and reusing a frame does no reference counting.
/// (A parked frame's `code` dangles; nothing reads a parked frame.)
#[inline(always)]
pub(crate) fn placeholder() -> PyRef {
    crate::types::int::int_from_i64(0)
}

impl std::ops::Deref for CodeRef {
    type Target = CodeObject;
    #[inline(always)]
    fn deref(&self) -> &CodeObject {
        // SAFETY: the frame holding this CodeRef also holds the code object
        // (never reassigned), whose immutable `Arc<CodeObject>` keeps the
        // target alive and unchanged.
        unsafe { self.0.as_ref() }
    }
}

/// One activation.
pub struct Frame {
    pub code_obj: PyRef,
    pub code: CodeRef,
    pub func: Option<PyRef>,
    pub globals: PyRef,
    pub builtins: PyRef,
    /// The locals mapping for module/class bodies and `exec`.
    pub locals: Option<PyRef>,
    pub fast: Vec<Option<PyRef>>,
    pub stack: Vec<Option<PyRef>>,
    /// Next instruction.
    pub pc: usize,
    /// Instruction being executed (for tracebacks and `lasti`).
    pub lasti: usize,
    /// `KW_NAMES` for the next `CALL`.
    pub kwnames: Option<PyRef>,
    /// The materialized frame object, if one was asked for.
    pub frame_obj: Option<PyRef>,
    /// True for generator/coroutine frames (they return to their resumer).
    pub is_gen: bool,
    /// An `__init__` frame pushed by `CALL_PY_CLASS`: its return value must
    /// be `None` and is dropped (the instance is already on the caller's
    /// stack).
    pub(crate) init_call: bool,
    /// The code's quickened instructions (`QuickCode::instrs_raw`), kept
    /// here so fetching an instruction is one load; null in a parked frame.
    instrs: *const Cell<Instr>,
    ninstrs: usize,
    /// `QuickCode::valid` of the code.
    pub(crate) valid: bool,
}

impl Trace for Frame {
    fn trace(&self, visit: &mut Visit<'_>) {
        self.code_obj.trace(visit);
        self.func.trace(visit);
        self.globals.trace(visit);
        self.builtins.trace(visit);
        self.locals.trace(visit);
        for x in self.fast.iter().chain(self.stack.iter()) {
            x.trace(visit);
        }
        self.kwnames.trace(visit);
        self.frame_obj.trace(visit);
    }
    fn clear(&self) {}
}

impl Drop for Frame {
    fn drop(&mut self) {
        // A frame object outlives its activation: give it the final state.
        if let Some(o) = self.frame_obj.take() {
            crate::types::frame::retire(&o, self, None);
        }
    }
}

impl Frame {
    /// The instruction to execute at `i` (None past the end).
    #[inline(always)]
    pub fn instr_at(&self, i: usize) -> Option<Instr> {
        if i < self.ninstrs {
            // SAFETY: `instrs`/`ninstrs` describe the quickened array of
            // `code_obj`, which the frame keeps alive and which is never
            // reallocated; `i` is in bounds.
            Some(unsafe { (*self.instrs.add(i)).get() })
        } else {
            None
        }
    }

    /// Points the instruction cache at `code_obj`'s quickened code.
    #[inline(always)]
    fn cache_instrs(&mut self) {
        let q = self.quick();
        let (p, n) = q.instrs_raw();
        let valid = q.valid;
        self.instrs = p;
        self.ninstrs = n;
        self.valid = valid;
    }

    /// Empties the instruction cache (parked frames).
    pub(crate) fn forget_instrs(&mut self) {
        self.instrs = std::ptr::null();
        self.ninstrs = 0;
        self.valid = false;
    }

    /// The code payload (always a code object).
    #[inline]
    pub fn pycode(&self) -> &PyCode {
        // SAFETY: every constructor checks that `code_obj` is a code object
        // (an exact type: code objects cannot be subclassed).
        unsafe { self.code_obj.payload_unchecked::<PyCode>() }
    }

    /// The quickened instructions and caches of this frame's code.
    #[inline(always)]
    pub fn quick(&self) -> &crate::interp::specialize::QuickCode {
        &self.pycode().quick
    }

    /// A frame for running `code_obj` (which must be a code object; `code`
    /// points into it), in a parked allocation when there is one: a call
    /// then allocates nothing, and the `fast`/`stack` vectors keep their
    /// capacity.  `fast` gets the code's slot count of empty slots.
    #[inline]
    pub(crate) fn boxed(
        vm: &Vm,
        code_obj: PyRef,
        code: CodeRef,
        func: Option<PyRef>,
        globals: PyRef,
        builtins: PyRef,
    ) -> Box<Frame> {
        let n = code.nlocalsplus();
        let depth = code.stacksize as usize + 1;
        // SAFETY: single-threaded; the reference is not held across calls.
        let parked = unsafe { &mut *vm.interp.parked.get() };
        match parked.pop() {
            Some(mut b) => {
                // A parked frame holds no values (see `InterpState::recycle`):
                // the fields overwritten here drop only placeholders.
                b.code_obj = code_obj;
                b.code = code;
                b.func = func;
                b.globals = globals;
                b.builtins = builtins;
                b.fast.resize(n, None);
                b.stack.reserve(depth);
                b.pc = 0;
                b.lasti = 0;
                b.init_call = false;
                b.cache_instrs();
                b
            }
            None => Frame::with_instrs(Frame {
                code_obj,
                code,
                func,
                globals,
                builtins,
                locals: None,
                fast: vec![None; n],
                stack: Vec::with_capacity(depth),
                pc: 0,
                lasti: 0,
                kwnames: None,
                frame_obj: None,
                is_gen: false,
                init_call: false,
                instrs: std::ptr::null(),
                ninstrs: 0,
                valid: false,
            }),
        }
    }

    /// Boxes a new frame with its instruction cache filled.
    fn with_instrs(f: Frame) -> Box<Frame> {
        let mut b = Box::new(f);
        b.cache_instrs();
        b
    }

    /// A frame for a positional call of `func` (whose code `code_obj` has
    /// `simple_args`); the caller stores the arguments into `fast`.
    #[inline]
    pub fn for_simple_call(
        vm: &Vm,
        func_ref: PyRef,
        func: &PyFunction,
        code_obj: PyRef,
    ) -> Box<Frame> {
        // SAFETY: the caller checked that `code_obj` is a code object.
        let code = CodeRef::of(unsafe { code_obj.payload_unchecked::<PyCode>() });
        Frame::boxed(
            vm,
            code_obj,
            code,
            Some(func_ref),
            func.globals.clone(),
            func.builtins.clone(),
        )
    }

    /// A frame for module-level or class-body code with a locals mapping.
    pub fn new_with_locals(
        code_obj: PyRef,
        globals: PyRef,
        builtins: PyRef,
        locals: Option<PyRef>,
    ) -> PyResult<Frame> {
        let code = CodeRef::of(
            code_obj
                .downcast::<PyCode>()
                .ok_or_else(|| type_error("expected a code object"))?,
        );
        let n = code.nlocalsplus();
        let stacksize = code.stacksize as usize + 1;
        let mut f = Frame {
            code_obj,
            code,
            func: None,
            globals,
            builtins,
            locals,
            fast: vec![None; n],
            stack: Vec::with_capacity(stacksize),
            pc: 0,
            lasti: 0,
            kwnames: None,
            frame_obj: None,
            is_gen: false,
            init_call: false,
            instrs: std::ptr::null(),
            ninstrs: 0,
            valid: false,
        };
        f.cache_instrs();
        Ok(f)
    }

    /// Current source line (0 if unknown).
    pub fn lineno(&self) -> u32 {
        self.code
            .positions
            .get(self.lasti)
            .map(|p| p.lineno)
            .unwrap_or(0)
    }
}

fn plural(n: usize, w: &str) -> String {
    if n == 1 {
        format!("{n} {w}")
    } else {
        format!("{n} {w}s")
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// The fast binding for a positional call (`self_` first, if given, then
/// `args`) of a function whose code has `simple_args`: `None` when the call
/// needs the general binder (keywords, wrong count, `*args`, generators...).
#[inline]
pub fn simple_frame(
    vm: &Vm,
    func_ref: &PyRef,
    func: &PyFunction,
    self_: Option<&PyRef>,
    args: &[PyRef],
) -> Option<Box<Frame>> {
    if !func_ref.is_exact::<PyFunction>() {
        return None;
    }
    let code_obj = func.code.borrow().clone();
    let pc = code_obj.downcast::<PyCode>()?;
    let argc = pc.quick.argcount as usize;
    let nargs = args.len() + self_.is_some() as usize;
    if !pc.quick.simple_args || nargs > argc {
        return None;
    }
    let defaults = if nargs < argc {
        let d = func.defaults.borrow().clone()?;
        if nargs + d.downcast::<PyTuple>()?.len() < argc {
            return None;
        }
        Some(d)
    } else {
        None
    };
    let mut fr = Frame::for_simple_call(vm, func_ref.clone(), func, code_obj);
    let mut i = 0;
    if let Some(s) = self_ {
        fr.fast[0] = Some(s.clone());
        i = 1;
    }
    for a in args {
        fr.fast[i] = Some(a.clone());
        i += 1;
    }
    if let Some(d) = defaults
        && let Some(t) = d.downcast::<PyTuple>()
    {
        let first = argc - t.len();
        for (j, slot) in fr.fast[nargs..argc].iter_mut().enumerate() {
            *slot = Some(t.as_slice()[nargs + j - first].clone());
        }
    }
    Some(fr)
}

/// Creates the frame for calling `func` with `args` (binds parameters).
pub fn frame_for_call(
    vm: &Vm,
    func_ref: &PyRef,
    f: &PyFunction,
    args: Args<'_>,
) -> PyResult<Box<Frame>> {
    let code_obj = f.code();
    let pc = code_obj
        .downcast::<PyCode>()
        .ok_or_else(|| type_error("function code is not a code object"))?;
    let code: &CodeObject = &pc.code;
    let mut frame = Frame::boxed(
        vm,
        code_obj.clone(),
        CodeRef::of(pc),
        Some(func_ref.clone()),
        f.globals.clone(),
        f.builtins.clone(),
    );
    let fast = &mut frame.fast;
    let argcount = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let has_varargs = code.flags.has(CodeFlags::VARARGS);
    let has_varkw = code.flags.has(CodeFlags::VARKEYWORDS);
    let pos = args.positional();
    let qual = || {
        f.qualname
            .borrow()
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    };
    let names = &pc.localsplusnames;
    let name_at = |i: usize| code.localsplusnames.get(i).cloned().unwrap_or_default();

    // Positional arguments.
    let npos = pos.len().min(argcount);
    for (slot, v) in fast.iter_mut().zip(&pos[..npos]) {
        *slot = Some(v.clone());
    }
    let varargs_idx = argcount + kwonly;
    let varkw_idx = varargs_idx + has_varargs as usize;
    if has_varargs {
        let extra = if pos.len() > argcount {
            pos[argcount..].to_vec()
        } else {
            Vec::new()
        };
        fast[varargs_idx] = Some(PyTuple::new_ref(extra));
    } else if pos.len() > argcount {
        let defaults = f
            .defaults
            .borrow()
            .as_ref()
            .and_then(|d| d.downcast::<PyTuple>().map(|t| t.len()))
            .unwrap_or(0);
        let given_kwonly = args
            .kwnames
            .iter()
            .filter(|k| {
                let ks = k
                    .downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                (argcount..argcount + kwonly).any(|i| name_at(i) == ks)
            })
            .count();
        let takes = if defaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - defaults,
                argcount
            )
        } else {
            format!(
                "{} positional argument{}",
                argcount,
                if argcount == 1 { "" } else { "s" }
            )
        };
        let given = if given_kwonly > 0 {
            format!(
                "{} positional argument{} (and {} keyword-only argument{}) were given",
                pos.len(),
                if pos.len() == 1 { "" } else { "s" },
                given_kwonly,
                if given_kwonly == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{} {} given",
                pos.len(),
                if pos.len() == 1 { "was" } else { "were" }
            )
        };
        return Err(type_error(format!(
            "{}() takes {takes} but {given}",
            qual()
        )));
    }
    let kwdict = if has_varkw {
        Some(PyDict::default())
    } else {
        None
    };
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, v) in args.kwargs() {
        let mut found = None;
        for i in posonly..argcount + kwonly {
            if names.get(i).is_some_and(|nm| nm.is(k)) {
                found = Some(i);
                break;
            }
        }
        if found.is_none()
            && let Some(ks) = k.downcast::<PyStr>()
        {
            let kb = ks.as_bytes();
            for i in posonly..argcount + kwonly {
                if name_at(i).as_bytes() == kb {
                    found = Some(i);
                    break;
                }
            }
        }
        match found {
            Some(i) => {
                if fast[i].is_some() {
                    return Err(type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        qual(),
                        name_at(i)
                    )));
                }
                fast[i] = Some(v.clone());
            }
            None => {
                let ks = k
                    .downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                match &kwdict {
                    Some(d) => {
                        if (0..posonly).any(|i| name_at(i) == ks) {
                            // allowed: goes to **kwargs
                        }
                        d.set_item(vm, k.clone(), v.clone())?;
                    }
                    None => {
                        if (0..posonly).any(|i| name_at(i) == ks) {
                            posonly_as_kw.push(ks);
                            continue;
                        }
                        return Err(type_error(format!(
                            "{}() got an unexpected keyword argument '{ks}'",
                            qual()
                        )));
                    }
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qual(),
            posonly_as_kw.join(", ")
        )));
    }
    if let Some(d) = kwdict {
        fast[varkw_idx] = Some(crate::object::alloc(d));
    }
    // Defaults for missing positional parameters.
    if npos < argcount {
        let defaults_obj = f.defaults.borrow().clone();
        let defaults: &[PyRef] = defaults_obj
            .as_ref()
            .and_then(|d| d.downcast::<PyTuple>().map(|t| t.as_slice()))
            .unwrap_or(&[]);
        let first_default = argcount.saturating_sub(defaults.len());
        let mut missing = Vec::new();
        for i in npos..argcount {
            if fast[i].is_none() {
                if i >= first_default {
                    fast[i] = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(name_at(i));
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qual(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    if kwonly > 0 {
        let kwdefaults = f.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argcount..argcount + kwonly {
            if fast[i].is_none() {
                let d = kwdefaults
                    .as_ref()
                    .and_then(|d| d.downcast::<PyDict>())
                    .and_then(|d| d.get_str(names.get(i)?));
                match d {
                    Some(v) => fast[i] = Some(v),
                    None => missing.push(name_at(i)),
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qual(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    let _ = plural;
    // Cells for arguments that are captured are made by MAKE_CELL; free
    // variables come from the closure via COPY_FREE_VARS.
    let _ = local_kind::CELL;
    Ok(frame)
}
