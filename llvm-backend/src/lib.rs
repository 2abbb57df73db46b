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
pub mod object_cache;
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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
    /// Speculate from a batch's type histograms (guards with frame states); `None` = static
    /// types only (the `jit` tier).
    pub speculation: Option<jsvm_opt::specialize::Policy>,
    /// The deopt-every-N stress switch (0 = off).
    pub deopt_every: u32,
    /// Inline small nothrow callees (`jsvm_opt::inline`); `None` = off.
    pub inline: Option<jsvm_opt::inline::Policy>,
    /// Print the optimizer's IR (guards, inlined code) of each function it changed to stderr.
    pub dump_ir: bool,
    /// What compiled code polls at function entries and loop headers.
    pub poll: Poll,
    /// Load objects of IR compiled before (by this or an earlier process) from this cache, and
    /// store the objects compiled here.
    pub object_cache: Option<std::sync::Arc<object_cache::ObjectCache>>,
}

/// What compiled code polls at function entries and loop headers (DESIGN.md: "Both tiers poll
/// ctx.surprise"); the interpreter always polls both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Poll {
    /// Nothing (`jsvm run` without `--max-steps`: no thread can stop a CLI run).
    #[default]
    Off,
    /// `Ctx::stop`, which another thread sets (`jsvm serve`: time-outs, a forced stop): one
    /// load and one branch.
    Stop,
    /// `Ctx::stop` and the step budget (`--max-steps`).
    Budget,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pipeline: Pipeline::Light,
            threads: 0,
            perf_map: false,
            speculation: None,
            deopt_every: 0,
            inline: Some(jsvm_opt::inline::Policy::default()),
            dump_ir: false,
            poll: Poll::Off,
            object_cache: None,
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
    /// Guards placed from the type profile.
    pub guards: usize,
}

struct State {
    cache: CodeCache,
    typed: Option<Box<[AtomicUsize]>>,
    side: Vec<SideTables>,
    frames: Vec<unwind::FrameRegistration>,
    pieces: Vec<Piece>,
    stats: Vec<FuncStat>,
    c3_order: Vec<FuncId>,
}

impl State {
    /// Take over a loaded object's code once it is published: register its `.eh_frame`, add its
    /// pieces to the perf map (when asked) and to the list that dumps read.
    fn adopt(&mut self, l: loader::Loaded, perf_map: bool) {
        if let Some(eh) = &l.eh_frame {
            // SAFETY: the section was relocated, ends with its zero terminator, and was sealed
            // read-only by `publish`; the code cache is never unmapped.
            let section = unsafe { std::slice::from_raw_parts(eh.start as *const u8, eh.len()) };
            // SAFETY: as above.
            self.frames
                .extend(unsafe { unwind::FrameRegistration::register_each(section) });
        }
        if perf_map {
            for p in l.pieces.iter().chain(&l.stubs) {
                perf_map::add(p.range.start, p.range.len(), &p.name);
            }
        }
        self.pieces.extend(l.pieces.into_iter().chain(l.stubs));
    }
}

/// How one batch compiles, beyond the compiler's [`Options`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BatchPlan<'p> {
    /// Steers placement and branch weights: profile metadata in the LLVM IR (cold blocks split
    /// off to the cold area), the hot parts in C3 order in a fresh huge-page range of the hot
    /// area. Without it the batch goes to the main area.
    pub layout: Option<&'p jsvm_profiler::Profile>,
    /// Type histograms for guards with frame states, when the options allow speculation.
    pub speculation: Option<&'p jsvm_profiler::Profile>,
    /// This batch's pipeline instead of the options' (a quick tier that later batches replace).
    pub pipeline: Option<Pipeline>,
    /// This batch's compile threads instead of the options' (0 = available parallelism).
    pub threads: Option<usize>,
    /// Take only the functions whose objects are in the object cache (no LLVM passes or code
    /// generation); the others are left out of the batch, for a later one.
    pub cached_only: bool,
    /// Set when the run no longer needs the batch (the program ended): the compile threads
    /// stop before their next function and nothing is published.
    pub cancel: Option<&'p AtomicBool>,
}

/// Hot code of a profile-guided batch (bytes) from which its range is advised `MADV_HUGEPAGE`.
pub const HUGE_PAGE_MIN_BATCH: u64 = 64 * 4096;

/// The LLVM tier. Code lives as long as the compiler (a CLI run never frees code).
pub struct LlvmCompiler {
    opts: Options,
    state: Mutex<State>,
    /// What lowering and the optimizer need about the whole module, computed once (a compiler
    /// serves one module).
    facts: std::sync::OnceLock<Facts>,
}

/// Module-wide facts: typed signatures, nothrow, and the type oracle.
struct Facts {
    sigs: Vec<Result<lower::Sig, String>>,
    nothrow: Vec<bool>,
    classes: lower::Classes,
    oracle: jsvm_ir::infer::ModuleOracle<fn(&str) -> jsvm_ir::Type>,
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
            facts: std::sync::OnceLock::new(),
            state: Mutex::new(State {
                cache: CodeCache::new()?,
                typed: None,
                side: Vec::new(),
                frames: Vec::new(),
                pieces: Vec::new(),
                stats: Vec::new(),
                c3_order: Vec::new(),
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

    /// The C3 order of the profiled batches, one after the other (empty without a profile).
    pub fn c3_order(&self) -> Vec<FuncId> {
        self.lock().c3_order.clone()
    }

    /// Whether the compiler loads and stores objects through an object cache.
    pub fn has_object_cache(&self) -> bool {
        self.opts.object_cache.is_some()
    }

    /// Bytes of the hot area advised `MADV_HUGEPAGE` (large batches only).
    pub fn hot_advised(&self) -> usize {
        self.lock().cache.hot_advised
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
        self.compile_batch_profiled(module, funcs, None)
    }

    /// [`LlvmCompiler::compile_batch`] steered by a profile (Jump-Start, retranslate-all):
    /// profile metadata in the LLVM IR (cold blocks split off to the cold area by the machine
    /// function splitter), and the hot parts placed in C3 order (Ottoni & Maher), computed from
    /// the profiled call graph and the real sizes of the compiled hot parts, in a fresh 2 MiB-
    /// aligned range of the hot area that is published at once.
    pub fn compile_batch_profiled(
        &self,
        module: &Module,
        funcs: &[FuncId],
        profile: Option<&jsvm_profiler::Profile>,
    ) -> Result<Vec<(FuncId, GenericEntry)>, LoadError> {
        let plan = BatchPlan {
            layout: profile,
            speculation: profile,
            ..BatchPlan::default()
        };
        self.compile_batch_with(module, funcs, plan)
    }

    /// The general batch, as `plan` says (see [`BatchPlan`]).
    pub fn compile_batch_with(
        &self,
        module: &Module,
        funcs: &[FuncId],
        plan: BatchPlan<'_>,
    ) -> Result<Vec<(FuncId, GenericEntry)>, LoadError> {
        let BatchPlan {
            layout: profile,
            speculation,
            pipeline,
            threads,
            cached_only,
            cancel,
        } = plan;
        let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Acquire));
        let policy = self.opts.speculation;
        let speculation = speculation.filter(|_| policy.is_some());
        let Facts {
            sigs,
            nothrow,
            classes,
            oracle,
        } = self.facts(module);
        let inline = self.opts.inline;
        let dump_ir = self.opts.dump_ir;
        let object_cache = self.opts.object_cache.as_deref();
        let table_addr = self.typed_table(module);
        let env = LowerEnv {
            module,
            sigs,
            typed_table: table_addr,
            profile,
            deopt_every: self.opts.deopt_every,
            poll: self.opts.poll,
            nothrow,
            speculation,
            classes,
        };
        let threads = match threads.unwrap_or(self.opts.threads) {
            0 => jsvm_runtime::cpu::cores(),
            n => n,
        }
        .min(funcs.len().max(1));
        let pipeline = pipeline.unwrap_or(self.opts.pipeline);
        let next = AtomicUsize::new(0);
        // A cache-only batch's hits and misses are the cache's counts since it began.
        let cache_before = object_cache.map(|c| c.stats());
        let results: Mutex<Vec<Job>> = Mutex::new(Vec::new());
        // One share of the batch: functions taken in turn until none is left.
        let work = || {
            // Created on the first object this thread does not find in the cache.
            let mut tm = None;
            let cx = Context::create();
            loop {
                if cancelled() {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&f) = funcs.get(i) else { break };
                let t0 = Instant::now();
                let mut side = SideTables::default();
                // A batch of what the cache has gives up on a cache that has nothing
                // (cold, or written by another jsvm): after 8 misses without a hit, the
                // rest is not even lowered.
                let hopeless = || match (object_cache, cache_before) {
                    (Some(c), Some(before)) => {
                        let now = c.stats();
                        now.misses - before.misses >= 8 && now.hits == before.hits
                    }
                    _ => true,
                };
                if cached_only && hopeless() {
                    let job = (f, Err(CompileError::NotCached), Duration::ZERO);
                    results.lock().unwrap_or_else(|e| e.into_inner()).push(job);
                    continue;
                }
                // An optimizer or lowering bug leaves the function interpreted; it
                // never takes the process down.
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let func = module.func(f);
                    let fp = speculation.and_then(|p| p.funcs.get(&*func.name));
                    let body = optimize(module, func, fp, policy, inline, nothrow, oracle);
                    if let (Some(g), true) = (&body, dump_ir) {
                        let mut s = String::new();
                        let _ = jsvm_ir::write::write_function(&mut s, f, g);
                        eprintln!("{s}");
                    }
                    let pipeline = pipeline.for_size(body.as_ref().unwrap_or(func).dfg.insts.len());
                    let r = (|| {
                        let b = body
                            .as_ref()
                            .map_or(lower::Body::Baseline, lower::Body::Optimized);
                        let m = lower::lower_function(&cx, &env, f, b, &mut side)?;
                        match object_cache {
                            // (A cache-only batch without a cache stopped above.)
                            Some(c) if cached_only => c
                                .get(&c.key(lower::ir_bytes(&m).as_slice(), pipeline))
                                .ok_or(CompileError::NotCached),
                            _ => codegen(&m, &mut tm, pipeline, object_cache),
                        }
                    })();
                    r
                }))
                .unwrap_or_else(|p| {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    Err(CompileError::Llvm(format!(
                        "internal compiler error: {msg}"
                    )))
                });
                let job = (f, r.map(|o| (o, side)), t0.elapsed());
                results.lock().unwrap_or_else(|e| e.into_inner()).push(job);
            }
            // (`tm`, if taken, goes back to the pool as it drops.)
        };
        // The calling thread takes a share too (a background batch's caller is a compile
        // thread already; a waiting caller has nothing else to do).
        std::thread::scope(|sc| {
            for _ in 1..threads {
                sc.spawn(jsvm_runtime::cpu::off_this_cpu(&work));
                jsvm_runtime::cpu::let_child_run();
            }
            work();
        });
        if cancelled() {
            return Ok(Vec::new());
        }
        let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results.sort_by_key(|r| r.0);
        if let Some(p) = profile {
            let order = c3_placement(module, p, &results);
            let pos = |f: FuncId| order.iter().position(|&g| g == f).unwrap_or(usize::MAX);
            results.sort_by_key(|r| (pos(r.0), r.0));
            self.lock().c3_order.extend(order);
        }

        let mut s = self.lock();
        let s = &mut *s;
        let mut loaded = Vec::new();
        {
            // A profile-guided batch gets a fresh huge-page range of the hot area, in C3 order;
            // any other batch (`jit`, `auto`) goes to the main area (4 KiB pages).
            let area = if profile.is_some() {
                Area::Hot
            } else {
                Area::Main
            };
            // Huge pages pay when the batch's hot code spans more 4 KiB pages than the first-
            // level iTLB maps (64); for a smaller batch, faulting in a 2 MiB page costs ~0.25 ms
            // of zeroing and now and then a compaction stall of ~5 ms (measured), for nothing.
            if profile.is_some() {
                let hot: u64 = results
                    .iter()
                    .filter_map(|(_, r, _)| hot_size(&r.as_ref().ok()?.0))
                    .sum();
                if hot >= HUGE_PAGE_MIN_BATCH {
                    s.cache.advise_huge(hot as usize);
                }
            }
            let mut batch = loader::Batch::new(&mut s.cache, area);
            for (f, r, time) in results {
                if matches!(r, Err(CompileError::NotCached)) {
                    continue;
                }
                let func = module.func(f);
                let mut stat = FuncStat {
                    func: f,
                    name: func.name.to_string(),
                    compile_time: time,
                    code_size: 0,
                    error: None,
                    guards: 0,
                };
                match r.map_err(|e| e.to_string()).and_then(|(obj, side)| {
                    batch
                        .load(&obj, &side.addrs)
                        .map(|l| (l, side))
                        .map_err(|e| e.to_string())
                }) {
                    Ok((l, side)) => {
                        let typed = l.symbols.get(&lower::typed_symbol(func)).copied();
                        let generic = l.symbols.get(&lower::generic_symbol(func)).copied();
                        match (typed, generic) {
                            (Some(t), Some(g)) => {
                                stat.code_size = l.pieces.iter().map(|p| p.range.len()).sum();
                                stat.guards = side.deopts.len();
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
        let mut out = Vec::new();
        for (f, t, g, l) in loaded {
            s.adopt(l, self.opts.perf_map);
            let table = s.typed.as_ref().expect("typed table");
            table[f.index()].store(t, Ordering::Release);
            // SAFETY: `g` is the address of the generic entry just published, whose LLVM signature
            // is exactly `GenericEntry`'s (ctx, args, argc) -> { i64, i64 }.
            let entry = unsafe { std::mem::transmute::<usize, GenericEntry>(g) };
            out.push((f, entry));
        }
        Ok(out)
    }

    /// The module-wide facts, computed on first use.
    fn facts(&self, module: &Module) -> &Facts {
        self.facts.get_or_init(|| {
            let (sigs, nothrow) = lower::facts(module);
            let builtins: fn(&str) -> jsvm_ir::Type = jsvm_runtime::interp::builtin_result_type;
            Facts {
                sigs,
                nothrow,
                classes: lower::Classes::of(module),
                oracle: jsvm_ir::infer::ModuleOracle::new(module, builtins),
            }
        })
    }

    /// The address of the typed-entry table (one slot per function of `module`), created on
    /// first use.
    fn typed_table(&self, module: &Module) -> usize {
        let mut s = self.lock();
        let n = module.funcs.len();
        let t = s
            .typed
            .get_or_insert_with(|| (0..n).map(|_| AtomicUsize::new(0)).collect());
        assert_eq!(t.len(), n, "one compiler per module");
        t.as_ptr() as usize
    }

    /// Compile `osr`, an OSR function of `fid` (`jsvm_opt::osr::osr_function_around`), into the
    /// main area and publish it. Returns its generic entry and the baseline values its arguments
    /// are, in order.
    ///
    /// With `profile`, which has `fid`'s (the OSR function keeps `fid`'s value and inst ids),
    /// it speculates as `fid`'s own compile would (when the options speculate): on the type
    /// histograms, with guards whose failure resumes `fid` in the interpreter, and on the call
    /// targets, with direct method calls.
    pub fn compile_osr(
        &self,
        module: &Module,
        fid: FuncId,
        osr: &jsvm_opt::osr::OsrFunction,
        profile: Option<&jsvm_profiler::Profile>,
    ) -> Result<(GenericEntry, Vec<u32>), String> {
        let t0 = Instant::now();
        let profile = profile.filter(|_| self.opts.speculation.is_some());
        let fp = profile.and_then(|p| p.funcs.get(&*module.func(fid).name));
        let facts = self.facts(module);
        // Specialized only: OSR code inlines nothing.
        let specialized = optimize(
            module,
            &osr.func,
            fp,
            self.opts.speculation,
            None,
            &facts.nothrow,
            &facts.oracle,
        );
        let body = specialized.as_ref().unwrap_or(&osr.func);
        let table_addr = self.typed_table(module);
        let env = LowerEnv {
            module,
            sigs: &facts.sigs,
            typed_table: table_addr,
            profile: None,
            deopt_every: self.opts.deopt_every,
            poll: self.opts.poll,
            nothrow: &facts.nothrow,
            speculation: profile,
            classes: &facts.classes,
        };
        let mut tm = None;
        let cx = Context::create();
        let mut side = SideTables::default();
        let obj = (|| {
            let m = lower::lower_function(&cx, &env, fid, lower::Body::Osr(body, osr), &mut side)?;
            codegen(
                &m,
                &mut tm,
                self.opts.pipeline.for_size(body.dfg.insts.len()),
                self.opts.object_cache.as_deref(),
            )
        })();
        drop(tm);
        let obj = obj.map_err(|e| e.to_string())?;
        let mut s = self.lock();
        let s = &mut *s;
        let l = loader::Batch::new(&mut s.cache, Area::Main)
            .load(&obj, &side.addrs)
            .map_err(|e| e.to_string())?;
        let g = l
            .symbols
            .get(&lower::generic_symbol(&osr.func))
            .copied()
            .ok_or("entry symbol missing from the object")?;
        s.cache.publish().map_err(|e| e.to_string())?;
        s.stats.push(FuncStat {
            func: fid,
            name: osr.func.name.to_string(),
            compile_time: t0.elapsed(),
            code_size: l.pieces.iter().map(|p| p.range.len()).sum(),
            error: None,
            guards: 0,
        });
        s.adopt(l, self.opts.perf_map);
        s.side.push(side);
        // SAFETY: `g` is the published generic entry of the OSR function, whose LLVM signature is
        // `GenericEntry`'s.
        let entry = unsafe { std::mem::transmute::<usize, GenericEntry>(g) };
        Ok((entry, osr.live_in.iter().map(|v| v.0).collect()))
    }

    /// Send `f` back to the interpreter: compiled callers find no typed entry (until `f` is
    /// compiled again). The caller also unpublishes the generic entry.
    pub fn retire(&self, f: FuncId) {
        if let Some(t) = &self.lock().typed {
            if let Some(slot) = t.get(f.index()) {
                slot.store(0, Ordering::Release);
            }
        }
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

    /// Disassembly of every loaded piece of symbol `filter` (`hack.f`: its pieces `hack.f`,
    /// `hack.f.entry`, `hack.f.cold`, ...; all when `None`), each under a header naming its
    /// area.
    pub fn disassemble(&self, filter: Option<&str>) -> String {
        let names = self.symbol_names();
        let mut out = String::new();
        let mut pieces = self.pieces();
        pieces.sort_by_key(|p| p.range.start);
        for p in pieces {
            let of =
                |f: &str| p.name == f || p.name.strip_prefix(f).is_some_and(|r| r.starts_with('.'));
            if filter.is_some_and(|f| !of(f)) {
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

/// The inlining decisions at the direct call sites of `f` (its first round), as a batch
/// compiled with `profile` and `policy` makes them.
pub fn inline_decisions(
    module: &Module,
    f: FuncId,
    profile: Option<&jsvm_profiler::Profile>,
    policy: &jsvm_opt::inline::Policy,
    nothrow: &[bool],
) -> Vec<jsvm_opt::inline::Decision> {
    let func = module.func(f);
    let fp = profile.and_then(|p| p.funcs.get(&*func.name));
    jsvm_opt::inline::inline(module, func, nothrow, fp, policy).1
}

/// The functions of `batch` that need no code of their own: every direct call of them is in a
/// function of the batch, and no kept function of the batch still calls them once optimized as
/// the batch compiles it (speculation with `spec`, then inlining with `policy`, a few rounds
/// deep: a call copied in by inlining that the budget left a call counts too); and no dynamic
/// call reached them in the profile. (Leaving one out wrongly only costs speed: a call that
/// still comes runs it in the interpreter, which tiers it up as usual.)
pub fn covered_by_inlining(
    module: &Module,
    batch: &[FuncId],
    profile: Option<&jsvm_profiler::Profile>,
    spec: Option<jsvm_opt::specialize::Policy>,
    policy: &jsvm_opt::inline::Policy,
) -> Coverage {
    use std::collections::BTreeSet;
    let (_, nothrow) = lower::facts(module);
    let oracle =
        jsvm_ir::infer::ModuleOracle::new(module, jsvm_runtime::interp::builtin_result_type);
    // What each function of the batch still calls as compiled.
    let calls_left: BTreeMap<FuncId, BTreeSet<FuncId>> = batch
        .iter()
        .map(|&f| {
            let func = module.func(f);
            let fp = profile.and_then(|p| p.funcs.get(&*func.name));
            let body = optimize(module, func, fp, spec, Some(*policy), &nothrow, &oracle);
            (f, body.as_ref().unwrap_or(func).referenced_funcs())
        })
        .collect();
    let dynamic: BTreeSet<&str> = profile
        .iter()
        .flat_map(|p| p.funcs.values())
        .flat_map(|fp| fp.targets.values())
        .flat_map(|t| t.keys().map(String::as_str))
        .collect();
    let entry = module.entry_point();
    // The callers of each function, by their direct call sites.
    let mut callers: BTreeMap<FuncId, BTreeSet<FuncId>> = BTreeMap::new();
    for (i, caller) in module.funcs.iter().enumerate() {
        for g in caller.referenced_funcs() {
            callers.entry(g).or_default().insert(FuncId::new(i));
        }
    }
    let in_batch: BTreeSet<FuncId> = batch.iter().copied().collect();
    // How many kept functions (other than itself) still call each function; dropping a
    // function only lowers these counts, so a worklist reaches the one fixed point in time
    // linear in the calls.
    let mut callers_kept: BTreeMap<FuncId, usize> = BTreeMap::new();
    for (h, left) in &calls_left {
        for g in left.iter().filter(|g| *g != h) {
            *callers_kept.entry(*g).or_default() += 1;
        }
    }
    let droppable = |g: FuncId, callers_kept: &BTreeMap<FuncId, usize>| {
        Some(g) != entry
            && !dynamic.contains(&*module.func(g).name)
            && callers
                .get(&g)
                .is_some_and(|cs| cs.iter().all(|c| *c != g && in_batch.contains(c)))
            && callers_kept.get(&g).copied().unwrap_or(0) == 0
    };
    let mut kept = in_batch.clone();
    let mut work: Vec<FuncId> = batch.to_vec();
    while let Some(g) = work.pop() {
        if !kept.contains(&g) || !droppable(g, &callers_kept) {
            continue;
        }
        kept.remove(&g);
        for x in calls_left
            .get(&g)
            .into_iter()
            .flatten()
            .filter(|x| **x != g)
        {
            if let Some(n) = callers_kept.get_mut(x) {
                *n -= 1;
            }
            work.push(*x);
        }
    }
    let still_called = kept
        .iter()
        .flat_map(|h| calls_left.get(h).into_iter().flatten().copied())
        .collect();
    Coverage {
        covered: batch
            .iter()
            .copied()
            .filter(|f| !kept.contains(f))
            .collect(),
        still_called,
    }
}

/// What [`covered_by_inlining`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// The functions of the batch that need no code of their own.
    pub covered: Vec<FuncId>,
    /// The functions that the kept functions' code still calls (itself, for a recursive one).
    pub still_called: std::collections::BTreeSet<FuncId>,
}

/// The optimizer's version of `func` (guards from `fp`'s type histograms under `spec`, then
/// inlining), or `None` when it changed nothing.
fn optimize(
    module: &Module,
    func: &jsvm_ir::Function,
    fp: Option<&jsvm_profiler::FuncProfile>,
    spec: Option<jsvm_opt::specialize::Policy>,
    inline: Option<jsvm_opt::inline::Policy>,
    nothrow: &[bool],
    oracle: &dyn jsvm_ir::infer::Oracle,
) -> Option<jsvm_ir::Function> {
    let specialized = match (fp, spec) {
        (Some(fp), Some(policy)) => jsvm_opt::specialize::specialize(func, fp, &policy, oracle),
        _ => None,
    };
    let Some(policy) = inline else {
        return specialized;
    };
    let base = specialized.as_ref().unwrap_or(func);
    match jsvm_opt::inline::inline(module, base, nothrow, fp, &policy).0 {
        Some(mut g) => {
            jsvm_ir::infer::refine_function(&mut g, oracle);
            Some(g)
        }
        None => specialized,
    }
}

/// The object of a lowered module: from the object cache when it has the module's IR compiled
/// under `pipeline`, else verified and through LLVM's passes and code generator (with `tm`,
/// created here on first use) and then into the cache.
fn codegen(
    m: &inkwell::module::Module<'_>,
    tm: &mut Option<pipeline::PooledTm>,
    pipeline: Pipeline,
    cache: Option<&object_cache::ObjectCache>,
) -> Result<Vec<u8>, CompileError> {
    let key = cache.map(|c| c.key(lower::ir_bytes(m).as_slice(), pipeline));
    if let (Some(c), Some(k)) = (cache, &key) {
        if let Some(obj) = c.get(k) {
            return Ok(obj);
        }
    }
    lower::verify(m)?;
    let tm = pipeline::PooledTm::switch(tm, pipeline)?;
    pipeline::optimize(m, tm, pipeline)?;
    let obj = emit::object(m, tm)?;
    if let (Some(c), Some(k)) = (cache, &key) {
        c.put(k, &obj);
    }
    Ok(obj)
}

/// Bytes of an object's hot code: its executable sections that are not split-off cold parts.
fn hot_size(obj: &[u8]) -> Option<u64> {
    use object::{Object, ObjectSection};
    let file = object::File::parse(obj).ok()?;
    Some(
        file.sections()
            .filter(|s| matches!(s.kind(), object::SectionKind::Text))
            .filter(|s| !loader::elf::is_cold_section(s.name().unwrap_or("")))
            .map(|s| s.size())
            .sum(),
    )
}

/// The C3 order of a batch's functions from the profile and the real hot sizes of their
/// compiled objects; functions of the batch that the profile does not have come last.
fn c3_placement(module: &Module, profile: &jsvm_profiler::Profile, results: &[Job]) -> Vec<FuncId> {
    let sizes: BTreeMap<FuncId, u64> = results
        .iter()
        .filter_map(|(f, r, _)| Some((*f, hot_size(&r.as_ref().ok()?.0)?)))
        .collect();
    let g = jsvm_opt::layout::call_graph(module, profile, &|f| {
        sizes
            .get(&f)
            .copied()
            .unwrap_or_else(|| jsvm_opt::layout::estimated_size(module.func(f)))
    });
    let mut order: Vec<FuncId> = jsvm_opt::layout::c3_order(&g, jsvm_opt::layout::C3_PAGE)
        .into_iter()
        .map(|i| g.nodes[i].func)
        .filter(|f| sizes.contains_key(f))
        .collect();
    for f in sizes.keys() {
        if !order.contains(f) {
            order.push(*f);
        }
    }
    order
}

/// The LLVM IR of function `f`: as lowered, or after pipeline `opt` (for `jsvm dump-llvm`).
///
/// With `inline`, the body is first inlined as `--tier=jit` does; with a `profile`, as a
/// Jump-Start consumer compiles it (speculation, profile-guided inlining, branch weights).
/// With `osr`, a loop header of `f`, the OSR function entered there (or at the header of a
/// loop around it) as the `auto` tier compiles it: with the profile's speculation and direct
/// method calls, no inlining, no branch weights.
pub fn dump_llvm(
    module: &Module,
    f: FuncId,
    opt: Option<Pipeline>,
    inline: Option<jsvm_opt::inline::Policy>,
    profile: Option<&jsvm_profiler::Profile>,
    osr: Option<jsvm_ir::Block>,
) -> Result<String, CompileError> {
    let (sigs, nothrow) = lower::facts(module);
    let classes = lower::Classes::of(module);
    let osr = osr
        .map(|h| {
            jsvm_opt::osr::osr_function_around(module.func(f), h).map_err(|why| {
                CompileError::NoOsrEntry {
                    func: module.func(f).name.to_string(),
                    block: h.to_string(),
                    why,
                }
            })
        })
        .transpose()?;
    let env = LowerEnv {
        module,
        sigs: &sigs,
        typed_table: 0x7000_0000_0000,
        profile: profile.filter(|_| osr.is_none()),
        deopt_every: 0,
        poll: Poll::Off,
        nothrow: &nothrow,
        speculation: profile,
        classes: &classes,
    };
    let oracle =
        jsvm_ir::infer::ModuleOracle::new(module, jsvm_runtime::interp::builtin_result_type);
    let body = optimize(
        module,
        osr.as_ref().map_or(module.func(f), |(_, o)| &o.func),
        profile.and_then(|p| p.funcs.get(&*module.func(f).name)),
        profile.map(|_| jsvm_opt::specialize::Policy::default()),
        inline.filter(|_| osr.is_none()),
        &nothrow,
        &oracle,
    );
    let cx = Context::create();
    let mut side = SideTables::default();
    let b = match (&osr, &body) {
        (Some((_, o)), b) => lower::Body::Osr(b.as_ref().unwrap_or(&o.func), o),
        (None, Some(b)) => lower::Body::Optimized(b),
        (None, None) => lower::Body::Baseline,
    };
    let m = lower::lower_function(&cx, &env, f, b, &mut side)?;
    lower::verify(&m)?;
    if let Some(p) = opt {
        let tm = pipeline::target_machine(p)?;
        pipeline::optimize(&m, &tm, p)?;
    }
    // The side tables' addresses are in the text; they are not used, so they may be freed.
    Ok(m.print_to_string().to_string())
}
