/* Resources: FindResource(Ex), LoadResource, SizeofResource, the
 * EnumResource* walks, LoadString and version.dll, on this program's own
 * resources (resource.rc) and on it loaded as a data file. */
#include <windows.h>
#include <string.h>
#include "test.h"

static char exe_path[MAX_PATH];

static void test_find_load(HMODULE mod, const char *what)
{
    test_context = what;
    SetLastError(0xdeadbeef);
    HRSRC r = FindResourceA(mod, MAKEINTRESOURCEA(101), (LPCSTR)RT_RCDATA);
    ok(r != NULL, "FindResourceA 101: error %lu", GetLastError());
    ok(SizeofResource(mod, r) == 14, "size %lu", SizeofResource(mod, r));
    HGLOBAL g = LoadResource(mod, r);
    const char *p = LockResource(g);
    ok(p && !memcmp(p, "carafe-rcdata", 14), "data %.14s", p ? p : "(null)");

    r = FindResourceW(mod, L"#101", MAKEINTRESOURCEW(10));
    ok(r != NULL && LockResource(LoadResource(mod, r)) == p, "#101 finds the same data");

    r = FindResourceA(mod, "customdata", (LPCSTR)RT_RCDATA);
    ok(r != NULL && SizeofResource(mod, r) == 6, "named CUSTOMDATA (any case)");
    const WORD *w = r ? LockResource(LoadResource(mod, r)) : NULL;
    ok(w && w[0] == 1 && w[1] == 2 && w[2] == 3, "CUSTOMDATA words");

    r = FindResourceW(mod, MAKEINTRESOURCEW(7), L"MyType");
    p = r ? LockResource(LoadResource(mod, r)) : NULL;
    ok(p && !strcmp(p, "mine"), "custom type MYTYPE");

    r = FindResourceExW(mod, MAKEINTRESOURCEW(10), MAKEINTRESOURCEW(102), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    p = r ? LockResource(LoadResource(mod, r)) : NULL;
    ok(p && !strcmp(p, "deutsch"), "German 102: %s", p ? p : "(null)");
    r = FindResourceExA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(102), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US));
    p = r ? LockResource(LoadResource(mod, r)) : NULL;
    ok(p && !strcmp(p, "english"), "English 102: %s", p ? p : "(null)");
    r = FindResourceExA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(102), MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
    p = r ? LockResource(LoadResource(mod, r)) : NULL;
    ok(p && !strcmp(p, "english"), "neutral falls back to English: %s", p ? p : "(null)");
    r = FindResourceExA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(101), MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT));
    ok(r != NULL, "system default falls back");
    /* a specific language must match exactly */
    SetLastError(0xdeadbeef);
    r = FindResourceExA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(102), MAKELANGID(LANG_GERMAN, SUBLANG_NEUTRAL));
    ok(!r && GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND, "German neutral: %p %lu", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = FindResourceExA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(101), MAKELANGID(LANG_FRENCH, SUBLANG_DEFAULT));
    ok(!r && GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND, "French: %p %lu", r, GetLastError());
    r = FindResourceA(mod, MAKEINTRESOURCEA(102), (LPCSTR)RT_RCDATA);
    p = r ? LockResource(LoadResource(mod, r)) : NULL;
    if (GetUserDefaultLangID() == MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US))
        ok(p && !strcmp(p, "english"), "FindResource 102: %s", p ? p : "(null)");
    ok(!FreeResource(LoadResource(mod, r)), "FreeResource returns FALSE");

    SetLastError(0xdeadbeef);
    r = FindResourceA(mod, MAKEINTRESOURCEA(999), (LPCSTR)RT_RCDATA);
    ok(!r && GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "missing name: %p %lu", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = FindResourceA(mod, MAKEINTRESOURCEA(101), MAKEINTRESOURCEA(77));
    ok(!r && GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing type: %p %lu", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = FindResourceA(mod, "nosuchname", "NOSUCHTYPE");
    ok(!r && GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing named type: %p %lu", r, GetLastError());
    test_context = "";
}

/* ---- enumeration ---- */

struct seen { int count, rcdata, string, version, mytype, custom, lang407, lang409; };

static BOOL CALLBACK type_cb_a(HMODULE mod, LPSTR type, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (type == (LPSTR)RT_RCDATA) s->rcdata++;
    if (type == (LPSTR)RT_STRING) s->string++;
    if (type == (LPSTR)RT_VERSION) s->version++;
    if (!IS_INTRESOURCE(type) && !strcmp(type, "MYTYPE")) s->mytype++;
    return TRUE;
}

static BOOL CALLBACK type_cb_w(HMODULE mod, LPWSTR type, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (!IS_INTRESOURCE(type) && !wcscmp(type, L"MYTYPE")) s->mytype++;
    return TRUE;
}

static BOOL CALLBACK type_cb_stop(HMODULE mod, LPSTR type, LONG_PTR param)
{
    ++*(int *)param;
    return FALSE;
}

static BOOL CALLBACK name_cb_a(HMODULE mod, LPCSTR type, LPSTR name, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (type == (LPCSTR)RT_RCDATA && !IS_INTRESOURCE(name) && !strcmp(name, "CUSTOMDATA")) s->custom++;
    return TRUE;
}

static BOOL CALLBACK name_cb_w(HMODULE mod, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (!IS_INTRESOURCE(name) && !wcscmp(name, L"CUSTOMDATA")) s->custom++;
    return TRUE;
}

static BOOL CALLBACK lang_cb_w(HMODULE mod, LPCWSTR type, LPCWSTR name, WORD lang, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (lang == 0x407) s->lang407++;
    if (lang == 0x409) s->lang409++;
    return TRUE;
}

static BOOL CALLBACK lang_cb_a(HMODULE mod, LPCSTR type, LPCSTR name, WORD lang, LONG_PTR param)
{
    struct seen *s = (struct seen *)param;
    s->count++;
    if (!strcmp(name, "CUSTOMDATA") && lang == 0x409) s->lang409++;
    return TRUE;
}

static void test_enum(HMODULE mod, const char *what)
{
    struct seen s;
    int stops = 0;
    test_context = what;

    memset(&s, 0, sizeof(s));
    ok(EnumResourceTypesA(mod, type_cb_a, (LONG_PTR)&s), "EnumResourceTypesA");
    ok(s.rcdata == 1 && s.string == 1 && s.version == 1 && s.mytype == 1, "types %d %d %d %d of %d",
       s.rcdata, s.string, s.version, s.mytype, s.count);
    memset(&s, 0, sizeof(s));
    ok(EnumResourceTypesW(mod, type_cb_w, (LONG_PTR)&s), "EnumResourceTypesW");
    ok(s.count >= 4 && s.mytype == 1, "W types: %d, mytype %d", s.count, s.mytype);
    ok(!EnumResourceTypesA(mod, type_cb_stop, (LONG_PTR)&stops) && stops == 1, "a FALSE callback stops: %d", stops);

    memset(&s, 0, sizeof(s));
    ok(EnumResourceNamesA(mod, (LPCSTR)RT_RCDATA, name_cb_a, (LONG_PTR)&s), "EnumResourceNamesA");
    ok(s.count == 3 && s.custom == 1, "RCDATA names: %d, custom %d", s.count, s.custom);
    memset(&s, 0, sizeof(s));
    ok(EnumResourceNamesW(mod, L"mytype", name_cb_w, (LONG_PTR)&s), "EnumResourceNamesW");
    ok(s.count == 1, "MYTYPE names: %d", s.count);
    SetLastError(0xdeadbeef);
    ok(!EnumResourceNamesW(mod, MAKEINTRESOURCEW(77), name_cb_w, (LONG_PTR)&s) &&
       GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing type: %lu", GetLastError());

    memset(&s, 0, sizeof(s));
    ok(EnumResourceLanguagesW(mod, MAKEINTRESOURCEW(10), MAKEINTRESOURCEW(102), lang_cb_w, (LONG_PTR)&s),
       "EnumResourceLanguagesW");
    ok(s.count == 2 && s.lang407 == 1 && s.lang409 == 1, "102 languages %d", s.count);
    memset(&s, 0, sizeof(s));
    ok(EnumResourceLanguagesA(mod, (LPCSTR)RT_RCDATA, "CUSTOMDATA", lang_cb_a, (LONG_PTR)&s),
       "EnumResourceLanguagesA");
    ok(s.count == 1 && s.lang409 == 1, "CUSTOMDATA languages %d", s.count);
    SetLastError(0xdeadbeef);
    ok(!EnumResourceLanguagesA(mod, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(999), lang_cb_a, (LONG_PTR)&s) &&
       GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "missing name: %lu", GetLastError());
    test_context = "";
}

/* ---- LoadString ---- */

static void test_loadstring(HINSTANCE inst, const char *what)
{
    char buf[32];
    WCHAR wbuf[32];
    const WCHAR *ro = NULL;
    test_context = what;

    memset(buf, 'x', sizeof(buf));
    ok(LoadStringA(inst, 1, buf, sizeof(buf)) == 3 && !strcmp(buf, "one"), "LoadStringA 1: %s", buf);
    ok(LoadStringA(inst, 17, buf, sizeof(buf)) == 9 && !strcmp(buf, "seventeen"), "LoadStringA 17: %s", buf);
    memset(buf, 'x', sizeof(buf));
    ok(LoadStringA(inst, 17, buf, 4) == 3 && !strcmp(buf, "sev") && buf[4] == 'x', "truncated: %s", buf);
    ok(LoadStringW(inst, 2, wbuf, 32) == 3 && !wcscmp(wbuf, L"two"), "LoadStringW 2");
    ok(LoadStringW(inst, 17, (LPWSTR)&ro, 0) == 9 && ro && !memcmp(ro, L"seventeen", 9 * sizeof(WCHAR)),
       "LoadStringW read-only pointer");
    wbuf[0] = 'x';
    ok(LoadStringW(inst, 5, wbuf, 32) == 0, "empty slot in a block");
    ok(LoadStringW(inst, 100, wbuf, 32) == 0, "missing block");
    test_context = "";
}

/* ---- version.dll ---- */

static void test_version(void)
{
    DWORD handle = 0xdeadbeef, size;
    VS_FIXEDFILEINFO *ffi = NULL;
    UINT len = 0;
    void *p = NULL;
    WCHAR wpath[MAX_PATH];

    SetLastError(0xdeadbeef);
    size = GetFileVersionInfoSizeA(exe_path, &handle);
    ok(size > 0 && handle == 0, "GetFileVersionInfoSizeA: %lu %lu, error %lu", size, handle, GetLastError());
    char *block = malloc(size);
    memset(block, 0xcc, size);
    ok(GetFileVersionInfoA(exe_path, 0, size, block), "GetFileVersionInfoA");

    ok(VerQueryValueA(block, "\\", (void **)&ffi, &len) && len == sizeof(*ffi), "VerQueryValueA root: %u", len);
    ok(ffi && ffi->dwSignature == 0xfeef04bd, "signature %#lx", ffi ? ffi->dwSignature : 0);
    ok(ffi && ffi->dwFileVersionMS == 0x00010002 && ffi->dwFileVersionLS == 0x00030004, "file version");
    ok(ffi && ffi->dwProductVersionMS == 0x00050006 && ffi->dwProductVersionLS == 0x00070008, "product version");

    ok(VerQueryValueA(block, "\\VarFileInfo\\Translation", &p, &len) && len == 4, "Translation: %u", len);
    ok(p && *(DWORD *)p == 0x04b00409, "translation %#lx", p ? *(DWORD *)p : 0);

    ok(VerQueryValueA(block, "\\StringFileInfo\\040904b0\\ProductName", &p, &len), "VerQueryValueA ProductName");
    ok(p && !strcmp(p, "Carafe Test"), "ANSI ProductName %s", p ? (char *)p : "(null)");
    ok(len == 12, "ANSI length %u", len);
    ok(VerQueryValueW(block, L"\\StringFileInfo\\040904B0\\productname", &p, &len), "VerQueryValueW ProductName");
    ok(p && !wcscmp(p, L"Carafe Test"), "W ProductName");
    ok(len == 12, "W length %u", len);
    ok(!VerQueryValueW(block, L"\\StringFileInfo\\040904b0\\Nope", &p, &len), "missing value");
    free(block);

    MultiByteToWideChar(CP_ACP, 0, exe_path, -1, wpath, MAX_PATH);
    size = GetFileVersionInfoSizeExW(0, wpath, &handle);
    ok(size > 0, "GetFileVersionInfoSizeExW");
    block = malloc(size);
    ok(GetFileVersionInfoExW(0, wpath, 0, size, block), "GetFileVersionInfoExW");
    ok(VerQueryValueW(block, L"\\", (void **)&ffi, &len) && ffi->dwFileVersionLS == 0x00030004, "W root");
    free(block);

    SetLastError(0xdeadbeef);
    size = GetFileVersionInfoSizeA("C:\\no\\such\\file.exe", &handle);
    ok(size == 0 && (GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND),
       "missing file: %lu", GetLastError());
}

int main(void)
{
    GetModuleFileNameA(NULL, exe_path, sizeof(exe_path));
    HMODULE self = GetModuleHandleA(NULL);

    test_find_load(NULL, "exe(NULL): ");
    test_find_load(self, "exe: ");
    test_enum(NULL, "exe: ");
    test_loadstring(NULL, "exe: ");

    /* a copy, so that the loaded exe is not shared with the data file */
    char tmp[MAX_PATH], copy[MAX_PATH];
    GetTempPathA(sizeof(tmp), tmp);
    GetTempFileNameA(tmp, "res", 0, copy);
    ok(CopyFileA(exe_path, copy, FALSE), "CopyFileA: %lu", GetLastError());
    HMODULE data = LoadLibraryExA(copy, NULL, LOAD_LIBRARY_AS_DATAFILE);
    ok(data && ((ULONG_PTR)data & 3) == 1, "data file handle %p", data);
    if (data) {
        test_find_load(data, "datafile: ");
        test_enum(data, "datafile: ");
        test_loadstring(data, "datafile: ");
        ok(FreeLibrary(data), "FreeLibrary datafile");
    }
    HMODULE image = LoadLibraryExA(copy, NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    ok(image && ((ULONG_PTR)image & 3) == 2, "image resource handle %p", image);
    if (image) {
        test_find_load(image, "image resource: ");
        test_enum(image, "image resource: ");
        ok(FreeLibrary(image), "FreeLibrary image resource");
    }

    ok(DeleteFileA(copy), "DeleteFileA: %lu", GetLastError());

    test_version();
    return test_summary();
}
