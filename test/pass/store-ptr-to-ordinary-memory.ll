; Storing a persistent pointer into ordinary (addrspace 0) memory keeps the
; virtual address: no encode, no i64 conversion, store left untouched.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @to_local(ptr %q, ptr addrspace(42) %v) {
  store ptr addrspace(42) %v, ptr %q, align 8
  ret void
}

define void @to_local_atomic(ptr %q, ptr addrspace(42) %v) {
  store atomic ptr addrspace(42) %v, ptr %q seq_cst, align 8
  ret void
}

define void @struct_to_local(ptr %q, { i32, ptr addrspace(42) } %s) {
  store { i32, ptr addrspace(42) } %s, ptr %q, align 8
  ret void
}

; CHECK-NOT: @__twz_rcache_base

; CHECK-LABEL: define void @to_local(
; CHECK-NEXT:    store ptr addrspace(42) %v, ptr %q, align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @to_local_atomic(
; CHECK-NEXT:    store atomic ptr addrspace(42) %v, ptr %q seq_cst, align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @struct_to_local(
; CHECK-NEXT:    store { i32, ptr addrspace(42) } %s, ptr %q, align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: __twz_
