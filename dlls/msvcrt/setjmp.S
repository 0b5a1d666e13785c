/* _setjmp and longjmp with the Windows x64 _JUMP_BUFFER layout:
 * Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12-R15, Rip, MxCsr, FpCsr, Spare,
 * Xmm6-Xmm15.  Called with the Microsoft convention (rcx, rdx).
 * longjmp with a non-zero Frame unwinds to it (except.c), running __finally
 * blocks and destructors; with Frame 0 it only restores the registers. */
        .text

        .globl MSVCRT__setjmp
        .hidden MSVCRT__setjmp
        .type MSVCRT__setjmp, @function
MSVCRT__setjmp:
        movq %rdx, 0(%rcx)          /* Frame */
        movq %rbx, 8(%rcx)
        leaq 8(%rsp), %rax
        movq %rax, 16(%rcx)         /* the caller's rsp after return */
        movq %rbp, 24(%rcx)
        movq %rsi, 32(%rcx)
        movq %rdi, 40(%rcx)
        movq %r12, 48(%rcx)
        movq %r13, 56(%rcx)
        movq %r14, 64(%rcx)
        movq %r15, 72(%rcx)
        movq (%rsp), %rax
        movq %rax, 80(%rcx)         /* Rip */
        stmxcsr 88(%rcx)
        fnstcw 92(%rcx)
        movdqu %xmm6, 96(%rcx)
        movdqu %xmm7, 112(%rcx)
        movdqu %xmm8, 128(%rcx)
        movdqu %xmm9, 144(%rcx)
        movdqu %xmm10, 160(%rcx)
        movdqu %xmm11, 176(%rcx)
        movdqu %xmm12, 192(%rcx)
        movdqu %xmm13, 208(%rcx)
        movdqu %xmm14, 224(%rcx)
        movdqu %xmm15, 240(%rcx)
        xorl %eax, %eax
        ret
        .size MSVCRT__setjmp, .-MSVCRT__setjmp

        .globl MSVCRT__setjmpex
        .hidden MSVCRT__setjmpex
        .set MSVCRT__setjmpex, MSVCRT__setjmp

        .globl MSVCRT_longjmp
        .hidden MSVCRT_longjmp
        .type MSVCRT_longjmp, @function
MSVCRT_longjmp:
        cmpq $0, 0(%rcx)
        jne MSVCRT_longjmp_unwind
        movl %edx, %eax
        testl %eax, %eax
        jnz 1f
        movl $1, %eax
1:      movq 8(%rcx), %rbx
        movq 24(%rcx), %rbp
        movq 32(%rcx), %rsi
        movq 40(%rcx), %rdi
        movq 48(%rcx), %r12
        movq 56(%rcx), %r13
        movq 64(%rcx), %r14
        movq 72(%rcx), %r15
        ldmxcsr 88(%rcx)
        fnclex
        fldcw 92(%rcx)
        movdqu 96(%rcx), %xmm6
        movdqu 112(%rcx), %xmm7
        movdqu 128(%rcx), %xmm8
        movdqu 144(%rcx), %xmm9
        movdqu 160(%rcx), %xmm10
        movdqu 176(%rcx), %xmm11
        movdqu 192(%rcx), %xmm12
        movdqu 208(%rcx), %xmm13
        movdqu 224(%rcx), %xmm14
        movdqu 240(%rcx), %xmm15
        movq 16(%rcx), %rsp
        jmpq *80(%rcx)
        .size MSVCRT_longjmp, .-MSVCRT_longjmp

        .section .note.GNU-stack,"",@progbits
