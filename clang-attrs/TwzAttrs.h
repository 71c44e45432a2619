//===- TwzAttrs.h - shared declarations of the twz Clang plugin -*- C++ -*-===//
#ifndef TWZ_ATTRS_H
#define TWZ_ATTRS_H

#include "TwzDiagnostics.h"

#include "clang/AST/ASTContext.h"

#include <memory>

namespace twz {

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
