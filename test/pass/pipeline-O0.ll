; The lowering is registered at PipelineStartEP, so the plain -O0 pipeline
; lowers too, including optnone/noinline functions (the pass is required).
; (verify-global.ll checks that the verifier runs in the -O0 pipeline.)
; RUN: %opt -passes='default<O0>' -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @plain(ptr addrspace(42) %p) {
  %v = load i32, ptr addrspace(42) %p, align 4
  ret i32 %v
}

define void @link(ptr addrspace(42) %p, ptr addrspace(42) %q) #0 {
entry:
  %n = load ptr addrspace(42), ptr addrspace(42) %q, align 8
  store ptr addrspace(42) %n, ptr addrspace(42) %p, align 8
  ret void
}

attributes #0 = { noinline nounwind optnone }

; CHECK-LABEL: define i32 @plain(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load i32, ptr [[F]], align 4

; CHECK-LABEL: define void @link(
; CHECK-SAME:    #[[ATTR:[0-9]+]]
; CHECK:         [[RAW:%.*]] = load i64, ptr {{%.*}}, align 8
; CHECK:         call i64 @__twz_resolve(i64 {{%.*}}, i64 [[RAW]])
; CHECK:         call i64 @__twz_encode(
; CHECK:         store i64 {{%.*}}, ptr {{%.*}}, align 8
; CHECK-NEXT:    ret void

; CHECK: attributes #[[ATTR]] = { noinline nounwind optnone }
; CHECK-NOT: {{load|store}} {{.*}}ptr addrspace(42) %
