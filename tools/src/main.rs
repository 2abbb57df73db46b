//! The `jsvm` command-line tool: runs Hack programs and dumps every stage of the pipeline.

use jsvm::driver;
mod jit_cli;
mod jumpstart_cli;
mod serve;

use clap::{Parser, Subcommand};
use jsvm_runtime::error::RuntimeError;
use jsvm_runtime::{ctx::Ctx, interp::Program};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jsvm",
    version,
    about = "A VM for a subset of Hack with an LLVM tier and Jump-Start profiles",
    after_help = "Examples:\n  jsvm run hello.hack                 run a program\n  jsvm run src/                       run every .hack file in a folder as one program\n  jsvm dump-ast hello.hack            print the syntax tree\n  jsvm dump-ir hello.hack --fn fib    print the typed SSA IR of one function"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run a program: its `<<__EntryPoint>>` function (else `main`).
    #[command(after_help = "Example:\n  jsvm run examples/demo.hack")]
    Run {
        /// Source files or folders (all files form one program).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the run time and counters to stderr.
        #[arg(long)]
        stats: bool,
        /// Run the interpreter with profile counters on (with --stats: print the hottest functions).
        #[arg(long)]
        profile: bool,
        /// Stop with a fatal error after this many calls and loop iterations.
        #[arg(long, value_name = "N")]
        max_steps: Option<u64>,
        /// The most live data the program's heap may hold (`128M`, `1G`, bytes), as PHP's
        /// `memory_limit`: past it, the fatal error "Allowed memory size of N bytes exhausted".
        /// No limit by default (or with -1, as PHP's).
        #[arg(
            long,
            value_name = "SIZE",
            value_parser = serve::parse_memory_limit,
            allow_hyphen_values = true
        )]
        memory_limit: Option<usize>,
        /// LLVM tier options.
        #[command(flatten)]
        jit: jit_cli::JitArgs,
        /// Jump-Start options (jumpstart_cli.rs).
        #[command(flatten)]
        jumpstart: jumpstart_cli::JumpstartArgs,
        /// Program arguments, after `--`: an entry point with a parameter gets them as a
        /// `vec<string>`.
        #[arg(last = true, value_name = "ARGS")]
        args: Vec<String>,
    },
    /// Serve HTTP: run the entry point once per request (with the path, the query's
    /// parameters, the method and the body as arguments); its output is the response.
    #[command(
        after_help = "Example:\n  jsvm serve --listen 127.0.0.1:8080 app/\n  curl 'http://127.0.0.1:8080/items?id=3'\n  curl http://127.0.0.1:8080/__jsvm/status"
    )]
    Serve(Box<serve::ServeArgs>),
    // ---- Jump-Start (jumpstart_cli.rs) ----
    /// Run a program as a Jump-Start seeder (N times, output discarded) and write its profile.
    #[command(
        after_help = "Example:\n  jsvm compile-profile --out app.jsp --runs 3 app/\n  jsvm run --jumpstart-mode=consume --jumpstart=app.jsp app/"
    )]
    CompileProfile(jumpstart_cli::CompileProfileArgs),
    /// Summarize a Jump-Start profile: header, counts, hottest functions, C3 order, inlining, hot/cold.
    #[command(after_help = "Example:\n  jsvm profile-info app.jsp")]
    ProfileInfo {
        /// The profile file.
        file: PathBuf,
        /// How many of the hottest functions to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
    /// Print the syntax tree.
    #[command(after_help = "Example:\n  jsvm dump-ast examples/demo.hack")]
    DumpAst {
        /// Source files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the baseline IR (typed SSA with block parameters), as the IR reader reads it back.
    #[command(after_help = "Example:\n  jsvm dump-ir examples/demo.hack --fn main")]
    DumpIr {
        /// Source files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only this function.
        #[arg(long = "fn")]
        func: Option<String>,
        /// Also print the prelude (the built-in exception classes); the output is then the
        /// whole module, which `jsvm_ir::parse_module` reads back.
        #[arg(long, conflicts_with = "func")]
        prelude: bool,
    },
    // ---- LLVM tier dumps (jit_cli.rs) ----
    /// Print the LLVM IR of each function as lowered (or after the passes with --opt).
    #[command(after_help = "Example:\n  jsvm dump-llvm bench/fib.hack --fn fib --opt")]
    DumpLlvm {
        /// Source files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only this function.
        #[arg(long = "fn")]
        func: Option<String>,
        /// After the optimization pipeline.
        #[arg(long)]
        opt: bool,
        /// LLVM optimization pipeline.
        #[arg(long, value_enum, default_value_t = jit_cli::PipelineArg::Light)]
        pipeline: jit_cli::PipelineArg,
        /// Inline small callees that cannot throw first, as `--tier=jit` does.
        #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
        inline: String,
        /// Lower as a Jump-Start consumer with this profile does (speculation, profile-guided
        /// inlining, branch weights).
        #[arg(long, value_name = "FILE")]
        jumpstart: Option<PathBuf>,
        /// The OSR function entered at this loop header (`b3`, as `dump-ir` names blocks), as
        /// the `auto` tier compiles it: speculation and direct method calls from the
        /// `--jumpstart` profile, no inlining.
        #[arg(long, value_name = "BLOCK", value_parser = parse_block)]
        osr: Option<jsvm_ir::Block>,
    },
    /// Compile with LLVM, load into the code cache and disassemble (addresses, areas, helper names).
    #[command(after_help = "Example:\n  jsvm dump-asm bench/fib.hack --fn fib")]
    DumpAsm {
        /// Source files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only this function.
        #[arg(long = "fn")]
        func: Option<String>,
        /// LLVM optimization pipeline.
        #[arg(long, value_enum, default_value_t = jit_cli::PipelineArg::Light)]
        pipeline: jit_cli::PipelineArg,
        /// Compile the profiled batch of this Jump-Start profile as a consumer does (hot parts
        /// in C3 order in the hot area, cold parts in the cold area).
        #[arg(long, value_name = "FILE")]
        jumpstart: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    // A reader that goes away (`jsvm dump-llvm f.hack | head`) ends the process as it ends
    // other Unix tools, by SIGPIPE, instead of failing writes. The Rust runtime ignores SIGPIPE; this restores the default.
    // SAFETY: `signal` with a valid signal number and SIG_DFL, before any other thread exists.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    jsvm_runtime::heap::keep_freed_blocks();
    // Panics are reported where they are caught: a fatal error (a limit) at the request
    // boundary as one `Fatal error:` line, any other (a bug) below, as one line with the place
    // the hook saw.
    std::panic::set_hook(Box::new(|info| {
        if let Some(at) = info.location() {
            *PANIC_PLACE.lock().unwrap_or_else(|e| e.into_inner()) = Some(at.to_string());
        }
    }));
    let cli = Cli::parse();
    std::panic::catch_unwind(|| dispatch(cli)).unwrap_or_else(|p| {
        let place = PANIC_PLACE.lock().unwrap_or_else(|e| e.into_inner()).take();
        let _ = std::io::stdout().flush();
        eprintln!(
            "{} (at {})",
            panic_message(p.as_ref()),
            place.as_deref().unwrap_or("an unknown place")
        );
        ExitCode::from(101)
    })
}

/// Where the latest panic happened (its hook prints nothing).
static PANIC_PLACE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Runs the command.
fn dispatch(cli: Cli) -> ExitCode {
    match cli.cmd {
        Cmd::Run {
            files,
            stats,
            profile,
            max_steps,
            memory_limit,
            jit,
            jumpstart,
            args,
        } => {
            // Nested native calls (initializers, callbacks, memoized calls) use native stack:
            // run on a thread with a large one. A consumer's LLVM set-up starts first, while the
            // front end runs, from that thread: its threads leave that thread's core. (Started
            // from `main`, they left `main`'s core, which then only waits, and often shared one
            // with the front end: consumer start-up 4.05 -> 3.89 ms, median of 31 runs.)
            jsvm_frontend::with_big_stack(|| {
                let _prewarm = jumpstart_cli::prewarm(&jumpstart, &jit);
                run(
                    (&files, &args),
                    stats,
                    profile,
                    (max_steps, memory_limit),
                    &jit,
                    &jumpstart,
                )
            })
        }
        Cmd::Serve(a) => jsvm_frontend::with_big_stack(|| {
            let _prewarm = jumpstart_cli::prewarm(&a.jumpstart, &a.jit);
            serve::serve(&a)
        }),
        Cmd::CompileProfile(a) => jumpstart_cli::compile_profile(&a),
        Cmd::ProfileInfo { file, top } => jumpstart_cli::profile_info(&file, top),
        Cmd::DumpLlvm {
            files,
            func,
            opt,
            pipeline,
            inline,
            jumpstart,
            osr,
        } => jit_cli::dump_llvm(
            &files,
            func.as_deref(),
            opt,
            pipeline,
            (inline == "on").then(jsvm_opt::inline::Policy::default),
            jumpstart.as_deref(),
            osr,
        ),
        Cmd::DumpAsm {
            files,
            func,
            pipeline,
            jumpstart,
        } => jit_cli::dump_asm(&files, func.as_deref(), pipeline, jumpstart.as_deref()),
        Cmd::DumpAst { files } => match driver::parse(&files) {
            Ok((_, prog)) => driver::print_out(&jsvm_frontend::with_big_stack(|| {
                jsvm_frontend::dump_ast(&prog)
            })),
            Err(e) => fail(e),
        },
        Cmd::DumpIr {
            files,
            func,
            prelude,
        } => match driver::compile(&files) {
            Ok(m) => match func {
                None if prelude => driver::print_out(&m.to_string()),
                None => driver::print_out(&driver::user_ir(&m)),
                Some(name) => match m.func_by_name_any_case(&name) {
                    Some(id) => {
                        let mut s = String::new();
                        jsvm_ir::write::write_function(&mut s, id, m.func(id))
                            .expect("write to string");
                        driver::print_out(&s)
                    }
                    None => {
                        eprintln!("jsvm: no function named '{name}'");
                        ExitCode::from(1)
                    }
                },
            },
            Err(e) => fail(e),
        },
    }
}

/// A block named as `dump-ir` prints it (`b3`).
fn parse_block(s: &str) -> Result<jsvm_ir::Block, String> {
    jsvm_ir::parse_block(s).ok_or_else(|| format!("`{s}` is not a block name like `b3`"))
}

/// The message of a panic payload: a fatal's own text, else an internal-error note.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    let msg = p
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    match msg.strip_prefix("fatal error: ") {
        Some(m) => m.to_string(),
        None => format!("jsvm internal error: {msg}"),
    }
}

fn fail(e: driver::CompileError) -> ExitCode {
    let msg = e.to_string();
    eprint!("{msg}");
    if !msg.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(1)
}

fn run(
    (files, argv): (&[PathBuf], &[String]),
    stats: bool,
    profile: bool,
    (max_steps, memory_limit): (Option<u64>, Option<usize>),
    jit_args: &jit_cli::JitArgs,
    js_args: &jumpstart_cli::JumpstartArgs,
) -> ExitCode {
    let t0 = std::time::Instant::now();
    // With a step budget, compiled code polls it too (at function entries and loop headers).
    let budgeted = jit_cli::JitArgs {
        poll: if max_steps.is_some() {
            jsvm_llvm::Poll::Budget
        } else {
            jsvm_llvm::Poll::Off
        },
        ..jit_args.clone()
    };
    let jit_args = &budgeted;
    if let Err(e) = js_args.check(jit_args.tier) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    if profile && jit_args.tier == jit_cli::TierArg::Jit {
        eprintln!(
            "jsvm: warning: --profile counts what the interpreter runs, and --tier=jit compiles every function first"
        );
    }
    let module = match driver::compile(files) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    if let Err(e) = jit_cli::check_entry_args(&module, "run", argv) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    let prog = match Program::load(module) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("Fatal error: {e}");
            return ExitCode::from(255);
        }
    };
    let jit = jit_cli::prepare(&prog, jit_args);
    // ---- Jump-Start: load and validate the profile (jumpstart_cli.rs) ----
    let mut js = match jumpstart_cli::Session::start(
        &prog.module,
        files,
        js_args,
        jit_args.pipeline.pipeline(),
    ) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let t_load = t0.elapsed();
    let heap = jsvm_runtime::heap::enter_request();
    if let Some(limit) = memory_limit {
        heap.set_limit(limit);
    }
    let mut ctx = Ctx::new();
    if let Some(n) = max_steps {
        ctx.budget = n.max(1);
    }
    // Output goes out as it is written: in blocks to a pipe or a file, at once to a terminal.
    ctx.stream = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        jsvm_runtime::ctx::Stream::Writes
    } else {
        jsvm_runtime::ctx::Stream::Blocks
    };
    // Fatals (limits) unwind as panics to the request boundary, here.
    // A seeder profiles everything in the interpreter: no tier-up while seeding.
    let seed_args;
    let jit_args = if js.seeding && jit_args.tier == jit_cli::TierArg::Auto {
        seed_args = jit_cli::JitArgs {
            tier: jit_cli::TierArg::Interp,
            ..jit_args.clone()
        };
        &seed_args
    } else {
        jit_args
    };
    let mut auto = jit_cli::AutoStats::default();
    let profile = profile || jit_args.tier == jit_cli::TierArg::Auto;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        jit_cli::with_auto(&prog, jit_args, &mut auto, || {
            jumpstart_cli::run_main(&prog, &mut ctx, profile, argv, &mut js, jit_args)
        })
    }))
    .unwrap_or_else(|p| Err(RuntimeError::fatal(panic_message(p.as_ref()))));
    let mut out = std::io::stdout().lock();
    // Output that cannot be written is a fatal error (see `Ctx::wrote`), also at the end.
    let result = match ctx.flush_to(&mut out) {
        Err(e) if !matches!(result, Err(RuntimeError::Fatal(_))) => {
            Err(RuntimeError::fatal(format!("cannot write the output: {e}")))
        }
        _ => result,
    };
    let code = match result {
        Ok(_) => 0,
        Err(RuntimeError::Exit(c)) => c,
        Err(e) => {
            let _ = out.flush();
            eprintln!("{}", jsvm_runtime::interp::uncaught_message(&e));
            255
        }
    };
    js.finish(&prog, jit_args);
    if stats && jit_args.tier == jit_cli::TierArg::Auto {
        eprintln!(
            "jsvm: auto: {} hot function(s), {} compiled in {:.3} ms in the background",
            auto.hot,
            auto.compiled,
            auto.compile_time.as_secs_f64() * 1e3
        );
    }
    if stats {
        let deopts: u64 = prog
            .counters
            .funcs
            .iter()
            .map(|c| c.deopts.load(std::sync::atomic::Ordering::Relaxed))
            .sum();
        eprintln!(
            "jsvm: osr: {} loop(s) compiled, {} entries; deopts: {deopts}; functions sent back to the interpreter: {}",
            auto.osr_compiled,
            prog.osr_entries.load(std::sync::atomic::Ordering::Relaxed),
            auto.retired
        );
    }
    if stats && profile {
        for (name, n) in prog.profile().hottest().into_iter().take(10) {
            eprintln!("jsvm: profile {n:>12} {name}");
        }
    }
    if stats {
        eprintln!(
            "jsvm: compile {:.3} ms, total {:.3} ms",
            t_load.as_secs_f64() * 1e3,
            t0.elapsed().as_secs_f64() * 1e3
        );
        jit_cli::print_stats(&jit);
        js.print_stats(&prog);
        jit_cli::print_object_cache_stats();
    }
    ExitCode::from(code as u8)
}
