//! Numbers: small integers, bignums and floats, and the arithmetic the BEAM defines on them.
//!
//! Every operator here takes terms and an allocator and returns a term or the exception the BEAM
//! raises (`badarith` for non-numbers, division by zero and non-finite float results;
//! `system_limit` for integers larger than the BEAM allows). Small-with-small is the fast path;
//! everything else goes through `BigInt` or `f64`.

use core::cmp::Ordering;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{Subtag, Term};
use crate::bif::Exception;
use crate::heap::{build, Alloc};

/// Largest magnitude, in bits, of an integer the BEAM can hold (2^19 - 1 64-bit digits).
pub const MAX_INTEGER_BITS: u64 = 64 * ((1 << 19) - 1);

/// A number seen by value.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Small(i64),
    Big(BigInt),
    Float(f64),
}

impl Num {
    /// The number behind a term; `None` for non-numbers.
    pub fn of(t: Term) -> Option<Num> {
        if let Some(v) = t.as_small() {
            return Some(Num::Small(v));
        }
        match t.subtag()? {
            Subtag::PosBig | Subtag::NegBig => to_bigint(t).map(Num::Big),
            Subtag::Float => t.as_float().map(Num::Float),
            _ => None,
        }
    }
}

/// The magnitude limbs (least significant first) and sign of a bignum term.
pub fn big_limbs(t: &Term) -> Option<(bool, &[u64])> {
    match t.subtag()? {
        Subtag::PosBig => Some((false, t.boxed_words())),
        Subtag::NegBig => Some((true, t.boxed_words())),
        _ => None,
    }
}

/// Any integer term (small or bignum) as a `BigInt`.
pub fn to_bigint(t: Term) -> Option<BigInt> {
    if let Some(v) = t.as_small() {
        return Some(BigInt::from(v));
    }
    let (neg, limbs) = big_limbs(&t)?;
    let mag = num_bigint::BigUint::new(limbs_to_u32(limbs));
    Some(BigInt::from_biguint(
        if neg { Sign::Minus } else { Sign::Plus },
        mag,
    ))
}

fn limbs_to_u32(limbs: &[u64]) -> alloc::vec::Vec<u32> {
    let mut v = alloc::vec![0u32; limbs.len() * 2];
    for (d, &l) in v.chunks_exact_mut(2).zip(limbs) {
        d[0] = l as u32;
        d[1] = (l >> 32) as u32;
    }
    v
}

/// A bignum converted to a float the way ERTS does it (most significant digit first,
/// `d = d * 2^64 + digit`, which rounds twice); `None` when it overflows.
pub fn big_to_f64(neg: bool, limbs: &[u64]) -> Option<f64> {
    const BASE: f64 = 18446744073709551616.0;
    let mut d = 0.0f64;
    for &l in limbs.iter().rev() {
        d = d * BASE + l as f64;
        if !d.is_finite() {
            return None;
        }
    }
    Some(if neg { -d } else { d })
}

/// A number as a float (`fconv`, mixed arithmetic); `None` for non-numbers and for bignums too
/// large for a float.
pub fn to_f64(t: Term) -> Option<f64> {
    if let Some(v) = t.as_small() {
        return Some(v as f64);
    }
    if let Some(f) = t.as_float() {
        return Some(f);
    }
    let (neg, limbs) = big_limbs(&t)?;
    big_to_f64(neg, limbs)
}

fn bigint_to_f64(v: &BigInt) -> Option<f64> {
    let (sign, limbs) = v.to_u64_digits();
    big_to_f64(sign == Sign::Minus, &limbs)
}

/// The exact integer value of an integral float (callers truncate/round first).
pub fn float_to_bigint(f: f64) -> BigInt {
    if f.abs() < 9.0e15 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let shift = exp - 1075;
    let mut v = BigInt::from(mant);
    if shift >= 0 {
        v <<= shift as usize;
    } else {
        v >>= (-shift) as usize;
    }
    if f < 0.0 {
        -v
    } else {
        v
    }
}

/// An integral float as an integer term.
pub fn float_to_integer(h: &mut impl Alloc, f: f64) -> Term {
    if f.abs() < 5.0e17 {
        Term::small(f as i64)
    } else {
        build::bigint(h, &float_to_bigint(f))
    }
}

#[inline]
fn int_result(h: &mut impl Alloc, v: i64) -> Term {
    build::int(h, v)
}

/// A `BigInt` result, or `system_limit` when it is larger than the BEAM allows.
pub fn big_result(h: &mut impl Alloc, v: &BigInt) -> Result<Term, Exception> {
    if v.bits() > MAX_INTEGER_BITS {
        return Err(Exception::system_limit());
    }
    Ok(build::bigint(h, v))
}

#[inline]
fn float_result(h: &mut impl Alloc, f: f64) -> Result<Term, Exception> {
    if f.is_finite() {
        Ok(build::float(h, f))
    } else {
        Err(Exception::badarith())
    }
}

/// Both operands as floats, or `badarith`.
fn both_f64(a: &Num, b: &Num) -> Result<(f64, f64), Exception> {
    Ok((num_f64(a)?, num_f64(b)?))
}

fn num_f64(n: &Num) -> Result<f64, Exception> {
    match n {
        Num::Small(v) => Ok(*v as f64),
        Num::Float(f) => Ok(*f),
        Num::Big(b) => bigint_to_f64(b).ok_or_else(Exception::badarith),
    }
}

fn num_big(n: &Num) -> Option<BigInt> {
    match n {
        Num::Small(v) => Some(BigInt::from(*v)),
        Num::Big(b) => Some(b.clone()),
        Num::Float(_) => None,
    }
}

/// [`num_big`] without the copy.
fn into_big(n: Num) -> Option<BigInt> {
    match n {
        Num::Small(v) => Some(BigInt::from(v)),
        Num::Big(b) => Some(b),
        Num::Float(_) => None,
    }
}

fn nums(a: Term, b: Term) -> Result<(Num, Num), Exception> {
    match (Num::of(a), Num::of(b)) {
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(Exception::badarith()),
    }
}

/// Integer operands as `BigInt`s, or `badarith`.
fn ints(a: Term, b: Term) -> Result<(BigInt, BigInt), Exception> {
    match (to_bigint(a), to_bigint(b)) {
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(Exception::badarith()),
    }
}

/// Shared shape of `+`, `-` and `*`: small fast path, then float or bignum.
macro_rules! arith_op {
    ($name:ident, $checked:path, $op:ident) => {
        pub fn $name(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
            if a.is_small() && b.is_small() {
                if let Some(v) = $checked(a.small_value(), b.small_value()) {
                    return Ok(int_result(h, v));
                }
            }
            slow_op(SlowOp::$op, a, b, h)
        }
    };
}

/// The operators whose non-small cases share [`slow_op`].
#[derive(Clone, Copy)]
enum SlowOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
}

/// The float and bignum cases of the two-operand operators: compiled once for all of them and
/// every heap type (they are rare; inlined copies made up much of the wasm's size).
#[inline(never)]
fn slow_op(op: SlowOp, a: Term, b: Term, h: &mut dyn Alloc) -> Result<Term, Exception> {
    let h = &mut crate::heap::DynAlloc(h);
    match op {
        SlowOp::Add | SlowOp::Sub | SlowOp::Mul => {
            let (x, y) = nums(a, b)?;
            if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
                let (p, q) = both_f64(&x, &y)?;
                return float_result(
                    h,
                    match op {
                        SlowOp::Add => p + q,
                        SlowOp::Sub => p - q,
                        _ => p * q,
                    },
                );
            }
            let (Some(p), Some(q)) = (into_big(x), into_big(y)) else {
                return Err(Exception::badarith());
            };
            big_result(
                h,
                &match op {
                    SlowOp::Add => p + q,
                    SlowOp::Sub => p - q,
                    _ => p * q,
                },
            )
        }
        SlowOp::Div | SlowOp::Rem => {
            let (x, y) = ints(a, b)?;
            if y.is_zero() {
                return Err(Exception::badarith());
            }
            big_result(
                h,
                &if matches!(op, SlowOp::Div) {
                    x / y
                } else {
                    x % y
                },
            )
        }
        SlowOp::Band | SlowOp::Bor | SlowOp::Bxor => {
            let (x, y) = ints(a, b)?;
            big_result(
                h,
                &match op {
                    SlowOp::Band => x & y,
                    SlowOp::Bor => x | y,
                    _ => x ^ y,
                },
            )
        }
    }
}

arith_op!(add, i64::checked_add, Add);
arith_op!(sub, i64::checked_sub, Sub);
arith_op!(mul, small_mul, Mul);

/// `x * y` unless it overflows an i64. On wasm32 a checked 64-bit multiply is a call to a
/// 128-bit helper; operands of 32 bits cannot overflow, so they take a plain multiply.
#[inline(always)]
pub fn small_mul(x: i64, y: i64) -> Option<i64> {
    #[cfg(target_pointer_width = "32")]
    if x as i32 as i64 == x && y as i32 as i64 == y {
        return Some(x * y);
    }
    x.checked_mul(y)
}

/// `/`: always a float.
pub fn fdiv(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    let (x, y) = nums(a, b)?;
    let (p, q) = both_f64(&x, &y)?;
    if q == 0.0 {
        return Err(Exception::badarith());
    }
    float_result(h, p / q)
}

/// `div`: integer division truncating toward zero.
pub fn int_div(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if y == 0 {
            return Err(Exception::badarith());
        }
        return Ok(int_result(h, x / y));
    }
    slow_op(SlowOp::Div, a, b, h)
}

/// `rem`: remainder with the sign of the dividend.
pub fn rem(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        if y == 0 {
            return Err(Exception::badarith());
        }
        return Ok(int_result(h, x % y));
    }
    slow_op(SlowOp::Rem, a, b, h)
}

macro_rules! bit_op {
    ($name:ident, $op:tt, $slow:ident) => {
        pub fn $name(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
            if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
                return Ok(Term::small(x $op y));
            }
            slow_op(SlowOp::$slow, a, b, h)
        }
    };
}

bit_op!(band, &, Band);
bit_op!(bor, |, Bor);
bit_op!(bxor, ^, Bxor);

/// `bsl`: shift left by `b` (right when negative).
pub fn bsl(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    if !a.is_integer() {
        return Err(Exception::badarith());
    }
    match b.as_small() {
        Some(n) => shift(a, n, h),
        None => match big_limbs(&b) {
            Some((neg, _)) => huge_shift(a, !neg),
            None => Err(Exception::badarith()),
        },
    }
}

/// `bsr`: shift right by `b` (left when negative).
pub fn bsr(a: Term, b: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    if !a.is_integer() {
        return Err(Exception::badarith());
    }
    match b.as_small() {
        Some(n) => shift(a, -n, h),
        None => match big_limbs(&b) {
            Some((neg, _)) => huge_shift(a, neg),
            None => Err(Exception::badarith()),
        },
    }
}

/// A shift by a bignum amount: left is `system_limit` unless the value is 0; right leaves the
/// sign (0 or -1).
fn huge_shift(a: Term, left: bool) -> Result<Term, Exception> {
    let negative = is_negative(a);
    if left {
        if a == Term::small(0) {
            Ok(a)
        } else {
            Err(Exception::system_limit())
        }
    } else {
        Ok(Term::small(if negative { -1 } else { 0 }))
    }
}

fn is_negative(a: Term) -> bool {
    match a.as_small() {
        Some(v) => v < 0,
        None => matches!(big_limbs(&a), Some((true, _))),
    }
}

/// Arithmetic shift of integer `a` left by `n` bits (right when `n` is negative).
fn shift(a: Term, n: i64, h: &mut impl Alloc) -> Result<Term, Exception> {
    if let Some(x) = a.as_small() {
        if n <= 0 {
            let r = if n <= -64 { x >> 63 } else { x >> (-n) };
            return Ok(Term::small(r));
        }
        if x == 0 {
            return Ok(a);
        }
        if n < 64 {
            let r = (x as i128) << n;
            if r >= i64::MIN as i128 && r <= i64::MAX as i128 {
                return Ok(int_result(h, r as i64));
            }
        }
    }
    let x = to_bigint(a).ok_or_else(Exception::badarith)?;
    if n >= 0 {
        if x.is_zero() {
            return Ok(Term::small(0));
        }
        if x.bits() + n as u64 > MAX_INTEGER_BITS {
            return Err(Exception::system_limit());
        }
        big_result(h, &(x << n as usize))
    } else {
        let m = n.unsigned_abs();
        if m >= x.bits() {
            return Ok(Term::small(if x.is_negative() { -1 } else { 0 }));
        }
        // BigInt's `>>` rounds toward negative infinity, like an arithmetic shift.
        big_result(h, &(x >> m as usize))
    }
}

/// Unary `-`.
pub fn neg(a: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    match Num::of(a).ok_or_else(Exception::badarith)? {
        Num::Small(v) => Ok(int_result(h, -v)),
        Num::Big(b) => big_result(h, &-b),
        Num::Float(f) => Ok(build::float(h, -f)),
    }
}

/// `bnot`.
pub fn bnot(a: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    if let Some(v) = a.as_small() {
        return Ok(Term::small(!v));
    }
    let x = to_bigint(a).ok_or_else(Exception::badarith)?;
    big_result(h, &(-x - 1))
}

/// `abs/1` (the BIF raises `badarg` for non-numbers; callers map the error).
pub fn abs(a: Term, h: &mut impl Alloc) -> Result<Term, Exception> {
    match Num::of(a).ok_or_else(Exception::badarg)? {
        Num::Small(v) => Ok(int_result(h, v.abs())),
        Num::Big(b) => big_result(h, &b.abs()),
        // Like ERTS, only a value below zero is negated: abs(-0.0) stays -0.0.
        Num::Float(f) => Ok(if f < 0.0 { build::float(h, -f) } else { a }),
    }
}

/// Exact comparison of two numbers (integers and floats mixed), as the BEAM's term order does
/// it: an integer and a float are compared by value without rounding the integer.
/// Callers pass numbers only; anything else compares as equal.
pub fn compare_numbers(a: Term, b: Term) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return x.cmp(&y);
    }
    let (x, y) = match (Num::of(a), Num::of(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return Ordering::Equal,
    };
    compare_num(&x, &y)
}

/// [`compare_numbers`] on values.
pub fn compare_num(x: &Num, y: &Num) -> Ordering {
    match (x, y) {
        (Num::Small(p), Num::Small(q)) => p.cmp(q),
        (Num::Float(p), Num::Float(q)) => p.partial_cmp(q).unwrap_or(Ordering::Equal),
        (Num::Float(f), i) => compare_int_float(i, *f).reverse(),
        (i, Num::Float(f)) => compare_int_float(i, *f),
        (p, q) => num_big(p).unwrap().cmp(&num_big(q).unwrap()),
    }
}

/// Compares an integer with a float exactly.
fn compare_int_float(i: &Num, f: f64) -> Ordering {
    let t = libm::trunc(f);
    // The integer against the float's integer part, then the fraction decides ties.
    let ord = match i {
        Num::Small(v) if t.abs() < 9.0e18 => v.cmp(&(t as i64)),
        _ => num_big(i).unwrap().cmp(&float_to_bigint(t)),
    };
    if ord != Ordering::Equal {
        return ord;
    }
    if f > t {
        Ordering::Less
    } else if f < t {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// Numeric equality (`==`) between two numbers.
pub fn numbers_eq(a: Term, b: Term) -> bool {
    compare_numbers(a, b) == Ordering::Equal
}

/// Integer division and remainder with floor semantics (for BIFs that need them).
pub fn div_mod_floor(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    a.div_mod_floor(b)
}

/// An integer term as `i64` when it fits.
pub fn to_i64(t: Term) -> Option<i64> {
    if let Some(v) = t.as_small() {
        return Some(v);
    }
    to_bigint(t)?.to_i64()
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod tests;
