//! The node table of `_ast`: every class of CPython 3.11's abstract syntax
//! (`Parser/Python.asdl`), written once.  Each row is an ASDL-style
//! signature (`"Name(identifier id, expr_context ctx)"`), which is also the
//! class's `__doc__`.  The macro turns the table into the `K` enum (one
//! variant per class, in table order, so `K::X as usize` indexes the table)
//! and `TABLE`; [`specs`] parses the signatures once into field lists that
//! the class builder (`mod.rs`), both converters (`to_py.rs`, `from_py.rs`)
//! and `AST.__init__` read.

use std::sync::OnceLock;

/// Which location attributes a class (and its constructors) carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attrs {
    /// No attributes.
    None,
    /// `(int lineno, int col_offset, int? end_lineno, int? end_col_offset)`.
    Loc,
    /// `(int lineno, int col_offset, int end_lineno, int end_col_offset)`.
    LocExact,
}

/// One table row.
pub struct Entry {
    /// The class's signature (constructors and products) or name (sums).
    pub sig: &'static str,
    /// The abstract sum type of a constructor.
    pub parent: Option<K>,
    /// Attributes declared by this row (sums and products only).
    pub attrs: Attrs,
    /// True for abstract sum types (`expr`, `stmt`, ...).
    pub is_sum: bool,
}

macro_rules! ast_table {
    (
        sums { $( $sid:ident $sname:literal $sattrs:ident { $( $cid:ident $csig:literal ),* $(,)? } )* }
        products { $( $pid:ident $psig:literal $pattrs:ident ),* $(,)? }
    ) => {
        /// One variant per class, in table order.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum K { $( $sid, $( $cid, )* )* $( $pid, )* }

        /// Every variant, in table order (`ALL[k as usize] == k`).
        pub static ALL: &[K] = &[ $( K::$sid, $( K::$cid, )* )* $( K::$pid, )* ];

        /// The table, in `K` order.
        pub static TABLE: &[Entry] = &[
            $(
                Entry { sig: $sname, parent: None, attrs: Attrs::$sattrs, is_sum: true },
                $( Entry { sig: $csig, parent: Some(K::$sid), attrs: Attrs::None, is_sum: false }, )*
            )*
            $( Entry { sig: $psig, parent: None, attrs: Attrs::$pattrs, is_sum: false }, )*
        ];
    };
}

ast_table! {
    sums {
        mod_ "mod" None {
            Module "Module(stmt* body, type_ignore* type_ignores)",
            Interactive "Interactive(stmt* body)",
            Expression "Expression(expr body)",
            FunctionType "FunctionType(expr* argtypes, expr returns)",
        }
        stmt "stmt" Loc {
            FunctionDef "FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)",
            AsyncFunctionDef "AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)",
            ClassDef "ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list)",
            Return "Return(expr? value)",
            Delete "Delete(expr* targets)",
            Assign "Assign(expr* targets, expr value, string? type_comment)",
            AugAssign "AugAssign(expr target, operator op, expr value)",
            AnnAssign "AnnAssign(expr target, expr annotation, expr? value, int simple)",
            For "For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)",
            AsyncFor "AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)",
            While "While(expr test, stmt* body, stmt* orelse)",
            If "If(expr test, stmt* body, stmt* orelse)",
            With "With(withitem* items, stmt* body, string? type_comment)",
            AsyncWith "AsyncWith(withitem* items, stmt* body, string? type_comment)",
            Match "Match(expr subject, match_case* cases)",
            Raise "Raise(expr? exc, expr? cause)",
            Try "Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)",
            TryStar "TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)",
            Assert "Assert(expr test, expr? msg)",
            Import "Import(alias* names)",
            ImportFrom "ImportFrom(identifier? module, alias* names, int? level)",
            Global "Global(identifier* names)",
            Nonlocal "Nonlocal(identifier* names)",
            Expr "Expr(expr value)",
            Pass "Pass",
            Break "Break",
            Continue "Continue",
        }
        expr "expr" Loc {
            BoolOp "BoolOp(boolop op, expr* values)",
            NamedExpr "NamedExpr(expr target, expr value)",
            BinOp "BinOp(expr left, operator op, expr right)",
            UnaryOp "UnaryOp(unaryop op, expr operand)",
            Lambda "Lambda(arguments args, expr body)",
            IfExp "IfExp(expr test, expr body, expr orelse)",
            Dict "Dict(expr* keys, expr* values)",
            Set "Set(expr* elts)",
            ListComp "ListComp(expr elt, comprehension* generators)",
            SetComp "SetComp(expr elt, comprehension* generators)",
            DictComp "DictComp(expr key, expr value, comprehension* generators)",
            GeneratorExp "GeneratorExp(expr elt, comprehension* generators)",
            Await "Await(expr value)",
            Yield "Yield(expr? value)",
            YieldFrom "YieldFrom(expr value)",
            Compare "Compare(expr left, cmpop* ops, expr* comparators)",
            Call "Call(expr func, expr* args, keyword* keywords)",
            FormattedValue "FormattedValue(expr value, int conversion, expr? format_spec)",
            JoinedStr "JoinedStr(expr* values)",
            Constant "Constant(constant value, string? kind)",
            Attribute "Attribute(expr value, identifier attr, expr_context ctx)",
            Subscript "Subscript(expr value, expr slice, expr_context ctx)",
            Starred "Starred(expr value, expr_context ctx)",
            Name "Name(identifier id, expr_context ctx)",
            List "List(expr* elts, expr_context ctx)",
            Tuple "Tuple(expr* elts, expr_context ctx)",
            Slice "Slice(expr? lower, expr? upper, expr? step)",
        }
        expr_context "expr_context" None { Load "Load", Store "Store", Del "Del" }
        boolop "boolop" None { And "And", Or "Or" }
        operator "operator" None {
            Add "Add", Sub "Sub", Mult "Mult", MatMult "MatMult", Div "Div", Mod "Mod",
            Pow "Pow", LShift "LShift", RShift "RShift", BitOr "BitOr", BitXor "BitXor",
            BitAnd "BitAnd", FloorDiv "FloorDiv",
        }
        unaryop "unaryop" None { Invert "Invert", Not "Not", UAdd "UAdd", USub "USub" }
        cmpop "cmpop" None {
            Eq "Eq", NotEq "NotEq", Lt "Lt", LtE "LtE", Gt "Gt", GtE "GtE", Is "Is",
            IsNot "IsNot", In "In", NotIn "NotIn",
        }
        excepthandler "excepthandler" Loc {
            ExceptHandler "ExceptHandler(expr? type, identifier? name, stmt* body)",
        }
        pattern "pattern" LocExact {
            MatchValue "MatchValue(expr value)",
            MatchSingleton "MatchSingleton(constant value)",
            MatchSequence "MatchSequence(pattern* patterns)",
            MatchMapping "MatchMapping(expr* keys, pattern* patterns, identifier? rest)",
            MatchClass "MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)",
            MatchStar "MatchStar(identifier? name)",
            MatchAs "MatchAs(pattern? pattern, identifier? name)",
            MatchOr "MatchOr(pattern* patterns)",
        }
        type_ignore "type_ignore" None { TypeIgnore "TypeIgnore(int lineno, string tag)" }
    }
    products {
        comprehension "comprehension(expr target, expr iter, expr* ifs, int is_async)" None,
        arguments "arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)" None,
        arg "arg(identifier arg, expr? annotation, string? type_comment)" Loc,
        keyword "keyword(identifier? arg, expr value)" Loc,
        alias "alias(identifier name, identifier? asname)" Loc,
        withitem "withitem(expr context_expr, expr? optional_vars)" None,
        match_case "match_case(pattern pattern, expr? guard, stmt* body)" None,
    }
}

/// How many values a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Q {
    One,
    Opt,
    Seq,
}

/// The type of a field: another node class or a builtin ASDL type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Node(K),
    Identifier,
    String,
    Int,
    Constant,
}

/// One field (or attribute) of a class.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub q: Q,
}

/// A parsed table row.
#[derive(Debug)]
pub struct Spec {
    /// The class name.
    pub name: &'static str,
    pub fields: Vec<Field>,
    /// `_attributes` (declared on sums and products, inherited by constructors).
    pub attrs: Vec<Field>,
    pub parent: Option<K>,
    pub is_sum: bool,
    /// `__doc__`.
    pub doc: String,
}

impl Spec {
    /// A simple-sum constructor (`Load`, `Add`, ...): one shared instance.
    pub fn is_singleton(&self) -> bool {
        self.parent
            .is_some_and(|p| specs()[p as usize].is_simple_sum())
    }
    /// A sum whose constructors have no fields and no attributes.
    pub fn is_simple_sum(&self) -> bool {
        self.is_sum
            && self.attrs.is_empty()
            && constructors(self)
                .iter()
                .all(|&c| specs()[c as usize].fields.is_empty())
    }
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The constructors of a sum spec, in table order.
pub fn constructors(s: &Spec) -> Vec<K> {
    let me = specs().iter().position(|x| std::ptr::eq(x, s));
    (0..TABLE.len())
        .filter(|&i| TABLE[i].parent.map(|p| p as usize) == me)
        .map(k_of)
        .collect()
}

/// The variant at table index `i`.
pub fn k_of(i: usize) -> K {
    ALL.get(i).copied().unwrap_or(K::mod_)
}

/// Parsed specs, in table order (built once per process).
pub fn specs() -> &'static [Spec] {
    static SPECS: OnceLock<Vec<Spec>> = OnceLock::new();
    SPECS.get_or_init(parse_all)
}

fn type_name(sig: &'static str) -> &'static str {
    sig.split('(').next().unwrap_or(sig).trim()
}

fn loc_attrs(a: Attrs) -> Vec<Field> {
    let opt = if a == Attrs::LocExact { Q::One } else { Q::Opt };
    match a {
        Attrs::None => Vec::new(),
        _ => vec![
            Field {
                name: "lineno",
                ty: Ty::Int,
                q: Q::One,
            },
            Field {
                name: "col_offset",
                ty: Ty::Int,
                q: Q::One,
            },
            Field {
                name: "end_lineno",
                ty: Ty::Int,
                q: opt,
            },
            Field {
                name: "end_col_offset",
                ty: Ty::Int,
                q: opt,
            },
        ],
    }
}

fn parse_all() -> Vec<Spec> {
    let names: Vec<&'static str> = TABLE.iter().map(|e| type_name(e.sig)).collect();
    let lookup = |t: &str| -> Ty {
        match t {
            "identifier" => Ty::Identifier,
            "string" => Ty::String,
            "int" => Ty::Int,
            "constant" => Ty::Constant,
            _ => match names.iter().position(|n| *n == t) {
                Some(i) => Ty::Node(k_of(i)),
                // A typo in the table: caught by the unit tests.
                None => Ty::Constant,
            },
        }
    };
    let mut out: Vec<Spec> = Vec::with_capacity(TABLE.len());
    for e in TABLE {
        let name = type_name(e.sig);
        let mut fields = Vec::new();
        if let (Some(open), Some(close)) = (e.sig.find('('), e.sig.rfind(')')) {
            for part in e.sig[open + 1..close].split(',') {
                let mut it = part.split_whitespace();
                let (Some(t), Some(n)) = (it.next(), it.next()) else {
                    continue;
                };
                let (t, q) = if let Some(t) = t.strip_suffix('*') {
                    (t, Q::Seq)
                } else if let Some(t) = t.strip_suffix('?') {
                    (t, Q::Opt)
                } else {
                    (t, Q::One)
                };
                fields.push(Field {
                    name: n,
                    ty: lookup(t),
                    q,
                });
            }
        }
        out.push(Spec {
            name,
            fields,
            attrs: loc_attrs(e.attrs),
            parent: e.parent,
            is_sum: e.is_sum,
            doc: String::new(),
        });
    }
    // Docs: a constructor's or product's signature; a sum lists its
    // constructors ("expr = BoolOp(...)\n     | NamedExpr(...)", or on one
    // line for simple sums: "boolop = And | Or").
    for i in 0..out.len() {
        let e = &TABLE[i];
        out[i].doc = if e.is_sum {
            let ctors: Vec<&str> = TABLE
                .iter()
                .filter(|c| c.parent.map(|p| p as usize) == Some(i))
                .map(|c| c.sig)
                .collect();
            let simple = TABLE
                .iter()
                .enumerate()
                .filter(|(_, c)| c.parent.map(|p| p as usize) == Some(i))
                .all(|(j, _)| out[j].fields.is_empty())
                && e.attrs == Attrs::None;
            let sep = if simple {
                " | ".to_string()
            } else {
                format!("\n{}| ", " ".repeat(e.sig.len() + 1))
            };
            format!("{} = {}", e.sig, ctors.join(&sep))
        } else {
            e.sig.to_string()
        };
    }
    out
}
