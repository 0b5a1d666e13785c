/* The loader's part in a thread's life: a static TLS block per module with
 * a TLS directory, the TLS callbacks and DllMain(DLL_THREAD_ATTACH/DETACH)
 * of the initialized DLLs (PEB->Ldr's initialization order), under the
 * loader lock, as Windows does.  Modules loaded by LoadLibrary after a
 * thread started get no TLS block on that thread. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include "ntdll_private.h"

DEFAULT_DEBUG_CHANNEL(module);

#define MAX_TLS_MODULES 64   /* as module.c */

typedef BOOL (WINAPI *dllmain_fn)(HINSTANCE, DWORD, LPVOID);
typedef void (WINAPI *tls_callback_fn)(PVOID, DWORD, PVOID);
typedef BOOL (*builtin_main_fn)(HINSTANCE, DWORD);

static IMAGE_TLS_DIRECTORY64 *tls_directory(struct carafe_module *mod)
{
    if (mod->builtin) return NULL;
    const IMAGE_NT_HEADERS64 *nt = (const void *)(mod->base + ((IMAGE_DOS_HEADER *)mod->base)->e_lfanew);
    if (nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_TLS) return NULL;
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS];
    if (!dir->VirtualAddress || !dir->Size) return NULL;
    return (void *)(mod->base + dir->VirtualAddress);
}

static int is_dll(struct carafe_module *mod)
{
    const IMAGE_NT_HEADERS64 *nt = (const void *)(mod->base + ((IMAGE_DOS_HEADER *)mod->base)->e_lfanew);
    return (nt->FileHeader.Characteristics & IMAGE_FILE_DLL) != 0;
}

static void tls_callbacks(struct carafe_module *mod, DWORD reason)
{
    IMAGE_TLS_DIRECTORY64 *tls = tls_directory(mod);
    ULONG_PTR lo = (ULONG_PTR)mod->base, hi = lo + mod->size;
    if (!tls || !tls->AddressOfCallBacks || tls->AddressOfCallBacks < lo || tls->AddressOfCallBacks >= hi) return;
    for (ULONG_PTR *cb = (ULONG_PTR *)(ULONG_PTR)tls->AddressOfCallBacks; (ULONG_PTR)cb + 8 <= hi && *cb; cb++)
        ((tls_callback_fn)*cb)(mod->base, reason, NULL);
}

static void notify(struct carafe_module *mod, DWORD reason)
{
    if (mod->no_thread_calls) return;
    if (mod->builtin) {
        builtin_main_fn fn = (builtin_main_fn)dlsym(mod->so, "__carafe_dll_main");
        if (fn) fn(mod->base, reason);
        return;
    }
    if (reason == DLL_THREAD_ATTACH) tls_callbacks(mod, reason);
    if (mod->ldr.EntryPoint && is_dll(mod)) ((dllmain_fn)mod->ldr.EntryPoint)(mod->base, reason, NULL);
    if (reason == DLL_THREAD_DETACH) tls_callbacks(mod, reason);
}

#define MODULE_OF(entry, field) ((struct carafe_module *)((char *)(entry) - __builtin_offsetof(LDR_DATA_TABLE_ENTRY, field)))

void loader_thread_attach(void)
{
    PEB_LDR_DATA *ldr = carafe_peb->Ldr;
    TEB *teb = NtCurrentTeb();
    loader_lock_acquire();
    if (!teb->ThreadLocalStoragePointer) teb->ThreadLocalStoragePointer = calloc(MAX_TLS_MODULES, sizeof(void *));
    void **array = teb->ThreadLocalStoragePointer;
    for (LIST_ENTRY *e = ldr->InLoadOrderModuleList.Flink; array && e != &ldr->InLoadOrderModuleList; e = e->Flink) {
        struct carafe_module *mod = MODULE_OF(e, InLoadOrderLinks);
        IMAGE_TLS_DIRECTORY64 *tls;
        if (mod->tls_index < 0 || mod->tls_index >= MAX_TLS_MODULES || !(tls = tls_directory(mod))) continue;
        size_t raw = tls->EndAddressOfRawData - tls->StartAddressOfRawData;
        unsigned char *block = calloc(1, raw + tls->SizeOfZeroFill + 16);
        if (block && raw) memcpy(block, (void *)(ULONG_PTR)tls->StartAddressOfRawData, raw);
        array[mod->tls_index] = block;
    }
    for (LIST_ENTRY *e = ldr->InInitializationOrderModuleList.Flink; e != &ldr->InInitializationOrderModuleList; e = e->Flink)
        notify(MODULE_OF(e, InInitializationOrderLinks), DLL_THREAD_ATTACH);
    struct carafe_module *exe = loader_module_by_address(carafe_exe_module());
    if (exe) tls_callbacks(exe, DLL_THREAD_ATTACH);
    loader_lock_release();
}

void loader_thread_detach(void)
{
    PEB_LDR_DATA *ldr = carafe_peb->Ldr;
    loader_lock_acquire();
    struct carafe_module *exe = loader_module_by_address(carafe_exe_module());
    if (exe) tls_callbacks(exe, DLL_THREAD_DETACH);
    for (LIST_ENTRY *e = ldr->InInitializationOrderModuleList.Blink; e != &ldr->InInitializationOrderModuleList; e = e->Blink)
        notify(MODULE_OF(e, InInitializationOrderLinks), DLL_THREAD_DETACH);
    loader_lock_release();
}

void loader_thread_free_tls(TEB *teb)
{
    void **array = teb->ThreadLocalStoragePointer;
    if (!array) return;
    for (int i = 0; i < MAX_TLS_MODULES; i++) free(array[i]);
    free(array);
    teb->ThreadLocalStoragePointer = NULL;
}

BOOL carafe_disable_thread_calls(HMODULE h)
{
    struct carafe_module *mod = NULL;
    PEB_LDR_DATA *ldr = carafe_peb->Ldr;
    loader_lock_acquire();
    for (LIST_ENTRY *e = ldr->InLoadOrderModuleList.Flink; e != &ldr->InLoadOrderModuleList; e = e->Flink)
        if (MODULE_OF(e, InLoadOrderLinks)->base == (unsigned char *)h) mod = MODULE_OF(e, InLoadOrderLinks);
    if (mod) mod->no_thread_calls = 1;
    loader_lock_release();
    if (!mod) carafe_set_last_error(ERROR_INVALID_HANDLE);
    return mod != NULL;
}

SIZE_T carafe_default_stack_size(void)
{
    unsigned char *base = (unsigned char *)carafe_exe_module();
    SIZE_T size = 0;
    if (base) size = ((const IMAGE_NT_HEADERS64 *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew))->OptionalHeader.SizeOfStackReserve;
    return size < 0x100000 ? 0x100000 : size;
}
