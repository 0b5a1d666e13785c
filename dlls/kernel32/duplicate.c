/* DuplicateHandle, and handles that come from another process
 * (inheritance, DuplicateHandle into this one, or out of it when another
 * process asks: the DUP_ASK service below). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "carafe/process.h"
#include "named_private.h"
#include "carafe/protocol.h"

DEFAULT_DEBUG_CHANNEL(file);

#define DUPLICATE_CLOSE_SOURCE 1
#define DUPLICATE_SAME_ACCESS  2

/* ---- handles in another process ----
 * A process cannot reach into another's handle table, so a handle given
 * to another carafe process goes through carafe-server (docs/server.md):
 * DUP_PUT leaves the descriptor (and the server object's id, if any) for
 * the target, and the server picks the value it will have there, in the
 * range [CARAFE_REMOTE_HANDLE_FIRST, _END) that handle tables keep for
 * such handles.  The target fetches it (DUP_GET) the first time it uses
 * that value (resolve_remote, called by ntdll's table). */

/* OBJ (or the current process) as a DUP_PUT request; FALSE + error if it cannot go */
static BOOL export_object(HANDLE src, struct object *obj, struct carafe_dup_info *info, int *fd)
{
    *fd = -1;
    if (src == CURRENT_PROCESS) {
        info->kind = CARAFE_DUP_PROCESS;
        info->pid = GetCurrentProcessId();
        return TRUE;
    }
    switch (obj->type) {
    case OBJ_FILE: {
        struct file_object *f = (struct file_object *)obj;
        info->kind = CARAFE_DUP_FILE;
        info->access = f->access;
        info->flags = f->flags;
        *fd = f->fd;
        return TRUE;
    }
    case OBJ_PROCESS:
        info->kind = CARAFE_DUP_PROCESS;
        info->pid = GetProcessId(src);
        return info->pid != 0;
    case OBJ_MAPPING: {
        uint32_t protect;
        info->kind = CARAFE_DUP_MAPPING;
        if (!k32_mapping_export(obj, fd, &info->size, &protect, &info->id)) break;
        info->flags = protect;
        return TRUE;
    }
    default:
        info->kind = CARAFE_DUP_SYNC;
        /* a private one moves to a shared page first (named.c) */
        if (k32_named_sync_export(obj, fd, &info->id, &info->obj_type)) return TRUE;
        if (obj->type == OBJ_EVENT || obj->type == OBJ_MUTEX || obj->type == OBJ_SEMAPHORE ||
            obj->type == OBJ_TIMER)
            return FALSE;   /* the error is set */
        if (obj->type == OBJ_THREAD) FIXME("thread handles cannot go to another process\n");
        break;
    }
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

/* put the object INFO/FD describes at VALUE (FD is consumed); HAVE_REF: the
 * server counts our reference to its object already */
static BOOL install(const struct carafe_dup_info *info, int fd, HANDLE value, DWORD hflags, int have_ref)
{
    struct object *obj = NULL;
    HANDLE tmp = NULL;
    switch (info->kind) {
    case CARAFE_DUP_FILE:
        tmp = carafe_file_handle_from_fd(fd, info->access, info->flags);
        if (tmp == INVALID_HANDLE_VALUE) {
            close(fd);
            return FALSE;
        }
        break;
    case CARAFE_DUP_PROCESS:
        if (fd >= 0) close(fd);
        if (!(tmp = OpenProcess(PROCESS_ALL_ACCESS, FALSE, info->pid))) return FALSE;
        break;
    case CARAFE_DUP_SYNC:
        obj = k32_named_sync_import(fd, info->obj_type, info->id, have_ref);
        break;
    case CARAFE_DUP_MAPPING:
        obj = k32_mapping_import(fd, info->size, info->flags, info->id, have_ref);
        break;
    default:
        if (fd >= 0) close(fd);
        return FALSE;
    }
    if (tmp) obj = carafe_handle_get(tmp, 0);
    if (!obj) return FALSE;
    BOOL ok = carafe_handle_alloc_at(value, obj, hflags);
    if (!ok) carafe_object_release(obj);
    if (tmp) carafe_handle_close(tmp);
    return ok;
}

static BOOL resolve_remote(HANDLE h)
{
    struct carafe_dup_info req = { 0 }, info;
    void *reply = NULL;
    size_t len = 0;
    int fd = -1;
    req.handle = (ULONG_PTR)h;
    if (carafe_server_call_fds(CARAFE_REQ_DUP_GET, &req, sizeof(req), NULL, 0, &reply, &len, &fd)) return FALSE;
    if (len != sizeof(info) || (fd < 0 && ((struct carafe_dup_info *)reply)->kind != CARAFE_DUP_PROCESS)) {
        free(reply);
        if (fd >= 0) close(fd);
        return FALSE;
    }
    memcpy(&info, reply, sizeof(info));
    free(reply);
    TRACE("%p: kind %u from another process\n", h, info.kind);
    return install(&info, fd, h, info.handle_flags, 1);
}

/* kernel32's start: the resolver, and the inherited handles that ntdll
 * kept places for (process_start.c) */
void k32_dup_init(void)
{
    const struct carafe_startup_info *si = carafe_startup_info();
    carafe_handle_set_resolver(resolve_remote);
    if (!si) return;
    for (uint32_t i = 0; i < si->header->nhandles; i++) {
        const struct carafe_startup_handle *sh = &si->handles[i];
        if (sh->kind == CARAFE_DUP_FILE) continue;
        HANDLE value = (HANDLE)(ULONG_PTR)sh->handle;
        struct object *ph = carafe_handle_get(value, OBJ_OTHER);
        if (!ph) continue;   /* not ours to replace */
        carafe_object_release(ph);
        carafe_handle_close(value);
        struct carafe_dup_info info = { 0 };
        info.kind = sh->kind;
        info.obj_type = sh->obj_type;
        info.id = sh->kind == CARAFE_DUP_PROCESS ? 0 : sh->id;
        info.pid = sh->kind == CARAFE_DUP_PROCESS ? sh->id : 0;
        info.size = sh->size;
        info.access = sh->access;
        info.flags = sh->flags;
        if (!install(&info, sh->fd, value, HANDLE_FLAG_INHERIT, 0)) WARN("inherited handle %p lost\n", value);
    }
}

static BOOL duplicate_local(HANDLE src, LPHANDLE dst, BOOL inherit, DWORD options)
{
    if (src == CURRENT_THREAD) {
        /* a real handle to the thread: threads hand it to others */
        HANDLE h = k32_current_thread_handle();
        if (!h) return FALSE;
        *dst = h;
        return TRUE;
    }
    if (src == CURRENT_PROCESS) {
        FIXME("duplicating pseudo handles gives the pseudo handle\n");
        *dst = src;
        return TRUE;
    }
    struct object *obj = carafe_handle_get(src, 0);
    if (!obj) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    HANDLE h = carafe_handle_alloc(obj);
    if (!h) { carafe_object_release(obj); return FALSE; }
    if (inherit) carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    if (options & DUPLICATE_CLOSE_SOURCE) CloseHandle(src);
    if (dst) *dst = h;
    else CloseHandle(h);
    return TRUE;
}

/* the Windows id of a process handle, 0 + ERROR_INVALID_HANDLE if it is none */
static DWORD process_id(HANDLE h)
{
    if (h == CURRENT_PROCESS) return GetCurrentProcessId();
    struct object *obj = carafe_handle_get(h, OBJ_PROCESS);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    carafe_object_release(obj);
    return GetProcessId(h);
}

/* A handle of process FROM (not us): only that process can read its
 * table, so the server asks it (DUP_ASK, protocol.h) and we wait. */
static BOOL duplicate_from(DWORD from, HANDLE src, DWORD to, LPHANDLE dst, DWORD access, BOOL inherit,
                           DWORD options)
{
    struct carafe_dup_ask ask = { 0 };
    struct carafe_dup_info *rep = NULL;
    size_t len = 0;
    ask.source = from;
    ask.handle = (ULONG_PTR)src;
    ask.target = to;
    ask.options = options;
    ask.access = access;
    ask.handle_flags = inherit ? HANDLE_FLAG_INHERIT : 0;
    DWORD status = carafe_server_call(CARAFE_REQ_DUP_ASK, &ask, sizeof(ask), (void **)&rep, &len);
    if (!status && len != sizeof(*rep)) status = ERROR_INVALID_HANDLE;
    if (!status && dst && to) *dst = (HANDLE)(ULONG_PTR)rep->handle;
    free(rep);
    if (status) SetLastError(status == CARAFE_STATUS_UNAVAILABLE ? ERROR_ACCESS_DENIED : status);
    return !status;
}

/* Another process asked for handles of ours (the server sent SIGURG; the
 * console control thread calls this): answer each ask like a DUP_PUT, on
 * a connection of our own so that a thread of ours waiting for the server
 * (even on an ask of its own) is no obstacle. */
void k32_dup_serve(void)
{
    int conn = carafe_server_connect_extra();
    if (conn < 0) return;
    for (;;) {
        struct carafe_dup_ask *ask = NULL;
        size_t len = 0;
        if (carafe_server_call_on(conn, CARAFE_REQ_DUP_SERVE, NULL, 0, NULL, 0, (void **)&ask, &len, NULL) ||
            len != sizeof(*ask)) {
            free(ask);
            break;
        }
        HANDLE src = (HANDLE)(ULONG_PTR)ask->handle;
        struct carafe_dup_answer ans = { 0 };
        struct object *obj = NULL;
        int fd = -1;
        ans.ask = ask->id;
        TRACE("asked for %p (for process %u)\n", src, ask->target);
        if (src != CURRENT_PROCESS && !(obj = carafe_handle_get(src, 0))) ans.status = ERROR_INVALID_HANDLE;
        else if (ask->target && !export_object(src, obj, &ans.info, &fd)) ans.status = GetLastError();
        else if (ask->target && !(ask->options & DUPLICATE_SAME_ACCESS) && ans.info.kind == CARAFE_DUP_FILE)
            ans.info.access = ask->access;
        /* Windows closes the source whatever became of the duplicate, and
         * before the asker goes on (our reference keeps FD alive) */
        if ((ask->options & DUPLICATE_CLOSE_SOURCE) && obj) CloseHandle(src);
        carafe_server_call_on(conn, CARAFE_REQ_DUP_ANSWER, &ans, sizeof(ans), &fd, fd >= 0, NULL, NULL, NULL);
        carafe_object_release(obj);
        free(ask);
    }
    close(conn);
}

/* A second handle to the same object (sharing its file position, as on
 * Windows), in this process or another carafe process. */
BOOL WINAPI DuplicateHandle(HANDLE src_process, HANDLE src, HANDLE dst_process, LPHANDLE dst,
                            DWORD access, BOOL inherit, DWORD options)
{
    DWORD self = GetCurrentProcessId();
    DWORD from = process_id(src_process);
    if (!from) return FALSE;
    /* no target: only DUPLICATE_CLOSE_SOURCE makes sense (closing another process's handle) */
    DWORD to = !dst_process && (options & DUPLICATE_CLOSE_SOURCE) ? 0 : process_id(dst_process);
    if (!to && dst_process) return FALSE;
    if (!to && !(options & DUPLICATE_CLOSE_SOURCE)) return FALSE;
    if (from != self) return duplicate_from(from, src, to, dst, access, inherit, options);
    if (!to) {
        if (src != CURRENT_PROCESS && src != CURRENT_THREAD) return CloseHandle(src);
        return TRUE;
    }
    if (to == self) return duplicate_local(src, dst, inherit, options);

    struct object *obj = NULL;
    if (src != CURRENT_PROCESS && !(obj = carafe_handle_get(src, 0))) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    struct carafe_dup_info info = { 0 }, *rep = NULL;
    size_t len = 0;
    int fd;
    BOOL ok = export_object(src, obj, &info, &fd);
    if (ok) {
        info.target = to;
        info.handle_flags = inherit ? HANDLE_FLAG_INHERIT : 0;
        if (!(options & DUPLICATE_SAME_ACCESS) && info.kind == CARAFE_DUP_FILE) info.access = access;
        DWORD status = carafe_server_call_fds(CARAFE_REQ_DUP_PUT, &info, sizeof(info), &fd, fd >= 0,
                                              (void **)&rep, &len, NULL);
        if (!status && len == sizeof(*rep)) {
            if (dst) *dst = (HANDLE)(ULONG_PTR)rep->handle;
        } else {
            ok = FALSE;
            SetLastError(status == CARAFE_STATUS_UNAVAILABLE ? ERROR_NOT_SUPPORTED : status ? status : ERROR_INVALID_HANDLE);
        }
        free(rep);
    }
    carafe_object_release(obj);
    /* Windows closes the source whatever became of the duplicate */
    if ((options & DUPLICATE_CLOSE_SOURCE) && src != CURRENT_PROCESS) CloseHandle(src);
    return ok;
}
