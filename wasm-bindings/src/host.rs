//! The `Host` of the wasm build: the clock from `performance.now()` (and `Date.now()` for the
//! wall clock), output to JS callbacks (the console when none is given), modules from a table
//! the page fills, entropy from `crypto.getRandomValues` (`Math.random()` where absent).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use lantern_core::host::Host;
use lantern_core::vecmap::VecMap;
use wasm_bindgen::{JsCast, JsValue};

/// Modules the page made available for loading on first use (`Vm.provide`).
pub type ModuleTable = Rc<RefCell<VecMap<String, Vec<u8>>>>;

pub struct JsHost {
    pub stdout: Option<Function>,
    pub stderr: Option<Function>,
    pub modules: ModuleTable,
    /// `performance.now`, looked up once (absent in very old hosts: `Date.now` then).
    now: Option<(JsValue, Function)>,
    /// `crypto.getRandomValues` (browsers and Node ≥ 19); `Math.random` without it.
    get_random_values: Option<(JsValue, Function)>,
}

/// `global[object][method]`, with the object to call it on.
fn method(object: &str, method: &str) -> Option<(JsValue, Function)> {
    let o = Reflect::get(&js_sys::global(), &JsValue::from_str(object))
        .ok()
        .filter(|o| o.is_object())?;
    let f = Reflect::get(&o, &JsValue::from_str(method)).ok()?;
    Some((o, f.dyn_into::<Function>().ok()?))
}

impl JsHost {
    pub fn new(stdout: Option<Function>, stderr: Option<Function>, modules: ModuleTable) -> JsHost {
        JsHost {
            stdout,
            stderr,
            modules,
            now: method("performance", "now"),
            get_random_values: method("crypto", "getRandomValues"),
        }
    }

    fn emit(f: &Option<Function>, bytes: &[u8], console_err: bool) {
        let text = JsValue::from_str(&String::from_utf8_lossy(bytes));
        match f {
            Some(f) => {
                let _ = f.call1(&JsValue::NULL, &text);
            }
            None if console_err => web_console("error", &text),
            None => web_console("log", &text),
        }
    }
}

/// `console.log(text)` / `console.error(text)`.
fn web_console(method: &str, text: &JsValue) {
    let global = js_sys::global();
    if let Ok(console) = Reflect::get(&global, &JsValue::from_str("console")) {
        if let Ok(f) = Reflect::get(&console, &JsValue::from_str(method)) {
            if let Ok(f) = f.dyn_into::<Function>() {
                let _ = f.call1(&console, text);
            }
        }
    }
}

impl Host for JsHost {
    fn monotonic_nanos(&self) -> u64 {
        let ms = match &self.now {
            Some((perf, f)) => f.call0(perf).ok().and_then(|v| v.as_f64()),
            None => None,
        }
        .unwrap_or_else(js_sys::Date::now);
        (ms * 1e6) as u64
    }
    fn system_time_nanos(&self) -> i64 {
        (js_sys::Date::now() * 1e6) as i64
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        JsHost::emit(&self.stdout, bytes, false)
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        JsHost::emit(&self.stderr, bytes, true)
    }
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        self.modules.borrow().get(module).cloned()
    }
    fn random_u64(&mut self) -> u64 {
        if let Some((crypto, f)) = &self.get_random_values {
            let words = js_sys::Uint32Array::new_with_length(2);
            if f.call1(crypto, &words).is_ok() {
                return ((words.get_index(0) as u64) << 32) | words.get_index(1) as u64;
            }
        }
        let hi = (js_sys::Math::random() * 4294967296.0) as u64;
        let lo = (js_sys::Math::random() * 4294967296.0) as u64;
        (hi << 32) | lo
    }
}
