//! Python `ast` objects -> Rust AST (CPython's `obj2ast`), for
//! `compile(tree, filename, mode)`.
//!
//! The rules are CPython 3.11's: a sum-type node (`expr`, `stmt`, ...)
//! reads its location attributes first, then is dispatched on its class
//! (subclasses count), then its fields in `_fields` order; a product
//! (`arguments`, `arg`, ...) reads its fields, then its attributes, and
//! never checks its class.  A missing field is a TypeError ("required field
//! \"lineno\" missing from expr"); a field holding None where a node is
//! required is a ValueError raised once the node's fields were read ("field
//! 'left' is required for BinOp"), as CPython's node constructors do.
//! Optional `end_lineno`/`end_col_offset` default to `lineno`/`col_offset`.
//!
//! Some of CPython's validator checks (`Python/ast.c`) are made here
//! because the Rust AST cannot hold what they reject: constant types, a
//! negative `ImportFrom.level`, None inside a list.  Positions are stored as
//! the C ints CPython keeps (a negative one as its bit pattern) for the
//! validator to check; the other checks are in `validate.rs`.  Every step
//! into a child node counts against the recursion limit ("... while
//! traversing 'expr' node").

use taipan_ast::*;

use super::State;
use super::nodes::{Field, K, Q, Spec, Ty, specs};
use crate::error::{PyErr, PyResult, recursion_error, type_error, value_error};
use crate::protocol::object as proto;
use crate::types::list::PyList;
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// Converts a Python `Module`/`Expression`/`Interactive` object for
/// `compile()` in `mode`, checking the class matches the mode.
pub fn obj_to_mod(vm: &Vm, o: &PyRef, mode: taipan_compiler::Mode) -> PyResult<Mod> {
    let st = super::state(vm)?;
    let (want, name) = match mode {
        taipan_compiler::Mode::Exec => (K::Module, "Module"),
        taipan_compiler::Mode::Eval => (K::Expression, "Expression"),
        taipan_compiler::Mode::Single => (K::Interactive, "Interactive"),
    };
    if !proto::isinstance(vm, o, &st.types[want as usize])? {
        return Err(type_error(format!(
            "expected {name} node, got {}",
            o.class().name()
        )));
    }
    let mut c = FromPy { vm, st: &st };
    match Mod::from_py(&mut c, o, &NODE_FIELD)? {
        Some(m) => Ok(m),
        None => Err(type_error(format!("expected {name} node, got NoneType"))),
    }
}

/// A stand-in field description for the root.
static NODE_FIELD: Field = Field {
    name: "",
    ty: Ty::Node(K::mod_),
    q: Q::One,
};

pub struct FromPy<'a> {
    vm: &'a Vm,
    st: &'a State,
}

fn spec(k: K) -> &'static Spec {
    &specs()[k as usize]
}

#[cold]
fn required(name: &str, owner: &str) -> PyErr {
    type_error(format!("required field \"{name}\" missing from {owner}"))
}

/// A Rust AST value that can be read from a Python object.
pub trait FromPyObj: Sized {
    /// Converts `o` (described by field `f`); `Ok(None)` is CPython's NULL
    /// (None given for a node or an identifier).
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, f: &Field) -> PyResult<Option<Self>>;
    /// A value standing for NULL until the node's "is required" error.
    fn placeholder() -> Self;
}

/// Reads the fields of one node object.
struct Reader<'o> {
    obj: &'o PyRef,
    k: K,
    /// The first required field that held None.
    missing: Option<&'static str>,
}

impl<'o> Reader<'o> {
    fn new(obj: &'o PyRef, k: K) -> Self {
        Reader {
            obj,
            k,
            missing: None,
        }
    }

    fn field(&self, name: &str) -> PyResult<&'static Field> {
        spec(self.k)
            .field(name)
            .ok_or_else(|| type_error(format!("_ast: no field {name}")))
    }

    fn attr(&self, c: &FromPy<'_>, name: &str) -> PyResult<Option<PyRef>> {
        proto::lookup_attr(c.vm, self.obj, name)
    }

    /// A required field.
    fn one<T: FromPyObj>(&mut self, c: &mut FromPy<'_>, name: &'static str) -> PyResult<T> {
        let f = self.field(name)?;
        let v = self
            .attr(c, name)?
            .ok_or_else(|| required(name, spec(self.k).name))?;
        match c.convert::<T>(&v, f)? {
            Some(x) => Ok(x),
            None => {
                self.missing.get_or_insert(f.name);
                Ok(T::placeholder())
            }
        }
    }

    /// An optional field (`?`): absent or None gives None.
    fn opt<T: FromPyObj>(&mut self, c: &mut FromPy<'_>, name: &'static str) -> PyResult<Option<T>> {
        let f = self.field(name)?;
        match self.attr(c, name)? {
            Some(v) if !is_none(&v) => c.convert::<T>(&v, f),
            _ => Ok(None),
        }
    }

    /// The items of a list field (`*`).
    fn list(&self, c: &FromPy<'_>, name: &'static str) -> PyResult<(PyRef, Vec<PyRef>)> {
        let owner = spec(self.k).name;
        let v = self.attr(c, name)?.ok_or_else(|| required(name, owner))?;
        let items = match v.downcast::<PyList>() {
            Some(l) => l.to_vec(),
            None => {
                return Err(type_error(format!(
                    "{owner} field \"{name}\" must be a list, not a {}",
                    v.class().name()
                )));
            }
        };
        Ok((v, items))
    }

    fn check_size(&self, list: &PyRef, n: usize, name: &str) -> PyResult<()> {
        if list.downcast::<PyList>().map_or(0, |l| l.len()) != n {
            return Err(crate::error::runtime_error(format!(
                "{} field \"{name}\" changed size during iteration",
                spec(self.k).name
            )));
        }
        Ok(())
    }

    /// A list field whose items may not be None.
    fn seq<T: FromPyObj>(&mut self, c: &mut FromPy<'_>, name: &'static str) -> PyResult<Vec<T>> {
        let f = self.field(name)?;
        let (list, items) = self.list(c, name)?;
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            let x = c.convert::<T>(it, f)?;
            self.check_size(&list, items.len(), name)?;
            match x {
                Some(x) => out.push(x),
                None => return Err(none_in_list(f.ty)),
            }
        }
        Ok(out)
    }

    /// A list field whose items may be None (`Dict.keys`, `kw_defaults`).
    fn seq_opt<T: FromPyObj>(
        &mut self,
        c: &mut FromPy<'_>,
        name: &'static str,
    ) -> PyResult<Vec<Option<T>>> {
        let f = self.field(name)?;
        let (list, items) = self.list(c, name)?;
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            let x = c.convert::<T>(it, f)?;
            self.check_size(&list, items.len(), name)?;
            out.push(x);
        }
        Ok(out)
    }

    /// Raises "field 'x' is required for Node" if a required field was None.
    fn finish(&self) -> PyResult<()> {
        match self.missing {
            Some(name) => Err(value_error(format!(
                "field '{name}' is required for {}",
                spec(self.k).name
            ))),
            None => Ok(()),
        }
    }
}

/// The validator's message for a None inside a list.
#[cold]
fn none_in_list(ty: Ty) -> PyErr {
    value_error(match ty {
        Ty::Node(K::stmt) => "None disallowed in statement list",
        Ty::Node(K::expr) => "None disallowed in expression list",
        Ty::Node(K::pattern) => "None disallowed in pattern list",
        _ => "None disallowed in list",
    })
}

impl FromPy<'_> {
    /// Converts one child value, counting a level of recursion for nodes.
    fn convert<T: FromPyObj>(&mut self, v: &PyRef, f: &Field) -> PyResult<Option<T>> {
        if let Ty::Node(k) = f.ty
            && !spec(k).is_simple_sum()
        {
            let _g = self.vm.enter_native_call().map_err(|_| {
                recursion_error(format!(
                    "maximum recursion depth exceeded while traversing '{}' node",
                    spec(k).name
                ))
            })?;
            T::from_py(self, v, f)
        } else {
            T::from_py(self, v, f)
        }
    }

    /// The constructor of sum `sum` that `o` is an instance of.
    fn which(&self, o: &PyRef, sum: K) -> PyResult<K> {
        let cls = o.class_ref();
        if let Some(&k) = self.st.by_type.get(&cls.bits())
            && spec(k).parent == Some(sum)
        {
            return Ok(k);
        }
        if let Some(t) = cls.as_type() {
            for b in t.mro_vec() {
                if let Some(&k) = self.st.by_type.get(&b.bits())
                    && spec(k).parent == Some(sum)
                {
                    return Ok(k);
                }
            }
        }
        Err(type_error(format!(
            "expected some sort of {}, but got {}",
            spec(sum).name,
            proto::repr_string(self.vm, o)?
        )))
    }

    /// `obj2ast_int`: an int that fits a C int.
    fn int(&self, v: &PyRef) -> PyResult<i32> {
        if !v.class().is_subtype(crate::types::int::INT_TYPE.get()) {
            return Err(value_error(format!(
                "invalid integer value: {}",
                proto::repr_string(self.vm, v)?
            )));
        }
        crate::types::int::to_i64(v)
            .and_then(|x| i32::try_from(x).ok())
            .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C int"))
    }

    fn int_attr(&self, o: &PyRef, name: &str, owner: &str) -> PyResult<Option<i32>> {
        match proto::lookup_attr(self.vm, o, name)? {
            Some(v) => Ok(Some(self.int(&v)?)),
            None => Err(required(name, owner)),
        }
    }

    fn opt_int_attr(&self, o: &PyRef, name: &str) -> PyResult<Option<i32>> {
        match proto::lookup_attr(self.vm, o, name)? {
            Some(v) if !is_none(&v) => Ok(Some(self.int(&v)?)),
            _ => Ok(None),
        }
    }

    /// The location attributes of `o` (declared by `owner`).
    fn loc(&self, o: &PyRef, owner: K) -> PyResult<Loc> {
        let sp = spec(owner);
        let exact = sp.attrs.get(2).is_some_and(|f| f.q == Q::One);
        let name = sp.name;
        let lineno = self.int_attr(o, "lineno", name)?.unwrap_or(0);
        let col = self.int_attr(o, "col_offset", name)?.unwrap_or(0);
        let (end_lineno, end_col) = if exact {
            (
                self.int_attr(o, "end_lineno", name)?.unwrap_or(lineno),
                self.int_attr(o, "end_col_offset", name)?.unwrap_or(col),
            )
        } else {
            (
                self.opt_int_attr(o, "end_lineno")?.unwrap_or(lineno),
                self.opt_int_attr(o, "end_col_offset")?.unwrap_or(col),
            )
        };
        // Kept as the C ints CPython stores (negative numbers as their bit
        // pattern): the validator checks the ranges in its own order.
        Ok(Loc {
            lineno: lineno as u32,
            col_offset: col as u32,
            end_lineno: end_lineno as u32,
            end_col_offset: end_col as u32,
        })
    }
}

impl<T: FromPyObj> FromPyObj for Box<T> {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, f: &Field) -> PyResult<Option<Self>> {
        Ok(T::from_py(c, o, f)?.map(Box::new))
    }
    fn placeholder() -> Self {
        Box::new(T::placeholder())
    }
}

impl FromPyObj for String {
    fn from_py(_: &mut FromPy<'_>, o: &PyRef, f: &Field) -> PyResult<Option<Self>> {
        if let Some(s) = o.downcast::<PyStr>()
            && o.is_exact::<PyStr>()
        {
            return Ok(Some(s.to_string_lossy()));
        }
        if f.ty == Ty::String {
            if let Some(b) = o.downcast::<crate::types::bytes::PyBytes>()
                && o.is_exact::<crate::types::bytes::PyBytes>()
            {
                return Ok(Some(String::from_utf8_lossy(&b.data).into_owned()));
            }
            return Err(type_error("AST string must be of type str"));
        }
        if is_none(o) {
            return Ok(None);
        }
        Err(type_error("AST identifier must be of type str"))
    }
    fn placeholder() -> Self {
        String::new()
    }
}

impl FromPyObj for i32 {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        Ok(Some(c.int(o)?))
    }
    fn placeholder() -> Self {
        0
    }
}

impl FromPyObj for u32 {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        Ok(Some(c.int(o)? as u32))
    }
    fn placeholder() -> Self {
        0
    }
}

impl FromPyObj for Constant {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        constant(c.vm, o).map(Some)
    }
    fn placeholder() -> Self {
        Constant::None
    }
}

/// A constant of a type the compiler accepts (CPython's `validate_constant`).
fn constant(vm: &Vm, o: &PyRef) -> PyResult<Constant> {
    use crate::types as t;
    if is_none(o) {
        return Ok(Constant::None);
    }
    if o.is(&t::none::ellipsis()) {
        return Ok(Constant::Ellipsis);
    }
    let cls = o.class();
    let is = |st: &crate::object::StaticType| std::ptr::eq(cls, st.get());
    if is(&t::bool_::BOOL_TYPE) {
        return Ok(Constant::Bool(proto::is_true(vm, o)?));
    }
    if is(&t::int::INT_TYPE)
        && let Some(i) = t::int::to_bigint(o)
    {
        return Ok(Constant::Int(i));
    }
    if is(&t::float::FLOAT_TYPE)
        && let Some(f) = o.downcast::<t::float::PyFloat>()
    {
        return Ok(Constant::Float(f.value));
    }
    if is(&t::complex::COMPLEX_TYPE)
        && let Some(z) = o.downcast::<t::complex::PyComplex>()
    {
        return Ok(Constant::Complex {
            real: z.re,
            imag: z.im,
        });
    }
    if is(&t::str::STR_TYPE)
        && let Some(s) = o.downcast::<PyStr>()
    {
        return Ok(Constant::Str(s.as_wtf8().clone()));
    }
    if is(&t::bytes::BYTES_TYPE)
        && let Some(b) = o.downcast::<t::bytes::PyBytes>()
    {
        return Ok(Constant::Bytes(b.data.clone()));
    }
    let tuple = is(&t::tuple::TUPLE_TYPE);
    if tuple || is(&t::set::FROZENSET_TYPE) {
        let _g = vm.enter_native_call_for(" during compilation")?;
        let items = crate::protocol::iter::collect(vm, o)?;
        let mut v = Vec::with_capacity(items.len());
        for it in &items {
            v.push(constant(vm, it)?);
        }
        return Ok(if tuple {
            Constant::Tuple(v)
        } else {
            Constant::FrozenSet(v)
        });
    }
    Err(type_error(format!(
        "got an invalid type in Constant: {}",
        cls.name()
    )))
}

/// `MatchSingleton.value`: only None, True and False (the validator's rule,
/// checked here because other objects have no Rust form).
struct Singleton(Constant);

impl FromPyObj for Singleton {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(Some(Singleton(Constant::None)));
        }
        if std::ptr::eq(o.class(), crate::types::bool_::BOOL_TYPE.get()) {
            return Ok(Some(Singleton(Constant::Bool(proto::is_true(c.vm, o)?))));
        }
        Err(value_error(
            "MatchSingleton can only contain True, False and None",
        ))
    }
    fn placeholder() -> Self {
        Singleton(Constant::None)
    }
}

/// Simple sums: the instance's class picks the variant.
macro_rules! simple_sum {
    ($ty:ty, $sum:ident, $first:expr; $($k:ident => $v:expr),* $(,)?) => {
        impl FromPyObj for $ty {
            fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
                Ok(Some(match c.which(o, K::$sum)? {
                    $( K::$k => $v, )*
                    _ => return Err(type_error(concat!("_ast: bad ", stringify!($sum)))),
                }))
            }
            fn placeholder() -> Self {
                $first
            }
        }
    };
}

simple_sum!(ExprContext, expr_context, ExprContext::Load;
    Load => ExprContext::Load, Store => ExprContext::Store, Del => ExprContext::Del);
simple_sum!(BoolOp, boolop, BoolOp::And; And => BoolOp::And, Or => BoolOp::Or);
simple_sum!(Operator, operator, Operator::Add;
    Add => Operator::Add, Sub => Operator::Sub, Mult => Operator::Mult,
    MatMult => Operator::MatMult, Div => Operator::Div, Mod => Operator::Mod,
    Pow => Operator::Pow, LShift => Operator::LShift, RShift => Operator::RShift,
    BitOr => Operator::BitOr, BitXor => Operator::BitXor, BitAnd => Operator::BitAnd,
    FloorDiv => Operator::FloorDiv);
simple_sum!(UnaryOp, unaryop, UnaryOp::Not;
    Invert => UnaryOp::Invert, Not => UnaryOp::Not, UAdd => UnaryOp::UAdd, USub => UnaryOp::USub);
simple_sum!(CmpOp, cmpop, CmpOp::Eq;
    Eq => CmpOp::Eq, NotEq => CmpOp::NotEq, Lt => CmpOp::Lt, LtE => CmpOp::LtE,
    Gt => CmpOp::Gt, GtE => CmpOp::GtE, Is => CmpOp::Is, IsNot => CmpOp::IsNot,
    In => CmpOp::In, NotIn => CmpOp::NotIn);

impl FromPyObj for Mod {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let k = c.which(o, K::mod_)?;
        let mut r = Reader::new(o, k);
        let m = match k {
            K::Module => Mod::Module {
                body: r.seq(c, "body")?,
                type_ignores: r.seq(c, "type_ignores")?,
            },
            K::Interactive => Mod::Interactive {
                body: r.seq(c, "body")?,
            },
            K::Expression => Mod::Expression {
                body: r.one(c, "body")?,
            },
            _ => Mod::FunctionType {
                argtypes: r.seq(c, "argtypes")?,
                returns: r.one(c, "returns")?,
            },
        };
        r.finish()?;
        Ok(Some(m))
    }
    fn placeholder() -> Self {
        Mod::Interactive { body: Vec::new() }
    }
}

impl FromPyObj for TypeIgnore {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let k = c.which(o, K::type_ignore)?;
        let mut r = Reader::new(o, k);
        let t = TypeIgnore {
            lineno: r.one(c, "lineno")?,
            tag: r.one(c, "tag")?,
        };
        r.finish()?;
        Ok(Some(t))
    }
    fn placeholder() -> Self {
        TypeIgnore {
            lineno: 0,
            tag: String::new(),
        }
    }
}

fn placeholder_expr() -> Expr {
    Expr {
        kind: ExprKind::Constant {
            value: Constant::None,
            kind: None,
        },
        loc: Loc::default(),
    }
}

impl FromPyObj for Expr {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let loc = c.loc(o, K::expr)?;
        let k = c.which(o, K::expr)?;
        let mut r = Reader::new(o, k);
        let kind = expr_kind(c, &mut r)?;
        r.finish()?;
        Ok(Some(Expr { kind, loc }))
    }
    fn placeholder() -> Self {
        placeholder_expr()
    }
}

fn expr_kind(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<ExprKind> {
    Ok(match r.k {
        K::BoolOp => ExprKind::BoolOp {
            op: r.one(c, "op")?,
            values: r.seq(c, "values")?,
        },
        K::NamedExpr => ExprKind::NamedExpr {
            target: r.one(c, "target")?,
            value: r.one(c, "value")?,
        },
        K::BinOp => ExprKind::BinOp {
            left: r.one(c, "left")?,
            op: r.one(c, "op")?,
            right: r.one(c, "right")?,
        },
        K::UnaryOp => ExprKind::UnaryOp {
            op: r.one(c, "op")?,
            operand: r.one(c, "operand")?,
        },
        K::Lambda => ExprKind::Lambda {
            args: r.one(c, "args")?,
            body: r.one(c, "body")?,
        },
        K::IfExp => ExprKind::IfExp {
            test: r.one(c, "test")?,
            body: r.one(c, "body")?,
            orelse: r.one(c, "orelse")?,
        },
        K::Dict => ExprKind::Dict {
            keys: r.seq_opt(c, "keys")?,
            values: r.seq(c, "values")?,
        },
        K::Set => ExprKind::Set {
            elts: r.seq(c, "elts")?,
        },
        K::ListComp => ExprKind::ListComp {
            elt: r.one(c, "elt")?,
            generators: r.seq(c, "generators")?,
        },
        K::SetComp => ExprKind::SetComp {
            elt: r.one(c, "elt")?,
            generators: r.seq(c, "generators")?,
        },
        K::DictComp => ExprKind::DictComp {
            key: r.one(c, "key")?,
            value: r.one(c, "value")?,
            generators: r.seq(c, "generators")?,
        },
        K::GeneratorExp => ExprKind::GeneratorExp {
            elt: r.one(c, "elt")?,
            generators: r.seq(c, "generators")?,
        },
        K::Await => ExprKind::Await {
            value: r.one(c, "value")?,
        },
        K::Yield => ExprKind::Yield {
            value: r.opt(c, "value")?,
        },
        K::YieldFrom => ExprKind::YieldFrom {
            value: r.one(c, "value")?,
        },
        K::Compare => ExprKind::Compare {
            left: r.one(c, "left")?,
            ops: r.seq(c, "ops")?,
            comparators: r.seq(c, "comparators")?,
        },
        K::Call => ExprKind::Call {
            func: r.one(c, "func")?,
            args: r.seq(c, "args")?,
            keywords: r.seq(c, "keywords")?,
        },
        K::FormattedValue => ExprKind::FormattedValue {
            value: r.one(c, "value")?,
            conversion: r.one(c, "conversion")?,
            format_spec: r.opt(c, "format_spec")?,
        },
        K::JoinedStr => ExprKind::JoinedStr {
            values: r.seq(c, "values")?,
        },
        K::Constant => ExprKind::Constant {
            value: r.one(c, "value")?,
            kind: r.opt(c, "kind")?,
        },
        K::Attribute => ExprKind::Attribute {
            value: r.one(c, "value")?,
            attr: r.one(c, "attr")?,
            ctx: r.one(c, "ctx")?,
        },
        K::Subscript => ExprKind::Subscript {
            value: r.one(c, "value")?,
            slice: r.one(c, "slice")?,
            ctx: r.one(c, "ctx")?,
        },
        K::Starred => ExprKind::Starred {
            value: r.one(c, "value")?,
            ctx: r.one(c, "ctx")?,
        },
        K::Name => ExprKind::Name {
            id: r.one(c, "id")?,
            ctx: r.one(c, "ctx")?,
        },
        K::List => ExprKind::List {
            elts: r.seq(c, "elts")?,
            ctx: r.one(c, "ctx")?,
        },
        K::Tuple => ExprKind::Tuple {
            elts: r.seq(c, "elts")?,
            ctx: r.one(c, "ctx")?,
        },
        _ => ExprKind::Slice {
            lower: r.opt(c, "lower")?,
            upper: r.opt(c, "upper")?,
            step: r.opt(c, "step")?,
        },
    })
}

impl FromPyObj for Stmt {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let loc = c.loc(o, K::stmt)?;
        let k = c.which(o, K::stmt)?;
        let mut r = Reader::new(o, k);
        let kind = stmt_kind(c, &mut r)?;
        r.finish()?;
        Ok(Some(Stmt { kind, loc }))
    }
    fn placeholder() -> Self {
        Stmt {
            kind: StmtKind::Pass,
            loc: Loc::default(),
        }
    }
}

fn function_def(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<FunctionDef> {
    Ok(FunctionDef {
        name: r.one(c, "name")?,
        args: r.one(c, "args")?,
        body: r.seq(c, "body")?,
        decorator_list: r.seq(c, "decorator_list")?,
        returns: r.opt(c, "returns")?,
        type_comment: r.opt(c, "type_comment")?,
    })
}

fn for_(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<For> {
    Ok(For {
        target: r.one(c, "target")?,
        iter: r.one(c, "iter")?,
        body: r.seq(c, "body")?,
        orelse: r.seq(c, "orelse")?,
        type_comment: r.opt(c, "type_comment")?,
    })
}

fn with(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<With> {
    Ok(With {
        items: r.seq(c, "items")?,
        body: r.seq(c, "body")?,
        type_comment: r.opt(c, "type_comment")?,
    })
}

fn try_(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<Try> {
    Ok(Try {
        body: r.seq(c, "body")?,
        handlers: r.seq(c, "handlers")?,
        orelse: r.seq(c, "orelse")?,
        finalbody: r.seq(c, "finalbody")?,
    })
}

fn stmt_kind(c: &mut FromPy<'_>, r: &mut Reader<'_>) -> PyResult<StmtKind> {
    Ok(match r.k {
        K::FunctionDef => StmtKind::FunctionDef(function_def(c, r)?),
        K::AsyncFunctionDef => StmtKind::AsyncFunctionDef(function_def(c, r)?),
        K::ClassDef => StmtKind::ClassDef(ClassDef {
            name: r.one(c, "name")?,
            bases: r.seq(c, "bases")?,
            keywords: r.seq(c, "keywords")?,
            body: r.seq(c, "body")?,
            decorator_list: r.seq(c, "decorator_list")?,
        }),
        K::Return => StmtKind::Return {
            value: r.opt(c, "value")?,
        },
        K::Delete => StmtKind::Delete {
            targets: r.seq(c, "targets")?,
        },
        K::Assign => StmtKind::Assign {
            targets: r.seq(c, "targets")?,
            value: r.one(c, "value")?,
            type_comment: r.opt(c, "type_comment")?,
        },
        K::AugAssign => StmtKind::AugAssign {
            target: r.one(c, "target")?,
            op: r.one(c, "op")?,
            value: r.one(c, "value")?,
        },
        K::AnnAssign => StmtKind::AnnAssign {
            target: r.one(c, "target")?,
            annotation: r.one(c, "annotation")?,
            value: r.opt(c, "value")?,
            simple: r.one(c, "simple")?,
        },
        K::For => StmtKind::For(for_(c, r)?),
        K::AsyncFor => StmtKind::AsyncFor(for_(c, r)?),
        K::While => StmtKind::While {
            test: r.one(c, "test")?,
            body: r.seq(c, "body")?,
            orelse: r.seq(c, "orelse")?,
        },
        K::If => StmtKind::If {
            test: r.one(c, "test")?,
            body: r.seq(c, "body")?,
            orelse: r.seq(c, "orelse")?,
        },
        K::With => StmtKind::With(with(c, r)?),
        K::AsyncWith => StmtKind::AsyncWith(with(c, r)?),
        K::Match => StmtKind::Match {
            subject: r.one(c, "subject")?,
            cases: r.seq(c, "cases")?,
        },
        K::Raise => StmtKind::Raise {
            exc: r.opt(c, "exc")?,
            cause: r.opt(c, "cause")?,
        },
        K::Try => StmtKind::Try(try_(c, r)?),
        K::TryStar => StmtKind::TryStar(try_(c, r)?),
        K::Assert => StmtKind::Assert {
            test: r.one(c, "test")?,
            msg: r.opt(c, "msg")?,
        },
        K::Import => StmtKind::Import {
            names: r.seq(c, "names")?,
        },
        K::ImportFrom => {
            let module = r.opt(c, "module")?;
            let names = r.seq(c, "names")?;
            let level: i32 = r.opt(c, "level")?.unwrap_or(0);
            if level < 0 {
                return Err(value_error("Negative ImportFrom level"));
            }
            StmtKind::ImportFrom {
                module,
                names,
                level: level as u32,
            }
        }
        K::Global => StmtKind::Global {
            names: r.seq(c, "names")?,
        },
        K::Nonlocal => StmtKind::Nonlocal {
            names: r.seq(c, "names")?,
        },
        K::Expr => StmtKind::Expr {
            value: r.one(c, "value")?,
        },
        K::Pass => StmtKind::Pass,
        K::Break => StmtKind::Break,
        _ => StmtKind::Continue,
    })
}

impl FromPyObj for ExceptHandler {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let loc = c.loc(o, K::excepthandler)?;
        let k = c.which(o, K::excepthandler)?;
        let mut r = Reader::new(o, k);
        let h = ExceptHandler {
            type_: r.opt(c, "type")?,
            name: r.opt(c, "name")?,
            body: r.seq(c, "body")?,
            loc,
        };
        r.finish()?;
        Ok(Some(h))
    }
    fn placeholder() -> Self {
        ExceptHandler {
            type_: None,
            name: None,
            body: Vec::new(),
            loc: Loc::default(),
        }
    }
}

impl FromPyObj for Pattern {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        if is_none(o) {
            return Ok(None);
        }
        let loc = c.loc(o, K::pattern)?;
        let k = c.which(o, K::pattern)?;
        let mut r = Reader::new(o, k);
        let kind = match k {
            K::MatchValue => PatternKind::MatchValue {
                value: r.one(c, "value")?,
            },
            K::MatchSingleton => PatternKind::MatchSingleton {
                value: r.one::<Singleton>(c, "value")?.0,
            },
            K::MatchSequence => PatternKind::MatchSequence {
                patterns: r.seq(c, "patterns")?,
            },
            K::MatchMapping => PatternKind::MatchMapping {
                keys: r.seq(c, "keys")?,
                patterns: r.seq(c, "patterns")?,
                rest: r.opt(c, "rest")?,
            },
            K::MatchClass => PatternKind::MatchClass {
                cls: r.one(c, "cls")?,
                patterns: r.seq(c, "patterns")?,
                kwd_attrs: r.seq(c, "kwd_attrs")?,
                kwd_patterns: r.seq(c, "kwd_patterns")?,
            },
            K::MatchStar => PatternKind::MatchStar {
                name: r.opt(c, "name")?,
            },
            K::MatchAs => PatternKind::MatchAs {
                pattern: r.opt(c, "pattern")?,
                name: r.opt(c, "name")?,
            },
            _ => PatternKind::MatchOr {
                patterns: r.seq(c, "patterns")?,
            },
        };
        r.finish()?;
        Ok(Some(Pattern { kind, loc }))
    }
    fn placeholder() -> Self {
        Pattern {
            kind: PatternKind::MatchStar { name: None },
            loc: Loc::default(),
        }
    }
}

impl FromPyObj for Comprehension {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::comprehension);
        let x = Comprehension {
            target: r.one(c, "target")?,
            iter: r.one(c, "iter")?,
            ifs: r.seq(c, "ifs")?,
            is_async: r.one(c, "is_async")?,
        };
        r.finish()?;
        Ok(Some(x))
    }
    fn placeholder() -> Self {
        Comprehension {
            target: placeholder_expr(),
            iter: placeholder_expr(),
            ifs: Vec::new(),
            is_async: 0,
        }
    }
}

impl FromPyObj for Arguments {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::arguments);
        let x = Arguments {
            posonlyargs: r.seq(c, "posonlyargs")?,
            args: r.seq(c, "args")?,
            vararg: r.opt(c, "vararg")?,
            kwonlyargs: r.seq(c, "kwonlyargs")?,
            kw_defaults: r.seq_opt(c, "kw_defaults")?,
            kwarg: r.opt(c, "kwarg")?,
            defaults: r.seq(c, "defaults")?,
        };
        r.finish()?;
        Ok(Some(x))
    }
    fn placeholder() -> Self {
        Arguments::default()
    }
}

impl FromPyObj for Arg {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::arg);
        let arg = r.one(c, "arg")?;
        let annotation = r.opt(c, "annotation")?;
        let type_comment = r.opt(c, "type_comment")?;
        let loc = c.loc(o, K::arg)?;
        r.finish()?;
        Ok(Some(Arg {
            arg,
            annotation,
            type_comment,
            loc,
        }))
    }
    fn placeholder() -> Self {
        Arg {
            arg: String::new(),
            annotation: None,
            type_comment: None,
            loc: Loc::default(),
        }
    }
}

impl FromPyObj for Keyword {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::keyword);
        let arg = r.opt(c, "arg")?;
        let value = r.one(c, "value")?;
        let loc = c.loc(o, K::keyword)?;
        r.finish()?;
        Ok(Some(Keyword { arg, value, loc }))
    }
    fn placeholder() -> Self {
        Keyword {
            arg: None,
            value: placeholder_expr(),
            loc: Loc::default(),
        }
    }
}

impl FromPyObj for Alias {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::alias);
        let name = r.one(c, "name")?;
        let asname = r.opt(c, "asname")?;
        let loc = c.loc(o, K::alias)?;
        r.finish()?;
        Ok(Some(Alias { name, asname, loc }))
    }
    fn placeholder() -> Self {
        Alias {
            name: String::new(),
            asname: None,
            loc: Loc::default(),
        }
    }
}

impl FromPyObj for WithItem {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::withitem);
        let x = WithItem {
            context_expr: r.one(c, "context_expr")?,
            optional_vars: r.opt(c, "optional_vars")?,
        };
        r.finish()?;
        Ok(Some(x))
    }
    fn placeholder() -> Self {
        WithItem {
            context_expr: placeholder_expr(),
            optional_vars: None,
        }
    }
}

impl FromPyObj for MatchCase {
    fn from_py(c: &mut FromPy<'_>, o: &PyRef, _: &Field) -> PyResult<Option<Self>> {
        let mut r = Reader::new(o, K::match_case);
        let x = MatchCase {
            pattern: r.one(c, "pattern")?,
            guard: r.opt(c, "guard")?,
            body: r.seq(c, "body")?,
        };
        r.finish()?;
        Ok(Some(x))
    }
    fn placeholder() -> Self {
        MatchCase {
            pattern: Pattern::placeholder(),
            guard: None,
            body: Vec::new(),
        }
    }
}
