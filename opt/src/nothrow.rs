//! Which functions can never leave a Hack exception pending (DESIGN.md: "functions proven not to
//! throw skip the test"): a fixpoint over the call graph, optimistic for recursion.
//!
//! A function is nothrow when every instruction of its baseline IR is: an instruction without
//! the `THROWS` flag (except `exit` and `unreachable`); int or float arithmetic and comparisons
//! the lowering does inline (wrapping, no helper); a type check the static types prove, or a
//! typed parameter's check that the typed entry skips; a direct call of a nothrow function with
//! exactly its parameters, each proven to have the parameter's checked type. Fatals (stack
//! overflow, limits) are not exceptions: they unwind as panics. A guard's deopt runs the same
//! baseline code in the interpreter, so it raises nothing either. Callers skip the pending test
//! only on their typed fast path; the interpreter path keeps it.

use jsvm_ir::{Function, Imm, InstData, Module, Opcode, Type, VerifyKind};

/// `nothrow[f]` for every function of `m`. `skipped(f)` gives the parameter checks (instruction
/// ids) that `f`'s typed entry skips because callers did them, or `None` when `f` has no typed
/// entry (then it is not nothrow).
pub fn nothrow(m: &Module, skipped: &dyn Fn(usize) -> Option<Vec<u32>>) -> Vec<bool> {
    let skipped: Vec<Option<Vec<u32>>> = (0..m.funcs.len()).map(skipped).collect();
    let mut ok: Vec<bool> = m
        .funcs
        .iter()
        .zip(&skipped)
        .map(|(f, s)| !f.attrs.memoize && s.is_some() && !f.params.iter().any(|p| p.variadic))
        .collect();
    loop {
        let mut changed = false;
        for (i, f) in m.funcs.iter().enumerate() {
            let sk = skipped[i].as_deref().unwrap_or(&[]);
            if ok[i] && !body_nothrow(m, f, sk, &ok) {
                ok[i] = false;
                changed = true;
            }
        }
        if !changed {
            return ok;
        }
    }
}

fn body_nothrow(m: &Module, f: &Function, skipped: &[u32], ok: &[bool]) -> bool {
    f.layout.order.iter().all(|&b| {
        f.layout
            .block_insts(b)
            .iter()
            .all(|&i| skipped.contains(&i.0) || inst_nothrow(m, f, &f.dfg.insts[i.index()], ok))
    })
}

fn inst_nothrow(m: &Module, f: &Function, d: &InstData, ok: &[bool]) -> bool {
    use Opcode as O;
    if matches!(d.op, O::Exit | O::Unreachable) {
        return false;
    }
    if !d.op.can_throw() {
        return true;
    }
    let ty = |k: usize| d.args.get(k).map_or(Type::CELL, |&v| f.dfg.ty(v));
    let both = |t: Type| d.args.len() == 2 && ty(0).is(t) && ty(1).is(t);
    let scalar = Type::NUM.join(Type::STR).join(Type::BOOL).join(Type::NULL);
    match d.op {
        // Numbers (ints, floats, or one of each) never raise in arithmetic or comparisons.
        O::Add | O::Sub | O::Mul | O::Lt | O::Le | O::Gt | O::Ge | O::Cmp => both(Type::NUM),
        // `==` of scalars and strings converts, never raises.
        O::Eq | O::Neq => both(scalar),
        // Division and remainder by a constant other than 0 and -1.
        O::Div | O::Mod => {
            both(Type::INT) && const_int(f, d.args[1]).is_some_and(|k| k != 0 && k != -1)
        }
        O::BitAnd | O::BitOr | O::BitXor | O::Shl | O::Shr => both(Type::INT),
        O::Neg | O::Plus => ty(0).is(Type::NUM),
        // Only containers and objects refuse `++` and `--`.
        O::Incr | O::Decr => ty(0).is(scalar),
        // Strings of scalars.
        O::Concat | O::ConcatN | O::CastStr => d.args.iter().all(|&a| f.dfg.ty(a).is(scalar)),
        O::CastInt | O::CastFloat => ty(0).is(scalar),
        O::VerifyType => match &d.imm {
            Imm::Verify(_, t, _) => t.class.is_none() && ty(0).subtype_of(*t),
            _ => false,
        },
        O::Call => {
            let Imm::Func(g) = d.imm else { return false };
            ok[g.index()] && args_pass_checks(m, f, d)
        }
        _ => false,
    }
}

/// The value of `v` when an int constant defines it.
fn const_int(f: &Function, v: jsvm_ir::Value) -> Option<i64> {
    let jsvm_ir::ValueDef::Result(i) = f.dfg.values[v.index()].def else {
        return None;
    };
    let d = &f.dfg.insts[i.index()];
    match d.imm {
        Imm::Int(k) if d.op == Opcode::ConstInt => Some(k),
        _ => None,
    }
}

/// True when call `d` (in `f`) passes exactly the callee's parameters and the static types of
/// its arguments prove every parameter check of the callee's entry block.
pub fn args_pass_checks(m: &Module, f: &Function, d: &InstData) -> bool {
    let Imm::Func(g) = d.imm else { return false };
    let callee = m.func(g);
    let hidden = callee.attrs.captures as usize;
    if d.op != Opcode::Call || d.args.len() != hidden + callee.params.len() {
        return false;
    }
    let entry = callee.entry();
    let params = callee.dfg.block_params(entry);
    callee.layout.block_insts(entry).iter().all(|i| {
        let c = &callee.dfg.insts[i.index()];
        match &c.imm {
            Imm::Verify(VerifyKind::Param(_), t, _) if c.op == Opcode::VerifyType => params
                .iter()
                .position(|p| Some(p) == c.args.first())
                .is_some_and(|k| t.class.is_none() && f.dfg.ty(d.args[k]).subtype_of(*t)),
            _ => true,
        }
    })
}
