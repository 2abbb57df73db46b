//! Type inference: a fixpoint over block parameters from declared and enforced types and constants.
//!
//! Every result type is a function of the opcode, the operand types and the immediate
//! ([`result_type`]); block parameters get the join of their incoming arguments. Entry parameters
//! are `Cell` (a missing argument is `Uninit`): `verify_type` narrows them. Iteration follows the
//! layout order until no type changes; types only grow, so it terminates.

use crate::analysis::cfg::Cfg;
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
    /// The names of every class's private instance properties (`C::x`): an access by a scoped
    /// name that is none of these reaches the property of the plain name.
    pub private_props: std::collections::HashSet<Box<str>>,
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
        let private_props = m
            .classes
            .iter()
            .flat_map(|c| &c.props)
            .filter(|p| crate::private_parts(&p.name).is_some())
            .map(|p| p.name.clone())
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
            private_props,
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
        let props = self.props.get(c.index())?;
        match crate::private_parts(name) {
            // Scoped by the accessing class, not one's private property: the plain name's.
            Some((_, plain)) if !self.private_props.contains(name) => props.get(plain).copied(),
            _ => props.get(name).copied(),
        }
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
        Incr if a.is(Type::INT.nullable()) => Type::INT,
        Incr if !a.is(Type::NUM) && a.maybe(Type::STR) => {
            // A string becomes a number or a new, counted string ("a9" -> "b0"): never the
            // static string it was (typed so, the new string went uncounted into containers
            // and was freed while they held it).
            a.join(Type::NUM).join(Type::CSTR).meet(Type::INIT_CELL)
        }
        Incr | Decr if !a.is(Type::NUM) => {
            // Null becomes 1 or stays null, bools stay, strings become numbers or stay as
            // they are (`--` on a non-numeric string returns it).
            a.join(Type::NUM).meet(Type::INIT_CELL)
        }
        Neg | Plus | Incr | Decr => {
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
        Append | IndexSet | IndexUnset | SetPath | ConcatPath => {
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
        GetConst | CallValue | CallMethod | CallStatic | GetStatic | TakeStatic | ClassConst
        | IndexGet | IndexGetQuiet | GetPropQuiet | IterValue => Type::INIT_CELL,
        SetProp | SetStatic | Echo | IncRef | DecRef | Jump | Branch | Switch | SwitchStr
        | Return | Throw | Exit | Unreachable => Type::BOTTOM,
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
    let start = f
        .dfg
        .values
        .iter()
        .map(|d| match d.def {
            ValueDef::Param(b, 0) if b == entry && this_param.is_some() => {
                Type::object(this.expect("checked"), false)
            }
            ValueDef::Param(b, _) if b == entry => Type::CELL,
            _ => Type::BOTTOM,
        })
        .collect();
    let tys = least_fixpoint(f, oracle, start);
    for (d, t) in f.dfg.values.iter_mut().zip(tys) {
        d.ty = t;
    }
}

/// A solution, from `tys` (bottom but for the entry parameters), of: every result has
/// the type of its instruction ([`result_type`]), every block parameter the join of what its
/// incoming edges pass (a catch edge's first parameter also `Obj`). Iteration visits the blocks
/// in reverse postorder (then the unreachable ones) until no type changes; types only grow, so it
/// terminates, and in that order a type crosses every forward edge in one round: the rounds
/// follow the loops' nesting, not the length of the code (in layout order, a chain of 2,000 `??`
/// took a round per operand, whose join blocks the layout puts outermost first). It is the least
/// only where [`result_type`] is monotone; on an operand still at bottom it is not (`add` of
/// bottom and `Int` gives `Num`), so an order that reaches operands first finds a smaller one.
fn least_fixpoint(f: &Function, oracle: &dyn Oracle, mut tys: Vec<Type>) -> Vec<Type> {
    let cfg = Cfg::compute(f);
    let mut order = cfg.rpo().to_vec();
    order.extend(f.layout.order.iter().filter(|&&b| !cfg.is_reachable(b)));
    let mut changed = true;
    let mut arg_tys = Vec::new();
    while changed {
        changed = false;
        for &block in &order {
            for &inst in f.layout.block_insts(block) {
                let d = &f.dfg.insts[inst.index()];
                if let Some(r) = d.result {
                    arg_tys.clear();
                    arg_tys.extend(d.args.iter().map(|a| tys[a.index()]));
                    let t = result_type(d.op, &arg_tys, &d.imm, oracle);
                    if tys[r.index()] != t {
                        tys[r.index()] = t;
                        changed = true;
                    }
                }
                let catch = !d.op.is_terminator() && d.dests.len() == 2;
                for (di, bc) in d.dests.iter().enumerate() {
                    let params = &f.dfg.blocks[bc.block.index()];
                    let skip = usize::from(catch && di == 1);
                    if skip == 1 {
                        changed |= widen(&mut tys[params[0].index()], Type::OBJ);
                    }
                    for (i, a) in bc.args.iter().enumerate() {
                        if let Some(&p) = params.get(i + skip) {
                            let with = tys[a.index()];
                            changed |= widen(&mut tys[p.index()], with);
                        }
                    }
                }
            }
        }
    }
    tys
}

/// Infer the types of every function of `m`.
pub fn infer_module(m: &mut Module, builtins: impl Fn(&str) -> Type) {
    let oracle = ModuleOracle::new(m, builtins);
    for (i, f) in m.funcs.iter_mut().enumerate() {
        infer_function_with(f, &oracle, oracle.this_class[i]);
    }
}

/// Joins `with` into `t`; whether `t` changed.
fn widen(t: &mut Type, with: Type) -> bool {
    let j = t.join(with);
    let changed = j != *t;
    *t = j;
    changed
}

/// Narrow the types of `f` after a transformation that only narrowed some values (an optimizer
/// inserted guards and substituted their narrowed results, or inlined a callee): inference
/// again, from bottom, with the entry parameters keeping their types. The least solution, not a
/// descent from the current types: a loop variable that a guard narrowed before the loop, and
/// that the loop updates from itself (`$j = $k; ... $j--`), is narrowed too, which a descent
/// cannot do (the old type of the loop parameter justifies itself around the back edge). Each
/// value keeps the meet of its old and new type; one found unreachable keeps its old type.
pub fn refine_function(f: &mut Function, oracle: &dyn Oracle) {
    let entry = f.entry();
    let start = f
        .dfg
        .values
        .iter()
        .map(|d| match d.def {
            ValueDef::Param(b, _) if b == entry => d.ty,
            _ => Type::BOTTOM,
        })
        .collect();
    let tys = least_fixpoint(f, oracle, start);
    for (d, t) in f.dfg.values.iter_mut().zip(tys) {
        let m = d.ty.meet(t);
        if !m.is_bottom() {
            d.ty = m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_function, Value};

    /// No user functions, no classes; built-ins return anything.
    struct NoCallees;
    impl Oracle for NoCallees {
        fn call_result(&self, _: FuncId) -> Type {
            Type::INIT_CELL
        }
        fn builtin_result(&self, _: &str) -> Type {
            Type::INIT_CELL
        }
    }

    /// `$j = $x; while ($j > 0) { $j = $j - 1; $n++; }` after a guard narrowed `$x` to `Int`
    /// before the loop: the types the baseline inference gave are still written on the values.
    const GUARDED_LOOP: &str = r#"fn0 "f"($x: InitCell "mixed") -> Int "int" enforced {
b0(v0: Cell):
    v1: Int = const_int 0
    v11: Int = guard Int resume_start v0
    jump -> b1(v11, v1)
b1(v2: Cell, v7: Int):
    v3: Int = const_int 0
    v4: Bool = gt v2, v3
    branch v4 -> b2, b3
b2:
    v5: Int = const_int 1
    v6: Num = sub v2, v5
    decref v2
    v8: Int = const_int 1
    v9: Int = add v7, v8
    jump -> b1(v6, v9)
b3:
    decref v2
    v10: Int = verify_type return Int "int" v7
    return v10
}
"#;

    #[test]
    fn refining_narrows_a_loop_variable_updated_from_itself() {
        let mut f = parse_function(GUARDED_LOOP).expect("parses");
        let ty = |f: &Function, v: usize| f.dfg.ty(Value::new(v));
        assert_eq!(ty(&f, 2), Type::CELL);
        assert_eq!(ty(&f, 6), Type::NUM);
        refine_function(&mut f, &NoCallees);
        // The loop parameter gets the guard's `Int` and its update `Int - Int`; a descent from
        // the old types stops at `Num` (the parameter's old type justifies the update's).
        assert_eq!(ty(&f, 2), Type::INT);
        assert_eq!(ty(&f, 6), Type::INT);
        // The entry parameter keeps its type; the guard's operand is still the mixed value.
        assert_eq!(ty(&f, 0), Type::CELL);
        assert_eq!(ty(&f, 11), Type::INT);
    }

    /// `$i = "x0"; while (...) { $i++; }`: `++` on a string makes a new, counted string, so the
    /// loop's variable may be counted. (Typed `Num|SStr` before, it went into containers without
    /// a reference of its own, and was freed while they held it.)
    #[test]
    fn incrementing_a_static_string_gives_a_counted_one() {
        let src = r#"fn0 "f"() -> Null "void" enforced {
b0:
    v0: SStr = const_str "x0"
    jump -> b1(v0)
b1(v1: Cell):
    v2: Cell = incr v1
    jump -> b1(v2)
}
"#;
        let mut f = parse_function(src).expect("parses");
        infer_function(&mut f, &NoCallees);
        let ty = |v: usize| f.dfg.ty(Value::new(v));
        assert!(ty(2).maybe(Type::CSTR), "{}", ty(2));
        assert!(ty(1).maybe_counted(), "{}", ty(1));
        // `--` gives a non-numeric string back as it is: static stays static.
        let src = src.replace("incr v1", "decr v1");
        let mut f = parse_function(&src).expect("parses");
        infer_function(&mut f, &NoCallees);
        assert!(!f.dfg.ty(Value::new(2)).maybe_counted());
    }

    #[test]
    fn refining_never_widens() {
        // Without the guard, inference from scratch gives the loop what it had.
        let src = GUARDED_LOOP.replace("jump -> b1(v11, v1)", "jump -> b1(v0, v1)");
        let mut f = parse_function(&src).expect("parses");
        // An old type narrower than what inference finds is kept (something proved more).
        f.dfg.values[6].ty = Type::FLOAT;
        refine_function(&mut f, &NoCallees);
        let ty = |v: usize| f.dfg.ty(Value::new(v));
        assert_eq!(ty(2), Type::CELL);
        assert_eq!(ty(6), Type::FLOAT);
        assert_eq!(ty(9), Type::INT);
    }
}
