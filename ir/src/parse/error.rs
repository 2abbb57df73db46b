//! The reader's error: a position (1-based line and column) and a message.

/// A syntax or consistency error in IR text. Always a user error (bad input text); the reader
/// never panics.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct ParseError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    /// An error at `line:col`.
    pub fn new(line: u32, col: u32, message: impl Into<String>) -> ParseError {
        ParseError {
            line,
            col,
            message: message.into(),
        }
    }
}
