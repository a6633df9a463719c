//! Term order and equality, as the BEAM defines them:
//! `number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring`.
//!
//! Two orders exist. The arithmetic one (`==`, `<`, `lists:sort`) compares integers and floats
//! by value (`1 == 1.0`). The exact one (`=:=`, map key order) never equates an integer with a
//! float and puts every integer before every float.

use core::cmp::Ordering;

use super::bits::BitSlice;
use super::{Subtag, Term};
use crate::atom::AtomTable;

/// Type rank in term order.
fn rank(t: Term) -> u8 {
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
    if t.is_local_pid() {
        return 5;
    }
    if t.is_local_port() {
        return 4;
    }
    match t.subtag() {
        Some(Subtag::PosBig | Subtag::NegBig | Subtag::Float) => 0,
        Some(Subtag::Ref | Subtag::ExternalRef) => 2,
        Some(Subtag::Fun | Subtag::Export) => 3,
        Some(Subtag::ExternalPort) => 4,
        Some(Subtag::ExternalPid) => 5,
        Some(Subtag::Tuple) => 6,
        Some(Subtag::Map | Subtag::HashMap) => 7,
        Some(Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin | Subtag::MatchState) => 10,
        None => 11,
    }
}

/// Arithmetic term order (`<`, `==`, `lists:sort/1`).
pub fn compare(a: Term, b: Term, atoms: &AtomTable) -> Ordering {
    cmp(a, b, atoms, false)
}

/// Exact term order (map keys): integers before floats.
pub fn compare_exact(a: Term, b: Term, atoms: &AtomTable) -> Ordering {
    cmp(a, b, atoms, true)
}

/// Stable sort of key/value pairs by key, in exact or arithmetic term order. Every pair sort
/// goes through here: one copy of the standard sort instead of one per call site.
#[inline(never)]
pub fn sort_pairs_by_key(v: &mut [(Term, Term)], exact: bool, atoms: &AtomTable) {
    v.sort_by(|x, y| cmp(x.0, y.0, atoms, exact));
}

/// `==`.
pub fn eq(a: Term, b: Term, atoms: &AtomTable) -> bool {
    a == b || cmp(a, b, atoms, false) == Ordering::Equal
}

/// `=:=`. Structural; needs no atom names.
#[inline]
pub fn exact_eq(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if a.is_immediate() || b.is_immediate() {
        return false;
    }
    exact_eq_boxed(a, b)
}

/// [`exact_eq`] for two different non-immediate terms: a walk of both.
#[inline(never)]
fn exact_eq_boxed(a: Term, b: Term) -> bool {
    // The first pair is taken without the work list, so leaves (a reference compared on every
    // receive that waits for a reply) never allocate one.
    let mut work: alloc::vec::Vec<(Term, Term)> = alloc::vec::Vec::new();
    let mut next = Some((a, b));
    while let Some((a, b)) = next.take().or_else(|| work.pop()) {
        if a == b {
            continue;
        }
        if a.is_immediate() || b.is_immediate() {
            return false;
        }
        if a.is_list() {
            let (Some((ha, ta)), Some((hb, tb))) = (a.cons(), b.cons()) else {
                return false;
            };
            work.push((ta, tb));
            work.push((ha, hb));
            continue;
        }
        let (Some(sa), Some(sb)) = (a.subtag(), b.subtag()) else {
            return false;
        };
        match (sa, sb) {
            (Subtag::Float, Subtag::Float) => {
                if a.as_float() != b.as_float() {
                    return false;
                }
            }
            _ if is_bits(sa) && is_bits(sb) => {
                let (x, y) = (BitSlice::of(a).unwrap(), BitSlice::of(b).unwrap());
                if cmp_bits(&x, &y) != Ordering::Equal {
                    return false;
                }
            }
            _ if sa != sb => return false,
            (Subtag::Tuple | Subtag::Map | Subtag::Export, _) => {
                let (ea, eb) = (a.boxed_terms(), b.boxed_terms());
                if ea.len() != eb.len() {
                    return false;
                }
                for (x, y) in ea.iter().zip(eb.iter()) {
                    work.push((*x, *y));
                }
            }
            (Subtag::HashMap, _) => {
                // Same keys give the same trie shape, so compare node by node.
                let (wa, wb) = (a.boxed_words(), b.boxed_words());
                if wa.len() != wb.len() || wa[0] != wb[0] {
                    return false;
                }
                for (x, y) in a.boxed_terms()[1..].iter().zip(b.boxed_terms()[1..].iter()) {
                    work.push((*x, *y));
                }
            }
            (Subtag::Fun, _) => {
                let (wa, wb) = (a.boxed_words(), b.boxed_words());
                if wa.len() != wb.len() || wa[0] != wb[0] || wa[1] != wb[1] {
                    return false;
                }
                for (x, y) in a.boxed_terms()[2..].iter().zip(b.boxed_terms()[2..].iter()) {
                    work.push((*x, *y));
                }
            }
            (Subtag::Ref, _) => {
                if !words_eq(ref_id_words(&a), ref_id_words(&b)) {
                    return false;
                }
            }
            _ => {
                // Raw objects: bignums, external identifiers.
                if !words_eq(a.boxed_words(), b.boxed_words()) {
                    return false;
                }
            }
        }
    }
    true
}

/// Word by word: slice equality would call `memcmp`, which compares bytes one at a time in the
/// wasm build.
fn words_eq(a: &[u64], b: &[u64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The words that make a reference's identity: its numbers. A magic reference's link and
/// resource pointer differ between copies of the same reference, so they are left out (which also
/// makes a plain reference with the same numbers, e.g. one decoded from its external form, equal).
fn ref_id_words(t: &Term) -> &[u64] {
    let w = t.boxed_words();
    match t.subtag() {
        Some(Subtag::Ref) => &w[..w.len().min(2)],
        _ => w,
    }
}

fn is_bits(s: Subtag) -> bool {
    matches!(s, Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin)
}

fn cmp(a: Term, b: Term, atoms: &AtomTable, exact: bool) -> Ordering {
    // Iterative over list tails and the last tuple element keeps long lists from recursing deeply.
    let (mut a, mut b) = (a, b);
    loop {
        if a == b {
            return Ordering::Equal;
        }
        if a.is_small() && b.is_small() {
            return a.small_value().cmp(&b.small_value());
        }
        if a.is_atom() && b.is_atom() {
            return atoms.name(a).as_bytes().cmp(atoms.name(b).as_bytes());
        }
        let (ra, rb) = (rank(a), rank(b));
        if ra != rb {
            return ra.cmp(&rb);
        }
        match ra {
            0 => return cmp_numbers(a, b, exact),
            2 => {
                return ref_id_words(&a)
                    .iter()
                    .rev()
                    .cmp(ref_id_words(&b).iter().rev())
            }
            3 => return cmp_funs(a, b, atoms, exact),
            4 | 5 => return a.raw().cmp(&b.raw()),
            6 => {
                let (ea, eb) = (a.tuple().unwrap(), b.tuple().unwrap());
                if ea.len() != eb.len() {
                    return ea.len().cmp(&eb.len());
                }
                if ea.is_empty() {
                    return Ordering::Equal;
                }
                for i in 0..ea.len() - 1 {
                    let o = cmp(ea[i], eb[i], atoms, exact);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                let (la, lb) = (ea[ea.len() - 1], eb[eb.len() - 1]);
                a = la;
                b = lb;
            }
            7 => return cmp_maps(a, b, atoms, exact),
            9 => {
                let (ha, ta) = a.cons().unwrap();
                let (hb, tb) = b.cons().unwrap();
                let o = cmp(ha, hb, atoms, exact);
                if o != Ordering::Equal {
                    return o;
                }
                a = ta;
                b = tb;
            }
            10 => {
                let (x, y) = (BitSlice::of(a).unwrap(), BitSlice::of(b).unwrap());
                return cmp_bits(&x, &y);
            }
            _ => return Ordering::Equal,
        }
    }
}

fn cmp_bits(x: &BitSlice, y: &BitSlice) -> Ordering {
    if let (Some(p), Some(q)) = (x.as_bytes(), y.as_bytes()) {
        return p.cmp(q);
    }
    let n = x.bit_len.min(y.bit_len);
    let full = n / 8;
    for i in 0..full {
        let o = x.byte(i).cmp(&y.byte(i));
        if o != Ordering::Equal {
            return o;
        }
    }
    let rest = n % 8;
    if rest > 0 {
        let o = x
            .read_bits(full * 8, rest)
            .cmp(&y.read_bits(full * 8, rest));
        if o != Ordering::Equal {
            return o;
        }
    }
    x.bit_len.cmp(&y.bit_len)
}

fn cmp_funs(a: Term, b: Term, atoms: &AtomTable, exact: bool) -> Ordering {
    let (sa, sb) = (a.subtag().unwrap(), b.subtag().unwrap());
    match (sa, sb) {
        (Subtag::Export, Subtag::Export) => {
            let (x, y) = (a.boxed_terms(), b.boxed_terms());
            for i in 0..3 {
                let o = cmp(x[i], y[i], atoms, exact);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        }
        // Local funs sort before export funs (ERTS compares the fun kind first).
        (Subtag::Fun, Subtag::Export) => Ordering::Less,
        (Subtag::Export, Subtag::Fun) => Ordering::Greater,
        _ => {
            let (wa, wb) = (a.boxed_words(), b.boxed_words());
            wa[0].cmp(&wb[0]).then(wa[1].cmp(&wb[1])).then_with(|| {
                for (x, y) in a.boxed_terms()[2..].iter().zip(b.boxed_terms()[2..].iter()) {
                    let o = cmp(*x, *y, atoms, exact);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                wa.len().cmp(&wb.len())
            })
        }
    }
}

/// Maps: by size, then keys in exact order, then values in key order.
fn cmp_maps(a: Term, b: Term, atoms: &AtomTable, exact: bool) -> Ordering {
    let pa = super::map::to_sorted_pairs(a, atoms);
    let pb = super::map::to_sorted_pairs(b, atoms);
    if pa.len() != pb.len() {
        return pa.len().cmp(&pb.len());
    }
    for (x, y) in pa.iter().zip(pb.iter()) {
        let o = cmp(x.0, y.0, atoms, true);
        if o != Ordering::Equal {
            return o;
        }
    }
    for (x, y) in pa.iter().zip(pb.iter()) {
        let o = cmp(x.1, y.1, atoms, exact);
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

fn cmp_numbers(a: Term, b: Term, exact: bool) -> Ordering {
    if exact && a.is_float() != b.is_float() {
        // Exact order: every integer before every float.
        return if a.is_float() {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    super::number::compare_numbers(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::{build, Heap};
    use num_bigint::BigInt;

    #[test]
    fn numbers_compare_by_value_and_exactly() {
        let mut h = Heap::new(233);
        let atoms = AtomTable::new();
        let one = Term::small(1);
        let onef = build::float(&mut h, 1.0);
        assert_eq!(compare(one, onef, &atoms), Ordering::Equal);
        assert!(eq(one, onef, &atoms));
        assert!(!exact_eq(one, onef));
        assert_eq!(
            compare_exact(Term::small(2), build::float(&mut h, 0.5), &atoms),
            Ordering::Less
        );
        let big = build::bigint(&mut h, &(BigInt::from(1u8) << 100));
        assert_eq!(
            compare(big, build::float(&mut h, 1e30), &atoms),
            Ordering::Greater
        );
        assert_eq!(
            compare(Term::small(-3), build::float(&mut h, -2.5), &atoms),
            Ordering::Less
        );
    }

    #[test]
    fn types_are_ranked() {
        let mut h = Heap::new(233);
        let mut atoms = AtomTable::new();
        let a = atoms.intern("a");
        let t = build::tuple(&mut h, &[]);
        let l = build::list(&mut h, &[Term::small(1)]);
        let b = build::binary(&mut h, b"");
        let order = [Term::small(5), a, t, Term::NIL, l, b];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1], &atoms), Ordering::Less);
        }
    }
}
