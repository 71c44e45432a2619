// Secure-call gates end up in section twz_gates of the object file and,
// once linked (from several translation units), between the linker-made
// symbols __start_twz_gates and __stop_twz_gates; other functions do not.
//
// RUN: rm -rf %t.store
// RUN: %twz-clang -c -O2 -DSECOND %s -o %t.second.o
// RUN: llvm-objdump -t %t.second.o | FileCheck %s --check-prefix=OBJ
// OBJ-DAG: g F twz_gates {{[0-9a-f]+}} gate_c{{$}}
// OBJ-DAG: g F .text {{[0-9a-f]+}} not_a_gate{{$}}
// RUN: llvm-readelf -sW %t.second.o | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: FUNC GLOBAL DEFAULT [[GATES:[0-9]+]] gate_c
// SYMS-DAG: SECTION LOCAL DEFAULT [[GATES]] twz_gates
//
// RUN: %twz-clang -O2 %s %t.second.o -o %t
// RUN: env TWZ_STORE=%t.store %t | FileCheck %s
// RUN: %twz-clang -O0 %s %t.second.o -o %t.O0
// RUN: env TWZ_STORE=%t.store %t.O0 | FileCheck %s
// CHECK: gate_a in twz_gates: yes
// CHECK-NEXT: gate_b in twz_gates: yes
// CHECK-NEXT: gate_c in twz_gates: yes
// CHECK-NEXT: main in twz_gates: no
// CHECK-NEXT: not_a_gate in twz_gates: no
// CHECK-NEXT: calls: 42 2 3 4

#include <stdint.h>
#include <stdio.h>

#ifdef SECOND
__twz_gate int gate_c(void) { return 3; }
int not_a_gate(void) { return 4; }
#else
extern char __start_twz_gates[], __stop_twz_gates[];

__twz_gate int gate_a(int x) { return x + 1; }
[[twz::gate]] int gate_b(void) { return 2; }
int gate_c(void);
int not_a_gate(void);

static void report(const char *name, void *fn) {
  uintptr_t a = (uintptr_t)fn;
  int in = a >= (uintptr_t)__start_twz_gates && a < (uintptr_t)__stop_twz_gates;
  printf("%s in twz_gates: %s\n", name, in ? "yes" : "no");
}

int main(void) {
  report("gate_a", (void *)gate_a);
  report("gate_b", (void *)gate_b);
  report("gate_c", (void *)gate_c);
  report("main", (void *)main);
  report("not_a_gate", (void *)not_a_gate);
  printf("calls: %d %d %d %d\n", gate_a(41), gate_b(), gate_c(), not_a_gate());
  return 0;
}
#endif
