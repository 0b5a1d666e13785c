/* MSVC C++ exceptions on x64: _CxxThrowException and __CxxFrameHandler(3),
 * written from Microsoft's description of the x64 C++ exception ABI
 * (ThrowInfo, CatchableTypeArray, FuncInfo with its unwind, try-block and
 * ip-to-state maps; every pointer is an image-relative RVA).
 *
 * A throw raises 0xE06D7363.  The frame handler of the function that
 * catches it builds the catch object in that frame, then calls RtlUnwindEx
 * with a STATUS_UNWIND_CONSOLIDATE record: the frames in between run their
 * destructors, the catching frame unwinds to the try block's state, and
 * ntdll calls catch_block() deep on the stack, where the thrown object is
 * still alive.  The catch funclet runs through msvcrt_call_catch
 * (cxx_call.S), whose CFI leads straight back to the catching frame.  Each
 * running catch has a record (struct cxx_catch) on that deep stack, listed
 * in the thread data: it gives `throw;` its object and tells the parent
 * frame's handler in which state an exception from the catch left it. */
#include <string.h>
#include <stddef.h>
#include "msvcrt_private.h"
#include "carafe/seh.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define CXX_EXCEPTION      0xe06d7363
#define CXX_MAGIC_VC6      0x19930520  /* the ExceptionInformation[0] of a throw */
#define CXX_MAGIC_MASK     0x1fffffff  /* FuncInfo magic 0x19930520..22 (low bits) */

#define TI_CONST           0x01
#define TI_VOLATILE        0x02
#define CT_SIMPLE          0x01  /* not a class: copied bitwise */
#define CT_BY_REF_ONLY     0x02
#define CT_VIRTUAL_BASE    0x04  /* the copy constructor takes a third argument */
#define HT_CONST           0x01
#define HT_VOLATILE        0x02
#define HT_REFERENCE       0x08
#define HT_ELLIPSIS        0x40

typedef struct { int mdisp, pdisp, vdisp; } cxx_pmd;
typedef struct { void *vtable; void *data; char name[1]; } cxx_type_descriptor;
typedef struct { UINT properties; int type; cxx_pmd disp; int size; int copy_ctor; } cxx_catchable_type;
typedef struct { int count; int types[1]; } cxx_catchable_type_array;
typedef struct { UINT attributes; int destructor; int forward_compat; int type_array; } cxx_throw_info;
typedef struct { int to_state; int action; } cxx_unwind_entry;
typedef struct { UINT adjectives; int type; int catch_obj; int handler; int frame; } cxx_handler_type;
typedef struct { int start, end, catch_high, handler_count, handlers; } cxx_try_block;
typedef struct { int ip, state; } cxx_ip_state;
typedef struct {
    UINT magic;
    int max_state, unwind_map;
    UINT try_count; int try_map;
    UINT ip_count; int ip_map;
    int unwind_help, es_types, flags;
} cxx_func_info;

/* a catch block being run */
struct cxx_catch {
    struct cxx_catch *prev;
    ULONG_PTR frame;                 /* the establisher frame it belongs to */
    DWORD64 image_base;
    DWORD funclet;                   /* RVA of the catch funclet's function entry */
    int state;                       /* where an exception from the catch leaves the frame */
    EXCEPTION_RECORD *exc;           /* the exception caught */
};

/* the parameters of the consolidation record */
enum { CONS_CALLBACK, CONS_FRAME, CONS_FUNCLET, CONS_EXC, CONS_TARGET_STATE, CONS_FUNC_INFO,
       CONS_BASE, CONS_CONTEXT, CONS_STATE, CONS_COUNT };

typedef void *(CDECL *catch_fn)(ULONG_PTR, ULONG_PTR);
typedef void (CDECL *unwind_fn)(ULONG_PTR, ULONG_PTR);
typedef void (CDECL *dtor_fn)(void *);
typedef void (CDECL *copy_fn)(void *, void *);
typedef void (CDECL *copy_vb_fn)(void *, void *, int);

ULONG_PTR msvcrt_call_catch(void *funclet, ULONG_PTR frame, CONTEXT *target);
void CDECL MSVCRT_abort(void);
void CDECL MSVCRT__amsg_exit(int code);
void CDECL MSVCRT_free(void *p);

#define CXX_CATCHES (*(struct cxx_catch **)&msvcrt_td()->cxx_catches)

static void *rva(DWORD64 base, int off) { return (void *)(ULONG_PTR)(base + (DWORD)off); }

static int is_cxx_exception(const EXCEPTION_RECORD *rec)
{
    return rec->ExceptionCode == CXX_EXCEPTION && rec->NumberParameters >= 4 &&
           rec->ExceptionInformation[0] >= CXX_MAGIC_VC6 && rec->ExceptionInformation[0] <= CXX_MAGIC_VC6 + 2 &&
           rec->ExceptionInformation[2];
}

/* std::terminate: the default handler aborts */
void CDECL MSVCRT_terminate(void)
{
    MSVCRT_abort();
}

void CDECL MSVCRT__CxxThrowException(void *object, const cxx_throw_info *info)
{
    EXCEPTION_RECORD rec;
    DWORD64 base = 0;

    if (!info) {
        /* throw; rethrows what the innermost running catch caught */
        struct cxx_catch *c = CXX_CATCHES;
        if (!c) MSVCRT_terminate();
        object = (void *)c->exc->ExceptionInformation[1];
        info = (const cxx_throw_info *)c->exc->ExceptionInformation[2];
        base = c->exc->ExceptionInformation[3];
    } else {
        void *module = NULL;
        RtlPcToFileHeader((void *)info, &module);
        base = (DWORD64)(ULONG_PTR)module;
    }
    memset(&rec, 0, sizeof(rec));
    rec.ExceptionCode = CXX_EXCEPTION;
    rec.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    rec.NumberParameters = 4;
    rec.ExceptionInformation[0] = CXX_MAGIC_VC6;
    rec.ExceptionInformation[1] = (ULONG_PTR)object;
    rec.ExceptionInformation[2] = (ULONG_PTR)info;
    rec.ExceptionInformation[3] = (ULONG_PTR)base;
    TRACE("object %p info %p base %lx\n", object, (void *)info, (unsigned long)base);
    RtlRaiseException(&rec);
}

/* the state an address of the function is in (-1: outside every try) */
static int ip_state(const cxx_func_info *fi, DWORD64 base, DWORD64 pc)
{
    const cxx_ip_state *map = rva(base, fi->ip_map);
    DWORD off = (DWORD)(pc - base);
    int state = -1;
    for (UINT i = 0; i < fi->ip_count && (DWORD)map[i].ip <= off; i++) state = map[i].state;
    return state;
}

static struct cxx_catch *catch_of_funclet(const DISPATCHER_CONTEXT *d)
{
    for (struct cxx_catch *c = CXX_CATCHES; c; c = c->prev)
        if (c->image_base == d->ImageBase && d->FunctionEntry && c->funclet == d->FunctionEntry->BeginAddress)
            return c;
    return NULL;
}

static struct cxx_catch *catch_of_frame(ULONG_PTR frame)
{
    for (struct cxx_catch *c = CXX_CATCHES; c; c = c->prev)
        if (c->frame == frame) return c;
    return NULL;
}

/* runs the unwind actions from STATE down to (not including) TARGET */
static void unwind_states(const cxx_func_info *fi, DWORD64 base, ULONG_PTR frame, int state, int target)
{
    const cxx_unwind_entry *map = rva(base, fi->unwind_map);
    while (state > target && state < fi->max_state) {
        int next = map[state].to_state;
        if (map[state].action) {
            TRACE("unwind action of state %d\n", state);
            ((unwind_fn)rva(base, map[state].action))(frame, frame);
        }
        state = next;
    }
}

/* the this-pointer adjustment from the thrown class to a base class */
static void *adjust_pointer(void *obj, const cxx_pmd *pmd)
{
    char *p = (char *)obj + pmd->mdisp;
    if (pmd->pdisp >= 0) {
        const int *vbtable = *(const int **)((char *)obj + pmd->pdisp);
        p += *(const int *)((const char *)vbtable + pmd->vdisp) + pmd->pdisp;
    }
    return p;
}

static const cxx_catchable_type *find_catchable(const cxx_handler_type *h, DWORD64 hbase,
                                                const cxx_throw_info *ti, DWORD64 tbase)
{
    const cxx_type_descriptor *htype = h->type ? rva(hbase, h->type) : NULL;
    const cxx_catchable_type_array *cta = rva(tbase, ti->type_array);
    for (int i = 0; i < cta->count; i++) {
        const cxx_catchable_type *ct = rva(tbase, cta->types[i]);
        const cxx_type_descriptor *type = rva(tbase, ct->type);
        if (!htype || !htype->name[0] || (h->adjectives & HT_ELLIPSIS)) return ct;
        if (type != htype && strcmp(type->name, htype->name)) continue;
        if ((ct->properties & CT_BY_REF_ONLY) && !(h->adjectives & HT_REFERENCE)) continue;
        if ((ti->attributes & TI_CONST) && !(h->adjectives & HT_CONST)) continue;
        if ((ti->attributes & TI_VOLATILE) && !(h->adjectives & HT_VOLATILE)) continue;
        return ct;
    }
    return NULL;
}

/* builds the catch object (if the clause names one) in the catching frame */
static void build_catch_object(const cxx_handler_type *h, const cxx_catchable_type *ct, DWORD64 tbase,
                               ULONG_PTR frame, void *obj)
{
    void **dest = (void **)(frame + h->catch_obj);
    if (!h->catch_obj || !h->type || (h->adjectives & HT_ELLIPSIS)) return;
    if (h->adjectives & HT_REFERENCE) {
        *dest = (ct->properties & CT_SIMPLE) ? obj : adjust_pointer(obj, &ct->disp);
    } else if (ct->properties & CT_SIMPLE) {
        memcpy(dest, obj, ct->size);
        /* a pointer converted to a base class pointer */
        if (ct->size == sizeof(void *) && *dest) *dest = adjust_pointer(*dest, &ct->disp);
    } else if (ct->copy_ctor) {
        if (ct->properties & CT_VIRTUAL_BASE)
            ((copy_vb_fn)rva(tbase, ct->copy_ctor))(dest, adjust_pointer(obj, &ct->disp), 1);
        else
            ((copy_fn)rva(tbase, ct->copy_ctor))(dest, adjust_pointer(obj, &ct->disp));
    } else {
        memcpy(dest, adjust_pointer(obj, &ct->disp), ct->size);
    }
}

static void destroy_object(const EXCEPTION_RECORD *exc)
{
    const cxx_throw_info *ti = (const cxx_throw_info *)exc->ExceptionInformation[2];
    void *obj = (void *)exc->ExceptionInformation[1];
    if (ti->destructor && obj) ((dtor_fn)rva(exc->ExceptionInformation[3], ti->destructor))(obj);
}

/* ntdll calls this at the end of the consolidating unwind: run the catch
 * funclet, destroy the exception object, continue where the funclet says */
static void *CDECL catch_block(EXCEPTION_RECORD *cons)
{
    struct cxx_catch c;
    ULONG_PTR *p = cons->ExceptionInformation;
    c.frame = p[CONS_FRAME];
    c.image_base = p[CONS_BASE];
    c.exc = (EXCEPTION_RECORD *)p[CONS_EXC];
    c.state = (int)p[CONS_STATE];
    void *funclet = (void *)p[CONS_FUNCLET];
    DWORD64 begin = 0;
    RUNTIME_FUNCTION *entry = RtlLookupFunctionEntry((DWORD64)(ULONG_PTR)funclet, &begin, NULL);
    c.funclet = entry ? entry->BeginAddress : 0;
    c.prev = CXX_CATCHES;
    CXX_CATCHES = &c;
    TRACE("calling catch funclet %p for frame %lx\n", funclet, (unsigned long)c.frame);
    ULONG_PTR cont = msvcrt_call_catch(funclet, c.frame, (CONTEXT *)p[CONS_CONTEXT]);
    CXX_CATCHES = c.prev;
    destroy_object(c.exc);
    TRACE("catch returned, continuing at %lx\n", (unsigned long)cont);
    return (void *)cont;
}

/* the catches of FRAME an exception is leaving end: pop them, destroying
 * their objects unless it is the one thrown again */
static void end_catches_of_frame(ULONG_PTR frame, const EXCEPTION_RECORD *rec)
{
    struct cxx_catch *c;
    while ((c = CXX_CATCHES) && c->frame <= frame) {
        CXX_CATCHES = c->prev;
        if (!is_cxx_exception(rec) || rec->ExceptionInformation[1] != c->exc->ExceptionInformation[1])
            destroy_object(c->exc);
    }
}

static void find_catch(EXCEPTION_RECORD *rec, ULONG_PTR frame, DISPATCHER_CONTEXT *d,
                       const cxx_func_info *fi, int state)
{
    const cxx_try_block *tries = rva(d->ImageBase, fi->try_map);
    const cxx_throw_info *ti = (const cxx_throw_info *)rec->ExceptionInformation[2];
    DWORD64 tbase = rec->ExceptionInformation[3];

    for (UINT i = 0; i < fi->try_count; i++) {
        const cxx_try_block *t = &tries[i];
        if (state < t->start || state > t->end) continue;
        const cxx_handler_type *handlers = rva(d->ImageBase, t->handlers);
        for (int j = 0; j < t->handler_count; j++) {
            const cxx_handler_type *h = &handlers[j];
            const cxx_catchable_type *ct = find_catchable(h, d->ImageBase, ti, tbase);
            if (!ct) continue;
            TRACE("try block %u catch %d takes it (state %d)\n", i, j, state);
            build_catch_object(h, ct, tbase, frame, (void *)rec->ExceptionInformation[1]);

            EXCEPTION_RECORD cons;
            CONTEXT target;
            memset(&cons, 0, sizeof(cons));
            cons.ExceptionCode = STATUS_UNWIND_CONSOLIDATE;
            cons.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
            cons.NumberParameters = CONS_COUNT;
            cons.ExceptionInformation[CONS_CALLBACK] = (ULONG_PTR)catch_block;
            cons.ExceptionInformation[CONS_FRAME] = frame;
            cons.ExceptionInformation[CONS_FUNCLET] = (ULONG_PTR)rva(d->ImageBase, h->handler);
            cons.ExceptionInformation[CONS_EXC] = (ULONG_PTR)rec;
            cons.ExceptionInformation[CONS_TARGET_STATE] = (ULONG_PTR)(LONG_PTR)t->start - 1;
            cons.ExceptionInformation[CONS_FUNC_INFO] = (ULONG_PTR)fi;
            cons.ExceptionInformation[CONS_BASE] = d->ImageBase;
            cons.ExceptionInformation[CONS_CONTEXT] = (ULONG_PTR)&target;
            cons.ExceptionInformation[CONS_STATE] = (ULONG_PTR)(LONG_PTR)t->catch_high;
            RtlUnwindEx((void *)frame, (void *)(ULONG_PTR)d->ControlPc, &cons, NULL, &target, d->HistoryTable);
        }
    }
}

EXCEPTION_DISPOSITION CDECL MSVCRT___CxxFrameHandler(EXCEPTION_RECORD *rec, void *establisher, CONTEXT *ctx,
                                                      DISPATCHER_CONTEXT *d)
{
    (void)ctx;
    const cxx_func_info *fi = rva(d->ImageBase, *(const int *)d->HandlerData);
    ULONG_PTR frame = (ULONG_PTR)establisher;
    struct cxx_catch *c;
    int state;

    if ((fi->magic & CXX_MAGIC_MASK) < CXX_MAGIC_VC6 || (fi->magic & CXX_MAGIC_MASK) > CXX_MAGIC_VC6 + 2) {
        ERR("unknown FuncInfo magic %#x\n", fi->magic);
        return ExceptionContinueSearch;
    }
    /* a catch funclet: its states count in the parent frame, whose handler
     * comes next (msvcrt_call_catch unwinds to it) */
    if ((c = catch_of_funclet(d))) {
        if (!(rec->ExceptionFlags & EXCEPTION_UNWIND)) c->state = ip_state(fi, d->ImageBase, d->ControlPc);
        return ExceptionContinueSearch;
    }
    c = catch_of_frame(frame);
    state = c ? c->state : ip_state(fi, d->ImageBase, d->ControlPc);

    if (rec->ExceptionFlags & EXCEPTION_UNWIND) {
        int target = -1;
        if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) && rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE &&
            rec->NumberParameters >= CONS_COUNT && rec->ExceptionInformation[CONS_CALLBACK] == (ULONG_PTR)catch_block)
            target = (int)rec->ExceptionInformation[CONS_TARGET_STATE];
        TRACE("unwinding frame %lx from state %d to %d\n", (unsigned long)frame, state, target);
        unwind_states(fi, d->ImageBase, frame, state, target);
        /* the exception caught here, if any, is over unless thrown again */
        const EXCEPTION_RECORD *exc = rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE
            ? (const EXCEPTION_RECORD *)rec->ExceptionInformation[CONS_EXC] : rec;
        end_catches_of_frame(frame, exc);
        return ExceptionContinueSearch;
    }
    if (!is_cxx_exception(rec)) return ExceptionContinueSearch;
    if (fi->try_count) find_catch(rec, frame, d, fi, state);
    return ExceptionContinueSearch;
}

/* the FuncInfo of MSVC 2017 and later's version 3 handler is the same */
EXCEPTION_DISPOSITION CDECL MSVCRT___CxxFrameHandler3(EXCEPTION_RECORD *rec, void *establisher, CONTEXT *ctx,
                                                       DISPATCHER_CONTEXT *d)
{
    return MSVCRT___CxxFrameHandler(rec, establisher, ctx, d);
}

/* a call through a pure virtual function: R6025 */
void CDECL MSVCRT__purecall(void)
{
    MSVCRT__amsg_exit(25);
}

/* type_info::~type_info frees the undecorated name name() may have cached */
void CDECL MSVCRT_type_info_dtor(cxx_type_descriptor *this)
{
    MSVCRT_free(this->data);
}
