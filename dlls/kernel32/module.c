/* Modules: handles, file names, LoadLibrary, GetProcAddress. */
#include <string.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(module);

#define GET_MODULE_HANDLE_EX_FLAG_PIN                0x1
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x2
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS       0x4
#define LOAD_LIBRARY_AS_DATAFILE 0x2

HMODULE WINAPI GetModuleHandleW(LPCWSTR name)
{
    HMODULE h = carafe_find_module(name);
    if (!h) SetLastError(ERROR_MOD_NOT_FOUND);
    return h;
}

HMODULE WINAPI GetModuleHandleA(LPCSTR name)
{
    if (!name) return GetModuleHandleW(NULL);
    WCHAR *w = k32_strdup_AtoW(name);
    HMODULE h = GetModuleHandleW(w);
    free(w);
    return h;
}

BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out)
{
    if (!out) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) *out = carafe_module_from_address(name);
    else *out = carafe_find_module(name);
    if (!*out) { SetLastError(ERROR_MOD_NOT_FOUND); return FALSE; }
    return TRUE;
}

BOOL WINAPI GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *out)
{
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) return GetModuleHandleExW(flags, (LPCWSTR)name, out);
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    BOOL ret = GetModuleHandleExW(flags, w, out);
    free(w);
    return ret;
}

/* Truncates like Windows: the result is cut and still NUL-terminated,
 * with ERROR_INSUFFICIENT_BUFFER. */
DWORD WINAPI GetModuleFileNameW(HMODULE mod, LPWSTR buf, DWORD size)
{
    const WCHAR *path = carafe_module_path(mod);
    if (!path) { SetLastError(ERROR_MOD_NOT_FOUND); return 0; }
    DWORD len = carafe_wcslen(path);
    if (!size) { SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
    if (len >= size) {
        memcpy(buf, path, (size - 1) * sizeof(WCHAR));
        buf[size - 1] = 0;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    memcpy(buf, path, (len + 1) * sizeof(WCHAR));
    SetLastError(ERROR_SUCCESS);
    return len;
}

DWORD WINAPI GetModuleFileNameA(HMODULE mod, LPSTR buf, DWORD size)
{
    const WCHAR *path = carafe_module_path(mod);
    if (!path) { SetLastError(ERROR_MOD_NOT_FOUND); return 0; }
    int need = WideCharToMultiByte(CP_ACP, 0, path, -1, NULL, 0, NULL, NULL);
    if (!size) { SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
    if ((DWORD)need > size) {
        char *tmp = malloc(need);
        WideCharToMultiByte(CP_ACP, 0, path, -1, tmp, need, NULL, NULL);
        memcpy(buf, tmp, size - 1);
        buf[size - 1] = 0;
        free(tmp);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    WideCharToMultiByte(CP_ACP, 0, path, -1, buf, size, NULL, NULL);
    SetLastError(ERROR_SUCCESS);
    return need - 1;
}

HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    if (flags & LOAD_LIBRARY_AS_DATAFILE) FIXME("LOAD_LIBRARY_AS_DATAFILE loads the DLL normally\n");
    return carafe_load_library(name, flags);
}

HMODULE WINAPI LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    WCHAR *w = k32_strdup_AtoW(name);
    HMODULE h = LoadLibraryExW(w, file, flags);
    free(w);
    return h;
}

HMODULE WINAPI LoadLibraryW(LPCWSTR name) { return LoadLibraryExW(name, NULL, 0); }
HMODULE WINAPI LoadLibraryA(LPCSTR name) { return LoadLibraryExA(name, NULL, 0); }

BOOL WINAPI FreeLibrary(HMODULE mod)
{
    if (!mod) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    return carafe_free_library(mod);
}

void *WINAPI GetProcAddress(HMODULE mod, LPCSTR name)
{
    return carafe_get_proc_address(mod, name);
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE mod)
{
    return TRUE;   /* there are no thread notifications yet */
}
