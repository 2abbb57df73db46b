//! String facts shared by the front end and the runtime: which strings may be numeric.

/// Whether `s` may be a numeric string (PHP 8's syntax, which HHVM's `==` and `<` follow): a
/// numeric string starts with whitespace, a sign, a digit or a `.`. `false` proves that `s` is
/// not numeric, so `==` between it and any string compares bytes (the front end builds a
/// `switch_str` table only from such labels).
pub fn may_be_numeric(s: &[u8]) -> bool {
    s.first().is_some_and(|&c| {
        c.is_ascii_digit()
            || matches!(
                c,
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'+' | b'-' | b'.'
            )
    })
}
