; An integer cmpxchg through a __persistent address stays a cmpxchg on the flat
; pointer with weak/volatile, syncscope, both orderings and alignment kept.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i1 @cx_weak(ptr addrspace(42) %p, i64 %e, i64 %n) {
  %r = cmpxchg weak volatile ptr addrspace(42) %p, i64 %e, i64 %n syncscope("singlethread") acq_rel monotonic, align 8
  %ok = extractvalue { i64, i1 } %r, 1
  ret i1 %ok
}

define i32 @cx_strong(ptr addrspace(42) %p, i32 %e, i32 %n) {
  %r = cmpxchg ptr addrspace(42) %p, i32 %e, i32 %n seq_cst acquire, align 16
  %old = extractvalue { i32, i1 } %r, 0
  ret i32 %old
}

; CHECK-LABEL: define i1 @cx_weak(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %r = cmpxchg weak volatile ptr [[F]], i64 %e, i64 %n syncscope("singlethread") acq_rel monotonic, align 8
; CHECK-NEXT:    %ok = extractvalue { i64, i1 } %r, 1
; CHECK-NEXT:    ret i1 %ok

; CHECK-LABEL: define i32 @cx_strong(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %r = cmpxchg ptr [[F]], i32 %e, i32 %n seq_cst acquire, align 16
; CHECK-NEXT:    %old = extractvalue { i32, i1 } %r, 0
; CHECK-NEXT:    ret i32 %old

; CHECK-NOT: call i64 @__twz_cmpxchg_ptr(
