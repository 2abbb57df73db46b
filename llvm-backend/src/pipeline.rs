//! The LLVM pass pipeline and the target machine (PIC, small code model, host CPU, function
//! sections through the C++ shim).
//!
//! Only fixed pipeline strings covered by tests are used: LLVM aborts the process on a bad one.

use crate::error::CompileError;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;
use std::ffi::{CStr, CString};
use std::sync::{Condvar, Mutex, Once};

/// An optimization pipeline (TOOLCHAIN.md section 2 measured all three).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pipeline {
    /// `default<O2>` and codegen `Default`: about 4.5 ms per function.
    O2,
    /// A function pipeline (sroa, early-cse, instcombine, simplifycfg, reassociate, gvn,
    /// loop-rotate, licm), FastISel and codegen `Less`: about 1.5 ms per function, smaller
    /// code. Loops are rotated here, in the IR: with a profile (`function_entry_count`), the
    /// block placer no longer rotates a loop by tail-duplicating its header, and left the
    /// hottest inner loop of the warm-up workload with two branches per iteration (a consumer's
    /// steady state was ~2-3% slower than `auto`'s code).
    Light,
    /// Cleanup only and FastISel: about 0.2 ms per function.
    Fast,
    /// No IR passes at all and FastISel: the quickest code to get (about 10% slower than `Fast`
    /// code). A Jump-Start consumer's quick tier uses `Fast`: on the warm-up workload the
    /// better code paid for the ~0.5 ms more compile time within the first few requests.
    Quick,
}

/// IR instructions above which a function gets [`Pipeline::Fast`] instead of `O2` or `Light`:
/// their passes (GVN, LICM, the register allocator's work on long live ranges) take time that
/// grows with the square of the function's size (4,000 `if` statements, 60,000 instructions:
/// 11.5 s with `Light`, 0.66 s with `Fast`; at 7,500 instructions 0.20 s and 0.04 s).
pub const LARGE_FUNCTION: usize = 10_000;

impl Pipeline {
    /// The pipeline for a function of `insts` IR instructions: this one, or `Fast` for a large
    /// function ([`LARGE_FUNCTION`]) under a slower one.
    pub fn for_size(self, insts: usize) -> Pipeline {
        match self {
            Pipeline::O2 | Pipeline::Light if insts > LARGE_FUNCTION => Pipeline::Fast,
            p => p,
        }
    }

    /// The new-pass-manager pipeline string.
    pub fn passes(self) -> &'static str {
        match self {
            Pipeline::O2 => "default<O2>",
            // `instcombine` alone means `<verify-fixpoint>` in LLVM 19's pipeline parser: IR
            // that one round does not settle aborts the process ("did not reach a fixpoint").
            // `default<O2>` runs it `<no-verify-fixpoint>`, as these do.
            Pipeline::Light => "function(sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg,reassociate,gvn,loop-mssa(loop-rotate,licm),simplifycfg)",
            Pipeline::Fast => "function(sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg)",
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

    /// Whether FastISel selects instructions (with the SelectionDAG as its fallback, per
    /// instruction it cannot handle), rather than the SelectionDAG alone. `Light` uses it too:
    /// with its code generator level (greedy register allocation, the machine passes), its code
    /// ran the nine `bench/` programs within -2%..+3.3% of the SelectionDAG's, interleaved, and
    /// compiled 10-22% sooner (the warm-up workload 42 -> 36 ms under `--tier=jit`, deltablue
    /// 412 -> 322 ms).
    pub fn fast_isel(self) -> bool {
        !matches!(self, Pipeline::O2)
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
    fn jit_tm_set_codegen(
        tm: inkwell::llvm_sys::target_machine::LLVMTargetMachineRef,
        level: i32,
        fast_isel: i32,
    );
    fn jit_minimal_features(
        triple: *const std::ffi::c_char,
        cpu: *const std::ffi::c_char,
        full: *const std::ffi::c_char,
        out: *mut std::ffi::c_char,
        cap: usize,
    ) -> std::ffi::c_long;
}

static INIT: Once = Once::new();
static LAYOUT: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();

/// The host triple and data layout (every module gets them before lowering, so type sizes and
/// alignments match `#[repr(C)]` Rust: `{ i64, i8 }` is 16 bytes). Noted from the first target
/// machine the process creates; one is created for them if none was yet.
pub fn triple_and_layout() -> &'static (String, String) {
    if let Some(l) = LAYOUT.get() {
        return l;
    }
    let t = take(Pipeline::O2).expect("host target machine");
    drop(t);
    LAYOUT.get().expect("noted by target_machine")
}

/// Note the host triple and data layout from `tm`, unless they were already.
fn note_layout(tm: &TargetMachine) {
    LAYOUT.get_or_init(|| {
        let layout = tm.get_target_data().get_data_layout();
        (
            TargetMachine::get_default_triple()
                .as_str()
                .to_string_lossy()
                .into_owned(),
            layout.as_str().to_string_lossy().into_owned(),
        )
    });
}

/// An empty module for the host: its triple and data layout set, as every module jsvm compiles
/// needs them.
pub fn host_module<'c>(cx: &'c inkwell::context::Context, name: &str) -> Module<'c> {
    let m = cx.create_module(name);
    let (triple, layout) = triple_and_layout();
    m.set_triple(&inkwell::targets::TargetTriple::create(triple));
    m.set_data_layout(&inkwell::targets::TargetData::create(layout).get_data_layout());
    m
}

/// Initialize the native target (once per process).
pub fn init() {
    INIT.call_once(|| {
        Target::initialize_native(&InitializationConfig::default()).expect("native target");
    });
}

/// The host CPU's LLVM name and feature string, asked of LLVM once per process: each asking runs
/// ~15 `cpuid` instructions, and `cpuid` traps to the hypervisor in a virtual machine (~4 µs
/// each here). Target machines and the object cache's key both need them.
///
/// The feature string is the short form of the host's ([`minimal_features`]): only where the
/// host differs from the CPU's defaults. Every target machine parses it three times (its
/// subtarget info, then the subtarget of its first function, twice); the host's full list of
/// every feature LLVM knows took ~1.3 M instructions each time, half of a target machine's
/// set-up before its first function.
pub fn host_cpu() -> &'static (String, String) {
    static HOST_CPU: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    HOST_CPU.get_or_init(|| {
        init();
        let name = TargetMachine::get_host_cpu_name();
        let full = TargetMachine::get_host_cpu_features();
        let triple = TargetMachine::get_default_triple();
        let short = minimal_features(triple.as_str(), &name, &full);
        let features: &CStr = short.as_deref().unwrap_or(&full);
        (
            name.to_string_lossy().into_owned(),
            features.to_string_lossy().into_owned(),
        )
    })
}

/// The shortest feature string that gives CPU `cpu` the features of `full` (the shim checks the
/// two give the same feature bits); `None` if it cannot tell.
pub fn minimal_features(triple: &CStr, cpu: &CStr, full: &CStr) -> Option<CString> {
    let mut out = vec![0u8; full.to_bytes().len() + 1];
    // SAFETY: the three strings are NUL-terminated; the shim writes at most `out.len()` bytes
    // (NUL included) into `out` and returns the length written, or a negative number and
    // nothing written.
    let n = unsafe {
        jit_minimal_features(
            triple.as_ptr(),
            cpu.as_ptr(),
            full.as_ptr(),
            out.as_mut_ptr().cast(),
            out.len(),
        )
    };
    let n = usize::try_from(n).ok()?;
    out.truncate(n);
    CString::new(out).ok()
}

/// A target machine for the host, set up for pipeline `p`: PIC, small code model, one section
/// per function, the machine function splitter on (it only splits functions that carry profile
/// counts). Create one per compile thread (creation costs about 0.1-0.3 ms; its first function
/// ~2.5 ms more, see [`take`]).
pub fn target_machine(p: Pipeline) -> Result<TargetMachine, CompileError> {
    init();
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple).map_err(|e| CompileError::Llvm(e.to_string()))?;
    let (cpu, features) = host_cpu();
    let tm = target
        .create_target_machine(
            &triple,
            cpu,
            features,
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
    set_up(&tm, p);
    note_layout(&tm);
    Ok(tm)
}

/// Set `tm`'s code generator up for pipeline `p`: its level and instruction selector.
fn set_up(tm: &TargetMachine, p: Pipeline) {
    // SAFETY: `tm` is a live TargetMachine that no other thread uses (a pooled one is owned by
    // its taker); the shim sets its level and two TargetOptions flags, which LLVM reads when it
    // next builds a code generation pipeline.
    unsafe {
        jit_tm_set_codegen(
            tm.as_mut_ptr(),
            p.codegen() as i32,
            i32::from(p.fast_isel()),
        )
    };
}

/// Which target machines a pipeline can use: those whose subtarget was built at a code
/// generator level of the same family. A machine builds its subtarget (instruction selection
/// tables, register info, legalizer: the bulk of its first function's ~2.5 ms) once, and x86's
/// lowering depends on the level only from `Default` up (it bypasses slow divisions). So the
/// quick tier's machine, warmed at start-up, also compiles the optimized batch (~1.2 ms less
/// for its first function than a machine of its own, measured).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// Levels `None` and `Less`.
    Low,
    /// Levels `Default` and `Aggressive`.
    High,
}

impl Pipeline {
    fn family(self) -> Family {
        match self.codegen() {
            OptimizationLevel::None | OptimizationLevel::Less => Family::Low,
            OptimizationLevel::Default | OptimizationLevel::Aggressive => Family::High,
        }
    }
}

/// A target machine that a compile thread took from the [pool](take). Dropping it gives it back,
/// so that the next batch finds it warm.
pub struct PooledTm {
    tm: std::mem::ManuallyDrop<TargetMachine>,
    family: Family,
    /// The pipeline the machine is set up for.
    pipeline: Pipeline,
}

impl PooledTm {
    /// This machine set up for pipeline `p`: the same one (set up again if another pipeline of
    /// the family used it), or, for a pipeline of another family, one taken from the pool (this
    /// one goes back). A batch whose large functions get [`Pipeline::Fast`] switches so.
    pub fn switch(
        slot: &mut Option<PooledTm>,
        p: Pipeline,
    ) -> Result<&TargetMachine, CompileError> {
        if slot.as_ref().is_some_and(|t| t.family != p.family()) {
            *slot = None;
        }
        let t = match slot {
            Some(t) => t,
            None => slot.insert(take(p)?),
        };
        if t.pipeline != p {
            set_up(&t.tm, p);
            t.pipeline = p;
        }
        Ok(&t.tm)
    }

    /// The machine (shared: a machine changed here would break the pool's rule that machines
    /// of one family are configured alike).
    pub fn tm(&self) -> &TargetMachine {
        &self.tm
    }
}

impl Drop for PooledTm {
    fn drop(&mut self) {
        // SAFETY: `self.tm` is taken once, here, and never used again.
        let tm = unsafe { std::mem::ManuallyDrop::take(&mut self.tm) };
        pool().idle.push((tm, self.family));
        POOL_CHANGED.notify_all();
    }
}

// SAFETY: an LLVM TargetMachine has no thread affinity; a PooledTm is owned, so only one thread
// uses it at a time (the pool hands it out by value).
unsafe impl Send for PooledTm {}

/// Idle target machines by family, and how many are still warming.
struct Pool {
    idle: Vec<(TargetMachine, Family)>,
    warming: Vec<Family>,
}

// SAFETY: the pool's machines are used only by the thread that takes one out (see PooledTm).
unsafe impl Send for Pool {}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    idle: Vec::new(),
    warming: Vec::new(),
});
static POOL_CHANGED: Condvar = Condvar::new();

fn pool() -> std::sync::MutexGuard<'static, Pool> {
    POOL.lock().unwrap_or_else(|e| e.into_inner())
}

/// A target machine for pipeline `p`, set up for it: an idle one of its family from the pool
/// (usually one that already compiled a function, whose subtarget is built), else, when one
/// of its family is being warmed, that one once ready, else a new one.
pub fn take(p: Pipeline) -> Result<PooledTm, CompileError> {
    let family = p.family();
    let mut g = pool();
    loop {
        if let Some(i) = g.idle.iter().position(|t| t.1 == family) {
            let (tm, _) = g.idle.swap_remove(i);
            drop(g);
            set_up(&tm, p);
            return Ok(PooledTm {
                tm: std::mem::ManuallyDrop::new(tm),
                family,
                pipeline: p,
            });
        }
        if !g.warming.contains(&family) {
            break;
        }
        g = POOL_CHANGED.wait(g).unwrap_or_else(|e| e.into_inner());
    }
    drop(g);
    Ok(PooledTm {
        tm: std::mem::ManuallyDrop::new(target_machine(p)?),
        family,
        pipeline: p,
    })
}

/// How many idle target machines pipeline `p` could take from the pool now.
pub fn idle(p: Pipeline) -> usize {
    let family = p.family();
    pool().idle.iter().filter(|t| t.1 == family).count()
}

/// Start warming `n` (0 = one per core) target machines for pipeline `p` on threads of their
/// own (each creates one and compiles a tiny function with it), so that a batch about to come
/// (a Jump-Start consumer's, while the front end runs) finds them ready. [`wait_warming`] joins
/// them.
pub fn prewarm(p: Pipeline, n: usize) {
    let family = p.family();
    let n = match n {
        0 => jsvm_runtime::cpu::cores(),
        n => n,
    };
    for _ in 0..n {
        pool().warming.push(family);
        let entry = Warming(family);
        // A thread that cannot start drops `entry` with its closure.
        let _ = std::thread::Builder::new()
            .name("jsvm-llvm-warm".into())
            .spawn(jsvm_runtime::cpu::off_this_cpu(move || {
                let _entry = entry;
                if let Ok(tm) = target_machine(p) {
                    let t = PooledTm {
                        tm: std::mem::ManuallyDrop::new(tm),
                        family,
                        pipeline: p,
                    };
                    // Failed or not, the machine goes back to the pool.
                    let _ = warm(t.tm());
                }
            }));
        jsvm_runtime::cpu::let_child_run();
    }
}

/// A machine being warmed for a family: dropping it (when the warm-up ends, fails, panics, or
/// its thread cannot start) takes the family's entry out of `warming` and wakes the waiters.
struct Warming(Family);

impl Drop for Warming {
    fn drop(&mut self) {
        let mut g = pool();
        if let Some(i) = g.warming.iter().position(|&l| l == self.0) {
            g.warming.swap_remove(i);
        }
        drop(g);
        POOL_CHANGED.notify_all();
    }
}

/// Wait until no target machine is warming (before the process exits: LLVM's static
/// destructors must not run under a thread still in LLVM).
pub fn wait_warming() {
    let mut g = pool();
    while !g.warming.is_empty() {
        g = POOL_CHANGED.wait(g).unwrap_or_else(|e| e.into_inner());
    }
}

/// Compile a one-instruction function with `tm`, which builds its subtarget (instruction
/// selection tables, register info, legalizer: the bulk of a first compile's cost).
fn warm(tm: &TargetMachine) -> Result<(), CompileError> {
    let cx = inkwell::context::Context::create();
    let m = host_module(&cx, "jsvm.warm");
    let i64t = cx.i64_type();
    let f = m.add_function("jsvm.warm", i64t.fn_type(&[i64t.into()], false), None);
    let b = cx.create_builder();
    b.position_at_end(cx.append_basic_block(f, "entry"));
    let x = f.get_first_param().map(|v| v.into_int_value());
    let x = x.ok_or_else(|| CompileError::Llvm("warm-up function has no parameter".into()))?;
    let y = b
        .build_int_add(x, i64t.const_int(1, false), "y")
        .map_err(|e| CompileError::Llvm(e.to_string()))?;
    b.build_return(Some(&y))
        .map_err(|e| CompileError::Llvm(e.to_string()))?;
    tm.write_to_memory_buffer(&m, inkwell::targets::FileType::Object)
        .map_err(|e| CompileError::Llvm(e.to_string()))?;
    Ok(())
}

/// Run pipeline `p` over `m` (`Quick` runs nothing, not even `LLVMRunPasses`: setting up the
/// pass and analysis managers costs only 5-20 µs per module, but the first run of the `fast`
/// passes in a process costs ~0.8 ms more, measured on a one-instruction function).
pub fn optimize(m: &Module<'_>, tm: &TargetMachine, p: Pipeline) -> Result<(), CompileError> {
    if p.passes().is_empty() {
        return Ok(());
    }
    m.run_passes(p.passes(), tm, PassBuilderOptions::create())
        .map_err(|e| CompileError::Llvm(e.to_string()))
}
