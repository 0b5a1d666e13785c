/* msvcrt time functions.  Every check holds in any time zone: UTC
 * conversions use gmtime/_mkgmtime, local ones only round-trip. */
#include <time.h>
#include <string.h>
#include <errno.h>
#include <sys/timeb.h>
#include "test.h"
#include "crt.h"

typedef __int64 t64;
typedef struct tm *(*tm64_fn)(const t64 *);
typedef t64 (*mk64_fn)(struct tm *);

static int *errp(void) { return CRTT(int *(*)(void), _errno)(); }

static struct tm make_tm(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = { 0 };
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    return tm;
}

static void test_utc(void)
{
    tm64_fn p_gmtime64 = CRTT(tm64_fn, _gmtime64);
    tm64_fn p_gmtime = CRTT(tm64_fn, gmtime);   /* 64-bit time_t on x64 */
    mk64_fn p_mkgmtime64 = CRTT(mk64_fn, _mkgmtime64);
    t64 t = 946684799;   /* 1999-12-31 23:59:59 UTC */
    struct tm *tm = p_gmtime64(&t);
    ok(tm && tm->tm_year == 99 && tm->tm_mon == 11 && tm->tm_mday == 31 && tm->tm_hour == 23 &&
       tm->tm_min == 59 && tm->tm_sec == 59 && tm->tm_wday == 5 && tm->tm_yday == 364 && tm->tm_isdst == 0,
       "_gmtime64");
    t = 0;
    tm = p_gmtime(&t);
    ok(tm && tm->tm_year == 70 && tm->tm_mday == 1 && tm->tm_wday == 4, "gmtime(0)");
    t = 4102444800LL;    /* 2100-01-01: beyond 32 bits */
    tm = p_gmtime64(&t);
    ok(tm && tm->tm_year == 200 && tm->tm_mon == 0 && tm->tm_mday == 1, "_gmtime64 past 2038");
    t = -1;
    *errp() = 0;
    ok(p_gmtime64(&t) == NULL && *errp() == EINVAL, "_gmtime64(-1)");
    long t32 = 86400;
    tm = CRTT(struct tm *(*)(const long *), _gmtime32)(&t32);
    ok(tm && tm->tm_mday == 2, "_gmtime32");

    struct tm in = make_tm(2000, 2, 29, 12, 0, 0);
    ok(p_mkgmtime64(&in) == 951825600LL, "_mkgmtime64");
    in = make_tm(2000, 1, 32, 0, 0, 0);   /* normalized to Feb 1 */
    ok(CRTT(mk64_fn, _mkgmtime)(&in) == 949363200LL && in.tm_mon == 1 && in.tm_mday == 1 && in.tm_wday == 2,
       "_mkgmtime normalizes");
    in = make_tm(1969, 12, 31, 0, 0, 0);
    ok(p_mkgmtime64(&in) == -1, "_mkgmtime64 before 1970");

    struct tm out;
    t = 86400 * 365;
    ok(CRTT(int (*)(struct tm *, const t64 *), _gmtime64_s)(&out, &t) == 0 && out.tm_year == 71, "_gmtime64_s");
}

static void test_local(void)
{
    tm64_fn p_localtime = CRTT(tm64_fn, localtime);
    mk64_fn p_mktime = CRTT(mk64_fn, mktime);
    t64 now = CRTT(t64 (*)(t64 *), time)(NULL), t2 = 0;
    ok(now > 1600000000LL, "time %lld", now);
    ok(CRTT(t64 (*)(t64 *), _time64)(&t2) >= now && t2 >= now, "_time64");
    struct tm *tm = p_localtime(&now), copy = *tm;
    ok(tm != NULL, "localtime");
    ok(p_mktime(&copy) == now, "mktime(localtime(t)) == t");
    struct tm in = make_tm(2001, 6, 15, 12, 0, 0);
    t64 t = p_mktime(&in);
    tm = p_localtime(&t);
    ok(tm && tm->tm_hour == 12 && tm->tm_mday == 15 && tm->tm_yday == 165, "localtime(mktime(tm))");
    ok(CRTT(double (*)(t64, t64), difftime)(100, 40) == 60.0, "difftime");
    ok(CRTT(double (*)(t64, t64), _difftime64)(40, 100) == -60.0, "_difftime64");
    ok(CRT(clock)() >= 0, "clock");

    char buf[16];
    CRT(_strdate)(buf);
    ok(strlen(buf) == 8 && buf[2] == '/' && buf[5] == '/', "_strdate %s", buf);
    CRT(_strtime)(buf);
    ok(strlen(buf) == 8 && buf[2] == ':' && buf[5] == ':', "_strtime %s", buf);
    struct __timeb64 tb;
    CRTT(void (*)(struct __timeb64 *), _ftime64)(&tb);
    ok(tb.time >= now && tb.millitm < 1000 && tb.timezone >= -24 * 60 && tb.timezone <= 24 * 60, "_ftime64");

    long *tz = CRTT(long *, _timezone);
    int *dl = CRTT(int *, _daylight);
    char **names = CRTT(char **, _tzname);
    /* no _tzset here: it would parse a TZ variable in the Windows syntax */
    /* a TZ variable in the Linux syntax means nothing to a Windows CRT */
    if (!getenv("TZ"))
        ok(*tz >= -14 * 3600 && *tz <= 12 * 3600 && (*dl == 0 || *dl == 1), "_timezone %ld _daylight %d", *tz, *dl);
    ok(names[0] != NULL && names[1] != NULL, "_tzname");
    char *c = CRTT(char *(*)(const t64 *), ctime)(&now);
    ok(c && strlen(c) == 25 && c[24] == '\n', "ctime %s", c);
}

static void test_format(void)
{
    struct tm tm = make_tm(1999, 12, 31, 23, 5, 9);
    tm.tm_wday = 5;
    tm.tm_yday = 364;
    tm.tm_isdst = 0;
    char buf[100];
    size_t (*p_strftime)(char *, size_t, const char *, const struct tm *) = CRT(strftime);
    static const struct { const char *fmt, *expect; } cases[] = {
        { "%c", "12/31/99 23:05:09" },
        { "%x", "12/31/99" },
        { "%X", "23:05:09" },
        { "%a %A %b %B", "Fri Friday Dec December" },
        { "%d %H %I %j %m %M %p %S", "31 23 11 365 12 05 PM 09" },
        { "%U %w %W %y %Y %%", "52 5 52 99 1999 %" },
        { "%#c", "Friday, December 31, 1999 23:05:09" },
        { "%#x", "Friday, December 31, 1999" },
        { "%#d %#j", "31 365" },
        { "a%%b", "a%b" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = p_strftime(buf, sizeof(buf), cases[i].fmt, &tm);
        ok(n == strlen(cases[i].expect) && !strcmp(buf, cases[i].expect), "strftime %s -> '%s'", cases[i].fmt, buf);
    }
    ok(p_strftime(buf, 5, "%c", &tm) == 0, "strftime too small");
    ok(p_strftime(buf, sizeof(buf), "%e", &tm) == 0, "strftime unknown directive");
    tm.tm_hour = 0;
    p_strftime(buf, sizeof(buf), "%I %p", &tm);
    ok(!strcmp(buf, "12 AM"), "midnight is 12 AM: %s", buf);

    wchar_t wbuf[64];
    tm.tm_hour = 23;
    size_t (*p_wcsftime)(wchar_t *, size_t, const wchar_t *, const struct tm *) = CRT(wcsftime);
    ok(p_wcsftime(wbuf, 64, L"%Y-%m-%d %A", &tm) == 17 && !wcscmp(wbuf, L"1999-12-31 Friday"), "wcsftime");

    char *s = CRT(asctime)(&tm);
    ok(s && !strcmp(s, "Fri Dec 31 23:05:09 1999\n"), "asctime %s", s);
    tm.tm_mday = 1;
    tm.tm_wday = 3;
    s = CRT(asctime)(&tm);
    ok(s && !strcmp(s, "Wed Dec 01 23:05:09 1999\n"), "asctime pads the day with 0: %s", s);
}

int main(void)
{
    test_utc();
    test_local();
    test_format();
    return test_summary();
}
