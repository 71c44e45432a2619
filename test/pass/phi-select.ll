; Persistent pointer values flowing through phi and select are registers
; (virtual addresses) and stay ptr addrspace(42); only the memory accesses
; made through them are rewritten to the flat pointer.
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @pick(i1 %c, ptr addrspace(42) %a, ptr addrspace(42) %b) {
entry:
  %s = select i1 %c, ptr addrspace(42) %a, ptr addrspace(42) %b
  %v = load i32, ptr addrspace(42) %s, align 4
  ret i32 %v
}

define void @merge(i1 %c, ptr addrspace(42) %a, ptr addrspace(42) %b) {
entry:
  br i1 %c, label %l, label %r
l:
  %ga = getelementptr inbounds i32, ptr addrspace(42) %a, i64 1
  br label %join
r:
  br label %join
join:
  %p = phi ptr addrspace(42) [ %ga, %l ], [ %b, %r ]
  store i32 1, ptr addrspace(42) %p, align 4
  ret void
}

; CHECK-LABEL: define i32 @pick(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %s = select i1 %c, ptr addrspace(42) %a, ptr addrspace(42) %b
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %s to ptr
; CHECK-NEXT:    %v = load i32, ptr [[F]], align 4
; CHECK-NEXT:    ret i32 %v

; CHECK-LABEL: define void @merge(
; CHECK:       l:
; CHECK-NEXT:    %ga = getelementptr inbounds i32, ptr addrspace(42) %a, i64 1
; CHECK:       join:
; CHECK-NEXT:    %p = phi ptr addrspace(42) [ %ga, %l ], [ %b, %r ]
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    store i32 1, ptr [[F]], align 4
; CHECK-NEXT:    ret void

; CHECK-NOT: {{load|store}} {{.*}}ptr addrspace(42) %
