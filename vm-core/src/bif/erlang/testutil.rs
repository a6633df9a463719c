//! Helpers for BIF unit tests: a VM, a process, and results shown as `erlang:display/1` would.

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use crate::bif::{BifFn, BifResult, Class, Ctx};
use crate::heap::build;
use crate::host::{Host, NullHost};
use crate::process::Process;
use crate::term::display::display;
use crate::term::Term;
use crate::vm::Vm;

pub struct T {
    pub vm: Vm,
    pub p: Process,
    out: Rc<RefCell<Vec<u8>>>,
    err: Rc<RefCell<Vec<u8>>>,
}

impl T {
    pub fn new() -> T {
        let out = Rc::new(RefCell::new(Vec::new()));
        let err = Rc::new(RefCell::new(Vec::new()));
        let host = TestHost {
            inner: NullHost::default(),
            out: out.clone(),
            err: err.clone(),
        };
        T {
            vm: Vm::new(Box::new(host)),
            p: Process::new(0, 233),
            out,
            err,
        }
    }
    pub fn ctx(&mut self) -> Ctx<'_> {
        Ctx {
            proc: &mut self.p,
            vm: &mut self.vm.shared,
        }
    }
    pub fn call(&mut self, f: BifFn, args: &[Term]) -> BifResult {
        let mut c = self.ctx();
        f(&mut c, args)
    }
    /// Calls and shows the result: the value, or `class:reason`.
    pub fn show(&mut self, f: BifFn, args: &[Term]) -> String {
        let r = self.call(f, args);
        self.show_result(r)
    }
    pub fn show_result(&self, r: BifResult) -> String {
        match r {
            Ok(t) => display(t, &self.vm.shared),
            Err(e) => {
                let c = match e.class {
                    Class::Error => "error",
                    Class::Exit => "exit",
                    Class::Throw => "throw",
                };
                format!("{c}:{}", display(e.reason, &self.vm.shared))
            }
        }
    }
    pub fn atom(&mut self, s: &str) -> Term {
        self.vm.atom(s)
    }
    pub fn s(&mut self, s: &str) -> Term {
        build::charlist(&mut self.p.heap, s)
    }
    pub fn ints(&mut self, v: &[i64]) -> Term {
        let v: Vec<Term> = v.iter().map(|&i| Term::small(i)).collect();
        build::list(&mut self.p.heap, &v)
    }
    pub fn list(&mut self, v: &[Term]) -> Term {
        build::list(&mut self.p.heap, v)
    }
    pub fn improper(&mut self, v: &[Term], tail: Term) -> Term {
        build::list_with_tail(&mut self.p.heap, v, tail)
    }
    pub fn tuple(&mut self, v: &[Term]) -> Term {
        build::tuple(&mut self.p.heap, v)
    }
    pub fn bin(&mut self, b: &[u8]) -> Term {
        build::binary(&mut self.p.heap, b)
    }
    pub fn bits(&mut self, b: &[u8], n: usize) -> Term {
        build::bitstring(&mut self.p.heap, b, n)
    }
    pub fn float(&mut self, f: f64) -> Term {
        build::float(&mut self.p.heap, f)
    }
    pub fn stdout(&self) -> Vec<u8> {
        self.out.borrow().clone()
    }
    pub fn stderr(&self) -> Vec<u8> {
        self.err.borrow().clone()
    }
}

/// A host whose output the test can read back.
struct TestHost {
    inner: NullHost,
    out: Rc<RefCell<Vec<u8>>>,
    err: Rc<RefCell<Vec<u8>>>,
}

impl Host for TestHost {
    fn monotonic_nanos(&self) -> u64 {
        self.inner.monotonic_nanos()
    }
    fn system_time_nanos(&self) -> i64 {
        self.inner.system_time_nanos()
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.out.borrow_mut().extend_from_slice(bytes)
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.err.borrow_mut().extend_from_slice(bytes)
    }
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        self.inner.find_module(module)
    }
    fn random_u64(&mut self) -> u64 {
        self.inner.random_u64()
    }
}
