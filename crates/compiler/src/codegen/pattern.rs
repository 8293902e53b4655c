//! `match` statements, following CPython 3.11's pattern compiler.
//!
//! While a pattern is matched, the subject (and pieces extracted from it)
//! live on the stack; `on_top` counts items above the captured values,
//! and `stores` lists names captured so far (their values sit on the stack
//! below `on_top` items until the whole pattern succeeds).  On failure a
//! jump goes to `fail_pop[n]`, a chain of blocks each popping one more item,
//! so every failure path leaves the stack as it found it.

use taipan_ast::*;
use taipan_bytecode::{BinaryOp, CompareOp, Constant, Opcode};
use taipan_common::Wtf8Buf;

use super::{BlockId, Compiler, convert_const};
use crate::error::CompileResult;

struct PatternContext {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

fn is_wildcard_star(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    pub fn compile_match(
        &mut self,
        subject: &'a Expr,
        cases: &'a [MatchCase],
    ) -> CompileResult<()> {
        self.visit_expr(subject)?;
        let end = self.new_block();
        let ncases = cases.len();
        let Some(last) = cases.last() else {
            return self.error("match statement with no cases");
        };
        let has_default = is_wildcard(&last.pattern) && ncases > 1;
        let mut pc = PatternContext {
            stores: Vec::new(),
            allow_irrefutable: false,
            fail_pop: Vec::new(),
            on_top: 0,
        };
        for (i, m) in cases[..ncases - has_default as usize].iter().enumerate() {
            self.set_loc(m.pattern.loc);
            let is_last = i + 1 == ncases - has_default as usize;
            if !is_last {
                self.emit_arg(Opcode::COPY, 1);
            }
            pc.stores = Vec::new();
            pc.allow_irrefutable = m.guard.is_some() || i + 1 == ncases;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.compile_pattern(&m.pattern, &mut pc)?;
            let stores = std::mem::take(&mut pc.stores);
            for name in &stores {
                self.nameop(name, ExprContext::Store)?;
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if !is_last {
                self.emit(Opcode::POP_TOP);
            }
            self.visit_stmts(&m.body)?;
            self.emit_jump(Opcode::JUMP, end);
            self.set_loc(m.pattern.loc);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.loc);
            if ncases == 1 {
                self.emit(Opcode::POP_TOP);
            } else {
                self.emit(Opcode::NOP);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.visit_stmts(&last.body)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.emit_jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_next_block(pc.fail_pop[i]);
            self.emit(Opcode::POP_TOP);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit_arg(Opcode::SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store_name(
        &mut self,
        name: Option<&str>,
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        let Some(n) = name else {
            self.emit(Opcode::POP_TOP);
            return Ok(());
        };
        if n == "__debug__" {
            return self.error("cannot assign to __debug__");
        }
        if pc.stores.iter().any(|s| s == n) {
            return self.error(format!("multiple assignments to name '{}' in pattern", n));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.pattern_rotate(rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn compile_pattern_subpattern(
        &mut self,
        p: &'a Pattern,
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.compile_pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn compile_pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CompileResult<()> {
        self.enter_depth()?;
        self.set_loc(p.loc);
        let r = self.compile_pattern_inner(p, pc);
        self.depth -= 1;
        r
    }

    fn compile_pattern_inner(
        &mut self,
        p: &'a Pattern,
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        match &p.kind {
            PatternKind::MatchValue { value } => {
                if !matches!(
                    value.kind,
                    ExprKind::Constant { .. } | ExprKind::Attribute { .. }
                ) {
                    return self.error("patterns may only match literals and attribute lookups");
                }
                self.visit_expr(value)?;
                self.emit_arg(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(convert_const(value));
                self.emit_arg(Opcode::IS_OP, 0);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)?,
            PatternKind::MatchStar { name } => self.pattern_store_name(name.as_deref(), pc)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return match name {
                            Some(n) => self.error(format!(
                                "name capture '{}' makes remaining patterns unreachable",
                                n
                            )),
                            None => self.error("wildcard makes remaining patterns unreachable"),
                        };
                    }
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit_arg(Opcode::COPY, 1);
                    self.compile_pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
            },
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if matches!(q.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return self.error("multiple starred names in sequence pattern");
                }
                star_wildcard = is_wildcard_star(q);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(q);
        }
        pc.on_top += 1;
        self.emit(Opcode::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.emit(Opcode::GET_LEN);
                self.load_int(size as i64);
                self.emit_arg(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.emit(Opcode::GET_LEN);
                self.load_int(size as i64 - 1);
                self.emit_arg(Opcode::COMPARE_OP, CompareOp::Ge as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            _ => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Opcode::POP_TOP);
        } else if star_wildcard {
            let star = star.unwrap_or(0);
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if is_wildcard(q) || i == star {
                    continue;
                }
                self.emit_arg(Opcode::COPY, 1);
                if i < star {
                    self.load_int(i as i64);
                } else {
                    self.emit(Opcode::GET_LEN);
                    self.load_int((size - i) as i64);
                    self.emit_arg(Opcode::BINARY_OP, BinaryOp::Subtract as u32);
                }
                self.emit(Opcode::BINARY_SUBSCR);
                self.compile_pattern_subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP);
        } else {
            // pattern_unpack_helper
            let mut seen_star = false;
            for (i, q) in patterns.iter().enumerate() {
                if matches!(q.kind, PatternKind::MatchStar { .. }) && !seen_star {
                    if i >= 256 {
                        return self
                            .error("too many expressions in star-unpacking sequence pattern");
                    }
                    self.emit_arg(Opcode::UNPACK_EX, (i + ((size - i - 1) << 8)) as u32);
                    seen_star = true;
                }
            }
            if !seen_star {
                self.emit_arg(Opcode::UNPACK_SEQUENCE, size as u32);
            }
            pc.on_top += size;
            for q in patterns {
                pc.on_top -= 1;
                self.compile_pattern_subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        let size = keys.len();
        if size != patterns.len() {
            return self.error(format!(
                "keys ({}) / patterns ({}) length mismatch in mapping pattern",
                size,
                patterns.len()
            ));
        }
        pc.on_top += 1;
        self.emit(Opcode::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GET_LEN);
            self.load_int(size as i64);
            self.emit_arg(Opcode::COMPARE_OP, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<&taipan_ast::Constant> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    if seen.iter().any(|s| crate::fold::const_py_eq(s, value)) {
                        let r = taipan_ast::unparse::constant_repr(value);
                        return self.error(format!("mapping pattern checks duplicate key ({})", r));
                    }
                    seen.push(value);
                }
                ExprKind::Attribute { .. } => {}
                _ => {
                    return self.error(
                        "mapping pattern keys may only match literals and attribute lookups",
                    );
                }
            }
            self.visit_expr(key)?;
        }
        self.emit_arg(Opcode::BUILD_TUPLE, size as u32);
        self.emit(Opcode::MATCH_KEYS);
        pc.on_top += 2;
        self.emit_arg(Opcode::COPY, 1);
        self.load_none();
        self.emit_arg(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        self.emit_arg(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for q in patterns {
            pc.on_top -= 1;
            self.compile_pattern_subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        if let Some(rest) = rest {
            self.emit_arg(Opcode::BUILD_MAP, 0);
            self.emit_arg(Opcode::SWAP, 3);
            self.emit_arg(Opcode::DICT_UPDATE, 2);
            self.emit_arg(Opcode::UNPACK_SEQUENCE, size as u32);
            let mut n = size;
            while n > 0 {
                self.emit_arg(Opcode::COPY, 1 + n as u32);
                n -= 1;
                self.emit_arg(Opcode::SWAP, 2);
                self.emit(Opcode::DELETE_SUBSCR);
            }
            self.pattern_store_name(Some(rest), pc)?;
        } else {
            self.emit(Opcode::POP_TOP);
            self.emit(Opcode::POP_TOP);
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [Identifier],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CompileResult<()> {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            return self.error(format!(
                "kwd_attrs ({}) / kwd_patterns ({}) length mismatch in class pattern",
                nattrs,
                kwd_patterns.len()
            ));
        }
        if nattrs > 0 {
            for (i, attr) in kwd_attrs.iter().enumerate() {
                self.set_loc(kwd_patterns[i].loc);
                if attr == "__debug__" {
                    return self.error("cannot assign to __debug__");
                }
                for (j, other) in kwd_attrs.iter().enumerate().skip(i + 1) {
                    if other == attr {
                        self.set_loc(kwd_patterns[j].loc);
                        return self.error(format!(
                            "attribute name repeated in class pattern: {}",
                            attr
                        ));
                    }
                }
            }
            self.set_loc(p.loc);
        }
        self.visit_expr(cls)?;
        let names = kwd_attrs
            .iter()
            .map(|a| Constant::Str(Wtf8Buf::from_str(a)))
            .collect();
        self.load_const(Constant::Tuple(names));
        self.emit_arg(Opcode::MATCH_CLASS, nargs as u32);
        self.emit_arg(Opcode::COPY, 1);
        self.load_none();
        self.emit_arg(Opcode::IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        self.emit_arg(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for q in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(q) {
                self.emit(Opcode::POP_TOP);
                continue;
            }
            self.compile_pattern_subpattern(q, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut PatternContext) -> CompileResult<()> {
        let end = self.new_block();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        let size = alts.len();
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.loc);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == size && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit_arg(Opcode::COPY, 1);
            self.compile_pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    if nstores != ctl.len() {
                        return self.error("alternative patterns bind different names");
                    }
                    if nstores > 0 {
                        for icontrol in (0..nstores).rev() {
                            let name = &ctl[icontrol];
                            let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                                return self.error("alternative patterns bind different names");
                            };
                            if icontrol != istores {
                                let rotations = istores + 1;
                                let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                                let at = icontrol - istores;
                                for (k, r) in rotated.into_iter().enumerate() {
                                    pc.stores.insert(at + k, r);
                                }
                                for _ in 0..rotations {
                                    self.pattern_rotate(icontrol + 1);
                                }
                            }
                        }
                    }
                }
            }
            self.emit_jump(Opcode::JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.emit(Opcode::POP_TOP);
        self.jump_to_fail_pop(pc, Opcode::JUMP);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return self.error(format!(
                    "multiple assignments to name '{}' in pattern",
                    name
                ));
            }
            pc.stores.push(name);
        }
        self.emit(Opcode::POP_TOP);
        Ok(())
    }
}
