//! Header words and the layout of every boxed object.
//!
//! A header is `arity << 6 | subtag << 2 | 0b00`; `arity` counts the words that follow it. Each
//! object is laid out as some raw (non-term) words followed by term words, so the collector only
//! needs [`Subtag::raw_prefix`] to know what to scan.
//!
//! | subtag      | words after the header |
//! |-------------|------------------------|
//! | `Tuple`     | elements |
//! | `PosBig`/`NegBig` | magnitude limbs, least significant first (raw) |
//! | `Float`     | IEEE bits (raw) |
//! | `Ref`       | two raw words: id numbers `[n0 | n1<<32, n2]` |
//! | `Ref` (magic) | the same two, raw off-heap link, raw pointer to the [`crate::heap::Resource`] |
//! | `Fun`       | raw `code_id << 32 | fun_index`, raw `arity << 32 | num_free`, then the captured terms |
//! | `Export`    | module atom, function atom, arity small |
//! | `HeapBin`   | raw byte size, raw bytes (padded to words) |
//! | `RefcBin`   | raw byte size, raw pointer to the [`crate::heap::RefcBinary`], raw off-heap link |
//! | `SubBin`    | raw bit size, raw bit offset, original binary term (`HeapBin` or `RefcBin`) |
//! | `MatchState`| raw bit offset of the data start, raw end bit, raw current bit, original binary term |
//! | `Map`       | size (small), keys tuple, values in key order (flat map) |
//! | `HashMap`   | raw `bitmap \| head<<16 \| size<<17` (size on the head only), children: leaf conses `[K\|V]` or `HashMap` nodes (`term/map/hamt.rs`) |

/// Kind of a boxed object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Subtag {
    Tuple = 0,
    MatchState = 1,
    PosBig = 2,
    NegBig = 3,
    Ref = 4,
    Fun = 5,
    Float = 6,
    Export = 7,
    RefcBin = 8,
    HeapBin = 9,
    SubBin = 10,
    ExternalPid = 11,
    ExternalPort = 12,
    ExternalRef = 13,
    HashMap = 14,
    Map = 15,
}

impl Subtag {
    #[inline(always)]
    pub const fn from_bits(b: u8) -> Subtag {
        match b & 0xF {
            0 => Subtag::Tuple,
            1 => Subtag::MatchState,
            2 => Subtag::PosBig,
            3 => Subtag::NegBig,
            4 => Subtag::Ref,
            5 => Subtag::Fun,
            6 => Subtag::Float,
            7 => Subtag::Export,
            8 => Subtag::RefcBin,
            9 => Subtag::HeapBin,
            10 => Subtag::SubBin,
            11 => Subtag::ExternalPid,
            12 => Subtag::ExternalPort,
            13 => Subtag::ExternalRef,
            14 => Subtag::HashMap,
            _ => Subtag::Map,
        }
    }

    /// How many leading words after the header are raw data; `usize::MAX` = all of them.
    #[inline]
    pub const fn raw_prefix(self) -> usize {
        match self {
            Subtag::Tuple | Subtag::Export | Subtag::Map => 0,
            Subtag::SubBin => 2,
            Subtag::MatchState => 3,
            Subtag::Fun => 2,
            Subtag::HashMap => 1,
            Subtag::ExternalPid | Subtag::ExternalPort | Subtag::ExternalRef => 0,
            Subtag::PosBig
            | Subtag::NegBig
            | Subtag::Ref
            | Subtag::Float
            | Subtag::RefcBin
            | Subtag::HeapBin => usize::MAX,
        }
    }
}

/// A header word.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Header(pub u64);

impl Header {
    #[inline(always)]
    pub const fn new(subtag: Subtag, arity: usize) -> Header {
        Header(((arity as u64) << 6) | ((subtag as u64) << 2))
    }
    #[inline(always)]
    pub const fn subtag(self) -> Subtag {
        Subtag::from_bits(((self.0 >> 2) & 0xF) as u8)
    }
    #[inline(always)]
    pub const fn arity(self) -> usize {
        (self.0 >> 6) as usize
    }
    /// Total words of the object, header included.
    #[inline(always)]
    pub const fn size(self) -> usize {
        self.arity() + 1
    }
}

/// Words a boxed float takes (header + bits).
pub const FLOAT_SIZE: usize = 2;
/// Words a cons cell takes.
pub const CONS_SIZE: usize = 2;
/// Words of a `RefcBin` (ProcBin) object, header included.
pub const PROCBIN_SIZE: usize = 4;
/// Words of a `SubBin`, header included.
pub const SUBBIN_SIZE: usize = 4;
/// Words of a `MatchState`, header included.
pub const MATCHSTATE_SIZE: usize = 5;
/// Words of a local reference, header included.
pub const REF_SIZE: usize = 3;
/// Words of a magic reference (a reference standing for a [`crate::resource`]), header included.
/// Its arity tells it from a plain reference, as in ERTS; the off-heap link sits at the same word
/// as a ProcBin's, so one chain walk serves both.
pub const MAGIC_REF_SIZE: usize = 5;
/// Words of an export fun, header included.
pub const EXPORT_SIZE: usize = 4;
/// Binaries up to this many bytes live on the process heap; larger ones are reference-counted.
pub const HEAP_BIN_LIMIT: usize = 64;

/// Words a heap binary of `bytes` bytes takes, header included.
#[inline]
pub const fn heap_bin_size(bytes: usize) -> usize {
    2 + bytes.div_ceil(8)
}

/// Words of a closure with `num_free` captured terms, header included.
#[inline]
pub const fn fun_size(num_free: usize) -> usize {
    3 + num_free
}
