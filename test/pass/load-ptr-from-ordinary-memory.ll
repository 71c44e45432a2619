; A persistent pointer kept in ordinary (addrspace 0) memory, e.g. a local or
; a global, is already a virtual address: loading it is left untouched, and a
; module with no persistent memory accesses gets no runtime declarations.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@gp = global ptr addrspace(42) null, align 8

; CHECK-NOT: @__twz_rcache_base

define ptr addrspace(42) @from_local(ptr %q) {
  %v = load ptr addrspace(42), ptr %q, align 8
  ret ptr addrspace(42) %v
}

define ptr addrspace(42) @from_global() {
  %v = load atomic ptr addrspace(42), ptr @gp acquire, align 8
  ret ptr addrspace(42) %v
}

define i32 @from_alloca(ptr addrspace(42) %p) {
  %a = alloca ptr addrspace(42), align 8
  store ptr addrspace(42) %p, ptr %a, align 8
  %v = load ptr addrspace(42), ptr %a, align 8
  %i = ptrtoint ptr addrspace(42) %v to i32
  ret i32 %i
}

; CHECK-LABEL: define ptr addrspace(42) @from_local(
; CHECK-NEXT:    %v = load ptr addrspace(42), ptr %q, align 8
; CHECK-NEXT:    ret ptr addrspace(42) %v

; CHECK-LABEL: define ptr addrspace(42) @from_global(
; CHECK-NEXT:    %v = load atomic ptr addrspace(42), ptr @gp acquire, align 8
; CHECK-NEXT:    ret ptr addrspace(42) %v

; CHECK-LABEL: define i32 @from_alloca(
; CHECK-NEXT:    %a = alloca ptr addrspace(42), align 8
; CHECK-NEXT:    store ptr addrspace(42) %p, ptr %a, align 8
; CHECK-NEXT:    %v = load ptr addrspace(42), ptr %a, align 8
; CHECK-NEXT:    %i = ptrtoint ptr addrspace(42) %v to i32
; CHECK-NEXT:    ret i32 %i

; CHECK-NOT: __twz_
