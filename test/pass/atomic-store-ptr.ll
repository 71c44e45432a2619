; An atomic store of a persistent pointer into object memory: encode, then an
; atomic i64 store with the same ordering, syncscope and alignment.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @rel(ptr addrspace(42) %p, ptr addrspace(42) %v) {
entry:
  store atomic ptr addrspace(42) %v, ptr addrspace(42) %p release, align 8
  ret void
}

define void @sc_single(ptr addrspace(42) %p, ptr addrspace(42) %v) {
entry:
  store atomic ptr addrspace(42) %v, ptr addrspace(42) %p syncscope("singlethread") seq_cst, align 8
  ret void
}

define void @int_unordered(ptr addrspace(42) %p, i64 %x) {
entry:
  store atomic i64 %x, ptr addrspace(42) %p unordered, align 8
  ret void
}

; CHECK-LABEL: define void @rel(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[VA:%.*]] = ptrtoint ptr addrspace(42) %v to i64
; CHECK:       twz.encode.slow:
; CHECK-NEXT:    [[ENC:%.*]] = call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64 [ {{%.*}}, %entry ], [ {{%.*}}, %twz.encode.hit ], [ [[ENC]], %twz.encode.slow ]
; CHECK-NEXT:    store atomic i64 [[ST]], ptr [[F]] release, align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @sc_single(
; CHECK:         call i64 @__twz_encode(
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64
; CHECK-NEXT:    store atomic i64 [[ST]], ptr {{%.*}} syncscope("singlethread") seq_cst, align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @int_unordered(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store atomic i64 %x, ptr [[F]] unordered, align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: store {{.*}}ptr addrspace(42) %
