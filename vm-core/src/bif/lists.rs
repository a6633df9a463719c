//! Native functions of module `lists`.
crate::bifs! { "lists"; }
