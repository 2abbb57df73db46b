//! AST→IR lowering (owned by the IR work; the parser does not touch it).
