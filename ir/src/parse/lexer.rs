//! The IR text lexer: turns text into tokens with positions; newlines are tokens, `;` starts a comment.
//!
//! Words starting with an upper-case letter or `?` are type tokens and may contain `?|<>=`
//! (`?Obj=<cls3>|Vec`); other words are `[A-Za-z0-9_]` runs. Numbers keep their text (`-0.0`,
//! `1e300`, `-inf`); `NaN` and `inf` lex as words. Strings decode `\n \t \r \\ \" \xNN`.

use super::error::ParseError;

/// A token kind. For use by the parser.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or type token (`b2`, `v7`, `const_int`, `?Int`, `Obj<cls1>`).
    Word(String),
    /// A numeric literal, as written.
    Number(String),
    /// A quoted byte string, decoded.
    Str(Vec<u8>),
    /// `$name` (the name without `$`).
    Var(String),
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `{`.
    LBrace,
    /// `}`.
    RBrace,
    /// `[`.
    LBracket,
    /// `]`.
    RBracket,
    /// `,`.
    Comma,
    /// `:`.
    Colon,
    /// `::`.
    ColonColon,
    /// `=`.
    Eq,
    /// `->`.
    Arrow,
    /// `...`.
    Ellipsis,
    /// End of a line.
    Newline,
    /// End of input.
    Eof,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("`{w}`"),
            Tok::Number(n) => format!("number `{n}`"),
            Tok::Str(_) => "string".into(),
            Tok::Var(v) => format!("`${v}`"),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Colon => "`:`".into(),
            Tok::ColonColon => "`::`".into(),
            Tok::Eq => "`=`".into(),
            Tok::Arrow => "`->`".into(),
            Tok::Ellipsis => "`...`".into(),
            Tok::Newline => "end of line".into(),
            Tok::Eof => "end of input".into(),
        }
    }
}

/// A token and where it starts. For use by the parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

fn is_type_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '?' | '|' | '<' | '>' | '=')
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || !c.is_ascii()
}

/// Split `text` into tokens, ending with `Tok::Eof`. Consecutive newlines (and comment lines)
/// give one `Tok::Newline`. For use by the parser.
pub fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks: Vec<Token> = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1u32, 1u32);
    let peek = |j: usize| chars.get(j).copied();
    while let Some(c) = peek(i) {
        let (tl, tc) = (line, col);
        let start = i;
        let push = |toks: &mut Vec<Token>, tok: Tok| {
            toks.push(Token {
                tok,
                line: tl,
                col: tc,
            })
        };
        match c {
            '\n' => {
                if !matches!(toks.last().map(|t| &t.tok), Some(Tok::Newline) | None) {
                    push(&mut toks, Tok::Newline);
                }
                i += 1;
                line += 1;
                col = 1;
                continue;
            }
            c if c.is_whitespace() => i += 1,
            ';' => {
                while peek(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            '(' | ')' | '{' | '}' | '[' | ']' | ',' | '=' => {
                push(
                    &mut toks,
                    match c {
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        '{' => Tok::LBrace,
                        '}' => Tok::RBrace,
                        '[' => Tok::LBracket,
                        ']' => Tok::RBracket,
                        ',' => Tok::Comma,
                        _ => Tok::Eq,
                    },
                );
                i += 1;
            }
            ':' => {
                if peek(i + 1) == Some(':') {
                    push(&mut toks, Tok::ColonColon);
                    i += 2;
                } else {
                    push(&mut toks, Tok::Colon);
                    i += 1;
                }
            }
            '.' if peek(i + 1) == Some('.') && peek(i + 2) == Some('.') => {
                push(&mut toks, Tok::Ellipsis);
                i += 3;
            }
            '-' if peek(i + 1) == Some('>') => {
                push(&mut toks, Tok::Arrow);
                i += 2;
            }
            '$' => {
                i += 1;
                while peek(i).is_some_and(is_name_char) {
                    i += 1;
                }
                let name: String = chars[start + 1..i].iter().collect();
                if name.is_empty() {
                    return Err(ParseError::new(tl, tc, "expected a name after `$`"));
                }
                push(&mut toks, Tok::Var(name));
            }
            '"' => {
                i += 1;
                let mut bytes = Vec::new();
                loop {
                    match peek(i) {
                        None | Some('\n') => {
                            return Err(ParseError::new(tl, tc, "unterminated string"));
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\\') => {
                            let esc = peek(i + 1);
                            i += 2;
                            match esc {
                                Some('n') => bytes.push(b'\n'),
                                Some('t') => bytes.push(b'\t'),
                                Some('r') => bytes.push(b'\r'),
                                Some('\\') => bytes.push(b'\\'),
                                Some('"') => bytes.push(b'"'),
                                Some('x') => {
                                    let hex = |c: Option<char>| c.and_then(|c| c.to_digit(16));
                                    match (hex(peek(i)), hex(peek(i + 1))) {
                                        (Some(h), Some(l)) => bytes.push((h * 16 + l) as u8),
                                        _ => {
                                            return Err(ParseError::new(
                                                line,
                                                col + (i - start) as u32,
                                                "expected two hex digits after `\\x`",
                                            ))
                                        }
                                    }
                                    i += 2;
                                }
                                _ => {
                                    return Err(ParseError::new(
                                        line,
                                        col + (i - start - 2) as u32,
                                        "unknown escape in string",
                                    ))
                                }
                            }
                        }
                        Some(c) => {
                            let mut buf = [0u8; 4];
                            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            i += 1;
                        }
                    }
                }
                push(&mut toks, Tok::Str(bytes));
            }
            c if c.is_ascii_digit()
                || (c == '-' && peek(i + 1).is_some_and(|d| d.is_ascii_digit() || d == 'i')) =>
            {
                i += 1;
                while let Some(d) = peek(i) {
                    let after_exp = matches!(chars[i - 1], 'e' | 'E') && matches!(d, '+' | '-');
                    if d.is_ascii_alphanumeric() || d == '.' || d == '_' || after_exp {
                        i += 1;
                    } else {
                        break;
                    }
                }
                push(&mut toks, Tok::Number(chars[start..i].iter().collect()));
            }
            c if c.is_ascii_uppercase() || c == '?' => {
                while peek(i).is_some_and(is_type_char) {
                    i += 1;
                }
                push(&mut toks, Tok::Word(chars[start..i].iter().collect()));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                while peek(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    i += 1;
                }
                push(&mut toks, Tok::Word(chars[start..i].iter().collect()));
            }
            c => {
                return Err(ParseError::new(
                    tl,
                    tc,
                    format!("unexpected character {c:?}"),
                ))
            }
        }
        col += (i - start) as u32;
    }
    if !matches!(toks.last().map(|t| &t.tok), Some(Tok::Newline) | None) {
        toks.push(Token {
            tok: Tok::Newline,
            line,
            col,
        });
    }
    toks.push(Token {
        tok: Tok::Eof,
        line,
        col,
    });
    Ok(toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            kinds("v1: ?Obj=<cls3> = const_float -1.5e-7 ; hi\n\n  b2(v3) -> \"a\\x80\\n\""),
            vec![
                Tok::Word("v1".into()),
                Tok::Colon,
                Tok::Word("?Obj=<cls3>".into()),
                Tok::Eq,
                Tok::Word("const_float".into()),
                Tok::Number("-1.5e-7".into()),
                Tok::Newline,
                Tok::Word("b2".into()),
                Tok::LParen,
                Tok::Word("v3".into()),
                Tok::RParen,
                Tok::Arrow,
                Tok::Str(vec![b'a', 0x80, b'\n']),
                Tok::Newline,
                Tok::Eof,
            ]
        );
        assert_eq!(
            kinds("...$rest \"C\"::\"m\" -inf"),
            vec![
                Tok::Ellipsis,
                Tok::Var("rest".into()),
                Tok::Str(b"C".to_vec()),
                Tok::ColonColon,
                Tok::Str(b"m".to_vec()),
                Tok::Number("-inf".into()),
                Tok::Newline,
                Tok::Eof,
            ]
        );
    }

    #[test]
    fn errors_have_positions() {
        let e = lex("ok\n  \"abc").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
        let e = lex("a \"\\q\"").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(lex("#").is_err());
        assert!(lex("\"\\x4").is_err());
    }
}
