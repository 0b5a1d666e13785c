/* BCryptGenRandom with the system-preferred generator (how Rust's standard
 * library calls it), and the documented failures. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define STATUS_SUCCESS ((NTSTATUS)0)

static NTSTATUS (WINAPI *p_BCryptGenRandom)(void *, PUCHAR, ULONG, ULONG);

#define CANARY 0xa5

int main(void)
{
    unsigned char a[256 + 8], b[256 + 8];
    HMODULE dll = LoadLibraryA("bcrypt.dll");
    ok(dll != NULL, "LoadLibraryA bcrypt.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_BCryptGenRandom = (void *)GetProcAddress(dll, "BCryptGenRandom");
    ok(p_BCryptGenRandom != NULL, "BCryptGenRandom: %lu", GetLastError());
    if (!p_BCryptGenRandom) return test_summary();

    memset(a, CANARY, sizeof(a));
    memset(b, CANARY, sizeof(b));
    ok(p_BCryptGenRandom(NULL, a, 256, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_SUCCESS, "first buffer");
    ok(p_BCryptGenRandom(NULL, b, 256, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_SUCCESS, "second buffer");
    ok(memcmp(a, b, 256) != 0, "two calls gave the same bytes");
    ok(a[256] == CANARY && b[256] == CANARY, "bytes after the buffer were written");
    int same = 0;
    for (int i = 0; i < 256; i++) same += a[i] == CANARY;
    ok(same < 16, "%d of 256 bytes kept the canary", same);

    /* ignored since Windows 8 */
    ok(p_BCryptGenRandom(NULL, a, 16, BCRYPT_USE_SYSTEM_PREFERRED_RNG | BCRYPT_RNG_USE_ENTROPY_IN_BUFFER)
       == STATUS_SUCCESS, "with USE_ENTROPY_IN_BUFFER");
    ok(p_BCryptGenRandom(NULL, a, 0, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_SUCCESS, "zero bytes");

    /* without the system generator, a NULL algorithm handle is not valid */
    NTSTATUS status = p_BCryptGenRandom(NULL, a, 16, 0);
    ok(status == STATUS_INVALID_HANDLE, "NULL handle: %#lx", status);

    ok(FreeLibrary(dll), "FreeLibrary");
    return test_summary();
}
