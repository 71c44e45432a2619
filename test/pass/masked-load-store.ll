; Masked load/store of non-pointer data through a __persistent address are
; re-created on the flat pointer (alignment and mask operands kept).
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define <4 x i32> @ml(ptr addrspace(42) %p, <4 x i1> %m, <4 x i32> %pt) {
  %v = call <4 x i32> @llvm.masked.load.v4i32.p42(ptr addrspace(42) %p, i32 4, <4 x i1> %m, <4 x i32> %pt)
  call void @llvm.masked.store.v4i32.p42(<4 x i32> %v, ptr addrspace(42) %p, i32 16, <4 x i1> %m)
  ret <4 x i32> %v
}

declare <4 x i32> @llvm.masked.load.v4i32.p42(ptr addrspace(42), i32 immarg, <4 x i1>, <4 x i32>)
declare void @llvm.masked.store.v4i32.p42(<4 x i32>, ptr addrspace(42), i32 immarg, <4 x i1>)

; CHECK-LABEL: define <4 x i32> @ml(
; CHECK-NEXT:    [[F1:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = call <4 x i32> @llvm.masked.load.v4i32.p0(ptr [[F1]], i32 4, <4 x i1> %m, <4 x i32> %pt)
; CHECK-NEXT:    [[F2:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    call void @llvm.masked.store.v4i32.p0(<4 x i32> %v, ptr [[F2]], i32 16, <4 x i1> %m)
; CHECK-NEXT:    ret <4 x i32> %v

; CHECK-NOT: call {{.*}}@llvm.masked.{{.*}}p42
