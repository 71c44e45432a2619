; Loading a persistent pointer VALUE from object memory: an i64 load of the
; stored form, then the full decode (null / intra-object inline, cross-object
; through the resolution cache, misses through __twz_resolve), merged in a phi
; that is turned back into a ptr addrspace(42).
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__twz_rcache_base = external global i64

define i32 @deref_next(ptr addrspace(42) %p) {
entry:
  %slot = getelementptr inbounds i8, ptr addrspace(42) %p, i64 8
  %next = load ptr addrspace(42), ptr addrspace(42) %slot, align 8
  %v = load i32, ptr addrspace(42) %next, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @deref_next(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[BASE:%twz.rcache[0-9]*]] = load i64, ptr @__twz_rcache_base, align 8, !invariant.load
; CHECK-NEXT:    %slot = getelementptr inbounds i8, ptr addrspace(42) %p, i64 8
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %slot to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load i64, ptr [[F]], align 8
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[ISCROSS:%.*]] = icmp uge i64 [[RAW]], 1073741824
; CHECK-NEXT:    br i1 [[ISCROSS]], label %twz.cross, label %twz.intra
; CHECK-EMPTY:
; The null test is a branch weighted as rare, not a select: it stays off the
; data dependency between one pointer load and the next.
; CHECK-NEXT:  twz.intra:
; CHECK-NEXT:    [[ISNULL:%.*]] = icmp eq i64 [[RAW]], 0
; CHECK-NEXT:    br i1 [[ISNULL]], label %twz.resolved, label %twz.local, !prof [[RARE:![0-9]+]]
; CHECK-EMPTY:
; CHECK-NEXT:  twz.local:
; CHECK-NEXT:    [[CONT:%.*]] = and i64 [[ADDR]], -1073741824
; CHECK-NEXT:    [[LOCAL:%.*]] = or disjoint i64 [[CONT]], [[RAW]]
; CHECK-NEXT:    br label %twz.resolved
; CHECK-EMPTY:
; CHECK-NEXT:  twz.cross:
; CHECK-NEXT:    [[INCACHE:%.*]] = icmp ult i64 [[RAW]], 1099511627776
; CHECK-NEXT:    br i1 [[INCACHE]], label %twz.probe, label %twz.slow, !prof [[LIKELY:![0-9]+]]
; CHECK-EMPTY:
; CHECK-NEXT:  twz.probe:
; CHECK-NEXT:    [[S1:%.*]] = lshr i64 [[ADDR]], 30
; CHECK-NEXT:    [[S2:%.*]] = and i64 [[S1]], 131071
; CHECK-NEXT:    [[SLOTOFF:%.*]] = shl i64 [[S2]], 13
; CHECK-NEXT:    [[I1:%.*]] = lshr i64 [[RAW]], 30
; CHECK-NEXT:    [[IDXOFF:%.*]] = shl i64 [[I1]], 3
; CHECK-NEXT:    [[E1:%.*]] = add i64 [[BASE]], [[SLOTOFF]]
; CHECK-NEXT:    [[E2:%.*]] = add i64 [[E1]], [[IDXOFF]]
; CHECK-NEXT:    [[ENTRY:%.*]] = inttoptr i64 [[E2]] to ptr
; CHECK-NEXT:    [[TARGET:%.*]] = load i64, ptr [[ENTRY]], align 8
; CHECK-NEXT:    [[NZ:%.*]] = icmp ne i64 [[TARGET]], 0
; CHECK-NEXT:    br i1 [[NZ]], label %twz.hit, label %twz.slow, !prof [[LIKELY]]
; CHECK-EMPTY:
; CHECK-NEXT:  twz.hit:
; CHECK-NEXT:    [[OFF:%.*]] = and i64 [[RAW]], 1073741823
; CHECK-NEXT:    [[HITVAL:%.*]] = or disjoint i64 [[TARGET]], [[OFF]]
; CHECK-NEXT:    br label %twz.resolved
; CHECK-EMPTY:
; CHECK-NEXT:  twz.slow:
; CHECK-NEXT:    [[SLOWVAL:%.*]] = call i64 @__twz_resolve(i64 [[ADDR]], i64 [[RAW]])
; CHECK-NEXT:    br label %twz.resolved
; CHECK-EMPTY:
; CHECK-NEXT:  twz.resolved:
; CHECK-NEXT:    [[VA:%twz.va[0-9]*]] = phi i64 [ 0, %twz.intra ], [ [[LOCAL]], %twz.local ], [ [[HITVAL]], %twz.hit ], [ [[SLOWVAL]], %twz.slow ]
; CHECK-NEXT:    %next = inttoptr i64 [[VA]] to ptr addrspace(42)
; CHECK-NEXT:    [[F2:%.*]] = addrspacecast ptr addrspace(42) %next to ptr
; CHECK-NEXT:    %v = load i32, ptr [[F2]], align 4
; CHECK-NEXT:    ret i32 %v
; CHECK-NEXT:  }

; CHECK: declare i64 @__twz_resolve(i64, i64) #[[ATTR:[0-9]+]]
; CHECK: attributes #[[ATTR]] = { nounwind }
; CHECK: [[RARE]] = !{!"branch_weights", i32 1, i32 2000}
; CHECK: [[LIKELY]] = !{!"branch_weights", i32 2000, i32 1}
