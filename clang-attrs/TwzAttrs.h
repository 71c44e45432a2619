//===- TwzAttrs.h - shared declarations of the twz Clang plugin -*- C++ -*-===//
#ifndef TWZ_ATTRS_H
#define TWZ_ATTRS_H

#include "TwzDiagnostics.h"

#include "twz/abi.h"

#include "clang/AST/ASTContext.h"

#include <memory>

namespace twz {

/// T is qualified __persistent: a value of type T lives in object memory.
inline bool inPersistentAS(clang::QualType T) {
  return T.getAddressSpace() == clang::getLangASFromTargetAS(TWZ_PERSISTENT_AS);
}

/// T is a `U __persistent *`: a pointer into object memory.
inline bool isPersistentPtr(clang::QualType T) {
  const auto *PT = T->getAs<clang::PointerType>();
  return PT && inPersistentAS(PT->getPointeeType());
}

inline constexpr const char *GateAnnotation = "twz_gate";
inline constexpr const char *RootAnnotation = "twz_root";

/// Run every source-level check of __persistent over a translation unit.
void checkTranslationUnit(clang::ASTContext &Ctx, TwzDiags &Diags);

struct CopyLayoutState;

/// Marks the object-memory sides of struct copies (assignment, copies out
/// of object memory, memcpy/memmove) with their layout for the pass
/// (CopyLayout.cpp). Call on each top-level declaration before code
/// generation sees it.
class CopyLayoutRewriter {
  std::unique_ptr<CopyLayoutState> State;

public:
  CopyLayoutRewriter(clang::ASTContext &Ctx, TwzDiags &Diags);
  ~CopyLayoutRewriter();
  void rewrite(clang::Decl *D);
};

} // namespace twz

#endif
