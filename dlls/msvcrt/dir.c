/* Directories, drives and path names: _mkdir, _rmdir, _chdir, _getcwd,
 * _getdcwd, _getdrive, _chdrive, _fullpath, _wsplitpath, _wmakepath, the
 * _findfirst family and temporary names (_mktemp, _tempnam, tmpnam).
 * The W functions are the implementations; the A ones convert (CP_ACP). */
#include <string.h>
#include <stdio.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

static int is_slash(WCHAR c) { return c == '\\' || c == '/'; }
static int is_letter(WCHAR c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* A string from the W implementation back to ANSI: into buf (size bytes)
 * or, when buf is NULL, a malloc'd buffer of at least size bytes.  NULL
 * with ERANGE when it does not fit. */
static char *wide_to_ansi_buf(const WCHAR *w, char *buf, size_t size)
{
    int n = WideCharToMultiByte(CP_ACP, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; }
    if (!buf) {
        size_t want = size > (size_t)n ? size : (size_t)n;
        if (!(buf = malloc(want))) { msvcrt_set_errno(MSVCRT_ENOMEM); return NULL; }
    } else if ((size_t)n > size) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return NULL;
    }
    WideCharToMultiByte(CP_ACP, 0, w, -1, buf, n, NULL, NULL);
    return buf;
}

static WCHAR *wide_to_wide_buf(const WCHAR *w, WCHAR *buf, size_t size)
{
    size_t n = 0;
    while (w[n]) n++;
    n++;
    if (!buf) {
        size_t want = size > n ? size : n;
        if (!(buf = malloc(want * sizeof(WCHAR)))) { msvcrt_set_errno(MSVCRT_ENOMEM); return NULL; }
    } else if (n > size) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return NULL;
    }
    memcpy(buf, w, n * sizeof(WCHAR));
    return buf;
}

/* Run a wide path function on an ANSI path. */
#define CALL_WITH_WIDE(path, call) do { \
    if (!(path)) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    WCHAR *w_ = msvcrt_strdup_AtoW(path); \
    if (!w_) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; } \
    int r_ = call(w_); \
    free(w_); \
    return r_; \
} while (0)

/* ---- creating, removing, entering directories ---- */

int CDECL MSVCRT__wmkdir(const WCHAR *path)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    if (CreateDirectoryW(path, NULL)) return 0;
    msvcrt_set_errno_from_win32(GetLastError());
    return -1;
}

int CDECL MSVCRT__wrmdir(const WCHAR *path)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    if (RemoveDirectoryW(path)) return 0;
    msvcrt_set_errno_from_win32(GetLastError());
    return -1;
}

int CDECL MSVCRT__wchdir(const WCHAR *path)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    if (SetCurrentDirectoryW(path)) return 0;
    DWORD err = GetLastError();
    msvcrt_set_errno_from_win32(err);
    if (err == ERROR_INVALID_PARAMETER) msvcrt_set_errno(MSVCRT_ENOENT);
    return -1;
}

int CDECL MSVCRT__mkdir(const char *path) { CALL_WITH_WIDE(path, MSVCRT__wmkdir); }
int CDECL MSVCRT__rmdir(const char *path) { CALL_WITH_WIDE(path, MSVCRT__wrmdir); }
int CDECL MSVCRT__chdir(const char *path) { CALL_WITH_WIDE(path, MSVCRT__wchdir); }

/* ---- current directory and drive ---- */

/* the current directory, wide, malloc'd */
static WCHAR *current_dir(void)
{
    DWORD n = GetCurrentDirectoryW(0, NULL);
    WCHAR *w = n ? malloc(n * sizeof(WCHAR)) : NULL;
    if (!w || !GetCurrentDirectoryW(n, w)) {
        free(w);
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return NULL;
    }
    return w;
}

char *CDECL MSVCRT__getcwd(char *buf, int size)
{
    WCHAR *w = current_dir();
    if (!w) return NULL;
    if (buf && size <= 0) { free(w); msvcrt_set_errno(MSVCRT_ERANGE); return NULL; }
    char *r = wide_to_ansi_buf(w, buf, size > 0 ? size : 0);
    free(w);
    return r;
}

WCHAR *CDECL MSVCRT__wgetcwd(WCHAR *buf, int size)
{
    WCHAR *w = current_dir();
    if (!w) return NULL;
    if (buf && size <= 0) { free(w); msvcrt_set_errno(MSVCRT_ERANGE); return NULL; }
    WCHAR *r = wide_to_wide_buf(w, buf, size > 0 ? size : 0);
    free(w);
    return r;
}

int CDECL MSVCRT__getdrive(void)
{
    WCHAR *w = current_dir();
    int drive = (w && is_letter(w[0]) && w[1] == ':') ? (w[0] | 0x20) - 'a' + 1 : 0;
    free(w);
    return drive;
}

int CDECL MSVCRT__chdrive(int drive)
{
    WCHAR root[3] = { 'A' + drive - 1, ':', 0 };
    if (drive < 1 || drive > 26 || !SetCurrentDirectoryW(root)) {
        msvcrt_set_errno(MSVCRT_EACCES);
        msvcrt_doserrno = ERROR_INVALID_DRIVE;
        return -1;
    }
    return 0;
}

/* the current directory of a drive (1 = A:), wide, malloc'd */
static WCHAR *drive_dir(int drive)
{
    if (!drive || drive == MSVCRT__getdrive()) return current_dir();
    WCHAR root[4] = { 'A' + drive - 1, ':', '\\', 0 };
    if (drive < 1 || drive > 26 || GetDriveTypeW(root) == DRIVE_NO_ROOT_DIR) {
        msvcrt_set_errno(MSVCRT_EACCES);
        msvcrt_doserrno = ERROR_INVALID_DRIVE;
        return NULL;
    }
    WCHAR spec[3] = { 'A' + drive - 1, ':', 0 };
    DWORD n = GetFullPathNameW(spec, 0, NULL, NULL);
    WCHAR *w = malloc((n > 4 ? n : 4) * sizeof(WCHAR));
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return NULL; }
    if (!n || GetFullPathNameW(spec, n, w, NULL) >= n) memcpy(w, root, sizeof(root));
    return w;
}

char *CDECL MSVCRT__getdcwd(int drive, char *buf, int size)
{
    WCHAR *w = drive_dir(drive);
    if (!w) return NULL;
    if (buf && size <= 0) { free(w); msvcrt_set_errno(MSVCRT_ERANGE); return NULL; }
    char *r = wide_to_ansi_buf(w, buf, size > 0 ? size : 0);
    free(w);
    return r;
}

WCHAR *CDECL MSVCRT__wgetdcwd(int drive, WCHAR *buf, int size)
{
    WCHAR *w = drive_dir(drive);
    if (!w) return NULL;
    if (buf && size <= 0) { free(w); msvcrt_set_errno(MSVCRT_ERANGE); return NULL; }
    WCHAR *r = wide_to_wide_buf(w, buf, size > 0 ? size : 0);
    free(w);
    return r;
}

/* ---- full paths ---- */

static WCHAR *full_path(const WCHAR *rel)
{
    if (!rel || !*rel) return current_dir();
    DWORD n = GetFullPathNameW(rel, 0, NULL, NULL);
    WCHAR *w = n ? malloc(n * sizeof(WCHAR)) : NULL;
    if (!w || GetFullPathNameW(rel, n, w, NULL) >= n) {
        if (!n) msvcrt_set_errno_from_win32(GetLastError());
        else msvcrt_set_errno(MSVCRT_ENOMEM);
        free(w);
        return NULL;
    }
    return w;
}

char *CDECL MSVCRT__fullpath(char *buf, const char *rel, size_t size)
{
    WCHAR *wrel = rel ? msvcrt_strdup_AtoW(rel) : NULL;
    if (rel && !wrel) { msvcrt_set_errno(MSVCRT_ENOMEM); return NULL; }
    WCHAR *w = full_path(wrel);
    free(wrel);
    if (!w) return NULL;
    char *r = wide_to_ansi_buf(w, buf, buf ? size : MAX_PATH);
    free(w);
    return r;
}

WCHAR *CDECL MSVCRT__wfullpath(WCHAR *buf, const WCHAR *rel, size_t size)
{
    WCHAR *w = full_path(rel);
    if (!w) return NULL;
    WCHAR *r = wide_to_wide_buf(w, buf, buf ? size : MAX_PATH);
    free(w);
    return r;
}

/* ---- _wsplitpath, _wmakepath (the ANSI ones are in stdlib.c) ---- */

/* copy [from, to) into out (if any) and terminate it */
#define COPY_PART(T, out, from, to) do { \
    if (out) { \
        size_t n_ = (to) - (from); \
        memcpy((out), (from), n_ * sizeof(T)); \
        (out)[n_] = 0; \
    } \
} while (0)

/* drive "X:", directory up to the last slash, name, extension from the last dot */
#define SPLITPATH_BODY(T) \
    const T *p = path, *end, *last_slash = NULL, *last_dot = NULL; \
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return; } \
    if (p[0] && p[1] == ':') { \
        COPY_PART(T, drive, p, p + 2); \
        p += 2; \
    } else if (drive) drive[0] = 0; \
    for (end = p; *end; end++) { \
        if (*end == '\\' || *end == '/') last_slash = end; \
        else if (*end == '.') last_dot = end; \
    } \
    if (last_slash) { \
        COPY_PART(T, dir, p, last_slash + 1); \
        p = last_slash + 1; \
    } else if (dir) dir[0] = 0; \
    if (last_dot && last_dot >= p) { \
        COPY_PART(T, fname, p, last_dot); \
        COPY_PART(T, ext, last_dot, end); \
    } else { \
        COPY_PART(T, fname, p, end); \
        if (ext) ext[0] = 0; \
    }

void CDECL MSVCRT__wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir, WCHAR *fname, WCHAR *ext)
{
    SPLITPATH_BODY(WCHAR)
}

/* drive letter and ':', directory with a trailing backslash added if it
 * has none, name, and extension with a '.' added if it has none */
#define MAKEPATH_BODY(T) \
    T *o = out; \
    if (!out) return; \
    if (drive && drive[0]) { *o++ = drive[0]; *o++ = ':'; } \
    if (dir && dir[0]) { \
        const T *d = dir; \
        while (*d) *o++ = *d++; \
        if (d[-1] != '\\' && d[-1] != '/') *o++ = '\\'; \
    } \
    if (fname) for (const T *f = fname; *f; ) *o++ = *f++; \
    if (ext && ext[0]) { \
        if (ext[0] != '.') *o++ = '.'; \
        for (const T *e = ext; *e; ) *o++ = *e++; \
    } \
    *o = 0;

void CDECL MSVCRT__wmakepath(WCHAR *out, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext)
{
    MAKEPATH_BODY(WCHAR)
}

/* ---- the _findfirst family ----
 * On x64, _finddata_t is the time64/size32 layout and _finddatai64_t the
 * time64/size64 one; the 32/64/i64 suffixes name the rest. */

#define FINDDATA(tag, time_t_, size_t_, char_t) \
    struct tag { unsigned int attrib; time_t_ time_create, time_access, time_write; size_t_ size; char_t name[MAX_PATH]; }
FINDDATA(fd32, int, unsigned int, char);
FINDDATA(fd32i64, int, long long, char);
FINDDATA(fd64i32, long long, unsigned int, char);
FINDDATA(fd64, long long, long long, char);
FINDDATA(wfd32, int, unsigned int, WCHAR);
FINDDATA(wfd32i64, int, long long, WCHAR);
FINDDATA(wfd64i32, long long, unsigned int, WCHAR);
FINDDATA(wfd64, long long, long long, WCHAR);
_Static_assert(sizeof(struct fd32) == 280 && sizeof(struct fd32i64) == 288, "finddata32 layouts");
_Static_assert(sizeof(struct fd64i32) == 296 && sizeof(struct fd64) == 304, "finddata64 layouts");
_Static_assert(sizeof(struct wfd32) == 540 && sizeof(struct wfd32i64) == 544, "wfinddata32 layouts");
_Static_assert(sizeof(struct wfd64i32) == 560 && sizeof(struct wfd64) == 560, "wfinddata64 layouts");

static long long find_time(const FILETIME *ft)
{
    if (!ft->dwLowDateTime && !ft->dwHighDateTime) return -1;   /* the file system does not keep it */
    return msvcrt_filetime_to_unix(ft);
}

static void find_name_a(char *out, const WCHAR *name)
{
    if (!WideCharToMultiByte(CP_ACP, 0, name, -1, out, MAX_PATH, NULL, NULL)) out[0] = 0;
}

static void find_name_w(WCHAR *out, const WCHAR *name)
{
    size_t n = 0;
    while (name[n] && n < MAX_PATH - 1) { out[n] = name[n]; n++; }
    out[n] = 0;
}

#define FILL_FIND(out, data, name_fn) do { \
    (out)->attrib = (data)->dwFileAttributes == FILE_ATTRIBUTE_NORMAL ? 0 : (data)->dwFileAttributes; \
    (out)->time_create = find_time(&(data)->ftCreationTime); \
    (out)->time_access = find_time(&(data)->ftLastAccessTime); \
    (out)->time_write = find_time(&(data)->ftLastWriteTime); \
    (out)->size = ((unsigned long long)(data)->nFileSizeHigh << 32) | (data)->nFileSizeLow; \
    name_fn((out)->name, (data)->cFileName); \
} while (0)

static intptr_t find_first(const WCHAR *spec, WIN32_FIND_DATAW *data)
{
    HANDLE h = FindFirstFileW(spec, data);
    if (h == INVALID_HANDLE_VALUE) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return (intptr_t)h;
}

static int find_next(intptr_t handle, WIN32_FIND_DATAW *data)
{
    if (!FindNextFileW((HANDLE)handle, data)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

/* _findfirstSUFFIX, _findnextSUFFIX, _wfindfirstSUFFIX, _wfindnextSUFFIX */
#define FIND_FAMILY(suffix, type, wtype) \
intptr_t CDECL MSVCRT__wfindfirst##suffix(const WCHAR *spec, struct wtype *out) \
{ \
    WIN32_FIND_DATAW data; \
    if (!spec || !out) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    intptr_t h = find_first(spec, &data); \
    if (h != -1) FILL_FIND(out, &data, find_name_w); \
    return h; \
} \
int CDECL MSVCRT__wfindnext##suffix(intptr_t handle, struct wtype *out) \
{ \
    WIN32_FIND_DATAW data; \
    if (!out) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    if (find_next(handle, &data)) return -1; \
    FILL_FIND(out, &data, find_name_w); \
    return 0; \
} \
intptr_t CDECL MSVCRT__findfirst##suffix(const char *spec, struct type *out) \
{ \
    WIN32_FIND_DATAW data; \
    if (!spec || !out) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    WCHAR *w = msvcrt_strdup_AtoW(spec); \
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; } \
    intptr_t h = find_first(w, &data); \
    free(w); \
    if (h != -1) FILL_FIND(out, &data, find_name_a); \
    return h; \
} \
int CDECL MSVCRT__findnext##suffix(intptr_t handle, struct type *out) \
{ \
    WIN32_FIND_DATAW data; \
    if (!out) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    if (find_next(handle, &data)) return -1; \
    FILL_FIND(out, &data, find_name_a); \
    return 0; \
}

FIND_FAMILY(32, fd32, wfd32)
FIND_FAMILY(32i64, fd32i64, wfd32i64)
FIND_FAMILY(64i32, fd64i32, wfd64i32)
FIND_FAMILY(64, fd64, wfd64)
FIND_FAMILY(, fd64i32, wfd64i32)
FIND_FAMILY(i64, fd64, wfd64)

int CDECL MSVCRT__findclose(intptr_t handle)
{
    if (!FindClose((HANDLE)handle)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

/* ---- temporary names ---- */

static int exists(const WCHAR *path) { return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES; }

/* Replace the six trailing X's: five digits of the process id and a letter
 * from 'a' to 'z', the first that names no existing file. */
#define MKTEMP_BODY(T, exists_fn) \
    size_t len = 0; \
    if (!tmpl) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; } \
    while (tmpl[len]) len++; \
    if (len < 6) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; } \
    for (size_t i = len - 6; i < len; i++) \
        if (tmpl[i] != 'X') { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; } \
    DWORD id = GetCurrentProcessId(); \
    for (size_t i = len; i > len - 5; i--) { tmpl[i - 1] = '0' + id % 10; id /= 10; } \
    for (T letter = 'a'; letter <= 'z'; letter++) { \
        tmpl[len - 6] = letter; \
        if (!exists_fn(tmpl)) return tmpl; \
    } \
    msvcrt_set_errno(MSVCRT_EEXIST); \
    return NULL;

static int exists_a(const char *path)
{
    WCHAR *w = msvcrt_strdup_AtoW(path);
    int r = w && exists(w);
    free(w);
    return r;
}

char *CDECL MSVCRT__mktemp(char *tmpl) { MKTEMP_BODY(char, exists_a) }
WCHAR *CDECL MSVCRT__wmktemp(WCHAR *tmpl) { MKTEMP_BODY(WCHAR, exists) }

static int is_dir(const WCHAR *path)
{
    DWORD attrs = GetFileAttributesW(path);
    return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
}

static unsigned int temp_counter;

/* a name "PREFIXnnnn.tmp" that does not exist yet: in %TMP% if that is a
 * directory, else in dir, else in the system temporary directory */
WCHAR *CDECL MSVCRT__wtempnam(const WCHAR *dir, const WCHAR *prefix)
{
    WCHAR base[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(u"TMP", base, MAX_PATH);
    if (!n || n >= MAX_PATH || !is_dir(base)) {
        if (dir && *dir && is_dir(dir)) {
            for (n = 0; dir[n] && n < MAX_PATH - 1; n++) base[n] = dir[n];
            base[n] = 0;
        } else if (!(n = GetTempPathW(MAX_PATH, base)) || n >= MAX_PATH) {
            base[0] = '\\';
            base[1] = 0;
        }
    }
    size_t blen = 0, plen = 0;
    while (base[blen]) blen++;
    while (prefix && prefix[plen]) plen++;
    WCHAR *out = malloc((blen + plen + 20) * sizeof(WCHAR));
    if (!out) { msvcrt_set_errno(MSVCRT_ENOMEM); return NULL; }
    for (int tries = 0; tries < 0x10000; tries++) {
        unsigned int num = __atomic_add_fetch(&temp_counter, 1, __ATOMIC_RELAXED);
        if (num == 1) __atomic_store_n(&temp_counter, num = (GetCurrentProcessId() * 7919u + GetTickCount()) & 0xffff, __ATOMIC_RELAXED);
        WCHAR *o = out;
        memcpy(o, base, blen * sizeof(WCHAR));
        o += blen;
        if (blen && !is_slash(base[blen - 1])) *o++ = '\\';
        if (plen) memcpy(o, prefix, plen * sizeof(WCHAR));
        o += plen;
        char digits[16];
        int d = snprintf(digits, sizeof(digits), "%x.tmp", num & 0xfffff);
        for (int i = 0; i <= d; i++) *o++ = digits[i];
        if (!exists(out)) return out;
    }
    free(out);
    msvcrt_set_errno(MSVCRT_EEXIST);
    return NULL;
}

char *CDECL MSVCRT__tempnam(const char *dir, const char *prefix)
{
    WCHAR *wdir = dir ? msvcrt_strdup_AtoW(dir) : NULL;
    WCHAR *wprefix = prefix ? msvcrt_strdup_AtoW(prefix) : NULL;
    WCHAR *w = MSVCRT__wtempnam(wdir, wprefix);
    free(wdir);
    free(wprefix);
    if (!w) return NULL;
    char *r = msvcrt_strdup_WtoA(w);
    free(w);
    return r;
}

static unsigned int tmpnam_counter;

/* "\sPID.N" with PID and N in base 32, naming no existing file */
static int make_tmpnam(WCHAR *out)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
    for (int tries = 0; tries < 0x10000; tries++) {
        unsigned int num = __atomic_fetch_add(&tmpnam_counter, 1, __ATOMIC_RELAXED);
        char buf[32], *p = buf + sizeof(buf);
        *--p = 0;
        for (unsigned int v = num; v; v /= 32) *--p = digits[v % 32];
        *--p = '.';
        unsigned int pid = GetCurrentProcessId();
        do { *--p = digits[pid % 32]; pid /= 32; } while (pid);
        *--p = 's';
        *--p = '\\';
        int i = 0;
        while (p[i]) { out[i] = p[i]; i++; }
        out[i] = 0;
        if (!exists(out)) return 0;
    }
    msvcrt_set_errno(MSVCRT_EEXIST);
    return -1;
}

char *CDECL MSVCRT_tmpnam(char *buf)
{
    WCHAR w[MAX_PATH];
    if (make_tmpnam(w)) return NULL;
    if (!buf) buf = msvcrt_td()->tmpnam_buf;
    int i = 0;
    while ((buf[i] = (char)w[i])) i++;   /* the name is ASCII */
    return buf;
}

WCHAR *CDECL MSVCRT__wtmpnam(WCHAR *buf)
{
    WCHAR w[MAX_PATH];
    if (make_tmpnam(w)) return NULL;
    if (!buf) buf = msvcrt_td()->wtmpnam_buf;
    int i = 0;
    while ((buf[i] = w[i])) i++;
    return buf;
}
