//! Lexer: source text to tokens, including string escapes, interpolation and heredocs.
//!
//! Invariants: never panics, always terminates (every step consumes input),
//! and bounds the nesting of interpolated strings. Words, keywords included,
//! are `Ident`s (the parser tells keywords apart); a qualified name such as
//! `HH\Lib\Vec\map` is one `Ident`, with a leading `\` stripped. `>>` is
//! lexed as two adjacent `>` so that `vec<vec<int>>` closes two type
//! argument lists; the parser joins them back for the shift operators.
//! An interpolated string holds its expressions as token lists.

use crate::diag::Diagnostic;
use crate::Span;

/// How deeply strings may nest inside interpolated strings.
const MAX_STRING_NESTING: u32 = 16;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Int(i64),
    Float(f64),
    /// A string without interpolation.
    Str(Vec<u8>),
    /// A double-quoted string or heredoc with at least one interpolated expression.
    Interp(Vec<Part>),
    /// `$name` (without the `$`).
    Var(String),
    /// `$$`
    PipeVar,
    Ident(String),
    Punct(&'static str),
    Eof,
}

/// A piece of an interpolated string.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Lit(Vec<u8>),
    /// The tokens of one expression (`$x`, `$x[0]`, `$o->p`, or the inside of `{$...}`).
    Expr(Vec<Token>, Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Punctuation, longest first.
const PUNCTS: &[&str] = &[
    "===", "!==", "<=>", "**=", "...", "??=", "<<=", "?->", "==>", "==", "!=", "<>", "<=", ">=",
    "&&", "||", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "<<", "??", "->",
    "=>", "::", "|>", "**", "+", "-", "*", "/", "%", ".", "=", "<", ">", "!", "~", "&", "|", "^",
    "?", ":", ";", ",", "(", ")", "[", "]", "{", "}", "@", "\\",
];

/// Lexes a whole file. The result ends with an `Eof` token.
pub fn lex(src: &[u8], file: u32) -> Result<Vec<Token>, Diagnostic> {
    let mut lx = Lexer {
        src,
        pos: 0,
        file,
        nesting: 0,
    };
    if src.starts_with(b"\xEF\xBB\xBF") {
        return Err(lx.err(
            "the file starts with a UTF-8 byte order mark (EF BB BF): save it without one",
            0,
            3,
        ));
    }
    lx.skip_open_tag();
    let mut toks = Vec::new();
    loop {
        let t = lx.next_token(usize::MAX)?;
        let eof = t.tok == Tok::Eof;
        toks.push(t);
        if eof {
            return Ok(toks);
        }
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_ident_char(b: u8) -> bool {
    is_ident_start(b) || b.is_ascii_digit()
}

/// How an interpolated string body ends.
#[derive(Clone, Copy)]
enum Term {
    /// At an unescaped `"`.
    Quote,
    /// At byte `end`.
    Heredoc { end: usize },
}

struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    file: u32,
    nesting: u32,
}

impl Lexer<'_> {
    fn peek(&self, off: usize) -> u8 {
        self.src.get(self.pos + off).copied().unwrap_or(0)
    }

    fn span(&self, lo: usize, hi: usize) -> Span {
        Span::new(self.file, lo as u32, hi as u32)
    }

    /// An error covering `lo..hi`, clamped to the text.
    fn err(&self, msg: impl Into<String>, lo: usize, hi: usize) -> Diagnostic {
        let lo = lo.min(self.src.len());
        Diagnostic::error("lex", msg, self.span(lo, hi.clamp(lo, self.src.len())))
    }

    /// Skips `<?hh` at the start, or after a first `#!` line (an executable script's); the
    /// tag's letters in any case, as hackc's lexer reads them (`make_markup_and_suffix`).
    fn skip_open_tag(&mut self) {
        if self.src.starts_with(b"#!") {
            self.pos = self
                .src
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.src.len(), |nl| nl + 1);
        }
        if self.src[self.pos..]
            .get(..4)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"<?hh"))
        {
            self.pos += 4;
        }
    }

    fn skip_trivia(&mut self, limit: usize) -> Result<(), Diagnostic> {
        while self.pos < limit.min(self.src.len()) {
            match self.peek(0) {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'#' => self.skip_line(),
                b'/' if self.peek(1) == b'/' => self.skip_line(),
                b'/' if self.peek(1) == b'*' => {
                    let lo = self.pos;
                    match find(&self.src[lo + 2..], b"*/") {
                        Some(i) => self.pos = lo + 2 + i + 2,
                        None => return Err(self.err("unterminated comment", lo, lo + 2)),
                    }
                }
                _ => break,
            }
        }
        Ok(())
    }

    /// Skips a `//` or `#` comment up to its line's end: a line feed or a carriage return (a
    /// lone one too, as hackc's lexer ends lines: `lexer.rs`, "new-line").
    fn skip_line(&mut self) {
        while self.pos < self.src.len() && !matches!(self.src[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// The next token; `limit` is the end of the text being lexed (a heredoc body).
    fn next_token(&mut self, limit: usize) -> Result<Token, Diagnostic> {
        self.skip_trivia(limit)?;
        let lo = self.pos;
        if lo >= self.src.len().min(limit) {
            return Ok(Token {
                tok: Tok::Eof,
                span: self.span(lo, lo),
            });
        }
        let c = self.peek(0);
        let tok = match c {
            b'$' if self.peek(1) == b'$' => {
                self.pos += 2;
                Tok::PipeVar
            }
            b'$' if is_ident_start(self.peek(1)) => {
                self.pos += 1;
                Tok::Var(self.ident())
            }
            b'$' => return Err(self.err("expected a variable name after `$`", lo, lo + 1)),
            b'\\' if is_ident_start(self.peek(1)) => {
                self.pos += 1;
                Tok::Ident(self.qualified_name())
            }
            _ if is_ident_start(c) => Tok::Ident(self.qualified_name()),
            b'0'..=b'9' => self.number()?,
            b'.' if self.peek(1).is_ascii_digit() => self.number()?,
            b'\'' => self.single_quoted()?,
            b'"' => {
                self.pos += 1;
                let parts = self.interp_body(Term::Quote, lo)?;
                parts_tok(parts)
            }
            b'<' if self.src[lo..].starts_with(b"<<<") => self.heredoc()?,
            b'>' if self.peek(1) == b'>' => {
                // `>>` and `>>=` are `>` followed by an adjacent `>` or `>=`.
                self.pos += 1;
                Tok::Punct(">")
            }
            // (The first byte first: most of the list is ruled out by one comparison.)
            _ => match PUNCTS
                .iter()
                .find(|p| p.as_bytes()[0] == c && self.src[lo..].starts_with(p.as_bytes()))
            {
                Some(p) => {
                    self.pos += p.len();
                    Tok::Punct(p)
                }
                None => {
                    let len = std::str::from_utf8(&self.src[lo..])
                        .ok()
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8);
                    let shown = String::from_utf8_lossy(&self.src[lo..lo + len]).into_owned();
                    return Err(self.err(
                        format!("unexpected character `{}`", shown.escape_debug()),
                        lo,
                        lo + len,
                    ));
                }
            },
        };
        Ok(Token {
            tok,
            span: self.span(lo, self.pos),
        })
    }

    fn ident(&mut self) -> String {
        let lo = self.pos;
        while self.pos < self.src.len() && is_ident_char(self.src[self.pos]) {
            self.pos += 1;
        }
        String::from_utf8_lossy(&self.src[lo..self.pos]).into_owned()
    }

    /// `a\b\c`; a `\` not followed by a name character ends the name.
    fn qualified_name(&mut self) -> String {
        let mut name = self.ident();
        while self.peek(0) == b'\\' && is_ident_start(self.peek(1)) {
            self.pos += 1;
            name.push('\\');
            name.push_str(&self.ident());
        }
        name
    }

    fn number(&mut self) -> Result<Tok, Diagnostic> {
        let lo = self.pos;
        let radix = match (self.peek(0), self.peek(1) | 0x20) {
            (b'0', b'x') => 16,
            (b'0', b'b') => 2,
            (b'0', b'o') => 8,
            _ => 10,
        };
        if radix != 10 {
            self.pos += 2;
            let digits = self.digits(|b| b.is_ascii_hexdigit());
            if digits.is_empty() {
                return Err(self.err("missing digits in number literal", lo, self.pos));
            }
            return int_in_radix(&digits, radix)
                .ok_or_else(|| self.err("invalid digit in number literal", lo, self.pos));
        }
        let mut text = self.digits(|b| b.is_ascii_digit());
        let mut is_float = false;
        // `1.` is a float, as hackc's `scan_after_decimal_point` (any `.` after the digits);
        // `1..` is not Hack.
        if self.peek(0) == b'.' && self.peek(1) != b'.' {
            self.pos += 1;
            text.push('.');
            text.push_str(&self.digits(|b| b.is_ascii_digit()));
            is_float = true;
        }
        let (e1, e2) = (self.peek(1), self.peek(2));
        if self.peek(0) | 0x20 == b'e'
            && (e1.is_ascii_digit() || (matches!(e1, b'+' | b'-') && e2.is_ascii_digit()))
        {
            text.push('e');
            self.pos += 1;
            if matches!(e1, b'+' | b'-') {
                text.push(e1 as char);
                self.pos += 1;
            }
            text.push_str(&self.digits(|b| b.is_ascii_digit()));
            is_float = true;
        }
        if is_ident_char(self.peek(0)) {
            return Err(self.err("invalid number literal", lo, self.pos + 1));
        }
        if is_float {
            return text
                .parse()
                .map(Tok::Float)
                .map_err(|_| self.err("invalid float literal", lo, self.pos));
        }
        if text.len() > 1 && text.starts_with('0') {
            return int_in_radix(&text[1..], 8)
                .ok_or_else(|| self.err("invalid digit in octal literal", lo, self.pos));
        }
        Ok(int_in_radix(&text, 10).unwrap_or(Tok::Int(0)))
    }

    /// Digits (and `_` separators, dropped) while `ok`.
    fn digits(&mut self, ok: impl Fn(u8) -> bool) -> String {
        let mut s = String::new();
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            if ok(b) {
                s.push(b as char);
            } else if !(b == b'_' && ok(self.peek(1)) && !s.is_empty()) {
                break;
            }
            self.pos += 1;
        }
        s
    }

    fn single_quoted(&mut self) -> Result<Tok, Diagnostic> {
        let lo = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            match self.src.get(self.pos) {
                None => return Err(self.err("unterminated string", lo, lo + 1)),
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(Tok::Str(out));
                }
                Some(b'\\') if matches!(self.peek(1), b'\\' | b'\'') => {
                    out.push(self.peek(1));
                    self.pos += 2;
                }
                Some(&b) => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
    }

    /// `<<<EOT`, `<<<"EOT"` (heredoc) or `<<<'EOT'` (nowdoc), up to the closing marker.
    fn heredoc(&mut self) -> Result<Tok, Diagnostic> {
        let lo = self.pos;
        self.pos += 3;
        while matches!(self.peek(0), b' ' | b'\t') {
            self.pos += 1;
        }
        let quote = match self.peek(0) {
            q @ (b'\'' | b'"') => {
                self.pos += 1;
                Some(q)
            }
            _ => None,
        };
        if !is_ident_start(self.peek(0)) {
            return Err(self.err("expected a heredoc label after `<<<`", lo, self.pos));
        }
        let label = self.ident();
        if let Some(q) = quote {
            if self.peek(0) != q {
                return Err(self.err("unterminated heredoc label", lo, self.pos));
            }
            self.pos += 1;
        }
        if self.peek(0) == b'\r' {
            self.pos += 1;
        }
        if self.peek(0) != b'\n' {
            return Err(self.err("expected a newline after the heredoc label", lo, self.pos));
        }
        self.pos += 1;
        let body_lo = self.pos;
        // The closing line, as Hack's lexer finds it (`scan_docstring_remainder`): the label at
        // the start of a line, then a newline or `;` and a newline (or the end of the file).
        // PHP 7.3's indented or followed-by-anything closing labels are text in Hack.
        let at_line_end = |p: usize| match self.src.get(p) {
            None | Some(b'\n') => true,
            Some(b'\r') => self.src.get(p + 1) == Some(&b'\n'),
            _ => false,
        };
        let mut line = body_lo;
        let (body_hi, close_hi) = loop {
            if line > self.src.len() {
                return Err(self.err(
                    format!("heredoc `{label}` has no closing `{label}`"),
                    lo,
                    body_lo - 1,
                ));
            }
            let end = line + label.len();
            if self.src[line..].starts_with(label.as_bytes())
                && (at_line_end(end) || (self.src.get(end) == Some(&b';') && at_line_end(end + 1)))
            {
                let mut hi = line.saturating_sub(1).max(body_lo);
                if hi > body_lo && self.src[hi - 1] == b'\r' {
                    hi -= 1;
                }
                break (hi, end);
            }
            line = match find(&self.src[line..], b"\n") {
                Some(i) => line + i + 1,
                None => self.src.len() + 1,
            };
        };
        let tok = if quote == Some(b'\'') {
            Tok::Str(self.src[body_lo..body_hi].to_vec())
        } else {
            self.pos = body_lo;
            let parts = self.interp_body(Term::Heredoc { end: body_hi }, lo)?;
            parts_tok(parts)
        };
        self.pos = close_hi;
        Ok(tok)
    }

    /// Scans the body of a double-quoted string (after the opening `"`) or of a heredoc.
    fn interp_body(&mut self, term: Term, lo: usize) -> Result<Vec<Part>, Diagnostic> {
        if self.nesting >= MAX_STRING_NESTING {
            return Err(Diagnostic::error(
                "nesting",
                "strings nested too deep",
                self.span(lo, lo + 1),
            ));
        }
        self.nesting += 1;
        let r = self.interp_body_inner(term, lo);
        self.nesting -= 1;
        r
    }

    fn interp_body_inner(&mut self, term: Term, lo: usize) -> Result<Vec<Part>, Diagnostic> {
        let end = match term {
            Term::Quote => self.src.len(),
            Term::Heredoc { end } => end,
        };
        let mut parts = Vec::new();
        let mut lit = Vec::new();
        loop {
            if self.pos >= end {
                if let Term::Quote = term {
                    return Err(self.err("unterminated string", lo, lo + 1));
                }
                break;
            }
            let c = self.src[self.pos];
            match c {
                b'"' if matches!(term, Term::Quote) => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.escape(&mut lit, matches!(term, Term::Quote))?,
                b'$' if is_ident_start(self.peek(1)) => {
                    flush(&mut parts, &mut lit);
                    let p = self.simple_interp()?;
                    parts.push(p);
                }
                b'{' if self.peek(1) == b'$' => {
                    flush(&mut parts, &mut lit);
                    let p = self.braced_interp(end)?;
                    parts.push(p);
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut parts, &mut lit);
        Ok(parts)
    }

    /// One escape sequence in a double-quoted string or heredoc.
    fn escape(&mut self, out: &mut Vec<u8>, in_quotes: bool) -> Result<(), Diagnostic> {
        let lo = self.pos;
        let c = self.peek(1);
        self.pos += 2;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(0x0b),
            b'e' => out.push(0x1b),
            b'f' => out.push(0x0c),
            b'\\' => out.push(b'\\'),
            b'$' => out.push(b'$'),
            b'"' if in_quotes => out.push(b'"'),
            b'0'..=b'7' => {
                let mut v: u32 = (c - b'0') as u32;
                for _ in 0..2 {
                    match self.peek(0) {
                        d @ b'0'..=b'7' => {
                            v = v * 8 + (d - b'0') as u32;
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' | b'X' if self.peek(0).is_ascii_hexdigit() => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match (self.peek(0) as char).to_digit(16) {
                        Some(d) => {
                            v = v * 16 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                out.push(v as u8);
            }
            // hackc's `scan_unicode_escape`: `\u{$x}` is `\u` and then the interpolation.
            b'u' if self.peek(0) == b'{' && self.peek(1) == b'$' => out.extend_from_slice(b"\\u"),
            b'u' if self.peek(0) == b'{' => {
                let start = self.pos + 1;
                let Some(close) = find(&self.src[start..], b"}") else {
                    return Err(self.err("unterminated `\\u{` escape", lo, start));
                };
                let hex = std::str::from_utf8(&self.src[start..start + close]).unwrap_or("");
                let cp = u32::from_str_radix(hex, 16)
                    .ok()
                    .filter(|&n| !hex.is_empty() && hex.len() <= 8 && n <= 0x10FFFF);
                let Some(cp) = cp else {
                    return Err(self.err("invalid `\\u{...}` escape", lo, start + close + 1));
                };
                push_utf8(out, cp);
                self.pos = start + close + 1;
            }
            // Not an escape, but a `{` after a backslash starts no `{$...}` interpolation
            // (PHP's and HHVM's lexers): both bytes stay.
            b'{' => out.extend_from_slice(b"\\{"),
            _ => {
                // Not an escape: keep the backslash; the next byte is read normally.
                out.push(b'\\');
                self.pos = lo + 1;
            }
        }
        Ok(())
    }

    /// `$x`, `$x[0]`, `$x[-1]`, `$x[0x1A]`, `$x[key]`, `$x[$i]`, `$x->p` inside a string.
    fn simple_interp(&mut self) -> Result<Part, Diagnostic> {
        let lo = self.pos;
        self.pos += 1;
        let name = self.ident();
        let mut toks = vec![Token {
            tok: Tok::Var(name),
            span: self.span(lo, self.pos),
        }];
        let tok_at = |lx: &Self, t: Tok, a: usize| Token {
            tok: t,
            span: lx.span(a, lx.pos),
        };
        if self.peek(0) == b'[' {
            let a = self.pos;
            self.pos += 1;
            toks.push(tok_at(self, Tok::Punct("["), a));
            let k = self.pos;
            let key = match self.peek(0) {
                b'$' if is_ident_start(self.peek(1)) => {
                    self.pos += 1;
                    Tok::Var(self.ident())
                }
                // A hexadecimal or binary literal is a string key of its text (hackc's
                // `scan_integer_literal_in_string` and the lowerer's `InDoubleQuotedString`).
                b'0' if matches!(self.peek(1) | 0x20, b'x' | b'b')
                    && self.peek(2).is_ascii_hexdigit() =>
                {
                    self.pos += 2;
                    while self.peek(0).is_ascii_alphanumeric() {
                        self.pos += 1;
                    }
                    Tok::Str(self.src[k..self.pos].to_vec())
                }
                b'-' | b'0'..=b'9' => {
                    self.pos += 1;
                    while self.peek(0).is_ascii_digit() {
                        self.pos += 1;
                    }
                    let text = std::str::from_utf8(&self.src[k..self.pos]).unwrap_or("");
                    match text.parse::<i64>() {
                        Ok(v)
                            if !(text.starts_with('0') && text.len() > 1
                                || text.starts_with("-0")) =>
                        {
                            Tok::Int(v)
                        }
                        _ => Tok::Str(text.as_bytes().to_vec()),
                    }
                }
                b if is_ident_start(b) => Tok::Str(self.ident().into_bytes()),
                _ => {
                    return Err(self.err("invalid index in string interpolation", a, self.pos + 1))
                }
            };
            toks.push(tok_at(self, key, k));
            if self.peek(0) != b']' {
                return Err(self.err("expected `]` in string interpolation", a, self.pos));
            }
            let b = self.pos;
            self.pos += 1;
            toks.push(tok_at(self, Tok::Punct("]"), b));
        } else if self.src[self.pos..].starts_with(b"->") && is_ident_start(self.peek(2)) {
            // Only `->`: in Hack, `"$o?->p"` is `$o` and the text `?->p` (hackc's lexer makes
            // no `?->` token inside a string).
            let a = self.pos;
            self.pos += 2;
            toks.push(tok_at(self, Tok::Punct("->"), a));
            let b = self.pos;
            let prop = self.ident();
            toks.push(tok_at(self, Tok::Ident(prop), b));
        }
        let span = self.span(lo, self.pos);
        toks.push(Token {
            tok: Tok::Eof,
            span: self.span(self.pos, self.pos),
        });
        Ok(Part::Expr(toks, span))
    }

    /// `{$expr}` inside a string: the tokens up to the matching `}`.
    fn braced_interp(&mut self, limit: usize) -> Result<Part, Diagnostic> {
        let lo = self.pos;
        self.pos += 1;
        let mut toks = Vec::new();
        let mut depth = 0usize;
        loop {
            let t = self.next_token(limit)?;
            match t.tok {
                Tok::Eof => return Err(self.err("unterminated `{$` in string", lo, lo + 2)),
                Tok::Punct("{") => depth += 1,
                Tok::Punct("}") if depth == 0 => {
                    toks.push(Token {
                        tok: Tok::Eof,
                        span: t.span,
                    });
                    return Ok(Part::Expr(toks, self.span(lo, self.pos)));
                }
                Tok::Punct("}") => depth -= 1,
                _ => {}
            }
            toks.push(t);
        }
    }
}

fn flush(parts: &mut Vec<Part>, lit: &mut Vec<u8>) {
    if !lit.is_empty() {
        parts.push(Part::Lit(std::mem::take(lit)));
    }
}

/// A string token: `Str` when there is nothing to interpolate.
fn parts_tok(mut parts: Vec<Part>) -> Tok {
    match parts.as_slice() {
        [] => Tok::Str(Vec::new()),
        [Part::Lit(_)] => match parts.pop() {
            Some(Part::Lit(b)) => Tok::Str(b),
            _ => Tok::Str(Vec::new()),
        },
        _ => Tok::Interp(parts),
    }
}

/// An int literal in `radix`; one that overflows i64 becomes a float, as in PHP.
fn int_in_radix(digits: &str, radix: u32) -> Option<Tok> {
    let mut v: u64 = 0;
    let mut f: f64 = 0.0;
    let mut overflow = false;
    for c in digits.chars() {
        let d = c.to_digit(radix)?;
        f = f * radix as f64 + d as f64;
        match v
            .checked_mul(radix as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
    }
    if radix == 10 && overflow {
        // Decimal: parse exactly rather than accumulate rounding errors.
        return Some(Tok::Float(digits.parse().unwrap_or(f)));
    }
    Some(match i64::try_from(v) {
        Ok(i) if !overflow => Tok::Int(i),
        _ => Tok::Float(if overflow { f } else { v as f64 }),
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The UTF-8 bytes of code point `cp` (at most U+10FFFF), surrogates included, as HHVM's
/// `codepoint_to_utf8` encodes a `\u{...}` escape.
fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]),
        0x800..=0xFFFF => out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
    }
}
