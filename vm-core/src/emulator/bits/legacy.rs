//! The OTP 24 construction instructions: `bs_init*`/`bs_append`/`bs_private_append` create the
//! binary (which the registers hold at once) and make it current; each `bs_put_*` then writes the
//! next field into it. The state lives in [`BinBuild`]. Failures are plain `badarg` (OTP 24 code
//! carries no segment numbers).

use alloc::vec;

use super::create::extend;
use super::encode;
use super::MAX_BIN_BITS;
use crate::bif::Exception;
use crate::emulator::instr::BinFlags;
use crate::heap::{build, Alloc};
use crate::process::BinBuild;
use crate::term::bits::{binary_bytes_mut, copy_bits, write_bits_at, BitSlice};
use crate::term::{Subtag, Term, HEAP_BIN_LIMIT, MAX_SMALL};

/// `bs_init2`/`bs_init_bits`: a zeroed binary of `size_bits` bits, made current. Returns the term
/// for the destination register (a sub-binary when the size is not whole bytes). Callers check
/// the size with [`super::bits_of_checked`] first.
pub fn init(b: &mut BinBuild, h: &mut impl Alloc, size_bits: usize) -> Term {
    let nbytes = size_bits.div_ceil(8);
    let base = if nbytes <= HEAP_BIN_LIMIT {
        build::heap_binary(h, &vec![0u8; nbytes])
    } else {
        build::refc_binary(h, vec![0u8; nbytes])
    };
    b.base = base;
    b.offset = 0;
    b.end = size_bits;
    if size_bits % 8 == 0 {
        base
    } else {
        build::sub_binary(h, base, 0, size_bits)
    }
}

/// Runs `f` on the current binary's bytes at the current offset, for a field of `bits` bits.
fn with_field(
    b: &mut BinBuild,
    bits: usize,
    f: impl FnOnce(&mut [u8], usize) -> bool,
) -> Result<(), Exception> {
    if b.offset + bits > b.end {
        return Err(Exception::badarg());
    }
    let base = b.base;
    let bytes = binary_bytes_mut(&base).ok_or_else(Exception::badarg)?;
    if !f(bytes, b.offset) {
        return Err(Exception::badarg());
    }
    b.offset += bits;
    Ok(())
}

/// `bs_put_integer`.
pub fn put_integer(
    b: &mut BinBuild,
    value: Term,
    bits: usize,
    flags: BinFlags,
) -> Result<(), Exception> {
    if !value.is_integer() {
        return Err(Exception::badarg());
    }
    with_field(b, bits, |d, pos| {
        encode::put_integer(d, pos, value, bits, flags.little).is_ok()
    })
}

/// `bs_put_float` (16, 32 or 64 bits; the value an integer or float).
pub fn put_float(
    b: &mut BinBuild,
    value: Term,
    bits: usize,
    flags: BinFlags,
) -> Result<(), Exception> {
    encode::float_bits(value, bits).map_err(|_| Exception::badarg())?;
    with_field(b, bits, |d, pos| {
        encode::put_float(d, pos, value, bits, flags.little).is_ok()
    })
}

/// `bs_put_binary`: the first `size` bits of `value` (`None` = all of it, which must then be a
/// multiple of `unit` bits).
pub fn put_binary(
    b: &mut BinBuild,
    value: Term,
    size: Option<usize>,
    unit: u32,
) -> Result<(), Exception> {
    let src = BitSlice::of(value).ok_or_else(Exception::badarg)?;
    let bits = match size {
        None if unit > 1 && src.bit_len % unit as usize != 0 => return Err(Exception::badarg()),
        None => src.bit_len,
        Some(n) if n > src.bit_len => return Err(Exception::badarg()),
        Some(n) => n,
    };
    // The source may share storage with the destination (`<<Acc/binary, Acc/binary>>` after an
    // in-place `bs_append`), so take its bits out first.
    let tmp = src.slice(0, bits).to_vec();
    with_field(b, bits, |d, pos| {
        copy_bits(&tmp, 0, d, pos, bits);
        true
    })
}

/// `bs_put_string`.
pub fn put_string(b: &mut BinBuild, bytes: &[u8]) -> Result<(), Exception> {
    with_field(b, bytes.len() * 8, |d, pos| {
        copy_bits(bytes, 0, d, pos, bytes.len() * 8);
        true
    })
}

/// `bs_put_utf8`.
pub fn put_utf8(b: &mut BinBuild, value: Term) -> Result<(), Exception> {
    let c = encode::valid_code_point(value).ok_or_else(Exception::badarg)?;
    let (bytes, n) = encode::utf8_encode(c);
    with_field(b, 8 * n, |d, pos| {
        copy_bits(&bytes, 0, d, pos, 8 * n);
        true
    })
}

/// `bs_put_utf16`.
pub fn put_utf16(b: &mut BinBuild, value: Term, flags: BinFlags) -> Result<(), Exception> {
    let c = encode::valid_code_point(value).ok_or_else(Exception::badarg)?;
    let (bytes, n) = encode::utf16_encode(c, flags.little);
    with_field(b, 8 * n, |d, pos| {
        copy_bits(&bytes, 0, d, pos, 8 * n);
        true
    })
}

/// `bs_put_utf32`.
pub fn put_utf32(b: &mut BinBuild, value: Term, flags: BinFlags) -> Result<(), Exception> {
    let c = encode::valid_code_point(value).ok_or_else(Exception::badarg)?;
    let c = if flags.little { c.swap_bytes() } else { c };
    with_field(b, 32, |d, pos| {
        write_bits_at(d, pos, c as u64, 32);
        true
    })
}

/// `bs_append`: `bin` followed by room for `extra_bits` more bits, made current so the following
/// puts fill that room. `bin`'s size must be a multiple of `unit`. In place when `bin` ends at a
/// writable binary's append point (see [`super::create_bin`]); otherwise a copy.
pub fn append(
    b: &mut BinBuild,
    h: &mut impl Alloc,
    bin: Term,
    extra_bits: usize,
    unit: u32,
) -> Result<Term, Exception> {
    let src = BitSlice::of(bin).ok_or_else(Exception::badarg)?;
    if unit > 1 && src.bit_len % unit as usize != 0 {
        return Err(Exception::badarg());
    }
    if src.bit_len.saturating_add(extra_bits) > MAX_BIN_BITS {
        return Err(Exception::system_limit());
    }
    let zeros = vec![0u8; extra_bits.div_ceil(8)];
    let ext = extend(h, bin, &zeros, extra_bits);
    b.base = ext.base;
    b.offset = ext.at;
    b.end = ext.at + extra_bits;
    Ok(ext.term)
}

/// `bs_private_append`: as [`append`] (which already reuses the storage when it may).
pub fn private_append(
    b: &mut BinBuild,
    h: &mut impl Alloc,
    bin: Term,
    extra_bits: usize,
    unit: u32,
) -> Result<Term, Exception> {
    append(b, h, bin, extra_bits, unit)
}

/// `bs_init_writable`: an empty binary that appends can grow in place.
pub fn init_writable(h: &mut impl Alloc) -> Term {
    build::writable_bitstring(h, alloc::vec::Vec::with_capacity(256), 0)
}

/// A size operand of `bs_add`: `Ok(Some(n))` for a non-negative small, `Ok(None)` for a positive
/// bignum (too large), `Err` otherwise.
fn add_operand(t: Term) -> Result<Option<u64>, Exception> {
    match t.as_small() {
        Some(v) if v >= 0 => Ok(Some(v as u64)),
        None if t.subtag() == Some(Subtag::PosBig) => Ok(None),
        _ => Err(Exception::badarg()),
    }
}

/// `bs_add`: `a + b × unit`, for size arithmetic.
pub fn bs_add(a: Term, b: Term, unit: u32) -> Result<Term, Exception> {
    let (x, y) = (add_operand(a)?, add_operand(b)?);
    let (Some(x), Some(y)) = (x, y) else {
        return Err(Exception::system_limit());
    };
    let r = x as u128 + y as u128 * unit as u128;
    if r > MAX_SMALL as u128 {
        return Err(Exception::system_limit());
    }
    Ok(Term::small(r as i64))
}

/// `bs_utf8_size`: bytes the UTF-8 encoding of `v` takes (no validation).
pub fn utf8_size(v: Term) -> Term {
    Term::small(encode::utf8_len(v) as i64)
}

/// `bs_utf16_size`: bytes the UTF-16 encoding of `v` takes (no validation).
pub fn utf16_size(v: Term) -> Term {
    Term::small(encode::utf16_len(v) as i64)
}
