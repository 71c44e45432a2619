; Under default<O2> the lowering runs first and LLVM's optimizers then clean
; up the decode: in a pointer-chasing loop the invariant load of
; @__twz_rcache_base is hoisted out of the loop into the preheader, while
; the per-pointer decode (and its __twz_resolve slow path) stays in the loop.
; RUN: %opt -passes='default<O2>' -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%node = type { i64, ptr addrspace(42) }

define i64 @sum(ptr addrspace(42) %head) {
entry:
  %empty = icmp eq ptr addrspace(42) %head, null
  br i1 %empty, label %exit, label %loop

loop:
  %n = phi ptr addrspace(42) [ %head, %entry ], [ %next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %v = load i64, ptr addrspace(42) %n, align 8
  %acc.next = add i64 %acc, %v
  %nextp = getelementptr inbounds %node, ptr addrspace(42) %n, i64 0, i32 1
  %next = load ptr addrspace(42), ptr addrspace(42) %nextp, align 8
  %done = icmp eq ptr addrspace(42) %next, null
  br i1 %done, label %exit, label %loop

exit:
  %r = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  ret i64 %r
}

; CHECK-LABEL: define i64 @sum(
; CHECK:         [[BASE:%.*]] = load i64, ptr @__twz_rcache_base, align 8
; CHECK:         br {{.*}}label %loop
; CHECK:       loop:
; CHECK-NOT:     @__twz_rcache_base
; CHECK:         [[GEP:%.*]] = getelementptr inbounds i8, ptr addrspace(42) %n, i64 8
; CHECK-NEXT:    [[GF:%.*]] = addrspacecast ptr addrspace(42) [[GEP]] to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load i64, ptr [[GF]], align 8
; CHECK-NOT:     @__twz_rcache_base
; CHECK:       twz.probe:
; CHECK-NOT:     @__twz_rcache_base
; CHECK:         add i64 {{.*}}[[BASE]]
; CHECK-NOT:     @__twz_rcache_base
; CHECK:         call i64 @__twz_resolve(i64 {{%.*}}, i64 [[RAW]])
; CHECK-NOT:     @__twz_rcache_base
; CHECK:         br i1 {{%.*}}, label %exit, label %loop
; CHECK:       exit:

; CHECK-NOT: {{load|store}} {{.*}}ptr addrspace(42) %
