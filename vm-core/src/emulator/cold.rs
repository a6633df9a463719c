//! Instructions off the hot paths of sequential code: the rarer type tests and generic
//! comparisons, error and exception instructions, fun and map building, receive markers.
//!
//! They run through one function call from the dispatch loop. Kept out of the loop they cost a
//! call each; kept in it they made the loop so large that the compiler kept its own state (the
//! register file, the process, the instruction index) in memory, reloading it in every
//! instruction.

use alloc::vec::Vec;

use super::exception;
use super::instr::{Dst, Instr};
use super::ops::{self, Next, RegIo};
use crate::atom;
use crate::bif::{Class, Exception};
use crate::code::CodePtr;
use crate::heap::build;
use crate::term::Term;

/// Continue when `ok`, else branch to `fail`.
fn test(ok: bool, fail: u32) -> Next {
    if ok {
        Next::Continue
    } else {
        Next::Jump(fail)
    }
}

/// An error exception whose reason is `{tag, v}`.
fn error2(io: &mut RegIo, tag: Term, v: Term) -> Next {
    Next::Raise(Exception::error(build::tuple(&mut io.p.heap, &[tag, v])))
}

/// Runs `instr`; `badarg` for an instruction that is not one of this module's.
pub fn exec(io: &mut RegIo, instr: &Instr) -> Next {
    match instr {
        // -- tests ------------------------------------------------------------------------------
        Instr::IsEq { fail, a, b } => {
            let (a, b) = (io.rd(*a), io.rd(*b));
            test(crate::term::order::eq(a, b, &io.sh.atoms), *fail)
        }
        Instr::IsNe { fail, a, b } => {
            let (a, b) = (io.rd(*a), io.rd(*b));
            test(!crate::term::order::eq(a, b, &io.sh.atoms), *fail)
        }
        Instr::IsFloat { fail, src } => test(io.rd(*src).is_float(), *fail),
        Instr::IsNumber { fail, src } => test(io.rd(*src).is_number(), *fail),
        Instr::IsPid { fail, src } => test(io.rd(*src).is_pid(), *fail),
        Instr::IsReference { fail, src } => test(io.rd(*src).is_ref(), *fail),
        Instr::IsPort { fail, src } => test(io.rd(*src).is_port(), *fail),
        Instr::IsBitstr { fail, src } => test(io.rd(*src).is_bitstring(), *fail),
        Instr::IsMap { fail, src } => test(ops::is_map(io.rd(*src)), *fail),
        Instr::IsBoolean { fail, src } => test(io.rd(*src).is_boolean(), *fail),
        Instr::IsFunction { fail, src } => test(io.rd(*src).is_fun(), *fail),
        Instr::IsFunction2 { fail, src, arity } => {
            let (f, a) = (io.rd(*src), io.rd(*arity));
            test(ops::fun_has_arity(io.sh, f, a), *fail)
        }

        // -- records ----------------------------------------------------------------------------
        Instr::UpdateRecord {
            src, dst, updates, ..
        } => {
            let t = io.rd(*src);
            let Some(e) = t.tuple() else {
                return Next::Raise(Exception::badarg());
            };
            let mut elems: Vec<Term> = e.to_vec();
            for (i, v) in updates.iter() {
                let v = io.rd(*v);
                match elems.get_mut((*i as usize).wrapping_sub(1)) {
                    Some(slot) => *slot = v,
                    None => return Next::Raise(Exception::badarg()),
                }
            }
            let t = build::tuple(&mut io.p.heap, &elems);
            io.wr(*dst, t);
            Next::Continue
        }

        // -- errors -----------------------------------------------------------------------------
        Instr::Badmatch(v) | Instr::CaseEnd(v) | Instr::TryCaseEnd(v) | Instr::Badrecord(v) => {
            let reason = match instr {
                Instr::Badmatch(_) => atom::BADMATCH,
                Instr::CaseEnd(_) => atom::CASE_CLAUSE,
                Instr::TryCaseEnd(_) => atom::TRY_CLAUSE,
                _ => atom::BADRECORD,
            };
            let v = io.rd(*v);
            error2(io, reason, v)
        }
        Instr::IfEnd => Next::Raise(Exception::error(atom::IF_CLAUSE)),

        // -- exceptions -------------------------------------------------------------------------
        Instr::Catch { y, handler } | Instr::Try { y, handler } => {
            let tag = CodePtr {
                code: io.code.id,
                ip: *handler,
            }
            .to_catch(*y);
            io.wr(Dst::Y(*y), tag);
            Next::Continue
        }
        Instr::CatchEnd(y) => {
            io.wr(Dst::Y(*y), Term::NIL);
            if io.x[0].is_non_value() {
                io.x[0] = exception::catch_value(io.p, io.x[1], io.x[2], io.x[3]);
            }
            Next::Continue
        }
        Instr::TryEnd(y) => {
            io.wr(Dst::Y(*y), Term::NIL);
            Next::Continue
        }
        Instr::TryCase(y) => {
            io.wr(Dst::Y(*y), Term::NIL);
            io.x[0] = io.x[1];
            io.x[1] = io.x[2];
            io.x[2] = io.x[3];
            Next::Continue
        }
        Instr::Raise { trace, value } => {
            let raw = io.rd(*trace);
            let v = io.rd(*value);
            let class = exception::raw_trace_class(raw).unwrap_or(Class::Error);
            let mut exc = Exception::new(class, v);
            exc.stacktrace = Some(exception::raw_trace_list(raw));
            Next::Raise(exc)
        }
        Instr::RawRaise => match Class::from_atom(io.x[0]) {
            Some(class) => {
                let mut exc = Exception::new(class, io.x[1]);
                exc.stacktrace = Some(exception::raw_trace_list(io.x[2]));
                Next::Raise(exc)
            }
            None => {
                io.x[0] = atom::BADARG;
                Next::Continue
            }
        },
        Instr::BuildStacktrace => {
            io.x[0] = exception::raw_trace_list(io.x[0]);
            Next::Continue
        }

        // -- funs -------------------------------------------------------------------------------
        Instr::MakeFun3 {
            fun_index,
            dst,
            env,
        } => {
            let vals: Vec<Term> = env.iter().map(|s| io.rd(*s)).collect();
            let e = &io.code.funs[*fun_index as usize];
            let f = build::closure(
                &mut io.p.heap,
                io.code.id,
                *fun_index,
                e.arity - e.num_free,
                &vals,
            );
            io.wr(*dst, f);
            Next::Continue
        }

        // -- maps -------------------------------------------------------------------------------
        Instr::PutMapAssoc {
            fail,
            src,
            dst,
            live,
            pairs,
        }
        | Instr::PutMapExact {
            fail,
            src,
            dst,
            live,
            pairs,
        } => {
            let exact = matches!(instr, Instr::PutMapExact { .. });
            let m = io.rd(*src);
            // Most updates name a few keys: keep them on the stack.
            let mut small = [(Term::NIL, Term::NIL); 8];
            let mut many: Vec<(Term, Term)> = Vec::new();
            for (i, (k, v)) in pairs.iter().enumerate() {
                let kv = (io.rd(*k), io.rd(*v));
                if pairs.len() <= small.len() {
                    small[i] = kv;
                } else {
                    many.push(kv);
                }
            }
            let kv: &[(Term, Term)] = if pairs.len() <= small.len() {
                &small[..pairs.len()]
            } else {
                &many
            };
            if !ops::is_map(m) {
                let r = build::tuple(&mut io.p.heap, &[atom::BADMAP, m]);
                return Next::Fail(*fail, Exception::error(r));
            }
            let updated = if exact {
                crate::term::map::update_many(m, kv, &mut io.p.heap, &io.sh.atoms)
            } else {
                Ok(crate::term::map::put_many(
                    m,
                    kv,
                    &mut io.p.heap,
                    &io.sh.atoms,
                ))
            };
            match updated {
                Ok(nm) => {
                    io.wr(*dst, nm);
                    io.gc_after_bif(*live, *dst);
                    Next::Continue
                }
                Err(k) => {
                    let r = build::tuple(&mut io.p.heap, &[atom::BADKEY, k]);
                    Next::Fail(*fail, Exception::error(r))
                }
            }
        }
        Instr::HasMapFields { fail, src, keys } => {
            let m = io.rd(*src);
            for k in keys.iter() {
                let k = io.rd(*k);
                if crate::term::map::get(m, k, &io.sh.atoms).is_none() {
                    return Next::Jump(*fail);
                }
            }
            Next::Continue
        }
        Instr::GetMapElements { fail, src, pairs } => {
            let m = io.rd(*src);
            // Read every key before writing any destination (a key may sit in a target).
            let mut vals: [Term; 8] = [Term::NIL; 8];
            let mut many: Vec<Term> = Vec::new();
            for (i, (k, _)) in pairs.iter().enumerate() {
                let k = io.rd(*k);
                match crate::term::map::get(m, k, &io.sh.atoms) {
                    Some(v) if i < 8 => vals[i] = v,
                    Some(v) => many.push(v),
                    None => return Next::Jump(*fail),
                }
            }
            for (i, (_, d)) in pairs.iter().enumerate() {
                let v = if i < 8 { vals[i] } else { many[i - 8] };
                io.wr(*d, v);
            }
            Next::Continue
        }

        // -- receive ----------------------------------------------------------------------------
        Instr::RemoveMessage => {
            if let Some(k) = io.p.take_message() {
                io.sh.timers.cancel(k);
            }
            Next::Continue
        }
        Instr::Timeout => {
            io.p.timed_out = false;
            io.p.mailbox.rewind();
            Next::Continue
        }
        Instr::RecvMarkerReserve(d) => {
            let id = io.p.mailbox.reserve_marker();
            io.wr(*d, Term::small(id as i64));
            Next::Continue
        }
        Instr::RecvMarkerBind { marker, reference } => {
            if let (Some(id), Some(r)) =
                (io.rd(*marker).as_small(), io.rd(*reference).ref_numbers())
            {
                io.p.mailbox.bind_marker(id as u32, r);
            }
            Next::Continue
        }
        Instr::RecvMarkerClear(r) => {
            if let Some(r) = io.rd(*r).ref_numbers() {
                io.p.mailbox.clear_marker(r);
            }
            Next::Continue
        }
        Instr::RecvMarkerUse(r) => {
            if let Some(r) = io.rd(*r).ref_numbers() {
                io.p.mailbox.use_marker(r);
            }
            Next::Continue
        }

        _ => Next::Raise(Exception::badarg()),
    }
}
