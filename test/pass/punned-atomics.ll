; Clang emits atomic builtins on persistent-pointer types (__atomic_load_n,
; atomic_store, atomic_exchange, __atomic_compare_exchange_n, ...) as i64
; atomics whose operand/result goes through an `alloca ptr addrspace(42)`
; temporary. The lowering recognises that shape and translates them like
; pointer-typed atomics; i64 atomics without it stay plain integer atomics.
; RUN: %opt -passes=twz-lower,twz-expand -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; __atomic_load_n(slot, __ATOMIC_ACQUIRE): result stored into a ptr temp.
define ptr addrspace(42) @ld(ptr addrspace(42) %slot) {
entry:
  %tmp = alloca ptr addrspace(42), align 8
  %raw = load atomic i64, ptr addrspace(42) %slot acquire, align 8
  store i64 %raw, ptr %tmp, align 8
  %r = load ptr addrspace(42), ptr %tmp, align 8
  ret ptr addrspace(42) %r
}

; CHECK-LABEL: define ptr addrspace(42) @ld(
; CHECK:         [[F:%.*]] = addrspacecast ptr addrspace(42) %slot to ptr
; CHECK-NEXT:    [[RAW:%.*]] = load atomic i64, ptr [[F]] acquire, align 8
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK:         call i64 @__twz_resolve(i64 [[ADDR]], i64 [[RAW]])
; CHECK:       twz.resolved:
; CHECK-NEXT:    [[VA:%.*]] = phi i64
; CHECK-NEXT:    [[P:%.*]] = inttoptr i64 [[VA]] to ptr addrspace(42)
; CHECK-NEXT:    [[I:%.*]] = ptrtoint ptr addrspace(42) [[P]] to i64
; CHECK-NEXT:    store i64 [[I]], ptr %tmp, align 8

; __atomic_store_n(slot, v, __ATOMIC_RELEASE): operand read from a ptr temp.
define void @st(ptr addrspace(42) %slot, ptr addrspace(42) %v) {
entry:
  %tmp = alloca ptr addrspace(42), align 8
  store ptr addrspace(42) %v, ptr %tmp, align 8
  %iv = load i64, ptr %tmp, align 8
  store atomic i64 %iv, ptr addrspace(42) %slot release, align 8
  ret void
}

; CHECK-LABEL: define void @st(
; CHECK:         %iv = load i64, ptr %tmp, align 8
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %slot to ptr
; CHECK-DAG:     [[P:%.*]] = inttoptr i64 %iv to ptr addrspace(42)
; CHECK-DAG:     [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK:         [[VA:%.*]] = ptrtoint ptr addrspace(42) [[P]] to i64
; CHECK:         call i64 @__twz_encode(i64 [[ADDR]], i64 [[VA]])
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64
; CHECK-NEXT:    store atomic i64 [[ST]], ptr [[F]] release, align 8

; __atomic_exchange_n(slot, v, __ATOMIC_ACQ_REL)
define ptr addrspace(42) @xc(ptr addrspace(42) %slot, ptr addrspace(42) %v) {
entry:
  %in = alloca ptr addrspace(42), align 8
  %out = alloca ptr addrspace(42), align 8
  store ptr addrspace(42) %v, ptr %in, align 8
  %iv = load i64, ptr %in, align 8
  %old = atomicrmw xchg ptr addrspace(42) %slot, i64 %iv acq_rel, align 8
  store i64 %old, ptr %out, align 8
  %r = load ptr addrspace(42), ptr %out, align 8
  ret ptr addrspace(42) %r
}

; CHECK-LABEL: define ptr addrspace(42) @xc(
; CHECK:         call i64 @__twz_encode(
; CHECK:       twz.encoded:
; CHECK-NEXT:    [[ST:%.*]] = phi i64
; CHECK-NEXT:    [[RAW:%.*]] = atomicrmw xchg ptr {{%.*}}, i64 [[ST]] acq_rel, align 8
; CHECK:         call i64 @__twz_resolve(i64 {{%.*}}, i64 [[RAW]])
; CHECK:       twz.resolved:
; CHECK-NEXT:    [[VA:%.*]] = phi i64
; CHECK-NEXT:    [[P:%.*]] = inttoptr i64 [[VA]] to ptr addrspace(42)
; CHECK-NEXT:    [[I:%.*]] = ptrtoint ptr addrspace(42) [[P]] to i64
; CHECK-NEXT:    store i64 [[I]], ptr %out, align 8

; __atomic_compare_exchange_n(slot, &e, v, 0, SEQ_CST, SEQ_CST)
define i1 @cas(ptr addrspace(42) %slot, ptr addrspace(42) %e, ptr addrspace(42) %v) {
entry:
  %exp = alloca ptr addrspace(42), align 8
  %des = alloca ptr addrspace(42), align 8
  store ptr addrspace(42) %e, ptr %exp, align 8
  store ptr addrspace(42) %v, ptr %des, align 8
  %ie = load i64, ptr %exp, align 8
  %iv = load i64, ptr %des, align 8
  %r = cmpxchg ptr addrspace(42) %slot, i64 %ie, i64 %iv seq_cst seq_cst, align 8
  %old = extractvalue { i64, i1 } %r, 0
  %ok = extractvalue { i64, i1 } %r, 1
  br i1 %ok, label %done, label %fail
fail:
  store i64 %old, ptr %exp, align 8
  br label %done
done:
  ret i1 %ok
}

; CHECK-LABEL: define i1 @cas(
; CHECK:         [[F:%.*]] = addrspacecast ptr addrspace(42) %slot to ptr
; CHECK-NEXT:    [[ADDR:%.*]] = ptrtoint ptr [[F]] to i64
; CHECK-NEXT:    [[OLD:%.*]] = call i64 @__twz_cmpxchg_ptr(i64 [[ADDR]], i64 %ie, i64 %iv)
; CHECK-NEXT:    [[OK:%.*]] = icmp eq i64 [[OLD]], %ie
; CHECK-NEXT:    [[R0:%.*]] = insertvalue { i64, i1 } poison, i64 [[OLD]], 0
; CHECK-NEXT:    %r = insertvalue { i64, i1 } [[R0]], i1 [[OK]], 1
; CHECK-NOT:     cmpxchg ptr
; CHECK:       fail:

; Not punned: a genuine i64 counter (temporaries are i64 allocas).
define i64 @counter(ptr addrspace(42) %c) {
entry:
  %one = alloca i64, align 8
  %res = alloca i64, align 8
  store i64 1, ptr %one, align 8
  %v = load i64, ptr %one, align 8
  %old = atomicrmw add ptr addrspace(42) %c, i64 %v seq_cst, align 8
  store i64 %old, ptr %res, align 8
  %x = load atomic i64, ptr addrspace(42) %c acquire, align 8
  store i64 %x, ptr %res, align 8
  %y = atomicrmw xchg ptr addrspace(42) %c, i64 %v seq_cst, align 8
  store atomic i64 %v, ptr addrspace(42) %c release, align 8
  %z = cmpxchg ptr addrspace(42) %c, i64 0, i64 %v seq_cst monotonic, align 8
  ret i64 %y
}

; CHECK-LABEL: define i64 @counter(
; CHECK-NOT:     call i64 @__twz_
; CHECK:         %old = atomicrmw add ptr {{%.*}}, i64 %v seq_cst, align 8
; CHECK-NOT:     call i64 @__twz_
; CHECK:         %x = load atomic i64, ptr {{%.*}} acquire, align 8
; CHECK-NOT:     call i64 @__twz_
; CHECK:         %y = atomicrmw xchg ptr {{%.*}}, i64 %v seq_cst, align 8
; CHECK-NOT:     call i64 @__twz_
; CHECK:         store atomic i64 %v, ptr {{%.*}} release, align 8
; CHECK-NOT:     call i64 @__twz_
; CHECK:         %z = cmpxchg ptr {{%.*}}, i64 0, i64 %v seq_cst monotonic, align 8
; CHECK-NOT:     call i64 @__twz_
; CHECK:         ret i64 %y
