/* Child processes: what a carafe parent (kernel32 CreateProcess) hands to
 * the carafe child it starts, and ntdll's services around it.
 *
 * The parent writes one "startup block" into a memfd and passes the fd
 * number in CARAFE_STARTUP_FD; the child's ntdll reads it before anything
 * else, closes it and removes the variable, so the program never sees it.
 * Layout: struct carafe_startup, then NHANDLES struct carafe_startup_handle,
 * then the command line (CMDLINE_LEN WCHARs), the environment block
 * (ENV_LEN WCHARs, double terminator included) and STARTUPINFO.lpReserved2
 * (RESERVED2_LEN bytes: the C runtime's descriptor table).
 *
 * Windows process ids are the Linux pid times 4: unique among running
 * processes and multiples of 4 as on Windows, known to every process
 * without asking the server; the server's process table (server/process.c)
 * keeps the parent and the full 32-bit exit code. */
#ifndef CARAFE_PROCESS_H
#define CARAFE_PROCESS_H

#include <stdint.h>
#include "carafe/ntdll.h"

#define CARAFE_STARTUP_MAGIC   0x53464143u   /* "CAFS" */
#define CARAFE_STARTUP_VERSION 2
#define CARAFE_STARTUP_ENV     "CARAFE_STARTUP_FD"

struct carafe_startup {
    uint32_t magic, version;
    uint32_t parent;              /* the parent's Windows process id */
    uint32_t startf;              /* STARTUPINFO.dwFlags */
    uint32_t show_window;
    uint32_t nhandles;
    uint32_t cmdline_len;         /* WCHARs, no terminator */
    uint32_t env_len;             /* WCHARs, both terminators */
    uint32_t reserved2_len;       /* bytes */
    uint32_t creation_flags;
    int32_t gate_fd;              /* CREATE_SUSPENDED: read a byte before running; -1: none */
    uint32_t reserved;
    uint64_t std_handles[3];      /* values the child keeps (inherited), 0: a new handle on fd 0..2 */
};

struct carafe_startup_handle {
    uint64_t handle;              /* the same value in the child */
    int32_t fd;                   /* the same descriptor in the child (-1: none) */
    uint32_t access;
    uint32_t flags;               /* files: FILE_FLAG_*; mappings: PAGE_* */
    uint32_t kind;                /* CARAFE_DUP_* (protocol.h): 0 a file or pipe */
    uint32_t obj_type;            /* sync objects: CARAFE_OBJ_* */
    uint32_t id;                  /* server object (0: none); processes: the Windows id */
    uint64_t size;                /* mappings */
};

/* Windows process id of a Linux pid and back */
static inline DWORD carafe_pid_to_win(int pid) { return (DWORD)pid * 4; }
static inline int carafe_win_to_pid(DWORD id) { return (id & 3) || !id ? -1 : (int)(id / 4); }

/* ---- ntdll (process_start.c, handle.c) ---- */

/* The startup block this process was given, NULL when it was not started
 * by a carafe CreateProcess.  The pointers stay valid for the process' life. */
struct carafe_startup_info {
    const struct carafe_startup *header;
    const struct carafe_startup_handle *handles;
    const WCHAR *cmdline;
    const WCHAR *env;
    const BYTE *reserved2;
};
CARAFE_API const struct carafe_startup_info *carafe_startup_info(void);
/* Report the exit code to the process table (a child only); before _exit. */
CARAFE_API void carafe_process_report_exit(UINT code);

/* Per-handle flags: sets the MASK bits to SET; *OLD gets the previous
 * flags.  FALSE + ERROR_INVALID_HANDLE for a bad handle. */
CARAFE_API BOOL carafe_handle_flags(HANDLE h, DWORD mask, DWORD set, DWORD *old);
/* The inheritable handles and a new reference to each object; returns how many. */
CARAFE_API unsigned int carafe_handle_inheritable(HANDLE *out, struct object **objs, unsigned int max);
/* Put OBJ at exactly H (the caller's reference); FALSE if taken. */
CARAFE_API BOOL carafe_handle_alloc_at(HANDLE h, struct object *obj, DWORD flags);
/* every handle to OLD now refers to NEW (the caller holds a reference to
 * OLD); returns how many were moved */
CARAFE_API unsigned int carafe_handle_replace(struct object *old, struct object *new);
/* Handles another process gave us (DuplicateHandle) have values in
 * [CARAFE_REMOTE_HANDLE_FIRST, _END) that the server picked; the first use
 * of one that is not in the table calls FN (kernel32), which asks the
 * server for it and puts it there with carafe_handle_alloc_at. */
CARAFE_API void carafe_handle_set_resolver(BOOL (*fn)(HANDLE h));

#endif
