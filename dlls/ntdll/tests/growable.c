/* Growable function tables (RtlAddGrowableFunctionTable, RtlGrowFunctionTable,
 * RtlDeleteGrowableFunctionTable), as a JIT such as Dart's VM uses them: code
 * generated at run time gets unwind data, so stack walks and exception
 * dispatch go through its frames.  Expectations per Microsoft's
 * documentation, checked under Wine 8. */
#include <windows.h>
#include <string.h>
#include "test.h"

typedef DWORD (WINAPI *add_fn)(void **, RUNTIME_FUNCTION *, DWORD, DWORD, ULONG_PTR, ULONG_PTR);
typedef void (WINAPI *grow_fn)(void *, DWORD);
typedef void (WINAPI *delete_fn)(void *);
static add_fn p_add;
static grow_fn p_grow;
static delete_fn p_delete;

/* layout of the generated code page */
#define FUNC_OFFSET    0x00   /* sub rsp,0x28; call [callback]; nop; add rsp,0x28; ret */
#define FUNC_SIZE      16
#define THUNK_OFFSET   0x20   /* jmp [handler]: the frame handler must lie in the range */
#define CALLBACK_SLOT  0x40
#define UNWIND_OFFSET  0x50
#define TABLE_OFFSET   0x80
#define TEST_EXCEPTION 0xe0001234

static BYTE *code;
static int handler_calls, jit_frame_seen, caller_after_jit;

static EXCEPTION_DISPOSITION handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx, void *dispatch)
{
    if (rec->ExceptionCode != TEST_EXCEPTION) return ExceptionContinueSearch;
    handler_calls++;
    return ExceptionContinueExecution;
}

static int in_main_image(DWORD64 pc)
{
    BYTE *image = (BYTE *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(image + ((IMAGE_DOS_HEADER *)image)->e_lfanew);
    return pc >= (DWORD64)image && pc < (DWORD64)image + nt->OptionalHeader.SizeOfImage;
}

/* called from the generated code: walk up through its frame, then raise an
 * exception that only the generated code's handler takes */
static void __attribute__((noinline)) callback(void)
{
    CONTEXT ctx;
    RtlCaptureContext(&ctx);
    for (int depth = 0; depth < 8 && ctx.Rip; depth++) {
        DWORD64 base, frame;
        void *data;
        int jit = ctx.Rip >= (DWORD64)code && ctx.Rip < (DWORD64)code + 0x1000;
        RUNTIME_FUNCTION *fn = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
        if (!fn) break;
        if (jit) {
            jit_frame_seen = 1;
            ok(base == (DWORD64)code, "image base of the generated frame %p", (void *)base);
        }
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, fn, &ctx, &data, &frame, NULL);
        if (jit) {
            caller_after_jit = in_main_image(ctx.Rip);
            break;
        }
    }
    RaiseException(TEST_EXCEPTION, 0, 0, NULL);
}

static void build_code(void)
{
    static const BYTE func[FUNC_SIZE] = {
        0x48, 0x83, 0xec, 0x28,                      /* sub rsp,0x28 */
        0xff, 0x15, CALLBACK_SLOT - 10, 0, 0, 0,     /* call [rip+disp] */
        0x90,      /* nop: a return address right before "add rsp; ret" would be in the epilog */
        0x48, 0x83, 0xc4, 0x28,                      /* add rsp,0x28 */
        0xc3,                                        /* ret */
    };
    static const BYTE thunk[6] = { 0xff, 0x25, 0, 0, 0, 0 };   /* jmp [rip+0] */
    void *handler_addr = (void *)handler, *callback_addr = (void *)callback;
    memcpy(code + FUNC_OFFSET, func, sizeof(func));
    memcpy(code + THUNK_OFFSET, thunk, sizeof(thunk));
    memcpy(code + THUNK_OFFSET + 6, &handler_addr, 8);
    memcpy(code + CALLBACK_SLOT, &callback_addr, 8);
    /* UNWIND_INFO: version 1, UNW_FLAG_EHANDLER; prolog 4 bytes; one code:
     * at offset 4 UWOP_ALLOC_SMALL of (4 + 1) * 8 bytes; then the handler */
    BYTE *info = code + UNWIND_OFFSET;
    info[0] = 1 | (UNW_FLAG_EHANDLER << 3);
    info[1] = 4;
    info[2] = 1;
    info[3] = 0;
    USHORT codes[2] = { 4 | (2 << 8) | (4 << 12), 0 };
    memcpy(info + 4, codes, sizeof(codes));
    DWORD handler_rva = THUNK_OFFSET;
    memcpy(info + 8, &handler_rva, 4);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    p_add = (add_fn)GetProcAddress(ntdll, "RtlAddGrowableFunctionTable");
    p_grow = (grow_fn)GetProcAddress(ntdll, "RtlGrowFunctionTable");
    p_delete = (delete_fn)GetProcAddress(ntdll, "RtlDeleteGrowableFunctionTable");
    ok(p_add && p_grow && p_delete, "growable table functions %p %p %p", p_add, p_grow, p_delete);
    if (!p_add || !p_grow || !p_delete) return test_summary();

    code = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_EXECUTE_READWRITE);
    ok(code != NULL, "VirtualAlloc: %lu", GetLastError());
    if (!code) return test_summary();
    build_code();
    RUNTIME_FUNCTION *table = (RUNTIME_FUNCTION *)(code + TABLE_OFFSET);
    DWORD64 base = 0xdeadbeef;
    void *handle = NULL;

    /* an empty table covers its range but knows no function yet */
    ok(p_add(&handle, table, 0, 4, (ULONG_PTR)code, (ULONG_PTR)code + 0x1000) == 0, "add");
    ok(handle != NULL, "no reference returned");
    ok(RtlLookupFunctionEntry((DWORD64)code + 2, &base, NULL) == NULL, "entry before the table grew");

    table[0].BeginAddress = FUNC_OFFSET;
    table[0].EndAddress = FUNC_OFFSET + FUNC_SIZE;
    table[0].UnwindData = UNWIND_OFFSET;
    p_grow(handle, 1);
    ok(RtlLookupFunctionEntry((DWORD64)code + 2, &base, NULL) == &table[0], "entry after the table grew");
    ok(base == (DWORD64)code, "image base %p, range base %p", (void *)base, code);
    ok(RtlLookupFunctionEntry((DWORD64)code + FUNC_SIZE, &base, NULL) == NULL, "entry past the function");

    /* a stack walk and an exception both go through the generated frame */
    ((void (*)(void))(code + FUNC_OFFSET))();
    ok(jit_frame_seen, "the walk did not find the generated frame");
    ok(caller_after_jit, "the walk did not reach main's image above the generated frame");
    ok(handler_calls == 1, "the generated code's handler ran %d times", handler_calls);

    p_delete(handle);
    ok(RtlLookupFunctionEntry((DWORD64)code + 2, &base, NULL) == NULL, "entry after delete");
    VirtualFree(code, 0, MEM_RELEASE);
    return test_summary();
}
