//! The `Host` trait: all of the platform a VM may touch. The CLI implements it with `std`, the
//! browser build with JS; the core never reaches the platform any other way.

use alloc::vec::Vec;

pub trait Host {
    /// Monotonic clock, nanoseconds from an arbitrary origin.
    fn monotonic_nanos(&self) -> u64;
    /// Wall clock, nanoseconds since the Unix epoch.
    fn system_time_nanos(&self) -> i64;
    fn write_stdout(&mut self, bytes: &[u8]);
    fn write_stderr(&mut self, bytes: &[u8]);
    /// The `.beam` bytes of `module`, found on the host's code path.
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>>;
    /// Where `module`'s `.beam` file is (what `code:is_loaded/1` reports), if the host has files.
    fn module_file(&self, _module: &str) -> Option<alloc::string::String> {
        None
    }
    /// Entropy for seeds and unique references.
    fn random_u64(&mut self) -> u64;
    /// An environment variable (`os:getenv/1`); hosts without an environment have none.
    fn getenv(&self, _name: &str) -> Option<alloc::string::String> {
        None
    }
    /// All environment variables (`os:env/0`).
    fn environment(&self) -> Vec<(alloc::string::String, alloc::string::String)> {
        Vec::new()
    }
    /// The OS process id (`os:getpid/0`).
    fn os_pid(&self) -> u32 {
        0
    }
    /// Blocks for about `nanos` nanoseconds (until the next timer), for embedders that drive
    /// the VM from a blocking loop ([`crate::vm::Vm::call`]). Hosts on an event loop never
    /// block and return false.
    fn sleep(&mut self, _nanos: u64) -> bool {
        false
    }
}

/// A host with no platform: a fixed clock, output collected in memory, no module source.
/// Used by unit tests and as a starting point for embedders.
#[derive(Default)]
pub struct NullHost {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub modules: Vec<(alloc::string::String, Vec<u8>)>,
    pub now: u64,
    pub rng: u64,
}

impl Host for NullHost {
    fn monotonic_nanos(&self) -> u64 {
        self.now
    }
    fn system_time_nanos(&self) -> i64 {
        self.now as i64
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes)
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.stderr.extend_from_slice(bytes)
    }
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        self.modules
            .iter()
            .find(|(n, _)| n == module)
            .map(|(_, b)| b.clone())
    }
    /// Virtual time: sleeping moves the clock forward at once.
    fn sleep(&mut self, nanos: u64) -> bool {
        self.now += nanos.max(1);
        true
    }
    fn random_u64(&mut self) -> u64 {
        self.rng = self
            .rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.rng
    }
}
