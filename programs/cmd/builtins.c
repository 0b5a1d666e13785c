/* The internal commands that are not about files or variables, IF's
 * conditions, and the table of internal command names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

/* copy of args with trailing white space removed */
static char *trimmed(const char *args)
{
    char *r = xstrdup(skip_ws(args));
    size_t n = strlen(r);
    while (n && (r[n - 1] == ' ' || r[n - 1] == '\t')) r[--n] = 0;
    return r;
}

static int syntax_error(void)
{
    err_printf("The syntax of the command is incorrect.\r\n");
    return 1;
}

static int bi_echo(const char *args, const char *cmdline)
{
    if (!*args) {
        out_printf("ECHO is %s.\r\n", echo_on ? "on" : "off");
        return errorlevel;
    }
    char sep = *args++;
    char *t = trimmed(args);
    if (sep == ' ' || sep == '\t') {
        if (!*t) {
            out_printf("ECHO is %s.\r\n", echo_on ? "on" : "off");
            free(t);
            return errorlevel;
        }
        if (!_stricmp(t, "on") || !_stricmp(t, "off")) {
            echo_on = !_stricmp(t, "on");
            free(t);
            return errorlevel;
        }
    }
    free(t);
    out_str(args);
    out_str("\r\n");
    return errorlevel;
}

static int bi_rem(const char *args, const char *cmdline) { return errorlevel; }
static int bi_cls(const char *args, const char *cmdline) { return errorlevel; }

static int bi_cd(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    char *arg = t;
    int d = 0;
    if (!_strnicmp(arg, "/d", 2) && (!arg[2] || arg[2] == ' ' || arg[2] == '\t')) {
        d = 1;
        arg = (char *)skip_ws(arg + 2);
    }
    /* quotes are removed; a path with spaces needs none */
    char *w = arg, *r = arg;
    for (; *r; r++) if (*r != '"') *w++ = *r;
    *w = 0;
    char cwd[MAX_PATH];
    GetCurrentDirectoryA(sizeof(cwd), cwd);
    if (!*arg) {
        out_printf("%s\r\n", cwd);
        free(t);
        return 0;
    }
    if (arg[1] == ':' && !arg[2]) {
        /* "cd X:" shows that drive's current directory */
        char var[4] = { '=', (char)toupper((unsigned char)arg[0]), ':', 0 }, dir[MAX_PATH];
        if (toupper((unsigned char)cwd[0]) == var[1]) out_printf("%s\r\n", cwd);
        else if (GetEnvironmentVariableA(var, dir, sizeof(dir))) out_printf("%s\r\n", dir);
        else out_printf("%c:\\\r\n", var[1]);
        free(t);
        return 0;
    }
    char full[MAX_PATH];
    if (!GetFullPathNameA(arg, sizeof(full), full, NULL)) strcpy(full, arg);
    size_t n = strlen(full);
    if (n > 3 && full[n - 1] == '\\') full[n - 1] = 0;
    DWORD a = GetFileAttributesA(full);
    if (a == INVALID_FILE_ATTRIBUTES || !(a & FILE_ATTRIBUTE_DIRECTORY)) {
        err_printf(a == INVALID_FILE_ATTRIBUTES ? "The system cannot find the path specified.\r\n"
                                                : "The directory name is invalid.\r\n");
        free(t);
        return 1;
    }
    if (!d && full[1] == ':' && toupper((unsigned char)full[0]) != toupper((unsigned char)cwd[0])) {
        /* another drive: remember it there, stay on this one */
        char var[4] = { '=', (char)toupper((unsigned char)full[0]), ':', 0 };
        SetEnvironmentVariableA(var, full);
        free(t);
        return 0;
    }
    /* success leaves ERRORLEVEL as it was, as Windows does */
    int rc = errorlevel;
    if (!SetCurrentDirectoryA(full)) {
        err_printf("The system cannot find the path specified.\r\n");
        rc = 1;
    } else if (full[1] == ':') {
        char var[4] = { '=', (char)toupper((unsigned char)full[0]), ':', 0 };
        SetEnvironmentVariableA(var, full);
    }
    free(t);
    return rc;
}

static int bi_exit(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    const char *p = t;
    int b = 0;
    if (!_strnicmp(p, "/b", 2) && (!p[2] || p[2] == ' ' || p[2] == '\t')) {
        b = 1;
        p = skip_ws(p + 2);
    }
    int code = *p ? atoi(p) : errorlevel;
    free(t);
    if (b && cur_batch) {
        cur_batch->done = 1;
        abort_line = 1;
        return code;
    }
    exit_all = 1;
    abort_line = 1;
    exit_code = code;
    return code;
}

static int bi_pause(const char *args, const char *cmdline)
{
    char line[256];
    out_str("Press any key to continue . . . ");
    read_line_from(std_h[0], line, sizeof(line));
    out_str("\r\n");
    return errorlevel;
}

static int bi_title(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    SetConsoleTitleA(t);
    free(t);
    return 0;
}

static int bi_ver(const char *args, const char *cmdline)
{
    OSVERSIONINFOA vi = { sizeof(vi) };
    GetVersionExA(&vi);
    out_printf("\r\nMicrosoft Windows [Version %lu.%lu.%lu]\r\n", vi.dwMajorVersion, vi.dwMinorVersion,
               vi.dwBuildNumber);
    return 0;
}

static int verify_flag;

static int bi_verify(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    int rc = 0;
    if (!*t) out_printf("VERIFY is %s.\r\n", verify_flag ? "on" : "off");
    else if (!_stricmp(t, "on")) verify_flag = 1;
    else if (!_stricmp(t, "off")) verify_flag = 0;
    else {
        err_printf("Must specify ON or OFF.\r\n");
        rc = 1;
    }
    free(t);
    return rc;
}

static int bi_path(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    if (*t == '=') memmove(t, t + 1, strlen(t));
    if (!*t) {
        char *v = get_var("PATH");
        if (v) out_printf("PATH=%s\r\n", v);
        else out_str("No Path\r\n");
        free(v);
    } else SetEnvironmentVariableA("PATH", !strcmp(t, ";") ? NULL : t);
    free(t);
    return 0;
}

static char *dir_stack[64];
static int ndir_stack;

static int bi_pushd(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    char cwd[MAX_PATH];
    GetCurrentDirectoryA(sizeof(cwd), cwd);
    int rc = 0;
    if (*t) {
        char buf[MAX_PATH + 8];
        snprintf(buf, sizeof(buf), " /d %s", t);
        rc = bi_cd(buf, NULL);
        if (!rc && ndir_stack < 64) dir_stack[ndir_stack++] = xstrdup(cwd);
    }
    free(t);
    return rc;
}

static int bi_popd(const char *args, const char *cmdline)
{
    if (!ndir_stack) return 0;
    char *d = dir_stack[--ndir_stack];
    SetCurrentDirectoryA(d);
    free(d);
    return 0;
}

static int bi_goto(const char *args, const char *cmdline)
{
    char *t = trimmed(args);
    char *end = t;
    while (*end && !is_delim(*end)) end++;
    *end = 0;
    if (!cur_batch) {
        free(t);
        return errorlevel;
    }
    if (!*t) {
        free(t);
        err_printf("No batch label specified to GOTO command.\r\n");
        return 1;
    }
    int rc = goto_label(t);
    free(t);
    return rc ? 1 : errorlevel;
}

static int bi_call(const char *args, const char *cmdline)
{
    const char *p = skip_ws(args);
    if (!*p) return errorlevel;
    if (*p == ':') {
        const char *e = p;
        while (*e && !is_delim(*e)) e++;
        char label[256];
        snprintf(label, sizeof(label), "%.*s", (int)(e - p), p);
        while (*e && (*e == ' ' || *e == '\t')) e++;
        return call_label(label, e);
    }
    /* CALL expands %variables% a second time */
    char *text = expand_percent(p, cur_batch != NULL);
    const char *q = text;
    char name[MAX_PATH];
    size_t n = 0;
    int quote = 0;
    for (; *q && (quote || (*q != ' ' && *q != '\t')); q++) {
        if (*q == '"') { quote = !quote; continue; }
        if (n < sizeof(name) - 1) name[n++] = *q;
    }
    name[n] = 0;
    char *path = NULL;
    int wl = 0;
    while (isalpha((unsigned char)name[wl])) wl++;
    if (!(wl && (!name[wl] || strchr(".(/\\:+", name[wl])) && find_builtin(name, wl)))
        path = find_executable(name);
    if (path && is_batch_file(path)) {
        char *arg0 = xmalloc(q - text + 1);
        memcpy(arg0, text, q - text);
        arg0[q - text] = 0;
        run_batch(path, arg0, skip_ws(q));
        free(arg0);
    } else {
        run_command_line(text);
    }
    free(path);
    free(text);
    return errorlevel;
}

static int bi_shift(const char *args, const char *cmdline)
{
    if (!cur_batch) return errorlevel;
    const char *p = skip_ws(args);
    int from = 0;
    if (*p == '/' && isdigit((unsigned char)p[1])) from = p[1] - '0';
    struct batch *b = cur_batch;
    if (from >= b->nargs) return errorlevel;
    free(b->args[from]);
    memmove(b->args + from, b->args + from + 1, (b->nargs - from - 1) * sizeof(char *));
    b->nargs--;
    return errorlevel;
}

/* ---- SETLOCAL / ENDLOCAL ---- */

struct saved_env {
    char *block;                /* a copy of GetEnvironmentStrings */
    char cwd[MAX_PATH];
    int delayed;
};
static struct saved_env env_stack[32];
static int nenv_stack;

static char *copy_env_block(void)
{
    char *env = GetEnvironmentStringsA();
    const char *p = env;
    while (*p) p += strlen(p) + 1;
    size_t len = p - env + 1;
    char *copy = xmalloc(len);
    memcpy(copy, env, len);
    FreeEnvironmentStringsA(env);
    return copy;
}

int setlocal_push(void)
{
    if (nenv_stack == 32) return 0;
    struct saved_env *s = &env_stack[nenv_stack++];
    s->block = copy_env_block();
    GetCurrentDirectoryA(sizeof(s->cwd), s->cwd);
    s->delayed = delayed_expansion;
    if (cur_batch) cur_batch->nsetlocal++;
    return 1;
}

int setlocal_pop(void)
{
    if (!nenv_stack) return 0;
    struct saved_env *s = &env_stack[--nenv_stack];
    /* remove what is not in the saved block, then put back every value */
    char *now = copy_env_block();
    for (const char *p = now; *p; p += strlen(p) + 1) {
        const char *eq = strchr(p + 1, '=');
        if (!eq || *p == '=') continue;
        char name[512];
        snprintf(name, sizeof(name), "%.*s", (int)(eq - p), p);
        SetEnvironmentVariableA(name, NULL);
    }
    free(now);
    for (const char *p = s->block; *p; p += strlen(p) + 1) {
        const char *eq = strchr(p + 1, '=');
        if (!eq || *p == '=') continue;
        char name[512];
        snprintf(name, sizeof(name), "%.*s", (int)(eq - p), p);
        SetEnvironmentVariableA(name, eq + 1);
    }
    free(s->block);
    SetCurrentDirectoryA(s->cwd);
    delayed_expansion = s->delayed;
    if (cur_batch && cur_batch->nsetlocal) cur_batch->nsetlocal--;
    return 1;
}

static int bi_setlocal(const char *args, const char *cmdline)
{
    if (!cur_batch) return errorlevel;
    setlocal_push();
    char **v;
    int n;
    split_args(args, &v, &n);
    for (int i = 0; i < n; i++) {
        if (!_stricmp(v[i], "enabledelayedexpansion")) delayed_expansion = 1;
        else if (!_stricmp(v[i], "disabledelayedexpansion")) delayed_expansion = 0;
    }
    free_args(v, n);
    return 0;
}

static int bi_endlocal(const char *args, const char *cmdline)
{
    if (cur_batch && cur_batch->nsetlocal) setlocal_pop();
    return errorlevel;
}

/* ---- IF ---- */

static char *operand(const char *raw)
{
    char *a = subst_for_vars(raw);
    char *b = expand_delayed(a);
    free(a);
    return b;
}

static int parse_number(const char *s, long long *v)
{
    char *end;
    if (!*s) return 0;
    *v = strtoll(s, &end, 0);
    return !*end;
}

static char *unquote(char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        memmove(s, s + 1, n - 2);
        s[n - 2] = 0;
    }
    return s;
}

/* 1 true, 0 false, -1 error (reported) */
int eval_if(struct node *n)
{
    int r = 0;
    char *a = operand(n->if_a ? n->if_a : "");
    if (!strcmp(n->if_kind, "errorlevel")) {
        long long v;
        if (!parse_number(a, &v)) { free(a); syntax_error(); return -1; }
        r = errorlevel >= v;
    } else if (!strcmp(n->if_kind, "cmdextversion")) {
        r = 2 >= atoi(a);
    } else if (!strcmp(n->if_kind, "defined")) {
        char *v = get_var(a);
        r = v != NULL && GetEnvironmentVariableA(a, NULL, 0);
        free(v);
    } else if (!strcmp(n->if_kind, "exist")) {
        WIN32_FIND_DATAA fd;
        unquote(a);
        size_t len = strlen(a);
        if (len && (a[len - 1] == '\\' || a[len - 1] == '/')) {
            DWORD at = GetFileAttributesA(a);
            r = at != INVALID_FILE_ATTRIBUTES && (at & FILE_ATTRIBUTE_DIRECTORY);
        } else if (strpbrk(a, "*?")) {
            HANDLE h = FindFirstFileA(a, &fd);
            r = h != INVALID_HANDLE_VALUE;
            if (r) FindClose(h);
        } else r = *a && GetFileAttributesA(a) != INVALID_FILE_ATTRIBUTES;
    } else {
        char *b = operand(n->if_b ? n->if_b : "");
        const char *op = n->if_op;
        if (!n->if_b || !*n->if_b) { free(a); free(b); syntax_error(); return -1; }
        if (!strcmp(op, "==")) {
            r = n->if_icase ? !_stricmp(a, b) : !strcmp(a, b);
        } else {
            long long x, y;
            int cmp;
            if (parse_number(a, &x) && parse_number(b, &y)) cmp = x < y ? -1 : x > y;
            else cmp = n->if_icase ? _stricmp(a, b) : strcmp(a, b);
            if (!_stricmp(op, "equ")) r = cmp == 0;
            else if (!_stricmp(op, "neq")) r = cmp != 0;
            else if (!_stricmp(op, "lss")) r = cmp < 0;
            else if (!_stricmp(op, "leq")) r = cmp <= 0;
            else if (!_stricmp(op, "gtr")) r = cmp > 0;
            else if (!_stricmp(op, "geq")) r = cmp >= 0;
            else {
                err_printf("%s was unexpected at this time.\r\n", op);
                free(a); free(b);
                errorlevel = 255;
                return -1;
            }
        }
        free(b);
    }
    free(a);
    return n->if_not ? !r : r;
}

static int bi_if_misplaced(const char *args, const char *cmdline) { return syntax_error(); }

static const struct { const char *name; builtin_fn fn; } builtins[] = {
    { "echo", bi_echo }, { "rem", bi_rem }, { "cls", bi_cls }, { "cd", bi_cd }, { "chdir", bi_cd },
    { "exit", bi_exit }, { "pause", bi_pause }, { "title", bi_title }, { "ver", bi_ver },
    { "verify", bi_verify }, { "path", bi_path }, { "pushd", bi_pushd }, { "popd", bi_popd },
    { "goto", bi_goto }, { "call", bi_call }, { "shift", bi_shift }, { "setlocal", bi_setlocal },
    { "endlocal", bi_endlocal }, { "set", bi_set }, { "dir", bi_dir }, { "type", bi_type },
    { "del", bi_del }, { "erase", bi_del }, { "copy", bi_copy }, { "move", bi_move },
    { "ren", bi_ren }, { "rename", bi_ren }, { "md", bi_mkdir }, { "mkdir", bi_mkdir },
    { "rd", bi_rmdir }, { "rmdir", bi_rmdir }, { "if", bi_if_misplaced }, { "for", bi_if_misplaced },
};

builtin_fn find_builtin(const char *word, int len)
{
    for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        if ((int)strlen(builtins[i].name) == len && !_strnicmp(builtins[i].name, word, len))
            return builtins[i].fn;
    return NULL;
}
