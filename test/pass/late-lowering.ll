; After LLVM's optimizers (MemCpyOpt merging `t = *a; *b = t;` into one
; memmove, SimplifyLibCalls turning strcpy into memcpy) memory operations
; can reappear on persistent addresses: they move bytes the early lowering
; already judged plain, so the late lowering flattens them. A persistent
; pointer *value* moved through object memory is still left to the verifier.
; RUN: %opt -passes=twz-lower-late -S %s | FileCheck %s
; RUN: not %opt -passes=twz-lower-late,twz-verify -disable-output %s 2>&1 | FileCheck %s --check-prefix=VERIFY

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @llvm.memmove.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64, i1)
declare void @llvm.memcpy.p42.p0.i64(ptr addrspace(42), ptr, i64, i1)

; CHECK-LABEL: define void @merged(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %b to ptr
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %a to ptr
; CHECK-NEXT:    call void @llvm.memmove.p0.p0.i64(ptr align 4 [[D]], ptr align 4 [[S]], i64 8, i1 false)
define void @merged(ptr addrspace(42) %a, ptr addrspace(42) %b) {
  call void @llvm.memmove.p42.p42.i64(ptr addrspace(42) align 4 %b, ptr addrspace(42) align 4 %a, i64 8, i1 false)
  ret void
}

@hello = private constant [6 x i8] c"hello\00"

; CHECK-LABEL: define void @strcpy_made(
; CHECK:         call void @llvm.memcpy.p0.p0.i64(ptr align 1 {{%.*}}, ptr align 1 @hello, i64 6, i1 false)
; CHECK:         store i32 7, ptr {{%.*}}, align 4
define void @strcpy_made(ptr addrspace(42) %name, ptr addrspace(42) %n) {
  call void @llvm.memcpy.p42.p0.i64(ptr addrspace(42) align 1 %name, ptr align 1 @hello, i64 6, i1 false)
  store i32 7, ptr addrspace(42) %n, align 4
  ret void
}

; CHECK-LABEL: define ptr addrspace(42) @pointer_value(
; CHECK-NEXT:    load ptr addrspace(42), ptr addrspace(42) %p
; VERIFY-NOT: merged
; VERIFY-NOT: strcpy_made
; VERIFY: error: {{.*}}pointer_value{{.*}}twz:
define ptr addrspace(42) @pointer_value(ptr addrspace(42) %p) {
  %v = load ptr addrspace(42), ptr addrspace(42) %p
  ret ptr addrspace(42) %v
}
