/* Conformance tests: code pages, string comparison and mapping, locales.
 * Explicit code pages only, so the result does not depend on the machine. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define CANARY 0x7f

static void test_mb_to_wc(void)
{
    WCHAR w[16];
    int r;

    memset(w, CANARY, sizeof(w));
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, 0, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", -1, w, 16);
    ok(r == 6, "utf8: %d\n", r);
    ok(w[0] == 'a' && w[1] == 0xe9 && w[2] == 0x20ac && w[3] == 0xd83d && w[4] == 0xde00 && w[5] == 0,
       "utf8 output %04x %04x %04x %04x\n", w[1], w[2], w[3], w[4]);
    ok(w[6] == 0x7f7f, "canary overwritten\n");
    ok(GetLastError() == 0xdeadbeef, "error %lu\n", GetLastError());

    r = MultiByteToWideChar(CP_UTF8, 0, "\x80", 1, w, 16);
    ok(r == 1 && w[0] == 0xfffd, "lone continuation %d %04x\n", r, w[0]);
    r = MultiByteToWideChar(CP_UTF8, 0, "a\xc3", 2, w, 16);
    ok(r == 2 && w[1] == 0xfffd, "truncated at end %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xe2\x82" "A", 3, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 'A', "truncated 3-byte %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xf0\x9f\x98" "A", 4, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 'A', "truncated 4-byte %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xc0\x80", 2, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 0xfffd, "overlong %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xff\xfe", 2, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 0xfffd, "ff fe %d\n", r);

    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\x80", 2, w, 16);
    ok(!r && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "MB_ERR_INVALID_CHARS %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xc3", 2, w, 16);
    ok(!r && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "truncated, MB_ERR_INVALID_CHARS %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    /* Microsoft documents the two flags as mutually exclusive (Wine 8 accepts them) */
    r = MultiByteToWideChar(1252, MB_PRECOMPOSED | MB_COMPOSITE, "a", 1, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "precomposed|composite %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0x10, "a", 1, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "bad flag %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF7, MB_ERR_INVALID_CHARS, "a", 1, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "utf7 flags %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(12345, 0, "a", 1, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "bad code page %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0, "a", 0, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "zero length %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0, NULL, 3, w, 16);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "NULL src %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0, "abc", -1, NULL, 3);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "NULL dst %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0, "abc", 3, w, -1);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "negative dst %lu\n", GetLastError());

    memset(w, CANARY, sizeof(w));
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1252, 0, "abcdef", -1, w, 3);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short %d %lu\n", r, GetLastError());
    ok(w[0] == 'a' && w[2] == 'c' && w[3] == 0x7f7f, "short buffer holds the start\n");
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, w, 3);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short utf8 %lu\n", GetLastError());
    r = MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, NULL, 0);
    ok(r == 7, "size query %d\n", r);
    r = MultiByteToWideChar(1252, 0, "ab", -1, w, 16);
    ok(r == 3 && w[2] == 0, "terminator counted %d\n", r);

    r = MultiByteToWideChar(1252, 0, "\x80\x81\x8d\x9f\xff", 5, w, 16);
    ok(r == 5 && w[0] == 0x20ac && w[1] == 0x81 && w[2] == 0x8d && w[3] == 0x178 && w[4] == 0xff, "1252 %04x %04x\n", w[0], w[1]);
    r = MultiByteToWideChar(1252, MB_ERR_INVALID_CHARS, "\x81", 1, w, 16);
    ok(r == 1 && w[0] == 0x81, "1252 0x81 is valid\n");
    r = MultiByteToWideChar(1253, 0, "\xaa\xd2\xff", 3, w, 16);
    ok(r == 3 && w[0] == 0xf8f9 && w[1] == 0xf8fa && w[2] == 0xf8fb, "1253 undefined %04x\n", w[0]);
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(1253, MB_ERR_INVALID_CHARS, "\xaa", 1, w, 16);
    ok(!r && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "1253 invalid %lu\n", GetLastError());
    r = MultiByteToWideChar(437, 0, "\x01\x7f\x80\xb0", 4, w, 16);
    ok(r == 4 && w[0] == 1 && w[1] == 0x7f && w[2] == 0xc7 && w[3] == 0x2591, "437\n");
    r = MultiByteToWideChar(437, MB_USEGLYPHCHARS, "\x01\x7f", 2, w, 16);
    ok(r == 2 && w[0] == 0x263a && w[1] == 0x2302, "437 glyphs %04x %04x\n", w[0], w[1]);
    r = MultiByteToWideChar(866, 0, "\x80\xa0", 2, w, 16);
    ok(r == 2 && w[0] == 0x410 && w[1] == 0x430, "866\n");
    r = MultiByteToWideChar(932, 0, "\x82\xa0" "a\x82", 4, w, 16);
    ok(r == 3 && w[0] == 0x3042 && w[1] == 'a' && w[2] == 0x30fb, "932 %d %04x\n", r, w[2]);
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, "a\x82", 2, w, 16);
    ok(!r && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "932 lone lead %lu\n", GetLastError());
    r = MultiByteToWideChar(936, 0, "\x80\xc4\xe3", 3, w, 16);
    ok(r == 2 && w[0] == 0x20ac && w[1] == 0x4f60, "936 %d %04x %04x\n", r, w[0], w[1]);
    r = MultiByteToWideChar(CP_SYMBOL, 0, "\x20\x41\xff", 3, w, 16);
    ok(r == 3 && w[0] == 0xf020 && w[1] == 0xf041 && w[2] == 0xf0ff, "symbol\n");
    r = MultiByteToWideChar(CP_UTF7, 0, "a+AGEA-b", 8, w, 16);
    ok(r == 3 && w[0] == 'a' && w[1] == 'a' && w[2] == 'b', "utf7 %d\n", r);
}

static void test_wc_to_mb(void)
{
    char b[16];
    BOOL used;
    int r;

    memset(b, CANARY, sizeof(b));
    r = WideCharToMultiByte(CP_UTF8, 0, L"a\x00e9\xd83d\xde00", -1, b, 16, NULL, NULL);
    ok(r == 8 && !memcmp(b, "a\xc3\xa9\xf0\x9f\x98\x80", 8) && b[8] == CANARY, "utf8 %d\n", r);
    r = WideCharToMultiByte(CP_UTF8, 0, L"a\xd800" L"b", 3, b, 16, NULL, NULL);
    ok(r == 5 && !memcmp(b, "a\xef\xbf\xbd" "b", 5), "lone high surrogate %d\n", r);
    r = WideCharToMultiByte(CP_UTF8, 0, L"a\xdc00", 2, b, 16, NULL, NULL);
    ok(r == 4 && !memcmp(b, "a\xef\xbf\xbd", 4), "lone low surrogate %d\n", r);
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"a\xdc00", 2, b, 16, NULL, NULL);
    ok(!r && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "WC_ERR_INVALID_CHARS %lu\n", GetLastError());
    /* lpDefaultChar/lpUsedDefaultChar with CP_UTF8: the documentation says
     * ERROR_INVALID_PARAMETER, Wine accepts them; not tested here */
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_UTF7, 0, L"a", 1, b, 16, NULL, &used);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "used with utf7 %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(1252, 0x8000, L"a", 1, b, 16, NULL, NULL);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "bad flags %lu\n", GetLastError());

    used = 7;
    memset(b, CANARY, sizeof(b));
    r = WideCharToMultiByte(1252, 0, L"a\x20ac\x3042", 3, b, 16, NULL, &used);
    ok(r == 3 && !memcmp(b, "a\x80?", 3) && used == TRUE, "1252 %d %d\n", r, used);
    used = 7;
    r = WideCharToMultiByte(1252, 0, L"a\x0100", 2, b, 16, NULL, &used);
    ok(r == 2 && !memcmp(b, "aA", 2) && used == FALSE, "1252 best fit %.2s %d\n", b, used);
    r = WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, L"a\x0100", 2, b, 16, NULL, &used);
    ok(r == 2 && !memcmp(b, "a?", 2) && used == TRUE, "no best fit %.2s\n", b);
    used = 7;
    r = WideCharToMultiByte(1252, 0, L"a\x3042", 2, b, 16, "#", &used);
    ok(r == 2 && !memcmp(b, "a#", 2) && used == TRUE, "default char %.2s\n", b);
    used = 7;
    r = WideCharToMultiByte(1252, 0, L"a\x0081", 2, b, 16, "#", &used);
    ok(r == 2 && !memcmp(b, "a\x81", 2) && used == FALSE, "1252 0x81 %d\n", used);
    used = 7;
    r = WideCharToMultiByte(437, 0, L"\x263a\x2302\x00e9", 3, b, 16, NULL, &used);
    ok(r == 3 && !memcmp(b, "\x01\x7f\x82", 3) && used == FALSE, "437 glyphs back\n");
    r = WideCharToMultiByte(932, 0, L"\x3042" L"a", 2, b, 16, NULL, NULL);
    ok(r == 3 && !memcmp(b, "\x82\xa0" "a", 3), "932 %d\n", r);
    r = WideCharToMultiByte(CP_UTF7, 0, L"a\x00e9" L"b", 3, b, 16, NULL, NULL);
    ok(r == 7 && !memcmp(b, "a+AOk-b", 7), "utf7 %d %.7s\n", r, b);

    memset(b, CANARY, sizeof(b));
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(1252, 0, L"abcdef", -1, b, 3, NULL, NULL);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short %lu\n", GetLastError());
    ok(!memcmp(b, "abc", 3) && b[3] == CANARY, "short buffer holds the start\n");
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_UTF8, 0, L"ab\x00e9", 3, b, 3, NULL, NULL);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short utf8 %lu\n", GetLastError());
    r = WideCharToMultiByte(CP_UTF8, 0, L"\x00e9\x20ac", -1, NULL, 0, NULL, NULL);
    ok(r == 6, "size query %d\n", r);
}

static void test_cpinfo(void)
{
    CPINFO ci;
    CPINFOEXW ciw;
    BOOL r;

    memset(&ci, CANARY, sizeof(ci));
    ok(GetCPInfo(1252, &ci) && ci.MaxCharSize == 1 && ci.DefaultChar[0] == '?' && !ci.LeadByte[0], "1252\n");
    ok(GetCPInfo(932, &ci) && ci.MaxCharSize == 2 && ci.LeadByte[0] == 0x81 && ci.LeadByte[1] == 0x9f &&
       ci.LeadByte[2] == 0xe0 && ci.LeadByte[3] == 0xfc && !ci.LeadByte[4], "932 lead bytes\n");
    ok(GetCPInfo(CP_UTF8, &ci) && ci.MaxCharSize == 4, "utf8 %u\n", ci.MaxCharSize);
    ok(GetCPInfoExW(CP_UTF8, 0, &ciw) && ciw.CodePage == CP_UTF8 && ciw.MaxCharSize == 4, "utf8 ex\n");
    ok(GetCPInfoExW(437, 0, &ciw) && ciw.CodePage == 437, "437 ex\n");
    SetLastError(0xdeadbeef);
    r = GetCPInfo(12345, &ci);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "bad code page %lu\n", GetLastError());
    ok(IsValidCodePage(1252) && IsValidCodePage(CP_UTF8) && IsValidCodePage(850) && !IsValidCodePage(12345), "IsValidCodePage\n");
    ok(IsDBCSLeadByteEx(932, 0x81) && !IsDBCSLeadByteEx(932, 0xa0) && !IsDBCSLeadByteEx(1252, 0x81) &&
       !IsDBCSLeadByteEx(CP_UTF8, 0xc3), "IsDBCSLeadByteEx\n");
}

static int cmp(DWORD flags, const WCHAR *a, const WCHAR *b)
{
    return CompareStringW(0x409, flags, a, -1, b, -1);
}

static void test_compare(void)
{
    ok(cmp(0, L"a", L"A") == CSTR_LESS_THAN, "a A\n");
    ok(cmp(NORM_IGNORECASE, L"a", L"A") == CSTR_EQUAL, "ignore case\n");
    ok(cmp(0, L"ab", L"Aa") == CSTR_GREATER_THAN, "ab Aa\n");
    ok(cmp(0, L"Ab", L"aB") == CSTR_GREATER_THAN, "Ab aB\n");
    ok(cmp(0, L"aB", L"Ab") == CSTR_LESS_THAN, "aB Ab\n");
    ok(cmp(0, L"\x00e9", L"e") == CSTR_GREATER_THAN, "e acute, e\n");
    ok(cmp(0, L"\x00e9", L"f") == CSTR_LESS_THAN, "e acute, f\n");
    ok(cmp(0, L"\x00e9", L"E") == CSTR_GREATER_THAN, "e acute, E\n");
    ok(cmp(0, L"\x00e9" L"a", L"eb") == CSTR_LESS_THAN, "primary first\n");
    ok(cmp(NORM_IGNORENONSPACE, L"\x00e9", L"e") == CSTR_EQUAL, "ignore nonspace\n");
    ok(cmp(0, L"co-op", L"coop") == CSTR_GREATER_THAN, "co-op coop\n");
    ok(cmp(0, L"co-op", L"cop") == CSTR_LESS_THAN, "co-op cop\n");
    ok(cmp(0, L"co'op", L"co-op") == CSTR_LESS_THAN, "co'op co-op\n");
    ok(cmp(0, L"-a", L"a") == CSTR_GREATER_THAN, "-a a\n");
    ok(cmp(0, L"a-b", L"ab-") == CSTR_GREATER_THAN, "a-b ab-\n");
    ok(cmp(SORT_STRINGSORT, L"co-op", L"coop") == CSTR_LESS_THAN, "string sort\n");
    ok(cmp(NORM_IGNORESYMBOLS, L"a.b", L"ab") == CSTR_EQUAL, "ignore symbols\n");
    ok(cmp(0, L"a.b", L"ab") == CSTR_LESS_THAN, "a.b ab\n");
    ok(cmp(0, L"a b", L"ab") == CSTR_LESS_THAN, "a b, ab\n");
    ok(cmp(0, L"a", L"ab") == CSTR_LESS_THAN, "prefix\n");
    ok(cmp(0, L"", L"") == CSTR_EQUAL, "empty\n");
    ok(cmp(0, L"10", L"9") == CSTR_LESS_THAN, "10 9\n");
    ok(cmp(SORT_DIGITSASNUMBERS, L"10", L"9") == CSTR_GREATER_THAN, "digits as numbers\n");
    ok(cmp(0, L"\x00e6", L"ae") == CSTR_EQUAL, "ae ligature\n");
    ok(cmp(0, L"\x00df", L"ss") == CSTR_EQUAL, "sharp s\n");
    ok(cmp(0, L"\x00c5", L"A") == CSTR_GREATER_THAN, "A ring\n");
    ok(cmp(NORM_IGNOREWIDTH, L"\xff21", L"A") == CSTR_EQUAL, "ignore width\n");
    ok(cmp(0, L"\xff21", L"A") == CSTR_GREATER_THAN, "width\n");
    ok(cmp(NORM_IGNOREKANATYPE, L"\x3042", L"\x30a2") == CSTR_EQUAL, "kana type\n");
    ok(cmp(0, L"_", L"a") == CSTR_LESS_THAN && cmp(0, L"a_", L"a") == CSTR_GREATER_THAN, "underscore\n");
    ok(cmp(0, L"~", L"+") == CSTR_LESS_THAN && cmp(0, L"+", L"0") == CSTR_LESS_THAN, "symbols before digits\n");
    ok(cmp(0, L"9", L"a") == CSTR_LESS_THAN && cmp(0, L"z", L"\x0430") == CSTR_LESS_THAN, "digits, latin, cyrillic\n");
    ok(CompareStringW(0x409, 0, L"abc", 2, L"abd", 2) == CSTR_EQUAL, "explicit lengths\n");
    ok(!CompareStringW(0x409, 0, NULL, -1, L"a", -1), "NULL string\n");
    ok(CompareStringA(0x409, NORM_IGNORECASE, "Hello", -1, "hELLO", -1) == CSTR_EQUAL, "A form\n");

    ok(CompareStringOrdinal(L"a", -1, L"B", -1, TRUE) == CSTR_LESS_THAN, "ordinal ignore case\n");
    ok(CompareStringOrdinal(L"a", -1, L"B", -1, FALSE) == CSTR_GREATER_THAN, "ordinal\n");
    ok(CompareStringOrdinal(L"\x00e9", -1, L"\x00c9", -1, TRUE) == CSTR_EQUAL, "ordinal e acute\n");
    SetLastError(0xdeadbeef);
    ok(!CompareStringOrdinal(NULL, -1, L"B", -1, TRUE), "ordinal NULL\n");

    ok(lstrcmpW(L"a", L"B") < 0 && lstrcmpW(L"a", L"A") < 0 && lstrcmpiW(L"a", L"A") == 0, "lstrcmpW\n");
    ok(lstrcmpW(NULL, L"a") < 0 && lstrcmpW(L"a", NULL) > 0 && lstrcmpW(NULL, NULL) == 0, "lstrcmpW NULL\n");
    ok(lstrcmpA("a", "B") < 0 && lstrcmpA("co-op", "coop") > 0 && lstrcmpA("abc", "ab") > 0, "lstrcmpA\n");
    ok(lstrcmpiA("ABC", "abc") == 0, "lstrcmpiA\n");
}

static void test_lstr(void)
{
    char b[8];
    WCHAR w[8];

    memset(b, 'x', sizeof(b));
    ok(lstrcpynA(b, "hello", 3) == b && !strcmp(b, "he") && b[3] == 'x', "lstrcpynA\n");
    memset(b, 'x', sizeof(b));
    ok(lstrcpynA(b, "hello", 0) == b && b[0] == 'x', "lstrcpynA 0\n");
    memset(b, 'x', sizeof(b));
    ok(lstrcpynA(b, "hello", 1) == b && !b[0] && b[1] == 'x', "lstrcpynA 1\n");
    memset(w, 'x', sizeof(w));
    ok(lstrcpynW(w, L"hello", 3) == w && w[0] == 'h' && w[1] == 'e' && !w[2] && w[3] == 0x7878, "lstrcpynW\n");
    ok(lstrlenA(NULL) == 0 && lstrlenW(NULL) == 0 && lstrlenA("abc") == 3 && lstrlenW(L"ab") == 2, "lstrlen\n");
    ok(lstrcpyA(b, "ab") == b && lstrcatA(b, "cd") == b && !strcmp(b, "abcd"), "lstrcpyA/lstrcatA\n");
    ok(lstrcpyW(w, L"ab") == w && lstrcatW(w, L"c") == w && !lstrcmpW(w, L"abc"), "lstrcpyW/lstrcatW\n");
}

static void test_lcmap(void)
{
    WCHAR w[32];
    WORD t[16];
    int r;

    memset(w, CANARY, sizeof(w));
    r = LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc\x00e9\x00ff\x00df\x0131i", -1, w, 32);
    ok(r == 9 && w[0] == 'A' && w[3] == 0xc9 && w[4] == 0x178 && w[5] == 0xdf && w[6] == 0x131 && w[7] == 'I' && !w[8],
       "upper %d %04x %04x\n", r, w[4], w[6]);
    ok(w[9] == 0x7f7f, "canary\n");
    r = LCMapStringW(0x409, LCMAP_LOWERCASE, L"ABC\x00c9\x0178\x0130I\x03a3", -1, w, 32);
    ok(r == 9 && w[3] == 0xe9 && w[4] == 0xff && w[5] == 0x130 && w[6] == 'i' && w[7] == 0x3c3, "lower %04x\n", w[5]);
    SetLastError(0xdeadbeef);
    r = LCMapStringW(0x409, LCMAP_LOWERCASE | LCMAP_UPPERCASE, L"ABC", -1, w, 32);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "both %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = LCMapStringW(0x409, 0, L"ABC", -1, w, 32);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "none %lu\n", GetLastError());
    r = LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", 3, w, 0);
    ok(r == 3, "size %d\n", r);
    SetLastError(0xdeadbeef);
    r = LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", 3, w, 2);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = LCMapStringW(0x409, LCMAP_UPPERCASE, L"abc", 0, w, 2);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "zero length %lu\n", GetLastError());
    r = LCMapStringW(0x409, LCMAP_BYTEREV, L"AB", 2, w, 8);
    ok(r == 2 && w[0] == 0x4100, "byterev\n");
    r = LCMapStringW(0x409, LCMAP_HALFWIDTH, L"\xff21\x3000", 2, w, 8);
    ok(r == 2 && w[0] == 'A' && w[1] == ' ', "halfwidth\n");
    r = LCMapStringW(0x409, LCMAP_FULLWIDTH, L"A ~", 3, w, 8);
    ok(r == 3 && w[0] == 0xff21 && w[1] == 0x3000 && w[2] == 0xff5e, "fullwidth\n");
    r = LCMapStringW(0x409, LCMAP_KATAKANA, L"\x3042", 1, w, 8);
    ok(r == 1 && w[0] == 0x30a2, "katakana\n");
    {
        BYTE k1[64], k2[64];
        int n1 = LCMapStringW(0x409, LCMAP_SORTKEY, L"ab", -1, (WCHAR *)k1, sizeof(k1));
        int n2 = LCMapStringW(0x409, LCMAP_SORTKEY, L"Ab", -1, (WCHAR *)k2, sizeof(k2));
        ok(n1 > 0 && n2 > 0 && !k1[n1 - 1] && memcmp(k1, k2, n1 < n2 ? n1 : n2) < 0, "sort keys\n");
    }
    {
        char a[8] = "aBc";
        r = LCMapStringA(0x409, LCMAP_UPPERCASE, a, -1, a, 8);
        ok(r == 4 && !strcmp(a, "ABC"), "LCMapStringA %d %s\n", r, a);
    }

    ok(GetStringTypeW(CT_CTYPE1, L"\t Aa0!\x00e9\x00a0\x3042\x007f", 10, t), "ctype1\n");
    ok(t[0] == 0x268 && t[1] == 0x248 && t[2] == 0x381 && t[3] == 0x382 && t[4] == 0x284 && t[5] == 0x210 &&
       t[6] == 0x302 && t[7] == 0x248 && t[8] == 0x300 && t[9] == 0x220,
       "ctype1 %x %x %x %x %x %x %x %x %x %x\n", t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
    ok(GetStringTypeW(CT_CTYPE2, L"A0 ", 3, t) && t[0] == C2_LEFTTORIGHT && t[1] == C2_EUROPENUMBER && t[2] == C2_WHITESPACE, "ctype2\n");
    ok(GetStringTypeW(CT_CTYPE3, L"A\xd800", 2, t) && (t[0] & C3_ALPHA) && t[1] == C3_HIGHSURROGATE, "ctype3\n");
    SetLastError(0xdeadbeef);
    ok(!GetStringTypeW(3, L"a", 1, t) && GetLastError() == ERROR_INVALID_PARAMETER, "two types\n");
    SetLastError(0xdeadbeef);
    ok(!GetStringTypeW(CT_CTYPE1, NULL, 2, t) && GetLastError() == ERROR_INVALID_PARAMETER, "NULL\n");
    ok(GetStringTypeA(0x409, CT_CTYPE1, "a1", 2, t) && t[0] == 0x382 && t[1] == 0x284, "GetStringTypeA\n");
}

static void test_locale(void)
{
    WCHAR w[64];
    char a[64];
    DWORD num;
    int r;

    memset(w, CANARY, sizeof(w));
    r = GetLocaleInfoW(0x409, LOCALE_SNAME, w, 64);
    ok(r == 6 && !lstrcmpW(w, L"en-US") && w[6] == 0x7f7f, "SNAME %d\n", r);
    SetLastError(0xdeadbeef);
    r = GetLocaleInfoW(0x409, LOCALE_SNAME, w, 2);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short %lu\n", GetLastError());
    r = GetLocaleInfoW(0x409, LOCALE_SNAME, NULL, 0);
    ok(r == 6, "size %d\n", r);
    SetLastError(0xdeadbeef);
    r = GetLocaleInfoW(0x409, 0x9999, w, 64);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "bad type %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = GetLocaleInfoW(0x12345, LOCALE_SNAME, w, 64);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "bad lcid %lu\n", GetLastError());
    r = GetLocaleInfoW(0x409, LOCALE_IDEFAULTANSICODEPAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    ok(r == 2 && num == 1252, "RETURN_NUMBER %d %lu\n", r, num);
    r = GetLocaleInfoA(0x409, LOCALE_IDEFAULTANSICODEPAGE | LOCALE_RETURN_NUMBER, (char *)&num, 4);
    ok(r == 4 && num == 1252, "RETURN_NUMBER A %d\n", r);
    SetLastError(0xdeadbeef);
    r = GetLocaleInfoW(0x409, LOCALE_SNAME | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    ok(!r && GetLastError() == ERROR_INVALID_FLAGS, "number of a string %lu\n", GetLastError());

    static const struct { LCTYPE type; const char *value; } en_us[] = {
        { LOCALE_SENGLANGUAGE, "English" }, { LOCALE_SLANGUAGE, "English (United States)" },
        { LOCALE_ILANGUAGE, "0409" }, { LOCALE_SSHORTDATE, "M/d/yyyy" }, { LOCALE_SLONGDATE, "dddd, MMMM d, yyyy" },
        { LOCALE_STIMEFORMAT, "h:mm:ss tt" }, { LOCALE_SGROUPING, "3;0" }, { LOCALE_SCOUNTRY, "United States" },
        { LOCALE_SDECIMAL, "." }, { LOCALE_STHOUSAND, "," }, { LOCALE_SLIST, "," },
        { LOCALE_IDEFAULTANSICODEPAGE, "1252" }, { LOCALE_IDEFAULTCODEPAGE, "437" },
        { LOCALE_IDEFAULTMACCODEPAGE, "10000" }, { LOCALE_IDEFAULTEBCDICCODEPAGE, "037" },
        { LOCALE_SCURRENCY, "$" }, { LOCALE_SINTLSYMBOL, "USD" }, { LOCALE_SABBREVLANGNAME, "ENU" },
        { LOCALE_SISO639LANGNAME, "en" }, { LOCALE_SISO3166CTRYNAME, "US" }, { LOCALE_SPARENT, "en" },
        { LOCALE_IFIRSTDAYOFWEEK, "6" }, { LOCALE_IMEASURE, "1" }, { LOCALE_S1159, "AM" }, { LOCALE_S2359, "PM" },
        { LOCALE_SDAYNAME1, "Monday" }, { LOCALE_SMONTHNAME12, "December" }, { LOCALE_SMONTHNAME13, "" },
        { LOCALE_SNATIVEDIGITS, "0123456789" }, { LOCALE_SENGCURRNAME, "US Dollar" },
        { LOCALE_SYEARMONTH, "MMMM yyyy" }, { LOCALE_INEGNUMBER, "1" }, { LOCALE_SNEGATIVESIGN, "-" },
    };
    for (size_t i = 0; i < sizeof(en_us) / sizeof(en_us[0]); i++) {
        memset(a, CANARY, sizeof(a));
        r = GetLocaleInfoA(0x409, en_us[i].type, a, sizeof(a));
        ok(r == (int)strlen(en_us[i].value) + 1 && !strcmp(a, en_us[i].value),
           "type %#lx: %d [%s], expected [%s]\n", en_us[i].type, r, a, en_us[i].value);
    }
    r = GetLocaleInfoA(LOCALE_INVARIANT, LOCALE_SNAME, a, 64);
    ok(r == 1 && !a[0], "invariant name %d\n", r);
    r = GetLocaleInfoA(LOCALE_INVARIANT, LOCALE_SSHORTDATE, a, 64);
    ok(r == 11 && !strcmp(a, "MM/dd/yyyy"), "invariant short date %s\n", a);
    r = GetLocaleInfoA(0x407, LOCALE_SDECIMAL, a, 64);
    ok(r == 2 && !strcmp(a, ","), "de-DE decimal %s\n", a);
    r = GetLocaleInfoEx(L"en-US", LOCALE_SNAME, w, 64);
    ok(r == 6 && !lstrcmpW(w, L"en-US"), "GetLocaleInfoEx\n");
    r = GetLocaleInfoEx(L"EN-us", LOCALE_SNAME, w, 64);
    ok(r == 6 && !lstrcmpW(w, L"en-US"), "GetLocaleInfoEx case\n");

    ok(LocaleNameToLCID(L"en-US", 0) == 0x409 && LocaleNameToLCID(L"de-de", 0) == 0x407, "LocaleNameToLCID\n");
    ok(LocaleNameToLCID(L"", 0) == 0x7f && LocaleNameToLCID(L"xx-YY", 0) == 0, "LocaleNameToLCID special\n");
    memset(w, CANARY, sizeof(w));
    SetLastError(0xdeadbeef);
    r = LCIDToLocaleName(0x409, w, 64, 0);
    ok(r == 6 && !lstrcmpW(w, L"en-US") && GetLastError() == 0xdeadbeef, "LCIDToLocaleName\n");
    r = LCIDToLocaleName(0x7f, w, 64, 0);
    ok(r == 1 && !w[0], "LCIDToLocaleName invariant\n");
    SetLastError(0xdeadbeef);
    r = LCIDToLocaleName(0x12345, w, 64, 0);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "LCIDToLocaleName bad %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = LCIDToLocaleName(0x409, w, 2, 0);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "LCIDToLocaleName short %lu\n", GetLastError());
    ok(LCIDToLocaleName(0x409, NULL, 0, 0) == 6, "LCIDToLocaleName size\n");
    ok(IsValidLocale(0x409, LCID_INSTALLED) && IsValidLocale(0x409, LCID_SUPPORTED) &&
       !IsValidLocale(0x12345, LCID_SUPPORTED), "IsValidLocale\n");
    SetLastError(0xdeadbeef);
    ok(!SetThreadLocale(0x12345), "SetThreadLocale bad\n");
    ok(GetUserDefaultLocaleName(w, 64) > 1, "GetUserDefaultLocaleName\n");
    ok(GetUserDefaultLCID() != 0 && GetThreadLocale() != 0, "default LCIDs\n");
}

int main(void)
{
    test_mb_to_wc();
    test_wc_to_mb();
    test_cpinfo();
    test_compare();
    test_lstr();
    test_lcmap();
    test_locale();
    return test_summary();
}
