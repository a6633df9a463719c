//! Native functions of module `arith`.
crate::bifs! { "erlang"; }
