; An atomic load of a persistent pointer from object memory becomes an atomic
; i64 load with the same ordering, syncscope and alignment, then a decode.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr addrspace(42) @acq(ptr addrspace(42) %p) {
entry:
  %v = load atomic ptr addrspace(42), ptr addrspace(42) %p acquire, align 8
  ret ptr addrspace(42) %v
}

define ptr addrspace(42) @sc_single(ptr addrspace(42) %p) {
entry:
  %v = load atomic ptr addrspace(42), ptr addrspace(42) %p syncscope("singlethread") seq_cst, align 16
  ret ptr addrspace(42) %v
}

define i32 @int_monotonic(ptr addrspace(42) %p) {
entry:
  %v = load atomic i32, ptr addrspace(42) %p monotonic, align 4
  ret i32 %v
}

; CHECK-LABEL: define ptr addrspace(42) @acq(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load atomic i64, ptr [[F]] acquire, align 8
; CHECK:         icmp uge i64 [[RAW]], 1073741824
; CHECK:         call i64 @__twz_resolve(i64 {{%.*}}, i64 [[RAW]])
; CHECK:       twz.resolved:
; CHECK-NEXT:    [[VA:%.*]] = phi i64
; CHECK-NEXT:    %v = inttoptr i64 [[VA]] to ptr addrspace(42)
; CHECK-NEXT:    ret ptr addrspace(42) %v

; CHECK-LABEL: define ptr addrspace(42) @sc_single(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load atomic i64, ptr [[F]] syncscope("singlethread") seq_cst, align 16
; CHECK:         call i64 @__twz_resolve(i64 {{%.*}}, i64 [[RAW]])
; CHECK:         %v = inttoptr i64 {{%.*}} to ptr addrspace(42)

; CHECK-LABEL: define i32 @int_monotonic(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load atomic i32, ptr [[F]] monotonic, align 4
; CHECK-NEXT:    ret i32 %v

; CHECK-NOT: load {{.*}}ptr addrspace(42) %
