/* RtlPcToFileHeader: the base of the image that holds an address, NULL for
 * an address outside every image. */
#include <windows.h>
#include "test.h"

int main(void)
{
    HMODULE nt = GetModuleHandleA("ntdll.dll"), k32 = GetModuleHandleA("kernel32.dll");
    PVOID (WINAPI *p_RtlPcToFileHeader)(PVOID, PVOID *) = (void *)GetProcAddress(nt, "RtlPcToFileHeader");
    ok(p_RtlPcToFileHeader != NULL, "RtlPcToFileHeader");
    if (!p_RtlPcToFileHeader) return test_summary();
    PVOID base = (PVOID)1;
    ok(p_RtlPcToFileHeader((PVOID)main, &base) == GetModuleHandleA(NULL), "the exe");
    ok(base == GetModuleHandleA(NULL), "base %p", base);
    ok(p_RtlPcToFileHeader((PVOID)GetProcAddress(k32, "GetTickCount"), &base) == k32 && base == k32, "kernel32: %p", base);
    int local;
    ok(p_RtlPcToFileHeader(&local, &base) == NULL && base == NULL, "the stack: %p", base);
    return test_summary();
}
