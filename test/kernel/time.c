// Clocks: CLOCK_MONOTONIC advances across nanosleep by at least the time
// slept (and not absurdly more), CLOCK_REALTIME starts from the RTC,
// gettimeofday/time agree with it, clock_nanosleep with TIMER_ABSTIME.
// RUN: %musl-cc %s -o %t
// RUN: %exit 0 %twz-boot %t | FileCheck %s
// CHECK: monotonic advanced across a 50 ms sleep: yes
// CHECK-NEXT: realtime after 2020: yes
// CHECK-NEXT: time() and gettimeofday agree: yes
// CHECK-NEXT: absolute sleep: yes
// CHECK-NEXT: monotonic never goes back: yes
// CHECK-NOT: compat:
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec a, b, r;
  clock_gettime(CLOCK_MONOTONIC, &a);
  nanosleep(&(struct timespec){0, 50000000}, 0);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long d = ns(b) - ns(a);
  printf("monotonic advanced across a 50 ms sleep: %s\n",
         d >= 50000000 && d < 5000000000LL ? "yes" : "no");
  if (!(d >= 50000000 && d < 5000000000LL))
    printf("  (advanced %lld ns)\n", d);
  clock_gettime(CLOCK_REALTIME, &r);
  printf("realtime after 2020: %s\n", r.tv_sec > 1577836800 ? "yes" : "no");
  struct timeval tv;
  gettimeofday(&tv, 0);
  time_t t = time(0);
  printf("time() and gettimeofday agree: %s\n",
         t - tv.tv_sec <= 1 && t - tv.tv_sec >= 0 && tv.tv_sec - r.tv_sec <= 1 ? "yes" : "no");
  clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec until = {a.tv_sec, a.tv_nsec + 20000000};
  if (until.tv_nsec >= 1000000000)
    until.tv_sec++, until.tv_nsec -= 1000000000;
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("absolute sleep: %s\n", ns(b) >= ns(until) ? "yes" : "no");
  int mono = 1;
  for (int i = 0; i < 100000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (ns(a) < ns(b))
      mono = 0;
    b = a;
  }
  printf("monotonic never goes back: %s\n", mono ? "yes" : "no");
  return 0;
}
