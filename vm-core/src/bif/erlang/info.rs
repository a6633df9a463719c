//! Output and identity (`display/1`, `node/0,1`, `self/0`, `make_ref/0`, `unique_integer/0,1`)
//! and code introspection (`function_exported/3`, `is_builtin/3`, `get_module_info/1,2`,
//! `fun_info/2`, `fun_info_mfa/1`, `fun_to_list/1`).

use alloc::rc::Rc;
use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifResult, Ctx, Exception};
use crate::code::{Code, FunEntry};
use crate::heap::build;
use crate::term::display::display_bytes;
use crate::term::{Subtag, Term, MIN_SMALL};

/// `display/1`: the C printer's text and a CR LF, as ERTS writes it to stdout.
pub fn display(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let mut out = display_bytes(a[0], ctx.vm);
    out.extend_from_slice(b"\r\n");
    ctx.vm.host.write_stdout(&out);
    Ok(atom::TRUE)
}

/// `display_string/1`: a character list written to stderr (newlines as CR LF, like ERTS).
pub fn display_string(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let mut out = Vec::new();
    let mut it = a[0].list_iter();
    for c in it.by_ref() {
        let ch = c
            .as_small()
            .and_then(|v| u32::try_from(v).ok())
            .and_then(char::from_u32)
            .ok_or_else(Exception::badarg)?;
        if ch == '\n' {
            out.push(b'\r');
        }
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    if !it.tail().is_nil() {
        return Err(Exception::badarg());
    }
    ctx.vm.host.write_stderr(&out);
    Ok(atom::TRUE)
}

pub fn display_nl(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    ctx.vm.host.write_stderr(b"\r\n");
    Ok(atom::TRUE)
}

pub fn node_0(_: &mut Ctx, _: &[Term]) -> BifResult {
    Ok(atom::NONODE)
}

pub fn node_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    if a[0].is_pid() || a[0].is_port() || a[0].is_ref() {
        Ok(atom::NONODE)
    } else {
        Err(Exception::badarg())
    }
}

pub fn self_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    Ok(ctx.proc.pid())
}

pub fn make_ref(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let n = ctx.vm.make_ref_numbers();
    Ok(build::local_ref(&mut ctx.proc.heap, n))
}

pub fn unique_integer_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    unique(ctx, false)
}

/// Monotonic integers start at the smallest small, as in ERTS; `positive` ones at 1.
pub fn unique_integer_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let positive_atom = ctx.vm.atoms.intern("positive");
    let monotonic_atom = ctx.vm.atoms.intern("monotonic");
    let mut positive = false;
    let mut it = a[0].list_iter();
    for o in it.by_ref() {
        if o == positive_atom {
            positive = true;
        } else if o != monotonic_atom {
            return Err(Exception::badarg());
        }
    }
    if !it.tail().is_nil() {
        return Err(Exception::badarg());
    }
    unique(ctx, positive)
}

fn unique(ctx: &mut Ctx, positive: bool) -> BifResult {
    ctx.vm.next_unique += 1;
    let n = ctx.vm.next_unique as i64;
    let v = if positive { n } else { MIN_SMALL + n - 1 };
    Ok(build::int(&mut ctx.proc.heap, v))
}

fn mfa_args(a: &[Term]) -> Result<(Term, Term, u32), Exception> {
    if !a[0].is_atom() || !a[1].is_atom() || !a[2].is_integer() {
        return Err(Exception::badarg());
    }
    let n = a[2]
        .as_usize()
        .map_or(u32::MAX, |n| n.min(u32::MAX as usize) as u32);
    Ok((a[0], a[1], n))
}

/// True when `M:F/A` is callable now: exported by loaded code, or a native function.
/// Never loads anything.
pub fn function_exported(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (m, f, n) = mfa_args(a)?;
    let defined = match ctx.vm.exports.find(m, f, n) {
        Some(i) => !matches!(
            ctx.vm.exports.get(i).target,
            crate::code::ExportTarget::Undefined
        ),
        None => false,
    };
    let in_code = ctx
        .vm
        .code
        .current(m)
        .is_some_and(|c| c.export_entry(f, n).is_some());
    Ok(Term::bool(defined || in_code))
}

/// True for native functions (`apply/2,3` are built into the emulator but count as BIFs).
pub fn is_builtin(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (m, f, n) = mfa_args(a)?;
    let apply = m == atom::ERLANG && f == atom::APPLY && (n == 2 || n == 3);
    Ok(Term::bool(apply || ctx.vm.bif_for(m, f, n).is_some()))
}

fn loaded(ctx: &Ctx, m: Term) -> Result<Rc<Code>, Exception> {
    if !m.is_atom() {
        return Err(Exception::badarg());
    }
    ctx.vm
        .code
        .current(m)
        .cloned()
        .ok_or_else(Exception::badarg)
}

pub fn get_module_info_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let code = loaded(ctx, a[0])?;
    let items = [
        atom::MODULE,
        atom::EXPORTS,
        atom::ATTRIBUTES,
        atom::COMPILE,
        atom::MD5,
    ];
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let v = module_info_item(ctx, &code, item)?;
        out.push(build::tuple(&mut ctx.proc.heap, &[item, v]));
    }
    Ok(build::list(&mut ctx.proc.heap, &out))
}

pub fn get_module_info_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let code = loaded(ctx, a[0])?;
    module_info_item(ctx, &code, a[1])
}

fn fa_list(ctx: &mut Ctx, fas: impl Iterator<Item = (Term, u32)>) -> Term {
    let v: Vec<(Term, u32)> = fas.collect();
    let heap = &mut ctx.proc.heap;
    let tuples: Vec<Term> = v
        .into_iter()
        .map(|(f, n)| build::tuple(heap, &[f, Term::small(n as i64)]))
        .collect();
    build::list(heap, &tuples)
}

fn module_info_item(ctx: &mut Ctx, code: &Code, item: Term) -> BifResult {
    Ok(match item {
        atom::MODULE => code.module,
        // ERTS lists exports in reverse `ExpT` order.
        atom::EXPORTS => fa_list(
            ctx,
            code.exports.iter().rev().map(|e| (e.function, e.arity)),
        ),
        atom::FUNCTIONS => fa_list(ctx, code.functions.iter().map(|f| (f.function, f.arity))),
        atom::ATTRIBUTES => code.attributes,
        atom::COMPILE => code.compile_info,
        atom::MD5 => build::binary(&mut ctx.proc.heap, &code.md5),
        atom::NIFS | atom::NATIVE_ADDRESSES => Term::NIL,
        _ => return Err(Exception::badarg()),
    })
}

/// A local fun's code and lambda-table entry.
fn local_fun(ctx: &Ctx, f: Term) -> Option<(Rc<Code>, FunEntry)> {
    let w = f.boxed_words();
    let code = ctx.vm.code.try_get((w[0] >> 32) as u32)?.clone();
    let fe = code.funs.get((w[0] & 0xFFFF_FFFF) as usize)?.clone();
    Some((code, fe))
}

pub fn fun_info_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (f, item) = (a[0], a[1]);
    let v = match f.subtag() {
        Some(Subtag::Fun) => {
            let (code, fe) = local_fun(ctx, f).ok_or_else(Exception::badarg)?;
            let arity = f.boxed_words()[1] >> 32;
            match item {
                atom::ARITY => Term::small(arity as i64),
                atom::MODULE => code.module,
                atom::NAME => fe.function,
                atom::ENV => {
                    let env: Vec<Term> = f.boxed_terms()[2..].to_vec();
                    build::list(&mut ctx.proc.heap, &env)
                }
                atom::TYPE => atom::LOCAL,
                atom::INDEX | atom::NEW_INDEX => Term::small(fe.index as i64),
                atom::UNIQ => Term::small(fe.old_uniq as i64),
                atom::NEW_UNIQ => build::binary(&mut ctx.proc.heap, &code.md5),
                atom::PID => ctx.proc.pid(),
                _ => return Err(Exception::badarg()),
            }
        }
        Some(Subtag::Export) => {
            let w = f.boxed_terms();
            match item {
                atom::ARITY => w[2],
                atom::MODULE => w[0],
                atom::NAME => w[1],
                atom::ENV => Term::NIL,
                atom::TYPE => atom::EXTERNAL,
                atom::INDEX | atom::NEW_INDEX | atom::UNIQ | atom::NEW_UNIQ | atom::PID => {
                    atom::UNDEFINED
                }
                _ => return Err(Exception::badarg()),
            }
        }
        _ => return Err(Exception::badarg()),
    };
    Ok(build::tuple(&mut ctx.proc.heap, &[item, v]))
}

pub fn fun_info_mfa(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let f = a[0];
    let (m, name, arity) = match f.subtag() {
        Some(Subtag::Fun) => {
            let (code, fe) = local_fun(ctx, f).ok_or_else(Exception::badarg)?;
            let arity = (f.boxed_words()[1] >> 32) as i64;
            (code.module, fe.function, Term::small(arity))
        }
        Some(Subtag::Export) => {
            let w = f.boxed_terms();
            (w[0], w[1], w[2])
        }
        _ => return Err(Exception::badarg()),
    };
    Ok(build::tuple(&mut ctx.proc.heap, &[m, name, arity]))
}

/// `fun_to_list/1`: the fun as `erlang:display/1` prints it.
pub fn fun_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_fun() {
        return Err(Exception::badarg());
    }
    let s = crate::term::display::display(a[0], ctx.vm);
    Ok(build::charlist(&mut ctx.proc.heap, &s))
}
