; llvm.memcpy with __persistent operands is re-created as llvm.memcpy.p0.p0
; on the flat pointers, for object->local, local->object and object->object
; copies; length, volatile flag and parameter attributes are kept.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @obj_to_local(ptr %dst, ptr addrspace(42) %src, i64 %n) {
  call void @llvm.memcpy.p0.p42.i64(ptr align 8 %dst, ptr addrspace(42) align 4 %src, i64 %n, i1 false)
  ret void
}

define void @local_to_obj(ptr addrspace(42) %dst, ptr %src) {
  call void @llvm.memcpy.p42.p0.i64(ptr addrspace(42) align 16 %dst, ptr align 16 %src, i64 64, i1 true)
  ret void
}

define void @obj_to_obj(ptr addrspace(42) %dst, ptr addrspace(42) %src, i32 %n) {
  call void @llvm.memcpy.p42.p42.i32(ptr addrspace(42) %dst, ptr addrspace(42) %src, i32 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p42.i64(ptr, ptr addrspace(42), i64, i1)
declare void @llvm.memcpy.p42.p0.i64(ptr addrspace(42), ptr, i64, i1)
declare void @llvm.memcpy.p42.p42.i32(ptr addrspace(42), ptr addrspace(42), i32, i1)

; CHECK-LABEL: define void @obj_to_local(
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 4 [[S]], i64 %n, i1 false)
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @local_to_obj(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 16 [[D]], ptr align 16 %src, i64 64, i1 true)
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @obj_to_obj(
; CHECK-NEXT:    [[D:%.*]] = addrspacecast ptr addrspace(42) %dst to ptr
; CHECK-NEXT:    [[S:%.*]] = addrspacecast ptr addrspace(42) %src to ptr
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i32(ptr [[D]], ptr [[S]], i32 %n, i1 false)
; CHECK-NEXT:    ret void

; CHECK-NOT: call void @llvm.memcpy.{{.*}}p42

; The persistent variants of the intrinsic are unused afterwards and removed.
; CHECK-NOT: declare {{.*}}@llvm.memcpy.p{{(0.p42|42)}}
