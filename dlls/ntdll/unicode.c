/* UTF-16 helpers shared by the builtin DLLs. */
#include <stdlib.h>
#include <string.h>
#include "carafe/ntdll.h"

size_t carafe_wcslen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) p++;
    return p - s;
}

static WCHAR fold(WCHAR c)
{
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
    return c;
}

int carafe_wcsicmp(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++) {
        WCHAR x = fold(*a), y = fold(*b);
        if (x != y || !x) return (int)x - (int)y;
    }
}

WCHAR *carafe_wcsdup(const WCHAR *s)
{
    size_t n = (carafe_wcslen(s) + 1) * sizeof(WCHAR);
    WCHAR *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* Decode one UTF-8 sequence; returns the code point or 0xfffd and advances *i. */
static unsigned int utf8_next(const unsigned char *s, int len, int *i)
{
    unsigned int c = s[(*i)++];
    int extra;
    unsigned int min;
    if (c < 0x80) return c;
    if ((c & 0xe0) == 0xc0) { extra = 1; c &= 0x1f; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { extra = 2; c &= 0x0f; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { extra = 3; c &= 0x07; min = 0x10000; }
    else return 0xfffd;
    for (int k = 0; k < extra; k++) {
        if (*i >= len || (s[*i] & 0xc0) != 0x80) return 0xfffd;
        c = (c << 6) | (s[(*i)++] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) return 0xfffd;
    return c;
}

int carafe_utf8_to_utf16(const char *src, int srclen, WCHAR *dst, int dstlen)
{
    const unsigned char *s = (const unsigned char *)src;
    int len = srclen < 0 ? (int)strlen(src) + 1 : srclen;
    int i = 0, n = 0;
    while (i < len) {
        unsigned int c = utf8_next(s, len, &i);
        int units = c >= 0x10000 ? 2 : 1;
        if (dst) {
            if (n + units > dstlen) break;
            if (units == 2) {
                c -= 0x10000;
                dst[n] = 0xd800 | (c >> 10);
                dst[n + 1] = 0xdc00 | (c & 0x3ff);
            } else dst[n] = c;
        }
        n += units;
    }
    return n;
}

int carafe_utf16_to_utf8(const WCHAR *src, int srclen, char *dst, int dstlen)
{
    int len = srclen < 0 ? (int)carafe_wcslen(src) + 1 : srclen;
    int n = 0;
    for (int i = 0; i < len; i++) {
        unsigned int c = src[i];
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < len && src[i + 1] >= 0xdc00 && src[i + 1] < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (src[i + 1] - 0xdc00);
            i++;
        } else if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        char buf[4];
        int k;
        if (c < 0x80) { buf[0] = c; k = 1; }
        else if (c < 0x800) { buf[0] = 0xc0 | (c >> 6); buf[1] = 0x80 | (c & 0x3f); k = 2; }
        else if (c < 0x10000) { buf[0] = 0xe0 | (c >> 12); buf[1] = 0x80 | ((c >> 6) & 0x3f); buf[2] = 0x80 | (c & 0x3f); k = 3; }
        else { buf[0] = 0xf0 | (c >> 18); buf[1] = 0x80 | ((c >> 12) & 0x3f); buf[2] = 0x80 | ((c >> 6) & 0x3f); buf[3] = 0x80 | (c & 0x3f); k = 4; }
        if (dst) {
            if (n + k > dstlen) break;
            memcpy(dst + n, buf, k);
        }
        n += k;
    }
    return n;
}

WCHAR *carafe_utf8_to_wide_alloc(const char *s)
{
    int n = carafe_utf8_to_utf16(s, -1, NULL, 0);
    WCHAR *w = malloc(n * sizeof(WCHAR));
    if (w) carafe_utf8_to_utf16(s, -1, w, n);
    return w;
}

char *carafe_wide_to_utf8_alloc(const WCHAR *s)
{
    int n = carafe_utf16_to_utf8(s, -1, NULL, 0);
    char *u = malloc(n);
    if (u) carafe_utf16_to_utf8(s, -1, u, n);
    return u;
}
