/* MSVC C++ exceptions through msvcrt's _CxxThrowException and
 * __CxxFrameHandler, with the tables MSVC would emit written by hand
 * (cxx_tables.S) and ThrowInfo built here: the exception record of a throw,
 * catch by type and catch(...), the catch object, unwind actions in the
 * frames in between, rethrow, and the thrown object's destructor. */
#include <string.h>
#include <windows.h>
#include "test.h"

int cxx_guarded(void (*fn)(void));
int cxx_rethrower(void (*fn)(void));
void cxx_cleanup(void (*fn)(void));
void __cdecl _CxxThrowException(void *object, void *info);

int rethrows;
static int cleanups, destroyed;
static void *destroyed_this;

void cleanup_action(void) { cleanups++; }

struct type_descriptor { void *vtable; void *spare; char name[16]; };
struct type_descriptor type_int = { NULL, NULL, ".H" };
static struct type_descriptor type_base = { NULL, NULL, ".?AVBase@@" };
static struct type_descriptor type_derived = { NULL, NULL, ".?AVDerived@@" };

struct catchable_type { unsigned properties; int type; int mdisp, pdisp, vdisp; int size; int copy; };
static struct catchable_type ct_int, ct_derived, ct_base;
static struct { int count; int types[2]; } cta_int, cta_derived;
static struct { unsigned attributes; int destructor; int compat; int types; } ti_int, ti_derived;

struct derived { int base_value; int value; };

static void derived_dtor(struct derived *this) { destroyed++; destroyed_this = this; }

static int rva(const void *p) { return (int)((const char *)p - (const char *)GetModuleHandleA(NULL)); }

static void build_tables(void)
{
    ct_int = (struct catchable_type){ 1, rva(&type_int), 0, -1, 0, sizeof(int), 0 };
    cta_int.count = 1;
    cta_int.types[0] = rva(&ct_int);
    ti_int = (typeof(ti_int)){ 0, 0, 0, rva(&cta_int) };
    ct_derived = (struct catchable_type){ 0, rva(&type_derived), 0, -1, 0, sizeof(struct derived), 0 };
    ct_base = (struct catchable_type){ 0, rva(&type_base), 0, -1, 0, sizeof(int), 0 };
    cta_derived.count = 2;
    cta_derived.types[0] = rva(&ct_derived);
    cta_derived.types[1] = rva(&ct_base);
    ti_derived = (typeof(ti_derived)){ 0, rva(derived_dtor), 0, rva(&cta_derived) };
}

static void throw_int(void)
{
    int v = 42;
    _CxxThrowException(&v, &ti_int);
}

static struct derived *thrown_object;
static void throw_derived(void)
{
    struct derived d = { 1, 2 };
    thrown_object = &d;
    _CxxThrowException(&d, &ti_derived);
}

static void cleanup_then_throw(void) { cxx_cleanup(throw_int); }
static void rethrow_derived(void) { cxx_rethrower(throw_derived); }

static EXCEPTION_RECORD seen;
static LONG CALLBACK watch(EXCEPTION_POINTERS *ptrs)
{
    if (!seen.ExceptionCode) seen = *ptrs->ExceptionRecord;
    return EXCEPTION_CONTINUE_SEARCH;
}

int main(void)
{
    build_tables();

    void *veh = AddVectoredExceptionHandler(1, watch);
    int r = cxx_guarded(throw_int);
    RemoveVectoredExceptionHandler(veh);
    ok(r == 42, "catch (int v) got %d", r);
    ok(seen.ExceptionCode == 0xe06d7363, "code %#lx", seen.ExceptionCode);
    ok(seen.ExceptionFlags == EXCEPTION_NONCONTINUABLE, "flags %#lx", seen.ExceptionFlags);
    ok(seen.NumberParameters == 4, "%lu parameters", seen.NumberParameters);
    ok(seen.ExceptionInformation[0] == 0x19930520, "magic %#llx", (unsigned long long)seen.ExceptionInformation[0]);
    ok(seen.ExceptionInformation[2] == (ULONG_PTR)&ti_int, "ThrowInfo");
    ok(seen.ExceptionInformation[3] == (ULONG_PTR)GetModuleHandleA(NULL), "image base %#llx",
       (unsigned long long)seen.ExceptionInformation[3]);

    r = cxx_guarded(throw_derived);
    ok(r == -1, "a class goes to catch (...): %d", r);
    ok(destroyed == 1 && destroyed_this == thrown_object, "the thrown object is destroyed once after the catch: %d",
       destroyed);

    r = cxx_guarded(cleanup_then_throw);
    ok(r == 42, "caught through a frame with a cleanup: %d", r);
    ok(cleanups == 1, "the cleanup ran %d times", cleanups);

    destroyed = 0;
    r = cxx_guarded(rethrow_derived);
    ok(r == -1, "the rethrown object reaches the outer catch: %d", r);
    ok(rethrows == 1, "the inner catch ran %d times", rethrows);
    ok(destroyed == 1, "a rethrown object is destroyed once, after the outer catch: %d", destroyed);

    r = cxx_guarded(throw_int);
    ok(r == 42 && cleanups == 1 && destroyed == 1, "again: %d", r);
    return test_summary();
}
