//! Lantern's JS face: wasm-bindgen exports over [`lantern_core::Vm`].
//!
//! This is the engine-level API the npm package's driver builds on: load modules, spawn,
//! send, and `run(budget)` — which never blocks and reports when it wants to run again (the
//! driver schedules that with `MessageChannel` ticks and `setTimeout`). Terms cross over by
//! the table in [`convert`].

pub mod convert;
pub mod host;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use lantern_core::scheduler::RunResult;
use lantern_core::term::Term;
use lantern_core::{Outcome, Vm as CoreVm};
use wasm_bindgen::prelude::*;

/// A Lantern virtual machine.
#[wasm_bindgen]
pub struct Vm {
    vm: CoreVm,
    modules: host::ModuleTable,
    /// Called with `(from, message)` for what Erlang sends to the claimed name.
    on_message: Option<Function>,
    /// The package's term classes and the JS objects Erlang holds as handles.
    bridge: convert::Bridge,
}

/// `lantern_js`, Erlang's side of the page (`wasm-bindings/erl/lantern_js.erl`, compiled by
/// `scripts/build-boot.sh`).
const LANTERN_JS_BEAM: &[u8] = include_bytes!("../erl/lantern_js.beam");

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

#[wasm_bindgen]
impl Vm {
    /// A VM whose `erlang:display/1` output and error reports go to `stdout` / `stderr`
    /// (functions taking a string; the console when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(stdout: Option<Function>, stderr: Option<Function>) -> Vm {
        console_error_panic_hook::set_once();
        let modules: host::ModuleTable = Rc::new(RefCell::new(Default::default()));
        modules
            .borrow_mut()
            .insert(String::from("lantern_js"), LANTERN_JS_BEAM.to_vec());
        let h = host::JsHost::new(stdout, stderr, modules.clone());
        let mut vm = CoreVm::new(Box::new(h));
        vm.claim_name("js");
        Vm {
            vm,
            modules,
            on_message: None,
            bridge: convert::Bridge::default(),
        }
    }

    /// Makes terms come to JS as instances of the package's classes: `f` has the functions
    /// `atom(name)`, `tuple(items)`, `pid(text)`, `ref(text)`, `opaque(kind, text)`,
    /// `bits(bytes, bitLength)` and `improper(items, tail)`.
    #[wasm_bindgen(js_name = setFactories)]
    pub fn set_factories(&mut self, f: JsValue) -> Result<(), JsError> {
        self.bridge.factories =
            Some(convert::Factories::from_object(&f).map_err(|e| JsError::new(&e))?);
        Ok(())
    }

    /// Loads a `.beam` now; returns the module name. A malformed file is rejected with the
    /// chunk and offset.
    pub fn load(&mut self, beam: &[u8]) -> Result<String, JsError> {
        let m = self
            .vm
            .load_module(beam)
            .map_err(|e| JsError::new(&format!("{e}")))?;
        Ok(self.vm.shared.atoms.name(m).to_string())
    }

    /// Makes a module available to load on first use (a standard-library module, say).
    pub fn provide(&mut self, module: &str, beam: Vec<u8>) {
        self.modules.borrow_mut().insert(module.to_string(), beam);
        self.vm.code_path_changed();
    }

    /// Makes every module of a bundle made by `lantern pack` available to load on first use;
    /// returns their names. A malformed bundle is rejected with the offset.
    #[wasm_bindgen(js_name = provideBundle)]
    pub fn provide_bundle(&mut self, bundle: &[u8]) -> Result<Vec<String>, JsError> {
        let entries =
            lantern_core::pack::read(bundle).map_err(|e| JsError::new(&format!("{e}")))?;
        self.vm.code_path_changed();
        let mut table = self.modules.borrow_mut();
        Ok(entries
            .into_iter()
            .map(|(name, beam)| {
                table.insert(name.clone(), beam);
                name
            })
            .collect())
    }

    /// Spawns `module:function(...args)`; returns the pid (`{ $pid: "<0.N.S>" }`).
    pub fn spawn(&mut self, module: &str, function: &str, args: Array) -> Result<JsValue, JsError> {
        let args = self.terms(&args)?;
        let r = self.vm.spawn(module, function, &args);
        self.pid_or_error(r)
    }

    /// Spawns a program's main process (it traps exits and is linked to `init`, as under
    /// `erl -eval`); returns the pid.
    #[wasm_bindgen(js_name = spawnMain)]
    pub fn spawn_main(
        &mut self,
        module: &str,
        function: &str,
        args: Array,
    ) -> Result<JsValue, JsError> {
        let args = self.terms(&args)?;
        let r = self.vm.spawn_main(module, function, &args);
        self.pid_or_error(r)
    }

    /// Sends a message (a JS value, converted) to a pid or registered name (`{ $atom }`).
    pub fn send(&mut self, to: JsValue, msg: JsValue) -> Result<(), JsError> {
        let dest = self.term(&to)?;
        let m = self.term(&msg)?;
        let r = self.vm.send(dest, m);
        self.vm.clear_results();
        r.map_err(|_| JsError::new("badarg: no process has that name"))
    }

    /// Where Erlang's messages to the page go: `js ! Msg` (or to the name given to
    /// `claimName`) calls `f(from, msg)` after the slice that sent it, inside `run` (so `f`
    /// must not call this object; without a callback they come in `run`'s result).
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&mut self, f: Function) {
        self.on_message = Some(f);
    }

    /// Makes `name` (default `js`) the registered name whose messages come to the page.
    #[wasm_bindgen(js_name = claimName)]
    pub fn claim_name(&mut self, name: &str) {
        self.vm.claim_name(name);
    }

    /// The messages Erlang sent to the page: to the `onMessage` callback when one is set (it
    /// runs inside `run` and must not call back into this object), else as `messages:
    /// [[from, msg], ...]` on the `run` result `o`, for the caller to dispatch afterwards.
    fn deliver_outbox(&mut self, o: &Object) {
        let out = self.vm.take_outbox();
        if out.is_empty() {
            return;
        }
        let fs = &self.bridge;
        let messages = Array::new();
        for (from, msg, _area) in &out {
            let (from, msg) = (
                convert::to_js(&self.vm, fs, *from),
                convert::to_js(&self.vm, fs, *msg),
            );
            match &self.on_message {
                Some(f) => {
                    let _ = f.call2(&JsValue::NULL, &from, &msg);
                }
                None => {
                    messages.push(&Array::of2(&from, &msg));
                }
            }
        }
        if messages.length() > 0 {
            set(o, "messages", &messages);
        }
    }

    /// `{ pid, value }` or `{ pid, class, reason, stacktrace, text }` for each process started
    /// by `spawnCall` that ended.
    fn ended_calls(&mut self) -> Array {
        let out = Array::new();
        let fs = &self.bridge;
        for (pid, outcome, _area) in self.vm.take_ended_calls() {
            let o = Object::new();
            set(&o, "pid", &convert::to_js(&self.vm, fs, pid));
            self.describe(&o, outcome);
            out.push(&o);
        }
        out
    }

    /// Sets `value`, or `class`/`reason`/`stacktrace`/`text`, or `halted`/`blocked` on `o`.
    fn describe(&self, o: &Object, outcome: Outcome) {
        let fs = &self.bridge;
        match outcome {
            Outcome::Returned(v) => set(o, "value", &convert::to_js(&self.vm, fs, v)),
            Outcome::Raised {
                class,
                reason,
                stacktrace,
            } => {
                set(o, "class", &convert::to_js(&self.vm, fs, class));
                set(o, "reason", &convert::to_js(&self.vm, fs, reason));
                set(o, "stacktrace", &convert::to_js(&self.vm, fs, stacktrace));
                set(o, "text", &JsValue::from_str(&self.vm.display(reason)));
            }
            Outcome::Halted(n) => set(o, "halted", &JsValue::from_f64(n as f64)),
            Outcome::Blocked => set(o, "blocked", &JsValue::TRUE),
        }
    }

    /// Starts `module:function(...args)` in a fresh process and returns its pid; how it ends
    /// (its value or exception) comes back in the `calls` of a later `run` result.
    #[wasm_bindgen(js_name = spawnCall)]
    pub fn spawn_call(
        &mut self,
        module: &str,
        function: &str,
        args: Array,
    ) -> Result<JsValue, JsError> {
        let args = self.terms(&args)?;
        let r = self.vm.spawn_call(module, function, &args);
        self.pid_or_error(r)
    }

    /// Sends `pid` an exit signal with `reason` (default `kill`), as `exit(Pid, Reason)`
    /// would; false when no such process lives.
    pub fn exit(&mut self, pid: JsValue, reason: JsValue) -> Result<bool, JsError> {
        let pid = self.term(&pid)?;
        let reason = if reason.is_undefined() || reason.is_null() {
            self.vm.atom("kill")
        } else {
            self.term(&reason)?
        };
        let r = self.vm.exit(pid, reason);
        self.vm.clear_results();
        Ok(r)
    }

    /// The live processes, for a process view: `[{ pid, name, status, reductions, memory,
    /// messages, current }]` (`name` undefined when unregistered; `current` is `"M:F/A"`).
    pub fn processes(&mut self) -> Array {
        let mut scratch = lantern_core::heap::Arena::new();
        let rows = lantern_core::bif::process::info::summaries(&self.vm.shared, &mut scratch);
        let out = Array::new();
        let fs = &self.bridge;
        for r in rows {
            let o = Object::new();
            set(&o, "pid", &convert::to_js(&self.vm, fs, r.pid));
            if let Some(n) = r.name {
                set(&o, "name", &JsValue::from_str(self.vm.shared.atoms.name(n)));
            }
            set(
                &o,
                "status",
                &JsValue::from_str(self.vm.shared.atoms.name(r.status)),
            );
            set(&o, "reductions", &JsValue::from_f64(r.reductions as f64));
            set(&o, "memory", &JsValue::from_f64(r.memory as f64));
            set(
                &o,
                "messages",
                &JsValue::from_f64(r.message_queue_len as f64),
            );
            let current = match r.current_function.tuple() {
                Some(&[m, f, a]) => format!(
                    "{}:{}/{}",
                    self.vm.shared.atoms.name(m),
                    self.vm.shared.atoms.name(f),
                    a.small_value()
                ),
                _ => String::new(),
            };
            set(&o, "current", &JsValue::from_str(&current));
            out.push(&o);
        }
        out
    }

    /// Runs Erlang for at most `budget` reductions. Returns `{ state: "idle", nextTimerMs }`
    /// (`nextTimerMs` absent when no timer is pending), `{ state: "yielded" }` (call again
    /// soon) or `{ state: "halted", status }`, with `calls` (see `spawnCall`) when some ended
    /// and `messages` (see `onMessage`) when Erlang sent some to the page.
    pub fn run(&mut self, budget: f64) -> JsValue {
        let o = Object::new();
        let r = self.vm.run(budget.max(1.0) as u64);
        self.deliver_outbox(&o);
        let calls = self.ended_calls();
        self.bridge.handles.collect();
        if calls.length() > 0 {
            set(&o, "calls", &calls);
        }
        match r {
            RunResult::Idle { next_timer } => {
                set(&o, "state", &JsValue::from_str("idle"));
                if let Some(ns) = next_timer {
                    set(&o, "nextTimerMs", &JsValue::from_f64(ns as f64 / 1e6));
                }
            }
            RunResult::Yielded => set(&o, "state", &JsValue::from_str("yielded")),
            RunResult::Halted(n) => {
                set(&o, "state", &JsValue::from_str("halted"));
                set(&o, "status", &JsValue::from_f64(n as f64));
            }
        }
        o.into()
    }

    /// Runs `module:function(...args)` in a fresh process (and everything else meanwhile) for
    /// at most `maxSlices` slices of 4000 reductions. Resolves to `{ value }`, or
    /// `{ class, reason, stacktrace }` when it raised, `{ halted }`, or `{ blocked: true }`
    /// when it can only go on after a timer or a message (the driver then keeps running).
    pub fn call(
        &mut self,
        module: &str,
        function: &str,
        args: Array,
        max_slices: u32,
    ) -> Result<JsValue, JsError> {
        let args = self.terms(&args)?;
        let out = Object::new();
        let outcome = self
            .vm
            .call_bounded(module, function, &args, max_slices as usize)
            .unwrap_or(Outcome::Blocked);
        self.describe(&out, outcome);
        self.vm.clear_results();
        Ok(out.into())
    }

    /// Starts the system processes OTP code expects (`init`, `logger`, `kernel_sup`,
    /// `code_server`); the modules they run (`logger`, `supervisor`, `gen_server`, ...) must
    /// have been provided.
    pub fn boot(&mut self) -> Result<(), JsError> {
        let flags: [(&str, &[&str]); 2] = [("root", &["/"]), ("progname", &["erl"])];
        let r = self.vm.boot(&flags).map_err(|e| JsError::new(&e));
        self.vm.clear_results();
        r
    }

    /// Number of JS objects Erlang holds as handles (each released once Erlang's last copy of
    /// its handle is garbage collected).
    #[wasm_bindgen(js_name = handleCount)]
    pub fn handle_count(&mut self) -> u32 {
        self.bridge.handles.collect();
        self.bridge.handles.len() as u32
    }

    /// Number of live processes.
    #[wasm_bindgen(js_name = processCount)]
    pub fn process_count(&self) -> u32 {
        self.vm.shared.procs.count() as u32
    }

    /// The pid a spawn returned, or its error; frees the arguments built for it.
    fn pid_or_error(&mut self, r: Result<Term, Term>) -> Result<JsValue, JsError> {
        let out = match r {
            Ok(pid) => Ok(convert::to_js(&self.vm, &self.bridge, pid)),
            Err(reason) => Err(JsError::new(&self.vm.display(reason))),
        };
        self.vm.clear_results();
        out
    }

    /// The term for a JS value; on failure the terms built so far for this request are freed.
    fn term(&mut self, v: &JsValue) -> Result<Term, JsError> {
        convert::to_term(&mut self.vm, &mut self.bridge, v).map_err(|e| {
            self.vm.clear_results();
            JsError::new(&e)
        })
    }

    fn terms(&mut self, args: &Array) -> Result<Vec<Term>, JsError> {
        args.iter().map(|a| self.term(&a)).collect()
    }
}
