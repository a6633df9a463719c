//! The internal instruction set: generic BEAM instructions with every operand decoded once by
//! the loader (registers as indices, literals as terms in the module's literal area, labels as
//! instruction indices, imports as export-entry or BIF references).
//!
//! `label`, `line`, `int_code_end`, `nif_start` and the other no-ops are dropped by the loader;
//! `line` becomes a side table (see `code::LineTable`). Dead opcodes are rejected at load time.

use alloc::boxed::Box;

use crate::term::Term;

/// An instruction index inside one module's code. [`NO_LABEL`] means "raise instead of branch".
pub type Label = u32;
pub const NO_LABEL: Label = u32::MAX;
/// `CallOnly::rematch` when the callee does not start by resuming a match.
pub const NO_REMATCH: u16 = u16::MAX;

pub use super::guard::Guard;
pub use super::operands::*;

/// Instructions. Operand order follows the generic BEAM instruction where it makes sense.
#[derive(Clone, Debug)]
/// An explicit one-byte tag first: dispatch reads one byte instead of decoding a niche.
#[repr(u8)]
pub enum Instr {
    // -- function structure and control flow ------------------------------------------------
    /// Raises `function_clause` for the current function (module/function/arity of this `func_info`).
    FuncInfo {
        module: Term,
        function: Term,
        arity: u8,
    },
    Jump(Label),
    SelectVal {
        src: Src,
        fail: Label,
        table: Box<[(Term, Label)]>,
    },
    SelectTupleArity {
        src: Src,
        fail: Label,
        table: Box<[(u32, Label)]>,
    },

    // -- calls --------------------------------------------------------------------------------
    Call {
        arity: u8,
        target: Label,
    },
    CallLast {
        arity: u8,
        target: Label,
        dealloc: u16,
    },
    /// `rematch`: the X register the callee's first instruction, a `bs_start_match` of that
    /// register into itself, resumes matching (a match context stays as it is), or
    /// [`NO_REMATCH`]; the fast tier enters past that instruction when it would do nothing.
    CallOnly {
        arity: u8,
        rematch: u16,
        target: Label,
    },
    CallExt {
        arity: u8,
        callee: Callee,
    },
    CallExtLast {
        arity: u8,
        callee: Callee,
        dealloc: u16,
    },
    CallExtOnly {
        arity: u8,
        callee: Callee,
    },
    Apply {
        arity: u8,
    },
    ApplyLast {
        arity: u8,
        dealloc: u16,
    },
    CallFun {
        arity: u8,
    },
    /// `call_fun2`: the fun is in `fun`, not necessarily in `x(arity)`.
    CallFun2 {
        tag: FunCallTag,
        arity: u8,
        fun: Src,
    },
    Return,

    // -- guard and gc BIFs --------------------------------------------------------------------
    Bif0 {
        bif: crate::bif::BifId,
        dst: Dst,
    },
    Bif1 {
        fail: Label,
        bif: crate::bif::BifId,
        a: Src,
        dst: Dst,
    },
    Bif2 {
        fail: Label,
        bif: crate::bif::BifId,
        a: Src,
        b: Src,
        dst: Dst,
    },
    GcBif1 {
        fail: Label,
        live: u16,
        bif: crate::bif::BifId,
        a: Src,
        dst: Dst,
    },
    GcBif2 {
        fail: Label,
        live: u16,
        bif: crate::bif::BifId,
        a: Src,
        b: Src,
        dst: Dst,
    },
    // Field order matters with `repr(u8)` (each variant is laid out in order): keep it at 64.
    GcBif3 {
        fail: Label,
        live: u16,
        bif: crate::bif::BifId,
        dst: Dst,
        a: Src,
        b: Src,
        c: Src,
    },

    // -- stack and heap -----------------------------------------------------------------------
    Allocate {
        stack: u16,
        live: u16,
    },
    /// `allocate_heap`; `heap` is in words of *our* layout (the loader converts alloc lists).
    AllocateHeap {
        stack: u16,
        heap: u32,
        live: u16,
    },
    TestHeap {
        heap: u32,
        live: u16,
    },
    Deallocate(u16),
    Trim {
        n: u16,
        remaining: u16,
    },
    InitYRegs(Box<[u16]>),

    // -- moves --------------------------------------------------------------------------------
    Move {
        src: Src,
        dst: Dst,
    },
    Swap(Dst, Dst),
    GetList {
        src: Src,
        head: Dst,
        tail: Dst,
    },
    GetHd {
        src: Src,
        dst: Dst,
    },
    GetTl {
        src: Src,
        dst: Dst,
    },
    GetTupleElement {
        src: Src,
        index: u32,
        dst: Dst,
    },
    SetTupleElement {
        value: Src,
        tuple: Src,
        index: u32,
    },
    PutList {
        head: Src,
        tail: Src,
        dst: Dst,
    },
    PutTuple2 {
        dst: Dst,
        elems: Box<[Src]>,
    },
    UpdateRecord {
        reuse: bool,
        size: u32,
        src: Src,
        dst: Dst,
        updates: Box<[(u32, Src)]>,
    },

    // -- tests --------------------------------------------------------------------------------
    IsLt {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsGe {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsEq {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsNe {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsEqExact {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsNeExact {
        fail: Label,
        a: Src,
        b: Src,
    },
    IsInteger {
        fail: Label,
        src: Src,
    },
    IsFloat {
        fail: Label,
        src: Src,
    },
    IsNumber {
        fail: Label,
        src: Src,
    },
    IsAtom {
        fail: Label,
        src: Src,
    },
    IsPid {
        fail: Label,
        src: Src,
    },
    IsReference {
        fail: Label,
        src: Src,
    },
    IsPort {
        fail: Label,
        src: Src,
    },
    IsNil {
        fail: Label,
        src: Src,
    },
    IsBinary {
        fail: Label,
        src: Src,
    },
    IsBitstr {
        fail: Label,
        src: Src,
    },
    IsList {
        fail: Label,
        src: Src,
    },
    IsNonemptyList {
        fail: Label,
        src: Src,
    },
    IsTuple {
        fail: Label,
        src: Src,
    },
    IsMap {
        fail: Label,
        src: Src,
    },
    IsBoolean {
        fail: Label,
        src: Src,
    },
    IsFunction {
        fail: Label,
        src: Src,
    },
    IsFunction2 {
        fail: Label,
        src: Src,
        arity: Src,
    },
    TestArity {
        fail: Label,
        src: Src,
        arity: u32,
    },
    IsTaggedTuple {
        fail: Label,
        src: Src,
        arity: u32,
        tag: Term,
    },

    // -- errors -------------------------------------------------------------------------------
    Badmatch(Src),
    IfEnd,
    CaseEnd(Src),
    TryCaseEnd(Src),
    Badrecord(Src),

    // -- exceptions ---------------------------------------------------------------------------
    Catch {
        y: u16,
        handler: Label,
    },
    CatchEnd(u16),
    Try {
        y: u16,
        handler: Label,
    },
    TryEnd(u16),
    TryCase(u16),
    Raise {
        trace: Src,
        value: Src,
    },
    RawRaise,
    BuildStacktrace,

    // -- funs ---------------------------------------------------------------------------------
    MakeFun3 {
        fun_index: u32,
        dst: Dst,
        env: Box<[Src]>,
    },

    // -- maps ---------------------------------------------------------------------------------
    PutMapAssoc {
        fail: Label,
        src: Src,
        dst: Dst,
        live: u16,
        pairs: Box<[(Src, Src)]>,
    },
    PutMapExact {
        fail: Label,
        src: Src,
        dst: Dst,
        live: u16,
        pairs: Box<[(Src, Src)]>,
    },
    HasMapFields {
        fail: Label,
        src: Src,
        keys: Box<[Src]>,
    },
    GetMapElements {
        fail: Label,
        src: Src,
        pairs: Box<[(Src, Dst)]>,
    },

    // -- floats -------------------------------------------------------------------------------
    FMove {
        src: FSrc,
        dst: FDst,
    },
    FConv {
        src: Src,
        dst: FReg,
    },
    FAdd {
        a: FReg,
        b: FReg,
        dst: FReg,
    },
    FSub {
        a: FReg,
        b: FReg,
        dst: FReg,
    },
    FMul {
        a: FReg,
        b: FReg,
        dst: FReg,
    },
    FDiv {
        a: FReg,
        b: FReg,
        dst: FReg,
    },
    FNegate {
        a: FReg,
        dst: FReg,
    },

    // -- binary matching ----------------------------------------------------------------------
    /// `bs_start_match3`/`bs_start_match4`; `fail == NO_LABEL` for `no_fail`/`resume`.
    BsStartMatch {
        fail: Label,
        src: Src,
        live: u16,
        dst: Dst,
    },
    BsGetPosition {
        ctx: Src,
        dst: Dst,
    },
    BsSetPosition {
        ctx: Src,
        pos: Src,
    },
    BsGetTail {
        ctx: Src,
        dst: Dst,
        live: u16,
    },
    BsTestTail {
        fail: Label,
        ctx: Src,
        bits: u64,
    },
    BsTestUnit {
        fail: Label,
        ctx: Src,
        unit: u32,
    },
    BsSkipBits {
        fail: Label,
        ctx: Src,
        size: BinSize,
        unit: u32,
    },
    BsGetInteger {
        fail: Label,
        ctx: Src,
        live: u16,
        size: Src,
        unit: u32,
        flags: BinFlags,
        dst: Dst,
    },
    BsGetFloat {
        fail: Label,
        ctx: Src,
        live: u16,
        size: Src,
        unit: u32,
        flags: BinFlags,
        dst: Dst,
    },
    BsGetBinary {
        fail: Label,
        ctx: Src,
        live: u16,
        size: BinSize,
        unit: u32,
        dst: Dst,
    },
    BsMatchString {
        fail: Label,
        ctx: Src,
        bits: u32,
        offset: u32,
    },
    BsGetUtf8 {
        fail: Label,
        ctx: Src,
        dst: Option<Dst>,
    },
    BsGetUtf16 {
        fail: Label,
        ctx: Src,
        flags: BinFlags,
        dst: Option<Dst>,
    },
    BsGetUtf32 {
        fail: Label,
        ctx: Src,
        flags: BinFlags,
        dst: Option<Dst>,
    },
    BsMatch {
        fail: Label,
        ctx: Src,
        cmds: Box<[MatchCmd]>,
    },

    // -- binary construction ------------------------------------------------------------------
    BsCreateBin {
        fail: Label,
        live: u16,
        dst: Dst,
        segments: Box<[Segment]>,
    },
    BsInitWritable,
    // OTP 24 construction with implicit "current binary" state.
    BsInit {
        fail: Label,
        size: Src,
        bits: bool,
        live: u16,
        dst: Dst,
    },
    BsAdd {
        fail: Label,
        a: Src,
        b: Src,
        unit: u32,
        dst: Dst,
    },
    BsPutInteger {
        fail: Label,
        size: Src,
        unit: u32,
        flags: BinFlags,
        src: Src,
    },
    BsPutFloat {
        fail: Label,
        size: Src,
        unit: u32,
        flags: BinFlags,
        src: Src,
    },
    BsPutBinary {
        fail: Label,
        size: BinSize,
        unit: u32,
        src: Src,
    },
    BsPutString {
        len: u32,
        offset: u32,
    },
    BsAppend {
        fail: Label,
        size: Src,
        live: u16,
        unit: u32,
        bin: Src,
        dst: Dst,
    },
    BsPrivateAppend {
        fail: Label,
        size: Src,
        unit: u32,
        bin: Src,
        dst: Dst,
    },
    BsUtf8Size {
        src: Src,
        dst: Dst,
    },
    BsUtf16Size {
        src: Src,
        dst: Dst,
    },
    BsPutUtf8 {
        fail: Label,
        src: Src,
    },
    BsPutUtf16 {
        fail: Label,
        flags: BinFlags,
        src: Src,
    },
    BsPutUtf32 {
        fail: Label,
        flags: BinFlags,
        src: Src,
    },

    // -- processes (executed once processes exist) -------------------------------------------
    Send,
    RemoveMessage,
    Timeout,
    LoopRec {
        fail: Label,
    },
    LoopRecEnd(Label),
    Wait(Label),
    WaitTimeout {
        label: Label,
        time: Src,
    },
    RecvMarkerReserve(Dst),
    RecvMarkerBind {
        marker: Src,
        reference: Src,
    },
    RecvMarkerClear(Src),
    RecvMarkerUse(Src),

    // -- specialised forms (made by `emulator::specialize` after loading) ------------------
    MoveXX(u16, u16),
    MoveXY(u16, u16),
    MoveYX(u16, u16),
    MoveYY(u16, u16),
    MoveIX(Term, u16),
    MoveIY(Term, u16),
    /// `fmove` of an X register into a float register.
    FMoveXF(u16, FReg),
    /// `fmove` of a float register into an X register (a new boxed float).
    FMoveFX(FReg, u16),
    /// `deallocate N` + `return`.
    DeallocReturn(u16),
    // Super-instructions: each does the work of the instruction it replaces and of the one
    // after it, then skips that one (which stays in place for jumps that land on it).
    /// `allocate` + `init_yregs` (a new frame is already all `[]`).
    AllocateInit {
        stack: u16,
        live: u16,
    },
    /// Two moves: X to Y, then X to X (saving an argument, then passing the next).
    MoveXYXX(u16, u16, u16, u16),
    /// Two moves, named by their kinds as [`Instr::MoveXYXX`] is.
    MoveXYXY(u16, u16, u16, u16),
    MoveYXXX(u16, u16, u16, u16),
    MoveXXXX(u16, u16, u16, u16),
    MoveXXYX(u16, u16, u16, u16),
    /// Y to X, then X to Y.
    MoveYXXY(u16, u16, u16, u16),
    /// X to X, then Y to Y.
    MoveXXYY(u16, u16, u16, u16),
    /// `trim` + `call` (drop the frame's dead Y slots, then call).
    TrimCall {
        n: u16,
        arity: u8,
        target: Label,
        /// The callee's base-case compare ([`Guard`]), decided at the call.
        guard: Guard,
    },
    /// An X-to-Y move, an X-to-X move, then `call` (save a value, pass an argument, call):
    /// `a` to y`b`, `c` to x`d`.
    MoveXYMoveXXCall {
        a: u16,
        b: u16,
        c: u16,
        d: u16,
        arity: u8,
        target: Label,
        /// The callee's base-case compare ([`Guard`]), decided at the call.
        guard: Guard,
    },
    /// An X-to-X move + `call`.
    MoveXXCall {
        s: u16,
        d: u16,
        arity: u8,
        target: Label,
        /// The callee's base-case compare ([`Guard`]), decided at the call.
        guard: Guard,
    },
    /// An X-to-Y move + `call`.
    MoveXYCall {
        s: u16,
        d: u16,
        arity: u8,
        target: Label,
        /// The callee's base-case compare ([`Guard`]), decided at the call.
        guard: Guard,
    },
    /// `allocate` + an X-to-Y move (the first thing a new frame usually gets).
    AllocateMoveXY {
        stack: u16,
        live: u16,
        s: u16,
        d: u16,
    },
    /// A Y-to-X move + `call_last`.
    MoveYXCallLast {
        s: u16,
        d: u16,
        arity: u8,
        target: Label,
        dealloc: u16,
    },
    /// An X-to-X move + `return`.
    MoveXXReturn(u16, u16),
    /// `is_lt` of an X register against a small literal + `return` (a guarded base case).
    IsLtXIReturn {
        fail: Label,
        a: u16,
        imm: i64,
    },
    /// `is_nonempty_list` on an X register + `allocate` (the head of a list recursion that
    /// keeps something across its call).
    IsNonemptyListAllocate {
        fail: Label,
        src: u16,
        stack: u16,
        live: u16,
    },
    /// `test_heap` + `put_list` + `deallocate` + `return` (`[H | f(T)]` ends this way): the
    /// three after it stay in place.
    TestHeapPutListDeallocReturn {
        heap: u32,
        live: u16,
        dealloc: u16,
        head: Src,
        tail: Src,
        dst: Dst,
    },
    /// `test_heap` + `put_list`.
    TestHeapPutList {
        heap: u32,
        live: u16,
        head: Src,
        tail: Src,
        dst: Dst,
    },
    /// An arithmetic gc_bif with its operator decided at load time; small integers are done
    /// inline, anything else goes to the native function `bif`.
    Arith {
        op: ArithOp,
        fail: Label,
        live: u16,
        bif: crate::bif::BifId,
        a: Src,
        b: Src,
        dst: Dst,
    },
    /// `is_lt`/`is_ge` of an X register against a small-integer literal.
    IsLtXI {
        fail: Label,
        a: u16,
        imm: i64,
    },
    IsGeXI {
        fail: Label,
        a: u16,
        imm: i64,
    },
    /// `is_lt`/`is_ge` of a small-integer literal against an X register.
    IsLtIX {
        fail: Label,
        imm: i64,
        b: u16,
    },
    IsGeIX {
        fail: Label,
        imm: i64,
        b: u16,
    },
    /// `is_eq_exact`/`is_ne_exact` of an X register against an immediate (atom, small, nil):
    /// one word comparison.
    IsEqExactXI {
        fail: Label,
        a: u16,
        imm: Term,
    },
    IsNeExactXI {
        fail: Label,
        a: u16,
        imm: Term,
    },
    /// An arithmetic gc_bif of a register and a small-integer literal (`X + 1`, `N - 2`).
    ArithXI {
        op: ArithOp,
        fail: Label,
        live: u16,
        bif: crate::bif::BifId,
        a: u16,
        imm: i64,
        dst: Dst,
    },
    /// `+`/`-` of a small literal on an X register into an X register (ERTS's `i_increment`).
    IncrementX(Increment),
    /// The same with a Y register operand.
    IncrementY(Increment),
    /// `IncrementX` followed by `return` (a base case such as `f(0, N) -> N + 1`).
    IncrementXReturn(Increment),
    /// `is_lt`/`is_ge` on two X registers.
    IsLtXX {
        fail: Label,
        a: u16,
        b: u16,
    },
    IsGeXX {
        fail: Label,
        a: u16,
        b: u16,
    },

    // -- VM-internal --------------------------------------------------------------------------
    /// Ends the process normally (the continuation pushed under a process's first call).
    NormalExit,
    /// Continues a native function that asked to be resumed (`BifResult::Trap`).
    Unreachable,
}

#[cfg(test)]
mod tests {
    #[test]
    fn instruction_stays_small() {
        // The dispatch loop touches every instruction: keep the enum within 64 bytes.
        assert!(
            core::mem::size_of::<super::Instr>() <= 64,
            "{}",
            core::mem::size_of::<super::Instr>()
        );
    }
}
