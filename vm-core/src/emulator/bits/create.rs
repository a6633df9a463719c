//! `bs_create_bin` (OTP 25+): building a bitstring from resolved segments, with the BEAM's
//! two passes (sizes first, then contents) so the failing segment reported in `error_info` is the
//! one ERTS reports, and the amortised in-place growth of `<<Acc/binary, ...>>`.

use alloc::vec;
use alloc::vec::Vec;

use super::encode::{self, PutError};
use super::MAX_BIN_BITS;
use crate::atom;
use crate::bif::Exception;
use crate::emulator::instr::{BinFlags, SegKind};
use crate::heap::{build, Alloc};
use crate::term::bits::{
    append_writable, base_bytes, bitstring_parts, copy_bits, refc_binary_of, BitSlice,
};
use crate::term::{Subtag, Term, HEAP_BIN_LIMIT};

/// One segment of `bs_create_bin` with its operands resolved.
///
/// * `size`: the size operand; `None` for `all` (binary/append) and `undefined` (utf*).
///   The segment's width is `size × unit` bits.
/// * `string`: for [`SegKind::String`] the bytes (from the `StrT` chunk) — `value` and `size` are
///   ignored then; empty for every other kind.
#[derive(Clone, Copy, Debug)]
pub struct SegValue<'a> {
    pub kind: SegKind,
    pub seg_no: u32,
    pub unit: u32,
    pub flags: BinFlags,
    pub value: Term,
    pub size: Option<Term>,
    pub string: &'a [u8],
}

/// The `Op` of an `error_info` cause.
fn op_atom(kind: SegKind) -> Term {
    match kind {
        SegKind::Integer => atom::INTEGER,
        SegKind::Float => atom::FLOAT,
        SegKind::Utf8 => atom::UTF8,
        SegKind::Utf16 => atom::UTF16,
        SegKind::Utf32 => atom::UTF32,
        SegKind::Binary | SegKind::String | SegKind::Append | SegKind::PrivateAppend => {
            atom::BINARY
        }
    }
}

/// A construction failure: `Reason` with `error_info`
/// `#{cause => {SegNo, Op, Info, Value}, function => format_bs_fail, module => erl_erts_errors}`.
pub fn bs_error(
    h: &mut impl Alloc,
    reason: Term,
    seg: &SegValue,
    info: Term,
    value: Term,
) -> Exception {
    let cause = build::tuple(
        h,
        &[
            Term::small(seg.seg_no as i64),
            op_atom(seg.kind),
            info,
            value,
        ],
    );
    // Keys in term order: atoms compare by name, and cause < function < module.
    let map = build::flatmap(
        h,
        &[atom::CAUSE, atom::FUNCTION, atom::MODULE],
        &[cause, atom::FORMAT_BS_FAIL, atom::ERL_ERTS_ERRORS],
    );
    let mut e = Exception::error(reason);
    e.error_info = Some(map);
    e
}

/// Width in bits of a sized segment, or the error of the size pass: a size that is not a
/// non-negative small is `badarg`, except a positive bignum or an overflowing product, which are
/// `system_limit`.
fn sized_bits(h: &mut impl Alloc, seg: &SegValue) -> Result<u64, Exception> {
    let size = seg.size.unwrap_or(atom::ALL);
    match size.as_small() {
        Some(s) if s >= 0 => {
            let s = s as u64;
            if seg.unit != 1 && s >> 52 != 0 {
                return Err(bs_error(h, atom::SYSTEM_LIMIT, seg, atom::SIZE, size));
            }
            Ok(s * seg.unit as u64)
        }
        _ => {
            let reason = if size.subtag() == Some(Subtag::PosBig) {
                atom::SYSTEM_LIMIT
            } else {
                atom::BADARG
            };
            Err(bs_error(h, reason, seg, atom::SIZE, size))
        }
    }
}

/// The size pass: the width of every segment after an optional leading `append`.
/// Fills `widths` (one per segment) and returns the total size in bits.
fn size_pass(
    h: &mut impl Alloc,
    segs: &[SegValue],
    widths: &mut [usize],
) -> Result<usize, Exception> {
    let mut total: u64 = 0;
    for (seg, width) in segs.iter().zip(widths.iter_mut()) {
        let bits: u64 = match seg.kind {
            SegKind::Append | SegKind::PrivateAppend => 0,
            SegKind::Binary if seg.size.is_none() => match BitSlice::of(seg.value) {
                Some(s) => s.bit_len as u64,
                None => return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, seg.value)),
            },
            SegKind::String => seg.string.len() as u64 * 8,
            SegKind::Integer | SegKind::Float | SegKind::Binary => sized_bits(h, seg)?,
            SegKind::Utf8 => encode::utf8_len(seg.value) as u64 * 8,
            SegKind::Utf16 => encode::utf16_len(seg.value) as u64 * 8,
            SegKind::Utf32 => {
                if encode::valid_code_point(seg.value).is_none() {
                    return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, seg.value));
                }
                32
            }
        };
        total += bits;
        if total > MAX_BIN_BITS as u64 {
            let v = seg.size.unwrap_or(seg.value);
            return Err(bs_error(h, atom::SYSTEM_LIMIT, seg, atom::SIZE, v));
        }
        *width = bits as usize;
    }
    Ok(total as usize)
}

fn put_error_info(e: PutError) -> Term {
    match e {
        PutError::Type => atom::TYPE,
        PutError::NoFloat => atom::NO_FLOAT,
        PutError::Invalid => atom::INVALID,
    }
}

/// The contents pass: writes every segment into `buf` (zeroed, `total` bits).
fn write_pass(
    h: &mut impl Alloc,
    segs: &[SegValue],
    widths: &[usize],
    buf: &mut [u8],
) -> Result<(), Exception> {
    let mut pos = 0usize;
    for (seg, &bits) in segs.iter().zip(widths) {
        let v = seg.value;
        let little = seg.flags.little;
        match seg.kind {
            SegKind::Append | SegKind::PrivateAppend => {}
            SegKind::Integer => {
                if encode::put_integer(buf, pos, v, bits, little).is_err() {
                    return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, v));
                }
            }
            SegKind::Float => {
                if let Err(e) = encode::put_float(buf, pos, v, bits, little) {
                    let value = if e == PutError::Invalid {
                        Term::small(bits as i64)
                    } else {
                        v
                    };
                    return Err(bs_error(h, atom::BADARG, seg, put_error_info(e), value));
                }
            }
            SegKind::Binary => {
                let src = match BitSlice::of(v) {
                    Some(s) => s,
                    None => return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, v)),
                };
                if seg.size.is_none() {
                    if seg.unit > 1 && src.bit_len % seg.unit as usize != 0 {
                        return Err(bs_error(h, atom::BADARG, seg, atom::UNIT, v));
                    }
                } else if src.bit_len < bits {
                    return Err(bs_error(h, atom::BADARG, seg, atom::SHORT, v));
                }
                copy_bits(src.data, src.bit_offset, buf, pos, bits);
            }
            SegKind::String => copy_bits(seg.string, 0, buf, pos, bits),
            SegKind::Utf8 => match encode::valid_code_point(v) {
                Some(c) => {
                    let (b, n) = encode::utf8_encode(c);
                    copy_bits(&b, 0, buf, pos, 8 * n);
                }
                None => return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, v)),
            },
            SegKind::Utf16 => match encode::valid_code_point(v) {
                Some(c) => {
                    let (b, n) = encode::utf16_encode(c, little);
                    copy_bits(&b, 0, buf, pos, 8 * n);
                }
                None => return Err(bs_error(h, atom::BADARG, seg, atom::TYPE, v)),
            },
            SegKind::Utf32 => {
                let c = encode::valid_code_point(v).unwrap_or(0) as u64;
                let c = if little {
                    (c as u32).swap_bytes() as u64
                } else {
                    c
                };
                crate::term::bits::write_bits_at(buf, pos, c, 32);
            }
        }
        pos += bits;
    }
    Ok(())
}

/// A fresh bitstring of `bits` bits from `data` (heap or refc by size).
fn new_bitstring(h: &mut impl Alloc, data: Vec<u8>, bits: usize) -> Term {
    let base = build::binary_from_vec(h, data);
    whole_or_sub(h, base, bits)
}

/// Where an extension's new bits went.
pub(super) struct Extended {
    /// The longer bitstring.
    pub term: Term,
    /// The `HeapBin`/`RefcBin` object holding its bytes.
    pub base: Term,
    /// Absolute bit offset in `base` where the appended bits start.
    pub at: usize,
}

/// `prefix` (a bitstring) followed by the first `tail_bits` bits of `tail`.
///
/// Extends the shared binary in place when `prefix` ends exactly at a writable binary's append
/// point — no other term sees the bits past that point, and terms covering the old prefix keep
/// their own sizes. Otherwise copies, into a writable binary with spare room when large, so the
/// next append of an accumulator loop is in place.
pub(super) fn extend(h: &mut impl Alloc, prefix: Term, tail: &[u8], tail_bits: usize) -> Extended {
    let (orig, off, len) = bitstring_parts(prefix).expect("extend: a bitstring");
    let end = off + len;
    if let Some(rb) = refc_binary_of(orig) {
        if rb.used_bits() == Some(end) {
            append_writable(rb, end, tail, tail_bits);
            let new_end = end + tail_bits;
            let pb = build::procbin_shared(h, rb, new_end.div_ceil(8));
            let term = if off == 0 && new_end % 8 == 0 {
                pb
            } else {
                build::sub_binary(h, pb, off, len + tail_bits)
            };
            return Extended {
                term,
                base: pb,
                at: end,
            };
        }
    }
    let bits = len + tail_bits;
    let nbytes = bits.div_ceil(8);
    let big = nbytes > HEAP_BIN_LIMIT;
    let mut data = if big {
        Vec::with_capacity(nbytes.saturating_mul(2).saturating_add(256))
    } else {
        Vec::with_capacity(nbytes)
    };
    data.resize(nbytes, 0);
    copy_bits(base_bytes(orig), off, &mut data, 0, len);
    copy_bits(tail, 0, &mut data, len, tail_bits);
    let term = if big {
        build::writable_bitstring(h, data, bits)
    } else {
        new_bitstring(h, data, bits)
    };
    let base = bitstring_parts(term).map(|p| p.0).unwrap_or(term);
    Extended {
        term,
        base,
        at: len,
    }
}

/// Checks the value of an `append`/`private_append` segment (a bitstring whose size is a
/// multiple of the unit).
fn check_append(h: &mut impl Alloc, seg: &SegValue) -> Result<(), Exception> {
    match BitSlice::of(seg.value) {
        None => Err(bs_error(h, atom::BADARG, seg, atom::TYPE, seg.value)),
        Some(s) if seg.unit > 1 && s.bit_len % seg.unit as usize != 0 => {
            Err(bs_error(h, atom::BADARG, seg, atom::UNIT, seg.value))
        }
        Some(_) => Ok(()),
    }
}

/// `bs_create_bin`: the bitstring of the segments, or the BEAM's `badarg`/`system_limit` with
/// `error_info`. An `append`/`private_append` first segment extends its value (both may reuse
/// its storage in place: the old value stays observable with its own size).
pub fn create_bin(h: &mut impl Alloc, segs: &[SegValue]) -> Result<Term, Exception> {
    // Most constructions are a few segments and a few bytes: no allocation (and no vector to
    // drop) for those; the rest goes through `create_bin_large`.
    let mut widths = [0usize; SMALL_SEGS];
    let Some(widths) = widths.get_mut(..segs.len()) else {
        let mut widths = vec![0; segs.len()];
        let total = size_pass(h, segs, &mut widths)?;
        let append = append_of(h, segs)?;
        return create_bin_large(h, segs, &widths, total, append);
    };
    let total = size_pass(h, segs, widths)?;
    let append = append_of(h, segs)?;
    let nbytes = total.div_ceil(8);
    let mut whole = [0u8; SMALL_BYTES];
    if nbytes > SMALL_BYTES {
        return create_bin_large(h, segs, widths, total, append);
    }
    // The pass writes into the whole zeroed buffer (room past the end lets its fields go
    // through `write_bits_at`'s 8-byte window), then the first `nbytes` are the contents.
    write_pass(h, segs, widths, &mut whole)?;
    let buf = &whole[..nbytes];
    Ok(match append {
        None => {
            let base = build::binary(h, buf);
            whole_or_sub(h, base, total)
        }
        Some(prefix) if total == 0 => prefix,
        Some(prefix) => extend(h, prefix, buf, total).term,
    })
}

/// Segments whose widths [`create_bin`] keeps on the stack (and that `bs_create_bin` resolves
/// on the stack).
pub const SMALL_SEGS: usize = 8;
/// Bytes of new contents [`create_bin`] builds on the stack.
const SMALL_BYTES: usize = 64;

/// The value of a leading `append`/`private_append` segment, checked.
fn append_of(h: &mut impl Alloc, segs: &[SegValue]) -> Result<Option<Term>, Exception> {
    match segs.first() {
        Some(s) if matches!(s.kind, SegKind::Append | SegKind::PrivateAppend) => {
            check_append(h, s)?;
            Ok(Some(s.value))
        }
        _ => Ok(None),
    }
}

/// The contents pass of [`create_bin`] into a heap buffer.
#[inline(never)]
fn create_bin_large(
    h: &mut impl Alloc,
    segs: &[SegValue],
    widths: &[usize],
    total: usize,
    append: Option<Term>,
) -> Result<Term, Exception> {
    let mut buf = vec![0; total.div_ceil(8)];
    write_pass(h, segs, widths, &mut buf)?;
    Ok(match append {
        None => new_bitstring(h, buf, total),
        Some(prefix) if total == 0 => prefix,
        Some(prefix) => extend(h, prefix, &buf, total).term,
    })
}

/// `base` as a bitstring of `bits` bits (a sub-binary when not whole bytes).
fn whole_or_sub(h: &mut impl Alloc, base: Term, bits: usize) -> Term {
    if bits % 8 == 0 {
        base
    } else {
        build::sub_binary(h, base, 0, bits)
    }
}
