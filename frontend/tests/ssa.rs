//! SSA construction for locals: a local that an `if` leaves alone gets no block parameter at
//! the join, so N locals live across N `if`s are O(N) values, not N² (3,000 of each took
//! 14 s, 800 MB and overflowed the interpreter's stack with one frame slot per value).

use jsvm_frontend::lower::lower_program;
use jsvm_frontend::{parse_program, SourceMap};

fn values_of_main(n: usize) -> (usize, usize) {
    let mut src = String::from("<?hh\nfunction main(int $a): int {\n  $t = 0;\n");
    for i in 0..n {
        src.push_str(&format!("  $v{i} = $a + {i};\n"));
    }
    for i in 0..n {
        src.push_str(&format!("  if ($a > {}) {{ $t += $v{i}; }}\n", i % 5));
    }
    src.push_str("  return $t;\n}\n");
    let mut map = SourceMap::new();
    map.add("f.hack".into(), src);
    let p = parse_program(&map).expect("parses");
    let m = lower_program(&p).expect("lowers");
    let f = m.funcs.iter().find(|f| &*f.name == "main").expect("main");
    let params = f.dfg.blocks.iter().map(Vec::len).sum();
    (f.dfg.values.len(), params)
}

#[test]
fn untouched_locals_get_no_join_parameters() {
    let (values, params) = values_of_main(500);
    // Per `if`: the condition, the addition, the join's parameter for `$t`, a few constants.
    assert!(values < 12 * 500, "{values} values");
    assert!(params <= 500 + 2, "{params} block parameters");
    // And it grows linearly.
    let (values2, _) = values_of_main(1000);
    assert!(values2 < 2 * values + 100, "{values} then {values2}");
}
