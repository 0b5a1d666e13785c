/* Conformance tests: a program whose manifest sets activeCodePage to UTF-8
 * (acputf8.manifest, linked in by tests/local.mk) gets 65001 as its ANSI
 * and OEM code page, and CP_ACP then still takes the arguments of a code
 * page table, which CP_UTF8 itself refuses: MSVC's static CRT (strftime)
 * and std::filesystem pass MB_PRECOMPOSED, WC_NO_BEST_FIT_CHARS and
 * lpUsedDefaultChar, and CMake, whose manifest declares UTF-8, works on
 * Windows. */
#include <windows.h>
#include <string.h>
#include "test.h"

int main(void)
{
    WCHAR w[16];
    char buf[16];
    BOOL used = TRUE;
    ok(GetACP() == CP_UTF8 && GetOEMCP() == CP_UTF8, "code pages %u/%u\n", GetACP(), GetOEMCP());
    if (GetACP() != CP_UTF8) return test_summary();
    ok(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED | MB_ERR_INVALID_CHARS, "%Y", -1, NULL, 0) == 3,
       "MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED): %lu\n", GetLastError());
    ok(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, "\xc3\xa9", -1, w, 16) == 2 && w[0] == 0xe9,
       "MultiByteToWideChar(CP_ACP) of UTF-8: %lu\n", GetLastError());
    int n = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, L"\xe9", -1, buf, sizeof(buf), NULL, &used);
    ok(n == 3 && !strcmp(buf, "\xc3\xa9") && !used, "WideCharToMultiByte(CP_ACP): %d, used %d\n", n, used);
    /* CP_UTF8 by name keeps its documented rules ("dwFlags must be set to
     * either 0 or MB_ERR_INVALID_CHARS"; Wine 8 accepts the others) */
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "%Y", -1, NULL, 0) && GetLastError() == ERROR_INVALID_FLAGS,
       "MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED): %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", -1, buf, sizeof(buf), NULL, NULL) &&
       GetLastError() == ERROR_INVALID_FLAGS, "WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS): %lu\n",
       GetLastError());
    return test_summary();
}
