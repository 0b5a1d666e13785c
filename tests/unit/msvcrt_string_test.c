/* Native unit test of msvcrt's string, ctype, stdlib, math, time and errno
 * code (dlls/msvcrt/{string,wcs,ctype,stdlib,heap,math,time,errno}.c),
 * linked directly and called through the ms_abi entry points.  The same
 * expectations as the Windows-side tests in dlls/msvcrt/tests/. */
#include <asm/prctl.h>
#include <math.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../dlls/msvcrt/msvcrt_private.h"

struct mtm { int sec, min, hour, mday, mon, year, wday, yday, isdst; };

size_t CDECL MSVCRT_strlen(const char *);
int CDECL MSVCRT_strcmp(const char *, const char *);
int CDECL MSVCRT__stricmp(const char *, const char *);
char * CDECL MSVCRT_strtok(char *, const char *);
void * CDECL MSVCRT__memccpy(void *, const void *, int, size_t);
int32_t CDECL MSVCRT_strtol(const char *, char **, int);
uint32_t CDECL MSVCRT_strtoul(const char *, char **, int);
int64_t CDECL MSVCRT__strtoi64(const char *, char **, int);
int CDECL MSVCRT_atoi(const char *);
double CDECL MSVCRT_strtod(const char *, char **);
char * CDECL MSVCRT__itoa(int32_t, char *, int);
char * CDECL MSVCRT__i64toa(int64_t, char *, int);
char * CDECL MSVCRT__ecvt(double, int, int *, int *);
char * CDECL MSVCRT__fcvt(double, int, int *, int *);
char * CDECL MSVCRT__gcvt(double, int, char *);
void CDECL MSVCRT_qsort(void *, size_t, size_t, msvcrt_compare_fn);
void * CDECL MSVCRT_bsearch(const void *, const void *, size_t, size_t, msvcrt_compare_fn);
void CDECL MSVCRT_srand(unsigned int);
int CDECL MSVCRT_rand(void);
void CDECL MSVCRT__splitpath(const char *, char *, char *, char *, char *);
void CDECL MSVCRT__makepath(char *, const char *, const char *, const char *, const char *);
void * CDECL MSVCRT_realloc(void *, size_t);
void * CDECL MSVCRT_malloc(size_t);
void * CDECL MSVCRT__aligned_offset_malloc(size_t, size_t, size_t);
void * CDECL MSVCRT__aligned_realloc(void *, size_t, size_t);
void CDECL MSVCRT__aligned_free(void *);
size_t CDECL MSVCRT_wcslen(const WCHAR *);
int CDECL MSVCRT__wcsicmp(const WCHAR *, const WCHAR *);
WCHAR * CDECL MSVCRT_wcsstr(const WCHAR *, const WCHAR *);
int32_t CDECL MSVCRT_wcstol(const WCHAR *, WCHAR **, int);
double CDECL MSVCRT_wcstod(const WCHAR *, WCHAR **);
WCHAR * CDECL MSVCRT__itow(int, WCHAR *, int);
size_t CDECL MSVCRT_wcstombs(char *, const WCHAR *, size_t);
int CDECL MSVCRT_iswalpha(unsigned short);
int CDECL MSVCRT_iswspace(unsigned short);
int CDECL MSVCRT_iswupper(unsigned short);
int CDECL MSVCRT_isalpha(int);
int CDECL MSVCRT_toupper(int);
const unsigned short * CDECL MSVCRT___pctype_func(void);
double CDECL MSVCRT_log(double);
double CDECL MSVCRT_pow(double, double);
double CDECL MSVCRT_exp(double);
int CDECL MSVCRT__fpclass(double);
unsigned int CDECL MSVCRT__controlfp(unsigned int, unsigned int);
unsigned int CDECL MSVCRT__statusfp(void);
unsigned int CDECL MSVCRT__clearfp(void);
struct mtm * CDECL MSVCRT__gmtime64(const int64_t *);
int64_t CDECL MSVCRT__mkgmtime64(struct mtm *);
int64_t CDECL MSVCRT_mktime(struct mtm *);
struct mtm * CDECL MSVCRT_localtime(const int64_t *);
size_t CDECL MSVCRT_strftime(char *, size_t, const char *, const struct mtm *);
size_t CDECL MSVCRT_wcsftime(WCHAR *, size_t, const WCHAR *, const struct mtm *);
char * CDECL MSVCRT_asctime(const struct mtm *);
char * CDECL MSVCRT_strerror(int);
char * CDECL MSVCRT__strerror(const char *);
int * CDECL MSVCRT__errno(void);

static int CDECL cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static void test_strings(void)
{
    char buf[64];
    ok(MSVCRT_strlen("hello") == 5, "strlen");
    ok(MSVCRT_strcmp("abc", "abd") == -1 && MSVCRT_strcmp("b", "a") == 1, "strcmp");
    ok(MSVCRT__stricmp("abc", "ABD") == -1 && MSVCRT__stricmp("a\xe9", "A\xc9") == 0x20, "_stricmp");
    strcpy(buf, "  a,b,,c ");
    char *t1 = MSVCRT_strtok(buf, " ,"), *t2 = MSVCRT_strtok(NULL, " ,");
    char *t3 = MSVCRT_strtok(NULL, " ,"), *t4 = MSVCRT_strtok(NULL, " ,");
    ok(t1 && !strcmp(t1, "a") && t2 && !strcmp(t2, "b") && t3 && !strcmp(t3, "c") && !t4, "strtok");
    ok(MSVCRT__memccpy(buf, "abc:def", ':', 7) == buf + 4, "_memccpy");

    static const WCHAR hello[] = u"Hello World";
    ok(MSVCRT_wcslen(hello) == 11, "wcslen");
    ok(MSVCRT__wcsicmp(u"ABC", u"abc") == 0 && MSVCRT__wcsicmp(u"\xe9", u"\xc9") == 0x20, "_wcsicmp");
    ok(MSVCRT_wcsstr(hello, u"World") == hello + 6, "wcsstr");
    WCHAR *wend;
    static const WCHAR num[] = u"  -12z";
    ok(MSVCRT_wcstol(num, &wend, 10) == -12 && wend == num + 5, "wcstol");
    ok(MSVCRT_wcstod(u"1.5e3", NULL) == 1500.0, "wcstod");
    WCHAR wbuf[40];
    MSVCRT__itow(-5, wbuf, 16);
    ok(!memcmp(wbuf, u"fffffffb", 18), "_itow");
    ok(MSVCRT_wcstombs(buf, u"a\x100", 8) == (size_t)-1 && msvcrt_errno == MSVCRT_EILSEQ, "wcstombs");
    ok(MSVCRT_iswalpha(0x3b1) && MSVCRT_iswalpha(0xe9) && !MSVCRT_iswalpha('1'), "iswalpha");
    ok(MSVCRT_iswspace(0x3000) && MSVCRT_iswupper(0x391), "iswspace/iswupper");
}

static void test_ctype(void)
{
    const unsigned short *t = MSVCRT___pctype_func();
    ok(t['A'] == 0x81 && t['g'] == 0x02 && t[' '] == 0x48 && t['\t'] == 0x28 && t['5'] == 0x84, "table");
    ok(t['!'] == 0x10 && t[0x7f] == 0x20 && t[0xe9] == 0 && t[-1] == 0, "table 2");
    ok(MSVCRT_isalpha('a') && !MSVCRT_isalpha(0xe9) && !MSVCRT_isalpha(300), "isalpha");
    ok(MSVCRT_toupper('a') == 'A' && MSVCRT_toupper(0xe9) == 0xe9, "toupper");
}

static void test_stdlib(void)
{
    char *end, buf[80];
    const char *s = "  -0x1fz";
    ok(MSVCRT_strtol(s, &end, 0) == -31 && end == s + 7, "strtol");
    s = "0x";
    ok(MSVCRT_strtol(s, &end, 16) == 0 && end == s, "strtol 0x");
    msvcrt_errno = 0;
    ok(MSVCRT_strtol("99999999999", NULL, 10) == INT32_MAX && msvcrt_errno == MSVCRT_ERANGE, "strtol overflow");
    msvcrt_errno = 0;
    ok(MSVCRT_strtoul("-1", NULL, 10) == UINT32_MAX && msvcrt_errno == 0, "strtoul -1");
    ok(MSVCRT__strtoi64("-9223372036854775808", NULL, 10) == INT64_MIN, "_strtoi64");
    ok(MSVCRT_atoi("99999999999") == 1215752191, "atoi wraps");
    s = " +.5d2";
    ok(MSVCRT_strtod(s, &end) == 50.0 && end == s + 6, "strtod d exponent");
    s = "inf";
    ok(MSVCRT_strtod(s, &end) == 0 && end == s, "strtod inf");
    s = "-1.5e";
    ok(MSVCRT_strtod(s, &end) == -1.5 && end == s + 4, "strtod dangling e");
    msvcrt_errno = 0;
    ok(MSVCRT_strtod("1e-400", NULL) == 0 && msvcrt_errno == MSVCRT_ERANGE, "strtod underflow");
    msvcrt_errno = 0;
    ok(MSVCRT_strtod("1e-310", NULL) == 1e-310 && msvcrt_errno == 0, "strtod denormal");
    ok(!strcmp(MSVCRT__itoa(-5, buf, 16), "fffffffb") && !strcmp(MSVCRT__itoa(-5, buf, 10), "-5"), "_itoa");
    ok(!strcmp(MSVCRT__i64toa(INT64_MIN, buf, 10), "-9223372036854775808"), "_i64toa");

    int dec, sign;
    char *r = MSVCRT__ecvt(3.14159, 5, &dec, &sign);
    ok(!strcmp(r, "31416") && dec == 1 && !sign, "_ecvt %s %d", r, dec);
    r = MSVCRT__ecvt(9.99, 2, &dec, &sign);
    ok(!strcmp(r, "10") && dec == 2, "_ecvt carry %s %d", r, dec);
    r = MSVCRT__ecvt(0, 5, &dec, &sign);
    ok(!strcmp(r, "00000") && dec == 0, "_ecvt 0 %s %d", r, dec);
    r = MSVCRT__ecvt(1e300, 3, &dec, &sign);
    ok(!strcmp(r, "100") && dec == 301, "_ecvt 1e300 %s %d", r, dec);
    r = MSVCRT__fcvt(3.14159, 3, &dec, &sign);
    ok(!strcmp(r, "3142") && dec == 1, "_fcvt %s %d", r, dec);
    r = MSVCRT__fcvt(1234.5, 0, &dec, &sign);
    ok(!strcmp(r, "1235") && dec == 4, "_fcvt half %s %d", r, dec);
    r = MSVCRT__fcvt(-0.001, 2, &dec, &sign);
    ok(!strcmp(r, "00") && dec == 0 && sign, "_fcvt small %s %d", r, dec);
    r = MSVCRT__fcvt(0.05, 3, &dec, &sign);
    ok(!strcmp(r, "50") && dec == -1, "_fcvt 0.05 %s %d", r, dec);
    ok(!strcmp(MSVCRT__gcvt(1e20, 4, buf), "1e+020"), "_gcvt %s", buf);
    ok(!strcmp(MSVCRT__gcvt(-12345, 3, buf), "-1.23e+004"), "_gcvt %s", buf);

    int a[500], sorted = 1;
    unsigned int seed = 7;
    for (int i = 0; i < 500; i++) { seed = seed * 1103515245 + 12345; a[i] = (seed >> 8) % 100; }
    MSVCRT_qsort(a, 500, sizeof(int), cmp_int);
    for (int i = 1; i < 500; i++) if (a[i - 1] > a[i]) sorted = 0;
    ok(sorted, "qsort");
    int b[] = { 1, 3, 5, 7, 9 }, key = 7;
    ok(MSVCRT_bsearch(&key, b, 5, sizeof(int), cmp_int) == &b[3], "bsearch");
    MSVCRT_srand(1);
    int r1 = MSVCRT_rand(), r2 = MSVCRT_rand(), r3 = MSVCRT_rand();
    ok(r1 == 41 && r2 == 18467 && r3 == 6334, "rand %d %d %d", r1, r2, r3);

    char dr[8], di[100], fn[100], ex[100];
    MSVCRT__splitpath("c:\\a\\b.d\\file.txt.gz", dr, di, fn, ex);
    ok(!strcmp(dr, "c:") && !strcmp(di, "\\a\\b.d\\") && !strcmp(fn, "file.txt") && !strcmp(ex, ".gz"), "_splitpath");
    MSVCRT__splitpath("a/.b", dr, di, fn, ex);
    ok(!strcmp(di, "a/") && !*fn && !strcmp(ex, ".b"), "_splitpath dot");
    MSVCRT__makepath(buf, "c", "dir", "f", "txt");
    ok(!strcmp(buf, "c:dir\\f.txt"), "_makepath %s", buf);

    void *p = MSVCRT_malloc(0);
    ok(p && MSVCRT_realloc(p, 0) == NULL, "malloc(0), realloc(p, 0)");
    char *al = MSVCRT__aligned_offset_malloc(100, 64, 8);
    ok(al && (((uintptr_t)al + 8) & 63) == 0, "_aligned_offset_malloc");
    memset(al, 5, 100);
    MSVCRT__aligned_free(al);
    al = MSVCRT__aligned_realloc(NULL, 50, 32);
    memset(al, 9, 50);
    al = MSVCRT__aligned_realloc(al, 5000, 32);
    ok(al && ((uintptr_t)al & 31) == 0 && al[49] == 9, "_aligned_realloc");
    MSVCRT__aligned_free(al);
}

static void test_math(void)
{
    msvcrt_errno = 0;
    ok(isnan(MSVCRT_log(-1)) && msvcrt_errno == MSVCRT_EDOM, "log(-1)");
    msvcrt_errno = 0;
    ok(MSVCRT_log(0) == -HUGE_VAL && msvcrt_errno == MSVCRT_ERANGE, "log(0)");
    msvcrt_errno = 0;
    ok(isinf(MSVCRT_exp(1000)) && msvcrt_errno == MSVCRT_ERANGE, "exp(1000)");
    msvcrt_errno = 0;
    ok(isnan(MSVCRT_pow(-1, 0.5)) && msvcrt_errno == MSVCRT_EDOM, "pow(-1, .5)");
    msvcrt_errno = 0;
    ok(MSVCRT_pow(2, 10) == 1024 && msvcrt_errno == 0, "pow(2, 10)");
    ok(MSVCRT__fpclass(-0.0) == 0x20 && MSVCRT__fpclass(1e-310) == 0x80 && MSVCRT__fpclass(NAN) == 2, "_fpclass");
    unsigned int cw = MSVCRT__controlfp(0, 0);
    ok(cw == 0x8001f, "control word %#x", cw);
    ok(MSVCRT__controlfp(0x200, 0x300) == 0x8021f, "rounding up");
    volatile double one = 1, three = 3, zero = 0;
    double up = one / three;
    MSVCRT__controlfp(0x100, 0x300);
    double down = one / three;
    MSVCRT__controlfp(0, 0x300);
    ok(up > down && MSVCRT__controlfp(0, 0) == cw, "rounding reaches MXCSR");
    MSVCRT__clearfp();
    volatile double q = one / zero;
    (void)q;
    ok(MSVCRT__statusfp() & 8, "zero division flagged");
    ok(MSVCRT__clearfp() & 8 && MSVCRT__statusfp() == 0, "_clearfp");
}

static void test_time(void)
{
    int64_t t = 946684799;
    struct mtm *tm = MSVCRT__gmtime64(&t);
    ok(tm && tm->year == 99 && tm->mon == 11 && tm->mday == 31 && tm->wday == 5 && tm->yday == 364, "_gmtime64");
    struct mtm in = { 0, 0, 12, 29, 1, 100, 0, 0, -1 };
    ok(MSVCRT__mkgmtime64(&in) == 951825600, "_mkgmtime64");
    int64_t now = 1700000000;
    struct mtm copy = *MSVCRT_localtime(&now);
    ok(MSVCRT_mktime(&copy) == now, "mktime(localtime)");
    struct mtm f = { 9, 5, 23, 31, 11, 99, 5, 364, 0 };
    char buf[100];
    MSVCRT_strftime(buf, sizeof(buf), "%c|%#x|%I %p|%U %W %j", &f);
    ok(!strcmp(buf, "12/31/99 23:05:09|Friday, December 31, 1999|11 PM|52 52 365"), "strftime %s", buf);
    ok(MSVCRT_strftime(buf, sizeof(buf), "%e", &f) == 0, "strftime bad directive");
    WCHAR w[40];
    ok(MSVCRT_wcsftime(w, 40, u"%Y\x263a", &f) == 5 && w[4] == 0x263a, "wcsftime");
    ok(!strcmp(MSVCRT_asctime(&f), "Fri Dec 31 23:05:09 1999\n"), "asctime");
}

static void test_errno(void)
{
    ok(MSVCRT__errno() == &msvcrt_errno, "_errno");
    ok(!strcmp(MSVCRT_strerror(2), "No such file or directory"), "strerror(2)");
    ok(!strcmp(MSVCRT_strerror(34), "Result too large"), "strerror(34)");
    ok(!strcmp(MSVCRT_strerror(99), "Unknown error"), "strerror(99)");
    msvcrt_errno = 13;
    ok(!strcmp(MSVCRT__strerror("x"), "x: Permission denied\n"), "_strerror");
    msvcrt_set_errno_from_win32(2);
    ok(msvcrt_errno == MSVCRT_ENOENT && msvcrt_doserrno == 2, "win32 2");
    msvcrt_set_errno_from_win32(32);
    ok(msvcrt_errno == MSVCRT_EACCES, "sharing violation");
    msvcrt_set_errno_from_win32(193);
    ok(msvcrt_errno == MSVCRT_ENOEXEC, "bad exe format");
    ok(msvcrt_errno_from_linux(39) == MSVCRT_ENOTEMPTY && msvcrt_errno_from_linux(2) == 2, "from linux");
}

static TEB fake_teb;

int main(void)
{
    /* msvcrt keeps its per-thread state behind the TEB (gs) */
    fake_teb.Tib.Self = &fake_teb.Tib;
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, &fake_teb)) {
        printf("arch_prctl failed\n");
        return 1;
    }
    test_strings();
    test_ctype();
    test_stdlib();
    test_math();
    test_time();
    test_errno();
    return unit_summary();
}
