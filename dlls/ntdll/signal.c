/* Hardware faults become Windows exceptions (DESIGN decision 7): the signal
 * handler (on the alternate signal stack) turns the fault into an
 * EXCEPTION_RECORD and CONTEXT, copies them below the faulting frame and
 * returns into carafe_exception_entry on the faulting thread's own stack,
 * where exception.c dispatches them as Windows does.  An exception nothing
 * handles goes to the program's unhandled-exception filter; unhandled, it
 * prints one line naming the code, address and module+offset and exits
 * with the exception code. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "carafe/process.h"
#include "ntdll_private.h"
#include "exception_private.h"

DEFAULT_DEBUG_CHANNEL(seh);

typedef LONG (WINAPI *filter_fn)(EXCEPTION_POINTERS *);
static void *unhandled_filter;

#define ALTSTACK_SIZE (256 * 1024)

void carafe_set_unhandled_filter(void *filter) { unhandled_filter = filter; }
void *carafe_get_unhandled_filter(void) { return unhandled_filter; }

static const char *describe_code(DWORD code)
{
    switch (code) {
    case STATUS_ACCESS_VIOLATION: return "access violation";
    case STATUS_ILLEGAL_INSTRUCTION: return "illegal instruction";
    case STATUS_PRIVILEGED_INSTRUCTION: return "privileged instruction";
    case STATUS_INTEGER_DIVIDE_BY_ZERO: return "integer divide by zero";
    case STATUS_INTEGER_OVERFLOW: return "integer overflow";
    case STATUS_FLOAT_DIVIDE_BY_ZERO: return "floating-point divide by zero";
    case STATUS_FLOAT_INVALID_OPERATION: return "floating-point invalid operation";
    case STATUS_BREAKPOINT: return "breakpoint";
    case STATUS_SINGLE_STEP: return "single step";
    case STATUS_STACK_OVERFLOW: return "stack overflow";
    case STATUS_ENTRYPOINT_NOT_FOUND: return "entry point not found";
    case STATUS_STACK_BUFFER_OVERRUN: return "stack buffer overrun (fail fast)";
    case 0xe06d7363: return "C++ exception (MSVC)";
    case 0x20474343: return "C++ exception (gcc)";
    default: return "exception";
    }
}

LONG carafe_unhandled_filter(EXCEPTION_POINTERS *ptrs)
{
    filter_fn filter = (filter_fn)unhandled_filter;
    return filter ? filter(ptrs) : EXCEPTION_CONTINUE_SEARCH;
}

/* Offer the exception to the program's filter; returns only to continue. */
static void dispatch_unhandled(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
    filter_fn filter = (filter_fn)unhandled_filter;
    if (filter) {
        EXCEPTION_POINTERS ptrs = { rec, ctx };
        LONG r = filter(&ptrs);
        if (r == EXCEPTION_CONTINUE_EXECUTION && !(rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE)) return;
        if (r == EXCEPTION_EXECUTE_HANDLER) carafe_process_report_exit(rec->ExceptionCode), _exit(rec->ExceptionCode);
    }
    char where[160], extra[96] = "";
    carafe_describe_address(rec->ExceptionAddress, where, sizeof(where));
    if (rec->ExceptionCode == STATUS_ACCESS_VIOLATION && rec->NumberParameters >= 2)
        snprintf(extra, sizeof(extra), " %s address 0x%016lx",
                 rec->ExceptionInformation[0] == 1 ? "writing" : rec->ExceptionInformation[0] == 8 ? "executing" : "reading",
                 (unsigned long)rec->ExceptionInformation[1]);
    fprintf(stderr, "carafe: unhandled exception 0x%08x (%s%s) at %s\n",
            (unsigned)rec->ExceptionCode, describe_code(rec->ExceptionCode), extra, where);
    /* Windows terminates the process here: no DLL notifications, and what
     * the C runtime still buffers is lost */
    carafe_process_report_exit(rec->ExceptionCode);
    _exit(rec->ExceptionCode);
}

void exception_unhandled(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
    dispatch_unhandled(rec, ctx);
}

void carafe_raise_unhandled(DWORD code, DWORD flags, const void *addr, int nparams, const ULONG_PTR *params)
{
    EXCEPTION_RECORD rec = { 0 };
    CONTEXT ctx = { 0 };
    rec.ExceptionCode = code;
    rec.ExceptionFlags = flags | EXCEPTION_NONCONTINUABLE;
    rec.ExceptionAddress = (void *)addr;
    if (nparams > EXCEPTION_MAXIMUM_PARAMETERS) nparams = EXCEPTION_MAXIMUM_PARAMETERS;
    rec.NumberParameters = nparams;
    for (int i = 0; i < nparams; i++) rec.ExceptionInformation[i] = params[i];
    ctx.ContextFlags = CONTEXT_CONTROL;
    ctx.Rip = (ULONG_PTR)addr;
    dispatch_unhandled(&rec, &ctx);
    _exit(code);
}

static void context_from_ucontext(CONTEXT *ctx, const ucontext_t *uc)
{
    const greg_t *g = uc->uc_mcontext.gregs;
    ctx->ContextFlags = CONTEXT_FULL;
    ctx->Rax = g[REG_RAX]; ctx->Rcx = g[REG_RCX]; ctx->Rdx = g[REG_RDX]; ctx->Rbx = g[REG_RBX];
    ctx->Rsp = g[REG_RSP]; ctx->Rbp = g[REG_RBP]; ctx->Rsi = g[REG_RSI]; ctx->Rdi = g[REG_RDI];
    ctx->R8 = g[REG_R8]; ctx->R9 = g[REG_R9]; ctx->R10 = g[REG_R10]; ctx->R11 = g[REG_R11];
    ctx->R12 = g[REG_R12]; ctx->R13 = g[REG_R13]; ctx->R14 = g[REG_R14]; ctx->R15 = g[REG_R15];
    ctx->Rip = g[REG_RIP];
    ctx->EFlags = g[REG_EFL];
    ctx->SegCs = 0x33;
    ctx->SegSs = ctx->SegDs = ctx->SegEs = 0x2b;
    ctx->SegFs = 0x53;
    ctx->SegGs = 0x2b;
    if (uc->uc_mcontext.fpregs) {
        memcpy(&ctx->FltSave, uc->uc_mcontext.fpregs, sizeof(ctx->FltSave));
        ctx->MxCsr = uc->uc_mcontext.fpregs->mxcsr;
    }
}

/* the operand of a faulting div/idiv (F6 /6-7, F7 /6-7): Linux reports
 * both a zero divisor and a quotient overflow as FPE_INTDIV, Windows tells
 * them apart (STATUS_INTEGER_OVERFLOW for INT_MIN / -1) */
static int divisor_is_zero(const ucontext_t *uc)
{
    static const int ctx_of_modrm[16] = { REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                          REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15 };
    const greg_t *g = uc->uc_mcontext.gregs;
    const unsigned char *p = (const unsigned char *)g[REG_RIP];
    int size = 4, rex = 0;
    for (;; p++) {
        if (*p == 0x66) size = 2;
        else if (*p == 0x67 || *p == 0xf2 || *p == 0xf3 || *p == 0x2e || *p == 0x3e || *p == 0x26 ||
                 *p == 0x64 || *p == 0x65 || *p == 0x36) continue;
        else break;
    }
    if ((*p & 0xf0) == 0x40) rex = *p++;
    if (*p == 0xf6) size = 1;
    else if (*p != 0xf7) return 1;
    if (rex & 8) size = 8;
    unsigned char modrm = p[1], mod = modrm >> 6, rm = modrm & 7;
    const unsigned char *q = p + 2;
    unsigned long value;
    if (mod == 3) {
        if (size == 1 && !rex && rm >= 4) value = (unsigned long)g[ctx_of_modrm[rm - 4]] >> 8;   /* ah..bh */
        else value = g[ctx_of_modrm[rm | ((rex & 1) << 3)]];
    } else {
        unsigned long addr = 0;
        if (rm == 4) {
            unsigned char sib = *q++, base = sib & 7, index = ((sib >> 3) & 7) | ((rex & 2) << 2);
            if (index != 4) addr += (unsigned long)g[ctx_of_modrm[index]] << (sib >> 6);
            if (base == 5 && mod == 0) { addr += *(const int *)q; q += 4; }
            else addr += g[ctx_of_modrm[base | ((rex & 1) << 3)]];
        } else if (rm == 5 && mod == 0) {
            addr = (unsigned long)(q + 4) + *(const int *)q;   /* rip-relative: no immediate follows */
            q += 4;
        } else {
            addr = g[ctx_of_modrm[rm | ((rex & 1) << 3)]];
        }
        if (mod == 1) addr += (signed char)*q;
        else if (mod == 2) addr += *(const int *)q;
        value = 0;
        memcpy(&value, (const void *)addr, size);
    }
    if (size < 8) value &= (1ul << (size * 8)) - 1;
    return value == 0;
}

/* is the instruction at pc one that only the kernel may execute? */
static int privileged_instruction(const unsigned char *p)
{
    while (*p == 0x66 || *p == 0xf2 || *p == 0xf3 || (*p & 0xf0) == 0x40) p++;
    switch (p[0]) {
    case 0xf4: case 0xfa: case 0xfb:                       /* hlt, cli, sti */
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:            /* in, out */
    case 0xec: case 0xed: case 0xee: case 0xef:
    case 0x6c: case 0x6d: case 0x6e: case 0x6f:            /* ins, outs */
        return 1;
    case 0x0f:
        switch (p[1]) {
        case 0x06: case 0x08: case 0x09: case 0x20: case 0x21: case 0x22: case 0x23:
        case 0x30: case 0x32: case 0x00: case 0x01:
            return 1;
        }
    }
    return 0;
}

/* SSE exceptions: the unmasked MXCSR flag that fired */
static DWORD float_code(DWORD mxcsr)
{
    DWORD pending = mxcsr & 0x3f & ~(mxcsr >> 7);
    if (pending & 0x01) return STATUS_FLOAT_INVALID_OPERATION;
    if (pending & 0x04) return STATUS_FLOAT_DIVIDE_BY_ZERO;
    if (pending & 0x02) return STATUS_FLOAT_DENORMAL_OPERAND;
    if (pending & 0x08) return STATUS_FLOAT_OVERFLOW;
    if (pending & 0x10) return STATUS_FLOAT_UNDERFLOW;
    if (pending & 0x20) return STATUS_FLOAT_INEXACT_RESULT;
    return 0;
}

static int stack_overflow(TEB *teb, unsigned char *addr)
{
    unsigned char *bottom = teb->DeallocationStack, *limit = teb->Tib.StackLimit;
    if (!bottom || addr < bottom || addr >= limit) return 0;
    if (limit - bottom <= STACK_PAGE) {
        /* overflowed again before the guard was armed again: nothing is left to handle it on */
        fprintf(stderr, "carafe: unhandled exception 0x%08x (stack overflow) with no stack left\n",
                (unsigned)STATUS_STACK_OVERFLOW);
        _exit(STATUS_STACK_OVERFLOW);
    }
    /* as Windows does, give the handlers the guard zone, keeping its last page */
    mprotect(bottom + STACK_PAGE, limit - bottom - STACK_PAGE, PROT_READ | PROT_WRITE);
    teb->Tib.StackLimit = bottom + STACK_PAGE;
    return 1;
}

struct fault_frame {
    CONTEXT ctx;            /* first: carafe_exception_entry finds it at rsp */
    EXCEPTION_RECORD rec;
};

#define RED_ZONE 128

static void fault_handler(int sig, siginfo_t *si, void *arg)
{
    ucontext_t *uc = arg;
    EXCEPTION_RECORD rec = { 0 };
    CONTEXT ctx;
    memset(&ctx, 0, sizeof(ctx));
    context_from_ucontext(&ctx, uc);
    rec.ExceptionAddress = (void *)ctx.Rip;
    switch (sig) {
    case SIGSEGV:
    case SIGBUS: {
        greg_t err = uc->uc_mcontext.gregs[REG_ERR];
        greg_t trap = uc->uc_mcontext.gregs[REG_TRAPNO];
        TEB *teb = NtCurrentTeb();
        rec.ExceptionCode = STATUS_ACCESS_VIOLATION;
        rec.NumberParameters = 2;
        rec.ExceptionInformation[0] = (err & 0x10) ? 8 : (err & 2) ? 1 : 0;
        rec.ExceptionInformation[1] = (ULONG_PTR)si->si_addr;
        if (trap == 13) {   /* general protection: a privileged instruction or a bad address */
            const unsigned char *pc = (const unsigned char *)ctx.Rip;
            if (pc[0] == 0xcd && pc[1] == 0x29) {   /* __fastfail: no handler runs */
                fprintf(stderr, "carafe: fail fast (code %lu) at %p\n", (unsigned long)ctx.Rcx, (void *)pc);
                _exit(STATUS_STACK_BUFFER_OVERRUN);
            }
            if (privileged_instruction(pc)) {
                rec.ExceptionCode = STATUS_PRIVILEGED_INSTRUCTION;
                rec.NumberParameters = 0;
            }
            rec.ExceptionInformation[0] = 0;
            rec.ExceptionInformation[1] = ~0ul;
        } else if (stack_overflow(teb, si->si_addr)) {
            rec.ExceptionCode = STATUS_STACK_OVERFLOW;
        }
        break;
    }
    case SIGILL:
        rec.ExceptionCode = si->si_code == ILL_PRVOPC ? STATUS_PRIVILEGED_INSTRUCTION : STATUS_ILLEGAL_INSTRUCTION;
        break;
    case SIGFPE:
        switch (si->si_code) {
        case FPE_INTDIV: rec.ExceptionCode = divisor_is_zero(uc) ? STATUS_INTEGER_DIVIDE_BY_ZERO : STATUS_INTEGER_OVERFLOW; break;
        case FPE_INTOVF: rec.ExceptionCode = STATUS_INTEGER_OVERFLOW; break;
        default:
            rec.ExceptionCode = float_code(ctx.MxCsr);
            if (!rec.ExceptionCode) {
                switch (si->si_code) {
                case FPE_FLTDIV: rec.ExceptionCode = STATUS_FLOAT_DIVIDE_BY_ZERO; break;
                case FPE_FLTOVF: rec.ExceptionCode = STATUS_FLOAT_OVERFLOW; break;
                case FPE_FLTUND: rec.ExceptionCode = STATUS_FLOAT_UNDERFLOW; break;
                case FPE_FLTRES: rec.ExceptionCode = STATUS_FLOAT_INEXACT_RESULT; break;
                default: rec.ExceptionCode = STATUS_FLOAT_INVALID_OPERATION; break;
                }
            } else {
                rec.NumberParameters = 2;   /* as Windows: 0 and the MXCSR */
                rec.ExceptionInformation[1] = ctx.MxCsr;
            }
            break;
        }
        break;
    case SIGTRAP:
        if (si->si_code == TRAP_TRACE) {
            rec.ExceptionCode = STATUS_SINGLE_STEP;
            ctx.EFlags &= ~0x100u;   /* the trap flag is spent */
        } else {
            rec.ExceptionCode = STATUS_BREAKPOINT;
            ctx.Rip--;   /* the address of the int3 itself */
            rec.ExceptionAddress = (void *)ctx.Rip;
            rec.NumberParameters = 1;
        }
        break;
    }
    TRACE("signal %d: code %x at %p\n", sig, (unsigned)rec.ExceptionCode, rec.ExceptionAddress);

    /* dispatch on the faulting thread's stack, below its red zone */
    ULONG_PTR sp = ((ULONG_PTR)ctx.Rsp - RED_ZONE - sizeof(struct fault_frame)) & ~(ULONG_PTR)63;
    TEB *teb = NtCurrentTeb();
    if (teb->Tib.StackBase && teb->DeallocationStack && sp < (ULONG_PTR)teb->DeallocationStack + STACK_PAGE) {
        rec.ExceptionFlags |= EXCEPTION_NONCONTINUABLE;
        dispatch_unhandled(&rec, &ctx);
        _exit(rec.ExceptionCode);
    }
    struct fault_frame *frame = (struct fault_frame *)sp;
    frame->ctx = ctx;
    frame->rec = rec;
    greg_t *g = uc->uc_mcontext.gregs;
    g[REG_RSP] = sp;
    g[REG_RIP] = (greg_t)carafe_exception_entry;
    g[REG_RDI] = (greg_t)&frame->rec;
    g[REG_RSI] = (greg_t)&frame->ctx;
    g[REG_EFL] &= ~(0x100 | 0x400);   /* no trap flag, direction up */
    if (uc->uc_mcontext.fpregs) {
        /* the dispatcher runs with the default floating-point state */
        uc->uc_mcontext.fpregs->mxcsr = 0x1f80;
        uc->uc_mcontext.fpregs->cwd = 0x37f;
        uc->uc_mcontext.fpregs->swd = 0;
    }
}

void signal_init_thread(void)
{
    stack_t ss;
    ss.ss_sp = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ss.ss_sp == MAP_FAILED) return;
    ss.ss_size = ALTSTACK_SIZE;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
}

void signal_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) sigaction(sigs[i], &sa, NULL);
    signal(SIGPIPE, SIG_IGN);   /* Windows reports a broken pipe as an error, not a signal */
    signal_init_thread();
}
