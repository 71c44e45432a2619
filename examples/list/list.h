/* A singly linked list whose nodes live in persistent objects. */
#ifndef LIST_H
#define LIST_H

#include <twz/twz.h>

struct node {
  int value;
  struct node __persistent *next;
};

/* Push a new node holding `value` onto `head`, allocated in `obj`. */
struct node __persistent *list_push(twz_object *obj, struct node __persistent *head, int value);
/* Print the values and the object each node lives in (as an index into objs). */
void list_print(struct node __persistent *head);
long list_sum(struct node __persistent *head);

#endif
