//! IR → LLVM IR: one LLVM module per Hack function, holding its typed entry (`hack.NAME`) and its
//! generic entry (`hack.NAME.entry`).
//!
//! Invariants of the generated code:
//! - values whose IR type is exactly `int`/`float`/`bool` are unboxed (`Repr`); everything else is
//!   a payload/tag pair; block parameters become phis (fed through one edge block per destination);
//! - arithmetic follows Hack: wrapping, never `nsw`/`nuw`, shift counts masked with 63, `%` by 0
//!   and by -1 handled before `srem`; anything not specialized calls the runtime helper that is
//!   the interpreter's semantic reference (`jsvm_runtime::jit`);
//! - after every call that can throw, `ctx.jit_pending` is tested and a set flag branches (cold)
//!   to the function's exit, which returns a dummy value (the pending-exception protocol);
//! - every prologue compares the frame address with `ctx.stack_limit`;
//! - every function has `uwtable` (async) and keeps its frame pointer.

pub mod call;
pub mod guard;
pub mod inst;
pub mod types;

use crate::error::CompileError;
use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module as LlModule};
use inkwell::types::{
    BasicMetadataTypeEnum, BasicTypeEnum, FloatType, IntType, PointerType, StructType,
};
use inkwell::values::{BasicValueEnum, FunctionValue, IntValue, PhiValue, PointerValue};
use inkwell::{AddressSpace, GlobalVisibility, IntPredicate};
use jsvm_ir::{Block, BlockCall, FuncId, Function, Inst, Module, Opcode, Value};
pub use types::{signature, Repr, Sig};

/// An IR value in LLVM.
#[derive(Clone, Copy, Debug)]
pub enum Val<'ctx> {
    /// `i64`.
    Int(IntValue<'ctx>),
    /// `double`.
    Float(inkwell::values::FloatValue<'ctx>),
    /// `i1`.
    Bool(IntValue<'ctx>),
    /// payload `i64`, tag `i8`.
    Boxed(IntValue<'ctx>, IntValue<'ctx>),
}

impl Val<'_> {
    /// The representation.
    pub fn repr(&self) -> Repr {
        match self {
            Val::Int(_) => Repr::Int,
            Val::Float(_) => Repr::Float,
            Val::Bool(_) => Repr::Bool,
            Val::Boxed(..) => Repr::Boxed,
        }
    }
}

/// Data that compiled code points to (messages for type-check and arity failures, static
/// strings); owned by the compiler for as long as the code lives.
#[derive(Default)]
pub struct SideTables {
    /// `verify_type` failure data.
    pub verify: Vec<Box<jsvm_runtime::jit::VerifyFail>>,
    /// Arity failure data.
    pub arity: Vec<Box<jsvm_runtime::jit::ArityInfo>>,
    /// Compile-time errors.
    pub errors: Vec<Box<jsvm_runtime::jit::StaticError>>,
    /// Instruction sites (names and inline caches).
    pub sites: Vec<Box<jsvm_runtime::jit::SiteInfo>>,
    /// String switch tables (`switch_str`).
    pub str_switches: Vec<Box<jsvm_runtime::switch::StrSwitch>>,
    /// Guards (frame states for deoptimization).
    pub deopts: Vec<Box<jsvm_runtime::jit::deopt::DeoptSite>>,
    /// Entry and deopt counters of code with guards (its prologue counts entries).
    pub code: Option<std::sync::Arc<jsvm_runtime::jit::deopt::CodeCounters>>,
    /// The addresses the code refers to, by number: the object names address `N` by the
    /// undefined symbol `jsvm.addr.N` ([`addr_symbol`]), which the loader resolves. The LLVM IR
    /// and the object hold no address of this process, so equal IR means an equal object
    /// (the object cache relies on it).
    pub addrs: Vec<usize>,
}

/// The symbol of address number `n` of a function's [`SideTables::addrs`].
pub fn addr_symbol(n: usize) -> String {
    format!("jsvm.addr.{n}")
}

/// The number of an address symbol (see [`addr_symbol`]).
pub fn addr_number(symbol: &str) -> Option<usize> {
    symbol.strip_prefix("jsvm.addr.")?.parse().ok()
}

/// What the lowering of one function needs from the compiler.
pub struct LowerEnv<'a> {
    /// The program.
    pub module: &'a Module,
    /// Typed-entry signature of every function (`Err` = callers use the interpreter path).
    pub sigs: &'a [Result<Sig, String>],
    /// Address of the typed-entry table (one pointer-sized slot per `FuncId`, null = not compiled).
    pub typed_table: usize,
    /// The profile, when the batch comes from one (Jump-Start): functions get a
    /// `function_entry_count` and branches `branch_weights` (cold sides at 0), so the machine
    /// function splitter moves cold blocks to the cold area.
    pub profile: Option<&'a jsvm_profiler::Profile>,
    /// The deopt-every-N stress switch (0 = off): every guard also fails on purpose when the
    /// request's countdown reaches 0.
    pub deopt_every: u32,
    /// Poll the step budget (`--max-steps`) at function entries and loop headers.
    pub poll: crate::Poll,
    /// Per function: proven never to leave an exception pending (`jsvm_opt::nothrow`); typed calls of
    /// such a function skip the pending test.
    pub nothrow: &'a [bool],
    /// The profile whose type histograms the optimizer speculated on, when speculation is on:
    /// its call targets make method calls direct ([`Lower::call_method`]).
    pub speculation: Option<&'a jsvm_profiler::Profile>,
    /// The program's classes as the runtime's class table has them: method tables (direct
    /// method calls) and instance sets (instance tests).
    pub classes: &'a Classes,
}

/// What lowering knows of the program's classes, from the class table the runtime builds for
/// it (empty when that cannot be built: then no method call is made direct, instance tests all
/// call the helper and property accesses all go through their site's cache).
#[derive(Debug, Default)]
pub struct Classes {
    /// The runtime's class table: its lookups (`Class::prop_slot`, `Class::instance_method`)
    /// answer a site's name as the runtime will, visibility checks included.
    pub table: jsvm_runtime::object::ClassTable,
    /// Each class's instances among the classes of id below 64, as a bit set: the classes that
    /// are it, extend it or implement it.
    pub instances: Vec<u64>,
    /// Each class's instance properties by slot (inherited ones included), by class id.
    pub props: Vec<Vec<PropFact>>,
    /// Each class's concrete instance classes, all of them (it unless abstract, its concrete
    /// subclasses and implementations).
    pub all_instances: Vec<Vec<u32>>,
}

/// A property as every instance of a class has it: a subclass keeps its parent's slots (a
/// redeclared property keeps its slot), so the slot is the class's whatever the instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropFact {
    /// The slot.
    pub slot: u32,
    /// The tags a write stores without a check (`rt_set_prop`'s write mask), when every
    /// instance's class has the same; `None` when a subclass redeclared the property with
    /// another type.
    pub write_mask: Option<u64>,
}

impl Classes {
    /// The classes of `module`.
    pub fn of(module: &Module) -> Classes {
        use jsvm_runtime::jit::objects::write_mask;
        let Ok(table) = jsvm_runtime::object::ClassTable::build(module) else {
            return Classes::default();
        };
        let n = table.classes.len();
        let mut props: Vec<Vec<PropFact>> = table
            .classes
            .iter()
            .map(|c| {
                (0..c.props.len() as u32)
                    .map(|slot| PropFact {
                        slot,
                        write_mask: Some(write_mask(c, slot)),
                    })
                    .collect()
            })
            .collect();
        // Every (class, class it is) pair once: instance sets, concrete instances, and the
        // write masks that differ below a class.
        let mut instances = vec![0u64; n];
        let mut all_instances = vec![Vec::new(); n];
        for k in &table.classes {
            for c in (0..n).filter(|&c| k.is_a(c as u32)) {
                if k.id < 64 {
                    instances[c] |= 1 << k.id;
                }
                if !k.is_abstract {
                    all_instances[c].push(k.id);
                }
                if c as u32 == k.id {
                    continue;
                }
                for f in &mut props[c] {
                    if f.write_mask.is_some_and(|m| m != write_mask(k, f.slot)) {
                        f.write_mask = None;
                    }
                }
            }
        }
        Classes {
            table,
            instances,
            props,
            all_instances,
        }
    }

    /// The method `name` (lowercase) of every object of class `class` (an instance of one of
    /// its concrete classes), when they all have the same one: a call on an object of that
    /// class needs no lookup.
    pub fn unique_method(&self, class: u32, name: &str) -> Option<u32> {
        let mut found = None;
        for &k in self.all_instances.get(class as usize)? {
            let m = self.method_of(k, name)?;
            if found.is_some_and(|f| f != m) {
                return None;
            }
            found = Some(m);
        }
        found
    }

    /// The ids below 64 of the instances of class `class` (of that class alone if `exact`), as
    /// a bit set; `None` when the classes are not known.
    pub fn instances_of(&self, class: u32, exact: bool) -> Option<u64> {
        let set = *self.instances.get(class as usize)?;
        Some(if exact {
            set & 1u64.checked_shl(class).unwrap_or(0)
        } else {
            set
        })
    }

    /// The method an instance call by (lowercase) name `name` on an object of class `class`
    /// calls, when the call is allowed from the site's scope (the runtime's lookup).
    pub fn method_of(&self, class: u32, name: &str) -> Option<u32> {
        let c = self.table.classes.get(class as usize)?;
        c.instance_method(name).ok()
    }

    /// Property `name` (named as its site names it) of every instance of class `class`, when
    /// the runtime's lookup finds the same slot, accessible from the site, in all of them.
    pub fn prop(&self, class: u32, name: &str) -> Option<PropFact> {
        let c = self.table.classes.get(class as usize)?;
        let slot = c.prop_slot(name).ok()?;
        for &k in self.all_instances.get(class as usize)? {
            if self.table.classes.get(k as usize)?.prop_slot(name).ok()? != slot {
                return None;
            }
        }
        self.props.get(class as usize)?.get(slot as usize).copied()
    }
}

/// What lowering needs to know about every function of `module`: its typed signature and
/// whether it is nothrow.
pub fn facts(module: &Module) -> (Vec<Result<Sig, String>>, Vec<bool>) {
    let sigs: Vec<_> = module.funcs.iter().map(signature).collect();
    let nothrow = nothrow(module, &sigs);
    (sigs, nothrow)
}

/// `jsvm_opt::nothrow` with the typed entries' skipped parameter checks of `sigs`.
pub fn nothrow(module: &Module, sigs: &[Result<Sig, String>]) -> Vec<bool> {
    jsvm_opt::nothrow::nothrow(module, &|i| {
        sigs[i]
            .as_ref()
            .ok()
            .map(|s| s.verified.iter().flatten().copied().collect())
    })
}

/// The symbol of `f`'s typed entry.
pub fn typed_symbol(f: &Function) -> String {
    format!("hack.{}", f.name)
}

/// The symbol of `f`'s generic entry.
pub fn generic_symbol(f: &Function) -> String {
    format!("hack.{}.entry", f.name)
}

/// LLVM types used everywhere.
pub struct Tys<'ctx> {
    pub(crate) i1: IntType<'ctx>,
    pub(crate) i8: IntType<'ctx>,
    pub(crate) i32: IntType<'ctx>,
    pub(crate) i64: IntType<'ctx>,
    pub(crate) f64: FloatType<'ctx>,
    pub(crate) ptr: PointerType<'ctx>,
    /// `TypedValue` in memory: `{ i64, i8 }` (16 bytes, as `#[repr(C)]`).
    pub(crate) tv: StructType<'ctx>,
    /// `TypedValue` returned in registers: `{ i64, i64 }` (RAX, RDX).
    pub(crate) pair: StructType<'ctx>,
}

impl<'ctx> Tys<'ctx> {
    fn new(cx: &'ctx Context) -> Self {
        let i64 = cx.i64_type();
        let i8 = cx.i8_type();
        Tys {
            i1: cx.bool_type(),
            i8,
            i32: cx.i32_type(),
            i64,
            f64: cx.f64_type(),
            ptr: cx.ptr_type(AddressSpace::default()),
            tv: cx.struct_type(&[i64.into(), i8.into()], false),
            pair: cx.struct_type(&[i64.into(), i64.into()], false),
        }
    }

    /// The signature type of a representation (bools are `i8` at call boundaries).
    pub(crate) fn abi(&self, r: Repr) -> BasicTypeEnum<'ctx> {
        match r {
            Repr::Int => self.i64.into(),
            Repr::Float => self.f64.into(),
            Repr::Bool => self.i8.into(),
            Repr::Boxed => self.pair.into(),
        }
    }

    /// The typed entry's LLVM function type for `sig`.
    pub(crate) fn typed_fn(&self, sig: &Sig) -> inkwell::types::FunctionType<'ctx> {
        let mut ps: Vec<BasicMetadataTypeEnum> = vec![self.ptr.into()];
        for &p in &sig.params {
            match p {
                Repr::Boxed => {
                    ps.push(self.i64.into());
                    ps.push(self.i8.into());
                }
                r => ps.push(self.abi(r).into()),
            }
        }
        match self.abi(sig.ret) {
            BasicTypeEnum::IntType(t) => t.fn_type(&ps, false),
            BasicTypeEnum::FloatType(t) => t.fn_type(&ps, false),
            BasicTypeEnum::StructType(t) => t.fn_type(&ps, false),
            _ => unreachable!("no other return representations"),
        }
    }
}

/// Lowers one function.
pub struct Lower<'ctx, 'a> {
    pub(crate) cx: &'ctx Context,
    pub(crate) env: &'a LowerEnv<'a>,
    pub(crate) fid: FuncId,
    pub(crate) f: &'a Function,
    pub(crate) sig: Sig,
    pub(crate) m: LlModule<'ctx>,
    pub(crate) b: Builder<'ctx>,
    pub(crate) t: Tys<'ctx>,
    pub(crate) func: FunctionValue<'ctx>,
    pub(crate) ctxp: PointerValue<'ctx>,
    pub(crate) vals: Vec<Option<Val<'ctx>>>,
    pub(crate) blocks: Vec<Option<BasicBlock<'ctx>>>,
    pub(crate) phis: Vec<Vec<PhiValue<'ctx>>>,
    pub(crate) exit: Option<BasicBlock<'ctx>>,
    /// The landing block of the instruction being lowered when it has a catch destination.
    pub(crate) catch: Option<BasicBlock<'ctx>>,
    /// The instruction being lowered.
    pub(crate) cur: Option<Inst>,
    /// What the frame owns when an instruction throws out of it (`jsvm_ir::rc::owned_at_throws`),
    /// and the block releasing it on the way to the exit, once made.
    pub(crate) owned_at_throws: std::collections::HashMap<Inst, Vec<Value>>,
    pub(crate) unwinds: std::collections::HashMap<Inst, BasicBlock<'ctx>>,
    pub(crate) argbuf: Option<PointerValue<'ctx>>,
    pub(crate) side: &'a mut SideTables,
    /// The global of each address in `side.addrs`.
    pub(crate) addr_globals: std::collections::HashMap<usize, PointerValue<'ctx>>,
    /// In an OSR function, the baseline value some of its values stand for (its entry
    /// parameters and remade constants, by value id): frame states name baseline values, which
    /// the interpreter maps to its slots.
    pub(crate) osr_baseline: std::collections::HashMap<u32, u32>,
    /// In an OSR function (where a call of `fid` is not a self-call), the loop header it is
    /// entered at.
    pub(crate) osr_header: Option<u32>,
}

/// What to lower for a function.
#[derive(Clone, Copy)]
pub enum Body<'a> {
    /// Its baseline IR.
    Baseline,
    /// The optimizer's version (guards with frame states); same signature.
    Optimized(&'a Function),
    /// The body of an OSR function (`jsvm_opt::osr`; the function itself, or its optimizer's
    /// version), which gives the header it is entered at and the baseline values some of its
    /// values stand for: its own signature (one boxed parameter per live-in value), no direct
    /// self-calls.
    Osr(&'a Function, &'a jsvm_opt::osr::OsrFunction),
}

/// The most instructions a function may have for the LLVM tier: LLVM's passes are superlinear
/// on huge functions (a generated chain of 16,000 `if`s, 192,000 instructions, took 7.6 s;
/// 64,000 over a minute), while the interpreter runs them at once.
pub const MAX_INSTS: usize = 50_000;

/// The most operands one instruction may have for the LLVM tier: each is stored into one
/// argument array, and InstCombine is quadratic in an alloca's users (a dict literal of 5,000
/// entries took 26 s; 1,000 entries take 0.26 s).
pub const MAX_OPERANDS: usize = 1_024;

/// Why `f` is too large for the LLVM tier, if it is ([`MAX_INSTS`], [`MAX_OPERANDS`]).
pub fn too_large(f: &Function) -> Option<String> {
    let mut insts = 0usize;
    for &b in &f.layout.order {
        for &i in f.layout.block_insts(b) {
            insts += 1;
            let n = f.dfg.insts[i.index()].args.len();
            if n > MAX_OPERANDS {
                return Some(format!(
                    "an instruction of {n} operands (the LLVM tier takes up to {MAX_OPERANDS})"
                ));
            }
        }
    }
    (insts > MAX_INSTS).then(|| {
        format!("{insts} instructions (the LLVM tier compiles functions of up to {MAX_INSTS})")
    })
}

/// Lower function `fid` of `env.module` into a fresh LLVM module of `cx` (see [`Body`]).
///
/// The result holds the typed and generic entries; nothing is verified or optimized yet
/// ([`verify`]). Pointers into
/// `side` and static strings are embedded in the code, so `side` must outlive it.
pub fn lower_function<'ctx>(
    cx: &'ctx Context,
    env: &LowerEnv<'_>,
    fid: FuncId,
    body: Body<'_>,
    side: &mut SideTables,
) -> Result<LlModule<'ctx>, CompileError> {
    let (f, osr_baseline, osr_header) = match body {
        Body::Baseline => (env.module.func(fid), Default::default(), None),
        Body::Optimized(f) => (f, Default::default(), None),
        Body::Osr(f, osr) => {
            let renamed = osr.renamed.iter().map(|(own, base)| (own.0, base.0));
            (f, renamed.collect(), Some(osr.header.0))
        }
    };
    if let Some(what) = too_large(f) {
        return Err(CompileError::TooLarge {
            func: f.name.to_string(),
            what,
        });
    }
    let sig = if osr_header.is_some() {
        signature(f)
    } else {
        env.sigs[fid.index()].clone()
    }
    .map_err(|what| CompileError::Unsupported {
        func: f.name.to_string(),
        what,
    })?;
    let m = crate::pipeline::host_module(cx, &f.name);
    let t = Tys::new(cx);
    let fty = t.typed_fn(&sig);
    let func = m.add_function(&typed_symbol(f), fty, Some(Linkage::External));
    let mut l = Lower {
        cx,
        env,
        fid,
        f,
        sig,
        b: cx.create_builder(),
        t,
        func,
        ctxp: func.get_nth_param(0).expect("ctx").into_pointer_value(),
        m,
        vals: vec![None; f.dfg.values.len()],
        blocks: vec![None; f.dfg.blocks.len()],
        phis: vec![Vec::new(); f.dfg.values.len()],
        exit: None,
        catch: None,
        cur: None,
        owned_at_throws: jsvm_ir::rc::owned_at_throws(f),
        unwinds: std::collections::HashMap::new(),
        argbuf: None,
        side,
        addr_globals: std::collections::HashMap::new(),
        osr_baseline,
        osr_header,
    };
    l.set_attrs(func);
    if let Some(p) = l.func_profile() {
        let md = cx.metadata_node(&[
            cx.metadata_string("function_entry_count").into(),
            l.t.i64.const_int(p.entries.max(1), false).into(),
        ]);
        func.as_global_value()
            .set_metadata(md, cx.get_kind_id("prof"));
    }
    l.body()?;
    l.generic_entry()?;
    Ok(l.m)
}

/// A lowered module as bitcode: everything that decides its object (the object cache's key is a
/// hash of it, `.as_slice()`). Writing bitcode costs a fraction of printing the text, whose
/// writer tracks columns character by character.
pub fn ir_bytes(m: &LlModule<'_>) -> inkwell::memory_buffer::MemoryBuffer<'static> {
    m.write_bitcode_to_memory()
}

/// `LLVMVerifyModule` on a lowered module, before LLVM's passes see it (an object cache hit
/// skips it: the same IR was verified before it was compiled).
pub fn verify(m: &LlModule<'_>) -> Result<(), CompileError> {
    m.verify().map_err(|e| CompileError::Verify {
        func: m.get_name().to_string_lossy().into_owned(),
        message: e.to_string(),
    })
}

impl<'ctx> Lower<'ctx, '_> {
    /// This function's profile, if the batch has one.
    pub(crate) fn func_profile(&self) -> Option<&jsvm_profiler::FuncProfile> {
        self.env.profile?.funcs.get(&*self.f.name)
    }

    /// The profile that counted `inst` and its id there: the function's own, or for code the
    /// inliner copied in, the callee's (its branch probabilities carry over to every copy).
    pub(crate) fn inst_profile(&self, inst: Inst) -> Option<(&jsvm_profiler::FuncProfile, u32)> {
        self.inst_profile_in(self.env.profile?, inst)
    }

    /// The name a check's error gives for the code at `inst` (or the function's own, for
    /// `None`), as the interpreter, which runs the baseline functions, gives it: an inlined
    /// callee's name for its instructions, the baseline function's for an OSR function
    /// (`f$osr$bN`).
    pub(crate) fn source_name(&self, inst: Option<Inst>) -> String {
        let f = match inst.and_then(|i| self.f.inlined_from.get(&i)) {
            Some(&(callee, _)) => callee,
            None => self.fid,
        };
        self.env.module.func(f).name.to_string()
    }

    /// [`Lower::inst_profile`] in `profile`.
    pub(crate) fn inst_profile_in<'p>(
        &self,
        profile: &'p jsvm_profiler::Profile,
        inst: Inst,
    ) -> Option<(&'p jsvm_profiler::FuncProfile, u32)> {
        match self.f.inlined_from.get(&inst) {
            Some(&(callee, at)) => {
                let name = &*self.env.module.func(callee).name;
                Some((profile.funcs.get(name)?, at.0))
            }
            // By the baseline function's name: an OSR function (`f$osr$bN`) keeps `f`'s insts.
            None => Some((
                profile.funcs.get(&*self.env.module.func(self.fid).name)?,
                inst.0,
            )),
        }
    }

    pub(crate) fn unsupported(&self, what: impl Into<String>) -> CompileError {
        CompileError::Unsupported {
            func: self.f.name.to_string(),
            what: what.into(),
        }
    }

    /// `uwtable`, frame pointer, hidden visibility, `noalias` ctx.
    pub(crate) fn set_attrs(&self, func: FunctionValue<'ctx>) {
        let uw = self
            .cx
            .create_enum_attribute(Attribute::get_named_enum_kind_id("uwtable"), 2);
        func.add_attribute(AttributeLoc::Function, uw);
        func.add_attribute(
            AttributeLoc::Function,
            self.cx.create_string_attribute("frame-pointer", "all"),
        );
        // No tail-recursion elimination: it would turn a recursion that overflows the stack in
        // the interpreter into a loop (an infinite one for infinite recursion), so tiers would
        // disagree.
        func.add_attribute(
            AttributeLoc::Function,
            self.cx
                .create_string_attribute("disable-tail-calls", "true"),
        );
        let noalias = self
            .cx
            .create_enum_attribute(Attribute::get_named_enum_kind_id("noalias"), 0);
        func.add_attribute(AttributeLoc::Param(0), noalias);
        func.as_global_value()
            .set_visibility(GlobalVisibility::Hidden);
    }

    pub(crate) fn i64c(&self, v: i64) -> IntValue<'ctx> {
        self.t.i64.const_int(v as u64, true)
    }

    pub(crate) fn i8c(&self, v: u8) -> IntValue<'ctx> {
        self.t.i8.const_int(v as u64, false)
    }

    pub(crate) fn i32c(&self, v: u32) -> IntValue<'ctx> {
        self.t.i32.const_int(v as u64, false)
    }

    /// A pointer to an address owned by the compiler or the runtime: an external global
    /// `jsvm.addr.N` (reached through the GOT) that the loader resolves to `a`.
    pub(crate) fn addr(&mut self, a: usize) -> Result<PointerValue<'ctx>, CompileError> {
        // LLVM takes distinct globals for distinct, non-null addresses: they are.
        debug_assert!(a != 0, "a null address");
        if let Some(&g) = self.addr_globals.get(&a) {
            return Ok(g);
        }
        let name = addr_symbol(self.side.addrs.len());
        self.side.addrs.push(a);
        let g = self.m.add_global(self.t.i8, None, &name).as_pointer_value();
        self.addr_globals.insert(a, g);
        Ok(g)
    }

    /// [`Lower::addr`] as an `i64` (a payload that is a pointer).
    pub(crate) fn addr_int(&mut self, a: usize) -> Result<IntValue<'ctx>, CompileError> {
        let p = self.addr(a)?;
        Ok(p.const_to_int(self.t.i64))
    }

    pub(crate) fn val(&self, v: Value) -> Result<Val<'ctx>, CompileError> {
        self.vals[v.index()].ok_or_else(|| self.unsupported(format!("{v} used before definition")))
    }

    pub(crate) fn ty(&self, v: Value) -> jsvm_ir::Type {
        self.f.dfg.ty(v)
    }

    /// Whether converting `v` to a string may raise: an object (its `__toString()`, or none) or
    /// a closure (always an Error).
    pub(crate) fn to_string_may_raise(&self, v: Value) -> bool {
        let t = self.ty(v);
        t.maybe(jsvm_ir::Type::OBJ) || t.maybe(jsvm_ir::Type::FUNC)
    }

    /// Box any value into payload + tag.
    pub(crate) fn boxed(
        &self,
        v: Val<'ctx>,
    ) -> Result<(IntValue<'ctx>, IntValue<'ctx>), CompileError> {
        Ok(match v {
            Val::Int(i) => (i, self.i8c(3)),
            Val::Float(x) => (
                self.b.build_bit_cast(x, self.t.i64, "")?.into_int_value(),
                self.i8c(4),
            ),
            Val::Bool(c) => (self.b.build_int_z_extend(c, self.t.i64, "")?, self.i8c(2)),
            Val::Boxed(p, t) => (p, t),
        })
    }

    /// Convert `v` (whose IR type is `ty`) to representation `to`. Unboxing is only allowed when
    /// the IR type proves it (the payload is then the value).
    pub(crate) fn coerce(
        &self,
        v: Val<'ctx>,
        ty: jsvm_ir::Type,
        to: Repr,
    ) -> Result<Val<'ctx>, CompileError> {
        if v.repr() == to {
            return Ok(v);
        }
        Ok(match (v, to) {
            (_, Repr::Boxed) => {
                let (p, t) = self.boxed(v)?;
                Val::Boxed(p, t)
            }
            (Val::Boxed(p, _), r) if ty.is(r.ty()) || ty.is_bottom() => match r {
                Repr::Int => Val::Int(p),
                Repr::Float => {
                    Val::Float(self.b.build_bit_cast(p, self.t.f64, "")?.into_float_value())
                }
                Repr::Bool => {
                    Val::Bool(
                        self.b
                            .build_int_compare(IntPredicate::NE, p, self.i64c(0), "")?,
                    )
                }
                Repr::Boxed => unreachable!(),
            },
            _ if ty.is_bottom() => self.dummy(to),
            _ => {
                return Err(
                    self.unsupported(format!("cannot convert {:?} ({ty}) to {to:?}", v.repr()))
                )
            }
        })
    }

    /// Some value of representation `r` (for paths that never use it).
    pub(crate) fn dummy(&self, r: Repr) -> Val<'ctx> {
        match r {
            Repr::Int => Val::Int(self.i64c(0)),
            Repr::Float => Val::Float(self.t.f64.const_float(0.0)),
            Repr::Bool => Val::Bool(self.t.i1.const_int(0, false)),
            Repr::Boxed => Val::Boxed(self.i64c(0), self.i8c(0)),
        }
    }

    /// The value in signature form (bools as `i8`, boxed as a `{i64, i64}` pair).
    pub(crate) fn to_abi(&self, v: Val<'ctx>) -> Result<BasicValueEnum<'ctx>, CompileError> {
        Ok(match v {
            Val::Int(i) => i.into(),
            Val::Float(x) => x.into(),
            Val::Bool(c) => self.b.build_int_z_extend(c, self.t.i8, "")?.into(),
            Val::Boxed(p, t) => self.pair(p, t)?.into(),
        })
    }

    /// A `{i64, i64}` pair (payload, zero-extended tag).
    pub(crate) fn pair(
        &self,
        p: IntValue<'ctx>,
        tag: IntValue<'ctx>,
    ) -> Result<inkwell::values::StructValue<'ctx>, CompileError> {
        let t64 = self.b.build_int_z_extend(tag, self.t.i64, "")?;
        let s = self.t.pair.get_undef();
        let s = self.b.build_insert_value(s, p, 0, "")?;
        let s = self.b.build_insert_value(s, t64, 1, "")?;
        Ok(s.into_struct_value())
    }

    /// A value from its signature form.
    pub(crate) fn abi_to_val(
        &self,
        v: BasicValueEnum<'ctx>,
        r: Repr,
    ) -> Result<Val<'ctx>, CompileError> {
        Ok(match r {
            Repr::Int => Val::Int(v.into_int_value()),
            Repr::Float => Val::Float(v.into_float_value()),
            Repr::Bool => Val::Bool(self.b.build_int_compare(
                IntPredicate::NE,
                v.into_int_value(),
                self.i8c(0),
                "",
            )?),
            Repr::Boxed => self.unpair(v)?,
        })
    }

    /// A boxed value from a `{i64, i64}` pair.
    pub(crate) fn unpair(&self, v: BasicValueEnum<'ctx>) -> Result<Val<'ctx>, CompileError> {
        let s = v.into_struct_value();
        let p = self.b.build_extract_value(s, 0, "")?.into_int_value();
        let t = self.b.build_extract_value(s, 1, "")?.into_int_value();
        let t = self.b.build_int_truncate(t, self.t.i8, "")?;
        Ok(Val::Boxed(p, t))
    }

    /// Branch on `cold_cond` to a cold block (weights 1 : 2000); continue in a fresh block.
    /// Branch to a new cold block `name` of `f` when `cold_cond`, and continue there; returns
    /// the block where the hot path continues.
    pub(crate) fn enter_cold(
        &self,
        cold_cond: IntValue<'ctx>,
        f: FunctionValue<'ctx>,
        name: &str,
    ) -> Result<BasicBlock<'ctx>, CompileError> {
        let cold = self.cx.append_basic_block(f, name);
        self.br_cold(cold_cond, cold)?;
        let cont = self.b.get_insert_block().expect("block");
        self.b.position_at_end(cold);
        Ok(cont)
    }

    pub(crate) fn br_cold(
        &self,
        cold_cond: IntValue<'ctx>,
        cold: BasicBlock<'ctx>,
    ) -> Result<(), CompileError> {
        let cont = self.cx.append_basic_block(self.func, "");
        let br = self.b.build_conditional_branch(cold_cond, cold, cont)?;
        let prof = self.cx.get_kind_id("prof");
        let md = self.cx.metadata_node(&[
            self.cx.metadata_string("branch_weights").into(),
            self.i32c(1).into(),
            self.i32c(2000).into(),
        ]);
        br.set_metadata(md, prof)
            .map_err(|e| CompileError::Llvm(e.to_string()))?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// The function's exit for a pending exception (returns a dummy value).
    pub(crate) fn exit_block(&mut self) -> Result<BasicBlock<'ctx>, CompileError> {
        if let Some(e) = self.exit {
            return Ok(e);
        }
        let here = self.b.get_insert_block();
        let e = self.cx.append_basic_block(self.func, "pending");
        self.b.position_at_end(e);
        let d = self.dummy(self.sig.ret);
        let d = self.to_abi(d)?;
        self.b.build_return(Some(&d))?;
        if let Some(h) = here {
            self.b.position_at_end(h);
        }
        self.exit = Some(e);
        Ok(e)
    }

    /// Where a raised exception goes: the catch landing of the current instruction, else the
    /// function's exit, through a block that releases what the frame owns there (the
    /// decrements after the instruction do not run).
    pub(crate) fn throw_target(&mut self) -> Result<BasicBlock<'ctx>, CompileError> {
        if let Some(c) = self.catch {
            return Ok(c);
        }
        let exit = self.exit_block()?;
        let Some(i) = self.cur else { return Ok(exit) };
        if let Some(&u) = self.unwinds.get(&i) {
            return Ok(u);
        }
        let Some(owned) = self.owned_at_throws.get(&i).cloned() else {
            return Ok(exit);
        };
        let here = self.b.get_insert_block();
        let u = self.cx.append_basic_block(self.func, "unwind");
        self.b.position_at_end(u);
        for v in owned {
            if self.ty(v).maybe(jsvm_ir::Type::COUNTED) {
                let a = self.val(v)?;
                self.decref_cold(a)?;
            }
        }
        self.b.build_unconditional_branch(exit)?;
        if let Some(h) = here {
            self.b.position_at_end(h);
        }
        self.unwinds.insert(i, u);
        Ok(u)
    }

    /// Test `ctx.jit_pending` and go to the throw target when set.
    pub(crate) fn check_pending(&mut self) -> Result<(), CompileError> {
        let exit = self.throw_target()?;
        let flag = self.pending_flag()?;
        self.br_cold(flag, exit)
    }

    /// `ctx.jit_pending != 0`.
    pub(crate) fn pending_flag(&self) -> Result<IntValue<'ctx>, CompileError> {
        let off = self.i64c(jsvm_runtime::jit::PENDING_OFFSET as i64);
        // SAFETY: the offset is inside `Ctx` (offset_of!), and `ctx` points to a live `Ctx`.
        let p = unsafe { self.b.build_gep(self.t.i8, self.ctxp, &[off], "pending")? };
        let v = self.b.build_load(self.t.i8, p, "")?.into_int_value();
        Ok(self
            .b
            .build_int_compare(IntPredicate::NE, v, self.i8c(0), "")?)
    }

    /// Blocks in reverse post-order from the entry (so definitions are lowered before uses).
    fn rpo(&self) -> Vec<Block> {
        let f = self.f;
        let mut seen = vec![false; f.dfg.blocks.len()];
        let mut post = Vec::new();
        let mut stack = vec![(f.entry(), 0usize)];
        seen[f.entry().index()] = true;
        while let Some((b, i)) = stack.pop() {
            let succ = f.successors(b);
            if i < succ.len() {
                stack.push((b, i + 1));
                let s = succ[i].block;
                if !seen[s.index()] {
                    seen[s.index()] = true;
                    stack.push((s, 0));
                }
            } else {
                post.push(b);
            }
        }
        post.reverse();
        post
    }

    /// The typed entry's body.
    fn body(&mut self) -> Result<(), CompileError> {
        let f = self.f;
        let prologue = self.cx.append_basic_block(self.func, "prologue");
        self.b.position_at_end(prologue);
        // Scratch array for helper and call arguments.
        let max_args = f
            .dfg
            .insts
            .iter()
            .filter(|d| {
                use Opcode as O;
                matches!(
                    d.op,
                    O::Call
                        | O::CallBuiltin
                        | O::ConcatN
                        | O::NewVec
                        | O::NewDict
                        | O::NewKeyset
                        | O::IndexSet
                        | O::SetPath
                        | O::ConcatPath
                        | O::CallValue
                        | O::CallMethod
                        | O::CallStatic
                        | O::CallSpread
                        | O::MakeClosure
                        | O::TakeProp
                        | O::TakeStatic
                )
            })
            // (`take_static` adds a class source when it has none.)
            .map(|d| d.args.len() + usize::from(d.op == Opcode::TakeStatic))
            .max()
            .unwrap_or(0);
        if max_args > 0 {
            let at = self.t.tv.array_type(max_args as u32);
            self.argbuf = Some(self.b.build_alloca(at, "args")?);
        }
        self.stack_check()?;
        if self.env.poll != crate::Poll::Off {
            self.poll()?;
        }
        if f.dfg.insts.iter().any(|d| d.op == Opcode::Guard) {
            self.count_entry()?;
        }
        let prologue = self.b.get_insert_block().expect("prologue end");
        let order = self.rpo();
        for &b in &f.layout.order {
            let bb = self.cx.append_basic_block(self.func, &b.to_string());
            self.blocks[b.index()] = Some(bb);
        }
        let entry = f.entry();
        // Entry parameters: the typed entry's parameters (unboxed ones are bound when the skipped
        // `verify_type` is reached; `signature` ensured their only use is that check).
        let mut pi = 1u32;
        let eparams: Vec<Value> = f.dfg.block_params(entry).to_vec();
        let mut entry_vals = Vec::new();
        for (i, &r) in self.sig.params.clone().iter().enumerate() {
            let v = match r {
                Repr::Boxed => {
                    let p = self
                        .func
                        .get_nth_param(pi)
                        .expect("payload")
                        .into_int_value();
                    let t = self
                        .func
                        .get_nth_param(pi + 1)
                        .expect("tag")
                        .into_int_value();
                    pi += 2;
                    Val::Boxed(p, t)
                }
                r => {
                    let a = self.func.get_nth_param(pi).expect("param");
                    pi += 1;
                    self.abi_to_val(a, r)?
                }
            };
            entry_vals.push((eparams[i], v));
        }
        let entry_bb = self.blocks[entry.index()].expect("entry block");
        // Phis for every block parameter (the entry's are fed from the prologue).
        for &b in &order {
            let bb = self.blocks[b.index()].expect("block");
            self.b.position_at_end(bb);
            for &p in f.dfg.block_params(b) {
                let r = Repr::of(self.ty(p));
                let v = match r {
                    Repr::Boxed => {
                        let pp = self.b.build_phi(self.t.i64, "")?;
                        let pt = self.b.build_phi(self.t.i8, "")?;
                        self.phis[p.index()] = vec![pp, pt];
                        Val::Boxed(
                            pp.as_basic_value().into_int_value(),
                            pt.as_basic_value().into_int_value(),
                        )
                    }
                    Repr::Int => {
                        let ph = self.b.build_phi(self.t.i64, "")?;
                        self.phis[p.index()] = vec![ph];
                        Val::Int(ph.as_basic_value().into_int_value())
                    }
                    Repr::Float => {
                        let ph = self.b.build_phi(self.t.f64, "")?;
                        self.phis[p.index()] = vec![ph];
                        Val::Float(ph.as_basic_value().into_float_value())
                    }
                    Repr::Bool => {
                        let ph = self.b.build_phi(self.t.i1, "")?;
                        self.phis[p.index()] = vec![ph];
                        Val::Bool(ph.as_basic_value().into_int_value())
                    }
                };
                self.vals[p.index()] = Some(v);
            }
        }
        // Prologue → entry, feeding the entry phis (typed parameters have no phi of the checked
        // type: their IR value is the unchecked Cell, used only by the skipped check).
        self.b.position_at_end(prologue);
        let mut typed_params = Vec::new();
        for (i, (pv, v)) in entry_vals.into_iter().enumerate() {
            if self.sig.verified[i].is_some() {
                typed_params.push((self.sig.verified[i].expect("check"), v));
                // Keep the (unused) phi well-formed.
                let d = self.dummy(Repr::of(self.ty(pv)));
                self.add_incoming(pv, d, prologue)?;
            } else {
                let v = self.coerce(v, self.ty(pv), Repr::of(self.ty(pv)))?;
                self.add_incoming(pv, v, prologue)?;
            }
        }
        self.b.build_unconditional_branch(entry_bb)?;
        let headers: Vec<bool> = if self.env.poll != crate::Poll::Off {
            use jsvm_ir::analysis::{cfg::Cfg, domtree::DomTree, loops::Loops};
            let cfg = Cfg::compute(f);
            let dom = DomTree::compute(f, &cfg);
            let loops = Loops::compute(f, &cfg, &dom);
            (0..f.dfg.blocks.len())
                .map(|i| loops.is_header(Block::new(i)))
                .collect()
        } else {
            Vec::new()
        };
        for b in order {
            let bb = self.blocks[b.index()].expect("block");
            self.b.position_at_end(bb);
            if headers.get(b.index()).copied().unwrap_or(false) {
                self.poll()?;
            }
            for &i in f.layout.block_insts(b) {
                if let Some((_, v)) = typed_params.iter().find(|(k, _)| *k == i.0) {
                    let r = f.dfg.insts[i.index()].result.expect("verify result");
                    self.vals[r.index()] = Some(*v);
                    continue;
                }
                self.inst(i)?;
            }
        }
        // Blocks never reached from the entry: unreachable (and phis without inputs are removed).
        for &b in &f.layout.order {
            let bb = self.blocks[b.index()].expect("block");
            if bb.get_terminator().is_none() {
                self.b.position_at_end(bb);
                for ph in f
                    .dfg
                    .block_params(b)
                    .iter()
                    .flat_map(|p| self.phis[p.index()].clone())
                {
                    ph.as_instruction().erase_from_basic_block();
                }
                self.b.build_unreachable()?;
            }
        }
        Ok(())
    }

    /// A load of a word that other threads store to (a function table slot, a call site's
    /// cache, `ctx.stop`, a code counter): read afresh each time, a plain move on x86.
    ///
    /// It is a volatile load rather than a relaxed (monotonic) atomic one: LLVM may neither
    /// drop, merge nor move either, and both are one `mov` on x86-64 (an aligned word is read
    /// whole; LLVM's memory model leaves a volatile read that races a store to the target).
    /// FastISel, which the quick pipelines use, cannot select atomic loads: each one sent its
    /// block to SelectionDAG, ~8% of the `fast` pipeline's compile time on a program of 1,100
    /// small functions.
    pub(crate) fn shared_load(
        &self,
        ty: impl inkwell::types::BasicType<'ctx>,
        ptr: PointerValue<'ctx>,
        name: &str,
    ) -> Result<BasicValueEnum<'ctx>, CompileError> {
        let ld = self.b.build_load(ty, ptr, name)?;
        inkwell::values::BasicValue::as_instruction_value(&ld)
            .expect("load")
            .set_volatile(true)
            .map_err(|e| CompileError::Llvm(e.to_string()))?;
        Ok(ld)
    }

    /// The poll ([`crate::Poll`]): a fatal error when another thread set `ctx.stop` (a
    /// [`Self::shared_load`]), or with a budget when `ctx.budget -= 1` reaches 0
    /// (`--max-steps`).
    fn poll(&mut self) -> Result<(), CompileError> {
        let off = self.i64c(jsvm_runtime::jit::STOP_OFFSET as i64);
        // SAFETY: the offset is inside `Ctx` (offset_of!).
        let sp = unsafe { self.b.build_gep(self.t.i8, self.ctxp, &[off], "stop")? };
        let ld = self.shared_load(self.t.i8, sp, "")?;
        let mut out = self.b.build_int_compare(
            IntPredicate::NE,
            ld.into_int_value(),
            self.t.i8.const_zero(),
            "",
        )?;
        if self.env.poll == crate::Poll::Budget {
            let off = self.i64c(jsvm_runtime::jit::BUDGET_OFFSET as i64);
            // SAFETY: the offset is inside `Ctx` (offset_of!).
            let p = unsafe { self.b.build_gep(self.t.i8, self.ctxp, &[off], "budget")? };
            let n = self.b.build_load(self.t.i64, p, "")?.into_int_value();
            let n = self.b.build_int_sub(n, self.i64c(1), "")?;
            self.b.build_store(p, n)?;
            let spent = self
                .b
                .build_int_compare(IntPredicate::EQ, n, self.i64c(0), "")?;
            out = self.b.build_or(spent, out, "")?;
        }
        let cont = self.enter_cold(out, self.func, "budget_exhausted")?;
        self.call_helper(
            crate::loader::helpers::Helper::BudgetExhausted,
            &[self.ctxp.into()],
        )?;
        self.b.build_unreachable()?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// Code with guards counts its entries (`CodeCounters`), for the rule that sends it back
    /// when its deopts exceed 1% of them: a volatile load and store (see [`Self::shared_load`]),
    /// no locked instruction.
    fn count_entry(&mut self) -> Result<(), CompileError> {
        let code = self.side.code.get_or_insert_with(Default::default).clone();
        let p = self.addr(&code.entries as *const std::sync::atomic::AtomicU64 as usize)?;
        let ld = self.b.build_load(self.t.i64, p, "entries")?;
        let load = inkwell::values::BasicValue::as_instruction_value(&ld).expect("load");
        let n = self
            .b
            .build_int_add(ld.into_int_value(), self.i64c(1), "")?;
        let store = self.b.build_store(p, n)?;
        for i in [load, store] {
            i.set_volatile(true)
                .and_then(|_| i.set_alignment(8))
                .map_err(|e| CompileError::Llvm(e.to_string()))?;
        }
        Ok(())
    }

    fn stack_check(&mut self) -> Result<(), CompileError> {
        let fa_fn = inkwell::intrinsics::Intrinsic::find("llvm.frameaddress")
            .and_then(|i| i.get_declaration(&self.m, &[self.t.ptr.into()]))
            .ok_or_else(|| CompileError::Llvm("llvm.frameaddress".into()))?;
        let fa = self
            .b
            .build_call(fa_fn, &[self.i32c(0).into()], "fp")?
            .try_as_basic_value()
            .basic()
            .expect("frame address")
            .into_pointer_value();
        let fa = self.b.build_ptr_to_int(fa, self.t.i64, "")?;
        let off = self.i64c(jsvm_runtime::jit::STACK_LIMIT_OFFSET as i64);
        // SAFETY: the offset is inside `Ctx` (offset_of!).
        let p = unsafe { self.b.build_gep(self.t.i8, self.ctxp, &[off], "limit")? };
        let lim = self.b.build_load(self.t.i64, p, "")?.into_int_value();
        let low = self.b.build_int_compare(IntPredicate::ULT, fa, lim, "")?;
        let cont = self.enter_cold(low, self.func, "stack_overflow")?;
        self.call_helper(
            crate::loader::helpers::Helper::StackOverflow,
            &[self.ctxp.into()],
        )?;
        // `exit_block` leaves the builder where it was (in the cold block).
        let exit = self.exit_block()?;
        self.b.build_unconditional_branch(exit)?;
        self.b.position_at_end(cont);
        Ok(())
    }

    /// Add `v` (already in the parameter's representation) as the input of `param` from `from`.
    fn add_incoming(
        &self,
        param: Value,
        v: Val<'ctx>,
        from: BasicBlock<'ctx>,
    ) -> Result<(), CompileError> {
        let phis = &self.phis[param.index()];
        match (v, phis.as_slice()) {
            (Val::Boxed(p, t), [pp, pt]) => {
                pp.add_incoming(&[(&p, from)]);
                pt.add_incoming(&[(&t, from)]);
            }
            (Val::Int(x), [ph]) | (Val::Bool(x), [ph]) => ph.add_incoming(&[(&x, from)]),
            (Val::Float(x), [ph]) => ph.add_incoming(&[(&x, from)]),
            _ => return Err(self.unsupported("block argument representation mismatch")),
        }
        Ok(())
    }

    /// The edge block to a catch destination: `exn` feeds its first parameter, `bc`'s arguments
    /// the others.
    pub(crate) fn catch_edge(
        &mut self,
        bc: &BlockCall,
        exn: Val<'ctx>,
    ) -> Result<BasicBlock<'ctx>, CompileError> {
        let target = self.blocks[bc.block.index()].expect("target block");
        let params: Vec<Value> = self.f.dfg.block_params(bc.block).to_vec();
        let here = self.b.get_insert_block().expect("current block");
        let e = self.cx.append_basic_block(self.func, "catch_edge");
        self.b.position_at_end(e);
        let p0 = params[0];
        let x = self.coerce(exn, jsvm_ir::Type::CELL, Repr::of(self.ty(p0)));
        let x = match x {
            Ok(x) => x,
            Err(_) => return Err(self.unsupported("catch parameter representation")),
        };
        self.add_incoming(p0, x, e)?;
        for (a, p) in bc.args.iter().zip(&params[1..]) {
            let v = self.val(*a)?;
            let v = self.coerce(v, self.ty(*a), Repr::of(self.ty(*p)))?;
            self.add_incoming(*p, v, e)?;
        }
        self.b.build_unconditional_branch(target)?;
        self.b.position_at_end(here);
        Ok(e)
    }

    /// The LLVM block to branch to for destination `bc`: an edge block that converts the
    /// arguments and feeds the target's phis (the target itself when it has no parameters).
    pub(crate) fn edge(
        &mut self,
        bc: &BlockCall,
        skip: usize,
    ) -> Result<BasicBlock<'ctx>, CompileError> {
        let target = self.blocks[bc.block.index()].expect("target block");
        let params: Vec<Value> = self.f.dfg.block_params(bc.block)[skip..].to_vec();
        if params.is_empty() {
            return Ok(target);
        }
        let here = self.b.get_insert_block().expect("current block");
        let e = self.cx.append_basic_block(self.func, "edge");
        self.b.position_at_end(e);
        for (a, p) in bc.args.iter().zip(params) {
            let v = self.val(*a)?;
            let v = self.coerce(v, self.ty(*a), Repr::of(self.ty(p)))?;
            self.add_incoming(p, v, e)?;
        }
        self.b.build_unconditional_branch(target)?;
        self.b.position_at_end(here);
        Ok(e)
    }
}
