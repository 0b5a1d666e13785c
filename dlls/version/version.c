/* version.dll: the RT_VERSION resource of a file and queries into it.
 *
 * The resource is a tree of nodes, each
 *     WORD wLength; WORD wValueLength; WORD wType; WCHAR szKey[];
 * then padding to 4 bytes, the value (wValueLength bytes, or WCHARs when
 * wType is 1), padding, and the children up to wLength.  The root's key is
 * "VS_VERSION_INFO" and its value a VS_FIXEDFILEINFO.
 *
 * GetFileVersionInfoSize asks for twice the resource plus 4 bytes, as
 * Windows does: VerQueryValueA converts string values to ANSI in the
 * second half of the caller's buffer. */
#include <stddef.h>
#include <string.h>
#include "winver.h"
#include "winnls.h"
#include "carafe/debug.h"

DEFAULT_DEBUG_CHANNEL(version);

#define VALUE_IS_TEXT 1

struct ver_node {
    WORD wLength;
    WORD wValueLength;
    WORD wType;
    WCHAR szKey[1];
};

static DWORD align4(DWORD x)
{
    return (x + 3) & ~3u;
}

/* Load FILE as a data file and find its version resource; the caller
 * frees *MODULE.  NULL with the last error set. */
static HRSRC find_version(LPCWSTR file, HMODULE *module)
{
    if (!file) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    *module = LoadLibraryExW(file, NULL, LOAD_LIBRARY_AS_DATAFILE);
    if (!*module) {
        if (GetLastError() == ERROR_MOD_NOT_FOUND) SetLastError(ERROR_FILE_NOT_FOUND);
        return NULL;
    }
    HRSRC rsrc = FindResourceW(*module, MAKEINTRESOURCEW(VS_VERSION_INFO), RT_VERSION);
    if (!rsrc) {
        DWORD err = GetLastError();
        FreeLibrary(*module);
        SetLastError(err);
    }
    return rsrc;
}

DWORD WINAPI GetFileVersionInfoSizeExW(DWORD flags, LPCWSTR file, LPDWORD handle)
{
    HMODULE module;
    if (handle) *handle = 0;
    if (flags & ~(FILE_VER_GET_LOCALISED | FILE_VER_GET_NEUTRAL | FILE_VER_GET_PREFETCHED))
        FIXME("flags %#lx ignored\n", (unsigned long)flags);
    HRSRC rsrc = find_version(file, &module);
    if (!rsrc) return 0;
    DWORD size = SizeofResource(module, rsrc);
    FreeLibrary(module);
    if (size < sizeof(struct ver_node)) { SetLastError(ERROR_RESOURCE_DATA_NOT_FOUND); return 0; }
    SetLastError(ERROR_SUCCESS);
    return size * 2 + 4;
}

DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR file, LPDWORD handle)
{
    return GetFileVersionInfoSizeExW(FILE_VER_GET_LOCALISED, file, handle);
}

static WCHAR *strdup_AtoW(LPCSTR s)
{
    if (!s) return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = n > 0 ? HeapAlloc(GetProcessHeap(), 0, n * sizeof(WCHAR)) : NULL;
    if (w) MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

static void strfree(WCHAR *s)
{
    if (s) HeapFree(GetProcessHeap(), 0, s);
}

DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR file, LPDWORD handle)
{
    WCHAR *w = strdup_AtoW(file);
    DWORD ret = GetFileVersionInfoSizeW(w, handle);
    strfree(w);
    return ret;
}

BOOL WINAPI GetFileVersionInfoExW(DWORD flags, LPCWSTR file, DWORD handle, DWORD len, LPVOID data)
{
    HMODULE module;
    (void)handle;
    if (flags & ~(FILE_VER_GET_LOCALISED | FILE_VER_GET_NEUTRAL | FILE_VER_GET_PREFETCHED))
        FIXME("flags %#lx ignored\n", (unsigned long)flags);
    if (!data) { SetLastError(ERROR_INVALID_DATA); return FALSE; }
    HRSRC rsrc = find_version(file, &module);
    if (!rsrc) return FALSE;
    const void *res = LockResource(LoadResource(module, rsrc));
    DWORD size = SizeofResource(module, rsrc);
    BOOL ret = res != NULL;
    if (ret) {
        DWORD copied = len < size ? len : size;
        memcpy(data, res, copied);
        /* the root's wLength bounds every query: keep it inside the resource */
        if (copied >= sizeof(WORD) && *(WORD *)data > size) *(WORD *)data = (WORD)size;
    }
    FreeLibrary(module);
    if (ret) SetLastError(ERROR_SUCCESS);
    return ret;
}

BOOL WINAPI GetFileVersionInfoW(LPCWSTR file, DWORD handle, DWORD len, LPVOID data)
{
    return GetFileVersionInfoExW(FILE_VER_GET_LOCALISED, file, handle, len, data);
}

BOOL WINAPI GetFileVersionInfoA(LPCSTR file, DWORD handle, DWORD len, LPVOID data)
{
    WCHAR *w = strdup_AtoW(file);
    BOOL ret = GetFileVersionInfoW(w, handle, len, data);
    strfree(w);
    return ret;
}

/* ---- queries ---- */

/* the node at OFF inside a block of SIZE bytes, or NULL */
static const struct ver_node *node_at(const BYTE *block, DWORD size, DWORD off)
{
    if (off > size || size - off < offsetof(struct ver_node, szKey) + sizeof(WCHAR)) return NULL;
    const struct ver_node *n = (const void *)(block + off);
    if (n->wLength < offsetof(struct ver_node, szKey) + sizeof(WCHAR) || n->wLength > size - off) return NULL;
    return n;
}

/* where a node's value starts and its children begin, relative to it */
static BOOL node_layout(const struct ver_node *n, DWORD *value, DWORD *children)
{
    DWORD max = (n->wLength - offsetof(struct ver_node, szKey)) / sizeof(WCHAR), k = 0;
    while (k < max && n->szKey[k]) k++;
    if (k == max) return FALSE;
    *value = align4(offsetof(struct ver_node, szKey) + (k + 1) * sizeof(WCHAR));
    DWORD bytes = n->wType == VALUE_IS_TEXT ? n->wValueLength * sizeof(WCHAR) : n->wValueLength;
    *children = align4(*value + bytes);
    if (*value + bytes > n->wLength) return FALSE;
    return TRUE;
}

static BOOL key_equal(const WCHAR *key, const WCHAR *name, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        WCHAR a = key[i], b = name[i];
        if (a >= 'a' && a <= 'z') a -= 32;
        if (b >= 'a' && b <= 'z') b -= 32;
        if (a != b || !a) return FALSE;
    }
    return key[len] == 0;
}

/* The node SUB names ("\\A\\B"), as an offset into BLOCK, or ~0u. */
static DWORD find_node(const BYTE *block, LPCWSTR sub)
{
    const struct ver_node *root = node_at(block, 0xffff, 0);
    if (!root) return ~0u;
    DWORD size = root->wLength, cur = 0;
    for (;;) {
        while (*sub == '\\') sub++;
        if (!*sub) return cur;
        size_t len = 0;
        while (sub[len] && sub[len] != '\\') len++;
        const struct ver_node *n = node_at(block, size, cur);
        DWORD value, child, end, found = ~0u;
        if (!n || !node_layout(n, &value, &child)) return ~0u;
        end = cur + n->wLength;
        for (DWORD off = cur + child; off < end; ) {
            const struct ver_node *c = node_at(block, end, off);
            if (!c) break;
            DWORD v, ch;
            if (node_layout(c, &v, &ch) && key_equal(c->szKey, sub, len)) { found = off; break; }
            off += align4(c->wLength);
        }
        if (found == ~0u) return ~0u;
        cur = found;
        sub += len;
    }
}

/* the value of the node SUB names: its offset and wValueLength */
static BOOL query_value(LPCVOID block, LPCWSTR sub, DWORD *off, UINT *len, BOOL *text)
{
    DWORD node = find_node(block, sub), value, child;
    if (node == ~0u) { SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND); return FALSE; }
    const struct ver_node *n = (const void *)((const BYTE *)block + node);
    if (!node_layout(n, &value, &child)) return FALSE;
    *off = node + value;
    *len = n->wValueLength;
    *text = n->wType == VALUE_IS_TEXT;
    return TRUE;
}

BOOL WINAPI VerQueryValueW(LPCVOID block, LPCWSTR sub, LPVOID *buffer, UINT *len)
{
    DWORD off;
    UINT n;
    BOOL text;
    if (!block || !sub || !buffer) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!query_value(block, sub, &off, &n, &text)) {
        *buffer = NULL;
        if (len) *len = 0;
        return FALSE;
    }
    *buffer = (BYTE *)block + off;
    if (len) *len = n;
    return TRUE;
}

/* String values are converted to ANSI in the spare half of the buffer
 * GetFileVersionInfoSize asked for, at half the value's offset. */
BOOL WINAPI VerQueryValueA(LPCVOID block, LPCSTR sub, LPVOID *buffer, UINT *len)
{
    DWORD off;
    UINT n;
    BOOL text, ret = FALSE;
    if (!block || !sub || !buffer) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    WCHAR *wsub = strdup_AtoW(sub);
    if (!wsub) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    if (!query_value(block, wsub, &off, &n, &text)) {
        *buffer = NULL;
        if (len) *len = 0;
        goto out;
    }
    if (!text) {
        *buffer = (BYTE *)block + off;
        if (len) *len = n;
        ret = TRUE;
        goto out;
    }
    WORD total = ((const struct ver_node *)block)->wLength;
    char *dst = (char *)block + total + off / 2;
    int room = total - off / 2, got = 0;
    /* the length counts the terminating NUL, as wValueLength does */
    if (n) got = WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)((const BYTE *)block + off), n, dst, room, NULL, NULL);
    if (got > 0 && dst[got - 1] && got < room) dst[got++] = 0;
    else if (got <= 0) dst[got = 0] = 0;
    *buffer = dst;
    if (len) *len = got;
    ret = TRUE;
out:
    strfree(wsub);
    return ret;
}
