/* x86-64 pieces of exception handling: capturing and restoring a CONTEXT,
 * the frame that calls a language-specific handler (recognized by the
 * dispatcher to detect nested exceptions and collided unwinds), and the
 * entry of exception dispatch on the faulting thread's stack.
 * CONTEXT offsets are those of 64-bit Windows (include/winnt.h). */
#define CTX_FLAGS  0x30
#define CTX_MXCSR  0x34
#define CTX_SEGCS  0x38
#define CTX_EFLAGS 0x44
#define CTX_RAX 0x78
#define CTX_RCX 0x80
#define CTX_RDX 0x88
#define CTX_RBX 0x90
#define CTX_RSP 0x98
#define CTX_RBP 0xa0
#define CTX_RSI 0xa8
#define CTX_RDI 0xb0
#define CTX_R8  0xb8
#define CTX_R9  0xc0
#define CTX_R10 0xc8
#define CTX_R11 0xd0
#define CTX_R12 0xd8
#define CTX_R13 0xe0
#define CTX_R14 0xe8
#define CTX_R15 0xf0
#define CTX_RIP 0xf8
#define CTX_FLTSAVE 0x100
#define CONTEXT_FULL_SEGMENTS 0x10000f
#define CONTEXT_FLOATING_POINT_BIT 0x8

        .text

/* void WINAPI RtlCaptureContext(CONTEXT *ctx)  -- rcx = ctx; the caller's state */
        .globl RtlCaptureContext
        .type RtlCaptureContext, @function
RtlCaptureContext:
        .cfi_startproc
        pushfq
        .cfi_adjust_cfa_offset 8
        movq %rax, CTX_RAX(%rcx)
        movq %rcx, CTX_RCX(%rcx)
        movq %rdx, CTX_RDX(%rcx)
        movq %rbx, CTX_RBX(%rcx)
        leaq 16(%rsp), %rax
        movq %rax, CTX_RSP(%rcx)
        movq %rbp, CTX_RBP(%rcx)
        movq %rsi, CTX_RSI(%rcx)
        movq %rdi, CTX_RDI(%rcx)
        movq %r8, CTX_R8(%rcx)
        movq %r9, CTX_R9(%rcx)
        movq %r10, CTX_R10(%rcx)
        movq %r11, CTX_R11(%rcx)
        movq %r12, CTX_R12(%rcx)
        movq %r13, CTX_R13(%rcx)
        movq %r14, CTX_R14(%rcx)
        movq %r15, CTX_R15(%rcx)
        movq 8(%rsp), %rax
        movq %rax, CTX_RIP(%rcx)
        movl (%rsp), %eax
        movl %eax, CTX_EFLAGS(%rcx)
        /* the selectors Windows reports: cs, ds, es, fs, gs, ss */
        movw $0x33, CTX_SEGCS(%rcx)
        movw $0x2b, CTX_SEGCS+2(%rcx)
        movw $0x2b, CTX_SEGCS+4(%rcx)
        movw $0x53, CTX_SEGCS+6(%rcx)
        movw $0x2b, CTX_SEGCS+8(%rcx)
        movw $0x2b, CTX_SEGCS+10(%rcx)
        fxsave CTX_FLTSAVE(%rcx)
        stmxcsr CTX_MXCSR(%rcx)
        movl $CONTEXT_FULL_SEGMENTS, CTX_FLAGS(%rcx)
        movq CTX_RAX(%rcx), %rax
        popfq
        .cfi_adjust_cfa_offset -8
        ret
        .cfi_endproc
        .size RtlCaptureContext, .-RtlCaptureContext

/* void carafe_restore_context(const CONTEXT *ctx)  -- sysv, rdi = ctx; never returns.
 * iretq loads rip, rsp and eflags together (the trap flag included). */
        .globl carafe_restore_context
        .hidden carafe_restore_context
        .type carafe_restore_context, @function
carafe_restore_context:
        testl $CONTEXT_FLOATING_POINT_BIT, CTX_FLAGS(%rdi)
        jz 1f
        fxrstor CTX_FLTSAVE(%rdi)
        ldmxcsr CTX_MXCSR(%rdi)
1:      movl %ss, %eax
        pushq %rax
        pushq CTX_RSP(%rdi)
        movl CTX_EFLAGS(%rdi), %eax
        pushq %rax
        movl %cs, %eax
        pushq %rax
        pushq CTX_RIP(%rdi)
        movq CTX_RAX(%rdi), %rax
        movq CTX_RCX(%rdi), %rcx
        movq CTX_RDX(%rdi), %rdx
        movq CTX_RBX(%rdi), %rbx
        movq CTX_RBP(%rdi), %rbp
        movq CTX_RSI(%rdi), %rsi
        movq CTX_R8(%rdi), %r8
        movq CTX_R9(%rdi), %r9
        movq CTX_R10(%rdi), %r10
        movq CTX_R11(%rdi), %r11
        movq CTX_R12(%rdi), %r12
        movq CTX_R13(%rdi), %r13
        movq CTX_R14(%rdi), %r14
        movq CTX_R15(%rdi), %r15
        movq CTX_RDI(%rdi), %rdi
        iretq
        .size carafe_restore_context, .-carafe_restore_context

/* EXCEPTION_DISPOSITION carafe_call_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
 *         DISPATCHER_CONTEXT *dispatch, PEXCEPTION_ROUTINE handler, long kind)   -- sysv
 * Calls handler(rec, frame, ctx, dispatch) with the Microsoft convention.
 * While it runs, 0x20(%rsp) of this frame holds dispatch and 0x28(%rsp) kind:
 * an exception raised inside the handler finds this frame on its way up. */
        .globl carafe_call_handler
        .hidden carafe_call_handler
        .type carafe_call_handler, @function
carafe_call_handler:
        .cfi_startproc
        pushq %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq %rsp, %rbp
        .cfi_def_cfa_register %rbp
        subq $0x30, %rsp
        movq %rcx, 0x20(%rsp)
        movq %r9, 0x28(%rsp)
        movq %r8, %rax
        movq %rcx, %r9
        movq %rdx, %r8
        movq %rsi, %rdx
        movq %rdi, %rcx
        call *%rax
        .globl carafe_call_handler_ret
        .hidden carafe_call_handler_ret
carafe_call_handler_ret:
        nop
        leave
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .globl carafe_call_handler_end
        .hidden carafe_call_handler_end
carafe_call_handler_end:
        .size carafe_call_handler, .-carafe_call_handler

/* Where a signal handler sends the faulting thread: rsp points at the
 * CONTEXT (then the EXCEPTION_RECORD) copied below the faulting frame,
 * rdi = record, rsi = context. */
        .globl carafe_exception_entry
        .hidden carafe_exception_entry
        .type carafe_exception_entry, @function
carafe_exception_entry:
        call carafe_dispatch_fault
        .globl carafe_exception_entry_ret
        .hidden carafe_exception_entry_ret
carafe_exception_entry_ret:
        ud2
        .size carafe_exception_entry, .-carafe_exception_entry

        .section .note.GNU-stack,"",@progbits
