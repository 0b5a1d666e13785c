/* msvcrt's printf and scanf exports that write to or read from strings:
 * sprintf, _snprintf, _scprintf, swprintf (the old form without a count),
 * _snwprintf, _scwprintf, their v-variants, sscanf, swscanf, _snscanf,
 * _snwscanf.  The work is done by the engines in format.c and scan.c. */
#include <string.h>
#include "msvcrt_private.h"
#include "format.h"

typedef __builtin_ms_va_list ms_va_list;

/* The terminator of a string sink, written when there is room for it. */
static void terminate(struct fmt_str_sink *s)
{
    if (s->len >= s->cap) return;
    if (s->base.wide) ((WCHAR *)s->buf)[s->len] = 0;
    else ((char *)s->buf)[s->len] = 0;
}

/* sprintf / swprintf: no size limit. */
static int print_unbounded(int wide, void *buf, const void *format, ms_va_list ap)
{
    struct fmt_str_sink s;
    struct fmt_args args = { (const uint64_t *)ap };
    if (!buf || !format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    fmt_str_sink_init(&s, wide, buf, (size_t)-1 / 4);
    int r = fmt_printf(&s.base, format, &args);
    terminate(&s);
    return r;
}

/* _snprintf / _snwprintf: at most `count` units; -1 when the output does
 * not fit, and no terminator when it fits exactly.  With a NULL buffer and
 * a zero count, the length the output would need. */
static int print_bounded(int wide, void *buf, size_t count, const void *format, ms_va_list ap)
{
    struct fmt_str_sink s;
    struct fmt_args args = { (const uint64_t *)ap };
    if (!format || (!buf && count)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    fmt_str_sink_init(&s, wide, buf, count);
    int r = fmt_printf(&s.base, format, &args);
    terminate(&s);
    if (r < 0) return -1;
    if (!buf) return r;
    return (size_t)r > count ? -1 : r;
}

/* _scprintf / _scwprintf: the length only. */
static int print_count(int wide, const void *format, ms_va_list ap)
{
    struct fmt_str_sink s;
    struct fmt_args args = { (const uint64_t *)ap };
    if (!format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    fmt_str_sink_init(&s, wide, NULL, 0);
    return fmt_printf(&s.base, format, &args);
}

static int scan_string(int wide, const void *str, size_t limit, const void *format, ms_va_list ap)
{
    struct scan_str_source src;
    struct fmt_args args = { (const uint64_t *)ap };
    if (!str || !format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    scan_str_source_init(&src, wide, str, limit);
    return fmt_scanf(&src.base, format, &args);
}

/* ---- narrow printf to strings ---- */

int CDECL MSVCRT_vsprintf(char *buf, const char *format, ms_va_list ap)
{
    return print_unbounded(0, buf, format, ap);
}

int CDECL MSVCRT_sprintf(char *buf, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_unbounded(0, buf, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vsnprintf(char *buf, size_t count, const char *format, ms_va_list ap)
{
    return print_bounded(0, buf, count, format, ap);
}

int CDECL MSVCRT__snprintf(char *buf, size_t count, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_bounded(0, buf, count, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vscprintf(const char *format, ms_va_list ap)
{
    return print_count(0, format, ap);
}

int CDECL MSVCRT__scprintf(const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_count(0, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- wide printf to strings ---- */

int CDECL MSVCRT_vswprintf(WCHAR *buf, const WCHAR *format, ms_va_list ap)
{
    return print_unbounded(1, buf, format, ap);
}

int CDECL MSVCRT__vswprintf(WCHAR *buf, const WCHAR *format, ms_va_list ap)
{
    return print_unbounded(1, buf, format, ap);
}

int CDECL MSVCRT_swprintf(WCHAR *buf, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_unbounded(1, buf, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__swprintf(WCHAR *buf, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_unbounded(1, buf, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *format, ms_va_list ap)
{
    return print_bounded(1, buf, count, format, ap);
}

int CDECL MSVCRT__snwprintf(WCHAR *buf, size_t count, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_bounded(1, buf, count, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vscwprintf(const WCHAR *format, ms_va_list ap)
{
    return print_count(1, format, ap);
}

int CDECL MSVCRT__scwprintf(const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_count(1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- scanf from strings ---- */

int CDECL MSVCRT_sscanf(const char *str, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_string(0, str, (size_t)-1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__snscanf(const char *str, size_t len, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_string(0, str, len, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_swscanf(const WCHAR *str, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_string(1, str, (size_t)-1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__snwscanf(const WCHAR *str, size_t len, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_string(1, str, len, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- the _l variants take a locale after the format; carafe's printf and
 * scanf know only the "C" locale, so it is ignored ---- */

int CDECL MSVCRT__vsprintf_l(char *buf, const char *format, void *locale, ms_va_list ap)
{
    return print_unbounded(0, buf, format, ap);
}

int CDECL MSVCRT__sprintf_l(char *buf, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_unbounded(0, buf, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vsnprintf_l(char *buf, size_t count, const char *format, void *locale, ms_va_list ap)
{
    return print_bounded(0, buf, count, format, ap);
}

int CDECL MSVCRT__snprintf_l(char *buf, size_t count, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_bounded(0, buf, count, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vscprintf_l(const char *format, void *locale, ms_va_list ap)
{
    return print_count(0, format, ap);
}

int CDECL MSVCRT__scprintf_l(const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_count(0, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vswprintf_l(WCHAR *buf, const WCHAR *format, void *locale, ms_va_list ap)
{
    return print_unbounded(1, buf, format, ap);
}

int CDECL MSVCRT__vsnwprintf_l(WCHAR *buf, size_t count, const WCHAR *format, void *locale, ms_va_list ap)
{
    return print_bounded(1, buf, count, format, ap);
}

int CDECL MSVCRT__snwprintf_l(WCHAR *buf, size_t count, const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_bounded(1, buf, count, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vscwprintf_l(const WCHAR *format, void *locale, ms_va_list ap)
{
    return print_count(1, format, ap);
}

int CDECL MSVCRT__scwprintf_l(const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_count(1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__sscanf_l(const char *str, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_string(0, str, (size_t)-1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__snscanf_l(const char *str, size_t len, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_string(0, str, len, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__swscanf_l(const WCHAR *str, const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_string(1, str, (size_t)-1, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__snwscanf_l(const WCHAR *str, size_t len, const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_string(1, str, len, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}
