//===- TwzAttrs.h - shared declarations of the twz Clang plugin -*- C++ -*-===//
#ifndef TWZ_ATTRS_H
#define TWZ_ATTRS_H

#include "TwzDiagnostics.h"

#include "clang/AST/ASTContext.h"

namespace twz {

inline constexpr const char *GateAnnotation = "twz_gate";
inline constexpr const char *RootAnnotation = "twz_root";

/// Run every source-level check of __persistent over a translation unit.
void checkTranslationUnit(clang::ASTContext &Ctx, TwzDiags &Diags);

} // namespace twz

#endif
