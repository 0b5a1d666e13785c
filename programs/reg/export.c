/* reg export KEY FILE [/y]: the key and everything below it as a .reg file
 * in regedit's version 5 format, UTF-16LE with a byte-order mark, as
 * Windows writes it:
 *     Windows Registry Editor Version 5.00
 *     (blank line)
 *     [HKEY_CURRENT_USER\Software\Key]
 *     @="default"
 *     "Name"="string with \\ and \" escaped"
 *     "Number"=dword:0000002a
 *     "Bytes"=hex:0a,ff            (other types: hex(N):, N the type in hex)
 *     (blank line after each key)
 * Lines of hex bytes are continued with ",\" once they reach 77 columns. */
#include "reg.h"

struct text {
    WCHAR *buf;
    size_t len, size;
    size_t line_start;
};

static void put(struct text *t, const WCHAR *s, size_t n)
{
    if (t->len + n + 1 > t->size) {
        size_t size = (t->size ? t->size * 2 : 4096) + n;
        WCHAR *buf = realloc(t->buf, size * sizeof(WCHAR));
        if (!buf) return;
        t->buf = buf;
        t->size = size;
    }
    memcpy(t->buf + t->len, s, n * sizeof(WCHAR));
    t->len += n;
}

static void puts_w(struct text *t, const WCHAR *s)
{
    put(t, s, wcslen(s));
}

static void newline(struct text *t)
{
    puts_w(t, L"\r\n");
    t->line_start = t->len;
}

static void put_quoted(struct text *t, const WCHAR *s, size_t n)
{
    put(t, L"\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' || s[i] == '"') put(t, L"\\", 1);
        put(t, s + i, 1);
    }
    put(t, L"\"", 1);
}

static void put_hex(struct text *t, DWORD type, const BYTE *data, DWORD size)
{
    WCHAR tmp[16];
    if (type == REG_BINARY) puts_w(t, L"hex:");
    else {
        _snwprintf(tmp, 16, L"hex(%x):", (unsigned)type);
        puts_w(t, tmp);
    }
    for (DWORD i = 0; i < size; i++) {
        _snwprintf(tmp, 16, L"%02x", data[i]);
        put(t, tmp, 2);
        if (i + 1 == size) break;
        put(t, L",", 1);
        if (t->len - t->line_start >= 77) {
            puts_w(t, L"\\");
            newline(t);
            puts_w(t, L"  ");
        }
    }
}

/* a string value that regedit can write as "text": ends with its only NUL */
static BOOL plain_string(const BYTE *data, DWORD size)
{
    const WCHAR *s = (const WCHAR *)data;
    DWORD n = size / sizeof(WCHAR);
    if (size % sizeof(WCHAR) || !n || s[n - 1]) return FALSE;
    for (DWORD i = 0; i + 1 < n; i++)
        if (!s[i]) return FALSE;
    return TRUE;
}

static void put_value(struct text *t, const WCHAR *name, DWORD type, const BYTE *data, DWORD size)
{
    if (*name) put_quoted(t, name, wcslen(name));
    else puts_w(t, L"@");
    puts_w(t, L"=");
    if (type == REG_SZ && plain_string(data, size)) {
        put_quoted(t, (const WCHAR *)data, size / sizeof(WCHAR) - 1);
    } else if (type == REG_DWORD && size == 4) {
        WCHAR tmp[24];
        DWORD v;
        memcpy(&v, data, 4);
        _snwprintf(tmp, 24, L"dword:%08x", (unsigned)v);
        puts_w(t, tmp);
    } else {
        put_hex(t, type, data, size);
    }
    newline(t);
}

static LONG export_key(struct text *t, HKEY key, const WCHAR *path)
{
    DWORD subkeys, max_subkey, values, max_name, max_data;
    LONG err = RegQueryInfoKeyW(key, NULL, NULL, NULL, &subkeys, &max_subkey, NULL, &values, &max_name, &max_data,
                                NULL, NULL);
    if (err) return err;
    puts_w(t, L"[");
    puts_w(t, path);
    puts_w(t, L"]");
    newline(t);
    WCHAR *name = malloc((max_name + 1) * sizeof(WCHAR));
    BYTE *data = malloc(max_data + 2);
    for (DWORD i = 0; name && data && i < values; i++) {
        DWORD name_len = max_name + 1, size = max_data, type;
        if (RegEnumValueW(key, i, name, &name_len, NULL, &type, data, &size)) break;
        put_value(t, name, type, data, size);
    }
    free(name);
    free(data);
    newline(t);
    WCHAR *sub = malloc((max_subkey + 1) * sizeof(WCHAR));
    for (DWORD i = 0; sub && i < subkeys; i++) {
        DWORD len = max_subkey + 1;
        HKEY child;
        if (RegEnumKeyExW(key, i, sub, &len, NULL, NULL, NULL, NULL)) break;
        WCHAR *child_path = reg_join(path, sub);
        if (child_path && !RegOpenKeyExW(key, sub, 0, KEY_READ, &child)) {
            export_key(t, child, child_path);
            RegCloseKey(child);
        }
        free(child_path);
    }
    free(sub);
    return 0;
}

int reg_export(int argc, WCHAR **argv)
{
    const WCHAR *subkey, *long_root;
    BOOL overwrite = FALSE;
    HKEY root, key;
    if (argc < 4 || argc > 5) return reg_syntax_error(L"EXPORT");
    if (argc == 5) {
        if (_wcsicmp(argv[4], L"/y")) return reg_syntax_error(L"EXPORT");
        overwrite = TRUE;
    }
    if (!reg_parse_key(argv[2], &root, &subkey, &long_root)) {
        reg_errorf(L"ERROR: Invalid key name.\r\nType \"REG EXPORT /?\" for usage.\r\n");
        return 1;
    }
    LONG err = RegOpenKeyExW(root, subkey, 0, KEY_READ, &key);
    if (err) return reg_report_error(err);
    const WCHAR *file = argv[3];
    if (!overwrite && GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES) {
        WCHAR question[1024];
        _snwprintf(question, 1024, L"File %ls already exists. Overwrite", file);
        question[1023] = 0;
        if (!reg_confirm(question)) {
            RegCloseKey(key);
            reg_printf(L"The operation was canceled by the user.\r\n");
            return 0;
        }
    }
    struct text t = { 0 };
    WCHAR *path = reg_join(long_root, subkey);
    put(&t, L"\xfeff", 1);
    puts_w(&t, L"Windows Registry Editor Version 5.00");
    newline(&t);
    newline(&t);
    err = path ? export_key(&t, key, path) : ERROR_NOT_ENOUGH_MEMORY;
    RegCloseKey(key);
    free(path);
    if (!err && !t.buf) err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err) {
        HANDLE h = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        DWORD done;
        if (h == INVALID_HANDLE_VALUE) err = GetLastError();
        else {
            if (!WriteFile(h, t.buf, t.len * sizeof(WCHAR), &done, NULL)) err = GetLastError();
            CloseHandle(h);
        }
    }
    free(t.buf);
    if (err) return reg_report_error(err);
    reg_printf(L"The operation completed successfully.\r\n");
    return 0;
}
