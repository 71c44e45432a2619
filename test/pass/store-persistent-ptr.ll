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

; CHECK: @__twz_ecache_base = external global i64
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
; CHECK-NEXT:    br i1 [[FAST]], label %twz.encoded, label %twz.encode.probe
; CHECK-EMPTY:
; Cross-object: the inline encode cache, with no call when it hits.
; CHECK-NEXT:  twz.encode.probe:
; CHECK-NEXT:    [[EBASE:%.*]] = load i64, ptr @__twz_ecache_base, align 8, !invariant.load
; CHECK-NEXT:    [[TSLOT:%.*]] = lshr i64 [[VA]], 30
; CHECK-NEXT:    [[R1:%.*]] = lshr i64 [[ADDR]], 30
; CHECK-NEXT:    [[R2:%.*]] = and i64 [[R1]], 131071
; CHECK-NEXT:    [[ROW:%.*]] = shl i64 [[R2]], 12
; CHECK-NEXT:    [[C1:%.*]] = and i64 [[TSLOT]], 511
; CHECK-NEXT:    [[COL:%.*]] = shl i64 [[C1]], 3
; CHECK-NEXT:    [[E1:%.*]] = add i64 [[EBASE]], [[ROW]]
; CHECK-NEXT:    [[E2:%.*]] = add i64 [[E1]], [[COL]]
; CHECK-NEXT:    [[EP:%.*]] = inttoptr i64 [[E2]] to ptr
; CHECK-NEXT:    [[W:%.*]] = load i64, ptr [[EP]], align 8
; CHECK-NEXT:    [[TAG:%.*]] = lshr i64 [[W]], 40
; CHECK-NEXT:    [[WANT:%.*]] = add i64 [[TSLOT]], 1
; CHECK-NEXT:    [[TAGOK:%.*]] = icmp eq i64 [[TAG]], [[WANT]]
; CHECK-NEXT:    br i1 [[TAGOK]], label %twz.encode.gen, label %twz.encode.slow
; CHECK-EMPTY:
; The container's FOT generation (header at offset 0x3FFFF000, field +80):
; a retargeted FOT makes every cached word of the container stale.
; CHECK-NEXT:  twz.encode.gen:
; CHECK-NEXT:    [[CONT:%.*]] = and i64 [[ADDR]], -1073741824
; CHECK-NEXT:    [[GA:%.*]] = or i64 [[CONT]], 1073737808
; CHECK-NEXT:    [[GP:%.*]] = inttoptr i64 [[GA]] to ptr
; CHECK-NEXT:    [[GEN:%.*]] = load atomic i64, ptr [[GP]] monotonic, align 8
; CHECK-NEXT:    [[WG1:%.*]] = lshr i64 [[W]], 16
; CHECK-NEXT:    [[WG:%.*]] = and i64 [[WG1]], 16777215
; CHECK-NEXT:    [[HG:%.*]] = and i64 [[GEN]], 16777215
; CHECK-NEXT:    [[GENOK:%.*]] = icmp eq i64 [[WG]], [[HG]]
; CHECK-NEXT:    br i1 [[GENOK]], label %twz.encode.hit, label %twz.encode.slow
; CHECK-EMPTY:
; CHECK-NEXT:  twz.encode.hit:
; CHECK-NEXT:    [[I1:%.*]] = and i64 [[W]], 65535
; CHECK-NEXT:    [[I2:%.*]] = shl i64 [[I1]], 30
; CHECK-NEXT:    [[HIT:%.*]] = or disjoint i64 [[I2]], [[LOCAL]]
; CHECK-NEXT:    br label %twz.encoded
; CHECK-EMPTY:
; CHECK-NEXT:  twz.encode.slow:
; CHECK-NEXT:    [[SLOW:%.*]] = call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK-NEXT:    br label %twz.encoded
; CHECK-EMPTY:
; CHECK-NEXT:  twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64 [ [[LOCAL]], %entry ], [ [[HIT]], %twz.encode.hit ], [ [[SLOW]], %twz.encode.slow ]
; CHECK-NEXT:    store i64 [[ST]], ptr [[F]], align 8
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }

; CHECK: declare i64 @__twz_encode(i64, i64) #[[ATTR:[0-9]+]]
; CHECK: attributes #[[ATTR]] = { nounwind }
