//! Math builtins: `abs min max floor ceil round sqrt pow intdiv fmod exp log ...`, and the scalar `Math\` HSL functions.

use super::{arg, b, float_arg, format, has, int_arg, int_arg_or, num_arg, Builtin};
use crate::conv::Numeric;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::ops;
use crate::value::{Tag, TypedValue};

type R = Result<TypedValue, RuntimeError>;

pub(super) const FUNCS: &[Builtin] = &[
    b("abs", 1, Some(1), abs, true),
    b("min", 1, None, min, true),
    b("max", 1, None, max, true),
    b("floor", 1, Some(1), floor, true),
    b("ceil", 1, Some(1), ceil, true),
    b("round", 1, Some(3), round, true),
    b("sqrt", 1, Some(1), sqrt, true),
    b("pow", 2, Some(2), pow, true),
    b("intdiv", 2, Some(2), intdiv, true),
    b("fmod", 2, Some(2), fmod, true),
    b("exp", 1, Some(1), exp, true),
    b("log", 1, Some(2), log, true),
    b("log10", 1, Some(1), log10, true),
    b("log2", 1, Some(1), log2, true),
    b("sin", 1, Some(1), sin, true),
    b("cos", 1, Some(1), cos, true),
    b("tan", 1, Some(1), tan, true),
    b("asin", 1, Some(1), asin, true),
    b("acos", 1, Some(1), acos, true),
    b("atan", 1, Some(1), atan, true),
    b("atan2", 2, Some(2), atan2, true),
    b("sinh", 1, Some(1), sinh, true),
    b("cosh", 1, Some(1), cosh, true),
    b("tanh", 1, Some(1), tanh, true),
    b("pi", 0, Some(0), pi, true),
    b("is_nan", 1, Some(1), is_nan, true),
    b("is_infinite", 1, Some(1), is_infinite, true),
    b("is_finite", 1, Some(1), is_finite, true),
    b("Math\\abs", 1, Some(1), hsl_abs, true),
    b("Math\\floor", 1, Some(1), hsl_floor, true),
    b("Math\\ceil", 1, Some(1), hsl_ceil, true),
    b("Math\\round", 1, Some(2), hsl_round, true),
    b("Math\\int_div", 2, Some(2), hsl_int_div, true),
    b("Math\\sqrt", 1, Some(1), hsl_sqrt, true),
    b("Math\\exp", 1, Some(1), exp, true),
    b("Math\\log", 1, Some(2), log, true),
    b("Math\\cos", 1, Some(1), cos, true),
    b("Math\\sin", 1, Some(1), sin, true),
    b("Math\\tan", 1, Some(1), tan, true),
    b("Math\\maxva", 2, None, hsl_maxva, true),
    b("Math\\minva", 2, None, hsl_minva, true),
];

/// `abs`: an int's absolute value wraps, as HHVM's `-ival` (so `abs(PHP_INT_MIN)` is
/// `PHP_INT_MIN`, where PHP 8 gives a float).
fn abs_impl(name: &str, a: &[TypedValue]) -> R {
    Ok(match num_arg(name, a, 0)? {
        Numeric::Int(i) => TypedValue::int(i.wrapping_abs()),
        Numeric::Float(f) => TypedValue::float(f.abs()),
    })
}

fn abs(_: &mut Ctx, a: &[TypedValue]) -> R {
    abs_impl("abs", a)
}

/// `min`/`max` as HHVM's: one argument that is not a container is the result, an empty
/// container gives null; otherwise a value replaces the best so far only when it is strictly
/// less (greater) by the operator (`tvLess`/`tvGreater`), so the first wins ties and a NAN
/// neither replaces another value nor is replaced.
fn min_max(ctx: &mut Ctx, a: &[TypedValue], want: i64) -> R {
    if a.len() == 1 {
        return match arg(a, 0).tag {
            Tag::Vec | Tag::Dict | Tag::Keyset => super::containers::extreme(ctx, arg(a, 0), want),
            // SAFETY: W: a live borrowed argument; the result is a new owned reference.
            _ => Ok(unsafe { arg(a, 0).dup() }),
        };
    }
    let mut best = &a[0];
    for x in &a[1..] {
        if beats(ctx, x, best, want)? {
            best = x;
        }
    }
    // SAFETY: W: `best` is a live borrowed argument; the result is a new owned reference.
    Ok(unsafe { best.dup() })
}

/// True when `x` is greater (`want == 1`) or less (`want == -1`) than `y` by the operators
/// `>` and `<`: false for an unordered pair (a NAN).
pub(crate) fn beats(
    ctx: &mut Ctx,
    x: &TypedValue,
    y: &TypedValue,
    want: i64,
) -> Result<bool, RuntimeError> {
    Ok(if want > 0 {
        super::compare_values(ctx, y, x)? < 0
    } else {
        super::compare_values(ctx, x, y)? < 0
    })
}

/// The HSL's `Math\\maxva`/`Math\\minva`: `$first > $second ? $first : $second` (so the second
/// wins a tie), then each further value only when it beats the best so far.
fn hsl_pick(ctx: &mut Ctx, a: &[TypedValue], want: i64) -> R {
    let mut best = if beats(ctx, &a[0], &a[1], want)? {
        &a[0]
    } else {
        &a[1]
    };
    for x in &a[2..] {
        if beats(ctx, x, best, want)? {
            best = x;
        }
    }
    // SAFETY: W: `best` is a live borrowed argument; the result is a new owned reference.
    Ok(unsafe { best.dup() })
}

fn hsl_maxva(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    hsl_pick(ctx, a, 1)
}

fn hsl_minva(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    hsl_pick(ctx, a, -1)
}

fn min(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    min_max(ctx, a, -1)
}

fn max(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    min_max(ctx, a, 1)
}

fn float_fn(name: &str, a: &[TypedValue], f: fn(f64) -> f64) -> R {
    Ok(TypedValue::float(f(float_arg(name, a, 0)?)))
}

fn floor(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("floor", a, f64::floor)
}
fn ceil(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("ceil", a, f64::ceil)
}

fn round_impl(name: &str, a: &[TypedValue]) -> R {
    let v = num_arg(name, a, 0)?;
    let places = int_arg_or(name, a, 1, 0)?;
    Ok(TypedValue::float(match v {
        Numeric::Int(i) if places >= 0 => i as f64,
        n => format::php_round(n.to_f64(), places),
    }))
}

fn round(_: &mut Ctx, a: &[TypedValue]) -> R {
    if has(a, 2) && int_arg("round", a, 2)? != 1 {
        return Err(RuntimeError::throw(
            ExnClass::InvalidArgumentException,
            "round(): only PHP_ROUND_HALF_UP is supported",
        ));
    }
    round_impl("round", a)
}

fn sqrt(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("sqrt", a, f64::sqrt)
}

fn pow(_: &mut Ctx, a: &[TypedValue]) -> R {
    let x = num_arg("pow", a, 0)?.to_value();
    let y = num_arg("pow", a, 1)?.to_value();
    ops::pow(&x, &y)
}

/// `intdiv`: by zero → `DivisionByZeroException`; `PHP_INT_MIN, -1` → `ArithmeticError` (HHVM and PHP).
pub fn intdiv_int(x: i64, y: i64) -> Result<i64, RuntimeError> {
    if y == 0 {
        return Err(RuntimeError::division_by_zero());
    }
    if x == i64::MIN && y == -1 {
        return Err(RuntimeError::throw(
            ExnClass::ArithmeticError,
            "Division of PHP_INT_MIN by -1 is not an integer",
        ));
    }
    Ok(x / y)
}

fn intdiv(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(intdiv_int(
        int_arg("intdiv", a, 0)?,
        int_arg("intdiv", a, 1)?,
    )?))
}

fn fmod(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::float(
        float_arg("fmod", a, 0)? % float_arg("fmod", a, 1)?,
    ))
}

fn exp(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("exp", a, f64::exp)
}

fn log(_: &mut Ctx, a: &[TypedValue]) -> R {
    let x = float_arg("log", a, 0)?;
    if !has(a, 1) {
        return Ok(TypedValue::float(x.ln()));
    }
    // HHVM's `base <= 0 ? log(arg) : log(arg) / log(base)` (PHP 8 throws for a base <= 0 or
    // 1): a base of 1 divides by 0.
    let base = float_arg("log", a, 1)?;
    Ok(TypedValue::float(if base <= 0.0 {
        x.ln()
    } else {
        x.ln() / base.ln()
    }))
}

fn log10(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("log10", a, f64::log10)
}
fn log2(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("log2", a, f64::log2)
}
fn sin(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("sin", a, f64::sin)
}
fn cos(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("cos", a, f64::cos)
}
fn tan(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("tan", a, f64::tan)
}
fn asin(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("asin", a, f64::asin)
}
fn acos(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("acos", a, f64::acos)
}
fn atan(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("atan", a, f64::atan)
}
fn sinh(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("sinh", a, f64::sinh)
}
fn cosh(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("cosh", a, f64::cosh)
}
fn tanh(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("tanh", a, f64::tanh)
}

fn atan2(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::float(
        float_arg("atan2", a, 0)?.atan2(float_arg("atan2", a, 1)?),
    ))
}

fn pi(_: &mut Ctx, _: &[TypedValue]) -> R {
    Ok(TypedValue::float(jsvm_ir::consts::M_PI))
}

fn is_nan(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::bool(float_arg("is_nan", a, 0)?.is_nan()))
}
fn is_infinite(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::bool(
        float_arg("is_infinite", a, 0)?.is_infinite(),
    ))
}
fn is_finite(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::bool(float_arg("is_finite", a, 0)?.is_finite()))
}

/// HSL's `$n < 0 ? -$n : $n`: ints wrap, so `Math\abs(PHP_INT_MIN)` is `PHP_INT_MIN`.
fn hsl_abs(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(match num_arg("Math\\abs", a, 0)? {
        Numeric::Int(i) => TypedValue::int(i.wrapping_abs()),
        Numeric::Float(f) => TypedValue::float(f.abs()),
    })
}
fn hsl_floor(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("Math\\floor", a, f64::floor)
}
fn hsl_ceil(_: &mut Ctx, a: &[TypedValue]) -> R {
    float_fn("Math\\ceil", a, f64::ceil)
}
fn hsl_round(_: &mut Ctx, a: &[TypedValue]) -> R {
    round_impl("Math\\round", a)
}
/// The HSL's `Math\\int_div`: by zero, a `DivisionByZeroException` without a message (it
/// throws `new \\DivisionByZeroException()` itself).
fn hsl_int_div(_: &mut Ctx, a: &[TypedValue]) -> R {
    let (x, y) = (
        int_arg("Math\\int_div", a, 0)?,
        int_arg("Math\\int_div", a, 1)?,
    );
    if y == 0 {
        return Err(RuntimeError::throw(ExnClass::DivisionByZeroException, ""));
    }
    Ok(TypedValue::int(intdiv_int(x, y)?))
}
/// The HSL's `Math\\sqrt`: a negative argument fails its invariant (`$arg >= 0`), NAN too.
fn hsl_sqrt(_: &mut Ctx, a: &[TypedValue]) -> R {
    let x = float_arg("Math\\sqrt", a, 0)?;
    if x.is_nan() || x < 0.0 {
        return Err(RuntimeError::throw(
            ExnClass::InvariantException,
            format!("Expected non-negative argument to sqrt, got {x:.6}"),
        ));
    }
    Ok(TypedValue::float(x.sqrt()))
}
