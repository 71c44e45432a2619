; Storing a persistent pointer VALUE into object memory: encode it (null and
; same-object pointers inline as the offset, everything else through
; __twz_encode) and store the i64 stored form.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @set_next(ptr addrspace(42) %p, ptr addrspace(42) %v) {
entry:
  %slot = getelementptr inbounds i8, ptr addrspace(42) %p, i64 8
  store ptr addrspace(42) %v, ptr addrspace(42) %slot, align 8
  ret void
}

; CHECK-LABEL: define void @set_next(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %slot = getelementptr inbounds i8, ptr addrspace(42) %p, i64 8
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %slot to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[VA:%.*]] = ptrtoint ptr addrspace(42) %v to i64
; CHECK-NEXT:    [[X:%.*]] = xor i64 [[VA]], [[ADDR]]
; CHECK-NEXT:    [[SAME:%.*]] = icmp ult i64 [[X]], 1073741824
; CHECK-NEXT:    [[NULL:%.*]] = icmp eq i64 [[VA]], 0
; CHECK-NEXT:    [[FAST:%.*]] = or i1 [[SAME]], [[NULL]]
; CHECK-NEXT:    [[LOCAL:%.*]] = and i64 [[VA]], 1073741823
; CHECK-NEXT:    br i1 [[FAST]], label %twz.encoded, label %twz.encode.slow
; CHECK-EMPTY:
; CHECK-NEXT:  twz.encode.slow:
; CHECK-NEXT:    [[SLOW:%.*]] = call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK-NEXT:    br label %twz.encoded
; CHECK-EMPTY:
; CHECK-NEXT:  twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64 [ [[LOCAL]], %entry ], [ [[SLOW]], %twz.encode.slow ]
; CHECK-NEXT:    store i64 [[ST]], ptr [[F]], align 8
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }

; CHECK: declare i64 @__twz_encode(i64, i64) #[[ATTR:[0-9]+]]
; CHECK: attributes #[[ATTR]] = { nounwind }
