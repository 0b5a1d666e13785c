/* The registry held by carafe-server: a tree of keys with values, the
 * predefined roots, the keys programs read at start-up, and the registry
 * requests of the protocol.
 *
 * The tree's hidden root has two children, Machine (HKLM) and User (HKU).
 * HKCU is User\S-1-5-21-0-0-0-1000, the one user a prefix has.  HKCC is
 * HKLM\System\CurrentControlSet\Hardware Profiles\Current.
 * HKCR is the merged view of HKCU\Software\Classes and
 * HKLM\Software\Classes that Microsoft documents ("HKEY_CLASSES_ROOT Key",
 * "Merged View of HKEY_CLASSES_ROOT"); so is every key opened through it,
 * level by level (a key opened through HKLM\Software\Classes is not):
 *  - reads take the user's copy of a key or value first, the machine's next;
 *  - enumerations and RegQueryInfoKey see the union, each name once (the
 *    user's entry wins): subkeys in name order, values the user's first;
 *  - a value or subkey written below a key goes to the user's copy when
 *    there is one, otherwise to the machine's; HKCR's own new keys and
 *    values go to the machine's, as Microsoft says of keys written there;
 *  - a delete removes the copy a read would find (the user's first), so
 *    the machine's default shows again, as when a user's setting goes.
 * Key and value names compare case-insensitively (upcase() below: ASCII,
 * Latin-1, Greek and Cyrillic) and keep their case. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>
#include "server.h"

int registry_dirty;
static struct key *root;
static uint64_t tree_changes;   /* bumped when subkeys come or go (enumeration cursors) */
static char *registry_path;

#define USER_SID u"S-1-5-21-0-0-0-1000"
#define FILETIME_UNIX_EPOCH 116444736000000000ULL

uint64_t registry_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return FILETIME_UNIX_EPOCH + (uint64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
}

int reply_add(struct reply *r, const void *data, size_t len)
{
    if (r->len + len > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        while (cap < r->len + len) cap *= 2;
        uint8_t *d = realloc(r->data, cap);
        if (!d) return -1;
        r->data = d;
        r->cap = cap;
    }
    if (len) memcpy(r->data + r->len, data, len);
    r->len += len;
    return 0;
}

/* ---- names ---- */

static wchar16 upcase(wchar16 c)
{
    if (c >= 'a' && c <= 'z') return c - 0x20;
    if (c < 0xe0) return c;
    if (c <= 0xfe) return c == 0xf7 ? c : c - 0x20;
    if (c == 0xff) return 0x178;
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 0x20;
    if (c >= 0x430 && c <= 0x44f) return c - 0x20;
    if (c >= 0x450 && c <= 0x45f) return c - 0x50;
    return c;
}

static int name_cmp(const wchar16 *a, uint32_t alen, const wchar16 *b, uint32_t blen)
{
    uint32_t n = alen < blen ? alen : blen;
    for (uint32_t i = 0; i < n; i++) {
        wchar16 x = upcase(a[i]), y = upcase(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

static wchar16 *name_dup(const wchar16 *s, uint32_t len)
{
    wchar16 *d = malloc((len ? len : 1) * sizeof(wchar16));
    if (d && len) memcpy(d, s, len * sizeof(wchar16));
    return d;
}

/* ---- the tree ---- */

/* index of the child NAME, or -(insertion point) - 1 */
static long find_child_index(const struct key *k, const wchar16 *name, uint32_t len)
{
    long lo = 0, hi = (long)k->nsubkeys - 1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        const struct key *c = k->subkeys[mid];
        int cmp = name_cmp(name, len, c->name, c->name_len);
        if (!cmp) return mid;
        if (cmp < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return -lo - 1;
}

struct key *key_find_child(struct key *k, const wchar16 *name, uint32_t len)
{
    long i = find_child_index(k, name, len);
    return i >= 0 ? k->subkeys[i] : NULL;
}

struct key *key_new(struct key *parent, const wchar16 *name, uint32_t len)
{
    long pos = 0;
    if (parent) {
        pos = find_child_index(parent, name, len);
        if (pos >= 0) return NULL;
        pos = -pos - 1;
        if (parent->nsubkeys == parent->subkeys_cap) {
            uint32_t cap = parent->subkeys_cap ? parent->subkeys_cap * 2 : 4;
            struct key **s = realloc(parent->subkeys, cap * sizeof(*s));
            if (!s) return NULL;
            parent->subkeys = s;
            parent->subkeys_cap = cap;
        }
    }
    struct key *k = calloc(1, sizeof(*k));
    if (!k || !(k->name = name_dup(name, len))) {
        free(k);
        return NULL;
    }
    k->name_len = len;
    k->refcount = 1;
    k->last_write = registry_now();
    if (parent) {
        memmove(parent->subkeys + pos + 1, parent->subkeys + pos,
                (parent->nsubkeys - pos) * sizeof(*parent->subkeys));
        parent->subkeys[pos] = k;
        parent->nsubkeys++;
        tree_changes++;
        parent->last_write = k->last_write;
        k->parent = parent;
        k->is_volatile = parent->is_volatile;
        notify_subkeys_changed(parent);
    }
    return k;
}

static void free_values(struct key *k)
{
    for (uint32_t i = 0; i < k->nvalues; i++) {
        free(k->values[i].name);
        free(k->values[i].data);
    }
    free(k->values);
    k->values = NULL;
    k->nvalues = k->values_cap = 0;
}

/* marks K and everything below it deleted and drops the links */
static void key_mark_deleted(struct key *k)
{
    notify_deleted(k);
    k->deleted = 1;
    k->parent = NULL;
    free_values(k);
    key_detach_all(k);
}

void key_detach_all(struct key *k)
{
    struct key **subs = k->subkeys;
    uint32_t n = k->nsubkeys;
    k->subkeys = NULL;
    k->nsubkeys = k->subkeys_cap = 0;
    if (n) tree_changes++, notify_subkeys_changed(k);
    for (uint32_t i = 0; i < n; i++) {
        key_mark_deleted(subs[i]);
        key_release(subs[i]);
    }
    free(subs);
    free_values(k);
}

void key_release(struct key *k)
{
    if (!k || --k->refcount > 0) return;
    key_detach_all(k);
    free(k->name);
    free(k);
}

/* unlinks K from its parent and deletes it */
static void key_unlink(struct key *k)
{
    struct key *p = k->parent;
    long i = find_child_index(p, k->name, k->name_len);
    notify_subkeys_changed(p);
    if (i >= 0) {
        memmove(p->subkeys + i, p->subkeys + i + 1, (p->nsubkeys - i - 1) * sizeof(*p->subkeys));
        p->nsubkeys--;
        p->last_write = registry_now();
        tree_changes++;
    }
    key_mark_deleted(k);
    key_release(k);
}

static struct value *find_value(struct key *k, const wchar16 *name, uint32_t len)
{
    for (uint32_t i = 0; i < k->nvalues; i++)
        if (!name_cmp(k->values[i].name, k->values[i].name_len, name, len)) return &k->values[i];
    return NULL;
}

int key_set_value(struct key *k, const wchar16 *name, uint32_t name_len, uint32_t type,
                  const void *data, uint32_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return -1;
    if (size) memcpy(copy, data, size);
    struct value *v = find_value(k, name, name_len);
    if (!v) {
        if (k->nvalues == k->values_cap) {
            uint32_t cap = k->values_cap ? k->values_cap * 2 : 4;
            struct value *vs = realloc(k->values, cap * sizeof(*vs));
            if (!vs) goto fail;
            k->values = vs;
            k->values_cap = cap;
        }
        v = &k->values[k->nvalues];
        if (!(v->name = name_dup(name, name_len))) goto fail;
        v->name_len = name_len;
        v->data = NULL;
        k->nvalues++;
    }
    free(v->data);
    v->data = copy;
    v->size = size;
    v->type = type;
    k->last_write = registry_now();
    notify_values_changed(k);
    return 0;
fail:
    free(copy);
    return -1;
}

/* ---- paths ---- */

static const wchar16 *next_component(const wchar16 *p, const wchar16 *end, uint32_t *len)
{
    while (p < end && *p == '\\') p++;
    const wchar16 *s = p;
    while (p < end && *p != '\\') p++;
    *len = (uint32_t)(p - s);
    return s;
}

static uint32_t u16len(const char16_t *s)
{
    uint32_t n = 0;
    while (s[n]) n++;
    return n;
}

/* ---- views: plain keys and HKCR's merged keys ---- */

enum { USER_SIDE, MACHINE_SIDE };
static struct key *classes[2];   /* HKCU\Software\Classes, HKLM\Software\Classes */

/* what a request works on: a plain key is k[0] alone; a merged key (opened
 * through HKCR) is the user's copy in k[USER_SIDE] and the machine's in
 * k[MACHINE_SIDE], one of them possibly NULL */
struct view {
    struct key *k[2];
    int merged;
};

/* the key at K's path below TO, K being below FROM; NULL if there is none
 * (or if K is deeper than Windows lets a tree be) */
static struct key *counterpart(struct key *k, struct key *from, struct key *to)
{
    struct key *chain[REG_MAX_DEPTH];
    uint32_t depth = 0;
    for (; k != from; k = k->parent) {
        if (!k || depth == REG_MAX_DEPTH) return NULL;
        chain[depth++] = k;
    }
    while (to && depth--) to = key_find_child(to, chain[depth]->name, chain[depth]->name_len);
    return to;
}

/* which classes tree K is in, or -1 */
static int classes_side(const struct key *k)
{
    for (; k; k = k->parent) {
        if (k == classes[USER_SIDE]) return USER_SIDE;
        if (k == classes[MACHINE_SIDE]) return MACHINE_SIDE;
    }
    return -1;
}

/* the view of the live key K; a merged handle holds one copy and finds
 * the other again each time, so a copy made since is seen */
static void make_view(struct key *k, int merged, struct view *v)
{
    int side = merged ? classes_side(k) : -1;
    v->k[0] = k;
    v->k[1] = NULL;
    v->merged = side >= 0;
    if (side < 0) return;
    v->k[side] = k;
    v->k[!side] = counterpart(k, classes[side], classes[!side]);
}

/* the copy reads see first */
static struct key *view_key(const struct view *v)
{
    return v->k[0] ? v->k[0] : v->k[1];
}

/* where a value or a new subkey written through V goes: the user's copy
 * if there is one (Microsoft's rule for values, kept for subkeys so that a
 * user's registration stays in one tree), else the machine's; HKCR's own
 * keys and values go to the machine's */
static struct key *write_target(const struct view *v)
{
    struct key *user = v->k[USER_SIDE];
    if (user && !(v->merged && user == classes[USER_SIDE])) return user;
    return v->k[MACHINE_SIDE];
}

static uint32_t key_create_child(struct key *k, const wchar16 *name, uint32_t n, uint32_t flags,
                                 struct key **out)
{
    if (k->is_volatile && !(flags & CARAFE_REG_VOLATILE)) return ERR_CHILD_MUST_BE_VOLATILE;
    struct key *c = key_new(k, name, n);
    if (!c) return ERR_NOT_ENOUGH_MEMORY;
    c->is_volatile = !!(flags & CARAFE_REG_VOLATILE);
    if (!c->is_volatile) registry_dirty = 1;
    *out = c;
    return ERR_SUCCESS;
}

/* moves V down PATH (CREATE: making missing keys where write_target says);
 * a merged view is merged again at each level, so HKCR\X\Y is found when
 * only the machine has X's values and only the user has Y */
static uint32_t view_open_path(struct view *v, const wchar16 *path, uint32_t len, uint32_t flags,
                               int *created)
{
    const wchar16 *p = path, *end = path + len;
    *created = 0;
    if (len && path[0] == '\\') return (flags & CARAFE_REG_CREATE) ? ERR_BAD_PATHNAME : ERR_FILE_NOT_FOUND;
    for (;;) {
        uint32_t n;
        const wchar16 *name = next_component(p, end, &n);
        if (!n) break;
        if (n > CARAFE_MAX_KEY_NAME) return ERR_INVALID_PARAMETER;
        p = name + n;
        struct view c = { { NULL, NULL }, v->merged };
        for (int i = 0; i < 2; i++)
            if (v->k[i]) c.k[i] = key_find_child(v->k[i], name, n);
        if (!c.k[0] && !c.k[1]) {
            if (!(flags & CARAFE_REG_CREATE)) return ERR_FILE_NOT_FOUND;
            struct key *parent = write_target(v);
            uint32_t st = key_create_child(parent, name, n, flags, &c.k[parent == v->k[0] ? 0 : 1]);
            if (st) return st;
            *created = 1;
        }
        *v = c;
    }
    return ERR_SUCCESS;
}

/* opens (CREATE: creates) PATH below the plain key K; *OUT gets a new reference */
static uint32_t key_open_path(struct key *k, const wchar16 *path, uint32_t len, uint32_t flags,
                              struct key **out, int *created)
{
    struct view v = { { k, NULL }, 0 };
    if (k->deleted) return ERR_KEY_DELETED;
    uint32_t st = view_open_path(&v, path, len, flags, created);
    if (st) return st;
    *out = v.k[0];
    (*out)->refcount++;
    return ERR_SUCCESS;
}

static struct key *ensure_path(const char16_t *path)
{
    struct key *k;
    int created;
    if (key_open_path(root, (const wchar16 *)path, u16len(path), CARAFE_REG_CREATE, &k, &created)) return NULL;
    k->refcount--;   /* the tree keeps it */
    return k;
}

/* ---- what a new prefix holds ---- */

static void set_sz(struct key *k, const char16_t *name, uint32_t type, const char16_t *s)
{
    key_set_value(k, (const wchar16 *)name, u16len(name), type, s, (u16len(s) + 1) * 2);
}

static void set_dword(struct key *k, const char16_t *name, uint32_t v)
{
    key_set_value(k, (const wchar16 *)name, u16len(name), REGT_DWORD, &v, 4);
}

static void set_ascii(struct key *k, const char16_t *name, const char *s)
{
    wchar16 buf[512];
    size_t n = 0;
    for (; s[n] && n < 511; n++) buf[n] = (unsigned char)s[n];
    buf[n] = 0;
    key_set_value(k, (const wchar16 *)name, u16len(name), REGT_SZ, buf, (uint32_t)(n + 1) * 2);
}

static void populate(void)
{
    const char *user = getenv("USER");
    char buf[512];
    struct key *k;
    if (!user || !*user) user = "user";
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

    k = ensure_path(u"Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion");
    set_sz(k, u"ProductName", REGT_SZ, u"Windows 10 Pro");
    set_sz(k, u"EditionID", REGT_SZ, u"Professional");
    set_sz(k, u"CurrentBuild", REGT_SZ, u"19045");
    set_sz(k, u"CurrentBuildNumber", REGT_SZ, u"19045");
    set_dword(k, u"CurrentMajorVersionNumber", 10);
    set_dword(k, u"CurrentMinorVersionNumber", 0);
    set_sz(k, u"CurrentVersion", REGT_SZ, u"6.3");
    set_sz(k, u"ReleaseId", REGT_SZ, u"2009");
    set_sz(k, u"DisplayVersion", REGT_SZ, u"22H2");
    set_dword(k, u"UBR", 3803);
    set_sz(k, u"InstallationType", REGT_SZ, u"Client");
    set_sz(k, u"CurrentType", REGT_SZ, u"Multiprocessor Free");
    set_sz(k, u"SystemRoot", REGT_SZ, u"C:\\windows");
    set_sz(k, u"PathName", REGT_SZ, u"C:\\windows");
    set_ascii(k, u"RegisteredOwner", user);
    set_sz(k, u"RegisteredOrganization", REGT_SZ, u"");

    k = ensure_path(u"Machine\\Software\\Microsoft\\Windows\\CurrentVersion");
    set_sz(k, u"ProgramFilesDir", REGT_SZ, u"C:\\Program Files");
    set_sz(k, u"CommonFilesDir", REGT_SZ, u"C:\\Program Files\\Common Files");
    set_sz(k, u"ProgramFilesPath", REGT_EXPAND_SZ, u"%ProgramFiles%");
    set_sz(k, u"ProgramW6432Dir", REGT_SZ, u"C:\\Program Files");

    k = ensure_path(u"Machine\\System\\CurrentControlSet\\Control\\Session Manager\\Environment");
    set_sz(k, u"ComSpec", REGT_EXPAND_SZ, u"%SystemRoot%\\system32\\cmd.exe");
    set_sz(k, u"OS", REGT_SZ, u"Windows_NT");
    set_sz(k, u"Path", REGT_EXPAND_SZ, u"%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\system32\\wbem");
    set_sz(k, u"PATHEXT", REGT_SZ, u".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC");
    set_sz(k, u"PROCESSOR_ARCHITECTURE", REGT_SZ, u"AMD64");
    snprintf(buf, sizeof(buf), "%ld", ncpu > 0 ? ncpu : 1);
    set_ascii(k, u"NUMBER_OF_PROCESSORS", buf);
    set_sz(k, u"TEMP", REGT_EXPAND_SZ, u"%SystemRoot%\\TEMP");
    set_sz(k, u"TMP", REGT_EXPAND_SZ, u"%SystemRoot%\\TEMP");
    set_sz(k, u"windir", REGT_EXPAND_SZ, u"%SystemRoot%");
    k = ensure_path(u"Machine\\System\\CurrentControlSet\\Control\\ComputerName\\ComputerName");
    set_sz(k, u"ComputerName", REGT_SZ, u"CARAFE");
    k = ensure_path(u"Machine\\System\\CurrentControlSet\\Control\\Nls\\CodePage");
    set_sz(k, u"ACP", REGT_SZ, u"1252");
    set_sz(k, u"OEMCP", REGT_SZ, u"437");
    k = ensure_path(u"Machine\\System\\CurrentControlSet\\Control\\Windows");
    set_dword(k, u"CSDVersion", 0);
    ensure_path(u"Machine\\Hardware\\Description\\System\\CentralProcessor\\0");

    ensure_path(u"User\\" USER_SID u"\\Software\\Microsoft\\Windows\\CurrentVersion");
    ensure_path(u"User\\" USER_SID u"\\Control Panel\\International");
    k = ensure_path(u"User\\" USER_SID u"\\Environment");
    set_sz(k, u"TEMP", REGT_EXPAND_SZ, u"%USERPROFILE%\\AppData\\Local\\Temp");
    set_sz(k, u"TMP", REGT_EXPAND_SZ, u"%USERPROFILE%\\AppData\\Local\\Temp");
    ensure_path(u"User\\.DEFAULT\\Software");
    registry_dirty = 1;
}

/* keys that exist in every registry, loaded or new; Volatile Environment
 * is rebuilt by each server, as Windows rebuilds it at log-on */
static int ensure_roots(void)
{
    static const char16_t *const fixed[] = {
        u"Machine", u"Machine\\Software", u"Machine\\Software\\Classes", u"Machine\\System",
        u"Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
        u"User", u"User\\" USER_SID, u"User\\" USER_SID u"\\Software",
        u"User\\" USER_SID u"\\Software\\Classes",   /* HKCR's user half */
    };
    const char *user = getenv("USER");
    char buf[512];
    struct key *k;
    int dirty = registry_dirty;
    if (!user || !*user) user = "user";
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        if (!(k = ensure_path(fixed[i]))) return -1;
        for (; k != root; k = k->parent) k->fixed = 1;
    }
    classes[USER_SIDE] = ensure_path(u"User\\" USER_SID u"\\Software\\Classes");
    classes[MACHINE_SIDE] = ensure_path(u"Machine\\Software\\Classes");
    k = ensure_path(u"User\\" USER_SID);
    struct key *vol;
    int created;
    if (key_open_path(k, (const wchar16 *)u"Volatile Environment", 20,
                      CARAFE_REG_CREATE | CARAFE_REG_VOLATILE, &vol, &created)) return -1;
    snprintf(buf, sizeof(buf), "C:\\users\\%s", user);
    set_ascii(vol, u"USERPROFILE", buf);
    snprintf(buf, sizeof(buf), "\\users\\%s", user);
    set_ascii(vol, u"HOMEPATH", buf);
    set_sz(vol, u"HOMEDRIVE", REGT_SZ, u"C:");
    snprintf(buf, sizeof(buf), "C:\\users\\%s\\AppData\\Roaming", user);
    set_ascii(vol, u"APPDATA", buf);
    snprintf(buf, sizeof(buf), "C:\\users\\%s\\AppData\\Local", user);
    set_ascii(vol, u"LOCALAPPDATA", buf);
    set_ascii(vol, u"USERNAME", user);
    set_sz(vol, u"USERDOMAIN", REGT_SZ, u"CARAFE");
    set_sz(vol, u"LOGONSERVER", REGT_SZ, u"\\\\CARAFE");
    key_release(vol);
    registry_dirty = dirty;
    return 0;
}

static struct key *root_key(uint32_t id)
{
    static const char16_t *const paths[] = {
        NULL /* HKCR: get_view() */, u"User\\" USER_SID, u"Machine", u"User", NULL,
        u"Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
    };
    const char16_t *path = paths[id - CARAFE_ROOT_FIRST];
    struct key *k;
    int created;
    if (!path) return NULL;
    if (key_open_path(root, (const wchar16 *)path, u16len(path), 0, &k, &created)) return NULL;
    k->refcount--;   /* fixed keys: the tree keeps them */
    return k;
}

int registry_init(const char *prefix)
{
    char err[512], bad[4200], bak[4200];
    if (!(root = key_new(NULL, NULL, 0))) return -1;
    root->fixed = 1;
    if (asprintf(&registry_path, "%s/registry.txt", prefix) < 0) return -1;
    snprintf(bak, sizeof(bak), "%s.bak", registry_path);
    if (!access(registry_path, F_OK)) {
        if (!regfile_load(root, registry_path, err, sizeof(err))) return ensure_roots();
        snprintf(bad, sizeof(bad), "%s.corrupt", registry_path);
        rename(registry_path, bad);
        server_log("%s; the file is kept as %s", err, bad);
        key_detach_all(root);
        if (!access(bak, F_OK)) {
            if (!regfile_load(root, bak, err, sizeof(err))) {
                server_log("loaded the previous registry from %s", bak);
                registry_dirty = 1;
                return ensure_roots();
            }
            server_log("%s; starting with a new registry", err);
            key_detach_all(root);
        } else server_log("no %s: starting with a new registry", bak);
    }
    populate();
    return ensure_roots();
}

int registry_save(void)
{
    if (regfile_save(root, registry_path)) return -1;
    registry_dirty = 0;
    return 0;
}

/* ---- what a view holds ---- */

/* the value NAME as reads see it: the user's copy first */
static struct value *view_find_value(const struct view *v, const wchar16 *name, uint32_t len)
{
    struct value *val = NULL;
    for (int i = 0; i < 2 && !val; i++)
        if (v->k[i]) val = find_value(v->k[i], name, len);
    return val;
}

/* a value of the second copy that the first copy's value of its name hides */
static int shadowed(const struct view *v, const struct value *val)
{
    return v->k[0] && find_value(v->k[0], val->name, val->name_len);
}

/* value INDEX of V: the first copy's values in their order, then the
 * second's that the first does not have */
static struct value *view_value_at(const struct view *v, uint32_t index)
{
    struct key *a = v->k[0], *b = v->k[1];
    if (a) {
        if (index < a->nvalues) return &a->values[index];
        index -= a->nvalues;
    }
    for (uint32_t i = 0; b && i < b->nvalues; i++) {
        if (shadowed(v, &b->values[i])) continue;
        if (!index) return &b->values[i];
        index--;
    }
    return NULL;
}

/* which of subkey PA of A and PB of B comes first in name order (<0: A's,
 * >0: B's, 0: one name); a list at its end comes last */
static int subkey_cmp(const struct key *a, uint32_t pa, const struct key *b, uint32_t pb)
{
    if (pa == a->nsubkeys) return 1;
    if (pb == b->nsubkeys) return -1;
    const struct key *x = a->subkeys[pa], *y = b->subkeys[pb];
    return name_cmp(x->name, x->name_len, y->name, y->name_len);
}

/* where the last merged subkey enumeration stopped, so that asking for
 * the indexes in order costs one step each; stale once the tree changes */
struct enum_cursor {
    const struct key *k[2];
    uint64_t changes;
    uint32_t index, pos[2];
};
static struct enum_cursor cursor;

/* subkey INDEX of V: both copies' subkeys merged in name order, a name
 * both have once (the user's key) */
static struct key *view_subkey_at(const struct view *v, uint32_t index)
{
    struct key *a = v->k[0], *b = v->k[1];
    if (!a || !b) {
        struct key *k = a ? a : b;
        return index < k->nsubkeys ? k->subkeys[index] : NULL;
    }
    uint32_t i = 0, pa = 0, pb = 0;
    if (cursor.k[0] == a && cursor.k[1] == b && cursor.changes == tree_changes && cursor.index <= index) {
        i = cursor.index;
        pa = cursor.pos[0];
        pb = cursor.pos[1];
    }
    for (;; i++) {
        if (pa == a->nsubkeys && pb == b->nsubkeys) return NULL;
        int cmp = subkey_cmp(a, pa, b, pb);
        if (i == index) {
            cursor = (struct enum_cursor){ { a, b }, tree_changes, i, { pa, pb } };
            return cmp <= 0 ? a->subkeys[pa] : b->subkeys[pb];
        }
        if (cmp <= 0) pa++;
        if (cmp >= 0) pb++;
    }
}

static uint32_t view_count_subkeys(const struct view *v)
{
    struct key *a = v->k[0], *b = v->k[1];
    if (!a || !b) return (a ? a : b)->nsubkeys;
    uint32_t n = 0, pa = 0, pb = 0;
    while (pa < a->nsubkeys && pb < b->nsubkeys) {
        int cmp = subkey_cmp(a, pa, b, pb);
        if (cmp <= 0) pa++;
        if (cmp >= 0) pb++;
        n++;
    }
    return n + (a->nsubkeys - pa) + (b->nsubkeys - pb);
}

/* ---- requests ---- */

void handles_free(struct handle_table *t)
{
    notify_closed(t, 0);
    notify_sweep();
    for (uint32_t i = 0; i < t->count; i++) key_release(t->keys[i].key);
    free(t->keys);
    t->keys = NULL;
    t->count = 0;
}

/* the key behind ID (NULL if none) and whether it is a merged one */
static struct key *get_key(struct handle_table *t, uint32_t id, int *merged)
{
    *merged = 0;
    if (id == CARAFE_ROOT_CLASSES) {
        *merged = 1;
        return classes[USER_SIDE];
    }
    if (id >= CARAFE_ROOT_FIRST && id <= CARAFE_ROOT_LAST) return root_key(id);
    if (id == 0 || id > t->count) return NULL;
    *merged = t->keys[id - 1].merged;
    return t->keys[id - 1].key;
}

/* the view of key ID, or the error for a bad or deleted key */
static uint32_t get_view(struct handle_table *t, uint32_t id, struct view *v)
{
    int merged;
    struct key *k = get_key(t, id, &merged);
    if (!k) return ERR_INVALID_HANDLE;
    if (k->deleted) return ERR_KEY_DELETED;
    make_view(k, merged, v);
    return ERR_SUCCESS;
}

static uint32_t alloc_handle(struct handle_table *t, struct key *k, int merged)
{
    struct key_handle h = { k, merged };
    for (uint32_t i = 0; i < t->count; i++)
        if (!t->keys[i].key) {
            t->keys[i] = h;
            return i + 1;
        }
    if (t->count >= 0x100000) return 0;
    struct key_handle *keys = realloc(t->keys, (t->count + 1) * sizeof(*keys));
    if (!keys) return 0;
    t->keys = keys;
    t->keys[t->count++] = h;
    return t->count;
}

/* a payload: fixed part of FIXED bytes, then NAME_LEN bytes of name and
 * DATA_LEN of data; NULL if the lengths do not add up */
static const wchar16 *payload_name(const uint8_t *p, size_t len, size_t fixed, uint32_t name_len,
                                   uint32_t data_len)
{
    if (name_len & 1 || name_len > CARAFE_MAX_NAME_BYTES) return NULL;
    if ((uint64_t)fixed + name_len + data_len != len) return NULL;
    static const wchar16 empty;
    return name_len ? (const wchar16 *)(p + fixed) : &empty;
}

static void req_open(struct handle_table *t, const uint8_t *p, size_t len, struct reply *r)
{
    struct carafe_reg_open_req req;
    struct carafe_reg_open_reply rep = { 0 };
    struct view v;
    int created;
    memcpy(&req, p, sizeof(req));
    const wchar16 *name = payload_name(p, len, sizeof(req), req.name_len, 0);
    if (!name) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    if ((r->status = get_view(t, req.parent, &v))) return;
    if ((r->status = view_open_path(&v, name, req.name_len / 2, req.flags, &created))) return;
    struct key *k = view_key(&v);
    if (!(rep.key = alloc_handle(t, k, v.merged))) { r->status = ERR_NOT_ENOUGH_MEMORY; return; }
    k->refcount++;
    rep.created = created;
    reply_add(r, &rep, sizeof(rep));
}

static void req_close(struct handle_table *t, const uint8_t *p, struct reply *r)
{
    struct carafe_reg_key_req req;
    memcpy(&req, p, sizeof(req));
    if (req.key >= CARAFE_ROOT_FIRST && req.key <= CARAFE_ROOT_LAST) return;
    if (!req.key || req.key > t->count || !t->keys[req.key - 1].key) { r->status = ERR_INVALID_HANDLE; return; }
    notify_closed(t, req.key);
    key_release(t->keys[req.key - 1].key);
    t->keys[req.key - 1].key = NULL;
}

static void req_notify(struct handle_table *t, const uint8_t *p, struct reply *r)
{
    struct carafe_reg_notify_req req;
    int merged;
    memcpy(&req, p, sizeof(req));
    if (!req.filter || (req.filter & ~0xfu)) { r->status = ERR_INVALID_PARAMETER; return; }
    /* a merged (HKCR) handle watches the copy it holds */
    struct key *k = get_key(t, req.key, &merged);
    if (!k) r->status = ERR_INVALID_HANDLE;
    else if (k->deleted) r->status = ERR_KEY_DELETED;
    else r->status = notify_add(t, req.key, k, &req);
}

static void req_set_value(struct handle_table *t, const uint8_t *p, size_t len, struct reply *r)
{
    struct carafe_reg_set_value_req req;
    struct view v;
    memcpy(&req, p, sizeof(req));
    const wchar16 *name = payload_name(p, len, sizeof(req), req.name_len, req.data_len);
    if (!name) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    if ((r->status = get_view(t, req.key, &v))) return;
    struct key *k = write_target(&v);
    if (key_set_value(k, name, req.name_len / 2, req.type, p + sizeof(req) + req.name_len, req.data_len))
        r->status = ERR_NOT_ENOUGH_MEMORY;
    else if (!k->is_volatile) registry_dirty = 1;
}

static void add_value(struct reply *r, const struct value *v, int with_name)
{
    struct carafe_reg_value_reply rep = { v->type, with_name ? v->name_len * 2 : 0, v->size, 0 };
    if (reply_add(r, &rep, sizeof(rep)) || (with_name && reply_add(r, v->name, v->name_len * 2)) ||
        reply_add(r, v->data, v->size))
        r->status = ERR_NOT_ENOUGH_MEMORY;
}

static void req_query_value(struct handle_table *t, const uint8_t *p, size_t len, struct reply *r)
{
    struct carafe_reg_name_req req;
    struct view v;
    struct value *val;
    memcpy(&req, p, sizeof(req));
    const wchar16 *name = payload_name(p, len, sizeof(req), req.name_len, 0);
    if (!name) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    if ((r->status = get_view(t, req.key, &v))) return;
    if (!(val = view_find_value(&v, name, req.name_len / 2))) { r->status = ERR_FILE_NOT_FOUND; return; }
    add_value(r, val, 0);
}

static void req_enum(struct handle_table *t, unsigned int opcode, const uint8_t *p, struct reply *r)
{
    struct carafe_reg_index_req req;
    struct view v;
    memcpy(&req, p, sizeof(req));
    if ((r->status = get_view(t, req.key, &v))) return;
    if (opcode == CARAFE_REQ_REG_ENUM_VALUE) {
        struct value *val = view_value_at(&v, req.index);
        if (!val) r->status = ERR_NO_MORE_ITEMS;
        else add_value(r, val, 1);
        return;
    }
    struct key *c = view_subkey_at(&v, req.index);
    if (!c) { r->status = ERR_NO_MORE_ITEMS; return; }
    struct carafe_reg_enum_key_reply rep = { c->name_len * 2, 0, c->last_write };
    if (reply_add(r, &rep, sizeof(rep)) || reply_add(r, c->name, c->name_len * 2))
        r->status = ERR_NOT_ENOUGH_MEMORY;
}

/* the counts and lengths of the values and subkeys enumeration gives */
static void req_query_info(struct handle_table *t, const uint8_t *p, struct reply *r)
{
    struct carafe_reg_key_req req;
    struct carafe_reg_info_reply rep = { 0 };
    struct view v;
    memcpy(&req, p, sizeof(req));
    if ((r->status = get_view(t, req.key, &v))) return;
    rep.subkeys = view_count_subkeys(&v);
    for (int i = 0; i < 2; i++) {
        const struct key *k = v.k[i];
        if (!k) continue;
        if (k->last_write > rep.last_write) rep.last_write = k->last_write;
        for (uint32_t j = 0; j < k->nsubkeys; j++)
            if (k->subkeys[j]->name_len > rep.max_subkey_len) rep.max_subkey_len = k->subkeys[j]->name_len;
        for (uint32_t j = 0; j < k->nvalues; j++) {
            const struct value *val = &k->values[j];
            if (i && shadowed(&v, val)) continue;
            rep.values++;
            if (val->name_len > rep.max_value_name_len) rep.max_value_name_len = val->name_len;
            if (val->size > rep.max_value_len) rep.max_value_len = val->size;
        }
    }
    reply_add(r, &rep, sizeof(rep));
}

static int has_persistent(const struct key *k)
{
    return !k->is_volatile;
}

/* removes the value NAME from the copy reads find it in */
static void delete_value(const struct view *v, const wchar16 *name, uint32_t len, struct reply *r)
{
    for (int i = 0; i < 2; i++) {
        struct key *k = v->k[i];
        struct value *val = k ? find_value(k, name, len) : NULL;
        if (!val) continue;
        free(val->name);
        free(val->data);
        memmove(val, val + 1, (k->nvalues - (val - k->values) - 1) * sizeof(*val));
        k->nvalues--;
        k->last_write = registry_now();
        if (has_persistent(k)) registry_dirty = 1;
        notify_values_changed(k);
        return;
    }
    r->status = ERR_FILE_NOT_FOUND;
}

/* deletes the copy of the key at V that reads see first */
static void delete_key(const struct view *v, unsigned int opcode, struct reply *r)
{
    struct key *target = view_key(v);
    if (target->fixed || !target->parent) r->status = ERR_ACCESS_DENIED;
    else if (opcode == CARAFE_REQ_REG_DELETE_KEY && target->nsubkeys) r->status = ERR_ACCESS_DENIED;
    else {
        if (has_persistent(target)) registry_dirty = 1;
        key_unlink(target);
    }
}

static void req_delete(struct handle_table *t, unsigned int opcode, const uint8_t *p, size_t len,
                       struct reply *r)
{
    struct carafe_reg_name_req req;
    struct view v;
    int created;
    memcpy(&req, p, sizeof(req));
    const wchar16 *name = payload_name(p, len, sizeof(req), req.name_len, 0);
    if (!name) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    if ((r->status = get_view(t, req.key, &v))) return;

    if (opcode == CARAFE_REQ_REG_DELETE_VALUE) {
        delete_value(&v, name, req.name_len / 2, r);
        return;
    }
    if (opcode == CARAFE_REQ_REG_DELETE_TREE && !req.name_len) {
        struct key *k = view_key(&v);
        if (k->fixed && k->nsubkeys) { r->status = ERR_ACCESS_DENIED; return; }
        key_detach_all(k);
        k->last_write = registry_now();
        registry_dirty = 1;
        return;
    }
    if ((r->status = view_open_path(&v, name, req.name_len / 2, 0, &created))) return;
    delete_key(&v, opcode, r);
}

static void req_flush(struct handle_table *t, const uint8_t *p, struct reply *r)
{
    struct carafe_reg_key_req req;
    int merged;
    memcpy(&req, p, sizeof(req));
    if (!get_key(t, req.key, &merged)) r->status = ERR_INVALID_HANDLE;
    else if (registry_dirty && registry_save()) r->status = ERR_ACCESS_DENIED;
}

void registry_request(struct handle_table *t, unsigned int opcode, const uint8_t *p, size_t len,
                      struct reply *r)
{
    static const size_t fixed[CARAFE_REQ_LAST] = {
        [CARAFE_REQ_REG_OPEN] = sizeof(struct carafe_reg_open_req),
        [CARAFE_REQ_REG_CLOSE] = sizeof(struct carafe_reg_key_req),
        [CARAFE_REQ_REG_SET_VALUE] = sizeof(struct carafe_reg_set_value_req),
        [CARAFE_REQ_REG_QUERY_VALUE] = sizeof(struct carafe_reg_name_req),
        [CARAFE_REQ_REG_ENUM_KEY] = sizeof(struct carafe_reg_index_req),
        [CARAFE_REQ_REG_ENUM_VALUE] = sizeof(struct carafe_reg_index_req),
        [CARAFE_REQ_REG_QUERY_INFO] = sizeof(struct carafe_reg_key_req),
        [CARAFE_REQ_REG_DELETE_KEY] = sizeof(struct carafe_reg_name_req),
        [CARAFE_REQ_REG_DELETE_TREE] = sizeof(struct carafe_reg_name_req),
        [CARAFE_REQ_REG_DELETE_VALUE] = sizeof(struct carafe_reg_name_req),
        [CARAFE_REQ_REG_FLUSH] = sizeof(struct carafe_reg_key_req),
        [CARAFE_REQ_REG_NOTIFY] = sizeof(struct carafe_reg_notify_req),
    };
    if (opcode >= CARAFE_REQ_LAST || !fixed[opcode] || len < fixed[opcode]) {
        r->status = CARAFE_STATUS_PROTOCOL_ERROR;
        return;
    }
    switch (opcode) {
    case CARAFE_REQ_REG_OPEN: req_open(t, p, len, r); break;
    case CARAFE_REQ_REG_CLOSE: req_close(t, p, r); break;
    case CARAFE_REQ_REG_SET_VALUE: req_set_value(t, p, len, r); break;
    case CARAFE_REQ_REG_QUERY_VALUE: req_query_value(t, p, len, r); break;
    case CARAFE_REQ_REG_ENUM_KEY:
    case CARAFE_REQ_REG_ENUM_VALUE: req_enum(t, opcode, p, r); break;
    case CARAFE_REQ_REG_QUERY_INFO: req_query_info(t, p, r); break;
    case CARAFE_REQ_REG_DELETE_KEY:
    case CARAFE_REQ_REG_DELETE_TREE:
    case CARAFE_REQ_REG_DELETE_VALUE: req_delete(t, opcode, p, len, r); break;
    case CARAFE_REQ_REG_FLUSH: req_flush(t, p, r); break;
    case CARAFE_REQ_REG_NOTIFY: req_notify(t, p, r); break;
    }
    notify_sweep();
}
