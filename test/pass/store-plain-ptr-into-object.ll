; A plain (addrspace 0) pointer stored into object memory is just 8 bytes of
; data: the store goes to the flat address with no encode and no runtime call.
; Loading a plain pointer back from object memory is not decoded either.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_plain(ptr addrspace(42) %p, ptr %v) {
  store ptr %v, ptr addrspace(42) %p, align 8
  ret void
}

define ptr @load_plain(ptr addrspace(42) %p) {
  %v = load ptr, ptr addrspace(42) %p, align 8
  ret ptr %v
}

; CHECK-LABEL: define void @store_plain(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store ptr %v, ptr [[F]], align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define ptr @load_plain(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load ptr, ptr [[F]], align 8
; CHECK-NEXT:    ret ptr %v
; CHECK-NEXT:  }

; CHECK-NOT: call i64 @__twz_
