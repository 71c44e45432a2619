; llvm.masked.gather/scatter address memory through a VECTOR of persistent
; pointers, which the pass does not lower: twz-verify must report them rather
; than let the backend treat the addresses as flat memory.
; RUN: rm -rf %t && split-file %s %t
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/gather.ll 2>&1 | FileCheck %s --check-prefix=GATHER
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/scatter.ll 2>&1 | FileCheck %s --check-prefix=SCATTER
; GATHER: error: {{.*}}in function mg {{.*}}: twz: intrinsic llvm.masked.gather.v2i32.v2p42 on a __persistent pointer cannot be translated
; SCATTER: error: {{.*}}in function ms {{.*}}: twz: intrinsic llvm.masked.scatter.v2i32.v2p42 on a __persistent pointer cannot be translated
;--- gather.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define <2 x i32> @mg(<2 x ptr addrspace(42)> %ps, <2 x i1> %m) {
  %v = call <2 x i32> @llvm.masked.gather.v2i32.v2p42(<2 x ptr addrspace(42)> %ps, i32 4, <2 x i1> %m, <2 x i32> poison)
  ret <2 x i32> %v
}

declare <2 x i32> @llvm.masked.gather.v2i32.v2p42(<2 x ptr addrspace(42)>, i32 immarg, <2 x i1>, <2 x i32>)

;--- scatter.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @ms(<2 x i32> %v, <2 x ptr addrspace(42)> %ps, <2 x i1> %m) {
  call void @llvm.masked.scatter.v2i32.v2p42(<2 x i32> %v, <2 x ptr addrspace(42)> %ps, i32 4, <2 x i1> %m)
  ret void
}

declare void @llvm.masked.scatter.v2i32.v2p42(<2 x i32>, <2 x ptr addrspace(42)>, i32 immarg, <2 x i1>)
