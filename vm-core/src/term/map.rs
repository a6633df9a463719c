//! Maps: flat maps (up to 32 keys, sorted in term order) and hash-array mapped tries above.
//! (Placeholder until the maps work lands.)

use alloc::vec::Vec;

use super::Term;
use crate::atom::AtomTable;

/// The map's pairs in exact key order.
pub fn to_sorted_pairs(m: Term, _atoms: &AtomTable) -> Vec<(Term, Term)> {
    let w = m.boxed_terms();
    let keys = w[1].tuple().unwrap_or(&[]);
    keys.iter().copied().zip(w[2..].iter().copied()).collect()
}

/// Placeholder: value of `key`.
pub fn get(m: Term, key: Term, atoms: &AtomTable) -> Option<Term> {
    to_sorted_pairs(m, atoms)
        .into_iter()
        .find(|(k, _)| super::order::exact_eq(*k, key))
        .map(|(_, v)| v)
}

/// Placeholder: `m` with the pairs put.
pub fn put_many(
    m: Term,
    pairs: &[(Term, Term)],
    h: &mut impl crate::heap::Alloc,
    atoms: &AtomTable,
) -> Term {
    let mut all = to_sorted_pairs(m, atoms);
    for (k, v) in pairs {
        match all.iter_mut().find(|(x, _)| super::order::exact_eq(*x, *k)) {
            Some(e) => e.1 = *v,
            None => all.push((*k, *v)),
        }
    }
    all.sort_by(|a, b| super::order::compare_exact(a.0, b.0, atoms));
    let ks: Vec<Term> = all.iter().map(|p| p.0).collect();
    let vs: Vec<Term> = all.iter().map(|p| p.1).collect();
    crate::heap::build::flatmap(h, &ks, &vs)
}

/// Placeholder: `m` with existing keys updated.
pub fn update_many(
    m: Term,
    pairs: &[(Term, Term)],
    h: &mut impl crate::heap::Alloc,
    atoms: &AtomTable,
) -> Result<Term, Term> {
    for (k, _) in pairs {
        if get(m, *k, atoms).is_none() {
            return Err(*k);
        }
    }
    Ok(put_many(m, pairs, h, atoms))
}
