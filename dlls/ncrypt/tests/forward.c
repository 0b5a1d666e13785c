/* ncrypt.dll exports the BCrypt functions that FFmpeg's Windows builds
 * import from it; they are bcrypt.dll's (forwarded), so a handle from one
 * works with the other. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define STATUS_SUCCESS ((NTSTATUS)0)

typedef NTSTATUS (WINAPI *open_fn)(void **, LPCWSTR, LPCWSTR, ULONG);
typedef NTSTATUS (WINAPI *close_fn)(void *, ULONG);
typedef NTSTATUS (WINAPI *gen_fn)(void *, PUCHAR, ULONG, ULONG);

int main(void)
{
    static const char *const names[] = {
        "BCryptCloseAlgorithmProvider", "BCryptGenRandom", "BCryptOpenAlgorithmProvider",
    };
    HMODULE ncrypt = LoadLibraryA("ncrypt.dll"), bcrypt = LoadLibraryA("bcrypt.dll");
    ok(ncrypt != NULL, "LoadLibraryA ncrypt.dll: %lu", GetLastError());
    ok(bcrypt != NULL, "LoadLibraryA bcrypt.dll: %lu", GetLastError());
    if (!ncrypt || !bcrypt) return test_summary();

    for (int i = 0; i < 3; i++) {
        FARPROC n = GetProcAddress(ncrypt, names[i]), b = GetProcAddress(bcrypt, names[i]);
        ok(n != NULL, "ncrypt.dll %s: %lu", names[i], GetLastError());
        ok(n == b, "ncrypt.dll %s is %p, bcrypt.dll's is %p", names[i], n, b);
    }

    open_fn p_open = (open_fn)GetProcAddress(ncrypt, "BCryptOpenAlgorithmProvider");
    gen_fn p_gen = (gen_fn)GetProcAddress(ncrypt, "BCryptGenRandom");
    close_fn p_close = (close_fn)GetProcAddress(bcrypt, "BCryptCloseAlgorithmProvider");
    if (p_open && p_gen && p_close) {
        void *alg = NULL;
        unsigned char seed[4];
        ok(p_open(&alg, L"RNG", L"Microsoft Primitive Provider", 0) == STATUS_SUCCESS, "open RNG");
        ok(p_gen(alg, seed, sizeof(seed), 0) == STATUS_SUCCESS, "BCryptGenRandom");
        ok(p_close(alg, 0) == STATUS_SUCCESS, "close with bcrypt.dll's function");
    }

    ok(FreeLibrary(ncrypt), "FreeLibrary ncrypt");
    ok(FreeLibrary(bcrypt), "FreeLibrary bcrypt");
    return test_summary();
}
