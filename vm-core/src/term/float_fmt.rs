//! Floats as text, exactly as OTP 25 writes them: `float_to_list/1,2` (`%.20e`, `{scientific,N}`,
//! `{decimals,N}` with `compact`, `short`) and the `%e` style `erlang:display/1` uses.
//!
//! `printf`-style conversions are done on the float's exact decimal expansion with
//! round-half-even, as glibc does. `{decimals,N}` follows ERTS's own fast path (`floor`/`round`
//! on doubles) where ERTS uses it, and falls back to exact `%.Nf` where ERTS calls `printf`.
//! `short` takes the shortest round-trip digits from Ryū and lays them out the way ERTS's
//! adapted `to_chars` does.

use alloc::string::String;
use alloc::vec::Vec;

use num_bigint::BigUint;

/// What `float_to_list/2` was asked for (the last format option wins, as in ERTS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFormat {
    /// `{scientific, N}`: `%.Ne` (the default is `N = 20`).
    Scientific(u32),
    /// `{decimals, N}`, optionally `compact` (trailing zeros removed).
    Decimals { decimals: u32, compact: bool },
    /// `short`: the shortest text that reads back as the same float.
    Short,
}

impl Default for FloatFormat {
    fn default() -> Self {
        FloatFormat::Scientific(20)
    }
}

/// ERTS formats into a 256-byte buffer (with its NUL); longer results are `badarg`.
const FBUF_SIZE: usize = 256;

/// `float_to_list(F, Opts)` text; `None` where ERTS raises `badarg` (result too long).
pub fn format_float(f: f64, fmt: FloatFormat) -> Option<String> {
    match fmt {
        FloatFormat::Scientific(n) => Some(printf_e(f, n as usize)),
        FloatFormat::Short => Some(short(f)),
        FloatFormat::Decimals { decimals, compact } => fixed(f, decimals as usize, compact),
    }
}

/// `erlang:display/1`'s rendering of a float (`%e`: six decimals).
pub fn display_float(f: f64) -> String {
    printf_e(f, 6)
}

/// The exact decimal value of `|f|`: digits (no leading zeros; empty for zero) and the power of
/// ten of the last digit.
fn exact_digits(f: f64) -> (Vec<u8>, i32) {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e2) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    if mant == 0 {
        return (Vec::new(), 0);
    }
    let (n, e10) = if e2 >= 0 {
        (BigUint::from(mant) << e2 as usize, 0)
    } else {
        // m / 2^k = m * 5^k / 10^k
        (
            BigUint::from(mant) * BigUint::from(5u32).pow((-e2) as u32),
            e2,
        )
    };
    let digits: Vec<u8> = n.to_str_radix(10).into_bytes();
    (digits, e10)
}

/// The first `keep` digits of `digits` rounded half-to-even on the rest; the flag says the
/// rounding carried into a new leading digit (the result then has `keep + 1` digits).
fn round_digits(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    if keep >= digits.len() {
        let mut v = digits.to_vec();
        v.resize(keep, b'0');
        return (v, false);
    }
    let mut v: Vec<u8> = digits[..keep].to_vec();
    let first = digits[keep];
    let rest_nonzero = digits[keep + 1..].iter().any(|&d| d != b'0');
    let last_odd = v.last().map(|d| (d - b'0') % 2 == 1).unwrap_or(false);
    let up = first > b'5' || (first == b'5' && (rest_nonzero || last_odd));
    if !up {
        return (v, false);
    }
    for d in v.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return (v, false);
        }
    }
    v.insert(0, b'1');
    (v, true)
}

/// C's `%.{prec}e`.
fn printf_e(f: f64, prec: usize) -> String {
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (digits, e10) = exact_digits(f);
    let (mant, exp10) = if digits.is_empty() {
        (alloc::vec![b'0'; prec + 1], 0)
    } else {
        let x = digits.len() as i32 - 1 + e10;
        let (mut r, carry) = round_digits(&digits, prec + 1);
        if carry {
            r.pop();
            (r, x + 1)
        } else {
            (r, x)
        }
    };
    out.push(mant[0] as char);
    if prec > 0 {
        out.push('.');
        out.extend(mant[1..].iter().map(|&d| d as char));
    }
    out.push('e');
    out.push(if exp10 < 0 { '-' } else { '+' });
    let a = exp10.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&alloc::format!("{a}"));
    out
}

/// C's `%.{prec}f`.
fn printf_f(f: f64, prec: usize) -> String {
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (digits, e10) = exact_digits(f);
    // Digits of round(|f| * 10^prec), as an integer.
    let keep = digits.len() as i64 + e10 as i64 + prec as i64;
    let mut r: Vec<u8> = if digits.is_empty() || keep < 0 {
        Vec::new()
    } else {
        round_digits(&digits, keep as usize).0
    };
    while r.first() == Some(&b'0') {
        r.remove(0);
    }
    if r.len() < prec + 1 {
        let mut z = alloc::vec![b'0'; prec + 1 - r.len()];
        z.extend_from_slice(&r);
        r = z;
    }
    let int_len = r.len() - prec;
    out.extend(r[..int_len].iter().map(|&d| d as char));
    if prec > 0 {
        out.push('.');
        out.extend(r[int_len..].iter().map(|&d| d as char));
    }
    out
}

/// ERTS's trailing-zero trim for `compact`: drop the zeros at the end, but keep one digit after
/// a decimal point. (Without a point it eats integer zeros too, as ERTS does.)
fn trim_trailing_zeros(s: &mut String) {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'0' {
        end -= 1;
    }
    if end > 0 && b[end - 1] == b'.' {
        end += 1;
    }
    s.truncate(end);
}

/// `{decimals, N}` (ERTS's `sys_double_to_chars_fast`).
fn fixed(f: f64, decimals: usize, compact: bool) -> Option<String> {
    const MAX_FLOAT: f64 = 9007199254740992.0; // 2^53
    const POW10: [f64; 19] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18,
    ];
    let neg = f.is_sign_negative();
    let af = f.abs();
    if af > MAX_FLOAT || decimals >= POW10.len() {
        let mut s = printf_f(f, decimals);
        if s.len() >= FBUF_SIZE {
            return None;
        }
        if compact {
            trim_trailing_zeros(&mut s);
        }
        return Some(s);
    }
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if decimals > 0 {
        let int_f = libm::floor(af);
        let frac_f = libm::round((af - int_f) * POW10[decimals]);
        let (mut int_part, mut frac_part) = (int_f as u64, frac_f as u64);
        if frac_f >= POW10[decimals] {
            int_part += 1;
            frac_part = 0;
        }
        s.push_str(&alloc::format!(
            "{int_part}.{frac_part:0width$}",
            width = decimals
        ));
        if compact {
            trim_trailing_zeros(&mut s);
        }
    } else {
        let int_part = libm::round(af) as u64;
        s.push_str(&alloc::format!("{int_part}"));
    }
    Some(s)
}

/// The shortest round-trip digits of `|f|` (from Ryū) and the power of ten of the last digit.
fn shortest_digits(f: f64) -> (u64, i32) {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f.abs());
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let mut digits: u64 = 0;
    let mut e = exp;
    let mut after_point = false;
    for c in mant.bytes() {
        match c {
            b'.' => after_point = true,
            b'0'..=b'9' => {
                digits = digits * 10 + (c - b'0') as u64;
                if after_point {
                    e -= 1;
                }
            }
            _ => {}
        }
    }
    while digits != 0 && digits % 10 == 0 {
        digits /= 10;
        e += 1;
    }
    (digits, e)
}

/// `float_to_list(F, [short])`.
fn short(f: f64) -> String {
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    if f == 0.0 {
        out.push_str("0.0");
        return out;
    }
    let (output, ryu_exp) = shortest_digits(f);
    let digits = alloc::format!("{output}");
    let olength = digits.len() as i32;
    let sci_exp = ryu_exp + olength - 1;
    // The exponent window in which ERTS prefers fixed notation.
    let (lower, upper) = if olength == 1 {
        (-4, 2)
    } else if sci_exp >= 10 {
        (-(olength + 2), 2)
    } else {
        (-(olength + 2), 1)
    };
    let mut fixed = lower <= ryu_exp && ryu_exp <= upper;
    // Integers at or beyond 2^53 print in scientific form.
    if fixed
        && ((output >= 1u64 << 53 && ryu_exp == 0)
            || (output > (1u64 << 52) / 5 && ryu_exp == 1)
            || (output > (1u64 << 51) / 25 && ryu_exp == 2))
    {
        fixed = false;
    }
    if fixed {
        let whole = olength + ryu_exp;
        if ryu_exp >= 0 {
            out.push_str(&digits);
            out.extend(core::iter::repeat('0').take(ryu_exp as usize));
            out.push_str(".0");
        } else if whole > 0 {
            out.push_str(&digits[..whole as usize]);
            out.push('.');
            out.push_str(&digits[whole as usize..]);
        } else {
            out.push_str("0.");
            out.extend(core::iter::repeat('0').take((-whole) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if olength > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        out.push_str(&alloc::format!("e{sci_exp}"));
    }
    out
}

#[cfg(test)]
#[path = "float_fmt_tests.rs"]
mod tests;
