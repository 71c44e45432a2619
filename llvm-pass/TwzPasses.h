//===- TwzPasses.h - twz persistent-pointer passes --------------*- C++ -*-===//
//
// Two module passes over the persistent address space (TWZ_PERSISTENT_AS):
//  - PersistentLoweringPass rewrites every memory operation through a
//    persistent address into flat memory, decoding persistent pointer values
//    loaded from objects and encoding those stored into objects.
//  - PersistentVerifierPass runs last and reports, with source locations,
//    anything in the persistent address space that still touches memory.
//
//===----------------------------------------------------------------------===//
#ifndef TWZ_PASSES_H
#define TWZ_PASSES_H

#include "llvm/IR/PassManager.h"
#include "llvm/IR/Type.h"

namespace twz {

/// True for `ptr addrspace(TWZ_PERSISTENT_AS)`.
bool isPersistentPtrTy(llvm::Type *T);
/// True if T is, or (as an aggregate or vector) contains, a persistent pointer.
bool containsPersistentPtr(llvm::Type *T);

struct PersistentLoweringPass : llvm::PassInfoMixin<PersistentLoweringPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; } // correctness, not optimization
};

/// After LLVM's optimizers: flattens memory operations they rebuilt on a
/// persistent address (e.g. MemCpyOpt merging two copies), so a program that
/// compiles at -O0 compiles at every level.
struct PersistentLateLoweringPass : llvm::PassInfoMixin<PersistentLateLoweringPass> {
  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Replaces the pure `__twz_decode` calls left by lowering with the inline
/// decode fast path; runs after the scalar optimizers have merged and
/// hoisted them, and again at the end for -O0.
struct PersistentExpandPass : llvm::PassInfoMixin<PersistentExpandPass> {
  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &);
  static bool isRequired() { return true; }
};

struct PersistentVerifierPass : llvm::PassInfoMixin<PersistentVerifierPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace twz

#endif
