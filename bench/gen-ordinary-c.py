#!/usr/bin/env python3
"""Writes an ordinary C file of about N lines (default 5000) to stdout: many
structs, linked data, loops, switches and string handling, no __persistent.
Used to measure what the clang-attrs plugin costs on code that does not use it."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
out = ["#include <stdio.h>", "#include <stdlib.h>", "#include <string.h>", ""]
i = 0
while len(out) < n - 10:
    out += f"""struct rec{i} {{
  int id;
  double weight;
  char name[32];
  struct rec{i} *next;
  struct rec{i} *children[4];
}};

static struct rec{i} *rec{i}_new(int id, const char *name) {{
  struct rec{i} *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->id = id;
  r->weight = id * 0.5;
  strncpy(r->name, name, sizeof r->name - 1);
  return r;
}}

static double rec{i}_walk(const struct rec{i} *r, int depth) {{
  double total = 0;
  for (; r; r = r->next) {{
    total += r->weight;
    for (int c = 0; c < 4 && depth < 8; c++)
      if (r->children[c])
        total += rec{i}_walk(r->children[c], depth + 1);
    switch (r->id % 4) {{
    case 0: total *= 1.01; break;
    case 1: total -= 0.5; break;
    case 2: total += strlen(r->name); break;
    default: break;
    }}
  }}
  return total;
}}

double run{i}(int count) {{
  struct rec{i} *head = NULL;
  char buf[32];
  for (int k = 0; k < count; k++) {{
    snprintf(buf, sizeof buf, "rec-%d-%d", {i}, k);
    struct rec{i} *r = rec{i}_new(k, buf);
    if (!r)
      break;
    r->next = head;
    head = r;
  }}
  double t = rec{i}_walk(head, 0);
  while (head) {{
    struct rec{i} *n = head->next;
    free(head);
    head = n;
  }}
  return t;
}}
""".splitlines()
    i += 1
out += ["int main(void) {", "  double t = 0;"]
out += [f"  t += run{k}(10);" for k in range(i)]
out += ['  printf("%f\\n", t);', "  return 0;", "}"]
print("\n".join(out))
