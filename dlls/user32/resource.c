/* LoadString: string tables are RT_STRING resources of 16 strings each;
 * string ID is entry ID % 16 of block ID / 16 + 1, stored as a length
 * (in WCHARs) followed by the characters, without a terminating NUL. */
#include <stdlib.h>
#include <string.h>
#include "winuser.h"
#include "winnls.h"

#define STRINGS_PER_BLOCK 16

/* string ID of INSTANCE and its length, or NULL (last error set) */
static const WCHAR *find_string(HINSTANCE instance, UINT id, int *len)
{
    HRSRC rsrc = FindResourceW(instance, MAKEINTRESOURCEW(id / STRINGS_PER_BLOCK + 1), RT_STRING);
    if (!rsrc) return NULL;
    const WORD *p = LoadResource(instance, rsrc);
    DWORD size = SizeofResource(instance, rsrc) / sizeof(WORD);
    if (!p) return NULL;
    const WORD *end = p + size;
    for (UINT i = 0; i < id % STRINGS_PER_BLOCK; i++) {
        if (p >= end) return NULL;
        p += 1 + *p;
    }
    if (p >= end || p + 1 + *p > end) return NULL;
    *len = *p;
    return (const WCHAR *)(p + 1);
}

/* Size 0: BUFFER receives a read-only pointer to the string itself.
 * A missing string leaves the buffer untouched (as Wine does). */
int WINAPI LoadStringW(HINSTANCE instance, UINT id, LPWSTR buffer, int size)
{
    int len = 0;
    if (!buffer) return 0;
    const WCHAR *s = find_string(instance, id, &len);
    if (!s) return 0;
    if (!size) {
        *(const WCHAR **)buffer = s;
        return len;
    }
    if (len > size - 1) len = size - 1;
    memcpy(buffer, s, len * sizeof(WCHAR));
    buffer[len] = 0;
    return len;
}

int WINAPI LoadStringA(HINSTANCE instance, UINT id, LPSTR buffer, int size)
{
    int len = 0, n = 0;
    if (!buffer || size <= 0) return 0;
    const WCHAR *s = find_string(instance, id, &len);
    if (!s) return 0;
    /* converted whole, then cut: WideCharToMultiByte fails on a short buffer */
    int full = len ? WideCharToMultiByte(CP_ACP, 0, s, len, NULL, 0, NULL, NULL) : 0;
    char *tmp = full > 0 ? malloc(full) : NULL;
    if (tmp) {
        WideCharToMultiByte(CP_ACP, 0, s, len, tmp, full, NULL, NULL);
        n = full < size - 1 ? full : size - 1;
        memcpy(buffer, tmp, n);
        free(tmp);
    }
    buffer[n] = 0;
    return n;
}
