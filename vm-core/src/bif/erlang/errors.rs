//! Raising exceptions from Erlang code: `error/1,2,3`, `exit/1`, `throw/1`, `raise/3`,
//! `nif_error/1,2`, `halt/0,1,2` and the loader's `'$missing_bif'` stand-in.

use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifResult, Class, Ctx, Exception};
use crate::heap::build;
use crate::term::Term;

pub fn error_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Err(Exception::error(a[0]))
}

/// `error(Reason, Args)`: a list of arguments replaces the arity in the top frame; anything
/// else (`none` included) keeps the arity.
pub fn error_2(_: &mut Ctx, a: &[Term]) -> BifResult {
    let mut e = Exception::error(a[0]);
    if a[1].is_list_or_nil() {
        e.args = Some(a[1]);
    }
    Err(e)
}

/// `error(Reason, Args, Options)`: `{error_info, Map}` in the options is attached to the frame.
pub fn error_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let mut e = error_2(ctx, a).unwrap_err();
    for opt in a[2].list_iter() {
        if let Some(&[k, v]) = opt.tuple() {
            if k == atom::ERROR_INFO && v.is_map() {
                e.error_info = Some(v);
            }
        }
    }
    Err(e)
}

pub fn exit_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Err(Exception::new(Class::Exit, a[0]))
}

pub fn throw_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Err(Exception::new(Class::Throw, a[0]))
}

pub fn nif_error_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    error_1(ctx, a)
}

pub fn nif_error_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    error_2(ctx, a)
}

/// `raise(Class, Reason, Stacktrace)`: returns `badarg` (does not raise) when the class or the
/// stack trace is malformed, like the BEAM. `{M,F,A}` entries gain an empty location list.
pub fn raise_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let Some(class) = Class::from_atom(a[0]) else {
        return Ok(atom::BADARG);
    };
    let Some(frames) = a[2].list_to_vec() else {
        return Ok(atom::BADARG);
    };
    let mut out = Vec::with_capacity(frames.len());
    for f in frames {
        let Some(t) = f.tuple() else {
            return Ok(atom::BADARG);
        };
        let location = match *t {
            [fun, _] if fun.is_fun() => Term::NIL,
            [fun, _, loc] if fun.is_fun() => loc,
            [m, fname, arity] if m.is_atom() && fname.is_atom() => {
                out.push(build::tuple(
                    &mut ctx.proc.heap,
                    &[m, fname, arity, Term::NIL],
                ));
                continue;
            }
            [m, fname, _, loc] if m.is_atom() && fname.is_atom() => loc,
            _ => return Ok(atom::BADARG),
        };
        if !location.is_list_or_nil() {
            return Ok(atom::BADARG);
        }
        out.push(f);
    }
    let mut e = Exception::new(class, a[1]);
    e.stacktrace = Some(build::list(&mut ctx.proc.heap, &out));
    Err(e)
}

/// Used by the loader for guard BIF imports that have no native implementation.
pub fn missing_bif(_: &mut Ctx, _: &[Term]) -> BifResult {
    Err(Exception::undef())
}

pub fn halt_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    halt(ctx, Term::small(0))
}

pub fn halt_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    halt(ctx, a[0])
}

/// `halt(Status, Options)`: the only option is `{flush, boolean()}`; output is never buffered
/// here, so flushing needs no work.
pub fn halt_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let Some(opts) = a[1].list_to_vec() else {
        return Err(Exception::badarg());
    };
    let flush = ctx.vm.atoms.intern("flush");
    for o in opts {
        match o.tuple() {
            Some(&[k, v]) if k == flush && v.is_boolean() => {}
            _ => return Err(Exception::badarg()),
        }
    }
    halt(ctx, a[0])
}

/// Status: a non-negative integer, `abort`, or a string written to stderr as the slogan
/// (exit status 1). Unwinds the process with `exit(halt)` once `vm.halted` is set.
fn halt(ctx: &mut Ctx, status: Term) -> BifResult {
    let code = if let Some(n) = status.as_small() {
        if n < 0 {
            return Err(Exception::badarg());
        }
        n as i32
    } else if status.subtag() == Some(crate::term::Subtag::PosBig) {
        -1
    } else if status.is_atom() && ctx.vm.atoms.name(status) == "abort" {
        134
    } else if let Some(s) = latin1_string(status) {
        let mut msg = s;
        msg.extend_from_slice(b"\r\n");
        ctx.vm.host.write_stderr(&msg);
        1
    } else {
        return Err(Exception::badarg());
    };
    ctx.vm.halted = Some(code);
    Err(Exception::new(Class::Exit, atom::HALT))
}

/// A proper list of integers 0..=255, as bytes.
pub fn latin1_string(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut it = t.list_iter();
    for c in it.by_ref() {
        match c.as_small() {
            Some(v) if (0..=255).contains(&v) => out.push(v as u8),
            _ => return None,
        }
    }
    if it.tail().is_nil() {
        Some(out)
    } else {
        None
    }
}
