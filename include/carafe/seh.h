/* Exception dispatch and unwinding exported by ntdll (dlls/ntdll/exception.c,
 * unwind.c), for the builtins that use them (kernel32, msvcrt). */
#ifndef CARAFE_SEH_H
#define CARAFE_SEH_H

#include "winnt.h"
#include "carafe/debug.h"

CARAFE_API void WINAPI RtlCaptureContext(CONTEXT *ctx);
CARAFE_API void WINAPI RtlRestoreContext(CONTEXT *ctx, EXCEPTION_RECORD *rec);
CARAFE_API void WINAPI RtlRaiseException(EXCEPTION_RECORD *rec);
CARAFE_API void WINAPI RtlUnwind(void *frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval);
CARAFE_API void WINAPI RtlUnwindEx(void *frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval,
                                   CONTEXT *ctx, UNWIND_HISTORY_TABLE *history);
CARAFE_API void *WINAPI RtlPcToFileHeader(void *pc, void **base);
CARAFE_API PRUNTIME_FUNCTION WINAPI RtlLookupFunctionEntry(DWORD64 pc, DWORD64 *base, UNWIND_HISTORY_TABLE *history);
CARAFE_API PEXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(DWORD type, DWORD64 base, DWORD64 pc, RUNTIME_FUNCTION *func,
                                                      CONTEXT *ctx, void **handler_data, DWORD64 *frame,
                                                      KNONVOLATILE_CONTEXT_POINTERS *ptrs);
CARAFE_API LONG carafe_unhandled_filter(EXCEPTION_POINTERS *ptrs);   /* the top-level filter, or CONTINUE_SEARCH */
CARAFE_API void carafe_reset_stack_guard(void);                      /* _resetstkoflw */
CARAFE_API DWORD carafe_set_stack_guarantee(ULONG *size);            /* SetThreadStackGuarantee */

#endif
