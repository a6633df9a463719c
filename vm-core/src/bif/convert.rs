//! Native functions of module `erlang` converting between atoms, lists, binaries and iolists.
//! (Integer and float conversions live with the numbers.)

use alloc::string::String;
use alloc::vec::Vec;

use super::{BifResult, Ctx, Exception};
use crate::atom::{self, MAX_ATOM_CHARS};
use crate::heap::build;
use crate::term::bits::BitSlice;
use crate::term::{Subtag, Term};

crate::bifs! { "erlang";
    "atom_to_list", 1 => atom_to_list;
    "list_to_atom", 1 => list_to_atom;
    "list_to_existing_atom", 1 => list_to_existing_atom;
    "atom_to_binary", 1 => atom_to_binary_1;
    "atom_to_binary", 2 => atom_to_binary_2;
    "binary_to_atom", 1 => binary_to_atom_1;
    "binary_to_atom", 2 => binary_to_atom_2;
    "binary_to_existing_atom", 1 => binary_to_existing_atom_1;
    "binary_to_existing_atom", 2 => binary_to_existing_atom_2;
    "binary_to_list", 1 => binary_to_list_1;
    "binary_to_list", 3 => binary_to_list_3;
    "bitstring_to_list", 1 => bitstring_to_list;
    "list_to_binary", 1 => list_to_binary;
    "list_to_bitstring", 1 => list_to_bitstring;
    "iolist_to_binary", 1 => iolist_to_binary;
    "iolist_size", 1 => iolist_size;
    "iolist_to_iovec", 1 => iolist_to_iovec;
    "binary_part", 2 => binary_part_2;
    "binary_part", 3 => binary_part_3;
    "split_binary", 2 => split_binary;
    "byte_size", 1 => byte_size;
    "bit_size", 1 => bit_size;
}

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

// ---- atoms ---------------------------------------------------------------------------------

fn atom_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_atom() {
        return badarg();
    }
    let name = String::from(ctx.vm.atoms.name(a[0]));
    Ok(build::charlist(&mut ctx.proc.heap, &name))
}

/// The text of a character list meant to become an atom: `badarg` for anything but Unicode
/// scalar values in a proper list, `system_limit` past 255 characters.
fn atom_text_from_list(t: Term) -> Result<String, Exception> {
    let mut s = String::new();
    let mut n = 0;
    let mut it = t.list_iter();
    for c in it.by_ref() {
        let ch = c
            .as_small()
            .and_then(|v| u32::try_from(v).ok())
            .and_then(char::from_u32)
            .ok_or_else(Exception::badarg)?;
        n += 1;
        if n > MAX_ATOM_CHARS {
            return Err(Exception::system_limit());
        }
        s.push(ch);
    }
    if !it.tail().is_nil() {
        return badarg();
    }
    Ok(s)
}

fn list_to_atom(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = atom_text_from_list(a[0])?;
    Ok(ctx.vm.atoms.intern(&s))
}

fn list_to_existing_atom(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = atom_text_from_list(a[0]).map_err(|_| Exception::badarg())?;
    ctx.vm.atoms.lookup(&s).ok_or_else(Exception::badarg)
}

/// `latin1` or `unicode`/`utf8`: true for Latin-1.
fn encoding_arg(t: Term) -> Result<bool, Exception> {
    match t {
        atom::LATIN1 => Ok(true),
        atom::UNICODE | atom::UTF8 => Ok(false),
        _ => badarg(),
    }
}

fn atom_to_binary_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    atom_to_binary(ctx, a[0], false)
}

fn atom_to_binary_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let latin1 = encoding_arg(a[1])?;
    atom_to_binary(ctx, a[0], latin1)
}

fn atom_to_binary(ctx: &mut Ctx, t: Term, latin1: bool) -> BifResult {
    if !t.is_atom() {
        return badarg();
    }
    let name = ctx.vm.atoms.name(t);
    let bytes: Vec<u8> = if latin1 {
        let mut v = Vec::with_capacity(name.len());
        for ch in name.chars() {
            if ch as u32 > 255 {
                return badarg();
            }
            v.push(ch as u8);
        }
        v
    } else {
        name.as_bytes().to_vec()
    };
    Ok(build::binary_from_vec(&mut ctx.proc.heap, bytes))
}

/// The text of a binary meant to become an atom (`badarg` for bad UTF-8 or a bitstring,
/// `system_limit` past 255 characters).
fn atom_text_from_binary(t: Term, latin1: bool) -> Result<String, Exception> {
    let bytes = BitSlice::of(t)
        .and_then(|b| b.as_bytes())
        .ok_or_else(Exception::badarg)?;
    let s: String = if latin1 {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from(core::str::from_utf8(bytes).map_err(|_| Exception::badarg())?)
    };
    if s.chars().count() > MAX_ATOM_CHARS {
        return Err(Exception::system_limit());
    }
    Ok(s)
}

fn binary_to_atom_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = atom_text_from_binary(a[0], false)?;
    Ok(ctx.vm.atoms.intern(&s))
}

fn binary_to_atom_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let latin1 = encoding_arg(a[1])?;
    let s = atom_text_from_binary(a[0], latin1)?;
    Ok(ctx.vm.atoms.intern(&s))
}

fn binary_to_existing_atom_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = atom_text_from_binary(a[0], false).map_err(|_| Exception::badarg())?;
    ctx.vm.atoms.lookup(&s).ok_or_else(Exception::badarg)
}

fn binary_to_existing_atom_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let latin1 = encoding_arg(a[1])?;
    let s = atom_text_from_binary(a[0], latin1).map_err(|_| Exception::badarg())?;
    ctx.vm.atoms.lookup(&s).ok_or_else(Exception::badarg)
}

// ---- binaries to lists -------------------------------------------------------------------

fn binary_to_list_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let bytes = BitSlice::of(a[0])
        .filter(|b| b.bit_len % 8 == 0)
        .ok_or_else(Exception::badarg)?
        .to_vec();
    Ok(build::bytelist(&mut ctx.proc.heap, &bytes))
}

/// `binary_to_list(Bin, Start, Stop)`: 1-based, `1 =< Start =< Stop =< byte_size(Bin)`.
fn binary_to_list_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = BitSlice::of(a[0]).ok_or_else(Exception::badarg)?;
    let (start, stop) = match (a[1].as_usize(), a[2].as_usize()) {
        (Some(s), Some(e)) if s >= 1 && s <= e && e <= b.byte_len() => (s, e),
        _ => return badarg(),
    };
    let bytes: Vec<u8> = (start - 1..stop).map(|i| b.byte(i)).collect();
    Ok(build::bytelist(&mut ctx.proc.heap, &bytes))
}

/// `bitstring_to_list/1`: whole bytes, then the trailing bits as a bitstring.
fn bitstring_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = BitSlice::of(a[0]).ok_or_else(Exception::badarg)?;
    let n = b.byte_len();
    let mut elems: Vec<Term> = (0..n).map(|i| Term::small(b.byte(i) as i64)).collect();
    let rest = b.bit_len % 8;
    if rest != 0 {
        let last = [b.byte(n)];
        elems.push(build::bitstring(&mut ctx.proc.heap, &last, rest));
    }
    Ok(build::list(&mut ctx.proc.heap, &elems))
}

// ---- iolists -------------------------------------------------------------------------------

/// Bits being accumulated from an iolist or bitstring list.
#[derive(Default)]
pub struct BitBuf {
    pub bytes: Vec<u8>,
    pub bits: usize,
}

impl BitBuf {
    fn push_byte(&mut self, b: u8) {
        if self.bits % 8 == 0 {
            self.bytes.push(b);
            self.bits += 8;
        } else {
            self.push_bits(&BitSlice {
                data: &[b],
                bit_offset: 0,
                bit_len: 8,
            });
        }
    }

    fn push_bits(&mut self, s: &BitSlice) {
        if self.bits % 8 == 0 {
            if let Some(b) = s.as_bytes() {
                self.bytes.extend_from_slice(b);
                self.bits += b.len() * 8;
                return;
            }
        }
        for i in 0..s.bit_len {
            if self.bits % 8 == 0 {
                self.bytes.push(0);
            }
            if s.bit(i) {
                let last = self.bytes.len() - 1;
                self.bytes[last] |= 0x80 >> (self.bits % 8);
            }
            self.bits += 1;
        }
    }
}

/// Flattens an iolist (or, with `bits`, a bitstring list) into `out`. Walks with an explicit
/// stack of list tails so deep nesting cannot overflow. `None` when the term is not one.
fn flatten(t: Term, bits: bool, out: &mut BitBuf) -> Option<()> {
    let mut stack: Vec<Term> = alloc::vec![t];
    while let Some(mut rest) = stack.pop() {
        loop {
            if rest.is_nil() {
                break;
            }
            if let Some((h, tl)) = rest.cons() {
                if let Some(v) = h.as_small() {
                    if !(0..=255).contains(&v) {
                        return None;
                    }
                    out.push_byte(v as u8);
                } else if h.is_list_or_nil() {
                    stack.push(tl);
                    rest = h;
                    continue;
                } else {
                    push_binary(h, bits, out)?;
                }
                rest = tl;
            } else {
                // A binary in tail position.
                push_binary(rest, bits, out)?;
                break;
            }
        }
    }
    Some(())
}

fn push_binary(t: Term, bits: bool, out: &mut BitBuf) -> Option<()> {
    let b = BitSlice::of(t)?;
    if !bits && b.bit_len % 8 != 0 {
        return None;
    }
    out.push_bits(&b);
    Some(())
}

/// The bytes of iodata (a binary or an iolist); `None` when it is neither.
pub fn iodata_bytes(t: Term) -> Option<Vec<u8>> {
    if let Some(b) = BitSlice::of(t) {
        return if b.bit_len % 8 == 0 {
            Some(b.to_vec())
        } else {
            None
        };
    }
    if !t.is_list_or_nil() {
        return None;
    }
    let mut buf = BitBuf::default();
    flatten(t, false, &mut buf)?;
    Some(buf.bytes)
}

/// The bytes of an iolist (a list, not a bare binary); `None` when it is not one.
pub fn iolist_bytes(t: Term) -> Option<Vec<u8>> {
    if !t.is_list_or_nil() {
        return None;
    }
    iodata_bytes(t)
}

fn list_to_binary(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let v = iolist_bytes(a[0]).ok_or_else(Exception::badarg)?;
    Ok(build::binary_from_vec(&mut ctx.proc.heap, v))
}

fn iolist_to_binary(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if a[0].is_binary() {
        return Ok(a[0]);
    }
    list_to_binary(ctx, a)
}

fn iolist_size(_: &mut Ctx, a: &[Term]) -> BifResult {
    let v = iodata_bytes(a[0]).ok_or_else(Exception::badarg)?;
    Ok(Term::small(v.len() as i64))
}

/// `iolist_to_iovec/1`: the data as one binary (`[]` when empty).
fn iolist_to_iovec(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let v = iodata_bytes(a[0]).ok_or_else(Exception::badarg)?;
    if v.is_empty() {
        return Ok(Term::NIL);
    }
    let b = if a[0].is_binary() {
        a[0]
    } else {
        build::binary_from_vec(&mut ctx.proc.heap, v)
    };
    Ok(build::list(&mut ctx.proc.heap, &[b]))
}

fn list_to_bitstring(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_list_or_nil() {
        return badarg();
    }
    let mut buf = BitBuf::default();
    flatten(a[0], true, &mut buf).ok_or_else(Exception::badarg)?;
    Ok(build::bitstring(&mut ctx.proc.heap, &buf.bytes, buf.bits))
}

// ---- parts of binaries ---------------------------------------------------------------------

/// The object holding a bitstring's bits and where in it the bitstring starts.
fn base_of(t: Term) -> Option<(Term, usize, usize)> {
    match t.subtag()? {
        Subtag::HeapBin | Subtag::RefcBin => Some((t, 0, BitSlice::of(t)?.bit_len)),
        Subtag::SubBin => {
            let w = t.boxed_words();
            Some((Term(w[2]), w[1] as usize, w[0] as usize))
        }
        _ => None,
    }
}

/// A sub-bitstring sharing the bits of `t`.
fn part(ctx: &mut Ctx, t: Term, bit_start: usize, bit_len: usize) -> Term {
    let (orig, off, _) = base_of(t).expect("a bitstring");
    if bit_len % 8 == 0 && bit_len <= 64 * 8 {
        let s = BitSlice::of(t)
            .expect("a bitstring")
            .slice(bit_start, bit_len);
        return build::binary(&mut ctx.proc.heap, &s.to_vec());
    }
    build::sub_binary(&mut ctx.proc.heap, orig, off + bit_start, bit_len)
}

fn binary_part(ctx: &mut Ctx, bin: Term, start: Term, len: Term) -> BifResult {
    let size = BitSlice::of(bin).ok_or_else(Exception::badarg)?.byte_len() as i64;
    let (Some(s), Some(l)) = (start.as_small(), len.as_small()) else {
        return badarg();
    };
    let (from, to) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if from < 0 || to > size || s < 0 || s > size {
        return badarg();
    }
    Ok(part(ctx, bin, from as usize * 8, (to - from) as usize * 8))
}

fn binary_part_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match a[1].tuple() {
        Some(&[s, l]) => binary_part(ctx, a[0], s, l),
        _ => badarg(),
    }
}

fn binary_part_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    binary_part(ctx, a[0], a[1], a[2])
}

fn split_binary(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = BitSlice::of(a[0]).ok_or_else(Exception::badarg)?;
    let pos = match a[1].as_usize() {
        Some(p) if p <= b.byte_len() => p,
        _ => return badarg(),
    };
    let total = b.bit_len;
    let x = part(ctx, a[0], 0, pos * 8);
    let y = part(ctx, a[0], pos * 8, total - pos * 8);
    Ok(build::tuple(&mut ctx.proc.heap, &[x, y]))
}

fn byte_size(_: &mut Ctx, a: &[Term]) -> BifResult {
    let b = BitSlice::of(a[0]).ok_or_else(Exception::badarg)?;
    Ok(Term::small(b.bit_len.div_ceil(8) as i64))
}

fn bit_size(_: &mut Ctx, a: &[Term]) -> BifResult {
    let b = BitSlice::of(a[0]).ok_or_else(Exception::badarg)?;
    Ok(Term::small(b.bit_len as i64))
}

#[cfg(test)]
mod tests;
