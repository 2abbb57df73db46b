//! The one opcode table: every instruction's name, operands (each `borrow` or `consume`), immediate kind and flags.
//!
//! Everything else about an opcode (printing, reading, verifying, interpreting, the refcount
//! pass) is driven by this table. A consumed operand is consumed even when the instruction
//! throws; every result is owned.

/// How an instruction uses one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    /// The instruction reads the operand; the caller keeps its reference.
    Borrow,
    /// The instruction takes over the operand's reference.
    Consume,
}

/// The operand shape of an opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Args {
    /// Exactly these operands.
    Fixed(&'static [Own]),
    /// Any number of operands, all used the same way.
    Var(Own),
}

impl Args {
    /// How operand number `i` is used (for `Fixed`, `i` must be in range).
    pub fn own(self, i: usize) -> Own {
        match self {
            Args::Fixed(list) => list.get(i).copied().unwrap_or(Own::Borrow),
            Args::Var(o) => o,
        }
    }
}

/// The kind of immediate an opcode carries; see [`crate::Imm`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImmKind {
    /// No immediate.
    None,
    /// `true` / `false`.
    Bool,
    /// A 64-bit integer.
    Int,
    /// A double.
    Float,
    /// A byte-string literal.
    Str,
    /// A name (function, method, property, constant).
    Name,
    /// A function of the program.
    Func,
    /// A type.
    Type,
    /// A type check: kind, type and the hint text for messages.
    Verify,
    /// Switch case values.
    Switch,
    /// String switch case labels.
    SwitchStr,
    /// A class and a member name.
    Member,
    /// A class.
    Class,
    /// A guard: the guarded type and the resume point.
    Guard,
}

/// The instruction has no fall-through: it ends its block.
pub const TERM: u8 = 1;
/// The instruction may throw a Hack exception.
pub const THROWS: u8 = 2;
/// No side effect: removable when the result is unused.
pub const PURE: u8 = 4;
/// The instruction defines no result.
pub const NO_RESULT: u8 = 8;
/// The instruction may run arbitrary Hack code (a call).
pub const CALL: u8 = 16;

use Own::{Borrow as B, Consume as C};

macro_rules! opcodes {
    ($($(#[$m:meta])* $name:ident = $text:literal, $args:expr, $imm:ident, $flags:expr;)*) => {
        /// An IR opcode.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Opcode { $($(#[$m])* $name),* }

        impl Opcode {
            /// Every opcode, in table order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The text-form name.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$name => $text),* }
            }

            /// The opcode with text-form name `s`.
            pub fn from_name(s: &str) -> Option<Opcode> {
                match s { $($text => Some(Opcode::$name),)* _ => None }
            }

            /// The operand shape.
            pub fn args(self) -> Args {
                match self { $(Opcode::$name => $args),* }
            }

            /// The immediate kind.
            pub fn imm(self) -> ImmKind {
                match self { $(Opcode::$name => ImmKind::$imm),* }
            }

            /// The flag bits (`TERM`, `THROWS`, `PURE`, `NO_RESULT`, `CALL`).
            pub fn flags(self) -> u8 {
                match self { $(Opcode::$name => $flags),* }
            }
        }
    };
}

const BB: Args = Args::Fixed(&[B, B]);
const B1: Args = Args::Fixed(&[B]);
const C1: Args = Args::Fixed(&[C]);
const NONE: Args = Args::Fixed(&[]);

opcodes! {
    /// `null`.
    ConstNull = "const_null", NONE, None, PURE;
    /// A bool literal.
    ConstBool = "const_bool", NONE, Bool, PURE;
    /// An int literal.
    ConstInt = "const_int", NONE, Int, PURE;
    /// A float literal.
    ConstFloat = "const_float", NONE, Float, PURE;
    /// A static (shared, never counted) string literal.
    ConstStr = "const_str", NONE, Str, PURE;
    /// The uninitialized marker (a missing argument).
    ConstUninit = "const_uninit", NONE, None, PURE;
    /// A top-level constant whose initializer is not a literal (evaluated once per request).
    GetConst = "get_const", NONE, Name, THROWS | CALL;

    /// `+` with Hack semantics on any operands.
    Add = "add", BB, None, THROWS;
    /// `-`.
    Sub = "sub", BB, None, THROWS;
    /// `*`.
    Mul = "mul", BB, None, THROWS;
    /// `/` (int when exact, else float; throws on zero).
    Div = "div", BB, None, THROWS;
    /// `%` (throws on zero).
    Mod = "mod", BB, None, THROWS;
    /// `**`.
    Pow = "pow", BB, None, THROWS;
    /// `&`.
    BitAnd = "bitand", BB, None, THROWS;
    /// `|`.
    BitOr = "bitor", BB, None, THROWS;
    /// `^`.
    BitXor = "bitxor", BB, None, THROWS;
    /// `<<` (count masked with 63).
    Shl = "shl", BB, None, THROWS;
    /// `>>` (arithmetic, count masked with 63).
    Shr = "shr", BB, None, THROWS;
    /// `.` of two operands.
    Concat = "concat", BB, None, THROWS;
    /// `$s .= x`: appends in place when the string is unique (consumes it when it succeeds; a
    /// failed one, an object's `__toString()` raising, leaves it to the exception edge).
    ConcatTo = "concat_to", Args::Fixed(&[C, B]), None, THROWS;
    /// `.` chains and interpolation: one allocation for all parts.
    ConcatN = "concat_n", Args::Var(B), None, THROWS;
    /// `==`.
    Eq = "eq", BB, None, THROWS;
    /// `!=`.
    Neq = "neq", BB, None, THROWS;
    /// `===`.
    Same = "same", BB, None, PURE;
    /// `!==`.
    NSame = "nsame", BB, None, PURE;
    /// `<`.
    Lt = "lt", BB, None, THROWS;
    /// `<=`.
    Le = "le", BB, None, THROWS;
    /// `>`.
    Gt = "gt", BB, None, THROWS;
    /// `>=`.
    Ge = "ge", BB, None, THROWS;
    /// `<=>`.
    Cmp = "cmp", BB, None, THROWS;
    /// Unary `-`.
    Neg = "neg", B1, None, THROWS;
    /// Unary `+`.
    Plus = "plus", B1, None, THROWS;
    /// `++`: ints add 1 (wrapping), floats add 1.0, null becomes 1, bools stay, numeric strings
    /// become numbers, other strings step Perl-style (`"az"` → `"ba"`).
    Incr = "incr", B1, None, THROWS;
    /// `--`: as `incr`, but null stays null and non-numeric strings stay as they are.
    Decr = "decr", B1, None, THROWS;
    /// `!`.
    Not = "not", B1, None, PURE;
    /// `~`.
    BitNot = "bitnot", B1, None, THROWS;
    /// Truthiness (`(bool)`).
    ToBool = "to_bool", B1, None, PURE;
    /// `(int)`.
    CastInt = "cast_int", B1, None, THROWS;
    /// `(float)`.
    CastFloat = "cast_float", B1, None, THROWS;
    /// `(string)`.
    CastStr = "cast_str", B1, None, THROWS;

    /// `$x is T`: a bool.
    IsType = "is_type", B1, Type, PURE;
    /// Enforces a declared type (parameter, return, property, `as`): throws `TypeError` or
    /// `TypeAssertionException`; the result is the operand, narrowed. Baseline IR.
    VerifyType = "verify_type", C1, Verify, THROWS;
    /// A guard (optimized IR only): operand 0 has the immediate's type — the result is operand 0,
    /// narrowed — or the function deoptimizes. The other operands are the guard's frame state:
    /// the baseline values live where the interpreter resumes (the immediate's resume point),
    /// each stored into its interpreter slot. Operands are borrowed; on failure the frame's
    /// values move to the interpreter, which finishes the call.
    Guard = "guard", Args::Var(B), Guard, 0;

    /// Direct call of a user function (arguments moved into the callee's frame).
    Call = "call", Args::Var(C), Func, THROWS | CALL;
    /// Call of a built-in function by canonical name.
    CallBuiltin = "call_builtin", Args::Var(B), Name, THROWS | CALL;
    /// Call of a callable value: operand 0 is the callee.
    CallValue = "call_value", Args::Var(C), None, THROWS | CALL;
    /// Method call: operand 0 is the receiver.
    CallMethod = "call_method", Args::Var(C), Name, THROWS | CALL;
    /// Static method call `C::m(...)` (class may be `self`, `parent`, `static`).
    CallStatic = "call_static", Args::Var(C), Member, THROWS | CALL;
    /// Spread call: the last operand is a vec whose elements are appended to the arguments.
    CallSpread = "call_spread", Args::Var(C), Func, THROWS | CALL;

    /// `new C` without running the constructor (lowering calls `__construct`). For `new static`,
    /// the operand is the method's hidden first parameter (the late-static-bound class).
    NewObj = "new_obj", Args::Var(B), Class, THROWS;
    /// `$o->p`.
    GetProp = "get_prop", B1, Name, THROWS;
    /// `$o->p` under `??` / `isset`: null when the operand is not an object, or the property
    /// is undefined, inaccessible from the site or uninitialized.
    GetPropQuiet = "get_prop_quiet", B1, Name, 0;
    /// `$o->p = x` (type-checked on write).
    SetProp = "set_prop", Args::Fixed(&[B, C]), Name, THROWS | NO_RESULT;
    /// `C::$p` (for `static::$p` the operand is the late-static-bound class source).
    GetStatic = "get_static", Args::Var(B), Member, THROWS;
    /// Move a static property's value out for an in-place update, as `get_static` reads it
    /// (the property holds null until the following `set_static`). After the class source of
    /// `static::$p`, the operands are the write to come, checked first as `take_prop`'s.
    TakeStatic = "take_static", Args::Var(B), Member, THROWS;
    /// `C::$p = x`: operand 0 is the value (for `static::$p`, operand 1 is the class source).
    SetStatic = "set_static", Args::Var(C), Member, THROWS | NO_RESULT;
    /// `C::CONST` (also enum cases; for `static::` the operand is the class source).
    ClassConst = "class_const", Args::Var(B), Member, THROWS;

    /// `vec[...]`.
    NewVec = "new_vec", Args::Var(C), None, 0;
    /// `dict[k => v, ...]`: operands alternate key, value.
    NewDict = "new_dict", Args::Var(C), None, THROWS;
    /// `keyset[...]`.
    NewKeyset = "new_keyset", Args::Var(C), None, THROWS;
    /// `$c[] = x`: updates in place when the container is unique.
    Append = "append", Args::Fixed(&[C, C]), None, THROWS;
    /// `$c[$k]` (throws `OutOfBoundsException` on a missing key).
    IndexGet = "index_get", BB, None, THROWS;
    /// `$c[$k]` under `??` / `isset`: null for a missing key or a null container.
    IndexGetQuiet = "index_get_quiet", BB, None, PURE;
    /// `isset($c[$k])` / the test of `$c[$k] ?? d`.
    IndexIsset = "index_isset", BB, None, PURE;
    /// `$c[$k] = x`: updates in place when the container is unique.
    IndexSet = "index_set", Args::Fixed(&[C, B, C]), None, THROWS;
        /// A nested write `$c[k1]...[kn] = v` (imm 0) or `$c[k1]...[kn][] = v` (imm 1): operands are
    /// the container, the keys, then the value; each inner container is moved out, updated in
    /// place when unique, and put back.
    SetPath = "set_path", Args::Var(C), Int, THROWS;
    /// `$c[k1]...[kn] .= x` as a statement: operands are the container, the keys, then `x`; the
    /// result is the updated container. The element is read as `index_get` reads it and the
    /// write checked before anything changes; then the containers on the path and the string
    /// are moved out, so that unique ones grow in place.
    ConcatPath = "concat_path", Args::Var(C), None, THROWS;
    /// Move a property's value out of an object for an in-place update (the slot is left
    /// uninitialized until the following `set_prop`). Operand 0 is the object; the others are
    /// the write to come: the value, then the keys of its path (an uninit last key appends). The
    /// write is checked first, so that one that fails leaves the property as it was.
    TakeProp = "take_prop", Args::Var(B), Name, THROWS;
    /// `unset($c[$k])`.
    IndexUnset = "index_unset", Args::Fixed(&[C, B]), None, THROWS;
    /// `count($c)`.
    Count = "count", B1, None, THROWS;
    /// First iteration position of a container (for `foreach`).
    IterFirst = "iter_first", B1, None, THROWS;
    /// Next iteration position.
    IterNext = "iter_next", BB, None, PURE;
    /// True when the position is past the end.
    IterDone = "iter_done", BB, None, PURE;
    /// Key at a position.
    IterKey = "iter_key", BB, None, PURE;
    /// Value at a position.
    IterValue = "iter_value", BB, None, PURE;

    /// A closure of function `fnN` over the captured operands (passed as its first parameters).
    MakeClosure = "make_closure", Args::Var(C), Func, 0;
    /// `echo`.
    Echo = "echo", B1, None, THROWS | NO_RESULT;
    /// `__hhvm_intrinsics\launder_value`: the identity, opaque to the optimizer.
    Launder = "launder", C1, None, 0;
    /// Reference-count increment (inserted by the refcount pass).
    IncRef = "incref", B1, None, NO_RESULT;
    /// Reference-count decrement (inserted by the refcount pass).
    DecRef = "decref", C1, None, NO_RESULT;

    /// Unconditional jump.
    Jump = "jump", NONE, None, TERM | NO_RESULT;
    /// Two-way branch on a bool.
    Branch = "branch", B1, None, TERM | NO_RESULT;
    /// Multi-way branch on an int: the last destination is the default.
    Switch = "switch", B1, Switch, TERM | NO_RESULT;
    /// Multi-way branch on a string by its bytes: destination i is taken for label i, the last
    /// destination is the default (also for an operand that is not a string).
    SwitchStr = "switch_str", B1, SwitchStr, TERM | NO_RESULT;
    /// Return from the function.
    Return = "return", C1, None, TERM | NO_RESULT;
    /// Throw a Hack exception object.
    Throw = "throw", C1, None, TERM | THROWS | NO_RESULT;
    /// `exit(code)`: ends the request; runs no `finally`.
    Exit = "exit", B1, None, TERM | NO_RESULT;
    /// Control never reaches here.
    Unreachable = "unreachable", NONE, None, TERM | NO_RESULT;
}

impl Opcode {
    /// True for `jump`, `branch`, `switch`, `return`, `throw`, `exit`, `unreachable`.
    pub fn is_terminator(self) -> bool {
        self.flags() & TERM != 0
    }
    /// True when the instruction may throw (and so may carry a catch destination).
    pub fn can_throw(self) -> bool {
        self.flags() & THROWS != 0
    }
    /// True when the instruction defines a result.
    pub fn has_result(self) -> bool {
        self.flags() & NO_RESULT == 0
    }
    /// True when the instruction is removable if its result is unused.
    pub fn is_pure(self) -> bool {
        self.flags() & PURE != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_roundtrip() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_name(op.name()), Some(op));
        }
    }
}
