; Scalar loads through a __persistent address become the same load on the
; addrspacecast flat pointer (type, alignment kept); nothing is decoded.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

; CHECK-LABEL: define i32 @load_i32(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load i32, ptr [[F]], align 4
; CHECK-NEXT:    ret i32 %v

; CHECK-LABEL: define double @load_double_gep(
; CHECK-NEXT:    %q = getelementptr inbounds i8, ptr addrspace(42) %p, i64 16
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %q to ptr
; CHECK-NEXT:    %v = load double, ptr [[F]], align 2
; CHECK-NEXT:    ret double %v

; CHECK-LABEL: define <4 x i32> @load_vec(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load <4 x i32>, ptr [[F]], align 16
; CHECK-NEXT:    ret <4 x i32> %v

; A struct without persistent pointers is loaded as is.
; CHECK-LABEL: define { i32, i64 } @load_plain_struct(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load { i32, i64 }, ptr [[F]], align 8
; CHECK-NEXT:    ret { i32, i64 } %v

; CHECK-NOT:   load {{.*}}ptr addrspace(42) %

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @load_i32(ptr addrspace(42) %p) {
  %v = load i32, ptr addrspace(42) %p, align 4
  ret i32 %v
}

define double @load_double_gep(ptr addrspace(42) %p) {
  %q = getelementptr inbounds i8, ptr addrspace(42) %p, i64 16
  %v = load double, ptr addrspace(42) %q, align 2
  ret double %v
}

define <4 x i32> @load_vec(ptr addrspace(42) %p) {
  %v = load <4 x i32>, ptr addrspace(42) %p, align 16
  ret <4 x i32> %v
}

define { i32, i64 } @load_plain_struct(ptr addrspace(42) %p) {
  %v = load { i32, i64 }, ptr addrspace(42) %p, align 8
  ret { i32, i64 } %v
}
