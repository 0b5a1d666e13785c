/* x64 unwinding of Windows frames: function tables (.pdata of PE images,
 * RtlAddFunctionTable, RtlInstallFunctionTableCallback, growable tables),
 * RtlLookupFunctionEntry
 * and RtlVirtualUnwind, written from Microsoft's documentation of x64
 * exception handling (UNWIND_INFO, UNWIND_CODE, chained info, epilogs).
 * Frames of builtin DLLs (ELF, no .pdata) are stepped over by dwarf.c. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "ntdll_private.h"
#include "exception_private.h"

DEFAULT_DEBUG_CHANNEL(unwind);

/* UNWIND_INFO, as documented */
enum {
    UWOP_PUSH_NONVOL, UWOP_ALLOC_LARGE, UWOP_ALLOC_SMALL, UWOP_SET_FPREG, UWOP_SAVE_NONVOL,
    UWOP_SAVE_NONVOL_FAR, UWOP_EPILOG, UWOP_SPARE_CODE, UWOP_SAVE_XMM128, UWOP_SAVE_XMM128_FAR,
    UWOP_PUSH_MACHFRAME
};

struct unwind_info {
    BYTE version_flags;    /* Version: 3, Flags: 5 */
    BYTE prolog_size;
    BYTE code_count;
    BYTE frame;            /* FrameRegister: 4, FrameOffset: 4 (scaled by 16) */
    USHORT codes[];        /* CodeOffset: 8, UnwindOp: 4, OpInfo: 4 */
};

#define CODE_OFFSET(c) ((c) & 0xff)
#define CODE_OP(c)     (((c) >> 8) & 0x0f)
#define CODE_INFO(c)   ((c) >> 12)

/* ---- dynamic function tables ---- */

struct dynamic_table {
    struct dynamic_table *next;
    RUNTIME_FUNCTION *table;          /* NULL for a callback table */
    DWORD count;
    DWORD64 base, end;                /* end: the range a callback covers */
    PGET_RUNTIME_FUNCTION_CALLBACK callback;
    void *context;
    DWORD64 id;                       /* the TableIdentifier of a callback table */
    DWORD max_count;                  /* capacity of a growable table, else 0 */
};

static struct dynamic_table *dynamic_tables;
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

static void add_table(struct dynamic_table *t)
{
    pthread_mutex_lock(&tables_lock);
    t->next = dynamic_tables;
    dynamic_tables = t;
    pthread_mutex_unlock(&tables_lock);
}

BOOLEAN WINAPI RtlAddFunctionTable(RUNTIME_FUNCTION *table, DWORD count, DWORD64 base)
{
    struct dynamic_table *t = calloc(1, sizeof(*t));
    if (!t) return FALSE;
    t->table = table;
    t->count = count;
    t->base = base;
    t->end = base;
    for (DWORD i = 0; i < count; i++)
        if (base + table[i].EndAddress > t->end) t->end = base + table[i].EndAddress;
    add_table(t);
    return TRUE;
}

/* A callback table's identifier has its two low bits set (documented). */
BOOLEAN WINAPI RtlInstallFunctionTableCallback(DWORD64 id, DWORD64 base, DWORD length,
                                               PGET_RUNTIME_FUNCTION_CALLBACK callback, void *context,
                                               const WCHAR *dll)
{
    if ((id & 3) != 3) return FALSE;
    struct dynamic_table *t = calloc(1, sizeof(*t));
    if (!t) return FALSE;
    t->base = base;
    t->end = base + length;
    t->callback = callback;
    t->context = context;
    t->id = id;
    add_table(t);
    return TRUE;
}

BOOLEAN WINAPI RtlDeleteFunctionTable(RUNTIME_FUNCTION *table)
{
    BOOLEAN found = FALSE;
    pthread_mutex_lock(&tables_lock);
    for (struct dynamic_table **p = &dynamic_tables; *p; p = &(*p)->next) {
        struct dynamic_table *t = *p;
        if ((t->table && t->table == table) || (t->callback && t->id == (DWORD64)(ULONG_PTR)table)) {
            *p = t->next;
            free(t);
            found = TRUE;
            break;
        }
    }
    pthread_mutex_unlock(&tables_lock);
    return found;
}

/* A growable table (JITs: Dart's VM, V8) covers [base, end) from the start,
 * its entries relative to base; the caller fills entries and reports the new
 * count with RtlGrowFunctionTable.  The opaque reference is the table's
 * dynamic_table itself. */
DWORD WINAPI RtlAddGrowableFunctionTable(void **handle, RUNTIME_FUNCTION *table, DWORD count,
                                         DWORD max_count, ULONG_PTR base, ULONG_PTR end)
{
    struct dynamic_table *t = calloc(1, sizeof(*t));
    if (!t) return STATUS_NO_MEMORY;
    t->table = table;
    t->count = count;
    t->max_count = max_count;
    t->base = base;
    t->end = end;
    add_table(t);
    *handle = t;
    return STATUS_SUCCESS;
}

void WINAPI RtlGrowFunctionTable(void *handle, DWORD count)
{
    struct dynamic_table *t = handle;
    pthread_mutex_lock(&tables_lock);
    /* documented: larger than before and within the capacity */
    if (count > t->count && count <= t->max_count) t->count = count;
    pthread_mutex_unlock(&tables_lock);
}

void WINAPI RtlDeleteGrowableFunctionTable(void *handle)
{
    pthread_mutex_lock(&tables_lock);
    for (struct dynamic_table **p = &dynamic_tables; *p; p = &(*p)->next) {
        if (*p == handle) {
            *p = (*p)->next;
            free(handle);
            break;
        }
    }
    pthread_mutex_unlock(&tables_lock);
}

/* binary search of a sorted RUNTIME_FUNCTION array */
static RUNTIME_FUNCTION *search_table(RUNTIME_FUNCTION *table, DWORD count, DWORD rva)
{
    DWORD lo = 0, hi = count;
    while (lo < hi) {
        DWORD mid = lo + (hi - lo) / 2;
        if (rva < table[mid].BeginAddress) hi = mid;
        else if (rva >= table[mid].EndAddress) lo = mid + 1;
        else return &table[mid];
    }
    return NULL;
}

static RUNTIME_FUNCTION *lookup_dynamic(DWORD64 pc, DWORD64 *base)
{
    RUNTIME_FUNCTION *found = NULL;
    pthread_mutex_lock(&tables_lock);
    for (struct dynamic_table *t = dynamic_tables; t && !found; t = t->next) {
        if (pc < t->base || pc >= t->end) continue;
        if (t->callback) {
            found = t->callback(pc, t->context);
        } else {
            /* tables registered by JITs need not be sorted: search linearly */
            for (DWORD i = 0; i < t->count; i++)
                if (pc - t->base >= t->table[i].BeginAddress && pc - t->base < t->table[i].EndAddress) {
                    found = &t->table[i];
                    break;
                }
        }
        if (found) *base = t->base;
    }
    pthread_mutex_unlock(&tables_lock);
    return found;
}

/* The .pdata of a PE image; NULL for builtins and addresses outside images. */
int unwind_pe_image(DWORD64 pc, DWORD64 *base)
{
    struct carafe_module *mod = loader_module_by_address((const void *)pc);
    if (!mod || mod->builtin) return 0;
    *base = (DWORD64)(ULONG_PTR)mod->base;
    return 1;
}

PRUNTIME_FUNCTION WINAPI RtlLookupFunctionEntry(DWORD64 pc, DWORD64 *base, UNWIND_HISTORY_TABLE *history)
{
    DWORD64 image;
    *base = 0;
    if (unwind_pe_image(pc, &image)) {
        const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)(ULONG_PTR)image;
        const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)((const char *)dos + dos->e_lfanew);
        const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXCEPTION];
        if (nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_EXCEPTION || !dir->Size) return NULL;
        RUNTIME_FUNCTION *table = (RUNTIME_FUNCTION *)(ULONG_PTR)(image + dir->VirtualAddress);
        RUNTIME_FUNCTION *func = search_table(table, dir->Size / sizeof(RUNTIME_FUNCTION), (DWORD)(pc - image));
        if (!func) return NULL;
        /* an entry whose UnwindData has bit 0 set refers to another entry */
        if (func->UnwindData & 1) func = (RUNTIME_FUNCTION *)(ULONG_PTR)(image + (func->UnwindData & ~1u));
        *base = image;
        return func;
    }
    return lookup_dynamic(pc, base);
}

/* ---- RtlVirtualUnwind ---- */

static DWORD64 *int_reg(CONTEXT *ctx, int reg) { return &ctx->Rax + reg; }

static void set_int_reg(CONTEXT *ctx, KNONVOLATILE_CONTEXT_POINTERS *ptrs, int reg, DWORD64 *addr)
{
    *int_reg(ctx, reg) = *addr;
    if (ptrs) ptrs->IntegerContext[reg] = addr;
}

static void set_xmm_reg(CONTEXT *ctx, KNONVOLATILE_CONTEXT_POINTERS *ptrs, int reg, M128A *addr)
{
    memcpy(&ctx->FltSave.XmmRegisters[reg], addr, sizeof(M128A));
    if (ptrs) ptrs->FloatingContext[reg] = addr;
}

static void pop_return(CONTEXT *ctx)
{
    ctx->Rip = *(DWORD64 *)(ULONG_PTR)ctx->Rsp;
    ctx->Rsp += 8;
}

/* REX prefix bits */
#define REX_B 1
#define REX_W 8

/* The documented epilog forms: [add rsp,imm | lea rsp,[fp+disp]] pop* (ret | jmp).
 * Returns 1 and unwinds the rest of the epilog when pc sits in one. */
static int unwind_epilog(DWORD64 pc, DWORD64 func_begin, DWORD64 func_end, CONTEXT *ctx,
                         KNONVOLATILE_CONTEXT_POINTERS *ptrs, int frame_reg)
{
    const BYTE *p = (const BYTE *)(ULONG_PTR)pc;
    DWORD64 rsp = ctx->Rsp;
    int i = 0;

    /* add rsp, imm8 / imm32 */
    if (p[0] == 0x48 && p[1] == 0x83 && p[2] == 0xc4) { rsp += (signed char)p[3]; i = 4; }
    else if (p[0] == 0x48 && p[1] == 0x81 && p[2] == 0xc4) { rsp += *(const int *)(p + 3); i = 7; }
    /* lea rsp, [frame_reg + disp8 / disp32] */
    else if ((p[0] & 0xf8) == 0x48 && p[1] == 0x8d && frame_reg >= 0 && ((p[0] & REX_B) << 3 | (p[2] & 7)) == frame_reg
             && (p[2] & 0x38) == 0x20 && (p[2] & 7) != 4) {
        DWORD64 fp = *int_reg(ctx, frame_reg);
        if ((p[2] >> 6) == 1) { rsp = fp + (signed char)p[3]; i = 4; }
        else if ((p[2] >> 6) == 2) { rsp = fp + *(const int *)(p + 3); i = 7; }
        else return 0;
    }
    /* then pops and a return or a jump out of the function */
    int j = i;
    for (;;) {
        if ((p[j] & 0xf8) == 0x58) { j += 1; continue; }
        if ((p[j] & 0xf0) == 0x40 && (p[j + 1] & 0xf8) == 0x58) { j += 2; continue; }
        break;
    }
    int tail = 0;
    if (p[j] == 0xc3 || p[j] == 0xc2 || (p[j] == 0xf3 && p[j + 1] == 0xc3)) tail = 1;
    else if (p[j] == 0xe9) {
        DWORD64 target = pc + j + 5 + *(const int *)(p + j + 1);
        tail = target < func_begin || target >= func_end;
    } else if (p[j] == 0xeb) {
        DWORD64 target = pc + j + 2 + (signed char)p[j + 1];
        tail = target < func_begin || target >= func_end;
    } else if (p[j] == 0xff && p[j + 1] == 0x25) tail = 1;
    else if (p[j] == 0x48 && p[j + 1] == 0xff && p[j + 2] == 0x25) tail = 1;
    if (!tail) return 0;

    /* it is an epilog: do what is left of it */
    ctx->Rsp = rsp;
    for (int k = i; k < j; ) {
        int reg;
        if ((p[k] & 0xf0) == 0x40) { reg = ((p[k] & REX_B) << 3) | (p[k + 1] & 7); k += 2; }
        else { reg = p[k] & 7; k += 1; }
        set_int_reg(ctx, ptrs, reg, (DWORD64 *)(ULONG_PTR)ctx->Rsp);
        ctx->Rsp += 8;
    }
    pop_return(ctx);
    return 1;
}

/* Undoes the codes of one UNWIND_INFO that pc (at offset pc_offset in the
 * prolog, or beyond it) has executed.  Returns 1 if a machine frame was popped. */
static int apply_codes(const struct unwind_info *info, DWORD pc_offset, DWORD64 frame, CONTEXT *ctx,
                       KNONVOLATILE_CONTEXT_POINTERS *ptrs)
{
    int frame_reg = info->frame & 0x0f, frame_off = info->frame >> 4;
    int machframe = 0;
    for (unsigned i = 0; i < info->code_count; ) {
        USHORT c = info->codes[i];
        int op = CODE_OP(c), opinfo = CODE_INFO(c), slots;
        switch (op) {
        case UWOP_ALLOC_LARGE: slots = opinfo ? 3 : 2; break;
        case UWOP_SAVE_NONVOL: case UWOP_SAVE_XMM128: case UWOP_EPILOG: slots = 2; break;
        case UWOP_SAVE_NONVOL_FAR: case UWOP_SAVE_XMM128_FAR: case UWOP_SPARE_CODE: slots = 3; break;
        default: slots = 1; break;
        }
        if (op == UWOP_EPILOG && (info->version_flags & 7) >= 2) slots = 1;   /* version 2 epilog descriptors */
        /* codes of prolog instructions not yet executed do not apply */
        if (op != UWOP_EPILOG && pc_offset < CODE_OFFSET(c) && pc_offset < info->prolog_size) {
            i += slots;
            continue;
        }
        switch (op) {
        case UWOP_PUSH_NONVOL:
            set_int_reg(ctx, ptrs, opinfo, (DWORD64 *)(ULONG_PTR)ctx->Rsp);
            ctx->Rsp += 8;
            break;
        case UWOP_ALLOC_LARGE:
            if (opinfo) ctx->Rsp += info->codes[i + 1] | ((DWORD)info->codes[i + 2] << 16);
            else ctx->Rsp += info->codes[i + 1] * 8;
            break;
        case UWOP_ALLOC_SMALL:
            ctx->Rsp += opinfo * 8 + 8;
            break;
        case UWOP_SET_FPREG:
            ctx->Rsp = *int_reg(ctx, frame_reg) - frame_off * 16;
            break;
        case UWOP_SAVE_NONVOL:
            set_int_reg(ctx, ptrs, opinfo, (DWORD64 *)(ULONG_PTR)(frame + info->codes[i + 1] * 8));
            break;
        case UWOP_SAVE_NONVOL_FAR:
            set_int_reg(ctx, ptrs, opinfo, (DWORD64 *)(ULONG_PTR)(frame + (info->codes[i + 1] | ((DWORD)info->codes[i + 2] << 16))));
            break;
        case UWOP_SAVE_XMM128:
            set_xmm_reg(ctx, ptrs, opinfo, (M128A *)(ULONG_PTR)(frame + info->codes[i + 1] * 16));
            break;
        case UWOP_SAVE_XMM128_FAR:
            set_xmm_reg(ctx, ptrs, opinfo, (M128A *)(ULONG_PTR)(frame + (info->codes[i + 1] | ((DWORD)info->codes[i + 2] << 16))));
            break;
        case UWOP_PUSH_MACHFRAME: {
            /* RIP, CS, EFLAGS, old RSP, SS; with an error code first if opinfo */
            DWORD64 *m = (DWORD64 *)(ULONG_PTR)ctx->Rsp + (opinfo ? 1 : 0);
            ctx->Rip = m[0];
            ctx->EFlags = (DWORD)m[2];
            ctx->Rsp = m[3];
            machframe = 1;
            break;
        }
        default:   /* UWOP_EPILOG and spare codes describe nothing to undo */
            break;
        }
        i += slots;
    }
    return machframe;
}

static const struct unwind_info *get_info(DWORD64 base, const RUNTIME_FUNCTION *func)
{
    return (const struct unwind_info *)(ULONG_PTR)(base + func->UnwindData);
}

/* the data after the unwind codes (their count rounded up to even) */
static const void *info_tail(const struct unwind_info *info)
{
    return &info->codes[(info->code_count + 1) & ~1];
}

PEXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(DWORD type, DWORD64 base, DWORD64 pc, RUNTIME_FUNCTION *func,
                                           CONTEXT *ctx, void **handler_data, DWORD64 *frame_ret,
                                           KNONVOLATILE_CONTEXT_POINTERS *ptrs)
{
    const struct unwind_info *info = get_info(base, func);
    DWORD pc_offset = (DWORD)(pc - base - func->BeginAddress);
    int frame_reg = info->frame & 0x0f, frame_off = info->frame >> 4;
    DWORD64 frame = ctx->Rsp;
    PEXCEPTION_ROUTINE handler = NULL;

    *handler_data = NULL;
    /* the establisher frame: the frame register minus its offset once it is set */
    if (frame_reg) {
        int established = pc_offset >= info->prolog_size;
        for (unsigned i = 0; !established && i < info->code_count; i++)
            if (CODE_OP(info->codes[i]) == UWOP_SET_FPREG && pc_offset >= CODE_OFFSET(info->codes[i])) established = 1;
        if (established) frame = *int_reg(ctx, frame_reg) - frame_off * 16;
    }
    *frame_ret = frame;

    /* in an epilog: finish it; no handler applies */
    if (pc_offset >= info->prolog_size &&
        unwind_epilog(pc, base + func->BeginAddress, base + func->EndAddress, ctx, ptrs, frame_reg ? frame_reg : -1))
        return NULL;

    int machframe = apply_codes(info, pc_offset, frame, ctx, ptrs);
    const struct unwind_info *cur = info;
    int depth = 0;
    while ((cur->version_flags >> 3) & UNW_FLAG_CHAININFO) {
        const RUNTIME_FUNCTION *chained = info_tail(cur);
        cur = get_info(base, chained);
        /* the primary part of the function has run its whole prolog */
        int reg = cur->frame & 0x0f;
        DWORD64 chained_frame = reg ? *int_reg(ctx, reg) - (cur->frame >> 4) * 16 : ctx->Rsp;
        machframe |= apply_codes(cur, ~0u, chained_frame, ctx, ptrs);
        if (++depth > 32) break;   /* a malformed chain */
    }
    if (!machframe) pop_return(ctx);

    DWORD flags = info->version_flags >> 3;
    if ((flags & type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER)) && pc_offset >= info->prolog_size) {
        const DWORD *h = info_tail(info);
        handler = (PEXCEPTION_ROUTINE)(ULONG_PTR)(base + h[0]);
        *handler_data = (void *)(h + 1);
    }
    return handler;
}
