/* Conformance tests: last error, FormatMessage (system texts, inserts,
 * argument arrays, printf formats, buffer allocation). */
#include <windows.h>
#include <string.h>
#include <stdarg.h>
#include "test.h"

#define CANARY 0x7f

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static void test_last_error(void)
{
    SetLastError(0xdeadbeef);
    ok(GetLastError() == 0xdeadbeef, "GetLastError %lx\n", GetLastError());
    SetLastError(ERROR_SUCCESS);
    ok(GetLastError() == ERROR_SUCCESS, "GetLastError %lu\n", GetLastError());
    SetLastError(ERROR_FILE_NOT_FOUND);
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "GetLastError %lu\n", GetLastError());
    /* the value lives in the TEB: NtCurrentTeb()->LastErrorValue at 0x68 */
    ok(*(DWORD *)((char *)NtCurrentTeb() + 0x68) == ERROR_FILE_NOT_FOUND, "TEB LastErrorValue %lu\n",
       *(DWORD *)((char *)NtCurrentTeb() + 0x68));
}

/* the exact English system texts of Windows, with their CRLF */
static void test_system_texts(void)
{
    static const struct { DWORD code; const char *text; } texts[] = {
        { ERROR_SUCCESS, "The operation completed successfully.\r\n" },
        { ERROR_INVALID_FUNCTION, "Incorrect function.\r\n" },
        { ERROR_FILE_NOT_FOUND, "The system cannot find the file specified.\r\n" },
        { ERROR_PATH_NOT_FOUND, "The system cannot find the path specified.\r\n" },
        { ERROR_ACCESS_DENIED, "Access is denied.\r\n" },
        { ERROR_INVALID_HANDLE, "The handle is invalid.\r\n" },
        { ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command.\r\n" },
        { ERROR_NO_MORE_FILES, "There are no more files.\r\n" },
        { ERROR_SHARING_VIOLATION, "The process cannot access the file because it is being used by another process.\r\n" },
        { ERROR_HANDLE_EOF, "Reached the end of the file.\r\n" },
        { ERROR_NOT_SUPPORTED, "The request is not supported.\r\n" },
        { ERROR_FILE_EXISTS, "The file exists.\r\n" },
        { ERROR_INVALID_PARAMETER, "The parameter is incorrect.\r\n" },
        { ERROR_BROKEN_PIPE, "The pipe has been ended.\r\n" },
        { ERROR_CALL_NOT_IMPLEMENTED, "This function is not supported on this system.\r\n" },
        { ERROR_INSUFFICIENT_BUFFER, "The data area passed to a system call is too small.\r\n" },
        { ERROR_INVALID_NAME, "The filename, directory name, or volume label syntax is incorrect.\r\n" },
        { ERROR_MOD_NOT_FOUND, "The specified module could not be found.\r\n" },
        { ERROR_PROC_NOT_FOUND, "The specified procedure could not be found.\r\n" },
        { ERROR_DIR_NOT_EMPTY, "The directory is not empty.\r\n" },
        { ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists.\r\n" },
        { ERROR_ENVVAR_NOT_FOUND, "The system could not find the environment option that was entered.\r\n" },
        { ERROR_MORE_DATA, "More data is available.\r\n" },
        { ERROR_NO_MORE_ITEMS, "No more data is available.\r\n" },
        { ERROR_DIRECTORY, "The directory name is invalid.\r\n" },
        { ERROR_INVALID_ADDRESS, "Attempt to access invalid address.\r\n" },
        { ERROR_NOACCESS, "Invalid access to memory location.\r\n" },
        { ERROR_INVALID_FLAGS, "Invalid flags.\r\n" },
        { ERROR_NOT_FOUND, "Element not found.\r\n" },
    };
    char buf[256];
    WCHAR wbuf[256];
    DWORD r;

    /* Wine has texts of its own; these are Windows' (Microsoft's "System
     * Error Codes" pages), so they are checked only there */
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        size_t len;
        memset(buf, CANARY, sizeof(buf));
        SetLastError(0xdeadbeef);
        r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, texts[i].code,
                           MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), buf, sizeof(buf), NULL);
        len = r ? strlen(buf) : 0;
        ok(r && r == len, "code %lu: returned %lu\n", texts[i].code, r);
        ok(len >= 2 && !strcmp(buf + len - 2, "\r\n"), "code %lu: no CRLF at the end\n", texts[i].code);
        if (!is_wine()) ok(r && !strcmp(buf, texts[i].text), "code %lu: \"%s\"\n", texts[i].code, r ? buf : "");
        ok(GetLastError() == 0xdeadbeef, "code %lu: error %lu\n", texts[i].code, GetLastError());
    }

    /* the W function gives the same text */
    char access[256];
    DWORD alen = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                                ERROR_ACCESS_DENIED, 0, access, sizeof(access), NULL);
    ok(alen > 2, "access denied text %lu\n", alen);
    memset(wbuf, CANARY, sizeof(wbuf));
    r = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED,
                       MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), wbuf, 256, NULL);
    WideCharToMultiByte(CP_ACP, 0, wbuf, -1, buf, sizeof(buf), NULL, NULL);
    ok(r == alen && !strcmp(buf, access), "W text %lu \"%s\"\n", r, buf);
    ok(wbuf[r + 1] == 0x7f7f, "W canary\n");

    /* language 0: the default language */
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0,
                       buf, sizeof(buf), NULL);
    ok(r == alen, "language 0: %lu\n", r);

    /* inserts kept with IGNORE_INSERTS */
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_BAD_EXE_FORMAT, 0,
                       buf, sizeof(buf), NULL);
    ok(r && strstr(buf, "%1"), "bad exe \"%s\"\n", r ? buf : "");
    if (!is_wine()) ok(r && !strcmp(buf, "%1 is not a valid Win32 application.\r\n"), "bad exe \"%s\"\n", r ? buf : "");

    /* an unknown code */
    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 0xbeef, 0, buf, sizeof(buf), NULL);
    ok(r == 0, "unknown code returned %lu\n", r);
    ok(GetLastError() == ERROR_MR_MID_NOT_FOUND, "unknown code error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 0xbeef, 0, wbuf, 256, NULL);
    ok(r == 0 && GetLastError() == ERROR_MR_MID_NOT_FOUND, "W unknown code %lu %lu\n", r, GetLastError());

    /* a buffer too small */
    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0,
                       buf, 5, NULL);
    ok(r == 0, "small buffer returned %lu\n", r);
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer error %lu\n", GetLastError());
    /* exactly the length: no room for the NUL */
    SetLastError(0xdeadbeef);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0,
                       buf, alen, NULL);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "exact length %lu %lu\n", r, GetLastError());
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0,
                       buf, alen + 1, NULL);
    ok(r == alen, "length + 1: %lu\n", r);
}

static void test_allocate(void)
{
    char *a = NULL;
    WCHAR *w = NULL;
    DWORD r;

    char expect[256];
    WCHAR wexpect[256];
    DWORD len = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                               ERROR_INVALID_PARAMETER, 0, expect, sizeof(expect), NULL);
    FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_INVALID_PARAMETER, 0,
                   wexpect, 256, NULL);
    ok(len > 0, "invalid parameter text %lu\n", len);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                       NULL, ERROR_INVALID_PARAMETER, 0, (char *)&a, 0, NULL);
    ok(r == len && a && !strcmp(a, expect), "allocated A %lu\n", r);
    ok(LocalFree(a) == NULL, "LocalFree of the message failed\n");
    r = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                       NULL, ERROR_INVALID_PARAMETER, 0, (WCHAR *)&w, 0, NULL);
    ok(r == len && w && !wcscmp(w, wexpect), "allocated W %lu\n", r);
    ok(LocalFree(w) == NULL, "LocalFree of the W message failed\n");

    /* nSize is then a minimum */
    a = NULL;
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, "abc", 0, 0, (char *)&a, 100, NULL);
    ok(r == 3 && a && !strcmp(a, "abc"), "allocated from string %lu\n", r);
    ok(a && LocalSize(a) >= 100, "allocated size %Iu\n", a ? LocalSize(a) : 0);
    LocalFree(a);

    /* an unknown code allocates nothing */
    a = (char *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    r = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, 0xbeef, 0, (char *)&a, 0, NULL);
    ok(r == 0 && GetLastError() == ERROR_MR_MID_NOT_FOUND, "allocate unknown %lu %lu\n", r, GetLastError());
    ok(a == NULL || a == (char *)0xdeadbeef, "allocate unknown gave %p\n", a);
}

static DWORD fmt_a(DWORD flags, const char *src, char *buf, DWORD size, ...)
{
    va_list ap;
    va_start(ap, size);
    DWORD r = FormatMessageA(flags | FORMAT_MESSAGE_FROM_STRING, src, 0, 0, buf, size, &ap);
    va_end(ap);
    return r;
}

static DWORD fmt_w(DWORD flags, const WCHAR *src, WCHAR *buf, DWORD size, ...)
{
    va_list ap;
    va_start(ap, size);
    DWORD r = FormatMessageW(flags | FORMAT_MESSAGE_FROM_STRING, src, 0, 0, buf, size, &ap);
    va_end(ap);
    return r;
}

static void test_from_string(void)
{
    char buf[256];
    WCHAR wbuf[256];
    DWORD r;

    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = fmt_a(0, "%1 and %2", buf, sizeof(buf), "one", "two");
    ok(r == 11 && !strcmp(buf, "one and two"), "two inserts %lu \"%s\"\n", r, buf);
    ok(buf[12] == CANARY, "canary\n");
    ok(GetLastError() == 0xdeadbeef, "error changed %lu\n", GetLastError());
    r = fmt_a(0, "%2-%1-%2", buf, sizeof(buf), "a", "b");
    ok(r == 5 && !strcmp(buf, "b-a-b"), "reordered %lu \"%s\"\n", r, buf);
    r = fmt_a(0, "%1!d! %2!x! %3!s! %4!04d!", buf, sizeof(buf), -42, 255, "str", 7);
    ok(r && !strcmp(buf, "-42 ff str 0007"), "printf formats \"%s\"\n", buf);
    r = fmt_a(0, "%1!u!|%2!-4d!|%3!c!", buf, sizeof(buf), 4000000000u, 5, 'Z');
    ok(r && !strcmp(buf, "4000000000|5   |Z"), "more formats \"%s\"\n", buf);
    r = fmt_a(0, "%1!S!", buf, sizeof(buf), L"wide");
    ok(r == 4 && !strcmp(buf, "wide"), "%%!S! in A \"%s\"\n", buf);
    r = fmt_a(0, "%1!I64u!", buf, sizeof(buf), (ULONGLONG)12345678901234ull);
    ok(r && !strcmp(buf, "12345678901234"), "I64u \"%s\"\n", buf);

    /* escapes */
    r = fmt_a(0, "100%% done%.%!%n", buf, sizeof(buf));
    ok(r && !strcmp(buf, "100% done.!\r\n"), "escapes \"%s\"\n", buf);
    r = fmt_a(0, "tab%tend", buf, sizeof(buf));
    ok(r && !strcmp(buf, "tab\tend"), "%%t \"%s\"\n", buf);
    r = fmt_a(0, "cut%0ignored", buf, sizeof(buf));
    ok(r == 3 && !strcmp(buf, "cut"), "%%0 %lu \"%s\"\n", r, buf);

    /* IGNORE_INSERTS keeps them */
    r = fmt_a(FORMAT_MESSAGE_IGNORE_INSERTS, "%1 and %2!d!", buf, sizeof(buf));
    ok(r && !strcmp(buf, "%1 and %2!d!"), "ignore inserts \"%s\"\n", buf);

    /* an argument array instead of a va_list */
    DWORD_PTR args[] = { (DWORD_PTR)"first", (DWORD_PTR)"second", 99 };
    r = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%2 %1 %3!d!", 0, 0, buf,
                       sizeof(buf), (va_list *)args);
    ok(r && !strcmp(buf, "second first 99"), "argument array \"%s\"\n", buf);

    /* the W function */
    memset(wbuf, CANARY, sizeof(wbuf));
    r = fmt_w(0, L"%1=%2!d!", wbuf, 256, L"x", 12);
    ok(r == 4 && !wcscmp(wbuf, L"x=12"), "W inserts %lu\n", r);
    ok(wbuf[5] == 0x7f7f, "W canary\n");
    r = fmt_w(0, L"%1!S!", wbuf, 256, "narrow");
    ok(r == 6 && !wcscmp(wbuf, L"narrow"), "%%!S! in W %lu\n", r);
    DWORD_PTR wargs[] = { (DWORD_PTR)L"w1", (DWORD_PTR)L"w2" };
    r = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"%2%1", 0, 0, wbuf, 256,
                       (va_list *)wargs);
    ok(r == 4 && !wcscmp(wbuf, L"w2w1"), "W argument array %lu\n", r);

    /* too small */
    SetLastError(0xdeadbeef);
    r = fmt_a(0, "%1", buf, 3, "long");
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small %lu %lu\n", r, GetLastError());
}

int main(void)
{
    is_wine();
    test_last_error();
    test_system_texts();
    test_allocate();
    test_from_string();
    return test_summary();
}
