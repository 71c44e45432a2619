#include <stdio.h>

#include "list.h"

struct node __persistent *list_push(twz_object *obj, struct node __persistent *head, int value) {
  struct node __persistent *n = twz_object_alloc(obj, sizeof *n, _Alignof(struct node));
  if (!n)
    return NULL;
  n->value = value;
  n->next = head; /* stored in invariant form: FOT index : offset */
  return n;
}

void list_print(struct node __persistent *head) {
  for (struct node __persistent *n = head; n; n = n->next) {
    char id[TWZ_ID_STRLEN + 1];
    twz_id oid = twz_object_id(twz_object_of(n));
    twz_id_format(&oid, id);
    printf("%d (object %.8s)\n", n->value, id);
  }
}

long list_sum(struct node __persistent *head) {
  long s = 0;
  for (struct node __persistent *n = head; n; n = n->next)
    s += n->value;
  return s;
}
