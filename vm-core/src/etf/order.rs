//! Map keys are ordered (and deduplicated) in exact term order.

pub use crate::term::order::compare_exact as compare;
