//! Process natives of the `erlang` module: spawning, sending, links and exit signals, process
//! flags and the name registry. Monitors and aliases are in `monitor`, `process_info` and
//! friends in `info`, timers, `yield` and `hibernate` in `timer`.

pub mod info;
pub mod monitor;
pub mod timer;

use alloc::vec::Vec;

use super::{arg_atom, BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::process::signals::{self, ExitKind};
use crate::process::spawn::{self, SpawnOpts};
use crate::process::{Priority, Process, Trap};
use crate::term::Term;

crate::bifs! { "erlang";
    "spawn", 1 => spawn_1;
    "spawn", 2 => spawn_2;
    "spawn", 3 => spawn_3;
    "spawn", 4 => spawn_4;
    "spawn_link", 1 => spawn_link_1;
    "spawn_link", 2 => spawn_link_2;
    "spawn_link", 3 => spawn_link_3;
    "spawn_link", 4 => spawn_link_4;
    "spawn_monitor", 1 => spawn_monitor_1;
    "spawn_monitor", 2 => spawn_monitor_2;
    "spawn_monitor", 3 => spawn_monitor_3;
    "spawn_monitor", 4 => spawn_monitor_4;
    "spawn_opt", 2 => spawn_opt_2;
    "spawn_opt", 3 => spawn_opt_3;
    "spawn_opt", 4 => spawn_opt_4;
    "spawn_opt", 5 => spawn_opt_5;
    "send", 2 => send_2;
    "send", 3 => send_3;
    "!", 2 => send_2;
    "link", 1 => link;
    "unlink", 1 => unlink;
    "exit", 2 => exit_2;
    "process_flag", 2 => process_flag;
    "process_flag", 3 => process_flag_3;
    "register", 2 => register;
    "unregister", 1 => unregister;
    "whereis", 1 => whereis;
    "registered", 0 => registered;
    "group_leader", 0 => group_leader_0;
    "group_leader", 2 => group_leader_2;
}

/// Raises the trap that hands `t` to the dispatch loop.
pub fn trap(p: &mut Process, t: Trap) -> Exception {
    p.trap = t;
    Exception::error(atom::LANTERN_TRAP)
}

/// Ends the processes signals have killed; if the caller itself must exit, traps.
fn settle(ctx: &mut Ctx) -> Result<(), Exception> {
    signals::reap(ctx.vm, &mut Some(&mut *ctx.proc));
    match ctx.proc.trap {
        Trap::None => Ok(()),
        _ => Err(Exception::error(atom::LANTERN_TRAP)),
    }
}

fn is_function(t: Term) -> bool {
    t.is_fun()
}

/// A `Node` argument: only this node (distribution is not there yet).
fn check_node(ctx: &Ctx, node: Term) -> Result<(), Exception> {
    if node.is_atom() && node == ctx.vm.node_name() {
        Ok(())
    } else {
        Err(Exception::badarg())
    }
}

fn start(ctx: &mut Ctx, m: Term, f: Term, args: Term, opts: SpawnOpts) -> BifResult {
    if !m.is_atom() || !f.is_atom() || args.list_to_vec().is_none() {
        return Err(Exception::badarg());
    }
    let (pid, mref) = spawn::spawn(ctx.vm, Some(&mut *ctx.proc), m, f, args, &opts)?;
    Ok(match mref {
        Some(r) => {
            let rf = build::local_ref(&mut ctx.proc.heap, r);
            build::tuple(&mut ctx.proc.heap, &[pid, rf])
        }
        None => pid,
    })
}

fn start_fun(ctx: &mut Ctx, fun: Term, opts: SpawnOpts) -> BifResult {
    if !is_function(fun) {
        return Err(Exception::badarg());
    }
    let args = build::list(&mut ctx.proc.heap, &[fun, Term::NIL]);
    start(ctx, atom::ERLANG, atom::APPLY, args, opts)
}

fn plain(ctx: &Ctx) -> SpawnOpts {
    ctx.vm.spawn_defaults()
}
fn linked(ctx: &Ctx) -> SpawnOpts {
    SpawnOpts {
        link: true,
        ..ctx.vm.spawn_defaults()
    }
}
fn monitored(ctx: &Ctx) -> SpawnOpts {
    SpawnOpts {
        monitor: true,
        ..ctx.vm.spawn_defaults()
    }
}

fn spawn_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start_fun(ctx, a[0], plain(ctx))
}
fn spawn_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start_fun(ctx, a[1], plain(ctx))
}
fn spawn_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start(ctx, a[0], a[1], a[2], plain(ctx))
}
fn spawn_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start(ctx, a[1], a[2], a[3], plain(ctx))
}
fn spawn_link_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start_fun(ctx, a[0], linked(ctx))
}
fn spawn_link_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start_fun(ctx, a[1], linked(ctx))
}
fn spawn_link_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start(ctx, a[0], a[1], a[2], linked(ctx))
}
fn spawn_link_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start(ctx, a[1], a[2], a[3], linked(ctx))
}
fn spawn_monitor_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start_fun(ctx, a[0], monitored(ctx))
}
fn spawn_monitor_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start_fun(ctx, a[1], monitored(ctx))
}
fn spawn_monitor_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    start(ctx, a[0], a[1], a[2], monitored(ctx))
}
fn spawn_monitor_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    start(ctx, a[1], a[2], a[3], monitored(ctx))
}
fn spawn_opt_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let o = spawn::parse_opts(a[1], &ctx.vm.atoms, ctx.vm.spawn_defaults())?;
    start_fun(ctx, a[0], o)
}
fn spawn_opt_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    let o = spawn::parse_opts(a[2], &ctx.vm.atoms, ctx.vm.spawn_defaults())?;
    start_fun(ctx, a[1], o)
}
fn spawn_opt_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let o = spawn::parse_opts(a[3], &ctx.vm.atoms, ctx.vm.spawn_defaults())?;
    start(ctx, a[0], a[1], a[2], o)
}
fn spawn_opt_5(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    check_node(ctx, a[0])?;
    let o = spawn::parse_opts(a[4], &ctx.vm.atoms, ctx.vm.spawn_defaults())?;
    start(ctx, a[1], a[2], a[3], o)
}

fn send_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    crate::emulator::ops::send(ctx.vm, ctx.proc, a[0], a[1])?;
    Ok(a[1])
}

/// `erlang:send/3`: the options only matter between nodes; locally it is `!`, returning `ok`.
fn send_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let opts = a[2].list_to_vec().ok_or_else(Exception::badarg)?;
    if opts
        .iter()
        .any(|&o| o != atom::NOCONNECT && o != atom::NOSUSPEND)
    {
        return Err(Exception::badarg());
    }
    // `{Name, Node}` on a node we cannot reach: `noconnect` asks to be told.
    if let Some(&[n, node]) = a[0].tuple() {
        if n.is_atom() && node.is_atom() && node != ctx.vm.node_name() {
            return Ok(if opts.contains(&atom::NOCONNECT) {
                atom::NOCONNECT
            } else {
                atom::OK
            });
        }
    }
    crate::emulator::ops::send(ctx.vm, ctx.proc, a[0], a[1])?;
    Ok(atom::OK)
}

fn link(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let to = a[0];
    if !to.is_local_pid() {
        return Err(Exception::badarg());
    }
    let me = ctx.proc.pid();
    if to == me || ctx.proc.links.contains(&to) {
        return Ok(atom::TRUE);
    }
    match ctx.vm.procs.get_mut(to) {
        Some(t) if t.status != crate::process::Status::Exiting => {
            t.links.push(me);
            ctx.proc.links.push(to);
            Ok(atom::TRUE)
        }
        _ if ctx.proc.trap_exit => {
            let msg = build::tuple(&mut ctx.proc.heap, &[atom::EXIT_UPPER, to, atom::NOPROC]);
            signals::send_to_pid(ctx.vm, &mut Some(&mut *ctx.proc), me, msg);
            Ok(atom::TRUE)
        }
        _ => Err(Exception::error(atom::NOPROC)),
    }
}

fn unlink(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let to = a[0];
    if !to.is_local_pid() {
        return Err(Exception::badarg());
    }
    let me = ctx.proc.pid();
    ctx.proc.links.retain(|&l| l != to);
    if let Some(t) = ctx.vm.procs.get_mut(to) {
        t.links.retain(|&l| l != me);
    }
    Ok(atom::TRUE)
}

fn exit_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (to, reason) = (a[0], a[1]);
    if !to.is_local_pid() {
        return if to.is_pid() || to.is_port() {
            Ok(atom::TRUE)
        } else {
            Err(Exception::badarg())
        };
    }
    let me = ctx.proc.pid();
    signals::exit_signal(
        ctx.vm,
        &mut Some(&mut *ctx.proc),
        me,
        to,
        reason,
        ExitKind::Exit2,
    );
    settle(ctx)?;
    Ok(atom::TRUE)
}

fn bool_arg(t: Term) -> Result<bool, Exception> {
    match t {
        atom::TRUE => Ok(true),
        atom::FALSE => Ok(false),
        _ => Err(Exception::badarg()),
    }
}

fn process_flag(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (flag, v) = (a[0], a[1]);
    let p = &mut *ctx.proc;
    match flag {
        atom::TRAP_EXIT => {
            let old = p.trap_exit;
            p.trap_exit = bool_arg(v)?;
            Ok(Term::bool(old))
        }
        atom::PRIORITY => {
            let new = Priority::from_atom(v).ok_or_else(Exception::badarg)?;
            Ok(core::mem::replace(&mut p.priority, new).atom())
        }
        atom::MIN_HEAP_SIZE => {
            let n = v
                .as_small()
                .filter(|&n| n >= 0)
                .ok_or_else(Exception::badarg)?;
            let n = spawn::min_heap_words(n as usize)?;
            let old = p.heap.min_heap_size();
            p.heap.set_min_heap_size(n);
            Ok(Term::small(old as i64))
        }
        atom::MAX_HEAP_SIZE => {
            let (n, kill, report) = spawn::parse_max_heap_size(v, &ctx.vm.atoms)?;
            let old = (p.max_heap_size, p.max_heap_kill, p.max_heap_report);
            p.max_heap_size = n;
            p.max_heap_kill = kill;
            p.max_heap_report = report;
            Ok(info::max_heap_size_map(&mut p.heap, old))
        }
        atom::MESSAGE_QUEUE_DATA => {
            let new = match v {
                atom::OFF_HEAP => true,
                atom::ON_HEAP => false,
                _ => return Err(Exception::badarg()),
            };
            let old = core::mem::replace(&mut p.off_heap_queue, new);
            Ok(if old { atom::OFF_HEAP } else { atom::ON_HEAP })
        }
        _ => {
            let name = ctx.vm.atoms.name(arg_atom(flag)?);
            match name {
                "sensitive" => {
                    bool_arg(v)?;
                    Ok(atom::FALSE)
                }
                "save_calls" => {
                    v.as_small()
                        .filter(|n| (0..=10000).contains(n))
                        .ok_or_else(Exception::badarg)?;
                    Ok(Term::small(0))
                }
                "min_bin_vheap_size" => {
                    v.as_small()
                        .filter(|&n| n >= 0)
                        .ok_or_else(Exception::badarg)?;
                    Ok(Term::small(46422))
                }
                _ => Err(Exception::badarg()),
            }
        }
    }
}

/// `process_flag(Pid, save_calls, N)`: the only flag settable on another process.
fn process_flag_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (pid, flag, v) = (a[0], a[1], a[2]);
    let alive = pid == ctx.proc.pid() || ctx.vm.procs.get(pid).is_some();
    if !pid.is_local_pid() || flag != atom::SAVE_CALLS || !alive {
        return Err(Exception::badarg());
    }
    v.as_small()
        .filter(|n| (0..=10000).contains(n))
        .ok_or_else(Exception::badarg)?;
    Ok(Term::small(0))
}

fn register(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (name, pid) = (a[0], a[1]);
    if !name.is_atom() || name == atom::UNDEFINED || !pid.is_local_pid() {
        return Err(Exception::badarg());
    }
    if ctx.vm.registry.contains_key(&name.atom_index()) {
        return Err(Exception::badarg());
    }
    let target = if pid == ctx.proc.pid() {
        Some(&mut *ctx.proc)
    } else {
        ctx.vm
            .procs
            .get_mut(pid)
            .filter(|p| p.status != crate::process::Status::Exiting)
    };
    match target {
        Some(p) if p.registered_name.is_nil() => {
            p.registered_name = name;
            ctx.vm.registry.insert(name.atom_index(), pid);
            Ok(atom::TRUE)
        }
        _ => Err(Exception::badarg()),
    }
}

fn unregister(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let name = arg_atom(a[0])?;
    let pid = ctx
        .vm
        .registry
        .remove(&name.atom_index())
        .ok_or_else(Exception::badarg)?;
    if pid == ctx.proc.pid() {
        ctx.proc.registered_name = Term::NIL;
    } else if let Some(p) = ctx.vm.procs.get_mut(pid) {
        p.registered_name = Term::NIL;
    }
    Ok(atom::TRUE)
}

fn whereis(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let name = arg_atom(a[0])?;
    Ok(ctx
        .vm
        .registry
        .get(&name.atom_index())
        .copied()
        .unwrap_or(atom::UNDEFINED))
}

fn registered(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let names: Vec<Term> = ctx.vm.registry.keys().map(|&i| Term::atom(i)).collect();
    Ok(build::list(&mut ctx.proc.heap, &names))
}

fn group_leader_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    Ok(ctx.proc.group_leader)
}

fn group_leader_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (gl, pid) = (a[0], a[1]);
    if !gl.is_local_pid() || !pid.is_local_pid() {
        return Err(Exception::badarg());
    }
    if pid == ctx.proc.pid() {
        ctx.proc.group_leader = gl;
    } else {
        let p = ctx.vm.procs.get_mut(pid).ok_or_else(Exception::badarg)?;
        p.group_leader = gl;
    }
    Ok(atom::TRUE)
}
