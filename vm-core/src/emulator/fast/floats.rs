//! The fast tier's paths for the rarer float instructions (`fmove` in its general form,
//! `fconv`, `fdiv`, `fnegate`), kept out of its loop: inside it they would make the loop too
//! large for its state to stay in machine registers.

use super::super::instr::{Dst, FDst, FSrc, Instr, Src};
use super::super::regs::MAX_X;
use crate::heap::build;
use crate::term::Term;

/// The rarer float instructions' fast paths, out of the loop (in it they would make it too
/// large to keep its state in registers): true when done, false when the instruction, not begun, is left to
/// the full loop (an operand outside the frame, a conversion or result that raises).
#[inline(never)]
pub fn op(
    instr: &Instr,
    x: &mut [Term; MAX_X],
    fr: &mut [f64],
    stack: &mut [Term],
    heap: &mut crate::heap::Heap,
) -> bool {
    let top = stack.len();
    let y = |r: u16| top.checked_sub(r as usize + 1);
    let rd = |s: Src| super::read(x, stack, s);
    let finite = |fr: &mut [f64], d: u16, v: f64| {
        if v.is_finite() {
            fr[d as usize] = v;
        }
        v.is_finite()
    };
    match instr {
        Instr::FMoveXF(s, d) => fr[*d as usize] = x[*s as usize].as_float().unwrap_or(0.0),
        Instr::FMoveFX(s, d) => x[*d as usize] = build::float(heap, fr[*s as usize]),
        Instr::FMove { src, dst } => {
            let v = match *src {
                FSrc::F(a) => Err(fr[a as usize]),
                FSrc::T(t) => match rd(t) {
                    Some(v) => Ok(v),
                    None => return false,
                },
            };
            match (*dst, v) {
                (FDst::F(b), Err(f)) => fr[b as usize] = f,
                (FDst::F(b), Ok(t)) => fr[b as usize] = t.as_float().unwrap_or(0.0),
                (FDst::T(Dst::X(r)), v) => {
                    x[r as usize] = v.unwrap_or_else(|f| build::float(heap, f));
                }
                (FDst::T(Dst::Y(r)), v) => {
                    let Some(k) = y(r) else { return false };
                    stack[k] = v.unwrap_or_else(|f| build::float(heap, f));
                }
            }
        }
        Instr::FConv { src, dst } => match rd(*src).and_then(crate::term::number::to_f64) {
            Some(f) => fr[*dst as usize] = f,
            None => return false,
        },
        Instr::FAdd { a, b, dst } => return finite(fr, *dst, fr[*a as usize] + fr[*b as usize]),
        Instr::FSub { a, b, dst } => return finite(fr, *dst, fr[*a as usize] - fr[*b as usize]),
        Instr::FMul { a, b, dst } => return finite(fr, *dst, fr[*a as usize] * fr[*b as usize]),
        Instr::FDiv { a, b, dst } => return finite(fr, *dst, fr[*a as usize] / fr[*b as usize]),
        Instr::FNegate { a, dst } => fr[*dst as usize] = -fr[*a as usize],
        _ => return false,
    }
    true
}
