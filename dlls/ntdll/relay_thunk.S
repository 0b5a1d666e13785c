/* carafe_relay_entry: reached from a relay thunk with %rax = relay_info
 * (func at 0, nargs at 8) and the Windows caller's arguments in place.
 * Logs the call, calls the real function with the same arguments, logs
 * the return, returns rax and xmm0 unchanged.  Keeps the registers an
 * ms_abi caller expects preserved (rsi, rdi, xmm6-15) across the SysV calls. */
        .text
        .globl carafe_relay_entry
        .hidden carafe_relay_entry
        .type carafe_relay_entry, @function
carafe_relay_entry:
        .cfi_startproc
        pushq %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq %rsp, %rbp
        .cfi_def_cfa_register %rbp
        /* register arguments into the caller's home area: all integer
         * arguments are now contiguous at 16(%rbp) */
        movq %rcx, 16(%rbp)
        movq %rdx, 24(%rbp)
        movq %r8, 32(%rbp)
        movq %r9, 40(%rbp)
        pushq %rbx
        pushq %rsi
        pushq %rdi
        pushq %r12
        subq $0x200, %rsp
        andq $-16, %rsp
        /* layout from rsp: 0..0x9f outgoing area (shadow + 16 args),
         * 0xa0 xmm0-3, 0xe0 xmm6-15, 0x180 saved result */
        movsd %xmm0, 0xa0(%rsp)
        movsd %xmm1, 0xa8(%rsp)
        movsd %xmm2, 0xb0(%rsp)
        movsd %xmm3, 0xb8(%rsp)
        movdqu %xmm6, 0xe0(%rsp)
        movdqu %xmm7, 0xf0(%rsp)
        movdqu %xmm8, 0x100(%rsp)
        movdqu %xmm9, 0x110(%rsp)
        movdqu %xmm10, 0x120(%rsp)
        movdqu %xmm11, 0x130(%rsp)
        movdqu %xmm12, 0x140(%rsp)
        movdqu %xmm13, 0x150(%rsp)
        movdqu %xmm14, 0x160(%rsp)
        movdqu %xmm15, 0x170(%rsp)
        movq %rax, %rbx                 /* info */
        movq %rax, %rdi
        leaq 16(%rbp), %rsi
        leaq 0xa0(%rsp), %rdx
        movq 8(%rbp), %rcx
        call carafe_relay_call
        /* copy the stack arguments (5th on) to our outgoing area */
        movq 8(%rbx), %rcx
        subq $4, %rcx
        jle 2f
        xorl %eax, %eax
1:      movq 48(%rbp,%rax,8), %rdx
        movq %rdx, 32(%rsp,%rax,8)
        incq %rax
        cmpq %rcx, %rax
        jb 1b
2:      movq 16(%rbp), %rcx
        movq 24(%rbp), %rdx
        movq 32(%rbp), %r8
        movq 40(%rbp), %r9
        movsd 0xa0(%rsp), %xmm0
        movsd 0xa8(%rsp), %xmm1
        movsd 0xb0(%rsp), %xmm2
        movsd 0xb8(%rsp), %xmm3
        call *(%rbx)
        movq %rax, 0x180(%rsp)
        movsd %xmm0, 0x188(%rsp)
        movq %rbx, %rdi
        movq %rax, %rsi
        movq 8(%rbp), %rdx
        call carafe_relay_ret
        movq 0x180(%rsp), %rax
        movsd 0x188(%rsp), %xmm0
        movdqu 0xe0(%rsp), %xmm6
        movdqu 0xf0(%rsp), %xmm7
        movdqu 0x100(%rsp), %xmm8
        movdqu 0x110(%rsp), %xmm9
        movdqu 0x120(%rsp), %xmm10
        movdqu 0x130(%rsp), %xmm11
        movdqu 0x140(%rsp), %xmm12
        movdqu 0x150(%rsp), %xmm13
        movdqu 0x160(%rsp), %xmm14
        movdqu 0x170(%rsp), %xmm15
        leaq -32(%rbp), %rsp
        popq %r12
        popq %rdi
        popq %rsi
        popq %rbx
        popq %rbp
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size carafe_relay_entry, .-carafe_relay_entry

        .section .note.GNU-stack,"",@progbits
