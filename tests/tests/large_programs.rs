//! Generated programs of a size real generated code reaches (a 40,000-entry dict literal, a
//! function of 20,000 `if`s) go through the front end in bounded memory: `jsvm run` under a
//! 1.5 GB address-space limit (the compile-time analyses used to be quadratic: 15 GB and more);
//! a function too large for the LLVM tier stays interpreted, and says so in `--stats`.

use jsvm_tests::locate_jsvm;
use std::fmt::Write;
use std::process::Command;

/// Runs `src` (written to a temporary file `name`) as `jsvm run --tier=TIER [--stats] FILE`
/// under `ulimit -v` of 1.5 GB; returns its stdout and stderr after checking that it succeeded.
fn run_bounded(name: &str, src: &str, tier: &str, stats: bool) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("jsvm-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    let jsvm = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let stats = if stats { "--stats" } else { "" };
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1500000 && exec \"$0\" run --tier={tier} {stats} \"$1\""
        ))
        .arg(&jsvm)
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{name}: {:?}\n{err}", out.status);
    (String::from_utf8(out.stdout).unwrap(), err)
}

#[test]
fn a_large_dict_literal_compiles_in_bounded_memory() {
    let mut src = String::from("<?hh\n<<__EntryPoint>>\nfunction main(): void {\n  $d = dict[");
    for i in 0..40_000 {
        write!(src, "'k{i}' => {i}, ").unwrap();
    }
    src.push_str("];\n  echo count($d), ' ', $d['k39999'], \"\\n\";\n}\n");
    assert_eq!(
        run_bounded("dict.hack", &src, "interp", false).0,
        "40000 39999\n"
    );
}

#[test]
fn a_function_of_many_ifs_compiles_in_bounded_memory() {
    let mut src = String::from("<?hh\nfunction f(int $x): int {\n  $s = 0;\n");
    for i in 0..20_000 {
        writeln!(
            src,
            "  if ($x > {i}) {{ $s = $s + {i}; $t{} = $s; }}",
            i % 50
        )
        .unwrap();
    }
    src.push_str(
        "  return $s;\n}\n<<__EntryPoint>>\nfunction main(): void { echo f(5), \"\\n\"; }\n",
    );
    assert_eq!(run_bounded("ifs.hack", &src, "interp", false).0, "10\n");
}

#[test]
fn functions_too_large_for_llvm_stay_interpreted() {
    let mut src = String::from("<?hh\nfunction table(): dict<string, int> {\n  return dict[");
    for i in 0..2_000 {
        write!(src, "'k{i}' => {i}, ").unwrap();
    }
    src.push_str("];\n}\n<<__EntryPoint>>\nfunction main(): void {\n");
    src.push_str("  $t = table();\n  echo count($t), ' ', $t['k1999'], \"\\n\";\n}\n");
    let (out, err) = run_bounded("table.hack", &src, "jit", true);
    assert_eq!(out, "2000 1999\n");
    assert!(
        err.contains("table: too large for the LLVM tier: an instruction of 4000 operands"),
        "{err}"
    );
}

#[test]
fn many_classes_load_in_bounded_memory() {
    // Each class knew every other (an n² table: 40,000 classes took 2.1 GB).
    let mut src = String::from("<?hh\ninterface I {}\n");
    for i in 0..30_000 {
        if i % 2 == 0 {
            writeln!(src, "class C{i} implements I {{}}").unwrap();
        } else {
            writeln!(src, "class C{i} extends C{} {{}}", i - 1).unwrap();
        }
    }
    src.push_str(
        "<<__EntryPoint>>\nfunction main(): void {\n  \
         $o = new C29999();\n  \
         echo ($o is C29998) ? 1 : 0, ($o is I) ? 1 : 0, ($o is C0) ? 1 : 0, \"\\n\";\n}\n",
    );
    assert_eq!(
        run_bounded("classes.hack", &src, "interp", false).0,
        "110\n"
    );
}

#[test]
fn a_call_of_65534_arguments_passes_them_all() {
    // (They were counted in 16 bits: 65,536 arguments arrived as none.)
    let args = vec!["1"; 65_534].join(",");
    let src = format!(
        "<?hh\nfunction f(int ...$a): int {{ return count($a) + $a[65533]; }}\n\
         class C {{ public function m(int ...$a): int {{ return count($a); }} }}\n\
         <<__EntryPoint>>\nfunction main(): void {{\n  \
         echo f({args}), ' ', max({args}), ' ', (new C())->m({args}), \"\\n\";\n}}\n"
    );
    assert_eq!(
        run_bounded("args.hack", &src, "interp", false).0,
        "65535 1 65534\n"
    );
}
