/* msvcrt time functions.  time_t is 64-bit in x64 msvcrt (time == _time64);
 * the _*32 forms use 32-bit values.  struct tm is nine ints, as on Windows.
 * Local time is the host's time zone: Windows programs see local time.
 * strftime knows only the "C" locale's names and formats. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include "msvcrt_private.h"

struct msvcrt_tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

struct msvcrt_timeb64 { int64_t time; unsigned short millitm; short timezone; short dstflag; };
struct msvcrt_timeb32 { int32_t time; unsigned short millitm; short timezone; short dstflag; };

/* 3000-12-31 23:59:59 UTC, the last moment the 64-bit functions accept */
#define MAX_TIME64 INT64_C(32535215999)
#define MAX_TIME32 INT64_C(0x7fffffff)

int32_t MSVCRT__timezone;
int MSVCRT__daylight;
int32_t MSVCRT__dstbias = -3600;
static char tzname_std[64], tzname_dst[64];
char *MSVCRT__tzname[2] = { tzname_std, tzname_dst };

static struct timespec process_start;

void CDECL MSVCRT__tzset(void)
{
    tzset();
    MSVCRT__timezone = (int32_t)timezone;
    MSVCRT__daylight = daylight;
    snprintf(tzname_std, sizeof(tzname_std), "%s", tzname[0]);
    snprintf(tzname_dst, sizeof(tzname_dst), "%s", tzname[1]);
}

__attribute__((constructor)) static void init_time(void)
{
    clock_gettime(CLOCK_MONOTONIC, &process_start);
    MSVCRT__tzset();
}

int * CDECL MSVCRT___daylight(void) { return &MSVCRT__daylight; }
int32_t * CDECL MSVCRT___dstbias(void) { return &MSVCRT__dstbias; }

int CDECL MSVCRT__get_tzname(size_t *len, char *buf, size_t size, int index)
{
    if (!len || (!buf && size) || (buf && !size) || index < 0 || index > 1) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    const char *name = MSVCRT__tzname[index];
    *len = strlen(name) + 1;
    if (!buf) return 0;
    if (*len > size) return MSVCRT_ERANGE;
    memcpy(buf, name, *len);
    return 0;
}

/* ---- current time ---- */

int64_t CDECL MSVCRT__time64(int64_t *out)
{
    int64_t t = time(NULL);
    if (out) *out = t;
    return t;
}

int64_t CDECL MSVCRT_time(int64_t *out) { return MSVCRT__time64(out); }

int32_t CDECL MSVCRT__time32(int32_t *out)
{
    int32_t t = (int32_t)time(NULL);
    if (out) *out = t;
    return t;
}

double CDECL MSVCRT__difftime64(int64_t end, int64_t start) { return (double)(end - start); }
double CDECL MSVCRT_difftime(int64_t end, int64_t start) { return (double)(end - start); }
double CDECL MSVCRT__difftime32(int32_t end, int32_t start) { return (double)end - (double)start; }

/* milliseconds since the process started (CLOCKS_PER_SEC is 1000) */
int32_t CDECL MSVCRT_clock(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int32_t)((now.tv_sec - process_start.tv_sec) * 1000 +
                     (now.tv_nsec - process_start.tv_nsec) / 1000000);
}

static void fill_timeb(int64_t *t, unsigned short *ms, short *tz, short *dst)
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    time_t now = tv.tv_sec;
    localtime_r(&now, &tm);
    *t = tv.tv_sec;
    *ms = (unsigned short)(tv.tv_usec / 1000);
    *tz = (short)(MSVCRT__timezone / 60);
    *dst = tm.tm_isdst > 0;
}

void CDECL MSVCRT__ftime64(struct msvcrt_timeb64 *tb)
{
    fill_timeb(&tb->time, &tb->millitm, &tb->timezone, &tb->dstflag);
}

void CDECL MSVCRT__ftime(struct msvcrt_timeb64 *tb) { MSVCRT__ftime64(tb); }

void CDECL MSVCRT__ftime32(struct msvcrt_timeb32 *tb)
{
    int64_t t;
    fill_timeb(&t, &tb->millitm, &tb->timezone, &tb->dstflag);
    tb->time = (int32_t)t;
}

int CDECL MSVCRT__ftime64_s(struct msvcrt_timeb64 *tb)
{
    if (!tb) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EINVAL; }
    MSVCRT__ftime64(tb);
    return 0;
}

int CDECL MSVCRT__ftime32_s(struct msvcrt_timeb32 *tb)
{
    if (!tb) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EINVAL; }
    MSVCRT__ftime32(tb);
    return 0;
}

/* ---- broken-down time ---- */

static void tm_from_host(struct msvcrt_tm *out, const struct tm *in)
{
    out->tm_sec = in->tm_sec;
    out->tm_min = in->tm_min;
    out->tm_hour = in->tm_hour;
    out->tm_mday = in->tm_mday;
    out->tm_mon = in->tm_mon;
    out->tm_year = in->tm_year;
    out->tm_wday = in->tm_wday;
    out->tm_yday = in->tm_yday;
    out->tm_isdst = in->tm_isdst > 0;
}

static void tm_to_host(struct tm *out, const struct msvcrt_tm *in)
{
    memset(out, 0, sizeof(*out));
    out->tm_sec = in->tm_sec;
    out->tm_min = in->tm_min;
    out->tm_hour = in->tm_hour;
    out->tm_mday = in->tm_mday;
    out->tm_mon = in->tm_mon;
    out->tm_year = in->tm_year;
    out->tm_isdst = in->tm_isdst;
}

/* Converts t (0..max) to broken-down time; EINVAL outside the range. */
static int convert_time(struct msvcrt_tm *out, int64_t t, int64_t max, int local)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t < 0 || t > max) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (local ? !localtime_r(&tt, &tm) : !gmtime_r(&tt, &tm)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    tm_from_host(out, &tm);
    return 0;
}

#define tm_buffer (*(struct msvcrt_tm *)msvcrt_td()->tm)
_Static_assert(sizeof(struct msvcrt_tm) == sizeof(((struct msvcrt_thread_data *)0)->tm), "tm size");

static struct msvcrt_tm *convert_static(const void *t, int is64, int local)
{
    if (!t) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    int64_t v = is64 ? *(const int64_t *)t : *(const int32_t *)t;
    if (convert_time(&tm_buffer, v, is64 ? MAX_TIME64 : MAX_TIME32, local)) return NULL;
    return &tm_buffer;
}

struct msvcrt_tm * CDECL MSVCRT__localtime64(const int64_t *t) { return convert_static(t, 1, 1); }
struct msvcrt_tm * CDECL MSVCRT_localtime(const int64_t *t) { return convert_static(t, 1, 1); }
struct msvcrt_tm * CDECL MSVCRT__localtime32(const int32_t *t) { return convert_static(t, 0, 1); }
struct msvcrt_tm * CDECL MSVCRT__gmtime64(const int64_t *t) { return convert_static(t, 1, 0); }
struct msvcrt_tm * CDECL MSVCRT_gmtime(const int64_t *t) { return convert_static(t, 1, 0); }
struct msvcrt_tm * CDECL MSVCRT__gmtime32(const int32_t *t) { return convert_static(t, 0, 0); }

static int convert_s(struct msvcrt_tm *out, const void *t, int is64, int local)
{
    if (!out) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (!t) {
        memset(out, 0xff, sizeof(*out));
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    int64_t v = is64 ? *(const int64_t *)t : *(const int32_t *)t;
    int err = convert_time(out, v, is64 ? MAX_TIME64 : MAX_TIME32, local);
    if (err) memset(out, 0xff, sizeof(*out));
    return err;
}

int CDECL MSVCRT__localtime64_s(struct msvcrt_tm *out, const int64_t *t) { return convert_s(out, t, 1, 1); }
int CDECL MSVCRT__localtime32_s(struct msvcrt_tm *out, const int32_t *t) { return convert_s(out, t, 0, 1); }
int CDECL MSVCRT__gmtime64_s(struct msvcrt_tm *out, const int64_t *t) { return convert_s(out, t, 1, 0); }
int CDECL MSVCRT__gmtime32_s(struct msvcrt_tm *out, const int32_t *t) { return convert_s(out, t, 0, 0); }

/* mktime/_mkgmtime normalize *tm in place; -1 outside the range */
static int64_t make_time(struct msvcrt_tm *mtm, int64_t max, int local)
{
    struct tm tm;
    tm_to_host(&tm, mtm);
    time_t t = local ? mktime(&tm) : timegm(&tm);
    if (t == (time_t)-1 && !local) return -1;
    if (t < 0 || t > max) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    tm_from_host(mtm, &tm);
    return t;
}

int64_t CDECL MSVCRT__mktime64(struct msvcrt_tm *tm) { return make_time(tm, MAX_TIME64, 1); }
int64_t CDECL MSVCRT_mktime(struct msvcrt_tm *tm) { return make_time(tm, MAX_TIME64, 1); }
int32_t CDECL MSVCRT__mktime32(struct msvcrt_tm *tm) { return (int32_t)make_time(tm, MAX_TIME32, 1); }
int64_t CDECL MSVCRT__mkgmtime64(struct msvcrt_tm *tm) { return make_time(tm, MAX_TIME64, 0); }
int64_t CDECL MSVCRT__mkgmtime(struct msvcrt_tm *tm) { return make_time(tm, MAX_TIME64, 0); }
int32_t CDECL MSVCRT__mkgmtime32(struct msvcrt_tm *tm) { return (int32_t)make_time(tm, MAX_TIME32, 0); }

/* ---- text ---- */

static const char *const day_abbr[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const day_full[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday" };
static const char *const mon_abbr[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const mon_full[] = { "January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November",
                                        "December" };

static int tm_valid(const struct msvcrt_tm *tm)
{
    return tm->tm_sec >= 0 && tm->tm_sec <= 59 && tm->tm_min >= 0 && tm->tm_min <= 59 &&
           tm->tm_hour >= 0 && tm->tm_hour <= 23 && tm->tm_mday >= 1 && tm->tm_mday <= 31 &&
           tm->tm_mon >= 0 && tm->tm_mon <= 11 && tm->tm_wday >= 0 && tm->tm_wday <= 6 &&
           tm->tm_yday >= 0 && tm->tm_yday <= 365 && tm->tm_year >= 0;
}

static void format_asctime(char *buf, const struct msvcrt_tm *tm)
{
    char tmp[64];
    snprintf(tmp, sizeof(tmp), "%s %s %02d %02d:%02d:%02d %4d\n", day_abbr[tm->tm_wday],
             mon_abbr[tm->tm_mon], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
             tm->tm_year + 1900);
    memcpy(buf, tmp, 26);
}

char * CDECL MSVCRT_asctime(const struct msvcrt_tm *tm)
{
    char *buf = msvcrt_td()->asctime_buf;
    if (!tm || !tm_valid(tm) || tm->tm_year > 8099) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    format_asctime(buf, tm);
    return buf;
}

int CDECL MSVCRT_asctime_s(char *buf, size_t size, const struct msvcrt_tm *tm)
{
    if (!buf || size < 26 || !tm || !tm_valid(tm)) {
        if (buf && size) *buf = 0;
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    format_asctime(buf, tm);
    return 0;
}

static WCHAR *widen_static(const char *s)
{
    WCHAR *buf = msvcrt_td()->wasctime_buf;
    size_t i = 0;
    if (!s) return NULL;
    do buf[i] = (unsigned char)s[i]; while (s[i++] && i < 32);
    return buf;
}

WCHAR * CDECL MSVCRT__wasctime(const struct msvcrt_tm *tm) { return widen_static(MSVCRT_asctime(tm)); }

char * CDECL MSVCRT__ctime64(const int64_t *t)
{
    struct msvcrt_tm *tm = MSVCRT__localtime64(t);
    return tm ? MSVCRT_asctime(tm) : NULL;
}

char * CDECL MSVCRT_ctime(const int64_t *t) { return MSVCRT__ctime64(t); }

char * CDECL MSVCRT__ctime32(const int32_t *t)
{
    struct msvcrt_tm *tm = MSVCRT__localtime32(t);
    return tm ? MSVCRT_asctime(tm) : NULL;
}

WCHAR * CDECL MSVCRT__wctime64(const int64_t *t) { return widen_static(MSVCRT__ctime64(t)); }
WCHAR * CDECL MSVCRT__wctime(const int64_t *t) { return widen_static(MSVCRT__ctime64(t)); }
WCHAR * CDECL MSVCRT__wctime32(const int32_t *t) { return widen_static(MSVCRT__ctime32(t)); }

/* Formats one directive (without its '%' and '#') into out; -1 if unknown. */
static int format_directive(char *out, size_t size, char spec, int alt, const struct msvcrt_tm *tm)
{
    const char *num2 = alt ? "%d" : "%02d";
    int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    int wday = tm->tm_wday >= 0 && tm->tm_wday <= 6 ? tm->tm_wday : 0;
    int mon = tm->tm_mon >= 0 && tm->tm_mon <= 11 ? tm->tm_mon : 0;
    switch (spec) {
    case 'a': return snprintf(out, size, "%s", day_abbr[wday]);
    case 'A': return snprintf(out, size, "%s", day_full[wday]);
    case 'b': return snprintf(out, size, "%s", mon_abbr[mon]);
    case 'B': return snprintf(out, size, "%s", mon_full[mon]);
    case 'c':
        if (alt)
            return snprintf(out, size, "%s, %s %d, %d %02d:%02d:%02d", day_full[wday], mon_full[mon],
                            tm->tm_mday, tm->tm_year + 1900, tm->tm_hour, tm->tm_min, tm->tm_sec);
        return snprintf(out, size, "%02d/%02d/%02d %02d:%02d:%02d", tm->tm_mon + 1, tm->tm_mday,
                        (tm->tm_year + 1900) % 100, tm->tm_hour, tm->tm_min, tm->tm_sec);
    case 'x':
        if (alt)
            return snprintf(out, size, "%s, %s %d, %d", day_full[wday], mon_full[mon],
                            tm->tm_mday, tm->tm_year + 1900);
        return snprintf(out, size, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday,
                        (tm->tm_year + 1900) % 100);
    case 'X': return snprintf(out, size, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec);
    case 'd': return snprintf(out, size, num2, tm->tm_mday);
    case 'H': return snprintf(out, size, num2, tm->tm_hour);
    case 'I': return snprintf(out, size, num2, hour12);
    case 'j': return snprintf(out, size, alt ? "%d" : "%03d", tm->tm_yday + 1);
    case 'm': return snprintf(out, size, num2, tm->tm_mon + 1);
    case 'M': return snprintf(out, size, num2, tm->tm_min);
    case 'p': return snprintf(out, size, "%s", tm->tm_hour < 12 ? "AM" : "PM");
    case 'S': return snprintf(out, size, num2, tm->tm_sec);
    case 'U': return snprintf(out, size, num2, (tm->tm_yday + 7 - tm->tm_wday) / 7);
    case 'W': return snprintf(out, size, num2, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
    case 'w': return snprintf(out, size, "%d", tm->tm_wday);
    case 'y': return snprintf(out, size, num2, (tm->tm_year + 1900) % 100);
    case 'Y': return snprintf(out, size, "%d", tm->tm_year + 1900);
    case 'z':
    case 'Z': return snprintf(out, size, "%s", MSVCRT__tzname[tm->tm_isdst > 0]);
    case '%': return snprintf(out, size, "%%");
    }
    return -1;
}

/* The shared loop of strftime and wcsftime; T is the character type. */
#define STRFTIME_BODY(T)                                                      \
    size_t n = 0;                                                             \
    char piece[128];                                                          \
    if (!out || !max || !fmt || !tm) {                                        \
        if (out && max) *out = 0;                                             \
        msvcrt_set_errno(MSVCRT_EINVAL);                                      \
        return 0;                                                             \
    }                                                                         \
    while (*fmt) {                                                            \
        if (*fmt != '%') {                                                    \
            if (n + 1 >= max) goto too_small;                                 \
            out[n++] = *fmt++;                                                \
            continue;                                                         \
        }                                                                     \
        fmt++;                                                                \
        int alt = 0;                                                          \
        if (*fmt == '#') { alt = 1; fmt++; }                                  \
        int len = *fmt > 0x7f ? -1 :                                          \
            format_directive(piece, sizeof(piece), (char)*fmt, alt, tm);      \
        if (len < 0) {                                                        \
            *out = 0;                                                         \
            msvcrt_set_errno(MSVCRT_EINVAL);                                  \
            return 0;                                                         \
        }                                                                     \
        fmt++;                                                                \
        if (n + len >= max) goto too_small;                                   \
        for (int i = 0; i < len; i++) out[n++] = (T)(unsigned char)piece[i];  \
    }                                                                         \
    out[n] = 0;                                                               \
    return n;                                                                 \
too_small:                                                                    \
    *out = 0;                                                                 \
    msvcrt_set_errno(MSVCRT_ERANGE);                                          \
    return 0;

size_t CDECL MSVCRT_strftime(char *out, size_t max, const char *fmt, const struct msvcrt_tm *tm)
{
    STRFTIME_BODY(char)
}

size_t CDECL MSVCRT_wcsftime(WCHAR *out, size_t max, const WCHAR *fmt, const struct msvcrt_tm *tm)
{
    STRFTIME_BODY(WCHAR)
}

size_t CDECL MSVCRT__Strftime(char *out, size_t max, const char *fmt, const struct msvcrt_tm *tm, void *data)
{
    return MSVCRT_strftime(out, max, fmt, tm);
}

size_t CDECL MSVCRT__wcsftime_l(WCHAR *out, size_t max, const WCHAR *fmt, const struct msvcrt_tm *tm, void *l)
{
    return MSVCRT_wcsftime(out, max, fmt, tm);
}

static void local_now(struct tm *tm)
{
    time_t now = time(NULL);
    localtime_r(&now, tm);
}

char * CDECL MSVCRT__strdate(char *buf)
{
    struct tm tm;
    local_now(&tm);
    char tmp[48];
    snprintf(tmp, sizeof(tmp), "%02d/%02d/%02d", tm.tm_mon + 1, tm.tm_mday, tm.tm_year % 100);
    memcpy(buf, tmp, 9);
    return buf;
}

char * CDECL MSVCRT__strtime(char *buf)
{
    struct tm tm;
    local_now(&tm);
    char tmp[48];
    snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    memcpy(buf, tmp, 9);
    return buf;
}

int CDECL MSVCRT__strdate_s(char *buf, size_t size)
{
    if (buf && size) *buf = 0;
    if (!buf || !size) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EINVAL; }
    if (size < 9) { msvcrt_set_errno(MSVCRT_ERANGE); return MSVCRT_ERANGE; }
    MSVCRT__strdate(buf);
    return 0;
}

int CDECL MSVCRT__strtime_s(char *buf, size_t size)
{
    if (buf && size) *buf = 0;
    if (!buf || !size) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EINVAL; }
    if (size < 9) { msvcrt_set_errno(MSVCRT_ERANGE); return MSVCRT_ERANGE; }
    MSVCRT__strtime(buf);
    return 0;
}

static WCHAR *widen_into(WCHAR *dst, const char *src)
{
    size_t i = 0;
    do dst[i] = (unsigned char)src[i]; while (src[i++]);
    return dst;
}

WCHAR * CDECL MSVCRT__wstrdate(WCHAR *buf)
{
    char tmp[16];
    return widen_into(buf, MSVCRT__strdate(tmp));
}

WCHAR * CDECL MSVCRT__wstrtime(WCHAR *buf)
{
    char tmp[16];
    return widen_into(buf, MSVCRT__strtime(tmp));
}

/* _getsystime fills a struct tm with local time and returns the milliseconds */
unsigned int CDECL MSVCRT__getsystime(struct msvcrt_tm *out)
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    time_t now = tv.tv_sec;
    localtime_r(&now, &tm);
    tm_from_host(out, &tm);
    return (unsigned int)(tv.tv_usec / 1000);
}
