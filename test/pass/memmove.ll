; llvm.memmove with __persistent operands becomes llvm.memmove.p0.p0 on the
; flat pointers (length, volatile flag and alignments kept).
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @mv(ptr addrspace(42) %dst, ptr addrspace(42) %src, i64 %n) {
  call void @llvm.memmove.p42.p42.i64(ptr addrspace(42) align 8 %dst, ptr addrspace(42) align 8 %src, i64 %n, i1 false)
  ret void
}

define void @mv_mixed(ptr %dst, ptr addrspace(42) %src) {
  call void @llvm.memmove.p0.p42.i64(ptr %dst, ptr addrspace(42) %src, i64 24, i1 true)
  ret void
}

declare void @llvm.memmove.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64, i1)
declare void @llvm.memmove.p0.p42.i64(ptr, ptr addrspace(42), i64, i1)

; CHECK-LABEL: define void @mv(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memmove.p0.p0.i64(ptr align 8 [[D]], ptr align 8 [[S]], i64 %n, i1 false)
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @mv_mixed(
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memmove.p0.p0.i64(ptr %dst, ptr [[S]], i64 24, i1 true)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.memmove.{{.*}}p42
