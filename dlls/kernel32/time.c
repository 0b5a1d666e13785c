/* System time, file times, performance counters. */
#include <string.h>
#include <time.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(time);

static ULONGLONG now_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return k32_unix_to_ticks(ts.tv_sec, ts.tv_nsec);
}

void WINAPI GetSystemTimeAsFileTime(LPFILETIME ft)
{
    ULONGLONG t = now_ticks();
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME ft)
{
    GetSystemTimeAsFileTime(ft);
}

/* days since 1601-01-01 -> civil date (proleptic Gregorian) */
static void ticks_to_systemtime(ULONGLONG t, SYSTEMTIME *st)
{
    ULONGLONG ms = t / 10000;
    long long days = ms / 86400000;
    DWORD msday = ms % 86400000;
    st->wDayOfWeek = (days + 1) % 7;   /* 1601-01-01 was a Monday */
    st->wHour = msday / 3600000;
    st->wMinute = msday / 60000 % 60;
    st->wSecond = msday / 1000 % 60;
    st->wMilliseconds = msday % 1000;
    /* shift to an era starting 0000-03-01 */
    long long z = days + 584694;   /* days from 0000-03-01 to 1601-01-01 */
    long long era = z / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    st->wDay = doy - (153 * mp + 2) / 5 + 1;
    st->wMonth = mp < 10 ? mp + 3 : mp - 9;
    st->wYear = yoe + era * 400 + (st->wMonth <= 2);
}

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = y / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 584694;
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, LPSYSTEMTIME st)
{
    ULONGLONG t = ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    if (t >= 0x8000000000000000ull) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    ticks_to_systemtime(t, st);
    return TRUE;
}

static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, LPFILETIME ft)
{
    int leap = (st->wYear % 4 == 0 && st->wYear % 100) || st->wYear % 400 == 0;
    if (st->wYear < 1601 || st->wYear > 30827 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
        st->wDay > month_days[st->wMonth - 1] + (st->wMonth == 2 && leap) || st->wHour > 23 ||
        st->wMinute > 59 || st->wSecond > 59 || st->wMilliseconds > 999) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    long long days = days_from_civil(st->wYear, st->wMonth, st->wDay);
    ULONGLONG t = (((ULONGLONG)days * 86400 + st->wHour * 3600 + st->wMinute * 60 + st->wSecond) * 1000 +
                   st->wMilliseconds) * 10000;
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

void WINAPI GetSystemTime(LPSYSTEMTIME st)
{
    ticks_to_systemtime(now_ticks(), st);
}

/* local offset in seconds at Unix time t */
static long local_offset(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_gmtoff;
}

void WINAPI GetLocalTime(LPSYSTEMTIME st)
{
    ULONGLONG t = now_ticks();
    time_t unix_now = (t - TICKS_1601_TO_1970) / TICKS_PER_SEC;
    ticks_to_systemtime(t + (long long)local_offset(unix_now) * (long long)TICKS_PER_SEC, st);
}

BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *ft, LPFILETIME local)
{
    ULONGLONG t = ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    time_t unix_t = ((long long)t - (long long)TICKS_1601_TO_1970) / (long long)TICKS_PER_SEC;
    t += (long long)local_offset(unix_t) * (long long)TICKS_PER_SEC;
    local->dwLowDateTime = (DWORD)t;
    local->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *local, LPFILETIME ft)
{
    ULONGLONG t = ((ULONGLONG)local->dwHighDateTime << 32) | local->dwLowDateTime;
    time_t unix_t = ((long long)t - (long long)TICKS_1601_TO_1970) / (long long)TICKS_PER_SEC;
    t -= (long long)local_offset(unix_t) * (long long)TICKS_PER_SEC;
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

LONG WINAPI CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    ULONGLONG x = ((ULONGLONG)a->dwHighDateTime << 32) | a->dwLowDateTime;
    ULONGLONG y = ((ULONGLONG)b->dwHighDateTime << 32) | b->dwLowDateTime;
    return x < y ? -1 : x > y;
}

/* QueryPerformanceCounter counts 100 ns units as Windows 10 does (10 MHz) */
BOOL WINAPI QueryPerformanceCounter(PLARGE_INTEGER counter)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    counter->QuadPart = (LONGLONG)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
    return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(PLARGE_INTEGER freq)
{
    freq->QuadPart = 10000000;
    return TRUE;
}

ULONGLONG WINAPI GetTickCount64(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ULONGLONG)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

DWORD WINAPI GetTickCount(void)
{
    return (DWORD)GetTickCount64();
}
