/* Directory searches: FindFirstFile(Ex), FindNextFile, FindClose.
 *
 * A find handle is an object in the handle table (OBJ_FIND).  The directory
 * is read once, when the search starts: the matching names are kept,
 * "." and ".." first (as NTFS returns them; a drive root has neither),
 * then the rest in case-insensitive order, which is NTFS's order too.
 * Each entry's metadata is read when it is returned, so FindNextFile sees
 * the file as it is then; an entry deleted in between is skipped.
 *
 * Masks follow the Windows rules, case-insensitively: '*' matches any run
 * of characters, '?' one character, a trailing ".*" also matches names
 * without an extension (so "*.*" matches everything) and a trailing "."
 * matches only names without a dot ("*." lists names with no extension). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "file_private.h"
#include "nls_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(file);

struct find_object {
    struct object obj;
    char *dir;          /* Unix directory searched, with a trailing '/' */
    char **names;       /* matching entries (UTF-8, as on disk) */
    unsigned int count;
    unsigned int next;  /* advanced atomically */
};

static void find_destroy(struct object *obj)
{
    struct find_object *fo = (struct find_object *)obj;
    for (unsigned int i = 0; i < fo->count; i++) free(fo->names[i]);
    free(fo->names);
    free(fo->dir);
    free(fo);
}

static const struct object_ops find_ops = { find_destroy };

/* ---- masks ---- */

static int glob_match(const WCHAR *mask, const WCHAR *mask_end, const WCHAR *name, const WCHAR *name_end)
{
    const WCHAR *star = NULL, *star_name = NULL;
    while (name < name_end) {
        if (mask < mask_end && *mask == '*') {
            star = mask++;
            star_name = name;
        } else if (mask < mask_end && (*mask == '?' || nls_toupper(*mask) == nls_toupper(*name))) {
            mask++;
            name++;
        } else if (star) {
            mask = star + 1;
            name = ++star_name;
        } else {
            return 0;
        }
    }
    while (mask < mask_end && *mask == '*') mask++;
    return mask == mask_end;
}

static int mask_matches(const WCHAR *mask, const WCHAR *name)
{
    const WCHAR *mend = mask + carafe_wcslen(mask), *nend = name + carafe_wcslen(name);
    size_t mlen = mend - mask;
    if (glob_match(mask, mend, name, nend)) return 1;
    /* "X.*" also matches what X matches without an extension */
    if (mlen >= 2 && mend[-2] == '.' && mend[-1] == '*') return glob_match(mask, mend - 2, name, nend);
    /* "X." matches names without a dot that X matches */
    if (mlen >= 2 && mend[-1] == '.' && !(mlen == 2 && mask[0] == '.')) {
        for (const WCHAR *p = name; p < nend; p++) if (*p == '.') return 0;
        return glob_match(mask, mend - 1, name, nend);
    }
    return 0;
}

static int has_wildcards(const WCHAR *s)
{
    for (; *s; s++) if (*s == '*' || *s == '?') return 1;
    return 0;
}

/* "." and ".." first, then case-insensitive order */
static int entry_rank(const char *n) { return !strcmp(n, ".") ? 0 : !strcmp(n, "..") ? 1 : 2; }

static int compare_entries(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int rx = entry_rank(x), ry = entry_rank(y);
    if (rx != ry || rx < 2) return rx - ry;
    int c = strcasecmp(x, y);
    return c ? c : strcmp(x, y);
}

/* Is the Unix directory DIR the root of a drive (which has no . and ..)? */
static int is_drive_root(const char *dir)
{
    char *real = realpath(dir, NULL);
    WCHAR *dos = real ? carafe_unix_to_dos(real) : NULL;
    int root = dos && dos[0] && dos[1] == ':' && dos[2] == '\\' && !dos[3];
    free(real);
    free(dos);
    return root;
}

static BOOL add_name(struct find_object *fo, unsigned int *cap, const char *name)
{
    if (fo->count == *cap) {
        unsigned int n = *cap ? *cap * 2 : 32;
        char **p = realloc(fo->names, n * sizeof(*p));
        if (!p) return FALSE;
        fo->names = p;
        *cap = n;
    }
    if (!(fo->names[fo->count] = strdup(name))) return FALSE;
    fo->count++;
    return TRUE;
}

/* Read DIR's entries that match MASK into FO; the last error is set on failure. */
static BOOL read_entries(struct find_object *fo, const WCHAR *mask, int dirs_only)
{
    DIR *d = opendir(fo->dir);
    struct dirent *de;
    unsigned int cap = 0;
    WCHAR wname[MAX_PATH];
    if (!d) {
        SetLastError(errno == ENOENT || errno == ENOTDIR ? ERROR_PATH_NOT_FOUND : carafe_errno_to_win32(errno));
        return FALSE;
    }
    int root = is_drive_root(fo->dir);
    while ((de = readdir(d))) {
        if (root && entry_rank(de->d_name) < 2) continue;
        int n = carafe_utf8_to_utf16(de->d_name, -1, wname, MAX_PATH);
        if (n <= 0 || n > MAX_PATH) {
            WARN("name too long for WIN32_FIND_DATA: %s\n", de->d_name);
            continue;
        }
        wname[MAX_PATH - 1] = 0;
        if (!mask_matches(mask, wname)) continue;
        if (dirs_only && de->d_type != DT_DIR && de->d_type != DT_UNKNOWN && de->d_type != DT_LNK) continue;
        if (!add_name(fo, &cap, de->d_name)) {
            closedir(d);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
    }
    closedir(d);
    qsort(fo->names, fo->count, sizeof(*fo->names), compare_entries);
    return TRUE;
}

/* Fill DATA with the next entry that still exists; FALSE at the end. */
static BOOL next_entry(struct find_object *fo, WIN32_FIND_DATAW *data)
{
    struct k32_stat st;
    for (;;) {
        unsigned int i = __atomic_fetch_add(&fo->next, 1, __ATOMIC_RELAXED);
        if (i >= fo->count) {
            fo->next = fo->count;
            return FALSE;
        }
        const char *name = fo->names[i];
        size_t n = strlen(fo->dir) + strlen(name) + 1;
        char *path = malloc(n);
        if (!path) continue;
        snprintf(path, n, "%s%s", fo->dir, name);
        int err = k32_stat_path(path, &st);
        free(path);
        if (err) continue;
        memset(data, 0, sizeof(*data));
        data->dwFileAttributes = st.attributes;
        k32_ticks_to_filetime(st.creation, &data->ftCreationTime);
        k32_ticks_to_filetime(st.access, &data->ftLastAccessTime);
        k32_ticks_to_filetime(st.write, &data->ftLastWriteTime);
        data->nFileSizeHigh = (DWORD)(st.size >> 32);
        data->nFileSizeLow = (DWORD)st.size;
        carafe_utf8_to_utf16(name, -1, data->cFileName, MAX_PATH);
        data->cFileName[MAX_PATH - 1] = 0;
        return TRUE;
    }
}

static int is_sep(WCHAR c) { return c == '\\' || c == '/'; }

HANDLE WINAPI FindFirstFileExW(LPCWSTR name, FINDEX_INFO_LEVELS level, LPVOID data, FINDEX_SEARCH_OPS op,
                               LPVOID filter, DWORD flags)
{
    struct find_object *fo = NULL;
    WCHAR *dir = NULL;
    if (level != FindExInfoStandard && level != FindExInfoBasic) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (op > FindExSearchLimitToDirectories || filter || (flags & ~(FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (!name || !*name) {
        SetLastError(name ? ERROR_PATH_NOT_FOUND : ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    /* split into the directory and the mask */
    size_t len = carafe_wcslen(name), cut = len;
    while (cut && !is_sep(name[cut - 1]) && !(cut == 2 && name[1] == ':')) cut--;
    const WCHAR *mask = name + cut;
    if (!*mask) {   /* "dir\" names no file */
        SetLastError(ERROR_FILE_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (!(dir = malloc((cut + 3) * sizeof(WCHAR)))) goto oom;
    memcpy(dir, name, cut * sizeof(WCHAR));
    if (!cut) dir[cut++] = '.';
    else if (cut == 2 && name[1] == ':') dir[cut++] = '.';   /* "C:x": the drive's current directory */
    dir[cut] = 0;
    if (!(fo = calloc(1, sizeof(*fo)))) goto oom;
    fo->obj.type = OBJ_FIND;
    fo->obj.refcount = 1;
    fo->obj.ops = &find_ops;
    char *udir = carafe_dos_to_unix(dir);
    free(dir);
    dir = NULL;
    if (!udir) {
        if (GetLastError() == ERROR_FILE_NOT_FOUND) SetLastError(ERROR_PATH_NOT_FOUND);
        goto fail;
    }
    size_t ulen = strlen(udir);
    if (!(fo->dir = malloc(ulen + 2))) { free(udir); goto oom; }
    memcpy(fo->dir, udir, ulen + 1);
    free(udir);
    if (!ulen || fo->dir[ulen - 1] != '/') strcpy(fo->dir + ulen, "/");
    if (!read_entries(fo, mask, op == FindExSearchLimitToDirectories)) goto fail;
    if (!next_entry(fo, data)) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        goto fail;
    }
    if (!has_wildcards(mask)) fo->next = fo->count;   /* one name: one answer */
    HANDLE h = carafe_handle_alloc(&fo->obj);
    if (!h) goto fail;
    return h;
oom:
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
fail:
    free(dir);
    if (fo) find_destroy(&fo->obj);
    return INVALID_HANDLE_VALUE;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR name, LPWIN32_FIND_DATAW data)
{
    return FindFirstFileExW(name, FindExInfoStandard, data, FindExSearchNameMatch, NULL, 0);
}

BOOL WINAPI FindNextFileW(HANDLE h, LPWIN32_FIND_DATAW data)
{
    struct find_object *fo = (struct find_object *)carafe_handle_get(h, OBJ_FIND);
    if (!fo) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    BOOL ret = next_entry(fo, data);
    carafe_object_release(&fo->obj);
    if (!ret) SetLastError(ERROR_NO_MORE_FILES);
    return ret;
}

BOOL WINAPI FindClose(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_FIND);
    if (!obj) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    carafe_object_release(obj);
    return carafe_handle_close(h);
}

/* ---- A forms ---- */

static void find_data_WtoA(const WIN32_FIND_DATAW *w, WIN32_FIND_DATAA *a)
{
    a->dwFileAttributes = w->dwFileAttributes;
    a->ftCreationTime = w->ftCreationTime;
    a->ftLastAccessTime = w->ftLastAccessTime;
    a->ftLastWriteTime = w->ftLastWriteTime;
    a->nFileSizeHigh = w->nFileSizeHigh;
    a->nFileSizeLow = w->nFileSizeLow;
    a->dwReserved0 = w->dwReserved0;
    a->dwReserved1 = w->dwReserved1;
    if (!WideCharToMultiByte(CP_ACP, 0, w->cFileName, -1, a->cFileName, MAX_PATH, NULL, NULL))
        a->cFileName[MAX_PATH - 1] = 0;
    if (!WideCharToMultiByte(CP_ACP, 0, w->cAlternateFileName, -1, a->cAlternateFileName, 14, NULL, NULL))
        a->cAlternateFileName[13] = 0;
}

HANDLE WINAPI FindFirstFileExA(LPCSTR name, FINDEX_INFO_LEVELS level, LPVOID data, FINDEX_SEARCH_OPS op,
                               LPVOID filter, DWORD flags)
{
    WIN32_FIND_DATAW w;
    WCHAR *wname = k32_strdup_AtoW(name);
    if (name && !wname) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return INVALID_HANDLE_VALUE; }
    HANDLE h = FindFirstFileExW(wname, level, &w, op, filter, flags);
    free(wname);
    if (h != INVALID_HANDLE_VALUE) find_data_WtoA(&w, data);
    return h;
}

HANDLE WINAPI FindFirstFileA(LPCSTR name, LPWIN32_FIND_DATAA data)
{
    return FindFirstFileExA(name, FindExInfoStandard, data, FindExSearchNameMatch, NULL, 0);
}

BOOL WINAPI FindNextFileA(HANDLE h, LPWIN32_FIND_DATAA data)
{
    WIN32_FIND_DATAW w;
    if (!FindNextFileW(h, &w)) return FALSE;
    find_data_WtoA(&w, data);
    return TRUE;
}
