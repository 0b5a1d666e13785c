/* Windows path strings: GetFullPathName (pure string work, no file system
 * access), GetLongPathName/GetShortPathName (carafe has no 8.3 names: the
 * long name is the short name), SearchPath, the Windows and system
 * directories, and the A-function code page switch (SetFileApisTo*). */
#include <string.h>
#include "file_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(file);

#define FULL_PATH_MAX 32768

static const WCHAR windows_dir[] = u"C:\\windows";
static const WCHAR system_dir[] = u"C:\\windows\\system32";

static int is_sep(WCHAR c) { return c == '\\' || c == '/'; }
static int is_letter(WCHAR c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static WCHAR upper_letter(WCHAR c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/* Reserved device names are reached from every directory: "\\.\NAME" */
static int device_name_length(const WCHAR *name)
{
    static const char *const devices[] = { "CON", "NUL", "AUX", "PRN", "CONIN$", "CONOUT$" };
    size_t n = 0;
    while (name[n] && name[n] != '.' && name[n] != ':') n++;
    size_t end = n;
    while (end && name[end - 1] == ' ') end--;
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
        size_t dl = strlen(devices[i]);
        if (dl != end) continue;
        size_t k = 0;
        while (k < dl && upper_letter(name[k]) == (WCHAR)devices[i][k]) k++;
        if (k == dl) return (int)dl;
    }
    if (end == 4 && name[3] >= '1' && name[3] <= '9') {
        WCHAR a = upper_letter(name[0]), b = upper_letter(name[1]), c = upper_letter(name[2]);
        if ((a == 'C' && b == 'O' && c == 'M') || (a == 'L' && b == 'P' && c == 'T')) return 4;
    }
    return 0;
}

/* Append the components of REL to OUT (whose first ROOT_LEN units are the
 * root, which ".." never climbs above), resolving "." and "..", collapsing
 * separators and trimming dots as Windows does ("File path formats on
 * Windows systems"): the last component loses its trailing dots and spaces,
 * the others a single trailing dot, as Wine's conformance tests have it. */
static size_t append_components(WCHAR *out, size_t len, size_t root_len, const WCHAR *rel)
{
    const WCHAR *p = rel;
    int trailing_sep = 0;
    while (*p) {
        while (is_sep(*p)) p++;
        if (!*p) { trailing_sep = 1; break; }
        const WCHAR *end = p;
        while (*end && !is_sep(*end)) end++;
        size_t n = end - p;
        trailing_sep = 0;
        if (n == 1 && p[0] == '.') { p = end; trailing_sep = *end != 0; continue; }
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (len > root_len && out[len - 1] == '\\') len--;
            while (len > root_len && out[len - 1] != '\\') len--;
            while (len > root_len && out[len - 1] == '\\') len--;
            p = end;
            trailing_sep = *end != 0;
            continue;
        }
        if (!*end) {   /* the last component loses trailing dots and spaces */
            while (n && (p[n - 1] == '.' || p[n - 1] == ' ')) n--;
            if (!n) break;
        } else if (p[n - 1] == '.') {
            /* others lose one trailing dot ("a.." -> "a."), unless all dots */
            size_t k = 0;
            while (k < n && p[k] == '.') k++;
            if (k < n) n--;
        }
        if (len + n + 2 >= FULL_PATH_MAX) return 0;
        if (len && out[len - 1] != '\\') out[len++] = '\\';
        memcpy(out + len, p, n * sizeof(WCHAR));
        len += n;
        p = end;
    }
    if (trailing_sep && len && out[len - 1] != '\\') out[len++] = '\\';
    /* a bare root keeps its separator: "C:\" */
    if (len < root_len) len = root_len;
    out[len] = 0;
    return len;
}

/* Length of the root of an absolute Windows path in OUT: "C:\" or
 * "\\server\share\" (the separator after the share is part of it). */
static size_t root_length(const WCHAR *path)
{
    if (is_letter(path[0]) && path[1] == ':') return 3;
    if (is_sep(path[0]) && is_sep(path[1])) {
        size_t i = 2, parts = 0;
        while (path[i] && parts < 2) {
            if (is_sep(path[i])) parts++;
            if (parts < 2) i++;
        }
        return path[i] ? i + 1 : i;
    }
    return 1;
}

/* The full path of NAME into OUT (FULL_PATH_MAX units); its length, 0 with
 * the last error set on failure. */
static size_t full_path(const WCHAR *name, WCHAR *out)
{
    WCHAR cwd[FULL_PATH_MAX];
    size_t len, root;
    const WCHAR *rel;
    const WCHAR *last = name;
    for (const WCHAR *p = name; *p; p++) if (is_sep(*p) || (*p == ':' && p == name + 1)) last = p + 1;
    int dev = last[0] ? device_name_length(last) : 0;
    if (dev && !(is_sep(name[0]) && is_sep(name[1]))) {
        memcpy(out, u"\\\\.\\", 4 * sizeof(WCHAR));
        memcpy(out + 4, last, dev * sizeof(WCHAR));
        out[4 + dev] = 0;
        return 4 + dev;
    }
    if (is_sep(name[0]) && is_sep(name[1]) && (name[2] == '?' || name[2] == '.') && is_sep(name[3])) {
        if (name[2] == '?') {   /* "\\?\" paths are taken as they are */
            len = carafe_wcslen(name);
            if (len >= FULL_PATH_MAX) goto too_long;
            memcpy(out, name, (len + 1) * sizeof(WCHAR));
            return len;
        }
        memcpy(out, u"\\\\.\\", 4 * sizeof(WCHAR));
        return append_components(out, 4, 4, name + 4);
    }
    if (is_sep(name[0]) && is_sep(name[1])) {   /* UNC: "\\server\share" is the root */
        size_t i = 2;
        while (name[i] && !is_sep(name[i])) i++;
        if (name[i]) {
            i++;
            while (name[i] && !is_sep(name[i])) i++;
        }
        if (i + 2 >= FULL_PATH_MAX) goto too_long;
        for (size_t k = 0; k < i; k++) out[k] = is_sep(name[k]) ? '\\' : name[k];
        len = i;
        if (name[i]) out[len++] = '\\';
        out[len] = 0;
        return append_components(out, len, len, name + i);
    }
    if (is_letter(name[0]) && name[1] == ':') {
        WCHAR drive = upper_letter(name[0]);
        if (is_sep(name[2])) {
            out[0] = drive; out[1] = ':'; out[2] = '\\'; out[3] = 0;
            return append_components(out, 3, 3, name + 3);
        }
        /* drive-relative: that drive's current directory */
        DWORD n = GetCurrentDirectoryW(FULL_PATH_MAX, cwd);
        if (!n || n >= FULL_PATH_MAX) return 0;
        if (upper_letter(cwd[0]) != drive || cwd[1] != ':') {
            WCHAR var[4] = { '=', drive, ':', 0 };
            n = GetEnvironmentVariableW(var, cwd, FULL_PATH_MAX);
            if (!n || n >= FULL_PATH_MAX || upper_letter(cwd[0]) != drive) {
                cwd[0] = drive; cwd[1] = ':'; cwd[2] = '\\'; cwd[3] = 0;
            }
        }
        rel = name + 2;
    } else {
        DWORD n = GetCurrentDirectoryW(FULL_PATH_MAX, cwd);
        if (!n || n >= FULL_PATH_MAX) return 0;
        rel = name;
    }
    cwd[0] = upper_letter(cwd[0]);
    root = root_length(cwd);
    if (is_sep(rel[0])) {   /* the root of the current drive or share */
        memcpy(out, cwd, root * sizeof(WCHAR));
        if (out[root - 1] != '\\') out[root++] = '\\';
        out[root] = 0;
        return append_components(out, root, root, rel);
    }
    len = carafe_wcslen(cwd);
    memcpy(out, cwd, (len + 1) * sizeof(WCHAR));
    if (root > len) root = len;
    return append_components(out, len, root, rel);
too_long:
    SetLastError(ERROR_FILENAME_EXCED_RANGE);
    return 0;
}

DWORD WINAPI GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buf, LPWSTR *file_part)
{
    WCHAR *out;
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    if (!*name) { SetLastError(ERROR_INVALID_NAME); return 0; }
    if (!(out = malloc(FULL_PATH_MAX * sizeof(WCHAR)))) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    size_t len = full_path(name, out);
    if (!len) { free(out); return 0; }
    if (len >= size || !buf) {
        free(out);
        return len + 1;
    }
    memcpy(buf, out, (len + 1) * sizeof(WCHAR));
    free(out);
    if (file_part) {
        WCHAR *p = buf + len;
        while (p > buf && p[-1] != '\\') p--;
        *file_part = *p ? p : NULL;
    }
    return len;
}

DWORD WINAPI GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buf, LPSTR *file_part)
{
    WCHAR *w = k32_strdup_AtoW(name), *full;
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return 0; }
    if (!(full = malloc(FULL_PATH_MAX * sizeof(WCHAR)))) { free(w); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    DWORD n = GetFullPathNameW(w, FULL_PATH_MAX, full, NULL);
    DWORD ret = 0;
    if (n && n < FULL_PATH_MAX) {
        ret = k32_copy_WtoA(full, buf, size);
        if (ret < size && buf && file_part) {
            char *p = buf + ret;
            while (p > buf && p[-1] != '\\') p--;
            *file_part = *p ? p : NULL;
        }
    }
    free(w);
    free(full);
    return ret;
}

/* ---- long and short names ---- */

/* The name as given when the file exists: carafe has no 8.3 aliases. */
static DWORD existing_name(LPCWSTR name, LPWSTR buf, DWORD size)
{
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    if (!*name) { SetLastError(ERROR_PATH_NOT_FOUND); return 0; }
    if (GetFileAttributesW(name) == INVALID_FILE_ATTRIBUTES) return 0;
    size_t len = carafe_wcslen(name);
    if (len >= size || !buf) return len + 1;
    memmove(buf, name, (len + 1) * sizeof(WCHAR));
    return len;
}

DWORD WINAPI GetLongPathNameW(LPCWSTR name, LPWSTR buf, DWORD size) { return existing_name(name, buf, size); }
DWORD WINAPI GetShortPathNameW(LPCWSTR name, LPWSTR buf, DWORD size) { return existing_name(name, buf, size); }

static DWORD existing_name_A(LPCSTR name, LPSTR buf, DWORD size)
{
    WCHAR *w = k32_strdup_AtoW(name), *out;
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return 0; }
    if (!(out = malloc(FULL_PATH_MAX * sizeof(WCHAR)))) { free(w); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    DWORD n = existing_name(w, out, FULL_PATH_MAX), ret = 0;
    if (n && n < FULL_PATH_MAX) ret = k32_copy_WtoA(out, buf, size);
    free(w);
    free(out);
    return ret;
}

DWORD WINAPI GetLongPathNameA(LPCSTR name, LPSTR buf, DWORD size) { return existing_name_A(name, buf, size); }
DWORD WINAPI GetShortPathNameA(LPCSTR name, LPSTR buf, DWORD size) { return existing_name_A(name, buf, size); }

/* ---- SearchPath ---- */

/* Is DIR\NAME (or NAME alone when DIR is NULL) an existing file?  Its full
 * path goes to OUT. */
static int try_file(const WCHAR *dir, size_t dirlen, const WCHAR *name, const WCHAR *ext, WCHAR *out)
{
    WCHAR *cand = malloc(FULL_PATH_MAX * sizeof(WCHAR));
    size_t nlen = carafe_wcslen(name), elen = ext ? carafe_wcslen(ext) : 0, len = 0;
    int found = 0;
    if (!cand) return 0;
    if (dirlen + nlen + elen + 2 < FULL_PATH_MAX) {
        if (dirlen) {
            memcpy(cand, dir, dirlen * sizeof(WCHAR));
            len = dirlen;
            if (!is_sep(cand[len - 1])) cand[len++] = '\\';
        }
        memcpy(cand + len, name, nlen * sizeof(WCHAR));
        len += nlen;
        memcpy(cand + len, ext, elen * sizeof(WCHAR));
        cand[len + elen] = 0;
        DWORD attr = GetFileAttributesW(cand);
        if (attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY)) {
            DWORD n = GetFullPathNameW(cand, FULL_PATH_MAX, out, NULL);
            found = n && n < FULL_PATH_MAX;
        }
    }
    free(cand);
    return found;
}

/* Search a ';'-separated list of directories */
static int search_list(const WCHAR *list, const WCHAR *name, const WCHAR *ext, WCHAR *out)
{
    while (list && *list) {
        const WCHAR *end = list;
        while (*end && *end != ';') end++;
        if (end > list && try_file(list, end - list, name, ext, out)) return 1;
        list = *end ? end + 1 : end;
    }
    return 0;
}

/* Without PATH: the program's directory, the current directory, the system
 * and Windows directories, then the directories of the PATH variable. */
DWORD WINAPI SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext, DWORD size, LPWSTR buf, LPWSTR *file_part)
{
    WCHAR *out = NULL, *env = NULL;
    DWORD ret = 0;
    if (!name || !*name) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    if (!(out = malloc(FULL_PATH_MAX * sizeof(WCHAR)))) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    /* the extension counts only when the name has none */
    const WCHAR *base = name;
    for (const WCHAR *p = name; *p; p++) if (is_sep(*p) || *p == ':') base = p + 1;
    for (const WCHAR *p = base; *p; p++) if (*p == '.') { ext = NULL; break; }
    int found = 0;
    int has_path = base != name || (name[0] == '.' && (is_sep(name[1]) || (name[1] == '.' && is_sep(name[2]))));
    if (has_path) found = try_file(NULL, 0, name, ext, out);
    else if (path) found = search_list(path, name, ext, out);
    else {
        WCHAR dir[MAX_PATH + 1];
        DWORD n = GetModuleFileNameW(NULL, dir, MAX_PATH);
        if (n && n < MAX_PATH) {
            while (n && !is_sep(dir[n - 1])) n--;
            found = n && try_file(dir, n, name, ext, out);
        }
        if (!found) found = try_file(u".", 1, name, ext, out);
        if (!found) found = try_file(system_dir, carafe_wcslen(system_dir), name, ext, out);
        if (!found) found = try_file(windows_dir, carafe_wcslen(windows_dir), name, ext, out);
        if (!found) {
            DWORD need = GetEnvironmentVariableW(u"PATH", NULL, 0);
            if (need && (env = malloc(need * sizeof(WCHAR))) && GetEnvironmentVariableW(u"PATH", env, need) < need)
                found = search_list(env, name, ext, out);
        }
    }
    if (!found) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        goto done;
    }
    size_t len = carafe_wcslen(out);
    if (len >= size || !buf) { ret = len + 1; goto done; }
    memcpy(buf, out, (len + 1) * sizeof(WCHAR));
    if (file_part) {
        WCHAR *p = buf + len;
        while (p > buf && p[-1] != '\\') p--;
        *file_part = p;
    }
    ret = len;
done:
    free(out);
    free(env);
    return ret;
}

DWORD WINAPI SearchPathA(LPCSTR path, LPCSTR name, LPCSTR ext, DWORD size, LPSTR buf, LPSTR *file_part)
{
    WCHAR *wpath = k32_strdup_AtoW(path), *wname = k32_strdup_AtoW(name), *wext = k32_strdup_AtoW(ext);
    WCHAR *out = malloc(FULL_PATH_MAX * sizeof(WCHAR));
    DWORD ret = 0;
    if (!out || (path && !wpath) || (name && !wname) || (ext && !wext)) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else {
        DWORD n = SearchPathW(wpath, wname, wext, FULL_PATH_MAX, out, NULL);
        if (n && n < FULL_PATH_MAX) {
            ret = k32_copy_WtoA(out, buf, size);
            if (ret < size && buf && file_part) {
                char *p = buf + ret;
                while (p > buf && p[-1] != '\\') p--;
                *file_part = p;
            }
        }
    }
    free(wpath);
    free(wname);
    free(wext);
    free(out);
    return ret;
}

/* ---- the Windows directories ---- */

static UINT copy_dir_W(const WCHAR *dir, LPWSTR buf, UINT size)
{
    UINT len = carafe_wcslen(dir);
    if (len >= size || !buf) return len + 1;
    memcpy(buf, dir, (len + 1) * sizeof(WCHAR));
    return len;
}

UINT WINAPI GetWindowsDirectoryW(LPWSTR buf, UINT size) { return copy_dir_W(windows_dir, buf, size); }
UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR buf, UINT size) { return copy_dir_W(windows_dir, buf, size); }
UINT WINAPI GetSystemDirectoryW(LPWSTR buf, UINT size) { return copy_dir_W(system_dir, buf, size); }
UINT WINAPI GetWindowsDirectoryA(LPSTR buf, UINT size) { return k32_copy_WtoA(windows_dir, buf, size); }
UINT WINAPI GetSystemWindowsDirectoryA(LPSTR buf, UINT size) { return k32_copy_WtoA(windows_dir, buf, size); }
UINT WINAPI GetSystemDirectoryA(LPSTR buf, UINT size) { return k32_copy_WtoA(system_dir, buf, size); }

/* 64-bit Windows has a SysWOW64 directory for 32-bit programs; carafe runs
 * 64-bit programs only, so there is none, as on 32-bit Windows. */
UINT WINAPI GetSystemWow64DirectoryW(LPWSTR buf, UINT size)
{
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

UINT WINAPI GetSystemWow64DirectoryA(LPSTR buf, UINT size)
{
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return 0;
}

/* ---- ANSI or OEM for the A functions ---- */

static BOOL file_apis_ansi = TRUE;

BOOL WINAPI AreFileApisANSI(void) { return file_apis_ansi; }

void WINAPI SetFileApisToANSI(void) { file_apis_ansi = TRUE; }

void WINAPI SetFileApisToOEM(void)
{
    /* remembered and reported; the A functions keep converting with the ANSI code page */
    FIXME("file names stay in the ANSI code page\n");
    file_apis_ansi = FALSE;
}
