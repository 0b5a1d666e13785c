/* UrlIsW with URLIS_URL (a scheme of two characters or more, then ':') and
 * URLIS_FILEURL ("file:" in any case), as Dart's VM calls it on its script
 * argument.  Expectations checked under Wine 8. */
#include <windows.h>
#include "test.h"

#define URLIS_URL 0
#define URLIS_FILEURL 3

static BOOL (WINAPI *p_UrlIsW)(const WCHAR *, int);

static const struct { const WCHAR *url; BOOL is_url, is_file; } cases[] = {
    { L"sass.snapshot", FALSE, FALSE },
    { L"file:///C:/dir/x.dart", TRUE, TRUE },
    { L"FILE:foo", TRUE, TRUE },
    { L"file:", TRUE, TRUE },
    { L"file", FALSE, FALSE },
    { L" file:x", FALSE, FALSE },
    { L"fil:x", TRUE, FALSE },
    { L"http://example.com/", TRUE, FALSE },
    { L"mailto:a@b", TRUE, FALSE },
    { L"c:\\dir\\x", FALSE, FALSE },      /* one letter: a drive, not a scheme */
    { L"C:/dir/x", FALSE, FALSE },
    { L"\\\\server\\share", FALSE, FALSE },
    { L"ab:x", TRUE, FALSE },
    { L"zz:", TRUE, FALSE },
    { L"a+b:x", TRUE, FALSE },
    { L"a.b:x", TRUE, FALSE },
    { L"-ab:x", TRUE, FALSE },
    { L"1a:x", TRUE, FALSE },
    { L"a_b:x", FALSE, FALSE },          /* '_' is not a scheme character */
    { L"x y:z", FALSE, FALSE },
    { L":x", FALSE, FALSE },
    { L"", FALSE, FALSE },
};

int main(void)
{
    HMODULE dll = LoadLibraryA("shlwapi.dll");
    ok(dll != NULL, "LoadLibraryA shlwapi.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_UrlIsW = (void *)GetProcAddress(dll, "UrlIsW");
    ok(p_UrlIsW != NULL, "UrlIsW: %lu", GetLastError());
    if (!p_UrlIsW) return test_summary();

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ok(p_UrlIsW(cases[i].url, URLIS_URL) == cases[i].is_url, "URLIS_URL %ls", cases[i].url);
        ok(p_UrlIsW(cases[i].url, URLIS_FILEURL) == cases[i].is_file, "URLIS_FILEURL %ls", cases[i].url);
    }
    ok(!p_UrlIsW(NULL, URLIS_URL), "URLIS_URL NULL");
    ok(!p_UrlIsW(NULL, URLIS_FILEURL), "URLIS_FILEURL NULL");
    return test_summary();
}
