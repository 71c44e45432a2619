/* translate.c: the slow paths of pointer translation. Private to libtwz. */
#ifndef TWZ_SRC_TRANSLATE_H
#define TWZ_SRC_TRANSLATE_H

struct twz_object;

/* Drop this process's cached resolutions of obj's FOT entries. */
void twz_translate_forget(struct twz_object *obj);

#endif
