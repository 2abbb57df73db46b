//! The LLVM tier in the CLI: `--tier`, `--pipeline`, `--perf-map` on `jsvm run`, the JIT part
//! of `--stats`, and `jsvm dump-llvm` / `jsvm dump-asm`.

use crate::driver;
use clap::{Args, ValueEnum};
use jsvm_llvm::object_cache::ObjectCache;
use jsvm_llvm::{BatchPlan, LlvmCompiler, Options, Pipeline};
use jsvm_runtime::ctx::Ctx;
use jsvm_runtime::error::RuntimeError;
use jsvm_runtime::interp::Program;
use jsvm_runtime::value::TypedValue;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which tiers run code (`jsvm run --tier`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    /// Only the interpreter: nothing tiers up (a Jump-Start consumer still runs the batch of
    /// the profile it was given, and nothing else).
    Interp,
    /// Compile every function of the program with LLVM before running (static types only;
    /// the prelude's exception classes stay interpreted).
    Jit,
    /// Interpret with profiling, and compile functions on a background thread once they are hot
    /// (`--hot-calls` entries); calls switch to compiled code when it is published.
    Auto,
}

/// An LLVM pipeline (`--pipeline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PipelineArg {
    /// `default<O2>`.
    O2,
    /// A lighter function pipeline and codegen level `Less`.
    Light,
    /// Cleanup passes only and FastISel (what a Jump-Start consumer's quick tier uses).
    Fast,
    /// No IR passes and FastISel (the quickest to compile).
    Quick,
}

impl PipelineArg {
    /// The backend's pipeline.
    pub fn pipeline(self) -> Pipeline {
        match self {
            PipelineArg::O2 => Pipeline::O2,
            PipelineArg::Light => Pipeline::Light,
            PipelineArg::Fast => Pipeline::Fast,
            PipelineArg::Quick => Pipeline::Quick,
        }
    }
}

/// `--hot-calls` by default.
pub const DEFAULT_HOT_CALLS: u64 = 1000;

/// The JIT options of `jsvm run`.
#[derive(Args, Clone, Debug)]
pub struct JitArgs {
    /// Which tiers run code.
    #[arg(long, value_enum, default_value_t = TierArg::Auto)]
    pub tier: TierArg,
    /// LLVM optimization pipeline.
    #[arg(long, value_enum, default_value_t = PipelineArg::Light)]
    pub pipeline: PipelineArg,
    /// Write /tmp/perf-<pid>.map for compiled code.
    #[arg(long)]
    pub perf_map: bool,
    /// `--tier=auto`: calls after which a function is compiled (1 = stress: compile everything
    /// that runs); a function whose loop reaches an OSR check is compiled too.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_HOT_CALLS)]
    pub hot_calls: u64,
    /// `--tier=auto`: loop iterations (back-edges) of a function between checks for on-stack
    /// replacement; the first check asks for OSR code of that loop, or of a loop around it in a
    /// nest (0 = no OSR, 1 = stress).
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub osr_threshold: u64,
    /// Samples a type histogram needs before compiled code speculates on it (with a guard);
    /// 0 = never speculate.
    #[arg(long, value_name = "N", default_value_t = jsvm_opt::specialize::DEFAULT_MIN_SAMPLES)]
    pub spec_min_samples: u64,
    /// Stress switch: guards also fail on purpose every N checks (0 = off).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub deopt_every: u32,
    /// `--tier=auto`: compile on demand while the interpreter waits (deterministic tier-up,
    /// OSR and deopt; for tests). A Jump-Start consumer's background batch then completes
    /// before the run ends (otherwise the run's end cuts it short).
    #[arg(long)]
    pub sync_compile: bool,
    /// Print to stderr the optimizer's IR (guards with frame states, inlined code) of every
    /// function it changes before LLVM compiles it.
    #[arg(long)]
    pub dump_opt_ir: bool,
    /// What compiled code polls (the step budget with `run --max-steps`; the stop flag in
    /// `serve`).
    #[arg(skip)]
    pub poll: jsvm_llvm::Poll,
    /// Inline small callees that cannot throw (`off`: for measuring what inlining gains).
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
    pub inline: String,
    /// A folder of compiled objects: functions whose LLVM IR was compiled before (by any
    /// process with the same jsvm, LLVM and CPU) load their object from it instead of running
    /// LLVM; new objects are stored in it. Created when missing.
    #[arg(long, value_name = "DIR")]
    pub object_cache: Option<PathBuf>,
    /// The most the object cache folder may hold, in MiB (least recently used entries go).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub object_cache_max_mib: u64,
}

/// The process's object cache (`--object-cache`), opened on first use; a folder that cannot be
/// created is one warning line, and no cache.
static OBJECT_CACHE: std::sync::OnceLock<Option<Arc<ObjectCache>>> = std::sync::OnceLock::new();

impl JitArgs {
    /// The compiler options of these arguments, with `threads` compile threads.
    pub fn options(&self, threads: usize) -> Options {
        Options {
            pipeline: self.pipeline.pipeline(),
            threads,
            perf_map: self.perf_map,
            speculation: self.speculation(),
            deopt_every: self.deopt_every,
            inline: self.inline(),
            dump_ir: self.dump_opt_ir,
            poll: self.poll,
            object_cache: self.object_cache(),
        }
    }

    /// The object cache of `--object-cache`.
    pub fn object_cache(&self) -> Option<Arc<ObjectCache>> {
        let dir = self.object_cache.as_ref()?;
        OBJECT_CACHE
            .get_or_init(|| {
                match ObjectCache::open(dir, self.object_cache_max_mib.saturating_mul(1 << 20)) {
                    Ok(c) => Some(Arc::new(c)),
                    Err(e) => {
                        eprintln!(
                            "jsvm: warning: object cache {} not used: {e}",
                            dir.display()
                        );
                        None
                    }
                }
            })
            .clone()
    }

    /// Whether the options that decide a Jump-Start consumer's batch (`--hot-calls`,
    /// `--spec-min-samples`, `--inline`) are the defaults a seeder assumes.
    pub fn batch_defaults(&self) -> bool {
        self.hot_calls == DEFAULT_HOT_CALLS
            && self.spec_min_samples == jsvm_opt::specialize::DEFAULT_MIN_SAMPLES
            && self.inline == "on"
    }

    /// The inlining policy of these options.
    pub fn inline(&self) -> Option<jsvm_opt::inline::Policy> {
        (self.inline == "on").then(jsvm_opt::inline::Policy::default)
    }

    /// The speculation policy of these options (`None` = static types only).
    pub fn speculation(&self) -> Option<jsvm_opt::specialize::Policy> {
        (self.spec_min_samples > 0).then(|| jsvm_opt::specialize::Policy {
            min_samples: self.spec_min_samples,
            ..Default::default()
        })
    }
}

/// Statistics of the `auto` tier for `--stats`.
#[derive(Default)]
pub struct AutoStats {
    /// Functions reported hot.
    pub hot: usize,
    /// Functions compiled and published.
    pub compiled: usize,
    /// Time spent compiling, in the background.
    pub compile_time: Duration,
    /// OSR functions compiled.
    pub osr_compiled: usize,
    /// Functions sent back to the interpreter after repeated guard failures (and recompiled).
    pub retired: usize,
}

/// A request to the background compiler of the `auto` tier.
enum Work {
    /// A hot function.
    Hot(u32),
    /// A function whose guard keeps failing: back to the interpreter, then recompiled.
    Retire(u32),
    /// A hot loop: the function and its header block.
    Osr(u32, u32),
    /// Wakes the worker at the end of the run (sent once, after `done` is set).
    Stop,
}

/// Run `body` with the `auto` tier: the interpreter (with profiling on) reports hot functions
/// through `prog.on_hot`; a background thread compiles each batch of reported functions and
/// publishes the code, which calls then reach through the function table. Other tiers just run
/// `body`. The compiler is created on the first hot function, so short runs pay nothing.
pub fn with_auto<R>(
    prog: &Program,
    args: &JitArgs,
    stats: &mut AutoStats,
    body: impl FnOnce() -> R,
) -> R {
    if args.tier != TierArg::Auto {
        return body();
    }
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    prog.hot_calls
        .store(args.hot_calls.max(1), Ordering::Relaxed);
    prog.osr_threshold
        .store(args.osr_threshold, Ordering::Relaxed);
    type Msg = (Work, Option<mpsc::Sender<()>>);
    let (tx, rx) = mpsc::channel::<Msg>();
    let sync = args.sync_compile;
    let send = move |tx: &mpsc::Sender<Msg>, w: Work| {
        let (ack, wait) = if sync {
            let (a, w) = mpsc::channel();
            (Some(a), Some(w))
        } else {
            (None, None)
        };
        let sent = tx.send((w, ack)).is_ok();
        if let (true, Some(w)) = (sent, wait) {
            let _ = w.recv();
        }
    };
    let t = tx.clone();
    let _ = prog.on_hot.set(Box::new(move |f| send(&t, Work::Hot(f))));
    let t = tx.clone();
    let _ = prog
        .on_retire
        .set(Box::new(move |f| send(&t, Work::Retire(f))));
    let t = tx.clone();
    let _ = prog
        .on_osr
        .set(Box::new(move |f, b| send(&t, Work::Osr(f, b))));
    let stop = tx;
    let done = AtomicBool::new(false);
    let opts = args.options(1);
    std::thread::scope(|sc| {
        let done = &done;
        let worker = sc.spawn(jsvm_runtime::cpu::off_this_cpu(move || {
            let mut compiler: Option<LlvmCompiler> = None;
            let mut st = AutoStats::default();
            loop {
                // The worker sleeps until there is work; `Work::Stop` wakes it at the end.
                let Ok(first) = rx.recv() else { break };
                let mut msgs = vec![first];
                while let Ok(m) = rx.try_recv() {
                    msgs.push(m);
                }
                // `done` is set before `Work::Stop` is sent.
                if done.load(Ordering::Acquire) {
                    break;
                }
                if compiler.is_none() {
                    match LlvmCompiler::new(opts.clone()) {
                        Ok(c) => compiler = Some(c),
                        Err(e) => {
                            eprintln!("jsvm: LLVM tier unavailable ({e}); interpreting");
                            for (w, _) in &msgs {
                                if let Work::Osr(f, b) = w {
                                    prog.publish_osr(*f, *b, None);
                                }
                            }
                            break;
                        }
                    }
                }
                let c = compiler.as_ref().expect("created above");
                let mut batch = Vec::new();
                let mut loops = Vec::new();
                for (w, _) in &msgs {
                    match *w {
                        Work::Hot(f) => {
                            st.hot += 1;
                            batch.push(jsvm_ir::FuncId(f));
                        }
                        Work::Retire(f) => {
                            c.retire(jsvm_ir::FuncId(f));
                            prog.table.unpublish(jsvm_ir::FuncId(f));
                            st.retired += 1;
                            batch.push(jsvm_ir::FuncId(f));
                        }
                        // Only wakes the worker (it comes after `done` is set).
                        Work::Stop => {}
                        Work::Osr(f, b) => loops.push((f, b)),
                    }
                }
                // The loops running in the interpreter first (their frames are stuck there until
                // then), one at a time: the end of the run waits for none of them (a program
                // whose many functions each loop briefly asks for one per function, and would
                // otherwise exit only after all of them).
                for (f, b) in loops {
                    if done.load(Ordering::Acquire) {
                        break;
                    }
                    let fid = jsvm_ir::FuncId(f);
                    let around = jsvm_opt::osr::osr_function_around(
                        prog.module.func(fid),
                        jsvm_ir::Block(b),
                    );
                    // Requests from the inner loops of one nest get the same code, for the loop
                    // around them: once it is ready, the others need nothing.
                    if around
                        .as_ref()
                        .is_ok_and(|(h, _)| prog.osr_ready_at(f, h.0))
                    {
                        continue;
                    }
                    let t0 = Instant::now();
                    match around {
                        // At the header asked for, or one around it (whose own request, if any,
                        // the interpreter then no longer makes).
                        Ok((h, osr)) => {
                            // The function's type histograms and call targets so far steer
                            // speculation, as for its whole compile.
                            let profile = opts.speculation.map(|_| prog.profile_of(&[fid]));
                            let r = c
                                .compile_osr(&prog.module, fid, &osr, profile.as_ref())
                                .ok();
                            st.osr_compiled += usize::from(r.is_some());
                            prog.publish_osr(f, h.0, r);
                        }
                        Err(_) => prog.publish_osr(f, b, None),
                    }
                    st.compile_time += t0.elapsed();
                }
                // Then the hot functions, in small chunks, so that the end of the run does not
                // wait for a long batch.
                for chunk in batch.chunks(8) {
                    if done.load(Ordering::Acquire) {
                        break;
                    }
                    let t0 = Instant::now();
                    // The type histograms so far steer speculation.
                    let profile = opts.speculation.map(|_| prog.profile_of(chunk));
                    if let Ok(entries) = c.compile_batch_with(
                        &prog.module,
                        chunk,
                        BatchPlan {
                            speculation: profile.as_ref(),
                            cancel: Some(done),
                            ..BatchPlan::default()
                        },
                    ) {
                        st.compiled += entries.len();
                        for (f, e) in entries {
                            prog.table.publish(f, e);
                        }
                    }
                    st.compile_time += t0.elapsed();
                }
                for (_, ack) in msgs {
                    if let Some(a) = ack {
                        let _ = a.send(());
                    }
                }
            }
            // Compiled code must outlive the run: keep the compiler (and its code cache) alive.
            (st, compiler)
        }));
        jsvm_runtime::cpu::let_child_run();
        // A fatal unwinds out of `body`: stop the worker first, then let it continue.
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
        done.store(true, Ordering::Release);
        let _ = stop.send((Work::Stop, None));
        let (st, compiler) = worker.join().unwrap_or_default();
        *stats = st;
        std::mem::forget(compiler);
        r.unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// The compiled state of a run (none for `--tier=interp`).
pub struct Jit {
    compiler: Option<LlvmCompiler>,
    compile_time: Duration,
}

/// Compile every function of `prog` when the tier asks for it, and publish the entries.
pub fn prepare(prog: &Program, args: &JitArgs) -> Jit {
    if args.tier != TierArg::Jit {
        return Jit {
            compiler: None,
            compile_time: Duration::ZERO,
        };
    }
    let t0 = Instant::now();
    // The `jit` tier compiles from static types only.
    let opts = Options {
        speculation: None,
        deopt_every: 0,
        ..args.options(0)
    };
    let compiler = match LlvmCompiler::new(opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("jsvm: LLVM tier unavailable ({e}); interpreting");
            return Jit {
                compiler: None,
                compile_time: Duration::ZERO,
            };
        }
    };
    // Every function of the program's own files; the prelude's built-in exception classes
    // (file 0) run in the interpreter, as built-ins do, unless the `auto` tier finds them hot.
    let all: Vec<jsvm_ir::FuncId> = (0..prog.module.funcs.len())
        .filter(|&i| prog.module.funcs[i].span.file != 0)
        .map(jsvm_ir::FuncId::new)
        .collect();
    match compiler.compile_batch(&prog.module, &all) {
        Ok(entries) => {
            for (f, e) in entries {
                prog.table.publish(f, e);
            }
        }
        Err(e) => eprintln!("jsvm: LLVM tier failed ({e}); interpreting"),
    }
    Jit {
        compiler: Some(compiler),
        compile_time: t0.elapsed(),
    }
}

/// Run the entry point: through its compiled generic entry when there is one, else in the
/// interpreter (whose calls reach compiled code through the function table), with the program
/// arguments (`-- ARGS`) as [`entry_args`] says.
pub fn run_main(
    prog: &Program,
    ctx: &mut Ctx,
    profile: bool,
    argv: &[String],
) -> Result<TypedValue, RuntimeError> {
    let strings = || argv.iter().map(|a| TypedValue::new_str(a.as_bytes()));
    let args = match entry_args(&prog.module, argv) {
        Ok(EntryArgs::Vec) => vec![jsvm_runtime::array::new_vec(strings().collect())],
        Ok(EntryArgs::Each) => strings().collect(),
        Ok(EntryArgs::None) | Err(_) => Vec::new(),
    };
    call_entry(prog, ctx, profile, args)
}

/// How the entry point gets the program arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryArgs {
    /// Not at all: it has no parameter, or one with a default and there are none.
    None,
    /// As one `vec<string>`.
    Vec,
    /// One string each, for a variadic parameter (`string ...$argv`).
    Each,
}

/// How the entry point of `module` takes the program arguments `argv`: its one parameter gets
/// them as a `vec<string>`, or one string each if it is variadic; or why it cannot.
pub fn entry_args(module: &jsvm_ir::Module, argv: &[String]) -> Result<EntryArgs, String> {
    let Some(entry) = module.entry_point() else {
        return Ok(EntryArgs::None);
    };
    let f = module.func(entry);
    match f.params.as_slice() {
        [] => Ok(EntryArgs::None),
        [p] if p.variadic && param_takes(p, jsvm_ir::Type::STR) => Ok(EntryArgs::Each),
        [p] if !p.variadic && param_takes(p, jsvm_ir::Type::VEC) => Ok(EntryArgs::Vec),
        [p] if p.has_default && argv.is_empty() => Ok(EntryArgs::None),
        [p] => Err(format!(
            "parameter ${} of the entry point {} is declared {}, but it receives the program arguments ({})",
            p.name,
            f.name,
            p.hint.text,
            if p.variadic { "each a string" } else { "a vec<string>" }
        )),
        ps => Err(format!(
            "the entry point {} takes {} parameters; it may take at most 1 (the program arguments: a vec<string>, or `string ...$argv`)",
            f.name,
            ps.len()
        )),
    }
}

/// Whether parameter `p` takes a value of type `ty` (its declared type does not refuse it).
pub fn param_takes(p: &jsvm_ir::Param, ty: jsvm_ir::Type) -> bool {
    !p.hint.enforced || ty.subtype_of(p.hint.ty)
}

/// [`entry_args`] before a run (`cmd` names the command): its error, or a warning for
/// arguments that an entry point without a parameter would not get.
pub fn check_entry_args(
    module: &jsvm_ir::Module,
    cmd: &str,
    argv: &[String],
) -> Result<(), String> {
    match entry_args(module, argv) {
        Err(e) => Err(format!("jsvm: {cmd}: {e}")),
        Ok(EntryArgs::None) if !argv.is_empty() => {
            let name = module.entry_point().map_or("", |e| &*module.func(e).name);
            eprintln!(
                "jsvm: warning: the entry point {name} takes no parameter: the program arguments are not passed (declare `vec<string> $argv` to get them)"
            );
            Ok(())
        }
        Ok(_) => Ok(()),
    }
}

/// [`run_main`] with owned arguments for the entry point (`jsvm serve` passes the request).
pub fn call_entry(
    prog: &Program,
    ctx: &mut Ctx,
    profile: bool,
    mut args: Vec<TypedValue>,
) -> Result<TypedValue, RuntimeError> {
    ctx.jit_program = prog as *const Program as usize;
    jsvm_runtime::jit::set_stack_limit(ctx, 256 << 10);
    let entry = prog
        .module
        .entry_point()
        .ok_or_else(|| RuntimeError::fatal("no entry point: add <<__EntryPoint>> to a function"))?;
    // Calls between compiled code and the interpreter share one VM (statics, constants,
    // memoize caches).
    let mut vm = jsvm_runtime::interp::exec::Vm::new(prog);
    vm.profile = profile;
    let Some(g) = prog.table.get(entry.0) else {
        return vm.call(ctx, entry.0, &args);
    };
    ctx.vm = &mut vm as *mut _ as *mut ();
    // SAFETY: a published generic entry called with its owned arguments (it consumes them) and
    // the live ctx.
    let r = unsafe { g(ctx, args.as_mut_ptr(), args.len() as u32) };
    ctx.vm = std::ptr::null_mut();
    match ctx.pending.take() {
        Some(e) => Err(e),
        None => Ok(r),
    }
}

/// `--stats`: what this process did with the object cache (nothing without one).
pub fn print_object_cache_stats() {
    if let Some(c) = OBJECT_CACHE.get().and_then(Option::as_ref) {
        let s = c.stats();
        eprintln!(
            "jsvm: object cache {}: {} hit(s), {} miss(es), {} rejected, {} stored, {} evicted",
            c.dir().display(),
            s.hits,
            s.misses,
            s.rejected,
            s.stored,
            s.evicted
        );
    }
}

/// The JIT lines of `--stats` (stderr).
pub fn print_stats(jit: &Jit) {
    let Some(c) = &jit.compiler else { return };
    let stats = c.stats();
    let ok: Vec<_> = stats.iter().filter(|s| s.error.is_none()).collect();
    let total: Duration = ok.iter().map(|s| s.compile_time).sum();
    eprintln!(
        "jsvm: jit: {} of {} functions compiled in {:.3} ms (wall), {:.3} ms per function (thread time), {} bytes of code",
        ok.len(),
        stats.len(),
        jit.compile_time.as_secs_f64() * 1e3,
        if ok.is_empty() { 0.0 } else { total.as_secs_f64() * 1e3 / ok.len() as f64 },
        ok.iter().map(|s| s.code_size).sum::<usize>()
    );
    for s in &stats {
        match &s.error {
            None => eprintln!(
                "jsvm: jit:   {:<32} {:>8.3} ms {:>6} B",
                s.name,
                s.compile_time.as_secs_f64() * 1e3,
                s.code_size
            ),
            Some(e) => eprintln!("jsvm: jit:   {:<32} interpreted: {e}", s.name),
        }
    }
    for (area, used) in c.area_usage() {
        if used > 0 {
            eprintln!("jsvm: jit: area {area}: {used} bytes used");
        }
    }
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(1)
}

/// The functions a dump shows: the one `--fn` names (the prelude's too), else the program's,
/// without the prelude's (file 0), as `dump-ir` shows them.
fn select(m: &jsvm_ir::Module, func: Option<&str>) -> Result<Vec<jsvm_ir::FuncId>, String> {
    match func {
        Some(n) => m
            .func_by_name_any_case(n)
            .map(|f| vec![f])
            .ok_or_else(|| format!("jsvm: no function named '{n}'")),
        None => Ok((0..m.funcs.len())
            .filter(|&i| m.funcs[i].span.file != 0)
            .map(jsvm_ir::FuncId::new)
            .collect()),
    }
}

/// The profile of `--jumpstart=FILE` on `dump-llvm` and `dump-asm`, or why it cannot be used.
/// An inspection tool takes a profile of any age; version, target and program must match.
fn inspected_profile(
    m: &jsvm_ir::Module,
    files: &[PathBuf],
    path: Option<&Path>,
) -> Result<Option<crate::jumpstart_cli::Loaded>, String> {
    let Some(path) = path else { return Ok(None) };
    let fp = crate::jumpstart_cli::fingerprint(m, files);
    crate::jumpstart_cli::load_for(path, m, &crate::jumpstart_cli::expect(fp, u64::MAX))
        .map(Some)
        .map_err(|e| format!("jsvm: jump-start profile {} not used: {e}", path.display()))
}

/// `jsvm dump-llvm FILE [--fn NAME] [--opt] [--jumpstart=PROFILE]`.
pub fn dump_llvm(
    files: &[PathBuf],
    func: Option<&str>,
    opt: bool,
    pipeline: PipelineArg,
    inline: Option<jsvm_opt::inline::Policy>,
    jumpstart: Option<&Path>,
    osr: Option<jsvm_ir::Block>,
) -> ExitCode {
    let m = match driver::compile(files) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    if osr.is_some() && func.is_none() {
        eprintln!("jsvm: --osr needs --fn (the function whose loop header it names)");
        return ExitCode::from(2);
    }
    let fs = match select(&m, func) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let profile = match inspected_profile(&m, files, jumpstart) {
        Ok(p) => p.map(|l| l.applied.profile),
        Err(e) => return fail(e),
    };
    let mut text = String::new();
    for f in fs {
        let opt = opt.then(|| pipeline.pipeline());
        match jsvm_llvm::dump_llvm(&m, f, opt, inline, profile.as_ref(), osr) {
            Ok(s) => text.push_str(&s),
            Err(e @ jsvm_llvm::CompileError::NoOsrEntry { .. }) => {
                eprintln!("jsvm: {e}");
                return ExitCode::from(1);
            }
            Err(e) => text.push_str(&format!("; {e}\n")),
        }
    }
    driver::print_out(&text)
}

/// `jsvm dump-asm FILE [--fn NAME] [--jumpstart=PROFILE]`: compile, load and disassemble. With a
/// profile, the consumer's batch as `--jumpstart-wait` compiles it (speculation, inlining and
/// layout from the profile: hot parts in C3 order in the hot area, cold parts in the cold area);
/// `--fn` then only filters what is printed.
pub fn dump_asm(
    files: &[PathBuf],
    func: Option<&str>,
    pipeline: PipelineArg,
    jumpstart: Option<&Path>,
) -> ExitCode {
    let m = match driver::compile(files) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let fs = match select(&m, func) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    // The function's own name (`--fn` ignores case, as Hack names do).
    let func_name = func.map(|_| m.func(fs[0]).name.to_string());
    let func = func_name.as_deref();
    let (profile, seeders_batch) = match inspected_profile(&m, files, jumpstart) {
        Ok(Some(l)) => (Some(l.applied.profile), l.batch),
        Ok(None) => (None, None),
        Err(e) => return fail(e),
    };
    let inline = jsvm_opt::inline::Policy::default();
    let c = match LlvmCompiler::new(Options {
        pipeline: pipeline.pipeline(),
        speculation: profile
            .as_ref()
            .map(|_| jsvm_opt::specialize::Policy::default()),
        inline: profile.as_ref().map(|_| inline),
        ..Options::default()
    }) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let done = match &profile {
        None => c.compile_batch(&m, &fs),
        Some(p) => {
            // The consumer's batch: the seeder's when the whole file applies, as a default
            // consumer takes it, else planned here as such a consumer would.
            let batch = seeders_batch.unwrap_or_else(|| {
                let spec = Some(jsvm_opt::specialize::Policy::default());
                crate::jumpstart_cli::batch(&m, p, DEFAULT_HOT_CALLS, spec, Some(&inline), true)
            });
            let plan = BatchPlan {
                layout: Some(p),
                speculation: Some(p),
                ..BatchPlan::default()
            };
            c.compile_batch_with(&m, &batch.funcs, plan)
        }
    };
    if let Err(e) = done {
        return fail(e);
    }
    let mut text = String::new();
    for s in c.stats() {
        if let Some(e) = s.error {
            text.push_str(&format!("; {} not compiled: {e}\n", s.name));
        }
    }
    let code = c.disassemble(func.map(|f| format!("hack.{f}")).as_deref());
    if let (Some(f), true) = (func, code.is_empty()) {
        // The reasons first: the message below points at them.
        if driver::print_out(&text) != ExitCode::SUCCESS {
            return ExitCode::from(1);
        }
        if profile.is_some() {
            eprintln!(
                "jsvm: {f} has no code in the consumer's batch (inlined into its callers, or left to the interpreter: see `jsvm profile-info`)"
            );
        } else {
            eprintln!("jsvm: {f} was not compiled (the reason is on the line above)");
        }
        return ExitCode::from(1);
    }
    text.push_str(&code);
    driver::print_out(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        jit: JitArgs,
    }

    /// The seeder plans a consumer's batch for the default `--hot-calls`, `--spec-min-samples`
    /// and `--inline`; any other value of one of them makes the consumer plan its own.
    #[test]
    fn batch_defaults_are_the_flags_defaults() {
        let parse = |args: &[&str]| {
            Cli::parse_from(std::iter::once("jsvm").chain(args.iter().copied())).jit
        };
        assert!(parse(&[]).batch_defaults());
        assert!(parse(&["--pipeline=fast", "--tier=jit"]).batch_defaults());
        for other in ["--hot-calls=1", "--spec-min-samples=5", "--inline=off"] {
            assert!(!parse(&[other]).batch_defaults(), "{other}");
        }
    }
}
