/* RegNotifyChangeKeyValue: watches on registry keys.  A watch belongs to
 * the key handle it was made through and fires once: it signals the
 * client's event (a shared event page, objects.c) when a change of a kind
 * it asked for reaches its key (or, with SUBTREE, a key below it), when
 * its key is deleted, or when the handle is closed, as Windows does.
 * Fired watches are only marked while the tree is being changed and go in
 * notify_sweep, so no key is released in the middle of a change. */
#include <stdlib.h>
#include "server.h"
#include "objects.h"

#define REG_NOTIFY_CHANGE_NAME     0x1
#define REG_NOTIFY_CHANGE_LAST_SET 0x4

struct watch {
    struct watch *next;
    struct key *key;             /* a reference */
    const struct handle_table *table;
    uint32_t handle;             /* the handle it was made through */
    uint32_t filter;
    int subtree, fired;
    struct nobj *event;          /* a reference */
    uint32_t signaled_off, seq_off;
};

static struct watch *watches;

uint32_t notify_add(const struct handle_table *t, uint32_t handle, struct key *k,
                    const struct carafe_reg_notify_req *req)
{
    struct watch *w = calloc(1, sizeof(*w));
    if (!w) return ERR_NOT_ENOUGH_MEMORY;
    if (!(w->event = objects_event_get(req->event, req->signaled_off, req->seq_off))) {
        free(w);
        return ERR_INVALID_HANDLE;
    }
    w->key = k;
    k->refcount++;
    w->table = t;
    w->handle = handle;
    w->filter = req->filter;
    w->subtree = req->subtree != 0;
    w->signaled_off = req->signaled_off;
    w->seq_off = req->seq_off;
    w->next = watches;
    watches = w;
    return ERR_SUCCESS;
}

static void fire(struct watch *w)
{
    if (w->fired) return;
    w->fired = 1;
    objects_event_set(w->event, w->signaled_off, w->seq_off);
}

/* W watches K: its own key, or one above it with SUBTREE */
static int covers(const struct watch *w, const struct key *k)
{
    if (w->key == k) return 1;
    if (!w->subtree) return 0;
    for (const struct key *p = k->parent; p; p = p->parent)
        if (p == w->key) return 1;
    return 0;
}

void notify_changed(const struct key *k, uint32_t what)
{
    for (struct watch *w = watches; w; w = w->next)
        if ((w->filter & what) && covers(w, k)) fire(w);
}

void notify_subkeys_changed(const struct key *k)
{
    notify_changed(k, REG_NOTIFY_CHANGE_NAME);
}

void notify_values_changed(const struct key *k)
{
    notify_changed(k, REG_NOTIFY_CHANGE_LAST_SET);
}

void notify_deleted(const struct key *k)
{
    for (struct watch *w = watches; w; w = w->next)
        if (w->key == k) fire(w);
}

void notify_closed(const struct handle_table *t, uint32_t handle)
{
    for (struct watch *w = watches; w; w = w->next)
        if (w->table == t && (!handle || w->handle == handle)) fire(w);
}

void notify_sweep(void)
{
    for (struct watch **pp = &watches; *pp;) {
        struct watch *w = *pp;
        if (!w->fired) {
            pp = &w->next;
            continue;
        }
        *pp = w->next;
        key_release(w->key);
        objects_put(w->event);
        free(w);
    }
}
