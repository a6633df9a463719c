//! Native functions of module `erlang`.
crate::bifs! { "erlang"; }
