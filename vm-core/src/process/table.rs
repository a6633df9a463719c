//! The process table: a slab of slots indexed by the pid's index bits, each with a serial that
//! is bumped when the slot is reused, so a stale pid never reaches a newer process.
//!
//! The running process is taken out of its slot while it runs (the slot says `Running`); native
//! functions reach it through their own `&mut Process` and everyone else through the table.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::Process;
use crate::term::{Term, PID_INDEX_BITS};

/// Most processes alive at once by default (ERTS's default `+P`, 1 048 576).
pub const MAX_PROCESSES: usize = 1 << 20;
/// The most a table can be configured for (the index bits of a pid).
pub const MAX_PROCESS_LIMIT: usize = 1 << PID_INDEX_BITS;

enum State {
    Free,
    /// Reserved for a process being created, or taken out to run.
    Running,
    Here(Box<Process>),
}

struct Slot {
    serial: u32,
    state: State,
}

#[derive(Default)]
pub struct ProcTable {
    slots: Vec<Slot>,
    free: Vec<u32>,
    live: usize,
}

impl ProcTable {
    /// Number of live processes (including the running one).
    pub fn count(&self) -> usize {
        self.live
    }

    /// Reserves a slot for a new process; `None` at the process limit (`system_limit`).
    pub fn reserve(&mut self) -> Option<Term> {
        let index = match self.free.pop() {
            Some(i) => i,
            None if self.slots.len() < MAX_PROCESSES.min(MAX_PROCESS_LIMIT) => {
                self.slots.push(Slot {
                    serial: 0,
                    state: State::Free,
                });
                (self.slots.len() - 1) as u32
            }
            None => return None,
        };
        let slot = &mut self.slots[index as usize];
        slot.state = State::Running;
        self.live += 1;
        Some(Term::pid_of(index, slot.serial))
    }

    fn slot(&self, pid: Term) -> Option<&Slot> {
        if !pid.is_local_pid() {
            return None;
        }
        let s = self.slots.get(pid.pid_index() as usize)?;
        (s.serial == pid.pid_serial()).then_some(s)
    }
    fn slot_mut(&mut self, pid: Term) -> Option<&mut Slot> {
        if !pid.is_local_pid() {
            return None;
        }
        let s = self.slots.get_mut(pid.pid_index() as usize)?;
        (s.serial == pid.pid_serial()).then_some(s)
    }

    /// True when `pid` names a live process (the running one included).
    pub fn exists(&self, pid: Term) -> bool {
        matches!(
            self.slot(pid).map(|s| &s.state),
            Some(State::Running | State::Here(_))
        )
    }
    /// The process, unless it is the running one or dead.
    pub fn get(&self, pid: Term) -> Option<&Process> {
        match &self.slot(pid)?.state {
            State::Here(p) => Some(p),
            _ => None,
        }
    }
    pub fn get_mut(&mut self, pid: Term) -> Option<&mut Process> {
        match &mut self.slot_mut(pid)?.state {
            State::Here(p) => Some(p),
            _ => None,
        }
    }
    /// Takes a process out of the table to run it (or to end it).
    pub fn take(&mut self, pid: Term) -> Option<Box<Process>> {
        let s = self.slot_mut(pid)?;
        match core::mem::replace(&mut s.state, State::Running) {
            State::Here(p) => Some(p),
            other => {
                s.state = other;
                None
            }
        }
    }
    /// Puts a process (new, or back from running) into its slot.
    pub fn put(&mut self, p: Box<Process>) {
        let pid = p.pid();
        if let Some(s) = self.slot_mut(pid) {
            s.state = State::Here(p);
        }
    }
    /// Frees the slot of a process that has ended.
    pub fn release(&mut self, pid: Term) {
        let index = pid.pid_index();
        if let Some(s) = self.slot_mut(pid) {
            s.state = State::Free;
            // 2^32 reuses of one slot before a pid repeats.
            s.serial = s.serial.wrapping_add(1);
            self.free.push(index);
            self.live -= 1;
        }
    }
    /// Every live pid, in table order.
    pub fn pids(&self) -> Vec<Term> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| !matches!(s.state, State::Free))
            .map(|(i, s)| Term::pid_of(i as u32, s.serial))
            .collect()
    }
}
