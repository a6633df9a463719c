//! Process heaps, heap fragments, literal areas and reference-counted binaries.
//!
//! Everything that holds terms allocates through [`Alloc`]: a process [`Heap`] (young generation,
//! old generation and heap fragments), or an [`Arena`] (a module's literal area, or a message's
//! own fragment). Allocation never fails and never collects: when the young heap is full the words
//! come from a fresh heap fragment, which the next collection at a safe point folds back in.
//! This is what lets native functions allocate freely without knowing the live registers.
//!
//! Off-heap objects (a [`RefcBinary`] behind each ProcBin, a [`Resource`] behind each magic
//! reference) are counted by the small heap objects that point to them; every area keeps those
//! on its [`OffHeap`] chain, so a collection or the area's end drops exactly the dead ones.

pub mod build;
pub mod copy;
pub mod gc;

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::cell::{Cell, UnsafeCell};
use core::mem::MaybeUninit;

use crate::term::{Header, Subtag, Term};

/// A contiguous block of words with a bump pointer.
///
/// The words start uninitialised: nothing reads a block above `top`, and everything below it
/// was written by whoever bumped it, so zeroing every new heap and message fragment would be
/// wasted work.
pub struct Block {
    mem: Box<[MaybeUninit<u64>]>,
    top: usize,
}

impl Block {
    pub fn new(words: usize) -> Block {
        Block {
            mem: (0..words).map(|_| MaybeUninit::uninit()).collect(),
            top: 0,
        }
    }
    #[inline(always)]
    pub fn free(&self) -> usize {
        self.mem.len() - self.top
    }
    #[inline(always)]
    pub fn used(&self) -> usize {
        self.top
    }
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.mem.len()
    }
    #[inline(always)]
    fn bump(&mut self, words: usize) -> Option<*mut u64> {
        if self.free() >= words {
            // SAFETY: top + words <= len, so the pointer stays inside the block.
            let p = unsafe { self.mem.as_mut_ptr().add(self.top) }.cast::<u64>();
            self.top += words;
            Some(p)
        } else {
            None
        }
    }
    /// Address range `[start, end)` of the used part.
    #[inline]
    pub fn range(&self) -> (usize, usize) {
        let s = self.mem.as_ptr() as usize;
        (s, s + self.top * 8)
    }
    #[inline]
    pub fn contains(&self, addr: usize) -> bool {
        let s = self.mem.as_ptr() as usize;
        addr >= s && addr < s + self.mem.len() * 8
    }
    pub fn start_ptr(&mut self) -> *mut u64 {
        self.mem.as_mut_ptr().cast()
    }
    /// Empties the block for reuse (its old words are never read again).
    pub fn reset(&mut self) {
        self.top = 0;
    }
}

/// Where terms can be built.
pub trait Alloc {
    /// `words` fresh words; never fails (may spill into a new fragment).
    fn alloc(&mut self, words: usize) -> *mut u64;
    /// Registers a freshly built off-heap object (a ProcBin or a magic reference at `obj`) on this
    /// area's off-heap list.
    ///
    /// # Safety
    /// `obj` must point to a ProcBin or magic reference just built in this area.
    unsafe fn link_offheap(&mut self, obj: *mut u64);
}

/// Any [`Alloc`] behind one concrete type: large builders that are not hot (the external term
/// decoder) are compiled once instead of once per area type, which keeps the wasm small.
pub struct DynAlloc<'a>(pub &'a mut dyn Alloc);

impl Alloc for DynAlloc<'_> {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        self.0.alloc(words)
    }
    unsafe fn link_offheap(&mut self, obj: *mut u64) {
        // SAFETY: the caller's guarantee for `obj`, passed on to the same area.
        unsafe { self.0.link_offheap(obj) }
    }
}

/// The shared part of a binary larger than [`crate::term::HEAP_BIN_LIMIT`] bytes.
///
/// Counted by the ProcBins that point to it; freed when the last one is swept by a collection
/// or dropped with its heap. `data` may have spare capacity so `<<Acc/binary, ...>>` appends in
/// place when the appended-to ProcBin still ends where the data ends.
pub struct RefcBinary {
    refc: Cell<usize>,
    data: UnsafeCell<Vec<u8>>,
    /// For a writable binary (made by the bit-syntax append path): how many bits of `data` some
    /// term already covers, so an append may only write in place at exactly this point.
    /// `usize::MAX` marks a binary that is never appended to in place.
    used_bits: Cell<usize>,
}

impl RefcBinary {
    /// A new binary with one reference, returned as a raw pointer owned by that reference.
    pub fn new_raw(data: Vec<u8>) -> *mut RefcBinary {
        Box::into_raw(Box::new(RefcBinary {
            refc: Cell::new(1),
            data: UnsafeCell::new(data),
            used_bits: Cell::new(usize::MAX),
        }))
    }
    /// A writable binary (in-place appends allowed at `used_bits`), with one reference.
    pub fn new_writable_raw(data: Vec<u8>, used_bits: usize) -> *mut RefcBinary {
        debug_assert!(used_bits <= data.len() * 8);
        Box::into_raw(Box::new(RefcBinary {
            refc: Cell::new(1),
            data: UnsafeCell::new(data),
            used_bits: Cell::new(used_bits),
        }))
    }
    /// The append point of a writable binary; `None` when it is not writable.
    #[inline]
    pub fn used_bits(&self) -> Option<usize> {
        match self.used_bits.get() {
            usize::MAX => None,
            n => Some(n),
        }
    }
    /// Moves the append point of a writable binary (after an in-place append).
    #[inline]
    pub fn set_used_bits(&self, bits: usize) {
        debug_assert!(self.used_bits.get() != usize::MAX);
        self.used_bits.set(bits);
    }
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: mutation only happens through `data_mut`, whose caller holds no such slice.
        unsafe { &*self.data.get() }
    }
    /// Mutable data, for in-place appends by the one ProcBin allowed to extend it.
    ///
    /// # Safety
    /// No slice of these bytes may be alive across the call (appends may reallocate).
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn data_mut(&self) -> &mut Vec<u8> {
        // SAFETY: single-threaded; the caller guarantees no outstanding borrow of `data`.
        unsafe { &mut *self.data.get() }
    }
    pub fn refc(&self) -> usize {
        self.refc.get()
    }
    /// # Safety
    /// `p` must point to a live RefcBinary.
    pub unsafe fn inc(p: *const RefcBinary) {
        // SAFETY: caller guarantees liveness.
        unsafe { (*p).refc.set((*p).refc.get() + 1) }
    }
    /// Drops one reference, freeing the binary with the last.
    ///
    /// # Safety
    /// `p` must point to a live RefcBinary and the caller must own one of its references.
    pub unsafe fn dec(p: *mut RefcBinary) {
        // SAFETY: caller owns a reference, so the object is live.
        unsafe {
            let n = (*p).refc.get() - 1;
            (*p).refc.set(n);
            if n == 0 {
                drop(Box::from_raw(p));
            }
        }
    }
}

/// Where to tell the embedder that a resource died: a queue of resource ids, shared between
/// the embedder and every [`Resource`] it made (see [`crate::resource::Releases`]).
pub type ReleaseQueue = alloc::rc::Rc<core::cell::RefCell<Vec<u64>>>;

/// The shared part of a resource (ERTS's magic binary): an embedder's object, known here only by
/// its id, that Erlang holds through magic references.
///
/// Counted by the magic references that point to it, like a [`RefcBinary`]; when the last one is
/// swept by a collection or dropped with its area, the id goes on the release queue so the
/// embedder can drop its object.
pub struct Resource {
    refc: Cell<usize>,
    id: u64,
    releases: ReleaseQueue,
}

impl Resource {
    /// A new resource with one reference, returned as a raw pointer owned by that reference.
    pub fn new_raw(id: u64, releases: ReleaseQueue) -> *mut Resource {
        Box::into_raw(Box::new(Resource {
            refc: Cell::new(1),
            id,
            releases,
        }))
    }
    /// The embedder's id.
    #[inline]
    pub fn id(&self) -> u64 {
        self.id
    }
    /// How many magic references (in any area) point here.
    pub fn refc(&self) -> usize {
        self.refc.get()
    }
    /// # Safety
    /// `p` must point to a live Resource.
    pub unsafe fn inc(p: *const Resource) {
        // SAFETY: caller guarantees liveness.
        unsafe { (*p).refc.set((*p).refc.get() + 1) }
    }
    /// Drops one reference; the last queues the id for the embedder and frees the resource.
    ///
    /// # Safety
    /// `p` must point to a live Resource and the caller must own one of its references.
    pub unsafe fn dec(p: *mut Resource) {
        // SAFETY: caller owns a reference, so the object is live; with the last one gone nothing
        // else points to it and the box can be freed.
        unsafe {
            let n = (*p).refc.get() - 1;
            (*p).refc.set(n);
            if n == 0 {
                let r = Box::from_raw(p);
                r.releases.borrow_mut().push(r.id);
            }
        }
    }
}

/// Drops the reference held by the off-heap object at `obj`, whose header is `h` (read from the
/// object, or from its copy when a collection has forwarded it).
///
/// # Safety
/// `obj` must be a ProcBin or magic reference on some chain, and its reference is given up.
pub(crate) unsafe fn release_offheap(obj: *mut u64, h: Header) {
    // SAFETY: guaranteed by the caller; the pointer word of each kind is the one built in build.rs.
    unsafe {
        if h.subtag() == Subtag::RefcBin {
            RefcBinary::dec(*obj.add(2) as usize as *mut RefcBinary);
        } else {
            debug_assert_eq!(h.size(), crate::term::MAGIC_REF_SIZE);
            Resource::dec(*obj.add(4) as usize as *mut Resource);
        }
    }
}

/// The chain of off-heap objects (ProcBins and magic references) living in one area, linked
/// through the word at index 3 of each (the same word in both layouts).
#[derive(Default)]
pub struct OffHeap {
    pub first: usize,
    /// Bytes of refc binaries referenced from here since the heap's last collection (drives the
    /// virtual-binary-heap GC trigger, [`super::gc::VBIN_LIMIT`]).
    pub bin_bytes: usize,
}

impl OffHeap {
    /// Links a ProcBin or magic reference into the chain.
    ///
    /// # Safety
    /// `obj` must point to a live ProcBin (`RefcBin` object, 4 words) or magic reference (5 words)
    /// of this area.
    pub unsafe fn push(&mut self, obj: *mut u64) {
        // SAFETY: guaranteed by the caller.
        unsafe {
            *obj.add(3) = self.first as u64;
            if Header(*obj).subtag() == Subtag::RefcBin {
                self.bin_bytes += *obj.add(1) as usize;
            }
        }
        self.first = obj as usize;
    }
    /// Drops the references of every object on the chain.
    pub fn release_all(&mut self) {
        let mut p = self.first;
        while p != 0 {
            // SAFETY: the chain only links live off-heap objects of this area, headers intact.
            unsafe {
                let obj = p as *mut u64;
                p = *obj.add(3) as usize;
                release_offheap(obj, Header(*obj));
            }
        }
        self.first = 0;
        self.bin_bytes = 0;
    }
    /// Appends another chain (e.g. a received message's fragment) to this one.
    pub fn append(&mut self, other: &mut OffHeap) {
        if other.first == 0 {
            return;
        }
        let mut p = other.first;
        // SAFETY: walking a chain of live off-heap objects to its end, then linking.
        unsafe {
            loop {
                let next = *(p as *mut u64).add(3) as usize;
                if next == 0 {
                    break;
                }
                p = next;
            }
            *(p as *mut u64).add(3) = self.first as u64;
        }
        self.first = other.first;
        self.bin_bytes += other.bin_bytes;
        other.first = 0;
        other.bin_bytes = 0;
    }
}

/// A growable set of blocks: a module's literal area or a message fragment. Never collected.
pub struct Arena {
    /// The block being filled.
    cur: Block,
    /// Earlier, full blocks: none for a message fragment, which is sized to fit its term (so a
    /// message costs one allocation, not two).
    full: Vec<Block>,
    pub offheap: OffHeap,
}

impl Arena {
    pub fn with_capacity(words: usize) -> Arena {
        Arena {
            cur: Block::new(words.max(1)),
            full: Vec::new(),
            offheap: OffHeap::default(),
        }
    }
    pub fn new() -> Arena {
        Arena::with_capacity(64)
    }
    pub fn words(&self) -> usize {
        self.cur.used() + self.full.iter().map(|b| b.used()).sum::<usize>()
    }
    pub fn contains(&self, addr: usize) -> bool {
        self.cur.contains(addr) || self.full.iter().any(|b| b.contains(addr))
    }
    /// Hands the blocks over (to become heap fragments of the receiving process).
    fn into_parts(mut self) -> (Block, Vec<Block>, OffHeap) {
        let cur = core::mem::replace(&mut self.cur, Block::new(0));
        let full = core::mem::take(&mut self.full);
        let off = core::mem::take(&mut self.offheap);
        (cur, full, off)
    }
}

impl Default for Arena {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        self.offheap.release_all();
    }
}

impl Alloc for Arena {
    fn alloc(&mut self, words: usize) -> *mut u64 {
        if let Some(p) = self.cur.bump(words) {
            return p;
        }
        let cap = self.cur.capacity().max(32);
        let mut b = Block::new(words.max(cap * 2).min(words.max(1 << 16)));
        let p = b.bump(words).expect("fresh block fits");
        let old = core::mem::replace(&mut self.cur, b);
        self.full.push(old);
        p
    }
    unsafe fn link_offheap(&mut self, obj: *mut u64) {
        // SAFETY: guaranteed by the caller.
        unsafe { self.offheap.push(obj) };
    }
}

/// Heap fragments a process keeps before a collection folds them in.
const MAX_FRAGMENTS: usize = 16;

/// Default minimum young-heap size in words (ERTS's 233; `+hms` changes a VM's default).
pub const MIN_HEAP_SIZE: usize = 233;
/// The smallest heap a process can have (ERTS's first heap size).
pub const SMALLEST_HEAP_SIZE: usize = 12;

/// A process heap: the young generation, the old generation and the fragments allocated since
/// the last collection.
pub struct Heap {
    pub(crate) young: Block,
    pub(crate) old: Option<Block>,
    pub(crate) fragments: Vec<Block>,
    pub(crate) offheap: OffHeap,
    /// Words of young heap already alive at the previous collection (ERTS's high-water mark).
    pub(crate) high_water: usize,
    pub(crate) min_heap_size: usize,
    /// Words allocated in fragments since the last collection.
    pub(crate) fragment_words: usize,
    /// A collection is due: asked for (`request_gc`), or the fragments are many.
    pub(crate) gc_due: bool,
    pub minor_gcs: u32,
    pub major_gcs: u32,
    /// The previous young block of a large heap, kept to be the next collection's to-space (a
    /// fresh large block would cost page faults on every collection).
    pub(crate) spare: Option<Block>,
}

impl Heap {
    pub fn new(min_heap_size: usize) -> Heap {
        let size = gc::next_heap_size(min_heap_size.max(SMALLEST_HEAP_SIZE));
        Heap {
            young: Block::new(size),
            old: None,
            fragments: Vec::new(),
            offheap: OffHeap::default(),
            high_water: 0,
            min_heap_size: size,
            fragment_words: 0,
            gc_due: false,
            minor_gcs: 0,
            major_gcs: 0,
            spare: None,
        }
    }

    /// Free words left on the young heap (fragments not counted).
    #[inline(always)]
    pub fn free_words(&self) -> usize {
        self.young.free()
    }

    /// True when a collection at the next safe point is due before `need` more words: when the
    /// young heap cannot take them plus the fragments (received messages wait in their fragments
    /// until the heap would be full with them in it, as if they had been copied onto it), when
    /// the fragments are many (a collection tells them apart one by one), or when asked for.
    #[inline(always)]
    pub fn needs_gc(&self, need: usize) -> bool {
        self.young.free() < need + self.fragment_words
            || self.gc_due
            || self.offheap.bin_bytes > gc::VBIN_LIMIT
    }

    /// True when words were allocated since the last collection.
    #[inline]
    pub fn allocated_since_gc(&self) -> bool {
        self.young.used() > self.high_water || !self.fragments.is_empty()
    }

    /// Makes a major collection due at the next safe point (`erlang:garbage_collect/0`).
    pub fn request_gc(&mut self) {
        self.minor_gcs = gc::FULLSWEEP_AFTER;
        self.gc_due = true;
    }

    pub fn min_heap_size(&self) -> usize {
        self.min_heap_size
    }
    /// Sets the smallest young heap a collection may shrink to.
    pub fn set_min_heap_size(&mut self, words: usize) {
        self.min_heap_size = gc::next_heap_size(words.max(SMALLEST_HEAP_SIZE));
    }

    /// Words of the young heap, old heap and fragments (the `heap_size` of `process_info`).
    pub fn heap_size(&self) -> usize {
        self.young.capacity() + self.fragment_words
    }
    pub fn total_heap_size(&self) -> usize {
        self.heap_size() + self.old.as_ref().map(|b| b.capacity()).unwrap_or(0)
    }
    pub fn used_words(&self) -> usize {
        self.young.used() + self.fragment_words + self.old.as_ref().map(|b| b.used()).unwrap_or(0)
    }

    /// Takes over a received message's fragment: its blocks and off-heap chain.
    pub fn adopt(&mut self, frag: Arena) {
        let (cur, full, mut off) = frag.into_parts();
        for b in full {
            self.add_fragment(b);
        }
        self.add_fragment(cur);
        self.offheap.append(&mut off);
    }

    /// Counts a block's words as fragment words and makes a collection due once they are many.
    fn add_fragment(&mut self, b: Block) {
        self.fragment_words += b.used();
        self.fragments.push(b);
        self.gc_due |= self.fragments.len() > MAX_FRAGMENTS;
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        self.offheap.release_all();
    }
}

impl Alloc for Heap {
    #[inline(always)]
    fn alloc(&mut self, words: usize) -> *mut u64 {
        if let Some(p) = self.young.bump(words) {
            return p;
        }
        self.alloc_fragment(words)
    }
    unsafe fn link_offheap(&mut self, obj: *mut u64) {
        // SAFETY: guaranteed by the caller.
        unsafe { self.offheap.push(obj) };
    }
}

impl Heap {
    #[cold]
    fn alloc_fragment(&mut self, words: usize) -> *mut u64 {
        if let Some(p) = self.fragments.last_mut().and_then(|b| b.bump(words)) {
            self.fragment_words += words;
            return p;
        }
        let mut b = Block::new(words.max(self.young.capacity() / 4).max(256));
        let p = b.bump(words).expect("fresh fragment fits");
        self.add_fragment(b);
        p
    }
}

/// Writes a header at `p`.
///
/// # Safety
/// `p` must point to at least one writable word.
#[inline(always)]
pub unsafe fn write_header(p: *mut u64, subtag: Subtag, arity: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe { *p = Header::new(subtag, arity).0 }
}

/// A term's heap words live in one of these ranges during a collection.
pub(crate) fn in_ranges(ranges: &[(usize, usize)], addr: usize) -> bool {
    // Few ranges in practice (young block + a handful of fragments).
    ranges.iter().any(|&(s, e)| addr >= s && addr < e)
}

#[allow(dead_code)]
pub(crate) fn _assert_term_size() {
    const _: () = assert!(core::mem::size_of::<Term>() == 8);
}
