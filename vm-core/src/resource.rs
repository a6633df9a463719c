//! Resources: embedder-owned objects that Erlang holds as opaque terms (ERTS's NIF resources).
//!
//! The embedder (the browser bindings: a DOM element, a JS object with no term equivalent)
//! keeps the object in a table of its own under a `u64` id and hands Erlang a term made by
//! [`make`]. That term is a *magic reference*: `is_reference/1` is true, it prints as
//! `#Ref<0.N2.N1.N0>`, and it compares, orders and hashes as a reference by its numbers, which are
//! unique to the resource. It can be stored, sent, put in ETS or a persistent term and passed
//! back to the embedder, which reads the id with [`id_of`].
//!
//! Every copy of the term (in a process heap, a message, an ETS object, ...) holds one counted
//! reference to the off-heap [`crate::heap::Resource`] behind it, tracked on its area's off-heap
//! chain like a ProcBin. When the last copy dies (swept by a process's collection, its process
//! ends, its message or arena or ETS object is dropped), the id is queued exactly once on the
//! [`Releases`] given to [`make`]; the embedder drains it with [`Releases::take`] and drops its
//! object. As with binaries, garbage in a process is only found by that process's next
//! collection, so an idle process may keep a dead resource for a while.
//!
//! `term_to_binary/1` writes a magic reference as a plain reference (`NEWER_REFERENCE_EXT`, the
//! same numbers); `binary_to_term/1` of that gives a plain reference, not the resource: it still
//! compares equal to the resource (same numbers) but does not keep it alive and [`id_of`] gives
//! `None` for it.

use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::heap::{build, Alloc, ReleaseQueue};
use crate::term::Term;

/// The third number of every resource's reference, so resource references never collide with
/// `make_ref/0`'s (whose third number is 0) nor with ETS table ids and compiled match specs
/// (which mark it too).
pub const RESOURCE_MARK: u32 = 0x5253_0001;

/// The next resource reference number. Global so that resources made for different VMs or
/// different [`Releases`] never compare equal.
static NEXT_NUMBER: AtomicU64 = AtomicU64::new(1);

/// The queue of resource ids whose last reference died, shared by the embedder (cloned freely)
/// and every resource made with it.
#[derive(Clone, Default)]
pub struct Releases(ReleaseQueue);

impl Releases {
    pub fn new() -> Releases {
        Releases::default()
    }
    /// The ids released since the last call, in the order they were released; each id made by
    /// [`make`] appears exactly once, after every term standing for it is gone.
    pub fn take(&self) -> Vec<u64> {
        core::mem::take(&mut *self.0.borrow_mut())
    }
    /// True when no release is waiting.
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

/// A new resource for the embedder's `id`, as a magic reference built in `a` (e.g. the VM's
/// results arena, then sent to a process with `Vm::send`). Its death is reported on `releases`.
///
/// Each call makes a distinct resource (distinct numbers), even for an id used before.
pub fn make(a: &mut impl Alloc, releases: &Releases, id: u64) -> Term {
    let n = NEXT_NUMBER.fetch_add(1, Ordering::Relaxed);
    build::magic_ref(
        a,
        [n as u32, (n >> 32) as u32, RESOURCE_MARK],
        id,
        releases.0.clone(),
    )
}

/// The embedder's id of the resource `t` stands for; `None` when `t` is not a resource term.
pub fn id_of(t: Term) -> Option<u64> {
    t.resource().map(|r| r.id())
}
