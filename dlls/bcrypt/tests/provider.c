/* The RNG algorithm provider: BCryptOpenAlgorithmProvider with
 * BCRYPT_RNG_ALGORITHM (as FFmpeg's av_get_random_seed opens it),
 * BCryptGenRandom with its handle, BCryptCloseAlgorithmProvider, and the
 * documented failures. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#define BCRYPT_ALG_HANDLE_HMAC_FLAG 0x00000008
#define STATUS_SUCCESS ((NTSTATUS)0)
#define STATUS_NOT_FOUND ((NTSTATUS)0xc0000225)

static NTSTATUS (WINAPI *p_BCryptOpenAlgorithmProvider)(void **, LPCWSTR, LPCWSTR, ULONG);
static NTSTATUS (WINAPI *p_BCryptCloseAlgorithmProvider)(void *, ULONG);
static NTSTATUS (WINAPI *p_BCryptGenRandom)(void *, PUCHAR, ULONG, ULONG);

#define CANARY 0xa5

static void test_rng(const WCHAR *impl)
{
    unsigned char a[64 + 8], b[64 + 8];
    void *alg = (void *)0xdeadbeef;
    NTSTATUS status = p_BCryptOpenAlgorithmProvider(&alg, L"RNG", impl, 0);
    ok(status == STATUS_SUCCESS, "open RNG: %#lx", status);
    ok(alg != NULL && alg != (void *)0xdeadbeef, "handle %p", alg);
    if (status) return;

    memset(a, CANARY, sizeof(a));
    memset(b, CANARY, sizeof(b));
    ok(p_BCryptGenRandom(alg, a, 64, 0) == STATUS_SUCCESS, "first buffer");
    ok(p_BCryptGenRandom(alg, b, 64, 0) == STATUS_SUCCESS, "second buffer");
    ok(memcmp(a, b, 64) != 0, "two calls gave the same bytes");
    ok(a[64] == CANARY && b[64] == CANARY, "bytes after the buffer were written");
    ok(p_BCryptGenRandom(alg, a, 0, 0) == STATUS_SUCCESS, "zero bytes");
    /* documented: with the system-preferred flag the handle must be NULL
     * (Wine 8 ignores the handle and succeeds) */
    status = p_BCryptGenRandom(alg, a, 16, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(status == STATUS_INVALID_PARAMETER, "handle and system generator: %#lx", status);

    status = p_BCryptCloseAlgorithmProvider(alg, 0);
    ok(status == STATUS_SUCCESS, "close: %#lx", status);
}

int main(void)
{
    HMODULE dll = LoadLibraryA("bcrypt.dll");
    ok(dll != NULL, "LoadLibraryA bcrypt.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_BCryptOpenAlgorithmProvider = (void *)GetProcAddress(dll, "BCryptOpenAlgorithmProvider");
    p_BCryptCloseAlgorithmProvider = (void *)GetProcAddress(dll, "BCryptCloseAlgorithmProvider");
    p_BCryptGenRandom = (void *)GetProcAddress(dll, "BCryptGenRandom");
    ok(p_BCryptOpenAlgorithmProvider && p_BCryptCloseAlgorithmProvider && p_BCryptGenRandom, "exports");
    if (!p_BCryptOpenAlgorithmProvider || !p_BCryptCloseAlgorithmProvider || !p_BCryptGenRandom)
        return test_summary();

    test_rng(NULL);
    test_rng(L"Microsoft Primitive Provider");

    /* two handles are independent: closing one leaves the other usable */
    void *alg1 = NULL, *alg2 = NULL;
    unsigned char buf[16];
    ok(p_BCryptOpenAlgorithmProvider(&alg1, L"RNG", NULL, 0) == STATUS_SUCCESS, "open first");
    ok(p_BCryptOpenAlgorithmProvider(&alg2, L"RNG", NULL, 0) == STATUS_SUCCESS, "open second");
    ok(p_BCryptCloseAlgorithmProvider(alg1, 0) == STATUS_SUCCESS, "close first");
    ok(p_BCryptGenRandom(alg2, buf, sizeof(buf), 0) == STATUS_SUCCESS, "second after closing the first");
    ok(p_BCryptCloseAlgorithmProvider(alg2, 0) == STATUS_SUCCESS, "close second");

    /* documented failures (Wine 8 reports an unknown algorithm or provider
     * as STATUS_NOT_IMPLEMENTED, not STATUS_NOT_FOUND) */
    void *alg = (void *)0xdeadbeef;
    NTSTATUS status = p_BCryptOpenAlgorithmProvider(&alg, L"NO-SUCH-ALGORITHM", NULL, 0);
    ok(status == STATUS_NOT_FOUND, "unknown algorithm: %#lx", status);
    ok(alg == (void *)0xdeadbeef, "handle written on failure: %p", alg);
    status = p_BCryptOpenAlgorithmProvider(&alg, L"RNG", L"No Such Provider", 0);
    ok(status == STATUS_NOT_FOUND, "unknown provider: %#lx", status);
    status = p_BCryptOpenAlgorithmProvider(NULL, L"RNG", NULL, 0);
    ok(status == STATUS_INVALID_PARAMETER, "NULL handle pointer: %#lx", status);
    status = p_BCryptOpenAlgorithmProvider(&alg, NULL, NULL, 0);
    ok(status == STATUS_INVALID_PARAMETER, "NULL algorithm: %#lx", status);
    status = p_BCryptCloseAlgorithmProvider(NULL, 0);
    ok(status == STATUS_INVALID_HANDLE, "close NULL: %#lx", status);
    status = p_BCryptGenRandom(NULL, buf, sizeof(buf), 0);
    ok(status == STATUS_INVALID_HANDLE, "NULL handle without the system generator: %#lx", status);

    ok(FreeLibrary(dll), "FreeLibrary");
    return test_summary();
}
