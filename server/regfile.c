/* The registry file: $CARAFE_PREFIX/registry.txt, a text format of
 * carafe's own, line by line:
 *
 *     # comments and blank lines are ignored
 *     carafe-registry 1                   first line: format and version
 *     key "Machine" "Software" "Vendor"   a key: its path from the top, one
 *                                         quoted string per component
 *     sz "Name" "text"                    values of the key above:
 *     expand_sz "Path" "%SystemRoot%"       REG_SZ, REG_EXPAND_SZ (terminator implied)
 *     multi_sz "List" "one" "two"           REG_MULTI_SZ (each string terminated,
 *                                           then one more terminator)
 *     dword "Count" 0x0000000a              REG_DWORD (4 bytes)
 *     qword "Big" 0x00000000ffffffff        REG_QWORD (8 bytes)
 *     hex 3 "Blob" 00ff10                   any type (a number) and bytes;
 *                                           what the forms above cannot say
 *     end                                 last line: the file is complete
 *
 * Strings are UTF-8 in double quotes; \\ and \" stand for themselves and
 * \uXXXX for one UTF-16 unit (control characters, unpaired surrogates).
 * The default value is named "".  Every key is written, with or without
 * values; volatile keys are not.  The top keys are "Machine" (HKLM) and
 * "User" (HKU).
 *
 * Saving is atomic: the text goes to registry.txt.tmp, which is fsynced and
 * renamed over registry.txt, then the directory is fsynced; the previous
 * file stays as registry.txt.bak.  A kill -9 at any moment leaves either the
 * old or the new file whole. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "server.h"

#define REGFILE_MAGIC "carafe-registry"
#define REGFILE_VERSION 1

/* ---- writing ---- */

static void put_string(FILE *f, const wchar16 *s, uint32_t len)
{
    fputc('"', f);
    for (uint32_t i = 0; i < len; i++) {
        uint32_t c = s[i];
        if (c == '"' || c == '\\') fprintf(f, "\\%c", (int)c);
        else if (c >= 0x20 && c < 0x7f) fputc((int)c, f);
        else if (c < 0x20 || c == 0x7f) fprintf(f, "\\u%04x", (unsigned)c);
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
            fprintf(f, "%c%c%c%c", 0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f),
                    0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        } else if (c >= 0xd800 && c <= 0xdfff) fprintf(f, "\\u%04x", (unsigned)c);
        else if (c < 0x800) fprintf(f, "%c%c", 0xc0 | (c >> 6), 0x80 | (c & 0x3f));
        else fprintf(f, "%c%c%c", 0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
    fputc('"', f);
}

/* a terminated string without embedded NULs: its length, else -1 */
static long sz_length(const struct value *v)
{
    if (v->size < 2 || v->size & 1) return -1;
    const wchar16 *s = (const wchar16 *)v->data;
    uint32_t n = v->size / 2 - 1;
    if (s[n]) return -1;
    for (uint32_t i = 0; i < n; i++) if (!s[i]) return -1;
    return n;
}

/* strings then an empty one, none empty before the end */
static int is_multi_sz(const struct value *v)
{
    if (v->size < 4 || v->size & 1) return 0;
    const wchar16 *s = (const wchar16 *)v->data;
    uint32_t n = v->size / 2;
    if (s[n - 1] || s[n - 2] || !s[0]) return 0;
    for (uint32_t i = 1; i < n - 1; i++) if (!s[i] && !s[i - 1]) return 0;
    return 1;
}

static void put_value(FILE *f, const struct value *v)
{
    long n;
    if ((v->type == REGT_SZ || v->type == REGT_EXPAND_SZ) && (n = sz_length(v)) >= 0) {
        fputs(v->type == REGT_SZ ? "sz " : "expand_sz ", f);
        put_string(f, v->name, v->name_len);
        fputc(' ', f);
        put_string(f, (const wchar16 *)v->data, (uint32_t)n);
    } else if (v->type == REGT_MULTI_SZ && is_multi_sz(v)) {
        const wchar16 *s = (const wchar16 *)v->data;
        fputs("multi_sz ", f);
        put_string(f, v->name, v->name_len);
        while (*s) {
            uint32_t len = 0;
            while (s[len]) len++;
            fputc(' ', f);
            put_string(f, s, len);
            s += len + 1;
        }
    } else if (v->type == REGT_DWORD && v->size == 4) {
        uint32_t d;
        memcpy(&d, v->data, 4);
        fputs("dword ", f);
        put_string(f, v->name, v->name_len);
        fprintf(f, " 0x%08" PRIx32, d);
    } else if (v->type == REGT_QWORD && v->size == 8) {
        uint64_t q;
        memcpy(&q, v->data, 8);
        fputs("qword ", f);
        put_string(f, v->name, v->name_len);
        fprintf(f, " 0x%016" PRIx64, q);
    } else {
        fprintf(f, "hex %" PRIu32 " ", v->type);
        put_string(f, v->name, v->name_len);
        fputc(' ', f);
        for (uint32_t i = 0; i < v->size; i++) fprintf(f, "%02x", v->data[i]);
    }
    fputc('\n', f);
}

static void put_key(FILE *f, const struct key *k, const struct key **path, int depth)
{
    if (k->is_volatile || depth >= REG_MAX_DEPTH) return;
    if (depth) {
        fputs("key", f);
        for (int i = 1; i <= depth; i++) {
            fputc(' ', f);
            put_string(f, path[i]->name, path[i]->name_len);
        }
        fputc('\n', f);
        for (uint32_t i = 0; i < k->nvalues; i++) put_value(f, &k->values[i]);
    }
    for (uint32_t i = 0; i < k->nsubkeys; i++) {
        path[depth + 1] = k->subkeys[i];
        put_key(f, k->subkeys[i], path, depth + 1);
    }
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= n;
    }
    return 0;
}

int regfile_save(const struct key *root, const char *path)
{
    char *text = NULL, tmp[4200], bak[4200];
    size_t len = 0;
    const struct key *stack[514];
    int fd = -1, ret = -1;
    FILE *f = open_memstream(&text, &len);
    if (!f) goto done;
    fprintf(f, "# carafe registry: the format is described in server/regfile.c\n%s %d\n",
            REGFILE_MAGIC, REGFILE_VERSION);
    stack[0] = root;
    put_key(f, root, stack, 0);
    fputs("end\n", f);
    if (fclose(f)) goto done;

    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    snprintf(bak, sizeof(bak), "%s.bak", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, text, len) || fsync(fd)) goto done;
    close(fd);
    fd = -1;
    /* the previous version stays as .bak (a hard link: never a moment without registry.txt) */
    if (!access(path, F_OK)) {
        unlink(bak);
        if (link(path, bak)) server_log("cannot keep %s: %s", bak, strerror(errno));
    }
    if (rename(tmp, path)) goto done;
    char *dcopy = strdup(path);
    if (dcopy) {
        int dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dcopy);
    }
    ret = 0;
done:
    if (ret) server_log("cannot save the registry to %s: %s", path, strerror(errno));
    if (fd >= 0) close(fd);
    free(text);
    return ret;
}

/* ---- reading ---- */

struct parser {
    const char *path;
    int line;
    char *err;
    size_t errlen;
};

static int fail(struct parser *ps, const char *msg)
{
    snprintf(ps->err, ps->errlen, "%s:%d: %s", ps->path, ps->line, msg);
    return -1;
}

static void skip_space(char **p)
{
    while (**p == ' ' || **p == '\t') (*p)++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* a quoted string into OUT (room for the line's length); its length in units or -1 */
static long get_string(char **pp, wchar16 *out)
{
    unsigned char *p = (unsigned char *)*pp;
    long n = 0;
    skip_space((char **)&p);
    if (*p++ != '"') return -1;
    while (*p != '"') {
        uint32_t c = *p;
        if (!c) return -1;
        if (c == '\\') {
            p++;
            if (*p == '\\' || *p == '"') c = *p++;
            else if (*p == 'u') {
                c = 0;
                for (int i = 1; i <= 4; i++) {
                    int h = hexval(p[i]);
                    if (h < 0) return -1;
                    c = c * 16 + h;
                }
                p += 5;
            } else return -1;
        } else if (c < 0x80) p++;
        else {
            int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
            if (extra < 0 || c >= 0xf8) return -1;
            c &= 0x3f >> extra;
            for (int i = 1; i <= extra; i++) {
                if ((p[i] & 0xc0) != 0x80) return -1;
                c = (c << 6) | (p[i] & 0x3f);
            }
            p += extra + 1;
            if (c >= 0x10000) {
                if (c > 0x10ffff) return -1;
                out[n++] = 0xd800 + ((c - 0x10000) >> 10);
                c = 0xdc00 + ((c - 0x10000) & 0x3ff);
            }
        }
        out[n++] = (wchar16)c;
    }
    *pp = (char *)p + 1;
    return n;
}

static int get_word(char **p, const char *word)
{
    size_t n = strlen(word);
    skip_space(p);
    if (strncmp(*p, word, n) || ((*p)[n] && (*p)[n] != ' ' && (*p)[n] != '\t')) return 0;
    *p += n;
    return 1;
}

static int at_end(char *p)
{
    skip_space(&p);
    return !*p;
}

static int parse_key(struct parser *ps, struct key *root, char *p, wchar16 *buf, struct key **cur)
{
    struct key *k = root;
    int depth = 0;
    while (!at_end(p)) {
        long n = get_string(&p, buf);
        if (n < 0) return fail(ps, "bad key name");
        if (n == 0 || n > CARAFE_MAX_KEY_NAME) return fail(ps, "key name empty or too long");
        for (long i = 0; i < n; i++) if (buf[i] == '\\') return fail(ps, "backslash in a key name");
        struct key *c = key_find_child(k, buf, n);
        if (!c && !(c = key_new(k, buf, n))) return fail(ps, "out of memory");
        k = c;
        depth++;
    }
    if (!depth) return fail(ps, "key without a name");
    *cur = k;
    return 0;
}

static int parse_value(struct parser *ps, struct key *k, char *p, wchar16 *name, wchar16 *buf)
{
    uint32_t type;
    long name_len, n;
    uint8_t *bytes = (uint8_t *)buf;
    size_t size = 0;
    int expand = 0;
    if (get_word(&p, "sz") || (expand = get_word(&p, "expand_sz"))) {
        type = expand ? REGT_EXPAND_SZ : REGT_SZ;
        if ((name_len = get_string(&p, name)) < 0 || (n = get_string(&p, buf)) < 0)
            return fail(ps, "bad string value");
        buf[n] = 0;
        size = (n + 1) * 2;
    } else if (get_word(&p, "multi_sz")) {
        type = REGT_MULTI_SZ;
        if ((name_len = get_string(&p, name)) < 0) return fail(ps, "bad value name");
        n = 0;
        while (!at_end(p)) {
            long m = get_string(&p, buf + n);
            if (m <= 0) return fail(ps, "bad string in a multi_sz value");
            n += m;
            buf[n++] = 0;
        }
        buf[n++] = 0;
        size = n * 2;
    } else if (get_word(&p, "dword") || (expand = get_word(&p, "qword"))) {
        int q = expand;
        char *end;
        type = q ? REGT_QWORD : REGT_DWORD;
        if ((name_len = get_string(&p, name)) < 0) return fail(ps, "bad value name");
        skip_space(&p);
        if (p[0] != '0' || p[1] != 'x') return fail(ps, "bad number");
        errno = 0;
        unsigned long long v = strtoull(p, &end, 16);
        if (errno || end == p || (!q && v > 0xffffffffu)) return fail(ps, "bad number");
        p = end;
        if (q) memcpy(bytes, &v, size = 8);
        else {
            uint32_t d = (uint32_t)v;
            memcpy(bytes, &d, size = 4);
        }
    } else if (get_word(&p, "hex")) {
        char *end;
        skip_space(&p);
        errno = 0;
        unsigned long t = strtoul(p, &end, 10);
        if (errno || end == p || t > 0xffffffffu) return fail(ps, "bad value type");
        type = (uint32_t)t;
        p = end;
        if ((name_len = get_string(&p, name)) < 0) return fail(ps, "bad value name");
        skip_space(&p);
        while (hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
            bytes[size++] = (uint8_t)(hexval(p[0]) * 16 + hexval(p[1]));
            p += 2;
        }
    } else return fail(ps, "unknown line");
    if (!at_end(p)) return fail(ps, "garbage at the end of the line");
    if (!k) return fail(ps, "value before the first key");
    if (name_len > CARAFE_MAX_NAME_BYTES / 2) return fail(ps, "value name too long");
    if (key_set_value(k, name, (uint32_t)name_len, type, bytes, (uint32_t)size)) return fail(ps, "out of memory");
    return 0;
}

int regfile_load(struct key *root, const char *path, char *err, size_t errlen)
{
    struct parser ps = { path, 0, err, errlen };
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    wchar16 *name = NULL, *buf = NULL;
    struct key *cur = NULL;
    int ret = -1, header = 0, ended = 0;
    FILE *f = fopen(path, "re");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        ps.line++;
        if (len && line[len - 1] == '\n') line[--len] = 0;
        if ((size_t)len != strlen(line)) { fail(&ps, "NUL byte in the file"); goto done; }
        char *p = line;
        skip_space(&p);
        if (!*p || *p == '#') continue;
        if (ended) { fail(&ps, "text after \"end\""); goto done; }
        if (!header) {
            if (!get_word(&p, REGFILE_MAGIC)) { fail(&ps, "not a carafe registry file"); goto done; }
            skip_space(&p);
            if (strcmp(p, "1")) { fail(&ps, "unsupported format version"); goto done; }
            header = 1;
            continue;
        }
        free(name);
        free(buf);
        name = malloc((len + 2) * sizeof(wchar16));
        buf = malloc((len + 2) * sizeof(wchar16) + 8);
        if (!name || !buf) { fail(&ps, "out of memory"); goto done; }
        if (get_word(&p, "end")) {
            if (!at_end(p)) { fail(&ps, "garbage after \"end\""); goto done; }
            ended = 1;
        } else if (get_word(&p, "key")) {
            if (parse_key(&ps, root, p, buf, &cur)) goto done;
        } else if (parse_value(&ps, cur, p, name, buf)) goto done;
    }
    if (!header) { ps.line = 1; fail(&ps, "empty or not a carafe registry file"); goto done; }
    if (!ended) { fail(&ps, "the file is truncated (no \"end\" line)"); goto done; }
    ret = 0;
done:
    free(line);
    free(name);
    free(buf);
    fclose(f);
    return ret;
}
