//! `term_to_binary`/`binary_to_term` and friends (over `crate::etf`).
crate::bifs! { "erlang"; }
