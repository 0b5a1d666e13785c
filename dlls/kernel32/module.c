/* Modules: handles, file names, LoadLibrary, GetProcAddress. */
#include <string.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(module);

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

#define GET_MODULE_HANDLE_EX_FLAGS (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT | \
                                    GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)

/* FROM_ADDRESS finds builtins from addresses inside their ELF code too.
 * Without UNCHANGED_REFCOUNT the caller owns a reference (FreeLibrary). */
BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out)
{
    if (out) *out = NULL;
    if (!out || (flags & ~GET_MODULE_HANDLE_EX_FLAGS) ||
        ((flags & GET_MODULE_HANDLE_EX_FLAG_PIN) && (flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HMODULE h = flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS ? carafe_module_from_address(name) : carafe_find_module(name);
    if (!h) { SetLastError(ERROR_MOD_NOT_FOUND); return FALSE; }
    if (!(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT) &&
        !carafe_module_addref(h, (flags & GET_MODULE_HANDLE_EX_FLAG_PIN) != 0))
        return FALSE;
    *out = h;
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

#define LOAD_LIBRARY_FLAGS (DONT_RESOLVE_DLL_REFERENCES | LOAD_LIBRARY_AS_DATAFILE | LOAD_WITH_ALTERED_SEARCH_PATH | \
    LOAD_IGNORE_CODE_AUTHZ_LEVEL | LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | \
    LOAD_LIBRARY_REQUIRE_SIGNED_TARGET | LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_APPLICATION_DIR | \
    LOAD_LIBRARY_SEARCH_USER_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS | \
    LOAD_LIBRARY_SAFE_CURRENT_DIRS)

/* The search order and the flags are the loader's (ntdll/module.c). */
HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    if (!name || file || (flags & ~LOAD_LIBRARY_FLAGS)) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    if (flags & (LOAD_LIBRARY_REQUIRE_SIGNED_TARGET | LOAD_LIBRARY_SAFE_CURRENT_DIRS))
        FIXME("flags %#lx: signatures and safe current directories are not checked\n", (unsigned long)flags);
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

/* For a thread running inside the DLL it frees: this code is kernel32's,
 * so it may free the DLL and then end the thread. */
__attribute__((noreturn)) void WINAPI FreeLibraryAndExitThread(HMODULE mod, DWORD code)
{
    FreeLibrary(mod);
    ExitThread(code);
}

void *WINAPI GetProcAddress(HMODULE mod, LPCSTR name)
{
    return carafe_get_proc_address(mod, name);
}

BOOL WINAPI SetDllDirectoryW(LPCWSTR dir)
{
    return carafe_set_dll_directory(dir);
}

BOOL WINAPI SetDllDirectoryA(LPCSTR dir)
{
    WCHAR *w = dir ? k32_strdup_AtoW(dir) : NULL;
    BOOL ret = carafe_set_dll_directory(w);
    free(w);
    return ret;
}

DWORD WINAPI GetDllDirectoryW(DWORD size, LPWSTR buf)
{
    return carafe_get_dll_directory(buf, buf ? size : 0);
}

DWORD WINAPI GetDllDirectoryA(DWORD size, LPSTR buf)
{
    WCHAR w[MAX_PATH];
    DWORD n = carafe_get_dll_directory(w, MAX_PATH);
    if (n >= MAX_PATH) { SetLastError(ERROR_FILENAME_EXCED_RANGE); return 0; }
    int need = WideCharToMultiByte(CP_ACP, 0, w, -1, NULL, 0, NULL, NULL);
    if (!buf || (DWORD)need > size) return need;
    WideCharToMultiByte(CP_ACP, 0, w, -1, buf, size, NULL, NULL);
    return need - 1;
}

/* DLL_DIRECTORY_COOKIE: an opaque pointer */
void *WINAPI AddDllDirectory(LPCWSTR dir)
{
    if (!dir || !((dir[0] && dir[1] == ':' && (dir[2] == '\\' || dir[2] == '/')) ||
                  ((dir[0] == '\\' || dir[0] == '/') && (dir[1] == '\\' || dir[1] == '/')))) {
        SetLastError(ERROR_INVALID_PARAMETER);   /* an absolute path is required */
        return NULL;
    }
    return carafe_add_dll_directory(dir);
}

BOOL WINAPI RemoveDllDirectory(void *cookie)
{
    return carafe_remove_dll_directory(cookie);
}

BOOL WINAPI SetDefaultDllDirectories(DWORD flags)
{
    return carafe_set_default_dll_directories(flags);
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE mod)
{
    return carafe_disable_thread_calls(mod);
}
