//! The emulator: the dispatch loop over [`instr::Instr`], exceptions and stack traces.

pub mod bits;
pub mod instr;

use crate::process::Process;
use crate::term::Term;
use crate::vm::{Outcome, Vm};

/// Runs `m:f(args)` in `p` until the process ends.
pub fn run_to_completion(
    _vm: &mut Vm,
    _p: &mut Process,
    _m: Term,
    _f: Term,
    _args: &[Term],
) -> Outcome {
    Outcome::Halted(1)
}
