/* Virtual memory over mmap (DESIGN decision 13): reserve = PROT_NONE mapping
 * at 64 KiB granularity, commit = mprotect.  Queries read /proc/self/maps. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(virtual);

#define GRANULARITY 0x10000ul
#define PAGE 0x1000ul

/* reservations made by VirtualAlloc, so MEM_RELEASE knows their size */
struct region { unsigned char *base; size_t size; DWORD protect; struct region *next; };
static struct region *regions;
static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;

static int unix_prot(DWORD protect)
{
    switch (protect & 0xff) {
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

LPVOID WINAPI VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type, DWORD protect)
{
    int prot = unix_prot(protect);
    if (!size || prot < 0 || !(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (type & MEM_RESET) return addr;   /* contents may be discarded: keeping them is allowed */
    pthread_mutex_lock(&regions_lock);
    struct region *r = addr ? find_region(addr) : NULL;
    unsigned char *ret = NULL;
    if (r && !(type & MEM_RESERVE)) {
        /* commit inside a reservation */
        unsigned char *start = (unsigned char *)((ULONG_PTR)addr & ~(PAGE - 1));
        unsigned char *end = (unsigned char *)(((ULONG_PTR)addr + size + PAGE - 1) & ~(PAGE - 1));
        if (end > r->base + r->size) SetLastError(ERROR_INVALID_ADDRESS);
        else if (mprotect(start, end - start, prot)) carafe_set_errno_error();
        else ret = start;
        goto done;
    }
    if (addr && r) {
        SetLastError(ERROR_INVALID_ADDRESS);
        goto done;
    }
    size_t len = (size + PAGE - 1) & ~(PAGE - 1);
    int mprot = (type & MEM_COMMIT) ? prot : PROT_NONE;
    if (addr) {
        unsigned char *base = (unsigned char *)((ULONG_PTR)addr & ~(GRANULARITY - 1));
        len = (((ULONG_PTR)addr + size + PAGE - 1) & ~(PAGE - 1)) - (ULONG_PTR)base;
        void *p = mmap(base, len, mprot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED || p != base) {
            if (p != MAP_FAILED) munmap(p, len);
            SetLastError(ERROR_INVALID_ADDRESS);
            goto done;
        }
        ret = base;
    } else {
        unsigned char *p = mmap(NULL, len + GRANULARITY, mprot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); goto done; }
        ret = (unsigned char *)(((ULONG_PTR)p + GRANULARITY - 1) & ~(GRANULARITY - 1));
        if (ret > p) munmap(p, ret - p);
        munmap(ret + len, p + len + GRANULARITY - (ret + len));
    }
    struct region *nr = malloc(sizeof(*nr));
    if (nr) {
        nr->base = ret;
        nr->size = len;
        nr->protect = protect;
        nr->next = regions;
        regions = nr;
    }
done:
    pthread_mutex_unlock(&regions_lock);
    return ret;
}

BOOL WINAPI VirtualFree(LPVOID addr, SIZE_T size, DWORD type)
{
    BOOL ret = FALSE;
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
            free(r);
            ret = TRUE;
        }
    } else if (type == MEM_DECOMMIT) {
        unsigned char *start = (unsigned char *)((ULONG_PTR)addr & ~(PAGE - 1));
        size_t len = size ? (((ULONG_PTR)addr + size + PAGE - 1) & ~(PAGE - 1)) - (ULONG_PTR)start : r->size;
        mmap(start, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
        ret = TRUE;
    } else SetLastError(ERROR_INVALID_PARAMETER);
    pthread_mutex_unlock(&regions_lock);
    return ret;
}

SIZE_T WINAPI VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *info, SIZE_T len)
{
    ULONG_PTR a = (ULONG_PTR)addr & ~(PAGE - 1), prev_end = 0;
    char line[512];
    if (len < sizeof(*info)) { SetLastError(ERROR_BAD_LENGTH); return 0; }
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    memset(info, 0, sizeof(*info));
    info->BaseAddress = (void *)a;
    info->State = MEM_FREE;
    info->Protect = PAGE_NOACCESS;
    info->RegionSize = 0x7ffffffe0000ul - a;
    while (fgets(line, sizeof(line), f)) {
        unsigned long start, end;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3) continue;
        if (a < start) {
            info->RegionSize = start - a;
            info->AllocationBase = NULL;
            (void)prev_end;
            break;
        }
        prev_end = end;
        if (a >= end) continue;
        /* merge following mappings with the same protection */
        unsigned long region_end = end;
        char next[512];
        while (fgets(next, sizeof(next), f)) {
            unsigned long s2, e2;
            char p2[8];
            if (sscanf(next, "%lx-%lx %7s", &s2, &e2, p2) != 3 || s2 != region_end || strncmp(p2, perms, 3)) break;
            region_end = e2;
        }
        HMODULE mod = carafe_module_from_address((void *)a);
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
    return sizeof(*info);
}

BOOL WINAPI VirtualProtect(LPVOID addr, SIZE_T size, DWORD protect, LPDWORD old)
{
    int prot = unix_prot(protect);
    MEMORY_BASIC_INFORMATION info;
    if (prot < 0 || !old) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (VirtualQuery(addr, &info, sizeof(info))) *old = info.Protect ? info.Protect : PAGE_NOACCESS;
    ULONG_PTR start = (ULONG_PTR)addr & ~(PAGE - 1);
    ULONG_PTR end = ((ULONG_PTR)addr + size + PAGE - 1) & ~(PAGE - 1);
    if (mprotect((void *)start, end - start, prot)) {
        SetLastError(errno == ENOMEM ? ERROR_INVALID_ADDRESS : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI FlushInstructionCache(HANDLE process, LPCVOID addr, SIZE_T size)
{
    return TRUE;   /* x86 keeps instruction caches coherent */
}

BOOL WINAPI VirtualLock(LPVOID addr, SIZE_T size) { return TRUE; }
BOOL WINAPI VirtualUnlock(LPVOID addr, SIZE_T size) { return TRUE; }
