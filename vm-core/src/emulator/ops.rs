//! The slower halves of the dispatch loop: calls through export entries, `apply`, funs, native
//! function calls with their stack-trace frames, the bit-syntax and receive instructions.

use alloc::vec::Vec;
use core::cmp::Ordering;

use super::bits;
use super::exception::Top;
use super::instr::{BinFlags, BinSize, Dst, Instr, Label, SegKind, Segment, Src, NO_LABEL};
use crate::atom;
use crate::bif::{BifId, BifResult, Class, Ctx, Exception};
use crate::code::{Code, CodePtr, ExportTarget};
use crate::heap::build;
use crate::process::Process;
use crate::term::{Subtag, Term};
use crate::vm::Shared;

/// How a call went.
pub enum CallResult {
    /// Continue in Erlang code at this address with `n` argument registers live.
    Code(CodePtr, usize),
    /// A native function ran; its result is in `x(0)`.
    Returned,
    /// Raise without pushing a continuation (the current function shows in the trace).
    Raise(Exception, Top),
    /// An undefined function: the continuation is pushed first, as the BEAM does.
    Undef(Exception, Top),
}

// Native functions the emulator itself implements (they need the dispatch loop).
crate::bifs! { "erlang";
    "apply", 2 => apply_stub;
    "apply", 3 => apply_stub;
    "$missing_bif", 0 => missing_bif;
    "$missing_bif", 1 => missing_bif;
    "$missing_bif", 2 => missing_bif;
    "$missing_bif", 3 => missing_bif;
}

/// Stands in for a guard BIF import that has no native implementation (yet): `undef`.
fn missing_bif(_: &mut Ctx, _: &[Term]) -> BifResult {
    Err(Exception::undef())
}

fn apply_stub(_: &mut Ctx, _: &[Term]) -> BifResult {
    Err(Exception::badarg())
}

#[inline]
pub fn is_apply(sh: &Shared, id: BifId) -> bool {
    id == sh.apply2 || id == sh.apply3
}

#[inline]
pub fn is_map(t: Term) -> bool {
    matches!(t.subtag(), Some(Subtag::Map | Subtag::HashMap))
}

#[inline]
pub fn compare(sh: &Shared, a: Term, b: Term) -> Ordering {
    if a.is_small() && b.is_small() {
        return a.small_value().cmp(&b.small_value());
    }
    crate::term::order::compare(a, b, &sh.atoms)
}

pub use crate::term::number::to_f64;

/// `a < b` in term order, with the small-integer case inline.
#[inline(always)]
pub fn less(sh: &Shared, a: Term, b: Term) -> bool {
    if a.is_small() && b.is_small() {
        a.small_value() < b.small_value()
    } else {
        crate::term::order::compare(a, b, &sh.atoms) == Ordering::Less
    }
}

pub fn call_guard_bif(sh: &mut Shared, p: &mut Process, bif: BifId, args: &[Term]) -> BifResult {
    let f = sh.bif(bif).f;
    let mut ctx = Ctx { proc: p, vm: sh };
    f(&mut ctx, args)
}

/// A safe point after a gc_bif: the result register is live too.
#[inline]
pub fn after_gc_bif(p: &mut Process, x: &mut [Term], live: u16, dst: Dst) -> i64 {
    let live = match dst {
        Dst::X(i) => (live as usize).max(i as usize + 1),
        Dst::Y(_) => live as usize,
    };
    super::safe_point(p, x, live, 0)
}

/// The top of the stack trace for an exception raised by a native function.
pub fn bif_top(sh: &Shared, p: &mut Process, id: BifId, exc: &Exception, args: &[Term]) -> Top {
    let e = sh.bif(id);
    let raising = e.module == "erlang"
        && matches!(
            e.name,
            "error" | "exit" | "throw" | "raise" | "nif_error" | "halt"
        );
    if raising {
        return match exc.args {
            Some(a) => Top::CurrentArgs(a),
            None => Top::Current,
        };
    }
    if exc.class == Class::Error {
        Top::Bif(id, build::list(&mut p.heap, args))
    } else {
        Top::Current
    }
}

/// The trace top for a failed gc_bif. BEAM's JIT raises `X + 1`, `X - 1` (a small literal on the
/// right) and unary `+X` without the operator's own frame; every other operator shows it.
pub fn arith_top(
    sh: &Shared,
    p: &mut Process,
    id: BifId,
    exc: &Exception,
    args: &[Term],
    imm_small: bool,
) -> Top {
    let f = &sh.fast;
    if (imm_small && (Some(id) == f.plus || Some(id) == f.minus)) || Some(id) == f.uplus {
        return Top::Current;
    }
    bif_top(sh, p, id, exc, args)
}

/// `Dest ! Msg` (the `send` instruction and `erlang:send/2`).
pub fn send(sh: &mut Shared, p: &mut Process, dest: Term, msg: Term) -> Result<(), Exception> {
    crate::process::signals::send(sh, &mut Some(p), dest, msg).map_err(|()| Exception::badarg())
}

/// Where a process continues after the call instruction at `ip` returned (for a native
/// function that returns and then yields): the next instruction, or for a tail call the
/// caller's continuation (the frame is dropped first).
pub fn continuation_after_call(p: &mut Process, code: &Code, ip: u32) -> Option<CodePtr> {
    let (push, dealloc) = match code.instrs.get(ip as usize)? {
        Instr::CallExtLast { dealloc, .. } | Instr::ApplyLast { dealloc, .. } => {
            (false, *dealloc as usize)
        }
        Instr::CallExtOnly { .. } => (false, 0),
        _ => (true, 0),
    };
    if push {
        return Some(CodePtr {
            code: code.id,
            ip: ip + 1,
        });
    }
    let len = p.stack.len();
    p.stack.truncate(len.saturating_sub(dealloc));
    match p.stack.pop() {
        Some(w) if w.primary_tag() == 0 && w.is_value() => Some(CodePtr::from_cp(w.raw())),
        _ => None,
    }
}

/// Calls a native function with `x(0..arity)` as arguments, leaving the result in `x(0)`.
pub fn call_bif(
    sh: &mut Shared,
    p: &mut Process,
    x: &mut [Term],
    id: BifId,
    arity: usize,
) -> CallResult {
    let f = sh.bif(id).f;
    let res = {
        let mut ctx = Ctx { proc: p, vm: sh };
        f(&mut ctx, &x[..arity])
    };
    match res {
        Ok(v) => {
            x[0] = v;
            CallResult::Returned
        }
        Err(exc) => {
            let top = bif_top(sh, p, id, &exc, &x[..arity]);
            CallResult::Raise(exc, top)
        }
    }
}

/// Calls `M:F/arity` through its export entry, loading the module on first use.
pub fn invoke_export(
    sh: &mut Shared,
    p: &mut Process,
    x: &mut [Term],
    e: u32,
    arity: u8,
) -> CallResult {
    let mut target = sh.exports.get(e).target;
    if let ExportTarget::Undefined = target {
        let m = sh.exports.get(e).module;
        sh.ensure_loaded(m);
        target = sh.exports.get(e).target;
    }
    match target {
        ExportTarget::Code(cp) => CallResult::Code(cp, arity as usize),
        ExportTarget::Bif(id) if is_apply(sh, id) => apply(sh, p, x, arity, id),
        ExportTarget::Bif(id) => call_bif(sh, p, x, id, arity as usize),
        ExportTarget::Undefined => {
            let ex = *sh.exports.get(e);
            let a = build::list(&mut p.heap, &x[..arity as usize]);
            CallResult::Undef(Exception::undef(), Top::Undef(ex.module, ex.function, a))
        }
    }
}

fn invoke_mfa(
    sh: &mut Shared,
    p: &mut Process,
    x: &mut [Term],
    m: Term,
    f: Term,
    arity: usize,
) -> CallResult {
    if arity > 255 {
        return CallResult::Raise(Exception::system_limit(), Top::Current);
    }
    let e = sh.exports.entry(m, f, arity as u32);
    invoke_export(sh, p, x, e, arity as u8)
}

/// `erlang:apply/2,3` called as a function: arguments are in `x(0..arity)`.
pub fn apply(sh: &mut Shared, p: &mut Process, x: &mut [Term], arity: u8, id: BifId) -> CallResult {
    let orig: Vec<Term> = x[..arity as usize].to_vec();
    let bad = |p: &mut Process| {
        let a = build::list(&mut p.heap, &orig);
        CallResult::Raise(Exception::badarg(), Top::Bif(id, a))
    };
    if id == sh.apply3 {
        let (m, f, args) = (x[0], x[1], x[2]);
        let Some(list) = args.list_to_vec() else {
            return bad(p);
        };
        if !m.is_atom() || !f.is_atom() || list.len() > 255 {
            return bad(p);
        }
        x[..list.len()].copy_from_slice(&list);
        invoke_mfa(sh, p, x, m, f, list.len())
    } else {
        let (fun, args) = (x[0], x[1]);
        let Some(list) = args.list_to_vec() else {
            return bad(p);
        };
        if list.len() > 255 {
            return bad(p);
        }
        x[..list.len()].copy_from_slice(&list);
        call_fun(sh, p, x, fun, list.len() as u8)
    }
}

/// The `apply` instruction: module in `x(arity)`, function in `x(arity+1)`.
pub fn apply_instr(sh: &mut Shared, p: &mut Process, x: &mut [Term], arity: u8) -> CallResult {
    let n = arity as usize;
    let (m, f) = (x[n], x[n + 1]);
    if !m.is_atom() || !f.is_atom() {
        let args = build::list(&mut p.heap, &x[..n]);
        let a = build::list(&mut p.heap, &[m, f, args]);
        return CallResult::Raise(Exception::badarg(), Top::Bif(sh.apply3, a));
    }
    invoke_mfa(sh, p, x, m, f, n)
}

/// Calls fun `fun` with `x(0..arity)`.
pub fn call_fun(
    sh: &mut Shared,
    p: &mut Process,
    x: &mut [Term],
    fun: Term,
    arity: u8,
) -> CallResult {
    let n = arity as usize;
    match fun.subtag() {
        Some(Subtag::Fun) => {
            let w = fun.boxed_words();
            let (code_id, index) = ((w[0] >> 32) as u32, w[0] as u32);
            let fun_arity = (w[1] >> 32) as usize;
            if fun_arity != n {
                return badarity(p, fun, &x[..n]);
            }
            let Some(code) = sh.code.try_get(code_id).cloned() else {
                let r = build::tuple(&mut p.heap, &[atom::BADFUN, fun]);
                return CallResult::Raise(Exception::error(r), Top::Current);
            };
            let entry = &code.funs[index as usize];
            let env = &fun.boxed_terms()[2..];
            x[n..n + env.len()].copy_from_slice(env);
            CallResult::Code(
                CodePtr {
                    code: code_id,
                    ip: entry.entry,
                },
                n + env.len(),
            )
        }
        Some(Subtag::Export) => {
            let t = fun.boxed_terms();
            let (m, f, a) = (t[0], t[1], t[2].small_value() as usize);
            if a != n {
                return badarity(p, fun, &x[..n]);
            }
            invoke_mfa(sh, p, x, m, f, n)
        }
        _ => {
            let r = build::tuple(&mut p.heap, &[atom::BADFUN, fun]);
            CallResult::Raise(Exception::error(r), Top::Current)
        }
    }
}

fn badarity(p: &mut Process, fun: Term, args: &[Term]) -> CallResult {
    let a = build::list(&mut p.heap, args);
    let inner = build::tuple(&mut p.heap, &[fun, a]);
    let r = build::tuple(&mut p.heap, &[atom::BADARITY, inner]);
    CallResult::Raise(Exception::error(r), Top::Current)
}

pub fn fun_has_arity(_sh: &Shared, f: Term, a: Term) -> bool {
    let Some(n) = a.as_small() else { return false };
    match f.subtag() {
        Some(Subtag::Fun) => (f.boxed_words()[1] >> 32) as i64 == n,
        Some(Subtag::Export) => f.boxed_terms()[2].small_value() == n,
        _ => false,
    }
}

/// What the dispatch loop does after an instruction handled here.
pub enum Next {
    Continue,
    Jump(Label),
    Raise(Exception),
    /// Jump to the label, or raise when it is `NO_LABEL`.
    Fail(Label, Exception),
}

/// Register access for the instructions handled here.
pub struct RegIo<'a> {
    pub x: &'a mut [Term],
    pub p: &'a mut Process,
    pub code: &'a Code,
    pub sh: &'a mut Shared,
    /// Set when broken code touched a Y slot outside its frame: the instruction then raises.
    pub bad_y: core::cell::Cell<bool>,
    /// Reductions spent collecting, for the loop to charge.
    pub gc_reds: i64,
}

impl RegIo<'_> {
    #[inline]
    pub(super) fn rd(&self, s: Src) -> Term {
        match s {
            Src::X(i) => self.x[i as usize],
            Src::Y(i) => self.p.y_get(i).unwrap_or_else(|| {
                self.bad_y.set(true);
                Term::NIL
            }),
            Src::Imm(t) => t,
        }
    }
    #[inline]
    pub(super) fn wr(&mut self, d: Dst, v: Term) {
        match d {
            Dst::X(i) => self.x[i as usize] = v,
            Dst::Y(i) => {
                if !self.p.y_put(i, v) {
                    self.bad_y.set(true);
                }
            }
        }
    }
    /// A safe point; a process over its `max_heap_size` is then ended by the caller (the
    /// trap is set).
    fn gc(&mut self, live: u16) {
        let _ = super::safe_point(self.p, self.x, live as usize, 0);
    }
    /// A safe point with `live` X registers, its cost charged.
    fn charged_gc(&mut self, live: u16) {
        let c = super::safe_point(self.p, self.x, live as usize, 0);
        self.charge(c);
    }
    /// The safe point after a gc_bif-like instruction that wrote `dst`, its cost charged.
    pub(super) fn gc_after_bif(&mut self, live: u16, dst: Dst) {
        let c = after_gc_bif(self.p, self.x, live, dst);
        self.charge(c);
    }
    /// A safe point's cost, for the loop (a process to end has its trap set already).
    fn charge(&mut self, c: i64) {
        if c != super::MUST_DIE {
            self.gc_reds += c;
        }
    }
    fn size_bits(&self, size: Src, unit: u32) -> Option<usize> {
        bits::bits_of(self.rd(size), unit)
    }
}

macro_rules! test {
    ($cond:expr, $fail:expr) => {
        if $cond {
            Next::Continue
        } else {
            Next::Jump($fail)
        }
    };
}

/// The match-context operand of a bit-syntax matching instruction.
fn match_ctx(instr: &Instr) -> Option<Src> {
    Some(*match instr {
        Instr::BsGetPosition { ctx, .. }
        | Instr::BsSetPosition { ctx, .. }
        | Instr::BsGetTail { ctx, .. }
        | Instr::BsTestTail { ctx, .. }
        | Instr::BsTestUnit { ctx, .. }
        | Instr::BsSkipBits { ctx, .. }
        | Instr::BsGetInteger { ctx, .. }
        | Instr::BsGetFloat { ctx, .. }
        | Instr::BsGetBinary { ctx, .. }
        | Instr::BsMatchString { ctx, .. }
        | Instr::BsGetUtf8 { ctx, .. }
        | Instr::BsGetUtf16 { ctx, .. }
        | Instr::BsGetUtf32 { ctx, .. }
        | Instr::BsMatch { ctx, .. } => ctx,
        _ => return None,
    })
}

/// Bit syntax and receive.
pub fn exec_other(io: &mut RegIo, instr: &Instr) -> Next {
    // erlc only uses these on match contexts; a broken module costs the process, not the VM.
    // (bs_start_match, bs_get_integer, bs_test_unit and bs_test_tail come here only when the
    // fast tier could not run them: a collection due, a broken context.)
    if let Some(c) = match_ctx(instr) {
        if io.rd(c).subtag() != Some(Subtag::MatchState) {
            return Next::Raise(Exception::badarg());
        }
    }
    match instr {
        Instr::BsStartMatch {
            fail,
            src,
            live,
            dst,
        } => {
            io.charged_gc(*live);
            let t = io.rd(*src);
            match bits::start_match(&mut io.p.heap, t) {
                Some(ctx) => {
                    io.wr(*dst, ctx);
                    Next::Continue
                }
                None => Next::Fail(*fail, Exception::badarg()),
            }
        }
        Instr::BsGetInteger {
            fail,
            ctx,
            live,
            size,
            unit,
            flags,
            dst,
        } => {
            // Collect first: the context moves with the collection.
            io.charged_gc(*live);
            let c = io.rd(*ctx);
            let Some(n) = io.size_bits(*size, *unit) else {
                return Next::Jump(*fail);
            };
            match bits::get_integer(&mut io.p.heap, c, n, *flags) {
                Some(v) => {
                    io.wr(*dst, v);
                    Next::Continue
                }
                None => Next::Jump(*fail),
            }
        }
        Instr::BsTestUnit { fail, ctx, unit } => test!(bits::test_unit(io.rd(*ctx), *unit), *fail),
        Instr::BsTestTail { fail, ctx, bits: n } => {
            test!(bits::test_tail(io.rd(*ctx), *n as usize), *fail)
        }
        Instr::BsGetPosition { ctx, dst } => {
            let v = bits::position(io.rd(*ctx));
            io.wr(*dst, Term::small(v as i64));
            Next::Continue
        }
        Instr::BsSetPosition { ctx, pos } => {
            let pos = io.rd(*pos).as_usize().unwrap_or(0);
            bits::set_position(io.rd(*ctx), pos);
            Next::Continue
        }
        Instr::BsGetTail { ctx, dst, live } => {
            io.gc(*live);
            let c = io.rd(*ctx);
            let t = bits::get_tail(&mut io.p.heap, c);
            io.wr(*dst, t);
            Next::Continue
        }
        Instr::BsSkipBits {
            fail,
            ctx,
            size,
            unit,
        } => {
            let c = io.rd(*ctx);
            let ok = match size {
                BinSize::All => bits::skip_all(c, *unit),
                BinSize::Src(s) => match io.size_bits(*s, *unit) {
                    Some(n) => bits::skip(c, n),
                    None => false,
                },
            };
            test!(ok, *fail)
        }
        Instr::BsGetFloat {
            fail,
            ctx,
            live,
            size,
            unit,
            flags,
            dst,
        } => {
            io.gc(*live);
            let c = io.rd(*ctx);
            let Some(n) = io.size_bits(*size, *unit) else {
                return Next::Jump(*fail);
            };
            match bits::get_float(&mut io.p.heap, c, n, *flags) {
                Some(v) => {
                    io.wr(*dst, v);
                    Next::Continue
                }
                None => Next::Jump(*fail),
            }
        }
        Instr::BsGetBinary {
            fail,
            ctx,
            live,
            size,
            unit,
            dst,
        } => {
            io.gc(*live);
            let c = io.rd(*ctx);
            let r = match size {
                BinSize::All => bits::get_binary_all(&mut io.p.heap, c, *unit),
                BinSize::Src(s) => match io.size_bits(*s, *unit) {
                    Some(n) => bits::get_binary(&mut io.p.heap, c, n),
                    None => None,
                },
            };
            match r {
                Some(v) => {
                    io.wr(*dst, v);
                    Next::Continue
                }
                None => Next::Jump(*fail),
            }
        }
        Instr::BsMatchString {
            fail,
            ctx,
            bits: n,
            offset,
        } => {
            let bytes = &io.code.strings[*offset as usize..];
            test!(bits::match_string(io.rd(*ctx), *n as usize, bytes), *fail)
        }
        Instr::BsGetUtf8 { fail, ctx, dst } => {
            utf_result(io, bits::get_utf8(io.rd(*ctx)), *fail, *dst)
        }
        Instr::BsGetUtf16 {
            fail,
            ctx,
            flags,
            dst,
        } => utf_result(io, bits::get_utf16(io.rd(*ctx), *flags), *fail, *dst),
        Instr::BsGetUtf32 {
            fail,
            ctx,
            flags,
            dst,
        } => utf_result(io, bits::get_utf32(io.rd(*ctx), *flags), *fail, *dst),
        Instr::BsMatch { fail, ctx, cmds } => {
            let c = io.rd(*ctx);
            let mut writes: Vec<(Dst, Term)> = Vec::new();
            let ok = bits::run_match_cmds(&mut io.p.heap, c, cmds, &mut |d, v| writes.push((d, v)));
            for (d, v) in writes {
                io.wr(d, v);
            }
            test!(ok, *fail)
        }
        Instr::BsCreateBin {
            fail,
            live,
            dst,
            segments,
        } => {
            io.gc(*live);
            // Most constructions have a handful of segments: keep them on the stack (and no
            // vector to drop on the way out).
            let res = if segments.len() <= bits::SMALL_SEGS {
                let mut small = [BLANK_SEG; bits::SMALL_SEGS];
                for (slot, s) in small.iter_mut().zip(segments.iter()) {
                    *slot = seg_value(io, s);
                }
                bits::create_bin(&mut io.p.heap, &small[..segments.len()])
            } else {
                create_bin_many(io, segments)
            };
            match res {
                Ok(t) => {
                    io.wr(*dst, t);
                    Next::Continue
                }
                Err(e) => Next::Fail(*fail, e),
            }
        }
        Instr::BsInitWritable => {
            io.gc(1);
            io.x[0] = bits::init_writable(&mut io.p.heap);
            Next::Continue
        }
        Instr::BsInit {
            fail,
            size,
            bits: is_bits,
            live,
            dst,
        } => {
            io.gc(*live);
            let unit = if *is_bits { 1 } else { 8 };
            let Some(n) = io.size_bits(*size, unit) else {
                return Next::Fail(*fail, Exception::badarg());
            };
            let t = bits::init(&mut io.p.bin_build, &mut io.p.heap, n);
            io.wr(*dst, t);
            Next::Continue
        }
        Instr::BsAdd {
            fail,
            a,
            b,
            unit,
            dst,
        } => match bits::bs_add(io.rd(*a), io.rd(*b), *unit) {
            Ok(v) => {
                io.wr(*dst, v);
                Next::Continue
            }
            Err(e) => Next::Fail(*fail, e),
        },
        Instr::BsPutInteger {
            fail,
            size,
            unit,
            flags,
            src,
        }
        | Instr::BsPutFloat {
            fail,
            size,
            unit,
            flags,
            src,
        } => {
            let Some(n) = io.size_bits(*size, *unit) else {
                return Next::Fail(*fail, Exception::badarg());
            };
            let v = io.rd(*src);
            let put = if matches!(instr, Instr::BsPutInteger { .. }) {
                bits::put_integer
            } else {
                bits::put_float
            };
            done(put(&mut io.p.bin_build, v, n, *flags), *fail)
        }
        Instr::BsPutBinary {
            fail,
            size,
            unit,
            src,
        } => {
            let n = match size {
                BinSize::All => None,
                BinSize::Src(s) => match io.size_bits(*s, *unit) {
                    Some(n) => Some(n),
                    None => return Next::Fail(*fail, Exception::badarg()),
                },
            };
            let v = io.rd(*src);
            done(bits::put_binary(&mut io.p.bin_build, v, n, *unit), *fail)
        }
        Instr::BsPutString { len, offset } => {
            let s = &io.code.strings[*offset as usize..(*offset + *len) as usize];
            done(bits::put_string(&mut io.p.bin_build, s), NO_LABEL)
        }
        Instr::BsAppend {
            fail,
            size,
            live,
            unit,
            bin,
            dst,
        } => {
            io.gc(*live);
            let Some(n) = io.size_bits(*size, 1) else {
                return Next::Fail(*fail, Exception::badarg());
            };
            let b = io.rd(*bin);
            let p = &mut *io.p;
            match bits::append(&mut p.bin_build, &mut p.heap, b, n, *unit) {
                Ok(t) => {
                    io.wr(*dst, t);
                    Next::Continue
                }
                Err(e) => Next::Fail(*fail, e),
            }
        }
        Instr::BsPrivateAppend {
            fail,
            size,
            unit,
            bin,
            dst,
        } => {
            let Some(n) = io.size_bits(*size, 1) else {
                return Next::Fail(*fail, Exception::badarg());
            };
            let b = io.rd(*bin);
            let p = &mut *io.p;
            match bits::private_append(&mut p.bin_build, &mut p.heap, b, n, *unit) {
                Ok(t) => {
                    io.wr(*dst, t);
                    Next::Continue
                }
                Err(e) => Next::Fail(*fail, e),
            }
        }
        Instr::BsUtf8Size { src, dst } => {
            let v = bits::utf8_size(io.rd(*src));
            io.wr(*dst, v);
            Next::Continue
        }
        Instr::BsUtf16Size { src, dst } => {
            let v = bits::utf16_size(io.rd(*src));
            io.wr(*dst, v);
            Next::Continue
        }
        Instr::BsPutUtf8 { fail, src } => {
            let v = io.rd(*src);
            done(bits::put_utf8(&mut io.p.bin_build, v), *fail)
        }
        Instr::BsPutUtf16 { fail, flags, src } => {
            let v = io.rd(*src);
            done(bits::put_utf16(&mut io.p.bin_build, v, *flags), *fail)
        }
        Instr::BsPutUtf32 { fail, flags, src } => {
            let v = io.rd(*src);
            done(bits::put_utf32(&mut io.p.bin_build, v, *flags), *fail)
        }

        // Every instruction is handled above or in the dispatch loop; should one ever slip
        // through, it costs the process, not the VM.
        // Everything else: the cold instructions (and `badarg` for what nobody runs).
        _ => super::cold::exec(io, instr),
    }
}

fn done(r: Result<(), Exception>, fail: Label) -> Next {
    match r {
        Ok(()) => Next::Continue,
        Err(e) => Next::Fail(fail, e),
    }
}

fn utf_result(io: &mut RegIo, r: Option<u32>, fail: Label, dst: Option<Dst>) -> Next {
    match r {
        Some(cp) => {
            if let Some(d) = dst {
                io.wr(d, Term::small(cp as i64));
            }
            Next::Continue
        }
        None => Next::Jump(fail),
    }
}

pub(super) const BLANK_SEG: bits::SegValue<'static> = bits::SegValue {
    kind: SegKind::Integer,
    seg_no: 0,
    unit: 1,
    flags: BinFlags {
        little: false,
        signed: false,
    },
    value: Term::NIL,
    size: None,
    string: &[],
};

/// A `bs_create_bin` segment with its operands read (string segments point into the module's
/// string table).
#[inline]
fn seg_value<'c>(io: &RegIo<'c>, s: &Segment) -> bits::SegValue<'c> {
    let strings: &'c [u8] = &io.code.strings;
    if s.kind == SegKind::String {
        let off = match s.value {
            Src::Imm(t) => t.as_usize().unwrap_or(0),
            _ => 0,
        };
        let len = match s.size {
            BinSize::Src(Src::Imm(t)) => t.as_usize().unwrap_or(0),
            _ => 0,
        };
        let string = strings.get(off..off.saturating_add(len)).unwrap_or(&[]);
        return bits::SegValue {
            string,
            ..seg_common(s, Term::NIL, None)
        };
    }
    let size = match s.size {
        BinSize::All => None,
        BinSize::Src(src) => Some(io.rd(src)),
    };
    seg_common(s, io.rd(s.value), size)
}

#[inline]
pub(super) fn seg_common(s: &Segment, value: Term, size: Option<Term>) -> bits::SegValue<'static> {
    bits::SegValue {
        kind: s.kind,
        seg_no: s.seg_no,
        unit: s.unit,
        flags: s.flags,
        value,
        size,
        string: &[],
    }
}

/// `bs_create_bin` with more segments than fit on the stack.
#[inline(never)]
fn create_bin_many(io: &mut RegIo, segments: &[Segment]) -> Result<Term, Exception> {
    let segs: Vec<bits::SegValue> = segments.iter().map(|s| seg_value(io, s)).collect();
    bits::create_bin(&mut io.p.heap, &segs)
}
