/* The scanf engine of msvcrt: one parser for narrow and wide formats,
 * input through a scan_source (see format.h).
 *
 * Behaviour follows msvcrt.dll as Wine reproduces it: an input that is
 * empty from the start gives EOF; h stores a short but hh an int, 'l' stores a
 * 32-bit integer or a double, I64/ll store 64 bits; integers wrap instead of
 * saturating; %x accepts a 0x prefix but then needs a digit; %p reads bare
 * hex digits; floats are decimal only (no inf, nan or hex), and a float
 * that fails after taking characters ("-x", "1e") ends the scan with EOF if
 * nothing was assigned yet; %[ takes a leading ']' and a trailing '-'
 * literally, and an empty match still stores the terminator. */
#include <stdlib.h>
#include <string.h>
#include "format.h"

enum scan_size { SS_INT, SS_SHORT, SS_LONG, SS_64 };
enum scan_kind { SK_DEFAULT, SK_NARROW, SK_WIDE };

struct in {
    struct scan_source *src;
    long count;         /* units consumed, for %n */
};

static int in_get(struct in *in)
{
    int c = in->src->get(in->src);
    if (c < 0) return -1;
    in->count++;
    return c;
}

static void in_unget(struct in *in, int c)
{
    if (c < 0) return;
    in->src->unget(in->src, c);
    in->count--;
}

/* Reads one unit of a field limited to *left units (-1: no limit). */
static int field_get(struct in *in, int *left)
{
    if (*left == 0) return -1;
    if (*left > 0) (*left)--;
    return in_get(in);
}

static int is_space(unsigned c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void skip_space(struct in *in)
{
    int c;
    while ((c = in_get(in)) >= 0 && is_space(c)) ;
    in_unget(in, c);
}

static unsigned fch(const void *fmt, int wide, size_t i)
{
    return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

static void *next_ptr(struct fmt_args *args)
{
    return (void *)(uintptr_t)*args->slot++;
}

static int digit_value(int c, unsigned base)
{
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return -1;
    return (unsigned)v < base ? v : -1;
}

/* Returns 1 and the value, or 0 on a matching failure. */
static int scan_integer(struct in *in, unsigned conv, int width, uint64_t *out)
{
    int left = width ? width : -1;
    unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
    int negative = 0, ndigits = 0, d;
    uint64_t v = 0;
    int c = field_get(in, &left);

    if (c == '-' || c == '+') {
        negative = c == '-';
        c = field_get(in, &left);
    }
    if (c == '0' && (conv == 'i' || conv == 'x' || conv == 'X')) {
        int c2 = field_get(in, &left);
        if (c2 == 'x' || c2 == 'X') {
            base = 16;
            c = field_get(in, &left);
            if (digit_value(c, base) < 0) {
                in_unget(in, c);
                return 0;
            }
        } else {
            if (conv == 'i') base = 8;
            ndigits = 1;
            c = c2;
        }
    }
    while ((d = digit_value(c, base)) >= 0) {
        v = v * base + d;
        ndigits++;
        c = field_get(in, &left);
    }
    in_unget(in, c);
    if (!ndigits) return 0;
    *out = negative ? -v : v;
    return 1;
}

/* Collects a decimal floating-point number.  Returns 1 and the value,
 * 0 when nothing matched, -1 when it failed after taking characters (a lone
 * sign or point, an exponent without digits): msvcrt then returns EOF
 * unless a field was already assigned. */
static int scan_float(struct in *in, int width, double *out)
{
    char buf[512];
    size_t n = 0;
    int left = width ? width : -1, ndigits = 0;
    int c = field_get(in, &left);

#define KEEP(ch) do { if (n < sizeof(buf) - 1) buf[n++] = (char)(ch); } while (0)
    if (c == '-' || c == '+') { KEEP(c); c = field_get(in, &left); }
    while (c >= '0' && c <= '9') { KEEP(c); ndigits++; c = field_get(in, &left); }
    if (c == '.') {
        KEEP(c);
        c = field_get(in, &left);
        while (c >= '0' && c <= '9') { KEEP(c); ndigits++; c = field_get(in, &left); }
    }
    if (!ndigits) {
        in_unget(in, c);
        return n ? -1 : 0;
    }
    if (c == 'e' || c == 'E') {
        int edigits = 0;
        KEEP(c);
        c = field_get(in, &left);
        if (c == '-' || c == '+') { KEEP(c); c = field_get(in, &left); }
        while (c >= '0' && c <= '9') { KEEP(c); edigits++; c = field_get(in, &left); }
        if (!edigits) {
            in_unget(in, c);
            return -1;
        }
    }
#undef KEEP
    in_unget(in, c);
    buf[n] = 0;
    *out = strtod_l(buf, NULL, fmt_c_locale());
    return 1;
}

/* Is c in the scanset that starts after '[' at fmt[start] and ends at fmt[end] (the ']')? */
static int in_scanset(const void *fmt, int wide, size_t start, size_t end, unsigned c)
{
    int negate = fch(fmt, wide, start) == '^';
    size_t i = start + negate;
    int found = 0;
    for (size_t first = i; i < end; i++) {
        unsigned a = fch(fmt, wide, i);
        if (i + 2 < end && i != first && fch(fmt, wide, i + 1) == '-') {
            unsigned b = fch(fmt, wide, i + 2);
            unsigned lo = a < b ? a : b, hi = a < b ? b : a;
            if (c >= lo && c <= hi) found = 1;
            i += 2;
        } else if (i + 2 < end && i == first && fch(fmt, wide, i + 1) == '-') {
            unsigned b = fch(fmt, wide, i + 2);
            if (c >= a && c <= b) found = 1;
            i += 2;
        } else if (a == c) {
            found = 1;
        }
    }
    return found != negate;
}

/* Finds the ']' closing a scanset starting at fmt[start]; 0 if none. */
static size_t scanset_end(const void *fmt, int wide, size_t start)
{
    size_t i = start;
    if (fch(fmt, wide, i) == '^') i++;
    if (fch(fmt, wide, i) == ']') i++;
    for (; fch(fmt, wide, i); i++)
        if (fch(fmt, wide, i) == ']') return i;
    return 0;
}

static void store_unit(void *dst, size_t idx, int wide_dst, int c)
{
    if (wide_dst) ((WCHAR *)dst)[idx] = (WCHAR)c;
    else ((char *)dst)[idx] = (char)c;
}

static void store_int(void *p, enum scan_size size, uint64_t v)
{
    if (size == SS_SHORT) *(int16_t *)p = (int16_t)v;
    else if (size == SS_64) *(int64_t *)p = (int64_t)v;
    else *(int32_t *)p = (int32_t)v;
}

int fmt_scanf(struct scan_source *src, const void *format, struct fmt_args *args)
{
    struct in in = { src, 0 };
    int wide = src->wide;
    int assigned = 0;
    size_t i = 0;
    unsigned f;
    int c = in_get(&in);

    if (c < 0) return -1;
    in_unget(&in, c);

    while ((f = fch(format, wide, i))) {
        if (is_space(f)) {
            skip_space(&in);
            i++;
            continue;
        }
        if (f != '%' || fch(format, wide, i + 1) == '%') {
            if (f == '%') i++;
            c = in_get(&in);
            if (c != (int)f) {
                in_unget(&in, c);
                break;
            }
            i++;
            continue;
        }

        /* a conversion */
        int suppress = 0, width = 0;
        enum scan_size size = SS_INT;
        enum scan_kind kind = SK_DEFAULT;
        f = fch(format, wide, ++i);
        if (f == '*') { suppress = 1; f = fch(format, wide, ++i); }
        while (f >= '0' && f <= '9') {
            if (width < 100000000) width = width * 10 + (f - '0');
            f = fch(format, wide, ++i);
        }
        for (;; f = fch(format, wide, ++i)) {
            if (f == 'h') {
                /* "hh" stores a whole int, as msvcrt does */
                if (fch(format, wide, i + 1) == 'h') { size = SS_INT; i++; }
                else size = SS_SHORT;
                kind = SK_NARROW;
            }
            else if (f == 'l') {
                if (fch(format, wide, i + 1) == 'l') { size = SS_64; i++; }
                else { size = SS_LONG; kind = SK_WIDE; }
            }
            else if (f == 'w') { size = SS_LONG; kind = SK_WIDE; }
            else if (f == 'L') size = SS_64;
            else if (f == 'j' || f == 'z' || f == 't') size = SS_64;
            else if (f == 'F' || f == 'N') continue;
            else if (f == 'I') {
                unsigned c1 = fch(format, wide, i + 1), c2 = c1 ? fch(format, wide, i + 2) : 0;
                if (c1 == '6' && c2 == '4') { size = SS_64; i += 2; }
                else if (c1 == '3' && c2 == '2') { size = SS_LONG; i += 2; }
                else size = SS_64;
            }
            else break;
        }
        i++;    /* past the conversion character f */

        switch (f) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
            uint64_t v;
            skip_space(&in);
            if (!scan_integer(&in, f, width, &v)) goto done;
            if (!suppress) {
                store_int(next_ptr(args), f == 'p' ? SS_64 : size, v);
                assigned++;
            }
            break;
        }
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A': {
            double d;
            skip_space(&in);
            int r = scan_float(&in, width, &d);
            if (r < 0) return assigned ? assigned : -1;
            if (!r) goto done;
            if (!suppress) {
                void *p = next_ptr(args);
                if (size == SS_LONG || size == SS_64) *(double *)p = d;
                else *(float *)p = (float)d;
                assigned++;
            }
            break;
        }
        case 's': case 'S': case 'c': case 'C': case '[': {
            int upper = f == 'S' || f == 'C';
            int wide_dst = kind == SK_WIDE ? 1 : kind == SK_NARROW ? 0 : upper ? !wide : wide;
            int is_c = f == 'c' || f == 'C';
            size_t set_start = 0, set_end = 0;
            if (f == '[') {
                set_start = i;
                set_end = scanset_end(format, wide, i);
                if (!set_end) goto done;
                i = set_end + 1;
            }
            int left = width ? width : is_c ? 1 : -1;
            void *dst = suppress ? NULL : next_ptr(args);
            size_t n = 0;
            if (f == 's' || f == 'S') skip_space(&in);
            while ((c = field_get(&in, &left)) >= 0) {
                if (f == '[' ? !in_scanset(format, wide, set_start, set_end, c)
                             : !is_c && is_space(c)) {
                    in_unget(&in, c);
                    break;
                }
                if (dst) store_unit(dst, n, wide_dst, c);
                n++;
            }
            if (!n) {
                if (dst && f == '[') store_unit(dst, 0, wide_dst, 0);   /* as msvcrt does */
                goto done;
            }
            if (dst) {
                if (!is_c) store_unit(dst, n, wide_dst, 0);
                assigned++;
            }
            break;
        }
        case 'n':
            if (!suppress) store_int(next_ptr(args), size, (uint64_t)in.count);
            break;
        default:
            goto done;
        }
    }
done:
    return assigned;
}

/* ---- string source ---- */

static int str_get(struct scan_source *src)
{
    struct scan_str_source *s = (struct scan_str_source *)src;
    if (s->pos >= s->limit) return -1;
    unsigned c = src->wide ? ((const WCHAR *)s->str)[s->pos]
                           : ((const unsigned char *)s->str)[s->pos];
    if (!c) return -1;
    s->pos++;
    return (int)c;
}

static void str_unget(struct scan_source *src, int c)
{
    struct scan_str_source *s = (struct scan_str_source *)src;
    if (s->pos) s->pos--;
}

void scan_str_source_init(struct scan_str_source *s, int wide, const void *str, size_t limit)
{
    s->base.wide = wide;
    s->base.get = str_get;
    s->base.unget = str_unget;
    s->str = str;
    s->pos = 0;
    s->limit = limit;
}
