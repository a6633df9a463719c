//! The run queue, reductions and timers. One cooperative scheduler; until processes arrive
//! (issue 3) it runs one process to completion in slices of [`REDUCTIONS_PER_SLICE`].

/// Reductions a process may spend before it yields (as in ERTS).
pub const REDUCTIONS_PER_SLICE: i64 = 4000;
