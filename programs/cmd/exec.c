/* Running parsed commands: redirection, pipes (every side at once, those
 * that are not plain programs in a child cmd), && || &, external programs
 * (PATH and PATHEXT, CreateProcess) and batch files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

extern int parse_incomplete;

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) { err_printf("out of memory\r\n"); ExitProcess(1); }
    return p;
}

char *xstrdup(const char *s)
{
    char *r = xmalloc(strlen(s) + 1);
    strcpy(r, s);
    return r;
}

int is_delim(char c)
{
    return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '=';
}

/* batch-style argument splitting: delimiters outside quotes; quotes kept */
void split_args(const char *s, char ***argv, int *argc)
{
    int n = 0, cap = 8;
    char **v = xmalloc(cap * sizeof(*v));
    for (;;) {
        while (*s && is_delim(*s)) s++;
        if (!*s) break;
        const char *start = s;
        int quote = 0;
        while (*s && (quote || !is_delim(*s))) {
            if (*s == '"') quote = !quote;
            s++;
        }
        if (n + 1 >= cap) v = realloc(v, (cap *= 2) * sizeof(*v));
        v[n] = xmalloc(s - start + 1);
        memcpy(v[n], start, s - start);
        v[n][s - start] = 0;
        n++;
    }
    v[n] = NULL;
    *argv = v;
    *argc = n;
}

void free_args(char **argv, int argc)
{
    for (int i = 0; i < argc; i++) free(argv[i]);
    free(argv);
}

static int file_exists(const char *path)
{
    DWORD a = GetFileAttributesA(path);
    return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

/* dir\name, or dir\name.EXT for each PATHEXT entry when name has no
 * extension of its own */
static char *try_dir(const char *dir, const char *name, const char *pathext)
{
    char path[MAX_PATH * 2];
    size_t dl = strlen(dir);
    if (dl) snprintf(path, sizeof(path), "%s%s%s", dir, dir[dl - 1] == '\\' ? "" : "\\", name);
    else snprintf(path, sizeof(path), "%s", name);
    const char *base = strrchr(name, '\\');
    base = base ? base + 1 : name;
    if (strchr(base, '.') && file_exists(path)) return full_path(path);
    size_t pl = strlen(path);
    for (const char *e = pathext; *e; ) {
        const char *semi = strchr(e, ';');
        size_t el = semi ? (size_t)(semi - e) : strlen(e);
        if (el && pl + el < sizeof(path)) {
            memcpy(path + pl, e, el);
            path[pl + el] = 0;
            if (file_exists(path)) return full_path(path);
        }
        e += el + (semi != NULL);
    }
    return NULL;
}

char *find_executable(const char *name)
{
    char *pathext = get_var("PATHEXT");
    if (!pathext) pathext = xstrdup(".COM;.EXE;.BAT;.CMD");
    char *found = NULL;
    if (strchr(name, '\\') || strchr(name, '/') || strchr(name, ':')) {
        found = try_dir("", name, pathext);
    } else {
        found = try_dir(".", name, pathext);
        char *path = get_var("PATH");
        for (char *p = path; !found && p && *p; ) {
            char *semi = strchr(p, ';');
            if (semi) *semi = 0;
            char dir[MAX_PATH];
            snprintf(dir, sizeof(dir), "%s", p);
            /* quotes around a PATH entry are allowed */
            char *d = dir;
            if (*d == '"') { d++; char *q = strchr(d, '"'); if (q) *q = 0; }
            if (*d) found = try_dir(d, name, pathext);
            p = semi ? semi + 1 : NULL;
        }
        free(path);
    }
    free(pathext);
    return found;
}

int is_batch_file(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (!_stricmp(dot, ".bat") || !_stricmp(dot, ".cmd"));
}

typedef BOOL (WINAPI *create_process_fn)(LPCSTR, LPSTR, LPSECURITY_ATTRIBUTES, LPSECURITY_ATTRIBUTES,
                                          BOOL, DWORD, LPVOID, LPCSTR, LPSTARTUPINFOA, LPPROCESS_INFORMATION);

/* Found at run time so that cmd still starts where CreateProcess is missing */
static create_process_fn create_process(void)
{
    static create_process_fn fn;
    static int looked;
    if (!looked) {
        looked = 1;
        fn = (create_process_fn)(void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "CreateProcessA");
    }
    return fn;
}

/* Starts an external program with the current standard handles; returns
 * its process handle, or NULL after saying why. */
static HANDLE start_external(const char *path, const char *cmdline)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    create_process_fn fn = create_process();
    if (!fn) {
        err_printf("'%s' cannot be run: CreateProcess is not available.\r\n", path);
        return NULL;
    }
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = std_h[0];
    si.hStdOutput = std_h[1];
    si.hStdError = std_h[2];
    char *line = xstrdup(cmdline);
    BOOL ok = fn(path, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    free(line);
    if (!ok) {
        err_printf("'%s' cannot be run (error %lu).\r\n", path, GetLastError());
        return NULL;
    }
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

static int wait_external(HANDLE process)
{
    DWORD code = 0;
    if (!process) return 9009;
    WaitForSingleObject(process, INFINITE);
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    return (int)code;
}

static int run_external(const char *path, const char *cmdline)
{
    return wait_external(start_external(path, cmdline));
}

/* C: D: ... alone changes the current drive */
static int change_drive(const char *text)
{
    char var[4] = { '=', (char)toupper((unsigned char)text[0]), ':', 0 };
    char dir[MAX_PATH];
    if (!GetEnvironmentVariableA(var, dir, sizeof(dir))) snprintf(dir, sizeof(dir), "%c:\\", var[1]);
    if (!SetCurrentDirectoryA(dir)) {
        err_printf("The system cannot find the drive specified.\r\n");
        return 1;
    }
    return 0;
}

/* For a pipe: the expanded text and program path when the simple command
 * RAW runs an external program (not a builtin, a batch file or a drive
 * change); NULL otherwise. */
static char *external_of(const char *raw, char **path_out)
{
    char *t1 = subst_for_vars(raw);
    char *text = expand_delayed(t1);
    free(t1);
    const char *p = text;
    while (*p == ' ' || *p == '\t' || *p == '@' || *p == ',' || *p == ';' || *p == '=') p++;
    int wl = 0;
    while (isalpha((unsigned char)p[wl])) wl++;
    char c = p[wl];
    if (!*p || *p == ':' || (wl && (!c || strchr(" \t.,;=/\\(:+[]\"", c)) && find_builtin(p, wl))) {
        free(text);
        return NULL;
    }
    char name[MAX_PATH * 2];
    size_t n = 0;
    int quote = 0;
    for (const char *q = p; *q && (quote || (*q != ' ' && *q != '\t')); q++) {
        if (*q == '"') { quote = !quote; continue; }
        if (!quote && *q == '/' && n) break;
        if (n < sizeof(name) - 1) name[n++] = *q;
    }
    name[n] = 0;
    char *path = (n == 2 && name[1] == ':') ? NULL : find_executable(name);
    if (!path || is_batch_file(path)) {
        free(path);
        free(text);
        return NULL;
    }
    memmove(text, p, strlen(p) + 1);
    *path_out = path;
    return text;
}

static void run_simple(const char *raw)
{
    char *text = subst_for_vars(raw);
    char *t2 = expand_delayed(text);
    free(text);
    text = t2;
    const char *p = text;
    while (*p == ' ' || *p == '\t' || *p == '@' || *p == ',' || *p == ';' || *p == '=') p++;
    if (!*p || *p == ':') { free(text); return; }
    /* a builtin name may be followed directly by . / \ ( : + and so on */
    int wl = 0;
    while (isalpha((unsigned char)p[wl])) wl++;
    builtin_fn fn = NULL;
    if (wl) {
        char c = p[wl];
        if (!c || strchr(" \t.,;=/\\(:+[]\"", c)) fn = find_builtin(p, wl);
    }
    if (fn) {
        errorlevel = fn(p + wl, p);
        free(text);
        return;
    }
    /* the command name: up to white space, quotes grouping */
    char name[MAX_PATH * 2];
    size_t n = 0;
    int quote = 0;
    const char *q = p;
    const char *word = p;
    for (; *q && (quote || (*q != ' ' && *q != '\t')); q++) {
        if (*q == '"') { quote = !quote; continue; }
        if (!quote && (*q == '/' ) && n) break;
        if (n < sizeof(name) - 1) name[n++] = *q;
    }
    name[n] = 0;
    if (n == 2 && name[1] == ':' && isalpha((unsigned char)name[0])) {
        errorlevel = change_drive(name);
        free(text);
        return;
    }
    char *path = find_executable(name);
    if (!path) {
        err_printf("'%s' is not recognized as an internal or external command,\r\n"
                   "operable program or batch file.\r\n", name);
        errorlevel = 9009;
    } else if (is_batch_file(path)) {
        struct batch *caller = cur_batch;
        char *arg0 = xmalloc(q - word + 1);
        memcpy(arg0, word, q - word);
        arg0[q - word] = 0;
        while (*q == ' ' || *q == '\t') q++;
        run_batch(path, arg0, q);
        free(arg0);
        /* a batch file started without CALL does not return to its caller */
        if (caller) { caller->done = 1; abort_line = 1; }
    } else {
        errorlevel = run_external(path, p);
    }
    free(path);
    free(text);
}

static HANDLE open_target(const char *name, int fd, int append)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE h;
    if (fd == 0)
        h = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    else
        h = CreateFileA(name, GENERIC_WRITE | GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                        append ? OPEN_ALWAYS : CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE && append) SetFilePointer(h, 0, NULL, FILE_END);
    return h;
}

/* applies n's redirections; saved receives the handles to put back */
static int push_redirs(struct redir *r, HANDLE saved[3], HANDLE opened[16], int *nopened)
{
    memcpy(saved, std_h, sizeof(std_h));
    *nopened = 0;
    for (; r; r = r->next) {
        if (r->fd > 2) continue;
        if (r->dup_fd >= 0) {
            if (r->dup_fd <= 2) std_h[r->fd] = std_h[r->dup_fd];
            continue;
        }
        char *t1 = subst_for_vars(r->target);
        char *name = expand_delayed(t1);
        free(t1);
        size_t len = strlen(name);
        if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
            memmove(name, name + 1, len - 2);
            name[len - 2] = 0;
        }
        HANDLE h = open_target(name, r->fd, r->append);
        if (h == INVALID_HANDLE_VALUE) {
            DWORD e = GetLastError();
            memcpy(std_h, saved, sizeof(std_h));
            if (!*name) err_printf("The syntax of the command is incorrect.\r\n");
            else if (e == ERROR_FILE_NOT_FOUND) err_printf("The system cannot find the file specified.\r\n");
            else if (e == ERROR_PATH_NOT_FOUND) err_printf("The system cannot find the path specified.\r\n");
            else err_printf("Access is denied.\r\n");
            free(name);
            for (int i = 0; i < *nopened; i++) CloseHandle(opened[i]);
            *nopened = 0;
            return 0;
        }
        free(name);
        if (*nopened < 16) opened[(*nopened)++] = h;
        std_h[r->fd] = h;
    }
    return 1;
}

static void pop_redirs(HANDLE saved[3], HANDLE opened[16], int nopened)
{
    memcpy(std_h, saved, sizeof(std_h));
    for (int i = 0; i < nopened; i++) CloseHandle(opened[i]);
}

/* The cmd that runs a side of a pipe: %ComSpec% as on Windows, else this
 * program. */
static char *cmd_path(void)
{
    char *path = get_var("ComSpec");
    if (path && GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES) return path;
    free(path);
    char self[MAX_PATH];
    DWORD n = GetModuleFileNameA(NULL, self, sizeof(self));
    return xstrdup(n && n < sizeof(self) ? self : "cmd.exe");
}

/* The text of a side that is not a plain program, as its child cmd gets
 * it: FOR variables substituted and one level of ^ escapes taken off (this
 * cmd parsed the line already), delayed !variables! left to the child,
 * which runs with delayed expansion off. */
static char *side_text(struct node *n)
{
    char *t = subst_for_vars(n->src ? n->src : n->text ? n->text : "");
    char *w = t;
    int quote = 0;
    for (const char *r = t; *r; r++) {
        if (*r == '"') quote = !quote;
        else if (*r == '^' && !quote) {
            if (!*++r) break;
            if (*r == '\n') continue;
        }
        *w++ = *r;
    }
    *w = 0;
    return t;
}

/* Starts one side of a pipe with the current standard handles: a plain
 * external program directly (its redirections applied here), anything
 * else as Windows does, in "%ComSpec% /S /D /c" text"", so that both sides
 * run at the same time and a side's SET or CD stays in its own process.
 * Returns the process, or NULL after saying why. */
static HANDLE start_side(struct node *n)
{
    HANDLE saved[3], opened[16], proc = NULL;
    int nopened;
    char *path = NULL, *text = n->kind == N_CMD ? external_of(n->text, &path) : NULL;
    if (text) {
        if (push_redirs(n->redirs, saved, opened, &nopened)) {
            proc = start_external(path, text);
            pop_redirs(saved, opened, nopened);
        }
        free(text);
        free(path);
        return proc;
    }
    path = cmd_path();
    char *side = side_text(n);
    text = xmalloc(strlen(path) + strlen(side) + 32);
    sprintf(text, strchr(path, ' ') ? "\"%s\"  /S /D /c\" %s\"" : "%s  /S /D /c\" %s\"", path, side);
    /* a CALL :label on the side finds the label in this batch file */
    const char *batch = cur_batch ? cur_batch->path : pipe_batch;
    if (batch) SetEnvironmentVariableA(PIPE_BATCH_VAR, batch);
    proc = start_external(path, text);
    if (batch) SetEnvironmentVariableA(PIPE_BATCH_VAR, NULL);
    free(side);
    free(text);
    free(path);
    return proc;
}

/* the sides of a|b|c from left to right (the parser nests to the left) */
static int pipe_sides(struct node *n, struct node **sides, int max)
{
    if (n->kind != N_PIPE) {
        if (max < 1) return 0;
        sides[0] = n;
        return 1;
    }
    int count = n->left ? pipe_sides(n->left, sides, max) : 0;
    if (n->right && count < max) sides[count++] = n->right;
    return count;
}

#define MAX_PIPE_SIDES 64

/* All sides of a pipe run at the same time, joined by anonymous pipes; the
 * errorlevel is the last side's exit code. */
static void run_pipe(struct node *n)
{
    struct node *sides[MAX_PIPE_SIDES];
    HANDLE procs[MAX_PIPE_SIDES];
    int count = pipe_sides(n, sides, MAX_PIPE_SIDES);
    HANDLE save_in = std_h[0], save_out = std_h[1];
    HANDLE in = NULL;   /* read end of the previous pipe */
    int failed = 0;
    /* an end is inheritable only while its own side starts: a writer
     * holding the read end would never see the reader go away */
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, FALSE };
    for (int i = 0; i < count; i++) {
        HANDLE r = NULL, w = NULL;
        procs[i] = NULL;
        if (i < count - 1 && !CreatePipe(&r, &w, &sa, 0)) {
            err_printf("The process tried to write to a nonexistent pipe.\r\n");
            failed = 1;
            count = i;
            break;
        }
        if (in) SetHandleInformation(in, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
        if (w) SetHandleInformation(w, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
        std_h[0] = in ? in : save_in;
        std_h[1] = w ? w : save_out;
        procs[i] = start_side(sides[i]);
        std_h[0] = save_in;
        std_h[1] = save_out;
        /* the reader sees the end when the writer exits */
        if (in) CloseHandle(in);
        if (w) CloseHandle(w);
        in = r;
    }
    if (in) CloseHandle(in);
    int code = 9009;
    for (int i = 0; i < count; i++) {
        int c = wait_external(procs[i]);
        if (i == count - 1) code = c;
    }
    errorlevel = failed ? 1 : code;
}

void run_node(struct node *n)
{
    if (!n || abort_line || exit_all) return;
    HANDLE saved[3], opened[16];
    int nopened = 0;
    if (n->redirs && !push_redirs(n->redirs, saved, opened, &nopened)) {
        errorlevel = 1;
        return;
    }
    switch (n->kind) {
    case N_CMD: run_simple(n->text); break;
    case N_BLOCK: run_node(n->left); break;
    case N_SEQ: run_node(n->left); run_node(n->right); break;
    case N_AND:
        run_node(n->left);
        if (!errorlevel) run_node(n->right);
        break;
    case N_OR:
        run_node(n->left);
        if (errorlevel) run_node(n->right);
        break;
    case N_PIPE: run_pipe(n); break;
    case N_IF: {
        int r = eval_if(n);
        if (r < 0) break;
        if (r) run_node(n->if_then);
        else run_node(n->if_else);
        break;
    }
    case N_FOR: run_for(n); break;
    }
    if (n->redirs) pop_redirs(saved, opened, nopened);
}

/* a command line that is already %-expanded; several lines of a block are
 * joined with '\n' */
void run_command_line(const char *line)
{
    struct node *n = parse_line(line, NULL);
    if (!n) {
        err_printf("The syntax of the command is incorrect.\r\n");
        errorlevel = 255;
        return;
    }
    run_node(n);
    free_node(n);
}

/* ---- batch files ---- */

static char **read_lines(const char *path, int *count)
{
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return NULL;
    DWORD size = GetFileSize(h, NULL), got = 0;
    char *data = xmalloc(size + 1);
    ReadFile(h, data, size, &got, NULL);
    CloseHandle(h);
    data[got] = 0;
    int n = 0, cap = 64;
    char **lines = xmalloc(cap * sizeof(*lines));
    for (char *p = data; *p; ) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof(*lines));
        lines[n] = xmalloc(len + 1);
        memcpy(lines[n], p, len);
        lines[n][len] = 0;
        if (len && lines[n][len - 1] == '\r') lines[n][len - 1] = 0;
        n++;
        if (!nl) break;
        p = nl + 1;
    }
    free(data);
    *count = n;
    return lines;
}

static void print_prompt_line(const char *line)
{
    char cwd[MAX_PATH];
    GetCurrentDirectoryA(sizeof(cwd), cwd);
    out_printf("\r\n%s>%s\r\n", cwd, line);
}

/* runs the lines of the current batch context until it ends */
static void batch_loop(struct batch *b)
{
    while (!b->done && !exit_all && b->pos < b->nlines) {
        const char *raw = b->lines[b->pos++];
        const char *s = raw;
        while (*s == ' ' || *s == '\t') s++;
        if (*s == ':') continue;
        char *line = expand_percent(raw, 1);
        struct node *n = parse_line(line, NULL);
        while (parse_incomplete && b->pos < b->nlines) {
            free_node(n);
            char *more = expand_percent(b->lines[b->pos++], 1);
            char *joined = xmalloc(strlen(line) + strlen(more) + 2);
            sprintf(joined, "%s\n%s", line, more);
            free(line);
            free(more);
            line = joined;
            n = parse_line(line, NULL);
        }
        const char *t = line;
        while (*t == ' ' || *t == '\t') t++;
        if (echo_on && *t != '@' && *t) print_prompt_line(t);
        if (n) run_node(n);
        else { err_printf("The syntax of the command is incorrect.\r\n"); errorlevel = 255; }
        free_node(n);
        free(line);
        if (!exit_all) abort_line = 0;
    }
}

static struct batch *new_context(const char *path, char **lines, int nlines, const char *args)
{
    struct batch *b = calloc(1, sizeof(*b));
    b->path = xstrdup(path);
    b->lines = lines;
    b->nlines = nlines;
    b->all_args = xstrdup(args ? args : "");
    char **v;
    int n;
    split_args(b->all_args, &v, &n);
    b->args = xmalloc((n + 2) * sizeof(char *));
    b->args[0] = NULL;
    for (int i = 0; i < n; i++) b->args[i + 1] = v[i];
    free(v);
    b->nargs = n + 1;
    b->prev = cur_batch;
    return b;
}

static void end_context(struct batch *b, int free_lines)
{
    while (b->nsetlocal > 0) setlocal_pop();
    cur_batch = b->prev;
    for (int i = 0; i < b->nargs; i++) free(b->args[i]);
    free(b->args);
    if (free_lines) {
        for (int i = 0; i < b->nlines; i++) free(b->lines[i]);
        free(b->lines);
    }
    free(b->all_args);
    free(b->path);
    free(b);
}

int run_batch(const char *path, const char *arg0, const char *args)
{
    int nlines;
    char **lines = read_lines(path, &nlines);
    if (!lines) {
        err_printf("The system cannot find the batch file specified.\r\n");
        errorlevel = 1;
        return 1;
    }
    struct batch *b = new_context(path, lines, nlines, args);
    b->args[0] = xstrdup(arg0);
    cur_batch = b;
    batch_loop(b);
    end_context(b, 1);
    if (!exit_all) abort_line = 0;
    return errorlevel;
}

/* finds :label from the current line on, then from the top */
static int find_label(struct batch *b, const char *label)
{
    size_t len = strlen(label);
    for (int pass = 0; pass < 2; pass++) {
        int from = pass ? 0 : b->pos, to = pass ? b->pos : b->nlines;
        for (int i = from; i < to; i++) {
            const char *s = b->lines[i];
            while (*s == ' ' || *s == '\t' || *s == '@') s++;
            if (*s != ':') continue;
            s++;
            if (!_strnicmp(s, label, len) && (!s[len] || is_delim(s[len]) || s[len] == ':' || s[len] == '+'))
                return i + 1;
        }
    }
    return -1;
}

int goto_label(const char *label)
{
    if (!cur_batch) return 0;
    if (*label == ':') label++;
    if (!_stricmp(label, "eof")) {
        cur_batch->done = 1;
        abort_line = 1;
        return 0;
    }
    int pos = find_label(cur_batch, label);
    if (pos < 0) {
        err_printf("The system cannot find the batch label specified - %s\r\n", label);
        cur_batch->done = 1;
        abort_line = 1;
        return 1;
    }
    cur_batch->pos = pos;
    abort_line = 1;
    return 0;
}

/* In a batch file, or in the child cmd of a pipe started from one (which
 * reads the file again: it has only the parent's file name). */
int call_label(const char *label, const char *args)
{
    struct batch *parent = cur_batch;
    char **lines = NULL;
    int nlines = 0;
    const char *path = NULL;
    if (parent) {
        path = parent->path;
        lines = parent->lines;
        nlines = parent->nlines;
    } else if (pipe_batch && (lines = read_lines(pipe_batch, &nlines))) {
        path = pipe_batch;
    } else {
        err_printf("Invalid attempt to call batch label outside of batch script.\r\n");
        return 1;
    }
    char name[256];
    snprintf(name, sizeof(name), "%s", label);
    struct batch *b = new_context(path, lines, nlines, args);
    b->args[0] = xstrdup(name);
    b->pos = parent ? parent->pos : 0;
    int pos = find_label(b, name + 1);
    if (pos < 0) {
        err_printf("The system cannot find the batch label specified - %s\r\n", name + 1);
        end_context(b, !parent);
        return 1;
    }
    b->pos = pos;
    cur_batch = b;
    batch_loop(b);
    end_context(b, !parent);
    if (!exit_all) abort_line = 0;
    return errorlevel;
}
