//! The process: its heap, stack, registers saved while it is not running, process dictionary,
//! mailbox, links and monitors.

pub mod mailbox;
pub mod signals;
pub mod spawn;
pub mod table;

use alloc::vec::Vec;

use crate::atom;
use crate::code::CodePtr;
use crate::heap::Heap;
use crate::term::Term;

/// Where a process stands with the scheduler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// In a run queue.
    Runnable,
    Running,
    /// Suspended in `receive` (or hibernating) until a message or its timeout.
    Waiting,
    Exiting,
}

/// Scheduling priority (`process_flag(priority, P)`), lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low = 0,
    Normal = 1,
    High = 2,
    Max = 3,
}

impl Priority {
    pub fn from_atom(t: Term) -> Option<Priority> {
        Some(match t {
            atom::LOW => Priority::Low,
            atom::NORMAL => Priority::Normal,
            atom::HIGH => Priority::High,
            atom::MAX => Priority::Max,
            _ => return None,
        })
    }
    pub fn atom(self) -> Term {
        match self {
            Priority::Low => atom::LOW,
            Priority::Normal => atom::NORMAL,
            Priority::High => atom::HIGH,
            Priority::Max => atom::MAX,
        }
    }
}

/// A reference's numbers: how monitors, aliases and timers are keyed.
pub type RefId = [u32; 3];

/// A monitor this process holds on another (`erlang:monitor/2,3`).
#[derive(Clone, Copy)]
pub struct Monitor {
    pub reference: RefId,
    pub target: Term,
    /// The registered name when monitored by name (the DOWN message names `{Name, Node}`).
    pub name: Term,
}

/// A monitor another process holds on this one.
#[derive(Clone)]
pub struct MonitoredBy {
    pub reference: RefId,
    pub watcher: Term,
    pub name: Term,
    pub tag: DownTag,
}

/// The first element of a monitor's `'DOWN'` message: `'DOWN'`, or the `{tag, T}` option of
/// `monitor/3`, kept in an area of its own.
#[derive(Clone, Default)]
pub struct DownTag(Option<alloc::rc::Rc<(Term, crate::heap::Arena)>>);

impl DownTag {
    pub fn new(t: Term) -> DownTag {
        if t == atom::DOWN {
            return DownTag(None);
        }
        let mut a = crate::heap::Arena::with_capacity(crate::heap::copy::size_of(t) + 1);
        let c = crate::heap::copy::copy_term(t, &mut a);
        DownTag(Some(alloc::rc::Rc::new((c, a))))
    }
    pub fn term(&self) -> Term {
        self.0.as_ref().map(|r| r.0).unwrap_or(atom::DOWN)
    }
}

/// When an alias stops working (`alias/1` and `monitor/3` options).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AliasMode {
    ExplicitUnalias,
    /// Also when the monitor sharing the reference is removed or fires.
    Demonitor,
    /// Also when a message arrives through the alias.
    ReplyDemonitor,
}

/// What a native function asks of the dispatch loop beyond returning or raising (it raises
/// [`crate::atom::LANTERN_TRAP`] and leaves the request here).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trap {
    None,
    /// Return this value from the call, then give up the rest of the slice (`erlang:yield/0`).
    Yield(Term),
    /// Exit now with this reason, past any catch (a killing exit signal to oneself).
    Exit(Term),
    /// `erlang:hibernate/3`: drop the stack, wait for a message, then `apply(M, F, A)`
    /// (the three are in `saved_x`).
    Hibernate,
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
    pub id: u64,
    pub heap: Heap,
    /// Y registers and continuation pointers; `y(i)` is `stack[len - 1 - i]`.
    pub stack: Vec<Term>,
    /// Where to resume.
    pub ip: CodePtr,
    /// Live X registers saved while the process is scheduled out.
    pub saved_x: Vec<Term>,
    /// Process dictionary, in insertion order.
    pub dict: Vec<(Term, Term)>,
    pub status: Status,
    pub reductions: u64,
    /// The slice's remaining reductions while a native function runs (ERTS's `fcalls`): a
    /// native charges its work here ([`crate::bif::Ctx::charge`]).
    pub fcalls: i64,
    /// The exception being handled (for `build_stacktrace` / crash reports), if any.
    pub exit_reason: Term,
    pub bin_build: BinBuild,
    pub group_leader: Term,
    /// Safe points seen by the `gc-stress` mode.
    pub stress_tick: u32,

    pub mailbox: mailbox::Mailbox,
    pub links: Vec<Term>,
    pub monitors: Vec<Monitor>,
    pub monitored_by: Vec<MonitoredBy>,
    /// Aliases this process owns (also in `Shared::aliases`).
    pub aliases: Vec<(RefId, AliasMode)>,
    pub trap_exit: bool,
    pub priority: Priority,
    /// Registered name, or `[]`.
    pub registered_name: Term,
    /// The timer of the `receive ... after` it is waiting in.
    pub receive_timer: Option<crate::scheduler::timers::TimerKey>,
    /// Timers (`send_after`/`start_timer`) addressed to this pid: cancelled when it ends.
    pub timers: Vec<crate::scheduler::timers::TimerKey>,
    /// Total heap size when a collection found it over `max_heap_size` (a report is due).
    pub heap_limit_report: Option<usize>,
    /// A collection ran while the message under the save pointer was being matched.
    pub collected_in_receive: bool,
    /// Suspended in `erlang:hibernate/3`.
    pub hibernating: bool,
    /// Set when that timer fired; `wait_timeout` then falls through to `timeout`.
    pub timed_out: bool,
    /// In a run queue already.
    pub queued: bool,
    /// `{M, F, Arity}` it was spawned with.
    pub initial_call: (Term, Term, u32),
    pub trap: Trap,
    /// The process that spawned it (`undefined` for the first).
    pub parent: Term,
    /// `max_heap_size` in words (0: unlimited), and whether to kill / report when exceeded.
    pub max_heap_size: usize,
    pub max_heap_kill: bool,
    pub max_heap_report: bool,
    /// `message_queue_data` (kept for `process_info`; every queue is off-heap here).
    pub off_heap_queue: bool,
}

impl Process {
    pub fn new(id: u64, min_heap_size: usize) -> Process {
        Process {
            id,
            heap: Heap::new(min_heap_size),
            stack: Vec::new(),
            ip: CodePtr { code: 0, ip: 0 },
            saved_x: Vec::new(),
            dict: Vec::new(),
            status: Status::Runnable,
            reductions: 0,
            fcalls: 0,
            exit_reason: Term::NIL,
            bin_build: BinBuild::default(),
            group_leader: Term::NIL,
            stress_tick: 0,
            mailbox: Default::default(),
            links: Vec::new(),
            monitors: Vec::new(),
            monitored_by: Vec::new(),
            aliases: Vec::new(),
            trap_exit: false,
            priority: Priority::Normal,
            registered_name: Term::NIL,
            receive_timer: None,
            timed_out: false,
            timers: Vec::new(),
            hibernating: false,
            collected_in_receive: false,
            heap_limit_report: None,
            queued: false,
            initial_call: (atom::ERLANG, atom::APPLY, 2),
            trap: Trap::None,
            parent: atom::UNDEFINED,
            max_heap_size: 0,
            max_heap_kill: true,
            max_heap_report: true,
            off_heap_queue: false,
        }
    }

    pub fn pid(&self) -> Term {
        Term::pid(self.id)
    }
    /// Makes the process start (over) in `apply(M, F, Args)`, the three in `saved_x`, on a
    /// stack whose only frame ends it normally: how a new and a hibernated process begin.
    pub fn begin_apply(&mut self) {
        self.stack.clear();
        self.stack.push(crate::code::normal_exit_cp());
        self.ip = CodePtr {
            code: crate::code::STUB_CODE,
            ip: crate::code::STUB_APPLY,
        };
    }
    /// Takes the next message for the receive in progress (`remove_message`): its fragment
    /// joins the heap, the `after` timer (if any) is no longer needed.
    ///
    /// A collection while the message was being matched may have promoted terms that point
    /// into its fragment (match contexts, sub-binaries) to the old heap, where a minor
    /// collection would not look; the next collection is then a major one.
    pub fn take_message(&mut self) -> Option<crate::scheduler::timers::TimerKey> {
        if let Some(m) = self.mailbox.take_current() {
            if let Some(frag) = m.frag {
                self.heap.adopt(frag);
                if core::mem::take(&mut self.collected_in_receive) {
                    self.heap.request_gc();
                }
            }
        }
        self.timed_out = false;
        self.receive_timer.take()
    }

    /// `y(i)`, or `None` when the current frame has no such slot (only broken code asks).
    #[inline(always)]
    pub fn y_get(&self, i: u16) -> Option<Term> {
        // One bounds check: past the frame the index wraps far beyond the stack.
        let k = self.stack.len().wrapping_sub(i as usize + 1);
        self.stack.get(k).copied()
    }
    /// Sets `y(i)`; false when there is no such slot.
    #[inline(always)]
    pub fn y_put(&mut self, i: u16, t: Term) -> bool {
        let k = self.stack.len().wrapping_sub(i as usize + 1);
        match self.stack.get_mut(k) {
            Some(slot) => {
                *slot = t;
                true
            }
            None => false,
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
