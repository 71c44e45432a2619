; llvm.memcpy.inline (constant length) with __persistent operands becomes
; llvm.memcpy.inline.p0.p0 on the flat pointers.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @cpi(ptr addrspace(42) %dst, ptr %src) {
  call void @llvm.memcpy.inline.p42.p0.i64(ptr addrspace(42) align 8 %dst, ptr align 8 %src, i64 16, i1 false)
  ret void
}

define void @cpi_obj(ptr addrspace(42) %dst, ptr addrspace(42) %src) {
  call void @llvm.memcpy.inline.p42.p42.i64(ptr addrspace(42) %dst, ptr addrspace(42) %src, i64 8, i1 true)
  ret void
}

declare void @llvm.memcpy.inline.p42.p0.i64(ptr addrspace(42), ptr, i64 immarg, i1 immarg)
declare void @llvm.memcpy.inline.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64 immarg, i1 immarg)

; CHECK-LABEL: define void @cpi(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    call void @llvm.memcpy.inline.p0.p0.i64(ptr align 8 [[D]], ptr align 8 %src, i64 16, i1 false)
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @cpi_obj(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memcpy.inline.p0.p0.i64(ptr [[D]], ptr [[S]], i64 8, i1 true)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.memcpy.inline.{{.*}}p42
