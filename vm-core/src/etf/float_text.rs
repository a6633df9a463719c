//! The `"%.20e"` text of `FLOAT_EXT` (minor version 0), computed exactly from the double's
//! binary value with round-half-even, as C's printf does.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use num_bigint::BigUint;

/// Significant digits written: one before the point, twenty after.
const DIGITS: usize = 21;

pub fn format_e20(f: f64) -> String {
    let neg = f.is_sign_negative();
    let sign = if neg { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.{}e+00", "0".repeat(DIGITS - 1));
    }
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    // |f| = m * 2^e = digits * 10^(exp10 - (len - 1))
    let (digits, mut exp10) = if e >= 0 {
        let n = BigUint::from(m) << (e as usize);
        let s = n.to_str_radix(10);
        let l = s.len() as i32;
        (s, l - 1)
    } else {
        let k = (-e) as u32;
        let n = BigUint::from(m) * BigUint::from(5u32).pow(k);
        let s = n.to_str_radix(10);
        let l = s.len() as i32;
        (s, l - 1 - k as i32)
    };
    let mut d: Vec<u8> = digits.bytes().map(|c| c - b'0').collect();
    if d.len() > DIGITS {
        let rest = &d[DIGITS..];
        let first = rest[0];
        let tail_nonzero = rest[1..].iter().any(|&x| x != 0);
        let round_up = first > 5 || (first == 5 && (tail_nonzero || d[DIGITS - 1] % 2 == 1));
        d.truncate(DIGITS);
        if round_up {
            let mut i = DIGITS;
            loop {
                if i == 0 {
                    d.insert(0, 1);
                    d.truncate(DIGITS);
                    exp10 += 1;
                    break;
                }
                i -= 1;
                if d[i] == 9 {
                    d[i] = 0;
                } else {
                    d[i] += 1;
                    break;
                }
            }
        }
    }
    while d.len() < DIGITS {
        d.push(0);
    }
    let mut s = String::with_capacity(32);
    s.push_str(sign);
    s.push((b'0' + d[0]) as char);
    s.push('.');
    for &x in &d[1..] {
        s.push((b'0' + x) as char);
    }
    s.push('e');
    s.push(if exp10 < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp10.unsigned_abs()));
    s
}

#[cfg(test)]
mod tests {
    use super::format_e20;

    #[test]
    fn matches_printf() {
        // Values from OTP 25 `term_to_binary(F, [{minor_version,0}])`.
        assert_eq!(format_e20(1.5), "1.50000000000000000000e+00");
        assert_eq!(format_e20(0.1), "1.00000000000000005551e-01");
        assert_eq!(format_e20(-2.0), "-2.00000000000000000000e+00");
        assert_eq!(format_e20(0.0), "0.00000000000000000000e+00");
        assert_eq!(format_e20(1e300), "1.00000000000000005250e+300");
        assert_eq!(format_e20(5e-324), "4.94065645841246544177e-324");
    }
}
