//! The HTML 4.01 named character entities, for `htmlspecialchars($s, $flags, $enc, false)` (an
//! existing entity is not encoded again).

/// Their names, sorted by bytes (as PHP's `ENT_HTML401` table; no `apos`).
pub(crate) const HTML401_ENTITIES: [&str; 252] = [
    "AElig", "Aacute", "Acirc", "Agrave", "Alpha", "Aring", "Atilde", "Auml", "Beta", "Ccedil",
    "Chi", "Dagger", "Delta", "ETH", "Eacute", "Ecirc", "Egrave", "Epsilon", "Eta", "Euml",
    "Gamma", "Iacute", "Icirc", "Igrave", "Iota", "Iuml", "Kappa", "Lambda", "Mu", "Ntilde", "Nu",
    "OElig", "Oacute", "Ocirc", "Ograve", "Omega", "Omicron", "Oslash", "Otilde", "Ouml", "Phi",
    "Pi", "Prime", "Psi", "Rho", "Scaron", "Sigma", "THORN", "Tau", "Theta", "Uacute", "Ucirc",
    "Ugrave", "Upsilon", "Uuml", "Xi", "Yacute", "Yuml", "Zeta", "aacute", "acirc", "acute",
    "aelig", "agrave", "alefsym", "alpha", "amp", "and", "ang", "aring", "asymp", "atilde", "auml",
    "bdquo", "beta", "brvbar", "bull", "cap", "ccedil", "cedil", "cent", "chi", "circ", "clubs",
    "cong", "copy", "crarr", "cup", "curren", "dArr", "dagger", "darr", "deg", "delta", "diams",
    "divide", "eacute", "ecirc", "egrave", "empty", "emsp", "ensp", "epsilon", "equiv", "eta",
    "eth", "euml", "euro", "exist", "fnof", "forall", "frac12", "frac14", "frac34", "frasl",
    "gamma", "ge", "gt", "hArr", "harr", "hearts", "hellip", "iacute", "icirc", "iexcl", "igrave",
    "image", "infin", "int", "iota", "iquest", "isin", "iuml", "kappa", "lArr", "lambda", "lang",
    "laquo", "larr", "lceil", "ldquo", "le", "lfloor", "lowast", "loz", "lrm", "lsaquo", "lsquo",
    "lt", "macr", "mdash", "micro", "middot", "minus", "mu", "nabla", "nbsp", "ndash", "ne", "ni",
    "not", "notin", "nsub", "ntilde", "nu", "oacute", "ocirc", "oelig", "ograve", "oline", "omega",
    "omicron", "oplus", "or", "ordf", "ordm", "oslash", "otilde", "otimes", "ouml", "para", "part",
    "permil", "perp", "phi", "pi", "piv", "plusmn", "pound", "prime", "prod", "prop", "psi",
    "quot", "rArr", "radic", "rang", "raquo", "rarr", "rceil", "rdquo", "real", "reg", "rfloor",
    "rho", "rlm", "rsaquo", "rsquo", "sbquo", "scaron", "sdot", "sect", "shy", "sigma", "sigmaf",
    "sim", "spades", "sub", "sube", "sum", "sup", "sup1", "sup2", "sup3", "supe", "szlig", "tau",
    "there4", "theta", "thetasym", "thinsp", "thorn", "tilde", "times", "trade", "uArr", "uacute",
    "uarr", "ucirc", "ugrave", "uml", "upsih", "upsilon", "uuml", "weierp", "xi", "yacute", "yen",
    "yuml", "zeta", "zwj", "zwnj",
];

/// The length of the entity reference at the start of `s` (which begins with `&`), when it is
/// one PHP leaves alone with `double_encode` off: `&name;` for a name in the table, or
/// `&#digits;` / `&#xhex;` for a code point up to U+10FFFF.
pub(crate) fn entity_at(s: &[u8]) -> Option<usize> {
    let body = s.get(1..)?;
    // (Only a run of name characters is scanned: linear over a string of many `&`.)
    let semi = body
        .iter()
        .position(|&c| !c.is_ascii_alphanumeric() && c != b'#')
        .filter(|&i| body[i] == b';')?;
    let name = &body[..semi];
    let ok = match name {
        [b'#', b'x' | b'X', hex @ ..] => {
            !hex.is_empty()
                && hex.iter().all(u8::is_ascii_hexdigit)
                && code_point(hex, 16).is_some_and(|c| c <= 0x10FFFF)
        }
        [b'#', dec @ ..] => {
            !dec.is_empty()
                && dec.iter().all(u8::is_ascii_digit)
                && code_point(dec, 10).is_some_and(|c| c <= 0x10FFFF)
        }
        _ => {
            !name.is_empty()
                && name.iter().all(u8::is_ascii_alphanumeric)
                && HTML401_ENTITIES
                    .binary_search_by(|e| e.as_bytes().cmp(name))
                    .is_ok()
        }
    };
    ok.then_some(semi + 2)
}

/// The value of ASCII digits in `radix`, `None` past `u32`.
fn code_point(digits: &[u8], radix: u32) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(radix)?
            .checked_add((d as char).to_digit(radix)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_recognised_as_php_does() {
        assert!(HTML401_ENTITIES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(entity_at(b"&amp;x"), Some(5));
        assert_eq!(entity_at(b"&eacute;"), Some(8));
        assert_eq!(entity_at(b"&#39;"), Some(5));
        assert_eq!(entity_at(b"&#x1F600;"), Some(9));
        assert_eq!(entity_at(b"&#X41;"), Some(6));
        assert_eq!(entity_at(b"&#x110000;"), None);
        assert_eq!(entity_at(b"&#99999999999;"), None);
        assert_eq!(entity_at(b"&apos;"), None);
        assert_eq!(entity_at(b"&foo;"), None);
        assert_eq!(entity_at(b"&amp"), None);
        assert_eq!(entity_at(b"&#;"), None);
        assert_eq!(entity_at(b"&#x;"), None);
        assert_eq!(entity_at(b"&;"), None);
        assert_eq!(entity_at(b"&am p;"), None);
    }
}
