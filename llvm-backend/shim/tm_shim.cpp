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

// The shortest feature string that, with CPU `cpu`, gives the same features as `full` (the
// host's, as LLVMGetHostCPUFeatures lists every feature LLVM knows, each with `+` or `-`): only
// the features where the host differs from `cpu`'s defaults. Parsing `full` costs ~1.3 M
// instructions (each `-` clears, each `+` sets its implied features over the whole table), and
// every target machine parsed it three times; the short string costs almost nothing. Checked:
// the short string must give exactly the bits `full` gives. Writes it (NUL-terminated) into
// `out` and returns its length; -1 if LLVM does not know the target or the check fails, -2 if
// `out` (of `cap` bytes) is too small.
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include <cstring>
#include <memory>
#include <string>

extern "C" long jit_minimal_features(const char *triple, const char *cpu, const char *full,
                                     char *out, size_t cap) {
  std::string err;
  const llvm::Target *t = llvm::TargetRegistry::lookupTarget(triple, err);
  if (!t)
    return -1;
  std::unique_ptr<llvm::MCSubtargetInfo> base(t->createMCSubtargetInfo(triple, cpu, ""));
  std::unique_ptr<llvm::MCSubtargetInfo> host(t->createMCSubtargetInfo(triple, cpu, full));
  if (!base || !host)
    return -1;
  const llvm::FeatureBitset &b = base->getFeatureBits();
  const llvm::FeatureBitset &h = host->getFeatureBits();
  // Clearing first, then setting: `h` is closed under implication, so a feature set here never
  // implies one cleared.
  std::string minus, plus;
  for (const llvm::SubtargetFeatureKV &kv : host->getAllProcessorFeatures()) {
    bool in_base = b.test(kv.Value), in_host = h.test(kv.Value);
    if (in_base == in_host)
      continue;
    std::string &s = in_host ? plus : minus;
    s += s.empty() ? "" : ",";
    s += in_host ? "+" : "-";
    s += kv.Key;
  }
  std::string s = minus.empty() ? plus : plus.empty() ? minus : minus + "," + plus;
  std::unique_ptr<llvm::MCSubtargetInfo> check(t->createMCSubtargetInfo(triple, cpu, s));
  if (!check || check->getFeatureBits() != h)
    return -1;
  if (s.size() + 1 > cap)
    return -2;
  std::memcpy(out, s.c_str(), s.size() + 1);
  return static_cast<long>(s.size());
}
