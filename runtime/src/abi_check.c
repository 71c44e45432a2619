/* Compile-time checks that the structs in <twz/abi.h> have the layout
 * docs/abi.md gives (the public header stays free of them). */
#include <stddef.h>

#include <twz/abi.h>
#include <twz/twz.h>

_Static_assert(sizeof(struct twz_fot_entry) == TWZ_FOT_ENTRY_SIZE, "FOT entry size");
_Static_assert(offsetof(struct twz_fot_entry, name) == 16, "FOT entry name");
_Static_assert(offsetof(struct twz_fot_entry, flags) == 24, "FOT entry flags");
_Static_assert(offsetof(struct twz_fot_entry, resolver) == 28, "FOT entry resolver");
_Static_assert(sizeof(struct twz_obj_header) == 128, "object header size");
_Static_assert(offsetof(struct twz_obj_header, id) == 16, "header id");
_Static_assert(offsetof(struct twz_obj_header, fot_count) == 32, "header fot_count");
_Static_assert(offsetof(struct twz_obj_header, alloc_top) == 40, "header alloc_top");
_Static_assert(offsetof(struct twz_obj_header, root) == 48, "header root");
_Static_assert(offsetof(struct twz_obj_header, fot_gen) == TWZ_HDR_FOT_GEN_OFFSET, "header fot_gen");
_Static_assert(TWZ_FOT_MAX_ENTRIES - 1 <= TWZ_ECACHE_IDX_MASK, "FOT index fits the encode cache");
_Static_assert(TWZ_FOT_BOTTOM == 0x3FDFF000, "FOT region");
_Static_assert(sizeof(struct twz_id) == 16, "twz_id");
_Static_assert(offsetof(struct twz_obj_header, kuid) == 88, "header kuid");
_Static_assert(offsetof(struct twz_obj_header, dflt_prot) == 104, "header dflt_prot");

/* Security formats (<twz/security.h>). */
#include <twz/security.h>
_Static_assert(sizeof(struct twz_cap) == 160, "capability size");
_Static_assert(offsetof(struct twz_cap, sig) == 96, "capability signature");
_Static_assert(sizeof(struct twz_dlg) == 80, "delegation header size");
_Static_assert(sizeof(struct twz_key) == 72 + 8 * TWZ_KEY_REVOKED_MAX, "key object root");
_Static_assert(sizeof(struct twz_sealed_key) == 168, "sealed key");
_Static_assert(sizeof(struct twz_ctx_entry) == 40, "context entry");
_Static_assert(offsetof(struct twz_ctx, entries) == 32, "context entries");
