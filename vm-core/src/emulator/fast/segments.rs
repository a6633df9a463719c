//! The fast tier's `bs_create_bin`: the segments read from the registers, then the binary built,
//! all or nothing (an append extends its binary only once every segment fits).

use super::super::instr::{BinSize, SegKind, Segment, Src};
use super::super::regs::MAX_X;
use super::super::{bits, ops};
use crate::heap::Heap;
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
