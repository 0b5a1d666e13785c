/* FOR: over a set of words and file names, /l counting, /d directories,
 * /r recursion and /f over lines of files, strings or a command's output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

static int stop(void) { return abort_line || exit_all; }

static void body(struct node *n, char var, const char *value)
{
    if (!for_push(var, value)) return;
    run_node(n->for_body);
    for_pop();
}

static char *expanded(const char *raw)
{
    char *a = subst_for_vars(raw);
    char *b = expand_delayed(a);
    free(a);
    return b;
}

/* each element of the set: a word, or the files (or with /d directories)
 * a wildcard names, in directory dir (NULL: as written) */
static void for_set(struct node *n, const char *set, const char *dir, int dirs)
{
    char **v;
    int c;
    split_args(set, &v, &c);
    for (int i = 0; i < c && !stop(); i++) {
        char *w = v[i];
        char path[MAX_PATH * 3];
        if (!strpbrk(w, "*?")) {
            if (dir) {
                char *d = w, *s = w;
                for (; *s; s++) if (*s != '"') *d++ = *s;
                *d = 0;
                snprintf(path, sizeof(path), "%s\\%s", dir, w);
                if (!strcmp(w, ".")) snprintf(path, sizeof(path), "%s\\.", dir);
                body(n, n->for_var, path);
            } else body(n, n->for_var, w);
            continue;
        }
        char pattern[MAX_PATH * 3], prefix[MAX_PATH * 2];
        char *d = w, *s = w;
        for (; *s; s++) if (*s != '"') *d++ = *s;
        *d = 0;
        if (dir) snprintf(pattern, sizeof(pattern), "%s\\%s", dir, w);
        else snprintf(pattern, sizeof(pattern), "%s", w);
        const char *slash = strrchr(pattern, '\\');
        size_t pl = slash ? (size_t)(slash - pattern + 1) : 0;
        memcpy(prefix, pattern, pl);
        prefix[pl] = 0;
        WIN32_FIND_DATAA fd;
        HANDLE h = FindFirstFileA(pattern, &fd);
        if (h == INVALID_HANDLE_VALUE) continue;
        /* sorted, as NTFS returns them */
        int cnt = 0, cap = 16;
        char **names = xmalloc(cap * sizeof(*names));
        do {
            int isdir = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
            if (isdir != dirs || !strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, "..")) continue;
            if (cnt == cap) names = realloc(names, (cap *= 2) * sizeof(*names));
            names[cnt++] = xstrdup(fd.cFileName);
        } while (FindNextFileA(h, &fd));
        FindClose(h);
        for (int a = 0; a < cnt; a++)
            for (int b = a + 1; b < cnt; b++)
                if (_stricmp(names[a], names[b]) > 0) { char *t = names[a]; names[a] = names[b]; names[b] = t; }
        for (int k = 0; k < cnt; k++) {
            snprintf(path, sizeof(path), "%s%s", prefix, names[k]);
            if (!stop()) body(n, n->for_var, path);
            free(names[k]);
        }
        free(names);
    }
    free_args(v, c);
}

static void for_recursive(struct node *n, const char *root, const char *set)
{
    for_set(n, set, root, 0);
    char pattern[MAX_PATH * 2];
    snprintf(pattern, sizeof(pattern), "%s\\*", root);
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE) return;
    int cnt = 0, cap = 16;
    char **names = xmalloc(cap * sizeof(*names));
    do {
        if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) continue;
        if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, "..")) continue;
        if (cnt == cap) names = realloc(names, (cap *= 2) * sizeof(*names));
        names[cnt++] = xstrdup(fd.cFileName);
    } while (FindNextFileA(h, &fd));
    FindClose(h);
    for (int a = 0; a < cnt; a++)
        for (int b = a + 1; b < cnt; b++)
            if (_stricmp(names[a], names[b]) > 0) { char *t = names[a]; names[a] = names[b]; names[b] = t; }
    for (int k = 0; k < cnt; k++) {
        char sub[MAX_PATH * 2];
        snprintf(sub, sizeof(sub), "%s\\%s", root, names[k]);
        if (!stop()) for_recursive(n, sub, set);
        free(names[k]);
    }
    free(names);
}

struct fopts {
    char delims[64];
    char eol;
    int skip;
    int tokens[32], ntokens, star;
    int usebackq;
};

static void parse_fopts(const char *s, struct fopts *o)
{
    strcpy(o->delims, " \t");
    o->eol = ';';
    o->skip = 0;
    o->ntokens = 1;
    o->tokens[0] = 1;
    o->star = 0;
    o->usebackq = 0;
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", s ? s : "");
    char *p = buf;
    if (*p == '"') { p++; char *q = strrchr(p, '"'); if (q) *q = 0; }
    while (*p) {
        while (*p == ' ') p++;
        if (!_strnicmp(p, "delims=", 7)) {
            p += 7;
            /* delims= runs to the end or to the next option after a space */
            char *end = p;
            while (*end && !(end > p && *end == ' ' &&
                             (!_strnicmp(end + 1, "tokens=", 7) || !_strnicmp(end + 1, "skip=", 5) ||
                              !_strnicmp(end + 1, "eol=", 4) || !_strnicmp(end + 1, "usebackq", 8))))
                end++;
            if (!*end) {
                /* a trailing space belongs to the delimiters only if it is the first */
            }
            size_t l = end - p;
            if (l >= sizeof(o->delims)) l = sizeof(o->delims) - 1;
            memcpy(o->delims, p, l);
            o->delims[l] = 0;
            p = end;
        } else if (!_strnicmp(p, "eol=", 4)) {
            o->eol = p[4];
            p += p[4] ? 5 : 4;
        } else if (!_strnicmp(p, "skip=", 5)) {
            o->skip = atoi(p + 5);
            p += 5;
            while (isdigit((unsigned char)*p)) p++;
        } else if (!_strnicmp(p, "usebackq", 8)) {
            o->usebackq = 1;
            p += 8;
        } else if (!_strnicmp(p, "tokens=", 7)) {
            p += 7;
            o->ntokens = 0;
            while (*p && *p != ' ') {
                if (*p == '*') { o->star = 1; p++; continue; }
                int a = strtol(p, &p, 10), b = a;
                if (*p == '-') { p++; b = strtol(p, &p, 10); }
                for (int t = a; t <= b && o->ntokens < 31; t++) o->tokens[o->ntokens++] = t;
                if (*p == ',') p++;
                else if (*p && *p != ' ' && *p != '*') break;
            }
        } else if (*p) p++;
    }
}

static void for_f_line(struct node *n, const char *line, struct fopts *o)
{
    if (!*line || *line == o->eol) return;
    /* split into tokens; token k starts where the k-th field does */
    const char *starts[64];
    size_t lens[64];
    int nt = 0;
    const char *p = line;
    while (*p && nt < 64) {
        while (*p && strchr(o->delims, *p) && *o->delims) p++;
        if (!*p) break;
        starts[nt] = p;
        while (*p && !(*o->delims && strchr(o->delims, *p))) p++;
        lens[nt] = p - starts[nt];
        nt++;
    }
    int pushed = 0, last = 0;
    char var = n->for_var;
    for (int i = 0; i < o->ntokens; i++) {
        int t = o->tokens[i];
        char *v;
        if (t >= 1 && t <= nt) {
            v = xmalloc(lens[t - 1] + 1);
            memcpy(v, starts[t - 1], lens[t - 1]);
            v[lens[t - 1]] = 0;
        } else v = xstrdup("");
        if (t > last) last = t;
        pushed += for_push((char)(var + i), v);
        free(v);
    }
    if (o->star) {
        const char *rest = "";
        if (last < nt) rest = starts[last];
        pushed += for_push((char)(var + o->ntokens), rest);
    }
    /* a line whose first wanted token is missing runs nothing */
    if (!(o->ntokens && o->tokens[0] > nt && !o->star)) run_node(n->for_body);
    while (pushed--) for_pop();
}

static void for_f_text(struct node *n, char *text, struct fopts *o)
{
    int skip = o->skip;
    for (char *p = text; p && *p && !stop(); ) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r') p[l - 1] = 0;
        if (skip > 0) skip--;
        else for_f_line(n, p, o);
        p = nl ? nl + 1 : NULL;
    }
}

static char *read_file(const char *path)
{
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return NULL;
    DWORD size = GetFileSize(h, NULL), got = 0;
    char *data = xmalloc(size + 1);
    ReadFile(h, data, size, &got, NULL);
    data[got] = 0;
    CloseHandle(h);
    return data;
}

/* the output of a command line, run here with its stdout in a file */
static char *command_output(const char *cmd)
{
    char dir[MAX_PATH], name[MAX_PATH];
    GetTempPathA(sizeof(dir), dir);
    if (!GetTempFileNameA(dir, "cmf", 0, name)) return NULL;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE h = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                           CREATE_ALWAYS, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return NULL;
    HANDLE save = std_h[1];
    std_h[1] = h;
    struct batch *b = cur_batch;
    run_command_line(cmd);
    cur_batch = b;
    std_h[1] = save;
    CloseHandle(h);
    char *out = read_file(name);
    DeleteFileA(name);
    return out;
}

static void for_f(struct node *n, const char *set)
{
    struct fopts o;
    char *opts = n->for_opts ? expanded(n->for_opts) : NULL;
    parse_fopts(opts, &o);
    free(opts);
    const char *s = set;
    while (*s == ' ') s++;
    size_t l = strlen(s);
    while (l && s[l - 1] == ' ') l--;
    char *inner = xmalloc(l + 1);
    memcpy(inner, s, l);
    inner[l] = 0;
    char open = *inner, close = l > 1 ? inner[l - 1] : 0;
    char str_q = o.usebackq ? '\'' : '"', cmd_q = o.usebackq ? '`' : '\'';
    if (l >= 2 && open == str_q && close == str_q) {
        inner[l - 1] = 0;
        for_f_line(n, inner + 1, &o);
    } else if (l >= 2 && open == cmd_q && close == cmd_q) {
        inner[l - 1] = 0;
        char *out = command_output(inner + 1);
        if (out) for_f_text(n, out, &o);
        free(out);
    } else {
        char **v;
        int c;
        split_args(inner, &v, &c);
        for (int i = 0; i < c && !stop(); i++) {
            char *f = v[i];
            size_t fl = strlen(f);
            if (fl >= 2 && f[0] == '"') { f[fl - 1] = 0; f++; }
            char *data = read_file(f);
            if (!data) {
                err_printf("The system cannot find the file %s.\r\n", f);
                errorlevel = 1;
                break;
            }
            for_f_text(n, data, &o);
            free(data);
        }
        free_args(v, c);
    }
    free(inner);
}

void run_for(struct node *n)
{
    char *set = expanded(n->for_set);
    const char *sw = n->for_switch;
    if (!strcmp(sw, "/l")) {
        char **v;
        int c;
        split_args(set, &v, &c);
        long start = c > 0 ? strtol(v[0], NULL, 0) : 0;
        long step = c > 1 ? strtol(v[1], NULL, 0) : 0;
        long end = c > 2 ? strtol(v[2], NULL, 0) : 0;
        free_args(v, c);
        for (long i = start; step > 0 ? i <= end : step < 0 ? i >= end : 0; i += step) {
            char buf[32];
            sprintf(buf, "%ld", i);
            body(n, n->for_var, buf);
            if (stop()) break;
        }
    } else if (!strcmp(sw, "/f")) {
        for_f(n, set);
    } else if (!strcmp(sw, "/r")) {
        char root[MAX_PATH];
        char *r = n->for_opts ? expanded(n->for_opts) : xstrdup(".");
        char *d = r, *s = r;
        for (; *s; s++) if (*s != '"') *d++ = *s;
        *d = 0;
        if (!GetFullPathNameA(r, sizeof(root), root, NULL)) strcpy(root, r);
        size_t rl = strlen(root);
        if (rl > 3 && root[rl - 1] == '\\') root[rl - 1] = 0;
        free(r);
        for_recursive(n, root, set);
    } else {
        for_set(n, set, NULL, !strcmp(sw, "/d"));
    }
    free(set);
}
