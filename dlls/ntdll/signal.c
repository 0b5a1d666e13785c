/* Hardware faults become Windows exceptions (DESIGN decision 7).
 * For now an exception goes to the program's unhandled-exception filter
 * (SetUnhandledExceptionFilter); unhandled, it prints one line naming the
 * code, address and module+offset and exits with the exception code. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "ntdll_private.h"

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

/* Offer the exception to the program's filter; returns only to continue. */
static void dispatch_unhandled(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
    filter_fn filter = (filter_fn)unhandled_filter;
    if (filter) {
        EXCEPTION_POINTERS ptrs = { rec, ctx };
        LONG r = filter(&ptrs);
        if (r == EXCEPTION_CONTINUE_EXECUTION && !(rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE)) return;
        if (r == EXCEPTION_EXECUTE_HANDLER) _exit(rec->ExceptionCode);
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
    _exit(rec->ExceptionCode);
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

static void context_to_ucontext(const CONTEXT *ctx, ucontext_t *uc)
{
    greg_t *g = uc->uc_mcontext.gregs;
    g[REG_RAX] = ctx->Rax; g[REG_RCX] = ctx->Rcx; g[REG_RDX] = ctx->Rdx; g[REG_RBX] = ctx->Rbx;
    g[REG_RSP] = ctx->Rsp; g[REG_RBP] = ctx->Rbp; g[REG_RSI] = ctx->Rsi; g[REG_RDI] = ctx->Rdi;
    g[REG_R8] = ctx->R8; g[REG_R9] = ctx->R9; g[REG_R10] = ctx->R10; g[REG_R11] = ctx->R11;
    g[REG_R12] = ctx->R12; g[REG_R13] = ctx->R13; g[REG_R14] = ctx->R14; g[REG_R15] = ctx->R15;
    g[REG_RIP] = ctx->Rip;
    g[REG_EFL] = ctx->EFlags;
    if (uc->uc_mcontext.fpregs) memcpy(uc->uc_mcontext.fpregs, &ctx->FltSave, sizeof(ctx->FltSave));
}

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
            rec.ExceptionInformation[1] = ~0ul;
        }
        unsigned char *a = si->si_addr, *guard = teb->DeallocationStack;
        if (guard && a >= guard && a < (unsigned char *)teb->Tib.StackLimit) {
            rec.ExceptionCode = STATUS_STACK_OVERFLOW;
            rec.NumberParameters = 0;
        }
        break;
    }
    case SIGILL:
        rec.ExceptionCode = si->si_code == ILL_PRVOPC ? STATUS_PRIVILEGED_INSTRUCTION : STATUS_ILLEGAL_INSTRUCTION;
        break;
    case SIGFPE:
        switch (si->si_code) {
        case FPE_INTDIV: rec.ExceptionCode = STATUS_INTEGER_DIVIDE_BY_ZERO; break;
        case FPE_INTOVF: rec.ExceptionCode = STATUS_INTEGER_OVERFLOW; break;
        case FPE_FLTDIV: rec.ExceptionCode = STATUS_FLOAT_DIVIDE_BY_ZERO; break;
        default: rec.ExceptionCode = STATUS_FLOAT_INVALID_OPERATION; break;
        }
        break;
    case SIGTRAP:
        if (si->si_code == TRAP_TRACE) rec.ExceptionCode = STATUS_SINGLE_STEP;
        else {
            rec.ExceptionCode = STATUS_BREAKPOINT;
            ctx.Rip--;   /* the address of the int3 itself */
            rec.ExceptionAddress = (void *)ctx.Rip;
            rec.NumberParameters = 1;
        }
        break;
    }
    TRACE("signal %d: code %x at %p\n", sig, (unsigned)rec.ExceptionCode, rec.ExceptionAddress);
    dispatch_unhandled(&rec, &ctx);
    context_to_ucontext(&ctx, uc);
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
