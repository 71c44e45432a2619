; Non-pointer atomicrmw through a __persistent address: same operation on the
; flat pointer, with ordering, syncscope, volatile and alignment kept; no
; encode/decode.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i64 @rmw(ptr addrspace(42) %p, i64 %v, i32 %w, float %f) {
  %a = atomicrmw add ptr addrspace(42) %p, i64 %v seq_cst, align 8
  %b = atomicrmw volatile sub ptr addrspace(42) %p, i64 %a syncscope("singlethread") monotonic, align 8
  %c = atomicrmw xchg ptr addrspace(42) %p, i32 %w release, align 4
  %d = atomicrmw umax ptr addrspace(42) %p, i32 %c acquire, align 4
  %e = atomicrmw fadd ptr addrspace(42) %p, float %f acq_rel, align 4
  ret i64 %b
}

; CHECK-LABEL: define i64 @rmw(
; CHECK-NEXT:    [[F1:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %a = atomicrmw add ptr [[F1]], i64 %v seq_cst, align 8
; CHECK-NEXT:    [[F2:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %b = atomicrmw volatile sub ptr [[F2]], i64 %a syncscope("singlethread") monotonic, align 8
; CHECK-NEXT:    [[F3:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %c = atomicrmw xchg ptr [[F3]], i32 %w release, align 4
; CHECK-NEXT:    [[F4:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %d = atomicrmw umax ptr [[F4]], i32 %c acquire, align 4
; CHECK-NEXT:    [[F5:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %e = atomicrmw fadd ptr [[F5]], float %f acq_rel, align 4
; CHECK-NEXT:    ret i64 %b
