/* Resume (docs/kernel.md "Resume"): a program on persistent memory marks
 * itself resumable; if the power goes while it runs, the next boot starts
 * it again, before the boot modules, with its previous view: every slot
 * shows the object it showed, at the same address. It restarts at its
 * `_resume` entry: libtwz sees TWZ_RESUME=<arg> in the environment, adopts
 * the view's slots and calls the program's `_resume(arg)` instead of main.
 *
 * The state that makes this work is in persistent objects: the process's
 * view object becomes persistent when it marks itself (the kernel copies
 * it), and a resume record (a kernel object under a reserved ID) holds the
 * program image, its command line, the argument, the view object's ID and
 * the active security context. A process that ends (exit, fault) deletes
 * its record, so only a power cut leaves one behind. */
#include "object.h"
#include <twz/abi.h>
#include <twz/kso.h>

#define RESUME_MAX 4
#define RESUME_MAGIC 0x454d55535a5754ull /* "TWZSUME" */
#define IMAGE_OFF (TWZ_DATA_START + PAGE) /* the image follows the record's page */

struct resume_rec {
  uint64_t magic, version, image_size, arg;
  uint8_t view[16], sctx[16]; /* sctx: the active context, 0 if none */
  char cmd[512];
};

/* The reserved IDs: "twzresume" then the record number. obj_create with a
 * fixed ID refuses them (syscall.c), so no program can forge a record. */
void resume_id(int k, uint8_t id[16]) {
  memset(id, 0, 16);
  memcpy(id, "twzresume", 9);
  id[15] = (uint8_t)(k + 1);
}

int resume_reserved(const uint8_t id[16]) {
  uint8_t r[16];
  resume_id(0, r);
  return !memcmp(id, r, 15) && id[15] >= 1 && id[15] <= RESUME_MAX;
}

static struct object *record(int k) {
  uint8_t id[16];
  resume_id(k, id);
  return object_lookup(id);
}

/* The resume_mark system call. */
int64_t sys_resume_mark(struct proc *p, uint64_t arg) {
  if (!pmem_on)
    return -ENODEV;
  if (!p->image)
    return -EINVAL;
  if (p->resume >= 0) { /* marked already: a new argument */
    struct object *r = record(p->resume);
    struct resume_rec rec;
    object_read(r, TWZ_DATA_START, &rec, sizeof rec);
    rec.arg = arg;
    object_write(r, TWZ_DATA_START, &rec, sizeof rec);
    object_persist(r, TWZ_DATA_START, sizeof rec);
    return 0;
  }
  int k;
  for (k = 0; k < RESUME_MAX && record(k); k++)
    ;
  if (k == RESUME_MAX)
    return -ENOSPC;
  /* A persistent copy of the view object (only the pages it has). */
  struct object *old = view_object(p), *nv;
  uint64_t head[8] = {TWZ_VIEW_MAGIC, TWZ_VIEW_VERSION};
  if (!(nv = kso_create(KSO_VIEW, p->pid, head, sizeof head, sizeof(struct twz_view), 1)))
    return -ENOMEM;
  uint64_t first = TWZ_VIEW_ENTRY_OFFSET(TWZ_SLOT_USER_FIRST) / PAGE,
           last = TWZ_VIEW_ENTRY_OFFSET(TWZ_SLOT_USER_LIMIT) / PAGE;
  static uint8_t buf[PAGE];
  for (uint64_t pg = first; pg <= last; pg++) {
    if (!object_page_peek(old, pg))
      continue;
    uint64_t from = pg * PAGE < TWZ_VIEW_ENTRY_OFFSET(0) ? TWZ_VIEW_ENTRY_OFFSET(0) : pg * PAGE;
    object_read(old, from, buf, (pg + 1) * PAGE - from);
    if (object_write(nv, from, buf, (pg + 1) * PAGE - from))
      return -ENOMEM;
    object_persist(nv, from, (pg + 1) * PAGE - from);
  }
  /* The record: image and fields first, durable; the magic last. */
  uint8_t id[16];
  struct object *r;
  resume_id(k, id);
  if (object_create(id, 1, 0, &r))
    return -ENOMEM;
  r->kso = KSO_RESUME, r->owner = -1; /* no process has any right on it */
  struct resume_rec rec = {.version = 1, .image_size = p->image_size, .arg = arg};
  memcpy(rec.view, nv->id, 16);
  if (p->active >= 0)
    memcpy(rec.sctx, p->sctx_id[p->active], 16);
  memcpy(rec.cmd, p->cmd, sizeof rec.cmd);
  if (object_write(r, IMAGE_OFF, p->image, p->image_size) ||
      object_write(r, TWZ_DATA_START, &rec, sizeof rec)) {
    object_delete(id);
    return -ENOMEM;
  }
  object_persist(r, IMAGE_OFF, p->image_size);
  object_persist(r, TWZ_DATA_START, sizeof rec);
  rec.magic = RESUME_MAGIC;
  object_write(r, TWZ_DATA_START, &rec.magic, 8);
  object_persist(r, TWZ_DATA_START, 8);
  view_adopt(p, nv);
  p->resume = k;
  return 0;
}

/* The process ended: it is not to be resumed (its view object goes with
 * view_destroy). */
void resume_exit(struct proc *p) {
  if (p->resume < 0)
    return;
  uint8_t id[16];
  resume_id(p->resume, id);
  object_delete(id);
  p->resume = -1;
}

struct resuming {
  int k;
  struct object *view;
  const uint8_t *sctx;
};

static void ready(struct proc *p, void *arg) {
  struct resuming *r = arg;
  view_adopt(p, r->view);
  p->resume = r->k;
  if (r->sctx && sec_attach(p, r->sctx))
    kprintf("twz-kernel: resume: its security context is gone or refuses it; it runs without\n");
}

/* At boot, before the modules: every record left by a power cut. The
 * first nonzero status is the boot's. */
int resume_all(void) {
  int status = 0;
  for (int k = 0; k < RESUME_MAX; k++) {
    struct object *r = record(k);
    if (!r)
      continue;
    r->kso = KSO_RESUME, r->owner = -1;
    struct resume_rec rec;
    object_read(r, TWZ_DATA_START, &rec, sizeof rec);
    rec.cmd[sizeof rec.cmd - 1] = 0;
    struct object *view = object_lookup(rec.view);
    static const uint8_t none[16];
    uint64_t pages = (rec.image_size + PAGE - 1) / PAGE, pa;
    if (rec.magic != RESUME_MAGIC || rec.version != 1 || !view || !rec.image_size ||
        rec.image_size > (64ull << 20) || !(pa = pmm_alloc_n(pages))) {
      kprintf("twz-kernel: resume record %d is incomplete or damaged; dropped\n", k);
      if (view)
        object_delete(view->id);
      object_delete(r->id);
      continue;
    }
    object_read(r, IMAGE_OFF, P2V(pa), rec.image_size);
    char env[40];
    char *extra[1] = {env};
    ksnprintf(env, sizeof env, "TWZ_RESUME=%lu", rec.arg);
    kprintf("twz-kernel: resuming '%s' (the power went while it ran)\n", rec.cmd);
    struct resuming how = {k, view, memcmp(rec.sctx, none, 16) ? rec.sctx : 0};
    int st = run_image(P2V(pa), rec.image_size, rec.cmd, extra, 1, ready, &how);
    pmm_free_n(pa, pages);
    if (!status)
      status = st;
  }
  return status;
}
