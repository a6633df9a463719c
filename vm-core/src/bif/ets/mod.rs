//! ETS: tables of terms shared between processes, owned by a process.

use crate::process::Process;
use crate::term::Term;
use crate::vm::Shared;

crate::bifs! { "ets";
}

/// Every ETS table of the VM.
#[derive(Default)]
pub struct Tables {}

/// Process `pid` ended: delete its tables, or give them to their heirs.
pub fn owner_exited(_sh: &mut Shared, _cur: &mut Option<&mut Process>, _pid: Term) {}
