//! The fast tier's entry rule.

use super::enter;
use crate::emulator::instr::Instr;
use crate::heap::Heap;

/// The fast tier's `allocate` takes no safe point, so the full loop must not hand over while a
/// collection is due: it runs on to its own safe point, which collects (a loop whose only safe
/// point is `allocate`, its garbage made off the heap by native functions, grew without bound
/// before this rule).
#[test]
fn the_full_loop_keeps_control_while_a_collection_is_due() {
    let alloc = Instr::Allocate { stack: 2, live: 1 };
    let mut heap = Heap::new(233);
    assert!(enter(&alloc, &heap));
    heap.request_gc();
    assert!(!enter(&alloc, &heap));
    // An instruction the tier does not run is never handed over.
    assert!(!enter(&Instr::Send, &Heap::new(233)));
}
