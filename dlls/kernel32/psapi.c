/* The process status functions kernel32 exports as K32* (psapi.dll
 * forwards to them): modules of the current process. */
#include <string.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(psapi);

typedef struct { void *lpBaseOfDll; DWORD SizeOfImage; void *EntryPoint; } MODULEINFO;

#define LIST_MODULES_ALL 0x3

/* Only the current process is known; another process is refused. */
static BOOL is_self(HANDLE process)
{
    if (process == GetCurrentProcess()) return TRUE;
    FIXME("modules of process handle %p: only the current process is supported\n", process);
    SetLastError(ERROR_ACCESS_DENIED);
    return FALSE;
}

BOOL WINAPI K32EnumProcessModulesEx(HANDLE process, HMODULE *mods, DWORD cb, DWORD *needed, DWORD filter)
{
    if (filter & ~LIST_MODULES_ALL) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!is_self(process)) return FALSE;
    if (!needed) { SetLastError(ERROR_NOACCESS); return FALSE; }
    DWORD n = carafe_enum_modules(mods, mods ? cb / sizeof(HMODULE) : 0);
    *needed = n * sizeof(HMODULE);
    return TRUE;
}

BOOL WINAPI K32EnumProcessModules(HANDLE process, HMODULE *mods, DWORD cb, DWORD *needed)
{
    return K32EnumProcessModulesEx(process, mods, cb, needed, LIST_MODULES_ALL);
}

/* The characters copied, truncated and NUL-terminated. */
static DWORD copy_name(const WCHAR *src, LPWSTR buf, DWORD size)
{
    DWORD len = carafe_wcslen(src);
    if (!buf || !size) { SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
    if (len >= size) len = size - 1;
    memcpy(buf, src, len * sizeof(WCHAR));
    buf[len] = 0;
    return len;
}

DWORD WINAPI K32GetModuleFileNameExW(HANDLE process, HMODULE mod, LPWSTR buf, DWORD size)
{
    if (!is_self(process)) return 0;
    const WCHAR *path = carafe_module_path(mod);
    if (!path) { SetLastError(ERROR_INVALID_HANDLE); return 0; }
    return copy_name(path, buf, size);
}

DWORD WINAPI K32GetModuleBaseNameW(HANDLE process, HMODULE mod, LPWSTR buf, DWORD size)
{
    if (!is_self(process)) return 0;
    const WCHAR *path = carafe_module_path(mod), *base;
    if (!path) { SetLastError(ERROR_INVALID_HANDLE); return 0; }
    for (base = path + carafe_wcslen(path); base > path && base[-1] != '\\'; base--) ;
    return copy_name(base, buf, size);
}

static DWORD to_ansi(DWORD (WINAPI *fn)(HANDLE, HMODULE, LPWSTR, DWORD), HANDLE process, HMODULE mod, LPSTR buf, DWORD size)
{
    WCHAR w[MAX_PATH];
    if (!buf || !size) { SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
    if (!fn(process, mod, w, MAX_PATH)) return 0;
    int n = WideCharToMultiByte(CP_ACP, 0, w, -1, buf, size, NULL, NULL);
    if (!n) {   /* truncated */
        n = WideCharToMultiByte(CP_ACP, 0, w, -1, NULL, 0, NULL, NULL);
        char *tmp = malloc(n);
        if (!tmp) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
        WideCharToMultiByte(CP_ACP, 0, w, -1, tmp, n, NULL, NULL);
        memcpy(buf, tmp, size - 1);
        buf[size - 1] = 0;
        free(tmp);
        return size - 1;
    }
    return n - 1;
}

DWORD WINAPI K32GetModuleFileNameExA(HANDLE process, HMODULE mod, LPSTR buf, DWORD size)
{
    return to_ansi(K32GetModuleFileNameExW, process, mod, buf, size);
}

DWORD WINAPI K32GetModuleBaseNameA(HANDLE process, HMODULE mod, LPSTR buf, DWORD size)
{
    return to_ansi(K32GetModuleBaseNameW, process, mod, buf, size);
}

BOOL WINAPI K32GetModuleInformation(HANDLE process, HMODULE mod, MODULEINFO *info, DWORD cb)
{
    if (!is_self(process)) return FALSE;
    if (cb < sizeof(*info)) { SetLastError(ERROR_INSUFFICIENT_BUFFER); return FALSE; }
    if (!carafe_module_info(mod, &info->lpBaseOfDll, &info->SizeOfImage, &info->EntryPoint)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
