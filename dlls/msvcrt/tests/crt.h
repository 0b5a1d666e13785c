/* Test helper: call the export of msvcrt.dll itself, never a mingw-w64
 * replacement linked into the test (mingw supplies its own strtod, math
 * functions and more). */
#ifndef CARAFE_MSVCRT_TEST_CRT_H
#define CARAFE_MSVCRT_TEST_CRT_H
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static void *crt_proc(const char *name)
{
    static HMODULE crt;
    if (!crt) crt = GetModuleHandleA("msvcrt.dll");
    if (!crt) crt = LoadLibraryA("msvcrt.dll");
    void *p = (void *)GetProcAddress(crt, name);
    if (!p) {
        printf("msvcrt.dll does not export %s\n", name);
        fflush(stdout);
        exit(99);
    }
    return p;
}

/* CRT(name) is msvcrt's `name`, typed like the declaration in scope */
#define CRT(name) ((__typeof__(&name))crt_proc(#name))
/* CRTT(type, name) for exports mingw's headers do not declare */
#define CRTT(type, name) ((type)crt_proc(#name))
#define crt_errno (*CRTT(int *(*)(void), _errno)())

#endif
