/* Conformance tests of msvcrt's printf family: sprintf, _snprintf,
 * _scprintf, swprintf, _snwprintf, _scwprintf, the v-variants, fprintf,
 * fwprintf, printf.  Expected values are what msvcrt.dll prints (Wine as
 * the oracle), including its quirks: three-digit exponents, 1.#INF00,
 * 16-digit %p, 'l' as 32-bit. */
#define __USE_MINGW_ANSI_STDIO 0    /* call msvcrt.dll's printf, not mingw's own */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include "test.h"

/* msvcrt.dll's swprintf and vswprintf take no count (mingw's headers map
 * the names to the C99 form). */
int __cdecl ms_swprintf(wchar_t *, const wchar_t *, ...) __asm__("swprintf");
int __cdecl ms_vswprintf(wchar_t *, const wchar_t *, va_list) __asm__("vswprintf");

/* Called through pointers: gcc would otherwise compute sprintf's return
 * value at compile time, with C99 rather than msvcrt semantics. */
static int (__cdecl *volatile p_sprintf)(char *, const char *, ...) = sprintf;
static int (__cdecl *volatile p_swprintf)(wchar_t *, const wchar_t *, ...) = ms_swprintf;
static int (__cdecl *volatile p_snprintf)(char *, size_t, const char *, ...) = _snprintf;

static char buf[4096];

#define CHECK(expect, ...) do { \
    memset(buf, 'X', sizeof(buf)); \
    int r_ = p_sprintf(buf, __VA_ARGS__); \
    ok(r_ == (int)strlen(expect) && !strcmp(buf, expect), \
       "%s: got \"%s\" (%d), expected \"%s\"", #__VA_ARGS__, buf, r_, expect); \
} while (0)

static double make_double(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

static void test_integers(void)
{
    CHECK("-1 18446744073709551615 ffffffffffffffff", "%I64d %I64u %I64x", -1LL, -1LL, -1LL);
    CHECK("-1 -1 18446744073709551615 ffffffffffffffff", "%I32d %Id %Iu %Ix", -1, (intptr_t)-1, (size_t)-1, (size_t)-1);
    CHECK("-1 -1 4294967295 4464 4464", "%lld %ld %lu %hd %hhd", -1LL, -1L, -1L, 70000, 70000);
    CHECK("0|0|1099511627776", "%ld|%d|%lld", 1LL << 40, 1LL << 40, 1LL << 40);
    CHECK("1099511627776|1099511627776|1099511627776", "%jd|%zd|%td", 1LL << 40, 1LL << 40, 1LL << 40);
    CHECK("+5  5 00005 5    | 0xff 010 0XFF", "%+d % d %05d %-5d| %#x %#o %#X", 5, 5, 5, 5, 255, 8, 255);
    CHECK("    1|2    |0003|004     |", "%*d|%-*d|%.*d|%*.*d|", 5, 1, 5, 2, 4, 3, -8, 3, 4);
    CHECK("0|0|", "%#x|%#o|", 0, 0);
    CHECK("+0003| 0003|", "%+05d|% 05d|", 3, 3);
    CHECK("007|00000007|", "%.3d|%08.3d|", 7, 7);
    CHECK("-0007|-007 |", "%05.3d|%-05.3d|", -7, -7);
    CHECK("0xff      |0x000000ff|", "%-#10x|%#010x|", 255, 255);
    CHECK("    0x00ff|", "%#10.4x|", 255);
    CHECK("5|5|5|", "%+u|% u|%+x|", 5, 5, 5);
    CHECK("0x001|001|", "%#.3x|%#.3o|", 1, 1);
    CHECK("010|  010|", "%.3o|%#5o|", 8, 8);
    CHECK("65535|-1", "%hu|%hd", 65535, 65535);
    CHECK("+7|+7|7    |7    |", "% +d|%+ d|%0-5d|%0*d|", 7, 7, 7, -5, 7);
    CHECK("0|", "%.*d|", -1, 0);
    CHECK("|||||0|0|010|", "%.0d|%.0x|%#.0o|%#.0x|%.0o|%#.1o|%#o|%#o|", 0, 0, 0, 0, 0, 0, 0, 8);
    CHECK("0|0|300|", "%Lx|%Ld|%hhd|", 1LL << 40, 1LL << 40, 300);
    CHECK("1234567012345670|", "%I64o|", 01234567012345670LL);
    CHECK("123456789abcdef 123456789ABCDEF", "%llx %I64X", 0x123456789abcdefLL, 0x123456789abcdefLL);
    CHECK("ffff 65535 177777", "%hx %hu %ho", -1, -1, -1);

    p_sprintf(buf, "%.100d|%-#105.100x|", -5, 255);
    ok(strlen(buf) == 208 && buf[0] == '-' && buf[1] == '0' && !strncmp(buf + 98, "005|0x", 6)
       && !strncmp(buf + 202, "ff   |", 6), "big precision: %s", buf);
}

static void test_pointers_and_misc(void)
{
    int n = -1;
    CHECK("000000000000002A", "%p", (void *)0x2a);
    CHECK("0X000000000000002A", "%#p", (void *)0x2a);
    CHECK("000000000000002A|000000000000002A    |", "%10p|%-20p|", (void *)0x2a, (void *)0x2a);
    CHECK("0000000000000012|0000000000000012", "%+p|% p", (void *)0x12, (void *)0x12);
    CHECK("0000000000000000|", "%p|", NULL);
    CHECK("abc|", "abc%n|", &n);
    ok(n == 3, "%%n stored %d", n);
    CHECK("%|y||", "%%|%y|%w|", 1);
    CHECK("y|y|y|", "%5y|%-5y|%05y|");
    CHECK("||%|", "%5%|%-5%|%%|");
    CHECK("I|I16d|Iy|", "%I|%I16d|%Iy|");
    CHECK("1|2", "%Fd|%Nd", 1, 2);
    CHECK("qd|$d", "%qd|%1$d", 1, 2);
    CHECK("", "%");
    CHECK("ab", "ab%");
    CHECK("", "%-");
    CHECK("1234||", "%Ix|%I64|", (size_t)0x1234, 1);
}

static void test_strings(void)
{
    CHECK("wide|wide2|narrow|n", "%ls|%S|%hs|%s", L"wide", L"wide2", "narrow", "n");
    CHECK("(null)|abc|         x|y         |", "%s|%.3s|%10s|%-10s|", (char *)0, "abcdef", "x", "y");
    CHECK("(null)|    (|", "%ls|%5.1s|", (wchar_t *)0, (char *)0);
    CHECK("000ab|0000x|", "%05s|%05c|", "ab", 'x');
    CHECK("abcd", "%c%C%lc%hc", 'a', L'b', L'c', 'd');
    CHECK("A|", "%c|", 0x141);
    CHECK("|", "%lc|", 0x141);
    CHECK("\xe9|", "%lc|", 0xe9);
    CHECK("a    |  b|", "%-5c|%3lc|", 'a', L'b');
    CHECK("|ab|", "%.0s|%.2ls|", "abc", L"abc");
    CHECK("        ab|x   |", "%10ls|%-4.1ls|", L"ab", L"xy");
    CHECK("a|b|c|c|", "%hs|%hS|%lS|%wS|", "a", "b", L"c", L"c");
    CHECK("ws|w|x|", "%ws|%wc|%hls|", L"ws", L'w', "x");
    CHECK("abc|x  |", "%.*s|%*s|", -1, "abc", -3, "x");
    CHECK("a\xe9z|", "%ls|", L"a\xe9z");

    memset(buf, 'X', 16);
    int r = p_sprintf(buf, "q%lsr", L"a\x100z");
    ok(r == -1 && !strcmp(buf, "q"), "unconvertible %%ls: %d \"%s\"", r, buf);
}

static void test_floats(void)
{
    CHECK("1.000000e+000", "%e", 1.0);
    CHECK("1.234568E+004", "%E", 12345.678);
    CHECK("1e-010|1E+100", "%g|%G", 1e-10, 1e100);
    CHECK("0.0001 123456 1.23457e+006", "%g %g %g", 0.0001, 123456.0, 1234567.0);
    CHECK("1.00000", "%#g", 1.0);
    CHECK("0x1.0000000000000p+0|-0X1.C000000000000P+1|0x1.55p-2", "%a|%A|%.2a", 1.0, -3.5, 1.0 / 3);
    CHECK("0x0.0000000000000p+0|-0x0.0000000000000p+0|0x1.fe00000000000p+7", "%a|%a|%a", 0.0, -0.0, 255.0);
    CHECK("0x2p+0|0x2.0p+0|0x1.p+0", "%.0a|%.1a|%#.0a", 1.5, 1.96875, 1.0);
    CHECK("0x1.1p+0|0x2p+0|0x1.2p+0|0x1p+1", "%.1a|%.0a|%.1a|%.0a", 1.03125, 1.5, 1.09375, 2.5);
    CHECK("0x0.012688b70e62bp-1022|0x0.0000000000001p-1022", "%a|%a", 1e-310, 5e-324);
    CHECK("0x1.0000000000000p+0|0x1.00000000000000000000p+0", "%.13a|%.20a", 1.0, 1.0);
    CHECK("0.10000000000000000555", "%.20f", 0.1);
    CHECK("1.000000000000000055511151231258e-001", "%.30e", 0.1);
    CHECK("0.333333333333333314829616256247390992939472198486328125000000", "%.60f", 1.0 / 3);
    CHECK("1.000000e+000|1.000000|1.|1e+000|1.e+000", "%#e|%#f|%#.0f|%.0e|%#.0e", 1.0, 1.0, 1.0, 1.0, 1.0);
    CHECK("-0001.50|1.50    |+1.50e+000| 1.5", "%08.2f|%-8.2f|%+.2e|% .3g", -1.5, 1.5, 1.5, 1.5);
    CHECK("0.000000e+000|-0.000000e+000", "%e|%e", 0.0, -0.0);
    CHECK("100000|1e-005|0.0001", "%g|%g|%g", 100000.0, 1e-5, 1e-4);
    CHECK("1e+001|1e+001|12.0", "%.0g|%.1g|%#.3g", 12.0, 12.0, 12.0);
    CHECK("1.000000e-300|4.940656e-324|1.5e+300", "%e|%e|%g", 1e-300, 5e-324, 1.5e300);
    CHECK("1.000e+001", "%.3e", 9.9996);
    CHECK("3.000000e+000|3.000000E+000  |", "%010e|%-15E|", 3.0, 3.0);
    CHECK("5e-001|0.5|1", "%.0e|%.0g|%.0f", 0.5, 0.5, 0.5);
    CHECK("2|3|4", "%.0f|%.0f|%.0f", 1.5, 2.5, 3.5);
    CHECK("0|0.1|0.13", "%.0f|%.1f|%.2f", 0.05, 0.05, 0.125);
    CHECK("2.67|0.3", "%.2f|%.1f", 2.675, 0.25);
    CHECK("3e+001|1.3e-001|3e+001|0.13", "%.0e|%.1e|%.1g|%.2g", 25.0, 0.125, 25.0, 0.125);
    CHECK("1e+001|0.10000000000000001", "%.0e|%.17g", 9.5, 0.1);
    CHECK("0.000123|1e-005|2.5e-005", "%.3g|%.3g|%.3g", 0.0001234, 1e-5, 2.5e-5);
    CHECK(" 3.14|+0|0|0.00|0|    0", "% .2f|%+.0f|%g|%#.3g|%.0g|%5.0f", 3.14159, 0.0, 0.0, 0.0, 0.0, 0.4);
    CHECK("   3.|3.e+000|", "%#5.0f|%#.0e|", 3.0, 3.0);
    CHECK("1.500000|1.500000e+000|1.5", "%Lf|%Le|%Lg", 1.5, 1.5, 1.5);   /* long double is double */
    CHECK("0e+000|0|1e-300", "%.0e|%.0g|%.0e", 0.0, 0.0, 1e-300);
    CHECK("0.1|0.1|0.10000000000000001", "%.15g|%.16g|%.17g", 0.1, 0.1, 0.1);
    CHECK("1.000|1.00001e+000", "%.3f|%.5e", 1.0005, 1.000005);
    CHECK("0.5|0.3|-0.3|-2.5|-1|-2", "%.1f|%.1f|%.1f|%.1f|%.0f|%.0f", 0.45, 0.35, -0.25, -2.5, -0.5, -1.5);
    CHECK("9.999889e-321|9.99989e-321", "%e|%g", 1e-320, 1e-320);
    CHECK("10000000000000000000000| 10.0|1.000e+001|+1e+006", "%.0f|%5.1f|%-8.3e|%+g", 1e22, 9.96, 9.9996, 1e6);
    CHECK("1e+006|1e+007", "%g|%g", 999999.5, 9999995.0);

    p_sprintf(buf, "%f", 1e300);
    ok(strlen(buf) == 308 && !strncmp(buf, "10000000000000000525047602552044202487044685811081591549158541", 62)
       && !strcmp(buf + 301, ".000000"), "1e300: %s", buf);
}

static void test_special_floats(void)
{
    CHECK("1.#INF00|-1.#INF00|1.#QNAN0|-1.#IND00", "%f|%f|%f|%f", INFINITY, -INFINITY, NAN, -NAN);
    CHECK("1.#INF00e+000|1.#INF|1.#INF00E+000|1.#QNAN", "%e|%g|%E|%G", INFINITY, INFINITY, INFINITY, NAN);
    CHECK("     1.#IO|1.$|1|", "%10.3f|%.1f|%.0f|", INFINITY, INFINITY, INFINITY);
    CHECK("0000000000001.#INF00|+1.#INF00|1.#INF000000", "%020f|%+f|%.10f", INFINITY, INFINITY, INFINITY);
    CHECK("0x1.#INF000000000p+0", "%a", INFINITY);
    CHECK("-0x0000000000000000002p+9|+0X0001.2P+2|0x00000000000000.01p-1022", "%025.0a|%+012.1A|%025.2a",
          -1023.0, 4.5, 1e-310);
    CHECK("-1.#INF000000000000|1.#QNAN0000000000000000000", "%0#.17g|%#25.25g", -INFINITY, NAN);
    CHECK("-1.#IND00e+000|-1.#IND|-1.#INF", "%e|%g|%G", -NAN, -NAN, -INFINITY);
    CHECK("  1.#QNAN0|-1.#J|", "%10f|%.2f|", NAN, -NAN);
    CHECK("1.$e+000|-01.$|1.#INF|1.#INF|1.#INF00000|1", "%.1e|%05.1f|%#g|%#.0g|%.9f|%.1g",
          INFINITY, -INFINITY, INFINITY, INFINITY, INFINITY, NAN);
    CHECK("1.#J|1.$|1|1.#J|1.#QNB|-1.#IND", "%.3g|%.2g|%#.1g|%#.3g|%.5g|%.10g",
          INFINITY, INFINITY, INFINITY, INFINITY, NAN, -NAN);
    CHECK("1.#QOe+000|1.#QNBe+000|1.#QNANe+000", "%.3e|%.4e|%.5e", NAN, NAN, NAN);
    CHECK("1.#INF|1.#INF|1.#QNAN|1.#QNAN|1|1.$", "%.0g|%#.0g|%.0g|%#.0g|%#.1g|%#.2g",
          INFINITY, INFINITY, NAN, NAN, NAN, NAN);
    CHECK("1|1e+000|1", "%#.0f|%#.0e|%#.0f", INFINITY, INFINITY, NAN);
    CHECK("1.#QNAN0|-1.#IND00|-1.#IND00|1.#QNAN0", "%f|%f|%f|%f",
          make_double(0x7ff0000000000001ULL), make_double(0xfff0000000000001ULL),
          make_double(0xfff8000000000001ULL), make_double(0x7ff8000000000001ULL));
}

static int call_vsnprintf(char *b, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vsnprintf(b, n, fmt, ap);
    va_end(ap);
    return r;
}

static int call_vsprintf(char *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

static int call_vscprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vscprintf(fmt, ap);
    va_end(ap);
    return r;
}

static void test_bounded(void)
{
    int r;
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 5, "abcdef");
    ok(r == -1 && !memcmp(buf, "abcdeX", 6), "_snprintf 5: %d", r);
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 6, "abcdef");
    ok(r == 6 && !memcmp(buf, "abcdefX", 7), "_snprintf 6: %d", r);
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 7, "abcdef");
    ok(r == 6 && !memcmp(buf, "abcdef\0X", 8), "_snprintf 7: %d", r);
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 0, "abcdef");
    ok(r == -1 && buf[0] == 'X', "_snprintf 0: %d", r);
    r = p_snprintf(NULL, 0, "abc%d", 123);
    ok(r == 6, "_snprintf NULL: %d", r);
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 3, "%ls", L"a\x100z");
    ok(r == -1 && buf[0] == 0, "_snprintf bad %%ls: %d", r);
    memset(buf, 'X', 20);
    r = p_snprintf(buf, 10, "q%lsr", L"a\x100z");
    ok(r == -1 && !strcmp(buf, "q"), "_snprintf bad %%ls 2: %d", r);
    memset(buf, 'X', 20);
    r = call_vsnprintf(buf, 4, "%d%s", 12, "ab");
    ok(r == 4 && !memcmp(buf, "12abX", 5), "_vsnprintf: %d", r);
    r = call_vsprintf(buf, "%d-%s-%.1f", 5, "x", 2.25);
    ok(r == 7 && !strcmp(buf, "5-x-2.3"), "vsprintf: %d %s", r, buf);
    ok(_scprintf("%d%s", 123, "ab") == 5, "_scprintf");
    ok(call_vscprintf("%5d%%", 1) == 6, "_vscprintf");
}

static int call_vsnwprintf(wchar_t *b, size_t n, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vsnwprintf(b, n, fmt, ap);
    va_end(ap);
    return r;
}

static int call_vswprintf(wchar_t *b, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = ms_vswprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

#define WCHECK(expect, ...) do { \
    wmemset(w, L'X', 64); \
    int r_ = p_swprintf(w, __VA_ARGS__); \
    ok(r_ == (int)wcslen(expect) && !wcscmp(w, expect), "%s: got %d", #__VA_ARGS__, r_); \
} while (0)

static void test_wide(void)
{
    wchar_t w[128];
    int r;
    WCHECK(L"wi|", L"%s|", L"wi");
    WCHECK(L"na|hs|ls|", L"%S|%hs|%ls|", "na", "hs", L"ls");
    WCHECK(L"\x141|a|b|\x142|", L"%c|%C|%hc|%lc|", L'\x141', 'a', 'b', L'\x142');
    WCHECK(L"\xe9\xff|\xe9|", L"%S|%C|", "\xe9\xff", 0xe9);
    WCHECK(L"1.000000e+000|1.#INF00", L"%e|%f", 1.0, INFINITY);
    WCHECK(L"(null)|(null)|", L"%s|%S|", (wchar_t *)0, (char *)0);
    WCHECK(L"42|   ab|", L"%d|%5.2s|", 42, L"abc");
    WCHECK(L"000000000000ABCD|-0x1.8000000000000p+0", L"%p|%a", (void *)0xabcd, -1.5);

    wmemset(w, L'X', 40);
    r = _snwprintf(w, 3, L"abcdef");
    ok(r == -1 && w[2] == 'c' && w[3] == 'X', "_snwprintf 3: %d", r);
    wmemset(w, L'X', 40);
    r = _snwprintf(w, 6, L"abcdef");
    ok(r == 6 && w[5] == 'f' && w[6] == 'X', "_snwprintf 6: %d", r);
    wmemset(w, L'X', 40);
    r = _snwprintf(w, 7, L"ab%sef", L"cd");
    ok(r == 6 && !wcscmp(w, L"abcdef"), "_snwprintf 7: %d", r);
    wmemset(w, L'X', 40);
    r = call_vsnwprintf(w, 40, L"%d:%S", 7, "z");
    ok(r == 3 && !wcscmp(w, L"7:z"), "_vsnwprintf: %d", r);
    r = call_vswprintf(w, L"%x-%s", 255, L"q");
    ok(r == 4 && !wcscmp(w, L"ff-q"), "vswprintf: %d", r);
    ok(_scwprintf(L"%d%s", 123, L"ab") == 5, "_scwprintf");
}

static void test_files(void)
{
    static const char name[] = "printf_test.tmp";
    FILE *f = fopen(name, "w+");     /* text mode: fwprintf writes multibyte */
    char line[256];
    int r;
    ok(f != NULL, "fopen");
    if (!f) return;
    r = fprintf(f, "%d|%s|%e|%p\n", 42, "str", 2.0, (void *)0x10);
    ok(r == 38, "fprintf returned %d", r);
    r = fwprintf(f, L"%s|%S|%c\n", L"wide", "narrow", L'x');
    ok(r == 14, "fwprintf returned %d", r);
    rewind(f);
    ok(fgets(line, sizeof(line), f) && !strcmp(line, "42|str|2.000000e+000|0000000000000010\n"), "fprintf wrote %s", line);
    ok(fgets(line, sizeof(line), f) && !strcmp(line, "wide|narrow|x\n"), "fwprintf wrote %s", line);
    fclose(f);
    remove(name);

    r = printf("%s", "");
    ok(r == 0, "printf empty: %d", r);
    r = printf("%ls", L"\x100");
    ok(r == -1, "printf unconvertible: %d", r);
}

int main(void)
{
    test_integers();
    test_pointers_and_misc();
    test_strings();
    test_floats();
    test_special_floats();
    test_bounded();
    test_wide();
    test_files();
    return test_summary();
}
