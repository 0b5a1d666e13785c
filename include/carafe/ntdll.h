/* ntdll's internal services for the other builtin DLLs: handles, paths,
 * UTF-16 helpers, the loader's module queries.  Not visible to Windows code. */
#ifndef CARAFE_NTDLL_H
#define CARAFE_NTDLL_H

#include "winternl.h"
#include "winerror.h"
#include "carafe/debug.h"

/* ---- errors: the one place errno becomes a Win32 error ---- */
CARAFE_API DWORD carafe_errno_to_win32(int err);
CARAFE_API void carafe_set_errno_error(void);          /* SetLastError(errno mapped) */
static inline void carafe_set_last_error(DWORD e) { NtCurrentTeb()->LastErrorValue = e; }

/* ---- handles: a process-local table of refcounted objects ---- */
enum object_type { OBJ_FILE = 1, OBJ_FIND, OBJ_OTHER,
                   OBJ_EVENT, OBJ_MUTEX, OBJ_SEMAPHORE, OBJ_THREAD, OBJ_TIMER,
                   OBJ_PROCESS };  /* waitable (kernel32) */

struct object;
struct object_ops {
    void (*destroy)(struct object *obj);
};

struct object {
    int type;
    int refcount;
    const struct object_ops *ops;
};

CARAFE_API HANDLE carafe_handle_alloc(struct object *obj);   /* takes the caller's reference */
CARAFE_API struct object *carafe_handle_get(HANDLE h, int type);  /* new reference or NULL */
CARAFE_API void carafe_object_release(struct object *obj);
CARAFE_API BOOL carafe_handle_close(HANDLE h);

#define CURRENT_PROCESS ((HANDLE)(LONG_PTR)-1)
#define CURRENT_THREAD  ((HANDLE)(LONG_PTR)-2)

/* a file, pipe or terminal behind a HANDLE */
struct file_object {
    struct object obj;
    int fd;
    DWORD access;
    DWORD flags;          /* FILE_FLAG_* given at creation */
    DWORD type;           /* FILE_TYPE_DISK, _CHAR, _PIPE */
    int console;          /* a terminal: console functions work on it */
    char *unix_path;      /* for GetFinalPathNameByHandle, delete-on-close */
};
CARAFE_API HANDLE carafe_file_handle_from_fd(int fd, DWORD access, DWORD flags);
CARAFE_API struct file_object *carafe_get_file(HANDLE h);   /* reference; sets ERROR_INVALID_HANDLE */
CARAFE_API int carafe_handle_fd(HANDLE h);                  /* -1 if not a file */

/* ---- UTF-16 ---- */
CARAFE_API size_t carafe_wcslen(const WCHAR *s);
CARAFE_API int carafe_wcsicmp(const WCHAR *a, const WCHAR *b);
CARAFE_API WCHAR *carafe_wcsdup(const WCHAR *s);
/* UTF-8 <-> UTF-16; lengths in units, -1 = NUL-terminated (terminator converted too).
 * Return the units needed/written. Invalid input becomes U+FFFD. */
CARAFE_API int carafe_utf8_to_utf16(const char *src, int srclen, WCHAR *dst, int dstlen);
CARAFE_API int carafe_utf16_to_utf8(const WCHAR *src, int srclen, char *dst, int dstlen);
CARAFE_API WCHAR *carafe_utf8_to_wide_alloc(const char *s);   /* malloc'd */
CARAFE_API char *carafe_wide_to_utf8_alloc(const WCHAR *s);   /* malloc'd */

/* ---- paths (drive mapping, case-insensitive lookup) ---- */
CARAFE_API const char *carafe_prefix(void);
/* The user's name: C:\users\NAME is the profile (USERPROFILE), USERNAME. */
CARAFE_API const char *carafe_user_name(void);
/* A program shipped with carafe (cmd.exe) by base name, with or without
 * ".exe": malloc'd Unix path of the build's copy, or NULL.  The prefix
 * links each one into C:\windows\system32 (prefix.c). */
CARAFE_API char *carafe_builtin_program(const char *name);
/* Windows path -> malloc'd Unix path; NULL with last error set on failure.
 * Components that exist under another case are found; the rest are kept. */
CARAFE_API char *carafe_dos_to_unix(const WCHAR *path);
/* Unix path -> malloc'd Windows path (C:\ inside drive_c, Z:\ elsewhere). */
CARAFE_API WCHAR *carafe_unix_to_dos(const char *path);

/* ---- modules ---- */
struct carafe_module;
CARAFE_API HMODULE carafe_load_library(const WCHAR *name, DWORD flags);   /* NULL + last error */
CARAFE_API BOOL carafe_free_library(HMODULE mod);
CARAFE_API HMODULE carafe_find_module(const WCHAR *name);   /* loaded only, no ref */
CARAFE_API void *carafe_get_proc_address(HMODULE mod, const char *name); /* name or MAKEINTRESOURCE ordinal */
CARAFE_API HMODULE carafe_module_from_address(const void *addr);
CARAFE_API const WCHAR *carafe_module_path(HMODULE mod);    /* Windows path */
CARAFE_API HMODULE carafe_exe_module(void);
/* one more reference (pin: never unloaded); FALSE + last error if not loaded */
CARAFE_API BOOL carafe_module_addref(HMODULE mod, BOOL pin);
/* loaded modules in load order, the exe first; returns how many there are */
CARAFE_API DWORD carafe_enum_modules(HMODULE *out, DWORD max);
CARAFE_API BOOL carafe_module_info(HMODULE mod, void **base, DWORD *size, void **entry);
/* mapping of a module or LoadLibraryEx data-file handle (NULL: the exe); flat: raw file layout */
CARAFE_API BOOL carafe_image_extent(HMODULE mod, void **base, SIZE_T *size, BOOL *flat);
/* the DLL search path: SetDllDirectory, AddDllDirectory, SetDefaultDllDirectories */
CARAFE_API BOOL carafe_set_dll_directory(const WCHAR *dir);   /* NULL: back to the default */
CARAFE_API DWORD carafe_get_dll_directory(WCHAR *buf, DWORD size);
CARAFE_API void *carafe_add_dll_directory(const WCHAR *dir);
CARAFE_API BOOL carafe_remove_dll_directory(void *cookie);
CARAFE_API BOOL carafe_set_default_dll_directories(DWORD flags);
/* "prog.exe+0x1234" for an address, for messages */
CARAFE_API void carafe_describe_address(const void *addr, char *buf, size_t size);

/* ---- process ---- */
CARAFE_API __attribute__((noreturn)) void carafe_exit_process(UINT code);
CARAFE_API void carafe_set_unhandled_filter(void *filter);   /* LPTOP_LEVEL_EXCEPTION_FILTER */
CARAFE_API void *carafe_get_unhandled_filter(void);
CARAFE_API __attribute__((noreturn)) void carafe_raise_unhandled(DWORD code, DWORD flags, const void *addr,
                                                                 int nparams, const ULONG_PTR *params);
CARAFE_API void carafe_register_exit_hook(void (*fn)(void));  /* flushes before _exit (msvcrt) */
/* NtWaitForSingleObject's work, done by kernel32 (which owns waitable objects) */
typedef NTSTATUS (*carafe_wait_service)(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout);
CARAFE_API void carafe_set_wait_service(carafe_wait_service fn);

/* ---- threads (thread.c): the Linux side of a Windows thread ----
 * carafe_thread_create starts a pthread on a stack of STACK_SIZE bytes
 * (guard page below), gives it a TEB (gs base), an alternate signal stack
 * and a static TLS block per module, then calls ENTRY(ARG) on it.  It
 * returns the new thread's id once the TEB is in place, or 0 with the last
 * error set.  ENTRY runs host-ABI code; it calls carafe_thread_attach_dlls
 * before the first Windows code and ends with carafe_thread_exit. */
typedef void (*carafe_thread_entry)(void *arg);
CARAFE_API DWORD carafe_thread_create(carafe_thread_entry entry, void *arg, SIZE_T stack_size);
CARAFE_API void carafe_thread_attach_dlls(void);   /* TLS callbacks, DllMain(DLL_THREAD_ATTACH) */
CARAFE_API void carafe_thread_detach_dlls(void);   /* DllMain(DLL_THREAD_DETACH), TLS callbacks */
/* Leave the current thread: its TEB, TLS blocks and signal stack go away.
 * On the main thread (not made by carafe_thread_create) only the Linux
 * thread ends; the process goes on with the others. */
CARAFE_API __attribute__((noreturn)) void carafe_thread_exit(void);
CARAFE_API SIZE_T carafe_default_stack_size(void);    /* the exe's SizeOfStackReserve */
CARAFE_API BOOL carafe_disable_thread_calls(HMODULE mod);

#endif
