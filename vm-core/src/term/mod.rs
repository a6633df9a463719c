//! The tagged term word, laid out the way ERTS lays it out (`erl_term.h`), on every target.
//!
//! A term is one `u64`. The two low bits are the primary tag:
//!
//! | bits  | meaning |
//! |-------|---------|
//! | `00`  | header word (only inside a boxed object) — or, on the stack, a continuation pointer |
//! | `01`  | list: pointer to a cons cell (two words: head, tail) |
//! | `10`  | boxed: pointer to a header word followed by the object's words |
//! | `11`  | immediate: small integer, atom, nil, local pid/port, catch tag |
//!
//! Immediates use four (`IMMED1`) or six (`IMMED2`) low bits as tag. Pointers are at least 8-byte
//! aligned on every target, so the tag bits are free; on wasm32 the pointer simply uses the low half.
//!
//! Terms that point into a process heap are only valid until that heap's next garbage collection.
//! The accessors here therefore hand out slices whose lifetime is tied to a borrow of the `Term`
//! value itself, which keeps them from being stored across a safe point by accident.

pub mod bits;
pub mod boxed;
pub mod display;
pub mod float_fmt;
pub mod hash;
pub mod map;
pub mod number;
pub mod order;

pub use boxed::*;

use core::fmt;

/// One Erlang term.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Term(pub u64);

pub const TAG_PRIMARY_MASK: u64 = 0b11;
pub const TAG_PRIMARY_HEADER: u64 = 0b00;
pub const TAG_PRIMARY_LIST: u64 = 0b01;
pub const TAG_PRIMARY_BOXED: u64 = 0b10;
pub const TAG_PRIMARY_IMMED1: u64 = 0b11;

pub const TAG_IMMED1_MASK: u64 = 0b1111;
pub const TAG_IMMED1_PID: u64 = 0b0011;
/// Bits of a local pid's number that index the process table (the rest is the serial).
pub const PID_INDEX_BITS: u32 = 22;
pub const TAG_IMMED1_PORT: u64 = 0b0111;
pub const TAG_IMMED1_IMMED2: u64 = 0b1011;
pub const TAG_IMMED1_SMALL: u64 = 0b1111;

pub const TAG_IMMED2_MASK: u64 = 0b11_1111;
pub const TAG_IMMED2_ATOM: u64 = 0b00_1011;
pub const TAG_IMMED2_CATCH: u64 = 0b01_1011;
pub const TAG_IMMED2_NIL: u64 = 0b11_1011;

/// Small integers carry 60 bits of signed value.
pub const SMALL_BITS: u32 = 60;
pub const MAX_SMALL: i64 = (1i64 << (SMALL_BITS - 1)) - 1;
pub const MIN_SMALL: i64 = -(1i64 << (SMALL_BITS - 1));

impl Term {
    /// The "no value" marker (never a valid term): used for unset registers and as a sentinel.
    pub const NON_VALUE: Term = Term(0);
    pub const NIL: Term = Term(TAG_IMMED2_NIL);

    #[inline(always)]
    pub const fn raw(self) -> u64 {
        self.0
    }
    #[inline(always)]
    pub const fn is_non_value(self) -> bool {
        self.0 == 0
    }
    #[inline(always)]
    pub const fn is_value(self) -> bool {
        self.0 != 0
    }

    // ---- small integers ------------------------------------------------------------------
    #[inline(always)]
    pub const fn small(v: i64) -> Term {
        Term(((v as u64) << 4) | TAG_IMMED1_SMALL)
    }
    #[inline(always)]
    pub const fn fits_small(v: i64) -> bool {
        v >= MIN_SMALL && v <= MAX_SMALL
    }
    #[inline(always)]
    pub const fn is_small(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_SMALL
    }
    /// The value of a small integer (meaningless for other terms; check `is_small` first).
    #[inline(always)]
    pub const fn small_value(self) -> i64 {
        (self.0 as i64) >> 4
    }
    /// `self + by` on the tagged word, for a small `self` and a `by` whose shifted form fits a
    /// word (any small): the tag bits add to themselves plus zero, and the sum leaves `i64`
    /// exactly when it leaves the small range. `None` for a non-small or on overflow.
    #[inline(always)]
    pub fn small_add(self, by: i64) -> Option<Term> {
        if !self.is_small() {
            return None;
        }
        (self.0 as i64).checked_add(by << 4).map(|r| Term(r as u64))
    }
    /// `self + b` for two smalls, on the tagged words (see [`Term::small_add`]).
    #[inline(always)]
    pub fn small_plus(self, b: Term) -> Option<Term> {
        if !b.is_small() {
            return None;
        }
        self.small_add(b.small_value())
    }
    /// `self - b` for two smalls, on the tagged words (not `small_add` of `-b`: the negation of
    /// the smallest small does not fit a small).
    #[inline(always)]
    pub fn small_minus(self, b: Term) -> Option<Term> {
        if !(self.is_small() && b.is_small()) {
            return None;
        }
        (self.0 as i64)
            .checked_sub((b.0 & !TAG_IMMED1_MASK) as i64)
            .map(|r| Term(r as u64))
    }
    #[inline(always)]
    pub fn as_small(self) -> Option<i64> {
        if self.is_small() {
            Some(self.small_value())
        } else {
            None
        }
    }
    /// A non-negative small that fits in usize.
    #[inline]
    pub fn as_usize(self) -> Option<usize> {
        match self.as_small() {
            Some(v) if v >= 0 => Some(v as usize),
            _ => None,
        }
    }

    // ---- atoms ---------------------------------------------------------------------------
    #[inline(always)]
    pub const fn atom(index: u32) -> Term {
        Term(((index as u64) << 6) | TAG_IMMED2_ATOM)
    }
    #[inline(always)]
    pub const fn is_atom(self) -> bool {
        self.0 & TAG_IMMED2_MASK == TAG_IMMED2_ATOM
    }
    #[inline(always)]
    pub const fn atom_index(self) -> u32 {
        (self.0 >> 6) as u32
    }
    #[inline(always)]
    pub fn as_atom(self) -> Option<u32> {
        if self.is_atom() {
            Some(self.atom_index())
        } else {
            None
        }
    }
    #[inline(always)]
    pub const fn bool(b: bool) -> Term {
        if b {
            crate::atom::TRUE
        } else {
            crate::atom::FALSE
        }
    }
    #[inline]
    pub fn is_boolean(self) -> bool {
        self == crate::atom::TRUE || self == crate::atom::FALSE
    }

    // ---- nil, pids, ports, catch tags ----------------------------------------------------
    #[inline(always)]
    pub const fn is_nil(self) -> bool {
        self.0 == TAG_IMMED2_NIL
    }
    #[inline(always)]
    pub const fn pid(number: u64) -> Term {
        Term((number << 4) | TAG_IMMED1_PID)
    }
    #[inline(always)]
    pub const fn is_local_pid(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_PID
    }
    #[inline(always)]
    pub const fn pid_number(self) -> u64 {
        self.0 >> 4
    }
    /// A local pid from its process-table index and serial (shown as `<0.Index.Serial>`).
    #[inline(always)]
    pub const fn pid_of(index: u32, serial: u32) -> Term {
        Term::pid(index as u64 | ((serial as u64) << PID_INDEX_BITS))
    }
    /// The process-table index of a local pid.
    #[inline(always)]
    pub const fn pid_index(self) -> u32 {
        (self.pid_number() & ((1 << PID_INDEX_BITS) - 1)) as u32
    }
    /// The serial of a local pid (bumped each time a table slot is reused).
    #[inline(always)]
    pub const fn pid_serial(self) -> u32 {
        (self.pid_number() >> PID_INDEX_BITS) as u32
    }
    /// The three numbers of a local reference.
    pub fn ref_numbers(self) -> Option<[u32; 3]> {
        if self.subtag() != Some(Subtag::Ref) {
            return None;
        }
        let w = self.boxed_words();
        Some([w[0] as u32, (w[0] >> 32) as u32, w[1] as u32])
    }
    /// True for a magic reference: a reference standing for a resource ([`crate::resource`]).
    #[inline]
    pub fn is_magic_ref(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == Subtag::Ref && h.size() == MAGIC_REF_SIZE)
    }
    /// The resource a magic reference stands for.
    #[inline]
    pub fn resource(&self) -> Option<&crate::heap::Resource> {
        if !self.is_magic_ref() {
            return None;
        }
        let p = self.boxed_words()[3] as usize as *const crate::heap::Resource;
        // SAFETY: a magic reference owns one counted reference to its resource, so the resource
        // lives at least as long as this term (whose borrow bounds the returned one).
        Some(unsafe { &*p })
    }
    #[inline(always)]
    pub const fn port(number: u32) -> Term {
        Term(((number as u64) << 4) | TAG_IMMED1_PORT)
    }
    #[inline(always)]
    pub const fn is_local_port(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_PORT
    }
    /// A catch tag stored in a Y slot by `catch`/`try`: indexes the process's catch table.
    #[inline(always)]
    pub const fn catch_tag(index: u32) -> Term {
        Term(((index as u64) << 6) | TAG_IMMED2_CATCH)
    }
    #[inline(always)]
    pub const fn is_catch(self) -> bool {
        self.0 & TAG_IMMED2_MASK == TAG_IMMED2_CATCH
    }
    #[inline(always)]
    pub const fn catch_index(self) -> u32 {
        (self.0 >> 6) as u32
    }

    // ---- pointers ------------------------------------------------------------------------
    #[inline(always)]
    pub const fn primary_tag(self) -> u64 {
        self.0 & TAG_PRIMARY_MASK
    }
    #[inline(always)]
    pub const fn is_immediate(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_IMMED1
    }
    #[inline(always)]
    pub const fn is_list(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_LIST
    }
    /// A cons cell or `[]`.
    #[inline(always)]
    pub const fn is_list_or_nil(self) -> bool {
        self.is_list() || self.is_nil()
    }
    #[inline(always)]
    pub const fn is_boxed(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_BOXED
    }
    /// Builds a list term from a pointer to a cons cell.
    #[inline(always)]
    pub fn make_list(ptr: *const u64) -> Term {
        Term(ptr as usize as u64 | TAG_PRIMARY_LIST)
    }
    /// Builds a boxed term from a pointer to a header word.
    #[inline(always)]
    pub fn make_boxed(ptr: *const u64) -> Term {
        Term(ptr as usize as u64 | TAG_PRIMARY_BOXED)
    }
    /// The address a list or boxed term points to.
    #[inline(always)]
    pub fn ptr(self) -> *mut u64 {
        (self.0 & !TAG_PRIMARY_MASK) as usize as *mut u64
    }

    /// Head and tail of a cons cell.
    #[inline(always)]
    pub fn cons(&self) -> Option<(Term, Term)> {
        if self.is_list() {
            // SAFETY: a list-tagged term always points to a live two-word cons cell (heap invariant).
            unsafe {
                let p = self.ptr();
                Some((Term(*p), Term(*p.add(1))))
            }
        } else {
            None
        }
    }
    /// The header word of a boxed term.
    #[inline(always)]
    pub fn header(&self) -> Option<Header> {
        if self.is_boxed() {
            // SAFETY: a boxed term always points to a live header word (heap invariant).
            Some(Header(unsafe { *self.ptr() }))
        } else {
            None
        }
    }
    /// The words of a boxed object after its header, `arity` of them.
    #[inline(always)]
    pub fn boxed_words(&self) -> &[u64] {
        debug_assert!(self.is_boxed());
        // SAFETY: the header says how many words follow and the object is live (heap invariant).
        unsafe {
            let p = self.ptr();
            let n = Header(*p).arity();
            core::slice::from_raw_parts(p.add(1), n)
        }
    }
    /// Same as [`Term::boxed_words`], seen as terms.
    #[inline(always)]
    pub fn boxed_terms(&self) -> &[Term] {
        let w = self.boxed_words();
        // SAFETY: Term is repr(transparent) over u64.
        unsafe { core::slice::from_raw_parts(w.as_ptr() as *const Term, w.len()) }
    }
    #[inline(always)]
    pub fn subtag(self) -> Option<Subtag> {
        self.header().map(|h| h.subtag())
    }

    // ---- tuples --------------------------------------------------------------------------
    #[inline(always)]
    pub fn is_tuple(self) -> bool {
        matches!(self.subtag(), Some(Subtag::Tuple))
    }
    /// The elements of a tuple.
    #[inline(always)]
    pub fn tuple(&self) -> Option<&[Term]> {
        match self.header() {
            Some(h) if h.subtag() == Subtag::Tuple => Some(self.boxed_terms()),
            _ => None,
        }
    }
    /// Mutable view of a tuple: only for objects this process has just built (`set_tuple_element`).
    #[allow(clippy::mut_from_ref)]
    pub fn tuple_mut(&self) -> Option<&mut [Term]> {
        match self.header() {
            Some(h) if h.subtag() == Subtag::Tuple => {
                // SAFETY: callers only mutate tuples they created and that no other term shares yet.
                unsafe {
                    let p = self.ptr().add(1) as *mut Term;
                    Some(core::slice::from_raw_parts_mut(p, h.arity()))
                }
            }
            _ => None,
        }
    }

    // ---- numbers -------------------------------------------------------------------------
    #[inline(always)]
    pub fn is_float(self) -> bool {
        matches!(self.subtag(), Some(Subtag::Float))
    }
    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        match self.header() {
            Some(h) if h.subtag() == Subtag::Float => Some(f64::from_bits(self.boxed_words()[0])),
            _ => None,
        }
    }
    #[inline(always)]
    pub fn is_bignum(self) -> bool {
        matches!(self.subtag(), Some(Subtag::PosBig | Subtag::NegBig))
    }
    #[inline(always)]
    pub fn is_integer(self) -> bool {
        self.is_small() || self.is_bignum()
    }
    #[inline(always)]
    pub fn is_number(self) -> bool {
        self.is_small()
            || matches!(
                self.subtag(),
                Some(Subtag::PosBig | Subtag::NegBig | Subtag::Float)
            )
    }

    // ---- other boxed kinds ---------------------------------------------------------------
    #[inline]
    pub fn is_map(self) -> bool {
        map::is_map(self)
    }
    #[inline]
    pub fn is_fun(self) -> bool {
        matches!(self.subtag(), Some(Subtag::Fun | Subtag::Export))
    }
    #[inline]
    pub fn is_ref(self) -> bool {
        matches!(self.subtag(), Some(Subtag::Ref | Subtag::ExternalRef))
    }
    #[inline]
    pub fn is_pid(self) -> bool {
        self.is_local_pid() || matches!(self.subtag(), Some(Subtag::ExternalPid))
    }
    #[inline]
    pub fn is_port(self) -> bool {
        self.is_local_port() || matches!(self.subtag(), Some(Subtag::ExternalPort))
    }
    /// Any bitstring (binary or not), excluding match contexts.
    #[inline]
    pub fn is_bitstring(self) -> bool {
        matches!(
            self.subtag(),
            Some(Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin)
        )
    }
    /// A bitstring whose size is a whole number of bytes.
    #[inline]
    pub fn is_binary(self) -> bool {
        match bits::BitSlice::of(self) {
            Some(s) => s.bit_len % 8 == 0,
            None => false,
        }
    }

    /// Collects a proper list into a Vec; `None` for improper lists and non-lists.
    pub fn list_to_vec(self) -> Option<alloc::vec::Vec<Term>> {
        let mut out = alloc::vec::Vec::new();
        let mut t = self;
        loop {
            if t.is_nil() {
                return Some(out);
            }
            let (h, tl) = t.cons()?;
            out.push(h);
            t = tl;
        }
    }
    /// Length of a proper list; `None` when improper.
    pub fn list_length(self) -> Option<usize> {
        let mut n = 0;
        let mut t = self;
        loop {
            if t.is_nil() {
                return Some(n);
            }
            let (_, tl) = t.cons()?;
            n += 1;
            t = tl;
        }
    }
    /// Iterates the elements of a list (stopping at the first non-cons tail).
    pub fn list_iter(self) -> ListIter {
        ListIter { rest: self }
    }
}

/// Iterator over the heads of a list; `tail()` gives what remained (nil for a proper list).
pub struct ListIter {
    rest: Term,
}

impl ListIter {
    pub fn tail(&self) -> Term {
        self.rest
    }
}

impl Iterator for ListIter {
    type Item = Term;
    #[inline]
    fn next(&mut self) -> Option<Term> {
        let (h, t) = self.rest.cons()?;
        self.rest = t;
        Some(h)
    }
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_non_value() {
            return write!(f, "<non-value>");
        }
        if let Some(v) = self.as_small() {
            return write!(f, "{v}");
        }
        if let Some(a) = self.as_atom() {
            return write!(f, "atom#{a}");
        }
        if self.is_nil() {
            return write!(f, "[]");
        }
        write!(f, "Term({:#x})", self.0)
    }
}
