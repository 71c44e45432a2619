; A struct copy marked by the Clang plugin (`__twz_copy_layout.<size>...`,
; see llvm-pass/StructCopy.cpp) becomes a field-wise copy: the bytes go
; through a snapshot, each pointer slot is decoded from the source object
; and encoded for the destination object; the marker disappears.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s
; RUN: %opt -passes=twz-lower,twz-verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.big = type { [4 x i64], ptr addrspace(42), ptr addrspace(42) }

declare ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42))
declare ptr addrspace(42) @__twz_copy_layout.48.32x2s8(ptr addrspace(42))
declare void @takebig(ptr byval(%struct.big) align 8)
declare void @llvm.memcpy.p42.p42.i64(ptr addrspace(42), ptr addrspace(42), i64, i1)
declare void @llvm.memcpy.p0.p42.i64(ptr, ptr addrspace(42), i64, i1)
declare void @llvm.memcpy.p42.p0.i64(ptr addrspace(42), ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

; *a = *b between objects: decode from b's object, encode for a's.
; CHECK-LABEL: define void @between(
; CHECK:       [[TMP:%.*]] = alloca [16 x i8], align 16
; CHECK:       [[A:%.*]] = addrspacecast ptr addrspace(42) %a to ptr
; CHECK:       [[B:%.*]] = addrspacecast ptr addrspace(42) %b to ptr
; CHECK:       call void @llvm.memcpy.p0.p0.i64(ptr align 16 [[TMP]], ptr align 1 [[BE:%.*]], i64 16, i1 false)
; CHECK:       [[SLOT:%.*]] = getelementptr inbounds i8, ptr [[TMP]], i64 8
; CHECK:       [[RAW:%.*]] = load i64, ptr [[SLOT]], align 1
; CHECK:       call i64 @__twz_decode(i64 {{%.*}}, i64 [[RAW]])
; CHECK:       call void @llvm.memcpy.p0.p0.i64(ptr align 1 [[AE:%.*]], ptr align 16 [[TMP]], i64 16, i1 false)
; CHECK:       call i64 @__twz_encode(
; CHECK:       store i64 {{%.*}}, ptr {{%.*}}, align 1
; CHECK:       ret void
define void @between(ptr addrspace(42) %a, ptr addrspace(42) %b) {
  %ma = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %a)
  %mb = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %b)
  call void @llvm.memcpy.p42.p42.i64(ptr addrspace(42) align 8 %ma, ptr addrspace(42) align 8 %mb, i64 16, i1 false)
  ret void
}

; local = *b: decode only, nothing is encoded into ordinary memory.
; CHECK-LABEL: define void @out_of(
; CHECK:       call i64 @__twz_decode(
; CHECK-NOT:   __twz_encode
; CHECK:       ret void
define void @out_of(ptr %local, ptr addrspace(42) %b) {
  %mb = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %b)
  call void @llvm.memcpy.p0.p42.i64(ptr align 8 %local, ptr addrspace(42) align 8 %mb, i64 16, i1 false)
  ret void
}

; *a = local: encode only.
; CHECK-LABEL: define void @into(
; CHECK-NOT:   __twz_decode
; CHECK:       call i64 @__twz_encode(
; CHECK:       ret void
define void @into(ptr addrspace(42) %a, ptr %local) {
  %ma = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %a)
  call void @llvm.memcpy.p42.p0.i64(ptr addrspace(42) align 8 %ma, ptr align 8 %local, i64 16, i1 false)
  ret void
}

; memmove((void *)a, (void *)b, n) of n/16 elements: a loop over elements,
; backwards when the destination is above the source; the bytes of a last
; partial element are moved as they are.
; CHECK-LABEL: define void @array_move(
; CHECK:       [[N:%.*]] = udiv i64 %n, 16
; CHECK:       [[BACK:%.*]] = icmp ugt i64
; CHECK:       [[TAIL:%.*]] = urem i64 %n, 16
; CHECK:       [[FIRST:%.*]] = select i1 [[BACK]], i64 [[TAIL]], i64 0
; CHECK:       call void @llvm.memmove.p0.p0.i64(ptr align 1 {{%.*}}, ptr align 1 {{%.*}}, i64 [[FIRST]], i1 false)
; CHECK:     twz.copy.loop:
; CHECK:       [[I:%.*]] = phi i64 [ 0, {{%.*}} ], [ [[NEXT:%.*]], {{%.*}} ]
; CHECK:       select i1 [[BACK]]
; CHECK:       call i64 @__twz_decode(
; CHECK:       call i64 @__twz_encode(
; CHECK:       [[NEXT]] = add i64 [[I]], 1
; CHECK:       icmp ult i64 [[NEXT]], [[N]]
; CHECK:       [[LAST:%.*]] = select i1 [[BACK]], i64 0, i64 [[TAIL]]
; CHECK:       call void @llvm.memmove.p0.p0.i64(ptr align 1 {{%.*}}, ptr align 1 {{%.*}}, i64 [[LAST]], i1 false)
define void @array_move(ptr addrspace(42) %a, ptr addrspace(42) %b, i64 %n) {
  %ma = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %a)
  %mb = call ptr addrspace(42) @__twz_copy_layout.16.8(ptr addrspace(42) %b)
  %fa = addrspacecast ptr addrspace(42) %ma to ptr
  %fb = addrspacecast ptr addrspace(42) %mb to ptr
  call void @llvm.memmove.p0.p0.i64(ptr %fa, ptr %fb, i64 %n, i1 false)
  ret void
}

; Passed by value from object memory: the callee gets a translated copy.
; CHECK-LABEL: define void @byval(
; CHECK:       [[COPY:%.*]] = alloca %struct.big, align 8
; CHECK-COUNT-2: call i64 @__twz_decode(
; CHECK:       call void @takebig(ptr byval(%struct.big) align 8 [[COPY]])
define void @byval(ptr addrspace(42) %b) {
  %mb = call ptr addrspace(42) @__twz_copy_layout.48.32x2s8(ptr addrspace(42) %b)
  %fb = addrspacecast ptr addrspace(42) %mb to ptr
  call void @takebig(ptr byval(%struct.big) align 8 %fb)
  ret void
}

; No marker is left, nor its declaration.
; CHECK-NOT: __twz_copy_layout
