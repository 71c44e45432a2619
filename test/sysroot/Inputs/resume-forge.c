/* kernel-pmem-resume.test: the IDs of the kernel's resume records cannot be
 * taken by a program (a record it wrote would be run at the next boot). */
#include "ksec.h"

int main(void) {
  twz_id id = {{0}};
  memcpy(id.b, "twzresume", 9);
  id.b[15] = 1;
  printf("create with a resume record's ID: %s\n", errname(k_create_fixed(&id)));
  return 0;
}
