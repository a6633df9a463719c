//! When the full loop hands over to the fast tier, and the two checks the tier's safe points
//! make: which instructions it runs ([`is_fast`], the complement of [`slow_instrs!`]), and
//! whether a safe point would collect ([`room`], [`frame_room`]).

use crate::emulator::instr::Instr;
use crate::heap::Heap;

/// A safe point that needs `words` free would do nothing: the heap has them and needs no
/// collection (and this is no `gc-stress` build, which collects at every safe point).
#[inline(always)]
pub(super) fn room(heap: &Heap, words: usize) -> bool {
    !cfg!(feature = "gc-stress") && !heap.needs_gc(words)
}

/// `allocate`'s safe point would do nothing. A frame goes on the stack, not the heap, so it
/// needs no room; and a collection cannot be due here: the full loop enters the fast tier only
/// when none is ([`enter`]), and every instruction here that adds to the heap or its off-heap
/// binaries checks [`room`] itself. A `gc-stress` build leaves it to the full loop, which
/// collects there.
#[inline(always)]
pub(super) fn frame_room() -> bool {
    !cfg!(feature = "gc-stress")
}

/// True when the full loop may hand over at `i`: one of the fast tier's instructions, and no
/// collection due (fragments, off-heap binaries, a request), which the full loop's own safe
/// points then take before the fast tier runs again.
#[inline(always)]
pub fn enter(i: &Instr, heap: &Heap) -> bool {
    is_fast(i) && !heap.needs_gc(0)
}

/// The instructions the fast tier leaves to the full loop, every one named: with them the match
/// in [`super::run`] is exhaustive, so its jump table covers every tag and dispatch needs no
/// range check (three machine instructions of the dozen each instruction spends on dispatch).
macro_rules! slow_instrs {
    () => {
        Instr::FuncInfo { .. }
            | Instr::CallExt { .. }
            | Instr::CallExtLast { .. }
            | Instr::CallExtOnly { .. }
            | Instr::Apply { .. }
            | Instr::ApplyLast { .. }
            | Instr::CallFun { .. }
            | Instr::CallFun2 { .. }
            | Instr::Bif0 { .. }
            | Instr::Bif1 { .. }
            | Instr::Bif2 { .. }
            | Instr::GcBif1 { .. }
            | Instr::GcBif2 { .. }
            | Instr::GcBif3 { .. }
            | Instr::AllocateHeap { .. }
            | Instr::InitYRegs { .. }
            | Instr::Move { .. }
            | Instr::SetTupleElement { .. }
            | Instr::UpdateRecord { .. }
            | Instr::IsEq { .. }
            | Instr::IsNe { .. }
            | Instr::IsInteger { .. }
            | Instr::IsFloat { .. }
            | Instr::IsNumber { .. }
            | Instr::IsAtom { .. }
            | Instr::IsPid { .. }
            | Instr::IsReference { .. }
            | Instr::IsPort { .. }
            | Instr::IsBinary { .. }
            | Instr::IsBitstr { .. }
            | Instr::IsMap { .. }
            | Instr::IsBoolean { .. }
            | Instr::IsFunction { .. }
            | Instr::IsFunction2 { .. }
            | Instr::Badmatch { .. }
            | Instr::IfEnd { .. }
            | Instr::CaseEnd { .. }
            | Instr::TryCaseEnd { .. }
            | Instr::Badrecord { .. }
            | Instr::Catch { .. }
            | Instr::CatchEnd { .. }
            | Instr::Try { .. }
            | Instr::TryEnd { .. }
            | Instr::TryCase { .. }
            | Instr::Raise { .. }
            | Instr::RawRaise { .. }
            | Instr::BuildStacktrace { .. }
            | Instr::MakeFun3 { .. }
            | Instr::PutMapAssoc { .. }
            | Instr::PutMapExact { .. }
            | Instr::HasMapFields { .. }
            | Instr::GetMapElements { .. }
            | Instr::BsSetPosition { .. }
            | Instr::BsGetTail { .. }
            | Instr::BsSkipBits { .. }
            | Instr::BsGetFloat { .. }
            | Instr::BsGetBinary { .. }
            | Instr::BsMatchString { .. }
            | Instr::BsGetUtf8 { .. }
            | Instr::BsGetUtf16 { .. }
            | Instr::BsGetUtf32 { .. }
            | Instr::BsMatch { .. }
            | Instr::BsInitWritable { .. }
            | Instr::BsInit { .. }
            | Instr::BsAdd { .. }
            | Instr::BsPutInteger { .. }
            | Instr::BsPutFloat { .. }
            | Instr::BsPutBinary { .. }
            | Instr::BsPutString { .. }
            | Instr::BsAppend { .. }
            | Instr::BsPrivateAppend { .. }
            | Instr::BsUtf8Size { .. }
            | Instr::BsUtf16Size { .. }
            | Instr::BsPutUtf8 { .. }
            | Instr::BsPutUtf16 { .. }
            | Instr::BsPutUtf32 { .. }
            | Instr::Send { .. }
            | Instr::RemoveMessage { .. }
            | Instr::Timeout { .. }
            | Instr::Wait { .. }
            | Instr::WaitTimeout { .. }
            | Instr::RecvMarkerReserve { .. }
            | Instr::RecvMarkerBind { .. }
            | Instr::RecvMarkerClear { .. }
            | Instr::RecvMarkerUse { .. }
            | Instr::NormalExit { .. }
            | Instr::Unreachable { .. }
    };
}

/// True for instructions [`super::run`] may do. The full loop enters the fast tier at these only.
#[inline(always)]
fn is_fast(i: &Instr) -> bool {
    !matches!(i, slow_instrs!())
}

pub(super) use slow_instrs;
