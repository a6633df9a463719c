//! Numbers: integers (small and bignum) and floats. (Placeholder until the numbers work lands.)

use num_bigint::{BigInt, Sign};

use super::{Subtag, Term};

/// The value of an integer term as a `BigInt`.
pub fn to_bigint(t: Term) -> Option<BigInt> {
    if let Some(v) = t.as_small() {
        return Some(BigInt::from(v));
    }
    let sign = match t.subtag()? {
        Subtag::PosBig => Sign::Plus,
        Subtag::NegBig => Sign::Minus,
        _ => return None,
    };
    let limbs = t.boxed_words();
    let mut bytes = alloc::vec::Vec::with_capacity(limbs.len() * 8);
    for l in limbs {
        bytes.extend_from_slice(&l.to_le_bytes());
    }
    Some(BigInt::from_bytes_le(sign, &bytes))
}
