/*
 * <twz/persistent.h>: the `__persistent` qualifier.
 *
 * `T __persistent *p` points into a twz object. The qualifier is a Clang
 * address space; the twz pass (loaded by twz-clang) rewrites every load and
 * store through such a pointer. Without the pass, x86 code generation would
 * treat the address space as flat memory and silently store raw virtual
 * addresses into objects, so a compiler that is not going to run the pass
 * must refuse the header. twz-clang defines __twz_translate__; libtwz itself
 * (which only passes these pointers around as values) defines
 * __twz_libtwz_build__.
 */
#ifndef TWZ_PERSISTENT_H
#define TWZ_PERSISTENT_H

#include <twz/abi.h>

#ifndef __ASSEMBLER__
#if !defined(__clang__)
#error "twz: __persistent needs twz-clang (Clang 19 with the twz plugins); this compiler cannot translate persistent pointers"
#elif !defined(__twz_translate__) && !defined(__twz_libtwz_build__)
#error "twz: <twz/persistent.h> included without the twz translation pass; compile with twz-clang, or loads and stores through __persistent pointers would be miscompiled"
#endif

#define __persistent __attribute__((address_space(TWZ_PERSISTENT_AS)))

/* Declaration attributes of the twz Clang plugin (clang-attrs/README.md). */
#if defined(__twz_translate__)
#define __twz_gate __attribute__((twz_gate)) /* a secure-call gate function */
#define __twz_root __attribute__((twz_root)) /* an object's root record type */
#endif
#endif

#endif
