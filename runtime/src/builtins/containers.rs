//! Container builtins of the global namespace (`count idx array_* in_array range implode explode str_split`), `Str\split`/`Str\join`, `Math\sum/max/min`, and container `var_dump` and `json_encode` text.
//!
//! Every function takes borrowed arguments and returns an owned result; a
//! wrong argument type is a `TypeError` naming the function.

use super::{arg, b, bad_arg, has, int_arg, int_arg_or, str_arg, Builtin};
use crate::array::{self, dup, items, HashBuilder, Owned, VecBuilder};
use crate::conv::{self, Numeric};
use crate::ctx::Ctx;
use crate::error::{ExnClass, RtResult, RuntimeError};
use crate::ops;
use crate::value::{Tag, TypedValue};

type R = RtResult<TypedValue>;

pub(crate) const FUNCS: &[Builtin] = &[
    b("count", 1, Some(2), count, true),
    b("sizeof", 1, Some(2), count, true),
    b("idx", 2, Some(3), idx, true),
    b("array_key_exists", 2, Some(2), array_key_exists, true),
    b("key_exists", 2, Some(2), array_key_exists, true),
    b("in_array", 2, Some(3), in_array, true),
    b("array_keys", 1, Some(1), array_keys, true),
    b("array_values", 1, Some(1), array_values, true),
    b("array_sum", 1, Some(1), array_sum, true),
    b("array_reverse", 1, Some(2), array_reverse, true),
    b("range", 2, Some(3), range, true),
    b("implode", 1, Some(2), implode, true).objects_as_strings(),
    b("join", 1, Some(2), implode, true).objects_as_strings(),
    b("explode", 2, Some(3), explode, true),
    b("str_split", 1, Some(2), str_split, true),
    b("Str\\split", 2, Some(3), hsl_str_split, true),
    b("Str\\join", 2, Some(2), hsl_str_join, true).objects_as_strings(),
    b("Math\\sum", 1, Some(1), hsl_math_sum, true),
    b("Math\\max", 1, Some(1), hsl_math_max, true),
    b("Math\\min", 1, Some(1), hsl_math_min, true),
];

/// Container-aware replacements for builtins registered by the scalar families (same name and
/// arity; `registry()` swaps them in).
pub(crate) const OVERRIDES: &[Builtin] = &[b("json_encode", 1, Some(3), json_encode, true)];

/// Argument `i` as a container (vec, dict or keyset), else a `TypeError`.
pub(crate) fn container_arg<'a>(
    func: &str,
    args: &'a [TypedValue],
    i: usize,
) -> RtResult<&'a TypedValue> {
    let a = arg(args, i);
    match a.tag {
        Tag::Vec | Tag::Dict | Tag::Keyset => Ok(a),
        _ => Err(bad_arg(func, i, "Container", a)),
    }
}

fn count(_: &mut Ctx, a: &[TypedValue]) -> R {
    // HHVM: COUNT_RECURSIVE (1) counts into nested containers; any other mode is a plain count.
    let c = arg(a, 0);
    Ok(TypedValue::int(match int_arg_or("count", a, 1, 0)? {
        1 if array::is_container(c.tag) => count_recursive(c)?,
        _ => array::count(c),
    }))
}

/// `count($c, COUNT_RECURSIVE)`: every element, plus the elements of those that are containers.
fn count_recursive(c: &TypedValue) -> RtResult<i64> {
    let _g = array::DepthGuard::enter()?;
    let mut n = 0;
    for (_, v) in items(c).into_iter().flatten() {
        n += 1;
        if matches!(v.tag, Tag::Vec | Tag::Dict | Tag::Keyset) {
            n += count_recursive(&v)?;
        }
    }
    Ok(n)
}

fn idx(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = arg(a, 0);
    let k = arg(a, 1);
    let default = if has(a, 2) {
        *arg(a, 2)
    } else {
        TypedValue::null()
    };
    match c.tag {
        Tag::Null | Tag::Uninit => return Ok(dup(&default)),
        Tag::Vec | Tag::Dict | Tag::Keyset => {}
        _ => return Err(bad_arg("idx", 0, "KeyedContainer", c)),
    }
    if array::contains_key(c, k) {
        array::index_get(c, k)
    } else {
        Ok(dup(&default))
    }
}

fn array_key_exists(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("array_key_exists", a, 1)?;
    Ok(TypedValue::bool(array::key_exists(c, arg(a, 0))?))
}

fn in_array(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    let needle = arg(a, 0);
    let c = container_arg("in_array", a, 1)?;
    let strict = super::bool_arg_or("in_array", a, 2, false)?;
    // The common needles compare without the general `==`: an int with int elements, and a
    // string with string elements when one of them is not numeric (then `==` compares bytes,
    // as `===` does).
    let needle_bytes = (needle.tag == Tag::Str).then(|| needle.as_str().bytes());
    let bytes_only = needle_bytes.is_some_and(|s| strict || conv::parse_numeric(s).is_none());
    let mut found = |v: &TypedValue| -> RtResult<bool> {
        match (needle.tag, v.tag) {
            (Tag::Int, Tag::Int) => Ok(needle.as_int() == v.as_int()),
            (Tag::Str, Tag::Str) if bytes_only => Ok(needle_bytes == Some(v.as_str().bytes())),
            _ if strict => conv::strict_eq(v, needle),
            _ => super::loose_eq_values(ctx, v, needle),
        }
    };
    fn any(
        vals: impl Iterator<Item = TypedValue>,
        found: &mut impl FnMut(&TypedValue) -> RtResult<bool>,
    ) -> RtResult<bool> {
        for v in vals {
            if found(&v)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
    // (A vec as a slice: its general iterator costs more than the comparisons.)
    let hit = if c.tag == Tag::Vec {
        any(array::vec_elems(c).iter().copied(), &mut found)?
    } else {
        any(items(c).into_iter().flatten().map(|(_, v)| v), &mut found)?
    };
    Ok(TypedValue::bool(hit))
}

/// The keys of a container as a vec.
pub(crate) fn keys_of(c: &TypedValue) -> TypedValue {
    let mut out = VecBuilder::with_capacity(conv::container_len(c));
    for (k, _) in items(c).into_iter().flatten() {
        out.push_dup(&k);
    }
    out.finish()
}

/// The values of a container as a vec (the container itself, shared, when it is a vec).
pub(crate) fn values_of(c: &TypedValue) -> TypedValue {
    if c.tag == Tag::Vec {
        return dup(c);
    }
    let mut out = VecBuilder::with_capacity(conv::container_len(c));
    for (_, v) in items(c).into_iter().flatten() {
        out.push_dup(&v);
    }
    out.finish()
}

fn array_keys(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(keys_of(container_arg("array_keys", a, 0)?))
}

fn array_values(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(values_of(container_arg("array_values", a, 0)?))
}

/// The number a value adds to a sum (`array_sum`, `Math\sum`): numbers as they are, others converted.
fn addend(v: &TypedValue) -> TypedValue {
    match v.tag {
        Tag::Int | Tag::Float => *v,
        _ => conv::to_number(v).unwrap_or(Numeric::Int(0)).to_value(),
    }
}

fn sum(c: &TypedValue) -> R {
    let mut acc = TypedValue::int(0);
    for (_, v) in items(c).into_iter().flatten() {
        acc = ops::add(&acc, &addend(&v))?;
    }
    Ok(acc)
}

fn array_sum(_: &mut Ctx, a: &[TypedValue]) -> R {
    sum(container_arg("array_sum", a, 0)?)
}

/// `c` in reverse order, as the same kind of container (PHP's and HHVM's `array_reverse`): a
/// dict's int keys are renumbered from 0 unless `preserve_keys`, its string keys and a keyset's
/// elements stay; a vec whose keys are preserved becomes a dict.
pub(crate) fn reversed(c: &TypedValue, preserve_keys: bool) -> TypedValue {
    match c.tag {
        // A vec keeps its indexes as keys only in a dict (`array_reverse($v, true)`: PHP's and
        // HHVM's keys `n-1, ..., 0`, each with its element).
        Tag::Vec if preserve_keys => {
            let elems = array::vec_elems(c);
            let mut out = HashBuilder::dict(elems.len());
            for (i, v) in elems.iter().enumerate().rev() {
                out.set(&TypedValue::int(i as i64), dup(v));
            }
            out.finish()
        }
        Tag::Vec => {
            let elems = array::vec_elems(c);
            let mut out = VecBuilder::with_capacity(elems.len());
            for v in elems.iter().rev() {
                out.push_dup(v);
            }
            out.finish()
        }
        _ => {
            let pairs: Vec<(TypedValue, TypedValue)> = items(c).into_iter().flatten().collect();
            let keyset = c.tag == Tag::Keyset;
            let mut out = if keyset {
                HashBuilder::keyset(pairs.len())
            } else {
                HashBuilder::dict(pairs.len())
            };
            let mut next = 0;
            for (k, v) in pairs.iter().rev() {
                if keyset {
                    out.add(dup(k));
                } else if k.tag == Tag::Int && !preserve_keys {
                    out.set(&TypedValue::int(next), dup(v));
                    next += 1;
                } else {
                    out.set(k, dup(v));
                }
            }
            out.finish()
        }
    }
}

fn array_reverse(_: &mut Ctx, a: &[TypedValue]) -> R {
    let preserve = super::bool_arg_or("array_reverse", a, 1, false)?;
    Ok(reversed(container_arg("array_reverse", a, 0)?, preserve))
}

#[cold]
fn value_error(msg: impl Into<String>) -> RuntimeError {
    RuntimeError::throw(ExnClass::InvalidArgumentException, msg)
}

/// PHP's `range()`: ints when both ends and the step are ints (or integral numeric strings),
/// floats otherwise, single letters for non-numeric strings; a negative step counts
/// as its absolute value; a step larger than the range gives `[start]`; a zero step is an error.
pub(crate) fn range_vec(
    func: &str,
    start: &TypedValue,
    end: &TypedValue,
    step: Option<&TypedValue>,
) -> R {
    // As PHP 8.2 and HHVM: two non-empty strings, neither numeric, give the characters between
    // their first bytes.
    let letters = |v: &TypedValue| {
        v.tag == Tag::Str
            && !v.str_bytes().is_empty()
            && conv::parse_numeric(v.str_bytes()).is_none()
    };
    if letters(start) && letters(end) && step.is_none_or(|s| s.tag == Tag::Int) {
        let (s, e) = (start.str_bytes()[0] as i64, end.str_bytes()[0] as i64);
        let st = step.map_or(1, |s| s.as_int().unsigned_abs().max(1) as i64);
        let mut out = VecBuilder::with_capacity(((s - e).abs() / st + 1) as usize);
        let mut c = s;
        while if s <= e { c <= e } else { c >= e } {
            out.push(TypedValue::new_str(&[c as u8]));
            c += if s <= e { st } else { -st };
        }
        return Ok(out.finish());
    }
    let num = |v: &TypedValue, i: usize| -> RtResult<Numeric> {
        match v.tag {
            Tag::Int => Ok(Numeric::Int(v.as_int())),
            Tag::Float => Ok(Numeric::Float(v.as_float())),
            Tag::Str => Ok(conv::parse_numeric(v.str_bytes()).unwrap_or(Numeric::Int(0))),
            Tag::Bool | Tag::Null => Ok(Numeric::Int(conv::to_int(v))),
            _ => Err(bad_arg(func, i, "int|float|string", v)),
        }
    };
    let s = num(start, 0)?;
    let e = num(end, 1)?;
    let st = match step {
        Some(v) => num(v, 2)?,
        None => Numeric::Int(1),
    };
    if let (Numeric::Int(s), Numeric::Int(e), Numeric::Int(st)) = (s, e, st) {
        if st == 0 {
            return Err(value_error(format!(
                "{func}(): Argument #3 ($step) cannot be 0"
            )));
        }
        let st = st.unsigned_abs() as i128;
        let (s, e) = (s as i128, e as i128);
        let n = (s - e).abs() / st + 1;
        if n > array::vec::MAX_LEN as i128 {
            return Err(value_error(format!("{func}(): the range is too large")));
        }
        let mut out = VecBuilder::with_capacity(n as usize);
        for i in 0..n {
            let v = if s <= e { s + i * st } else { s - i * st };
            out.push(TypedValue::int(v as i64));
        }
        return Ok(out.finish());
    }
    let (s, e, st) = (s.to_f64(), e.to_f64(), st.to_f64().abs());
    if st == 0.0 || !st.is_finite() || !s.is_finite() || !e.is_finite() {
        return Err(value_error(format!(
            "{func}(): Argument #3 ($step) must not exceed the specified range"
        )));
    }
    // HHVM's `ArrayUtil::Range`: `low + i * step` while it is at most `high` plus a drift of
    // 1e-15 (at least `high` minus it, going down), so `range(0, 0.3, 0.1)` ends with
    // 0.30000000000000004.
    let at = |i: f64| if s <= e { s + i * st } else { s - i * st };
    let within = |i: f64| {
        if s <= e {
            at(i) <= e + 1e-15
        } else {
            at(i) >= e - 1e-15
        }
    };
    let mut n = ((s - e).abs() / st).floor() + 1.0;
    if n > array::vec::MAX_LEN as f64 {
        return Err(value_error(format!("{func}(): the range is too large")));
    }
    if within(n) {
        n += 1.0;
    }
    while n > 1.0 && !within(n - 1.0) {
        n -= 1.0;
    }
    let n = n as usize;
    let mut out = VecBuilder::with_capacity(n);
    for i in 0..n {
        out.push(TypedValue::float(at(i as f64)));
    }
    Ok(out.finish())
}

fn range(_: &mut Ctx, a: &[TypedValue]) -> R {
    let step = has(a, 2).then(|| arg(a, 2));
    range_vec("range", arg(a, 0), arg(a, 1), step)
}

/// The string conversions of a container's values joined with `glue`.
pub(crate) fn join(c: &TypedValue, glue: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (_, v)) in items(c).into_iter().flatten().enumerate() {
        if i > 0 {
            out.extend_from_slice(glue);
        }
        conv::push_string(&v, &mut out);
    }
    out
}

/// `join` as a string value. A vec of strings (the common case) is measured first and copied
/// once into a string of that size, allocated in the heap (so the memory limit applies before
/// the copy); anything else goes through [`join`].
fn join_value(c: &TypedValue, glue: &[u8]) -> R {
    if c.tag == Tag::Vec {
        let elems = array::vec_elems(c);
        if elems.iter().all(|v| v.tag == Tag::Str) {
            let glues = glue.len().saturating_mul(elems.len().saturating_sub(1));
            let total = elems
                .iter()
                .fold(glues, |n, v| n.saturating_add(v.as_str().len()));
            if total > crate::string::MAX_STR_LEN {
                return Err(super::too_long("implode"));
            }
            let pieces = elems.iter().enumerate().flat_map(|(i, v)| {
                let sep: &[u8] = if i > 0 { glue } else { b"" };
                [sep, v.as_str().bytes()]
            });
            return Ok(crate::string::Str::from_pieces(total, pieces));
        }
    }
    ret_bytes(join(c, glue))
}

fn ret_bytes(b: Vec<u8>) -> R {
    if b.len() > crate::string::MAX_STR_LEN {
        return Err(super::too_long("implode"));
    }
    Ok(TypedValue::new_str(&b))
}

fn implode(_: &mut Ctx, a: &[TypedValue]) -> R {
    // implode($glue, $pieces), or the legacy implode($pieces[, $glue]).
    let (glue, pieces) = if matches!(arg(a, 0).tag, Tag::Vec | Tag::Dict | Tag::Keyset) {
        let glue = if has(a, 1) {
            str_arg("implode", a, 1)?
        } else {
            std::borrow::Cow::Borrowed(&b""[..])
        };
        (glue, arg(a, 0))
    } else {
        if !has(a, 1) {
            return Err(bad_arg("implode", 0, "array", arg(a, 0)));
        }
        (str_arg("implode", a, 0)?, container_arg("implode", a, 1)?)
    };
    join_value(pieces, &glue)
}

/// PHP's `explode` on bytes: at most `limit` pieces when positive (the last keeps the rest),
/// all but the last `-limit` when negative, 0 counts as 1.
pub(crate) fn explode_vec(delim: &[u8], s: &[u8], limit: i64) -> TypedValue {
    debug_assert!(!delim.is_empty());
    let mut pieces: Vec<&[u8]> = Vec::new();
    let max = match limit {
        0 => 1,
        l if l > 0 => l as u64 as usize,
        _ => usize::MAX,
    };
    // One searcher for a long string (`find_bytes` scans a short one).
    let finder =
        (s.len() >= super::strings::SHORT_HAYSTACK).then(|| memchr::memmem::Finder::new(delim));
    let find = |h: &[u8]| match &finder {
        Some(f) => f.find(h),
        None => super::strings::find_bytes(h, delim),
    };
    let mut rest = s;
    while pieces.len() + 1 < max {
        match find(rest) {
            Some(i) => {
                pieces.push(&rest[..i]);
                rest = &rest[i + delim.len()..];
                // The result holds at least a value per piece: past the memory limit, the
                // fatal error comes now, not after a list of millions of pieces.
                if pieces.len().is_multiple_of(65536) {
                    crate::heap::check_room(pieces.len() * std::mem::size_of::<TypedValue>());
                }
            }
            None => break,
        }
    }
    pieces.push(rest);
    if limit < 0 {
        let drop = (limit.unsigned_abs() as usize).min(pieces.len());
        pieces.truncate(pieces.len() - drop);
    }
    let mut out = VecBuilder::with_capacity(pieces.len());
    for p in pieces {
        out.push(TypedValue::new_str(p));
    }
    out.finish()
}

fn explode(_: &mut Ctx, a: &[TypedValue]) -> R {
    let delim = str_arg("explode", a, 0)?;
    let s = str_arg("explode", a, 1)?;
    if delim.is_empty() {
        return Err(value_error(
            "explode(): Argument #1 ($separator) cannot be empty",
        ));
    }
    let limit = if has(a, 2) {
        int_arg("explode", a, 2)?
    } else {
        i64::MAX
    };
    Ok(explode_vec(&delim, &s, limit))
}

fn chunks(s: &[u8], n: usize) -> TypedValue {
    let mut out = VecBuilder::with_capacity(s.len().div_ceil(n));
    for c in s.chunks(n) {
        out.push(TypedValue::new_str(c));
    }
    out.finish()
}

fn str_split(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("str_split", a, 0)?;
    let n = if has(a, 1) {
        int_arg("str_split", a, 1)?
    } else {
        1
    };
    if n < 1 {
        return Err(value_error(
            "str_split(): Argument #2 ($length) must be greater than 0",
        ));
    }
    if s.is_empty() {
        // HHVM's answer (PHP 8.2 gives an empty vec): the empty string is one chunk.
        let mut out = VecBuilder::with_capacity(1);
        out.push(TypedValue::new_str(b""));
        return Ok(out.finish());
    }
    Ok(chunks(&s, n.min(i64::from(u32::MAX)) as usize))
}

fn hsl_str_split(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("Str\\split", a, 0)?;
    let delim = str_arg("Str\\split", a, 1)?;
    let limit = if has(a, 2) && !arg(a, 2).is_null() {
        Some(int_arg("Str\\split", a, 2)?)
    } else {
        None
    };
    if delim.is_empty() {
        // The HSL: bytes (`Str\chunk`, whose `str_split` gives `vec[""]` for an empty string);
        // with a limit below the length, the last piece keeps the rest, and a limit below 1
        // fails its `invariant($limit > 1, ...)`.
        let len = s.len() as i64;
        let take = match limit {
            Some(n) if n < len && n < 1 => {
                return Err(RuntimeError::throw(
                    ExnClass::InvariantException,
                    "Expected positive limit.",
                ))
            }
            Some(n) if n < len => (n - 1) as usize,
            _ => s.len(),
        };
        let mut out = VecBuilder::with_capacity(take + 1);
        for i in 0..take {
            out.push(TypedValue::new_str(&s[i..i + 1]));
        }
        if take < s.len() || s.is_empty() {
            out.push(TypedValue::new_str(&s[take..]));
        }
        return Ok(out.finish());
    }
    Ok(explode_vec(&delim, &s, limit.unwrap_or(i64::MAX)))
}

fn hsl_str_join(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = container_arg("Str\\join", a, 0)?;
    let glue = str_arg("Str\\join", a, 1)?;
    join_value(c, &glue)
}

/// The HSL's `Math\\sum(Traversable<int>): int`: `$result += $number` over the raw values (no
/// conversion, unlike `array_sum`), the result checked as its `int` return type is.
fn hsl_math_sum(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut acc = TypedValue::int(0);
    for (_, v) in items(container_arg("Math\\sum", a, 0)?)
        .into_iter()
        .flatten()
    {
        acc = ops::add(&acc, &v)?;
    }
    if acc.tag != Tag::Int {
        let e = crate::interp::exec::verify_failed(
            "Math\\sum",
            jsvm_ir::VerifyKind::Return,
            ("int", false),
            &acc,
        );
        // SAFETY: `acc` is the owned result of the last `add`.
        unsafe { acc.dec_ref() };
        return Err(e);
    }
    Ok(acc)
}

/// The HSL's `Math\\max` (`want == 1`) or `Math\\min` (`want == -1`), and `max`/`min` of one
/// container (HHVM's `tvGreater`/`tvLess` loop): a value replaces the best so far only when it
/// is strictly greater (less) by the operator, so the first wins ties and a NAN never replaces
/// another value; null when empty (PHP 8's `max`/`min` throw a `ValueError`).
pub(crate) fn extreme(ctx: &mut Ctx, c: &TypedValue, want: i64) -> R {
    let mut best: Option<TypedValue> = None;
    for (_, v) in items(c).into_iter().flatten() {
        best = Some(match best {
            Some(b) if !super::math::beats(ctx, &v, &b, want)? => b,
            _ => v,
        });
    }
    Ok(best.map_or(TypedValue::null(), |v| dup(&v)))
}

fn hsl_math_max(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    extreme(ctx, container_arg("Math\\max", a, 0)?, 1)
}

fn hsl_math_min(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    extreme(ctx, container_arg("Math\\min", a, 0)?, -1)
}

// ---------------------------------------------------------------------------
// var_dump and json_encode of containers

/// Appends the `var_dump` text of a container *after* its indentation and *without* the final
/// newline (`output::var_dump_value` writes both):
/// `vec(2) {\n  int(1)\n  ...\n}`; dict keys as `["a"]=>` / `[5]=>` on their own line.
/// Elements are written through `output::var_dump_value` (which comes back here for containers).
pub fn var_dump_container_body(out: &mut Vec<u8>, tv: &TypedValue, indent: usize) -> RtResult<()> {
    let _g = array::DepthGuard::enter()?;
    let name: &[u8] = match tv.tag {
        Tag::Vec => b"vec(",
        Tag::Dict => b"dict(",
        Tag::Keyset => b"keyset(",
        _ => return Err(RuntimeError::fatal("var_dump: not a container")),
    };
    out.extend_from_slice(name);
    conv::push_int(conv::container_len(tv) as i64, out);
    out.extend_from_slice(b") {\n");
    for (k, v) in items(tv).into_iter().flatten() {
        if tv.tag == Tag::Dict {
            out.extend(std::iter::repeat_n(b' ', indent + 2));
            out.push(b'[');
            if k.tag == Tag::Int {
                conv::push_int(k.as_int(), out);
            } else {
                out.push(b'"');
                out.extend_from_slice(k.str_bytes());
                out.push(b'"');
            }
            out.extend_from_slice(b"]=>\n");
        }
        super::output::var_dump_value(out, &v, indent + 2)?;
    }
    out.extend(std::iter::repeat_n(b' ', indent));
    out.push(b'}');
    Ok(())
}

/// `JSON_PRETTY_PRINT`.
const JSON_PRETTY_PRINT: i64 = 128;

/// Appends the JSON text of any value; containers nest (a vec or keyset is a list, a dict always
/// an object, even empty or keyed 0..n-1, as HHVM's serializer does; an object is a JSON object of its
/// initialized public properties, as in PHP and HHVM). `Err(())` where PHP's `json_encode` fails
/// (INF/NAN, invalid UTF-8, closures, an object inside itself, too deep).
/// `depth` is how many levels of containers and objects may still open (`json_encode`'s third
/// argument at the top).
pub fn json_encode_value(
    tv: &TypedValue,
    flags: i64,
    depth: i64,
    out: &mut Vec<u8>,
) -> Result<(), ()> {
    json_nested(tv, flags, (depth, 0), out)
}

/// [`json_encode_value`] at nesting `level` (the indentation of `JSON_PRETTY_PRINT`: four spaces
/// a level, one member a line, `"key": value`; an empty container stays `[]` or `{}`).
fn json_nested(
    tv: &TypedValue,
    flags: i64,
    (depth, level): (i64, usize),
    out: &mut Vec<u8>,
) -> Result<(), ()> {
    if matches!(tv.tag, Tag::Vec | Tag::Keyset | Tag::Dict | Tag::Obj) && depth <= 0 {
        return Err(());
    }
    let pretty = flags & JSON_PRETTY_PRINT != 0;
    let newline = |out: &mut Vec<u8>, level: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', 4 * level));
    };
    // Before member `i`: a comma after the first; pretty, a new line at the members' indent.
    let member = |out: &mut Vec<u8>, i: usize| {
        if i > 0 {
            out.push(b',');
        }
        if pretty {
            newline(out, level + 1);
        }
    };
    // Before the closing bracket after `n` members: pretty and not empty, a new line.
    let close = |out: &mut Vec<u8>, n: usize| {
        if pretty && n > 0 {
            newline(out, level);
        }
    };
    let colon: &[u8] = if pretty { b": " } else { b":" };
    let inner = (depth - 1, level + 1);
    match tv.tag {
        Tag::Vec | Tag::Keyset | Tag::Dict => {
            let _g = array::DepthGuard::enter().map_err(|_| ())?;
            let list = tv.tag != Tag::Dict;
            out.push(if list { b'[' } else { b'{' });
            let n = conv::container_len(tv);
            for (i, (k, v)) in items(tv).into_iter().flatten().enumerate() {
                member(out, i);
                if !list {
                    let key = Owned::new(conv::to_str(&k));
                    super::strings::json_scalar(key.get(), flags, out)?;
                    out.extend_from_slice(colon);
                }
                json_nested(&v, flags, inner, out)?;
            }
            close(out, n);
            out.push(if list { b']' } else { b'}' });
            Ok(())
        }
        Tag::Obj => {
            let _g = array::DepthGuard::enter().map_err(|_| ())?;
            let _visit = crate::object::Visit::enter(tv).ok_or(())?;
            let c = crate::object::class_of(tv);
            out.push(b'{');
            let mut n = 0;
            for &i in &c.to_array_order {
                let p = &c.props[i as usize];
                let v = crate::object::get_slot(tv, i);
                let public =
                    jsvm_ir::private_parts(&p.name).is_none() && p.protected_root.is_none();
                if !public || v.tag == Tag::Uninit {
                    continue;
                }
                member(out, n);
                n += 1;
                super::strings::json_string(p.name.as_bytes(), flags, out)?;
                out.extend_from_slice(colon);
                json_nested(&v, flags, inner, out)?;
            }
            close(out, n);
            out.push(b'}');
            Ok(())
        }
        _ => super::strings::json_scalar(tv, flags, out),
    }
}

/// `json_encode($v[, $flags])` with container support: the JSON string, or `false` on failure.
pub(crate) fn json_encode(_: &mut Ctx, a: &[TypedValue]) -> R {
    let flags = if has(a, 1) {
        int_arg("json_encode", a, 1)?
    } else {
        0
    };
    let depth = int_arg_or("json_encode", a, 2, 512)?;
    if depth <= 0 || depth > i32::MAX as i64 {
        return Err(value_error(
            "json_encode(): Argument #3 ($depth) must be greater than 0 and less than 2147483647",
        ));
    }
    let mut out = Vec::new();
    match json_encode_value(arg(a, 0), flags, depth, &mut out) {
        Ok(()) => ret_bytes(out),
        Err(()) => Ok(TypedValue::bool(false)),
    }
}
