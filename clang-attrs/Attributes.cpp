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
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace {

unsigned customError(Sema &S, llvm::StringRef Text) {
  return S.getDiagnostics().getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Error, Text);
}

/// Clang 19 skips the arguments of a scoped plugin attribute such as
/// [[twz::gate(1)]] without parsing them (getNumArgs() is 0 and the range
/// ends at the name), so look at the source: is the name followed by '('?
bool hasArgs(Sema &S, const ParsedAttr &A) {
  if (A.getNumArgs())
    return true;
  SourceLocation Name = A.getRange().getEnd();
  const SourceManager &SM = S.getSourceManager();
  if (Name.isInvalid() || Name.isMacroID())
    return false;
  const char *C = SM.getCharacterData(Name) +
                  Lexer::MeasureTokenLength(Name, SM, S.getLangOpts());
  while (*C == ' ' || *C == '\t' || *C == '\n')
    C++;
  return *C == '(';
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
    if (hasArgs(Se, A)) {
      Se.Diag(A.getLoc(), customError(Se, "'twz_gate' takes no arguments"));
      return AttributeNotApplied;
    }
    // Linkage is checked once the whole file is parsed (PersistentChecks.cpp):
    // an earlier `static` declaration is not linked to this one yet.
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
    if (hasArgs(Se, A)) {
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
