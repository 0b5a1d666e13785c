/* CryptAcquireContextW with CRYPT_VERIFYCONTEXT, CryptGenRandom and
 * CryptReleaseContext, per Microsoft's pages. */
#include <windows.h>
#include <wincrypt.h>
#include <string.h>
#include "test.h"

int main(void)
{
    HCRYPTPROV prov = 0;
    BYTE a[64], b[64];
    SetLastError(0xdeadbeef);
    ok(CryptAcquireContextW(&prov, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT | CRYPT_SILENT), "acquire: %#lx", GetLastError());
    ok(prov != 0, "no provider handle");
    memset(a, 0xa5, sizeof(a));
    memset(b, 0xa5, sizeof(b));
    ok(CryptGenRandom(prov, 32, a) && CryptGenRandom(prov, 32, b), "CryptGenRandom");
    ok(memcmp(a, b, 32) != 0, "two calls gave the same bytes");
    ok(a[32] == 0xa5 && b[32] == 0xa5, "bytes past the length were written");
    ok(CryptReleaseContext(prov, 0), "release: %#lx", GetLastError());
    HCRYPTPROV aes = 0;
    ok(CryptAcquireContextW(&aes, NULL, MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), "AES provider: %#lx", GetLastError());
    ok(CryptReleaseContext(aes, 0), "release AES");
    SetLastError(0xdeadbeef);
    ok(!CryptAcquireContextW(&aes, NULL, L"No Such Provider", PROV_RSA_FULL, CRYPT_VERIFYCONTEXT) &&
       GetLastError() == NTE_KEYSET_NOT_DEF, "unknown provider: %#lx", GetLastError());
    return test_summary();
}
