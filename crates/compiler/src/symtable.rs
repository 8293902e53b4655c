//! The symbol table: which scope every name lives in, computed before code
//! generation exactly as CPython 3.11's `Python/symtable.c` does.
//!
//! Two passes:
//! 1. **Collection** walks the AST, creating one [`Scope`] per module, class,
//!    function, lambda, comprehension (and annotation block under
//!    `from __future__ import annotations`) and recording, per scope, a set of
//!    flags for every name (`DEF_LOCAL`, `USE`, `DEF_GLOBAL`, ...).  The
//!    errors CPython raises here (`global` after use, duplicate arguments,
//!    walrus in comprehensions, ...) are raised with CPython's wording.
//! 2. **Analysis** walks the scope tree top-down passing the set of names
//!    bound in enclosing function scopes, then bottom-up collecting free
//!    names, deciding for each name one of LOCAL, GLOBAL_EXPLICIT,
//!    GLOBAL_IMPLICIT, FREE or CELL.  Class scopes don't bind names for their
//!    children; a `__class__` free in a method becomes the class's implicit
//!    `__class__` cell (`needs_class_closure`).
//!
//! Scopes are stored in one arena (`SymbolTable::scopes`, module first) and
//! found by the address of the AST node that opens them, so the code
//! generator can look them up without a parallel traversal.

use std::collections::{HashMap, HashSet};

use taipan_ast::*;

use crate::error::{CompileResult, MAX_DEPTH, recursion_error, syntax_error};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE: u32 = 32;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_ANNOT: u32 = 256;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Where a name lives, after analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Annotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub flags: u32,
    pub scope: NameScope,
}

/// One scope ("symbol table entry").
#[derive(Clone, Debug)]
pub struct Scope {
    pub name: String,
    pub kind: ScopeKind,
    pub comprehension: Option<CompKind>,
    /// Names in order of first appearance.
    pub symbol_names: Vec<String>,
    pub symbols: HashMap<String, Symbol>,
    /// Parameters in order (posonly, args, kwonly, *args, **kwargs).
    pub varnames: Vec<String>,
    pub children: Vec<usize>,
    pub nested: bool,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub returns_value: bool,
    pub needs_class_closure: bool,
    pub has_free: bool,
    pub child_free: bool,
    pub lineno: u32,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    /// `global`/`nonlocal` directive locations, for analysis errors.
    directives: HashMap<String, Loc>,
}

impl Scope {
    fn new(name: &str, kind: ScopeKind, lineno: u32) -> Scope {
        Scope {
            name: name.to_string(),
            kind,
            comprehension: None,
            symbol_names: Vec::new(),
            symbols: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            nested: false,
            is_generator: false,
            is_coroutine: false,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            has_free: false,
            child_free: false,
            lineno,
            comp_iter_target: false,
            comp_iter_expr: 0,
            directives: HashMap::new(),
        }
    }

    pub fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).map(|s| s.flags).unwrap_or(0)
    }

    pub fn scope_of(&self, name: &str) -> NameScope {
        self.symbols
            .get(name)
            .map(|s| s.scope)
            .unwrap_or(NameScope::Unknown)
    }

    /// Names with the given scope (or extra flag), sorted like CPython's `dictbytype`.
    pub fn names_sorted(&self, scope: NameScope, flag: u32) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == scope || (flag != 0 && s.flags & flag != 0))
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// AST node address -> scope index.
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    pub fn lookup_node<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// CPython's `_Py_Mangle`: `__spam` inside class `Ham` becomes `_Ham__spam`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{}{}", stripped, name)
}

struct Builder<'a> {
    filename: &'a str,
    scopes: Vec<Scope>,
    stack: Vec<usize>,
    by_node: HashMap<usize, usize>,
    private: Option<String>,
    future_annotations: bool,
    depth: u32,
}

/// Builds the symbol table of a module.
pub fn build(module: &Mod, filename: &str, future_annotations: bool) -> CompileResult<SymbolTable> {
    let mut b = Builder {
        filename,
        scopes: vec![Scope::new("top", ScopeKind::Module, 0)],
        stack: vec![0],
        by_node: HashMap::new(),
        private: None,
        future_annotations,
        depth: 0,
    };
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => {
            for s in body {
                b.visit_stmt(s)?;
            }
        }
        Mod::Expression { body } => b.visit_expr(body)?,
        Mod::FunctionType { argtypes, returns } => {
            for e in argtypes {
                b.visit_expr(e)?;
            }
            b.visit_expr(returns)?;
        }
    }
    let mut an = Analyzer {
        filename,
        scopes: &mut b.scopes,
    };
    let mut free = HashSet::new();
    let mut global = HashSet::new();
    an.analyze_block(0, None, &mut free, &mut global)?;
    Ok(SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    })
}

impl<'a> Builder<'a> {
    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }
    fn cur_idx(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn err<T>(&self, msg: String, loc: Loc) -> CompileResult<T> {
        Err(syntax_error(self.filename, msg, loc))
    }

    fn enter(&mut self, name: &str, kind: ScopeKind, node: usize, lineno: u32) {
        let parent = self.cur_idx();
        let mut s = Scope::new(name, kind, lineno);
        let p = &self.scopes[parent];
        if p.nested || p.kind == ScopeKind::Function {
            s.nested = true;
        }
        let idx = self.scopes.len();
        self.scopes.push(s);
        self.scopes[parent].children.push(idx);
        self.by_node.insert(node, idx);
        self.stack.push(idx);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, loc: Loc) -> CompileResult<()> {
        let idx = self.cur_idx();
        self.add_def_in(name, flag, idx, loc)
    }

    fn add_def_in(&mut self, name: &str, flag: u32, idx: usize, loc: Loc) -> CompileResult<()> {
        let mangled = mangle(self.private.as_deref(), name);
        let scope = &self.scopes[idx];
        let mut val = match scope.symbols.get(&mangled) {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return self.err(
                        format!("duplicate argument '{}' in function definition", name),
                        loc,
                    );
                }
                sym.flags | flag
            }
            None => flag,
        };
        if scope.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return self.err(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{}'",
                        name
                    ),
                    loc,
                );
            }
            val |= DEF_COMP_ITER;
        }
        let scope = &mut self.scopes[idx];
        match scope.symbols.get_mut(&mangled) {
            Some(sym) => sym.flags = val,
            None => {
                scope.symbol_names.push(mangled.clone());
                scope.symbols.insert(
                    mangled.clone(),
                    Symbol {
                        flags: val,
                        scope: NameScope::Unknown,
                    },
                );
            }
        }
        if flag & DEF_PARAM != 0 {
            scope.varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let module = &mut self.scopes[0];
            match module.symbols.get_mut(&mangled) {
                Some(sym) => sym.flags |= flag,
                None => {
                    module.symbol_names.push(mangled.clone());
                    module.symbols.insert(
                        mangled,
                        Symbol {
                            flags: flag,
                            scope: NameScope::Unknown,
                        },
                    );
                }
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> u32 {
        let mangled = mangle(self.private.as_deref(), name);
        self.scopes[self.cur_idx()].flags(&mangled)
    }

    fn record_directive(&mut self, name: &str, loc: Loc) {
        let mangled = mangle(self.private.as_deref(), name);
        self.cur().directives.entry(mangled).or_insert(loc);
    }

    fn enter_depth(&mut self) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(recursion_error());
        }
        Ok(())
    }

    fn visit_stmts(&mut self, body: &[Stmt]) -> CompileResult<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_exprs(&mut self, v: &[Expr]) -> CompileResult<()> {
        for e in v {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt) -> CompileResult<()> {
        self.enter_depth()?;
        let r = self.visit_stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) -> CompileResult<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL, s.loc)?;
                self.visit_exprs(&f.args.defaults)?;
                for d in f.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.visit_annotations(&f.args, f.returns.as_deref())?;
                self.visit_exprs(&f.decorator_list)?;
                self.enter(
                    &f.name,
                    ScopeKind::Function,
                    s as *const Stmt as usize,
                    s.loc.lineno,
                );
                if matches!(s.kind, StmtKind::AsyncFunctionDef(_)) {
                    self.cur().is_coroutine = true;
                }
                self.visit_params(&f.args)?;
                self.visit_stmts(&f.body)?;
                self.exit();
            }
            StmtKind::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, s.loc)?;
                self.visit_exprs(&c.bases)?;
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.visit_exprs(&c.decorator_list)?;
                self.enter(
                    &c.name,
                    ScopeKind::Class,
                    s as *const Stmt as usize,
                    s.loc.lineno,
                );
                let saved = self.private.replace(c.name.clone());
                let r = self.visit_stmts(&c.body);
                self.private = saved;
                r?;
                self.exit();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                    self.cur().returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur_idx() != 0 && *simple != 0
                    {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{}' can't be global", id)
                        } else {
                            format!("annotated name '{}' can't be nonlocal", id)
                        };
                        return self.err(msg, s.loc);
                    }
                    if *simple != 0 {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.loc)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
                self.visit_annotation(annotation)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_stmts(&w.body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for c in cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                    }
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.visit_stmts(&t.body)?;
                self.visit_stmts(&t.orelse)?;
                for h in &t.handlers {
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.loc)?;
                    }
                    self.visit_stmts(&h.body)?;
                }
                self.visit_stmts(&t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.visit_alias(a)?;
                }
            }
            StmtKind::Global { names } => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and global", name)
                        } else if cur & USE != 0 {
                            format!("name '{}' is used prior to global declaration", name)
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be global", name)
                        } else {
                            format!("name '{}' is assigned to before global declaration", name)
                        };
                        return self.err(msg, s.loc);
                    }
                    self.add_def(name, DEF_GLOBAL, s.loc)?;
                    self.record_directive(name, s.loc);
                }
            }
            StmtKind::Nonlocal { names } => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and nonlocal", name)
                        } else if cur & USE != 0 {
                            format!("name '{}' is used prior to nonlocal declaration", name)
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be nonlocal", name)
                        } else {
                            format!("name '{}' is assigned to before nonlocal declaration", name)
                        };
                        return self.err(msg, s.loc);
                    }
                    self.add_def(name, DEF_NONLOCAL, s.loc)?;
                    self.record_directive(name, s.loc);
                }
            }
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn visit_alias(&mut self, a: &Alias) -> CompileResult<()> {
        let store = match &a.asname {
            Some(n) => n.as_str(),
            None => a.name.split('.').next().unwrap_or(""),
        };
        if store == "*" {
            if self.scopes[self.cur_idx()].kind != ScopeKind::Module {
                return self.err("import * only allowed at module level".into(), a.loc);
            }
            return Ok(());
        }
        let store = store.to_string();
        self.add_def(&store, DEF_IMPORT, a.loc)
    }

    fn visit_params(&mut self, a: &Arguments) -> CompileResult<()> {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.loc)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.loc)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.loc)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, e: &Expr) -> CompileResult<()> {
        if self.future_annotations {
            self.enter(
                "_annotation",
                ScopeKind::Annotation,
                e as *const Expr as usize,
                e.loc.lineno,
            );
            let r = self.visit_expr(e);
            self.exit();
            r
        } else {
            self.visit_expr(e)
        }
    }

    fn visit_annotations(&mut self, a: &Arguments, returns: Option<&Expr>) -> CompileResult<()> {
        for arg in a.posonlyargs.iter().chain(&a.args) {
            if let Some(ann) = &arg.annotation {
                self.visit_annotation(ann)?;
            }
        }
        if let Some(v) = &a.vararg
            && let Some(ann) = &v.annotation
        {
            self.visit_annotation(ann)?;
        }
        if let Some(k) = &a.kwarg
            && let Some(ann) = &k.annotation
        {
            self.visit_annotation(ann)?;
        }
        for arg in &a.kwonlyargs {
            if let Some(ann) = &arg.annotation {
                self.visit_annotation(ann)?;
            }
        }
        if let Some(r) = returns {
            self.visit_annotation(r)?;
        }
        Ok(())
    }

    fn raise_if_annotation_block(&self, what: &str, loc: Loc) -> CompileResult<()> {
        if self.scopes[self.cur_idx()].kind == ScopeKind::Annotation {
            return self.err(
                format!("'{}' can not be used within an annotation", what),
                loc,
            );
        }
        Ok(())
    }

    fn visit_expr(&mut self, e: &Expr) -> CompileResult<()> {
        self.enter_depth()?;
        let r = self.visit_expr_inner(e);
        self.depth -= 1;
        r
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> CompileResult<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.raise_if_annotation_block("named expression", e.loc)?;
                if self.scopes[self.cur_idx()].comp_iter_expr > 0 {
                    return self.err(
                        "assignment expression cannot be used in a comprehension iterable expression".into(),
                        e.loc,
                    );
                }
                if self.scopes[self.cur_idx()].comprehension.is_some() {
                    self.extend_namedexpr_scope(target)?;
                }
                self.visit_expr(value)?;
                self.visit_expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.enter(
                    "lambda",
                    ScopeKind::Function,
                    e as *const Expr as usize,
                    e.loc.lineno,
                );
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Set { elts } => self.visit_exprs(elts)?,
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, "listcomp", CompKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, "setcomp", CompKind::Set, generators, elt, None)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, "genexpr", CompKind::Generator, generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(
                e,
                "dictcomp",
                CompKind::Dict,
                generators,
                key,
                Some(value),
            )?,
            ExprKind::Yield { value } => {
                self.raise_if_annotation_block("yield expression", e.loc)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.cur().is_generator = true;
                self.raise_if_comprehension(e.loc)?;
            }
            ExprKind::YieldFrom { value } => {
                self.raise_if_annotation_block("yield expression", e.loc)?;
                self.visit_expr(value)?;
                self.cur().is_generator = true;
                self.raise_if_comprehension(e.loc)?;
            }
            ExprKind::Await { value } => {
                self.raise_if_annotation_block("await expression", e.loc)?;
                self.visit_expr(value)?;
                self.cur().is_coroutine = true;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.visit_expr(value)?;
                if let Some(f) = format_spec {
                    self.visit_expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(x)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(id, flag, e.loc)?;
                if *ctx == ExprContext::Load
                    && self.scopes[self.cur_idx()].kind == ScopeKind::Function
                    && id == "super"
                {
                    self.add_def("__class__", USE, e.loc)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts)?,
        }
        Ok(())
    }

    fn raise_if_comprehension(&self, loc: Loc) -> CompileResult<()> {
        let what = match self.scopes[self.cur_idx()].comprehension {
            None => return Ok(()),
            Some(CompKind::List) => "list comprehension",
            Some(CompKind::Set) => "set comprehension",
            Some(CompKind::Dict) => "dict comprehension",
            Some(CompKind::Generator) => "generator expression",
        };
        self.err(format!("'yield' inside {}", what), loc)
    }

    fn extend_namedexpr_scope(&mut self, target: &Expr) -> CompileResult<()> {
        let ExprKind::Name { id, .. } = &target.kind else {
            return Ok(());
        };
        let loc = target.loc;
        for i in (0..self.stack.len()).rev() {
            let idx = self.stack[i];
            let ste = &self.scopes[idx];
            if ste.comprehension.is_some() {
                if ste.flags(id) & DEF_COMP_ITER != 0 {
                    return self.err(
                        format!("assignment expression cannot rebind comprehension iteration variable '{}'", id),
                        loc,
                    );
                }
                continue;
            }
            match ste.kind {
                ScopeKind::Function => {
                    if ste.flags(id) & DEF_GLOBAL != 0 {
                        self.add_def(id, DEF_GLOBAL, loc)?;
                    } else {
                        self.add_def(id, DEF_NONLOCAL, loc)?;
                    }
                    self.record_directive(id, loc);
                    return self.add_def_in(id, DEF_LOCAL, idx, loc);
                }
                ScopeKind::Module => {
                    self.add_def(id, DEF_GLOBAL, loc)?;
                    self.record_directive(id, loc);
                    return self.add_def_in(id, DEF_GLOBAL, idx, loc);
                }
                ScopeKind::Class => {
                    return self.err(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        loc,
                    );
                }
                ScopeKind::Annotation => {
                    return self.err(
                        "'named expression' can not be used within an annotation".into(),
                        loc,
                    );
                }
            }
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: CompKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CompileResult<()> {
        let Some(outermost) = generators.first() else {
            return self.err("comprehension with no generators".into(), e.loc);
        };
        self.cur().comp_iter_expr += 1;
        let r = self.visit_expr(&outermost.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        self.enter(
            name,
            ScopeKind::Function,
            e as *const Expr as usize,
            e.loc.lineno,
        );
        self.cur().comprehension = Some(kind);
        if outermost.is_async != 0 {
            self.cur().is_coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, e.loc)?;
        self.cur().comp_iter_target = true;
        let r = self.visit_expr(&outermost.target);
        self.cur().comp_iter_target = false;
        r?;
        self.visit_exprs(&outermost.ifs)?;
        for g in &generators[1..] {
            self.cur().comp_iter_target = true;
            let r = self.visit_expr(&g.target);
            self.cur().comp_iter_target = false;
            r?;
            self.cur().comp_iter_expr += 1;
            let r = self.visit_expr(&g.iter);
            self.cur().comp_iter_expr -= 1;
            r?;
            self.visit_exprs(&g.ifs)?;
            if g.is_async != 0 {
                self.cur().is_coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let is_gen = kind == CompKind::Generator;
        self.cur().is_generator = is_gen;
        let is_async = self.cur().is_coroutine && !is_gen;
        self.exit();
        if is_async {
            self.cur().is_coroutine = true;
        }
        Ok(())
    }

    fn visit_pattern(&mut self, p: &Pattern) -> CompileResult<()> {
        self.enter_depth()?;
        let r = self.visit_pattern_inner(p);
        self.depth -= 1;
        r
    }

    fn visit_pattern_inner(&mut self, p: &Pattern) -> CompileResult<()> {
        match &p.kind {
            PatternKind::MatchValue { value } => self.visit_expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.visit_pattern(q)?;
                }
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.loc)?;
                }
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.visit_exprs(keys)?;
                for q in patterns {
                    self.visit_pattern(q)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, p.loc)?;
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.visit_expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(q)?;
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.visit_pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.loc)?;
                }
            }
        }
        Ok(())
    }
}

type NameSet = HashSet<String>;

struct Analyzer<'a> {
    filename: &'a str,
    scopes: &'a mut Vec<Scope>,
}

impl<'a> Analyzer<'a> {
    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &mut self,
        idx: usize,
        scopes: &mut HashMap<String, NameScope>,
        name: &str,
        flags: u32,
        bound: &mut Option<NameSet>,
        local: &mut NameSet,
        free: &mut NameSet,
        global: &mut NameSet,
    ) -> CompileResult<()> {
        let ste = &mut self.scopes[idx];
        let dloc = ste.directives.get(name).copied().unwrap_or_default();
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(syntax_error(
                    self.filename,
                    format!("name '{}' is nonlocal and global", name),
                    dloc,
                ));
            }
            scopes.insert(name.into(), NameScope::GlobalExplicit);
            global.insert(name.into());
            if let Some(b) = bound.as_mut() {
                b.remove(name);
            }
            return Ok(());
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(bound) = bound.as_ref() else {
                return Err(syntax_error(
                    self.filename,
                    "nonlocal declaration not allowed at module level".into(),
                    dloc,
                ));
            };
            if !bound.contains(name) {
                return Err(syntax_error(
                    self.filename,
                    format!("no binding for nonlocal '{}' found", name),
                    dloc,
                ));
            }
            scopes.insert(name.into(), NameScope::Free);
            ste.has_free = true;
            free.insert(name.into());
            return Ok(());
        }
        if flags & DEF_BOUND != 0 {
            scopes.insert(name.into(), NameScope::Local);
            local.insert(name.into());
            global.remove(name);
            return Ok(());
        }
        if let Some(b) = bound.as_ref()
            && b.contains(name)
        {
            scopes.insert(name.into(), NameScope::Free);
            ste.has_free = true;
            free.insert(name.into());
            return Ok(());
        }
        if global.contains(name) {
            scopes.insert(name.into(), NameScope::GlobalImplicit);
            return Ok(());
        }
        if ste.nested {
            ste.has_free = true;
        }
        scopes.insert(name.into(), NameScope::GlobalImplicit);
        Ok(())
    }

    fn analyze_block(
        &mut self,
        idx: usize,
        mut bound: Option<NameSet>,
        free: &mut NameSet,
        global: &mut NameSet,
    ) -> CompileResult<()> {
        let mut local = NameSet::new();
        let mut scopes: HashMap<String, NameScope> = HashMap::new();
        let mut newglobal = NameSet::new();
        let mut newfree = NameSet::new();
        let mut newbound = NameSet::new();
        let kind = self.scopes[idx].kind;
        if kind == ScopeKind::Class {
            newglobal.extend(global.iter().cloned());
            if let Some(b) = &bound {
                newbound.extend(b.iter().cloned());
            }
        }
        let names: Vec<(String, u32)> = self.scopes[idx]
            .symbol_names
            .iter()
            .map(|n| (n.clone(), self.scopes[idx].flags(n)))
            .collect();
        for (name, flags) in &names {
            self.analyze_name(
                idx,
                &mut scopes,
                name,
                *flags,
                &mut bound,
                &mut local,
                free,
                global,
            )?;
        }
        if kind != ScopeKind::Class {
            if kind == ScopeKind::Function {
                newbound.extend(local.iter().cloned());
            }
            if let Some(b) = &bound {
                newbound.extend(b.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".into());
        }
        let mut allfree = NameSet::new();
        let children = self.scopes[idx].children.clone();
        for c in children {
            let mut temp_free = newfree.clone();
            let mut temp_global = newglobal.clone();
            let temp_bound = newbound.clone();
            self.analyze_block(c, Some(temp_bound), &mut temp_free, &mut temp_global)?;
            allfree.extend(temp_free);
            let ch = &self.scopes[c];
            if ch.has_free || ch.child_free {
                self.scopes[idx].child_free = true;
            }
        }
        newfree.extend(allfree);
        match kind {
            ScopeKind::Function => {
                // analyze_cells
                for (name, sc) in scopes.iter_mut() {
                    if *sc == NameScope::Local && newfree.contains(name) {
                        *sc = NameScope::Cell;
                        newfree.remove(name);
                    }
                }
            }
            ScopeKind::Class if newfree.remove("__class__") => {
                self.scopes[idx].needs_class_closure = true;
            }
            _ => {}
        }
        // update_symbols
        let classflag = kind == ScopeKind::Class;
        let ste = &mut self.scopes[idx];
        for (name, sc) in &scopes {
            if let Some(sym) = ste.symbols.get_mut(name) {
                sym.scope = *sc;
            }
        }
        let mut newfree_sorted: Vec<&String> = newfree.iter().collect();
        newfree_sorted.sort();
        for name in newfree_sorted {
            if let Some(sym) = ste.symbols.get_mut(name) {
                if classflag && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    sym.flags |= DEF_FREE_CLASS;
                }
                continue;
            }
            if let Some(b) = &bound
                && !b.contains(name)
            {
                continue;
            }
            ste.symbol_names.push(name.clone());
            ste.symbols.insert(
                name.clone(),
                Symbol {
                    flags: DEF_FREE,
                    scope: NameScope::Free,
                },
            );
        }
        free.extend(newfree);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> SymbolTable {
        let m = taipan_parser::parse_str(src, "<t>", taipan_parser::Mode::Exec).expect("parses");
        // The table keys nodes by address, so keep the tree alive by leaking
        // it for the duration of the test.
        let m: &'static Mod = Box::leak(Box::new(m));
        build(m, "<t>", false).expect("builds")
    }

    fn scope<'a>(st: &'a SymbolTable, name: &str) -> &'a Scope {
        st.scopes
            .iter()
            .find(|s| s.name == name)
            .expect("scope exists")
    }

    #[test]
    fn locals_globals_cells_frees() {
        let st = table(
            "g = 1\ndef f(a):\n    b = a\n    def inner():\n        return a + g + c\n    return inner\n",
        );
        let f = scope(&st, "f");
        assert_eq!(f.scope_of("a"), NameScope::Cell);
        assert_eq!(f.scope_of("b"), NameScope::Local);
        assert_eq!(f.varnames, vec!["a".to_string()]);
        let inner = scope(&st, "inner");
        assert_eq!(inner.scope_of("a"), NameScope::Free);
        assert_eq!(inner.scope_of("g"), NameScope::GlobalImplicit);
        assert_eq!(inner.scope_of("c"), NameScope::GlobalImplicit);
        assert!(inner.nested);
    }

    #[test]
    fn class_scope_rules() {
        let st = table("class C:\n    x = 1\n    def m(self):\n        return x, super()\n");
        let c = scope(&st, "C");
        assert!(c.needs_class_closure);
        assert_eq!(c.scope_of("x"), NameScope::Local);
        let m = scope(&st, "m");
        assert_eq!(m.scope_of("x"), NameScope::GlobalImplicit);
        assert_eq!(m.scope_of("__class__"), NameScope::Free);
    }

    #[test]
    fn comprehensions_and_walrus() {
        let st = table("def f(xs):\n    return [y := x for x in xs], y\n");
        let f = scope(&st, "f");
        assert_eq!(f.scope_of("y"), NameScope::Cell);
        let comp = scope(&st, "listcomp");
        assert_eq!(comp.scope_of("y"), NameScope::Free);
        assert_eq!(comp.scope_of("x"), NameScope::Local);
        assert_eq!(comp.varnames, vec![".0".to_string()]);
        // The outermost iterable is evaluated in f.
        assert_eq!(f.scope_of("xs"), NameScope::Local);
        assert_eq!(comp.scope_of("xs"), NameScope::Unknown);
    }

    #[test]
    fn mangling_and_global_declarations() {
        assert_eq!(mangle(Some("Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle(Some("_Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle(Some("Ham"), "__spam__"), "__spam__");
        assert_eq!(mangle(Some("___"), "__spam"), "__spam");
        assert_eq!(mangle(None, "__spam"), "__spam");
        let st = table(
            "class C:\n    __x = 1\n    def m(self):\n        global G\n        G = self.__x\n",
        );
        assert_eq!(scope(&st, "C").scope_of("_C__x"), NameScope::Local);
        assert_eq!(scope(&st, "m").scope_of("G"), NameScope::GlobalExplicit);
        // `global` in a function also marks the module-level name.
        assert_eq!(st.scopes[0].scope_of("G"), NameScope::GlobalExplicit);
    }

    #[test]
    fn generator_and_coroutine_flags() {
        let st = table(
            "def g():\n    yield 1\nasync def a():\n    await x\nasync def ag():\n    yield 1\n",
        );
        assert!(scope(&st, "g").is_generator);
        assert!(scope(&st, "a").is_coroutine && !scope(&st, "a").is_generator);
        assert!(scope(&st, "ag").is_coroutine && scope(&st, "ag").is_generator);
    }
}
