/* The printf engine of msvcrt: one parser for narrow and wide formats,
 * output through a fmt_sink (see format.h).
 *
 * Behaviour follows msvcrt.dll as Wine reproduces it: 'l' is 32-bit,
 * I64/I32/I/j/z/t size prefixes, h and hh both mean short, F and N are
 * ignored (so is L: long double is double), an unknown conversion character is printed as itself (without
 * padding), %p is 16 uppercase hex digits, exponents have at least three
 * digits, decimal rounding is half away from zero on the exact binary value,
 * and infinities and NaNs print as 1.#INF / -1.#IND / 1.#QNAN run through
 * the same precision rounding as digits (so "%.2f" of infinity is "1.#J").
 * The digits of finite doubles come from glibc's exact conversion.
 *
 * Not reproduced, as they look like accidents of Wine's implementation
 * rather than Windows behaviour: Wine's padding of left-justified %a
 * (spaces before the exponent), of width on %e/%a infinities and NaNs, of
 * "%5lc" with an unconvertible character, and "%.3p" printing only zeros. */
#include <fenv.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"

/* glibc's conversions run in the "C" locale whatever the process's locale
 * is, so the decimal point is always '.'. */
locale_t fmt_c_locale(void)
{
    static locale_t c_locale;
    locale_t loc = __atomic_load_n(&c_locale, __ATOMIC_ACQUIRE);
    if (!loc) {
        locale_t fresh = newlocale(LC_ALL_MASK, "C", (locale_t)0), expected = 0;
        if (__atomic_compare_exchange_n(&c_locale, &expected, fresh, 0,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            loc = fresh;
        else {
            freelocale(fresh);
            loc = expected;
        }
    }
    return loc;
}

enum int_size { SZ_INT, SZ_SHORT, SZ_LONG, SZ_64 };

/* Widths and precisions written in the format stop growing here (no overflow). */
#define FIELD_MAX 100000000
enum char_kind { CK_DEFAULT, CK_NARROW, CK_WIDE };

struct spec {
    int left, plus, space, alt, zero;
    int width;              /* 0 when absent */
    int prec;               /* -1 when absent */
    enum int_size size;
    enum char_kind ck;
    unsigned conv;
};

struct out {
    struct fmt_sink *sink;
    long count;
    int error;
};

/* ---- output ---- */

static void out_units(struct out *o, const void *units, size_t n)
{
    if (o->error || !n) return;
    if (o->sink->put(o->sink, units, n) < 0) o->error = 1;
    else o->count += n;
}

/* Bytes (ASCII, or narrow-string text) to the sink; a wide sink gets each
 * byte as the WCHAR of the same value, as msvcrt's "C" locale maps them. */
static void out_bytes(struct out *o, const char *s, size_t n)
{
    if (!o->sink->wide) {
        out_units(o, s, n);
        return;
    }
    WCHAR tmp[128];
    while (n && !o->error) {
        size_t chunk = n < 128 ? n : 128;
        for (size_t i = 0; i < chunk; i++) tmp[i] = (unsigned char)s[i];
        out_units(o, tmp, chunk);
        s += chunk;
        n -= chunk;
    }
}

/* WCHARs to the sink; a narrow sink needs each below 256 (the "C" locale),
 * the caller has checked that with wide_fits_narrow(). */
static void out_wchars(struct out *o, const WCHAR *s, size_t n)
{
    if (o->sink->wide) {
        out_units(o, s, n);
        return;
    }
    char tmp[128];
    while (n && !o->error) {
        size_t chunk = n < 128 ? n : 128;
        for (size_t i = 0; i < chunk; i++) tmp[i] = (char)s[i];
        out_units(o, tmp, chunk);
        s += chunk;
        n -= chunk;
    }
}

static int wide_fits_narrow(const WCHAR *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] > 0xff) return 0;
    return 1;
}

static void out_repeat(struct out *o, char c, int n)
{
    char tmp[64];
    memset(tmp, c, sizeof(tmp));
    while (n > 0 && !o->error) {
        int chunk = n < 64 ? n : 64;
        out_bytes(o, tmp, chunk);
        n -= chunk;
    }
}

/* Pads around a field of `len` units whose text the caller writes between
 * pad_before() and pad_after().  Zero padding goes after the prefix. */
static int pad_count(const struct spec *sp, size_t len)
{
    return sp->width > 0 && (size_t)sp->width > len ? sp->width - (int)len : 0;
}

/* prefix (sign, 0x) + `zeros` '0's + body, padded per width and flags. */
static void out_field_zeros(struct out *o, const struct spec *sp, const char *prefix,
                            int zeros, const char *body, size_t bodylen)
{
    size_t plen = strlen(prefix);
    int pad = pad_count(sp, plen + zeros + bodylen);
    if (!sp->left && !sp->zero) out_repeat(o, ' ', pad);
    out_bytes(o, prefix, plen);
    if (!sp->left && sp->zero) out_repeat(o, '0', pad);
    out_repeat(o, '0', zeros);
    out_bytes(o, body, bodylen);
    if (sp->left) out_repeat(o, ' ', pad);
}

static void out_field(struct out *o, const struct spec *sp, const char *prefix,
                      const char *body, size_t bodylen)
{
    out_field_zeros(o, sp, prefix, 0, body, bodylen);
}

/* ---- arguments ---- */

static uint64_t next_slot(struct fmt_args *args)
{
    return *args->slot++;
}

static int next_int(struct fmt_args *args)
{
    return (int)(uint32_t)next_slot(args);
}

static double next_double(struct fmt_args *args)
{
    uint64_t bits = next_slot(args);
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

/* ---- integers ---- */

static void format_integer(struct out *o, const struct spec *sp, struct fmt_args *args)
{
    uint64_t raw = next_slot(args), v;
    int is_signed = sp->conv == 'd' || sp->conv == 'i';
    int negative = 0;
    unsigned base = 10;
    const char *digits = "0123456789abcdef";
    char prefix[4] = "";
    char buf[80];
    int prec = sp->prec;

    switch (sp->size) {
    case SZ_SHORT: v = is_signed ? (uint64_t)(int64_t)(int16_t)raw : (uint16_t)raw; break;
    case SZ_64: v = raw; break;
    default: v = is_signed ? (uint64_t)(int64_t)(int32_t)raw : (uint32_t)raw; break;
    }
    if (is_signed && (int64_t)v < 0) {
        negative = 1;
        v = -v;
    }
    if (sp->conv == 'o') base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') base = 16;
    if (sp->conv == 'X' || sp->conv == 'p') digits = "0123456789ABCDEF";
    if (sp->conv == 'p') {
        if (prec < 0) prec = 16;
        if (sp->alt) strcpy(prefix, "0X");
    }

    char *end = buf + sizeof(buf), *p = end;
    int zeros = 0;
    for (uint64_t t = v; t; t /= base) *--p = digits[t % base];
    if (prec >= 0 && end - p < prec) zeros = prec - (int)(end - p);
    if (prec < 0 && p == end) *--p = '0';   /* zero with default precision */

    if (is_signed) {
        if (negative) strcpy(prefix, "-");
        else if (sp->plus) strcpy(prefix, "+");
        else if (sp->space) strcpy(prefix, " ");
    } else if (sp->alt && v) {
        if (sp->conv == 'x') strcpy(prefix, "0x");
        else if (sp->conv == 'X') strcpy(prefix, "0X");
    }
    if (sp->conv == 'o' && sp->alt && v && !zeros && *p != '0') *--p = '0';
    out_field_zeros(o, sp, prefix, zeros, p, end - p);
}

/* ---- floating point ---- */

/* Text that msvcrt prints for a non-finite value after "1.". */
static const char *special_text(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof(bits));
    uint64_t mant = bits & 0xfffffffffffffULL;
    if (!mant) return "#INF";
    return bits >> 63 ? "#IND" : "#QNAN";   /* any negative NaN is "indefinite" */
}

/* Keeps `keep` characters of `text`, padded with '0' when `pad`, rounding
 * the last kept character up (as a character code) when the next is >= '5'. */
static size_t round_text(char *dst, const char *text, int keep, int pad)
{
    int len = (int)strlen(text);
    if (keep >= len) {
        memcpy(dst, text, len);
        if (!pad) return len;
        memset(dst + len, '0', keep - len);
        return keep;
    }
    memcpy(dst, text, keep);
    if (keep > 0 && text[keep] >= '5') dst[keep - 1]++;
    return keep;
}

/* Writes the body (no sign) of a non-finite value into buf, returns its length. */
static size_t format_special(char *buf, const struct spec *sp, double d)
{
    const char *text = special_text(d);
    unsigned c = sp->conv;
    size_t n = 0;
    int upper = c == 'E' || c == 'G' || c == 'A';

    if (c == 'a' || c == 'A') {
        memcpy(buf, upper ? "0X1." : "0x1.", 4);
        n = 4 + round_text(buf + 4, text, sp->prec < 0 ? 13 : sp->prec, 1);
        memcpy(buf + n, upper ? "P+0" : "p+0", 3);
        return n + 3;
    }
    buf[n++] = '1';
    if (c == 'g' || c == 'G') {
        /* precision 0 keeps the whole text here, unlike for finite values */
        int keep = sp->prec < 0 ? 5 : sp->prec ? sp->prec - 1 : (int)strlen(text);
        /* '#' with an explicit precision keeps the trailing zeros */
        size_t f = round_text(buf + n + 1, text, keep, sp->alt && sp->prec > 0);
        if (f) {
            buf[n] = '.';
            n += f + 1;
        }
        return n;
    }
    int p = sp->prec < 0 ? 6 : sp->prec;
    if (p > 0) buf[n++] = '.';      /* '#' adds no point here */
    n += round_text(buf + n, text, p, 1);
    if (c == 'e' || c == 'E') {
        memcpy(buf + n, c == 'e' ? "e+000" : "E+000", 5);
        n += 5;
    }
    return n;
}

/* Decimal digits of finite ax >= 0 as glibc's "%.*e" or "%.*f" (style),
 * rounded to `prec` places half away from zero instead of half to even.
 * Returns a malloc'd string, NULL on allocation failure. */
static char *decimal_text_c(double ax, int prec, char style)
{
    const char *fmt = style == 'e' ? "%.*e" : "%.*f";
    int len = snprintf(NULL, 0, fmt, prec + 1, ax);
    char *s = malloc(len + 1);
    if (!s) return NULL;
    snprintf(s, len + 1, fmt, prec + 1, ax);

    /* One more digit than wanted: a '5' there may be an exact tie. */
    char *last = style == 'e' ? strchr(s, 'e') - 1 : s + len - 1;
    int tie = 0;
    if (*last == '5') {
        /* Exact expansion: a double has under 1100 significant or
         * fractional decimal digits. */
        int xlen = snprintf(NULL, 0, fmt, prec + 1100, ax);
        char *x = malloc(xlen + 1);
        if (!x) { free(s); return NULL; }
        snprintf(x, xlen + 1, fmt, prec + 1100, ax);
        const char *t = x + (last - s) + 1;
        tie = 1;
        for (; *t >= '0' && *t <= '9'; t++)
            if (*t != '0') { tie = 0; break; }
        free(x);
    }
    free(s);

    if (tie) fesetround(FE_UPWARD);
    len = snprintf(NULL, 0, fmt, prec, ax);
    s = malloc(len + 8);
    if (s) snprintf(s, len + 1, fmt, prec, ax);
    if (tie) fesetround(FE_TONEAREST);
    return s;
}

/* decimal_text_c in the "C" locale and round-to-nearest mode (glibc honours
 * the rounding mode the program may have set; msvcrt's printf does not). */
static char *decimal_text(double ax, int prec, char style)
{
    locale_t old_locale = uselocale(fmt_c_locale());
    int saved = fegetround();
    if (saved != FE_TONEAREST) fesetround(FE_TONEAREST);
    char *s = decimal_text_c(ax, prec, style);
    if (saved != FE_TONEAREST) fesetround(saved);
    uselocale(old_locale);
    return s;
}

/* glibc's exponent (at least two digits) becomes msvcrt's (at least three). */
static void widen_exponent(char *s, char e)
{
    char *p = strchr(s, 'e');
    if (!p) return;
    *p = e;
    char *digits = p + 2;
    size_t nd = strlen(digits);
    if (nd < 3) {
        memmove(digits + 1, digits, nd + 1);
        digits[0] = '0';
    }
}

static char *format_e(double ax, int prec, int alt, char e)
{
    char *s = decimal_text(ax, prec, 'e');
    if (!s) return NULL;
    if (alt && !prec) {
        /* "%#.0e": a point after the single digit */
        memmove(s + 2, s + 1, strlen(s + 1) + 1);
        s[1] = '.';
    }
    widen_exponent(s, e);
    return s;
}

static char *format_f(double ax, int prec, int alt)
{
    char *s = decimal_text(ax, prec, 'f');
    if (s && alt && !prec) strcat(s, ".");
    return s;
}

/* Drops trailing zeros of the fraction (and a bare point), keeping any exponent. */
static void strip_zeros(char *s)
{
    char *point = strchr(s, '.');
    if (!point) return;
    char *exp = point + strcspn(point, "eE");
    char *p = exp;
    while (p > point + 1 && p[-1] == '0') p--;
    if (p == point + 1) p = point;
    memmove(p, exp, strlen(exp) + 1);
}

static char *format_g(double ax, int prec, int alt, char e)
{
    int p = prec < 0 ? 6 : prec ? prec : 1;
    char *s = decimal_text(ax, p - 1, 'e');
    if (!s) return NULL;
    int x = atoi(strchr(s, 'e') + 1);
    free(s);
    if (x < -4 || x >= p) s = format_e(ax, p - 1, alt, e);
    else s = format_f(ax, p - 1 - x, alt);
    if (s && !alt) strip_zeros(s);
    return s;
}

/* The digits of "%a" after its "0x" (which the caller puts in the prefix,
 * ahead of any zero padding). */
static char *format_a(double d, int prec, int alt, int upper)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof(bits));
    uint64_t mant = bits & 0xfffffffffffffULL;
    int bexp = (int)((bits >> 52) & 0x7ff);
    int lead = bexp ? 1 : 0;
    int exp = bexp ? bexp - 1023 : (mant ? -1022 : 0);
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    if (prec < 0) prec = 13;

    int shown = prec < 13 ? prec : 13;
    if (shown < 13) {
        int shift = 4 * (13 - shown);
        uint64_t rem = mant & ((1ULL << shift) - 1);
        mant >>= shift;
        if (rem >= 1ULL << (shift - 1)) mant++;          /* half away from zero */
        if (shown < 16 && mant >> (4 * shown)) {          /* carry into the lead digit */
            lead++;
            mant &= (1ULL << (4 * shown)) - 1;
        }
    }
    char *s = malloc(prec + 32);
    if (!s) return NULL;
    char *p = s;
    *p++ = digits[lead];
    if (prec > 0 || alt) *p++ = '.';
    for (int i = shown - 1; i >= 0; i--) *p++ = digits[(mant >> (4 * i)) & 0xf];
    for (int i = shown; i < prec; i++) *p++ = '0';
    sprintf(p, "%c%+d", upper ? 'P' : 'p', exp);
    return s;
}

static void format_float(struct out *o, const struct spec *sp, struct fmt_args *args)
{
    double d = next_double(args);
    unsigned c = sp->conv;
    const char *sign = signbit(d) ? "-" : sp->plus ? "+" : sp->space ? " " : "";
    double ax = fabs(d);
    char *body, prefix[4];

    strcpy(prefix, sign);
    if (isfinite(d) && (c == 'a' || c == 'A')) strcat(prefix, c == 'a' ? "0x" : "0X");

    if (!isfinite(d)) {
        int p = sp->prec < 0 ? 13 : sp->prec;
        body = malloc(p + 32);
        if (!body) { o->error = 1; return; }
        size_t n = format_special(body, sp, d);
        out_field(o, sp, prefix, body, n);
        free(body);
        return;
    }
    switch (c) {
    case 'e': case 'E': body = format_e(ax, sp->prec < 0 ? 6 : sp->prec, sp->alt, c); break;
    case 'f': body = format_f(ax, sp->prec < 0 ? 6 : sp->prec, sp->alt); break;
    case 'g': case 'G': body = format_g(ax, sp->prec, sp->alt, c == 'g' ? 'e' : 'E'); break;
    default: body = format_a(ax, sp->prec, sp->alt, c == 'A'); break;
    }
    if (!body) { o->error = 1; return; }
    out_field(o, sp, prefix, body, strlen(body));
    free(body);
}

/* ---- characters and strings ---- */

static int arg_is_wide(const struct spec *sp, int sink_wide)
{
    if (sp->ck == CK_NARROW) return 0;
    if (sp->ck == CK_WIDE) return 1;
    int upper = sp->conv == 'S' || sp->conv == 'C';
    return upper ? !sink_wide : sink_wide;
}

static void format_char(struct out *o, const struct spec *sp, struct fmt_args *args)
{
    uint64_t raw = next_slot(args);
    int pad;
    if (arg_is_wide(sp, o->sink->wide)) {
        WCHAR wc = (WCHAR)raw;
        if (!o->sink->wide && wc > 0xff) return;   /* unconvertible: nothing at all */
        pad = pad_count(sp, 1);
        if (!sp->left) out_repeat(o, sp->zero ? '0' : ' ', pad);
        out_wchars(o, &wc, 1);
    } else {
        char ch = (char)raw;
        pad = pad_count(sp, 1);
        if (!sp->left) out_repeat(o, sp->zero ? '0' : ' ', pad);
        out_bytes(o, &ch, 1);
    }
    if (sp->left) out_repeat(o, ' ', pad);
}

/* Returns -1 when a WCHAR string does not convert to the narrow output. */
static int format_string(struct out *o, const struct spec *sp, struct fmt_args *args)
{
    const void *str = (const void *)(uintptr_t)next_slot(args);
    int wide = arg_is_wide(sp, o->sink->wide);
    size_t n = 0;

    if (!str) {
        str = "(null)";
        wide = 0;
    }
    if (wide) {
        const WCHAR *w = str;
        while ((sp->prec < 0 || n < (size_t)sp->prec) && w[n]) n++;
        if (!o->sink->wide && !wide_fits_narrow(w, n)) return -1;
    } else {
        const char *s = str;
        while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n]) n++;
    }
    int pad = pad_count(sp, n);
    if (!sp->left) out_repeat(o, sp->zero ? '0' : ' ', pad);
    if (wide) out_wchars(o, str, n);
    else out_bytes(o, str, n);
    if (sp->left) out_repeat(o, ' ', pad);
    return 0;
}

static void store_count(const struct spec *sp, struct fmt_args *args, long count)
{
    void *p = (void *)(uintptr_t)next_slot(args);
    if (!p) return;
    if (sp->size == SZ_SHORT) *(int16_t *)p = (int16_t)count;
    else if (sp->size == SZ_64) *(int64_t *)p = count;
    else *(int32_t *)p = (int32_t)count;
}

/* ---- the parser ---- */

static unsigned fch(const void *fmt, int wide, size_t i)
{
    return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

/* Parses flags, width, precision and size after '%' from position *pos;
 * leaves *pos on the conversion character. */
static void parse_spec(const void *fmt, int wide, size_t *pos, struct spec *sp,
                       struct fmt_args *args)
{
    size_t i = *pos;
    unsigned c;
    memset(sp, 0, sizeof(*sp));
    sp->prec = -1;

    for (;; i++) {
        c = fch(fmt, wide, i);
        if (c == '-') sp->left = 1;
        else if (c == '+') sp->plus = 1;
        else if (c == ' ') sp->space = 1;
        else if (c == '#') sp->alt = 1;
        else if (c == '0') sp->zero = 1;
        else break;
    }
    if (c == '*') {
        int w = next_int(args);
        if (w < 0) { sp->left = 1; w = w == INT32_MIN ? INT32_MAX : -w; }
        sp->width = w;
        c = fch(fmt, wide, ++i);
    } else {
        while (c >= '0' && c <= '9') {
            if (sp->width < FIELD_MAX) sp->width = sp->width * 10 + (c - '0');
            c = fch(fmt, wide, ++i);
        }
    }
    if (c == '.') {
        c = fch(fmt, wide, ++i);
        sp->prec = 0;
        if (c == '*') {
            sp->prec = next_int(args);
            if (sp->prec < 0) sp->prec = -1;
            else if (sp->prec > FIELD_MAX) sp->prec = FIELD_MAX;
            c = fch(fmt, wide, ++i);
        } else {
            while (c >= '0' && c <= '9') {
                if (sp->prec < FIELD_MAX) sp->prec = sp->prec * 10 + (c - '0');
                c = fch(fmt, wide, ++i);
            }
        }
    }
    for (;; c = fch(fmt, wide, ++i)) {
        if (c == 'h') { sp->size = SZ_SHORT; sp->ck = CK_NARROW; }
        else if (c == 'l') {
            if (fch(fmt, wide, i + 1) == 'l') { sp->size = SZ_64; i++; }
            else { sp->size = SZ_LONG; sp->ck = CK_WIDE; }
        }
        else if (c == 'w') { sp->size = SZ_LONG; sp->ck = CK_WIDE; }
        else if (c == 'j' || c == 'z' || c == 't') sp->size = SZ_64;
        else if (c == 'F' || c == 'N' || c == 'L') continue;   /* L: long double is double */
        else if (c == 'I') {
            unsigned c1 = fch(fmt, wide, i + 1), c2 = c1 ? fch(fmt, wide, i + 2) : 0;
            if (c1 == '6' && c2 == '4') { sp->size = SZ_64; i += 2; }
            else if (c1 == '3' && c2 == '2') { sp->size = SZ_LONG; i += 2; }
            else if (c1 && c1 < 128 && strchr("diouxX", (int)c1)) sp->size = SZ_64;
            else break;     /* a lone I is the (unknown) conversion */
        }
        else break;
    }
    sp->conv = c;
    *pos = i;
}

int fmt_printf(struct fmt_sink *sink, const void *format, struct fmt_args *args)
{
    struct out o = { sink, 0, 0 };
    int wide = sink->wide;
    size_t i = 0, start;
    unsigned c;

    while (!o.error && (c = fch(format, wide, i))) {
        if (c != '%') {
            start = i;
            while ((c = fch(format, wide, i)) && c != '%') i++;
            out_units(&o, wide ? (const void *)((const WCHAR *)format + start)
                               : (const void *)((const char *)format + start), i - start);
            continue;
        }
        i++;
        if (fch(format, wide, i) == '%') {
            out_bytes(&o, "%", 1);
            i++;
            continue;
        }
        struct spec sp;
        parse_spec(format, wide, &i, &sp, args);
        switch (sp.conv) {
        case 0:
            return o.error ? -1 : (int)o.count;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
            format_integer(&o, &sp, args);
            break;
        case 'p':
            sp.size = SZ_64;
            format_integer(&o, &sp, args);
            break;
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A':
            format_float(&o, &sp, args);
            break;
        case 'c': case 'C':
            format_char(&o, &sp, args);
            break;
        case 's': case 'S':
            if (format_string(&o, &sp, args) < 0) return -1;
            break;
        case 'n':
            store_count(&sp, args, o.count);
            break;
        case '%':
            break;      /* "%5%": flags or width before '%' print nothing */
        default:
            /* unknown: the character itself, unpadded */
            out_units(&o, wide ? (const void *)((const WCHAR *)format + i)
                               : (const void *)((const char *)format + i), 1);
            break;
        }
        i++;
    }
    return o.error ? -1 : (int)o.count;
}

/* ---- string sink ---- */

static int str_put(struct fmt_sink *sink, const void *units, size_t len)
{
    struct fmt_str_sink *s = (struct fmt_str_sink *)sink;
    size_t unit = sink->wide ? sizeof(WCHAR) : 1;
    if (s->len < s->cap) {
        size_t room = s->cap - s->len, n = len < room ? len : room;
        memcpy((char *)s->buf + s->len * unit, units, n * unit);
    }
    s->len += len;
    return 0;
}

void fmt_str_sink_init(struct fmt_str_sink *s, int wide, void *buf, size_t cap)
{
    s->base.wide = wide;
    s->base.put = str_put;
    s->buf = buf;
    s->cap = buf ? cap : 0;
    s->len = 0;
}
