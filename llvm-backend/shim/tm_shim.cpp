// TargetOptions knobs the LLVM C API lacks (TOOLCHAIN.md section 4): function sections and the
// machine function splitter, set per TargetMachine.
#include "llvm-c/TargetMachine.h"
#include "llvm/Target/TargetMachine.h"

extern "C" void jit_tm_set_function_sections(LLVMTargetMachineRef T, int on) {
  reinterpret_cast<llvm::TargetMachine *>(T)->Options.FunctionSections = on != 0;
}

extern "C" void jit_tm_set_machine_function_splitter(LLVMTargetMachineRef T, int on) {
  reinterpret_cast<llvm::TargetMachine *>(T)->Options.EnableMachineFunctionSplitter = on != 0;
}
