/* Time zones: TIME_ZONE_INFORMATION of the Linux zone (TZ, /etc/localtime)
 * and conversions between UTC and a zone's local time. */
#include <string.h>
#include <time.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(time);

#define TICKS_PER_MIN (60 * TICKS_PER_SEC)

static LONGLONG st_to_ticks(const SYSTEMTIME *st, BOOL *ok)
{
    FILETIME ft;
    *ok = SystemTimeToFileTime(st, &ft);
    return ((LONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

static BOOL ticks_to_st(LONGLONG t, SYSTEMTIME *st)
{
    FILETIME ft = { (DWORD)t, (DWORD)((ULONGLONG)t >> 32) };
    if (t < 0) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return FileTimeToSystemTime(&ft, st);
}

/* days from 1970-01-01 to the given date (proleptic Gregorian) */
static long long days_from_1970(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

/* ---- the Linux zone as a TIME_ZONE_INFORMATION ---- */

static struct tm unix_local(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm;
}

/* The first second in [lo, hi) whose DST flag differs from lo's. */
static time_t find_change(time_t lo, time_t hi)
{
    int dst = unix_local(lo).tm_isdst > 0;
    while (hi - lo > 1) {
        time_t mid = lo + (hi - lo) / 2;
        if ((unix_local(mid).tm_isdst > 0) == dst) lo = mid; else hi = mid;
    }
    return hi;
}

static void set_name(WCHAR *dst, const char *name)
{
    size_t i;
    for (i = 0; name[i] && i < 31; i++) dst[i] = (unsigned char)name[i];
    dst[i] = 0;
}

/* A transition as Windows stores it: local wall-clock time before the change,
 * with wDay the week of the month (5 = the last) of wDayOfWeek, wYear 0. */
static void transition_date(time_t when, long offset_before, SYSTEMTIME *date)
{
    ticks_to_st((LONGLONG)k32_unix_to_ticks(when + offset_before, 0), date);
    date->wDay = date->wDay + 7 > days_in_month(date->wYear, date->wMonth) ? 5 : (date->wDay - 1) / 7 + 1;
    date->wYear = 0;
    date->wSecond = 0;
    date->wMilliseconds = 0;
}

/* The zone's rules in the given year (UTC calendar years; the transitions of
 * real zones are far from New Year).  Returns whether the zone has DST then. */
static BOOL zone_info_for_year(int year, TIME_ZONE_INFORMATION *tzi)
{
    time_t start = (time_t)(days_from_1970(year, 1, 1)) * 86400;
    time_t end = (time_t)(days_from_1970(year + 1, 1, 1)) * 86400;
    struct tm first = unix_local(start);
    time_t to_dst = 0, to_std = 0;

    memset(tzi, 0, sizeof(*tzi));
    /* a day-by-day walk finds the days of the changes, then the second */
    for (time_t t = start + 86400; t <= end; t += 86400) {
        struct tm prev = unix_local(t - 86400), cur = unix_local(t);
        if ((prev.tm_isdst > 0) == (cur.tm_isdst > 0)) continue;
        time_t when = find_change(t - 86400, t);
        if (cur.tm_isdst > 0) to_dst = when; else to_std = when;
    }
    if (!to_dst || !to_std) {
        /* no DST this year: a zone that is always in standard (or always in
         * daylight) time has one bias */
        tzi->Bias = -first.tm_gmtoff / 60;
        if (!first.tm_gmtoff && first.tm_isdst <= 0 && (!strcmp(first.tm_zone, "UTC") || !strcmp(first.tm_zone, "GMT")))
            set_name(tzi->StandardName, "Coordinated Universal Time");
        else
            set_name(tzi->StandardName, first.tm_zone);
        memcpy(tzi->DaylightName, tzi->StandardName, sizeof(tzi->DaylightName));
        return FALSE;
    }
    struct tm std = unix_local(to_std), dst = unix_local(to_dst);
    tzi->Bias = -std.tm_gmtoff / 60;
    tzi->StandardBias = 0;
    tzi->DaylightBias = -(dst.tm_gmtoff - std.tm_gmtoff) / 60;
    /* Linux has only abbreviations ("CET"); Windows' long names ("W. Europe
     * Standard Time") come from its registry, which carafe does not have */
    set_name(tzi->StandardName, std.tm_zone);
    set_name(tzi->DaylightName, dst.tm_zone);
    transition_date(to_dst, std.tm_gmtoff, &tzi->DaylightDate);
    transition_date(to_std, dst.tm_gmtoff, &tzi->StandardDate);
    return TRUE;
}

DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION tzi)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    tzset();
    if (!zone_info_for_year(tm.tm_year + 1900, tzi)) return TIME_ZONE_ID_UNKNOWN;
    return unix_local(now).tm_isdst > 0 ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

/* ---- conversions with a given TIME_ZONE_INFORMATION ---- */

/* A transition date of the zone in the given year, as local ticks. */
static BOOL transition_ticks(const SYSTEMTIME *rule, int year, LONGLONG *ticks)
{
    SYSTEMTIME st = *rule;
    BOOL ok;
    st.wYear = year;
    if (!rule->wYear) {
        /* week wDay (5 = last) of weekday wDayOfWeek in wMonth */
        if (rule->wMonth < 1 || rule->wMonth > 12 || rule->wDayOfWeek > 6 || rule->wDay < 1 || rule->wDay > 5)
            return FALSE;
        st.wDay = 1;
        st_to_ticks(&st, &ok);
        if (!ok) return FALSE;
        int first_dow = (days_from_1970(year, rule->wMonth, 1) + 4) % 7;   /* 1970-01-01 was a Thursday */
        if (first_dow < 0) first_dow += 7;
        int day = 1 + (rule->wDayOfWeek - first_dow + 7) % 7 + (rule->wDay - 1) * 7;
        while (day > days_in_month(year, rule->wMonth)) day -= 7;
        st.wDay = day;
    }
    *ticks = st_to_ticks(&st, &ok);
    return ok;
}

/* Whether the UTC time falls in the zone's daylight time; -1 on a bad rule. */
static int is_daylight(const TIME_ZONE_INFORMATION *tzi, LONGLONG utc, int year)
{
    LONGLONG dst_start, std_start;
    if (!tzi->DaylightDate.wMonth || !tzi->StandardDate.wMonth) return 0;
    if (!transition_ticks(&tzi->DaylightDate, year, &dst_start) ||
        !transition_ticks(&tzi->StandardDate, year, &std_start))
        return -1;
    /* daylight begins at a standard-time clock reading, and ends at a daylight one */
    dst_start += (LONGLONG)(tzi->Bias + tzi->StandardBias) * TICKS_PER_MIN;
    std_start += (LONGLONG)(tzi->Bias + tzi->DaylightBias) * TICKS_PER_MIN;
    if (dst_start < std_start) return utc >= dst_start && utc < std_start;
    return !(utc >= std_start && utc < dst_start);   /* southern hemisphere */
}

static LONG zone_bias(const TIME_ZONE_INFORMATION *tzi, int daylight)
{
    if (!tzi->StandardDate.wMonth) return tzi->Bias;   /* StandardBias is ignored then */
    return tzi->Bias + (daylight ? tzi->DaylightBias : tzi->StandardBias);
}

BOOL WINAPI SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION *tzi, const SYSTEMTIME *utc_st,
                                            LPSYSTEMTIME local_st)
{
    BOOL ok;
    LONGLONG utc = st_to_ticks(utc_st, &ok);
    if (!ok) return FALSE;
    if (!tzi) {
        /* the active zone: its offset at that instant, as the C library knows it */
        time_t t = (utc - (LONGLONG)TICKS_1601_TO_1970) / (LONGLONG)TICKS_PER_SEC -
                   ((utc - (LONGLONG)TICKS_1601_TO_1970) % (LONGLONG)TICKS_PER_SEC < 0);
        tzset();
        return ticks_to_st(utc + (LONGLONG)unix_local(t).tm_gmtoff * (LONGLONG)TICKS_PER_SEC, local_st);
    }
    int daylight = is_daylight(tzi, utc, utc_st->wYear);
    if (daylight < 0) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return ticks_to_st(utc - (LONGLONG)zone_bias(tzi, daylight) * TICKS_PER_MIN, local_st);
}

BOOL WINAPI TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION *tzi, const SYSTEMTIME *local_st,
                                            LPSYSTEMTIME utc_st)
{
    TIME_ZONE_INFORMATION active;
    BOOL ok;
    LONGLONG local = st_to_ticks(local_st, &ok);
    if (!ok) return FALSE;
    if (!tzi) {
        GetTimeZoneInformation(&active);
        tzi = &active;
    }
    /* daylight time if the reading is one; a reading that exists twice (the
     * hour daylight time ends) is taken as daylight time, as Wine does */
    LONGLONG utc = local + (LONGLONG)zone_bias(tzi, 1) * TICKS_PER_MIN;
    int daylight = is_daylight(tzi, utc, local_st->wYear);
    if (daylight < 0) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!daylight) utc = local + (LONGLONG)zone_bias(tzi, 0) * TICKS_PER_MIN;
    return ticks_to_st(utc, utc_st);
}
