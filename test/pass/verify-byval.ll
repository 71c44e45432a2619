; An aggregate passed byval/sret/byref/inalloca from object memory would be
; copied or written by the callee/ABI without translation: after lowering,
; the verifier reports every such call argument.
; RUN: rm -rf %t && split-file %s %t
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/byval.ll 2>&1 | FileCheck %s --check-prefix=BYVAL
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/sret.ll 2>&1 | FileCheck %s --check-prefix=SRET
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/byref.ll 2>&1 | FileCheck %s --check-prefix=BYREF
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/inalloca.ll 2>&1 | FileCheck %s --check-prefix=INALLOCA

; BYVAL: error: s.c:20:7: in function pass_byval {{.*}}: twz: an aggregate passed or returned in object memory cannot be translated; copy it to a local first
; SRET: error: {{.*}}in function ret_sret {{.*}}: twz: an aggregate passed or returned in object memory cannot be translated
; BYREF: error: {{.*}}in function pass_byref {{.*}}: twz: an aggregate passed or returned in object memory cannot be translated
; INALLOCA: error: {{.*}}in function pass_inalloca {{.*}}: twz: an aggregate passed or returned in object memory cannot be translated

;--- byval.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%big = type { [8 x i64] }
declare void @take(ptr addrspace(42) byval(%big) align 8)

define void @pass_byval(ptr addrspace(42) %p) !dbg !5 {
  call void @take(ptr addrspace(42) byval(%big) align 8 %p), !dbg !8
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "s.c", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "pass_byval", scope: !1, file: !1, line: 19, type: !6, scopeLine: 19, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 20, column: 7, scope: !5)

;--- sret.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%big = type { [8 x i64] }
declare void @make(ptr addrspace(42) sret(%big) align 8)

define void @ret_sret(ptr addrspace(42) %p) {
  call void @make(ptr addrspace(42) sret(%big) align 8 %p)
  ret void
}

;--- byref.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%big = type { [8 x i64] }
declare void @look(ptr addrspace(42) byref(%big) align 8)

define void @pass_byref(ptr addrspace(42) %p) {
  call void @look(ptr addrspace(42) byref(%big) align 8 %p)
  ret void
}

;--- inalloca.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%big = type { [8 x i64] }
declare void @ia(ptr addrspace(42) inalloca(%big))

define void @pass_inalloca(ptr addrspace(42) %p) {
  call void @ia(ptr addrspace(42) inalloca(%big) %p)
  ret void
}
