/* Conformance tests: SHGetKnownFolderPath for the file-system known folders
 * and the KF_FLAG_DONT_VERIFY / KF_FLAG_CREATE flags. */
#include <windows.h>
#include <shlobj.h>
#include <knownfolders.h>
#include "test.h"

static int is_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

/* the folder's path must equal the environment variable VAR (ntdll's
 * environment and the known folders describe the same prefix) */
static void check_env(int line, REFKNOWNFOLDERID id, const WCHAR *var, const WCHAR *tail)
{
    WCHAR expect[MAX_PATH], *path = (WCHAR *)0xdeadbeef;
    DWORD n = GetEnvironmentVariableW(var, expect, MAX_PATH);
    test_ok(n > 0 && n < MAX_PATH, __FILE__, line, "%ls not set\n", var);
    if (tail) lstrcatW(expect, tail);
    HRESULT hr = SHGetKnownFolderPath(id, KF_FLAG_DONT_VERIFY, NULL, &path);
    test_ok(hr == S_OK, __FILE__, line, "%ls: hr %#lx\n", var, hr);
    if (hr != S_OK) return;
    test_ok(!lstrcmpiW(path, expect), __FILE__, line, "got <%ls>, expected <%ls>\n", path, expect);
    CoTaskMemFree(path);
}

static void check_dir(int line, REFKNOWNFOLDERID id, const WCHAR *expect)
{
    WCHAR *path = NULL;
    HRESULT hr = SHGetKnownFolderPath(id, 0, NULL, &path);
    test_ok(hr == S_OK, __FILE__, line, "<%ls>: hr %#lx\n", expect, hr);
    if (hr != S_OK) return;
    test_ok(!lstrcmpiW(path, expect), __FILE__, line, "got <%ls>, expected <%ls>\n", path, expect);
    CoTaskMemFree(path);
}

int main(void)
{
    WCHAR buf[MAX_PATH], *path;
    HRESULT hr;

    check_env(__LINE__, &FOLDERID_Profile, L"USERPROFILE", NULL);
    check_env(__LINE__, &FOLDERID_RoamingAppData, L"APPDATA", NULL);
    check_env(__LINE__, &FOLDERID_LocalAppData, L"LOCALAPPDATA", NULL);
    check_env(__LINE__, &FOLDERID_ProgramData, L"ProgramData", NULL);
    check_env(__LINE__, &FOLDERID_ProgramFiles, L"ProgramFiles", NULL);
    check_env(__LINE__, &FOLDERID_ProgramFilesX64, L"ProgramFiles", NULL);
    check_env(__LINE__, &FOLDERID_Documents, L"USERPROFILE", L"\\Documents");
    check_env(__LINE__, &FOLDERID_Downloads, L"USERPROFILE", L"\\Downloads");
    check_env(__LINE__, &FOLDERID_LocalAppDataLow, L"USERPROFILE", L"\\AppData\\LocalLow");
    check_env(__LINE__, &FOLDERID_Programs, L"APPDATA", L"\\Microsoft\\Windows\\Start Menu\\Programs");
    check_env(__LINE__, &FOLDERID_CommonPrograms, L"ProgramData", L"\\Microsoft\\Windows\\Start Menu\\Programs");
    check_env(__LINE__, &FOLDERID_Fonts, L"windir", L"\\Fonts");

    /* these exist in every prefix, so verifying them succeeds */
    GetWindowsDirectoryW(buf, MAX_PATH);
    check_dir(__LINE__, &FOLDERID_Windows, buf);
    GetSystemDirectoryW(buf, MAX_PATH);
    check_dir(__LINE__, &FOLDERID_System, buf);
    GetEnvironmentVariableW(L"LOCALAPPDATA", buf, MAX_PATH);
    check_dir(__LINE__, &FOLDERID_LocalAppData, buf);

    /* no trailing backslash, even for a drive-level folder */
    path = NULL;
    hr = SHGetKnownFolderPath(&FOLDERID_UserProfiles, KF_FLAG_DONT_VERIFY, NULL, &path);
    ok(hr == S_OK, "UserProfiles: hr %#lx\n", hr);
    if (path) {
        int n = lstrlenW(path);
        ok(n > 3 && path[n - 1] != '\\' && path[1] == ':', "UserProfiles <%ls>\n", path);
        CoTaskMemFree(path);
    }

    /* an ID that names no known folder: E_INVALIDARG, as Microsoft documents
     * for an ID "not present on the system", and a NULL path (Wine 8 returns
     * HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)) */
    static const GUID unknown = { 0x12345678, 0x1234, 0x5678, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    path = (WCHAR *)0xdeadbeef;
    hr = SHGetKnownFolderPath(&unknown, 0, NULL, &path);
    ok(hr == E_INVALIDARG || (is_wine() && hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)),
       "unknown id: hr %#lx\n", hr);
    ok(path == NULL, "unknown id: path %p\n", path);

    /* without KF_FLAG_DONT_VERIFY a missing folder is an error (a fresh
     * prefix has no Music folder; Wine's prefix has one) and KF_FLAG_CREATE
     * makes it */
    WCHAR music[MAX_PATH];
    path = NULL;
    hr = SHGetKnownFolderPath(&FOLDERID_Music, KF_FLAG_DONT_VERIFY, NULL, &path);
    ok(hr == S_OK && path, "Music: hr %#lx\n", hr);
    if (path) {
        lstrcpyW(music, path);
        CoTaskMemFree(path);
        DWORD attr = GetFileAttributesW(music);
        path = (WCHAR *)0xdeadbeef;
        hr = SHGetKnownFolderPath(&FOLDERID_Music, 0, NULL, &path);
        if (attr == INVALID_FILE_ATTRIBUTES) {
            ok(hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), "missing Music: hr %#lx\n", hr);
            ok(path == NULL, "missing Music: path %p\n", path);
        } else {
            ok(hr == S_OK, "existing Music: hr %#lx\n", hr);
            if (hr == S_OK) CoTaskMemFree(path);
        }
        path = NULL;
        hr = SHGetKnownFolderPath(&FOLDERID_Music, KF_FLAG_CREATE, NULL, &path);
        ok(hr == S_OK, "Music with KF_FLAG_CREATE: hr %#lx\n", hr);
        ok(path && !lstrcmpiW(path, music), "Music <%ls>, expected <%ls>\n", path, music);
        CoTaskMemFree(path);
        attr = GetFileAttributesW(music);
        ok(attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY), "Music not created\n");
    }
    return test_summary();
}
