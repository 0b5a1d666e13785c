/* Variable expansion: %VAR% and batch parameters when a line is read,
 * FOR variables and !VAR! (delayed expansion) when a command runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include "cmd.h"

struct sb { char *s; size_t len, cap; };

static void sb_addn(struct sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

static void sb_add(struct sb *b, const char *s) { sb_addn(b, s, strlen(s)); }

static char *sb_take(struct sb *b) { return b->s ? b->s : xstrdup(""); }

char *get_var(const char *name)
{
    char small[1];
    DWORD n = GetEnvironmentVariableA(name, small, 1);
    if (n) {
        char *v = xmalloc(n + 1);
        GetEnvironmentVariableA(name, v, n + 1);
        return v;
    }
    char buf[MAX_PATH + 64];
    if (!_stricmp(name, "CD")) {
        GetCurrentDirectoryA(sizeof(buf), buf);
        return xstrdup(buf);
    }
    if (!_stricmp(name, "ERRORLEVEL")) {
        sprintf(buf, "%d", errorlevel);
        return xstrdup(buf);
    }
    if (!_stricmp(name, "RANDOM")) {
        sprintf(buf, "%d", rand() % 32768);
        return xstrdup(buf);
    }
    if (!_stricmp(name, "CMDEXTVERSION")) return xstrdup("2");
    if (!_stricmp(name, "CMDCMDLINE")) return xstrdup(GetCommandLineA());
    if (!_stricmp(name, "HIGHESTNUMANODENUMBER")) return xstrdup("0");
    if (!_stricmp(name, "DATE") || !_stricmp(name, "TIME")) {
        SYSTEMTIME st;
        GetLocalTime(&st);
        if (!_stricmp(name, "DATE"))
            sprintf(buf, "%02d/%02d/%04d", st.wMonth, st.wDay, st.wYear);
        else
            sprintf(buf, "%2d:%02d:%02d.%02d", st.wHour, st.wMinute, st.wSecond, st.wMilliseconds / 10);
        return xstrdup(buf);
    }
    return NULL;
}

static const char *stristr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (!_strnicmp(hay, needle, n)) return hay;
    return NULL;
}

/* NAME, NAME:~start,len or NAME:old=new; NULL if NAME is not defined */
static char *expand_ref(const char *ref)
{
    const char *colon = strchr(ref, ':');
    char *name = colon ? _strdup(ref) : NULL;
    if (!colon) return get_var(ref);
    name[colon - ref] = 0;
    char *value = get_var(name);
    free(name);
    if (!value) return NULL;
    const char *spec = colon + 1;
    int len = (int)strlen(value);
    if (*spec == '~') {
        int start = atoi(spec + 1), count = len;
        const char *comma = strchr(spec, ',');
        if (comma) count = atoi(comma + 1);
        if (start < 0) start += len;
        if (start < 0) start = 0;
        if (start > len) start = len;
        if (count < 0) count = len - start + count;
        if (count < 0) count = 0;
        if (start + count > len) count = len - start;
        char *r = xmalloc(count + 1);
        memcpy(r, value + start, count);
        r[count] = 0;
        free(value);
        return r;
    }
    const char *eq = strchr(spec, '=');
    if (!eq) return value;
    char *old = _strdup(spec);
    old[eq - spec] = 0;
    const char *repl = eq + 1;
    struct sb b = {0};
    int star = old[0] == '*';
    const char *pat = old + star;
    const char *v = value;
    if (!*pat) { free(old); return value; }
    if (star) {
        const char *hit = stristr(v, pat);
        if (hit) {
            sb_add(&b, repl);
            v = hit + strlen(pat);
        }
        sb_add(&b, v);
    } else {
        const char *hit;
        while ((hit = stristr(v, pat))) {
            sb_addn(&b, v, hit - v);
            sb_add(&b, repl);
            v = hit + strlen(pat);
        }
        sb_add(&b, v);
    }
    free(old);
    free(value);
    return sb_take(&b);
}

static const char *batch_arg(int n)
{
    if (!cur_batch || n >= cur_batch->nargs) return "";
    return cur_batch->args[n];
}

char *expand_percent(const char *line, int in_batch)
{
    struct sb b = {0};
    sb_add(&b, "");
    for (const char *p = line; *p; ) {
        if (*p != '%') { sb_addn(&b, p++, 1); continue; }
        if (in_batch && p[1] == '%') { sb_add(&b, "%"); p += 2; continue; }
        if (in_batch && isdigit((unsigned char)p[1])) {
            sb_add(&b, batch_arg(p[1] - '0'));
            p += 2;
            continue;
        }
        if (in_batch && p[1] == '*') {
            if (cur_batch && cur_batch->all_args) sb_add(&b, cur_batch->all_args);
            p += 2;
            continue;
        }
        if (in_batch && p[1] == '~') {
            const char *q = p + 2;
            while (*q && strchr("fdpnxsatzFDPNXSATZ", *q)) q++;
            if (isdigit((unsigned char)*q)) {
                char mods[32];
                size_t n = q - (p + 2);
                if (n >= sizeof(mods)) n = sizeof(mods) - 1;
                memcpy(mods, p + 2, n);
                mods[n] = 0;
                int idx = *q - '0';
                const char *val = batch_arg(idx);
                /* %~dp0 in a called label still names the batch file */
                if (idx == 0 && cur_batch && n) val = cur_batch->path;
                char *r = apply_modifiers(mods, val, idx == 0);
                sb_add(&b, r);
                free(r);
                p = q + 1;
                continue;
            }
        }
        const char *end = strchr(p + 1, '%');
        const char *nl = strchr(p + 1, '\n');
        if (!end || (nl && nl < end) || end == p + 1) {
            if (!in_batch || (end == p + 1)) sb_addn(&b, p, 1);
            p++;
            continue;
        }
        char *ref = xmalloc(end - p);
        memcpy(ref, p + 1, end - p - 1);
        ref[end - p - 1] = 0;
        char *value = expand_ref(ref);
        if (value) {
            sb_add(&b, value);
            free(value);
            p = end + 1;
        } else if (in_batch) {
            /* an undefined variable with :~ or := gives the text after ':' */
            const char *colon = strchr(ref, ':');
            if (colon) sb_add(&b, colon + 1);
            p = end + 1;
        } else {
            /* on the command line an undefined variable stays as typed */
            sb_addn(&b, p, end - p);
            p = end;
        }
        free(ref);
    }
    return sb_take(&b);
}

char *expand_delayed(const char *text)
{
    if (!delayed_expansion || !strchr(text, '!')) return xstrdup(text);
    struct sb b = {0};
    sb_add(&b, "");
    for (const char *p = text; *p; ) {
        if (*p == '^' && p[1] == '!') { sb_add(&b, "!"); p += 2; continue; }
        if (*p != '!') { sb_addn(&b, p++, 1); continue; }
        const char *end = strchr(p + 1, '!');
        if (!end) { p++; continue; }
        char *ref = xmalloc(end - p);
        memcpy(ref, p + 1, end - p - 1);
        ref[end - p - 1] = 0;
        char *value = expand_ref(ref);
        if (value) { sb_add(&b, value); free(value); }
        free(ref);
        p = end + 1;
    }
    return sb_take(&b);
}

/* FOR variables: a stack, the innermost loop last */
static struct { char var; char *value; } for_vars[64];
static int nfor_vars;

int for_push(char var, const char *value)
{
    if (nfor_vars == 64) return 0;
    for_vars[nfor_vars].var = var;
    for_vars[nfor_vars].value = xstrdup(value);
    nfor_vars++;
    return 1;
}

void for_pop(void)
{
    if (nfor_vars) free(for_vars[--nfor_vars].value);
}

static const char *for_value(char var)
{
    for (int i = nfor_vars - 1; i >= 0; i--)
        if (for_vars[i].var == var) return for_vars[i].value;
    return NULL;
}

char *subst_for_vars(const char *text)
{
    if (!nfor_vars || !strchr(text, '%')) return xstrdup(text);
    struct sb b = {0};
    sb_add(&b, "");
    for (const char *p = text; *p; ) {
        if (*p != '%') { sb_addn(&b, p++, 1); continue; }
        const char *v = for_value(p[1]);
        if (v) { sb_add(&b, v); p += 2; continue; }
        if (p[1] == '~') {
            const char *q = p + 2;
            int k = 0, best = -1;
            /* the longest run of modifiers followed by a loop variable */
            for (;; k++) {
                if (q[k] && for_value(q[k])) best = k;
                if (!q[k] || !strchr("fdpnxsatzFDPNXSATZ", q[k])) break;
            }
            if (best >= 0) {
                char mods[32];
                int n = best < 31 ? best : 31;
                memcpy(mods, q, n);
                mods[n] = 0;
                char *r = apply_modifiers(mods, for_value(q[best]), 0);
                sb_add(&b, r);
                free(r);
                p = q + best + 1;
                continue;
            }
        }
        sb_addn(&b, p++, 1);
    }
    return sb_take(&b);
}

/* %~ modifiers: f d p n x s a t z (s is the long name here) */
char *apply_modifiers(const char *mods, const char *value, int is_arg0)
{
    char raw[MAX_PATH * 2];
    size_t n = 0;
    for (const char *v = value; *v && n < sizeof(raw) - 1; v++)
        if (*v != '"') raw[n++] = *v;
    raw[n] = 0;
    int f = 0, d = 0, pth = 0, nm = 0, x = 0, a = 0, t = 0, z = 0;
    for (const char *m = mods; *m; m++) {
        switch (tolower((unsigned char)*m)) {
        case 'f': f = 1; break;
        case 'd': d = 1; break;
        case 'p': pth = 1; break;
        case 'n': nm = 1; break;
        case 'x': x = 1; break;
        case 'a': a = 1; break;
        case 't': t = 1; break;
        case 'z': z = 1; break;
        }
    }
    if (!(f || d || pth || nm || x || a || t || z)) return xstrdup(raw);
    if (!*raw) return xstrdup("");
    char full[MAX_PATH * 2];
    char *filepart;
    if (!GetFullPathNameA(raw, sizeof(full), full, &filepart)) strcpy(full, raw);
    struct sb b = {0};
    sb_add(&b, "");
    WIN32_FILE_ATTRIBUTE_DATA info;
    int have = GetFileAttributesExA(full, GetFileExInfoStandard, &info);
    if (a && have) {
        char attrs[10] = "---------";
        DWORD fa = info.dwFileAttributes;
        if (fa & FILE_ATTRIBUTE_DIRECTORY) attrs[0] = 'd';
        if (fa & FILE_ATTRIBUTE_READONLY) attrs[1] = 'r';
        if (fa & FILE_ATTRIBUTE_ARCHIVE) attrs[2] = 'a';
        if (fa & FILE_ATTRIBUTE_HIDDEN) attrs[3] = 'h';
        if (fa & FILE_ATTRIBUTE_SYSTEM) attrs[4] = 's';
        sb_add(&b, attrs);
    }
    if (t && have) {
        FILETIME lt;
        SYSTEMTIME st;
        char tb[64];
        FileTimeToLocalFileTime(&info.ftLastWriteTime, &lt);
        FileTimeToSystemTime(&lt, &st);
        int h = st.wHour % 12 ? st.wHour % 12 : 12;
        sprintf(tb, "%s%02d/%02d/%04d %02d:%02d %s", b.len ? " " : "", st.wMonth, st.wDay, st.wYear,
                h, st.wMinute, st.wHour < 12 ? "AM" : "PM");
        sb_add(&b, tb);
    }
    if (z && have) {
        char zb[32];
        sprintf(zb, "%s%I64u", b.len ? " " : "",
                ((unsigned long long)info.nFileSizeHigh << 32) | info.nFileSizeLow);
        sb_add(&b, zb);
    }
    if (f || d || pth || nm || x) {
        if (b.len) sb_add(&b, " ");
        if (f && !d && !pth && !nm && !x) { sb_add(&b, full); return sb_take(&b); }
        if (f) d = pth = nm = x = 1;
        char *slash = strrchr(full, '\\');
        char *name = slash ? slash + 1 : full;
        char *dot = strrchr(name, '.');
        if (!dot) dot = name + strlen(name);
        if (d && full[1] == ':') sb_addn(&b, full, 2);
        if (pth && slash) {
            const char *start = full[1] == ':' ? full + 2 : full;
            sb_addn(&b, start, slash + 1 - start);
        }
        if (nm) sb_addn(&b, name, dot - name);
        if (x) sb_add(&b, dot);
    }
    (void)is_arg0;
    return sb_take(&b);
}
