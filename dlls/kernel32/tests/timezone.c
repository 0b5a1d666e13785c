/* Conformance tests: time-zone conversions with given TIME_ZONE_INFORMATION
 * rules, the active zone, and EncodePointer/DecodePointer. */
#include <windows.h>
#include <string.h>
#include "test.h"

static SYSTEMTIME make_st(WORD y, WORD mo, WORD d, WORD h, WORD mi, WORD s)
{
    SYSTEMTIME st = { y, mo, 0, d, h, mi, s, 0 };
    return st;
}

static int same_time(const SYSTEMTIME *a, const SYSTEMTIME *b)
{
    return a->wYear == b->wYear && a->wMonth == b->wMonth && a->wDay == b->wDay && a->wHour == b->wHour &&
           a->wMinute == b->wMinute && a->wSecond == b->wSecond && a->wMilliseconds == b->wMilliseconds;
}

/* US Pacific: second Sunday of March 2:00 to first Sunday of November 2:00 */
static TIME_ZONE_INFORMATION pacific(void)
{
    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = 480;
    tzi.DaylightBias = -60;
    tzi.DaylightDate = (SYSTEMTIME){ 0, 3, 0, 2, 2, 0, 0, 0 };
    tzi.StandardDate = (SYSTEMTIME){ 0, 11, 0, 1, 2, 0, 0, 0 };
    return tzi;
}

/* Sydney: daylight time from the first Sunday of October 2:00 to the first
 * Sunday of April 3:00 (daylight clock), across New Year */
static TIME_ZONE_INFORMATION sydney(void)
{
    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = -600;
    tzi.DaylightBias = -60;
    tzi.DaylightDate = (SYSTEMTIME){ 0, 10, 0, 1, 2, 0, 0, 0 };
    tzi.StandardDate = (SYSTEMTIME){ 0, 4, 0, 1, 3, 0, 0, 0 };
    return tzi;
}

/* Central Europe: last Sunday (week 5) of March 2:00 to last Sunday of October 3:00 */
static TIME_ZONE_INFORMATION europe(void)
{
    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = -60;
    tzi.DaylightBias = -60;
    tzi.DaylightDate = (SYSTEMTIME){ 0, 3, 0, 5, 2, 0, 0, 0 };
    tzi.StandardDate = (SYSTEMTIME){ 0, 10, 0, 5, 3, 0, 0, 0 };
    return tzi;
}

static void check_to_local(const TIME_ZONE_INFORMATION *tzi, const char *name, SYSTEMTIME utc, SYSTEMTIME local)
{
    SYSTEMTIME out;
    memset(&out, 0xcc, sizeof(out));
    ok(SystemTimeToTzSpecificLocalTime(tzi, &utc, &out), "%s: failed %lu\n", name, GetLastError());
    ok(same_time(&out, &local), "%s %u:%u UTC: local %u:%u\n", name, utc.wHour, utc.wMinute, out.wHour, out.wMinute);
}

static void check_pair(const TIME_ZONE_INFORMATION *tzi, const char *name, SYSTEMTIME utc, SYSTEMTIME local)
{
    SYSTEMTIME out;
    BOOL r;

    memset(&out, 0xcc, sizeof(out));
    SetLastError(0xdeadbeef);
    r = SystemTimeToTzSpecificLocalTime(tzi, &utc, &out);
    ok(r, "%s: SystemTimeToTzSpecificLocalTime failed %lu\n", name, GetLastError());
    ok(same_time(&out, &local), "%s %u-%u-%u %u:%u:%u UTC: local %u-%u-%u %u:%u:%u\n", name, utc.wYear, utc.wMonth,
       utc.wDay, utc.wHour, utc.wMinute, utc.wSecond, out.wYear, out.wMonth, out.wDay, out.wHour, out.wMinute,
       out.wSecond);

    memset(&out, 0xcc, sizeof(out));
    r = TzSpecificLocalTimeToSystemTime(tzi, &local, &out);
    ok(r, "%s: TzSpecificLocalTimeToSystemTime failed %lu\n", name, GetLastError());
    ok(same_time(&out, &utc), "%s %u-%u-%u %u:%u:%u local: UTC %u-%u-%u %u:%u:%u\n", name, local.wYear,
       local.wMonth, local.wDay, local.wHour, local.wMinute, local.wSecond, out.wYear, out.wMonth, out.wDay,
       out.wHour, out.wMinute, out.wSecond);
}

static void test_rules(void)
{
    TIME_ZONE_INFORMATION tzi = pacific();
    /* 2024: daylight time from March 10 10:00 UTC to November 3 9:00 UTC */
    check_pair(&tzi, "pacific", make_st(2024, 1, 15, 12, 0, 0), make_st(2024, 1, 15, 4, 0, 0));
    check_pair(&tzi, "pacific", make_st(2024, 7, 1, 12, 0, 0), make_st(2024, 7, 1, 5, 0, 0));
    check_pair(&tzi, "pacific", make_st(2024, 3, 10, 9, 59, 59), make_st(2024, 3, 10, 1, 59, 59));
    check_pair(&tzi, "pacific", make_st(2024, 3, 10, 10, 0, 0), make_st(2024, 3, 10, 3, 0, 0));
    /* 1:00-1:59 local on November 3 happens twice; read back as daylight
     * time (Wine; Microsoft's documentation does not say) */
    check_pair(&tzi, "pacific", make_st(2024, 11, 3, 8, 59, 59), make_st(2024, 11, 3, 1, 59, 59));
    check_to_local(&tzi, "pacific", make_st(2024, 11, 3, 9, 0, 0), make_st(2024, 11, 3, 1, 0, 0));
    check_pair(&tzi, "pacific", make_st(2024, 11, 3, 10, 0, 0), make_st(2024, 11, 3, 2, 0, 0));
    check_pair(&tzi, "pacific", make_st(2024, 1, 1, 3, 0, 0), make_st(2023, 12, 31, 19, 0, 0));

    tzi = sydney();
    check_pair(&tzi, "sydney", make_st(2024, 1, 15, 0, 0, 0), make_st(2024, 1, 15, 11, 0, 0));
    check_pair(&tzi, "sydney", make_st(2024, 7, 15, 0, 0, 0), make_st(2024, 7, 15, 10, 0, 0));
    /* 2024-10-06 2:00 standard = 2024-10-05 16:00 UTC */
    check_pair(&tzi, "sydney", make_st(2024, 10, 5, 15, 59, 0), make_st(2024, 10, 6, 1, 59, 0));
    check_pair(&tzi, "sydney", make_st(2024, 10, 5, 16, 0, 0), make_st(2024, 10, 6, 3, 0, 0));

    tzi = europe();
    /* 2024: March 31 1:00 UTC to October 27 1:00 UTC; 2023: March 26 */
    check_pair(&tzi, "europe", make_st(2024, 3, 31, 0, 59, 0), make_st(2024, 3, 31, 1, 59, 0));
    check_pair(&tzi, "europe", make_st(2024, 3, 31, 1, 0, 0), make_st(2024, 3, 31, 3, 0, 0));
    check_pair(&tzi, "europe", make_st(2023, 3, 26, 1, 0, 0), make_st(2023, 3, 26, 3, 0, 0));
    check_to_local(&tzi, "europe", make_st(2024, 10, 27, 1, 0, 0), make_st(2024, 10, 27, 2, 0, 0));
    check_pair(&tzi, "europe", make_st(2024, 10, 27, 0, 59, 0), make_st(2024, 10, 27, 2, 59, 0));
    check_pair(&tzi, "europe", make_st(2024, 10, 27, 2, 0, 0), make_st(2024, 10, 27, 3, 0, 0));

    /* no transition dates: one bias, StandardBias ignored */
    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = -330;
    tzi.StandardBias = 100;
    tzi.DaylightBias = -60;
    check_pair(&tzi, "india", make_st(2024, 7, 1, 12, 0, 0), make_st(2024, 7, 1, 17, 30, 0));
}

static void test_invalid(void)
{
    TIME_ZONE_INFORMATION tzi = pacific();
    SYSTEMTIME bad = make_st(2024, 2, 30, 0, 0, 0), out;

    SetLastError(0xdeadbeef);
    ok(!SystemTimeToTzSpecificLocalTime(&tzi, &bad, &out), "bad date accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "bad date: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TzSpecificLocalTimeToSystemTime(&tzi, &bad, &out), "bad local date accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "bad local date: error %lu\n", GetLastError());
}

/* The machine's zone is not known: check that its pieces agree. */
static void test_active_zone(void)
{
    TIME_ZONE_INFORMATION tzi;
    SYSTEMTIME utc, a, b, back;
    DWORD id;

    memset(&tzi, 0xcc, sizeof(tzi));
    id = GetTimeZoneInformation(&tzi);
    ok(id == TIME_ZONE_ID_UNKNOWN || id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "id %lu\n", id);
    ok(tzi.Bias >= -14 * 60 && tzi.Bias <= 12 * 60, "bias %ld\n", tzi.Bias);
    if (id == TIME_ZONE_ID_UNKNOWN)
        ok(!tzi.StandardDate.wMonth && !tzi.DaylightDate.wMonth, "no DST but dates %u %u\n",
           tzi.StandardDate.wMonth, tzi.DaylightDate.wMonth);
    else
        ok(tzi.StandardDate.wMonth && tzi.DaylightDate.wMonth && tzi.StandardDate.wDay >= 1 &&
           tzi.StandardDate.wDay <= 5, "DST dates %u %u\n", tzi.StandardDate.wMonth, tzi.DaylightDate.wMonth);
    ok(tzi.StandardName[0] != 0xcccc && tzi.StandardName[31] != 0xcccc, "StandardName not set\n");

    GetSystemTime(&utc);
    ok(SystemTimeToTzSpecificLocalTime(NULL, &utc, &a), "active zone failed %lu\n", GetLastError());
    ok(SystemTimeToTzSpecificLocalTime(&tzi, &utc, &b), "own rules failed %lu\n", GetLastError());
    ok(same_time(&a, &b), "NULL and GetTimeZoneInformation disagree: %u:%u and %u:%u\n", a.wHour, a.wMinute,
       b.wHour, b.wMinute);
    ok(TzSpecificLocalTimeToSystemTime(NULL, &a, &back), "to UTC failed %lu\n", GetLastError());
    ok(same_time(&back, &utc), "round trip: %u:%u, expected %u:%u\n", back.wHour, back.wMinute, utc.wHour,
       utc.wMinute);
}

static void test_encode_pointer(void)
{
    static void *const ptrs[] = { NULL, (void *)1, (void *)test_encode_pointer, (void *)~(ULONG_PTR)0 };

    for (size_t i = 0; i < sizeof(ptrs) / sizeof(ptrs[0]); i++) {
        void *enc = EncodePointer(ptrs[i]);
        ok(DecodePointer(enc) == ptrs[i], "%u: round trip %p -> %p -> %p\n", (unsigned)i, ptrs[i], enc,
           DecodePointer(enc));
        ok(EncodePointer(ptrs[i]) == enc, "%u: encoding changed\n", (unsigned)i);
    }
    /* the point of encoding: NULL and a known function do not show through */
    ok(EncodePointer(NULL) != NULL, "NULL encodes to NULL\n");
    ok(EncodePointer((void *)test_encode_pointer) != (void *)test_encode_pointer, "pointer unchanged\n");
}

int main(void)
{
    test_rules();
    test_invalid();
    test_active_zone();
    test_encode_pointer();
    return test_summary();
}
