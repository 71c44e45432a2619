; On valid input the verifier is silent and opt succeeds: lowered accesses,
; persistent pointers only passed to calls, non-indirect inline asm operands,
; and intrinsics that do not access memory through the pointer (lifetime,
; ptrmask) are all fine. Also true for the full -O0 and -O2 pipelines.
; RUN: %opt -passes=twz-lower,twz-verify -disable-output %s 2>&1 | count 0
; RUN: %opt -passes='default<O0>' -disable-output %s 2>&1 | count 0
; RUN: %opt -passes='default<O2>' -disable-output %s 2>&1 | count 0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @use(ptr addrspace(42))

define ptr addrspace(42) @ok(ptr addrspace(42) %p, ptr addrspace(42) %q) {
  %n = load ptr addrspace(42), ptr addrspace(42) %p, align 8
  store ptr addrspace(42) %n, ptr addrspace(42) %q, align 8
  %i = load atomic i32, ptr addrspace(42) %q acquire, align 4
  %c = cmpxchg ptr addrspace(42) %q, ptr addrspace(42) %n, ptr addrspace(42) null seq_cst seq_cst, align 8
  %x = atomicrmw xchg ptr addrspace(42) %q, ptr addrspace(42) %p seq_cst, align 8
  call void @llvm.memset.p42.i64(ptr addrspace(42) %q, i8 0, i64 16, i1 false)
  call void @use(ptr addrspace(42) %n)
  call void asm sideeffect "", "r"(ptr addrspace(42) %p)
  call void @llvm.lifetime.start.p42(i64 8, ptr addrspace(42) %q)
  call void @llvm.lifetime.end.p42(i64 8, ptr addrspace(42) %q)
  %m = call ptr addrspace(42) @llvm.ptrmask.p42.i64(ptr addrspace(42) %n, i64 -8)
  ret ptr addrspace(42) %m
}

declare void @llvm.memset.p42.i64(ptr addrspace(42), i8, i64, i1)
declare void @llvm.lifetime.start.p42(i64, ptr addrspace(42))
declare void @llvm.lifetime.end.p42(i64, ptr addrspace(42))
declare ptr addrspace(42) @llvm.ptrmask.p42.i64(ptr addrspace(42), i64)
