//! The per-process generational copying collector (after ERTS's `erl_gc.c`).
//!
//! A *minor* collection evacuates the live part of the young heap and the heap fragments: objects
//! that were already alive at the previous collection (below the high-water mark) are promoted to
//! the old heap, the rest go to a fresh young heap. A *major* collection also evacuates the old heap
//! and leaves everything in one fresh young heap. Nothing in the old heap can point into the young
//! heap (terms are immutable), so a minor collection needs no remembered set.
//!
//! Forwarding: an evacuated boxed object's header is overwritten with a boxed pointer to its copy;
//! an evacuated cons cell gets `NON_VALUE` in its head and the new list term in its tail.
//! Literals and terms in message fragments still in the mailbox are outside from-space and are
//! never moved.

use alloc::vec::Vec;

use super::{in_ranges, release_offheap, Block, Heap, OffHeap};
use crate::term::{Header, Subtag, Term};

/// A collection is also due once this many bytes of refc binaries were referenced from a heap
/// since its last collection (ERTS's "virtual binary heap", simplified). Only new ones count:
/// binaries a process keeps alive (a large file read once) do not make every later safe point
/// collect, nor keep the fast tier from running (`fast::enter`).
pub const VBIN_LIMIT: usize = 8 * 1024 * 1024;

/// Minor collections between two major ones (ERTS's `fullsweep_after` default is 65535; a
/// smaller value keeps the old heap from growing without bound under our simpler sizing).
pub const FULLSWEEP_AFTER: u32 = 64;

/// ERTS's heap size sequence (12, 38, 51, 90, 142, 233, 376, 610, ...: each the sum of the two
/// before plus one), then +20% steps: the smallest size that holds `need` words.
pub fn next_heap_size(need: usize) -> usize {
    let (mut a, mut b) = (12usize, 38usize);
    if need <= a {
        return a;
    }
    while b < need {
        if b > 4_000_000 {
            return need + need / 5;
        }
        let c = a + b + 1;
        a = b;
        b = c;
    }
    b
}

/// Heaps at least this large (in words) keep their previous young block for reuse.
const SPARE_MIN_WORDS: usize = 8192;

/// A to-space of `words` words: the heap's spare block when it fits, else a new one.
fn take_block(heap: &mut Heap, words: usize) -> Block {
    match heap.spare.take() {
        Some(mut b) if b.capacity() >= words && b.capacity() <= 2 * words => {
            b.reset();
            b
        }
        _ => Block::new(words),
    }
}

/// Installs `to` as the young heap, keeping the block it replaces as the spare of a large heap.
fn install_young(heap: &mut Heap, to: Block) {
    let old = core::mem::replace(&mut heap.young, to);
    heap.spare = if old.capacity() >= SPARE_MIN_WORDS {
        Some(old)
    } else {
        None
    };
}

/// Collects `heap` with `roots` as the complete root set, leaving at least `need` free words on
/// the young heap afterwards.
pub fn collect(heap: &mut Heap, roots: &mut [&mut [Term]], need: usize) {
    let major = heap.old.is_none() && heap.high_water == 0
        || heap.minor_gcs >= FULLSWEEP_AFTER
        || heap
            .old
            .as_ref()
            .map(|o| o.free() < heap.high_water)
            .unwrap_or(false);
    if major {
        collect_major(heap, roots, need)
    } else {
        collect_minor(heap, roots, need)
    }
}

struct Spaces {
    from: Vec<(usize, usize)>,
    /// Young-heap objects below this address go to the old heap (minor only).
    promote_below: usize,
    young_start: usize,
}

fn collect_minor(heap: &mut Heap, roots: &mut [&mut [Term]], need: usize) {
    let (ys, ye) = heap.young.range();
    let mut from = Vec::with_capacity(1 + heap.fragments.len());
    from.push((ys, ye));
    for f in &heap.fragments {
        from.push(f.range());
    }
    let spaces = Spaces {
        from,
        promote_below: ys + heap.high_water * 8,
        young_start: ys,
    };
    // Objects below the high-water mark go to the old heap, which `collect` made sure has room for
    // all of them; the rest (and the fragments) fit a young heap of the current size or the next.
    let worst = heap.young.used() - heap.high_water + heap.fragment_words + need;
    let size = next_heap_size(worst.max(heap.min_heap_size)).max(heap.young.capacity());
    let mut to = take_block(heap, size);
    let old = heap
        .old
        .get_or_insert_with(|| Block::new(next_heap_size(heap.high_water)));
    let old_scan_start = old.used();
    evacuate_all(&spaces, roots, &mut to, Some((old, old_scan_start)));
    sweep_offheap(&mut heap.offheap, &spaces.from);
    heap.high_water = to.used();
    install_young(heap, to);
    heap.fragments.clear();
    heap.gc_due = false;
    heap.fragment_words = 0;
    heap.offheap.bin_bytes = 0;
    heap.minor_gcs += 1;
}

fn collect_major(heap: &mut Heap, roots: &mut [&mut [Term]], need: usize) {
    let mut from = Vec::with_capacity(2 + heap.fragments.len());
    from.push(heap.young.range());
    for f in &heap.fragments {
        from.push(f.range());
    }
    if let Some(o) = &heap.old {
        from.push(o.range());
    }
    let spaces = Spaces {
        from,
        promote_below: 0,
        young_start: 0,
    };
    let worst = heap.used_words() + need;
    let mut to = take_block(heap, next_heap_size(worst.max(heap.min_heap_size)));
    evacuate_all(&spaces, roots, &mut to, None);
    sweep_offheap(&mut heap.offheap, &spaces.from);
    // Shrink a heap that became mostly garbage, so idle processes give memory back.
    let live = to.used();
    let want = next_heap_size((live + need) * 2).max(heap.min_heap_size);
    if want < to.capacity() / 2 {
        let mut small = Block::new(want);
        let spaces2 = Spaces {
            from: alloc::vec![to.range()],
            promote_below: 0,
            young_start: 0,
        };
        evacuate_all(&spaces2, roots, &mut small, None);
        sweep_offheap(&mut heap.offheap, &spaces2.from);
        to = small;
    }
    heap.high_water = to.used();
    install_young(heap, to);
    heap.old = None;
    heap.fragments.clear();
    heap.gc_due = false;
    heap.fragment_words = 0;
    heap.offheap.bin_bytes = 0;
    heap.minor_gcs = 0;
    heap.major_gcs += 1;
}

fn evacuate_all(
    spaces: &Spaces,
    roots: &mut [&mut [Term]],
    to: &mut Block,
    mut old: Option<(&mut Block, usize)>,
) {
    for set in roots.iter_mut() {
        for r in set.iter_mut() {
            *r = evacuate(spaces, *r, to, &mut old);
        }
    }
    // Cheney scan of the new young heap and of what was promoted into the old heap.
    let mut young_scan = 0usize;
    let mut old_scan = old.as_ref().map(|(_, s)| *s).unwrap_or(0);
    loop {
        let mut progressed = false;
        while young_scan < to.used() {
            let p = to.start_ptr();
            young_scan = scan_object(spaces, p, young_scan, to, &mut old);
            progressed = true;
        }
        while let Some((base, used)) = old.as_mut().map(|(ob, _)| (ob.start_ptr(), ob.used())) {
            if old_scan >= used {
                break;
            }
            old_scan = scan_object(spaces, base, old_scan, to, &mut old);
            progressed = true;
        }
        if !progressed {
            break;
        }
    }
}

/// Scans the object (or cons cell) at word `i` of the block starting at `base`; returns the index
/// after it.
fn scan_object(
    spaces: &Spaces,
    base: *mut u64,
    i: usize,
    to: &mut Block,
    old: &mut Option<(&mut Block, usize)>,
) -> usize {
    // SAFETY: `i` is inside the used part of the block; objects there were written by evacuate.
    unsafe {
        let w = *base.add(i);
        if w & 0b11 == 0 {
            // A header: skip raw words, evacuate term words.
            let h = Header(w);
            let size = h.size();
            let raw = h.subtag().raw_prefix();
            if raw != usize::MAX {
                for k in (1 + raw)..size {
                    let slot = base.add(i + k);
                    *slot = evacuate(spaces, Term(*slot), to, old).0;
                }
            }
            i + size
        } else {
            // A cons cell: two term words.
            let slot = base.add(i);
            *slot = evacuate(spaces, Term(*slot), to, old).0;
            let slot = base.add(i + 1);
            *slot = evacuate(spaces, Term(*slot), to, old).0;
            i + 2
        }
    }
}

#[inline]
fn evacuate(
    spaces: &Spaces,
    t: Term,
    to: &mut Block,
    old: &mut Option<(&mut Block, usize)>,
) -> Term {
    if !(t.is_list() || t.is_boxed()) {
        return t;
    }
    let p = t.ptr();
    let addr = p as usize;
    if !in_ranges(&spaces.from, addr) {
        return t;
    }
    let promote = addr < spaces.promote_below && addr >= spaces.young_start;
    // SAFETY: `p` is a live object in from-space (or already forwarded).
    unsafe {
        if t.is_list() {
            if *p == 0 {
                return Term(*p.add(1));
            }
            let np = alloc_in(to, old, promote, 2);
            *np = *p;
            *np.add(1) = *p.add(1);
            let nt = Term::make_list(np);
            *p = 0;
            *p.add(1) = nt.0;
            return nt;
        }
        let w = *p;
        if w & 0b11 == 0b10 {
            return Term(w); // forwarded
        }
        let size = Header(w).size();
        let np = alloc_in(to, old, promote, size);
        core::ptr::copy_nonoverlapping(p, np, size);
        let nt = Term::make_boxed(np);
        *p = nt.0;
        nt
    }
}

#[inline]
fn alloc_in(
    to: &mut Block,
    old: &mut Option<(&mut Block, usize)>,
    promote: bool,
    words: usize,
) -> *mut u64 {
    if promote {
        if let Some((ob, _)) = old.as_mut() {
            if let Some(p) = ob.bump(words) {
                return p;
            }
        }
    }
    to.bump(words).expect("to-space sized for the worst case")
}

/// Relinks surviving off-heap objects (ProcBins, magic references) and drops the references of
/// dead ones: a dead magic reference's resource goes to the embedder when this was its last.
fn sweep_offheap(off: &mut OffHeap, from: &[(usize, usize)]) {
    let mut p = off.first;
    let mut new = OffHeap::default();
    // SAFETY: the chain links off-heap objects; evacuated ones carry a forwarding pointer in
    // their header and their old copy keeps the link word.
    unsafe {
        while p != 0 {
            let obj = p as *mut u64;
            let next = *obj.add(3) as usize;
            if !in_ranges(from, p) {
                new.push(obj);
            } else if *obj & 0b11 == 0b10 {
                let moved = Term(*obj).ptr();
                new.push(moved);
            } else {
                let h = Header(*obj);
                debug_assert!(
                    h.subtag() == Subtag::RefcBin
                        || (h.subtag() == Subtag::Ref && h.size() == crate::term::MAGIC_REF_SIZE)
                );
                release_offheap(obj, h);
            }
            p = next;
        }
    }
    *off = new;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::{build, Alloc, RefcBinary};
    use alloc::vec;

    fn sample(h: &mut Heap, i: i64) -> Term {
        let big = build::bigint(h, &(num_bigint::BigInt::from(i) << 100));
        let f = build::float(h, i as f64 + 0.5);
        let small_bin = build::binary(h, &[i as u8; 10]);
        let m = build::flatmap(h, &[Term::small(1), Term::small(2)], &[big, f]);
        build::tuple(h, &[Term::small(i), big, f, small_bin, m])
    }

    fn check(t: Term, i: i64) {
        let e = t.tuple().unwrap();
        assert_eq!(e[0], Term::small(i));
        assert_eq!(
            crate::term::number::to_bigint(e[1]).unwrap(),
            num_bigint::BigInt::from(i) << 100
        );
        assert_eq!(e[2].as_float(), Some(i as f64 + 0.5));
        assert_eq!(
            crate::term::bits::BitSlice::of(e[3])
                .unwrap()
                .as_bytes()
                .unwrap(),
            &[i as u8; 10]
        );
        let m = e[4].boxed_terms();
        assert_eq!(m[2], e[1]);
    }

    #[test]
    fn survivors_keep_their_values_through_minor_and_major_collections() {
        let mut h = Heap::new(233);
        let mut list = Term::NIL;
        for i in 0..500 {
            let s = sample(&mut h, i);
            list = build::cons(&mut h, s, list);
            // Garbage between survivors.
            let _ = build::tuple(&mut h, &[Term::small(0); 7]);
        }
        for round in 0..(FULLSWEEP_AFTER as usize + 3) {
            let mut roots = [list];
            collect(&mut h, &mut [&mut roots], 16);
            list = roots[0];
            let mut i = 499;
            for t in list.list_iter() {
                check(t, i);
                i -= 1;
            }
            assert_eq!(i, -1, "round {round}");
            assert!(h.free_words() >= 16);
        }
        assert!(h.major_gcs >= 2 && h.minor_gcs <= FULLSWEEP_AFTER);
    }

    #[test]
    fn garbage_is_reclaimed() {
        let mut h = Heap::new(233);
        for _ in 0..100_000 {
            let _ = build::tuple(&mut h, &[Term::small(1), Term::small(2)]);
        }
        let keep = build::tuple(&mut h, &[Term::small(7)]);
        let mut roots = [keep];
        collect(&mut h, &mut [&mut roots], 0);
        let mut roots2 = roots;
        h.minor_gcs = FULLSWEEP_AFTER;
        collect(&mut h, &mut [&mut roots2], 0);
        assert_eq!(roots2[0].tuple().unwrap(), &[Term::small(7)]);
        assert!(h.used_words() < 64, "{}", h.used_words());
        assert!(h.total_heap_size() < 2000, "{}", h.total_heap_size());
    }

    #[test]
    fn binaries_kept_alive_do_not_keep_a_collection_due() {
        let mut h = Heap::new(233);
        // More than the limit in one binary the process keeps (a large file read once).
        let big = build::binary(&mut h, &vec![1u8; VBIN_LIMIT + 1]);
        assert!(h.needs_gc(0));
        let mut roots = [big];
        collect(&mut h, &mut [&mut roots], 0);
        assert!(
            !h.needs_gc(0),
            "only binaries new since the collection count"
        );
        assert_eq!(roots[0].boxed_words()[0] as usize, VBIN_LIMIT + 1);
        // New ones past the limit make one due again.
        let _more = build::binary(&mut h, &vec![2u8; VBIN_LIMIT + 1]);
        assert!(h.needs_gc(0));
    }

    #[test]
    fn refc_binaries_are_freed_when_unreachable_and_kept_when_live() {
        let mut h = Heap::new(233);
        let data = vec![7u8; 1000];
        let live = build::binary(&mut h, &data);
        let dead = build::binary(&mut h, &data);
        let rb_of = |t: Term| t.boxed_words()[1] as usize as *mut RefcBinary;
        let (rl, rd) = (rb_of(live), rb_of(dead));
        // SAFETY: test-only extra references keep the objects alive to inspect their counts.
        unsafe {
            RefcBinary::inc(rl);
            RefcBinary::inc(rd);
        }
        let mut roots = [live];
        collect(&mut h, &mut [&mut roots], 0);
        // SAFETY: the extra references above keep both alive.
        unsafe {
            assert_eq!((*rl).refc(), 2, "live binary keeps its heap reference");
            assert_eq!((*rd).refc(), 1, "dead binary lost its heap reference");
            RefcBinary::dec(rd);
        }
        assert_eq!(
            crate::term::bits::BitSlice::of(roots[0])
                .unwrap()
                .as_bytes()
                .unwrap(),
            &data[..]
        );
        drop(h);
        // SAFETY: only our extra reference remains.
        unsafe {
            assert_eq!((*rl).refc(), 1);
            RefcBinary::dec(rl);
        }
    }

    #[test]
    fn received_messages_wait_for_a_full_heap() {
        // A message's fragment, as `remove_message` hands it over.
        let message = |i: i64| {
            let mut a = crate::heap::Arena::with_capacity(3);
            let t = build::tuple(&mut a, &[Term::small(i), Term::small(i * 2)]);
            (t, a)
        };
        let mut h = Heap::new(233);
        let mut kept = Vec::new();
        for i in 0..10 {
            let (t, frag) = message(i);
            h.adopt(frag);
            kept.push(t);
            assert!(!h.needs_gc(0), "message {i} alone forced a collection");
        }
        // The heap cannot take what the fragments hold plus the request: collect.
        assert_eq!(h.fragment_words, 30);
        assert!(!h.needs_gc(h.free_words() - 30));
        assert!(h.needs_gc(h.free_words() - 30 + 1));
        // Many fragments force it too (a collection tells them apart one by one).
        for i in 10..40 {
            let (t, frag) = message(i);
            h.adopt(frag);
            kept.push(t);
        }
        assert!(
            h.fragment_words < h.free_words(),
            "the count alone must force it"
        );
        assert!(h.needs_gc(0));
        collect(&mut h, &mut [&mut kept[..]], 0);
        assert!(!h.needs_gc(0) && h.fragments.is_empty());
        for (i, t) in kept.iter().enumerate() {
            let i = i as i64;
            assert_eq!(t.tuple(), Some(&[Term::small(i), Term::small(2 * i)][..]));
        }
        // erlang:garbage_collect/0 still makes one due at once.
        h.request_gc();
        assert!(h.needs_gc(0));
        collect(&mut h, &mut [&mut kept[..]], 0);
        assert!(!h.needs_gc(0));
    }

    #[test]
    fn fragments_are_folded_in() {
        let mut h = Heap::new(233);
        let mut list = Term::NIL;
        for i in 0..2000 {
            list = build::cons(&mut h, Term::small(i), list);
        }
        assert!(!h.fragments.is_empty());
        let p = h.alloc(1);
        assert!(!p.is_null());
        let mut roots = [list];
        collect(&mut h, &mut [&mut roots], 0);
        assert!(h.fragments.is_empty());
        assert_eq!(roots[0].list_length(), Some(2000));
    }
}
