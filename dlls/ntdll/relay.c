/* +relay: trace every call from Windows code into a builtin function, with
 * its arguments typed by the .spec file, and its return value.
 * CARAFE_DEBUG=+relay.  Each traced export gets a thunk
 *   mov rax, &relay_entry_info; jmp carafe_relay_entry
 * and carafe_relay_entry (relay_thunk.S) calls back here before and after
 * the real function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include "ntdll_private.h"

DECLARE_DEBUG_CHANNEL(relay);

#define RELAY_THUNK_SIZE 32
#define MAX_RELAY_ARGS 16

struct relay_info {
    void *func;             /* first: relay_thunk.S reads it at offset 0 */
    unsigned long nargs;    /* at offset 8: stack arguments to copy */
    const char *dll, *name, *args;
};

extern const char carafe_relay_entry[];

int relay_enabled(void)
{
    return TRACE_ON(relay);
}

static int count_args(const char *args)
{
    int n = 0;
    if (!*args) return 0;
    for (const char *p = args; *p; p++) if (*p == ',') n++;
    return n + 1;
}

void *relay_wrap(const char *dll, const struct carafe_export *e)
{
    static unsigned char *pool;
    static size_t used, pool_size = 0x10000;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    int n = count_args(e->args);
    /* not traced: variadic (the argument count is unknown) or -norelay */
    if ((e->flags & (EXPORT_VARARGS | EXPORT_NORELAY)) || n > MAX_RELAY_ARGS) return e->addr;
    struct relay_info *info = malloc(sizeof(*info));
    if (!info) return e->addr;
    info->func = e->addr;
    info->nargs = n;
    info->dll = dll;
    info->name = e->name ? e->name : "(ordinal)";
    info->args = e->args;
    pthread_mutex_lock(&lock);
    if (!pool || used + RELAY_THUNK_SIZE > pool_size) {
        pool = mmap(NULL, pool_size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pool == MAP_FAILED) { pool = NULL; pthread_mutex_unlock(&lock); return e->addr; }
        used = 0;
    }
    unsigned char *p = pool + used;
    used += RELAY_THUNK_SIZE;
    pthread_mutex_unlock(&lock);
    p[0] = 0x48; p[1] = 0xb8;               /* mov rax, info */
    memcpy(p + 2, &info, 8);
    p[10] = 0xff; p[11] = 0x25;             /* jmp [rip+0] */
    memset(p + 12, 0, 4);
    const void *entry = carafe_relay_entry;
    memcpy(p + 16, &entry, 8);
    return p;
}

static void dll_prefix(const char *dll, char *out, size_t size)
{
    size_t i;
    for (i = 0; dll[i] && dll[i] != '.' && i + 1 < size; i++) out[i] = dll[i] >= 'a' && dll[i] <= 'z' ? dll[i] - 32 : dll[i];
    out[i] = 0;
}

static int format_arg(char *buf, size_t size, const char *type, size_t tlen, ULONG_PTR v, double d)
{
    if (tlen == 3 && !strncmp(type, "str", 3) && v > 0xffff) return snprintf(buf, size, "\"%.80s\"", (const char *)v);
    if (tlen == 4 && !strncmp(type, "wstr", 4) && v > 0xffff) {
        char u[256];
        const WCHAR *w = (const WCHAR *)v;
        int n = 0;
        while (w[n] && n < 80) n++;
        int len = carafe_utf16_to_utf8(w, n, u, sizeof(u) - 1);
        u[len] = 0;
        return snprintf(buf, size, "L\"%s\"", u);
    }
    if (tlen == 6 && !strncmp(type, "double", 6)) return snprintf(buf, size, "%g", d);
    if (tlen == 4 && !strncmp(type, "long", 4)) return snprintf(buf, size, "%08x", (unsigned)v);
    return snprintf(buf, size, "%016lx", (unsigned long)v);
}

/* args: the integer argument slots (registers stored in the home area,
 * then the stack); fargs: xmm0-3 */
__attribute__((used)) void carafe_relay_call(const struct relay_info *info, const ULONG_PTR *args,
                                             const double *fargs, void *ret)
{
    char line[1024], where[128], dll[32];
    int n = 0;
    dll_prefix(info->dll, dll, sizeof(dll));
    carafe_describe_address(ret, where, sizeof(where));
    n += snprintf(line + n, sizeof(line) - n, "carafe: %04x:Call %s.%s(", (unsigned)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread, dll, info->name);
    const char *t = info->args;
    for (unsigned long i = 0; i < info->nargs && n < (int)sizeof(line) - 100; i++) {
        size_t tlen = strcspn(t, ",");
        n += format_arg(line + n, sizeof(line) - n, t, tlen, args[i], i < 4 ? fargs[i] : *(const double *)&args[i]);
        if (i + 1 < info->nargs) line[n++] = ',';
        t += tlen + (t[tlen] == ',');
    }
    snprintf(line + n, sizeof(line) - n, ") ret=%s\n", where);
    fputs(line, stderr);
}

__attribute__((used)) void carafe_relay_ret(const struct relay_info *info, ULONG_PTR retval, void *ret)
{
    char where[128], dll[32];
    dll_prefix(info->dll, dll, sizeof(dll));
    carafe_describe_address(ret, where, sizeof(where));
    fprintf(stderr, "carafe: %04x:Ret  %s.%s() retval=%016lx ret=%s\n", (unsigned)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread,
            dll, info->name, (unsigned long)retval, where);
}
