//! Decoding the external term format. Iterative (an explicit stack of partly built containers)
//! so that deeply nested input cannot exhaust the native stack; every length is checked
//! against the bytes that remain before anything is allocated.

use alloc::string::String;
use alloc::vec::Vec;

use num_bigint::{BigInt, Sign};

use super::*;
use crate::atom::AtomTable;
use crate::code::CodeTable;
use crate::heap::{build, Alloc};
use crate::term::Term;

type R<T> = Result<T, EtfError>;

struct Rd<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Rd<'a> {
    fn err<T>(&self, message: &'static str) -> R<T> {
        Err(EtfError {
            offset: self.pos,
            message,
        })
    }
    fn left(&self) -> usize {
        self.data.len() - self.pos
    }
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        if n > self.left() {
            return self.err("truncated");
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> R<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> R<u32> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A count of items that each take at least `min` bytes.
    fn count(&mut self, n: usize, min: usize) -> R<usize> {
        if n.saturating_mul(min) > self.left() {
            return self.err("count larger than the data");
        }
        Ok(n)
    }
}

struct Ctx<'x, A: Alloc> {
    atoms: &'x mut AtomTable,
    code: Option<&'x CodeTable>,
    a: &'x mut A,
    safe: bool,
}

/// A container waiting for its elements.
enum Frame {
    Tuple(Vec<Term>, usize),
    /// Elements still to come; then the tail.
    List(Vec<Term>, usize),
    Map(Vec<Term>, usize),
    Fun {
        code: u32,
        index: u32,
        arity: u32,
        env: Vec<Term>,
        left: usize,
    },
}

/// Decodes one external term starting at the version byte 131; returns the term and the number
/// of bytes consumed. Atoms are created unless `safe`; local funs need `code` (the module must
/// be loaded with the same MD5).
pub fn decode(
    bytes: &[u8],
    atoms: &mut AtomTable,
    code: Option<&CodeTable>,
    a: &mut impl Alloc,
    safe: bool,
) -> Result<(Term, usize), EtfError> {
    let mut r = Rd {
        data: bytes,
        pos: 0,
    };
    if r.u8()? != VERSION {
        return r.err("bad version byte");
    }
    let mut a = crate::heap::DynAlloc(a);
    let mut cx = Ctx {
        atoms,
        code,
        a: &mut a,
        safe,
    };
    if r.data.get(1) == Some(&COMPRESSED) {
        r.pos = 2;
        let size = r.u32()? as usize;
        let z = &r.data[r.pos..];
        let Some(inflated) = crate::zlib::inflate_exact(z, size) else {
            return r.err("compressed size out of range");
        };
        if !inflated.is_complete() {
            return r.err("bad compressed data");
        }
        let (out, used_in) = (inflated.out, inflated.consumed);
        let mut inner = Rd { data: &out, pos: 0 };
        let t = term(&mut inner, &mut cx)?;
        if inner.left() != 0 {
            return inner.err("trailing bytes in compressed term");
        }
        return Ok((t, r.pos + used_in));
    }
    let t = term(&mut r, &mut cx)?;
    Ok((t, r.pos))
}

fn term<A: Alloc>(r: &mut Rd, cx: &mut Ctx<A>) -> R<Term> {
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let mut v = match item(r, cx, &mut stack)? {
            Some(t) => t,
            None => continue,
        };
        // Deliver `v` to the innermost open container, closing the ones that fill up.
        loop {
            let Some(top) = stack.last_mut() else {
                return Ok(v);
            };
            let done = match top {
                Frame::Tuple(es, n) | Frame::Map(es, n) => {
                    es.push(v);
                    es.len() == *n
                }
                Frame::List(es, left) => {
                    if *left > 0 {
                        es.push(v);
                        *left -= 1;
                        false
                    } else {
                        true // v is the tail
                    }
                }
                Frame::Fun { env, left, .. } => {
                    env.push(v);
                    env.len() == *left
                }
            };
            if !done {
                break;
            }
            let frame = stack.pop().expect("non-empty");
            v = close(r, cx, frame, v)?;
        }
    }
}

fn close<A: Alloc>(r: &Rd, cx: &mut Ctx<A>, f: Frame, last: Term) -> R<Term> {
    Ok(match f {
        Frame::Tuple(es, _) => build::tuple(cx.a, &es),
        Frame::List(es, _) => build::list_with_tail(cx.a, &es, last),
        Frame::Map(es, _) => {
            let pairs: Vec<(Term, Term)> = es.chunks_exact(2).map(|p| (p[0], p[1])).collect();
            match make_map(pairs, cx.atoms, cx.a) {
                Some(m) => m,
                None => return r.err("duplicate map key"),
            }
        }
        Frame::Fun {
            code,
            index,
            arity,
            env,
            ..
        } => build::closure(cx.a, code, index, arity, &env),
    })
}

/// Builds a map from key/value pairs (any order); `None` on duplicate keys. The one place map
/// construction happens, so the real (HAMT-capable) constructor can be swapped in.
pub fn make_map(
    mut pairs: Vec<(Term, Term)>,
    atoms: &AtomTable,
    a: &mut impl Alloc,
) -> Option<Term> {
    crate::term::order::sort_pairs_by_key(&mut pairs, false, atoms);
    for w in pairs.windows(2) {
        if crate::term::order::exact_eq(w[0].0, w[1].0) {
            return None;
        }
    }
    Some(crate::term::map::from_pairs(&pairs, a, atoms))
}

/// Decodes one item: a finished term, or `None` after opening a container.
fn item<A: Alloc>(r: &mut Rd, cx: &mut Ctx<A>, stack: &mut Vec<Frame>) -> R<Option<Term>> {
    if stack.len() > 1 << 20 {
        return r.err("nesting too deep");
    }
    let tag = r.u8()?;
    let t = match tag {
        SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
            let n = if tag == SMALL_TUPLE_EXT {
                r.u8()? as usize
            } else {
                r.u32()? as usize
            };
            let n = r.count(n, 1)?;
            if n == 0 {
                return Ok(Some(build::tuple(cx.a, &[])));
            }
            stack.push(Frame::Tuple(Vec::with_capacity(n), n));
            return Ok(None);
        }
        LIST_EXT => {
            let n = r.u32()? as usize;
            let n = r.count(n, 1)?;
            stack.push(Frame::List(Vec::with_capacity(n), n));
            return Ok(None);
        }
        MAP_EXT => {
            let n = r.u32()? as usize;
            let n = r.count(n, 2)?;
            if n == 0 {
                return Ok(Some(build::flatmap(cx.a, &[], &[])));
            }
            stack.push(Frame::Map(Vec::with_capacity(2 * n), 2 * n));
            return Ok(None);
        }
        NEW_FUN_EXT => {
            let f = new_fun(r, cx)?;
            if f.left == 0 {
                return Ok(Some(close(r, cx, f.into_frame(), Term::NIL)?));
            }
            stack.push(f.into_frame());
            return Ok(None);
        }
        _ => leaf(r, cx, tag)?,
    };
    Ok(Some(t))
}

struct FunHead {
    code: u32,
    index: u32,
    arity: u32,
    left: usize,
}

impl FunHead {
    fn into_frame(self) -> Frame {
        Frame::Fun {
            code: self.code,
            index: self.index,
            arity: self.arity,
            env: Vec::with_capacity(self.left),
            left: self.left,
        }
    }
}

fn new_fun<A: Alloc>(r: &mut Rd, cx: &mut Ctx<A>) -> R<FunHead> {
    let _size = r.u32()?;
    let arity = r.u8()? as u32;
    let uniq = r.take(16)?;
    let index = r.u32()?;
    let num_free = r.u32()? as usize;
    let num_free = r.count(num_free, 1)?;
    let t = r.u8()?;
    let module = leaf(r, cx, t)?;
    for _ in 0..2 {
        let t = r.u8()?;
        if !leaf(r, cx, t)?.is_integer() {
            return r.err("bad fun old index/uniq");
        }
    }
    let t = r.u8()?;
    if !leaf(r, cx, t)?.is_pid() || !module.is_atom() {
        return r.err("bad fun module/pid");
    }
    let Some(code) = cx.code.and_then(|ct| {
        let v = ct.modules.get(&module.atom_index())?;
        [v.current, v.old]
            .into_iter()
            .flatten()
            .filter_map(|id| ct.try_get(id))
            .find(|c| c.md5 == uniq)
    }) else {
        return r.err("fun of a module that is not loaded");
    };
    let Some(pos) = code.funs.iter().position(|f| f.index == index) else {
        return r.err("fun index not in the module");
    };
    let fe = &code.funs[pos];
    if fe.num_free as usize != num_free || fe.arity != arity + fe.num_free {
        return r.err("fun arity mismatch");
    }
    Ok(FunHead {
        code: code.id,
        index: pos as u32,
        arity,
        left: num_free,
    })
}

fn atom_text<A: Alloc>(r: &Rd, cx: &mut Ctx<A>, s: &str) -> R<Term> {
    if s.chars().count() > crate::atom::MAX_ATOM_CHARS {
        return r.err("atom too long");
    }
    if cx.safe {
        match cx.atoms.lookup(s) {
            Some(a) => Ok(a),
            None => r.err("unknown atom (safe)"),
        }
    } else {
        Ok(cx.atoms.intern(s))
    }
}

fn local_node(t: Term) -> bool {
    t == crate::atom::NONODE
}

/// Decodes a term that contains no other term (except node atoms).
fn leaf<A: Alloc>(r: &mut Rd, cx: &mut Ctx<A>, tag: u8) -> R<Term> {
    Ok(match tag {
        SMALL_INTEGER_EXT => Term::small(r.u8()? as i64),
        INTEGER_EXT => Term::small(r.u32()? as i32 as i64),
        SMALL_BIG_EXT | LARGE_BIG_EXT => {
            let n = if tag == SMALL_BIG_EXT {
                r.u8()? as usize
            } else {
                r.u32()? as usize
            };
            let sign = r.u8()?;
            let mag = r.take(n)?;
            if sign > 1 {
                return r.err("bad bignum sign");
            }
            let s = if sign == 1 { Sign::Minus } else { Sign::Plus };
            build::bigint(cx.a, &BigInt::from_bytes_le(s, mag))
        }
        NEW_FLOAT_EXT => {
            let b = r.take(8)?;
            let f = f64::from_bits(u64::from_be_bytes([
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
            ]));
            if !f.is_finite() {
                return r.err("non-finite float");
            }
            build::float(cx.a, f)
        }
        FLOAT_EXT => {
            let b = r.take(31)?;
            let end = b.iter().position(|&c| c == 0).unwrap_or(31);
            let s = core::str::from_utf8(&b[..end]).unwrap_or("");
            match s.trim().parse::<f64>() {
                Ok(f) if f.is_finite() => build::float(cx.a, f),
                _ => return r.err("bad float text"),
            }
        }
        ATOM_EXT | SMALL_ATOM_EXT => {
            let n = if tag == ATOM_EXT {
                r.u16()? as usize
            } else {
                r.u8()? as usize
            };
            let b = r.take(n)?;
            let s: String = b.iter().map(|&c| c as char).collect();
            atom_text(r, cx, &s)?
        }
        ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
            let n = if tag == ATOM_UTF8_EXT {
                r.u16()? as usize
            } else {
                r.u8()? as usize
            };
            let b = r.take(n)?;
            let Ok(s) = core::str::from_utf8(b) else {
                return r.err("atom is not UTF-8");
            };
            atom_text(r, cx, s)?
        }
        NIL_EXT => Term::NIL,
        STRING_EXT => {
            let n = r.u16()? as usize;
            let b = r.take(n)?;
            build::bytelist(cx.a, b)
        }
        BINARY_EXT => {
            let n = r.u32()? as usize;
            let b = r.take(n)?;
            build::binary(cx.a, b)
        }
        BIT_BINARY_EXT => {
            let n = r.u32()? as usize;
            let bits = r.u8()? as usize;
            let b = r.take(n)?;
            if n == 0 {
                if bits != 0 {
                    return r.err("bad bit binary");
                }
                build::binary(cx.a, &[])
            } else {
                if bits == 0 || bits > 8 {
                    return r.err("bad bit binary");
                }
                let mut v = b.to_vec();
                v[n - 1] &= 0xFFu8 << (8 - bits);
                build::bitstring(cx.a, &v, (n - 1) * 8 + bits)
            }
        }
        EXPORT_EXT => {
            let t = r.u8()?;
            let m = leaf(r, cx, t)?;
            let t = r.u8()?;
            let f = leaf(r, cx, t)?;
            let t = r.u8()?;
            if t != SMALL_INTEGER_EXT || !m.is_atom() || !f.is_atom() {
                return r.err("bad export fun");
            }
            let arity = r.u8()? as u32;
            build::export_fun(cx.a, m, f, arity)
        }
        NEW_PID_EXT | PID_EXT => {
            let node = node_atom(r, cx)?;
            let id = r.u32()?;
            let serial = r.u32()?;
            let _creation = if tag == NEW_PID_EXT {
                r.u32()?
            } else {
                r.u8()? as u32
            };
            if !local_node(node) {
                return r.err("pid of another node");
            }
            if id >= 1 << crate::term::PID_INDEX_BITS {
                return r.err("pid number out of range");
            }
            Term::pid_of(id, serial)
        }
        NEW_PORT_EXT | PORT_EXT | V4_PORT_EXT => {
            let node = node_atom(r, cx)?;
            let id = if tag == V4_PORT_EXT {
                let b = r.take(8)?;
                u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
            } else {
                r.u32()? as u64
            };
            if tag == PORT_EXT {
                r.u8()?;
            } else {
                r.u32()?;
            }
            if !local_node(node) || id > u32::MAX as u64 {
                return r.err("port of another node");
            }
            Term::port(id as u32)
        }
        NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT => {
            let n = r.u16()? as usize;
            let node = node_atom(r, cx)?;
            if tag == NEWER_REFERENCE_EXT {
                r.u32()?;
            } else {
                r.u8()?;
            }
            let mut ids = [0u32; 3];
            for i in 0..n {
                let w = r.u32()?;
                match ids.get_mut(i) {
                    Some(slot) => *slot = w,
                    None if w != 0 => return r.err("reference too long"),
                    None => {}
                }
            }
            if !local_node(node) || n == 0 || n > 5 {
                return r.err("reference of another node");
            }
            build::local_ref(cx.a, ids)
        }
        REFERENCE_EXT => {
            let node = node_atom(r, cx)?;
            let id = r.u32()?;
            r.u8()?;
            if !local_node(node) {
                return r.err("reference of another node");
            }
            build::local_ref(cx.a, [id, 0, 0])
        }
        _ => return r.err("unsupported tag"),
    })
}

fn node_atom<A: Alloc>(r: &mut Rd, cx: &mut Ctx<A>) -> R<Term> {
    let t = r.u8()?;
    if !matches!(
        t,
        ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT
    ) {
        return r.err("node is not an atom");
    }
    leaf(r, cx, t)
}
