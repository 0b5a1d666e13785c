/* msvcrt wide-string (16-bit WCHAR) functions, wide classification and
 * case mapping, and the multibyte conversions of the "C" locale, where
 * bytes 0-255 and WCHARs 0-255 correspond one to one.  Never glibc's
 * wchar_t functions: WCHAR is 16-bit, wchar_t is 32-bit here. */
#include <stdlib.h>
#include <string.h>
#include "msvcrt_private.h"
#include "msvcrt_ctype.h"
#include "msvcrt_conv.h"

void * CDECL MSVCRT_malloc(size_t size);

static inline WCHAR wide_lower(WCHAR c) { return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c; }
static inline WCHAR wide_upper(WCHAR c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

size_t CDECL MSVCRT_wcslen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) p++;
    return p - s;
}

size_t CDECL MSVCRT_wcsnlen(const WCHAR *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n]) n++;
    return n;
}

WCHAR * CDECL MSVCRT_wcscpy(WCHAR *dst, const WCHAR *src)
{
    WCHAR *d = dst;
    while ((*d++ = *src++)) ;
    return dst;
}

WCHAR * CDECL MSVCRT_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++) dst[i] = src[i];
    for (; i < n; i++) dst[i] = 0;
    return dst;
}

WCHAR * CDECL MSVCRT_wcscat(WCHAR *dst, const WCHAR *src)
{
    MSVCRT_wcscpy(dst + MSVCRT_wcslen(dst), src);
    return dst;
}

WCHAR * CDECL MSVCRT_wcsncat(WCHAR *dst, const WCHAR *src, size_t n)
{
    WCHAR *d = dst + MSVCRT_wcslen(dst);
    while (n-- && *src) *d++ = *src++;
    *d = 0;
    return dst;
}

int CDECL MSVCRT_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b) return *a - *b;
        if (!*a) break;
    }
    return 0;
}

/* like strcmp, wcscmp answers -1, 0 or 1 */
int CDECL MSVCRT_wcscmp(const WCHAR *a, const WCHAR *b)
{
    int r = MSVCRT_wcsncmp(a, b, (size_t)-1);
    return r < 0 ? -1 : r > 0;
}

int CDECL MSVCRT__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++) {
        WCHAR ca = wide_lower(*a), cb = wide_lower(*b);
        if (ca != cb) return ca - cb;
        if (!ca) break;
    }
    return 0;
}

int CDECL MSVCRT__wcsicmp(const WCHAR *a, const WCHAR *b) { return MSVCRT__wcsnicmp(a, b, (size_t)-1); }
int CDECL MSVCRT_wcscoll(const WCHAR *a, const WCHAR *b) { return MSVCRT_wcscmp(a, b); }
int CDECL MSVCRT__wcsncoll(const WCHAR *a, const WCHAR *b, size_t n) { return MSVCRT_wcsncmp(a, b, n); }
int CDECL MSVCRT__wcsicoll(const WCHAR *a, const WCHAR *b) { return MSVCRT__wcsicmp(a, b); }
int CDECL MSVCRT__wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n) { return MSVCRT__wcsnicmp(a, b, n); }

size_t CDECL MSVCRT_wcsxfrm(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t len = MSVCRT_wcslen(src);
    if (len < n) memcpy(dst, src, (len + 1) * sizeof(WCHAR));
    return len;
}

WCHAR * CDECL MSVCRT_wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c) return (WCHAR *)s;
        if (!*s) return NULL;
    }
}

WCHAR * CDECL MSVCRT_wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *found = NULL;
    for (;; s++) {
        if (*s == c) found = s;
        if (!*s) return (WCHAR *)found;
    }
}

WCHAR * CDECL MSVCRT_wcsstr(const WCHAR *s, const WCHAR *sub)
{
    size_t len = MSVCRT_wcslen(sub);
    for (; *s; s++)
        if (!MSVCRT_wcsncmp(s, sub, len)) return (WCHAR *)s;
    return len ? NULL : (WCHAR *)s;
}

static int in_set(WCHAR c, const WCHAR *set)
{
    for (; *set; set++)
        if (*set == c) return 1;
    return 0;
}

size_t CDECL MSVCRT_wcsspn(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] && in_set(s[n], set)) n++;
    return n;
}

size_t CDECL MSVCRT_wcscspn(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] && !in_set(s[n], set)) n++;
    return n;
}

WCHAR * CDECL MSVCRT_wcspbrk(const WCHAR *s, const WCHAR *set)
{
    s += MSVCRT_wcscspn(s, set);
    return *s ? (WCHAR *)s : NULL;
}

WCHAR * CDECL MSVCRT_wcstok_s(WCHAR *str, const WCHAR *delim, WCHAR **context)
{
    if (!delim || !context || (!str && !*context)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    if (!str) str = *context;
    str += MSVCRT_wcsspn(str, delim);
    if (!*str) {
        *context = str;
        return NULL;
    }
    WCHAR *end = str + MSVCRT_wcscspn(str, delim);
    if (*end) *end++ = 0;
    *context = end;
    return str;
}

/* msvcrt's wcstok takes two arguments and keeps its place per thread */
WCHAR * CDECL MSVCRT_wcstok(WCHAR *str, const WCHAR *delim)
{
    WCHAR **next = &msvcrt_td()->wcstok_next;
    if (!str && !*next) return NULL;
    return MSVCRT_wcstok_s(str, delim, next);
}

WCHAR * CDECL MSVCRT__wcsdup(const WCHAR *s)
{
    if (!s) return NULL;
    size_t size = (MSVCRT_wcslen(s) + 1) * sizeof(WCHAR);
    WCHAR *copy = MSVCRT_malloc(size);
    if (copy) memcpy(copy, s, size);
    return copy;
}

WCHAR * CDECL MSVCRT__wcslwr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) *p = wide_lower(*p);
    return s;
}

WCHAR * CDECL MSVCRT__wcsupr(WCHAR *s)
{
    for (WCHAR *p = s; *p; p++) *p = wide_upper(*p);
    return s;
}

WCHAR * CDECL MSVCRT__wcsrev(WCHAR *s)
{
    size_t len = MSVCRT_wcslen(s);
    for (size_t i = 0; i < len / 2; i++) {
        WCHAR t = s[i];
        s[i] = s[len - 1 - i];
        s[len - 1 - i] = t;
    }
    return s;
}

WCHAR * CDECL MSVCRT__wcsset(WCHAR *s, WCHAR c)
{
    for (WCHAR *p = s; *p; p++) *p = c;
    return s;
}

WCHAR * CDECL MSVCRT__wcsnset(WCHAR *s, WCHAR c, size_t n)
{
    for (WCHAR *p = s; n && *p; p++, n--) *p = c;
    return s;
}

static int wide_fail(WCHAR *dst, size_t size, int err)
{
    if (dst && size) *dst = 0;
    msvcrt_set_errno(err);
    return err;
}

int CDECL MSVCRT_wcscpy_s(WCHAR *dst, size_t size, const WCHAR *src)
{
    if (!dst || !size) return wide_fail(NULL, 0, MSVCRT_EINVAL);
    if (!src) return wide_fail(dst, size, MSVCRT_EINVAL);
    size_t len = MSVCRT_wcslen(src);
    if (len >= size) return wide_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst, src, (len + 1) * sizeof(WCHAR));
    return 0;
}

int CDECL MSVCRT_wcscat_s(WCHAR *dst, size_t size, const WCHAR *src)
{
    if (!dst || !size) return wide_fail(NULL, 0, MSVCRT_EINVAL);
    if (!src) return wide_fail(dst, size, MSVCRT_EINVAL);
    size_t have = MSVCRT_wcsnlen(dst, size);
    if (have == size) return wide_fail(dst, size, MSVCRT_EINVAL);
    size_t len = MSVCRT_wcslen(src);
    if (have + len >= size) return wide_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst + have, src, (len + 1) * sizeof(WCHAR));
    return 0;
}

/* ---- numbers: the digits of a number are ASCII, so the parsing works on
 * a narrow copy of the ASCII prefix; indexes carry over one to one. ---- */

static char *narrow_prefix(const WCHAR *s, char *small, size_t small_size)
{
    size_t n = 0;
    while (s[n] && s[n] < 0x80) n++;
    char *buf = n < small_size ? small : malloc(n + 1);
    if (!buf) return NULL;
    for (size_t i = 0; i < n; i++) buf[i] = (char)s[i];
    buf[n] = 0;
    /* leading wide spaces (U+3000 ...) are skipped like ASCII ones */
    return buf;
}

static const WCHAR *skip_wide_space(const WCHAR *s)
{
    while (*s && (msvcrt_wide_class(*s) & MSVCRT__SPACE)) s++;
    return s;
}

static uint64_t wide_parse_uint(const WCHAR *str, WCHAR **end, int base, int *neg, int *ovf)
{
    const WCHAR *s = skip_wide_space(str);
    char small[128], *buf = narrow_prefix(s, small, sizeof(small)), *nend;
    if (!buf) { *neg = *ovf = 0; if (end) *end = (WCHAR *)str; return 0; }
    uint64_t v = msvcrt_parse_uint(buf, &nend, base, neg, ovf);
    if (end) *end = nend == buf ? (WCHAR *)str : (WCHAR *)s + (nend - buf);
    if (buf != small) free(buf);
    return v;
}

int32_t CDECL MSVCRT_wcstol(const WCHAR *s, WCHAR **end, int base)
{
    int neg, ovf;
    uint64_t v = wide_parse_uint(s, end, base, &neg, &ovf);
    if (neg) {
        if (ovf || v > UINT64_C(0x80000000)) { msvcrt_set_errno(MSVCRT_ERANGE); return INT32_MIN; }
        return (int32_t)(0 - v);
    }
    if (ovf || v > INT32_MAX) { msvcrt_set_errno(MSVCRT_ERANGE); return INT32_MAX; }
    return (int32_t)v;
}

uint32_t CDECL MSVCRT_wcstoul(const WCHAR *s, WCHAR **end, int base)
{
    int neg, ovf;
    uint64_t v = wide_parse_uint(s, end, base, &neg, &ovf);
    if (ovf || v > UINT32_MAX) { msvcrt_set_errno(MSVCRT_ERANGE); return UINT32_MAX; }
    return (uint32_t)(neg ? 0 - v : v);
}

int64_t CDECL MSVCRT__wcstoi64(const WCHAR *s, WCHAR **end, int base)
{
    int neg, ovf;
    uint64_t v = wide_parse_uint(s, end, base, &neg, &ovf);
    if (neg) {
        if (ovf || v > (UINT64_C(1) << 63)) { msvcrt_set_errno(MSVCRT_ERANGE); return INT64_MIN; }
        return (int64_t)(0 - v);
    }
    if (ovf || v > INT64_MAX) { msvcrt_set_errno(MSVCRT_ERANGE); return INT64_MAX; }
    return (int64_t)v;
}

uint64_t CDECL MSVCRT__wcstoui64(const WCHAR *s, WCHAR **end, int base)
{
    int neg, ovf;
    uint64_t v = wide_parse_uint(s, end, base, &neg, &ovf);
    if (ovf) { msvcrt_set_errno(MSVCRT_ERANGE); return UINT64_MAX; }
    return neg ? 0 - v : v;
}

/* like atoi, _wtoi wraps around on overflow without touching errno */
int CDECL MSVCRT__wtoi(const WCHAR *s)
{
    int neg, ovf;
    uint64_t v = wide_parse_uint(s, NULL, 10, &neg, &ovf);
    return (int)(uint32_t)(neg ? 0 - v : v);
}

int32_t CDECL MSVCRT__wtol(const WCHAR *s) { return MSVCRT__wtoi(s); }
int64_t CDECL MSVCRT__wtoi64(const WCHAR *s) { return MSVCRT__wcstoi64(s, NULL, 10); }

double CDECL MSVCRT_wcstod(const WCHAR *str, WCHAR **end)
{
    const WCHAR *s = skip_wide_space(str);
    char small[128], *buf = narrow_prefix(s, small, sizeof(small)), *nend;
    if (!buf) { if (end) *end = (WCHAR *)str; return 0.0; }
    double v = msvcrt_parse_double(buf, &nend, 1);
    if (end) *end = nend == buf ? (WCHAR *)str : (WCHAR *)s + (nend - buf);
    if (buf != small) free(buf);
    return v;
}

double CDECL MSVCRT__wtof(const WCHAR *s)
{
    int saved = msvcrt_errno;
    double v = MSVCRT_wcstod(s, NULL);
    msvcrt_errno = saved;
    return v;
}

char * CDECL MSVCRT__i64toa(int64_t value, char *buf, int radix);
char * CDECL MSVCRT__ui64toa(uint64_t value, char *buf, int radix);

static WCHAR *widen_number(const char *src, WCHAR *dst)
{
    size_t i = 0;
    do dst[i] = (unsigned char)src[i]; while (src[i++]);
    return dst;
}

WCHAR * CDECL MSVCRT__i64tow(int64_t value, WCHAR *buf, int radix)
{
    char tmp[72];
    return widen_number(MSVCRT__i64toa(value, tmp, radix), buf);
}

WCHAR * CDECL MSVCRT__ui64tow(uint64_t value, WCHAR *buf, int radix)
{
    char tmp[72];
    return widen_number(MSVCRT__ui64toa(value, tmp, radix), buf);
}

/* _itow and _ltow: 32-bit; a negative value is signed only in radix 10 */
WCHAR * CDECL MSVCRT__itow(int value, WCHAR *buf, int radix)
{
    if (radix == 10) return MSVCRT__i64tow(value, buf, radix);
    return MSVCRT__ui64tow((uint32_t)value, buf, radix);
}

WCHAR * CDECL MSVCRT__ltow(int32_t value, WCHAR *buf, int radix) { return MSVCRT__itow(value, buf, radix); }
WCHAR * CDECL MSVCRT__ultow(uint32_t value, WCHAR *buf, int radix) { return MSVCRT__ui64tow(value, buf, radix); }

/* ---- classification ---- */

int CDECL MSVCRT_iswctype(unsigned short c, unsigned short mask)
{
    if (c == MSVCRT_WEOF) return 0;
    return msvcrt_wide_class(c) & mask;
}

int CDECL MSVCRT_is_wctype(unsigned short c, unsigned short mask) { return MSVCRT_iswctype(c, mask); }
int CDECL MSVCRT__iswctype_l(unsigned short c, unsigned short mask, void *l) { return MSVCRT_iswctype(c, mask); }
int CDECL MSVCRT_iswalpha(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__ALPHA); }
int CDECL MSVCRT_iswdigit(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__DIGIT); }
int CDECL MSVCRT_iswspace(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__SPACE); }
int CDECL MSVCRT_iswupper(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__UPPER); }
int CDECL MSVCRT_iswlower(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__LOWER); }
int CDECL MSVCRT_iswalnum(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__ALPHA | MSVCRT__DIGIT); }
int CDECL MSVCRT_iswpunct(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__PUNCT); }
int CDECL MSVCRT_iswxdigit(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__HEX); }
int CDECL MSVCRT_iswcntrl(unsigned short c) { return MSVCRT_iswctype(c, MSVCRT__CONTROL); }
int CDECL MSVCRT_iswprint(unsigned short c)
{
    return MSVCRT_iswctype(c, MSVCRT__BLANK | MSVCRT__PUNCT | MSVCRT__ALPHA | MSVCRT__DIGIT);
}
int CDECL MSVCRT_iswgraph(unsigned short c)
{
    return MSVCRT_iswctype(c, MSVCRT__PUNCT | MSVCRT__ALPHA | MSVCRT__DIGIT);
}
int CDECL MSVCRT_iswascii(unsigned short c) { return c < 0x80; }

/* the C locale maps case of ASCII letters only */
unsigned short CDECL MSVCRT_towupper(unsigned short c) { return wide_upper(c); }
unsigned short CDECL MSVCRT_towlower(unsigned short c) { return wide_lower(c); }
unsigned short CDECL MSVCRT__towupper_l(unsigned short c, void *l) { return wide_upper(c); }
unsigned short CDECL MSVCRT__towlower_l(unsigned short c, void *l) { return wide_lower(c); }

/* ---- multibyte conversions (C locale: one byte per character) ---- */

int CDECL MSVCRT_mblen(const char *s, size_t n)
{
    if (!s || !n) return 0;
    return *s ? 1 : 0;
}

int CDECL MSVCRT_mbrlen(const char *s, size_t n, void *state)
{
    if (!s) return 0;
    if (!n) return -2;
    return *s ? 1 : 0;
}

int CDECL MSVCRT_mbtowc(WCHAR *dst, const char *s, size_t n)
{
    if (!s || !n) return 0;
    if (dst) *dst = (unsigned char)*s;
    return *s ? 1 : 0;
}

size_t CDECL MSVCRT_mbrtowc(WCHAR *dst, const char *s, size_t n, void *state)
{
    if (!s) return 0;
    if (!n) return (size_t)-2;
    if (dst) *dst = (unsigned char)*s;
    return *s ? 1 : 0;
}

unsigned short CDECL MSVCRT_btowc(int c)
{
    if (c == MSVCRT_EOF) return MSVCRT_WEOF;
    return (unsigned char)c;
}

int CDECL MSVCRT_wctob(unsigned short c)
{
    return c < 256 ? (int)c : MSVCRT_EOF;
}

int CDECL MSVCRT_wctomb(char *dst, WCHAR c)
{
    if (!dst) return 0;
    if (c > 0xff) {
        msvcrt_set_errno(MSVCRT_EILSEQ);
        return -1;
    }
    *dst = (char)c;
    return 1;
}

size_t CDECL MSVCRT_wcrtomb(char *dst, WCHAR c, void *state)
{
    if (!dst) return 1;
    return (size_t)(long)MSVCRT_wctomb(dst, c);
}

size_t CDECL MSVCRT_mbstowcs(WCHAR *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    if (!dst) return len;
    size_t i;
    for (i = 0; i < n && src[i]; i++) dst[i] = (unsigned char)src[i];
    if (i < n) dst[i] = 0;
    return i;
}

size_t CDECL MSVCRT_wcstombs(char *dst, const WCHAR *src, size_t n)
{
    size_t i;
    if (!dst) {
        for (i = 0; src[i]; i++)
            if (src[i] > 0xff) goto bad;
        return i;
    }
    for (i = 0; i < n && src[i]; i++) {
        if (src[i] > 0xff) goto bad;
        dst[i] = (char)src[i];
    }
    if (i < n) dst[i] = 0;
    return i;
bad:
    msvcrt_set_errno(MSVCRT_EILSEQ);
    return (size_t)-1;
}

size_t CDECL MSVCRT_mbsrtowcs(WCHAR *dst, const char **src, size_t n, void *state)
{
    size_t count = MSVCRT_mbstowcs(dst, *src, n);
    if (dst) {
        if (count < n) *src = NULL;   /* the terminator was converted */
        else *src += count;
    }
    return count;
}

size_t CDECL MSVCRT_wcsrtombs(char *dst, const WCHAR **src, size_t n, void *state)
{
    size_t count = MSVCRT_wcstombs(dst, *src, n);
    if (dst && count != (size_t)-1) {
        if (count < n) *src = NULL;
        else *src += count;
    }
    return count;
}
