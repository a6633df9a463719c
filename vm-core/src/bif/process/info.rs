//! `process_info/1,2`, `processes/0`, `is_process_alive/1`.
//!
//! An item's value is built in a scratch area from the (read-only) target process, then copied
//! onto the caller's heap, so the caller asking about itself and about another process go the
//! same way.

use alloc::vec::Vec;

use super::super::{arg_atom, BifResult, Ctx, Exception};
use crate::atom::{self, AtomTable};
use crate::code::{CodePtr, STUB_CODE};
use crate::heap::{build, copy, Alloc, Arena};
use crate::process::{Process, Status};
use crate::term::Term;
use crate::vm::Shared;

crate::bifs! { "erlang";
    "process_info", 1 => process_info_1;
    "process_info", 2 => process_info_2;
    "processes", 0 => processes;
    "is_process_alive", 1 => is_process_alive;
}

/// The items of `process_info/1`, in ERTS's order (`registered_name` first when there is one).
const INFO_1_ITEMS: &[&str] = &[
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// Stack frames `process_info(_, current_stacktrace)` shows at most.
const STACKTRACE_DEPTH: usize = 8;

fn is_process_alive(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let pid = a[0];
    if !pid.is_local_pid() {
        return Err(Exception::badarg());
    }
    Ok(Term::bool(
        pid == ctx.proc.pid()
            || ctx
                .vm
                .procs
                .get(pid)
                .is_some_and(|p| p.status != Status::Exiting),
    ))
}

fn processes(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let pids = ctx.vm.procs.pids();
    Ok(build::list(&mut ctx.proc.heap, &pids))
}

/// Runs `f` on the target process (the caller itself or one in the table); `None` when it is
/// not alive.
fn with_target<R>(
    ctx: &mut Ctx,
    pid: Term,
    f: impl FnOnce(&Process, &mut Shared, bool) -> R,
) -> Result<Option<R>, Exception> {
    if !pid.is_local_pid() {
        return Err(Exception::badarg());
    }
    if pid == ctx.proc.pid() {
        return Ok(Some(f(ctx.proc, ctx.vm, true)));
    }
    let Some(p) = ctx.vm.procs.take(pid) else {
        return Ok(None);
    };
    let r = if p.status == Status::Exiting {
        None
    } else {
        Some(f(&p, ctx.vm, false))
    };
    ctx.vm.procs.put(p);
    Ok(r)
}

fn process_info_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let keys: Vec<Term> = INFO_1_ITEMS
        .iter()
        .map(|n| ctx.vm.atoms.intern(n))
        .collect();
    let built = with_target(ctx, a[0], |p, sh, is_self| {
        let mut out = Arena::new();
        let mut items = Vec::new();
        if p.registered_name.is_atom() {
            let k = sh.atoms.intern("registered_name");
            items.push(build::tuple(&mut out, &[k, p.registered_name]));
        }
        for &k in &keys {
            if let Some(v) = item(p, sh, is_self, k, &mut out) {
                items.push(build::tuple(&mut out, &[k, v]));
            }
        }
        let l = build::list(&mut out, &items);
        (l, out)
    })?;
    Ok(match built {
        Some((t, out)) => {
            let r = copy::copy_term(t, &mut ctx.proc.heap);
            drop(out);
            r
        }
        None => atom::UNDEFINED,
    })
}

fn process_info_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let single = a[1].is_atom();
    let keys = if single {
        alloc::vec![a[1]]
    } else {
        a[1].list_to_vec().ok_or_else(Exception::badarg)?
    };
    for &k in &keys {
        arg_atom(k)?;
    }
    let built = with_target(ctx, a[0], |p, sh, is_self| {
        let mut out = Arena::new();
        let mut items = Vec::new();
        for &k in &keys {
            match item(p, sh, is_self, k, &mut out) {
                Some(v) => items.push((k, v)),
                None => return Err(Exception::badarg()),
            }
        }
        Ok((items, out))
    })?;
    let Some(built) = built else {
        return Ok(atom::UNDEFINED);
    };
    let (items, out) = built?;
    let heap = &mut ctx.proc.heap;
    let rname = ctx.vm.atoms.intern("registered_name");
    let r = if single {
        let (k, v) = items[0];
        let v = copy::copy_term(v, heap);
        // An unregistered process answers `[]`, not a tuple.
        if k == rname && v.is_nil() {
            Term::NIL
        } else {
            build::tuple(heap, &[k, v])
        }
    } else {
        let tuples: Vec<Term> = items
            .iter()
            .map(|&(k, v)| {
                let v = copy::copy_term(v, heap);
                build::tuple(heap, &[k, v])
            })
            .collect();
        build::list(heap, &tuples)
    };
    drop(out);
    Ok(r)
}

/// The `{M, F, Arity}` of the function holding instruction `cp`.
fn mfa_at(sh: &Shared, cp: CodePtr, out: &mut Arena) -> Option<Term> {
    let code = sh.code.try_get(cp.code)?;
    let f = code.function_at(cp.ip)?;
    Some(build::tuple(
        out,
        &[code.module, f.function, Term::small(f.arity as i64)],
    ))
}

/// Where the process is: the function of its next instruction, `erlang:hibernate/3` while
/// hibernating, its initial call before it first runs.
fn current_function(p: &Process, sh: &Shared, out: &mut Arena) -> Term {
    if p.hibernating {
        return build::tuple(out, &[atom::ERLANG, atom::HIBERNATE, Term::small(3)]);
    }
    if p.ip.code == STUB_CODE {
        let (m, f, a) = p.initial_call;
        return build::tuple(out, &[m, f, Term::small(a as i64)]);
    }
    mfa_at(sh, p.ip, out).unwrap_or(atom::UNDEFINED)
}

/// `{M, F, A, [{file, F}, {line, L}]}` for instruction `ip` of code `cp.code`.
fn frame_at(sh: &Shared, cp: CodePtr, out: &mut Arena) -> Option<Term> {
    let code = sh.code.try_get(cp.code)?;
    let f = code.function_at(cp.ip)?;
    let mut loc = Vec::new();
    if let Some((file, line)) = code.lines.lookup(cp.ip, f.start) {
        let fl = build::charlist(out, file);
        loc.push(build::tuple(out, &[atom::FILE, fl]));
        loc.push(build::tuple(out, &[atom::LINE, Term::small(line as i64)]));
    }
    let loc = build::list(out, &loc);
    Some(build::tuple(
        out,
        &[code.module, f.function, Term::small(f.arity as i64), loc],
    ))
}

fn stacktrace(p: &Process, sh: &Shared, out: &mut Arena) -> Term {
    let mut frames = Vec::new();
    frames.extend(frame_at(sh, p.ip, out));
    for &w in p.stack.iter().rev() {
        if frames.len() >= STACKTRACE_DEPTH {
            break;
        }
        if w.primary_tag() != 0 || w.is_non_value() {
            continue;
        }
        let cp = CodePtr::from_cp(w.raw());
        if cp.code == STUB_CODE {
            continue;
        }
        let at = CodePtr {
            code: cp.code,
            ip: cp.ip.saturating_sub(1),
        };
        frames.extend(frame_at(sh, at, out));
    }
    build::list(out, &frames)
}

/// `#{error_logger => B, kill => B, size => N}` (the `max_heap_size` setting).
pub fn max_heap_size_map(out: &mut impl Alloc, (size, kill, report): (usize, bool, bool)) -> Term {
    // Keys in term order: error_logger < kill < size.
    let keys = [atom::ERROR_LOGGER, atom::KILL, atom::SIZE];
    let vals = [
        Term::bool(report),
        Term::bool(kill),
        Term::small(size as i64),
    ];
    build::flatmap(out, &keys, &vals)
}

fn name_of(atoms: &AtomTable, t: Term) -> &str {
    atoms.name(t)
}

/// One item's value, or `None` for an item ERTS does not know (`badarg`).
fn item(p: &Process, sh: &mut Shared, is_self: bool, key: Term, out: &mut Arena) -> Option<Term> {
    let name = alloc::string::String::from(name_of(&sh.atoms, key));
    let small = |n: usize| Term::small(n as i64);
    Some(match name.as_str() {
        "registered_name" => p.registered_name,
        "status" => match (is_self, p.status) {
            (true, _) | (_, Status::Running) => atom::RUNNING,
            (_, Status::Runnable) => atom::RUNNABLE,
            (_, Status::Waiting) => atom::WAITING,
            (_, Status::Exiting) => atom::EXITING,
        },
        "message_queue_len" => small(p.mailbox.len()),
        "messages" => {
            let ms: Vec<Term> = p.mailbox.iter().map(|m| copy::copy_term(m, out)).collect();
            build::list(out, &ms)
        }
        "links" => build::list(out, &p.links),
        "monitors" => {
            let ms: Vec<Term> = p
                .monitors
                .iter()
                .map(|m| {
                    let obj = if m.name.is_atom() {
                        build::tuple(out, &[m.name, sh.node_name()])
                    } else {
                        m.target
                    };
                    build::tuple(out, &[atom::PROCESS, obj])
                })
                .collect();
            build::list(out, &ms)
        }
        "monitored_by" => {
            let ws: Vec<Term> = p.monitored_by.iter().map(|b| b.watcher).collect();
            build::list(out, &ws)
        }
        "dictionary" => {
            let items: Vec<Term> = p
                .dict
                .iter()
                .map(|&(k, v)| {
                    let k = copy::copy_term(k, out);
                    let v = copy::copy_term(v, out);
                    build::tuple(out, &[k, v])
                })
                .collect();
            build::list(out, &items)
        }
        "trap_exit" => Term::bool(p.trap_exit),
        "error_handler" => atom::ERROR_HANDLER,
        "priority" => p.priority.atom(),
        "group_leader" => p.group_leader,
        "heap_size" => small(p.heap.heap_size()),
        "total_heap_size" => small(p.heap.total_heap_size()),
        "stack_size" => small(p.stack.len()),
        "reductions" => small(p.reductions as usize),
        "memory" => small(memory(p)),
        "garbage_collection" => {
            let mhs = max_heap_size_map(out, (p.max_heap_size, p.max_heap_kill, p.max_heap_report));
            let items = [
                ("max_heap_size", mhs),
                ("min_bin_vheap_size", small(46422)),
                ("min_heap_size", small(p.heap.min_heap_size())),
                ("fullsweep_after", small(65535)),
                ("minor_gcs", small(p.heap.minor_gcs as usize)),
            ];
            let ts: Vec<Term> = items
                .iter()
                .map(|&(k, v)| {
                    let k = sh.atoms.intern(k);
                    build::tuple(out, &[k, v])
                })
                .collect();
            build::list(out, &ts)
        }
        "suspending" => Term::NIL,
        "current_function" => current_function(p, sh, out),
        "current_location" => match frame_at(sh, p.ip, out) {
            Some(t) => t,
            None => atom::UNDEFINED,
        },
        "current_stacktrace" => stacktrace(p, sh, out),
        "initial_call" => {
            let (m, f, a) = p.initial_call;
            build::tuple(out, &[m, f, small(a as usize)])
        }
        "message_queue_data" => {
            if p.off_heap_queue {
                atom::OFF_HEAP
            } else {
                atom::ON_HEAP
            }
        }
        "max_heap_size" => {
            max_heap_size_map(out, (p.max_heap_size, p.max_heap_kill, p.max_heap_report))
        }
        "min_heap_size" => small(p.heap.min_heap_size()),
        "min_bin_vheap_size" => small(46422),
        "fullsweep_after" => small(65535),
        "catchlevel" => small(0),
        "sequential_trace_token" => Term::NIL,
        "last_calls" => atom::FALSE,
        "binary" => Term::NIL,
        "parent" => p.parent,
        _ => return None,
    })
}

/// Bytes a process takes: its control block, heap, stack and queued messages.
pub fn memory(p: &Process) -> usize {
    core::mem::size_of::<Process>()
        + p.heap.total_heap_size() * 8
        + p.stack.capacity() * 8
        + p.mailbox.len() * 64
}

/// One row of an embedder's live process view (the web page's process table).
pub struct Summary {
    pub pid: Term,
    /// The registered name (an atom), if any.
    pub name: Option<Term>,
    /// `running`, `runnable`, `waiting` or `exiting`, as `process_info(P, status)` says.
    pub status: Term,
    pub reductions: u64,
    /// Bytes, as `process_info(P, memory)`.
    pub memory: usize,
    pub message_queue_len: usize,
    /// `{M, F, Arity}` built in `out`, as `process_info(P, current_function)`.
    pub current_function: Term,
}

/// A [`Summary`] of every live process, in pid order; terms built go to `out`.
pub fn summaries(sh: &Shared, out: &mut Arena) -> Vec<Summary> {
    sh.procs
        .pids()
        .into_iter()
        .filter_map(|pid| {
            let p = sh.procs.get(pid)?;
            Some(Summary {
                pid,
                name: p.registered_name.is_atom().then_some(p.registered_name),
                status: match p.status {
                    Status::Running => atom::RUNNING,
                    Status::Runnable => atom::RUNNABLE,
                    Status::Waiting => atom::WAITING,
                    Status::Exiting => atom::EXITING,
                },
                reductions: p.reductions,
                memory: memory(p),
                message_queue_len: p.mailbox.len(),
                current_function: current_function(p, sh, out),
            })
        })
        .collect()
}
