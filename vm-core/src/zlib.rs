//! zlib streams (RFC 1950) as the external term format's `compressed` terms and bundles
//! (`pack`) store them, and zlib's Adler-32 (also `erlang:adler32/1,2`).

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

pub use miniz_oxide::inflate::TINFLStatus as Status;

/// The outcome of [`inflate_exact`].
pub struct Inflated {
    pub status: Status,
    /// Bytes of the stream read.
    pub consumed: usize,
    /// Bytes written into `out`.
    pub produced: usize,
    pub out: Vec<u8>,
}

impl Inflated {
    /// The stream ended, filling `out` exactly.
    pub fn is_complete(&self) -> bool {
        self.status == Status::Done && self.produced == self.out.len()
    }
}

/// Inflates the zlib stream `z` into a buffer of `size` bytes (checking its Adler-32). `None`
/// when `size` is more than any stream of `z`'s length can produce (deflate expands at most
/// about 1032:1), so a lying size word never makes a huge allocation.
pub fn inflate_exact(z: &[u8], size: usize) -> Option<Inflated> {
    use miniz_oxide::inflate::core::inflate_flags as fl;
    if size > z.len().saturating_mul(1100).saturating_add(64) {
        return None;
    }
    let mut out = vec![0u8; size];
    let mut inflater = Box::<miniz_oxide::inflate::core::DecompressorOxide>::default();
    let (status, consumed, produced) = miniz_oxide::inflate::core::decompress(
        &mut inflater,
        z,
        &mut out,
        0,
        fl::TINFL_FLAG_PARSE_ZLIB_HEADER
            | fl::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
            | fl::TINFL_FLAG_COMPUTE_ADLER32,
    );
    Some(Inflated {
        status,
        consumed,
        produced,
        out,
    })
}

/// zlib's Adler-32, continuing from `adler` (1 for a fresh checksum).
pub fn adler32_update(adler: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (adler & 0xFFFF, adler >> 16);
    // 5552 bytes is the longest run that cannot overflow a u32 before the modulo.
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}
