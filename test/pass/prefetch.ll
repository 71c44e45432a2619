; llvm.prefetch of a __persistent address becomes llvm.prefetch.p0 on the flat
; pointer with the rw/locality/cache-type operands kept.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @pf(ptr addrspace(42) %p) {
  call void @llvm.prefetch.p42(ptr addrspace(42) %p, i32 1, i32 3, i32 1)
  ret void
}

declare void @llvm.prefetch.p42(ptr addrspace(42) nocapture readonly, i32 immarg, i32 immarg, i32 immarg)

; CHECK-LABEL: define void @pf(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    call void @llvm.prefetch.p0(ptr [[F]], i32 1, i32 3, i32 1)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.prefetch.p42
