//! Native functions of module `erlang` (unicode).
crate::bifs! { "unicode"; }
