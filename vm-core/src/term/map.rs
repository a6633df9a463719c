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
