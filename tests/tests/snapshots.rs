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

/// The dense backward fixpoint `Liveness` used to run (per block: `out = args ∪ ⋃ in(succ)`,
/// `in = gen ∪ (out − defs)`), as the reference for its sparse replacement.
fn dense_liveness(
    f: &jsvm_ir::Function,
    cfg: &jsvm_ir::analysis::Cfg,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    use jsvm_ir::analysis::BitSet;
    let n = cfg.num_blocks();
    let placed: Vec<jsvm_ir::Block> = f
        .layout
        .order
        .iter()
        .copied()
        .filter(|b| b.index() < n)
        .collect();
    let (mut gen, mut kill, mut args) = (
        vec![BitSet::new(); n],
        vec![BitSet::new(); n],
        vec![BitSet::new(); n],
    );
    for &b in &placed {
        let (g, k) = (&mut gen[b.index()], &mut kill[b.index()]);
        for &p in f.dfg.block_params(b) {
            k.insert(p.index());
        }
        let insts = f.layout.block_insts(b);
        for &i in insts {
            let d = &f.dfg.insts[i.index()];
            for v in d.args.iter().chain(d.dests.iter().flat_map(|bc| &bc.args)) {
                if !k.contains(v.index()) {
                    g.insert(v.index());
                }
            }
            if let Some(r) = d.result {
                k.insert(r.index());
            }
        }
        if let Some(&last) = insts.last() {
            let d = &f.dfg.insts[last.index()];
            if d.ends_block() {
                for v in d.dests.iter().flat_map(|bc| &bc.args) {
                    args[b.index()].insert(v.index());
                }
            }
        }
    }
    let (mut live_in, mut live_out) = (vec![BitSet::new(); n], vec![BitSet::new(); n]);
    let mut changed = true;
    while changed {
        changed = false;
        for &b in placed.iter().rev() {
            let mut out = args[b.index()].clone();
            for &s in cfg.succs(b) {
                out.union_with(&live_in[s.index()]);
            }
            let mut inn = out.clone();
            inn.subtract(&kill[b.index()]);
            inn.union_with(&gen[b.index()]);
            if inn != live_in[b.index()] {
                live_in[b.index()] = inn;
                changed = true;
            }
            live_out[b.index()] = out;
        }
    }
    let list = |s: Vec<BitSet>| s.iter().map(|b| b.iter().collect()).collect();
    (list(live_in), list(live_out))
}

/// Calls `check(path, function, cfg)` for every function of every corpus program `dump-ir`
/// accepts (its refcounted IR, read back); returns how many blocks those functions have.
fn for_each_corpus_function(
    mut check: impl FnMut(&Path, &jsvm_ir::Function, &jsvm_ir::analysis::Cfg),
) -> usize {
    let mut blocks = 0;
    for path in corpus() {
        let Some(text) = dump_ir(&path, true) else {
            continue;
        };
        let module = jsvm_ir::parse_module(&text).unwrap();
        for f in &module.funcs {
            let cfg = jsvm_ir::analysis::Cfg::compute(f);
            check(&path, f, &cfg);
            blocks += f.layout.order.len();
        }
    }
    blocks
}

#[test]
fn sparse_liveness_matches_the_dense_fixpoint() {
    let blocks = for_each_corpus_function(|path, f, cfg| {
        let live = jsvm_ir::analysis::Liveness::compute(f, cfg);
        let (want_in, want_out) = dense_liveness(f, cfg);
        for &b in &f.layout.order {
            let got_in: Vec<usize> = live.live_in(b).iter().collect();
            let got_out: Vec<usize> = live.live_out(b).iter().collect();
            assert_eq!(
                got_in,
                want_in[b.index()],
                "{}: {} {b}",
                path.display(),
                f.name
            );
            assert_eq!(
                got_out,
                want_out[b.index()],
                "{}: {} {b}",
                path.display(),
                f.name
            );
        }
    });
    assert!(blocks >= 1000, "only {blocks} blocks compared");
}

/// Immediate dominators by the iterative algorithm of Cooper, Harvey and Kennedy (what
/// `DomTree` used before semi-NCA), as the reference: by block index, the entry its own.
fn chk_idoms(cfg: &jsvm_ir::analysis::Cfg) -> Vec<Option<jsvm_ir::Block>> {
    let n = cfg.num_blocks();
    let mut idom: Vec<Option<jsvm_ir::Block>> = vec![None; n];
    let rpo = cfg.rpo();
    let num = |b: jsvm_ir::Block| cfg.rpo_index(b).unwrap_or(usize::MAX);
    let Some(&entry) = rpo.first() else {
        return idom;
    };
    idom[entry.index()] = Some(entry);
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &rpo[1..] {
            let mut new: Option<jsvm_ir::Block> = None;
            for &p in cfg.preds(b) {
                if idom[p.index()].is_none() {
                    continue;
                }
                new = Some(match new {
                    None => p,
                    Some(mut a) => {
                        let mut c = p;
                        while a != c {
                            while num(a) > num(c) {
                                a = idom[a.index()].unwrap();
                            }
                            while num(c) > num(a) {
                                c = idom[c.index()].unwrap();
                            }
                        }
                        a
                    }
                });
            }
            if new.is_some() && idom[b.index()] != new {
                idom[b.index()] = new;
                changed = true;
            }
        }
    }
    idom
}

#[test]
fn semi_nca_dominators_match_the_iterative_algorithm() {
    let blocks = for_each_corpus_function(|path, f, cfg| {
        let dom = jsvm_ir::analysis::DomTree::compute(f, cfg);
        let want = chk_idoms(cfg);
        for &b in &f.layout.order {
            let got = if Some(&b) == cfg.rpo().first() {
                dom.is_reachable(b).then_some(b)
            } else {
                dom.idom(b)
            };
            assert_eq!(got, want[b.index()], "{}: {} {b}", path.display(), f.name);
        }
    });
    assert!(blocks >= 1000, "only {blocks} blocks compared");
}
