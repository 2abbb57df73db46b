//! insta snapshots of `jsvm dump-ir` (the same printer as the CLI) for small programs, and the
//! print∘read identity of the IR text for every conformance program the pipeline accepts.

use jsvm_tests::locate_jsvm;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `jsvm dump-ir FILE` (with `--prelude`: the whole module).
fn dump_ir(path: &Path, prelude: bool) -> Option<String> {
    let jsvm = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let mut cmd = Command::new(jsvm);
    cmd.arg("dump-ir").arg(path);
    if prelude {
        cmd.arg("--prelude");
    }
    let out = cmd.output().expect("run jsvm dump-ir");
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).expect("dump-ir prints UTF-8"))
}

#[test]
fn dump_ir_snapshots() {
    insta::glob!("../snapshots/inputs", "*.hack", |path| {
        let text =
            dump_ir(path, false).unwrap_or_else(|| panic!("dump-ir failed on {}", path.display()));
        insta::assert_snapshot!(text);
    });
}

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("../../shared/conformance"),
        root.join("conformance"),
        root.join("../../shared/bench"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "hack") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn ir_text_reads_back_identically() {
    let mut checked = 0;
    for path in corpus() {
        let Some(text) = dump_ir(&path, true) else {
            continue;
        };
        let module = jsvm_ir::parse_module(&text)
            .unwrap_or_else(|e| panic!("{}: dump-ir output does not parse: {e}", path.display()));
        assert_eq!(
            module.to_string(),
            text,
            "{}: print∘read is not the identity",
            path.display()
        );
        jsvm_ir::verify_module(&module).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
    }
    assert!(
        checked >= 20,
        "only {checked} programs went through dump-ir"
    );
}
