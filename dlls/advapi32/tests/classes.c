/* HKEY_CLASSES_ROOT as the merged view of HKCU\Software\Classes and
 * HKLM\Software\Classes, checked against Microsoft's "HKEY_CLASSES_ROOT Key"
 * and "Merged View of HKEY_CLASSES_ROOT":
 *  - reads look at the user's settings first, the defaults second;
 *  - the view holds every subkey of the user's key and those of the
 *    machine's key that the user's do not duplicate, level by level;
 *  - a value written below HKCR goes to HKCU\Software\Classes when the key
 *    exists there, otherwise to HKLM\Software\Classes, as do keys written
 *    below HKCR itself.
 * Wine 8 (the oracle) makes HKCR an alias of HKLM\Software\Classes: the
 * checks it fails are marked where they are made.  Every key is named
 * carafe_hkcr_test_PID_* and deleted at the end, in both trees. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "test.h"

static char base[64];
static HKEY user_classes, machine_classes;

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

/* NAME_SUFFIX below the test's base name */
static const char *name(const char *suffix)
{
    static char buf[4][MAX_PATH];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, MAX_PATH, "%s_%s", base, suffix);
    return b;
}

static void create(HKEY parent, const char *path)
{
    HKEY k;
    LONG r = RegCreateKeyExA(parent, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(r == ERROR_SUCCESS, "create %s: %ld", path, r);
    if (!r) RegCloseKey(k);
}

/* creates PATH if needed and sets its string value */
static void set_sz(HKEY parent, const char *path, const char *value, const char *data)
{
    HKEY k;
    LONG r = RegCreateKeyExA(parent, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    if (!r) {
        r = RegSetValueExA(k, value, 0, REG_SZ, (const BYTE *)data, (DWORD)strlen(data) + 1);
        RegCloseKey(k);
    }
    ok(r == ERROR_SUCCESS, "set %s\\%s: %ld", path, value, r);
}

/* the string value, "" if there is none */
static const char *get_sz(HKEY parent, const char *path, const char *value)
{
    static char buf[MAX_PATH];
    DWORD size = sizeof(buf);
    buf[0] = 0;
    if (RegGetValueA(parent, path, value, RRF_RT_REG_SZ, NULL, buf, &size)) buf[0] = 0;
    return buf;
}

static int key_exists(HKEY parent, const char *path)
{
    HKEY k;
    if (RegOpenKeyExA(parent, path, 0, KEY_READ, &k)) return 0;
    RegCloseKey(k);
    return 1;
}

/* T1: values and subkeys in both trees, some of the same name */
static void setup_both(void)
{
    const char *t1 = name("t1");
    char path[MAX_PATH];
    set_sz(machine_classes, t1, "mach", "m");
    set_sz(machine_classes, t1, "both", "from the machine");
    set_sz(user_classes, t1, "both", "user");
    set_sz(user_classes, t1, "usr", "u");
    snprintf(path, sizeof(path), "%s\\sub_mach", t1);
    create(machine_classes, path);
    snprintf(path, sizeof(path), "%s\\SUB_BOTH", t1);
    create(machine_classes, path);
    snprintf(path, sizeof(path), "%s\\sub_both", t1);
    create(user_classes, path);
    snprintf(path, sizeof(path), "%s\\sub_usr", t1);
    create(user_classes, path);
}

static void test_reads(void)
{
    const char *t1 = name("t1");
    ok(!strcmp(get_sz(HKEY_CLASSES_ROOT, t1, "mach"), "m"), "a value only the machine has: %s",
       get_sz(HKEY_CLASSES_ROOT, t1, "mach"));
    /* Wine: HKCR is HKLM\Software\Classes, the user's settings are not seen */
    if (!is_wine()) {
        ok(!strcmp(get_sz(HKEY_CLASSES_ROOT, t1, "both"), "user"), "the user's value wins: %s",
           get_sz(HKEY_CLASSES_ROOT, t1, "both"));
        ok(!strcmp(get_sz(HKEY_CLASSES_ROOT, t1, "usr"), "u"), "a value only the user has");
    }

    HKEY k;
    BYTE buf[64];
    DWORD size = sizeof(buf), type = 0xdeadbeef;
    LONG r = RegOpenKeyExA(HKEY_CLASSES_ROOT, t1, 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open through HKCR: %ld", r);
    if (r) return;
    r = RegQueryValueExA(k, "mach", NULL, &type, buf, &size);
    ok(!r && type == REG_SZ && size == 2 && !strcmp((char *)buf, "m"), "RegQueryValueEx of the machine's: %ld", r);
    size = sizeof(buf);
    r = RegQueryValueExA(k, "both", NULL, &type, buf, &size);
    if (!is_wine()) ok(!r && size == 5 && !strcmp((char *)buf, "user"), "RegQueryValueEx of both: %s", buf);
    size = sizeof(buf);
    r = RegQueryValueExA(k, "none", NULL, &type, buf, &size);
    ok(r == ERROR_FILE_NOT_FOUND, "a value in neither: %ld", r);
    RegCloseKey(k);
}

/* how many times NAME appears among the subkeys (KEYS) or values of K */
static int count_names(HKEY k, int keys, const char *want, DWORD *total)
{
    char n[MAX_PATH];
    int found = 0;
    DWORD i;
    for (i = 0;; i++) {
        DWORD len = sizeof(n);
        LONG r = keys ? RegEnumKeyExA(k, i, n, &len, NULL, NULL, NULL, NULL)
                      : RegEnumValueA(k, i, n, &len, NULL, NULL, NULL, NULL);
        if (r) {
            ok(r == ERROR_NO_MORE_ITEMS, "enumeration ends with %ld", r);
            break;
        }
        if (!_stricmp(n, want)) found++;
    }
    *total = i;
    return found;
}

static void test_enum(void)
{
    HKEY k;
    DWORD n, n2, subkeys = 0, values = 0;
    LONG r = RegOpenKeyExA(HKEY_CLASSES_ROOT, name("t1"), 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open through HKCR: %ld", r);
    if (r) return;
    r = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    ok(r == ERROR_SUCCESS, "RegQueryInfoKey: %ld", r);

    ok(count_names(k, 1, "sub_mach", &n) == 1, "the machine's subkey, once");
    ok(n == subkeys, "RegQueryInfoKey counts %lu subkeys, RegEnumKeyEx %lu", subkeys, n);
    ok(count_names(k, 0, "mach", &n) == 1, "the machine's value, once");
    ok(n == values, "RegQueryInfoKey counts %lu values, RegEnumValue %lu", values, n);
    if (!is_wine()) {   /* Wine: only the machine's */
        ok(subkeys == 3 && values == 3, "union of both: %lu subkeys, %lu values", subkeys, values);
        ok(count_names(k, 1, "sub_both", &n) == 1, "a subkey of both, once");
        ok(count_names(k, 1, "sub_usr", &n) == 1, "the user's subkey");
        ok(count_names(k, 0, "both", &n) == 1, "a value of both, once");
        ok(count_names(k, 0, "usr", &n) == 1, "the user's value");
    }

    /* the order does not change between two enumerations */
    char first[MAX_PATH], again[MAX_PATH];
    int same = 1;
    for (DWORD i = 0; i < subkeys; i++) {
        n = n2 = MAX_PATH;
        RegEnumKeyExA(k, i, first, &n, NULL, NULL, NULL, NULL);
        RegEnumKeyExA(k, i, again, &n2, NULL, NULL, NULL, NULL);
        if (strcmp(first, again)) same = 0;
    }
    ok(same, "a stable order");

    /* the data of a value both have is the user's */
    char nm[MAX_PATH];
    BYTE data[64];
    for (DWORD i = 0; !is_wine() && i < values; i++) {
        DWORD len = sizeof(nm), size = sizeof(data);
        if (RegEnumValueA(k, i, nm, &len, NULL, NULL, data, &size) || _stricmp(nm, "both")) continue;
        ok(!strcmp((char *)data, "user"), "RegEnumValue of both gives the user's data: %s", data);
    }
    RegCloseKey(k);
}

/* a handle opened through HKLM\Software\Classes sees the machine's key only */
static void test_plain_handle(void)
{
    HKEY k;
    DWORD subkeys = 0, values = 0;
    LONG r = RegOpenKeyExA(machine_classes, name("t1"), 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open through HKLM: %ld", r);
    if (r) return;
    r = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    ok(!r && subkeys == 2 && values == 2, "the machine's key alone: %lu subkeys, %lu values", subkeys, values);
    ok(!strcmp(get_sz(k, NULL, "both"), "from the machine"), "the machine's value: %s", get_sz(k, NULL, "both"));
    ok(!key_exists(k, "sub_usr"), "the user's subkey is not there");
    RegCloseKey(k);
}

static void test_writes(void)
{
    const char *t1 = name("t1"), *t2 = name("t2");
    HKEY k;
    LONG r;

    /* T1 exists under HKCU: a value set through HKCR goes there */
    r = RegOpenKeyExA(HKEY_CLASSES_ROOT, t1, 0, KEY_ALL_ACCESS, &k);
    ok(r == ERROR_SUCCESS, "open through HKCR: %ld", r);
    if (!r) {
        r = RegSetValueExA(k, "written", 0, REG_SZ, (const BYTE *)"w", 2);
        ok(r == ERROR_SUCCESS, "set through HKCR: %ld", r);
        RegCloseKey(k);
    }
    if (!is_wine()) {   /* Wine: written to HKLM */
        ok(!strcmp(get_sz(user_classes, t1, "written"), "w"), "the value went to HKCU\\Software\\Classes");
        ok(!*get_sz(machine_classes, t1, "written"), "and not to HKLM\\Software\\Classes");
    }
    ok(!strcmp(get_sz(HKEY_CLASSES_ROOT, t1, "written"), "w"), "read back through HKCR");

    /* T2 is in neither tree: a key written below HKCR goes to HKLM */
    DWORD disp = 0;
    r = RegCreateKeyExA(HKEY_CLASSES_ROOT, t2, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp);
    ok(r == ERROR_SUCCESS && disp == REG_CREATED_NEW_KEY, "create through HKCR: %ld %lu", r, disp);
    if (!r) {
        /* not under HKCU, so the value goes to HKLM as well */
        r = RegSetValueExA(k, "v", 0, REG_SZ, (const BYTE *)"x", 2);
        ok(r == ERROR_SUCCESS, "set a value of the new key: %ld", r);
        RegCloseKey(k);
    }
    ok(key_exists(machine_classes, t2), "the new key is in HKLM\\Software\\Classes");
    ok(!key_exists(user_classes, t2), "and not in HKCU\\Software\\Classes");
    ok(!strcmp(get_sz(machine_classes, t2, "v"), "x"), "its value is in HKLM\\Software\\Classes");
}

/* T3 has a value only in HKLM and the subkey Y only in HKCU (which has T3
 * as an empty key); Z is the machine's only */
static void test_per_level(void)
{
    const char *t3 = name("t3");
    char path[MAX_PATH];
    HKEY k, y;
    LONG r;

    set_sz(machine_classes, t3, "mach", "m3");
    snprintf(path, sizeof(path), "%s\\Z", t3);
    create(machine_classes, path);
    snprintf(path, sizeof(path), "%s\\Y", t3);
    set_sz(user_classes, path, "deep", "y");

    if (!is_wine()) {   /* Wine: no user's keys */
        r = RegOpenKeyExA(HKEY_CLASSES_ROOT, path, 0, KEY_READ, &k);
        ok(r == ERROR_SUCCESS, "open HKCR\\T3\\Y at once: %ld", r);
        if (!r) RegCloseKey(k);
        ok(!strcmp(get_sz(HKEY_CLASSES_ROOT, path, "deep"), "y"), "the user's value below");
    }
    r = RegOpenKeyExA(HKEY_CLASSES_ROOT, t3, 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open HKCR\\T3: %ld", r);
    if (r) return;
    ok(!strcmp(get_sz(k, NULL, "mach"), "m3"), "the machine's value of T3");
    ok(key_exists(k, "Z"), "the machine's subkey of T3");
    if (!is_wine()) {
        r = RegOpenKeyExA(k, "Y", 0, KEY_READ, &y);
        ok(r == ERROR_SUCCESS, "the user's subkey of T3 through the HKCR handle: %ld", r);
        if (!r) {
            ok(!strcmp(get_sz(y, NULL, "deep"), "y"), "its value");
            RegCloseKey(y);
        }
    }
    RegCloseKey(k);
}

static void cleanup(void)
{
    static const char *const suffixes[] = { "t1", "t2", "t3" };
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        const char *n = name(suffixes[i]);
        RegDeleteTreeA(user_classes, n);
        RegDeleteTreeA(machine_classes, n);
        ok(!key_exists(HKEY_CLASSES_ROOT, n), "%s deleted", n);
    }
}

int main(void)
{
    LONG r;
    is_wine();
    snprintf(base, sizeof(base), "carafe_hkcr_test_%lu", GetCurrentProcessId());
    r = RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\Classes", 0, NULL, 0, KEY_ALL_ACCESS, NULL,
                        &user_classes, NULL);
    ok(r == ERROR_SUCCESS, "HKCU\\Software\\Classes: %ld", r);
    r = RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software\\Classes", 0, KEY_ALL_ACCESS, &machine_classes);
    ok(r == ERROR_SUCCESS, "HKLM\\Software\\Classes: %ld", r);
    if (!user_classes || !machine_classes) return test_summary();

    setup_both();
    test_reads();
    test_enum();
    test_plain_handle();
    test_writes();
    test_per_level();
    cleanup();
    RegCloseKey(user_classes);
    RegCloseKey(machine_classes);
    return test_summary();
}
