; twz-verify reports each kind of untranslated access; opt stops at the first
; error, so each case is its own split-file input.
; RUN: rm -rf %t && split-file %s %t
; RUN: not %opt -passes=twz-verify -disable-output %t/store.ll 2>&1 | FileCheck %s --check-prefix=STORE
; RUN: not %opt -passes=twz-verify -disable-output %t/cmpxchg.ll 2>&1 | FileCheck %s --check-prefix=CMPXCHG
; RUN: not %opt -passes=twz-verify -disable-output %t/rmw.ll 2>&1 | FileCheck %s --check-prefix=RMW
; RUN: not %opt -passes=twz-verify -disable-output %t/memcpy.ll 2>&1 | FileCheck %s --check-prefix=MEMCPY
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/vaarg.ll 2>&1 | FileCheck %s --check-prefix=VAARG
; RUN: not %opt -passes=twz-lower,twz-verify -disable-output %t/vpload.ll 2>&1 | FileCheck %s --check-prefix=VPLOAD

; STORE: error: f.c:7:3: in function st {{.*}}: twz: store through a __persistent pointer was not translated
; CMPXCHG: error: {{.*}}in function cx {{.*}}: twz: cmpxchg on a __persistent pointer was not translated
; RMW: error: {{.*}}in function rmw {{.*}}: twz: atomicrmw on a __persistent pointer was not translated
; MEMCPY: error: {{.*}}in function cp {{.*}}: twz: intrinsic llvm.memcpy.p42.p0.i64 on a __persistent pointer cannot be translated
; VAARG: error: {{.*}}in function va {{.*}}: twz: va_arg on a va_list in object memory is not supported
; VPLOAD: error: {{.*}}in function vp {{.*}}: twz: intrinsic llvm.vp.load.v4i32.p42 on a __persistent pointer cannot be translated

;--- store.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @st(ptr addrspace(42) %p) !dbg !5 {
  store i32 1, ptr addrspace(42) %p, align 4, !dbg !8
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "f.c", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "st", scope: !1, file: !1, line: 6, type: !6, scopeLine: 6, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 7, column: 3, scope: !5)

;--- cmpxchg.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @cx(ptr addrspace(42) %p) {
  %r = cmpxchg ptr addrspace(42) %p, i32 0, i32 1 seq_cst seq_cst
  ret void
}

;--- rmw.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @rmw(ptr addrspace(42) %p) {
  %r = atomicrmw add ptr addrspace(42) %p, i32 1 seq_cst
  ret void
}

;--- memcpy.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @cp(ptr addrspace(42) %d, ptr %s) {
  call void @llvm.memcpy.p42.p0.i64(ptr addrspace(42) %d, ptr %s, i64 8, i1 false)
  ret void
}

declare void @llvm.memcpy.p42.p0.i64(ptr addrspace(42), ptr, i64, i1)

;--- vaarg.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @va(ptr addrspace(42) %ap) {
  %v = va_arg ptr addrspace(42) %ap, i32
  ret i32 %v
}

;--- vpload.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; vp.load is not one of the intrinsics the lowering knows: it is left as is
; and must be reported.
define <4 x i32> @vp(ptr addrspace(42) %p, <4 x i1> %m, i32 %n) {
  %v = call <4 x i32> @llvm.vp.load.v4i32.p42(ptr addrspace(42) %p, <4 x i1> %m, i32 %n)
  ret <4 x i32> %v
}

declare <4 x i32> @llvm.vp.load.v4i32.p42(ptr addrspace(42), <4 x i1>, i32)
