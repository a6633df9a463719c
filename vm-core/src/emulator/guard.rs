//! Base cases decided at the call.
//!
//! A recursive function usually starts with a compare whose one outcome returns at once
//! (`fib(N) when N < 2 -> N`, `tak(X, Y, Z) when Y < X -> ...; tak(_, _, Z) -> Z`). Most
//! calls of such a function are base cases, each costing a call, a dispatch of the compare
//! and a return. The fast tier's calls carry a copy of that compare ([`Guard`], made at load
//! time), decide it with the arguments in place, and either do the base case's return
//! themselves (no frame pushed, nothing dispatched) or enter the callee past its compare.

use super::instr::{self, Instr, Label};
use super::regs::MAX_X;
use crate::term::Term;

/// The compares a guard can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardCmp {
    /// No guard: the call enters its target.
    None,
    /// `x(a) < x(b)`
    LtXX,
    /// `x(a) >= x(b)`
    GeXX,
    /// `x(a) < imm`
    LtXI,
    /// `x(a) >= imm`
    GeXI,
}

/// The compare a callee starts with, on two smalls, and what each outcome does.
#[derive(Clone, Copy, Debug)]
pub struct Guard {
    pub cmp: GuardCmp,
    /// Whether the compare holding (rather than failing) is the outcome that returns.
    returns_when: bool,
    a: u16,
    b: u16,
    imm: i64,
    /// The return's move: x(`ret_s`) to x(`ret_d`) (the same register: none).
    pub ret_s: u16,
    pub ret_d: u16,
    /// Where the callee goes on when it does not return.
    pub cont: Label,
}

impl Guard {
    pub const NONE: Guard = Guard {
        cmp: GuardCmp::None,
        returns_when: false,
        a: 0,
        b: 0,
        imm: 0,
        ret_s: 0,
        ret_d: 0,
        cont: 0,
    };

    /// The guard of a function whose code starts at `target` with `first`, if it has one.
    pub fn of(first: &Instr, target: Label) -> Guard {
        let fail_return =
            |fail: Label| (fail & instr::FAIL_RETURN != 0).then(|| instr::fail_return_regs(fail));
        let (cmp, a, b, imm, returns_when, ret, cont) = match *first {
            Instr::IsLtXX { fail, a, b } => match fail_return(fail) {
                Some(r) => (GuardCmp::LtXX, a, b, 0, false, r, target + 1),
                None => return Guard::NONE,
            },
            Instr::IsGeXX { fail, a, b } => match fail_return(fail) {
                Some(r) => (GuardCmp::GeXX, a, b, 0, false, r, target + 1),
                None => return Guard::NONE,
            },
            Instr::IsLtXI { fail, a, imm } => match fail_return(fail) {
                Some(r) => (GuardCmp::LtXI, a, 0, imm, false, r, target + 1),
                None => return Guard::NONE,
            },
            Instr::IsGeXI { fail, a, imm } => match fail_return(fail) {
                Some(r) => (GuardCmp::GeXI, a, 0, imm, false, r, target + 1),
                None => return Guard::NONE,
            },
            // Returns when it holds; goes on at its (real) fail label otherwise.
            Instr::IsLtXIReturn { fail, a, imm } if fail & instr::FAIL_RETURN == 0 => {
                (GuardCmp::LtXI, a, 0, imm, true, (0, 0), fail)
            }
            _ => return Guard::NONE,
        };
        Guard {
            cmp,
            returns_when,
            a,
            b,
            imm,
            ret_s: ret.0,
            ret_d: ret.1,
            cont,
        }
    }

    /// `Some(true)` when the callee, entered with these X registers, would return at once;
    /// `Some(false)` when it would go on at [`Guard::cont`]; `None` without a guard or when an
    /// operand is not a small (the callee then runs its compare itself).
    #[inline(always)]
    pub fn decide(&self, x: &[Term; MAX_X]) -> Option<bool> {
        let b = match self.cmp {
            GuardCmp::None => return None,
            GuardCmp::LtXX | GuardCmp::GeXX => x[self.b as usize],
            GuardCmp::LtXI | GuardCmp::GeXI => Term::small(self.imm),
        };
        let a = x[self.a as usize];
        if !(a.is_small() && b.is_small()) {
            return None;
        }
        // Tagged smalls order as their values.
        let lt = (a.raw() as i64) < (b.raw() as i64);
        let holds = matches!(self.cmp, GuardCmp::LtXX | GuardCmp::LtXI) == lt;
        Some(holds == self.returns_when)
    }
}

/// The target and guard of a call that can carry one.
fn guarded_call(i: &mut Instr) -> Option<(Label, &mut Guard)> {
    match i {
        Instr::TrimCall { target, guard, .. }
        | Instr::MoveXXCall { target, guard, .. }
        | Instr::MoveXYCall { target, guard, .. }
        | Instr::MoveXYMoveXXCall { target, guard, .. } => Some((*target, guard)),
        _ => None,
    }
}

/// Gives each call that can carry one the guard of the function it calls (after the compares
/// have been specialised and given their [`instr::FAIL_RETURN`] labels).
pub fn attach(instrs: &mut [Instr]) {
    for i in 0..instrs.len() {
        let Some((target, _)) = guarded_call(&mut instrs[i]) else {
            continue;
        };
        let Some(first) = instrs.get(target as usize) else {
            continue;
        };
        let g = Guard::of(first, target);
        if let Some((_, guard)) = guarded_call(&mut instrs[i]) {
            *guard = g;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::instr::{Dst, Src};
    use super::super::specialize::specialize;
    use super::*;
    use crate::vm::FastOps;
    use alloc::boxed::Box;

    fn mv(src: Src, dst: Dst) -> Instr {
        Instr::Move { src, dst }
    }

    fn regs(vals: &[Term]) -> Box<[Term; MAX_X]> {
        let mut x: Box<[Term; MAX_X]> = alloc::vec![Term::NIL; MAX_X].try_into().unwrap();
        x[..vals.len()].copy_from_slice(vals);
        x
    }

    #[test]
    fn calls_carry_their_callees_base_case_and_decide_it() {
        let lt = |fail, a, b| Instr::IsLt { fail, a, b };
        let call = |target| Instr::Call { arity: 2, target };
        let mut code = [
            // 0..2: a call into 3 with an argument moved first.
            mv(Src::X(2), Dst::X(0)),
            call(3),
            Instr::Return,
            // 3: `f(A, B) when B < A -> ...; f(_, B) -> B` (fails into move x1 x0; return).
            lt(6, Src::X(1), Src::X(0)),
            Instr::Return,
            Instr::Return,
            mv(Src::X(1), Dst::X(0)),
            Instr::Return,
            // 8..10: a call into 11, `g(N) when N < 2 -> N; g(N) -> ...` (13).
            mv(Src::X(1), Dst::X(0)),
            call(11),
            Instr::Return,
            lt(13, Src::X(0), Src::Imm(Term::small(2))),
            Instr::Return,
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        let Instr::MoveXXCall { guard: f, .. } = code[0] else {
            panic!("{:?}", code[0]);
        };
        assert_eq!(f.cmp, GuardCmp::LtXX);
        assert_eq!((f.ret_s, f.ret_d, f.cont), (1, 0, 4));
        let s = Term::small;
        // y < x goes on past the compare; otherwise the callee returns y.
        assert_eq!(f.decide(&regs(&[s(5), s(3)])), Some(false));
        assert_eq!(f.decide(&regs(&[s(3), s(3)])), Some(true));
        assert_eq!(f.decide(&regs(&[s(-4), s(3)])), Some(true));
        // Not two smalls: the callee's own compare decides.
        assert_eq!(f.decide(&regs(&[Term::NIL, s(3)])), None);

        let Instr::MoveXXCall { guard: g, .. } = code[8] else {
            panic!("{:?}", code[8]);
        };
        assert_eq!(g.cmp, GuardCmp::LtXI);
        assert_eq!((g.ret_s, g.ret_d, g.cont), (0, 0, 13));
        assert_eq!(g.decide(&regs(&[s(1)])), Some(true));
        assert_eq!(g.decide(&regs(&[s(2)])), Some(false));
        assert_eq!(Guard::NONE.decide(&regs(&[s(1)])), None);
    }
}
