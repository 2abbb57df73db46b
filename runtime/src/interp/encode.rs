//! Encoding of baseline IR into register bytecode: slot assignment, block-argument moves
//! (parallel-move resolution), compare-and-branch fusion and typed-op selection.
//!
//! Slots: the entry block's parameters take slots `0..n` (the call sequence writes arguments
//! there); every other value has its own slot; one scratch slot breaks move cycles.

pub use super::bytecode::Slot;
use super::bytecode::{Arr, Bin, Cmp, Op, Un, VerifyInfo};
use crate::array;
use crate::builtins;
use crate::error::{ExnClass, RuntimeError};
use crate::object::ClassTable;
use crate::value::TypedValue;
use jsvm_ir::{Block, BlockCall, Function, Imm, Module, Opcode, Type, Value};
use std::sync::atomic::AtomicU64;

/// A multi-way branch table.
#[derive(Clone, Debug)]
pub struct SwitchTable {
    /// Case value and target pc, sorted by value (a string switch: label number and pc).
    pub cases: Vec<(i64, u32)>,
    /// Target pc when no case matches.
    pub default: u32,
    /// A string switch's labels.
    pub labels: Option<crate::switch::StrSwitch>,
}

/// A catch handler: an exception raised by the op at `pc` lands at `target` with the exception in `exn`.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    /// The throwing op.
    pub pc: u32,
    /// Where the handler's code starts.
    pub target: u32,
    /// The slot receiving the exception object.
    pub exn: Slot,
}

/// One function's bytecode and side tables.
#[derive(Debug)]
pub struct BcFunc {
    /// Qualified name, for messages.
    pub name: Box<str>,
    /// The ops.
    pub code: Vec<Op>,
    /// Argument lists of calls and `concat_n` (slots).
    pub args: Vec<Slot>,
    /// Static constants (never counted).
    pub consts: Vec<TypedValue>,
    /// Type checks.
    pub checks: Vec<VerifyInfo>,
    /// Switch tables.
    pub switches: Vec<SwitchTable>,
    /// Errors known at encoding time: class and message.
    pub errors: Vec<(ExnClass, String)>,
    /// Catch handlers, sorted by pc.
    pub handlers: Vec<Handler>,
    /// Frame size in slots.
    pub nslots: u32,
    /// Declared parameters (excluding captures).
    pub nparams: u32,
    /// Parameters without a default (the minimum argument count).
    pub required: u32,
    /// Whether the last parameter is variadic.
    pub variadic: bool,
    /// The pc after the leading parameter checks: where a call whose arguments are proven to
    /// have the parameters' types starts.
    pub checked_entry: u32,
    /// `<<__Memoize>>`: calls are cached per request by argument values.
    pub memoize: bool,
    /// A `<<__Memoize>>` static method's declaring class: its calls run with it as the
    /// late-static-bound class, whichever class they name, and so share one cache (hackc's
    /// memoize wrapper calls the implementation on the declaring class).
    pub memo_class: Option<u32>,
    /// The IR instruction each op was encoded from (`u32::MAX` for moves and pads): how
    /// profile counters, kept by bytecode position, are named symbolically.
    pub pc_inst: Vec<u32>,
    /// Hidden leading parameters (`$this` / the late-static-bound class, closure captures).
    pub hidden: u32,
    /// Property and method names used by `GetProp`/`SetProp`/`CallMethod`.
    pub names: Vec<Box<str>>,
    /// Each name as the program spells it, for messages (`names` holds methods lowercase).
    pub spellings: Vec<Box<str>>,
    /// Inline caches, one per name: `class id << 32 | slot or function` (`u64::MAX` = empty).
    pub caches: Vec<AtomicU64>,
    /// Per name, for a `CallMethod` site's name only: the methods it resolved for the classes
    /// `caches` does not hold (a site that sees several classes).
    pub method_caches: Vec<Option<Box<crate::object::MethodCache>>>,
    /// Class-member references resolved at run time: class name and member name.
    pub members: Vec<(Box<str>, Box<str>)>,
    /// The frame slot of every IR value (`u32::MAX` for none): where a deoptimized frame's
    /// values go.
    pub slots: Vec<Slot>,
    /// The pc where each IR instruction's code starts (for an instruction that emits nothing,
    /// the next op): where a deoptimized frame resumes.
    pub inst_pc: Vec<u32>,
    /// Constants the prologue loads once (hoisted out of loops): a frame resumed past the
    /// prologue gets them from here.
    pub hoisted_consts: Vec<(Slot, TypedValue)>,
    /// The IR value of each type-profiled site (`Op::TypeProf`), by site index.
    pub type_sites: Vec<u32>,
    /// The pc of each block's first op, by IR block index (`u32::MAX` if not encoded).
    pub block_pc: Vec<u32>,
    /// The slots a frame owns when the op at a pc throws and the exception leaves the frame
    /// (`jsvm_ir::rc::owned_at_throws`, by the ops of each instruction): released as it leaves.
    /// Worked out on the first exception that leaves a frame of this function.
    pub owned_at_throws: std::sync::OnceLock<std::collections::HashMap<u32, Vec<Slot>>>,
}

impl BcFunc {
    /// The slots the frame owns when the op at `pc` throws and the exception leaves it (see
    /// [`BcFunc::owned_at_throws`]); `f` is the IR function this was encoded from.
    pub fn owned_at_throw(&self, f: &Function, pc: u32) -> &[Slot] {
        let owned = self.owned_at_throws.get_or_init(|| {
            let by_inst = jsvm_ir::rc::owned_at_throws(f);
            let mut by_pc = std::collections::HashMap::new();
            for (pc, &i) in self.pc_inst.iter().enumerate() {
                if let Some(vs) = by_inst.get(&jsvm_ir::Inst::new(i as usize)) {
                    let slots = vs.iter().map(|v| self.slots[v.index()]).collect();
                    by_pc.insert(pc as u32, slots);
                }
            }
            by_pc
        });
        owned.get(&pc).map_or(&[], Vec::as_slice)
    }

    /// Bytecode positions of the calls whose callee is found at run time (method, static and
    /// callable-value calls): the sites whose callees the profiler records.
    pub fn dynamic_calls(&self) -> Vec<u32> {
        self.code
            .iter()
            .enumerate()
            .filter(|(_, op)| {
                matches!(
                    op,
                    Op::CallMethod { .. }
                        | Op::CallStatic { .. }
                        | Op::CallValue { .. }
                        | Op::CallSpread { .. }
                )
            })
            .map(|(pc, _)| pc as u32)
            .collect()
    }
}

/// True when a value of static type `t` is worth a type histogram: it may hold an unboxable
/// scalar without being known to be one (the optimizer can then speculate on it).
pub fn type_profiled(t: Type) -> bool {
    let scalars = Type::INT.join(Type::FLOAT).join(Type::BOOL);
    t.maybe(scalars) && !t.is(Type::INT) && !t.is(Type::FLOAT) && !t.is(Type::BOOL)
}

/// True when opcode `op` produces a value worth a type histogram (loads and call results).
pub fn type_site_op(op: Opcode) -> bool {
    use Opcode as O;
    matches!(
        op,
        O::Call
            | O::CallSpread
            | O::CallBuiltin
            | O::CallValue
            | O::CallMethod
            | O::CallStatic
            | O::IndexGet
            | O::IndexGetQuiet
            | O::GetProp
            | O::GetStatic
            | O::IterValue
    )
}

/// Marks a side-table target that is still a block index (resolved to a pc at the end).
const BLOCK_MARK: u32 = 0x8000_0000;

struct Enc<'a> {
    m: &'a Module,
    f: &'a Function,
    out: BcFunc,
    slots: Vec<Slot>,
    uses: Vec<u32>,
    scratch: Slot,
    block_pc: Vec<u32>,
    fixups: Vec<(usize, Block)>,
    /// Int constants used only as immediates: not materialized.
    folded: Vec<bool>,
    /// Constants inside loops, loaded once in the function's prologue.
    hoisted: Vec<bool>,
    /// The IR instruction being encoded.
    cur_inst: u32,
    const_idx: &'a dyn Fn(&str) -> Option<u32>,
    classes: &'a ClassTable,
}

/// Encode `f` (a function of `m`); `const_idx` maps a top-level constant's name to its index.
pub fn encode(
    m: &Module,
    f: &Function,
    const_idx: &dyn Fn(&str) -> Option<u32>,
    classes: &ClassTable,
) -> BcFunc {
    let nvals = f.dfg.values.len();
    let mut slots = vec![u32::MAX; nvals];
    let entry = f.entry();
    let mut next = 0u32;
    for &p in f.dfg.block_params(entry) {
        slots[p.index()] = next;
        next += 1;
    }
    // `verify_type`, `launder` and `check_type` results are their operand (the same value,
    // narrowed): they share its slot.
    let mut alias: Vec<Option<Value>> = vec![None; nvals];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            let d = &f.dfg.insts[i.index()];
            if matches!(d.op, Opcode::VerifyType | Opcode::Launder) {
                if let Some(r) = d.result {
                    alias[r.index()] = Some(d.args[0]);
                }
            }
        }
    }
    for v in 0..nvals {
        if slots[v] == u32::MAX && alias[v].is_none() {
            slots[v] = next;
            next += 1;
        }
    }
    for v in 0..nvals {
        let mut root = v;
        let mut steps = 0;
        while let Some(a) = alias[root] {
            root = a.index();
            steps += 1;
            if steps > nvals {
                break;
            }
        }
        if slots[v] == u32::MAX {
            slots[v] = if slots[root] == u32::MAX {
                next
            } else {
                slots[root]
            };
            if slots[v] == next {
                next += 1;
            }
        }
    }
    let scratch = next;
    let mut uses = vec![0u32; nvals];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            for v in f.dfg.uses(i) {
                uses[v.index()] += 1;
            }
        }
    }
    let required = f
        .params
        .iter()
        .filter(|p| !p.has_default && !p.variadic)
        .count() as u32;
    let mut e = Enc {
        m,
        f,
        out: BcFunc {
            name: f.name.clone(),
            code: Vec::new(),
            args: Vec::new(),
            consts: Vec::new(),
            checks: Vec::new(),
            switches: Vec::new(),
            errors: Vec::new(),
            handlers: Vec::new(),
            nslots: scratch + 1,
            nparams: f.params.len() as u32,
            required,
            variadic: f.params.last().is_some_and(|p| p.variadic),
            checked_entry: 0,
            pc_inst: Vec::new(),
            hidden: f.attrs.captures,
            memoize: f.attrs.memoize,
            memo_class: (f.attrs.memoize && f.attrs.is_static && !f.attrs.memoize_lsb)
                .then(|| jsvm_ir::private_parts(&f.name))
                .flatten()
                .and_then(|(class, _)| classes.by_name(class))
                .map(|c| c.id),
            names: Vec::new(),
            spellings: Vec::new(),
            caches: Vec::new(),
            method_caches: Vec::new(),
            members: Vec::new(),
            slots: Vec::new(),
            inst_pc: vec![u32::MAX; f.dfg.insts.len()],
            hoisted_consts: Vec::new(),
            type_sites: Vec::new(),
            block_pc: Vec::new(),
            owned_at_throws: std::sync::OnceLock::new(),
        },
        slots,
        uses,
        scratch,
        block_pc: vec![u32::MAX; f.dfg.blocks.len()],
        fixups: Vec::new(),
        folded: Vec::new(),
        hoisted: Vec::new(),
        cur_inst: u32::MAX,
        const_idx,
        classes,
    };
    let mut imm_uses = vec![0u32; nvals];
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            for (pos, v) in f.dfg.insts[i.index()].args.iter().enumerate() {
                if e.is_imm_operand(i, pos) {
                    imm_uses[v.index()] += 1;
                }
            }
        }
    }
    e.folded = (0..nvals)
        .map(|v| imm_uses[v] > 0 && imm_uses[v] == e.uses[v])
        .collect();
    e.hoisted = vec![false; f.dfg.insts.len()];
    {
        use jsvm_ir::analysis::{cfg::Cfg, domtree::DomTree, loops::Loops};
        let cfg = Cfg::compute(f);
        let dom = DomTree::compute(f, &cfg);
        let loops = Loops::compute(f, &cfg, &dom);
        for &b in &f.layout.order {
            if loops.depth(b) == 0 {
                continue;
            }
            for &i in f.layout.block_insts(b) {
                let d = &f.dfg.insts[i.index()];
                let konst = matches!(
                    d.op,
                    Opcode::ConstFloat
                        | Opcode::ConstBool
                        | Opcode::ConstNull
                        | Opcode::ConstStr
                        | Opcode::ConstInt
                );
                let folded = d.result.is_some_and(|r| e.folded[r.index()]);
                if konst && !folded && d.dests.is_empty() {
                    e.hoisted[i.index()] = true;
                }
            }
        }
    }
    e.run();
    e.out.slots = e.slots.clone();
    e.out.block_pc = e.block_pc.clone();
    let checks = &e.out.checks;
    e.out.checked_entry = e
        .out
        .code
        .iter()
        .take_while(|op| {
            matches!(op, Op::VerifyType { check, .. }
                if matches!(checks[*check as usize].kind, jsvm_ir::VerifyKind::Param(_)))
        })
        .count() as u32;
    e.out
}

impl Enc<'_> {
    fn s(&self, v: Value) -> Slot {
        self.slots[v.index()]
    }

    fn name(&mut self, n: &str) -> u32 {
        self.spelled_name(n, n)
    }

    /// A name looked up as `n` and spelled `spelling` in messages.
    fn spelled_name(&mut self, n: &str, spelling: &str) -> u32 {
        self.out.names.push(n.into());
        self.out.spellings.push(spelling.into());
        self.out.caches.push(AtomicU64::new(u64::MAX));
        self.out.method_caches.push(None);
        (self.out.names.len() - 1) as u32
    }

    fn member(&mut self, c: &str, n: &str) -> u32 {
        self.out.members.push((c.into(), n.into()));
        (self.out.members.len() - 1) as u32
    }

    /// The value of `v` when it is an int constant that fits an immediate.
    fn small_int(&self, v: Value) -> Option<i32> {
        let jsvm_ir::ValueDef::Result(i) = self.f.dfg.values[v.index()].def else {
            return None;
        };
        match self.f.dfg.insts[i.index()].imm {
            Imm::Int(x) if self.f.dfg.insts[i.index()].op == Opcode::ConstInt => {
                i32::try_from(x).ok()
            }
            _ => None,
        }
    }

    /// True when operand `pos` of `inst` is encoded as an immediate (so its constant need not
    /// be materialized in a slot).
    fn is_imm_operand(&self, inst: jsvm_ir::Inst, pos: usize) -> bool {
        let d = &self.f.dfg.insts[inst.index()];
        if pos != 1 || d.args.len() != 2 || d.args[0] == d.args[1] {
            return false;
        }
        let ints = self.f.dfg.ty(d.args[0]).is(Type::INT) && self.f.dfg.ty(d.args[1]).is(Type::INT);
        let foldable = matches!(
            d.op,
            Opcode::Add
                | Opcode::Sub
                | Opcode::Mul
                | Opcode::BitAnd
                | Opcode::BitOr
                | Opcode::BitXor
                | Opcode::Shl
                | Opcode::Shr
        ) || Cmp::from_opcode(d.op).is_some();
        ints && foldable && self.small_int(d.args[1]).is_some()
    }

    /// A type-histogram op for value `v` (a new type site).
    fn type_prof(&mut self, v: Value) {
        let site = self.out.type_sites.len() as u32;
        self.out.type_sites.push(v.0);
        let slot = self.s(v);
        self.emit(Op::TypeProf { slot, site });
    }

    fn pc(&self) -> u32 {
        self.out.code.len() as u32
    }

    fn emit(&mut self, op: Op) {
        self.out.code.push(op);
        self.out.pc_inst.push(self.cur_inst);
    }

    fn emit_jump(&mut self, b: Block) {
        self.fixups.push((self.out.code.len(), b));
        self.emit(Op::Jmp { target: 0 });
    }

    fn konst(&mut self, v: TypedValue) -> u32 {
        self.out.consts.push(v);
        (self.out.consts.len() - 1) as u32
    }

    fn error(&mut self, class: ExnClass, msg: String) {
        self.out.errors.push((class, msg));
        let idx = (self.out.errors.len() - 1) as u32;
        self.emit(Op::Error { idx });
    }

    /// [`Enc::error`] for an error a runtime check gave at encoding time.
    fn error_of(&mut self, e: RuntimeError) {
        match e {
            RuntimeError::Throw { class, message } => self.error(class, message.into()),
            e => self.error(ExnClass::Error, crate::interp::uncaught_message(&e)),
        }
    }

    fn arg_list(&mut self, vals: &[Value]) -> u32 {
        let start = self.out.args.len() as u32;
        for &v in vals {
            let s = self.s(v);
            self.out.args.push(s);
        }
        start
    }

    /// Parallel moves from destination arguments to the target's parameters.
    fn moves(&mut self, bc: &BlockCall, skip: usize) {
        self.cur_inst = u32::MAX;
        let params = self.f.dfg.block_params(bc.block);
        let mut pending: Vec<(Slot, Slot)> = bc
            .args
            .iter()
            .zip(&params[skip..])
            .map(|(a, p)| (self.s(*p), self.s(*a)))
            .filter(|(d, s)| d != s)
            .collect();
        while !pending.is_empty() {
            if let Some(i) = pending
                .iter()
                .position(|(d, _)| !pending.iter().any(|(_, s)| s == d))
            {
                let (dst, src) = pending.remove(i);
                self.emit(Op::Mov { dst, src });
            } else {
                // A cycle: park one source in the scratch slot.
                let (_, src) = pending[0];
                let scratch = self.scratch;
                self.emit(Op::Mov { dst: scratch, src });
                for m in pending.iter_mut() {
                    if m.1 == src {
                        m.1 = scratch;
                    }
                }
            }
        }
    }

    /// Moves for `bc`, then a jump to its block (omitted when it is the next block in layout).
    fn edge(&mut self, bc: &BlockCall, skip: usize, next: Option<Block>) {
        if skip == 0 {
            if let Some(i) = self.returns_param(bc.block) {
                let src = self.s(bc.args[i]);
                self.emit(Op::Ret { src });
                return;
            }
        }
        self.moves(bc, skip);
        if next != Some(bc.block) {
            self.emit_jump(bc.block);
        }
    }

    /// When block `b` only returns its parameter number i (after checks that inference proved),
    /// `Some(i)`: a jump there can return directly.
    fn returns_param(&self, b: Block) -> Option<usize> {
        let insts = self.f.layout.block_insts(b);
        let (&last, body) = insts.split_last()?;
        let ld = &self.f.dfg.insts[last.index()];
        if ld.op != Opcode::Return {
            return None;
        }
        for &i in body {
            let d = &self.f.dfg.insts[i.index()];
            let elided = match &d.imm {
                Imm::Verify(_, t, _) => {
                    d.op == Opcode::VerifyType
                        && d.dests.is_empty()
                        && t.class.is_none()
                        && self.f.dfg.ty(d.args[0]).subtype_of(*t)
                }
                _ => d.op == Opcode::Launder,
            };
            if !elided {
                return None;
            }
        }
        let src = self.s(ld.args[0]);
        self.f
            .dfg
            .block_params(b)
            .iter()
            .position(|p| self.s(*p) == src)
    }

    fn has_moves(&self, bc: &BlockCall) -> bool {
        let params = self.f.dfg.block_params(bc.block);
        bc.args
            .iter()
            .zip(params)
            .any(|(a, p)| self.s(*a) != self.s(*p))
    }

    fn run(&mut self) {
        let order = self.f.layout.order.clone();
        for (bi, &b) in order.iter().enumerate() {
            let next = order.get(bi + 1).copied();
            self.block_pc[b.index()] = self.pc();
            let mut insts = self.f.layout.block_insts(b);
            if bi == 0 {
                // Parameter checks first (checked calls start after them), then the prologue
                // that loads the constants used inside loops.
                let lead = insts
                    .iter()
                    .take_while(|i| {
                        let d = &self.f.dfg.insts[i.index()];
                        d.op == Opcode::VerifyType
                            && d.dests.is_empty()
                            && matches!(d.imm, Imm::Verify(jsvm_ir::VerifyKind::Param(_), ..))
                    })
                    .count();
                for &i in &insts[..lead] {
                    self.out.inst_pc[i.index()] = self.pc();
                    self.inst(i, next);
                }
                // Type histograms of the declared parameters (after their checks).
                let params = self.f.dfg.block_params(b).to_vec();
                let hidden = self.f.attrs.captures as usize;
                for (k, &p) in params.iter().enumerate().skip(hidden) {
                    let v = insts[..lead]
                        .iter()
                        .find_map(|i| {
                            let d = &self.f.dfg.insts[i.index()];
                            (d.args[0] == p).then_some(d.result).flatten()
                        })
                        .unwrap_or(p);
                    if k < hidden + self.f.params.len() && type_profiled(self.f.dfg.ty(v)) {
                        self.type_prof(v);
                    }
                }
                for i in 0..self.hoisted.len() {
                    if self.hoisted[i] {
                        self.hoisted[i] = false;
                        self.inst(jsvm_ir::Inst::new(i), next);
                        self.hoisted[i] = true;
                        let hc = match self.out.code.last() {
                            Some(&Op::Const { dst, k }) => Some((dst, self.out.consts[k as usize])),
                            Some(&Op::Int { dst, i }) => Some((dst, TypedValue::int(i))),
                            _ => None,
                        };
                        self.out.hoisted_consts.extend(hc);
                    }
                }
                insts = &insts[lead..];
            }
            let mut skip_next = false;
            for (ii, &inst) in insts.iter().enumerate() {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                self.out.inst_pc[inst.index()] = self.pc();
                let d = &self.f.dfg.insts[inst.index()];
                // Fusion: a compare used only by the branch that follows it.
                if let (Some(cmp), Some(&br)) = (Cmp::from_opcode(d.op), insts.get(ii + 1)) {
                    let bd = &self.f.dfg.insts[br.index()];
                    let r = d.result.expect("compare has a result");
                    if bd.op == Opcode::Branch && bd.args[0] == r && self.uses[r.index()] == 1 {
                        let (a, bv) = (d.args[0], d.args[1]);
                        let ints =
                            self.f.dfg.ty(a).is(Type::INT) && self.f.dfg.ty(bv).is(Type::INT);
                        let (sa, sb) = (self.s(a), self.s(bv));
                        let else_pc = self.out.code.len();
                        self.cur_inst = br.0;
                        let imm = self
                            .is_imm_operand(inst, 1)
                            .then(|| self.small_int(bv))
                            .flatten();
                        let floats =
                            self.f.dfg.ty(a).is(Type::FLOAT) && self.f.dfg.ty(bv).is(Type::FLOAT);
                        self.emit(if floats {
                            Op::FloatCmpJmpNot {
                                op: cmp,
                                a: sa,
                                b: sb,
                                target: 0,
                            }
                        } else if let Some(imm) = imm {
                            Op::IntCmpImmJmpNot {
                                op: cmp,
                                a: sa,
                                imm,
                                target: 0,
                            }
                        } else if ints {
                            Op::IntCmpJmpNot {
                                op: cmp,
                                a: sa,
                                b: sb,
                                target: 0,
                            }
                        } else {
                            Op::CmpJmpNot {
                                op: cmp,
                                a: sa,
                                b: sb,
                                target: 0,
                            }
                        });
                        self.out.inst_pc[br.index()] = else_pc as u32;
                        self.branch_tail(else_pc, &bd.dests.clone(), next);
                        skip_next = true;
                        continue;
                    }
                }
                self.inst(inst, next);
                let d = &self.f.dfg.insts[inst.index()];
                if let Some(r) = d.result {
                    if d.dests.is_empty() && type_site_op(d.op) && type_profiled(self.f.dfg.ty(r)) {
                        self.type_prof(r);
                    }
                }
            }
        }
        for (at, b) in std::mem::take(&mut self.fixups) {
            let t = self.block_pc[b.index()];
            match &mut self.out.code[at] {
                Op::Jmp { target }
                | Op::JmpIf { target, .. }
                | Op::JmpIfNot { target, .. }
                | Op::IntCmpJmpNot { target, .. }
                | Op::IntCmpImmJmpNot { target, .. }
                | Op::FloatCmpJmpNot { target, .. }
                | Op::CmpJmpNot { target, .. } => *target = t,
                other => unreachable!("fixup on {other:?}"),
            }
        }
        let resolve = |t: &mut u32, block_pc: &[u32]| {
            if *t & BLOCK_MARK != 0 {
                *t = block_pc[(*t & !BLOCK_MARK) as usize];
            }
        };
        for t in &mut self.out.switches {
            for c in &mut t.cases {
                resolve(&mut c.1, &self.block_pc);
            }
            resolve(&mut t.default, &self.block_pc);
        }
        for h in &mut self.out.handlers {
            resolve(&mut h.target, &self.block_pc);
        }
    }

    /// After a conditional jump op at `jmp_at` (taken for the else side): the then edge, and the
    /// else edge (through a pad when it has moves).
    fn branch_tail(&mut self, jmp_at: usize, dests: &[BlockCall], next: Option<Block>) {
        let (then, els) = (&dests[0], &dests[1]);
        if self.has_moves(els) {
            self.edge(then, 0, None);
            let pad = self.pc();
            set_target(&mut self.out.code[jmp_at], pad);
            self.edge(els, 0, next);
        } else {
            self.fixups.push((jmp_at, els.block));
            self.edge(then, 0, next);
        }
    }

    fn inst(&mut self, inst: jsvm_ir::Inst, next: Option<Block>) {
        if self.hoisted[inst.index()] {
            return;
        }
        self.cur_inst = inst.0;
        let d = self.f.dfg.insts[inst.index()].clone();
        let dst = d.result.map(|r| self.s(r)).unwrap_or(self.scratch);
        let a = d.args.first().map(|&v| self.s(v)).unwrap_or(0);
        let b = d.args.get(1).map(|&v| self.s(v)).unwrap_or(0);
        let ty = |i: usize| self.f.dfg.ty(d.args[i]);
        use Opcode as O;
        match d.op {
            O::ConstNull => {
                let k = self.konst(TypedValue::null());
                self.emit(Op::Const { dst, k });
            }
            O::ConstUninit => {
                let k = self.konst(TypedValue::uninit());
                self.emit(Op::Const { dst, k });
            }
            O::ConstBool => {
                let Imm::Bool(v) = d.imm else { unreachable!() };
                let k = self.konst(TypedValue::bool(v));
                self.emit(Op::Const { dst, k });
            }
            O::ConstInt => {
                let Imm::Int(i) = d.imm else { unreachable!() };
                let folded = d.result.is_some_and(|r| self.folded[r.index()]);
                if !folded {
                    self.emit(Op::Int { dst, i });
                }
            }
            O::ConstFloat => {
                let Imm::Float(x) = d.imm else { unreachable!() };
                let k = self.konst(TypedValue::float(x));
                self.emit(Op::Const { dst, k });
            }
            O::ConstStr => {
                let Imm::Str(s) = &d.imm else { unreachable!() };
                let k = self.konst(TypedValue::str(crate::string::Str::intern(s)));
                self.emit(Op::Const { dst, k });
            }
            O::GetConst => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                if let Some(idx) = (self.const_idx)(n) {
                    self.emit(Op::GetConst { dst, idx });
                } else if let Some(v) = builtins::constant(n) {
                    let k = self.konst(v);
                    self.emit(Op::Const { dst, k });
                } else {
                    self.error(ExnClass::Error, format!("Undefined constant '{n}'"));
                }
            }
            O::Add
            | O::Sub
            | O::Mul
            | O::Div
            | O::Mod
            | O::Pow
            | O::BitAnd
            | O::BitOr
            | O::BitXor
            | O::Shl
            | O::Shr
            | O::Concat
            | O::Cmp => {
                let op = Bin::from_opcode(d.op).expect("binary opcode");
                let ints = ty(0).is(Type::INT) && ty(1).is(Type::INT);
                let floats = ty(0).is(Type::FLOAT) && ty(1).is(Type::FLOAT);
                let int_ok = matches!(
                    op,
                    Bin::Add
                        | Bin::Sub
                        | Bin::Mul
                        | Bin::BitAnd
                        | Bin::BitOr
                        | Bin::BitXor
                        | Bin::Shl
                        | Bin::Shr
                );
                let float_ok = matches!(op, Bin::Add | Bin::Sub | Bin::Mul);
                let imm = self
                    .is_imm_operand(inst, 1)
                    .then(|| self.small_int(d.args[1]))
                    .flatten();
                self.emit(if let (Some(imm), true) = (imm, int_ok) {
                    Op::IntBinImm { op, dst, a, imm }
                } else if ints && int_ok {
                    Op::IntBin { op, dst, a, b }
                } else if floats && float_ok {
                    Op::FloatBin { op, dst, a, b }
                } else {
                    Op::Bin { op, dst, a, b }
                });
            }
            O::Eq | O::Neq | O::Same | O::NSame | O::Lt | O::Le | O::Gt | O::Ge => {
                let op = Cmp::from_opcode(d.op).expect("comparison");
                let ints = ty(0).is(Type::INT) && ty(1).is(Type::INT);
                let floats = ty(0).is(Type::FLOAT) && ty(1).is(Type::FLOAT);
                let imm = self
                    .is_imm_operand(inst, 1)
                    .then(|| self.small_int(d.args[1]))
                    .flatten();
                self.emit(if floats {
                    Op::FloatCmp { op, dst, a, b }
                } else if let Some(imm) = imm {
                    Op::IntCmpImm { op, dst, a, imm }
                } else if ints {
                    Op::IntCmp { op, dst, a, b }
                } else {
                    Op::Cmp { op, dst, a, b }
                });
            }
            O::Incr | O::Decr if ty(0).is(Type::INT) => {
                let op = if d.op == O::Incr { Bin::Add } else { Bin::Sub };
                self.emit(Op::IntBinImm { op, dst, a, imm: 1 });
            }
            O::Neg
            | O::Plus
            | O::Incr
            | O::Decr
            | O::Not
            | O::BitNot
            | O::ToBool
            | O::CastInt
            | O::CastFloat
            | O::CastStr
            | O::Launder => {
                let op = match d.op {
                    O::Neg => Un::Neg,
                    O::Plus => Un::Plus,
                    O::Incr => Un::Incr,
                    O::Decr => Un::Decr,
                    O::Not => Un::Not,
                    O::BitNot => Un::BitNot,
                    O::ToBool => Un::ToBool,
                    O::CastInt => Un::CastInt,
                    O::CastFloat => Un::CastFloat,
                    O::CastStr => Un::CastStr,
                    _ => Un::Launder,
                };
                if op == Un::ToBool && ty(0).is(Type::BOOL) {
                    self.emit(Op::Mov { dst, src: a });
                } else {
                    self.emit(Op::Un { op, dst, a });
                }
            }
            O::ConcatN => {
                let start = self.arg_list(&d.args);
                self.emit(Op::ConcatN {
                    dst,
                    start,
                    n: d.args.len() as u32,
                });
            }
            O::IsType | O::VerifyType => {
                let (kind, t, text) = match &d.imm {
                    Imm::Type(t) => (jsvm_ir::VerifyKind::As, *t, Box::from("")),
                    Imm::Verify(k, t, text) => (*k, *t, text.clone()),
                    _ => unreachable!(),
                };
                if d.op == O::VerifyType
                    && d.dests.is_empty()
                    && t.class.is_none()
                    && ty(0).subtype_of(t)
                {
                    // Proven by inference: no check at run time.
                    if dst != a {
                        self.emit(Op::Mov { dst, src: a });
                    }
                    return;
                }
                self.out.checks.push(VerifyInfo { kind, ty: t, text });
                let check = (self.out.checks.len() - 1) as u32;
                self.emit(if d.op == O::IsType {
                    Op::IsType { dst, src: a, check }
                } else {
                    Op::VerifyType { dst, src: a, check }
                });
            }
            O::Call => {
                let Imm::Func(fid) = d.imm else {
                    unreachable!()
                };
                let start = self.arg_list(&d.args);
                let callee = self.m.func(fid);
                let checked = d.args.len() == callee.params.len()
                    && d.args.iter().zip(&callee.params).all(|(a, p)| {
                        !p.variadic
                            && p.hint.ty.class.is_none()
                            && self.f.dfg.ty(*a).subtype_of(p.hint.ty)
                    });
                self.emit(Op::Call {
                    dst,
                    func: fid.0,
                    start,
                    n: d.args.len() as u16,
                    checked,
                });
            }
            O::CallBuiltin
                if d.args.len() == 2
                    && matches!(&d.imm, Imm::Name(n) if n.eq_ignore_ascii_case("call_user_func_array")) =>
            {
                self.emit(Op::CallArray { dst, a, b });
            }
            O::CallBuiltin if matches!(&d.imm, Imm::Name(n) if array::lookup_callback(n).is_some()) =>
            {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let cb = array::lookup_callback(n).expect("checked");
                let idx = array::callback_builtins()
                    .iter()
                    .position(|x| std::ptr::eq(x, cb))
                    .expect("registered") as u32;
                let start = self.arg_list(&d.args);
                self.emit(Op::CallCallback {
                    dst,
                    idx,
                    start,
                    n: d.args.len() as u16,
                });
            }
            O::CallBuiltin => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                match super::builtin_index(n) {
                    Some(bi) => {
                        let start = self.arg_list(&d.args);
                        self.emit(Op::CallBuiltin {
                            dst,
                            builtin: bi,
                            start,
                            n: d.args.len() as u16,
                        });
                    }
                    None => {
                        self.error(ExnClass::Error, format!("Call to undefined function {n}()"))
                    }
                }
            }
            O::ConcatTo => self.emit(Op::ConcatTo { dst, a, b }),
            O::IndexGet => self.emit(Op::IndexGet { dst, a, b }),
            O::IndexIsset => self.emit(Op::IndexIsset { dst, a, b }),
            O::IndexGetQuiet => self.emit(Op::IndexGetQuiet { dst, a, b }),
            O::Echo => self.emit(Op::Echo { src: a }),
            O::IncRef => self.emit(Op::IncRef { src: a }),
            O::DecRef => self.emit(Op::DecRef { src: a }),
            O::Jump => self.edge(&d.dests[0], 0, next),
            O::Branch => {
                let at = self.out.code.len();
                self.emit(Op::JmpIfNot { cond: a, target: 0 });
                self.branch_tail(at, &d.dests, next);
            }
            O::Switch | O::SwitchStr => {
                let table = self.out.switches.len() as u32;
                self.out.switches.push(SwitchTable {
                    cases: Vec::new(),
                    default: 0,
                    labels: None,
                });
                self.emit(match d.op {
                    O::Switch => Op::Switch { src: a, table },
                    _ => Op::SwitchStr { src: a, table },
                });
                // Edges with moves go through pads placed right after the switch; other targets
                // are block indexes (marked with the top bit) resolved by the fix-up pass.
                let mut targets = Vec::new();
                for bc in &d.dests {
                    if self.has_moves(bc) {
                        targets.push(self.pc());
                        self.edge(bc, 0, None);
                    } else {
                        targets.push(BLOCK_MARK | bc.block.index() as u32);
                    }
                }
                let default = targets.pop().expect("switch has a default");
                let t = match &d.imm {
                    Imm::Switch(cases) => {
                        let mut cases: Vec<(i64, u32)> =
                            cases.iter().copied().zip(targets).collect();
                        // Sorted for a binary search; of equal values the first one is the case.
                        cases.sort_by_key(|c| c.0);
                        cases.dedup_by_key(|c| c.0);
                        SwitchTable {
                            cases,
                            default,
                            labels: None,
                        }
                    }
                    Imm::SwitchStr(labels) => SwitchTable {
                        cases: (0..).zip(targets).collect(),
                        default,
                        labels: Some(crate::switch::StrSwitch::new(labels)),
                    },
                    _ => unreachable!("a switch's immediate"),
                };
                self.out.switches[table as usize] = t;
            }
            O::Return => self.emit(Op::Ret { src: a }),
            O::Throw => self.emit(Op::Throw { src: a }),
            O::Exit => self.emit(Op::Exit { src: a }),
            O::Unreachable => self.emit(Op::Unreachable),
            O::NewVec | O::NewDict | O::NewKeyset => {
                let kind = match d.op {
                    O::NewVec => 0,
                    O::NewDict => 1,
                    _ => 2,
                };
                let start = self.arg_list(&d.args);
                self.emit(Op::NewArr {
                    kind,
                    dst,
                    start,
                    n: d.args.len() as u32,
                });
            }
            O::IndexSet => {
                let start = self.arg_list(&d.args);
                self.emit(Op::IndexSet { dst, start });
            }
            O::Append
            | O::IndexUnset
            | O::IterNext
            | O::IterDone
            | O::IterKey
            | O::IterValue
            | O::IterFirst
            | O::Count => {
                let op = match d.op {
                    O::Append => Arr::Append,
                    O::IndexUnset => Arr::IndexUnset,
                    O::IterNext => Arr::IterNext,
                    O::IterDone => Arr::IterDone,
                    O::IterKey => Arr::IterKey,
                    O::IterValue => Arr::IterValue,
                    O::IterFirst => Arr::IterFirst,
                    _ => Arr::Count,
                };
                self.emit(Op::Arr { op, dst, a, b });
            }
            O::NewObj => {
                let Imm::Class(c) = &d.imm else {
                    unreachable!()
                };
                if &**c == "static" && !d.args.is_empty() {
                    self.emit(Op::NewObjDyn { dst, src: a });
                } else {
                    match self.classes.by_name(c).map(|cls| (cls, cls.instantiable())) {
                        Some((cls, Ok(()))) => self.emit(Op::NewObj { dst, class: cls.id }),
                        Some((_, Err(e))) => self.error_of(e),
                        None => self.error(ExnClass::Error, format!("Class undefined: {c}")),
                    }
                }
            }
            O::SetPath => {
                let Imm::Int(app) = d.imm else { unreachable!() };
                let start = self.arg_list(&d.args);
                self.emit(Op::SetPath {
                    dst,
                    start,
                    n: d.args.len() as u16,
                    append: app != 0,
                });
            }
            O::ConcatPath => {
                let start = self.arg_list(&d.args);
                self.emit(Op::ConcatPath {
                    dst,
                    start,
                    n: d.args.len() as u16,
                });
            }
            O::TakeProp => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let name = self.name(n);
                let start = self.arg_list(&d.args);
                self.emit(Op::TakeProp {
                    dst,
                    name,
                    start,
                    n: d.args.len() as u16,
                });
            }
            O::GetProp => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let name = self.name(n);
                self.emit(Op::GetProp { dst, obj: a, name });
            }
            O::GetPropQuiet => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let name = self.name(n);
                self.emit(Op::GetPropQuiet { dst, o: a, name });
            }
            O::SetProp => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let name = self.name(n);
                self.emit(Op::SetProp {
                    obj: a,
                    val: b,
                    name,
                });
            }
            O::GetStatic | O::TakeStatic | O::SetStatic | O::ClassConst => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                let dynamic = &**c == "static";
                let is_set = d.op == O::SetStatic;
                // `take_static`'s operands (the class source of `static::`, then the write).
                let (start, count) = if d.op == O::TakeStatic {
                    (self.arg_list(&d.args), d.args.len() as u16)
                } else {
                    (0, 0)
                };
                if dynamic {
                    let member = self.member(c, n);
                    match d.op {
                        O::GetStatic => self.emit(Op::GetStaticDyn {
                            dst,
                            cls: a,
                            member,
                        }),
                        O::TakeStatic => self.emit(Op::TakeStaticDyn {
                            dst,
                            member,
                            start,
                            n: count,
                        }),
                        O::SetStatic => self.emit(Op::SetStaticDyn {
                            val: a,
                            cls: b,
                            member,
                        }),
                        _ => self.emit(Op::ClassConstDyn {
                            dst,
                            cls: a,
                            member,
                        }),
                    }
                } else {
                    let cls = self.classes.by_name(c);
                    let idx = cls.and_then(|cls| {
                        if d.op == O::ClassConst {
                            cls.consts.get(&**n)
                        } else {
                            cls.statics.get(&**n)
                        }
                    });
                    match (cls, idx) {
                        (Some(_), Some(&idx)) => match d.op {
                            O::GetStatic => self.emit(Op::GetStatic { dst, idx }),
                            O::TakeStatic => self.emit(Op::TakeStatic {
                                dst,
                                idx,
                                start,
                                n: count,
                            }),
                            O::SetStatic => self.emit(Op::SetStatic { src: a, idx }),
                            _ => self.emit(Op::ClassConst { dst, idx }),
                        },
                        (None, _) => self.error(ExnClass::Error, format!("Class undefined: {c}")),
                        (Some(cls), None) if d.op == O::ClassConst => self.error(
                            ExnClass::Error,
                            format!("Undefined class constant {}::{n}", cls.name),
                        ),
                        (Some(cls), None) => {
                            let _ = is_set;
                            self.error(
                                ExnClass::Error,
                                format!("Access to undeclared static property {}::${n}", cls.name),
                            )
                        }
                    }
                }
            }
            O::CallMethod => {
                let Imm::Name(n) = &d.imm else { unreachable!() };
                let name = self.spelled_name(&n.to_ascii_lowercase(), n);
                self.out.method_caches[name as usize] = Some(Box::default());
                let start = self.arg_list(&d.args);
                self.emit(Op::CallMethod {
                    dst,
                    start,
                    n: d.args.len() as u16,
                    name,
                });
            }
            O::CallStatic => {
                let Imm::Member(c, n) = &d.imm else {
                    unreachable!()
                };
                let member = self.member(c, n);
                let start = self.arg_list(&d.args);
                self.emit(Op::CallStatic {
                    dst,
                    start,
                    n: d.args.len() as u16,
                    member,
                });
            }
            O::CallValue => {
                let start = self.arg_list(&d.args);
                self.emit(Op::CallValue {
                    dst,
                    start,
                    n: d.args.len() as u16,
                });
            }
            O::CallSpread | O::MakeClosure => {
                let Imm::Func(fid) = d.imm else {
                    unreachable!()
                };
                let start = self.arg_list(&d.args);
                let n = d.args.len() as u16;
                self.emit(if d.op == O::CallSpread {
                    Op::CallSpread {
                        dst,
                        func: fid.0,
                        start,
                        n,
                    }
                } else {
                    Op::MakeClosure {
                        dst,
                        func: fid.0,
                        start,
                        n,
                    }
                });
            }
            other => self.error(
                ExnClass::Error,
                format!(
                    "jsvm: '{}' is not supported by the interpreter yet",
                    other.name()
                ),
            ),
        }
        // A throwing instruction with [normal, catch] destinations.
        if !d.op.is_terminator() && d.dests.len() == 2 {
            let pc = self.pc() - 1;
            let catch = &d.dests[1];
            let exn = self.s(self.f.dfg.block_params(catch.block)[0]);
            let target = if self.has_catch_moves(catch) {
                // Normal edge first, then the catch pad.
                self.edge(&d.dests[0], 0, None);
                let pad = self.pc();
                self.edge(catch, 1, None);
                pad
            } else {
                self.edge(&d.dests[0], 0, next);
                BLOCK_MARK | catch.block.index() as u32
            };
            self.out.handlers.push(Handler { pc, target, exn });
        }
    }

    fn has_catch_moves(&self, bc: &BlockCall) -> bool {
        let params = &self.f.dfg.block_params(bc.block)[1..];
        bc.args
            .iter()
            .zip(params)
            .any(|(a, p)| self.s(*a) != self.s(*p))
    }
}

fn set_target(op: &mut Op, t: u32) {
    match op {
        Op::Jmp { target }
        | Op::JmpIf { target, .. }
        | Op::JmpIfNot { target, .. }
        | Op::IntCmpJmpNot { target, .. }
        | Op::IntCmpImmJmpNot { target, .. }
        | Op::FloatCmpJmpNot { target, .. }
        | Op::CmpJmpNot { target, .. } => *target = t,
        other => unreachable!("set_target on {other:?}"),
    }
}
