; Storing the constant null persistent pointer writes stored form 0 directly:
; no encode branch, no runtime call.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @clear(ptr addrspace(42) %p) {
  store ptr addrspace(42) null, ptr addrspace(42) %p, align 8
  ret void
}

define void @clear_atomic(ptr addrspace(42) %p) {
  store atomic ptr addrspace(42) null, ptr addrspace(42) %p release, align 8
  ret void
}

; CHECK-LABEL: define void @clear(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NOT:     call
; CHECK-NOT:     br
; CHECK:         store i64 0, ptr [[F]], align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @clear_atomic(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NOT:     call
; CHECK-NOT:     br
; CHECK:         store atomic i64 0, ptr [[F]] release, align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: twz.encode
