//! Number formatting for builtins: PHP's `sprintf` engine (ext/standard/formatted_print.c), `number_format`, and `round` with PHP's pre-rounding.

use crate::conv;
use crate::error::{ExnClass, RuntimeError};
use crate::value::{Tag, TypedValue};

/// `php_round_helper` with `PHP_ROUND_HALF_UP`: half away from zero.
fn round_half_up(v: f64) -> f64 {
    if v >= 0.0 {
        (v + 0.5).floor()
    } else {
        (v - 0.5).ceil()
    }
}

fn intpow10(p: i32) -> f64 {
    if (0..=22).contains(&p) {
        [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ][p as usize]
    } else {
        10f64.powi(p)
    }
}

fn round_get_basic(v: f64, places: i32) -> f64 {
    let f = intpow10(places.abs());
    if places >= 0 {
        v * f
    } else {
        v / f
    }
}

/// `round($v, $places)` exactly as PHP 5.3–8.3 and HHVM (`_php_math_round` with
/// pre-rounding to 15 significant digits, half away from zero).
pub fn php_round(value: f64, places: i64) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    let places = places.clamp(i32::MIN as i64 + 1, i32::MAX as i64) as i32;
    let precision_places = 14 - value.abs().log10().floor() as i32;
    let f1 = intpow10(places.abs());
    let mut tmp;
    if precision_places > places && precision_places - 15 < places {
        let use_precision = precision_places.max(-(4 * 15));
        // Pre-round to the precision guaranteed by FP arithmetic.
        tmp = round_half_up(round_get_basic(value, use_precision));
        let diff = (places - use_precision).max(-(4 * 15));
        // `places < precision_places`, so this divides.
        tmp /= intpow10(diff.abs());
    } else {
        tmp = if places >= 0 { value * f1 } else { value / f1 };
        if tmp.abs() >= 1e15 {
            return value;
        }
    }
    tmp = round_half_up(tmp);
    if places.abs() < 23 {
        if places > 0 {
            tmp /= f1;
        } else {
            tmp *= f1;
        }
    } else {
        let s = format!("{tmp:.0}e{}", -places);
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => tmp = v,
            _ => return value,
        }
    }
    tmp
}

/// Digits of `|v|` rounded to `frac` decimals (`%.*F`): "123.45" (no sign).
fn fixed(v: f64, frac: usize) -> String {
    // An `f64`'s exact expansion has at most 1074 decimals, so later ones are zeros (and Rust's
    // formatter takes a precision up to `u16::MAX` only).
    const EXACT: usize = 1100;
    let mut s = format!("{:.*}", frac.min(EXACT), v.abs());
    s.extend(std::iter::repeat_n('0', frac.saturating_sub(EXACT)));
    s
}

/// `number_format($num, $decimals, $dec_point, $thousands_sep)` (negative decimals count as 0).
pub fn number_format(num: f64, decimals: i64, dec_point: &[u8], thousands_sep: &[u8]) -> Vec<u8> {
    // Every decimal asked for, as PHP and HHVM (`%.*F`): the string's length is checked first
    // (an `f64` has at most 309 integer digits).
    let dec = decimals.clamp(0, crate::string::MAX_STR_LEN as i64) as usize;
    crate::string::check_new_len(dec.saturating_add(330));
    // As HHVM's `string_number_format`: the sign is taken before rounding and kept (a negative
    // number that rounds to zero prints `-0`; PHP 8 drops that sign), and an infinity or NAN
    // prints as `%F` does, without it (`INF`, `NAN`).
    let neg = num < 0.0;
    let d = php_round(num.abs(), dec as i64);
    if d.is_nan() {
        return b"NAN".to_vec();
    }
    if d.is_infinite() {
        return b"INF".to_vec();
    }
    let mut out = Vec::new();
    let s = fixed(d, dec);
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if neg {
        out.push(b'-');
    }
    let ib = int_part.as_bytes();
    for (i, &c) in ib.iter().enumerate() {
        if i > 0 && (ib.len() - i) % 3 == 0 {
            out.extend_from_slice(thousands_sep);
        }
        out.push(c);
    }
    if let Some(f) = frac_part {
        if dec > 0 {
            out.extend_from_slice(dec_point);
            out.extend_from_slice(f.as_bytes());
        }
    }
    out
}

/// PHP's `%e` body for |v|: `d.ddde+X` with `prec` decimals (no sign).
fn exp_form(v: f64, prec: usize, e_char: u8) -> Vec<u8> {
    let s = format!("{:.*e}", prec, v.abs());
    let (mant, exp) = s.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let mut out = mant.as_bytes().to_vec();
    out.push(e_char);
    out.push(if exp < 0 { b'-' } else { b'+' });
    out.extend_from_slice(exp.unsigned_abs().to_string().as_bytes());
    out
}

/// PHP's `%g` body for |v|: `zend_gcvt` with `prec` significant digits and exponent char `e_char`.
fn g_form(v: f64, prec: usize, e_char: u8) -> Vec<u8> {
    if v == 0.0 {
        return b"0".to_vec();
    }
    let (digits, decpt) = crate::conv::float_digits(v, prec);
    let mut out = Vec::new();
    crate::conv::push_g_digits(&mut out, &digits, decpt, prec as i32, e_char);
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// `php_sprintf_appendstring`.
#[allow(clippy::too_many_arguments)]
fn append_padded(
    out: &mut Vec<u8>,
    s: &[u8],
    min_width: usize,
    precision: Option<usize>,
    padding: u8,
    align: Align,
    neg: bool,
    always_sign: bool,
) {
    let mut s = s;
    let mut copy_len = precision.map_or(s.len(), |p| p.min(s.len()));
    let npad = min_width.saturating_sub(copy_len);
    // The result goes to the request heap: past its memory limit, the fatal error before the
    // padding is built (a width of 400,000,000 held 400 MB outside the heap first).
    crate::heap::check_room(out.len() + npad + copy_len);
    if align == Align::Right {
        if (neg || always_sign) && padding == b'0' && !s.is_empty() {
            out.push(s[0]);
            s = &s[1..];
            copy_len -= 1;
        }
        out.extend(std::iter::repeat_n(padding, npad));
    }
    out.extend_from_slice(&s[..copy_len]);
    if align == Align::Left {
        out.extend(std::iter::repeat_n(padding, npad));
    }
}

fn arg_error(msg: String) -> RuntimeError {
    RuntimeError::throw(ExnClass::ArgumentCountError, msg)
}

/// PHP's `sprintf($format, ...$args)`: `%[argnum$][flags][width][.precision]conv`
/// with flags `-` (left), `+` (sign), `0`/space/`'c` (padding char) and conversions
/// `% b c d e E f F g G o s u x X`. Too few arguments throw `ArgumentCountError`,
/// an unknown conversion `InvalidArgumentException` (PHP 8 throws `ValueError`). `func` names
/// the caller in the count error.
pub fn sprintf(func: &str, fmt: &[u8], args: &[TypedValue]) -> Result<Vec<u8>, RuntimeError> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    let mut next_arg = 0usize;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            let end = fmt[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(fmt.len(), |p| i + p);
            out.extend_from_slice(&fmt[i..end]);
            i = end;
            continue;
        }
        i += 1;
        if i >= fmt.len() {
            return Err(RuntimeError::throw(
                ExnClass::InvalidArgumentException,
                "Missing format specifier at end of string",
            ));
        }
        if fmt[i] == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        // Positional argument `N$`.
        let mut argnum = None;
        {
            let mut j = i;
            while j < fmt.len() && fmt[j].is_ascii_digit() {
                j += 1;
            }
            if j > i && j < fmt.len() && fmt[j] == b'$' {
                let n: usize = std::str::from_utf8(&fmt[i..j])
                    .unwrap()
                    .parse()
                    .unwrap_or(0);
                if n == 0 {
                    return Err(RuntimeError::throw(
                        ExnClass::InvalidArgumentException,
                        "Argument number specifier must be greater than zero and less than 2147483647",
                    ));
                }
                argnum = Some(n - 1);
                i = j + 1;
            }
        }
        let mut align = Align::Right;
        let mut always_sign = false;
        let mut padding = b' ';
        loop {
            match fmt.get(i) {
                Some(b'-') => {
                    align = Align::Left;
                    i += 1;
                }
                Some(b'+') => {
                    always_sign = true;
                    i += 1;
                }
                Some(b'0') | Some(b' ') => {
                    padding = fmt[i];
                    i += 1;
                }
                Some(b'\'') => {
                    if let Some(&p) = fmt.get(i + 1) {
                        padding = p;
                        i += 2;
                    } else {
                        return Err(RuntimeError::throw(
                            ExnClass::InvalidArgumentException,
                            "Missing padding character",
                        ));
                    }
                }
                _ => break,
            }
        }
        let mut width = 0usize;
        while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
            width = width
                .saturating_mul(10)
                .saturating_add((d - b'0') as usize)
                .min(i32::MAX as usize);
            i += 1;
        }
        // PHP's bound (it throws ValueError): a width of 2^31-1 or more is refused, not a
        // 2 GiB string of padding.
        if width >= i32::MAX as usize {
            return Err(RuntimeError::throw(
                ExnClass::InvalidArgumentException,
                "Width must be greater than zero and less than 2147483647",
            ));
        }
        let mut precision = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            let mut p = 0usize;
            while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
                p = p
                    .saturating_mul(10)
                    .saturating_add((d - b'0') as usize)
                    .min(i32::MAX as usize);
                i += 1;
            }
            precision = Some(p);
        }
        if fmt.get(i) == Some(&b'l') {
            i += 1;
        }
        let Some(&conv_char) = fmt.get(i) else {
            return Err(RuntimeError::throw(
                ExnClass::InvalidArgumentException,
                "Missing format specifier at end of string",
            ));
        };
        i += 1;
        let idx = match argnum {
            Some(n) => n,
            None => {
                next_arg += 1;
                next_arg - 1
            }
        };
        let Some(arg) = args.get(idx) else {
            return Err(arg_error(if argnum.is_some() {
                format!("{func}(): Missing argument {}", idx + 1)
            } else {
                format!(
                    "{func}(): {} arguments are required, {} given",
                    idx + 2,
                    args.len() + 1
                )
            }));
        };
        match conv_char {
            // `%5%`: a conversion that prints `%` (no padding) and, as in PHP and HHVM, uses up
            // an argument.
            b'%' => out.push(b'%'),
            b's' => {
                let s = conv::to_string_bytes(arg);
                append_padded(&mut out, &s, width, precision, padding, align, false, false);
            }
            b'd' => {
                let n = conv::to_int(arg);
                let mut s = Vec::with_capacity(21);
                if n >= 0 && always_sign {
                    s.push(b'+');
                }
                conv::push_int(n, &mut s);
                // PHP pads left-aligned integers with spaces, not zeros.
                let pad = if align == Align::Left && padding == b'0' {
                    b' '
                } else {
                    padding
                };
                append_padded(&mut out, &s, width, None, pad, align, n < 0, always_sign);
            }
            b'u' => {
                let n = conv::to_int(arg) as u64;
                let pad = if align == Align::Left && padding == b'0' {
                    b' '
                } else {
                    padding
                };
                append_padded(
                    &mut out,
                    n.to_string().as_bytes(),
                    width,
                    None,
                    pad,
                    align,
                    false,
                    false,
                );
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                let v = conv::to_float(arg);
                // HHVM caps a float's precision at 40 (`MAX_FLOAT_PRECISION` in its
                // zend-printf.cpp; PHP 8: 53, with a notice).
                let prec = precision.unwrap_or(6).min(40);
                if !v.is_finite() {
                    // As PHP and HHVM: `INF` or `NaN` in a width of 3 (the width and precision
                    // asked for do not count); only right-aligned zero padding writes a sign,
                    // in place of the first letter (`-NF`, `+aN`).
                    let s: &[u8] = if v.is_nan() { b"NaN" } else { b"INF" };
                    let neg = v < 0.0;
                    if align == Align::Right && (neg || always_sign) && padding == b'0' {
                        out.push(if neg { b'-' } else { b'+' });
                        out.extend_from_slice(&s[1..]);
                    } else {
                        out.extend_from_slice(s);
                    }
                    continue;
                }
                // `%g` keeps the sign of -0.0 (`php_gcvt` reads the sign bit); `%e` and `%f`
                // print it unsigned (`php_conv_fp` clears it).
                let g = matches!(conv_char, b'g' | b'G');
                let neg = v < 0.0 || (g && v == 0.0 && v.is_sign_negative());
                let mut s = Vec::with_capacity(32);
                if neg {
                    s.push(b'-');
                } else if always_sign {
                    s.push(b'+');
                }
                match conv_char {
                    b'e' | b'E' => s.extend_from_slice(&exp_form(v, prec, conv_char)),
                    b'f' | b'F' => s.extend_from_slice(fixed(v, prec).as_bytes()),
                    _ => {
                        let p = if prec == 0 { 1 } else { prec };
                        s.extend_from_slice(&g_form(
                            v,
                            p,
                            if conv_char == b'g' { b'e' } else { b'E' },
                        ))
                    }
                }
                append_padded(&mut out, &s, width, None, padding, align, neg, always_sign);
            }
            b'c' => out.push(conv::to_int(arg) as u8),
            b'o' | b'x' | b'X' | b'b' => {
                let n = conv::to_int(arg) as u64;
                let s = match conv_char {
                    b'o' => format!("{n:o}"),
                    b'x' => format!("{n:x}"),
                    b'X' => format!("{n:X}"),
                    _ => format!("{n:b}"),
                };
                // A precision prints none of the digits, as PHP's and HHVM's `append2n` (it is
                // the most characters of the number to copy, and they pass 0).
                append_padded(
                    &mut out,
                    s.as_bytes(),
                    width,
                    precision.map(|_| 0),
                    padding,
                    align,
                    false,
                    false,
                );
            }
            other => {
                return Err(RuntimeError::throw(
                    ExnClass::InvalidArgumentException,
                    format!("Unknown format specifier \"{}\"", other as char),
                ))
            }
        }
    }
    Ok(out)
}

/// True for values `sprintf` can format without a conversion error (scalars).
pub fn is_formattable(tv: &TypedValue) -> bool {
    !matches!(
        tv.tag,
        Tag::Vec | Tag::Dict | Tag::Keyset | Tag::Obj | Tag::Func
    )
}
