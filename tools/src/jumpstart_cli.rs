//! Jump-Start in the CLI: `--jumpstart-mode` / `--jumpstart` on `jsvm run` (seed and consume),
//! `jsvm compile-profile` and `jsvm profile-info`.
//!
//! A seeder runs with profiling on and writes the profile at exit (atomically, after reading it
//! back through the consumer's path). A consumer validates the file (one warning line and a
//! plain run on any problem; a failure exit only in `consume-or-fail`), keeps the functions whose
//! key matches, and compiles them in one LLVM batch — on a background thread while the
//! interpreter starts (default), or before running with `--jumpstart-wait` — with the profile's
//! branch weights (cold blocks split off) and C3 placement in a fresh huge-page hot range.

use crate::driver;
use crate::jit_cli;
use clap::Args;
use jsvm_ir::{FuncId, Imm, Module, Opcode};
use jsvm_jumpstart::{file, program, Expect, Header, JspFile, Mode, ProfileError};
use jsvm_llvm::{BatchPlan, LlvmCompiler, Pipeline};
use jsvm_profiler::Profile;
use jsvm_runtime::interp::Program;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The Jump-Start options of `jsvm run`.
#[derive(Args, Clone, Debug)]
pub struct JumpstartArgs {
    /// What to do with the profile file (HHVM's JitSerdesMode): off, seed, consume,
    /// consume-or-fail or consume-or-generate. Env JSVM_JUMPSTART_OFF=1 turns it off whatever
    /// this says.
    #[arg(long, value_name = "MODE", default_value = "off", value_parser = parse_mode)]
    pub jumpstart_mode: Mode,
    /// The profile file (`.jsp`).
    #[arg(long, value_name = "FILE")]
    pub jumpstart: Option<PathBuf>,
    /// Time-to-live of a profile (e.g. 3600, 90m, 24h, 7d).
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = jsvm_jumpstart::mode::parse_ttl)]
    pub jumpstart_ttl: u64,
    /// Compile before running instead of while the interpreter runs: the optimized batch
    /// (`--jumpstart-wait`, `=optimized`), or only the quick tier (`=quick`: the optimized batch
    /// then compiles in the background and replaces it).
    #[arg(long, value_name = "WHAT", num_args = 0..=1, require_equals = true, default_missing_value = "optimized")]
    pub jumpstart_wait: Option<Wait>,
    /// A free tag written into a seeded profile's header (e.g. a release name; at most 1 KiB).
    #[arg(long, value_name = "TAG", default_value = "", value_parser = parse_tag)]
    pub jumpstart_tag: String,
    /// Consumer: `off` compiles the profiled functions without the profile-guided layout (no
    /// C3 order, no branch weights or hot/cold splitting) — for measuring what layout gains.
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
    pub jumpstart_layout: String,
    /// Consumer in the background (without --jumpstart-wait): first compile the batch with the
    /// `fast` pipeline (cleanup passes, FastISel), so that compiled code takes over from the
    /// interpreter sooner, then again with the chosen pipeline and the layout, which replaces
    /// it. (`--jumpstart-wait=quick` always has a quick tier; `--jumpstart-wait` never.)
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
    pub jumpstart_quick_tier: String,
}

/// The longest tag a profile's header takes (bytes).
const MAX_TAG: usize = 1024;

/// A `--jumpstart-tag` or `--tag`: refused now if too long, not after the seeding run.
fn parse_tag(s: &str) -> Result<String, String> {
    if s.len() > MAX_TAG {
        return Err(format!("{} bytes; a tag has at most {MAX_TAG}", s.len()));
    }
    Ok(s.to_string())
}

/// Where a seeder will write its profile, checked before it runs (see
/// [`file::check_writable`]): the one-line error otherwise.
fn writable(path: &Path) -> Result<(), String> {
    file::check_writable(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    s.parse()
}

/// The target a profile is tied to: the build's architecture and OS (profiles are symbolic, so
/// the CPU model does not matter).
pub fn target() -> String {
    format!(
        "{}-{}-{}",
        std::env::consts::ARCH,
        std::env::consts::OS,
        std::env::consts::FAMILY
    )
}

/// The fingerprint of the program made of `files`.
pub fn fingerprint(module: &Module, files: &[PathBuf]) -> u64 {
    let entry = module
        .entry_point()
        .map(|f| module.func(f).name.to_string())
        .unwrap_or_default();
    let names: Vec<String> = driver::collect_files(files)
        .unwrap_or_default()
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    jsvm_jumpstart::key::fingerprint(&entry, &refs)
}

/// What a consumer requires of a profile for this program.
pub fn expect(fingerprint: u64, ttl_secs: u64) -> Expect {
    Expect {
        jsvm_version: env!("CARGO_PKG_VERSION").to_string(),
        target: target(),
        fingerprint: Some(fingerprint),
        now_unix: file::now_unix(),
        ttl_secs: Some(ttl_secs),
    }
}

/// A `.jsp` file as it applies to a program.
pub struct Loaded {
    /// The usable profile, and what of the file did not apply.
    pub applied: program::Applied,
    /// The seeder's batch for a consumer with the default flags, when the whole file applies
    /// (every function of it is in the program, unchanged) and the batch's functions are all
    /// in the program.
    pub batch: Option<Batch>,
}

/// The part of a `.jsp` file that applies to `module`, or why there is none.
pub fn load_for(path: &Path, module: &Module, expect: &Expect) -> Result<Loaded, ProfileError> {
    let f = file::load(path, expect)?;
    let applied = program::apply(&f.body, module);
    let whole = applied.stale.is_empty() && applied.gone.is_empty();
    let batch = whole
        .then(|| Batch::from_estimate(module, &f.body.batch))
        .flatten();
    Ok(Loaded { applied, batch })
}

/// The file for `profile` of `module`, with the seeder's plan (C3 order by estimated sizes,
/// hot/cold blocks) for `profile-info`.
pub fn seed_file(module: &Module, profile: &Profile, fp: u64, tag: &str, runs: u32) -> JspFile {
    let mut body = program::body_from_profile(module, profile, &|f, p| {
        let (n, cold) = jsvm_opt::layout::cold_blocks(module.func(f), p);
        (n as u32, cold.len() as u32)
    });
    let g = jsvm_opt::layout::call_graph(module, profile, &|f| {
        jsvm_opt::layout::estimated_size(module.func(f))
    });
    body.order = jsvm_opt::layout::c3_order(&g, jsvm_opt::layout::C3_PAGE)
        .into_iter()
        .map(|i| g.nodes[i].name.clone())
        .collect();
    // The optimizer's decisions for the profiled functions, as a consumer makes them.
    let (_, nothrow) = jsvm_llvm::lower::facts(module);
    let inline = jsvm_opt::inline::Policy::default();
    let spec = jsvm_opt::specialize::Policy::default();
    for (i, f) in module.funcs.iter().enumerate() {
        let Some(fp) = profile.funcs.get(&*f.name) else {
            continue;
        };
        for d in
            jsvm_llvm::inline_decisions(module, FuncId::new(i), Some(profile), &inline, &nothrow)
        {
            body.inlining.push(jsvm_jumpstart::InlineDecision {
                caller: f.name.to_string(),
                site: d.site,
                callee: d.callee,
                decision: d.skipped.unwrap_or("inlined").to_string(),
            });
        }
        for d in jsvm_opt::specialize::decisions(f, fp, &spec) {
            body.speculation.push(jsvm_jumpstart::SpecDecision {
                func: f.name.to_string(),
                value: d.value,
                kind: d.kind.to_string(),
                samples: d.samples,
                decision: d.skipped.unwrap_or("guarded").to_string(),
            });
        }
    }
    // The batch of a consumer with the default flags (in the background).
    let b = batch(
        module,
        profile,
        jit_cli::DEFAULT_HOT_CALLS,
        Some(spec),
        Some(&inline),
        true,
    );
    body.batch = b.to_estimate(module);
    JspFile {
        header: Header {
            jsvm_version: env!("CARGO_PKG_VERSION").to_string(),
            target: target(),
            fingerprint: fp,
            seeder_host: file::host_name(),
            tag: tag.to_string(),
            created_unix: file::now_unix(),
            runs,
        },
        body,
    }
}

/// Write `profile` to `path` atomically; the temporary file must load back through the
/// consumer's path, with every function keeping its profile, before it is published. Returns
/// the file as that self-test read it back, which is what a consumer will use.
pub fn publish(
    path: &Path,
    module: &Module,
    profile: &Profile,
    fp: u64,
    tag: &str,
    runs: u32,
) -> Result<Loaded, ProfileError> {
    let f = seed_file(module, profile, fp, tag, runs);
    let n = f.body.funcs.len();
    file::write_atomic(path, &f, |tmp| {
        let loaded = load_for(tmp, module, &expect(fp, u64::MAX))?;
        let got = loaded.applied.profile.funcs.len();
        if got != n {
            // Keys computed at load differ from keys computed at write: a jsvm bug.
            return Err(ProfileError::KeyMismatch {
                written: n,
                loaded: got,
            });
        }
        Ok(loaded)
    })
}

impl JumpstartArgs {
    /// Checks the options against each other. A seeder profiles in the interpreter: with
    /// `--tier=jit` (every function compiled before running, nothing profiled) a mode that may
    /// seed is refused, with the one-line error. A profile file without a mode, and
    /// `--jumpstart-wait` without a consumer, are warnings.
    pub fn check(&self, tier: jit_cli::TierArg) -> Result<(), String> {
        if let (Mode::Off, Some(path)) = (self.jumpstart_mode, &self.jumpstart) {
            // Not an error (a kill switch in a script's environment is not either), but said.
            eprintln!(
                "jsvm: warning: --jumpstart={} is not used: --jumpstart-mode is off",
                path.display()
            );
        }
        if let (Mode::Seed | Mode::Off, Some(_)) = (self.jumpstart_mode, self.jumpstart_wait) {
            eprintln!(
                "jsvm: warning: --jumpstart-wait is not used: only a consumer compiles a batch"
            );
        }
        let mode = self.mode();
        if tier == jit_cli::TierArg::Jit && matches!(mode, Mode::Seed | Mode::ConsumeOrGenerate) {
            return Err(format!(
                "jsvm: --jumpstart-mode={mode} profiles in the interpreter: use --tier=auto or --tier=interp, not --tier=jit"
            ));
        }
        Ok(())
    }

    /// The mode, after the kill switch (env `JSVM_JUMPSTART_OFF`).
    fn mode(&self) -> Mode {
        let kill = std::env::var(jsvm_jumpstart::mode::KILL_SWITCH).ok();
        self.jumpstart_mode.with_kill_switch(kill.as_deref())
    }
}

/// What a consumer compiles before it runs (`--jumpstart-wait`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
    /// The optimized batch.
    Optimized,
    /// The quick tier; the optimized batch follows in the background.
    Quick,
}

/// A Jump-Start session of one `jsvm run`.
pub struct Session {
    mode: Mode,
    path: Option<PathBuf>,
    fingerprint: u64,
    tag: String,
    /// How the batch compiles (what is waited for, the quick tier, threads).
    plan: Plan,
    /// Use the profile-guided layout (C3 order, branch weights, hot/cold splitting).
    layout: bool,
    /// When the quick tier was published (from the start of the batch).
    quick_time: Option<Duration>,
    /// The validated profile (consumers).
    pub profile: Option<Profile>,
    /// Whether this run profiles and writes a profile at exit.
    pub seeding: bool,
    compiler: Option<LlvmCompiler>,
    compile_time: Duration,
    /// Hot functions left out of the batch because every call of them is inlined.
    inlined_away: usize,
    /// Hot functions left out of the batch because their work is done inlined.
    not_hot: usize,
    /// Functions of the batch taken from the object cache before running (in the background
    /// mode), and the time that took.
    from_cache: usize,
    cache_time: Duration,
    /// The functions of the batch.
    batch: Vec<FuncId>,
    /// Functions inlined into the batch that the quick tier compiled on their own first, for
    /// the interpreter (see [`loops_first`]).
    loops_first: Vec<FuncId>,
    /// The seeder's batch for a consumer with the default flags, if the whole profile applies.
    seeded_batch: Option<Batch>,
    /// Whether the batch was the seeder's (not computed at start-up).
    batch_from_profile: bool,
    /// The run ended before the background batch was in: the rest was not compiled.
    cut_short: bool,
    stale: usize,
}

impl Session {
    /// A session that has loaded nothing and compiled nothing yet.
    fn new(mode: Mode, path: Option<PathBuf>, tag: String, plan: Plan, layout: bool) -> Session {
        Session {
            mode,
            path,
            fingerprint: 0,
            tag,
            plan,
            layout,
            quick_time: None,
            profile: None,
            seeding: false,
            compiler: None,
            compile_time: Duration::ZERO,
            inlined_away: 0,
            not_hot: 0,
            from_cache: 0,
            cache_time: Duration::ZERO,
            batch: Vec::new(),
            loops_first: Vec::new(),
            seeded_batch: None,
            batch_from_profile: false,
            cut_short: false,
            stale: 0,
        }
    }

    /// HHVM's retranslate-all in `jsvm serve`: a consumer of `profile`, the live profile of
    /// the requests served so far, that compiles its batch in the background (no quick tier)
    /// with the profile-guided layout, as a Jump-Start consumer compiles at start-up.
    pub fn retranslate_all(profile: Profile, pipeline: Pipeline) -> Session {
        let mut s = Session::new(
            Mode::Consume,
            None,
            String::new(),
            Plan::new(None, false, pipeline),
            true,
        );
        s.profile = Some(profile);
        s
    }

    /// Whether the consumer compiles its optimized batch before running (`--jumpstart-wait`).
    pub fn waits(&self) -> bool {
        self.profile.is_some() && self.plan.wait == Some(Wait::Optimized)
    }

    /// A seeder writes its profile now instead of at exit (`jsvm serve` writes it at the
    /// retranslate-all point); afterwards the session no longer seeds.
    pub fn publish_now(&mut self, prog: &Program, jit_args: &jit_cli::JitArgs) {
        self.finish(prog, jit_args);
        self.seeding = false;
    }

    /// Resolve the mode (kill switch), and for consumers load and validate the profile. A
    /// problem is one warning line on stderr; `Err` (the exit code) only in `consume-or-fail`.
    pub fn start(
        module: &Module,
        files: &[PathBuf],
        args: &JumpstartArgs,
        pipeline: Pipeline,
    ) -> Result<Session, ExitCode> {
        let mode = args.mode();
        let mut s = Session::new(
            mode,
            args.jumpstart.clone(),
            args.jumpstart_tag.clone(),
            args.plan(pipeline),
            args.jumpstart_layout == "on",
        );
        if mode == Mode::Off {
            return Ok(s);
        }
        let Some(path) = s.path.clone() else {
            eprintln!("jsvm: --jumpstart-mode={mode} needs --jumpstart=FILE");
            return Err(ExitCode::from(1));
        };
        s.fingerprint = fingerprint(module, files);
        if mode == Mode::Seed {
            // A path the profile cannot go to fails now, not after the whole seeding run.
            if let Err(e) = writable(&path) {
                eprintln!("jsvm: --jumpstart={e}");
                return Err(ExitCode::from(1));
            }
            s.seeding = true;
            return Ok(s);
        }
        match load_for(&path, module, &expect(s.fingerprint, args.jumpstart_ttl)) {
            Ok(Loaded { applied, batch }) => {
                s.seeded_batch = batch;
                s.stale = applied.stale.len();
                if !applied.stale.is_empty() {
                    eprintln!(
                        "jsvm: warning: jump-start profile {}: {} function(s) changed since seeding, their profiles are ignored",
                        path.display(),
                        applied.stale.len()
                    );
                }
                s.profile = Some(applied.profile);
            }
            Err(e) => {
                // A profile that could not be generated either is the one error to report.
                let unwritable = match mode {
                    Mode::ConsumeOrGenerate => writable(&path).err(),
                    _ => None,
                };
                if let Some(e) = unwritable {
                    eprintln!("jsvm: --jumpstart={e}");
                    return Err(ExitCode::from(1));
                }
                // consume-or-fail stops here: an error, not a warning.
                let what = match mode {
                    Mode::ConsumeOrFail => "error",
                    _ => "warning",
                };
                eprintln!(
                    "jsvm: {what}: jump-start profile {} not used: {e}",
                    path.display()
                );
                match mode {
                    Mode::ConsumeOrFail => return Err(ExitCode::from(1)),
                    Mode::ConsumeOrGenerate => s.seeding = true,
                    _ => {}
                }
            }
        }
        Ok(s)
    }

    /// Compile the profiled functions in one batch and publish them into `prog.table`: now
    /// (`--jumpstart-wait`, or when `scope` is `None`) or on a thread of `scope` while the
    /// interpreter runs. Functions that came from the profile are not profiled again. Once
    /// `cancel` is set (the run ended), a background batch stops before its next function and
    /// publishes nothing more.
    pub fn compile<'s, 'e>(
        &'s mut self,
        prog: &'s Program,
        jit_args: &jit_cli::JitArgs,
        scope: Option<&'s std::thread::Scope<'s, 'e>>,
        cancel: Option<&'s AtomicBool>,
    ) {
        let Some(profile) = &self.profile else { return };
        // A background consumer with the default flags compiles the batch the seeder worked out
        // for it from the same profile and program (the same function as below): it saves the
        // start-up the optimizer runs of `covered_by_inlining` (~0.4 ms on the warm-up workload).
        let entry_first = self.plan.wait != Some(Wait::Optimized);
        let seeded = self
            .seeded_batch
            .take()
            .filter(|_| entry_first && jit_args.batch_defaults());
        self.batch_from_profile = seeded.is_some();
        let Batch {
            funcs,
            covered,
            not_hot,
        } = seeded.unwrap_or_else(|| {
            batch(
                &prog.module,
                profile,
                jit_args.hot_calls,
                jit_args.speculation(),
                jit_args.inline().as_ref(),
                entry_first,
            )
        });
        self.inlined_away = covered.len();
        self.not_hot = not_hot.len();
        // Neither the batch nor the functions inlined into it are profiled again (the `auto`
        // tier does not compile them, nor their loops by OSR, while the batch compiles: the
        // interpreter, running the batch's functions meanwhile, calls them). Once the batch
        // is in, the inlined ones are profiled again: should calls of one still come (inlining
        // that the analysis did not foresee, or enough calls from interpreted code), it tiers
        // up as usual.
        let covered = [covered, not_hot].concat();
        let profiled = |fs: &[FuncId], on: bool| {
            for f in fs {
                prog.counters.funcs[f.index()]
                    .enabled
                    .store(u32::from(on), Ordering::Relaxed);
            }
        };
        profiled(&funcs, false);
        profiled(&covered, false);
        // Once the batch is in, calls of its functions run its code, but a call the interpreter
        // started before (a function called once, with a long loop) would stay interpreted:
        // its counters count again, so that its loops enter compiled code by OSR, the function
        // marked as reported hot already (the `auto` tier does not compile it a second time).
        let running = funcs.clone();
        let osr_only = move |fs: &[FuncId]| {
            for f in fs {
                let c = &prog.counters.funcs[f.index()];
                c.report_hot();
                c.enabled.store(1, Ordering::Release);
            }
        };
        if funcs.is_empty() {
            profiled(&covered, true);
            return;
        }
        let compiler = match LlvmCompiler::new(jit_args.options(self.plan.batch_threads)) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("jsvm: warning: LLVM tier unavailable ({e}); interpreting");
                return;
            }
        };
        self.batch = funcs.clone();
        // `--jumpstart-layout=off` drops only the layout (C3 order, branch weights, hot/cold
        // splitting): speculation and inlining still use the profile.
        let guide = if self.layout { Some(profile) } else { None };
        let spec = profile;
        let compiler: &'s LlvmCompiler = self.compiler.insert(compiler);
        // With an object cache, a consumer in the background first takes, before running, what
        // the cache has (no LLVM: ~1 ms per function on one core, lowering included); only the
        // rest compiles in the background. A consumer after the first on a machine so starts as
        // `--jumpstart-wait` would, without waiting for LLVM.
        let mut funcs = funcs;
        if self.plan.wait != Some(Wait::Optimized) && compiler.has_object_cache() {
            let t0 = Instant::now();
            let plan = BatchPlan {
                layout: guide,
                speculation: Some(spec),
                threads: Some(0),
                cached_only: true,
                ..BatchPlan::default()
            };
            if let Ok(entries) = compiler.compile_batch_with(&prog.module, &funcs, plan) {
                for (f, e) in entries {
                    prog.table.publish(f, e);
                    funcs.retain(|&g| g != f);
                    self.from_cache += 1;
                }
            }
            self.cache_time = t0.elapsed();
            if funcs.is_empty() {
                profiled(&covered, true);
                return;
            }
        }
        let time = &mut self.compile_time;
        let quick_time = &mut self.quick_time;
        let cut_short = &mut self.cut_short;
        // `--jumpstart-wait` compiles one batch (one C3 order). Otherwise a quick tier (the whole
        // batch, `QUICK_TIER` pipeline, main area, in chunks heaviest first: `quick_chunks`)
        // comes first when the chosen pipeline is slower; in the background it starts with the
        // loops the interpreter runs meanwhile (`loops_first`). Then the hottest functions go
        // first, in a batch of their own, so that they switch over sooner. A later phase's code
        // replaces an earlier one's when published.
        let quick = self.plan.quick_tier;
        let mut phases: Vec<(Vec<FuncId>, Option<Pipeline>)> = Vec::new();
        if self.plan.wait == Some(Wait::Optimized) {
            phases.push((funcs, None));
        } else {
            if quick {
                if self.plan.wait.is_none() {
                    self.loops_first = loops_first(
                        &prog.module,
                        profile,
                        &covered,
                        jit_args.hot_calls,
                        LOOPS_FIRST_BUDGET,
                    );
                    if !self.loops_first.is_empty() {
                        phases.push((self.loops_first.clone(), Some(LOOPS_FIRST_PIPELINE)));
                    }
                }
                phases.extend(
                    quick_chunks(&prog.module, profile, &funcs, &covered)
                        .into_iter()
                        .map(|c| (c, Some(QUICK_TIER))),
                );
            }
            phases.extend(
                hot_first(&prog.module, profile, funcs, &covered)
                    .into_iter()
                    .map(|p| (p, None)),
            );
        }
        let quick_threads = self.plan.quick_threads;
        // One phase: compile and publish.
        let run_phase = move |(phase, pipeline): &(Vec<FuncId>, Option<Pipeline>)| {
            // The quick tier has no layout (its code is temporary).
            let live = live_guard_failures(prog, spec, phase);
            let plan = BatchPlan {
                layout: if pipeline.is_some() { None } else { guide },
                speculation: Some(live.as_ref().unwrap_or(spec)),
                pipeline: *pipeline,
                threads: pipeline.map(|_| quick_threads),
                cached_only: false,
                cancel,
            };
            match compiler.compile_batch_with(&prog.module, phase, plan) {
                Ok(entries) => {
                    for (f, e) in entries {
                        prog.table.publish(f, e);
                    }
                }
                Err(e) => eprintln!("jsvm: warning: jump-start batch failed ({e}); interpreting"),
            }
        };
        // The phases before running: all of them (`--jumpstart-wait`, or without a scope to
        // run the rest in), the quick tier (`=quick`), or none; the rest in the background.
        let now = match (scope, self.plan.wait) {
            (None, _) | (_, Some(Wait::Optimized)) => phases.len(),
            (_, Some(Wait::Quick)) => phases.iter().take_while(|p| p.1.is_some()).count(),
            (_, None) => 0,
        };
        let later = phases.split_off(now);
        let background = !later.is_empty();
        let t0 = Instant::now();
        // Phases in order; the quick tier's (the one with a pipeline of its own) is timed.
        let run_phases = move |ps: &[(Vec<FuncId>, Option<Pipeline>)], quick: &mut Option<_>| {
            let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Acquire));
            for p in ps {
                if cancelled() {
                    return;
                }
                run_phase(p);
                if p.1.is_some() && !cancelled() {
                    *quick = Some(t0.elapsed());
                }
            }
        };
        run_phases(&phases, &mut *quick_time);
        let mut rest = move || {
            run_phases(&later, quick_time);
            *time = t0.elapsed();
            *cut_short = cancel.is_some_and(|c| c.load(Ordering::Acquire));
            profiled(&covered, true);
            osr_only(&running);
        };
        match scope {
            Some(sc) if background => {
                sc.spawn(jsvm_runtime::cpu::off_this_cpu(rest));
                jsvm_runtime::cpu::let_child_run();
            }
            _ => rest(),
        }
    }
}

/// How a consumer compiles its batch, resolved once from the flags and the pipeline: the
/// warm-up at start-up ([`prewarm`]) and the batch ([`Session::compile`]) read the same plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// What is compiled before running: `=quick` with a pipeline about as quick as the quick
    /// tier's waits for the batch itself (there is no quick tier to wait for).
    wait: Option<Wait>,
    /// A quick tier compiles before the optimized batch: with `=quick`, or in the background
    /// when asked; never when waiting for the optimized batch, nor when the chosen pipeline is
    /// about as quick.
    quick_tier: bool,
    /// Compile threads of the quick tier and of the optimized batch: every core for what the
    /// process waits for; in the background, all but the core of the interpreter that serves
    /// meanwhile. (A quick-tier thread on that core too only slowed the interpreter and the
    /// front end, and its target machine, warmed meanwhile, took a core from them: on 2 cores,
    /// start-up 5.3 -> 4.1 ms and the loss 1-1.6 ms lower with one thread, measured interleaved.)
    quick_threads: usize,
    batch_threads: usize,
    /// The chosen pipeline (the optimized batch's).
    pipeline: Pipeline,
}

impl Plan {
    /// The plan for `--jumpstart-wait` `wait`, `--jumpstart-quick-tier` `quick_tier` and the
    /// chosen `pipeline`.
    pub fn new(wait: Option<Wait>, quick_tier: bool, pipeline: Pipeline) -> Plan {
        let about_as_quick = matches!(pipeline, Pipeline::Fast | Pipeline::Quick);
        let wait = match wait {
            Some(Wait::Quick) if about_as_quick => Some(Wait::Optimized),
            w => w,
        };
        let quick_tier = !about_as_quick
            && match wait {
                Some(Wait::Optimized) => false,
                Some(Wait::Quick) => true,
                None => quick_tier,
            };
        Plan {
            wait,
            quick_tier,
            quick_threads: compile_threads(wait == Some(Wait::Quick)),
            batch_threads: compile_threads(wait == Some(Wait::Optimized)),
            pipeline,
        }
    }

    /// What compiles first, and on how many threads: the target machines start-up warms.
    fn first(&self) -> (Pipeline, usize) {
        if self.quick_tier {
            (QUICK_TIER, self.quick_threads)
        } else {
            (self.pipeline, self.batch_threads)
        }
    }
}

impl JumpstartArgs {
    /// The consumer's plan with the chosen `pipeline`.
    fn plan(&self, pipeline: Pipeline) -> Plan {
        Plan::new(
            self.jumpstart_wait,
            self.jumpstart_quick_tier == "on",
            pipeline,
        )
    }
}

/// Every core when the process waits for the compilation, else all but one.
fn compile_threads(waiting: bool) -> usize {
    let cores = jsvm_runtime::cpu::cores();
    if waiting {
        cores
    } else {
        cores.saturating_sub(1).max(1)
    }
}

/// What [`prewarm`] started; dropping it joins that work (LLVM's static destructors must not
/// run at exit under a thread still in LLVM).
pub struct Prewarm(Option<std::thread::JoinHandle<()>>);

impl Drop for Prewarm {
    fn drop(&mut self) {
        if let Some(t) = self.0.take() {
            let _ = t.join();
        }
        jsvm_llvm::pipeline::wait_warming();
    }
}

/// For a consumer (a profile file to read), start LLVM's set-up at once, on the cores the front
/// end leaves idle: warm the target machines of its first compiling phase (each one's first
/// function costs ~2.5 ms of LLVM set-up that the batch would otherwise wait for); with an
/// object cache, whose batch usually needs no target machine (every consumer after the first),
/// only open the cache and initialize the target (host CPU, data layout: ~0.5 ms).
pub fn prewarm(args: &JumpstartArgs, jit_args: &jit_cli::JitArgs) -> Option<Prewarm> {
    let consumer = matches!(
        args.mode(),
        Mode::Consume | Mode::ConsumeOrFail | Mode::ConsumeOrGenerate
    );
    if !consumer || !args.jumpstart.as_ref().is_some_and(|p| p.is_file()) {
        return None;
    }
    if jit_args.object_cache.is_some() {
        let a = jit_args.clone();
        let t = std::thread::Builder::new()
            .name("jsvm-llvm-warm".into())
            .spawn(jsvm_runtime::cpu::off_this_cpu(move || {
                let _ = a.object_cache();
                jsvm_llvm::pipeline::triple_and_layout();
            }))
            .ok();
        jsvm_runtime::cpu::let_child_run();
        return Some(Prewarm(t));
    }
    let (pipeline, threads) = args.plan(jit_args.pipeline.pipeline()).first();
    jsvm_llvm::pipeline::prewarm(pipeline, threads);
    Some(Prewarm(None))
}

/// The consumer's batch for `profile`: the hottest functions that together hold 99.9% of the
/// profile's weight (calls plus loop iterations) and any the `auto` tier would have compiled
/// (weight at `hot_calls`), less those that need no code of their own once the batch compiles
/// with `spec` and `inline` (see [`Batch`]). With `entry_first`, the entry point starts before
/// the batch is in (a background batch): its code would never be entered, so it is left out,
/// and the functions it calls are not inlined away into it; the interpreter runs its one call
/// and tiers its loops up by OSR as usual.
pub fn batch(
    module: &Module,
    profile: &Profile,
    hot_calls: u64,
    spec: Option<jsvm_opt::specialize::Policy>,
    inline: Option<&jsvm_opt::inline::Policy>,
    entry_first: bool,
) -> Batch {
    let entry = module.entry_point().filter(|_| entry_first);
    let ranked: Vec<(FuncId, u64)> = profile
        .hottest()
        .into_iter()
        .filter_map(|(name, w)| Some((module.func_by_name(name)?, w)))
        .filter(|&(f, _)| Some(f) != entry)
        .collect();
    let total: u64 = ranked.iter().map(|r| r.1).sum();
    let hot = hot_calls.max(1);
    let mut covered_weight = 0u64;
    let mut funcs: Vec<FuncId> = Vec::new();
    for (f, w) in ranked {
        if (covered_weight as f64) < total as f64 * 0.999 || w >= hot {
            funcs.push(f);
        }
        covered_weight += w;
    }
    funcs.sort();
    let Some(policy) = inline else {
        return Batch {
            funcs,
            ..Batch::default()
        };
    };
    let coverage = jsvm_llvm::covered_by_inlining(module, &funcs, Some(profile), spec, policy);
    let covered: BTreeSet<FuncId> = coverage.covered.iter().copied().collect();
    // Kept functions that run no loop of their own, inline nothing and that the batch's code no
    // longer calls: left out if code outside the batch calls them fewer than `hot` times.
    let candidates: Vec<FuncId> = funcs
        .iter()
        .copied()
        .filter(|f| !covered.contains(f) && !coverage.still_called.contains(f))
        .filter(|&f| {
            let loops = profile
                .funcs
                .get(&*module.func(f).name)
                .map_or(0, |p| p.back_edges);
            loops == 0
                && module
                    .func(f)
                    .referenced_funcs()
                    .iter()
                    .all(|g| !covered.contains(g))
        })
        .collect();
    let not_hot: BTreeSet<FuncId> = if candidates.is_empty() {
        BTreeSet::new()
    } else {
        let in_batch: BTreeSet<FuncId> = funcs.iter().copied().collect();
        let outside = calls_from_outside(module, profile, &in_batch);
        candidates
            .into_iter()
            .filter(|f| outside.get(f).copied().unwrap_or(0) < hot)
            .collect()
    };
    Batch {
        funcs: funcs
            .into_iter()
            .filter(|f| !covered.contains(f) && !not_hot.contains(f))
            .collect(),
        covered: coverage.covered,
        not_hot: not_hot.into_iter().collect(),
    }
}

/// What a consumer compiles of its profile, and what it leaves out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// The functions it compiles, in `FuncId` order.
    pub funcs: Vec<FuncId>,
    /// Hot functions whose every call is inlined into the batch's code: they need no code of
    /// their own.
    pub covered: Vec<FuncId>,
    /// Hot functions whose work the batch's code does inlined: they run no loop of their own
    /// and inline no other function, the batch's code no longer calls them, and code left
    /// interpreted called them fewer than `hot_calls` times. Compiling them would only take a
    /// core from the batch (the warm-up workload's `hash_step`, called once per request by the
    /// interpreted `main`, cost the quick tier ~1 ms before the function that does the work).
    /// They stay interpreted and tier up as usual if they get hot.
    pub not_hot: Vec<FuncId>,
}

impl Batch {
    /// The batch as a seeder writes it (`.jsp` `batch`), by qualified name.
    pub fn to_estimate(&self, module: &Module) -> jsvm_jumpstart::BatchEstimate {
        let names = |fs: &[FuncId]| -> Vec<String> {
            fs.iter()
                .map(|&f| module.func(f).name.to_string())
                .collect()
        };
        jsvm_jumpstart::BatchEstimate {
            compiled: names(&self.funcs),
            inlined: names(&self.covered),
            not_hot: names(&self.not_hot),
        }
    }

    /// The batch a seeder wrote (`.jsp` `batch`), its functions named in `module`, each list in
    /// `FuncId` order; `None` if one of them is not in `module`.
    pub fn from_estimate(module: &Module, e: &jsvm_jumpstart::BatchEstimate) -> Option<Batch> {
        let ids = |names: &[String]| -> Option<Vec<FuncId>> {
            let mut v = names
                .iter()
                .map(|n| module.func_by_name(n))
                .collect::<Option<Vec<FuncId>>>()?;
            v.sort();
            Some(v)
        };
        Some(Batch {
            funcs: ids(&e.compiled)?,
            covered: ids(&e.inlined)?,
            not_hot: ids(&e.not_hot)?,
        })
    }
}

/// The profiled calls of each function from outside the batch `in_batch`: from the direct call
/// sites of functions left interpreted, and the dynamic calls that reached it (one pass over the
/// profiled functions).
fn calls_from_outside(
    module: &Module,
    profile: &Profile,
    in_batch: &BTreeSet<FuncId>,
) -> BTreeMap<FuncId, u64> {
    let mut n: BTreeMap<FuncId, u64> = BTreeMap::new();
    for (i, caller) in module.funcs.iter().enumerate() {
        let Some(cp) = profile.funcs.get(&*caller.name) else {
            continue;
        };
        for (callee, c) in cp.targets.values().flatten() {
            if let Some(g) = module.func_by_name(callee) {
                *n.entry(g).or_default() += c;
            }
        }
        if in_batch.contains(&FuncId::new(i)) {
            continue;
        }
        for inst in caller
            .layout
            .order
            .iter()
            .flat_map(|&b| caller.layout.block_insts(b))
        {
            let d = &caller.dfg.insts[inst.index()];
            if let (Opcode::Call | Opcode::CallSpread, Imm::Func(g)) = (d.op, &d.imm) {
                *n.entry(*g).or_default() += cp.calls.get(&inst.0).copied().unwrap_or(0);
            }
        }
    }
    n
}

/// `spec` with the guard failures this run has seen in `funcs` added (`None` when there are
/// none), so that a later phase does not repeat a speculation that failed in an earlier phase's
/// code (the quick tier's, say).
fn live_guard_failures(prog: &Program, spec: &Profile, funcs: &[FuncId]) -> Option<Profile> {
    let mut out: Option<Profile> = None;
    for &f in funcs {
        let failures = prog.counters.funcs[f.index()]
            .guard_failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let name = &*prog.module.func(f).name;
        for (value, n) in failures {
            let p = out.get_or_insert_with(|| spec.clone());
            if let Some(fp) = p.funcs.get_mut(name) {
                *fp.guard_failures.entry(value).or_insert(0) += n;
            }
        }
    }
    out
}

/// The batch's functions, heaviest first. A function's weight is its calls and loop iterations
/// plus those of the functions inlined away into it (`covered`) that it calls.
fn by_weight(
    module: &Module,
    profile: &Profile,
    funcs: &[FuncId],
    covered: &[FuncId],
) -> Vec<(FuncId, u64)> {
    let own = |f: FuncId| {
        profile
            .funcs
            .get(&*module.func(f).name)
            .map_or(0, jsvm_profiler::FuncProfile::weight)
    };
    let weight = |f: FuncId| {
        let inlined = module.func(f).referenced_funcs();
        own(f)
            + inlined
                .into_iter()
                .filter(|g| covered.contains(g))
                .map(own)
                .sum::<u64>()
    };
    let mut ranked: Vec<(FuncId, u64)> = funcs.iter().map(|&f| (f, weight(f))).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// Split a background batch in two: first the functions that hold 80% of the batch's weight
/// (at most a quarter of it, see [`by_weight`]), then the rest.
fn hot_first(
    module: &Module,
    profile: &Profile,
    funcs: Vec<FuncId>,
    covered: &[FuncId],
) -> Vec<Vec<FuncId>> {
    let ranked = by_weight(module, profile, &funcs, covered);
    let total: u64 = ranked.iter().map(|r| r.1).sum();
    let limit = (funcs.len() / 4).max(1);
    let mut first = Vec::new();
    let mut acc = 0u64;
    for &(f, w) in &ranked {
        if first.len() >= limit || (acc as f64) >= total as f64 * 0.8 {
            break;
        }
        first.push(f);
        acc += w;
    }
    let rest: Vec<FuncId> = funcs.into_iter().filter(|f| !first.contains(f)).collect();
    first.sort();
    if rest.is_empty() {
        vec![first]
    } else {
        vec![first, rest]
    }
}

/// The quick tier's chunks: the batch heaviest first (see [`by_weight`]), in chunks that double
/// from [`QUICK_CHUNK`] functions, each published as soon as it is compiled. On a program of
/// hundreds of warm functions the quick tier takes a second or more; the heaviest functions
/// switch over after the first chunk instead of at the end (and a run that ends meanwhile
/// waits for one chunk at most). A small batch is one chunk.
fn quick_chunks(
    module: &Module,
    profile: &Profile,
    funcs: &[FuncId],
    covered: &[FuncId],
) -> Vec<Vec<FuncId>> {
    let ranked = by_weight(module, profile, funcs, covered);
    let mut chunks = Vec::new();
    let mut rest = &ranked[..];
    let mut size = QUICK_CHUNK;
    while !rest.is_empty() {
        let (chunk, more) = rest.split_at(size.min(rest.len()));
        let mut chunk: Vec<FuncId> = chunk.iter().map(|r| r.0).collect();
        chunk.sort();
        chunks.push(chunk);
        rest = more;
        size *= 2;
    }
    chunks
}

/// The quick tier's first chunk (functions); see [`quick_chunks`].
const QUICK_CHUNK: usize = 16;

/// The pipeline of a consumer's quick tier: cleanup passes and FastISel (`fast`). On the warm-up
/// workload its code ran a request in 0.39 ms against 0.43 ms with `quick` (no IR passes; the
/// optimized batch: 0.35 ms) for ~0.5 ms more compile time, and the consumer lost 0.2-0.9 ms
/// less before steady state (41 runs each, interleaved, twice, with and without `loops_first`).
pub const QUICK_TIER: Pipeline = Pipeline::Fast;

/// At most this many IR instructions compile in the quick tier's first phase ([`loops_first`]).
const LOOPS_FIRST_BUDGET: usize = 200;

/// The pipeline of the quick tier's first phase ([`loops_first`]): no IR passes (`quick`), as
/// its code runs only until the batch's quick tier is in. On the warm-up workload `score` came
/// in ~0.5 ms sooner than through `fast`; the request then running took 0.75 ms instead of
/// 1.0, the next three 0.74 instead of 0.70 (the consumer's loss 0.1-0.4 ms lower, interleaved,
/// three times).
const LOOPS_FIRST_PIPELINE: Pipeline = Pipeline::Quick;

/// What a consumer in the background compiles first, on their own and in
/// [`LOOPS_FIRST_PIPELINE`]: functions that need no code of their own once the batch is in
/// (every call of them inlined into it, or their work done inlined, `left_out`) but whose loops
/// ran at least `hot_calls` iterations, hottest first, up to `budget` IR instructions. Until
/// the batch's code comes in, the interpreter runs the batch's functions, and their time goes
/// to these loops: on the warm-up workload `score` (20 iterations per call, inlined into
/// `handle`) came in ~2 ms before the batch's quick tier, and the interpreted request running
/// then took 0.8 ms instead of 2.0 ms (the consumer's loss 0.2-0.7 ms lower, interleaved).
fn loops_first(
    module: &Module,
    profile: &Profile,
    left_out: &[FuncId],
    hot_calls: u64,
    budget: usize,
) -> Vec<FuncId> {
    let back_edges = |f: FuncId| {
        profile
            .funcs
            .get(&*module.func(f).name)
            .map_or(0, |p| p.back_edges)
    };
    let mut loops: Vec<FuncId> = left_out
        .iter()
        .copied()
        .filter(|&f| back_edges(f) >= hot_calls.max(1))
        .collect();
    loops.sort_by(|&a, &b| back_edges(b).cmp(&back_edges(a)).then(a.cmp(&b)));
    let mut size = 0;
    loops
        .into_iter()
        .take_while(|&f| {
            size += module.func(f).dfg.insts.len();
            size <= budget
        })
        .collect()
}

/// Run the entry point with Jump-Start: the profiled batch compiles (in the background unless
/// `--jumpstart-wait`) while the interpreter runs; output is flushed as soon as the program ends,
/// before waiting for a background compile to finish.
pub fn run_main(
    prog: &Program,
    ctx: &mut jsvm_runtime::ctx::Ctx,
    profile: bool,
    argv: &[String],
    js: &mut Session,
    jit_args: &jit_cli::JitArgs,
) -> Result<jsvm_runtime::value::TypedValue, jsvm_runtime::error::RuntimeError> {
    let profile = profile || js.seeding;
    if js.profile.is_none() {
        return jit_cli::run_main(prog, ctx, profile, argv);
    }
    // The program's end cancels what is left of a background batch: the process exits after
    // the function being compiled, not after the batch.
    let cancel = AtomicBool::new(false);
    std::thread::scope(|sc| {
        js.compile(prog, jit_args, Some(sc), Some(&cancel));
        let r = jit_cli::run_main(prog, ctx, profile, argv);
        let _ = ctx.flush_to(&mut std::io::stdout().lock());
        cancel.store(!jit_args.sync_compile, Ordering::Release);
        r
    })
}

impl Session {
    /// At exit: a seeder writes its profile (one warning line if it cannot). With an object
    /// cache (`--object-cache`), it then compiles into the cache the batch that a consumer of
    /// that profile compiles, as the consumer compiles it: the first consumer that shares the
    /// folder starts as later ones do, from objects.
    pub fn finish(&self, prog: &Program, jit_args: &jit_cli::JitArgs) {
        if !self.seeding {
            return;
        }
        let Some(path) = &self.path else { return };
        let profile = prog.profile();
        if profile.funcs.is_empty() {
            // (A server stopped before its first request.)
            eprintln!(
                "jsvm: warning: jump-start profile {} not written: no function ran",
                path.display()
            );
            return;
        }
        match publish(path, &prog.module, &profile, self.fingerprint, &self.tag, 1) {
            Err(e) => eprintln!(
                "jsvm: warning: jump-start profile {} not written: {e}",
                path.display()
            ),
            // (Only into a cache that opened: compiling for no cache would be wasted.)
            Ok(read_back) if jit_args.object_cache().is_some() => {
                self.fill_object_cache(prog, jit_args, read_back)
            }
            Ok(_) => {}
        }
    }

    /// A seeder's consumer: `read_back`, the file just published as a consumer reads it,
    /// compiled now with the seeder's settings through the object cache: the batch of a consumer
    /// in the background (the default; the one the file holds), without its quick tier.
    fn fill_object_cache(&self, prog: &Program, jit_args: &jit_cli::JitArgs, read_back: Loaded) {
        let mut consumer = Session::new(
            Mode::Consume,
            self.path.clone(),
            self.tag.clone(),
            Plan::new(None, false, jit_args.pipeline.pipeline()),
            self.layout,
        );
        consumer.profile = Some(read_back.applied.profile);
        consumer.seeded_batch = read_back.batch;
        consumer.compile(prog, jit_args, None, None);
    }

    /// The Jump-Start lines of `--stats` (stderr).
    pub fn print_stats(&self, prog: &Program) {
        if self.mode == Mode::Off {
            return;
        }
        eprintln!(
            "jsvm: jumpstart: mode {}, {} profiled function(s) used, {} stale{}",
            self.mode,
            self.profile.as_ref().map_or(0, |p| p.funcs.len()),
            self.stale,
            if self.seeding { ", seeding" } else { "" }
        );
        let Some(c) = &self.compiler else { return };
        // A function's last compile is its final tier's (the quick tier's come first).
        let stats = c.stats();
        let last: Vec<&jsvm_llvm::FuncStat> = self
            .batch
            .iter()
            .filter_map(|&f| stats.iter().rev().find(|s| s.func == f))
            .collect();
        let ok = last.iter().filter(|s| s.error.is_none()).count();
        if self.from_cache > 0 {
            eprintln!(
                "jsvm: jumpstart: {} function(s) of the batch loaded from the object cache in {:.3} ms before running",
                self.from_cache,
                self.cache_time.as_secs_f64() * 1e3
            );
        }
        if let Some(q) = self.quick_time {
            eprintln!(
                "jsvm: jumpstart: quick tier ({} pipeline) published after {:.3} ms",
                QUICK_TIER.name(),
                q.as_secs_f64() * 1e3
            );
        }
        if !self.loops_first.is_empty() {
            let names: Vec<&str> = self
                .loops_first
                .iter()
                .map(|&f| &*prog.module.func(f).name)
                .collect();
            eprintln!(
                "jsvm: jumpstart: quick tier began with {} loop function(s) inlined into the batch, for the interpreter meanwhile: {}",
                names.len(),
                names.join(", ")
            );
        }
        eprintln!(
            "jsvm: jumpstart: batch of {} function(s) ({} more inlined into them), {} compiled; {} in {:.3} ms ({}){}",
            self.batch.len(),
            self.inlined_away,
            ok,
            self.batch.len() - self.from_cache,
            self.compile_time.as_secs_f64() * 1e3,
            match self.plan.wait {
                Some(Wait::Optimized) => "before running",
                Some(Wait::Quick) => "in the background after the quick tier",
                None => "in the background",
            },
            if self.cut_short {
                "; cut short: the run ended first"
            } else {
                ""
            }
        );
        eprintln!(
            "jsvm: jumpstart: batch {}",
            if self.batch_from_profile {
                "from the profile (the seeder's, for the default flags)"
            } else {
                "planned at start-up"
            }
        );
        if self.not_hot > 0 {
            eprintln!(
                "jsvm: jumpstart: {} hot function(s) left to the interpreter: their work is done inlined into the batch",
                self.not_hot
            );
        }
        for st in last {
            if let Some(e) = &st.error {
                eprintln!("jsvm: jumpstart:   {} interpreted: {e}", st.name);
            }
        }
        let order: Vec<String> = c
            .c3_order()
            .iter()
            .map(|f| prog.module.func(*f).name.to_string())
            .collect();
        eprintln!("jsvm: jumpstart: C3 order: {}", order.join(" "));
        for (area, used) in c.area_usage() {
            if used > 0 {
                eprintln!("jsvm: jumpstart: area {area}: {used} bytes used");
            }
        }
        eprintln!(
            "jsvm: jumpstart: {} bytes of the hot area advised MADV_HUGEPAGE",
            c.hot_advised()
        );
    }
}

/// `jsvm compile-profile --out FILE [--runs N] FILE...`.
#[derive(Args, Clone, Debug)]
pub struct CompileProfileArgs {
    /// Where to write the profile.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// How many seeding runs to sum.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// A free tag for the header (e.g. a release name; at most 1 KiB).
    #[arg(long, default_value = "", value_parser = parse_tag)]
    pub tag: String,
    /// Source files or folders, then optionally `-- ARGS`.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Program arguments: an entry point with a parameter gets them as a `vec<string>`.
    #[arg(last = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

/// Run the program `runs` times as a seeder (output discarded) and write the profile.
pub fn compile_profile(a: &CompileProfileArgs) -> ExitCode {
    let module = match driver::compile(&a.files) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}", e.to_string().trim_end());
            return ExitCode::from(1);
        }
    };
    if module.entry_point().is_none() {
        eprintln!("jsvm: compile-profile: no entry point: add <<__EntryPoint>> to a function");
        return ExitCode::from(1);
    }
    if let Err(e) = jit_cli::check_entry_args(&module, "compile-profile", &a.args) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    if let Err(e) = writable(&a.out) {
        eprintln!("jsvm: compile-profile: --out {e}");
        return ExitCode::from(1);
    }
    let fp = fingerprint(&module, &a.files);
    let prog = match Program::load(module) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Fatal error: {e}");
            return ExitCode::from(255);
        }
    };
    let runs = a.runs;
    let bar = indicatif::ProgressBar::new(runs as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} runs, {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("seeding");
    let t0 = Instant::now();
    for _ in 0..runs {
        let _heap = jsvm_runtime::heap::enter_request();
        let mut ctx = jsvm_runtime::ctx::Ctx::new();
        if let Err(e) = jit_cli::run_main(&prog, &mut ctx, true, &a.args) {
            if !matches!(e, jsvm_runtime::error::RuntimeError::Exit(_)) {
                bar.suspend(|| {
                    eprintln!(
                        "jsvm: seeding run ended with {}",
                        jsvm_runtime::interp::uncaught_message(&e)
                    )
                });
            }
        }
        let _ = ctx.flush_to(&mut std::io::sink());
        bar.inc(1);
    }
    bar.finish_and_clear();
    let profile = prog.profile();
    match publish(&a.out, &prog.module, &profile, fp, &a.tag, runs) {
        Ok(written) => {
            let size = std::fs::metadata(&a.out).map_or(0, |m| m.len());
            eprintln!(
                "jsvm: wrote {} ({} functions, {} bytes, {} run(s) in {:.1} ms)",
                a.out.display(),
                written.applied.profile.funcs.len(),
                size,
                runs,
                t0.elapsed().as_secs_f64() * 1e3
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("jsvm: profile {} not written: {e}", a.out.display());
            ExitCode::from(1)
        }
    }
}

/// `jsvm profile-info FILE`: a readable summary of a profile.
pub fn profile_info(path: &Path, top: usize) -> ExitCode {
    let bytes = match file::read_bounded(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("jsvm: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    // Show any well-formed profile, whatever its version, target or age.
    let r = jsvm_jumpstart::format::decode_header(&bytes).and_then(|(h, _)| {
        jsvm_jumpstart::format::decode(
            &bytes,
            &Expect {
                jsvm_version: h.jsvm_version,
                target: h.target,
                fingerprint: None,
                now_unix: 0,
                ttl_secs: None,
            },
        )
    });
    match r {
        Ok(f) => driver::print_out(&info_text(&f, top)),
        Err(e) => {
            eprintln!("jsvm: {}: {e}", path.display());
            ExitCode::from(1)
        }
    }
}

/// The text of `profile-info`.
pub fn info_text(f: &JspFile, top: usize) -> String {
    use std::fmt::Write as _;
    let h = &f.header;
    let b = &f.body;
    let mut s = String::new();
    let _ = writeln!(s, "header:");
    let _ = writeln!(
        s,
        "  format {}, jsvm {}, target {}",
        jsvm_jumpstart::format::FORMAT_VERSION,
        h.jsvm_version,
        h.target
    );
    let _ = writeln!(s, "  fingerprint {:016x}", h.fingerprint);
    let _ = writeln!(
        s,
        "  seeded on {} at {} (unix), {} run(s), tag {:?}",
        h.seeder_host, h.created_unix, h.runs, h.tag
    );
    let entries: u64 = b.funcs.values().map(|r| r.profile.entries).sum();
    let loops: u64 = b.funcs.values().map(|r| r.profile.back_edges).sum();
    let branches: usize = b.funcs.values().map(|r| r.profile.branches.len()).sum();
    let calls: usize = b.funcs.values().map(|r| r.profile.calls.len()).sum();
    let dynamic: usize = b.funcs.values().map(|r| r.profile.targets.len()).sum();
    let _ = writeln!(s, "counts:");
    let _ = writeln!(
        s,
        "  {} functions, {} entries, {} loop iterations",
        b.funcs.len(),
        entries,
        loops
    );
    let _ = writeln!(
        s,
        "  {} profiled branches, {} call sites ({} dynamic)",
        branches, calls, dynamic
    );
    let mut hot: Vec<(&String, &jsvm_jumpstart::FuncRecord)> = b.funcs.iter().collect();
    hot.sort_by(|x, y| {
        y.1.profile
            .weight()
            .cmp(&x.1.profile.weight())
            .then(x.0.cmp(y.0))
    });
    let _ = writeln!(s, "hottest functions:");
    let _ = writeln!(s, "  {:>12} {:>12} {:>7}  name", "entries", "loops", "cold");
    for (name, r) in hot.iter().take(top) {
        let _ = writeln!(
            s,
            "  {:>12} {:>12} {:>3}/{:<3}  {}",
            r.profile.entries, r.profile.back_edges, r.cold_blocks, r.blocks, name
        );
    }
    if hot.len() > top {
        let _ = writeln!(s, "  ... {} more", hot.len() - top);
    }
    let _ = writeln!(
        s,
        "function order (C3, seeder's estimate; the consumer recomputes it from real sizes):"
    );
    for chunk in b.order.chunks(8) {
        let _ = writeln!(s, "  {}", chunk.join(" "));
    }
    // A titled list of decisions, `none` when empty.
    let decisions = |s: &mut String, title: &str, lines: Vec<String>| {
        let _ = writeln!(s, "{title}");
        if lines.is_empty() {
            let _ = writeln!(s, "  none");
        }
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    };
    decisions(
        &mut s,
        "inlining decisions (direct call sites of profiled functions):",
        b.inlining
            .iter()
            .map(|d| format!("{} i{} -> {}: {}", d.caller, d.site, d.callee, d.decision))
            .collect(),
    );
    decisions(
        &mut s,
        "speculation decisions (type histograms: guard when one type has >= 95% of >= 100 samples):",
        b.speculation
            .iter()
            .map(|d| {
                format!(
                    "{} v{}: {} {}/{}: {}",
                    d.func, d.value, d.kind, d.samples.1, d.samples.0, d.decision
                )
            })
            .collect(),
    );
    let _ = writeln!(
        s,
        "batch (a consumer's with the default flags, seeder's estimate):"
    );
    for (what, fs) in [
        ("compiled", &b.batch.compiled),
        ("inlined into them", &b.batch.inlined),
        (
            "left to the interpreter, their work done inlined",
            &b.batch.not_hot,
        ),
    ] {
        let list = if fs.is_empty() {
            "none".to_string()
        } else {
            fs.join(" ")
        };
        let _ = writeln!(s, "  {what}: {list}");
    }
    let blocks: u64 = b.funcs.values().map(|r| r.blocks as u64).sum();
    let cold: u64 = b.funcs.values().map(|r| r.cold_blocks as u64).sum();
    let _ = writeln!(
        s,
        "hot/cold (blocks under 0.05% of their function's entries and loop iterations):"
    );
    let _ = writeln!(
        s,
        "  {} of {} blocks cold ({:.1}%)",
        cold,
        blocks,
        if blocks == 0 {
            0.0
        } else {
            cold as f64 * 100.0 / blocks as f64
        }
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The program of `src` (one file), run once with profiling.
    fn run_profiled(src: &str) -> Program {
        let module = driver::compile_sources(&[("t.hack".into(), src.into())]).expect("compiles");
        let prog = Program::load(module).expect("loads");
        let mut ctx = jsvm_runtime::ctx::Ctx::new();
        prog.run_main_profiled(&mut ctx, true).expect("runs");
        prog
    }

    /// Guard failures seen in this run's code are added to the speculation profile of a later
    /// phase; without any, the loaded profile is used as it is.
    #[test]
    fn later_phases_see_this_runs_guard_failures() {
        let src = "<?hh\nfunction f(num $x): num { return $x * 2; }\n<<__EntryPoint>>\nfunction main(): void { echo f(1), \"\\n\"; }\n";
        let module = driver::compile_sources(&[("t.hack".into(), src.into())]).expect("compiles");
        let prog = Program::load(module).expect("loads");
        let f = prog.module.func_by_name("f").expect("f");
        let mut spec = prog.profile_of(&[f]);
        spec.funcs
            .entry("f".into())
            .or_default()
            .guard_failures
            .insert(3, 1);
        assert!(live_guard_failures(&prog, &spec, &[f]).is_none());
        prog.counters.funcs[f.index()].guard_failed(3);
        prog.counters.funcs[f.index()].guard_failed(7);
        let live = live_guard_failures(&prog, &spec, &[f]).expect("failures seen");
        let g = &live.funcs["f"].guard_failures;
        assert_eq!((g.get(&3), g.get(&7)), (Some(&2), Some(&1)));
    }

    /// A hot function whose work the batch's code does inlined is left out of the batch: `step`
    /// is called 40,040 times, but all but 40 of the calls are inlined into `work`, and the
    /// 40 come from the interpreted `main`. With `hot_calls` at 30, those 40 keep it in; so do
    /// calls from the batch's code, when nothing is inlined; a loop of its own keeps `work` in.
    #[test]
    fn a_function_whose_work_is_done_inlined_is_left_out() {
        let src = "<?hh
function step(int $h, int $x): int { return ($h ^ $x) & 0xffff; }
function work(int $r): int {
  $h = 0;
  for ($i = 0; $i < 2000; $i++) { $h = step($h, $i + $r); }
  return $h;
}
<<__EntryPoint>>
function main(): void {
  $c = 0;
  for ($r = 0; $r < 20; $r++) { $c = step(step($c, work($r)), $r); }
  echo $c, \"\\n\";
}
";
        let prog = run_profiled(src);
        let profile = prog.profile();
        let f = |n: &str| prog.module.func_by_name(n).expect(n);
        let (step, work) = (f("step"), f("work"));
        assert_eq!(profile.funcs["step"].entries, 40_040);
        let inline = jsvm_opt::inline::Policy::default();
        let b = batch(&prog.module, &profile, 100, None, Some(&inline), true);
        assert_eq!((b.funcs, b.not_hot), (vec![work], vec![step]));
        let b = batch(&prog.module, &profile, 30, None, Some(&inline), true);
        assert_eq!((b.funcs, b.not_hot), (vec![step, work], vec![]));
        // Without inlining every call still comes; with a budget that inlines nothing, the
        // batch's code still calls `step`, which keeps it in however few its calls.
        let b = batch(&prog.module, &profile, 100, None, None, true);
        assert_eq!((b.funcs, b.not_hot), (vec![step, work], vec![]));
        let none = jsvm_opt::inline::Policy {
            max_callee: 0,
            max_hot_callee: 0,
            ..inline
        };
        let b = batch(&prog.module, &profile, 50_000, None, Some(&none), true);
        assert_eq!((b.funcs, b.not_hot), (vec![step, work], vec![]));
        // `work`, though called only 20 times by the interpreted `main`, runs a loop of its own.
        let b = batch(&prog.module, &profile, 50_000, None, Some(&inline), true);
        assert_eq!((b.funcs, b.not_hot), (vec![work], vec![step]));
    }

    /// The batch a seeder writes into its profile is the one a consumer with the default flags
    /// computes from the file; a consumer of a program edited since seeding gets none.
    #[test]
    fn the_seeders_batch_is_the_one_a_default_consumer_computes() {
        let src = |mask: &str| {
            format!(
                "<?hh
function step(int $h, int $x): int {{ return ($h ^ $x) & {mask}; }}
function work(int $r): int {{
  $h = 0;
  for ($i = 0; $i < 100; $i++) {{ $h = step($h, $i + $r); }}
  return $h;
}}
function leaf(int $x): int {{ return $x + 1; }}
<<__EntryPoint>>
function main(): void {{
  $c = 0;
  for ($r = 0; $r < 1100; $r++) {{ $c = leaf(step($c, work($r))); }}
  echo $c, \"\\n\";
}}
"
            )
        };
        let prog = run_profiled(&src("0xffff"));
        let dir = std::env::temp_dir().join(format!("jsvm-seeded-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("t.jsp");
        let files = [PathBuf::from("t.hack")];
        let fp = fingerprint(&prog.module, &files);
        publish(&path, &prog.module, &prog.profile(), fp, "", 1).expect("published");
        let loaded = load_for(&path, &prog.module, &expect(fp, u64::MAX)).expect("loads");
        let inline = jsvm_opt::inline::Policy::default();
        let mut own = batch(
            &prog.module,
            &loaded.applied.profile,
            jit_cli::DEFAULT_HOT_CALLS,
            Some(jsvm_opt::specialize::Policy::default()),
            Some(&inline),
            true,
        );
        own.covered.sort();
        own.not_hot.sort();
        let f = |n: &str| prog.module.func_by_name(n).expect(n);
        // `work` runs the loop; `step` is inlined into it, and its 1,100 calls from `main`
        // keep it in; `leaf` is hot and inlines nothing, and no batch code calls it, but its
        // 1,100 calls from `main` keep it in too.
        assert_eq!(own.funcs, vec![f("step"), f("work"), f("leaf")]);
        assert_eq!(loaded.batch, Some(own));
        let edited = driver::compile_sources(&[("t.hack".into(), src("0xfff"))]).expect("compiles");
        let fp = fingerprint(&edited, &files);
        let stale = load_for(&path, &edited, &expect(fp, u64::MAX)).expect("loads");
        assert_eq!(stale.applied.stale, vec!["step".to_string()]);
        assert_eq!(stale.batch, None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The quick tier first compiles the hot loops of functions left out of the batch, hottest
    /// first, within a size budget; loops that ran fewer than `hot_calls` iterations, and
    /// functions without loops, are not among them.
    #[test]
    fn loops_first_are_the_hot_loops_left_out_of_the_batch() {
        let src = "<?hh
function a(int $x): int { $s = 0; for ($k = 0; $k < 20; $k++) { $s = $s ^ ($x + $k); } return $s; }
function b(int $x): int { $s = 0; for ($k = 0; $k < 3; $k++) { $s = $s + $x; } return $s; }
function c(int $x): int { return $x + 1; }
<<__EntryPoint>>
function main(): void {
  $t = 0;
  for ($i = 0; $i < 500; $i++) { $t = $t + a($i) + b($i) + c($i); }
  echo $t, \"\\n\";
}
";
        let prog = run_profiled(src);
        let profile = prog.profile();
        let f = |n: &str| prog.module.func_by_name(n).expect(n);
        let (a, b, c) = (f("a"), f("b"), f("c"));
        // a: 10,000 iterations; b: 1,500; c: none.
        let all = [a, b, c];
        let first = |fs: &[FuncId], hot: u64, budget: usize| {
            loops_first(&prog.module, &profile, fs, hot, budget)
        };
        let budget = LOOPS_FIRST_BUDGET;
        assert_eq!(first(&all, 1000, budget), vec![a, b]);
        assert_eq!(first(&all, 2000, budget), vec![a]);
        assert_eq!(first(&[b, c], 1000, budget), vec![b]);
        let size = |f: FuncId| prog.module.func(f).dfg.insts.len();
        assert!(size(a) + size(b) <= budget);
        assert_eq!(first(&all, 1000, size(a) + size(b) - 1), vec![a]);
        assert_eq!(first(&all, 1000, size(a) - 1), vec![]);
    }

    /// The quick tier compiles the batch heaviest first, in chunks that double: the 16
    /// heaviest functions, then the next 32, and so on.
    #[test]
    fn the_quick_tier_compiles_the_heaviest_functions_first() {
        let mut src = String::from("<?hh\n");
        for i in 0..60 {
            src += &format!("function f{i}(int $x): int {{ return $x + {i}; }}\n");
        }
        // f{i} is called i + 1 times per round.
        src += "<<__EntryPoint>>\nfunction main(): void {\n  $t = 0;\n  for ($r = 0; $r < 20; $r++) {\n";
        for i in 0..60 {
            src += &format!("    for ($k = 0; $k <= {i}; $k++) {{ $t = $t + f{i}($k); }}\n");
        }
        src += "  }\n  echo $t, \"\\n\";\n}\n";
        let prog = run_profiled(&src);
        let profile = prog.profile();
        let f = |i: usize| prog.module.func_by_name(&format!("f{i}")).expect("f");
        let all: Vec<FuncId> = (0..60).map(f).collect();
        let chunks = quick_chunks(&prog.module, &profile, &all, &[]);
        let ids = |r: std::ops::Range<usize>| {
            let mut v: Vec<FuncId> = r.map(f).collect();
            v.sort();
            v
        };
        assert_eq!(chunks, vec![ids(44..60), ids(12..44), ids(0..12)]);
        // A small batch is one chunk.
        assert_eq!(
            quick_chunks(&prog.module, &profile, &all[..3], &[]),
            vec![ids(0..3)]
        );
    }

    /// The quick tier, like the optimized batch, leaves the interpreter's core alone in the
    /// background, and takes every core when the process waits for it.
    #[test]
    fn compile_threads_leave_the_interpreter_a_core_unless_waiting() {
        let cores = jsvm_runtime::cpu::cores();
        let background = cores.saturating_sub(1).max(1);
        let plan = |wait| Plan::new(wait, true, Pipeline::Light);
        let threads = |p: Plan| (p.quick_threads, p.batch_threads);
        assert_eq!(threads(plan(None)), (background, background));
        assert_eq!(threads(plan(Some(Wait::Quick))), (cores, background));
        assert_eq!(threads(plan(Some(Wait::Optimized))).1, cores);
    }

    /// The quick tier comes first in the background and with `=quick`, never before the
    /// optimized batch the process waits for, nor with a pipeline about as quick as its own
    /// (then `=quick` waits for the batch itself); start-up warms what comes first.
    #[test]
    fn a_plan_resolves_the_wait_and_the_quick_tier_once() {
        let p = Plan::new(None, true, Pipeline::Light);
        assert!(p.quick_tier && p.wait.is_none());
        assert_eq!(p.first().0, QUICK_TIER);
        let p = Plan::new(None, false, Pipeline::Light);
        assert!(!p.quick_tier);
        assert_eq!(p.first().0, Pipeline::Light);
        let p = Plan::new(Some(Wait::Optimized), true, Pipeline::Light);
        assert!(!p.quick_tier);
        let p = Plan::new(Some(Wait::Quick), false, Pipeline::Light);
        assert!(p.quick_tier && p.wait == Some(Wait::Quick));
        let p = Plan::new(Some(Wait::Quick), true, Pipeline::Fast);
        assert!(!p.quick_tier && p.wait == Some(Wait::Optimized));
        assert_eq!(p.first(), (Pipeline::Fast, p.batch_threads));
    }
}
