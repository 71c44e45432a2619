; A global variable in the __persistent address space is an error naming the
; global, from twz-verify alone and from the verifier registered at the end of
; the default -O0 and -O2 pipelines.
; RUN: not %opt -passes=twz-verify -disable-output %s 2>&1 | FileCheck %s
; RUN: not %opt -passes='default<O0>' -disable-output %s 2>&1 | FileCheck %s
; RUN: not %opt -passes='default<O2>' -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: twz: global variable 'counter' is in the __persistent address space; objects are created at run time, so declare a `T __persistent *` pointer instead
; CHECK-NOT: error:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@counter = addrspace(42) global i64 0, align 8
@plain = global i64 0, align 8

define ptr addrspace(42) @addr() {
  ret ptr addrspace(42) @counter
}
