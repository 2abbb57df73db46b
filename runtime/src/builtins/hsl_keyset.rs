//! `Keyset\...` (HSL) builtins: every one accepts any container and returns a keyset (of its values).
//!
//! Elements must be `int` or `string` (`InvalidArgumentException` otherwise, as HHVM's keyset).

use super::containers::container_arg;
use super::hsl_c::{call, each, opt_fn, test};
use super::{arg, b, Builtin};
use crate::array::{self, bad_key, cb, dup, CallbackBuiltin, HashBuilder, Invoker};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RtResult;
use crate::value::{Tag, TypedValue};

type R = RtResult<TypedValue>;

pub(crate) const FUNCS: &[Builtin] = &[
    b("Keyset\\union", 1, None, union, true),
    b("Keyset\\intersect", 2, None, intersect, true),
    b("Keyset\\diff", 2, None, diff, true),
    b("Keyset\\keys", 1, Some(1), keys, true),
];

pub(crate) const CB_FUNCS: &[CallbackBuiltin] = &[
    cb("Keyset\\map", 2, Some(2), map),
    cb("Keyset\\filter", 1, Some(2), filter),
];

fn key_ok(k: &TypedValue) -> RtResult<()> {
    if matches!(k.tag, Tag::Int | Tag::Str) {
        Ok(())
    } else {
        Err(bad_key("keyset", k))
    }
}

/// Adds every value of `c` to `out`.
fn add_values(out: &mut HashBuilder, c: &TypedValue) -> RtResult<()> {
    for (_, v) in array::items(c).into_iter().flatten() {
        key_ok(&v)?;
        out.add(dup(&v));
    }
    Ok(())
}

/// The keyset of the values of `c`.
fn keyset_of(c: &TypedValue) -> RtResult<HashBuilder> {
    let mut out = HashBuilder::keyset(conv::container_len(c));
    add_values(&mut out, c)?;
    Ok(out)
}

fn union(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut out = HashBuilder::keyset(0);
    for i in 0..a.len() {
        add_values(&mut out, container_arg("Keyset\\union", a, i)?)?;
    }
    Ok(out.finish())
}

fn intersect(_: &mut Ctx, a: &[TypedValue]) -> R {
    let first = container_arg("Keyset\\intersect", a, 0)?;
    let mut sets = Vec::with_capacity(a.len() - 1);
    for i in 1..a.len() {
        sets.push(keyset_of(container_arg("Keyset\\intersect", a, i)?)?);
    }
    let mut out = HashBuilder::keyset(0);
    for (_, v) in array::items(first).into_iter().flatten() {
        key_ok(&v)?;
        if sets.iter().all(|s| s.contains(&v)) {
            out.add(dup(&v));
        }
    }
    Ok(out.finish())
}

fn diff(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut out = keyset_of(container_arg("Keyset\\diff", a, 0)?)?;
    for i in 1..a.len() {
        for (_, v) in array::items(container_arg("Keyset\\diff", a, i)?)
            .into_iter()
            .flatten()
        {
            out.remove(&v);
        }
    }
    Ok(out.finish())
}

fn keys(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Keyset\\keys", a, 0)?;
    let mut out = HashBuilder::keyset(conv::container_len(c));
    for (k, _) in array::items(c).into_iter().flatten() {
        out.add(dup(&k));
    }
    Ok(out.finish())
}

fn map(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Keyset\\map", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::keyset(conv::container_len(c));
    each(c, |_, v| {
        let r = call(ctx, inv, f, std::slice::from_ref(v.get()))?;
        key_ok(r.get())?;
        out.add(r.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn filter(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Keyset\\filter", a, 0)?;
    let p = opt_fn(a, 1);
    let mut out = HashBuilder::keyset(0);
    each(c, |_, v| {
        if test(ctx, inv, p, v.get())? {
            key_ok(v.get())?;
            out.add(v.into_inner());
        }
        Ok(true)
    })?;
    Ok(out.finish())
}
