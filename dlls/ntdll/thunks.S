/* x86-64 helpers of the loader. */
        .text

/* void carafe_call_on_stack(void (*func)(void *), void *arg, void *stack_top)
 * Runs func(arg) on another stack (the main thread's Windows stack). */
        .globl carafe_call_on_stack
        .hidden carafe_call_on_stack
        .type carafe_call_on_stack, @function
carafe_call_on_stack:
        .cfi_startproc
        pushq %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq %rsp, %rbp
        .cfi_def_cfa_register %rbp
        movq %rdx, %rsp
        andq $-16, %rsp
        movq %rdi, %rax
        movq %rsi, %rdi
        call *%rax
        movq %rbp, %rsp
        popq %rbp
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size carafe_call_on_stack, .-carafe_call_on_stack

/* Reached by a jump from a stub thunk with %rax = its stub_info; the
 * caller's return address is on top of the stack. */
        .globl carafe_stub_trap
        .hidden carafe_stub_trap
        .type carafe_stub_trap, @function
carafe_stub_trap:
        movq %rax, %rdi
        movq (%rsp), %rsi
        andq $-16, %rsp
        call carafe_unimplemented
        ud2
        .size carafe_stub_trap, .-carafe_stub_trap

        .section .note.GNU-stack,"",@progbits
