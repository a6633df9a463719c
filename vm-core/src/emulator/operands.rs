//! The operands of the internal instructions ([`super::instr::Instr`]): registers, literals,
//! call targets, bit-syntax segments and flags, and the small structures some specialised
//! instructions carry. `instr` re-exports them all.

use super::instr::Label;
use crate::term::Term;

/// A readable operand: a register or an immediate/literal term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Src {
    X(u16),
    Y(u16),
    /// A small, atom, nil, or a pointer into the module's literal area.
    Imm(Term),
}

/// A writable operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dst {
    X(u16),
    Y(u16),
}

impl Dst {
    pub fn as_src(self) -> Src {
        match self {
            Dst::X(i) => Src::X(i),
            Dst::Y(i) => Src::Y(i),
        }
    }
}

/// A float register.
pub type FReg = u16;

/// Source of a float move: a float register or a term operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FSrc {
    F(FReg),
    T(Src),
}

/// Where an external call goes, fixed at load time.
#[derive(Clone, Copy, Debug)]
pub enum Callee {
    /// Index into the VM's export table (Erlang code, resolved at call time for hot loading).
    Export(u32),
    /// A native function.
    Bif(crate::bif::BifId),
}

/// Byte-order/sign flags of the bit-syntax instructions, normalised from both the OTP 24 bitmask
/// and the OTP 25+ atom-list forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BinFlags {
    pub little: bool,
    pub signed: bool,
}

/// A size operand of a bit-syntax instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BinSize {
    /// `all` (rest of the binary / whole value).
    All,
    Src(Src),
}

/// Segment kinds of `bs_create_bin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegKind {
    Integer,
    Float,
    Binary,
    String,
    Utf8,
    Utf16,
    Utf32,
    Append,
    PrivateAppend,
}

/// One segment of `bs_create_bin`.
#[derive(Clone, Copy, Debug)]
pub struct Segment {
    pub kind: SegKind,
    pub seg_no: u32,
    pub unit: u32,
    pub flags: BinFlags,
    /// The value; for `String` segments an `Imm(small)` offset into the string table.
    pub value: Src,
    /// For `String`: byte length as `Src::Imm(small)`; for utf*: ignored.
    pub size: BinSize,
}

/// Sub-commands of `bs_match` (OTP 26+).
#[derive(Clone, Copy, Debug)]
pub enum MatchCmd {
    EnsureAtLeast {
        stride: u32,
        unit: u32,
    },
    EnsureExactly {
        stride: u32,
    },
    Integer {
        flags: BinFlags,
        size: u32,
        unit: u32,
        dst: Dst,
    },
    Binary {
        size: u32,
        unit: u32,
        dst: Dst,
    },
    Skip {
        stride: u32,
    },
    GetTail {
        dst: Dst,
    },
    EqExact {
        size: u32,
        value: Term,
    },
}

/// `call_fun2` tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunCallTag {
    Unsafe,
    Safe,
    Local(u32),
}

/// Operands of the increment instructions: `by` is the literal or its negation; `bif` and `imm`
/// are the original call, for the slow path (a non-small operand or an overflow).
#[derive(Clone, Copy, Debug)]
pub struct Increment {
    pub fail: Label,
    pub live: u16,
    pub bif: crate::bif::BifId,
    /// The operand's register (X or Y, by the instruction).
    pub a: u16,
    /// An X register.
    pub dst: u16,
    pub by: i64,
    pub imm: i64,
}

/// A compare test's fail label with this bit set stands for the instructions at the real
/// label when they are "move x`s` to x`d`, then return": the test does them instead of
/// jumping (a guard that fails into a base case returning an argument). Real labels never
/// come near 2^31.
pub const FAIL_RETURN: Label = 1 << 31;

/// The fail label for "move x`s` to x`d`, return", when the registers fit.
pub fn fail_return(s: u16, d: u16) -> Option<Label> {
    (s < 1 << 15 && d < 1 << 15).then_some(FAIL_RETURN | (s as u32) << 15 | d as u32)
}

/// The registers of a [`FAIL_RETURN`] label.
#[inline(always)]
pub fn fail_return_regs(l: Label) -> (u16, u16) {
    (((l >> 15) & 0x7FFF) as u16, (l & 0x7FFF) as u16)
}

/// Operators the emulator inlines for small integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Band,
    Bor,
    Bxor,
    Div,
    Rem,
    Bsr,
    Bsl,
}

/// Destination of `fmove`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FDst {
    F(FReg),
    T(Dst),
}
