//! Native functions of module `math`. Arguments may be integers or floats (`badarg` otherwise,
//! `badarith` for a bignum too large for a float); a result that is not a finite float is
//! `badarith`, as on the BEAM. `libm` supplies the functions (`f64::sin` needs `std`).

use super::{BifResult, Ctx, Exception};
use crate::heap::build;
use crate::term::number;
use crate::term::Term;

crate::bifs! { "math";
    "pi", 0 => pi_0;
    "sin", 1 => sin;
    "cos", 1 => cos;
    "tan", 1 => tan;
    "asin", 1 => asin;
    "acos", 1 => acos;
    "atan", 1 => atan;
    "atan2", 2 => atan2;
    "sinh", 1 => sinh;
    "cosh", 1 => cosh;
    "tanh", 1 => tanh;
    "asinh", 1 => asinh;
    "acosh", 1 => acosh;
    "atanh", 1 => atanh;
    "exp", 1 => exp;
    "log", 1 => log;
    "log2", 1 => log2;
    "log10", 1 => log10;
    "pow", 2 => pow;
    "sqrt", 1 => sqrt;
    "erf", 1 => erf;
    "erfc", 1 => erfc;
    "ceil", 1 => ceil;
    "floor", 1 => floor;
    "fmod", 2 => fmod;
}

/// A math argument as a float.
pub fn arg_f64(t: Term) -> Result<f64, Exception> {
    if !t.is_number() {
        return Err(Exception::badarg());
    }
    number::to_f64(t).ok_or_else(Exception::badarith)
}

/// A math result: finite, or `badarith`.
pub fn checked(r: f64) -> Result<f64, Exception> {
    if r.is_finite() {
        Ok(r)
    } else {
        Err(Exception::badarith())
    }
}

fn pi_0(ctx: &mut Ctx, _a: &[Term]) -> BifResult {
    Ok(build::float(&mut ctx.proc.heap, core::f64::consts::PI))
}

/// `math:F/1` for a float function.
pub fn apply1(f: fn(f64) -> f64, x: Term) -> Result<f64, Exception> {
    checked(f(arg_f64(x)?))
}

/// `math:F/2` for a float function.
pub fn apply2(f: fn(f64, f64) -> f64, x: Term, y: Term) -> Result<f64, Exception> {
    let (p, q) = (arg_f64(x)?, arg_f64(y)?);
    checked(f(p, q))
}

macro_rules! math1 {
    ($($name:ident => $f:path;)*) => {$(
        fn $name(ctx: &mut Ctx, a: &[Term]) -> BifResult {
            let r = apply1($f, a[0])?;
            Ok(build::float(&mut ctx.proc.heap, r))
        }
    )*};
}

macro_rules! math2 {
    ($($name:ident => $f:path;)*) => {$(
        fn $name(ctx: &mut Ctx, a: &[Term]) -> BifResult {
            let r = apply2($f, a[0], a[1])?;
            Ok(build::float(&mut ctx.proc.heap, r))
        }
    )*};
}

math1! {
    sin => libm::sin;
    cos => libm::cos;
    tan => libm::tan;
    asin => libm::asin;
    acos => libm::acos;
    atan => libm::atan;
    sinh => libm::sinh;
    cosh => libm::cosh;
    tanh => libm::tanh;
    asinh => libm::asinh;
    acosh => libm::acosh;
    atanh => libm::atanh;
    exp => libm::exp;
    log => libm::log;
    log2 => libm::log2;
    log10 => libm::log10;
    sqrt => libm::sqrt;
    erf => libm::erf;
    erfc => libm::erfc;
    ceil => libm::ceil;
    floor => libm::floor;
}

math2! {
    atan2 => libm::atan2;
    pow => libm::pow;
    fmod => libm::fmod;
}

#[cfg(test)]
#[allow(clippy::approx_constant)] // literal test data from erl
mod tests {
    use super::*;
    use crate::heap::Arena;
    use num_bigint::BigInt;

    fn ok1(f: fn(f64) -> f64, x: f64) -> f64 {
        let h = &mut Arena::new();
        apply1(f, build::float(h, x)).unwrap()
    }

    fn i1(f: fn(f64) -> f64, x: i64) -> Result<f64, Exception> {
        apply1(f, Term::small(x))
    }

    fn i2(f: fn(f64, f64) -> f64, x: i64, y: f64) -> Result<f64, Exception> {
        let h = &mut Arena::new();
        apply2(f, Term::small(x), build::float(h, y))
    }

    /// Values from OTP 25's `erl`.
    #[test]
    fn results_match_erl() {
        assert_eq!(i1(libm::sin, 1).unwrap(), 0.8414709848078965);
        assert_eq!(ok1(libm::atanh, 0.5), 0.5493061443340548);
        assert_eq!(i2(libm::fmod, -7, 3.0).unwrap(), -1.0);
        assert_eq!(ok1(libm::exp, -1000.0), 0.0);
        assert_eq!(i1(libm::log10, 1000).unwrap(), 3.0);
        assert_eq!(i1(libm::log2, 8).unwrap(), 3.0);
        assert_eq!(i2(libm::atan2, 0, 0.0).unwrap(), 0.0);
        assert_eq!(i2(libm::atan2, 1, -1.0).unwrap(), 2.356194490192345);
        assert_eq!(i1(libm::ceil, 1).unwrap(), 1.0);
        assert_eq!(ok1(libm::ceil, -1.5), -1.0);
        assert_eq!(ok1(libm::floor, -0.5), -1.0);
        assert_eq!(ok1(libm::erf, 0.5), 0.5204998778130465);
        assert_eq!(ok1(libm::erfc, 0.5), 0.4795001221869535);
        assert_eq!(i1(libm::sinh, 1).unwrap(), 1.1752011936438014);
        assert_eq!(i1(libm::tanh, 1).unwrap(), 0.7615941559557649);
        assert_eq!(i1(libm::asinh, 1).unwrap(), 0.881373587019543);
        assert_eq!(i1(libm::acosh, 2).unwrap(), 1.3169578969248166);
        assert_eq!(i1(libm::tan, 1).unwrap(), 1.5574077246549023);
        assert_eq!(ok1(libm::asin, 0.5), 0.5235987755982989);
        assert_eq!(i1(libm::atan, 1).unwrap(), 0.7853981633974483);
        assert_eq!(ok1(libm::log, 2.718281828459045), 1.0);
        assert_eq!(i1(libm::sqrt, 2).unwrap(), 1.4142135623730951);
        assert_eq!(i2(libm::pow, 2, 0.5).unwrap(), 1.4142135623730951);
        assert!(ok1(libm::sqrt, -0.0).is_sign_negative());
    }

    #[test]
    fn domain_errors_are_badarith() {
        let is_badarith =
            |r: Result<f64, Exception>| matches!(r, Err(e) if e.reason == crate::atom::BADARITH);
        assert!(is_badarith(i1(libm::log, 0)));
        assert!(is_badarith(i1(libm::log, -1)));
        assert!(is_badarith(i1(libm::sqrt, -1)));
        assert!(is_badarith(i1(libm::acos, 2)));
        assert!(is_badarith(i1(libm::atanh, 1)));
        assert!(is_badarith(i1(libm::exp, 1000)));
        assert!(is_badarith(i1(libm::log2, 0)));
        assert!(is_badarith(i1(libm::cosh, 1000)));
        assert!(is_badarith(i2(libm::pow, 0, -1.0)));
        assert!(is_badarith(i2(libm::pow, -8, 1.0 / 3.0)));
        assert!(is_badarith(i2(libm::pow, 2, 1024.0)));
        assert!(is_badarith(i2(libm::fmod, 1, 0.0)));
        let h = &mut Arena::new();
        let huge = build::bigint(h, &(BigInt::from(1) << 1024usize));
        assert!(is_badarith(apply1(libm::sin, huge)));
        assert!(matches!(apply1(libm::sin, crate::atom::OK),
            Err(e) if e.reason == crate::atom::BADARG));
    }
}
