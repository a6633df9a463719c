//! Numbers to and from text: `integer_to_list/binary`, `list/binary_to_integer`,
//! `float_to_list/binary`, `list/binary_to_float` — with the BEAM's syntax rules and errors.

use alloc::string::String;
use alloc::vec::Vec;

use num_bigint::{BigInt, BigUint, Sign};

use super::{BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::{build, Alloc};
use crate::term::bits::BitSlice;
use crate::term::float_fmt::{format_float, FloatFormat};
use crate::term::number::{self, to_bigint};
use crate::term::Term;

crate::bifs! { "erlang";
    "integer_to_list", 1 => integer_to_list_1;
    "integer_to_list", 2 => integer_to_list_2;
    "integer_to_binary", 1 => integer_to_binary_1;
    "integer_to_binary", 2 => integer_to_binary_2;
    "list_to_integer", 1 => list_to_integer_1;
    "list_to_integer", 2 => list_to_integer_2;
    "binary_to_integer", 1 => binary_to_integer_1;
    "binary_to_integer", 2 => binary_to_integer_2;
    "float_to_list", 1 => float_to_list_1;
    "float_to_list", 2 => float_to_list_2;
    "float_to_binary", 1 => float_to_binary_1;
    "float_to_binary", 2 => float_to_binary_2;
    "list_to_float", 1 => list_to_float_1;
    "binary_to_float", 1 => binary_to_float_1;
}

/// An integer in base 2..36 with upper-case digits; `None` for a non-integer.
pub fn integer_text(t: Term, base: u32) -> Option<String> {
    if let Some(v) = t.as_small() {
        if base == 10 {
            return Some(alloc::format!("{v}"));
        }
    }
    let mut s = to_bigint(t)?.to_str_radix(base);
    s.make_ascii_uppercase();
    Some(s)
}

fn base_arg(t: Term) -> Result<u32, Exception> {
    match t.as_small() {
        Some(b) if (2..=36).contains(&b) => Ok(b as u32),
        _ => Err(Exception::badarg()),
    }
}

fn int_text(a: &[Term]) -> Result<String, Exception> {
    let base = if a.len() > 1 { base_arg(a[1])? } else { 10 };
    integer_text(a[0], base).ok_or_else(Exception::badarg)
}

fn integer_to_list_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = int_text(a)?;
    Ok(build::bytelist(&mut ctx.proc.heap, s.as_bytes()))
}

fn integer_to_list_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    integer_to_list_1(ctx, a)
}

fn integer_to_binary_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = int_text(a)?;
    Ok(build::binary(&mut ctx.proc.heap, s.as_bytes()))
}

fn integer_to_binary_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    integer_to_binary_1(ctx, a)
}

/// Parses `[+-]digits` in `base` (either letter case); `None` for anything else.
pub fn parse_integer(text: &[u8], base: u32) -> Option<BigInt> {
    let (sign, digits) = match text.first()? {
        b'-' => (Sign::Minus, &text[1..]),
        b'+' => (Sign::Plus, &text[1..]),
        _ => (Sign::Plus, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut vals = Vec::with_capacity(digits.len());
    for &c in digits {
        let d = (c as char).to_digit(36)?;
        if d >= base {
            return None;
        }
        vals.push(d as u8);
    }
    let mag = BigUint::from_radix_be(&vals, base)?;
    Some(BigInt::from_biguint(sign, mag))
}

/// The bytes of a list of Latin-1 characters; `None` if it is not one.
pub fn list_bytes(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut it = t.list_iter();
    for c in &mut it {
        match c.as_small() {
            Some(v) if (0..256).contains(&v) => out.push(v as u8),
            _ => return None,
        }
    }
    if it.tail().is_nil() {
        Some(out)
    } else {
        None
    }
}

/// The bytes of a binary (whole bytes only).
pub fn binary_bytes(t: Term) -> Option<Vec<u8>> {
    let s = BitSlice::of(t)?;
    if s.bit_len % 8 != 0 {
        return None;
    }
    Some(s.to_vec())
}

fn make_integer(h: &mut impl Alloc, text: Option<Vec<u8>>, base: u32) -> BifResult {
    let v = text
        .and_then(|b| parse_integer(&b, base))
        .ok_or_else(Exception::badarg)?;
    number::big_result(h, &v)
}

fn list_to_integer_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    make_integer(&mut ctx.proc.heap, list_bytes(a[0]), 10)
}

fn list_to_integer_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let base = base_arg(a[1])?;
    make_integer(&mut ctx.proc.heap, list_bytes(a[0]), base)
}

fn binary_to_integer_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    make_integer(&mut ctx.proc.heap, binary_bytes(a[0]), 10)
}

fn binary_to_integer_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let base = base_arg(a[1])?;
    make_integer(&mut ctx.proc.heap, binary_bytes(a[0]), base)
}

/// Reads `float_to_list/2` options: the last format option wins; `compact` only affects
/// `{decimals, N}`.
pub fn float_options(opts: Term) -> Option<FloatFormat> {
    let mut fmt = FloatFormat::default();
    let mut compact = false;
    let mut it = opts.list_iter();
    for o in &mut it {
        if o == atom::COMPACT {
            compact = true;
        } else if o == atom::SHORT {
            fmt = FloatFormat::Short;
        } else {
            let t = o.tuple()?;
            if t.len() != 2 {
                return None;
            }
            let n = t[1].as_small()?;
            if t[0] == atom::DECIMALS && (0..=253).contains(&n) {
                fmt = FloatFormat::Decimals {
                    decimals: n as u32,
                    compact: false,
                };
            } else if t[0] == atom::SCIENTIFIC && (0..=249).contains(&n) {
                fmt = FloatFormat::Scientific(n as u32);
            } else {
                return None;
            }
        }
    }
    if !it.tail().is_nil() {
        return None;
    }
    if let FloatFormat::Decimals { decimals, .. } = fmt {
        fmt = FloatFormat::Decimals { decimals, compact };
    }
    Some(fmt)
}

fn float_text(f: Term, opts: Option<Term>) -> Result<String, Exception> {
    let x = f.as_float().ok_or_else(Exception::badarg)?;
    let fmt = match opts {
        Some(o) => float_options(o).ok_or_else(Exception::badarg)?,
        None => FloatFormat::default(),
    };
    format_float(x, fmt).ok_or_else(Exception::badarg)
}

fn float_to_list_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = float_text(a[0], None)?;
    Ok(build::bytelist(&mut ctx.proc.heap, s.as_bytes()))
}

fn float_to_list_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = float_text(a[0], Some(a[1]))?;
    Ok(build::bytelist(&mut ctx.proc.heap, s.as_bytes()))
}

fn float_to_binary_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = float_text(a[0], None)?;
    Ok(build::binary(&mut ctx.proc.heap, s.as_bytes()))
}

fn float_to_binary_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = float_text(a[0], Some(a[1]))?;
    Ok(build::binary(&mut ctx.proc.heap, s.as_bytes()))
}

/// Parses a float in Erlang syntax: `[+-]digits.digits([eE][+-]digits)?`; `None` for other
/// text and for values too large for a float.
pub fn parse_float(text: &[u8]) -> Option<f64> {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < text.len() && text[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > s
    };
    if matches!(text.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    if !digits(&mut i) || text.get(i) != Some(&b'.') {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != text.len() {
        return None;
    }
    let s = core::str::from_utf8(text).ok()?;
    let f: f64 = s.parse().ok()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

fn list_to_float_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let f = list_bytes(a[0])
        .and_then(|b| parse_float(&b))
        .ok_or_else(Exception::badarg)?;
    Ok(build::float(&mut ctx.proc.heap, f))
}

fn binary_to_float_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let f = binary_bytes(a[0])
        .and_then(|b| parse_float(&b))
        .ok_or_else(Exception::badarg)?;
    Ok(build::float(&mut ctx.proc.heap, f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Arena;

    #[test]
    fn integers_to_text() {
        let h = &mut Arena::new();
        let b70 = build::bigint(h, &(BigInt::from(1) << 70usize));
        let nb70 = number::neg(b70, h).unwrap();
        assert_eq!(integer_text(Term::small(255), 16).unwrap(), "FF");
        assert_eq!(integer_text(Term::small(-255), 16).unwrap(), "-FF");
        assert_eq!(integer_text(Term::small(0), 2).unwrap(), "0");
        assert_eq!(integer_text(b70, 36).unwrap(), "6X5KXTVUWILUKG");
        assert_eq!(integer_text(nb70, 7).unwrap(), "-6106454640561632563653142");
        assert!(integer_text(atom::OK, 10).is_none());
        assert!(base_arg(Term::small(1)).is_err());
        assert!(base_arg(Term::small(37)).is_err());
    }

    #[test]
    fn text_to_integers() {
        let p = |s: &str, b| parse_integer(s.as_bytes(), b).map(|v| alloc::format!("{v}"));
        assert_eq!(p("0", 10).unwrap(), "0");
        assert_eq!(p("-0", 10).unwrap(), "0");
        assert_eq!(p("+5", 10).unwrap(), "5");
        assert_eq!(p("007", 10).unwrap(), "7");
        for bad in ["+", "-", "", "1_000", " 1", "1 ", "1.0"] {
            assert_eq!(p(bad, 10), None, "{bad:?}");
        }
        assert_eq!(p("ff", 10), None);
        assert_eq!(p("ff", 16).unwrap(), "255");
        assert_eq!(p("FF", 36).unwrap(), "555");
        assert_eq!(p("Zz", 36).unwrap(), "1295");
        assert_eq!(p("Zz", 16), None);
        assert_eq!(
            p("123456789012345678901234567890", 16).unwrap(),
            "94522879687365475552814062743484560"
        );
        assert_eq!(
            p("-123456789012345678901234567890", 36).unwrap(),
            "-1436287679432363134028105837355561937436483460"
        );
    }

    #[test]
    fn text_to_floats() {
        let p = |s: &str| parse_float(s.as_bytes());
        assert_eq!(p("1.0e10"), Some(1.0e10));
        assert_eq!(p("1.0E10"), Some(1.0e10));
        assert_eq!(p("1.0e+10"), Some(1.0e10));
        assert_eq!(p("1.0e-10"), Some(1.0e-10));
        assert_eq!(p("+1.0"), Some(1.0));
        assert_eq!(p("00.100"), Some(0.1));
        assert_eq!(p("1.0e0010"), Some(1.0e10));
        assert_eq!(p("1.0e-400"), Some(0.0));
        assert_eq!(p("1.0e-320"), Some(1.0e-320));
        assert_eq!(p("0.0e99999"), Some(0.0));
        assert!(p("-0.0").unwrap().is_sign_negative());
        assert_eq!(
            p("123456789012345678901234567890.0"),
            Some(1.2345678901234568e29)
        );
        assert_eq!(p("2.2250738585072011e-308"), Some(2.225073858507201e-308));
        assert_eq!(p("1.7976931348623158e308"), Some(1.7976931348623157e308));
        for bad in [
            "1e10",
            "1.",
            ".5",
            "1.0e",
            " 1.0",
            "1.0 ",
            "1.0e400",
            "1.5x",
            "1..0",
            "1.0e1.0",
            "",
            "1.7976931348623159e308",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn float_option_lists() {
        let h = &mut Arena::new();
        let tup = |h: &mut Arena, k, n| build::tuple(h, &[k, Term::small(n)]);
        let d2 = tup(h, atom::DECIMALS, 2);
        let s3 = tup(h, atom::SCIENTIFIC, 3);
        let l = build::list(h, &[d2, s3]);
        assert_eq!(float_options(l), Some(FloatFormat::Scientific(3)));
        let l = build::list(h, &[s3, d2]);
        assert_eq!(
            float_options(l),
            Some(FloatFormat::Decimals {
                decimals: 2,
                compact: false
            })
        );
        let l = build::list(h, &[atom::COMPACT, d2]);
        assert_eq!(
            float_options(l),
            Some(FloatFormat::Decimals {
                decimals: 2,
                compact: true
            })
        );
        let l = build::list(h, &[d2, atom::SHORT]);
        assert_eq!(float_options(l), Some(FloatFormat::Short));
        let l = build::list(h, &[atom::COMPACT]);
        assert_eq!(float_options(l), Some(FloatFormat::Scientific(20)));
        let d254 = tup(h, atom::DECIMALS, 254);
        let l = build::list(h, &[d254]);
        assert_eq!(float_options(l), None);
        let s250 = tup(h, atom::SCIENTIFIC, 250);
        let l = build::list(h, &[s250]);
        assert_eq!(float_options(l), None);
        let l = build::list(h, &[atom::OK]);
        assert_eq!(float_options(l), None);
        let dneg = tup(h, atom::DECIMALS, -1);
        let l = build::list(h, &[dneg]);
        assert_eq!(float_options(l), None);
    }
}
