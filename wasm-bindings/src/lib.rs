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
use lantern_core::{Outcome, Vm as CoreVm};
use wasm_bindgen::prelude::*;

/// A Lantern virtual machine.
#[wasm_bindgen]
pub struct Vm {
    vm: CoreVm,
    modules: host::ModuleTable,
    /// Called with `(from, message)` for what Erlang sends to the claimed name.
    on_message: Option<Function>,
}

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
        let h = host::JsHost::new(stdout, stderr, modules.clone());
        let mut vm = CoreVm::new(Box::new(h));
        vm.claim_name("js");
        Vm {
            vm,
            modules,
            on_message: None,
        }
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
    }

    /// Spawns `module:function(...args)`; returns the pid (`{ $pid: "<0.N.S>" }`).
    pub fn spawn(&mut self, module: &str, function: &str, args: Array) -> Result<JsValue, JsError> {
        let args = self.terms(&args)?;
        match self.vm.spawn(module, function, &args) {
            Ok(pid) => Ok(convert::to_js(&self.vm, pid)),
            Err(reason) => Err(JsError::new(&self.vm.display(reason))),
        }
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
        match self.vm.spawn_main(module, function, &args) {
            Ok(pid) => Ok(convert::to_js(&self.vm, pid)),
            Err(reason) => Err(JsError::new(&self.vm.display(reason))),
        }
    }

    /// Sends a message (a JS value, converted) to a pid or registered name (`{ $atom }`).
    pub fn send(&mut self, to: JsValue, msg: JsValue) -> Result<(), JsError> {
        let dest = convert::to_term(&mut self.vm, &to).map_err(|e| JsError::new(&e))?;
        let m = convert::to_term(&mut self.vm, &msg).map_err(|e| JsError::new(&e))?;
        let r = self.vm.send(dest, m);
        self.vm.clear_results();
        r.map_err(|_| JsError::new("badarg: no process has that name"))
    }

    /// Where Erlang's messages to the page go: `js ! Msg` (or to the name given to
    /// `claimName`) calls `f(from, msg)` after the slice that sent it.
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&mut self, f: Function) {
        self.on_message = Some(f);
    }

    /// Makes `name` (default `js`) the registered name whose messages come to the page.
    #[wasm_bindgen(js_name = claimName)]
    pub fn claim_name(&mut self, name: &str) {
        self.vm.claim_name(name);
    }

    /// Hands the messages Erlang sent to the page to `onMessage` (dropped without one).
    fn deliver_outbox(&mut self) {
        let out = self.vm.take_outbox();
        let Some(f) = &self.on_message else {
            return;
        };
        for (from, msg, _area) in &out {
            let (from, msg) = (
                convert::to_js(&self.vm, *from),
                convert::to_js(&self.vm, *msg),
            );
            let _ = f.call2(&JsValue::NULL, &from, &msg);
        }
    }

    /// Runs Erlang for at most `budget` reductions. Returns `{ state: "idle", nextTimerMs }`
    /// (`nextTimerMs` absent when no timer is pending), `{ state: "yielded" }` (call again
    /// soon) or `{ state: "halted", status }`.
    pub fn run(&mut self, budget: f64) -> JsValue {
        let o = Object::new();
        let r = self.vm.run(budget.max(1.0) as u64);
        self.deliver_outbox();
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
        match self
            .vm
            .call_bounded(module, function, &args, max_slices as usize)
        {
            Some(Outcome::Returned(v)) => set(&out, "value", &convert::to_js(&self.vm, v)),
            Some(Outcome::Raised {
                class,
                reason,
                stacktrace,
            }) => {
                set(&out, "class", &convert::to_js(&self.vm, class));
                set(&out, "reason", &convert::to_js(&self.vm, reason));
                set(&out, "stacktrace", &convert::to_js(&self.vm, stacktrace));
                set(&out, "text", &JsValue::from_str(&self.vm.display(reason)));
            }
            Some(Outcome::Halted(n)) => set(&out, "halted", &JsValue::from_f64(n as f64)),
            Some(Outcome::Blocked) | None => set(&out, "blocked", &JsValue::TRUE),
        }
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

    /// Number of live processes.
    #[wasm_bindgen(js_name = processCount)]
    pub fn process_count(&self) -> u32 {
        self.vm.shared.procs.count() as u32
    }

    fn terms(&mut self, args: &Array) -> Result<Vec<lantern_core::Term>, JsError> {
        args.iter()
            .map(|a| convert::to_term(&mut self.vm, &a).map_err(|e| JsError::new(&e)))
            .collect()
    }
}
