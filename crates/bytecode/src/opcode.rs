//! The opcode table: every opcode is defined exactly once, in the
//! `define_opcodes!` invocation below, with its number, the kind of its
//! argument, its stack effect and its documentation.  The `Opcode` enum, the
//! decoder, the name table, the stack-effect function and the disassembler's
//! argument rendering are all derived from that one table.
//!
//! # Semantics
//!
//! Each opcode behaves as the CPython 3.11 opcode of the same name (see the
//! `dis` module documentation for 3.11), with these deliberate differences:
//!
//! - **Encoding**: one `u32` per instruction: opcode in the low 8 bits,
//!   argument in the high 24 bits.  `EXTENDED_ARG` prefixes supply higher
//!   bits (`arg = (prefix_arg << 24) | arg`).  There are no inline `CACHE`
//!   entries: specialization caches live in a side table owned by the VM.
//! - **Jumps are absolute**: the argument of every jump (kind
//!   [`ArgKind::Jump`]) is the index of the target instruction in the code
//!   array (counted in instructions, not bytes).  `JUMP_BACKWARD` is kept as
//!   its own opcode because backward jumps are where loops get hot.
//!   There are no `_FORWARD`/`_BACKWARD` variants of conditional jumps.
//! - **No `PRECALL`, no `RETURN_GENERATOR`, no `CACHE`**: `CALL` alone does the
//!   call, and calling a code object with `CO_GENERATOR`/`CO_COROUTINE`/
//!   `CO_ASYNC_GENERATOR` set creates the generator object in the call path
//!   (its frame starts at instruction 0, which is `RESUME 0`).
//! - **Pseudo-instructions** (`SETUP_FINALLY`, `SETUP_CLEANUP`, `SETUP_WITH`,
//!   `POP_BLOCK`, `JUMP`, `JUMP_NO_INTERRUPT`) exist only inside the compiler
//!   and are replaced by the exception table and real jumps before a code
//!   object is built.  They are in this table (numbers >= 240) so the compiler
//!   can compute their stack effects from the same source of truth.

/// How an opcode's argument is interpreted (drives the disassembler).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// The argument is ignored (and should be 0).
    None,
    /// A plain number (count, flags, depth).
    Num,
    /// Index into `co_consts`.
    Const,
    /// Index into `co_names`.
    Name,
    /// `LOAD_GLOBAL`: `arg >> 1` indexes `co_names`; bit 0 means "push NULL first".
    GlobalName,
    /// Index into the localsplus array (`co_varnames + cellvars + freevars`).
    Local,
    /// Absolute instruction index.
    Jump,
    /// A [`CompareOp`] number.
    Compare,
    /// A [`BinaryOp`] number.
    BinOp,
}

macro_rules! define_opcodes {
    (
        $( $(#[doc = $doc:literal])* $name:ident = $num:literal, $kind:ident, |$a:ident, $j:ident| $eff:expr ;)*
        @specialized {
            $( $(#[doc = $sdoc:literal])* $sname:ident = $snum:literal => $base:ident ;)*
        }
    ) => {
        /// A Taipan opcode.  See the module documentation for semantics.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $num, )*
            $( $(#[doc = $sdoc])* $sname = $snum, )*
        }

        impl Opcode {
            /// Every opcode, in table order (specialized forms last).
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)* $(Opcode::$sname,)*];

            /// Decodes an opcode number; `None` for unassigned numbers.
            #[inline(always)]
            pub fn from_u8(b: u8) -> Option<Opcode> {
                match b {
                    $($num => Some(Opcode::$name),)*
                    $($snum => Some(Opcode::$sname),)*
                    _ => None,
                }
            }

            /// The opcode's name as shown by the disassembler.
            pub fn name(self) -> &'static str {
                match self {
                    $(Opcode::$name => stringify!($name),)*
                    $(Opcode::$sname => stringify!($sname),)*
                }
            }

            /// The generic instruction a specialized form stands for (itself
            /// for generic instructions).  Specialized forms have their
            /// family's argument kind and stack effect.
            #[inline]
            pub fn deopt(self) -> Opcode {
                match self {
                    $(Opcode::$sname => Opcode::$base,)*
                    _ => self,
                }
            }

            /// True for the specialized forms the interpreter writes into
            /// its quickened copy of the code (never emitted by the compiler).
            #[inline]
            pub fn is_specialized(self) -> bool {
                self.deopt() != self
            }

            /// What the argument means.
            pub fn arg_kind(self) -> ArgKind {
                match self {
                    $(Opcode::$name => ArgKind::$kind,)*
                    $(Opcode::$sname => Opcode::$base.arg_kind(),)*
                }
            }

            /// Net change of the value-stack depth when executing this
            /// instruction with argument `arg`; `jump` selects the effect on
            /// the branch-taken path (for conditional jumps, `FOR_ITER`,
            /// `SEND` and the `SETUP_*` pseudo-instructions).
            #[allow(unused_variables)]
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                match self {
                    $(Opcode::$name => { let $a = arg as i32; let $j = jump; $eff },)*
                    $(Opcode::$sname => Opcode::$base.stack_effect(arg, jump),)*
                }
            }
        }
    };
}

define_opcodes! {
    /// Does nothing.
    NOP = 0, None, |a, j| 0;
    /// Pops the top of stack.
    POP_TOP = 1, None, |a, j| -1;
    /// Pushes the NULL marker used by the `CALL` protocol.
    PUSH_NULL = 2, None, |a, j| 1;
    /// Pushes a copy of the `arg`-th item (1 = top).
    COPY = 3, Num, |a, j| 1;
    /// Swaps the top with the `arg`-th item (arg >= 2).
    SWAP = 4, Num, |a, j| 0;
    UNARY_POSITIVE = 5, None, |a, j| 0;
    UNARY_NEGATIVE = 6, None, |a, j| 0;
    UNARY_NOT = 7, None, |a, j| 0;
    UNARY_INVERT = 8, None, |a, j| 0;
    /// Binary or in-place operator; `arg` is a [`BinaryOp`].
    BINARY_OP = 9, BinOp, |a, j| -1;
    BINARY_SUBSCR = 10, None, |a, j| -1;
    STORE_SUBSCR = 11, None, |a, j| -3;
    DELETE_SUBSCR = 12, None, |a, j| -2;
    /// Builds a slice from 2 or 3 items.
    BUILD_SLICE = 13, Num, |a, j| 1 - a;
    GET_ITER = 14, None, |a, j| 0;
    GET_YIELD_FROM_ITER = 15, None, |a, j| 0;
    /// Calls `next()` on the iterator on top; on exhaustion pops it and jumps.
    FOR_ITER = 16, Jump, |a, j| if j { -1 } else { 1 };
    GET_LEN = 17, None, |a, j| 1;
    MATCH_MAPPING = 18, None, |a, j| 1;
    MATCH_SEQUENCE = 19, None, |a, j| 1;
    MATCH_KEYS = 20, None, |a, j| 1;
    /// Pops subject, class and the keyword-names tuple; pushes a tuple of
    /// extracted attributes or None.  `arg` is the positional count.
    MATCH_CLASS = 21, Num, |a, j| -2;
    PRINT_EXPR = 22, None, |a, j| -1;
    LOAD_BUILD_CLASS = 23, None, |a, j| 1;
    RETURN_VALUE = 24, None, |a, j| -1;
    /// Pops a value and yields it; on resumption pushes the sent value.
    YIELD_VALUE = 25, None, |a, j| 0;
    /// Marks function entry (arg 0) or resumption points (1 after yield,
    /// 2 after yield from, 3 after await); the eval-breaker and hotness check.
    RESUME = 26, Num, |a, j| 0;
    /// `[receiver, value]`: sends value into receiver; if it yields, replaces
    /// value with the yielded one; if it returns, pops both, pushes the
    /// return value and jumps.
    SEND = 27, Jump, |a, j| if j { -1 } else { 0 };
    ASYNC_GEN_WRAP = 28, None, |a, j| 0;
    GET_AWAITABLE = 29, Num, |a, j| 0;
    GET_AITER = 30, None, |a, j| 0;
    GET_ANEXT = 31, None, |a, j| 1;
    BEFORE_ASYNC_WITH = 32, None, |a, j| 1;
    END_ASYNC_FOR = 33, None, |a, j| -2;
    SETUP_ANNOTATIONS = 34, None, |a, j| 0;
    IMPORT_STAR = 35, None, |a, j| -1;
    /// Pops level and fromlist, pushes the module.
    IMPORT_NAME = 36, Name, |a, j| -1;
    IMPORT_FROM = 37, Name, |a, j| 1;
    POP_EXCEPT = 38, None, |a, j| -1;
    PUSH_EXC_INFO = 39, None, |a, j| 1;
    CHECK_EXC_MATCH = 40, None, |a, j| 0;
    CHECK_EG_MATCH = 41, None, |a, j| 0;
    PREP_RERAISE_STAR = 42, None, |a, j| -1;
    /// Re-raises the exception on top; if `arg` is non-zero also pops the
    /// saved `lasti` below it and restores it.
    RERAISE = 43, Num, |a, j| -1;
    WITH_EXCEPT_START = 44, None, |a, j| 1;
    /// Pops a context manager; pushes its bound `__exit__` and the result of
    /// `__enter__()`.
    BEFORE_WITH = 45, None, |a, j| 1;
    STORE_NAME = 46, Name, |a, j| -1;
    DELETE_NAME = 47, Name, |a, j| 0;
    UNPACK_SEQUENCE = 48, Num, |a, j| a - 1;
    /// `arg & 0xFF` targets before the star, `arg >> 8` after it.
    UNPACK_EX = 49, Num, |a, j| (a & 0xFF) + (a >> 8);
    STORE_ATTR = 50, Name, |a, j| -2;
    DELETE_ATTR = 51, Name, |a, j| -1;
    STORE_GLOBAL = 52, Name, |a, j| -1;
    DELETE_GLOBAL = 53, Name, |a, j| 0;
    LOAD_CONST = 54, Const, |a, j| 1;
    LOAD_NAME = 55, Name, |a, j| 1;
    BUILD_TUPLE = 56, Num, |a, j| 1 - a;
    BUILD_LIST = 57, Num, |a, j| 1 - a;
    BUILD_SET = 58, Num, |a, j| 1 - a;
    /// Pops `arg` key/value pairs.
    BUILD_MAP = 59, Num, |a, j| 1 - 2 * a;
    /// Pops `arg` values and a tuple of keys.
    BUILD_CONST_KEY_MAP = 60, Num, |a, j| -a;
    BUILD_STRING = 61, Num, |a, j| 1 - a;
    LOAD_ATTR = 62, Name, |a, j| 0;
    /// Pops obj; pushes `(method, obj)` for an unbound method found on the
    /// type, else `(NULL, attribute)`.
    LOAD_METHOD = 63, Name, |a, j| 1;
    COMPARE_OP = 64, Compare, |a, j| -1;
    /// `is` (arg 0) or `is not` (arg 1).
    IS_OP = 65, Num, |a, j| -1;
    /// `in` (arg 0) or `not in` (arg 1).
    CONTAINS_OP = 66, Num, |a, j| -1;
    JUMP_FORWARD = 67, Jump, |a, j| 0;
    /// Backward jump: checks the eval breaker and counts loop hotness.
    JUMP_BACKWARD = 68, Jump, |a, j| 0;
    /// Backward jump without the eval-breaker check (used in `yield from`).
    JUMP_BACKWARD_NO_INTERRUPT = 69, Jump, |a, j| 0;
    POP_JUMP_IF_FALSE = 70, Jump, |a, j| -1;
    POP_JUMP_IF_TRUE = 71, Jump, |a, j| -1;
    POP_JUMP_IF_NONE = 72, Jump, |a, j| -1;
    POP_JUMP_IF_NOT_NONE = 73, Jump, |a, j| -1;
    JUMP_IF_FALSE_OR_POP = 74, Jump, |a, j| if j { 0 } else { -1 };
    JUMP_IF_TRUE_OR_POP = 75, Jump, |a, j| if j { 0 } else { -1 };
    /// `arg >> 1` indexes `co_names`; if `arg & 1`, pushes NULL first.
    LOAD_GLOBAL = 76, GlobalName, |a, j| 1 + (a & 1);
    LOAD_FAST = 77, Local, |a, j| 1;
    STORE_FAST = 78, Local, |a, j| -1;
    DELETE_FAST = 79, Local, |a, j| 0;
    /// Replaces the local in slot `arg` by a new cell holding it.
    MAKE_CELL = 80, Local, |a, j| 0;
    /// Pushes the cell in slot `arg` (for building closures).
    LOAD_CLOSURE = 81, Local, |a, j| 1;
    LOAD_DEREF = 82, Local, |a, j| 1;
    STORE_DEREF = 83, Local, |a, j| -1;
    DELETE_DEREF = 84, Local, |a, j| 0;
    /// Class bodies: looks in the locals mapping first, then the cell.
    LOAD_CLASSDEREF = 85, Local, |a, j| 1;
    /// Copies the function's closure cells into the last `arg` slots.
    COPY_FREE_VARS = 86, Num, |a, j| 0;
    RAISE_VARARGS = 87, Num, |a, j| -a;
    /// Pops a code object and, by flag bits, closure tuple (0x08),
    /// annotations tuple (0x04), kw-defaults dict (0x02), defaults tuple
    /// (0x01); pushes the function.  The qualname comes from the code object.
    MAKE_FUNCTION = 88, Num, |a, j| -((a & 0xF).count_ones() as i32);
    /// `[NULL, callable, args_tuple, kwargs_dict if arg & 1]` -> result.
    CALL_FUNCTION_EX = 89, Num, |a, j| -2 - (a & 1);
    /// Sets the keyword-names tuple (`co_consts[arg]`) for the next `CALL`.
    KW_NAMES = 90, Const, |a, j| 0;
    /// `[NULL or method, callable or self, arg1 .. argN]` -> result.
    CALL = 91, Num, |a, j| -a - 1;
    /// Formats the top (and a spec below it if `arg & 4`); `arg & 3` is the
    /// conversion: 0 none, 1 `str`, 2 `repr`, 3 `ascii`.
    FORMAT_VALUE = 92, Num, |a, j| if a & 4 != 0 { -1 } else { 0 };
    LIST_APPEND = 93, Num, |a, j| -1;
    SET_ADD = 94, Num, |a, j| -1;
    MAP_ADD = 95, Num, |a, j| -2;
    LIST_EXTEND = 96, Num, |a, j| -1;
    SET_UPDATE = 97, Num, |a, j| -1;
    DICT_MERGE = 98, Num, |a, j| -1;
    DICT_UPDATE = 99, Num, |a, j| -1;
    LIST_TO_TUPLE = 100, None, |a, j| 0;
    LOAD_ASSERTION_ERROR = 101, None, |a, j| 1;
    /// Supplies the high bits of the next instruction's argument.
    EXTENDED_ARG = 102, Num, |a, j| 0;

    // ---- pseudo-instructions: compiler-internal, never in a code object ----
    /// Pseudo: pushes an exception-table block; the handler receives the exception.
    SETUP_FINALLY = 240, Jump, |a, j| if j { 1 } else { 0 };
    /// Pseudo: like `SETUP_FINALLY` but the handler also receives `lasti`.
    SETUP_CLEANUP = 241, Jump, |a, j| if j { 2 } else { 0 };
    /// Pseudo: the block protecting a `with` body.
    SETUP_WITH = 242, Jump, |a, j| if j { 1 } else { 0 };
    /// Pseudo: pops the innermost exception-table block.
    POP_BLOCK = 243, None, |a, j| 0;
    /// Pseudo: unconditional jump, becomes `JUMP_FORWARD` or `JUMP_BACKWARD`.
    JUMP = 244, Jump, |a, j| 0;
    /// Pseudo: becomes `JUMP_FORWARD` or `JUMP_BACKWARD_NO_INTERRUPT`.
    JUMP_NO_INTERRUPT = 245, Jump, |a, j| 0;

    // ---- specialized forms (PEP 659 quickening) -------------------------
    // Written by the interpreter into a code object's quickened copy after
    // warm-up, never by the compiler; each is guarded and falls back to its
    // family's generic behaviour on a miss (see `vm/src/interp/specialize.rs`).
    @specialized {
        /// Instance attribute in hidden-class slot (guards: type, type version, map).
        LOAD_ATTR_INSTANCE = 110 => LOAD_ATTR;
        /// Attribute of a module object (guards: module dict version).
        LOAD_ATTR_MODULE = 111 => LOAD_ATTR;
        /// Plain class attribute seen through an instance (guards: type version, map).
        LOAD_ATTR_CLASS = 112 => LOAD_ATTR;
        /// Store into an existing hidden-class slot (guards: type, type version, map).
        STORE_ATTR_INSTANCE = 113 => STORE_ATTR;
        /// Add an attribute: map transition (guards: type, type version, map).
        STORE_ATTR_INSTANCE_ADD = 114 => STORE_ATTR;
        /// Method found on the type, not shadowed (guards: type version, map).
        LOAD_METHOD_CACHED = 115 => LOAD_METHOD;
        /// Function of a module (guards: module dict version).
        LOAD_METHOD_MODULE = 116 => LOAD_METHOD;
        /// Global found in the globals dict (guards: dict version).
        LOAD_GLOBAL_MODULE = 117 => LOAD_GLOBAL;
        /// Global found in builtins (guards: globals and builtins versions).
        LOAD_GLOBAL_BUILTIN = 118 => LOAD_GLOBAL;
        /// `+`/`+=` on two small ints.
        BINARY_OP_ADD_INT = 119 => BINARY_OP;
        /// `-`/`-=` on two small ints.
        BINARY_OP_SUBTRACT_INT = 120 => BINARY_OP;
        /// `*`/`*=` on two small ints.
        BINARY_OP_MULTIPLY_INT = 121 => BINARY_OP;
        /// `&`, `|`, `^` (and in-place) on two small ints.
        BINARY_OP_BITWISE_INT = 122 => BINARY_OP;
        /// `+ - * /` (and in-place) on two exact floats.
        BINARY_OP_FLOAT = 123 => BINARY_OP;
        /// Comparison of two small ints.
        COMPARE_OP_INT = 124 => COMPARE_OP;
        /// Comparison of two exact floats.
        COMPARE_OP_FLOAT = 125 => COMPARE_OP;
        /// `==`/`!=` of two exact strs.
        COMPARE_OP_STR = 126 => COMPARE_OP;
        /// `list[int]`.
        BINARY_SUBSCR_LIST_INT = 127 => BINARY_SUBSCR;
        /// `tuple[int]`.
        BINARY_SUBSCR_TUPLE_INT = 128 => BINARY_SUBSCR;
        /// `dict[key]` on an exact dict.
        BINARY_SUBSCR_DICT = 129 => BINARY_SUBSCR;
        /// `list[int] = v`.
        STORE_SUBSCR_LIST_INT = 130 => STORE_SUBSCR;
        /// `dict[key] = v` on an exact dict.
        STORE_SUBSCR_DICT = 131 => STORE_SUBSCR;
        /// Next item of a `range` iterator.
        FOR_ITER_RANGE = 132 => FOR_ITER;
        /// Next item of a list or tuple iterator.
        FOR_ITER_SEQ = 133 => FOR_ITER;
        /// Python function (or bound method) with exactly its positional parameters.
        CALL_PY_EXACT_ARGS = 134 => CALL;
        /// Python function with positional arguments and defaults for the rest.
        CALL_PY_WITH_DEFAULTS = 135 => CALL;
        /// `len(x)` with the builtin `len`.
        CALL_BUILTIN_LEN = 136 => CALL;
        /// `isinstance(x, t)` with the builtin `isinstance`.
        CALL_BUILTIN_ISINSTANCE = 137 => CALL;
        /// `lst.append(x)` on an exact list.
        CALL_LIST_APPEND = 138 => CALL;
        /// Unpacking an exact tuple of the right length.
        UNPACK_SEQUENCE_TUPLE = 139 => UNPACK_SEQUENCE;
        /// Unpacking an exact list of the right length.
        UNPACK_SEQUENCE_LIST = 140 => UNPACK_SEQUENCE;
        /// `C(args)` of a Python class with `object.__new__` and a Python
        /// `__init__` taking exactly the arguments: the instance is made
        /// here and `__init__`'s frame pushed (its `None` is dropped).
        CALL_PY_CLASS = 141 => CALL;
    }
}

impl Opcode {
    /// True for compiler-internal pseudo-instructions.
    pub fn is_pseudo(self) -> bool {
        (self as u8) >= 240
    }

    /// True for generic instructions the interpreter may specialize.
    pub fn is_specializable(self) -> bool {
        Opcode::ALL
            .iter()
            .any(|o| o.is_specialized() && o.deopt() == self)
    }

    /// True if the argument is a jump target.
    pub fn is_jump(self) -> bool {
        self.arg_kind() == ArgKind::Jump
    }

    /// True if control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Opcode::RETURN_VALUE
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
                | Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
                | Opcode::JUMP
                | Opcode::JUMP_NO_INTERRUPT
        )
    }
}

/// One encoded instruction: `op | arg << 8`.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct Instr(pub u32);

impl Instr {
    pub const ARG_BITS: u32 = 24;
    pub const MAX_ARG: u32 = (1 << 24) - 1;

    #[inline]
    pub fn new(op: Opcode, arg: u32) -> Instr {
        debug_assert!(arg <= Self::MAX_ARG);
        Instr((op as u8 as u32) | (arg << 8))
    }

    /// The raw opcode byte (decode with [`Opcode::from_u8`]).
    #[inline]
    pub fn op_byte(self) -> u8 {
        self.0 as u8
    }

    #[inline]
    pub fn arg(self) -> u32 {
        self.0 >> 8
    }
}

impl std::fmt::Debug for Instr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match Opcode::from_u8(self.op_byte()) {
            Some(op) => write!(f, "{} {}", op.name(), self.arg()),
            None => write!(f, "<{}> {}", self.op_byte(), self.arg()),
        }
    }
}

macro_rules! define_enum_table {
    ($(#[$m:meta])* $ty:ident { $($name:ident = $num:literal, $sym:literal;)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum $ty { $($name = $num,)* }

        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$name),*];
            pub fn from_u32(n: u32) -> Option<$ty> {
                match n { $($num => Some($ty::$name),)* _ => None }
            }
            /// The operator as written in Python source.
            pub fn symbol(self) -> &'static str {
                match self { $($ty::$name => $sym,)* }
            }
        }
    };
}

define_enum_table! {
    /// The argument of `BINARY_OP` (CPython 3.11's `NB_*` numbering).
    BinaryOp {
        Add = 0, "+";
        And = 1, "&";
        FloorDivide = 2, "//";
        Lshift = 3, "<<";
        MatrixMultiply = 4, "@";
        Multiply = 5, "*";
        Remainder = 6, "%";
        Or = 7, "|";
        Power = 8, "**";
        Rshift = 9, ">>";
        Subtract = 10, "-";
        TrueDivide = 11, "/";
        Xor = 12, "^";
        InplaceAdd = 13, "+=";
        InplaceAnd = 14, "&=";
        InplaceFloorDivide = 15, "//=";
        InplaceLshift = 16, "<<=";
        InplaceMatrixMultiply = 17, "@=";
        InplaceMultiply = 18, "*=";
        InplaceRemainder = 19, "%=";
        InplaceOr = 20, "|=";
        InplacePower = 21, "**=";
        InplaceRshift = 22, ">>=";
        InplaceSubtract = 23, "-=";
        InplaceTrueDivide = 24, "/=";
        InplaceXor = 25, "^=";
    }
}

impl BinaryOp {
    pub fn is_inplace(self) -> bool {
        (self as u8) >= 13
    }
    /// The non-in-place operator (`InplaceAdd` -> `Add`).
    pub fn base(self) -> BinaryOp {
        if self.is_inplace() {
            BinaryOp::from_u32(self as u32 - 13).unwrap_or(self)
        } else {
            self
        }
    }
}

define_enum_table! {
    /// The argument of `COMPARE_OP` (CPython's `Py_LT`.. numbering).
    CompareOp {
        Lt = 0, "<";
        Le = 1, "<=";
        Eq = 2, "==";
        Ne = 3, "!=";
        Gt = 4, ">";
        Ge = 5, ">=";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_round_trips() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(op as u8), Some(op));
            let i = Instr::new(op, 12345);
            assert_eq!(i.op_byte(), op as u8);
            assert_eq!(i.arg(), 12345);
        }
        let mut names: Vec<_> = Opcode::ALL.iter().map(|o| o.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Opcode::ALL.len());
        for &op in Opcode::ALL {
            assert!(
                !op.deopt().is_specialized(),
                "{} deopts to a specialized op",
                op.name()
            );
            assert!(!(op.is_specialized() && op.is_pseudo()));
        }
        assert!(Opcode::LOAD_ATTR.is_specializable());
        assert!(!Opcode::NOP.is_specializable());
    }

    #[test]
    fn stack_effects() {
        assert_eq!(Opcode::CALL.stack_effect(2, false), -3);
        assert_eq!(Opcode::LOAD_GLOBAL.stack_effect(3, false), 2);
        assert_eq!(Opcode::MAKE_FUNCTION.stack_effect(0x9, false), -2);
        assert_eq!(Opcode::FOR_ITER.stack_effect(0, true), -1);
        assert_eq!(Opcode::UNPACK_EX.stack_effect(0x0102, false), 3);
        assert_eq!(BinaryOp::InplaceAdd.base(), BinaryOp::Add);
    }
}
