//! The host's short feature string (`pipeline::minimal_features`): what target machines and the
//! object cache's key use instead of the host's full list.

use inkwell::targets::TargetMachine;
use jsvm_llvm::pipeline;
use std::ffi::CString;

fn host() -> (CString, CString, CString) {
    pipeline::init();
    let triple = TargetMachine::get_default_triple();
    (
        CString::from(triple.as_str()),
        CString::from(&*TargetMachine::get_host_cpu_name()),
        CString::from(&*TargetMachine::get_host_cpu_features()),
    )
}

#[test]
fn the_host_cpu_gets_a_short_string_with_its_features() {
    let (triple, cpu, full) = host();
    let short = pipeline::minimal_features(&triple, &cpu, &full).expect("the shim's check");
    // The full list names every feature LLVM knows; the short one only where the host differs
    // from its CPU's defaults (the shim checked that both give the same feature bits).
    let (n_full, n_short) = (full.to_bytes().len(), short.to_bytes().len());
    assert!(n_short * 4 < n_full, "{n_short} bytes against {n_full}");
    assert_eq!(pipeline::host_cpu().1, short.to_str().unwrap());
    // Every entry of the short string is in the full one, with the same sign.
    let entries: Vec<&str> = full.to_str().unwrap().split(',').collect();
    for e in short.to_str().unwrap().split(',').filter(|e| !e.is_empty()) {
        assert!(entries.contains(&e), "{e}");
    }
}

#[test]
fn a_baseline_cpu_needs_the_host_features_spelled_out() {
    let (triple, cpu, full) = host();
    let baseline = CString::new("x86-64").unwrap();
    let on_host = pipeline::minimal_features(&triple, &cpu, &full).unwrap();
    let on_baseline = pipeline::minimal_features(&triple, &baseline, &full).unwrap();
    // The baseline lacks what a modern host has (SSE4.2 at least, which every host jsvm supports
    // does have), so its string adds those.
    assert!(on_baseline.to_str().unwrap().contains("+sse4.2"));
    assert!(on_baseline.to_bytes().len() > on_host.to_bytes().len());
}

#[test]
fn an_unknown_target_or_feature_gets_no_short_string() {
    let (triple, cpu, full) = host();
    let mars = CString::new("mars64-unknown-none").unwrap();
    assert_eq!(pipeline::minimal_features(&mars, &cpu, &full), None);
    // A feature LLVM does not know is ignored by the subtarget (a warning on stderr), so the
    // short string from a list with one still gives the host's bits: it is the host's.
    let odd = CString::new(format!("{},+jsvm-nonesuch", full.to_str().unwrap())).unwrap();
    let with_odd = pipeline::minimal_features(&triple, &cpu, &odd);
    let plain = pipeline::minimal_features(&triple, &cpu, &full);
    assert_eq!(with_odd, plain);
}
