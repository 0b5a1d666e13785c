/* Structured exception handling of the C runtime: __C_specific_handler,
 * the language-specific handler of C __try/__except/__finally scopes
 * (SCOPE_TABLE in the handler data), and longjmp's unwinding.  Written from
 * Microsoft's documentation of x64 exception handling. */
#include <string.h>
#include "msvcrt_private.h"
#include "carafe/seh.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

typedef LONG (WINAPI *scope_filter_fn)(EXCEPTION_POINTERS *ptrs, void *frame);
typedef void (WINAPI *termination_fn)(BOOLEAN abnormal, void *frame);

/* HandlerAddress 1 in a scope record: __except(EXCEPTION_EXECUTE_HANDLER) */
#define SCOPE_FILTER_EXECUTE 1

EXCEPTION_DISPOSITION CDECL MSVCRT___C_specific_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
                                                        DISPATCHER_CONTEXT *dispatch)
{
    const SCOPE_TABLE_AMD64 *table = dispatch->HandlerData;
    DWORD64 base = dispatch->ImageBase;
    DWORD pc = (DWORD)(dispatch->ControlPc - base);

    if (rec->ExceptionFlags & EXCEPTION_UNWIND) {
        DWORD target = (DWORD)(dispatch->TargetIp - base);
        for (DWORD i = dispatch->ScopeIndex; i < table->Count; i++) {
            const typeof(table->ScopeRecord[0]) *s = &table->ScopeRecord[i];
            if (pc < s->BeginAddress || pc >= s->EndAddress) continue;
            /* the unwind ends in this frame at a scope's __except block:
             * scopes enclosing it stay */
            if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) && s->JumpTarget == target) break;
            if (s->JumpTarget) continue;   /* __except scopes do nothing on unwind */
            /* a __finally block: the next unwind of this frame starts after it */
            dispatch->ScopeIndex = i + 1;
            TRACE("termination handler %lx\n", (unsigned long)(base + s->HandlerAddress));
            ((termination_fn)(ULONG_PTR)(base + s->HandlerAddress))(TRUE, frame);
        }
        return ExceptionContinueSearch;
    }

    for (DWORD i = dispatch->ScopeIndex; i < table->Count; i++) {
        const typeof(table->ScopeRecord[0]) *s = &table->ScopeRecord[i];
        if (pc < s->BeginAddress || pc >= s->EndAddress || !s->JumpTarget) continue;
        LONG r;
        if (s->HandlerAddress == SCOPE_FILTER_EXECUTE) {
            r = EXCEPTION_EXECUTE_HANDLER;
        } else {
            EXCEPTION_POINTERS ptrs = { rec, ctx };
            r = ((scope_filter_fn)(ULONG_PTR)(base + s->HandlerAddress))(&ptrs, frame);
        }
        TRACE("scope %u filter returned %d\n", (unsigned)i, (int)r);
        if (r < 0) return ExceptionContinueExecution;
        if (r > 0) {
            /* the __except block gets the exception code in rax */
            RtlUnwindEx(frame, (void *)(ULONG_PTR)(base + s->JumpTarget), rec,
                        (void *)(ULONG_PTR)rec->ExceptionCode, ctx, dispatch->HistoryTable);
        }
    }
    return ExceptionContinueSearch;
}

/* longjmp with a Frame: unwind to it, running __finally blocks and C++
 * destructors on the way (msvcrt.dll on x64 does) */
void CDECL MSVCRT_longjmp_unwind(_JUMP_BUFFER *jb, int value)
{
    EXCEPTION_RECORD rec;
    memset(&rec, 0, sizeof(rec));
    rec.ExceptionCode = STATUS_LONGJUMP;
    rec.NumberParameters = 1;
    rec.ExceptionInformation[0] = (ULONG_PTR)jb;
    RtlUnwind((void *)(ULONG_PTR)jb->Frame, (void *)(ULONG_PTR)jb->Rip, &rec, (void *)(ULONG_PTR)(value ? value : 1));
}

/* after a stack overflow: the guard is armed again (carafe re-arms it on
 * its own once the stack has unwound; this makes it immediate) */
int CDECL MSVCRT__resetstkoflw(void)
{
    carafe_reset_stack_guard();
    return 1;
}
