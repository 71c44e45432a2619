//===- MisplacedPersistent.cpp - __persistent right after a '}' -----------===//
//
// -Wtwz-misplaced-persistent. In `struct hold { int x; } __persistent *h;`
// Clang parses the attributes right after the closing brace as attributes
// of the struct declaration, where a type attribute like address_space is
// dropped without a word: h is a plain `struct hold *`. The attribute
// leaves no trace in the AST, so this reads the tokens after the brace.
// `__persistent struct hold { ... } *h` and
// `struct hold { ... } const __persistent *h` are fine: only the attributes
// that follow the brace directly are lost.
//
//===----------------------------------------------------------------------===//
#include "Checks.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <string>

using namespace clang;

namespace twz {
namespace {

struct Misplaced {
  SourceLocation Begin, End;  // the attribute as written, End past its last token
  std::string Name;           // how to call it in the message
  bool Alone = false;         // nothing else in its __attribute__ group: movable
};

class TokenReader {
  const SourceManager &SM;
  const LangOptions &LO;

public:
  TokenReader(const SourceManager &SM, const LangOptions &LO) : SM(SM), LO(LO) {}
  /// The token after the one that starts at Loc.
  std::optional<Token> after(SourceLocation Loc) { return Lexer::findNextToken(Loc, SM, LO); }
  /// The token that starts at Loc.
  std::optional<Token> at(SourceLocation Loc) {
    Token T;
    if (Lexer::getRawToken(Loc, T, SM, LO, /*IgnoreWhiteSpace=*/false))
      return std::nullopt;
    return T;
  }
  std::string text(const Token &T) { return Lexer::getSpelling(T, SM, LO); }
  SourceLocation endOf(SourceLocation Loc) { return Lexer::getLocForEndOfToken(Loc, 0, SM, LO); }
};

/// `__attribute__((...))` starting at token T: whether it holds
/// address_space(<the persistent one>), whether nothing else, and where the
/// group ends.
bool scanAttributeGroup(TokenReader &R, const Token &T, SourceLocation &End, bool &Persistent,
                        bool &Alone) {
  std::optional<Token> Tok = R.after(T.getLocation());
  if (!Tok || !Tok->is(tok::l_paren))
    return false;
  const std::string AS = std::to_string(TWZ_PERSISTENT_AS);
  int Depth = 1, Attrs = 1;
  std::string Last[3]; // to see `address_space ( N` when its ')' comes
  for (int Steps = 0; Steps < 256 && Depth > 0; ++Steps) {
    Tok = R.after(Tok->getLocation());
    if (!Tok || Tok->is(tok::eof))
      return false;
    if (Tok->is(tok::l_paren))
      ++Depth;
    else if (Tok->is(tok::r_paren))
      --Depth;
    else if (Tok->is(tok::comma) && Depth == 2)
      ++Attrs;
    if (Tok->is(tok::r_paren) && Depth == 2 &&
        (Last[0] == "address_space" || Last[0] == "__address_space__") && Last[1] == "(" &&
        (Last[2] == AS || Last[2] == "TWZ_PERSISTENT_AS"))
      Persistent = true;
    Last[0] = Last[1], Last[1] = Last[2], Last[2] = R.text(*Tok);
    End = Tok->getEndLoc();
  }
  Alone = Attrs == 1;
  return Depth == 0;
}

/// The first __persistent among the attributes that directly follow the
/// closing brace at Close.
std::optional<Misplaced> findMisplaced(SourceLocation Close, TokenReader &R,
                                       SourceLocation &PrevEnd) {
  PrevEnd = R.endOf(Close);
  std::optional<Token> T = R.after(Close);
  for (int Groups = 0; Groups < 16 && T && T->is(tok::raw_identifier); ++Groups) {
    llvm::StringRef Name = T->getRawIdentifier();
    if (Name == "__persistent")
      return Misplaced{T->getLocation(), T->getEndLoc(), "__persistent", true};
    if (Name != "__attribute__" && Name != "__attribute")
      return std::nullopt;
    SourceLocation End;
    bool Persistent = false, Alone = false;
    if (!scanAttributeGroup(R, *T, End, Persistent, Alone))
      return std::nullopt;
    if (Persistent)
      return Misplaced{T->getLocation(), End, "address_space(" +
                                                  std::to_string(TWZ_PERSISTENT_AS) + ")",
                       Alone};
    PrevEnd = End;
    T = R.after(End.getLocWithOffset(-1));
  }
  return std::nullopt;
}

/// The first variable, field or typedef declared with the definition D in
/// its type specifier (`struct s { ... } *x;`), and its type; or null.
const NamedDecl *declaredWith(const TagDecl *D, const SourceManager &SM, QualType &Type) {
  const Decl *Next = D->getNextDeclInContext();
  if (!Next || !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(D->getBraceRange().getEnd()),
                                             SM.getExpansionLoc(Next->getLocation())) ||
      SM.isBeforeInTranslationUnit(SM.getExpansionLoc(D->getBeginLoc()),
                                   SM.getExpansionLoc(Next->getBeginLoc())))
    return nullptr;
  if (const auto *TD = dyn_cast<TypedefNameDecl>(Next)) {
    Type = TD->getUnderlyingType();
    return TD;
  }
  if (const auto *VD = dyn_cast<DeclaratorDecl>(Next)) {
    Type = VD->getType();
    return VD;
  }
  return nullptr;
}

} // namespace

void checkMisplacedPersistent(const TagDecl *D, ASTContext &Ctx, TwzDiags &Diags) {
  if (!D->isThisDeclarationADefinition())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Close = D->getBraceRange().getEnd();
  if (Close.isInvalid() || Close.isMacroID() || SM.isInSystemHeader(Close))
    return;
  TokenReader R(SM, Ctx.getLangOpts());
  SourceLocation PrevEnd;
  std::optional<Misplaced> M = findMisplaced(Close, R, PrevEnd);
  if (!M)
    return;

  QualType Type;
  const NamedDecl *Named = declaredWith(D, SM, Type);
  bool Pointer = Named && Ctx.getBaseElementType(Type)->isPointerType();
  std::string Kind = D->getKindName().str();
  std::string Tag = D->getName().empty() ? "an unnamed " + Kind : "'" + Kind + " " +
                                                                      D->getName().str() + "'";
  std::string Text = "'" + M->Name + "' right after the closing brace of " + Tag +
                     " is ignored";
  if (Pointer) {
    Text += ", so '" + Named->getNameAsString() +
            (isa<TypedefNameDecl>(Named) ? "' is a plain pointer type"
                                         : "' is a plain pointer to ordinary memory") +
            "; to point into object memory, put "
            "'__persistent' before '" + Kind + "'";
    if (!D->getName().empty())
      Text += " (or write '" + Kind + " " + D->getName().str() +
              " __persistent *' after the definition)";
  } else {
    Text += ": it qualifies no type; __persistent qualifies the pointee of a pointer, as in '" +
            (D->getName().empty() ? "__persistent " + Kind + " { ... } *p"
                                  : Kind + " " + D->getName().str() + " __persistent *p") +
            "'";
  }
  auto B = Diags.warn(Warn::MisplacedPersistent, M->Begin, Text);
  if (!B)
    return;
  *B << CharSourceRange::getCharRange(M->Begin, M->End);
  // Move it in front of the struct keyword, where it qualifies the type.
  SourceLocation KindLoc = D->getBeginLoc();
  if (!Pointer || !M->Alone || KindLoc.isMacroID())
    return;
  std::optional<Token> KindTok = R.at(KindLoc);
  if (!KindTok || !KindTok->is(tok::raw_identifier) || KindTok->getRawIdentifier() != Kind)
    return;
  std::string Moved(SM.getCharacterData(M->Begin),
                    SM.getCharacterData(M->End) - SM.getCharacterData(M->Begin));
  *B << FixItHint::CreateInsertion(KindLoc, Moved + " ")
     << FixItHint::CreateRemoval(CharSourceRange::getCharRange(PrevEnd, M->End));
}

} // namespace twz
