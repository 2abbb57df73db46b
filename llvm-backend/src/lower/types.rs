//! Value representations: how an IR type is held in LLVM (unboxed i64/f64/i1 when the type proves
//! it, else a boxed `TypedValue` as a payload + tag pair) and the typed-entry signature of a function.

use jsvm_ir::{Function, Imm, Opcode, Type, VerifyKind};

/// How one IR value is held in LLVM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// An `int`: `i64`.
    Int,
    /// A `float`: `double`.
    Float,
    /// A `bool`: `i1` in SSA, `i8` in signatures.
    Bool,
    /// Anything else: `TypedValue` as two SSA values, payload `i64` and tag `i8`.
    Boxed,
}

impl Repr {
    /// The representation of values of type `ty`.
    pub fn of(ty: Type) -> Repr {
        if ty.is(Type::INT) {
            Repr::Int
        } else if ty.is(Type::FLOAT) {
            Repr::Float
        } else if ty.is(Type::BOOL) {
            Repr::Bool
        } else {
            Repr::Boxed
        }
    }

    /// The `TypedValue` tag of an unboxed representation.
    pub fn tag(self) -> Option<u8> {
        match self {
            Repr::Int => Some(3),
            Repr::Float => Some(4),
            Repr::Bool => Some(2),
            Repr::Boxed => None,
        }
    }

    /// The lattice type an unboxed representation stands for.
    pub fn ty(self) -> Type {
        match self {
            Repr::Int => Type::INT,
            Repr::Float => Type::FLOAT,
            Repr::Bool => Type::BOOL,
            Repr::Boxed => Type::CELL,
        }
    }
}

/// The typed entry's signature: `ret f(ctx, hidden..., params...)` with every declared parameter present
/// (a missing one with a default arrives as `Uninit`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sig {
    /// Representation of each parameter.
    pub params: Vec<Repr>,
    /// For a typed parameter, the `verify_type` instruction index the typed entry skips (the
    /// generic entry or the caller did the check).
    pub verified: Vec<Option<u32>>,
    /// Representation of the result.
    pub ret: Repr,
    /// Arguments every call passes: the hidden ones plus the parameters without a default.
    pub required: u32,
    /// Hidden leading parameters (closure captures, `$this`, the late-static-bound class);
    /// always boxed, never checked.
    pub hidden: u32,
    /// The last parameter is variadic: the typed entry takes it as one (boxed) vec of the
    /// arguments past the others, which the generic entry packs; callers go through it.
    pub variadic: bool,
}

/// The typed signature of `f`, or why it has none (then callers always use the interpreter path).
///
/// A parameter is unboxed when its hint is enforced, has no default, its type is exactly `int`,
/// `float` or `bool`, and its only use is the entry block's `verify_type param i`. The result is
/// unboxed when the declared return type is enforced and exactly one of those.
pub fn signature(f: &Function) -> Result<Sig, String> {
    let entry = f.entry();
    let eparams = f.dfg.block_params(entry);
    let hidden = f.attrs.captures as usize;
    if eparams.len() != hidden + f.params.len() {
        return Err("entry parameters do not match the declaration".into());
    }
    let variadic = f.params.last().is_some_and(|p| p.variadic);
    let entry_targeted = f.layout.order.iter().any(|&b| {
        f.terminator(b).is_some_and(|t| {
            f.dfg.insts[t.index()]
                .dests
                .iter()
                .any(|d| d.block == entry)
        })
    });
    let mut uses = vec![0u32; f.dfg.values.len()];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            for v in f.dfg.uses(i) {
                uses[v.index()] += 1;
            }
        }
    }
    let mut params = vec![Repr::Boxed; hidden];
    let mut verified = vec![None; hidden];
    for (i, p) in f.params.iter().enumerate() {
        let r = Repr::of(p.hint.ty);
        let v = eparams[hidden + i];
        let check = f.layout.block_insts(entry).iter().find(|&&ins| {
            let d = &f.dfg.insts[ins.index()];
            d.op == Opcode::VerifyType
                && d.args.first() == Some(&v)
                && matches!(d.imm, Imm::Verify(VerifyKind::Param(k), t, _) if k as usize == i && Repr::of(t) == r)
                && d.dests.is_empty()
                && d.result.is_some_and(|res| Repr::of(f.dfg.ty(res)) == r)
        });
        let typed = r != Repr::Boxed
            && !p.variadic
            && p.hint.enforced
            && !p.has_default
            && !entry_targeted
            && uses[v.index()] == 1
            && check.is_some();
        if typed {
            params.push(r);
            verified.push(check.map(|i| i.0));
        } else {
            params.push(Repr::Boxed);
            verified.push(None);
        }
    }
    let ret = if f.ret.enforced {
        Repr::of(f.ret.ty)
    } else {
        Repr::Boxed
    };
    let required = hidden as u32
        + f.params
            .iter()
            .filter(|p| !p.has_default && !p.variadic)
            .count() as u32;
    Ok(Sig {
        params,
        verified,
        ret,
        required,
        hidden: hidden as u32,
        variadic,
    })
}
