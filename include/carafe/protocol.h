/* The carafe-server protocol (DESIGN decision 9): the one header shared by
 * the server (server/) and its client (dlls/ntdll/server.c).
 *
 * Transport: a SOCK_STREAM UNIX socket, one per prefix, in a per-user
 * directory created 0700:
 *     $CARAFE_SERVER_DIR                  if set (tests use a private one)
 *     $XDG_RUNTIME_DIR/carafe             if XDG_RUNTIME_DIR is set
 *     /tmp/carafe-UID                     otherwise
 * named server-DEV-INO.sock after the prefix directory's device and inode
 * (so two paths to one prefix share a server), with server-DEV-INO.lock
 * beside it: the running server holds an flock on it for its whole life.
 *
 * Messages: request and reply both start with the same 16-byte header; the
 * payload follows.  Integers are host byte order (both ends run on one
 * machine).  Strings are UTF-16LE without terminator, their byte length
 * given in the fixed part.  One request, one reply, in order.
 * A request whose size is below the header, above CARAFE_MAX_MESSAGE, whose
 * version differs or whose payload does not match its opcode gets a reply
 * with status ERROR_INVALID_PARAMETER / RPC_S_PROTOCOL_ERROR (1728) or, when
 * the stream cannot be resynchronised (bad size), the connection is closed.
 *
 * Key ids: the predefined roots are the low 32 bits of the Windows HKEY
 * constants (0x80000000 HKCR ... 0x80000005 HKCC); other ids are handles the
 * server hands out per connection (1, 2, ...) and forgets when the
 * connection closes.  HKCR and the keys opened through it are merged views
 * of HKCU\Software\Classes and HKLM\Software\Classes (server/registry.c). */
#ifndef CARAFE_PROTOCOL_H
#define CARAFE_PROTOCOL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CARAFE_PROTOCOL_VERSION 2
#define CARAFE_MAX_MESSAGE      (4u << 20)     /* header + payload */
#define CARAFE_MAX_NAME_BYTES   (16383 * 2)    /* Windows: value names <= 16383 chars */
#define CARAFE_MAX_KEY_NAME     255            /* chars of one key-name component */

struct carafe_msg_header {
    uint32_t size;       /* whole message, header included */
    uint16_t version;    /* CARAFE_PROTOCOL_VERSION */
    uint16_t opcode;     /* enum carafe_opcode; a reply repeats it */
    uint32_t status;     /* replies: a Win32 error code, 0 = success; requests: 0 */
    uint32_t reserved;   /* 0 */
};

enum carafe_opcode {
    CARAFE_REQ_HELLO = 1,       /* hello_req + prefix path (bytes) -> hello_reply */
    CARAFE_REQ_SHUTDOWN,        /* -> empty; the server saves and exits */
    CARAFE_REQ_REG_OPEN,        /* reg_open_req + name -> reg_open_reply */
    CARAFE_REQ_REG_CLOSE,       /* reg_key_req -> empty */
    CARAFE_REQ_REG_SET_VALUE,   /* reg_set_value_req + name + data -> empty */
    CARAFE_REQ_REG_QUERY_VALUE, /* reg_name_req + name -> reg_value_reply + data */
    CARAFE_REQ_REG_ENUM_KEY,    /* reg_index_req -> reg_enum_key_reply + name */
    CARAFE_REQ_REG_ENUM_VALUE,  /* reg_index_req -> reg_value_reply + name + data */
    CARAFE_REQ_REG_QUERY_INFO,  /* reg_key_req -> reg_info_reply */
    CARAFE_REQ_REG_DELETE_KEY,  /* reg_name_req + name: that subkey (empty: the key
                                   itself); ERROR_ACCESS_DENIED if it has subkeys */
    CARAFE_REQ_REG_DELETE_TREE, /* reg_name_req + name: the subkey and all below it;
                                   empty name: everything below the key, not the key */
    CARAFE_REQ_REG_DELETE_VALUE,/* reg_name_req + name -> empty */
    CARAFE_REQ_REG_FLUSH,       /* reg_key_req -> empty; the registry is on disk */
    /* processes (server/process.c): the table of carafe processes by
       Windows id (Linux pid * 4), their parent and full 32-bit exit code */
    CARAFE_REQ_PROCESS_NEW,     /* process_new_req -> empty; a child was started */
    CARAFE_REQ_PROCESS_EXIT,    /* process_exit_req -> empty; the first report wins */
    CARAFE_REQ_PROCESS_QUERY,   /* process_query_req -> process_info_reply;
                                   ERROR_INVALID_PARAMETER if unknown */
    /* named objects, mappings, pipes (server/objects.c); descriptors ride
       along as SCM_RIGHTS on the first byte of a message */
    CARAFE_REQ_OBJ_CREATE,      /* obj_create_req + name; 1 fd (the new object's state)
                                   -> obj_reply [+ 1 fd: the existing object's] */
    CARAFE_REQ_OBJ_OPEN,        /* obj_create_req + name -> obj_reply + 1 fd */
    CARAFE_REQ_OBJ_CLOSE,       /* obj_close_req -> empty */
    CARAFE_REQ_PIPE_CREATE,     /* pipe_create_req + name; 2 fds (client end, notify)
                                   -> pipe_create_reply */
    CARAFE_REQ_PIPE_LISTEN,     /* pipe_id_req; 2 fds (a fresh client end, notify) -> empty */
    CARAFE_REQ_PIPE_CLOSE,      /* pipe_id_req -> empty */
    CARAFE_REQ_PIPE_OPEN,       /* pipe_name_req + name -> pipe_info_reply + 1 fd */
    CARAFE_REQ_PIPE_QUERY,      /* pipe_name_req + name -> pipe_info_reply */
    /* handles given to another process (DuplicateHandle, inheritance) */
    CARAFE_REQ_OBJ_REF,         /* obj_close_req -> empty; one more reference to the
                                   object ID (ERROR_INVALID_HANDLE if it is gone) */
    CARAFE_REQ_DUP_PUT,         /* dup_info [+ 1 fd] -> dup_info (handle: its value
                                   in the target process) */
    CARAFE_REQ_DUP_GET,         /* dup_info (handle) -> dup_info [+ 1 fd];
                                   ERROR_INVALID_HANDLE if nothing waits there */
    /* handles taken from another process: see struct carafe_dup_ask */
    CARAFE_REQ_DUP_ASK,         /* dup_ask -> dup_info (handle: the value in the
                                   target), once the source answered */
    CARAFE_REQ_DUP_SERVE,       /* empty -> dup_ask (one for the caller's process);
                                   ERROR_NO_MORE_ITEMS if none waits */
    CARAFE_REQ_DUP_ANSWER,      /* dup_answer [+ 1 fd] -> empty */
    CARAFE_REQ_REG_NOTIFY,      /* reg_notify_req -> empty (RegNotifyChangeKeyValue) */
    CARAFE_REQ_LAST
};

#define CARAFE_ROOT_FIRST 0x80000000u
#define CARAFE_ROOT_CLASSES 0x80000000u  /* HKEY_CLASSES_ROOT */
#define CARAFE_ROOT_LAST  0x80000005u

/* status codes used by the transport itself */
#define CARAFE_STATUS_PROTOCOL_ERROR   1728u   /* RPC_S_PROTOCOL_ERROR */
#define CARAFE_STATUS_UNAVAILABLE      1722u   /* RPC_S_SERVER_UNAVAILABLE */

struct carafe_hello_req {
    uint32_t pid;
    uint32_t prefix_len;         /* bytes of the prefix path that follow (UTF-8) */
};
struct carafe_hello_reply {
    uint32_t server_pid;
    uint32_t version;
};
/* HELLO's reply carries a descriptor of this page (clients map it
 * read-only): REGISTRY_GENERATION changes with every change to the
 * registry, before the reply to the request that made it, so a process
 * may keep what it read for as long as the number stays the same. */
struct carafe_server_shared {
    uint64_t registry_generation;
};

/* REG_OPEN_OPTION_* */
#define CARAFE_REG_CREATE    1   /* create missing keys (RegCreateKeyEx) */
#define CARAFE_REG_VOLATILE  2   /* new keys are not saved (REG_OPTION_VOLATILE) */

struct carafe_reg_open_req {
    uint32_t parent;             /* key id */
    uint32_t flags;              /* CARAFE_REG_* */
    uint32_t name_len;           /* bytes; path of components separated by '\' */
    uint32_t reserved;
};
struct carafe_reg_open_reply {
    uint32_t key;
    uint32_t created;            /* 1: REG_CREATED_NEW_KEY, 0: REG_OPENED_EXISTING_KEY */
};

struct carafe_reg_key_req {
    uint32_t key;
};

struct carafe_reg_name_req {
    uint32_t key;
    uint32_t name_len;
};

struct carafe_reg_set_value_req {
    uint32_t key;
    uint32_t type;
    uint32_t name_len;
    uint32_t data_len;
};

struct carafe_reg_index_req {
    uint32_t key;
    uint32_t index;
};

struct carafe_reg_value_reply {
    uint32_t type;
    uint32_t name_len;           /* ENUM_VALUE: bytes of name after this; QUERY: 0 */
    uint32_t data_len;
    uint32_t reserved;
};

struct carafe_reg_enum_key_reply {
    uint32_t name_len;
    uint32_t reserved;
    uint64_t last_write;         /* FILETIME ticks */
};

/* A change of the kinds in FILTER (REG_NOTIFY_CHANGE_NAME, _LAST_SET; the
 * others never happen here) to KEY, or with SUBTREE below it, signals the
 * event EVENT (a server object: its state page, with the byte offsets of
 * its SIGNALED and SEQ words) once.  Closing the key's handle or deleting
 * the key signals it too. */
struct carafe_reg_notify_req {
    uint32_t key;
    uint32_t filter;
    uint32_t subtree;
    uint32_t event;
    uint32_t signaled_off, seq_off;
};

struct carafe_reg_info_reply {
    uint32_t subkeys;
    uint32_t max_subkey_len;     /* characters */
    uint32_t values;
    uint32_t max_value_name_len; /* characters */
    uint32_t max_value_len;      /* bytes */
    uint32_t reserved;
    uint64_t last_write;         /* FILETIME ticks */
};

/* processes */
struct carafe_process_new_req {
    uint32_t pid;                /* Windows process id */
    uint32_t parent;             /* Windows id of the parent */
    uint32_t unix_pid;
    uint32_t reserved;
};
struct carafe_process_exit_req {
    uint32_t pid;
    uint32_t code;               /* the Windows exit code, all 32 bits */
};
struct carafe_process_query_req {
    uint32_t pid;
    uint32_t reserved;
};
struct carafe_process_info_reply {
    uint32_t pid;
    uint32_t parent;             /* 0 if not known */
    uint32_t unix_pid;
    uint32_t exited;             /* 1 once an exit code was reported */
    uint32_t exit_code;
    uint32_t reserved;
};

/* ---- named objects, mappings, pipes ----
 * Object names are case-sensitive UTF-16 without the Local\ or Global\
 * prefix (one namespace).  An object's state is a descriptor the clients
 * map: for sync objects a memfd page laid out by kernel32 (the offsets of
 * a mutex's fields come with its creation, so the server can abandon it
 * when the owning process dies); for mappings the memfd or file itself.
 * Pipe names are case-insensitive, without the \\.\pipe\ prefix. */
#define CARAFE_OBJ_EVENT     1
#define CARAFE_OBJ_MUTEX     2
#define CARAFE_OBJ_SEMAPHORE 3
#define CARAFE_OBJ_TIMER     4
#define CARAFE_OBJ_MAPPING   5

struct carafe_obj_create_req {
    uint32_t type;               /* CARAFE_OBJ_* */
    uint32_t name_len;           /* bytes */
    uint64_t size;               /* bytes of state (mappings: the mapping size) */
    uint32_t flags;              /* mappings: PAGE_* protection */
    /* mutexes: byte offsets in the state page of the futex words */
    uint32_t seq_off, lock_off, waiters_off;
    uint32_t owner_off, count_off, abandoned_off;  /* owner: a Linux thread id */
    uint32_t reserved;
};
struct carafe_obj_reply {
    uint32_t id;                 /* the object, unique in the server's life */
    uint32_t created;            /* 1: new; 0: existing (its fd follows) */
    uint64_t size;
    uint32_t flags;
    uint32_t reserved;
};
struct carafe_obj_close_req {
    uint32_t id;
};

/* ---- handles duplicated into another process ----
 * DUP_PUT leaves an object for the process TARGET (a Windows id); the
 * server picks the handle value it will have there, from the range the
 * handle tables keep for it (CARAFE_REMOTE_HANDLE_FIRST...), and keeps
 * the entry until that process asks for the value (DUP_GET, which only
 * the process itself can do: the server knows its peer's pid) or ends.
 * A server object (ID) keeps a reference for the entry, which DUP_GET
 * passes on to the getter's connection. */
#define CARAFE_DUP_FILE    0     /* fd: a file, pipe or terminal; access, flags = FILE_FLAG_* */
#define CARAFE_DUP_SYNC    1     /* fd: the state page of a shared event/mutex/...; obj_type */
#define CARAFE_DUP_MAPPING 2     /* fd: the mapping's memfd or file; size, flags = PAGE_* */
#define CARAFE_DUP_PROCESS 3     /* no fd; pid */
#define CARAFE_REMOTE_HANDLE_FIRST 0x40000000u
#define CARAFE_REMOTE_HANDLE_END   0x80000000u   /* excluded */

struct carafe_dup_info {
    uint32_t target;             /* PUT: the target's Windows process id */
    uint32_t kind;               /* CARAFE_DUP_* */
    uint32_t obj_type;           /* CARAFE_OBJ_* (sync objects) */
    uint32_t id;                 /* server object, 0: none */
    uint64_t size;               /* mappings */
    uint32_t access, flags;
    uint32_t handle_flags;       /* HANDLE_FLAG_INHERIT */
    uint32_t pid;                /* processes: the Windows id */
    uint64_t handle;             /* the value in the target */
};

/* DuplicateHandle with another process as the source: only that process
 * can read its handle table.  DUP_ASK waits (the reply comes later) while
 * the server sends SIGURG to the source, whose kernel32 then fetches the
 * asks meant for it on a connection of its own (DUP_SERVE) and answers
 * each like a DUP_PUT (DUP_ANSWER); the server makes the entry for the
 * target and replies to the asker.  A source that does not answer within
 * CARAFE_DUP_ASK_TIMEOUT seconds (not a carafe process, stopped) gives
 * ERROR_ACCESS_DENIED. */
#define CARAFE_DUP_ASK_TIMEOUT 5
struct carafe_dup_ask {
    uint32_t id;                 /* SERVE: which ask the answer is for */
    uint32_t source;             /* the source's Windows process id */
    uint64_t handle;             /* the handle's value there */
    uint32_t target;             /* the target's Windows id; 0: only close it */
    uint32_t options;            /* DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS */
    uint32_t access;
    uint32_t handle_flags;       /* HANDLE_FLAG_INHERIT in the target */
};
struct carafe_dup_answer {
    uint32_t ask;
    uint32_t status;             /* 0, or the Win32 error the asker gets */
    struct carafe_dup_info info; /* as for DUP_PUT (target: the server's) */
};

/* pipe flags: PIPE_TYPE_MESSAGE and friends as in Windows' pipe mode */
struct carafe_pipe_create_req {
    uint32_t name_len;
    uint32_t pipe_mode;          /* PIPE_TYPE_* | PIPE_READMODE_* | PIPE_NOWAIT */
    uint32_t open_mode;          /* PIPE_ACCESS_* | FILE_FLAG_FIRST_PIPE_INSTANCE */
    uint32_t max_instances;      /* 1..255 (255 = unlimited) */
    uint32_t out_size, in_size, timeout;
    uint32_t reserved;
};
struct carafe_pipe_create_reply {
    uint32_t id;
    uint32_t reserved;
};
struct carafe_pipe_id_req {
    uint32_t id;
};
struct carafe_pipe_name_req {
    uint32_t name_len;
};
struct carafe_pipe_info_reply {
    uint32_t pipe_mode, open_mode, max_instances;
    uint32_t out_size, in_size, timeout;
    uint32_t instances;          /* existing */
    uint32_t available;          /* waiting for a client */
};

/* ---- where the socket lives (both ends compute it the same way) ---- */

/* The per-user directory; 0 on success.  Not created here. */
static inline int carafe_server_dir(char *buf, size_t size)
{
    const char *env = getenv("CARAFE_SERVER_DIR");
    int n;
    if (env && *env) n = snprintf(buf, size, "%s", env);
    else if ((env = getenv("XDG_RUNTIME_DIR")) && *env) n = snprintf(buf, size, "%s/carafe", env);
    else n = snprintf(buf, size, "/tmp/carafe-%u", (unsigned)getuid());
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* DIR/server-DEV-INO.EXT for the prefix directory; 0 on success */
static inline int carafe_server_path(const char *prefix, const char *ext, char *buf, size_t size)
{
    char dir[200];
    struct stat st;
    if (carafe_server_dir(dir, sizeof(dir)) || stat(prefix, &st)) return -1;
    int n = snprintf(buf, size, "%s/server-%llx-%llx.%s", dir, (unsigned long long)st.st_dev,
                     (unsigned long long)st.st_ino, ext);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* ---- the client (dlls/ntdll/server.c), for the other builtins ---- */

/* One request, one reply.  REQ is the payload after the header; on success
 * *REPLY is a malloc'd copy of the reply payload (free() it) and *REPLY_LEN
 * its size.  Returns the reply's status, or CARAFE_STATUS_UNAVAILABLE when
 * no server could be reached.  Starts the server on first use. */
__attribute__((visibility("default")))
uint32_t carafe_server_call(unsigned int opcode, const void *req, size_t req_len,
                            void **reply, size_t *reply_len);
/* The same with descriptors: SEND_FDS (NSEND of them) go with the request
 * and stay the caller's; a descriptor that comes with the reply lands in
 * *RECV_FD (-1 if none; pass NULL to close it). */
__attribute__((visibility("default")))
uint32_t carafe_server_call_fds(unsigned int opcode, const void *req, size_t req_len,
                                const int *send_fds, int nsend,
                                void **reply, size_t *reply_len, int *recv_fd);
/* A second connection of this process, for a thread that must never wait
 * behind the first one (kernel32's DuplicateHandle service); -1 if no
 * server runs (none is started).  CARAFE_SERVER_CALL_ON makes one exchange
 * on it, as carafe_server_call_fds; close(FD) ends it. */
__attribute__((visibility("default")))
int carafe_server_connect_extra(void);
__attribute__((visibility("default")))
uint32_t carafe_server_call_on(int fd, unsigned int opcode, const void *req, size_t req_len,
                               const int *send_fds, int nsend,
                               void **reply, size_t *reply_len, int *recv_fd);
/* The server's shared page (see struct carafe_server_shared) of the
 * current connection, NULL if none was made. */
__attribute__((visibility("default")))
const volatile struct carafe_server_shared *carafe_server_shared(void);
/* Counts connections made: ids from an older connection are stale. */
__attribute__((visibility("default")))
unsigned int carafe_server_generation(void);

#endif
