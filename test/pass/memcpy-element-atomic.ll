; The element-wise unordered-atomic memcpy/memmove/memset intrinsics with
; __persistent operands are re-created on flat pointers (element size kept).
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @ea(ptr addrspace(42) %dst, ptr addrspace(42) %src, i64 %n) {
  call void @llvm.memcpy.element.unordered.atomic.p42.p42.i64(ptr addrspace(42) align 8 %dst, ptr addrspace(42) align 8 %src, i64 %n, i32 8)
  call void @llvm.memmove.element.unordered.atomic.p42.p42.i64(ptr addrspace(42) align 4 %dst, ptr addrspace(42) align 4 %src, i64 %n, i32 4)
  call void @llvm.memset.element.unordered.atomic.p42.i64(ptr addrspace(42) align 2 %dst, i8 1, i64 %n, i32 2)
  ret void
}

declare void @llvm.memcpy.element.unordered.atomic.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64, i32 immarg)
declare void @llvm.memmove.element.unordered.atomic.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64, i32 immarg)
declare void @llvm.memset.element.unordered.atomic.p42.i64(ptr addrspace(42), i8, i64, i32 immarg)

; CHECK-LABEL: define void @ea(
; CHECK-NEXT:    [[D1:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    [[S1:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memcpy.element.unordered.atomic.p0.p0.i64(ptr align 8 [[D1]], ptr align 8 [[S1]], i64 %n, i32 8)
; CHECK-NEXT:    [[D2:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    [[S2:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memmove.element.unordered.atomic.p0.p0.i64(ptr align 4 [[D2]], ptr align 4 [[S2]], i64 %n, i32 4)
; CHECK-NEXT:    [[D3:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    call void @llvm.memset.element.unordered.atomic.p0.i64(ptr align 2 [[D3]], i8 1, i64 %n, i32 2)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.{{.*}}p42
