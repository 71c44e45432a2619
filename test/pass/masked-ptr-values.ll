; Masked load/store whose DATA is a vector of persistent pointers would move
; stored forms (FOT index : offset) in and out of object memory lane by lane;
; the pass does not decode/encode lanes, so it must not silently re-mangle
; them to flat pointers: they stay untranslated and twz-verify rejects them.
; RUN: rm -rf %t && split-file %s %t
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/load.ll 2>&1 | FileCheck %s --check-prefix=LOAD
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/store.ll 2>&1 | FileCheck %s --check-prefix=STORE
; LOAD: error: {{.*}}in function ml {{.*}}: twz: intrinsic llvm.masked.load.v2p42.p42 on a __persistent pointer cannot be translated
; STORE: error: {{.*}}in function ms {{.*}}: twz: intrinsic llvm.masked.store.v2p42.p42 on a __persistent pointer cannot be translated
;--- load.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define <2 x ptr addrspace(42)> @ml(ptr addrspace(42) %p, <2 x i1> %m) {
  %v = call <2 x ptr addrspace(42)> @llvm.masked.load.v2p42.p42(ptr addrspace(42) %p, i32 8, <2 x i1> %m, <2 x ptr addrspace(42)> zeroinitializer)
  ret <2 x ptr addrspace(42)> %v
}

declare <2 x ptr addrspace(42)> @llvm.masked.load.v2p42.p42(ptr addrspace(42), i32 immarg, <2 x i1>, <2 x ptr addrspace(42)>)

;--- store.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @ms(ptr addrspace(42) %p, <2 x ptr addrspace(42)> %v, <2 x i1> %m) {
  call void @llvm.masked.store.v2p42.p42(<2 x ptr addrspace(42)> %v, ptr addrspace(42) %p, i32 8, <2 x i1> %m)
  ret void
}

declare void @llvm.masked.store.v2p42.p42(<2 x ptr addrspace(42)>, ptr addrspace(42), i32 immarg, <2 x i1>)
