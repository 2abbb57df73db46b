//! `switch` lowering: labels that are all known ints give an int subject one `switch` on a
//! table (the interpreter's and LLVM's multi-way branch) before the `==` chain that every
//! other subject takes; labels that are all known strings that cannot be numeric give a string
//! subject one `switch_str`; other labels give the chain alone.

use jsvm_frontend::lower::lower_program;
use jsvm_frontend::{parse_program, SourceMap};
use jsvm_ir::{Imm, Opcode};

/// The immediates of the `switch` and `switch_str` instructions of function `f` of `src`.
fn switches(src: &str) -> Vec<Imm> {
    let mut map = SourceMap::new();
    map.add("f.hack".into(), src.into());
    let p = parse_program(&map).expect("parses");
    let m = lower_program(&p).expect("lowers");
    let f = m.funcs.iter().find(|f| &*f.name == "f").expect("f");
    f.dfg
        .insts
        .iter()
        .filter(|d| matches!(d.op, Opcode::Switch | Opcode::SwitchStr))
        .map(|d| d.imm.clone())
        .collect()
}

/// The case tables of the `switch` instructions of function `f` of `src`.
fn tables(src: &str) -> Vec<Vec<i64>> {
    switches(src)
        .into_iter()
        .map(|i| match i {
            Imm::Switch(c) => c.to_vec(),
            i => panic!("{i:?}"),
        })
        .collect()
}

/// The labels of the `switch_str` instructions of function `f` of `src`.
fn string_tables(src: &str) -> Vec<Vec<String>> {
    switches(src)
        .into_iter()
        .map(|i| match i {
            Imm::SwitchStr(l) => l
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect(),
            i => panic!("{i:?}"),
        })
        .collect()
}

/// `f` switching on `$x` with `labels`, each case returning 1.
fn with_labels(labels: &str) -> String {
    format!(
        "<?hh\nconst string GET = 'get';\nclass K {{ const string A = 'a'; }}\n\
         function g(): string {{ return 'g'; }}\n\
         function f(mixed $x): int {{\n  switch ($x) {{ {labels} return 1; }}\n  return 0;\n}}\n"
    )
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

#[test]
fn known_non_numeric_string_labels_make_one_string_table() {
    let src =
        with_labels("case 'post': case GET: case K::A: case '': case 'post': default: case 'x1':");
    // The duplicate `'post'` is left out: the first case of a value is the one `==` finds.
    assert_eq!(
        string_tables(&src),
        vec![vec!["post", "get", "a", "", "x1"]]
    );
}

#[test]
fn labels_that_may_be_numeric_compare_case_by_case() {
    for labels in [
        // Numeric strings compare as numbers with `==` ("1e1" == "10").
        "case 'a': case 'b': case 'c': case '10':",
        // Not numeric, but starting as a number may (the front end keeps to what it can
        // prove).
        "case 'a': case 'b': case 'c': case ' x':",
        "case 'a': case 'b': case 'c': case '-x':",
        "case 'a': case 'b': case 'c': case '.x':",
        "case 'a': case 'b': case 'c': case '5 apples':",
        // Mixed, unknown, or too few.
        "case 'a': case 'b': case 'c': case 1:",
        "case 'a': case 'b': case 'c': case null:",
        "case 'a': case 'b': case 'c': case g():",
        "case 'a': case 'b': case 'c':",
    ] {
        assert_eq!(
            switches(&with_labels(labels)),
            Vec::<Imm>::new(),
            "{labels}"
        );
    }
}
