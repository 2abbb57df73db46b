//! jsvm-llvm: the optimized tier — IR→LLVM IR through inkwell, the pass pipeline, object emission, the code cache and loader, disassembly, perf map and unwind registration.
//!
//! [`LlvmCompiler`] implements the runtime's `Compiler`: it lowers each function into its own
//! LLVM module, optimizes and emits them in parallel (one `Context` and `TargetMachine` per
//! thread), loads the objects into the code cache as one batch, publishes it (W^X), registers
//! the `.eh_frame`s, fills the typed-entry table and returns the generic entries. A function that
//! cannot be compiled (unsupported instruction, LLVM or loader error) is left out and stays
//! interpreted: never a wrong answer.

pub mod code_cache;
pub mod disasm;
pub mod emit;
pub mod error;
pub mod loader;
pub mod lower;
pub mod perf_map;
pub mod pipeline;
pub mod unwind;

use code_cache::{Area, CodeCache};
pub use error::{CompileError, LoadError};
use inkwell::context::Context;
use jsvm_ir::{FuncId, Module};
use jsvm_runtime::tier::{Compiler, GenericEntry};
use loader::Piece;
use lower::{LowerEnv, SideTables};
pub use pipeline::Pipeline;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Compiler settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// The optimization pipeline.
    pub pipeline: Pipeline,
    /// Compile threads (0 = available parallelism).
    pub threads: usize,
    /// Write `/tmp/perf-<pid>.map`.
    pub perf_map: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pipeline: Pipeline::O2,
            threads: 0,
            perf_map: false,
        }
    }
}

/// What happened to one function.
#[derive(Clone, Debug)]
pub struct FuncStat {
    /// The function.
    pub func: FuncId,
    /// Qualified name.
    pub name: String,
    /// Lowering + passes + code generation time (on its compile thread).
    pub compile_time: Duration,
    /// Bytes of machine code (all pieces).
    pub code_size: usize,
    /// Why it was not compiled, if it was not.
    pub error: Option<String>,
}

struct State {
    cache: CodeCache,
    typed: Option<Box<[AtomicUsize]>>,
    side: Vec<SideTables>,
    frames: Vec<unwind::FrameRegistration>,
    pieces: Vec<Piece>,
    stats: Vec<FuncStat>,
}

/// The LLVM tier. Code lives as long as the compiler (a CLI run never frees code).
pub struct LlvmCompiler {
    opts: Options,
    state: Mutex<State>,
}

/// The output of one compile thread for one function.
type Job = (
    FuncId,
    Result<(Vec<u8>, SideTables), CompileError>,
    Duration,
);

impl LlvmCompiler {
    /// A compiler with its own code cache.
    pub fn new(opts: Options) -> Result<LlvmCompiler, LoadError> {
        pipeline::init();
        Ok(LlvmCompiler {
            opts,
            state: Mutex::new(State {
                cache: CodeCache::new()?,
                typed: None,
                side: Vec::new(),
                frames: Vec::new(),
                pieces: Vec::new(),
                stats: Vec::new(),
            }),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Per-function compile results so far.
    pub fn stats(&self) -> Vec<FuncStat> {
        self.lock().stats.clone()
    }

    /// Every loaded piece of code (functions and stubs) with its area.
    pub fn pieces(&self) -> Vec<Piece> {
        self.lock().pieces.clone()
    }

    /// Bytes used per area.
    pub fn area_usage(&self) -> Vec<(Area, usize)> {
        let s = self.lock();
        Area::ALL.iter().map(|&a| (a, s.cache.used(a))).collect()
    }

    /// Compile `funcs` of `module` in parallel and publish them; returns the generic entries of
    /// those that compiled. The code is live (reachable through the returned entries and the
    /// typed-entry table) when this returns.
    pub fn compile_batch(
        &self,
        module: &Module,
        funcs: &[FuncId],
    ) -> Result<Vec<(FuncId, GenericEntry)>, LoadError> {
        let sigs: Vec<_> = module.funcs.iter().map(lower::signature).collect();
        let table_addr = {
            let mut s = self.lock();
            let n = module.funcs.len();
            let t = s
                .typed
                .get_or_insert_with(|| (0..n).map(|_| AtomicUsize::new(0)).collect());
            assert_eq!(t.len(), n, "one compiler per module");
            t.as_ptr() as usize
        };
        let env = LowerEnv {
            module,
            sigs: &sigs,
            typed_table: table_addr,
        };
        let threads = match self.opts.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
        .min(funcs.len().max(1));
        let pipeline = self.opts.pipeline;
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Job>> = Mutex::new(Vec::new());
        std::thread::scope(|sc| {
            for _ in 0..threads {
                sc.spawn(|| {
                    let tm = match pipeline::target_machine(pipeline) {
                        Ok(tm) => tm,
                        Err(e) => {
                            let msg = e.to_string();
                            let mut r = results.lock().unwrap_or_else(|e| e.into_inner());
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(&f) = funcs.get(i) else { break };
                                r.push((f, Err(CompileError::Llvm(msg.clone())), Duration::ZERO));
                            }
                            return;
                        }
                    };
                    let cx = Context::create();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&f) = funcs.get(i) else { break };
                        let t0 = Instant::now();
                        let mut side = SideTables::default();
                        let r = (|| {
                            let m = lower::lower_function(&cx, &env, f, &mut side)?;
                            pipeline::optimize(&m, &tm, pipeline)?;
                            emit::object(&m, &tm)
                        })();
                        let job = (f, r.map(|o| (o, side)), t0.elapsed());
                        results.lock().unwrap_or_else(|e| e.into_inner()).push(job);
                    }
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results.sort_by_key(|r| r.0);

        let mut s = self.lock();
        let s = &mut *s;
        let mut loaded = Vec::new();
        {
            let mut batch = loader::Batch::new(&mut s.cache, Area::Hot);
            for (f, r, time) in results {
                let func = module.func(f);
                let mut stat = FuncStat {
                    func: f,
                    name: func.name.to_string(),
                    compile_time: time,
                    code_size: 0,
                    error: None,
                };
                match r.map_err(|e| e.to_string()).and_then(|(obj, side)| {
                    batch
                        .load(&obj)
                        .map(|l| (l, side))
                        .map_err(|e| e.to_string())
                }) {
                    Ok((l, side)) => {
                        let typed = l.symbols.get(&lower::typed_symbol(func)).copied();
                        let generic = l.symbols.get(&lower::generic_symbol(func)).copied();
                        match (typed, generic) {
                            (Some(t), Some(g)) => {
                                stat.code_size = l.pieces.iter().map(|p| p.range.len()).sum();
                                loaded.push((f, t, g, l));
                                s.side.push(side);
                            }
                            _ => stat.error = Some("entry symbols missing from the object".into()),
                        }
                    }
                    Err(e) => stat.error = Some(e),
                }
                s.stats.push(stat);
            }
        }
        s.cache.publish()?;
        let table = s.typed.as_ref().expect("typed table");
        let mut out = Vec::new();
        for (f, t, g, l) in loaded {
            if let Some(eh) = &l.eh_frame {
                // SAFETY: the section was relocated, ends with its zero terminator, and was sealed
                // read-only by `publish`; the code cache is never unmapped.
                s.frames
                    .push(unsafe { unwind::FrameRegistration::register(eh.start) });
            }
            if self.opts.perf_map {
                for p in l.pieces.iter().chain(&l.stubs) {
                    perf_map::add(p.range.start, p.range.len(), &p.name);
                }
            }
            s.pieces.extend(l.pieces.into_iter().chain(l.stubs));
            table[f.index()].store(t, Ordering::Release);
            // SAFETY: `g` is the address of the generic entry just published, whose LLVM signature
            // is exactly `GenericEntry`'s (ctx, args, argc) -> { i64, i64 }.
            let entry = unsafe { std::mem::transmute::<usize, GenericEntry>(g) };
            out.push((f, entry));
        }
        Ok(out)
    }

    /// The names of compiled pieces and helpers by address (for disassembly).
    pub fn symbol_names(&self) -> BTreeMap<u64, String> {
        let mut names = BTreeMap::new();
        for p in self.pieces() {
            names.insert(p.range.start as u64, p.name.clone());
        }
        for &h in loader::helpers::Helper::ALL {
            names.insert(h.addr() as u64, h.symbol().to_string());
        }
        names
    }

    /// Disassembly of every loaded piece whose name contains `filter` (all when `None`), each
    /// under a header naming its area.
    pub fn disassemble(&self, filter: Option<&str>) -> String {
        let names = self.symbol_names();
        let mut out = String::new();
        let mut pieces = self.pieces();
        pieces.sort_by_key(|p| p.range.start);
        for p in pieces {
            if filter.is_some_and(|f| !p.name.contains(f)) {
                continue;
            }
            out.push_str(&format!(
                "{} [{}] {:#x}, {} bytes:\n",
                p.name,
                p.area,
                p.range.start,
                p.range.len()
            ));
            // SAFETY: published code is mapped readable for the life of the compiler.
            let code =
                unsafe { std::slice::from_raw_parts(p.range.start as *const u8, p.range.len()) };
            out.push_str(&disasm::disassemble(code, p.range.start as u64, &names));
            out.push('\n');
        }
        out
    }
}

impl Compiler for LlvmCompiler {
    fn compile(
        &self,
        module: &Module,
        funcs: &[FuncId],
    ) -> Result<Vec<(FuncId, GenericEntry)>, String> {
        self.compile_batch(module, funcs).map_err(|e| e.to_string())
    }
}

/// The LLVM IR of function `f`: as lowered, or after pipeline `opt` (for `jsvm dump-llvm`).
pub fn dump_llvm(
    module: &Module,
    f: FuncId,
    opt: Option<Pipeline>,
) -> Result<String, CompileError> {
    let sigs: Vec<_> = module.funcs.iter().map(lower::signature).collect();
    let env = LowerEnv {
        module,
        sigs: &sigs,
        typed_table: 0x7000_0000_0000,
    };
    let cx = Context::create();
    let mut side = SideTables::default();
    let m = lower::lower_function(&cx, &env, f, &mut side)?;
    if let Some(p) = opt {
        let tm = pipeline::target_machine(p)?;
        pipeline::optimize(&m, &tm, p)?;
    }
    // The side tables' addresses are in the text; they are not used, so they may be freed.
    Ok(m.print_to_string().to_string())
}
