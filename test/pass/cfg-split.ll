; Decoding splits the block: instructions after the load move to
; twz.resolved, so phis in successors must name the new block, and a second
; pointer load in the same block gets its own (uniquely named) decode blocks.
; The output must pass the IR verifier (opt verifies its output).
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr addrspace(42) @two_hops(ptr addrspace(42) %p, i1 %c) {
entry:
  br i1 %c, label %walk, label %done
walk:
  %a = load ptr addrspace(42), ptr addrspace(42) %p, align 8
  %b = load ptr addrspace(42), ptr addrspace(42) %a, align 8
  br label %done
done:
  %r = phi ptr addrspace(42) [ %b, %walk ], [ null, %entry ]
  ret ptr addrspace(42) %r
}

; CHECK-LABEL: define ptr addrspace(42) @two_hops(
; CHECK:       walk:
; CHECK-NEXT:    [[F1:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[R1:%.*]] = load i64, ptr [[F1]], align 8
; CHECK:         br i1 {{%.*}}, label %twz.cross, label %twz.intra
; CHECK:       twz.resolved:
; CHECK-NEXT:    {{%.*}} = phi i64 [ 0, %twz.intra ], [ {{%.*}}, %twz.local ], [ {{%.*}}, %twz.hit ], [ {{%.*}}, %twz.slow ]
; CHECK-NEXT:    %a = inttoptr i64 {{%.*}} to ptr addrspace(42)
; CHECK-NEXT:    [[F2:%.*]] = addrspacecast ptr addrspace(42) %a to ptr
; CHECK-NEXT:    [[R2:%.*]] = load i64, ptr [[F2]], align 8
; CHECK:         br i1 {{%.*}}, label %[[CROSS2:twz.cross[0-9]+]], label %[[INTRA2:twz.intra[0-9]+]]
; CHECK:       [[CROSS2]]:
; CHECK:         icmp ult i64 [[R2]], 1099511627776
; CHECK:       [[DONE2:twz.resolved[0-9]+]]:
; CHECK-NEXT:    {{%.*}} = phi i64 [ 0, %[[INTRA2]] ], [ {{%.*}}, %twz.local{{[0-9]+}} ], [ {{%.*}}, %twz.hit{{[0-9]+}} ], [ {{%.*}}, %twz.slow{{[0-9]+}} ]
; CHECK-NEXT:    %b = inttoptr i64 {{%.*}} to ptr addrspace(42)
; CHECK-NEXT:    br label %done
; CHECK:       done:
; CHECK-NEXT:    %r = phi ptr addrspace(42) [ %b, %[[DONE2]] ], [ null, %entry ]
; CHECK-NEXT:    ret ptr addrspace(42) %r

; CHECK-NOT: load {{.*}}ptr addrspace(42) %
