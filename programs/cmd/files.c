/* The file commands: DIR TYPE DEL COPY MOVE REN MD RD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

/* Windows wildcard match, case-insensitive: * any run, ? one character */
int wild_match(const char *pat, const char *name)
{
    while (*pat) {
        if (*pat == '*') {
            pat++;
            if (!*pat) return 1;
            for (const char *n = name; *n; n++)
                if (wild_match(pat, n)) return 1;
            /* "*." matches a name without an extension */
            return !strcmp(pat, ".") || !strcmp(pat, ".*");
        }
        if (!*name) return !strcmp(pat, ".") || !strcmp(pat, ".*");
        if (*pat != '?' && toupper((unsigned char)*pat) != toupper((unsigned char)*name)) return 0;
        pat++;
        name++;
    }
    return !*name;
}

char *full_path(const char *p)
{
    char buf[MAX_PATH * 2];
    if (!GetFullPathNameA(p, sizeof(buf), buf, NULL)) return xstrdup(p);
    return xstrdup(buf);
}

/* arguments with quotes removed, switches apart */
struct words {
    char **v;
    int n;
    char sw[32];                /* switch letters, lower case */
};

static void get_words(const char *args, struct words *w, int keep_plus)
{
    char **v;
    int n;
    split_args(args, &v, &n);
    w->v = xmalloc((n + 1) * sizeof(char *));
    w->n = 0;
    w->sw[0] = 0;
    for (int i = 0; i < n; i++) {
        char *a = v[i];
        while (*a == '/' && a[1]) {
            size_t l = strlen(w->sw);
            char c = (char)tolower((unsigned char)a[1]);
            if (c == '-' && a[2]) { a += 3; continue; }
            if (l < sizeof(w->sw) - 1) { w->sw[l] = c; w->sw[l + 1] = 0; }
            a += 2;
            /* /a:-d and friends: skip the value */
            while (*a && *a != '/') a++;
        }
        if (!*a) { free(v[i]); continue; }
        char *d = a, *s = a;
        for (; *s; s++) if (*s != '"') *d++ = *s;
        *d = 0;
        w->v[w->n++] = xstrdup(a);
        free(v[i]);
    }
    free(v);
    (void)keep_plus;
}

static void free_words(struct words *w)
{
    for (int i = 0; i < w->n; i++) free(w->v[i]);
    free(w->v);
}

static int has_switch(struct words *w, char c)
{
    return strchr(w->sw, c) != NULL;
}

static int is_dir(const char *p)
{
    DWORD a = GetFileAttributesA(p);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

/* the directory part of a pattern, with its trailing backslash, or "" */
static void dir_part(const char *pattern, char *out, size_t size)
{
    const char *slash = strrchr(pattern, '\\');
    const char *fs = strrchr(pattern, '/');
    if (fs > slash) slash = fs;
    if (!slash && pattern[0] && pattern[1] == ':') slash = pattern + 1;
    size_t n = slash ? (size_t)(slash - pattern + 1) : 0;
    if (n >= size) n = size - 1;
    memcpy(out, pattern, n);
    out[n] = 0;
}

struct entry {
    char name[MAX_PATH];
    WIN32_FIND_DATAA fd;
};

static int cmp_entry(const void *a, const void *b)
{
    return _stricmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* the entries a pattern names, sorted; files and/or directories */
static struct entry *find_all(const char *pattern, int want_files, int want_dirs, int *count)
{
    WIN32_FIND_DATAA fd;
    int n = 0, cap = 16;
    struct entry *e = xmalloc(cap * sizeof(*e));
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            int dir = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
            if (dir ? !want_dirs : !want_files) continue;
            if (n == cap) e = realloc(e, (cap *= 2) * sizeof(*e));
            snprintf(e[n].name, sizeof(e[n].name), "%s", fd.cFileName);
            e[n].fd = fd;
            n++;
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    qsort(e, n, sizeof(*e), cmp_entry);
    *count = n;
    return e;
}

static void commas(unsigned long long v, char *out)
{
    char digits[32];
    int n = sprintf(digits, "%I64u", v), o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
}

static void format_time(const FILETIME *ft, char *out)
{
    FILETIME lt;
    SYSTEMTIME st;
    FileTimeToLocalFileTime(ft, &lt);
    FileTimeToSystemTime(&lt, &st);
    int h = st.wHour % 12 ? st.wHour % 12 : 12;
    sprintf(out, "%02d/%02d/%04d  %02d:%02d %s", st.wMonth, st.wDay, st.wYear, h, st.wMinute,
            st.wHour < 12 ? "AM" : "PM");
}

static int dir_one(const char *arg, int bare)
{
    char pattern[MAX_PATH * 2];
    if (is_dir(arg)) snprintf(pattern, sizeof(pattern), "%s%s*", arg,
                              arg[strlen(arg) - 1] == '\\' ? "" : "\\");
    else snprintf(pattern, sizeof(pattern), "%s", arg);
    char dir[MAX_PATH * 2];
    dir_part(pattern, dir, sizeof(dir));
    int n;
    struct entry *e = find_all(pattern, 1, 1, &n);
    char *fulldir = full_path(*dir ? dir : ".");
    size_t fl = strlen(fulldir);
    if (fl > 3 && fulldir[fl - 1] == '\\') fulldir[fl - 1] = 0;
    if (!bare) {
        out_printf(" Volume in drive %c has no label.\r\n Volume Serial Number is 0000-0000\r\n\r\n"
                   " Directory of %s\r\n\r\n", fulldir[0], fulldir);
    }
    int files = 0, dirs = 0;
    unsigned long long bytes = 0;
    for (int i = 0; i < n; i++) {
        int isdir = (e[i].fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        if (bare) {
            if (strcmp(e[i].name, ".") && strcmp(e[i].name, "..")) out_printf("%s\r\n", e[i].name);
            continue;
        }
        char when[64], size[32];
        format_time(&e[i].fd.ftLastWriteTime, when);
        if (isdir) {
            dirs++;
            out_printf("%s    <DIR>          %s\r\n", when, e[i].name);
        } else {
            unsigned long long s = ((unsigned long long)e[i].fd.nFileSizeHigh << 32) | e[i].fd.nFileSizeLow;
            files++;
            bytes += s;
            commas(s, size);
            out_printf("%s %17s %s\r\n", when, size, e[i].name);
        }
    }
    if (!bare) {
        char total[32], freeb[32];
        ULARGE_INTEGER avail, tot, fre;
        commas(bytes, total);
        if (GetDiskFreeSpaceExA(fulldir, &avail, &tot, &fre)) commas(avail.QuadPart, freeb);
        else strcpy(freeb, "0");
        out_printf("%16d File(s) %14s bytes\r\n%16d Dir(s) %15s bytes free\r\n", files, total, dirs, freeb);
    }
    free(fulldir);
    free(e);
    if (!n) {
        if (bare) err_printf("File Not Found\r\n");
        else err_printf("File Not Found\r\n");
        return 1;
    }
    return 0;
}

int bi_dir(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    int bare = has_switch(&w, 'b'), rc = 0;
    if (!w.n) rc = dir_one(".", bare);
    for (int i = 0; i < w.n; i++) rc |= dir_one(w.v[i], bare);
    free_words(&w);
    return rc;
}

static int copy_to_handle(const char *path, HANDLE out)
{
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return 0;
    char buf[8192];
    DWORD got, done;
    while (ReadFile(h, buf, sizeof(buf), &got, NULL) && got)
        WriteFile(out, buf, got, &done, NULL);
    CloseHandle(h);
    return 1;
}

int bi_type(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    int rc = 0;
    if (!w.n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        rc = 1;
    }
    for (int i = 0; i < w.n; i++) {
        if (!strpbrk(w.v[i], "*?")) {
            if (is_dir(w.v[i])) { err_printf("Access is denied.\r\n"); rc = 1; continue; }
            if (!copy_to_handle(w.v[i], std_h[1])) {
                err_printf("The system cannot find the file specified.\r\n");
                rc = 1;
            }
            continue;
        }
        char dir[MAX_PATH * 2], path[MAX_PATH * 3];
        dir_part(w.v[i], dir, sizeof(dir));
        int n;
        struct entry *e = find_all(w.v[i], 1, 0, &n);
        for (int j = 0; j < n; j++) {
            snprintf(path, sizeof(path), "%s%s", dir, e[j].name);
            err_printf("\r\n%s\r\n\r\n\r\n", e[j].name);
            copy_to_handle(path, std_h[1]);
        }
        if (!n) { err_printf("The system cannot find the file specified.\r\n"); rc = 1; }
        free(e);
    }
    free_words(&w);
    return rc;
}

static int ask_yes(const char *question)
{
    char line[64];
    out_printf("%s (Y/N)? ", question);
    if (read_line_from(std_h[0], line, sizeof(line)) < 0) return 0;
    return toupper((unsigned char)line[0]) == 'Y';
}

int bi_del(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    int quiet = has_switch(&w, 'q'), force = has_switch(&w, 'f');
    if (!w.n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        free_words(&w);
        return 1;
    }
    for (int i = 0; i < w.n; i++) {
        char pattern[MAX_PATH * 2], dir[MAX_PATH * 2], path[MAX_PATH * 3];
        if (is_dir(w.v[i])) snprintf(pattern, sizeof(pattern), "%s\\*", w.v[i]);
        else snprintf(pattern, sizeof(pattern), "%s", w.v[i]);
        dir_part(pattern, dir, sizeof(dir));
        const char *base = pattern + strlen(dir);
        if (!quiet && (!strcmp(base, "*") || !strcmp(base, "*.*"))) {
            char *full = full_path(pattern);
            char q[MAX_PATH * 2 + 8];
            snprintf(q, sizeof(q), "%s, Are you sure", full);
            free(full);
            if (!ask_yes(q)) continue;
        }
        int n;
        struct entry *e = find_all(pattern, 1, 0, &n);
        if (!n) {
            char *full = full_path(w.v[i]);
            err_printf("Could Not Find %s\r\n", full);
            free(full);
        }
        for (int j = 0; j < n; j++) {
            snprintf(path, sizeof(path), "%s%s", dir, e[j].name);
            if (force && (e[j].fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY))
                SetFileAttributesA(path, e[j].fd.dwFileAttributes & ~FILE_ATTRIBUTE_READONLY);
            if (!DeleteFileA(path)) {
                char *full = full_path(path);
                err_printf("%s\r\nAccess is denied.\r\n", full);
                free(full);
            }
        }
        free(e);
    }
    free_words(&w);
    return 0;
}

/* the target of COPY/MOVE/REN for a source name: a directory gets the
 * name appended, a mask with * or ? is applied to the name */
static void apply_mask(const char *mask, const char *name, char *out, size_t size)
{
    size_t o = 0;
    const char *n = name;
    for (const char *m = mask; *m && o < size - 1; m++) {
        if (*m == '?') { if (*n && *n != '.') out[o++] = *n++; }
        else if (*m == '*') {
            /* up to the last dot when the mask goes on with one */
            const char *stop = m[1] == '.' ? strrchr(n, '.') : NULL;
            if (!stop) stop = n + strlen(n);
            while (n < stop && o < size - 1) out[o++] = *n++;
        } else {
            if (*m == '.') { const char *d = strchr(n, '.'); n = d ? d + 1 : n + strlen(n); }
            else if (*n) n++;
            out[o++] = *m;
        }
    }
    while (o && out[o - 1] == '.') o--;
    out[o] = 0;
}

static void target_for(const char *dest, const char *name, char *out, size_t size)
{
    if (is_dir(dest)) {
        size_t l = strlen(dest);
        snprintf(out, size, "%s%s%s", dest, l && (dest[l - 1] == '\\' || dest[l - 1] == ':') ? "" : "\\", name);
    } else if (strpbrk(dest, "*?")) {
        char dir[MAX_PATH * 2], masked[MAX_PATH];
        dir_part(dest, dir, sizeof(dir));
        apply_mask(dest + strlen(dir), name, masked, sizeof(masked));
        snprintf(out, size, "%s%s", dir, masked);
    } else snprintf(out, size, "%s", dest);
}

static int same_file(const char *a, const char *b)
{
    char *fa = full_path(a), *fb = full_path(b);
    int r = !_stricmp(fa, fb);
    free(fa);
    free(fb);
    return r;
}

int bi_copy(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 1);
    if (!w.n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        free_words(&w);
        return 1;
    }
    /* sources: the first word split at '+' (and words joined by a lone +) */
    char *srcs[64];
    int nsrc = 0, last = w.n - 1;
    const char *dest = w.n > 1 ? w.v[last] : ".";
    int nsrcwords = w.n > 1 ? last : 1;
    for (int i = 0; i < nsrcwords; i++) {
        char *s = w.v[i], *plus;
        while (s && *s) {
            plus = strchr(s, '+');
            if (plus) *plus = 0;
            if (*s && nsrc < 64) srcs[nsrc++] = s;
            s = plus ? plus + 1 : NULL;
        }
    }
    if (w.n > 1 && w.v[last][0] == '+') dest = ".";
    int concat = nsrc > 1 || (nsrc == 1 && strpbrk(srcs[0], "*?") && !is_dir(dest) && !strpbrk(dest, "*?"));
    int copied = 0, rc = 0, show_names = nsrc > 1 || strpbrk(srcs[0], "*?");
    HANDLE out = INVALID_HANDLE_VALUE;
    char target[MAX_PATH * 3];
    for (int i = 0; i < nsrc && !rc; i++) {
        char dir[MAX_PATH * 2], path[MAX_PATH * 3];
        int n;
        struct entry *e;
        if (is_dir(srcs[i])) {
            snprintf(path, sizeof(path), "%s\\*", srcs[i]);
            e = find_all(path, 1, 0, &n);
            snprintf(dir, sizeof(dir), "%s\\", srcs[i]);
        } else {
            e = find_all(srcs[i], 1, 0, &n);
            dir_part(srcs[i], dir, sizeof(dir));
        }
        if (!n) {
            err_printf("The system cannot find the file specified.\r\n");
            rc = 1;
        }
        for (int j = 0; j < n && !rc; j++) {
            snprintf(path, sizeof(path), "%s%s", dir, e[j].name);
            if (show_names) out_printf("%s\r\n", path);
            if (concat) {
                if (out == INVALID_HANDLE_VALUE) {
                    target_for(dest, e[j].name, target, sizeof(target));
                    if (same_file(path, target)) {
                        /* copy a+b a appends to a */
                        out = CreateFileA(target, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
                        if (out != INVALID_HANDLE_VALUE) SetFilePointer(out, 0, NULL, FILE_END);
                        copied = 1;
                        continue;
                    }
                    out = CreateFileA(target, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
                    if (out == INVALID_HANDLE_VALUE) {
                        err_printf("The system cannot find the path specified.\r\n");
                        rc = 1;
                        break;
                    }
                    copied = 1;
                } else if (same_file(path, target)) continue;
                copy_to_handle(path, out);
                continue;
            }
            target_for(dest, e[j].name, target, sizeof(target));
            if (same_file(path, target)) {
                err_printf("The file cannot be copied onto itself.\r\n");
                rc = 1;
                break;
            }
            if (!CopyFileA(path, target, FALSE)) {
                err_printf("Access is denied.\r\n");
                rc = 1;
                break;
            }
            copied++;
        }
        free(e);
    }
    if (out != INVALID_HANDLE_VALUE) CloseHandle(out);
    out_printf("%9d file(s) copied.\r\n", copied);
    free_words(&w);
    return rc;
}

int bi_move(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    if (w.n < 1) {
        err_printf("The syntax of the command is incorrect.\r\n");
        free_words(&w);
        return 1;
    }
    const char *dest = w.n > 1 ? w.v[w.n - 1] : ".";
    int nsrc = w.n > 1 ? w.n - 1 : 1, moved = 0, dirs = 0, rc = 0;
    for (int i = 0; i < nsrc; i++) {
        char dir[MAX_PATH * 2], path[MAX_PATH * 3], target[MAX_PATH * 3];
        int n;
        struct entry *e = find_all(w.v[i], 1, 1, &n);
        dir_part(w.v[i], dir, sizeof(dir));
        if (!n) {
            err_printf("The system cannot find the file specified.\r\n");
            rc = 1;
        }
        for (int j = 0; j < n; j++) {
            if (!strcmp(e[j].name, ".") || !strcmp(e[j].name, "..")) continue;
            snprintf(path, sizeof(path), "%s%s", dir, e[j].name);
            target_for(dest, e[j].name, target, sizeof(target));
            if (n > 1) out_printf("%s\r\n", full_path(path));
            int isdir = (e[j].fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
            if (!MoveFileExA(path, target, isdir ? 0 : MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED)) {
                err_printf("Access is denied.\r\n");
                rc = 1;
                continue;
            }
            if (isdir) dirs++;
            else moved++;
        }
        free(e);
    }
    if (dirs && !moved) out_printf("%9d dir(s) moved.\r\n", dirs);
    else out_printf("%9d file(s) moved.\r\n", moved);
    free_words(&w);
    return rc;
}

int bi_ren(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    if (w.n != 2 || strpbrk(w.v[1], "\\:")) {
        err_printf("The syntax of the command is incorrect.\r\n");
        free_words(&w);
        return 1;
    }
    char dir[MAX_PATH * 2], path[MAX_PATH * 3], target[MAX_PATH * 3], masked[MAX_PATH];
    int n, rc = 0;
    struct entry *e = find_all(w.v[0], 1, 1, &n);
    dir_part(w.v[0], dir, sizeof(dir));
    if (!n) {
        err_printf("The system cannot find the file specified.\r\n");
        rc = 1;
    }
    for (int j = 0; j < n; j++) {
        snprintf(path, sizeof(path), "%s%s", dir, e[j].name);
        apply_mask(w.v[1], e[j].name, masked, sizeof(masked));
        snprintf(target, sizeof(target), "%s%s", dir, masked);
        if (GetFileAttributesA(target) != INVALID_FILE_ATTRIBUTES && !same_file(path, target)) {
            err_printf("A duplicate file name exists, or the file\r\ncannot be found.\r\n");
            rc = 1;
            continue;
        }
        if (!MoveFileA(path, target)) {
            err_printf("Access is denied.\r\n");
            rc = 1;
        }
    }
    free(e);
    free_words(&w);
    return rc;
}

static int make_dirs(const char *path)
{
    char buf[MAX_PATH * 2];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf; *p; p++) if (*p == '/') *p = '\\';
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '\\') buf[--n] = 0;
    if (CreateDirectoryA(buf, NULL)) return 1;
    if (GetLastError() != ERROR_PATH_NOT_FOUND) return 0;
    char *slash = strrchr(buf, '\\');
    if (!slash || slash == buf || (slash == buf + 2 && buf[1] == ':')) return 0;
    *slash = 0;
    if (!make_dirs(buf) && !is_dir(buf)) return 0;
    *slash = '\\';
    return CreateDirectoryA(buf, NULL);
}

int bi_mkdir(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    int rc = 0;
    if (!w.n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        rc = 1;
    }
    for (int i = 0; i < w.n; i++) {
        if (GetFileAttributesA(w.v[i]) != INVALID_FILE_ATTRIBUTES) {
            err_printf("A subdirectory or file %s already exists.\r\n", w.v[i]);
            rc = 1;
        } else if (!make_dirs(w.v[i])) {
            err_printf("The system cannot find the path specified.\r\n");
            rc = 1;
        }
    }
    free_words(&w);
    return rc;
}

static int remove_tree(const char *dir)
{
    char pattern[MAX_PATH * 2], path[MAX_PATH * 3];
    snprintf(pattern, sizeof(pattern), "%s\\*", dir);
    int n, ok = 1;
    struct entry *e = find_all(pattern, 1, 1, &n);
    for (int i = 0; i < n; i++) {
        if (!strcmp(e[i].name, ".") || !strcmp(e[i].name, "..")) continue;
        snprintf(path, sizeof(path), "%s\\%s", dir, e[i].name);
        if (e[i].fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ok &= remove_tree(path);
        else {
            if (e[i].fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY)
                SetFileAttributesA(path, FILE_ATTRIBUTE_NORMAL);
            ok &= DeleteFileA(path) != 0;
        }
    }
    free(e);
    return RemoveDirectoryA(dir) && ok;
}

int bi_rmdir(const char *args, const char *cmdline)
{
    struct words w;
    get_words(args, &w, 0);
    int tree = has_switch(&w, 's'), quiet = has_switch(&w, 'q'), rc = 0;
    if (!w.n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        rc = 1;
    }
    for (int i = 0; i < w.n; i++) {
        if (!is_dir(w.v[i])) {
            err_printf(GetFileAttributesA(w.v[i]) == INVALID_FILE_ATTRIBUTES
                       ? "The system cannot find the file specified.\r\n" : "The directory name is invalid.\r\n");
            rc = 1;
            continue;
        }
        if (tree) {
            char q[MAX_PATH * 2 + 16];
            snprintf(q, sizeof(q), "%s, Are you sure", w.v[i]);
            if (!quiet && !ask_yes(q)) continue;
            if (!remove_tree(w.v[i])) {
                err_printf("Access is denied.\r\n");
                rc = 1;
            }
        } else if (!RemoveDirectoryA(w.v[i])) {
            err_printf(GetLastError() == ERROR_DIR_NOT_EMPTY ? "The directory is not empty.\r\n"
                                                              : "Access is denied.\r\n");
            rc = 1;
        }
    }
    free_words(&w);
    return rc;
}
