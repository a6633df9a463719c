//! Load-time specialisation: rewrites generic instructions into forms whose operand kinds are
//! fixed, so the dispatch loop's hottest paths (register moves, small-integer arithmetic,
//! integer comparisons) do no operand matching at run time. One pass over freshly loaded code.

use super::instr::{self, ArithOp, Dst, FDst, FSrc, Guard, Increment, Instr, Src};
use crate::vm::FastOps;

/// The operator a gc_bif stands for, when the emulator inlines it.
fn arith_op(fast: &FastOps, bif: crate::bif::BifId) -> Option<ArithOp> {
    let table = [
        (fast.plus, ArithOp::Add),
        (fast.minus, ArithOp::Sub),
        (fast.times, ArithOp::Mul),
        (fast.band, ArithOp::Band),
        (fast.bor, ArithOp::Bor),
        (fast.bxor, ArithOp::Bxor),
        (fast.div, ArithOp::Div),
        (fast.rem, ArithOp::Rem),
        (fast.bsr, ArithOp::Bsr),
        (fast.bsl, ArithOp::Bsl),
    ];
    table
        .iter()
        .find(|(id, _)| *id == Some(bif))
        .map(|(_, op)| *op)
}

/// Rewrites `instrs` in place.
pub fn specialize(instrs: &mut [Instr], fast: &FastOps) {
    fuse(instrs);
    for ins in instrs.iter_mut() {
        let lt = matches!(ins, Instr::IsLt { .. });
        let new = match ins {
            Instr::Move { src, dst } => Some(match (*src, *dst) {
                (Src::X(s), Dst::X(d)) => Instr::MoveXX(s, d),
                (Src::X(s), Dst::Y(d)) => Instr::MoveXY(s, d),
                (Src::Y(s), Dst::X(d)) => Instr::MoveYX(s, d),
                (Src::Y(s), Dst::Y(d)) => Instr::MoveYY(s, d),
                (Src::Imm(t), Dst::X(d)) => Instr::MoveIX(t, d),
                (Src::Imm(t), Dst::Y(d)) => Instr::MoveIY(t, d),
            }),
            Instr::FMove { src, dst } => match (*src, *dst) {
                (FSrc::T(Src::X(s)), FDst::F(d)) => Some(Instr::FMoveXF(s, d)),
                (FSrc::F(s), FDst::T(Dst::X(d))) => Some(Instr::FMoveFX(s, d)),
                _ => None,
            },
            Instr::GcBif2 {
                fail,
                live,
                bif,
                a,
                b,
                dst,
            } => arith_op(fast, *bif).map(|op| match (*a, *b, *dst, increment(op, *b)) {
                (Src::X(r) | Src::Y(r), Src::Imm(t), Dst::X(dst), Some(by)) => {
                    let inc = Increment {
                        fail: *fail,
                        live: *live,
                        bif: *bif,
                        a: r,
                        dst,
                        by,
                        imm: t.small_value(),
                    };
                    match a {
                        Src::X(_) => Instr::IncrementX(inc),
                        _ => Instr::IncrementY(inc),
                    }
                }
                (Src::X(a), Src::Imm(t), _, _) if t.is_small() => Instr::ArithXI {
                    op,
                    fail: *fail,
                    live: *live,
                    bif: *bif,
                    a,
                    imm: t.small_value(),
                    dst: *dst,
                },
                (a, b, _, _) => Instr::Arith {
                    op,
                    fail: *fail,
                    live: *live,
                    bif: *bif,
                    a,
                    b,
                    dst: *dst,
                },
            }),
            Instr::IsLt { fail, a, b } | Instr::IsGe { fail, a, b } => {
                let fail = *fail;
                match (*a, *b) {
                    (Src::X(a), Src::X(b)) if lt => Some(Instr::IsLtXX { fail, a, b }),
                    (Src::X(a), Src::X(b)) => Some(Instr::IsGeXX { fail, a, b }),
                    (Src::X(a), Src::Imm(t)) if t.is_small() && lt => Some(Instr::IsLtXI {
                        fail,
                        a,
                        imm: t.small_value(),
                    }),
                    (Src::X(a), Src::Imm(t)) if t.is_small() => Some(Instr::IsGeXI {
                        fail,
                        a,
                        imm: t.small_value(),
                    }),
                    (Src::Imm(t), Src::X(b)) if t.is_small() && lt => Some(Instr::IsLtIX {
                        fail,
                        imm: t.small_value(),
                        b,
                    }),
                    (Src::Imm(t), Src::X(b)) if t.is_small() => Some(Instr::IsGeIX {
                        fail,
                        imm: t.small_value(),
                        b,
                    }),
                    _ => None,
                }
            }
            Instr::IsEqExact {
                fail,
                a: Src::X(a),
                b: Src::Imm(t),
            } if t.is_immediate() => Some(Instr::IsEqExactXI {
                fail: *fail,
                a: *a,
                imm: *t,
            }),
            Instr::IsNeExact {
                fail,
                a: Src::X(a),
                b: Src::Imm(t),
            } if t.is_immediate() => Some(Instr::IsNeExactXI {
                fail: *fail,
                a: *a,
                imm: *t,
            }),
            _ => None,
        };
        if let Some(n) = new {
            *ins = n;
        }
    }
    fuse_specialized(instrs);
    super::guard::attach(instrs);
}

/// What `+`/`-` of the small literal `t` adds, when it is an increment (the negation of the
/// smallest small is not one).
fn increment(op: ArithOp, t: Src) -> Option<i64> {
    let Src::Imm(t) = t else {
        return None;
    };
    let v = t.as_small()?;
    let by = match op {
        ArithOp::Add => v,
        ArithOp::Sub => -v,
        _ => return None,
    };
    crate::term::Term::fits_small(by).then_some(by)
}

/// Super-instructions made of already specialised instructions (same rule as [`fuse`]), and
/// compare tests that fail into a return of a register (see [`instr::FAIL_RETURN`]).
fn fuse_specialized(instrs: &mut [Instr]) {
    for i in 0..instrs.len() {
        if let Instr::CallOnly { target, .. } = instrs[i] {
            if let Some(&Instr::BsStartMatch {
                src: Src::X(r),
                dst: Dst::X(d),
                ..
            }) = instrs.get(target as usize)
            {
                if let (true, Instr::CallOnly { rematch, .. }) = (r == d, &mut instrs[i]) {
                    *rematch = r;
                }
            }
        }
        if let (Instr::IncrementX(inc), Some(Instr::Return)) = (&instrs[i], instrs.get(i + 1)) {
            instrs[i] = Instr::IncrementXReturn(*inc);
        }
        let Some(fail) = compare_fail(&mut instrs[i]).map(|f| *f) else {
            continue;
        };
        let ret = match instrs.get(fail as usize) {
            Some(Instr::MoveXXReturn(s, d)) => instr::fail_return(*s, *d),
            Some(Instr::Return) => instr::fail_return(0, 0),
            _ => None,
        };
        if let (Some(l), Some(f)) = (ret, compare_fail(&mut instrs[i])) {
            *f = l;
        }
    }
}

/// The fail label of a specialised compare test (those that take a [`instr::FAIL_RETURN`]).
fn compare_fail(i: &mut Instr) -> Option<&mut u32> {
    match i {
        Instr::IsLtXX { fail, .. }
        | Instr::IsGeXX { fail, .. }
        | Instr::IsLtXI { fail, .. }
        | Instr::IsGeXI { fail, .. }
        | Instr::IsLtIX { fail, .. }
        | Instr::IsGeIX { fail, .. }
        | Instr::IsEqExactXI { fail, .. }
        | Instr::IsNeExactXI { fail, .. } => Some(fail),
        _ => None,
    }
}

/// Super-instructions: a common pair becomes one instruction at the first one's place. The
/// second stays as it was, for jumps that land on it (`DeallocReturn` leaves its `return`
/// behind; the others skip over theirs).
fn fuse(instrs: &mut [Instr]) {
    for i in 0..instrs.len().saturating_sub(1) {
        let fused = match (&instrs[i], &instrs[i + 1]) {
            (Instr::Deallocate(n), Instr::Return) => Instr::DeallocReturn(*n),
            (Instr::Trim { n, .. }, Instr::Call { arity, target }) => Instr::TrimCall {
                n: *n,
                arity: *arity,
                target: *target,
                guard: Guard::NONE,
            },
            (
                Instr::IsLt {
                    fail,
                    a: Src::X(a),
                    b: Src::Imm(t),
                },
                Instr::Return,
            ) if t.is_small() => Instr::IsLtXIReturn {
                fail: *fail,
                a: *a,
                imm: t.small_value(),
            },
            (
                Instr::IsNonemptyList {
                    fail,
                    src: Src::X(r),
                },
                Instr::Allocate { stack, live },
            ) => Instr::IsNonemptyListAllocate {
                fail: *fail,
                src: *r,
                stack: *stack,
                live: *live,
            },
            (Instr::TestHeap { heap, live }, Instr::PutList { head, tail, dst }) => {
                match (instrs.get(i + 2), instrs.get(i + 3)) {
                    (Some(Instr::Deallocate(n)), Some(Instr::Return)) => {
                        Instr::TestHeapPutListDeallocReturn {
                            heap: *heap,
                            live: *live,
                            dealloc: *n,
                            head: *head,
                            tail: *tail,
                            dst: *dst,
                        }
                    }
                    _ => Instr::TestHeapPutList {
                        heap: *heap,
                        live: *live,
                        head: *head,
                        tail: *tail,
                        dst: *dst,
                    },
                }
            }
            (
                Instr::Allocate { stack, live },
                Instr::Move {
                    src: Src::X(s),
                    dst: Dst::Y(d),
                },
            ) => Instr::AllocateMoveXY {
                stack: *stack,
                live: *live,
                s: *s,
                d: *d,
            },
            (Instr::Allocate { stack, live }, Instr::InitYRegs(_)) => Instr::AllocateInit {
                stack: *stack,
                live: *live,
            },
            (Instr::Move { src: s1, dst: d1 }, Instr::Move { src: s2, dst: d2 }) => {
                // When the second move fuses with the call or return after it, pairing the two
                // moves would save no dispatch; a save to Y before a move-and-call fuses with both.
                match (
                    *s1,
                    *d1,
                    move_then_transfer(&instrs[i + 1], instrs.get(i + 2)),
                ) {
                    (
                        Src::X(a),
                        Dst::Y(b),
                        Some(Instr::MoveXXCall {
                            s,
                            d,
                            arity,
                            target,
                            ..
                        }),
                    ) => Instr::MoveXYMoveXXCall {
                        a,
                        b,
                        c: s,
                        d,
                        arity,
                        target,
                        guard: Guard::NONE,
                    },
                    (_, _, Some(_)) => continue,
                    (_, _, None) => match move_pair(*s1, *d1, *s2, *d2) {
                        Some(f) => f,
                        None => continue,
                    },
                }
            }
            (first, next) => match move_then_transfer(first, Some(next)) {
                Some(f) => f,
                None => continue,
            },
        };
        instrs[i] = fused;
    }
}

/// The super-instruction for a move followed by a call or return, if there is one. A move
/// that has one is not paired with the move before it instead: that would save no dispatch.
fn move_then_transfer(mv: &Instr, next: Option<&Instr>) -> Option<Instr> {
    let Instr::Move { src, dst } = mv else {
        return None;
    };
    Some(match (*src, *dst, next?) {
        (Src::X(s), Dst::X(d), Instr::Call { arity, target }) => Instr::MoveXXCall {
            s,
            d,
            arity: *arity,
            target: *target,
            guard: Guard::NONE,
        },
        (Src::X(s), Dst::Y(d), Instr::Call { arity, target }) => Instr::MoveXYCall {
            s,
            d,
            arity: *arity,
            target: *target,
            guard: Guard::NONE,
        },
        (Src::X(s), Dst::X(d), Instr::Return) => Instr::MoveXXReturn(s, d),
        (
            Src::Y(s),
            Dst::X(d),
            Instr::CallLast {
                arity,
                target,
                dealloc,
            },
        ) => Instr::MoveYXCallLast {
            s,
            d,
            arity: *arity,
            target: *target,
            dealloc: *dealloc,
        },
        _ => return None,
    })
}

/// The super-instruction for two register moves in a row, for the pairs that have one.
fn move_pair(s1: Src, d1: Dst, s2: Src, d2: Dst) -> Option<Instr> {
    Some(match (s1, d1, s2, d2) {
        (Src::X(a), Dst::Y(b), Src::X(c), Dst::X(d)) => Instr::MoveXYXX(a, b, c, d),
        (Src::X(a), Dst::Y(b), Src::X(c), Dst::Y(d)) => Instr::MoveXYXY(a, b, c, d),
        (Src::Y(a), Dst::X(b), Src::X(c), Dst::X(d)) => Instr::MoveYXXX(a, b, c, d),
        (Src::X(a), Dst::X(b), Src::X(c), Dst::X(d)) => Instr::MoveXXXX(a, b, c, d),
        (Src::X(a), Dst::X(b), Src::Y(c), Dst::X(d)) => Instr::MoveXXYX(a, b, c, d),
        (Src::Y(a), Dst::X(b), Src::X(c), Dst::Y(d)) => Instr::MoveYXXY(a, b, c, d),
        (Src::X(a), Dst::X(b), Src::Y(c), Dst::Y(d)) => Instr::MoveXXYY(a, b, c, d),
        _ => return None,
    })
}

/// Result of `+`, `-` or `*` on a float and a float or small (the BEAM converts the small), when
/// finite; `None` sends every other case to the native function.
#[inline]
pub fn float_op(op: ArithOp, a: crate::term::Term, b: crate::term::Term) -> Option<f64> {
    let (x, y) = match (a.as_float(), b.as_float()) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) => (x, b.as_small()? as f64),
        (None, Some(y)) => (a.as_small()? as f64, y),
        (None, None) => return None,
    };
    let v = match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// Small-integer result of `op`, or `None` when the native function must decide (non-smalls,
/// overflow, division by zero, large shifts).
#[inline(always)]
pub fn small_op(op: ArithOp, x: i64, y: i64) -> Option<i64> {
    let v = match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => crate::term::number::small_mul(x, y)?,
        ArithOp::Band => x & y,
        ArithOp::Bor => x | y,
        ArithOp::Bxor => x ^ y,
        ArithOp::Div if y != 0 => x.checked_div(y)?,
        ArithOp::Rem if y != 0 => x.checked_rem(y)?,
        ArithOp::Bsr if (0..64).contains(&y) => x >> y,
        ArithOp::Bsl if (0..60).contains(&y) => {
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            r
        }
        _ => return None,
    };
    if crate::term::Term::fits_small(v) {
        Some(v)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(src: Src, dst: Dst) -> Instr {
        Instr::Move { src, dst }
    }

    #[test]
    fn pairs_fuse_at_the_first_and_leave_the_second_for_jumps() {
        let mut code = [
            Instr::Allocate { stack: 2, live: 1 },
            Instr::InitYRegs(alloc::vec![0].into_boxed_slice()),
            mv(Src::X(0), Dst::Y(0)),
            mv(Src::X(1), Dst::X(0)),
            Instr::Call {
                arity: 1,
                target: 0,
            },
            mv(Src::Y(0), Dst::X(0)),
            Instr::CallLast {
                arity: 1,
                target: 0,
                dealloc: 2,
            },
            mv(Src::X(2), Dst::X(0)),
            Instr::Return,
            mv(Src::X(0), Dst::Y(1)),
            mv(Src::X(1), Dst::X(2)),
            Instr::Jump(0),
            mv(Src::Y(0), Dst::X(1)),
            mv(Src::X(2), Dst::Y(1)),
            Instr::Jump(0),
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(code[0], Instr::AllocateInit { stack: 2, live: 1 }));
        assert!(matches!(code[1], Instr::InitYRegs(_)));
        // Not paired with the move after it, which pairs with the call: the three fuse.
        assert!(matches!(
            code[2],
            Instr::MoveXYMoveXXCall {
                a: 0,
                b: 0,
                c: 1,
                d: 0,
                arity: 1,
                target: 0,
                ..
            }
        ));
        assert!(matches!(
            code[3],
            Instr::MoveXXCall {
                s: 1,
                d: 0,
                arity: 1,
                target: 0,
                ..
            }
        ));
        assert!(matches!(code[4], Instr::Call { .. }));
        assert!(matches!(
            code[5],
            Instr::MoveYXCallLast {
                s: 0,
                d: 0,
                dealloc: 2,
                ..
            }
        ));
        assert!(matches!(code[6], Instr::CallLast { .. }));
        assert!(matches!(code[7], Instr::MoveXXReturn(2, 0)));
        assert!(matches!(code[8], Instr::Return));
        assert!(matches!(code[9], Instr::MoveXYXX(0, 1, 1, 2)));
        assert!(matches!(code[10], Instr::MoveXX(1, 2)));
        assert!(matches!(code[12], Instr::MoveYXXY(0, 1, 2, 1)));
        assert!(matches!(code[13], Instr::MoveXY(2, 1)));
    }

    #[test]
    fn guarded_returns_and_list_building_fuse() {
        let mut code = [
            Instr::IsLt {
                fail: 3,
                a: Src::X(0),
                b: Src::Imm(crate::term::Term::small(2)),
            },
            Instr::Return,
            Instr::TestHeap { heap: 2, live: 1 },
            Instr::PutList {
                head: Src::Y(0),
                tail: Src::X(0),
                dst: Dst::X(0),
            },
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(
            code[0],
            Instr::IsLtXIReturn {
                fail: 3,
                a: 0,
                imm: 2
            }
        ));
        assert!(matches!(code[1], Instr::Return));
        assert!(matches!(
            code[2],
            Instr::TestHeapPutList {
                heap: 2,
                live: 1,
                head: Src::Y(0),
                tail: Src::X(0),
                dst: Dst::X(0)
            }
        ));
        assert!(matches!(code[3], Instr::PutList { .. }));
    }

    #[test]
    fn trim_then_call_and_an_x_then_y_move_pair_fuse() {
        let mut code = [
            mv(Src::X(3), Dst::X(1)),
            mv(Src::Y(0), Dst::Y(2)),
            Instr::Trim { n: 2, remaining: 2 },
            Instr::Call {
                arity: 3,
                target: 0,
            },
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(code[0], Instr::MoveXXYY(3, 1, 0, 2)));
        assert!(matches!(
            code[2],
            Instr::TrimCall {
                n: 2,
                arity: 3,
                target: 0,
                ..
            }
        ));
        // The second of each pair stays for jumps that land on it.
        assert!(matches!(code[1], Instr::MoveYY(0, 2)));
        assert!(matches!(code[3], Instr::Call { .. }));
    }

    #[test]
    fn a_self_call_into_a_match_resume_names_its_register() {
        let start = |src, dst| Instr::BsStartMatch {
            fail: instr::NO_LABEL,
            src,
            live: 2,
            dst,
        };
        let call = |target| Instr::CallOnly {
            arity: 2,
            rematch: instr::NO_REMATCH,
            target,
        };
        let mut code = [
            // 0: the loop's head resumes matching x0 in x0.
            start(Src::X(0), Dst::X(0)),
            call(0),
            // 2: starts a match into another register: no resume.
            start(Src::X(0), Dst::X(1)),
            call(2),
            call(5),
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(
            code[1],
            Instr::CallOnly {
                rematch: 0,
                target: 0,
                ..
            }
        ));
        assert!(matches!(
            code[3],
            Instr::CallOnly {
                rematch: instr::NO_REMATCH,
                ..
            }
        ));
        assert!(matches!(
            code[4],
            Instr::CallOnly {
                rematch: instr::NO_REMATCH,
                ..
            }
        ));
    }

    #[test]
    fn a_compare_that_fails_into_a_return_does_the_return_itself() {
        use crate::term::Term;
        let lt = |fail, a, b| Instr::IsLt { fail, a, b };
        let mut code = [
            // 0: fails into `move x2 x0; return` at 4.
            lt(4, Src::X(1), Src::X(0)),
            // 1: fails into a bare `return` at 6.
            lt(6, Src::X(0), Src::Imm(Term::small(10))),
            // 2: fails into something else: stays a jump.
            lt(7, Src::X(0), Src::X(1)),
            Instr::Return,
            mv(Src::X(2), Dst::X(0)),
            Instr::Return,
            Instr::Return,
            mv(Src::Y(0), Dst::X(0)),
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        let ret = |s, d| instr::fail_return(s, d).unwrap();
        assert!(matches!(code[0], Instr::IsLtXX { fail, a: 1, b: 0 } if fail == ret(2, 0)));
        assert!(matches!(code[1], Instr::IsLtXI { fail, a: 0, imm: 10 } if fail == ret(0, 0)));
        assert!(matches!(
            code[2],
            Instr::IsLtXX {
                fail: 7,
                a: 0,
                b: 1
            }
        ));
        assert_eq!(instr::fail_return_regs(ret(2, 0)), (2, 0));
        assert_eq!(instr::fail_return_regs(ret(0x7FFF, 5)), (0x7FFF, 5));
        assert!(instr::fail_return(0x8000, 0).is_none());
    }

    #[test]
    fn plus_and_minus_of_a_small_literal_become_increments() {
        use crate::bif::BifId;
        use crate::term::{Term, MIN_SMALL};
        let (plus, minus, times) = (BifId(7), BifId(8), BifId(9));
        let fast = FastOps {
            plus: Some(plus),
            minus: Some(minus),
            times: Some(times),
            ..FastOps::default()
        };
        let gc_bif = |bif, a, b, dst| Instr::GcBif2 {
            fail: 0,
            live: 2,
            bif,
            a,
            b,
            dst,
        };
        let mut code = [
            gc_bif(minus, Src::X(0), Src::Imm(Term::small(2)), Dst::X(1)),
            gc_bif(plus, Src::Y(3), Src::Imm(Term::small(5)), Dst::X(0)),
            gc_bif(plus, Src::X(1), Src::Imm(Term::small(1)), Dst::X(0)),
            Instr::Return,
            // Not increments: into a Y register, the negation of the smallest small, `*`.
            gc_bif(plus, Src::X(0), Src::Imm(Term::small(1)), Dst::Y(0)),
            gc_bif(
                minus,
                Src::X(0),
                Src::Imm(Term::small(MIN_SMALL)),
                Dst::X(0),
            ),
            gc_bif(times, Src::X(0), Src::Imm(Term::small(3)), Dst::X(0)),
        ];
        specialize(&mut code, &fast);
        assert!(matches!(
            code[0],
            Instr::IncrementX(Increment {
                a: 0,
                dst: 1,
                by: -2,
                imm: 2,
                bif: BifId(8),
                live: 2,
                ..
            })
        ));
        assert!(matches!(
            code[1],
            Instr::IncrementY(Increment {
                a: 3,
                dst: 0,
                by: 5,
                imm: 5,
                ..
            })
        ));
        assert!(matches!(
            code[2],
            Instr::IncrementXReturn(Increment {
                a: 1,
                dst: 0,
                by: 1,
                ..
            })
        ));
        assert!(matches!(code[3], Instr::Return));
        assert!(matches!(code[4], Instr::ArithXI { .. }));
        assert!(matches!(code[5], Instr::ArithXI { .. }));
        assert!(matches!(code[6], Instr::ArithXI { .. }));
    }

    #[test]
    fn a_list_recursion_fuses_its_head_and_its_tail() {
        // app([H | T], L) -> [H | app(T, L)].
        let mut code = [
            Instr::IsNonemptyList {
                fail: 7,
                src: Src::X(0),
            },
            Instr::Allocate { stack: 1, live: 2 },
            Instr::GetList {
                src: Src::X(0),
                head: Dst::Y(0),
                tail: Dst::X(0),
            },
            Instr::Call {
                arity: 2,
                target: 0,
            },
            Instr::TestHeap { heap: 2, live: 1 },
            Instr::PutList {
                head: Src::Y(0),
                tail: Src::X(0),
                dst: Dst::X(0),
            },
            Instr::Deallocate(1),
            Instr::Return,
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(
            code[0],
            Instr::IsNonemptyListAllocate {
                fail: 7,
                src: 0,
                stack: 1,
                live: 2
            }
        ));
        assert!(matches!(code[1], Instr::Allocate { .. }));
        assert!(matches!(
            code[4],
            Instr::TestHeapPutListDeallocReturn {
                heap: 2,
                live: 1,
                dealloc: 1,
                head: Src::Y(0),
                tail: Src::X(0),
                dst: Dst::X(0)
            }
        ));
        // What follows stays for jumps that land on it.
        assert!(matches!(code[5], Instr::PutList { .. }));
        assert!(matches!(code[6], Instr::DeallocReturn(1)));
        assert!(matches!(code[7], Instr::Return));
    }

    #[test]
    fn a_new_frame_and_a_saved_argument_fuse() {
        let mut code = [
            Instr::Allocate { stack: 1, live: 3 },
            mv(Src::X(2), Dst::Y(0)),
            Instr::Call {
                arity: 2,
                target: 0,
            },
        ];
        specialize(&mut code, &FastOps::default());
        assert!(matches!(
            code[0],
            Instr::AllocateMoveXY {
                stack: 1,
                live: 3,
                s: 2,
                d: 0
            }
        ));
        assert!(matches!(
            code[1],
            Instr::MoveXYCall {
                s: 2,
                d: 0,
                arity: 2,
                target: 0,
                ..
            }
        ));
        assert!(matches!(code[2], Instr::Call { .. }));
    }
}
