//===- Plugin.cpp - twz pass plugin registration --------------------------===//
//
// Lowering runs at the start of every pipeline (all -O levels, including
// -O0) so LLVM's own optimizers clean up and hoist the inserted code; the
// verifier runs at the very end so nothing added in between escapes it,
// after a late lowering of what the optimizers rebuilt on persistent
// addresses.
// `opt -passes=twz-lower` / `twz-verify` name them individually.
//
//===----------------------------------------------------------------------===//
#include "TwzPasses.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "TwzPass", "1", [](PassBuilder &PB) {
            PB.registerPipelineStartEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
              MPM.addPass(twz::PersistentLoweringPass());
            });
            PB.registerScalarOptimizerLateEPCallback([](FunctionPassManager &FPM, OptimizationLevel) {
              FPM.addPass(twz::PersistentExpandPass());
            });
            PB.registerOptimizerLastEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
              MPM.addPass(createModuleToFunctionPassAdaptor(twz::PersistentLateLoweringPass()));
              MPM.addPass(createModuleToFunctionPassAdaptor(twz::PersistentExpandPass()));
              MPM.addPass(twz::PersistentVerifierPass());
            });
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "twz-lower") {
                    MPM.addPass(twz::PersistentLoweringPass());
                    return true;
                  }
                  if (Name == "twz-lower-late") {
                    MPM.addPass(
                        createModuleToFunctionPassAdaptor(twz::PersistentLateLoweringPass()));
                    return true;
                  }
                  if (Name == "twz-expand") {
                    MPM.addPass(createModuleToFunctionPassAdaptor(twz::PersistentExpandPass()));
                    return true;
                  }
                  if (Name == "twz-verify") {
                    MPM.addPass(twz::PersistentVerifierPass());
                    return true;
                  }
                  return false;
                });
          }};
}
