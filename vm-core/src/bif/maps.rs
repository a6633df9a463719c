//! Native functions of module `maps`.
crate::bifs! { "maps"; }
