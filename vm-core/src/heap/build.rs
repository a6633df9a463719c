//! Building terms on any [`Alloc`]: the one place that writes object layouts (see `term/boxed.rs`).

use alloc::vec::Vec;

use num_bigint::{BigInt, Sign};

use super::{write_header, Alloc, RefcBinary, ReleaseQueue, Resource};
use crate::term::{heap_bin_size, Subtag, Term, HEAP_BIN_LIMIT, MAGIC_REF_SIZE};

/// A tuple of the given elements.
pub fn tuple(a: &mut impl Alloc, elems: &[Term]) -> Term {
    let p = a.alloc(1 + elems.len());
    // SAFETY: `p` has 1 + len fresh words.
    unsafe {
        write_header(p, Subtag::Tuple, elems.len());
        core::ptr::copy_nonoverlapping(elems.as_ptr() as *const u64, p.add(1), elems.len());
    }
    Term::make_boxed(p)
}

/// A tuple of `n` elements, all `[]`, to be filled in by the caller before anything else runs.
pub fn tuple_filled(a: &mut impl Alloc, n: usize, fill: Term) -> Term {
    let p = a.alloc(1 + n);
    // SAFETY: `p` has 1 + n fresh words.
    unsafe {
        write_header(p, Subtag::Tuple, n);
        for i in 0..n {
            *p.add(1 + i) = fill.0;
        }
    }
    Term::make_boxed(p)
}

#[inline(always)]
pub fn cons(a: &mut impl Alloc, head: Term, tail: Term) -> Term {
    let p = a.alloc(2);
    // SAFETY: two fresh words.
    unsafe {
        *p = head.0;
        *p.add(1) = tail.0;
    }
    Term::make_list(p)
}

/// A list of `elems` ending in `tail`.
pub fn list_with_tail(a: &mut impl Alloc, elems: &[Term], tail: Term) -> Term {
    if elems.is_empty() {
        return tail;
    }
    let p = a.alloc(2 * elems.len());
    // SAFETY: 2 * len fresh words, written as consecutive cons cells.
    unsafe {
        for (i, e) in elems.iter().enumerate() {
            let c = p.add(2 * i);
            *c = e.0;
            *c.add(1) = if i + 1 == elems.len() {
                tail.0
            } else {
                Term::make_list(c.add(2)).0
            };
        }
    }
    Term::make_list(p)
}

pub fn list(a: &mut impl Alloc, elems: &[Term]) -> Term {
    list_with_tail(a, elems, Term::NIL)
}

/// A charlist of the string's code points.
pub fn charlist(a: &mut impl Alloc, s: &str) -> Term {
    let v: Vec<Term> = s.chars().map(|c| Term::small(c as i64)).collect();
    list(a, &v)
}

/// A list of small integers, one per byte.
pub fn bytelist(a: &mut impl Alloc, s: &[u8]) -> Term {
    let v: Vec<Term> = s.iter().map(|&c| Term::small(c as i64)).collect();
    list(a, &v)
}

pub fn float(a: &mut impl Alloc, f: f64) -> Term {
    let p = a.alloc(2);
    // SAFETY: two fresh words.
    unsafe {
        write_header(p, Subtag::Float, 1);
        *p.add(1) = f.to_bits();
    }
    Term::make_boxed(p)
}

/// An integer: a small when it fits, otherwise a bignum.
pub fn int(a: &mut impl Alloc, v: i64) -> Term {
    if Term::fits_small(v) {
        Term::small(v)
    } else {
        bignum_from_limbs(a, v < 0, &[v.unsigned_abs()])
    }
}

pub fn uint(a: &mut impl Alloc, v: u64) -> Term {
    if v <= crate::term::MAX_SMALL as u64 {
        Term::small(v as i64)
    } else {
        bignum_from_limbs(a, false, &[v])
    }
}

pub fn int128(a: &mut impl Alloc, v: i128) -> Term {
    if v >= crate::term::MIN_SMALL as i128 && v <= crate::term::MAX_SMALL as i128 {
        return Term::small(v as i64);
    }
    let m = v.unsigned_abs();
    let limbs = [m as u64, (m >> 64) as u64];
    let n = if limbs[1] == 0 { 1 } else { 2 };
    bignum_from_limbs(a, v < 0, &limbs[..n])
}

/// A bignum object from magnitude limbs (least significant first; callers normalise to small
/// first when the value fits — see [`bigint`]).
pub fn bignum_from_limbs(a: &mut impl Alloc, negative: bool, limbs: &[u64]) -> Term {
    let mut n = limbs.len();
    while n > 1 && limbs[n - 1] == 0 {
        n -= 1;
    }
    let p = bignum_object(a, negative, n);
    // SAFETY: `bignum_object` left room for n limbs after the header.
    unsafe { core::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), n) };
    Term::make_boxed(p)
}

/// A fresh bignum object of `n` limbs: the header written, the limbs for the caller to fill.
fn bignum_object(a: &mut impl Alloc, negative: bool, n: usize) -> *mut u64 {
    let p = a.alloc(1 + n);
    let subtag = if negative {
        Subtag::NegBig
    } else {
        Subtag::PosBig
    };
    // SAFETY: 1 + n fresh words.
    unsafe { write_header(p, subtag, n) };
    p
}

/// Any integer from a `BigInt`, normalised to a small when it fits.
pub fn bigint(a: &mut impl Alloc, v: &BigInt) -> Term {
    let negative = v.sign() == Sign::Minus;
    // Straight from the digits into the heap: no intermediate vector (on wasm32 the bignum
    // crate's digits are u32, and collecting u64 limbs was a tenth of bignum arithmetic).
    let mut digits = v.magnitude().iter_u64_digits();
    let n = digits.len();
    if n == 0 {
        return Term::small(0);
    }
    if n == 1 {
        let m = digits.next().unwrap_or(0);
        if !negative && m <= crate::term::MAX_SMALL as u64 {
            return Term::small(m as i64);
        }
        if negative && m <= (crate::term::MAX_SMALL as u64) + 1 {
            return Term::small((m as i64).wrapping_neg());
        }
        return bignum_from_limbs(a, negative, &[m]);
    }
    let p = bignum_object(a, negative, n);
    // SAFETY: room for n limbs; the iterator yields exactly n digits (ExactSizeIterator), and a
    // BigUint's top digit is non-zero, so the object is normalised.
    unsafe {
        for (i, d) in digits.enumerate().take(n) {
            *p.add(1 + i) = d;
        }
    }
    Term::make_boxed(p)
}

/// A binary holding a copy of `bytes`: on the heap when small, reference-counted otherwise.
pub fn binary(a: &mut impl Alloc, bytes: &[u8]) -> Term {
    if bytes.len() <= HEAP_BIN_LIMIT {
        heap_binary(a, bytes)
    } else {
        refc_binary(a, bytes.to_vec())
    }
}

/// A binary that takes ownership of `data` (no copy when it is large).
pub fn binary_from_vec(a: &mut impl Alloc, data: Vec<u8>) -> Term {
    if data.len() <= HEAP_BIN_LIMIT {
        heap_binary(a, &data)
    } else {
        refc_binary(a, data)
    }
}

pub fn heap_binary(a: &mut impl Alloc, bytes: &[u8]) -> Term {
    let words = heap_bin_size(bytes.len());
    let p = a.alloc(words);
    // SAFETY: `words` fresh words: header, size, then the bytes (last word zero-padded).
    unsafe {
        write_header(p, Subtag::HeapBin, words - 1);
        *p.add(1) = bytes.len() as u64;
        *p.add(words - 1) = 0;
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, bytes.len());
    }
    Term::make_boxed(p)
}

/// A ProcBin over a new RefcBinary owning `data`.
pub fn refc_binary(a: &mut impl Alloc, data: Vec<u8>) -> Term {
    let len = data.len();
    let rb = RefcBinary::new_raw(data);
    procbin(a, rb, len)
}

/// A ProcBin over an existing RefcBinary whose reference the caller hands over.
pub fn procbin(a: &mut impl Alloc, rb: *mut RefcBinary, byte_len: usize) -> Term {
    let p = a.alloc(4);
    // SAFETY: four fresh words (ProcBin layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::RefcBin, 3);
        *p.add(1) = byte_len as u64;
        *p.add(2) = rb as usize as u64;
        *p.add(3) = 0;
    }
    // SAFETY: `p` is the ProcBin just written above.
    unsafe { a.link_offheap(p) };
    Term::make_boxed(p)
}

/// A sub-binary of `bit_len` bits at `bit_offset` into `orig` (a HeapBin or RefcBin).
pub fn sub_binary(a: &mut impl Alloc, orig: Term, bit_offset: usize, bit_len: usize) -> Term {
    let p = a.alloc(4);
    // SAFETY: four fresh words (SubBin layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::SubBin, 3);
        *p.add(1) = bit_len as u64;
        *p.add(2) = bit_offset as u64;
        *p.add(3) = orig.0;
    }
    Term::make_boxed(p)
}

/// A bitstring of `bit_len` bits taken from the start of `bytes`.
pub fn bitstring(a: &mut impl Alloc, bytes: &[u8], bit_len: usize) -> Term {
    let nbytes = bit_len.div_ceil(8);
    let base = binary(a, &bytes[..nbytes]);
    if bit_len % 8 == 0 {
        base
    } else {
        sub_binary(a, base, 0, bit_len)
    }
}

/// `fun M:F/A`.
pub fn export_fun(a: &mut impl Alloc, m: Term, f: Term, arity: u32) -> Term {
    let p = a.alloc(4);
    // SAFETY: four fresh words (Export layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::Export, 3);
        *p.add(1) = m.0;
        *p.add(2) = f.0;
        *p.add(3) = Term::small(arity as i64).0;
    }
    Term::make_boxed(p)
}

/// A local reference with the three id numbers ERTS prints as `#Ref<0.N2.N1.N0>`.
pub fn local_ref(a: &mut impl Alloc, n: [u32; 3]) -> Term {
    let p = a.alloc(3);
    // SAFETY: three fresh words (Ref layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::Ref, 2);
        *p.add(1) = n[0] as u64 | ((n[1] as u64) << 32);
        *p.add(2) = n[2] as u64;
    }
    Term::make_boxed(p)
}

/// A magic reference numbered `n` over a new [`Resource`] for the embedder's `id`, whose death is
/// reported on `releases`.
pub fn magic_ref(a: &mut impl Alloc, n: [u32; 3], id: u64, releases: ReleaseQueue) -> Term {
    let res = Resource::new_raw(id, releases);
    let p = a.alloc(MAGIC_REF_SIZE);
    // SAFETY: five fresh words (magic Ref layout in boxed.rs); the term owns the resource's one
    // reference, and the link word is written by `link_offheap`.
    unsafe {
        write_header(p, Subtag::Ref, MAGIC_REF_SIZE - 1);
        *p.add(1) = n[0] as u64 | ((n[1] as u64) << 32);
        *p.add(2) = n[2] as u64;
        *p.add(3) = 0;
        *p.add(4) = res as usize as u64;
        a.link_offheap(p);
    }
    Term::make_boxed(p)
}

/// A closure: `code_id`/`fun_index` name its FunT entry, `env` holds the captured terms.
pub fn closure(a: &mut impl Alloc, code_id: u32, fun_index: u32, arity: u32, env: &[Term]) -> Term {
    let p = a.alloc(3 + env.len());
    // SAFETY: 3 + len fresh words (Fun layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::Fun, 2 + env.len());
        *p.add(1) = ((code_id as u64) << 32) | fun_index as u64;
        *p.add(2) = ((arity as u64) << 32) | env.len() as u64;
        core::ptr::copy_nonoverlapping(env.as_ptr() as *const u64, p.add(3), env.len());
    }
    Term::make_boxed(p)
}

/// A flat map from keys already sorted in term order (no duplicates) and their values.
pub fn flatmap(a: &mut impl Alloc, keys: &[Term], values: &[Term]) -> Term {
    debug_assert_eq!(keys.len(), values.len());
    let kt = tuple(a, keys);
    flatmap_with_keys(a, kt, values)
}

/// A flat map sharing an existing keys tuple.
pub fn flatmap_with_keys(a: &mut impl Alloc, keys_tuple: Term, values: &[Term]) -> Term {
    let n = values.len();
    let p = a.alloc(3 + n);
    // SAFETY: 3 + n fresh words (Map layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::Map, 2 + n);
        *p.add(1) = Term::small(n as i64).0;
        *p.add(2) = keys_tuple.0;
        core::ptr::copy_nonoverlapping(values.as_ptr() as *const u64, p.add(3), n);
    }
    Term::make_boxed(p)
}

/// A ProcBin taking a new reference on an existing (live) RefcBinary.
pub fn procbin_shared(a: &mut impl Alloc, rb: &RefcBinary, byte_len: usize) -> Term {
    let p = rb as *const RefcBinary as *mut RefcBinary;
    // SAFETY: `rb` is live (the caller reached it through a live ProcBin); the new ProcBin owns
    // the reference taken here.
    unsafe { RefcBinary::inc(p) };
    procbin(a, p, byte_len)
}

/// A bitstring of `bit_len` bits held in a new *writable* RefcBinary owning `data` (which may
/// carry spare capacity), so later appends at its end can extend it in place.
pub fn writable_bitstring(a: &mut impl Alloc, data: Vec<u8>, bit_len: usize) -> Term {
    let byte_len = bit_len.div_ceil(8);
    debug_assert!(data.len() >= byte_len);
    let rb = RefcBinary::new_writable_raw(data, bit_len);
    let pb = procbin(a, rb, byte_len);
    if bit_len % 8 == 0 {
        pb
    } else {
        sub_binary(a, pb, 0, bit_len)
    }
}

/// A match context over `orig` (a `HeapBin` or `RefcBin`): bits `start..end`, positioned at `pos`.
pub fn match_state(a: &mut impl Alloc, orig: Term, start: usize, end: usize, pos: usize) -> Term {
    debug_assert!(matches!(
        orig.subtag(),
        Some(Subtag::HeapBin | Subtag::RefcBin)
    ));
    let p = a.alloc(crate::term::MATCHSTATE_SIZE);
    // SAFETY: five fresh words (MatchState layout in boxed.rs).
    unsafe {
        write_header(p, Subtag::MatchState, 4);
        *p.add(1) = start as u64;
        *p.add(2) = end as u64;
        *p.add(3) = pos as u64;
        *p.add(4) = orig.0;
    }
    Term::make_boxed(p)
}
