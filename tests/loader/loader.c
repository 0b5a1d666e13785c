/* Loader conformance: imports by name, by ordinal and of data; forwarders;
 * DllMain order; TLS callbacks and static TLS; relocation; LoadLibrary and
 * GetProcAddress; module handles and names; PEB->Ldr lists; export
 * directories read by hand; delay-load imports; API set names.
 * The ldr*.dll test DLLs are built beside this program. */
#include <windows.h>
#include <string.h>
#include "test.h"

/* ldrdep.dll: by name, by ordinal only (NONAME) and data */
__declspec(dllimport) void dep_record(const char *event);
__declspec(dllimport) const char *dep_log(void);
__declspec(dllimport) int dep_add(int a, int b);
__declspec(dllimport) int dep_secret(void);
__declspec(dllimport) int dep_attach_calls(void);
__declspec(dllimport) int dep_value;
/* ldruser.dll imports ldrdep.dll */
__declspec(dllimport) int user_twice(int a);
/* ldrfwd.dll: imports of forwarded exports */
__declspec(dllimport) int fwd_add(int a, int b);
__declspec(dllimport) DWORD WINAPI FwdGetCurrentProcessId(void);
__declspec(dllimport) int fwd_own(void);
/* ldrtls.dll */
__declspec(dllimport) DWORD tls_callback_reason(void);
/* ldrreloc.dll, linked at this program's own base */
__declspec(dllimport) int reloc_check(void);
__declspec(dllimport) void *reloc_value_address(void);
/* ldrdelay.dll: delay-loaded */
__declspec(dllimport) int delay_triple(int a);

/* ---- the exe's own TLS: a callback and a static TLS variable ---- */

static DWORD exe_callback_reason;
static int exe_callback_before_main = -1;
static int main_started;
static char log_at_exe_callback[1024];

static void WINAPI exe_tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    if (reason != DLL_PROCESS_ATTACH) return;
    exe_callback_reason = reason;
    exe_callback_before_main = !main_started;
    strncpy(log_at_exe_callback, dep_log(), sizeof(log_at_exe_callback) - 1);
    dep_record("exetls");
}

__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK exe_callback = exe_tls_callback;

/* in the TLS template, between the CRT's .tls and .tls$ZZZ markers */
__attribute__((section(".tls$BBB"), used)) int exe_tls_var = 0x600df00d;

/* ---- PE helpers ---- */

static IMAGE_NT_HEADERS64 *nt_of(HMODULE mod)
{
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)mod;
    return (IMAGE_NT_HEADERS64 *)((char *)mod + dos->e_lfanew);
}

static IMAGE_DATA_DIRECTORY *dir_of(HMODULE mod, int i)
{
    return &nt_of(mod)->OptionalHeader.DataDirectory[i];
}

/* GetProcAddress by hand: the export directory, names sorted; forwarders
 * are reported as NULL with *forward set */
static void *find_export(HMODULE mod, const char *name, const char **forward)
{
    IMAGE_DATA_DIRECTORY *d = dir_of(mod, IMAGE_DIRECTORY_ENTRY_EXPORT);
    IMAGE_EXPORT_DIRECTORY *exp = (void *)((char *)mod + d->VirtualAddress);
    DWORD *names = (DWORD *)((char *)mod + exp->AddressOfNames);
    WORD *ords = (WORD *)((char *)mod + exp->AddressOfNameOrdinals);
    DWORD *funcs = (DWORD *)((char *)mod + exp->AddressOfFunctions);
    *forward = NULL;
    for (DWORD i = 0; i < exp->NumberOfNames; i++) {
        if (strcmp((char *)mod + names[i], name)) continue;
        DWORD rva = funcs[ords[i]];
        if (rva >= d->VirtualAddress && rva < d->VirtualAddress + d->Size) {
            *forward = (char *)mod + rva;
            return NULL;
        }
        return (char *)mod + rva;
    }
    return NULL;
}

static int ends_with_nocase(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !_stricmp(s + a - b, tail);
}

static void event_order(const char *first, const char *second)
{
    const char *log = dep_log(), *a = strstr(log, first), *b = strstr(log, second);
    ok(a && b && a < b, "\"%s\" should come before \"%s\" in \"%s\"", first, second, log);
}

/* ---- tests ---- */

static void test_static_imports(void)
{
    HMODULE exe = GetModuleHandleA(NULL);
    ok(dep_add(2, 3) == 5, "dep_add");
    ok(dep_secret() == 0x5ec7e7, "dep_secret (imported by ordinal) gave %x", dep_secret());
    ok(dep_value == 1234, "dep_value (data import) is %d", dep_value);
    ok(user_twice(21) == 42, "user_twice");
    ok(dep_attach_calls() == 1, "ldrdep's DllMain attached %d times", dep_attach_calls());

    /* make sure dep_secret really is imported by ordinal */
    IMAGE_DATA_DIRECTORY *d = dir_of(exe, IMAGE_DIRECTORY_ENTRY_IMPORT);
    IMAGE_IMPORT_DESCRIPTOR *imp = (void *)((char *)exe + d->VirtualAddress);
    int by_ordinal = 0, found = 0;
    for (; imp->Name; imp++) {
        if (_stricmp((char *)exe + imp->Name, "ldrdep.dll")) continue;
        found = 1;
        ULONGLONG *thunk = (void *)((char *)exe + imp->OriginalFirstThunk);
        for (; *thunk; thunk++)
            if ((*thunk & IMAGE_ORDINAL_FLAG64) && (WORD)*thunk == 9) by_ordinal = 1;
    }
    ok(found, "no import descriptor for ldrdep.dll");
    ok(by_ordinal, "dep_secret is not imported by ordinal 9");
}

static void test_forwarders(void)
{
    HMODULE fwd = GetModuleHandleA("ldrfwd.dll"), dep = GetModuleHandleA("ldrdep.dll");
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    ok(fwd != NULL, "ldrfwd.dll is not loaded");
    ok(fwd_own() == 77, "fwd_own");
    ok(fwd_add(40, 2) == 42, "fwd_add (forwarded to ldrdep.dep_add)");
    ok(FwdGetCurrentProcessId() == GetCurrentProcessId(), "FwdGetCurrentProcessId");
    if (!fwd) return;
    void *p = GetProcAddress(fwd, "fwd_add");
    ok(p != NULL && p == GetProcAddress(dep, "dep_add"), "fwd_add resolves to %p, dep_add is %p", p, GetProcAddress(dep, "dep_add"));
    p = GetProcAddress(fwd, "fwd_secret");
    ok(p != NULL && p == GetProcAddress(dep, (LPCSTR)9), "fwd_secret (forwarded to ldrdep.#9) gave %p", p);
    if (p) ok(((int (*)(void))p)() == 0x5ec7e7, "fwd_secret call");
    p = GetProcAddress(fwd, "FwdHeapAlloc");
    ok(p != NULL && p == GetProcAddress(k32, "HeapAlloc"), "FwdHeapAlloc gave %p, HeapAlloc is %p", p, GetProcAddress(k32, "HeapAlloc"));
    if (p) {
        void *mem = ((LPVOID (WINAPI *)(HANDLE, DWORD, SIZE_T))p)(GetProcessHeap(), HEAP_ZERO_MEMORY, 64);
        ok(mem != NULL && ((char *)mem)[63] == 0, "FwdHeapAlloc call");
        if (mem) HeapFree(GetProcessHeap(), 0, mem);
    }
    p = GetProcAddress(fwd, "FwdGetTickCount");
    ok(p != NULL, "FwdGetTickCount (forwarded through an API set) not found");
    if (p) ok(((DWORD (WINAPI *)(void))p)() != 0, "FwdGetTickCount call");
    const char *forward = NULL;
    ok(find_export(fwd, "fwd_add", &forward) == NULL && forward && !strcmp(forward, "ldrdep.dep_add"),
       "the export directory should hold the forwarder string, got %s", forward ? forward : "(none)");
}

static void test_init_order(void)
{
    event_order("dep", "user");
    event_order("dep", "tlscb");
    event_order("tlscb", "tlsmain");
    event_order("user", "exetls");
    event_order("tlsmain", "exetls");
    ok(tls_callback_reason() == DLL_PROCESS_ATTACH, "ldrtls's callback reason %lu", tls_callback_reason());
    ok(exe_callback_reason == DLL_PROCESS_ATTACH, "the exe's TLS callback reason %lu", exe_callback_reason);
    ok(exe_callback_before_main == 1, "the exe's TLS callback should run before main (%d)", exe_callback_before_main);
    ok(strstr(log_at_exe_callback, "user") && strstr(log_at_exe_callback, "tlsmain"),
       "DLLs should be initialized before the exe's TLS callback: \"%s\"", log_at_exe_callback);
}

static void test_static_tls(void)
{
    HMODULE exe = GetModuleHandleA(NULL);
    IMAGE_DATA_DIRECTORY *d = dir_of(exe, IMAGE_DIRECTORY_ENTRY_TLS);
    ok(d->VirtualAddress && d->Size, "the exe has no TLS directory");
    if (!d->VirtualAddress) return;
    IMAGE_TLS_DIRECTORY64 *tls = (void *)((char *)exe + d->VirtualAddress);
    ULONG_PTR var = (ULONG_PTR)&exe_tls_var;
    ok(var >= tls->StartAddressOfRawData && var + 4 <= tls->EndAddressOfRawData, "exe_tls_var is not in the TLS template");
    DWORD index = *(DWORD *)tls->AddressOfIndex;
    void **slots = (void **)__readgsqword(0x58);
    ok(slots != NULL, "no TLS array at gs:0x58");
    ok(slots == *(void ***)((BYTE *)NtCurrentTeb() + 0x58), "gs:0x58 and TEB.ThreadLocalStoragePointer differ");
    if (!slots || !slots[index]) { ok(0, "no TLS block for index %lu", index); return; }
    int *copy = (int *)((char *)slots[index] + (var - tls->StartAddressOfRawData));
    ok(*copy == 0x600df00d, "the thread's copy holds %x", *copy);
    ok(copy != &exe_tls_var, "the TLS slot points at the template");
    HMODULE tlsdll = GetModuleHandleA("ldrtls.dll");
    IMAGE_TLS_DIRECTORY64 *t2 = (void *)((char *)tlsdll + dir_of(tlsdll, IMAGE_DIRECTORY_ENTRY_TLS)->VirtualAddress);
    DWORD index2 = *(DWORD *)t2->AddressOfIndex;
    ok(index2 != index, "the exe and ldrtls.dll share TLS index %lu", index);
    ok(slots[index2] != NULL, "no TLS block for ldrtls.dll");
}

static void test_relocation(void)
{
    HMODULE exe = GetModuleHandleA(NULL), rel = GetModuleHandleA("ldrreloc.dll");
    ok(exe == (HMODULE)0x140000000, "the exe is at %p, not at its base", exe);
    ok(rel != NULL && rel != exe, "ldrreloc.dll at %p", rel);
    ok(reloc_check() == 0, "relocations not applied: %d", reloc_check());
    if (!rel) return;
    IMAGE_NT_HEADERS64 *nt = nt_of(rel);
    char *v = reloc_value_address();
    ok(v >= (char *)rel && v < (char *)rel + nt->OptionalHeader.SizeOfImage, "reloc_value_address outside the image");
}

static void test_load_library(void)
{
    HMODULE h, h2, dep = GetModuleHandleA("ldrdep.dll");
    SetLastError(0xdeadbeef);
    ok(GetModuleHandleA("ldrdyn.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "ldrdyn.dll loaded too early, error %lu", GetLastError());
    h = LoadLibraryA("ldrdyn.dll");
    ok(h != NULL, "LoadLibraryA(ldrdyn.dll) failed: %lu", GetLastError());
    if (!h) return;
    ok(strstr(dep_log(), "dyn+") != NULL, "ldrdyn's DllMain did not run: %s", dep_log());
    int (*mul)(int, int) = (void *)GetProcAddress(h, "dyn_mul");
    ok(mul && mul(6, 7) == 42, "dyn_mul");
    ok((void *)mul == (void *)GetProcAddress(h, (LPCSTR)5), "dyn_mul by ordinal 5");
    h2 = LoadLibraryA("LDRDYN");
    ok(h2 == h, "LoadLibraryA(LDRDYN) gave %p, not %p", h2, h);
    ok(GetModuleHandleA("ldrdyn.dll") == h, "GetModuleHandleA(ldrdyn.dll)");
    const char *first = strstr(dep_log(), "dyn+");
    ok(first && !strstr(first + 1, "dyn+"), "DllMain attached twice: %s", dep_log());

    SetLastError(0xdeadbeef);
    ok(GetProcAddress(h, "no_such_export") == NULL && GetLastError() == ERROR_PROC_NOT_FOUND,
       "GetProcAddress(no_such_export): error %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(dep, "dep_secret") == NULL && GetLastError() == ERROR_PROC_NOT_FOUND,
       "a NONAME export should not be found by name: error %lu", GetLastError());
    int (*secret)(void) = (void *)GetProcAddress(dep, (LPCSTR)9);
    ok(secret && secret() == 0x5ec7e7, "GetProcAddress(ldrdep, #9)");
    ok(GetProcAddress(dep, (LPCSTR)7) == GetProcAddress(dep, "dep_add"), "ordinal 7 is dep_add");
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(dep, (LPCSTR)3) == NULL && GetLastError() == ERROR_PROC_NOT_FOUND,
       "ordinal 3 (a gap): error %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(dep, (LPCSTR)100) == NULL && GetLastError() == ERROR_PROC_NOT_FOUND,
       "ordinal 100: error %lu", GetLastError());
    ok(GetProcAddress(dep, "dep_value") == (void *)&dep_value, "data export dep_value");

    /* a full path names the same module */
    char path[MAX_PATH];
    DWORD len = GetModuleFileNameA(h, path, sizeof(path));
    ok(len > 0 && ends_with_nocase(path, "\\ldrdyn.dll"), "GetModuleFileNameA(ldrdyn): %s", path);
    ok(LoadLibraryA(path) == h, "LoadLibraryA(%s)", path);
    ok(FreeLibrary(h), "FreeLibrary");
    ok(FreeLibrary(h), "FreeLibrary");
}

static void test_load_failures(void)
{
    SetLastError(0xdeadbeef);
    ok(LoadLibraryA("no_such_dll_here.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "LoadLibraryA(missing): error %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(LoadLibraryA("ldrfail.dll") == NULL, "a DllMain returning FALSE should fail LoadLibrary");
    ok(GetLastError() == ERROR_DLL_INIT_FAILED, "error %lu", GetLastError());
    ok(strstr(dep_log(), "fail+") != NULL, "ldrfail's DllMain did not run: %s", dep_log());
    event_order("fail+", "fail-");   /* the system detaches it at once */
    ok(GetModuleHandleA("ldrfail.dll") == NULL, "ldrfail.dll should be unloaded");
}

static void test_module_handles(void)
{
    HMODULE exe = GetModuleHandleA(NULL), k32 = GetModuleHandleA("kernel32.dll");
    BYTE *peb = (BYTE *)__readgsqword(0x60);
    ok(exe != NULL, "GetModuleHandleA(NULL)");
    ok(peb == *(BYTE **)((BYTE *)NtCurrentTeb() + 0x60), "gs:0x60 is not the TEB's PEB");
    ok((void *)__readgsqword(0x30) == NtCurrentTeb(), "gs:0x30 is not the TEB");
    ok(*(HMODULE *)(peb + 0x10) == exe, "PEB.ImageBaseAddress");
    ok(GetModuleHandleW(NULL) == exe, "GetModuleHandleW(NULL)");
    ok(k32 != NULL, "GetModuleHandleA(kernel32.dll)");
    ok(GetModuleHandleA("KERNEL32") == k32, "GetModuleHandleA(KERNEL32)");
    ok(GetModuleHandleA("Kernel32.DLL") == k32, "GetModuleHandleA(Kernel32.DLL)");
    ok(GetModuleHandleW(L"kernel32") == k32, "GetModuleHandleW(kernel32)");
    ok(GetModuleHandleA("ntdll.dll") != NULL, "GetModuleHandleA(ntdll.dll)");
    SetLastError(0xdeadbeef);
    ok(GetModuleHandleA("not_loaded_at_all.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "GetModuleHandleA(not loaded): error %lu", GetLastError());

    HMODULE from = NULL;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCSTR)test_module_handles, &from) && from == exe, "GetModuleHandleEx(exe address)");
    from = NULL;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCSTR)GetProcAddress(GetModuleHandleA("ldrdep.dll"), "dep_add"), &from)
       && from == GetModuleHandleA("ldrdep.dll"), "GetModuleHandleEx(ldrdep address)");
    from = NULL;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCSTR)GetProcAddress(k32, "GetTickCount"), &from) && from != NULL,
       "GetModuleHandleEx(address of GetTickCount)");

    char buf[MAX_PATH];
    DWORD len = GetModuleFileNameA(NULL, buf, sizeof(buf));
    ok(len == strlen(buf) && ends_with_nocase(buf, "\\loader.exe"), "GetModuleFileNameA(NULL): %lu %s", len, buf);
    ok(buf[1] == ':' && buf[2] == '\\', "not a DOS path: %s", buf);
    len = GetModuleFileNameA(k32, buf, sizeof(buf));
    ok(len == strlen(buf) && !_stricmp(buf, "C:\\windows\\system32\\kernel32.dll"), "GetModuleFileNameA(kernel32): %s", buf);
    WCHAR wbuf[MAX_PATH];
    len = GetModuleFileNameW(k32, wbuf, MAX_PATH);
    ok(len == 32 && !_wcsicmp(wbuf, L"C:\\windows\\system32\\kernel32.dll"), "GetModuleFileNameW(kernel32): %lu", len);
    /* truncated to size - 1 characters and a NUL, as Microsoft documents for
     * Vista and later (Wine 8's A function leaves out the NUL) */
    memset(buf, 'x', sizeof(buf));
    SetLastError(0xdeadbeef);
    len = GetModuleFileNameA(k32, buf, 5);
    ok(len == 5 && buf[4] == 0 && !_strnicmp(buf, "C:\\w", 4) && buf[5] == 'x', "truncated: %lu %.6s", len, buf);
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "truncated: error %lu", GetLastError());
    memset(wbuf, 'x', sizeof(wbuf));
    SetLastError(0xdeadbeef);
    len = GetModuleFileNameW(k32, wbuf, 5);
    ok(len == 5 && wbuf[4] == 0 && wbuf[3] == 'w' && wbuf[5] == 0x7878, "truncated W: %lu", len);
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "truncated W: error %lu", GetLastError());
}

struct ustr { USHORT Length, MaximumLength; WCHAR *Buffer; };

struct ldr_entry {
    LIST_ENTRY InLoadOrderLinks;
    LIST_ENTRY InMemoryOrderLinks;
    LIST_ENTRY InInitializationOrderLinks;
    void *DllBase;
    void *EntryPoint;
    ULONG SizeOfImage;
    struct ustr FullDllName;
    struct ustr BaseDllName;
};

static int ustr_is(const struct ustr *s, const WCHAR *want)
{
    size_t n = wcslen(want);
    return s->Length == n * sizeof(WCHAR) && !_wcsnicmp(s->Buffer, want, n);
}

static void test_peb_ldr(void)
{
    BYTE *peb = (BYTE *)__readgsqword(0x60);
    BYTE *ldr = *(BYTE **)(peb + 0x18);
    ok(ldr != NULL, "PEB.Ldr is NULL");
    if (!ldr) return;
    LIST_ENTRY *head = (LIST_ENTRY *)(ldr + 0x10), *e;
    HMODULE want[3] = { GetModuleHandleA(NULL), GetModuleHandleA("ntdll.dll"), GetModuleHandleA("kernel32.dll") };
    int n = 0, seen_dep = 0;
    for (e = head->Flink; e != head && n < 200; e = e->Flink, n++) {
        struct ldr_entry *m = CONTAINING_RECORD(e, struct ldr_entry, InLoadOrderLinks);
        if (n < 3) ok(m->DllBase == want[n], "load order entry %d is %p, expected %p", n, m->DllBase, want[n]);
        if (m->DllBase == GetModuleHandleA("ldrdep.dll")) {
            seen_dep = 1;
            ok(ustr_is(&m->BaseDllName, L"ldrdep.dll"), "ldrdep's BaseDllName");
            ok(m->FullDllName.Length > m->BaseDllName.Length && m->FullDllName.Buffer[1] == ':',
               "ldrdep's FullDllName");
            ok(m->SizeOfImage == nt_of(m->DllBase)->OptionalHeader.SizeOfImage, "ldrdep's SizeOfImage %lu", m->SizeOfImage);
            ok(m->EntryPoint == (char *)m->DllBase + nt_of(m->DllBase)->OptionalHeader.AddressOfEntryPoint,
               "ldrdep's EntryPoint");
        }
        if (n == 0) ok(ustr_is(&m->BaseDllName, L"loader.exe"), "the exe's BaseDllName");
        if (n == 1) ok(ustr_is(&m->BaseDllName, L"ntdll.dll"), "ntdll's BaseDllName");
        if (n == 2) ok(ustr_is(&m->BaseDllName, L"kernel32.dll"), "kernel32's BaseDllName");
        ok(e->Flink->Blink == e, "InLoadOrderModuleList is not doubly linked at %d", n);
    }
    ok(n >= 8, "only %d modules in InLoadOrderModuleList", n);
    ok(seen_dep, "ldrdep.dll is not in InLoadOrderModuleList");

    /* memory order list: same modules */
    int m_count = 0;
    head = (LIST_ENTRY *)(ldr + 0x20);
    for (e = head->Flink; e != head && m_count < 200; e = e->Flink) m_count++;
    ok(m_count == n, "InMemoryOrderModuleList has %d entries, load order %d", m_count, n);

    /* initialization order: no exe; ldrdep before ldruser */
    int pos_dep = -1, pos_user = -1, pos = 0, has_exe = 0;
    head = (LIST_ENTRY *)(ldr + 0x30);
    for (e = head->Flink; e != head && pos < 200; e = e->Flink, pos++) {
        struct ldr_entry *m = CONTAINING_RECORD(e, struct ldr_entry, InInitializationOrderLinks);
        if (m->DllBase == GetModuleHandleA("ldrdep.dll")) pos_dep = pos;
        if (m->DllBase == GetModuleHandleA("ldruser.dll")) pos_user = pos;
        if (m->DllBase == GetModuleHandleA(NULL)) has_exe = 1;
    }
    ok(pos_dep >= 0 && pos_user > pos_dep, "initialization order: ldrdep %d, ldruser %d", pos_dep, pos_user);
    ok(!has_exe, "the exe is in InInitializationOrderModuleList");
}

static void test_export_directory(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)k32;
    ok(dos->e_magic == IMAGE_DOS_SIGNATURE, "kernel32 has no MZ header");
    IMAGE_NT_HEADERS64 *nt = nt_of(k32);
    ok(nt->Signature == IMAGE_NT_SIGNATURE, "kernel32 has no PE signature");
    ok(nt->FileHeader.Machine == IMAGE_FILE_MACHINE_AMD64, "kernel32 machine %x", nt->FileHeader.Machine);
    ok(nt->FileHeader.Characteristics & IMAGE_FILE_DLL, "kernel32 is not a DLL");
    ok(nt->OptionalHeader.Magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC, "kernel32 optional header magic");
    IMAGE_DATA_DIRECTORY *d = dir_of(k32, IMAGE_DIRECTORY_ENTRY_EXPORT);
    ok(d->VirtualAddress && d->Size, "kernel32 has no export directory");
    if (!d->VirtualAddress) return;
    IMAGE_EXPORT_DIRECTORY *exp = (void *)((char *)k32 + d->VirtualAddress);
    ok(!_stricmp((char *)k32 + exp->Name, "kernel32.dll"), "export directory name %s", (char *)k32 + exp->Name);
    ok(exp->NumberOfNames > 100, "only %lu names", exp->NumberOfNames);
    DWORD *names = (DWORD *)((char *)k32 + exp->AddressOfNames);
    DWORD unsorted = 0;
    for (DWORD i = 1; i < exp->NumberOfNames; i++)
        if (strcmp((char *)k32 + names[i - 1], (char *)k32 + names[i]) >= 0) unsorted++;
    ok(!unsorted, "%lu names out of order", unsorted);

    const char *forward;
    void *mine = find_export(k32, "GetProcAddress", &forward);
    void *theirs = GetProcAddress(k32, "GetProcAddress");
    ok(mine != NULL || forward != NULL, "GetProcAddress not found by hand");
    if (mine) {
        ok(mine == theirs, "GetProcAddress by hand %p, by GetProcAddress %p", mine, theirs);
        ok(mine == (void *)GetProcAddress, "GetProcAddress by hand %p, imported %p", mine, (void *)GetProcAddress);
        /* call it through the hand-found address */
        FARPROC (WINAPI *gpa)(HMODULE, LPCSTR) = mine;
        ok(gpa(k32, "GetTickCount") == GetProcAddress(k32, "GetTickCount"), "calling GetProcAddress found by hand");
    }
    mine = find_export(k32, "GetCurrentProcessId", &forward);
    if (mine) ok(mine == GetProcAddress(k32, "GetCurrentProcessId"), "GetCurrentProcessId by hand");
}

static void test_delay_load(void)
{
    ok(GetModuleHandleA("ldrdelay.dll") == NULL, "ldrdelay.dll loaded before its first use");
    ok(delay_triple(14) == 42, "delay_triple");
    ok(GetModuleHandleA("ldrdelay.dll") != NULL, "ldrdelay.dll not loaded after its first use");
}

static void test_api_sets(void)
{
    HMODULE h = LoadLibraryA("api-ms-win-core-synch-l1-2-0.dll");
    ok(h != NULL, "LoadLibraryA(api-ms-win-core-synch-l1-2-0.dll): %lu", GetLastError());
    if (h) ok(GetProcAddress(h, "Sleep") != NULL, "Sleep through the API set");
    h = LoadLibraryA("api-ms-win-core-processthreads-l1-1-0");
    ok(h != NULL, "LoadLibraryA(api-ms-win-core-processthreads-l1-1-0): %lu", GetLastError());
    if (h) {
        DWORD (WINAPI *pid)(void) = (void *)GetProcAddress(h, "GetCurrentProcessId");
        ok(pid && pid() == GetCurrentProcessId(), "GetCurrentProcessId through the API set");
    }
}

int main(void)
{
    main_started = 1;
    test_static_imports();
    test_forwarders();
    test_init_order();
    test_static_tls();
    test_relocation();
    test_module_handles();
    test_peb_ldr();
    test_export_directory();
    test_load_library();
    test_load_failures();
    test_delay_load();
    test_api_sets();
    return test_summary();
}
