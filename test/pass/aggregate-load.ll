; A struct { i32, ptr addrspace(42) } loaded from object memory is loaded as
; { i32, i64 }; the i32 is passed through and the i64 field is decoded, then
; the original struct type is rebuilt with insertvalue.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%pair = type { i32, ptr addrspace(42) }

define %pair @ld(ptr addrspace(42) %p) {
entry:
  %v = load %pair, ptr addrspace(42) %p, align 8
  ret %pair %v
}

; CHECK-LABEL: define %pair @ld(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%twz.rcache[0-9]*}} = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load { i32, i64 }, ptr [[F]], align 8
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[E0:%.*]] = extractvalue { i32, i64 } [[RAW]], 0
; CHECK-NEXT:    [[R0:%.*]] = insertvalue %pair poison, i32 [[E0]], 0
; CHECK-NEXT:    [[E1:%.*]] = extractvalue { i32, i64 } [[RAW]], 1
; CHECK-NEXT:    icmp uge i64 [[E1]], 1073741824
; CHECK:       twz.slow:
; CHECK-NEXT:    [[SLOW:%.*]] = call i64 @__twz_resolve(i64 [[ADDR]], i64 [[E1]])
; CHECK:       twz.resolved:
; CHECK-NEXT:    [[VA:%.*]] = phi i64 [ 0, %twz.intra ], [ {{%.*}}, %twz.local ], [ {{%.*}}, %twz.hit ], [ [[SLOW]], %twz.slow ]
; CHECK-NEXT:    [[P:%.*]] = inttoptr i64 [[VA]] to ptr addrspace(42)
; CHECK-NEXT:    %v = insertvalue %pair [[R0]], ptr addrspace(42) [[P]], 1
; CHECK-NEXT:    ret %pair %v

; CHECK-NOT: load {{.*}}ptr addrspace(42) %
