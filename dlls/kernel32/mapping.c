/* File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex),
 * UnmapViewOfFile, FlushViewOfFile.
 *
 * A mapping object holds a descriptor: the file's own (duplicated) for a
 * file-backed mapping, a memfd for one backed by the paging file.  Views are
 * MAP_SHARED mmaps of it (MAP_PRIVATE for FILE_MAP_COPY), so they stay
 * coherent with ReadFile/WriteFile on the file and with the views of other
 * processes.  A named mapping's descriptor goes to carafe-server, which hands
 * it to every process that opens the name (named.c).  Views sit at 64 KiB
 * boundaries and are remembered here for UnmapViewOfFile and VirtualQuery
 * (MEM_MAPPED); each holds a reference to its mapping, so a named mapping
 * keeps its name while a view of it exists. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "named_private.h"
#include "carafe/protocol.h"
#include "carafe/process.h"
#include "winbase_consts.h"

DEFAULT_DEBUG_CHANNEL(virtual);

#define GRANULARITY 0x10000ull
#define PAGE 0x1000ull

#ifndef FILE_MAP_COPY
#define FILE_MAP_COPY       0x0001
#define FILE_MAP_WRITE      0x0002
#define FILE_MAP_READ       0x0004
#define FILE_MAP_EXECUTE    0x0020
#endif
#ifndef SEC_IMAGE
#define SEC_IMAGE           0x01000000
#endif
#define SEC_FLAGS           0xff000000u

struct mapping_object {
    struct object obj;
    int fd;
    ULONGLONG size;
    DWORD protect;           /* PAGE_* */
    int named;
};

struct view {
    struct view *next;
    unsigned char *base;
    size_t size;
    DWORD protect;           /* PAGE_* of the view */
    struct mapping_object *mapping;   /* a reference */
};

static pthread_mutex_t views_lock = PTHREAD_MUTEX_INITIALIZER;
static struct view *views;

static void mapping_destroy(struct object *obj)
{
    struct mapping_object *m = (struct mapping_object *)obj;
    if (m->named) k32_named_remove(obj);
    if (m->fd >= 0) close(m->fd);
    free(m);
}

static const struct object_ops mapping_ops = { mapping_destroy };

static int writable(DWORD protect)
{
    return protect == PAGE_READWRITE || protect == PAGE_EXECUTE_READWRITE;
}

static int valid_protect(DWORD protect)
{
    switch (protect) {
    case PAGE_READONLY: case PAGE_READWRITE: case PAGE_WRITECOPY:
    case PAGE_EXECUTE_READ: case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
        return 1;
    default:
        return 0;
    }
}

static struct mapping_object *new_mapping(int fd, ULONGLONG size, DWORD protect)
{
    struct mapping_object *m = calloc(1, sizeof(*m));
    if (!m) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    m->obj.type = OBJ_MAPPING;
    m->obj.refcount = 1;
    m->obj.ops = &mapping_ops;
    m->fd = fd;
    m->size = size;
    m->protect = protect;
    return m;
}

static HANDLE mapping_handle(struct object *obj, DWORD error)
{
    HANDLE h = carafe_handle_alloc(obj);
    if (!h) {
        carafe_object_release(obj);
        return NULL;
    }
    SetLastError(error);
    return h;
}

/* called locked: NAME's live mapping in this process, or NULL (*FAILED: a wrong type) */
static HANDLE local_named(const WCHAR *name, int *found)
{
    struct object *obj = k32_named_find(name);
    *found = obj != NULL;
    if (!obj) return NULL;
    if (obj->type != OBJ_MAPPING) {
        carafe_object_release(obj);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return mapping_handle(obj, ERROR_ALREADY_EXISTS);
}

/* the name goes to carafe-server with FD; M is made from ours or theirs */
static HANDLE publish_mapping(struct mapping_object *m, const WCHAR *name)
{
    struct named_result res;
    int found;
    name = k32_named_strip(name);
    k32_named_lock();
    HANDLE h = local_named(name, &found);
    if (found) {
        k32_named_unlock();
        carafe_object_release(&m->obj);
        return h;
    }
    DWORD status = k32_named_server(CARAFE_OBJ_MAPPING, name, m->fd, m->size, m->protect, &res);
    if (status == CARAFE_STATUS_UNAVAILABLE) {
        k32_named_unlock();
        WARN("no carafe-server: the mapping is not shared\n");
        return mapping_handle(&m->obj, ERROR_SUCCESS);
    }
    if (status) {
        k32_named_unlock();
        carafe_object_release(&m->obj);
        SetLastError(status);
        return NULL;
    }
    if (!res.created) {
        close(m->fd);
        m->fd = res.fd;
        m->size = res.size;
        m->protect = res.flags;
    }
    if (!k32_named_add(name, &m->obj, res.id)) {
        k32_named_unlock();
        struct carafe_obj_close_req req = { res.id };
        carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        carafe_object_release(&m->obj);
        return NULL;
    }
    m->named = 1;
    k32_named_unlock();
    return mapping_handle(&m->obj, res.created ? ERROR_SUCCESS : ERROR_ALREADY_EXISTS);
}

static HANDLE create_mapping(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCWSTR name)
{
    ULONGLONG size = ((ULONGLONG)size_high << 32) | size_low;
    DWORD prot = protect & ~SEC_FLAGS;
    int fd;
    if (!valid_protect(prot)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (protect & SEC_IMAGE) FIXME("SEC_IMAGE mappings are mapped as plain files\n");
    if (name && !*name) name = NULL;
    if (file == INVALID_HANDLE_VALUE) {
        if (!size) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
        if (name) {   /* an existing mapping needs no memfd */
            int found;
            k32_named_lock();
            HANDLE h = local_named(k32_named_strip(name), &found);
            k32_named_unlock();
            if (found) return h;
        }
        fd = memfd_create("carafe-mapping", MFD_CLOEXEC);
        if (fd < 0 || ftruncate(fd, (off_t)size)) {
            if (fd >= 0) close(fd);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);   /* as for a commit beyond the paging file */
            return NULL;
        }
    } else {
        struct file_object *f = carafe_get_file(file);
        struct stat st;
        if (!f) return NULL;
        int accmode = fcntl(f->fd, F_GETFL) & O_ACCMODE;
        if (fstat(f->fd, &st) || !S_ISREG(st.st_mode)) {
            carafe_object_release(&f->obj);
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (accmode == O_WRONLY || (writable(prot) && accmode != O_RDWR)) {
            carafe_object_release(&f->obj);
            SetLastError(ERROR_ACCESS_DENIED);
            return NULL;
        }
        if (!size) {
            if (!st.st_size) {
                carafe_object_release(&f->obj);
                SetLastError(ERROR_FILE_INVALID);
                return NULL;
            }
            size = st.st_size;
        } else if (size > (ULONGLONG)st.st_size) {
            /* a larger mapping makes the file larger, when it may be written */
            if (!writable(prot) || ftruncate(f->fd, (off_t)size)) {
                carafe_object_release(&f->obj);
                SetLastError(writable(prot) ? ERROR_DISK_FULL : ERROR_NOT_ENOUGH_MEMORY);
                return NULL;
            }
        }
        fd = fcntl(f->fd, F_DUPFD_CLOEXEC, 0);
        carafe_object_release(&f->obj);
        if (fd < 0) {
            carafe_set_errno_error();
            return NULL;
        }
    }
    struct mapping_object *m = new_mapping(fd, size, prot);
    if (!m) {
        close(fd);
        return NULL;
    }
    if (name) return publish_mapping(m, name);
    return mapping_handle(&m->obj, ERROR_SUCCESS);
}

HANDLE WINAPI CreateFileMappingW(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCWSTR name)
{
    HANDLE h = create_mapping(file, sa, protect, size_high, size_low, name);
    if (h && sa && sa->bInheritHandle) {
        DWORD error = GetLastError();
        carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
        SetLastError(error);
    }
    return h;
}

HANDLE WINAPI CreateFileMappingA(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateFileMappingW(file, sa, protect, size_high, size_low, w);
    free(w);
    return h;
}

HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name)
{
    struct named_result res;
    int found;
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    name = k32_named_strip(name);
    k32_named_lock();
    HANDLE h = local_named(name, &found);
    if (found) {
        k32_named_unlock();
        if (h) SetLastError(ERROR_SUCCESS);
        return h;
    }
    DWORD status = k32_named_server(CARAFE_OBJ_MAPPING, name, -1, 0, 0, &res);
    if (status) {
        k32_named_unlock();
        SetLastError(status == CARAFE_STATUS_UNAVAILABLE ? ERROR_FILE_NOT_FOUND : status);
        return NULL;
    }
    struct mapping_object *m = new_mapping(res.fd, res.size, res.flags);
    if (!m || !k32_named_add(name, &m->obj, res.id)) {
        k32_named_unlock();
        struct carafe_obj_close_req req = { res.id };
        carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        if (m) carafe_object_release(&m->obj);
        else close(res.fd);
        return NULL;
    }
    m->named = 1;
    k32_named_unlock();
    return mapping_handle(&m->obj, ERROR_SUCCESS);
}

HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = OpenFileMappingW(access, inherit, w);
    free(w);
    return h;
}

/* ---- views ---- */

/* the view's PAGE_* protection for ACCESS on a mapping of PROTECT; 0 if refused */
static DWORD view_protect(DWORD access, DWORD protect, int *copy)
{
    int exec = (access & FILE_MAP_EXECUTE) != 0;
    int map_exec = protect == PAGE_EXECUTE_READ || protect == PAGE_EXECUTE_READWRITE ||
                   protect == PAGE_EXECUTE_WRITECOPY;
    *copy = 0;
    if (exec && !map_exec) return 0;
    if (access & FILE_MAP_WRITE) {
        if (!writable(protect)) return 0;
        return exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    }
    if (access & FILE_MAP_COPY) {
        *copy = 1;
        return exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    }
    if (access & (FILE_MAP_READ | FILE_MAP_EXECUTE)) return exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
    return 0;
}

static int unix_prot(DWORD protect)
{
    switch (protect) {
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE: case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    default: return PROT_READ | PROT_WRITE | PROT_EXEC;
    }
}

LPVOID WINAPI MapViewOfFileEx(HANDLE handle, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size,
                              LPVOID base)
{
    ULONGLONG offset = ((ULONGLONG)offset_high << 32) | offset_low;
    struct mapping_object *m = (struct mapping_object *)carafe_handle_get(handle, OBJ_MAPPING);
    struct view *v = NULL;
    unsigned char *addr = MAP_FAILED;
    int copy;
    if (!m) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    DWORD protect = view_protect(access, m->protect, &copy);
    DWORD error = 0;
    if (!protect) error = ERROR_ACCESS_DENIED;
    else if (offset % GRANULARITY || ((ULONG_PTR)base % GRANULARITY)) error = ERROR_MAPPED_ALIGNMENT;
    else if (offset >= m->size || (size && size > m->size - offset)) error = ERROR_ACCESS_DENIED;
    else if (!(v = calloc(1, sizeof(*v)))) error = ERROR_NOT_ENOUGH_MEMORY;
    if (error) goto fail;
    if (!size) size = m->size - offset;
    size_t len = (size + PAGE - 1) & ~(PAGE - 1);
    int flags = (copy ? MAP_PRIVATE : MAP_SHARED);
    if (base) {
        addr = mmap(base, len, unix_prot(protect), flags | MAP_FIXED_NOREPLACE, m->fd, (off_t)offset);
        if (addr != MAP_FAILED && addr != base) {
            munmap(addr, len);
            addr = MAP_FAILED;
        }
        if (addr == MAP_FAILED) error = ERROR_INVALID_ADDRESS;
    } else {
        /* a 64 KiB aligned spot, then the view over it */
        unsigned char *r = mmap(NULL, len + GRANULARITY, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r == MAP_FAILED) error = ERROR_NOT_ENOUGH_MEMORY;
        else {
            unsigned char *a = (unsigned char *)(((ULONG_PTR)r + GRANULARITY - 1) & ~(GRANULARITY - 1));
            addr = mmap(a, len, unix_prot(protect), flags | MAP_FIXED, m->fd, (off_t)offset);
            if (a > r) munmap(r, a - r);
            munmap(a + len, r + len + GRANULARITY - (a + len));
            if (addr == MAP_FAILED) {
                munmap(a, len);
                error = ERROR_NOT_ENOUGH_MEMORY;
            }
        }
    }
    if (error) goto fail;
    v->base = addr;
    v->size = len;
    v->protect = protect;
    v->mapping = m;   /* our reference */
    pthread_mutex_lock(&views_lock);
    v->next = views;
    views = v;
    pthread_mutex_unlock(&views_lock);
    return addr;
fail:
    free(v);
    carafe_object_release(&m->obj);
    SetLastError(error);
    return NULL;
}

LPVOID WINAPI MapViewOfFile(HANDLE handle, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size)
{
    return MapViewOfFileEx(handle, access, offset_high, offset_low, size, NULL);
}

/* called locked: the view that holds ADDR */
static struct view **find_view(ULONG_PTR addr)
{
    for (struct view **p = &views; *p; p = &(*p)->next)
        if (addr >= (ULONG_PTR)(*p)->base && addr < (ULONG_PTR)(*p)->base + (*p)->size) return p;
    return NULL;
}

BOOL WINAPI UnmapViewOfFile(LPCVOID addr)
{
    pthread_mutex_lock(&views_lock);
    struct view **p = find_view((ULONG_PTR)addr), *v = p ? *p : NULL;
    if (v) *p = v->next;
    pthread_mutex_unlock(&views_lock);
    if (!v) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    munmap(v->base, v->size);
    carafe_object_release(&v->mapping->obj);
    free(v);
    return TRUE;
}

BOOL WINAPI UnmapViewOfFileEx(LPCVOID addr, ULONG flags)
{
    return UnmapViewOfFile(addr);
}

BOOL WINAPI FlushViewOfFile(LPCVOID addr, SIZE_T size)
{
    ULONG_PTR a = (ULONG_PTR)addr & ~(PAGE - 1);
    pthread_mutex_lock(&views_lock);
    struct view **p = find_view(a);
    ULONG_PTR end = 0;
    if (p) {
        ULONG_PTR view_end = (ULONG_PTR)(*p)->base + (*p)->size;
        end = size ? ((ULONG_PTR)addr + size + PAGE - 1) & ~(PAGE - 1) : view_end;
        if (end > view_end) end = view_end;
    }
    pthread_mutex_unlock(&views_lock);
    if (!p) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    if (msync((void *)a, end - a, MS_SYNC)) {
        carafe_set_errno_error();
        return FALSE;
    }
    return TRUE;
}

BOOL k32_view_query(ULONG_PTR addr, MEMORY_BASIC_INFORMATION *info)
{
    pthread_mutex_lock(&views_lock);
    struct view **p = find_view(addr);
    if (p) {
        struct view *v = *p;
        info->BaseAddress = (void *)addr;
        info->AllocationBase = v->base;
        info->AllocationProtect = v->protect;
        info->RegionSize = (ULONG_PTR)v->base + v->size - addr;
        info->State = MEM_COMMIT;
        info->Protect = v->protect;
        info->Type = MEM_MAPPED;
    }
    pthread_mutex_unlock(&views_lock);
    return p != NULL;
}

/* ---- handles of another process (DuplicateHandle, inheritance) ---- */

BOOL k32_mapping_export(struct object *obj, int *fd, uint64_t *size, uint32_t *protect, uint32_t *id)
{
    struct mapping_object *m = (struct mapping_object *)obj;
    if (obj->type != OBJ_MAPPING || m->fd < 0) return FALSE;
    *fd = m->fd;
    *size = m->size;
    *protect = m->protect;
    *id = m->named ? k32_named_id(obj) : 0;
    return TRUE;
}

struct object *k32_mapping_import(int fd, uint64_t size, uint32_t protect, uint32_t id, int have_ref)
{
    k32_named_lock();
    struct object *same = id ? k32_named_find_id(id) : NULL;
    if (same) {
        k32_named_unlock();
        close(fd);
        if (have_ref) {
            struct carafe_obj_close_req req = { id };
            carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        }
        return same;
    }
    struct mapping_object *m = new_mapping(fd, size, protect);
    if (!m) {
        k32_named_unlock();
        close(fd);
        return NULL;
    }
    if (id && !have_ref) {
        struct carafe_obj_close_req req = { id };
        if (carafe_server_call(CARAFE_REQ_OBJ_REF, &req, sizeof(req), NULL, NULL)) id = 0;
    }
    if (id && k32_named_add(u"", &m->obj, id)) m->named = 1;
    k32_named_unlock();
    return &m->obj;
}
