//! Lantern's core: the BEAM rebuilt in Rust — terms, heaps and GC, the `.beam` loader, the
//! emulator, native functions and the scheduler. `no_std` + `alloc`; the `std` feature only adds
//! host conveniences.
#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod atom;
pub mod bif;
pub mod code;
pub mod emulator;
pub mod etf;
pub mod heap;
pub mod host;
pub mod loader;
pub mod pack;
pub mod process;
pub mod resource;
pub mod scheduler;
pub mod term;
pub mod vecmap;
pub mod vm;
pub mod zlib;

pub use host::Host;
pub use term::Term;
pub use vm::{Outcome, Vm};
