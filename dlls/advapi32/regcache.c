/* What this process read from the registry, kept while carafe-server's
 * registry generation (its shared page, protocol.h) stays the same: any
 * change anywhere in the registry, by any process, bumps it before the
 * reply to the change, so an entry can never outlive the truth it saw.
 * Kept: value queries (found or not) and whether a key exists, by root,
 * path and name as the caller spelled them (a spelling in another case is
 * simply another entry).  A new connection (server restart) or a new
 * generation empties the cache; so does a full one.
 * CARAFE_REGCACHE=off turns it off (to measure or to rule it out). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "carafe/ntdll.h"
#include "carafe/protocol.h"
#include "regcache.h"

#define CACHE_BUCKETS 64
#define CACHE_MAX     512   /* entries */

struct cache_entry {
    struct cache_entry *next;
    uint32_t root;
    WCHAR *path;
    WCHAR *name;                 /* NULL: the key itself */
    DWORD status, type, size;
    BYTE *data;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *buckets[CACHE_BUCKETS];
static unsigned int count, connection;
static uint64_t generation;

static int disabled = -1;

uint64_t regcache_generation(void)
{
    if (__atomic_load_n(&disabled, __ATOMIC_RELAXED) < 0) {
        const char *env = getenv("CARAFE_REGCACHE");
        __atomic_store_n(&disabled, env && !strcmp(env, "off"), __ATOMIC_RELAXED);
    }
    if (disabled) return 0;
    const volatile struct carafe_server_shared *page = carafe_server_shared();
    return page ? __atomic_load_n(&page->registry_generation, __ATOMIC_ACQUIRE) : 0;
}

static void flush(void)
{
    for (unsigned int i = 0; i < CACHE_BUCKETS; i++) {
        struct cache_entry *e = buckets[i], *next;
        for (; e; e = next) {
            next = e->next;
            free(e->path);
            free(e->name);
            free(e->data);
            free(e);
        }
        buckets[i] = NULL;
    }
    count = 0;
}

/* called locked: the cache holds what generation GEN saw, or is emptied */
static int current(uint64_t gen)
{
    unsigned int conn = carafe_server_generation();
    if (gen && gen == generation && conn == connection) return 1;
    flush();
    generation = gen;
    connection = conn;
    return gen != 0;
}

static int wcs_same(const WCHAR *a, const WCHAR *b)
{
    if (!a || !b) return a == b;
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static unsigned int hash(uint32_t root, const WCHAR *path, const WCHAR *name)
{
    unsigned int h = root * 31;
    for (; *path; path++) h = h * 31 + *path;
    if (name) for (h = h * 31 + 1; *name; name++) h = h * 31 + *name;
    return h % CACHE_BUCKETS;
}

static struct cache_entry *find(uint32_t root, const WCHAR *path, const WCHAR *name)
{
    struct cache_entry *e = buckets[hash(root, path, name)];
    while (e && (e->root != root || !wcs_same(e->path, path) || !wcs_same(e->name, name))) e = e->next;
    return e;
}

int regcache_get(uint32_t root, const WCHAR *path, const WCHAR *name, DWORD *status, DWORD *type, BYTE **data,
                 DWORD *size)
{
    int hit = 0;
    uint64_t gen = regcache_generation();
    pthread_mutex_lock(&cache_lock);
    struct cache_entry *e = current(gen) ? find(root, path, name) : NULL;
    if (e && e->status) {   /* not found: no data */
        *status = e->status;
        hit = 1;
    } else if (e && (!data || (*data = malloc(e->size ? e->size : 1)))) {   /* callers free() what they get */
        *status = e->status;
        if (type) *type = e->type;
        if (size) *size = e->size;
        if (data && e->size) memcpy(*data, e->data, e->size);
        hit = 1;
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

void regcache_put(uint64_t gen, uint32_t root, const WCHAR *path, const WCHAR *name, DWORD status, DWORD type,
                  const BYTE *data, DWORD size)
{
    if (!gen || regcache_generation() != gen) return;   /* it changed meanwhile */
    struct cache_entry *e = calloc(1, sizeof(*e));
    if (!e || !(e->path = carafe_wcsdup(path)) || (name && !(e->name = carafe_wcsdup(name))) ||
        (size && !(e->data = malloc(size)))) {
        if (e) free(e->path), free(e->name), free(e);
        return;
    }
    e->root = root;
    e->status = status;
    e->type = type;
    e->size = size;
    if (size) memcpy(e->data, data, size);
    pthread_mutex_lock(&cache_lock);
    /* only what the present generation saw; the first answer stays */
    if (!current(gen) || find(root, path, name) || (count >= CACHE_MAX && (flush(), 0))) {
        pthread_mutex_unlock(&cache_lock);
        free(e->path), free(e->name), free(e->data), free(e);
        return;
    }
    unsigned int b = hash(root, path, name);
    e->next = buckets[b];
    buckets[b] = e;
    count++;
    pthread_mutex_unlock(&cache_lock);
}
