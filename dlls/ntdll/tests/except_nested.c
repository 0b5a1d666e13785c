/* Exception dispatch corners: vectored continue handlers, an exception
 * raised inside a handler (EXCEPTION_NESTED_CALL), an unwind started inside
 * an unwind handler (EXCEPTION_COLLIDED_UNWIND), RtlUnwindEx to a target
 * frame with a return value, unmasked x87 exceptions.  Frame handlers come
 * from two assembly functions whose .pdata names them. */
#include <windows.h>
#include <setjmp.h>
#include "test.h"

typedef void *(*call_fn)(void *);
void *call_frame1(call_fn fn, void *arg);
void *call_frame2(call_fn fn, void *arg);
extern char call_frame1_resume[];
ULONG_PTR frame1_rsp;

/* call_frameN(fn, arg) calls fn(arg) under frameN_handler (both passes);
 * call_frame1 records its establisher frame and has a label after the call */
__asm__(".text\n"
        ".globl call_frame1\n"
        ".def call_frame1; .scl 2; .type 32; .endef\n"
        ".seh_proc call_frame1\n"
        "call_frame1:\n"
        "    pushq %rbp\n"
        "    .seh_pushreg %rbp\n"
        "    subq $48, %rsp\n"
        "    .seh_stackalloc 48\n"
        "    .seh_endprologue\n"
        "    .seh_handler frame1_handler, @except, @unwind\n"
        "    movq %rsp, frame1_rsp(%rip)\n"
        "    movq %rcx, %rax\n"
        "    movq %rdx, %rcx\n"
        "    call *%rax\n"
        ".globl call_frame1_resume\n"
        "call_frame1_resume:\n"
        "    nop\n"
        "    addq $48, %rsp\n"
        "    popq %rbp\n"
        "    ret\n"
        ".seh_endproc\n"
        ".globl call_frame2\n"
        ".def call_frame2; .scl 2; .type 32; .endef\n"
        ".seh_proc call_frame2\n"
        "call_frame2:\n"
        "    pushq %rbp\n"
        "    .seh_pushreg %rbp\n"
        "    subq $48, %rsp\n"
        "    .seh_stackalloc 48\n"
        "    .seh_endprologue\n"
        "    .seh_handler frame2_handler, @except, @unwind\n"
        "    movq %rcx, %rax\n"
        "    movq %rdx, %rcx\n"
        "    call *%rax\n"
        "    nop\n"
        "    addq $48, %rsp\n"
        "    popq %rbp\n"
        "    ret\n"
        ".seh_endproc\n");

typedef EXCEPTION_DISPOSITION (*frame_handler)(EXCEPTION_RECORD *, void *, CONTEXT *, DISPATCHER_CONTEXT *);
static frame_handler handler1, handler2;

EXCEPTION_DISPOSITION frame1_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    return handler1 ? handler1(rec, frame, ctx, d) : ExceptionContinueSearch;
}

EXCEPTION_DISPOSITION frame2_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    return handler2 ? handler2(rec, frame, ctx, d) : ExceptionContinueSearch;
}

/* what the handlers saw: "h<frame>:<code & 0xff>:<flags>" */
static char trace[512];
static void note(int which, EXCEPTION_RECORD *rec)
{
    char buf[48];
    wsprintfA(buf, "%sh%d:%x:%x", trace[0] ? " " : "", which, (unsigned)(rec->ExceptionCode & 0xff),
              (unsigned)rec->ExceptionFlags);
    lstrcatA(trace, buf);
}

/* ---- vectored continue handlers ---- */

static int vcont_calls;
static DWORD vcont_code;
static LONG WINAPI vcont(EXCEPTION_POINTERS *p)
{
    vcont_calls++;
    vcont_code = p->ExceptionRecord->ExceptionCode;
    return EXCEPTION_CONTINUE_SEARCH;
}

static EXCEPTION_DISPOSITION continue_it(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    if (rec->ExceptionFlags & EXCEPTION_UNWINDING) return ExceptionContinueSearch;
    note(2, rec);
    return ExceptionContinueExecution;
}

static void *raise_e1(void *arg)
{
    RaiseException(0xe0000001, 0, 0, NULL);
    return (void *)1;
}

/* Wine 8 never calls vectored continue handlers */
static int on_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

static LONG WINAPI veh_continue(EXCEPTION_POINTERS *p)
{
    return p->ExceptionRecord->ExceptionCode == 0xe0000009 ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static void test_continue_handlers(void)
{
    void *c = AddVectoredContinueHandler(0, vcont);
    ok(c != NULL, "AddVectoredContinueHandler failed\n");
    trace[0] = 0;
    handler2 = continue_it;
    void *r = call_frame2(raise_e1, NULL);
    ok(r == (void *)1, "returned %p\n", r);
    ok(!lstrcmpA(trace, "h2:1:0"), "trace %s\n", trace);
    ok((vcont_calls == 1 && vcont_code == 0xe0000001) || on_wine(), "continue handler: %d calls, code %lx\n", vcont_calls, vcont_code);
    handler2 = NULL;

    /* a vectored exception handler that continues: on Windows the continue
     * handlers run too */
    void *v = AddVectoredExceptionHandler(1, veh_continue);
    vcont_calls = 0;
    RaiseException(0xe0000009, 0, 0, NULL);
    ok((vcont_calls == 1 && vcont_code == 0xe0000009) || on_wine(), "after a vectored handler: %d calls\n", vcont_calls);
    RemoveVectoredExceptionHandler(v);

    ok(RemoveVectoredContinueHandler(c) == 1, "remove failed\n");
    ok(RemoveVectoredContinueHandler(c) == 0, "removed twice\n");
    vcont_calls = 0;
    handler2 = continue_it;
    call_frame2(raise_e1, NULL);
    handler2 = NULL;
    ok(vcont_calls == 0, "removed continue handler called %d times\n", vcont_calls);
}

/* ---- nested exceptions ---- */

static EXCEPTION_DISPOSITION nested_inner(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    if (rec->ExceptionFlags & EXCEPTION_UNWINDING) return ExceptionContinueSearch;
    note(2, rec);
    if (rec->ExceptionCode == 0xe0000001) {
        RaiseException(0xe0000002, 0, 0, NULL);   /* continued by the outer frame */
        return ExceptionContinueExecution;
    }
    return ExceptionContinueSearch;
}

static EXCEPTION_DISPOSITION nested_outer(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    if (rec->ExceptionFlags & EXCEPTION_UNWINDING) return ExceptionContinueSearch;
    note(1, rec);
    return rec->ExceptionCode == 0xe0000002 ? ExceptionContinueExecution : ExceptionContinueSearch;
}

static void *in_frame2(void *arg)
{
    return call_frame2((call_fn)arg, NULL);
}

static void test_nested(void)
{
    trace[0] = 0;
    handler1 = nested_outer;
    handler2 = nested_inner;
    void *r = call_frame1(in_frame2, raise_e1);
    handler1 = handler2 = NULL;
    ok(r == (void *)1, "returned %p\n", r);
    /* the inner frame sees the second exception marked nested; the outer
     * one, above the frame whose handler raised it, does not */
    ok(!lstrcmpA(trace, "h2:1:0 h2:2:10 h1:2:0"), "trace %s\n", trace);
}

/* ---- collided unwinds ---- */

static jmp_buf inner_jmp, outer_jmp;
static int collided_calls;

static EXCEPTION_DISPOSITION collide(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    if (!(rec->ExceptionFlags & EXCEPTION_UNWINDING)) return ExceptionContinueSearch;
    note(2, rec);
    if (collided_calls++ == 0) longjmp(outer_jmp, 2);   /* a second unwind from inside the first */
    return ExceptionContinueSearch;
}

static void *jump_inner(void *arg)
{
    longjmp(inner_jmp, 1);
}

static __attribute__((noinline)) int start_inner_unwind(void)
{
    if (setjmp(inner_jmp)) return 1;   /* not reached: the unwind handler leaves for outer_jmp */
    call_frame2(jump_inner, NULL);
    return 0;
}

static void test_collided_unwind(void)
{
    volatile int result = -1;
    trace[0] = 0;
    collided_calls = 0;
    handler2 = collide;
    if (!setjmp(outer_jmp)) result = start_inner_unwind();
    else result = 2;
    handler2 = NULL;
    ok(result == 2, "result %d\n", result);
    /* 0x26: STATUS_LONGJUMP; the frame's handler runs again, told of the collision */
    ok(!lstrcmpA(trace, "h2:26:2 h2:26:42"), "trace %s\n", trace);
}

/* ---- RtlUnwindEx to a target frame ---- */

static EXCEPTION_DISPOSITION unwind_note1(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    note(1, rec);
    return ExceptionContinueSearch;
}

static EXCEPTION_DISPOSITION unwind_note2(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, DISPATCHER_CONTEXT *d)
{
    note(2, rec);
    return ExceptionContinueSearch;
}

static void *unwind_to_frame1(void *arg)
{
    CONTEXT ctx;
    RtlUnwindEx((void *)frame1_rsp, call_frame1_resume, NULL, (void *)0x1234, &ctx, NULL);
    return (void *)1;   /* not reached */
}

static void test_unwind_target(void)
{
    trace[0] = 0;
    handler1 = unwind_note1;
    handler2 = unwind_note2;
    void *r = call_frame1(in_frame2, unwind_to_frame1);
    handler1 = handler2 = NULL;
    ok(r == (void *)0x1234, "returned %p\n", r);
    /* 0x27: STATUS_UNWIND; the target frame's handler gets EXCEPTION_TARGET_UNWIND */
    ok(!lstrcmpA(trace, "h2:27:2 h1:27:22"), "trace %s\n", trace);
}

/* ---- x87 exceptions ---- */

static DWORD fp_code;
static LONG WINAPI fp_handler(EXCEPTION_POINTERS *p)
{
    CONTEXT *ctx = p->ContextRecord;
    fp_code = p->ExceptionRecord->ExceptionCode;
    if (fp_code != STATUS_FLOAT_DIVIDE_BY_ZERO && fp_code != STATUS_FLOAT_INVALID_OPERATION)
        return EXCEPTION_CONTINUE_SEARCH;
    /* mask everything and drop the pending exception; skip the fwait */
    ctx->FltSave.ControlWord |= 0x3f;
    ctx->FltSave.StatusWord &= ~0x80ff;
    ctx->Rip++;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void test_x87(void)
{
    void *h = AddVectoredExceptionHandler(1, fp_handler);
    unsigned short cw = 0x37f & ~0x4;   /* zero-divide unmasked */
    double one = 1.0, zero = 0.0, result;
    fp_code = 0;
    __asm__ volatile("fldcw %3\n\t"
                     "fldl %1\n\t"
                     "fdivl %2\n\t"
                     "fwait\n\t"
                     "fstpl %0\n\t"
                     : "=m"(result) : "m"(one), "m"(zero), "m"(cw));
    __asm__ volatile("fninit");
    ok(fp_code == STATUS_FLOAT_DIVIDE_BY_ZERO, "x87 divide by zero: code %lx\n", fp_code);
    RemoveVectoredExceptionHandler(h);
}

int main(void)
{
    test_continue_handlers();
    test_nested();
    test_collided_unwind();
    test_unwind_target();
    test_x87();
    return test_summary();
}
