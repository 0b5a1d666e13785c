/* reg.exe: the command line, key names, output, and the query, add and
 * delete operations.  Output formats and messages are those Microsoft
 * documents for reg.exe ("reg query", "reg add", "reg delete"); exit code
 * 0 on success, 1 on failure. */
#include <stdio.h>
#include "reg.h"

static void write_text(DWORD which, const WCHAR *text, int len)
{
    HANDLE h = GetStdHandle(which);
    DWORD mode, done;
    if (GetConsoleMode(h, &mode)) {
        WriteConsoleW(h, text, len, &done, NULL);
        return;
    }
    UINT cp = GetConsoleOutputCP();
    int n = WideCharToMultiByte(cp, 0, text, len, NULL, 0, NULL, NULL);
    char *buf = malloc(n + 1);
    if (!buf) return;
    WideCharToMultiByte(cp, 0, text, len, buf, n, NULL, NULL);
    WriteFile(h, buf, n, &done, NULL);
    free(buf);
}

static void vwrite(DWORD which, const WCHAR *fmt, va_list args)
{
    WCHAR stackbuf[1024], *buf = stackbuf;
    size_t size = sizeof(stackbuf) / sizeof(WCHAR);
    for (;;) {
        va_list copy;
        va_copy(copy, args);
        int n = _vsnwprintf(buf, size, fmt, copy);
        va_end(copy);
        if (n >= 0 && (size_t)n < size) {
            write_text(which, buf, n);
            break;
        }
        if (buf != stackbuf) free(buf);
        size *= 4;
        if (!(buf = malloc(size * sizeof(WCHAR)))) return;
    }
    if (buf != stackbuf) free(buf);
}

void reg_printf(const WCHAR *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vwrite(STD_OUTPUT_HANDLE, fmt, args);
    va_end(args);
}

void reg_errorf(const WCHAR *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vwrite(STD_ERROR_HANDLE, fmt, args);
    va_end(args);
}

int reg_syntax_error(const WCHAR *op)
{
    reg_errorf(L"ERROR: Invalid syntax.\r\nType \"REG %ls /?\" for usage.\r\n", op);
    return 1;
}

int reg_report_error(LONG err)
{
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) {
        reg_errorf(L"ERROR: The system was unable to find the specified registry key or value.\r\n");
        return 1;
    }
    WCHAR msg[512];
    if (!FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, err, 0, msg,
                        sizeof(msg) / sizeof(WCHAR), NULL))
        _snwprintf(msg, sizeof(msg) / sizeof(WCHAR), L"error %ld\r\n", (long)err);
    reg_errorf(L"ERROR: %ls", msg);
    size_t n = wcslen(msg);
    if (!n || msg[n - 1] != '\n') reg_errorf(L"\r\n");
    return 1;
}

BOOL reg_confirm(const WCHAR *question)
{
    char line[64];
    reg_printf(L"%ls (Yes/No)? ", question);
    if (!fgets(line, sizeof(line), stdin)) {
        reg_printf(L"\r\n");
        return FALSE;
    }
    return line[0] == 'y' || line[0] == 'Y';
}

static const struct {
    const WCHAR *short_name, *long_name;
    HKEY key;
} roots[] = {
    { L"HKLM", L"HKEY_LOCAL_MACHINE", HKEY_LOCAL_MACHINE },
    { L"HKCU", L"HKEY_CURRENT_USER", HKEY_CURRENT_USER },
    { L"HKCR", L"HKEY_CLASSES_ROOT", HKEY_CLASSES_ROOT },
    { L"HKU", L"HKEY_USERS", HKEY_USERS },
    { L"HKCC", L"HKEY_CURRENT_CONFIG", HKEY_CURRENT_CONFIG },
};

BOOL reg_parse_key(const WCHAR *path, HKEY *root, const WCHAR **subkey, const WCHAR **long_root)
{
    const WCHAR *slash = wcschr(path, '\\');
    size_t len = slash ? (size_t)(slash - path) : wcslen(path);
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
        if ((wcslen(roots[i].short_name) != len || _wcsnicmp(path, roots[i].short_name, len)) &&
            (wcslen(roots[i].long_name) != len || _wcsnicmp(path, roots[i].long_name, len)))
            continue;
        *root = roots[i].key;
        *long_root = roots[i].long_name;
        *subkey = slash ? slash + 1 : path + len;
        return TRUE;
    }
    return FALSE;
}

WCHAR *reg_join(const WCHAR *a, const WCHAR *b)
{
    size_t la = wcslen(a), lb = wcslen(b);
    WCHAR *s = malloc((la + lb + 2) * sizeof(WCHAR));
    if (!s) return NULL;
    memcpy(s, a, la * sizeof(WCHAR));
    size_t n = la;
    if (lb) {
        s[n++] = '\\';
        memcpy(s + n, b, lb * sizeof(WCHAR));
        n += lb;
    }
    while (n > la && s[n - 1] == '\\') n--;   /* "HKCU\Software\" names the same key */
    s[n] = 0;
    return s;
}

static const struct { DWORD type; const WCHAR *name; } type_names[] = {
    { REG_NONE, L"REG_NONE" }, { REG_SZ, L"REG_SZ" }, { REG_EXPAND_SZ, L"REG_EXPAND_SZ" },
    { REG_BINARY, L"REG_BINARY" }, { REG_DWORD, L"REG_DWORD" },
    { REG_DWORD_BIG_ENDIAN, L"REG_DWORD_BIG_ENDIAN" }, { REG_LINK, L"REG_LINK" },
    { REG_MULTI_SZ, L"REG_MULTI_SZ" }, { REG_RESOURCE_LIST, L"REG_RESOURCE_LIST" },
    { REG_FULL_RESOURCE_DESCRIPTOR, L"REG_FULL_RESOURCE_DESCRIPTOR" },
    { REG_RESOURCE_REQUIREMENTS_LIST, L"REG_RESOURCE_REQUIREMENTS_LIST" }, { REG_QWORD, L"REG_QWORD" },
};

const WCHAR *reg_type_name(DWORD type)
{
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
        if (type_names[i].type == type) return type_names[i].name;
    return L"REG_UNKNOWN";
}

DWORD reg_type_from_name(const WCHAR *name)
{
    if (!_wcsicmp(name, L"REG_DWORD_LITTLE_ENDIAN")) return REG_DWORD;
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
        if (!_wcsicmp(name, type_names[i].name)) return type_names[i].type;
    return ~0u;
}

/* ---- query ---- */

/* the data of a value as reg query shows it */
static void print_data(DWORD type, const BYTE *data, DWORD size)
{
    const WCHAR *s = (const WCHAR *)data;
    DWORD chars = size / sizeof(WCHAR);
    switch (type) {
    case REG_SZ:
    case REG_EXPAND_SZ:
        while (chars && !s[chars - 1]) chars--;
        reg_printf(L"%.*ls", (int)chars, s);
        return;
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN:
        if (size >= 4) {
            DWORD v;
            memcpy(&v, data, 4);
            if (type == REG_DWORD_BIG_ENDIAN)
                v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
            reg_printf(L"0x%x", (unsigned)v);
            return;
        }
        break;
    case REG_QWORD:
        if (size >= 8) {
            ULONGLONG v;
            memcpy(&v, data, 8);
            reg_printf(L"0x%I64x", v);
            return;
        }
        break;
    case REG_MULTI_SZ: {
        DWORD i = 0;
        BOOL first = TRUE;
        while (i < chars && s[i]) {
            DWORD len = 0;
            while (i + len < chars && s[i + len]) len++;
            reg_printf(L"%ls%.*ls", first ? L"" : L"\\0", (int)len, s + i);
            first = FALSE;
            i += len + 1;
        }
        return;
    }
    }
    for (DWORD i = 0; i < size; i++) reg_printf(L"%02X", data[i]);
}

static void print_value(const WCHAR *name, DWORD type, const BYTE *data, DWORD size)
{
    reg_printf(L"    %ls    %ls    ", *name ? name : L"(Default)", reg_type_name(type));
    print_data(type, data, size);
    reg_printf(L"\r\n");
}

struct key_info {
    DWORD subkeys, values, max_subkey, max_name, max_data;
};

static LONG get_info(HKEY key, struct key_info *info)
{
    LONG err = RegQueryInfoKeyW(key, NULL, NULL, NULL, &info->subkeys, &info->max_subkey, NULL, &info->values,
                                &info->max_name, &info->max_data, NULL, NULL);
    info->max_subkey++;
    info->max_name++;
    return err;
}

/* calls FN for each value of KEY (name, type, data); stops early if FN
 * returns FALSE; returns the number of values visited */
typedef BOOL (*value_fn)(void *ctx, const WCHAR *name, DWORD type, const BYTE *data, DWORD size);

static DWORD for_each_value(HKEY key, value_fn fn, void *ctx)
{
    struct key_info info;
    DWORD count = 0;
    if (get_info(key, &info)) return 0;
    WCHAR *name = malloc(info.max_name * sizeof(WCHAR));
    BYTE *data = malloc(info.max_data + 2);
    for (DWORD i = 0; name && data; i++) {
        DWORD name_len = info.max_name, size = info.max_data, type;
        LONG err = RegEnumValueW(key, i, name, &name_len, NULL, &type, data, &size);
        if (err == ERROR_MORE_DATA) {   /* changed under us: ask again */
            if (get_info(key, &info)) break;
            free(name); free(data);
            name = malloc(info.max_name * sizeof(WCHAR));
            data = malloc(info.max_data + 2);
            i--;
            continue;
        }
        if (err) break;
        count++;
        if (!fn(ctx, name, type, data, size)) break;
    }
    free(name);
    free(data);
    return count;
}

/* the names of KEY's subkeys, NULL-terminated; free with free_names */
static WCHAR **subkey_names(HKEY key)
{
    struct key_info info;
    if (get_info(key, &info)) return NULL;
    WCHAR **names = calloc(info.subkeys + 1, sizeof(WCHAR *));
    if (!names) return NULL;
    for (DWORD i = 0; i < info.subkeys; i++) {
        WCHAR *name = malloc(info.max_subkey * sizeof(WCHAR));
        DWORD len = info.max_subkey;
        if (!name || RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL)) {
            free(name);
            break;
        }
        names[i] = name;
    }
    return names;
}

static void free_names(WCHAR **names)
{
    if (!names) return;
    for (WCHAR **p = names; *p; p++) free(*p);
    free(names);
}

static BOOL print_value_cb(void *ctx, const WCHAR *name, DWORD type, const BYTE *data, DWORD size)
{
    print_value(name, type, data, size);
    return TRUE;
}

/* /s: each subkey's path, its values and a blank line, depth first */
static void query_tree(HKEY key, const WCHAR *path)
{
    WCHAR **names = subkey_names(key);
    for (WCHAR **p = names; p && *p; p++) {
        WCHAR *sub_path = reg_join(path, *p);
        HKEY sub;
        if (!sub_path) break;
        reg_printf(L"%ls\r\n", sub_path);
        if (!RegOpenKeyExW(key, *p, 0, KEY_READ, &sub)) {
            for_each_value(sub, print_value_cb, NULL);
            reg_printf(L"\r\n");
            query_tree(sub, sub_path);
            RegCloseKey(sub);
        }
        free(sub_path);
    }
    free_names(names);
}

/* /v NAME /s: every key below (and at) KEY that has the value */
static DWORD search_value(HKEY key, const WCHAR *path, const WCHAR *value)
{
    DWORD found = 0, type, size = 0;
    if (!RegQueryValueExW(key, value, NULL, &type, NULL, &size)) {
        BYTE *data = malloc(size + 2);
        if (data && !RegQueryValueExW(key, value, NULL, &type, data, &size)) {
            reg_printf(L"\r\n%ls\r\n", path);
            print_value(value, type, data, size);
            found++;
        }
        free(data);
    }
    WCHAR **names = subkey_names(key);
    for (WCHAR **p = names; p && *p; p++) {
        WCHAR *sub_path = reg_join(path, *p);
        HKEY sub;
        if (sub_path && !RegOpenKeyExW(key, *p, 0, KEY_READ, &sub)) {
            found += search_value(sub, sub_path, value);
            RegCloseKey(sub);
        }
        free(sub_path);
    }
    free_names(names);
    return found;
}

static int query_one_value(HKEY key, const WCHAR *path, const WCHAR *value)
{
    DWORD type, size = 0;
    LONG err = RegQueryValueExW(key, value, NULL, &type, NULL, &size);
    if (err == ERROR_FILE_NOT_FOUND && !*value) {
        /* a key always shows its default value, set or not */
        reg_printf(L"\r\n%ls\r\n    (Default)    REG_SZ    (value not set)\r\n\r\n", path);
        return 0;
    }
    if (err) return reg_report_error(err);
    BYTE *data = malloc(size + 2);
    if (!data) return reg_report_error(ERROR_NOT_ENOUGH_MEMORY);
    err = RegQueryValueExW(key, value, NULL, &type, data, &size);
    if (!err) {
        reg_printf(L"\r\n%ls\r\n", path);
        print_value(value, type, data, size);
        reg_printf(L"\r\n");
    }
    free(data);
    return err ? reg_report_error(err) : 0;
}

static int do_query(int argc, WCHAR **argv)
{
    const WCHAR *value = NULL, *subkey, *long_root;
    BOOL recurse = FALSE;
    HKEY root, key;
    if (argc < 3) return reg_syntax_error(L"QUERY");
    for (int i = 3; i < argc; i++) {
        if (!_wcsicmp(argv[i], L"/v") && i + 1 < argc && !value) value = argv[++i];
        else if (!_wcsicmp(argv[i], L"/ve") && !value) value = L"";
        else if (!_wcsicmp(argv[i], L"/s") && !recurse) recurse = TRUE;
        else return reg_syntax_error(L"QUERY");
    }
    if (!reg_parse_key(argv[2], &root, &subkey, &long_root)) {
        reg_errorf(L"ERROR: Invalid key name.\r\nType \"REG QUERY /?\" for usage.\r\n");
        return 1;
    }
    WCHAR *path = reg_join(long_root, subkey);
    LONG err = RegOpenKeyExW(root, subkey, 0, KEY_READ, &key);
    int ret = 0;
    if (err) ret = reg_report_error(err);
    else if (value && recurse) {
        DWORD n = search_value(key, path, value);
        reg_printf(L"\r\nEnd of search: %u match(es) found.\r\n", (unsigned)n);
        ret = n ? 0 : 1;
    } else if (value) {
        ret = query_one_value(key, path, value);
    } else {
        /* a blank line; the key's path and values if it has any; then its
         * subkeys (with /s, each with its values, depth first) */
        struct key_info info;
        reg_printf(L"\r\n");
        if (!get_info(key, &info) && info.values) {
            reg_printf(L"%ls\r\n", path);
            for_each_value(key, print_value_cb, NULL);
            reg_printf(L"\r\n");
        }
        if (recurse) query_tree(key, path);
        else {
            WCHAR **names = subkey_names(key);
            for (WCHAR **p = names; p && *p; p++) {
                WCHAR *sub_path = reg_join(path, *p);
                if (sub_path) reg_printf(L"%ls\r\n", sub_path);
                free(sub_path);
            }
            free_names(names);
        }
    }
    if (!err) RegCloseKey(key);
    free(path);
    return ret;
}

/* ---- add ---- */

static int hex_digit(WCHAR c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* decimal or 0x hexadecimal, as reg add takes numbers */
static BOOL parse_number(const WCHAR *s, ULONGLONG max, ULONGLONG *out)
{
    ULONGLONG v = 0;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; s += 2; }
    if (!*s) return FALSE;
    for (; *s; s++) {
        int d = hex_digit(*s);
        if (d < 0 || d >= base) return FALSE;
        if (v > (max - d) / base) return FALSE;
        v = v * base + d;
    }
    *out = v;
    return TRUE;
}

/* the bytes reg add stores for DATA of TYPE; NULL with *bad set for data
 * that does not fit the type */
static BYTE *make_data(DWORD type, const WCHAR *data, WCHAR sep, DWORD *size)
{
    size_t len = wcslen(data);
    BYTE *buf;
    ULONGLONG v;
    switch (type) {
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN:
    case REG_QWORD: {
        if (!*data) data = L"0";
        if (!parse_number(data, type == REG_QWORD ? ~0ull : 0xffffffffull, &v)) return NULL;
        *size = type == REG_QWORD ? 8 : 4;
        if (!(buf = malloc(8))) return NULL;
        if (type == REG_DWORD_BIG_ENDIAN) {
            for (int i = 0; i < 4; i++) buf[i] = (BYTE)(v >> (24 - 8 * i));
        } else memcpy(buf, &v, *size);
        return buf;
    }
    case REG_BINARY: {
        if (len % 2) return NULL;
        if (!(buf = malloc(len / 2 + 1))) return NULL;
        for (size_t i = 0; i < len; i += 2) {
            int hi = hex_digit(data[i]), lo = hex_digit(data[i + 1]);
            if (hi < 0 || lo < 0) { free(buf); return NULL; }
            buf[i / 2] = (BYTE)(hi << 4 | lo);
        }
        *size = len / 2;
        return buf;
    }
    case REG_MULTI_SZ: {
        WCHAR *out = malloc((len + 2) * sizeof(WCHAR));
        size_t n = 0;
        if (!out) return NULL;
        for (size_t i = 0; i < len;) {
            BOOL at_sep = sep ? data[i] == sep : (data[i] == '\\' && data[i + 1] == '0');
            if (at_sep) {
                /* an empty string would end the list early */
                if (!n || !out[n - 1] || i + (sep ? 1 : 2) >= len) { free(out); return NULL; }
                out[n++] = 0;
                i += sep ? 1 : 2;
            } else out[n++] = data[i++];
        }
        if (n) out[n++] = 0;
        out[n++] = 0;
        *size = n * sizeof(WCHAR);
        return (BYTE *)out;
    }
    default:   /* REG_SZ, REG_EXPAND_SZ, REG_NONE and the rest: a string */
        *size = (len + 1) * sizeof(WCHAR);
        if (!(buf = malloc(*size))) return NULL;
        memcpy(buf, data, *size);
        return buf;
    }
}

static int do_add(int argc, WCHAR **argv)
{
    const WCHAR *value = NULL, *type_name = NULL, *sep_arg = NULL, *data = NULL, *subkey, *long_root;
    BOOL force = FALSE;
    HKEY root, key;
    if (argc < 3) return reg_syntax_error(L"ADD");
    for (int i = 3; i < argc; i++) {
        const WCHAR *a = argv[i];
        BOOL more = i + 1 < argc;
        if (!_wcsicmp(a, L"/v") && more && !value) value = argv[++i];
        else if (!_wcsicmp(a, L"/ve") && !value) value = L"";
        else if (!_wcsicmp(a, L"/t") && more && !type_name) type_name = argv[++i];
        else if (!_wcsicmp(a, L"/s") && more && !sep_arg) sep_arg = argv[++i];
        else if (!_wcsicmp(a, L"/d") && more && !data) data = argv[++i];
        else if (!_wcsicmp(a, L"/f") && !force) force = TRUE;
        else return reg_syntax_error(L"ADD");
    }
    if (!reg_parse_key(argv[2], &root, &subkey, &long_root) || !*subkey) {
        reg_errorf(L"ERROR: Invalid key name.\r\nType \"REG ADD /?\" for usage.\r\n");
        return 1;
    }
    DWORD type = type_name ? reg_type_from_name(type_name) : REG_SZ;
    if (type == ~0u) {
        reg_errorf(L"ERROR: Invalid type.\r\nType \"REG ADD /?\" for usage.\r\n");
        return 1;
    }
    if (sep_arg && (type != REG_MULTI_SZ || wcslen(sep_arg) != 1)) return reg_syntax_error(L"ADD");
    DWORD size = 0;
    BYTE *bytes = NULL;
    if (value || data || type_name) {
        if (!value) value = L"";
        bytes = make_data(type, data ? data : L"", sep_arg ? sep_arg[0] : 0, &size);
        if (!bytes) {
            reg_errorf(L"ERROR: Invalid syntax.\r\nType \"REG ADD /?\" for usage.\r\n");
            return 1;
        }
    }
    LONG err = RegCreateKeyExW(root, subkey, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    if (err) {
        free(bytes);
        return reg_report_error(err);
    }
    if (bytes) {
        if (!force && !RegQueryValueExW(key, value, NULL, NULL, NULL, NULL)) {
            WCHAR question[512];
            _snwprintf(question, 512, L"Value %ls exists, overwrite", *value ? value : L"(Default)");
            question[511] = 0;
            if (!reg_confirm(question)) {
                reg_printf(L"The operation was canceled by the user.\r\n");
                free(bytes);
                RegCloseKey(key);
                return 0;
            }
        }
        err = RegSetValueExW(key, value, 0, type, bytes, size);
        free(bytes);
    }
    RegCloseKey(key);
    if (err) return reg_report_error(err);
    reg_printf(L"The operation completed successfully.\r\n");
    return 0;
}

/* ---- delete ---- */

static int delete_all_values(HKEY key)
{
    struct key_info info;
    LONG err = get_info(key, &info);
    WCHAR *name = err ? NULL : malloc(info.max_name * sizeof(WCHAR));
    if (err || !name) return reg_report_error(err ? err : ERROR_NOT_ENOUGH_MEMORY);
    for (;;) {
        DWORD len = info.max_name;
        err = RegEnumValueW(key, 0, name, &len, NULL, NULL, NULL, NULL);
        if (err == ERROR_NO_MORE_ITEMS) { err = 0; break; }
        if (err || (err = RegDeleteValueW(key, name))) break;
    }
    free(name);
    return err ? reg_report_error(err) : 0;
}

static int do_delete(int argc, WCHAR **argv)
{
    const WCHAR *value = NULL, *subkey, *long_root;
    BOOL force = FALSE, all = FALSE;
    HKEY root, key;
    if (argc < 3) return reg_syntax_error(L"DELETE");
    for (int i = 3; i < argc; i++) {
        if (!_wcsicmp(argv[i], L"/v") && i + 1 < argc && !value && !all) value = argv[++i];
        else if (!_wcsicmp(argv[i], L"/ve") && !value && !all) value = L"";
        else if (!_wcsicmp(argv[i], L"/va") && !value && !all) all = TRUE;
        else if (!_wcsicmp(argv[i], L"/f") && !force) force = TRUE;
        else return reg_syntax_error(L"DELETE");
    }
    if (!reg_parse_key(argv[2], &root, &subkey, &long_root) || !*subkey) {
        reg_errorf(L"ERROR: Invalid key name.\r\nType \"REG DELETE /?\" for usage.\r\n");
        return 1;
    }
    WCHAR *path = reg_join(long_root, subkey);
    LONG err = RegOpenKeyExW(root, subkey, 0, KEY_ALL_ACCESS, &key);
    int ret = 0;
    if (err) {
        ret = reg_report_error(err);
        goto out;
    }
    if (!force) {
        WCHAR question[1024];
        if (value) _snwprintf(question, 1024, L"Delete the registry value %ls", *value ? value : L"(Default)");
        else if (all) _snwprintf(question, 1024, L"Delete all values under the registry key %ls", path);
        else _snwprintf(question, 1024, L"Permanently delete the registry key %ls", path);
        question[1023] = 0;
        if (!reg_confirm(question)) {
            reg_printf(L"The operation was canceled by the user.\r\n");
            goto close;
        }
    }
    if (value) {
        err = RegDeleteValueW(key, value);
        if (err == ERROR_FILE_NOT_FOUND && !*value) err = 0;   /* an unset default value is there to delete */
        if (err) ret = reg_report_error(err);
    } else if (all) {
        ret = delete_all_values(key);
    } else {
        RegCloseKey(key);
        key = NULL;
        if ((err = RegDeleteTreeW(root, subkey))) ret = reg_report_error(err);
    }
    if (!ret) reg_printf(L"The operation completed successfully.\r\n");
close:
    if (key) RegCloseKey(key);
out:
    free(path);
    return ret;
}

static void usage(void)
{
    reg_printf(L"REG Operation [Parameter List]\r\n\r\n"
               L"  Operation  [ QUERY   | ADD    | DELETE  | IMPORT | EXPORT ]\r\n\r\n"
               L"Return Code: (Except for REG COMPARE):\r\n\r\n"
               L"  0 - Successful\r\n"
               L"  1 - Failed\r\n\r\n"
               L"For help on a specific operation type:\r\n\r\n"
               L"  REG Operation /?\r\n");
}

int wmain(int argc, WCHAR **argv)
{
    if (argc < 2) {
        reg_errorf(L"ERROR: Invalid syntax.\r\n");
        usage();
        return 1;
    }
    const WCHAR *op = argv[1];
    if (!wcscmp(op, L"/?") || !_wcsicmp(op, L"-?")) {
        usage();
        return 0;
    }
    for (int i = 2; i < argc; i++) {
        if (!wcscmp(argv[i], L"/?")) {
            reg_printf(L"REG %ls: see \"REG /?\" and Microsoft's reg.exe documentation.\r\n", op);
            return 0;
        }
    }
    if (!_wcsicmp(op, L"query")) return do_query(argc, argv);
    if (!_wcsicmp(op, L"add")) return do_add(argc, argv);
    if (!_wcsicmp(op, L"delete")) return do_delete(argc, argv);
    if (!_wcsicmp(op, L"export")) return reg_export(argc, argv);
    if (!_wcsicmp(op, L"import")) return reg_import(argc, argv);
    reg_errorf(L"ERROR: Invalid operation specified.\r\nType \"REG /?\" for usage.\r\n");
    return 1;
}
