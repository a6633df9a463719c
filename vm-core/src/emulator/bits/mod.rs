//! Bit syntax: match contexts and binary construction, as functions the dispatch loop calls with
//! operand values it has already resolved.
//!
//! * [`matching`] — `bs_start_match*`, `bs_get_*`, `bs_skip_*`, `bs_test_*`, `bs_match` (OTP 26).
//! * [`create`] — `bs_create_bin` (OTP 25+), including `append`/`private_append` and the
//!   `error_info` the BEAM attaches to construction failures.
//! * [`legacy`] — the OTP 24 construction instructions with their implicit state
//!   ([`crate::process::BinBuild`]).
//! * [`encode`] — how integers, floats and code points become bits and back.
//!
//! Positions handed to the emulator (`bs_get_position`) are bit offsets relative to the start of
//! the matched bitstring; inside a `MatchState` they are absolute bits of the base binary.

pub mod create;
pub mod encode;
pub mod legacy;
pub mod matching;

#[cfg(test)]
mod tests;

pub use create::{create_bin, SegValue, SMALL_SEGS};
pub use legacy::{
    append, bs_add, init, init_writable, private_append, put_binary, put_float, put_integer,
    put_string, put_utf16, put_utf32, put_utf8, utf16_size, utf8_size,
};
pub use matching::{
    bits_of, bits_of_checked, get_binary, get_binary_all, get_float, get_integer, get_tail,
    get_utf16, get_utf32, get_utf8, match_string, position, remaining, run_match_cmds,
    set_position, skip, skip_all, start_match, test_tail, test_unit,
};

/// Largest bitstring, in bytes, this VM builds; bigger requests raise `system_limit` (ERTS would
/// try to allocate them and crash the node).
pub const MAX_BIN_BYTES: usize = if usize::BITS >= 64 { 1 << 32 } else { 1 << 28 };
/// [`MAX_BIN_BYTES`] in bits.
pub const MAX_BIN_BITS: usize = MAX_BIN_BYTES * 8 - 1;
