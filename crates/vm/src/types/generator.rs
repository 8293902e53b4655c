//! Generators, coroutines and async generators.
//!
//! A generator owns its suspended [`Frame`].  Resuming moves the frame onto
//! the VM's frame stack and runs the loop until it yields (the frame is
//! moved back), returns or raises (the frame is dropped).  `throw` resumes
//! with an exception raised at the suspension point; when the generator is
//! suspended inside `yield from`/`await` (its next instruction is
//! `RESUME 2|3` and the delegate is on its stack top), `throw` and `close`
//! are delegated first, as CPython 3.11 does.

use std::cell::{Cell, RefCell};

use taipan_bytecode::{CodeFlags, Opcode};

use crate::args::Args;
use crate::error::{PyErr, PyResult, runtime_error, type_error, value_error};
use crate::interp::{Exit, Frame};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::exceptions::{
    GENERATOR_EXIT, PyBaseException, STOP_ASYNC_ITERATION, STOP_ITERATION,
};
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// Which kind of generator.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGen,
}

impl crate::object::Trace for GenKind {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

crate::py_payload! {
    /// The payload of generator, coroutine and async generator objects.
    pub struct PyGenerator {
        frame: RefCell<Option<Box<Frame>>>,
        running: Cell<bool>,
        pub kind: GenKind,
        pub name: RefCell<PyRef>,
        pub qualname: RefCell<PyRef>,
        pub code: PyRef,
        exc_state: RefCell<Option<PyRef>>,
        /// `cr_origin`: where a coroutine was created, when
        /// `sys.set_coroutine_origin_tracking_depth` asked for it.
        origin: Option<PyRef>,
        /// Async generators: `sys.set_asyncgen_hooks` ran for this one
        /// (at its first `__anext__`/`asend`/`athrow`/`aclose`).
        hooks_inited: Cell<bool>,
        /// Async generators: the finalizer hook saved then.
        finalizer: RefCell<Option<PyRef>>,
    }
}

thread_local! {
    static ORIGIN_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// `sys.get_coroutine_origin_tracking_depth()`.
pub fn origin_tracking_depth() -> usize {
    ORIGIN_DEPTH.with(|d| d.get())
}

/// `sys.set_coroutine_origin_tracking_depth(depth)` (checked by the caller).
pub fn set_origin_tracking_depth(depth: usize) {
    ORIGIN_DEPTH.with(|d| d.set(depth))
}

/// `((filename, lineno, funcname), ...)` of the innermost `depth` frames.
#[cold]
fn coroutine_origin(depth: usize) -> Option<PyRef> {
    let vm = crate::vm::Vm::current()?;
    let mut out = Vec::new();
    for i in 0..depth {
        let Some(f) = vm.interp.frame_at(i) else {
            break;
        };
        out.push(crate::types::tuple::PyTuple::new_ref(vec![
            PyStr::new_ref(&f.code.filename),
            crate::types::int::int_from_i64(i64::from(f.lineno())),
            PyStr::new_ref(&f.code.name),
        ]));
    }
    Some(crate::types::tuple::PyTuple::new_ref(out))
}

crate::py_payload! {
    /// A value yielded by an async generator (distinguishes `yield` from
    /// an `await` suspension).
    pub struct PyAsyncGenWrapped {
        pub value: PyRef,
    }
}

crate::py_payload! {
    /// The awaitable returned by `agen.__anext__()` / `agen.asend(v)` /
    /// `agen.athrow(...)`.
    pub struct PyAsyncGenASend {
        agen: PyRef,
        first: RefCell<Option<PyRef>>,
        throw: RefCell<Option<PyRef>>,
        done: Cell<bool>,
    }
}

pub static GENERATOR_TYPE: StaticType = StaticType::new();
pub static COROUTINE_TYPE: StaticType = StaticType::new();
pub static ASYNC_GENERATOR_TYPE: StaticType = StaticType::new();
pub static ASYNC_GEN_WRAPPED_TYPE: StaticType = StaticType::new();
pub static ASYNC_GEN_ASEND_TYPE: StaticType = StaticType::new();

impl PyPayload for PyGenerator {
    fn class() -> &'static Obj<PyType> {
        GENERATOR_TYPE.get()
    }
}
impl PyPayload for PyAsyncGenWrapped {
    fn class() -> &'static Obj<PyType> {
        ASYNC_GEN_WRAPPED_TYPE.get()
    }
}
impl PyPayload for PyAsyncGenASend {
    fn class() -> &'static Obj<PyType> {
        ASYNC_GEN_ASEND_TYPE.get()
    }
}

/// The outcome of resuming a generator.
pub enum SendResult {
    Yield(PyRef),
    Return(PyRef),
}

/// Creates the generator object for a call of a generator function.
pub fn new_generator(mut frame: Box<Frame>) -> PyRef {
    frame.is_gen = true;
    let flags = frame.code.flags;
    let kind = if flags.has(CodeFlags::COROUTINE) {
        GenKind::Coroutine
    } else if flags.has(CodeFlags::ASYNC_GENERATOR) {
        GenKind::AsyncGen
    } else {
        GenKind::Generator
    };
    let (name, qualname) = match frame
        .func
        .as_ref()
        .and_then(|f| f.downcast::<crate::types::function::PyFunction>())
    {
        Some(func) => (func.name.borrow().clone(), func.qualname.borrow().clone()),
        None => (
            PyStr::new_ref(&frame.code.name),
            PyStr::new_ref(&frame.code.qualname),
        ),
    };
    let code = frame.code_obj.clone();
    let depth = origin_tracking_depth();
    let origin = if kind == GenKind::Coroutine && depth > 0 {
        coroutine_origin(depth)
    } else {
        None
    };
    let ty = match kind {
        GenKind::Generator => &GENERATOR_TYPE,
        GenKind::Coroutine => &COROUTINE_TYPE,
        GenKind::AsyncGen => &ASYNC_GENERATOR_TYPE,
    };
    crate::object::alloc_as(
        ty.get(),
        PyGenerator {
            frame: RefCell::new(Some(frame)),
            running: Cell::new(false),
            kind,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            code,
            exc_state: RefCell::new(None),
            origin,
            hooks_inited: Cell::new(false),
            finalizer: RefCell::new(None),
        },
    )
}

/// Wraps a value yielded by an async generator.
pub fn wrap_async_value(v: PyRef) -> PyRef {
    crate::object::alloc(PyAsyncGenWrapped { value: v })
}

impl PyGenerator {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGen => "async generator",
        }
    }

    /// The delegate of a `yield from`/`await` the generator is suspended in.
    pub fn yieldfrom(&self) -> Option<PyRef> {
        let fr = self.frame.borrow();
        let f = fr.as_ref()?;
        if f.pc == 0 {
            return None;
        }
        let (op, arg) = f.code.decode(f.pc)?;
        if op == Opcode::RESUME && (arg == 2 || arg == 3) {
            return f.stack.last().cloned().flatten();
        }
        None
    }

    /// True if a coroutine is currently awaiting another (`await` in use).
    pub fn is_awaiting_coroutine(&self) -> bool {
        self.yieldfrom().is_some()
    }

    fn is_started(&self) -> bool {
        self.frame.borrow().as_ref().is_some_and(|f| f.pc != 0)
    }
}

/// Resumes `g` sending `value`, or throwing `exc` into it.
fn resume(vm: &Vm, g: &PyGenerator, value: PyRef, exc: Option<PyErr>) -> PyResult<SendResult> {
    if g.running.get() {
        return Err(value_error(format!("{} already executing", g.kind_name())));
    }
    let Some(mut frame) = g.frame.borrow_mut().take() else {
        if let Some(e) = exc {
            return Err(e);
        }
        if g.kind == GenKind::Coroutine {
            return Err(runtime_error("cannot reuse already awaited coroutine"));
        }
        return Ok(SendResult::Return(none()));
    };
    if exc.is_none() {
        if frame.pc != 0 {
            frame.stack.push(Some(value));
        } else if !is_none(&value) {
            *g.frame.borrow_mut() = Some(frame);
            return Err(type_error(format!(
                "can't send non-None value to a just-started {}",
                g.kind_name()
            )));
        }
    }
    if let Err(e) = vm.push_depth() {
        *g.frame.borrow_mut() = Some(frame);
        return Err(e);
    }
    g.running.set(true);
    vm.push_exc_state(g.exc_state.borrow_mut().take());
    let base = vm.interp.depth();
    vm.interp.push(frame);
    let r = match exc {
        None => crate::interp::run(vm, base),
        Some(mut e) => {
            // CPython's `_PyErr_ChainStackItem`: a thrown exception gets the
            // generator's own handled exception as context (none when the
            // generator handles nothing, whatever its caller handles).
            if vm.top_handled_exception().is_some() {
                crate::interp::traceback::set_context(vm, e.value(), true);
            }
            if vm.interp.tracing.get()
                && let Err(e2) = crate::interp::trace::throw_entry(vm)
            {
                e = e2;
            }
            vm.interp.set_thrown();
            match crate::interp::unwind(vm, e, base) {
                Ok(None) => crate::interp::run(vm, base),
                Ok(Some(x)) => Ok(x),
                Err(e) => Err(e),
            }
        }
    };
    g.running.set(false);
    let keep = vm.pop_exc_state();
    match r {
        Ok(Exit::Yield(v)) => {
            let fr = vm.interp.pop();
            vm.pop_depth();
            *g.frame.borrow_mut() = fr;
            *g.exc_state.borrow_mut() = keep;
            Ok(SendResult::Yield(v))
        }
        Ok(Exit::Return(v)) => Ok(SendResult::Return(v)),
        Err(e) => Err(pep479(g, e)),
    }
}

/// PEP 479: StopIteration leaving a generator becomes RuntimeError.
fn pep479(g: &PyGenerator, e: PyErr) -> PyErr {
    let is_stop = e.matches(&STOP_ITERATION);
    let is_async_stop = g.kind == GenKind::AsyncGen && e.matches(&STOP_ASYNC_ITERATION);
    if !is_stop && !is_async_stop {
        return e;
    }
    let what = if is_stop {
        "StopIteration"
    } else {
        "StopAsyncIteration"
    };
    let n = runtime_error(format!("{} raised {what}", g.kind_name()));
    if let Some(x) = n.value().downcast::<PyBaseException>() {
        *x.cause.borrow_mut() = Some(e.value().clone());
        *x.context.borrow_mut() = Some(e.value().clone());
        x.suppress_context.set(true);
    }
    n
}

/// `gen.send(value)` as the interpreter's `SEND` needs it.
pub fn gen_send(vm: &Vm, g: &PyGenerator, value: PyRef) -> PyResult<SendResult> {
    resume(vm, g, value, None)
}

/// Builds the exception instance for `throw(typ, val, tb)`.
fn make_thrown(vm: &Vm, typ: &PyRef, val: Option<&PyRef>, tb: Option<&PyRef>) -> PyResult<PyErr> {
    let val = val.filter(|v| !is_none(v));
    let e = if let Some(t) = typ.as_type() {
        if !t.is_subtype(crate::types::exceptions::BASE_EXCEPTION.get()) {
            return Err(type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                typ.class().name()
            )));
        }
        match val {
            Some(v) if v.class().is_subtype(t) => v.clone(),
            Some(v) => match v.downcast::<crate::types::tuple::PyTuple>() {
                Some(tup) => crate::protocol::call::call_pos(vm, typ, tup.as_slice())?,
                None => crate::protocol::call::call_pos(vm, typ, std::slice::from_ref(v))?,
            },
            None => crate::protocol::call::call_pos(vm, typ, &[])?,
        }
    } else if typ.downcast::<PyBaseException>().is_some() {
        if val.is_some() {
            return Err(type_error(
                "instance exception may not have a separate value",
            ));
        }
        typ.clone()
    } else {
        return Err(type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.class().name()
        )));
    };
    if let Some(tb) = tb.filter(|t| !is_none(t)) {
        if tb
            .downcast::<crate::types::traceback::PyTraceback>()
            .is_none()
        {
            return Err(type_error(
                "throw() third argument must be a traceback object",
            ));
        }
        if let Some(x) = e.downcast::<PyBaseException>() {
            *x.traceback.borrow_mut() = Some(tb.clone());
        }
    }
    Ok(PyErr::from_instance(e))
}

/// `gen.throw(...)` with delegation to a `yield from` target.
pub fn gen_throw(vm: &Vm, g: &PyGenerator, e: PyErr) -> PyResult<SendResult> {
    if let Some(yf) = g.yieldfrom() {
        if e.matches(&GENERATOR_EXIT) {
            // Close the delegate first, then throw into ourselves.
            g.running.set(true);
            let r = close_object(vm, &yf);
            g.running.set(false);
            if let Err(err) = r {
                return resume_after_delegate(vm, g, Err(err));
            }
            return resume(vm, g, none(), Some(e));
        }
        g.running.set(true);
        let r = if let Some(sub) = yf.downcast::<PyGenerator>() {
            gen_throw(vm, sub, e)
        } else {
            match crate::protocol::object::lookup_attr(vm, &yf, "throw") {
                Ok(Some(m)) => {
                    match crate::protocol::call::call_pos(vm, &m, std::slice::from_ref(e.value())) {
                        Ok(v) => Ok(SendResult::Yield(v)),
                        Err(x) if x.matches(&STOP_ITERATION) => Ok(SendResult::Return(
                            crate::types::exceptions::exc_attr(x.value(), "value"),
                        )),
                        Err(x) => Err(x),
                    }
                }
                Ok(None) => {
                    g.running.set(false);
                    return resume(vm, g, none(), Some(e));
                }
                Err(x) => Err(x),
            }
        };
        g.running.set(false);
        return match r {
            Ok(SendResult::Yield(v)) => Ok(SendResult::Yield(v)),
            Ok(SendResult::Return(v)) => resume_after_delegate(vm, g, Ok(v)),
            Err(x) => resume_after_delegate(vm, g, Err(x)),
        };
    }
    resume(vm, g, none(), Some(e))
}

/// After a delegate finished during `throw`: pop it, jump to the `SEND`'s
/// exit and continue with its result (or its exception).
fn resume_after_delegate(vm: &Vm, g: &PyGenerator, r: PyResult<PyRef>) -> PyResult<SendResult> {
    {
        let mut fr = g.frame.borrow_mut();
        if let Some(f) = fr.as_mut() {
            f.stack.pop();
            if f.pc >= 2
                && let Some((Opcode::SEND, target)) = f.code.decode(f.pc - 2)
            {
                f.pc = target as usize;
                f.lasti = f.pc.saturating_sub(1);
            }
        }
    }
    match r {
        Ok(v) => {
            // Resume at the SEND target with the return value pushed.
            let mut fr = g.frame.borrow_mut();
            if let Some(f) = fr.as_mut() {
                f.stack.push(Some(v));
                // Mark "started" so resume() won't push another value.
            }
            drop(fr);
            resume_no_push(vm, g)
        }
        Err(e) => resume(vm, g, none(), Some(e)),
    }
}

/// Resumes without pushing a sent value (the stack is already set up).
fn resume_no_push(vm: &Vm, g: &PyGenerator) -> PyResult<SendResult> {
    // Pop the value we pushed and let resume() push it back as "sent".
    let v = {
        let mut fr = g.frame.borrow_mut();
        fr.as_mut().and_then(|f| f.stack.pop()).flatten()
    };
    resume(vm, g, v.unwrap_or_else(none), None)
}

/// `close()` on any object with the generator protocol.
fn close_object(vm: &Vm, o: &PyRef) -> PyResult<()> {
    if let Some(g) = o.downcast::<PyGenerator>() {
        return gen_close(vm, g);
    }
    if let Some(m) = crate::protocol::object::lookup_attr(vm, o, "close")? {
        crate::protocol::call::call_pos(vm, &m, &[])?;
    }
    Ok(())
}

/// `gen.close()`.
pub fn gen_close(vm: &Vm, g: &PyGenerator) -> PyResult<()> {
    if g.frame.borrow().is_none() {
        return Ok(());
    }
    if !g.is_started() {
        let f = g.frame.borrow_mut().take();
        drop(f);
        return Ok(());
    }
    let exit = PyErr::new_args(&GENERATOR_EXIT, vec![]);
    match gen_throw(vm, g, exit) {
        Ok(SendResult::Yield(_)) => Err(runtime_error(format!(
            "{} ignored GeneratorExit",
            g.kind_name()
        ))),
        Ok(SendResult::Return(_)) => Ok(()),
        Err(e) if e.matches(&GENERATOR_EXIT) || e.matches(&STOP_ITERATION) => Ok(()),
        Err(e) => Err(e),
    }
}

fn payload(o: &PyRef) -> PyResult<&PyGenerator> {
    o.downcast::<PyGenerator>()
        .ok_or_else(|| type_error("expected a generator"))
}

fn g_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn g_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    match gen_send(vm, payload(o)?, none())? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(v) if is_none(&v) => Ok(None),
        SendResult::Return(v) => Err(crate::error::stop_iteration(Some(v))),
    }
}

fn stop_with(v: PyRef) -> PyErr {
    crate::error::stop_iteration(if is_none(&v) { None } else { Some(v) })
}

fn m_send(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, v] = a.exact::<2>("send")?;
    match gen_send(vm, payload(s)?, v.clone())? {
        SendResult::Yield(x) => Ok(x),
        SendResult::Return(x) => Err(stop_with(x)),
    }
}

fn m_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("throw", 2, 4)?;
    let e = make_thrown(vm, &args[1], args.get(2), args.get(3))?;
    match gen_throw(vm, payload(&args[0])?, e)? {
        SendResult::Yield(x) => Ok(x),
        SendResult::Return(x) => Err(stop_with(x)),
    }
}

fn m_close(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("close")?;
    gen_close(vm, payload(s)?)?;
    Ok(none())
}

fn g_del(vm: &Vm, o: &PyRef) -> PyResult<()> {
    let g = payload(o)?;
    if g.kind == GenKind::AsyncGen {
        let fin = g.finalizer.borrow_mut().take();
        if let Some(fin) = fin
            && g.frame.borrow().is_some()
        {
            // The event loop's finalizer closes it (asynchronously).
            crate::protocol::call::call_pos(vm, &fin, &[o.clone()])?;
            return Ok(());
        }
    }
    if g.frame.borrow().is_none() {
        return Ok(());
    }
    if g.kind == GenKind::Coroutine && !g.is_started() {
        return warn_unawaited(vm, o);
    }
    if g.is_started() && g.kind != GenKind::Coroutine {
        gen_close(vm, g)?;
    }
    Ok(())
}

/// "coroutine '...' was never awaited": through
/// `warnings._warn_unawaited_coroutine` as CPython does (it adds the
/// creation traceback when origin tracking is on).
fn warn_unawaited(vm: &Vm, o: &PyRef) -> PyResult<()> {
    let r = crate::interp::import::import_module(vm, "warnings")
        .and_then(|w| crate::protocol::object::get_attr_str(vm, &w, "_warn_unawaited_coroutine"))
        .and_then(|f| crate::protocol::call::call_pos(vm, &f, &[o.clone()]));
    match r {
        Ok(_) => Ok(()),
        Err(e) => {
            vm.write_unraisable(&e, Some(o), "Exception ignored in");
            Ok(())
        }
    }
}

/// `sys.set_asyncgen_hooks`' firstiter runs before the first step of an
/// async generator, and its finalizer is remembered for collection.
fn init_hooks(vm: &Vm, o: &PyRef) -> PyResult<()> {
    let g = payload(o)?;
    if g.hooks_inited.replace(true) {
        return Ok(());
    }
    let (first, fin) = vm.interp.asyncgen_hooks();
    if fin.is_some() {
        *g.finalizer.borrow_mut() = fin;
    }
    if let Some(first) = first {
        crate::protocol::call::call_pos(vm, &first, &[o.clone()])?;
    }
    Ok(())
}

fn g_repr(_: &Vm, o: &PyRef) -> PyResult {
    let g = payload(o)?;
    let q = g
        .qualname
        .borrow()
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let kind = match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGen => "async_generator",
    };
    Ok(PyStr::new_ref(&format!(
        "<{kind} object {q} at {:#x}>",
        o.bits()
    )))
}

fn get_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.name.borrow().clone())
}
fn set_name(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<PyStr>().is_some())
        .ok_or_else(|| type_error("__name__ must be set to a string object"))?;
    *payload(o)?.name.borrow_mut() = v.clone();
    Ok(())
}
fn get_qualname(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.qualname.borrow().clone())
}
fn set_qualname(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<PyStr>().is_some())
        .ok_or_else(|| type_error("__qualname__ must be set to a string object"))?;
    *payload(o)?.qualname.borrow_mut() = v.clone();
    Ok(())
}
fn get_running(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::bool_::py_bool(payload(o)?.running.get()))
}
fn get_origin(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.origin.clone().unwrap_or_else(none))
}
fn get_code(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.code.clone())
}
fn get_yieldfrom(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.yieldfrom().unwrap_or_else(none))
}
fn get_frame(vm: &Vm, o: &PyRef) -> PyResult {
    let g = payload(o)?;
    let mut fr = g.frame.borrow_mut();
    match fr.as_mut() {
        Some(f) => Ok(crate::interp::traceback::snapshot_frame(vm, f)),
        None => Ok(none()),
    }
}
fn get_suspended(_: &Vm, o: &PyRef) -> PyResult {
    let g = payload(o)?;
    Ok(crate::types::bool_::py_bool(
        g.frame.borrow().is_some() && g.is_started() && !g.running.get(),
    ))
}

static GEN_METHODS: &[MethodDef] = &[
    MethodDef::method("send", m_send),
    MethodDef::method("throw", m_throw),
    MethodDef::method("close", m_close),
];

static GEN_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("__name__", get_name, set_name),
    GetSetDef::with_set("__qualname__", get_qualname, set_qualname),
    GetSetDef::new("gi_running", get_running),
    GetSetDef::new("gi_code", get_code),
    GetSetDef::new("gi_yieldfrom", get_yieldfrom),
    GetSetDef::new("gi_frame", get_frame),
    GetSetDef::new("gi_suspended", get_suspended),
];
static CORO_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("__name__", get_name, set_name),
    GetSetDef::with_set("__qualname__", get_qualname, set_qualname),
    GetSetDef::new("cr_running", get_running),
    GetSetDef::new("cr_code", get_code),
    GetSetDef::new("cr_await", get_yieldfrom),
    GetSetDef::new("cr_frame", get_frame),
    GetSetDef::new("cr_suspended", get_suspended),
    GetSetDef::new("cr_origin", get_origin),
];
static AGEN_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("__name__", get_name, set_name),
    GetSetDef::with_set("__qualname__", get_qualname, set_qualname),
    GetSetDef::new("ag_running", get_running),
    GetSetDef::new("ag_code", get_code),
    GetSetDef::new("ag_await", get_yieldfrom),
    GetSetDef::new("ag_frame", get_frame),
];

// ---- coroutine: __await__ returns the coroutine itself as its iterator

fn m_await(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__await__")?;
    Ok(s.clone())
}

crate::py_payload! {
    /// The iterator `coroutine.__await__()` returns.
    pub struct PyCoroWrapper {
        coro: PyRef,
    }
}

pub static CORO_WRAPPER_TYPE: StaticType = StaticType::new();

impl PyPayload for PyCoroWrapper {
    fn class() -> &'static Obj<PyType> {
        CORO_WRAPPER_TYPE.get()
    }
}

fn coro_await(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__await__")?;
    Ok(crate::object::alloc(PyCoroWrapper { coro: s.clone() }))
}

fn wrapped(o: &PyRef) -> PyResult<PyRef> {
    Ok(o.downcast::<PyCoroWrapper>()
        .ok_or_else(|| type_error("expected coroutine_wrapper"))?
        .coro
        .clone())
}

fn cw_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    g_next(vm, &wrapped(o)?)
}

fn cw_forward(vm: &Vm, a: Args<'_>, f: fn(&Vm, Args<'_>) -> PyResult) -> PyResult {
    let s = a.args.first().ok_or_else(|| type_error("needs self"))?;
    let mut v = vec![wrapped(s)?];
    v.extend(a.args[1..].iter().cloned());
    f(vm, Args::new(&v, a.kwnames))
}
fn cw_send(vm: &Vm, a: Args<'_>) -> PyResult {
    cw_forward(vm, a, m_send)
}
fn cw_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    cw_forward(vm, a, m_throw)
}
fn cw_close(vm: &Vm, a: Args<'_>) -> PyResult {
    cw_forward(vm, a, m_close)
}

static CW_METHODS: &[MethodDef] = &[
    MethodDef::method("send", cw_send),
    MethodDef::method("throw", cw_throw),
    MethodDef::method("close", cw_close),
];

static CORO_METHODS: &[MethodDef] = &[
    MethodDef::method("send", m_send),
    MethodDef::method("throw", m_throw),
    MethodDef::method("close", m_close),
    MethodDef::method("__await__", coro_await),
];

// ---- async generators

fn m_aiter(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__aiter__")?;
    Ok(s.clone())
}

fn new_asend(g: &PyRef, first: Option<PyRef>, throw: Option<PyRef>) -> PyRef {
    crate::object::alloc(PyAsyncGenASend {
        agen: g.clone(),
        first: RefCell::new(first),
        throw: RefCell::new(throw),
        done: Cell::new(false),
    })
}

fn m_anext(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__anext__")?;
    init_hooks(vm, s)?;
    Ok(new_asend(s, Some(none()), None))
}

fn m_asend(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, v] = a.exact::<2>("asend")?;
    init_hooks(vm, s)?;
    Ok(new_asend(s, Some(v.clone()), None))
}

fn m_athrow(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("athrow", 2, 4)?;
    init_hooks(vm, &args[0])?;
    let e = make_thrown(vm, &args[1], args.get(2), args.get(3))?;
    Ok(new_asend(&args[0], None, Some(e.into_value())))
}

fn m_aclose(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("aclose")?;
    init_hooks(vm, s)?;
    let e = PyErr::new_args(&GENERATOR_EXIT, vec![]);
    Ok(new_asend(s, None, Some(e.into_value())))
}

static AGEN_METHODS: &[MethodDef] = &[
    MethodDef::method("__aiter__", m_aiter),
    MethodDef::method("__anext__", m_anext),
    MethodDef::method("asend", m_asend),
    MethodDef::method("athrow", m_athrow),
    MethodDef::method("aclose", m_aclose),
];

/// Drives an async generator one step for an `asend`/`athrow` awaitable.
fn asend_step(vm: &Vm, o: &PyRef, value: PyRef, exc: Option<PyErr>) -> PyResult<Option<PyRef>> {
    let s = o
        .downcast::<PyAsyncGenASend>()
        .ok_or_else(|| type_error("expected async_generator_asend"))?;
    if s.done.get() {
        return Err(runtime_error(
            "cannot reuse already awaited __anext__()/asend()",
        ));
    }
    let g = payload(&s.agen)?;
    let first = s.first.borrow_mut().take();
    let thrown = s.throw.borrow_mut().take();
    let is_close = thrown
        .as_ref()
        .is_some_and(|t| t.class().is_subtype(GENERATOR_EXIT.get()));
    let r = match (exc, thrown) {
        (Some(e), _) => gen_throw(vm, g, e),
        (None, Some(t)) => {
            if g.frame.borrow().is_none() || (!g.is_started() && is_close) {
                let f = g.frame.borrow_mut().take();
                drop(f);
                s.done.set(true);
                return Err(if is_close {
                    crate::error::stop_iteration(None)
                } else {
                    PyErr::from_instance(t)
                });
            }
            gen_throw(vm, g, PyErr::from_instance(t))
        }
        (None, None) => gen_send(vm, g, first.unwrap_or(value)),
    };
    match r {
        Ok(SendResult::Yield(v)) => {
            if let Some(w) = v.downcast::<PyAsyncGenWrapped>() {
                s.done.set(true);
                if is_close {
                    return Err(runtime_error("async generator ignored GeneratorExit"));
                }
                return Err(crate::error::stop_iteration(Some(w.value.clone())));
            }
            Ok(Some(v))
        }
        Ok(SendResult::Return(_)) => {
            s.done.set(true);
            if is_close {
                return Err(crate::error::stop_iteration(None));
            }
            Err(PyErr::new_args(&STOP_ASYNC_ITERATION, vec![]))
        }
        Err(e) => {
            s.done.set(true);
            if is_close && (e.matches(&GENERATOR_EXIT) || e.matches(&STOP_ASYNC_ITERATION)) {
                return Err(crate::error::stop_iteration(None));
            }
            Err(e)
        }
    }
}

fn asend_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    match asend_step(vm, o, none(), None) {
        Err(e)
            if e.matches(&STOP_ITERATION)
                && is_none(&crate::types::exceptions::exc_attr(e.value(), "value")) =>
        {
            Ok(None)
        }
        r => r,
    }
}

fn asend_send(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, v] = a.exact::<2>("send")?;
    match asend_step(vm, s, v.clone(), None)? {
        Some(x) => Ok(x),
        None => Err(crate::error::stop_iteration(None)),
    }
}

fn asend_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("throw", 2, 4)?;
    let e = make_thrown(vm, &args[1], args.get(2), args.get(3))?;
    match asend_step(vm, &args[0], none(), Some(e))? {
        Some(x) => Ok(x),
        None => Err(crate::error::stop_iteration(None)),
    }
}

fn asend_close(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("close")?;
    if let Some(x) = s.downcast::<PyAsyncGenASend>() {
        x.done.set(true);
    }
    Ok(none())
}

static ASEND_METHODS: &[MethodDef] = &[
    MethodDef::method("send", asend_send),
    MethodDef::method("throw", asend_throw),
    MethodDef::method("close", asend_close),
    MethodDef::method("__await__", m_await),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &GENERATOR_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(g_iter),
                    iternext: Some(g_next),
                    repr: Some(g_repr),
                    del: Some(g_del),
                    ..Slots::EMPTY
                },
                methods: GEN_METHODS,
                getsets: GEN_GETSETS,
                ..TypeSpec::new("generator", Layout::of::<PyGenerator>())
            },
        ),
        (
            &COROUTINE_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(g_repr),
                    del: Some(g_del),
                    ..Slots::EMPTY
                },
                methods: CORO_METHODS,
                getsets: CORO_GETSETS,
                ..TypeSpec::new("coroutine", Layout::of::<PyGenerator>())
            },
        ),
        (
            &ASYNC_GENERATOR_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(g_repr),
                    del: Some(g_del),
                    ..Slots::EMPTY
                },
                methods: AGEN_METHODS,
                getsets: AGEN_GETSETS,
                ..TypeSpec::new("async_generator", Layout::of::<PyGenerator>())
            },
        ),
        (
            &CORO_WRAPPER_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(g_iter),
                    iternext: Some(cw_next),
                    ..Slots::EMPTY
                },
                methods: CW_METHODS,
                ..TypeSpec::new("coroutine_wrapper", Layout::of::<PyCoroWrapper>())
            },
        ),
        (
            &ASYNC_GEN_WRAPPED_TYPE,
            TypeSpec::new(
                "async_generator_wrapped_value",
                Layout::of::<PyAsyncGenWrapped>(),
            ),
        ),
        (
            &ASYNC_GEN_ASEND_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(g_iter),
                    iternext: Some(asend_next),
                    ..Slots::EMPTY
                },
                methods: ASEND_METHODS,
                ..TypeSpec::new("async_generator_asend", Layout::of::<PyAsyncGenASend>())
            },
        ),
    ]
}
