//! Tracebacks: recording them as exceptions propagate, and printing
//! exceptions exactly as CPython 3.11 does (`Traceback (most recent call
//! last):`, source lines, `^^^^`/`~~~^^^` position markers following
//! `Lib/traceback.py`, `[Previous line repeated N more times]`, chained
//! exceptions, notes, and the special `SyntaxError` layout).

use crate::interp::Frame;
use crate::protocol::object as proto;
use crate::types::dict::PyDict;
use crate::types::exceptions::{PyBaseException, exc_attr};
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::traceback::{PyFrame, PyTraceback};
use crate::value::PyRef;
use crate::vm::Vm;

/// The (cached) frame object of a frame on the stack or in a generator
/// (boxed, so its address is stable while it lives).
pub fn frame_obj_for(f: &mut Frame) -> PyRef {
    if let Some(o) = &f.frame_obj {
        return o.clone();
    }
    let o = PyFrame::new_live(f);
    f.frame_obj = Some(o.clone());
    o
}

/// The frame object of a suspended generator's frame.
pub fn snapshot_frame(_vm: &Vm, f: &mut Frame) -> PyRef {
    frame_obj_for(f)
}

/// `sys._getframe(depth)`: the (live) frame object of that frame.
pub fn frame_object(vm: &Vm, depth: usize) -> PyRef {
    let fp = vm.interp.frame_ptr_at(depth);
    match fp {
        // SAFETY: frames on the stack are alive; we only update their
        // cached frame object while the loop is paused in this call.
        Some(fp) => frame_obj_for(unsafe { &mut *fp }),
        None => none(),
    }
}

/// A dict snapshot of a function frame's local variables.
pub fn fast_locals_dict(f: &Frame) -> PyRef {
    let d = PyDict::default();
    for (i, name) in f.code.localsplusnames.iter().enumerate() {
        let kind = f.code.localspluskinds.get(i).copied().unwrap_or(0);
        let Some(Some(v)) = f.fast.get(i) else {
            continue;
        };
        let v = if kind
            & (taipan_bytecode::code::local_kind::CELL | taipan_bytecode::code::local_kind::FREE)
            != 0
        {
            match v.downcast::<crate::types::cell::PyCell>() {
                Some(c) => match c.get() {
                    Some(x) => x,
                    None => continue,
                },
                None => v.clone(),
            }
        } else {
            v.clone()
        };
        d.set_str(PyStr::intern(name), v);
    }
    crate::object::alloc(d)
}

/// Adds a traceback entry for frame `f` to exception `e`.
pub fn add_traceback(_vm: &Vm, e: &PyRef, f: &mut Frame) {
    let Some(ex) = e.downcast::<PyBaseException>() else {
        return;
    };
    if f.code.flags.0 & taipan_bytecode::CodeFlags::HIDDEN != 0 {
        return;
    }
    let fo = frame_obj_for(f);
    let old = ex.traceback.borrow_mut().take();
    let tb = PyTraceback::new_ref(old, fo, f.lasti as u32, f.lineno());
    *ex.traceback.borrow_mut() = Some(tb);
}

/// Sets `e.__context__` to the exception being handled (CPython's
/// `_PyErr_SetObject`), breaking cycles in the context chain.
pub fn set_context(vm: &Vm, e: &PyRef, always: bool) {
    let Some(ex) = e.downcast::<PyBaseException>() else {
        return;
    };
    let Some(handled) = vm.handled_exception() else {
        return;
    };
    if handled.is(e) {
        return;
    }
    if !always && ex.context.borrow().is_some() {
        return;
    }
    // Break a cycle: if `e` is in handled's context chain, cut it there.
    let mut o = handled.clone();
    let mut steps = 0;
    loop {
        let next = match o.downcast::<PyBaseException>() {
            Some(x) => x.context.borrow().clone(),
            None => None,
        };
        let Some(n) = next else { break };
        if n.is(e) {
            if let Some(x) = o.downcast::<PyBaseException>() {
                *x.context.borrow_mut() = None;
            }
            break;
        }
        o = n;
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    *ex.context.borrow_mut() = Some(handled);
}

// ------------------------------------------------------------- formatting

/// One line of a source file (1-based), like `linecache.getline`.
fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 || filename.starts_with('<') {
        return None;
    }
    let data = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&data);
    text.split_inclusive('\n')
        .nth(lineno as usize - 1)
        .map(|s| s.to_string())
}

/// Character offset of UTF-8 byte offset `off` in `line`.
fn char_offset(line: &str, off: usize) -> usize {
    let b = line.as_bytes();
    let off = off.min(b.len());
    String::from_utf8_lossy(&b[..off]).chars().count()
}

struct Anchors {
    left: usize,
    right: usize,
}

/// `_extract_caret_anchors_from_line_segment`: binary operators and
/// subscripts get `~~~^^^~~~` markers.
fn caret_anchors(segment: &str) -> Option<Anchors> {
    use taipan_ast::{ExprKind, StmtKind};
    let m = taipan_parser::parse_str(segment, "<segment>", taipan_parser::Mode::Exec).ok()?;
    let body = match m {
        taipan_ast::Mod::Module { body, .. } => body,
        _ => return None,
    };
    if body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &body[0].kind else {
        return None;
    };
    let norm = |o: usize| char_offset(segment, o);
    match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let op_start = norm(left.loc.end_col_offset as usize);
            let op_end = norm(right.loc.col_offset as usize);
            let chars: Vec<char> = segment.chars().collect();
            let op_str: String = chars.get(op_start..op_end.max(op_start))?.iter().collect();
            let op_offset = op_str.chars().count() - op_str.trim_start().chars().count();
            let left_anchor = left.loc.end_col_offset as usize + op_offset;
            let mut right_anchor = left_anchor + 1;
            let ops: Vec<char> = op_str.chars().collect();
            if op_offset + 1 < ops.len() && !ops[op_offset + 1].is_whitespace() {
                right_anchor += 1;
            }
            Some(Anchors {
                left: norm(left_anchor),
                right: norm(right_anchor),
            })
        }
        ExprKind::Subscript {
            value: v, slice, ..
        } => Some(Anchors {
            left: norm(v.loc.end_col_offset as usize),
            right: norm(slice.loc.end_col_offset as usize + 1),
        }),
        _ => None,
    }
}

struct Entry {
    filename: String,
    lineno: u32,
    name: String,
    pos: Option<taipan_bytecode::Position>,
}

fn tb_entries(tb: Option<PyRef>) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut cur = tb;
    let mut guard = 0;
    while let Some(t) = cur {
        let Some(tp) = t.downcast::<PyTraceback>() else {
            break;
        };
        let (filename, name, pos) = match tp.frame.downcast::<PyFrame>().and_then(|f| {
            f.code
                .downcast::<crate::types::code::PyCode>()
                .map(|c| c.code.clone())
        }) {
            Some(code) => (
                code.filename.clone(),
                code.name.clone(),
                tp.instr_index()
                    .and_then(|i| code.positions.get(i))
                    .copied(),
            ),
            None => (String::from("?"), String::from("?"), None),
        };
        out.push(Entry {
            filename,
            lineno: tp.lineno,
            name,
            pos,
        });
        cur = tp.next.borrow().clone();
        guard += 1;
        if guard > 1_000_000 {
            break;
        }
    }
    out
}

fn format_entry(e: &Entry, out: &mut String) {
    out.push_str(&format!(
        "  File \"{}\", line {}, in {}\n",
        e.filename, e.lineno, e.name
    ));
    let Some(line) = source_line(&e.filename, e.lineno) else {
        return;
    };
    let stripped = line.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str(&format!("    {stripped}\n"));
    let Some(p) = e.pos else { return };
    if p.col == u32::MAX || p.end_col == u32::MAX || p.lineno != e.lineno {
        return;
    }
    let orig = line.trim_end_matches('\n');
    let orig_len = orig.chars().count();
    let lstripped_len = orig.trim_start().chars().count();
    let stripped_chars = orig_len - lstripped_len;
    let start = char_offset(orig, p.col as usize);
    let mut end = char_offset(orig, p.end_col as usize);
    let mut anchors = None;
    if p.lineno == p.end_lineno {
        let seg: String = orig
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        anchors = caret_anchors(&seg);
    } else {
        end = orig.trim_end().chars().count();
    }
    let stripped_len = stripped.chars().count();
    let show = end.saturating_sub(start) < stripped_len
        || anchors.as_ref().is_some_and(|a| a.right > a.left);
    if !show || end <= start {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(start.saturating_sub(stripped_chars)));
    match anchors {
        Some(a) => {
            out.push_str(&"~".repeat(a.left));
            out.push_str(&"^".repeat(a.right.saturating_sub(a.left)));
            out.push_str(&"~".repeat((end - start).saturating_sub(a.right)));
        }
        None => out.push_str(&"^".repeat(end - start)),
    }
    out.push('\n');
}

/// The stack lines of a traceback (empty without entries).
fn format_tb_entries(tb: Option<PyRef>, out: &mut String) {
    let entries = tb_entries(tb);
    if entries.is_empty() {
        return;
    }
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    for e in &entries {
        let key = (e.filename.clone(), e.lineno, e.name.clone());
        if last.as_ref() == Some(&key) {
            count += 1;
        } else {
            if count > 3 {
                let n = count - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n > 1 { "s" } else { "" }
                ));
            }
            last = Some(key);
            count = 1;
        }
        if count <= 3 {
            format_entry(e, out);
        }
    }
    if count > 3 {
        let n = count - 3;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        ));
    }
}

fn exc_type_name(e: &PyRef) -> String {
    let t = e.class();
    let m = t.module_name();
    let q = t.qualname.borrow().clone();
    if m == "__main__" || m == "builtins" {
        q
    } else {
        format!("{m}.{q}")
    }
}

/// `traceback.format_exception_only(e)`.
pub fn format_exception_only(vm: &Vm, e: &PyRef) -> String {
    let stype = exc_type_name(e);
    let mut out = String::new();
    if e.class()
        .is_subtype(crate::types::exceptions::SYNTAX_ERROR.get())
    {
        format_syntax_error(vm, e, &stype, &mut out);
    } else {
        let msg = match proto::str(vm, e) {
            Ok(s) => s
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        let sugg = suggestion(vm, e);
        if msg.is_empty() {
            out.push_str(&format!("{stype}{sugg}\n"));
        } else {
            out.push_str(&format!("{stype}: {msg}{sugg}\n"));
        }
    }
    if let Some(ex) = e.downcast::<PyBaseException>()
        && let Some(notes) = ex.attrs.get(&PyStr::intern("__notes__"))
    {
        match crate::protocol::iter::collect(vm, &notes) {
            Ok(items) => {
                for n in items {
                    match n.downcast::<PyStr>() {
                        Some(s) => out.push_str(&format!("{}\n", s.to_string_lossy())),
                        None => {
                            let r = proto::repr_string(vm, &n)
                                .unwrap_or_else(|_| "<note str() failed>".into());
                            out.push_str(&format!("{r}\n"));
                        }
                    }
                }
            }
            Err(_) => {
                let r = proto::repr_string(vm, &notes)
                    .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
                out.push_str(&format!("{r}\n"));
            }
        }
    }
    out
}

fn format_syntax_error(vm: &Vm, e: &PyRef, stype: &str, out: &mut String) {
    let get = |n: &str| exc_attr(e, n);
    let filename = get("filename");
    let lineno = crate::types::int::to_i64(&get("lineno"));
    let mut suffix = String::new();
    let fname = if is_none(&filename) {
        None
    } else {
        Some(proto::str_string(vm, &filename).unwrap_or_default())
    };
    match lineno {
        Some(l) => out.push_str(&format!(
            "  File \"{}\", line {l}\n",
            fname.clone().unwrap_or_else(|| "<string>".into())
        )),
        None => {
            if let Some(f) = &fname {
                suffix = format!(" ({f})");
            }
        }
    }
    let mut text = get("text");
    if is_none(&text)
        && let (Some(f), Some(l)) = (&fname, lineno)
        && let Some(line) = source_line(f, l as u32)
    {
        text = PyStr::new_ref(&line);
    }
    let single = e
        .class()
        .is_subtype(crate::types::exceptions::INDENTATION_ERROR.get());
    if let Some(t) = text.downcast::<PyStr>() {
        let t = t.to_string_lossy();
        let rtext = t.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        out.push_str(&format!("    {ltext}\n"));
        if let Some(offset) = crate::types::int::to_i64(&get("offset")) {
            let end = crate::types::int::to_i64(&get("end_offset"))
                .filter(|&x| x != 0)
                .unwrap_or(offset);
            let end = if offset == end || end == -1 || single {
                offset + 1
            } else {
                end
            };
            let colno = offset - 1 - spaces as i64;
            let end_colno = end - 1 - spaces as i64;
            if colno >= 0 {
                let caretspace: String = ltext
                    .chars()
                    .take(colno as usize)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                let n = (end_colno - colno).max(0) as usize;
                out.push_str(&format!("    {caretspace}{}\n", "^".repeat(n)));
            }
        }
    }
    let msg = get("msg");
    let msg = if is_none(&msg) {
        "<no detail available>".to_string()
    } else {
        proto::str_string(vm, &msg).unwrap_or_default()
    };
    out.push_str(&format!("{stype}: {msg}{suffix}\n"));
}

/// "Did you mean" suggestions for NameError/AttributeError (3.11 prints
/// them from the default exception display).
fn suggestion(vm: &Vm, e: &PyRef) -> String {
    let is_attr = e
        .class()
        .is_subtype(crate::types::exceptions::ATTRIBUTE_ERROR.get());
    let is_name = e
        .class()
        .is_subtype(crate::types::exceptions::NAME_ERROR.get());
    if !is_attr && !is_name {
        return String::new();
    }
    let name = exc_attr(e, "name");
    let Some(name) = name.downcast::<PyStr>().map(|s| s.to_string_lossy()) else {
        return String::new();
    };
    let mut candidates: Vec<String> = Vec::new();
    if is_attr {
        let obj = exc_attr(e, "obj");
        if is_none(&obj) && !crate::types::exceptions::exc_attr(e, "obj").is(&obj) {
            return String::new();
        }
        if let Ok(names) = proto::dir_names(vm, &obj) {
            candidates = names
                .iter()
                .filter_map(|n| n.downcast::<PyStr>().map(|s| s.to_string_lossy()))
                .collect();
        }
    } else {
        // Locals/globals/builtins of the frame where the error happened.
        let mut tb = e
            .downcast::<PyBaseException>()
            .and_then(|x| x.traceback.borrow().clone());
        let mut last_frame = None;
        while let Some(t) = tb {
            let Some(tp) = t.downcast::<PyTraceback>() else {
                break;
            };
            last_frame = Some(tp.frame.clone());
            tb = tp.next.borrow().clone();
        }
        if let Some(fr) = last_frame.as_ref().and_then(|f| f.downcast::<PyFrame>()) {
            if let Some(l) = fr
                .locals
                .borrow()
                .as_ref()
                .and_then(|l| l.downcast::<PyDict>().map(|d| d.keys()))
            {
                candidates.extend(
                    l.iter()
                        .filter_map(|n| n.downcast::<PyStr>().map(|s| s.to_string_lossy())),
                );
            }
            if let Some(c) = fr.code.downcast::<crate::types::code::PyCode>() {
                candidates.extend(c.code.varnames().map(String::from));
            }
            if let Some(g) = fr.globals.downcast::<PyDict>() {
                candidates.extend(
                    g.keys()
                        .iter()
                        .filter_map(|n| n.downcast::<PyStr>().map(|s| s.to_string_lossy())),
                );
            }
            if let Some(b) = vm.builtins_dict().downcast::<PyDict>() {
                candidates.extend(
                    b.keys()
                        .iter()
                        .filter_map(|n| n.downcast::<PyStr>().map(|s| s.to_string_lossy())),
                );
            }
        }
    }
    match compute_suggestion(&name, &candidates) {
        Some(s) => format!(". Did you mean: '{s}'?"),
        None => String::new(),
    }
}

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance` with a cutoff.
fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let (mut a, mut b) = (&a[pre..], &b[pre..]);
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bc, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn compute_suggestion(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() > MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut sorted: Vec<&String> = candidates.iter().collect();
    sorted.sort();
    sorted.dedup();
    let mut best: Option<&String> = None;
    let mut best_distance = usize::MAX;
    for item in sorted {
        if item == name {
            continue;
        }
        let max_distance = (name.chars().count() + item.chars().count() + 3) * MOVE_COST / 6;
        let max_distance = max_distance.min(best_distance.saturating_sub(1));
        let d = levenshtein(name, item, max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.cloned()
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(vm: &Vm, e: &PyRef) -> String {
    let mut out = String::new();
    let mut ctx = Ctx {
        depth: 0,
        need_close: false,
        seen: Vec::new(),
    };
    format_exc(vm, e, true, &mut ctx, &mut out);
    out
}

/// `traceback._ExceptionPrintContext`.
struct Ctx {
    depth: usize,
    need_close: bool,
    seen: Vec<usize>,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }
    fn emit(&self, text: &str, margin: char, out: &mut String) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

fn group_members(e: &PyRef) -> Option<Vec<PyRef>> {
    if !e
        .class()
        .is_subtype(crate::types::exceptions::BASE_EXCEPTION_GROUP.get())
    {
        return None;
    }
    Some(crate::types::exception_group::members(e))
}

fn format_exc(vm: &Vm, e: &PyRef, chain: bool, ctx: &mut Ctx, out: &mut String) {
    // Collect the chain (innermost cause/context printed first).
    let mut output: Vec<(Option<&'static str>, PyRef)> = Vec::new();
    let mut cur = Some(e.clone());
    while let Some(x) = cur.take() {
        ctx.seen.push(x.bits());
        let mut next: Option<(&'static str, PyRef)> = None;
        if chain && let Some(ex) = x.downcast::<PyBaseException>() {
            let cause = ex.cause.borrow().clone();
            let context = ex.context.borrow().clone();
            if let Some(c) = cause {
                if !ctx.seen.contains(&c.bits()) {
                    next = Some((
                        "\nThe above exception was the direct cause of the following exception:\n\n",
                        c,
                    ));
                }
            } else if let Some(c) = context.filter(|_| !ex.suppress_context.get())
                && !ctx.seen.contains(&c.bits())
            {
                next = Some((
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                    c,
                ));
            }
        }
        match next {
            Some((msg, c)) => {
                output.push((Some(msg), x));
                cur = Some(c);
            }
            None => output.push((None, x)),
        }
        if output.len() > 1000 {
            break;
        }
    }
    // `output[i]`'s message introduces output[i] relative to output[i+1].
    let n = output.len();
    for k in (0..n).rev() {
        let x = output[k].1.clone();
        let tb = x
            .downcast::<PyBaseException>()
            .and_then(|b| b.traceback.borrow().clone());
        let mut stack = String::new();
        format_tb_entries(tb, &mut stack);
        match group_members(&x) {
            None => {
                if !stack.is_empty() {
                    ctx.emit("Traceback (most recent call last):\n", '|', out);
                    ctx.emit(&stack, '|', out);
                }
                ctx.emit(&format_exception_only(vm, &x), '|', out);
            }
            Some(_) if ctx.depth > MAX_GROUP_DEPTH => {
                ctx.emit(
                    &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                    '|',
                    out,
                );
            }
            Some(members) => {
                let toplevel = ctx.depth == 0;
                if toplevel {
                    ctx.depth += 1;
                }
                if !stack.is_empty() {
                    ctx.emit(
                        "Exception Group Traceback (most recent call last):\n",
                        if toplevel { '+' } else { '|' },
                        out,
                    );
                    ctx.emit(&stack, '|', out);
                }
                ctx.emit(&format_exception_only(vm, &x), '|', out);
                let num = members.len();
                let shown = if num <= MAX_GROUP_WIDTH {
                    num
                } else {
                    MAX_GROUP_WIDTH + 1
                };
                ctx.need_close = false;
                for i in 0..shown {
                    let last = i == shown - 1;
                    if last {
                        ctx.need_close = true;
                    }
                    let truncated = i >= MAX_GROUP_WIDTH;
                    let title = if truncated {
                        "...".to_string()
                    } else {
                        (i + 1).to_string()
                    };
                    out.push_str(&format!(
                        "{}{}+---------------- {title} ----------------\n",
                        ctx.indent(),
                        if i == 0 { "+-" } else { "  " }
                    ));
                    ctx.depth += 1;
                    if !truncated {
                        format_exc(vm, &members[i], chain, ctx, out);
                    } else {
                        let rem = num - MAX_GROUP_WIDTH;
                        ctx.emit(
                            &format!(
                                "and {rem} more exception{}\n",
                                if rem > 1 { "s" } else { "" }
                            ),
                            '|',
                            out,
                        );
                    }
                    if last && ctx.need_close {
                        out.push_str(&format!(
                            "{}+------------------------------------\n",
                            ctx.indent()
                        ));
                        ctx.need_close = false;
                    }
                    ctx.depth -= 1;
                }
                if toplevel {
                    ctx.depth = 0;
                }
            }
        }
        if k > 0 {
            // The message linking output[k-1] (outer) to output[k] (inner).
            if let Some(msg) = output[k - 1].0 {
                ctx.emit(msg, '|', out);
            }
        }
    }
}

/// Prints an uncaught exception to `sys.stderr` (via `sys.excepthook` if
/// it was replaced).
pub fn print_exception(vm: &Vm, e: &PyRef) {
    let hook = vm.sys_module().and_then(|m| {
        m.downcast::<crate::types::module::PyModule>()
            .and_then(|m| m.get_attr("excepthook"))
    });
    let orig = vm.sys_module().and_then(|m| {
        m.downcast::<crate::types::module::PyModule>()
            .and_then(|m| m.get_attr("__excepthook__"))
    });
    if let (Some(h), Some(o)) = (&hook, &orig)
        && !h.is(o)
    {
        let tb = e
            .downcast::<PyBaseException>()
            .and_then(|x| x.traceback.borrow().clone())
            .unwrap_or_else(none);
        if crate::protocol::call::call_pos(vm, h, &[e.class_ref(), e.clone(), tb]).is_ok() {
            return;
        }
    }
    let text = format_exception(vm, e);
    crate::modules::sys::write_stderr(vm, &text);
}

/// Whether a traceback entry's code belongs to importlib's bootstrap
/// (CPython's frozen `<frozen importlib._bootstrap[_external]>`; here the
/// source files themselves), and whether it is `_call_with_frames_removed`.
fn importlib_entry(tb: &PyTraceback) -> (bool, bool) {
    let Some(code) = tb
        .frame
        .downcast::<PyFrame>()
        .and_then(|f| f.code.downcast::<crate::types::code::PyCode>())
    else {
        return (false, false);
    };
    let file = code.code.filename.as_str();
    let inside = file.ends_with("importlib/_bootstrap.py")
        || file.ends_with("importlib/_bootstrap_external.py")
        || file.starts_with("<frozen importlib._bootstrap");
    (inside, code.code.name == "_call_with_frames_removed")
}

/// CPython's `remove_importlib_frames`, for an import that failed inside
/// importlib: a run of importlib entries is cut from the traceback when it
/// ends in `_call_with_frames_removed` (the call into the module's own
/// code), and every importlib entry is cut from an `ImportError`.
pub fn remove_importlib_frames(e: &PyRef) {
    let Some(ex) = e.downcast::<PyBaseException>() else {
        return;
    };
    let always = e
        .class()
        .is_subtype(crate::types::exceptions::IMPORT_ERROR.get());
    let mut entries: Vec<PyRef> = Vec::new();
    let mut cur = ex.traceback.borrow().clone();
    while let Some(t) = cur {
        let Some(tb) = t.downcast::<PyTraceback>() else {
            return;
        };
        cur = tb.next.borrow().clone();
        entries.push(t);
        if entries.len() > 100_000 {
            return;
        }
    }
    let mut keep = vec![true; entries.len()];
    let mut chunk_start = 0;
    let mut in_importlib = false;
    for (i, t) in entries.iter().enumerate() {
        let Some(tb) = t.downcast::<PyTraceback>() else {
            return;
        };
        let (now, removes) = importlib_entry(tb);
        if now && !in_importlib {
            chunk_start = i;
        }
        in_importlib = now;
        if in_importlib && (always || removes) {
            keep[chunk_start..=i].iter_mut().for_each(|k| *k = false);
        }
    }
    if keep.iter().all(|k| *k) {
        return;
    }
    let kept: Vec<PyRef> = entries
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| t.clone())
        .collect();
    for (i, t) in kept.iter().enumerate() {
        if let Some(tb) = t.downcast::<PyTraceback>() {
            let next = kept.get(i + 1).cloned();
            let old = tb.next.replace(next);
            drop(old);
        }
    }
    let old = ex.traceback.replace(kept.first().cloned());
    drop(old);
}
