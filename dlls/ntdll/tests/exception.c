/* Hardware faults and raised exceptions as Windows reports them: codes,
 * flags, addresses, parameters and CONTEXT registers seen by a vectored
 * handler, and continuing after the handler fixed the context. */
#include <windows.h>
#include <setjmp.h>
#include <string.h>
#include <stdint.h>
#include "test.h"

static EXCEPTION_RECORD last_rec;
static CONTEXT last_ctx;
static int handler_calls, skip_bytes, continue_calls;
static int leave_by_longjmp;
static jmp_buf escape;

static LONG WINAPI record_handler(EXCEPTION_POINTERS *p)
{
    handler_calls++;
    last_rec = *p->ExceptionRecord;
    last_ctx = *p->ContextRecord;
    if (leave_by_longjmp) longjmp(escape, 1);
    p->ContextRecord->Rip += skip_bytes;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG WINAPI continue_handler(EXCEPTION_POINTERS *p)
{
    continue_calls++;
    return EXCEPTION_CONTINUE_SEARCH;
}

static int running_on_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

static void reset(int skip)
{
    memset(&last_rec, 0, sizeof(last_rec));
    memset(&last_ctx, 0, sizeof(last_ctx));
    handler_calls = 0;
    skip_bytes = skip;
}

static void test_access_violation(void)
{
    void *at;
    reset(3);
    /* mov (%rcx),%rax is 3 bytes */
    __asm__ volatile("movq $0x12345678abcd, %%r12\n\t"
                     "leaq 1f(%%rip), %0\n\t"
                     "movq $0x10, %%rcx\n"
                     "1:\tmovq (%%rcx), %%rax"
                     : "=&r"(at) : : "rax", "rcx", "r12", "memory");
    ok(handler_calls == 1, "read: handler called %d times\n", handler_calls);
    ok(last_rec.ExceptionCode == STATUS_ACCESS_VIOLATION, "read: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "read: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_rec.NumberParameters == 2, "read: %lu parameters\n", last_rec.NumberParameters);
    ok(last_rec.ExceptionInformation[0] == 0, "read: access %Iu\n", last_rec.ExceptionInformation[0]);
    ok(last_rec.ExceptionInformation[1] == 0x10, "read: address %Ix\n", last_rec.ExceptionInformation[1]);
    ok(last_ctx.Rip == (DWORD64)at, "read: Rip %Ix\n", last_ctx.Rip);
    ok(last_ctx.R12 == 0x12345678abcd, "read: R12 %Ix\n", last_ctx.R12);
    ok(last_ctx.Rcx == 0x10, "read: Rcx %Ix\n", last_ctx.Rcx);
    ok(last_rec.ExceptionFlags == 0, "read: flags %lx\n", last_rec.ExceptionFlags);

    reset(3);
    /* mov %rax,(%rcx) is 3 bytes */
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movq $0x20, %%rcx\n\t"
                     "movq $0x5555, %%rbx\n"
                     "1:\tmovq %%rax, (%%rcx)"
                     : "=&r"(at) : : "rcx", "rbx", "memory");
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_ACCESS_VIOLATION, "write: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionInformation[0] == 1, "write: access %Iu\n", last_rec.ExceptionInformation[0]);
    ok(last_rec.ExceptionInformation[1] == 0x20, "write: address %Ix\n", last_rec.ExceptionInformation[1]);
    ok(last_rec.ExceptionAddress == at, "write: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_ctx.Rbx == 0x5555, "write: Rbx %Ix\n", last_ctx.Rbx);
}

/* executing data: the handler returns to the caller of the bad call */
static LONG WINAPI exec_handler(EXCEPTION_POINTERS *p)
{
    handler_calls++;
    last_rec = *p->ExceptionRecord;
    last_ctx = *p->ContextRecord;
    p->ContextRecord->Rip = *(DWORD64 *)p->ContextRecord->Rsp;
    p->ContextRecord->Rsp += 8;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void test_execute(void)
{
    unsigned char *data = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    data[0] = 0xc3;
    void *h = AddVectoredExceptionHandler(1, exec_handler);
    reset(0);
    ((void (*)(void))data)();
    RemoveVectoredExceptionHandler(h);
    ok(handler_calls == 1, "execute: handler called %d times\n", handler_calls);
    ok(last_rec.ExceptionCode == STATUS_ACCESS_VIOLATION, "execute: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionInformation[0] == 8, "execute: access %Iu\n", last_rec.ExceptionInformation[0]);
    ok(last_rec.ExceptionInformation[1] == (ULONG_PTR)data, "execute: address %Ix\n", last_rec.ExceptionInformation[1]);
    ok(last_rec.ExceptionAddress == data, "execute: exception address %p\n", last_rec.ExceptionAddress);
    VirtualFree(data, 0, MEM_RELEASE);
}

static void test_integer(void)
{
    void *at;
    int result = 7;
    reset(2);
    /* idiv %ecx is 2 bytes */
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movl $5, %%eax\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "cltd\n"
                     "1:\tidivl %%ecx\n\t"
                     "movl $9, %1"
                     : "=&r"(at), "+m"(result) : : "rax", "rcx", "rdx");
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_INTEGER_DIVIDE_BY_ZERO, "div0: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "div0: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_rec.NumberParameters == 0, "div0: %lu parameters\n", last_rec.NumberParameters);
    ok(result == 9, "div0: execution did not continue after the instruction\n");

    reset(2);
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movl $0x80000000, %%eax\n\t"
                     "movl $-1, %%ecx\n\t"
                     "cltd\n"
                     "1:\tidivl %%ecx"
                     : "=&r"(at) : : "rax", "rcx", "rdx");
    /* Windows reports an overflowing quotient as such; Wine as a division by zero */
    ok(handler_calls == 1 && (last_rec.ExceptionCode == STATUS_INTEGER_OVERFLOW ||
       (running_on_wine() && last_rec.ExceptionCode == STATUS_INTEGER_DIVIDE_BY_ZERO)), "overflow: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "overflow: address %p, expected %p\n", last_rec.ExceptionAddress, at);

    static volatile long long divisor = 0;
    /* idivq divisor(%rip): 48 f7 3d rel32, 7 bytes */
    reset(7);
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movq $5, %%rax\n\t"
                     "cqto\n"
                     "1:\tidivq %1"
                     : "=&r"(at) : "m"(divisor) : "rax", "rdx");
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_INTEGER_DIVIDE_BY_ZERO, "div0 memory: code %lx\n", last_rec.ExceptionCode);
}

static void test_instructions(void)
{
    void *at;
    reset(2);
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movq $0x4242, %%r13\n"
                     "1:\tud2" : "=&r"(at) : : "r13");
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_ILLEGAL_INSTRUCTION, "ud2: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "ud2: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_ctx.R13 == 0x4242, "ud2: R13 %Ix\n", last_ctx.R13);

    reset(1);
    __asm__ volatile("leaq 1f(%%rip), %0\n"
                     "1:\thlt" : "=&r"(at));
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_PRIVILEGED_INSTRUCTION, "hlt: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "hlt: address %p, expected %p\n", last_rec.ExceptionAddress, at);

    reset(1);
    __asm__ volatile("leaq 1f(%%rip), %0\n"
                     "1:\tcli" : "=&r"(at));
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_PRIVILEGED_INSTRUCTION, "cli: code %lx\n", last_rec.ExceptionCode);

    reset(1);
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "movq $0x777, %%rsi\n"
                     "1:\tint3" : "=&r"(at) : : "rsi");
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_BREAKPOINT, "int3: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "int3: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_ctx.Rip == (DWORD64)at, "int3: Rip %Ix, expected %p\n", last_ctx.Rip, at);
    ok(last_rec.NumberParameters == 1, "int3: %lu parameters\n", last_rec.NumberParameters);
    ok(last_ctx.Rsi == 0x777, "int3: Rsi %Ix\n", last_ctx.Rsi);

    /* the trap flag: a single-step exception after the next instruction */
    reset(0);
    __asm__ volatile("leaq 1f(%%rip), %0\n\t"
                     "pushfq\n\t"
                     "orl $0x100, (%%rsp)\n\t"
                     "popfq\n\t"
                     "nop\n"
                     "1:\tnop" : "=&r"(at));
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_SINGLE_STEP, "single step: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "single step: address %p, expected %p\n", last_rec.ExceptionAddress, at);
}

static void test_float(void)
{
    void *at;
    double one = 1.0, zero = 0.0, r = 0;
    unsigned int mxcsr = 0x1f80 & ~0x200;   /* divide by zero unmasked */
    reset(4);
    /* divsd %xmm1,%xmm0 is 4 bytes */
    __asm__ volatile("movsd %2, %%xmm0\n\t"
                     "movsd %3, %%xmm1\n\t"
                     "leaq 1f(%%rip), %0\n\t"
                     "ldmxcsr %4\n"
                     "1:\tdivsd %%xmm1, %%xmm0\n\t"
                     "movsd %%xmm0, %1"
                     : "=&r"(at), "=m"(r) : "m"(one), "m"(zero), "m"(mxcsr) : "xmm0", "xmm1");
    unsigned int now;
    __asm__ volatile("stmxcsr %0" : "=m"(now));
    __asm__ volatile("ldmxcsr %0" : : "m"((unsigned int){0x1f80}));
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_FLOAT_DIVIDE_BY_ZERO, "divsd: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionAddress == at, "divsd: address %p, expected %p\n", last_rec.ExceptionAddress, at);
    ok(last_ctx.MxCsr == (0x1f80 & ~0x200) + 4, "divsd: MxCsr %lx\n", last_ctx.MxCsr);
    ok(r == 1.0, "divsd: execution went on with %g\n", r);
    ok((now & 0x3f) == 4, "mxcsr after continuing: %x\n", now);
}

static void test_raise(void)
{
    ULONG_PTR args[3] = { 1, 0xdead, 0xbeef };
    reset(0);
    RaiseException(0xe0001234, 0, 3, args);
    ok(handler_calls == 1, "RaiseException: handler called %d times\n", handler_calls);
    ok(last_rec.ExceptionCode == 0xe0001234, "RaiseException: code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionFlags == 0, "RaiseException: flags %lx\n", last_rec.ExceptionFlags);
    ok(last_rec.NumberParameters == 3, "RaiseException: %lu parameters\n", last_rec.NumberParameters);
    ok(last_rec.ExceptionInformation[1] == 0xdead && last_rec.ExceptionInformation[2] == 0xbeef, "RaiseException: parameters\n");
    ok(last_rec.ExceptionAddress != NULL, "RaiseException: no address\n");
    ok(last_ctx.Rip == (DWORD64)last_rec.ExceptionAddress, "RaiseException: Rip %Ix, address %p\n",
       last_ctx.Rip, last_rec.ExceptionAddress);

    reset(0);
    RaiseException(0xe0005678, 0, 20, args);   /* more than the maximum: cut at 15 */
    ok(last_rec.NumberParameters == 15, "RaiseException: %lu parameters\n", last_rec.NumberParameters);

    /* RtlRaiseException: the caller's return address */
    void (WINAPI *pRtlRaiseException)(EXCEPTION_RECORD *) =
        (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlRaiseException");
    ok(pRtlRaiseException != NULL, "no RtlRaiseException\n");
    if (pRtlRaiseException) {
        EXCEPTION_RECORD rec = { 0 };
        rec.ExceptionCode = 0xe0000042;
        reset(0);
        pRtlRaiseException(&rec);
        HMODULE exe = GetModuleHandleA(NULL);
        IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
        char *addr = last_rec.ExceptionAddress;
        ok(handler_calls == 1 && last_rec.ExceptionCode == 0xe0000042, "RtlRaiseException: code %lx\n", last_rec.ExceptionCode);
        ok(addr > (char *)exe && addr < (char *)exe + nt->OptionalHeader.SizeOfImage,
           "RtlRaiseException: address %p not in the program\n", addr);
        ok(rec.ExceptionAddress == addr, "RtlRaiseException: the record was not updated\n");
        ok(last_ctx.Rip == (DWORD64)addr, "RtlRaiseException: Rip %Ix\n", last_ctx.Rip);
    }
}

static int order[8], norder;
static LONG WINAPI first_handler(EXCEPTION_POINTERS *p) { order[norder++] = 1; return EXCEPTION_CONTINUE_SEARCH; }
static LONG WINAPI last_handler(EXCEPTION_POINTERS *p) { order[norder++] = 3; return EXCEPTION_CONTINUE_SEARCH; }

static void test_vectored_order(void)
{
    void *h1 = AddVectoredExceptionHandler(1, first_handler);
    void *h3 = AddVectoredExceptionHandler(0, last_handler);
    void *c = AddVectoredContinueHandler(0, continue_handler);
    norder = 0;
    continue_calls = 0;
    reset(0);
    RaiseException(0xe0000001, 0, 0, NULL);
    ok(norder == 1 && order[0] == 1, "first handler: %d calls, first %d\n", norder, order[0]);
    ok(handler_calls == 1, "the continuing handler was called %d times\n", handler_calls);
    ok(RemoveVectoredExceptionHandler(h1) == 1, "remove failed\n");
    ok(RemoveVectoredExceptionHandler(h1) == 0, "removed twice\n");
    ok(RemoveVectoredContinueHandler(c) == 1, "remove continue handler failed\n");
    norder = 0;
    RaiseException(0xe0000001, 0, 0, NULL);
    ok(norder == 0, "removed handler still called\n");
    RemoveVectoredExceptionHandler(h3);
}

/* a fault inside a builtin (strlen(NULL)) reaches the program, which leaves
 * through longjmp: that unwinds through the builtin's frames */
static void test_fault_in_dll(void)
{
    volatile int phase = 0;
    reset(0);
    leave_by_longjmp = 1;
    if (!setjmp(escape)) {
        phase = 1;
        size_t n = strlen(*(char * volatile *)&(char *){ NULL });
        phase = 2 + (int)n;
    }
    leave_by_longjmp = 0;
    ok(phase == 1, "phase %d\n", phase);
    ok(handler_calls == 1 && last_rec.ExceptionCode == STATUS_ACCESS_VIOLATION, "strlen(NULL): code %lx\n", last_rec.ExceptionCode);
    ok(last_rec.ExceptionInformation[0] == 0 && last_rec.ExceptionInformation[1] == 0,
       "strlen(NULL): access %Iu at %Ix\n", last_rec.ExceptionInformation[0], last_rec.ExceptionInformation[1]);
}

static int depth;
static int recurse(volatile char *p)
{
    volatile char buf[4096];
    buf[0] = p ? p[0] + 1 : 0;
    if (++depth > 10000000) return 0;
    return recurse(buf) + buf[100];
}

static void test_stack_overflow(void)
{
    for (int round = 0; round < 2; round++) {
        reset(0);
        leave_by_longjmp = 1;
        depth = 0;
        if (!setjmp(escape)) recurse(NULL);
        leave_by_longjmp = 0;
        ok(handler_calls == 1, "round %d: handler called %d times\n", round, handler_calls);
        ok(last_rec.ExceptionCode == STATUS_STACK_OVERFLOW, "round %d: code %lx\n", round, last_rec.ExceptionCode);
        ok(depth > 100, "round %d: depth %d\n", round, depth);
        _resetstkoflw();
    }
}

static void test_capture_context(void)
{
    CONTEXT ctx;
    memset(&ctx, 0xcc, sizeof(ctx));
    RtlCaptureContext(&ctx);
    ok((ctx.ContextFlags & CONTEXT_FULL) == CONTEXT_FULL, "flags %lx\n", ctx.ContextFlags);
    ok(ctx.Rsp <= (DWORD64)&ctx && ctx.Rsp + 0x1000 > (DWORD64)&ctx, "Rsp %Ix, the context at %p\n", ctx.Rsp, &ctx);
    ok(ctx.SegCs == 0x33 && ctx.SegSs == 0x2b, "cs %x ss %x\n", ctx.SegCs, ctx.SegSs);
    ok(ctx.MxCsr == ctx.FltSave.MxCsr, "MxCsr %lx / %lx\n", ctx.MxCsr, ctx.FltSave.MxCsr);
}

int main(void)
{
    void *h = AddVectoredExceptionHandler(1, record_handler);
    ok(h != NULL, "AddVectoredExceptionHandler failed\n");
    test_access_violation();
    test_integer();
    test_instructions();
    test_float();
    test_raise();
    test_fault_in_dll();
    test_stack_overflow();
    RemoveVectoredExceptionHandler(h);
    test_execute();
    h = AddVectoredExceptionHandler(1, record_handler);
    test_vectored_order();
    RemoveVectoredExceptionHandler(h);
    test_capture_context();
    return test_summary();
}
