/* wsprintfA/W, wvsprintfA/W: user32's own small printf.  No floating
 * point, no '*' width, no '+' or ' ' flags; output stops at 1024 characters
 * including the terminator.  Conversions: %c %C %s %S %d %i %u %x %X %p and
 * %%, with flags '-' '#' '0', a width, a precision, and the sizes h, l, w,
 * I, I32 and I64.  In the A form %s is ANSI and %S wide; in the W form the
 * other way round; 'h' forces ANSI and 'l'/'w' wide.  Anything else after
 * '%' is copied as it stands.
 *
 * Arguments arrive in the MS x64 way: consecutive 8-byte slots, walked by a
 * char pointer (the __builtin_ms_va_list). */
#include <string.h>

#include "winnls.h"

#define WSPRINTF_MAX 1024

enum { SIZE_DEFAULT, SIZE_SHORT, SIZE_WIDE, SIZE_64 };

struct out {
    int wide;
    char *a;
    WCHAR *w;
    int len;          /* characters written, the terminator excluded */
    int full;         /* a character did not fit */
};

static void put(struct out *o, WCHAR c)
{
    if (o->len >= WSPRINTF_MAX - 1) {
        o->full = 1;
        return;
    }
    if (o->wide) o->w[o->len++] = c;
    else o->a[o->len++] = (char)c;
}

static void pad(struct out *o, int n, WCHAR c)
{
    while (n-- > 0) put(o, c);
}

static ULONG64 next_arg(char **ap)
{
    ULONG64 v;
    memcpy(&v, *ap, sizeof(v));
    *ap += 8;
    return v;
}

/* A string argument, in the output's width; converted through CP_ACP. */
static void put_string(struct out *o, const void *str, int str_wide, int left, int width, int prec)
{
    static const char null_str[] = "(null)";
    char abuf[WSPRINTF_MAX * 4];
    WCHAR wbuf[WSPRINTF_MAX];
    int len = 0;

    if (!str) {
        str = null_str;
        str_wide = 0;
    }
    if (str_wide) {
        const WCHAR *s = str;
        while (s[len] && len < WSPRINTF_MAX) len++;
    } else {
        len = strnlen(str, WSPRINTF_MAX * 4);
    }
    if (str_wide != o->wide && len) {
        if (o->wide) {
            len = MultiByteToWideChar(CP_ACP, 0, str, len, wbuf, WSPRINTF_MAX);
            str = wbuf;
        } else {
            len = WideCharToMultiByte(CP_ACP, 0, str, len, abuf, sizeof(abuf), NULL, NULL);
            str = abuf;
        }
        str_wide = o->wide;
    }
    if (prec > 0 && len > prec) len = prec;
    if (!left) pad(o, width - len, ' ');
    for (int i = 0; i < len; i++) put(o, str_wide ? ((const WCHAR *)str)[i] : (BYTE)((const char *)str)[i]);
    if (left) pad(o, width - len, ' ');
}

static void put_number(struct out *o, ULONG64 v, int is_signed, int base, int upper, int alt,
                       int left, int zero, int width, int prec)
{
    char digits[32], prefix[3] = "";
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0, neg = 0;

    if (is_signed && (LONG64)v < 0) {
        neg = 1;
        v = -(ULONG64)v;
    }
    do {
        digits[n++] = set[v % base];
        v /= base;
    } while (v);
    if (neg) strcpy(prefix, "-");
    else if (alt && base == 16) strcpy(prefix, upper ? "0X" : "0x");
    /* the width counts a minus sign but not a 0x prefix */
    int plen = strlen(prefix), zeros = prec > n ? prec - n : 0;
    int total = (neg ? plen : 0) + zeros + n;
    if (zero && !left && prec < 0 && width > total) {
        zeros += width - total;
        total = width;
    }
    if (!left) pad(o, width - total, ' ');
    for (int i = 0; i < plen; i++) put(o, prefix[i]);
    pad(o, zeros, '0');
    while (n) put(o, digits[--n]);
    if (left) pad(o, width - total, ' ');
}

static int format(struct out *o, const void *fmtp, char *ap)
{
    const char *fa = fmtp;
    const WCHAR *fw = fmtp;
#define F(i) (o->wide ? fw[i] : (WCHAR)(BYTE)fa[i])
    int i = 0;

    while (F(i)) {
        WCHAR c = F(i++);
        if (c != '%') {
            put(o, c);
            continue;
        }
        int left = 0, zero = 0, alt = 0, width = 0, prec = -1, size = SIZE_DEFAULT;
        for (;; i++) {
            if (F(i) == '-') left = 1;
            else if (F(i) == '0') zero = 1;
            else if (F(i) == '#') alt = 1;
            else break;
        }
        while (F(i) >= '0' && F(i) <= '9') width = width * 10 + (F(i++) - '0');
        if (F(i) == '.') {
            prec = 0;
            i++;
            while (F(i) >= '0' && F(i) <= '9') prec = prec * 10 + (F(i++) - '0');
        }
        if (F(i) == 'l' || F(i) == 'w') { size = SIZE_WIDE; i++; }
        else if (F(i) == 'h') { size = SIZE_SHORT; i++; }
        else if (F(i) == 'I') {
            if (F(i + 1) == '6' && F(i + 2) == '4') { size = SIZE_64; i += 3; }
            else if (F(i + 1) == '3' && F(i + 2) == '2') i += 3;
            else { size = SIZE_64; i++; }
        }
        WCHAR type = F(i);
        if (!type) break;
        i++;
        switch (type) {
        case 'c': case 'C': {
            int wide_arg = size == SIZE_WIDE || (size != SIZE_SHORT && (type == 'C') != o->wide);
            ULONG64 v = next_arg(&ap);
            WCHAR wch = (WCHAR)v;
            char ch = (char)v;
            if (!left) pad(o, width - 1, ' ');
            if (wide_arg == o->wide) put(o, wide_arg ? wch : (BYTE)ch);
            else if (o->wide) {
                WCHAR conv = 0;
                MultiByteToWideChar(CP_ACP, 0, &ch, 1, &conv, 1);
                put(o, conv);
            } else {
                char conv[4] = "";
                int n = WideCharToMultiByte(CP_ACP, 0, &wch, 1, conv, sizeof(conv), NULL, NULL);
                for (int k = 0; k < n; k++) put(o, (BYTE)conv[k]);
            }
            if (left) pad(o, width - 1, ' ');
            break;
        }
        case 's': case 'S': {
            int wide_arg = size == SIZE_WIDE || (size != SIZE_SHORT && (type == 'S') != o->wide);
            const void *s = (const void *)(ULONG_PTR)next_arg(&ap);
            put_string(o, s, wide_arg, left, width, prec);
            break;
        }
        case 'd': case 'i': {
            ULONG64 v = next_arg(&ap);
            if (size != SIZE_64) v = (ULONG64)(LONG64)(LONG)v;
            put_number(o, v, 1, 10, 0, 0, left, zero, width, prec);
            break;
        }
        case 'u': case 'x': case 'X': {
            ULONG64 v = next_arg(&ap);
            if (size != SIZE_64) v = (DWORD)v;
            put_number(o, v, 0, type == 'u' ? 10 : 16, type == 'X', alt && type != 'u', left, zero, width, prec);
            break;
        }
        case 'p':
            put_number(o, next_arg(&ap), 0, 16, 1, alt, left, zero, width, 2 * (int)sizeof(void *));
            break;
        default:
            put(o, type);
            break;
        }
    }
#undef F
    if (o->wide) o->w[o->len] = 0;
    else o->a[o->len] = 0;
    return o->full ? WSPRINTF_MAX : o->len;
}

int WINAPI wvsprintfA(LPSTR buf, LPCSTR fmt, __builtin_ms_va_list ap)
{
    struct out o = { 0, buf, NULL, 0, 0 };
    if (!buf || !fmt) return -1;
    return format(&o, fmt, (char *)ap);
}

int WINAPI wvsprintfW(LPWSTR buf, LPCWSTR fmt, __builtin_ms_va_list ap)
{
    struct out o = { 1, NULL, buf, 0, 0 };
    if (!buf || !fmt) return -1;
    return format(&o, fmt, (char *)ap);
}

int WINAPIV wsprintfA(LPSTR buf, LPCSTR fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int r = wvsprintfA(buf, fmt, ap);
    __builtin_ms_va_end(ap);
    return r;
}

int WINAPIV wsprintfW(LPWSTR buf, LPCWSTR fmt, ...)
{
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, fmt);
    int r = wvsprintfW(buf, fmt, ap);
    __builtin_ms_va_end(ap);
    return r;
}
