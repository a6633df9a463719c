//! How values become bits and back: integers of any width and byte order, IEEE floats of 16, 32
//! and 64 bits, and UTF-8/16/32 code points — with the BEAM's validation rules.
//!
//! Byte order of a field whose width is not a multiple of 8: big-endian writes the value's low
//! `bits` bits most significant first; little-endian writes the whole low bytes first and then the
//! remaining `bits % 8` high bits as a short field (ERTS's `fmt_small`/`fmt_big`).

use alloc::vec;
use alloc::vec::Vec;

use num_bigint::{BigInt, Sign};

use crate::heap::{build, Alloc};
use crate::term::bits::{read_bits_at, write_bits_at};
use crate::term::{Subtag, Term};

/// Why a value could not be put into a field (the `Info` of the `error_info` cause).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutError {
    /// Wrong type or out-of-range value (`type`).
    Type,
    /// A bignum too large for a float (`no_float`).
    NoFloat,
    /// A float width other than 16, 32 or 64 (`invalid`).
    Invalid,
}

/// A field of `bits` whole bytes (8..=64) read big-endian, in the other byte order.
#[inline(always)]
pub fn reverse_bytes(u: u64, bits: usize) -> u64 {
    u.swap_bytes() >> (64 - bits)
}

/// A field of `bits` (1..=64) as a signed number.
#[inline(always)]
pub fn sign_extend(u: u64, bits: usize) -> i64 {
    ((u << (64 - bits)) as i64) >> (64 - bits)
}

/// The low `n` bits set (all of them from 64 on).
#[inline]
pub fn mask(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// Writes a run of whole bytes at bit `pos`.
#[inline]
fn write_bytes_at(dst: &mut [u8], pos: usize, bytes: &[u8]) {
    if pos % 8 == 0 {
        dst[pos / 8..pos / 8 + bytes.len()].copy_from_slice(bytes);
    } else {
        for (i, &b) in bytes.iter().enumerate() {
            write_bits_at(dst, pos + 8 * i, b as u64, 8);
        }
    }
}

/// The low `nbytes` bytes of an integer's two's complement, least significant first.
fn twos_complement_le(v: Term, nbytes: usize) -> Option<Vec<u8>> {
    let mut le = vec![0u8; nbytes];
    if let Some(i) = v.as_small() {
        for (k, b) in le.iter_mut().enumerate() {
            *b = if k < 8 {
                (i >> (8 * k)) as u8
            } else if i < 0 {
                0xFF
            } else {
                0
            };
        }
        return Some(le);
    }
    let negative = match v.subtag()? {
        Subtag::PosBig => false,
        Subtag::NegBig => true,
        _ => return None,
    };
    let limbs = v.boxed_words();
    for (k, b) in le.iter_mut().enumerate() {
        let limb = limbs.get(k / 8).copied().unwrap_or(0);
        *b = (limb >> (8 * (k % 8))) as u8;
    }
    if negative {
        let mut carry = true;
        for b in le.iter_mut() {
            let (nb, c) = (!*b).overflowing_add(carry as u8);
            *b = nb;
            carry = c;
        }
    }
    Some(le)
}

/// Puts the low `bits` bits of integer `v` at bit `pos` of `dst`; `Err` when `v` is no integer.
#[inline]
pub fn put_integer(
    dst: &mut [u8],
    pos: usize,
    v: Term,
    bits: usize,
    little: bool,
) -> Result<(), PutError> {
    if let Some(i) = v.as_small() {
        if bits <= 64 {
            let u = i as u64 & mask(bits);
            if !little || bits <= 8 {
                write_bits_at(dst, pos, u, bits);
            } else if bits % 8 == 0 {
                write_bits_at(dst, pos, reverse_bytes(u, bits), bits);
            } else {
                put_little_bits(dst, pos, u, bits);
            }
            return Ok(());
        }
    } else if !v.is_bignum() {
        return Err(PutError::Type);
    }
    put_big_integer(dst, pos, v, bits, little)
}

/// A little-endian field of `bits` (not a whole number of bytes) at `pos`: its whole bytes,
/// lowest first, then the remaining high bits.
#[inline(never)]
fn put_little_bits(dst: &mut [u8], pos: usize, u: u64, bits: usize) {
    let full = bits / 8;
    for k in 0..full {
        write_bits_at(dst, pos + 8 * k, (u >> (8 * k)) & 0xFF, 8);
    }
    let r = bits % 8;
    if r > 0 {
        write_bits_at(dst, pos + 8 * full, u >> (8 * full), r);
    }
}

/// [`put_integer`] of a bignum, or of a small wider than 64 bits.
#[inline(never)]
fn put_big_integer(
    dst: &mut [u8],
    pos: usize,
    v: Term,
    bits: usize,
    little: bool,
) -> Result<(), PutError> {
    if bits == 0 {
        return Ok(());
    }
    let nbytes = bits.div_ceil(8);
    let le = twos_complement_le(v, nbytes).ok_or(PutError::Type)?;
    let r = bits % 8;
    if little {
        write_bytes_at(dst, pos, &le[..bits / 8]);
        if r > 0 {
            write_bits_at(dst, pos + 8 * (bits / 8), le[bits / 8] as u64, r);
        }
    } else {
        let mut p = pos;
        let mut full = nbytes;
        if r > 0 {
            write_bits_at(dst, p, le[nbytes - 1] as u64 & mask(r), r);
            p += r;
            full -= 1;
        }
        let be: Vec<u8> = le[..full].iter().rev().copied().collect();
        write_bytes_at(dst, p, &be);
    }
    Ok(())
}

/// Reads `bits` bits at bit `pos` of `data` as an integer (small or bignum).
#[inline]
pub fn get_integer(
    h: &mut impl Alloc,
    data: &[u8],
    pos: usize,
    bits: usize,
    little: bool,
    signed: bool,
) -> Term {
    if bits == 0 {
        return Term::small(0);
    }
    if bits <= 64 {
        let u = if !little || bits <= 8 {
            read_bits_at(data, pos, bits)
        } else if bits % 8 == 0 {
            // Whole bytes: the big-endian reading with its bytes reversed.
            reverse_bytes(read_bits_at(data, pos, bits), bits)
        } else {
            let full = bits / 8;
            let mut u = 0u64;
            for k in 0..full {
                u |= read_bits_at(data, pos + 8 * k, 8) << (8 * k);
            }
            let r = bits % 8;
            if r > 0 {
                u |= read_bits_at(data, pos + 8 * full, r) << (8 * full);
            }
            u
        };
        if signed && (u >> (bits - 1)) & 1 == 1 {
            return build::int(h, sign_extend(u, bits));
        }
        return build::uint(h, u);
    }
    get_big_integer(h, data, pos, bits, little, signed)
}

/// [`get_integer`] wider than 64 bits: a bignum (or a small, after normalisation).
#[inline(never)]
fn get_big_integer(
    h: &mut impl Alloc,
    data: &[u8],
    pos: usize,
    bits: usize,
    little: bool,
    signed: bool,
) -> Term {
    let nbytes = bits.div_ceil(8);
    let r = bits % 8;
    let top_bits = if r == 0 { 8 } else { r };
    let mut le = vec![0u8; nbytes];
    if little {
        for (k, b) in le[..bits / 8].iter_mut().enumerate() {
            *b = read_bits_at(data, pos + 8 * k, 8) as u8;
        }
        if r > 0 {
            le[bits / 8] = read_bits_at(data, pos + 8 * (bits / 8), r) as u8;
        }
    } else {
        le[nbytes - 1] = read_bits_at(data, pos, top_bits) as u8;
        let mut p = pos + top_bits;
        for k in (0..nbytes - 1).rev() {
            le[k] = read_bits_at(data, p, 8) as u8;
            p += 8;
        }
    }
    let negative = signed && (le[nbytes - 1] >> (top_bits - 1)) & 1 == 1;
    let big = if negative {
        le[nbytes - 1] |= !(mask(top_bits) as u8);
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &le)
    };
    build::bigint(h, &big)
}

/// A bignum as a double, the way ERTS's `big_to_double` computes it (most significant limb
/// first); `None` when it overflows.
pub fn big_to_f64(v: Term) -> Option<f64> {
    let negative = v.subtag()? == Subtag::NegBig;
    let base = 18446744073709551616.0f64; // 2^64
    let mut d = 0.0f64;
    for &limb in v.boxed_words().iter().rev() {
        d = d * base + limb as f64;
        if !d.is_finite() {
            return None;
        }
    }
    Some(if negative { -d } else { d })
}

/// IEEE half precision from a double, rounding to nearest even (overflow gives infinity).
pub fn f64_to_f16_bits(x: f64) -> u16 {
    let b = x.to_bits();
    let sign = ((b >> 48) & 0x8000) as u16;
    let exp = ((b >> 52) & 0x7FF) as i32;
    let man = b & ((1u64 << 52) - 1);
    if exp == 0x7FF {
        return sign | 0x7C00 | if man != 0 { 0x200 } else { 0 };
    }
    if exp == 0 {
        return sign; // double subnormals are far below the half range
    }
    let m = man | (1u64 << 52);
    let e = exp - 1023;
    let round = |m: u64, shift: u32| -> u64 {
        if shift >= 64 {
            return 0;
        }
        let q = m >> shift;
        let rem = m & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rem > half || (rem == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    if e >= -14 {
        let mut q = round(m, 42);
        let mut e = e;
        if q == 1 << 11 {
            q >>= 1;
            e += 1;
        }
        if e > 15 {
            return sign | 0x7C00;
        }
        sign | (((e + 15) as u16) << 10) | (q as u16 & 0x3FF)
    } else {
        // Subnormal half: units of 2^-24. A carry into 0x400 is the smallest normal.
        let shift = (28 - e) as u32;
        sign | round(m, shift) as u16
    }
}

/// 2^e for a normal-range exponent (`powi` is not in `core`).
#[inline]
fn pow2(e: i32) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// A double from IEEE half-precision bits.
pub fn f16_bits_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1F) as i32;
    let man = (h & 0x3FF) as f64;
    let mag = match exp {
        0 => man * pow2(-24),
        31 => {
            if man == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1024.0 + man) * pow2(exp - 25),
    };
    sign * mag
}

/// The bit pattern of a float field: width check first (`invalid`), then the value (`type`,
/// `no_float`). Infinite results of narrowing are kept, as in ERTS.
pub fn float_bits(v: Term, bits: usize) -> Result<u64, PutError> {
    if !matches!(bits, 16 | 32 | 64) {
        return Err(PutError::Invalid);
    }
    if let Some(i) = v.as_small() {
        return Ok(match bits {
            64 => (i as f64).to_bits(),
            32 => (i as f32).to_bits() as u64,
            _ => f64_to_f16_bits(i as f64) as u64,
        });
    }
    let f = if let Some(f) = v.as_float() {
        f
    } else if v.is_bignum() {
        big_to_f64(v).ok_or(PutError::NoFloat)?
    } else {
        return Err(PutError::Type);
    };
    Ok(match bits {
        64 => f.to_bits(),
        32 => (f as f32).to_bits() as u64,
        _ => f64_to_f16_bits(f) as u64,
    })
}

/// Puts a float field at bit `pos`.
pub fn put_float(
    dst: &mut [u8],
    pos: usize,
    v: Term,
    bits: usize,
    little: bool,
) -> Result<(), PutError> {
    let u = float_bits(v, bits)?;
    if little {
        let bytes = u.to_le_bytes();
        write_bytes_at(dst, pos, &bytes[..bits / 8]);
    } else {
        write_bits_at(dst, pos, u, bits);
    }
    Ok(())
}

/// Reads a float field; `None` for widths other than 0/16/32/64 and for NaN or infinity.
/// A zero-width field reads as `0.0` (as in ERTS).
pub fn get_float(data: &[u8], pos: usize, bits: usize, little: bool) -> Option<f64> {
    if bits == 0 {
        return Some(0.0);
    }
    if !matches!(bits, 16 | 32 | 64) {
        return None;
    }
    let mut u = read_bits_at(data, pos, bits);
    if little {
        u = reverse_bytes(u, bits);
    }
    let f = match bits {
        64 => f64::from_bits(u),
        32 => f32::from_bits(u as u32) as f64,
        _ => f16_bits_to_f64(u as u16),
    };
    f.is_finite().then_some(f)
}

/// A valid Unicode scalar value (not a surrogate, at most 10FFFF).
#[inline]
pub fn valid_code_point(v: Term) -> Option<u32> {
    let c = v.as_small()?;
    if (0..0xD800).contains(&c) || (0xE000..=0x10FFFF).contains(&c) {
        Some(c as u32)
    } else {
        None
    }
}

/// UTF-8 encoding of a code point: bytes and length.
pub fn utf8_encode(c: u32) -> ([u8; 4], usize) {
    let mut b = [0u8; 4];
    let n = if c < 0x80 {
        b[0] = c as u8;
        1
    } else if c < 0x800 {
        b[0] = 0xC0 | (c >> 6) as u8;
        b[1] = 0x80 | (c & 0x3F) as u8;
        2
    } else if c < 0x10000 {
        b[0] = 0xE0 | (c >> 12) as u8;
        b[1] = 0x80 | ((c >> 6) & 0x3F) as u8;
        b[2] = 0x80 | (c & 0x3F) as u8;
        3
    } else {
        b[0] = 0xF0 | (c >> 18) as u8;
        b[1] = 0x80 | ((c >> 12) & 0x3F) as u8;
        b[2] = 0x80 | ((c >> 6) & 0x3F) as u8;
        b[3] = 0x80 | (c & 0x3F) as u8;
        4
    };
    (b, n)
}

/// UTF-16 encoding of a code point in the given byte order: bytes and length.
pub fn utf16_encode(c: u32, little: bool) -> ([u8; 4], usize) {
    let mut b = [0u8; 4];
    let mut put = |i: usize, w: u16| {
        let x = if little {
            w.to_le_bytes()
        } else {
            w.to_be_bytes()
        };
        b[2 * i..2 * i + 2].copy_from_slice(&x);
    };
    if c < 0x10000 {
        put(0, c as u16);
        (b, 2)
    } else {
        let v = c - 0x10000;
        put(0, 0xD800 | (v >> 10) as u16);
        put(1, 0xDC00 | (v & 0x3FF) as u16);
        (b, 4)
    }
}

/// Bytes a UTF-8 segment takes, computed from the value without validating it (as the size pass
/// of `bs_create_bin` and `bs_utf8_size` do; an invalid value fails when it is written).
pub fn utf8_len(v: Term) -> usize {
    match v.as_small() {
        Some(c) if c >= 0 => match c {
            0..=0x7F => 1,
            0x80..=0x7FF => 2,
            0x800..=0xFFFF => 3,
            _ => 4,
        },
        _ => 4,
    }
}

/// Bytes a UTF-16 segment takes, without validation.
pub fn utf16_len(v: Term) -> usize {
    match v.as_small() {
        Some(c) if (0..0x10000).contains(&c) => 2,
        _ => 4,
    }
}

/// Decodes one UTF-8 code point at bit `pos` (with `avail` bits left): shortest form only, no
/// surrogates, at most 10FFFF. Returns the code point and its length in bits.
pub fn utf8_decode(data: &[u8], pos: usize, avail: usize) -> Option<(u32, usize)> {
    if avail < 8 {
        return None;
    }
    let b0 = read_bits_at(data, pos, 8) as u32;
    let (n, init, min) = match b0 {
        0x00..=0x7F => return Some((b0, 8)),
        0xC0..=0xDF => (2, b0 & 0x1F, 0x80),
        0xE0..=0xEF => (3, b0 & 0x0F, 0x800),
        0xF0..=0xF7 => (4, b0 & 0x07, 0x10000),
        _ => return None,
    };
    if avail < 8 * n {
        return None;
    }
    let mut c = init;
    for k in 1..n {
        let b = read_bits_at(data, pos + 8 * k, 8) as u32;
        if b & 0xC0 != 0x80 {
            return None;
        }
        c = (c << 6) | (b & 0x3F);
    }
    if c < min || (0xD800..=0xDFFF).contains(&c) || c > 0x10FFFF {
        return None;
    }
    Some((c, 8 * n))
}

/// Decodes one UTF-16 code point (a lone or misordered surrogate fails).
pub fn utf16_decode(data: &[u8], pos: usize, avail: usize, little: bool) -> Option<(u32, usize)> {
    let unit = |p: usize| {
        let w = read_bits_at(data, p, 16) as u16;
        if little {
            w.swap_bytes()
        } else {
            w
        }
    };
    if avail < 16 {
        return None;
    }
    let w1 = unit(pos) as u32;
    if !(0xD800..=0xDFFF).contains(&w1) {
        return Some((w1, 16));
    }
    if w1 > 0xDBFF || avail < 32 {
        return None;
    }
    let w2 = unit(pos + 16) as u32;
    if !(0xDC00..=0xDFFF).contains(&w2) {
        return None;
    }
    Some(((((w1 & 0x3FF) << 10) | (w2 & 0x3FF)) + 0x10000, 32))
}

/// Decodes one UTF-32 code point.
pub fn utf32_decode(data: &[u8], pos: usize, avail: usize, little: bool) -> Option<u32> {
    if avail < 32 {
        return None;
    }
    let mut c = read_bits_at(data, pos, 32) as u32;
    if little {
        c = c.swap_bytes();
    }
    ((c < 0xD800) || (0xE000..=0x10FFFF).contains(&c)).then_some(c)
}
