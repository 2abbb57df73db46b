//! The type lattice: a bitset of value kinds plus an optional class; join, meet and subtype are bit operations.
//!
//! `Cell` is every bit, `?T` is `T|Null`, `num` is `Int|Float`, `arraykey` is `Int|Str`.

use crate::entities::ClassId;
use std::fmt;

/// A set of value kinds, optionally narrowed to instances of a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    /// The kinds a value of this type may have (the `Type::*` bit constants).
    pub bits: u16,
    /// When `Some((c, exact))`, every `Obj` value is an instance of `c` (exactly `c` if `exact`).
    pub class: Option<(ClassId, bool)>,
}

macro_rules! bits {
    ($($name:ident = $val:expr, $text:literal;)*) => {
        impl Type {
            $(
                #[doc = concat!("The `", $text, "` type.")]
                pub const $name: Type = Type { bits: $val, class: None };
            )*
        }
        /// Single-kind names, in printing order.
        const NAMES: &[(u16, &str)] = &[$(($val, $text)),*];
    };
}

bits! {
    UNINIT = 1 << 0, "Uninit";
    NULL = 1 << 1, "Null";
    BOOL = 1 << 2, "Bool";
    INT = 1 << 3, "Int";
    FLOAT = 1 << 4, "Float";
    SSTR = 1 << 5, "SStr";
    CSTR = 1 << 6, "CStr";
    VEC = 1 << 7, "Vec";
    DICT = 1 << 8, "Dict";
    KEYSET = 1 << 9, "Keyset";
    OBJ = 1 << 10, "Obj";
    FUNC = 1 << 11, "Func";
}

/// Named unions printed (and parsed) by name, largest first.
const UNIONS: &[(u16, &str)] = &[
    (0xfff, "Cell"),
    (0xffe, "InitCell"),
    (0xe0 | 0x100 | 0x200 | 0x400 | 0x800 | 0x40, "Counted"),
    (0x68, "ArrayKey"),
    (0x60, "Str"),
    (0x18, "Num"),
];

impl Type {
    /// No value at all (the result of `unreachable`, `throw`).
    pub const BOTTOM: Type = Type {
        bits: 0,
        class: None,
    };
    /// Every value, including uninitialized slots.
    pub const CELL: Type = Type {
        bits: 0xfff,
        class: None,
    };
    /// Every initialized value (`mixed`).
    pub const INIT_CELL: Type = Type {
        bits: 0xffe,
        class: None,
    };
    /// Strings, static or counted.
    pub const STR: Type = Type {
        bits: 0x60,
        class: None,
    };
    /// `num`.
    pub const NUM: Type = Type {
        bits: 0x18,
        class: None,
    };
    /// `arraykey`.
    pub const ARRAY_KEY: Type = Type {
        bits: 0x68,
        class: None,
    };
    /// Kinds that live on the heap with a reference count (may be counted).
    pub const COUNTED: Type = Type {
        bits: 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800,
        class: None,
    };

    /// An object of class `c` or a subclass (`exact = false`), or exactly `c`.
    pub fn object(c: ClassId, exact: bool) -> Type {
        Type {
            bits: Type::OBJ.bits,
            class: Some((c, exact)),
        }
    }

    /// `?T`.
    pub fn nullable(self) -> Type {
        self.join(Type::NULL)
    }

    /// Least upper bound. The class survives only if both sides agree (or one has no objects).
    pub fn join(self, o: Type) -> Type {
        let class = match (self.has_obj(), o.has_obj()) {
            (true, true) if self.class == o.class => self.class,
            (true, true) => match (self.class, o.class) {
                (Some((a, _)), Some((b, _))) if a == b => Some((a, false)),
                _ => None,
            },
            (true, false) => self.class,
            (false, true) => o.class,
            (false, false) => None,
        };
        Type {
            bits: self.bits | o.bits,
            class,
        }
    }

    /// Greatest lower bound (classes are intersected conservatively: the more precise one wins).
    pub fn meet(self, o: Type) -> Type {
        let bits = self.bits & o.bits;
        let class = if bits & Type::OBJ.bits == 0 {
            None
        } else {
            self.class.or(o.class)
        };
        Type { bits, class }
    }

    /// True when every value of `self` is a value of `o` (class relation ignores subclassing).
    pub fn subtype_of(self, o: Type) -> bool {
        self.bits & !o.bits == 0
            && (o.class.is_none()
                || !self.has_obj()
                || self.class.map(|c| c.0) == o.class.map(|c| c.0))
    }

    /// True when some value has both types.
    pub fn maybe(self, o: Type) -> bool {
        self.bits & o.bits != 0
    }

    /// True when the type has no values.
    pub fn is_bottom(self) -> bool {
        self.bits == 0
    }

    /// True when values of this type may be objects.
    pub fn has_obj(self) -> bool {
        self.bits & Type::OBJ.bits != 0
    }

    /// True when values of this type may carry a reference count that must be maintained.
    pub fn maybe_counted(self) -> bool {
        self.bits & Type::COUNTED.bits != 0
    }

    /// True when the type is exactly one of the scalar kinds `k` (e.g. `Int`).
    pub fn is(self, k: Type) -> bool {
        self.bits != 0 && self.bits & !k.bits == 0
    }

    /// Parse a type token of the text form (`Int`, `?Int`, `Int|Float`, `Obj<cls3>`, `Obj=<cls3>`).
    /// For use by the IR reader.
    pub fn parse(s: &str) -> Option<Type> {
        if let Some(rest) = s.strip_prefix('?') {
            return Type::parse(rest).map(Type::nullable);
        }
        let mut t = Type::BOTTOM;
        for part in s.split('|') {
            let p = if let Some(inner) = part
                .strip_prefix("Obj<")
                .or_else(|| part.strip_prefix("Obj=<"))
            {
                let exact = part.starts_with("Obj=");
                let id = inner.strip_suffix('>')?.strip_prefix("cls")?.parse().ok()?;
                Type::object(ClassId(id), exact)
            } else if part == "Bottom" {
                Type::BOTTOM
            } else if let Some(&(b, _)) = UNIONS.iter().chain(NAMES).find(|(_, n)| *n == part) {
                Type {
                    bits: b,
                    class: None,
                }
            } else {
                return None;
            };
            t = t.join(p);
        }
        Some(t)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bits == 0 {
            return f.write_str("Bottom");
        }
        let mut rest = self.bits;
        let nullable = rest != Type::NULL.bits
            && rest & Type::NULL.bits != 0
            && rest & Type::UNINIT.bits == 0
            && rest != Type::INIT_CELL.bits;
        if nullable {
            f.write_str("?")?;
            rest &= !Type::NULL.bits;
        }
        let mut first = true;
        let mut emit = |f: &mut fmt::Formatter<'_>, s: &dyn fmt::Display| -> fmt::Result {
            if !first {
                f.write_str("|")?;
            }
            first = false;
            write!(f, "{s}")
        };
        for &(b, name) in UNIONS {
            if rest & b == b && b != Type::OBJ.bits {
                let covers_obj = b & Type::OBJ.bits != 0;
                if covers_obj && self.class.is_some() {
                    continue;
                }
                emit(f, &name)?;
                rest &= !b;
            }
        }
        for &(b, name) in NAMES {
            if rest & b != 0 {
                if b == Type::OBJ.bits {
                    if let Some((c, exact)) = self.class {
                        let s = format!("Obj{}<{}>", if exact { "=" } else { "" }, c);
                        emit(f, &s)?;
                        continue;
                    }
                }
                emit(f, &name)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_parse_roundtrip() {
        let cases = [
            Type::INT,
            Type::INT.nullable(),
            Type::NUM,
            Type::STR,
            Type::CELL,
            Type::INIT_CELL,
            Type::ARRAY_KEY.nullable(),
            Type::object(ClassId(3), true),
            Type::object(ClassId(2), false).nullable(),
            Type::VEC.join(Type::DICT),
            Type::BOTTOM,
            Type::SSTR,
        ];
        for t in cases {
            let s = t.to_string();
            assert_eq!(Type::parse(&s), Some(t), "{s}");
        }
        assert_eq!(Type::INT.nullable().to_string(), "?Int");
        assert_eq!(Type::NUM.to_string(), "Num");
    }

    #[test]
    fn lattice_ops() {
        assert_eq!(Type::INT.join(Type::FLOAT), Type::NUM);
        assert!(Type::INT.subtype_of(Type::NUM));
        assert!(!Type::NUM.subtype_of(Type::INT));
        assert_eq!(Type::NUM.meet(Type::INT.nullable()), Type::INT);
        assert!(Type::SSTR.subtype_of(Type::STR));
        assert!(!Type::SSTR.maybe_counted());
        assert!(Type::STR.maybe_counted());
    }
}
