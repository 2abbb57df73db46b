//! The `jsvm` command-line tool: runs Hack programs and dumps every stage of the pipeline.

mod driver;

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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Run { files, stats } => run(&files, stats),
        Cmd::DumpAst { files } => match driver::parse(&files) {
            Ok((_, prog)) => {
                print!(
                    "{}",
                    jsvm_frontend::with_big_stack(|| jsvm_frontend::dump_ast(&prog))
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::DumpIr { files, func } => match driver::compile(&files) {
            Ok(m) => match func {
                None => {
                    print!("{m}");
                    ExitCode::SUCCESS
                }
                Some(name) => match m.func_by_name(&name) {
                    Some(id) => {
                        let mut s = String::new();
                        jsvm_ir::write::write_function(&mut s, id, m.func(id))
                            .expect("write to string");
                        print!("{s}");
                        ExitCode::SUCCESS
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

fn fail(e: driver::CompileError) -> ExitCode {
    let msg = e.to_string();
    eprint!("{msg}");
    if !msg.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(1)
}

fn run(files: &[PathBuf], stats: bool) -> ExitCode {
    let t0 = std::time::Instant::now();
    let module = match driver::compile(files) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let prog = Program::load(module);
    let t_load = t0.elapsed();
    let _heap = jsvm_runtime::heap::enter_request();
    let mut ctx = Ctx::new();
    let result = prog.run_main(&mut ctx);
    let mut out = std::io::stdout().lock();
    let _ = ctx.flush_to(&mut out);
    let code = match result {
        Ok(_) => 0,
        Err(RuntimeError::Exit(c)) => c,
        Err(e) => {
            let _ = out.flush();
            eprintln!("{}", jsvm_runtime::interp::uncaught_message(&e));
            255
        }
    };
    if stats {
        eprintln!(
            "jsvm: compile {:.3} ms, total {:.3} ms",
            t_load.as_secs_f64() * 1e3,
            t0.elapsed().as_secs_f64() * 1e3
        );
    }
    ExitCode::from(code as u8)
}
