/* Dynamic loading: the DLL search order (application directory, system
 * directory, PATH, SetDllDirectory, AddDllDirectory, LOAD_LIBRARY_SEARCH_*),
 * reference counts and unloading (FreeLibrary, GetModuleHandleEx), DllMain
 * re-entering the loader, data-file loads and the K32* module functions.
 * The test DLLs are built beside this program; sys/ and pathdir/ hold
 * copies that only the search order may find. */
#include <windows.h>
#include <psapi.h>
#include <string.h>
#include "test.h"

__declspec(dllimport) void dep_record(const char *event);
__declspec(dllimport) const char *dep_log(void);

static char app_dir[MAX_PATH], sys_dir[MAX_PATH];

static int count_of(const char *event)
{
    int n = 0;
    size_t len = strlen(event);
    for (const char *p = dep_log(); (p = strstr(p, event)); p += len)
        if ((p == dep_log() || p[-1] == ' ') && (!p[len] || p[len] == ' ')) n++;
    return n;
}

static void event_order(const char *first, const char *second)
{
    const char *log = dep_log(), *a = strstr(log, first), *b = strstr(log, second);
    ok(a && b && a < b, "\"%s\" should come before \"%s\" in \"%s\"", first, second, log);
}

static const char *where_of(HMODULE h)
{
    const char *(*fn)(void) = h ? (void *)GetProcAddress(h, "where") : NULL;
    return fn ? fn() : "(none)";
}

static void path_of(char *buf, const char *dir, const char *name)
{
    strcpy(buf, dir);
    strcat(buf, "\\");
    strcat(buf, name);
}

static void test_search_order(void)
{
    char src[MAX_PATH], dst[MAX_PATH], buf[MAX_PATH];
    HMODULE h, h2;

    path_of(src, app_dir, "sys\\ldrsrch.dll");
    path_of(dst, sys_dir, "ldrsrch.dll");
    ok(CopyFileA(src, dst, FALSE), "CopyFileA(%s, %s): %lu", src, dst, GetLastError());
    path_of(src, app_dir, "sys\\ldrsys.dll");
    path_of(dst, sys_dir, "ldrsys.dll");
    ok(CopyFileA(src, dst, FALSE), "CopyFileA(%s, %s): %lu", src, dst, GetLastError());

    /* the application directory comes before the system directory */
    h = LoadLibraryA("ldrsrch.dll");
    ok(h && !strcmp(where_of(h), "app"), "ldrsrch.dll came from %s", where_of(h));
    GetModuleFileNameA(h, buf, sizeof(buf));
    path_of(src, app_dir, "ldrsrch.dll");
    ok(!_stricmp(buf, src), "GetModuleFileName(ldrsrch) is %s, not %s", buf, src);
    /* an explicit path loads exactly that file, even under a loaded name */
    path_of(src, app_dir, "sys\\ldrsrch");
    h2 = LoadLibraryA(src);
    ok(h2 && h2 != h && !strcmp(where_of(h2), "sys"), "LoadLibraryA(%s): %p from %s", src, h2, where_of(h2));
    ok(FreeLibrary(h2), "FreeLibrary(sys copy)");
    ok(FreeLibrary(h), "FreeLibrary(ldrsrch)");
    ok(GetModuleHandleA("ldrsrch.dll") == NULL, "ldrsrch.dll is still loaded");

    /* LOAD_LIBRARY_SEARCH_SYSTEM32 skips the application directory */
    h = LoadLibraryExA("ldrsrch.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    ok(h && !strcmp(where_of(h), "sys"), "SEARCH_SYSTEM32: ldrsrch.dll came from %s", where_of(h));
    if (h) FreeLibrary(h);
    h = LoadLibraryExA("ldrsrch.dll", NULL, LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
    ok(h && !strcmp(where_of(h), "app"), "SEARCH_APPLICATION_DIR: ldrsrch.dll came from %s", where_of(h));
    if (h) FreeLibrary(h);

    /* only in the system directory; no extension means ".dll" */
    h = LoadLibraryA("ldrsys");
    ok(h && !strcmp(where_of(h), "sys"), "ldrsys came from %s (error %lu)", where_of(h), GetLastError());
    GetModuleFileNameA(h, buf, sizeof(buf));
    path_of(dst, sys_dir, "ldrsys.dll");
    ok(!_stricmp(buf, dst), "GetModuleFileName(ldrsys) is %s, not %s", buf, dst);
    ok(GetModuleHandleA("LDRSYS.DLL") == h, "GetModuleHandle(LDRSYS.DLL)");
    if (h) FreeLibrary(h);
    SetLastError(0xdeadbeef);
    h = LoadLibraryExA("ldrsys.dll", NULL, LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
    ok(!h && GetLastError() == ERROR_MOD_NOT_FOUND, "SEARCH_APPLICATION_DIR found ldrsys: %p %lu", h, GetLastError());

    /* only on PATH */
    SetLastError(0xdeadbeef);
    ok(LoadLibraryA("ldrpath.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "ldrpath.dll found before PATH had it: %lu", GetLastError());
    char *old = malloc(32768), *val = malloc(32768 + MAX_PATH);
    DWORD n = GetEnvironmentVariableA("PATH", old, 32768);
    path_of(val, app_dir, "pathdir;");
    if (n && n < 32768) strcat(val, old);
    ok(SetEnvironmentVariableA("PATH", val), "SetEnvironmentVariableA(PATH)");
    h = LoadLibraryA("ldrpath.dll");
    ok(h && !strcmp(where_of(h), "path"), "ldrpath.dll from PATH: %s (error %lu)", where_of(h), GetLastError());
    if (h) FreeLibrary(h);
    SetEnvironmentVariableA("PATH", n && n < 32768 ? old : NULL);
    free(old);
    free(val);

    /* SetDllDirectory adds a directory after the application's */
    path_of(buf, app_dir, "pathdir");
    ok(SetDllDirectoryA(buf), "SetDllDirectoryA");
    char got[MAX_PATH] = "";
    n = GetDllDirectoryA(sizeof(got), got);
    ok(n == strlen(buf) && !strcmp(got, buf), "GetDllDirectoryA: %lu %s", n, got);
    h = LoadLibraryA("ldrpath.dll");
    ok(h && !strcmp(where_of(h), "path"), "ldrpath.dll from SetDllDirectory: %s", where_of(h));
    if (h) FreeLibrary(h);
    ok(SetDllDirectoryA(NULL), "SetDllDirectoryA(NULL)");
    n = GetDllDirectoryA(sizeof(got), got);
    ok(n == 0, "GetDllDirectoryA after reset: %lu", n);
    ok(LoadLibraryA("ldrpath.dll") == NULL, "ldrpath.dll found after SetDllDirectory(NULL)");

    /* AddDllDirectory is searched with LOAD_LIBRARY_SEARCH_USER_DIRS only */
    WCHAR wbuf[MAX_PATH];
    MultiByteToWideChar(CP_ACP, 0, buf, -1, wbuf, MAX_PATH);
    DLL_DIRECTORY_COOKIE cookie = AddDllDirectory(wbuf);
    ok(cookie != NULL, "AddDllDirectory: %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(AddDllDirectory(L"relative\\dir") == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "AddDllDirectory(relative): %lu", GetLastError());
    ok(LoadLibraryA("ldrpath.dll") == NULL, "an AddDllDirectory directory is not in the standard order");
    h = LoadLibraryExA("ldrpath.dll", NULL, LOAD_LIBRARY_SEARCH_USER_DIRS);
    ok(h && !strcmp(where_of(h), "path"), "SEARCH_USER_DIRS: %s (error %lu)", where_of(h), GetLastError());
    if (h) FreeLibrary(h);
    h = LoadLibraryExA("ldrpath.dll", NULL, LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
    ok(h && !strcmp(where_of(h), "path"), "SEARCH_DEFAULT_DIRS: %s (error %lu)", where_of(h), GetLastError());
    if (h) FreeLibrary(h);
    ok(cookie && RemoveDllDirectory(cookie), "RemoveDllDirectory");
    ok(LoadLibraryExA("ldrpath.dll", NULL, LOAD_LIBRARY_SEARCH_USER_DIRS) == NULL, "found after RemoveDllDirectory");

    path_of(dst, sys_dir, "ldrsrch.dll");
    ok(DeleteFileA(dst), "DeleteFileA(%s): %lu", dst, GetLastError());
    path_of(dst, sys_dir, "ldrsys.dll");
    ok(DeleteFileA(dst), "DeleteFileA(%s): %lu", dst, GetLastError());
}

static void test_refcount(void)
{
    HMODULE h1 = LoadLibraryA("ldrref.dll"), h2 = LoadLibraryA("LDRREF"), h3, hx;
    ok(h1 != NULL && h2 == h1, "LoadLibrary twice: %p %p", h1, h2);
    if (!h1) return;
    int (*bump)(void) = (void *)GetProcAddress(h1, "ref_bump");
    ok(bump && bump() == 6 && bump() == 7, "ref_bump");
    ok(count_of("ref+") == 1, "DllMain attached %d times: %s", count_of("ref+"), dep_log());
    ok(FreeLibrary(h1), "first FreeLibrary");
    ok(GetModuleHandleA("ldrref.dll") == h1, "unloaded after the first FreeLibrary");
    ok(count_of("ref-") == 0, "detached after the first FreeLibrary: %s", dep_log());
    ok(FreeLibrary(h2), "second FreeLibrary");
    ok(count_of("ref-") == 1, "DLL_PROCESS_DETACH %d times: %s", count_of("ref-"), dep_log());
    ok(count_of("ref+static") == 0 && count_of("ref-exit") == 0, "lpReserved should be NULL: %s", dep_log());
    SetLastError(0xdeadbeef);
    ok(GetModuleHandleA("ldrref.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "still loaded after the last FreeLibrary: %lu", GetLastError());

    /* loaded again: attached again, with fresh data */
    h3 = LoadLibraryA("ldrref.dll");
    ok(h3 != NULL && count_of("ref+") == 2, "loaded again: %p %s", h3, dep_log());
    bump = h3 ? (void *)GetProcAddress(h3, "ref_bump") : NULL;
    ok(bump && bump() == 6, "the data of the reloaded DLL is not fresh");

    /* GetModuleHandleEx adds a reference unless told not to */
    hx = NULL;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, "ldrref.dll", &hx) && hx == h3, "UNCHANGED_REFCOUNT");
    hx = NULL;
    ok(GetModuleHandleExA(0, "ldrref.dll", &hx) && hx == h3, "GetModuleHandleExA(0)");
    ok(FreeLibrary(h3), "FreeLibrary");
    ok(GetModuleHandleA("ldrref.dll") == h3 && count_of("ref-") == 1, "GetModuleHandleEx took no reference");
    ok(FreeLibrary(hx), "FreeLibrary of the GetModuleHandleEx reference");
    ok(GetModuleHandleA("ldrref.dll") == NULL && count_of("ref-") == 2, "not unloaded: %s", dep_log());

    /* a static import of the exe stays */
    HMODULE dep = GetModuleHandleA("ldrdep.dll");
    ok(LoadLibraryA("ldrdep.dll") == dep, "LoadLibrary(ldrdep)");
    ok(FreeLibrary(dep), "FreeLibrary(ldrdep)");
    ok(GetModuleHandleA("ldrdep.dll") == dep, "a static import was unloaded");
}

static void test_dependencies(void)
{
    HMODULE h = LoadLibraryA("ldrchain.dll");
    ok(h != NULL, "LoadLibrary(ldrchain): %lu", GetLastError());
    if (!h) return;
    ok(GetModuleHandleA("ldrleaf.dll") != NULL, "ldrleaf.dll not loaded with ldrchain.dll");
    int (*value)(void) = (void *)GetProcAddress(h, "chain_value");
    ok(value && value() == 18, "chain_value");
    event_order("leaf+", "chain+");
    ok(FreeLibrary(h), "FreeLibrary(ldrchain)");
    ok(GetModuleHandleA("ldrchain.dll") == NULL, "ldrchain.dll still loaded");
    ok(GetModuleHandleA("ldrleaf.dll") == NULL, "ldrleaf.dll still loaded");
    event_order("chain-", "leaf-");

    /* DONT_RESOLVE_DLL_REFERENCES: no imports, no DllMain */
    int chains = count_of("chain+");
    h = LoadLibraryExA("ldrchain.dll", NULL, DONT_RESOLVE_DLL_REFERENCES);
    ok(h != NULL, "DONT_RESOLVE_DLL_REFERENCES: %lu", GetLastError());
    ok(count_of("chain+") == chains, "DllMain ran: %s", dep_log());
    ok(GetModuleHandleA("ldrleaf.dll") == NULL, "the imports were loaded");
    ok(h && GetProcAddress(h, "chain_value") != NULL, "GetProcAddress(chain_value)");
    if (h) ok(FreeLibrary(h), "FreeLibrary");
    ok(GetModuleHandleA("ldrchain.dll") == NULL, "ldrchain.dll still loaded");
}

static void test_nested(void)
{
    HMODULE h = LoadLibraryA("ldrnest.dll");
    ok(h != NULL, "LoadLibrary(ldrnest): %lu", GetLastError());
    if (!h) return;
    int (*result)(void) = (void *)GetProcAddress(h, "nest_leaf_result");
    HMODULE (*leaf)(void) = (void *)GetProcAddress(h, "nest_leaf_module");
    ok(result && result() == 17, "DllMain could not use LoadLibrary/GetProcAddress/GetModuleHandle");
    ok(leaf && leaf() && leaf() == GetModuleHandleA("ldrleaf.dll"), "ldrleaf.dll");
    const char *nest = strstr(dep_log(), "nest+");
    ok(nest && strstr(nest, "leaf+"), "ldrnest's DllMain should load ldrleaf: %s", dep_log());
    ok(FreeLibrary(h), "FreeLibrary(ldrnest)");
    ok(GetModuleHandleA("ldrnest.dll") == NULL && GetModuleHandleA("ldrleaf.dll") == NULL, "not unloaded");
    const char *last = dep_log(), *p;
    while ((p = strstr(last + 1, "nest-"))) last = p;
    ok(strstr(last, "leaf-") != NULL, "ldrnest's DllMain should free ldrleaf: %s", dep_log());
}

/* the RCDATA resource 101 of a mapped image, found by hand; FLAT: laid out
 * as on disk (a data file), else as an image */
static const char *find_rcdata(const BYTE *base, int flat)
{
    const IMAGE_NT_HEADERS64 *nt = (const void *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    DWORD rva = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress, off = rva;
    if (!rva) return NULL;
    for (int i = 0; flat && i < nt->FileHeader.NumberOfSections; i++)
        if (rva >= sec[i].VirtualAddress && rva < sec[i].VirtualAddress + sec[i].Misc.VirtualSize)
            off = rva - sec[i].VirtualAddress + sec[i].PointerToRawData;
    const BYTE *root = base + off;
    const IMAGE_RESOURCE_DIRECTORY *dir = (const void *)root;
    WORD want[2] = { 10, 101 };
    for (int level = 0; level < 3; level++) {
        const IMAGE_RESOURCE_DIRECTORY_ENTRY *e = (const void *)(dir + 1), *found = NULL;
        for (int i = 0; i < dir->NumberOfNamedEntries + dir->NumberOfIdEntries; i++)
            if (level == 2 || (!e[i].NameIsString && e[i].Id == want[level])) { found = &e[i]; break; }
        if (!found) return NULL;
        if (level == 2) {
            const IMAGE_RESOURCE_DATA_ENTRY *data = (const void *)(root + found->OffsetToData);
            return (const char *)base + data->OffsetToData - rva + off;
        }
        dir = (const void *)(root + found->OffsetToDirectory);
    }
    return NULL;
}

static void test_datafile(void)
{
    int attached = count_of("res+");
    HMODULE h = LoadLibraryExA("ldrres.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    ok(h != NULL, "AS_DATAFILE: %lu", GetLastError());
    if (!h) return;
    ok(((ULONG_PTR)h & 3) == 1, "AS_DATAFILE handle %p", h);
    ok(count_of("res+") == attached, "DllMain ran: %s", dep_log());
    ok(GetModuleHandleA("ldrres.dll") == NULL, "a data file is not a module");
    ok(GetProcAddress(h, "res_value") == NULL, "GetProcAddress on a data file");
    const BYTE *base = (const BYTE *)((ULONG_PTR)h & ~(ULONG_PTR)3);
    ok(((const IMAGE_DOS_HEADER *)base)->e_magic == IMAGE_DOS_SIGNATURE, "no MZ header");
    const char *res = find_rcdata(base, 1);
    ok(res && !strcmp(res, "carafe-resource"), "resource of the data file: %s", res ? res : "(none)");
    ok(FreeLibrary(h), "FreeLibrary(data file)");

    h = LoadLibraryExA("ldrres.dll", NULL, LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE);
    ok(h && ((ULONG_PTR)h & 3) == 1, "AS_DATAFILE_EXCLUSIVE handle %p", h);
    if (h) ok(FreeLibrary(h), "FreeLibrary(exclusive data file)");

    h = LoadLibraryExA("ldrres.dll", NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    ok(h && ((ULONG_PTR)h & 3) == 2, "AS_IMAGE_RESOURCE handle %p", h);
    if (h) {
        base = (const BYTE *)((ULONG_PTR)h & ~(ULONG_PTR)3);
        res = find_rcdata(base, 0);
        ok(res && !strcmp(res, "carafe-resource"), "resource of the image: %s", res ? res : "(none)");
        ok(GetProcAddress(h, "res_value") == NULL, "GetProcAddress on an image resource");
        ok(FreeLibrary(h), "FreeLibrary(image resource)");
    }
    ok(count_of("res+") == attached, "DllMain ran: %s", dep_log());

    /* and then as a module */
    h = LoadLibraryA("ldrres.dll");
    ok(h && !((ULONG_PTR)h & 3) && count_of("res+") == attached + 1, "LoadLibrary(ldrres) %p", h);
    if (h) FreeLibrary(h);
}

static void test_module_handle_ex(void)
{
    HMODULE h = (HMODULE)0xdead, k32 = GetModuleHandleA("kernel32.dll");
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, NULL, &h) &&
       h == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "PIN | UNCHANGED_REFCOUNT: %p %lu", h, GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(0, "kernel32.dll", NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "NULL handle pointer: %lu", GetLastError());
    h = (HMODULE)0xdead;
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(0x8, "kernel32.dll", &h) && GetLastError() == ERROR_INVALID_PARAMETER,
       "unknown flag: %lu", GetLastError());
    h = (HMODULE)0xdead;
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(0, "not_loaded_here.dll", &h) && h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "not loaded: %p %lu", h, GetLastError());
    ok(GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, NULL, &h) && h == GetModuleHandleA(NULL),
       "NULL name is the exe");

    /* an address inside kernel32's code (carafe: the ELF object) */
    extern void *__imp_GetCurrentProcessId;
    h = NULL;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCSTR)__imp_GetCurrentProcessId, &h) &&
       (h == k32 || h == GetModuleHandleA("kernelbase.dll")), "FROM_ADDRESS(GetCurrentProcessId): %p", h);
    void *heap = HeapAlloc(GetProcessHeap(), 0, 64);
    h = (HMODULE)0xdead;
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, heap, &h) && h == NULL &&
       GetLastError() == ERROR_MOD_NOT_FOUND, "FROM_ADDRESS(heap): %p %lu", h, GetLastError());
    HeapFree(GetProcessHeap(), 0, heap);

    /* FROM_ADDRESS takes a reference too; PIN keeps the DLL for good */
    HMODULE pin = LoadLibraryA("ldrpin.dll"), from = NULL;
    ok(pin != NULL, "LoadLibrary(ldrpin)");
    if (!pin) return;
    const char *(*fn)(void) = (void *)GetProcAddress(pin, "where");
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)fn, &from) && from == pin, "FROM_ADDRESS(where)");
    ok(FreeLibrary(pin), "FreeLibrary");
    ok(GetModuleHandleA("ldrpin.dll") == pin, "FROM_ADDRESS took no reference");
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN, "ldrpin.dll", &h) && h == pin, "PIN");
    ok(FreeLibrary(pin), "FreeLibrary after PIN");
    ok(GetModuleHandleA("ldrpin.dll") == pin && !strcmp(fn(), "pin"), "a pinned DLL was unloaded");
}

static void test_psapi(void)
{
    HMODULE mods[256], exe = GetModuleHandleA(NULL), dep = GetModuleHandleA("ldrdep.dll");
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    DWORD needed = 0;
    char buf[MAX_PATH];
    ok(K32EnumProcessModules(GetCurrentProcess(), mods, sizeof(mods), &needed), "K32EnumProcessModules: %lu", GetLastError());
    ok(needed >= 4 * sizeof(HMODULE) && needed % sizeof(HMODULE) == 0 && needed <= sizeof(mods), "needed %lu", needed);
    ok(mods[0] == exe, "the first module is %p, not the exe %p", mods[0], exe);
    int seen_dep = 0, seen_k32 = 0, seen_ref = 0;
    for (DWORD i = 0; i < needed / sizeof(HMODULE) && i < 256; i++) {
        seen_dep |= mods[i] == dep;
        seen_k32 |= mods[i] == k32;
        K32GetModuleBaseNameA(GetCurrentProcess(), mods[i], buf, sizeof(buf));
        seen_ref |= !_stricmp(buf, "ldrref.dll");
    }
    ok(seen_dep && seen_k32, "ldrdep %d, kernel32 %d", seen_dep, seen_k32);
    ok(!seen_ref, "an unloaded DLL is listed");
    DWORD needed2 = 0;
    ok(K32EnumProcessModules(GetCurrentProcess(), NULL, 0, &needed2) && needed2 == needed, "size query: %lu", needed2);

    DWORD n = K32GetModuleBaseNameA(GetCurrentProcess(), NULL, buf, sizeof(buf));
    ok(n == strlen(buf) && !_stricmp(buf, "dynload.exe"), "K32GetModuleBaseNameA(NULL): %lu %s", n, buf);
    n = K32GetModuleBaseNameA(GetCurrentProcess(), k32, buf, sizeof(buf));
    ok(n == 12 && !_stricmp(buf, "kernel32.dll"), "K32GetModuleBaseNameA(kernel32): %lu %s", n, buf);
    WCHAR wbuf[MAX_PATH];
    n = K32GetModuleBaseNameW(GetCurrentProcess(), dep, wbuf, MAX_PATH);
    ok(n == 10 && !_wcsicmp(wbuf, L"ldrdep.dll"), "K32GetModuleBaseNameW(ldrdep): %lu", n);
    n = K32GetModuleFileNameExA(GetCurrentProcess(), dep, buf, sizeof(buf));
    char want[MAX_PATH];
    path_of(want, app_dir, "ldrdep.dll");
    ok(n == strlen(buf) && !_stricmp(buf, want), "K32GetModuleFileNameExA(ldrdep): %s", buf);
    n = K32GetModuleFileNameExW(GetCurrentProcess(), k32, wbuf, MAX_PATH);
    ok(n == 32 && !_wcsicmp(wbuf, L"C:\\windows\\system32\\kernel32.dll"), "K32GetModuleFileNameExW(kernel32): %lu", n);

    MODULEINFO mi;
    memset(&mi, 0xcc, sizeof(mi));
    ok(K32GetModuleInformation(GetCurrentProcess(), dep, &mi, sizeof(mi)), "K32GetModuleInformation");
    IMAGE_NT_HEADERS64 *nt = (void *)((BYTE *)dep + ((IMAGE_DOS_HEADER *)dep)->e_lfanew);
    ok(mi.lpBaseOfDll == dep && mi.SizeOfImage == nt->OptionalHeader.SizeOfImage &&
       mi.EntryPoint == (BYTE *)dep + nt->OptionalHeader.AddressOfEntryPoint, "MODULEINFO of ldrdep");
    SetLastError(0xdeadbeef);
    ok(!K32GetModuleInformation(GetCurrentProcess(), dep, &mi, sizeof(mi) - 1) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "small MODULEINFO: %lu", GetLastError());

    /* psapi.dll's names reach the same functions */
    HMODULE psapi = LoadLibraryA("psapi.dll");
    ok(psapi != NULL, "LoadLibrary(psapi.dll)");
    BOOL (WINAPI *enum_modules)(HANDLE, HMODULE *, DWORD, DWORD *) =
        psapi ? (void *)GetProcAddress(psapi, "EnumProcessModules") : NULL;
    ok(enum_modules != NULL, "psapi.EnumProcessModules");
    mods[0] = NULL;
    if (enum_modules) ok(enum_modules(GetCurrentProcess(), mods, sizeof(mods), &needed) && mods[0] == exe, "EnumProcessModules");
    if (psapi) FreeLibrary(psapi);
}

static DWORD WINAPI free_and_exit(void *arg)
{
    FreeLibraryAndExitThread(arg, 42);
}

static void test_free_and_exit_thread(void)
{
    HMODULE h = LoadLibraryA("ldrref.dll");
    int detached = count_of("ref-");
    ok(h != NULL, "LoadLibrary(ldrref)");
    if (!h) return;
    HANDLE t = CreateThread(NULL, 0, free_and_exit, h, 0, NULL);
    DWORD code = 0;
    ok(t && WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "the thread did not end");
    ok(t && GetExitCodeThread(t, &code) && code == 42, "exit code %lu", code);
    if (t) CloseHandle(t);
    ok(GetModuleHandleA("ldrref.dll") == NULL && count_of("ref-") == detached + 1, "not freed: %s", dep_log());
}

int main(void)
{
    char *slash;
    GetModuleFileNameA(NULL, app_dir, sizeof(app_dir));
    if ((slash = strrchr(app_dir, '\\'))) *slash = 0;
    GetSystemDirectoryA(sys_dir, sizeof(sys_dir));
    test_refcount();
    test_dependencies();
    test_nested();
    test_datafile();
    test_module_handle_ex();
    test_search_order();
    test_psapi();
    test_free_and_exit_thread();
    return test_summary();
}
