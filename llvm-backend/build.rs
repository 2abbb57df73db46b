//! Builds the C++ TargetOptions shim (shim/tm_shim.cpp) against LLVM 19's headers, and links the
//! LLVM libraries jsvm uses: the x86 target and the components below, not every LLVM library.
//!
//! llvm-sys (feature `no-llvm-linking`) would otherwise link all of LLVM's ~200 static
//! libraries, and its all-targets wrapper object pulls every target in: 633 static constructors
//! (AMDGPU, Hexagon, Polly, ...) that run in every `jsvm` process before `main`. The wrapper
//! object and inkwell's MCJIT code still refer to libraries not linked here; the link relies on
//! `--gc-sections` (rustc's default) dropping those unused functions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The LLVM components jsvm calls into (`llvm-config` names; their dependencies come along).
const COMPONENTS: &[&str] = &["x86", "passes", "bitwriter", "bitreader", "executionengine"];

/// Libraries linked from their static archive when there is one (the rest of glibc stays shared).
const STATIC_SYSTEM: &[&str] = &["stdc++", "z", "zstd"];

fn llvm_config(config: &str, args: &[&str]) -> String {
    let out = Command::new(config)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {config}: {e}"));
    assert!(
        out.status.success(),
        "{config} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 llvm-config output")
}

fn main() {
    println!("cargo:rerun-if-changed=shim/tm_shim.cpp");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
    let config = match std::env::var("LLVM_SYS_191_PREFIX") {
        Ok(p) => format!("{p}/bin/llvm-config"),
        Err(_) => "llvm-config-19".to_string(),
    };
    let flags = llvm_config(&config, &["--cxxflags"]);
    let mut build = cc::Build::new();
    build
        .cpp(true)
        .cpp_link_stdlib(None)
        .file("shim/tm_shim.cpp")
        .warnings(false);
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

    let libdir = llvm_config(&config, &["--libdir"]);
    println!("cargo:rustc-link-search=native={}", libdir.trim());
    let mut args = vec!["--link-static", "--libnames"];
    args.extend(COMPONENTS);
    for name in llvm_config(&config, &args).split_whitespace() {
        let lib = name
            .strip_prefix("lib")
            .and_then(|n| n.strip_suffix(".a"))
            .unwrap_or_else(|| panic!("unexpected LLVM library name {name}"));
        println!("cargo:rustc-link-lib=static={lib}");
    }
    // System libraries and libstdc++ are linked statically where the C++ compiler finds their
    // archive. As shared libraries they cost every process the dynamic loader's work at
    // start-up: LLVM's ~3,300 type_info objects and pure-virtual slots each need a relocation
    // against libstdc++, written all over `.data.rel.ro` (a copy-on-write page fault per page).
    let cxx = build.get_compiler();
    // The folder of `lib{name}.a`, for the libraries to link statically.
    let archive_dir = |name: &str| -> Option<PathBuf> {
        if !STATIC_SYSTEM.contains(&name) {
            return None;
        }
        let out = Command::new(cxx.path())
            .arg(format!("-print-file-name=lib{name}.a"))
            .output()
            .ok()?;
        // (`-print-file-name` answers the bare name when it finds no archive.)
        let file = String::from_utf8(out.stdout).ok()?;
        let dir = Path::new(file.trim()).parent()?;
        dir.is_absolute().then(|| dir.to_path_buf())
    };
    let link_system = |name: &str| match archive_dir(name) {
        Some(dir) => {
            println!("cargo:rustc-link-search=native={}", dir.display());
            println!("cargo:rustc-link-lib=static:-bundle={name}");
        }
        None => println!("cargo:rustc-link-lib=dylib={name}"),
    };
    let mut args = vec!["--link-static", "--system-libs"];
    args.extend(COMPONENTS);
    for lib in llvm_config(&config, &args).split_whitespace() {
        if let Some(name) = lib.strip_prefix("-l") {
            link_system(name);
        } else if let Some((dir, file)) = lib.rsplit_once('/') {
            // A full path (e.g. `/usr/lib/x86_64-linux-gnu/libz3.so`).
            let name = file.strip_prefix("lib").and_then(|f| f.split_once(".so"));
            let Some((name, _)) = name else {
                panic!("unexpected LLVM system library {lib}")
            };
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:rustc-link-lib=dylib={name}");
        }
    }
    link_system("stdc++");
}
