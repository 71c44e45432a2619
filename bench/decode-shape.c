/*
 * decode-shape.c: a side experiment behind bench/README.md's reading of the
 * chase-4K-1obj result, not part of `make bench` (run: make -C bench
 * decode-shape). Plain C, no twz: it walks the same kind of 4K-node shuffled
 * circular list as bench.c, stored as twz stores intra-object pointers
 * (offset only, FOT index 0) in a 1 GiB-aligned arena at offset 0x1000, and
 * decodes each next pointer in one of three shapes:
 *
 *   select: raw == 0 ? 0 : container | raw   what the pass emits today; x86
 *           makes it a cmov, which sits on the loop-carried load chain;
 *   branch: if (raw == 0) null; else container | raw   the null test is a
 *           predicted branch, so only the `or` is on the chain;
 *   floor:  container | raw, no null test at all (a lower bound).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define SLOT ((uint64_t)1 << 30)
#define NODES 4096
#define HOPS 50000000

struct node {
  uint64_t next; /* stored form: offset in the container's slot, 0 = null */
  uint64_t val;
};

static inline uint64_t container(const struct node *n) { return (uint64_t)n & ~(SLOT - 1); }

/* DECODE is a statement that sets `next` from `raw` and `n`. The empty asm
 * after it keeps the loop from being unrolled differently per shape. */
#define KERNEL(name, DECODE)                                                     \
  __attribute__((noinline)) static struct node *name(struct node *n, uint64_t hops, \
                                                     uint64_t *sum) {            \
    uint64_t s = 0;                                                              \
    for (uint64_t i = 0; i < hops; i++) {                                        \
      uint64_t raw = n->next, next;                                              \
      s += n->val;                                                               \
      DECODE;                                                                    \
      n = (struct node *)next;                                                   \
      __asm__ volatile("" : "+r"(n));                                            \
    }                                                                            \
    *sum += s;                                                                   \
    return n;                                                                    \
  }

KERNEL(k_select, next = raw == 0 ? 0 : container(n) | raw)
/* The asm on the null path stops clang from if-converting the branch back
 * into a select: it stands for the pass marking the branch as intended. */
KERNEL(k_branch, if (__builtin_expect(raw == 0, 0)) {
  __asm__ volatile("" ::: "memory");
  next = 0;
} else next = container(n) | raw)
KERNEL(k_floor, next = container(n) | raw)

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(void) {
  char *r = mmap(NULL, 2 * SLOT, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED)
    return perror("mmap"), 1;
  struct node *nodes = (struct node *)((((uint64_t)r + SLOT - 1) & ~(SLOT - 1)) + 4096);
  madvise(nodes, NODES * sizeof *nodes, MADV_NOHUGEPAGE);
  static int perm[NODES];
  for (int i = 0; i < NODES; i++)
    perm[i] = i;
  srand(1);
  for (int i = NODES - 1; i > 0; i--) {
    int j = rand() % (i + 1), t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (int i = 0; i < NODES; i++) {
    nodes[perm[i]].val = (uint64_t)i;
    nodes[perm[i]].next = (uint64_t)&nodes[perm[(i + 1) % NODES]] & (SLOT - 1);
  }
  struct {
    const char *what;
    struct node *(*kernel)(struct node *, uint64_t, uint64_t *);
  } shapes[] = {{"select (cmov), as the pass emits", k_select},
                {"branch on null, then or", k_branch},
                {"or only, no null test (floor)", k_floor}};
  uint64_t sum = 0;
  struct node *cur = &nodes[perm[0]];
  for (int round = 0; round < 2; round++) /* the second round is the one to read */
    for (int s = 0; s < 3; s++) {
      double t = now_ns();
      cur = shapes[s].kernel(cur, HOPS, &sum);
      if (round)
        printf("%-34s %.2f ns/hop\n", shapes[s].what, (now_ns() - t) / HOPS);
    }
  return sum == 42; /* keep the sums live */
}
