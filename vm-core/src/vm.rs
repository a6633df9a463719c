//! `Vm`: the embedding API used by the CLI and the wasm bindings.

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::atom::AtomTable;
use crate::bif::Class;
use crate::bif::{BifEntry, BifId};
use crate::code::{Code, CodePtr, CodeTable, ExportTable, ExportTarget};
use crate::emulator::instr::Instr;
use crate::emulator::Regs;
use crate::heap::copy;
use crate::heap::Arena;
use crate::host::Host;
use crate::loader::{self, LoadError};
use crate::process::table::ProcTable;
use crate::process::{Process, RefId};
use crate::scheduler::timers::Timers;
use crate::scheduler::{RunQueues, RunResult};
use crate::term::Term;

/// Everything the emulator and native functions share: tables, code, the host.
pub struct Shared {
    pub atoms: AtomTable,
    pub code: CodeTable,
    pub exports: ExportTable,
    pub bifs: Vec<BifEntry>,
    bif_index: crate::vecmap::VecMap<(u32, u32, u32), BifId>,
    pub host: Box<dyn Host>,
    /// Counter behind `make_ref/0` and `unique_integer`.
    pub next_unique: u64,
    /// Set by `erlang:halt/1`.
    pub halted: Option<i32>,
    /// Modules a failed autoload already tried (avoid retrying on every call).
    pub missing_modules: Vec<u32>,
    /// `erlang:apply/2,3`, which the emulator performs itself.
    pub apply2: BifId,
    pub apply3: BifId,
    /// `erlang:send/2`, whose frame a failing `!` shows.
    pub send2: Option<BifId>,
    /// Operators with an inline small-integer path in the dispatch loop.
    pub fast: FastOps,
    pub persistent: crate::bif::misc::PersistentTerms,
    /// Last value of `erlang:now/0` (it never repeats) and the `statistics/1` baselines.
    pub last_now_us: i64,
    pub last_runtime_ms: i64,
    pub last_wall_ms: i64,
    pub last_reductions: i64,

    pub procs: ProcTable,
    pub runq: RunQueues,
    pub timers: Timers,
    /// Registered names: atom index → pid.
    pub registry: crate::vecmap::VecMap<u32, Term>,
    /// Active process aliases → owner.
    pub aliases: BTreeMap<RefId, Term>,
    /// Processes an exit signal has killed, with their reasons, not yet ended.
    pub doomed: VecDeque<(Term, Term, Arena)>,
    /// Terms handed back to the embedder live here.
    pub results: Arena,
    /// The process whose end [`Vm::call`] waits for, and how it ended.
    watch: Option<(Term, Option<Outcome>)>,
    /// Processes started by [`Vm::spawn_call`] (by raw pid), and how they ended, each outcome
    /// in an area of its own (it outlives [`Vm::clear_results`] until taken).
    calls: crate::vecmap::VecMap<u64, Option<(Outcome, Arena)>>,
    /// Reductions spent by every process so far (`statistics(reductions)`).
    pub total_reductions: u64,
    /// ETS tables.
    pub ets: crate::bif::ets::Tables,
    /// Default minimum heap size of new processes, in words (`erl +hms`).
    pub default_min_heap_size: usize,
    /// The name messages to the embedder are sent to (`js ! Msg` in the browser build).
    pub host_name: Option<Term>,
    /// Messages sent to `host_name`, with their senders, until the embedder takes them.
    pub outbox: Vec<(Term, Term, Option<Arena>)>,
}

/// BIF ids of the operators the emulator inlines for small integers.
#[derive(Default, Clone, Copy)]
pub struct FastOps {
    pub plus: Option<BifId>,
    pub minus: Option<BifId>,
    pub times: Option<BifId>,
    pub band: Option<BifId>,
    pub bor: Option<BifId>,
    pub bxor: Option<BifId>,
    pub rem: Option<BifId>,
    pub div: Option<BifId>,
    pub bsr: Option<BifId>,
    pub bsl: Option<BifId>,
    /// Unary `+`.
    pub uplus: Option<BifId>,
}

impl Shared {
    /// The native function for `M:F/A`, if one is registered.
    pub fn bif_for(&self, m: Term, f: Term, arity: u32) -> Option<BifId> {
        self.bif_index
            .get(&(m.atom_index(), f.atom_index(), arity))
            .copied()
    }
    #[inline(always)]
    pub fn bif(&self, id: BifId) -> &BifEntry {
        &self.bifs[id.0 as usize]
    }
    /// The BIF's `{M, F, A}` as atoms.
    pub fn bif_mfa(&mut self, id: BifId) -> (Term, Term, u32) {
        let e = self.bifs[id.0 as usize];
        (
            self.atoms.intern(e.module),
            self.atoms.intern(e.name),
            e.arity as u32,
        )
    }

    /// Makes a loaded code version addressable by its id (not yet the current version).
    fn install(&mut self, code: Code) -> u32 {
        let id = code.id;
        while self.code.codes.len() <= id as usize {
            self.code.codes.push(None);
        }
        self.code.codes[id as usize] = Some(Rc::new(code));
        id
    }

    /// Makes an installed code version the current version of its module.
    fn publish(&mut self, id: u32) -> Term {
        let code = self.code.get(id).clone();
        let module = code.module;
        let v = self.code.modules.get_or_default(module.atom_index());
        v.old = v.current.take();
        v.current = Some(id);
        for e in &code.exports {
            let x = self.exports.entry(module, e.function, e.arity);
            if let ExportTarget::Bif(_) = self.exports.entries[x as usize].target {
                continue; // a native stub in an Erlang module (e.g. erlang:length/1)
            }
            self.exports.entries[x as usize].target = ExportTarget::Code(CodePtr {
                code: id,
                ip: e.entry,
            });
        }
        self.missing_modules.retain(|&m| m != module.atom_index());
        module
    }

    /// Loads `.beam` bytes and makes them the module's current version, after running its
    /// `-on_load` function (if any) and checking that it returned `ok`.
    pub fn load_module(&mut self, bytes: &[u8]) -> Result<Term, LoadError> {
        let id = self.code.next_id().max(1);
        let mut code = loader::load(bytes, id, self)?;
        if let Some(instrs) = Rc::get_mut(&mut code.instrs) {
            crate::emulator::specialize::specialize(instrs, &self.fast);
        }
        let on_load = code.on_load;
        let module = code.module;
        self.install(code);
        if let Some(entry) = on_load {
            if !self.run_on_load(id, entry) {
                self.code.codes[id as usize] = None;
                return Err(LoadError {
                    module: Some(String::from(self.atoms.name(module))),
                    chunk: String::from("Code"),
                    offset: 0,
                    message: String::from("on_load function failed"),
                });
            }
        }
        Ok(self.publish(id))
    }

    /// Runs a module's `-on_load` function in a temporary process, to completion (it runs
    /// inside the caller's load, so it gets a bounded budget: one that loops fails the load).
    /// Whatever the process set up (names, links, monitors, tables) ends with it.
    fn run_on_load(&mut self, id: u32, entry: u32) -> bool {
        const MAX_SLICES: usize = 10_000;
        use crate::emulator::{execute, Regs, Stop};
        // A pid no table slot can have.
        let ghost = Term::pid_of((1 << crate::term::PID_INDEX_BITS) - 1, u32::MAX);
        let mut p = Process::new(ghost.pid_number(), crate::heap::MIN_HEAP_SIZE);
        p.stack.push(crate::code::normal_exit_cp());
        p.ip = CodePtr {
            code: id,
            ip: entry,
        };
        let mut regs = Regs::new();
        let mut ok = false;
        for _ in 0..MAX_SLICES {
            match execute(
                self,
                &mut p,
                &mut regs,
                crate::scheduler::REDUCTIONS_PER_SLICE,
            ) {
                Stop::Yield => continue,
                Stop::Normal(v) => ok = v == crate::atom::OK,
                _ => {}
            }
            break;
        }
        let reason = if ok {
            crate::atom::NORMAL
        } else {
            crate::atom::KILLED
        };
        crate::process::signals::terminate(self, &mut None, Box::new(p), reason);
        crate::process::signals::reap(self, &mut None);
        ok
    }

    /// Makes sure `module` is loaded, asking the host for its bytes; false when it cannot be.
    pub fn ensure_loaded(&mut self, module: Term) -> bool {
        if self.code.current(module).is_some() {
            return true;
        }
        if self.missing_modules.contains(&module.atom_index()) {
            return false;
        }
        let name = String::from(self.atoms.name(module));
        let ok = match self.host.find_module(&name) {
            Some(bytes) => match self.load_module(&bytes) {
                Ok(m) if m == module => true,
                Ok(_) => false,
                Err(e) => {
                    let msg = format!("=ERROR REPORT==== loading {name}: {e}\n");
                    self.host.write_stderr(msg.as_bytes());
                    false
                }
            },
            None => false,
        };
        if !ok {
            self.missing_modules.push(module.atom_index());
        }
        ok
    }

    /// The options a plain `spawn` gets.
    pub fn spawn_defaults(&self) -> crate::process::spawn::SpawnOpts {
        crate::process::spawn::SpawnOpts {
            min_heap_size: self.default_min_heap_size,
            ..Default::default()
        }
    }

    /// This node's name (`nonode@nohost` until distribution starts).
    pub fn node_name(&self) -> Term {
        crate::atom::NONODE
    }

    pub(crate) fn is_watched(&self, pid: Term) -> bool {
        matches!(self.watch, Some((w, _)) if w == pid)
    }
    /// Whether the embedder waits for this process's outcome (then its crash is no report).
    pub(crate) fn is_awaited(&self, pid: Term) -> bool {
        self.is_watched(pid) || self.calls.contains_key(&pid.raw())
    }
    pub(crate) fn watch_ended(&self) -> bool {
        matches!(self.watch, Some((_, Some(_))))
    }
    /// The watched process returned `v`.
    pub(crate) fn note_return(&mut self, pid: Term, v: Term) {
        if let Some(slot @ None) = self.calls.get_mut(&pid.raw()) {
            let mut a = Arena::new();
            let v = copy::copy_term(v, &mut a);
            *slot = Some((Outcome::Returned(v), a));
        }
        if self.is_watched(pid) {
            let v = copy::copy_term(v, &mut self.results);
            self.watch = Some((pid, Some(Outcome::Returned(v))));
        }
    }
    /// The watched process died of an uncaught exception.
    pub(crate) fn note_raise(&mut self, pid: Term, class: Class, reason: Term, trace: Term) {
        if let Some(slot @ None) = self.calls.get_mut(&pid.raw()) {
            let mut a = Arena::new();
            let o = Outcome::Raised {
                class: class.atom(),
                reason: copy::copy_term(reason, &mut a),
                stacktrace: copy::copy_term(trace, &mut a),
            };
            *slot = Some((o, a));
        }
        if self.is_watched(pid) {
            let o = Outcome::Raised {
                class: class.atom(),
                reason: copy::copy_term(reason, &mut self.results),
                stacktrace: copy::copy_term(trace, &mut self.results),
            };
            self.watch = Some((pid, Some(o)));
        }
    }
    /// A process ended (any way): the watched one, killed by a signal, ends the wait too.
    pub(crate) fn note_exit(&mut self, pid: Term, reason: Term) {
        if let Some(slot @ None) = self.calls.get_mut(&pid.raw()) {
            let mut a = Arena::new();
            let o = Outcome::Raised {
                class: crate::atom::EXIT,
                reason: copy::copy_term(reason, &mut a),
                stacktrace: Term::NIL,
            };
            *slot = Some((o, a));
        }
        if self.is_watched(pid) && !self.watch_ended() {
            let o = Outcome::Raised {
                class: crate::atom::EXIT,
                reason: copy::copy_term(reason, &mut self.results),
                stacktrace: Term::NIL,
            };
            self.watch = Some((pid, Some(o)));
        }
    }

    /// A fresh reference number triple.
    pub fn make_ref_numbers(&mut self) -> [u32; 3] {
        self.next_unique += 1;
        let n = self.next_unique;
        [n as u32, (n >> 32) as u32, 0]
    }
}

/// The outcome of running a function to completion in a fresh process.
pub enum Outcome {
    /// The function returned; the value has been copied into `Vm::results`.
    Returned(Term),
    /// The process died: class, reason and the built stack trace (all in `Vm::results`).
    Raised {
        class: Term,
        reason: Term,
        stacktrace: Term,
    },
    /// `erlang:halt/1` was called.
    Halted(i32),
    /// The function never ended: every process waits for a message and no timer is pending
    /// (the real BEAM would wait forever), or the host cannot wait for the next timer.
    Blocked,
}

/// A Lantern virtual machine.
pub struct Vm {
    pub shared: Shared,
    /// The scheduler's X and float registers.
    regs: Regs,
}

impl Vm {
    pub fn new(host: Box<dyn Host>) -> Vm {
        let mut atoms = AtomTable::new();
        let mut bifs = Vec::new();
        let mut bif_index = crate::vecmap::VecMap::new();
        let mut exports = ExportTable::default();
        for table in crate::bif::all_tables() {
            for e in table {
                let m = atoms.intern(e.module);
                let f = atoms.intern(e.name);
                let key = (m.atom_index(), f.atom_index(), e.arity as u32);
                if bif_index.contains_key(&key) {
                    continue;
                }
                let id = BifId(bifs.len() as u16);
                bifs.push(*e);
                bif_index.insert(key, id);
                let x = exports.entry(m, f, e.arity as u32);
                exports.entries[x as usize].target = ExportTarget::Bif(id);
            }
        }
        let erlang = atoms.intern("erlang");
        let mut id_of = |name: &str, arity: u32| {
            let f = atoms.intern(name);
            bif_index
                .get(&(erlang.atom_index(), f.atom_index(), arity))
                .copied()
        };
        let apply2 = id_of("apply", 2).expect("apply/2 registered");
        let apply3 = id_of("apply", 3).expect("apply/3 registered");
        let send2 = id_of("send", 2);
        let fast = FastOps {
            plus: id_of("+", 2),
            minus: id_of("-", 2),
            times: id_of("*", 2),
            band: id_of("band", 2),
            bor: id_of("bor", 2),
            bxor: id_of("bxor", 2),
            rem: id_of("rem", 2),
            div: id_of("div", 2),
            bsr: id_of("bsr", 2),
            bsl: id_of("bsl", 2),
            uplus: id_of("+", 1),
        };
        let mut code = CodeTable::default();
        code.codes
            .push(Some(Rc::new(stub_code(&mut atoms, apply3))));
        Vm {
            shared: Shared {
                atoms,
                code,
                exports,
                bifs,
                bif_index,
                host,
                next_unique: 0,
                halted: None,
                missing_modules: Vec::new(),
                apply2,
                apply3,
                send2,
                fast,
                persistent: Default::default(),
                last_now_us: 0,
                last_runtime_ms: 0,
                last_wall_ms: 0,
                last_reductions: 0,
                procs: ProcTable::default(),
                runq: RunQueues::default(),
                timers: Timers::default(),
                registry: crate::vecmap::VecMap::new(),
                aliases: BTreeMap::new(),
                doomed: VecDeque::new(),
                results: Arena::new(),
                watch: None,
                calls: crate::vecmap::VecMap::new(),
                total_reductions: 0,
                ets: Default::default(),
                default_min_heap_size: crate::heap::MIN_HEAP_SIZE,
                host_name: None,
                outbox: Vec::new(),
            },
            regs: Regs::new(),
        }
    }

    pub fn load_module(&mut self, bytes: &[u8]) -> Result<Term, LoadError> {
        self.shared.load_module(bytes)
    }

    pub fn atom(&mut self, name: &str) -> Term {
        self.shared.atoms.intern(name)
    }

    /// Starts the system processes OTP code expects (`init`, `logger`, `kernel_sup`,
    /// `code_server`), from the embedded `lantern_boot` module. `flags` are what
    /// `init:get_arguments/0` answers (`[{root, ["/usr/lib/erlang"]}, ...]`). A VM works without
    /// these processes, but crash reports, supervisors and `code` need them.
    pub fn boot(&mut self, flags: &[(&str, &[&str])]) -> Result<(), String> {
        self.load_module(BOOT_BEAM).map_err(|e| format!("{e}"))?;
        let r = &mut self.shared.results;
        let mut items = Vec::new();
        for (flag, values) in flags {
            let vs: Vec<Term> = values
                .iter()
                .map(|v| crate::heap::build::charlist(r, v))
                .collect();
            let vl = crate::heap::build::list(r, &vs);
            let f = self.shared.atoms.intern(flag);
            items.push(crate::heap::build::tuple(r, &[f, vl]));
        }
        let list = crate::heap::build::list(r, &items);
        self.spawn("lantern_boot", "start", &[list])
            .map_err(|e| self.display(e))?;
        match self.call("lantern_boot", "await", &[]) {
            Outcome::Returned(v) if self.display(v) == "{started,started}" => Ok(()),
            Outcome::Returned(v) => Err(self.display(v)),
            Outcome::Raised { reason, .. } => Err(self.display(reason)),
            Outcome::Halted(n) => Err(format!("halted with status {n}")),
            Outcome::Blocked => Err(String::from("blocked")),
        }
    }

    /// Tells the VM that the host can now find modules it could not before (a bundle arrived):
    /// modules an earlier call found missing are looked up again on their next call.
    pub fn code_path_changed(&mut self) {
        self.shared.missing_modules.clear();
    }

    /// Sets the default minimum heap size of new processes, in words (`erl +hms`; at least 12).
    pub fn set_default_min_heap_size(&mut self, words: usize) {
        self.shared.default_min_heap_size = crate::heap::gc::next_heap_size(words.max(12));
    }

    /// Frees the terms of earlier [`Outcome`]s and of arguments built in [`Vm::results`]. An
    /// embedder that runs many calls (a REPL) calls this between them; the terms it held are
    /// gone afterwards.
    pub fn clear_results(&mut self) {
        self.shared.results = Arena::new();
    }

    /// Terms handed back to the embedder ([`Outcome`] values) live here (until
    /// [`Vm::clear_results`]).
    pub fn results(&mut self) -> &mut Arena {
        &mut self.shared.results
    }

    /// Spawns a process running `module:function(args...)` (the args are copied) and returns
    /// its pid; it runs when [`Vm::run`] is called.
    pub fn spawn(&mut self, module: &str, function: &str, args: &[Term]) -> Result<Term, Term> {
        let opts = self.shared.spawn_defaults();
        self.spawn_with(module, function, args, opts)
    }

    /// Spawns a program's main process: it traps exits and is linked to `init`, as the
    /// process `erl -eval` runs an expression in.
    pub fn spawn_main(
        &mut self,
        module: &str,
        function: &str,
        args: &[Term],
    ) -> Result<Term, Term> {
        let opts = crate::process::spawn::SpawnOpts {
            trap_exit: true,
            ..self.shared.spawn_defaults()
        };
        let pid = self.spawn_with(module, function, args, opts)?;
        self.link_to_init(pid);
        Ok(pid)
    }

    fn spawn_with(
        &mut self,
        module: &str,
        function: &str,
        args: &[Term],
        opts: crate::process::spawn::SpawnOpts,
    ) -> Result<Term, Term> {
        let m = self.atom(module);
        let f = self.atom(function);
        let list = crate::heap::build::list(&mut self.shared.results, args);
        crate::process::spawn::spawn(&mut self.shared, None, m, f, list, &opts)
            .map(|(pid, _)| pid)
            .map_err(|e| e.reason)
    }

    /// Sends `msg` (a term of the embedder's, e.g. built in [`Vm::results`]) to a pid, a
    /// registered name or an alias, as `Dest ! Msg` would from outside any process: the message
    /// is copied, the receiver woken. `Err` for a name nobody has (`badarg` in Erlang).
    pub fn send(&mut self, dest: Term, msg: Term) -> Result<(), Term> {
        crate::process::signals::send(&mut self.shared, &mut None, dest, msg)
            .map_err(|()| crate::atom::BADARG)
    }

    /// Sends an exit signal to `pid` from outside any process, as `exit(Pid, Reason)` would
    /// (`kill` cannot be trapped); a trapping process sees `{'EXIT', From, Reason}` with the
    /// claimed name (or `undefined`) as `From`. False when no such process lives.
    pub fn exit(&mut self, pid: Term, reason: Term) -> bool {
        if !pid.is_pid() || !self.shared.procs.exists(pid) {
            return false;
        }
        let from = self.shared.host_name.unwrap_or(crate::atom::UNDEFINED);
        let kind = crate::process::signals::ExitKind::Exit2;
        crate::process::signals::exit_signal(&mut self.shared, &mut None, from, pid, reason, kind);
        crate::process::signals::reap(&mut self.shared, &mut None);
        true
    }

    /// Makes `Name ! Msg` (and `erlang:send(Name, Msg)`) from Erlang code deliver to the
    /// embedder: the messages wait in an outbox that [`Vm::take_outbox`] empties.
    pub fn claim_name(&mut self, name: &str) {
        let n = self.atom(name);
        self.shared.host_name = Some(n);
    }

    /// The messages Erlang sent to the claimed name since the last call, oldest first, as
    /// `(sender pid, message)`: valid while the returned areas live.
    pub fn take_outbox(&mut self) -> Vec<(Term, Term, Option<Arena>)> {
        core::mem::take(&mut self.shared.outbox)
    }

    /// Runs processes until `budget` reductions are spent or none can run; never blocks.
    pub fn run(&mut self, budget: u64) -> RunResult {
        crate::scheduler::run(&mut self.shared, &mut self.regs, budget)
    }

    /// Runs `module:function(args...)` in a fresh process, with every other process it starts,
    /// until it returns, raises or halts. Waits for timers through [`Host::sleep`].
    pub fn call(&mut self, module: &str, function: &str, args: &[Term]) -> Outcome {
        self.call_bounded(module, function, args, usize::MAX)
            .unwrap_or(Outcome::Blocked)
    }

    /// [`Vm::call`] for a program's main function: its process traps exits, as the process
    /// `erl -eval` runs an expression in does (a crashing linked process sends it a message
    /// instead of killing it).
    pub fn call_main(&mut self, module: &str, function: &str, args: &[Term]) -> Outcome {
        let spawned = self.spawn_main(module, function, args);
        self.run_watched(spawned, usize::MAX)
            .unwrap_or(Outcome::Blocked)
    }

    /// Links a new main process to `init`, as erl's evaluator process is.
    fn link_to_init(&mut self, pid: Term) {
        let init = self.atom("init");
        let Some(&i) = self.shared.registry.get(&init.atom_index()) else {
            return;
        };
        if let (Some(p), true) = (self.shared.procs.get_mut(pid), i != pid) {
            p.links.push(i);
        } else {
            return;
        }
        if let Some(ip) = self.shared.procs.get_mut(i) {
            ip.links.push(pid);
        }
    }

    /// Starts `module:function(args...)` in a fresh process whose end is reported by
    /// [`Vm::take_ended_calls`]: how an event-loop embedder runs a call without waiting.
    pub fn spawn_call(
        &mut self,
        module: &str,
        function: &str,
        args: &[Term],
    ) -> Result<Term, Term> {
        let pid = self.spawn(module, function, args)?;
        self.shared.calls.insert(pid.raw(), None);
        Ok(pid)
    }

    /// The processes started by [`Vm::spawn_call`] that ended since the last call, with their
    /// outcomes (whose terms live in the arena beside each).
    pub fn take_ended_calls(&mut self) -> Vec<(Term, Outcome, Arena)> {
        let ended: Vec<u64> = self
            .shared
            .calls
            .iter()
            .filter(|(_, o)| o.is_some())
            .map(|(&k, _)| k)
            .collect();
        let mut out = Vec::with_capacity(ended.len());
        for k in ended {
            if let Some(Some((o, a))) = self.shared.calls.remove(&k) {
                out.push((Term(k), o, a));
            }
        }
        out
    }

    /// Stops waiting for a [`Vm::spawn_call`] process (the process itself goes on).
    pub fn forget_call(&mut self, pid: Term) {
        self.shared.calls.remove(&pid.raw());
    }

    /// Like [`Vm::call`], but gives up (returning `None`) after `max_slices` scheduler slices'
    /// worth of reductions: for embedders and tests that must not wait on a runaway loop.
    pub fn call_bounded(
        &mut self,
        module: &str,
        function: &str,
        args: &[Term],
        max_slices: usize,
    ) -> Option<Outcome> {
        let spawned = self.spawn(module, function, args);
        self.run_watched(spawned, max_slices)
    }

    /// Runs until the spawned process ends (or `max_slices` slices' worth of reductions).
    fn run_watched(&mut self, spawned: Result<Term, Term>, max_slices: usize) -> Option<Outcome> {
        let pid = match spawned {
            Ok(pid) => pid,
            Err(reason) => {
                return Some(Outcome::Raised {
                    class: crate::atom::ERROR,
                    reason,
                    stacktrace: Term::NIL,
                })
            }
        };
        self.shared.watch = Some((pid, None));
        let out = self.wait_for_watched(max_slices);
        // However the wait ended, nothing is watched any more (a stale watch would make every
        // later `run` stop at once).
        self.shared.watch = None;
        out
    }

    fn wait_for_watched(&mut self, max_slices: usize) -> Option<Outcome> {
        let slice = crate::scheduler::REDUCTIONS_PER_SLICE as u64;
        let mut budget = (max_slices as u64).saturating_mul(slice);
        loop {
            let step = budget.min(slice * 64);
            let r = self.run(step);
            budget -= step.min(budget);
            if let Some((_, Some(_))) = self.shared.watch {
                if let Some((_, o)) = self.shared.watch.take() {
                    return o;
                }
            }
            match r {
                RunResult::Halted(n) => return Some(Outcome::Halted(n)),
                RunResult::Idle { next_timer: None } => return Some(Outcome::Blocked),
                RunResult::Idle {
                    next_timer: Some(ns),
                } => {
                    if !self.shared.host.sleep(ns) {
                        return Some(Outcome::Blocked);
                    }
                }
                RunResult::Yielded => {}
            }
            if budget == 0 {
                return None;
            }
        }
    }

    /// Formats a term the way `erlang:display/1` prints it.
    pub fn display(&self, t: Term) -> String {
        crate::term::display::display(t, &self.shared)
    }
}

/// `vm-core/boot/lantern_boot.erl`, compiled by `scripts/build-boot.sh`.
const BOOT_BEAM: &[u8] = include_bytes!("../boot/lantern_boot.beam");

/// The built-in code at id 0: continuations the VM pushes itself.
fn stub_code(atoms: &mut AtomTable, apply3: BifId) -> Code {
    let module = atoms.intern("$lantern");
    Code {
        id: crate::code::STUB_CODE,
        module,
        instrs: alloc::vec![
            Instr::Unreachable,
            Instr::NormalExit,
            Instr::CallExtOnly {
                arity: 3,
                callee: crate::emulator::instr::Callee::Bif(apply3),
            },
        ]
        .into(),
        literals: Arena::with_capacity(1),
        exports: Vec::new(),
        funs: Vec::new(),
        functions: Vec::new(),
        lines: Default::default(),
        strings: Vec::new(),
        attributes: Term::NIL,
        compile_info: Term::NIL,
        md5: [0; 16],
        on_load: None,
    }
}
