/* Conformance tests: user32 character helpers and wsprintf.
 * Only ASCII goes through the A functions, so the ANSI code page does not matter. */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_case(void)
{
    char s[] = "hello World 1";
    WCHAR w[] = L"abc\x00e9\x00ff\x0131\x00df";
    char b[] = "abcdef";
    WCHAR wb[] = L"ABCDEF";

    ok(CharUpperA(s) == s && !strcmp(s, "HELLO WORLD 1"), "CharUpperA %s\n", s);
    ok(CharLowerA(s) == s && !strcmp(s, "hello world 1"), "CharLowerA %s\n", s);
    ok(CharUpperW(w) == w && w[0] == 'A' && w[3] == 0xc9 && w[4] == 0x178 && w[5] == 0x131 && w[6] == 0xdf,
       "CharUpperW %04x %04x %04x\n", w[3], w[4], w[5]);
    ok(CharLowerW(w) == w && w[0] == 'a' && w[3] == 0xe9 && w[4] == 0xff, "CharLowerW\n");
    ok(CharUpperA((LPSTR)(ULONG_PTR)'a') == (LPSTR)(ULONG_PTR)'A', "CharUpperA single\n");
    ok(CharLowerA((LPSTR)(ULONG_PTR)'Q') == (LPSTR)(ULONG_PTR)'q', "CharLowerA single\n");
    ok(CharLowerW((LPWSTR)(ULONG_PTR)0xc9) == (LPWSTR)(ULONG_PTR)0xe9, "CharLowerW single\n");
    ok(CharUpperW((LPWSTR)(ULONG_PTR)0x1234) == (LPWSTR)(ULONG_PTR)0x1234, "CharUpperW single, no case\n");
    ok(CharUpperBuffA(b, 3) == 3 && !strcmp(b, "ABCdef"), "CharUpperBuffA %s\n", b);
    ok(CharLowerBuffA(b, 0) == 0 && !strcmp(b, "ABCdef"), "CharLowerBuffA 0\n");
    ok(CharLowerBuffW(wb, 4) == 4 && !memcmp(wb, L"abcdEF", 7 * sizeof(WCHAR)), "CharLowerBuffW\n");
    ok(CharLowerBuffW(NULL, 0) == 0, "CharLowerBuffW NULL\n");
}

static void test_next_prev(void)
{
    const char *t = "ab";
    const WCHAR *tw = L"ab";
    ok(CharNextA(t) == t + 1 && CharNextA(t + 2) == t + 2, "CharNextA\n");
    ok(CharNextW(tw) == tw + 1 && CharNextW(tw + 2) == tw + 2, "CharNextW\n");
    ok(CharPrevA(t, t) == t && CharPrevA(t, t + 2) == t + 1, "CharPrevA\n");
    ok(CharPrevExA(437, t, t, 0) == t && CharPrevExA(437, t, t + 2, 0) == t + 1, "CharPrevExA in 437\n");
    static const char sjis[] = "\x82\xa0z";
    ok(CharPrevExA(932, sjis, sjis + 2, 0) == sjis, "CharPrevExA steps over a Shift-JIS pair\n");
    ok(CharPrevExA(932, sjis, sjis + 3, 0) == sjis + 2, "CharPrevExA in 932\n");
    ok(CharPrevExA(437, sjis, sjis + 2, 0) == sjis + 1, "CharPrevExA: 437 has no lead bytes\n");
    ok(CharPrevW(tw, tw) == tw && CharPrevW(tw, tw + 2) == tw + 1, "CharPrevW\n");
}

static void test_classes(void)
{
    ok(IsCharAlphaA('a') && !IsCharAlphaA('1') && IsCharAlphaNumericA('1') && !IsCharAlphaNumericA('_'), "A alpha\n");
    ok(IsCharAlphaW(0x3042) && IsCharAlphaW(0xe9) && !IsCharAlphaNumericW('_') && IsCharAlphaNumericW('7'), "W alpha\n");
    ok(IsCharUpperA('A') && !IsCharUpperA('a') && IsCharLowerA('a') && !IsCharLowerA('1'), "A case\n");
    ok(IsCharLowerW(0xe9) && IsCharUpperW(0xc9) && !IsCharUpperW('1') && !IsCharLowerW('1'), "W case\n");
}

static void test_wsprintf(void)
{
    char b[2048], big[1100];
    WCHAR w[2048], bigw[1100];
    int r;

    memset(b, 0x7f, sizeof(b));
    r = wsprintfA(b, "%d|%5d|%-5d|%05d|%u|%x|%X|%#x|%#X|%i|%ld|%lu", -12, 34, 56, 78, -1, 255, 255, 255, 255, 9, -7L, 7L);
    ok(r == 55 && !strcmp(b, "-12|   34|56   |00078|4294967295|ff|FF|0xff|0XFF|9|-7|7"), "numbers %d [%s]\n", r, b);
    ok(b[r + 1] == 0x7f, "canary\n");
    r = wsprintfA(b, "%s|%10s|%-10s|%.2s|%c|%C|%S|%hs|%ls", "abc", "r", "l", "xyz", 'q', L'W', L"wide", "h", L"l");
    ok(r == 41 && !strcmp(b, "abc|         r|l         |xy|q|W|wide|h|l"), "strings %d [%s]\n", r, b);
    r = wsprintfA(b, "%p|%I64d|%I64u|%I64x|%I32d|%%|%.3d|%-5.3d|%s", (void *)0xabcdef, -5LL, 123456789012LL,
                  0x123456789aLL, 5, 3, 42, (char *)NULL);
    ok(!strcmp(b, "0000000000ABCDEF|-5|123456789012|123456789a|5|%|003|042  |(null)"), "sizes [%s]\n", b);
    r = wsprintfA(b, "%05s|%+d|%*d|%y", "ab", 5, 3);
    ok(r == 13 && !strcmp(b, "   ab|+d|*d|y"), "unsupported [%s]\n", b);
    r = wsprintfA(b, "%-#010x|%#010x|%010X|%-010d|%#5x", 255, 255, 255, -3, 0);
    ok(!strcmp(b, "0xff        |0x00000000ff|00000000FF|-3        |    0x0"), "flags [%s]\n", b);
    r = wsprintfA(b, "abc%");
    ok(r == 3 && !strcmp(b, "abc"), "trailing %% %d\n", r);
    r = wsprintfA(b, "%c%c", 0, 'a');
    ok(r == 2 && b[0] == 0 && b[1] == 'a', "NUL char %d\n", r);
    r = wsprintfA(b, "%Ix|%#p", (size_t)0x123456789aULL, (void *)1);
    ok(!strcmp(b, "123456789a|0X0000000000000001"), "I and #p [%s]\n", b);

    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    memset(b, 'x', sizeof(b));
    wsprintfA(b, "%s", big);
    ok(strlen(b) == 1023 && b[1024] == 'x', "1024 limit %d\n", (int)strlen(b));

    r = wsprintfW(w, L"%s|%S|%c|%C|%d|%hs|%ls|%5.1s", L"wide", "ansi", L'w', 'a', 42, "h", L"l", L"xyz");
    ok(r == 26 && !lstrcmpW(w, L"wide|ansi|w|a|42|h|l|    x"), "wide %d [%ls]\n", r, w);
    r = wsprintfW(w, L"%s", (WCHAR *)NULL);
    ok(r == 6 && !lstrcmpW(w, L"(null)"), "wide null\n");
    for (int i = 0; i < 1099; i++) bigw[i] = 'a';
    bigw[1099] = 0;
    memset(w, 'x', sizeof(w));
    wsprintfW(w, L"%s", bigw);
    ok(lstrlenW(w) == 1023, "wide 1024 limit %d\n", lstrlenW(w));
}

static int call_wvsprintfA(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = wvsprintfA(buf, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    char b[64];
    test_case();
    test_next_prev();
    test_classes();
    test_wsprintf();
    ok(call_wvsprintfA(b, "%s=%d", "x", 5) == 3 && !strcmp(b, "x=5"), "wvsprintfA [%s]\n", b);
    return test_summary();
}
