; Inline asm with an indirect memory operand ("=*m", elementtype) on a
; __persistent pointer cannot be lowered: after twz-lower, twz-verify reports
; it at the call's source location.
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: obj.c:12:5: in function poke {{.*}}: twz: inline assembly cannot access memory through a __persistent pointer; cast it to a plain pointer first
; CHECK-NOT: error:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @poke(ptr addrspace(42) %p) !dbg !5 {
  call void asm sideeffect "movl $$1, $0", "=*m,~{dirflag},~{fpsr},~{flags}"(ptr addrspace(42) elementtype(i32) %p), !dbg !8
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "obj.c", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "poke", scope: !1, file: !1, line: 10, type: !6, scopeLine: 10, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 12, column: 5, scope: !5)
