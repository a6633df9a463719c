//! The scheduler: run queues by priority, reductions, timers, and the `run(budget)` entry point.
//!
//! One cooperative scheduler, as DESIGN.md lays out: a process runs until it has spent
//! [`REDUCTIONS_PER_SLICE`] reductions, waits in a receive, or ends; then the next runnable
//! process goes. Nothing here blocks: when no process can run, [`run`] returns
//! [`RunResult::Idle`] with the time to the next timer and the host decides when to call again.

pub mod timers;

use alloc::collections::VecDeque;
use alloc::format;
use alloc::vec::Vec;

use crate::atom;
use crate::bif::Class;
use crate::emulator::{execute, Regs, Stop};
use crate::process::signals::{self, terminate};
use crate::process::{Priority, Process, Status};
use crate::term::Term;
use crate::vm::Shared;
use timers::TimerAction;

/// Reductions a process may spend before it yields (as in ERTS).
pub const REDUCTIONS_PER_SLICE: i64 = 4000;

/// What [`run`] ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunResult {
    /// No process can run. `next_timer`: nanoseconds until the earliest timer, if any.
    Idle { next_timer: Option<u64> },
    /// The budget is spent (or a watched process ended); call again.
    Yielded,
    /// `erlang:halt/0,1,2` was called with this status.
    Halted(i32),
}

/// One queue per priority. `low` runs in turn with `normal`: one low pick for every eight
/// normal ones, as ERTS does.
#[derive(Default)]
pub struct RunQueues {
    queues: [VecDeque<Term>; 4],
    normal_picks: u32,
}

impl RunQueues {
    /// Queues a process (once).
    pub fn push(&mut self, p: &mut Process) {
        if !p.queued {
            p.queued = true;
            self.queues[p.priority as usize].push_back(p.pid());
        }
    }
    fn pop(&mut self) -> Option<Term> {
        for prio in [Priority::Max, Priority::High] {
            if let Some(p) = self.queues[prio as usize].pop_front() {
                return Some(p);
            }
        }
        let (n, l) = (Priority::Normal as usize, Priority::Low as usize);
        if self.normal_picks >= 8 || self.queues[n].is_empty() {
            self.normal_picks = 0;
            if let Some(p) = self.queues[l].pop_front() {
                return Some(p);
            }
        }
        self.normal_picks += 1;
        self.queues[n].pop_front()
    }
    /// Processes waiting to run (`statistics(run_queue)`).
    pub fn len(&self) -> usize {
        self.queues.iter().map(|q| q.len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Runs processes until `budget` reductions are spent, no process can run, or the VM halts.
pub fn run(sh: &mut Shared, regs: &mut Regs, budget: u64) -> RunResult {
    let mut spent: u64 = 0;
    loop {
        if let Some(n) = sh.halted {
            return RunResult::Halted(n);
        }
        fire_timers(sh);
        if sh.watch_ended() {
            return RunResult::Yielded;
        }
        let Some(pid) = sh.runq.pop() else {
            let now = sh.host.monotonic_nanos();
            return RunResult::Idle {
                next_timer: sh.timers.next_deadline().map(|d| d.saturating_sub(now)),
            };
        };
        let Some(mut p) = sh.procs.take(pid) else {
            continue; // ended while queued
        };
        p.queued = false;
        if p.status != Status::Runnable {
            sh.procs.put(p);
            continue;
        }
        p.status = Status::Running;
        p.hibernating = false;
        let before = p.reductions;
        let stop = execute(sh, &mut p, regs, REDUCTIONS_PER_SLICE);
        if let Some(total) = p.heap_limit_report.take() {
            heap_limit_report(sh, &p, total);
        }
        spent += p.reductions - before;
        sh.total_reductions += p.reductions - before;
        match stop {
            Stop::Yield => {
                p.status = Status::Runnable;
                sh.runq.push(&mut p);
                sh.procs.put(p);
            }
            Stop::Wait => {
                p.status = Status::Waiting;
                if p.mailbox.has_unseen() {
                    p.status = Status::Runnable;
                    sh.runq.push(&mut p);
                }
                sh.procs.put(p);
            }
            Stop::Normal(v) => {
                sh.note_return(pid, v);
                terminate(sh, &mut None, p, atom::NORMAL);
                signals::reap(sh, &mut None);
            }
            Stop::Died {
                class,
                reason,
                trace,
            } => {
                sh.note_raise(pid, class, reason, trace);
                let exit_reason =
                    crate::emulator::exception::exit_reason(&mut p, class, reason, trace);
                if class != Class::Exit && !sh.is_awaited(pid) {
                    crash_report(sh, pid, exit_reason);
                }
                terminate(sh, &mut None, p, exit_reason);
                signals::reap(sh, &mut None);
            }
            Stop::Halt(n) => {
                sh.procs.put(p);
                return RunResult::Halted(n);
            }
        }
        if spent >= budget {
            return RunResult::Yielded;
        }
    }
}

/// The emulator's report for a process that died of an error nobody watched for
/// ("Error in process ... with exit value: ..."), on stderr.
fn crash_report(sh: &mut Shared, pid: Term, reason: Term) {
    let text = format!(
        "=ERROR REPORT==== {} ===\nError in process {} with exit value:\n{}\n\n",
        crate::bif::system::report_timestamp(sh),
        crate::term::display::display(pid, sh),
        crate::term::display::display(reason, sh)
    );
    sh.host.write_stderr(text.as_bytes());
}

/// ERTS's report for a process whose heap outgrew its `max_heap_size`.
fn heap_limit_report(sh: &mut Shared, p: &Process, total: usize) {
    let text = format!(
        "=ERROR REPORT==== {} ===\n     Process:            {} \n     Context:            \
         maximum heap size reached\n     Max Heap Size:      {}\n     Total Heap Size:    {}\n     \
         Kill:               {}\n     Error Logger:       true\n     Message Queue Len:  {}\n\n",
        crate::bif::system::report_timestamp(sh),
        crate::term::display::display(p.pid(), sh),
        p.max_heap_size,
        total,
        p.max_heap_kill,
        p.mailbox.len()
    );
    sh.host.write_stderr(text.as_bytes());
}

/// Carries out every timer that is due.
fn fire_timers(sh: &mut Shared) {
    if sh.timers.is_empty() {
        return;
    }
    let now = sh.host.monotonic_nanos();
    let due: Vec<TimerAction> = sh.timers.take_due(now);
    for action in due {
        match action {
            TimerAction::ReceiveTimeout(pid) => {
                if let Some(p) = sh.procs.get_mut(pid) {
                    p.receive_timer = None;
                    p.timed_out = true;
                    signals::wake(&mut sh.runq, p);
                }
            }
            TimerAction::Send {
                dest,
                msg,
                frag,
                key,
            } => {
                if dest.is_local_pid() {
                    if let Some(p) = sh.procs.get_mut(dest) {
                        p.timers.retain(|&k| k != key);
                    }
                }
                if sh.host_name == Some(dest) {
                    sh.outbox.push((crate::atom::UNDEFINED, msg, frag));
                    continue;
                }
                let to = match signals::resolve(sh, dest) {
                    Ok(Some(p)) => p,
                    _ => continue,
                };
                signals::deliver(sh, &mut None, to, msg, frag);
            }
        }
    }
}
