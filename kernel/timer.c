/* Time. The PIT interrupts HZ times a second: that tick drives preemption
 * and wakes sleepers. Clocks read the TSC, calibrated once against PIT
 * channel 2 at boot, so they stay exact even if a tick is lost while the
 * kernel runs with interrupts off. CLOCK_MONOTONIC counts from the kernel's
 * first instruction; CLOCK_REALTIME adds the CMOS RTC's time at boot. */
#include "kernel.h"
void pmem_tick(void); /* pmem.c: the pmemcutms knob */
#include "x86.h"

#define PIT_HZ 1193182
volatile uint64_t ticks;
extern uint64_t boot_tsc;
static uint64_t tsc_hz, rtc_epoch;

uint64_t tsc_to_ns(uint64_t d) {
  return (d / tsc_hz) * 1000000000ull + (d % tsc_hz) * 1000000000ull / tsc_hz;
}

uint64_t clock_mono_ns(void) { return tsc_to_ns(rdtsc() - boot_tsc); }
uint64_t clock_real_ns(void) { return rtc_epoch * 1000000000ull + clock_mono_ns(); }

static void calibrate_tsc(void) { /* count TSC cycles over 10 ms of PIT channel 2 */
  outb(0x61, (inb(0x61) & ~0x02) | 0x01);
  outb(0x43, 0xb0); /* channel 2, lo/hi byte, mode 0: OUT2 rises at zero */
  uint16_t count = PIT_HZ / 100;
  outb(0x42, count & 0xff);
  outb(0x42, count >> 8);
  uint64_t t0 = rdtsc();
  while (!(inb(0x61) & 0x20))
    ;
  tsc_hz = (rdtsc() - t0) * 100;
  if (!tsc_hz)
    panic("TSC does not count");
}

static uint8_t cmos(uint8_t reg) {
  outb(0x70, reg);
  return inb(0x71);
}

static void read_rtc(void) {
  while (cmos(0x0a) & 0x80) /* update in progress */
    ;
  uint64_t s = cmos(0), mi = cmos(2), h = cmos(4), d = cmos(7), mo = cmos(8), y = cmos(9);
  uint8_t b = cmos(0x0b);
  int pm = h & 0x80;
  h &= 0x7f;
  if (!(b & 4)) { /* BCD */
#define BCD(x) x = ((x) >> 4) * 10 + ((x)&15)
    BCD(s), BCD(mi), BCD(h), BCD(d), BCD(mo), BCD(y);
  }
  if (!(b & 2) && pm)
    h = (h % 12) + 12;
  int64_t yy = 2000 + y - (mo <= 2); /* days from civil (H. Hinnant) */
  int64_t era = yy / 400, yoe = yy - era * 400;
  int64_t doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  rtc_epoch = days * 86400 + h * 3600 + mi * 60 + s;
}

void timer_init(void) {
  calibrate_tsc();
  read_rtc();
  uint16_t div = PIT_HZ / HZ;
  outb(0x43, 0x34); /* channel 0, lo/hi byte, mode 2 (rate generator) */
  outb(0x40, div & 0xff);
  outb(0x40, div >> 8);
}

void timer_tick(void) {
  ticks++;
  sched_wake_timeouts();
  pmem_tick();
}
