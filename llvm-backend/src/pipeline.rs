//! The LLVM pass pipeline and the target machine (PIC, small code model, host CPU, function
//! sections through the C++ shim).
//!
//! Only fixed pipeline strings covered by tests are used: LLVM aborts the process on a bad one.

use crate::error::CompileError;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;
use std::sync::Once;

/// An optimization pipeline (TOOLCHAIN.md section 2 measured all three).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pipeline {
    /// `default<O2>` and codegen `Default`: about 4.5 ms per function.
    O2,
    /// A function pipeline (sroa, early-cse, instcombine, simplifycfg, reassociate, gvn, licm)
    /// and codegen `Less`: about 1.7 ms per function, smaller code.
    Light,
    /// Cleanup only and FastISel: about 0.2 ms per function.
    Fast,
    /// No IR passes at all and FastISel: the quickest code to get, for a Jump-Start consumer's
    /// quick tier that the optimized batch soon replaces (about 10% slower than `Fast` code).
    Quick,
}

impl Pipeline {
    /// The new-pass-manager pipeline string.
    pub fn passes(self) -> &'static str {
        match self {
            Pipeline::O2 => "default<O2>",
            Pipeline::Light => "function(sroa,early-cse,instcombine,simplifycfg,reassociate,gvn,loop-mssa(licm),simplifycfg)",
            Pipeline::Fast => "function(sroa,early-cse,instcombine,simplifycfg)",
            Pipeline::Quick => "",
        }
    }

    /// The code generator's level.
    pub fn codegen(self) -> OptimizationLevel {
        match self {
            Pipeline::O2 => OptimizationLevel::Default,
            Pipeline::Light => OptimizationLevel::Less,
            Pipeline::Fast | Pipeline::Quick => OptimizationLevel::None,
        }
    }

    /// The pipeline's name (as `--pipeline` spells it).
    pub fn name(self) -> &'static str {
        match self {
            Pipeline::O2 => "o2",
            Pipeline::Light => "light",
            Pipeline::Fast => "fast",
            Pipeline::Quick => "quick",
        }
    }

    /// The pipeline named `s` (`o2`, `light`, `fast`, `quick`).
    pub fn from_name(s: &str) -> Option<Pipeline> {
        match s {
            "o2" | "O2" => Some(Pipeline::O2),
            "light" => Some(Pipeline::Light),
            "fast" => Some(Pipeline::Fast),
            "quick" => Some(Pipeline::Quick),
            _ => None,
        }
    }
}

extern "C" {
    fn jit_tm_set_function_sections(
        tm: inkwell::llvm_sys::target_machine::LLVMTargetMachineRef,
        on: i32,
    );
    fn jit_tm_set_machine_function_splitter(
        tm: inkwell::llvm_sys::target_machine::LLVMTargetMachineRef,
        on: i32,
    );
}

static INIT: Once = Once::new();
static LAYOUT: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();

/// The host triple and data layout (every module gets them before lowering, so type sizes and
/// alignments match `#[repr(C)]` Rust: `{ i64, i8 }` is 16 bytes).
pub fn triple_and_layout() -> &'static (String, String) {
    LAYOUT.get_or_init(|| {
        let tm = target_machine(Pipeline::O2).expect("host target machine");
        let layout = tm.get_target_data().get_data_layout();
        (
            TargetMachine::get_default_triple()
                .as_str()
                .to_string_lossy()
                .into_owned(),
            layout.as_str().to_string_lossy().into_owned(),
        )
    })
}

/// Initialize the native target (once per process).
pub fn init() {
    INIT.call_once(|| {
        Target::initialize_native(&InitializationConfig::default()).expect("native target");
    });
}

/// A target machine for the host: PIC, small code model, one section per function, the machine
/// function splitter on (it only splits functions that carry profile counts). Create one per
/// compile thread (creation costs about 0.3 ms).
pub fn target_machine(p: Pipeline) -> Result<TargetMachine, CompileError> {
    init();
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple).map_err(|e| CompileError::Llvm(e.to_string()))?;
    let cpu = TargetMachine::get_host_cpu_name();
    let features = TargetMachine::get_host_cpu_features();
    let tm = target
        .create_target_machine(
            &triple,
            cpu.to_str().unwrap_or("x86-64"),
            features.to_str().unwrap_or(""),
            p.codegen(),
            RelocMode::PIC,
            CodeModel::Small,
        )
        .ok_or_else(|| CompileError::Llvm("cannot create a target machine".into()))?;
    // SAFETY: `tm` is a live TargetMachine; the shim only sets two TargetOptions fields.
    unsafe {
        jit_tm_set_function_sections(tm.as_mut_ptr(), 1);
        jit_tm_set_machine_function_splitter(tm.as_mut_ptr(), 1);
    }
    Ok(tm)
}

/// Run pipeline `p` over `m` (`Quick` runs nothing: building the pass manager alone costs
/// about 1 ms per module).
pub fn optimize(m: &Module<'_>, tm: &TargetMachine, p: Pipeline) -> Result<(), CompileError> {
    if p.passes().is_empty() {
        return Ok(());
    }
    m.run_passes(p.passes(), tm, PassBuilderOptions::create())
        .map_err(|e| CompileError::Llvm(e.to_string()))
}
