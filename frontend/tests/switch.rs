//! `switch` lowering: labels that are all known ints give an int subject one `switch` on a
//! table (the interpreter's and LLVM's multi-way branch) before the `==` chain that every
//! other subject takes; other labels give the chain alone.

use jsvm_frontend::lower::lower_program;
use jsvm_frontend::{parse_program, SourceMap};
use jsvm_ir::{Imm, Opcode};

/// The case tables of the `switch` instructions of function `f` of `src`.
fn tables(src: &str) -> Vec<Vec<i64>> {
    let mut map = SourceMap::new();
    map.add("f.hack".into(), src.into());
    let p = parse_program(&map).expect("parses");
    let m = lower_program(&p).expect("lowers");
    let f = m.funcs.iter().find(|f| &*f.name == "f").expect("f");
    f.dfg
        .insts
        .iter()
        .filter(|d| d.op == Opcode::Switch)
        .map(|d| match &d.imm {
            Imm::Switch(c) => c.to_vec(),
            i => panic!("{i:?}"),
        })
        .collect()
}

#[test]
fn known_int_labels_make_one_table() {
    let src = "<?hh\nconst int TEN = 10;\nclass K { const int A = 7; }\n\
               function f(mixed $x): int {\n  switch ($x) {\n    case 1: return 1;\n    \
               case -2: return 2;\n    case TEN: return 3;\n    default: return 0;\n    \
               case K::A: return 4;\n    case 1: return 5;\n  }\n}\n";
    // The duplicate `1` is left out: the first case of a value is the one `==` finds.
    assert_eq!(tables(src), vec![vec![1, -2, 10, 7]]);
}

#[test]
fn other_labels_compare_case_by_case() {
    for labels in [
        "case 1: case 2: case 3: case 'x':",
        "case 1: case 2: case 3: case 4.5:",
        "case 1: case 2: case 3: case g():",
        // Too few for a table.
        "case 1: case 2: case 3:",
    ] {
        let src = format!(
            "<?hh\nfunction g(): int {{ return 4; }}\n\
             function f(mixed $x): int {{\n  switch ($x) {{ {labels} return 1; }}\n  return 0;\n}}\n"
        );
        assert_eq!(tables(&src), Vec::<Vec<i64>>::new(), "{labels}");
    }
}
