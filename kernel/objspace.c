/* Translation level 2: a security context's object space. Each object the
 * context can reach occupies one object-space slot, with the rights the
 * context has to it; an address in object space is (oslot << 30 | offset).
 * A view (level 1) names object-space slots, never objects, so the two
 * levels stay separate structures.
 *
 * Each entry carries the rights the process's security context grants on
 * the object (security.c), computed when a view slot first names it and
 * again when the context changes (objspace_recheck). objspace_translate
 * serves both the software and the nested-paging back end (see below). */
#include "object.h"
#include "npt.h"

#define NOSLOT 1024

struct osentry {
  struct object *obj;
  int rights;
  int refs; /* view entries naming this slot */
};
struct sctx {
  struct osentry slot[NOSLOT]; /* slot 0 unused: 0 means "none" in views */
  void *npt; /* nested-paging back end: one nested table per context (npt.c) */
};
_Static_assert(NOSLOT == NPT_OSLOTS, "npt.c sizes its per-slot state by this");

void **objspace_npt(struct sctx *s) { return &s->npt; }
int objspace_rights(struct sctx *s, uint32_t oslot) {
  return s->slot[oslot].obj ? s->slot[oslot].rights : -1;
}

struct sctx *sctx_create(void) { return kmalloc(sizeof(struct sctx)); }

uint32_t objspace_attach(struct sctx *s, struct object *o, int rights) {
  uint32_t free = 0;
  /* Under nested paging, slot n is guest-physical n << 30, and the first
   * slots are the identity window (npt.h). */
  for (uint32_t i = npt_on ? NPT_FIRST_OSLOT : 1; i < NOSLOT; i++) {
    if (s->slot[i].obj == o) {
      s->slot[i].refs++;
      if (npt_on && s->slot[i].rights != rights)
        npt_drop_oslot(s, i);
      s->slot[i].rights = rights;
      return i;
    }
    if (!free && !s->slot[i].obj)
      free = i;
  }
  if (!free)
    return 0;
  s->slot[free] = (struct osentry){o, rights, 1};
  o->refs++;
  return free;
}

void objspace_detach(struct sctx *s, uint32_t oslot) {
  struct osentry *e = &s->slot[oslot];
  if (--e->refs == 0) {
    if (npt_on)
      npt_drop_oslot(s, oslot);
    object_put(e->obj);
    *e = (struct osentry){0};
  }
}

struct object *objspace_object(struct sctx *s, uint32_t oslot) { return s->slot[oslot].obj; }

/* The context changed: every entry gets the rights of the new one. The
 * caller drops the hardware translations made with the old rights. */
void objspace_recheck(struct sctx *s, struct proc *p) {
  for (uint32_t i = 1; i < NOSLOT; i++)
    if (s->slot[i].obj)
      s->slot[i].rights = page_rights(sec_rights(p, s->slot[i].obj));
}

/* What pages can give of rights (TWZ_PERM_*): x86 pages cannot be
 * write-only, so w maps readable too, as on the host (runtime/src/object.c). */
int page_rights(uint32_t perms) {
  int r = (int)(perms & (RIGHT_R | RIGHT_W | RIGHT_X));
  return r & RIGHT_W ? r | RIGHT_R : r;
}

/* Both back ends translate level 2 here: object-space address (oslot,
 * off) to a physical frame for an access, allocating the object's page on
 * first touch; report the context's rights. The software back end returns
 * the frame and view_fault composes it with the view's entry into one
 * hardware PTE. The nested-paging back end (npt.c) calls it on a nested
 * page fault and writes (oslot << 30 | off) -> pa, with these rights, into
 * the active context's nested table; the guest page table maps each view
 * slot onto its object-space slot once (one 1 GiB entry per slot). */
int objspace_translate(struct sctx *s, uint32_t oslot, uint64_t off, enum access acc,
                       uint64_t *pa, int *rights) {
  struct osentry *e = &s->slot[oslot];
  if (!e->obj)
    return -ENOENT;
  int need = acc == ACC_WRITE ? RIGHT_W : acc == ACC_EXEC ? RIGHT_X : RIGHT_R;
  if (!(e->rights & need))
    return -EACCES;
  *pa = object_page(e->obj, off >> 12);
  *rights = e->rights;
  return *pa ? 0 : -ENOMEM;
}

void sctx_destroy(struct sctx *s) {
  for (uint32_t i = 1; i < NOSLOT; i++)
    if (s->slot[i].obj) {
      object_put(s->slot[i].obj);
      s->slot[i] = (struct osentry){0};
    }
  npt_free(s);
  kfree(s);
}
