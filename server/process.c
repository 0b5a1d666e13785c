/* The process table (DESIGN decision 9): every carafe process that a
 * carafe parent started, by Windows process id (the Linux pid times 4, so
 * ids are unique among running processes without asking the server; see
 * docs/server.md), with its parent and its full 32-bit exit code, which
 * Linux cannot carry (an exit status keeps 8 bits).
 *
 * The parent records a child when it starts it (PROCESS_NEW); the child
 * reports its exit code just before it ends (PROCESS_EXIT), as does
 * TerminateProcess before it kills; a waiter asks (PROCESS_QUERY) once the
 * process has ended.  Ended processes are kept, the newest MAX_ENDED of
 * them, since the table cannot know when the last handle to one closes; a
 * new process with a reused id replaces the old entry. */
#include <stdlib.h>
#include <string.h>
#include "server.h"

#define MAX_ENDED 4096

struct process {
    uint32_t pid, parent, unix_pid;
    uint32_t exited, exit_code;
    uint64_t ended_seq;          /* order of ending, for dropping the oldest */
    struct process *next;
};

static struct process *processes;
static unsigned int nended;
static uint64_t end_seq;

static struct process *find(uint32_t pid)
{
    for (struct process *p = processes; p; p = p->next)
        if (p->pid == pid) return p;
    return NULL;
}

static struct process *add(uint32_t pid)
{
    struct process *p = calloc(1, sizeof(*p));
    if (!p) return NULL;
    p->pid = pid;
    p->next = processes;
    processes = p;
    return p;
}

static void remove_entry(struct process *victim)
{
    for (struct process **p = &processes; *p; p = &(*p)->next)
        if (*p == victim) {
            *p = victim->next;
            if (victim->exited) nended--;
            free(victim);
            return;
        }
}

static void drop_oldest_ended(void)
{
    struct process *oldest = NULL;
    for (struct process *p = processes; p; p = p->next)
        if (p->exited && (!oldest || p->ended_seq < oldest->ended_seq)) oldest = p;
    if (oldest) remove_entry(oldest);
}

static void req_new(const uint8_t *data, struct reply *r)
{
    struct carafe_process_new_req req;
    memcpy(&req, data, sizeof(req));
    if (!req.pid || (req.pid & 3)) {
        r->status = ERR_INVALID_PARAMETER;
        return;
    }
    struct process *p = find(req.pid);
    if (p && p->exited && p->unix_pid == req.unix_pid && !p->parent) {
        /* the child ended and reported before its parent recorded it */
        p->parent = req.parent;
        return;
    }
    if (p) remove_entry(p);   /* an old process whose id was reused */
    if (!(p = add(req.pid))) {
        r->status = ERR_NOT_ENOUGH_MEMORY;
        return;
    }
    p->parent = req.parent;
    p->unix_pid = req.unix_pid;
}

static void req_exit(const uint8_t *data, struct reply *r)
{
    struct carafe_process_exit_req req;
    memcpy(&req, data, sizeof(req));
    if (!req.pid || (req.pid & 3)) {
        r->status = ERR_INVALID_PARAMETER;
        return;
    }
    struct process *p = find(req.pid);
    if (!p && !(p = add(req.pid))) {
        r->status = ERR_NOT_ENOUGH_MEMORY;
        return;
    }
    if (p->exited) return;   /* the first report wins (TerminateProcess before the kill) */
    if (!p->unix_pid) p->unix_pid = req.pid / 4;
    p->exited = 1;
    p->exit_code = req.code;
    p->ended_seq = ++end_seq;
    if (++nended > MAX_ENDED) drop_oldest_ended();
}

static void req_query(const uint8_t *data, struct reply *r)
{
    struct carafe_process_query_req req;
    memcpy(&req, data, sizeof(req));
    struct process *p = find(req.pid);
    if (!p) {
        r->status = ERR_INVALID_PARAMETER;
        return;
    }
    struct carafe_process_info_reply rep = { p->pid, p->parent, p->unix_pid, p->exited, p->exit_code, 0 };
    if (reply_add(r, &rep, sizeof(rep))) r->status = ERR_NOT_ENOUGH_MEMORY;
}

int process_request(unsigned int opcode, const uint8_t *data, size_t len, struct reply *r)
{
    size_t want;
    switch (opcode) {
    case CARAFE_REQ_PROCESS_NEW: want = sizeof(struct carafe_process_new_req); break;
    case CARAFE_REQ_PROCESS_EXIT: want = sizeof(struct carafe_process_exit_req); break;
    case CARAFE_REQ_PROCESS_QUERY: want = sizeof(struct carafe_process_query_req); break;
    default: return 0;
    }
    if (len != want) {
        r->status = CARAFE_STATUS_PROTOCOL_ERROR;
        return 1;
    }
    switch (opcode) {
    case CARAFE_REQ_PROCESS_NEW: req_new(data, r); break;
    case CARAFE_REQ_PROCESS_EXIT: req_exit(data, r); break;
    default: req_query(data, r); break;
    }
    return 1;
}
