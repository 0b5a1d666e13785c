/* What kernel32's named objects (named.c), file mappings (mapping.c) and
 * named pipes (namedpipe.c) share, with synch.c and file.c. */
#ifndef CARAFE_KERNEL32_NAMED_PRIVATE_H
#define CARAFE_KERNEL32_NAMED_PRIVATE_H

#include <stdint.h>
#include "kernel32_private.h"

struct sync_object;

/* handle types beyond ntdll's enum, kept apart from its values */
#define OBJ_MAPPING 0x40

#ifndef ERROR_FILE_INVALID
#define ERROR_FILE_INVALID        1006
#endif
#ifndef ERROR_MAPPED_ALIGNMENT
#define ERROR_MAPPED_ALIGNMENT    1132
#endif
#ifndef ERROR_BAD_PIPE
#define ERROR_BAD_PIPE            230
#endif
#ifndef ERROR_PIPE_BUSY
#define ERROR_PIPE_BUSY           231
#endif
#ifndef ERROR_PIPE_NOT_CONNECTED
#define ERROR_PIPE_NOT_CONNECTED  233
#endif
#ifndef ERROR_PIPE_CONNECTED
#define ERROR_PIPE_CONNECTED      535
#endif
#ifndef ERROR_PIPE_LISTENING
#define ERROR_PIPE_LISTENING      536
#endif

/* ---- named.c: the name table and carafe-server's namespace ----
 * The sync-object calls return NULL with *FALLBACK set when no server can
 * be reached; the caller then keeps the object process-local.  Otherwise
 * NEW is consumed. */
HANDLE k32_named_sync_create(struct sync_object *new, size_t size, const WCHAR *name, int *created, int *fallback);
/* (NAME NULL: an anonymous object the server keeps for other processes) */
HANDLE k32_named_sync_open(int type, const WCHAR *name, int *fallback);

/* NAME without a Local\ or Global\ prefix (a pointer into NAME) */
const WCHAR *k32_named_strip(const WCHAR *name);
void k32_named_lock(void);
void k32_named_unlock(void);
/* called locked: a new reference to the live object named NAME, or NULL */
struct object *k32_named_find(const WCHAR *name);
/* called locked: remember OBJ (which holds server reference ID) under NAME */
BOOL k32_named_add(const WCHAR *name, struct object *obj, uint32_t id);
/* called locked: a new reference to the live object of server id ID, or NULL */
struct object *k32_named_find_id(uint32_t id);
/* the server id of OBJ (a named mapping), 0 if none */
uint32_t k32_named_id(struct object *obj);
/* a shared event, mutex, semaphore or timer: its state page's descriptor
 * (still OBJ's), its server id and CARAFE_OBJ_* type; FALSE for others */
BOOL k32_named_sync_export(struct object *obj, int *fd, uint32_t *id, uint32_t *type);
/* the object of state page FD (consumed) given by another process; HAVE_REF:
 * the server already counts a reference of ours (DUP_GET); a new reference */
struct object *k32_named_sync_import(int fd, uint32_t type, uint32_t id, int have_ref);
/* mapping.c: the same for file mappings */
BOOL k32_mapping_export(struct object *obj, int *fd, uint64_t *size, uint32_t *protect, uint32_t *id);
struct object *k32_mapping_import(int fd, uint64_t size, uint32_t protect, uint32_t id, int have_ref);
/* file.c: the handles a carafe parent left us (kernel32's start) */
void k32_dup_init(void);
/* answer the DuplicateHandle asks of other processes (duplicate.c) */
void k32_dup_serve(void);
/* OBJ is being destroyed: forget its name, drop its server reference */
void k32_named_remove(struct object *obj);

struct named_result {
    uint32_t id;
    int created;
    int fd;              /* the existing object's state, or -1 */
    uint64_t size;
    uint32_t flags;
};
/* ask carafe-server to create (FD: our state) or open (FD -1) an object
 * of CARAFE_OBJ_* TYPE; a Win32 error (CARAFE_STATUS_UNAVAILABLE: no server) */
DWORD k32_named_server(uint32_t type, const WCHAR *name, int fd, uint64_t size, uint32_t flags,
                       struct named_result *res);

/* ---- mapping.c: views, for VirtualQuery ---- */
BOOL k32_view_query(ULONG_PTR addr, MEMORY_BASIC_INFORMATION *info);

/* ---- namedpipe.c: for CreateFileW and ReadFile ---- */
BOOL k32_is_pipe_name(const WCHAR *name);
HANDLE k32_open_pipe(const WCHAR *name, DWORD access, DWORD attributes);
/* ReadFile on a pipe: TRUE if F was one of ours (then *RET is the result) */
BOOL k32_pipe_read(struct file_object *f, void *buffer, DWORD count, DWORD *nread, BOOL *ret);

#endif
