//! Raising exceptions: building the stack trace from the `Line` table and the continuation
//! pointers on the stack, then unwinding to the nearest catch tag.
//!
//! The trace is built when the exception is raised (not lazily as ERTS does); the "raw" trace the
//! bytecode passes around (`try_case` → `x(2)`, `raise`, `raw_raise`) is a `{Class, Trace}` tuple.

use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifId, Class, Exception};
use crate::code::{Code, CodePtr, STUB_CODE};
use crate::heap::build;
use crate::process::Process;
use crate::term::Term;
use crate::vm::Shared;

/// Frames in a built stack trace (ERTS's default `backtrace_depth`).
pub const BACKTRACE_DEPTH: usize = 8;

/// What the top of the stack trace shows.
#[derive(Clone, Copy)]
pub enum Top {
    /// The current function with its arity.
    Current,
    /// The current function with this argument list (function_clause, `error/2`).
    CurrentArgs(Term),
    /// A native function's own frame `{M,F,Args,[error_info]}` above the current function.
    Bif(BifId, Term),
    /// `{M,F,Args,[]}` for an undefined function, instead of the current function.
    Undef(Term, Term, Term),
}

/// An exception caught by the dispatch loop, with where it happened.
pub struct Fault {
    pub exc: Exception,
    /// Index of the faulting instruction in the current code.
    pub ip: u32,
    pub top: Top,
}

/// `{file, "F"}, {line, L}` for instruction `ip` of `code`, plus `extra` items.
fn location(sh: &mut Shared, p: &mut Process, code: &Code, ip: u32, extra: Option<Term>) -> Term {
    let func_start = code.function_at(ip).map(|f| f.start).unwrap_or(0);
    let mut items: Vec<Term> = Vec::new();
    if let Some((file, line)) = code.lines.lookup(ip, func_start) {
        let f = build::charlist(&mut p.heap, file);
        items.push(build::tuple(&mut p.heap, &[atom::FILE, f]));
        items.push(build::tuple(
            &mut p.heap,
            &[atom::LINE, Term::small(line as i64)],
        ));
    }
    if let Some(e) = extra {
        items.push(build::tuple(&mut p.heap, &[atom::ERROR_INFO, e]));
    }
    let _ = sh;
    build::list(&mut p.heap, &items)
}

fn frame(
    sh: &mut Shared,
    p: &mut Process,
    code: &Code,
    ip: u32,
    arity_or_args: Option<Term>,
    extra: Option<Term>,
) -> Option<Term> {
    let f = code.function_at(ip)?;
    let (function, arity) = (f.function, f.arity);
    let loc = location(sh, p, code, ip, extra);
    let a = arity_or_args.unwrap_or(Term::small(arity as i64));
    Some(build::tuple(&mut p.heap, &[code.module, function, a, loc]))
}

/// `#{module => M}` error-info map for a native function's frame.
fn bif_error_info(sh: &mut Shared, p: &mut Process, id: BifId) -> Term {
    let m = sh.bif(id).module;
    let module = if m == "erlang" || m == "erts_internal" {
        atom::ERL_ERTS_ERRORS
    } else {
        atom::ERL_STDLIB_ERRORS
    };
    build::flatmap(&mut p.heap, &[atom::MODULE], &[module])
}

/// Builds the stack trace list for a fault raised at `code`/`fault.ip`.
pub fn build_trace(sh: &mut Shared, p: &mut Process, code: &Code, fault: &Fault) -> Term {
    if let Some(st) = fault.exc.stacktrace {
        return st;
    }
    let mut frames: Vec<Term> = Vec::new();
    let ip = fault.ip;
    match fault.top {
        Top::Current => {
            frames.extend(frame(sh, p, code, ip, None, fault.exc.error_info));
        }
        Top::CurrentArgs(args) => {
            frames.extend(frame(sh, p, code, ip, Some(args), fault.exc.error_info));
        }
        Top::Bif(id, args) => {
            let (m, f, _) = sh.bif_mfa(id);
            let info = match fault.exc.error_info {
                Some(e) => e,
                None => bif_error_info(sh, p, id),
            };
            let ei = build::tuple(&mut p.heap, &[atom::ERROR_INFO, info]);
            let loc = build::list(&mut p.heap, &[ei]);
            frames.push(build::tuple(&mut p.heap, &[m, f, args, loc]));
            frames.extend(frame(sh, p, code, ip, None, None));
        }
        Top::Undef(m, f, args) => {
            frames.push(build::tuple(&mut p.heap, &[m, f, args, Term::NIL]));
        }
    }
    // Continuation pointers, innermost first.
    let mut i = p.stack.len();
    while i > 0 && frames.len() < BACKTRACE_DEPTH {
        i -= 1;
        let w = p.stack[i];
        if w.primary_tag() != 0 || w.is_non_value() {
            continue;
        }
        let cp = CodePtr::from_cp(w.raw());
        if cp.code == STUB_CODE {
            continue;
        }
        let Some(c) = sh.code.try_get(cp.code).cloned() else {
            continue;
        };
        if let Some(t) = frame(sh, p, &c, cp.ip.saturating_sub(1), None, None) {
            frames.push(t);
        }
    }
    frames.truncate(BACKTRACE_DEPTH);
    build::list(&mut p.heap, &frames)
}

/// Where execution continues after an exception.
pub enum Unwound {
    /// Jump to this handler; `x(0..4)` hold the "no value" marker, class, reason and raw trace.
    Handler(CodePtr),
    /// No catch: the process exits with this class, reason and trace.
    Exit {
        class: Class,
        reason: Term,
        trace: Term,
    },
}

/// Unwinds the stack to the innermost catch tag.
pub fn unwind(p: &mut Process, x: &mut [Term], class: Class, reason: Term, trace: Term) -> Unwound {
    let mut i = p.stack.len();
    while i > 0 {
        i -= 1;
        let w = p.stack[i];
        if w.is_catch() {
            let (handler, y) = CodePtr::from_catch(w);
            p.stack.truncate(i + y as usize + 1);
            let raw = build::tuple(&mut p.heap, &[class.atom(), trace]);
            x[0] = Term::NON_VALUE;
            x[1] = class.atom();
            x[2] = reason;
            x[3] = raw;
            return Unwound::Handler(handler);
        }
    }
    Unwound::Exit {
        class,
        reason,
        trace,
    }
}

/// The exit reason of a process that died of an uncaught exception.
pub fn exit_reason(p: &mut Process, class: Class, reason: Term, trace: Term) -> Term {
    match class {
        Class::Exit => reason,
        Class::Error => build::tuple(&mut p.heap, &[reason, trace]),
        Class::Throw => {
            let nc = build::tuple(&mut p.heap, &[atom::NOCATCH, reason]);
            build::tuple(&mut p.heap, &[nc, trace])
        }
    }
}

/// The value `catch Expr` gives for an exception (`catch_end`).
pub fn catch_value(p: &mut Process, class: Term, reason: Term, raw: Term) -> Term {
    match Class::from_atom(class) {
        Some(Class::Throw) => reason,
        Some(Class::Exit) => build::tuple(&mut p.heap, &[atom::EXIT_UPPER, reason]),
        _ => {
            let trace = raw_trace_list(raw);
            let inner = build::tuple(&mut p.heap, &[reason, trace]);
            build::tuple(&mut p.heap, &[atom::EXIT_UPPER, inner])
        }
    }
}

/// The built trace inside a raw trace (`{Class, Trace}`); `[]` for anything else.
pub fn raw_trace_list(raw: Term) -> Term {
    match raw.tuple() {
        Some([_, t]) => *t,
        _ => Term::NIL,
    }
}

/// The class recorded in a raw trace.
pub fn raw_trace_class(raw: Term) -> Option<Class> {
    match raw.tuple() {
        Some([c, _]) => Class::from_atom(*c),
        _ => None,
    }
}
