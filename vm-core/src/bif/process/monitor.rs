//! Monitors (`monitor/2,3`, `demonitor/1,2`) and process aliases (`alias/0,1`, `unalias/1`).

use super::super::{BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::process::signals;
use crate::process::{AliasMode, DownTag, Monitor, MonitoredBy, RefId, Status};
use crate::term::Term;

crate::bifs! { "erlang";
    "monitor", 2 => monitor_2;
    "monitor", 3 => monitor_3;
    "demonitor", 1 => demonitor_1;
    "demonitor", 2 => demonitor_2;
    "alias", 0 => alias_0;
    "alias", 1 => alias_1;
    "unalias", 1 => unalias;
}

fn monitor_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    monitor(ctx, a[0], a[1], None, atom::DOWN)
}

fn monitor_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let (alias, tag) = monitor_options(a[2])?;
    monitor(ctx, a[0], a[1], alias, tag)
}

/// The options of `monitor/3` (and of `spawn_opt`'s `{monitor, Opts}`): `{alias, Mode}` and
/// `{tag, Tag}`.
pub fn monitor_options(list: Term) -> Result<(Option<AliasMode>, Term), Exception> {
    let opts = list.list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut alias, mut tag) = (None, atom::DOWN);
    for o in opts {
        match o.tuple() {
            Some(&[atom::ALIAS, mode]) => alias = Some(alias_mode(mode)?),
            Some(&[atom::TAG, t]) => tag = t,
            _ => return Err(Exception::badarg()),
        }
    }
    Ok((alias, tag))
}

fn alias_mode(t: Term) -> Result<AliasMode, Exception> {
    Ok(match t {
        atom::EXPLICIT_UNALIAS => AliasMode::ExplicitUnalias,
        atom::DEMONITOR => AliasMode::Demonitor,
        atom::REPLY_DEMONITOR => AliasMode::ReplyDemonitor,
        _ => return Err(Exception::badarg()),
    })
}

/// Makes `r` an alias of the calling process.
pub fn add_alias(ctx: &mut Ctx, r: RefId, mode: AliasMode) {
    ctx.proc.aliases.push((r, mode));
    ctx.vm.aliases.insert(r, ctx.proc.pid());
}

fn monitor(
    ctx: &mut Ctx,
    kind: Term,
    target: Term,
    alias: Option<AliasMode>,
    tag: Term,
) -> BifResult {
    if kind != atom::PROCESS {
        // `monitor(time_offset, clock_service)`: the time offset never changes here, so the
        // monitor never fires.
        let (to, cs) = (
            ctx.vm.atoms.intern("time_offset"),
            ctx.vm.atoms.intern("clock_service"),
        );
        if kind == to && target == cs {
            let r = ctx.vm.make_ref_numbers();
            return Ok(build::local_ref(&mut ctx.proc.heap, r));
        }
        return Err(Exception::badarg());
    }
    // The monitored pid and, for a monitor by name, the name.
    let (pid, name) = if target.is_local_pid() {
        (Some(target), Term::NIL)
    } else if target.is_atom() {
        (ctx.vm.registry.get(&target.atom_index()).copied(), target)
    } else {
        match target.tuple() {
            Some(&[n, node]) if n.is_atom() && node.is_atom() => {
                if node != ctx.vm.node_name() {
                    return Err(Exception::badarg());
                }
                (ctx.vm.registry.get(&n.atom_index()).copied(), n)
            }
            _ => return Err(Exception::badarg()),
        }
    };
    let r = ctx.vm.make_ref_numbers();
    let me = ctx.proc.pid();
    // A process cannot outlive itself: monitoring oneself makes no monitor (and no alias).
    if pid == Some(me) {
        return Ok(build::local_ref(&mut ctx.proc.heap, r));
    }
    if let Some(mode) = alias {
        add_alias(ctx, r, mode);
    }
    let watched = MonitoredBy {
        reference: r,
        watcher: me,
        name,
        tag: DownTag::new(tag),
    };
    let alive = match pid {
        Some(p) => match ctx.vm.procs.get_mut(p) {
            Some(t) if t.status != Status::Exiting => {
                t.monitored_by.push(watched);
                true
            }
            _ => false,
        },
        None => false,
    };
    if alive {
        ctx.proc.monitors.push(Monitor {
            reference: r,
            target: pid.unwrap_or(Term::NIL),
            name,
        });
    } else {
        let node = ctx.vm.node_name();
        signals::send_down(
            ctx.vm,
            &mut Some(&mut *ctx.proc),
            me,
            (tag, r),
            target,
            if name.is_atom() { Some(name) } else { None },
            node,
            atom::NOPROC,
        );
    }
    Ok(build::local_ref(&mut ctx.proc.heap, r))
}

fn demonitor_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let r = a[0].ref_numbers().ok_or_else(Exception::badarg)?;
    let me = ctx.proc.pid();
    signals::demonitor(ctx.vm, &mut Some(&mut *ctx.proc), me, r);
    Ok(atom::TRUE)
}

fn demonitor_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let r = a[0].ref_numbers().ok_or_else(Exception::badarg)?;
    let opts = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut flush, mut info) = (false, false);
    for o in opts {
        match o {
            atom::FLUSH => flush = true,
            atom::INFO => info = true,
            _ => return Err(Exception::badarg()),
        }
    }
    let me = ctx.proc.pid();
    let found = signals::demonitor(ctx.vm, &mut Some(&mut *ctx.proc), me, r);
    if flush {
        ctx.proc.mailbox.remove_first(
            |m| matches!(m.tuple(), Some(&[_, rf, _, _, _]) if rf.ref_numbers() == Some(r)),
        );
    }
    Ok(if info { Term::bool(found) } else { atom::TRUE })
}

fn alias_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let r = ctx.vm.make_ref_numbers();
    add_alias(ctx, r, AliasMode::ExplicitUnalias);
    Ok(build::local_ref(&mut ctx.proc.heap, r))
}

fn alias_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let opts = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let mut mode = AliasMode::ExplicitUnalias;
    for o in opts {
        mode = match o {
            atom::EXPLICIT_UNALIAS => AliasMode::ExplicitUnalias,
            t if t.is_atom() && ctx.vm.atoms.name(t) == "reply" => AliasMode::ReplyDemonitor,
            _ => return Err(Exception::badarg()),
        };
    }
    let r = ctx.vm.make_ref_numbers();
    add_alias(ctx, r, mode);
    Ok(build::local_ref(&mut ctx.proc.heap, r))
}

fn unalias(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let r = a[0].ref_numbers().ok_or_else(Exception::badarg)?;
    let me = ctx.proc.pid();
    Ok(Term::bool(signals::unalias(
        ctx.vm,
        &mut Some(&mut *ctx.proc),
        me,
        r,
    )))
}
