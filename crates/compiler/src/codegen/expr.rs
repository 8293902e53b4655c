//! Expressions: operators, displays, calls, comprehensions, lambdas,
//! f-strings, yield/await, and conditional jumps (`jump_if`).

use taipan_ast::*;
use taipan_bytecode::{CompareOp, Constant, Opcode};
use taipan_common::Wtf8Buf;

use super::stmt::{STACK_USE_GUIDELINE, binary_op};
use super::{BlockId, Compiler, FBlockKind, NO_BLOCK, UnitKind, convert_const};
use crate::error::CompileResult;
use crate::symtable::{CompKind, ScopeKind};

fn is_const(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Constant { .. })
}

fn const_of(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(convert_const(value)),
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    pub fn visit_expr(&mut self, e: &'a Expr) -> CompileResult<()> {
        self.enter_depth()?;
        let saved = self.ur().loc;
        self.set_loc(e.loc);
        let r = self.visit_expr_inner(e);
        self.u().loc = saved;
        self.depth -= 1;
        r
    }

    fn compare_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Is => self.emit_arg(Opcode::IS_OP, 0),
            CmpOp::IsNot => self.emit_arg(Opcode::IS_OP, 1),
            CmpOp::In => self.emit_arg(Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit_arg(Opcode::CONTAINS_OP, 1),
            CmpOp::Eq => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => self.emit_arg(Opcode::COMPARE_OP, CompareOp::Ge as u32),
        }
    }

    fn visit_expr_inner(&mut self, e: &'a Expr) -> CompileResult<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.emit_arg(Opcode::COPY, 1);
                self.visit_expr(target)?;
            }
            ExprKind::BoolOp { op, values } => {
                let jump = if *op == BoolOp::Or {
                    Opcode::JUMP_IF_TRUE_OR_POP
                } else {
                    Opcode::JUMP_IF_FALSE_OR_POP
                };
                let end = self.new_block();
                let Some((last, init)) = values.split_last() else {
                    return self.error("empty BoolOp");
                };
                for v in init {
                    self.visit_expr(v)?;
                    self.emit_jump(jump, end);
                }
                self.visit_expr(last)?;
                self.use_next_block(end);
            }
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.emit_arg(Opcode::BINARY_OP, binary_op(*op) as u32);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.emit(match op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                });
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.emit_jump_noline(Opcode::JUMP, end);
                self.use_next_block(next);
                self.visit_expr(orelse)?;
                self.use_next_block(end);
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack_helper(
                elts,
                0,
                Opcode::BUILD_SET,
                Opcode::SET_ADD,
                Opcode::SET_UPDATE,
                false,
            )?,
            ExprKind::ListComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::List, "<listcomp>", generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::Set, "<setcomp>", generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.compile_comprehension(
                e,
                CompKind::Dict,
                "<dictcomp>",
                generators,
                key,
                Some(value),
            )?,
            ExprKind::GeneratorExp { elt, generators } => self.compile_comprehension(
                e,
                CompKind::Generator,
                "<genexpr>",
                generators,
                elt,
                None,
            )?,
            ExprKind::Yield { value } => {
                if self.scope_kind() != ScopeKind::Function {
                    return self.error("'yield' outside function");
                }
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_none(),
                }
                self.emit_yield();
            }
            ExprKind::YieldFrom { value } => {
                if self.scope_kind() != ScopeKind::Function {
                    return self.error("'yield' outside function");
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return self.error("'yield from' inside async function");
                }
                self.visit_expr(value)?;
                self.emit(Opcode::GET_YIELD_FROM_ITER);
                self.load_none();
                self.add_yield_from(false);
            }
            ExprKind::Await { value } => {
                if self.scope_kind() != ScopeKind::Function {
                    return self.error("'await' outside function");
                }
                if !matches!(
                    self.ur().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return self.error("'await' outside async function");
                }
                self.visit_expr(value)?;
                self.emit_arg(Opcode::GET_AWAITABLE, 0);
                self.load_none();
                self.add_yield_from(true);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compile_compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(func, args, keywords)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.visit_expr(value)?;
                let mut oparg = match *conversion {
                    115 => 1, // 's'
                    114 => 2, // 'r'
                    97 => 3,  // 'a'
                    -1 => 0,
                    _ => return self.error("unrecognized conversion character"),
                };
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                    oparg |= 4;
                }
                self.emit_arg(Opcode::FORMAT_VALUE, oparg);
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_str("");
                    self.emit_name_raw(Opcode::LOAD_METHOD, "join");
                    self.emit_arg(Opcode::BUILD_LIST, 0);
                    for v in values {
                        self.visit_expr(v)?;
                        self.emit_arg(Opcode::LIST_APPEND, 1);
                    }
                    self.emit_arg(Opcode::CALL, 1);
                } else {
                    for v in values {
                        self.visit_expr(v)?;
                    }
                    if values.len() != 1 {
                        self.emit_arg(Opcode::BUILD_STRING, values.len() as u32);
                    }
                }
            }
            ExprKind::Constant { value, .. } => self.load_const(convert_const(value)),
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.update_start_location_to_match_attr(e.loc, attr);
                match ctx {
                    ExprContext::Load => self.emit_name(Opcode::LOAD_ATTR, attr),
                    ExprContext::Store => {
                        if attr == "__debug__" {
                            return self.error("cannot assign to __debug__");
                        }
                        self.emit_name(Opcode::STORE_ATTR, attr)
                    }
                    ExprContext::Del => self.emit_name(Opcode::DELETE_ATTR, attr),
                }
            }
            ExprKind::Subscript { value, slice, ctx } => {
                if *ctx == ExprContext::Load {
                    self.check_subscript(value, slice);
                }
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.emit(match ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                });
            }
            ExprKind::Starred { ctx, .. } => {
                return match ctx {
                    ExprContext::Store => {
                        self.error("starred assignment target must be in a list or tuple")
                    }
                    _ => self.error("can't use starred expression here"),
                };
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                match lower {
                    Some(l) => self.visit_expr(l)?,
                    None => self.load_none(),
                }
                match upper {
                    Some(u) => self.visit_expr(u)?,
                    None => self.load_none(),
                }
                if let Some(s) = step {
                    n += 1;
                    self.visit_expr(s)?;
                }
                self.emit_arg(Opcode::BUILD_SLICE, n);
            }
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx)?,
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack_helper(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                )?,
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => {
                    for x in elts {
                        self.visit_expr(x)?;
                    }
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack_helper(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?,
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => {
                    for x in elts {
                        self.visit_expr(x)?;
                    }
                }
            },
        }
        Ok(())
    }

    // ---- yield / await ----

    pub fn emit_yield(&mut self) {
        if self.is_async_generator_scope() {
            self.emit(Opcode::ASYNC_GEN_WRAP);
        }
        self.emit(Opcode::YIELD_VALUE);
        self.emit_arg(Opcode::RESUME, 1);
    }

    /// `L: SEND exit; YIELD_VALUE; RESUME 2|3; JUMP_BACKWARD_NO_INTERRUPT L; exit:`
    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.emit_jump(Opcode::SEND, exit);
        self.use_next_block(resume);
        self.emit(Opcode::YIELD_VALUE);
        self.emit_arg(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.emit_jump(Opcode::JUMP_NO_INTERRUPT, start);
        self.use_next_block(exit);
    }

    // ---- conditional jumps ----

    /// Evaluates `e` and jumps to `next` if its truth equals `cond`.
    /// (Like CPython 3.11, the jumps themselves carry the location of the
    /// enclosing statement, not of `e`.)
    pub fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CompileResult<()> {
        self.enter_depth()?;
        let r = self.jump_if_inner(e, next, cond);
        self.depth -= 1;
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CompileResult<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    next
                };
                let Some((last, init)) = values.split_last() else {
                    return self.error("empty BoolOp");
                };
                for v in init {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(last, next, cond)?;
                if next2 != next {
                    self.use_next_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.emit_jump_noline(Opcode::JUMP, end);
                self.use_next_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_next_block(end);
                return Ok(());
            }
            // CPython 3.11 (observed): a comparison's location becomes the
            // current one and stays in effect for the jumps that follow.
            ExprKind::Compare { ops, .. } if ops.len() == 1 => self.set_loc(e.loc),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() > 1 => {
                self.set_loc(e.loc);
                if ops.len() != comparators.len() {
                    return self.error("malformed comparison");
                }
                self.check_compare(left, ops, comparators);

                let n = ops.len() - 1;

                let cleanup = self.new_block();
                self.visit_expr(left)?;
                for i in 0..n {
                    self.visit_expr(&comparators[i])?;
                    self.emit_arg(Opcode::SWAP, 2);
                    self.emit_arg(Opcode::COPY, 2);
                    self.compare_op(ops[i]);
                    self.emit_jump(Opcode::POP_JUMP_IF_FALSE, cleanup);
                }
                self.visit_expr(&comparators[n])?;
                self.compare_op(ops[n]);
                self.emit_jump(
                    if cond {
                        Opcode::POP_JUMP_IF_TRUE
                    } else {
                        Opcode::POP_JUMP_IF_FALSE
                    },
                    next,
                );
                let end = self.new_block();
                self.emit_jump_noline(Opcode::JUMP, end);
                self.use_next_block(cleanup);
                self.emit(Opcode::POP_TOP);
                if !cond {
                    self.emit_jump_noline(Opcode::JUMP, next);
                }
                self.use_next_block(end);
                return Ok(());
            }
            _ => {}
        }
        self.visit_expr(e)?;
        self.emit_jump(
            if cond {
                Opcode::POP_JUMP_IF_TRUE
            } else {
                Opcode::POP_JUMP_IF_FALSE
            },
            next,
        );
        Ok(())
    }

    fn compile_compare(
        &mut self,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
    ) -> CompileResult<()> {
        if ops.is_empty() || ops.len() != comparators.len() {
            return self.error("malformed comparison");
        }
        self.check_compare(left, ops, comparators);
        let n = ops.len() - 1;
        self.visit_expr(left)?;
        if n == 0 {
            self.visit_expr(&comparators[0])?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.emit_arg(Opcode::SWAP, 2);
            self.emit_arg(Opcode::COPY, 2);
            self.compare_op(ops[i]);
            self.emit_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
        }
        self.visit_expr(&comparators[n])?;
        self.compare_op(ops[n]);
        let end = self.new_block();
        self.emit_jump_noline(Opcode::JUMP, end);
        self.use_next_block(cleanup);
        self.emit_arg(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP);
        self.use_next_block(end);
        Ok(())
    }

    // ---- displays ----

    pub fn starunpack_helper(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CompileResult<()> {
        let n = elts.len();
        if n > 2 && elts.iter().all(is_const) {
            let items: Vec<Constant> = elts.iter().filter_map(const_of).collect();
            if tuple && pushed == 0 {
                self.load_const(Constant::Tuple(items));
            } else {
                let folded = if add == Opcode::SET_ADD {
                    let ast_items: Vec<taipan_ast::Constant> = elts
                        .iter()
                        .filter_map(|e| match &e.kind {
                            ExprKind::Constant { value, .. } => Some(value.clone()),
                            _ => None,
                        })
                        .collect();
                    let dedup = crate::fold::dedup_set(ast_items);
                    Constant::FrozenSet(dedup.iter().map(convert_const).collect())
                } else {
                    Constant::Tuple(items)
                };
                self.emit_arg(build, pushed);
                self.load_const(folded);
                self.emit_arg(extend, 1);
                if tuple {
                    self.emit(Opcode::LIST_TO_TUPLE);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for x in elts {
                self.visit_expr(x)?;
            }
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.emit_arg(op, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit_arg(build, pushed);
            built = true;
        }
        for (i, x) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.kind {
                if !built {
                    self.emit_arg(build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.emit_arg(extend, 1);
            } else {
                self.visit_expr(x)?;
                if built {
                    self.emit_arg(add, 1);
                }
            }
        }
        if tuple {
            self.emit(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn unpack_helper(&mut self, elts: &'a [Expr]) -> CompileResult<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, x) in elts.iter().enumerate() {
            if matches!(x.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return self.error("multiple starred expressions in assignment");
                }
                if i >= 256 || n - i > (i32::MAX >> 8) as usize {
                    return self.error("too many expressions in star-unpacking assignment");
                }
                self.emit_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit_arg(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        Ok(())
    }

    fn assignment_helper(&mut self, elts: &'a [Expr]) -> CompileResult<()> {
        self.unpack_helper(elts)?;
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(x)?,
            }
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CompileResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let all_const = keys[begin..end]
            .iter()
            .all(|k| k.as_ref().is_some_and(is_const));
        if n > 1 && !big && all_const {
            for v in &values[begin..end] {
                self.visit_expr(v)?;
            }
            let ks: Vec<Constant> = keys[begin..end]
                .iter()
                .flatten()
                .filter_map(const_of)
                .collect();
            self.load_const(Constant::Tuple(ks));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.emit_arg(Opcode::BUILD_MAP, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&values[i])?;
            if big {
                self.emit_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CompileResult<()> {
        if keys.len() != values.len() {
            return self.error("malformed dict display");
        }
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit_arg(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit_arg(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.emit_arg(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit_arg(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit_arg(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit_arg(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    // ---- calls ----

    fn validate_keywords(&self, keywords: &[Keyword]) -> CompileResult<()> {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if name == "__debug__" {
                return self.error("cannot assign to __debug__");
            }
            for other in &keywords[i + 1..] {
                if other.arg.as_deref() == Some(name.as_str()) {
                    return self
                        .error_at(format!("keyword argument repeated: {}", name), other.loc);
                }
            }
        }
        Ok(())
    }

    fn call_simple_kw_helper(&mut self, keywords: &[Keyword]) {
        let names: Vec<Constant> = keywords
            .iter()
            .map(|k| Constant::Str(Wtf8Buf::from_str(k.arg.as_deref().unwrap_or(""))))
            .collect();
        let i = self.u().add_const(Constant::Tuple(names));
        self.emit_arg(Opcode::KW_NAMES, i);
    }

    fn compile_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<()> {
        if self.maybe_optimize_method_call(func, args, keywords)? {
            return Ok(());
        }
        self.check_caller(func);
        let call_loc = self.ur().loc;
        self.set_loc(func.loc);
        self.emit(Opcode::PUSH_NULL);
        self.u().loc = call_loc;
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn maybe_optimize_method_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        if let ExprKind::Name { id, .. } = &value.kind {
            // CPython 3.11's is_import_originated: `mod.f()` on an imported
            // name keeps LOAD_ATTR (modules rarely benefit from LOAD_METHOD).
            if self.st.scopes[0].flags(id) & crate::symtable::DEF_IMPORT != 0 {
                return Ok(false);
            }
        }
        if args.len() + keywords.len() + (!keywords.is_empty()) as usize >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
        {
            return Ok(false);
        }
        if keywords.iter().any(|k| k.arg.is_none()) {
            return Ok(false);
        }
        self.validate_keywords(keywords)?;
        self.visit_expr(value)?;
        let call_loc = self.ur().loc;
        self.set_loc(func.loc);
        self.update_start_location_to_match_attr(func.loc, attr);
        self.emit_name(Opcode::LOAD_METHOD, attr);
        for a in args {
            self.visit_expr(a)?;
        }
        if !keywords.is_empty() {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            self.call_simple_kw_helper(keywords);
        }
        self.u().loc = call_loc;
        self.update_start_location_to_match_attr(func.loc, attr);
        self.emit_arg(Opcode::CALL, (args.len() + keywords.len()) as u32);
        Ok(true)
    }

    /// For an attribute spanning lines, later instructions point at the
    /// attribute name's line (CPython's `update_start_location_to_match_attr`).
    pub fn update_start_location_to_match_attr(&mut self, attr_loc: Loc, attr: &str) {
        let u = self.u();
        let end_lineno = attr_loc.end_lineno as i32;
        if u.loc.lineno != end_lineno && attr_loc.lineno != 0 {
            u.loc.lineno = end_lineno;
            let len = attr.len() as i32;
            if len <= attr_loc.end_col_offset as i32 {
                u.loc.col = attr_loc.end_col_offset as i32 - len;
            } else {
                u.loc.col = -1;
                u.loc.end_col = -1;
            }
            u.loc.end_lineno = u.loc.end_lineno.max(u.loc.lineno);
            if u.loc.lineno == u.loc.end_lineno {
                u.loc.end_col = u.loc.end_col.max(u.loc.col);
            }
        }
    }

    fn subkwargs(
        &mut self,
        keywords: &'a [Keyword],
        begin: usize,
        end: usize,
    ) -> CompileResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &keywords[begin..end] {
                self.visit_expr(&k.value)?;
            }
            let names: Vec<Constant> = keywords[begin..end]
                .iter()
                .map(|k| Constant::Str(Wtf8Buf::from_str(k.arg.as_deref().unwrap_or(""))))
                .collect();
            self.load_const(Constant::Tuple(names));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.emit_noline_arg(Opcode::BUILD_MAP, 0);
        }
        for k in &keywords[begin..end] {
            self.load_str(k.arg.as_deref().unwrap_or(""));
            self.visit_expr(&k.value)?;
            if big {
                self.emit_noline_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn emit_noline_arg(&mut self, op: Opcode, arg: u32) {
        let saved = self.ur().loc;
        self.unset_loc();
        self.emit_arg(op, arg);
        self.u().loc = saved;
    }

    /// Arguments and the call itself, `n` values already pushed after the callable.
    pub fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult<()> {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.visit_expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.call_simple_kw_helper(keywords);
            }
            self.emit_arg(Opcode::CALL, n + (nelts + nkw) as u32);
            return Ok(());
        }
        // ex_call
        if n == 0 && nelts == 1 {
            if let ExprKind::Starred { value, .. } = &args[0].kind {
                self.visit_expr(value)?;
            } else {
                self.starunpack_helper(
                    args,
                    n,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?;
            }
        } else {
            self.starunpack_helper(
                args,
                n,
                Opcode::BUILD_LIST,
                Opcode::LIST_APPEND,
                Opcode::LIST_EXTEND,
                true,
            )?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(keywords, i - nseen, i)?;
                        if have_dict {
                            self.emit_arg(Opcode::DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit_arg(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.emit_arg(Opcode::DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(keywords, nkw - nseen, nkw)?;
                if have_dict {
                    self.emit_arg(Opcode::DICT_MERGE, 1);
                }
            }
        }
        self.emit_arg(Opcode::CALL_FUNCTION_EX, (nkw > 0) as u32);
        Ok(())
    }

    // ---- lambda ----

    fn compile_lambda(
        &mut self,
        e: &'a Expr,
        args: &'a Arguments,
        body: &'a Expr,
    ) -> CompileResult<()> {
        let flags = self.default_arguments(args)?;
        let Some(scope) = self.st.lookup_node(e) else {
            return self.error("compiler: missing symbol table entry for lambda");
        };
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, e.loc.lineno);
        self.u().add_const(Constant::None);
        {
            let u = self.u();
            u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
        }
        self.visit_expr(body)?;
        let is_gen = self.st.scopes[scope].is_generator;
        let code = if is_gen {
            self.finish_unit(false)?
        } else {
            self.emit(Opcode::RETURN_VALUE);
            self.finish_unit(true)?
        };
        self.make_closure(code, flags)
    }

    // ---- comprehensions ----

    fn compile_comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        name: &str,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CompileResult<()> {
        let Some(outermost) = generators.first() else {
            return self.error("comprehension with no generators");
        };
        let Some(scope) = self.st.lookup_node(e) else {
            return self.error("compiler: missing symbol table entry for comprehension");
        };
        let outer_kind = self.ur().kind;
        self.enter_scope(name, UnitKind::Comprehension, scope, e.loc.lineno);
        self.set_loc(e.loc);
        let is_async_gen = self.st.scopes[scope].is_coroutine;
        if is_async_gen
            && kind != CompKind::Generator
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return self.error("asynchronous comprehension outside of an asynchronous function");
        }
        match kind {
            CompKind::List => self.emit_arg(Opcode::BUILD_LIST, 0),
            CompKind::Set => self.emit_arg(Opcode::BUILD_SET, 0),
            CompKind::Dict => self.emit_arg(Opcode::BUILD_MAP, 0),
            CompKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind)?;
        if kind != CompKind::Generator {
            self.emit(Opcode::RETURN_VALUE);
        }
        let code = self.finish_unit(true)?;
        self.make_closure(code, 0)?;
        self.visit_expr(&outermost.iter)?;
        self.emit(if outermost.is_async != 0 {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        });
        self.emit_arg(Opcode::CALL, 0);
        if is_async_gen && kind != CompKind::Generator {
            self.emit_arg(Opcode::GET_AWAITABLE, 0);
            self.load_none();
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CompileResult<()> {
        self.enter_depth()?;
        let r = if gens[idx].is_async != 0 {
            self.async_comprehension_generator(gens, idx, depth, elt, val, kind)
        } else {
            self.sync_comprehension_generator(gens, idx, depth, elt, val, kind)
        };
        self.depth -= 1;
        r
    }

    fn comprehension_element(
        &mut self,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CompileResult<()> {
        match kind {
            CompKind::Generator => {
                self.visit_expr(elt)?;
                self.emit_yield();
                self.emit(Opcode::POP_TOP);
            }
            CompKind::List => {
                self.visit_expr(elt)?;
                self.emit_arg(Opcode::LIST_APPEND, depth + 1);
            }
            CompKind::Set => {
                self.visit_expr(elt)?;
                self.emit_arg(Opcode::SET_ADD, depth + 1);
            }
            CompKind::Dict => {
                self.visit_expr(elt)?;
                if let Some(v) = val {
                    self.visit_expr(v)?;
                }
                self.emit_arg(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        idx: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CompileResult<()> {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let g = &gens[idx];
        if idx == 0 {
            self.u().argcount = 1;
            self.emit_arg(Opcode::LOAD_FAST, 0);
        } else {
            let elts = match &g.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => Some(elts),
                _ => None,
            };
            if let Some(elts) = elts
                && elts.len() == 1
                && !matches!(elts[0].kind, ExprKind::Starred { .. })
            {
                self.visit_expr(&elts[0])?;
                start = None;
            }
            if start.is_some() {
                self.visit_expr(&g.iter)?;
                self.emit(Opcode::GET_ITER);
            }
        }
        if let Some(st) = start {
            depth += 1;
            self.use_next_block(st);
            self.emit_jump(Opcode::FOR_ITER, anchor);
        }
        self.visit_expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if idx + 1 < gens.len() {
            self.comprehension_generator(gens, idx + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(depth, elt, val, kind)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(st) = start {
            self.emit_jump(Opcode::JUMP, st);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        idx: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CompileResult<()> {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let g = &gens[idx];
        if idx == 0 {
            self.u().argcount = 1;
            self.emit_arg(Opcode::LOAD_FAST, 0);
        } else {
            self.visit_expr(&g.iter)?;
            self.emit(Opcode::GET_AITER);
        }
        self.use_next_block(start);
        self.push_fblock(FBlockKind::AsyncComprehensionGenerator, start, NO_BLOCK)?;
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.emit(Opcode::GET_ANEXT);
        self.load_none();
        self.add_yield_from(true);
        self.emit(Opcode::POP_BLOCK);
        self.visit_expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if idx + 1 < gens.len() {
            self.comprehension_generator(gens, idx + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(depth, elt, val, kind)?;
        }
        self.use_next_block(if_cleanup);
        self.emit_jump(Opcode::JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.emit(Opcode::END_ASYNC_FOR);
        Ok(())
    }
}
