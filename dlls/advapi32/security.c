/* User identity: GetUserName. */
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "winnls.h"
#include "carafe/ntdll.h"

BOOL WINAPI GetUserNameW(LPWSTR buf, LPDWORD size)
{
    const char *user = getenv("USER");
    WCHAR name[256];
    int n = carafe_utf8_to_utf16(user && *user ? user : "user", -1, name, 256);
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
