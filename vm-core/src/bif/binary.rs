//! Native functions of module `binary`.
crate::bifs! { "binary"; }
