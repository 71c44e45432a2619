/* ACPI, just enough to find persistent memory: the RSDP in the BIOS area,
 * the RSDT it points to, and the NFIT's system-physical-address (SPA) range
 * structures whose type GUID says "persistent memory". QEMU's NVDIMM is
 * not in the multiboot memory map (docs/kernel.md "Persistent memory"). */
#include "kernel.h"

struct sdt {
  char sig[4];
  uint32_t len;
  uint8_t rev, sum;
  char oem[6], table[8];
  uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

struct nfit_spa {
  uint16_t type, len, index, flags;
  uint32_t reserved, domain;
  uint8_t guid[16];
  uint64_t base, size, attr;
} __attribute__((packed));

/* 66F0D379-B4F3-4074-AC43-0D3318B78CDB, in its byte order in the table */
static const uint8_t pm_guid[16] = {0x79, 0xd3, 0xf0, 0x66, 0xf3, 0xb4, 0x74, 0x40,
                                    0xac, 0x43, 0x0d, 0x33, 0x18, 0xb7, 0x8c, 0xdb};

static int checksum_ok(const void *p, uint64_t n) {
  uint8_t s = 0;
  for (uint64_t i = 0; i < n; i++)
    s += ((const uint8_t *)p)[i];
  return s == 0;
}

static const uint8_t *find_rsdp(void) {
  /* The EBDA's first KiB, then the BIOS area, on 16-byte boundaries. */
  uint64_t ebda = (uint64_t)*(const uint16_t *)P2V(0x40e) << 4;
  uint64_t ranges[2][2] = {{ebda, ebda + 1024}, {0xe0000, 0x100000}};
  for (int r = 0; r < 2; r++)
    for (uint64_t a = ranges[r][0]; a && a < ranges[r][1]; a += 16) {
      const uint8_t *p = P2V(a);
      if (!memcmp(p, "RSD PTR ", 8) && checksum_ok(p, 20))
        return p;
    }
  return 0;
}

/* The first persistent-memory range the NFIT describes: 0 and *base, *size,
 * or -1 if there is none (no NVDIMM given to the machine). */
int acpi_pmem(uint64_t *base, uint64_t *size) {
  const uint8_t *rsdp = find_rsdp();
  if (!rsdp)
    return -1;
  uint32_t rsdt_pa = *(const uint32_t *)(rsdp + 16);
  const struct sdt *rsdt = P2V(rsdt_pa);
  if (memcmp(rsdt->sig, "RSDT", 4) || !checksum_ok(rsdt, rsdt->len))
    return -1;
  const uint32_t *ent = (const uint32_t *)(rsdt + 1);
  for (uint32_t i = 0; i < (rsdt->len - sizeof *rsdt) / 4; i++) {
    const struct sdt *t = P2V(ent[i]);
    if (memcmp(t->sig, "NFIT", 4) || !checksum_ok(t, t->len))
      continue;
    /* 4 reserved bytes after the header, then {type, length} structures */
    for (uint32_t off = sizeof *t + 4; off + 4 <= t->len;) {
      const struct nfit_spa *s = (const void *)((const uint8_t *)t + off);
      if (s->len < 4)
        break;
      if (s->type == 0 && s->len >= sizeof *s && !memcmp(s->guid, pm_guid, 16)) {
        *base = s->base;
        *size = s->size;
        return 0;
      }
      off += s->len;
    }
  }
  return -1;
}
