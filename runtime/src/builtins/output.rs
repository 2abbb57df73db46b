//! Output builtins: `echo`, `print`, `printf`, `var_dump` (HHVM format), all writing to `Ctx::out`.

use super::{arg, b, Builtin};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::RuntimeError;
use crate::value::{Tag, TypedValue};

pub(super) const FUNCS: &[Builtin] = &[
    b("echo", 0, None, echo, false),
    b("print", 1, Some(1), print, false),
    b("printf", 1, None, printf, false).objects_as_strings(),
    b("var_dump", 1, None, var_dump, false),
];

/// Writes the string conversion of `tv` to the output (`echo`).
#[inline]
pub fn echo_value(ctx: &mut Ctx, tv: &TypedValue) {
    match tv.tag {
        Tag::Str => ctx.echo(tv.as_str().bytes()),
        Tag::Int => ctx.write(|out| conv::push_int(tv.as_int(), out)),
        Tag::Float => ctx.write(|out| conv::push_float(tv.as_float(), out)),
        _ => ctx.echo(&conv::to_string_bytes(tv)),
    }
}

fn echo(ctx: &mut Ctx, args: &[TypedValue]) -> Result<TypedValue, RuntimeError> {
    for a in args {
        echo_value(ctx, a);
    }
    Ok(TypedValue::null())
}

fn print(ctx: &mut Ctx, args: &[TypedValue]) -> Result<TypedValue, RuntimeError> {
    echo_value(ctx, arg(args, 0));
    Ok(TypedValue::int(1))
}

fn printf(ctx: &mut Ctx, args: &[TypedValue]) -> Result<TypedValue, RuntimeError> {
    let s = super::strings::format_args("printf", args)?;
    ctx.echo(&s);
    Ok(TypedValue::int(s.len() as i64))
}

/// Appends the `var_dump` text of a value (with a trailing newline) at the given indentation.
/// Containers via `containers::var_dump_container_body`; objects return an error until they exist.
pub fn var_dump_value(
    out: &mut Vec<u8>,
    tv: &TypedValue,
    indent: usize,
) -> Result<(), RuntimeError> {
    out.extend(std::iter::repeat_n(b' ', indent));
    match tv.tag {
        Tag::Uninit | Tag::Null => out.extend_from_slice(b"NULL"),
        Tag::Bool => out.extend_from_slice(if tv.as_bool() {
            b"bool(true)"
        } else {
            b"bool(false)"
        }),
        Tag::Int => {
            out.extend_from_slice(b"int(");
            conv::push_int(tv.as_int(), out);
            out.push(b')');
        }
        Tag::Float => {
            out.extend_from_slice(b"float(");
            out.extend_from_slice(conv::float_to_repr(tv.as_float()).as_bytes());
            out.push(b')');
        }
        Tag::Str => {
            let s = tv.as_str().bytes();
            out.extend_from_slice(b"string(");
            conv::push_int(s.len() as i64, out);
            out.extend_from_slice(b") \"");
            out.extend_from_slice(s);
            out.push(b'"');
        }
        Tag::Vec | Tag::Dict | Tag::Keyset => {
            super::containers::var_dump_container_body(out, tv, indent)?
        }
        Tag::Obj => crate::object::var_dump_object(out, tv, indent)?,
        Tag::Func => out.extend_from_slice(b"object(Closure) (0) {\n}"),
    }
    out.push(b'\n');
    Ok(())
}

fn var_dump(ctx: &mut Ctx, args: &[TypedValue]) -> Result<TypedValue, RuntimeError> {
    for a in args {
        ctx.write(|out| var_dump_value(out, a, 0))?;
    }
    Ok(TypedValue::null())
}
