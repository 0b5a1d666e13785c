/* Virtual memory over mmap (DESIGN decision 13): reserve = PROT_NONE mapping
 * at 64 KiB granularity, commit = mprotect.  Queries read /proc/self/maps. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "kernel32_private.h"
#include "named_private.h"

DEFAULT_DEBUG_CHANNEL(virtual);

#define GRANULARITY 0x10000ul
#define PAGE 0x1000ul

#define USER_SPACE_END 0x7fffffff0000ul   /* one past lpMaximumApplicationAddress */

/* A reservation made by VirtualAlloc and the state of each of its pages:
 * 0 = reserved only, otherwise the page's PAGE_* protection (one byte). */
struct region {
    unsigned char *base;
    size_t size;
    DWORD alloc_protect;
    unsigned char *pages;
    struct region *next;
};
static struct region *regions;
static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;

static int unix_prot(DWORD protect)
{
    switch (protect & ~(PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) {
    case PAGE_NOACCESS: return PROT_NONE;
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE: case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
    default: return -1;
    }
}

static DWORD win_prot(const char *perms)
{
    int r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
    if (x) return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    if (w) return PAGE_READWRITE;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

static struct region *find_region(const void *addr)
{
    for (struct region *r = regions; r; r = r->next)
        if ((const unsigned char *)addr >= r->base && (const unsigned char *)addr < r->base + r->size) return r;
    return NULL;
}

static ULONG_PTR page_down(ULONG_PTR a) { return a & ~(PAGE - 1); }
static ULONG_PTR page_up(ULONG_PTR a) { return (a + PAGE - 1) & ~(PAGE - 1); }

/* commit [start, end) of a reservation */
static BOOL commit_pages(struct region *r, unsigned char *start, unsigned char *end, DWORD protect)
{
    if (end > r->base + r->size) { SetLastError(ERROR_INVALID_ADDRESS); return FALSE; }
    if (mprotect(start, end - start, unix_prot(protect))) { carafe_set_errno_error(); return FALSE; }
    memset(r->pages + (start - r->base) / PAGE, (unsigned char)protect, (end - start) / PAGE);
    return TRUE;
}

/* a new reservation of [base, base + len); NULL base: anywhere, 64 KiB aligned */
static struct region *reserve(unsigned char *base, size_t len, int prot, DWORD protect)
{
    unsigned char *p;
    struct region *r = malloc(sizeof(*r));
    unsigned char *pages = calloc(len / PAGE, 1);
    if (!r || !pages) goto nomem;
    if (base) {
        p = mmap(base, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED || p != base) {
            if (p != MAP_FAILED) munmap(p, len);
            SetLastError(ERROR_INVALID_ADDRESS);
            goto fail;
        }
    } else {
        p = mmap(NULL, len + GRANULARITY, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) goto nomem;
        base = (unsigned char *)(((ULONG_PTR)p + GRANULARITY - 1) & ~(GRANULARITY - 1));
        if (base > p) munmap(p, base - p);
        munmap(base + len, p + len + GRANULARITY - (base + len));
    }
    r->base = base;
    r->size = len;
    r->alloc_protect = protect;
    r->pages = pages;
    r->next = regions;
    regions = r;
    return r;
nomem:
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
fail:
    free(r);
    free(pages);
    return NULL;
}

LPVOID WINAPI VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type, DWORD protect)
{
    int prot = unix_prot(protect);
    if (!size || prot < 0 || !(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET)) ||
        ((type & MEM_RESET) && (type & (MEM_COMMIT | MEM_RESERVE)))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if ((ULONG_PTR)addr >= USER_SPACE_END || size >= USER_SPACE_END) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (type & MEM_RESET) return addr;   /* contents may be discarded: keeping them is allowed */
    pthread_mutex_lock(&regions_lock);
    unsigned char *ret = NULL;
    if (!(type & MEM_RESERVE)) {
        /* commit inside a reservation (or reserve and commit anywhere) */
        unsigned char *start = (unsigned char *)page_down((ULONG_PTR)addr);
        unsigned char *end = (unsigned char *)page_up((ULONG_PTR)addr + size);
        struct region *r;
        if (!addr) {
            if ((r = reserve(NULL, end - start, prot, protect))) {
                memset(r->pages, (unsigned char)protect, r->size / PAGE);
                ret = r->base;
            }
        } else if (!(r = find_region(addr))) SetLastError(ERROR_INVALID_ADDRESS);
        else if (commit_pages(r, start, end, protect)) ret = start;
        goto done;
    }
    unsigned char *base = (unsigned char *)((ULONG_PTR)addr & ~(GRANULARITY - 1));
    size_t len = page_up((ULONG_PTR)addr + size) - (ULONG_PTR)base;
    if (!addr) len = page_up(size);
    struct region *r = reserve(addr ? base : NULL, len, (type & MEM_COMMIT) ? prot : PROT_NONE, protect);
    if (r) {
        if (type & MEM_COMMIT) memset(r->pages, (unsigned char)protect, r->size / PAGE);
        ret = r->base;
    }
done:
    pthread_mutex_unlock(&regions_lock);
    return ret;
}

BOOL WINAPI VirtualFree(LPVOID addr, SIZE_T size, DWORD type)
{
    BOOL ret = FALSE;
    if (type != MEM_RELEASE && type != MEM_DECOMMIT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&regions_lock);
    struct region **pr = &regions, *r;
    while ((r = *pr) && !((unsigned char *)addr >= r->base && (unsigned char *)addr < r->base + r->size)) pr = &r->next;
    if (!r) {
        SetLastError(ERROR_INVALID_ADDRESS);
    } else if (type == MEM_RELEASE) {
        if (size || addr != r->base) SetLastError(ERROR_INVALID_PARAMETER);
        else {
            munmap(r->base, r->size);
            *pr = r->next;
            free(r->pages);
            free(r);
            ret = TRUE;
        }
    } else {
        unsigned char *start = (unsigned char *)page_down((ULONG_PTR)addr);
        unsigned char *end = size ? (unsigned char *)page_up((ULONG_PTR)addr + size) : r->base + r->size;
        if (!size && addr != r->base) SetLastError(ERROR_INVALID_PARAMETER);
        else if (end > r->base + r->size) SetLastError(ERROR_INVALID_PARAMETER);
        else {
            /* fresh pages: what is committed again reads as zero */
            mmap(start, end - start, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
            memset(r->pages + (start - r->base) / PAGE, 0, (end - start) / PAGE);
            ret = TRUE;
        }
    }
    pthread_mutex_unlock(&regions_lock);
    return ret;
}

/* the run of pages like the one at a, inside a reservation */
static void query_region(struct region *r, ULONG_PTR a, MEMORY_BASIC_INFORMATION *info)
{
    size_t first = (a - (ULONG_PTR)r->base) / PAGE, n = r->size / PAGE, i = first;
    unsigned char state = r->pages[first];
    while (i < n && r->pages[i] == state) i++;
    info->BaseAddress = (void *)a;
    info->AllocationBase = r->base;
    info->AllocationProtect = r->alloc_protect;
    info->RegionSize = (i - first) * PAGE;
    info->State = state ? MEM_COMMIT : MEM_RESERVE;
    info->Protect = state;
    info->Type = MEM_PRIVATE;
}

/* anything else: what /proc/self/maps says (images, stacks, malloc, free) */
static void query_maps(ULONG_PTR a, MEMORY_BASIC_INFORMATION *info)
{
    char line[512];
    FILE *f = fopen("/proc/self/maps", "re");
    info->BaseAddress = (void *)a;
    info->State = MEM_FREE;
    info->Protect = PAGE_NOACCESS;
    info->RegionSize = USER_SPACE_END - a;
    if (!f) return;
    while (fgets(line, sizeof(line), f)) {
        unsigned long start, end;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3) continue;
        if (a < start) {
            info->RegionSize = (start < USER_SPACE_END ? start : USER_SPACE_END) - a;
            break;
        }
        if (a >= end) continue;
        HMODULE mod = carafe_module_from_address((void *)a);
        /* merge the following mappings of the same protection and module */
        unsigned long region_end = end;
        char next[512];
        while (fgets(next, sizeof(next), f)) {
            unsigned long s2, e2;
            char p2[8];
            if (sscanf(next, "%lx-%lx %7s", &s2, &e2, p2) != 3 || s2 != region_end || strncmp(p2, perms, 3) ||
                carafe_module_from_address((void *)s2) != mod) break;
            region_end = e2;
        }
        info->AllocationBase = mod ? (void *)mod : (void *)start;
        info->RegionSize = region_end - a;
        info->Protect = win_prot(perms);
        info->AllocationProtect = mod ? PAGE_EXECUTE_WRITECOPY : info->Protect;
        info->State = info->Protect == PAGE_NOACCESS && !mod ? MEM_RESERVE : MEM_COMMIT;
        if (info->State == MEM_RESERVE) info->Protect = 0;
        info->Type = mod ? MEM_IMAGE : MEM_PRIVATE;
        break;
    }
    fclose(f);
}

SIZE_T WINAPI VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *info, SIZE_T len)
{
    ULONG_PTR a = page_down((ULONG_PTR)addr);
    if (len < sizeof(*info)) { SetLastError(ERROR_BAD_LENGTH); return 0; }
    if (a >= USER_SPACE_END) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    memset(info, 0, sizeof(*info));
    pthread_mutex_lock(&regions_lock);
    struct region *r = find_region((void *)a);
    if (r) query_region(r, a, info);
    pthread_mutex_unlock(&regions_lock);
    if (!r && !k32_view_query(a, info)) query_maps(a, info);
    return sizeof(*info);
}

BOOL WINAPI VirtualProtect(LPVOID addr, SIZE_T size, DWORD protect, LPDWORD old)
{
    int prot = unix_prot(protect);
    ULONG_PTR start = page_down((ULONG_PTR)addr), end = page_up((ULONG_PTR)addr + size);
    MEMORY_BASIC_INFORMATION info;
    BOOL ret = FALSE;
    if (!old) { SetLastError(ERROR_NOACCESS); return FALSE; }
    if (prot < 0) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    pthread_mutex_lock(&regions_lock);
    struct region *r = find_region(addr);
    if (r) {
        size_t first = (start - (ULONG_PTR)r->base) / PAGE, last = (end - (ULONG_PTR)r->base) / PAGE;
        if (end > (ULONG_PTR)r->base + r->size || memchr(r->pages + first, 0, last - first)) {
            SetLastError(ERROR_INVALID_ADDRESS);   /* uncommitted pages */
        } else if (mprotect((void *)start, end - start, prot)) {
            carafe_set_errno_error();
        } else {
            *old = r->pages[first];
            memset(r->pages + first, (unsigned char)protect, last - first);
            ret = TRUE;
        }
        pthread_mutex_unlock(&regions_lock);
        return ret;
    }
    pthread_mutex_unlock(&regions_lock);
    query_maps(start, &info);
    if (info.State != MEM_COMMIT) { SetLastError(ERROR_INVALID_ADDRESS); return FALSE; }
    if (mprotect((void *)start, end - start, prot)) {
        SetLastError(errno == ENOMEM ? ERROR_INVALID_ADDRESS : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *old = info.Protect;
    return TRUE;
}

BOOL WINAPI FlushInstructionCache(HANDLE process, LPCVOID addr, SIZE_T size)
{
    return TRUE;   /* x86 keeps instruction caches coherent */
}

BOOL WINAPI VirtualLock(LPVOID addr, SIZE_T size) { return TRUE; }
BOOL WINAPI VirtualUnlock(LPVOID addr, SIZE_T size) { return TRUE; }
