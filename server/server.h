/* carafe-server internals: the registry tree (registry.c), its file
 * (regfile.c) and the request loop (main.c).  Native code: no Windows
 * headers; UTF-16 strings are arrays of uint16_t with a length. */
#ifndef CARAFE_SERVER_H
#define CARAFE_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include "carafe/protocol.h"

typedef uint16_t wchar16;

/* Win32 errors and registry types the server speaks */
#define ERR_SUCCESS             0
#define ERR_FILE_NOT_FOUND      2
#define ERR_ACCESS_DENIED       5
#define ERR_INVALID_HANDLE      6
#define ERR_NOT_ENOUGH_MEMORY   8
#define ERR_INVALID_PARAMETER   87
#define ERR_BAD_PATHNAME        161
#define ERR_NO_MORE_ITEMS       259
#define ERR_KEY_DELETED         1018
#define ERR_CHILD_MUST_BE_VOLATILE 1021

/* Windows' limit on the depth of the registry tree */
#define REG_MAX_DEPTH 512

#define REGT_NONE 0
#define REGT_SZ 1
#define REGT_EXPAND_SZ 2
#define REGT_BINARY 3
#define REGT_DWORD 4
#define REGT_DWORD_BIG_ENDIAN 5
#define REGT_LINK 6
#define REGT_MULTI_SZ 7
#define REGT_QWORD 11

struct value {
    wchar16 *name;
    uint32_t name_len;          /* characters */
    uint32_t type;
    uint32_t size;
    uint8_t *data;
};

struct key {
    struct key *parent;         /* NULL for the root and for deleted keys */
    wchar16 *name;
    uint32_t name_len;
    struct key **subkeys;       /* sorted case-insensitively; each holds a reference */
    uint32_t nsubkeys, subkeys_cap;
    struct value *values;       /* in creation order */
    uint32_t nvalues, values_cap;
    int refcount;               /* the parent's link + open handles */
    unsigned deleted : 1, is_volatile : 1, fixed : 1;
    uint64_t last_write;        /* FILETIME ticks */
};

/* a reply payload under construction */
struct reply {
    uint32_t status;
    uint8_t *data;
    size_t len, cap;
};
int reply_add(struct reply *r, const void *data, size_t len);

/* an open key: MERGED for keys opened through HKCR, which see the user's
 * and the machine's classes as one (registry.c) */
struct key_handle {
    struct key *key;            /* NULL: a free slot */
    int merged;
};

/* the keys a connection has open: ids are index + 1 */
struct handle_table {
    struct key_handle *keys;
    uint32_t count;
};
void handles_free(struct handle_table *t);

/* registry.c */
extern int registry_dirty;      /* changed since the last save */
int registry_init(const char *prefix);   /* load or create; 0 on success */
int registry_save(void);                 /* 0 on success (message on failure) */
void registry_request(struct handle_table *h, unsigned int opcode, const uint8_t *p, size_t len,
                      struct reply *r);
uint64_t registry_now(void);

/* the tree, for regfile.c */
struct key *key_new(struct key *parent, const wchar16 *name, uint32_t len);  /* added to parent */
struct key *key_find_child(struct key *k, const wchar16 *name, uint32_t len);
int key_set_value(struct key *k, const wchar16 *name, uint32_t name_len, uint32_t type,
                  const void *data, uint32_t size);
void key_release(struct key *k);
void key_detach_all(struct key *k);      /* empties a key (failed load) */

/* regfile.c */
int regfile_save(const struct key *root, const char *path);
/* 0 on success; on failure a message in err */
int regfile_load(struct key *root, const char *path, char *err, size_t errlen);

/* notify.c: RegNotifyChangeKeyValue watches */
uint32_t notify_add(const struct handle_table *t, uint32_t handle, struct key *k,
                    const struct carafe_reg_notify_req *req);
void notify_subkeys_changed(const struct key *k);   /* added or deleted */
void notify_values_changed(const struct key *k);
void notify_deleted(const struct key *k);
void notify_closed(const struct handle_table *t, uint32_t handle);   /* 0: all of T's */
void notify_sweep(void);   /* drops the watches that fired */

/* process.c: 1 if OPCODE was a process request (R filled in), 0 if not */
int process_request(unsigned int opcode, const uint8_t *p, size_t len, struct reply *r);

/* main.c */
/* a handler's status that means "the reply comes later": the connection
 * waits (reads nothing) until server_complete(its refs, ...) */
#define CARAFE_STATUS_DEFERRED 0xffffffffu
struct obj_refs;
void server_complete(struct obj_refs *refs, struct reply *r, int fd);
void server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
