//! The assembler: turns a finished [`Unit`]'s control-flow graph into a
//! `CodeObject` (CPython 3.11's `assemble()` and `optimize_cfg()`).
//!
//! Pipeline, in order:
//! 1. cell/free slot layout (`localsplus`), `MAKE_CELL`/`COPY_FREE_VARS`
//!    prefix, deref arguments rewritten to localsplus indexes;
//! 2. CFG optimisation, iterated a few times: per-block peephole (constant
//!    conditions, `BUILD_TUPLE` of constants, `BUILD_TUPLE n; UNPACK_SEQUENCE n`
//!    -> `SWAP`, `x is None` jumps, `PUSH_NULL; LOAD_GLOBAL` fusion, jump
//!    threading), copying tiny exit blocks over the jumps to them, dropping
//!    unreachable blocks, redundant NOPs and jumps to the next block;
//! 3. line-number propagation to artificial instructions;
//! 4. stack depth by a worklist walk over the CFG (`Opcode::stack_effect`,
//!    with the branch effect on jump and `SETUP_*` edges);
//! 5. exception labelling: the except stack is carried along CFG edges,
//!    each instruction learns its innermost handler, pseudo-ops become NOPs;
//! 6. layout: block offsets (with `EXTENDED_ARG` prefixes, iterated to a
//!    fixpoint), `JUMP` -> `JUMP_FORWARD`/`JUMP_BACKWARD`, exception-table
//!    ranges from runs of equal handlers, one `Position` per instruction.

use taipan_bytecode::code::local_kind;
use taipan_bytecode::{CodeFlags, CodeObject, Constant, ExceptionEntry, Instr, Opcode, Position};

use crate::codegen::{BlockId, Ins, NO_BLOCK, SrcLoc, Unit};
use crate::error::CompileResult;

const MAX_COPY_SIZE: usize = 4;

fn is_uncond_jump(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    )
}

fn is_block_push(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH
    )
}

fn is_exit(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE
    )
}

fn is_deref(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::LOAD_DEREF
            | Opcode::STORE_DEREF
            | Opcode::DELETE_DEREF
            | Opcode::LOAD_CLASSDEREF
            | Opcode::LOAD_CLOSURE
    )
}

thread_local! {
    /// Set when two paths reach a block with different stack depths (a
    /// compiler bug); tests check it stays clear.
    pub static STACK_DEPTH_MISMATCH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

struct Cfg<'u, 'a> {
    u: &'u mut Unit<'a>,
    layout: Vec<BlockId>,
    /// Position of each block in `layout` (usize::MAX if not placed).
    pos: Vec<usize>,
}

impl<'u, 'a> Cfg<'u, 'a> {
    fn has_fallthrough(&self, b: BlockId) -> bool {
        match self.u.blocks[b].instrs.last() {
            Some(i) => !(is_uncond_jump(i.op) || is_exit(i.op)),
            None => true,
        }
    }

    fn rebuild_layout(&mut self) {
        let mut seen = vec![false; self.u.blocks.len()];
        self.layout.clear();
        let mut b = Some(self.u.entry);
        while let Some(id) = b {
            if seen[id] {
                break;
            }
            seen[id] = true;
            self.layout.push(id);
            b = self.u.blocks[id].next;
        }
        self.pos = vec![usize::MAX; self.u.blocks.len()];
        for (i, &b) in self.layout.iter().enumerate() {
            self.pos[b] = i;
        }
    }

    /// First non-empty block at or after `b` in layout order.
    fn skip_empty(&self, mut b: BlockId) -> BlockId {
        let mut guard = 0;
        while b != NO_BLOCK && self.u.blocks[b].instrs.is_empty() && guard < self.u.blocks.len() + 1
        {
            b = self.u.blocks[b].next.unwrap_or(NO_BLOCK);
            guard += 1;
        }
        b
    }

    fn next_nonempty(&self, b: BlockId) -> BlockId {
        match self.u.blocks[b].next {
            Some(n) => self.skip_empty(n),
            None => NO_BLOCK,
        }
    }

    fn retarget_to_nonempty(&mut self) {
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            for k in 0..self.u.blocks[b].instrs.len() {
                let t = self.u.blocks[b].instrs[k].target;
                if t != NO_BLOCK {
                    let nt = self.skip_empty(t);
                    self.u.blocks[b].instrs[k].target = nt;
                }
            }
        }
    }

    fn first_instr(&self, b: BlockId) -> Option<&Ins> {
        if b == NO_BLOCK {
            None
        } else {
            self.u.blocks[b].instrs.first()
        }
    }

    fn const_truth(&self, idx: u32) -> Option<bool> {
        let c = self.u.consts.get(idx as usize)?;
        Some(match c {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Ellipsis | Constant::Code(_) => true,
            Constant::Int(i) => i.sign() != num_bigint::Sign::NoSign,
            Constant::Float(f) => *f != 0.0,
            Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Constant::Str(s) => !s.is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        })
    }

    fn optimize_block(&mut self, b: BlockId) {
        let mut i = 0;
        let mut thread_budget = 64;
        while i < self.u.blocks[b].instrs.len() {
            let ins = self.u.blocks[b].instrs[i].clone();
            let next_op = self.u.blocks[b].instrs.get(i + 1).map(|x| x.op);
            match ins.op {
                Opcode::LOAD_CONST => match next_op {
                    Some(Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE) => {
                        if let Some(t) = self.const_truth(ins.arg) {
                            let jump_if_true = next_op == Some(Opcode::POP_JUMP_IF_TRUE);
                            let instrs = &mut self.u.blocks[b].instrs;
                            instrs[i].op = Opcode::NOP;
                            instrs[i + 1].op = if t == jump_if_true {
                                Opcode::JUMP
                            } else {
                                Opcode::NOP
                            };
                            if t != jump_if_true {
                                instrs[i + 1].target = NO_BLOCK;
                            }
                        }
                    }
                    Some(Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP) => {
                        if let Some(t) = self.const_truth(ins.arg) {
                            let jump_if_true = next_op == Some(Opcode::JUMP_IF_TRUE_OR_POP);
                            let instrs = &mut self.u.blocks[b].instrs;
                            if t == jump_if_true {
                                instrs[i + 1].op = Opcode::JUMP;
                            } else {
                                instrs[i].op = Opcode::NOP;
                                instrs[i + 1].op = Opcode::NOP;
                                instrs[i + 1].target = NO_BLOCK;
                            }
                        }
                    }
                    Some(Opcode::IS_OP) => {
                        let is_none =
                            matches!(self.u.consts.get(ins.arg as usize), Some(Constant::None));
                        let instrs = &mut self.u.blocks[b].instrs;
                        if is_none && i + 2 < instrs.len() {
                            let mut invert = instrs[i + 1].arg != 0;
                            let jop = instrs[i + 2].op;
                            let ok = match jop {
                                Opcode::POP_JUMP_IF_FALSE => {
                                    invert = !invert;
                                    true
                                }
                                Opcode::POP_JUMP_IF_TRUE => true,
                                _ => false,
                            };
                            if ok {
                                instrs[i].op = Opcode::NOP;
                                instrs[i + 1].op = Opcode::NOP;
                                instrs[i + 1].arg = 0;
                                instrs[i + 2].op = if invert {
                                    Opcode::POP_JUMP_IF_NOT_NONE
                                } else {
                                    Opcode::POP_JUMP_IF_NONE
                                };
                            }
                        }
                    }
                    _ => {}
                },
                Opcode::BUILD_TUPLE => {
                    let n = ins.arg as usize;
                    let instrs = &mut self.u.blocks[b].instrs;
                    if next_op == Some(Opcode::UNPACK_SEQUENCE)
                        && instrs[i + 1].arg == ins.arg
                        && (1..=3).contains(&n)
                    {
                        instrs[i].op = Opcode::NOP;
                        instrs[i].arg = 0;
                        if n == 1 {
                            instrs[i + 1].op = Opcode::NOP;
                            instrs[i + 1].arg = 0;
                        } else {
                            instrs[i + 1].op = Opcode::SWAP;
                        }
                        i += 1;
                        continue;
                    }
                    if i >= n && instrs[i - n..i].iter().all(|x| x.op == Opcode::LOAD_CONST) {
                        let items: Option<Vec<Constant>> = instrs[i - n..i]
                            .iter()
                            .map(|x| self.u.consts.get(x.arg as usize).cloned())
                            .collect();
                        if let Some(items) = items {
                            let idx = self.u.add_const(Constant::Tuple(items));
                            let instrs = &mut self.u.blocks[b].instrs;
                            for x in &mut instrs[i - n..i] {
                                x.op = Opcode::NOP;
                                x.arg = 0;
                            }
                            instrs[i].op = Opcode::LOAD_CONST;
                            instrs[i].arg = idx;
                        }
                    }
                }
                Opcode::SWAP => {
                    if ins.arg == 1 {
                        self.u.blocks[b].instrs[i].op = Opcode::NOP;
                    } else {
                        let instrs = &mut self.u.blocks[b].instrs;
                        i = swaptimize(instrs, i);
                        apply_static_swaps(instrs, i);
                    }
                }
                Opcode::PUSH_NULL => {
                    let instrs = &mut self.u.blocks[b].instrs;
                    if next_op == Some(Opcode::LOAD_GLOBAL) && instrs[i + 1].arg & 1 == 0 {
                        instrs[i].op = Opcode::NOP;
                        instrs[i + 1].arg |= 1;
                    }
                }
                Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::JUMP
                | Opcode::JUMP_IF_FALSE_OR_POP
                | Opcode::JUMP_IF_TRUE_OR_POP
                    if thread_budget > 0 && self.thread_jump(b, i) =>
                {
                    thread_budget -= 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Jump threading; returns true if the instruction changed.
    fn thread_jump(&mut self, b: BlockId, i: usize) -> bool {
        let ins = self.u.blocks[b].instrs[i].clone();
        let Some(target) = self.first_instr(ins.target).cloned() else {
            return false;
        };
        let can = |t: &Ins| ins.loc.lineno == t.loc.lineno && ins.target != t.target;
        let new: Option<(Opcode, BlockId)> = match ins.op {
            Opcode::POP_JUMP_IF_FALSE
            | Opcode::POP_JUMP_IF_TRUE
            | Opcode::POP_JUMP_IF_NONE
            | Opcode::POP_JUMP_IF_NOT_NONE
            | Opcode::JUMP => {
                if target.op == Opcode::JUMP && can(&target) {
                    Some((ins.op, target.target))
                } else {
                    None
                }
            }
            Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                let f = ins.op == Opcode::JUMP_IF_FALSE_OR_POP;
                let (same_pop, same_keep, opp_pop, opp_keep) = if f {
                    (
                        Opcode::POP_JUMP_IF_FALSE,
                        Opcode::JUMP_IF_FALSE_OR_POP,
                        Opcode::POP_JUMP_IF_TRUE,
                        Opcode::JUMP_IF_TRUE_OR_POP,
                    )
                } else {
                    (
                        Opcode::POP_JUMP_IF_TRUE,
                        Opcode::JUMP_IF_TRUE_OR_POP,
                        Opcode::POP_JUMP_IF_FALSE,
                        Opcode::JUMP_IF_FALSE_OR_POP,
                    )
                };
                if target.op == same_pop && can(&target) {
                    Some((same_pop, target.target))
                } else if (target.op == Opcode::JUMP || target.op == same_keep) && can(&target) {
                    Some((ins.op, target.target))
                } else if (target.op == opp_pop || target.op == opp_keep)
                    && ins.loc.lineno == target.loc.lineno
                {
                    let after = self.next_nonempty(ins.target);
                    if after != NO_BLOCK && after != ins.target {
                        Some((same_pop, after))
                    } else {
                        None
                    }
                } else {
                    None
                }
            }
            _ => None,
        };
        // Conditional jumps only go forward: every backward edge stays a
        // JUMP_BACKWARD, where the VM checks the eval breaker and counts
        // loop hotness.
        let forward = |t: BlockId| {
            self.pos
                .get(t)
                .is_some_and(|&p| p != usize::MAX && p > self.pos[b])
        };
        match new {
            Some((op, t))
                if (op, t) != (ins.op, ins.target) && (op == Opcode::JUMP || forward(t)) =>
            {
                let x = &mut self.u.blocks[b].instrs[i];
                x.op = op;
                x.target = t;
                true
            }
            _ => false,
        }
    }

    fn extend_block(&mut self, b: BlockId) -> bool {
        let Some(last) = self.u.blocks[b].instrs.last() else {
            return false;
        };
        if last.op != Opcode::JUMP {
            return false;
        }
        let t = last.target;
        if t == NO_BLOCK || t == b {
            return false;
        }
        let to_copy = &self.u.blocks[t].instrs;
        // Only artificial exits (no line numbers, like the implicit
        // `return None`) are copied.
        let exit = to_copy.last().is_some_and(|x| is_exit(x.op))
            && to_copy.iter().all(|x| x.loc.lineno < 0);

        if exit && to_copy.len() <= MAX_COPY_SIZE {
            let copy = to_copy.clone();
            let blk = &mut self.u.blocks[b];
            if let Some(l) = blk.instrs.last_mut() {
                l.op = Opcode::NOP;
                l.target = NO_BLOCK;
            }
            blk.instrs.extend(copy);
            return true;
        }
        false
    }

    fn truncate_after_terminators(&mut self, b: BlockId) {
        let instrs = &mut self.u.blocks[b].instrs;
        if let Some(p) = instrs
            .iter()
            .position(|x| is_uncond_jump(x.op) || is_exit(x.op))
        {
            instrs.truncate(p + 1);
        }
    }

    /// Marks reachable blocks (counting predecessors); clears the rest.
    fn mark_reachable(&mut self) {
        for b in &mut self.u.blocks {
            b.preds = 0;
            b.visited = false;
        }
        let mut stack = vec![self.u.entry];
        self.u.blocks[self.u.entry].visited = true;
        while let Some(b) = stack.pop() {
            let mut succ = Vec::new();
            for ins in &self.u.blocks[b].instrs {
                if ins.target != NO_BLOCK && ins.op.is_jump() {
                    succ.push(ins.target);
                }
            }
            if self.has_fallthrough(b)
                && let Some(n) = self.u.blocks[b].next
            {
                succ.push(n);
            }
            for s in succ {
                if s == NO_BLOCK {
                    continue;
                }
                self.u.blocks[s].preds += 1;
                if !self.u.blocks[s].visited {
                    self.u.blocks[s].visited = true;
                    stack.push(s);
                }
            }
        }
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            if !self.u.blocks[b].visited {
                self.u.blocks[b].instrs.clear();
            }
        }
    }

    /// CPython's `remove_redundant_nops`: a NOP survives only if it carries
    /// a line number no neighbour carries.
    fn remove_redundant_nops(&mut self, b: BlockId) {
        let next_first_line = {
            let n = self.next_nonempty(b);
            self.first_instr(n).map(|x| x.loc.lineno)
        };
        let mut instrs = std::mem::take(&mut self.u.blocks[b].instrs);
        let len = instrs.len();
        let mut keep = vec![true; len];
        let mut prev_lineno = -1;
        for src in 0..len {
            let lineno = instrs[src].loc.lineno;
            if instrs[src].op == Opcode::NOP {
                if lineno < 0 || prev_lineno == lineno {
                    keep[src] = false;
                    continue;
                }
                if src + 1 < len {
                    let next_lineno = instrs[src + 1].loc.lineno;
                    if next_lineno < 0 || next_lineno == lineno {
                        if next_lineno < 0 {
                            instrs[src + 1].loc = instrs[src].loc;
                        }

                        keep[src] = false;
                        continue;
                    }
                } else if next_first_line == Some(lineno) {
                    keep[src] = false;
                    continue;
                }
            }
            prev_lineno = lineno;
        }
        let mut k = keep.into_iter();
        instrs.retain(|_| k.next().unwrap_or(true));
        self.u.blocks[b].instrs = instrs;
    }

    fn remove_redundant_jumps(&mut self) -> bool {
        let mut changed = false;
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            let Some(last) = self.u.blocks[b].instrs.last() else {
                continue;
            };
            if matches!(last.op, Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT) {
                let t = self.skip_empty(last.target);
                if t == self.next_nonempty(b) {
                    if let Some(l) = self.u.blocks[b].instrs.last_mut() {
                        l.op = Opcode::NOP;
                        l.target = NO_BLOCK;
                    }
                    changed = true;
                }
            }
        }
        changed
    }

    /// CPython 3.11's `optimize_cfg` order: copy small exits, peephole and
    /// clean each block, copy small exits again (cleaning can shrink a
    /// block that just received a copy below the size limit), then drop
    /// what became unreachable and the jumps to the next block.
    fn optimize(&mut self) {
        self.retarget_to_nonempty();
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            self.truncate_after_terminators(b);
        }
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            self.extend_block(b);
        }
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            self.optimize_block(b);
            self.truncate_after_terminators(b);
            self.remove_redundant_nops(b);
        }
        self.retarget_to_nonempty();
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            self.extend_block(b);
        }
        self.mark_reachable();

        for _round in 0..4 {
            self.retarget_to_nonempty();
            for bi in 0..self.layout.len() {
                let b = self.layout[bi];
                self.remove_redundant_nops(b);
            }
            let changed = self.remove_redundant_jumps();
            if !changed {
                break;
            }
        }
        self.retarget_to_nonempty();
        self.mark_reachable();
    }

    fn is_exit_without_lineno(&self, b: BlockId) -> bool {
        let instrs = &self.u.blocks[b].instrs;
        instrs.last().is_some_and(|l| is_exit(l.op)) && instrs.iter().all(|i| i.loc.lineno < 0)
    }

    /// CPython's `duplicate_exits_without_lineno`: an artificial exit block
    /// (e.g. the implicit `return None`) reached by several jumps is copied
    /// so each copy can take the line of the jump that reaches it.
    fn duplicate_exits_without_lineno(&mut self) {
        // Later jumps first (CPython walks its block list, newest block
        // first), so the earliest jump keeps the original block.
        let order: Vec<BlockId> = (0..self.u.blocks.len())
            .rev()
            .filter(|&b| self.pos[b] != usize::MAX)
            .collect();

        for b in order {
            let Some(last) = self.u.blocks[b].instrs.last() else {
                continue;
            };
            if !last.op.is_jump() || last.target == NO_BLOCK {
                continue;
            }
            let target = last.target;
            let jump_loc = last.loc;
            if self.is_exit_without_lineno(target) && self.u.blocks[target].preds > 1 {
                let mut copy = self.u.blocks[target].instrs.clone();
                if let Some(f) = copy.first_mut() {
                    f.loc = jump_loc;
                }
                let nb = self.u.new_block();
                self.u.blocks[nb].instrs = copy;
                self.u.blocks[nb].preds = 1;
                self.u.blocks[nb].visited = true;
                self.u.blocks[target].preds -= 1;
                self.u.blocks[nb].next = self.u.blocks[target].next;
                self.u.blocks[target].next = Some(nb);
                if let Some(l) = self.u.blocks[b].instrs.last_mut() {
                    l.target = nb;
                }
                self.rebuild_layout();
            }
        }
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            if self.u.blocks[b].instrs.is_empty() || !self.has_fallthrough(b) {
                continue;
            }
            let n = self.next_nonempty(b);
            if n != NO_BLOCK && self.is_exit_without_lineno(n) {
                let loc = self.u.blocks[b]
                    .instrs
                    .last()
                    .map(|i| i.loc)
                    .unwrap_or(SrcLoc::NONE);
                if let Some(f) = self.u.blocks[n].instrs.first_mut() {
                    f.loc = loc;
                }
            }
        }
    }

    fn propagate_line_numbers(&mut self) {
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            if self.u.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev = SrcLoc::NONE;
            for ins in &mut self.u.blocks[b].instrs {
                if ins.loc.lineno < 0 {
                    ins.loc = prev;
                } else {
                    prev = ins.loc;
                }
            }
            if self.has_fallthrough(b) {
                let n = self.next_nonempty(b);
                if n != NO_BLOCK
                    && self.u.blocks[n].preds == 1
                    && let Some(f) = self.u.blocks[n].instrs.first_mut()
                    && f.loc.lineno < 0
                {
                    f.loc = prev;
                }
            }
            if let Some(last) = self.u.blocks[b].instrs.last()
                && last.op.is_jump()
                && !is_block_push(last.op)
                && last.target != NO_BLOCK
            {
                let t = last.target;
                if self.u.blocks[t].preds == 1
                    && let Some(f) = self.u.blocks[t].instrs.first_mut()
                    && f.loc.lineno < 0
                {
                    f.loc = prev;
                }
            }
        }
        // guarantee_lineno_for_exits
        let mut lineno = self.u.firstlineno as i32;
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            let Some(last) = self.u.blocks[b].instrs.last() else {
                continue;
            };
            if last.loc.lineno < 0 {
                if last.op == Opcode::RETURN_VALUE {
                    for ins in &mut self.u.blocks[b].instrs {
                        if ins.loc.lineno < 0 {
                            ins.loc = SrcLoc {
                                lineno,
                                end_lineno: lineno,
                                col: -1,
                                end_col: -1,
                            };
                        }
                    }
                }
            } else {
                lineno = last.loc.lineno;
            }
        }
    }

    fn stack_depth(&mut self) -> u32 {
        for b in &mut self.u.blocks {
            b.start_depth = None;
        }
        let mut maxdepth = 0i32;
        let mut stack: Vec<BlockId> = Vec::new();
        let push = |blocks: &mut Vec<crate::codegen::Block>,
                    stack: &mut Vec<BlockId>,
                    b: BlockId,
                    d: i32| {
            if b == NO_BLOCK {
                return;
            }
            match blocks[b].start_depth {
                None => {
                    blocks[b].start_depth = Some(d);
                    stack.push(b);
                }
                Some(old) => {
                    if old != d {
                        STACK_DEPTH_MISMATCH.with(|m| m.set(true));
                        if d > old {
                            blocks[b].start_depth = Some(d);
                            stack.push(b);
                        }
                    }
                }
            }
        };
        push(&mut self.u.blocks, &mut stack, self.u.entry, 0);
        let mut steps = 0usize;
        while let Some(b) = stack.pop() {
            steps += 1;
            if steps > 1_000_000 {
                break;
            }
            let mut depth = self.u.blocks[b].start_depth.unwrap_or(0);
            let mut falls = true;
            let n = self.u.blocks[b].instrs.len();
            for k in 0..n {
                let ins = self.u.blocks[b].instrs[k].clone();
                let eff = ins.op.stack_effect(ins.arg, false);
                let new_depth = depth + eff;
                if new_depth < 0 {
                    STACK_DEPTH_MISMATCH.with(|m| m.set(true));
                }
                maxdepth = maxdepth.max(new_depth);
                if (ins.op.is_jump()) && ins.target != NO_BLOCK {
                    let te = ins.op.stack_effect(ins.arg, true);
                    let td = depth + te;
                    maxdepth = maxdepth.max(td);
                    push(&mut self.u.blocks, &mut stack, ins.target, td);
                }
                depth = new_depth;
                if is_uncond_jump(ins.op) || is_exit(ins.op) {
                    falls = false;
                    break;
                }
            }
            if falls && let Some(nb) = self.u.blocks[b].next {
                push(&mut self.u.blocks, &mut stack, nb, depth);
            }
        }
        maxdepth.max(0) as u32
    }

    fn label_exception_targets(&mut self) {
        for b in &mut self.u.blocks {
            b.visited = false;
            b.preserve_lasti = false;
        }
        let mut except_stacks: Vec<Option<Vec<BlockId>>> = vec![None; self.u.blocks.len()];
        let entry = self.u.entry;
        except_stacks[entry] = Some(Vec::new());
        self.u.blocks[entry].visited = true;
        let mut todo = vec![entry];
        while let Some(b) = todo.pop() {
            let mut stack = except_stacks[b].take().unwrap_or_default();
            let mut handler = stack.last().copied().unwrap_or(NO_BLOCK);
            let n = self.u.blocks[b].instrs.len();
            for k in 0..n {
                let (op, target) = {
                    let i = &self.u.blocks[b].instrs[k];
                    (i.op, i.target)
                };
                if is_block_push(op) {
                    if target != NO_BLOCK && !self.u.blocks[target].visited {
                        except_stacks[target] = Some(stack.clone());
                        self.u.blocks[target].visited = true;
                        todo.push(target);
                    }
                    if target != NO_BLOCK {
                        if matches!(op, Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH) {
                            self.u.blocks[target].preserve_lasti = true;
                        }
                        self.u.blocks[target].is_handler = true;
                    }
                    stack.push(target);
                    handler = target;
                } else if op == Opcode::POP_BLOCK {
                    stack.pop();
                    handler = stack.last().copied().unwrap_or(NO_BLOCK);
                } else if op.is_jump() && target != NO_BLOCK {
                    self.u.blocks[b].instrs[k].handler = handler;
                    if !self.u.blocks[target].visited {
                        except_stacks[target] = Some(stack.clone());
                        self.u.blocks[target].visited = true;
                        todo.push(target);
                    }
                } else {
                    self.u.blocks[b].instrs[k].handler = handler;
                }
            }
            if self.has_fallthrough(b)
                && let Some(nb) = self.u.blocks[b].next
                && !self.u.blocks[nb].visited
            {
                except_stacks[nb] = Some(stack);
                self.u.blocks[nb].visited = true;
                todo.push(nb);
            }
        }
        for bi in 0..self.layout.len() {
            let b = self.layout[bi];
            for ins in &mut self.u.blocks[b].instrs {
                if is_block_push(ins.op) || ins.op == Opcode::POP_BLOCK {
                    ins.op = Opcode::NOP;
                    ins.target = NO_BLOCK;
                    ins.arg = 0;
                }
            }
        }
    }
}

/// Replaces a run of SWAPs (and NOPs) by the shortest equivalent run
/// (CPython's `swaptimize`); returns the index of the run's last instruction.
fn swaptimize(instrs: &mut [Ins], ix: usize) -> usize {
    let mut depth = instrs[ix].arg as usize;
    let mut len = 1;
    let mut more = false;
    while ix + len < instrs.len() {
        let op = instrs[ix + len].op;
        if op == Opcode::SWAP {
            depth = depth.max(instrs[ix + len].arg as usize);
            more = true;
        } else if op != Opcode::NOP {
            break;
        }
        len += 1;
    }
    if !more || depth == 0 {
        return ix;
    }
    const VISITED: usize = usize::MAX;
    let mut stack: Vec<usize> = (0..depth).collect();
    for k in 0..len {
        let ins = &instrs[ix + k];
        if ins.op == Opcode::SWAP {
            let a = ins.arg as usize;
            if a == 0 || a > depth {
                return ix;
            }
            stack.swap(0, a - 1);
        }
    }
    let run = &mut instrs[ix..ix + len];
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                if current < 0 {
                    return ix + len - 1;
                }
                run[current as usize].op = Opcode::SWAP;
                run[current as usize].arg = (j + 1) as u32;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next = stack[j];
            stack[j] = VISITED;
            j = next;
        }
    }
    while current >= 0 {
        run[current as usize].op = Opcode::NOP;
        run[current as usize].arg = 0;
        current -= 1;
    }
    ix + len - 1
}

fn swappable(op: Opcode) -> bool {
    matches!(op, Opcode::STORE_FAST | Opcode::POP_TOP)
}

fn next_swappable(instrs: &[Ins], mut i: usize, lineno: Option<i32>) -> Option<usize> {
    loop {
        i += 1;
        let ins = instrs.get(i)?;
        if let Some(l) = lineno
            && l >= 0
            && ins.loc.lineno != l
        {
            return None;
        }
        if ins.op == Opcode::NOP {
            continue;
        }
        return if swappable(ins.op) { Some(i) } else { None };
    }
}

/// Applies SWAPs statically by reordering the stores that follow them
/// (CPython's `apply_static_swaps`).
fn apply_static_swaps(instrs: &mut [Ins], i: usize) {
    let mut i = i as isize;
    while i >= 0 {
        let iu = i as usize;
        if instrs[iu].op != Opcode::SWAP {
            if instrs[iu].op == Opcode::NOP || swappable(instrs[iu].op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, iu, None) else {
            return;
        };
        let mut k = j;
        let lineno = instrs[j].loc.lineno;
        let mut count = instrs[iu].arg as i64 - 1;
        while count > 0 {
            match next_swappable(instrs, k, Some(lineno)) {
                Some(n) => k = n,
                None => return,
            }
            count -= 1;
        }
        // Not safe if both store to the same local, or anything between
        // them stores to either.
        let stores_to = |x: &Ins| {
            if x.op == Opcode::STORE_FAST {
                Some(x.arg)
            } else {
                None
            }
        };
        let (sj, sk) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
        if sj.is_some() || sk.is_some() {
            if sj == sk {
                return;
            }
            for x in &instrs[j + 1..k] {
                if let Some(s) = stores_to(x)
                    && (Some(s) == sj || Some(s) == sk)
                {
                    return;
                }
            }
        }
        instrs[iu].op = Opcode::NOP;
        instrs[iu].arg = 0;
        instrs.swap(j, k);

        i -= 1;
    }
}

fn ext_count(arg: u32) -> u32 {
    if arg > 0xFF_FFFF { 1 } else { 0 }
}

fn to_position(l: SrcLoc) -> Position {
    if l.lineno < 0 {
        return Position {
            lineno: 0,
            end_lineno: 0,
            col: u32::MAX,
            end_col: u32::MAX,
        };
    }
    Position {
        lineno: l.lineno as u32,
        end_lineno: if l.end_lineno < 0 {
            l.lineno as u32
        } else {
            l.end_lineno as u32
        },
        col: if l.col < 0 { u32::MAX } else { l.col as u32 },
        end_col: if l.end_col < 0 {
            u32::MAX
        } else {
            l.end_col as u32
        },
    }
}

pub(crate) fn assemble(mut u: Unit<'_>, flags: u32, filename: &str) -> CompileResult<CodeObject> {
    // ---- localsplus ----
    let nlocals = u.varnames.len();
    let ncells = u.cellvars.len();
    let nfrees = u.freevars.len();
    let mut fixed: Vec<u32> = (0..ncells + nfrees).map(|i| (nlocals + i) as u32).collect();
    for (i, name) in u.cellvars.list.iter().enumerate() {
        if let Some(v) = u.varnames.get(name) {
            fixed[i] = v;
        }
    }
    let mut dropped = 0u32;
    for (i, f) in fixed.iter_mut().enumerate() {
        if *f == (nlocals + i) as u32 {
            *f -= dropped;
        } else {
            dropped += 1;
        }
    }
    let mut names: Vec<String> = u.varnames.list.clone();
    let mut kinds: Vec<u8> = vec![local_kind::LOCAL; nlocals];
    for (i, name) in u.cellvars.list.iter().enumerate() {
        let slot = fixed[i] as usize;
        if slot < nlocals {
            kinds[slot] |= local_kind::CELL;
        } else {
            names.push(name.clone());
            kinds.push(local_kind::CELL);
        }
    }
    for name in &u.freevars.list {
        names.push(name.clone());
        kinds.push(local_kind::FREE);
    }
    for b in &mut u.blocks {
        for ins in &mut b.instrs {
            if is_deref(ins.op) {
                ins.arg = fixed.get(ins.arg as usize).copied().unwrap_or(ins.arg);
            }
        }
    }
    // Prefix: MAKE_CELL for each cell, COPY_FREE_VARS.
    let mut prefix = Vec::new();
    let mut cell_slots: Vec<u32> = fixed[..ncells].to_vec();
    cell_slots.sort_unstable();
    if nfrees > 0 {
        prefix.push(Ins {
            op: Opcode::COPY_FREE_VARS,
            arg: nfrees as u32,
            target: NO_BLOCK,
            loc: SrcLoc::NONE,
            handler: NO_BLOCK,
        });
    }
    for slot in cell_slots {
        prefix.push(Ins {
            op: Opcode::MAKE_CELL,
            arg: slot,
            target: NO_BLOCK,
            loc: SrcLoc::NONE,
            handler: NO_BLOCK,
        });
    }
    if !prefix.is_empty() {
        let entry = u.entry;
        prefix.extend(std::mem::take(&mut u.blocks[entry].instrs));
        u.blocks[entry].instrs = prefix;
    }

    let mut cfg = Cfg {
        u: &mut u,
        layout: Vec::new(),
        pos: Vec::new(),
    };
    cfg.rebuild_layout();
    cfg.optimize();

    // Trim unused trailing constants (index 0 is kept: it may be the docstring).
    let mut max_used = 0usize;
    for &b in &cfg.layout {
        for ins in &cfg.u.blocks[b].instrs {
            if matches!(ins.op, Opcode::LOAD_CONST | Opcode::KW_NAMES) {
                max_used = max_used.max(ins.arg as usize);
            }
        }
    }
    if cfg.u.consts.len() > max_used + 1 {
        cfg.u.consts.truncate(max_used + 1);
    }

    cfg.duplicate_exits_without_lineno();
    cfg.propagate_line_numbers();
    let maxdepth = cfg.stack_depth();
    cfg.label_exception_targets();
    for bi in 0..cfg.layout.len() {
        let b = cfg.layout[bi];
        cfg.remove_redundant_nops(b);
    }
    cfg.retarget_to_nonempty();
    let layout: Vec<BlockId> = cfg
        .layout
        .iter()
        .copied()
        .filter(|&b| !cfg.u.blocks[b].instrs.is_empty())
        .collect();

    // ---- layout and jumps ----
    let mut pos_in_layout = vec![usize::MAX; cfg.u.blocks.len()];
    for (i, &b) in layout.iter().enumerate() {
        pos_in_layout[b] = i;
    }
    for (li, &b) in layout.iter().enumerate() {
        for ins in &mut cfg.u.blocks[b].instrs {
            let backward =
                ins.target != NO_BLOCK && pos_in_layout.get(ins.target).is_some_and(|&p| p <= li);
            ins.op = match ins.op {
                Opcode::JUMP => {
                    if backward {
                        Opcode::JUMP_BACKWARD
                    } else {
                        Opcode::JUMP_FORWARD
                    }
                }
                Opcode::JUMP_NO_INTERRUPT => {
                    if backward {
                        Opcode::JUMP_BACKWARD_NO_INTERRUPT
                    } else {
                        Opcode::JUMP_FORWARD
                    }
                }
                op => op,
            };
        }
    }
    // Offsets, iterating until EXTENDED_ARG counts settle.
    loop {
        let mut off = 0u32;
        for &b in &layout {
            cfg.u.blocks[b].offset = off;
            for ins in &cfg.u.blocks[b].instrs {
                off += 1 + ext_count(ins.arg);
            }
        }
        let mut changed = false;
        for &b in &layout {
            for k in 0..cfg.u.blocks[b].instrs.len() {
                let t = cfg.u.blocks[b].instrs[k].target;
                if t != NO_BLOCK && cfg.u.blocks[b].instrs[k].op.is_jump() {
                    let new = cfg.u.blocks[t].offset;
                    if cfg.u.blocks[b].instrs[k].arg != new {
                        if ext_count(cfg.u.blocks[b].instrs[k].arg) != ext_count(new) {
                            changed = true;
                        }
                        cfg.u.blocks[b].instrs[k].arg = new;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // ---- emit ----
    let mut code = Vec::new();
    let mut positions = Vec::new();
    let mut handlers: Vec<BlockId> = Vec::new();
    for &b in &layout {
        for ins in &cfg.u.blocks[b].instrs {
            let pos = to_position(ins.loc);
            if ins.arg > Instr::MAX_ARG {
                code.push(Instr::new(Opcode::EXTENDED_ARG, ins.arg >> 24));
                positions.push(pos);
                handlers.push(ins.handler);
            }
            code.push(Instr::new(ins.op, ins.arg & Instr::MAX_ARG));
            positions.push(pos);
            handlers.push(ins.handler);
        }
    }
    let mut table = Vec::new();
    let mut i = 0;
    while i < handlers.len() {
        let h = handlers[i];
        let start = i;
        while i < handlers.len() && handlers[i] == h {
            i += 1;
        }
        if h != NO_BLOCK {
            let hb = &cfg.u.blocks[h];
            let target = cfg.u.blocks[cfg.skip_empty(h)].offset;
            let lasti = hb.preserve_lasti;
            let depth = hb.start_depth.unwrap_or(1) - 1 - lasti as i32;
            table.push(ExceptionEntry {
                start: start as u32,
                end: i as u32,
                target,
                depth: depth.max(0) as u32,
                lasti,
            });
        }
    }
    let u = cfg.u;
    let firstlineno = u.firstlineno.max(1);

    Ok(CodeObject {
        argcount: u.argcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        stacksize: maxdepth,
        flags: CodeFlags(flags),
        code,
        consts: std::mem::take(&mut u.consts),
        names: std::mem::take(&mut u.names.list),
        localsplusnames: names,
        localspluskinds: kinds,
        filename: filename.to_string(),
        name: u.name.clone(),
        qualname: u.qualname.clone(),
        firstlineno,
        positions,
        exceptiontable: table,
    })
}
