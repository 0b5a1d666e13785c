/* msvcrt byte and wide string functions in the "C" locale. */
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include "test.h"
#include "crt.h"

static void test_narrow(void)
{
    char buf[32];
    ok(CRT(strlen)("hello") == 5, "strlen");
    ok(CRTT(size_t (*)(const char *, size_t), strnlen)("hello", 3) == 3, "strnlen");
    ok(CRT(strcmp)("abc", "abd") < 0 && CRT(strcmp)("b", "a") > 0 && !CRT(strcmp)("x", "x"), "strcmp");
    ok(CRT(strncmp)("abc", "abz", 2) == 0 && CRT(strncmp)("abc", "abz", 3) < 0, "strncmp");
    ok(CRT(memcmp)("abc", "abz", 3) < 0 && CRT(memcmp)("abz", "abc", 3) > 0, "memcmp");
    ok(CRT(_stricmp)("abc", "ABD") == -1, "_stricmp %d", CRT(_stricmp)("abc", "ABD"));
    ok(CRT(_stricmp)("_", "a") < 0, "_stricmp compares lowercase: %d", CRT(_stricmp)("_", "a"));
    ok(CRT(_stricmp)("a\xe9", "A\xc9") == 0x20, "_stricmp is ASCII-only: %d", CRT(_stricmp)("a\xe9", "A\xc9"));
    ok(CRT(_strnicmp)("HELLOx", "helloy", 5) == 0, "_strnicmp");
    ok(CRT(_strcmpi)("Hello", "hELLO") == 0, "_strcmpi");
    ok(CRT(_stricoll)("a", "C") < 0 && CRT(strcoll)("a", "c") < 0, "collation");
    ok(CRT(_memicmp)("ABC", "abc", 3) == 0 && CRT(_memicmp)("ABC", "abd", 3) < 0, "_memicmp");

    memset(buf, 'x', sizeof(buf));
    CRT(strncpy)(buf, "ab", 5);
    ok(!memcmp(buf, "ab\0\0\0x", 6), "strncpy pads with zeros");
    CRT(strncpy)(buf, "abcdef", 3);
    ok(!memcmp(buf, "abc\0", 4), "strncpy truncates without terminator");
    CRT(strcpy)(buf, "foo");
    CRT(strcat)(buf, "bar");
    ok(!strcmp(buf, "foobar"), "strcat %s", buf);
    CRT(strncat)(buf, "bazqux", 3);
    ok(!strcmp(buf, "foobarbaz"), "strncat %s", buf);

    const char *s = "hello world";
    ok(CRT(strchr)(s, 'o') == s + 4 && CRT(strrchr)(s, 'o') == s + 7, "strchr/strrchr");
    ok(CRT(strchr)(s, 0) == s + 11, "strchr finds the terminator");
    ok(CRT(strstr)(s, "wor") == s + 6 && CRT(strstr)(s, "xyz") == NULL && CRT(strstr)(s, "") == s, "strstr");
    ok(CRT(strspn)(s, "leh") == 4 && CRT(strcspn)(s, " ") == 5, "strspn/strcspn");
    ok(CRT(strpbrk)(s, "wr") == s + 6 && CRT(strpbrk)(s, "z") == NULL, "strpbrk");
    ok(CRT(memchr)(s, 'w', 11) == s + 6 && CRT(memchr)(s, 'w', 5) == NULL, "memchr");

    strcpy(buf, "  a,b,,c ");
    char *(*p_strtok)(char *, const char *) = CRT(strtok);
    char *t1 = p_strtok(buf, " ,"), *t2 = p_strtok(NULL, " ,"), *t3 = p_strtok(NULL, " ,"), *t4 = p_strtok(NULL, " ,");
    ok(t1 && !strcmp(t1, "a") && t2 && !strcmp(t2, "b") && t3 && !strcmp(t3, "c") && !t4, "strtok");
    char *ctx = NULL;
    strcpy(buf, "x;y");
    char *(*p_strtok_s)(char *, const char *, char **) = CRTT(char *(*)(char *, const char *, char **), strtok_s);
    ok(!strcmp(p_strtok_s(buf, ";", &ctx), "x") && !strcmp(p_strtok_s(NULL, ";", &ctx), "y") &&
       !p_strtok_s(NULL, ";", &ctx), "strtok_s");

    memset(buf, 0, sizeof(buf));
    strcpy(buf, "abcdef");
    CRT(memcpy)(buf + 1, buf, 4);
    ok(!strcmp(buf, "aabcdf"), "memcpy %s", buf);
    strcpy(buf, "abcdef");
    CRT(memmove)(buf, buf + 2, 4);
    ok(!memcmp(buf, "cdefef", 6), "memmove");
    CRT(memset)(buf, 'z', 3);
    ok(!memcmp(buf, "zzzfef", 6), "memset");

    char *d = CRT(_strdup)("dup");
    ok(d && !strcmp(d, "dup"), "_strdup");
    CRT(free)(d);
    ok(CRT(_strdup)(NULL) == NULL, "_strdup(NULL)");

    strcpy(buf, "MiXeD 1!");
    ok(!strcmp(CRT(_strlwr)(buf), "mixed 1!"), "_strlwr");
    ok(!strcmp(CRT(_strupr)(buf), "MIXED 1!"), "_strupr");
    strcpy(buf, "\xe9t\xc9");
    ok(!strcmp(CRT(_strupr)(buf), "\xe9T\xc9"), "_strupr leaves non-ASCII alone");
    strcpy(buf, "abcde");
    ok(!strcmp(CRT(_strrev)(buf), "edcba"), "_strrev");
    ok(!strcmp(CRT(_strset)(buf, 'x'), "xxxxx"), "_strset");
    strcpy(buf, "abcdef");
    CRT(_strnset)(buf, 'y', 3);
    ok(!strcmp(buf, "yyydef"), "_strnset %s", buf);
    CRT(_strnset)(buf, 'z', 50);
    ok(!strcmp(buf, "zzzzzz"), "_strnset stops at the end: %s", buf);

    memset(buf, 'q', sizeof(buf));
    /* with too small a buffer the contents are unspecified (MS docs) */
    ok(CRT(strxfrm)(buf, "hello", 3) == 5, "strxfrm too small");
    ok(CRT(strxfrm)(buf, "hello", 10) == 5 && !strcmp(buf, "hello"), "strxfrm");

    memset(buf, 0, sizeof(buf));
    char *r = CRT(_memccpy)(buf, "abc:def", ':', 7);
    ok(r == buf + 4 && !strcmp(buf, "abc:"), "_memccpy");
    ok(CRT(_memccpy)(buf, "abc", 'z', 3) == NULL, "_memccpy without the char");

    int (*p_strcpy_s)(char *, size_t, const char *) = CRTT(int (*)(char *, size_t, const char *), strcpy_s);
    ok(p_strcpy_s(buf, 4, "abc") == 0 && !strcmp(buf, "abc"), "strcpy_s");
    ok(p_strcpy_s(buf, 3, "abc") == ERANGE && buf[0] == 0, "strcpy_s too small");
}

static void test_wide(void)
{
    wchar_t buf[32];
    ok(CRT(wcslen)(L"hello") == 5, "wcslen");
    ok(CRT(wcscmp)(L"a", L"c") < 0 && CRT(wcscmp)(L"c", L"a") > 0 && !CRT(wcscmp)(L"\x100", L"\x100"), "wcscmp");
    ok(CRT(wcscmp)(L"\x8000", L"a") > 0, "wcscmp compares unsigned units");
    ok(CRT(wcsncmp)(L"abc", L"abd", 2) == 0 && CRT(wcsncmp)(L"abc", L"abd", 3) < 0, "wcsncmp");
    ok(CRT(_wcsicmp)(L"ABC", L"abc") == 0 && CRT(_wcsicmp)(L"a", L"C") < 0, "_wcsicmp");
    ok(CRT(_wcsicmp)(L"\xe9", L"\xc9") == 0x20, "_wcsicmp is ASCII-only in the C locale");
    ok(CRT(_wcsnicmp)(L"ABCx", L"abcy", 3) == 0, "_wcsnicmp");
    CRT(wcscpy)(buf, L"foo");
    CRT(wcscat)(buf, L"bar");
    ok(!wcscmp(buf, L"foobar"), "wcscpy/wcscat");
    CRT(wcsncat)(buf, L"bazqux", 3);
    ok(!wcscmp(buf, L"foobarbaz"), "wcsncat");
    wmemset(buf, L'x', 32);
    CRT(wcsncpy)(buf, L"ab", 4);
    ok(!wmemcmp(buf, L"ab\0\0x", 5), "wcsncpy pads");
    const wchar_t *s = L"hello world";
    ok(CRT(wcschr)(s, L'o') == s + 4 && CRT(wcsrchr)(s, L'o') == s + 7, "wcschr/wcsrchr");
    ok(CRT(wcsstr)(s, L"wor") == s + 6 && !CRT(wcsstr)(s, L"xyz"), "wcsstr");
    ok(CRT(wcsspn)(s, L"leh") == 4 && CRT(wcscspn)(s, L" ") == 5, "wcsspn/wcscspn");
    ok(CRT(wcspbrk)(s, L"wr") == s + 6, "wcspbrk");
    wcscpy(buf, L"a b  c");
    wchar_t *(*p_wcstok)(wchar_t *, const wchar_t *) = CRTT(wchar_t *(*)(wchar_t *, const wchar_t *), wcstok);
    wchar_t *w1 = p_wcstok(buf, L" "), *w2 = p_wcstok(NULL, L" "), *w3 = p_wcstok(NULL, L" "), *w4 = p_wcstok(NULL, L" ");
    ok(w1 && !wcscmp(w1, L"a") && w2 && !wcscmp(w2, L"b") && w3 && !wcscmp(w3, L"c") && !w4, "wcstok");
    wchar_t *d = CRT(_wcsdup)(L"dup\x263a");
    ok(d && !wcscmp(d, L"dup\x263a"), "_wcsdup");
    CRT(free)(d);
    wcscpy(buf, L"MiXeD\xe9");
    ok(!wcscmp(CRT(_wcslwr)(buf), L"mixed\xe9"), "_wcslwr");
    ok(!wcscmp(CRT(_wcsupr)(buf), L"MIXED\xe9"), "_wcsupr");
    ok(!wcscmp(CRT(_wcsrev)(buf), L"\xe9" L"DEXIM"), "_wcsrev");

    ok(CRT(towupper)(L'a') == L'A' && CRT(towlower)(L'Q') == L'q' && CRT(towupper)(L'1') == L'1', "towupper/towlower");
    ok(CRT(iswalpha)(L'a') && !CRT(iswalpha)(L'1') && CRT(iswalpha)(0x3b1) && CRT(iswalpha)(0xe9), "iswalpha");
    ok(CRT(iswdigit)(L'7') && !CRT(iswdigit)(L'a'), "iswdigit");
    ok(CRT(iswspace)(L' ') && CRT(iswspace)(L'\t') && CRT(iswspace)(0x3000) && !CRT(iswspace)(L'x'), "iswspace");
    ok(CRT(iswupper)(L'A') && CRT(iswupper)(0x391) && !CRT(iswupper)(L'a'), "iswupper");
    ok(CRT(iswlower)(L'a') && CRT(iswlower)(0xe9) && !CRT(iswlower)(L'A'), "iswlower");
    ok(CRT(iswalnum)(L'5') && CRT(iswalnum)(L'z') && !CRT(iswalnum)(L'-'), "iswalnum");
    ok(CRT(iswpunct)(L'!') && !CRT(iswpunct)(L'a') && CRT(iswpunct)(0xd7), "iswpunct");
    ok(CRT(iswxdigit)(L'F') && !CRT(iswxdigit)(L'g'), "iswxdigit");
    ok(CRT(iswctype)(L'A', 0x100) && CRT(iswctype)(L'\t', 0x40), "iswctype: wide table has _ALPHA and _BLANK");
    ok(!CRT(iswctype)(0xffff, 0xffff), "iswctype(WEOF)");
}

static void test_numbers_wide(void)
{
    wchar_t buf[40], *end;
    const wchar_t *s = L"  -12z";
    ok(CRT(wcstol)(s, &end, 10) == -12 && end == s + 5, "wcstol");
    ok(CRT(wcstoul)(L"ff", NULL, 16) == 255, "wcstoul");
    ok(CRT(_wtoi)(L"42x") == 42 && CRT(_wtol)(L"-7") == -7, "_wtoi/_wtol");
    ok(CRT(_wtoi64)(L"123456789012") == 123456789012LL, "_wtoi64");
    s = L"1.5e3x";
    ok(CRT(wcstod)(s, &end) == 1500.0 && end == s + 5, "wcstod");
    ok(!wcscmp(CRT(_itow)(-5, buf, 10), L"-5"), "_itow");
    ok(!wcscmp(CRT(_itow)(-5, buf, 16), L"fffffffb"), "_itow hex");
    ok(!wcscmp(CRT(_ltow)(255, buf, 2), L"11111111"), "_ltow");
    ok(!wcscmp(CRT(_ultow)(35, buf, 36), L"z"), "_ultow");
    ok(!wcscmp(CRT(_i64tow)(-1234567890123LL, buf, 10), L"-1234567890123"), "_i64tow");
}

static void test_multibyte(void)
{
    wchar_t w[8];
    char b[8];
    int *e = CRTT(int *(*)(void), _errno)();
    ok(CRT(mbstowcs)(w, "a\x80\xff", 8) == 3 && w[0] == L'a' && w[1] == 0x80 && w[2] == 0xff && !w[3], "mbstowcs maps bytes 1:1");
    ok(CRT(mbstowcs)(NULL, "abcd", 0) == 4, "mbstowcs length");
    ok(CRT(wcstombs)(b, L"a\xe9", 8) == 2 && !strcmp(b, "a\xe9"), "wcstombs");
    *e = 0;
    ok(CRT(wcstombs)(b, L"a\x100", 8) == (size_t)-1 && *e == EILSEQ, "wcstombs rejects > 0xff");
    *e = 0;
    ok(CRT(wctomb)(b, 0x100) == -1 && *e == EILSEQ, "wctomb 0x100");
    ok(CRT(wctomb)(b, 0xe9) == 1 && (unsigned char)b[0] == 0xe9, "wctomb 0xe9");
    ok(CRT(mbtowc)(w, "\xe9", 1) == 1 && w[0] == 0xe9, "mbtowc");
    ok(CRT(mbtowc)(w, "", 1) == 0, "mbtowc of NUL");
    ok(CRT(mblen)("x", 1) == 1 && CRT(mblen)("", 1) == 0, "mblen");
    ok(CRT(btowc)('A') == L'A' && CRT(btowc)(EOF) == WEOF, "btowc");
}

int main(void)
{
    test_narrow();
    test_wide();
    test_numbers_wide();
    test_multibyte();
    return test_summary();
}
