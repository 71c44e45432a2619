// twizzler.ld keeps the program image in slot 0: an image that reaches past
// 1 GiB (into the slots that hold objects) does not link.
//
// RUN: %twz-clang --target=x86_64-unknown-twizzler -DBIG=0x3f000000 %s -o %t.ok
// RUN: not %twz-clang --target=x86_64-unknown-twizzler -DBIG=0x40000000 %s -o %t.big 2>&1 | FileCheck %s
// CHECK: error: twz: the program image must end below 1 GiB (slot 0); objects own slots 16 and up

static char big[BIG];

int main(int argc, char **argv) {
  (void)argv;
  big[argc] = 1;
  return big[1] - 1;
}
