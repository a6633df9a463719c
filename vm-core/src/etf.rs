//! The external term format: decoding (literal tables, `binary_to_term`) and encoding
//! (`term_to_binary`).
