//! Expected values below come from OTP 25's `erl`.

use super::*;
use crate::atom;
use crate::heap::Arena;
use alloc::string::{String, ToString};

fn int(h: &mut Arena, s: &str) -> Term {
    let v: BigInt = s.parse().unwrap();
    build::bigint(h, &v)
}

fn pow2(h: &mut Arena, n: u32) -> Term {
    build::bigint(h, &(BigInt::from(1) << n as usize))
}

/// Renders a result the way the checks below spell it: integers in decimal, floats with Rust's
/// shortest round-trip digits, errors as their reason atom's name.
fn show(r: Result<Term, Exception>) -> String {
    match r {
        Err(e) if e.reason == atom::BADARITH => "badarith".into(),
        Err(e) if e.reason == atom::SYSTEM_LIMIT => "system_limit".into(),
        Err(e) if e.reason == atom::BADARG => "badarg".into(),
        Err(_) => "error".into(),
        Ok(t) => {
            if let Some(f) = t.as_float() {
                alloc::format!("{f:?}")
            } else {
                to_bigint(t).unwrap().to_string()
            }
        }
    }
}

#[test]
fn small_arithmetic() {
    let h = &mut Arena::new();
    let s = Term::small;
    assert_eq!(show(add(s(2), s(3), h)), "5");
    assert_eq!(show(sub(s(2), s(3), h)), "-1");
    assert_eq!(show(mul(s(-7), s(6), h)), "-42");
    assert_eq!(show(int_div(s(-7), s(2), h)), "-3");
    assert_eq!(show(rem(s(-7), s(2), h)), "-1");
    assert_eq!(show(rem(s(7), s(-2), h)), "1");
    assert_eq!(show(int_div(s(7), s(0), h)), "badarith");
    assert_eq!(show(rem(s(7), s(0), h)), "badarith");
    assert_eq!(show(fdiv(s(7), s(2), h)), "3.5");
    assert_eq!(show(bsr(s(-7), s(1), h)), "-4");
    assert_eq!(show(bnot(s(5), h)), "-6");
    assert_eq!(show(add(atom::OK, s(1), h)), "badarith");
}

#[test]
fn overflow_into_bignums() {
    let h = &mut Arena::new();
    let min = Term::small(MIN_SMALL_);
    assert_eq!(show(neg(min, h)), "576460752303423488");
    let n = neg(min, h).unwrap();
    assert!(n.is_bignum());
    assert_eq!(show(neg(n, h)), "-576460752303423488");
    assert!(neg(n, h).unwrap().is_small());
    assert_eq!(show(abs(min, h)), "576460752303423488");
    assert_eq!(
        show(mul(Term::small(MAX_SMALL_), Term::small(MAX_SMALL_), h)),
        "332306998946228967073030260463239169"
    );
    assert_eq!(
        show(bsl(Term::small(1), Term::small(64), h)),
        "18446744073709551616"
    );
    assert_eq!(
        show(bsl(Term::small(-1), Term::small(59), h)),
        "-576460752303423488"
    );
    assert!(bsl(Term::small(-1), Term::small(59), h).unwrap().is_small());
    assert_eq!(
        show(bsl(Term::small(1), Term::small(59), h)),
        "576460752303423488"
    );
}

const MIN_SMALL_: i64 = crate::term::MIN_SMALL;
const MAX_SMALL_: i64 = crate::term::MAX_SMALL;

#[test]
fn bignum_arithmetic() {
    let h = &mut Arena::new();
    let b64 = pow2(h, 64);
    let nb64 = neg(b64, h).unwrap();
    assert_eq!(
        show(int_div(b64, Term::small(-3), h)),
        "-6148914691236517205"
    );
    assert_eq!(show(rem(b64, Term::small(-3), h)), "1");
    assert_eq!(show(rem(nb64, Term::small(3), h)), "-1");
    assert_eq!(show(bsr(b64, Term::small(1), h)), "9223372036854775808");
    assert_eq!(show(bsr(nb64, Term::small(65), h)), "-1");
    let x = int(h, "-18446744073709551617");
    assert_eq!(show(bsr(x, Term::small(64), h)), "-2");
    let b70 = pow2(h, 70);
    let nb70 = neg(b70, h).unwrap();
    assert_eq!(show(bnot(b70, h)), "-1180591620717411303425");
    assert_eq!(show(band(nb70, Term::small(0xffff), h)), "0");
    assert_eq!(
        show(bor(nb70, Term::small(3), h)),
        "-1180591620717411303421"
    );
    let y = sub(nb70, Term::small(1), h).unwrap();
    let b65 = pow2(h, 65);
    assert_eq!(show(bxor(y, b65, h)), "-1217485108864830406657");
    let b200 = pow2(h, 200);
    let b100 = pow2(h, 100);
    assert_eq!(show(fdiv(b200, b100, h)), "1.2676506002282294e30");
}

#[test]
fn shifts_and_limits() {
    let h = &mut Arena::new();
    let s = Term::small;
    let huge = int(h, "100000000000");
    assert_eq!(show(bsl(s(1), huge, h)), "system_limit");
    assert_eq!(show(bsl(s(1), s(10000000000), h)), "system_limit");
    assert_eq!(show(bsr(s(1), huge, h)), "0");
    assert_eq!(show(bsr(s(-1), huge, h)), "-1");
    assert_eq!(show(bsl(s(0), huge, h)), "0");
    let b70 = pow2(h, 70);
    let nb70 = neg(b70, h).unwrap();
    assert_eq!(show(bsl(s(0), b70, h)), "0");
    assert_eq!(show(bsl(s(1), b70, h)), "system_limit");
    assert_eq!(show(bsr(s(1), b70, h)), "0");
    assert_eq!(show(bsr(s(-5), b70, h)), "-1");
    assert_eq!(show(bsl(s(1), nb70, h)), "0");
    assert_eq!(show(bsl(s(-1), nb70, h)), "-1");
    assert_eq!(show(bsl(s(1), build::float(h, 1.0), h)), "badarith");
    // The largest integer has 33554368 bits.
    assert!(bsl(s(1), s(33554367), h).is_ok());
    assert_eq!(show(bsl(s(1), s(33554368), h)), "system_limit");
    assert_eq!(show(bsl(s(-1), s(33554368), h)), "system_limit");
    assert!(bsl(s(3), s(33554366), h).is_ok());
}

#[test]
fn floats_and_mixed() {
    let h = &mut Arena::new();
    let f = |h: &mut Arena, v: f64| build::float(h, v);
    let s = Term::small;
    let a = f(h, 0.1);
    let b = f(h, 0.2);
    assert_eq!(show(add(a, b, h)), "0.30000000000000004");
    assert_eq!(show(add(s(1), f(h, 1.0), h)), "2.0");
    let x = f(h, 7.0);
    assert_eq!(show(fdiv(x, s(0), h)), "badarith");
    let z = f(h, 0.0);
    assert_eq!(show(fdiv(s(0), z, h)), "badarith");
    let big = f(h, 1.0e308);
    assert_eq!(show(mul(big, s(10), h)), "badarith");
    let b64 = pow2(h, 64);
    let p = f(h, 1.5);
    assert_eq!(show(mul(b64, p, h)), "2.7670116110564327e19");
    assert_eq!(show(sub(b64, p, h)), "1.8446744073709552e19");
    let nz = f(h, -0.0);
    assert_eq!(show(mul(s(3), nz, h)), "-0.0");
    assert_eq!(show(add(nz, s(0), h)), "0.0");
    assert_eq!(show(neg(z, h)), "-0.0");
    assert_eq!(show(abs(nz, h)), "-0.0");
    assert_eq!(show(rem(s(5), nz, h)), "badarith");
    assert_eq!(show(int_div(p, s(1), h)), "badarith");
    let b1024 = pow2(h, 1024);
    let one = f(h, 1.0);
    assert_eq!(show(add(b1024, one, h)), "badarith");
}

#[test]
fn bignum_to_float_rounds_like_erts() {
    let h = &mut Arena::new();
    let x = int(h, "166153499473114484112975882535043073"); // 2^117 + 2^64 + 1
    let x = add(x, pow2(h, 64), h).unwrap();
    let x = sub(x, pow2(h, 64), h).unwrap();
    assert_eq!(to_f64(x), Some(1.661534994731145e35));
    let v = BigInt::from(1) << 117usize;
    let v = v + (BigInt::from(1) << 65usize) + (BigInt::from(1) << 64usize);
    let t = build::bigint(h, &v);
    assert_eq!(to_f64(t), Some(1.6615349947311456e35));
    let v = (BigInt::from(1) << 64usize) + 2049;
    let t = build::bigint(h, &v);
    assert_eq!(to_f64(t), Some(1.8446744073709556e19));
    let t = pow2(h, 1023);
    assert_eq!(to_f64(t), Some(8.98846567431158e307));
    let t = pow2(h, 1024);
    assert_eq!(to_f64(t), None);
}

#[test]
fn exact_comparison() {
    let h = &mut Arena::new();
    let s = Term::small;
    let one = build::float(h, 1.0);
    assert_eq!(compare_numbers(s(1), one), Ordering::Equal);
    let b64 = pow2(h, 64);
    let f64_ = build::float(h, 18446744073709551616.0);
    assert_eq!(compare_numbers(b64, f64_), Ordering::Equal);
    let b64p1 = add(b64, s(1), h).unwrap();
    assert_eq!(compare_numbers(b64p1, f64_), Ordering::Greater);
    let i = int(h, "9007199254740993");
    let f = build::float(h, 9007199254740992.0);
    assert_eq!(compare_numbers(i, f), Ordering::Greater);
    assert_eq!(compare_numbers(f, i), Ordering::Less);
    let half = build::float(h, 2.5);
    assert_eq!(compare_numbers(s(2), half), Ordering::Less);
    assert_eq!(compare_numbers(s(3), half), Ordering::Greater);
    let nhalf = build::float(h, -2.5);
    assert_eq!(compare_numbers(s(-2), nhalf), Ordering::Greater);
    assert_eq!(compare_numbers(s(-3), nhalf), Ordering::Less);
    let hugef = build::float(h, 1.0e300);
    assert_eq!(compare_numbers(b64, hugef), Ordering::Less);
    assert_eq!(compare_numbers(s(5), hugef), Ordering::Less);
    let nb = neg(b64, h).unwrap();
    assert_eq!(compare_numbers(nb, s(0)), Ordering::Less);
    assert_eq!(compare_numbers(nb, b64), Ordering::Less);
}

#[test]
fn tagged_small_arithmetic_agrees_with_plain_arithmetic_and_stops_at_the_small_range() {
    use crate::term::{MAX_SMALL, MIN_SMALL};
    let vals = [
        0,
        1,
        -1,
        7,
        -300,
        MAX_SMALL,
        MIN_SMALL,
        MAX_SMALL - 1,
        MIN_SMALL + 1,
    ];
    for &a in &vals {
        for &b in &vals {
            let (ta, tb) = (Term::small(a), Term::small(b));
            let plus = a.checked_add(b).filter(|v| Term::fits_small(*v));
            let minus = a.checked_sub(b).filter(|v| Term::fits_small(*v));
            assert_eq!(ta.small_plus(tb), plus.map(Term::small), "{a} + {b}");
            assert_eq!(ta.small_minus(tb), minus.map(Term::small), "{a} - {b}");
            assert_eq!(ta.small_add(b), plus.map(Term::small), "{a} +by {b}");
        }
    }
    // Anything but two smalls goes to the native function.
    assert_eq!(atom::OK.small_plus(Term::small(1)), None);
    assert_eq!(Term::small(1).small_minus(Term::NIL), None);
    assert_eq!(Term::NIL.small_add(1), None);
}
