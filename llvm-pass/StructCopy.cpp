//===- StructCopy.cpp - field-wise copies of structs with stored pointers -===//
//
// A memcpy knows no field types, but a struct holding __persistent pointers
// cannot be copied byte for byte into, out of or between objects: a stored
// pointer (FOT index : offset) means something only in the object holding
// it. The Clang plugin (clang-attrs/CopyLayout.cpp) wraps each
// object-memory side of such a copy in a call to a marker function named
// after the layout:
//
//   __twz_copy_layout.<size>[.<offset>[x<count>s<stride>]]...
//
// e.g. `__twz_copy_layout.88.16x3s16.56x4s8`: 88 bytes; pointers at 16, 32
// and 48; four more at 56, 64, 72, 80. Here every memcpy, memmove and byval
// argument reached through a marker becomes, per element of that size:
//
//   tmp = bytes of src                      ; a snapshot: any overlap is safe
//   for each pointer slot: tmp[slot] = decode(src[slot])  (src in an object)
//   dst = bytes of tmp
//   for each pointer slot: dst[slot] = encode(tmp[slot])  (dst in an object)
//
// elements walked backwards when a memmove's destination is above its
// source, trailing bytes that make no whole element copied as they are.
// Then the marker is replaced by its argument. SROA turns the snapshot of
// a small struct into registers.
//
//===----------------------------------------------------------------------===//
#include "Lowerer.h"
#include "TwzPasses.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace twz {

struct Lowerer::CopyLayout {
  struct Run {
    uint64_t Offset, Count, Stride;
  };
  uint64_t Size = 0;
  SmallVector<Run, 4> Runs;
};

namespace {

std::optional<Lowerer::CopyLayout> parseLayout(StringRef Name) {
  if (!Name.consume_front(TWZ_COPY_LAYOUT_PREFIX))
    return std::nullopt;
  Lowerer::CopyLayout L;
  SmallVector<StringRef, 8> Parts;
  Name.split(Parts, '.');
  if (Parts[0].getAsInteger(10, L.Size) || L.Size == 0)
    return std::nullopt;
  for (StringRef P : ArrayRef(Parts).drop_front()) {
    uint64_t Off, Count = 1, Stride = 8;
    auto [OffS, Rest] = P.split('x');
    if (OffS.getAsInteger(10, Off))
      return std::nullopt;
    if (!Rest.empty()) {
      auto [CountS, StrideS] = Rest.split('s');
      if (CountS.getAsInteger(10, Count) || StrideS.getAsInteger(10, Stride))
        return std::nullopt;
    }
    if (Count == 0 || Off + (Count - 1) * Stride + 8 > L.Size)
      return std::nullopt;
    L.Runs.push_back({Off, Count, Stride});
  }
  return L;
}

bool isMarker(const Value *V) {
  const auto *CI = dyn_cast<CallInst>(V);
  const Function *F = CI ? CI->getCalledFunction() : nullptr;
  return F && F->getName().starts_with(TWZ_COPY_LAYOUT_PREFIX) && CI->arg_size() == 1;
}

/// V addresses object memory: it is, or is cast from, a persistent pointer.
bool isObjectAddr(Value *V) {
  for (;;) {
    if (isPersistentPtrTy(V->getType()))
      return true;
    auto *Op = dyn_cast<Operator>(V);
    if (!Op || (Op->getOpcode() != Instruction::AddrSpaceCast &&
                Op->getOpcode() != Instruction::BitCast))
      return false;
    V = Op->getOperand(0);
  }
}

} // namespace

/// Calls Body(B, I) for I in [0, N): unrolled when N is a constant no
/// larger than Unroll, otherwise a loop (I = N-1-i when Reverse is true).
void Lowerer::forRange(IRBuilder<> &B, Value *N, uint64_t Unroll,
                       const std::function<void(IRBuilder<> &, Value *)> &Body, Value *Reverse) {
  if (auto *C = dyn_cast<ConstantInt>(N); C && C->getZExtValue() <= Unroll) {
    uint64_t Count = C->getZExtValue();
    for (uint64_t I = 0; I < Count; ++I) {
      Value *Idx = B.getInt64(I);
      if (Reverse)
        Idx = B.CreateSelect(Reverse, B.getInt64(Count - 1 - I), Idx);
      Body(B, Idx);
    }
    return;
  }
  Function *F = B.GetInsertBlock()->getParent();
  BasicBlock *Pre = B.GetInsertBlock();
  BasicBlock *Done = splitAtInsertPoint(B, "twz.copy.done");
  BasicBlock *Loop = BasicBlock::Create(Ctx, "twz.copy.loop", F, Done);
  B.CreateCondBr(B.CreateICmpEQ(N, B.getInt64(0)), Done, Loop);
  B.SetInsertPoint(Loop);
  PHINode *I = B.CreatePHI(I64, 2, "twz.copy.i");
  I->addIncoming(B.getInt64(0), Pre);
  Value *Idx = I;
  if (Reverse)
    Idx = B.CreateSelect(Reverse, B.CreateSub(B.CreateSub(N, B.getInt64(1)), I), I);
  Body(B, Idx);
  Value *Next = B.CreateAdd(I, B.getInt64(1), "twz.copy.next");
  I->addIncoming(Next, B.GetInsertBlock());
  B.CreateCondBr(B.CreateICmpULT(Next, N), Loop, Done);
  B.SetInsertPoint(Done, Done->getFirstInsertionPt());
}

void Lowerer::emitElementCopy(IRBuilder<> &B, Value *Dst, bool DstObj, Value *Src, bool SrcObj,
                              const CopyLayout &L, AllocaInst *Tmp) {
  Value *Size = B.getInt64(L.Size);
  B.CreateMemCpy(Tmp, Tmp->getAlign(), Src, MaybeAlign(1), Size);
  auto EachSlot = [&](auto Fn) {
    for (const CopyLayout::Run &R : L.Runs)
      forRange(B, B.getInt64(R.Count), 16, [&](IRBuilder<> &B, Value *K) {
        Fn(B, B.CreateAdd(B.getInt64(R.Offset), B.CreateMul(K, B.getInt64(R.Stride))));
      });
  };
  if (SrcObj)
    EachSlot([&](IRBuilder<> &B, Value *Off) {
      Value *Slot = B.CreateInBoundsGEP(B.getInt8Ty(), Tmp, Off, "twz.copy.slot");
      Value *Raw = B.CreateAlignedLoad(I64, Slot, Align(1), "twz.copy.stored");
      Value *Addr = B.CreatePtrToInt(B.CreateGEP(B.getInt8Ty(), Src, Off), I64, "twz.addr");
      Value *VA = B.CreatePtrToInt(decodePtr(B, Raw, Addr, PersistentPtr), I64);
      B.CreateAlignedStore(VA, Slot, Align(1));
    });
  B.CreateMemCpy(Dst, MaybeAlign(1), Tmp, Tmp->getAlign(), Size);
  if (DstObj)
    EachSlot([&](IRBuilder<> &B, Value *Off) {
      Value *Slot = B.CreateInBoundsGEP(B.getInt8Ty(), Tmp, Off, "twz.copy.slot");
      Value *VA = B.CreateAlignedLoad(I64, Slot, Align(1), "twz.copy.va");
      Value *To = B.CreateGEP(B.getInt8Ty(), Dst, Off);
      Value *Stored =
          encodePtr(B, B.CreateIntToPtr(VA, PersistentPtr), B.CreatePtrToInt(To, I64, "twz.addr"));
      B.CreateAlignedStore(Stored, To, Align(1));
    });
}

void Lowerer::emitLayoutCopy(IRBuilder<> &B, Value *Dst, bool DstObj, Value *Src, bool SrcObj,
                             Value *Len, const CopyLayout &L, bool Move, AllocaInst *Tmp) {
  Len = B.CreateZExtOrTrunc(Len, I64);
  Value *Size = B.getInt64(L.Size);
  Value *N = B.CreateUDiv(Len, Size, "twz.copy.n");
  Value *Reverse = Move ? B.CreateICmpUGT(B.CreatePtrToInt(Dst, I64), B.CreatePtrToInt(Src, I64),
                                          "twz.copy.backward")
                        : nullptr;
  Value *TailOff = B.CreateMul(N, Size);
  Value *TailLen = B.CreateURem(Len, Size, "twz.copy.tail");
  // Bytes past the last whole element (a length that is no multiple of the
  // type): moved first when walking backwards, last otherwise, so that an
  // overlapping memmove never overwrites source bytes not yet read.
  auto Tail = [&](Value *N) {
    if (auto *C = dyn_cast<ConstantInt>(TailLen); C && C->isZero())
      return;
    B.CreateMemMove(B.CreateGEP(B.getInt8Ty(), Dst, TailOff), MaybeAlign(1),
                    B.CreateGEP(B.getInt8Ty(), Src, TailOff), MaybeAlign(1), N);
  };
  if (Move)
    Tail(B.CreateSelect(Reverse, TailLen, B.getInt64(0), "twz.copy.tailfirst"));
  forRange(
      B, N, 1,
      [&](IRBuilder<> &B, Value *I) {
        Value *Off = B.CreateMul(I, Size);
        emitElementCopy(B, B.CreateGEP(B.getInt8Ty(), Dst, Off), DstObj,
                        B.CreateGEP(B.getInt8Ty(), Src, Off), SrcObj, L, Tmp);
      },
      Reverse);
  Tail(Move ? B.CreateSelect(Reverse, B.getInt64(0), TailLen, "twz.copy.taillast") : TailLen);
}

bool Lowerer::lowerLayoutCopies(Function &F) {
  SmallVector<CallInst *, 8> Markers;
  for (Instruction &I : instructions(F))
    if (isMarker(&I))
      Markers.push_back(cast<CallInst>(&I));
  if (Markers.empty())
    return false;
  declareRuntime();

  // What each marker reaches: copies (memcpy/memmove) and byval arguments.
  MapVector<MemTransferInst *, CopyLayout> Copies;
  struct ByVal {
    CallBase *Call;
    unsigned Arg;
    CopyLayout L;
  };
  SmallVector<ByVal, 2> ByVals;
  for (CallInst *M : Markers) {
    std::optional<CopyLayout> L = parseLayout(M->getCalledFunction()->getName());
    if (!L) {
      M->getContext().emitError(M, "twz: malformed struct-copy layout marker '" +
                                       M->getCalledFunction()->getName() + "'");
      continue;
    }
    SmallVector<Use *, 8> Uses;
    for (Use &U : M->uses())
      Uses.push_back(&U);
    while (!Uses.empty()) {
      Use *U = Uses.pop_back_val();
      User *Usr = U->getUser();
      if (auto *Op = dyn_cast<Operator>(Usr); Op && (Op->getOpcode() == Instruction::AddrSpaceCast ||
                                                   Op->getOpcode() == Instruction::BitCast)) {
        for (Use &UU : Usr->uses())
          Uses.push_back(&UU);
      } else if (auto *MT = dyn_cast<MemTransferInst>(Usr);
                 MT && (U->getOperandNo() == 0 || U->getOperandNo() == 1)) {
        Copies.insert({MT, *L});
      } else if (auto *CB = dyn_cast<CallBase>(Usr);
                 CB && CB->isArgOperand(U) && CB->isByValArgument(CB->getArgOperandNo(U))) {
        ByVals.push_back({CB, CB->getArgOperandNo(U), *L});
      }
    }
  }
  for (CallInst *M : Markers) {
    M->replaceAllUsesWith(M->getArgOperand(0));
    M->eraseFromParent();
  }

  auto FlatOf = [&](IRBuilder<> &B, Value *P) {
    return isPersistentPtrTy(P->getType()) ? flat(B, P) : P;
  };
  auto Snapshot = [&](const CopyLayout &L) {
    IRBuilder<> EB(&*F.getEntryBlock().getFirstInsertionPt());
    AllocaInst *A = EB.CreateAlloca(ArrayType::get(EB.getInt8Ty(), L.Size), nullptr, "twz.copy.tmp");
    A->setAlignment(Align(16));
    return A;
  };
  for (ByVal &BV : ByVals) {
    // Passed by value from object memory: pass a translated copy instead.
    Value *Arg = BV.Call->getArgOperand(BV.Arg);
    IRBuilder<> EB(&*F.getEntryBlock().getFirstInsertionPt());
    Type *Ty = BV.Call->getParamByValType(BV.Arg);
    AllocaInst *Copy = EB.CreateAlloca(Ty, nullptr, "twz.byval");
    Copy->setAlignment(std::max(Copy->getAlign(), BV.Call->getParamAlign(BV.Arg).valueOrOne()));
    IRBuilder<> B(BV.Call);
    uint64_t Bytes = M.getDataLayout().getTypeAllocSize(Ty);
    emitLayoutCopy(B, Copy, false, FlatOf(B, Arg), isObjectAddr(Arg), B.getInt64(Bytes), BV.L,
                   false, Snapshot(BV.L));
    BV.Call->setArgOperand(BV.Arg, Copy);
  }
  for (auto &[MT, L] : Copies) {
    IRBuilder<> B(MT);
    Value *Dst = MT->getRawDest(), *Src = MT->getRawSource();
    emitLayoutCopy(B, FlatOf(B, Dst), isObjectAddr(Dst), FlatOf(B, Src), isObjectAddr(Src),
                   MT->getLength(), L, isa<MemMoveInst>(MT), Snapshot(L));
    MT->eraseFromParent();
  }
  return true;
}

} // namespace twz
