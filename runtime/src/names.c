/*
 * The store's namespace: name -> object ID, kept in an object with a fixed
 * ID (format in <twz/abi.h>). Updates are transactions on that object, so a
 * crash never leaves a half-written binding; every change bumps `epoch`.
 */
#include <stdatomic.h>
#include <string.h>

#include "error.h"
#include "lock.h"
#include "log.h"
#include "names.h"
#include "object.h"
#include "store.h"

const twz_id twz_namespace_id = {{[15] = TWZ_NAMESPACE_ID_LAST_BYTE}};

static struct twz_object *ns_obj;

/* The namespace object, created on first use (racing creators agree: the
 * object file is published with link(), which never replaces). */
static struct twz_namespace *ns(struct twz_object **objp) {
  struct twz_object *obj = ns_obj;
  if (!obj) {
    obj = twz_object_open_id(&twz_namespace_id);
    if (!obj)
      obj = twz_object_create_with_id(&twz_namespace_id, 0, NULL, 0);
    if (!obj)
      return NULL;
    ns_obj = obj;
  }
  *objp = obj;
  if (!obj->hdr->root) {
    twz_lock(obj);
    if (!obj->hdr->root) {
      void __persistent *p = twz_object_alloc(obj, sizeof(struct twz_namespace), 8);
      if (!p) {
        twz_unlock(obj);
        return NULL;
      }
      twz_object_set_root(obj, p);
    }
    twz_unlock(obj);
  }
  return (struct twz_namespace *)(uintptr_t)twz_object_root(obj);
}

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (uint8_t)*s) * 16777619u;
  return h;
}

/* The entry holding `name`, or (if `insert`) the first free one on its
 * probe path; NULL if absent (or the table is full). Caller holds the lock. */
static struct twz_name_entry *find(struct twz_namespace *n, const char *name, bool insert) {
  struct twz_name_entry *slot = NULL;
  size_t len = strlen(name);
  for (uint32_t i = 0, h = hash(name); i < TWZ_NAMES_CAP; i++) {
    struct twz_name_entry *e = &n->entries[(h + i) % TWZ_NAMES_CAP];
    if (e->state == TWZ_NAME_EMPTY)
      return insert ? (slot ? slot : e) : NULL;
    if (e->state == TWZ_NAME_DELETED) {
      if (!slot)
        slot = e;
      continue;
    }
    if (e->len == len && memcmp(e->name, name, len) == 0)
      return e;
  }
  return insert ? slot : NULL;
}

static int change(const char *name, const twz_id *id) {
  struct twz_object *obj;
  struct twz_namespace *n;
  if (twz_name_check(name) < 0 || !(n = ns(&obj)))
    return -1;
  if (twz_tx_begin(obj) < 0)
    return -1;
  struct twz_name_entry *e = find(n, name, id != NULL);
  int rc = -1;
  if (!e) {
    if (id)
      twz_set_error("cannot bind name '%s': the namespace is full (%u names)", name, TWZ_NAMES_CAP);
    else
      twz_set_error("name '%s' is not bound in store %s", name, twz_store_path());
    goto out;
  }
  if (twz_rec(obj, e, sizeof *e) < 0 || twz_rec(obj, n, 16) < 0)
    goto out;
  if (id) {
    if (e->state != TWZ_NAME_USED)
      n->count++;
    memcpy(e->id, id->b, sizeof e->id);
    e->len = (uint32_t)strlen(name);
    memcpy(e->name, name, e->len + 1);
    e->state = TWZ_NAME_USED;
  } else {
    e->state = TWZ_NAME_DELETED;
    n->count--;
  }
  atomic_fetch_add((_Atomic uint64_t *)&n->epoch, 1);
  rc = 0;
out:
  if (rc == 0)
    twz_tx_commit(obj);
  else
    twz_tx_abort(obj);
  return rc;
}

int twz_name_bind(const char *name, const twz_id *id) { return change(name, id); }

int twz_name_unbind(const char *name) { return change(name, NULL); }

int twz_name_resolve(const char *name, twz_id *id) {
  struct twz_object *obj;
  struct twz_namespace *n;
  if (twz_name_check(name) < 0 || !(n = ns(&obj)))
    return -1;
  twz_lock(obj);
  struct twz_name_entry *e = find(n, name, false);
  if (e)
    memcpy(id->b, e->id, sizeof id->b);
  twz_unlock(obj);
  if (!e)
    return twz_set_error("name '%s' is not bound in store %s", name, twz_store_path());
  return 0;
}

int twz_name_list(void (*fn)(const char *name, const twz_id *id, void *arg), void *arg) {
  struct twz_object *obj;
  struct twz_namespace *n;
  if (!(n = ns(&obj)))
    return -1;
  twz_lock(obj);
  int count = 0;
  for (uint32_t i = 0; i < TWZ_NAMES_CAP; i++) {
    struct twz_name_entry *e = &n->entries[i];
    if (e->state == TWZ_NAME_USED) {
      twz_id id;
      memcpy(id.b, e->id, sizeof id.b);
      fn(e->name, &id, arg);
      count++;
    }
  }
  twz_unlock(obj);
  return count;
}

uint64_t twz_namespace_epoch(void) {
  struct twz_object *obj;
  struct twz_namespace *n = ns(&obj);
  return n ? atomic_load((_Atomic uint64_t *)&n->epoch) : 0;
}
