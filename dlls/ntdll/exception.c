/* Exception dispatch as x64 Windows does it (DESIGN decision 7): vectored
 * handlers, then the frame-based handlers found by unwinding the stack
 * (RtlLookupFunctionEntry/RtlVirtualUnwind for Windows frames, DWARF CFI for
 * the ELF frames of builtins), vectored continue handlers, then the
 * unhandled-exception filter.  RtlUnwindEx is the second pass.
 * Written from Microsoft's documentation of x64 exception handling. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "exception_private.h"

DEFAULT_DEBUG_CHANNEL(seh);

/* ---- vectored exception and continue handlers ---- */

struct vectored_handler {
    struct vectored_handler *next;
    PVECTORED_EXCEPTION_HANDLER func;
};

static struct vectored_handler *vectored_handlers[2];   /* exception, continue */
static pthread_mutex_t vectored_lock = PTHREAD_MUTEX_INITIALIZER;
#define MAX_VECTORED 64

static void *add_vectored(int list, ULONG first, PVECTORED_EXCEPTION_HANDLER func)
{
    struct vectored_handler *h = calloc(1, sizeof(*h));
    if (!h) return NULL;
    h->func = func;
    pthread_mutex_lock(&vectored_lock);
    struct vectored_handler **p = &vectored_handlers[list];
    if (!first) while (*p) p = &(*p)->next;
    h->next = *p;
    *p = h;
    pthread_mutex_unlock(&vectored_lock);
    return h;
}

static ULONG remove_vectored(int list, void *handle)
{
    ULONG found = 0;
    pthread_mutex_lock(&vectored_lock);
    for (struct vectored_handler **p = &vectored_handlers[list]; *p; p = &(*p)->next)
        if (*p == handle) {
            struct vectored_handler *h = *p;
            *p = h->next;
            free(h);
            found = 1;
            break;
        }
    pthread_mutex_unlock(&vectored_lock);
    return found;
}

void *WINAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER func) { return add_vectored(0, first, func); }
ULONG WINAPI RtlRemoveVectoredExceptionHandler(void *handle) { return remove_vectored(0, handle); }
void *WINAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER func) { return add_vectored(1, first, func); }
ULONG WINAPI RtlRemoveVectoredContinueHandler(void *handle) { return remove_vectored(1, handle); }

/* Calls the handlers of a list (on a snapshot, so that handlers may add or
 * remove handlers); returns EXCEPTION_CONTINUE_EXECUTION if one did. */
static LONG call_vectored(int list, EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
    PVECTORED_EXCEPTION_HANDLER funcs[MAX_VECTORED];
    int n = 0;
    pthread_mutex_lock(&vectored_lock);
    for (struct vectored_handler *h = vectored_handlers[list]; h && n < MAX_VECTORED; h = h->next) funcs[n++] = h->func;
    pthread_mutex_unlock(&vectored_lock);
    EXCEPTION_POINTERS ptrs = { rec, ctx };
    for (int i = 0; i < n; i++) {
        LONG r = funcs[i](&ptrs);
        TRACE("vectored handler %p returned %d\n", funcs[i], (int)r);
        if (r == EXCEPTION_CONTINUE_EXECUTION) return r;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

/* ---- walking frames ---- */

enum frame_kind { FRAME_END, FRAME_WINDOWS, FRAME_OTHER, FRAME_HANDLER_CALL };

static int in_range(DWORD64 pc, const char *start, const char *end)
{
    return pc >= (DWORD64)(ULONG_PTR)start && pc < (DWORD64)(ULONG_PTR)end;
}

static int in_stack(DWORD64 addr)
{
    TEB *teb = NtCurrentTeb();
    DWORD64 base = (DWORD64)(ULONG_PTR)teb->Tib.StackBase;
    DWORD64 low = (DWORD64)(ULONG_PTR)(teb->DeallocationStack ? teb->DeallocationStack : teb->Tib.StackLimit);
    if (!base) return 1;   /* a thread whose stack carafe does not know */
    return addr >= low && addr <= base;
}

/* Steps *ctx (the state in a frame) to the frame's caller and fills in d for
 * the frame: function entry, handler, establisher frame.  *exact says
 * whether ctx->Rip is a faulting instruction rather than a return address. */
static enum frame_kind unwind_one(DWORD type, CONTEXT *ctx, int *exact, DISPATCHER_CONTEXT *d)
{
    DWORD64 pc = ctx->Rip, base;
    d->ControlPc = pc;
    d->ImageBase = 0;
    d->FunctionEntry = NULL;
    d->LanguageHandler = NULL;
    d->HandlerData = NULL;
    d->EstablisherFrame = ctx->Rsp;
    if (!pc) return FRAME_END;

    /* the frame of a signal's dispatch: what is above it is the faulting context */
    if (pc == (DWORD64)(ULONG_PTR)carafe_exception_entry_ret) {
        *ctx = *(CONTEXT *)(ULONG_PTR)ctx->Rsp;
        *exact = 1;
        return FRAME_OTHER;
    }
    int handler_call = in_range(pc, carafe_call_handler_ret, carafe_call_handler_end);

    RUNTIME_FUNCTION *func = handler_call ? NULL : RtlLookupFunctionEntry(pc, &base, NULL);
    if (func) {
        d->FunctionEntry = func;
        d->ImageBase = base;
        d->LanguageHandler = RtlVirtualUnwind(type, base, pc, func, ctx, &d->HandlerData, &d->EstablisherFrame, NULL);
        *exact = 0;
        return FRAME_WINDOWS;
    }
    int r = unwind_pe_image(pc, &base) ? 0 : dwarf_unwind_frame(ctx, *exact);
    if (r < 0) {
        TRACE("cannot unwind from %p\n", (void *)pc);
        return FRAME_END;
    }
    if (r == 0) {   /* a leaf function of a PE image, or code without unwind data */
        ctx->Rip = *(DWORD64 *)(ULONG_PTR)ctx->Rsp;
        ctx->Rsp += 8;
    }
    *exact = 0;
    return handler_call ? FRAME_HANDLER_CALL : FRAME_OTHER;
}

static void raise_status(DWORD code, EXCEPTION_RECORD *nested)
{
    EXCEPTION_RECORD rec = { 0 };
    rec.ExceptionCode = code;
    rec.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    rec.ExceptionRecord = nested;
    RtlRaiseException(&rec);
}

/* the first pass: returns TRUE to continue execution at ctx */
static BOOL dispatch_exception(EXCEPTION_RECORD *rec, CONTEXT *ctx, int exact)
{
    /* the continue handlers run whenever execution continues, after a
     * vectored handler too, as in Windows' RtlDispatchException (Wine 8
     * never calls them) */
    if (call_vectored(0, rec, ctx) == EXCEPTION_CONTINUE_EXECUTION) goto cont;

    CONTEXT cur = *ctx;
    DISPATCHER_CONTEXT d;
    DWORD64 nested_frame = 0;
    for (int depth = 0; depth < 100000; depth++) {
        enum frame_kind kind = unwind_one(UNW_FLAG_EHANDLER, &cur, &exact, &d);
        if (kind == FRAME_END) break;
        if (kind == FRAME_HANDLER_CALL) {
            /* raised inside a handler of an earlier dispatch: a nested exception */
            DWORD64 sp = d.EstablisherFrame;
            DISPATCHER_CONTEXT *prev = *(DISPATCHER_CONTEXT **)(ULONG_PTR)(sp + HANDLER_FRAME_DISPATCH);
            if (*(long *)(ULONG_PTR)(sp + HANDLER_FRAME_KIND) == HANDLER_DISPATCH) {
                rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
                if (prev->EstablisherFrame > nested_frame) nested_frame = prev->EstablisherFrame;
            }
            continue;
        }
        if (!in_stack(d.EstablisherFrame)) {
            rec->ExceptionFlags |= EXCEPTION_STACK_INVALID;
            break;
        }
        if (d.LanguageHandler) {
            d.ContextRecord = &cur;
            d.TargetIp = 0;
            d.HistoryTable = NULL;
            d.ScopeIndex = 0;
            TRACE("calling handler %p for frame %lx\n", d.LanguageHandler, (unsigned long)d.EstablisherFrame);
            EXCEPTION_DISPOSITION disp = carafe_call_handler(rec, (void *)(ULONG_PTR)d.EstablisherFrame, ctx, &d,
                                                             d.LanguageHandler, HANDLER_DISPATCH);
            if (nested_frame == d.EstablisherFrame) {
                rec->ExceptionFlags &= ~EXCEPTION_NESTED_CALL;
                nested_frame = 0;
            }
            switch (disp) {
            case ExceptionContinueExecution:
                if (rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE) raise_status(STATUS_NONCONTINUABLE_EXCEPTION, rec);
                goto cont;
            case ExceptionContinueSearch:
                break;
            case ExceptionNestedException:
                rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
                if (d.EstablisherFrame > nested_frame) nested_frame = d.EstablisherFrame;
                break;
            default:
                raise_status(STATUS_INVALID_DISPOSITION, rec);
                break;
            }
        }
        if (!in_stack(cur.Rsp)) break;
    }
    return FALSE;
cont:
    call_vectored(1, rec, ctx);
    return TRUE;
}

/* ---- continuing ---- */

/* The guard zone's size on this thread: STACK_GUARD_SIZE, or more when
 * SetThreadStackGuarantee asked for more than the zone hands to handlers
 * (all of it but the page that stays inaccessible). */
static SIZE_T guard_zone_size(const TEB *teb)
{
    SIZE_T want = (((SIZE_T)teb->GuaranteedStackBytes + STACK_PAGE - 1) & ~(SIZE_T)(STACK_PAGE - 1)) + STACK_PAGE;
    return want > STACK_GUARD_SIZE ? want : STACK_GUARD_SIZE;
}

static void rearm_stack_guard(DWORD64 sp)
{
    TEB *teb = NtCurrentTeb();
    unsigned char *bottom = teb->DeallocationStack;
    if (!bottom || (unsigned char *)teb->Tib.StackLimit != bottom + STACK_PAGE) return;
    SIZE_T zone = guard_zone_size(teb);
    DWORD64 armed_above = (DWORD64)(ULONG_PTR)(bottom + zone + 4 * STACK_PAGE);
    /* neither the target nor this code may still be running in the zone */
    if (sp < armed_above || (DWORD64)(ULONG_PTR)__builtin_frame_address(0) < armed_above) return;
    if (mprotect(bottom + STACK_PAGE, zone - STACK_PAGE, PROT_NONE)) return;
    teb->Tib.StackLimit = bottom + zone;
    TRACE("stack guard armed again\n");
}

/* SetThreadStackGuarantee: *size is the new guarantee (0: only query); it
 * receives the previous one.  A larger guarantee grows the armed guard zone
 * at once; while the zone is handed to an overflow handler, rearming it
 * uses the new size.  Returns 0 or a Win32 error. */
DWORD carafe_set_stack_guarantee(ULONG *size)
{
    TEB *teb = NtCurrentTeb();
    unsigned char *bottom = teb->DeallocationStack, *limit = teb->Tib.StackLimit;
    ULONG prev = teb->GuaranteedStackBytes, want = *size;
    if (!want || want <= prev) goto done;   /* a smaller guarantee is ignored, as documented */
    if (!bottom || !teb->Tib.StackBase || want > (unsigned char *)teb->Tib.StackBase - bottom)
        return ERROR_INVALID_PARAMETER;
    teb->GuaranteedStackBytes = want;
    SIZE_T zone = guard_zone_size(teb);
    if (limit >= bottom + zone) goto done;
    /* this frame must stay well above the larger zone */
    if ((unsigned char *)__builtin_frame_address(0) < bottom + zone + 4 * STACK_PAGE) {
        if (limit == bottom + STACK_PAGE) goto done;   /* handed to a handler: rearming applies it */
        teb->GuaranteedStackBytes = prev;
        return ERROR_STACK_OVERFLOW;
    }
    if (mprotect(limit, bottom + zone - limit, PROT_NONE)) {
        teb->GuaranteedStackBytes = prev;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    teb->Tib.StackLimit = bottom + zone;
done:
    *size = prev;
    return 0;
}

void carafe_reset_stack_guard(void)
{
    CONTEXT here;
    RtlCaptureContext(&here);
    rearm_stack_guard(here.Rsp);
}

void exception_restore(const CONTEXT *ctx)
{
    rearm_stack_guard(ctx->Rsp);
    carafe_restore_context(ctx);
}

static void resume_or_unhandled(EXCEPTION_RECORD *rec, CONTEXT *ctx, int exact)
{
    if (dispatch_exception(rec, ctx, exact)) exception_restore(ctx);
    exception_unhandled(rec, ctx);
    exception_restore(ctx);
}

/* called by x86_64/context.S on the faulting thread's stack */
void carafe_dispatch_fault(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
    TRACE("code %x at %p\n", (unsigned)rec->ExceptionCode, rec->ExceptionAddress);
    resume_or_unhandled(rec, ctx, 1);
    abort();
}

void WINAPI RtlRaiseException(EXCEPTION_RECORD *rec)
{
    CONTEXT ctx;
    RtlCaptureContext(&ctx);
    /* the context and address are those of the caller */
    if (dwarf_unwind_frame(&ctx, 0) <= 0) abort();
    rec->ExceptionAddress = (void *)(ULONG_PTR)ctx.Rip;
    TRACE("code %x flags %x at %p\n", (unsigned)rec->ExceptionCode, (unsigned)rec->ExceptionFlags, rec->ExceptionAddress);
    resume_or_unhandled(rec, &ctx, 0);
}

/* ---- unwinding ---- */

static void restore_jump_buffer(CONTEXT *ctx, const _JUMP_BUFFER *jb)
{
    ctx->Rbx = jb->Rbx; ctx->Rsp = jb->Rsp; ctx->Rbp = jb->Rbp; ctx->Rsi = jb->Rsi; ctx->Rdi = jb->Rdi;
    ctx->R12 = jb->R12; ctx->R13 = jb->R13; ctx->R14 = jb->R14; ctx->R15 = jb->R15;
    ctx->Rip = jb->Rip;
    ctx->MxCsr = jb->MxCsr;
    ctx->FltSave.MxCsr = jb->MxCsr;
    ctx->FltSave.ControlWord = jb->FpCsr;
    memcpy(&ctx->FltSave.XmmRegisters[6], &jb->Xmm6, 10 * sizeof(M128A));
}

typedef void *(WINAPI *consolidate_fn)(EXCEPTION_RECORD *);

void WINAPI RtlRestoreContext(CONTEXT *ctx, EXCEPTION_RECORD *rec)
{
    if (rec && rec->ExceptionCode == STATUS_LONGJUMP && rec->NumberParameters >= 1) {
        restore_jump_buffer(ctx, (const _JUMP_BUFFER *)rec->ExceptionInformation[0]);
    } else if (rec && rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters >= 1) {
        /* the callback (MSVC's C++ runtime) returns where to continue */
        ctx->Rip = (DWORD64)(ULONG_PTR)((consolidate_fn)rec->ExceptionInformation[0])(rec);
    }
    exception_restore(ctx);
}

void WINAPI NtContinue(CONTEXT *ctx, BOOLEAN alertable)
{
    exception_restore(ctx);
}

void WINAPI RtlUnwindEx(void *target_frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval,
                        CONTEXT *orig_ctx, UNWIND_HISTORY_TABLE *history)
{
    EXCEPTION_RECORD local_rec;
    CONTEXT cur, frame_ctx;
    DISPATCHER_CONTEXT d;
    DWORD64 frame = (DWORD64)(ULONG_PTR)target_frame;
    int exact = 0;

    RtlCaptureContext(&cur);
    if (!rec) {
        memset(&local_rec, 0, sizeof(local_rec));
        local_rec.ExceptionCode = STATUS_UNWIND;
        local_rec.ExceptionAddress = (void *)(ULONG_PTR)cur.Rip;
        rec = &local_rec;
    }
    rec->ExceptionFlags |= EXCEPTION_UNWINDING | (frame ? 0 : EXCEPTION_EXIT_UNWIND);
    TRACE("frame %p ip %p code %x\n", target_frame, target_ip, (unsigned)rec->ExceptionCode);

    for (int depth = 0; depth < 100000; depth++) {
        frame_ctx = cur;
        DWORD scope_index = 0;
        enum frame_kind kind = unwind_one(UNW_FLAG_UHANDLER, &cur, &exact, &d);
        if (kind == FRAME_END) break;
        if (kind == FRAME_HANDLER_CALL) {
            DWORD64 sp = d.EstablisherFrame;
            DISPATCHER_CONTEXT *prev = *(DISPATCHER_CONTEXT **)(ULONG_PTR)(sp + HANDLER_FRAME_DISPATCH);
            if (*(long *)(ULONG_PTR)(sp + HANDLER_FRAME_KIND) != HANDLER_UNWIND) continue;
            /* a collided unwind: carry on from the frame whose handler the
             * earlier unwind was running, telling that handler so */
            frame_ctx = *prev->ContextRecord;
            cur = frame_ctx;
            scope_index = prev->ScopeIndex;
            exact = 0;
            kind = unwind_one(UNW_FLAG_UHANDLER, &cur, &exact, &d);
            if (kind == FRAME_END) break;
            rec->ExceptionFlags |= EXCEPTION_COLLIDED_UNWIND;
        }
        /* mingw's setjmp records __builtin_frame_address(0), which need not be
         * an establisher frame: a longjmp ends at the frame that called setjmp */
        int longjmp_end = rec->ExceptionCode == STATUS_LONGJUMP && rec->NumberParameters >= 1 &&
                          (d.EstablisherFrame > frame ||
                           frame_ctx.Rsp >= ((const _JUMP_BUFFER *)rec->ExceptionInformation[0])->Rsp);
        if (frame && d.EstablisherFrame > frame && !longjmp_end) {
            TRACE("passed the target frame %lx at %lx\n", (unsigned long)frame, (unsigned long)d.EstablisherFrame);
            raise_status(STATUS_INVALID_UNWIND_TARGET, rec);
        }
        if (!in_stack(d.EstablisherFrame)) break;
        if (longjmp_end && d.EstablisherFrame != frame) RtlRestoreContext(&frame_ctx, rec);
        int is_target = frame && d.EstablisherFrame == frame && (kind == FRAME_WINDOWS || longjmp_end);
        if (d.LanguageHandler) {
            if (is_target) rec->ExceptionFlags |= EXCEPTION_TARGET_UNWIND;
            d.ContextRecord = &frame_ctx;
            d.TargetIp = (DWORD64)(ULONG_PTR)target_ip;
            d.HistoryTable = history;
            d.ScopeIndex = scope_index;
            TRACE("calling unwind handler %p for frame %lx\n", d.LanguageHandler, (unsigned long)d.EstablisherFrame);
            EXCEPTION_DISPOSITION disp = carafe_call_handler(rec, (void *)(ULONG_PTR)d.EstablisherFrame, &frame_ctx, &d,
                                                             d.LanguageHandler, HANDLER_UNWIND);
            rec->ExceptionFlags &= ~(EXCEPTION_COLLIDED_UNWIND | EXCEPTION_TARGET_UNWIND);
            if (disp != ExceptionContinueSearch) raise_status(STATUS_INVALID_DISPOSITION, rec);
        } else {
            rec->ExceptionFlags &= ~EXCEPTION_COLLIDED_UNWIND;
        }
        if (is_target) {
            frame_ctx.Rax = (DWORD64)(ULONG_PTR)retval;
            frame_ctx.Rip = (DWORD64)(ULONG_PTR)target_ip;
            if (orig_ctx) *orig_ctx = frame_ctx;
            RtlRestoreContext(&frame_ctx, rec);
        }
        if (!in_stack(cur.Rsp)) break;
    }
    if (!frame) {
        /* an exit unwind ran every handler: the thread has nothing left */
        FIXME("exit unwind: ending the process\n");
        carafe_exit_process(0);
    }
    ERR("unwind target frame %p not found\n", target_frame);
    raise_status(STATUS_INVALID_UNWIND_TARGET, rec);
}

void WINAPI RtlUnwind(void *frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval)
{
    CONTEXT ctx;
    RtlUnwindEx(frame, target_ip, rec, retval, &ctx, NULL);
}
