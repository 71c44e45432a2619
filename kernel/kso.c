/* Kernel state objects: the view and thread objects of <twz/kso.h>
 * (docs/abi.md "Kernel state objects"). The kernel keeps its per-process
 * and per-thread state that user space may see in ordinary objects, with a
 * valid object header, so a program maps and reads them like any other
 * object; what the kernel keeps privately (view.c's slot cache, objspace.c)
 * is a cache of them. Security contexts are the third kind: user objects in
 * the format of <twz/security.h>, read by security.c. */
#include "object.h"
#include <twz/abi.h>
#include <twz/kso.h>
#include <twz/security.h>

_Static_assert(NSCTX == TWZ_THREAD_SCTX_MAX, "struct proc holds as many contexts as a thread object");
_Static_assert(sizeof(struct twz_view_entry) == 32 && sizeof(struct twz_thread) == 192,
               "KSO layouts are docs/abi.md's");
_Static_assert(TWZ_VIEW_ENTRY_OFFSET(0) == TWZ_DATA_START + __builtin_offsetof(struct twz_view, entries),
               "view entries follow the 64-byte view header");

/* A new object with a header whose root is the first n bytes of a
 * `size`-byte structure at TWZ_DATA_START (the rest reads as zero and
 * costs nothing until written). Its kuid is its own ID: no key object has
 * that ID, so no capability for a KSO verifies, and dflt_prot is 0; the
 * rights on it are kso_rights'. */
struct object *kso_create(enum kso_kind kind, int owner, const void *root, uint64_t n,
                          uint64_t size, int persistent) {
  uint8_t id[16];
  struct object *o;
  /* Volatile unless asked (a resumable process's view): a KSO dies with
   * its process. */
  if (object_create(id, 0, !persistent, &o))
    return 0;
  o->kso = kind;
  o->owner = owner;
  struct twz_obj_header h = {.magic = TWZ_OBJ_MAGIC,
                             .abi_version = TWZ_ABI_VERSION,
                             .fot_count = 1,
                             .alloc_top = TWZ_DATA_START + ((size + 63) & ~63ull),
                             .root = TWZ_PTR_MAKE(0, TWZ_DATA_START)};
  memcpy(h.id, id, 16);
  memcpy(h.kuid, id, 16);
  if (object_write(o, TWZ_META_OFFSET, &h, sizeof h) || object_write(o, TWZ_DATA_START, root, n)) {
    object_delete(id);
    return 0;
  }
  object_persist(o, TWZ_META_OFFSET, sizeof h);
  object_persist(o, TWZ_DATA_START, n);
  return o;
}

/* A process may read and write its own view object (writing it changes
 * nothing until kso_invalidate, and an entry never yields more than the
 * context grants) and read its own thread objects. Nobody else has any
 * right on them, whatever the context: they name a process's objects and
 * contexts. */
uint32_t kso_rights(struct proc *p, struct object *o) {
  if (o->owner != p->pid || o->kso == KSO_RESUME)
    return 0;
  return o->kso == KSO_VIEW ? TWZ_PERM_READ | TWZ_PERM_WRITE : TWZ_PERM_READ;
}

/* What t's thread object says. */
static struct twz_thread thread_state(struct thread *t, int exited) {
  struct proc *p = t->proc;
  struct twz_thread th = {.magic = TWZ_THREAD_MAGIC,
                          .version = TWZ_THREAD_VERSION,
                          .state = exited ? TWZ_THREAD_EXITED : TWZ_THREAD_RUNNING,
                          .exit_status = !exited ? 0 : p->exiting ? p->status : t->exit_status,
                          .tid = (uint32_t)t->tid,
                          .pid = (uint32_t)p->pid,
                          .nsctx = (uint32_t)p->nsctx};
  memcpy(th.view, view_object(p)->id, 16);
  if (p->active >= 0)
    memcpy(th.active, p->sctx_id[p->active], 16);
  memcpy(th.sctx, p->sctx_id, sizeof th.sctx);
  return th;
}

void kso_thread_sync(struct thread *t, int exited) {
  if (!t->kso)
    return;
  struct twz_thread th = thread_state(t, exited);
  object_write(t->kso, TWZ_DATA_START, &th, sizeof th); /* its pages exist since creation */
}

void kso_proc_sync(struct proc *p) {
  for (int i = 0; i < NTHREAD; i++) {
    struct thread *t = &threads[i];
    if (t->proc == p && t->state != T_UNUSED && t->state != T_ZOMBIE)
      kso_thread_sync(t, 0);
  }
}

int kso_thread_create(struct thread *t) {
  struct twz_thread th = thread_state(t, 0);
  t->kso = kso_create(KSO_THREAD, t->proc->pid, &th, sizeof th, sizeof th, 0);
  return t->kso ? 0 : -ENOMEM;
}

/* The thread is gone: its object says so for whoever maps it, and its ID
 * disappears (the pages stay while a view maps them). */
void kso_thread_exit(struct thread *t) {
  if (!t->kso)
    return;
  kso_thread_sync(t, 1);
  object_delete(t->kso->id);
  t->kso = 0;
}
