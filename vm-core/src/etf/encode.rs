//! Encoding terms the way OTP 25's `term_to_binary/1,2` does (checked byte for byte against
//! the real `erl`). Iterative, with an explicit work stack.

use alloc::vec::Vec;

use super::*;
use crate::atom::AtomTable;
use crate::code::CodeTable;
use crate::term::bits::BitSlice;
use crate::term::{Subtag, Term};

/// `term_to_binary/2` options.
#[derive(Clone, Copy, Debug)]
pub struct EncodeOpts {
    /// 0: floats as `FLOAT_EXT` text; 1 (OTP 25 default): `NEW_FLOAT_EXT`, Latin-1 atoms as
    /// `ATOM_EXT`; 2: every atom as UTF-8.
    pub minor_version: u8,
    /// zlib level when `compressed`; the result is compressed only when that makes it smaller.
    pub compressed: Option<u32>,
    pub deterministic: bool,
    /// Written as the creator pid of local funs (closures do not record theirs): the encoding
    /// process.
    pub creator: Term,
}

impl Default for EncodeOpts {
    fn default() -> Self {
        EncodeOpts {
            minor_version: 1,
            compressed: None,
            deterministic: false,
            creator: Term::pid(0),
        }
    }
}

enum Work {
    T(Term),
    /// Write the byte length since `start` as the `Size` word at `start` (NEW_FUN_EXT).
    FunSize(usize),
}

/// `term_to_binary(T, Opts)`.
pub fn encode(t: Term, atoms: &AtomTable, code: &CodeTable, opts: EncodeOpts) -> Vec<u8> {
    let (out, _) = encode_plain(t, atoms, code, &opts);
    match opts.compressed {
        Some(level) if level > 0 => {
            let z = miniz_oxide::deflate::compress_to_vec_zlib(&out[1..], level.min(9) as u8);
            if z.len() + 6 < out.len() {
                let mut c = Vec::with_capacity(6 + z.len());
                c.push(VERSION);
                c.push(COMPRESSED);
                c.extend_from_slice(&((out.len() - 1) as u32).to_be_bytes());
                c.extend_from_slice(&z);
                c
            } else {
                out
            }
        }
        _ => out,
    }
}

/// `erlang:external_size/1,2`: the encoded size, counting each local fun's old index as the
/// 5-byte worst case, as ERTS does.
pub fn external_size(t: Term, atoms: &AtomTable, code: &CodeTable, minor_version: u8) -> usize {
    let opts = EncodeOpts {
        minor_version,
        ..EncodeOpts::default()
    };
    let (out, slack) = encode_plain(t, atoms, code, &opts);
    out.len() + slack
}

/// The uncompressed encoding, and the external-size slack of local funs.
fn encode_plain(t: Term, atoms: &AtomTable, code: &CodeTable, o: &EncodeOpts) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(64);
    out.push(VERSION);
    let mut slack = 0;
    let mut work = alloc::vec![Work::T(t)];
    while let Some(w) = work.pop() {
        let t = match w {
            Work::T(t) => t,
            Work::FunSize(start) => {
                let n = (out.len() - start) as u32;
                out[start..start + 4].copy_from_slice(&n.to_be_bytes());
                continue;
            }
        };
        if let Some(v) = t.as_small() {
            int(&mut out, v as i128);
        } else if t.is_atom() {
            atom(&mut out, t, atoms, o.minor_version);
        } else if t.is_nil() {
            out.push(NIL_EXT);
        } else if t.is_list() {
            list(&mut out, &mut work, t);
        } else if t.is_local_pid() {
            out.push(NEW_PID_EXT);
            atom(&mut out, crate::atom::NONODE, atoms, o.minor_version);
            out.extend_from_slice(&t.pid_index().to_be_bytes());
            out.extend_from_slice(&t.pid_serial().to_be_bytes());
            out.extend_from_slice(&[0; 4]);
        } else if t.is_local_port() {
            out.push(NEW_PORT_EXT);
            atom(&mut out, crate::atom::NONODE, atoms, o.minor_version);
            out.extend_from_slice(&((t.raw() >> 4) as u32).to_be_bytes());
            out.extend_from_slice(&[0; 4]);
        } else if let Some(h) = t.header() {
            match h.subtag() {
                Subtag::Tuple => {
                    let es = t.tuple().unwrap_or(&[]);
                    if es.len() < 256 {
                        out.push(SMALL_TUPLE_EXT);
                        out.push(es.len() as u8);
                    } else {
                        out.push(LARGE_TUPLE_EXT);
                        out.extend_from_slice(&(es.len() as u32).to_be_bytes());
                    }
                    work.extend(es.iter().rev().map(|&e| Work::T(e)));
                }
                Subtag::Float => {
                    let f = t.as_float().unwrap_or(0.0);
                    if o.minor_version == 0 {
                        out.push(FLOAT_EXT);
                        let s = super::float_text::format_e20(f);
                        let mut b = [0u8; 31];
                        let n = s.len().min(31);
                        b[..n].copy_from_slice(&s.as_bytes()[..n]);
                        out.extend_from_slice(&b);
                    } else {
                        out.push(NEW_FLOAT_EXT);
                        out.extend_from_slice(&f.to_bits().to_be_bytes());
                    }
                }
                Subtag::PosBig | Subtag::NegBig => {
                    big(&mut out, h.subtag() == Subtag::NegBig, t.boxed_words())
                }
                Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin => {
                    if let Some(s) = BitSlice::of(t) {
                        let bytes = s.to_vec();
                        let rem = s.bit_len % 8;
                        if rem == 0 {
                            out.push(BINARY_EXT);
                            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
                        } else {
                            out.push(BIT_BINARY_EXT);
                            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
                            out.push(rem as u8);
                        }
                        out.extend_from_slice(&bytes);
                    }
                }
                Subtag::Map | Subtag::HashMap => {
                    let mut pairs = crate::term::map::iter_pairs(t, atoms);
                    if o.deterministic {
                        crate::term::order::sort_pairs_by_key(&mut pairs, false, atoms);
                    }
                    out.push(MAP_EXT);
                    out.extend_from_slice(&(pairs.len() as u32).to_be_bytes());
                    for &(k, v) in pairs.iter().rev() {
                        work.push(Work::T(v));
                        work.push(Work::T(k));
                    }
                }
                Subtag::Ref => {
                    let w = t.boxed_words();
                    out.push(NEWER_REFERENCE_EXT);
                    out.extend_from_slice(&3u16.to_be_bytes());
                    atom(&mut out, crate::atom::NONODE, atoms, o.minor_version);
                    out.extend_from_slice(&[0; 4]);
                    let w1 = w.get(1).copied().unwrap_or(0);
                    for n in [w[0] as u32, (w[0] >> 32) as u32, w1 as u32] {
                        out.extend_from_slice(&n.to_be_bytes());
                    }
                }
                Subtag::Export => {
                    let w = t.boxed_terms();
                    out.push(EXPORT_EXT);
                    atom(&mut out, w[0], atoms, o.minor_version);
                    atom(&mut out, w[1], atoms, o.minor_version);
                    out.push(SMALL_INTEGER_EXT);
                    out.push(w[2].as_small().unwrap_or(0) as u8);
                }
                Subtag::Fun => {
                    slack += fun(&mut out, &mut work, t, atoms, code, o);
                }
                // Not built by anything yet (remote identifiers, HAMT maps, match contexts).
                _ => out.push(NIL_EXT),
            }
        }
    }
    (out, slack)
}

fn list(out: &mut Vec<u8>, work: &mut Vec<Work>, t: Term) {
    // STRING_EXT when every element is a byte and the list is proper and short enough.
    let mut bytes = Vec::new();
    let mut rest = t;
    while let Some((h, tl)) = rest.cons() {
        match h.as_small() {
            Some(v) if (0..=255).contains(&v) && bytes.len() < 0xFFFF => bytes.push(v as u8),
            _ => break,
        }
        rest = tl;
    }
    if rest.is_nil() {
        out.push(STRING_EXT);
        out.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
        out.extend_from_slice(&bytes);
        return;
    }
    let mut elems = Vec::new();
    let mut it = t.list_iter();
    elems.extend(it.by_ref());
    out.push(LIST_EXT);
    out.extend_from_slice(&(elems.len() as u32).to_be_bytes());
    work.push(Work::T(it.tail()));
    work.extend(elems.iter().rev().map(|&e| Work::T(e)));
}

fn int(out: &mut Vec<u8>, v: i128) {
    if (0..=255).contains(&v) {
        out.push(SMALL_INTEGER_EXT);
        out.push(v as u8);
    } else if v >= i32::MIN as i128 && v <= i32::MAX as i128 {
        out.push(INTEGER_EXT);
        out.extend_from_slice(&(v as i32).to_be_bytes());
    } else {
        let m = v.unsigned_abs();
        big(out, v < 0, &[m as u64, (m >> 64) as u64]);
    }
}

fn big(out: &mut Vec<u8>, neg: bool, limbs: &[u64]) {
    let mut mag: Vec<u8> = limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
    while mag.last() == Some(&0) {
        mag.pop();
    }
    if mag.len() < 256 {
        out.push(SMALL_BIG_EXT);
        out.push(mag.len() as u8);
    } else {
        out.push(LARGE_BIG_EXT);
        out.extend_from_slice(&(mag.len() as u32).to_be_bytes());
    }
    out.push(neg as u8);
    out.extend_from_slice(&mag);
}

fn atom(out: &mut Vec<u8>, t: Term, atoms: &AtomTable, minor: u8) {
    let name = atoms.name(t);
    let latin1 = name.chars().all(|c| (c as u32) < 256);
    if minor < 2 && latin1 {
        let b: Vec<u8> = name.chars().map(|c| c as u8).collect();
        out.push(ATOM_EXT);
        out.extend_from_slice(&(b.len() as u16).to_be_bytes());
        out.extend_from_slice(&b);
    } else if name.len() < 256 {
        out.push(SMALL_ATOM_UTF8_EXT);
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
    } else {
        out.push(ATOM_UTF8_EXT);
        out.extend_from_slice(&(name.len() as u16).to_be_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

/// NEW_FUN_EXT; returns the external-size slack (old index counted as 5 bytes).
fn fun(
    out: &mut Vec<u8>,
    work: &mut Vec<Work>,
    t: Term,
    atoms: &AtomTable,
    code: &CodeTable,
    o: &EncodeOpts,
) -> usize {
    let w = t.boxed_words();
    let (code_id, pos) = ((w[0] >> 32) as u32, w[0] as u32);
    let (arity, num_free) = ((w[1] >> 32) as u8, w[1] as u32);
    let env = &t.boxed_terms()[2..];
    let c = code.try_get(code_id);
    let fe = c.and_then(|c| c.funs.get(pos as usize));
    let (md5, index, old_uniq) = match (c, fe) {
        (Some(c), Some(f)) => (c.md5, f.index, f.old_uniq),
        _ => ([0; 16], pos, 0),
    };
    out.push(NEW_FUN_EXT);
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    out.push(arity);
    out.extend_from_slice(&md5);
    out.extend_from_slice(&index.to_be_bytes());
    out.extend_from_slice(&num_free.to_be_bytes());
    let module = c.map(|c| c.module).unwrap_or(crate::atom::UNDEFINED);
    atom(out, module, atoms, o.minor_version);
    let before = out.len();
    int(out, index as i128);
    let slack = 5 - (out.len() - before);
    int(out, old_uniq as i128);
    work.push(Work::FunSize(start));
    work.extend(env.iter().rev().map(|&e| Work::T(e)));
    work.push(Work::T(o.creator));
    slack
}
