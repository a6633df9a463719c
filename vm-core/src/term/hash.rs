//! The portable term hashes: `erlang:phash2/1,2` (ERTS's `make_hash2`, built on Bob Jenkins'
//! mix) and the old `erlang:phash/2` (`make_hash`). Both must give the numbers OTP 25 gives, so
//! programs that spread data with them (ETS-like tables, `pg`, test suites) behave the same.

use alloc::vec::Vec;

use super::bits::BitSlice;
use super::{Subtag, Term};
use crate::atom::AtomTable;
use crate::code::CodeTable;

/// `(HCONST * n) mod 2^32` for the constants `make_hash2` mixes in per type.
const HCONST: u32 = 0x9e37_79b9;
const HCONST_2: u32 = 0x3c6e_f372;
const HCONST_3: u32 = 0xdaa6_6d2b;
const HCONST_4: u32 = 0x78dd_e6e4;
const HCONST_5: u32 = 0x1715_609d;
const HCONST_6: u32 = 0xb54c_da56;
const HCONST_7: u32 = 0x5384_540f;
const HCONST_9: u32 = 0x8ff3_4781;
const HCONST_10: u32 = 0x2e2a_c13a;
const HCONST_11: u32 = 0xcc62_3af3;
const HCONST_12: u32 = 0x6a99_b4ac;
const HCONST_13: u32 = 0x08d1_2e65;
const HCONST_14: u32 = 0xa708_a81e;
const HCONST_15: u32 = 0x4540_21d7;
const HCONST_16: u32 = 0xe377_9b90;
const HCONST_19: u32 = 0xbe1e_08bb;

/// `make_hash2` of `[]` when nothing has been hashed before it.
const NIL_HASH: u32 = 3_468_870_702;
/// ERTS's type tag number for `[]`, mixed in when `[]` follows other data.
const NIL_DEF: u32 = 0x2;

/// Primes just above 2^28 that `make_hash` multiplies by.
const F1: u32 = 268_440_163;
const F2: u32 = 268_439_161;
const F3: u32 = 268_435_459;
const F4: u32 = 268_436_141;
const F5: u32 = 268_438_633;
const F6: u32 = 268_437_017;
const F8: u32 = 268_437_511;
const F9: u32 = 268_439_627;
const F10: u32 = 268_440_479;
const F11: u32 = 268_440_577;
const F12: u32 = 268_440_581;
const F13: u32 = 268_440_593;
const F14: u32 = 268_440_611;

/// `erlang:phash2(T)`: a hash in `0..2^27`.
pub fn phash2(t: Term, atoms: &AtomTable) -> u32 {
    Hasher::new(atoms, None).make_hash2(t) & ((1 << 27) - 1)
}

/// `erlang:phash2(T, Range)`, `Range` in `1..=2^32`.
pub fn phash2_range(t: Term, range: u64, atoms: &AtomTable) -> u32 {
    (Hasher::new(atoms, None).make_hash2(t) as u64 % range) as u32
}

/// `erlang:phash(T, Range)`, `Range` in `1..=2^32`: a hash in `1..=Range`.
pub fn phash(t: Term, range: u64, atoms: &AtomTable) -> u64 {
    Hasher::new(atoms, None).make_hash(t) as u64 % range + 1
}

/// The hashing context: atoms to hash by name, and the code table to find a closure's module,
/// index and uniq (without it closures hash as if from an unknown module).
pub struct Hasher<'a> {
    atoms: &'a AtomTable,
    code: Option<&'a CodeTable>,
}

/// ERTS's hash of an atom's text (hashpjw over its UTF-8 bytes, with two-byte Latin-1
/// sequences folded back to one byte).
pub fn atom_hvalue(name: &str) -> u32 {
    let p = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < p.len() {
        let mut v = p[i];
        i += 1;
        if i < p.len() && (v & 0xFE) == 0xC2 && (p[i] & 0xC0) == 0x80 {
            v = (v << 6) | (p[i] & 0x3F);
            i += 1;
        }
        h = (h << 4).wrapping_add(v as u32);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// Bob Jenkins' 96-bit mix.
#[inline]
fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    macro_rules! step {
        ($x:ident, $y:ident, $z:ident, $op:tt, $n:expr) => {
            *$x = $x.wrapping_sub(*$y).wrapping_sub(*$z);
            *$x ^= *$z $op $n;
        };
    }
    step!(a, b, c, >>, 13);
    step!(b, c, a, <<, 8);
    step!(c, a, b, >>, 13);
    step!(a, b, c, >>, 12);
    step!(b, c, a, <<, 16);
    step!(c, a, b, >>, 5);
    step!(a, b, c, >>, 3);
    step!(b, c, a, <<, 10);
    step!(c, a, b, >>, 15);
}

/// Jenkins' `hash()` over bytes, continuing from `initval`.
fn block_hash(k: &[u8], initval: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, initval);
    let le = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let mut chunks = k.chunks_exact(12);
    for blk in &mut chunks {
        a = a.wrapping_add(le(&blk[0..4]));
        b = b.wrapping_add(le(&blk[4..8]));
        c = c.wrapping_add(le(&blk[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    let mut tail = [0u8; 12];
    tail[..rest.len()].copy_from_slice(rest);
    // The last word of `c` keeps its low byte for the length.
    a = a.wrapping_add(le(&tail[0..4]));
    b = b.wrapping_add(le(&tail[4..8]));
    c = c.wrapping_add(u32::from_le_bytes([0, tail[8], tail[9], tail[10]]));
    mix(&mut a, &mut b, &mut c);
    c
}

/// Work left on the `make_hash2` stack.
enum Op {
    Term(Term),
    /// Between two key/value pairs of a map: fold the pair's hash into the xor.
    MapPair,
    /// The end of a map: restore the outer hash and xor, mixing in this map's xor.
    MapTail(u32, u32),
}

/// What a closure contributes: its module, old index, old uniq.
fn fun_identity(code: Option<&CodeTable>, t: Term) -> (Term, u32, u32) {
    let w = t.boxed_words();
    let code_id = (w[0] >> 32) as u32;
    let fun_index = w[0] as u32;
    if let Some(c) = code.and_then(|c| c.try_get(code_id)) {
        if let Some(fe) = c.funs.get(fun_index as usize) {
            return (c.module, fe.index, fe.old_uniq);
        }
        return (c.module, fun_index, 0);
    }
    (crate::atom::UNDEFINED, fun_index, 0)
}

fn fun_env(t: &Term) -> &[Term] {
    &t.boxed_terms()[2..]
}

/// The key/value pairs of a map.
/// A map's pairs in any order (the map hash combines pairs order-independently).
fn map_pairs(t: Term) -> Vec<(Term, Term)> {
    crate::term::map::storage_pairs(t)
}

fn is_byte(t: Term) -> Option<u32> {
    match t.as_small() {
        Some(v) if (0..256).contains(&v) => Some(v as u32),
        _ => None,
    }
}

/// The magnitude limbs and sign of any integer (smalls as one limb).
fn int_limbs(t: &Term) -> Option<(bool, Vec<u64>)> {
    if let Some(v) = t.as_small() {
        return Some((v < 0, alloc::vec![v.unsigned_abs()]));
    }
    super::number::big_limbs(t).map(|(n, l)| (n, l.to_vec()))
}

impl<'a> Hasher<'a> {
    pub fn new(atoms: &'a AtomTable, code: Option<&'a CodeTable>) -> Hasher<'a> {
        Hasher { atoms, code }
    }

    fn hv(&self, atom: Term) -> u32 {
        atom_hvalue(self.atoms.name(atom))
    }

    /// ERTS's `make_hash2` (full 32 bits).
    pub fn make_hash2(&self, t: Term) -> u32 {
        let mut st = H2 {
            hash: 0,
            xor_pairs: 0,
            stack: Vec::new(),
        };
        let mut term = t;
        loop {
            if let Some(next) = self.step2(&mut st, term) {
                term = next;
                continue;
            }
            // Done with one term: resume what is left on the stack.
            loop {
                match st.stack.pop() {
                    None => return st.hash,
                    Some(Op::Term(t)) => {
                        term = t;
                        break;
                    }
                    Some(Op::MapPair) => {
                        st.xor_pairs ^= st.hash;
                        st.hash = 0;
                    }
                    Some(Op::MapTail(h, x)) => {
                        st.hash = h;
                        let xp = st.xor_pairs;
                        st.u32_hash(xp, HCONST_19);
                        st.xor_pairs = x;
                    }
                }
            }
        }
    }

    /// Hashes the outer layer of `term`; returns the next term to hash right away, if any.
    fn step2(&self, st: &mut H2, term: Term) -> Option<Term> {
        if term.is_list() {
            let (mut c, mut sh) = (0, 0u32);
            let mut cur = term;
            loop {
                let (h, tl) = cur.cons()?;
                match is_byte(h) {
                    Some(b) => {
                        sh = (sh << 8).wrapping_add(b);
                        if c == 3 {
                            st.u32_hash(sh, HCONST_4);
                            c = 0;
                            sh = 0;
                        } else {
                            c += 1;
                        }
                        if tl.is_list() {
                            cur = tl;
                            continue;
                        }
                        if c > 0 {
                            st.u32_hash(sh, HCONST_4);
                        }
                        return Some(tl);
                    }
                    None => {
                        if c > 0 {
                            st.u32_hash(sh, HCONST_4);
                        }
                        st.stack.push(Op::Term(tl));
                        return Some(h);
                    }
                }
            }
        }
        if term.is_nil() {
            if st.hash == 0 {
                st.hash = NIL_HASH;
            } else {
                st.u32_hash(NIL_DEF, HCONST_2);
            }
            return None;
        }
        if term.is_atom() {
            let hv = self.hv(term);
            if st.hash == 0 {
                st.hash = hv;
            } else {
                st.u32_hash(hv, HCONST_3);
            }
            return None;
        }
        if let Some(x) = term.as_small() {
            if (-(1 << 27)..(1 << 27)).contains(&x) {
                let y = x as i32;
                if y < 0 {
                    // Negative numbers are mixed twice, as in ERTS.
                    st.u32_hash(y.wrapping_neg() as u32, HCONST);
                }
                st.u32_hash(y as u32, HCONST);
                return None;
            }
        }
        if term.is_local_pid() {
            st.u32_hash(term.pid_number() as u32, HCONST_5);
            return None;
        }
        if term.is_local_port() {
            st.u32_hash((term.0 >> 4) as u32, HCONST_6);
            return None;
        }
        if let Some((neg, limbs)) = int_limbs(&term) {
            let con = if neg { HCONST_10 } else { HCONST_11 };
            for l in limbs {
                st.u32_hash2(l as u32, (l >> 32) as u32, con);
            }
            return None;
        }
        let sub = term.subtag()?;
        match sub {
            Subtag::Tuple => {
                let el = term.tuple().unwrap_or(&[]);
                st.u32_hash(el.len() as u32, HCONST_9);
                if el.is_empty() {
                    return None;
                }
                for &e in el[1..].iter().rev() {
                    st.stack.push(Op::Term(e));
                }
                Some(el[0])
            }
            Subtag::Map | Subtag::HashMap => {
                let pairs = map_pairs(term);
                st.u32_hash(pairs.len() as u32, HCONST_16);
                if pairs.is_empty() {
                    return None;
                }
                st.stack.push(Op::MapTail(st.hash, st.xor_pairs));
                st.hash = 0;
                st.xor_pairs = 0;
                for &(k, v) in pairs.iter().rev() {
                    st.stack.push(Op::MapPair);
                    st.stack.push(Op::Term(v));
                    st.stack.push(Op::Term(k));
                }
                None
            }
            Subtag::Export => {
                let w = term.boxed_terms();
                let arity = w[2].small_value() as u32;
                st.u32_hash2(arity, self.hv(w[0]), HCONST);
                st.u32_hash(self.hv(w[1]), HCONST_14);
                None
            }
            Subtag::Fun => {
                let (module, index, uniq) = fun_identity(self.code, term);
                let env = fun_env(&term);
                st.u32_hash2(env.len() as u32, self.hv(module), HCONST);
                st.u32_hash2(index, uniq, HCONST);
                if env.is_empty() {
                    return None;
                }
                for &e in env[1..].iter().rev() {
                    st.stack.push(Op::Term(e));
                }
                Some(env[0])
            }
            Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin => {
                let bs = BitSlice::of(term)?;
                let (sz, bitsize) = (bs.bit_len / 8, bs.bit_len % 8);
                let con = HCONST_13.wrapping_add(st.hash);
                if bs.bit_len == 0 {
                    st.hash = con;
                } else {
                    let bytes = bs.to_vec();
                    st.hash = block_hash(&bytes[..sz], con);
                    if bitsize > 0 {
                        let last = (bytes[sz] >> (8 - bitsize)) as u32;
                        st.u32_hash2(bitsize as u32, last, HCONST_15);
                    }
                }
                None
            }
            Subtag::Float => {
                let f = term.as_float().unwrap_or(0.0);
                // -0.0 hashes as 0.0.
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                st.u32_hash2((bits >> 32) as u32, bits as u32, HCONST_12);
                None
            }
            Subtag::Ref => {
                st.u32_hash(term.boxed_words()[0] as u32, HCONST_7);
                None
            }
            // External pids, ports and refs are not produced yet (no distribution).
            _ => None,
        }
    }

    /// ERTS's `make_hash` (the deprecated `phash/2`), full 32 bits.
    pub fn make_hash(&self, t: Term) -> u32 {
        let mut h = 0u32;
        self.mh(t, &mut h);
        h
    }

    fn mh(&self, t: Term, h: &mut u32) {
        let mul_add = |h: &mut u32, p: u32, x: u32| *h = h.wrapping_mul(p).wrapping_add(x);
        let step = |h: &mut u32, x: u32, p: u32| {
            for i in 0..4 {
                mul_add(h, p, (x >> (8 * i)) & 0xff);
            }
        };
        if t.is_nil() {
            mul_add(h, F3, 1);
        } else if t.is_atom() {
            mul_add(h, F1, self.hv(t));
        } else if t.is_list() {
            let mut cur = t;
            while let Some((hd, tl)) = cur.cons() {
                match is_byte(hd) {
                    Some(b) => mul_add(h, F2, b),
                    None => self.mh(hd, h),
                }
                if tl.is_list() {
                    cur = tl;
                    continue;
                }
                self.mh(tl, h);
                *h = h.wrapping_mul(F8);
                break;
            }
        } else if t.is_local_pid() {
            step(h, t.pid_number() as u32, F5);
            *h = h.wrapping_mul(F6);
        } else if t.is_local_port() {
            step(h, (t.0 >> 4) as u32, F9);
            *h = h.wrapping_mul(F10);
        } else if let Some((neg, limbs)) = int_limbs(&t) {
            // Bytes of the magnitude, least significant first, whole 32-bit words only.
            let last = limbs.len() - 1;
            for (i, &d) in limbs.iter().enumerate() {
                let n = if i == last && d >> 32 == 0 { 4 } else { 8 };
                for j in 0..n {
                    mul_add(h, F2, ((d >> (8 * j)) & 0xff) as u32);
                }
            }
            *h = h.wrapping_mul(if neg { F4 } else { F3 });
        } else {
            self.mh_boxed(t, h);
        }
    }

    fn mh_boxed(&self, t: Term, h: &mut u32) {
        let mul_add = |h: &mut u32, p: u32, x: u32| *h = h.wrapping_mul(p).wrapping_add(x);
        let Some(sub) = t.subtag() else { return };
        match sub {
            Subtag::Tuple => {
                let el = t.tuple().unwrap_or(&[]);
                for &e in el {
                    self.mh(e, h);
                }
                mul_add(h, F9, el.len() as u32);
            }
            Subtag::Float => {
                let f = t.as_float().unwrap_or(0.0);
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                mul_add(h, F6, (bits as u32) ^ ((bits >> 32) as u32));
            }
            Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin => {
                let Some(bs) = BitSlice::of(t) else { return };
                let (sz, bitsize) = (bs.bit_len / 8, bs.bit_len % 8);
                let bytes = bs.to_vec();
                for &b in &bytes[..sz] {
                    mul_add(h, F1, b as u32);
                }
                if bitsize > 0 {
                    mul_add(h, F1, (bytes[sz] >> (8 - bitsize)) as u32);
                    mul_add(h, F12, bitsize as u32);
                }
                mul_add(h, F4, sz as u32);
            }
            Subtag::Export => {
                let w = t.boxed_terms();
                mul_add(h, F11, w[2].small_value() as u32);
                mul_add(h, F1, self.hv(w[0]));
                mul_add(h, F1, self.hv(w[1]));
            }
            Subtag::Fun => {
                let (module, index, uniq) = fun_identity(self.code, t);
                let env = fun_env(&t);
                mul_add(h, F10, env.len() as u32);
                mul_add(h, F1, self.hv(module));
                mul_add(h, F2, index);
                mul_add(h, F2, uniq);
                for &e in env {
                    self.mh(e, h);
                }
            }
            Subtag::Ref => {
                let n0 = t.boxed_words()[0] as u32;
                for i in 0..4 {
                    mul_add(h, F9, (n0 >> (8 * i)) & 0xff);
                }
                *h = h.wrapping_mul(F10);
            }
            Subtag::Map | Subtag::HashMap => {
                let h2 = self.make_hash2(t);
                *h = h.wrapping_mul(F13).wrapping_add(F14).wrapping_add(h2);
            }
            _ => {}
        }
    }
}

/// `make_hash2`'s running state.
struct H2 {
    hash: u32,
    xor_pairs: u32,
    stack: Vec<Op>,
}

impl H2 {
    #[inline]
    fn u32_hash2(&mut self, x: u32, y: u32, aconst: u32) {
        let mut a = aconst.wrapping_add(x);
        let mut b = aconst.wrapping_add(y);
        mix(&mut a, &mut b, &mut self.hash);
    }
    #[inline]
    fn u32_hash(&mut self, x: u32, aconst: u32) {
        self.u32_hash2(x, 0, aconst);
    }
}

#[cfg(test)]
#[path = "hash_tests.rs"]
mod tests;
