; Calls that pass or return persistent pointers (in registers) are left
; alone: no addrspacecast, no encode/decode, and a function with no memory
; accesses through persistent addresses is not changed at all.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare ptr addrspace(42) @twz_alloc(ptr addrspace(42), i64)
declare void @use(ptr addrspace(42) noundef nonnull, ptr addrspace(42))

define ptr addrspace(42) @calls(ptr addrspace(42) %obj) {
  %p = call ptr addrspace(42) @twz_alloc(ptr addrspace(42) %obj, i64 16)
  call void @use(ptr addrspace(42) noundef nonnull %p, ptr addrspace(42) null)
  %t = tail call ptr addrspace(42) @twz_alloc(ptr addrspace(42) %p, i64 8)
  ret ptr addrspace(42) %t
}

; The module also has one lowered access, so the runtime is declared; the
; function above must still be untouched.
define i8 @other(ptr addrspace(42) %p) {
  %v = load i8, ptr addrspace(42) %p, align 1
  ret i8 %v
}

; CHECK-LABEL: define ptr addrspace(42) @calls(
; CHECK-NEXT:    %p = call ptr addrspace(42) @twz_alloc(ptr addrspace(42) %obj, i64 16)
; CHECK-NEXT:    call void @use(ptr addrspace(42) noundef nonnull %p, ptr addrspace(42) null)
; CHECK-NEXT:    %t = tail call ptr addrspace(42) @twz_alloc(ptr addrspace(42) %p, i64 8)
; CHECK-NEXT:    ret ptr addrspace(42) %t
; CHECK-NEXT:  }

; CHECK-LABEL: define i8 @other(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load i8, ptr [[F]], align 1
