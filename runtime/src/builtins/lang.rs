//! Built-ins that need objects or the language runtime: `get_class`, `get_parent_class`,
//! `method_exists`, and `invariant_violation` (what `invariant()` calls when its condition fails).

use super::{arg, b, Builtin};
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::object;
use crate::value::{Tag, TypedValue};

type R = Result<TypedValue, RuntimeError>;

fn get_class(_: &mut Ctx, a: &[TypedValue]) -> R {
    match a.first() {
        Some(o) if o.tag == Tag::Obj => {
            Ok(TypedValue::new_str(object::class_of(o).name.as_bytes()))
        }
        Some(o) if o.tag == Tag::Func => Ok(TypedValue::new_str(b"Closure")),
        _ => Err(RuntimeError::type_error(
            "get_class() expects parameter 1 to be object",
        )),
    }
}

fn get_parent_class(_: &mut Ctx, a: &[TypedValue]) -> R {
    match a.first() {
        Some(o) if o.tag == Tag::Obj => Ok(match object::class_of(o).parent_name() {
            Some(p) => TypedValue::new_str(p.as_bytes()),
            None => TypedValue::bool(false),
        }),
        _ => Err(RuntimeError::type_error(
            "get_parent_class() expects parameter 1 to be object",
        )),
    }
}

fn method_exists(_: &mut Ctx, a: &[TypedValue]) -> R {
    let (Some(o), Some(m)) = (a.first(), a.get(1)) else {
        return Ok(TypedValue::bool(false));
    };
    if o.tag != Tag::Obj || m.tag != Tag::Str {
        return Ok(TypedValue::bool(false));
    }
    let name = String::from_utf8_lossy(m.str_bytes()).to_ascii_lowercase();
    Ok(TypedValue::bool(
        object::class_of(o).methods.contains_key(name.as_str()),
    ))
}

/// `$v instanceof static`: the front end passes the method's late-static-bound class as the
/// method holds it (`$this`, or a static method's class id, as `object::class_source` reads
/// it); `$v` is an object of that class or of one that extends or implements it.
fn instance_of_static(_: &mut Ctx, a: &[TypedValue]) -> R {
    let (v, lsb) = (arg(a, 0), arg(a, 1));
    let class = match lsb.tag {
        Tag::Obj => Some(object::class_of(lsb).id),
        Tag::Int => u32::try_from(lsb.as_int()).ok(),
        _ => None,
    };
    Ok(TypedValue::bool(
        v.tag == Tag::Obj && class.is_some_and(|c| object::class_of(v).is_a(c)),
    ))
}

fn invariant_violation(_: &mut Ctx, a: &[TypedValue]) -> R {
    let msg = match a.split_first() {
        Some((fmt, rest)) if fmt.tag == Tag::Str => {
            super::sprintf("invariant", fmt.str_bytes(), rest)?
        }
        Some((fmt, _)) => crate::conv::to_string_bytes(fmt).into_owned(),
        None => Vec::new(),
    };
    Err(RuntimeError::throw(
        ExnClass::InvariantException,
        String::from_utf8_lossy(&msg).into_owned(),
    ))
}

/// `__SystemLib\chain_previous($thrown, $pending)` (what a `finally` block that throws while
/// exception `$pending` is in flight calls): `$pending` goes at the end of `$thrown`'s
/// `getPrevious()` chain, as PHP and HHVM chain them; nothing when `$pending` is already in it
/// or the chain would become a cycle.
fn chain_previous(_: &mut Ctx, a: &[TypedValue]) -> R {
    let done = Ok(TypedValue::null());
    let (Some(&thrown), Some(&pending)) = (a.first(), a.get(1)) else {
        return done;
    };
    if thrown.tag != Tag::Obj || pending.tag != Tag::Obj {
        return done;
    }
    // The `previous` slot of an exception object (declared by the prelude's base classes).
    let previous = |o: &TypedValue| -> Option<(u32, TypedValue)> {
        let i = *object::class_of(o).prop_index.get("previous")?;
        Some((i, object::get_slot(o, i)))
    };
    // (Chains are finite and acyclic: `previous` is set only by constructors and here.)
    let chain = |from: TypedValue| {
        std::iter::successors(Some(from), move |o| {
            previous(o).map(|p| p.1).filter(|p| p.tag == Tag::Obj)
        })
    };
    for ex in chain(thrown) {
        // `$pending` already reaches `ex`: linking would make a cycle.
        if chain(pending).any(|p| p.bits_eq(ex)) {
            return done;
        }
        let Some((i, p)) = previous(&ex) else {
            return done;
        };
        if p.tag != Tag::Obj {
            // SAFETY: `i` is a slot of the live object `ex`, holding null (no reference to
            // drop); the slot takes its own reference to `pending`.
            unsafe {
                pending.inc_ref();
                *object::slot_ptr(&ex, i) = pending;
            }
            return done;
        }
    }
    done
}

/// `__SystemLib\enum_member($values, $v)` (what `$v is E` calls with `E::getValues()`): is
/// `$v` one of the values, compared as PHP array keys compare (an integer string is that
/// integer), as HHVM's enums answer `is`, `as` and `isValid`.
fn enum_member(_: &mut Ctx, a: &[TypedValue]) -> R {
    let (Some(values), Some(v)) = (a.first(), a.get(1)) else {
        return Ok(TypedValue::bool(false));
    };
    let Some(want) = array_key(v) else {
        return Ok(TypedValue::bool(false));
    };
    use crate::array::iter::{iter_done, iter_first, iter_next, iter_value};
    let mut pos = iter_first(values)?;
    while !iter_done(values, pos) {
        let x = iter_value(values, pos);
        let hit = array_key(&x).as_ref() == Some(&want);
        // SAFETY: `iter_value` gave an owned reference.
        unsafe { x.dec_ref() };
        if hit {
            return Ok(TypedValue::bool(true));
        }
        pos = iter_next(values, pos);
    }
    Ok(TypedValue::bool(false))
}

/// `v` as a PHP array key: an int, or a string that is not the canonical decimal form of an
/// int; `None` for other values.
pub fn array_key(v: &TypedValue) -> Option<Result<i64, Vec<u8>>> {
    match v.tag {
        Tag::Int => Some(Ok(v.as_int())),
        Tag::Str => {
            let s = v.str_bytes();
            let canonical = std::str::from_utf8(s)
                .ok()
                .and_then(|t| t.parse::<i64>().ok())
                .filter(|i| i.to_string().as_bytes() == s);
            Some(canonical.ok_or_else(|| s.to_vec()))
        }
        _ => None,
    }
}

/// `__SystemLib\check_throwable($v)` (what `throw $v` calls first, unless `$v` is a new
/// exception): an `Error` unless `$v` is an object that implements `Throwable`.
fn check_throwable(_: &mut Ctx, a: &[TypedValue]) -> R {
    let Some(v) = a.first().filter(|v| v.tag == Tag::Obj) else {
        return Err(RuntimeError::throw(
            ExnClass::Error,
            "Can only throw objects",
        ));
    };
    let c = object::class_of(v);
    let throwable = c.lineage.ids.get("throwable").is_some_and(|&t| c.is_a(t));
    if !throwable {
        return Err(RuntimeError::throw(
            ExnClass::Error,
            "Cannot throw objects that do not implement Throwable",
        ));
    }
    Ok(TypedValue::null())
}

/// The table of this family.
pub(crate) const FUNCS: &[Builtin] = &[
    b("get_class", 1, Some(1), get_class, true),
    b("get_parent_class", 1, Some(1), get_parent_class, true),
    b("method_exists", 2, Some(2), method_exists, true),
    b("invariant_violation", 0, None, invariant_violation, false),
    b(
        "__SystemLib\\chain_previous",
        2,
        Some(2),
        chain_previous,
        false,
    ),
    b("__SystemLib\\enum_member", 2, Some(2), enum_member, true),
    b(
        "__SystemLib\\instance_of_static",
        2,
        Some(2),
        instance_of_static,
        true,
    ),
    b(
        "__SystemLib\\check_throwable",
        1,
        Some(1),
        check_throwable,
        false,
    ),
];
