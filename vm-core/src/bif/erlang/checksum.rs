//! `md5/1`, `md5_init/0`, `md5_update/2`, `md5_final/1`, `crc32/1,2`, `adler32/1,2`.
//!
//! The MD5 context is a 92-byte binary laid out like OpenSSL's `MD5_CTX` (which ERTS hands
//! out): the four state words, the bit count (low, high), the 64-byte block buffer and the
//! number of buffered bytes, all little-endian. Unused buffer bytes are zero here.

use crate::bif::convert::iodata_bytes;
use crate::bif::{BifResult, Ctx, Exception};
use crate::heap::build;
use crate::term::bits::BitSlice;
use crate::term::Term;

const CTX_SIZE: usize = 92;

/// A running MD5 computation.
struct Md5 {
    state: [u32; 4],
    bits: u64,
    buf: [u8; 64],
    n: usize,
}

const S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15,
    21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/// The per-round constants, `floor(abs(sin(i + 1)) * 2^32)`.
const K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

impl Md5 {
    fn new() -> Md5 {
        Md5 {
            state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476],
            bits: 0,
            buf: [0; 64],
            n: 0,
        }
    }

    fn block(&mut self, b: &[u8]) {
        let mut m = [0u32; 16];
        for (i, w) in m.iter_mut().enumerate() {
            *w = u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]);
        }
        let [mut a, mut bb, mut c, mut d] = self.state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((bb & c) | (!bb & d), i),
                1 => ((d & bb) | (!d & c), (5 * i + 1) % 16),
                2 => (bb ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (bb | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = bb;
            bb = bb.wrapping_add(
                a.wrapping_add(f)
                    .wrapping_add(K[i])
                    .wrapping_add(m[g])
                    .rotate_left(S[i]),
            );
            a = t;
        }
        for (s, v) in self.state.iter_mut().zip([a, bb, c, d]) {
            *s = s.wrapping_add(v);
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.bits = self.bits.wrapping_add((data.len() as u64) << 3);
        if self.n > 0 {
            let take = (64 - self.n).min(data.len());
            self.buf[self.n..self.n + take].copy_from_slice(&data[..take]);
            self.n += take;
            data = &data[take..];
            if self.n < 64 {
                return;
            }
            let b = self.buf;
            self.block(&b);
            self.n = 0;
        }
        while data.len() >= 64 {
            self.block(&data[..64]);
            data = &data[64..];
        }
        self.buf[..data.len()].copy_from_slice(data);
        self.n = data.len();
    }

    fn finish(mut self) -> [u8; 16] {
        let bits = self.bits;
        self.update(&[0x80]);
        while self.n != 56 {
            self.update(&[0]);
        }
        let b = self.buf;
        let mut last = [0u8; 64];
        last[..56].copy_from_slice(&b[..56]);
        last[56..].copy_from_slice(&bits.to_le_bytes());
        self.block(&last);
        let mut out = [0u8; 16];
        for (i, s) in self.state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&s.to_le_bytes());
        }
        out
    }

    fn to_bytes(&self) -> [u8; CTX_SIZE] {
        let mut out = [0u8; CTX_SIZE];
        for (i, s) in self.state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&s.to_le_bytes());
        }
        out[16..24].copy_from_slice(&self.bits.to_le_bytes());
        out[24..88].copy_from_slice(&self.buf);
        out[88..92].copy_from_slice(&(self.n as u32).to_le_bytes());
        out
    }

    fn from_bytes(b: &[u8]) -> Option<Md5> {
        if b.len() != CTX_SIZE {
            return None;
        }
        let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let n = word(88) as usize;
        if n >= 64 {
            return None;
        }
        let mut buf = [0u8; 64];
        buf.copy_from_slice(&b[24..88]);
        let mut bits = [0u8; 8];
        bits.copy_from_slice(&b[16..24]);
        Some(Md5 {
            state: [word(0), word(4), word(8), word(12)],
            bits: u64::from_le_bytes(bits),
            buf,
            n,
        })
    }
}

/// MD5 of a byte string.
pub fn md5_digest(data: &[u8]) -> [u8; 16] {
    let mut m = Md5::new();
    m.update(data);
    m.finish()
}

fn iodata(t: Term) -> Result<alloc::vec::Vec<u8>, Exception> {
    iodata_bytes(t).ok_or_else(Exception::badarg)
}

fn context(t: Term) -> Result<Md5, Exception> {
    BitSlice::of(t)
        .and_then(|b| b.as_bytes())
        .and_then(Md5::from_bytes)
        .ok_or_else(Exception::badarg)
}

pub fn md5(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let d = md5_digest(&iodata(a[0])?);
    Ok(build::binary(&mut ctx.proc.heap, &d))
}

pub fn md5_init(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    Ok(build::binary(&mut ctx.proc.heap, &Md5::new().to_bytes()))
}

pub fn md5_update(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let mut m = context(a[0])?;
    m.update(&iodata(a[1])?);
    Ok(build::binary(&mut ctx.proc.heap, &m.to_bytes()))
}

pub fn md5_final(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let d = context(a[0])?.finish();
    Ok(build::binary(&mut ctx.proc.heap, &d))
}

/// zlib's CRC-32 (reflected, polynomial 0xEDB88320), continuing from `crc`.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

pub use crate::zlib::adler32_update;

fn u32_arg(t: Term) -> Result<u32, Exception> {
    match t.as_small() {
        Some(v) if (0..=u32::MAX as i64).contains(&v) => Ok(v as u32),
        _ => Err(Exception::badarg()),
    }
}

pub fn crc32_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::small(crc32_update(0, &iodata(a[0])?) as i64))
}

pub fn crc32_2(_: &mut Ctx, a: &[Term]) -> BifResult {
    let old = u32_arg(a[0])?;
    Ok(Term::small(crc32_update(old, &iodata(a[1])?) as i64))
}

pub fn adler32_1(_: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::small(adler32_update(1, &iodata(a[0])?) as i64))
}

pub fn adler32_2(_: &mut Ctx, a: &[Term]) -> BifResult {
    let old = u32_arg(a[0])?;
    Ok(Term::small(adler32_update(old, &iodata(a[1])?) as i64))
}
