//===- Checks.h - checks kept in files of their own -------------*- C++ -*-===//
//
// Each is called by the one traversal in PersistentChecks.cpp on the nodes
// it cares about.
//
//===----------------------------------------------------------------------===//
#ifndef TWZ_CHECKS_H
#define TWZ_CHECKS_H

#include "TwzAttrs.h"

#include "twz/abi.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace twz {

/// DropPersistent.cpp: -Wtwz-drop-persistent on an explicit cast.
void checkDropPersistent(const clang::ExplicitCastExpr *E, clang::ASTContext &Ctx,
                         TwzDiags &Diags);

/// MisplacedPersistent.cpp: -Wtwz-misplaced-persistent on a struct, union
/// or enum definition.
void checkMisplacedPersistent(const clang::TagDecl *D, clang::ASTContext &Ctx, TwzDiags &Diags);

} // namespace twz

#endif
