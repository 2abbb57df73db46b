//! jsvm-ir: the typed SSA IR with block parameters — entities, type lattice, builder, verifier,
//! text printer and reader, analyses, type inference and the refcount pass.
//!
//! Invariants of a well-formed function (checked by `verify`): every block ends with exactly one
//! terminator (or a throwing instruction with `[normal, catch]` destinations) as its last
//! instruction; every value is defined once and its definition dominates its uses; destination
//! arguments match the target's parameters (a catch target's first parameter, the exception, is
//! implicit). The text form is documented in `write`.
#![deny(missing_docs)]

pub mod analysis;
pub mod builder;
pub mod cleanup;
pub mod consts;
pub mod dfg;
pub mod entities;
pub mod function;
pub mod infer;
pub mod layout;
pub mod module;
pub mod opcodes;
pub mod parse;
pub mod rc;
pub mod span;
pub mod strings;
pub mod types;
pub mod verify;
pub mod write;

pub use builder::FunctionBuilder;
pub use dfg::{BlockCall, Dfg, Imm, InstData, Resume, ValueData, ValueDef, VerifyKind};
pub use entities::{Block, ClassId, FuncId, Inst, Value};
pub use function::{Attrs, Function, Param, TypeHint};
pub use layout::Layout;
pub use module::{
    private_name, private_parts, ClassDecl, ClassKind, ConstDecl, Module, PropDecl, MEMOIZE_SUFFIX,
};
pub use opcodes::{Args, ImmKind, Opcode, Own};
pub use parse::{parse_block, parse_function, parse_module, ParseError};
pub use span::Span;
pub use types::Type;
pub use verify::{verify_function, verify_module, VerifierErrors};
