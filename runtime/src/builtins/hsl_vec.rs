//! `Vec\...` (HSL) builtins: every one accepts any container and returns a vec.
//!
//! Sorting is stable (a merge sort, as PHP 8's `sort`/`usort`, which the
//! conformance oracle uses; HHVM's own sort is not stable). The default order is `<=>`.

use super::containers::{container_arg, keys_of, range_vec, values_of};
use super::hsl_c::{call, each, invariant, merge_sort, opt_fn, owned_values, test, user_less};
use super::{arg, b, has, int_arg, Builtin};
use crate::array::{self, cb, dup, CallbackBuiltin, HashBuilder, Invoker, VecBuilder};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RtResult;
use crate::value::{Tag, TypedValue};

type R = RtResult<TypedValue>;

pub(crate) const FUNCS: &[Builtin] = &[
    b("Vec\\keys", 1, Some(1), keys, true),
    b("Vec\\values", 1, Some(1), values, true),
    b("Vec\\range", 2, Some(3), range, true),
    b("Vec\\reverse", 1, Some(1), reverse, true),
    b("Vec\\slice", 2, Some(3), slice, true),
    b("Vec\\concat", 1, None, concat, true),
    b("Vec\\take", 2, Some(2), take, true),
    b("Vec\\drop", 2, Some(2), drop_n, true),
    b("Vec\\unique", 1, Some(1), unique, true),
    b("Vec\\zip", 2, Some(2), zip, true),
    b("Vec\\fill", 2, Some(2), fill, true),
    b("Vec\\flatten", 1, Some(1), flatten, true),
];

pub(crate) const CB_FUNCS: &[CallbackBuiltin] = &[
    cb("Vec\\map", 2, Some(2), map),
    cb("Vec\\map_with_key", 2, Some(2), map_with_key),
    cb("Vec\\filter", 1, Some(2), filter),
    cb("Vec\\filter_with_key", 2, Some(2), filter_with_key),
    cb("Vec\\sort", 1, Some(2), sort),
    cb("Vec\\sort_by", 2, Some(3), sort_by).callables_at(&[1, 2]),
];

fn keys(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(keys_of(container_arg("Vec\\keys", a, 0)?))
}

fn values(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(values_of(container_arg("Vec\\values", a, 0)?))
}

fn range(_: &mut Ctx, a: &[TypedValue]) -> R {
    let (start, end) = (arg(a, 0), arg(a, 1));
    let step = (has(a, 2) && !arg(a, 2).is_null()).then(|| arg(a, 2));
    // HSL: `$step ??= 1`, then a step larger than the distance gives just the start (so
    // `Vec\\range(0, 0.5)` is `vec[0]`, an int).
    let one = TypedValue::int(1);
    let s = step.unwrap_or(&one);
    // `invariant($step > 0, ...)`: a NAN step fails it too.
    let positive = match s.tag {
        Tag::Float => s.as_float() > 0.0,
        _ => conv::compare(s, &TypedValue::int(0))? > 0,
    };
    if !positive {
        return Err(invariant("Expected positive step."));
    }
    let dist = crate::ops::sub(end, start)?;
    let dist = if conv::compare(&dist, &TypedValue::int(0))? < 0 {
        crate::ops::neg(&dist)?
    } else {
        dist
    };
    if conv::compare(s, &dist)? > 0 {
        return Ok(array::new_vec(vec![dup(start)]));
    }
    range_vec("Vec\\range", start, end, step)
}

fn reverse(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\reverse", a, 0)?;
    let vals: Vec<TypedValue> = array::items(c)
        .into_iter()
        .flatten()
        .map(|(_, v)| v)
        .collect();
    let mut out = VecBuilder::with_capacity(vals.len());
    for v in vals.iter().rev() {
        out.push_dup(v);
    }
    Ok(out.finish())
}

/// A vec of the values at positions `[from, to)` of a container.
fn sub_vec(c: &TypedValue, from: usize, to: usize) -> TypedValue {
    let n = conv::container_len(c);
    let (from, to) = (from.min(n), to.min(n).max(from.min(n)));
    if c.tag == Tag::Vec && from == 0 && to == n {
        return dup(c);
    }
    let mut out = VecBuilder::with_capacity(to - from);
    for (_, v) in array::items(c)
        .into_iter()
        .flatten()
        .skip(from)
        .take(to - from)
    {
        out.push_dup(&v);
    }
    out.finish()
}

fn slice(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\slice", a, 0)?;
    let off = int_arg("Vec\\slice", a, 1)?;
    let len = if has(a, 2) && !arg(a, 2).is_null() {
        let l = int_arg("Vec\\slice", a, 2)?;
        if l < 0 {
            return Err(invariant("Expected non-negative length."));
        }
        Some(l as u64)
    } else {
        None
    };
    // HSL's `_Private\validate_offset_lower_bound`: a negative offset counts from the end.
    let from = if off < 0 {
        let n = conv::container_len(c) as i64;
        match off.checked_add(n) {
            Some(o) if o >= 0 => o as usize,
            _ => return Err(invariant(&format!("Offset ({off}) was out-of-bounds."))),
        }
    } else {
        off as u64 as usize
    };
    let to = len.map_or(usize::MAX, |l| {
        from.saturating_add(l.min(usize::MAX as u64) as usize)
    });
    Ok(sub_vec(c, from, to))
}

fn concat(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut total = 0;
    for i in 0..a.len() {
        total += conv::container_len(container_arg("Vec\\concat", a, i)?);
    }
    let mut out = VecBuilder::with_capacity(total);
    for c in a {
        for (_, v) in array::items(c).into_iter().flatten() {
            out.push_dup(&v);
        }
    }
    Ok(out.finish())
}

fn take(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\take", a, 0)?;
    let n = int_arg("Vec\\take", a, 1)?;
    if n < 0 {
        return Err(negative("N", n));
    }
    Ok(sub_vec(c, 0, n as usize))
}

fn drop_n(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\drop", a, 0)?;
    let n = int_arg("Vec\\drop", a, 1)?;
    if n < 0 {
        return Err(negative("N", n));
    }
    Ok(sub_vec(c, n as usize, usize::MAX))
}

#[cold]
fn negative(what: &str, n: i64) -> crate::error::RuntimeError {
    invariant(&format!("Expected non-negative {what}, got {n}."))
}

fn unique(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\unique", a, 0)?;
    let mut seen = HashBuilder::keyset(conv::container_len(c));
    let mut others: Vec<TypedValue> = Vec::new();
    let mut out = VecBuilder::with_capacity(conv::container_len(c));
    for (_, v) in array::items(c).into_iter().flatten() {
        if matches!(v.tag, Tag::Int | Tag::Str) {
            if !seen.contains(&v) {
                seen.add(dup(&v));
                out.push_dup(&v);
            }
        } else {
            let mut dupe = false;
            for o in &others {
                if conv::strict_eq(o, &v)? {
                    dupe = true;
                    break;
                }
            }
            if !dupe {
                others.push(v);
                out.push_dup(&v);
            }
        }
    }
    Ok(out.finish())
}

fn zip(_: &mut Ctx, a: &[TypedValue]) -> R {
    let x = container_arg("Vec\\zip", a, 0)?;
    let y = container_arg("Vec\\zip", a, 1)?;
    let n = conv::container_len(x).min(conv::container_len(y));
    let mut out = VecBuilder::with_capacity(n);
    let ix = array::items(x).into_iter().flatten();
    let iy = array::items(y).into_iter().flatten();
    for ((_, p), (_, q)) in ix.zip(iy) {
        out.push(array::new_vec(vec![dup(&p), dup(&q)]));
    }
    Ok(out.finish())
}

fn fill(_: &mut Ctx, a: &[TypedValue]) -> R {
    let n = int_arg("Vec\\fill", a, 0)?;
    if n < 0 {
        return Err(negative("fill size", n));
    }
    if n as u64 > array::vec::MAX_LEN as u64 {
        return Err(invariant(&format!(
            "Expected a fill size within the vec limit, got {n}."
        )));
    }
    let v = arg(a, 1);
    let mut out = VecBuilder::with_capacity(n as usize);
    for _ in 0..n {
        out.push_dup(v);
    }
    Ok(out.finish())
}

fn flatten(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\flatten", a, 0)?;
    let mut out = VecBuilder::with_capacity(0);
    for (i, (_, inner)) in array::items(c).into_iter().flatten().enumerate() {
        if !matches!(inner.tag, Tag::Vec | Tag::Dict | Tag::Keyset) {
            return Err(super::bad_arg(
                "Vec\\flatten",
                0,
                &format!("Container<Container> (element {i})"),
                &inner,
            ));
        }
        for (_, v) in array::items(&inner).into_iter().flatten() {
            out.push_dup(&v);
        }
    }
    Ok(out.finish())
}

fn map(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\map", a, 0)?;
    let f = arg(a, 1);
    let mut out = VecBuilder::with_capacity(conv::container_len(c));
    each(c, |_, v| {
        out.push(call(ctx, inv, f, std::slice::from_ref(v.get()))?.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn map_with_key(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\map_with_key", a, 0)?;
    let f = arg(a, 1);
    let mut out = VecBuilder::with_capacity(conv::container_len(c));
    each(c, |k, v| {
        out.push(call(ctx, inv, f, &[*k.get(), *v.get()])?.into_inner());
        Ok(true)
    })?;
    Ok(out.finish())
}

fn filter(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\filter", a, 0)?;
    let p = opt_fn(a, 1);
    let mut out = VecBuilder::with_capacity(0);
    each(c, |_, v| {
        if test(ctx, inv, p, v.get())? {
            out.push(v.into_inner());
        }
        Ok(true)
    })?;
    Ok(out.finish())
}

fn filter_with_key(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\filter_with_key", a, 0)?;
    let p = arg(a, 1);
    let mut out = VecBuilder::with_capacity(0);
    each(c, |k, v| {
        if conv::to_bool(call(ctx, inv, p, &[*k.get(), *v.get()])?.get()) {
            out.push(v.into_inner());
        }
        Ok(true)
    })?;
    Ok(out.finish())
}

fn sort(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\sort", a, 0)?;
    let cmp = opt_fn(a, 1);
    let vals = owned_values(c);
    let mut order: Vec<usize> = (0..vals.len()).collect();
    merge_sort(&mut order, &mut |&i, &j| {
        user_less(ctx, inv, cmp, vals[i].get(), vals[j].get())
    })?;
    let mut out = VecBuilder::with_capacity(vals.len());
    for i in order {
        out.push_dup(vals[i].get());
    }
    Ok(out.finish())
}

fn sort_by(ctx: &mut Ctx, inv: &mut dyn Invoker, a: &[TypedValue]) -> R {
    let c = container_arg("Vec\\sort_by", a, 0)?;
    let f = arg(a, 1);
    let cmp = opt_fn(a, 2);
    let vals = owned_values(c);
    let mut keys = Vec::with_capacity(vals.len());
    for v in &vals {
        keys.push(call(ctx, inv, f, std::slice::from_ref(v.get()))?);
    }
    let mut order: Vec<usize> = (0..vals.len()).collect();
    merge_sort(&mut order, &mut |&i, &j| {
        user_less(ctx, inv, cmp, keys[i].get(), keys[j].get())
    })?;
    let mut out = VecBuilder::with_capacity(vals.len());
    for i in order {
        out.push_dup(vals[i].get());
    }
    Ok(out.finish())
}
