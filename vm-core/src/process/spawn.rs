//! Creating processes: `spawn*`, their options, and the start of the VM's first process.

use alloc::boxed::Box;

use super::{Monitor, MonitoredBy, Priority, Process, RefId, Status};
use crate::atom;
use crate::bif::Exception;
use crate::heap::{copy, MIN_HEAP_SIZE, SMALLEST_HEAP_SIZE};
use crate::term::Term;
use crate::vm::Shared;

/// The options of `spawn_opt` (and what `spawn_link`/`spawn_monitor` imply).
#[derive(Clone, Copy)]
pub struct SpawnOpts {
    pub link: bool,
    pub monitor: bool,
    pub priority: Priority,
    pub min_heap_size: usize,
    pub max_heap_size: usize,
    pub max_heap_kill: bool,
    pub max_heap_report: bool,
    pub off_heap_queue: bool,
    /// Start with `trap_exit` set (the CLI's main process, like `erl -eval`'s).
    pub trap_exit: bool,
    /// `{monitor, [{alias, Mode}]}`: the monitor's reference is also an alias of the parent.
    pub monitor_alias: Option<super::AliasMode>,
    /// `{monitor, [{tag, Tag}]}` (a term of the caller's, read during the spawn).
    pub monitor_tag: Term,
}

impl Default for SpawnOpts {
    fn default() -> Self {
        SpawnOpts {
            link: false,
            monitor: false,
            priority: Priority::Normal,
            min_heap_size: MIN_HEAP_SIZE,
            max_heap_size: 0,
            max_heap_kill: true,
            max_heap_report: true,
            off_heap_queue: false,
            trap_exit: false,
            monitor_alias: None,
            monitor_tag: atom::DOWN,
        }
    }
}

/// Spawns `apply(M, F, Args)` (`args` a proper list, in any area: it is copied). With a parent,
/// the link or monitor options tie the two; returns the pid and the monitor's reference.
pub fn spawn(
    sh: &mut Shared,
    parent: Option<&mut Process>,
    m: Term,
    f: Term,
    args: Term,
    opts: &SpawnOpts,
) -> Result<(Term, Option<RefId>), Exception> {
    let arity = args.list_to_vec().ok_or_else(Exception::badarg)?.len();
    let pid = sh.procs.reserve().ok_or_else(Exception::system_limit)?;
    let mut p = Box::new(Process::new(pid.pid_number(), opts.min_heap_size));
    let a = copy::copy_term(args, &mut p.heap);
    p.saved_x = alloc::vec![m, f, a];
    p.begin_apply();
    p.initial_call = (m, f, arity as u32);
    p.priority = opts.priority;
    p.max_heap_size = opts.max_heap_size;
    p.max_heap_kill = opts.max_heap_kill;
    p.max_heap_report = opts.max_heap_report;
    p.off_heap_queue = opts.off_heap_queue;
    p.trap_exit = opts.trap_exit;
    let mut mref = None;
    if let Some(parent) = parent {
        p.group_leader = parent.group_leader;
        p.parent = parent.pid();
        if opts.link {
            p.links.push(parent.pid());
            parent.links.push(pid);
        }
        if opts.monitor {
            let r = sh.make_ref_numbers();
            parent.monitors.push(Monitor {
                reference: r,
                target: pid,
                name: Term::NIL,
            });
            p.monitored_by.push(MonitoredBy {
                reference: r,
                watcher: parent.pid(),
                name: Term::NIL,
                tag: super::DownTag::new(opts.monitor_tag),
            });
            if let Some(mode) = opts.monitor_alias {
                parent.aliases.push((r, mode));
                sh.aliases.insert(r, parent.pid());
            }
            mref = Some(r);
        }
    } else {
        p.group_leader = pid;
    }
    p.status = Status::Runnable;
    sh.runq.push(&mut p);
    sh.procs.put(p);
    Ok((pid, mref))
}

/// Parses a `spawn_opt` option list (`base` gives the defaults).
pub fn parse_opts(
    list: Term,
    atoms: &crate::atom::AtomTable,
    base: SpawnOpts,
) -> Result<SpawnOpts, Exception> {
    let items = list.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut o = base;
    for it in items {
        match it {
            atom::LINK => o.link = true,
            atom::MONITOR => o.monitor = true,
            _ => {
                let Some(t) = it.tuple().filter(|t| t.len() == 2) else {
                    return Err(Exception::badarg());
                };
                let (k, v) = (t[0], t[1]);
                let size = || {
                    v.as_small()
                        .filter(|&n| n >= 0)
                        .map(|n| n as usize)
                        .ok_or_else(Exception::badarg)
                };
                match k {
                    atom::PRIORITY => {
                        o.priority = Priority::from_atom(v).ok_or_else(Exception::badarg)?
                    }
                    atom::MIN_HEAP_SIZE => o.min_heap_size = min_heap_words(size()?)?,
                    atom::MIN_BIN_VHEAP_SIZE | atom::FULLSWEEP_AFTER => {
                        size()?;
                    }
                    atom::MAX_HEAP_SIZE => {
                        let (n, kill, report) = parse_max_heap_size(v, atoms)?;
                        o.max_heap_size = n;
                        o.max_heap_kill = kill;
                        o.max_heap_report = report;
                    }
                    atom::MESSAGE_QUEUE_DATA => {
                        o.off_heap_queue = match v {
                            atom::OFF_HEAP => true,
                            atom::ON_HEAP => false,
                            _ => return Err(Exception::badarg()),
                        }
                    }
                    atom::MONITOR => {
                        let (alias, tag) = crate::bif::process::monitor::monitor_options(v)?;
                        o.monitor = true;
                        o.monitor_alias = alias;
                        o.monitor_tag = tag;
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
        }
    }
    Ok(o)
}

/// Largest `min_heap_size` accepted, in words (1 GiB): a bigger one would abort the VM when
/// the heap is allocated.
pub const MAX_MIN_HEAP_SIZE: usize = 1 << 27;

/// A `min_heap_size` value, checked.
pub fn min_heap_words(n: usize) -> Result<usize, Exception> {
    if n > MAX_MIN_HEAP_SIZE {
        return Err(Exception::system_limit());
    }
    Ok(n.max(SMALLEST_HEAP_SIZE))
}

/// `max_heap_size` as a size or a map `#{size, kill, error_logger}`.
pub fn parse_max_heap_size(
    v: Term,
    atoms: &crate::atom::AtomTable,
) -> Result<(usize, bool, bool), Exception> {
    if let Some(n) = v.as_small() {
        return if n >= 0 {
            Ok((n as usize, true, true))
        } else {
            Err(Exception::badarg())
        };
    }
    if !crate::emulator::ops::is_map(v) {
        return Err(Exception::badarg());
    }
    let (mut n, mut kill, mut report) = (0, true, true);
    for (k, val) in crate::term::map::iter_pairs(v, atoms) {
        match (k, val) {
            (atom::SIZE, s) => {
                n = s
                    .as_small()
                    .filter(|&x| x >= 0)
                    .ok_or_else(Exception::badarg)? as usize
            }
            (atom::KILL, b) if b == atom::TRUE || b == atom::FALSE => kill = b == atom::TRUE,
            (atom::ERROR_LOGGER, b) if b == atom::TRUE || b == atom::FALSE => {
                report = b == atom::TRUE
            }
            _ => return Err(Exception::badarg()),
        }
    }
    Ok((n, kill, report))
}
