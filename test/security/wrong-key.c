// Signed with the wrong key. (1) `twz cap grant --key other`: the capability
// is signed by a key that does not protect the object: `twz cap verify`
// says which key signed and which protects, and the context gets nothing.
// (2) This program forges one: the signer field names the right key, but
// the signature is made with another key's secret: bad signature, nothing
// granted. (3) A valid capability held by another context grants nothing
// to the context it is imported into.
// RUN: rm -rf %t.store && %twz-clang -O2 -Wall %s -o %t && %twz-clang -O2 %probe-src -o %t.probe
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz key new k > /dev/null
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz key new other > /dev/null
// RUN: env TWZ_STORE=%t.store %t.probe make obj 41
// RUN: env TWZ_STORE=%t.store %exit 0 twz key protect obj k
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx new c --key k > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx new d --key k > /dev/null
//
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz cap grant obj c rw --key other --out %t.other > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 1 twz cap verify %t.other | FileCheck %s --check-prefix=OTHER
// OTHER:      link 0: capability: object {{[0-9a-f]+}} (obj)
// OTHER-NEXT:         for context {{[0-9a-f]+}} (c), rights rw---
// OTHER-NEXT:         expires never, serial {{[0-9a-f]+}}, signed by key {{[0-9a-f]+}} (other)
// OTHER-NEXT: INVALID: link 0 is signed by key {{[0-9a-f]+}} (other), but what it names is protected by key {{[0-9a-f]+}} (k)
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx rights c obj | FileCheck %s --check-prefix=NONE
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=c %t.probe rights obj | FileCheck %s --check-prefix=PNONE
// NONE: -----
// PNONE: obj rights -----
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx show c | FileCheck %s --check-prefix=SHOWOTHER
// SHOWOTHER: capability at 0x{{[0-9a-f]+}} (160 bytes): INVALID (link 0: signed by the wrong key)
//
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 %t k other obj c %t.forged | FileCheck %s --check-prefix=FORGE
// FORGE: forged: signer k, signed with the secret of other, rights rw---
// RUN: env TWZ_STORE=%t.store %exit 1 twz cap verify %t.forged | FileCheck %s --check-prefix=FORGED
// FORGED:      expires never, serial {{[0-9a-f]+}}, signed by key {{[0-9a-f]+}} (k)
// FORGED-NEXT: INVALID: link 0: the signature does not verify with the public key of {{[0-9a-f]+}} (k): it was forged or altered
// RUN: env TWZ_STORE=%t.store %exit 0 twz cap import c %t.forged
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx rights c obj | FileCheck %s --check-prefix=NONE
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=c %t.probe rights obj | FileCheck %s --check-prefix=PNONE
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=c not --crash %t.probe read obj 2>&1 | FileCheck %s --check-prefix=NOREAD
// NOREAD: twz: fault: read of object {{[0-9a-f]+}} at offset 0x{{[0-9a-f]+}} denied: security context 'c' grants ----- on it, not read (r)
//
// A valid capability for d, imported into c: valid but not c's.
// RUN: env TWZ_STORE=%t.store TWZ_PASSPHRASE=pw %exit 0 twz cap grant obj d rw --out %t.ford > /dev/null
// RUN: env TWZ_STORE=%t.store %exit 0 twz cap verify %t.ford --for d | FileCheck %s --check-prefix=FORD
// FORD: valid: grants rw--- on object {{[0-9a-f]+}} (obj) to context {{[0-9a-f]+}} (d)
// RUN: env TWZ_STORE=%t.store %exit 1 twz cap verify %t.ford --for c | FileCheck %s --check-prefix=FORC
// FORC: INVALID for c: valid, but held by context {{[0-9a-f]+}} (d)
// RUN: env TWZ_STORE=%t.store %exit 0 twz cap import c %t.ford
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx rights c obj | FileCheck %s --check-prefix=NONE
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=c %t.probe rights obj | FileCheck %s --check-prefix=PNONE
// RUN: env TWZ_STORE=%t.store %exit 0 twz ctx show c | FileCheck %s --check-prefix=HOLDER
// HOLDER:      capability at 0x{{[0-9a-f]+}} (160 bytes): INVALID (link 0: signed by the wrong key)
// HOLDER-NEXT: capability at 0x{{[0-9a-f]+}} (160 bytes): INVALID (link 0: the signature does not verify (forged or altered))
// HOLDER-NEXT: capability at 0x{{[0-9a-f]+}} (160 bytes): INVALID (link 0: valid, but held by another security context)
// HOLDER-NEXT:   held by {{[0-9a-f]+}} (d)
// HOLDER-NEXT: rights -----
// RUN: env TWZ_STORE=%t.store TWZ_CONTEXT=d %t.probe rights obj | FileCheck %s --check-prefix=DRW
// DRW: obj rights rw---
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <twz/twz.h>

#include "../run/Inputs/check.h" /* CHECK_OK */

/* forge SIGNER SECRET-OF OBJ CTX OUT: a capability for rw on OBJ for CTX
 * whose signer field names key SIGNER, signed with the secret of key
 * SECRET-OF (passphrase in $TWZ_PASSPHRASE). */
int main(int argc, char **argv) {
  twz_id signer, secret_of, obj, ctx;
  uint8_t sk[TWZ_SK_BYTES];
  char p[6];
  CHECK_OK(argc == 6);
  CHECK_OK(twz_name_resolve(argv[1], &signer) == 0);
  CHECK_OK(twz_name_resolve(argv[2], &secret_of) == 0);
  CHECK_OK(twz_name_resolve(argv[3], &obj) == 0);
  CHECK_OK(twz_name_resolve(argv[4], &ctx) == 0);
  CHECK_OK(twz_key_unseal(&secret_of, getenv("TWZ_PASSPHRASE"), sk) == 0);
  struct twz_cap cap = {0};
  memcpy(cap.target, obj.b, 16);
  memcpy(cap.accessor, ctx.b, 16);
  memcpy(cap.signer, signer.b, 16); /* kept by twz_cap_sign: it is not zero */
  cap.perms = TWZ_PERM_READ | TWZ_PERM_WRITE;
  CHECK_OK(twz_cap_sign(&cap, &secret_of, sk) == 0);
  CHECK_OK(!memcmp(cap.signer, signer.b, 16));
  FILE *f = fopen(argv[5], "wb");
  CHECK_OK(f && fwrite(&cap, sizeof cap, 1, f) == 1 && fclose(f) == 0);
  printf("forged: signer %s, signed with the secret of %s, rights %s\n", argv[1], argv[2],
         twz_perm_format(cap.perms, p));
  return 0;
}
