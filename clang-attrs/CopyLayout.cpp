//===- CopyLayout.cpp - tell the pass the layout of struct copies ---------===//
//
// LLVM's memcpy carries no field types, so the pass cannot tell which bytes
// of a struct copy are __persistent pointers (whose stored form depends on
// the object holding them). The plugin knows the types: before code
// generation it wraps each object-memory side of such a copy in a call to a
// marker function whose *name* spells the layout,
//
//   *dst = *src   ->   *marker(&*dst) = *marker(&*src)
//   memcpy((void *)a, (void *)b, n)  ->  memcpy((void *)marker(a), ...)
//
// with marker = `__twz_copy_layout.<size>[.<off>[x<count>s<stride>]]...`,
// `void __persistent *(void __persistent *)`. The pass (llvm-pass,
// StructCopy.cpp) turns every memcpy, memmove or byval argument reached
// through a marker into a field-wise copy that decodes each pointer from
// its source container and encodes it for its destination container, then
// replaces the marker with its argument. The format is in
// llvm-pass/README.md.
//
// Rewriting happens per top-level declaration, before Clang's code
// generator sees it (the plugin's consumer runs first).
//
//===----------------------------------------------------------------------===//
#include "TwzAttrs.h"

#include "twz/abi.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecordLayout.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

#include <map>

using namespace clang;

namespace twz {
namespace {

/// A run of persistent pointers: Count of them, Stride bytes apart.
struct Run {
  uint64_t Offset, Count, Stride;
  bool operator==(const Run &O) const {
    return Offset == O.Offset && Count == O.Count && Stride == O.Stride;
  }
};

/// Where the persistent pointers of a type are. Ambiguous: a union whose
/// members disagree, so which bytes hold a pointer depends on the active
/// member; AmbiguousField names one such member.
struct Layout {
  uint64_t Size = 0;
  std::vector<Run> Runs;
  bool Ambiguous = false;
  const FieldDecl *AmbiguousField = nullptr;
  bool empty() const { return Runs.empty() && !Ambiguous; }
};

constexpr size_t MaxRuns = 256; // beyond this a copy is reported, not translated

class LayoutComputer {
  ASTContext &Ctx;
  /// std::map, not DenseMap: callers keep pointers to layouts (the copies
  /// to rewrite) while later lookups insert more, which must not move them.
  std::map<const Type *, Layout> Memo;

public:
  explicit LayoutComputer(ASTContext &Ctx) : Ctx(Ctx) {}

  const Layout &of(QualType T) {
    T = T.getCanonicalType().getUnqualifiedType();
    auto It = Memo.find(T.getTypePtr());
    if (It != Memo.end())
      return It->second;
    Memo[T.getTypePtr()] = Layout(); // recursion guard (incomplete types)
    Layout L = compute(T);
    return Memo[T.getTypePtr()] = std::move(L);
  }

private:
  Layout compute(QualType T) {
    Layout L;
    if (T->isIncompleteType() || T->isFunctionType() || T->isVoidType())
      return L;
    L.Size = Ctx.getTypeSizeInChars(T).getQuantity();
    if (isPersistentPtr(T)) {
      L.Runs.push_back({0, 1, 8});
      return L;
    }
    if (const auto *AT = Ctx.getAsConstantArrayType(T)) {
      QualType Elt = Ctx.getBaseElementType(T);
      uint64_t N = Ctx.getConstantArrayElementCount(AT);
      const Layout &E = of(Elt);
      L.Ambiguous = E.Ambiguous;
      L.AmbiguousField = E.AmbiguousField;
      repeat(L, E, 0, N);
      return L;
    }
    const auto *RT = T->getAs<RecordType>();
    const RecordDecl *RD = RT ? RT->getDecl()->getDefinition() : nullptr;
    if (!RD || RD->isInvalidDecl())
      return L;
    const ASTRecordLayout &RL = Ctx.getASTRecordLayout(RD);
    if (RD->isUnion()) {
      // A union's bytes hold a pointer only if every member says so.
      bool First = true;
      for (const FieldDecl *F : RD->fields()) {
        const Layout &FL = of(F->getType());
        if (First) {
          L.Runs = FL.Runs;
          First = false;
        } else if (FL.Runs != L.Runs && !L.Ambiguous) {
          L.Ambiguous = true;
          L.AmbiguousField = F;
        }
        if (FL.Ambiguous && !L.Ambiguous) {
          L.Ambiguous = true;
          L.AmbiguousField = FL.AmbiguousField;
        }
      }
      if (L.Ambiguous && L.Runs.empty())
        for (const FieldDecl *F : RD->fields())
          if (!of(F->getType()).Runs.empty())
            L.Runs = of(F->getType()).Runs; // the pointers it might hold
      return L;
    }
    for (const FieldDecl *F : RD->fields()) {
      if (F->isBitField())
        continue;
      uint64_t Off = RL.getFieldOffset(F->getFieldIndex()) / Ctx.getCharWidth();
      const Layout &FL = of(F->getType());
      if (FL.Ambiguous && !L.Ambiguous) {
        L.Ambiguous = true;
        L.AmbiguousField = FL.AmbiguousField;
      }
      repeat(L, FL, Off, 1);
    }
    return L;
  }

  /// Append N copies of E's runs, E.Size apart, starting at Off.
  void repeat(Layout &L, const Layout &E, uint64_t Off, uint64_t N) {
    for (const Run &R : E.Runs) {
      if (N == 1)
        L.Runs.push_back({Off + R.Offset, R.Count, R.Stride});
      else if (R.Count == 1)
        L.Runs.push_back({Off + R.Offset, N, E.Size});
      else if (R.Count * R.Stride == E.Size && E.Runs.size() == 1)
        L.Runs.push_back({Off + R.Offset, R.Count * N, R.Stride}); // pointer[N][M]
      else
        for (uint64_t I = 0; I < N && L.Runs.size() <= MaxRuns; ++I)
          L.Runs.push_back({Off + I * E.Size + R.Offset, R.Count, R.Stride});
    }
    if (L.Runs.size() > MaxRuns)
      L.Ambiguous = true; // too irregular to spell
  }
};

std::string markerName(const Layout &L) {
  std::string S = TWZ_COPY_LAYOUT_PREFIX + std::to_string(L.Size);
  for (const Run &R : L.Runs) {
    S += "." + std::to_string(R.Offset);
    if (R.Count != 1)
      S += "x" + std::to_string(R.Count) + "s" + std::to_string(R.Stride);
  }
  return S;
}

bool isCopyBuiltin(unsigned ID) {
  switch (ID) {
  case Builtin::BImemcpy:
  case Builtin::BImemmove:
  case Builtin::BImempcpy:
  case Builtin::BI__builtin_memcpy:
  case Builtin::BI__builtin_memmove:
  case Builtin::BI__builtin_mempcpy:
  case Builtin::BI__builtin_memcpy_inline:
  case Builtin::BI__builtin___memcpy_chk:
  case Builtin::BI__builtin___memmove_chk:
  case Builtin::BI__builtin___mempcpy_chk:
    return true;
  default:
    return false;
  }
}

/// One side of a memcpy argument: the innermost expression of pointer type
/// under the argument's casts and parens, and the cast or paren that holds
/// it (null if the argument itself).
struct Side {
  Expr *Ptr = nullptr;
  Expr *Holder = nullptr;
  QualType Pointee;
  bool Object = false;
};

Side findSide(Expr *Arg) {
  Side S;
  S.Ptr = Arg;
  for (;;) {
    Expr *Inner = nullptr;
    if (auto *P = dyn_cast<ParenExpr>(S.Ptr))
      Inner = P->getSubExpr();
    else if (auto *C = dyn_cast<CastExpr>(S.Ptr);
             C && (C->getCastKind() == CK_BitCast || C->getCastKind() == CK_NoOp ||
                   C->getCastKind() == CK_AddressSpaceConversion))
      Inner = C->getSubExpr();
    if (!Inner || !Inner->getType()->isPointerType())
      break;
    // Stop at the outermost expression pointing into object memory whose
    // pointee says something: `__builtin_memcpy` takes `void __persistent *`
    // itself, so its arguments are implicit casts to that around the
    // typed pointer.
    if (isPersistentPtr(S.Ptr->getType()) &&
        !(S.Ptr->getType()->getPointeeType()->isVoidType() && isPersistentPtr(Inner->getType())))
      break;
    S.Holder = S.Ptr;
    S.Ptr = Inner;
  }
  if (const auto *PT = S.Ptr->getType()->getAs<PointerType>()) {
    S.Pointee = PT->getPointeeType();
    S.Object = inPersistentAS(S.Pointee);
  }
  return S;
}

class CopyRewriter : public RecursiveASTVisitor<CopyRewriter> {
  ASTContext &Ctx;
  TwzDiags &Diags;
  LayoutComputer Layouts;
  llvm::StringMap<FunctionDecl *> Markers;
  llvm::SmallPtrSet<Stmt *, 16> Seen;
  // Collected first, rewritten after the traversal.
  std::vector<std::pair<ImplicitCastExpr *, const Layout *>> Sources;
  std::vector<std::pair<BinaryOperator *, const Layout *>> Dests;
  struct ArgSide {
    CallExpr *Call;
    unsigned Arg;
    Side S;
    const Layout *L;
  };
  std::vector<ArgSide> CopyArgs;

public:
  CopyRewriter(ASTContext &Ctx, TwzDiags &Diags) : Ctx(Ctx), Diags(Diags), Layouts(Ctx) {}

  bool shouldVisitImplicitCode() const { return true; }

  /// `*src` read as a whole record from object memory.
  bool VisitImplicitCastExpr(ImplicitCastExpr *E) {
    if (E->getCastKind() != CK_LValueToRValue || !inPersistentAS(E->getSubExpr()->getType()))
      return true;
    if (!E->getType()->isRecordType() || !Seen.insert(E).second)
      return true;
    if (const Layout *L = translatable(E->getType(), E->getBeginLoc()))
      Sources.push_back({E, L});
    return true;
  }

  /// `*dst = ...` of a whole record into object memory.
  bool VisitBinaryOperator(BinaryOperator *E) {
    QualType LT = E->getLHS()->getType();
    if (E->getOpcode() != BO_Assign || !LT->isRecordType() || !inPersistentAS(LT))
      return true;
    if (!Seen.insert(E).second)
      return true;
    // One report for both sides of `*a = *b`.
    auto *Src = dyn_cast<ImplicitCastExpr>(E->getRHS()->IgnoreParens());
    if (Src && (Src->getCastKind() != CK_LValueToRValue ||
                !inPersistentAS(Src->getSubExpr()->getType()) || !Seen.insert(Src).second))
      Src = nullptr;
    if (const Layout *L = translatable(LT, E->getOperatorLoc())) {
      Dests.push_back({E, L});
      if (Src)
        Sources.push_back({Src, L});
    }
    return true;
  }

  /// memcpy/memmove whose argument points into object memory.
  bool VisitCallExpr(CallExpr *E) {
    if (!isCopyBuiltin(E->getBuiltinCallee()) || E->getNumArgs() < 2 || !Seen.insert(E).second)
      return true;
    Side S[2] = {findSide(E->getArg(0)), findSide(E->getArg(1))};
    if (!S[0].Object && !S[1].Object)
      return true;
    // The layout: from a side whose type says it, object side first.
    const Layout *L = nullptr;
    bool Unknown = false;
    for (int Pass = 0; Pass < 2 && !L; ++Pass)
      for (const Side &X : S) {
        if (X.Pointee.isNull() || X.Object != (Pass == 0))
          continue;
        QualType P = X.Pointee;
        if (P->isVoidType() || P->isIncompleteType()) {
          Unknown = true;
          continue;
        }
        const Layout &XL = Layouts.of(P);
        if (!XL.empty() && !L)
          L = &XL;
      }
    if (!L) {
      // Known to hold no pointer on some side (char, int, a plain struct)?
      bool Typed = false;
      for (const Side &X : S)
        Typed |= !X.Pointee.isNull() && !X.Pointee->isVoidType() &&
                 !X.Pointee->isIncompleteType();
      if (!Typed && Unknown)
        if (auto B = Diags.warn(Warn::StructCopy, E->getBeginLoc(),
                                "this copy moves untyped bytes into or out of object memory; "
                                "if they hold __persistent pointers their stored form is moved "
                                "unchanged; pass pointers to the element type (e.g. 'struct node "
                                "__persistent *') so twz can translate them, or a 'char' pointer "
                                "to say the bytes hold none"))
          *B << E->getSourceRange();
      return true;
    }
    if (!(L = translatable(*L, E->getBeginLoc(), S[0].Pointee)))
      return true;
    for (unsigned I = 0; I < 2; ++I)
      if (S[I].Object)
        CopyArgs.push_back({E, I, S[I], L});
    return true;
  }

  void rewrite() {
    for (auto &[E, L] : Sources)
      E->setSubExpr(wrapLValue(E->getSubExpr(), *L));
    for (auto &[E, L] : Dests)
      E->setLHS(wrapLValue(E->getLHS(), *L));
    for (ArgSide &A : CopyArgs) {
      Expr *W = wrapPointer(A.S.Ptr, *A.L);
      if (!A.S.Holder)
        A.Call->setArg(A.Arg, W);
      else if (auto *P = dyn_cast<ParenExpr>(A.S.Holder))
        P->setSubExpr(W);
      else
        cast<CastExpr>(A.S.Holder)->setSubExpr(W);
    }
    Sources.clear();
    Dests.clear();
    CopyArgs.clear();
  }

private:
  const Layout *translatable(QualType T, SourceLocation Loc) {
    const Layout &L = Layouts.of(T);
    if (L.empty())
      return nullptr;
    return translatable(L, Loc, T);
  }

  const Layout *translatable(const Layout &L, SourceLocation Loc, QualType T) {
    if (!L.Ambiguous)
      return &L;
    std::string Ty = T.isNull() ? std::string("this type")
                                : "'" + T.getUnqualifiedType().getAsString(
                                            Ctx.getPrintingPolicy()) + "'";
    if (auto B = Diags.warn(Warn::StructCopy, Loc,
                            "this copy of " + Ty + " into or out of object memory cannot be "
                            "translated: a union in it may or may not hold a __persistent "
                            "pointer, depending on its active member, so the stored form is "
                            "copied unchanged; copy the active member instead")) {
      B.reset();
      if (L.AmbiguousField)
        Diags.note(L.AmbiguousField->getLocation(), "%0 declared here") << L.AmbiguousField;
    }
    return nullptr;
  }

  FunctionDecl *marker(const Layout &L, QualType VoidP) {
    std::string Name = markerName(L);
    FunctionDecl *&FD = Markers[Name];
    if (FD)
      return FD;
    FunctionProtoType::ExtProtoInfo EPI;
    QualType FnTy = Ctx.getFunctionType(VoidP, {VoidP}, EPI);
    TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
    FD = FunctionDecl::Create(Ctx, TU, SourceLocation(), SourceLocation(),
                              DeclarationName(&Ctx.Idents.get(Name)), FnTy, nullptr, SC_Extern);
    ParmVarDecl *P = ParmVarDecl::Create(Ctx, FD, SourceLocation(), SourceLocation(), nullptr,
                                         VoidP, nullptr, SC_None, nullptr);
    FD->setParams({P});
    FD->setImplicit();
    FD->addAttr(NoThrowAttr::CreateImplicit(Ctx));
    return FD;
  }

  /// P (a pointer into object memory) -> (typeof P)marker((void __persistent *)P).
  Expr *wrapPointer(Expr *P, const Layout &L) {
    SourceLocation Loc = P->getBeginLoc();
    QualType VoidP = Ctx.getPointerType(
        Ctx.getAddrSpaceQualType(Ctx.VoidTy, getLangASFromTargetAS(TWZ_PERSISTENT_AS)));
    FunctionDecl *FD = marker(L, VoidP);
    auto *Ref = DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), FD, false,
                                    Loc, FD->getType(), VK_LValue);
    Expr *Callee = ImplicitCastExpr::Create(Ctx, Ctx.getPointerType(FD->getType()),
                                            CK_FunctionToPointerDecay, Ref, nullptr, VK_PRValue,
                                            FPOptionsOverride());
    Expr *Arg = ImplicitCastExpr::Create(Ctx, VoidP, CK_BitCast, P, nullptr, VK_PRValue,
                                         FPOptionsOverride());
    Expr *Call = CallExpr::Create(Ctx, Callee, {Arg}, VoidP, VK_PRValue, Loc,
                                  FPOptionsOverride());
    return ImplicitCastExpr::Create(Ctx, P->getType(), CK_BitCast, Call, nullptr, VK_PRValue,
                                    FPOptionsOverride());
  }

  /// An lvalue X in object memory -> *marker(&X).
  Expr *wrapLValue(Expr *X, const Layout &L) {
    SourceLocation Loc = X->getBeginLoc();
    QualType PtrTy = Ctx.getPointerType(X->getType());
    Expr *Addr = UnaryOperator::Create(Ctx, X, UO_AddrOf, PtrTy, VK_PRValue, OK_Ordinary, Loc,
                                       false, FPOptionsOverride());
    return UnaryOperator::Create(Ctx, wrapPointer(Addr, L), UO_Deref, X->getType(), VK_LValue,
                                 OK_Ordinary, Loc, false, FPOptionsOverride());
  }
};

} // namespace

struct CopyLayoutState {
  CopyRewriter R;
  CopyLayoutState(ASTContext &Ctx, TwzDiags &Diags) : R(Ctx, Diags) {}
};

CopyLayoutRewriter::CopyLayoutRewriter(ASTContext &Ctx, TwzDiags &Diags)
    : State(std::make_unique<CopyLayoutState>(Ctx, Diags)) {}
CopyLayoutRewriter::~CopyLayoutRewriter() = default;

void CopyLayoutRewriter::rewrite(Decl *D) {
  auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD || !FD->doesThisDeclarationHaveABody())
    return;
  State->R.TraverseDecl(FD);
  State->R.rewrite();
}

} // namespace twz
