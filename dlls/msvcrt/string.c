/* msvcrt byte-string and memory functions (C locale).  Comparisons and
 * case mapping are ASCII-only, as in msvcrt's "C" locale; collation is
 * byte order. */
#include <string.h>
#include <stdlib.h>
#include "msvcrt_private.h"

void * CDECL MSVCRT_malloc(size_t size);

static inline int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c; }
static inline int ascii_upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

size_t CDECL MSVCRT_strlen(const char *s) { return strlen(s); }
size_t CDECL MSVCRT_strnlen(const char *s, size_t max) { return strnlen(s, max); }
char * CDECL MSVCRT_strcpy(char *dst, const char *src) { return strcpy(dst, src); }
char * CDECL MSVCRT_strcat(char *dst, const char *src) { return strcat(dst, src); }
char * CDECL MSVCRT_strncat(char *dst, const char *src, size_t n) { return strncat(dst, src, n); }
char * CDECL MSVCRT_strchr(const char *s, int c) { return strchr(s, c); }
char * CDECL MSVCRT_strrchr(const char *s, int c) { return strrchr(s, c); }
char * CDECL MSVCRT_strstr(const char *s, const char *sub) { return strstr(s, sub); }
size_t CDECL MSVCRT_strspn(const char *s, const char *set) { return strspn(s, set); }
size_t CDECL MSVCRT_strcspn(const char *s, const char *set) { return strcspn(s, set); }
char * CDECL MSVCRT_strpbrk(const char *s, const char *set) { return strpbrk(s, set); }

/* strncpy pads the rest of dst with zeros, like every strncpy */
char * CDECL MSVCRT_strncpy(char *dst, const char *src, size_t n) { return strncpy(dst, src, n); }

/* msvcrt's strcmp answers -1, 0 or 1 */
int CDECL MSVCRT_strcmp(const char *a, const char *b)
{
    int r = strcmp(a, b);
    return r < 0 ? -1 : r > 0;
}

/* strncmp answers the difference of the first differing bytes */
int CDECL MSVCRT_strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
        if (!*a) break;
    }
    return 0;
}

int CDECL MSVCRT_strcoll(const char *a, const char *b) { return MSVCRT_strcmp(a, b); }
int CDECL MSVCRT__strncoll(const char *a, const char *b, size_t n) { return MSVCRT_strncmp(a, b, n); }

int CDECL MSVCRT__strnicmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int ca = ascii_lower((unsigned char)*a), cb = ascii_lower((unsigned char)*b);
        if (ca != cb) return ca - cb;
        if (!ca) break;
    }
    return 0;
}

int CDECL MSVCRT__stricmp(const char *a, const char *b) { return MSVCRT__strnicmp(a, b, (size_t)-1); }
int CDECL MSVCRT__strcmpi(const char *a, const char *b) { return MSVCRT__strnicmp(a, b, (size_t)-1); }
int CDECL MSVCRT__stricoll(const char *a, const char *b) { return MSVCRT__strnicmp(a, b, (size_t)-1); }
int CDECL MSVCRT__strnicoll(const char *a, const char *b, size_t n) { return MSVCRT__strnicmp(a, b, n); }
int CDECL MSVCRT__stricmp_l(const char *a, const char *b, void *locale) { return MSVCRT__stricmp(a, b); }
int CDECL MSVCRT__strnicmp_l(const char *a, const char *b, size_t n, void *locale)
{
    return MSVCRT__strnicmp(a, b, n);
}

/* strxfrm in the C locale: the transformed string is the string itself */
size_t CDECL MSVCRT_strxfrm(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    if (len < n) memcpy(dst, src, len + 1);
    return len;
}

/* strtok keeps its place per thread; strtok_s keeps it in *context */
char * CDECL MSVCRT_strtok_s(char *str, const char *delim, char **context)
{
    if (!delim || !context || (!str && !*context)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    if (!str) str = *context;
    str += strspn(str, delim);
    if (!*str) {
        *context = str;
        return NULL;
    }
    char *end = str + strcspn(str, delim);
    if (*end) *end++ = 0;
    *context = end;
    return str;
}

char * CDECL MSVCRT_strtok(char *str, const char *delim)
{
    char **next = &msvcrt_td()->strtok_next;
    if (!str && !*next) return NULL;
    return MSVCRT_strtok_s(str, delim, next);
}

char * CDECL MSVCRT__strdup(const char *s)
{
    if (!s) return NULL;
    size_t len = strlen(s) + 1;
    char *copy = MSVCRT_malloc(len);
    if (copy) memcpy(copy, s, len);
    return copy;
}

char * CDECL MSVCRT__strlwr(char *s)
{
    for (char *p = s; *p; p++) *p = ascii_lower((unsigned char)*p);
    return s;
}

char * CDECL MSVCRT__strupr(char *s)
{
    for (char *p = s; *p; p++) *p = ascii_upper((unsigned char)*p);
    return s;
}

int CDECL MSVCRT__strlwr_s(char *s, size_t size)
{
    if (!s || strnlen(s, size) == size) {
        if (s && size) *s = 0;
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    MSVCRT__strlwr(s);
    return 0;
}

int CDECL MSVCRT__strupr_s(char *s, size_t size)
{
    if (!s || strnlen(s, size) == size) {
        if (s && size) *s = 0;
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    MSVCRT__strupr(s);
    return 0;
}

char * CDECL MSVCRT__strrev(char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len / 2; i++) {
        char t = s[i];
        s[i] = s[len - 1 - i];
        s[len - 1 - i] = t;
    }
    return s;
}

char * CDECL MSVCRT__strset(char *s, int c)
{
    for (char *p = s; *p; p++) *p = (char)c;
    return s;
}

char * CDECL MSVCRT__strnset(char *s, int c, size_t n)
{
    for (char *p = s; n && *p; p++, n--) *p = (char)c;
    return s;
}

/* memcpy tolerates overlap in msvcrt (programs rely on it) */
void * CDECL MSVCRT_memcpy(void *dst, const void *src, size_t n) { return memmove(dst, src, n); }
void * CDECL MSVCRT_memmove(void *dst, const void *src, size_t n) { return memmove(dst, src, n); }
void * CDECL MSVCRT_memset(void *dst, int c, size_t n) { return memset(dst, c, n); }
void * CDECL MSVCRT_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }

int CDECL MSVCRT_memcmp(const void *a, const void *b, size_t n)
{
    int r = memcmp(a, b, n);
    return r < 0 ? -1 : r > 0;
}

int CDECL MSVCRT_memcpy_s(void *dst, size_t size, const void *src, size_t n)
{
    if (!n) return 0;
    if (!dst) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (!src) {
        memset(dst, 0, size);
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (n > size) {
        memset(dst, 0, size);
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    memmove(dst, src, n);
    return 0;
}

int CDECL MSVCRT_memmove_s(void *dst, size_t size, const void *src, size_t n)
{
    if (!n) return 0;
    if (!dst || !src) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (n > size) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    memmove(dst, src, n);
    return 0;
}

int CDECL MSVCRT__memicmp(const void *a, const void *b, size_t n)
{
    const unsigned char *pa = a, *pb = b;
    for (; n; n--, pa++, pb++) {
        int ca = ascii_lower(*pa), cb = ascii_lower(*pb);
        if (ca != cb) return ca - cb;
    }
    return 0;
}

int CDECL MSVCRT__memicmp_l(const void *a, const void *b, size_t n, void *locale)
{
    return MSVCRT__memicmp(a, b, n);
}

/* copies up to and including the first c; the result points past it */
void * CDECL MSVCRT__memccpy(void *dst, const void *src, int c, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (; n; n--) {
        if ((*d++ = *s++) == (unsigned char)c) return d;
    }
    return NULL;
}

/* the bounds-checked copies: on failure dst becomes "" and errno is set */
static int string_fail(char *dst, size_t size, int err)
{
    if (dst && size) *dst = 0;
    msvcrt_set_errno(err);
    return err;
}

int CDECL MSVCRT_strcpy_s(char *dst, size_t size, const char *src)
{
    if (!dst || !size) return string_fail(NULL, 0, MSVCRT_EINVAL);
    if (!src) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t len = strlen(src);
    if (len >= size) return string_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst, src, len + 1);
    return 0;
}

int CDECL MSVCRT_strcat_s(char *dst, size_t size, const char *src)
{
    if (!dst || !size) return string_fail(NULL, 0, MSVCRT_EINVAL);
    if (!src) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t have = strnlen(dst, size);
    if (have == size) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t len = strlen(src);
    if (have + len >= size) return string_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst + have, src, len + 1);
    return 0;
}

#define MSVCRT_TRUNCATE ((size_t)-1)

int CDECL MSVCRT_strncpy_s(char *dst, size_t size, const char *src, size_t count)
{
    if (!count && !dst && !size) return 0;
    if (!dst || !size) return string_fail(NULL, 0, MSVCRT_EINVAL);
    if (!count) { *dst = 0; return 0; }
    if (!src) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t len = strnlen(src, count);
    if (count == MSVCRT_TRUNCATE && len >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = 0;
        return MSVCRT_STRUNCATE;
    }
    if (len >= size) return string_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst, src, len);
    dst[len] = 0;
    return 0;
}

int CDECL MSVCRT_strncat_s(char *dst, size_t size, const char *src, size_t count)
{
    if (!count && !dst && !size) return 0;
    if (!dst || !size) return string_fail(NULL, 0, MSVCRT_EINVAL);
    if (!count) return 0;
    if (!src) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t have = strnlen(dst, size);
    if (have == size) return string_fail(dst, size, MSVCRT_EINVAL);
    size_t len = strnlen(src, count);
    if (count == MSVCRT_TRUNCATE && have + len >= size) {
        memcpy(dst + have, src, size - have - 1);
        dst[size - 1] = 0;
        return MSVCRT_STRUNCATE;
    }
    if (have + len >= size) return string_fail(dst, size, MSVCRT_ERANGE);
    memcpy(dst + have, src, len);
    dst[have + len] = 0;
    return 0;
}
