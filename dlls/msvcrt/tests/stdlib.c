/* msvcrt stdlib: number conversions, sorting and searching, rand, memory,
 * integer helpers and path splitting. */
#include <string.h>
#include <errno.h>
#include <malloc.h>
#include <search.h>
#include "test.h"
#include "crt.h"

static int *errp(void) { return CRTT(int *(*)(void), _errno)(); }

static void test_strtol(void)
{
    char *end;
    const char *s;
    long (*p_strtol)(const char *, char **, int) = CRT(strtol);
    unsigned long (*p_strtoul)(const char *, char **, int) = CRT(strtoul);

    s = "  -0x1fz";
    ok(p_strtol(s, &end, 0) == -31 && end == s + 7, "strtol base 0 hex");
    s = "0777";
    ok(p_strtol(s, &end, 0) == 0777 && end == s + 4, "strtol base 0 octal");
    s = "z";
    ok(p_strtol(s, &end, 36) == 35, "strtol base 36");
    s = "0x";
    ok(p_strtol(s, &end, 16) == 0 && end == s, "strtol \"0x\" converts nothing");
    s = "abc";
    ok(p_strtol(s, &end, 10) == 0 && end == s, "strtol no digits");
    *errp() = 0;
    ok(p_strtol("99999999999", NULL, 10) == 2147483647 && *errp() == ERANGE, "strtol overflow");
    *errp() = 0;
    ok(p_strtol("-99999999999", NULL, 10) == (-2147483647 - 1) && *errp() == ERANGE, "strtol underflow");
    *errp() = 0;
    ok(p_strtol("-2147483648", NULL, 10) == (-2147483647 - 1) && *errp() == 0, "strtol LONG_MIN");
    *errp() = 0;
    ok(p_strtoul("-1", NULL, 10) == 4294967295UL && *errp() == 0, "strtoul -1");
    ok(p_strtoul("4294967295", NULL, 10) == 4294967295UL, "strtoul max");
    *errp() = 0;
    ok(p_strtoul("4294967296", NULL, 10) == 4294967295UL && *errp() == ERANGE, "strtoul overflow");

    *errp() = 0;
    ok(CRT(_strtoi64)("9223372036854775808", NULL, 10) == 9223372036854775807LL && *errp() == ERANGE, "_strtoi64 overflow");
    ok(CRT(_strtoi64)("-9223372036854775808", NULL, 10) == (-9223372036854775807LL - 1), "_strtoi64 min");
    *errp() = 0;
    ok(CRT(_strtoui64)("-1", NULL, 10) == 18446744073709551615ULL && *errp() == 0, "_strtoui64 -1");
    ok(CRT(_strtoui64)("ffffffffffffffff", NULL, 16) == 18446744073709551615ULL, "_strtoui64 hex");

    *errp() = 0;
    ok(CRT(atoi)(" 42abc") == 42 && CRT(atoi)("-17") == -17 && CRT(atol)("+8") == 8, "atoi/atol");
    ok(CRT(atoi)("99999999999") == 1215752191 && *errp() == 0, "atoi wraps around");
    ok(CRT(_atoi64)("-123456789012") == -123456789012LL, "_atoi64");
}

static void test_strtod(void)
{
    char *end;
    const char *s;
    double (*p_strtod)(const char *, char **) = CRT(strtod);

    s = " -1.5e3x";
    ok(p_strtod(s, &end) == -1500.0 && end == s + 7, "strtod");
    s = " +.5d2";
    ok(p_strtod(s, &end) == 50.0 && end == s + 6, "strtod accepts d as exponent");
    s = "-1.5e";
    ok(p_strtod(s, &end) == -1.5 && end == s + 4, "strtod dangling exponent");
    s = "inf";
    ok(p_strtod(s, &end) == 0 && end == s, "msvcrt strtod does not parse inf");
    s = "nan";
    ok(p_strtod(s, &end) == 0 && end == s, "msvcrt strtod does not parse nan");
    s = "0x1p3";
    ok(p_strtod(s, &end) == 0 && end == s + 1, "msvcrt strtod does not parse hex");
    s = ".";
    ok(p_strtod(s, &end) == 0 && end == s, "strtod \".\"");
    *errp() = 0;
    double d = p_strtod("1e400", &end);
    ok(d > 1e308 && *errp() == ERANGE, "strtod overflow");
    *errp() = 0;
    ok(p_strtod("1e-400", &end) == 0 && *errp() == ERANGE, "strtod underflow");
    *errp() = 0;
    ok(p_strtod("1e-310", &end) == 1e-310 && *errp() == 0, "strtod denormal");
    ok(CRT(atof)("  3.25") == 3.25, "atof");
}

static void test_itoa(void)
{
    char buf[80];
    ok(!strcmp(CRT(_itoa)(-5, buf, 10), "-5"), "_itoa -5");
    ok(!strcmp(CRT(_itoa)(-5, buf, 16), "fffffffb"), "_itoa hex of negative");
    ok(!strcmp(CRT(_ltoa)(-5, buf, 2), "11111111111111111111111111111011"), "_ltoa binary");
    ok(!strcmp(CRT(_ultoa)(255, buf, 36), "73"), "_ultoa base 36");
    ok(!strcmp(CRT(_i64toa)(-5, buf, 16), "fffffffffffffffb"), "_i64toa hex");
    ok(!strcmp(CRT(_i64toa)(-9223372036854775807LL - 1, buf, 10), "-9223372036854775808"), "_i64toa min");
    ok(!strcmp(CRT(_ui64toa)(18446744073709551615ULL, buf, 10), "18446744073709551615"), "_ui64toa");
    int (*p_itoa_s)(int, char *, size_t, int) = CRTT(int (*)(int, char *, size_t, int), _itoa_s);
    ok(p_itoa_s(12345, buf, 6, 10) == 0 && !strcmp(buf, "12345"), "_itoa_s");
    ok(p_itoa_s(12345, buf, 5, 10) == ERANGE && buf[0] == 0, "_itoa_s too small");
}

static void test_cvt(void)
{
    int dec, sign;
    char buf[64], *s;
    s = CRT(_ecvt)(3.14159, 5, &dec, &sign);
    ok(!strcmp(s, "31416") && dec == 1 && sign == 0, "_ecvt %s %d %d", s, dec, sign);
    s = CRT(_ecvt)(0, 5, &dec, &sign);
    ok(!strcmp(s, "00000") && dec == 0 && sign == 0, "_ecvt 0: %s %d", s, dec);
    s = CRT(_ecvt)(-1e300, 3, &dec, &sign);
    ok(!strcmp(s, "100") && dec == 301 && sign == 1, "_ecvt 1e300: %s %d", s, dec);
    s = CRT(_ecvt)(9.99, 2, &dec, &sign);
    ok(!strcmp(s, "10") && dec == 2, "_ecvt carry: %s %d", s, dec);
    s = CRT(_fcvt)(3.14159, 3, &dec, &sign);
    ok(!strcmp(s, "3142") && dec == 1, "_fcvt %s %d", s, dec);
    s = CRT(_fcvt)(1234.5, 0, &dec, &sign);
    ok(!strcmp(s, "1235") && dec == 4, "_fcvt rounds half away: %s %d", s, dec);
    s = CRT(_fcvt)(-0.001, 2, &dec, &sign);
    ok(!strcmp(s, "00") && dec == 0 && sign == 1, "_fcvt small: %s %d %d", s, dec, sign);
    s = CRT(_fcvt)(0.05, 3, &dec, &sign);
    ok(!strcmp(s, "50") && dec == -1, "_fcvt 0.05: %s %d", s, dec);
    ok(!strcmp(CRT(_gcvt)(3.14159, 4, buf), "3.142"), "_gcvt %s", buf);
    ok(!strcmp(CRT(_gcvt)(1e20, 4, buf), "1e+020"), "_gcvt exponent %s", buf);
    ok(!strcmp(CRT(_gcvt)(-12345, 3, buf), "-1.23e+004"), "_gcvt %s", buf);
    ok(!strcmp(CRT(_gcvt)(0.0001, 4, buf), "0.0001"), "_gcvt %s", buf);
}

static int calls;
static int cmp_int(const void *a, const void *b)
{
    calls++;
    return *(const int *)a - *(const int *)b;
}

static int cmp_ctx(void *ctx, const void *a, const void *b)
{
    (*(int *)ctx)++;
    return *(const int *)b - *(const int *)a;
}

static void test_sort(void)
{
    int a[200], i, sorted = 1;
    unsigned int seed = 12345;
    for (i = 0; i < 200; i++) {
        seed = seed * 1103515245 + 12345;
        a[i] = (seed >> 8) % 1000;
    }
    CRT(qsort)(a, 200, sizeof(int), cmp_int);
    for (i = 1; i < 200; i++) if (a[i - 1] > a[i]) sorted = 0;
    ok(sorted && calls > 0, "qsort sorts");
    int ctx = 0;
    void (*p_qsort_s)(void *, size_t, size_t, int (*)(void *, const void *, const void *), void *) =
        CRTT(void (*)(void *, size_t, size_t, int (*)(void *, const void *, const void *), void *), qsort_s);
    p_qsort_s(a, 200, sizeof(int), cmp_ctx, &ctx);
    for (i = 1, sorted = 1; i < 200; i++) if (a[i - 1] < a[i]) sorted = 0;
    ok(sorted && ctx > 0, "qsort_s sorts with context");
    int b[] = { 1, 3, 5, 7, 9 }, key = 7, miss = 4;
    ok(CRT(bsearch)(&key, b, 5, sizeof(int), cmp_int) == &b[3], "bsearch");
    ok(CRT(bsearch)(&miss, b, 5, sizeof(int), cmp_int) == NULL, "bsearch miss");
    unsigned int n = 5;
    ok(CRT(_lfind)(&key, b, &n, sizeof(int), cmp_int) == &b[3], "_lfind");
    int c[6] = { 1, 2, 3 };
    n = 3;
    key = 9;
    int *r = CRT(_lsearch)(&key, c, &n, sizeof(int), cmp_int);
    ok(r == &c[3] && c[3] == 9 && n == 4, "_lsearch appends");
    CRT(qsort)(a, 0, sizeof(int), cmp_int);
}

static void test_rand_misc(void)
{
    CRT(srand)(1);
    int r1 = CRT(rand)(), r2 = CRT(rand)(), r3 = CRT(rand)();
    ok(r1 == 41 && r2 == 18467 && r3 == 6334, "rand after srand(1): %d %d %d", r1, r2, r3);
    CRT(srand)(1);
    ok(CRT(rand)() == 41, "srand restarts the sequence");

    ok(CRT(abs)(-5) == 5 && CRT(labs)(-7) == 7 && CRT(_abs64)(-5000000000LL) == 5000000000LL, "abs");
    div_t d = CRT(div)(-7, 2);
    ok(d.quot == -3 && d.rem == -1, "div %d %d", d.quot, d.rem);
    ldiv_t ld = CRT(ldiv)(7, -2);
    ok(ld.quot == -3 && ld.rem == 1, "ldiv %ld %ld", ld.quot, ld.rem);
    ok(CRT(_rotl)(0x80000001, 1) == 3 && CRT(_rotr)(1, 1) == 0x80000000, "_rotl/_rotr");
    ok(CRT(_lrotl)(0x80000001, 4) == 0x18 && CRT(_lrotr)(0x10, 4) == 1, "_lrotl/_lrotr");
    ok(CRT(_rotl64)(1ULL << 63, 1) == 1 && CRT(_rotr64)(1, 1) == 1ULL << 63, "_rotl64/_rotr64");
    char src[] = "abcde", dst[6] = "xxxxx";
    CRT(_swab)(src, dst, 5);
    ok(!memcmp(dst, "badcx", 5), "_swab: %.5s", dst);
}

static void test_memory(void)
{
    void *p = CRT(malloc)(0);
    ok(p != NULL, "malloc(0) gives a pointer");
    *errp() = 0;
    ok(CRT(realloc)(p, 0) == NULL, "realloc(p, 0) frees and returns NULL");
    p = CRT(malloc)(10);
    ok(p && CRT(_msize)(p) >= 10, "_msize");
    p = CRT(realloc)(p, 1000);
    ok(p && CRT(_msize)(p) >= 1000, "realloc grows");
    CRT(free)(p);
    CRT(free)(NULL);
    int *z = CRT(calloc)(100, sizeof(int));
    int zero = 1;
    for (int i = 0; z && i < 100; i++) if (z[i]) zero = 0;
    ok(z && zero, "calloc zeroes");
    CRT(free)(z);
    *errp() = 0;
    volatile size_t huge = (size_t)1 << 62;
    ok(CRT(calloc)(huge, 16) == NULL && *errp() == ENOMEM, "calloc overflow");

    void *a = CRT(_aligned_malloc)(100, 64);
    ok(a && ((size_t)a & 63) == 0, "_aligned_malloc");
    memset(a, 7, 100);
    a = CRT(_aligned_realloc)(a, 5000, 64);
    ok(a && ((size_t)a & 63) == 0 && ((char *)a)[99] == 7, "_aligned_realloc keeps data");
    CRT(_aligned_free)(a);
    CRT(_aligned_free)(NULL);
    a = CRT(_aligned_offset_malloc)(100, 32, 8);
    ok(a && (((size_t)a + 8) & 31) == 0, "_aligned_offset_malloc");
    CRT(_aligned_free)(a);
    *errp() = 0;
    ok(CRT(_aligned_malloc)(100, 3) == NULL && *errp() == EINVAL, "_aligned_malloc bad alignment");
}

static void test_paths(void)
{
    char dr[8], di[100], fn[100], ex[100], buf[300];
    CRT(_splitpath)("c:\\a\\b.d\\file.txt.gz", dr, di, fn, ex);
    ok(!strcmp(dr, "c:") && !strcmp(di, "\\a\\b.d\\") && !strcmp(fn, "file.txt") && !strcmp(ex, ".gz"),
       "_splitpath '%s' '%s' '%s' '%s'", dr, di, fn, ex);
    CRT(_splitpath)("noext", dr, di, fn, ex);
    ok(!*dr && !*di && !strcmp(fn, "noext") && !*ex, "_splitpath name only");
    CRT(_splitpath)("x:/dir/", dr, di, fn, ex);
    ok(!strcmp(dr, "x:") && !strcmp(di, "/dir/") && !*fn && !*ex, "_splitpath directory");
    CRT(_splitpath)("a/.b", NULL, di, fn, ex);
    ok(!strcmp(di, "a/") && !*fn && !strcmp(ex, ".b"), "_splitpath dot file");
    CRT(_makepath)(buf, "c", "dir", "f", "txt");
    ok(!strcmp(buf, "c:dir\\f.txt"), "_makepath %s", buf);
    CRT(_makepath)(buf, "c:", "\\dir\\", "f", ".txt");
    ok(!strcmp(buf, "c:\\dir\\f.txt"), "_makepath %s", buf);
    CRT(_makepath)(buf, NULL, "dir/", NULL, "txt");
    ok(!strcmp(buf, "dir/.txt"), "_makepath %s", buf);
    CRT(_makepath)(buf, "", "", NULL, NULL);
    ok(!strcmp(buf, ""), "_makepath empty");
}

int main(void)
{
    test_strtol();
    test_strtod();
    test_itoa();
    test_cvt();
    test_sort();
    test_rand_misc();
    test_memory();
    test_paths();
    return test_summary();
}
