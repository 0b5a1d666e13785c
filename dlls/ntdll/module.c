/* The module loader: PE images (the exe and native DLLs) and builtin DLLs
 * (ELF objects with a synthesized PE header), imports, TLS, DllMain. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "exception_private.h"
#include "winbase_consts.h"

DEFAULT_DEBUG_CHANNEL(module);

typedef BOOL (WINAPI *dllmain_fn)(HINSTANCE, DWORD, LPVOID);
typedef void (WINAPI *tls_callback_fn)(PVOID, DWORD, PVOID);
typedef DWORD (WINAPI *entry_fn)(PEB *);
typedef BOOL (*builtin_main_fn)(HINSTANCE, DWORD);

const char *carafe_dll_dir;          /* where NAME.dll.so live */
static char *app_dir;                /* Unix directory of the exe */
static struct carafe_module *modules, *exe_module;
static struct carafe_module **init_order;
static int init_count, init_capacity;
static PEB_LDR_DATA ldr_data;
/* The loader lock guards the module lists, loading and unloading, and is
 * held around every DllMain and TLS callback, as on Windows.  It is
 * recursive: DllMain may call LoadLibrary, FreeLibrary, GetModuleHandle and
 * GetProcAddress.  Lock order: the loader lock comes first.  Code holding
 * any other lock (heap, handle table, a CRITICAL_SECTION of its own) must
 * not enter the loader, because DllMain may take that lock in turn. */
static pthread_mutex_t loader_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static int next_tls_index;

/* The DLL search path (LoadLibraryEx flags, SetDllDirectory, AddDllDirectory,
 * SetDefaultDllDirectories), all under the loader lock. */
struct user_dir { char *unix_dir; WCHAR *dos_dir; struct user_dir *next; };
static struct user_dir *user_dirs;        /* AddDllDirectory */
static WCHAR *dll_directory;              /* SetDllDirectory; "" removes the current directory */
static DWORD default_search_flags;        /* SetDefaultDllDirectories; 0: the standard order */
static DWORD search_flags;                /* of the LoadLibraryEx call in progress */
static char *search_load_dir;             /* its DLL's directory, for LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR */
/* A LoadLibrary call in progress: Windows says nothing when one fails (the
 * caller gets the error code and may well expect the failure: Dart tries
 * LoadLibrary on its snapshot file), so its messages are warnings; a
 * failure while the program's own imports load is always said. */
static int explicit_load;

/* Files mapped by LoadLibraryEx(LOAD_LIBRARY_AS_DATAFILE / _AS_IMAGE_RESOURCE):
 * not modules, not in the PEB lists; the handle is base | 1 or base | 2. */
struct datafile { unsigned char *base; size_t size; struct datafile *next; };
static struct datafile *datafiles;

#define MAX_TLS_MODULES 64

/* ---- names ---- */

/* lower case base name with ".dll" added when there is no extension */
static void normalize_name(const char *in, char *out, size_t size)
{
    const char *slash = strrchr(in, '\\'), *fslash = strrchr(in, '/');
    if (fslash > slash) slash = fslash;
    if (slash) in = slash + 1;
    size_t i;
    for (i = 0; in[i] && i + 5 < size; i++) out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? in[i] + 32 : in[i];
    out[i] = 0;
    if (!strchr(out, '.')) strcat(out, ".dll");
    else if (i && out[i - 1] == '.') out[i - 1] = 0;   /* "foo." means no extension */
}

/* API set contracts resolve to the DLL that implements them (DESIGN decision 6) */
static const struct { const char *prefix, *host; } api_sets[] = {
    { "api-ms-win-crt-", "ucrtbase.dll" },
    { "api-ms-win-core-", "kernel32.dll" },
    { "api-ms-win-security-", "advapi32.dll" },
    { "api-ms-win-eventing-", "advapi32.dll" },
    { "api-ms-win-shell-", "shell32.dll" },
};

/* DLLs that are always builtin, even if a copy sits beside the program */
static const char *const system_dlls[] = {
    "advapi32.dll", "gdi32.dll", "kernel32.dll", "kernelbase.dll", "msvcrt.dll", "ntdll.dll",
    "psapi.dll", "shell32.dll", "ucrtbase.dll", "user32.dll", "version.dll", "winmm.dll", "ws2_32.dll",
};

static const char *api_set_host(const char *name)
{
    for (size_t i = 0; i < sizeof(api_sets) / sizeof(api_sets[0]); i++)
        if (!strncmp(name, api_sets[i].prefix, strlen(api_sets[i].prefix))) return api_sets[i].host;
    return NULL;
}

static int is_system_dll(const char *name)
{
    for (size_t i = 0; i < sizeof(system_dlls) / sizeof(system_dlls[0]); i++)
        if (!strcmp(name, system_dlls[i])) return 1;
    return 0;
}

/* ---- module list ---- */

static void add_module(struct carafe_module *mod)
{
    struct carafe_module **p = &modules;
    while (*p) p = &(*p)->next;
    *p = mod;
    LDR_DATA_TABLE_ENTRY *e = &mod->ldr;
    e->DllBase = mod->base;
    e->SizeOfImage = mod->size;
    size_t len = carafe_wcslen(mod->path);
    e->FullDllName.Buffer = mod->path;
    e->FullDllName.Length = len * sizeof(WCHAR);
    e->FullDllName.MaximumLength = (len + 1) * sizeof(WCHAR);
    const WCHAR *base = mod->path + len;
    while (base > mod->path && base[-1] != '\\') base--;
    e->BaseDllName.Buffer = (WCHAR *)base;
    e->BaseDllName.Length = (mod->path + len - base) * sizeof(WCHAR);
    e->BaseDllName.MaximumLength = e->BaseDllName.Length + sizeof(WCHAR);
    e->LoadCount = 1;
    e->TlsIndex = mod->tls_index < 0 ? 0 : mod->tls_index;
    LIST_ENTRY *head = &ldr_data.InLoadOrderModuleList;
    e->InLoadOrderLinks.Flink = head;
    e->InLoadOrderLinks.Blink = head->Blink;
    head->Blink->Flink = &e->InLoadOrderLinks;
    head->Blink = &e->InLoadOrderLinks;
    head = &ldr_data.InMemoryOrderModuleList;
    e->InMemoryOrderLinks.Flink = head;
    e->InMemoryOrderLinks.Blink = head->Blink;
    head->Blink->Flink = &e->InMemoryOrderLinks;
    head->Blink = &e->InMemoryOrderLinks;
    e->InInitializationOrderLinks.Flink = e->InInitializationOrderLinks.Blink = &e->InInitializationOrderLinks;
}

static struct carafe_module *find_loaded(const char *name)
{
    for (struct carafe_module *m = modules; m; m = m->next)
        if (!strcmp(m->name, name)) return m;
    return NULL;
}

static struct carafe_module *find_by_base(HMODULE base)
{
    for (struct carafe_module *m = modules; m; m = m->next)
        if ((void *)m->base == base) return m;
    return NULL;
}

struct carafe_module *loader_module_by_address(const void *addr)
{
    const unsigned char *a = addr;
    for (struct carafe_module *m = modules; m; m = m->next)
        if (a >= m->base && a < m->base + m->size) return m;
    Dl_info info;
    if (dladdr(addr, &info))
        for (struct carafe_module *m = modules; m; m = m->next)
            if (m->builtin && m->so_base == info.dli_fbase) return m;
    return NULL;
}

void carafe_describe_address(const void *addr, char *buf, size_t size)
{
    struct carafe_module *m = loader_module_by_address(addr);
    const unsigned char *origin = m ? m->base : NULL;
    if (m && m->builtin && !((const unsigned char *)addr >= m->base && (const unsigned char *)addr < m->base + m->size))
        origin = m->so_base;
    if (m) snprintf(buf, size, "%s+0x%lx", m->name, (unsigned long)((const unsigned char *)addr - origin));
    else snprintf(buf, size, "0x%lx", (unsigned long)addr);
}

/* ---- traps for stubs and missing imports ---- */

struct stub_info { const char *dll, *func; };

/* The program called something carafe does not implement. */
__attribute__((noreturn, used)) void carafe_unimplemented(const struct stub_info *info, void *ret)
{
    char where[128];
    carafe_describe_address(ret, where, sizeof(where));
    fprintf(stderr, "carafe: unimplemented function %s.%s called from %s\n", info->dll, info->func, where);
    ULONG_PTR params[2] = { (ULONG_PTR)info->dll, (ULONG_PTR)info->func };
    carafe_raise_unhandled(STATUS_ENTRYPOINT_NOT_FOUND, EXCEPTION_NONCONTINUABLE, ret, 2, params);
}

#define STUB_THUNK_SIZE 32
#define FUNC_THUNK_SIZE 16

/* mov rax, info; jmp [rip+0]; dq carafe_stub_trap */
static void write_stub_thunk(unsigned char *p, const struct stub_info *info)
{
    p[0] = 0x48; p[1] = 0xb8;
    memcpy(p + 2, &info, 8);
    p[10] = 0xff; p[11] = 0x25; memset(p + 12, 0, 4);
    const void *trap = carafe_stub_trap;
    memcpy(p + 16, &trap, 8);
    memset(p + 24, 0xcc, STUB_THUNK_SIZE - 24);
}

static void write_func_thunk(unsigned char *p, const void *target)
{
    p[0] = 0xff; p[1] = 0x25; memset(p + 2, 0, 4);
    memcpy(p + 6, &target, 8);
    p[14] = p[15] = 0xcc;
}

/* A trap for an import that no DLL provides: bound now, fails when called. */
static void *missing_import_trap(const char *dll, const char *func)
{
    static unsigned char *pool;
    static size_t used, pool_size = 65536;
    struct stub_info *info = malloc(sizeof(*info));
    if (!info) return NULL;
    info->dll = strdup(dll);
    info->func = strdup(func);
    if (!pool || used + STUB_THUNK_SIZE > pool_size) {
        pool = mmap(NULL, pool_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pool == MAP_FAILED) { pool = NULL; return NULL; }
        used = 0;
    }
    unsigned char *p = pool + used;
    mprotect(pool, pool_size, PROT_READ | PROT_WRITE);
    write_stub_thunk(p, info);
    mprotect(pool, pool_size, PROT_READ | PROT_EXEC);
    used += STUB_THUNK_SIZE;
    return p;
}

/* ---- builtin DLLs ---- */

static void *map_64k_aligned(size_t size, int prot)
{
    size_t align = 0x10000;
    unsigned char *p = mmap(NULL, size + align, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    unsigned char *a = (unsigned char *)(((ULONG_PTR)p + align - 1) & ~(align - 1));
    if (a > p) munmap(p, a - p);
    if (a + size < p + size + align) munmap(a + size, p + size + align - (a + size));
    return a;
}

/* Build the PE header and export directory a builtin shows to Windows code
 * (DESIGN decision 4).  Functions are reached through jmp thunks inside the
 * image so that export RVAs are real. */
static int synthesize_image(struct carafe_module *mod)
{
    const struct carafe_dll *dll = mod->dll;
    DWORD nfuncs = dll->ordinal_max - dll->ordinal_base + 1;
    size_t strings = strlen(dll->name) + 1, thunks = 0;
    for (unsigned int i = 0; i < dll->count; i++) {
        const struct carafe_export *e = &dll->exports[i];
        if (e->name) strings += strlen(e->name) + 1;
        if (e->forward) strings += strlen(e->forward) + 1;
        if (e->kind == EXPORT_FUNC) thunks += FUNC_THUNK_SIZE;
        if (e->kind == EXPORT_STUB) thunks += STUB_THUNK_SIZE;
    }
    size_t dir_rva = 0x1000;
    size_t dir_size = sizeof(IMAGE_EXPORT_DIRECTORY) + nfuncs * 4 + dll->named * 6 + strings;
    size_t thunk_rva = (dir_rva + dir_size + 15) & ~15ul;
    size_t size = (thunk_rva + thunks + 0xfff) & ~0xffful;
    unsigned char *base = map_64k_aligned(size, PROT_READ | PROT_WRITE);
    if (!base) return -1;
    struct stub_info *infos = calloc(dll->count, sizeof(*infos));
    mod->base = base;
    mod->size = size;

    IMAGE_DOS_HEADER *dos = (void *)base;
    dos->e_magic = IMAGE_DOS_SIGNATURE;
    dos->e_lfanew = 0x40;
    IMAGE_NT_HEADERS64 *nt = (void *)(base + 0x40);
    nt->Signature = IMAGE_NT_SIGNATURE;
    nt->FileHeader.Machine = IMAGE_FILE_MACHINE_AMD64;
    nt->FileHeader.NumberOfSections = 1;
    nt->FileHeader.SizeOfOptionalHeader = sizeof(IMAGE_OPTIONAL_HEADER64);
    nt->FileHeader.Characteristics = IMAGE_FILE_DLL | 0x0022;   /* executable, large address aware */
    IMAGE_OPTIONAL_HEADER64 *opt = &nt->OptionalHeader;
    opt->Magic = IMAGE_NT_OPTIONAL_HDR64_MAGIC;
    opt->ImageBase = (ULONG_PTR)base;
    opt->SectionAlignment = 0x1000;
    opt->FileAlignment = 0x200;
    opt->MajorOperatingSystemVersion = 10;
    opt->MajorSubsystemVersion = 10;
    opt->SizeOfImage = size;
    opt->SizeOfHeaders = 0x1000;
    opt->Subsystem = IMAGE_SUBSYSTEM_WINDOWS_CUI;
    opt->NumberOfRvaAndSizes = IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress = dir_rva;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].Size = dir_size;
    IMAGE_SECTION_HEADER *sec = (void *)(nt + 1);
    memcpy(sec->Name, ".text", 5);
    sec->VirtualAddress = 0x1000;
    sec->VirtualSize = size - 0x1000;
    sec->Characteristics = IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ;

    IMAGE_EXPORT_DIRECTORY *exp = (void *)(base + dir_rva);
    DWORD *funcs = (DWORD *)(exp + 1);
    DWORD *names = funcs + nfuncs;
    WORD *ords = (WORD *)(names + dll->named);
    char *str = (char *)(ords + dll->named);
    exp->Base = dll->ordinal_base;
    exp->NumberOfFunctions = nfuncs;
    exp->NumberOfNames = dll->named;
    exp->AddressOfFunctions = (unsigned char *)funcs - base;
    exp->AddressOfNames = (unsigned char *)names - base;
    exp->AddressOfNameOrdinals = (unsigned char *)ords - base;
    exp->Name = (unsigned char *)str - base;
    strcpy(str, dll->name);
    str += strlen(str) + 1;
    unsigned char *thunk = base + thunk_rva;
    for (unsigned int i = 0; i < dll->count; i++) {
        const struct carafe_export *e = &dll->exports[i];
        DWORD idx = e->ordinal - dll->ordinal_base;
        if (e->name) {
            names[i] = (unsigned char *)str - base;
            ords[i] = idx;
            strcpy(str, e->name);
            str += strlen(str) + 1;
        }
        switch (e->kind) {
        case EXPORT_FUNC:
            write_func_thunk(thunk, e->addr);
            funcs[idx] = thunk - base;
            thunk += FUNC_THUNK_SIZE;
            break;
        case EXPORT_STUB:
            infos[i].dll = dll->name;
            infos[i].func = e->name ? e->name : "(ordinal)";
            write_stub_thunk(thunk, &infos[i]);
            funcs[idx] = thunk - base;
            thunk += STUB_THUNK_SIZE;
            break;
        case EXPORT_FORWARD:
            funcs[idx] = (unsigned char *)str - base;
            strcpy(str, e->forward);
            str += strlen(str) + 1;
            break;
        default:
            break;   /* data: reached through GetProcAddress and imports only */
        }
    }
    mprotect(base, size, PROT_READ | PROT_EXEC);
    return 0;
}

static struct carafe_module *new_module(const char *name, WCHAR *path)
{
    struct carafe_module *mod = calloc(1, sizeof(*mod));
    if (!mod) return NULL;
    mod->name = strdup(name);
    mod->path = path;
    mod->tls_index = -1;
    mod->refcount = 1;
    return mod;
}

static struct carafe_module *load_dll(const char *name, int *created);

/* A builtin depends on the DLLs its forwards name (ucrtbase on msvcrt):
 * they are initialized before it, as its ELF code may call into them. */
static void add_forward_deps(struct carafe_module *mod)
{
    for (unsigned int i = 0; i < mod->dll->count; i++) {
        const struct carafe_export *e = &mod->dll->exports[i];
        const char *dot = e->kind == EXPORT_FORWARD ? strrchr(e->forward, '.') : NULL;
        char dllname[128], norm[140];
        int created, known = 0;
        if (!dot || dot - e->forward >= (long)sizeof(dllname) - 5) continue;
        memcpy(dllname, e->forward, dot - e->forward);
        dllname[dot - e->forward] = 0;
        normalize_name(dllname, norm, sizeof(norm));
        struct carafe_module *dep = load_dll(norm, &created);
        if (!dep || dep == mod) continue;
        for (int j = 0; j < mod->ndeps; j++) known |= mod->deps[j] == dep;
        if (known) continue;
        if (!created) dep->refcount++;
        struct carafe_module **deps = realloc(mod->deps, (mod->ndeps + 1) * sizeof(*deps));
        if (deps) { mod->deps = deps; deps[mod->ndeps++] = dep; }
    }
}

static struct carafe_module *load_builtin(const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s.so", carafe_dll_dir, name);
    void *so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!so) {
        if (!access(path, F_OK)) ERR("cannot load builtin %s: %s\n", name, dlerror());
        return NULL;
    }
    const struct carafe_dll *dll = dlsym(so, CARAFE_DLL_SYMBOL);
    Dl_info info;
    if (!dll || !dladdr(dll, &info)) {
        ERR("%s has no export table\n", path);
        dlclose(so);
        return NULL;
    }
    WCHAR wpath[MAX_PATH];
    char dos[MAX_PATH];
    snprintf(dos, sizeof(dos), "C:\\windows\\system32\\%s", name);
    carafe_utf8_to_utf16(dos, -1, wpath, MAX_PATH);
    struct carafe_module *mod = new_module(name, carafe_wcsdup(wpath));
    if (!mod) return NULL;
    mod->builtin = 1;
    mod->so = so;
    mod->dll = dll;
    mod->so_base = info.dli_fbase;
    if (synthesize_image(mod)) {
        ERR("out of memory building the image of %s\n", name);
        return NULL;
    }
    add_module(mod);
    add_forward_deps(mod);
    TRACE("builtin %s at %p\n", name, mod->base);
    return mod;
}

/* ---- PE images ---- */

static int prot_of(DWORD ch)
{
    int prot = 0;
    if (ch & IMAGE_SCN_MEM_READ) prot |= PROT_READ;
    if (ch & IMAGE_SCN_MEM_WRITE) prot |= PROT_READ | PROT_WRITE;
    if (ch & IMAGE_SCN_MEM_EXECUTE) prot |= PROT_READ | PROT_EXEC;
    return prot;
}

static const char *relocate(unsigned char *base, const IMAGE_NT_HEADERS64 *nt, long long delta, char *err, size_t errlen)
{
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    DWORD soi = nt->OptionalHeader.SizeOfImage;
    DWORD rva = dir->VirtualAddress, end = dir->VirtualAddress + dir->Size;
    if (nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_BASERELOC) return NULL;
    while (rva + sizeof(IMAGE_BASE_RELOCATION) <= end) {
        const IMAGE_BASE_RELOCATION *r = (const void *)(base + rva);
        if (!r->SizeOfBlock) break;
        const WORD *ent = (const WORD *)(r + 1);
        unsigned int n = (r->SizeOfBlock - sizeof(*r)) / 2;
        for (unsigned int i = 0; i < n; i++) {
            DWORD target = r->VirtualAddress + (ent[i] & 0xfff);
            switch (ent[i] >> 12) {
            case IMAGE_REL_BASED_ABSOLUTE: break;
            case IMAGE_REL_BASED_DIR64:
                if (!pe_rva_ok(soi, target, 8)) goto bad;
                *(ULONGLONG *)(base + target) += delta;
                break;
            case IMAGE_REL_BASED_HIGHLOW:
                if (!pe_rva_ok(soi, target, 4)) goto bad;
                *(DWORD *)(base + target) += (DWORD)delta;
                break;
            default:
                snprintf(err, errlen, "unsupported relocation type %d at RVA 0x%x", ent[i] >> 12, target);
                return err;
            }
            continue;
        bad:
            snprintf(err, errlen, "relocation at RVA 0x%x lies outside the image", target);
            return err;
        }
        rva += r->SizeOfBlock;
    }
    return NULL;
}

/* Map a PE file: sections at the preferred base, or relocated. */
static struct carafe_module *map_pe(const char *unix_path, const char *name, char *err, size_t errlen, int *status)
{
    struct stat st;
    struct pe_file pe;
    const char *msg;
    struct carafe_module *mod = NULL;
    unsigned char *file = MAP_FAILED, *base = MAP_FAILED;
    char buf[512];
    int fd = open(unix_path, O_RDONLY | O_CLOEXEC);

    *status = EXIT_LOADER_NOTFOUND;
    if (fd < 0 || fstat(fd, &st)) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        goto done;
    }
    *status = EXIT_LOADER_BADFORMAT;
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file");
        goto done;
    }
    if (!st.st_size) {
        snprintf(err, errlen, "empty file, not a Windows program");
        goto done;
    }
    file = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (file == MAP_FAILED) {
        snprintf(err, errlen, "cannot read: %s", strerror(errno));
        goto done;
    }
    if ((msg = pe_check_file(file, st.st_size, &pe, buf, sizeof(buf)))) {
        snprintf(err, errlen, "%s", msg);
        goto done;
    }
    const IMAGE_OPTIONAL_HEADER64 *opt = &pe.nt->OptionalHeader;
    size_t size = (opt->SizeOfImage + 0xfff) & ~0xffful;
    base = mmap((void *)(ULONG_PTR)opt->ImageBase, size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (base != MAP_FAILED && base != (void *)(ULONG_PTR)opt->ImageBase) {
        munmap(base, size);
        base = MAP_FAILED;
    }
    if (base == MAP_FAILED) {
        int has_relocs = opt->NumberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_BASERELOC &&
                         opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].Size;
        if ((pe.nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED) || !has_relocs) {
            snprintf(err, errlen, "its fixed address 0x%llx is in use and it has no relocations", opt->ImageBase);
            *status = EXIT_LOADER_USAGE;
            goto done;
        }
        base = map_64k_aligned(size, PROT_READ | PROT_WRITE);
        if (!base) {
            base = MAP_FAILED;
            snprintf(err, errlen, "out of address space for 0x%zx bytes", size);
            *status = EXIT_LOADER_USAGE;
            goto done;
        }
    }
    if (!image_cache_map(&st, base, size)) {   /* a large image laid out before (imagecache.c) */
        memcpy(base, file, opt->SizeOfHeaders);
        for (unsigned int i = 0; i < pe.nsections; i++) {
            const IMAGE_SECTION_HEADER *s = &pe.sections[i];
            DWORD n = s->SizeOfRawData;
            if (s->VirtualSize && s->VirtualSize < n) n = s->VirtualSize;
            if (n) memcpy(base + s->VirtualAddress, file + s->PointerToRawData, n);
        }
        image_cache_store(&st, base, size, opt->SizeOfHeaders, pe.sections, pe.nsections);
    }
    if ((msg = pe_check_directories(base, opt->SizeOfImage, buf, sizeof(buf)))) {
        snprintf(err, errlen, "%s", msg);
        goto done;
    }
    IMAGE_NT_HEADERS64 *nt = (void *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    long long delta = (long long)((ULONG_PTR)base - opt->ImageBase);
    if (delta) {
        TRACE("%s relocated from 0x%llx to %p\n", name, opt->ImageBase, base);
        if ((msg = relocate(base, nt, delta, buf, sizeof(buf)))) {
            snprintf(err, errlen, "%s", msg);
            goto done;
        }
        nt->OptionalHeader.ImageBase = (ULONG_PTR)base;
    }
    WCHAR *dos = carafe_unix_to_dos(unix_path);
    if (!(mod = new_module(name, dos))) goto done;
    mod->base = base;
    mod->size = size;
    mod->ldr.EntryPoint = opt->AddressOfEntryPoint ? base + opt->AddressOfEntryPoint : NULL;
    mod->ldr.TimeDateStamp = pe.nt->FileHeader.TimeDateStamp;
    base = MAP_FAILED;   /* owned by the module now */
done:
    if (base != MAP_FAILED) munmap(base, (pe.nt ? pe.nt->OptionalHeader.SizeOfImage + 0xfff : 0) & ~0xffful);
    if (file != MAP_FAILED) munmap(file, st.st_size);
    if (fd >= 0) close(fd);
    return mod;
}

static IMAGE_NT_HEADERS64 *nt_headers(const struct carafe_module *mod)
{
    return (IMAGE_NT_HEADERS64 *)(mod->base + ((IMAGE_DOS_HEADER *)mod->base)->e_lfanew);
}

static const IMAGE_DATA_DIRECTORY *directory(const struct carafe_module *mod, int i)
{
    IMAGE_NT_HEADERS64 *nt = nt_headers(mod);
    if ((DWORD)i >= nt->OptionalHeader.NumberOfRvaAndSizes || !nt->OptionalHeader.DataDirectory[i].Size) return NULL;
    return &nt->OptionalHeader.DataDirectory[i];
}

static void protect_sections(struct carafe_module *mod)
{
    IMAGE_NT_HEADERS64 *nt = nt_headers(mod);
    if (nt->OptionalHeader.SectionAlignment < 0x1000) {
        /* sections share pages: leave the image writable and executable */
        mprotect(mod->base, mod->size, PROT_READ | PROT_WRITE | PROT_EXEC);
        return;
    }
    IMAGE_SECTION_HEADER *sec = (IMAGE_SECTION_HEADER *)((unsigned char *)&nt->OptionalHeader + nt->FileHeader.SizeOfOptionalHeader);
    mprotect(mod->base, 0x1000, PROT_READ);
    for (unsigned int i = 0; i < nt->FileHeader.NumberOfSections; i++) {
        DWORD vsize = sec[i].VirtualSize ? sec[i].VirtualSize : sec[i].SizeOfRawData;
        size_t len = (vsize + 0xfff) & ~0xfffu;
        if (len) mprotect(mod->base + sec[i].VirtualAddress, len, prot_of(sec[i].Characteristics));
    }
}

/* ---- exports ---- */

enum resolved_kind { RESOLVED_OK, RESOLVED_STUB, RESOLVED_MISSING };

static struct carafe_module *load_dll(const char *name, int *created);
static void *resolve_export(struct carafe_module *mod, const char *name, DWORD ordinal, int depth, enum resolved_kind *kind);

static void *resolve_forward(const char *fwd, int depth, enum resolved_kind *kind)
{
    char dllname[128];
    const char *dot = strrchr(fwd, '.');
    if (!dot || dot - fwd >= (long)sizeof(dllname) - 5 || depth > 16) return NULL;
    memcpy(dllname, fwd, dot - fwd);
    dllname[dot - fwd] = 0;
    char norm[140];
    normalize_name(dllname, norm, sizeof(norm));
    int created;
    struct carafe_module *target = load_dll(norm, &created);
    if (!target) return NULL;
    if (dot[1] == '#') return resolve_export(target, NULL, atoi(dot + 2), depth + 1, kind);
    return resolve_export(target, dot + 1, 0, depth + 1, kind);
}

static const struct carafe_export *builtin_lookup(const struct carafe_dll *dll, const char *name, DWORD ordinal)
{
    if (name) {
        unsigned int lo = 0, hi = dll->named;
        while (lo < hi) {
            unsigned int mid = (lo + hi) / 2;
            int c = strcmp(name, dll->exports[mid].name);
            if (!c) return &dll->exports[mid];
            if (c < 0) hi = mid; else lo = mid + 1;
        }
        return NULL;
    }
    if (ordinal < dll->ordinal_base || ordinal > dll->ordinal_max) return NULL;
    unsigned short idx = dll->by_ordinal[ordinal - dll->ordinal_base];
    return idx == 0xffff ? NULL : &dll->exports[idx];
}

static void *resolve_export(struct carafe_module *mod, const char *name, DWORD ordinal, int depth, enum resolved_kind *kind)
{
    *kind = RESOLVED_OK;
    if (mod->builtin) {
        const struct carafe_export *e = builtin_lookup(mod->dll, name, ordinal);
        if (!e) { *kind = RESOLVED_MISSING; return NULL; }
        switch (e->kind) {
        case EXPORT_FUNC:
            if (relay_enabled()) return relay_wrap(mod->dll->name, e);
            break;
        case EXPORT_DATA: return e->addr;
        case EXPORT_FORWARD: return resolve_forward(e->forward, depth, kind);
        default:
            *kind = RESOLVED_STUB;
            break;
        }
        /* a function's jmp thunk (a stub's trap thunk) in the image, found
         * through the EAT: imports, GetProcAddress and programs that read the
         * export directory by hand must all see the same address */
        IMAGE_EXPORT_DIRECTORY *exp = (void *)(mod->base + 0x1000);
        DWORD *funcs = (DWORD *)(mod->base + exp->AddressOfFunctions);
        return mod->base + funcs[e->ordinal - mod->dll->ordinal_base];
    }
    const IMAGE_DATA_DIRECTORY *dir = directory(mod, IMAGE_DIRECTORY_ENTRY_EXPORT);
    *kind = RESOLVED_MISSING;
    if (!dir) return NULL;
    const IMAGE_EXPORT_DIRECTORY *exp = (const void *)(mod->base + dir->VirtualAddress);
    const DWORD *funcs = (const void *)(mod->base + exp->AddressOfFunctions);
    DWORD idx;
    if (name) {
        const DWORD *names = (const void *)(mod->base + exp->AddressOfNames);
        const WORD *ords = (const void *)(mod->base + exp->AddressOfNameOrdinals);
        unsigned int lo = 0, hi = exp->NumberOfNames;
        idx = ~0u;
        while (lo < hi) {
            unsigned int mid = (lo + hi) / 2;
            int c = strcmp(name, (const char *)mod->base + names[mid]);
            if (!c) { idx = ords[mid]; break; }
            if (c < 0) hi = mid; else lo = mid + 1;
        }
        if (idx == ~0u)   /* names should be sorted; some linkers do not */
            for (DWORD i = 0; i < exp->NumberOfNames; i++)
                if (!strcmp(name, (const char *)mod->base + names[i])) { idx = ords[i]; break; }
    } else idx = ordinal - exp->Base;
    if (idx >= exp->NumberOfFunctions || !funcs[idx]) return NULL;
    DWORD rva = funcs[idx];
    if (rva >= mod->size) return NULL;
    *kind = RESOLVED_OK;
    if (rva >= dir->VirtualAddress && rva < dir->VirtualAddress + dir->Size) {
        const char *fwd = (const char *)mod->base + rva;
        if (!memchr(fwd, 0, mod->size - rva)) return NULL;
        return resolve_forward(fwd, depth, kind);
    }
    return mod->base + rva;
}

/* ---- TLS ---- */

static void **tls_array(void)
{
    TEB *teb = NtCurrentTeb();
    if (!teb->ThreadLocalStoragePointer) teb->ThreadLocalStoragePointer = calloc(MAX_TLS_MODULES, sizeof(void *));
    return teb->ThreadLocalStoragePointer;
}

static const char *setup_tls(struct carafe_module *mod, char *err, size_t errlen)
{
    const IMAGE_DATA_DIRECTORY *dir = directory(mod, IMAGE_DIRECTORY_ENTRY_TLS);
    if (!dir) return NULL;
    IMAGE_TLS_DIRECTORY64 *tls = (void *)(mod->base + dir->VirtualAddress);
    ULONG_PTR lo = (ULONG_PTR)mod->base, hi = lo + mod->size;
    if (tls->EndAddressOfRawData < tls->StartAddressOfRawData ||
        (tls->StartAddressOfRawData && (tls->StartAddressOfRawData < lo || tls->EndAddressOfRawData > hi)) ||
        (tls->AddressOfIndex && (tls->AddressOfIndex < lo || tls->AddressOfIndex + 4 > hi)) ||
        tls->SizeOfZeroFill > 0x10000000) {
        snprintf(err, errlen, "TLS directory points outside the image");
        return err;
    }
    if (next_tls_index >= MAX_TLS_MODULES) {
        snprintf(err, errlen, "too many modules with TLS");
        return err;
    }
    mod->tls_index = next_tls_index++;
    mod->ldr.TlsIndex = mod->tls_index;
    if (tls->AddressOfIndex) *(DWORD *)(ULONG_PTR)tls->AddressOfIndex = mod->tls_index;
    size_t raw = tls->EndAddressOfRawData - tls->StartAddressOfRawData;
    unsigned char *block = calloc(1, raw + tls->SizeOfZeroFill + 16);
    if (!block) { snprintf(err, errlen, "out of memory"); return err; }
    if (raw) memcpy(block, (void *)(ULONG_PTR)tls->StartAddressOfRawData, raw);
    tls_array()[mod->tls_index] = block;
    return NULL;
}

static void call_tls_callbacks(struct carafe_module *mod, DWORD reason)
{
    const IMAGE_DATA_DIRECTORY *dir = directory(mod, IMAGE_DIRECTORY_ENTRY_TLS);
    if (!dir) return;
    IMAGE_TLS_DIRECTORY64 *tls = (void *)(mod->base + dir->VirtualAddress);
    ULONG_PTR lo = (ULONG_PTR)mod->base, hi = lo + mod->size;
    if (!tls->AddressOfCallBacks || tls->AddressOfCallBacks < lo || tls->AddressOfCallBacks >= hi) return;
    for (ULONG_PTR *cb = (ULONG_PTR *)(ULONG_PTR)tls->AddressOfCallBacks; (ULONG_PTR)cb + 8 <= hi && *cb; cb++) {
        TRACE("%s: TLS callback %lx reason %u\n", mod->name, (unsigned long)*cb, reason);
        ((tls_callback_fn)*cb)(mod->base, reason, NULL);
    }
}

/* ---- imports ---- */

static const char *bind_imports(struct carafe_module *mod, char *err, size_t errlen)
{
    const IMAGE_DATA_DIRECTORY *dir = directory(mod, IMAGE_DIRECTORY_ENTRY_IMPORT);
    if (!dir) return NULL;
    IMAGE_IMPORT_DESCRIPTOR *d = (void *)(mod->base + dir->VirtualAddress);
    for (; d->Name || d->FirstThunk; d++) {
        const char *dllname = (const char *)mod->base + d->Name;
        char norm[140];
        int created;
        normalize_name(dllname, norm, sizeof(norm));
        struct carafe_module *dep = load_dll(norm, &created);
        if (!dep) WARN("%s: %s not found; its imports fail when called\n", mod->name, dllname);
        else {
            if (!created) dep->refcount++;   /* released when MOD is unloaded */
            struct carafe_module **deps = realloc(mod->deps, (mod->ndeps + 1) * sizeof(*deps));
            if (deps) { mod->deps = deps; deps[mod->ndeps++] = dep; }
        }
        ULONGLONG *lookup = (void *)(mod->base + (d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk));
        ULONGLONG *iat = (void *)(mod->base + d->FirstThunk);
        for (; *lookup; lookup++, iat++) {
            const char *fname = NULL;
            DWORD ord = 0;
            char ordname[16];
            if (*lookup & IMAGE_ORDINAL_FLAG64) {
                ord = *lookup & 0xffff;
                snprintf(ordname, sizeof(ordname), "#%u", ord);
            } else fname = (const char *)mod->base + *lookup + 2;
            enum resolved_kind kind = RESOLVED_MISSING;
            void *addr = dep ? resolve_export(dep, fname, ord, 0, &kind) : NULL;
            if (!addr) {
                if (dep) WARN("%s: %s.%s is not implemented; it fails when called\n", mod->name, dllname, fname ? fname : ordname);
                addr = missing_import_trap(dllname, fname ? fname : ordname);
                if (!addr) { snprintf(err, errlen, "out of memory"); return err; }
            }
            *iat = (ULONG_PTR)addr;
        }
    }
    return NULL;
}

/* ---- the DLL search path ---- */

#define SEARCH_FLAGS (LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_APPLICATION_DIR | \
                      LOAD_LIBRARY_SEARCH_USER_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32 | \
                      LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)

/* NAME in the Windows directory DOS; malloc'd Unix path or NULL.  Leaves the
 * last error alone: a search that finds nothing reports ERROR_MOD_NOT_FOUND. */
static char *find_in_dos_dir(const WCHAR *dos, const char *name)
{
    DWORD err = NtCurrentTeb()->LastErrorValue;
    char *dir = carafe_dos_to_unix(dos), *path = dir ? carafe_find_file_nocase(dir, name) : NULL;
    free(dir);
    carafe_set_last_error(err);
    return path;
}

/* NAME in one of the directories of the PATH environment variable */
static char *find_in_env_path(const char *name)
{
    const WCHAR *env = carafe_peb->ProcessParameters ? carafe_peb->ProcessParameters->Environment : NULL;
    static const WCHAR var[] = u"PATH=";
    char *path = NULL;
    for (; env && *env && !path; env += carafe_wcslen(env) + 1) {
        size_t i;
        for (i = 0; var[i] && (env[i] == var[i] || env[i] == var[i] + 32); i++) ;
        if (var[i]) continue;
        const WCHAR *v = env + i;
        while (*v && !path) {
            size_t n = 0;
            while (v[n] && v[n] != ';') n++;
            if (n) {
                WCHAR *dir = malloc((n + 1) * sizeof(WCHAR));
                if (!dir) return NULL;
                memcpy(dir, v, n * sizeof(WCHAR));
                dir[n] = 0;
                path = find_in_dos_dir(dir, name);
                free(dir);
            }
            v += n;
            if (*v) v++;
        }
    }
    return path;
}

/* Where a bare DLL name is found, in the order Microsoft documents
 * ("Dynamic-Link Library Search Order"): a malloc'd Unix path of a native
 * DLL, or NULL.  *use_builtin is set when the search reached the system
 * directory, where the builtin DLLs live, before any native file did. */
static char *search_dll(const char *name, int *use_builtin)
{
    DWORD flags = search_flags & SEARCH_FLAGS ? search_flags : default_search_flags;
    char *path = NULL;
    *use_builtin = 0;
    if (flags & SEARCH_FLAGS) {
        /* only the directories asked for, in this order */
        if (flags & LOAD_LIBRARY_SEARCH_DEFAULT_DIRS)
            flags |= LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32;
        if ((flags & LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) && search_load_dir)
            path = carafe_find_file_nocase(search_load_dir, name);
        if (!path && (flags & LOAD_LIBRARY_SEARCH_APPLICATION_DIR) && app_dir)
            path = carafe_find_file_nocase(app_dir, name);
        if (!path && (flags & LOAD_LIBRARY_SEARCH_USER_DIRS)) {
            if (dll_directory && *dll_directory) path = find_in_dos_dir(dll_directory, name);
            for (struct user_dir *d = user_dirs; d && !path; d = d->next)
                path = carafe_find_file_nocase(d->unix_dir, name);
        }
        if (!path && (flags & LOAD_LIBRARY_SEARCH_SYSTEM32)) {
            *use_builtin = 1;
            path = find_in_dos_dir(u"C:\\windows\\system32", name);
        }
        return path;
    }
    /* the standard order; LOAD_WITH_ALTERED_SEARCH_PATH puts the loading
     * DLL's directory in place of the application's */
    const char *first = (search_flags & LOAD_WITH_ALTERED_SEARCH_PATH) && search_load_dir ? search_load_dir : app_dir;
    if (first) path = carafe_find_file_nocase(first, name);
    if (!path && dll_directory && *dll_directory) path = find_in_dos_dir(dll_directory, name);
    if (path) return path;
    *use_builtin = 1;
    if ((path = find_in_dos_dir(u"C:\\windows\\system32", name))) return path;
    if ((path = find_in_dos_dir(u"C:\\windows", name))) return path;
    if (!dll_directory && (path = carafe_find_file_nocase(".", name))) return path;   /* SetDllDirectory removes it */
    return find_in_env_path(name);
}

/* Map a native DLL and bind it; the new module holds one reference. */
static struct carafe_module *load_native(const char *path, const char *name, int *created)
{
    char err[512];
    int status;
    struct carafe_module *mod = map_pe(path, name, err, sizeof(err), &status);
    if (!mod) {
        if (explicit_load) WARN("%s: %s\n", path, err);
        else fprintf(stderr, "carafe: %s: %s\n", path, err);
        carafe_set_last_error(status == EXIT_LOADER_NOTFOUND ? ERROR_MOD_NOT_FOUND : ERROR_BAD_EXE_FORMAT);
        return NULL;
    }
    add_module(mod);
    *created = 1;
    const char *msg = NULL;
    if (search_flags & DONT_RESOLVE_DLL_REFERENCES) mod->initialized = 1;   /* and DllMain is never called */
    else msg = bind_imports(mod, err, sizeof(err));
    if (!msg) msg = setup_tls(mod, err, sizeof(err));
    if (msg) fprintf(stderr, "carafe: %s: %s\n", name, msg);
    protect_sections(mod);
    return mod;
}

/* Find and load a DLL by normalized name: builtin for system DLLs, else
 * where the search path finds it (the builtin, if any, stands in the
 * system directory).  A module found already loaded is returned with
 * *created 0 and no new reference; the caller adds it. */
static struct carafe_module *load_dll(const char *name, int *created)
{
    const char *host = api_set_host(name);
    struct carafe_module *mod;
    int use_builtin = 1;
    *created = 0;
    if (host) name = host;
    if ((mod = find_loaded(name))) return mod;
    if (!is_system_dll(name)) {
        char *path = search_dll(name, &use_builtin);
        /* a native DLL found after the system directory loses to a builtin */
        if (path && use_builtin && (mod = load_builtin(name))) *created = 1;
        else if (path) mod = load_native(path, name, created);
        free(path);
        if (mod || !use_builtin) return mod;
    }
    if ((mod = load_builtin(name))) *created = 1;
    return mod;
}

/* ---- initialization (DllMain) ---- */

static const char *failed_init;   /* the DLL whose DllMain refused to load */
static int process_started;       /* static imports initialized; now LoadLibrary's turn */

static int initialize(struct carafe_module *mod, int depth)
{
    if (mod->initialized || depth > 256) return 1;
    mod->initialized = 1;
    for (int i = 0; i < mod->ndeps; i++)
        if (!initialize(mod->deps[i], depth + 1)) return 0;
    if (mod == exe_module) return 1;
    if (init_count == init_capacity) {
        init_capacity = init_capacity ? init_capacity * 2 : 16;
        init_order = realloc(init_order, init_capacity * sizeof(*init_order));
    }
    init_order[init_count++] = mod;
    LIST_ENTRY *head = &ldr_data.InInitializationOrderModuleList, *e = &mod->ldr.InInitializationOrderLinks;
    e->Flink = head;
    e->Blink = head->Blink;
    head->Blink->Flink = e;
    head->Blink = e;
    if (mod->builtin) {
        builtin_main_fn fn = (builtin_main_fn)dlsym(mod->so, "__carafe_dll_main");
        return fn ? fn(mod->base, DLL_PROCESS_ATTACH) : 1;
    }
    call_tls_callbacks(mod, DLL_PROCESS_ATTACH);
    mod->attached = 1;
    if (!mod->ldr.EntryPoint || !(nt_headers(mod)->FileHeader.Characteristics & IMAGE_FILE_DLL)) return 1;
    TRACE("%s: DllMain(PROCESS_ATTACH)\n", mod->name);
    /* lpReserved: non-NULL for the DLLs the process starts with, NULL for LoadLibrary */
    BOOL ok = ((dllmain_fn)mod->ldr.EntryPoint)(mod->base, DLL_PROCESS_ATTACH, process_started ? NULL : (void *)1);
    if (!ok) {
        WARN("%s: DllMain(DLL_PROCESS_ATTACH) failed\n", mod->name);
        failed_init = mod->name;
        /* Microsoft documents that LoadLibrary detaches it at once; it gets
         * no second DLL_PROCESS_DETACH when it is unloaded or at exit */
        mod->attached = 0;
        for (int i = init_count - 1; i >= 0; i--)
            if (init_order[i] == mod) { memmove(init_order + i, init_order + i + 1, (init_count - i - 1) * sizeof(*init_order)); init_count--; break; }
        e->Blink->Flink = e->Flink;
        e->Flink->Blink = e->Blink;
        e->Flink = e->Blink = e;
        if (process_started) {
            ((dllmain_fn)mod->ldr.EntryPoint)(mod->base, DLL_PROCESS_DETACH, NULL);
            call_tls_callbacks(mod, DLL_PROCESS_DETACH);
        }
    }
    return ok;
}

/* Take a native module out of the lists and unmap it. */
static void discard_module(struct carafe_module *mod)
{
    struct carafe_module **p = &modules;
    while (*p && *p != mod) p = &(*p)->next;
    if (*p) *p = mod->next;
    LIST_ENTRY *links[2] = { &mod->ldr.InLoadOrderLinks, &mod->ldr.InMemoryOrderLinks };
    for (int i = 0; i < 2; i++) {
        links[i]->Blink->Flink = links[i]->Flink;
        links[i]->Flink->Blink = links[i]->Blink;
    }
    if (mod->tls_index >= 0) {
        /* this thread's block; the index itself is not reused */
        void **slots = tls_array();
        free(slots[mod->tls_index]);
        slots[mod->tls_index] = NULL;
    }
    munmap(mod->base, mod->size);
    free(mod->deps);
    free(mod->name);
    free(mod->path);
    free(mod);
}

/* Drop one reference; at zero the DLL is detached (DllMain with lpReserved
 * NULL, then its TLS callbacks), the DLLs it imports are released in turn,
 * and it is unmapped.  Builtins and pinned modules stay.  Loader lock held. */
static void release_module(struct carafe_module *mod, int depth)
{
    if (mod->pinned || mod->builtin || depth > 256) return;
    if (mod->refcount > 1) {
        mod->refcount--;
        mod->ldr.LoadCount = mod->refcount;
        return;
    }
    mod->refcount = 0;
    mod->ldr.LoadCount = 0;
    TRACE("unloading %s\n", mod->name);
    if (mod->attached) {
        mod->attached = 0;
        if (mod->ldr.EntryPoint && (nt_headers(mod)->FileHeader.Characteristics & IMAGE_FILE_DLL))
            ((dllmain_fn)mod->ldr.EntryPoint)(mod->base, DLL_PROCESS_DETACH, NULL);
        call_tls_callbacks(mod, DLL_PROCESS_DETACH);
    }
    for (int i = init_count - 1; i >= 0; i--)
        if (init_order[i] == mod) { memmove(init_order + i, init_order + i + 1, (init_count - i - 1) * sizeof(*init_order)); init_count--; break; }
    LIST_ENTRY *e = &mod->ldr.InInitializationOrderLinks;
    if (e->Flink != e) {
        e->Blink->Flink = e->Flink;
        e->Flink->Blink = e->Blink;
        e->Flink = e->Blink = e;
    }
    for (int i = 0; i < mod->ndeps; i++) release_module(mod->deps[i], depth + 1);
    discard_module(mod);
}

void loader_detach_all(void)
{
    pthread_mutex_lock(&loader_lock);
    while (init_count > 0) {
        struct carafe_module *mod = init_order[--init_count];
        if (mod->builtin) {
            builtin_main_fn fn = (builtin_main_fn)dlsym(mod->so, "__carafe_dll_main");
            if (fn) fn(mod->base, DLL_PROCESS_DETACH);
            continue;
        }
        if (mod->ldr.EntryPoint && (nt_headers(mod)->FileHeader.Characteristics & IMAGE_FILE_DLL))
            ((dllmain_fn)mod->ldr.EntryPoint)(mod->base, DLL_PROCESS_DETACH, (void *)1);
        call_tls_callbacks(mod, DLL_PROCESS_DETACH);
    }
    if (exe_module) call_tls_callbacks(exe_module, DLL_PROCESS_DETACH);
    pthread_mutex_unlock(&loader_lock);
}

/* ---- the exe ---- */

static void init_ldr_lists(void)
{
    ldr_data.Length = sizeof(ldr_data);
    ldr_data.Initialized = 1;
    LIST_ENTRY *l[3] = { &ldr_data.InLoadOrderModuleList, &ldr_data.InMemoryOrderModuleList,
                         &ldr_data.InInitializationOrderModuleList };
    for (int i = 0; i < 3; i++) l[i]->Flink = l[i]->Blink = l[i];
    carafe_peb->Ldr = &ldr_data;
}

int loader_load_exe(const char *unix_path, const WCHAR *dos_path, char *err, size_t errlen)
{
    int status, created;
    char name[256];
    init_ldr_lists();
    normalize_name(unix_path, name, sizeof(name));
    char *slash = strrchr(unix_path, '/');
    app_dir = slash ? strndup(unix_path, slash - unix_path) : strdup(".");
    if (slash == unix_path) app_dir[0] = 0;
    struct carafe_module *mod = map_pe(unix_path, name, err, errlen, &status);
    if (!mod) return status;
    if (nt_headers(mod)->FileHeader.Characteristics & IMAGE_FILE_DLL) {
        snprintf(err, errlen, "a DLL, not a program");
        return EXIT_LOADER_BADFORMAT;
    }
    free(mod->path);
    mod->path = carafe_wcsdup(dos_path);
    exe_module = mod;
    add_module(mod);
    carafe_peb->ImageBaseAddress = mod->base;
    IMAGE_NT_HEADERS64 *nt = nt_headers(mod);
    carafe_peb->ImageSubsystem = nt->OptionalHeader.Subsystem;
    carafe_peb->ImageSubsystemMajorVersion = nt->OptionalHeader.MajorSubsystemVersion;
    carafe_peb->ImageSubsystemMinorVersion = nt->OptionalHeader.MinorSubsystemVersion;
    /* every process has ntdll and kernel32 */
    load_dll("ntdll.dll", &created);
    load_dll("kernel32.dll", &created);
    if (bind_imports(mod, err, errlen) || setup_tls(mod, err, errlen)) return EXIT_LOADER_BADFORMAT;
    protect_sections(mod);
    return 0;
}

static void run_exe(void *arg)
{
    pthread_mutex_lock(&loader_lock);
    for (struct carafe_module *m = modules; m; m = m->next)
        if (m->builtin && !strcmp(m->name, "ntdll.dll")) initialize(m, 0);
    for (struct carafe_module *m = modules; m; m = m->next)
        if (m->builtin && !strcmp(m->name, "kernel32.dll")) initialize(m, 0);
    if (!initialize(exe_module, 0)) {
        pthread_mutex_unlock(&loader_lock);
        fprintf(stderr, "carafe: %s: DllMain(DLL_PROCESS_ATTACH) failed\n", failed_init ? failed_init : "a DLL");
        carafe_exit_process(STATUS_DLL_INIT_FAILED);
    }
    process_started = 1;
    /* the exe and what it imports stay until the process ends */
    for (struct carafe_module *m = modules; m; m = m->next) m->pinned = 1;
    pthread_mutex_unlock(&loader_lock);
    call_tls_callbacks(exe_module, DLL_PROCESS_ATTACH);
    entry_fn entry = (entry_fn)exe_module->ldr.EntryPoint;
    if (!entry) carafe_exit_process(0);
    DWORD code = entry(carafe_peb);
    carafe_exit_process(code);
}

void loader_run_exe(void)
{
    IMAGE_NT_HEADERS64 *nt = nt_headers(exe_module);
    size_t reserve = nt->OptionalHeader.SizeOfStackReserve;
    if (reserve < 0x100000) reserve = 0x100000;
    reserve = (reserve + 0xffff) & ~0xfffful;
    unsigned char *stack = mmap(NULL, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED) {
        fprintf(stderr, "carafe: cannot allocate the main thread's stack (%zu bytes)\n", reserve);
        _exit(EXIT_LOADER_USAGE);
    }
    mprotect(stack, STACK_GUARD_SIZE, PROT_NONE);   /* guard zone (exception_private.h) */
    TEB *teb = NtCurrentTeb();
    teb->DeallocationStack = stack;
    teb->Tib.StackLimit = stack + STACK_GUARD_SIZE;
    teb->Tib.StackBase = stack + reserve;
    carafe_call_on_stack(run_exe, NULL, stack + reserve);
    _exit(0);   /* not reached: run_exe exits */
}

/* ---- carafe --check ---- */

int loader_check_imports(const char *unix_path)
{
    const IMAGE_DATA_DIRECTORY *dir = directory(exe_module, IMAGE_DIRECTORY_ENTRY_IMPORT);
    int counts[3] = { 0 };
    static const char *labels[] = { "implemented", "stub", "missing" };
    if (dir) {
        IMAGE_IMPORT_DESCRIPTOR *d = (void *)(exe_module->base + dir->VirtualAddress);
        for (; d->Name || d->FirstThunk; d++) {
            const char *dllname = (const char *)exe_module->base + d->Name;
            char norm[140];
            int created;
            normalize_name(dllname, norm, sizeof(norm));
            struct carafe_module *dep = load_dll(norm, &created);
            printf("%s (%s)\n", dllname, !dep ? "not found" : dep->builtin ? "builtin" : "native");
            ULONGLONG *lookup = (void *)(exe_module->base + (d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk));
            for (; *lookup; lookup++) {
                const char *fname = NULL;
                DWORD ord = 0;
                char buf[16];
                if (*lookup & IMAGE_ORDINAL_FLAG64) {
                    ord = *lookup & 0xffff;
                    snprintf(buf, sizeof(buf), "#%u", ord);
                } else fname = (const char *)exe_module->base + *lookup + 2;
                enum resolved_kind kind = RESOLVED_MISSING;
                if (dep && !resolve_export(dep, fname, ord, 0, &kind)) kind = RESOLVED_MISSING;
                counts[kind]++;
                printf("  %-12s %s\n", labels[kind], fname ? fname : buf);
            }
        }
    }
    printf("%s: %d implemented, %d stubs, %d missing\n", unix_path, counts[0], counts[1], counts[2]);
    return counts[1] || counts[2] ? 1 : 0;
}

/* ---- services for kernel32 ---- */

HMODULE carafe_exe_module(void)
{
    return exe_module ? (HMODULE)exe_module->base : NULL;
}

HMODULE carafe_module_from_address(const void *addr)
{
    struct carafe_module *m = loader_module_by_address(addr);
    return m ? (HMODULE)m->base : NULL;
}

/* the module whose image holds PC (MSVC's _CxxThrowException asks for the
 * base of the throw information's RVAs); for ELF code of a builtin, that
 * builtin's module, as GetModuleHandleEx(FROM_ADDRESS) answers */
PVOID WINAPI RtlPcToFileHeader(PVOID pc, PVOID *base)
{
    *base = carafe_module_from_address(pc);
    return *base;
}

const WCHAR *carafe_module_path(HMODULE h)
{
    struct carafe_module *m = h ? find_by_base(h) : exe_module;
    return m ? m->path : NULL;
}

HMODULE carafe_find_module(const WCHAR *wname)
{
    if (!wname) return carafe_exe_module();
    char *u = carafe_wide_to_utf8_alloc(wname), norm[256];
    HMODULE ret = NULL;
    if (!u) return NULL;
    normalize_name(u, norm, sizeof(norm));
    const char *host = api_set_host(norm);
    pthread_mutex_lock(&loader_lock);
    struct carafe_module *m = find_loaded(host ? host : norm);
    if (m) ret = m->base;
    pthread_mutex_unlock(&loader_lock);
    free(u);
    return ret;
}

void *carafe_get_proc_address(HMODULE h, const char *name)
{
    void *ret = NULL;
    enum resolved_kind kind;
    pthread_mutex_lock(&loader_lock);
    struct carafe_module *m = h ? find_by_base(h) : exe_module;
    if (!m) carafe_set_last_error(ERROR_MOD_NOT_FOUND);
    else {
        if ((ULONG_PTR)name < 0x10000) ret = resolve_export(m, NULL, (DWORD)(ULONG_PTR)name, 0, &kind);
        else ret = resolve_export(m, name, 0, 0, &kind);
        if (!ret) carafe_set_last_error(ERROR_PROC_NOT_FOUND);
    }
    pthread_mutex_unlock(&loader_lock);
    return ret;
}

/* The Unix file an explicit path names, with ".dll" added to a file name
 * without an extension and a trailing '.' removed, as LoadLibrary does. */
static char *dll_path_to_unix(const WCHAR *wname)
{
    size_t len = carafe_wcslen(wname), base = len;
    while (base > 0 && wname[base - 1] != '\\' && wname[base - 1] != '/') base--;
    WCHAR *w = malloc((len + 5) * sizeof(WCHAR));
    if (!w) return NULL;
    memcpy(w, wname, (len + 1) * sizeof(WCHAR));
    int dot = 0;
    for (size_t i = base; i < len; i++) if (w[i] == '.') dot = 1;
    if (!dot) memcpy(w + len, u".dll", 5 * sizeof(WCHAR));
    else if (len > base && w[len - 1] == '.') w[len - 1] = 0;
    char *path = carafe_dos_to_unix(w);
    free(w);
    return path;
}

static struct carafe_module *find_by_unix_path(const char *path)
{
    WCHAR *dos = carafe_unix_to_dos(path);
    struct carafe_module *ret = NULL;
    for (struct carafe_module *m = modules; dos && m && !ret; m = m->next)
        if (!m->builtin && !carafe_wcsicmp(m->path, dos)) ret = m;
    free(dos);
    return ret;
}

/* LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) maps the file as it is on disk;
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE maps its sections as an image.  Neither
 * binds imports, runs code or enters the module lists.  The handle is the
 * base with bit 0 (data file) or bit 1 (image resource) set, as on Windows. */
static HMODULE load_datafile(const char *path, DWORD flags)
{
    struct datafile *df = calloc(1, sizeof(*df));
    int image = (flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE) != 0;
    char err[512];
    if (!df) { carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    if (image) {
        int status;
        struct carafe_module *mod = map_pe(path, "datafile", err, sizeof(err), &status);
        if (!mod) {
            WARN("%s: %s\n", path, err);
            carafe_set_last_error(status == EXIT_LOADER_NOTFOUND ? ERROR_MOD_NOT_FOUND : ERROR_BAD_EXE_FORMAT);
            free(df);
            return NULL;
        }
        df->base = mod->base;
        df->size = mod->size;
        free(mod->name);
        free(mod->path);
        free(mod);
    } else {
        struct pe_file pe;
        struct stat st;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        void *p = MAP_FAILED;
        if (fd >= 0 && !fstat(fd, &st) && st.st_size > 0)
            p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (fd >= 0) close(fd);
        if (p == MAP_FAILED || pe_check_file(p, st.st_size, &pe, err, sizeof(err))) {
            carafe_set_last_error(p == MAP_FAILED && fd < 0 ? ERROR_MOD_NOT_FOUND : ERROR_BAD_EXE_FORMAT);
            if (p != MAP_FAILED) munmap(p, st.st_size);
            free(df);
            return NULL;
        }
        df->base = p;
        df->size = st.st_size;
    }
    mprotect(df->base, df->size, PROT_READ);
    df->next = datafiles;
    datafiles = df;
    return (HMODULE)((ULONG_PTR)df->base | (image ? 2 : 1));
}

#define DATAFILE_FLAGS (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | LOAD_LIBRARY_AS_IMAGE_RESOURCE)

HMODULE carafe_load_library(const WCHAR *wname, DWORD flags)
{
    char *u = carafe_wide_to_utf8_alloc(wname), norm[256];
    struct carafe_module *mod = NULL;
    HMODULE ret = NULL;
    int created = 0, by_path;
    if (!u) { carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    normalize_name(u, norm, sizeof(norm));
    by_path = (strchr(u, '\\') || strchr(u, '/')) && !is_system_dll(norm) && !api_set_host(norm);
    pthread_mutex_lock(&loader_lock);
    DWORD saved_flags = search_flags;
    char *saved_dir = search_load_dir, *path = NULL;
    if (by_path) {
        path = dll_path_to_unix(wname);
        if (path && access(path, F_OK)) { free(path); path = NULL; }
        if (!path) { carafe_set_last_error(ERROR_MOD_NOT_FOUND); goto done; }
    }
    if (flags & DATAFILE_FLAGS) {
        /* a DLL already loaded as a module is shared (Wine does the same) */
        if (!(flags & (LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | LOAD_LIBRARY_AS_IMAGE_RESOURCE)) &&
            (mod = by_path ? find_by_unix_path(path) : find_loaded(api_set_host(norm) ? api_set_host(norm) : norm))) {
            if (!mod->builtin) mod->refcount++;
            ret = (HMODULE)mod->base;
            goto done;
        }
        mod = NULL;
        if (!path) {
            int use_builtin;
            path = is_system_dll(norm) ? NULL : search_dll(norm, &use_builtin);
        }
        if (!path) { carafe_set_last_error(ERROR_MOD_NOT_FOUND); goto done; }
        ret = load_datafile(path, flags);
        goto done;
    }
    search_flags = flags;
    int saved_explicit = explicit_load;
    explicit_load = 1;
    if (by_path) {
        /* an explicit path names exactly that file */
        char *slash = strrchr(path, '/');
        search_load_dir = slash ? strndup(path, slash - path) : NULL;
        if (!(mod = find_by_unix_path(path))) mod = load_native(path, norm, &created);
        free(search_load_dir);
    } else {
        search_load_dir = NULL;
        mod = load_dll(norm, &created);
        if (!mod) carafe_set_last_error(ERROR_MOD_NOT_FOUND);
    }
    search_flags = saved_flags;
    search_load_dir = saved_dir;
    explicit_load = saved_explicit;
    if (!mod) goto done;
    if (!created && !mod->builtin) mod->refcount++;
    mod->ldr.LoadCount = mod->pinned ? 0xffff : mod->refcount;
    if (!initialize(mod, 0)) {
        carafe_set_last_error(ERROR_DLL_INIT_FAILED);
        release_module(mod, 0);
        goto done;
    }
    ret = (HMODULE)mod->base;
done:
    pthread_mutex_unlock(&loader_lock);
    free(path);
    free(u);
    return ret;
}

BOOL carafe_free_library(HMODULE h)
{
    BOOL ret = TRUE;
    pthread_mutex_lock(&loader_lock);
    if ((ULONG_PTR)h & 3) {
        struct datafile **p = &datafiles, *df;
        unsigned char *base = (unsigned char *)((ULONG_PTR)h & ~(ULONG_PTR)3);
        while (*p && (*p)->base != base) p = &(*p)->next;
        if ((df = *p)) {
            *p = df->next;
            munmap(df->base, df->size);
            free(df);
        } else {
            carafe_set_last_error(ERROR_MOD_NOT_FOUND);
            ret = FALSE;
        }
    } else {
        struct carafe_module *m = find_by_base(h);
        if (m) release_module(m, 0);
        else {
            carafe_set_last_error(ERROR_MOD_NOT_FOUND);
            ret = FALSE;
        }
    }
    pthread_mutex_unlock(&loader_lock);
    return ret;
}

BOOL carafe_module_addref(HMODULE h, BOOL pin)
{
    pthread_mutex_lock(&loader_lock);
    struct carafe_module *m = find_by_base(h);
    if (m && pin) {
        m->pinned = 1;
        m->ldr.LoadCount = 0xffff;
    } else if (m && !m->builtin && !m->pinned) m->ldr.LoadCount = ++m->refcount;
    pthread_mutex_unlock(&loader_lock);
    if (!m) carafe_set_last_error(ERROR_MOD_NOT_FOUND);
    return m != NULL;
}

DWORD carafe_enum_modules(HMODULE *out, DWORD max)
{
    DWORD n = 0;
    pthread_mutex_lock(&loader_lock);
    /* PEB load order: the exe was linked in first */
    for (LIST_ENTRY *e = ldr_data.InLoadOrderModuleList.Flink; e != &ldr_data.InLoadOrderModuleList; e = e->Flink, n++)
        if (n < max) out[n] = ((LDR_DATA_TABLE_ENTRY *)e)->DllBase;
    pthread_mutex_unlock(&loader_lock);
    return n;
}

BOOL carafe_module_info(HMODULE h, void **base, DWORD *size, void **entry)
{
    pthread_mutex_lock(&loader_lock);
    struct carafe_module *m = h ? find_by_base(h) : exe_module;
    if (m) {
        *base = m->base;
        *size = m->size;
        *entry = m->builtin ? NULL : m->ldr.EntryPoint;
    }
    pthread_mutex_unlock(&loader_lock);
    if (!m) carafe_set_last_error(ERROR_MOD_NOT_FOUND);
    return m != NULL;
}

/* The mapping behind a module or LoadLibraryEx data-file handle, for the
 * resource functions: FLAT is set when it is the file as on disk (base|1). */
BOOL carafe_image_extent(HMODULE h, void **base, SIZE_T *size, BOOL *flat)
{
    BOOL found = FALSE;
    pthread_mutex_lock(&loader_lock);
    if ((ULONG_PTR)h & 3) {
        unsigned char *b = (unsigned char *)((ULONG_PTR)h & ~(ULONG_PTR)3);
        for (struct datafile *df = datafiles; df && !found; df = df->next)
            if (df->base == b) {
                *base = df->base;
                *size = df->size;
                *flat = ((ULONG_PTR)h & 1) != 0;
                found = TRUE;
            }
    } else {
        struct carafe_module *m = h ? find_by_base(h) : exe_module;
        if (m) {
            *base = m->base;
            *size = m->size;
            *flat = FALSE;
            found = TRUE;
        }
    }
    pthread_mutex_unlock(&loader_lock);
    if (!found) carafe_set_last_error(ERROR_MOD_NOT_FOUND);
    return found;
}

/* ---- the search path, as kernel32 sets it ---- */

BOOL carafe_set_dll_directory(const WCHAR *dir)
{
    WCHAR *copy = dir ? carafe_wcsdup(dir) : NULL;
    if (dir && !copy) { carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    pthread_mutex_lock(&loader_lock);
    free(dll_directory);
    dll_directory = copy;
    pthread_mutex_unlock(&loader_lock);
    return TRUE;
}

DWORD carafe_get_dll_directory(WCHAR *buf, DWORD size)
{
    pthread_mutex_lock(&loader_lock);
    DWORD len = dll_directory ? carafe_wcslen(dll_directory) : 0;
    if (len < size) {
        if (len) memcpy(buf, dll_directory, len * sizeof(WCHAR));
        buf[len] = 0;
    } else len++;   /* the size needed, with the NUL */
    pthread_mutex_unlock(&loader_lock);
    return len;
}

void *carafe_add_dll_directory(const WCHAR *dir)
{
    struct user_dir *d = calloc(1, sizeof(*d));
    char *unix_dir = carafe_dos_to_unix(dir);
    struct stat st;
    if (!d || !unix_dir || stat(unix_dir, &st) || !S_ISDIR(st.st_mode)) {
        if (d && unix_dir) carafe_set_last_error(ERROR_FILE_NOT_FOUND);
        free(d);
        free(unix_dir);
        return NULL;
    }
    d->unix_dir = unix_dir;
    d->dos_dir = carafe_wcsdup(dir);
    pthread_mutex_lock(&loader_lock);
    struct user_dir **p = &user_dirs;
    while (*p) p = &(*p)->next;
    *p = d;
    pthread_mutex_unlock(&loader_lock);
    return d;
}

BOOL carafe_remove_dll_directory(void *cookie)
{
    pthread_mutex_lock(&loader_lock);
    struct user_dir **p = &user_dirs, *d;
    while (*p && *p != cookie) p = &(*p)->next;
    if ((d = *p)) *p = d->next;
    pthread_mutex_unlock(&loader_lock);
    if (!d) { carafe_set_last_error(ERROR_INVALID_PARAMETER); return FALSE; }
    free(d->unix_dir);
    free(d->dos_dir);
    free(d);
    return TRUE;
}

BOOL carafe_set_default_dll_directories(DWORD flags)
{
    if (!flags || (flags & ~SEARCH_FLAGS) || (flags & LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&loader_lock);
    default_search_flags = flags;
    pthread_mutex_unlock(&loader_lock);
    return TRUE;
}

/* the loader lock, for the thread notifications (loader_thread.c) */
void loader_lock_acquire(void) { pthread_mutex_lock(&loader_lock); }
void loader_lock_release(void) { pthread_mutex_unlock(&loader_lock); }
