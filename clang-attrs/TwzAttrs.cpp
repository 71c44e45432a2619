//===- TwzAttrs.cpp - Clang plugin: source-level checks for __persistent --===//
//
// Runs before code generation on every translation unit compiled by
// twz-clang. It reports misuse of `__persistent` that is certain to go wrong
// at the source location where it happens, before the pass ever sees IR.
//
//===----------------------------------------------------------------------===//
#include "twz/abi.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/AddressSpaces.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace {

class PersistentChecker : public RecursiveASTVisitor<PersistentChecker> {
  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  unsigned PersistentVarID;

public:
  explicit PersistentChecker(ASTContext &Ctx)
      : Ctx(Ctx), Diags(Ctx.getDiagnostics()),
        PersistentVarID(Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "variable %0 is declared __persistent, but __persistent memory exists only inside "
            "objects; declare a pointer to it instead ('T __persistent *')")) {}

  bool VisitVarDecl(VarDecl *D) {
    QualType Base = Ctx.getBaseElementType(D->getType());
    if (Base.getAddressSpace() == getLangASFromTargetAS(TWZ_PERSISTENT_AS) &&
        D->hasGlobalStorage())
      Diags.Report(D->getLocation(), PersistentVarID) << D;
    return true;
  }
};

class TwzConsumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    PersistentChecker(Ctx).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

class TwzAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<TwzConsumer>();
  }
  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace

static FrontendPluginRegistry::Add<TwzAction> X("twz-attrs", "twz __persistent checks");
