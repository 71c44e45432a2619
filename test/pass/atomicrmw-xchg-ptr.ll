; atomicrmw xchg of a persistent pointer value: the new value is encoded, the
; exchange is an i64 xchg on the flat pointer (ordering kept), and the old
; stored form is decoded back into a persistent pointer.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr addrspace(42) @xchg(ptr addrspace(42) %p, ptr addrspace(42) %v) {
entry:
  %old = atomicrmw xchg ptr addrspace(42) %p, ptr addrspace(42) %v acq_rel, align 8
  ret ptr addrspace(42) %old
}

; CHECK-LABEL: define ptr addrspace(42) @xchg(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[VA:%.*]] = ptrtoint ptr addrspace(42) %v to i64
; CHECK:         br i1 {{%.*}}, label %twz.encoded, label %twz.encode.probe
; CHECK:       twz.encode.slow:
; CHECK-NEXT:    [[ENC:%.*]] = call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64 [ {{%.*}}, %entry ], [ {{%.*}}, %twz.encode.hit ], [ [[ENC]], %twz.encode.slow ]
; CHECK-NEXT:    [[RAW:%.*]] = atomicrmw xchg ptr [[F]], i64 [[ST]] acq_rel, align 8
; CHECK:         icmp uge i64 [[RAW]], 1073741824
; CHECK:       twz.slow:
; CHECK-NEXT:    [[SLOW:%.*]] = call i64 @__twz_resolve(i64 [[ADDR]], i64 [[RAW]])
; CHECK:       twz.resolved:
; CHECK-NEXT:    [[PHI:%.*]] = phi i64 [ 0, %twz.intra ], [ {{%.*}}, %twz.local ], [ {{%.*}}, %twz.hit ], [ [[SLOW]], %twz.slow ]
; CHECK-NEXT:    %old = inttoptr i64 [[PHI]] to ptr addrspace(42)
; CHECK-NEXT:    ret ptr addrspace(42) %old

; CHECK-NOT:   atomicrmw {{.*}}ptr addrspace(42)
