//! The built-in function registry (`lookup`, `all`), built-in constants, and the argument helpers shared by the builtin families.
//!
//! A builtin is `fn(&mut Ctx, &[TypedValue]) -> Result<TypedValue, RuntimeError>`:
//! the arguments are borrowed, the result is owned (+1 if counted). Call
//! builtins through [`Builtin::call`], which checks the argument count
//! (`ArgumentCountError`); inside a builtin, a missing optional argument reads
//! as `Uninit` through [`arg`], and a wrong type gives a `TypeError` naming the
//! function. Builtins never panic on user input.
//!
//! Names are canonical: global functions lower-case (`strlen`), HSL functions
//! as `Str\length`, `Math\abs`, ... (callers strip a leading `\` and `HH\Lib\`).
//! Each family module exports a `FUNCS` table; container builtins (`count`,
//! `implode`, `Vec\...`) slot in as another module.

pub(crate) mod containers;
mod format;
pub(crate) mod hsl_c;
pub(crate) mod hsl_dict;
pub(crate) mod hsl_keyset;
pub(crate) mod hsl_vec;
mod html;
mod lang;
mod math;
mod output;
mod strings;
mod types;

pub use format::{number_format, php_round, sprintf};
pub use lang::array_key;
pub use output::{echo_value, var_dump_value};
pub use strings::url_decode;
pub use types::monotonic_ns;

use crate::conv::{self, Numeric};
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::string::Str;
use crate::value::{Tag, TypedValue};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A builtin's implementation: borrowed arguments, owned result.
pub type BuiltinFn = fn(&mut Ctx, &[TypedValue]) -> Result<TypedValue, RuntimeError>;

/// One built-in function.
#[derive(Clone, Copy)]
pub struct Builtin {
    /// Canonical name (`strlen`, `Str\length`).
    pub name: &'static str,
    /// Required arguments.
    pub min_args: u8,
    /// Maximum arguments; `None` = variadic.
    pub max_args: Option<u8>,
    /// The implementation.
    pub f: BuiltinFn,
    /// No side effects and a deterministic result for equal arguments (may be constant-folded).
    pub pure: bool,
    /// Its parameters are strings: an object argument (or, for `implode`, an object element of
    /// a container argument) is converted by its `__toString` first, as PHP and HHVM convert
    /// Stringish objects passed to a builtin's `string` parameter (see `Vm::call_builtin_objects`).
    pub objects_as_strings: bool,
}

impl std::fmt::Debug for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Builtin({})", self.name)
    }
}

impl Builtin {
    /// Calls the builtin after checking the argument count (`ArgumentCountError` as HHVM words it).
    pub fn call(&self, ctx: &mut Ctx, args: &[TypedValue]) -> Result<TypedValue, RuntimeError> {
        self.check_arity(args.len())?;
        (self.f)(ctx, args)
    }

    /// The `ArgumentCountError` for a call with `given` arguments.
    #[cold]
    pub fn arity_error(&self, given: usize) -> RuntimeError {
        let (kind, count) = match self.max_args {
            Some(m) if m == self.min_args => ("exactly", m),
            Some(m) if given > m as usize => ("at most", m),
            _ => ("at least", self.min_args),
        };
        let plural = if count == 1 { "" } else { "s" };
        RuntimeError::throw(
            ExnClass::ArgumentCountError,
            format!(
                "{}() expects {kind} {count} parameter{plural}, {given} given",
                self.name
            ),
        )
    }
}

/// Shorthand for a table entry.
pub(crate) const fn b(
    name: &'static str,
    min: u8,
    max: Option<u8>,
    f: BuiltinFn,
    pure: bool,
) -> Builtin {
    Builtin {
        name,
        min_args: min,
        max_args: max,
        f,
        pure,
        objects_as_strings: false,
    }
}

impl Builtin {
    /// `ArgumentCountError` unless `n` arguments fit.
    pub fn check_arity(&self, n: usize) -> Result<(), RuntimeError> {
        if n < self.min_args as usize || self.max_args.is_some_and(|m| n > m as usize) {
            return Err(self.arity_error(n));
        }
        Ok(())
    }

    /// The builtin with [`Builtin::objects_as_strings`] set.
    pub(crate) const fn objects_as_strings(mut self) -> Builtin {
        self.objects_as_strings = true;
        self
    }

    /// Whether parameter `i` takes any value that converts to a string (`strval`'s, the values
    /// of `sprintf`, `printf` and `Str\\format`): there an object without `__toString` is the
    /// conversion's `Error`, as in PHP; at any other parameter it is the builtin's `TypeError`.
    pub fn mixed_at(&self, i: usize) -> bool {
        match self.name {
            "strval" => true,
            "sprintf" | "printf" | "Str\\format" => i > 0,
            _ => false,
        }
    }

    /// Whether `args` need [`Builtin::objects_as_strings`]'s conversion first.
    #[inline]
    pub fn has_objects(&self, args: &[TypedValue]) -> bool {
        self.objects_as_strings
            && args.iter().any(|a| {
                a.tag.is_object()
                    || crate::array::items(a)
                        .is_some_and(|mut it| it.any(|(_, v)| v.tag.is_object()))
            })
    }
}

fn registry() -> &'static (Vec<Builtin>, HashMap<String, usize>) {
    static REG: OnceLock<(Vec<Builtin>, HashMap<String, usize>)> = OnceLock::new();
    REG.get_or_init(|| {
        let mut v = Vec::new();
        for t in [
            output::FUNCS,
            strings::FUNCS,
            math::FUNCS,
            types::FUNCS,
            containers::FUNCS,
            hsl_c::FUNCS,
            hsl_vec::FUNCS,
            hsl_dict::FUNCS,
            hsl_keyset::FUNCS,
            lang::FUNCS,
        ] {
            v.extend_from_slice(t);
        }
        let mut m = HashMap::new();
        for (i, b) in v.iter().enumerate() {
            let prev = m.insert(b.name.to_ascii_lowercase(), i);
            assert!(prev.is_none(), "duplicate builtin {}", b.name);
        }
        // Container-aware versions of scalar builtins replace them in place.
        for o in containers::OVERRIDES {
            match m.get(&o.name.to_ascii_lowercase()) {
                Some(&i) => v[i] = *o,
                None => {
                    m.insert(o.name.to_ascii_lowercase(), v.len());
                    v.push(*o);
                }
            }
        }
        (v, m)
    })
}

/// Every builtin.
pub fn all() -> &'static [Builtin] {
    &registry().0
}

/// The builtin with this canonical name (function names are case-insensitive, as in PHP/HHVM).
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    let (v, m) = registry();
    let name = name.strip_prefix('\\').unwrap_or(name);
    if let Some(&i) = m.get(name) {
        return Some(&v[i]);
    }
    m.get(&name.to_ascii_lowercase()).map(|&i| &v[i])
}

/// The builtin a string callable (`$f = 'strlen'; $f(...)`) names: [`lookup`], except the
/// language constructs registered as builtins (`echo`, `print`), which are not functions.
pub fn lookup_callable(name: &str) -> Option<&'static Builtin> {
    lookup(name).filter(|b| !matches!(b.name, "echo" | "print"))
}

/// A shareable pointer to a static string.
struct StaticStr(*mut Str);
// SAFETY: static strings (rc < 0) are never written after creation, so
// sharing the pointer between threads is sound.
unsafe impl Sync for StaticStr {}
// SAFETY: as above.
unsafe impl Send for StaticStr {}

/// A built-in constant by name (`PHP_INT_MAX`, `M_PI`, `STR_PAD_LEFT`, ...), owned (strings are static).
pub fn constant(name: &str) -> Option<TypedValue> {
    let name = name.strip_prefix('\\').unwrap_or(name);
    let i = TypedValue::int;
    let f = TypedValue::float;
    Some(match name {
        "PHP_INT_MAX" => i(i64::MAX),
        "PHP_INT_MIN" => i(i64::MIN),
        "PHP_INT_SIZE" => i(8),
        "PHP_FLOAT_EPSILON" => f(f64::EPSILON),
        "PHP_FLOAT_MAX" => f(f64::MAX),
        "PHP_FLOAT_MIN" => f(f64::MIN_POSITIVE),
        "PHP_FLOAT_DIG" => i(15),
        "NAN" => f(f64::NAN),
        "INF" => f(f64::INFINITY),
        "STR_PAD_LEFT" => i(0),
        "STR_PAD_RIGHT" => i(1),
        "STR_PAD_BOTH" => i(2),
        "ENT_NOQUOTES" => i(0),
        "ENT_COMPAT" => i(2),
        "ENT_QUOTES" => i(3),
        "ENT_HTML401" => i(0),
        "ENT_SUBSTITUTE" => i(8),
        "ENT_IGNORE" => i(4),
        "JSON_HEX_TAG" => i(1),
        "JSON_HEX_AMP" => i(2),
        "JSON_HEX_APOS" => i(4),
        "JSON_HEX_QUOT" => i(8),
        "JSON_UNESCAPED_SLASHES" => i(64),
        "JSON_PRETTY_PRINT" => i(128),
        "JSON_UNESCAPED_UNICODE" => i(256),
        "JSON_PRESERVE_ZERO_FRACTION" => i(1024),
        "COUNT_NORMAL" => i(0),
        "COUNT_RECURSIVE" => i(1),
        "PHP_ROUND_HALF_UP" => i(1),
        "PHP_ROUND_HALF_DOWN" => i(2),
        "PHP_ROUND_HALF_EVEN" => i(3),
        "PHP_ROUND_HALF_ODD" => i(4),
        "PHP_EOL" => {
            static EOL: OnceLock<StaticStr> = OnceLock::new();
            TypedValue::str(EOL.get_or_init(|| StaticStr(Str::new_static(b"\n"))).0)
        }
        _ => f(jsvm_ir::consts::math_const(name)?),
    })
}

// ---------------------------------------------------------------------------
// Argument helpers (for the family modules)

static UNINIT: TypedValue = TypedValue::uninit();

/// Argument `i`, or `Uninit` when absent.
#[inline]
pub(crate) fn arg(args: &[TypedValue], i: usize) -> &TypedValue {
    args.get(i).unwrap_or(&UNINIT)
}

/// True when argument `i` was passed (and is not `Uninit`).
#[inline]
pub(crate) fn has(args: &[TypedValue], i: usize) -> bool {
    args.get(i).is_some_and(|a| !a.is_uninit())
}

/// The `TypeError` for argument `i` (0-based) of `func`.
#[cold]
pub(crate) fn bad_arg(func: &str, i: usize, expected: &str, got: &TypedValue) -> RuntimeError {
    RuntimeError::throw(
        ExnClass::TypeError,
        format!(
            "{func}(): Argument #{} must be of type {expected}, {} given",
            i + 1,
            crate::interp::exec::given_type(got)
        ),
    )
}

/// A string argument. Built-ins' parameters are typed as HHVM types them (and as PHP does
/// under `strict_types`): any other value is a `TypeError`, not converted.
pub(crate) fn str_arg<'a>(
    func: &str,
    args: &'a [TypedValue],
    i: usize,
) -> Result<Cow<'a, [u8]>, RuntimeError> {
    let a = arg(args, i);
    match a.tag {
        Tag::Str => Ok(Cow::Borrowed(a.as_str().bytes())),
        _ => Err(bad_arg(func, i, "string", a)),
    }
}

/// A numeric argument (int or float; anything else is a `TypeError`).
pub(crate) fn num_arg(func: &str, args: &[TypedValue], i: usize) -> Result<Numeric, RuntimeError> {
    let a = arg(args, i);
    match a.tag {
        Tag::Int => Ok(Numeric::Int(a.as_int())),
        Tag::Float => Ok(Numeric::Float(a.as_float())),
        _ => Err(bad_arg(func, i, "int|float", a)),
    }
}

/// An int argument (anything else, floats included, is a `TypeError`).
pub(crate) fn int_arg(func: &str, args: &[TypedValue], i: usize) -> Result<i64, RuntimeError> {
    let a = arg(args, i);
    match a.tag {
        Tag::Int => Ok(a.as_int()),
        _ => Err(bad_arg(func, i, "int", a)),
    }
}

/// An optional int argument with a default (an `int`, not a `?int`: null is a `TypeError`).
pub(crate) fn int_arg_or(
    func: &str,
    args: &[TypedValue],
    i: usize,
    default: i64,
) -> Result<i64, RuntimeError> {
    if has(args, i) {
        int_arg(func, args, i)
    } else {
        Ok(default)
    }
}

/// An optional bool argument with a default (a `bool`, not a `?bool`).
pub(crate) fn bool_arg_or(
    func: &str,
    args: &[TypedValue],
    i: usize,
    default: bool,
) -> Result<bool, RuntimeError> {
    if !has(args, i) {
        return Ok(default);
    }
    match arg(args, i) {
        v if v.tag == Tag::Bool => Ok(v.as_bool()),
        v => Err(bad_arg(func, i, "bool", v)),
    }
}

/// A float argument.
pub(crate) fn float_arg(func: &str, args: &[TypedValue], i: usize) -> Result<f64, RuntimeError> {
    let a = arg(args, i);
    num_arg(func, args, i)
        .map(Numeric::to_f64)
        .map_err(|_| bad_arg(func, i, "float", a))
}

/// An owned new string result.
#[inline]
pub(crate) fn ret_str(b: &[u8]) -> Result<TypedValue, RuntimeError> {
    Ok(TypedValue::new_str(b))
}

/// Returns argument `i` itself as an owned string result when it is already a string (no copy), else its conversion.
pub(crate) fn ret_same_str(args: &[TypedValue], i: usize) -> Result<TypedValue, RuntimeError> {
    Ok(conv::to_str(arg(args, i)))
}

/// The error for a result string that would exceed the length limit.
#[cold]
pub(crate) fn too_long(func: &str) -> RuntimeError {
    RuntimeError::fatal(format!(
        "{func}(): result exceeds the maximum string length"
    ))
}

/// Comparison `op` of `a` and `b` when an object whose class has `__toString` meets a string:
/// the object compares as its string (through the request's VM, as the operators do); `None`
/// for any other pair.
fn stringable_op(
    ctx: &mut Ctx,
    a: &TypedValue,
    b: &TypedValue,
    op: fn(&TypedValue, &TypedValue) -> crate::ops::OpResult,
) -> Option<Result<TypedValue, RuntimeError>> {
    crate::ops::stringable_vs_string(a, b)
        .then(|| crate::jit::objects::with_vm(ctx, |vm, ctx| vm.compare_objects(ctx, a, b, op)))
}

/// `a <=> b` for builtins (`min`, `max`, sorts): as [`conv::compare`], with
/// [`stringable_op`]'s objects.
pub(crate) fn compare_values(
    ctx: &mut Ctx,
    a: &TypedValue,
    b: &TypedValue,
) -> Result<i64, RuntimeError> {
    match stringable_op(ctx, a, b, crate::ops::cmp) {
        Some(r) => r.map(|v| v.as_int()),
        None => conv::compare(a, b),
    }
}

/// `a == b` for builtins (`in_array`): as [`conv::loose_eq`], with [`stringable_op`]'s objects.
pub(crate) fn loose_eq_values(
    ctx: &mut Ctx,
    a: &TypedValue,
    b: &TypedValue,
) -> Result<bool, RuntimeError> {
    match stringable_op(ctx, a, b, crate::ops::eq) {
        Some(r) => r.map(|v| v.as_bool()),
        None => conv::loose_eq(a, b),
    }
}

/// The error for a builtin form that needs containers, which are not implemented yet.
#[cold]
pub(crate) fn needs_containers(func: &str) -> RuntimeError {
    RuntimeError::fatal(format!(
        "{func}(): container arguments are not implemented yet"
    ))
}
