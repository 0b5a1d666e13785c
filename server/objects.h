/* carafe-server: named objects (events, mutexes, semaphores, timers, file
 * mappings) and named pipes (objects.c).  The state of an object lives in a
 * file descriptor (a memfd or a file) that the clients map; the server only
 * keeps the names, hands the descriptors out (SCM_RIGHTS) and, for mutexes,
 * abandons the ones a dead process held. */
#ifndef CARAFE_SERVER_OBJECTS_H
#define CARAFE_SERVER_OBJECTS_H

#include <stdint.h>
#include "server.h"

#define OBJ_MAX_FDS 4   /* descriptors one request may carry */

/* what one connection holds: references to named objects and pipe instances */
struct obj_refs {
    struct nobj **objs;          /* one entry per reference (duplicates allowed) */
    uint32_t nobjs, objs_cap;
    int pid;                     /* the client process (SO_PEERCRED) */
};

/* One request of the CARAFE_REQ_OBJ_* / PIPE_* family.  FDS are the
 * descriptors that came with it; the handler takes the ones it keeps and
 * sets them to -1.  *OUT_FD (initially -1) is a descriptor to send with the
 * reply; the caller closes it once sent. */
void objects_request(struct obj_refs *refs, unsigned int opcode, const uint8_t *p, size_t len,
                     int *fds, int nfds, struct reply *r, int *out_fd);
/* the connection closed: drop its references, abandon its mutexes */
void objects_client_gone(struct obj_refs *refs);
/* an event for RegNotifyChangeKeyValue (notify.c): a new reference to the
 * event object ID, its page mapped, or NULL if it is none or the offsets
 * are out of its page; objects_event_set signals it; objects_put drops it */
struct nobj *objects_event_get(uint32_t id, uint32_t signaled_off, uint32_t seq_off);
void objects_event_set(struct nobj *o, uint32_t signaled_off, uint32_t seq_off);
void objects_put(struct nobj *o);
/* once a second: retry abandonments that found an object locked */
void objects_tick(void);
static inline int objects_opcode(unsigned int opcode)
{
    return opcode >= CARAFE_REQ_OBJ_CREATE && opcode <= CARAFE_REQ_DUP_ANSWER;
}

#endif
