/* The printf and scanf engines of msvcrt, shared by sprintf.c and printf.c.
 *
 * Both engines are plain C (no ms_abi), so they can be unit-tested natively.
 * Arguments come as the consecutive 8-byte slots of the MS x64 variadic
 * convention: an integer is read from the low bits of its slot, a double is
 * the slot's bits, a pointer is the whole slot.  A Windows va_list is a
 * pointer to the next slot, so `struct fmt_args args = { (const uint64_t *)ap }`.
 *
 * Semantics are msvcrt.dll's (not UCRT's): 'l' is 32-bit, I64/I32/I,
 * three-digit exponents, 1.#INF00 / -1.#IND00 / 1.#QNAN0, %p as 16
 * uppercase hex digits, decimal rounding half away from zero. */
#ifndef CARAFE_MSVCRT_FORMAT_H
#define CARAFE_MSVCRT_FORMAT_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include "windef.h"

struct fmt_args {
    const uint64_t *slot;     /* next argument slot */
};

/* Where formatted output goes.  `wide` selects the unit: char or WCHAR.
 * put() receives `len` units; it returns 0, or -1 to abort formatting. */
struct fmt_sink {
    int wide;
    int (*put)(struct fmt_sink *sink, const void *units, size_t len);
};

/* Formats `format` (char or WCHAR string, per sink->wide) into the sink.
 * Returns the number of units produced, or -1 (a WCHAR string that does not
 * convert to multibyte, or put() failed). */
int fmt_printf(struct fmt_sink *sink, const void *format, struct fmt_args *args);

/* Where scanf reads from.  get() returns the next unit (byte or WCHAR) or -1
 * at end of input; unget() pushes back the unit last read. */
struct scan_source {
    int wide;
    int (*get)(struct scan_source *src);
    void (*unget)(struct scan_source *src, int c);
};

/* Scans input per `format` (char or WCHAR string, per src->wide), storing
 * through the pointers in args.  Returns the number of fields assigned, or
 * -1 (EOF) if input ended before the first conversion. */
int fmt_scanf(struct scan_source *src, const void *format, struct fmt_args *args);

/* A "C" locale object for glibc's *_l functions and uselocale(). */
locale_t fmt_c_locale(void);

/* String sinks and sources that sprintf.c and the unit test share. */
struct fmt_str_sink {
    struct fmt_sink base;
    void *buf;          /* char * or WCHAR *, may be NULL when cap == 0 */
    size_t cap;         /* units available in buf */
    size_t len;         /* units produced so far (may exceed cap) */
};
void fmt_str_sink_init(struct fmt_str_sink *s, int wide, void *buf, size_t cap);

struct scan_str_source {
    struct scan_source base;
    const void *str;
    size_t pos;
    size_t limit;       /* units readable; (size_t)-1 = up to the terminator */
};
void scan_str_source_init(struct scan_str_source *s, int wide, const void *str, size_t limit);

#endif
