//! `C\...` (HSL containers namespace) builtins, and the helpers that the callback builtins share: iteration by position, calling a callable, and a fallible stable merge sort.
//!
//! Callback builtins never hold a reference into a VM object while Hack code
//! runs: they walk their container by position ([`each`]) and pass owned
//! copies to the [`Invoker`].

use super::containers::container_arg;
use super::{arg, b, has, Builtin};
use crate::array::{self, cb, dup, CallbackBuiltin, Invoker, Owned};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RtResult, RuntimeError};
use crate::value::{Tag, TypedValue};

type R = RtResult<TypedValue>;

pub(crate) const FUNCS: &[Builtin] = &[
    b("C\\count", 1, Some(1), count, true),
    b("C\\contains", 2, Some(2), contains, true),
    b("C\\contains_key", 2, Some(2), contains_key, true),
    b("C\\is_empty", 1, Some(1), is_empty, true),
    b("C\\first", 1, Some(1), first, true),
    b("C\\last", 1, Some(1), last, true),
    b("C\\first_key", 1, Some(1), first_key, true),
    b("C\\last_key", 1, Some(1), last_key, true),
];

pub(crate) const CB_FUNCS: &[CallbackBuiltin] = &[
    cb("C\\find", 2, Some(2), find),
    cb("C\\reduce", 3, Some(3), reduce),
    cb("C\\any", 1, Some(2), any),
    cb("C\\every", 1, Some(2), every),
];

// ---------------------------------------------------------------------------
// Shared helpers

/// Calls `f` for each `(key, value)` of a container in order, with owned copies, stopping early
/// when it returns `Ok(false)`. Safe to run Hack code from `f`: nothing points into `c` meanwhile.
pub(crate) fn each(
    c: &TypedValue,
    mut f: impl FnMut(Owned, Owned) -> RtResult<bool>,
) -> RtResult<()> {
    let mut pos = array::iter_first(c)?;
    while !array::iter_done(c, pos) {
        let k = Owned::new(array::iter_key(c, pos));
        let v = Owned::new(array::iter_value(c, pos));
        if !f(k, v)? {
            break;
        }
        pos = array::iter_next(c, pos);
    }
    Ok(())
}

/// `f(args...)`, owned result.
#[inline]
pub(crate) fn call(
    ctx: &mut Ctx,
    inv: &mut dyn Invoker,
    f: &TypedValue,
    args: &[TypedValue],
) -> RtResult<Owned> {
    inv.invoke(ctx, f, args).map(Owned::new)
}

/// The truth of `p(v)`, or of `v` itself when there is no predicate.
pub(crate) fn test(
    ctx: &mut Ctx,
    inv: &mut dyn Invoker,
    p: Option<&TypedValue>,
    v: &TypedValue,
) -> RtResult<bool> {
    match p {
        Some(p) => Ok(conv::to_bool(
            call(ctx, inv, p, std::slice::from_ref(v))?.get(),
        )),
        None => Ok(conv::to_bool(v)),
    }
}

/// The optional callable argument `i` (absent or null = none).
pub(crate) fn opt_fn(args: &[TypedValue], i: usize) -> Option<&TypedValue> {
    (has(args, i) && !arg(args, i).is_null()).then(|| arg(args, i))
}

/// An `InvariantException` (HSL's `invariant()` failures).
#[cold]
pub(crate) fn invariant(msg: &str) -> RuntimeError {
    RuntimeError::throw(ExnClass::InvariantException, msg)
}

/// Whether a comparator's result says "less": below zero, as HHVM's `ElmUCompare` reads it (an
/// int; a float, not truncated, since the HSL comparator type returns `num`; a numeric string's
/// number; anything else, other strings too, as an int).
fn below_zero(v: &TypedValue) -> bool {
    match v.tag {
        Tag::Float => v.as_float() < 0.0,
        Tag::Str => match conv::parse_numeric(v.str_bytes()) {
            Some(n) => n.to_f64() < 0.0,
            None => conv::to_int(v) < 0,
        },
        _ => conv::to_int(v) < 0,
    }
}

/// Whether `a` sorts before `b`: by the user's comparator as HHVM's `ElmUCompare` asks it (only
/// "is `cmp(a, b)` below zero"; a comparator that returns a bool is asked again with the
/// arguments swapped when it says false, as Zend's sorts do, so `$a > $b` sorts ascending), or
/// else by `<` (`<=>` below zero).
pub(crate) fn user_less(
    ctx: &mut Ctx,
    inv: &mut dyn Invoker,
    cmp: Option<&TypedValue>,
    a: &TypedValue,
    b: &TypedValue,
) -> RtResult<bool> {
    let Some(f) = cmp else {
        return Ok(super::compare_values(ctx, a, b)? < 0);
    };
    let r = call(ctx, inv, f, &[*a, *b])?;
    let v = r.get();
    if v.tag != Tag::Bool {
        return Ok(below_zero(v));
    }
    if v.as_bool() {
        return Ok(false);
    }
    let r2 = call(ctx, inv, f, &[*b, *a])?;
    let v2 = r2.get();
    // (A comparator that returns a bool, then something else: HHVM reads the first, false, as 0.)
    Ok(v2.tag == Tag::Bool && v2.as_bool())
}

/// Sorts `v` stably (bottom-up merge sort) with a fallible "less" predicate; the first error
/// stops the sort and is returned (`v` is then some permutation of its input). Never panics,
/// even when the predicate is not a strict weak order (Rust's `sort_by` may).
pub(crate) fn merge_sort<T: Copy>(
    v: &mut [T],
    less: &mut dyn FnMut(&T, &T) -> RtResult<bool>,
) -> RtResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut buf: Vec<T> = v.to_vec();
    let mut width = 1;
    let mut src_is_v = true;
    while width < n {
        {
            let (src, dst): (&[T], &mut [T]) = if src_is_v {
                (&*v, &mut buf[..])
            } else {
                (&buf[..], &mut *v)
            };
            let mut lo = 0;
            while lo < n {
                let mid = (lo + width).min(n);
                let hi = (lo + 2 * width).min(n);
                let (mut i, mut j, mut k) = (lo, mid, lo);
                while i < mid && j < hi {
                    // Take from the right only when it is less: stable.
                    if less(&src[j], &src[i])? {
                        dst[k] = src[j];
                        j += 1;
                    } else {
                        dst[k] = src[i];
                        i += 1;
                    }
                    k += 1;
                }
                dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
                k += mid - i;
                dst[k..k + (hi - j)].copy_from_slice(&src[j..hi]);
                lo = hi;
            }
        }
        src_is_v = !src_is_v;
        width *= 2;
    }
    if !src_is_v {
        v.copy_from_slice(&buf);
    }
    Ok(())
}

/// The values of a container, owned, in order.
pub(crate) fn owned_values(c: &TypedValue) -> Vec<Owned> {
    array::items(c)
        .into_iter()
        .flatten()
        .map(|(_, v)| Owned::new(dup(&v)))
        .collect()
}

// ---------------------------------------------------------------------------
// C\ builtins

fn count(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(
        conv::container_len(container_arg("C\\count", a, 0)?) as i64,
    ))
}

fn contains(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\contains", a, 0)?;
    let x = arg(a, 1);
    if c.tag == Tag::Keyset {
        return Ok(TypedValue::bool(array::contains_key(c, x)));
    }
    for (_, v) in array::items(c).into_iter().flatten() {
        if conv::strict_eq(&v, x)? {
            return Ok(TypedValue::bool(true));
        }
    }
    Ok(TypedValue::bool(false))
}

fn contains_key(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\contains_key", a, 0)?;
    Ok(TypedValue::bool(array::key_exists(c, arg(a, 1))?))
}

fn is_empty(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::bool(
        conv::container_len(container_arg("C\\is_empty", a, 0)?) == 0,
    ))
}

fn first(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\first", a, 0)?;
    Ok(array::items(c)
        .into_iter()
        .flatten()
        .next()
        .map_or(TypedValue::null(), |(_, v)| dup(&v)))
}

fn last(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\last", a, 0)?;
    Ok(array::items(c)
        .into_iter()
        .flatten()
        .next_back()
        .map_or(TypedValue::null(), |(_, v)| dup(&v)))
}

fn first_key(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\first_key", a, 0)?;
    Ok(array::items(c)
        .into_iter()
        .flatten()
        .next()
        .map_or(TypedValue::null(), |(k, _)| dup(&k)))
}

fn last_key(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("C\\last_key", a, 0)?;
    Ok(array::items(c)
        .into_iter()
        .flatten()
        .next_back()
        .map_or(TypedValue::null(), |(k, _)| dup(&k)))
}

fn find(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("C\\find", a, 0)?;
    let p = arg(a, 1);
    let mut found = None;
    each(c, |_, v| {
        if test(ctx, inv, Some(p), v.get())? {
            found = Some(v.into_inner());
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(found.unwrap_or(TypedValue::null()))
}

fn reduce(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("C\\reduce", a, 0)?;
    let f = arg(a, 1);
    let mut acc = Owned::new(dup(arg(a, 2)));
    each(c, |_, v| {
        acc = call(ctx, inv, f, &[*acc.get(), *v.get()])?;
        Ok(true)
    })?;
    Ok(acc.into_inner())
}

fn any(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("C\\any", a, 0)?;
    let p = opt_fn(a, 1);
    let mut result = false;
    each(c, |_, v| {
        result = test(ctx, inv, p, v.get())?;
        Ok(!result)
    })?;
    Ok(TypedValue::bool(result))
}

fn every(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("C\\every", a, 0)?;
    let p = opt_fn(a, 1);
    let mut result = true;
    each(c, |_, v| {
        result = test(ctx, inv, p, v.get())?;
        Ok(result)
    })?;
    Ok(TypedValue::bool(result))
}
