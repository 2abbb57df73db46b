//! String builtins: the PHP functions of LANGUAGE.md (`strlen`, `substr`, `str_pad`, `sprintf`, `json_encode` of scalars, ...) and the scalar `Str\` HSL functions.

use super::{
    arg, b, format, has, int_arg, int_arg_or, needs_containers, ret_same_str, ret_str, str_arg,
    too_long, Builtin,
};
use crate::conv;
use crate::ctx::Ctx;
use crate::error::{ExnClass, RuntimeError};
use crate::string::MAX_STR_LEN;
use crate::value::{Tag, TypedValue};
use std::borrow::Cow;

type R = Result<TypedValue, RuntimeError>;

pub(super) const FUNCS: &[Builtin] = &[
    b("strlen", 1, Some(1), strlen, true),
    b("substr", 2, Some(3), substr, true),
    b("strpos", 2, Some(3), strpos, true),
    b("stripos", 2, Some(3), stripos, true),
    b("strrpos", 2, Some(3), strrpos, true),
    b("str_repeat", 2, Some(2), str_repeat, true),
    b("str_replace", 3, Some(3), str_replace, true),
    b("str_pad", 2, Some(4), str_pad, true),
    b("strtoupper", 1, Some(1), strtoupper, true),
    b("strtolower", 1, Some(1), strtolower, true),
    b("ucfirst", 1, Some(1), ucfirst, true),
    b("lcfirst", 1, Some(1), lcfirst, true),
    b("trim", 1, Some(2), trim, true),
    b("ltrim", 1, Some(2), ltrim, true),
    b("rtrim", 1, Some(2), rtrim, true),
    b("ord", 1, Some(1), ord, true),
    b("chr", 1, Some(1), chr, true),
    b("strcmp", 2, Some(2), strcmp, true),
    b("strrev", 1, Some(1), strrev, true),
    b("str_contains", 2, Some(2), str_contains, true),
    b("str_starts_with", 2, Some(2), str_starts_with, true),
    b("str_ends_with", 2, Some(2), str_ends_with, true),
    b("sprintf", 1, None, sprintf, true).objects_as_strings(),
    b("number_format", 1, Some(4), number_format, true),
    b("htmlspecialchars", 1, Some(4), htmlspecialchars, true),
    b("json_encode", 1, Some(3), json_encode, true),
    b("dechex", 1, Some(1), dechex, true),
    b("hexdec", 1, Some(1), hexdec, true),
    b("crc32", 1, Some(1), crc32, true),
    b("urlencode", 1, Some(1), urlencode, true),
    b("rawurlencode", 1, Some(1), rawurlencode, true),
    b("urldecode", 1, Some(1), urldecode, true),
    b("rawurldecode", 1, Some(1), rawurldecode, true),
    b("Str\\length", 1, Some(1), hsl_length, true),
    b("Str\\repeat", 2, Some(2), hsl_repeat, true),
    b("Str\\contains", 2, Some(3), hsl_contains, true),
    b("Str\\starts_with", 2, Some(2), hsl_starts_with, true),
    b("Str\\ends_with", 2, Some(2), hsl_ends_with, true),
    b("Str\\slice", 2, Some(3), hsl_slice, true),
    b("Str\\replace", 3, Some(3), hsl_replace, true),
    b("Str\\trim", 1, Some(2), hsl_trim, true),
    b("Str\\trim_left", 1, Some(2), hsl_trim_left, true),
    b("Str\\trim_right", 1, Some(2), hsl_trim_right, true),
    b("Str\\to_int", 1, Some(1), hsl_to_int, true),
    b("Str\\uppercase", 1, Some(1), hsl_uppercase, true),
    b("Str\\lowercase", 1, Some(1), hsl_lowercase, true),
    b("Str\\capitalize", 1, Some(1), hsl_capitalize, true),
    b("Str\\pad_left", 2, Some(3), hsl_pad_left, true),
    b("Str\\pad_right", 2, Some(3), hsl_pad_right, true),
    b("Str\\search", 2, Some(3), hsl_search, true),
    b("Str\\format", 1, None, hsl_format, true).objects_as_strings(),
];

fn strlen(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(str_arg("strlen", a, 0)?.len() as i64))
}

/// PHP 8 `substr` bounds: `(start, len)` within `s`, or `None` for "".
pub fn substr_range(n: usize, start: i64, len: Option<i64>) -> Option<(usize, usize)> {
    let n = n as i64;
    if start > n {
        return None;
    }
    let f = if start < 0 { (n + start).max(0) } else { start };
    let l = match len {
        None => n - f,
        Some(l) if l < 0 => {
            let l = (n - f) + l;
            if l < 0 {
                return None;
            }
            l
        }
        Some(l) => l.min(n - f),
    };
    Some((f as usize, l as usize))
}

fn substr(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("substr", a, 0)?;
    let start = int_arg("substr", a, 1)?;
    let len = if has(a, 2) && !arg(a, 2).is_null() {
        Some(int_arg("substr", a, 2)?)
    } else {
        None
    };
    match substr_range(s.len(), start, len) {
        Some((f, l)) if f == 0 && l == s.len() && arg(a, 0).is_str() => ret_same_str(a, 0),
        Some((f, l)) => ret_str(&s[f..f + l]),
        None => ret_str(b""),
    }
}

fn find(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if from > h.len() {
        return None;
    }
    if n.is_empty() {
        return Some(from);
    }
    find_bytes(&h[from..], n).map(|p| p + from)
}

/// Below this many bytes, a search scans for the needle's first byte and compares (building
/// `memmem`'s searcher, per call, cost more than the search: `str_replace` on short strings).
pub(crate) const SHORT_HAYSTACK: usize = 256;

/// Where `n` (not empty) first occurs in `h`.
pub(crate) fn find_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
    let (&first, rest) = n.split_first()?;
    if n.len() > h.len() {
        return None;
    }
    if rest.is_empty() {
        return memchr::memchr(first, h);
    }
    if h.len() >= SHORT_HAYSTACK {
        return memchr::memmem::find(h, n);
    }
    let last_start = h.len() - n.len();
    let mut i = 0;
    while i <= last_start {
        let p = i + memchr::memchr(first, &h[i..=last_start])?;
        if &h[p + 1..p + n.len()] == rest {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// Resolves a PHP search offset (negative = from the end); `None` if out of range.
fn offset(len: usize, off: i64) -> Option<usize> {
    let o = if off < 0 { len as i64 + off } else { off };
    (0..=len as i64).contains(&o).then_some(o as usize)
}

fn strpos_impl(name: &str, a: &[TypedValue], fold: bool) -> R {
    let h = str_arg(name, a, 0)?;
    let n = str_arg(name, a, 1)?;
    let off = int_arg_or(name, a, 2, 0)?;
    let Some(from) = offset(h.len(), off) else {
        return Err(RuntimeError::throw(
            ExnClass::InvalidArgumentException,
            format!("{name}(): Argument #3 ($offset) must be contained in argument #1 ($haystack)"),
        ));
    };
    let r = if fold {
        find(&h.to_ascii_lowercase(), &n.to_ascii_lowercase(), from)
    } else {
        find(&h, &n, from)
    };
    Ok(r.map_or(TypedValue::bool(false), |p| TypedValue::int(p as i64)))
}

fn strpos(_: &mut Ctx, a: &[TypedValue]) -> R {
    strpos_impl("strpos", a, false)
}

fn stripos(_: &mut Ctx, a: &[TypedValue]) -> R {
    strpos_impl("stripos", a, true)
}

fn strrpos(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("strrpos", a, 0)?;
    let n = str_arg("strrpos", a, 1)?;
    let off = int_arg_or("strrpos", a, 2, 0)?;
    let len = h.len();
    let (lo, hi) = if off >= 0 {
        if off as u64 > len as u64 {
            return Err(RuntimeError::throw(
                ExnClass::InvalidArgumentException,
                "strrpos(): Argument #3 ($offset) must be contained in argument #1 ($haystack)",
            ));
        }
        (off as usize, len.checked_sub(n.len()))
    } else {
        if off.unsigned_abs() > len as u64 {
            return Err(RuntimeError::throw(
                ExnClass::InvalidArgumentException,
                "strrpos(): Argument #3 ($offset) must be contained in argument #1 ($haystack)",
            ));
        }
        let neg = off.unsigned_abs() as usize;
        let hi = if neg < n.len() {
            len.checked_sub(n.len())
        } else {
            Some(len - neg)
        };
        (0, hi)
    };
    let Some(hi) = hi else {
        return Ok(TypedValue::bool(false));
    };
    let mut p = hi as i64;
    while p >= lo as i64 {
        let q = p as usize;
        if q + n.len() <= len && &h[q..q + n.len()] == n.as_ref() {
            return Ok(TypedValue::int(p));
        }
        p -= 1;
    }
    Ok(TypedValue::bool(false))
}

/// `str_repeat` as HHVM's: an empty string is returned before the count is checked, and a
/// negative count throws `RuntimeException` (PHP 8: a `ValueError`).
fn repeat(name: &str, a: &[TypedValue]) -> R {
    let s = str_arg(name, a, 0)?;
    let n = int_arg(name, a, 1)?;
    if s.is_empty() {
        return ret_str(b"");
    }
    if n < 0 {
        return Err(RuntimeError::throw(
            ExnClass::RuntimeException,
            "Second argument has to be greater than or equal to 0",
        ));
    }
    if (s.len() as u128) * (n as u128) > MAX_STR_LEN as u128 {
        return Err(too_long(name));
    }
    // Past the memory limit, the fatal error before the result is built.
    crate::heap::check_room(s.len() * n as usize);
    ret_str(&s.repeat(n as usize))
}

fn str_repeat(_: &mut Ctx, a: &[TypedValue]) -> R {
    repeat("str_repeat", a)
}

/// `h` with every occurrence of `n` (not empty), left to right and not overlapping, replaced by
/// `r`; `first` is where the first one is (the caller found it).
fn replace_bytes(h: &[u8], first: usize, n: &[u8], r: &[u8]) -> Vec<u8> {
    // A result that may grow large is measured first (a second search): one over the string
    // length limit or the memory limit fails before it is built.
    if r.len() > n.len() && (h.len() / n.len().max(1)).saturating_mul(r.len()) > 1 << 20 {
        let count = memchr::memmem::find_iter(h, n).count();
        let len = count
            .saturating_mul(r.len() - n.len())
            .saturating_add(h.len());
        crate::string::check_new_len(len);
    }
    let mut out = Vec::with_capacity(h.len() + r.len().saturating_sub(n.len()));
    out.extend_from_slice(&h[..first]);
    out.extend_from_slice(r);
    let mut i = first + n.len();
    let finder = (h.len() >= SHORT_HAYSTACK).then(|| memchr::memmem::Finder::new(n));
    while let Some(p) = match &finder {
        Some(f) => f.find(&h[i..]),
        None => find_bytes(&h[i..], n),
    } {
        out.extend_from_slice(&h[i..i + p]);
        out.extend_from_slice(r);
        i += p + n.len();
    }
    out.extend_from_slice(&h[i..]);
    out
}

fn str_replace(_: &mut Ctx, a: &[TypedValue]) -> R {
    if (0..3).any(|i| crate::array::is_container(arg(a, i).tag)) {
        return str_replace_containers(a);
    }
    let search = str_arg("str_replace", a, 0)?;
    let rep = str_arg("str_replace", a, 1)?;
    let subject = str_arg("str_replace", a, 2)?;
    match find(&subject, &search, 0) {
        Some(first) if !search.is_empty() => {
            ret_str(&replace_bytes(&subject, first, &search, &rep))
        }
        _ => ret_same_str(a, 2),
    }
}

/// A search string and its replacement.
type Replacement<'a> = (Cow<'a, [u8]>, Cow<'a, [u8]>);

/// `str_replace` with containers, as PHP: a container of searches is replaced in order, each by
/// the replacement at the same position (`""` past the end) or by the one replacement string; a
/// container subject gives a container of the results with the same keys (a vec stays a vec),
/// its nested containers copied as they are. Elements are converted to strings.
fn str_replace_containers(a: &[TypedValue]) -> R {
    let (search, rep, subject) = (arg(a, 0), arg(a, 1), arg(a, 2));
    // The elements, raw copies valid while the arguments are (no Hack code runs here), so that
    // the strings among them are searched and copied where they are.
    let values = |c: &TypedValue| -> Vec<TypedValue> {
        match crate::array::items(c) {
            Some(items) => items.map(|(_, v)| v).collect(),
            None => Vec::new(),
        }
    };
    let (searches, reps) = (values(search), values(rep));
    let pairs: Vec<Replacement> = if crate::array::is_container(search.tag) {
        let one = if crate::array::is_container(rep.tag) {
            None
        } else {
            Some(str_arg("str_replace", a, 1)?)
        };
        let mut reps = reps.iter().map(conv::to_string_bytes);
        searches
            .iter()
            .map(|s| {
                let r = match &one {
                    Some(r) => r.clone(),
                    None => reps.next().unwrap_or_default(),
                };
                (conv::to_string_bytes(s), r)
            })
            .collect()
    } else if crate::array::is_container(rep.tag) {
        return Err(RuntimeError::type_error(
            "str_replace(): Argument #2 ($replace) must be of type string when argument #1 \
             ($search) is a string",
        ));
    } else {
        vec![(str_arg("str_replace", a, 0)?, str_arg("str_replace", a, 1)?)]
    };
    let apply = |s: &[u8]| -> Result<TypedValue, RuntimeError> {
        let mut out = Cow::Borrowed(s);
        for (search, rep) in &pairs {
            if let Some(first) = find(&out, search, 0).filter(|_| !search.is_empty()) {
                out = Cow::Owned(replace_bytes(&out, first, search, rep));
                if out.len() > MAX_STR_LEN {
                    return Err(too_long("str_replace"));
                }
            }
        }
        Ok(TypedValue::new_str(&out))
    };
    if !crate::array::is_container(subject.tag) {
        return apply(&str_arg("str_replace", a, 2)?);
    }
    let n = conv::container_len(subject);
    let each = |v: &TypedValue| -> R {
        if crate::array::is_container(v.tag) {
            // SAFETY: `v` is a live element of `subject`; the copy is an owned reference.
            Ok(unsafe { v.dup() })
        } else {
            apply(&conv::to_string_bytes(v))
        }
    };
    if subject.tag == Tag::Vec {
        let mut out = crate::array::VecBuilder::with_capacity(n);
        for (_, v) in crate::array::items(subject).into_iter().flatten() {
            out.push(each(&v)?);
        }
        Ok(out.finish())
    } else {
        let mut out = crate::array::HashBuilder::dict(n);
        for (k, v) in crate::array::items(subject).into_iter().flatten() {
            out.set(&k, each(&v)?);
        }
        Ok(out.finish())
    }
}

/// `str_pad` with a pad type (0 left, 1 right, 2 both).
fn pad(name: &str, s: &[u8], len: i64, pad: &[u8], ty: i64) -> Result<Vec<u8>, RuntimeError> {
    if len <= s.len() as i64 {
        return Ok(s.to_vec());
    }
    if pad.is_empty() {
        return Err(RuntimeError::throw(
            ExnClass::InvalidArgumentException,
            format!("{name}(): Argument #3 ($pad_string) must be a non-empty string"),
        ));
    }
    if !(0..=2).contains(&ty) {
        return Err(RuntimeError::throw(
            ExnClass::InvalidArgumentException,
            format!("{name}(): Argument #4 ($pad_type) must be STR_PAD_LEFT, STR_PAD_RIGHT, or STR_PAD_BOTH"),
        ));
    }
    if len as u64 > MAX_STR_LEN as u64 {
        return Err(too_long(name));
    }
    // Past the memory limit, the fatal error before the result is built.
    crate::heap::check_room(len as usize);
    let num = len as usize - s.len();
    let (left, right) = match ty {
        0 => (num, 0),
        1 => (0, num),
        _ => (num / 2, num - num / 2),
    };
    let mut out = Vec::with_capacity(len as usize);
    out.extend(pad.iter().cycle().take(left));
    out.extend_from_slice(s);
    out.extend(pad.iter().cycle().take(right));
    Ok(out)
}

fn str_pad(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("str_pad", a, 0)?;
    let len = int_arg("str_pad", a, 1)?;
    let p = if has(a, 2) {
        str_arg("str_pad", a, 2)?
    } else {
        b" ".as_slice().into()
    };
    let ty = int_arg_or("str_pad", a, 3, 1)?;
    if len <= s.len() as i64 && arg(a, 0).is_str() {
        return ret_same_str(a, 0);
    }
    ret_str(&pad("str_pad", &s, len, &p, ty)?)
}

/// `s` with its ASCII letters in `upper` or lower case: the argument itself when none changes
/// (as PHP's `zend_string_tolower`), else a new string.
fn change_case(name: &str, a: &[TypedValue], upper: bool) -> R {
    let s = str_arg(name, a, 0)?;
    let changes = |c: &u8| {
        if upper {
            c.is_ascii_lowercase()
        } else {
            c.is_ascii_uppercase()
        }
    };
    if !s.iter().any(changes) {
        return ret_same_str(a, 0);
    }
    ret_str(&if upper {
        s.to_ascii_uppercase()
    } else {
        s.to_ascii_lowercase()
    })
}

fn strtoupper(_: &mut Ctx, a: &[TypedValue]) -> R {
    change_case("strtoupper", a, true)
}

fn strtolower(_: &mut Ctx, a: &[TypedValue]) -> R {
    change_case("strtolower", a, false)
}

fn ucfirst(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut s = str_arg("ucfirst", a, 0)?.into_owned();
    if let Some(c) = s.first_mut() {
        c.make_ascii_uppercase();
    }
    ret_str(&s)
}

fn lcfirst(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut s = str_arg("lcfirst", a, 0)?.into_owned();
    if let Some(c) = s.first_mut() {
        c.make_ascii_lowercase();
    }
    ret_str(&s)
}

/// PHP's `php_charmask`: a 256-entry set from a character list with `a..z` ranges.
fn charmask(list: &[u8]) -> [bool; 256] {
    let mut m = [false; 256];
    let mut i = 0;
    while i < list.len() {
        let c = list[i];
        if i + 3 < list.len() && list[i + 1] == b'.' && list[i + 2] == b'.' && list[i + 3] >= c {
            for x in c..=list[i + 3] {
                m[x as usize] = true;
            }
            i += 4;
        } else {
            m[c as usize] = true;
            i += 1;
        }
    }
    m
}

const DEFAULT_TRIM: &[u8] = b" \t\n\r\0\x0B";

/// Trims `s` (mode: 1 left, 2 right, 3 both).
fn trim_bytes<'a>(s: &'a [u8], chars: &[u8], mode: u8) -> &'a [u8] {
    let m = charmask(chars);
    let mut start = 0;
    let mut end = s.len();
    if mode & 1 != 0 {
        while start < end && m[s[start] as usize] {
            start += 1;
        }
    }
    if mode & 2 != 0 {
        while end > start && m[s[end - 1] as usize] {
            end -= 1;
        }
    }
    &s[start..end]
}

fn trim_impl(name: &str, a: &[TypedValue], mode: u8) -> R {
    let s = str_arg(name, a, 0)?;
    // (The HSL's mask is `?string`, PHP's `string`.)
    let nullable = name.starts_with("Str\\");
    let chars = if has(a, 1) && !(nullable && arg(a, 1).is_null()) {
        str_arg(name, a, 1)?
    } else {
        DEFAULT_TRIM.into()
    };
    let t = trim_bytes(&s, &chars, mode);
    if t.len() == s.len() && arg(a, 0).is_str() {
        return ret_same_str(a, 0);
    }
    ret_str(t)
}

fn trim(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("trim", a, 3)
}
fn ltrim(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("ltrim", a, 1)
}
fn rtrim(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("rtrim", a, 2)
}

fn ord(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(
        str_arg("ord", a, 0)?.first().copied().unwrap_or(0) as i64,
    ))
}

fn chr(_: &mut Ctx, a: &[TypedValue]) -> R {
    let c = int_arg("chr", a, 0)?.rem_euclid(256) as u8;
    Ok(TypedValue::str(crate::string::Str::byte(c)))
}

fn strcmp(_: &mut Ctx, a: &[TypedValue]) -> R {
    let x = str_arg("strcmp", a, 0)?;
    let y = str_arg("strcmp", a, 1)?;
    Ok(TypedValue::int(x.cmp(&y) as i64))
}

fn strrev(_: &mut Ctx, a: &[TypedValue]) -> R {
    let mut s = str_arg("strrev", a, 0)?.into_owned();
    s.reverse();
    ret_str(&s)
}

fn str_contains(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("str_contains", a, 0)?;
    let n = str_arg("str_contains", a, 1)?;
    Ok(TypedValue::bool(find(&h, &n, 0).is_some()))
}

fn str_starts_with(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("str_starts_with", a, 0)?;
    let n = str_arg("str_starts_with", a, 1)?;
    Ok(TypedValue::bool(h.starts_with(&n)))
}

fn str_ends_with(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("str_ends_with", a, 0)?;
    let n = str_arg("str_ends_with", a, 1)?;
    Ok(TypedValue::bool(h.ends_with(&n)))
}

pub(crate) fn format_args(name: &str, a: &[TypedValue]) -> Result<Vec<u8>, RuntimeError> {
    let fmt = str_arg(name, a, 0)?;
    for (i, x) in a.iter().enumerate().skip(1) {
        if !format::is_formattable(x) {
            return Err(super::bad_arg(name, i, "string|int|float|bool|null", x));
        }
    }
    format::sprintf(name, &fmt, &a[1..])
}

fn sprintf(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&format_args("sprintf", a)?)
}

fn number_format(_: &mut Ctx, a: &[TypedValue]) -> R {
    let n = super::float_arg("number_format", a, 0)?;
    let dec = int_arg_or("number_format", a, 1, 0)?;
    let dp = if has(a, 2) {
        str_arg("number_format", a, 2)?
    } else {
        b".".as_slice().into()
    };
    let ts = if has(a, 3) {
        str_arg("number_format", a, 3)?
    } else {
        b",".as_slice().into()
    };
    ret_str(&format::number_format(n, dec, &dp, &ts))
}

fn htmlspecialchars(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("htmlspecialchars", a, 0)?;
    // HHVM's default is ENT_COMPAT: `"` escaped, `'` not.
    let flags = int_arg_or("htmlspecialchars", a, 1, 2)?;
    let encoding = arg(a, 2);
    match encoding.tag {
        Tag::Uninit | Tag::Null => {}
        Tag::Str => {
            let e = encoding.str_bytes().to_ascii_lowercase();
            if !matches!(&e[..], b"" | b"utf-8" | b"utf8") {
                return Err(RuntimeError::throw(
                    ExnClass::InvalidArgumentException,
                    "htmlspecialchars(): only the UTF-8 encoding is supported",
                ));
            }
        }
        _ => return Err(super::bad_arg("htmlspecialchars", 2, "?string", encoding)),
    }
    let double_encode = super::bool_arg_or("htmlspecialchars", a, 3, true)?;
    // Invalid UTF-8 gives an empty string, as in PHP and HHVM, unless ENT_IGNORE (4) drops the
    // invalid bytes or ENT_SUBSTITUTE (8) replaces them with U+FFFD.
    let repaired = if s.is_ascii() || std::str::from_utf8(&s).is_ok() {
        None
    } else if flags & (4 | 8) == 0 {
        return ret_str(b"");
    } else {
        let mut v = Vec::with_capacity(s.len());
        for chunk in s.utf8_chunks() {
            v.extend_from_slice(chunk.valid().as_bytes());
            if !chunk.invalid().is_empty() && flags & 8 != 0 {
                v.extend_from_slice("\u{FFFD}".as_bytes());
            }
        }
        Some(v)
    };
    let s: &[u8] = repaired.as_deref().unwrap_or(&s);
    // The entity of a byte that is escaped with these flags.
    let entity = |c: u8| -> Option<&'static [u8]> {
        match c {
            b'&' => Some(b"&amp;"),
            b'<' => Some(b"&lt;"),
            b'>' => Some(b"&gt;"),
            b'"' if flags & 2 != 0 => Some(b"&quot;"),
            b'\'' if flags & 3 == 3 => Some(b"&#039;"),
            _ => None,
        }
    };
    let next = |from: usize| s[from..].iter().position(|&c| entity(c).is_some());
    // Runs without a byte to escape are copied whole; a string without one is returned as it
    // is (the argument itself when nothing was repaired).
    let Some(first) = next(0) else {
        return match repaired {
            None if arg(a, 0).is_str() => ret_same_str(a, 0),
            _ => ret_str(s),
        };
    };
    let mut out = Vec::with_capacity(s.len() + 16);
    let mut i = 0;
    let mut run = Some(first);
    while let Some(n) = run {
        out.extend_from_slice(&s[i..i + n]);
        i += n;
        // Without double encoding, an entity already in the text stays as it is.
        let kept = match s[i] {
            b'&' if !double_encode => super::html::entity_at(&s[i..]),
            _ => None,
        };
        match kept {
            Some(len) => {
                out.extend_from_slice(&s[i..i + len]);
                i += len;
            }
            None => {
                // (`next` stopped at a byte that has an entity.)
                out.extend_from_slice(entity(s[i]).unwrap_or(&s[i..=i]));
                i += 1;
            }
        }
        run = next(i);
    }
    out.extend_from_slice(&s[i..]);
    ret_str(&out)
}

/// Appends the JSON form of a string (PHP escaping: `/` → `\/` unless flag 64,
/// non-ASCII as `\uXXXX` unless flag 256; `<` and `>`, `&`, `'`, `"` as `\u003C`...
/// under `JSON_HEX_TAG` (1), `JSON_HEX_AMP` (2), `JSON_HEX_APOS` (4), `JSON_HEX_QUOT` (8)).
/// `Err(())` on invalid UTF-8.
pub fn json_string(s: &[u8], flags: i64, out: &mut Vec<u8>) -> Result<(), ()> {
    let text = std::str::from_utf8(s).map_err(|_| ())?;
    out.push(b'"');
    for ch in text.chars() {
        match ch {
            '<' if flags & 1 != 0 => out.extend_from_slice(b"\\u003C"),
            '>' if flags & 1 != 0 => out.extend_from_slice(b"\\u003E"),
            '&' if flags & 2 != 0 => out.extend_from_slice(b"\\u0026"),
            '\'' if flags & 4 != 0 => out.extend_from_slice(b"\\u0027"),
            '"' if flags & 8 != 0 => out.extend_from_slice(b"\\u0022"),
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '/' if flags & 64 == 0 => out.extend_from_slice(b"\\/"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c if (c as u32) < 0x80 => out.push(c as u8),
            c if flags & 256 != 0 => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            c => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.extend_from_slice(format!("\\u{u:04x}").as_bytes());
                }
            }
        }
    }
    out.push(b'"');
    Ok(())
}

/// Appends the JSON form of a scalar; `Err(())` when PHP's `json_encode` fails (INF/NAN, bad UTF-8).
pub fn json_scalar(tv: &TypedValue, flags: i64, out: &mut Vec<u8>) -> Result<(), ()> {
    match tv.tag {
        Tag::Null | Tag::Uninit => out.extend_from_slice(b"null"),
        Tag::Bool => out.extend_from_slice(if tv.as_bool() { b"true" } else { b"false" }),
        Tag::Int => conv::push_int(tv.as_int(), out),
        Tag::Float => {
            let f = tv.as_float();
            if !f.is_finite() {
                return Err(());
            }
            let s = conv::float_to_repr(f).replace('E', "e");
            out.extend_from_slice(s.as_bytes());
            if flags & 1024 != 0 && f.fract() == 0.0 && !s.contains(['.', 'e']) {
                out.extend_from_slice(b".0");
            }
        }
        Tag::Str => json_string(tv.as_str().bytes(), flags, out)?,
        _ => return Err(()),
    }
    Ok(())
}

fn json_encode(_: &mut Ctx, a: &[TypedValue]) -> R {
    let v = arg(a, 0);
    if !format::is_formattable(v) {
        return Err(needs_containers("json_encode"));
    }
    let flags = int_arg_or("json_encode", a, 1, 0)?;
    let mut out = Vec::new();
    match json_scalar(v, flags, &mut out) {
        Ok(()) => ret_str(&out),
        Err(()) => Ok(TypedValue::bool(false)),
    }
}

fn dechex(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(format!("{:x}", int_arg("dechex", a, 0)? as u64).as_bytes())
}

fn hexdec(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("hexdec", a, 0)?;
    let mut n: i64 = 0;
    let mut f: f64 = 0.0;
    let mut is_float = false;
    for &c in s.iter() {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        } as i64;
        if !is_float {
            match n.checked_mul(16).and_then(|x| x.checked_add(d)) {
                Some(x) => n = x,
                None => {
                    is_float = true;
                    f = n as f64 * 16.0 + d as f64;
                }
            }
        } else {
            f = f * 16.0 + d as f64;
        }
    }
    Ok(if is_float {
        TypedValue::float(f)
    } else {
        TypedValue::int(n)
    })
}

/// Percent-encoding as PHP's `urlencode` (`form`: a space is `+`, `~` is encoded, as in
/// `application/x-www-form-urlencoded`) and `rawurlencode` (RFC 3986). Letters, digits and
/// `-_.` are kept; every other byte is `%XX` (upper-case hex).
fn url_encode(s: &[u8], form: bool) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(c),
            b'~' if !form => out.push(c),
            b' ' if form => out.push(b'+'),
            _ => out.extend([b'%', HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]]),
        }
    }
    out
}

/// Percent-decoding as PHP's `urldecode` (`form`: `+` is a space) and `rawurldecode`: `%XX`
/// with two hex digits is that byte; any other `%` stays as it is.
pub fn url_decode(s: &[u8], form: bool) -> Vec<u8> {
    let hex = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'%' => match (
                s.get(i + 1).and_then(|&c| hex(c)),
                s.get(i + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b'+' if form => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn urlencode(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&url_encode(&str_arg("urlencode", a, 0)?, true))
}

fn rawurlencode(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&url_encode(&str_arg("rawurlencode", a, 0)?, false))
}

fn urldecode(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&url_decode(&str_arg("urldecode", a, 0)?, true))
}

fn rawurldecode(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&url_decode(&str_arg("rawurldecode", a, 0)?, false))
}

/// CRC-32 (IEEE 802.3, reflected, as zlib and PHP's `crc32`).
pub fn crc32_bytes(s: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    });
    let mut crc = !0u32;
    for &b in s {
        crc = t[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

fn crc32(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(crc32_bytes(&str_arg("crc32", a, 0)?) as i64))
}

// ---------------------------------------------------------------------------
// HSL Str\

fn invariant_violation(msg: &str) -> RuntimeError {
    RuntimeError::throw(ExnClass::InvariantException, msg)
}

/// HSL `_Private\validate_offset`: an offset within `-len..=len` (negative from the end), else
/// the failed `invariant`'s `InvariantException`.
fn validate_offset(off: i64, len: usize) -> Result<usize, RuntimeError> {
    offset(len, off)
        .ok_or_else(|| invariant_violation(&format!("Offset ({off}) was out-of-bounds.")))
}

fn hsl_length(_: &mut Ctx, a: &[TypedValue]) -> R {
    Ok(TypedValue::int(str_arg("Str\\length", a, 0)?.len() as i64))
}

fn hsl_repeat(_: &mut Ctx, a: &[TypedValue]) -> R {
    if int_arg("Str\\repeat", a, 1)? < 0 {
        return Err(invariant_violation("Expected non-negative multiplier"));
    }
    repeat("Str\\repeat", a)
}

fn hsl_contains(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("Str\\contains", a, 0)?;
    let n = str_arg("Str\\contains", a, 1)?;
    let off = validate_offset(int_arg_or("Str\\contains", a, 2, 0)?, h.len())?;
    Ok(TypedValue::bool(find(&h, &n, off).is_some()))
}

fn hsl_starts_with(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("Str\\starts_with", a, 0)?;
    let n = str_arg("Str\\starts_with", a, 1)?;
    Ok(TypedValue::bool(h.starts_with(&n)))
}

fn hsl_ends_with(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("Str\\ends_with", a, 0)?;
    let n = str_arg("Str\\ends_with", a, 1)?;
    Ok(TypedValue::bool(h.ends_with(&n)))
}

fn hsl_slice(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("Str\\slice", a, 0)?;
    let off = validate_offset(int_arg("Str\\slice", a, 1)?, s.len())?;
    let len = if has(a, 2) && !arg(a, 2).is_null() {
        let l = int_arg("Str\\slice", a, 2)?;
        if l < 0 {
            return Err(invariant_violation("Expected non-negative length."));
        }
        (l as u64).min((s.len() - off) as u64) as usize
    } else {
        s.len() - off
    };
    if off == 0 && len == s.len() && arg(a, 0).is_str() {
        return ret_same_str(a, 0);
    }
    ret_str(&s[off..off + len])
}

fn hsl_replace(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("Str\\replace", a, 0)?;
    let n = str_arg("Str\\replace", a, 1)?;
    let r = str_arg("Str\\replace", a, 2)?;
    match find(&h, &n, 0) {
        Some(first) if !n.is_empty() => ret_str(&replace_bytes(&h, first, &n, &r)),
        _ => ret_same_str(a, 0),
    }
}

fn hsl_trim(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("Str\\trim", a, 3)
}
fn hsl_trim_left(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("Str\\trim_left", a, 1)
}
fn hsl_trim_right(_: &mut Ctx, a: &[TypedValue]) -> R {
    trim_impl("Str\\trim_right", a, 2)
}

/// HSL `Str\to_int`: the int when `(string)(int)$s === $s`, else null.
fn hsl_to_int(_: &mut Ctx, a: &[TypedValue]) -> R {
    let s = str_arg("Str\\to_int", a, 0)?;
    let n = conv::str_to_int(&s);
    let mut back = Vec::new();
    conv::push_int(n, &mut back);
    Ok(if back == s.as_ref() {
        TypedValue::int(n)
    } else {
        TypedValue::null()
    })
}

fn hsl_uppercase(_: &mut Ctx, a: &[TypedValue]) -> R {
    change_case("Str\\uppercase", a, true)
}
fn hsl_lowercase(_: &mut Ctx, a: &[TypedValue]) -> R {
    change_case("Str\\lowercase", a, false)
}
fn hsl_capitalize(ctx: &mut Ctx, a: &[TypedValue]) -> R {
    ucfirst(ctx, a)
}

fn hsl_pad(name: &str, a: &[TypedValue], ty: i64) -> R {
    let s = str_arg(name, a, 0)?;
    let len = int_arg(name, a, 1)?;
    let p = if has(a, 2) {
        str_arg(name, a, 2)?
    } else {
        b" ".as_slice().into()
    };
    if p.is_empty() {
        return Err(invariant_violation("Expected non-empty pad string."));
    }
    if len < 0 {
        return Err(invariant_violation("Expected non-negative total length."));
    }
    ret_str(&pad(name, &s, len, &p, ty)?)
}

fn hsl_pad_left(_: &mut Ctx, a: &[TypedValue]) -> R {
    hsl_pad("Str\\pad_left", a, 0)
}
fn hsl_pad_right(_: &mut Ctx, a: &[TypedValue]) -> R {
    hsl_pad("Str\\pad_right", a, 1)
}

fn hsl_search(_: &mut Ctx, a: &[TypedValue]) -> R {
    let h = str_arg("Str\\search", a, 0)?;
    let n = str_arg("Str\\search", a, 1)?;
    let off = validate_offset(int_arg_or("Str\\search", a, 2, 0)?, h.len())?;
    // HHVM's `strpos` finds nothing for an empty needle, so `Str\\search` gives null.
    if n.is_empty() {
        return Ok(TypedValue::null());
    }
    Ok(find(&h, &n, off).map_or(TypedValue::null(), |p| TypedValue::int(p as i64)))
}

fn hsl_format(_: &mut Ctx, a: &[TypedValue]) -> R {
    ret_str(&format_args("Str\\format", a)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan of short haystacks finds what `memmem` finds, and `replace_bytes` replaces
    /// every occurrence, on both sides of [`SHORT_HAYSTACK`].
    #[test]
    fn short_and_long_searches_agree_with_memmem() {
        let needles: [&[u8]; 6] = [b"a", b"ab", b"aab", b"{name}", b"zz", b"abababababx"];
        for len in [0, 1, 5, 63, 64, 65, 255, 256, 257, 600] {
            for seed in 0..4u64 {
                // Haystacks of a small alphabet, so that needles occur, overlap and almost occur.
                let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
                let h: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        b"aab{name}"[(x % 9) as usize]
                    })
                    .collect();
                for n in needles {
                    assert_eq!(
                        find_bytes(&h, n),
                        memchr::memmem::find(&h, n),
                        "{len} {seed} {n:?}"
                    );
                    let expected: Vec<u8> = {
                        let (mut out, mut i) = (Vec::new(), 0);
                        for p in memchr::memmem::find_iter(&h, n) {
                            if p >= i {
                                out.extend_from_slice(&h[i..p]);
                                out.extend_from_slice(b"<>");
                                i = p + n.len();
                            }
                        }
                        out.extend_from_slice(&h[i..]);
                        out
                    };
                    if let Some(first) = memchr::memmem::find(&h, n) {
                        assert_eq!(
                            replace_bytes(&h, first, n, b"<>"),
                            expected,
                            "{len} {seed} {n:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(find_bytes(b"abc", b""), None);
        assert_eq!(find_bytes(b"ab", b"abc"), None);
    }
}
