//===- TwzDiagnostics.cpp - twz diagnostics and their -W groups -----------===//
#include "TwzDiagnostics.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace twz {

static const char *const GroupNames[] = {"twz-plain-pointer-field", "twz-int-store",
                                         "twz-struct-copy", "twz-drop-persistent",
                                         "twz-misplaced-persistent"};
static_assert(std::size(GroupNames) == unsigned(Warn::Count), "one name per warning");

llvm::StringRef warnGroupName(Warn W) { return GroupNames[unsigned(W)]; }

TwzDiags::TwzDiags(DiagnosticsEngine &D, const DiagnosticOptions &Opts,
                   const std::vector<std::string> &PluginArgs)
    : D(D) {
  bool WError = false, UnknownOn = true, UnknownError = false, UnknownNoError = false;
  for (const std::string &W : Opts.Warnings) {
    if (W == "error")
      WError = true;
    else if (W == "no-error")
      WError = false;
    else if (W == "unknown-warning-option" || W == "no-unknown-warning-option")
      UnknownOn = W[0] == 'u';
    else if (W == "error=unknown-warning-option")
      UnknownError = UnknownOn = true;
    else if (W == "no-error=unknown-warning-option")
      UnknownNoError = true;
  }
  for (unsigned I = 0; I < unsigned(Warn::Count); ++I) {
    Enabled[I] = !Opts.IgnoreWarnings;
    AsError[I] = WError;
  }
  // Our unknown -Wtwz-* flags behave like Clang's unknown -W flags.
  bool UnknownAsError = UnknownError || (WError && !UnknownNoError);
  unsigned Unknown =
      id(UnknownAsError ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning,
         UnknownAsError ? "unknown warning option '%0' [-Werror,-Wunknown-warning-option]"
                        : "unknown warning option '%0' [-Wunknown-warning-option]");
  for (const std::string &Arg : PluginArgs)
    if (!apply(Arg) && UnknownOn && !Opts.IgnoreWarnings)
      D.Report(Unknown) << Arg;
  if (Opts.IgnoreWarnings)
    for (bool &E : Enabled)
      E = false;
}

bool TwzDiags::apply(llvm::StringRef Flag) {
  if (!Flag.consume_front("-W"))
    return false;
  bool On = !Flag.consume_front("no-");
  bool ErrorFlag = Flag.consume_front("error=");
  if (Flag != "twz" && !Flag.starts_with("twz-"))
    return false;
  bool Matched = false;
  for (unsigned I = 0; I < unsigned(Warn::Count); ++I) {
    if (Flag != "twz" && Flag != GroupNames[I])
      continue;
    Matched = true;
    if (ErrorFlag) {
      AsError[I] = On;
      if (On)
        Enabled[I] = true; // -Werror=X also enables X, as in Clang
    } else {
      Enabled[I] = On;
    }
  }
  return Matched;
}

unsigned TwzDiags::id(DiagnosticsEngine::Level L, const std::string &Text) {
  return D.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Level(L), Text);
}

std::optional<DiagnosticBuilder> TwzDiags::warn(Warn W, SourceLocation Loc, llvm::StringRef Text) {
  unsigned I = unsigned(W);
  if (!Enabled[I] || D.getSourceManager().isInSystemHeader(Loc))
    return std::nullopt;
  std::string Full = Text.str();
  Full += AsError[I] ? " [-Werror,-W" : " [-W";
  Full += GroupNames[I];
  Full += "]";
  return D.Report(Loc, id(AsError[I] ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning,
                          Full));
}

DiagnosticBuilder TwzDiags::error(SourceLocation Loc, llvm::StringRef Text) {
  return D.Report(Loc, id(DiagnosticsEngine::Error, Text.str()));
}

DiagnosticBuilder TwzDiags::note(SourceLocation Loc, llvm::StringRef Text) {
  return D.Report(Loc, id(DiagnosticsEngine::Note, Text.str()));
}

} // namespace twz
