/* SET: list, assign, delete, /a arithmetic and /p prompt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

static int cmp_ci(const void *a, const void *b)
{
    return _stricmp(*(const char *const *)a, *(const char *const *)b);
}

/* the variables whose names start with prefix, sorted; 0 if none */
static int list_vars(const char *prefix)
{
    char *env = GetEnvironmentStringsA();
    int n = 0, cap = 64, shown = 0;
    char **v = xmalloc(cap * sizeof(*v));
    for (char *p = env; *p; p += strlen(p) + 1) {
        if (*p == '=') continue;
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof(*v));
        v[n++] = p;
    }
    qsort(v, n, sizeof(*v), cmp_ci);
    size_t pl = strlen(prefix);
    for (int i = 0; i < n; i++) {
        if (pl && _strnicmp(v[i], prefix, pl)) continue;
        out_printf("%s\r\n", v[i]);
        shown++;
    }
    free(v);
    FreeEnvironmentStringsA(env);
    return shown;
}

/* ---- /a: a small recursive-descent evaluator, C precedence ---- */

struct arith {
    const char *p;
    int error;                  /* 1 syntax, 2 division by zero */
    int print_only;
};

static void ws(struct arith *a)
{
    while (*a->p == ' ' || *a->p == '\t' || *a->p == '"') a->p++;
}

static long var_value(const char *name)
{
    char *v = get_var(name);
    long r = v ? strtol(v, NULL, 0) : 0;
    free(v);
    return r;
}

static void set_number(const char *name, long v)
{
    char buf[32];
    sprintf(buf, "%ld", v);
    SetEnvironmentVariableA(name, buf);
}

static long expr_assign(struct arith *a);

static int read_name(struct arith *a, char *name, size_t size)
{
    size_t n = 0;
    while (*a->p && !strchr(" \t\"()!~-+*/%<>&^|=,", *a->p)) {
        if (n < size - 1) name[n++] = *a->p;
        a->p++;
    }
    name[n] = 0;
    return n > 0;
}

static long primary(struct arith *a)
{
    ws(a);
    char c = *a->p;
    if (c == '(') {
        a->p++;
        long v = expr_assign(a);
        ws(a);
        if (*a->p == ')') a->p++;
        else a->error = 1;
        return v;
    }
    if (c == '!') { a->p++; return !primary(a); }
    if (c == '~') { a->p++; return ~primary(a); }
    if (c == '-') { a->p++; return -primary(a); }
    if (c == '+') { a->p++; return primary(a); }
    if (isdigit((unsigned char)c)) {
        char *end;
        long v = strtol(a->p, &end, 0);
        a->p = end;
        return v;
    }
    char name[256];
    if (!read_name(a, name, sizeof(name))) { a->error = 1; return 0; }
    return var_value(name);
}

static long mul(struct arith *a)
{
    long v = primary(a);
    for (;;) {
        ws(a);
        char c = *a->p;
        if ((c != '*' && c != '/' && c != '%') || a->p[1] == '=') return v;
        a->p++;
        long r = primary(a);
        if (c == '*') v *= r;
        else if (!r) { a->error = 2; return 0; }
        else v = c == '/' ? v / r : v % r;
    }
}

static long add(struct arith *a)
{
    long v = mul(a);
    for (;;) {
        ws(a);
        char c = *a->p;
        if ((c != '+' && c != '-') || a->p[1] == '=') return v;
        a->p++;
        long r = mul(a);
        v = c == '+' ? v + r : v - r;
    }
}

static long shift(struct arith *a)
{
    long v = add(a);
    for (;;) {
        ws(a);
        if (a->p[0] == '<' && a->p[1] == '<' && a->p[2] != '=') { a->p += 2; v <<= add(a); }
        else if (a->p[0] == '>' && a->p[1] == '>' && a->p[2] != '=') { a->p += 2; v >>= add(a); }
        else return v;
    }
}

static long band(struct arith *a)
{
    long v = shift(a);
    for (;;) {
        ws(a);
        if (*a->p != '&' || a->p[1] == '=') return v;
        a->p++;
        v &= shift(a);
    }
}

static long bxor(struct arith *a)
{
    long v = band(a);
    for (;;) {
        ws(a);
        if (*a->p != '^' || a->p[1] == '=') return v;
        a->p++;
        v ^= band(a);
    }
}

static long bor(struct arith *a)
{
    long v = bxor(a);
    for (;;) {
        ws(a);
        if (*a->p != '|' || a->p[1] == '=') return v;
        a->p++;
        v |= bxor(a);
    }
}

/* NAME op= expr, or an expression */
static long expr_assign(struct arith *a)
{
    ws(a);
    const char *start = a->p;
    char name[256];
    if (!isdigit((unsigned char)*a->p) && read_name(a, name, sizeof(name))) {
        ws(a);
        static const char *const ops[] = { "<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "=" };
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            size_t l = strlen(ops[i]);
            if (strncmp(a->p, ops[i], l) || (l == 1 && a->p[1] == '=')) continue;
            a->p += l;
            long r = expr_assign(a), v = var_value(name);
            switch (ops[i][0]) {
            case '<': v <<= r; break;
            case '>': v >>= r; break;
            case '*': v *= r; break;
            case '/': case '%':
                if (!r) { a->error = 2; return 0; }
                v = ops[i][0] == '/' ? v / r : v % r;
                break;
            case '+': v += r; break;
            case '-': v -= r; break;
            case '&': v &= r; break;
            case '^': v ^= r; break;
            case '|': v |= r; break;
            default: v = r; break;
            }
            if (!a->error) set_number(name, v);
            return v;
        }
        a->p = start;
    }
    return bor(a);
}

static int set_arith(const char *expr)
{
    struct arith a = { expr, 0, 0 };
    long v = 0;
    for (;;) {
        v = expr_assign(&a);
        ws(&a);
        if (a.error || *a.p != ',') break;
        a.p++;
    }
    ws(&a);
    if (!a.error && *a.p) a.error = 1;
    if (a.error == 2) {
        err_printf("Divide by zero error.\r\n");
        return 1073750993;
    }
    if (a.error) {
        err_printf("Missing operand.\r\n");
        return 1073750990;
    }
    /* on the command line SET /A shows the value */
    if (!cur_batch) out_printf("%ld", v);
    return 0;
}

static int set_prompt(const char *arg)
{
    char *t = xstrdup(arg);
    if (*t == '"') {
        char *last = strrchr(t + 1, '"');
        if (last) *last = 0;
        memmove(t, t + 1, strlen(t));
    }
    char *eq = strchr(t, '=');
    if (!eq || eq == t) {
        free(t);
        err_printf("The syntax of the command is incorrect.\r\n");
        return 1;
    }
    *eq = 0;
    out_str(eq + 1);
    char line[CMD_MAX_LINE];
    int n = read_line_from(std_h[0], line, sizeof(line));
    int rc = 0;
    if (n <= 0) rc = 1;
    else SetEnvironmentVariableA(t, line);
    free(t);
    return rc;
}

int bi_set(const char *args, const char *cmdline)
{
    const char *p = args;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '/' && (p[1] == 'a' || p[1] == 'A') && (!p[2] || p[2] == ' ' || p[2] == '\t'))
        return set_arith(p + 2);
    if (*p == '/' && (p[1] == 'p' || p[1] == 'P') && (!p[2] || p[2] == ' ' || p[2] == '\t')) {
        p += 2;
        while (*p == ' ' || *p == '\t') p++;
        return set_prompt(p);
    }
    char *t = xstrdup(p);
    if (*t == '"') {
        /* set "NAME=value" ends at the last quote */
        char *last = strrchr(t + 1, '"');
        if (last) *last = 0;
        memmove(t, t + 1, strlen(t));
    } else {
        size_t n = strlen(t);
        while (n && (t[n - 1] == '\r' || t[n - 1] == '\n')) t[--n] = 0;
    }
    char *eq = strchr(t, '=');
    int rc = 0;
    if (!*t) {
        list_vars("");
    } else if (!eq) {
        size_t n = strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) t[--n] = 0;
        if (!list_vars(t)) {
            err_printf("Environment variable %s not defined\r\n", t);
            rc = 1;
        }
    } else if (eq == t) {
        err_printf("The syntax of the command is incorrect.\r\n");
        rc = 1;
    } else {
        *eq = 0;
        SetEnvironmentVariableA(t, eq[1] ? eq + 1 : NULL);
        rc = errorlevel;
    }
    free(t);
    return rc;
}
