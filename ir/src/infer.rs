//! Type inference: a fixpoint over block parameters from declared and enforced types and constants.
//!
//! Every result type is a function of the opcode, the operand types and the immediate
//! ([`result_type`]); block parameters get the join of their incoming arguments. Entry parameters
//! are `Cell` (a missing argument is `Uninit`): `verify_type` narrows them. Iteration follows the
//! layout order until no type changes; types only grow, so it terminates.

use crate::dfg::{Imm, ValueDef};
use crate::entities::{ClassId, FuncId};
use crate::function::Function;
use crate::module::Module;
use crate::opcodes::Opcode;
use crate::types::Type;
use std::collections::HashMap;

/// What inference needs to know about callees and built-ins.
pub trait Oracle {
    /// The type a call of user function `f` returns.
    fn call_result(&self, f: FuncId) -> Type;
    /// The type built-in `name` returns.
    fn builtin_result(&self, name: &str) -> Type;
    /// The declared, enforced type of property `name` of instances of class `c` (writes are
    /// checked, so reads have this type).
    fn prop_type(&self, _c: ClassId, _name: &str) -> Option<Type> {
        None
    }
    /// The class named `name`.
    fn class_named(&self, _name: &str) -> Option<ClassId> {
        None
    }
}

/// Return types from declared, enforced return hints, property types from class declarations,
/// and a function for built-ins.
pub struct ModuleOracle<F: Fn(&str) -> Type> {
    /// The return type of each function, by `FuncId`.
    pub returns: Vec<Type>,
    /// Enforced instance property types per class, inherited ones included.
    pub props: Vec<HashMap<Box<str>, Type>>,
    /// Class ids by lowercase name.
    pub class_ids: HashMap<String, ClassId>,
    /// For instance methods: the class whose `$this` the hidden first parameter is.
    pub this_class: Vec<Option<ClassId>>,
    /// Built-in return types.
    pub builtins: F,
}

impl<F: Fn(&str) -> Type> ModuleOracle<F> {
    /// The oracle for the functions of `m`.
    pub fn new(m: &Module, builtins: F) -> Self {
        let returns = m
            .funcs
            .iter()
            .map(|f| {
                if f.ret.enforced {
                    f.ret.ty
                } else {
                    Type::INIT_CELL
                }
            })
            .collect();
        let class_ids: HashMap<String, ClassId> = m
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.to_ascii_lowercase(), ClassId::new(i)))
            .collect();
        let props = (0..m.classes.len())
            .map(|i| {
                // Walk up the parents; a class's own declaration wins.
                let mut map = HashMap::new();
                let mut cur = Some(i);
                let mut guard = 0;
                while let (Some(ci), true) = (cur, guard < 1000) {
                    let c = &m.classes[ci];
                    for p in c.props.iter().filter(|p| !p.is_static && p.hint.enforced) {
                        map.entry(p.name.clone()).or_insert(p.hint.ty);
                    }
                    cur = c
                        .parent
                        .as_deref()
                        .and_then(|n| class_ids.get(&n.to_ascii_lowercase()))
                        .map(|c| c.index());
                    guard += 1;
                }
                map
            })
            .collect();
        let mut this_class = vec![None; m.funcs.len()];
        for (ci, c) in m.classes.iter().enumerate() {
            for f in c.methods.iter().filter_map(|(_, f)| *f) {
                if !m.funcs[f.index()].attrs.is_static {
                    this_class[f.index()] = Some(ClassId::new(ci));
                }
            }
        }
        ModuleOracle {
            returns,
            builtins,
            props,
            class_ids,
            this_class,
        }
    }
}

impl<F: Fn(&str) -> Type> Oracle for ModuleOracle<F> {
    fn call_result(&self, f: FuncId) -> Type {
        self.returns
            .get(f.index())
            .copied()
            .unwrap_or(Type::INIT_CELL)
    }
    fn builtin_result(&self, name: &str) -> Type {
        (self.builtins)(name)
    }
    fn prop_type(&self, c: ClassId, name: &str) -> Option<Type> {
        self.props.get(c.index())?.get(name).copied()
    }
    fn class_named(&self, name: &str) -> Option<ClassId> {
        self.class_ids.get(&name.to_ascii_lowercase()).copied()
    }
}

fn arith(a: Type, b: Type) -> Type {
    if a.is(Type::INT) && b.is(Type::INT) {
        Type::INT
    } else if (a.is(Type::FLOAT) && b.is(Type::NUM)) || (b.is(Type::FLOAT) && a.is(Type::NUM)) {
        Type::FLOAT
    } else {
        Type::NUM
    }
}

/// The result type of an instruction with opcode `op`, operand types `args` and immediate `imm`.
pub fn result_type(op: Opcode, args: &[Type], imm: &Imm, oracle: &dyn Oracle) -> Type {
    use Opcode::*;
    let a = args.first().copied().unwrap_or(Type::CELL);
    let b = args.get(1).copied().unwrap_or(Type::CELL);
    match op {
        ConstNull => Type::NULL,
        ConstBool => Type::BOOL,
        ConstInt => Type::INT,
        ConstFloat => Type::FLOAT,
        ConstStr => Type::SSTR,
        ConstUninit => Type::UNINIT,
        Add | Sub | Mul => arith(a, b),
        Div | Pow => {
            if a.is(Type::FLOAT) && b.is(Type::NUM) || b.is(Type::FLOAT) && a.is(Type::NUM) {
                Type::FLOAT
            } else {
                Type::NUM
            }
        }
        Mod | Cmp | CastInt | Count | IterFirst | IterNext => Type::INT,
        BitAnd | BitOr | BitXor | BitNot => {
            if a.maybe(Type::STR) && (op == BitNot || b.maybe(Type::STR)) {
                Type::INT.join(Type::STR)
            } else {
                Type::INT
            }
        }
        Shl | Shr => Type::INT,
        Concat | ConcatN | ConcatTo | CastStr => Type::STR,
        Eq | Neq | Same | NSame | Lt | Le | Gt | Ge | Not | ToBool | IsType | IndexIsset
        | IterDone => Type::BOOL,
        Neg | Plus => {
            if a.is(Type::INT) {
                Type::INT
            } else if a.is(Type::FLOAT) {
                Type::FLOAT
            } else {
                Type::NUM
            }
        }
        CastFloat => Type::FLOAT,
        VerifyType => match imm {
            Imm::Verify(_, t, _) => {
                let m = a.meet(*t);
                if m.is_bottom() {
                    *t
                } else {
                    m
                }
            }
            _ => Type::CELL,
        },
        Guard => match imm {
            Imm::Guard(t, _) => {
                let m = a.meet(*t);
                if m.is_bottom() {
                    *t
                } else {
                    m
                }
            }
            _ => Type::CELL,
        },
        Call | CallSpread => match imm {
            Imm::Func(f) => oracle.call_result(*f),
            _ => Type::INIT_CELL,
        },
        CallBuiltin => match imm {
            Imm::Name(n) => oracle.builtin_result(n),
            _ => Type::INIT_CELL,
        },
        NewVec => Type::VEC,
        NewDict => Type::DICT,
        NewKeyset => Type::KEYSET,
        Append | IndexSet | IndexUnset | SetPath => {
            let c = a.meet(Type::VEC.join(Type::DICT).join(Type::KEYSET));
            if c.is_bottom() {
                Type::VEC.join(Type::DICT).join(Type::KEYSET)
            } else {
                c
            }
        }
        IterKey => Type::ARRAY_KEY,
        MakeClosure => Type::FUNC,
        NewObj => match imm {
            Imm::Class(n) => oracle
                .class_named(n)
                .map_or(Type::OBJ, |c| Type::object(c, true)),
            _ => Type::OBJ,
        },
        Launder => a,
        GetProp | TakeProp => match (a.class, imm) {
            (Some((c, _)), Imm::Name(n)) if !a.maybe(Type::NULL.join(Type::UNINIT)) => {
                oracle.prop_type(c, n).unwrap_or(Type::INIT_CELL)
            }
            _ => Type::INIT_CELL,
        },
        GetConst | CallValue | CallMethod | CallStatic | GetStatic | ClassConst | IndexGet
        | IndexGetQuiet | IterValue => Type::INIT_CELL,
        SetProp | SetStatic | Echo | IncRef | DecRef | Jump | Branch | Switch | Return | Throw
        | Exit | Unreachable => Type::BOTTOM,
    }
}

/// Infer the types of every value of `f`, in place.
pub fn infer_function(f: &mut Function, oracle: &dyn Oracle) {
    infer_function_with(f, oracle, None)
}

/// [`infer_function`] for a method whose hidden first parameter is `$this` of class `this`.
pub fn infer_function_with(f: &mut Function, oracle: &dyn Oracle, this: Option<ClassId>) {
    let entry = f.entry();
    let this_param = this.and_then(|_| f.dfg.block_params(entry).first().copied());
    // Start from bottom everywhere but the entry parameters.
    for v in 0..f.dfg.values.len() {
        let d = &mut f.dfg.values[v];
        d.ty = match d.def {
            ValueDef::Param(b, 0) if b == entry && this_param.is_some() => {
                Type::object(this.expect("checked"), false)
            }
            ValueDef::Param(b, _) if b == entry => Type::CELL,
            _ => Type::BOTTOM,
        };
    }
    let mut changed = true;
    let mut rounds = 0;
    while changed {
        changed = false;
        rounds += 1;
        debug_assert!(rounds < 1000, "type inference does not converge");
        for bi in 0..f.layout.order.len() {
            let block = f.layout.order[bi];
            for &inst in f.layout.block_insts(block) {
                let d = &f.dfg.insts[inst.index()];
                let arg_tys: Vec<Type> = d.args.iter().map(|a| f.dfg.ty(*a)).collect();
                if let Some(r) = d.result {
                    let t = result_type(d.op, &arg_tys, &d.imm, oracle);
                    let old = f.dfg.values[r.index()].ty;
                    if old != t {
                        f.dfg.values[r.index()].ty = t;
                        changed = true;
                    }
                }
                let catch = !d.op.is_terminator() && d.dests.len() == 2;
                for (di, bc) in d.dests.iter().enumerate() {
                    let params = &f.dfg.blocks[bc.block.index()];
                    let skip = usize::from(catch && di == 1);
                    if skip == 1 {
                        let p = params[0];
                        let t = f.dfg.values[p.index()].ty.join(Type::OBJ);
                        if t != f.dfg.values[p.index()].ty {
                            f.dfg.values[p.index()].ty = t;
                            changed = true;
                        }
                    }
                    for (i, a) in bc.args.iter().enumerate() {
                        let Some(&p) = params.get(i + skip) else {
                            continue;
                        };
                        let t = f.dfg.values[p.index()].ty.join(f.dfg.values[a.index()].ty);
                        if t != f.dfg.values[p.index()].ty {
                            f.dfg.values[p.index()].ty = t;
                            changed = true;
                        }
                    }
                }
            }
        }
    }
}

/// Infer the types of every function of `m`.
pub fn infer_module(m: &mut Module, builtins: impl Fn(&str) -> Type) {
    let oracle = ModuleOracle::new(m, builtins);
    for (i, f) in m.funcs.iter_mut().enumerate() {
        infer_function_with(f, &oracle, oracle.this_class[i]);
    }
}

/// Narrow the types of `f` after a transformation that only narrowed some values (an optimizer
/// inserted guards and substituted their narrowed results): a descending iteration from the
/// current types, which are a sound starting point, so every step stays sound. Entry parameters
/// keep their types.
pub fn refine_function(f: &mut Function, oracle: &dyn Oracle) {
    let entry = f.entry();
    let nv = f.dfg.values.len();
    for _round in 0..64 {
        let mut changed = false;
        // Block parameters: the join of what every edge passes.
        let mut incoming = vec![Type::BOTTOM; nv];
        for &block in &f.layout.order {
            for &inst in f.layout.block_insts(block) {
                let d = &f.dfg.insts[inst.index()];
                let catch = !d.op.is_terminator() && d.dests.len() == 2;
                for (di, bc) in d.dests.iter().enumerate() {
                    let params = &f.dfg.blocks[bc.block.index()];
                    let skip = usize::from(catch && di == 1);
                    if skip == 1 {
                        let p = params[0].index();
                        incoming[p] = incoming[p].join(Type::OBJ);
                    }
                    for (i, a) in bc.args.iter().enumerate() {
                        if let Some(&p) = params.get(i + skip) {
                            incoming[p.index()] = incoming[p.index()].join(f.dfg.ty(*a));
                        }
                    }
                }
            }
        }
        for &block in &f.layout.order.clone() {
            if block == entry {
                continue;
            }
            for p in f.dfg.blocks[block.index()].clone() {
                let old = f.dfg.values[p.index()].ty;
                let t = old.meet(incoming[p.index()]);
                if t != old && !t.is_bottom() {
                    f.dfg.values[p.index()].ty = t;
                    changed = true;
                }
            }
        }
        for bi in 0..f.layout.order.len() {
            let block = f.layout.order[bi];
            for &inst in f.layout.block_insts(block) {
                let d = &f.dfg.insts[inst.index()];
                let Some(r) = d.result else { continue };
                let arg_tys: Vec<Type> = d.args.iter().map(|a| f.dfg.ty(*a)).collect();
                let old = f.dfg.values[r.index()].ty;
                let t = old.meet(result_type(d.op, &arg_tys, &d.imm, oracle));
                if t != old && !t.is_bottom() {
                    f.dfg.values[r.index()].ty = t;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}
