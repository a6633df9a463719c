//! Printing a term the way `erlang:display/1` does.

use alloc::string::String;

use super::Term;
use crate::vm::Shared;

pub fn display(_t: Term, _vm: &Shared) -> String {
    String::new()
}
