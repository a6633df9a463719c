//! The wasm build against real `erlc`-compiled code, in Node and in headless Chromium (the
//! same binary; `WASM_BINDGEN_USE_BROWSER=1` picks the browser): differential programs from
//! `tests/erl` compared with what `erl` printed, messages both ways, an Erlang timer firing in
//! the event loop, and a runaway Erlang loop that does not keep a JS timer from running.
//!
//! Fixtures: `target/wasm-fixtures/suite.lpk`, a `lantern pack --boot` bundle of the programs
//! below plus `tests/js/jstest.erl`, and `tests/out/expected/*.out` (erl's output, written by
//! `tests/run.sh`); `scripts/test-all.sh` makes both before running this.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use lantern_wasm::Vm;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test as test;

const SUITE: &[u8] = include_bytes!("../../target/wasm-fixtures/suite.lpk");

macro_rules! expected {
    ($name:literal) => {
        include_str!(concat!("../../tests/out/expected/", $name, ".out"))
    };
}

/// A JS function appending its string argument to `buf`.
fn collector(buf: &Rc<RefCell<String>>) -> Function {
    let buf = buf.clone();
    Closure::<dyn FnMut(String)>::new(move |s: String| buf.borrow_mut().push_str(&s))
        .into_js_value()
        .unchecked_into()
}

/// A booted VM with the suite's modules; what Erlang prints goes to `out`.
fn vm(out: &Rc<RefCell<String>>) -> Vm {
    let err = Rc::new(RefCell::new(String::new()));
    let mut vm = Vm::new(Some(collector(out)), Some(collector(&err)));
    vm.provide_bundle(SUITE).expect("the fixture bundle reads");
    vm.boot().expect("boot");
    vm
}

/// Resolves after `ms` milliseconds, by the host's `setTimeout`.
async fn sleep(ms: f64) {
    let promise = Promise::new(&mut |resolve, _| {
        let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &JsValue::from_f64(ms))
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn field(o: &JsValue, name: &str) -> JsValue {
    Reflect::get(o, &name.into()).unwrap()
}

/// The event-loop driver in miniature: slices, and sleeps until the next Erlang timer.
async fn run_until(vm: &mut Vm, mut done: impl FnMut() -> bool, limit_ms: f64) -> bool {
    let start = js_sys::Date::now();
    while !done() {
        if js_sys::Date::now() - start > limit_ms {
            return false;
        }
        let r = vm.run(20000.0);
        match field(&r, "state").as_string().as_deref() {
            Some("halted") => return done(),
            Some("idle") => match field(&r, "nextTimerMs").as_f64() {
                Some(ms) => sleep(ms.ceil()).await,
                None => return done(),
            },
            _ => sleep(0.0).await,
        }
    }
    true
}

/// Runs `name:main()` as `lantern run` does and returns what it printed.
async fn program(name: &str) -> String {
    let out = Rc::new(RefCell::new(String::new()));
    let mut vm = vm(&out);
    vm.spawn_main(name, "main", Array::new()).expect("spawn");
    // Runs until the program halts or nothing can run any more.
    run_until(&mut vm, || false, 30_000.0).await;
    let s = out.borrow().clone();
    s
}

macro_rules! differential {
    ($($test:ident = $name:literal),* $(,)?) => {$(
        #[test]
        async fn $test() {
            assert_eq!(program($name).await, expected!($name));
        }
    )*};
}

differential! {
    arith = "t_bif_arith",
    bignums = "t_big_arith",
    binary_match = "t_bin_match",
    external_term_format = "t_bif_etf",
    maps = "t_bif_misc",
    gen_server = "t_conc_gen_server",
    supervisor = "t_conc_sup_one_for_one",
    send_after = "t_conc_send_after",
    selective_receive = "t_conc_selective",
    elixir = "t_elixir_basics",
}

#[test]
async fn messages_both_ways() {
    let out = Rc::new(RefCell::new(String::new()));
    let mut vm = vm(&out);
    let got = Rc::new(RefCell::new(Vec::<JsValue>::new()));
    let g = got.clone();
    let f: Function =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_from, msg| g.borrow_mut().push(msg))
            .into_js_value()
            .unchecked_into();
    vm.on_message(f);
    let echo = vm.spawn("jstest", "echo", Array::new()).unwrap();
    // {js, [1, <<"two">>, {three}]}: the echo answers js ! {echo, M}.
    let atom = |n: &str| {
        let o = js_sys::Object::new();
        Reflect::set(&o, &"$atom".into(), &n.into()).unwrap();
        JsValue::from(o)
    };
    let three = js_sys::Object::new();
    Reflect::set(&three, &"$tuple".into(), &Array::of1(&atom("three"))).unwrap();
    let payload = Array::of3(&1.into(), &"two".into(), &three);
    let msg = js_sys::Object::new();
    Reflect::set(&msg, &"$tuple".into(), &Array::of2(&atom("js"), &payload)).unwrap();
    for _ in 0..3 {
        vm.send(echo.clone(), msg.clone().into()).unwrap();
    }
    assert!(run_until(&mut vm, || got.borrow().len() == 3, 5000.0).await);
    let reply = field(&got.borrow()[2], "$tuple");
    let reply: Array = reply.unchecked_into();
    assert_eq!(field(&reply.get(0), "$atom"), "echo");
    let items: Array = reply.get(1).unchecked_into();
    assert_eq!(items.get(0).as_f64(), Some(1.0));
    let two: js_sys::Uint8Array = items.get(1).unchecked_into();
    assert_eq!(two.to_vec(), b"two");
}

#[test]
async fn a_timer_fires_in_the_event_loop() {
    let out = Rc::new(RefCell::new(String::new()));
    let mut vm = vm(&out);
    let got = Rc::new(RefCell::new(0));
    let g = got.clone();
    let f: Function = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_, _| *g.borrow_mut() += 1)
        .into_js_value()
        .unchecked_into();
    vm.on_message(f);
    let args = Array::of2(&60.into(), &{
        let o = js_sys::Object::new();
        Reflect::set(&o, &"$atom".into(), &"ding".into()).unwrap();
        o.into()
    });
    let start = js_sys::Date::now();
    vm.spawn("jstest", "after_ms", args).unwrap();
    assert!(run_until(&mut vm, || *got.borrow() == 1, 5000.0).await);
    let waited = js_sys::Date::now() - start;
    assert!(waited >= 55.0, "fired after {waited} ms");
}

#[test]
async fn an_infinite_loop_does_not_block_a_js_timer() {
    let out = Rc::new(RefCell::new(String::new()));
    let mut vm = vm(&out);
    vm.spawn("jstest", "spin", Array::new()).unwrap();
    let fired = Rc::new(RefCell::new(false));
    let f = fired.clone();
    let cb: Function = Closure::<dyn FnMut()>::new(move || *f.borrow_mut() = true)
        .into_js_value()
        .unchecked_into();
    let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
        .unwrap()
        .unchecked_into();
    set_timeout
        .call2(&JsValue::NULL, &cb, &JsValue::from_f64(20.0))
        .unwrap();
    assert!(run_until(&mut vm, || *fired.borrow(), 5000.0).await);
    let spinning = vm.processes().iter().any(|p| {
        field(&p, "current")
            .as_string()
            .unwrap_or_default()
            .starts_with("jstest:spin")
    });
    assert!(spinning, "the loop should still be running");
}
