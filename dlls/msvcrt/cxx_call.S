/* msvcrt_call_catch(funclet, frame, target): calls an MSVC catch funclet
 * (rcx = rdx = the parent's establisher frame) and returns its result, the
 * address to continue at.  It runs deep on the stack, below the frames the
 * throw left (the thrown object lives there), so its CFI describes its caller
 * as the CONTEXT TARGET points at: the frame the catch belongs to.  An
 * exception raised in the catch thus unwinds from here straight to that
 * frame, never into the frames already unwound.  Offsets are those of the
 * x64 CONTEXT (Rbx 0x90, Rsp 0x98, Rbp 0xa0, Rsi 0xa8, Rdi 0xb0, R12-R15
 * 0xd8-0xf0, Rip 0xf8); DWARF registers rbx 3, rsi 4, rdi 5, rbp 6,
 * r12-r15 12-15, return address 16.  Called with the System V convention. */
        .text
        .globl msvcrt_call_catch
        .hidden msvcrt_call_catch
        .type msvcrt_call_catch, @function
msvcrt_call_catch:
        .cfi_startproc
        pushq %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_offset %rbx, -16
        movq %rdx, %rbx
        .cfi_escape 0x0f, 0x04, 0x73, 0x98, 0x01, 0x06        /* CFA = target->Rsp */
        .cfi_escape 0x10, 0x10, 0x03, 0x73, 0xf8, 0x01        /* rip at &target->Rip */
        .cfi_escape 0x10, 0x03, 0x03, 0x73, 0x90, 0x01        /* rbx */
        .cfi_escape 0x10, 0x06, 0x03, 0x73, 0xa0, 0x01        /* rbp */
        .cfi_escape 0x10, 0x04, 0x03, 0x73, 0xa8, 0x01        /* rsi */
        .cfi_escape 0x10, 0x05, 0x03, 0x73, 0xb0, 0x01        /* rdi */
        .cfi_escape 0x10, 0x0c, 0x03, 0x73, 0xd8, 0x01        /* r12 */
        .cfi_escape 0x10, 0x0d, 0x03, 0x73, 0xe0, 0x01        /* r13 */
        .cfi_escape 0x10, 0x0e, 0x03, 0x73, 0xe8, 0x01        /* r14 */
        .cfi_escape 0x10, 0x0f, 0x03, 0x73, 0xf0, 0x01        /* r15 */
        subq $32, %rsp
        movq %rsi, %rcx
        movq %rsi, %rdx
        call *%rdi
        addq $32, %rsp
        popq %rbx
        ret
        .cfi_endproc
        .size msvcrt_call_catch, .-msvcrt_call_catch
        .section .note.GNU-stack,"",@progbits
