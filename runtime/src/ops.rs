//! The semantic reference for every scalar IR operation, on `TypedValue`s: arithmetic, bitwise, comparison, concatenation, casts, increment/decrement.
//!
//! Every function borrows its operands and returns an owned result. Ints wrap
//! (HHVM). Operands convert as PHP 8 does for arithmetic: null → 0, bools →
//! 0/1, strings → their leading number (0 if none; PHP's warning is not
//! emitted); containers and objects throw `TypeError("Unsupported operand
//! types: ...")`. The `*_int`/`*_float` helpers are the inline fast paths of
//! the interpreter and JIT.

use crate::conv::{self, Numeric};
use crate::error::{ExnClass, RuntimeError};
use crate::string::Str;
use crate::value::{Tag, TypedValue};

/// Result of an operation.
pub type OpResult = Result<TypedValue, RuntimeError>;

/// `a + b` on ints (wrapping).
#[inline(always)]
pub fn add_int(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}
/// `a - b` on ints (wrapping).
#[inline(always)]
pub fn sub_int(a: i64, b: i64) -> i64 {
    a.wrapping_sub(b)
}
/// `a * b` on ints (wrapping).
#[inline(always)]
pub fn mul_int(a: i64, b: i64) -> i64 {
    a.wrapping_mul(b)
}
/// `a << b` on ints: the count is masked with 63 (HHVM; also for negative counts).
#[inline(always)]
pub fn shl_int(a: i64, b: i64) -> i64 {
    a.wrapping_shl((b & 63) as u32)
}
/// `a >> b` on ints (arithmetic): the count is masked with 63.
#[inline(always)]
pub fn shr_int(a: i64, b: i64) -> i64 {
    a.wrapping_shr((b & 63) as u32)
}
/// `a % b` on ints: by zero → `DivisionByZeroException("Division by zero")`; `x % -1` is 0 (no overflow trap).
#[inline]
pub fn mod_int(a: i64, b: i64) -> Result<i64, RuntimeError> {
    if b == 0 {
        return Err(RuntimeError::division_by_zero());
    }
    Ok(a.wrapping_rem(b))
}
/// `a / b` on ints: an int when exact, else a float; by zero throws; `PHP_INT_MIN / -1` is the float 2^63.
#[inline]
pub fn div_int(a: i64, b: i64) -> OpResult {
    if b == 0 {
        return Err(RuntimeError::division_by_zero());
    }
    if a == i64::MIN && b == -1 {
        return Ok(TypedValue::float(-(i64::MIN as f64)));
    }
    if a % b == 0 {
        Ok(TypedValue::int(a / b))
    } else {
        Ok(TypedValue::float(a as f64 / b as f64))
    }
}
/// `a / b` on floats: by zero (either sign) throws `DivisionByZeroException`.
#[inline]
pub fn div_float(a: f64, b: f64) -> OpResult {
    if b == 0.0 {
        return Err(RuntimeError::division_by_zero());
    }
    Ok(TypedValue::float(a / b))
}

/// `a ** b` on ints as PHP (`pow_function_base`): a non-negative exponent gives an
/// int by repeated squaring unless it overflows, then a float; a negative one a float.
pub fn pow_int(base: i64, exp: i64) -> TypedValue {
    if exp < 0 {
        return TypedValue::float((base as f64).powf(exp as f64));
    }
    if exp == 0 {
        return TypedValue::int(1);
    }
    if base == 0 {
        return TypedValue::int(0);
    }
    let (mut l1, mut l2, mut i) = (1i64, base, exp);
    while i >= 1 {
        if i % 2 != 0 {
            i -= 1;
            match l1.checked_mul(l2) {
                Some(v) => l1 = v,
                None => {
                    return TypedValue::float(
                        (l1 as f64) * (l2 as f64) * (l2 as f64).powf(i as f64),
                    )
                }
            }
        } else {
            i /= 2;
            match l2.checked_mul(l2) {
                Some(v) => l2 = v,
                None => {
                    return TypedValue::float(
                        (l1 as f64) * ((l2 as f64) * (l2 as f64)).powf(i as f64),
                    )
                }
            }
        }
    }
    TypedValue::int(l1)
}

#[inline]
fn num(tv: &TypedValue, op: &str, a: &TypedValue, b: &TypedValue) -> Result<Numeric, RuntimeError> {
    conv::to_number(tv).ok_or_else(|| conv::unsupported_operands(op, a, b))
}

#[inline]
fn nums(op: &str, a: &TypedValue, b: &TypedValue) -> Result<(Numeric, Numeric), RuntimeError> {
    Ok((num(a, op, a, b)?, num(b, op, a, b)?))
}

fn arith(
    op: &str,
    a: &TypedValue,
    b: &TypedValue,
    fi: fn(i64, i64) -> i64,
    ff: fn(f64, f64) -> f64,
) -> OpResult {
    Ok(match nums(op, a, b)? {
        (Numeric::Int(x), Numeric::Int(y)) => TypedValue::int(fi(x, y)),
        (x, y) => TypedValue::float(ff(x.to_f64(), y.to_f64())),
    })
}

/// `a + b`.
pub fn add(a: &TypedValue, b: &TypedValue) -> OpResult {
    if a.tag == Tag::Int && b.tag == Tag::Int {
        return Ok(TypedValue::int(add_int(a.as_int(), b.as_int())));
    }
    arith("+", a, b, add_int, |x, y| x + y)
}
/// `a - b`.
pub fn sub(a: &TypedValue, b: &TypedValue) -> OpResult {
    arith("-", a, b, sub_int, |x, y| x - y)
}
/// `a * b`.
pub fn mul(a: &TypedValue, b: &TypedValue) -> OpResult {
    arith("*", a, b, mul_int, |x, y| x * y)
}
/// `a / b`: see [`div_int`] and [`div_float`].
pub fn div(a: &TypedValue, b: &TypedValue) -> OpResult {
    match nums("/", a, b)? {
        (Numeric::Int(x), Numeric::Int(y)) => div_int(x, y),
        (x, y) => div_float(x.to_f64(), y.to_f64()),
    }
}
/// `a % b`: operands convert to int (floats truncate); see [`mod_int`].
pub fn modulo(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands("%", a, b)?;
    Ok(TypedValue::int(mod_int(x, y)?))
}
/// `a ** b`: see [`pow_int`]; any float operand gives `powf`.
pub fn pow(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(match nums("**", a, b)? {
        (Numeric::Int(x), Numeric::Int(y)) => pow_int(x, y),
        (x, y) => TypedValue::float(x.to_f64().powf(y.to_f64())),
    })
}
/// Unary `-a` (`-PHP_INT_MIN` wraps to itself).
pub fn neg(a: &TypedValue) -> OpResult {
    match conv::to_number(a) {
        Some(Numeric::Int(x)) => Ok(TypedValue::int(x.wrapping_neg())),
        Some(Numeric::Float(x)) => Ok(TypedValue::float(-x)),
        None => Err(conv::unsupported_operands("*", a, &TypedValue::int(-1))),
    }
}
/// Unary `+a`: the number of `a`.
pub fn plus(a: &TypedValue) -> OpResult {
    match conv::to_number(a) {
        Some(n) => Ok(n.to_value()),
        None => Err(conv::unsupported_operands("*", a, &TypedValue::int(1))),
    }
}

fn numeric_to_int(n: Numeric) -> i64 {
    match n {
        Numeric::Int(i) => i,
        Numeric::Float(f) => conv::float_to_int(f),
    }
}

/// The operands of `%` and the bit operators as ints: floats truncate, and a numeric string
/// converts as `(int)` does (one whose number is a float past the int range saturates, as PHP's
/// and HHVM's string-to-int conversion).
fn int_operands(op: &str, a: &TypedValue, b: &TypedValue) -> Result<(i64, i64), RuntimeError> {
    let (x, y) = nums(op, a, b)?;
    let int = |v: &TypedValue, n: Numeric| match (v.tag, n) {
        (Tag::Str, Numeric::Float(f)) => conv::float_to_int_cap(f),
        (_, n) => numeric_to_int(n),
    };
    Ok((int(a, x), int(b, y)))
}

/// `a & b` (operands convert to int).
pub fn bitand(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands("&", a, b)?;
    Ok(TypedValue::int(x & y))
}
/// `a | b`.
pub fn bitor(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands("|", a, b)?;
    Ok(TypedValue::int(x | y))
}
/// `a ^ b`.
pub fn bitxor(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands("^", a, b)?;
    Ok(TypedValue::int(x ^ y))
}
/// `a << b`: the count is masked with 63 (HHVM), so negative counts do not throw.
pub fn shl(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands("<<", a, b)?;
    Ok(TypedValue::int(shl_int(x, y)))
}
/// `a >> b` (arithmetic); the count is masked with 63.
pub fn shr(a: &TypedValue, b: &TypedValue) -> OpResult {
    let (x, y) = int_operands(">>", a, b)?;
    Ok(TypedValue::int(shr_int(x, y)))
}
/// `~a`: ints and floats (truncated) give `!int`; a string gives its bytes inverted (PHP);
/// anything else throws `TypeError`.
pub fn bitnot(a: &TypedValue) -> OpResult {
    match a.tag {
        Tag::Int => Ok(TypedValue::int(!a.as_int())),
        Tag::Float => Ok(TypedValue::int(!conv::float_to_int(a.as_float()))),
        Tag::Str => {
            let b: Vec<u8> = a.as_str().bytes().iter().map(|c| !c).collect();
            Ok(TypedValue::new_str(&b))
        }
        _ => Err(RuntimeError::throw(
            ExnClass::TypeError,
            format!("Cannot perform bitwise not on {}", conv::type_name(a)),
        )),
    }
}

/// `a . b`.
pub fn concat2(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(Str::concat_n(&[*a, *b]))
}
/// `a . b . c ...` and interpolation in one allocation.
pub fn concat_n(parts: &[TypedValue]) -> OpResult {
    Ok(Str::concat_n(parts))
}

/// An object whose class has `__toString` against a string, either way round: a comparison of
/// them converts the object first, which takes the VM (`Vm::compare_objects`).
#[inline]
pub fn stringable_vs_string(a: &TypedValue, b: &TypedValue) -> bool {
    match (a.tag, b.tag) {
        (_, Tag::Str) => crate::object::has_to_string(a),
        (Tag::Str, _) => crate::object::has_to_string(b),
        _ => false,
    }
}

/// `a <=> b`. A NAN against a number or a string compares as HHVM's doubles do,
/// `(a == b) ? 0 : ((a > b) ? 1 : -1)`: -1 either way, where PHP 8 (and [`conv::compare`], which
/// the relational operators use) gives 1.
pub fn cmp(a: &TypedValue, b: &TypedValue) -> OpResult {
    let c = conv::compare(a, b)?;
    let nan = |x: &TypedValue, other: &TypedValue| {
        x.tag == Tag::Float
            && x.as_float().is_nan()
            && matches!(other.tag, Tag::Int | Tag::Float | Tag::Str)
    };
    let unordered = c == 1 && (nan(a, b) || nan(b, a));
    Ok(TypedValue::int(if unordered { -1 } else { c }))
}
/// `a < b`.
pub fn lt(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::compare(a, b)? < 0))
}
/// `a <= b`.
pub fn le(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::compare(a, b)? <= 0))
}
/// `a > b` (as `b < a`, so NAN gives false).
pub fn gt(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::compare(b, a)? < 0))
}
/// `a >= b` (as `b <= a`).
pub fn ge(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::compare(b, a)? <= 0))
}
/// `a == b`.
pub fn eq(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::loose_eq(a, b)?))
}
/// `a != b`.
pub fn neq(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(!conv::loose_eq(a, b)?))
}
/// `a === b`.
pub fn same(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::strict_eq(a, b)?))
}
/// `a !== b`.
pub fn nsame(a: &TypedValue, b: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(!conv::strict_eq(a, b)?))
}
/// `!a`.
pub fn not(a: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(!conv::to_bool(a)))
}

/// `(int)a`.
pub fn cast_int(a: &TypedValue) -> OpResult {
    Ok(TypedValue::int(conv::to_int(a)))
}
/// `(float)a`.
pub fn cast_float(a: &TypedValue) -> OpResult {
    Ok(TypedValue::float(conv::to_float(a)))
}
/// `(string)a` (a string gets one more reference).
pub fn cast_string(a: &TypedValue) -> OpResult {
    Ok(conv::to_str(a))
}
/// `(bool)a`.
pub fn cast_bool(a: &TypedValue) -> OpResult {
    Ok(TypedValue::bool(conv::to_bool(a)))
}

/// PHP's alphanumeric string increment (`"a"` → `"b"`, `"Az"` → `"Ba"`, `"zz"` → `"aaa"`, `"a9"` → `"b0"`).
fn str_increment(s: &[u8]) -> Vec<u8> {
    let mut v = s.to_vec();
    let mut i = v.len();
    let mut last = 0u8; // kind of the last carried char: 1 lower, 2 upper, 3 digit
    while i > 0 {
        i -= 1;
        let c = v[i];
        match c {
            b'a'..=b'z' => {
                if c == b'z' {
                    v[i] = b'a';
                    last = 1;
                } else {
                    v[i] = c + 1;
                    return v;
                }
            }
            b'A'..=b'Z' => {
                if c == b'Z' {
                    v[i] = b'A';
                    last = 2;
                } else {
                    v[i] = c + 1;
                    return v;
                }
            }
            b'0'..=b'9' => {
                if c == b'9' {
                    v[i] = b'0';
                    last = 3;
                } else {
                    v[i] = c + 1;
                    return v;
                }
            }
            _ => return v,
        }
    }
    let first = match last {
        1 => b'a',
        2 => b'A',
        _ => b'1',
    };
    v.insert(0, first);
    v
}

/// `++` on a value: ints wrap, floats add 1, null becomes 1, bools are
/// unchanged, numeric strings become numbers, "" becomes "1", other strings
/// increment alphanumerically (PHP). Containers and objects throw `TypeError`.
pub fn incr(a: &TypedValue) -> OpResult {
    match a.tag {
        Tag::Int => Ok(TypedValue::int(a.as_int().wrapping_add(1))),
        Tag::Float => Ok(TypedValue::float(a.as_float() + 1.0)),
        Tag::Null | Tag::Uninit => Ok(TypedValue::int(1)),
        Tag::Bool => Ok(*a),
        Tag::Str => {
            let s = a.as_str().bytes();
            if s.is_empty() {
                return Ok(TypedValue::new_str(b"1"));
            }
            match conv::parse_numeric(s) {
                Some(Numeric::Int(i)) => Ok(if i == i64::MAX {
                    TypedValue::float(i as f64 + 1.0)
                } else {
                    TypedValue::int(i + 1)
                }),
                Some(Numeric::Float(f)) => Ok(TypedValue::float(f + 1.0)),
                None => Ok(TypedValue::new_str(&str_increment(s))),
            }
        }
        _ => Err(RuntimeError::type_error(format!(
            "Cannot increment {}",
            conv::type_name(a)
        ))),
    }
}

/// `--` on a value: ints wrap, floats subtract 1, null stays null, bools are
/// unchanged, numeric strings become numbers, "" becomes -1, other strings are unchanged (PHP).
pub fn decr(a: &TypedValue) -> OpResult {
    match a.tag {
        Tag::Int => Ok(TypedValue::int(a.as_int().wrapping_sub(1))),
        Tag::Float => Ok(TypedValue::float(a.as_float() - 1.0)),
        Tag::Null | Tag::Uninit => Ok(TypedValue::null()),
        Tag::Bool => Ok(*a),
        Tag::Str => {
            let s = a.as_str().bytes();
            if s.is_empty() {
                return Ok(TypedValue::int(-1));
            }
            match conv::parse_numeric(s) {
                Some(Numeric::Int(i)) => Ok(if i == i64::MIN {
                    TypedValue::float(i as f64 - 1.0)
                } else {
                    TypedValue::int(i - 1)
                }),
                Some(Numeric::Float(f)) => Ok(TypedValue::float(f - 1.0)),
                // SAFETY: W: `a` is a live string; the copy returned is an owned reference.
                None => Ok(unsafe { a.dup() }),
            }
        }
        _ => Err(RuntimeError::type_error(format!(
            "Cannot decrement {}",
            conv::type_name(a)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_increment() {
        assert_eq!(str_increment(b"a"), b"b");
        assert_eq!(str_increment(b"Az"), b"Ba");
        assert_eq!(str_increment(b"zz"), b"aaa");
        assert_eq!(str_increment(b"a9"), b"b0");
        assert_eq!(str_increment(b"Zz"), b"AAa");
        assert_eq!(str_increment(b"9"), b"10");
    }
}
