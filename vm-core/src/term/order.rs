//! Term order and equality (`==` vs `=:=`), as the BEAM defines them.

use super::Term;

/// `=:=`.
pub fn exact_eq(a: Term, b: Term) -> bool {
    a == b
}
