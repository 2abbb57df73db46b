//! `Dict\...` (HSL) builtins: every one accepts any container and returns a dict.
//!
//! Keys must be `int` or `string` (an `InvalidArgumentException` otherwise, as
//! HHVM's dict); sorts are stable (see `hsl_vec`).

use super::containers::container_arg;
use super::hsl_c::{call, each, invariant, merge_sort, opt_fn, test, user_less};
use super::{arg, b, Builtin};
use crate::array::{self, bad_key, cb, dup, CallbackBuiltin, HashBuilder, Invoker, Owned};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RtResult;
use crate::value::{Tag, TypedValue};

type R = RtResult<TypedValue>;

pub(crate) const FUNCS: &[Builtin] = &[
    b("Dict\\merge", 1, None, merge, true),
    b("Dict\\count_values", 1, Some(1), count_values, true),
    b("Dict\\flip", 1, Some(1), flip, true),
    b("Dict\\fill_keys", 2, Some(2), fill_keys, true),
    b("Dict\\from_entries", 1, Some(1), from_entries, true),
    b("Dict\\take", 2, Some(2), take, true),
];

pub(crate) const CB_FUNCS: &[CallbackBuiltin] = &[
    cb("Dict\\map", 2, Some(2), map),
    cb("Dict\\map_with_key", 2, Some(2), map_with_key),
    cb("Dict\\filter", 1, Some(2), filter),
    cb("Dict\\filter_with_key", 2, Some(2), filter_with_key),
    cb("Dict\\from_keys", 2, Some(2), from_keys),
    cb("Dict\\from_values", 2, Some(2), from_values),
    cb("Dict\\sort", 1, Some(2), sort),
    cb("Dict\\sort_by", 2, Some(3), sort_by).callables_at(&[1, 2]),
    cb("Dict\\sort_by_key", 1, Some(2), sort_by_key),
    cb("Dict\\group_by", 2, Some(2), group_by),
];

/// Checks that `k` can be a dict key.
fn key_ok(k: &TypedValue) -> RtResult<()> {
    if matches!(k.tag, Tag::Int | Tag::Str) {
        Ok(())
    } else {
        Err(bad_key("dict", k))
    }
}

/// Sets every `(key, value)` of container `c` into `out` (later keys overwrite, keeping the first position).
fn set_all(out: &mut HashBuilder, c: &TypedValue) {
    for (k, v) in array::items(c).into_iter().flatten() {
        out.set(&k, dup(&v));
    }
}

fn merge(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut n = 0;
    for i in 0..a.len() {
        n += conv::container_len(container_arg("Dict\\merge", a, i)?);
    }
    let mut out = HashBuilder::dict(n);
    for c in a {
        set_all(&mut out, c);
    }
    Ok(out.finish())
}

fn count_values(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\count_values", a, 0)?;
    let mut out = HashBuilder::dict(0);
    for (_, v) in array::items(c).into_iter().flatten() {
        key_ok(&v)?;
        let n = out.get(&v).map_or(0, |n| n.as_int());
        out.set(&v, TypedValue::int(n + 1));
    }
    Ok(out.finish())
}

fn flip(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\flip", a, 0)?;
    let mut out = HashBuilder::dict(conv::container_len(c));
    for (k, v) in array::items(c).into_iter().flatten() {
        key_ok(&v)?;
        out.set(&v, dup(&k));
    }
    Ok(out.finish())
}

fn fill_keys(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\fill_keys", a, 0)?;
    let v = arg(a, 1);
    let mut out = HashBuilder::dict(conv::container_len(c));
    for (_, k) in array::items(c).into_iter().flatten() {
        key_ok(&k)?;
        out.set(&k, dup(v));
    }
    Ok(out.finish())
}

fn from_entries(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\from_entries", a, 0)?;
    let mut out = HashBuilder::dict(conv::container_len(c));
    for (_, e) in array::items(c).into_iter().flatten() {
        if e.tag != Tag::Vec || array::vec_elems(&e).len() != 2 {
            return Err(super::bad_arg(
                "Dict\\from_entries",
                0,
                "Traversable<(Tk, Tv)>",
                &e,
            ));
        }
        let (k, v) = (array::vec_elems(&e)[0], array::vec_elems(&e)[1]);
        key_ok(&k)?;
        out.set(&k, dup(&v));
    }
    Ok(out.finish())
}

fn take(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\take", a, 0)?;
    let n = super::int_arg("Dict\\take", a, 1)?;
    // HSL: `invariant($n > 0, 'Expected non-negative length, got %d.', $n)` after `$n === 0`.
    if n < 0 {
        return Err(invariant(&format!(
            "Expected non-negative length, got {n}."
        )));
    }
    let n = n as usize;
    let mut out = HashBuilder::dict(n.min(conv::container_len(c)));
    for (k, v) in array::items(c).into_iter().flatten().take(n) {
        if c.tag == Tag::Keyset {
            out.set(&k, dup(&k));
        } else {
            out.set(&k, dup(&v));
        }
    }
    Ok(out.finish())
}

fn map(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\map", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::dict(conv::container_len(c));
    each(c, |k, v| {
        let r = call(ctx, inv, f, std::slice::from_ref(v.get()))?;
        out.set(k.get(), r.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn map_with_key(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\map_with_key", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::dict(conv::container_len(c));
    each(c, |k, v| {
        let r = call(ctx, inv, f, &[*k.get(), *v.get()])?;
        out.set(k.get(), r.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn filter(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\filter", a, 0)?;
    let p = opt_fn(a, 1);
    let mut out = HashBuilder::dict(0);
    each(c, |k, v| {
        if test(ctx, inv, p, v.get())? {
            out.set(k.get(), v.into_inner());
        }
        Ok(true)
    })?;
    Ok(out.finish())
}

fn filter_with_key(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\filter_with_key", a, 0)?;
    let p = arg(a, 1);
    let mut out = HashBuilder::dict(0);
    each(c, |k, v| {
        if conv::to_bool(call(ctx, inv, p, &[*k.get(), *v.get()])?.get()) {
            out.set(k.get(), v.into_inner());
        }
        Ok(true)
    })?;
    Ok(out.finish())
}

fn from_keys(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\from_keys", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::dict(conv::container_len(c));
    each(c, |_, k| {
        key_ok(k.get())?;
        let r = call(ctx, inv, f, std::slice::from_ref(k.get()))?;
        out.set(k.get(), r.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn from_values(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\from_values", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::dict(conv::container_len(c));
    each(c, |_, v| {
        let k = call(ctx, inv, f, std::slice::from_ref(v.get()))?;
        key_ok(k.get())?;
        out.set(k.get(), v.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

/// Owned `(key, value)` pairs of a container (a keyset's value is its key).
fn owned_pairs(c: &TypedValue) -> Vec<(Owned, Owned)> {
    array::items(c)
        .into_iter()
        .flatten()
        .map(|(k, v)| (Owned::new(dup(&k)), Owned::new(dup(&v))))
        .collect()
}

/// A dict of `pairs` in the order `order`.
fn dict_in_order(pairs: &[(Owned, Owned)], order: &[usize]) -> TypedValue {
    let mut out = HashBuilder::dict(order.len());
    for &i in order {
        out.set(pairs[i].0.get(), dup(pairs[i].1.get()));
    }
    out.finish()
}

fn sort(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\sort", a, 0)?;
    let cmp = opt_fn(a, 1);
    let pairs = owned_pairs(c);
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    merge_sort(&mut order, &mut |&i, &j| {
        user_less(ctx, inv, cmp, pairs[i].1.get(), pairs[j].1.get())
    })?;
    Ok(dict_in_order(&pairs, &order))
}

fn sort_by(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\sort_by", a, 0)?;
    let f = arg(a, 1);
    let cmp = opt_fn(a, 2);
    let pairs = owned_pairs(c);
    let mut keys = Vec::with_capacity(pairs.len());
    for (_, v) in &pairs {
        keys.push(call(ctx, inv, f, std::slice::from_ref(v.get()))?);
    }
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    merge_sort(&mut order, &mut |&i, &j| {
        user_less(ctx, inv, cmp, keys[i].get(), keys[j].get())
    })?;
    Ok(dict_in_order(&pairs, &order))
}

fn sort_by_key(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\sort_by_key", a, 0)?;
    let cmp = opt_fn(a, 1);
    let pairs = owned_pairs(c);
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    merge_sort(&mut order, &mut |&i, &j| {
        user_less(ctx, inv, cmp, pairs[i].0.get(), pairs[j].0.get())
    })?;
    Ok(dict_in_order(&pairs, &order))
}

fn group_by(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Dict\\group_by", a, 0)?;
    let f = arg(a, 1);
    let mut out = HashBuilder::dict(0);
    each(c, |_, v| {
        let k = call(ctx, inv, f, std::slice::from_ref(v.get()))?;
        if k.get().is_null() {
            return Ok(true);
        }
        key_ok(k.get())?;
        let group = match out.replace(k.get(), TypedValue::null()) {
            Some(g) => g,
            None => array::new_vec(Vec::new()),
        };
        // SAFETY: `group` is owned (moved out of the builder, which now holds null), and
        // `v` is an owned reference handed over.
        let group = unsafe { array::append(group, v.into_inner())? };
        out.set(k.get(), group);
        Ok(true)
    })?;
    Ok(out.finish())
}
