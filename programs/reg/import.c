/* reg import FILE: a .reg file ("Windows Registry Editor Version 5.00",
 * UTF-16LE with a byte-order mark, or "REGEDIT4" in the ANSI code page).
 *     [KEY]            create (open) the key; the values below go there
 *     [-KEY]           delete the key and everything below it
 *     "Name"="text"    \\ and \" are escapes; @ names the default value
 *     "Name"=dword:hhhhhhhh
 *     "Name"=hex:bb,bb,...      REG_BINARY; hex(N): type N (hex); a line
 *                              ending in \ continues on the next line
 *     "Name"=-         delete the value
 * Lines starting with ; are comments. */
#include "reg.h"

struct parser {
    WCHAR *text, *pos;
    BOOL unicode;           /* version 5; REGEDIT4 strings in hex() are ANSI */
    HKEY key;               /* the current key, or NULL */
    int errors;
};

/* the next line without its end, NUL-terminated in place; NULL at the end */
static WCHAR *next_line(struct parser *p)
{
    if (!*p->pos) return NULL;
    WCHAR *line = p->pos, *end = line;
    while (*end && *end != '\n' && *end != '\r') end++;
    p->pos = end;
    if (*p->pos == '\r') p->pos++;
    if (*p->pos == '\n') p->pos++;
    *end = 0;
    return line;
}

static WCHAR *skip_space(WCHAR *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

static void open_key(struct parser *p, WCHAR *line)
{
    WCHAR *end = line + wcslen(line);
    HKEY root;
    const WCHAR *subkey, *long_root;
    if (p->key) RegCloseKey(p->key);
    p->key = NULL;
    while (end > line && (end[-1] == ' ' || end[-1] == '\t')) end--;
    if (end == line + 1 || end[-1] != ']') { p->errors++; return; }
    end[-1] = 0;
    BOOL remove = line[1] == '-';
    if (!reg_parse_key(line + (remove ? 2 : 1), &root, &subkey, &long_root) || !*subkey) {
        p->errors++;
        return;
    }
    if (remove) {
        LONG err = RegDeleteTreeW(root, subkey);
        if (err && err != ERROR_FILE_NOT_FOUND) p->errors++;
        return;
    }
    if (RegCreateKeyExW(root, subkey, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &p->key, NULL)) {
        p->key = NULL;
        p->errors++;
    }
}

/* a quoted string at *s (after the opening quote), unescaped in place;
 * returns its end (the closing quote), or NULL */
static WCHAR *unquote(WCHAR *s)
{
    WCHAR *out = s;
    for (; *s && *s != '"'; s++) {
        if (*s == '\\' && s[1]) s++;
        *out++ = *s;
    }
    if (*s != '"') return NULL;
    WCHAR *close = s;
    *out = 0;
    return close;
}

static int hex_value(WCHAR c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* comma-separated hex bytes, continued over lines ending in '\' */
static BYTE *parse_hex(struct parser *p, WCHAR *s, DWORD *size)
{
    size_t cap = 64, n = 0;
    BYTE *buf = malloc(cap);
    while (buf) {
        s = skip_space(s);
        if (!*s) break;
        if (*s == '\\') {   /* continued */
            if (!(s = next_line(p))) break;
            continue;
        }
        int hi = hex_value(s[0]), lo = hex_value(s[1]);
        if (hi < 0) goto bad;
        if (lo < 0) { lo = hi; hi = 0; s++; }   /* a single digit */
        else s += 2;
        if (n == cap && !(buf = realloc(buf, cap *= 2))) return NULL;
        buf[n++] = (BYTE)(hi << 4 | lo);
        s = skip_space(s);
        if (*s == ',') s++;
        else if (*s && *s != '\\' && *s != ';') goto bad;
        else if (*s == ';') break;
    }
    *size = n;
    return buf;
bad:
    free(buf);
    return NULL;
}

static void set_value(struct parser *p, WCHAR *line)
{
    WCHAR *name, *s;
    if (*line == '@') {
        name = L"";
        s = line + 1;
    } else {
        name = line + 1;
        if (!(s = unquote(name))) { p->errors++; return; }
        s++;
    }
    s = skip_space(s);
    if (*s++ != '=') { p->errors++; return; }
    s = skip_space(s);
    if (!p->key) { p->errors++; return; }
    LONG err;
    if (*s == '-') {
        err = RegDeleteValueW(p->key, name);
        if (err == ERROR_FILE_NOT_FOUND) err = 0;
    } else if (*s == '"') {
        WCHAR *str = s + 1;
        if (!unquote(str)) { p->errors++; return; }
        err = RegSetValueExW(p->key, name, 0, REG_SZ, (const BYTE *)str, (wcslen(str) + 1) * sizeof(WCHAR));
    } else if (!_wcsnicmp(s, L"dword:", 6)) {
        WCHAR *end;
        DWORD v = wcstoul(s + 6, &end, 16);
        WCHAR *rest = skip_space(end);
        if (end == s + 6 || end - (s + 6) > 8 || (*rest && *rest != ';')) { p->errors++; return; }
        err = RegSetValueExW(p->key, name, 0, REG_DWORD, (const BYTE *)&v, sizeof(v));
    } else if (!_wcsnicmp(s, L"hex", 3)) {
        DWORD type = REG_BINARY, size;
        s += 3;
        if (*s == '(') {
            WCHAR *end;
            type = wcstoul(s + 1, &end, 16);
            if (end == s + 1 || *end != ')') { p->errors++; return; }
            s = end + 1;
        }
        if (*s++ != ':') { p->errors++; return; }
        BYTE *data = parse_hex(p, s, &size);
        if (!data) { p->errors++; return; }
        if (!p->unicode && (type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ)) {
            /* REGEDIT4 keeps these in the ANSI code page */
            int n = MultiByteToWideChar(CP_ACP, 0, (const char *)data, size, NULL, 0);
            WCHAR *w = malloc((n + 1) * sizeof(WCHAR));
            if (w) MultiByteToWideChar(CP_ACP, 0, (const char *)data, size, w, n);
            free(data);
            if (!w) { p->errors++; return; }
            data = (BYTE *)w;
            size = n * sizeof(WCHAR);
        }
        err = RegSetValueExW(p->key, name, 0, type, data, size);
        free(data);
    } else {
        p->errors++;
        return;
    }
    if (err) p->errors++;
}

/* the file's text as a NUL-terminated UTF-16 string */
static WCHAR *read_text(const WCHAR *file, BOOL *unicode, LONG *err)
{
    HANDLE h = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        *err = GetLastError();
        return NULL;
    }
    DWORD size = GetFileSize(h, NULL), done = 0;
    BYTE *raw = malloc(size + 2);
    WCHAR *text = NULL;
    if (raw && ReadFile(h, raw, size, &done, NULL)) {
        raw[done] = raw[done + 1] = 0;
        if (done >= 2 && raw[0] == 0xff && raw[1] == 0xfe) {
            *unicode = TRUE;
            text = malloc(done + 2);
            if (text) {
                memcpy(text, raw + 2, done - 2);
                text[(done - 2) / 2] = 0;
            }
        } else {
            UINT cp = CP_ACP;
            BYTE *start = raw;
            if (done >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf) {
                cp = CP_UTF8;
                start += 3;
                done -= 3;
            }
            *unicode = FALSE;
            int n = MultiByteToWideChar(cp, 0, (const char *)start, done, NULL, 0);
            text = malloc((n + 1) * sizeof(WCHAR));
            if (text) {
                MultiByteToWideChar(cp, 0, (const char *)start, done, text, n);
                text[n] = 0;
            }
        }
    }
    *err = text ? 0 : raw ? (LONG)GetLastError() : ERROR_NOT_ENOUGH_MEMORY;
    if (!*err && !text) *err = ERROR_NOT_ENOUGH_MEMORY;
    free(raw);
    CloseHandle(h);
    return text;
}

int reg_import(int argc, WCHAR **argv)
{
    struct parser p = { 0 };
    LONG err;
    if (argc != 3) return reg_syntax_error(L"IMPORT");
    if (!(p.text = read_text(argv[2], &p.unicode, &err))) {
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) {
            reg_errorf(L"ERROR: Error opening the file. There may be a disk or file system error.\r\n");
            return 1;
        }
        return reg_report_error(err);
    }
    p.pos = p.text;
    WCHAR *line;
    BOOL header = FALSE;
    while ((line = next_line(&p))) {
        line = skip_space(line);
        if (!*line || *line == ';') continue;
        if (!header) {
            if (!wcscmp(line, L"Windows Registry Editor Version 5.00")) p.unicode = TRUE;
            else if (!wcscmp(line, L"REGEDIT4")) p.unicode = FALSE;
            else break;
            header = TRUE;
            continue;
        }
        if (*line == '[') open_key(&p, line);
        else if (*line == '@' || *line == '"') set_value(&p, line);
        else p.errors++;
    }
    if (p.key) RegCloseKey(p.key);
    free(p.text);
    if (!header) {
        reg_errorf(L"ERROR: The specified file is not a registry script. You can only import binary registry files from within the registry editor.\r\n");
        return 1;
    }
    if (p.errors) {
        reg_errorf(L"ERROR: Error accessing the registry.\r\n");
        return 1;
    }
    reg_printf(L"The operation completed successfully.\r\n");
    return 0;
}
