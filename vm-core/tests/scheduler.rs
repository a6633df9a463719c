//! The embedding API of the scheduler: `Vm::run(budget)` never blocks, reports the next timer,
//! yields on its budget while a process spins, and reports `halt`. Uses the OTP installation's
//! modules and a host whose clock the test moves.

use std::cell::Cell;
use std::rc::Rc;

use lantern_core::heap::build;
use lantern_core::host::Host;
use lantern_core::scheduler::RunResult;
use lantern_core::{Outcome, Term, Vm};

const MS: u64 = 1_000_000;

/// A host with a clock the test sets, and modules from the OTP installation.
struct TestHost {
    now: Rc<Cell<u64>>,
    out: Rc<std::cell::RefCell<Vec<u8>>>,
}

impl Host for TestHost {
    fn monotonic_nanos(&self) -> u64 {
        self.now.get()
    }
    fn system_time_nanos(&self) -> i64 {
        self.now.get() as i64
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.out.borrow_mut().extend_from_slice(bytes);
    }
    fn write_stderr(&mut self, _: &[u8]) {}
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        let lib = std::path::Path::new("/usr/lib/erlang/lib");
        for entry in std::fs::read_dir(lib).ok()?.flatten() {
            if let Ok(b) = std::fs::read(entry.path().join("ebin").join(format!("{module}.beam"))) {
                return Some(b);
            }
        }
        None
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
}

fn vm() -> Option<(Vm, Rc<Cell<u64>>)> {
    if !std::path::Path::new("/usr/lib/erlang/lib").exists() {
        eprintln!("no OTP installation; skipping");
        return None;
    }
    let now = Rc::new(Cell::new(1_000 * MS));
    let host = TestHost {
        now: now.clone(),
        out: Default::default(),
    };
    Some((Vm::new(Box::new(host)), now))
}

#[test]
fn idle_reports_the_next_timer_and_time_moves_it_on() {
    let Some((mut vm, now)) = vm() else { return };
    vm.spawn("timer", "sleep", &[Term::small(250)]).unwrap();
    assert_eq!(
        vm.run(1_000_000),
        RunResult::Idle {
            next_timer: Some(250 * MS)
        }
    );
    now.set(now.get() + 100 * MS);
    assert_eq!(
        vm.run(1_000_000),
        RunResult::Idle {
            next_timer: Some(150 * MS)
        }
    );
    now.set(now.get() + 150 * MS);
    // The sleeper wakes, returns and ends: nothing is left to do.
    assert_eq!(vm.run(1_000_000), RunResult::Idle { next_timer: None });
    assert_eq!(vm.shared.procs.count(), 0);
}

#[test]
fn a_spinning_process_spends_the_budget_and_yields() {
    let Some((mut vm, now)) = vm() else { return };
    // lists:duplicate/2 of ten million elements: far more than one budget of work.
    vm.spawn(
        "lists",
        "duplicate",
        &[Term::small(10_000_000), Term::small(0)],
    )
    .unwrap();
    vm.spawn("timer", "sleep", &[Term::small(5)]).unwrap();
    assert_eq!(vm.run(20_000), RunResult::Yielded);
    // The sleeper's timer is due: it runs and ends although the other is still busy.
    now.set(now.get() + 10 * MS);
    let mut rounds = 0;
    while vm.shared.procs.count() == 2 {
        assert_eq!(vm.run(20_000), RunResult::Yielded);
        rounds += 1;
        assert!(
            rounds < 10,
            "the timer never fired while another process spun"
        );
    }
}

#[test]
fn halt_ends_the_run_with_its_status() {
    let Some((mut vm, _)) = vm() else { return };
    vm.spawn("erlang", "halt", &[Term::small(3)]).unwrap();
    assert_eq!(vm.run(1_000_000), RunResult::Halted(3));
}

#[test]
fn call_returns_the_value_and_reports_a_deadlock() {
    let Some((mut vm, _)) = vm() else { return };
    let r = vm.results();
    let l = build::list(r, &[Term::small(3), Term::small(1), Term::small(2)]);
    match vm.call("lists", "sort", &[l]) {
        Outcome::Returned(v) => assert_eq!(vm.display(v), "[1,2,3]"),
        _ => panic!("lists:sort/1 did not return"),
    }
    // A receive nobody will ever answer, with no timer: the call can never return.
    let inf = vm.atom("infinity");
    assert!(matches!(
        vm.call("timer", "sleep", &[inf]),
        Outcome::Blocked
    ));
}

#[test]
fn the_embedder_sends_to_a_waiting_process() {
    let Some((mut vm, _)) = vm() else { return };
    // erlang:apply(fun ... end) is not available without a module of ours; a process waiting
    // in `timer:sleep(infinity)` ignores messages, so use `erlang:hibernate/3`, which wakes on
    // any message and then runs `erlang:display/1` of the list [woken].
    let erlang = vm.atom("erlang");
    let display = vm.atom("display");
    let woken = vm.atom("woken");
    let r = vm.results();
    let inner = build::list(r, &[woken]);
    let args = build::list(r, &[inner]);
    let pid = vm
        .spawn("erlang", "hibernate", &[erlang, display, args])
        .unwrap();
    assert_eq!(vm.run(100_000), RunResult::Idle { next_timer: None });
    assert_eq!(vm.shared.procs.count(), 1);
    vm.send(pid, Term::small(42)).unwrap();
    assert_eq!(vm.run(100_000), RunResult::Idle { next_timer: None });
    assert_eq!(vm.shared.procs.count(), 0);
    let nobody = vm.atom("nobody");
    assert!(vm.send(nobody, Term::small(1)).is_err());
}

#[test]
fn erlang_sends_to_the_embedder_through_a_claimed_name() {
    let Some((mut vm, _)) = vm() else { return };
    vm.claim_name("js");
    let js = vm.atom("js");
    let r = vm.results();
    let msg = build::tuple(r, &[Term::small(1), Term::small(2)]);
    let pid = vm.spawn("erlang", "send", &[js, msg]).unwrap();
    assert_eq!(vm.run(100_000), RunResult::Idle { next_timer: None });
    let out = vm.take_outbox();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, pid);
    assert_eq!(vm.display(out[0].1), "{1,2}");
    assert!(vm.take_outbox().is_empty());
}

#[test]
fn a_call_that_could_not_finish_leaves_the_scheduler_usable() {
    let Some((mut vm, _)) = vm() else { return };
    // A call that blocks (receive with no sender) gives up with Blocked ...
    let r = vm.call_bounded("timer", "sleep", &[Term::small(1_000_000)], 4);
    assert!(matches!(r, Some(Outcome::Blocked)));
    // ... and when that process ends later, other processes still run.
    let stuck = *vm.shared.procs.pids().last().unwrap();
    let kill = vm.atom("kill");
    assert!(vm.exit(stuck, kill));
    let pid = vm
        .spawn_call("lists", "seq", &[Term::small(1), Term::small(3)])
        .unwrap();
    assert!(matches!(vm.run(1_000_000), RunResult::Idle { .. }));
    let ended = vm.take_ended_calls();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].0, pid);
    assert!(matches!(ended[0].1, Outcome::Returned(v) if vm.display(v) == "[1,2,3]"));
}

#[test]
fn spawn_call_reports_values_and_exceptions_without_a_crash_report() {
    let Some((mut vm, _)) = vm() else { return };
    let ok = vm.spawn_call("lists", "reverse", &[Term::NIL]).unwrap();
    let bad = vm.spawn_call("erlang", "error", &[Term::small(7)]).unwrap();
    vm.run(1_000_000);
    let mut ended = vm.take_ended_calls();
    ended.sort_by_key(|(p, _, _)| p.raw());
    assert_eq!(ended.len(), 2);
    assert_eq!(ended[0].0, ok);
    assert!(matches!(ended[0].1, Outcome::Returned(v) if v.is_nil()));
    assert_eq!(ended[1].0, bad);
    assert!(matches!(ended[1].1, Outcome::Raised { reason, .. } if reason == Term::small(7)));
    assert!(vm.take_ended_calls().is_empty());
}
