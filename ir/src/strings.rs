//! String facts shared by the front end and the runtime: which strings may be numeric.

/// Whether `s` may be a numeric string (PHP 8's syntax, which HHVM's `==` and `<` follow): a
/// numeric string starts with whitespace, a sign, a digit or a `.`. `false` proves that `s` is
/// not numeric, so `==` between it and any string compares bytes (the front end builds a
/// `switch_str` table only from such labels).
pub fn may_be_numeric(s: &[u8]) -> bool {
    s.first()
        .is_some_and(|&c| c.is_ascii_digit() || is_space(c) || matches!(c, b'+' | b'-' | b'.'))
}

/// The whitespace a numeric string may start and end with (PHP 8's: space, `\t`, `\n`, `\r`,
/// `\v`, `\f`).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}
