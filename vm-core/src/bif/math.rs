//! Native functions of module `math`.
crate::bifs! { "math"; }
