/* Conformance tests: CP_ACP when the ANSI code page is UTF-8 (a manifest's
 * activeCodePage on Windows; CARAFE_ACP=65001 or a UTF-8 locale here).
 * CP_ACP then still takes the arguments of a code page table, which CP_UTF8
 * itself refuses: MSVC's static CRT (strftime) and std::filesystem pass
 * MB_PRECOMPOSED, WC_NO_BEST_FIT_CHARS and lpUsedDefaultChar, and CMake,
 * whose manifest declares UTF-8, works on Windows.  The test runs itself as
 * a child with CARAFE_ACP=65001; where that does not make the ANSI code page
 * UTF-8 (Wine) the child has nothing to check. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

static int child(void)
{
    WCHAR w[16];
    char buf[16];
    BOOL used = TRUE;
    if (GetACP() != CP_UTF8) {
        printf("the ANSI code page is %u here, not UTF-8: nothing to check\n", GetACP());
        return test_summary();
    }
    ok(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED | MB_ERR_INVALID_CHARS, "%Y", -1, NULL, 0) == 3,
       "MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED): %lu\n", GetLastError());
    ok(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, "\xc3\xa9", -1, w, 16) == 2 && w[0] == 0xe9,
       "MultiByteToWideChar(CP_ACP) of UTF-8: %lu\n", GetLastError());
    int n = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, L"\xe9", -1, buf, sizeof(buf), NULL, &used);
    ok(n == 3 && !strcmp(buf, "\xc3\xa9") && !used, "WideCharToMultiByte(CP_ACP): %d, used %d\n", n, used);
    /* CP_UTF8 by name keeps its documented rules */
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "%Y", -1, NULL, 0) && GetLastError() == ERROR_INVALID_FLAGS,
       "MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED): %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", -1, buf, sizeof(buf), NULL, NULL) &&
       GetLastError() == ERROR_INVALID_FLAGS, "WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS): %lu\n",
       GetLastError());
    return test_summary();
}

int main(int argc, char **argv)
{
    char self[MAX_PATH], cmd[MAX_PATH + 16];
    PROCESS_INFORMATION pi;
    STARTUPINFOA si = { sizeof(si) };
    DWORD code = 99;
    if (argc >= 2 && !strcmp(argv[1], "child")) return child();
    GetModuleFileNameA(NULL, self, sizeof(self));
    snprintf(cmd, sizeof(cmd), "\"%s\" child", self);
    SetEnvironmentVariableA("CARAFE_ACP", "65001");
    fflush(stdout);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess %lu\n", GetLastError());
    WaitForSingleObject(pi.hProcess, 20000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child found %lu failures\n", code);
    return test_summary();
}
