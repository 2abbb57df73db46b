//! jsvm-frontend: lexer, parser, AST, name resolution, diagnostics, and AST→IR lowering for the Hack subset.

pub mod ast;
pub mod lower;

pub use jsvm_ir::Span;
