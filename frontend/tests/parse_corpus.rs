//! Every Hack program of the shared conformance and benchmark corpora parses, and dumps (but
//! those whose expected error is a syntax error).

use jsvm_frontend::{dump_ast, parse_file, render_diagnostics, SourceMap};
use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("../../shared/conformance"),
        root.join("../../shared/bench"),
        root.join("../tests/conformance"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        collect(&dir, &mut files);
    }
    files.sort();
    files
}

/// Whether the program's expected error (`NAME.err`) is a syntax error: a test of one.
fn syntax_error_expected(hack: &Path) -> bool {
    std::fs::read_to_string(hack.with_extension("err"))
        .is_ok_and(|e| e.starts_with("error[syntax]"))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "hack") && !syntax_error_expected(&p) {
            out.push(p);
        }
    }
}

#[test]
fn corpus_parses() {
    let files = corpus();
    assert!(files.len() > 20, "corpus not found: {} files", files.len());
    let mut failures = String::new();
    for path in &files {
        let mut map = SourceMap::new();
        let id = map.load(path).unwrap();
        match parse_file(&map, id) {
            Ok(file) => {
                let program = jsvm_frontend::ast::Program { decls: file.decls };
                assert!(
                    !program.decls.is_empty(),
                    "{}: no declarations",
                    path.display()
                );
                let dump = dump_ast(&program);
                assert_eq!(dump, dump_ast(&program));
                assert!(!dump.is_empty());
            }
            Err(diags) => failures.push_str(&render_diagnostics(&map, &diags)),
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn whole_corpus_as_one_program() {
    let mut map = SourceMap::new();
    for path in corpus() {
        map.load(path).unwrap();
    }
    let program = jsvm_frontend::parse_program(&map)
        .map_err(|d| render_diagnostics(&map, &d))
        .unwrap();
    assert!(program.decls.len() > 100);
}
