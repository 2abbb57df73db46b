//! Entity handles: small integer newtypes whose `Display` is their text-form token (`fn3`, `b2`, `v7`, `i4`).

use std::fmt;

macro_rules! entity {
    ($(#[$m:meta])* $name:ident, $prefix:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The dense index of this entity.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
            /// The entity with dense index `i`.
            #[inline]
            pub fn new(i: usize) -> Self {
                $name(i as u32)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

entity!(
    /// A function of the program (`fn3`).
    FuncId,
    "fn"
);
entity!(
    /// A basic block of a function (`b2`).
    Block,
    "b"
);
entity!(
    /// An instruction of a function (`i4`); also the instruction's profiling site id.
    Inst,
    "i"
);
entity!(
    /// An SSA value: an instruction result or a block parameter (`v7`).
    Value,
    "v"
);
entity!(
    /// A class, interface or enum of the program (`cls1`).
    ClassId,
    "cls"
);
