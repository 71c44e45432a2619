; twz-verify alone (no lowering) reports a load through a __persistent
; pointer as an error at the instruction's source location, and opt fails.
; RUN: not %opt -passes=twz-verify -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: file.c:4:10: in function get {{.*}}: twz: load through a __persistent pointer was not translated
; CHECK-NOT: error:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @get(ptr addrspace(42) %p) !dbg !5 {
  %v = load i32, ptr addrspace(42) %p, align 4, !dbg !8
  ret i32 %v, !dbg !9
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "file.c", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "get", scope: !1, file: !1, line: 3, type: !6, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 10, scope: !5)
!9 = !DILocation(line: 5, column: 3, scope: !5)
