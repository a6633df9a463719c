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
    #[inline]
    pub fn read_bits(&self, start: usize, n: usize) -> u64 {
        debug_assert!(n <= 64 && start + n <= self.bit_len);
        read_bits_at(self.data, self.bit_offset + start, n)
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
#[inline]
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

// ---- raw bit access ---------------------------------------------------------------------------

/// Reads `n` bits (n <= 64) at absolute bit `pos` of `data` as an unsigned big-endian number.
#[inline]
pub fn read_bits_at(data: &[u8], pos: usize, n: usize) -> u64 {
    debug_assert!(n <= 64 && pos + n <= data.len() * 8);
    let (first, off) = (pos / 8, pos % 8);
    // Within one byte (a byte, a flag, a nibble): no byte swap, which wasm32 lacks.
    if n != 0 && off + n <= 8 {
        if let Some(&b) = data.get(first) {
            return ((b << off) >> (8 - n)) as u64;
        }
    }
    // Else one 8-byte window holds the field (it starts in the window's first byte and is at
    // most 64 - pos % 8 bits): a load, a byte swap and two shifts, aligned or not.
    if n != 0 && off + n <= 64 {
        if let Some(w) = data.get(first..first + 8) {
            let acc = u64::from_be_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            return (acc << off) >> (64 - n);
        }
    }
    read_bits_near_end(data, pos, n)
}

/// [`read_bits_at`] without the window: the last bytes of `data`, or a field wider than one.
#[inline(never)]
fn read_bits_near_end(data: &[u8], pos: usize, n: usize) -> u64 {
    if n == 0 {
        return 0;
    }
    // Whole bytes at a byte boundary, the common case of real protocols.
    if (pos | n) % 8 == 0 {
        let s = pos / 8;
        return data[s..s + n / 8]
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | b as u64);
    }
    let first = pos / 8;
    let last = (pos + n - 1) / 8;
    let total = (last - first + 1) * 8;
    let shift = total - (pos % 8) - n;
    // Fields spanning at most 8 bytes (all but the widest unaligned ones) fit in a u64, which
    // wasm32 handles natively and u128 it does not.
    if total <= 64 {
        let acc = data[first..=last]
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | b as u64);
        return (acc >> shift) & mask64(n);
    }
    let mut acc: u128 = 0;
    for &b in &data[first..=last] {
        acc = (acc << 8) | b as u128;
    }
    ((acc >> shift) & ((1u128 << n) - 1)) as u64
}

/// The low `n` bits set (n <= 64).
#[inline(always)]
fn mask64(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// Writes the low `n` bits (n <= 64) of `v` at absolute bit `pos` of `data`, big-endian, leaving
/// the surrounding bits untouched.
#[inline]
pub fn write_bits_at(data: &mut [u8], pos: usize, v: u64, n: usize) {
    debug_assert!(n <= 64 && pos + n <= data.len() * 8);
    // The windows of `read_bits_at`: one byte, or eight read, merged and written back (the
    // bytes around the field are written with the values they had).
    let (first, off) = (pos / 8, pos % 8);
    if n != 0 && off + n <= 8 {
        if let Some(b) = data.get_mut(first) {
            let shift = 8 - off - n;
            let mask = ((0xFFu16 >> (8 - n)) << shift) as u8;
            *b = (*b & !mask) | (((v as u8) << shift) & mask);
            return;
        }
    }
    if n != 0 && off + n <= 64 {
        if let Some(w) = data.get_mut(first..first + 8) {
            let acc = u64::from_be_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            let shift = 64 - off - n;
            let mask = mask64(n) << shift;
            let acc = (acc & !mask) | ((v << shift) & mask);
            w.copy_from_slice(&acc.to_be_bytes());
            return;
        }
    }
    write_bits_near_end(data, pos, v, n)
}

/// [`write_bits_at`] without the window: the last bytes of `data`, or a field wider than one.
#[inline(never)]
fn write_bits_near_end(data: &mut [u8], pos: usize, v: u64, n: usize) {
    if n == 0 {
        return;
    }
    if (pos | n) % 8 == 0 {
        let (s, nb) = (pos / 8, n / 8);
        for (k, b) in data[s..s + nb].iter_mut().enumerate() {
            *b = (v >> (8 * (nb - 1 - k))) as u8;
        }
        return;
    }
    let first = pos / 8;
    let last = (pos + n - 1) / 8;
    let total = (last - first + 1) * 8;
    let shift = total - (pos % 8) - n;
    if total <= 64 {
        let mask = mask64(n) << shift;
        let val = (v << shift) & mask;
        let mut acc = data[first..=last]
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | b as u64);
        acc = (acc & !mask) | val;
        for i in (first..=last).rev() {
            data[i] = acc as u8;
            acc >>= 8;
        }
        return;
    }
    let mask = ((1u128 << n) - 1) << shift;
    let val = ((v as u128) << shift) & mask;
    let mut acc: u128 = 0;
    for &b in &data[first..=last] {
        acc = (acc << 8) | b as u128;
    }
    acc = (acc & !mask) | val;
    for i in (first..=last).rev() {
        data[i] = acc as u8;
        acc >>= 8;
    }
}

/// Copies `n` bits from bit `src_pos` of `src` to bit `dst_pos` of `dst`.
pub fn copy_bits(src: &[u8], src_pos: usize, dst: &mut [u8], dst_pos: usize, n: usize) {
    if n == 0 {
        return;
    }
    if src_pos % 8 == 0 && dst_pos % 8 == 0 {
        let (s, d, nb) = (src_pos / 8, dst_pos / 8, n / 8);
        dst[d..d + nb].copy_from_slice(&src[s..s + nb]);
        let rem = n % 8;
        if rem > 0 {
            write_bits_at(
                dst,
                dst_pos + nb * 8,
                (src[s + nb] >> (8 - rem)) as u64,
                rem,
            );
        }
        return;
    }
    let mut done = 0;
    while done < n {
        let k = (n - done).min(56);
        let v = read_bits_at(src, src_pos + done, k);
        write_bits_at(dst, dst_pos + done, v, k);
        done += k;
    }
}

// ---- mutable access to binaries this process is building ---------------------------------------

/// The bytes of a `HeapBin` or `RefcBin` object, writable.
///
/// Only for binaries under construction (`bs_init*`/`bs_append` followed by `bs_put_*`): the
/// caller writes bits no other term can observe yet, and holds no other view of these bytes
/// (the shared view of a `RefcBinary` is taken afresh by every reader).
#[allow(clippy::mut_from_ref)]
pub fn binary_bytes_mut(t: &Term) -> Option<&mut [u8]> {
    let h = t.header()?;
    // SAFETY: layouts of HeapBin and RefcBin are in boxed.rs; exclusivity is the caller's contract
    // above (single-threaded, no outstanding borrow of these bytes).
    unsafe {
        let p = t.ptr();
        let size = *p.add(1) as usize;
        match h.subtag() {
            Subtag::HeapBin => Some(core::slice::from_raw_parts_mut(p.add(2) as *mut u8, size)),
            Subtag::RefcBin => {
                let rb = &*(*p.add(2) as usize as *const RefcBinary);
                Some(&mut rb.data_mut()[..size])
            }
            _ => None,
        }
    }
}

/// The shared binary behind a `RefcBin` (ProcBin) object.
pub fn refc_binary_of<'a>(t: Term) -> Option<&'a RefcBinary> {
    if t.subtag()? != Subtag::RefcBin {
        return None;
    }
    // SAFETY: a ProcBin's second raw word points to a RefcBinary it holds a count on; the binary
    // lives at least as long as the ProcBin.
    unsafe { Some(&*(*t.ptr().add(2) as usize as *const RefcBinary)) }
}

/// The base object (`HeapBin`/`RefcBin`), bit offset and bit length of a bitstring term.
pub fn bitstring_parts(t: Term) -> Option<(Term, usize, usize)> {
    match t.subtag()? {
        Subtag::HeapBin | Subtag::RefcBin => Some((t, 0, base_bytes(t).len() * 8)),
        Subtag::SubBin => {
            // SAFETY: a SubBin has three words after its header (layout in boxed.rs).
            let (size, offset, orig) = unsafe {
                let p = t.ptr();
                (*p.add(1) as usize, *p.add(2) as usize, Term(*p.add(3)))
            };
            Some((orig, offset, size))
        }
        _ => None,
    }
}

/// Appends `n` bits of `src` (from bit 0) to a writable `RefcBinary` at its append point `at`,
/// growing its storage (amortised doubling). Returns the new byte length of the data.
pub fn append_writable(rb: &RefcBinary, at: usize, src: &[u8], n: usize) -> usize {
    debug_assert_eq!(rb.used_bits(), Some(at));
    let end = at + n;
    let new_len = end.div_ceil(8);
    // SAFETY: single-threaded; no slice of this binary's bytes is alive here (callers copy their
    // sources out first), so growing and writing the vector cannot invalidate a borrow.
    let data = unsafe { rb.data_mut() };
    if data.len() < new_len {
        data.resize(new_len, 0);
    }
    copy_bits(src, 0, data, at, n);
    rb.set_used_bits(end);
    data.len()
}

// ---- match contexts ---------------------------------------------------------------------------

/// The four fields of a `MatchState` object (positions are absolute bits into `orig`'s bytes).
#[derive(Clone, Copy, Debug)]
pub struct MatchFields {
    pub start: usize,
    pub end: usize,
    pub pos: usize,
    pub orig: Term,
}

impl MatchFields {
    /// The bytes of the binary being matched (valid until the next collection).
    #[inline]
    pub fn data<'a>(&self) -> &'a [u8] {
        base_bytes(self.orig)
    }
    #[inline]
    pub fn remaining(&self) -> usize {
        self.end - self.pos
    }
}

/// Reads a match context; `None` for any other term.
#[inline]
pub fn match_fields(t: Term) -> Option<MatchFields> {
    if t.subtag()? != Subtag::MatchState {
        return None;
    }
    // SAFETY: a MatchState has four words after its header (layout in boxed.rs).
    unsafe {
        let p = t.ptr();
        Some(MatchFields {
            start: *p.add(1) as usize,
            end: *p.add(2) as usize,
            pos: *p.add(3) as usize,
            orig: Term(*p.add(4)),
        })
    }
}

/// Reads the next `n` bits (1..=64) of a match context as an unsigned big-endian number and
/// moves past them: `bs_get_integer2`'s common case in one pass over the context. `None` when
/// fewer than `n` bits remain (the context is left as it was). The caller has checked that
/// `ctx` is a match context: built on `match_fields` and `set_match_pos` instead, their
/// repeated subtag checks cost b_bin 2.6 % more instructions.
#[inline]
pub fn match_read_bits(ctx: Term, n: usize) -> Option<u64> {
    debug_assert!(ctx.subtag() == Some(Subtag::MatchState) && (1..=64).contains(&n));
    // SAFETY: as in `match_fields`, a MatchState has four words after its header; `orig` is a
    // HeapBin or RefcBin that `base_bytes` reads.
    unsafe {
        let p = ctx.ptr();
        let (end, pos) = (*p.add(2) as usize, *p.add(3) as usize);
        if end - pos < n {
            return None;
        }
        let v = read_bits_at(base_bytes(Term(*p.add(4))), pos, n);
        *p.add(3) = (pos + n) as u64;
        Some(v)
    }
}

/// Moves a match context's current position (absolute bits, `start..=end`).
#[inline]
pub fn set_match_pos(t: Term, pos: usize) {
    debug_assert!(matches!(t.subtag(), Some(Subtag::MatchState)));
    if t.subtag() == Some(Subtag::MatchState) {
        // SAFETY: a MatchState's third raw word is its current position.
        unsafe { *t.ptr().add(3) = pos as u64 }
    }
}

#[cfg(test)]
mod tests {
    use super::{read_bits_at, write_bits_at};

    /// Bit `i` of `data`, counting from the most significant bit of byte 0.
    fn bit(data: &[u8], i: usize) -> u64 {
        ((data[i / 8] >> (7 - i % 8)) & 1) as u64
    }

    #[test]
    fn reads_and_writes_agree_with_bit_by_bit_at_every_alignment() {
        let data: [u8; 12] = [
            0x81, 0x7e, 0xa5, 0x5a, 0xff, 0x00, 0x13, 0x37, 0xc0, 0xde, 0x42, 0x99,
        ];
        for pos in 0..24 {
            for n in 0..=64 {
                let want = (0..n).fold(0u64, |acc, i| (acc << 1) | bit(&data, pos + i));
                assert_eq!(read_bits_at(&data, pos, n), want, "read pos {pos} n {n}");
                let mut out = data;
                let v = want.rotate_left(7) ^ 0x5555_5555_5555_5555;
                write_bits_at(&mut out, pos, v, n);
                for i in 0..data.len() * 8 {
                    let expect = if i >= pos && i < pos + n {
                        (v >> (n - 1 - (i - pos))) & 1
                    } else {
                        bit(&data, i)
                    };
                    assert_eq!(bit(&out, i), expect, "write pos {pos} n {n} bit {i}");
                }
            }
        }
    }
}
