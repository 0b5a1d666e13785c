/* Conformance tests of msvcrt's scanf family: sscanf, swscanf, _snscanf,
 * _snwscanf, fscanf, fwscanf.  Expected values are what msvcrt.dll does
 * (Wine as the oracle): EOF only for input empty from the start, h stores
 * a short but hh an int, 'l' a 32-bit integer or a double, integers wrap, no inf,
 * nan or hex floats, %p reads bare hex digits. */
#define __USE_MINGW_ANSI_STDIO 0    /* call msvcrt.dll's scanf, not mingw's own */
#include <math.h>
#include <string.h>
#include <wchar.h>
#include "test.h"

static void test_integers(void)
{
    int a = -99, b = -99, c = -99, r;
    short h = -99;
    long long ll = -99;
    unsigned char hh[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };

    ok(sscanf("", "%d", &a) == EOF && a == -99, "empty input");
    ok(sscanf("   ", "%d", &a) == 0, "blank input");
    ok(sscanf("", "x%d", &a) == EOF, "empty input, literal first");
    ok(sscanf("abc", "%d", &a) == 0 && a == -99, "no digits");
    r = sscanf("12 34", "%d%d%d", &a, &b, &c);
    ok(r == 2 && a == 12 && b == 34 && c == -99, "12 34: %d %d %d %d", r, a, b, c);
    r = sscanf("0x1f 010 -0x10", "%i %i %i", &a, &b, &c);
    ok(r == 3 && a == 31 && b == 8 && c == -16, "%%i: %d %d %d %d", r, a, b, c);
    r = sscanf("0x1f 1f", "%x %x", &a, &b);
    ok(r == 2 && a == 0x1f && b == 0x1f, "%%x: %d %x %x", r, a, b);
    ok(sscanf("-5", "%u", &a) == 1 && a == -5, "%%u negative");
    r = sscanf("12345", "%2d%3d", &a, &b);
    ok(r == 2 && a == 12 && b == 345, "widths: %d %d %d", r, a, b);
    ok(sscanf("70000", "%hd", &h) == 1 && h == 4464, "%%hd: %d", h);
    r = sscanf("258", "%hhd", hh);
    ok(r == 1 && hh[0] == 2 && hh[1] == 1 && hh[2] == 0 && hh[3] == 0 && hh[4] == 9, "%%hhd stores an int");
    ok(sscanf("123456789012", "%I64d", &ll) == 1 && ll == 123456789012LL, "%%I64d");
    ll = 0;
    ok(sscanf("123456789012", "%lld", &ll) == 1 && ll == 123456789012LL, "%%lld");
    ok(sscanf("12", "%ld", &a) == 1 && a == 12, "%%ld");
    ok(sscanf("+", "%d", &a) == 0, "lone sign");
    ok(sscanf("-", "%d", &a) == 0, "lone minus");
    a = 12;
    ok(sscanf("0x", "%x", &a) == 0 && a == 12, "0x without digits");
    ok(sscanf("0xg", "%i", &a) == 0, "0xg");
    ok(sscanf("4294967297", "%d", &a) == 1 && a == 1, "wraps");
    ok(sscanf("99999999999999999999", "%I64d", &ll) == 1 && ll == 7766279631452241919LL, "wraps 64");
    ok(sscanf("078", "%i", &a) == 1 && a == 7, "octal stops at 8");
    a = 7;
    ok(sscanf("0x12", "%2x", &a) == 0 && a == 7, "width eats 0x");
    r = sscanf("3.0", "%d.%d", &a, &b);
    ok(r == 2 && a == 3 && b == 0, "3.0");
    r = sscanf("1 2", "%d\t%d", &a, &b);
    ok(r == 2 && a == 1 && b == 2, "tab matches space");
}

static void test_pointers_and_counts(void)
{
    int a = -99, b = -99;
    void *p;
    char s1[32];

    ok(sscanf("0000000012345678", "%p", &p) == 1 && p == (void *)0x12345678, "%%p");
    ok(sscanf("0x1A", "%p", &p) == 1 && p == NULL, "%%p with 0x");
    int r = sscanf("12 abc", "%*d %s%n", s1, &a);
    ok(r == 1 && !strcmp(s1, "abc") && a == 6, "suppress and %%n: %d %d", r, a);
    r = sscanf("12", "%d%n", &a, &b);
    ok(r == 1 && a == 12 && b == 2, "%%n at end: %d %d", r, b);
    ok(sscanf("  ", " %n", &a) == 0 && a == 2, "%%n after spaces");
    ok(sscanf("x12", "x%d", &a) == 1 && a == 12, "literal");
    ok(sscanf("y13", "x%d", &a) == 0 && a == 12, "literal mismatch");
    ok(sscanf("12%", "%d%%", &a) == 1, "%%%%");
    ok(sscanf("12 ", "%d ", &a) == 1, "trailing space");
    ok(sscanf("5", "%y", &a) == 0, "unknown conversion");
}

static void test_floats(void)
{
    float f = -99;
    double d = -99;
    char s1[32];
    int r;

    r = sscanf("1.5e3 2.25", "%f %lf", &f, &d);
    ok(r == 2 && f == 1500 && d == 2.25, "floats: %d %g %g", r, f, d);
    ok(sscanf("1e", "%f", &f) == EOF, "incomplete exponent at end");
    ok(sscanf("1.5e+", "%lf", &d) == EOF, "incomplete exponent sign at end");
    r = sscanf(".5 -.5e-1", "%f %lf", &f, &d);
    ok(r == 2 && f == 0.5f && d == -0.05, "fractions: %g %g", f, d);
    ok(sscanf("inf nan", "%lf %lf", &d, &d) == 0, "no inf");
    ok(sscanf("1.5", "%Lf", &d) == 1 && d == 1.5, "%%Lf is double");
    r = sscanf("0.1e-2x", "%lf%s", &d, s1);
    ok(r == 2 && d == 0.001 && !strcmp(s1, "x"), "float then string");
    ok(sscanf("1e500", "%lf", &d) == 1 && isinf(d), "overflow");
    ok(sscanf("-0x1p3", "%lf", &d) == 1 && d == 0 && signbit(d), "no hex floats");
    ok(sscanf("123.456", "%4lf", &d) == 1 && d == 123.0, "width on float");
    ok(sscanf("5 +", "%d %f", &r, &f) == 1, "lone sign after a field");
    ok(sscanf("-x", "%f", &f) == EOF, "lone sign: EOF");
    ok(sscanf(".", "%f", &f) == EOF, "lone point: EOF");
    ok(sscanf("1e 9", "%lf", &d) == EOF, "exponent without digits: EOF");
    ok(sscanf("x", "%f", &f) == 0, "no float at all");
    ok(sscanf("-x", "%d", &r) == 0, "lone sign for %%d is 0");
    r = -7;
    ok(sscanf("1.5e", "%f%n", &f, &r) == EOF && r == -7, "no %%n after a failed float");
}

static void test_strings(void)
{
    char s1[32], s2[32];
    wchar_t w[16];
    int r;

    r = sscanf("hello world", "%s %s", s1, s2);
    ok(r == 2 && !strcmp(s1, "hello") && !strcmp(s2, "world"), "%%s");
    memset(s1, 'X', 10);
    ok(sscanf("hello", "%3c", s1) == 1 && !memcmp(s1, "helX", 4), "%%3c");
    r = sscanf("abc123def", "%[a-z]%[0-9]", s1, s2);
    ok(r == 2 && !strcmp(s1, "abc") && !strcmp(s2, "123"), "scanset");
    ok(sscanf("abc]def", "%[^]]", s1) == 1 && !strcmp(s1, "abc"), "negated set");
    ok(sscanf("]abc", "%[]a]", s1) == 1 && !strcmp(s1, "]a"), "set with ]");
    ok(sscanf("a-b", "%[a-]", s1) == 1 && !strcmp(s1, "a-"), "set with -");
    r = sscanf("10 20", "%d%*[ ]%d", &r, &r);
    ok(r == 2, "suppressed set");
    ok(sscanf("abc", "%2s", s1) == 1 && !strcmp(s1, "ab"), "%%2s");
    ok(sscanf("  x", " %c", s1) == 1 && s1[0] == 'x', "space %%c");
    ok(sscanf("  x", "%c", s1) == 1 && s1[0] == ' ', "%%c keeps space");
    ok(sscanf("wide", "%ls", w) == 1 && w[0] == 'w' && w[3] == 'e' && !w[4], "%%ls");
    ok(sscanf("wide", "%S", w) == 1 && w[0] == 'w' && !w[4], "%%S");
    ok(sscanf("\xe9", "%lc", w) == 1 && w[0] == 0xe9, "%%lc");
    s1[0] = 'z';
    ok(sscanf("x", "%[a]", s1) == 0 && s1[0] == 0, "empty set match stores the terminator");
    r = sscanf("12abc", "%*d%[abc]", s1);
    ok(r == 1 && !strcmp(s1, "abc"), "set after number");
}

static void test_wide_and_bounded(void)
{
    wchar_t ws[16];
    char s1[16];
    int a = 0, r;

    r = swscanf(L"ab cd 12", L"%s %S %d", ws, s1, &a);
    ok(r == 3 && !wcscmp(ws, L"ab") && !strcmp(s1, "cd") && a == 12, "swscanf: %d", r);
    ok(swscanf(L"\x141z", L"%c", ws) == 1 && ws[0] == 0x141, "wide %%c");
    ok(swscanf(L"\x141z", L"%C", s1) == 1 && (unsigned char)s1[0] == 0x41, "wide %%C");
    ok(swscanf(L"", L"%d", &a) == EOF, "swscanf empty");
    ok(swscanf(L"0x10", L"%i", &a) == 1 && a == 16, "swscanf %%i");
    ok(_snscanf("12345", 3, "%d", &a) == 1 && a == 123, "_snscanf: %d", a);
    ok(_snscanf("12345", 0, "%d", &a) == EOF, "_snscanf empty");
    ok(_snwscanf(L"98765", 2, L"%d", &a) == 1 && a == 98, "_snwscanf: %d", a);
}

static void test_files(void)
{
    static const char name[] = "scanf_test.tmp";
    FILE *f = fopen(name, "w+");
    int a = 0, b = 0, r;
    char s[32];
    double d = 0;
    wchar_t ws[16];

    ok(f != NULL, "fopen");
    if (!f) return;
    fputs("42 word 2.5\n7 wide\n", f);
    rewind(f);
    r = fscanf(f, "%d %s %lf", &a, s, &d);
    ok(r == 3 && a == 42 && !strcmp(s, "word") && d == 2.5, "fscanf: %d", r);
    r = fwscanf(f, L"%d %s", &b, ws);
    ok(r == 2 && b == 7 && !wcscmp(ws, L"wide"), "fwscanf: %d", r);
    ok(fgetc(f) == '\n', "newline left unread");
    ok(fscanf(f, "%d", &a) == EOF, "fscanf at end");
    fclose(f);
    remove(name);
}

int main(void)
{
    test_integers();
    test_pointers_and_counts();
    test_floats();
    test_strings();
    test_wide_and_bounded();
    test_files();
    return test_summary();
}
