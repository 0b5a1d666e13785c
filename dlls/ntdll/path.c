/* Windows paths <-> Unix paths (DESIGN decision 10): drive letters through
 * $CARAFE_PREFIX/dosdevices, case-insensitive lookup component by component. */
#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "carafe/ntdll.h"
#include "ntdll_private.h"

static char *drive_roots[26];

const char *carafe_drive_root(int letter)
{
    if (letter >= 'a' && letter <= 'z') letter -= 32;
    if (letter < 'A' || letter > 'Z') return NULL;
    int i = letter - 'A';
    if (!drive_roots[i]) {
        char link[PATH_MAX];
        char lower = 'a' + i;
        snprintf(link, sizeof(link), "%s/dosdevices/%c:", carafe_prefix(), lower);
        char *root = realpath(link, NULL);
        if (!root) return NULL;
        if (!strcmp(root, "/")) root[0] = 0;   /* so root + "/rest" is right */
        drive_roots[i] = root;
    }
    return drive_roots[i];
}

/* Find NAME in DIR ignoring case; copies the real name to OUT. */
static int find_nocase(const char *dir, const char *name, char *out, size_t outsize)
{
    DIR *d = opendir(*dir ? dir : "/");
    struct dirent *de;
    int found = 0;
    if (!d) return 0;
    while ((de = readdir(d))) {
        if (!strcasecmp(de->d_name, name) && strlen(de->d_name) < outsize) {
            strcpy(out, de->d_name);
            found = 1;
            break;
        }
    }
    closedir(d);
    return found;
}

/* Resolve case differences in an existing prefix of PATH, in place. */
static void fix_case(char *path, size_t size)
{
    struct stat st;
    if (!lstat(path, &st)) return;
    char *p = path;
    if (*p == '/') p++;
    while (*p) {
        char *slash = strchr(p, '/');
        if (slash) *slash = 0;
        char save = *p;
        *p = 0;
        const char *dir = p == path ? "." : path;
        char dirbuf[PATH_MAX];
        if (p > path && p - 1 > path) { memcpy(dirbuf, path, p - 1 - path); dirbuf[p - 1 - path] = 0; dir = dirbuf; }
        else if (p - 1 == path) dir = "/";
        *p = save;
        if (lstat(path, &st)) {
            char real[256];
            if (!find_nocase(dir, p, real, sizeof(real)) || strlen(real) != strlen(p)) {
                if (slash) *slash = '/';
                return;
            }
            memcpy(p, real, strlen(real));
        }
        if (!slash) return;
        *slash = '/';
        p = slash + 1;
    }
    (void)size;
}

static int is_sep(WCHAR c) { return c == '\\' || c == '/'; }

/* device names that exist in every directory */
static const char *device_path(const char *name)
{
    static const struct { const char *name, *path; } devices[] = {
        { "nul", "/dev/null" }, { "con", "/dev/tty" }, { "conin$", "/dev/tty" }, { "conout$", "/dev/tty" },
    };
    char base[16];
    size_t n = strcspn(name, ".:");
    if (n >= sizeof(base)) return NULL;
    memcpy(base, name, n);
    base[n] = 0;
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
        if (!strcasecmp(base, devices[i].name)) return devices[i].path;
    return NULL;
}

char *carafe_dos_to_unix(const WCHAR *dos)
{
    char *utf8, *out = NULL, *p;
    const char *root = "";
    if (!dos) { carafe_set_last_error(ERROR_INVALID_PARAMETER); return NULL; }
    /* \\?\ and \??\ prefixes */
    if (is_sep(dos[0]) && (is_sep(dos[1]) || dos[1] == '?') && (dos[2] == '?' || dos[2] == '.') && is_sep(dos[3])) {
        if (dos[2] == '.' && dos[1] != '?') {
            char *dev = carafe_wide_to_utf8_alloc(dos + 4);
            const char *d = dev ? device_path(dev) : NULL;
            free(dev);
            if (d) return strdup(d);
            carafe_set_last_error(ERROR_FILE_NOT_FOUND);
            return NULL;
        }
        dos += 4;
        /* \\?\UNC\server\share is a UNC path, not a relative "UNC" directory */
        if ((dos[0] | 32) == 'u' && (dos[1] | 32) == 'n' && (dos[2] | 32) == 'c' && is_sep(dos[3])) {
            carafe_set_last_error(ERROR_BAD_NETPATH);
            return NULL;
        }
    }
    if (is_sep(dos[0]) && is_sep(dos[1])) {
        carafe_set_last_error(ERROR_BAD_NETPATH);   /* UNC shares are not mapped */
        return NULL;
    }
    if (!(utf8 = carafe_wide_to_utf8_alloc(dos))) { carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    for (p = utf8; *p; p++) if (*p == '\\') *p = '/';
    p = utf8;
    if (((p[0] | 32) >= 'a' && (p[0] | 32) <= 'z') && p[1] == ':') {
        if (!(root = carafe_drive_root(p[0]))) {
            free(utf8);
            carafe_set_last_error(ERROR_PATH_NOT_FOUND);
            return NULL;
        }
        p += 2;
    } else if (p[0] == '/') {
        /* root of the current drive */
        char cwd[PATH_MAX];
        const char *c = carafe_drive_root('C');
        if (c && getcwd(cwd, sizeof(cwd)) && !strncmp(cwd, c, strlen(c)) &&
            (cwd[strlen(c)] == '/' || !cwd[strlen(c)])) root = c;
    }
    /* the last component may be a device name */
    const char *last = strrchr(p, '/');
    const char *dev = device_path(last ? last + 1 : p);
    if (dev && *(last ? last + 1 : p)) { free(utf8); return strdup(dev); }

    size_t size = strlen(root) + strlen(p) + 3;
    if (!(out = malloc(size))) { free(utf8); carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    strcpy(out, root);
    int absolute = *root || *p == '/';
    if (*root && *p != '/') strcat(out, "/");
    /* copy components: collapse separators, resolve . and .. lexically in
     * absolute paths, strip trailing dots and spaces as Windows does */
    char *o = out + strlen(out);
    char *base_end = out + strlen(root);
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        char *end = p + strcspn(p, "/");
        size_t len = end - p;
        if (len == 1 && p[0] == '.' && absolute) { p = end; continue; }
        if (len == 2 && p[0] == '.' && p[1] == '.' && absolute) {
            while (o > base_end && o[-1] == '/') o--;
            while (o > base_end && o[-1] != '/') o--;
            p = end;
            continue;
        }
        if (!(len <= 2 && p[0] == '.' && p[len - 1] == '.'))
            while (len > 1 && (p[len - 1] == '.' || p[len - 1] == ' ')) len--;
        if (o > out && o[-1] != '/') *o++ = '/';
        if (o == out && absolute) *o++ = '/';
        memcpy(o, p, len);
        o += len;
        p = end;
    }
    if (o == out) *o++ = absolute ? '/' : '.';
    *o = 0;
    /* a trailing separator is kept: it matters for directories */
    if (o > out + 1 && utf8[strlen(utf8) - 1] == '/' && o[-1] != '/') { *o++ = '/'; *o = 0; }
    free(utf8);
    fix_case(out, size);
    return out;
}

WCHAR *carafe_unix_to_dos(const char *path)
{
    char *abs = NULL, *norm;
    if (*path != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof(cwd))) return NULL;
        abs = malloc(strlen(cwd) + strlen(path) + 2);
        if (!abs) return NULL;
        sprintf(abs, "%s/%s", cwd, path);
        path = abs;
    }
    /* lexical normalisation */
    norm = malloc(strlen(path) + 2);
    if (!norm) { free(abs); return NULL; }
    char *o = norm;
    const char *p = path;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *end = p + strcspn(p, "/");
        size_t len = end - p;
        if (len == 1 && *p == '.') { p = end; continue; }
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (o > norm && o[-1] != '/') o--;
            if (o > norm) o--;
            p = end;
            continue;
        }
        *o++ = '/';
        memcpy(o, p, len);
        o += len;
        p = end;
    }
    *o = 0;
    free(abs);
    const char *c = carafe_drive_root('C');
    char drive = 'Z';
    const char *rest = norm;
    size_t clen = c ? strlen(c) : 0;
    if (c && clen && !strncmp(norm, c, clen) && (norm[clen] == '/' || !norm[clen])) {
        drive = 'C';
        rest = norm + clen;
    }
    size_t n = strlen(rest);
    char *dos = malloc(n + 4);
    if (!dos) { free(norm); return NULL; }
    dos[0] = drive;
    dos[1] = ':';
    strcpy(dos + 2, *rest ? rest : "/");
    for (char *q = dos; *q; q++) if (*q == '/') *q = '\\';
    WCHAR *w = carafe_utf8_to_wide_alloc(dos);
    free(dos);
    free(norm);
    return w;
}

/* Unix path of NAME inside Unix directory DIR, matched ignoring case;
 * malloc'd, NULL if there is no such file. */
char *carafe_find_file_nocase(const char *dir, const char *name)
{
    char real[256];
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    struct stat st;
    if (!path) return NULL;
    snprintf(path, n, "%s/%s", dir, name);
    if (!stat(path, &st) && S_ISREG(st.st_mode)) return path;
    if (find_nocase(dir, name, real, sizeof(real)) && strlen(real) == strlen(name)) {
        snprintf(path, n, "%s/%s", dir, real);
        if (!stat(path, &st) && S_ISREG(st.st_mode)) return path;
    }
    free(path);
    return NULL;
}
