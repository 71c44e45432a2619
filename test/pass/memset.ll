; llvm.memset / llvm.memset.inline with a __persistent destination become the
; p0 variants on the flat pointer (value, length, volatile flag kept).
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @ms(ptr addrspace(42) %dst, i8 %c, i64 %n) {
  call void @llvm.memset.p42.i64(ptr addrspace(42) align 4 %dst, i8 %c, i64 %n, i1 false)
  ret void
}

define void @ms_inline(ptr addrspace(42) %dst) {
  call void @llvm.memset.inline.p42.i64(ptr addrspace(42) align 8 %dst, i8 0, i64 32, i1 true)
  ret void
}

declare void @llvm.memset.p42.i64(ptr addrspace(42), i8, i64, i1)
declare void @llvm.memset.inline.p42.i64(ptr addrspace(42), i8, i64, i1)

; CHECK-LABEL: define void @ms(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 4 [[D]], i8 %c, i64 %n, i1 false)
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @ms_inline(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    call void @llvm.memset.inline.p0.i64(ptr align 8 [[D]], i8 0, i64 32, i1 true)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.memset.{{.*}}p42
