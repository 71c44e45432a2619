//===- DropPersistent.cpp - casts that drop __persistent ------------------===//
//
// -Wtwz-drop-persistent. The pass translates a pointer stored in object
// memory only when it is loaded or stored through a __persistent lvalue.
// An explicit cast that removes __persistent from the pointee hands out a
// plain view of the same bytes: pointers read or written through it are the
// stored form (FOT index:offset), not addresses. Byte views (void *,
// char *) hold no pointer and stay quiet; so do casts that keep
// __persistent, which other checks own.
//
//===----------------------------------------------------------------------===//
#include "Checks.h"

#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace twz {
namespace {

/// Whether a value of type T is or holds a pointer (through nested records
/// and arrays); Field is the innermost pointer field found, if T is a record.
bool holdsPointer(QualType T, const ASTContext &Ctx, const FieldDecl *&Field, int Depth = 0) {
  T = Ctx.getBaseElementType(T);
  if (T->isPointerType())
    return true;
  const auto *RT = T->getAs<RecordType>();
  const RecordDecl *RD = RT ? RT->getDecl()->getDefinition() : nullptr;
  if (!RD || Depth > 16)
    return false;
  for (const FieldDecl *F : RD->fields())
    if (holdsPointer(F->getType(), Ctx, Field, Depth + 1)) {
      if (!Field)
        Field = F;
      return true;
    }
  return false;
}

/// T as twz code writes it, 'struct node __persistent *__persistent *':
/// Clang would print the address space as __attribute__((address_space(N)))
/// in front.
std::string spell(QualType T, const ASTContext &Ctx) {
  const Type *Ty = T.getTypePtr();
  if (const auto *ET = dyn_cast<ElaboratedType>(Ty))
    Ty = ET->getNamedType().getTypePtr();
  if (isa<TypedefType>(Ty)) { // the name the user wrote
    Qualifiers Q = T.getLocalQualifiers();
    Q.removeAddressSpace();
    std::string S = Q.getAsString();
    S += (S.empty() ? "" : " ") + QualType(T.getTypePtr(), 0).getAsString(Ctx.getPrintingPolicy());
    return inPersistentAS(T) ? S + " __persistent" : S;
  }
  const auto *PT = T->getAs<PointerType>();
  if (PT && !PT->getPointeeType()->isFunctionType() && !PT->getPointeeType()->isArrayType()) {
    std::string S = spell(PT->getPointeeType(), Ctx);
    S += S.back() == '*' ? "*" : " *";
    Qualifiers Q = T.getQualifiers();
    Q.removeAddressSpace();
    S += Q.getAsString();
    if (inPersistentAS(T))
      S += Q.empty() ? "__persistent" : " __persistent";
    return S;
  }
  if (!inPersistentAS(T))
    return T.getAsString(Ctx.getPrintingPolicy());
  return Ctx.removeAddrSpaceQualType(T).getAsString(Ctx.getPrintingPolicy()) + " __persistent";
}

/// T with every data pointer level in it pointing into object memory:
/// `void **` -> `void __persistent *__persistent *`.
QualType persistentLevels(QualType T, ASTContext &Ctx) {
  const auto *PT = T->getAs<PointerType>();
  if (!PT || PT->getPointeeType()->isFunctionType())
    return T;
  QualType P = persistentLevels(PT->getPointeeType(), Ctx);
  if (!inPersistentAS(P)) {
    if (P.hasAddressSpace())
      return T; // some other address space: leave it to the user
    P = Ctx.getAddrSpaceQualType(P, getLangASFromTargetAS(TWZ_PERSISTENT_AS));
  }
  return Ctx.getQualifiedType(Ctx.getPointerType(P), T.getQualifiers());
}

std::string quoted(QualType T, const ASTContext &Ctx) { return "'" + spell(T, Ctx) + "'"; }

/// The __persistent pointer that E is computed from, through parens, casts
/// and pointer arithmetic (container_of), or null.
const Expr *persistentOrigin(const Expr *E) {
  for (int Steps = 0; Steps < 32; ++Steps) {
    E = E->IgnoreParens();
    if (isPersistentPtr(E->getType()))
      return E;
    if (!E->getType()->isPointerType())
      return nullptr; // integers and arrays: not followed
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      E = CE->getSubExpr();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
               BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)) {
      E = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// Insert "__persistent " before the outermost '*' of the written cast type.
std::optional<FixItHint> keepPersistentFixIt(const ExplicitCastExpr *E, const SourceManager &SM) {
  const TypeSourceInfo *TSI = E->getTypeInfoAsWritten();
  if (!TSI)
    return std::nullopt;
  auto PL = TSI->getTypeLoc().getUnqualifiedLoc().getAs<PointerTypeLoc>();
  if (!PL || PL.getStarLoc().isMacroID())
    return std::nullopt;
  SourceLocation Star = PL.getStarLoc();
  char Before = *SM.getCharacterData(Star.getLocWithOffset(-1));
  bool Glued = Before != ' ' && Before != '\t' && Before != '*' && Before != '(';
  return FixItHint::CreateInsertion(Star, Glued ? " __persistent " : "__persistent ");
}

} // namespace

void checkDropPersistent(const ExplicitCastExpr *E, ASTContext &Ctx, TwzDiags &Diags) {
  const auto *To = E->getType()->getAs<PointerType>();
  if (!To)
    return;
  QualType Pointee = To->getPointeeType();
  if (Pointee.hasAddressSpace() && !inPersistentAS(Pointee))
    return; // into some other address space: not ours to judge
  const Expr *Sub = E->getSubExpr();
  bool Direct = isPersistentPtr(Sub->getType());
  const Expr *Origin = Direct ? Sub : persistentOrigin(Sub);
  if (!Origin)
    return;
  QualType From = Origin->getType();
  QualType FromPointee = From->getAs<PointerType>()->getPointeeType();

  // `*(uintptr_t *)&n->parent`: an integer view of a stored pointer, with
  // or without __persistent. Only a direct cast: going through `(void *)`
  // is how code asks for the stored form on purpose.
  if (Direct && Pointee->isIntegerType() && !Pointee->isCharType() &&
      isPersistentPtr(FromPointee)) {
    if (auto B = Diags.warn(Warn::DropPersistent, E->getBeginLoc(),
                            "cast from " + quoted(From, Ctx) + " to " +
                                quoted(E->getType(), Ctx) +
                                " views a __persistent pointer in object memory as an integer: "
                                "its bits are the stored form (FOT index:offset), not an "
                                "address; keep tag bits in a separate field, or use the "
                                "pointer itself"))
      *B << E->getSourceRange();
    return;
  }

  const FieldDecl *Field = nullptr;
  if (inPersistentAS(Pointee) || !holdsPointer(Pointee, Ctx, Field))
    return;
  std::string What = Field ? "memory holding pointer '" + Field->getNameAsString() + "'"
                           : std::string("a pointer in object memory");
  std::string Why = Field ? ": pointers in object memory are stored as FOT index:offset, and "
                            "through the result they are read and written in that form, not "
                            "as addresses; "
                          : ": it is stored as FOT index:offset, and through the result it is "
                            "read and written in that form, not as an address; ";
  if (!Direct) {
    if (auto B = Diags.warn(Warn::DropPersistent, E->getBeginLoc(),
                            "cast to " + quoted(E->getType(), Ctx) +
                                " of a pointer computed from a " + quoted(From, Ctx) +
                                " drops __persistent from " + What + Why +
                                "keep every cast __persistent (for container_of, use "
                                "twz_container_of)"))
      *B << E->getSourceRange();
    return;
  }
  // What to write: the pointee back in object memory and, if it is itself a
  // pointer, pointing there too. One insertion fixes it when the inner
  // levels are already right.
  QualType Inner = persistentLevels(Pointee, Ctx);
  QualType Kept = Ctx.getPointerType(
      Ctx.getAddrSpaceQualType(Inner, getLangASFromTargetAS(TWZ_PERSISTENT_AS)));
  if (auto B = Diags.warn(Warn::DropPersistent, E->getBeginLoc(),
                          "cast from " + quoted(From, Ctx) + " to " + quoted(E->getType(), Ctx) +
                              " drops __persistent from " + What + Why +
                              (Field ? "cast to " + quoted(Kept, Ctx) + " instead"
                                     : "write " + quoted(Kept, Ctx) +
                                           " instead (also for a parameter it is passed to)"))) {
    *B << E->getSourceRange();
    if (Ctx.hasSameType(Inner, Pointee))
      if (auto Fix = keepPersistentFixIt(E, Ctx.getSourceManager()))
        *B << *Fix;
  }
}

} // namespace twz
