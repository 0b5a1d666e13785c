/* Functions whose .xdata names __C_specific_handler with scope tables, as
 * MSVC and clang emit for __try/__except and __try/__finally:
 *   int seh_guarded(void (*fn)(void))   __try { fn(); } __except (guard_filter(...)) { return 1; }
 *   void seh_finally(void (*fn)(void))  __try { fn(); } __finally { finally_handler(...); }
 * At the __except target Windows passes the exception code in eax. */
        .text
        .globl seh_guarded
        .def seh_guarded; .scl 2; .type 32; .endef
        .seh_proc seh_guarded
seh_guarded:
        pushq %rbx
        .seh_pushreg %rbx
        subq $32, %rsp
        .seh_stackalloc 32
        .seh_endprologue
        .seh_handler __C_specific_handler, @except
        .seh_handlerdata
        .long 1
        .rva .Lg_begin
        .rva .Lg_end
        .rva guard_filter
        .rva .Lg_target
        .text
.Lg_begin:
        call *%rcx
        nop
.Lg_end:
        xorl %eax, %eax
        addq $32, %rsp
        popq %rbx
        ret
.Lg_target:
        movl %eax, jump_code(%rip)
        movl $1, %eax
        addq $32, %rsp
        popq %rbx
        ret
        .seh_endproc

        .globl seh_finally
        .def seh_finally; .scl 2; .type 32; .endef
        .seh_proc seh_finally
seh_finally:
        subq $40, %rsp
        .seh_stackalloc 40
        .seh_endprologue
        .seh_handler __C_specific_handler, @unwind
        .seh_handlerdata
        .long 1
        .rva .Lf_begin
        .rva .Lf_end
        .rva finally_handler
        .long 0
        .text
.Lf_begin:
        call *%rcx
        nop
.Lf_end:
        addq $40, %rsp
        ret
        .seh_endproc
