/* Strings: lstr*, CompareString, CompareStringOrdinal, LCMapString,
 * GetStringType.
 *
 * Case mapping and character classes come from glibc's C.UTF-8 locale
 * (towupper_l and friends, one code point at a time), kept in 64K tables
 * built once, with Windows' exceptions: no mapping crosses from non-ASCII to
 * ASCII (U+0131 stays, U+0130 stays), and mappings are one unit to one unit.
 *
 * Linguistic order approximates Windows' default sort table with a sort key
 * of four levels, compared in turn:
 *   1. primary: controls < whitespace < punctuation (in Windows' order)
 *      < currency < math symbols < other symbols < digits < Latin letters
 *      (case and accents folded; æ = ae, ß = ss, œ = oe) < other letters
 *      by code point (hiragana = katakana) < everything else;
 *   2. diacritics (a plain letter before its accented forms);
 *   3. case, width and kana type (lowercase first);
 *   4. in word sort (the default), the hyphen and the apostrophe weigh
 *      nothing above and are compared last, by position and kind.
 * CompareString compares exactly these keys, and LCMAP_SORTKEY returns them,
 * so both agree; the bytes are not Windows' bytes. */
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "carafe/ntdll.h"
#include "nls_private.h"

DEFAULT_DEBUG_CHANNEL(nls);

/* ---- case and class tables ---- */

static WCHAR *upper_table, *lower_table;
static locale_t utf8_locale;
static pthread_once_t case_once = PTHREAD_ONCE_INIT;

static void init_case_tables(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    upper_table = malloc(65536 * sizeof(WCHAR));
    lower_table = malloc(65536 * sizeof(WCHAR));
    if (!upper_table || !lower_table) {
        free(upper_table);
        free(lower_table);
        upper_table = lower_table = NULL;
        return;
    }
    for (unsigned c = 0; c < 65536; c++) {
        unsigned up = c, low = c;
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z') up = c - 32;
            if (c >= 'A' && c <= 'Z') low = c + 32;
        } else if ((c < 0xd800 || c > 0xdfff) && utf8_locale) {
            up = towupper_l(c, utf8_locale);
            low = towlower_l(c, utf8_locale);
            if (up > 0xffff || up < 0x80) up = c;
            if (low > 0xffff || low < 0x80) low = c;
        }
        upper_table[c] = up;
        lower_table[c] = low;
    }
}

WCHAR nls_toupper(WCHAR c)
{
    pthread_once(&case_once, init_case_tables);
    if (upper_table) return upper_table[c];
    return (c >= 'a' && c <= 'z') ? c - 32 : c;
}

WCHAR nls_tolower(WCHAR c)
{
    pthread_once(&case_once, init_case_tables);
    if (lower_table) return lower_table[c];
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static locale_t class_locale(void)
{
    pthread_once(&case_once, init_case_tables);
    return utf8_locale;
}

/* ---- Latin letters: base letter and accent ---- */

/* For U+00C0..U+017F: base letter (lowercase) and accent code, two chars each.
 * Accents: a acute, g grave, b breve, c circumflex, v caron, r ring,
 * d diaeresis, h double acute, t tilde, p dot, s stroke, e cedilla,
 * o ogonek, m macron, x other.  '.' = not a plain accented letter. */
static const char latin_decomp[] =
    "agaaacatadar..ceegeaecedigiaiciddsntogoaocotod..osuguaucudya...."   /* U+00C0 */
    "agaaacatadar..ceegeaecedigiaiciddsntogoaocotod..osuguaucudya..yd"   /* U+00E0 */
    "amamababaoaocacacccccpcpcvcvdvdvdsdsememebebepepeoeoevevgcgcgbgb"   /* U+0100 */
    "gpgpgegehchchshsititimimibibioioipix....jcjckekekxlalalelelvlvlp"   /* U+0120 */
    "lplslsnananenenvnvnxnxnxomomobobohoh....rararerervrvsasascscsese"   /* U+0140 */
    "svsvtetetvtvtstsututumumububururuhuhuouowcwcycycydzazazpzpzvzvsx";

static int latin_entry(WCHAR c, char *base, char *accent)
{
    if (c < 0xc0 || c > 0x17f) return 0;
    const char *e = latin_decomp + 2 * (c - 0xc0);
    if (e[0] == '.') return 0;
    *base = e[0];
    *accent = e[1];
    return 1;
}

WCHAR nls_latin_base(WCHAR c)
{
    char base, accent;
    if (!latin_entry(c, &base, &accent)) return 0;
    return nls_toupper(c) == c && nls_tolower(c) != c ? (WCHAR)(base - 32) : (WCHAR)base;
}

static BYTE accent_weight(char accent)
{
    static const char order[] = "agbcvrdhtpseomx";
    const char *p = strchr(order, accent);
    return p ? (BYTE)(p - order + 1) : 15;
}

/* ---- lstr* ---- */

int WINAPI lstrlenA(LPCSTR s)
{
    return s ? (int)strlen(s) : 0;
}

int WINAPI lstrlenW(LPCWSTR s)
{
    return s ? (int)carafe_wcslen(s) : 0;
}

LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src) return NULL;
    memmove(dst, src, strlen(src) + 1);
    return dst;
}

LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src)
{
    if (!dst || !src) return NULL;
    memmove(dst, src, (carafe_wcslen(src) + 1) * sizeof(WCHAR));
    return dst;
}

/* copies at most n - 1 characters and always terminates (n > 0) */
LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int n)
{
    if (!dst || n <= 0) return dst;
    int i = 0;
    if (src)
        for (; i < n - 1 && src[i]; i++) dst[i] = src[i];
    dst[i] = 0;
    return dst;
}

LPWSTR WINAPI lstrcpynW(LPWSTR dst, LPCWSTR src, int n)
{
    if (!dst || n <= 0) return dst;
    int i = 0;
    if (src)
        for (; i < n - 1 && src[i]; i++) dst[i] = src[i];
    dst[i] = 0;
    return dst;
}

LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src) return NULL;
    strcat(dst, src);
    return dst;
}

LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src)
{
    if (!dst || !src) return NULL;
    lstrcpyW(dst + carafe_wcslen(dst), src);
    return dst;
}

/* NULL sorts before any string */
int WINAPI lstrcmpA(LPCSTR a, LPCSTR b)
{
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    return CompareStringA(GetThreadLocale(), 0, a, -1, b, -1) - CSTR_EQUAL;
}

int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b)
{
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    return CompareStringA(GetThreadLocale(), NORM_IGNORECASE, a, -1, b, -1) - CSTR_EQUAL;
}

int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    return CompareStringW(GetThreadLocale(), 0, a, -1, b, -1) - CSTR_EQUAL;
}

int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    return CompareStringW(GetThreadLocale(), NORM_IGNORECASE, a, -1, b, -1) - CSTR_EQUAL;
}

/* ---- sort weights ---- */

enum sort_group {
    G_IGNORE = 0, G_CONTROL, G_SPACE, G_PUNCT, G_CURRENCY, G_MATH, G_SYMBOL,
    G_DIGIT, G_LATIN, G_LETTER, G_OTHER,
};

#define T_UPPER 1
#define T_WIDE  2
#define T_KANA  4

struct weight {
    DWORD primary;       /* group << 16 | value; 0 = none */
    BYTE diacritic;
    BYTE tertiary;
    BYTE special;        /* word sort: hyphen or apostrophe, compared last */
};

static const char ascii_punct_order[] = "'-!\"#%&()*,./:;?@[\\]^_`{|}~";

static int is_symbol_group(DWORD primary)
{
    int g = primary >> 16;
    return g >= G_SPACE && g <= G_SYMBOL;
}

/* One UTF-16 unit -> up to two weights (expansions). Returns the count. */
static int char_weights(WCHAR c, DWORD flags, struct weight *w)
{
    locale_t loc = class_locale();
    char base, accent;
    memset(w, 0, 2 * sizeof(*w));

    if (c >= 0xff01 && c <= 0xff5e) {   /* fullwidth ASCII: ASCII, wide */
        int n = char_weights(c - 0xfee0, flags, w);
        for (int i = 0; i < n; i++) w[i].tertiary |= T_WIDE;
        return n;
    }
    if (c == 0x3000) {
        char_weights(' ', flags, w);
        w[0].tertiary |= T_WIDE;
        return 1;
    }
    if (nls_toupper(c) == c && nls_tolower(c) != c) w[0].tertiary |= T_UPPER;

    if (!c || (c >= 0x300 && c <= 0x36f) || c == 0xad || c == 0xfeff || (c >= 0x200b && c <= 0x200f)) {
        w[0].diacritic = c ? (BYTE)(c - 0x300 + 16) : 0;   /* combining: adds to the previous letter */
        return 1;
    }
    if (c == '\'' || c == '-') {
        if (!(flags & SORT_STRINGSORT)) {
            w[0].special = c == '\'' ? 1 : 2;
            return 1;
        }
        w[0].primary = G_PUNCT << 16 | (c == '\'' ? 1 : 2);
        return 1;
    }
    if (c < 0x80) {
        const char *p;
        if (c >= '0' && c <= '9') { w[0].primary = G_DIGIT << 16 | (c - '0') * 4; return 1; }
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') { w[0].primary = G_LATIN << 16 | ((c | 0x20) - 'a') * 4; return 1; }
        if (c == ' ') { w[0].primary = G_SPACE << 16 | 1; return 1; }
        if (c >= '\t' && c <= '\r') { w[0].primary = G_SPACE << 16 | (c - '\t' + 3); return 1; }
        if (c == '$') { w[0].primary = G_PUNCT << 16 | 0x80; return 1; }
        if ((p = strchr(ascii_punct_order, c))) { w[0].primary = G_PUNCT << 16 | (p - ascii_punct_order + 1); return 1; }
        if (c == '+' || c == '<' || c == '=' || c == '>') { w[0].primary = G_MATH << 16 | c; return 1; }
        w[0].primary = G_CONTROL << 16 | c;
        return 1;
    }
    /* expansions */
    if (c == 0xc6 || c == 0xe6 || c == 0x152 || c == 0x153 || c == 0xdf || c == 0x132 || c == 0x133) {
        const char *pair = (c == 0xc6 || c == 0xe6) ? "ae" : (c == 0xdf) ? "ss" : (c >= 0x152 && c <= 0x153) ? "oe" : "ij";
        w[1].tertiary = w[0].tertiary;
        w[0].primary = G_LATIN << 16 | (pair[0] - 'a') * 4;
        w[1].primary = G_LATIN << 16 | (pair[1] - 'a') * 4;
        return 2;
    }
    if (latin_entry(c, &base, &accent)) {
        w[0].primary = G_LATIN << 16 | (base - 'a') * 4;
        w[0].diacritic = accent_weight(accent);
        return 1;
    }
    if (c == 0xde || c == 0xfe) { w[0].primary = G_LATIN << 16 | 26 * 4; return 1; }   /* thorn, after z */
    if (c == 0xb9 || c == 0xb2 || c == 0xb3) {
        w[0].primary = G_DIGIT << 16 | (c == 0xb9 ? 1 : c - 0xb0) * 4;
        w[0].diacritic = 15;
        return 1;
    }
    if (c == 0xbc || c == 0xbd || c == 0xbe) { w[0].primary = G_DIGIT << 16 | (2 + c - 0xbc); return 1; }
    if (c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x85) {
        w[0].primary = G_SPACE << 16 | (c == 0xa0 ? 2 : 0x100 + (c & 0xff));
        return 1;
    }
    if (c < 0xa0 || (c >= 0xd800 && c <= 0xdfff)) {
        w[0].primary = (c < 0xa0 ? G_CONTROL : G_OTHER) << 16 | c;
        return 1;
    }
    if ((c >= 0xa2 && c <= 0xa5) || (c >= 0x20a0 && c <= 0x20cf)) { w[0].primary = G_CURRENCY << 16 | c; return 1; }
    if (c == 0xab || c == 0xbb || c == 0xb1 || c == 0xd7 || c == 0xf7 || c == 0xac || (c >= 0x2200 && c <= 0x22ff)) {
        w[0].primary = G_MATH << 16 | c;
        return 1;
    }
    if (c >= 0x3041 && c <= 0x3096) { w[0].primary = G_LETTER << 16 | c; return 1; }
    if (c >= 0x30a1 && c <= 0x30f6) { w[0].primary = G_LETTER << 16 | (c - 0x60); w[0].tertiary |= T_KANA; return 1; }
    if (loc && iswalpha_l(c, loc)) {
        if (c >= 0x3400) { w[0].primary = G_OTHER << 16 | c; return 1; }
        w[0].primary = G_LETTER << 16 | nls_tolower(c);
        return 1;
    }
    if (loc && iswalnum_l(c, loc)) { w[0].primary = G_DIGIT << 16 | (0x100 + (c & 0xfff)); return 1; }
    if (loc && iswpunct_l(c, loc)) {
        w[0].primary = (c < 0xc0 || (c >= 0x2010 && c <= 0x205e) ? G_PUNCT : G_SYMBOL) << 16 | c;
        if (c == 0xa7 || c == 0xa9 || c == 0xae || c == 0xb0 || c == 0xb6) w[0].primary = G_SYMBOL << 16 | c;
        return 1;
    }
    w[0].primary = G_OTHER << 16 | c;
    return 1;
}

/* ---- sort keys ---- */

struct keybuf {
    BYTE *data;
    size_t len, cap;
    BYTE local[512];
};

static void key_init(struct keybuf *k)
{
    k->data = k->local;
    k->len = 0;
    k->cap = sizeof(k->local);
}

static void key_free(struct keybuf *k)
{
    if (k->data != k->local) free(k->data);
}

static int key_put(struct keybuf *k, BYTE b)
{
    if (k->len == k->cap) {
        size_t cap = k->cap * 2;
        BYTE *p = k->data == k->local ? malloc(cap) : realloc(k->data, cap);
        if (!p) return 0;
        if (k->data == k->local) memcpy(p, k->local, k->len);
        k->data = p;
        k->cap = cap;
    }
    k->data[k->len++] = b;
    return 1;
}

/* weight bytes are >= 2 so that 1 (level separator) and 0 (end) sort first */
static int key_put_base254(struct keybuf *k, DWORD v, int digits)
{
    BYTE out[4];
    for (int i = digits - 1; i >= 0; i--) { out[i] = v % 254 + 2; v /= 254; }
    for (int i = 0; i < digits; i++)
        if (!key_put(k, out[i])) return 0;
    return 1;
}

static int key_digit_run(const WCHAR *s, int len, int i)
{
    int j = i;
    while (j < len && s[j] >= '0' && s[j] <= '9') j++;
    return j - i;
}

/* Builds the four-level key of s. Returns FALSE when out of memory. */
static BOOL build_sort_key(const WCHAR *s, int len, DWORD flags, struct keybuf *k)
{
    struct weight *w, wlocal[128];
    int n = 0, cap = 2 * len + 2;
    BOOL ok = FALSE;

    w = cap <= 128 ? wlocal : malloc(cap * sizeof(*w));
    if (!w) return FALSE;
    /* expand into weights; combining marks fold into the previous element */
    for (int i = 0; i < len; i++) {
        struct weight cw[2];
        if ((flags & SORT_DIGITSASNUMBERS) && s[i] >= '0' && s[i] <= '9') {
            int run = key_digit_run(s, len, i), lead = 0;
            while (lead < run - 1 && s[i + lead] == '0') lead++;
            /* the count of significant digits sorts first, then the digits */
            if (n + 1 + run > cap) {
                int newcap = cap + run + 2;
                struct weight *nw = w == wlocal ? malloc(newcap * sizeof(*w)) : realloc(w, newcap * sizeof(*w));
                if (!nw) goto done;
                if (w == wlocal) memcpy(nw, wlocal, n * sizeof(*w));
                w = nw;
                cap = newcap;
            }
            memset(&w[n], 0, sizeof(w[n]));
            w[n++].primary = G_DIGIT << 16 | (run - lead);
            for (int d = i + lead; d < i + run; d++) {
                memset(&w[n], 0, sizeof(w[n]));
                w[n++].primary = G_DIGIT << 16 | 0x8000 | (s[d] - '0');
            }
            i += run - 1;
            continue;
        }
        int cnt = char_weights(s[i], flags, cw);
        for (int j = 0; j < cnt; j++) {
            if (!cw[j].primary && !cw[j].special) {
                if (n && cw[j].diacritic) {
                    int d = w[n - 1].diacritic + cw[j].diacritic;
                    w[n - 1].diacritic = d > 250 ? 250 : d;
                }
                continue;
            }
            if ((flags & NORM_IGNORESYMBOLS) && (cw[j].special || is_symbol_group(cw[j].primary))) continue;
            if (cw[j].special) cw[j].primary = 0;
            /* position for special weights */
            if (cw[j].special) cw[j].diacritic = 0, cw[j].tertiary = 0;
            w[n] = cw[j];
            if (cw[j].special) w[n].primary = (DWORD)i;   /* reuse: position */
            n++;
        }
    }
    /* level 1 */
    for (int i = 0; i < n; i++)
        if (!w[i].special && !key_put_base254(k, w[i].primary, 3)) goto done;
    if (!key_put(k, 1)) goto done;
    /* level 2 */
    if (!(flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC)))
        for (int i = 0; i < n; i++)
            if (!w[i].special && !key_put(k, w[i].diacritic + 2)) goto done;
    if (!key_put(k, 1)) goto done;
    /* level 3 */
    for (int i = 0; i < n; i++) {
        if (w[i].special) continue;
        BYTE t = w[i].tertiary;
        if (flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE)) t &= ~T_UPPER;
        if (flags & NORM_IGNOREWIDTH) t &= ~T_WIDE;
        if (flags & NORM_IGNOREKANATYPE) t &= ~T_KANA;
        if (!key_put(k, t + 2)) goto done;
    }
    if (!key_put(k, 1)) goto done;
    /* level 4: an earlier hyphen weighs more */
    for (int i = 0; i < n; i++) {
        if (!w[i].special) continue;
        if (!key_put_base254(k, 0xffffff - w[i].primary, 3) || !key_put(k, w[i].special + 2)) goto done;
    }
    if (!key_put(k, 0)) goto done;
    ok = TRUE;
done:
    if (w != wlocal) free(w);
    return ok;
}

#define COMPARE_FLAGS (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | SORT_DIGITSASNUMBERS | \
                       LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | \
                       NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING | 0x10000000 | \
                       LOCALE_USE_CP_ACP)

static int compare_strings(DWORD flags, const WCHAR *a, int alen, const WCHAR *b, int blen)
{
    struct keybuf ka, kb;
    int ret;

    if (!a || !b) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~COMPARE_FLAGS) {
        carafe_set_last_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (alen < 0) alen = carafe_wcslen(a);
    if (blen < 0) blen = carafe_wcslen(b);
    key_init(&ka);
    key_init(&kb);
    if (!build_sort_key(a, alen, flags, &ka) || !build_sort_key(b, blen, flags, &kb)) {
        key_free(&ka);
        key_free(&kb);
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    size_t n = ka.len < kb.len ? ka.len : kb.len;
    int r = memcmp(ka.data, kb.data, n);
    if (!r) r = (ka.len > kb.len) - (ka.len < kb.len);
    ret = r < 0 ? CSTR_LESS_THAN : r > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
    key_free(&ka);
    key_free(&kb);
    return ret;
}

int WINAPI CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int alen, LPCWSTR b, int blen)
{
    if (!nls_resolve_lcid(lcid)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return compare_strings(flags, a, alen, b, blen);
}

int WINAPI CompareStringEx(LPCWSTR locale, DWORD flags, LPCWSTR a, int alen, LPCWSTR b, int blen,
                           void *version, void *reserved, LPARAM param)
{
    if (version || reserved || param) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (locale && !nls_lcid_from_name(locale)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return compare_strings(flags, a, alen, b, blen);
}

/* an A string -> malloc'd W string in the ANSI code page; *len in/out */
static WCHAR *ansi_to_wide(const char *s, int *len)
{
    int n = *len < 0 ? (int)strlen(s) : *len;
    if (!n) {
        WCHAR *w = malloc(sizeof(WCHAR));
        *len = 0;
        return w;
    }
    int wn = MultiByteToWideChar(CP_ACP, 0, s, n, NULL, 0);
    WCHAR *w = malloc((wn + 1) * sizeof(WCHAR));
    if (!w) return NULL;
    MultiByteToWideChar(CP_ACP, 0, s, n, w, wn);
    w[wn] = 0;
    *len = wn;
    return w;
}

int WINAPI CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int alen, LPCSTR b, int blen)
{
    if (!a || !b) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!nls_resolve_lcid(lcid)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *wa = ansi_to_wide(a, &alen), *wb = ansi_to_wide(b, &blen);
    int ret = 0;
    if (wa && wb) ret = compare_strings(flags & ~LOCALE_USE_CP_ACP, wa, alen, wb, blen);
    else carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
    free(wa);
    free(wb);
    return ret;
}

int WINAPI CompareStringOrdinal(LPCWSTR a, int alen, LPCWSTR b, int blen, BOOL ignore_case)
{
    if (!a || !b) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (alen < 0) alen = carafe_wcslen(a);
    if (blen < 0) blen = carafe_wcslen(b);
    int n = alen < blen ? alen : blen;
    for (int i = 0; i < n; i++) {
        WCHAR ca = a[i], cb = b[i];
        if (ignore_case) { ca = nls_toupper(ca); cb = nls_toupper(cb); }
        if (ca != cb) return ca < cb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    return alen < blen ? CSTR_LESS_THAN : alen > blen ? CSTR_GREATER_THAN : CSTR_EQUAL;
}

/* ---- LCMapString ---- */

static WCHAR to_halfwidth(WCHAR c)
{
    if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
    if (c == 0x3000) return ' ';
    return c;
}

static WCHAR to_fullwidth(WCHAR c)
{
    if (c >= 0x21 && c <= 0x7e) return c + 0xfee0;
    if (c == ' ') return 0x3000;
    return c;
}

static int map_string(DWORD flags, const WCHAR *src, int srclen, WCHAR *dst, int dstlen)
{
    if (flags & LCMAP_SORTKEY) {
        struct keybuf k;
        key_init(&k);
        if (!build_sort_key(src, srclen, flags & ~LCMAP_SORTKEY, &k)) {
            key_free(&k);
            carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        int n = (int)k.len;
        if (dstlen) {
            if (n > dstlen) {
                key_free(&k);
                carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            memcpy(dst, k.data, n);
        }
        key_free(&k);
        return n;
    }
    if (!dstlen) return srclen;
    if (dstlen < srclen) {
        carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    DWORD casing = flags & (LCMAP_UPPERCASE | LCMAP_LOWERCASE);
    for (int i = 0; i < srclen; i++) {
        WCHAR c = src[i];
        if (flags & LCMAP_HALFWIDTH) c = to_halfwidth(c);
        if (flags & LCMAP_FULLWIDTH) c = to_fullwidth(c);
        if ((flags & LCMAP_KATAKANA) && c >= 0x3041 && c <= 0x3096) c += 0x60;
        if ((flags & LCMAP_HIRAGANA) && c >= 0x30a1 && c <= 0x30f6) c -= 0x60;
        if (casing == LCMAP_UPPERCASE) c = nls_toupper(c);
        else if (casing == LCMAP_LOWERCASE) c = nls_tolower(c);
        if (flags & LCMAP_BYTEREV) c = (WCHAR)(c << 8 | c >> 8);
        dst[i] = c;
    }
    return srclen;
}

#define LCMAP_KNOWN (LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_SORTKEY | LCMAP_BYTEREV | LCMAP_HIRAGANA | \
                     LCMAP_KATAKANA | LCMAP_HALFWIDTH | LCMAP_FULLWIDTH | LCMAP_LINGUISTIC_CASING | \
                     LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE | NORM_IGNORECASE | \
                     NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | \
                     SORT_STRINGSORT | SORT_DIGITSASNUMBERS | LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC)

static int lcmap(DWORD flags, const WCHAR *src, int srclen, WCHAR *dst, int dstlen)
{
    if (!src || !srclen || dstlen < 0 || (dstlen && !dst)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD kind = flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_SORTKEY | LCMAP_BYTEREV | LCMAP_HIRAGANA |
                          LCMAP_KATAKANA | LCMAP_HALFWIDTH | LCMAP_FULLWIDTH | LCMAP_SIMPLIFIED_CHINESE |
                          LCMAP_TRADITIONAL_CHINESE);
    if ((flags & ~LCMAP_KNOWN) || !kind || (flags & LCMAP_UPPERCASE && flags & LCMAP_LOWERCASE) ||
        (flags & LCMAP_HIRAGANA && flags & LCMAP_KATAKANA) || (flags & LCMAP_HALFWIDTH && flags & LCMAP_FULLWIDTH) ||
        ((flags & LCMAP_SORTKEY) && (kind & ~LCMAP_SORTKEY))) {
        carafe_set_last_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (kind & (LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE))
        FIXME("Chinese script mapping is not supported; characters are kept\n");
    if (srclen < 0) srclen = carafe_wcslen(src) + 1;
    return map_string(flags, src, srclen, dst, dstlen);
}

int WINAPI LCMapStringW(LCID lcid, DWORD flags, LPCWSTR src, int srclen, LPWSTR dst, int dstlen)
{
    if (!nls_resolve_lcid(lcid)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return lcmap(flags, src, srclen, dst, dstlen);
}

int WINAPI LCMapStringEx(LPCWSTR locale, DWORD flags, LPCWSTR src, int srclen, LPWSTR dst, int dstlen,
                         void *version, void *reserved, LPARAM param)
{
    if (locale && !nls_lcid_from_name(locale)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return lcmap(flags, src, srclen, dst, dstlen);
}

int WINAPI LCMapStringA(LCID lcid, DWORD flags, LPCSTR src, int srclen, LPSTR dst, int dstlen)
{
    if (!src || !srclen || dstlen < 0 || (dstlen && !dst)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!nls_resolve_lcid(lcid)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    UINT cp = (flags & LOCALE_USE_CP_ACP) ? CP_ACP : CP_ACP;
    flags &= ~LOCALE_USE_CP_ACP;
    int wlen = MultiByteToWideChar(cp, 0, src, srclen, NULL, 0);
    if (!wlen) return 0;
    WCHAR *wsrc = malloc(wlen * sizeof(WCHAR));
    if (!wsrc) {
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    MultiByteToWideChar(cp, 0, src, srclen, wsrc, wlen);
    int ret = 0;
    if (flags & LCMAP_SORTKEY) {
        /* a sort key is bytes already */
        ret = lcmap(flags, wsrc, wlen, (WCHAR *)dst, dstlen);
        free(wsrc);
        return ret;
    }
    int outlen = lcmap(flags, wsrc, wlen, NULL, 0);
    WCHAR *wdst = outlen ? malloc(outlen * sizeof(WCHAR)) : NULL;
    if (outlen && wdst && lcmap(flags, wsrc, wlen, wdst, outlen)) {
        ret = WideCharToMultiByte(cp, 0, wdst, outlen, dst, dstlen, NULL, NULL);
    } else if (outlen && !wdst) {
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
    }
    free(wdst);
    free(wsrc);
    return ret;
}

/* ---- GetStringType ---- */

static WORD ctype1(WCHAR c)
{
    locale_t loc = class_locale();
    WORD t = 0;
    if (c >= 0xd800 && c <= 0xdfff) return C1_DEFINED;
    if (c < 0x80 || !loc) {
        if (c < 0x20 || c == 0x7f) t |= C1_CNTRL;
        if ((c >= '\t' && c <= '\r') || c == ' ') t |= C1_SPACE;
        if (c == '\t' || c == ' ') t |= C1_BLANK;
        if (c >= '0' && c <= '9') t |= C1_DIGIT | C1_XDIGIT;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') t |= C1_XDIGIT;
        if (c >= 'A' && c <= 'Z') t |= C1_UPPER | C1_ALPHA;
        if (c >= 'a' && c <= 'z') t |= C1_LOWER | C1_ALPHA;
        if (c > 0x20 && c < 0x7f && !(t & (C1_ALPHA | C1_DIGIT))) t |= C1_PUNCT;
        return t | C1_DEFINED;
    }
    if (iswupper_l(c, loc)) t |= C1_UPPER;
    if (iswlower_l(c, loc)) t |= C1_LOWER;
    if (iswalpha_l(c, loc)) t |= C1_ALPHA;
    else if (iswalnum_l(c, loc)) t |= C1_DIGIT;
    if (iswspace_l(c, loc) || c == 0xa0 || c == 0x2007 || c == 0x202f || c == 0x85) t |= C1_SPACE;
    if (iswblank_l(c, loc) || c == 0xa0 || c == 0x2007 || c == 0x202f) t |= C1_BLANK;
    if (iswpunct_l(c, loc) && !(t & (C1_ALPHA | C1_SPACE))) t |= C1_PUNCT;
    if (c == 0xaa || c == 0xba) t |= C1_PUNCT;
    if (c == 0xb2 || c == 0xb3 || c == 0xb9) t |= C1_DIGIT | C1_PUNCT;
    if (iswcntrl_l(c, loc)) t |= C1_CNTRL;
    if (c >= 0xff10 && c <= 0xff19) t |= C1_XDIGIT;
    if (t || iswprint_l(c, loc) || (c >= 0xe000 && c <= 0xf8ff)) t |= C1_DEFINED;
    return t;
}

static WORD ctype2(WCHAR c)
{
    WORD t1 = ctype1(c);
    if (c == '\t' || c == 0x0b || c == 0x1f) return C2_SEGMENTSEPARATOR;
    if (c == '\n' || c == '\r' || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 || c == 0x2029) return C2_BLOCKSEPARATOR;
    if (c == 0xa0 || c == ',' || c == '.' || c == '/' || c == ':' || c == 0x60c) return C2_COMMONSEPARATOR;
    if (c == '+' || c == '-') return C2_EUROPESEPARATOR;
    if (c == '#' || c == '$' || c == '%' || (c >= 0xa2 && c <= 0xa5) || c == 0xb0 || c == 0xb1 || (c >= 0x20a0 && c <= 0x20cf))
        return C2_EUROPETERMINATOR;
    if ((c >= '0' && c <= '9') || c == 0xb2 || c == 0xb3 || c == 0xb9 || (c >= 0xff10 && c <= 0xff19))
        return C2_EUROPENUMBER;
    if (c >= 0x660 && c <= 0x669) return C2_ARABICNUMBER;
    if (c >= 0xd800 && c <= 0xdfff) return C2_LEFTTORIGHT;
    if ((c >= 0x590 && c <= 0x8ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe))
        return (t1 & C1_ALPHA) ? C2_RIGHTTOLEFT : C2_OTHERNEUTRAL;
    if (t1 & C1_SPACE) return C2_WHITESPACE;
    if (t1 & C1_CNTRL) return C2_NOTAPPLICABLE;
    if (t1 & C1_ALPHA) return C2_LEFTTORIGHT;
    if (c >= 0x300 && c <= 0x36f) return C2_OTHERNEUTRAL;
    if (t1 & (C1_PUNCT | C1_DIGIT)) return C2_OTHERNEUTRAL;
    return (t1 & C1_DEFINED) ? C2_LEFTTORIGHT : C2_NOTAPPLICABLE;
}

static WORD ctype3(WCHAR c)
{
    WORD t1 = ctype1(c), t = 0;
    char base, accent;
    if (c >= 0xd800 && c <= 0xdbff) return C3_HIGHSURROGATE;
    if (c >= 0xdc00 && c <= 0xdfff) return C3_LOWSURROGATE;
    if (c >= 0x300 && c <= 0x36f) return C3_NONSPACING | C3_DIACRITIC;
    if (t1 & C1_ALPHA) t |= C3_ALPHA;
    if (latin_entry(c, &base, &accent)) t |= C3_NONSPACING | C3_DIACRITIC;
    if ((t1 & C1_PUNCT) && !(t1 & C1_ALPHA) && c < 0x3000) t |= C3_SYMBOL;
    if (c >= 0x3041 && c <= 0x309f) t |= C3_HIRAGANA;
    if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f)) t |= C3_KATAKANA;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) t |= C3_IDEOGRAPH;
    if ((c >= 0xff01 && c <= 0xff5e) || c == 0x3000 || (c >= 0x3040 && c <= 0x9fff)) t |= C3_FULLWIDTH;
    else if ((c >= 0x20 && c < 0x7f) || (c >= 0xff61 && c <= 0xffdc)) t |= C3_HALFWIDTH;
    if (c == 0x640) t |= C3_KASHIDA;
    return t;
}

BOOL WINAPI GetStringTypeW(DWORD type, LPCWSTR src, int count, LPWORD types)
{
    if (!src || !types) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (type != CT_CTYPE1 && type != CT_CTYPE2 && type != CT_CTYPE3) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count < 0) count = carafe_wcslen(src) + 1;
    for (int i = 0; i < count; i++)
        types[i] = type == CT_CTYPE1 ? ctype1(src[i]) : type == CT_CTYPE2 ? ctype2(src[i]) : ctype3(src[i]);
    return TRUE;
}

BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR src, int count, LPWORD types)
{
    return GetStringTypeW(type, src, count, types);
}

/* The A form gives one type per byte of the source, as Windows does. */
BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, LPCSTR src, int count, LPWORD types)
{
    if (!src || !types) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count < 0) count = strlen(src) + 1;
    if (!count) return TRUE;
    WCHAR *w = malloc(count * sizeof(WCHAR));
    WORD *wt = malloc(count * sizeof(WORD));
    BOOL ret = FALSE;
    if (!w || !wt) {
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        goto out;
    }
    /* convert character by character so each byte gets its type */
    for (int i = 0; i < count; ) {
        int n = IsDBCSLeadByte((BYTE)src[i]) && i + 1 < count ? 2 : 1;
        WCHAR wc = 0;
        if (!MultiByteToWideChar(CP_ACP, 0, src + i, n, &wc, 1)) wc = 0xfffd;
        for (int j = 0; j < n; j++) w[i + j] = wc;
        i += n;
    }
    ret = GetStringTypeW(type, w, count, wt);
    if (ret) memcpy(types, wt, count * sizeof(WORD));
out:
    free(w);
    free(wt);
    return ret;
}

BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, LPCSTR src, int count, LPWORD types)
{
    return GetStringTypeA(lcid, type, src, count, types);
}
