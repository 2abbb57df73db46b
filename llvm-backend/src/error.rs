//! The crate's error types: `CompileError` (IR → object) and `LoadError` (object → code cache).

/// Why a function could not be compiled. Every variant leaves the function to the interpreter.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// The function uses something the LLVM tier does not lower yet (limit).
    #[error("{func}: not supported by the LLVM tier yet: {what}")]
    Unsupported {
        /// The function's qualified name.
        func: String,
        /// What is missing.
        what: String,
    },
    /// The function is larger than the LLVM tier takes ([`crate::lower::MAX_INSTS`],
    /// [`crate::lower::MAX_OPERANDS`]): the interpreter runs it.
    #[error("{func}: too large for the LLVM tier: {what}")]
    TooLarge {
        /// The function's qualified name.
        func: String,
        /// Its size against the limit.
        what: String,
    },
    /// No OSR function can be entered at this block (not a loop header, unreachable, or a loop
    /// whose values its enclosing loops define again, up to the outermost).
    #[error("{func}: no OSR entry at {block}: {why}")]
    NoOsrEntry {
        /// The function's qualified name.
        func: String,
        /// The block asked for.
        block: String,
        /// Why.
        why: &'static str,
    },
    /// inkwell refused to build an instruction (jsvm bug).
    #[error("LLVM builder: {0}")]
    Builder(#[from] inkwell::builder::BuilderError),
    /// The generated module does not verify (jsvm bug).
    #[error("{func}: invalid LLVM IR: {message}")]
    Verify {
        /// The function's qualified name.
        func: String,
        /// LLVM's verifier message.
        message: String,
    },
    /// Target machine, pass pipeline or object emission failed (jsvm bug or environment).
    #[error("LLVM: {0}")]
    Llvm(String),
    /// The object could not be loaded (see `LoadError`).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A batch that takes only what the object cache has (`BatchPlan::cached_only`) left this
    /// function for a later batch.
    #[error("not in the object cache")]
    NotCached,
}

/// Why an object could not be placed in the code cache.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The object is not a valid ELF relocatable (jsvm bug).
    #[error("cannot parse object: {0}")]
    Parse(#[from] object::read::Error),
    /// A relocation kind the loader does not handle (limit: the set is closed on purpose).
    #[error("unsupported relocation type {r_type} at {section}+{offset:#x}")]
    UnsupportedReloc {
        /// The ELF `r_type`.
        r_type: u32,
        /// The section being relocated.
        section: String,
        /// Offset in that section.
        offset: u64,
    },
    /// A relocated value does not fit its field (limit: code model, or a far target).
    #[error("relocation {r_type} at {section}+{offset:#x}: value {value:#x} out of range")]
    OutOfRange {
        /// The ELF `r_type`.
        r_type: u32,
        /// The section being relocated.
        section: String,
        /// Offset in that section.
        offset: u64,
        /// The value that did not fit.
        value: i64,
    },
    /// A relocation's field lies outside its section (jsvm bug or corrupt object).
    #[error("relocation at {section}+{offset:#x} is outside the section")]
    BadOffset {
        /// The section being relocated.
        section: String,
        /// Offset in that section.
        offset: u64,
    },
    /// An undefined symbol that is neither a runtime helper nor defined by the object (jsvm bug).
    #[error("undefined symbol {0}")]
    UndefinedSymbol(String),
    /// A writable section (compiled code keeps no mutable globals; jsvm bug).
    #[error("unsupported writable section {0}")]
    UnsupportedSection(String),
    /// A code-cache area is full (limit).
    #[error("code cache area {area} is full ({need} bytes needed)")]
    Full {
        /// The area.
        area: &'static str,
        /// Bytes requested.
        need: usize,
    },
    /// mmap / mprotect / madvise failed (environment).
    #[error("{call}: {err}")]
    Os {
        /// The system call.
        call: &'static str,
        /// The OS error.
        err: std::io::Error,
    },
}
