//! The external term format: decoding (literal tables, `binary_to_term`) and encoding
//! (`term_to_binary`), byte-for-byte as OTP 25 writes it.

mod decode;
mod encode;
mod float_text;
mod order;

use core::fmt;

pub use decode::{decode, make_map};
pub use encode::{encode, external_size, EncodeOpts};
pub use order::compare;

/// The version byte every external term starts with.
pub const VERSION: u8 = 131;

pub const NEW_FLOAT_EXT: u8 = 70;
pub const BIT_BINARY_EXT: u8 = 77;
pub const COMPRESSED: u8 = 80;
pub const ATOM_CACHE_REF: u8 = 82;
pub const NEW_PID_EXT: u8 = 88;
pub const NEW_PORT_EXT: u8 = 89;
pub const NEWER_REFERENCE_EXT: u8 = 90;
pub const SMALL_INTEGER_EXT: u8 = 97;
pub const INTEGER_EXT: u8 = 98;
pub const FLOAT_EXT: u8 = 99;
pub const ATOM_EXT: u8 = 100;
pub const REFERENCE_EXT: u8 = 101;
pub const PORT_EXT: u8 = 102;
pub const PID_EXT: u8 = 103;
pub const SMALL_TUPLE_EXT: u8 = 104;
pub const LARGE_TUPLE_EXT: u8 = 105;
pub const NIL_EXT: u8 = 106;
pub const STRING_EXT: u8 = 107;
pub const LIST_EXT: u8 = 108;
pub const BINARY_EXT: u8 = 109;
pub const SMALL_BIG_EXT: u8 = 110;
pub const LARGE_BIG_EXT: u8 = 111;
pub const NEW_FUN_EXT: u8 = 112;
pub const EXPORT_EXT: u8 = 113;
pub const NEW_REFERENCE_EXT: u8 = 114;
pub const SMALL_ATOM_EXT: u8 = 115;
pub const MAP_EXT: u8 = 116;
pub const ATOM_UTF8_EXT: u8 = 118;
pub const SMALL_ATOM_UTF8_EXT: u8 = 119;
pub const V4_PORT_EXT: u8 = 120;

/// A malformed (or, with `safe`, unacceptable) external term. `binary_to_term` turns any of
/// these into `badarg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtfError {
    pub offset: usize,
    pub message: &'static str,
}

impl fmt::Display for EtfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad external term at byte {}: {}",
            self.offset, self.message
        )
    }
}

#[cfg(test)]
mod tests;
