//! Native functions ("BIFs"): one file per Erlang module, all behind one registration table.
//!
//! A BIF gets a [`Ctx`] (the calling process and the VM's shared tables) and its arguments, and
//! returns a term or an [`Exception`]. BIFs allocate through `ctx.proc.heap` (which spills into
//! heap fragments when full) and never trigger a collection themselves.

pub mod arith;
pub mod binary;
pub mod convert;
pub mod erlang;
pub mod ets;
pub mod external;
pub mod lantern;
pub mod lists;
pub mod maps;
pub mod math;
pub mod misc;
pub mod numconv;
pub mod process;
pub mod system;
pub mod unicode;

use alloc::vec::Vec;

use crate::process::Process;
use crate::term::Term;
use crate::vm::Shared;

/// Exception classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Error,
    Exit,
    Throw,
}

impl Class {
    pub fn atom(self) -> Term {
        match self {
            Class::Error => crate::atom::ERROR,
            Class::Exit => crate::atom::EXIT,
            Class::Throw => crate::atom::THROW,
        }
    }
    pub fn from_atom(t: Term) -> Option<Class> {
        match t {
            crate::atom::ERROR => Some(Class::Error),
            crate::atom::EXIT => Some(Class::Exit),
            crate::atom::THROW => Some(Class::Throw),
            _ => None,
        }
    }
}

/// An Erlang exception on its way out of a native function or instruction.
#[derive(Clone, Copy, Debug)]
pub struct Exception {
    pub class: Class,
    pub reason: Term,
    /// `error/2,3`: the argument list shown in the top stack frame instead of the arity.
    pub args: Option<Term>,
    /// `raise/3`: a ready stack trace (list) to use instead of capturing one.
    pub stacktrace: Option<Term>,
    /// `error/3` options / `error_info` to attach to the top frame.
    pub error_info: Option<Term>,
}

impl Exception {
    pub fn new(class: Class, reason: Term) -> Exception {
        Exception {
            class,
            reason,
            args: None,
            stacktrace: None,
            error_info: None,
        }
    }
    pub fn error(reason: Term) -> Exception {
        Exception::new(Class::Error, reason)
    }
    pub fn badarg() -> Exception {
        Exception::error(crate::atom::BADARG)
    }
    pub fn badarith() -> Exception {
        Exception::error(crate::atom::BADARITH)
    }
    pub fn system_limit() -> Exception {
        Exception::error(crate::atom::SYSTEM_LIMIT)
    }
    pub fn undef() -> Exception {
        Exception::error(crate::atom::UNDEF)
    }
}

pub type BifResult = Result<Term, Exception>;

/// What a native function sees.
pub struct Ctx<'a> {
    pub proc: &'a mut Process,
    pub vm: &'a mut Shared,
}

impl Ctx<'_> {
    /// Charges `reds` reductions of work to the caller's slice (ERTS's `BUMP_REDS`), so a
    /// native function that walks a long list makes its caller yield sooner.
    #[inline]
    pub fn charge(&mut self, reds: usize) {
        self.proc.fcalls -= reds as i64;
    }
}

pub type BifFn = fn(&mut Ctx, &[Term]) -> BifResult;

/// A native function's registration.
#[derive(Clone, Copy)]
pub struct BifEntry {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u8,
    pub f: BifFn,
}

/// Index into the VM's BIF table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BifId(pub u16);

/// Shorthand for writing registration tables.
#[macro_export]
macro_rules! bifs {
    ($module:expr; $($name:expr, $arity:expr => $f:path;)*) => {
        pub const BIFS: &[$crate::bif::BifEntry] = &[
            $($crate::bif::BifEntry { module: $module, name: $name, arity: $arity, f: $f },)*
        ];
    };
}

/// Every registration table, in one list.
pub fn all_tables() -> Vec<&'static [BifEntry]> {
    alloc::vec![
        crate::emulator::ops::BIFS,
        erlang::BIFS,
        process::BIFS,
        process::monitor::BIFS,
        process::info::BIFS,
        process::timer::BIFS,
        ets::BIFS,
        lantern::BIFS,
        external::BIFS,
        arith::BIFS,
        binary::BIFS,
        lists::BIFS,
        maps::BIFS,
        misc::erlang::BIFS,
        system::BIFS,
        system::os::BIFS,
        system::erts_internal::BIFS,
        misc::string::BIFS,
        misc::io::BIFS,
        misc::net_kernel::BIFS,
        misc::persistent_term::BIFS,
        maps::ERLANG_BIFS,
        maps::ERTS_INTERNAL_BIFS,
        math::BIFS,
        numconv::BIFS,
        convert::BIFS,
        unicode::BIFS,
    ]
}

/// Reads an argument as an atom or fails with `badarg`.
#[inline]
pub fn arg_atom(t: Term) -> Result<Term, Exception> {
    if t.is_atom() {
        Ok(t)
    } else {
        Err(Exception::badarg())
    }
}

/// Reads an argument as a non-negative small integer or fails with `badarg`.
#[inline]
pub fn arg_usize(t: Term) -> Result<usize, Exception> {
    t.as_usize().ok_or_else(Exception::badarg)
}
