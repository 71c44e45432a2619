//===- PersistentVerifier.cpp - nothing persistent may touch memory -------===//
//
// After lowering, no instruction may access memory through a persistent
// address: the backend would treat it as flat memory and store raw virtual
// addresses into objects. Every survivor is a compile error at its source
// location (twz-clang keeps location tracking on for exactly this).
//
//===----------------------------------------------------------------------===//
#include "TwzPasses.h"

#include "twz/abi.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace twz {

namespace {

/// Why I cannot be compiled, or an empty string if it is fine.
std::string problem(Instruction &I) {
  auto P = [](Value *V) { return isPersistentPtrTy(V->getType()); };
  if (auto *LI = dyn_cast<LoadInst>(&I))
    return P(LI->getPointerOperand()) ? "load through a __persistent pointer was not translated" : "";
  if (auto *SI = dyn_cast<StoreInst>(&I))
    return P(SI->getPointerOperand()) ? "store through a __persistent pointer was not translated" : "";
  if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
    return P(CX->getPointerOperand()) ? "cmpxchg on a __persistent pointer was not translated" : "";
  if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
    return P(RMW->getPointerOperand()) ? "atomicrmw on a __persistent pointer was not translated"
                                       : "";
  if (auto *VA = dyn_cast<VAArgInst>(&I))
    return P(VA->getPointerOperand()) ? "va_arg on a va_list in object memory is not supported"
                                      : "";
  auto *CB = dyn_cast<CallBase>(&I);
  if (!CB)
    return "";
  // Scalar persistent pointers, or vectors of them (gather/scatter addresses).
  auto PV = [&](Value *V) {
    auto *VT = dyn_cast<VectorType>(V->getType());
    return P(V) || (VT && isPersistentPtrTy(VT->getElementType()));
  };
  for (unsigned A = 0, N = CB->arg_size(); A < N; ++A) {
    if (!PV(CB->getArgOperand(A)))
      continue;
    if (CB->isInlineAsm()) {
      if (CB->getParamElementType(A)) // indirect ("*m") operand: asm reads/writes memory
        return "inline assembly cannot access memory through a __persistent pointer; "
               "cast it to a plain pointer first";
      continue;
    }
    if (CB->isByValArgument(A) || CB->paramHasAttr(A, Attribute::ByRef) ||
        CB->paramHasAttr(A, Attribute::InAlloca) || CB->paramHasAttr(A, Attribute::Preallocated) ||
        CB->paramHasAttr(A, Attribute::StructRet))
      return "an aggregate passed or returned in object memory cannot be translated; "
             "copy it to a local first";
    if (auto *II = dyn_cast<IntrinsicInst>(CB))
      if (!II->doesNotAccessMemory() && !II->onlyAccessesInaccessibleMemory() &&
          !isa<DbgInfoIntrinsic>(II) && !II->isAssumeLikeIntrinsic())
        return ("intrinsic " + II->getCalledFunction()->getName() +
                " on a __persistent pointer cannot be translated")
            .str();
  }
  return "";
}

} // namespace

PreservedAnalyses PersistentVerifierPass::run(Module &M, ModuleAnalysisManager &) {
  LLVMContext &Ctx = M.getContext();
  for (GlobalVariable &GV : M.globals())
    if (GV.getAddressSpace() == TWZ_PERSISTENT_AS)
      Ctx.emitError("twz: global variable '" + GV.getName() +
                    "' is in the __persistent address space; objects are created at run time, "
                    "so declare a `T __persistent *` pointer instead");
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      std::string Why = problem(I);
      if (!Why.empty())
        Ctx.diagnose(DiagnosticInfoUnsupported(F, "twz: " + Why, I.getDebugLoc()));
    }
  return PreservedAnalyses::all();
}

} // namespace twz
