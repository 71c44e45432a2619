; Access metadata on rewritten accesses: a same-type access keeps all of it;
; a pointer load turned into an i64 load keeps !tbaa, !alias.scope,
; !noalias, !nontemporal and !invariant.load but drops value metadata that
; no longer applies to an i64 (!nonnull, !dereferenceable, !align, !noundef).
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s
; RUN: %opt -passes=twz-lower -S %s | FileCheck %s --check-prefix=DROP

; Nowhere in the output (the pointer values are now i64s):
; DROP-NOT: !nonnull
; DROP-NOT: !dereferenceable
; DROP-NOT: !align
; DROP-NOT: !noundef

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @int_load(ptr addrspace(42) %p) {
  %v = load i32, ptr addrspace(42) %p, align 4, !tbaa !0, !nontemporal !5
  ret i32 %v
}

define ptr addrspace(42) @ptr_load(ptr addrspace(42) %p) {
entry:
  %v = load ptr addrspace(42), ptr addrspace(42) %p, align 8, !tbaa !3, !nonnull !6, !dereferenceable !7, !align !7, !noundef !6, !alias.scope !8, !noalias !11
  ret ptr addrspace(42) %v
}

define ptr addrspace(42) @ptr_load_inv(ptr addrspace(42) %p) {
entry:
  %v = load ptr addrspace(42), ptr addrspace(42) %p, align 8, !invariant.load !6, !nontemporal !5
  ret ptr addrspace(42) %v
}

define void @ptr_store(ptr addrspace(42) %p, ptr addrspace(42) %v) {
entry:
  store ptr addrspace(42) %v, ptr addrspace(42) %p, align 8, !tbaa !3
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"int", !2, i64 0}
!2 = !{!"omnipotent char", !12, i64 0}
!3 = !{!4, !4, i64 0}
!4 = !{!"any pointer", !2, i64 0}
!5 = !{i32 1}
!6 = !{}
!7 = !{i64 8}
!8 = !{!9}
!9 = distinct !{!9, !10, !"scope"}
!10 = distinct !{!10, !"domain"}
!11 = !{!13}
!12 = !{!"Simple C/C++ TBAA"}
!13 = distinct !{!13, !10, !"other"}

; CHECK-LABEL: define i32 @int_load(
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    %v = load i32, ptr [[F]], align 4, !tbaa [[TBAA_INT:![0-9]+]], !nontemporal [[NT:![0-9]+]]{{$}}

; CHECK-LABEL: define ptr addrspace(42) @ptr_load(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; The {{$}} anchors pin the full metadata list: nothing else may follow.
; CHECK-NEXT:    {{%.*}} = load i64, ptr [[F]], align 8, !tbaa [[TBAA_PTR:![0-9]+]], !alias.scope [[SCOPE:![0-9]+]], !noalias [[NOALIAS:![0-9]+]]{{$}}

; CHECK-LABEL: define ptr addrspace(42) @ptr_load_inv(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[F:%.*]] = addrspacecast ptr addrspace(42) %p to ptr
; CHECK-NEXT:    {{%.*}} = load i64, ptr [[F]], align 8, !invariant.load [[EMPTY:![0-9]+]], !nontemporal [[NT]]{{$}}

; CHECK-LABEL: define void @ptr_store(
; CHECK:         store i64 {{%.*}}, ptr {{%.*}}, align 8, !tbaa [[TBAA_PTR]]{{$}}

; CHECK-DAG: [[TBAA_INT]] = !{[[INT:![0-9]+]], [[INT]], i64 0}
; CHECK-DAG: [[INT]] = !{!"int",
; CHECK-DAG: [[TBAA_PTR]] = !{[[ANYP:![0-9]+]], [[ANYP]], i64 0}
; CHECK-DAG: [[ANYP]] = !{!"any pointer",
; CHECK-DAG: [[NT]] = !{i32 1}
; CHECK-DAG: [[EMPTY]] = !{}
; CHECK-DAG: [[SCOPE]] = !{[[S1:![0-9]+]]}
; CHECK-DAG: [[S1]] = distinct !{[[S1]], {{![0-9]+}}, !"scope"}
; CHECK-DAG: [[NOALIAS]] = !{[[S2:![0-9]+]]}
; CHECK-DAG: [[S2]] = distinct !{[[S2]], {{![0-9]+}}, !"other"}
