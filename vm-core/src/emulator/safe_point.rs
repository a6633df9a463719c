//! Safe points: where the emulator collects a process's heap, with which roots, and what a
//! collection costs in reductions.

use alloc::vec::Vec;

use crate::atom;
use crate::heap::gc;
use crate::process::{Process, Trap};
use crate::term::Term;

/// Collects `p`'s heap with `x[..live]` as the live registers.
pub fn gc(p: &mut Process, x: &mut [Term], live: usize, need: usize) {
    let mut extra: Vec<Term> = Vec::with_capacity(p.dict.len() * 2 + 3);
    for (k, v) in &p.dict {
        extra.push(*k);
        extra.push(*v);
    }
    extra.push(p.exit_reason);
    extra.push(p.bin_build.base);
    let trap_term = match p.trap {
        Trap::Yield(t) | Trap::Exit(t) => t,
        _ => Term::NIL,
    };
    extra.push(trap_term);
    if p.mailbox.matching_boxed() {
        p.collected_in_receive = true;
    }
    let (xs, _) = x.split_at_mut(live.min(x.len()));
    gc::collect(
        &mut p.heap,
        &mut [xs, &mut p.stack, &mut extra, &mut p.saved_x],
        need,
    );
    for (i, (k, v)) in p.dict.iter_mut().enumerate() {
        *k = extra[2 * i];
        *v = extra[2 * i + 1];
    }
    p.exit_reason = extra[p.dict.len() * 2];
    p.bin_build.base = extra[p.dict.len() * 2 + 1];
    match &mut p.trap {
        Trap::Yield(t) | Trap::Exit(t) => *t = extra[p.dict.len() * 2 + 2],
        _ => {}
    }
}

/// A safe point: collect when the heap cannot take `need` more words.
///
/// Under `gc-stress` it also collects whenever anything was allocated since the last collection,
/// so a term held outside the declared roots is found at once. (For very deep stacks and large
/// heaps only every n-th such safe point collects, n growing with the size, which keeps a 200 000
/// frame recursion from turning quadratic while still collecting thousands of times.)
/// What a safe point costs: 0 when nothing was collected, else the reductions the collection
/// is charged, or [`MUST_DIE`] when the heap outgrew `max_heap_size` (the trap is set).
#[inline(always)]
#[must_use]
pub fn safe_point(p: &mut Process, x: &mut [Term], live: usize, need: usize) -> i64 {
    if p.heap.needs_gc(need) {
        return collect_at(p, x, live, need);
    } else if cfg!(feature = "gc-stress") && p.heap.allocated_since_gc() {
        p.stress_tick = p.stress_tick.wrapping_add(1);
        let stride = 1 + (p.stack.len() + p.heap.used_words()) / 8192;
        if p.stress_tick as usize % stride == 0 {
            return collect_at(p, x, live, need);
        }
    }
    0
}

/// [`safe_point`]'s answer for a process over its `max_heap_size`.
pub const MUST_DIE: i64 = i64::MIN;

/// Collects, and prices the collection as ERTS roughly does: a reduction per hundred words
/// still alive (at least one).
#[cold]
fn collect_at(p: &mut Process, x: &mut [Term], live: usize, need: usize) -> i64 {
    gc(p, x, live, need);
    if p.max_heap_size != 0 && over_max_heap(p) {
        return MUST_DIE;
    }
    1 + (p.heap.used_words() / 100) as i64
}

/// After a collection: is the heap over `max_heap_size`? Notes the report and, with `kill`,
/// asks the loop to end the process with reason `killed` (as ERTS does after its GC).
fn over_max_heap(p: &mut Process) -> bool {
    let total = p.heap.total_heap_size();
    if total <= p.max_heap_size {
        return false;
    }
    if p.max_heap_report {
        p.heap_limit_report = Some(total);
    }
    if p.max_heap_kill {
        p.trap = Trap::Exit(atom::KILLED);
        return true;
    }
    false
}
