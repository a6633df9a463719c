//! Copying a term from one area to another (messages, ETS-like stores, spawn arguments).

use alloc::vec::Vec;

use super::{Alloc, RefcBinary, Resource};
use crate::term::{Subtag, Term, MAGIC_REF_SIZE};

/// Copies `t` (deeply, sharing is not preserved, as in ERTS) into `dst`.
pub fn copy_term(t: Term, dst: &mut impl Alloc) -> Term {
    if t.is_immediate() {
        return t;
    }
    if !(t.is_list() || t.is_boxed()) {
        return Term::NIL;
    }
    let mut result = Term::NON_VALUE;
    let mut work: Vec<(*mut u64, Term)> = Vec::new();
    work.push((&mut result as *mut Term as *mut u64, t));
    while let Some((slot, src)) = work.pop() {
        let new = shallow(src, dst, &mut work);
        // SAFETY: `slot` is either `result` or a word inside an object just allocated in `dst`.
        unsafe { *slot = new.0 };
    }
    result
}

fn shallow(src: Term, dst: &mut impl Alloc, work: &mut Vec<(*mut u64, Term)>) -> Term {
    if src.is_immediate() {
        return src;
    }
    let sp = src.ptr();
    if src.is_list() {
        let p = dst.alloc(2);
        // SAFETY: `sp` is a live cons cell, `p` two fresh words.
        unsafe {
            let h = Term(*sp);
            let t = Term(*sp.add(1));
            *p = h.0;
            *p.add(1) = t.0;
            if !h.is_immediate() {
                work.push((p, h));
            }
            if !t.is_immediate() {
                work.push((p.add(1), t));
            }
        }
        return Term::make_list(p);
    }
    // Only broken code can put a non-term word (a continuation pointer, the no-value marker) where
    // a term belongs; it copies as `[]` rather than taking the VM down.
    let Some(h) = src.header() else {
        return Term::NIL;
    };
    let size = h.size();
    let p = dst.alloc(size);
    // SAFETY: `sp` is a live object of `size` words; `p` has `size` fresh words. The off-heap
    // object behind a ProcBin or magic reference is live while `src` holds its reference.
    unsafe {
        core::ptr::copy_nonoverlapping(sp, p, size);
        match h.subtag() {
            Subtag::RefcBin => {
                RefcBinary::inc(*p.add(2) as usize as *const RefcBinary);
                dst.link_offheap(p);
            }
            Subtag::Ref if size == MAGIC_REF_SIZE => {
                Resource::inc(*p.add(4) as usize as *const Resource);
                dst.link_offheap(p);
            }
            st => {
                let raw = st.raw_prefix();
                if raw != usize::MAX {
                    for i in (1 + raw)..size {
                        let w = Term(*p.add(i));
                        if !w.is_immediate() {
                            work.push((p.add(i), w));
                        }
                    }
                }
            }
        }
    }
    Term::make_boxed(p)
}

/// Words `t` takes when copied (an upper bound used to size fragments).
pub fn size_of(t: Term) -> usize {
    let mut n = 0;
    let mut work: Vec<Term> = Vec::new();
    work.push(t);
    while let Some(t) = work.pop() {
        if t.is_immediate() {
            continue;
        }
        if let Some((h, tl)) = t.cons() {
            n += 2;
            work.push(h);
            work.push(tl);
            continue;
        }
        if let Some(h) = t.header() {
            n += h.size();
            let raw = h.subtag().raw_prefix();
            if raw != usize::MAX {
                for w in &t.boxed_terms()[raw..] {
                    work.push(*w);
                }
            }
        }
    }
    n
}
