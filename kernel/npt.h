/* The nested-paging back end (AMD-V NPT): svm.c runs user threads as
 * CPL-3 SVM guests, npt.c keeps the two hardware translation levels
 * (docs/kernel.md "Nested-paging back end"). Selected by the kernel
 * command-line word `npt`; npt_on is 0 for the software back end, and every
 * hook below is only called when it is 1. */
#ifndef NPT_H
#define NPT_H
#include "kernel.h"
#include "twz/syscall.h"

extern int npt_on;

/* Guest-physical addresses below NPT_WINDOW are host-physical ones (the
 * identity window the guest's own page tables and anonymous memory use);
 * object-space slot oslot is guest-physical oslot << 30, so object-space
 * slots start at NPT_WINDOW >> 30. */
#define NPT_WINDOW (4ull << 30)
#define NPT_FIRST_OSLOT (NPT_WINDOW >> SLOT_SHIFT)

/* svm.c */
void svm_init(void);                /* panics if the CPU has no SVM with NP */
void npt_thread_start(void);        /* svm.S: a user thread's first run */
_Noreturn void npt_run(void);       /* the thread's guest loop */
void npt_report(void);              /* counters, for --verbose */
extern struct twz_npt_stats npt_stats; /* <twz/syscall.h> */

/* npt.c */
struct sctx;
struct view;
#define NPT_OSLOTS 1024             /* object-space slots (objspace.c's NOSLOT) */
uint64_t npt_root(struct proc *p);  /* N_CR3 of p's active context, made on first use */
void npt_free(struct sctx *s);      /* the context's nested table */
/* drop oslot from s's nested table, unless its entries have these rights */
void npt_drop(struct sctx *s, uint32_t oslot, int rights);
/* level 1: the guest page table entry of virtual slot `slot` (one PDPT
 * entry, a 1 GiB page onto object-space slot oslot), or clear it. */
int npt_guest_slot(struct proc *p, uint64_t slot, uint32_t oslot, int prot);
/* level 2: install oslot << 30 | off -> pa with rights in p's nested table */
int npt_nested_map(struct proc *p, uint32_t oslot, uint64_t off, uint64_t pa, int rights);
/* a nested page fault: 0 handled, else why the guest access is refused */
const char *npt_fault(struct proc *p, uint64_t gpa, enum access acc, int present);
uint8_t *npt_uptr(struct proc *p, uint64_t va, enum access acc);
#endif
