//! A read-only view of a bitstring's bits, whatever object holds them (heap binary, refc binary,
//! sub-binary, or the binary behind a match context).

use super::{Subtag, Term};
use crate::heap::RefcBinary;

/// `bit_len` bits starting `bit_offset` bits into `data`.
#[derive(Clone, Copy)]
pub struct BitSlice<'a> {
    pub data: &'a [u8],
    pub bit_offset: usize,
    pub bit_len: usize,
}

impl<'a> BitSlice<'a> {
    /// The bits of a bitstring term (`HeapBin`, `RefcBin` or `SubBin`); `None` for anything else.
    pub fn of(t: Term) -> Option<BitSlice<'a>> {
        let h = t.header()?;
        match h.subtag() {
            Subtag::HeapBin | Subtag::RefcBin => {
                let bytes = base_bytes(t);
                Some(BitSlice {
                    data: bytes,
                    bit_offset: 0,
                    bit_len: bytes.len() * 8,
                })
            }
            Subtag::SubBin => {
                // SAFETY: a SubBin has three words after its header (layout in boxed.rs).
                let (size, offset, orig) = unsafe {
                    let p = t.ptr();
                    (*p.add(1) as usize, *p.add(2) as usize, Term(*p.add(3)))
                };
                let bytes = base_bytes(orig);
                Some(BitSlice {
                    data: bytes,
                    bit_offset: offset,
                    bit_len: size,
                })
            }
            _ => None,
        }
    }

    /// The whole bytes, when the slice is byte-aligned and a whole number of bytes.
    #[inline]
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.bit_offset % 8 == 0 && self.bit_len % 8 == 0 {
            let s = self.bit_offset / 8;
            Some(&self.data[s..s + self.bit_len / 8])
        } else {
            None
        }
    }

    #[inline]
    pub fn byte_len(&self) -> usize {
        self.bit_len / 8
    }

    /// Reads bit `i` (0 = the most significant bit of the first byte).
    #[inline]
    pub fn bit(&self, i: usize) -> bool {
        let b = self.bit_offset + i;
        self.data[b / 8] & (0x80 >> (b % 8)) != 0
    }

    /// Reads `n` bits (n <= 64) starting at bit `start`, as an unsigned big-endian number.
    pub fn read_bits(&self, start: usize, n: usize) -> u64 {
        debug_assert!(n <= 64 && start + n <= self.bit_len);
        let mut v: u64 = 0;
        let mut pos = self.bit_offset + start;
        let mut left = n;
        while left > 0 {
            let byte = self.data[pos / 8];
            let bit_in = pos % 8;
            let avail = 8 - bit_in;
            let take = avail.min(left);
            let chunk = (byte >> (avail - take)) & ((1u16 << take) - 1) as u8;
            v = (v << take) | chunk as u64;
            left -= take;
            pos += take;
        }
        v
    }

    /// Byte `i` of the slice, as if it were aligned (the last byte may be partial, padded with 0).
    #[inline]
    pub fn byte(&self, i: usize) -> u8 {
        let start = i * 8;
        let n = (self.bit_len - start).min(8);
        (self.read_bits(start, n) << (8 - n)) as u8
    }

    /// Copies the bits out into bytes (the last byte padded with zero bits).
    pub fn to_vec(&self) -> alloc::vec::Vec<u8> {
        if let Some(b) = self.as_bytes() {
            return b.to_vec();
        }
        (0..self.bit_len.div_ceil(8))
            .map(|i| self.byte(i))
            .collect()
    }

    /// A narrower view: `len` bits starting `start` bits into this one.
    #[inline]
    pub fn slice(&self, start: usize, len: usize) -> BitSlice<'a> {
        debug_assert!(start + len <= self.bit_len);
        BitSlice {
            data: self.data,
            bit_offset: self.bit_offset + start,
            bit_len: len,
        }
    }
}

/// The bytes of a `HeapBin` or `RefcBin` object.
pub fn base_bytes<'a>(t: Term) -> &'a [u8] {
    let h = t.header().expect("binary term");
    // SAFETY: the layouts of HeapBin and RefcBin are described in boxed.rs; the RefcBinary
    // outlives every ProcBin that holds a count on it.
    unsafe {
        let p = t.ptr();
        let size = *p.add(1) as usize;
        match h.subtag() {
            Subtag::HeapBin => core::slice::from_raw_parts(p.add(2) as *const u8, size),
            Subtag::RefcBin => {
                let rb = &*(*p.add(2) as usize as *const RefcBinary);
                &rb.bytes()[..size]
            }
            _ => panic!("base_bytes on a non-binary"),
        }
    }
}
