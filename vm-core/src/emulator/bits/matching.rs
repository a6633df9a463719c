//! Binary matching: match contexts (`MatchState` objects) and the reads that advance them.
//!
//! Every read returns `None`/`false` without moving the position when it fails, so the
//! emulator simply jumps to the fail label.

use num_bigint::BigUint;

use super::encode;
use super::MAX_BIN_BITS;
use crate::bif::Exception;
use crate::emulator::instr::{BinFlags, Dst, MatchCmd};
use crate::heap::{build, Alloc};
use crate::term::bits::{base_bytes, bitstring_parts, match_fields, read_bits_at, set_match_pos};
use crate::term::{Subtag, Term};

/// `bs_start_match*`: a new context at position 0 over a bitstring, the context itself when
/// `t` already is one, `None` otherwise.
#[inline]
pub fn start_match(h: &mut impl Alloc, t: Term) -> Option<Term> {
    if t.subtag()? == Subtag::MatchState {
        return Some(t);
    }
    let (orig, off, len) = bitstring_parts(t)?;
    Some(build::match_state(h, orig, off, off + len, off))
}

#[inline]
fn fields(ctx: Term) -> crate::term::bits::MatchFields {
    match_fields(ctx).expect("bit-syntax instruction on a non-match-context")
}

/// `bs_get_position`: bits consumed so far.
pub fn position(ctx: Term) -> usize {
    let m = fields(ctx);
    m.pos - m.start
}

/// `bs_set_position`: back to a position obtained from [`position`].
pub fn set_position(ctx: Term, pos: usize) {
    let m = fields(ctx);
    set_match_pos(ctx, (m.start + pos).min(m.end));
}

/// Bits left to match.
pub fn remaining(ctx: Term) -> usize {
    fields(ctx).remaining()
}

/// A bitstring of `len` bits at absolute offset `off` of `orig`: `orig` itself when that is all
/// of it, else a sub-binary.
fn sub_of(h: &mut impl Alloc, orig: Term, off: usize, len: usize) -> Term {
    if off == 0 && len == base_bytes(orig).len() * 8 {
        orig
    } else {
        build::sub_binary(h, orig, off, len)
    }
}

/// `bs_get_tail`: the rest as a bitstring; the position is unchanged.
pub fn get_tail(h: &mut impl Alloc, ctx: Term) -> Term {
    let m = fields(ctx);
    sub_of(h, m.orig, m.pos, m.end - m.pos)
}

/// `Size × Unit` of a size operand, `None` unless `Size` is a non-negative integer and the
/// product is below the largest bitstring.
#[inline]
pub fn bits_of(size: Term, unit: u32) -> Option<usize> {
    bits_of_checked(size, unit).ok()
}

/// [`bits_of`] with the BEAM's exception: `badarg` for a non-integer or negative size,
/// `system_limit` for one that is too large.
#[inline]
pub fn bits_of_checked(size: Term, unit: u32) -> Result<usize, Exception> {
    match size.as_small() {
        Some(s) if s >= 0 => {
            // A size below 2^32 times a u32 unit cannot overflow (and needs no 128-bit
            // multiply on wasm32).
            let bits = if s <= u32::MAX as i64 {
                Some(s as u64 * unit as u64)
            } else {
                (s as u64).checked_mul(unit as u64)
            };
            match bits {
                Some(b) if b <= MAX_BIN_BITS as u64 => Ok(b as usize),
                _ => Err(Exception::system_limit()),
            }
        }
        _ if size.subtag() == Some(Subtag::PosBig) => Err(Exception::system_limit()),
        _ => Err(Exception::badarg()),
    }
}

/// `bs_get_integer2`: reads `bits` bits as an integer.
#[inline]
pub fn get_integer(h: &mut impl Alloc, ctx: Term, bits: usize, flags: BinFlags) -> Option<Term> {
    let m = fields(ctx);
    if m.remaining() < bits {
        return None;
    }
    let v = encode::get_integer(h, m.data(), m.pos, bits, flags.little, flags.signed);
    set_match_pos(ctx, m.pos + bits);
    Some(v)
}

/// `bs_get_float2`: a 16/32/64-bit float (0 bits read as 0.0); NaN and infinities fail.
pub fn get_float(h: &mut impl Alloc, ctx: Term, bits: usize, flags: BinFlags) -> Option<Term> {
    let m = fields(ctx);
    if m.remaining() < bits {
        return None;
    }
    let f = encode::get_float(m.data(), m.pos, bits, flags.little)?;
    set_match_pos(ctx, m.pos + bits);
    Some(build::float(h, f))
}

/// `bs_get_binary2` with a size: the next `bits` bits as a sub-binary.
pub fn get_binary(h: &mut impl Alloc, ctx: Term, bits: usize) -> Option<Term> {
    let m = fields(ctx);
    if m.remaining() < bits {
        return None;
    }
    let t = sub_of(h, m.orig, m.pos, bits);
    set_match_pos(ctx, m.pos + bits);
    Some(t)
}

/// `bs_get_binary2` with size `all`: the rest, which must be a multiple of `unit` bits.
pub fn get_binary_all(h: &mut impl Alloc, ctx: Term, unit: u32) -> Option<Term> {
    let m = fields(ctx);
    let rest = m.remaining();
    if unit > 1 && rest % unit as usize != 0 {
        return None;
    }
    let t = sub_of(h, m.orig, m.pos, rest);
    set_match_pos(ctx, m.end);
    Some(t)
}

/// `bs_skip_bits2`: advances `bits` bits.
pub fn skip(ctx: Term, bits: usize) -> bool {
    let m = fields(ctx);
    if m.remaining() < bits {
        return false;
    }
    set_match_pos(ctx, m.pos + bits);
    true
}

/// `bs_skip_bits2` with size `all`: skips the rest when it is a multiple of `unit`.
pub fn skip_all(ctx: Term, unit: u32) -> bool {
    let m = fields(ctx);
    if unit > 1 && m.remaining() % unit as usize != 0 {
        return false;
    }
    set_match_pos(ctx, m.end);
    true
}

/// `bs_test_tail2`: exactly `bits` bits remain.
pub fn test_tail(ctx: Term, bits: usize) -> bool {
    fields(ctx).remaining() == bits
}

/// `bs_test_unit`: the remaining bit count is a multiple of `unit`.
pub fn test_unit(ctx: Term, unit: u32) -> bool {
    let rest = fields(ctx).remaining();
    // Units are mostly 8 (a whole number of bytes): a mask, not a division.
    match unit {
        0 | 1 => true,
        u if u.is_power_of_two() => rest & (u as usize - 1) == 0,
        u => rest % u as usize == 0,
    }
}

/// `bs_match_string`: the next `bits` bits equal the first `bits` bits of `bytes`; advances on
/// success.
pub fn match_string(ctx: Term, bits: usize, bytes: &[u8]) -> bool {
    let m = fields(ctx);
    if m.remaining() < bits || bytes.len() * 8 < bits {
        return false;
    }
    let data = m.data();
    let equal = if m.pos % 8 == 0 && bits % 8 == 0 {
        let s = m.pos / 8;
        data[s..s + bits / 8] == bytes[..bits / 8]
    } else {
        let mut done = 0;
        let mut eq = true;
        while done < bits && eq {
            let k = (bits - done).min(56);
            eq = read_bits_at(data, m.pos + done, k) == read_bits_at(bytes, done, k);
            done += k;
        }
        eq
    };
    if equal {
        set_match_pos(ctx, m.pos + bits);
    }
    equal
}

/// `bs_get_utf8`/`bs_skip_utf8`.
pub fn get_utf8(ctx: Term) -> Option<u32> {
    let m = fields(ctx);
    let (c, n) = encode::utf8_decode(m.data(), m.pos, m.remaining())?;
    set_match_pos(ctx, m.pos + n);
    Some(c)
}

/// `bs_get_utf16`/`bs_skip_utf16`.
pub fn get_utf16(ctx: Term, flags: BinFlags) -> Option<u32> {
    let m = fields(ctx);
    let (c, n) = encode::utf16_decode(m.data(), m.pos, m.remaining(), flags.little)?;
    set_match_pos(ctx, m.pos + n);
    Some(c)
}

/// `bs_get_utf32`/`bs_skip_utf32`.
pub fn get_utf32(ctx: Term, flags: BinFlags) -> Option<u32> {
    let m = fields(ctx);
    let c = encode::utf32_decode(m.data(), m.pos, m.remaining(), flags.little)?;
    set_match_pos(ctx, m.pos + 32);
    Some(c)
}

/// Whether the next `bits` bits, read as an unsigned big-endian integer, equal `value`.
fn eq_exact(data: &[u8], pos: usize, bits: usize, value: Term) -> bool {
    if bits <= 64 {
        let v = read_bits_at(data, pos, bits);
        return match value.as_small() {
            Some(s) => s >= 0 && s as u64 == v,
            None => {
                value.subtag() == Some(Subtag::PosBig)
                    && value.boxed_words().len() == 1
                    && value.boxed_words()[0] == v
            }
        };
    }
    let expected = match value.as_small() {
        Some(s) if s >= 0 => BigUint::from(s as u64),
        Some(_) => return false,
        None if value.subtag() == Some(Subtag::PosBig) => {
            let mut digits = alloc::vec::Vec::new();
            for w in value.boxed_words() {
                digits.push(*w as u32);
                digits.push((*w >> 32) as u32);
            }
            BigUint::new(digits)
        }
        None => return false,
    };
    let mut bytes = alloc::vec![0u8; bits.div_ceil(8)];
    crate::term::bits::copy_bits(data, pos, &mut bytes, (8 - bits % 8) % 8, bits);
    BigUint::from_bytes_be(&bytes) == expected
}

/// `bs_match` (OTP 26+): runs the sub-commands in order; `false` sends the emulator to the fail
/// label. `write` stores a result in a register.
pub fn run_match_cmds(
    h: &mut impl Alloc,
    ctx: Term,
    cmds: &[MatchCmd],
    write: &mut dyn FnMut(Dst, Term),
) -> bool {
    for cmd in cmds {
        let m = fields(ctx);
        let rest = m.remaining();
        match *cmd {
            MatchCmd::EnsureAtLeast { stride, unit } => {
                let stride = stride as usize;
                if rest < stride || (unit > 1 && (rest - stride) % unit as usize != 0) {
                    return false;
                }
            }
            MatchCmd::EnsureExactly { stride } => {
                if rest != stride as usize {
                    return false;
                }
            }
            MatchCmd::Integer {
                flags,
                size,
                unit,
                dst,
            } => {
                let bits = (size as usize).saturating_mul(unit as usize);
                match get_integer(h, ctx, bits, flags) {
                    Some(v) => write(dst, v),
                    None => return false,
                }
            }
            MatchCmd::Binary { size, unit, dst } => {
                let bits = (size as usize).saturating_mul(unit as usize);
                match get_binary(h, ctx, bits) {
                    Some(v) => write(dst, v),
                    None => return false,
                }
            }
            MatchCmd::Skip { stride } => {
                if !skip(ctx, stride as usize) {
                    return false;
                }
            }
            MatchCmd::GetTail { dst } => {
                // Like `bs_get_tail`: the position stays where it is.
                let t = get_tail(h, ctx);
                write(dst, t);
            }
            MatchCmd::EqExact { size, value } => {
                let bits = size as usize;
                if rest < bits || !eq_exact(m.data(), m.pos, bits, value) {
                    return false;
                }
                set_match_pos(ctx, m.pos + bits);
            }
        }
    }
    true
}
