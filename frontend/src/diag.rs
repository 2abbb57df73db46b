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

/// Renders diagnostics as plain text (never colored): a `file:line:col` header
/// and a caret snippet for each.
pub fn render_diagnostics(map: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = term::termcolor::NoColor::new(Vec::new());
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    for d in diags {
        if (d.span.file as usize) >= map.len() {
            out.get_mut()
                .extend_from_slice(format!("{}: {}\n", d.code, d.message).as_bytes());
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
            .with_message(&d.message)
            .with_labels(labels);
        if term::emit(&mut out, &config, map, &diag).is_err() {
            out.get_mut()
                .extend_from_slice(format!("{}: {}\n", d.code, d.message).as_bytes());
        }
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
