//! jsvm-frontend: lexer, parser, AST, name resolution, diagnostics, and AST→IR lowering for the Hack subset.
//!
//! Entry points: [`parse_file`] / [`parse_program`] turn the files of a
//! [`SourceMap`] into an [`ast::Program`]; errors are [`Diagnostic`]s, shown
//! with [`render_diagnostics`]; [`dump_ast`] prints the AST as stable text.

pub mod ast;
pub mod diag;
pub mod dump;
pub mod lexer;
pub mod lower;
pub mod parser;
pub mod source;

pub use diag::{render_diagnostics, Diagnostic, Severity};
pub use dump::dump_ast;
pub use jsvm_ir::Span;
pub use source::SourceMap;

/// Parses file number `file` of `map` (which must exist).
pub fn parse_file(map: &SourceMap, file: u32) -> Result<ast::File, Vec<Diagnostic>> {
    let toks = lexer::lex(map.text(file), file).map_err(|d| vec![d])?;
    parser::parse_tokens(toks, file)
}

/// Parses every file of `map`; the program holds all their declarations, in file
/// order. Errors of all files are returned together.
pub fn parse_program(map: &SourceMap) -> Result<ast::Program, Vec<Diagnostic>> {
    let mut program = ast::Program::default();
    let mut errors = Vec::new();
    for file in 0..map.len() as u32 {
        match parse_file(map, file) {
            Ok(f) => program.decls.extend(f.decls),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(program)
    } else {
        Err(errors)
    }
}
