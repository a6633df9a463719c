//! The fast tier: a small loop that runs the commonest instructions of calls, returns, moves
//! and small-integer code while their simplest case holds, and hands everything else to the
//! full loop in `execute`.
//!
//! Why a second loop: in the full loop, with every instruction's code around it, the compiler
//! keeps the loop's own state (the register file, the process, the instruction index, the
//! reduction count) in memory and reloads it in every instruction. This loop is small enough
//! for that state to stay in machine registers.
//!
//! The rule that keeps the two loops one semantics: a fast path either does all of an
//! instruction or none of it. Anything else (a Y register outside the frame, an operand that
//! is not a small, a heap that needs collecting, a spent slice, a return into another module,
//! a jump back) stops this loop *before* the instruction, and the full loop runs it.

use core::cmp::Ordering;

use super::instr::{self, Dst, Instr, Src};
use super::regs::MAX_X;

mod entry;
mod floats;
mod segments;
#[cfg(test)]
mod tests;
use super::{bits, specialize};
use crate::code::CodePtr;
use crate::heap::build;
use crate::process::Process;
use crate::term::{Subtag, Term};
pub use entry::enter;
use entry::{frame_room, room, slow_instrs};

/// A register resolved before anything is written, so an instruction that writes two can
/// stop before the first when the second is outside the frame.
#[derive(Clone, Copy)]
enum Place {
    X(usize),
    Stack(usize),
}

/// The order of two smalls or two floats (other operands, mixed ones included, are left to
/// the full loop's term order).
#[inline(always)]
fn numbers(a: Term, b: Term) -> Option<Ordering> {
    if a.is_small() && b.is_small() {
        // Tagged smalls order as their values.
        return Some((a.raw() as i64).cmp(&(b.raw() as i64)));
    }
    let (x, y) = (a.as_float()?, b.as_float()?);
    x.partial_cmp(&y)
}

/// The value of `s`; `None` for a Y register outside the stack (`y(i)` is `stack[len - 1 - i]`).
#[inline(always)]
fn read(x: &[Term; MAX_X], stack: &[Term], s: Src) -> Option<Term> {
    Some(match s {
        Src::X(r) => x[r as usize],
        Src::Y(r) => *stack.get(stack.len().wrapping_sub(r as usize + 1))?,
        Src::Imm(t) => t,
    })
}

/// Runs from `*ip` while fast paths apply (see the module doc); returns with `*ip` at the first
/// instruction left to the full loop, and `*fcalls` charged for the calls made.
#[inline(never)]
pub fn run(
    x: &mut [Term; MAX_X],
    fr: &mut [f64],
    p: &mut Process,
    instrs: &[Instr],
    code_id: u32,
    ip: &mut usize,
    fcalls: &mut i64,
) {
    let mut i = *ip;
    let mut reds = *fcalls;
    let stack = &mut p.stack;
    // `y(n)`'s index in the stack, if it is there.
    macro_rules! y_at {
        ($n:expr) => {{
            let k = stack.len().wrapping_sub($n as usize + 1);
            if k >= stack.len() {
                break;
            }
            k
        }};
    }
    // Where a return goes, if it stays in this module: checked before anything changes.
    macro_rules! cp_below {
        ($n:expr) => {{
            let k = stack.len().wrapping_sub($n as usize + 1);
            // One compare: a continuation (primary tag 00) into this module is the word with
            // its instruction index cleared.
            let here = CodePtr {
                code: code_id,
                ip: 0,
            }
            .to_cp();
            match stack.get(k) {
                // (Code ids start at 1: the non-value word, 0, never passes.)
                Some(w) if w.raw() & !CodePtr::IP_BITS == here => {
                    CodePtr::from_cp(w.raw()).ip as usize
                }
                _ => break,
            }
        }};
    }
    // Pops `n` Y registers and the continuation found by `cp_below!(n)`, and goes there.
    macro_rules! ret {
        ($n:expr, $to:expr) => {{
            let to = $to;
            stack.truncate(stack.len() - $n as usize - 1);
            i = to;
            continue;
        }};
    }
    // A call's reduction; the last one of the slice is left to the full loop, which yields.
    macro_rules! spend {
        () => {{
            if reds <= 1 {
                break;
            }
            reds -= 1;
        }};
    }
    // Pushes the continuation `skip` instructions past the next one and enters `target` (the
    // reduction already spent).
    macro_rules! enter {
        ($skip:expr, $target:expr) => {{
            let back = CodePtr {
                code: code_id,
                ip: (i + 1 + $skip) as u32,
            };
            stack.push(Term(back.to_cp()));
            i = $target as usize;
            continue;
        }};
    }
    // A call: `enter!`, unless the callee's base-case compare, decided here with the arguments
    // in place, returns at once (its return done here, nothing pushed or dispatched) or lets
    // the callee go on past it.
    macro_rules! call {
        ($skip:expr, $target:expr, $guard:expr) => {{
            let g: &instr::Guard = $guard;
            match g.decide(x) {
                Some(true) => {
                    x[g.ret_d as usize] = x[g.ret_s as usize];
                    i += 1 + $skip;
                    continue;
                }
                Some(false) => enter!($skip, g.cont),
                None => enter!($skip, $target),
            }
        }};
    }
    // Drops `dealloc` Y registers and enters `target` (the reduction already spent).
    macro_rules! tail_enter {
        ($dealloc:expr, $target:expr) => {{
            let n = $dealloc as usize;
            stack.truncate(stack.len().saturating_sub(n));
            i = $target as usize;
            continue;
        }};
    }
    // A float result into a float register; `badarith` (the full loop) when not finite.
    macro_rules! float {
        ($d:expr, $v:expr) => {{
            let v: f64 = $v;
            if !v.is_finite() {
                break;
            }
            fr[$d as usize] = v;
        }};
    }
    // Both small: their tagged words, which order as their values.
    macro_rules! smalls {
        ($a:expr, $b:expr) => {{
            let (a, b): (Term, Term) = ($a, $b);
            if !(a.is_small() && b.is_small()) {
                break;
            }
            (a.raw() as i64, b.raw() as i64)
        }};
    }
    macro_rules! rd {
        ($s:expr) => {
            match read(x, stack, $s) {
                Some(v) => v,
                None => break,
            }
        };
    }
    macro_rules! place {
        ($d:expr) => {
            match $d {
                Dst::X(r) => Place::X(r as usize),
                Dst::Y(r) => Place::Stack(y_at!(r)),
            }
        };
    }
    macro_rules! put {
        ($at:expr, $v:expr) => {{
            let v = $v;
            match $at {
                Place::X(r) => x[r] = v,
                Place::Stack(k) => stack[k] = v,
            }
        }};
    }
    macro_rules! jump {
        ($l:expr) => {{
            let l = $l as usize;
            if l <= i {
                break;
            }
            i = l;
            continue;
        }};
    }
    macro_rules! test {
        ($ok:expr, $fail:expr) => {{
            if !$ok {
                let l: instr::Label = $fail;
                if l & instr::FAIL_RETURN != 0 {
                    let to = cp_below!(0);
                    let (s, d) = instr::fail_return_regs(l);
                    x[d as usize] = x[s as usize];
                    ret!(0, to)
                }
                jump!(l)
            }
        }};
    }
    while let Some(instr) = instrs.get(i) {
        #[cfg(feature = "pairs")]
        super::paircount::note(instr);
        match instr {
            Instr::MoveXX(s, d) => x[*d as usize] = x[*s as usize],
            Instr::MoveXY(s, d) => {
                let k = y_at!(*d);
                stack[k] = x[*s as usize];
            }
            Instr::MoveYX(s, d) => {
                let k = y_at!(*s);
                x[*d as usize] = stack[k];
            }
            Instr::MoveIX(t, d) => x[*d as usize] = *t,
            Instr::MoveXYXX(a, b, c, d) => {
                let k = y_at!(*b);
                stack[k] = x[*a as usize];
                x[*d as usize] = x[*c as usize];
                i += 1;
            }
            Instr::MoveXYXY(a, b, c, d) => {
                let (k, m) = (y_at!(*b), y_at!(*d));
                // Both stores through one slice: the second needs no reload of the stack.
                let frame = stack.as_mut_slice();
                frame[k] = x[*a as usize];
                frame[m] = x[*c as usize];
                i += 1;
            }
            Instr::MoveYXXX(a, b, c, d) => {
                let k = y_at!(*a);
                x[*b as usize] = stack[k];
                x[*d as usize] = x[*c as usize];
                i += 1;
            }
            Instr::MoveXXXX(a, b, c, d) => {
                x[*b as usize] = x[*a as usize];
                x[*d as usize] = x[*c as usize];
                i += 1;
            }
            Instr::MoveXXYY(a, b, c, d) => {
                let (k, m) = (y_at!(*c), y_at!(*d));
                x[*b as usize] = x[*a as usize];
                stack[m] = stack[k];
                i += 1;
            }
            Instr::TrimCall {
                n, target, guard, ..
            } => {
                spend!();
                let len = stack.len();
                stack.truncate(len.saturating_sub(*n as usize));
                call!(1, *target, guard)
            }
            Instr::MoveYXXY(a, b, c, d) => {
                let (k, m) = (y_at!(*a), y_at!(*d));
                x[*b as usize] = stack[k];
                stack[m] = x[*c as usize];
                i += 1;
            }
            Instr::Call { target, .. } => {
                spend!();
                enter!(0, *target)
            }
            Instr::MoveXXCall {
                s,
                d,
                target,
                guard,
                ..
            } => {
                spend!();
                x[*d as usize] = x[*s as usize];
                call!(1, *target, guard)
            }
            Instr::MoveXYCall {
                s,
                d,
                target,
                guard,
                ..
            } => {
                let k = y_at!(*d);
                spend!();
                stack[k] = x[*s as usize];
                call!(1, *target, guard)
            }
            Instr::MoveXYMoveXXCall {
                a,
                b,
                c,
                d,
                target,
                guard,
                ..
            } => {
                let k = y_at!(*b);
                spend!();
                stack[k] = x[*a as usize];
                x[*d as usize] = x[*c as usize];
                call!(2, *target, guard)
            }
            Instr::CallOnly {
                target, rematch, ..
            } => {
                spend!();
                // A binary-matching loop calling itself with its match context: the callee's
                // `bs_start_match` would leave it as it is, so enter past it.
                // (Not in a gc-stress build: the skipped instruction is a safe point.)
                let resume = *rematch != instr::NO_REMATCH
                    && !cfg!(feature = "gc-stress")
                    && x[*rematch as usize].subtag() == Some(Subtag::MatchState);
                tail_enter!(0, *target + resume as u32)
            }
            Instr::CallLast {
                target, dealloc, ..
            } => {
                spend!();
                tail_enter!(*dealloc, *target)
            }
            Instr::MoveYXCallLast {
                s,
                d,
                target,
                dealloc,
                ..
            } => {
                let k = y_at!(*s);
                spend!();
                x[*d as usize] = stack[k];
                tail_enter!(*dealloc, *target)
            }
            Instr::Return => {
                let to = cp_below!(0);
                ret!(0, to)
            }
            Instr::DeallocReturn(n) => {
                let to = cp_below!(*n);
                ret!(*n, to)
            }
            Instr::MoveXXReturn(s, d) => {
                let to = cp_below!(0);
                x[*d as usize] = x[*s as usize];
                ret!(0, to)
            }
            Instr::IsLtXIReturn { fail, a, imm } => {
                let (a, b) = smalls!(x[*a as usize], Term::small(*imm));
                if a < b {
                    let to = cp_below!(0);
                    ret!(0, to)
                }
                test!(false, *fail)
            }
            Instr::IncrementX(inc) => match x[inc.a as usize].small_add(inc.by) {
                Some(v) => x[inc.dst as usize] = v,
                None => break,
            },
            Instr::IncrementY(inc) => {
                let k = y_at!(inc.a);
                match stack[k].small_add(inc.by) {
                    Some(v) => x[inc.dst as usize] = v,
                    None => break,
                }
            }
            Instr::IncrementXReturn(inc) => {
                let to = cp_below!(0);
                match x[inc.a as usize].small_add(inc.by) {
                    Some(v) => x[inc.dst as usize] = v,
                    None => break,
                }
                ret!(0, to)
            }
            Instr::IsLtXX { fail, a, b } => {
                let (a, b) = smalls!(x[*a as usize], x[*b as usize]);
                test!(a < b, *fail)
            }
            Instr::IsGeXX { fail, a, b } => {
                let (a, b) = smalls!(x[*a as usize], x[*b as usize]);
                test!(a >= b, *fail)
            }
            Instr::IsLtXI { fail, a, imm } => {
                let (a, b) = smalls!(x[*a as usize], Term::small(*imm));
                test!(a < b, *fail)
            }
            Instr::IsGeXI { fail, a, imm } => {
                let (a, b) = smalls!(x[*a as usize], Term::small(*imm));
                test!(a >= b, *fail)
            }
            Instr::IsEqExactXI { fail, a, imm } => test!(x[*a as usize] == *imm, *fail),
            Instr::Arith {
                op,
                a,
                b,
                dst: instr::Dst::X(d),
                ..
            } => {
                let (av, bv) = (rd!(*a), rd!(*b));
                let v = match op {
                    instr::ArithOp::Add => av.small_plus(bv),
                    instr::ArithOp::Sub => av.small_minus(bv),
                    _ => None,
                };
                match v {
                    Some(v) => x[*d as usize] = v,
                    // A float result: its two words must not bring the safe point after it.
                    None if !(av.is_small() && bv.is_small()) && room(&p.heap, 2) => {
                        match specialize::float_op(*op, av, bv) {
                            Some(f) => x[*d as usize] = build::float(&mut p.heap, f),
                            None => break,
                        }
                    }
                    None => break,
                }
            }
            Instr::Allocate { stack: n, .. } => {
                if !frame_room() {
                    break;
                }
                stack.resize(stack.len() + *n as usize, Term::NIL);
            }
            Instr::AllocateInit { stack: n, .. } => {
                if !frame_room() {
                    break;
                }
                stack.resize(stack.len() + *n as usize, Term::NIL);
                i += 1;
            }
            Instr::AllocateMoveXY { stack: n, s, d, .. } => {
                if !frame_room() || *d >= *n {
                    break;
                }
                stack.resize(stack.len() + *n as usize, Term::NIL);
                let k = stack.len() - 1 - *d as usize;
                stack[k] = x[*s as usize];
                i += 1;
            }
            Instr::Deallocate(n) | Instr::Trim { n, .. } => {
                stack.truncate(stack.len().saturating_sub(*n as usize));
            }
            Instr::Jump(l) => jump!(*l),
            Instr::IsNil { fail, src } => test!(rd!(*src).is_nil(), *fail),
            Instr::IsList { fail, src } => test!(rd!(*src).is_list_or_nil(), *fail),
            Instr::IsNonemptyList { fail, src } => test!(rd!(*src).is_list(), *fail),
            Instr::IsTuple { fail, src } => test!(rd!(*src).is_tuple(), *fail),
            Instr::TestArity { fail, src, arity } => {
                let n = rd!(*src).tuple().map(|t| t.len());
                test!(n == Some(*arity as usize), *fail)
            }
            Instr::IsTaggedTuple {
                fail,
                src,
                arity,
                tag,
            } => {
                let ok = matches!(rd!(*src).tuple(), Some(e) if e.len() == *arity as usize && e.first() == Some(tag));
                test!(ok, *fail)
            }
            Instr::IsNonemptyListAllocate {
                fail,
                src,
                stack: n,
                ..
            } => {
                test!(x[*src as usize].is_list(), *fail);
                if !frame_room() {
                    break;
                }
                stack.resize(stack.len() + *n as usize, Term::NIL);
                i += 1;
            }
            Instr::GetList { src, head, tail } => {
                let Some((h, t)) = rd!(*src).cons() else {
                    break;
                };
                let (ha, ta) = (place!(*head), place!(*tail));
                put!(ha, h);
                put!(ta, t);
            }
            Instr::GetHd { src, dst } => {
                let Some((h, _)) = rd!(*src).cons() else {
                    break;
                };
                let at = place!(*dst);
                put!(at, h);
            }
            Instr::GetTl { src, dst } => {
                let Some((_, t)) = rd!(*src).cons() else {
                    break;
                };
                let at = place!(*dst);
                put!(at, t);
            }
            Instr::GetTupleElement { src, index, dst } => {
                let t = rd!(*src);
                let Some(&v) = t.tuple().and_then(|e| e.get(*index as usize)) else {
                    break;
                };
                let at = place!(*dst);
                put!(at, v);
            }
            Instr::PutList { head, tail, dst } => {
                let (h, t, at) = (rd!(*head), rd!(*tail), place!(*dst));
                put!(at, build::cons(&mut p.heap, h, t));
            }
            Instr::TestHeap { heap, .. } => {
                if !room(&p.heap, *heap as usize) {
                    break;
                }
            }
            Instr::TestHeapPutList {
                heap,
                head,
                tail,
                dst,
                ..
            } => {
                if !room(&p.heap, *heap as usize) {
                    break;
                }
                let (h, t, at) = (rd!(*head), rd!(*tail), place!(*dst));
                put!(at, build::cons(&mut p.heap, h, t));
                i += 1;
            }
            Instr::TestHeapPutListDeallocReturn {
                heap,
                dealloc,
                head,
                tail,
                dst,
                ..
            } => {
                if !room(&p.heap, *heap as usize) {
                    break;
                }
                let to = cp_below!(*dealloc);
                let (h, t, at) = (rd!(*head), rd!(*tail), place!(*dst));
                put!(at, build::cons(&mut p.heap, h, t));
                ret!(*dealloc, to)
            }
            Instr::SelectVal { src, fail, table } => {
                let v = rd!(*src);
                let hit = if v.is_immediate() {
                    table.iter().find(|(k, _)| *k == v)
                } else {
                    table
                        .iter()
                        .find(|(k, _)| crate::term::order::exact_eq(*k, v))
                };
                jump!(hit.map_or(*fail, |(_, l)| *l))
            }
            Instr::SelectTupleArity { src, fail, table } => {
                let n = rd!(*src).tuple().map_or(u32::MAX, |t| t.len() as u32);
                let hit = table.iter().find(|(a, _)| *a == n);
                jump!(hit.map_or(*fail, |(_, l)| *l))
            }
            Instr::MoveYY(s, d) => {
                let (k, m) = (y_at!(*s), y_at!(*d));
                stack[m] = stack[k];
            }
            Instr::MoveIY(t, d) => {
                let k = y_at!(*d);
                stack[k] = *t;
            }
            Instr::MoveXXYX(a, b, c, d) => {
                let k = y_at!(*c);
                x[*b as usize] = x[*a as usize];
                x[*d as usize] = stack[k];
                i += 1;
            }
            Instr::IsLtIX { fail, imm, b } => {
                let (a, b) = smalls!(Term::small(*imm), x[*b as usize]);
                test!(a < b, *fail)
            }
            Instr::IsGeIX { fail, imm, b } => {
                let (a, b) = smalls!(Term::small(*imm), x[*b as usize]);
                test!(a >= b, *fail)
            }
            Instr::IsNeExactXI { fail, a, imm } => test!(x[*a as usize] != *imm, *fail),
            Instr::ArithXI {
                op, a, imm, dst, ..
            } => {
                let av = x[*a as usize];
                let at = place!(*dst);
                match av
                    .as_small()
                    .and_then(|v| specialize::small_op(*op, v, *imm))
                {
                    Some(v) => put!(at, Term::small(v)),
                    None => break,
                }
            }
            Instr::BsStartMatch { fail, src, dst, .. } => {
                if !room(&p.heap, 0) {
                    break;
                }
                let (t, at) = (rd!(*src), place!(*dst));
                match bits::start_match(&mut p.heap, t) {
                    Some(ctx) => put!(at, ctx),
                    None if *fail == instr::NO_LABEL => break,
                    None => jump!(*fail),
                }
            }
            Instr::BsGetInteger {
                fail,
                ctx,
                size,
                unit,
                flags,
                dst,
                ..
            } => {
                let (c, at) = (rd!(*ctx), place!(*dst));
                if c.subtag() != Some(Subtag::MatchState) {
                    break;
                }
                let Some(n) = bits::bits_of(rd!(*size), *unit) else {
                    jump!(*fail)
                };
                // Up to 59 bits (60 signed) the value is a small, made here with no heap;
                // little-endian only in whole bytes.
                // (A gc-stress build takes the safe point: the full loop collects there.)
                let fits = n <= 59 || (n == 60 && flags.signed);
                if n == 0
                    || !fits
                    || (flags.little && n % 8 != 0 && n > 8)
                    || cfg!(feature = "gc-stress")
                {
                    if !room(&p.heap, 0) {
                        break;
                    }
                    match bits::get_integer(&mut p.heap, c, n, *flags) {
                        Some(v) => put!(at, v),
                        None => jump!(*fail),
                    }
                } else {
                    let Some(mut u) = crate::term::bits::match_read_bits(c, n) else {
                        jump!(*fail)
                    };
                    if flags.little && n > 8 {
                        u = bits::encode::reverse_bytes(u, n);
                    }
                    let v = if flags.signed {
                        bits::encode::sign_extend(u, n)
                    } else {
                        u as i64
                    };
                    put!(at, Term::small(v))
                }
            }
            Instr::BsGetPosition { ctx, dst } => {
                let (c, at) = (rd!(*ctx), place!(*dst));
                if c.subtag() != Some(Subtag::MatchState) {
                    break;
                }
                put!(at, Term::small(bits::position(c) as i64))
            }
            Instr::BsTestUnit { fail, ctx, unit } => {
                let c = rd!(*ctx);
                if c.subtag() != Some(Subtag::MatchState) {
                    break;
                }
                test!(bits::test_unit(c, *unit), *fail)
            }
            Instr::BsTestTail { fail, ctx, bits: n } => {
                let c = rd!(*ctx);
                if c.subtag() != Some(Subtag::MatchState) {
                    break;
                }
                test!(bits::test_tail(c, *n as usize), *fail)
            }
            Instr::Swap(a, b) => {
                let (pa, pb) = (place!(*a), place!(*b));
                let (va, vb) = (rd!(a.as_src()), rd!(b.as_src()));
                put!(pa, vb);
                put!(pb, va);
            }
            Instr::PutTuple2 { dst, elems } if elems.len() <= 16 => {
                // (No register macro inside the loop: its `break` would leave the loop.)
                let at = place!(*dst);
                let mut tmp: [Term; 16] = [Term::NIL; 16];
                let mut ok = true;
                for (t, e) in tmp.iter_mut().zip(elems.iter()) {
                    match read(x, stack, *e) {
                        Some(v) => *t = v,
                        None => ok = false,
                    }
                }
                if !ok {
                    break;
                }
                put!(at, build::tuple(&mut p.heap, &tmp[..elems.len()]));
            }
            Instr::IsEqExact { fail, a, b } => {
                let (a, b) = (rd!(*a), rd!(*b));
                test!(crate::term::order::exact_eq(a, b), *fail)
            }
            Instr::IsNeExact { fail, a, b } => {
                let (a, b) = (rd!(*a), rd!(*b));
                test!(!crate::term::order::exact_eq(a, b), *fail)
            }
            Instr::IsLt { fail, a, b } => match numbers(rd!(*a), rd!(*b)) {
                Some(o) => test!(o == Ordering::Less, *fail),
                None => break,
            },
            Instr::IsGe { fail, a, b } => match numbers(rd!(*a), rd!(*b)) {
                Some(o) => test!(o != Ordering::Less, *fail),
                None => break,
            },
            Instr::LoopRec { fail } => match p.mailbox.loop_rec() {
                Some(m) => x[0] = m,
                None => jump!(*fail),
            },
            Instr::LoopRecEnd(l) => {
                // A jump back, but one that spends a reduction: this loop may take it.
                spend!();
                p.mailbox.advance();
                let l = *l as usize;
                // The `loop_rec` at `l`, done here as the full loop does it.
                match (p.mailbox.loop_rec(), instrs.get(l)) {
                    (Some(m), Some(Instr::LoopRec { .. })) => {
                        x[0] = m;
                        i = l + 1;
                    }
                    (None, Some(Instr::LoopRec { fail })) => i = *fail as usize,
                    _ => i = l,
                }
                continue;
            }
            Instr::FMoveXF(s, d) => fr[*d as usize] = x[*s as usize].as_float().unwrap_or(0.0),
            Instr::FMoveFX(s, d) => x[*d as usize] = build::float(&mut p.heap, fr[*s as usize]),
            Instr::FAdd { a, b, dst } => float!(*dst, fr[*a as usize] + fr[*b as usize]),
            Instr::FSub { a, b, dst } => float!(*dst, fr[*a as usize] - fr[*b as usize]),
            Instr::FMul { a, b, dst } => float!(*dst, fr[*a as usize] * fr[*b as usize]),
            Instr::FMove { .. }
            | Instr::FConv { .. }
            | Instr::FDiv { .. }
            | Instr::FNegate { .. } => {
                if !floats::op(instr, x, fr, stack, &mut p.heap) {
                    break;
                }
            }
            Instr::BsCreateBin { dst, segments, .. }
                if segments.len() <= bits::SMALL_SEGS && room(&p.heap, 0) =>
            {
                let at = place!(*dst);
                match segments::create_bin(segments, x, stack, &mut p.heap) {
                    Some(t) => put!(at, t),
                    None => break,
                }
            }
            // Their other cases (a result into a Y register, a big tuple, a binary too big for
            // the small buffer).
            Instr::Arith { .. } | Instr::PutTuple2 { .. } | Instr::BsCreateBin { .. } => break,
            slow_instrs!() => break,
        }
        i += 1;
    }
    *ip = i;
    *fcalls = reds;
}
