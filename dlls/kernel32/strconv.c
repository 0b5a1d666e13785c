/* ANSI <-> UTF-16 helpers for the A functions (CP_ACP). */
#include <string.h>
#include "kernel32_private.h"
#include "winnls.h"

WCHAR *k32_strdup_AtoW(LPCSTR s)
{
    if (!s) return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = malloc((n ? n : 1) * sizeof(WCHAR));
    if (!w) return NULL;
    if (!n) w[0] = 0;
    else MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

DWORD k32_copy_WtoA(const WCHAR *src, LPSTR dst, DWORD size)
{
    int need = WideCharToMultiByte(CP_ACP, 0, src, -1, NULL, 0, NULL, NULL);
    if (!dst || (DWORD)need > size) return need;
    WideCharToMultiByte(CP_ACP, 0, src, -1, dst, size, NULL, NULL);
    return need - 1;
}
