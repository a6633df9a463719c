//! Copying a term from one area to another (messages, ETS-like stores, spawn arguments).

use alloc::vec::Vec;

use super::{Alloc, RefcBinary, Resource};
use crate::term::{Subtag, Term, MAGIC_REF_SIZE};

/// A traversal stack kept on the Rust stack until it outgrows [`WORK_INLINE`] entries: a
/// message is copied (and measured) without a heap allocation unless it is deeply nested.
struct Work<T: Copy> {
    inline: [T; WORK_INLINE],
    len: usize,
    spill: Vec<T>,
}

const WORK_INLINE: usize = 16;

impl<T: Copy> Work<T> {
    fn new(fill: T) -> Self {
        Work {
            inline: [fill; WORK_INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }
    #[inline(always)]
    fn push(&mut self, t: T) {
        // The spill only fills once the inline part is full, and empties first: LIFO throughout.
        if self.len < WORK_INLINE {
            self.inline[self.len] = t;
            self.len += 1;
        } else {
            self.spill.push(t);
        }
    }
    #[inline(always)]
    fn pop(&mut self) -> Option<T> {
        if let Some(t) = self.spill.pop() {
            return Some(t);
        }
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        Some(self.inline[self.len])
    }
}

/// Copies `t` (deeply, sharing is not preserved, as in ERTS) into `dst`.
pub fn copy_term(t: Term, dst: &mut impl Alloc) -> Term {
    if t.is_immediate() {
        return t;
    }
    if !(t.is_list() || t.is_boxed()) {
        return Term::NIL;
    }
    let mut result = Term::NON_VALUE;
    let mut work = Work::new((core::ptr::null_mut(), Term::NIL));
    work.push((&mut result as *mut Term as *mut u64, t));
    while let Some((slot, src)) = work.pop() {
        let new = shallow(src, dst, &mut work);
        // SAFETY: `slot` is either `result` or a word inside an object just allocated in `dst`.
        unsafe { *slot = new.0 };
    }
    result
}

fn shallow(src: Term, dst: &mut impl Alloc, work: &mut Work<(*mut u64, Term)>) -> Term {
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
    let mut work = Work::new(Term::NIL);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::{build, Arena};
    use crate::term::order::exact_eq;

    #[test]
    fn copies_wide_and_deep_terms_past_the_inline_stack() {
        let mut a = Arena::new();
        // Wide: a tuple of 100 boxed elements (all pending at once); deep: nested 2-tuples.
        let elems: Vec<Term> = (0..100)
            .map(|i| {
                let l = build::list(&mut a, &[Term::small(i), Term::small(-i)]);
                build::tuple(&mut a, &[l, Term::small(i)])
            })
            .collect();
        let mut t = build::tuple(&mut a, &elems);
        for i in 0..300 {
            // Each level holds a fresh boxed head and the rest: the heads wait on the stack.
            let head = build::tuple(&mut a, &[Term::small(i), Term::small(i + 1)]);
            let inner = build::cons(&mut a, head, Term::NIL);
            t = build::tuple(&mut a, &[inner, t]);
        }
        let words = size_of(t);
        let mut b = Arena::with_capacity(words);
        let c = copy_term(t, &mut b);
        assert!(exact_eq(c, t));
        assert_eq!(b.words(), words);
        assert!(!a.contains(c.ptr() as usize) && b.contains(c.ptr() as usize));
    }
}
