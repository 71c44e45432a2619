/* Resume on the native back end (resume.c): the slots a resumed process's
 * view already shows, handed to object.c so each object gets its old slot. */
#ifndef TWZ_NATIVE_RESUME_H
#define TWZ_NATIVE_RESUME_H
#include <twz/twz.h>

void twz_native_adopt(const twz_id *id, long slot);

#endif
