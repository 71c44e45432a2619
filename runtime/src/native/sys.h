/* The native back end's system call (the kernel's ABI: <twz/syscall.h>),
 * shared by its files. */
#ifndef TWZ_NATIVE_SYS_H
#define TWZ_NATIVE_SYS_H

static inline long twz_sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

#endif
