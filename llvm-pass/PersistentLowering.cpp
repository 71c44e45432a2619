//===- PersistentLowering.cpp - lower memory ops on persistent pointers ---===//
//
// In registers a `ptr addrspace(TWZ_PERSISTENT_AS)` is an ordinary virtual
// address, so a memory operation through one becomes the same operation on
// the flat address (addrspacecast is a no-op on x86-64). What changes is the
// form of persistent pointer *values* in object memory:
//  - loaded from object memory, the 64-bit stored form (FOT index : offset)
//    is decoded: null stays null, index 0 is the container object, other
//    indices go through the resolution cache, calling __twz_resolve on a miss;
//  - stored into object memory, the address is encoded: null and same-object
//    pointers inline, everything else through __twz_encode.
// The constants and the cache layout are the ABI in <twz/abi.h>.
//
//===----------------------------------------------------------------------===//
#include "TwzPasses.h"
#include "Lowerer.h"

#include "twz/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace twz {

bool isPersistentPtrTy(Type *T) {
  auto *P = dyn_cast<PointerType>(T);
  return P && P->getAddressSpace() == TWZ_PERSISTENT_AS;
}

bool containsPersistentPtr(Type *T) {
  if (isPersistentPtrTy(T))
    return true;
  if (auto *ST = dyn_cast<StructType>(T))
    return any_of(ST->elements(), containsPersistentPtr);
  if (auto *AT = dyn_cast<ArrayType>(T))
    return containsPersistentPtr(AT->getElementType());
  if (auto *VT = dyn_cast<VectorType>(T))
    return containsPersistentPtr(VT->getElementType());
  return false;
}

namespace {

// Clang lowers atomic builtins on pointer types (`__atomic_store_n`,
// `atomic_load` on `_Atomic(T __persistent *)`, ...) through integer
// temporaries: the pointer is stored into an `alloca ptr addrspace(N)` and
// reloaded as i64, or the i64 result is stored into one. These recognise
// that shape so such atomics are translated like pointer-typed ones.
bool isPersistentTemp(Value *P) {
  auto *AI = dyn_cast<AllocaInst>(P->stripPointerCasts());
  return AI && isPersistentPtrTy(AI->getAllocatedType());
}

/// V is an i64 read back from a persistent-pointer temporary.
bool isPunnedPtrValue(Value *V) {
  auto *LI = dyn_cast<LoadInst>(V);
  return LI && LI->getType()->isIntegerTy(64) && isPersistentTemp(LI->getPointerOperand());
}

/// V is an i64 whose only uses store it into persistent-pointer temporaries.
bool isPunnedPtrResult(Value *V) {
  if (!V->getType()->isIntegerTy(64) || V->use_empty())
    return false;
  return all_of(V->users(), [V](User *U) {
    auto *SI = dyn_cast<StoreInst>(U);
    return SI && SI->getValueOperand() == V && isPersistentTemp(SI->getPointerOperand());
  });
}

/// Intrinsics whose pointer operands are plain addresses of memory they
/// access: lowering just re-mangles them with flat pointer types.
bool isAddressOnlyIntrinsic(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::memcpy:
  case Intrinsic::memcpy_inline:
  case Intrinsic::memmove:
  case Intrinsic::memset:
  case Intrinsic::memset_inline:
  case Intrinsic::memcpy_element_unordered_atomic:
  case Intrinsic::memmove_element_unordered_atomic:
  case Intrinsic::memset_element_unordered_atomic:
  case Intrinsic::prefetch:
  case Intrinsic::masked_load:
  case Intrinsic::masked_store:
    return true;
  default:
    return false;
  }
}

} // namespace

void Lowerer::declareRuntime() {
  if (RCacheBase)
    return;
  auto Global = [&](const char *Name) {
    if (GlobalVariable *G = M.getGlobalVariable(Name))
      return G;
    return new GlobalVariable(M, I64, /*isConstant=*/false, GlobalValue::ExternalLinkage,
                              nullptr, Name);
  };
  RCacheBase = Global(TWZ_SYM_RCACHE_BASE);
  ECacheBase = Global(TWZ_SYM_ECACHE_BASE);
  auto Decl = [&](const char *Name, FunctionType *FT) {
    FunctionCallee C = M.getOrInsertFunction(Name, FT);
    if (auto *F = dyn_cast<Function>(C.getCallee()))
      F->addFnAttr(Attribute::NoUnwind);
    return C;
  };
  Resolve = Decl(TWZ_SYM_RESOLVE, FunctionType::get(I64, {I64, I64}, false));
  Encode = Decl(TWZ_SYM_ENCODE, FunctionType::get(I64, {I64, I64}, false));
  CmpXchg = Decl(TWZ_SYM_CMPXCHG, FunctionType::get(I64, {I64, I64, I64}, false));
  Decode = Decl(TWZ_SYM_DECODE, FunctionType::get(I64, {I64, I64}, false));
  if (auto *F = dyn_cast<Function>(Decode.getCallee())) {
    F->setDoesNotAccessMemory();
    F->setWillReturn();
  }
}

/// The type of a value as it sits in object memory: persistent pointers are
/// 64-bit stored pointers. Layout is unchanged (ptr and i64 agree on x86-64).
Type *Lowerer::rawType(Type *T) {
  if (!containsPersistentPtr(T))
    return T;
  if (isPersistentPtrTy(T))
    return I64;
  if (auto *ST = dyn_cast<StructType>(T)) {
    SmallVector<Type *, 8> Elts;
    for (Type *E : ST->elements())
      Elts.push_back(rawType(E));
    return StructType::get(Ctx, Elts, ST->isPacked());
  }
  if (auto *AT = dyn_cast<ArrayType>(T))
    return ArrayType::get(rawType(AT->getElementType()), AT->getNumElements());
  auto *VT = cast<VectorType>(T);
  return VectorType::get(rawType(VT->getElementType()), VT->getElementCount());
}

/// Split the current block before the builder's insertion point; the builder
/// is left at the end of the head block (whose terminator was removed).
BasicBlock *Lowerer::splitAtInsertPoint(IRBuilder<> &B, const Twine &Name) {
  BasicBlock *Head = B.GetInsertBlock();
  BasicBlock *Tail = Head->splitBasicBlock(B.GetInsertPoint(), Name);
  Head->getTerminator()->eraseFromParent();
  B.SetInsertPoint(Head);
  return Tail;
}

// Stored pointer Raw (i64) found at address Addr (i64) -> virtual address.
//   head:  br Raw >= SLOT (index != 0), cross, intra
//   intra: br Raw == 0, done, local               ; null: rare, a branch
//   local: (Addr & ~OFF) | Raw                    ; disjoint: folds into addressing
//   cross: br Raw < ENTRIES << SLOT_BITS, probe, slow
//   probe: base = cache[slot(Addr)][index]; br base != 0, hit, slow
//   hit:   base | offset
//   slow:  __twz_resolve(Addr, Raw)
// The null test is a predictable branch rather than a select so that it is
// not on the data dependency from one pointer load to the next, and the
// final `or`s are marked disjoint (their operands share no bits) so that the
// backend can fold them into the next load's address like an add.
Value *Lowerer::expandDecode(IRBuilder<> &B, Value *Raw, Value *Addr, Value *CacheBase) {
  Function *F = B.GetInsertBlock()->getParent();
  Value *IsCross = B.CreateICmpUGE(Raw, B.getInt64(TWZ_SLOT_SIZE), "twz.iscross");

  BasicBlock *Done = splitAtInsertPoint(B, "twz.resolved");
  BasicBlock *Intra = BasicBlock::Create(Ctx, "twz.intra", F, Done);
  BasicBlock *Local = BasicBlock::Create(Ctx, "twz.local", F, Done);
  BasicBlock *Cross = BasicBlock::Create(Ctx, "twz.cross", F, Done);
  BasicBlock *Probe = BasicBlock::Create(Ctx, "twz.probe", F, Done);
  BasicBlock *Hit = BasicBlock::Create(Ctx, "twz.hit", F, Done);
  BasicBlock *Slow = BasicBlock::Create(Ctx, "twz.slow", F, Done);
  B.CreateCondBr(IsCross, Cross, Intra);

  B.SetInsertPoint(Intra);
  B.CreateCondBr(B.CreateICmpEQ(Raw, B.getInt64(0), "twz.isnull"), Done, Local, RarelyTaken);

  B.SetInsertPoint(Local);
  Value *Container = B.CreateAnd(Addr, ~TWZ_OFFSET_MASK, "twz.container");
  Value *LocalVal = B.Insert(BinaryOperator::CreateDisjointOr(Container, Raw), "twz.localval");
  B.CreateBr(Done);

  B.SetInsertPoint(Cross);
  Value *InCache =
      B.CreateICmpULT(Raw, B.getInt64(TWZ_RCACHE_ENTRIES << TWZ_SLOT_BITS), "twz.incache");
  B.CreateCondBr(InCache, Probe, Slow, LikelyHit);

  B.SetInsertPoint(Probe);
  Value *SlotOff = B.CreateShl(
      B.CreateAnd(B.CreateLShr(Addr, TWZ_SLOT_BITS), TWZ_RCACHE_SLOT_MASK), TWZ_RCACHE_STRIDE_BITS);
  Value *IdxOff = B.CreateShl(B.CreateLShr(Raw, TWZ_SLOT_BITS), 3);
  Value *Entry = B.CreateIntToPtr(B.CreateAdd(B.CreateAdd(CacheBase, SlotOff), IdxOff), FlatPtr,
                                  "twz.centry");
  Value *Base = B.CreateAlignedLoad(I64, Entry, Align(8), "twz.target");
  B.CreateCondBr(B.CreateICmpNE(Base, B.getInt64(0)), Hit, Slow, LikelyHit);

  B.SetInsertPoint(Hit);
  Value *HitVal = B.Insert(
      BinaryOperator::CreateDisjointOr(Base, B.CreateAnd(Raw, TWZ_OFFSET_MASK)), "twz.hitval");
  B.CreateBr(Done);

  B.SetInsertPoint(Slow);
  Value *SlowVal = B.CreateCall(Resolve, {Addr, Raw}, "twz.slowval");
  B.CreateBr(Done);

  B.SetInsertPoint(Done, Done->getFirstInsertionPt());
  PHINode *Phi = B.CreatePHI(I64, 4, "twz.va");
  Phi->addIncoming(B.getInt64(0), Intra);
  Phi->addIncoming(LocalVal, Local);
  Phi->addIncoming(HitVal, Hit);
  Phi->addIncoming(SlowVal, Slow);
  return Phi;
}

// Until expansion, a decode is a call to a function that is a pure function
// of its operands (memory(none)), so EarlyCSE/GVN merge repeated decodes of
// the same loaded value and LICM hoists loop-invariant ones; expandDecodes
// then replaces each remaining call with the inline fast path above.
Value *Lowerer::decodePtr(IRBuilder<> &B, Value *Raw, Value *Addr, Type *PtrTy) {
  return B.CreateIntToPtr(B.CreateCall(Decode, {Addr, Raw}, "twz.va"), PtrTy, "twz.ptr");
}

bool Lowerer::expandDecodes(Function &F) {
  Function *D = M.getFunction(TWZ_SYM_DECODE);
  if (!D)
    return false;
  SmallVector<CallInst *, 16> Calls; // in program order, for stable names
  for (Instruction &I : instructions(F))
    if (auto *CI = dyn_cast<CallInst>(&I); CI && CI->getCalledFunction() == D)
      Calls.push_back(CI);
  if (Calls.empty())
    return false;
  declareRuntime();
  // The cache base never changes after start-up: load it once, on entry,
  // rather than rely on later passes to hoist it out of loops.
  IRBuilder<> EB(&*F.getEntryBlock().getFirstInsertionPt());
  LoadInst *CacheBase = EB.CreateLoad(I64, RCacheBase, "twz.rcache");
  CacheBase->setMetadata(LLVMContext::MD_invariant_load, InvariantMD);
  for (CallInst *CI : Calls) {
    IRBuilder<> B(CI);
    Value *V = expandDecode(B, CI->getArgOperand(1), CI->getArgOperand(0), CacheBase);
    V->takeName(CI);
    CI->replaceAllUsesWith(V);
    CI->eraseFromParent();
  }
  return true;
}

// Persistent pointer V stored at address Addr (i64) -> stored form (i64).
//   head:  br V == 0 || (V ^ Addr) < SLOT, done, probe   ; null or same object
//   probe: W = ecache[slot(Addr)][slot(V) % ENTRIES]
//          br W >> 40 == slot(V) + 1, gen, slow           ; the right target
//   gen:   br (W >> 16) & GEN == container.fot_gen & GEN, hit, slow
//   hit:   (W & IDX) << SLOT_BITS | (V & OFF)
//   slow:  __twz_encode(Addr, V)
//   done:  phi(V & OFF, hit, slow)
Value *Lowerer::encodePtr(IRBuilder<> &B, Value *V, Value *Addr) {
  if (isa<ConstantPointerNull>(V))
    return B.getInt64(0);
  Function *F = B.GetInsertBlock()->getParent();
  Value *VI = B.CreatePtrToInt(V, I64, "twz.va");
  Value *Same = B.CreateICmpULT(B.CreateXor(VI, Addr), B.getInt64(TWZ_SLOT_SIZE), "twz.same");
  Value *Fast = B.CreateOr(Same, B.CreateICmpEQ(VI, B.getInt64(0)), "twz.fast");
  Value *Local = B.CreateAnd(VI, TWZ_OFFSET_MASK, "twz.sameoff");

  BasicBlock *Head = B.GetInsertBlock();
  BasicBlock *Done = splitAtInsertPoint(B, "twz.encoded");
  BasicBlock *Probe = BasicBlock::Create(Ctx, "twz.encode.probe", F, Done);
  BasicBlock *Gen = BasicBlock::Create(Ctx, "twz.encode.gen", F, Done);
  BasicBlock *Hit = BasicBlock::Create(Ctx, "twz.encode.hit", F, Done);
  BasicBlock *Slow = BasicBlock::Create(Ctx, "twz.encode.slow", F, Done);
  B.CreateCondBr(Fast, Done, Probe);

  B.SetInsertPoint(Probe);
  LoadInst *CacheBase = B.CreateLoad(I64, ECacheBase, "twz.ecache");
  CacheBase->setMetadata(LLVMContext::MD_invariant_load, InvariantMD);
  Value *TSlot = B.CreateLShr(VI, TWZ_SLOT_BITS, "twz.tslot");
  Value *Row = B.CreateShl(B.CreateAnd(B.CreateLShr(Addr, TWZ_SLOT_BITS), TWZ_RCACHE_SLOT_MASK),
                           TWZ_ECACHE_STRIDE_BITS);
  Value *Col = B.CreateShl(B.CreateAnd(TSlot, TWZ_ECACHE_ENTRIES - 1), 3);
  Value *WordPtr =
      B.CreateIntToPtr(B.CreateAdd(B.CreateAdd(CacheBase, Row), Col), FlatPtr, "twz.eentry");
  Value *W = B.CreateAlignedLoad(I64, WordPtr, Align(8), "twz.eword");
  Value *TagOk = B.CreateICmpEQ(B.CreateLShr(W, TWZ_ECACHE_TAG_SHIFT),
                                B.CreateAdd(TSlot, B.getInt64(1)), "twz.tagok");
  B.CreateCondBr(TagOk, Gen, Slow, LikelyHit);

  // Only now read the container's header: the tag matched, so the container
  // is an object (a non-object address never has a filled word).
  B.SetInsertPoint(Gen);
  Value *GenPtr = B.CreateIntToPtr(
      B.CreateOr(B.CreateAnd(Addr, ~TWZ_OFFSET_MASK), TWZ_META_OFFSET + TWZ_HDR_FOT_GEN_OFFSET),
      FlatPtr, "twz.genptr");
  LoadInst *FotGen = B.CreateAlignedLoad(I64, GenPtr, Align(8), "twz.fotgen");
  FotGen->setAtomic(AtomicOrdering::Monotonic); // another process may retarget
  Value *GenOk = B.CreateICmpEQ(
      B.CreateAnd(B.CreateLShr(W, TWZ_ECACHE_GEN_SHIFT), TWZ_ECACHE_GEN_MASK),
      B.CreateAnd(FotGen, TWZ_ECACHE_GEN_MASK), "twz.genok");
  B.CreateCondBr(GenOk, Hit, Slow, LikelyHit);

  B.SetInsertPoint(Hit);
  Value *HitVal = B.Insert(
      BinaryOperator::CreateDisjointOr(
          B.CreateShl(B.CreateAnd(W, TWZ_ECACHE_IDX_MASK), TWZ_SLOT_BITS), Local),
      "twz.enc.hit");
  B.CreateBr(Done);

  B.SetInsertPoint(Slow);
  Value *SlowVal = B.CreateCall(Encode, {Addr, VI}, "twz.enc.slow");
  B.CreateBr(Done);

  B.SetInsertPoint(Done, Done->getFirstInsertionPt());
  PHINode *Phi = B.CreatePHI(I64, 3, "twz.stored");
  Phi->addIncoming(Local, Head);
  Phi->addIncoming(HitVal, Hit);
  Phi->addIncoming(SlowVal, Slow);
  return Phi;
}

Value *Lowerer::decode(IRBuilder<> &B, Value *Raw, Type *Ty, Value *Addr) {
  if (!containsPersistentPtr(Ty))
    return Raw;
  if (isPersistentPtrTy(Ty))
    return decodePtr(B, Raw, Addr, Ty);
  Value *Result = PoisonValue::get(Ty);
  if (auto *VT = dyn_cast<FixedVectorType>(Ty)) {
    for (unsigned I = 0, N = VT->getNumElements(); I < N; ++I) {
      Value *E = decode(B, B.CreateExtractElement(Raw, I), VT->getElementType(), Addr);
      Result = B.CreateInsertElement(Result, E, I);
    }
    return Result;
  }
  unsigned N = isa<StructType>(Ty) ? cast<StructType>(Ty)->getNumElements()
                                   : cast<ArrayType>(Ty)->getNumElements();
  for (unsigned I = 0; I < N; ++I) {
    Type *ET = isa<StructType>(Ty) ? cast<StructType>(Ty)->getElementType(I)
                                   : cast<ArrayType>(Ty)->getElementType();
    Value *E = decode(B, B.CreateExtractValue(Raw, I), ET, Addr);
    Result = B.CreateInsertValue(Result, E, I);
  }
  return Result;
}

Value *Lowerer::encode(IRBuilder<> &B, Value *V, Value *Addr) {
  Type *Ty = V->getType();
  if (!containsPersistentPtr(Ty))
    return V;
  if (isPersistentPtrTy(Ty))
    return encodePtr(B, V, Addr);
  Type *RT = rawType(Ty);
  Value *Result = PoisonValue::get(RT);
  if (auto *VT = dyn_cast<FixedVectorType>(Ty)) {
    for (unsigned I = 0, N = VT->getNumElements(); I < N; ++I)
      Result = B.CreateInsertElement(Result, encode(B, B.CreateExtractElement(V, I), Addr), I);
    return Result;
  }
  unsigned N = isa<StructType>(Ty) ? cast<StructType>(Ty)->getNumElements()
                                   : cast<ArrayType>(Ty)->getNumElements();
  for (unsigned I = 0; I < N; ++I)
    Result = B.CreateInsertValue(Result, encode(B, B.CreateExtractValue(V, I), Addr), I);
  return Result;
}

// Metadata that describes the memory access (not the loaded value's type),
// and so stays true when a pointer load becomes an i64 load.
static void copyAccessMetadata(Instruction *From, Instruction *To, bool SameType) {
  if (SameType) {
    To->copyMetadata(*From);
    return;
  }
  static const unsigned Kinds[] = {LLVMContext::MD_tbaa,        LLVMContext::MD_alias_scope,
                                   LLVMContext::MD_noalias,     LLVMContext::MD_nontemporal,
                                   LLVMContext::MD_access_group, LLVMContext::MD_invariant_load};
  To->copyMetadata(*From, Kinds);
}

void Lowerer::lowerLoad(LoadInst *LI) {
  IRBuilder<> B(LI);
  Type *Ty = LI->getType(), *RT = rawType(Ty);
  Value *FP = flat(B, LI->getPointerOperand());
  bool Punned = !Late && RT == Ty && LI->isAtomic() && isPunnedPtrResult(LI);
  LoadInst *NL = B.CreateAlignedLoad(RT, FP, LI->getAlign(), LI->isVolatile());
  NL->setAtomic(LI->getOrdering(), LI->getSyncScopeID());
  copyAccessMetadata(LI, NL, RT == Ty && !Punned);
  Value *V = NL;
  if (RT != Ty) {
    NL->setName(LI->getName() + ".stored");
    V = decode(B, NL, Ty, B.CreatePtrToInt(FP, I64, "twz.addr"));
  } else if (Punned) {
    Value *P = decodePtr(B, NL, B.CreatePtrToInt(FP, I64, "twz.addr"), PersistentPtr);
    V = B.CreatePtrToInt(P, I64);
  }
  V->takeName(LI);
  LI->replaceAllUsesWith(V);
  LI->eraseFromParent();
}

void Lowerer::lowerStore(StoreInst *SI) {
  IRBuilder<> B(SI);
  Value *FP = flat(B, SI->getPointerOperand());
  Value *V = SI->getValueOperand();
  bool Encoded = containsPersistentPtr(V->getType());
  if (Encoded)
    V = encode(B, V, B.CreatePtrToInt(FP, I64, "twz.addr"));
  else if (!Late && SI->isAtomic() && isPunnedPtrValue(V)) {
    Encoded = true;
    V = encodePtr(B, B.CreateIntToPtr(V, PersistentPtr), B.CreatePtrToInt(FP, I64, "twz.addr"));
  }
  StoreInst *NS = B.CreateAlignedStore(V, FP, SI->getAlign(), SI->isVolatile());
  NS->setAtomic(SI->getOrdering(), SI->getSyncScopeID());
  copyAccessMetadata(SI, NS, !Encoded);
  SI->eraseFromParent();
}

void Lowerer::lowerCmpXchg(AtomicCmpXchgInst *CX) {
  IRBuilder<> B(CX);
  Value *FP = flat(B, CX->getPointerOperand());
  Value *Res;
  Type *ValTy = CX->getNewValOperand()->getType();
  if (isPersistentPtrTy(ValTy) || (!Late && isPunnedPtrValue(CX->getNewValOperand()))) {
    // Succeeds iff the stored pointer *resolves* to the expected value; the
    // runtime loops on the raw word (always strong, always seq_cst).
    Value *Exp = B.CreatePtrToInt(CX->getCompareOperand(), I64);
    Value *New = B.CreatePtrToInt(CX->getNewValOperand(), I64);
    Value *Old = B.CreateCall(CmpXchg, {B.CreatePtrToInt(FP, I64, "twz.addr"), Exp, New});
    Value *Ok = B.CreateICmpEQ(Old, Exp);
    if (ValTy != I64)
      Old = B.CreateIntToPtr(Old, ValTy);
    Res = B.CreateInsertValue(PoisonValue::get(CX->getType()), Old, 0);
    Res = B.CreateInsertValue(Res, Ok, 1);
  } else {
    AtomicCmpXchgInst *N = B.CreateAtomicCmpXchg(
        FP, CX->getCompareOperand(), CX->getNewValOperand(), CX->getAlign(),
        CX->getSuccessOrdering(), CX->getFailureOrdering(), CX->getSyncScopeID());
    N->setVolatile(CX->isVolatile());
    N->setWeak(CX->isWeak());
    N->copyMetadata(*CX);
    Res = N;
  }
  Res->takeName(CX);
  CX->replaceAllUsesWith(Res);
  CX->eraseFromParent();
}

void Lowerer::lowerAtomicRMW(AtomicRMWInst *RMW) {
  IRBuilder<> B(RMW);
  Value *FP = flat(B, RMW->getPointerOperand());
  Value *Val = RMW->getValOperand();
  bool Punned = !Late && RMW->getOperation() == AtomicRMWInst::Xchg && isPunnedPtrValue(Val);
  bool Ptr = isPersistentPtrTy(Val->getType()) || Punned; // only xchg takes pointers
  Value *Addr = Ptr ? B.CreatePtrToInt(FP, I64, "twz.addr") : nullptr;
  if (Ptr)
    Val = encodePtr(B, Punned ? B.CreateIntToPtr(Val, PersistentPtr) : Val, Addr);
  AtomicRMWInst *N = B.CreateAtomicRMW(RMW->getOperation(), FP, Val, RMW->getAlign(),
                                       RMW->getOrdering(), RMW->getSyncScopeID());
  N->setVolatile(RMW->isVolatile());
  copyAccessMetadata(RMW, N, !Ptr);
  Value *Res = N;
  if (Ptr)
    Res = decodePtr(B, N, Addr, Punned ? PersistentPtr : RMW->getType());
  if (Punned)
    Res = B.CreatePtrToInt(Res, I64);
  Res->takeName(RMW);
  RMW->replaceAllUsesWith(Res);
  RMW->eraseFromParent();
}

void Lowerer::lowerIntrinsic(IntrinsicInst *II) {
  SmallVector<Type *, 4> Overloads;
  if (!Intrinsic::getIntrinsicSignature(II->getCalledFunction(), Overloads))
    return; // left for the verifier to report
  for (Type *&T : Overloads)
    if (isPersistentPtrTy(T))
      T = FlatPtr;
  Function *NewFn = Intrinsic::getDeclaration(&M, II->getIntrinsicID(), Overloads);
  IRBuilder<> B(II);
  SmallVector<Value *, 6> Args;
  for (Value *A : II->args())
    Args.push_back(isPersistentPtrTy(A->getType()) ? flat(B, A) : A);
  CallInst *N = B.CreateCall(NewFn, Args);
  N->setAttributes(II->getAttributes());
  N->copyMetadata(*II);
  if (!II->getType()->isVoidTy()) {
    N->takeName(II);
    II->replaceAllUsesWith(N);
  }
  II->eraseFromParent();
}

// Early (Late == false), at the start of the pipeline: everything, struct
// copies marked by the Clang plugin first. Late, after LLVM's optimizers:
// they may have rebuilt memory operations on a persistent address by
// looking through our addrspacecasts (MemCpyOpt merging two copies into a
// memmove, a strcpy turned into a memcpy). Those move bytes the early
// lowering already judged to be plain data, so they are flattened too;
// anything that moves a persistent pointer value is left to the verifier.
bool Lowerer::runOnFunction(Function &F) {
  bool Changed = !Late && lowerLayoutCopies(F);
  SmallVector<Instruction *, 32> Work;
  auto PersistentAddr = [](Value *P) { return isPersistentPtrTy(P->getType()); };
  auto Movable = [this](Type *T) { return !Late || !containsPersistentPtr(T); };
  for (Instruction &I : instructions(F)) {
    if (auto *LI = dyn_cast<LoadInst>(&I)) {
      if (PersistentAddr(LI->getPointerOperand()) && !isa<ScalableVectorType>(LI->getType()) &&
          Movable(LI->getType()))
        Work.push_back(&I);
    } else if (auto *SI = dyn_cast<StoreInst>(&I)) {
      if (PersistentAddr(SI->getPointerOperand()) &&
          !isa<ScalableVectorType>(SI->getValueOperand()->getType()) &&
          Movable(SI->getValueOperand()->getType()))
        Work.push_back(&I);
    } else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I)) {
      if (PersistentAddr(CX->getPointerOperand()) && Movable(CX->getNewValOperand()->getType()))
        Work.push_back(&I);
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
      if (PersistentAddr(RMW->getPointerOperand()) && Movable(RMW->getValOperand()->getType()))
        Work.push_back(&I);
    } else if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
      // Only where persistent pointers are addresses, never data: a masked
      // load of pointer *values* would need per-lane decoding, which is not
      // implemented, so it is left for the verifier to report.
      if (isAddressOnlyIntrinsic(II->getIntrinsicID()) && any_of(II->args(), PersistentAddr) &&
          !containsPersistentPtr(II->getType()) && none_of(II->args(), [](Value *A) {
            return !isPersistentPtrTy(A->getType()) && containsPersistentPtr(A->getType());
          }))
        Work.push_back(&I);
    }
  }
  if (Work.empty())
    return Changed;
  declareRuntime();
  for (Instruction *I : Work) {
    if (auto *LI = dyn_cast<LoadInst>(I))
      lowerLoad(LI);
    else if (auto *SI = dyn_cast<StoreInst>(I))
      lowerStore(SI);
    else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(I))
      lowerCmpXchg(CX);
    else if (auto *RMW = dyn_cast<AtomicRMWInst>(I))
      lowerAtomicRMW(RMW);
    else
      lowerIntrinsic(cast<IntrinsicInst>(I));
  }
  return true;
}


PreservedAnalyses PersistentExpandPass::run(Function &F, FunctionAnalysisManager &) {
  Lowerer L(*F.getParent());
  return L.expandDecodes(F) ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

PreservedAnalyses PersistentLateLoweringPass::run(Function &F, FunctionAnalysisManager &) {
  Lowerer L(*F.getParent(), /*Late=*/true);
  return L.runOnFunction(F) ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

PreservedAnalyses PersistentLoweringPass::run(Module &M, ModuleAnalysisManager &) {
  Lowerer L(M);
  bool Changed = false;
  for (Function &F : M)
    if (!F.isDeclaration())
      Changed |= L.runOnFunction(F);
  // Drop the persistent-pointer variants of intrinsics and the struct-copy
  // markers, now unused.
  for (Function &F : make_early_inc_range(M))
    if (F.use_empty() && ((F.isIntrinsic() && any_of(F.getFunctionType()->params(),
                                                     [](Type *T) { return isPersistentPtrTy(T); })) ||
                          F.getName().starts_with(TWZ_COPY_LAYOUT_PREFIX)))
      F.eraseFromParent();
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace twz
