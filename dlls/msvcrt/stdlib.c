/* msvcrt stdlib: number parsing and formatting, sorting and searching,
 * rand, integer helpers, path splitting.  `long` is 32-bit here, as on
 * Windows; the number syntax is msvcrt's (no "inf", "nan" or hex floats). */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "msvcrt_private.h"
#include "msvcrt_conv.h"

static inline int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int digit_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Parses [space][sign][0x]digits.  Returns the magnitude (saturated at
 * UINT64_MAX with *overflow set), *negative, and *end: the character after
 * the digits, or the start of the string when no digits were read. */
uint64_t msvcrt_parse_uint(const char *str, char **end, int base, int *negative, int *overflow)
{
    const char *p = str;
    uint64_t value = 0;
    int any = 0;

    *negative = *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        if (end) *end = (char *)str;
        return 0;
    }
    while (is_space((unsigned char)*p)) p++;
    if (*p == '-' || *p == '+') *negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
        any = 1;
        if (value > (UINT64_MAX - d) / base) *overflow = 1;
        else value = value * base + d;
    }
    if (end) *end = (char *)(any ? p : str);
    if (*overflow) value = UINT64_MAX;
    return value;
}

/* The magnitude bounds a signed/unsigned integer of `bits` bits. */
static int64_t to_signed(uint64_t v, int negative, int overflow, int bits)
{
    uint64_t max = (UINT64_C(1) << (bits - 1)) - 1;
    if (negative) {
        if (overflow || v > max + 1) {
            msvcrt_set_errno(MSVCRT_ERANGE);
            return -(int64_t)max - 1;
        }
        return (int64_t)(0 - v);
    }
    if (overflow || v > max) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return (int64_t)max;
    }
    return (int64_t)v;
}

static uint64_t to_unsigned(uint64_t v, int negative, int overflow, int bits)
{
    uint64_t max = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    if (overflow || v > max) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return max;
    }
    return negative ? (0 - v) & max : v;
}

int32_t CDECL MSVCRT_strtol(const char *s, char **end, int base)
{
    int neg, ovf;
    uint64_t v = msvcrt_parse_uint(s, end, base, &neg, &ovf);
    return (int32_t)to_signed(v, neg, ovf, 32);
}

uint32_t CDECL MSVCRT_strtoul(const char *s, char **end, int base)
{
    int neg, ovf;
    uint64_t v = msvcrt_parse_uint(s, end, base, &neg, &ovf);
    return (uint32_t)to_unsigned(v, neg, ovf, 32);
}

int64_t CDECL MSVCRT__strtoi64(const char *s, char **end, int base)
{
    int neg, ovf;
    uint64_t v = msvcrt_parse_uint(s, end, base, &neg, &ovf);
    return to_signed(v, neg, ovf, 64);
}

uint64_t CDECL MSVCRT__strtoui64(const char *s, char **end, int base)
{
    int neg, ovf;
    uint64_t v = msvcrt_parse_uint(s, end, base, &neg, &ovf);
    return to_unsigned(v, neg, ovf, 64);
}

int32_t CDECL MSVCRT__strtol_l(const char *s, char **end, int base, void *l) { return MSVCRT_strtol(s, end, base); }
uint32_t CDECL MSVCRT__strtoul_l(const char *s, char **end, int base, void *l) { return MSVCRT_strtoul(s, end, base); }
int64_t CDECL MSVCRT__strtoi64_l(const char *s, char **end, int base, void *l) { return MSVCRT__strtoi64(s, end, base); }
uint64_t CDECL MSVCRT__strtoui64_l(const char *s, char **end, int base, void *l) { return MSVCRT__strtoui64(s, end, base); }

/* atoi and atol wrap around on overflow and leave errno alone, as msvcrt's do */
int CDECL MSVCRT_atoi(const char *s)
{
    int neg, ovf;
    uint64_t v = msvcrt_parse_uint(s, NULL, 10, &neg, &ovf);
    return (int)(uint32_t)(neg ? 0 - v : v);
}

int32_t CDECL MSVCRT_atol(const char *s) { return MSVCRT_atoi(s); }
int CDECL MSVCRT__atoi_l(const char *s, void *l) { return MSVCRT_atoi(s); }
int32_t CDECL MSVCRT__atol_l(const char *s, void *l) { return MSVCRT_atoi(s); }
int64_t CDECL MSVCRT__atoi64(const char *s) { return MSVCRT__strtoi64(s, NULL, 10); }
int64_t CDECL MSVCRT__atoi64_l(const char *s, void *l) { return MSVCRT__strtoi64(s, NULL, 10); }

/* ---- floating point parsing ---- */

static locale_t c_locale(void)
{
    static locale_t loc;
    if (!loc) loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* [space][sign]digits[.digits][(e|E|d|D)[sign]digits]; nothing else */
double msvcrt_parse_double(const char *str, char **end, int set_errno)
{
    const char *p = str, *start, *mant_end, *exp_end;
    int any_digit = 0, nonzero = 0;

    while (is_space((unsigned char)*p)) p++;
    start = p;
    if (*p == '-' || *p == '+') p++;
    for (; *p >= '0' && *p <= '9'; p++) { any_digit = 1; nonzero |= *p != '0'; }
    if (*p == '.') {
        p++;
        for (; *p >= '0' && *p <= '9'; p++) { any_digit = 1; nonzero |= *p != '0'; }
    }
    if (!any_digit) {
        if (end) *end = (char *)str;
        return 0.0;
    }
    mant_end = exp_end = p;
    if (*p == 'e' || *p == 'E' || *p == 'd' || *p == 'D') {
        const char *q = p + 1;
        if (*q == '-' || *q == '+') q++;
        if (*q >= '0' && *q <= '9') {
            while (*q >= '0' && *q <= '9') q++;
            exp_end = q;
        }
    }
    if (end) *end = (char *)exp_end;

    size_t len = exp_end - start;
    char small[128], *buf = len < sizeof(small) ? small : malloc(len + 1);
    if (!buf) return 0.0;
    memcpy(buf, start, len);
    buf[len] = 0;
    if (exp_end != mant_end) buf[mant_end - start] = 'e';
    double value = strtod_l(buf, NULL, c_locale());
    if (buf != small) free(buf);
    if (set_errno && (isinf(value) || (value == 0.0 && nonzero)))
        msvcrt_set_errno(MSVCRT_ERANGE);
    return value;
}

double CDECL MSVCRT_strtod(const char *s, char **end) { return msvcrt_parse_double(s, end, 1); }
double CDECL MSVCRT__strtod_l(const char *s, char **end, void *l) { return msvcrt_parse_double(s, end, 1); }
double CDECL MSVCRT_atof(const char *s) { return msvcrt_parse_double(s, NULL, 0); }
double CDECL MSVCRT__atof_l(const char *s, void *l) { return msvcrt_parse_double(s, NULL, 0); }

/* _atodbl/_atoflt: 0, or _OVERFLOW (3) / _UNDERFLOW (4) */
int CDECL MSVCRT__atodbl(double *value, char *s)
{
    int saved = msvcrt_errno;
    *value = msvcrt_parse_double(s, NULL, 0);
    msvcrt_errno = saved;
    if (isinf(*value)) return 3;
    if (*value != 0.0 && fabs(*value) < 2.2250738585072014e-308) return 4;
    return 0;
}

int CDECL MSVCRT__atodbl_l(double *value, char *s, void *l) { return MSVCRT__atodbl(value, s); }
int CDECL MSVCRT__atoldbl(double *value, char *s) { return MSVCRT__atodbl(value, s); }

int CDECL MSVCRT__atoflt(float *value, char *s)
{
    double d = msvcrt_parse_double(s, NULL, 0);
    *value = (float)d;
    if (isinf(*value)) return 3;
    if (d != 0.0 && fabsf(*value) < 1.17549435e-38f) return 4;
    return 0;
}

int CDECL MSVCRT__atoflt_l(float *value, char *s, void *l) { return MSVCRT__atoflt(value, s); }

/* ---- integer to text ---- */

/* Writes the digits of v in radix (2..36), with '-' when negative. */
static int format_uint(char *out, size_t size, uint64_t v, int negative, int radix)
{
    char tmp[72];
    int n = 0;
    do {
        int d = v % radix;
        tmp[n++] = d < 10 ? '0' + d : 'a' + d - 10;
        v /= radix;
    } while (v);
    if (negative) tmp[n++] = '-';
    if ((size_t)n >= size) return -1;
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static inline int is_negative(int64_t v) { return v < 0; }

/* The plain forms trust the buffer: 65 bytes hold any 64-bit value in radix 2. */
#define CVT_PLAIN(name, type, utype, is_signed)                                   \
char * CDECL MSVCRT_##name(type value, char *buf, int radix)                 \
{                                                                            \
    if (radix < 2 || radix > 36) { *buf = 0; return buf; }                   \
    int neg = is_signed && radix == 10 && is_negative(value);                      \
    uint64_t mag = neg ? 0 - (uint64_t)(int64_t)value : (uint64_t)(utype)value; \
    format_uint(buf, 72, mag, neg, radix);                                   \
    return buf;                                                              \
}
CVT_PLAIN(_itoa, int32_t, uint32_t, 1)
CVT_PLAIN(_ltoa, int32_t, uint32_t, 1)
CVT_PLAIN(_ultoa, uint32_t, uint32_t, 0)
CVT_PLAIN(_i64toa, int64_t, uint64_t, 1)
CVT_PLAIN(_ui64toa, uint64_t, uint64_t, 0)

#define CVT_SAFE(name, type, utype, is_signed)                                          \
int CDECL MSVCRT_##name(type value, char *buf, size_t size, int radix)       \
{                                                                            \
    if (!buf || !size || radix < 2 || radix > 36) {                          \
        if (buf && size) *buf = 0;                                           \
        msvcrt_set_errno(MSVCRT_EINVAL);                                     \
        return MSVCRT_EINVAL;                                                \
    }                                                                        \
    int neg = is_signed && radix == 10 && is_negative(value);                      \
    uint64_t mag = neg ? 0 - (uint64_t)(int64_t)value : (uint64_t)(utype)value; \
    if (format_uint(buf, size, mag, neg, radix) < 0) {                       \
        *buf = 0;                                                            \
        msvcrt_set_errno(MSVCRT_ERANGE);                                     \
        return MSVCRT_ERANGE;                                                \
    }                                                                        \
    return 0;                                                                \
}
CVT_SAFE(_itoa_s, int32_t, uint32_t, 1)
CVT_SAFE(_ltoa_s, int32_t, uint32_t, 1)
CVT_SAFE(_ultoa_s, uint32_t, uint32_t, 0)
CVT_SAFE(_i64toa_s, int64_t, uint64_t, 1)
CVT_SAFE(_ui64toa_s, uint64_t, uint64_t, 0)

/* ---- _ecvt, _fcvt, _gcvt ---- */

/* The 17 significant digits msvcrt starts from, and the decimal exponent:
 * value = 0.d1d2...d17 * 10^exp10. */
static void significant_digits(double value, char digits[18], int *exp10)
{
    char tmp[40];
    snprintf(tmp, sizeof(tmp), "%.16e", fabs(value));
    digits[0] = tmp[0];
    memcpy(digits + 1, tmp + 2, 16);
    digits[17] = 0;
    *exp10 = atoi(tmp + 19) + 1;
}

/* Rounds the digit string at position n, half away from zero, padding
 * with zeros past 17 digits; *exp10 grows when 9s carry over. */
static void round_digits(const char *digits, int n, char *out, int *exp10)
{
    int i;
    for (i = 0; i < n; i++) out[i] = i < 17 ? digits[i] : '0';
    out[n > 0 ? n : 0] = 0;
    if (n < 0 || n >= 17 || digits[n] < '5') return;
    for (i = n - 1; i >= 0; i--) {
        if (out[i] != '9') { out[i]++; return; }
        out[i] = '0';
    }
    /* every digit carried: 99.. became 100.. */
    if (n > 0) { out[0] = '1'; }
    (*exp10)++;
}

#define CVT_BUFSIZE 349
#define cvt_buffer (msvcrt_td()->cvt_buf)
_Static_assert(CVT_BUFSIZE + 2 <= sizeof(((struct msvcrt_thread_data *)0)->cvt_buf), "cvt buffer");

char * CDECL MSVCRT__ecvt(double value, int ndigits, int *decpt, int *sign)
{
    char digits[18];
    int exp10;
    if (ndigits < 1) ndigits = 1;
    if (ndigits > CVT_BUFSIZE) ndigits = CVT_BUFSIZE;
    *sign = signbit(value) != 0;
    if (value == 0.0) {
        memset(cvt_buffer, '0', ndigits);
        cvt_buffer[ndigits] = 0;
        *decpt = 0;
        return cvt_buffer;
    }
    significant_digits(value, digits, &exp10);
    round_digits(digits, ndigits, cvt_buffer, &exp10);
    *decpt = exp10;
    return cvt_buffer;
}

char * CDECL MSVCRT__fcvt(double value, int ndigits, int *decpt, int *sign)
{
    char digits[18];
    int exp10, count;
    *sign = signbit(value) != 0;
    if (ndigits > CVT_BUFSIZE / 2) ndigits = CVT_BUFSIZE / 2;
    if (value == 0.0) {
        count = ndigits > 0 ? ndigits : 0;
        memset(cvt_buffer, '0', count);
        cvt_buffer[count] = 0;
        *decpt = 0;
        return cvt_buffer;
    }
    significant_digits(value, digits, &exp10);
    count = exp10 + ndigits;   /* digits up to the requested position */
    if (count < 0) {
        /* rounds to nothing at all: zeros only */
        count = ndigits > 0 ? ndigits : 0;
        memset(cvt_buffer, '0', count);
        cvt_buffer[count] = 0;
        *decpt = -ndigits;
        return cvt_buffer;
    }
    if (count > CVT_BUFSIZE) count = CVT_BUFSIZE;
    int before = exp10;
    round_digits(digits, count, cvt_buffer, &exp10);
    if (count == 0) {
        /* only a carry can produce a digit here */
        if (exp10 != before) { cvt_buffer[0] = '1'; cvt_buffer[1] = 0; }
        else if (ndigits > 0) { memset(cvt_buffer, '0', ndigits); cvt_buffer[ndigits] = 0; exp10 = 0; }
    } else if (exp10 != before) {
        /* a carry added a leading digit: keep the requested decimals */
        cvt_buffer[count] = '0';
        cvt_buffer[count + 1] = 0;
    }
    *decpt = exp10;
    return cvt_buffer;
}

/* %g-like, with msvcrt's three-digit exponents ("1e+020") */
char * CDECL MSVCRT__gcvt(double value, int ndigits, char *buf)
{
    char tmp[400];
    if (ndigits < 0) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return NULL;
    }
    snprintf(tmp, sizeof(tmp), "%.*g", ndigits ? ndigits : 1, value);
    char *e = strchr(tmp, 'e');
    if (!e) {
        strcpy(buf, tmp);
        return buf;
    }
    int exp = atoi(e + 1);
    *e = 0;
    sprintf(buf, "%se%c%03d", tmp, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return buf;
}

/* ---- sorting and searching ---- */

static void swap_bytes(char *a, char *b, size_t size)
{
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

struct sort_ctx {
    size_t size;
    msvcrt_compare_fn cmp;
    msvcrt_compare_ctx_fn cmp_ctx;
    void *ctx;
};

static inline int sort_compare(const struct sort_ctx *s, const void *a, const void *b)
{
    return s->cmp ? s->cmp(a, b) : s->cmp_ctx(s->ctx, a, b);
}

static void insertion_sort(char *base, size_t n, const struct sort_ctx *s)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && sort_compare(s, base + (j - 1) * s->size, base + j * s->size) > 0; j--)
            swap_bytes(base + (j - 1) * s->size, base + j * s->size, s->size);
}

/* Quicksort, median of three, recursing into the smaller part.  The scans
 * stay inside the array even when the comparator is inconsistent. */
static void quick_sort(char *base, size_t n, const struct sort_ctx *s)
{
    size_t size = s->size;
    while (n > 8) {
        char *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;
        if (sort_compare(s, mid, lo) < 0) swap_bytes(mid, lo, size);
        if (sort_compare(s, hi, mid) < 0) {
            swap_bytes(hi, mid, size);
            if (sort_compare(s, mid, lo) < 0) swap_bytes(mid, lo, size);
        }
        swap_bytes(mid, base, size);          /* pivot at base */
        size_t i = 1, j = n - 1;
        for (;;) {
            while (i <= j && sort_compare(s, base + i * size, base) < 0) i++;
            while (j >= i && sort_compare(s, base + j * size, base) > 0) j--;
            if (i >= j) break;
            swap_bytes(base + i * size, base + j * size, size);
            i++;
            j--;
        }
        swap_bytes(base, base + j * size, size);   /* pivot to its place */
        size_t left = j, right = n - j - 1;
        if (left < right) {
            quick_sort(base, left, s);
            base += (j + 1) * size;
            n = right;
        } else {
            quick_sort(base + (j + 1) * size, right, s);
            n = left;
        }
    }
    insertion_sort(base, n, s);
}

void CDECL MSVCRT_qsort(void *base, size_t n, size_t size, msvcrt_compare_fn cmp)
{
    if (!base || !cmp || !size) {
        if (n && size) msvcrt_set_errno(MSVCRT_EINVAL);
        return;
    }
    struct sort_ctx s = { size, cmp, NULL, NULL };
    quick_sort(base, n, &s);
}

void CDECL MSVCRT_qsort_s(void *base, size_t n, size_t size, msvcrt_compare_ctx_fn cmp, void *ctx)
{
    if (!base || !cmp || !size) {
        if (n && size) msvcrt_set_errno(MSVCRT_EINVAL);
        return;
    }
    struct sort_ctx s = { size, NULL, cmp, ctx };
    quick_sort(base, n, &s);
}

static void *binary_search(const void *key, const char *base, size_t n, const struct sort_ctx *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = s->cmp ? s->cmp(key, base + mid * s->size) : s->cmp_ctx(s->ctx, key, base + mid * s->size);
        if (!r) return (void *)(base + mid * s->size);
        if (r < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

void * CDECL MSVCRT_bsearch(const void *key, const void *base, size_t n, size_t size, msvcrt_compare_fn cmp)
{
    struct sort_ctx s = { size, cmp, NULL, NULL };
    if (!cmp || (!base && n)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    return binary_search(key, base, n, &s);
}

void * CDECL MSVCRT_bsearch_s(const void *key, const void *base, size_t n, size_t size,
                              msvcrt_compare_ctx_fn cmp, void *ctx)
{
    struct sort_ctx s = { size, NULL, cmp, ctx };
    if (!cmp || (!base && n)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    return binary_search(key, base, n, &s);
}

void * CDECL MSVCRT__lfind(const void *key, const void *base, unsigned int *num,
                           unsigned int size, msvcrt_compare_fn cmp)
{
    const char *p = base;
    for (unsigned int i = 0; i < *num; i++, p += size)
        if (!cmp(key, p)) return (void *)p;
    return NULL;
}

void * CDECL MSVCRT__lfind_s(const void *key, const void *base, unsigned int *num,
                             size_t size, msvcrt_compare_ctx_fn cmp, void *ctx)
{
    const char *p = base;
    if (!num || !cmp || (!base && *num) || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    for (unsigned int i = 0; i < *num; i++, p += size)
        if (!cmp(ctx, key, p)) return (void *)p;
    return NULL;
}

void * CDECL MSVCRT__lsearch(const void *key, void *base, unsigned int *num,
                             unsigned int size, msvcrt_compare_fn cmp)
{
    void *found = MSVCRT__lfind(key, base, num, size, cmp);
    if (found) return found;
    char *slot = (char *)base + (size_t)*num * size;
    memcpy(slot, key, size);
    (*num)++;
    return slot;
}

/* ---- random numbers: msvcrt's LCG, seeded per thread ---- */

#define rand_seed (msvcrt_td()->rand_seed)

void CDECL MSVCRT_srand(unsigned int seed) { rand_seed = seed; }

int CDECL MSVCRT_rand(void)
{
    rand_seed = rand_seed * 214013 + 2531011;
    return (rand_seed >> 16) & 0x7fff;
}

int CDECL MSVCRT_rand_s(unsigned int *value)
{
    if (!value) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    while (getrandom(value, sizeof(*value), 0) != sizeof(*value))
        if (errno != EINTR) return MSVCRT_EINVAL;
    return 0;
}

/* ---- integer helpers ---- */

typedef struct { int quot, rem; } msvcrt_div_t;
typedef struct { int32_t quot, rem; } msvcrt_ldiv_t;

int CDECL MSVCRT_abs(int v) { return v < 0 ? -(unsigned int)v : (unsigned int)v; }
int32_t CDECL MSVCRT_labs(int32_t v) { return v < 0 ? -(uint32_t)v : (uint32_t)v; }
int64_t CDECL MSVCRT__abs64(int64_t v) { return v < 0 ? -(uint64_t)v : (uint64_t)v; }

msvcrt_div_t CDECL MSVCRT_div(int num, int den)
{
    msvcrt_div_t r = { num / den, num % den };
    return r;
}

msvcrt_ldiv_t CDECL MSVCRT_ldiv(int32_t num, int32_t den)
{
    msvcrt_ldiv_t r = { num / den, num % den };
    return r;
}

unsigned int CDECL MSVCRT__rotl(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v << shift) | (v >> (32 - shift)) : v;
}

unsigned int CDECL MSVCRT__rotr(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v >> shift) | (v << (32 - shift)) : v;
}

uint32_t CDECL MSVCRT__lrotl(uint32_t v, int shift) { return MSVCRT__rotl(v, shift); }
uint32_t CDECL MSVCRT__lrotr(uint32_t v, int shift) { return MSVCRT__rotr(v, shift); }

uint64_t CDECL MSVCRT__rotl64(uint64_t v, int shift)
{
    shift &= 63;
    return shift ? (v << shift) | (v >> (64 - shift)) : v;
}

uint64_t CDECL MSVCRT__rotr64(uint64_t v, int shift)
{
    shift &= 63;
    return shift ? (v >> shift) | (v << (64 - shift)) : v;
}

/* swaps adjacent bytes of n bytes (an odd last byte is left alone) */
void CDECL MSVCRT__swab(char *src, char *dst, int n)
{
    for (int i = 0; i + 1 < n; i += 2) {
        char a = src[i], b = src[i + 1];
        dst[i] = b;
        dst[i + 1] = a;
    }
}

/* ---- path splitting ---- */

#define MSVCRT_MAX_DRIVE 3
#define MSVCRT_MAX_DIR   256
#define MSVCRT_MAX_FNAME 256
#define MSVCRT_MAX_EXT   256

static void copy_part(char *dst, size_t size, const char *src, size_t len)
{
    if (!dst) return;
    if (len >= size) len = size - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

struct path_parts { size_t drive, dir, fname, ext; const char *base; };

static void split_path(const char *path, struct path_parts *pp)
{
    const char *p = path, *last_slash = NULL, *last_dot = NULL;
    pp->drive = path[0] && path[1] == ':' ? 2 : 0;
    p += pp->drive;
    for (const char *q = p; *q; q++) {
        if (*q == '/' || *q == '\\') last_slash = q;
        if (*q == '.') last_dot = q;
    }
    const char *name = last_slash ? last_slash + 1 : p;
    if (last_dot && last_dot < name) last_dot = NULL;
    pp->dir = name - p;
    pp->fname = (last_dot ? last_dot : name + strlen(name)) - name;
    pp->ext = last_dot ? strlen(last_dot) : 0;
}

void CDECL MSVCRT__splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
    struct path_parts pp;
    split_path(path, &pp);
    copy_part(drive, MSVCRT_MAX_DRIVE, path, pp.drive);
    copy_part(dir, MSVCRT_MAX_DIR, path + pp.drive, pp.dir);
    copy_part(fname, MSVCRT_MAX_FNAME, path + pp.drive + pp.dir, pp.fname);
    copy_part(ext, MSVCRT_MAX_EXT, path + pp.drive + pp.dir + pp.fname, pp.ext);
}

int CDECL MSVCRT__splitpath_s(const char *path, char *drive, size_t ndrive, char *dir, size_t ndir,
                              char *fname, size_t nfname, char *ext, size_t next)
{
    struct path_parts pp;
    if (!path || (drive && !ndrive) || (!drive && ndrive) || (dir && !ndir) || (!dir && ndir) ||
        (fname && !nfname) || (!fname && nfname) || (ext && !next) || (!ext && next)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    split_path(path, &pp);
    if ((drive && pp.drive >= ndrive) || (dir && pp.dir >= ndir) ||
        (fname && pp.fname >= nfname) || (ext && pp.ext >= next)) {
        if (drive) *drive = 0;
        if (dir) *dir = 0;
        if (fname) *fname = 0;
        if (ext) *ext = 0;
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    copy_part(drive, ndrive, path, pp.drive);
    copy_part(dir, ndir, path + pp.drive, pp.dir);
    copy_part(fname, nfname, path + pp.drive + pp.dir, pp.fname);
    copy_part(ext, next, path + pp.drive + pp.dir + pp.fname, pp.ext);
    return 0;
}

/* Builds drive + dir (+ '\' unless it ends in a slash) + fname + ('.') ext.
 * Returns the length, or -1 when size (if nonzero) is too small. */
static long make_path(char *out, size_t size, const char *drive, const char *dir,
                      const char *fname, const char *ext)
{
    char buf[4 * 260 + 8];
    size_t n = 0;
    if (drive && *drive) {
        buf[n++] = drive[0];
        buf[n++] = ':';
    }
    if (dir && *dir) {
        size_t len = strnlen(dir, 260);
        memcpy(buf + n, dir, len);
        n += len;
        if (dir[len - 1] != '/' && dir[len - 1] != '\\') buf[n++] = '\\';
    }
    if (fname && *fname) {
        size_t len = strnlen(fname, 260);
        memcpy(buf + n, fname, len);
        n += len;
    }
    if (ext && *ext) {
        size_t len = strnlen(ext, 260);
        if (*ext != '.') buf[n++] = '.';
        memcpy(buf + n, ext, len);
        n += len;
    }
    buf[n] = 0;
    if (size && n >= size) return -1;
    memcpy(out, buf, n + 1);
    return (long)n;
}

void CDECL MSVCRT__makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext)
{
    make_path(path, 0, drive, dir, fname, ext);
}

int CDECL MSVCRT__makepath_s(char *path, size_t size, const char *drive, const char *dir,
                             const char *fname, const char *ext)
{
    if (!path || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (make_path(path, size, drive, dir, fname, ext) < 0) {
        *path = 0;
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    return 0;
}
