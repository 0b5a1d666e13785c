/* SHGetKnownFolderPath: the file-system known folders (KNOWNFOLDERID, with
 * the default paths Microsoft documents) laid out as the prefix lays them
 * out, consistent with the environment ntdll gives a process: the profile
 * is C:\users\NAME (USERPROFILE), APPDATA and LOCALAPPDATA are below it,
 * ProgramData and Program Files are on C:.  Folders are never redirected,
 * so the redirection flags (KF_FLAG_DEFAULT_PATH, KF_FLAG_NO_ALIAS, ...)
 * change nothing.  Virtual folders and IDs not listed here get
 * E_INVALIDARG, as an ID "not present on the system" does. */
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "winerror.h"
#include "shlobj.h"
#include "carafe/ntdll.h"

enum root { R_PROFILE, R_DRIVE, R_WINDOWS, R_SYSTEM };

struct known_folder {
    KNOWNFOLDERID id;
    enum root root;
    const WCHAR *sub;   /* below the root, starting with a backslash */
};

#define ROAMING u"\\AppData\\Roaming"
#define START_MENU u"\\Microsoft\\Windows\\Start Menu"

static const struct known_folder folders[] = {
    /* FOLDERID_Profile: %USERPROFILE% */
    { { 0x5e6c858f, 0x0e22, 0x4760, { 0x9a, 0xfe, 0xea, 0x33, 0x17, 0xb6, 0x71, 0x73 } }, R_PROFILE, u"" },
    /* FOLDERID_RoamingAppData: %APPDATA% */
    { { 0x3eb685db, 0x65f9, 0x4cf6, { 0xa0, 0x3a, 0xe3, 0xef, 0x65, 0x72, 0x9f, 0x3d } }, R_PROFILE, ROAMING },
    /* FOLDERID_LocalAppData: %LOCALAPPDATA% */
    { { 0xf1b32785, 0x6fba, 0x4fcf, { 0x9d, 0x55, 0x7b, 0x8e, 0x7f, 0x15, 0x70, 0x91 } }, R_PROFILE, u"\\AppData\\Local" },
    /* FOLDERID_LocalAppDataLow */
    { { 0xa520a1a4, 0x1780, 0x4ff6, { 0xbd, 0x18, 0x16, 0x73, 0x43, 0xc5, 0xaf, 0x16 } }, R_PROFILE, u"\\AppData\\LocalLow" },
    /* FOLDERID_Desktop */
    { { 0xb4bfcc3a, 0xdb2c, 0x424c, { 0xb0, 0x29, 0x7f, 0xe9, 0x9a, 0x87, 0xc6, 0x41 } }, R_PROFILE, u"\\Desktop" },
    /* FOLDERID_Documents */
    { { 0xfdd39ad0, 0x238f, 0x46af, { 0xad, 0xb4, 0x6c, 0x85, 0x48, 0x03, 0x69, 0xc7 } }, R_PROFILE, u"\\Documents" },
    /* FOLDERID_Downloads */
    { { 0x374de290, 0x123f, 0x4565, { 0x91, 0x64, 0x39, 0xc4, 0x92, 0x5e, 0x46, 0x7b } }, R_PROFILE, u"\\Downloads" },
    /* FOLDERID_Favorites */
    { { 0x1777f761, 0x68ad, 0x4d8a, { 0x87, 0xbd, 0x30, 0xb7, 0x59, 0xfa, 0x33, 0xdd } }, R_PROFILE, u"\\Favorites" },
    /* FOLDERID_Music */
    { { 0x4bd8d571, 0x6d19, 0x48d3, { 0xbe, 0x97, 0x42, 0x22, 0x20, 0x08, 0x0e, 0x43 } }, R_PROFILE, u"\\Music" },
    /* FOLDERID_Pictures */
    { { 0x33e28130, 0x4e1e, 0x4676, { 0x83, 0x5a, 0x98, 0x39, 0x5c, 0x3b, 0xc3, 0xbb } }, R_PROFILE, u"\\Pictures" },
    /* FOLDERID_Videos */
    { { 0x18989b1d, 0x99b5, 0x455b, { 0x84, 0x1c, 0xab, 0x7c, 0x74, 0xe4, 0xdd, 0xfc } }, R_PROFILE, u"\\Videos" },
    /* FOLDERID_Templates: %APPDATA%\Microsoft\Windows\Templates */
    { { 0xa63293e8, 0x664e, 0x48db, { 0xa0, 0x79, 0xdf, 0x75, 0x9e, 0x05, 0x09, 0xf7 } }, R_PROFILE,
      ROAMING u"\\Microsoft\\Windows\\Templates" },
    /* FOLDERID_StartMenu */
    { { 0x625b53c3, 0xab48, 0x4ec1, { 0xba, 0x1f, 0xa1, 0xef, 0x41, 0x46, 0xfc, 0x19 } }, R_PROFILE, ROAMING START_MENU },
    /* FOLDERID_Programs */
    { { 0xa77f5d77, 0x2e2b, 0x44c3, { 0xa6, 0xa2, 0xab, 0xa6, 0x01, 0x05, 0x4a, 0x51 } }, R_PROFILE,
      ROAMING START_MENU u"\\Programs" },
    /* FOLDERID_UserProfiles: %SystemDrive%\Users (the prefix spells it users) */
    { { 0x0762d272, 0xc50a, 0x4bb0, { 0xa3, 0x82, 0x69, 0x7d, 0xcd, 0x72, 0x9b, 0x80 } }, R_DRIVE, u"\\users" },
    /* FOLDERID_Public: %PUBLIC% */
    { { 0xdfdf76a2, 0xc82a, 0x4d63, { 0x90, 0x6a, 0x56, 0x44, 0xac, 0x45, 0x73, 0x85 } }, R_DRIVE, u"\\users\\Public" },
    /* FOLDERID_ProgramData: %ALLUSERSPROFILE% */
    { { 0x62ab5d82, 0xfdc1, 0x4dc3, { 0xa9, 0xdd, 0x07, 0x0d, 0x1d, 0x49, 0x5d, 0x97 } }, R_DRIVE, u"\\ProgramData" },
    /* FOLDERID_CommonPrograms */
    { { 0x0139d44e, 0x6afe, 0x49f2, { 0x86, 0x90, 0x3d, 0xaf, 0xca, 0xe6, 0xff, 0xb8 } }, R_DRIVE,
      u"\\ProgramData" START_MENU u"\\Programs" },
    /* FOLDERID_ProgramFiles and FOLDERID_ProgramFilesX64 (a 64-bit caller) */
    { { 0x905e63b6, 0xc1bf, 0x494e, { 0xb2, 0x9c, 0x65, 0xb7, 0x32, 0xd3, 0xd2, 0x1a } }, R_DRIVE, u"\\Program Files" },
    { { 0x6d809377, 0x6af0, 0x444b, { 0x89, 0x57, 0xa3, 0x77, 0x3f, 0x02, 0x20, 0x0e } }, R_DRIVE, u"\\Program Files" },
    /* FOLDERID_ProgramFilesX86 */
    { { 0x7c5a40ef, 0xa0fb, 0x4bfc, { 0x87, 0x4a, 0xc0, 0xf2, 0xe0, 0xb9, 0xfa, 0x8e } }, R_DRIVE,
      u"\\Program Files (x86)" },
    /* FOLDERID_Windows: %windir% */
    { { 0xf38bf404, 0x1d43, 0x42f2, { 0x93, 0x05, 0x67, 0xde, 0x0b, 0x28, 0xfc, 0x23 } }, R_WINDOWS, u"" },
    /* FOLDERID_Fonts */
    { { 0xfd228cb7, 0xae11, 0x4ae3, { 0x86, 0x4c, 0x16, 0xf3, 0x91, 0x0a, 0xb8, 0xfe } }, R_WINDOWS, u"\\Fonts" },
    /* FOLDERID_System: %windir%\system32 */
    { { 0x1ac14e77, 0x02e7, 0x4e5d, { 0xb7, 0x44, 0x2e, 0xb1, 0xae, 0x51, 0x98, 0xb7 } }, R_SYSTEM, u"" },
};

static int same_guid(const GUID *a, const GUID *b)
{
    return a->Data1 == b->Data1 && a->Data2 == b->Data2 && a->Data3 == b->Data3 &&
           !memcmp(a->Data4, b->Data4, sizeof(a->Data4));
}

static size_t wcat(WCHAR *dst, size_t len, size_t cap, const WCHAR *s)
{
    while (*s && len + 1 < cap) dst[len++] = *s++;
    dst[len] = 0;
    return len;
}

/* The folder's path, without a trailing backslash; 0 if it does not fit. */
static size_t folder_path(const struct known_folder *f, BOOL default_user, WCHAR *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = 0;
    switch (f->root) {
    case R_PROFILE:
        len = wcat(buf, 0, cap, u"C:\\users\\");
        if (default_user) {
            len = wcat(buf, len, cap, u"Default");
        } else {
            WCHAR name[256];
            carafe_utf8_to_utf16(carafe_user_name(), -1, name, 256);
            len = wcat(buf, len, cap, name);
        }
        break;
    case R_DRIVE:
        len = wcat(buf, 0, cap, u"C:");
        break;
    case R_WINDOWS:
        len = GetWindowsDirectoryW(buf, cap);
        break;
    case R_SYSTEM:
        len = GetSystemDirectoryW(buf, cap);
        break;
    }
    if (!len || len >= cap) return 0;
    len = wcat(buf, len, cap, f->sub);
    return len + 1 < cap ? len : 0;
}

/* Creates PATH and the folders above it that are missing. */
static DWORD create_folder(WCHAR *path)
{
    for (WCHAR *p = path + 3; ; p++) {   /* after "C:\" */
        if (*p != '\\' && *p) continue;
        WCHAR c = *p;
        *p = 0;
        DWORD attr = GetFileAttributesW(path);
        if (attr == INVALID_FILE_ATTRIBUTES && !CreateDirectoryW(path, NULL) &&
            GetLastError() != ERROR_ALREADY_EXISTS) {
            *p = c;
            return GetLastError();
        }
        *p = c;
        if (!c) return ERROR_SUCCESS;
    }
}

HRESULT WINAPI SHGetKnownFolderPath(REFKNOWNFOLDERID id, DWORD flags, HANDLE token, PWSTR *out)
{
    if (!out) return E_INVALIDARG;
    *out = NULL;
    if (!id) return E_INVALIDARG;
    const struct known_folder *f = NULL;
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]) && !f; i++)
        if (same_guid(id, &folders[i].id)) f = &folders[i];
    if (!f) return E_INVALIDARG;

    /* a token of -1 asks for the Default User profile; every other token is
     * the one user a prefix has */
    WCHAR path[MAX_PATH];
    size_t len = folder_path(f, token == (HANDLE)-1, path, MAX_PATH);
    if (!len) return E_FAIL;

    if (flags & KF_FLAG_CREATE) {
        DWORD err = create_folder(path);
        if (err) return HRESULT_FROM_WIN32(err);
    }
    if (!(flags & KF_FLAG_DONT_VERIFY)) {
        DWORD attr = GetFileAttributesW(path);
        if (attr == INVALID_FILE_ATTRIBUTES || !(attr & FILE_ATTRIBUTE_DIRECTORY))
            return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    }
    WCHAR *copy = CoTaskMemAlloc((len + 1) * sizeof(WCHAR));
    if (!copy) return E_OUTOFMEMORY;
    memcpy(copy, path, (len + 1) * sizeof(WCHAR));
    *out = copy;
    return S_OK;
}
