/* The process token: OpenProcessToken, privileges (LookupPrivilegeValue,
 * AdjustTokenPrivileges).
 *
 * A prefix has one user (GetUserName, security.c), an ordinary one: the
 * token holds the privileges Windows gives a standard user's token, with
 * SeChangeNotifyPrivilege enabled by default.  There is one token per
 * process; every handle OpenProcessToken returns reaches it, so a change
 * made through one handle shows through the others, as on Windows. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "winnls.h"
#include "carafe/ntdll.h"

DEFAULT_DEBUG_CHANNEL(token);

#define OBJ_TOKEN 0x544b   /* private to advapi32, like OBJ_REGKEY */

/* The well-known privileges: names of "Privilege Constants" and the LUIDs
 * Windows gives them (SE_*_PRIVILEGE of wdm.h, low part, high part 0). */
static const struct { const WCHAR *name; DWORD luid; } privilege_names[] = {
    { u"SeCreateTokenPrivilege", 2 },           { u"SeAssignPrimaryTokenPrivilege", 3 },
    { u"SeLockMemoryPrivilege", 4 },            { u"SeIncreaseQuotaPrivilege", 5 },
    { u"SeMachineAccountPrivilege", 6 },        { u"SeTcbPrivilege", 7 },
    { u"SeSecurityPrivilege", 8 },              { u"SeTakeOwnershipPrivilege", 9 },
    { u"SeLoadDriverPrivilege", 10 },           { u"SeSystemProfilePrivilege", 11 },
    { u"SeSystemtimePrivilege", 12 },           { u"SeProfileSingleProcessPrivilege", 13 },
    { u"SeIncreaseBasePriorityPrivilege", 14 }, { u"SeCreatePagefilePrivilege", 15 },
    { u"SeCreatePermanentPrivilege", 16 },      { u"SeBackupPrivilege", 17 },
    { u"SeRestorePrivilege", 18 },              { u"SeShutdownPrivilege", 19 },
    { u"SeDebugPrivilege", 20 },                { u"SeAuditPrivilege", 21 },
    { u"SeSystemEnvironmentPrivilege", 22 },    { u"SeChangeNotifyPrivilege", 23 },
    { u"SeRemoteShutdownPrivilege", 24 },       { u"SeUndockPrivilege", 25 },
    { u"SeSyncAgentPrivilege", 26 },            { u"SeEnableDelegationPrivilege", 27 },
    { u"SeManageVolumePrivilege", 28 },         { u"SeImpersonatePrivilege", 29 },
    { u"SeCreateGlobalPrivilege", 30 },         { u"SeTrustedCredManAccessPrivilege", 31 },
    { u"SeRelabelPrivilege", 32 },              { u"SeIncreaseWorkingSetPrivilege", 33 },
    { u"SeTimeZonePrivilege", 34 },             { u"SeCreateSymbolicLinkPrivilege", 35 },
    { u"SeDelegateSessionUserImpersonatePrivilege", 36 },
};

/* The process token's privileges: those of a standard user (`whoami /priv`
 * of a non-elevated Windows 10 account).  A removed one leaves the list. */
static LUID_AND_ATTRIBUTES token_privs[] = {
    { { 19, 0 }, 0 },                                                      /* SeShutdown */
    { { 23, 0 }, SE_PRIVILEGE_ENABLED_BY_DEFAULT | SE_PRIVILEGE_ENABLED }, /* SeChangeNotify */
    { { 25, 0 }, 0 },                                                      /* SeUndock */
    { { 33, 0 }, 0 },                                                      /* SeIncreaseWorkingSet */
    { { 34, 0 }, 0 },                                                      /* SeTimeZone */
};
static DWORD token_priv_count = sizeof(token_privs) / sizeof(token_privs[0]);
static pthread_mutex_t token_lock = PTHREAD_MUTEX_INITIALIZER;

/* a handle on the process token, with the access it was opened for */
struct token_handle {
    struct object obj;
    DWORD access;
};

static void token_handle_destroy(struct object *obj) { free(obj); }
static const struct object_ops token_handle_ops = { token_handle_destroy };

/* generic rights become the token's specific ones ("Access Rights for
 * Access-Token Objects"); the user owns its token, so all are granted */
static DWORD token_access(DWORD desired)
{
    DWORD access = desired & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED);
    if (desired & GENERIC_READ) access |= TOKEN_READ;
    if (desired & GENERIC_WRITE) access |= TOKEN_WRITE;
    if (desired & GENERIC_EXECUTE) access |= TOKEN_EXECUTE;
    if (desired & (GENERIC_ALL | MAXIMUM_ALLOWED)) access |= TOKEN_ALL_ACCESS;
    return access;
}

BOOL WINAPI OpenProcessToken(HANDLE process, DWORD desired, PHANDLE token)
{
    if (process != CURRENT_PROCESS) {
        DWORD id = GetProcessId(process);
        if (!id) return FALSE;   /* ERROR_INVALID_HANDLE is set */
        if (id != GetCurrentProcessId()) {
            /* its token lives in that process */
            FIXME("token of process %lu\n", (unsigned long)id);
            SetLastError(ERROR_NOT_SUPPORTED);
            return FALSE;
        }
    }
    struct token_handle *t = calloc(1, sizeof(*t));
    if (!t) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    t->obj.type = OBJ_TOKEN;
    t->obj.refcount = 1;
    t->obj.ops = &token_handle_ops;
    t->access = token_access(desired);
    HANDLE h = carafe_handle_alloc(&t->obj);
    if (!h) {
        carafe_object_release(&t->obj);
        return FALSE;
    }
    *token = h;
    return TRUE;
}

/* the local system: no name, an empty one, or this computer's name */
static BOOL is_local_system(const WCHAR *system)
{
    WCHAR name[64];
    DWORD len = 64;
    if (!system || !*system) return TRUE;
    while (*system == '\\') system++;
    return GetComputerNameW(name, &len) && !carafe_wcsicmp(system, name);
}

BOOL WINAPI LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, PLUID luid)
{
    if (!is_local_system(system)) {
        SetLastError(RPC_S_SERVER_UNAVAILABLE);   /* no remote machines here */
        return FALSE;
    }
    for (size_t i = 0; name && i < sizeof(privilege_names) / sizeof(privilege_names[0]); i++) {
        if (carafe_wcsicmp(name, privilege_names[i].name)) continue;
        luid->LowPart = privilege_names[i].luid;
        luid->HighPart = 0;
        return TRUE;
    }
    SetLastError(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
}

BOOL WINAPI LookupPrivilegeValueA(LPCSTR system, LPCSTR name, PLUID luid)
{
    WCHAR wsystem[256], wname[128];
    if (system && !MultiByteToWideChar(CP_ACP, 0, system, -1, wsystem, 256)) return FALSE;
    if (name && !MultiByteToWideChar(CP_ACP, 0, name, -1, wname, 128)) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);   /* longer than any privilege name */
        return FALSE;
    }
    return LookupPrivilegeValueW(system ? wsystem : NULL, name ? wname : NULL, luid);
}

static LUID_AND_ATTRIBUTES *find_priv(const LUID *luid)
{
    for (DWORD i = 0; i < token_priv_count; i++)
        if (token_privs[i].Luid.LowPart == luid->LowPart && token_privs[i].Luid.HighPart == luid->HighPart)
            return &token_privs[i];
    return NULL;
}

/* the attributes P gets from the request NEW (enabled or not; removal apart) */
static DWORD adjusted(const LUID_AND_ATTRIBUTES *p, DWORD new_attr)
{
    return (p->Attributes & ~SE_PRIVILEGE_ENABLED) | (new_attr & SE_PRIVILEGE_ENABLED);
}

/* Under token_lock: apply (or, !APPLY, only count) the change; the previous
 * state of each privilege whose state changes goes to PREV when given.
 * Removed privileges are not reported: removal cannot be undone.  Returns
 * how many changed; *MISSING tells whether one asked for is not held. */
static DWORD adjust(BOOL disable_all, const TOKEN_PRIVILEGES *req, BOOL apply, TOKEN_PRIVILEGES *prev,
                    BOOL *missing)
{
    DWORD changed = 0;
    *missing = FALSE;
    if (disable_all) {
        for (DWORD i = 0; i < token_priv_count; i++) {
            if (!(token_privs[i].Attributes & SE_PRIVILEGE_ENABLED)) continue;
            if (prev) prev->Privileges[changed] = token_privs[i];
            if (apply) token_privs[i].Attributes &= ~SE_PRIVILEGE_ENABLED;
            changed++;
        }
        return changed;
    }
    for (DWORD i = 0; i < req->PrivilegeCount; i++) {
        const LUID_AND_ATTRIBUTES *r = &req->Privileges[i];
        LUID_AND_ATTRIBUTES *p = find_priv(&r->Luid);
        if (!p) { *missing = TRUE; continue; }
        if (r->Attributes & SE_PRIVILEGE_REMOVED) {
            if (apply) {
                *p = token_privs[--token_priv_count];   /* the others stay contiguous */
            }
            continue;
        }
        if (adjusted(p, r->Attributes) == p->Attributes) continue;
        if (prev) prev->Privileges[changed] = *p;
        if (apply) p->Attributes = adjusted(p, r->Attributes);
        changed++;
    }
    return changed;
}

BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, PTOKEN_PRIVILEGES new_state, DWORD buffer_len,
                                  PTOKEN_PRIVILEGES prev, PDWORD return_len)
{
    struct token_handle *t = (struct token_handle *)carafe_handle_get(token, OBJ_TOKEN);
    if (!t) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    DWORD need_access = TOKEN_ADJUST_PRIVILEGES | (prev ? TOKEN_QUERY : 0);
    DWORD access = t->access;
    carafe_object_release(&t->obj);
    if ((access & need_access) != need_access) { SetLastError(ERROR_ACCESS_DENIED); return FALSE; }
    if (!disable_all && !new_state) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }

    BOOL missing;
    pthread_mutex_lock(&token_lock);
    if (prev) {
        /* nothing changes when the previous state does not fit */
        DWORD n = adjust(disable_all, new_state, FALSE, NULL, &missing);
        DWORD need = offsetof(TOKEN_PRIVILEGES, Privileges) + n * sizeof(LUID_AND_ATTRIBUTES);
        if (return_len) *return_len = need;
        if (buffer_len < need) {
            pthread_mutex_unlock(&token_lock);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
    }
    DWORD n = adjust(disable_all, new_state, TRUE, prev, &missing);
    if (prev) prev->PrivilegeCount = n;
    pthread_mutex_unlock(&token_lock);
    /* success either way; the last error tells whether all were assigned */
    SetLastError(missing ? ERROR_NOT_ALL_ASSIGNED : ERROR_SUCCESS);
    return TRUE;
}
