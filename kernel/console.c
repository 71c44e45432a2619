/* Serial console. COM1 carries all kernel and user output; COM2 carries
 * one line for tools/twz-boot ("exit N" or "panic"), which user programs
 * cannot write to, so a program printing "panic" cannot fool the runner.
 * Output is polled: the kernel never takes an interrupt while it prints. */
#include <stdarg.h>
#include "kernel.h"
#include "x86.h"

#define COM1 0x3f8
#define COM2 0x2f8

int verbose;

static void uart_init(uint16_t port) {
  outb(port + 1, 0);    /* no interrupts */
  outb(port + 3, 0x80); /* divisor latch */
  outb(port + 0, 1);    /* 115200 baud */
  outb(port + 1, 0);
  outb(port + 3, 0x03); /* 8n1 */
  outb(port + 2, 0xc7); /* FIFO */
}

void console_init(void) {
  uart_init(COM1);
  uart_init(COM2);
}

static void uart_putc(uint16_t port, char c) {
  while (!(inb(port + 5) & 0x20))
    ;
  outb(port, c);
}

void console_write(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    uart_putc(COM1, s[i]);
}

void control_write(const char *s) {
  for (; *s; s++)
    uart_putc(COM2, *s);
}

/* A small printf: %d %u %x %p %s %c with l/ll, width and 0-padding. */
struct sink {
  char *buf;
  size_t n, len;
};

static void put(struct sink *k, char c) {
  if (k->buf) {
    if (k->len + 1 < k->n)
      k->buf[k->len] = c;
  } else {
    uart_putc(COM1, c);
  }
  k->len++;
}

static void vformat(struct sink *k, const char *f, va_list ap) {
  for (; *f; f++) {
    if (*f != '%') {
      put(k, *f);
      continue;
    }
    f++;
    int zero = 0, width = 0, lng = 0;
    if (*f == '0')
      zero = 1, f++;
    while (*f >= '0' && *f <= '9')
      width = width * 10 + (*f++ - '0');
    while (*f == 'l')
      lng++, f++;
    char tmp[24];
    int n = 0, neg = 0;
    uint64_t v;
    switch (*f) {
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (!s)
        s = "(null)";
      for (int l = (int)strlen(s); l < width; l++)
        put(k, ' ');
      while (*s)
        put(k, *s++);
      continue;
    }
    case 'c':
      put(k, (char)va_arg(ap, int));
      continue;
    case 'd':
      if (lng) {
        int64_t x = va_arg(ap, int64_t);
        neg = x < 0;
        v = neg ? -(uint64_t)x : (uint64_t)x;
      } else {
        int x = va_arg(ap, int);
        neg = x < 0;
        v = neg ? -(uint64_t)(int64_t)x : (uint64_t)x;
      }
      do
        tmp[n++] = '0' + v % 10;
      while (v /= 10);
      break;
    case 'u':
      v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
      do
        tmp[n++] = '0' + v % 10;
      while (v /= 10);
      break;
    case 'p':
      put(k, '0'), put(k, 'x');
      lng = 1;
      /* fall through */
    case 'x':
      v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
      do
        tmp[n++] = "0123456789abcdef"[v & 15];
      while (v >>= 4);
      break;
    default:
      put(k, *f);
      continue;
    }
    if (neg)
      width--;
    if (neg && zero)
      put(k, '-');
    for (int l = n; l < width; l++)
      put(k, zero ? '0' : ' ');
    if (neg && !zero)
      put(k, '-');
    while (n)
      put(k, tmp[--n]);
  }
}

void kprintf(const char *fmt, ...) {
  struct sink k = {0};
  va_list ap;
  va_start(ap, fmt);
  vformat(&k, fmt, ap);
  va_end(ap);
}

int ksnprintf(char *buf, size_t n, const char *fmt, ...) {
  struct sink k = {buf, n, 0};
  va_list ap;
  va_start(ap, fmt);
  vformat(&k, fmt, ap);
  va_end(ap);
  if (n)
    buf[k.len < n ? k.len : n - 1] = 0;
  return (int)k.len;
}

/* isa-debug-exit (iobase 0xf4): QEMU exits with (value << 1) | 1. Exit
 * statuses 0..125 pass through; larger ones become 126 there (the exact
 * value is on COM2); 127 (QEMU status 255) means panic. */
_Noreturn void shutdown(int status) {
  char line[32];
  cli();
  ksnprintf(line, sizeof line, "exit %d\n", status);
  control_write(line);
  outl(0xf4, status < 126 ? status : 126);
  for (;;)
    hlt();
}

_Noreturn void panic(const char *fmt, ...) {
  struct sink k = {0};
  va_list ap;
  cli();
  kprintf("twz-kernel: panic: ");
  va_start(ap, fmt);
  vformat(&k, fmt, ap);
  va_end(ap);
  kprintf("\n");
  control_write("panic\n");
  outl(0xf4, 127);
  for (;;)
    hlt();
}
