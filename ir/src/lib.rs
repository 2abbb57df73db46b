//! jsvm-ir: the typed SSA IR with block parameters — entities, type lattice, builder, verifier, text printer and reader, analyses, type inference and the refcount pass.

pub mod span;

pub use span::Span;
