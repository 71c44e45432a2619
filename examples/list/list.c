/*
 * list build N: create objects "list.0".."list.2" and push N nodes, node i
 *               in object i % 3; the head is the root of "list.0".
 * list walk:    print the list from the root of "list.0".
 * list demo N:   both in one process over objects "demo.0".."demo.2", and
 *               print only what is the same on every run and back end
 *               (values, which object holds each node, FOT counts): the
 *               output of the hosted and the kernel build can be compared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list.h"

/* Objects PREFIX.0, .1, .2 holding an n-node list, node i in object i % 3;
 * the head is the root of PREFIX.0. */
static int make_list(const char *prefix, int n, twz_object *objs[3]) {
  for (int i = 0; i < 3; i++) {
    char name[64];
    snprintf(name, sizeof name, "%s.%d", prefix, i);
    if (!(objs[i] = twz_object_create(name))) {
      fprintf(stderr, "list: %s\n", twz_error());
      return 1;
    }
  }
  struct node __persistent *head = NULL;
  for (int i = n - 1; i >= 0; i--)
    if (!(head = list_push(objs[i % 3], head, i * 10))) {
      fprintf(stderr, "list: %s\n", twz_error());
      return 1;
    }
  twz_object_set_root(objs[0], head);
  return 0;
}

static int build(int n) {
  twz_object *objs[3];
  if (make_list("list", n, objs))
    return 1;
  printf("built %d nodes over 3 objects\n", n);
  return 0;
}

static int walk(void) {
  twz_object *obj = twz_object_open("list.0");
  if (!obj) {
    fprintf(stderr, "list: %s\n", twz_error());
    return 1;
  }
  printf("list.0 mapped at %#lx\n", (unsigned long)twz_object_base(obj));
  struct node __persistent *head = twz_object_root(obj);
  list_print(head);
  printf("sum %ld\n", list_sum(head));
  return 0;
}

static int demo(int n) {
  twz_object *objs[3];
  if (make_list("demo", n, objs))
    return 1;
  printf("demo: %d nodes over 3 objects\n", n);
  /* Walk from the root of the object found by name, like another process would. */
  twz_object *first = twz_object_open("demo.0");
  if (!first) {
    fprintf(stderr, "list: %s\n", twz_error());
    return 1;
  }
  for (struct node __persistent *p = twz_object_root(first); p; p = p->next) {
    twz_object *holder = twz_object_of(p);
    int k = holder == objs[0] ? 0 : holder == objs[1] ? 1 : holder == objs[2] ? 2 : -1;
    printf("%d (demo.%d)\n", p->value, k);
  }
  printf("sum %ld\n", list_sum(twz_object_root(first)));
  printf("fot entries %llu %llu %llu\n", (unsigned long long)twz_object_fot_count(objs[0]),
         (unsigned long long)twz_object_fot_count(objs[1]),
         (unsigned long long)twz_object_fot_count(objs[2]));
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "build") == 0)
    return build(argc >= 3 ? atoi(argv[2]) : 10);
  if (argc >= 2 && strcmp(argv[1], "walk") == 0)
    return walk();
  if (argc >= 2 && strcmp(argv[1], "demo") == 0)
    return demo(argc >= 3 ? atoi(argv[2]) : 10);
  fprintf(stderr, "usage: list build [N] | list walk | list demo [N]\n");
  return 2;
}
