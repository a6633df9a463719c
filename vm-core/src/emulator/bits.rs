//! Bit syntax: match contexts and binary construction.
