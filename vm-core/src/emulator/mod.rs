//! The emulator: the dispatch loop over [`instr::Instr`], exceptions and stack traces.
//!
//! Calls push their continuation pointer onto the stack (as OTP 24+ does), `allocate` only adds
//! Y slots, and `return` pops the continuation; so the stack holds exactly the return addresses a
//! stack trace needs. X and float registers belong to the scheduler ([`Regs`]), not the process:
//! a process that is switched out keeps only its live X registers.
//!
//! Two loops run the code. The fast tier (`fast`) is a small loop over the commonest
//! instructions in their simplest case (calls and returns within a module, moves, small-integer
//! arithmetic and compares, list and tuple access, byte-aligned matching): small enough for the
//! compiler to keep its state (the instruction index, the register file, the stack, the
//! reduction count) in machine registers. [`execute`] is the full loop: every instruction with
//! every case, and it hands over to the fast tier whenever the next instruction is one of its
//! own. Instructions off the hot paths go from there to [`ops::exec_other`] (bits) and `cold`
//! (errors, exceptions, maps, funs); safe points are in [`mod@safe_point`], the register file in
//! [`regs`].

pub mod bits;
mod cold;
pub mod exception;
mod fast;
mod guard;
pub mod instr;
mod operands;
pub mod ops;
#[cfg(feature = "pairs")]
pub mod paircount;
pub mod regs;
pub mod safe_point;
pub mod specialize;

use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;

use crate::atom;
use crate::bif::{Class, Exception};
use crate::code::{Code, CodePtr};
use crate::heap::build;
use crate::process::{Process, Trap};
use crate::term::Term;
use crate::vm::Shared;
use exception::{Fault, Top, Unwound};
use instr::{ArithOp, Callee, Dst, Instr, Src, NO_LABEL};
pub use regs::{Regs, MAX_F, MAX_X};
pub use safe_point::{gc, safe_point, MUST_DIE};

/// Backward jumps allowed in one slice (far above the few that code from erlc takes).
const MAX_BACK_JUMPS: u32 = 50_000_000;

/// Why the dispatch loop returned.
pub enum Stop {
    /// Reductions spent; the process can be resumed with [`execute`].
    Yield,
    /// Suspended in a receive (or hibernating); resumes at `p.ip` when a message or its
    /// timeout arrives.
    Wait,
    /// The process finished normally (its first function returned this value).
    Normal(Term),
    /// The process died of an uncaught exception.
    Died {
        class: Class,
        reason: Term,
        trace: Term,
    },
    /// `erlang:halt/1`.
    Halt(i32),
}

/// Runs `p` for up to `reductions` reductions.
pub fn execute(sh: &mut Shared, p: &mut Process, r: &mut Regs, reductions: i64) -> Stop {
    let x: &mut [Term; MAX_X] = &mut r.x;
    let fr = &mut r.f[..];
    let saved = core::mem::take(&mut p.saved_x);
    x[..saved.len()].copy_from_slice(&saved);
    let mut code: Rc<Code> = sh.code.get(p.ip.code).clone();
    let mut instrs: Rc<[Instr]> = code.instrs.clone();
    let mut ip: usize = p.ip.ip as usize;
    let mut fcalls: i64 = reductions;
    let mut back_jumps: u32 = 0;
    // Leaves the loop, charging the reductions spent.
    macro_rules! leave {
        ($stop:expr) => {{
            p.reductions += (reductions - fcalls.max(0)) as u64;
            return $stop;
        }};
    }

    'outer: loop {
        let fault: Fault = 'dispatch: loop {
            // Jumps: `jump!(label)` continues at a label in the current code.
            macro_rules! jump {
                ($l:expr) => {{
                    let l = $l as usize;
                    // Code from erlc loops only through calls and `loop_rec_end`, which spend
                    // reductions: a slice holds few jumps back. Hostile code could loop on jumps
                    // alone: bound those a slice may take, so nothing freezes the VM.
                    if l < ip {
                        back_jumps += 1;
                        if back_jumps > MAX_BACK_JUMPS {
                            raise!(Exception::system_limit())
                        }
                    }
                    ip = l;
                    continue 'dispatch;
                }};
            }
            macro_rules! fail {
                ($l:expr, $exc:expr) => {{
                    let l = $l;
                    if l != NO_LABEL {
                        jump!(l);
                    }
                    break 'dispatch Fault {
                        exc: $exc,
                        ip: (ip - 1) as u32,
                        top: Top::Current,
                    };
                }};
            }
            macro_rules! raise {
                ($exc:expr) => {
                    break 'dispatch Fault {
                        exc: $exc,
                        ip: (ip - 1) as u32,
                        top: Top::Current,
                    }
                };
                ($exc:expr, $top:expr) => {
                    break 'dispatch Fault {
                        exc: $exc,
                        ip: (ip - 1) as u32,
                        top: $top,
                    }
                };
            }
            // Register access. A Y slot outside the current frame only happens in broken code:
            // it costs the process (badarg), never the VM.
            macro_rules! yget {
                ($i:expr) => {
                    match p.y_get($i) {
                        Some(t) => t,
                        None => raise!(Exception::badarg()),
                    }
                };
            }
            macro_rules! yset {
                ($i:expr, $v:expr) => {{
                    let v = $v;
                    if !p.y_put($i, v) {
                        raise!(Exception::badarg())
                    }
                }};
            }
            macro_rules! rd {
                ($s:expr) => {
                    match $s {
                        Src::X(i) => x[i as usize],
                        Src::Y(i) => yget!(i),
                        Src::Imm(t) => t,
                    }
                };
            }
            macro_rules! wr {
                ($d:expr, $v:expr) => {{
                    let v = $v;
                    match $d {
                        Dst::X(i) => x[i as usize] = v,
                        Dst::Y(i) => yset!(i, v),
                    }
                }};
            }
            // The outcome of a safe point: charge a collection, end a process over its
            // `max_heap_size`.
            macro_rules! gc_charge {
                ($c:expr) => {{
                    let c: i64 = $c;
                    if c != 0 {
                        if c == MUST_DIE {
                            raise!(Exception::error(atom::LANTERN_TRAP))
                        }
                        fcalls -= c;
                    }
                }};
            }
            // A guard BIF or gc_bif: the result into `dst` (then a safe point for a gc_bif, with
            // `dst` live too), or on failure a jump to `fail` or the exception with its trace top.
            macro_rules! guard_call {
                ($fail:expr, $bif:expr, $args:expr, $dst:expr, $live:expr, $imm_small:expr) => {{
                    let (fail, bif, dst, args) = ($fail, $bif, $dst, $args);
                    let live: Option<u16> = $live;
                    p.fcalls = fcalls;
                    let res = ops::call_guard_bif(sh, p, bif, &args);
                    fcalls = p.fcalls;
                    match res {
                        Ok(v) => {
                            wr!(dst, v);
                            if let Some(live) = live {
                                gc_charge!(ops::after_gc_bif(p, x, live, dst));
                            }
                        }
                        Err(exc) => {
                            if fail != NO_LABEL {
                                jump!(fail)
                            }
                            let top = ops::arith_top(sh, p, bif, &exc, &args, $imm_small);
                            raise!(exc, top)
                        }
                    }
                }};
            }
            // `+`/`-` of a small literal: on the tagged word, or through the native function.
            macro_rules! increment {
                ($inc:expr, $operand:expr) => {{
                    let inc: &instr::Increment = $inc;
                    let av = $operand;
                    match av.small_add(inc.by) {
                        Some(v) => x[inc.dst as usize] = v,
                        None => {
                            let args = [av, Term::small(inc.imm)];
                            guard_call!(
                                inc.fail,
                                inc.bif,
                                args,
                                Dst::X(inc.dst),
                                Some(inc.live),
                                true
                            )
                        }
                    }
                }};
            }
            // Enter code at `cp` (another module's or this one's).
            macro_rules! goto_code {
                ($cp:expr) => {{
                    let cp: CodePtr = $cp;
                    if cp.code != code.id {
                        code = sh.code.get(cp.code).clone();
                        instrs = code.instrs.clone();
                    }
                    ip = cp.ip as usize;
                    continue 'dispatch;
                }};
            }
            // A call: charge a reduction and yield when the slice is spent. A collection that
            // is due is taken here too, with the arguments live: the fast tier does not run while
            // one is due (`fast::enter`), and a loop with no safe point of its own (no heap
            // allocation) would otherwise stay in this loop.
            macro_rules! call_to {
                ($cp:expr, $arity:expr) => {{
                    let cp: CodePtr = $cp;
                    if p.heap.needs_gc(0) {
                        gc_charge!(safe_point(p, x, $arity as usize, 0));
                    }
                    fcalls -= 1;
                    if fcalls <= 0 {
                        p.ip = cp;
                        p.saved_x = x[..$arity as usize].to_vec();
                        leave!(Stop::Yield);
                    }
                    goto_code!(cp)
                }};
            }
            // A call to `target` in the current module.
            macro_rules! local_call {
                ($target:expr, $arity:expr) => {
                    call_to!(
                        CodePtr {
                            code: code.id,
                            ip: $target
                        },
                        $arity
                    )
                };
            }
            // A new frame of `stack` Y registers, all `[]`, after a safe point with `live` X
            // registers that leaves `need` words free on the heap.
            macro_rules! allocate {
                ($stack:expr, $live:expr, $need:expr) => {{
                    let (n, live, need) = ($stack as usize, $live as usize, $need as usize);
                    gc_charge!(safe_point(p, x, live, need));
                    p.stack.resize(p.stack.len() + n, Term::NIL);
                }};
            }
            macro_rules! push_cp {
                () => {
                    p.stack.push(Term(
                        CodePtr {
                            code: code.id,
                            ip: ip as u32,
                        }
                        .to_cp(),
                    ))
                };
            }
            // `test_heap` then `put_list`.
            macro_rules! test_heap_put_list {
                ($heap:expr, $live:expr, $head:expr, $tail:expr, $dst:expr) => {{
                    gc_charge!(safe_point(p, x, $live as usize, $heap as usize));
                    let (h, t) = (rd!($head), rd!($tail));
                    wr!($dst, build::cons(&mut p.heap, h, t));
                }};
            }
            // A body call at `target` whose continuation is `skip` instructions further on (the
            // rest of a super-instruction).
            macro_rules! call_skipping {
                ($skip:expr, $arity:expr, $target:expr) => {{
                    let (arity, target) = ($arity, $target);
                    ip += $skip;
                    push_cp!();
                    local_call!(target, arity)
                }};
            }
            macro_rules! do_return {
                () => {{
                    // The word must be a continuation pointer (a module with unbalanced frames
                    // would pop something else: that costs the process, never the VM).
                    match p.stack.pop() {
                        Some(w) if w.primary_tag() == 0 && w.is_value() => {
                            goto_code!(CodePtr::from_cp(w.raw()))
                        }
                        _ => raise!(Exception::badarg()),
                    }
                }};
            }
            // A compare test's failure: a jump, or the move-and-return at its label.
            macro_rules! test_fail {
                ($l:expr) => {{
                    let l: instr::Label = $l;
                    if l & instr::FAIL_RETURN != 0 {
                        let (s, d) = instr::fail_return_regs(l);
                        x[d as usize] = x[s as usize];
                        do_return!();
                    }
                    jump!(l)
                }};
            }
            macro_rules! dealloc {
                ($n:expr) => {{
                    let n = $n as usize;
                    let len = p.stack.len();
                    p.stack.truncate(len.saturating_sub(n));
                }};
            }

            // The fast tier runs what it can and leaves `ip` at an instruction it has not begun.
            if fast::enter(&instrs[ip], &p.heap) {
                fast::run(x, fr, p, &instrs, code.id, &mut ip, &mut fcalls);
            }
            let instr = &instrs[ip];
            #[cfg(feature = "pairs")]
            paircount::note(instr);
            ip += 1;
            match instr {
                Instr::DeallocReturn(n) => {
                    dealloc!(*n);
                    do_return!();
                }
                Instr::MoveXX(s, d) => x[*d as usize] = x[*s as usize],
                Instr::MoveXYXX(a, b, c, d) => {
                    yset!(*b, x[*a as usize]);
                    x[*d as usize] = x[*c as usize];
                    ip += 1;
                }
                Instr::MoveXYXY(a, b, c, d) => {
                    yset!(*b, x[*a as usize]);
                    yset!(*d, x[*c as usize]);
                    ip += 1;
                }
                Instr::MoveYXXX(a, b, c, d) => {
                    x[*b as usize] = yget!(*a);
                    x[*d as usize] = x[*c as usize];
                    ip += 1;
                }
                Instr::MoveXXXX(a, b, c, d) => {
                    x[*b as usize] = x[*a as usize];
                    x[*d as usize] = x[*c as usize];
                    ip += 1;
                }
                Instr::MoveXXYX(a, b, c, d) => {
                    x[*b as usize] = x[*a as usize];
                    x[*d as usize] = yget!(*c);
                    ip += 1;
                }
                Instr::MoveXXYY(a, b, c, d) => {
                    x[*b as usize] = x[*a as usize];
                    yset!(*d, yget!(*c));
                    ip += 1;
                }
                Instr::TrimCall {
                    n, arity, target, ..
                } => {
                    dealloc!(*n);
                    call_skipping!(1, *arity, *target)
                }
                Instr::MoveYXXY(a, b, c, d) => {
                    x[*b as usize] = yget!(*a);
                    yset!(*d, x[*c as usize]);
                    ip += 1;
                }
                Instr::MoveXYMoveXXCall {
                    a,
                    b,
                    c,
                    d,
                    arity,
                    target,
                    ..
                } => {
                    yset!(*b, x[*a as usize]);
                    x[*d as usize] = x[*c as usize];
                    call_skipping!(2, *arity, *target)
                }
                Instr::MoveXXCall {
                    s,
                    d,
                    arity,
                    target,
                    ..
                } => {
                    x[*d as usize] = x[*s as usize];
                    call_skipping!(1, *arity, *target)
                }
                Instr::MoveXYCall {
                    s,
                    d,
                    arity,
                    target,
                    ..
                } => {
                    yset!(*d, x[*s as usize]);
                    call_skipping!(1, *arity, *target)
                }
                Instr::MoveYXCallLast {
                    s,
                    d,
                    arity,
                    target,
                    dealloc,
                } => {
                    let (arity, target) = (*arity, *target);
                    x[*d as usize] = yget!(*s);
                    dealloc!(*dealloc);
                    local_call!(target, arity)
                }
                Instr::MoveXXReturn(s, d) => {
                    x[*d as usize] = x[*s as usize];
                    do_return!();
                }
                Instr::MoveXY(s, d) => yset!(*d, x[*s as usize]),
                Instr::MoveYX(s, d) => x[*d as usize] = yget!(*s),
                Instr::MoveYY(s, d) => yset!(*d, yget!(*s)),
                Instr::MoveIX(t, d) => x[*d as usize] = *t,
                Instr::MoveIY(t, d) => yset!(*d, *t),
                // -- messages ---------------------------------------------------------------------
                Instr::Send => {
                    fcalls -= 1;
                    match ops::send(sh, p, x[0], x[1]) {
                        Ok(()) => x[0] = x[1],
                        Err(exc) => {
                            // `Dest ! Msg` fails as `erlang:send/2` does, frame and all.
                            let top = match sh.send2 {
                                Some(id) => {
                                    let args = build::list(&mut p.heap, &[x[0], x[1]]);
                                    exception::Top::Bif(id, args)
                                }
                                None => exception::Top::Current,
                            };
                            raise!(exc, top)
                        }
                    }
                }
                Instr::LoopRec { fail } => match p.mailbox.loop_rec() {
                    Some(m) => x[0] = m,
                    None => jump!(*fail),
                },
                Instr::LoopRecEnd(l) => {
                    let l = *l;
                    p.mailbox.advance();
                    fcalls -= 1;
                    if fcalls <= 0 {
                        p.ip = CodePtr {
                            code: code.id,
                            ip: l,
                        };
                        leave!(Stop::Yield);
                    }
                    // Do the `loop_rec` at `l` here: one dispatch less per message scanned.
                    match (p.mailbox.loop_rec(), &instrs[l as usize]) {
                        (Some(m), Instr::LoopRec { .. }) => {
                            x[0] = m;
                            jump!(l + 1)
                        }
                        (None, Instr::LoopRec { fail }) => jump!(*fail),
                        _ => jump!(l),
                    }
                }
                Instr::Wait(l) => {
                    p.ip = CodePtr {
                        code: code.id,
                        ip: *l,
                    };
                    leave!(Stop::Wait)
                }
                Instr::WaitTimeout { label, time } => {
                    if !p.timed_out {
                        if p.receive_timer.is_none() {
                            let t = rd!(*time);
                            match t.as_small() {
                                Some(0) => continue 'dispatch,
                                Some(ms) if (0..=0xFFFF_FFFF).contains(&ms) => {
                                    let now = sh.host.monotonic_nanos();
                                    let key = sh.timers.add(
                                        now + ms as u64 * 1_000_000,
                                        crate::scheduler::timers::TimerAction::ReceiveTimeout(
                                            p.pid(),
                                        ),
                                        None,
                                    );
                                    p.receive_timer = Some(key);
                                }
                                _ if t == atom::INFINITY => {}
                                _ => raise!(Exception::error(atom::TIMEOUT_VALUE)),
                            }
                        }
                        p.ip = CodePtr {
                            code: code.id,
                            ip: *label,
                        };
                        leave!(Stop::Wait)
                    }
                }
                Instr::IsLtXIReturn { fail, a, imm } => {
                    if !ops::less(sh, x[*a as usize], Term::small(*imm)) {
                        jump!(*fail)
                    }
                    do_return!();
                }
                Instr::IsLtXI { fail, a, imm } => {
                    if !ops::less(sh, x[*a as usize], Term::small(*imm)) {
                        test_fail!(*fail)
                    }
                }
                Instr::IsGeXI { fail, a, imm } => {
                    if ops::less(sh, x[*a as usize], Term::small(*imm)) {
                        test_fail!(*fail)
                    }
                }
                Instr::IsLtIX { fail, imm, b } => {
                    if !ops::less(sh, Term::small(*imm), x[*b as usize]) {
                        test_fail!(*fail)
                    }
                }
                Instr::IsGeIX { fail, imm, b } => {
                    if ops::less(sh, Term::small(*imm), x[*b as usize]) {
                        test_fail!(*fail)
                    }
                }
                Instr::IsEqExactXI { fail, a, imm } => {
                    if x[*a as usize] != *imm {
                        test_fail!(*fail)
                    }
                }
                Instr::IsNeExactXI { fail, a, imm } => {
                    if x[*a as usize] == *imm {
                        test_fail!(*fail)
                    }
                }
                Instr::ArithXI {
                    op,
                    fail,
                    live,
                    bif,
                    a,
                    imm,
                    dst,
                } => {
                    let av = x[*a as usize];
                    if av.is_small() {
                        if let Some(v) = specialize::small_op(*op, av.small_value(), *imm) {
                            wr!(*dst, Term::small(v));
                            continue 'dispatch;
                        }
                    }
                    guard_call!(
                        *fail,
                        *bif,
                        [av, Term::small(*imm)],
                        *dst,
                        Some(*live),
                        true
                    )
                }
                Instr::IncrementX(inc) => increment!(inc, x[inc.a as usize]),
                Instr::IncrementY(inc) => increment!(inc, yget!(inc.a)),
                Instr::IncrementXReturn(inc) => {
                    increment!(inc, x[inc.a as usize]);
                    do_return!();
                }
                Instr::IsLtXX { fail, a, b } => {
                    if !ops::less(sh, x[*a as usize], x[*b as usize]) {
                        test_fail!(*fail)
                    }
                }
                Instr::IsGeXX { fail, a, b } => {
                    if ops::less(sh, x[*a as usize], x[*b as usize]) {
                        test_fail!(*fail)
                    }
                }
                Instr::Arith {
                    op,
                    fail,
                    live,
                    bif,
                    a,
                    b,
                    dst,
                } => {
                    let (av, bv) = (rd!(*a), rd!(*b));
                    // `+` and `-` on the tagged words: no operator table, no re-tagging.
                    let tagged = match op {
                        ArithOp::Add => av.small_plus(bv),
                        ArithOp::Sub => av.small_minus(bv),
                        _ => None,
                    };
                    if let Some(v) = tagged {
                        wr!(*dst, v);
                        continue 'dispatch;
                    }
                    if av.is_small() && bv.is_small() {
                        if let Some(v) =
                            specialize::small_op(*op, av.small_value(), bv.small_value())
                        {
                            wr!(*dst, Term::small(v));
                            continue 'dispatch;
                        }
                    } else if let Some(f) = specialize::float_op(*op, av, bv) {
                        let t = build::float(&mut p.heap, f);
                        wr!(*dst, t);
                        gc_charge!(ops::after_gc_bif(p, x, *live, *dst));
                        continue 'dispatch;
                    }
                    let imm_small = matches!(b, Src::Imm(t) if t.is_small());
                    guard_call!(*fail, *bif, [av, bv], *dst, Some(*live), imm_small)
                }
                Instr::Move { src, dst } => wr!(*dst, rd!(*src)),
                Instr::Jump(l) => jump!(*l),
                Instr::Return => do_return!(),
                Instr::Call { arity, target } => call_skipping!(0, *arity, *target),
                Instr::CallLast {
                    arity,
                    target,
                    dealloc,
                } => {
                    let (arity, target) = (*arity, *target);
                    dealloc!(*dealloc);
                    local_call!(target, arity)
                }
                Instr::CallOnly { arity, target, .. } => {
                    let (arity, target) = (*arity, *target);
                    local_call!(target, arity)
                }
                Instr::CallExt { arity, callee }
                | Instr::CallExtOnly { arity, callee }
                | Instr::CallExtLast { arity, callee, .. } => {
                    let (arity, callee) = (*arity, *callee);
                    let (push, dealloc) = match instr {
                        Instr::CallExt { .. } => (true, 0),
                        Instr::CallExtLast { dealloc, .. } => (false, *dealloc),
                        _ => (false, 0),
                    };
                    fcalls -= 1;
                    // Where a native function sees its caller (`process_info(self(), current_function)`).
                    p.ip = CodePtr {
                        code: code.id,
                        ip: (ip - 1) as u32,
                    };
                    // Native functions charge their work to the slice through `p.fcalls`.
                    p.fcalls = fcalls;
                    let res = match callee {
                        Callee::Bif(id) if ops::is_apply(sh, id) => ops::apply(sh, p, x, arity, id),
                        Callee::Bif(id) => ops::call_bif(sh, p, x, id, arity as usize),
                        Callee::Export(e) => ops::invoke_export(sh, p, x, e, arity),
                    };
                    fcalls = p.fcalls;
                    match res {
                        ops::CallResult::Code(cp, n) => {
                            if push {
                                push_cp!();
                            }
                            dealloc!(dealloc);
                            call_to!(cp, n)
                        }
                        ops::CallResult::Returned => {
                            if !push {
                                dealloc!(dealloc);
                                do_return!();
                            }
                        }
                        ops::CallResult::Raise(exc, top) => {
                            if let Some(code) = sh.halted {
                                leave!(Stop::Halt(code));
                            }
                            raise!(exc, top)
                        }
                        ops::CallResult::Undef(exc, top) => {
                            if push {
                                push_cp!();
                            }
                            dealloc!(dealloc);
                            raise!(exc, top)
                        }
                    }
                }
                Instr::Apply { arity } | Instr::ApplyLast { arity, .. } => {
                    let arity = *arity;
                    let (push, dealloc) = match instr {
                        Instr::ApplyLast { dealloc, .. } => (false, *dealloc),
                        _ => (true, 0),
                    };
                    fcalls -= 1;
                    p.ip = CodePtr {
                        code: code.id,
                        ip: (ip - 1) as u32,
                    };
                    p.fcalls = fcalls;
                    let res = ops::apply_instr(sh, p, x, arity);
                    fcalls = p.fcalls;
                    match res {
                        ops::CallResult::Code(cp, n) => {
                            if push {
                                push_cp!();
                            }
                            dealloc!(dealloc);
                            call_to!(cp, n)
                        }
                        ops::CallResult::Returned => {
                            if !push {
                                dealloc!(dealloc);
                                do_return!();
                            }
                        }
                        ops::CallResult::Raise(exc, top) => raise!(exc, top),
                        ops::CallResult::Undef(exc, top) => {
                            if push {
                                push_cp!();
                            }
                            dealloc!(dealloc);
                            raise!(exc, top)
                        }
                    }
                }
                Instr::CallFun { .. } | Instr::CallFun2 { .. } => {
                    let (arity, fun) = match instr {
                        Instr::CallFun { arity } => (*arity, x[*arity as usize]),
                        Instr::CallFun2 { arity, fun, .. } => (*arity, rd!(*fun)),
                        _ => unreachable!(),
                    };
                    fcalls -= 1;
                    p.ip = CodePtr {
                        code: code.id,
                        ip: (ip - 1) as u32,
                    };
                    p.fcalls = fcalls;
                    let res = ops::call_fun(sh, p, x, fun, arity);
                    fcalls = p.fcalls;
                    match res {
                        ops::CallResult::Code(cp, n) => {
                            push_cp!();
                            call_to!(cp, n)
                        }
                        ops::CallResult::Returned => {}
                        ops::CallResult::Raise(exc, top) => raise!(exc, top),
                        ops::CallResult::Undef(exc, top) => {
                            push_cp!();
                            raise!(exc, top)
                        }
                    }
                }
                Instr::FuncInfo { arity, .. } => {
                    let args = build::list(&mut p.heap, &x[..*arity as usize]);
                    raise!(
                        Exception::error(atom::FUNCTION_CLAUSE),
                        Top::CurrentArgs(args)
                    )
                }
                Instr::NormalExit => leave!(Stop::Normal(x[0])),
                Instr::Unreachable => panic!("unreachable instruction"),

                // -- guard BIFs ------------------------------------------------------------------
                Instr::Bif0 { bif, dst } => {
                    let entry = sh.bif(*bif).f;
                    let dst = *dst;
                    let mut ctx = crate::bif::Ctx { proc: p, vm: sh };
                    match entry(&mut ctx, &[]) {
                        Ok(v) => wr!(dst, v),
                        Err(exc) => raise!(exc),
                    }
                }
                Instr::Bif1 { fail, bif, a, dst } => {
                    guard_call!(*fail, *bif, [rd!(*a)], *dst, None, false)
                }
                Instr::Bif2 {
                    fail,
                    bif,
                    a,
                    b,
                    dst,
                } => {
                    guard_call!(*fail, *bif, [rd!(*a), rd!(*b)], *dst, None, false)
                }
                Instr::GcBif1 {
                    fail,
                    live,
                    bif,
                    a,
                    dst,
                } => {
                    guard_call!(*fail, *bif, [rd!(*a)], *dst, Some(*live), false)
                }
                Instr::GcBif2 {
                    fail,
                    live,
                    bif,
                    a,
                    b,
                    dst,
                } => {
                    let imm_small = matches!(b, Src::Imm(t) if t.is_small());
                    guard_call!(
                        *fail,
                        *bif,
                        [rd!(*a), rd!(*b)],
                        *dst,
                        Some(*live),
                        imm_small
                    )
                }
                Instr::GcBif3 {
                    fail,
                    live,
                    bif,
                    a,
                    b,
                    c,
                    dst,
                } => {
                    guard_call!(
                        *fail,
                        *bif,
                        [rd!(*a), rd!(*b), rd!(*c)],
                        *dst,
                        Some(*live),
                        false
                    )
                }
                Instr::AllocateMoveXY { stack, live, s, d } => {
                    allocate!(*stack, *live, 0);
                    yset!(*d, x[*s as usize]);
                    ip += 1;
                }
                Instr::AllocateInit { stack, live } => {
                    allocate!(*stack, *live, 0);
                    ip += 1;
                }
                Instr::Allocate { stack, live } => {
                    allocate!(*stack, *live, 0);
                }
                Instr::AllocateHeap { stack, heap, live } => allocate!(*stack, *live, *heap),
                Instr::TestHeap { heap, live } => {
                    let (need, live) = (*heap as usize, *live as usize);
                    gc_charge!(safe_point(p, x, live, need));
                }
                Instr::Deallocate(n) => dealloc!(*n),
                Instr::Trim { n, .. } => dealloc!(*n),
                Instr::InitYRegs(ys) => {
                    for y in ys.iter() {
                        yset!(*y, Term::NIL);
                    }
                }

                // -- data ------------------------------------------------------------------------
                Instr::Swap(a, b) => {
                    let (a, b) = (*a, *b);
                    let va = rd!(a.as_src());
                    let vb = rd!(b.as_src());
                    wr!(a, vb);
                    wr!(b, va);
                }
                Instr::GetList { src, head, tail } => {
                    // Code from erlc only does this on a cons; anything else is a broken module,
                    // which costs the process (badarg), never the VM.
                    let Some((h, t)) = rd!(*src).cons() else {
                        raise!(Exception::badarg())
                    };
                    wr!(*head, h);
                    wr!(*tail, t);
                }
                Instr::GetHd { src, dst } => match rd!(*src).cons() {
                    Some((h, _)) => wr!(*dst, h),
                    None => raise!(Exception::badarg()),
                },
                Instr::GetTl { src, dst } => match rd!(*src).cons() {
                    Some((_, t)) => wr!(*dst, t),
                    None => raise!(Exception::badarg()),
                },
                Instr::GetTupleElement { src, index, dst } => {
                    let t = rd!(*src);
                    let Some(&v) = t.tuple().and_then(|e| e.get(*index as usize)) else {
                        raise!(Exception::badarg())
                    };
                    wr!(*dst, v);
                }
                Instr::SetTupleElement {
                    value,
                    tuple,
                    index,
                } => {
                    let v = rd!(*value);
                    let t = rd!(*tuple);
                    match t.tuple_mut().and_then(|e| e.get_mut(*index as usize)) {
                        Some(slot) => *slot = v,
                        None => raise!(Exception::badarg()),
                    }
                }
                Instr::TestHeapPutList {
                    heap,
                    live,
                    head,
                    tail,
                    dst,
                } => {
                    test_heap_put_list!(*heap, *live, *head, *tail, *dst);
                    ip += 1;
                }
                Instr::TestHeapPutListDeallocReturn {
                    heap,
                    live,
                    dealloc,
                    head,
                    tail,
                    dst,
                } => {
                    test_heap_put_list!(*heap, *live, *head, *tail, *dst);
                    dealloc!(*dealloc);
                    do_return!();
                }
                Instr::IsNonemptyListAllocate {
                    fail,
                    src,
                    stack,
                    live,
                } => {
                    if !x[*src as usize].is_list() {
                        jump!(*fail)
                    }
                    allocate!(*stack, *live, 0);
                    ip += 1;
                }
                Instr::PutList { head, tail, dst } => {
                    let (h, t) = (rd!(*head), rd!(*tail));
                    wr!(*dst, build::cons(&mut p.heap, h, t));
                }
                Instr::PutTuple2 { dst, elems } => {
                    let mut tmp: [Term; 16] = [Term::NIL; 16];
                    let v = if elems.len() <= 16 {
                        for (i, e) in elems.iter().enumerate() {
                            tmp[i] = rd!(*e);
                        }
                        build::tuple(&mut p.heap, &tmp[..elems.len()])
                    } else {
                        let mut vals: Vec<Term> = Vec::with_capacity(elems.len());
                        for e in elems.iter() {
                            vals.push(rd!(*e));
                        }
                        build::tuple(&mut p.heap, &vals)
                    };
                    wr!(*dst, v);
                }
                // -- tests -----------------------------------------------------------------------
                Instr::IsLt { fail, a, b } => {
                    if ops::compare(sh, rd!(*a), rd!(*b)) != core::cmp::Ordering::Less {
                        jump!(*fail)
                    }
                }
                Instr::IsGe { fail, a, b } => {
                    if ops::compare(sh, rd!(*a), rd!(*b)) == core::cmp::Ordering::Less {
                        jump!(*fail)
                    }
                }
                Instr::IsEqExact { fail, a, b } => {
                    if !crate::term::order::exact_eq(rd!(*a), rd!(*b)) {
                        jump!(*fail)
                    }
                }
                Instr::IsNeExact { fail, a, b } => {
                    if crate::term::order::exact_eq(rd!(*a), rd!(*b)) {
                        jump!(*fail)
                    }
                }
                Instr::IsInteger { fail, src } => {
                    if !rd!(*src).is_integer() {
                        jump!(*fail)
                    }
                }
                Instr::IsAtom { fail, src } => {
                    if !rd!(*src).is_atom() {
                        jump!(*fail)
                    }
                }
                Instr::IsNil { fail, src } => {
                    if !rd!(*src).is_nil() {
                        jump!(*fail)
                    }
                }
                Instr::IsBinary { fail, src } => {
                    if !rd!(*src).is_binary() {
                        jump!(*fail)
                    }
                }
                Instr::IsList { fail, src } => {
                    if !rd!(*src).is_list_or_nil() {
                        jump!(*fail)
                    }
                }
                Instr::IsNonemptyList { fail, src } => {
                    if !rd!(*src).is_list() {
                        jump!(*fail)
                    }
                }
                Instr::IsTuple { fail, src } => {
                    if !rd!(*src).is_tuple() {
                        jump!(*fail)
                    }
                }
                Instr::TestArity { fail, src, arity } => {
                    if rd!(*src).tuple().map(|t| t.len()) != Some(*arity as usize) {
                        jump!(*fail)
                    }
                }
                Instr::IsTaggedTuple {
                    fail,
                    src,
                    arity,
                    tag,
                } => {
                    let t = rd!(*src);
                    match t.tuple() {
                        Some(e) if e.len() == *arity as usize && e.first() == Some(tag) => {}
                        _ => jump!(*fail),
                    }
                }
                Instr::SelectVal { src, fail, table } => {
                    let v = rd!(*src);
                    let mut target = *fail;
                    if v.is_immediate() {
                        for (k, l) in table.iter() {
                            if *k == v {
                                target = *l;
                                break;
                            }
                        }
                    } else {
                        for (k, l) in table.iter() {
                            if crate::term::order::exact_eq(*k, v) {
                                target = *l;
                                break;
                            }
                        }
                    }
                    jump!(target)
                }
                Instr::SelectTupleArity { src, fail, table } => {
                    let n = rd!(*src)
                        .tuple()
                        .map(|t| t.len() as u32)
                        .unwrap_or(u32::MAX);
                    let mut target = *fail;
                    for (a, l) in table.iter() {
                        if *a == n {
                            target = *l;
                            break;
                        }
                    }
                    jump!(target)
                }

                // -- floats ----------------------------------------------------------------------
                Instr::FMoveXF(s, d) => fr[*d as usize] = x[*s as usize].as_float().unwrap_or(0.0),
                Instr::FMoveFX(s, d) => {
                    let f = fr[*s as usize];
                    x[*d as usize] = build::float(&mut p.heap, f);
                }
                Instr::FMove { src, dst } => {
                    let v = match *src {
                        instr::FSrc::F(i) => FVal::F(fr[i as usize]),
                        instr::FSrc::T(s) => FVal::T(rd!(s)),
                    };
                    match (*dst, v) {
                        (instr::FDst::F(i), FVal::F(f)) => fr[i as usize] = f,
                        (instr::FDst::F(i), FVal::T(t)) => {
                            fr[i as usize] = t.as_float().unwrap_or(0.0)
                        }
                        (instr::FDst::T(d), FVal::F(f)) => wr!(d, build::float(&mut p.heap, f)),
                        (instr::FDst::T(d), FVal::T(t)) => wr!(d, t),
                    }
                }
                Instr::FConv { src, dst } => {
                    let t = rd!(*src);
                    match ops::to_f64(t) {
                        Some(f) => fr[*dst as usize] = f,
                        None => raise!(Exception::badarith()),
                    }
                }
                Instr::FAdd { a, b, dst } => {
                    let v = fr[*a as usize] + fr[*b as usize];
                    if !v.is_finite() {
                        raise!(Exception::badarith())
                    }
                    fr[*dst as usize] = v;
                }
                Instr::FSub { a, b, dst } => {
                    let v = fr[*a as usize] - fr[*b as usize];
                    if !v.is_finite() {
                        raise!(Exception::badarith())
                    }
                    fr[*dst as usize] = v;
                }
                Instr::FMul { a, b, dst } => {
                    let v = fr[*a as usize] * fr[*b as usize];
                    if !v.is_finite() {
                        raise!(Exception::badarith())
                    }
                    fr[*dst as usize] = v;
                }
                Instr::FDiv { a, b, dst } => {
                    let v = fr[*a as usize] / fr[*b as usize];
                    if !v.is_finite() {
                        raise!(Exception::badarith())
                    }
                    fr[*dst as usize] = v;
                }
                Instr::FNegate { a, dst } => fr[*dst as usize] = -fr[*a as usize],

                // -- the rest: in `ops` (bits) and `cold` ---------------------------------------
                _ => {
                    let res = {
                        let mut io = ops::RegIo {
                            x,
                            p,
                            code: &code,
                            sh,
                            bad_y: core::cell::Cell::new(false),
                            gc_reds: 0,
                        };
                        let r = ops::exec_other(&mut io, instr);
                        fcalls -= io.gc_reds;
                        if io.p.trap != Trap::None {
                            ops::Next::Raise(Exception::error(atom::LANTERN_TRAP))
                        } else if io.bad_y.get() {
                            ops::Next::Raise(Exception::badarg())
                        } else {
                            r
                        }
                    };
                    match res {
                        ops::Next::Continue => {}
                        ops::Next::Jump(l) => jump!(l),
                        ops::Next::Raise(exc) => raise!(exc),
                        ops::Next::Fail(l, exc) => fail!(l, exc),
                    }
                }
            }
        };

        // An exception: build its trace, then unwind to a handler or end the process.
        if let Some(code) = sh.halted {
            leave!(Stop::Halt(code));
        }
        // A native function's request to the loop (see `process::Trap`).
        if fault.exc.reason == atom::LANTERN_TRAP && p.trap != Trap::None {
            match core::mem::replace(&mut p.trap, Trap::None) {
                Trap::Exit(reason) => leave!(Stop::Died {
                    class: Class::Exit,
                    reason,
                    trace: Term::NIL,
                }),
                Trap::Yield(v) => {
                    x[0] = v;
                    match ops::continuation_after_call(p, &code, fault.ip) {
                        Some(cp) => {
                            p.ip = cp;
                            p.saved_x = vec![v];
                            fcalls = 0;
                            leave!(Stop::Yield)
                        }
                        None => leave!(Stop::Died {
                            class: Class::Error,
                            reason: atom::BADARG,
                            trace: Term::NIL,
                        }),
                    }
                }
                Trap::Hibernate => {
                    p.hibernating = true;
                    p.begin_apply();
                    let mut saved = core::mem::take(&mut p.saved_x);
                    gc(p, &mut saved, 3, 0);
                    p.saved_x = saved;
                    leave!(Stop::Wait)
                }
                Trap::None => {}
            }
        }
        let trace = exception::build_trace(sh, p, &code, &fault);
        let class = fault.exc.class;
        let reason = fault.exc.reason;
        match exception::unwind(p, x, class, reason, trace) {
            Unwound::Handler(cp) => {
                if cp.code != code.id {
                    code = sh.code.get(cp.code).clone();
                    instrs = code.instrs.clone();
                }
                ip = cp.ip as usize;
                continue 'outer;
            }
            Unwound::Exit {
                class,
                reason,
                trace,
            } => leave!(Stop::Died {
                class,
                reason,
                trace,
            }),
        }
    }
}

enum FVal {
    F(f64),
    T(Term),
}
