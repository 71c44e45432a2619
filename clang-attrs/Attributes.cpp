//===- Attributes.cpp - the twz declaration attributes --------------------===//
//
//  __attribute__((twz_gate)) / [[twz::gate]] on a function: a secure-call
//    gate. The function is placed in section `twz_gates`, so the linker
//    gathers all gates into one range (__start_twz_gates..__stop_twz_gates):
//    the range a capability's gate field names and that a security context
//    maps execute-only.
//  __attribute__((twz_root)) / [[twz::root]] on a struct or union: the type
//    of an object's root datum. Roots are reached from other processes, so
//    every pointer inside must be __persistent: plain pointers in a root type
//    are errors, not warnings (checked in PersistentChecks.cpp).
//
// Both are recorded as `annotate` attributes ("twz_gate", "twz_root"), which
// the checks look for and which reach the IR as llvm.global.annotations.
//
//===----------------------------------------------------------------------===//
#include "TwzAttrs.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace {

unsigned customError(Sema &S, llvm::StringRef Text) {
  return S.getDiagnostics().getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Error, Text);
}

struct GateAttrInfo : ParsedAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_GNU, "twz_gate"},
                                   {ParsedAttr::AS_C23, "twz::gate"}};
  GateAttrInfo() {
    OptArgs = 0;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &Se, const ParsedAttr &A, const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return true;
    Se.Diag(A.getLoc(), customError(Se, "'twz_gate' applies only to functions"));
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &Se, Decl *D, const ParsedAttr &A) const override {
    auto *FD = cast<FunctionDecl>(D);
    if (A.getNumArgs()) {
      Se.Diag(A.getLoc(), customError(Se, "'twz_gate' takes no arguments"));
      return AttributeNotApplied;
    }
    if (FD->getStorageClass() == SC_Static) {
      Se.Diag(A.getLoc(), customError(Se, "a secure-call gate must have external linkage; "
                                          "remove 'static'"));
      return AttributeNotApplied;
    }
    if (FD->isVariadic()) {
      Se.Diag(A.getLoc(), customError(Se, "a secure-call gate cannot be variadic"));
      return AttributeNotApplied;
    }
    ASTContext &C = Se.Context;
    D->addAttr(AnnotateAttr::Create(C, twz::GateAnnotation, nullptr, 0, A.getRange()));
    D->addAttr(SectionAttr::Create(C, "twz_gates", A.getRange()));
    D->addAttr(UsedAttr::CreateImplicit(C));
    return AttributeApplied;
  }
};

struct RootAttrInfo : ParsedAttrInfo {
  static constexpr Spelling S[] = {{ParsedAttr::AS_GNU, "twz_root"},
                                   {ParsedAttr::AS_C23, "twz::root"}};
  RootAttrInfo() {
    OptArgs = 0;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &Se, const ParsedAttr &A, const Decl *D) const override {
    if (isa<RecordDecl>(D))
      return true;
    Se.Diag(A.getLoc(), customError(Se, "'twz_root' applies only to struct and union types"));
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &Se, Decl *D, const ParsedAttr &A) const override {
    if (A.getNumArgs()) {
      Se.Diag(A.getLoc(), customError(Se, "'twz_root' takes no arguments"));
      return AttributeNotApplied;
    }
    D->addAttr(AnnotateAttr::Create(Se.Context, twz::RootAnnotation, nullptr, 0, A.getRange()));
    return AttributeApplied;
  }
};

} // namespace

static ParsedAttrInfoRegistry::Add<GateAttrInfo> Gate("twz_gate", "twz secure-call gate");
static ParsedAttrInfoRegistry::Add<RootAttrInfo> Root("twz_root", "twz object root type");
