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

/// Stack size of the thread [`with_big_stack`] runs on. Debug builds use tens of
/// KiB of stack per nesting level of the recursive-descent parser; this covers
/// [`parser::MAX_DEPTH`] levels many times over (the memory is reserved, not used).
pub const BIG_STACK: usize = 256 << 20;

thread_local! {
    /// Whether this thread is one [`with_big_stack`] started.
    static ON_BIG_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` on a scoped thread with a [`BIG_STACK`]-byte stack, so that
/// recursion over input bounded by [`parser::MAX_DEPTH`] (parsing, and walks
/// over the AST such as dumping or lowering) cannot overflow the caller's
/// stack. On such a thread already (`jsvm run` runs on one), `f` runs right
/// there: a new thread costs ~0.2 ms (its first stack page faults in a whole
/// transparent huge page). Falls back to running `f` on the current thread if
/// no thread can be spawned; a panic in `f` is propagated.
pub fn with_big_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if ON_BIG_STACK.with(|b| b.get()) {
        return f();
    }
    let mut f = Some(f);
    let r = std::thread::scope(|s| {
        let job = &mut f;
        std::thread::Builder::new()
            .name("jsvm-frontend".into())
            .stack_size(BIG_STACK)
            .spawn_scoped(s, move || {
                ON_BIG_STACK.with(|b| b.set(true));
                job.take().map(|f| f())
            })
            .ok()
            .map(|h| h.join())
    });
    match r {
        Some(Ok(Some(v))) => v,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        _ => (f.take().expect("job not run"))(),
    }
}

/// Parses file number `file` of `map` (which must exist).
pub fn parse_file(map: &SourceMap, file: u32) -> Result<ast::File, Vec<Diagnostic>> {
    with_big_stack(|| {
        let toks = lexer::lex(map.bytes(file), file).map_err(|d| vec![d])?;
        parser::parse_tokens(toks, file)
    })
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
