//! The fast tier's `bs_create_bin`: the segments read from the registers, then the binary built,
//! all or nothing (an append extends its binary only once every segment fits).

use super::super::instr::{BinSize, SegKind, Segment, Src};
use super::super::regs::MAX_X;
use super::super::{bits, ops};
use crate::heap::{build, Heap};
use crate::term::Term;

/// The binary of `segments` (at most [`bits::SMALL_SEGS`]), or `None` for the full loop: a string
/// segment (it reads the module's string table), a Y register outside the frame, a segment that
/// raises.
pub fn create_bin(
    segments: &[Segment],
    x: &[Term; MAX_X],
    stack: &[Term],
    heap: &mut Heap,
) -> Option<Term> {
    if let Some(t) = integers(segments, x, stack, heap) {
        return Some(t);
    }
    let rd = |s: Src| super::read(x, stack, s);
    let mut segs = [ops::BLANK_SEG; bits::SMALL_SEGS];
    for (slot, s) in segs.iter_mut().zip(segments.iter()) {
        if s.kind == SegKind::String {
            return None;
        }
        let size = match s.size {
            BinSize::All => None,
            BinSize::Src(src) => Some(rd(src)?),
        };
        *slot = ops::seg_common(s, rd(s.value)?, size);
    }
    bits::create_bin(heap, segs.get(..segments.len())?).ok()
}

/// Bytes [`integers`] builds on the stack.
const INTEGER_BYTES: usize = 64;

/// Integer segments only, of smalls at most 64 bits wide and [`INTEGER_BYTES`] in all (records,
/// packet headers): packed through one accumulator straight into a stack buffer, where the
/// general path resolves and sizes every segment before writing each through `put_integer`.
/// `None` when a segment is anything else (or a little-endian field of a partial byte); nothing
/// has been built then, and the general path starts afresh.
#[inline]
fn integers(
    segments: &[Segment],
    x: &[Term; MAX_X],
    stack: &[Term],
    heap: &mut Heap,
) -> Option<Term> {
    // Eight bytes of slack: whole bytes leave the accumulator as one 8-byte store.
    let mut buf = [0u8; INTEGER_BYTES + 8];
    let mut out = 0usize;
    // The bits not yet in `buf` (fewer than 8 between segments), last bit lowest.
    let (mut acc, mut have) = (0u128, 0usize);
    for s in segments {
        let BinSize::Src(size) = s.size else {
            return None;
        };
        let size = super::read(x, stack, size)?.as_small()?;
        let bits = (size as u64).wrapping_mul(s.unit as u64) as usize;
        let v = super::read(x, stack, s.value)?.as_small();
        if s.kind != SegKind::Integer
            || !(0..=64).contains(&size)
            || bits > 64
            || out * 8 + have + bits > INTEGER_BYTES * 8
        {
            return None;
        }
        let mut u = v? as u64 & bits::encode::mask(bits);
        if s.flags.little && bits > 8 {
            if bits % 8 != 0 {
                return None;
            }
            u = bits::encode::reverse_bytes(u, bits);
        }
        acc = (acc << bits) | u as u128;
        have += bits;
        let n = have / 8;
        if n > 0 {
            have %= 8;
            // The `n` ready bytes, first byte highest.
            let w = ((acc >> have) as u64) << (64 - 8 * n);
            buf.get_mut(out..out + 8)?.copy_from_slice(&w.to_be_bytes());
            out += n;
            acc &= (1u128 << have) - 1;
        }
    }
    if have > 0 {
        *buf.get_mut(out)? = (acc as u8) << (8 - have);
    }
    let total = out * 8 + have;
    let base = build::binary(heap, &buf[..total.div_ceil(8)]);
    Some(if total % 8 == 0 {
        base
    } else {
        build::sub_binary(heap, base, 0, total)
    })
}
