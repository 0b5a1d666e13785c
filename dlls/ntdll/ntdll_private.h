/* What ntdll's source files share. */
#ifndef CARAFE_NTDLL_PRIVATE_H
#define CARAFE_NTDLL_PRIVATE_H

#include "carafe/ntdll.h"
#include "carafe/spec.h"

/* exit statuses of carafe itself (documented in docs/carafe.1) */
#define EXIT_LOADER_USAGE     125  /* bad usage or failure before the program ran */
#define EXIT_LOADER_BADFORMAT 126  /* not a valid (supported) Windows program */
#define EXIT_LOADER_NOTFOUND  127  /* the program file does not exist or cannot be read */

NTSTATUS ntdll_errno_to_status(int err);                  /* error.c */
int ntdll_file_is_plain(const struct file_object *f);     /* handle.c */
const char *carafe_drive_root(int letter);   /* Unix directory of a drive, NULL if unmapped */
char *carafe_find_file_nocase(const char *dir, const char *name);

/* the PE image checks (pe.c); on failure they return a message */
struct pe_file {
    const unsigned char *data;
    size_t size;
    const IMAGE_NT_HEADERS64 *nt;
    const IMAGE_SECTION_HEADER *sections;
    unsigned int nsections;
};
const char *pe_check_file(const void *data, size_t size, struct pe_file *pe, char *buf, size_t bufsize);
int pe_rva_ok(DWORD size_of_image, ULONGLONG rva, ULONGLONG len);
const char *pe_check_directories(const unsigned char *base, DWORD size_of_image, char *buf, size_t bufsize);

/* loader (module.c) */
struct carafe_module {
    LDR_DATA_TABLE_ENTRY ldr;          /* first: PEB->Ldr lists link these */
    struct carafe_module *next;        /* all modules, load order */
    unsigned char *base;
    DWORD size;
    int builtin;
    void *so;                          /* dlopen handle of a builtin */
    const struct carafe_dll *dll;      /* a builtin's export table */
    void *so_base;                     /* where the ELF object is mapped */
    WCHAR *path;                       /* Windows path */
    char *name;                        /* base name, lower case, UTF-8 */
    int refcount;
    int initialized;                   /* DllMain(PROCESS_ATTACH) done */
    int attached;                      /* ... and it succeeded: DETACH is owed */
    int pinned;                        /* never unloaded: static imports, PIN */
    int tls_index;                     /* -1: no TLS directory */
    int no_thread_calls;               /* DisableThreadLibraryCalls */
    struct carafe_module **deps;
    int ndeps;
};
int loader_load_exe(const char *unix_path, const WCHAR *dos_path, char *err, size_t errlen);
void loader_run_exe(void) __attribute__((noreturn));
void loader_detach_all(void);
int loader_check_imports(const char *unix_path);   /* carafe --check */
struct carafe_module *loader_module_by_address(const void *addr);
void loader_lock_acquire(void);
void loader_lock_release(void);
/* thread notifications (loader_thread.c) */
void loader_thread_attach(void);    /* a new thread: TLS blocks, callbacks, DllMain */
void loader_thread_detach(void);
void loader_thread_free_tls(TEB *teb);

/* +relay (relay.c) */
int relay_enabled(void);
void *relay_wrap(const char *dll, const struct carafe_export *e);

/* process start (start.c) */
extern PEB *carafe_peb;
void process_init_params(int argc, char **argv, const WCHAR *image_path);
/* process_start.c: the block a carafe parent left (include/carafe/process.h) */
void process_startup_read(void);
void process_startup_handles(void);
TEB *thread_alloc_teb(void);
void thread_set_teb(TEB *teb);

/* faults (signal.c) */
void signal_init(void);
void signal_init_thread(void);
void user_shared_data_init(void);

/* x86_64 helpers (thunks.S) */
void carafe_call_on_stack(void (*func)(void *), void *arg, void *stack_top);
extern const char carafe_stub_trap[];

/* imagecache.c: large images laid out once, mapped at later starts */
struct stat;
int image_cache_map(const struct stat *st, unsigned char *base, size_t size);
void image_cache_store(const struct stat *st, const unsigned char *base, size_t size, DWORD headers,
                       const IMAGE_SECTION_HEADER *sections, unsigned int nsections);

#endif
