/* __C_specific_handler through scope tables (seh_scopes.S): filters,
 * __except targets, termination handlers during unwinds, in Windows' order. */
#include <string.h>
#include <windows.h>
#include "test.h"

int seh_guarded(void (*fn)(void));
void seh_finally(void (*fn)(void));

DWORD jump_code;
static char order[64];
static LONG filter_results[4];
static int filter_calls, finally_calls;
static DWORD filter_code;
static BOOLEAN finally_abnormal;

static void note(char c) { size_t n = strlen(order); if (n + 1 < sizeof(order)) order[n] = c; }

LONG guard_filter(EXCEPTION_POINTERS *ptrs, void *frame)
{
    note('F');
    filter_code = ptrs->ExceptionRecord->ExceptionCode;
    ok(frame != NULL, "no establisher frame\n");
    return filter_results[filter_calls++ & 3];
}

void finally_handler(BOOLEAN abnormal, void *frame)
{
    note('T');
    finally_calls++;
    finally_abnormal = abnormal;
}

static void raise_it(void) { RaiseException(0xe0000042, 0, 0, NULL); }
static void fault(void) { *(volatile int *)0 = 1; }
static void nothing(void) { }
static void finally_then_raise(void) { seh_finally(raise_it); }
static void finally_quietly(void) { seh_finally(nothing); }
static void inner_guard(void) { if (seh_guarded(raise_it)) note('I'); }

static void reset(LONG r0, LONG r1)
{
    memset(order, 0, sizeof(order));
    filter_results[0] = r0;
    filter_results[1] = r1;
    filter_calls = finally_calls = 0;
    jump_code = filter_code = 0;
    finally_abnormal = 0xff;
}

/* Windows' __C_specific_handler unwinds to the __except target with the
 * exception code as the return value (eax), which GetExceptionCode() in
 * the __except block reads; Wine 8 passes 0 */
static int on_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

int main(void)
{
    reset(EXCEPTION_EXECUTE_HANDLER, 0);
    ok(seh_guarded(raise_it) == 1, "raised exception not handled\n");
    ok(filter_code == 0xe0000042, "filter saw %lx\n", filter_code);
    ok(jump_code == 0xe0000042 || (on_wine() && !jump_code), "__except target got %lx\n", jump_code);

    reset(EXCEPTION_EXECUTE_HANDLER, 0);
    ok(seh_guarded(fault) == 1, "access violation not handled\n");
    ok(filter_code == EXCEPTION_ACCESS_VIOLATION, "filter saw %lx\n", filter_code);
    ok(jump_code == EXCEPTION_ACCESS_VIOLATION || (on_wine() && !jump_code), "__except target got %lx\n", jump_code);

    reset(EXCEPTION_EXECUTE_HANDLER, 0);
    ok(seh_guarded(nothing) == 0 && !filter_calls, "normal path: %d filter calls\n", filter_calls);

    /* the filter runs in the first pass, the __finally in the unwind */
    reset(EXCEPTION_EXECUTE_HANDLER, 0);
    ok(seh_guarded(finally_then_raise) == 1, "not handled through the __finally frame\n");
    ok(!strcmp(order, "FT"), "order %s\n", order);
    ok(finally_calls == 1 && finally_abnormal == 1, "finally %d abnormal %d\n", finally_calls, finally_abnormal);

    /* no exception: __finally runs inline (not through the handler) */
    reset(EXCEPTION_EXECUTE_HANDLER, 0);
    finally_quietly();
    ok(finally_calls == 0, "termination handler called without an unwind\n");

    /* EXCEPTION_CONTINUE_SEARCH in the inner filter: the outer one handles it */
    reset(EXCEPTION_CONTINUE_SEARCH, EXCEPTION_EXECUTE_HANDLER);
    ok(seh_guarded(inner_guard) == 1, "outer scope did not handle\n");
    ok(!strcmp(order, "FF") && filter_calls == 2, "order %s, %d filter calls\n", order, filter_calls);

    /* EXCEPTION_CONTINUE_EXECUTION: RaiseException returns */
    reset(EXCEPTION_CONTINUE_EXECUTION, 0);
    ok(seh_guarded(raise_it) == 0, "continued exception went to the handler\n");
    ok(filter_calls == 1, "%d filter calls\n", filter_calls);
    return test_summary();
}
