//===- TwzDiagnostics.h - twz diagnostics and their -W groups ---*- C++ -*-===//
//
// Clang gives plugins custom diagnostics but no warning groups, and custom
// warnings ignore -Werror. This keeps our own groups under -Wtwz with
// Clang's semantics: on by default, -Wno-twz[-X], -Werror[=twz[-X]],
// -Wno-error[=twz[-X]], -w. twz-clang hands the twz-specific flags to the
// plugin as -fplugin-arg-twz-<flag> (so Clang never sees an unknown -W flag);
// the global -Werror / -Wno-error / -w come from Clang's own options.
//
//===----------------------------------------------------------------------===//
#ifndef TWZ_DIAGNOSTICS_H
#define TWZ_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace twz {

enum class Warn : unsigned {
  PlainPointerField, // a plain pointer in a record that lives in objects
  IntStore,          // a pointer cast to an integer and stored into an object
  StructCopy,        // a struct copy that moves stored pointers verbatim
  DropPersistent,    // a cast that drops __persistent from memory holding pointers
  MisplacedPersistent, // __persistent after a struct's '}', which Clang ignores
  Count
};

/// "twz-plain-pointer-field", ...
llvm::StringRef warnGroupName(Warn W);

class TwzDiags {
public:
  TwzDiags(clang::DiagnosticsEngine &D, const clang::DiagnosticOptions &Opts,
           const std::vector<std::string> &PluginArgs);

  /// Report warning W: `Text` is the message without the "[-W...]" suffix.
  /// Returns a builder to stream arguments and fix-its into, or nothing
  /// (and reports nothing) when the group is disabled.
  std::optional<clang::DiagnosticBuilder> warn(Warn W, clang::SourceLocation Loc,
                                               llvm::StringRef Text);
  clang::DiagnosticBuilder error(clang::SourceLocation Loc, llvm::StringRef Text);
  clang::DiagnosticBuilder note(clang::SourceLocation Loc, llvm::StringRef Text);

  clang::DiagnosticsEngine &engine() { return D; }

private:
  unsigned id(clang::DiagnosticsEngine::Level L, const std::string &Text);
  bool apply(llvm::StringRef Flag); // one -W flag; false if not ours

  clang::DiagnosticsEngine &D;
  bool Enabled[unsigned(Warn::Count)];
  bool AsError[unsigned(Warn::Count)];
};

} // namespace twz

#endif
