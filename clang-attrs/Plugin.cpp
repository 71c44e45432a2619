//===- Plugin.cpp - registration of the twz Clang plugin ------------------===//
//
// Runs before code generation on every translation unit twz-clang compiles
// (-fplugin=TwzAttrs.so); arguments arrive as -fplugin-arg-twz-<flag>.
//
//===----------------------------------------------------------------------===//
#include "TwzAttrs.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include <optional>

using namespace clang;

namespace {

class TwzConsumer : public ASTConsumer {
  CompilerInstance &CI;
  std::vector<std::string> Args;
  std::optional<twz::TwzDiags> Diags;
  std::optional<twz::CopyLayoutRewriter> Copies;

public:
  TwzConsumer(CompilerInstance &CI, std::vector<std::string> Args)
      : CI(CI), Args(std::move(Args)) {}

  void Initialize(ASTContext &Ctx) override {
    Diags.emplace(Ctx.getDiagnostics(), CI.getDiagnosticOpts(), Args);
    Copies.emplace(Ctx, *Diags);
  }

  // Runs before the code generator's consumer sees the same declarations.
  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG)
      Copies->rewrite(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    twz::checkTranslationUnit(Ctx, *Diags);
  }
};

class TwzAction : public PluginASTAction {
  std::vector<std::string> Args;

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<TwzConsumer>(CI, Args);
  }
  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &A) override {
    Args = A;
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace

static FrontendPluginRegistry::Add<TwzAction> X("twz", "twz __persistent checks");
