/* kernel-pmem-boots.test: a volatile and a persistent object with fixed
 * IDs ("make"), looked up in the next boot ("look"). Raw system calls: the
 * libtwz API has no volatile objects. */
#include "ksec.h"

static twz_id fixed(uint8_t last) {
  twz_id id = {{0x7a, 0x7a}};
  id.b[15] = last;
  return id;
}

static long create(const twz_id *id, long flags) {
  uint8_t b[16];
  memcpy(b, id->b, 16);
  return ksys(TWZ_SYS_OBJ_CREATE, (long)b, TWZ_OC_FIXED_ID | flags, 0);
}

/* Map id at slot s and return the long at offset 0x1000 there. */
static volatile long *at(uint64_t s, const twz_id *id) {
  OK(k_view_set((uintptr_t)s << TWZ_SLOT_BITS, id, TWZ_PROT_READ | TWZ_PROT_WRITE) == 0);
  return (volatile long *)(((uintptr_t)s << TWZ_SLOT_BITS) + TWZ_DATA_START);
}

int main(int argc, char **argv) {
  twz_id v = fixed(1), p = fixed(2);
  if (argc == 2 && !strcmp(argv[1], "make")) {
    long a = create(&v, TWZ_OC_VOLATILE), b = create(&p, 0);
    *at(5000, &v) = 7;
    *at(5001, &p) = 8;
    printf("made: volatile %s, persistent %s, both read back %ld %ld\n", errname(a), errname(b),
           *at(5000, &v), *at(5001, &p));
    return 0;
  }
  long a = k_stat(&v), b = k_stat(&p);
  printf("look: volatile %s, persistent %s value %ld\n", rstr(a), errname(b), b ? -1 : *at(5001, &p));
  return 0;
}
