// The forms that keep __persistent through casts, across objects:
// twz_container_of(ptr, type, member) from <twz/twz.h> (an intrusive list
// whose links sit in the middle of items spread over A, B and C), and
// BSD-style helpers taking a pointer to a stored pointer,
// `struct node __persistent * __persistent *pp`, called with &obj->head and
// walking &(*pp)->next through nodes in other objects (sorted insert,
// unlink, append at the tail).
// <twz/twz.h> itself must define twz_container_of, and the compiler must
// point the classic container_of (through `char *`, dropping __persistent)
// to it, and diagnose a stored pointer's address cast to a plain `T **`:
// RUN: %shapes-cc -fsyntax-only -DREQUIRE_HEADER_CONTAINER_OF %s
// RUN: not %shapes-cc -fsyntax-only -Werror -DDROPPING_CASTS %s 2>&1 | FileCheck %s --check-prefix=DROP
// RUN: rm -rf %t.s0 && %shapes-cc -O0 %s -o %t.O0 && %three-processes %t.s0 %t.O0 > %t.out0
// RUN: FileCheck %s < %t.out0
// RUN: rm -rf %t.s2 && %shapes-cc -O2 %s -o %t.O2 && %three-processes %t.s2 %t.O2 > %t.out2
// RUN: FileCheck %s < %t.out2
//
// CHECK:      process 1: mapped elsewhere than before: yes
// CHECK-NEXT: items by link: 6/A 5/C 4/B 3/A 2/C 1/B 0/A
// CHECK-NEXT: sorted: 1/B 2/C 3/A 4/B 5/C 6/A 7/B
// CHECK-NEXT: sorted after unlinking 1, 4, 7, 8: 2/C 3/A 5/C 6/A
// CHECK-NEXT: appended: 10/C 11/A 12/B
// CHECK-NEXT: process 2: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: items by link: 6/A 5/C 4/B 3/A 2/C 1/B 0/A
// CHECK-NEXT: sorted: 2/C 3/A 5/C 6/A
// CHECK-NEXT: appended: 10/C 11/A 12/B
// CHECK-NEXT: process 3: mapped elsewhere than before: yes
// CHECK-NEXT: targets 100 200 300
// CHECK-NEXT: items by link: 6/A 5/C 4/B 3/A 2/C 1/B 0/A
// CHECK-NEXT: sorted: 2/C 3/A 5/C 6/A
// CHECK-NEXT: appended: 10/C 11/A 12/B
// CHECK-NOT: {{.}}
#include <stddef.h>

#include "shapes.h"

#if defined(REQUIRE_HEADER_CONTAINER_OF) && !defined(twz_container_of)
#error "<twz/twz.h> does not define twz_container_of"
#endif
#ifndef twz_container_of
#define twz_container_of(ptr, type, member)                                              \
  ((type __persistent *)((char __persistent *)(ptr) - offsetof(type, member)))
#endif

/* An intrusive link, in the middle of its item. */
struct link {
  struct link __persistent *next;
};

struct item {
  long key;
  char pad[13];
  struct link link;
  int home; /* which object: 0 A, 1 B, 2 C */
};

struct node {
  long key;
  struct node __persistent *next;
  int home;
};

struct root {
  struct world w;
  struct link items;                /* list head: the links of items */
  struct node __persistent *sorted; /* kept sorted by insert() */
  struct node __persistent *queue;  /* appended at the tail */
};

static const char homes[] = "ABC";

#ifdef DROPPING_CASTS
/* What the fixed forms replace (not compiled but for the DROP run). The
 * plain-C idiom: the cast through `char *` drops __persistent; a diagnostic
 * at the cast names the fix. */
// DROP: container-of.c:[[@LINE+2]]:{{[0-9]+}}: {{.*}}twz_container_of
struct item *classic_container_of(struct link __persistent *l) {
  return (struct item *)((char *)l - offsetof(struct item, link));
}
/* A helper on plain pointers-to-pointers, called with a stored pointer's
 * address cast to one: diagnosed at the cast. */
void classic_push(struct node **head);
void call_classic_push(struct root __persistent *r) {
  // DROP: container-of.c:[[@LINE+1]]:{{[0-9]+}}: {{warning|error}}:
  classic_push((struct node **)&r->sorted);
}
#endif

/* Insert n before the first node with a larger key. */
static void insert(struct node __persistent *__persistent *head, struct node __persistent *n) {
  struct node __persistent *__persistent *pp = head;
  while (*pp && (*pp)->key < n->key)
    pp = &(*pp)->next;
  n->next = *pp;
  *pp = n;
}

/* Unlink the node with this key; 1 if there was one. */
static int unlink_key(struct node __persistent *__persistent *head, long key) {
  for (struct node __persistent *__persistent *pp = head; *pp; pp = &(*pp)->next)
    if ((*pp)->key == key) {
      *pp = (*pp)->next;
      return 1;
    }
  return 0;
}

/* The slot of the last node's next pointer (head itself if empty). */
static struct node __persistent *__persistent *tail(struct node __persistent *__persistent *head) {
  while (*head)
    head = &(*head)->next;
  return head;
}

static void print_nodes(struct node __persistent *n) {
  for (; n; n = n->next)
    printf(" %ld/%c", n->key, homes[n->home]);
  printf("\n");
}

static void show_items(struct root __persistent *r) {
  printf("items by link:");
  for (struct link __persistent *l = r->items.next; l; l = l->next) {
    struct item __persistent *it = twz_container_of(l, struct item, link);
    printf(" %ld/%c", it->key, homes[it->home]);
  }
  printf("\n");
}

static struct node __persistent *new_node(twz_object *o[3], int home, long key) {
  struct node __persistent *n;
  CHECK_OK(n = twz_object_alloc(o[home], sizeof *n, 8));
  n->key = key;
  n->home = home;
  return n;
}

int main(int argc, char **argv) {
  twz_object *o[3];
  struct root __persistent *r;
  if (!is_build(argc, argv)) {
    r = (struct root __persistent *)world_open(o);
    show_items(r);
    printf("sorted:");
    print_nodes(r->sorted);
    printf("appended:");
    print_nodes(r->queue);
    return 0;
  }
  r = (struct root __persistent *)world_create(o, sizeof *r);

  for (int i = 0; i < 7; i++) { /* push items 0..6 on the front */
    struct item __persistent *it;
    CHECK_OK(it = twz_object_alloc(o[i % 3], sizeof *it, 8));
    it->key = i;
    it->home = i % 3;
    it->link.next = r->items.next;
    r->items.next = &it->link;
  }
  show_items(r);

  static const long keys[] = {5, 3, 7, 1, 6, 2, 4};
  for (int i = 0; i < 7; i++)
    insert(&r->sorted, new_node(o, (int)(keys[i] % 3), keys[i]));
  printf("sorted:");
  print_nodes(r->sorted);
  int gone = unlink_key(&r->sorted, 1) + unlink_key(&r->sorted, 4) + unlink_key(&r->sorted, 7) +
             unlink_key(&r->sorted, 8);
  CHECK_OK(gone == 3);
  printf("sorted after unlinking 1, 4, 7, 8:");
  print_nodes(r->sorted);

  for (int i = 0; i < 3; i++)
    *tail(&r->queue) = new_node(o, (i + 2) % 3, 10 + i);
  printf("appended:");
  print_nodes(r->queue);
  return 0;
}
