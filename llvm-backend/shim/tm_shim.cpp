// TargetMachine knobs the LLVM C API lacks (TOOLCHAIN.md section 4): function sections, the
// machine function splitter, and the code generator's level and instruction selector.
#include "llvm-c/TargetMachine.h"
#include "llvm/Target/TargetMachine.h"

extern "C" void jit_tm_set_function_sections(LLVMTargetMachineRef T, int on) {
  reinterpret_cast<llvm::TargetMachine *>(T)->Options.FunctionSections = on != 0;
}

extern "C" void jit_tm_set_machine_function_splitter(LLVMTargetMachineRef T, int on) {
  reinterpret_cast<llvm::TargetMachine *>(T)->Options.EnableMachineFunctionSplitter = on != 0;
}

// The code generator's level and whether FastISel selects instructions (falling back to the
// SelectionDAG per instruction it cannot handle). At `None` LLVM picks FastISel itself; at a
// higher level it keeps the flag it finds, which this sets. GlobalISel stays off.
extern "C" void jit_tm_set_codegen(LLVMTargetMachineRef T, int level, int fast_isel) {
  auto *TM = reinterpret_cast<llvm::TargetMachine *>(T);
  TM->setOptLevel(static_cast<llvm::CodeGenOptLevel>(level));
  TM->setFastISel(fast_isel != 0);
  TM->setGlobalISel(false);
}
