/* Object IDs: random creation, text form. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "error.h"
#include "id.h"

int twz_id_random(twz_id *id) {
  size_t got = 0;
  while (got < sizeof id->b) {
    ssize_t n = getrandom(id->b + got, sizeof id->b - got, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return twz_set_error("cannot get random bytes for an object ID: %s", strerror(errno));
    }
    got += (size_t)n;
  }
  return 0;
}

bool twz_id_equal(const twz_id *a, const twz_id *b) { return memcmp(a->b, b->b, sizeof a->b) == 0; }

void twz_id_format(const twz_id *id, char out[TWZ_ID_STRLEN + 1]) {
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < 16; i++) {
    out[2 * i] = hex[id->b[i] >> 4];
    out[2 * i + 1] = hex[id->b[i] & 15];
  }
  out[TWZ_ID_STRLEN] = 0;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

int twz_id_parse(const char *text, twz_id *id) {
  if (strlen(text) != TWZ_ID_STRLEN)
    return twz_set_error("'%s' is not an object ID (want %d hex digits)", text, TWZ_ID_STRLEN);
  for (int i = 0; i < 16; i++) {
    int hi = hexval(text[2 * i]), lo = hexval(text[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return twz_set_error("'%s' is not an object ID (not hex)", text);
    id->b[i] = (uint8_t)(hi << 4 | lo);
  }
  return 0;
}
