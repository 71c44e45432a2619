//===- Lowerer.h - the rewriter behind the twz lowering passes --*- C++ -*-===//
//
// Shared by PersistentLowering.cpp (loads, stores, atomics, intrinsics, the
// inline decode) and StructCopy.cpp (field-wise struct copies).
//
//===----------------------------------------------------------------------===//
#ifndef TWZ_LOWERER_H
#define TWZ_LOWERER_H

#include "twz/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

#include <functional>

namespace twz {

class Lowerer {
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::IntegerType *I64;
  llvm::PointerType *FlatPtr, *PersistentPtr;
  llvm::FunctionCallee Resolve, Encode, CmpXchg, Decode;
  llvm::GlobalVariable *RCacheBase = nullptr, *ECacheBase = nullptr;
  llvm::MDNode *LikelyHit, *RarelyTaken, *InvariantMD;
  /// Lowering after LLVM's optimizers: only operations that move no
  /// persistent pointer value (those were all translated early, so what
  /// the optimizers made of them moves bytes), see runOnFunction.
  bool Late;

public:
  explicit Lowerer(llvm::Module &M, bool Late = false)
      : M(M), Ctx(M.getContext()), I64(llvm::Type::getInt64Ty(Ctx)),
        FlatPtr(llvm::PointerType::get(Ctx, 0)),
        PersistentPtr(llvm::PointerType::get(Ctx, TWZ_PERSISTENT_AS)), Late(Late) {
    llvm::MDBuilder MDB(Ctx);
    LikelyHit = MDB.createBranchWeights(2000, 1);
    RarelyTaken = MDB.createBranchWeights(1, 2000);
    InvariantMD = llvm::MDNode::get(Ctx, {});
  }

  bool runOnFunction(llvm::Function &F);
  bool expandDecodes(llvm::Function &F);

private:
  void declareRuntime();
  llvm::Value *flat(llvm::IRBuilder<> &B, llvm::Value *P) {
    return B.CreateAddrSpaceCast(P, FlatPtr, P->getName() + ".flat");
  }
  llvm::Type *rawType(llvm::Type *T);
  llvm::Value *decode(llvm::IRBuilder<> &B, llvm::Value *Raw, llvm::Type *Ty, llvm::Value *Addr);
  llvm::Value *encode(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Value *Addr);
  llvm::Value *decodePtr(llvm::IRBuilder<> &B, llvm::Value *Raw, llvm::Value *Addr,
                         llvm::Type *PtrTy);
  llvm::Value *expandDecode(llvm::IRBuilder<> &B, llvm::Value *Raw, llvm::Value *Addr,
                            llvm::Value *CacheBase);
  llvm::Value *encodePtr(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Value *Addr);
  llvm::BasicBlock *splitAtInsertPoint(llvm::IRBuilder<> &B, const llvm::Twine &Name);

  void lowerLoad(llvm::LoadInst *LI);
  void lowerStore(llvm::StoreInst *SI);
  void lowerCmpXchg(llvm::AtomicCmpXchgInst *CX);
  void lowerAtomicRMW(llvm::AtomicRMWInst *RMW);
  void lowerIntrinsic(llvm::IntrinsicInst *II);

public:
  /// A struct copy's layout, spelt by the Clang plugin's marker (StructCopy.cpp).
  struct CopyLayout;

private:
  // StructCopy.cpp
  bool lowerLayoutCopies(llvm::Function &F);
  void emitLayoutCopy(llvm::IRBuilder<> &B, llvm::Value *Dst, bool DstObj, llvm::Value *Src,
                      bool SrcObj, llvm::Value *Len, const CopyLayout &L, bool Move,
                      llvm::AllocaInst *Tmp);
  void emitElementCopy(llvm::IRBuilder<> &B, llvm::Value *Dst, bool DstObj, llvm::Value *Src,
                       bool SrcObj, const CopyLayout &L, llvm::AllocaInst *Tmp);
  void forRange(llvm::IRBuilder<> &B, llvm::Value *N, uint64_t Unroll,
                const std::function<void(llvm::IRBuilder<> &, llvm::Value *)> &Body,
                llvm::Value *Reverse = nullptr);
};

} // namespace twz

#endif
