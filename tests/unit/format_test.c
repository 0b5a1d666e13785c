/* Unit tests of msvcrt's printf and scanf engines (format.c, scan.c),
 * driven with arrays of 8-byte argument slots as the MS x64 convention
 * passes them.  Expected strings are what msvcrt.dll prints (Wine 8 as the
 * oracle). */
#include <fenv.h>
#include <math.h>
#include <string.h>
#include "unit.h"
#include "format.h"

static uint64_t D(double d) { uint64_t u; memcpy(&u, &d, sizeof(u)); return u; }
static uint64_t P(const void *p) { return (uint64_t)(uintptr_t)p; }

static char out[4096];

static int fmt(const char *format, const uint64_t *slots)
{
    struct fmt_str_sink s;
    struct fmt_args args = { slots };
    fmt_str_sink_init(&s, 0, out, sizeof(out) - 1);
    int r = fmt_printf(&s.base, format, &args);
    out[s.len < sizeof(out) ? s.len : sizeof(out) - 1] = 0;
    return r;
}

#define CHECK(expect, format, ...) do { \
    uint64_t slots_[] = { 0, ##__VA_ARGS__ }; \
    int r_ = fmt(format, slots_ + 1); \
    ok(!strcmp(out, expect) && r_ == (int)strlen(expect), \
       "%s: got \"%s\" (%d), expected \"%s\"", format, out, r_, expect); \
} while (0)

static void test_integers(void)
{
    CHECK("-1 18446744073709551615 ffffffffffffffff", "%I64d %I64u %I64x", -1ULL, -1ULL, -1ULL);
    CHECK("-1 -1 18446744073709551615 ffffffffffffffff", "%I32d %Id %Iu %Ix",
          0xffffffffULL, -1ULL, -1ULL, -1ULL);
    CHECK("-1 -1 4294967295 4464 4464", "%lld %ld %lu %hd %hhd", -1ULL, -1ULL, -1ULL, 70000, 70000);
    CHECK("0|0|1099511627776", "%ld|%d|%lld", 1ULL << 40, 1ULL << 40, 1ULL << 40);
    CHECK("1099511627776|1099511627776|1099511627776", "%jd|%zd|%td", 1ULL << 40, 1ULL << 40, 1ULL << 40);
    CHECK("+5  5 00005 5    | 0xff 010 0XFF", "%+d % d %05d %-5d| %#x %#o %#X", 5, 5, 5, 5, 255, 8, 255);
    CHECK("    1|2    |0003|004     |", "%*d|%-*d|%.*d|%*.*d|", 5, 1, 5, 2, 4, 3, (uint32_t)-8, 3, 4);
    CHECK("0|0|", "%#x|%#o|", 0, 0);
    CHECK("+0003| 0003|", "%+05d|% 05d|", 3, 3);
    CHECK("007|00000007|", "%.3d|%08.3d|", 7, 7);
    CHECK("-0007|-007 |", "%05.3d|%-05.3d|", (uint32_t)-7, (uint32_t)-7);
    CHECK("0xff      |0x000000ff|", "%-#10x|%#010x|", 255, 255);
    CHECK("    0x00ff|", "%#10.4x|", 255);
    CHECK("5|5|5|", "%+u|% u|%+x|", 5, 5, 5);
    CHECK("0x001|001|", "%#.3x|%#.3o|", 1, 1);
    CHECK("010|  010|", "%.3o|%#5o|", 8, 8);
    CHECK("65535|-1", "%hu|%hd", 65535, 65535);
    CHECK("+7|+7|7    |7    |", "% +d|%+ d|%0-5d|%0*d|", 7, 7, 7, (uint32_t)-5, 7);
    CHECK("0|", "%.*d|", (uint32_t)-1, 0);
    CHECK("|||||0|0|010|", "%.0d|%.0x|%#.0o|%#.0x|%.0o|%#.1o|%#o|%#o|", 0, 0, 0, 0, 0, 0, 0, 8);
    CHECK("0|0|300|", "%Lx|%Ld|%hhd|", 1ULL << 40, 1ULL << 40, 300);
    fmt("%.100d|%-#105.100x|", (uint64_t[]){ (uint32_t)-5, 255 });
    ok(strlen(out) == 101 + 1 + 105 + 1 && out[0] == '-' && out[1] == '0' && !strncmp(out + 98, "005|0x", 6)
       && !strncmp(out + 202, "ff   |", 6), "big precision: %s", out);
    CHECK("1234567012345670|", "%I64o|", 01234567012345670ULL);
}

static void test_pointers_and_misc(void)
{
    int n = -1;
    CHECK("000000000000002A", "%p", 0x2a);
    CHECK("0X000000000000002A", "%#p", 0x2a);
    CHECK("000000000000002A|000000000000002A    |", "%10p|%-20p|", 0x2a, 0x2a);
    CHECK("0000000000000012|0000000000000012", "%+p|% p", 0x12, 0x12);
    CHECK("abc|", "abc%n|", P(&n));
    ok(n == 3, "%%n stored %d", n);
    CHECK("%|y||Z|", "%%|%y|%w|%Z|", 1);
    CHECK("y|y|y|", "%5y|%-5y|%05y|");
    CHECK("||%|", "%5%|%-5%|%%|");
    CHECK("I|I16d|Iy|", "%I|%I16d|%Iy|");
    CHECK("1|2", "%Fd|%Nd", 1, 2);
    CHECK("qd|$d", "%qd|%1$d", 1, 2);
    CHECK("", "%");
    CHECK("ab", "ab%");
    CHECK("", "%-");
    CHECK("1234||", "%Ix|%I64|", 0x1234, 1);
}

static void test_strings(void)
{
    static const WCHAR wide[] = u"wide", bad[] = u"a\x100z", xy[] = u"xy";
    CHECK("wide|wide|narrow|n", "%ls|%S|%hs|%s", P(wide), P(wide), P("narrow"), P("n"));
    CHECK("(null)|abc|         x|y         |", "%s|%.3s|%10s|%-10s|", 0, P("abcdef"), P("x"), P("y"));
    CHECK("(null)|    (|", "%ls|%5.1s|", 0, 0);
    CHECK("000ab|0000x|", "%05s|%05c|", P("ab"), 'x');
    CHECK("abcd", "%c%C%lc%hc", 'a', 'b', 'c', 'd');
    CHECK("A|", "%c|", 0x141);
    CHECK("|", "%lc|", 0x141);
    CHECK("\xe9|", "%lc|", 0xe9);
    CHECK("a    |  b|", "%-5c|%3lc|", 'a', 'b');
    CHECK("|wi|", "%.0s|%.2ls|", P("abc"), P(wide));
    CHECK("        xy|x   |", "%10ls|%-4.1ls|", P(xy), P(xy));
    CHECK("a|b|c|c|", "%hs|%hS|%lS|%wS|", P("a"), P("b"), P(u"c"), P(u"c"));
    CHECK("abc|x  |", "%.*s|%*s|", (uint32_t)-1, P("abc"), (uint32_t)-3, P("x"));
    int r = fmt("q%lsr", (uint64_t[]){ P(bad) });
    ok(r == -1 && !strcmp(out, "q"), "unconvertible %%ls: %d \"%s\"", r, out);
}

static void test_floats(void)
{
    CHECK("1.000000e+000", "%e", D(1.0));
    CHECK("1.234568E+004", "%E", D(12345.678));
    CHECK("1e-010|1E+100", "%g|%G", D(1e-10), D(1e100));
    CHECK("0.0001 123456 1.23457e+006", "%g %g %g", D(0.0001), D(123456.0), D(1234567.0));
    CHECK("1.00000", "%#g", D(1.0));
    CHECK("0x1.0000000000000p+0|-0X1.C000000000000P+1|0x1.55p-2", "%a|%A|%.2a", D(1.0), D(-3.5), D(1.0 / 3));
    CHECK("0x0.0000000000000p+0|-0x0.0000000000000p+0|0x1.fe00000000000p+7", "%a|%a|%a", D(0.0), D(-0.0), D(255.0));
    CHECK("0x2p+0|0x2.0p+0|0x1.p+0", "%.0a|%.1a|%#.0a", D(1.5), D(1.96875), D(1.0));
    CHECK("0x1.1p+0|0x2p+0|0x1.2p+0|0x1p+1", "%.1a|%.0a|%.1a|%.0a", D(1.03125), D(1.5), D(1.09375), D(2.5));
    CHECK("0x0.012688b70e62bp-1022|0x0.0000000000001p-1022", "%a|%a", D(1e-310), D(5e-324));
    CHECK("0x1.0000000000000p+0|0x1.00000000000000000000p+0", "%.13a|%.20a", D(1.0), D(1.0));
    CHECK("0.10000000000000000555", "%.20f", D(0.1));
    CHECK("1.000000000000000055511151231258e-001", "%.30e", D(0.1));
    CHECK("0.333333333333333314829616256247390992939472198486328125000000", "%.60f", D(1.0 / 3));
    CHECK("1.000000e+000|1.000000|1.|1e+000|1.e+000", "%#e|%#f|%#.0f|%.0e|%#.0e",
          D(1.0), D(1.0), D(1.0), D(1.0), D(1.0));
    CHECK("-0001.50|1.50    |+1.50e+000| 1.5", "%08.2f|%-8.2f|%+.2e|% .3g", D(-1.5), D(1.5), D(1.5), D(1.5));
    CHECK("0.000000e+000|-0.000000e+000", "%e|%e", D(0.0), D(-0.0));
    CHECK("100000|1e-005|0.0001", "%g|%g|%g", D(100000.0), D(1e-5), D(1e-4));
    CHECK("1e+001|1e+001|12.0", "%.0g|%.1g|%#.3g", D(12.0), D(12.0), D(12.0));
    CHECK("1.000000e-300|4.940656e-324|1.5e+300", "%e|%e|%g", D(1e-300), D(5e-324), D(1.5e300));
    CHECK("1.000e+001", "%.3e", D(9.9996));
    CHECK("3.000000e+000|3.000000E+000  |", "%010e|%-15E|", D(3.0), D(3.0));
    CHECK("5e-001|0.5|1", "%.0e|%.0g|%.0f", D(0.5), D(0.5), D(0.5));
    CHECK("2|3|4", "%.0f|%.0f|%.0f", D(1.5), D(2.5), D(3.5));
    CHECK("0|0.1|0.13", "%.0f|%.1f|%.2f", D(0.05), D(0.05), D(0.125));
    CHECK("2.67|0.3", "%.2f|%.1f", D(2.675), D(0.25));
    CHECK("3e+001|1.3e-001|3e+001|0.13", "%.0e|%.1e|%.1g|%.2g", D(25.0), D(0.125), D(25.0), D(0.125));
    CHECK("1e+001|0.10000000000000001", "%.0e|%.17g", D(9.5), D(0.1));
    CHECK("0.000123|1e-005|2.5e-005", "%.3g|%.3g|%.3g", D(0.0001234), D(1e-5), D(2.5e-5));
    CHECK(" 3.14|+0|0|0.00|0|    0", "% .2f|%+.0f|%g|%#.3g|%.0g|%5.0f", D(3.14159), D(0.0), D(0.0), D(0.0), D(0.0), D(0.4));
    CHECK("   3.|3.e+000|", "%#5.0f|%#.0e|", D(3.0), D(3.0));
    CHECK("1.500000|1.500000e+000|1.5", "%Lf|%Le|%Lg", D(1.5), D(1.5), D(1.5));
    CHECK("1.#INF00|-1.#INF00|1.#QNAN0|-1.#IND00", "%f|%f|%f|%f", D(INFINITY), D(-INFINITY), D(NAN), D(-NAN));
    CHECK("1.#INF00e+000|1.#INF|1.#INF00E+000|1.#QNAN", "%e|%g|%E|%G", D(INFINITY), D(INFINITY), D(INFINITY), D(NAN));
    CHECK("     1.#IO|1.$|1|", "%10.3f|%.1f|%.0f|", D(INFINITY), D(INFINITY), D(INFINITY));
    CHECK("0000000000001.#INF00|+1.#INF00|1.#INF000000", "%020f|%+f|%.10f", D(INFINITY), D(INFINITY), D(INFINITY));
    CHECK("0x1.#INF000000000p+0", "%a", D(INFINITY));
    CHECK("-0x0000000000000000002p+9|+0X0001.2P+2|0x00000000000000.01p-1022", "%025.0a|%+012.1A|%025.2a",
          D(-1023.0), D(4.5), D(1e-310));
    CHECK("-1.#INF000000000000|1.#QNAN0000000000000000000", "%0#.17g|%#25.25g", D(-INFINITY), D(NAN));
    CHECK("-1.#IND00e+000|-1.#IND|-1.#INF", "%e|%g|%G", D(-NAN), D(-NAN), D(-INFINITY));
    CHECK("  1.#QNAN0|-1.#J|", "%10f|%.2f|", D(NAN), D(-NAN));
    CHECK("1.#INF|1.#INF|1.#QNAN|1.#QNAN|1|1.$", "%.0g|%#.0g|%.0g|%#.0g|%#.1g|%#.2g",
          D(INFINITY), D(INFINITY), D(NAN), D(NAN), D(NAN), D(NAN));
    CHECK("1|1e+000|1", "%#.0f|%#.0e|%#.0f", D(INFINITY), D(INFINITY), D(NAN));
    CHECK("1.#QNAN0|-1.#IND00|-1.#IND00|1.#QNAN0", "%f|%f|%f|%f", 0x7ff0000000000001ULL,
          0xfff0000000000001ULL, 0xfff8000000000001ULL, 0x7ff8000000000001ULL);
    CHECK("0e+000|0|1e-300", "%.0e|%.0g|%.0e", D(0.0), D(0.0), D(1e-300));
    CHECK("0.1|0.1|0.10000000000000001", "%.15g|%.16g|%.17g", D(0.1), D(0.1), D(0.1));
    CHECK("1.000|1.00001e+000", "%.3f|%.5e", D(1.0005), D(1.000005));
    CHECK("0.5|0.3|-0.3|-2.5|-1|-2", "%.1f|%.1f|%.1f|%.1f|%.0f|%.0f", D(0.45), D(0.35), D(-0.25), D(-2.5), D(-0.5), D(-1.5));
    CHECK("9.999889e-321|9.99989e-321", "%e|%g", D(1e-320), D(1e-320));
    CHECK("10000000000000000000000| 10.0|1.000e+001|+1e+006", "%.0f|%5.1f|%-8.3e|%+g", D(1e22), D(9.96), D(9.9996), D(1e6));
    CHECK("1e+006|1e+007", "%g|%g", D(999999.5), D(9999995.0));
    CHECK("1.$e+000|-01.$|1.#INF|1.#INF|1.#INF00000|1", "%.1e|%05.1f|%#g|%#.0g|%.9f|%.1g",
          D(INFINITY), D(-INFINITY), D(INFINITY), D(INFINITY), D(INFINITY), D(NAN));
    CHECK("1.#J|1.$|1|1.#J|1.#QNB|-1.#IND", "%.3g|%.2g|%#.1g|%#.3g|%.5g|%.10g",
          D(INFINITY), D(INFINITY), D(INFINITY), D(INFINITY), D(NAN), D(-NAN));
    CHECK("1.#QOe+000|1.#QNBe+000|1.#QNANe+000", "%.3e|%.4e|%.5e", D(NAN), D(NAN), D(NAN));
    /* the program's rounding mode does not change msvcrt's digits */
    fesetround(FE_DOWNWARD);
    CHECK("0.3|2.67|1|-0.3|0.13", "%.1f|%.2f|%.0f|%.1f|%.2f", D(0.25), D(2.675), D(0.6), D(-0.25), D(0.125));
    ok(fegetround() == FE_DOWNWARD, "rounding mode restored");
    fesetround(FE_TONEAREST);
    fmt("%f", (uint64_t[]){ D(1e300) });
    ok(strlen(out) == 308 && !strncmp(out, "10000000000000000525047602552044202487044685811081591549158541", 62)
       && !strcmp(out + 301, ".000000"), "1e300: %s", out);
}

static void test_wide(void)
{
    WCHAR wbuf[64];
    struct fmt_str_sink s;
    uint64_t slots[] = { P(u"wi"), P("na"), 0x141, 'a', D(1.0) };
    struct fmt_args args = { slots };
    fmt_str_sink_init(&s, 1, wbuf, 63);
    int r = fmt_printf(&s.base, u"%s|%S|%c|%C|%e", &args);
    wbuf[s.len] = 0;
    static const WCHAR expect[] = u"wi|na|\x141|a|1.000000e+000";
    ok(r == 23 && !memcmp(wbuf, expect, sizeof(expect)), "wide printf: %d", r);

    uint64_t slots2[] = { P("\xe9\xff"), 0xe9, 0, 0 };
    args.slot = slots2;
    fmt_str_sink_init(&s, 1, wbuf, 63);
    r = fmt_printf(&s.base, u"%S|%C|%s|%S", &args);
    wbuf[s.len] = 0;
    static const WCHAR expect2[] = u"\xe9\xff|\xe9|(null)|(null)";
    ok(r == 18 && !memcmp(wbuf, expect2, sizeof(expect2)), "wide printf 2: %d", r);

    fmt_str_sink_init(&s, 1, wbuf, 3);
    args.slot = slots;
    r = fmt_printf(&s.base, u"abcdef", &args);
    ok(r == 6 && s.len == 6 && wbuf[2] == 'c', "bounded wide: %d", r);
}

/* ---- scanf ---- */

static int scan(const char *input, const char *format, const uint64_t *slots)
{
    struct scan_str_source src;
    struct fmt_args args = { slots };
    scan_str_source_init(&src, 0, input, (size_t)-1);
    return fmt_scanf(&src.base, format, &args);
}

static void test_scanf(void)
{
    int a = -99, b = -99, c = -99, r;
    short h = -99;
    long long ll = -99;
    float f = -99;
    double d = -99;
    char s1[32], s2[32];
    unsigned char hh[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
    WCHAR w[16];
    void *p;

    ok(scan("", "%d", (uint64_t[]){ P(&a) }) == -1 && a == -99, "empty input");
    ok(scan("   ", "%d", (uint64_t[]){ P(&a) }) == 0, "blank input");
    ok(scan("abc", "%d", (uint64_t[]){ P(&a) }) == 0 && a == -99, "no digits");
    r = scan("12 34", "%d%d%d", (uint64_t[]){ P(&a), P(&b), P(&c) });
    ok(r == 2 && a == 12 && b == 34 && c == -99, "12 34: %d %d %d %d", r, a, b, c);
    r = scan("0x1f 010 -0x10", "%i %i %i", (uint64_t[]){ P(&a), P(&b), P(&c) });
    ok(r == 3 && a == 31 && b == 8 && c == -16, "%%i: %d %d %d %d", r, a, b, c);
    r = scan("0x1f 1f", "%x %x", (uint64_t[]){ P(&a), P(&b) });
    ok(r == 2 && a == 0x1f && b == 0x1f, "%%x: %d %x %x", r, a, b);
    ok(scan("-5", "%u", (uint64_t[]){ P(&a) }) == 1 && a == -5, "%%u negative");
    r = scan("12345", "%2d%3d", (uint64_t[]){ P(&a), P(&b) });
    ok(r == 2 && a == 12 && b == 345, "widths: %d %d %d", r, a, b);
    ok(scan("70000", "%hd", (uint64_t[]){ P(&h) }) == 1 && h == 4464, "%%hd: %d", h);
    r = scan("258", "%hhd", (uint64_t[]){ P(hh) });
    ok(r == 1 && hh[0] == 2 && hh[1] == 1 && hh[2] == 0 && hh[3] == 0, "%%hhd stores an int");
    ok(scan("123456789012", "%I64d", (uint64_t[]){ P(&ll) }) == 1 && ll == 123456789012LL, "%%I64d");
    ll = 0;
    ok(scan("123456789012", "%lld", (uint64_t[]){ P(&ll) }) == 1 && ll == 123456789012LL, "%%lld");
    r = scan("1.5e3 2.25", "%f %lf", (uint64_t[]){ P(&f), P(&d) });
    ok(r == 2 && f == 1500 && d == 2.25, "floats: %d %g %g", r, f, d);
    r = scan("hello world", "%s %s", (uint64_t[]){ P(s1), P(s2) });
    ok(r == 2 && !strcmp(s1, "hello") && !strcmp(s2, "world"), "%%s");
    memset(s1, 'X', 10);
    ok(scan("hello", "%3c", (uint64_t[]){ P(s1) }) == 1 && !memcmp(s1, "helX", 4), "%%3c");
    r = scan("abc123def", "%[a-z]%[0-9]", (uint64_t[]){ P(s1), P(s2) });
    ok(r == 2 && !strcmp(s1, "abc") && !strcmp(s2, "123"), "scanset");
    ok(scan("abc]def", "%[^]]", (uint64_t[]){ P(s1) }) == 1 && !strcmp(s1, "abc"), "negated set");
    ok(scan("]abc", "%[]a]", (uint64_t[]){ P(s1) }) == 1 && !strcmp(s1, "]a"), "set with ]");
    ok(scan("a-b", "%[a-]", (uint64_t[]){ P(s1) }) == 1 && !strcmp(s1, "a-"), "set with -");
    r = scan("12 abc", "%*d %s%n", (uint64_t[]){ P(s1), P(&a) });
    ok(r == 1 && !strcmp(s1, "abc") && a == 6, "suppress and %%n: %d %d", r, a);
    ok(scan("x12", "x%d", (uint64_t[]){ P(&a) }) == 1 && a == 12, "literal");
    ok(scan("y13", "x%d", (uint64_t[]){ P(&a) }) == 0 && a == 12, "literal mismatch");
    ok(scan("12%", "%d%%", (uint64_t[]){ P(&a) }) == 1, "%%%%");
    ok(scan("0000000012345678", "%p", (uint64_t[]){ P(&p) }) == 1 && p == (void *)0x12345678, "%%p");
    ok(scan("0x1A", "%p", (uint64_t[]){ P(&p) }) == 1 && p == NULL, "%%p with 0x");
    ok(scan("wide", "%ls", (uint64_t[]){ P(w) }) == 1 && w[0] == 'w' && w[3] == 'e' && !w[4], "%%ls");
    ok(scan("wide", "%S", (uint64_t[]){ P(w) }) == 1 && w[0] == 'w' && !w[4], "%%S");
    ok(scan("1e", "%f", (uint64_t[]){ P(&f) }) == -1, "incomplete exponent");
    r = scan(".5 -.5e-1", "%f %lf", (uint64_t[]){ P(&f), P(&d) });
    ok(r == 2 && f == 0.5f && d == -0.05, "fractions: %g %g", f, d);
    ok(scan("inf nan", "%lf %lf", (uint64_t[]){ P(&d), P(&d) }) == 0, "no inf");
    ok(scan("  x", " %c", (uint64_t[]){ P(s1) }) == 1 && s1[0] == 'x', "space %%c");
    ok(scan("  x", "%c", (uint64_t[]){ P(s1) }) == 1 && s1[0] == ' ', "%%c keeps space");
    ok(scan("+", "%d", (uint64_t[]){ P(&a) }) == 0, "lone sign");
    a = 12;
    ok(scan("0x", "%x", (uint64_t[]){ P(&a) }) == 0 && a == 12, "0x without digits");
    ok(scan("0xg", "%i", (uint64_t[]){ P(&a) }) == 0, "0xg");
    ok(scan("4294967297", "%d", (uint64_t[]){ P(&a) }) == 1 && a == 1, "wraps");
    ok(scan("99999999999999999999", "%I64d", (uint64_t[]){ P(&ll) }) == 1 && ll == 7766279631452241919LL, "wraps 64");
    ok(scan("1.5", "%Lf", (uint64_t[]){ P(&d) }) == 1 && d == 1.5, "%%Lf");
    r = scan("10 20", "%d%*[ ]%d", (uint64_t[]){ P(&a), P(&b) });
    ok(r == 2 && a == 10 && b == 20, "suppressed set");
    ok(scan("abc", "%2s", (uint64_t[]){ P(s1) }) == 1 && !strcmp(s1, "ab"), "%%2s");
    ok(scan("5", "%y", (uint64_t[]){ P(&a) }) == 0, "unknown");
    ok(scan("078", "%i", (uint64_t[]){ P(&a) }) == 1 && a == 7, "octal stops");
    a = 7;
    ok(scan("0x12", "%2x", (uint64_t[]){ P(&a) }) == 0 && a == 7, "width eats 0x");
    r = scan("3.0", "%d.%d", (uint64_t[]){ P(&a), P(&b) });
    ok(r == 2 && a == 3 && b == 0, "3.0");
    r = scan("0.1e-2x", "%lf%s", (uint64_t[]){ P(&d), P(s1) });
    ok(r == 2 && d == 0.001 && !strcmp(s1, "x"), "float then string");
    ok(scan("1e500", "%lf", (uint64_t[]){ P(&d) }) == 1 && isinf(d), "overflow");
    ok(scan("-0x1p3", "%lf", (uint64_t[]){ P(&d) }) == 1 && d == 0 && signbit(d), "no hex floats");
    ok(scan("  ", " %n", (uint64_t[]){ P(&a) }) == 0 && a == 2, "%%n after spaces");
    ok(scan("5 +", "%d %f", (uint64_t[]){ P(&a), P(&f) }) == 1, "lone sign after a field");
    ok(scan("-x", "%f", (uint64_t[]){ P(&f) }) == -1, "lone sign: EOF");
    ok(scan(".", "%f", (uint64_t[]){ P(&f) }) == -1, "lone point: EOF");
    ok(scan("1e 9", "%lf", (uint64_t[]){ P(&d) }) == -1, "exponent without digits: EOF");
    ok(scan("x", "%f", (uint64_t[]){ P(&f) }) == 0, "no float at all");
    ok(scan("-x", "%d", (uint64_t[]){ P(&a) }) == 0, "lone sign for %%d");
    s1[0] = 'z';
    ok(scan("x", "%[a]", (uint64_t[]){ P(s1) }) == 0 && s1[0] == 0, "empty set match stores the terminator");

    /* wide */
    struct scan_str_source src;
    WCHAR ws[16];
    uint64_t slots[] = { P(ws), P(s1), P(&a) };
    struct fmt_args args = { slots };
    scan_str_source_init(&src, 1, u"ab cd 12", (size_t)-1);
    r = fmt_scanf(&src.base, u"%s %S %d", &args);
    ok(r == 3 && ws[0] == 'a' && ws[2] == 0 && !strcmp(s1, "cd") && a == 12, "wide scanf %d", r);
    uint64_t slots2[] = { P(s1) };
    args.slot = slots2;
    scan_str_source_init(&src, 1, u"\x141z", (size_t)-1);
    r = fmt_scanf(&src.base, u"%C", &args);
    ok(r == 1 && s1[0] == 0x41, "wide %%C");
    /* bounded (_snscanf) */
    args.slot = (uint64_t[]){ P(&a) };
    scan_str_source_init(&src, 0, "12345", 3);
    ok(fmt_scanf(&src.base, "%d", &args) == 1 && a == 123, "_snscanf limit: %d", a);
}

int main(void)
{
    test_integers();
    test_pointers_and_misc();
    test_strings();
    test_floats();
    test_wide();
    test_scanf();
    return unit_summary();
}
