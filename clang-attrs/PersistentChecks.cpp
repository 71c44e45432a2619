//===- PersistentChecks.cpp - source-level checks of __persistent ---------===//
//
// Errors where a program certainly goes wrong, warnings where it probably
// does, each at the source location involved (see README.md for the list).
// The model being checked: a `T __persistent *` must point into an object;
// a pointer stored in object memory is only translated when it is a
// `__persistent` pointer stored through a `__persistent` lvalue (whole
// struct copies are translated field by field: CopyLayout.cpp).
//
//===----------------------------------------------------------------------===//
#include "Checks.h"
#include "TwzAttrs.h"

#include "twz/abi.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace twz {
namespace {

bool hasAnnotation(const Decl *D, llvm::StringRef Name) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Name)
      return true;
  return false;
}

std::string quoted(const NamedDecl *D) { return "'" + D->getNameAsString() + "'"; }

std::string quoted(QualType T, const ASTContext &Ctx) {
  return "'" + T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) + "'";
}

/// The allocators whose memory is never object memory.
bool isHeapAllocator(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  static const char *const Names[] = {
      "malloc", "calloc", "realloc", "reallocarray", "aligned_alloc", "memalign", "valloc",
      "pvalloc", "strdup", "strndup", "alloca", "__builtin_alloca", "__builtin_alloca_with_align",
      "__builtin_malloc", "__builtin_calloc", "__builtin_realloc", "__builtin_strdup",
      "__builtin_strndup"};
  for (const char *N : Names)
    if (FD->getName() == N)
      return true;
  return false;
}

class Checker : public RecursiveASTVisitor<Checker> {
  ASTContext &Ctx;
  TwzDiags &Diags;
  /// Records that live in object memory, with the first place that says so.
  llvm::MapVector<const RecordDecl *, SourceLocation> Reached;
  llvm::DenseMap<const RecordDecl *, const FieldDecl *> PersistentFieldMemo;

public:
  Checker(ASTContext &Ctx, TwzDiags &Diags) : Ctx(Ctx), Diags(Diags) {}

  // The copies inside a brace initializer (`{1, *p}`) appear only in its
  // semantic form, which is implicit code.
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitVarDecl(VarDecl *D);
  bool VisitFieldDecl(FieldDecl *D) {
    noteType(D->getType(), D->getLocation());
    return true;
  }
  bool VisitTypedefNameDecl(TypedefNameDecl *D) {
    noteType(D->getUnderlyingType(), D->getLocation());
    return true;
  }
  bool VisitTagDecl(TagDecl *D) {
    checkMisplacedPersistent(D, Ctx, Diags);
    return true;
  }
  bool VisitRecordDecl(RecordDecl *D) {
    if (hasAnnotation(D, RootAnnotation) && D->getDefinition() == D)
      addReached(D, D->getLocation());
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *D);
  bool VisitExplicitCastExpr(ExplicitCastExpr *E);
  bool VisitBinaryOperator(BinaryOperator *E);
  bool VisitAtomicExpr(AtomicExpr *E);

  /// After the traversal: plain pointers inside records that live in objects.
  void checkReachedRecords();

private:
  /// Explicit casts already checked: both forms of an initializer list
  /// share their elements.
  llvm::SmallPtrSet<const ExplicitCastExpr *, 8> SeenCasts;
  void noteType(QualType T, SourceLocation Where);
  void addReached(const RecordDecl *RD, SourceLocation Where);
  const FieldDecl *persistentField(QualType T);
  void checkCastOrigin(ExplicitCastExpr *E);
  void checkPlainPointerField(const FieldDecl *F, const RecordDecl *RD, SourceLocation Where,
                              bool Root);
};

bool Checker::VisitVarDecl(VarDecl *D) {
  noteType(D->getType(), D->getLocation());
  if (inPersistentAS(Ctx.getBaseElementType(D->getType())) && D->hasGlobalStorage())
    Diags.error(D->getLocation(),
                "variable %0 is declared __persistent, but __persistent memory exists only "
                "inside objects; declare a pointer to it instead ('T __persistent *')")
        << D;
  return true;
}

bool Checker::VisitFunctionDecl(FunctionDecl *D) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == GateAnnotation && !A->isInherited() && !D->isExternallyVisible())
      Diags.error(A->getLocation(), "a secure-call gate must have external linkage; remove "
                                    "'static' (here or on an earlier declaration)");
  QualType R = D->getReturnType();
  noteType(R, D->getLocation());
  if (inPersistentAS(R))
    Diags.error(D->getReturnTypeSourceRange().getBegin(),
                "__persistent qualifies the pointee of a pointer; a function cannot return a "
                "__persistent " + quoted(R, Ctx) + " (did you mean '" +
                    R.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
                    " __persistent *'?)");
  return true;
}

/// Remember records that are the pointee (at any depth) of a __persistent
/// pointer in T: they live in object memory.
void Checker::noteType(QualType T, SourceLocation Where) {
  for (int Depth = 0; Depth < 8; ++Depth) {
    T = Ctx.getBaseElementType(T);
    const auto *PT = T->getAs<PointerType>();
    if (!PT)
      return;
    QualType Pointee = PT->getPointeeType();
    if (inPersistentAS(Pointee))
      if (const auto *RT = Ctx.getBaseElementType(Pointee)->getAs<RecordType>())
        addReached(RT->getDecl(), Where);
    T = Pointee;
  }
}

void Checker::addReached(const RecordDecl *RD, SourceLocation Where) {
  RD = RD->getDefinition();
  if (!RD || Reached.count(RD))
    return;
  Reached.insert({RD, Where});
  for (const FieldDecl *F : RD->fields()) // embedded records live there too
    if (const auto *RT = Ctx.getBaseElementType(F->getType())->getAs<RecordType>())
      addReached(RT->getDecl(), Where);
}

/// The first __persistent pointer field (at any depth) of record type T.
const FieldDecl *Checker::persistentField(QualType T) {
  const auto *RT = Ctx.getBaseElementType(T)->getAs<RecordType>();
  const RecordDecl *RD = RT ? RT->getDecl()->getDefinition() : nullptr;
  if (!RD)
    return nullptr;
  auto It = PersistentFieldMemo.find(RD);
  if (It != PersistentFieldMemo.end())
    return It->second;
  PersistentFieldMemo[RD] = nullptr; // recursion guard
  const FieldDecl *Found = nullptr;
  for (const FieldDecl *F : RD->fields()) {
    QualType FT = Ctx.getBaseElementType(F->getType());
    if (isPersistentPtr(FT))
      Found = F;
    else if (FT->isRecordType())
      Found = persistentField(FT);
    if (Found)
      break;
  }
  return PersistentFieldMemo[RD] = Found;
}

bool Checker::VisitExplicitCastExpr(ExplicitCastExpr *E) {
  if (!SeenCasts.insert(E).second)
    return true;
  noteType(E->getType(), E->getBeginLoc());
  QualType Written = E->getTypeAsWritten();
  if (inPersistentAS(Written) && !Written->isPointerType())
    Diags.error(E->getBeginLoc(),
                "__persistent qualifies the pointee of a pointer; a cast to __persistent " +
                    quoted(Written, Ctx) + " has no meaning (did you mean '" +
                    Written.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
                    " __persistent *'?)");
  if (isPersistentPtr(E->getType()))
    checkCastOrigin(E);
  checkDropPersistent(E, Ctx, Diags);
  return true;
}

/// The variable, function, literal or call at the root of an lvalue or
/// address expression like `&s.a[2].b`, or null if it goes through memory.
static const Expr *addressRoot(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
             AS && AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
      E = AS->getBase()->IgnoreParenImpCasts();
    else
      return E;
  }
}

/// A cast to a __persistent pointer from memory that is certainly not in an
/// object: a local, a parameter, a global, a function, the heap, a literal.
void Checker::checkCastOrigin(ExplicitCastExpr *E) {
  if (isPersistentPtr(E->getSubExpr()->getType()))
    return;
  const Expr *S = E->getSubExpr()->IgnoreParenCasts();
  const Expr *Root = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->getOpcode() == UO_AddrOf)
    Root = addressRoot(UO->getSubExpr());
  else if (S->getType()->isArrayType() || S->getType()->isFunctionType() || isa<StringLiteral>(S))
    Root = addressRoot(S);
  else if (const auto *CE = dyn_cast<CallExpr>(S); CE && isHeapAllocator(CE->getDirectCallee())) {
    bool Stack = CE->getDirectCallee()->getName().contains("alloca");
    Diags.error(E->getBeginLoc(), std::string("cast of memory returned by %0 to a __persistent "
                                              "pointer; ") +
                                      (Stack ? "stack" : "heap") +
                                      " memory is not in an object (allocate with "
                                      "twz_object_alloc)")
        << CE->getDirectCallee() << E->getSourceRange();
    return;
  }
  if (!Root)
    return;
  std::string What;
  const NamedDecl *Decl = nullptr;
  if (isa<StringLiteral>(Root)) {
    What = "a string literal";
  } else if (isa<CompoundLiteralExpr>(Root)) {
    What = "a compound literal";
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(Root)) {
    Decl = DRE->getDecl();
    if (isa<FunctionDecl>(Decl))
      What = "the address of function " + quoted(Decl);
    else if (isa<ParmVarDecl>(Decl))
      What = "the address of parameter " + quoted(Decl);
    else if (const auto *VD = dyn_cast<VarDecl>(Decl)) {
      if (inPersistentAS(Ctx.getBaseElementType(VD->getType())))
        return; // already an error at the declaration
      What = (VD->hasLocalStorage()  ? "the address of local variable "
              : VD->isStaticLocal() ? "the address of static variable "
                                    : "the address of global variable ") +
             quoted(Decl);
    }
  }
  if (What.empty())
    return;
  Diags.error(E->getBeginLoc(), "cast of " + What +
                                    " to a __persistent pointer; __persistent pointers must point "
                                    "into objects (allocate with twz_object_alloc)")
      << E->getSourceRange();
  if (Decl)
    Diags.note(Decl->getLocation(), "%0 declared here") << Decl;
  // A local struct as a search key (`RB_FIND(head, &key)` over nodes in
  // objects) is the common way to get here: say what to do instead.
  const auto *VD = dyn_cast_or_null<VarDecl>(Decl);
  if (VD && VD->hasLocalStorage() && E->getType()->getPointeeType()->isRecordType())
    Diags.note(E->getBeginLoc(),
               "if %0 is a search key, put it in an object instead (e.g. a scratch node "
               "allocated with twz_object_alloc in a scratch object), or use a lookup function "
               "that takes the key by value and compares fields")
        << Decl;
}

bool Checker::VisitBinaryOperator(BinaryOperator *E) {
  if (E->getOpcode() != BO_Assign)
    return true;
  QualType LT = E->getLHS()->getType();
  bool IntoObject = inPersistentAS(LT);
  if (IntoObject && LT->isIntegerType()) {
    const Expr *R = E->getRHS()->IgnoreParenImpCasts();
    const auto *C = dyn_cast<ExplicitCastExpr>(R);
    while (C && (C->getCastKind() == CK_IntegralCast || C->getCastKind() == CK_NoOp))
      C = dyn_cast<ExplicitCastExpr>(C->getSubExpr()->IgnoreParenImpCasts()); // (int)(uintptr_t)p
    if (C && C->getCastKind() == CK_PointerToIntegral)
      if (auto B = Diags.warn(Warn::IntStore, R->getBeginLoc(),
                              "a pointer converted to an integer is stored into object memory as "
                              "a virtual address, which means nothing in another process or after "
                              "a restart; store a __persistent pointer instead"))
        *B << R->getSourceRange();
  }
  return true;
}

/// `&v` for a local (automatic) variable v.
static bool isAddressOfLocal(const Expr *E) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return false;
  const auto *DR = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
  const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage();
}

// The generic atomic builtins (__atomic_load, __atomic_store,
// __atomic_exchange, __atomic_compare_exchange) move a value through memory
// by address, and Clang lowers them to integer loads and stores: for a
// persistent pointer in object memory the pass sees only an i64 going to or
// coming from some address, indistinguishable from an integer. It can
// translate one case: __atomic_load into a local variable (an alloca of the
// pointer type). Anything else would silently move the stored form (or a
// raw address), so it is an error with the form to use instead.
bool Checker::VisitAtomicExpr(AtomicExpr *E) {
  const char *Name, *Instead;
  switch (E->getOp()) {
  case AtomicExpr::AO__atomic_load:
    Name = "__atomic_load", Instead = "__atomic_load_n";
    break;
  case AtomicExpr::AO__atomic_store:
    Name = "__atomic_store", Instead = "__atomic_store_n";
    break;
  case AtomicExpr::AO__atomic_exchange:
    Name = "__atomic_exchange", Instead = "__atomic_exchange_n";
    break;
  case AtomicExpr::AO__atomic_compare_exchange:
    Name = "__atomic_compare_exchange", Instead = "__atomic_compare_exchange_n";
    break;
  default:
    return true;
  }
  const auto *PT = E->getPtr()->getType()->getAs<PointerType>();
  if (!PT || !inPersistentAS(PT->getPointeeType()))
    return true; // not object memory: nothing to translate
  QualType ValTy = PT->getPointeeType();
  if (isPersistentPtr(ValTy)) {
    if (E->getOp() == AtomicExpr::AO__atomic_load && isAddressOfLocal(E->getVal1()))
      return true;
    Diags.error(E->getBeginLoc(),
                std::string(Name) + " of a __persistent pointer in object memory cannot be " +
                    "translated" +
                    (E->getOp() == AtomicExpr::AO__atomic_load
                         ? " unless it loads into a local variable; load into a local or use "
                         : "; use ") +
                    Instead + ", which twz translates");
  } else if (const FieldDecl *F = ValTy->isRecordType() ? persistentField(ValTy) : nullptr) {
    Diags.error(E->getBeginLoc(), std::string(Name) + " of " + quoted(ValTy, Ctx) +
                                      " in object memory would move the stored form of its "
                                      "__persistent pointer " + quoted(F) +
                                      " unchanged; access the fields one by one");
    Diags.note(F->getLocation(), "%0 declared here") << F;
  }
  return true;
}

/// Where to insert "__persistent " to make field F's pointer persistent:
/// before the '*' of its declarator, if it is written as one.
static std::optional<FixItHint> persistentFixIt(const FieldDecl *F, const SourceManager &SM) {
  // In `int *a, *b;` the declarators share `int`: "__persistent" before the
  // first '*' applies to all of them, before a later '*' it would qualify
  // that field itself. So a group gets one fix-it, on its first field, and
  // only if every field in it is a plain data pointer.
  bool First = true;
  for (const FieldDecl *G : F->getParent()->fields()) {
    if (G == F || G->getBeginLoc() != F->getBeginLoc())
      continue;
    if (SM.isBeforeInTranslationUnit(G->getLocation(), F->getLocation()))
      First = false;
    const auto *GP = G->getType()->getAs<PointerType>();
    if (!GP || GP->getPointeeType()->isFunctionType() || G->getType()->isArrayType())
      return std::nullopt;
  }
  if (!First)
    return std::nullopt;
  TypeSourceInfo *TSI = F->getTypeSourceInfo();
  if (!TSI)
    return std::nullopt;
  TypeLoc TL = TSI->getTypeLoc();
  while (auto AL = TL.getAs<ArrayTypeLoc>())
    TL = AL.getElementLoc();
  auto PL = TL.getUnqualifiedLoc().getAs<PointerTypeLoc>();
  if (!PL || PL.getStarLoc().isMacroID())
    return std::nullopt;
  SourceLocation Star = PL.getStarLoc();
  const char *Before = SM.getCharacterData(Star.getLocWithOffset(-1));
  bool Space = *Before == ' ' || *Before == '\t';
  return FixItHint::CreateInsertion(Star, Space ? "__persistent " : " __persistent ");
}

void Checker::checkPlainPointerField(const FieldDecl *F, const RecordDecl *RD,
                                     SourceLocation Where, bool Root) {
  QualType FT = Ctx.getBaseElementType(F->getType());
  const auto *PT = FT->getAs<PointerType>();
  if (!PT || inPersistentAS(PT->getPointeeType()))
    return;
  std::string Rec = "'" + Ctx.getRecordType(RD).getAsString(Ctx.getPrintingPolicy()) + "'";
  bool Fn = PT->getPointeeType()->isFunctionType();
  std::string Text =
      Fn ? "field " + quoted(F) + " of " + Rec +
               " is a function pointer, but " + Rec +
               " lives in object memory: code addresses differ between processes and runs"
         : "field " + quoted(F) + " of " + Rec + " is a plain pointer, but " + Rec +
               " lives in object memory: it will dangle after a restart or in another process";
  std::optional<FixItHint> Fix = Fn ? std::nullopt : persistentFixIt(F, Ctx.getSourceManager());
  if (Root) {
    auto B = Diags.error(F->getLocation(), Text + " (every pointer in a twz_root type must be "
                                                  "__persistent)");
    if (Fix)
      B << *Fix;
    return;
  }
  if (auto B = Diags.warn(Warn::PlainPointerField, F->getLocation(), Text)) {
    if (Fix)
      *B << *Fix;
    B.reset();
    Diags.note(Where, "%0 is reached through a __persistent pointer here")
        << Ctx.getRecordType(RD);
  }
}

void Checker::checkReachedRecords() {
  for (auto &[RD, Where] : Reached) {
    bool Root = hasAnnotation(RD, RootAnnotation);
    for (const FieldDecl *F : RD->fields())
      checkPlainPointerField(F, RD, Where, Root);
  }
}

} // namespace

void checkTranslationUnit(ASTContext &Ctx, TwzDiags &Diags) {
  Checker C(Ctx, Diags);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.checkReachedRecords();
}

} // namespace twz
