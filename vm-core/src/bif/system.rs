//! Time, system and process introspection natives: `monotonic_time`, `system_time`,
//! `timestamp`, `system_info/1`, `pid_to_list`, `process_info` (of the running process), the
//! `os` clock/environment functions and the `erts_internal` helpers erlang.beam relies on.
//!
//! Time comes from the `Host`; the native time unit is the nanosecond.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{arg_atom, BifResult, Ctx, Exception};
use crate::atom;
use crate::heap::build;
use crate::term::Term;
use crate::vm::Shared;

/// Ticks per second of a time-unit argument (`native` = nanoseconds).
fn unit_per_second(ctx: &mut Ctx, u: Term) -> Result<u64, Exception> {
    if let Some(n) = u.as_small() {
        return if n > 0 {
            Ok(n as u64)
        } else {
            Err(Exception::badarg())
        };
    }
    if !u.is_atom() {
        return Err(Exception::badarg());
    }
    Ok(match ctx.vm.atoms.name(u) {
        "second" | "seconds" => 1,
        "millisecond" | "milli_seconds" => 1_000,
        "microsecond" | "micro_seconds" => 1_000_000,
        "nanosecond" | "nano_seconds" | "native" | "perf_counter" => 1_000_000_000,
        _ => return Err(Exception::badarg()),
    })
}

/// `nanos` converted to `per_sec` ticks, rounding towards negative infinity as ERTS does.
fn convert(nanos: i128, per_sec: u64) -> i128 {
    let p = per_sec as i128;
    (nanos * p).div_euclid(1_000_000_000)
}

fn int(ctx: &mut Ctx, v: i128) -> Term {
    build::int128(&mut ctx.proc.heap, v)
}

/// ERTS's monotonic clock starts at a large negative value; only differences matter. This is
/// how far Erlang's `monotonic_time` is below the host's clock.
pub const MONOTONIC_SHIFT_NANOS: i128 = 1i128 << 59;

fn monotonic_nanos(ctx: &Ctx) -> i128 {
    ctx.vm.host.monotonic_nanos() as i128 - MONOTONIC_SHIFT_NANOS
}

/// The offset between system time and monotonic time, fixed at start-up.
fn time_offset_nanos(ctx: &Ctx) -> i128 {
    ctx.vm.host.system_time_nanos() as i128 - monotonic_nanos(ctx)
}

crate::bifs! { "erlang";
    "monotonic_time", 0 => monotonic_time_0;
    "monotonic_time", 1 => monotonic_time_1;
    "system_time", 0 => system_time_0;
    "system_time", 1 => system_time_1;
    "time_offset", 0 => time_offset_0;
    "time_offset", 1 => time_offset_1;
    "timestamp", 0 => timestamp;
    "system_info", 1 => system_info;
    "pid_to_list", 1 => pid_to_list;
    "list_to_pid", 1 => list_to_pid;
    "ref_to_list", 1 => ref_to_list;
    "port_to_list", 1 => port_to_list;
    "bump_reductions", 1 => bump_reductions;
    "date", 0 => date;
    "time", 0 => time;
    "localtime", 0 => universaltime;
    "universaltime", 0 => universaltime;
    "now", 0 => now;
    "universaltime_to_localtime", 1 => same_datetime;
    "localtime_to_universaltime", 2 => localtime_to_universaltime;
    "universaltime_to_posixtime", 1 => universaltime_to_posixtime;
    "posixtime_to_universaltime", 1 => posixtime_to_universaltime;
    "module_loaded", 1 => module_loaded;
    "loaded", 0 => loaded;
    "pre_loaded", 0 => pre_loaded;
    "statistics", 1 => statistics;
}

// -- calendar (the host clock is UTC; Lantern has no time-zone database, so local time = UTC) --

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `24-Nov-2026::10:00:00.123456` (UTC) for the emulator's error reports.
pub fn report_timestamp(sh: &Shared) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let ns = sh.host.system_time_nanos();
    let (secs, us) = (
        ns.div_euclid(1_000_000_000),
        ns.rem_euclid(1_000_000_000) / 1000,
    );
    let (y, m, d) = civil_from_days(secs.div_euclid(86400));
    let t = secs.rem_euclid(86400);
    format!(
        "{}-{}-{}::{:02}:{:02}:{:02}.{:06}",
        d,
        MONTHS[(m - 1) as usize],
        y,
        t / 3600,
        t / 60 % 60,
        t % 60,
        us
    )
}

fn datetime_term(ctx: &mut Ctx, secs: i64) -> Term {
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let h = &mut ctx.proc.heap;
    let date = build::tuple(h, &[Term::small(y), Term::small(mo), Term::small(d)]);
    let time = build::tuple(
        h,
        &[
            Term::small(s / 3600),
            Term::small(s / 60 % 60),
            Term::small(s % 60),
        ],
    );
    build::tuple(h, &[date, time])
}

/// Seconds since the epoch of a valid `{{Y,M,D},{H,Mi,S}}`.
fn datetime_secs(t: Term) -> Result<i64, Exception> {
    let bad = Exception::badarg;
    let [date, time] = t.tuple().ok_or_else(bad)? else {
        return Err(bad());
    };
    let ints = |t: &Term| -> Option<[i64; 3]> {
        match t.tuple()? {
            [a, b, c] => Some([a.as_small()?, b.as_small()?, c.as_small()?]),
            _ => None,
        }
    };
    let [y, mo, d] = ints(date).ok_or_else(bad)?;
    let [h, mi, s] = ints(time).ok_or_else(bad)?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo) || d < 1 || d > mdays[(mo - 1) as usize] || y < 0 {
        return Err(bad());
    }
    if !(0..24).contains(&h) || !(0..60).contains(&mi) || !(0..60).contains(&s) {
        return Err(bad());
    }
    Ok(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

fn now_secs(ctx: &Ctx) -> i64 {
    ctx.vm.host.system_time_nanos().div_euclid(1_000_000_000)
}

fn universaltime(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let s = now_secs(ctx);
    Ok(datetime_term(ctx, s))
}

fn date(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let dt = universaltime(ctx, &[])?;
    Ok(dt.tuple().map(|e| e[0]).unwrap_or(Term::NIL))
}

fn time(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let dt = universaltime(ctx, &[])?;
    Ok(dt.tuple().map(|e| e[1]).unwrap_or(Term::NIL))
}

/// `erlang:now/0`: like `timestamp/0` but strictly increasing across calls.
fn now(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let mut us = ctx.vm.host.system_time_nanos().div_euclid(1000);
    if us <= ctx.vm.last_now_us {
        us = ctx.vm.last_now_us + 1;
    }
    ctx.vm.last_now_us = us;
    Ok(mega_secs_micro(ctx, us))
}

fn same_datetime(_: &mut Ctx, a: &[Term]) -> BifResult {
    datetime_secs(a[0])?;
    Ok(a[0])
}

fn localtime_to_universaltime(_: &mut Ctx, a: &[Term]) -> BifResult {
    datetime_secs(a[0])?;
    if !a[1].is_boolean() && a[1] != atom::UNDEFINED {
        return Err(Exception::badarg());
    }
    Ok(a[0])
}

fn universaltime_to_posixtime(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = datetime_secs(a[0])?;
    Ok(build::int(&mut ctx.proc.heap, s))
}

fn posixtime_to_universaltime(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = a[0].as_small().ok_or_else(Exception::badarg)?;
    Ok(datetime_term(ctx, s))
}

fn module_loaded(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_atom(a[0])?;
    Ok(Term::bool(ctx.vm.code.current(m).is_some()))
}

fn loaded(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let mods: Vec<Term> = ctx
        .vm
        .code
        .modules
        .iter()
        .filter(|(_, v)| v.current.is_some())
        .map(|(a, _)| Term::atom(*a))
        .filter(|m| !ctx.vm.atoms.name(*m).starts_with('$'))
        .collect();
    Ok(build::list(&mut ctx.proc.heap, &mods))
}

/// The modules ERTS preloads (Lantern loads them from the OTP installation on first use).
pub const PRELOADED: &[&str] = &[
    "atomics",
    "counters",
    "erl_init",
    "erl_prim_loader",
    "erl_tracer",
    "erlang",
    "erts_code_purger",
    "erts_dirty_process_signal_handler",
    "erts_internal",
    "erts_literal_area_collector",
    "init",
    "persistent_term",
    "prim_buffer",
    "prim_eval",
    "prim_file",
    "prim_inet",
    "prim_net",
    "prim_socket",
    "prim_zip",
    "socket_registry",
    "zlib",
];

fn pre_loaded(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let mods: Vec<Term> = PRELOADED.iter().map(|m| ctx.vm.atoms.intern(m)).collect();
    Ok(build::list(&mut ctx.proc.heap, &mods))
}

/// `statistics/1` for the items a single process can answer.
fn statistics(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let item = String::from(ctx.vm.atoms.name(arg_atom(a[0])?));
    let ms = (ctx.vm.host.monotonic_nanos() / 1_000_000) as i64;
    match item.as_str() {
        "runtime" | "wall_clock" => {
            let last = if item == "runtime" {
                &mut ctx.vm.last_runtime_ms
            } else {
                &mut ctx.vm.last_wall_ms
            };
            let since = ms - *last;
            *last = ms;
            Ok(build::tuple(
                &mut ctx.proc.heap,
                &[Term::small(ms), Term::small(since)],
            ))
        }
        "reductions" | "exact_reductions" => {
            let r = ctx.vm.total_reductions as i64;
            let since = r - ctx.vm.last_reductions;
            ctx.vm.last_reductions = r;
            Ok(build::tuple(
                &mut ctx.proc.heap,
                &[Term::small(r), Term::small(since)],
            ))
        }
        "run_queue" | "total_run_queue_lengths" | "total_run_queue_lengths_all" => {
            Ok(Term::small(ctx.vm.runq.len() as i64))
        }
        "run_queue_lengths" | "run_queue_lengths_all" => {
            let n = Term::small(ctx.vm.runq.len() as i64);
            Ok(build::list(&mut ctx.proc.heap, &[n]))
        }
        "active_tasks" | "active_tasks_all" => {
            let n = Term::small(ctx.vm.runq.len() as i64 + 1);
            Ok(build::list(&mut ctx.proc.heap, &[n]))
        }
        "total_active_tasks" | "total_active_tasks_all" => {
            Ok(Term::small(ctx.vm.runq.len() as i64 + 1))
        }
        "garbage_collection" => {
            let n = (ctx.proc.heap.minor_gcs + ctx.proc.heap.major_gcs) as i64;
            Ok(build::tuple(
                &mut ctx.proc.heap,
                &[Term::small(n), Term::small(0), Term::small(0)],
            ))
        }
        _ => Err(Exception::badarg()),
    }
}

fn monotonic_time_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let n = monotonic_nanos(ctx);
    Ok(int(ctx, n))
}

fn monotonic_time_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let per = unit_per_second(ctx, a[0])?;
    let n = convert(monotonic_nanos(ctx), per);
    Ok(int(ctx, n))
}

fn system_time_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let n = ctx.vm.host.system_time_nanos() as i128;
    Ok(int(ctx, n))
}

fn system_time_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let per = unit_per_second(ctx, a[0])?;
    let n = convert(ctx.vm.host.system_time_nanos() as i128, per);
    Ok(int(ctx, n))
}

fn time_offset_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let n = time_offset_nanos(ctx);
    Ok(int(ctx, n))
}

fn time_offset_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let per = unit_per_second(ctx, a[0])?;
    let n = convert(time_offset_nanos(ctx), per);
    Ok(int(ctx, n))
}

/// `{MegaSecs, Secs, MicroSecs}` for a count of microseconds.
fn mega_secs_micro(ctx: &mut Ctx, us: i64) -> Term {
    let parts = [
        Term::small(us / 1_000_000_000_000),
        Term::small((us / 1_000_000) % 1_000_000),
        Term::small(us % 1_000_000),
    ];
    build::tuple(&mut ctx.proc.heap, &parts)
}

/// `{MegaSecs, Secs, MicroSecs}` of the system clock.
fn timestamp(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let us = ctx.vm.host.system_time_nanos().div_euclid(1000);
    Ok(mega_secs_micro(ctx, us))
}

fn system_info(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let h = &mut ctx.proc.heap;
    if let Some([k, v]) = a[0].tuple() {
        if ctx.vm.atoms.name(*k) == "wordsize" && v.is_atom() {
            return match ctx.vm.atoms.name(*v) {
                "internal" | "external" => Ok(Term::small(8)),
                _ => Err(Exception::badarg()),
            };
        }
        return Err(Exception::badarg());
    }
    let key = arg_atom(a[0])?;
    let name = String::from(ctx.vm.atoms.name(key));
    Ok(match name.as_str() {
        "otp_release" => build::charlist(h, "25"),
        "version" => build::charlist(h, "13.1.5"),
        "machine" => build::charlist(h, "BEAM"),
        "wordsize" => Term::small(8),
        "schedulers" | "schedulers_online" | "logical_processors" | "thread_pool_size" => {
            Term::small(1)
        }
        "process_count" => Term::small(ctx.vm.procs.count() as i64),
        "process_limit" => Term::small(crate::process::table::MAX_PROCESSES as i64),
        "atom_count" => Term::small(ctx.vm.atoms.len() as i64),
        "atom_limit" => Term::small(1_048_576),
        "emu_flavor" => ctx.vm.atoms.intern("emu"),
        "emu_type" => ctx.vm.atoms.intern("opt"),
        "smp_support" | "threads" => atom::TRUE,
        "debug_compiled" | "kernel_poll" => atom::FALSE,
        "system_architecture" => build::charlist(h, "lantern"),
        "system_version" => build::charlist(h, "Lantern (BEAM in Rust) [no_std core]\n"),
        "os_type" => {
            let (fam, n) = (ctx.vm.atoms.intern("unix"), ctx.vm.atoms.intern("lantern"));
            build::tuple(&mut ctx.proc.heap, &[fam, n])
        }
        _ => return Err(Exception::badarg()),
    })
}

fn pid_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_local_pid() {
        return Err(Exception::badarg());
    }
    let s = format!("<0.{}.{}>", a[0].pid_index(), a[0].pid_serial());
    Ok(build::charlist(&mut ctx.proc.heap, &s))
}

/// Parses `"<0.N.0>"` (local node only).
fn list_to_pid(_: &mut Ctx, a: &[Term]) -> BifResult {
    let chars = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let s: String = chars
        .iter()
        .map(|c| {
            c.as_small()
                .and_then(|v| char::from_u32(v as u32))
                .unwrap_or('\0')
        })
        .collect();
    let inner = s
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .ok_or_else(Exception::badarg)?;
    let parts: Vec<&str> = inner.split('.').collect();
    let num = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    match parts.as_slice() {
        [node, n, serial] if num(node) == Some(0) => match (num(n), num(serial)) {
            (Some(n), Some(s)) if n < 1 << crate::term::PID_INDEX_BITS => Ok(Term::pid_of(n, s)),
            _ => Err(Exception::badarg()),
        },
        _ => Err(Exception::badarg()),
    }
}

fn ref_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let s = crate::term::display::display(a[0], ctx.vm);
    if !a[0].is_ref() {
        return Err(Exception::badarg());
    }
    Ok(build::charlist(&mut ctx.proc.heap, &s))
}

fn port_to_list(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_port() {
        return Err(Exception::badarg());
    }
    let s = crate::term::display::display(a[0], ctx.vm);
    Ok(build::charlist(&mut ctx.proc.heap, &s))
}

fn bump_reductions(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let n = a[0]
        .as_small()
        .filter(|&n| n >= 0)
        .ok_or_else(Exception::badarg)?;
    ctx.proc.reductions += n as u64;
    Ok(atom::TRUE)
}

pub mod os {
    use super::*;
    crate::bifs! { "os";
        "timestamp", 0 => timestamp;
        "system_time", 0 => system_time_0;
        "system_time", 1 => system_time_1;
        "perf_counter", 0 => perf_counter_0;
        "getenv", 1 => getenv;
        "env", 0 => env;
        "getpid", 0 => getpid;
    }

    fn perf_counter_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        let n = ctx.vm.host.monotonic_nanos() as i128;
        Ok(int(ctx, n))
    }

    fn text(t: Term) -> Option<String> {
        let v = t.list_to_vec()?;
        v.iter()
            .map(|c| c.as_small().and_then(|c| char::from_u32(c as u32)))
            .collect()
    }

    fn getenv(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        let name = text(a[0]).ok_or_else(Exception::badarg)?;
        match ctx.vm.host.getenv(&name) {
            Some(v) => Ok(build::charlist(&mut ctx.proc.heap, &v)),
            None => Ok(atom::FALSE),
        }
    }

    fn env(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        let vars = ctx.vm.host.environment();
        let h = &mut ctx.proc.heap;
        let items: Vec<Term> = vars
            .iter()
            .map(|(k, v)| {
                let (k, v) = (build::charlist(h, k), build::charlist(h, v));
                build::tuple(h, &[k, v])
            })
            .collect();
        Ok(build::list(h, &items))
    }

    fn getpid(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        let s = format!("{}", ctx.vm.host.os_pid());
        Ok(build::charlist(&mut ctx.proc.heap, &s))
    }
}

pub mod erts_internal {
    use super::*;
    crate::bifs! { "erts_internal";
        "time_unit", 0 => time_unit;
        "perf_counter_unit", 0 => time_unit;
        "garbage_collect", 1 => garbage_collect;
        "request_system_task", 3 => request_system_task;
    }

    /// `erlang:garbage_collect/1,2` of another process: `{garbage_collect, ReqId, Type}`
    /// makes a major collection due in the target and answers `{garbage_collect, ReqId,
    /// Alive}` at once (ERTS answers once it has collected). Other system tasks: `badarg`.
    fn request_system_task(ctx: &mut Ctx, a: &[Term]) -> BifResult {
        let (pid, task) = (a[0], a[2]);
        let gc = ctx.vm.atoms.intern("garbage_collect");
        let Some(&[kind, req, _]) = task.tuple() else {
            return Err(Exception::badarg());
        };
        if kind != gc || !pid.is_local_pid() {
            return Err(Exception::badarg());
        }
        let alive = if pid == ctx.proc.pid() {
            ctx.proc.heap.request_gc();
            true
        } else {
            match ctx.vm.procs.get_mut(pid) {
                Some(p) => {
                    p.heap.request_gc();
                    true
                }
                None => false,
            }
        };
        let me = ctx.proc.pid();
        let msg = build::tuple(&mut ctx.proc.heap, &[gc, req, Term::bool(alive)]);
        crate::process::signals::send_to_pid(ctx.vm, &mut Some(&mut *ctx.proc), me, msg);
        Ok(atom::TRUE)
    }

    fn time_unit(_: &mut Ctx, _: &[Term]) -> BifResult {
        Ok(Term::small(1_000_000_000))
    }

    /// Collections happen at the next safe point (native functions never collect); asking for
    /// one makes it due there.
    fn garbage_collect(ctx: &mut Ctx, _: &[Term]) -> BifResult {
        ctx.proc.heap.request_gc();
        Ok(atom::TRUE)
    }
}
