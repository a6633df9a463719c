//! The hash ERTS uses to place keys in a hashmap (OTP 25's `make_internal_hash` with salt 0).
//!
//! The HAMT's shape — and so the iteration order of every map above 32 keys — follows from this
//! value, so it is reproduced bit for bit: Bob Jenkins' 96-bit mix over 32-bit halves, the
//! per-type constants, and immediates hashed as their raw tagged word (which our term word shares
//! with ERTS's 64-bit layout). Atoms hash by table index, as in ERTS.

use alloc::vec::Vec;

use crate::term::bits::BitSlice;
use crate::term::{Subtag, Term};

const HCONST: u32 = 0x9e37_79b9;
const HCONST_4: u32 = 0x78dd_e6e4;
const HCONST_7: u32 = 0x5384_540f;
const HCONST_8: u32 = 0xf1bb_cdc8;
const HCONST_9: u32 = 0x8ff3_4781;
const HCONST_10: u32 = 0x2e2a_c13a;
const HCONST_11: u32 = 0xcc62_3af3;
const HCONST_12: u32 = 0x6a99_b4ac;
const HCONST_13: u32 = 0x08d1_2e65;
const HCONST_14: u32 = 0xa708_a81e;
const HCONST_15: u32 = 0x4540_21d7;
const HCONST_16: u32 = 0xe377_9b90;
const HCONST_17: u32 = 0x81af_1549;
const HCONST_18: u32 = 0x1fe6_8f02;
const HCONST_20: u32 = 0x5c55_8274;
const HCONST_21: u32 = 0xfa8c_fc2d;
const HCONST_22: u32 = 0x98c4_75e6;

/// Keeps the internal hash apart from `phash2` (ERTS's `INTERNAL_HASH_SALT`).
const INTERNAL_HASH_SALT: u32 = 3_432_918_353;

#[inline(always)]
fn mix(mut a: u32, mut b: u32, mut c: u32) -> u32 {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15)
}

/// Mixes two 32-bit values into the running hash (ERTS's `UINT32_HASH_2`).
#[inline(always)]
fn h2(hash: u32, x: u32, y: u32, k: u32) -> u32 {
    mix(k.wrapping_add(x), k.wrapping_add(y), hash)
}

/// Lightweight mixing of a type constant (ERTS's `CONST_HASH`).
#[inline(always)]
fn const_hash(hash: u32, k: u32) -> u32 {
    (hash ^ k).rotate_left(17)
}

/// Jenkins' lookup2 over a byte block.
pub fn block_hash(k: &[u8], initval: u32) -> u32 {
    let rd = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let (mut a, mut b, mut c) = (HCONST, HCONST, initval);
    let mut p = k;
    while p.len() >= 12 {
        a = a.wrapping_add(rd(&p[0..4]));
        b = b.wrapping_add(rd(&p[4..8]));
        c = c.wrapping_add(rd(&p[8..12]));
        let (na, nb, nc) = mix3(a, b, c);
        a = na;
        b = nb;
        c = nc;
        p = &p[12..];
    }
    c = c.wrapping_add(k.len() as u32);
    let byte = |i: usize| p.get(i).copied().unwrap_or(0) as u32;
    // The tail's first byte of `c` is reserved for the length.
    c = c.wrapping_add((byte(8) << 8) | (byte(9) << 16) | (byte(10) << 24));
    b = b.wrapping_add(byte(4) | (byte(5) << 8) | (byte(6) << 16) | (byte(7) << 24));
    a = a.wrapping_add(byte(0) | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24));
    mix(a, b, c)
}

/// The full three-word mix (the block loop needs every word back).
#[inline(always)]
fn mix3(mut a: u32, mut b: u32, mut c: u32) -> (u32, u32, u32) {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15);
    (a, b, c)
}

/// Work items of the iterative walk.
enum Item {
    Term(Term),
    /// The tail of a cons whose head was not a byte, when that tail is not itself a list.
    Cdr,
}

#[inline]
fn is_byte(t: Term) -> bool {
    matches!(t.as_small(), Some(0..=255))
}

/// `make_internal_hash(term, salt)`.
pub fn internal_hash(term: Term, salt: u32) -> u32 {
    let mut hash = salt ^ INTERNAL_HASH_SALT;
    if term.is_immediate() {
        return h2(hash, term.0 as u32, (term.0 >> 32) as u32, HCONST);
    }
    let mut stack: Vec<Item> = Vec::new();
    let mut term = term;
    loop {
        // Hash `term`; `None` means "continue with the next stacked item".
        let mut next: Option<Term> = None;
        if term.is_immediate() {
            hash = h2(hash, term.0 as u32, (term.0 >> 32) as u32, HCONST);
        } else if term.is_list() {
            // Runs of byte-sized heads (strings) are packed four to a word.
            let (mut c, mut sh) = (0u32, 0u32);
            let mut t = term;
            while let Some((h, tl)) = t.cons() {
                if !is_byte(h) {
                    break;
                }
                sh = (sh << 8).wrapping_add(h.small_value() as u32);
                if c == 3 {
                    hash = h2(hash, sh, 0, HCONST_4);
                    c = 0;
                    sh = 0;
                } else {
                    c += 1;
                }
                t = tl;
                if !tl.is_list() {
                    break;
                }
            }
            if c > 0 {
                hash = h2(hash, sh, c, HCONST_22);
            }
            if let Some((h, tl)) = t.cons() {
                hash = const_hash(hash, HCONST_17);
                stack.push(Item::Term(tl));
                if !tl.is_list() {
                    stack.push(Item::Cdr);
                }
                next = Some(h);
            } else {
                // The string ran into a non-list tail: hash that tail next.
                next = Some(t);
            }
        } else {
            hash = hash_boxed(term, hash, &mut stack, &mut next);
        }
        if let Some(t) = next {
            term = t;
            continue;
        }
        loop {
            match stack.pop() {
                None => return hash,
                Some(Item::Cdr) => hash = const_hash(hash, HCONST_18),
                Some(Item::Term(t)) => {
                    term = t;
                    break;
                }
            }
        }
    }
}

fn hash_boxed(term: Term, mut hash: u32, stack: &mut Vec<Item>, next: &mut Option<Term>) -> u32 {
    let Some(st) = term.subtag() else { return hash };
    match st {
        Subtag::Tuple => {
            let e = term.tuple().unwrap();
            hash = h2(hash, e.len() as u32, 0, HCONST_9);
            if !e.is_empty() {
                for x in e[1..].iter().rev() {
                    stack.push(Item::Term(*x));
                }
                *next = Some(e[0]);
            }
        }
        Subtag::Map => {
            let w = term.boxed_terms();
            let keys = w[1].tuple().unwrap_or(&[]);
            hash = h2(hash, keys.len() as u32, 0, HCONST_16);
            for i in (0..keys.len()).rev() {
                stack.push(Item::Term(w[2 + i]));
                stack.push(Item::Term(keys[i]));
            }
        }
        Subtag::HashMap => {
            let (head, _bitmap, size, children) = super::hamt::node_parts(term);
            if head {
                hash = h2(hash, size as u32, 0, HCONST_16);
            }
            for c in children {
                if let Some((k, v)) = c.cons() {
                    stack.push(Item::Term(v));
                    stack.push(Item::Term(k));
                } else {
                    stack.push(Item::Term(*c));
                }
            }
        }
        Subtag::Fun => {
            let w = term.boxed_words();
            let env = &term.boxed_terms()[2..];
            hash = h2(hash, env.len() as u32, (w[0] >> 32) as u32, HCONST_20);
            hash = h2(hash, w[0] as u32, 0, HCONST_21);
            for x in env.iter().skip(1).rev() {
                stack.push(Item::Term(*x));
            }
            if let Some(first) = env.first() {
                *next = Some(*first);
            }
        }
        Subtag::Export => {
            // ERTS hashes the export entry's address; mix the MFA instead.
            let w = term.boxed_words();
            hash = h2(hash, w[0] as u32, w[1] as u32, HCONST_14);
            hash = h2(hash, w[2] as u32, 0, HCONST_14);
        }
        Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin => {
            let s = BitSlice::of(term).unwrap();
            let sz = s.bit_len / 8;
            let bits = s.bit_len % 8;
            let con = HCONST_13.wrapping_add(hash);
            if s.bit_len == 0 {
                hash = con;
            } else {
                let bytes = s.to_vec();
                hash = block_hash(&bytes[..sz], con);
                if bits > 0 {
                    let last = bytes[sz] >> (8 - bits);
                    hash = h2(hash, bits as u32, last as u32, HCONST_15);
                }
            }
        }
        Subtag::PosBig | Subtag::NegBig => {
            let con = if st == Subtag::NegBig {
                HCONST_10
            } else {
                HCONST_11
            };
            for d in term.boxed_words() {
                hash = h2(hash, *d as u32, (*d >> 32) as u32, con);
            }
        }
        Subtag::Ref => {
            let w = term.boxed_words();
            hash = h2(hash, w[0] as u32, 0, HCONST_7);
            hash = h2(hash, (w[0] >> 32) as u32, w[1] as u32, HCONST_8);
        }
        Subtag::Float => {
            let mut f = term.as_float().unwrap();
            if f == 0.0 {
                f = 0.0; // -0.0 hashes as +0.0 (they are the same key in OTP 25).
            }
            let b = f.to_bits();
            hash = h2(hash, b as u32, (b >> 32) as u32, HCONST_12);
        }
        Subtag::ExternalPid | Subtag::ExternalPort | Subtag::ExternalRef | Subtag::MatchState => {
            for x in term.boxed_terms() {
                if x.is_immediate() {
                    hash = h2(hash, x.0 as u32, (x.0 >> 32) as u32, HCONST_7);
                }
            }
        }
    }
    hash
}
