/* Unit tests of kernel32's code page, string and locale code, linked
 * directly: build with
 *   gcc -std=gnu11 -D_GNU_SOURCE -Iinclude -Idlls/kernel32 tests/unit/codepage_test.c \
 *       dlls/kernel32/codepage.c dlls/kernel32/lstr.c dlls/kernel32/locale.c
 * The functions read the TEB through gs, so a fake TEB is installed. */
#include <asm/prctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "carafe/ntdll.h"
#include "winnls.h"
#include "unit.h"
#include "nls_private.h"

/* ---- stand-ins for ntdll ---- */
unsigned char carafe_dbg_init_channel(struct debug_channel *ch) { return ch->flags = 0; }
void carafe_dbg_log(enum debug_class cls, const struct debug_channel *ch, const char *func, const char *fmt, ...) {}
size_t carafe_wcslen(const WCHAR *s) { size_t n = 0; while (s[n]) n++; return n; }
int carafe_utf8_to_utf16(const char *src, int srclen, WCHAR *dst, int dstlen)
{
    return MultiByteToWideChar(CP_UTF8, 0, src, srclen, dst, dstlen);
}

static TEB fake_teb;
#define LAST_ERROR (fake_teb.LastErrorValue)
#define SET_ERR() (fake_teb.LastErrorValue = 0xdeadbeef)

static int weq(const WCHAR *a, const WCHAR *b, int n)
{
    return !memcmp(a, b, n * sizeof(WCHAR));
}

static void test_utf8(void)
{
    WCHAR w[16];
    char b[16];
    int r;

    SET_ERR();
    r = MultiByteToWideChar(CP_UTF8, 0, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", -1, w, 16);
    ok(r == 6 && weq(w, u"a\u00e9\u20ac\xd83d\xde00", 6), "utf8 decode: %d\n", r);
    ok(LAST_ERROR == 0xdeadbeef, "error changed: %u\n", LAST_ERROR);
    r = MultiByteToWideChar(CP_UTF8, 0, "\x80", 1, w, 16);
    ok(r == 1 && w[0] == 0xfffd, "lone continuation: %d %04x\n", r, w[0]);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xe2\x82" "A", 3, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 'A', "truncated: %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xc0\x80", 2, w, 16);
    ok(r == 2 && w[0] == 0xfffd && w[1] == 0xfffd, "overlong: %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xed\xa0\x80", 3, w, 16);
    ok(r == 2, "surrogate: %d\n", r);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xf4\x90\x80\x80", 4, w, 16);
    ok(r == 3, "beyond U+10FFFF: %d\n", r);
    SET_ERR();
    r = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\x80", 2, w, 16);
    ok(!r && LAST_ERROR == ERROR_NO_UNICODE_TRANSLATION, "MB_ERR_INVALID_CHARS: %d %u\n", r, LAST_ERROR);
    SET_ERR();
    r = MultiByteToWideChar(CP_UTF8, MB_USEGLYPHCHARS, "a", 1, w, 16);
    ok(!r && LAST_ERROR == ERROR_INVALID_FLAGS, "flags: %d %u\n", r, LAST_ERROR);
    SET_ERR();
    r = MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, w, 3);
    ok(!r && LAST_ERROR == ERROR_INSUFFICIENT_BUFFER, "short: %d %u\n", r, LAST_ERROR);
    r = MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, NULL, 0);
    ok(r == 7, "size query: %d\n", r);

    r = WideCharToMultiByte(CP_UTF8, 0, u"a\u00e9\xd83d\xde00", 4, b, 16, NULL, NULL);
    ok(r == 7 && !memcmp(b, "a\xc3\xa9\xf0\x9f\x98\x80", 7), "utf8 encode: %d\n", r);
    r = WideCharToMultiByte(CP_UTF8, 0, u"a\xd800" "b", 3, b, 16, NULL, NULL);
    ok(r == 5 && !memcmp(b, "a\xef\xbf\xbd" "b", 5), "lone surrogate: %d\n", r);
    SET_ERR();
    r = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, u"a\xdc00", 2, b, 16, NULL, NULL);
    ok(!r && LAST_ERROR == ERROR_NO_UNICODE_TRANSLATION, "WC_ERR_INVALID_CHARS: %d %u\n", r, LAST_ERROR);
    BOOL used;
    SET_ERR();
    r = WideCharToMultiByte(CP_UTF8, 0, u"a", 1, b, 16, NULL, &used);
    ok(!r && LAST_ERROR == ERROR_INVALID_PARAMETER, "used with UTF-8: %d %u\n", r, LAST_ERROR);
}

static void test_tables(void)
{
    WCHAR w[16];
    char b[16];
    BOOL used;
    int r;

    r = MultiByteToWideChar(1252, 0, "\x80\x81\x9f\xff", 4, w, 16);
    ok(r == 4 && weq(w, u"\u20ac\x81\u0178\u00ff", 4), "1252: %d %04x %04x\n", r, w[0], w[1]);
    r = MultiByteToWideChar(1253, 0, "\xaa", 1, w, 16);
    ok(r == 1 && w[0] == 0xf8f9, "1253 PUA: %d %04x\n", r, w[0]);
    SET_ERR();
    r = MultiByteToWideChar(1253, MB_ERR_INVALID_CHARS, "\xaa", 1, w, 16);
    ok(!r && LAST_ERROR == ERROR_NO_UNICODE_TRANSLATION, "1253 invalid: %d %u\n", r, LAST_ERROR);
    r = MultiByteToWideChar(437, MB_USEGLYPHCHARS, "\x01\x7f\x80\xb0", 4, w, 16);
    ok(r == 4 && weq(w, u"\u263a\u2302\u00c7\u2591", 4), "437 glyphs: %04x %04x\n", w[0], w[1]);
    r = MultiByteToWideChar(932, 0, "\x82\xa0" "a\x82", 4, w, 16);
    ok(r == 3 && weq(w, u"\u3042a\u30fb", 3), "932: %d %04x %04x %04x\n", r, w[0], w[1], w[2]);
    r = WideCharToMultiByte(932, 0, u"\u3042a", 2, b, 16, NULL, NULL);
    ok(r == 3 && !memcmp(b, "\x82\xa0" "a", 3), "932 out: %d\n", r);
    r = WideCharToMultiByte(1252, 0, u"a\u0100\u20ac\u3042", 4, b, 16, NULL, &used);
    ok(r == 4 && !memcmp(b, "aA\x80?", 4) && used, "1252 best fit: %d %.4s %d\n", r, b, used);
    r = WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, u"a\u0100", 2, b, 16, "#", &used);
    ok(r == 2 && !memcmp(b, "a#", 2) && used, "no best fit: %d %.2s\n", r, b);
    r = WideCharToMultiByte(437, 0, u"\u263a\u2302\u00e9", 3, b, 16, NULL, &used);
    ok(r == 3 && !memcmp(b, "\x01\x7f\x82", 3) && !used, "437 out: %d\n", r);
    SET_ERR();
    r = MultiByteToWideChar(12345, 0, "a", 1, w, 16);
    ok(!r && LAST_ERROR == ERROR_INVALID_PARAMETER, "bad cp: %d %u\n", r, LAST_ERROR);
    ok(IsDBCSLeadByteEx(932, 0x81) && !IsDBCSLeadByteEx(932, 0xa0) && !IsDBCSLeadByteEx(1252, 0x81), "lead bytes\n");
    CPINFO ci;
    ok(GetCPInfo(936, &ci) && ci.MaxCharSize == 2 && ci.LeadByte[0] == 0x81 && ci.LeadByte[1] == 0xfe, "cpinfo 936\n");
    ok(GetCPInfo(CP_UTF8, &ci) && ci.MaxCharSize == 4, "cpinfo utf8\n");
    ok(IsValidCodePage(850) && !IsValidCodePage(4242), "valid code pages\n");
    r = MultiByteToWideChar(CP_UTF7, 0, "a+AGEA-b", 8, w, 16);
    ok(r == 3 && weq(w, u"aab", 3), "utf7: %d\n", r);
}

static void test_acp(void)
{
    /* GetACP is fixed on first use; CARAFE_ACP was set in main */
    ok(GetACP() == 1250, "CARAFE_ACP: %u\n", GetACP());
    ok(GetOEMCP() == 852, "OEM for 1250: %u\n", GetOEMCP());
    /* without CARAFE_ACP: a legacy codeset names its code page; a UTF-8
     * locale only its language (Windows' code pages follow the language) */
    static const struct { const char *loc; UINT cp; } locs[] = {
        { NULL, 1252 }, { "C", 1252 }, { "C.UTF-8", 1252 }, { "en_US.UTF-8", 1252 }, { "de_DE.utf8", 1252 },
        { "ja_JP.UTF-8", 932 }, { "zh_CN.UTF-8", 936 }, { "zh_TW.UTF-8", 950 }, { "ko_KR.UTF-8", 949 },
        { "ru_RU.UTF-8", 1251 }, { "pl_PL.UTF-8", 1250 }, { "el_GR.UTF-8", 1253 }, { "tr_TR.UTF-8", 1254 },
        { "ru_RU.KOI8-R", 1251 }, { "ja_JP.eucJP", 932 }, { "fr_FR", 1252 }, { "th_TH.UTF-8", 874 },
    };
    for (size_t i = 0; i < sizeof(locs) / sizeof(locs[0]); i++)
        ok(nls_acp_from_locale(locs[i].loc) == locs[i].cp, "locale %s: %u, expected %u\n",
           locs[i].loc ? locs[i].loc : "(none)", nls_acp_from_locale(locs[i].loc), locs[i].cp);
}

static int cmp(DWORD flags, const WCHAR *a, const WCHAR *b)
{
    return CompareStringW(0x409, flags, a, -1, b, -1);
}

static void test_compare(void)
{
    ok(cmp(0, u"a", u"A") == CSTR_LESS_THAN, "a < A\n");
    ok(cmp(NORM_IGNORECASE, u"a", u"A") == CSTR_EQUAL, "a = A ignoring case\n");
    ok(cmp(0, u"ab", u"Aa") == CSTR_GREATER_THAN, "ab > Aa\n");
    ok(cmp(0, u"Ab", u"aB") == CSTR_GREATER_THAN, "Ab > aB\n");
    ok(cmp(0, u"\u00e9", u"e") == CSTR_GREATER_THAN, "e-acute > e\n");
    ok(cmp(0, u"\u00e9", u"f") == CSTR_LESS_THAN, "e-acute < f\n");
    ok(cmp(0, u"\u00e9", u"E") == CSTR_GREATER_THAN, "e-acute > E\n");
    ok(cmp(NORM_IGNORENONSPACE, u"\u00e9", u"e") == CSTR_EQUAL, "ignore nonspace\n");
    ok(cmp(0, u"co-op", u"coop") == CSTR_GREATER_THAN, "co-op > coop\n");
    ok(cmp(0, u"co-op", u"cop") == CSTR_LESS_THAN, "co-op < cop\n");
    ok(cmp(0, u"co'op", u"co-op") == CSTR_LESS_THAN, "co'op < co-op\n");
    ok(cmp(0, u"a-b", u"ab-") == CSTR_GREATER_THAN, "a-b > ab-\n");
    ok(cmp(SORT_STRINGSORT, u"co-op", u"coop") == CSTR_LESS_THAN, "string sort\n");
    ok(cmp(NORM_IGNORESYMBOLS, u"a.b", u"ab") == CSTR_EQUAL, "ignore symbols\n");
    ok(cmp(0, u"a b", u"ab") == CSTR_LESS_THAN, "space\n");
    ok(cmp(0, u"_", u"a") == CSTR_LESS_THAN, "_ < a\n");
    ok(cmp(0, u"10", u"9") == CSTR_LESS_THAN, "10 < 9\n");
    ok(cmp(SORT_DIGITSASNUMBERS, u"10", u"9") == CSTR_GREATER_THAN, "digits as numbers\n");
    ok(cmp(0, u"\u00e6", u"ae") == CSTR_EQUAL, "ae ligature\n");
    ok(cmp(0, u"\u00df", u"ss") == CSTR_EQUAL, "sharp s\n");
    ok(cmp(NORM_IGNOREWIDTH, u"\uff21", u"A") == CSTR_EQUAL, "ignore width\n");
    ok(cmp(0, u"\uff21", u"A") == CSTR_GREATER_THAN, "width\n");
    ok(cmp(NORM_IGNOREKANATYPE, u"\u3042", u"\u30a2") == CSTR_EQUAL, "kana type\n");
    ok(cmp(0, u"+", u"~") == CSTR_GREATER_THAN && cmp(0, u"~", u"0") == CSTR_LESS_THAN, "symbols\n");
    ok(cmp(0, u"z", u"\u0430") == CSTR_LESS_THAN, "latin before cyrillic\n");
    ok(lstrcmpW(u"a", u"B") < 0 && lstrcmpiW(u"a", u"A") == 0 && lstrcmpW(NULL, u"a") < 0, "lstrcmp\n");
    ok(lstrcmpA("abc", "ab") > 0, "lstrcmpA\n");
    ok(CompareStringOrdinal(u"a", -1, u"B", -1, TRUE) == CSTR_LESS_THAN &&
       CompareStringOrdinal(u"a", -1, u"B", -1, FALSE) == CSTR_GREATER_THAN, "ordinal\n");
    SET_ERR();
    ok(!CompareStringW(0x409, 0x4000000 | 0x100, u"a", -1, u"a", -1) && LAST_ERROR == ERROR_INVALID_FLAGS, "bad flags: %u\n", LAST_ERROR);
}

static void test_lcmap_ctype(void)
{
    WCHAR w[16];
    WORD t[16];
    int r = LCMapStringW(0x409, LCMAP_UPPERCASE, u"abc\u00e9\u00ff\u00df\u0131", -1, w, 16);
    ok(r == 8 && weq(w, u"ABC\u00c9\u0178\u00df\u0131", 8), "upper: %d %04x %04x\n", r, w[4], w[6]);
    r = LCMapStringW(0x409, LCMAP_LOWERCASE, u"\u0130I\u03a3", 3, w, 16);
    ok(r == 3 && weq(w, u"\u0130i\u03c3", 3), "lower: %04x\n", w[0]);
    SET_ERR();
    r = LCMapStringW(0x409, LCMAP_UPPERCASE | LCMAP_LOWERCASE, u"a", -1, w, 16);
    ok(!r && LAST_ERROR == ERROR_INVALID_FLAGS, "both: %u\n", LAST_ERROR);
    SET_ERR();
    r = LCMapStringW(0x409, LCMAP_UPPERCASE, u"ABC", 3, w, 2);
    ok(!r && LAST_ERROR == ERROR_INSUFFICIENT_BUFFER, "short: %u\n", LAST_ERROR);
    ok(GetStringTypeW(CT_CTYPE1, u"\t Aa0!\u00e9\u00a0\u3042", 9, t), "ctype1\n");
    ok(t[0] == 0x268 && t[1] == 0x248 && t[2] == 0x381 && t[3] == 0x382 && t[4] == 0x284 && t[5] == 0x210 &&
       t[6] == 0x302 && t[7] == 0x248 && t[8] == 0x300, "ctype1 values %x %x %x %x %x %x %x %x %x\n",
       t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
    BYTE key1[64], key2[64];
    int k1 = LCMapStringW(0x409, LCMAP_SORTKEY, u"ab", -1, (WCHAR *)key1, 64);
    int k2 = LCMapStringW(0x409, LCMAP_SORTKEY, u"Ab", -1, (WCHAR *)key2, 64);
    ok(k1 && k2 && memcmp(key1, key2, k1 < k2 ? k1 : k2) < 0, "sort keys order\n");
}

static void test_locale(void)
{
    WCHAR w[64];
    char a[64];
    DWORD num;
    int r = GetLocaleInfoW(0x409, LOCALE_SNAME, w, 64);
    ok(r == 6 && weq(w, u"en-US", 6), "SNAME: %d\n", r);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDECIMAL, a, 64);
    ok(r == 2 && !strcmp(a, "."), "SDECIMAL: %d %s\n", r, a);
    r = GetLocaleInfoA(0x409, LOCALE_SLANGUAGE, a, 64);
    ok(r == 24 && !strcmp(a, "English (United States)"), "SLANGUAGE %s\n", a);
    r = GetLocaleInfoW(0x409, LOCALE_IDEFAULTANSICODEPAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    ok(r == 2 && num == 1252, "RETURN_NUMBER: %d %u\n", r, num);
    SET_ERR();
    r = GetLocaleInfoW(0x409, LOCALE_SNAME, w, 2);
    ok(!r && LAST_ERROR == ERROR_INSUFFICIENT_BUFFER, "short: %u\n", LAST_ERROR);
    SET_ERR();
    r = GetLocaleInfoW(0x12345, LOCALE_SNAME, w, 64);
    ok(!r && LAST_ERROR == ERROR_INVALID_PARAMETER, "bad lcid: %u\n", LAST_ERROR);
    SET_ERR();
    r = GetLocaleInfoW(0x409, 0x9999, w, 64);
    ok(!r && LAST_ERROR == ERROR_INVALID_FLAGS, "bad type: %u\n", LAST_ERROR);
    ok(LocaleNameToLCID(u"de-de", 0) == 0x407 && LocaleNameToLCID(u"", 0) == 0x7f, "LocaleNameToLCID\n");
    r = LCIDToLocaleName(0x409, w, 64, 0);
    ok(r == 6 && weq(w, u"en-US", 6), "LCIDToLocaleName\n");
    r = GetLocaleInfoEx(u"de-DE", LOCALE_SDECIMAL, w, 64);
    ok(r == 2 && w[0] == ',', "de-DE decimal\n");
    ok(GetThreadLocale() == 0x409 && SetThreadLocale(0x407) && GetThreadLocale() == 0x407, "thread locale\n");
    ok(IsValidLocale(0x409, LCID_SUPPORTED) && !IsValidLocale(0x12345, LCID_SUPPORTED), "IsValidLocale\n");
}

int main(void)
{
    fake_teb.Tib.Self = &fake_teb.Tib;
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, &fake_teb)) {
        printf("arch_prctl failed\n");
        return 1;
    }
    setenv("CARAFE_ACP", "1250", 1);
    test_utf8();
    test_tables();
    test_acp();
    test_compare();
    test_lcmap_ctype();
    test_locale();
    return unit_summary();
}
