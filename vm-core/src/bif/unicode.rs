//! Native functions of module `unicode`: `characters_to_binary/2`, `characters_to_list/2`,
//! `bin_is_7bit/1`.
//!
//! Chardata is walked once for types (anything but integers, byte binaries and lists is
//! `badarg`, even after an encoding error), then converted. On an invalid character the result
//! is `{error, Converted, Rest}`; on a truncated sequence at the very end `{incomplete,
//! Converted, Leftover}`. `Rest` keeps the shape ERTS gives it: the failing list cell (or the
//! rest of the failing binary consed onto its list tail), consed onto the tail of every
//! enclosing list; a truncated sequence followed by more data gives `[Leftover, Rest]`.

use alloc::vec::Vec;

use super::{BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::term::bits::BitSlice;
use crate::term::Term;

crate::bifs! { "unicode";
    "characters_to_binary", 2 => characters_to_binary;
    "characters_to_list", 2 => characters_to_list;
    "bin_is_7bit", 1 => bin_is_7bit;
}

/// An input encoding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Latin1,
    Utf8,
    Utf16 { little: bool },
    Utf32 { little: bool },
}

impl Encoding {
    /// `latin1 | unicode | utf8 | utf16 | utf32 | {utf16|utf32, big|little}`.
    pub fn from_term(t: Term) -> Option<Encoding> {
        match t {
            atom::LATIN1 => Some(Encoding::Latin1),
            atom::UNICODE | atom::UTF8 => Some(Encoding::Utf8),
            atom::UTF16 => Some(Encoding::Utf16 { little: false }),
            atom::UTF32 => Some(Encoding::Utf32 { little: false }),
            _ => match t.tuple() {
                Some(&[e, endian]) if endian == atom::BIG || endian == atom::LITTLE => {
                    let little = endian == atom::LITTLE;
                    match e {
                        atom::UTF16 => Some(Encoding::Utf16 { little }),
                        atom::UTF32 => Some(Encoding::Utf32 { little }),
                        _ => None,
                    }
                }
                _ => None,
            },
        }
    }

    fn valid_char(self, c: i64) -> bool {
        match self {
            Encoding::Latin1 => (0..=255).contains(&c),
            _ => (0..=0x10FFFF).contains(&c) && !(0xD800..=0xDFFF).contains(&c),
        }
    }
}

/// How decoding a byte string ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Decoded {
    Ok,
    /// Invalid data starting at this byte offset.
    Error(usize),
    /// A truncated sequence starting at this byte offset runs to the end.
    Incomplete(usize),
}

/// Decodes `b` in `enc`, pushing code points to `out`.
pub fn decode(b: &[u8], enc: Encoding, out: &mut Vec<u32>) -> Decoded {
    match enc {
        Encoding::Latin1 => {
            out.extend(b.iter().map(|&x| x as u32));
            Decoded::Ok
        }
        Encoding::Utf8 => decode_utf8(b, out),
        Encoding::Utf16 { little } => decode_utf16(b, little, out),
        Encoding::Utf32 { little } => decode_utf32(b, little, out),
    }
}

fn decode_utf8(b: &[u8], out: &mut Vec<u32>) -> Decoded {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (n, lo, hi) = match c {
            0x00..=0x7F => {
                out.push(c as u32);
                i += 1;
                continue;
            }
            0xC2..=0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
            0xED => (3, 0x80, 0x9F),
            0xF0 => (4, 0x90, 0xBF),
            0xF1..=0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => return Decoded::Error(i),
        };
        // The second byte has a narrowed range; the others are plain continuation bytes.
        for k in 1..n {
            let Some(&x) = b.get(i + k) else {
                return Decoded::Incomplete(i);
            };
            let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
            if x < l || x > h {
                return Decoded::Error(i);
            }
        }
        let mut v = (c as u32) & (0x7F >> n);
        for k in 1..n {
            v = (v << 6) | (b[i + k] as u32 & 0x3F);
        }
        out.push(v);
        i += n;
    }
    Decoded::Ok
}

fn decode_utf16(b: &[u8], little: bool, out: &mut Vec<u32>) -> Decoded {
    let unit = |i: usize| {
        let (x, y) = (b[i] as u32, b[i + 1] as u32);
        if little {
            (y << 8) | x
        } else {
            (x << 8) | y
        }
    };
    let mut i = 0;
    while i < b.len() {
        if i + 2 > b.len() {
            return Decoded::Incomplete(i);
        }
        let u = unit(i);
        match u {
            0xD800..=0xDBFF => {
                if i + 4 > b.len() {
                    return Decoded::Incomplete(i);
                }
                let l = unit(i + 2);
                if !(0xDC00..=0xDFFF).contains(&l) {
                    return Decoded::Error(i);
                }
                out.push(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
                i += 4;
            }
            0xDC00..=0xDFFF => return Decoded::Error(i),
            _ => {
                out.push(u);
                i += 2;
            }
        }
    }
    Decoded::Ok
}

fn decode_utf32(b: &[u8], little: bool, out: &mut Vec<u32>) -> Decoded {
    let mut i = 0;
    while i < b.len() {
        if i + 4 > b.len() {
            return Decoded::Incomplete(i);
        }
        let w = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        let v = if little {
            u32::from_le_bytes(w)
        } else {
            u32::from_be_bytes(w)
        };
        if v > 0x10FFFF || (0xD800..=0xDFFF).contains(&v) {
            return Decoded::Error(i);
        }
        out.push(v);
        i += 4;
    }
    Decoded::Ok
}

/// The result of converting chardata.
pub enum Conversion {
    Done(Vec<u32>),
    /// Converted so far, and the rest term.
    Error(Vec<u32>, Term),
    /// Converted so far, and the leftover bytes of the truncated sequence.
    Incomplete(Vec<u32>, Vec<u8>),
}

/// True when `t` is chardata by type (integers, byte binaries, lists, binary tails).
fn well_typed(t: Term) -> bool {
    let mut stack = alloc::vec![t];
    while let Some(mut cur) = stack.pop() {
        loop {
            if cur.is_nil() {
                break;
            }
            if let Some((h, tl)) = cur.cons() {
                if h.is_list_or_nil() {
                    stack.push(h);
                } else if !h.is_integer() && !h.is_binary() {
                    return false;
                }
                cur = tl;
            } else {
                if !cur.is_binary() {
                    return false;
                }
                break;
            }
        }
    }
    true
}

/// Converts chardata; `None` for `badarg`.
pub fn convert(ctx: &mut Ctx, data: Term, enc: Encoding) -> Option<Conversion> {
    if !well_typed(data) {
        return None;
    }
    let heap = &mut ctx.proc.heap;
    let mut out: Vec<u32> = Vec::new();
    // Tails after the current element of each enclosing list, outermost first.
    let mut frames: Vec<Term> = Vec::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut cur = data;
    let wrap = |heap: &mut crate::heap::Heap, mut inner: Term, frames: &[Term]| {
        for &f in frames.iter().rev() {
            inner = build::cons(heap, inner, f);
        }
        inner
    };
    loop {
        if cur.is_nil() {
            match frames.pop() {
                Some(t) => {
                    cur = t;
                    continue;
                }
                None => break,
            }
        }
        // A binary as the current item: either a list element (with `tail`) or a tail itself.
        let (bin, tail) = match cur.cons() {
            Some((h, tl)) if h.is_list_or_nil() => {
                frames.push(tl);
                cur = h;
                continue;
            }
            Some((h, tl)) if h.is_integer() => {
                let ok = h.as_small().is_some_and(|c| enc.valid_char(c));
                if !ok || !pending.is_empty() {
                    let rest = wrap(heap, cur, &frames);
                    if pending.is_empty() {
                        return Some(Conversion::Error(out, rest));
                    }
                    let l = build::binary(heap, &pending);
                    let rest = build::list(heap, &[l, rest]);
                    return Some(Conversion::Error(out, rest));
                }
                out.push(h.as_small().unwrap_or(0) as u32);
                cur = tl;
                continue;
            }
            Some((h, tl)) => (h, Some(tl)),
            None => (cur, None),
        };
        let bytes = BitSlice::of(bin).map(|s| s.to_vec()).unwrap_or_default();
        let joined = pending.len();
        let mut all = core::mem::take(&mut pending);
        all.extend_from_slice(&bytes);
        match decode(&all, enc, &mut out) {
            Decoded::Ok => {}
            Decoded::Error(k) if k < joined => {
                // The new data broke a sequence carried over from the previous binary.
                let l = build::binary(heap, &all[..joined]);
                let rest = wrap(heap, cur, &frames);
                let rest = build::list(heap, &[l, rest]);
                return Some(Conversion::Error(out, rest));
            }
            Decoded::Error(k) => {
                let rb = build::binary(heap, &all[k..]);
                let inner = match tail {
                    Some(t) => build::cons(heap, rb, t),
                    None => rb,
                };
                let rest = wrap(heap, inner, &frames);
                return Some(Conversion::Error(out, rest));
            }
            Decoded::Incomplete(k) => pending = all[k..].to_vec(),
        }
        cur = tail.unwrap_or(Term::NIL);
    }
    if pending.is_empty() {
        Some(Conversion::Done(out))
    } else {
        Some(Conversion::Incomplete(out, pending))
    }
}

fn utf8_bytes(chars: &[u32]) -> Vec<u8> {
    let mut v = Vec::with_capacity(chars.len());
    for &c in chars {
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        v.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    v
}

fn conversion_result(ctx: &mut Ctx, c: Conversion, as_list: bool) -> Term {
    let heap = &mut ctx.proc.heap;
    let conv = |heap: &mut crate::heap::Heap, chars: &[u32]| {
        if as_list {
            let v: Vec<Term> = chars.iter().map(|&c| Term::small(c as i64)).collect();
            build::list(heap, &v)
        } else {
            build::binary_from_vec(heap, utf8_bytes(chars))
        }
    };
    match c {
        Conversion::Done(chars) => conv(heap, &chars),
        Conversion::Error(chars, rest) => {
            let done = conv(heap, &chars);
            build::tuple(heap, &[atom::ERROR, done, rest])
        }
        Conversion::Incomplete(chars, left) => {
            let done = conv(heap, &chars);
            let l = build::binary(heap, &left);
            build::tuple(heap, &[atom::INCOMPLETE, done, l])
        }
    }
}

fn characters_to(ctx: &mut Ctx, a: &[Term], as_list: bool) -> BifResult {
    let enc = Encoding::from_term(a[1]).ok_or_else(Exception::badarg)?;
    let c = convert(ctx, a[0], enc).ok_or_else(Exception::badarg)?;
    Ok(conversion_result(ctx, c, as_list))
}

fn characters_to_binary(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    characters_to(ctx, a, false)
}

fn characters_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    characters_to(ctx, a, true)
}

/// True for a binary of 7-bit bytes; false for anything else.
fn bin_is_7bit(_: &mut Ctx, a: &[Term]) -> BifResult {
    let ok = BitSlice::of(a[0])
        .filter(|s| s.bit_len % 8 == 0)
        .is_some_and(|s| s.to_vec().iter().all(|&x| x < 0x80));
    Ok(Term::bool(ok))
}

#[cfg(test)]
mod tests;
