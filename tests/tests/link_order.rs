//! The link order of the `jsvm` binary (`tools/link/jsvm.order`, written by
//! `scripts/link_order.py`): it names functions the binary defines, so that the linker places
//! them, and nothing else (no callgrind artifacts, no name twice).

use jsvm_tests::locate_jsvm;
use object::{Object, ObjectSymbol};
use std::collections::HashSet;
use std::path::Path;

#[test]
fn the_link_order_names_functions_of_the_binary() {
    let order_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/link/jsvm.order");
    let order = std::fs::read_to_string(&order_path).expect("tools/link/jsvm.order");
    let names: Vec<&str> = order.lines().collect();
    assert!(names.len() > 1000, "{} names", names.len());
    let mut seen = HashSet::new();
    for n in &names {
        assert!(seen.insert(*n), "{n} is listed twice");
        assert!(
            !n.is_empty() && !n.starts_with("0x") && !n.starts_with('(') && !n.contains('\''),
            "{n:?} is not a symbol"
        );
    }
    let bin = locate_jsvm().expect("jsvm binary (build it first: cargo build -p jsvm)");
    let data = std::fs::read(&bin).unwrap();
    let file = object::File::parse(&*data).unwrap();
    let defined: HashSet<&str> = file
        .symbols()
        .filter(|s| s.is_definition())
        .filter_map(|s| s.name().ok())
        .collect();
    let found = names.iter().filter(|n| defined.contains(**n)).count();
    // A release build defines nearly all of them; a debug build's Rust symbols carry other
    // hashes, but LLVM's (most of the list) are the same.
    assert!(
        found * 2 > names.len(),
        "only {found} of the {} functions of the order are in {}: regenerate it with scripts/link_order.py",
        names.len(),
        bin.display()
    );
}
