//! Hack value conversions (to string, bool, int, float), numeric strings, and the comparisons `==`, `===` and `<=>` on scalars.
//!
//! Rules follow PHP 8 where HHVM agrees (LANGUAGE.md), with HHVM's
//! exceptions: `-0.0` converts to the string `"0"`. Float-to-string uses 14
//! significant digits (PHP `precision=14`, `%.14G` via `zend_gcvt`);
//! `var_dump` uses the shortest round-trip digits (`serialize_precision=-1`).
//! Both use correctly rounded digits (round-half-even on exact ties, as
//! `zend_dtoa`), which Rust's float formatting also produces.
//!
//! Containers: a vec/dict/keyset object stores its element count as a `u32`
//! at byte offset [`CONTAINER_LEN_OFFSET`] (right after the header), which is
//! all truthiness needs here. Containers compare through `crate::array`
//! (`loose_eq`, `strict_eq`, `compare`); comparisons of objects are not
//! implemented yet; they return `Err` (a `Fatal`) so callers already handle failure.

use crate::error::{ExnClass, RuntimeError};
use crate::string::Str;
use crate::value::{Tag, TypedValue};
use jsvm_ir::strings::is_space as is_ws;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Byte offset of the `u32` element count in vec, dict and keyset objects.
pub const CONTAINER_LEN_OFFSET: usize = 8;

/// Number of elements of a vec/dict/keyset value (reads the `u32` at [`CONTAINER_LEN_OFFSET`]).
pub fn container_len(tv: &TypedValue) -> usize {
    debug_assert!(matches!(tv.tag, Tag::Vec | Tag::Dict | Tag::Keyset));
    // SAFETY: W: a live container object, whose count is at this offset by convention.
    unsafe { *((tv.payload as *const u8).add(CONTAINER_LEN_OFFSET) as *const u32) as usize }
}

// ---------------------------------------------------------------------------
// Floats to strings

/// The decimal digits (no leading/trailing zeros, at least one) and decimal
/// point position of a finite non-zero |v| rounded to `prec` significant digits:
/// v = 0.d1d2d3... × 10^decpt.
pub(crate) fn float_digits(v: f64, prec: usize) -> (Vec<u8>, i32) {
    let s = format!("{:.*e}", prec.max(1) - 1, v.abs());
    let (mant, exp) = s.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    while digits.len() > 1 && *digits.last().unwrap() == b'0' {
        digits.pop();
    }
    (digits, exp + 1)
}

/// `zend_gcvt`: `%G`-style formatting of `v` with the given digits, switching to
/// `1.0E+25` form when `decpt > threshold` or `decpt < -3`.
fn gcvt(v: f64, prec: usize, threshold: i32, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"NAN");
        return;
    }
    if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"INF" } else { b"-INF" });
        return;
    }
    if v == 0.0 {
        out.push(b'0');
        return;
    }
    if v < 0.0 {
        out.push(b'-');
    }
    let (digits, decpt) = float_digits(v, prec);
    push_g_digits(out, &digits, decpt, threshold, b'E');
}

/// Appends significant `digits` (no sign) with the decimal point after `decpt` of them, as
/// C's `%G` does: exponent form `D.DDDE+X` (exponent letter `e_char`) when `decpt` is below -3
/// or above `threshold`, else plain notation with zeros filled in.
pub fn push_g_digits(out: &mut Vec<u8>, digits: &[u8], decpt: i32, threshold: i32, e_char: u8) {
    if if decpt < 0 {
        decpt < -3
    } else {
        decpt > threshold
    } {
        let e = decpt - 1;
        out.push(digits[0]);
        out.push(b'.');
        if digits.len() == 1 {
            out.push(b'0');
        } else {
            out.extend_from_slice(&digits[1..]);
        }
        out.push(e_char);
        out.push(if e < 0 { b'-' } else { b'+' });
        out.extend_from_slice(e.unsigned_abs().to_string().as_bytes());
    } else if decpt <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-decpt) as usize));
        out.extend_from_slice(digits);
    } else {
        let d = decpt as usize;
        if digits.len() <= d {
            out.extend_from_slice(digits);
            out.extend(std::iter::repeat_n(b'0', d - digits.len()));
        } else {
            out.extend_from_slice(&digits[..d]);
            out.push(b'.');
            out.extend_from_slice(&digits[d..]);
        }
    }
}

/// Appends the Hack string form of a float (echo, `.`, `(string)`): 14
/// significant digits, `-0.0` as `0` (HHVM), `INF`, `-INF`, `NAN`.
pub fn push_float(v: f64, out: &mut Vec<u8>) {
    gcvt(v, 14, 14, out);
}

/// The Hack string form of a float; see [`push_float`].
pub fn float_to_string(v: f64) -> String {
    let mut out = Vec::with_capacity(24);
    push_float(v, &mut out);
    String::from_utf8(out).expect("ascii")
}

/// The `var_dump` (and, with a lowercase `e`, `json_encode`) form of a float: as HHVM's
/// `VariableSerializer`, `%.14G` — the string form, except that `-0.0` keeps its sign
/// (`float(-0)`). PHP 8 prints the shortest round-trip digits instead (`0.30000000000000004`).
pub fn float_to_repr(v: f64) -> String {
    let mut out = Vec::with_capacity(24);
    if v == 0.0 && v.is_sign_negative() {
        out.push(b'-');
    }
    push_float(v, &mut out);
    String::from_utf8(out).expect("ascii")
}

/// The decimal form of an int, on the stack.
#[derive(Clone, Copy)]
pub struct IntText {
    buf: [u8; 20],
    start: u8,
}

impl IntText {
    /// The text of `i`.
    pub fn new(i: i64) -> IntText {
        let mut buf = [0u8; 20];
        let mut n = i.unsigned_abs();
        let mut pos = buf.len();
        loop {
            pos -= 1;
            buf[pos] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if i < 0 {
            pos -= 1;
            buf[pos] = b'-';
        }
        IntText {
            buf,
            start: pos as u8,
        }
    }

    /// The text.
    pub fn bytes(&self) -> &[u8] {
        &self.buf[usize::from(self.start)..]
    }
}

/// Appends the decimal form of an int.
pub fn push_int(i: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(IntText::new(i).bytes());
}

// ---------------------------------------------------------------------------
// To string

/// The Hack string conversion of a value, borrowing a string's bytes.
/// null → "", true → "1", false → "", ints and floats as echo prints them.
/// Containers convert to `Vec`/`Dict`/`Keyset` and objects to `Object` (HHVM also raises a notice).
pub fn to_string_bytes(tv: &TypedValue) -> Cow<'_, [u8]> {
    match tv.tag {
        Tag::Str => Cow::Borrowed(tv.as_str().bytes()),
        Tag::Int => {
            let mut v = Vec::with_capacity(20);
            push_int(tv.as_int(), &mut v);
            Cow::Owned(v)
        }
        Tag::Float => {
            let mut v = Vec::with_capacity(24);
            push_float(tv.as_float(), &mut v);
            Cow::Owned(v)
        }
        Tag::Bool => Cow::Borrowed(if tv.as_bool() { b"1" } else { b"" }),
        Tag::Null | Tag::Uninit => Cow::Borrowed(b""),
        Tag::Vec => Cow::Borrowed(b"Vec"),
        Tag::Dict => Cow::Borrowed(b"Dict"),
        Tag::Keyset => Cow::Borrowed(b"Keyset"),
        Tag::Obj => Cow::Borrowed(b"Object"),
        Tag::Func => Cow::Borrowed(b"Closure"),
    }
}

/// Appends the string conversion of a value.
pub fn push_string(tv: &TypedValue, out: &mut Vec<u8>) {
    match tv.tag {
        Tag::Int => push_int(tv.as_int(), out),
        Tag::Float => push_float(tv.as_float(), out),
        _ => out.extend_from_slice(&to_string_bytes(tv)),
    }
}

/// The string conversion as an owned string value (a string gets one more reference).
pub fn to_str(tv: &TypedValue) -> TypedValue {
    match tv.tag {
        // SAFETY: W: the borrowed string is live; the new reference is returned to the caller.
        Tag::Str => unsafe { tv.dup() },
        Tag::Int => TypedValue::str(Str::new_counted(IntText::new(tv.as_int()).bytes())),
        _ => TypedValue::str(Str::new_counted(&to_string_bytes(tv))),
    }
}

// ---------------------------------------------------------------------------
// Numeric strings

/// A number parsed from a string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numeric {
    /// An integer that fits in i64.
    Int(i64),
    /// A float (or an integer string that overflows i64).
    Float(f64),
}

impl Numeric {
    /// As a float.
    pub fn to_f64(self) -> f64 {
        match self {
            Numeric::Int(i) => i as f64,
            Numeric::Float(f) => f,
        }
    }
    /// As a value.
    pub fn to_value(self) -> TypedValue {
        match self {
            Numeric::Int(i) => TypedValue::int(i),
            Numeric::Float(f) => TypedValue::float(f),
        }
    }
}

/// Parses PHP 8's numeric-string syntax at the start of `s`: leading
/// whitespace, a sign, digits with an optional fraction (or `.5`), an optional
/// exponent, trailing whitespace. Returns the number and whether the *whole*
/// string was consumed (false = a leading-numeric string like `"5 apples"`);
/// `None` when there is no leading number.
pub fn parse_numeric_prefix(s: &[u8]) -> Option<(Numeric, bool)> {
    let mut i = 0;
    while i < s.len() && is_ws(s[i]) {
        i += 1;
    }
    let start = i;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut is_float = false;
    let mut frac_digits = 0;
    if i < s.len() && s[i] == b'.' {
        let mut j = i + 1;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        frac_digits = j - i - 1;
        if int_digits > 0 || frac_digits > 0 {
            is_float = true;
            i = j;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            is_float = true;
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[start..i]).expect("ascii");
    let num = if is_float {
        Numeric::Float(text.parse::<f64>().unwrap_or(0.0))
    } else {
        match text.parse::<i64>() {
            Ok(n) => Numeric::Int(n),
            Err(_) => Numeric::Float(text.parse::<f64>().unwrap_or(0.0)),
        }
    };
    let mut k = i;
    while k < s.len() && is_ws(s[k]) {
        k += 1;
    }
    Some((num, k == s.len()))
}

/// The value of a fully numeric string (`is_numeric`), or `None`.
pub fn parse_numeric(s: &[u8]) -> Option<Numeric> {
    match parse_numeric_prefix(s) {
        Some((n, true)) => Some(n),
        _ => None,
    }
}

/// `is_numeric` on a string.
pub fn is_numeric_str(s: &[u8]) -> bool {
    parse_numeric(s).is_some()
}

/// The number a string gives in arithmetic: its leading number, else 0 (PHP 8 without the warning).
pub fn str_to_number(s: &[u8]) -> Numeric {
    parse_numeric_prefix(s).map_or(Numeric::Int(0), |(n, _)| n)
}

// ---------------------------------------------------------------------------
// To bool, int, float

/// Truthiness: `0`, `0.0`, `""`, `"0"`, null, false and empty containers are false; NAN is true.
pub fn to_bool(tv: &TypedValue) -> bool {
    match tv.tag {
        Tag::Uninit | Tag::Null => false,
        Tag::Bool => tv.as_bool(),
        Tag::Int => tv.as_int() != 0,
        Tag::Float => tv.as_float() != 0.0,
        Tag::Str => {
            let b = tv.as_str().bytes();
            !(b.is_empty() || b == b"0")
        }
        Tag::Vec | Tag::Dict | Tag::Keyset => container_len(tv) != 0,
        Tag::Obj | Tag::Func => true,
    }
}

/// Float to int as HHVM (`double_to_int64`), which PHP 8 does not share: truncation; values from
/// 2^63 up to 2^64 wrap (through `uint64_t`), 2^64 and above (and INF) give 0, values below
/// -2^63 (and -INF) give `PHP_INT_MIN`, as x86's conversion does; NAN gives `PHP_INT_MIN` too.
pub fn float_to_int(f: f64) -> i64 {
    const TWO64: f64 = 18_446_744_073_709_551_616.0;
    if f >= 0.0 {
        if f < TWO64 {
            (f as u64) as i64
        } else {
            0
        }
    } else if f < 0.0 {
        // Rust's conversion saturates: below -2^63 it is `i64::MIN`, as x86's.
        f as i64
    } else {
        i64::MIN
    }
}

/// Float to int saturating at the int range (`zend_dval_to_lval_cap`, used for numeric strings); NAN → 0.
pub fn float_to_int_cap(f: f64) -> i64 {
    if f.is_nan() {
        0
    } else {
        f as i64
    }
}

/// `(int)` of a string as HHVM's (`strtoll(s, nullptr, 10)`): leading whitespace, a sign and
/// decimal digits, saturating; a fraction or an exponent ends the number (`(int)"1e3"` is 1,
/// where PHP 8 gives 1000).
pub fn str_to_int(s: &[u8]) -> i64 {
    strtoll(s, 10)
}

/// C's `strtoll` on a string, as HHVM's int conversions of strings (`StringData::toInt64`) and
/// `intval($s, $base)`: whitespace, sign, an optional `0x`/`0o`/`0b` prefix for bases 16/8/2 (and
/// detection for base 0), then the digits valid in the base; saturates on overflow.
pub fn strtoll(s: &[u8], base: u32) -> i64 {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let lower = |j: usize| s.get(j).map(|c| c.to_ascii_lowercase());
    let mut base = base;
    if (base == 0 || base == 16) && lower(i) == Some(b'0') && lower(i + 1) == Some(b'x') {
        base = 16;
        i += 2;
    } else if (base == 0 || base == 2) && lower(i) == Some(b'0') && lower(i + 1) == Some(b'b') {
        base = 2;
        i += 2;
    } else if (base == 0 || base == 8) && lower(i) == Some(b'0') && lower(i + 1) == Some(b'o') {
        base = 8;
        i += 2;
    } else if base == 0 {
        base = if lower(i) == Some(b'0') { 8 } else { 10 };
    }
    let mut n: i128 = 0;
    let mut saturated = false;
    while i < s.len() {
        let Some(d) = (s[i] as char).to_digit(36).filter(|&d| d < base) else {
            break;
        };
        if !saturated {
            n = n * base as i128 + d as i128;
            if n > i64::MAX as i128 + 1 {
                saturated = true;
            }
        }
        i += 1;
    }
    if saturated {
        return if neg { i64::MIN } else { i64::MAX };
    }
    let n = if neg { -n } else { n };
    n.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// `(int)`: null/false → 0, true → 1, floats truncate, strings by their leading number,
/// containers → 0 if empty else 1, objects → 1.
pub fn to_int(tv: &TypedValue) -> i64 {
    match tv.tag {
        Tag::Int => tv.as_int(),
        Tag::Float => float_to_int(tv.as_float()),
        Tag::Str => str_to_int(tv.as_str().bytes()),
        _ => to_bool(tv) as i64,
    }
}

/// `(float)`: like [`to_int`] but keeping fractions.
pub fn to_float(tv: &TypedValue) -> f64 {
    match tv.tag {
        Tag::Int => tv.as_int() as f64,
        Tag::Float => tv.as_float(),
        Tag::Str => str_to_number(tv.as_str().bytes()).to_f64(),
        _ => to_bool(tv) as i64 as f64,
    }
}

/// The number a scalar gives in arithmetic (null → 0, bools → 0/1, strings by
/// their leading number); `None` for containers, objects and functions.
pub fn to_number(tv: &TypedValue) -> Option<Numeric> {
    Some(match tv.tag {
        Tag::Int => Numeric::Int(tv.as_int()),
        Tag::Float => Numeric::Float(tv.as_float()),
        Tag::Null | Tag::Uninit => Numeric::Int(0),
        Tag::Bool => Numeric::Int(tv.as_bool() as i64),
        Tag::Str => str_to_number(tv.as_str().bytes()),
        _ => return None,
    })
}

/// The Hack type name used in error messages (`int`, `float`, `string`, `bool`, `null`, `vec`, ...).
pub fn type_name(tv: &TypedValue) -> &'static str {
    match tv.tag {
        Tag::Uninit | Tag::Null => "null",
        Tag::Bool => "bool",
        Tag::Int => "int",
        Tag::Float => "float",
        Tag::Str => "string",
        Tag::Vec => "vec",
        Tag::Dict => "dict",
        Tag::Keyset => "keyset",
        Tag::Obj => "object",
        Tag::Func => "Closure",
    }
}

// ---------------------------------------------------------------------------
// Comparisons

#[inline]
fn three_way_f(a: f64, b: f64) -> i64 {
    // PHP's ZEND_THREEWAY_COMPARE: unordered (NAN) compares as 1.
    if a == b {
        0
    } else if a < b {
        -1
    } else {
        1
    }
}

fn ord_i(o: Ordering) -> i64 {
    o as i64
}

fn cmp_numeric(a: Numeric, b: Numeric) -> i64 {
    match (a, b) {
        (Numeric::Int(x), Numeric::Int(y)) => ord_i(x.cmp(&y)),
        _ => three_way_f(a.to_f64(), b.to_f64()),
    }
}

/// String comparison as PHP 8 (`zendi_smart_strcmp`): numerically when both are numeric, else bytewise.
pub fn compare_strings(a: &[u8], b: &[u8]) -> i64 {
    numeric_strings_cmp(a, b).unwrap_or_else(|| ord_i(a.cmp(b)))
}

/// The comparison of two numeric strings (`None` unless both are), as PHP 8's
/// `zendi_smart_strcmp` and HHVM's `numericCompare`: an integer string past the int range is
/// above (or below) every int; two that overflow to the same side and the same float, or two
/// equal infinite floats, compare as bytes.
fn numeric_strings_cmp(a: &[u8], b: &[u8]) -> Option<i64> {
    use jsvm_ir::strings::may_be_numeric;
    if !may_be_numeric(a) || !may_be_numeric(b) {
        return None;
    }
    let (x, y) = (parse_numeric(a)?, parse_numeric(b)?);
    let (ox, oy) = (int_overflow(a, x), int_overflow(b, y));
    Some(match (x, y) {
        (Numeric::Int(i), Numeric::Int(j)) => ord_i(i.cmp(&j)),
        _ if ox != 0 && ox == oy && x.to_f64() == y.to_f64() => ord_i(a.cmp(b)),
        (Numeric::Int(_), _) if oy != 0 => -oy,
        (_, Numeric::Int(_)) if ox != 0 => ox,
        (Numeric::Float(f), Numeric::Float(g)) if f == g && !f.is_finite() => ord_i(a.cmp(b)),
        _ => cmp_numeric(x, y),
    })
}

/// 1 or -1 when numeric string `s` (whose number is `n`) is an integer past the int range
/// (above or below), else 0.
fn int_overflow(s: &[u8], n: Numeric) -> i64 {
    if !matches!(n, Numeric::Float(_)) {
        return 0;
    }
    let start = s.iter().position(|&c| !is_ws(c)).unwrap_or(s.len());
    let end = s.iter().rposition(|&c| !is_ws(c)).map_or(start, |i| i + 1);
    let t = &s[start..end];
    let (neg, digits) = match t.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, t),
    };
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        if neg {
            -1
        } else {
            1
        }
    } else {
        0
    }
}

#[cold]
fn uncomparable(a: &TypedValue, b: &TypedValue) -> RuntimeError {
    RuntimeError::fatal(format!(
        "comparison of {} with {} is not implemented yet",
        type_name(a),
        type_name(b)
    ))
}

/// `a <=> b` (PHP 8 rules for scalars): -1, 0 or 1. Unordered (NAN) comparisons give 1,
/// so `<`/`<=` implemented as `compare(a, b) < 0` / `<= 0` and `>`/`>=` as
/// `compare(b, a) < 0` / `<= 0` are all false with a NAN operand.
pub fn compare(a: &TypedValue, b: &TypedValue) -> Result<i64, RuntimeError> {
    use Tag::*;
    let (ta, tb) = (norm(a.tag), norm(b.tag));
    Ok(match (ta, tb) {
        (Int, Int) => ord_i(a.as_int().cmp(&b.as_int())),
        (Float, Float) => three_way_f(a.as_float(), b.as_float()),
        (Int, Float) => three_way_f(a.as_int() as f64, b.as_float()),
        (Float, Int) => three_way_f(a.as_float(), b.as_int() as f64),
        (Str, Str) => compare_strings(a.as_str().bytes(), b.as_str().bytes()),
        (Null, Null) => 0,
        (Null, Str) => {
            if b.as_str().is_empty() {
                0
            } else {
                -1
            }
        }
        (Str, Null) => {
            if a.as_str().is_empty() {
                0
            } else {
                1
            }
        }
        // Hack arrays against anything else, null and bools too, are an
        // `InvalidOperationException` (HHVM's `tvRelOpVec`; `==` is `loose_eq`).
        (Vec | Dict | Keyset, _) | (_, Vec | Dict | Keyset) => return crate::array::compare(a, b),
        // PHP: null and bool against anything else compare as bools.
        (Null | Bool, _) | (_, Null | Bool) => ord_i(to_bool(a).cmp(&to_bool(b))),
        // PHP 8: a NAN operand against a string is unordered (1) either way.
        (Float, Str) | (Str, Float) if (if ta == Float { a } else { b }).as_float().is_nan() => 1,
        (Int | Float, Str) => {
            let s = b.as_str().bytes();
            match parse_numeric(s) {
                Some(n) => cmp_numeric(num_of(a), n),
                None => ord_i(to_string_bytes(a).as_ref().cmp(s)),
            }
        }
        (Str, Int | Float) => {
            let s = a.as_str().bytes();
            match parse_numeric(s) {
                Some(n) => cmp_numeric(n, num_of(b)),
                None => ord_i(s.cmp(to_string_bytes(b).as_ref())),
            }
        }
        (Obj, Obj) => return crate::object::compare(a, b),
        // Closures (HHVM's `Closure` objects): the same one is equal, other pairs unordered.
        (Func, Func) => {
            if a.bits_eq(*b) {
                0
            } else {
                1
            }
        }
        // An object (a closure too) against a string: one with `__toString` compares as that
        // string (both tiers convert it before they get here); any other is the greater (PHP 8,
        // HHVM).
        (Obj | Func, Str) if !crate::object::has_to_string(a) => 1,
        (Str, Obj | Func) if !crate::object::has_to_string(b) => -1,
        // Against a number, an object counts as 1 (PHP and HHVM convert it, with a notice).
        (Obj | Func, Int | Float) => return compare(&TypedValue::int(1), b),
        (Int | Float, Obj | Func) => return compare(a, &TypedValue::int(1)),
        _ => return Err(uncomparable(a, b)),
    })
}

#[inline]
fn norm(t: Tag) -> Tag {
    if t == Tag::Uninit {
        Tag::Null
    } else {
        t
    }
}

fn num_of(tv: &TypedValue) -> Numeric {
    match tv.tag {
        Tag::Int => Numeric::Int(tv.as_int()),
        _ => Numeric::Float(tv.as_float()),
    }
}

/// `a == b` (HHVM/PHP 8 loose equality for scalars): `1 == 1.0`, `"1" == 1`,
/// `"1.0" == "1"`, `null == false`, `null == ""`, NAN never equal.
pub fn loose_eq(a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    use Tag::*;
    match (norm(a.tag), norm(b.tag)) {
        (Int, Int) => Ok(a.as_int() == b.as_int()),
        (Float, Float) => Ok(a.as_float() == b.as_float()),
        (Int, Float) => Ok(a.as_int() as f64 == b.as_float()),
        (Float, Int) => Ok(a.as_float() == b.as_int() as f64),
        (Str, Str) => {
            let (x, y) = (a.as_str(), b.as_str());
            if std::ptr::eq(x, y) || x.bytes() == y.bytes() {
                return Ok(true);
            }
            // Equal strings are equal; unequal ones only as numbers.
            Ok(numeric_strings_cmp(x.bytes(), y.bytes()) == Some(0))
        }
        (Int | Float, Str) | (Str, Int | Float) => {
            let (n, s) = if a.tag == Str { (b, a) } else { (a, b) };
            let sb = s.as_str().bytes();
            if n.tag == Float && n.as_float().is_nan() {
                return Ok(false);
            }
            Ok(match parse_numeric(sb) {
                Some(m) => num_eq(num_of(n), m),
                None => to_string_bytes(n).as_ref() == sb,
            })
        }
        (Vec | Dict | Keyset, Vec | Dict | Keyset) => crate::array::loose_eq(a, b),
        (Vec | Dict | Keyset, Int | Float | Str) | (Int | Float | Str, Vec | Dict | Keyset) => {
            Ok(false)
        }
        (Obj, Obj) => crate::object::loose_eq(a, b),
        (Vec | Dict | Keyset | Obj | Func, Vec | Dict | Keyset | Obj | Func) => {
            if a.bits_eq(*b) {
                Ok(true)
            } else if a.tag != b.tag || a.tag == Func {
                // Two closures are equal only when they are the same one.
                Ok(false)
            } else {
                Err(uncomparable(a, b))
            }
        }
        (Null, Str) => Ok(b.as_str().is_empty()),
        (Str, Null) => Ok(a.as_str().is_empty()),
        // (Only `<=>` and the relational operators throw for these: [`compare`].)
        (Null | Bool, Vec | Dict | Keyset) | (Vec | Dict | Keyset, Null | Bool) => {
            Ok(to_bool(a) == to_bool(b))
        }
        _ => Ok(compare(a, b)? == 0),
    }
}

fn num_eq(a: Numeric, b: Numeric) -> bool {
    match (a, b) {
        (Numeric::Int(x), Numeric::Int(y)) => x == y,
        _ => a.to_f64() == b.to_f64(),
    }
}

/// `a === b`: same type and same value; strings by content, floats by `==`
/// (so `NAN !== NAN` and `0.0 === -0.0`), heap values other than strings by identity
/// (containers structurally: same keys in the same order, `===` values).
pub fn strict_eq(a: &TypedValue, b: &TypedValue) -> Result<bool, RuntimeError> {
    use Tag::*;
    if norm(a.tag) != norm(b.tag) {
        return Ok(false);
    }
    Ok(match norm(a.tag) {
        Null => true,
        Bool | Int => a.payload == b.payload,
        Float => a.as_float() == b.as_float(),
        Str => a.payload == b.payload || a.as_str().bytes() == b.as_str().bytes(),
        Obj | Func => a.payload == b.payload,
        Vec | Dict | Keyset => return crate::array::strict_eq(a, b),
        Uninit => unreachable!(),
    })
}

/// A `TypeError` for an operator on operands it does not support.
#[cold]
pub fn unsupported_operands(op: &str, a: &TypedValue, b: &TypedValue) -> RuntimeError {
    RuntimeError::throw(
        ExnClass::TypeError,
        format!(
            "Unsupported operand types: {} {} {}",
            type_name(a),
            op,
            type_name(b)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_strings() {
        assert_eq!(float_to_string(0.1 + 0.2), "0.3");
        assert_eq!(float_to_string(-0.0), "0");
        assert_eq!(float_to_repr(-0.0), "-0");
        assert_eq!(float_to_string(1e15), "1.0E+15");
        assert_eq!(float_to_string(0.00001), "1.0E-5");
        // var_dump's form is HHVM's %.14G too, not PHP 8's shortest round trip.
        assert_eq!(float_to_repr(0.1 + 0.2), "0.3");
        assert_eq!(float_to_repr(1.0 / 3.0), "0.33333333333333");
        assert_eq!(float_to_repr(1e15), "1.0E+15");
        assert_eq!(float_to_repr(1e15 + 0.25), "1.0E+15");
        assert_eq!(float_to_repr(123_456_789_012_345.5), "1.2345678901235E+14");
        assert_eq!(float_to_repr(0.1), "0.1");
        assert_eq!(float_to_repr(-2.5), "-2.5");
        assert_eq!(float_to_repr(5e-324), "4.9406564584125E-324");
        assert_eq!(float_to_repr(f64::MAX), "1.7976931348623E+308");
    }

    #[test]
    fn numeric() {
        assert_eq!(parse_numeric(b" 12 "), Some(Numeric::Int(12)));
        assert_eq!(parse_numeric(b"1e3"), Some(Numeric::Float(1000.0)));
        assert_eq!(parse_numeric(b"."), None);
        assert_eq!(parse_numeric(b"0x1A"), None);
        assert_eq!(
            parse_numeric_prefix(b"45abc"),
            Some((Numeric::Int(45), false))
        );
        assert_eq!(str_to_int(b"9999999999999999999999"), i64::MAX);
        // HHVM's `double_to_int64`.
        assert_eq!(float_to_int(1e20), 0);
        assert_eq!(float_to_int(-1e20), i64::MIN);
        assert_eq!(float_to_int(1e19), -8446744073709551616);
        assert_eq!(float_to_int(-1e19), i64::MIN);
        assert_eq!(float_to_int(9.2e18), 9200000000000000000);
        assert_eq!(float_to_int(-2.5), -2);
        assert_eq!(float_to_int(f64::NAN), i64::MIN);
        assert_eq!(float_to_int(f64::INFINITY), 0);
        assert_eq!(float_to_int(f64::NEG_INFINITY), i64::MIN);
    }
}
