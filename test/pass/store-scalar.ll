; Scalar stores through a __persistent address become the same store on the
; flat pointer (value, type and alignment kept); nothing is encoded.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

; CHECK-LABEL: define void @store_i32(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store i32 7, ptr [[F]], align 4
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @store_i64_gep(
; CHECK-NEXT:    %q = getelementptr inbounds i64, ptr addrspace(42) %p, i64 3
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %q to ptr
; CHECK-NEXT:    store i64 %v, ptr [[F]], align 4
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @store_float(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store float %f, ptr [[F]], align 4
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @store_plain_struct(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store { i8, i16 } %s, ptr [[F]], align 2
; CHECK-NEXT:    ret void

; CHECK-NOT:   store {{.*}}ptr addrspace(42) %

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_i32(ptr addrspace(42) %p) {
  store i32 7, ptr addrspace(42) %p, align 4
  ret void
}

define void @store_i64_gep(ptr addrspace(42) %p, i64 %v) {
  %q = getelementptr inbounds i64, ptr addrspace(42) %p, i64 3
  store i64 %v, ptr addrspace(42) %q, align 4
  ret void
}

define void @store_float(ptr addrspace(42) %p, float %f) {
  store float %f, ptr addrspace(42) %p, align 4
  ret void
}

define void @store_plain_struct(ptr addrspace(42) %p, { i8, i16 } %s) {
  store { i8, i16 } %s, ptr addrspace(42) %p, align 2
  ret void
}
