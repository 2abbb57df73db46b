//! jsvm-llvm: the optimized tier — IR→LLVM IR through inkwell, the pass pipeline, object emission, the code cache and loader, disassembly, perf map and unwind registration.
