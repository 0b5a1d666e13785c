/* The export table that tools/specgen generates from a DLL's .spec file. */
#ifndef CARAFE_SPEC_H
#define CARAFE_SPEC_H

enum carafe_export_kind {
    EXPORT_FUNC,     /* a function implemented by the builtin */
    EXPORT_DATA,     /* a variable; importers get its address */
    EXPORT_STUB,     /* declared, not implemented: calling it traps */
    EXPORT_FORWARD,  /* resolved in another DLL ("DLL.Name") */
};

#define EXPORT_VARARGS 1
#define EXPORT_NORELAY 2   /* +relay must not wrap it (setjmp and the like) */

struct carafe_export {
    const char *name;        /* NULL for exports by ordinal only */
    void *addr;              /* function or data; NULL for stubs and forwards */
    const char *args;        /* argument types for +relay, e.g. "ptr,long" */
    const char *forward;     /* "NTDLL.RtlAllocateHeap" for EXPORT_FORWARD */
    unsigned short ordinal;
    unsigned char kind;
    unsigned char flags;     /* EXPORT_VARARGS, EXPORT_NORELAY */
};

struct carafe_dll {
    const char *name;                      /* as Windows spells it: "KERNEL32.dll" */
    const struct carafe_export *exports;   /* named ones sorted by strcmp, then unnamed */
    unsigned int count, named;
    unsigned int ordinal_base, ordinal_max;
    const unsigned short *by_ordinal;      /* ordinal - base -> index, 0xffff if none */
};

#define CARAFE_DLL_SYMBOL "__carafe_dll"

#endif
