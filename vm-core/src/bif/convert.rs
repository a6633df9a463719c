//! Native functions of module `erlang` (convert).
crate::bifs! { "erlang"; }
