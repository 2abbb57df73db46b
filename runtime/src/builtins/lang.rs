//! Built-ins that need objects or the language runtime: `get_class`, `get_parent_class`,
//! `method_exists`, and `invariant_violation` (what `invariant()` calls when its condition fails).

use super::{b, Builtin};
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

fn invariant_violation(_: &mut Ctx, a: &[TypedValue]) -> R {
    let msg = match a.split_first() {
        Some((fmt, rest)) if fmt.tag == Tag::Str => super::sprintf(fmt.str_bytes(), rest)?,
        Some((fmt, _)) => crate::conv::to_string_bytes(fmt).into_owned(),
        None => Vec::new(),
    };
    Err(RuntimeError::throw(
        ExnClass::InvariantException,
        String::from_utf8_lossy(&msg).into_owned(),
    ))
}

/// The table of this family.
pub(crate) const FUNCS: &[Builtin] = &[
    b("get_class", 1, Some(1), get_class, true),
    b("get_parent_class", 1, Some(1), get_parent_class, true),
    b("method_exists", 2, Some(2), method_exists, true),
    b("invariant_violation", 0, None, invariant_violation, false),
];
