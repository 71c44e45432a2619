; [2 x ptr addrspace(42)] in object memory is loaded/stored as [2 x i64]:
; each element is decoded on load and encoded on store, one runtime slow path
; per element.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define [2 x ptr addrspace(42)] @ld(ptr addrspace(42) %p) {
entry:
  %v = load [2 x ptr addrspace(42)], ptr addrspace(42) %p, align 8
  ret [2 x ptr addrspace(42)] %v
}

define void @st(ptr addrspace(42) %p, [2 x ptr addrspace(42)] %v) {
entry:
  store [2 x ptr addrspace(42)] %v, ptr addrspace(42) %p, align 8
  ret void
}

; CHECK-LABEL: define [2 x ptr addrspace(42)] @ld(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load [2 x i64], ptr [[F]], align 8
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[E0:%.*]] = extractvalue [2 x i64] [[RAW]], 0
; CHECK:         call i64 @__twz_resolve(i64 [[ADDR]], i64 [[E0]])
; CHECK:         [[P0:%.*]] = inttoptr i64 {{%.*}} to ptr addrspace(42)
; CHECK-NEXT:    [[A0:%.*]] = insertvalue [2 x ptr addrspace(42)] poison, ptr addrspace(42) [[P0]], 0
; CHECK-NEXT:    [[E1:%.*]] = extractvalue [2 x i64] [[RAW]], 1
; CHECK:         call i64 @__twz_resolve(i64 [[ADDR]], i64 [[E1]])
; CHECK:         [[P1:%.*]] = inttoptr i64 {{%.*}} to ptr addrspace(42)
; CHECK-NEXT:    %v = insertvalue [2 x ptr addrspace(42)] [[A0]], ptr addrspace(42) [[P1]], 1
; CHECK-NEXT:    ret [2 x ptr addrspace(42)] %v

; CHECK-LABEL: define void @st(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[E0:%.*]] = extractvalue [2 x ptr addrspace(42)] %v, 0
; CHECK-NEXT:    [[V0:%.*]] = ptrtoint ptr addrspace(42) [[E0]] to i64
; CHECK:         call i64 @__twz_encode(i64 [[ADDR]], i64 [[V0]])
; CHECK:         [[S0:%.*]] = phi i64
; CHECK-NEXT:    [[A0:%.*]] = insertvalue [2 x i64] poison, i64 [[S0]], 0
; CHECK-NEXT:    [[E1:%.*]] = extractvalue [2 x ptr addrspace(42)] %v, 1
; CHECK-NEXT:    [[V1:%.*]] = ptrtoint ptr addrspace(42) [[E1]] to i64
; CHECK:         call i64 @__twz_encode(i64 [[ADDR]], i64 [[V1]])
; CHECK:         [[S1:%.*]] = phi i64
; CHECK-NEXT:    [[A1:%.*]] = insertvalue [2 x i64] [[A0]], i64 [[S1]], 1
; CHECK-NEXT:    store [2 x i64] [[A1]], ptr [[F]], align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: {{load|store}} {{.*}}ptr addrspace(42) %
