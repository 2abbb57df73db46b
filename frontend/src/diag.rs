//! Diagnostics: located errors of the lexer and parser, rendered with codespan-reporting.

use crate::source::SourceMap;
use crate::Span;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A located message; `labels` add secondary spans with notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable code, e.g. `syntax`, `lex`, `nesting`.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub labels: Vec<(Span, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
        }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, note: impl Into<String>) -> Diagnostic {
        self.labels.push((span, note.into()));
        self
    }
}

/// Source lines longer than this (bytes) are not shown under a diagnostic.
const MAX_SHOWN_LINE: usize = 500;

/// Messages longer than this (characters) are cut (a token quoted in full could be megabytes).
const MAX_MESSAGE: usize = 300;

/// `m`, cut to [`MAX_MESSAGE`] characters with a note of how much was left out.
fn shortened(m: &str) -> std::borrow::Cow<'_, str> {
    match m.char_indices().nth(MAX_MESSAGE) {
        None => m.into(),
        Some((at, _)) => format!("{}... ({} more bytes)", &m[..at], m.len() - at).into(),
    }
}

/// Renders diagnostics as plain text (never colored): a `file:line:col` header
/// and a caret snippet for each (only the header for a line too long to show).
pub fn render_diagnostics(map: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = term::termcolor::NoColor::new(Vec::new());
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    for d in diags {
        let message = shortened(&d.message);
        if (d.span.file as usize) >= map.len() {
            out.get_mut()
                .extend_from_slice(format!("{}: {message}\n", d.code).as_bytes());
            continue;
        }
        // A line too long to show (a minified or generated file, a runaway token): the place
        // without the snippet, which would repeat the line and underline it.
        let (line, col) = map.line_col(d.span);
        // (In bytes, as spans count: slicing bytes needs no char boundary.)
        let bytes = map.bytes(d.span.file);
        let lo = (d.span.lo as usize).min(bytes.len());
        let line_len = bytes[..lo]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(lo, |n| lo - n - 1)
            + bytes[lo..]
                .iter()
                .position(|&c| c == b'\n')
                .unwrap_or(bytes.len() - lo);
        if line_len > MAX_SHOWN_LINE {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.get_mut().extend_from_slice(
                format!(
                    "{kind}[{}]: {message}\n  --> {}:{line}:{col} (a line of {line_len} bytes, not shown)\n",
                    d.code,
                    map.name(d.span.file)
                )
                .as_bytes(),
            );
            continue;
        }
        let sev = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut labels = vec![cs::Label::primary(d.span.file, map.clamp_span(d.span))];
        for (s, note) in &d.labels {
            if (s.file as usize) < map.len() {
                labels.push(cs::Label::secondary(s.file, map.clamp_span(*s)).with_message(note));
            }
        }
        let diag = cs::Diagnostic::new(sev)
            .with_code(d.code)
            .with_message(message.as_ref())
            .with_labels(labels);
        if term::emit(&mut out, &config, map, &diag).is_err() {
            out.get_mut()
                .extend_from_slice(format!("{}: {message}\n", d.code).as_bytes());
        }
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
