//! Term order for sorting map keys (decoding `MAP_EXT`, `deterministic` encoding).
//!
//! PLACEHOLDER: `crate::term::order::compare` is the real one; once it lands this module should
//! just re-export it. Kept iterative so hostile nesting cannot exhaust the stack.

use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::atom::AtomTable;
use crate::term::bits::BitSlice;
use crate::term::{Subtag, Term};

fn class(t: Term) -> u8 {
    if t.is_small() {
        return 0;
    }
    if t.is_atom() {
        return 1;
    }
    if t.is_nil() {
        return 8;
    }
    if t.is_list() {
        return 9;
    }
    if t.is_local_port() {
        return 4;
    }
    if t.is_local_pid() {
        return 5;
    }
    match t.subtag() {
        Some(Subtag::PosBig | Subtag::NegBig | Subtag::Float) => 0,
        Some(Subtag::Ref | Subtag::ExternalRef) => 2,
        Some(Subtag::Fun | Subtag::Export) => 3,
        Some(Subtag::ExternalPort) => 4,
        Some(Subtag::ExternalPid) => 5,
        Some(Subtag::Tuple) => 6,
        Some(Subtag::Map | Subtag::HashMap) => 7,
        _ => 10,
    }
}

/// An integer as (negative, limbs little-endian).
fn int_parts(t: Term) -> (bool, Vec<u64>) {
    if let Some(v) = t.as_small() {
        return (v < 0, alloc::vec![v.unsigned_abs()]);
    }
    let neg = t.subtag() == Some(Subtag::NegBig);
    (neg, t.boxed_words().to_vec())
}

fn cmp_ints(a: Term, b: Term) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    let (na, la) = int_parts(a);
    let (nb, lb) = int_parts(b);
    let mag = |l: &[u64]| -> Vec<u64> {
        let mut v = l.to_vec();
        while v.len() > 1 && v[v.len() - 1] == 0 {
            v.pop();
        }
        v
    };
    let (la, lb) = (mag(&la), mag(&lb));
    let m = la
        .len()
        .cmp(&lb.len())
        .then_with(|| la.iter().rev().cmp(lb.iter().rev()));
    match (na, nb) {
        (false, false) => m,
        (true, true) => m.reverse(),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
    }
}

fn to_f64(t: Term) -> f64 {
    if let Some(f) = t.as_float() {
        return f;
    }
    if let Some(v) = t.as_small() {
        return v as f64;
    }
    let (neg, limbs) = int_parts(t);
    let mut f = 0.0;
    for &l in limbs.iter().rev() {
        f = f * 18446744073709551616.0 + l as f64;
    }
    if neg {
        -f
    } else {
        f
    }
}

fn cmp_numbers(a: Term, b: Term) -> Ordering {
    match (a.is_float(), b.is_float()) {
        (false, false) => cmp_ints(a, b),
        (fa, fb) => to_f64(a)
            .partial_cmp(&to_f64(b))
            .unwrap_or(Ordering::Equal)
            .then(fa.cmp(&fb)),
    }
}

/// Standard term order (number < atom < reference < fun < port < pid < tuple < map < nil <
/// list < bitstring), exact: `1` sorts before `1.0`.
pub fn compare(a: Term, b: Term, atoms: &AtomTable) -> Ordering {
    let mut work = alloc::vec![(a, b)];
    while let Some((a, b)) = work.pop() {
        if a == b {
            continue;
        }
        let (ca, cb) = (class(a), class(b));
        if ca != cb {
            return ca.cmp(&cb);
        }
        let o = match ca {
            0 => cmp_numbers(a, b),
            1 => atoms.name(a).as_bytes().cmp(atoms.name(b).as_bytes()),
            4 | 5 => (a.raw() >> 4).cmp(&(b.raw() >> 4)),
            2 | 3 => {
                if a.is_boxed() && b.is_boxed() {
                    let (wa, wb) = (a.boxed_words(), b.boxed_words());
                    wa.len().cmp(&wb.len()).then_with(|| {
                        let n = wa.len().min(2);
                        wa[..n].iter().rev().cmp(wb[..n].iter().rev())
                    })
                } else {
                    a.raw().cmp(&b.raw())
                }
            }
            6 => {
                let (ta, tb) = (a.tuple().unwrap_or(&[]), b.tuple().unwrap_or(&[]));
                if ta.len() != tb.len() {
                    return ta.len().cmp(&tb.len());
                }
                for i in (0..ta.len()).rev() {
                    work.push((ta[i], tb[i]));
                }
                Ordering::Equal
            }
            7 => {
                let (wa, wb) = (a.boxed_terms(), b.boxed_terms());
                if a.subtag() != Some(Subtag::Map) || b.subtag() != Some(Subtag::Map) {
                    return a.raw().cmp(&b.raw());
                }
                if wa.len() != wb.len() {
                    return wa.len().cmp(&wb.len());
                }
                for i in (2..wa.len()).rev() {
                    work.push((wa[i], wb[i]));
                }
                let (ka, kb) = (wa[1].tuple().unwrap_or(&[]), wb[1].tuple().unwrap_or(&[]));
                for i in (0..ka.len().min(kb.len())).rev() {
                    work.push((ka[i], kb[i]));
                }
                Ordering::Equal
            }
            9 => {
                let (Some((ha, ta)), Some((hb, tb))) = (a.cons(), b.cons()) else {
                    return Ordering::Equal;
                };
                work.push((ta, tb));
                work.push((ha, hb));
                Ordering::Equal
            }
            10 => match (BitSlice::of(a), BitSlice::of(b)) {
                (Some(x), Some(y)) => x.to_vec().cmp(&y.to_vec()).then(x.bit_len.cmp(&y.bit_len)),
                _ => a.raw().cmp(&b.raw()),
            },
            _ => Ordering::Equal,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}
