/* User identity: GetUserName. */
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>
#include "winbase.h"
#include "winnls.h"
#include "carafe/ntdll.h"

/* The Unix user, found as ntdll finds it for USERNAME and the profile
 * directory: $USER, else the password database, else "user". */
static const char *unix_user(void)
{
    const char *u = getenv("USER");
    struct passwd *pw;
    if ((!u || !*u) && (pw = getpwuid(getuid()))) u = pw->pw_name;
    return u && *u ? u : "user";
}

BOOL WINAPI GetUserNameW(LPWSTR buf, LPDWORD size)
{
    WCHAR name[256];
    int n = carafe_utf8_to_utf16(unix_user(), -1, name, 256);
    if (!size) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!buf || *size < (DWORD)n) {
        *size = n;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(buf, name, n * sizeof(WCHAR));
    *size = n;   /* including the terminator */
    return TRUE;
}

BOOL WINAPI GetUserNameA(LPSTR buf, LPDWORD size)
{
    WCHAR name[256];
    DWORD n = 256;
    if (!size) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!GetUserNameW(name, &n)) return FALSE;
    int need = WideCharToMultiByte(CP_ACP, 0, name, -1, NULL, 0, NULL, NULL);
    if (!buf || *size < (DWORD)need) {
        *size = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    WideCharToMultiByte(CP_ACP, 0, name, -1, buf, *size, NULL, NULL);
    *size = need;
    return TRUE;
}
