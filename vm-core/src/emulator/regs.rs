//! The scheduler's register files: X registers and float registers. They belong to the
//! scheduler, not the process; a process that is switched out keeps only its live X registers.

use alloc::boxed::Box;
use alloc::vec;

use crate::term::Term;

/// Size of the X register file. Register operands are `u16`, so a file of exactly 2^16
/// entries lets every register access go without a bounds check (the loader keeps the indices
/// actually used below 1024, plus captured fun environments).
pub const MAX_X: usize = 1 << 16;
pub const MAX_F: usize = 1024;

/// The scheduler's register file.
pub struct Regs {
    pub x: Box<[Term; MAX_X]>,
    pub f: Box<[f64]>,
}

impl Regs {
    pub fn new() -> Regs {
        let x: Box<[Term; MAX_X]> = vec![Term::NIL; MAX_X]
            .into_boxed_slice()
            .try_into()
            .unwrap_or_else(|_| unreachable!("a vector of MAX_X registers"));
        Regs {
            x,
            f: vec![0.0; MAX_F].into_boxed_slice(),
        }
    }
}

impl Default for Regs {
    fn default() -> Self {
        Self::new()
    }
}
