//! Timers (`send_after`, `start_timer`, `cancel_timer`, `read_timer`) and the natives that
//! give up the processor (`yield`, `hibernate`).

use super::super::{BifResult, Ctx, Exception};
use super::trap;
use crate::atom;
use crate::heap::{build, copy, Arena};
use crate::process::{RefId, Trap};
use crate::scheduler::timers::{ms_left, TimerAction};
use crate::term::Term;

crate::bifs! { "erlang";
    "send_after", 3 => send_after_3;
    "send_after", 4 => send_after_4;
    "start_timer", 3 => start_timer_3;
    "start_timer", 4 => start_timer_4;
    "cancel_timer", 1 => cancel_timer_1;
    "cancel_timer", 2 => cancel_timer_2;
    "read_timer", 1 => read_timer_1;
    "read_timer", 2 => read_timer_2;
    "yield", 0 => yield_0;
    "hibernate", 3 => hibernate;
}

/// Longest timeout a timer accepts, in milliseconds (as ERTS).
const MAX_TIMEOUT_MS: i64 = (1 << 32) - 1;

/// `{abs, Bool}` of a timer's options.
fn abs_option(t: Term) -> Result<bool, Exception> {
    let opts = t.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut abs = false;
    for o in opts {
        match o.tuple() {
            Some(&[atom::ABS, b]) if b == atom::TRUE || b == atom::FALSE => abs = b == atom::TRUE,
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(abs)
}

/// Adds a timer that sends `msg` (wrapped as `{timeout, Ref, Msg}` when `wrap`) to `dest`.
fn start(ctx: &mut Ctx, time: Term, dest: Term, msg: Term, abs: bool, wrap: bool) -> BifResult {
    if !(dest.is_local_pid() || dest.is_atom()) {
        return Err(Exception::badarg());
    }
    let now = ctx.vm.host.monotonic_nanos();
    let deadline = if abs {
        // Absolute times are `erlang:monotonic_time(millisecond)` values.
        let t = time.as_small().ok_or_else(Exception::badarg)? as i128;
        let host_ns = t * 1_000_000 + crate::bif::system::MONOTONIC_SHIFT_NANOS;
        if host_ns - now as i128 > MAX_TIMEOUT_MS as i128 * 1_000_000 {
            return Err(Exception::badarg());
        }
        host_ns.max(now as i128) as u64
    } else {
        let t = time
            .as_small()
            .filter(|t| (0..=MAX_TIMEOUT_MS).contains(t))
            .ok_or_else(Exception::badarg)?;
        now + t as u64 * 1_000_000
    };
    let r: RefId = ctx.vm.make_ref_numbers();
    let (m, frag) = if wrap {
        let mut a = Arena::with_capacity(copy::size_of(msg) + 8);
        let rf = build::local_ref(&mut a, r);
        let inner = copy::copy_term(msg, &mut a);
        let m = build::tuple(&mut a, &[atom::TIMEOUT, rf, inner]);
        (m, Some(a))
    } else {
        crate::process::mailbox::Message::copy_of(msg)
    };
    let key = ctx.vm.timers.add(
        deadline,
        TimerAction::Send {
            dest,
            msg: m,
            frag,
            key: (0, 0),
        },
        Some(r),
    );
    // A timer to a pid ends with that process (if it is already dead, it never fires).
    if dest.is_local_pid() {
        if dest == ctx.proc.pid() {
            ctx.proc.timers.push(key);
        } else if let Some(p) = ctx.vm.procs.get_mut(dest) {
            p.timers.push(key);
        } else {
            ctx.vm.timers.cancel(key);
        }
    }
    Ok(build::local_ref(&mut ctx.proc.heap, r))
}

fn send_after_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start(ctx, a[0], a[1], a[2], false, false)
}
fn send_after_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let abs = abs_option(a[3])?;
    start(ctx, a[0], a[1], a[2], abs, false)
}
fn start_timer_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start(ctx, a[0], a[1], a[2], false, true)
}
fn start_timer_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let abs = abs_option(a[3])?;
    start(ctx, a[0], a[1], a[2], abs, true)
}

/// Milliseconds left on the timer `r` (cancelling it when `cancel`), or `false`.
fn time_left(ctx: &mut Ctx, r: RefId, cancel: bool) -> Term {
    let now = ctx.vm.host.monotonic_nanos();
    match ctx.vm.timers.deadline_of(r) {
        Some(key) => {
            if cancel {
                if let Some(TimerAction::Send { dest, .. }) = ctx.vm.timers.remove(key) {
                    // The addressee no longer needs to end this timer.
                    if dest == ctx.proc.pid() {
                        ctx.proc.timers.retain(|&k| k != key);
                    } else if let Some(p) = ctx.vm.procs.get_mut(dest) {
                        p.timers.retain(|&k| k != key);
                    }
                }
            }
            Term::small(ms_left(key.0, now) as i64)
        }
        None => atom::FALSE,
    }
}

/// `{async, B}` and `{info, B}` of `cancel_timer/2` and `read_timer/2`.
fn async_info(t: Term) -> Result<(bool, bool), Exception> {
    let opts = t.list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut is_async, mut info) = (false, true);
    for o in opts {
        match o.tuple() {
            Some(&[atom::ASYNC, b]) if b == atom::TRUE || b == atom::FALSE => {
                is_async = b == atom::TRUE
            }
            Some(&[atom::INFO, b]) if b == atom::TRUE || b == atom::FALSE => info = b == atom::TRUE,
            _ => return Err(Exception::badarg()),
        }
    }
    Ok((is_async, info))
}

fn timer_op(ctx: &mut Ctx, tref: Term, opts: Term, cancel: bool) -> BifResult {
    let r = tref.ref_numbers().ok_or_else(Exception::badarg)?;
    let (is_async, info) = async_info(opts)?;
    let v = time_left(ctx, r, cancel);
    if !is_async {
        return Ok(if info { v } else { atom::OK });
    }
    if info {
        let tag = if cancel {
            atom::CANCEL_TIMER
        } else {
            atom::READ_TIMER
        };
        let me = ctx.proc.pid();
        let msg = build::tuple(&mut ctx.proc.heap, &[tag, tref, v]);
        crate::process::signals::send_to_pid(ctx.vm, &mut Some(&mut *ctx.proc), me, msg);
    }
    Ok(atom::OK)
}

fn cancel_timer_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    timer_op(ctx, a[0], Term::NIL, true)
}
fn cancel_timer_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    timer_op(ctx, a[0], a[1], true)
}
fn read_timer_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    timer_op(ctx, a[0], Term::NIL, false)
}
fn read_timer_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    timer_op(ctx, a[0], a[1], false)
}

fn yield_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    Err(trap(ctx.proc, Trap::Yield(atom::TRUE)))
}

/// `erlang:hibernate(M, F, A)`: the stack is dropped and the process waits for a message, then
/// continues in `apply(M, F, A)`; it never returns.
fn hibernate(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_atom() || !a[1].is_atom() || a[2].list_to_vec().is_none() {
        return Err(Exception::badarg());
    }
    ctx.proc.saved_x = alloc::vec![a[0], a[1], a[2]];
    Err(trap(ctx.proc, Trap::Hibernate))
}
