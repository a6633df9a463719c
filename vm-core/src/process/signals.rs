//! Signals between processes: messages, exit signals through links and `exit/2`, monitors and
//! their `'DOWN'` messages, and the end of a process.
//!
//! With one scheduler a signal takes effect when it is sent, which keeps the BEAM's guarantee
//! that signals between a pair of processes arrive in order. The running process is not in the
//! table: functions here take it as `cur` and treat it as a possible target. A process an exit
//! signal kills is queued on `Shared::doomed` and ended by [`reap`], so a cascade through a long
//! chain of links runs in a loop, not in recursion.

use alloc::boxed::Box;

use super::mailbox::Message;
use super::{AliasMode, Process, RefId, Status, Trap};
use crate::atom;
use crate::heap::{build, copy, Arena};
use crate::term::Term;
use crate::vm::Shared;

/// The current process if `pid` names it, else the process in the table.
macro_rules! target {
    ($sh:expr, $cur:expr, $pid:expr) => {
        match $cur {
            Some(c) if c.pid() == $pid => Some(&mut **c),
            _ => $sh.procs.get_mut($pid),
        }
    };
}

/// Puts a waiting process back in its run queue.
pub fn wake(runq: &mut crate::scheduler::RunQueues, p: &mut Process) {
    if p.status == Status::Waiting {
        p.status = Status::Runnable;
        runq.push(p);
    }
}

/// Appends an already-copied message to `to`'s queue, waking it; false when `to` is not alive.
pub fn deliver(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    to: Term,
    msg: Term,
    frag: Option<Arena>,
) -> bool {
    let Some(p) = target!(sh, cur, to) else {
        return false;
    };
    if p.status == Status::Exiting {
        return false;
    }
    p.mailbox.push(msg, frag);
    wake(&mut sh.runq, p);
    true
}

/// `Dest ! Msg` for a resolved local pid: copies the message and delivers it.
pub fn send_to_pid(sh: &mut Shared, cur: &mut Option<&mut Process>, to: Term, msg: Term) {
    if !sh.procs.exists(to) {
        return;
    }
    let (m, frag) = Message::copy_of(msg);
    deliver(sh, cur, to, m, frag);
}

/// Where a message addressed to `dest` goes: `Ok(Some(pid))`, `Ok(None)` to drop it silently
/// (a dead pid, an inactive alias, another node), `Err` for `badarg` (an unregistered name).
pub fn resolve(sh: &Shared, dest: Term) -> Result<Option<Term>, ()> {
    if dest.is_local_pid() {
        return Ok(Some(dest));
    }
    if dest.is_atom() {
        return sh
            .registry
            .get(&dest.atom_index())
            .map(|p| Some(*p))
            .ok_or(());
    }
    if let Some(r) = dest.ref_numbers() {
        return Ok(sh.aliases.get(&r).copied());
    }
    if let Some(t) = dest.tuple() {
        if t.len() == 2 && t[0].is_atom() && t[1].is_atom() {
            // `{Name, Node}`: silently dropped when nobody has the name (or on another node).
            if t[1] == sh.node_name() {
                return Ok(sh.registry.get(&t[0].atom_index()).copied());
            }
            return Ok(None);
        }
    }
    if dest.is_port() || dest.is_pid() {
        return Ok(None);
    }
    Err(())
}

/// `Dest ! Msg` from the current process (or from outside any, with `cur` empty): to a pid,
/// registered name, `{Name, Node}` or alias. `Err` for a name nobody has (`badarg`).
pub fn send(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    dest: Term,
    msg: Term,
) -> Result<(), ()> {
    if dest.is_atom() && sh.host_name == Some(dest) {
        let from = cur.as_ref().map(|p| p.pid()).unwrap_or(atom::UNDEFINED);
        let (m, frag) = Message::copy_of(msg);
        sh.outbox.push((from, m, frag));
        return Ok(());
    }
    if let Some(to) = resolve(sh, dest)? {
        match dest.ref_numbers() {
            Some(alias) => send_via_alias(sh, cur, alias, msg),
            None => send_to_pid(sh, cur, to, msg),
        }
    }
    Ok(())
}

/// Delivers through an alias: drops the message when the alias is gone, and ends a
/// `reply_demonitor` alias (and its monitor) on first use.
pub fn send_via_alias(sh: &mut Shared, cur: &mut Option<&mut Process>, alias: RefId, msg: Term) {
    let Some(&owner) = sh.aliases.get(&alias) else {
        return;
    };
    let (m, frag) = Message::copy_of(msg);
    let mut once = false;
    if let Some(p) = target!(sh, cur, owner) {
        once = p
            .aliases
            .iter()
            .any(|&(r, mode)| r == alias && mode == AliasMode::ReplyDemonitor);
    }
    if once {
        unalias(sh, cur, owner, alias);
        demonitor(sh, cur, owner, alias);
    }
    deliver(sh, cur, owner, m, frag);
}

/// Removes an alias of `owner`; false when it had no such alias.
pub fn unalias(sh: &mut Shared, cur: &mut Option<&mut Process>, owner: Term, alias: RefId) -> bool {
    let Some(p) = target!(sh, cur, owner) else {
        return false;
    };
    let before = p.aliases.len();
    p.aliases.retain(|&(r, _)| r != alias);
    let had = p.aliases.len() != before;
    if had {
        sh.aliases.remove(&alias);
    }
    had
}

/// Removes `watcher`'s monitor `reference` from both ends; false when there was none.
pub fn demonitor(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    watcher: Term,
    reference: RefId,
) -> bool {
    let Some(w) = target!(sh, cur, watcher) else {
        return false;
    };
    let Some(i) = w.monitors.iter().position(|m| m.reference == reference) else {
        return false;
    };
    let m = w.monitors.remove(i);
    let demon_alias = w
        .aliases
        .iter()
        .any(|&(r, mode)| r == reference && mode != AliasMode::ExplicitUnalias);
    if demon_alias {
        unalias(sh, cur, watcher, reference);
    }
    if let Some(t) = target!(sh, cur, m.target) {
        t.monitored_by.retain(|b| b.reference != reference);
    }
    true
}

/// How an exit signal was sent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// A linked process ended.
    Link,
    /// `exit(Pid, Reason)`.
    Exit2,
}

/// Sends an exit signal from `from` to `to` with `reason` (any area; it is copied).
pub fn exit_signal(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    from: Term,
    to: Term,
    reason: Term,
    kind: ExitKind,
) {
    let is_cur = matches!(cur, Some(c) if c.pid() == to);
    let Some(t) = target!(sh, cur, to) else {
        return;
    };
    if t.status == Status::Exiting {
        return;
    }
    let untrappable = kind == ExitKind::Exit2 && reason == atom::KILL;
    if t.trap_exit && !untrappable {
        let mut a = Arena::with_capacity(copy::size_of(reason) + 4);
        let r = copy::copy_term(reason, &mut a);
        let msg = build::tuple(&mut a, &[atom::EXIT_UPPER, from, r]);
        deliver(sh, cur, to, msg, Some(a));
        return;
    }
    if reason == atom::NORMAL && from != to {
        return;
    }
    let reason = if untrappable { atom::KILLED } else { reason };
    if is_cur {
        // The caller acts on the request when the native function returns.
        if let Some(c) = cur {
            // The first signal that kills it decides the reason.
            if c.trap == Trap::None {
                let r = copy::copy_term(reason, &mut c.heap);
                c.trap = Trap::Exit(r);
            }
        }
        return;
    }
    t.status = Status::Exiting;
    let mut a = Arena::with_capacity(copy::size_of(reason) + 1);
    let r = copy::copy_term(reason, &mut a);
    sh.doomed.push_back((to, r, a));
}

/// Ends the processes that exit signals have killed (and those their deaths kill in turn).
pub fn reap(sh: &mut Shared, cur: &mut Option<&mut Process>) {
    while let Some((pid, reason, arena)) = sh.doomed.pop_front() {
        if let Some(p) = sh.procs.take(pid) {
            terminate(sh, cur, p, reason);
        }
        drop(arena);
    }
}

/// Ends process `p` with `reason` (on its heap or in a live area): unregisters it, sends its
/// link exit signals and monitor `'DOWN'` messages, and frees its slot and memory.
pub fn terminate(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    mut p: Box<Process>,
    reason: Term,
) {
    let pid = p.pid();
    p.status = Status::Exiting;
    sh.procs.release(pid);
    if let Some(k) = p.receive_timer.take() {
        sh.timers.cancel(k);
    }
    for k in p.timers.drain(..) {
        sh.timers.cancel(k);
    }
    if p.registered_name.is_atom() {
        sh.registry.remove(&p.registered_name.atom_index());
    }
    for (r, _) in p.aliases.drain(..) {
        sh.aliases.remove(&r);
    }
    sh.note_exit(pid, reason);
    crate::bif::ets::owner_exited(sh, cur, pid);
    for l in core::mem::take(&mut p.links) {
        if let Some(t) = target!(sh, cur, l) {
            t.links.retain(|&x| x != pid);
        }
        exit_signal(sh, cur, pid, l, reason, ExitKind::Link);
    }
    for m in core::mem::take(&mut p.monitors) {
        if let Some(t) = target!(sh, cur, m.target) {
            t.monitored_by.retain(|b| b.reference != m.reference);
        }
    }
    for b in core::mem::take(&mut p.monitored_by) {
        let Some(w) = target!(sh, cur, b.watcher) else {
            continue;
        };
        w.monitors.retain(|m| m.reference != b.reference);
        let object = if b.name.is_atom() { Some(b.name) } else { None };
        let node = sh.node_name();
        let tag = b.tag.term();
        send_down(
            sh,
            cur,
            b.watcher,
            (tag, b.reference),
            pid,
            object,
            node,
            reason,
        );
    }
    p.mailbox.clear();
}

/// Sends `{'DOWN', Ref, process, Object, Reason}` to `watcher` (the object is the pid, or
/// `{Name, Node}` for a monitor by name) and ends a `demonitor` alias on the reference.
#[allow(clippy::too_many_arguments)]
pub fn send_down(
    sh: &mut Shared,
    cur: &mut Option<&mut Process>,
    watcher: Term,
    (tag, reference): (Term, RefId),
    pid: Term,
    name: Option<Term>,
    node: Term,
    reason: Term,
) {
    let demon = match target!(sh, cur, watcher) {
        Some(w) => w
            .aliases
            .iter()
            .any(|&(r, mode)| r == reference && mode != AliasMode::ExplicitUnalias),
        None => return,
    };
    if demon {
        unalias(sh, cur, watcher, reference);
    }
    let mut a = Arena::with_capacity(copy::size_of(reason) + copy::size_of(tag) + 16);
    let r = copy::copy_term(reason, &mut a);
    let rf = build::local_ref(&mut a, reference);
    let object = match name {
        Some(n) => build::tuple(&mut a, &[n, node]),
        None => pid,
    };
    let tag = copy::copy_term(tag, &mut a);
    let msg = build::tuple(&mut a, &[tag, rf, atom::PROCESS, object, r]);
    deliver(sh, cur, watcher, msg, Some(a));
}
