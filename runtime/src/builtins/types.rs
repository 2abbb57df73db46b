//! Type builtins (`is_int ... gettype`), conversions (`intval floatval strval boolval`) and clocks (`microtime`, `hrtime`).

use super::{arg, b, int_arg_or, ret_str, Builtin};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RuntimeError;
use crate::value::{Tag, TypedValue};

type R = Result<TypedValue, RuntimeError>;

pub(super) const FUNCS: &[Builtin] = &[
    b("is_int", 1, Some(1), is_int, true),
    b("is_integer", 1, Some(1), is_int, true),
    b("is_float", 1, Some(1), is_float, true),
    b("is_double", 1, Some(1), is_float, true),
    b("is_string", 1, Some(1), is_string, true),
    b("is_bool", 1, Some(1), is_bool, true),
    b("is_null", 1, Some(1), is_null, true),
    b("is_numeric", 1, Some(1), is_numeric, true),
    b("is_scalar", 1, Some(1), is_scalar, true),
    b("is_vec", 1, Some(1), is_vec, true),
    b("is_dict", 1, Some(1), is_dict, true),
    b("is_keyset", 1, Some(1), is_keyset, true),
    b("is_object", 1, Some(1), is_object, true),
    b("gettype", 1, Some(1), gettype, true),
    b("intval", 1, Some(2), intval, true),
    b("floatval", 1, Some(1), floatval, true),
    b("doubleval", 1, Some(1), floatval, true),
    b("strval", 1, Some(1), strval, true).objects_as_strings(),
    b("boolval", 1, Some(1), boolval, true),
    b("microtime", 0, Some(1), microtime, false),
    b("hrtime", 0, Some(1), hrtime, false),
];

fn tag_is(a: &[TypedValue], pred: fn(Tag) -> bool) -> R {
    Ok(TypedValue::bool(pred(arg(a, 0).tag)))
}

fn is_int(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Int)
}
fn is_float(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Float)
}
fn is_string(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Str)
}
fn is_bool(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Bool)
}
fn is_null(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| matches!(t, Tag::Null | Tag::Uninit))
}
fn is_scalar(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| {
        matches!(t, Tag::Int | Tag::Float | Tag::Str | Tag::Bool)
    })
}
fn is_vec(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Vec)
}
fn is_dict(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Dict)
}
fn is_keyset(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| t == Tag::Keyset)
}
fn is_object(_: &mut Ctx, a: &[TypedValue]) -> R {
    tag_is(a, |t| matches!(t, Tag::Obj | Tag::Func))
}

fn is_numeric(_: &mut Ctx, a: &[TypedValue]) -> R {
    let v = arg(a, 0);
    Ok(TypedValue::bool(match v.tag {
        Tag::Int | Tag::Float => true,
        Tag::Str => conv::is_numeric_str(v.as_str().bytes()),
        _ => false,
    }))
}

/// `gettype` names as HHVM prints them.
pub fn gettype_name(tv: &TypedValue) -> &'static str {
    match tv.tag {
        Tag::Uninit | Tag::Null => "NULL",
        Tag::Bool => "boolean",
        Tag::Int => "integer",
        Tag::Float => "double",
        Tag::Str => "string",
        Tag::Vec => "vec",
        Tag::Dict => "dict",
        Tag::Keyset => "keyset",
        Tag::Obj | Tag::Func => "object",
    }
}

fn gettype(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(gettype_name(arg(a, 0)).as_bytes())
}

fn intval(_: &mut Ctx, a: &[TypedValue]) -> R {
    let v = arg(a, 0);
    let base = int_arg_or("intval", a, 1, 10)?;
    if v.tag == Tag::Str && base != 10 {
        // Any other base goes to `strtoll` in PHP and HHVM alike, which parses nothing.
        if base != 0 && !(2..=36).contains(&base) {
            return Ok(TypedValue::int(0));
        }
        return Ok(TypedValue::int(conv::strtoll(
            v.as_str().bytes(),
            base as u32,
        )));
    }
    Ok(TypedValue::int(conv::to_int(v)))
}

fn floatval(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::float(conv::to_float(arg(a, 0))))
}

fn strval(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(conv::to_str(arg(a, 0)))
}

fn boolval(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::bool(conv::to_bool(arg(a, 0))))
}

fn microtime(_: &mut Ctx, a: &[TypedValue]) -> R {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    if super::bool_arg_or("microtime", a, 0, false)? {
        Ok(TypedValue::float(now.as_secs_f64()))
    } else {
        let usec = now.subsec_micros();
        ret_str(format!("0.{:06}00 {}", usec, now.as_secs()).as_bytes())
    }
}

/// `hrtime(true)`: the monotonic clock in ns; `hrtime()` / `hrtime(false)`: `vec[seconds, ns]`.
fn hrtime(_: &mut Ctx, a: &[TypedValue]) -> R {
    let as_number = super::bool_arg_or("hrtime", a, 0, false)?;
    let ns = monotonic_ns();
    if as_number {
        return Ok(TypedValue::int(ns));
    }
    let mut v = crate::array::VecBuilder::with_capacity(2);
    v.push(TypedValue::int(ns / 1_000_000_000));
    v.push(TypedValue::int(ns % 1_000_000_000));
    Ok(v.finish())
}

/// `CLOCK_MONOTONIC` in ns: the clock of `hrtime(true)` (a harness that reads it too can place
/// a program's timestamps on its own time line).
pub fn monotonic_ns() -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer; CLOCK_MONOTONIC is always available on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    // time_t and c_long are i64 on x86_64 Linux but not everywhere.
    #[allow(clippy::unnecessary_cast)]
    (ts.tv_sec as i64)
        .wrapping_mul(1_000_000_000)
        .wrapping_add(ts.tv_nsec as i64)
}
