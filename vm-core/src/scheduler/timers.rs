//! Timers: `receive ... after`, `erlang:send_after` and `erlang:start_timer`, ordered by
//! deadline on the host's monotonic clock (nanoseconds). Nothing here waits: the scheduler
//! fires what is due and tells the host when the next deadline is.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::heap::Arena;
use crate::process::RefId;
use crate::term::Term;

/// A timer's place in the queue: deadline, then creation order.
pub type TimerKey = (u64, u64);

pub enum TimerAction {
    /// The `after` of a receive: wakes the process with its timeout flag set.
    ReceiveTimeout(Term),
    /// Sends `msg` (kept in `frag`) to a pid or registered name.
    Send {
        dest: Term,
        msg: Term,
        frag: Option<Arena>,
        /// The timer's own key (filled in by [`Timers::add`]).
        key: TimerKey,
    },
}

struct Timer {
    action: TimerAction,
    reference: Option<RefId>,
}

#[derive(Default)]
pub struct Timers {
    queue: BTreeMap<TimerKey, Timer>,
    by_ref: BTreeMap<RefId, TimerKey>,
    seq: u64,
}

impl Timers {
    /// Adds a timer due at `deadline`; `reference` names it for `cancel_timer`/`read_timer`.
    pub fn add(
        &mut self,
        deadline: u64,
        action: TimerAction,
        reference: Option<RefId>,
    ) -> TimerKey {
        self.seq += 1;
        let key = (deadline, self.seq);
        let mut action = action;
        if let TimerAction::Send { key: k, .. } = &mut action {
            *k = key;
        }
        self.queue.insert(key, Timer { action, reference });
        if let Some(r) = reference {
            self.by_ref.insert(r, key);
        }
        key
    }
    /// Removes a timer; false when it already fired or never existed.
    pub fn cancel(&mut self, key: TimerKey) -> bool {
        self.remove(key).is_some()
    }
    /// Removes a timer and hands back what it would have done.
    pub fn remove(&mut self, key: TimerKey) -> Option<TimerAction> {
        let t = self.queue.remove(&key)?;
        if let Some(r) = t.reference {
            self.by_ref.remove(&r);
        }
        Some(t.action)
    }
    /// The deadline of the timer named `reference`, if it is still pending.
    pub fn deadline_of(&self, reference: RefId) -> Option<TimerKey> {
        self.by_ref.get(&reference).copied()
    }
    /// The earliest deadline.
    pub fn next_deadline(&self) -> Option<u64> {
        self.queue.keys().next().map(|k| k.0)
    }
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
    /// Takes every timer due at `now`, earliest first.
    pub fn take_due(&mut self, now: u64) -> Vec<TimerAction> {
        let mut due = Vec::new();
        while let Some((&key, _)) = self.queue.iter().next() {
            if key.0 > now {
                break;
            }
            if let Some(t) = self.queue.remove(&key) {
                if let Some(r) = t.reference {
                    self.by_ref.remove(&r);
                }
                due.push(t.action);
            }
        }
        due
    }
}

/// Milliseconds left until `deadline`, rounded up (what `cancel_timer`/`read_timer` return).
pub fn ms_left(deadline: u64, now: u64) -> u64 {
    deadline.saturating_sub(now).div_ceil(1_000_000)
}
