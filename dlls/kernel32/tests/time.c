/* Conformance tests: system time, FILETIME <-> SYSTEMTIME, counters.
 * Only UTC and differences are checked, never the machine's time zone. */
#include <windows.h>
#include <string.h>
#include "test.h"

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static ULONGLONG ft64(const FILETIME *ft) { return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime; }
static FILETIME make_ft(ULONGLONG t) { FILETIME ft = { (DWORD)t, (DWORD)(t >> 32) }; return ft; }

static void test_known_values(void)
{
    static const struct { WORD y, mo, dow, d, h, mi, s, ms; ULONGLONG ticks; } known[] = {
        { 1601, 1, 1, 1, 0, 0, 0, 0, 0ull },
        { 1970, 1, 4, 1, 0, 0, 0, 0, 116444736000000000ull },
        { 2000, 1, 6, 1, 0, 0, 0, 0, 125911584000000000ull },
        { 2000, 2, 2, 29, 12, 34, 56, 789, 125963012967890000ull },
        { 2038, 1, 2, 19, 3, 14, 8, 0, 137919572480000000ull },
        { 1900, 3, 4, 1, 0, 0, 0, 0, 94405824000000000ull },
        { 30827, 12, 5, 31, 23, 59, 59, 999, 0x7fff35f4f06c58f0ull },
    };
    SYSTEMTIME st;
    FILETIME ft;
    BOOL r;

    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        memset(&st, 0xcc, sizeof(st));
        ft = make_ft(known[i].ticks);
        SetLastError(0xdeadbeef);
        r = FileTimeToSystemTime(&ft, &st);
        ok(r, "%u: FileTimeToSystemTime failed %lu\n", known[i].y, GetLastError());
        ok(st.wYear == known[i].y && st.wMonth == known[i].mo && st.wDay == known[i].d &&
           st.wHour == known[i].h && st.wMinute == known[i].mi && st.wSecond == known[i].s &&
           st.wMilliseconds == known[i].ms, "%u: got %u-%u-%u %u:%u:%u.%u\n", known[i].y, st.wYear, st.wMonth,
           st.wDay, st.wHour, st.wMinute, st.wSecond, st.wMilliseconds);
        ok(st.wDayOfWeek == known[i].dow, "%u: day of week %u, expected %u\n", known[i].y, st.wDayOfWeek, known[i].dow);
        ok(GetLastError() == 0xdeadbeef, "%u: error changed %lu\n", known[i].y, GetLastError());

        memset(&ft, 0xcc, sizeof(ft));
        st.wDayOfWeek = 5;   /* ignored */
        r = SystemTimeToFileTime(&st, &ft);
        ok(r && ft64(&ft) == known[i].ticks, "%u: SystemTimeToFileTime %d %I64u\n", known[i].y, r, ft64(&ft));
    }

    /* sub-millisecond ticks are dropped by the conversion */
    ft = make_ft(125911584000000000ull + 9999);
    FileTimeToSystemTime(&ft, &st);
    ok(st.wMilliseconds == 0 && st.wSecond == 0, "sub-ms: %u.%u\n", st.wSecond, st.wMilliseconds);

    /* the largest FILETIME (0x7fffffffffffffff) is fine, beyond is not */
    ft = make_ft(0x7fffffffffffffffull);
    ok(FileTimeToSystemTime(&ft, &st), "max FILETIME failed %lu\n", GetLastError());
    ok(st.wYear == 30828, "max FILETIME year %u\n", st.wYear);
    ft = make_ft(0x8000000000000000ull);
    SetLastError(0xdeadbeef);
    ok(!FileTimeToSystemTime(&ft, &st), "negative FILETIME accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "negative FILETIME error %lu\n", GetLastError());
}

static void test_invalid_systemtime(void)
{
    static const SYSTEMTIME bad[] = {
        { 2001, 2, 0, 29, 0, 0, 0, 0 },    /* not a leap year */
        { 1900, 2, 0, 29, 0, 0, 0, 0 },    /* not a leap year either */
        { 2000, 13, 0, 1, 0, 0, 0, 0 },
        { 2000, 0, 0, 1, 0, 0, 0, 0 },
        { 2000, 1, 0, 0, 0, 0, 0, 0 },
        { 2000, 4, 0, 31, 0, 0, 0, 0 },
        { 2000, 1, 0, 1, 24, 0, 0, 0 },
        { 2000, 1, 0, 1, 0, 60, 0, 0 },
        { 2000, 1, 0, 1, 0, 0, 60, 0 },
        { 2000, 1, 0, 1, 0, 0, 0, 1000 },
        { 1600, 12, 0, 31, 0, 0, 0, 0 },
    };
    FILETIME ft;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        /* Wine accepts February 29 of any year */
        if (is_wine() && bad[i].wMonth == 2 && bad[i].wDay == 29) continue;
        ft.dwLowDateTime = ft.dwHighDateTime = 0xcccccccc;
        SetLastError(0xdeadbeef);
        ok(!SystemTimeToFileTime(&bad[i], &ft), "%zu: invalid time accepted\n", i);
        ok(GetLastError() == ERROR_INVALID_PARAMETER, "%zu: error %lu\n", i, GetLastError());
    }
    SYSTEMTIME leap = { 2000, 2, 0, 29, 0, 0, 0, 0 };
    ok(SystemTimeToFileTime(&leap, &ft), "2000-02-29 refused %lu\n", GetLastError());
}

static void test_round_trip(void)
{
    SYSTEMTIME st, st2;
    FILETIME ft, ft2;
    int good = 1;
    /* every 1000003 seconds over a few centuries, at 0.5 s */
    for (ULONGLONG t = 0; t < 0x0400000000000000ull; t += 10000000ull * 1000003ull * 997 + 5000000) {
        ft = make_ft(t);
        if (!FileTimeToSystemTime(&ft, &st) || !SystemTimeToFileTime(&st, &ft2) || ft64(&ft2) != t / 10000 * 10000) {
            good = 0;
            break;
        }
    }
    ok(good, "round trip failed\n");

    GetSystemTime(&st);
    ok(SystemTimeToFileTime(&st, &ft), "SystemTimeToFileTime(now) %lu\n", GetLastError());
    ok(FileTimeToSystemTime(&ft, &st2), "FileTimeToSystemTime(now)\n");
    ok(!memcmp(&st, &st2, sizeof(st)), "round trip of now differs\n");
}

static void test_now(void)
{
    SYSTEMTIME st;
    FILETIME ft1, ft2, ftst;

    GetSystemTimeAsFileTime(&ft1);
    GetSystemTime(&st);
    GetSystemTimeAsFileTime(&ft2);
    ok(SystemTimeToFileTime(&st, &ftst), "SystemTimeToFileTime %lu\n", GetLastError());
    /* the SYSTEMTIME lies between the two FILETIMEs (to the millisecond) */
    ok(ft64(&ftst) + 10000 >= ft64(&ft1) && ft64(&ftst) <= ft64(&ft2) + 10000, "GetSystemTime %I64u not in [%I64u, %I64u]\n",
       ft64(&ftst), ft64(&ft1), ft64(&ft2));
    ok(st.wYear >= 2020 && st.wYear < 2200, "year %u\n", st.wYear);
    ok(ft64(&ft2) >= ft64(&ft1), "GetSystemTimeAsFileTime went back\n");

    FILETIME p1, p2;
    GetSystemTimePreciseAsFileTime(&p1);
    GetSystemTimePreciseAsFileTime(&p2);
    ok(ft64(&p2) >= ft64(&p1), "precise time went back\n");
    ok(ft64(&p1) + 10000000 > ft64(&ft1) && ft64(&p1) < ft64(&ft2) + 10000000, "precise time far from system time\n");

    /* local time differs from UTC by whole quarter hours, whatever the zone */
    SYSTEMTIME lst;
    FILETIME lft, back;
    GetSystemTimeAsFileTime(&ft1);
    ok(FileTimeToLocalFileTime(&ft1, &lft), "FileTimeToLocalFileTime %lu\n", GetLastError());
    LONGLONG diff = (LONGLONG)(ft64(&lft) - ft64(&ft1));
    ok(diff % (15 * 60 * 10000000ll) == 0, "local offset %I64d not in quarter hours\n", diff);
    ok(diff >= -14 * 3600 * 10000000ll && diff <= 14 * 3600 * 10000000ll, "local offset %I64d\n", diff);
    ok(LocalFileTimeToFileTime(&lft, &back) && ft64(&back) == ft64(&ft1), "LocalFileTimeToFileTime round trip\n");
    GetLocalTime(&lst);
    ok(lst.wYear >= 2020 && lst.wMonth >= 1 && lst.wMonth <= 12, "local time %u-%u\n", lst.wYear, lst.wMonth);
}

static void test_counters(void)
{
    LARGE_INTEGER freq, c1, c2;
    ULONGLONG t1, t2;
    DWORD d1;

    SetLastError(0xdeadbeef);
    ok(QueryPerformanceFrequency(&freq), "QueryPerformanceFrequency failed\n");
    ok(freq.QuadPart > 0, "frequency %I64d\n", freq.QuadPart);
    ok(QueryPerformanceCounter(&c1), "QueryPerformanceCounter failed\n");
    t1 = GetTickCount64();
    d1 = GetTickCount();
    ok((DWORD)t1 - d1 < 100 || d1 - (DWORD)t1 < 100, "GetTickCount %lu vs GetTickCount64 %I64u\n", d1, t1);
    Sleep(50);
    ok(QueryPerformanceCounter(&c2), "QueryPerformanceCounter failed\n");
    t2 = GetTickCount64();
    ok(c2.QuadPart > c1.QuadPart, "counter did not advance\n");
    LONGLONG ms = (c2.QuadPart - c1.QuadPart) * 1000 / freq.QuadPart;
    ok(ms >= 40 && ms < 5000, "Sleep(50) took %I64d ms by the counter\n", ms);
    ok(t2 >= t1 + 30 && t2 < t1 + 5000, "Sleep(50) took %I64u ms by the tick count\n", t2 - t1);

    int mono = 1;
    LARGE_INTEGER prev = c2, now;
    ULONGLONG tprev = t2, tnow;
    for (int i = 0; i < 100000; i++) {
        QueryPerformanceCounter(&now);
        tnow = GetTickCount64();
        if (now.QuadPart < prev.QuadPart || tnow < tprev) mono = 0;
        prev = now;
        tprev = tnow;
    }
    ok(mono, "counters not monotonic\n");
}

static void test_compare(void)
{
    FILETIME a = make_ft(100), b = make_ft(200), c = make_ft(0x100000000ull), d = make_ft(0xffffffffull);
    ok(CompareFileTime(&a, &b) == -1, "a<b %ld\n", CompareFileTime(&a, &b));
    ok(CompareFileTime(&b, &a) == 1, "b>a %ld\n", CompareFileTime(&b, &a));
    ok(CompareFileTime(&a, &a) == 0, "a==a %ld\n", CompareFileTime(&a, &a));
    ok(CompareFileTime(&c, &d) == 1, "high part decides %ld\n", CompareFileTime(&c, &d));
    ok(CompareFileTime(&d, &c) == -1, "high part decides %ld\n", CompareFileTime(&d, &c));
}

int main(void)
{
    is_wine();
    test_known_values();
    test_invalid_systemtime();
    test_round_trip();
    test_now();
    test_counters();
    test_compare();
    return test_summary();
}
