; A struct { i32, ptr addrspace(42) } stored into object memory: the pointer
; field is encoded and the value is stored as { i32, i64 }. A null pointer
; field inside a constant struct is encoded as 0 without a runtime call.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%pair = type { i32, ptr addrspace(42) }

define void @st(ptr addrspace(42) %p, %pair %v) {
entry:
  store %pair %v, ptr addrspace(42) %p, align 8
  ret void
}

define void @st_const(ptr addrspace(42) %p) {
entry:
  store %pair { i32 5, ptr addrspace(42) null }, ptr addrspace(42) %p, align 8
  ret void
}

; CHECK-LABEL: define void @st(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[E0:%.*]] = extractvalue %pair %v, 0
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { i32, i64 } poison, i32 [[E0]], 0
; CHECK-NEXT:    [[E1:%.*]] = extractvalue %pair %v, 1
; CHECK-NEXT:    [[VA:%.*]] = ptrtoint ptr addrspace(42) [[E1]] to i64
; CHECK:       twz.encode.slow:
; CHECK-NEXT:    [[ENC:%.*]] = call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64 [ {{%.*}}, %entry ], [ {{%.*}}, %twz.encode.hit ], [ [[ENC]], %twz.encode.slow ]
; CHECK-NEXT:    [[R1:%.*]] = insertvalue { i32, i64 } [[R0]], i64 [[ST]], 1
; CHECK-NEXT:    store { i32, i64 } [[R1]], ptr [[F]], align 8
; CHECK-NEXT:    ret void

; CHECK-LABEL: define void @st_const(
; CHECK-NOT:     call
; CHECK-NOT:     br
; CHECK:         store { i32, i64 } { i32 5, i64 0 }, ptr {{%.*}}, align 8
; CHECK-NEXT:    ret void

; CHECK-NOT: store {{.*}}ptr addrspace(42) %
