; A cmpxchg of persistent pointer values in object memory becomes a call to
; __twz_cmpxchg_ptr(addr, expected, desired) (plain virtual addresses in, the
; resolved old value out); success is old == expected, and the result is
; rebuilt as { ptr addrspace(42), i1 }.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define { ptr addrspace(42), i1 } @cx(ptr addrspace(42) %p, ptr addrspace(42) %e, ptr addrspace(42) %n) {
  %r = cmpxchg ptr addrspace(42) %p, ptr addrspace(42) %e, ptr addrspace(42) %n acq_rel acquire, align 8
  ret { ptr addrspace(42), i1 } %r
}

; CHECK-LABEL: define { ptr addrspace(42), i1 } @cx(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    [[E:%.*]] = ptrtoint ptr addrspace(42) %e to i64
; CHECK-NEXT:    [[N:%.*]] = ptrtoint ptr addrspace(42) %n to i64
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[OLD:%.*]] = call i64 @__twz_cmpxchg_ptr(i64 [[ADDR]], i64 [[E]], i64 [[N]])
; CHECK-NEXT:    [[OK:%.*]] = icmp eq i64 [[OLD]], [[E]]
; CHECK-NEXT:    [[OLDP:%.*]] = inttoptr i64 [[OLD]] to ptr addrspace(42)
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { ptr addrspace(42), i1 } poison, ptr addrspace(42) [[OLDP]], 0
; CHECK-NEXT:    %r = insertvalue { ptr addrspace(42), i1 } [[R0]], i1 [[OK]], 1
; CHECK-NEXT:    ret { ptr addrspace(42), i1 } %r
; CHECK-NEXT:  }

; CHECK-NOT:   cmpxchg ptr
; CHECK:       declare i64 @__twz_cmpxchg_ptr(i64, i64, i64)
