//! The register bytecode: one op per IR instruction, operands are frame slots, block-argument
//! moves already resolved, compare-and-branch fused, typed ops where inference proved the types.
//!
//! Every op is at most 16 bytes (asserted). Branch targets are op indexes in the function's code.

use jsvm_ir::{Opcode, Type, VerifyKind};

/// A frame slot index.
pub type Slot = u32;

/// Generic binary operations (with an inline int/float path and a cold helper).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Bin {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `.`
    Concat,
    /// `<=>`
    Cmp,
}

/// Comparisons (generic or typed; fused with branches).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Neq,
    /// `===`
    Same,
    /// `!==`
    NSame,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Unary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Un {
    /// `-`
    Neg,
    /// `+`
    Plus,
    /// `++`
    Incr,
    /// `--`
    Decr,
    /// `!` (of a bool)
    Not,
    /// `~`
    BitNot,
    /// truthiness
    ToBool,
    /// `(int)`
    CastInt,
    /// `(float)`
    CastFloat,
    /// `(string)`
    CastStr,
    /// the identity (`launder_value`)
    Launder,
}

impl Bin {
    /// The generic op for an IR opcode.
    pub fn from_opcode(op: Opcode) -> Option<Bin> {
        Some(match op {
            Opcode::Add => Bin::Add,
            Opcode::Sub => Bin::Sub,
            Opcode::Mul => Bin::Mul,
            Opcode::Div => Bin::Div,
            Opcode::Mod => Bin::Mod,
            Opcode::Pow => Bin::Pow,
            Opcode::BitAnd => Bin::BitAnd,
            Opcode::BitOr => Bin::BitOr,
            Opcode::BitXor => Bin::BitXor,
            Opcode::Shl => Bin::Shl,
            Opcode::Shr => Bin::Shr,
            Opcode::Concat => Bin::Concat,
            Opcode::Cmp => Bin::Cmp,
            _ => return None,
        })
    }
}

impl Cmp {
    /// The comparison for an IR opcode.
    pub fn from_opcode(op: Opcode) -> Option<Cmp> {
        Some(match op {
            Opcode::Eq => Cmp::Eq,
            Opcode::Neq => Cmp::Neq,
            Opcode::Same => Cmp::Same,
            Opcode::NSame => Cmp::NSame,
            Opcode::Lt => Cmp::Lt,
            Opcode::Le => Cmp::Le,
            Opcode::Gt => Cmp::Gt,
            Opcode::Ge => Cmp::Ge,
            _ => return None,
        })
    }

    /// Apply to two ints.
    #[inline(always)]
    pub fn ints(self, a: i64, b: i64) -> bool {
        match self {
            Cmp::Eq | Cmp::Same => a == b,
            Cmp::Neq | Cmp::NSame => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }

    /// Apply to two floats.
    #[inline(always)]
    pub fn floats(self, a: f64, b: f64) -> bool {
        match self {
            Cmp::Eq | Cmp::Same => a == b,
            Cmp::Neq | Cmp::NSame => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

/// Container operations with up to two operands (`dst = op(a, b)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Arr {
    /// `$c[] = b` (consumes both).
    Append,
    /// `unset($c[b])` (consumes the container).
    IndexUnset,
    /// Next iteration position after `b`.
    IterNext,
    /// Position `b` is past the end.
    IterDone,
    /// Key at position `b`.
    IterKey,
    /// Value at position `b`.
    IterValue,
    /// First iteration position.
    IterFirst,
    /// `count`.
    Count,
}

/// A type check's data (kept out of line: `VerifyType` ops index this table).
#[derive(Clone, Debug)]
pub struct VerifyInfo {
    /// Why.
    pub kind: VerifyKind,
    /// The type.
    pub ty: Type,
    /// The hint's text for messages.
    pub text: Box<str>,
}

/// One bytecode op.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    /// `dst = consts[k]` (a static value: no reference taken).
    Const { dst: Slot, k: u32 },
    /// `dst = i`.
    Int { dst: Slot, i: i64 },
    /// `dst = src` (block-argument move; ownership moves with it).
    Mov { dst: Slot, src: Slot },
    /// Int arithmetic without tag checks: `+ - * & | ^ << >>` (wrapping, shifts masked).
    IntBin {
        op: Bin,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Int arithmetic with an immediate right operand.
    IntBinImm {
        op: Bin,
        dst: Slot,
        a: Slot,
        imm: i32,
    },
    /// Int comparison with an immediate into a bool.
    IntCmpImm {
        op: Cmp,
        dst: Slot,
        a: Slot,
        imm: i32,
    },
    /// Fused int compare with an immediate and branch: jump when `!(a op imm)`.
    IntCmpImmJmpNot {
        op: Cmp,
        a: Slot,
        imm: i32,
        target: u32,
    },
    /// Float arithmetic without tag checks: `+ - * /` (not by zero: checked).
    FloatBin {
        op: Bin,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Any binary operation on any values.
    Bin {
        op: Bin,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Int comparison into a bool.
    IntCmp {
        op: Cmp,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Float comparison into a bool.
    FloatCmp {
        op: Cmp,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Fused float compare and branch: jump when `!(a op b)`.
    FloatCmpJmpNot {
        op: Cmp,
        a: Slot,
        b: Slot,
        target: u32,
    },
    /// Any comparison into a bool.
    Cmp {
        op: Cmp,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// Unary operation.
    Un { op: Un, dst: Slot, a: Slot },
    /// `a .= b` (consumes `a`; in place when unique).
    ConcatTo { dst: Slot, a: Slot, b: Slot },
    /// `concat_n`: parts are `args[start..start+n]`.
    ConcatN { dst: Slot, start: u32, n: u32 },
    /// `dst = src is ty` (bits of the type lattice; classes are checked through `checks`).
    IsType { dst: Slot, src: Slot, check: u32 },
    /// Enforce `checks[check]` on `src`, then `dst = src`.
    VerifyType { dst: Slot, src: Slot, check: u32 },
    /// `dst = a[b]` (containers and strings).
    IndexGet { dst: Slot, a: Slot, b: Slot },
    /// `dst = a[b]`, or null when missing (`??`).
    IndexGetQuiet { dst: Slot, a: Slot, b: Slot },
    /// `dst = isset(a[b])`.
    IndexIsset { dst: Slot, a: Slot, b: Slot },
    /// Unconditional jump.
    Jmp { target: u32 },
    /// Jump when the bool in `cond` is false.
    JmpIfNot { cond: Slot, target: u32 },
    /// Jump when the bool in `cond` is true.
    JmpIf { cond: Slot, target: u32 },
    /// Fused int compare and branch: jump when `!(a op b)`.
    IntCmpJmpNot {
        op: Cmp,
        a: Slot,
        b: Slot,
        target: u32,
    },
    /// Fused generic compare and branch: jump when `!(a op b)`.
    CmpJmpNot {
        op: Cmp,
        a: Slot,
        b: Slot,
        target: u32,
    },
    /// Multi-way branch on an int: `switches[table]`.
    Switch { src: Slot, table: u32 },
    /// Multi-way branch on a string's bytes: `switches[table]` (its `labels`).
    SwitchStr { src: Slot, table: u32 },
    /// Call user function `func` with the arguments in `args[start..start+n]`; result in `dst`.
    /// `checked`: the caller proved every argument has its parameter's enforced type, so the
    /// callee starts after its parameter checks.
    Call {
        dst: Slot,
        func: u32,
        start: u32,
        n: u16,
        checked: bool,
    },
    /// Call built-in `builtin` (an index into the registry).
    CallBuiltin {
        dst: Slot,
        builtin: u32,
        start: u32,
        n: u16,
    },
    /// Return `src` to the caller.
    Ret { src: Slot },
    /// `echo src`.
    Echo { src: Slot },
    /// Top-level constant `consts[name]` computed by its init function.
    GetConst { dst: Slot, idx: u32 },
    /// Profiling: count the type of the value in `slot` at type site `site`.
    TypeProf { slot: Slot, site: u32 },
    /// Reference-count increment.
    IncRef { src: Slot },
    /// Reference-count decrement.
    DecRef { src: Slot },
    /// Throw the exception object in `src`.
    Throw { src: Slot },
    /// `exit(src)`.
    Exit { src: Slot },
    /// Throw an error that was known when encoding (`errors[idx]`): an unknown function,
    /// an unsupported construct.
    Error { idx: u32 },
    /// Control never reaches here.
    Unreachable,
    /// Container operation.
    Arr {
        op: Arr,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    /// `vec[...]` (kind 0), `dict[...]` (1), `keyset[...]` (2) from `args[start..start+n]` (moved).
    NewArr {
        kind: u8,
        dst: Slot,
        start: u32,
        n: u32,
    },
    /// `$c[$k] = $v` with `args[start..start+3]` = c (consumed), k, v (consumed).
    IndexSet { dst: Slot, start: u32 },
    /// `new C` (class id).
    NewObj { dst: Slot, class: u32 },
    /// `new static`: the class comes from the object or class id in `src`.
    NewObjDyn { dst: Slot, src: Slot },
    /// Nested write: `args[start]` container, keys, `args[start+n-1]` value (all moved).
    SetPath {
        dst: Slot,
        start: u32,
        n: u16,
        append: bool,
    },
    /// `$c[k1]...[kn] .= x`: `args[start]` container (moved), keys, `args[start+n-1]` the
    /// string (all consumed).
    ConcatPath { dst: Slot, start: u32, n: u16 },
    /// Move a property value out (the slot becomes `Uninit` until it is stored back).
    /// `take_prop`: the object is `args[start]`, the write to check the `n - 1` after it.
    TakeProp {
        dst: Slot,
        name: u32,
        start: u32,
        n: u16,
    },
    /// `$o->p`: `names[name]` with an inline cache of (class, slot).
    GetProp { dst: Slot, obj: Slot, name: u32 },
    /// `get_prop_quiet`: null where `GetProp` would throw.
    GetPropQuiet { dst: Slot, o: Slot, name: u32 },
    /// `$o->p = v` (consumes `val`).
    SetProp { obj: Slot, val: Slot, name: u32 },
    /// Static property by program-wide index.
    GetStatic { dst: Slot, idx: u32 },
    /// Store a static property (consumes `src`).
    SetStatic { src: Slot, idx: u32 },
    /// `static::$p`: `members[member]` resolved from the class source in `cls`.
    GetStaticDyn { dst: Slot, cls: Slot, member: u32 },
    /// `take_static`: the value moves out of the static, which holds null until it is set; the
    /// write to check is the `n` operands at `args[start]`.
    TakeStatic {
        dst: Slot,
        idx: u32,
        start: u32,
        n: u16,
    },
    /// `take_static` of `static::$p`: the class source is `args[start]`, the write the `n - 1`
    /// after it.
    TakeStaticDyn {
        dst: Slot,
        member: u32,
        start: u32,
        n: u16,
    },
    /// `static::$p = v`.
    SetStaticDyn { val: Slot, cls: Slot, member: u32 },
    /// Class constant by program-wide index.
    ClassConst { dst: Slot, idx: u32 },
    /// `static::C`.
    ClassConstDyn { dst: Slot, cls: Slot, member: u32 },
    /// `$o->m(...)`: `args[start]` is the receiver; `names[name]` the method (inline-cached).
    CallMethod {
        dst: Slot,
        start: u32,
        n: u16,
        name: u32,
    },
    /// `static::m(...)` or an unresolved `C::m(...)`: `args[start]` is the class source.
    CallStatic {
        dst: Slot,
        start: u32,
        n: u16,
        member: u32,
    },
    /// `$f(...)`: `args[start]` is the callee.
    CallValue { dst: Slot, start: u32, n: u16 },
    /// Call with the last argument (a vec) spread.
    CallSpread {
        dst: Slot,
        func: u32,
        start: u32,
        n: u16,
    },
    /// A closure of `func` over `args[start..start+n]` (moved).
    MakeClosure {
        dst: Slot,
        func: u32,
        start: u32,
        n: u16,
    },
    /// `call_user_func_array($f, $args)`: call callable `a` with the elements of vec `b`.
    CallArray { dst: Slot, a: Slot, b: Slot },
    /// A built-in that calls back into Hack code (index into `array::callback_builtins()`).
    CallCallback {
        dst: Slot,
        idx: u32,
        start: u32,
        n: u16,
    },
}

const _: () = assert!(std::mem::size_of::<Op>() <= 16);
