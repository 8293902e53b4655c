//! Quickening and inline caches (PEP 659 style specialization).
//!
//! # Design
//!
//! A compiled [`CodeObject`](taipan_bytecode::CodeObject) is immutable and
//! shared, so each code object's Python wrapper (`PyCode`) carries a
//! [`QuickCode`]: a private, mutable copy of the instruction array (what the
//! dispatch loop actually executes) and, once the code is *warm*, a side
//! table of [`Cache`] entries, one per instruction, indexed by instruction
//! number.  A side table was chosen over CPython's inline `CACHE` words
//! because Taipan's wordcode has absolute jump targets, a line table and an
//! exception table all counted in instructions: inline cache words would
//! shift every index and force the compiler, `dis`, tracebacks and the
//! generator machinery to skip them.  With a side table the original code,
//! its positions and its exception table stay valid untouched; the cost is
//! one 32-byte entry per instruction, allocated only for warm code (a code
//! object entered [`WARM_THRESHOLD`] times or looping that often), so
//! run-once module bodies never pay it.
//!
//! Life of a specializable instruction (see [`Opcode::is_specializable`]):
//!
//! 1. Cold code: the generic handler runs; there is no cache.
//! 2. Warm code: the generic handler first counts its cache's `counter`
//!    down; at zero it calls the family's `specialize_*` function, which
//!    looks at the live operands and either rewrites the instruction in the
//!    quickened copy into a specialized form (same argument, same stack
//!    effect; the forms are in the one opcode table, `deopt()` maps them
//!    back) and fills the cache, or records a named [`Fail`] reason and
//!    backs off exponentially before trying again.
//! 3. Specialized: the handler (in `ops/special.rs`) checks its guards
//!    first (type identity and version tag, hidden-class map, dict keys
//!    version, operand types).  On a hit it does the operation directly; on
//!    a miss it counts down a miss budget and runs the generic handler for
//!    this execution, so the miss is invisible.  When the budget is spent the
//!    instruction is rewritten back to its generic form (a *deopt*) and may
//!    specialize again later for the types it sees then.
//!
//! Caches hold only *borrowed* identities (type pointers with version tags,
//! map addresses, dict keys versions, static `MethodDef` addresses), never
//! owned references: a guard that checks a version tag proves the cached
//! object is still reachable from the thing whose version it is.  Type
//! versions and dict keys versions are globally unique numbers, so a freed
//! and reallocated object can never satisfy a stale guard; hidden-class
//! maps are never freed.
//!
//! Specialization is invisible: every specialized form computes exactly
//! what the generic form would, raises nothing the generic form would not
//! (anything unusual is a miss that runs the generic path), and leaves
//! `f.lasti` and the line table untouched, so tracebacks are identical.
//!
//! `-X stats` (or `TAIPAN_STATS=1`) turns on counting: per family the
//! specialization successes and failures by reason, and per specialized
//! form its hits, misses and deopts; [`print_stats`] prints them at exit.

use std::cell::{Cell, OnceCell};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use taipan_bytecode::{CodeFlags, CodeObject, Instr, Opcode};

use crate::object::{Trace, Visit};

/// Entries (calls or loop iterations) after which a code object gets its
/// cache table.
pub const WARM_THRESHOLD: u32 = 4;
/// Executions of a warm generic instruction before the first attempt.
const FIRST_ATTEMPT: u16 = 1;
/// Misses a specialized instruction tolerates before it deopts.
const MISS_BUDGET: u16 = 32;
/// Largest back-off exponent after failed attempts (2^12 executions).
const MAX_BACKOFF: u16 = 12;

/// One inline-cache entry (the meaning of the words depends on the
/// specialized form; see `ops/special.rs`).
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct Cache {
    /// Generic form: executions until the next specialization attempt.
    /// Specialized form: misses left before deopt.
    pub counter: u16,
    /// Back-off exponent for failed attempts.
    pub backoff: u16,
    /// A small index (slot, dict entry) or a type version.
    pub aux: u32,
    pub w0: usize,
    pub w1: u64,
    pub w2: u64,
}

/// A code object's quickened instructions and cache table.
pub struct QuickCode {
    instrs: Box<[Cell<Instr>]>,
    caches: OnceCell<Box<[Cell<Cache>]>>,
    warmth: Cell<u32>,
    /// Positional-only calling convention: no `*args`, `**kw`, keyword-only
    /// parameters, and not a generator/coroutine (fast call paths).
    pub simple_args: bool,
    pub argcount: u32,
    /// Every instruction's opcode byte is a valid, non-pseudo opcode (so
    /// the loop may decode without the checked `from_u8` match).
    pub valid: bool,
}

impl Trace for QuickCode {
    fn trace(&self, _: &mut Visit<'_>) {}
}

impl QuickCode {
    pub fn new(code: &CodeObject) -> QuickCode {
        let f = code.flags;
        let simple_args = !f.has(CodeFlags::VARARGS)
            && !f.has(CodeFlags::VARKEYWORDS)
            && code.kwonlyargcount == 0
            && f.0 & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR)
                == 0;
        let valid = code
            .code
            .iter()
            .all(|i| Opcode::from_u8(i.op_byte()).is_some_and(|o| !o.is_pseudo()));
        QuickCode {
            valid,
            instrs: code.code.iter().map(|&i| Cell::new(i)).collect(),
            caches: OnceCell::new(),
            warmth: Cell::new(0),
            simple_args,
            argcount: code.argcount,
        }
    }

    /// The quickened instruction array (address and length): a frame keeps
    /// it so the dispatch loop reaches an instruction in one load.  The
    /// array is allocated once and lives as long as the code object.
    #[inline(always)]
    pub fn instrs_raw(&self) -> (*const Cell<Instr>, usize) {
        (self.instrs.as_ptr(), self.instrs.len())
    }

    /// The instruction to execute at `i`.
    #[inline(always)]
    pub fn instr(&self, i: usize) -> Option<Instr> {
        self.instrs.get(i).map(Cell::get)
    }

    /// Counts one function entry or loop iteration; allocates the cache
    /// table when the code becomes warm.
    #[inline(always)]
    pub fn heat(&self) {
        let w = self.warmth.get();
        if w < WARM_THRESHOLD {
            self.warmth.set(w + 1);
            if w + 1 == WARM_THRESHOLD {
                self.warm_up();
            }
        }
    }

    #[cold]
    fn warm_up(&self) {
        let c = Cache {
            counter: FIRST_ATTEMPT,
            ..Cache::default()
        };
        let _ = self
            .caches
            .set((0..self.instrs.len()).map(|_| Cell::new(c)).collect());
    }

    #[inline(always)]
    fn entry(&self, i: usize) -> Option<&Cell<Cache>> {
        self.caches.get()?.get(i)
    }

    /// A copy of cache entry `i` (None while the code is cold).
    #[inline(always)]
    pub fn cache(&self, i: usize) -> Option<Cache> {
        self.entry(i).map(Cell::get)
    }

    #[inline(always)]
    pub fn set_cache(&self, i: usize, c: Cache) {
        if let Some(e) = self.entry(i) {
            e.set(c);
        }
    }

    fn rewrite(&self, i: usize, op: Opcode) {
        if let Some(ins) = self.instrs.get(i) {
            ins.set(Instr((ins.get().0 & !0xFF) | op as u8 as u32));
        }
    }

    /// Generic handlers call this first: true when it is time to try to
    /// specialize the instruction at `i`.
    #[inline(always)]
    pub fn adapt(&self, i: usize) -> bool {
        match self.entry(i) {
            None => false,
            Some(e) => {
                let mut c = e.get();
                if c.counter == 0 {
                    true
                } else {
                    c.counter -= 1;
                    e.set(c);
                    false
                }
            }
        }
    }

    /// Installs a specialization: rewrites instruction `i` into `op` with
    /// cache `c` (its counter becomes the miss budget).
    pub fn specialize(&self, i: usize, op: Opcode, mut c: Cache) {
        let old = self.cache(i).unwrap_or_default();
        c.counter = MISS_BUDGET;
        c.backoff = old.backoff;
        self.set_cache(i, c);
        self.rewrite(i, op);
        stats::specialized(op.deopt());
    }

    /// Records a failed attempt: backs off exponentially.
    #[cold]
    pub fn fail(&self, i: usize, family: Opcode, why: Fail) {
        if let Some(e) = self.entry(i) {
            let mut c = e.get();
            c.backoff = (c.backoff + 1).min(MAX_BACKOFF);
            c.counter = (1u16 << c.backoff) - 1;
            e.set(c);
        }
        stats::failure(family, why);
    }

    /// A specialized instruction's guard failed: counts the miss and, when
    /// the budget is spent, rewrites it back to its generic form.
    #[cold]
    pub fn miss(&self, i: usize, op: Opcode) {
        stats::miss(op);
        let Some(e) = self.entry(i) else { return };
        let mut c = e.get();
        if c.counter > 0 {
            c.counter -= 1;
            e.set(c);
            return;
        }
        c.backoff = (c.backoff + 1).min(MAX_BACKOFF);
        c.counter = (1u16 << c.backoff) - 1;
        e.set(c);
        self.rewrite(i, op.deopt());
        stats::deopt(op);
    }
}

macro_rules! define_fail_reasons {
    ($( $name:ident = $text:literal, )*) => {
        /// Why an instruction could not be specialized (named in `-X stats`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Fail { $($name,)* }

        impl Fail {
            pub const ALL: &'static [Fail] = &[$(Fail::$name),*];
            pub fn text(self) -> &'static str {
                match self { $(Fail::$name => $text,)* }
            }
        }
    };
}

define_fail_reasons! {
    OtherType = "operand type not handled",
    CustomGetattr = "type overrides __getattribute__/__getattr__ or __setattr__",
    DictStorage = "instance uses dict storage",
    NoSlots = "type has no instance attribute storage",
    DataDescriptor = "attribute is a data descriptor (property, slot, getset)",
    Descriptor = "attribute is a non-data descriptor (e.g. bound method via LOAD_ATTR)",
    NotFound = "attribute not found",
    Shadowed = "instance attribute shadows the method",
    NotMethod = "attribute on the type is not a method",
    TooManyAttrs = "instance has too many attributes for a map",
    ModuleGetattr = "name missing from module dict",
    GlobalsNotDict = "globals or builtins is not an exact dict",
    GlobalMissing = "name not defined",
    OutOfRange = "small-int result or index out of range",
    MixedTypes = "operands of different types",
    UnhandledOp = "operator not specialized",
    NotSmallInt = "index is not a small int",
    KwArgs = "call with keyword arguments",
    NotSimpleCode = "callee has *args, **kwargs, keyword-only params or is a generator",
    WrongArgCount = "argument count does not match parameters/defaults",
    OtherCallable = "callable kind not specialized",
    ClassNotSimple = "class call: metaclass, __new__ or __init__ not a plain Python function",
}

/// The counters behind `-X stats`.
pub mod stats {
    use super::*;

    static ENABLED: AtomicBool = AtomicBool::new(false);
    const N: usize = 256;
    const NF: usize = 32;

    #[allow(clippy::declare_interior_mutable_const)]
    const Z: AtomicU64 = AtomicU64::new(0);
    static HITS: [AtomicU64; N] = [Z; N];
    static MISSES: [AtomicU64; N] = [Z; N];
    static DEOPTS: [AtomicU64; N] = [Z; N];
    static SPECIALIZED: [AtomicU64; N] = [Z; N];
    static FAILURES: [[AtomicU64; NF]; N] = [const { [Z; NF] }; N];

    pub fn enable() {
        ENABLED.store(true, Ordering::Relaxed);
    }

    #[inline(always)]
    pub fn enabled() -> bool {
        ENABLED.load(Ordering::Relaxed)
    }

    #[inline(always)]
    fn bump(a: &AtomicU64) {
        // Plain load/store: counting happens under the interpreter lock.
        a.store(a.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
    }

    #[inline(always)]
    pub fn hit(op: Opcode) {
        if enabled() {
            bump(&HITS[op as usize]);
        }
    }

    pub fn miss(op: Opcode) {
        if enabled() {
            bump(&MISSES[op as usize]);
        }
    }

    pub fn deopt(op: Opcode) {
        if enabled() {
            bump(&DEOPTS[op as usize]);
        }
    }

    pub fn specialized(family: Opcode) {
        if enabled() {
            bump(&SPECIALIZED[family as usize]);
        }
    }

    pub fn failure(family: Opcode, why: Fail) {
        if enabled() {
            bump(&FAILURES[family as usize][(why as usize).min(NF - 1)]);
        }
    }

    fn get(a: &AtomicU64) -> u64 {
        a.load(Ordering::Relaxed)
    }

    /// The report printed at exit (one block per instruction family).
    pub fn report() -> String {
        use std::fmt::Write;
        let mut out = String::from("Specialization stats (taipan -X stats)\n");
        for &fam in Opcode::ALL.iter().filter(|o| o.is_specializable()) {
            let fi = fam as usize;
            let fails: u64 = FAILURES[fi].iter().map(get).sum();
            let _ = writeln!(
                out,
                "{}: specialized {}, failed {}",
                fam.name(),
                get(&SPECIALIZED[fi]),
                fails
            );
            for &op in Opcode::ALL
                .iter()
                .filter(|o| o.is_specialized() && o.deopt() == fam)
            {
                let i = op as usize;
                let _ = writeln!(
                    out,
                    "    {:<26} hits {:>12}  misses {:>10}  deopts {:>8}",
                    op.name(),
                    get(&HITS[i]),
                    get(&MISSES[i]),
                    get(&DEOPTS[i])
                );
            }
            for &why in Fail::ALL {
                let n = get(&FAILURES[fi][(why as usize).min(NF - 1)]);
                if n > 0 {
                    let _ = writeln!(out, "    failure: {:<60} {:>8}", why.text(), n);
                }
            }
        }
        out
    }
}

/// Turns stats on when `TAIPAN_STATS` is set to a non-empty value other
/// than `0` (the cli also does it for `-X stats`).
pub fn init_from_env() {
    if std::env::var_os("TAIPAN_STATS").is_some_and(|v| !v.is_empty() && v != "0") {
        stats::enable();
    }
}

/// Prints the stats report to stderr if stats are on.
pub fn print_stats() {
    if stats::enabled() {
        eprint!("{}", stats::report());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_reasons_are_distinct() {
        let mut t: Vec<_> = Fail::ALL.iter().map(|f| f.text()).collect();
        t.sort();
        t.dedup();
        assert_eq!(t.len(), Fail::ALL.len());
        assert!(Fail::ALL.len() <= 32);
    }

    #[test]
    fn cache_entry_is_compact() {
        assert_eq!(std::mem::size_of::<Cache>(), 32);
    }
}
