//! Builds the C++ TargetOptions shim (shim/tm_shim.cpp) against LLVM 19's headers.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=shim/tm_shim.cpp");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
    let config = match std::env::var("LLVM_SYS_191_PREFIX") {
        Ok(p) => format!("{p}/bin/llvm-config"),
        Err(_) => "llvm-config-19".to_string(),
    };
    let out = Command::new(&config)
        .arg("--cxxflags")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {config}: {e}"));
    assert!(out.status.success(), "{config} --cxxflags failed");
    let flags = String::from_utf8(out.stdout).expect("utf-8 cxxflags");
    let mut build = cc::Build::new();
    build.cpp(true).file("shim/tm_shim.cpp").warnings(false);
    for f in flags.split_whitespace() {
        // Keep include paths, defines and the language standard; drop optimization/warning flags.
        if f.starts_with("-I")
            || f.starts_with("-D")
            || f.starts_with("-std=")
            || f == "-fno-exceptions"
        {
            build.flag(f);
        }
    }
    build.compile("jsvm_tm_shim");
}
