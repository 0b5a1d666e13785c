/* Functions with hand-written MSVC x64 C++ exception tables (FuncInfo,
 * unwind map, try-block map, handler types, ip-to-state map), as MSVC
 * emits them, for __CxxFrameHandler:
 *   int cxx_guarded(void (*fn)(void))
 *       try { fn(); } catch (int v) { return v; } catch (...) { return -1; }
 *   int cxx_rethrower(void (*fn)(void))   try { fn(); } catch (...) { rethrows++; throw; }
 *   void cxx_cleanup(void (*fn)(void))    { Local l; fn(); }  (cleanup_action on unwind)
 * The establisher frame is rsp after the prologue; a catch funclet gets it in
 * rdx and returns the address to continue at. */
        .text

/* ---- cxx_guarded ---- */
        .globl cxx_guarded
        .def cxx_guarded; .scl 2; .type 32; .endef
        .seh_proc cxx_guarded
cxx_guarded:
        subq $56, %rsp
        .seh_stackalloc 56
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva guarded_info
        .text
        movq $-2, 48(%rsp)              /* the unwind help slot, as MSVC's prologues set it */
        movl $0, 40(%rsp)               /* the result */
.Lg_try:
        call *%rcx
        nop
.Lg_after:
        movl 40(%rsp), %eax
        addq $56, %rsp
        ret
.Lg_cont:
        movl 40(%rsp), %eax
        addq $56, %rsp
        ret
        .seh_endproc

        .def guarded_catch_int; .scl 3; .type 32; .endef
        .seh_proc guarded_catch_int
guarded_catch_int:
        movq %rdx, 16(%rsp)             /* the parent frame, found at frame + 56 */
        pushq %rbp
        .seh_pushreg %rbp
        subq $32, %rsp
        .seh_stackalloc 32
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva guarded_info
        .text
        movl 44(%rdx), %eax             /* the catch object, an int */
        movl %eax, 40(%rdx)
        leaq .Lg_cont(%rip), %rax
        addq $32, %rsp
        popq %rbp
        ret
        .seh_endproc

        .def guarded_catch_all; .scl 3; .type 32; .endef
        .seh_proc guarded_catch_all
guarded_catch_all:
        movq %rdx, 16(%rsp)             /* the parent frame, found at frame + 56 */
        pushq %rbp
        .seh_pushreg %rbp
        subq $32, %rsp
        .seh_stackalloc 32
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva guarded_info
        .text
        movl $-1, 40(%rdx)
        leaq .Lg_cont(%rip), %rax
        addq $32, %rsp
        popq %rbp
        ret
        .seh_endproc

/* ---- cxx_rethrower ---- */
        .globl cxx_rethrower
        .def cxx_rethrower; .scl 2; .type 32; .endef
        .seh_proc cxx_rethrower
cxx_rethrower:
        subq $56, %rsp
        .seh_stackalloc 56
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva rethrower_info
        .text
        movq $-2, 48(%rsp)
.Lr_try:
        call *%rcx
        nop
.Lr_after:
        xorl %eax, %eax
        addq $56, %rsp
        ret
.Lr_cont:
        movl $1, %eax
        addq $56, %rsp
        ret
        .seh_endproc

        .def rethrower_catch; .scl 3; .type 32; .endef
        .seh_proc rethrower_catch
rethrower_catch:
        movq %rdx, 16(%rsp)             /* the parent frame, found at frame + 56 */
        pushq %rbp
        .seh_pushreg %rbp
        subq $32, %rsp
        .seh_stackalloc 32
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva rethrower_info
        .text
        addl $1, rethrows(%rip)
        xorl %ecx, %ecx
        xorl %edx, %edx
        call _CxxThrowException
        nop
        leaq .Lr_cont(%rip), %rax
        addq $32, %rsp
        popq %rbp
        ret
        .seh_endproc

/* ---- cxx_cleanup ---- */
        .globl cxx_cleanup
        .def cxx_cleanup; .scl 2; .type 32; .endef
        .seh_proc cxx_cleanup
cxx_cleanup:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
        .seh_handler __CxxFrameHandler, @except, @unwind
        .seh_handlerdata
        .rva cleanup_info
        .text
        movq $-2, 32(%rsp)
.Lc_live:
        call *%rcx
        nop
.Lc_dead:
        addq $40, %rsp
        ret
        .seh_endproc

        .def cleanup_unwind; .scl 3; .type 32; .endef
        .seh_proc cleanup_unwind
cleanup_unwind:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
        call cleanup_action
        nop
        addq $40, %rsp
        ret
        .seh_endproc

/* ---- the tables ---- */
        .section .rdata,"dr"
        .p2align 2
guarded_info:
        .long 0x19930522, 3             /* magic, max state */
        .rva guarded_unwind
        .long 1                         /* try blocks */
        .rva guarded_tries
        .long 5                         /* ip-to-state entries */
        .rva guarded_ips
        .long 48, 0, 0                  /* unwind help, ES types, flags */
guarded_unwind:
        .long -1, 0                     /* state 0: the try */
        .long -1, 0                     /* states 1, 2: the catches */
        .long -1, 0
guarded_tries:
        .long 0, 0, 2, 2                /* try 0..0, catches up to 2, 2 handlers */
        .rva guarded_handlers
guarded_handlers:
        .long 0                         /* catch (int v) */
        .rva type_int
        .long 44
        .rva guarded_catch_int
        .long 56
        .long 0                         /* catch (...) */
        .long 0, 0
        .rva guarded_catch_all
        .long 56
guarded_ips:
        .rva cxx_guarded
        .long -1
        .rva .Lg_try
        .long 0
        .rva .Lg_after
        .long -1
        .rva guarded_catch_int
        .long 1
        .rva guarded_catch_all
        .long 2

rethrower_info:
        .long 0x19930522, 2
        .rva rethrower_unwind
        .long 1
        .rva rethrower_tries
        .long 4
        .rva rethrower_ips
        .long 48, 0, 0
rethrower_unwind:
        .long -1, 0
        .long -1, 0
rethrower_tries:
        .long 0, 0, 1, 1
        .rva rethrower_handlers
rethrower_handlers:
        .long 0, 0, 0
        .rva rethrower_catch
        .long 56
rethrower_ips:
        .rva cxx_rethrower
        .long -1
        .rva .Lr_try
        .long 0
        .rva .Lr_after
        .long -1
        .rva rethrower_catch
        .long 1

cleanup_info:
        .long 0x19930522, 1
        .rva cleanup_unwind_map
        .long 0, 0                      /* no try blocks */
        .long 3
        .rva cleanup_ips
        .long 32, 0, 0
cleanup_unwind_map:
        .long -1
        .rva cleanup_unwind
cleanup_ips:
        .rva cxx_cleanup
        .long -1
        .rva .Lc_live
        .long 0
        .rva .Lc_dead
        .long -1
