/* The registry API: a client of carafe-server, which holds the keys
 * (server/registry.c).  The predefined roots are the documented constants
 * (HKEY_LOCAL_MACHINE = 0x80000002, sign-extended as the SDK defines them);
 * other keys are handles in the process handle table whose objects hold the
 * server's key id.  A key also remembers its path from its root, so that
 * after the server restarts (a new connection: the old ids mean nothing) it
 * is opened again by path on its next use.  A key opened through HKCR keeps
 * HKCR as its root, so it is opened again as a merged key (the server merges
 * HKCU\Software\Classes with HKLM\Software\Classes).
 * The W functions are the implementations; the A ones convert. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "winnls.h"
#include "winreg.h"
#include "carafe/ntdll.h"
#include "carafe/protocol.h"
#include "regcache.h"
#include "carafe/kernel32.h"

DEFAULT_DEBUG_CHANNEL(reg);

/* not in ntdll's enum object_type: a value of advapi32's own */
#define OBJ_REGKEY 0x5245

struct reg_key {
    struct object obj;
    uint32_t id;                 /* the server's id for this connection */
    unsigned int generation;     /* carafe_server_generation() when opened */
    uint32_t root;               /* predefined root the path starts from */
    WCHAR *path;                 /* below the root, components joined by '\' */
    uint32_t flags;              /* CARAFE_REG_VOLATILE */
    /* the registry generation at which the server last vouched that this
     * handle's key is the one at its path: while it is the present one,
     * the cache may answer for the handle (regcache.c) */
    uint64_t live;
};

/* a handle made from the cache has no server id yet: key_id opens it */
#define NOT_OPENED ~0u

static pthread_mutex_t reopen_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t predefined_id(HKEY hkey)
{
    ULONG_PTR v = (ULONG_PTR)hkey;
    uint32_t low = (uint32_t)v;
    if ((v >> 32) != 0 && (v >> 32) != 0xffffffff) return 0;
    if (low < CARAFE_ROOT_FIRST || low > CARAFE_ROOT_LAST || low == 0x80000004) return 0;
    return low;
}

static void key_destroy(struct object *obj)
{
    struct reg_key *k = (struct reg_key *)obj;
    if (k->generation == carafe_server_generation()) {
        struct carafe_reg_key_req req = { k->id };
        carafe_server_call(CARAFE_REQ_REG_CLOSE, &req, sizeof(req), NULL, NULL);
    }
    free(k->path);
    free(k);
}

static const struct object_ops key_ops = { key_destroy };

/* the server id behind HKEY, opening the key again after a reconnection */
static DWORD key_id(HKEY hkey, uint32_t *id)
{
    uint32_t root = predefined_id(hkey);
    if (root) {
        *id = root;
        return ERROR_SUCCESS;
    }
    struct reg_key *k = (struct reg_key *)carafe_handle_get(hkey, OBJ_REGKEY);
    if (!k) return ERROR_INVALID_HANDLE;
    DWORD ret = ERROR_SUCCESS;
    pthread_mutex_lock(&reopen_lock);
    unsigned int gen = carafe_server_generation();
    if (k->generation != gen) {
        size_t len = carafe_wcslen(k->path) * sizeof(WCHAR);
        struct carafe_reg_open_req *req = malloc(sizeof(*req) + len);
        struct carafe_reg_open_reply *rep = NULL;
        size_t rep_len;
        if (!req) ret = ERROR_NOT_ENOUGH_MEMORY;
        else {
            *req = (struct carafe_reg_open_req){ k->root, 0, (uint32_t)len, 0 };
            memcpy(req + 1, k->path, len);
            ret = carafe_server_call(CARAFE_REQ_REG_OPEN, req, sizeof(*req) + len, (void **)&rep, &rep_len);
            if (!ret && rep_len == sizeof(*rep)) {
                k->id = rep->key;
                k->generation = carafe_server_generation();
            } else if (ret == ERROR_FILE_NOT_FOUND) ret = ERROR_KEY_DELETED;
            else if (!ret) ret = CARAFE_STATUS_PROTOCOL_ERROR;
            free(rep);
            free(req);
        }
    }
    *id = k->id;
    pthread_mutex_unlock(&reopen_lock);
    carafe_object_release(&k->obj);
    return ret;
}

/* Where the cache may answer for HKEY at registry generation GEN: a
 * predefined root always, a key handle while the server's word on it is
 * of this generation (a handle to a key deleted since must not see a new
 * key at the same path).  *PATH is malloc'd. */
static int cache_ident(HKEY hkey, uint64_t gen, uint32_t *root, WCHAR **path)
{
    *path = NULL;
    if (!gen) return 0;
    if ((*root = predefined_id(hkey))) return (*path = carafe_wcsdup(u"")) != NULL;
    struct reg_key *k = (struct reg_key *)carafe_handle_get(hkey, OBJ_REGKEY);
    if (!k) return 0;
    if (__atomic_load_n(&k->live, __ATOMIC_RELAXED) == gen) {
        *root = k->root;
        *path = carafe_wcsdup(k->path);
    }
    carafe_object_release(&k->obj);
    return *path != NULL;
}

/* the server answered a request on HKEY made at generation GEN: its key is live */
static void vouched(HKEY hkey, uint64_t gen)
{
    struct reg_key *k = predefined_id(hkey) ? NULL : (struct reg_key *)carafe_handle_get(hkey, OBJ_REGKEY);
    if (!k) return;
    __atomic_store_n(&k->live, gen, __ATOMIC_RELAXED);
    carafe_object_release(&k->obj);
}

/* one request about a key: FIXED starts with the key id, which is filled in
 * here; NAME (UTF-16, may be NULL) and DATA follow it.  Retried once on a
 * new connection if the server went away. */
static DWORD key_call(HKEY hkey, unsigned int opcode, void *fixed, size_t fixed_len, const WCHAR *name,
                      size_t name_bytes, const void *data, size_t data_len, void **reply, size_t *reply_len)
{
    size_t len = fixed_len + name_bytes + data_len;
    uint8_t *req = malloc(len);
    DWORD ret = CARAFE_STATUS_UNAVAILABLE;
    if (!req) return ERROR_NOT_ENOUGH_MEMORY;
    for (int attempt = 0; attempt < 2 && ret == CARAFE_STATUS_UNAVAILABLE; attempt++) {
        uint32_t id;
        if ((ret = key_id(hkey, &id))) break;
        memcpy(fixed, &id, sizeof(id));
        memcpy(req, fixed, fixed_len);
        if (name_bytes) memcpy(req + fixed_len, name, name_bytes);
        if (data_len) memcpy(req + fixed_len + name_bytes, data, data_len);
        ret = carafe_server_call(opcode, req, len, reply, reply_len);
    }
    free(req);
    if (ret == CARAFE_STATUS_UNAVAILABLE) ERR("the registry is not available (carafe-server)\n");
    return ret;
}

static size_t name_bytes(const WCHAR *s)
{
    return s ? carafe_wcslen(s) * sizeof(WCHAR) : 0;
}

static WCHAR *join_path(const WCHAR *parent, const WCHAR *sub)
{
    size_t a = carafe_wcslen(parent), b = sub ? carafe_wcslen(sub) : 0;
    WCHAR *p = malloc((a + b + 2) * sizeof(WCHAR)), *d = p;
    if (!p) return NULL;
    memcpy(d, parent, a * sizeof(WCHAR));
    d += a;
    /* components only: no empty ones, no leading or trailing separators */
    for (size_t i = 0; i < b;) {
        while (i < b && sub[i] == '\\') i++;
        if (i == b) break;
        if (d != p) *d++ = '\\';
        while (i < b && sub[i] != '\\') *d++ = sub[i++];
    }
    *d = 0;
    return p;
}

/* opens or creates SUBKEY below HKEY as a new handle */
static DWORD open_key(HKEY hkey, const WCHAR *subkey, uint32_t flags, HKEY *out, DWORD *disp)
{
    struct carafe_reg_open_req req = { 0, flags, (uint32_t)name_bytes(subkey), 0 };
    struct carafe_reg_open_reply *rep = NULL;
    size_t rep_len;
    uint32_t root = predefined_id(hkey);
    WCHAR *path;

    if (root) path = join_path(u"", subkey);
    else {
        struct reg_key *parent = (struct reg_key *)carafe_handle_get(hkey, OBJ_REGKEY);
        if (!parent) return ERROR_INVALID_HANDLE;
        root = parent->root;
        path = join_path(parent->path, subkey);
        carafe_object_release(&parent->obj);
    }
    if (!path) return ERROR_NOT_ENOUGH_MEMORY;
    uint64_t gen = regcache_generation();
    uint32_t croot;
    WCHAR *cpath = NULL;
    DWORD ret;
    int cacheable = !(flags & CARAFE_REG_CREATE) && cache_ident(hkey, gen, &croot, &cpath);
    free(cpath);
    cpath = NULL;
    /* an open the cache knows makes the handle alone: key_id opens it on the server when needed */
    if (cacheable && regcache_get(root, path, NULL, &ret, NULL, NULL, NULL)) {
        if (ret) goto done;
        static struct carafe_reg_open_reply unopened = { NOT_OPENED, 0 };
        rep = malloc(sizeof(*rep));
        if (!rep) {
            ret = ERROR_NOT_ENOUGH_MEMORY;
            goto done;
        }
        *rep = unopened;
    } else {
        ret = key_call(hkey, CARAFE_REQ_REG_OPEN, &req, sizeof(req), subkey, req.name_len, NULL, 0,
                       (void **)&rep, &rep_len);
        if (!ret && rep_len != sizeof(*rep)) ret = CARAFE_STATUS_PROTOCOL_ERROR;
        if (!ret || ret == ERROR_FILE_NOT_FOUND) vouched(hkey, gen);
        if (!(flags & CARAFE_REG_CREATE) && (!ret || ret == ERROR_FILE_NOT_FOUND) &&
            cache_ident(hkey, gen, &croot, &cpath))
            regcache_put(gen, root, path, NULL, ret, 0, NULL, 0);
        free(cpath);
        if (ret) goto done;
    }
    struct reg_key *k = calloc(1, sizeof(*k));
    if (!k) {
        ret = ERROR_NOT_ENOUGH_MEMORY;
        goto done;
    }
    k->obj.type = OBJ_REGKEY;
    k->obj.refcount = 1;
    k->obj.ops = &key_ops;
    k->id = rep->key;
    k->generation = rep->key == NOT_OPENED ? NOT_OPENED : carafe_server_generation();
    k->live = gen;
    k->root = root;
    k->path = path;
    k->flags = flags & CARAFE_REG_VOLATILE;
    path = NULL;
    if (disp) *disp = rep->created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    if (!(*out = carafe_handle_alloc(&k->obj))) {
        key_destroy(&k->obj);
        ret = ERROR_NOT_ENOUGH_MEMORY;
    }
done:
    free(rep);
    free(path);
    return ret;
}

/* ---- string conversions for the A functions ---- */

static WCHAR *a_to_w(const char *s)
{
    if (!s) return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = malloc(n * sizeof(WCHAR));
    if (w) MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

#define A_TO_W(var, s) \
    WCHAR *var = a_to_w(s); \
    if ((s) && !var) return ERROR_NOT_ENOUGH_MEMORY

static int is_string_type(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

/* ---- opening, creating, closing ---- */

LSTATUS WINAPI RegOpenKeyExW(HKEY hkey, LPCWSTR subkey, DWORD options, REGSAM access, PHKEY result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    *result = NULL;
    return open_key(hkey, subkey, 0, result, NULL);
}

LSTATUS WINAPI RegOpenKeyExA(HKEY hkey, LPCSTR subkey, DWORD options, REGSAM access, PHKEY result)
{
    A_TO_W(w, subkey);
    LSTATUS ret = RegOpenKeyExW(hkey, w, options, access, result);
    free(w);
    return ret;
}

LSTATUS WINAPI RegOpenKeyW(HKEY hkey, LPCWSTR subkey, PHKEY result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey) {   /* documented: the same handle comes back */
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return RegOpenKeyExW(hkey, subkey, 0, KEY_ALL_ACCESS, result);
}

LSTATUS WINAPI RegOpenKeyA(HKEY hkey, LPCSTR subkey, PHKEY result)
{
    A_TO_W(w, subkey);
    LSTATUS ret = RegOpenKeyW(hkey, w, result);
    free(w);
    return ret;
}

LSTATUS WINAPI RegCreateKeyExW(HKEY hkey, LPCWSTR subkey, DWORD reserved, LPWSTR cls, DWORD options,
                               REGSAM access, void *sa, PHKEY result, LPDWORD disposition)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (options & REG_OPTION_CREATE_LINK) FIXME("REG_OPTION_CREATE_LINK not supported\n");
    uint32_t flags = CARAFE_REG_CREATE | ((options & REG_OPTION_VOLATILE) ? CARAFE_REG_VOLATILE : 0);
    return open_key(hkey, subkey, flags, result, disposition);
}

LSTATUS WINAPI RegCreateKeyExA(HKEY hkey, LPCSTR subkey, DWORD reserved, LPSTR cls, DWORD options,
                               REGSAM access, void *sa, PHKEY result, LPDWORD disposition)
{
    A_TO_W(w, subkey);
    LSTATUS ret = RegCreateKeyExW(hkey, w, reserved, NULL, options, access, sa, result, disposition);
    free(w);
    return ret;
}

LSTATUS WINAPI RegCreateKeyW(HKEY hkey, LPCWSTR subkey, PHKEY result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey) {
        *result = hkey;
        return ERROR_SUCCESS;
    }
    return RegCreateKeyExW(hkey, subkey, 0, NULL, 0, KEY_ALL_ACCESS, NULL, result, NULL);
}

LSTATUS WINAPI RegCreateKeyA(HKEY hkey, LPCSTR subkey, PHKEY result)
{
    A_TO_W(w, subkey);
    LSTATUS ret = RegCreateKeyW(hkey, w, result);
    free(w);
    return ret;
}

LSTATUS WINAPI RegCloseKey(HKEY hkey)
{
    if (predefined_id(hkey)) return ERROR_SUCCESS;
    struct object *obj = carafe_handle_get(hkey, OBJ_REGKEY);
    if (!obj) return ERROR_INVALID_HANDLE;
    carafe_object_release(obj);
    return carafe_handle_close(hkey) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

/* ---- values ---- */

/* the value's type and data (malloc'd) */
static DWORD query_value(HKEY hkey, const WCHAR *name, DWORD *type, BYTE **data, DWORD *size)
{
    struct carafe_reg_name_req req = { 0, (uint32_t)name_bytes(name) };
    struct carafe_reg_value_reply *rep = NULL;
    size_t len;
    uint64_t gen = regcache_generation();
    uint32_t root;
    WCHAR *path;
    DWORD ret;
    if (!name) name = u"";   /* the default value, either way */
    if (cache_ident(hkey, gen, &root, &path) && regcache_get(root, path, name, &ret, type, data, size)) {
        free(path);
        return ret;
    }
    free(path);
    ret = key_call(hkey, CARAFE_REQ_REG_QUERY_VALUE, &req, sizeof(req), name, req.name_len, NULL, 0,
                   (void **)&rep, &len);
    if (!ret && (len < sizeof(*rep) || len - sizeof(*rep) != rep->data_len)) ret = CARAFE_STATUS_PROTOCOL_ERROR;
    if (ret && ret != ERROR_FILE_NOT_FOUND) {
        free(rep);
        return ret;
    }
    vouched(hkey, gen);   /* so the handle's next queries may be answered here */
    if (cache_ident(hkey, gen, &root, &path)) {
        if (ret) regcache_put(gen, root, path, name, ret, 0, NULL, 0);
        else regcache_put(gen, root, path, name, 0, rep->type, (BYTE *)(rep + 1), rep->data_len);
        free(path);
    }
    if (ret) {
        free(rep);
        return ret;
    }
    *type = rep->type;
    *size = rep->data_len;
    memmove(rep, rep + 1, rep->data_len);
    *data = (BYTE *)rep;
    return ERROR_SUCCESS;
}

/* the size protocol of RegQueryValueEx and RegEnumValue */
static DWORD copy_out(const BYTE *src, DWORD size, BYTE *data, DWORD *count)
{
    if (!count) return data ? ERROR_INVALID_PARAMETER : ERROR_SUCCESS;
    DWORD room = *count;
    *count = size;
    if (!data) return ERROR_SUCCESS;
    if (room < size) return ERROR_MORE_DATA;
    memcpy(data, src, size);
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegQueryValueExW(HKEY hkey, LPCWSTR name, LPDWORD reserved, LPDWORD type, LPBYTE data,
                                LPDWORD count)
{
    DWORD t, size;
    BYTE *buf;
    if ((data && !count) || reserved) return ERROR_INVALID_PARAMETER;
    DWORD ret = query_value(hkey, name, &t, &buf, &size);
    if (ret) return ret;
    if (type) *type = t;
    ret = copy_out(buf, size, data, count);
    free(buf);
    return ret;
}

/* UTF-16 string data to the ANSI code page: malloc'd, *size in bytes */
static BYTE *string_data_to_a(const BYTE *src, DWORD size, DWORD *out_size)
{
    int n = WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)src, size / 2, NULL, 0, NULL, NULL);
    BYTE *a = malloc(n + 1);
    if (!a) return NULL;
    WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)src, size / 2, (char *)a, n, NULL, NULL);
    *out_size = n;
    return a;
}

LSTATUS WINAPI RegQueryValueExA(HKEY hkey, LPCSTR name, LPDWORD reserved, LPDWORD type, LPBYTE data,
                                LPDWORD count)
{
    DWORD t, size;
    BYTE *buf;
    if ((data && !count) || reserved) return ERROR_INVALID_PARAMETER;
    A_TO_W(w, name);
    DWORD ret = query_value(hkey, w, &t, &buf, &size);
    free(w);
    if (ret) return ret;
    if (is_string_type(t)) {
        BYTE *a = string_data_to_a(buf, size, &size);
        free(buf);
        if (!(buf = a)) return ERROR_NOT_ENOUGH_MEMORY;
    }
    if (type) *type = t;
    ret = copy_out(buf, size, data, count);
    free(buf);
    return ret;
}

static DWORD set_value(HKEY hkey, const WCHAR *name, DWORD type, const BYTE *data, DWORD count)
{
    struct carafe_reg_set_value_req req = { 0, type, (uint32_t)name_bytes(name), count };
    if (req.name_len > CARAFE_MAX_NAME_BYTES) return ERROR_INVALID_PARAMETER;
    return key_call(hkey, CARAFE_REQ_REG_SET_VALUE, &req, sizeof(req), name, req.name_len, data, count,
                    NULL, NULL);
}

LSTATUS WINAPI RegSetValueExW(HKEY hkey, LPCWSTR name, DWORD reserved, DWORD type, const BYTE *data,
                              DWORD count)
{
    if (!data && count) return ERROR_NOACCESS;
    return set_value(hkey, name, type, data, count);
}

LSTATUS WINAPI RegSetValueExA(HKEY hkey, LPCSTR name, DWORD reserved, DWORD type, const BYTE *data,
                              DWORD count)
{
    BYTE *wdata = NULL;
    if (!data && count) return ERROR_NOACCESS;
    A_TO_W(w, name);
    if (is_string_type(type) && count) {
        /* Windows counts a terminator the caller forgot when one follows */
        if (data[count - 1] && !data[count]) count++;
        int n = MultiByteToWideChar(CP_ACP, 0, (const char *)data, count, NULL, 0);
        if (!(wdata = malloc(n * sizeof(WCHAR) + 1))) {
            free(w);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        MultiByteToWideChar(CP_ACP, 0, (const char *)data, count, (WCHAR *)wdata, n);
        data = wdata;
        count = n * sizeof(WCHAR);
    }
    LSTATUS ret = set_value(hkey, w, type, data, count);
    free(wdata);
    free(w);
    return ret;
}

static DWORD type_filter_bit(DWORD type)
{
    switch (type) {
    case REG_NONE: return RRF_RT_REG_NONE;
    case REG_SZ: return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY: return RRF_RT_REG_BINARY;
    case REG_DWORD: return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD: return RRF_RT_REG_QWORD;
    default: return 0;
    }
}

/* RegGetValueW's work on the value data BUF (malloc'd; may be replaced) */
static DWORD get_value_filtered(DWORD flags, DWORD *t, BYTE **buf, DWORD *size)
{
    DWORD rt = flags & RRF_RT_ANY;
    if (*t == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)) {
        /* expanded, it is a REG_SZ */
        DWORD n = *size / 2;
        WCHAR *src = malloc((n + 1) * sizeof(WCHAR));
        if (!src) return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(src, *buf, n * sizeof(WCHAR));
        src[n] = 0;
        DWORD need = ExpandEnvironmentStringsW(src, NULL, 0);
        WCHAR *dst = malloc((need + 1) * sizeof(WCHAR));
        if (!dst) {
            free(src);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        need = ExpandEnvironmentStringsW(src, dst, need + 1);
        free(src);
        free(*buf);
        *buf = (BYTE *)dst;
        *size = need * sizeof(WCHAR);
        *t = REG_SZ;
    }
    if (rt != RRF_RT_ANY) {
        if (!(type_filter_bit(*t) & rt)) return ERROR_UNSUPPORTED_TYPE;
        if (*t == REG_BINARY && rt == RRF_RT_DWORD && *size != 4) return ERROR_DATATYPE_MISMATCH;
        if (*t == REG_BINARY && rt == RRF_RT_QWORD && *size != 8) return ERROR_DATATYPE_MISMATCH;
    }
    if (is_string_type(*t)) {
        /* RegGetValue guarantees the terminator (two for REG_MULTI_SZ) */
        DWORD n = *size / 2;
        const WCHAR *s = (const WCHAR *)*buf;
        int missing = (!n || s[n - 1]) ? 1 : 0;
        if (*t == REG_MULTI_SZ && (n < 2 || s[n - 2] || s[n - 1])) missing = (!n || s[n - 1]) ? 2 : 1;
        if (missing) {
            BYTE *b = realloc(*buf, n * 2 + missing * 2);
            if (!b) return ERROR_NOT_ENOUGH_MEMORY;
            memset(b + n * 2, 0, missing * 2);
            *buf = b;
            *size = (n + missing) * 2;
        } else *size = n * 2;
    }
    return ERROR_SUCCESS;
}

/* RegGetValue after the subkey is open: the A form converts string data */
static DWORD get_value(HKEY key, const WCHAR *name, DWORD flags, LPDWORD type, PVOID data, LPDWORD count, int ansi)
{
    DWORD t, size, ret;
    BYTE *buf = NULL;
    DWORD room = count ? *count : 0;

    ret = query_value(key, name, &t, &buf, &size);
    if (!ret) ret = get_value_filtered(flags, &t, &buf, &size);
    if (!ret && ansi && is_string_type(t)) {
        BYTE *a = string_data_to_a(buf, size, &size);
        free(buf);
        if (!(buf = a)) ret = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!ret || ret == ERROR_UNSUPPORTED_TYPE || ret == ERROR_DATATYPE_MISMATCH) {
        if (type) *type = t;
    }
    if (!ret) ret = copy_out(buf, size, data, count);
    if (ret && data && (flags & RRF_ZEROONFAILURE)) memset(data, 0, room);
    free(buf);
    return ret;
}

static DWORD check_get_value_flags(DWORD flags, PVOID data, LPDWORD count)
{
    if ((data && !count) || !(flags & RRF_RT_ANY)) return ERROR_INVALID_PARAMETER;
    if ((flags & RRF_RT_REG_EXPAND_SZ) && !(flags & RRF_NOEXPAND) && (flags & RRF_RT_ANY) != RRF_RT_ANY)
        return ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegGetValueW(HKEY hkey, LPCWSTR subkey, LPCWSTR name, DWORD flags, LPDWORD type, PVOID data,
                            LPDWORD count)
{
    HKEY key = hkey;
    DWORD ret;
    if ((ret = check_get_value_flags(flags, data, count))) return ret;
    if (subkey && *subkey && (ret = RegOpenKeyExW(hkey, subkey, 0, KEY_QUERY_VALUE, &key))) return ret;
    ret = get_value(key, name, flags, type, data, count, 0);
    if (key != hkey) RegCloseKey(key);
    return ret;
}

LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR subkey, LPCSTR name, DWORD flags, LPDWORD type, PVOID data,
                            LPDWORD count)
{
    HKEY key = hkey;
    DWORD ret;
    if ((ret = check_get_value_flags(flags, data, count))) return ret;
    if (subkey && *subkey && (ret = RegOpenKeyExA(hkey, subkey, 0, KEY_QUERY_VALUE, &key))) return ret;
    WCHAR *w = a_to_w(name);
    if (name && !w) ret = ERROR_NOT_ENOUGH_MEMORY;
    else ret = get_value(key, w, flags, type, data, count, 1);
    free(w);
    if (key != hkey) RegCloseKey(key);
    return ret;
}

LSTATUS WINAPI RegDeleteValueW(HKEY hkey, LPCWSTR name)
{
    struct carafe_reg_name_req req = { 0, (uint32_t)name_bytes(name) };
    return key_call(hkey, CARAFE_REQ_REG_DELETE_VALUE, &req, sizeof(req), name, req.name_len, NULL, 0,
                    NULL, NULL);
}

LSTATUS WINAPI RegDeleteValueA(HKEY hkey, LPCSTR name)
{
    A_TO_W(w, name);
    LSTATUS ret = RegDeleteValueW(hkey, w);
    free(w);
    return ret;
}

/* ---- enumeration and information ---- */

/* a name into a caller's buffer of *LEN characters (the terminator included);
 * on success *LEN is the length without it */
static DWORD name_out_w(const WCHAR *src, DWORD n, WCHAR *dst, DWORD *len)
{
    if (n >= *len) return ERROR_MORE_DATA;
    memcpy(dst, src, n * sizeof(WCHAR));
    dst[n] = 0;
    *len = n;
    return ERROR_SUCCESS;
}

static DWORD name_out_a(const WCHAR *src, DWORD n, char *dst, DWORD *len)
{
    int need = WideCharToMultiByte(CP_ACP, 0, src, n, NULL, 0, NULL, NULL);
    if ((DWORD)need >= *len) return ERROR_MORE_DATA;
    WideCharToMultiByte(CP_ACP, 0, src, n, dst, need, NULL, NULL);
    dst[need] = 0;
    *len = need;
    return ERROR_SUCCESS;
}

static DWORD enum_key(HKEY hkey, DWORD index, WCHAR **name, DWORD *len, FILETIME *ft)
{
    struct carafe_reg_index_req req = { 0, index };
    struct carafe_reg_enum_key_reply *rep = NULL;
    size_t rep_len;
    DWORD ret = key_call(hkey, CARAFE_REQ_REG_ENUM_KEY, &req, sizeof(req), NULL, 0, NULL, 0,
                         (void **)&rep, &rep_len);
    if (ret) return ret;
    if (rep_len < sizeof(*rep) || rep_len - sizeof(*rep) != rep->name_len) {
        free(rep);
        return CARAFE_STATUS_PROTOCOL_ERROR;
    }
    if (ft) {
        ft->dwLowDateTime = (DWORD)rep->last_write;
        ft->dwHighDateTime = (DWORD)(rep->last_write >> 32);
    }
    *len = rep->name_len / 2;
    memmove(rep, rep + 1, rep->name_len);
    *name = (WCHAR *)rep;
    return ERROR_SUCCESS;
}

/* RegEnumKeyEx for both forms: NAME and CLS are WCHAR or char buffers */
static DWORD enum_key_ex(HKEY hkey, DWORD index, void *name, LPDWORD name_len, LPDWORD reserved,
                         void *cls, LPDWORD cls_len, PFILETIME ft, int ansi)
{
    WCHAR *n;
    DWORD len;
    if (!name || !name_len || reserved) return ERROR_INVALID_PARAMETER;
    DWORD ret = enum_key(hkey, index, &n, &len, ft);
    if (ret) return ret;
    ret = ansi ? name_out_a(n, len, name, name_len) : name_out_w(n, len, name, name_len);
    if (!ret && cls_len) {   /* keys have no class */
        if (cls && *cls_len) {
            if (ansi) *(char *)cls = 0;
            else *(WCHAR *)cls = 0;
        }
        *cls_len = 0;
    }
    free(n);
    return ret;
}

LSTATUS WINAPI RegEnumKeyExW(HKEY hkey, DWORD index, LPWSTR name, LPDWORD name_len, LPDWORD reserved,
                             LPWSTR cls, LPDWORD cls_len, PFILETIME ft)
{
    return enum_key_ex(hkey, index, name, name_len, reserved, cls, cls_len, ft, 0);
}

LSTATUS WINAPI RegEnumKeyExA(HKEY hkey, DWORD index, LPSTR name, LPDWORD name_len, LPDWORD reserved,
                             LPSTR cls, LPDWORD cls_len, PFILETIME ft)
{
    return enum_key_ex(hkey, index, name, name_len, reserved, cls, cls_len, ft, 1);
}

LSTATUS WINAPI RegEnumKeyW(HKEY hkey, DWORD index, LPWSTR name, DWORD len)
{
    return RegEnumKeyExW(hkey, index, name, &len, NULL, NULL, NULL, NULL);
}

LSTATUS WINAPI RegEnumKeyA(HKEY hkey, DWORD index, LPSTR name, DWORD len)
{
    return RegEnumKeyExA(hkey, index, name, &len, NULL, NULL, NULL, NULL);
}

/* name (UTF-16) and data of value INDEX, in one malloc'd block */
static DWORD enum_value(HKEY hkey, DWORD index, struct carafe_reg_value_reply **out)
{
    struct carafe_reg_index_req req = { 0, index };
    struct carafe_reg_value_reply *rep = NULL;
    size_t len;
    DWORD ret = key_call(hkey, CARAFE_REQ_REG_ENUM_VALUE, &req, sizeof(req), NULL, 0, NULL, 0,
                         (void **)&rep, &len);
    if (ret) return ret;
    if (len < sizeof(*rep) || (uint64_t)len - sizeof(*rep) != (uint64_t)rep->name_len + rep->data_len) {
        free(rep);
        return CARAFE_STATUS_PROTOCOL_ERROR;
    }
    *out = rep;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegEnumValueW(HKEY hkey, DWORD index, LPWSTR name, LPDWORD name_len, LPDWORD reserved,
                             LPDWORD type, LPBYTE data, LPDWORD count)
{
    struct carafe_reg_value_reply *rep;
    if (!name || !name_len || reserved || (data && !count)) return ERROR_INVALID_PARAMETER;
    DWORD ret = enum_value(hkey, index, &rep);
    if (ret) return ret;
    const WCHAR *n = (const WCHAR *)(rep + 1);
    const BYTE *d = (const BYTE *)(rep + 1) + rep->name_len;
    ret = name_out_w(n, rep->name_len / 2, name, name_len);
    if (!ret) {
        if (type) *type = rep->type;
        ret = copy_out(d, rep->data_len, data, count);
    }
    free(rep);
    return ret;
}

LSTATUS WINAPI RegEnumValueA(HKEY hkey, DWORD index, LPSTR name, LPDWORD name_len, LPDWORD reserved,
                             LPDWORD type, LPBYTE data, LPDWORD count)
{
    struct carafe_reg_value_reply *rep;
    if (!name || !name_len || reserved || (data && !count)) return ERROR_INVALID_PARAMETER;
    DWORD ret = enum_value(hkey, index, &rep);
    if (ret) return ret;
    const WCHAR *n = (const WCHAR *)(rep + 1);
    const BYTE *d = (const BYTE *)(rep + 1) + rep->name_len;
    DWORD size = rep->data_len;
    BYTE *conv = NULL;
    if (is_string_type(rep->type)) {
        if (!(conv = string_data_to_a(d, size, &size))) {
            free(rep);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        d = conv;
    }
    ret = name_out_a(n, rep->name_len / 2, name, name_len);
    if (!ret) {
        if (type) *type = rep->type;
        ret = copy_out(d, size, data, count);
    }
    free(conv);
    free(rep);
    return ret;
}

LSTATUS WINAPI RegQueryInfoKeyW(HKEY hkey, LPWSTR cls, LPDWORD cls_len, LPDWORD reserved, LPDWORD subkeys,
                                LPDWORD max_subkey, LPDWORD max_class, LPDWORD values, LPDWORD max_value_name,
                                LPDWORD max_value, LPDWORD sd_len, PFILETIME ft)
{
    struct carafe_reg_key_req req = { 0 };
    struct carafe_reg_info_reply *rep = NULL;
    size_t len;
    if (reserved || (cls && !cls_len)) return ERROR_INVALID_PARAMETER;
    DWORD ret = key_call(hkey, CARAFE_REQ_REG_QUERY_INFO, &req, sizeof(req), NULL, 0, NULL, 0,
                         (void **)&rep, &len);
    if (ret) return ret;
    if (len != sizeof(*rep)) {
        free(rep);
        return CARAFE_STATUS_PROTOCOL_ERROR;
    }
    if (cls_len) {   /* keys have no class: an empty one */
        if (cls) {
            if (!*cls_len) ret = ERROR_MORE_DATA;
            else *cls = 0;
        }
        *cls_len = 0;
    }
    if (subkeys) *subkeys = rep->subkeys;
    if (max_subkey) *max_subkey = rep->max_subkey_len;
    if (max_class) *max_class = 0;
    if (values) *values = rep->values;
    if (max_value_name) *max_value_name = rep->max_value_name_len;
    if (max_value) *max_value = rep->max_value_len;
    if (sd_len) *sd_len = 0;
    if (ft) {
        ft->dwLowDateTime = (DWORD)rep->last_write;
        ft->dwHighDateTime = (DWORD)(rep->last_write >> 32);
    }
    free(rep);
    return ret;
}

LSTATUS WINAPI RegQueryInfoKeyA(HKEY hkey, LPSTR cls, LPDWORD cls_len, LPDWORD reserved, LPDWORD subkeys,
                                LPDWORD max_subkey, LPDWORD max_class, LPDWORD values, LPDWORD max_value_name,
                                LPDWORD max_value, LPDWORD sd_len, PFILETIME ft)
{
    WCHAR c;
    DWORD clen = cls_len ? (*cls_len ? 1 : 0) : 0;
    LSTATUS ret = RegQueryInfoKeyW(hkey, cls ? &c : NULL, cls_len ? &clen : NULL, reserved, subkeys,
                                   max_subkey, max_class, values, max_value_name, max_value, sd_len, ft);
    if (cls_len && (!ret || ret == ERROR_MORE_DATA)) {
        if (cls && !ret) *cls = 0;
        *cls_len = 0;
    }
    return ret;
}

/* ---- deletion and the rest ---- */

static DWORD delete_key(HKEY hkey, unsigned int opcode, const WCHAR *subkey)
{
    struct carafe_reg_name_req req = { 0, (uint32_t)name_bytes(subkey) };
    return key_call(hkey, opcode, &req, sizeof(req), subkey, req.name_len, NULL, 0, NULL, NULL);
}

LSTATUS WINAPI RegDeleteKeyW(HKEY hkey, LPCWSTR subkey)
{
    if (!subkey) return ERROR_INVALID_PARAMETER;
    return delete_key(hkey, CARAFE_REQ_REG_DELETE_KEY, subkey);
}

LSTATUS WINAPI RegDeleteKeyA(HKEY hkey, LPCSTR subkey)
{
    if (!subkey) return ERROR_INVALID_PARAMETER;
    A_TO_W(w, subkey);
    LSTATUS ret = RegDeleteKeyW(hkey, w);
    free(w);
    return ret;
}

/* one registry view: KEY_WOW64_32KEY and KEY_WOW64_64KEY name the same keys */
LSTATUS WINAPI RegDeleteKeyExW(HKEY hkey, LPCWSTR subkey, REGSAM access, DWORD reserved)
{
    return RegDeleteKeyW(hkey, subkey);
}

LSTATUS WINAPI RegDeleteKeyExA(HKEY hkey, LPCSTR subkey, REGSAM access, DWORD reserved)
{
    return RegDeleteKeyA(hkey, subkey);
}

LSTATUS WINAPI RegDeleteTreeW(HKEY hkey, LPCWSTR subkey)
{
    return delete_key(hkey, CARAFE_REQ_REG_DELETE_TREE, subkey && *subkey ? subkey : NULL);
}

LSTATUS WINAPI RegDeleteTreeA(HKEY hkey, LPCSTR subkey)
{
    A_TO_W(w, subkey);
    LSTATUS ret = RegDeleteTreeW(hkey, w);
    free(w);
    return ret;
}

LSTATUS WINAPI RegFlushKey(HKEY hkey)
{
    struct carafe_reg_key_req req = { 0 };
    return key_call(hkey, CARAFE_REQ_REG_FLUSH, &req, sizeof(req), NULL, 0, NULL, 0, NULL, NULL);
}

#define REG_NOTIFY_FILTERS         0xf   /* NAME, ATTRIBUTES, LAST_SET, SECURITY */
#define REG_NOTIFY_THREAD_AGNOSTIC 0x10000000

/* The server signals EVENT once (server/notify.c); without ASYNC we wait
 * on an event of our own.  Windows also signals the event when the
 * calling thread ends (unless REG_NOTIFY_THREAD_AGNOSTIC): not done here,
 * the watch lasts until a change, the key's deletion or its handle's close. */
LSTATUS WINAPI RegNotifyChangeKeyValue(HKEY hkey, BOOL subtree, DWORD filter, HANDLE event, BOOL async)
{
    struct carafe_reg_notify_req req = { 0 };
    HANDLE own = NULL;
    DWORD ret;
    if (!(filter & REG_NOTIFY_FILTERS) || (filter & ~(REG_NOTIFY_FILTERS | REG_NOTIFY_THREAD_AGNOSTIC)))
        return ERROR_INVALID_PARAMETER;
    if (!async && !(event = own = CreateEventW(NULL, FALSE, FALSE, NULL))) return GetLastError();
    req.filter = filter & REG_NOTIFY_FILTERS;
    req.subtree = subtree != 0;
    if (!(ret = carafe_event_share(event, &req.event, &req.signaled_off, &req.seq_off)))
        ret = key_call(hkey, CARAFE_REQ_REG_NOTIFY, &req, sizeof(req), NULL, 0, NULL, 0, NULL, NULL);
    if (!ret && own) WaitForSingleObject(own, INFINITE);
    if (own) CloseHandle(own);
    return ret;
}
