//! The process: its heap, stack, registers saved while it is not running, process dictionary,
//! and (later) mailbox, links and monitors.

use alloc::vec::Vec;

use crate::code::CodePtr;
use crate::heap::Heap;
use crate::term::Term;

/// Why a process is not running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Runnable,
    Waiting,
    Exiting,
}

/// The OTP 24 binary-construction state (`bs_init*`/`bs_append`, then `bs_put_*`): the binary
/// object being written and the bit offset of the next field (ERTS's `erts_current_bin` and
/// `erts_bin_offset`). See `emulator::bits` for the operations.
pub struct BinBuild {
    /// The `HeapBin`/`RefcBin` object the puts write into (`[]` when idle). The emitted code runs
    /// no collection between `bs_init*` and its last put, but a collector that wants to be safe
    /// can treat this word as a root (`core::slice::from_mut(&mut p.bin_build.base)`).
    pub base: Term,
    /// Absolute bit offset of the next put in `base`'s bytes.
    pub offset: usize,
    /// Absolute bit offset where the binary under construction ends.
    pub end: usize,
}

impl Default for BinBuild {
    fn default() -> Self {
        BinBuild {
            base: Term::NIL,
            offset: 0,
            end: 0,
        }
    }
}

pub struct Process {
    /// The process number (`<0.N.0>`).
    pub id: u32,
    pub heap: Heap,
    /// Y registers and continuation pointers; `y(i)` is `stack[len - 1 - i]`.
    pub stack: Vec<Term>,
    /// Continuation pointer register (as a CP word).
    pub cp: u64,
    /// Where to resume.
    pub ip: CodePtr,
    /// Live X registers saved while the process is scheduled out.
    pub saved_x: Vec<Term>,
    /// Process dictionary, in insertion order.
    pub dict: Vec<(Term, Term)>,
    pub status: Status,
    pub reductions: u64,
    /// The exception being handled (for `build_stacktrace` / crash reports), if any.
    pub exit_reason: Term,
    pub bin_build: BinBuild,
    pub group_leader: Term,
    /// Safe points seen by the `gc-stress` mode.
    pub stress_tick: u32,
}

impl Process {
    pub fn new(id: u32, min_heap_size: usize) -> Process {
        Process {
            id,
            heap: Heap::new(min_heap_size),
            stack: Vec::new(),
            cp: 0,
            ip: CodePtr { code: 0, ip: 0 },
            saved_x: Vec::new(),
            dict: Vec::new(),
            status: Status::Runnable,
            reductions: 0,
            exit_reason: Term::NIL,
            bin_build: BinBuild::default(),
            group_leader: Term::NIL,
            stress_tick: 0,
        }
    }

    pub fn pid(&self) -> Term {
        Term::pid(self.id)
    }

    /// `y(i)`, or `None` when the current frame has no such slot (only broken code asks).
    #[inline(always)]
    pub fn y_get(&self, i: u16) -> Option<Term> {
        let n = self.stack.len();
        if (i as usize) < n {
            Some(self.stack[n - 1 - i as usize])
        } else {
            None
        }
    }
    /// Sets `y(i)`; false when there is no such slot.
    #[inline(always)]
    pub fn y_put(&mut self, i: u16, t: Term) -> bool {
        let n = self.stack.len();
        if (i as usize) < n {
            self.stack[n - 1 - i as usize] = t;
            true
        } else {
            false
        }
    }

    /// Process-dictionary lookup.
    pub fn dict_get(&self, key: Term) -> Option<Term> {
        self.dict
            .iter()
            .find(|(k, _)| crate::term::order::exact_eq(*k, key))
            .map(|(_, v)| *v)
    }
}
