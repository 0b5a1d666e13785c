/* msvcrt's printf and scanf exports on FILEs: printf, fprintf, wprintf,
 * fwprintf, their v-variants, scanf, fscanf, wscanf, fwscanf.  The FILE is
 * locked for the whole call; bytes go through msvcrt_fwrite_locked and
 * WCHARs through msvcrt_fputwc_locked (which converts for text mode). */
#include "msvcrt_private.h"
#include "format.h"

typedef __builtin_ms_va_list ms_va_list;

#define MSVCRT_stdin  (&msvcrt_iob[0])
#define MSVCRT_stdout (&msvcrt_iob[1])

struct file_sink {
    struct fmt_sink base;
    MSVCRT_FILE *file;
};

static int file_put(struct fmt_sink *sink, const void *units, size_t len)
{
    MSVCRT_FILE *file = ((struct file_sink *)sink)->file;
    if (!sink->wide)
        return msvcrt_fwrite_locked(units, len, file) == (int)len ? 0 : -1;
    const WCHAR *w = units;
    for (size_t i = 0; i < len; i++)
        if (msvcrt_fputwc_locked(w[i], file) == MSVCRT_WEOF) return -1;
    return 0;
}

static int print_file(int wide, MSVCRT_FILE *file, const void *format, ms_va_list ap)
{
    struct file_sink sink = { { wide, file_put }, file };
    struct fmt_args args = { (const uint64_t *)ap };
    if (!file || !format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    msvcrt_lock_file(file);
    int r = fmt_printf(&sink.base, format, &args);
    msvcrt_unlock_file(file);
    return r;
}

struct file_source {
    struct scan_source base;
    MSVCRT_FILE *file;
};

static int file_get(struct scan_source *src)
{
    MSVCRT_FILE *file = ((struct file_source *)src)->file;
    if (src->wide) {
        unsigned int c = msvcrt_fgetwc_locked(file);
        return c == MSVCRT_WEOF ? -1 : (int)c;
    }
    int c = msvcrt_fgetc_locked(file);
    return c == MSVCRT_EOF ? -1 : (c & 0xff);
}

static void file_unget(struct scan_source *src, int c)
{
    MSVCRT_FILE *file = ((struct file_source *)src)->file;
    if (src->wide) msvcrt_ungetwc_locked((unsigned int)c, file);
    else msvcrt_ungetc_locked(c, file);
}

static int scan_file(int wide, MSVCRT_FILE *file, const void *format, ms_va_list ap)
{
    struct file_source src = { { wide, file_get, file_unget }, file };
    struct fmt_args args = { (const uint64_t *)ap };
    if (!file || !format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    msvcrt_lock_file(file);
    int r = fmt_scanf(&src.base, format, &args);
    msvcrt_unlock_file(file);
    return r;
}

/* ---- narrow printf ---- */

int CDECL MSVCRT_vfprintf(MSVCRT_FILE *file, const char *format, ms_va_list ap)
{
    return print_file(0, file, format, ap);
}

int CDECL MSVCRT_fprintf(MSVCRT_FILE *file, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_file(0, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_vprintf(const char *format, ms_va_list ap)
{
    return print_file(0, MSVCRT_stdout, format, ap);
}

int CDECL MSVCRT_printf(const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_file(0, MSVCRT_stdout, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- wide printf ---- */

int CDECL MSVCRT_vfwprintf(MSVCRT_FILE *file, const WCHAR *format, ms_va_list ap)
{
    return print_file(1, file, format, ap);
}

int CDECL MSVCRT_fwprintf(MSVCRT_FILE *file, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_file(1, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_vwprintf(const WCHAR *format, ms_va_list ap)
{
    return print_file(1, MSVCRT_stdout, format, ap);
}

int CDECL MSVCRT_wprintf(const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = print_file(1, MSVCRT_stdout, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- scanf on FILEs ---- */

int CDECL MSVCRT_fscanf(MSVCRT_FILE *file, const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_file(0, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_scanf(const char *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_file(0, MSVCRT_stdin, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_fwscanf(MSVCRT_FILE *file, const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_file(1, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT_wscanf(const WCHAR *format, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    int r = scan_file(1, MSVCRT_stdin, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

/* ---- the _l variants: the locale is ignored (only the "C" locale) ---- */

int CDECL MSVCRT__vfprintf_l(MSVCRT_FILE *file, const char *format, void *locale, ms_va_list ap)
{
    return print_file(0, file, format, ap);
}

int CDECL MSVCRT__fprintf_l(MSVCRT_FILE *file, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_file(0, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__vfwprintf_l(MSVCRT_FILE *file, const WCHAR *format, void *locale, ms_va_list ap)
{
    return print_file(1, file, format, ap);
}

int CDECL MSVCRT__fwprintf_l(MSVCRT_FILE *file, const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = print_file(1, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__fscanf_l(MSVCRT_FILE *file, const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_file(0, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__scanf_l(const char *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_file(0, MSVCRT_stdin, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__fwscanf_l(MSVCRT_FILE *file, const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_file(1, file, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int CDECL MSVCRT__wscanf_l(const WCHAR *format, void *locale, ...)
{
    ms_va_list ap;
    __builtin_ms_va_start(ap, locale);
    int r = scan_file(1, MSVCRT_stdin, format, ap);
    __builtin_ms_va_end(ap);
    return r;
}
