//! The compile pipeline shared by every command: sources → AST → baseline IR (typed, refcounted) → program.

use jsvm_frontend::{ast, lower, render_diagnostics, Diagnostic, SourceMap};
use jsvm_ir::Module;
use std::path::{Path, PathBuf};

/// A failure before the program runs; the message is ready to print (one line or a rendered diagnostic).
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// A source file could not be read (user error).
    #[error("jsvm: cannot read {path}: {err}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        err: std::io::Error,
    },
    /// No `.hack` files were given or found (user error).
    #[error("jsvm: no .hack files in {0}")]
    NoFiles(PathBuf),
    /// The baseline IR failed verification (jsvm bug).
    #[error("jsvm bug: the baseline IR does not verify:\n{0}")]
    Bug(String),
    /// Parse or lowering errors, rendered with file:line:col and a snippet (user error).
    #[error("{0}")]
    Diagnostics(String),
}

/// Writes a command's text (a dump, `profile-info`) to stdout: `SUCCESS`, or, when it cannot
/// be written (`> /dev/full`), one error line and status 1.
pub fn print_out(text: &str) -> std::process::ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jsvm: cannot write the output: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

/// The `.hack` files named by `paths` (directories are searched recursively, in sorted order,
/// for regular files),
/// each once: a file named twice (`run a.hack a.hack`, `run src src/a.hack`) is one file of the
/// program, not a redeclaration of everything in it.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CompileError> {
    let mut out = collect_all(paths)?;
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

/// [`collect_files`] before duplicates are dropped.
fn collect_all(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CompileError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = out.len();
            walk(p, &mut out, &mut Default::default()).map_err(|err| CompileError::Io {
                path: p.clone(),
                err,
            })?;
            if out.len() == before {
                return Err(CompileError::NoFiles(p.clone()));
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The `.hack` files under `dir` into `out`. A directory is walked once, however many paths
/// reach it (`seen`: canonical paths): symbolic links to an ancestor would otherwise be followed
/// round and round (two of them: 2^40 directories before the kernel's link limit).
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> std::io::Result<()> {
    if !seen.insert(std::fs::canonicalize(dir)?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out, seen)?;
        } else if e.extension().is_some_and(|x| x == "hack") && e.is_file() {
            // Regular files only: a FIFO named `x.hack` would block the read until a writer
            // came (a file named on the command line is read as given, as `cat` would).
            out.push(e);
        }
    }
    Ok(())
}

/// Load and parse the files.
pub fn parse(paths: &[PathBuf]) -> Result<(SourceMap, ast::Program), CompileError> {
    let mut map = SourceMap::new();
    map.add(
        jsvm_runtime::prelude::FILE_NAME.to_string(),
        jsvm_runtime::prelude::source(),
    );
    for p in collect_files(paths)? {
        map.load(&p).map_err(|err| CompileError::Io {
            path: p.clone(),
            err,
        })?;
    }
    parse_map(map)
}

/// Parse sources given as (name, text) pairs (after the prelude).
pub fn parse_sources(
    sources: &[(String, String)],
) -> Result<(SourceMap, ast::Program), CompileError> {
    let mut map = SourceMap::new();
    map.add(
        jsvm_runtime::prelude::FILE_NAME.to_string(),
        jsvm_runtime::prelude::source(),
    );
    for (name, text) in sources {
        map.add(name.clone(), text.clone());
    }
    parse_map(map)
}

fn parse_map(map: SourceMap) -> Result<(SourceMap, ast::Program), CompileError> {
    match jsvm_frontend::parse_program(&map) {
        Ok(prog) => Ok((map, prog)),
        Err(diags) => Err(CompileError::Diagnostics(render_diagnostics(&map, &diags))),
    }
}

/// Parse, lower, infer types and run the refcount pass: the baseline IR of the program.
pub fn compile(paths: &[PathBuf]) -> Result<Module, CompileError> {
    let (map, prog) = parse(paths)?;
    lower(&map, &prog)
}

/// [`compile`] for sources given as (name, text) pairs.
pub fn compile_sources(sources: &[(String, String)]) -> Result<Module, CompileError> {
    let (map, prog) = parse_sources(sources)?;
    lower(&map, &prog)
}

/// A top-level function or constant of the program named as a built-in one is refused, as HHVM
/// and PHP refuse it ("Cannot redeclare strlen()"): a call would silently run one or the other.
fn redeclared_builtins(prog: &ast::Program) -> Vec<Diagnostic> {
    prog.decls
        .iter()
        .filter_map(|d| match d {
            ast::Decl::Function(f) if builtin_function(lower::canonical_name(&f.name.name)) => {
                Some(Diagnostic::error(
                    "E0200",
                    format!("Cannot redeclare function {}()", f.name.name),
                    f.name.span,
                ))
            }
            ast::Decl::Const(c) if jsvm_runtime::builtins::constant(&c.name.name).is_some() => {
                Some(Diagnostic::error(
                    "E0200",
                    format!("Constant {} already defined", c.name.name),
                    c.name.span,
                ))
            }
            _ => None,
        })
        .collect()
}

/// A built-in function's name: the runtime's, or `invariant` (a form the front end lowers).
fn builtin_function(name: &str) -> bool {
    jsvm_runtime::builtins::lookup(name).is_some() || name.eq_ignore_ascii_case("invariant")
}

fn lower(map: &SourceMap, prog: &ast::Program) -> Result<Module, CompileError> {
    let builtins = redeclared_builtins(prog);
    if !builtins.is_empty() {
        return Err(CompileError::Diagnostics(render_diagnostics(
            map, &builtins,
        )));
    }
    let mut module = jsvm_frontend::with_big_stack(|| lower::lower_program(prog)).map_err(|e| {
        let mut d = Diagnostic::error("E0200", e.message.clone(), e.span);
        if let Some(first) = e.previous {
            d = d.with_label(first, "first declared here");
        }
        CompileError::Diagnostics(render_diagnostics(map, &[d]))
    })?;
    for f in &mut module.funcs {
        jsvm_ir::cleanup::cleanup(f);
    }
    jsvm_ir::infer::infer_module(&mut module, jsvm_runtime::interp::builtin_result_type);
    jsvm_ir::rc::insert_refcounts_module(&mut module);
    if let Err(errs) = jsvm_ir::verify_module(&module) {
        return Err(CompileError::Bug(errs.to_string()));
    }
    Ok(module)
}

/// The text of the module without the prelude's classes and functions (file 0).
pub fn user_ir(m: &Module) -> String {
    let prelude_classes = jsvm_runtime::prelude::class_count();
    let mut s = String::new();
    jsvm_ir::write::write_module_filtered(&mut s, m, &|i| i >= prelude_classes, &|i| {
        m.funcs[i].span.file != 0
    })
    .expect("write to a string");
    s
}

#[cfg(test)]
mod tests {
    use jsvm_ir::Opcode;

    /// A directory is walked once however many links reach it: two links to an ancestor made
    /// the walk visit 2^40 directories (a hang); a linked directory elsewhere is still walked.
    #[test]
    fn links_to_an_ancestor_end_the_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("app");
        let other = dir.path().join("other");
        std::fs::create_dir_all(root.join("lib")).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(root.join("main.hack"), "<?hh\n").unwrap();
        std::fs::write(other.join("util.hack"), "<?hh\n").unwrap();
        for link in ["loop", "loop2", "loop3"] {
            std::os::unix::fs::symlink("..", root.join("lib").join(link)).unwrap();
        }
        std::os::unix::fs::symlink(&other, root.join("lib/ext")).unwrap();
        let files = super::collect_files(std::slice::from_ref(&root)).expect("walks");
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["util.hack", "main.hack"], "{files:?}");
    }

    /// A container written inside `try` takes no increment before the write (which would make
    /// the write copy it every time): a write that fails leaves it to the handler instead.
    #[test]
    fn container_written_in_try_takes_no_increment() {
        let src = "function f(): vec<int> {\n  $v = vec[];\n  for ($i = 0; $i < 3; $i++) {\n    \
                   try { $v[] = $i; $v[0] = 1; } catch (Exception $e) { echo count($v); }\n  }\n  \
                   return $v;\n}\n";
        let m = super::compile_sources(&[("t.hack".into(), src.into())]).expect("compiles");
        let f = m.funcs.iter().find(|f| &*f.name == "f").expect("f");
        let mut writes = 0;
        for &b in &f.layout.order {
            let insts = f.layout.block_insts(b);
            for (i, &inst) in insts.iter().enumerate() {
                let d = &f.dfg.insts[inst.index()];
                if !matches!(d.op, Opcode::Append | Opcode::IndexSet) {
                    continue;
                }
                writes += 1;
                assert_eq!(d.dests.len(), 2, "the write has an exception edge");
                let container = d.args[0];
                let incremented = insts[..i].iter().any(|&p| {
                    let pd = &f.dfg.insts[p.index()];
                    pd.op == Opcode::IncRef && pd.args[0] == container
                });
                let mut text = String::new();
                jsvm_ir::write::write_function(&mut text, "f", f).expect("prints");
                assert!(
                    !incremented,
                    "incref of the container before the write:\n{text}"
                );
            }
        }
        assert_eq!(writes, 2);
    }

    /// A file named twice, directly or through its folder, is one file of the program; a
    /// function declared in two files is refused, pointing at both declarations.
    #[test]
    fn files_named_twice_are_one_and_redeclarations_show_the_first() {
        let dir = std::env::temp_dir().join(format!("jsvm-driver-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.hack");
        let b = dir.join("b.txt");
        std::fs::write(
            &a,
            "<<__EntryPoint>>\nfunction main(): void { helper(); }\nfunction helper(): void {}\n",
        )
        .unwrap();
        std::fs::write(&b, "function HELPER(): void {}\n").unwrap();
        let files = super::collect_files(&[a.clone(), dir.clone(), dir.join(".").join("a.hack")]);
        assert_eq!(files.expect("files"), vec![a.clone()]);
        assert!(super::compile(&[a.clone(), a.clone()]).is_ok());
        let e = super::compile(&[a.clone(), b.clone()]).expect_err("a redeclaration");
        let shown = e.to_string();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            shown.contains("Cannot redeclare function HELPER()")
                && shown.contains("b.txt:1:10")
                && shown.contains("a.hack:3:10")
                && shown.contains("first declared here"),
            "{shown}"
        );
    }
}
