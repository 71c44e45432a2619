// Explicit casts to a __persistent pointer of memory that is certainly not
// in an object: heap (or stack) memory from malloc and friends, a string
// literal, a compound literal. Errors at the cast, without a note.
//
// RUN: %twz-clang -fsyntax-only -ferror-limit=0 -Xclang -verify %s

#include <alloca.h>
#include <stdlib.h>
#include <string.h>

struct node { int value; struct node __persistent *next; };

void heap(int *old, const char *s) {
  (void)(int __persistent *)malloc(sizeof(int)); // expected-error {{cast of memory returned by 'malloc' to a __persistent pointer; heap memory is not in an object (allocate with twz_object_alloc)}}
  (void)(struct node __persistent *)calloc(1, sizeof(struct node)); // expected-error {{cast of memory returned by 'calloc' to a __persistent pointer}}
  (void)(int __persistent *)realloc(old, 8 * sizeof(int)); // expected-error {{cast of memory returned by 'realloc' to a __persistent pointer}}
  (void)(char __persistent *)strdup(s);      // expected-error {{cast of memory returned by 'strdup' to a __persistent pointer}}
  (void)(char __persistent *)strndup(s, 4);  // expected-error {{cast of memory returned by 'strndup' to a __persistent pointer}}
  (void)(long __persistent *)aligned_alloc(64, 64); // expected-error {{cast of memory returned by 'aligned_alloc' to a __persistent pointer}}
  (void)(char __persistent *)__builtin_malloc(4);   // expected-error {{cast of memory returned by '__builtin_malloc' to a __persistent pointer}}
  // Through parentheses and an intermediate cast.
  (void)(int __persistent *)(malloc(4));         // expected-error {{cast of memory returned by 'malloc'}}
  (void)(int __persistent *)(void *)malloc(4);   // expected-error {{cast of memory returned by 'malloc'}}
}

void stack(void) {
  (void)(char __persistent *)__builtin_alloca(16); // expected-error {{cast of memory returned by '__builtin_alloca' to a __persistent pointer}}
  (void)(char __persistent *)alloca(16); // expected-error-re {{cast of memory returned by '{{(__builtin_)?}}alloca' to a __persistent pointer}}
}

void literals(void) {
  (void)(const char __persistent *)"config"; // expected-error {{cast of a string literal to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(char __persistent *)("a" "b");      // expected-error {{cast of a string literal to a __persistent pointer}}
  (void)(const char (__persistent *)[4])&"abc"; // expected-error {{cast of a string literal to a __persistent pointer}}
  (void)(int __persistent *)(int[]){1, 2, 3};   // expected-error {{cast of a compound literal to a __persistent pointer; __persistent pointers must point into objects (allocate with twz_object_alloc)}}
  (void)(int __persistent *)&(int){42};         // expected-error {{cast of a compound literal to a __persistent pointer}}
  (void)(struct node __persistent *)&(struct node){0}; // expected-error {{cast of a compound literal to a __persistent pointer}}
  (void)(int __persistent *)&(struct node){0}.value;   // expected-error {{cast of a compound literal to a __persistent pointer}}
}

// What an allocator returns is checked only at the cast of the call itself:
// a pointer that has been stored in a variable has unknown origin.
void stored_first(void) {
  int *p = malloc(sizeof *p);
  (void)(int __persistent *)p;
  free(p);
}
