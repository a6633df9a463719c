//! Native functions of module `binary` (the ones OTP 25 implements in C; `bin_to_list`,
//! `replace`, `encode_hex`, ... are Erlang code in `binary.beam` on top of these).
//!
//! Searching follows ERTS's rules: of several patterns the match starting first wins, and of
//! those starting at the same byte the longest; `matches` and global `split` continue after
//! each match, so matches never overlap. Compiled patterns are `{bm, Pattern}` for one
//! pattern and `{ac, [Pattern]}` for several (ERTS wraps its search tables in a reference there).

use alloc::vec::Vec;

use num_bigint::{BigInt, BigUint};

use super::{BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::{build, Alloc};
use crate::term::bits::BitSlice;
use crate::term::number::to_bigint;
use crate::term::{Subtag, Term};

crate::bifs! { "binary";
    "at", 2 => at_2;
    "compile_pattern", 1 => compile_pattern_1;
    "copy", 1 => copy_1;
    "copy", 2 => copy_2;
    "decode_unsigned", 1 => decode_unsigned_1;
    "decode_unsigned", 2 => decode_unsigned_2;
    "encode_unsigned", 1 => encode_unsigned_1;
    "encode_unsigned", 2 => encode_unsigned_2;
    "first", 1 => first_1;
    "last", 1 => last_1;
    "list_to_bin", 1 => list_to_bin_1;
    "longest_common_prefix", 1 => longest_common_prefix_1;
    "longest_common_suffix", 1 => longest_common_suffix_1;
    "match", 2 => match_2;
    "match", 3 => match_3;
    "matches", 2 => matches_2;
    "matches", 3 => matches_3;
    "part", 2 => part_2;
    "part", 3 => part_3;
    "referenced_byte_size", 1 => referenced_byte_size_1;
    "split", 2 => split_2;
    "split", 3 => split_3;
}

/// The bytes of a binary argument (byte-aligned length), or `badarg`.
fn arg_bytes(t: Term) -> Result<Vec<u8>, Exception> {
    let s = BitSlice::of(t).ok_or_else(Exception::badarg)?;
    if s.bit_len % 8 != 0 {
        return Err(Exception::badarg());
    }
    Ok(match s.as_bytes() {
        Some(b) => b.to_vec(),
        None => s.to_vec(),
    })
}

fn arg_len(t: Term) -> Result<usize, Exception> {
    let s = BitSlice::of(t).ok_or_else(Exception::badarg)?;
    if s.bit_len % 8 != 0 {
        return Err(Exception::badarg());
    }
    Ok(s.bit_len / 8)
}

/// A sub-binary of `len` bytes at byte `start` of the binary `bin` (shares its bytes).
fn sub_of(h: &mut impl Alloc, bin: Term, start: usize, len: usize) -> Term {
    if start == 0 && len == arg_len(bin).unwrap_or(usize::MAX) {
        return bin;
    }
    if bin.subtag() == Some(Subtag::SubBin) {
        // SAFETY: a SubBin's words are bit size, bit offset, original binary (boxed.rs).
        let (offset, orig) = unsafe {
            let p = bin.ptr();
            (*p.add(2) as usize, Term(*p.add(3)))
        };
        return build::sub_binary(h, orig, offset + start * 8, len * 8);
    }
    build::sub_binary(h, bin, start * 8, len * 8)
}

/// `{Start, Length}` with a possibly negative length, checked against `size`.
fn range(t: Term, size: usize) -> Result<(usize, usize), Exception> {
    match t.tuple() {
        Some([s, l]) => range2(*s, *l, size),
        _ => Err(Exception::badarg()),
    }
}

fn range2(s: Term, l: Term, size: usize) -> Result<(usize, usize), Exception> {
    let (Some(s), Some(l)) = (s.as_small(), l.as_small()) else {
        return Err(Exception::badarg());
    };
    let (start, len) = if l < 0 { (s + l, -l) } else { (s, l) };
    if s < 0 || start < 0 || start + len > size as i64 {
        return Err(Exception::badarg());
    }
    Ok((start as usize, len as usize))
}

fn at_2(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    let i = a[1].as_usize().ok_or_else(Exception::badarg)?;
    b.get(i)
        .map(|&x| Term::small(x as i64))
        .ok_or_else(Exception::badarg)
}

fn first_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    b.first()
        .map(|&x| Term::small(x as i64))
        .ok_or_else(Exception::badarg)
}

fn last_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    b.last()
        .map(|&x| Term::small(x as i64))
        .ok_or_else(Exception::badarg)
}

fn copy_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    Ok(build::binary_from_vec(&mut ctx.proc.heap, b))
}

fn copy_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    let n = a[1].as_usize().ok_or_else(Exception::badarg)?;
    let total = b.len().checked_mul(n).ok_or_else(Exception::system_limit)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(&b);
    }
    Ok(build::binary_from_vec(&mut ctx.proc.heap, out))
}

fn part_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let size = arg_len(a[0])?;
    let (s, l) = range(a[1], size)?;
    Ok(part(ctx, a[0], s, l))
}

fn part_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let size = arg_len(a[0])?;
    let (s, l) = range2(a[1], a[2], size)?;
    Ok(part(ctx, a[0], s, l))
}

/// Small parts are copied onto the heap, larger ones share the bytes (as ERTS's
/// `erts_extract_sub_binary`).
fn part(ctx: &mut Ctx, bin: Term, s: usize, l: usize) -> Term {
    if l <= crate::term::HEAP_BIN_LIMIT {
        let b = arg_bytes(bin).unwrap_or_default();
        return build::binary(&mut ctx.proc.heap, &b[s..s + l]);
    }
    sub_of(&mut ctx.proc.heap, bin, s, l)
}

fn referenced_byte_size_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    arg_len(a[0])?;
    let base = if a[0].subtag() == Some(Subtag::SubBin) {
        // SAFETY: a SubBin's third word is its original binary (boxed.rs).
        Term(unsafe { *a[0].ptr().add(3) })
    } else {
        a[0]
    };
    Ok(Term::small(crate::term::bits::base_bytes(base).len() as i64))
}

fn endian(t: Term) -> Result<bool, Exception> {
    match t {
        atom::BIG => Ok(true),
        atom::LITTLE => Ok(false),
        _ => Err(Exception::badarg()),
    }
}

fn decode_unsigned_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    decode_unsigned_2(ctx, &[a[0], atom::BIG])
}

fn decode_unsigned_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let b = arg_bytes(a[0])?;
    let v = if endian(a[1])? {
        BigUint::from_bytes_be(&b)
    } else {
        BigUint::from_bytes_le(&b)
    };
    Ok(build::bigint(&mut ctx.proc.heap, &BigInt::from(v)))
}

fn encode_unsigned_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    encode_unsigned_2(ctx, &[a[0], atom::BIG])
}

fn encode_unsigned_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let v = to_bigint(a[0]).ok_or_else(Exception::badarg)?;
    let big = endian(a[1])?;
    let u = v.to_biguint().ok_or_else(Exception::badarg)?;
    let bytes = if big {
        u.to_bytes_be()
    } else {
        u.to_bytes_le()
    };
    Ok(build::binary_from_vec(&mut ctx.proc.heap, bytes))
}

/// Flattens an iolist (bytes, binaries, nested lists, binary tails) or fails with `badarg`.
fn iolist_bytes(t: Term, out: &mut Vec<u8>) -> Result<(), Exception> {
    let mut stack = alloc::vec![t];
    while let Some(t) = stack.pop() {
        if t.is_nil() {
            continue;
        }
        if let Some((h, tl)) = t.cons() {
            stack.push(tl);
            match h.as_small() {
                Some(b @ 0..=255) => out.push(b as u8),
                Some(_) => return Err(Exception::badarg()),
                None if h.is_list_or_nil() || h.is_bitstring() => stack.push(h),
                None => return Err(Exception::badarg()),
            }
            continue;
        }
        out.extend_from_slice(&arg_bytes(t)?);
    }
    Ok(())
}

fn list_to_bin_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_list_or_nil() {
        return Err(Exception::badarg());
    }
    let mut out = Vec::new();
    iolist_bytes(a[0], &mut out)?;
    Ok(build::binary_from_vec(&mut ctx.proc.heap, out))
}

fn binaries(t: Term) -> Result<Vec<Vec<u8>>, Exception> {
    let items = t.list_to_vec().ok_or_else(Exception::badarg)?;
    if items.is_empty() {
        return Err(Exception::badarg());
    }
    items.into_iter().map(arg_bytes).collect()
}

fn longest_common_prefix_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let bs = binaries(a[0])?;
    let n = (0..)
        .take_while(|&i| bs.iter().all(|b| i < b.len() && b[i] == bs[0][i]))
        .count();
    Ok(Term::small(n as i64))
}

fn longest_common_suffix_1(_ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let bs = binaries(a[0])?;
    let at = |b: &Vec<u8>, i: usize| b[b.len() - 1 - i];
    let n = (0..)
        .take_while(|&i| bs.iter().all(|b| i < b.len() && at(b, i) == at(&bs[0], i)))
        .count();
    Ok(Term::small(n as i64))
}

// ---- searching ------------------------------------------------------------------------------

/// The patterns of a pattern argument: a non-empty binary, a non-empty list of them, or a
/// compiled pattern.
fn patterns(ctx: &mut Ctx, t: Term) -> Result<Vec<Vec<u8>>, Exception> {
    if let Some([tag, p]) = t.tuple() {
        let (bm, ac) = (ctx.vm.atoms.intern("bm"), ctx.vm.atoms.intern("ac"));
        if *tag == bm || *tag == ac {
            return patterns(ctx, *p);
        }
        return Err(Exception::badarg());
    }
    let ps = if t.is_list_or_nil() {
        binaries(t)?
    } else {
        alloc::vec![arg_bytes(t)?]
    };
    if ps.iter().any(|p| p.is_empty()) {
        return Err(Exception::badarg());
    }
    Ok(ps)
}

fn compile_pattern_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let ps = patterns(ctx, a[0])?;
    let h = &mut ctx.proc.heap;
    let bins: Vec<Term> = ps.iter().map(|p| build::binary(h, p)).collect();
    let (tag, body) = if bins.len() == 1 {
        (ctx.vm.atoms.intern("bm"), bins[0])
    } else {
        (ctx.vm.atoms.intern("ac"), build::list(h, &bins))
    };
    Ok(build::tuple(h, &[tag, body]))
}

/// The first match in `hay[from..to]`: leftmost, then longest.
fn find(hay: &[u8], from: usize, to: usize, pats: &[Vec<u8>]) -> Option<(usize, usize)> {
    (from..to).find_map(|p| {
        pats.iter()
            .filter(|pat| p + pat.len() <= to && hay[p..p + pat.len()] == pat[..])
            .map(|pat| pat.len())
            .max()
            .map(|l| (p, l))
    })
}

/// Every non-overlapping match in `hay[from..to]`.
fn find_all(hay: &[u8], from: usize, to: usize, pats: &[Vec<u8>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some((p, l)) = find(hay, at, to, pats) {
        out.push((p, l));
        at = p + l;
    }
    out
}

#[derive(Default)]
struct Opts {
    scope: Option<(usize, usize)>,
    global: bool,
    trim: bool,
    trim_all: bool,
}

fn options(t: Term, size: usize, split: bool) -> Result<Opts, Exception> {
    let items = t.list_to_vec().ok_or_else(Exception::badarg)?;
    let (scope, global) = (atom::SCOPE, atom::GLOBAL);
    let mut o = Opts::default();
    for it in items {
        match it.tuple() {
            Some([k, r]) if *k == scope => o.scope = Some(range(*r, size)?),
            _ if split && it == global => o.global = true,
            _ if split && it == atom::TRIM => o.trim = true,
            _ if split && it == atom::TRIM_ALL => o.trim_all = true,
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(o)
}

fn pos_len(h: &mut impl Alloc, (p, l): (usize, usize)) -> Term {
    build::tuple(h, &[Term::small(p as i64), Term::small(l as i64)])
}

fn match_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    match_3(ctx, &[a[0], a[1], Term::NIL])
}

fn match_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let hay = arg_bytes(a[0])?;
    let pats = patterns(ctx, a[1])?;
    let o = options(a[2], hay.len(), false)?;
    let (s, l) = o.scope.unwrap_or((0, hay.len()));
    Ok(match find(&hay, s, s + l, &pats) {
        Some(m) => pos_len(&mut ctx.proc.heap, m),
        None => ctx.vm.atoms.intern("nomatch"),
    })
}

fn matches_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    matches_3(ctx, &[a[0], a[1], Term::NIL])
}

fn matches_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let hay = arg_bytes(a[0])?;
    let pats = patterns(ctx, a[1])?;
    let o = options(a[2], hay.len(), false)?;
    let (s, l) = o.scope.unwrap_or((0, hay.len()));
    let h = &mut ctx.proc.heap;
    let ms: Vec<Term> = find_all(&hay, s, s + l, &pats)
        .into_iter()
        .map(|m| pos_len(h, m))
        .collect();
    Ok(build::list(h, &ms))
}

fn split_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    split_3(ctx, &[a[0], a[1], Term::NIL])
}

fn split_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let subject = a[0];
    let hay = arg_bytes(subject)?;
    let pats = patterns(ctx, a[1])?;
    let o = options(a[2], hay.len(), true)?;
    let (s, l) = o.scope.unwrap_or((0, hay.len()));
    let ms = if o.global {
        find_all(&hay, s, s + l, &pats)
    } else {
        find(&hay, s, s + l, &pats).into_iter().collect()
    };
    // Parts between the matches; the first starts at 0 and the last runs to the end, whatever
    // the scope.
    let mut ranges = Vec::with_capacity(ms.len() + 1);
    let mut at = 0;
    for (p, l) in ms {
        ranges.push((at, p - at));
        at = p + l;
    }
    ranges.push((at, hay.len() - at));
    if o.trim_all {
        ranges.retain(|r| r.1 != 0);
    } else if o.trim {
        while ranges.last().is_some_and(|r| r.1 == 0) {
            ranges.pop();
        }
    }
    let h = &mut ctx.proc.heap;
    let parts: Vec<Term> = ranges
        .into_iter()
        .map(|(p, l)| sub_of(h, subject, p, l))
        .collect();
    Ok(build::list(h, &parts))
}

#[cfg(test)]
mod tests;
