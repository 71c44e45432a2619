; volatile is kept on every rewritten access: scalar loads/stores, pointer
; loads/stores (as i64), atomic volatile accesses.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @vol_int(ptr addrspace(42) %p) {
  %v = load volatile i32, ptr addrspace(42) %p, align 4
  store volatile i32 %v, ptr addrspace(42) %p, align 4
  ret i32 %v
}

define ptr addrspace(42) @vol_ptr_load(ptr addrspace(42) %p) {
  %v = load volatile ptr addrspace(42), ptr addrspace(42) %p, align 8
  ret ptr addrspace(42) %v
}

define void @vol_ptr_store(ptr addrspace(42) %p, ptr addrspace(42) %v) {
  store volatile ptr addrspace(42) %v, ptr addrspace(42) %p, align 8
  ret void
}

define void @vol_atomic(ptr addrspace(42) %p, ptr addrspace(42) %v) {
  store atomic volatile ptr addrspace(42) %v, ptr addrspace(42) %p seq_cst, align 8
  ret void
}

; CHECK-LABEL: define i32 @vol_int(
; CHECK-NEXT:    [[F1:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load volatile i32, ptr [[F1]], align 4
; CHECK-NEXT:    [[F2:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store volatile i32 %v, ptr [[F2]], align 4
; CHECK-NEXT:    ret i32 %v

; CHECK-LABEL: define ptr addrspace(42) @vol_ptr_load(
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    {{%.*}} = load volatile i64, ptr [[F]], align 8
; CHECK:         call i64 @__twz_resolve(

; CHECK-LABEL: define void @vol_ptr_store(
; CHECK:         call i64 @__twz_encode(
; CHECK:         store volatile i64 {{%.*}}, ptr {{%.*}}, align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @vol_atomic(
; CHECK:         call i64 @__twz_encode(
; CHECK:         store atomic volatile i64 {{%.*}}, ptr {{%.*}} seq_cst, align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: {{load|store}} {{.*}}ptr addrspace(42) %
