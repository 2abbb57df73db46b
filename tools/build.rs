//! Links the `jsvm` binary as a position-dependent executable on x86-64 Linux.
//!
//! LLVM is linked statically, and its vtables and tables are full of absolute addresses: as a
//! PIE the dynamic loader applies ~120,000 relative relocations at every start, dirtying the
//! pages that hold them. Position-dependent, the static linker resolves them: a hello world
//! starts with ~30% fewer page faults (1,260 -> 900) and ~1 ms sooner. The JIT's loader does
//! not depend on where the binary sits (runtime symbols are reached through its own GOT).
//!
//! Its functions are placed in the order of `link/jsvm.order` (lld's `--symbol-ordering-file`):
//! left in the linker's order, the few thousand a process runs were spread over ~30 MB of text,
//! and every process took ~250 page faults on it; placed together, ~12.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target == "x86_64-unknown-linux-gnu" {
        println!("cargo:rustc-link-arg-bin=jsvm=-no-pie");
        // The functions a process runs placed together: the hottest first, then the rest in the
        // order of first use (start-up, front end, interpreter, loader, LLVM's compile paths);
        // `scripts/link_order.py` writes `link/jsvm.order`.
        let order = concat!(env!("CARGO_MANIFEST_DIR"), "/link/jsvm.order");
        println!("cargo:rerun-if-changed={order}");
        println!("cargo:rustc-link-arg-bin=jsvm=-Wl,--symbol-ordering-file={order}");
        println!("cargo:rustc-link-arg-bin=jsvm=-Wl,--no-warn-symbol-ordering");
    }
}
