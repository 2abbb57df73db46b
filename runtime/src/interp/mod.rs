//! The interpreter (tier 0): baseline IR encoded as register bytecode and run by one dispatch loop.

pub mod bytecode;
pub mod encode;
pub mod exec;

use crate::builtins;
use crate::ctx::Ctx;
use crate::error::RuntimeError;
use crate::value::TypedValue;
use encode::BcFunc;
use jsvm_ir::{Module, Type};

/// A loaded program: every function encoded, plus the top-level constants' initializers.
pub struct Program {
    /// The baseline IR the bytecode was encoded from.
    pub module: Module,
    /// Bytecode by `FuncId` index.
    pub funcs: Vec<BcFunc>,
    /// Top-level constants: name and initializer function.
    pub consts: Vec<(Box<str>, u32)>,
    /// Classes, class constants and static properties.
    pub classes: crate::object::ClassTable,
    /// Profile counters (bumped when the VM runs with profiling on).
    pub counters: jsvm_profiler::Counters,
    /// Tier-up: called (once) with a function id when the profiling interpreter finds it hot
    /// (`hot_calls` entries); set by the `auto` tier before running.
    pub on_hot: std::sync::OnceLock<Box<dyn Fn(u32) + Send + Sync>>,
    /// Deopt policy: called with a function id when one of its guards failed
    /// `GUARD_FAILURE_LIMIT` times, or its compiled code's deopts reached that many and exceed
    /// 1% of its entries (`jit::deopt::CodeCounters`); the `auto` tier sends it back to the
    /// interpreter and recompiles it (the profile now has the failures, so without those
    /// speculations).
    pub on_retire: std::sync::OnceLock<Box<dyn Fn(u32) + Send + Sync>>,
    /// OSR: called with a function id and a loop header block when the profiling interpreter
    /// finds the loop hot; the `auto` tier compiles the OSR function and calls `publish_osr`.
    pub on_osr: std::sync::OnceLock<Box<dyn Fn(u32, u32) + Send + Sync>>,
    /// Back-edges of a function between OSR checks (0 = no OSR).
    pub osr_threshold: std::sync::atomic::AtomicU64,
    /// OSR entries by (function, loop header pc).
    pub osr: std::sync::Mutex<std::collections::HashMap<(u32, u32), OsrState>>,
    /// Frames that moved into OSR code so far.
    pub osr_entries: std::sync::atomic::AtomicU64,
    /// Calls after which a function is hot (the `auto` tier's threshold).
    pub hot_calls: std::sync::atomic::AtomicU64,
    /// Compiled code per function (empty unless a compiler published code).
    pub table: crate::tier::FuncTable,
}

impl Program {
    /// Encode every function of `module` (which has been type-inferred and refcounted).
    pub fn load(module: Module) -> Result<Program, String> {
        let consts: Vec<(Box<str>, u32)> = module
            .consts
            .iter()
            .map(|c| (c.name.clone(), c.init.0))
            .collect();
        let const_idx = |n: &str| consts.iter().position(|c| &*c.0 == n).map(|i| i as u32);
        let classes = crate::object::ClassTable::build(&module)?;
        crate::object::install();
        let funcs: Vec<BcFunc> = module
            .funcs
            .iter()
            .map(|f| encode::encode(&module, f, &const_idx, &classes))
            .collect();
        let table = crate::tier::FuncTable::new(funcs.len());
        let counters = jsvm_profiler::Counters::new(
            funcs
                .iter()
                .map(|f| (f.pc_inst.clone(), f.type_sites.clone(), f.dynamic_calls()))
                .collect(),
        );
        Ok(Program {
            module,
            funcs,
            consts,
            table,
            classes,
            counters,
            on_hot: std::sync::OnceLock::new(),
            on_retire: std::sync::OnceLock::new(),
            on_osr: std::sync::OnceLock::new(),
            osr_threshold: std::sync::atomic::AtomicU64::new(0),
            osr: std::sync::Mutex::new(std::collections::HashMap::new()),
            osr_entries: std::sync::atomic::AtomicU64::new(0),
            hot_calls: std::sync::atomic::AtomicU64::new(1000),
        })
    }

    /// Publish the OSR code of `func` at loop header `block` (`None`: it cannot be compiled):
    /// its entry and the baseline values its arguments are, in order.
    pub fn publish_osr(
        &self,
        func: u32,
        block: u32,
        code: Option<(crate::tier::GenericEntry, Vec<u32>)>,
    ) {
        let bc = &self.funcs[func as usize];
        let Some(&pc) = bc.block_pc.get(block as usize) else {
            return;
        };
        let ready = code.is_some();
        let state = match code {
            Some((entry, values)) => OsrState::Ready(
                entry,
                values.iter().map(|&v| bc.slots[v as usize]).collect(),
            ),
            None => OsrState::Failed,
        };
        self.osr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((func, pc), state);
        if ready {
            self.counters.funcs[func as usize]
                .osr_ready
                .store(pc, std::sync::atomic::Ordering::Release);
        }
    }

    /// Withdraw `func`'s OSR code at loop header `block` (a deopt left it): the interpreter no
    /// longer enters it, nor asks for it again.
    pub fn withdraw_osr(&self, func: u32, block: u32) {
        let Some(&pc) = self.funcs[func as usize].block_pc.get(block as usize) else {
            return;
        };
        self.osr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((func, pc), OsrState::Failed);
        let _ = self.counters.funcs[func as usize]
            .osr_ready
            .compare_exchange(
                pc,
                u32::MAX,
                std::sync::atomic::Ordering::AcqRel,
                std::sync::atomic::Ordering::Relaxed,
            );
    }

    /// True when `func` has OSR code ready at loop header `block`.
    pub fn osr_ready_at(&self, func: u32, block: u32) -> bool {
        let Some(&pc) = self.funcs[func as usize].block_pc.get(block as usize) else {
            return false;
        };
        self.counters.funcs[func as usize]
            .osr_ready
            .load(std::sync::atomic::Ordering::Acquire)
            == pc
    }

    /// The profile collected so far (all counters of this program).
    pub fn profile(&self) -> jsvm_profiler::Profile {
        let names: Vec<&str> = self.module.funcs.iter().map(|f| &*f.name).collect();
        jsvm_profiler::Counters::snapshot(&[&self.counters], &names)
    }

    /// The profile collected so far of `funcs` only (what compiling them needs).
    pub fn profile_of(&self, funcs: &[jsvm_ir::FuncId]) -> jsvm_profiler::Profile {
        let names: Vec<&str> = self.module.funcs.iter().map(|f| &*f.name).collect();
        jsvm_profiler::Counters::snapshot_of(
            &[&self.counters],
            &names,
            &mut funcs.iter().map(|f| f.index()),
        )
    }

    /// Run the entry point with profiling on or off.
    pub fn run_main_profiled(
        &self,
        ctx: &mut Ctx,
        profile: bool,
    ) -> Result<TypedValue, RuntimeError> {
        let entry = self.module.entry_point().ok_or_else(|| {
            RuntimeError::fatal("no entry point: add <<__EntryPoint>> to a function")
        })?;
        let mut vm = exec::Vm::new(self);
        vm.profile = profile;
        vm.call(ctx, entry.0, &[])
    }

    /// Run the entry point (`<<__EntryPoint>>`, else `main`) of the program.
    pub fn run_main(&self, ctx: &mut Ctx) -> Result<TypedValue, RuntimeError> {
        let entry = self.module.entry_point().ok_or_else(|| {
            RuntimeError::fatal("no entry point: add <<__EntryPoint>> to a function")
        })?;
        exec::Vm::new(self).call(ctx, entry.0, &[])
    }
}

/// The OSR state of one loop header.
#[derive(Clone, Debug)]
pub enum OsrState {
    /// Asked for; not compiled yet.
    Requested,
    /// Compiled: the entry and the frame slots its arguments come from.
    Ready(crate::tier::GenericEntry, Vec<encode::Slot>),
    /// Cannot be compiled (or no compiler is running).
    Failed,
}

/// The registry index of built-in `name`.
pub fn builtin_index(name: &str) -> Option<u32> {
    let b = builtins::lookup(name)?;
    builtins::all()
        .iter()
        .position(|x| std::ptr::eq(x, b))
        .map(|i| i as u32)
}

/// The result type of built-in `name`, for type inference.
pub fn builtin_result_type(name: &str) -> Type {
    let int = [
        "strlen",
        "strcmp",
        "ord",
        "intval",
        "crc32",
        "intdiv",
        "Str\\length",
        "Math\\int_div",
        "count",
        "C\\count",
        "print",
        "printf",
    ];
    let string = [
        "urlencode",
        "rawurlencode",
        "urldecode",
        "rawurldecode",
        "substr",
        "str_repeat",
        "str_replace",
        "str_pad",
        "strtoupper",
        "strtolower",
        "ucfirst",
        "trim",
        "ltrim",
        "rtrim",
        "chr",
        "strrev",
        "sprintf",
        "number_format",
        "htmlspecialchars",
        "strval",
        "dechex",
        "gettype",
        "Str\\repeat",
        "Str\\slice",
        "Str\\replace",
        "Str\\trim",
        "Str\\uppercase",
        "Str\\lowercase",
        "Str\\pad_left",
        "Str\\pad_right",
        "Str\\format",
    ];
    let float = [
        "sqrt",
        "floor",
        "ceil",
        "exp",
        "log",
        "log10",
        "sin",
        "cos",
        "tan",
        "atan",
        "atan2",
        "pi",
        "fmod",
        "floatval",
        "Math\\floor",
        "Math\\ceil",
        "Math\\round",
        "Math\\sqrt",
        "round",
    ];
    let bool_ = [
        "is_int",
        "is_float",
        "is_string",
        "is_bool",
        "is_null",
        "is_numeric",
        "is_nan",
        "is_infinite",
        "Str\\contains",
        "Str\\starts_with",
        "Str\\ends_with",
        "is_vec",
        "is_dict",
        "is_keyset",
    ];
    // `hexdec` gives a float past PHP_INT_MAX; `json_encode` gives false for what it cannot
    // encode.
    if name == "hexdec" {
        Type::NUM
    } else if int.contains(&name) {
        Type::INT
    } else if string.contains(&name) {
        Type::STR
    } else if float.contains(&name) {
        Type::FLOAT
    } else if bool_.contains(&name) {
        Type::BOOL
    } else {
        Type::INIT_CELL
    }
}

/// The line printed on stderr for an error that ends the request (`Fatal error: Uncaught C: msg`).
pub fn uncaught_message(e: &RuntimeError) -> String {
    match e {
        RuntimeError::Throw { class, message } => {
            format!("Fatal error: Uncaught {}: {message}", class.name())
        }
        RuntimeError::Object(o) => {
            let (class, message) = exception_parts(o);
            format!("Fatal error: Uncaught {class}: {message}")
        }
        RuntimeError::Exit(c) => format!("exit({c})"),
        RuntimeError::Fatal(m) => format!("Fatal error: {m}"),
    }
}

/// The class name and message of an exception object.
pub fn exception_parts(o: &TypedValue) -> (String, String) {
    if o.tag != crate::value::Tag::Obj {
        return ("exception".to_string(), String::new());
    }
    let c = crate::object::class_of(o);
    let msg = match c.prop_index.get("message") {
        Some(&i) => {
            let v = crate::object::get_slot(o, i);
            String::from_utf8_lossy(&crate::conv::to_string_bytes(&v)).into_owned()
        }
        None => String::new(),
    };
    (c.name.to_string(), msg)
}
