/* Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, GetCPInfo.
 *
 * UTF-8 is converted here, natively.  Every other code page becomes a pair
 * of tables built once, on first use, from glibc's iconv: bytes -> UTF-16
 * and UTF-16 -> bytes.  After that a conversion is a table walk with no
 * locking.  Windows' tables differ from glibc's in a few documented places,
 * corrected below: bytes glibc leaves undefined in 0x80-0x9f map to the C1
 * controls U+0080-U+009F, and a short list of undefined bytes maps to the
 * private-use characters Windows gives them.  UTF-7 is converted natively
 * too (glibc's UTF-7 drops characters after "-").  Best-fit mapping (WideCharToMultiByte without
 * WC_NO_BEST_FIT_CHARS) is approximated: accented Latin letters fall back to
 * their base letter, fullwidth ASCII to ASCII, typographic quotes and dashes
 * to their ASCII forms; the rest becomes the default character.
 * MB_COMPOSITE and WC_COMPOSITECHECK are accepted but do not (de)compose.
 *
 * The ANSI and OEM code pages are those of a Windows system whose locale
 * is the Linux one: CARAFE_ACP=<number> wins; then a program whose manifest
 * sets activeCodePage to UTF-8 gets 65001 for both, as on Windows;
 * otherwise the locale of LC_ALL / LC_CTYPE / LANG decides.  A legacy
 * codeset (ISO-8859-x, EUC-JP...) gives its Windows code page; a UTF-8
 * locale says only its language (Windows' code pages follow the language,
 * not an encoding): en_US.UTF-8 and C.UTF-8 are en-US, 1252 and OEM 437,
 * ja_JP.UTF-8 932, ru_RU.UTF-8 1251 and 866.  C, POSIX or none: 1252/437. */
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carafe/ntdll.h"
#include "nls_private.h"

DEFAULT_DEBUG_CHANNEL(nls);

struct cpdef {
    UINT cp;
    const char *iconv_name;
    const char *name;        /* CPINFOEX.CodePageName */
    BYTE lead[6];            /* DBCS lead byte ranges: up to 2 pairs, then 0 */
    BYTE oem;                /* MB_USEGLYPHCHARS applies */
    WCHAR uni_default;       /* what an undecodable byte becomes */
};

static const struct cpdef cpdefs[] = {
    { 37,    "IBM037",      "37    (IBM EBCDIC - U.S./Canada)" },
    { 437,   "CP437",       "437   (OEM - United States)", {0}, 1 },
    { 500,   "IBM500",      "500   (IBM EBCDIC - International)" },
    { 737,   "CP737",       "737   (OEM - Greek 437G)", {0}, 1 },
    { 775,   "CP775",       "775   (OEM - Baltic)", {0}, 1 },
    { 850,   "CP850",       "850   (OEM - Multilingual Latin I)", {0}, 1 },
    { 852,   "IBM852",      "852   (OEM - Latin II)", {0}, 1 },
    { 855,   "IBM855",      "855   (OEM - Cyrillic)", {0}, 1 },
    { 857,   "IBM857",      "857   (OEM - Turkish)", {0}, 1 },
    { 860,   "IBM860",      "860   (OEM - Portuguese)", {0}, 1 },
    { 861,   "IBM861",      "861   (OEM - Icelandic)", {0}, 1 },
    { 862,   "IBM862",      "862   (OEM - Hebrew)", {0}, 1 },
    { 863,   "IBM863",      "863   (OEM - Canadian French)", {0}, 1 },
    { 864,   "IBM864",      "864   (OEM - Arabic)", {0}, 1 },
    { 865,   "IBM865",      "865   (OEM - Nordic)", {0}, 1 },
    { 866,   "CP866",       "866   (OEM - Russian)", {0}, 1 },
    { 869,   "IBM869",      "869   (OEM - Modern Greek)", {0}, 1 },
    { 874,   "CP874",       "874   (ANSI/OEM - Thai)" },
    { 875,   "IBM875",      "875   (IBM EBCDIC - Modern Greek)" },
    { 932,   "CP932",       "932   (ANSI/OEM - Japanese Shift-JIS)", { 0x81, 0x9f, 0xe0, 0xfc }, 0, 0x30fb },
    { 936,   "CP936",       "936   (ANSI/OEM - Simplified Chinese GBK)", { 0x81, 0xfe }, 0, 0x3f },
    { 949,   "CP949",       "949   (ANSI/OEM - Korean)", { 0x81, 0xfe }, 0, 0x3f },
    { 950,   "CP950",       "950   (ANSI/OEM - Traditional Chinese Big5)", { 0x81, 0xfe }, 0, 0x3f },
    { 1026,  "IBM1026",     "1026  (IBM EBCDIC - Turkish (Latin-5))" },
    { 1250,  "CP1250",      "1250  (ANSI - Central Europe)" },
    { 1251,  "CP1251",      "1251  (ANSI - Cyrillic)" },
    { 1252,  "CP1252",      "1252  (ANSI - Latin I)" },
    { 1253,  "CP1253",      "1253  (ANSI - Greek)" },
    { 1254,  "CP1254",      "1254  (ANSI - Turkish)" },
    { 1255,  "CP1255",      "1255  (ANSI - Hebrew)" },
    { 1256,  "CP1256",      "1256  (ANSI - Arabic)" },
    { 1257,  "CP1257",      "1257  (ANSI - Baltic)" },
    { 1258,  "CP1258",      "1258  (ANSI/OEM - Viet Nam)" },
    { 10000, "MACINTOSH",   "10000 (MAC - Roman)" },
    { 10007, "MAC-CYRILLIC", "10007 (MAC - Cyrillic)" },
    { 20127, "ASCII",       "20127 (US-ASCII)" },
    { 20866, "KOI8-R",      "20866 (Russian - KOI8)" },
    { 21866, "KOI8-U",      "21866 (Ukrainian - KOI8-U)" },
    { 28591, "ISO-8859-1",  "28591 (ISO 8859-1 Latin I)" },
    { 28592, "ISO-8859-2",  "28592 (ISO 8859-2 Central Europe)" },
    { 28593, "ISO-8859-3",  "28593 (ISO 8859-3 Latin 3)" },
    { 28594, "ISO-8859-4",  "28594 (ISO 8859-4 Baltic)" },
    { 28595, "ISO-8859-5",  "28595 (ISO 8859-5 Cyrillic)" },
    { 28596, "ISO-8859-6",  "28596 (ISO 8859-6 Arabic)" },
    { 28597, "ISO-8859-7",  "28597 (ISO 8859-7 Greek)" },
    { 28598, "ISO-8859-8",  "28598 (ISO 8859-8 Hebrew: Visual Ordering)" },
    { 28599, "ISO-8859-9",  "28599 (ISO 8859-9 Latin 5)" },
    { 28603, "ISO-8859-13", "28603 (ISO 8859-13 Latin 7)" },
    { 28605, "ISO-8859-15", "28605 (ISO 8859-15 Latin 9)" },
};

/* Undefined bytes that Windows maps to private-use characters; with
 * MB_ERR_INVALID_CHARS they are errors. */
static const struct { WORD cp; BYTE byte; WCHAR wc; } pua_bytes[] = {
    { 864, 0xa6, 0xf8be }, { 864, 0xa7, 0xf8bf }, { 864, 0xff, 0xf8c0 },
    { 874, 0xdb, 0xf8c1 }, { 874, 0xdc, 0xf8c2 }, { 874, 0xdd, 0xf8c3 }, { 874, 0xde, 0xf8c4 },
    { 874, 0xfc, 0xf8c5 }, { 874, 0xfd, 0xf8c6 }, { 874, 0xfe, 0xf8c7 }, { 874, 0xff, 0xf8c8 },
    { 932, 0xa0, 0xf8f0 }, { 932, 0xfd, 0xf8f1 }, { 932, 0xfe, 0xf8f2 }, { 932, 0xff, 0xf8f3 },
    { 936, 0xff, 0xf8f5 }, { 949, 0xff, 0xf8f7 }, { 950, 0xff, 0xf8f8 },
    { 1253, 0xaa, 0xf8f9 }, { 1253, 0xd2, 0xf8fa }, { 1253, 0xff, 0xf8fb },
    { 1255, 0xd9, 0xf88d }, { 1255, 0xda, 0xf88e }, { 1255, 0xdb, 0xf88f }, { 1255, 0xdc, 0xf890 },
    { 1255, 0xdd, 0xf891 }, { 1255, 0xde, 0xf892 }, { 1255, 0xdf, 0xf893 }, { 1255, 0xfb, 0xf894 },
    { 1255, 0xfc, 0xf895 }, { 1255, 0xff, 0xf896 },
    { 1257, 0xa1, 0xf8fc }, { 1257, 0xa5, 0xf8fd },
};

/* MB_USEGLYPHCHARS: the pictures OEM code pages show for 0x01-0x1f and 0x7f */
static const WCHAR oem_glyphs[32] = {
    0x0000, 0x263a, 0x263b, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022,
    0x25d8, 0x25cb, 0x25d9, 0x2642, 0x2640, 0x266a, 0x266b, 0x263c,
    0x25ba, 0x25c4, 0x2195, 0x203c, 0x00b6, 0x00a7, 0x25ac, 0x21a8,
    0x2191, 0x2193, 0x2192, 0x2190, 0x221f, 0x2194, 0x25b2, 0x25bc,
};
#define OEM_GLYPH_DEL 0x2302

struct cptable {
    const struct cpdef *def;
    BYTE is_lead[256];
    BYTE sb_invalid[256];    /* MB_ERR_INVALID_CHARS rejects this byte */
    WCHAR sb_to_uni[256];
    WCHAR *db_to_uni;        /* [lead << 8 | trail], 0 = no such pair; DBCS only */
    WORD *from_uni;          /* [wc] -> byte or lead << 8 | trail; 0 = none (except U+0000) */
};

static struct cptable *tables[sizeof(cpdefs) / sizeof(cpdefs[0])];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct cpdef *find_cpdef(UINT cp)
{
    size_t lo = 0, hi = sizeof(cpdefs) / sizeof(cpdefs[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cpdefs[mid].cp == cp) return &cpdefs[mid];
        if (cpdefs[mid].cp < cp) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

/* ---- the ANSI and OEM code pages ---- */

static UINT ansi_cp = 1252, oem_cp = 437;
static pthread_once_t acp_once = PTHREAD_ONCE_INIT;

static UINT oem_for_ansi(UINT acp)
{
    switch (acp) {
    case 1250: return 852;
    case 1251: return 866;
    case 1253: return 737;
    case 1254: return 857;
    case 1255: return 862;
    case 1256: return 720;
    case 1257: return 775;
    case 874: case 932: case 936: case 949: case 950: case 1258: case CP_UTF8: return acp;
    default: return 437;
    }
}

static UINT acp_from_codeset(const char *codeset)
{
    static const struct { const char *name; UINT cp; } map[] = {
        { "utf8", CP_UTF8 }, { "iso88591", 1252 }, { "iso885915", 1252 }, { "cp1252", 1252 },
        { "iso88592", 1250 }, { "cp1250", 1250 }, { "iso88595", 1251 }, { "cp1251", 1251 },
        { "koi8r", 1251 }, { "koi8u", 1251 }, { "iso88597", 1253 }, { "iso88599", 1254 },
        { "iso88598", 1255 }, { "iso88596", 1256 }, { "iso885913", 1257 }, { "tis620", 874 },
        { "eucjp", 932 }, { "sjis", 932 }, { "shiftjis", 932 }, { "gb2312", 936 }, { "gbk", 936 },
        { "gb18030", 936 }, { "euccn", 936 }, { "euckr", 949 }, { "big5", 950 }, { "big5hkscs", 950 },
        { "euctw", 950 },
    };
    char norm[32];
    size_t n = 0;
    for (const char *p = codeset; *p && n < sizeof(norm) - 1; p++) {
        if (*p == '-' || *p == '_') continue;
        norm[n++] = (*p >= 'A' && *p <= 'Z') ? *p + 32 : *p;
    }
    norm[n] = 0;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(norm, map[i].name)) return map[i].cp;
    return 1252;
}

/* resource.c (absent from the unit tests, which link this file alone) */
int k32_manifest_wants_utf8(void) __attribute__((weak));

/* the ANSI code page of a Windows system in the language of locale LOC */
static UINT acp_from_language(const char *loc)
{
    static const struct { const char *lang; UINT cp; } map[] = {
        { "ja", 932 }, { "zh_TW", 950 }, { "zh_HK", 950 }, { "zh", 936 }, { "ko", 949 },
        { "ru", 1251 }, { "uk", 1251 }, { "be", 1251 }, { "bg", 1251 }, { "sr", 1251 }, { "mk", 1251 },
        { "pl", 1250 }, { "cs", 1250 }, { "sk", 1250 }, { "hu", 1250 }, { "ro", 1250 }, { "hr", 1250 },
        { "sl", 1250 }, { "sq", 1250 }, { "el", 1253 }, { "tr", 1254 }, { "he", 1255 }, { "ar", 1256 },
        { "fa", 1256 }, { "lt", 1257 }, { "lv", 1257 }, { "et", 1257 }, { "vi", 1258 }, { "th", 874 },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        size_t n = strlen(map[i].lang);
        if (!strncmp(loc, map[i].lang, n) && (!loc[n] || strchr("_.@", loc[n]))) return map[i].cp;
    }
    return 1252;
}

UINT nls_acp_from_locale(const char *loc)
{
    if (!loc || !*loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX")) return 1252;
    const char *dot = strchr(loc, '.');
    char codeset[32] = "";
    if (dot) {
        size_t n = strcspn(dot + 1, "@");
        if (n >= sizeof(codeset)) n = sizeof(codeset) - 1;
        memcpy(codeset, dot + 1, n);
        codeset[n] = 0;
    }
    /* a locale without a codeset is Latin-1 */
    UINT cp = *codeset ? acp_from_codeset(codeset) : 1252;
    return cp == CP_UTF8 ? acp_from_language(loc) : cp;
}

static void init_acp(void)
{
    const char *env = getenv("CARAFE_ACP"), *loc = NULL;
    if (env && *env) {
        UINT cp = strtoul(env, NULL, 10);
        if (cp == CP_UTF8 || find_cpdef(cp)) {
            ansi_cp = cp;
            oem_cp = oem_for_ansi(cp);
            if (!find_cpdef(oem_cp) && oem_cp != CP_UTF8) oem_cp = 437;
            return;
        }
        ERR("CARAFE_ACP=%s is not a supported code page\n", env);
    }
    if (k32_manifest_wants_utf8 && k32_manifest_wants_utf8()) {
        ansi_cp = oem_cp = CP_UTF8;
        return;
    }
    static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
    for (int i = 0; i < 3 && !loc; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) loc = v;
    }
    ansi_cp = nls_acp_from_locale(loc);
    oem_cp = oem_for_ansi(ansi_cp);
    if (oem_cp != CP_UTF8 && !find_cpdef(oem_cp)) oem_cp = 437;
}

UINT WINAPI GetACP(void)
{
    pthread_once(&acp_once, init_acp);
    return ansi_cp;
}

UINT WINAPI GetOEMCP(void)
{
    pthread_once(&acp_once, init_acp);
    return oem_cp;
}

UINT nls_resolve_codepage(UINT cp)
{
    switch (cp) {
    case CP_ACP: case CP_THREAD_ACP: return GetACP();
    case CP_OEMCP: return GetOEMCP();
    case CP_MACCP: return 10000;
    default: return cp;
    }
}

/* ---- building the tables ---- */

static int iconv_one(iconv_t cd, const BYTE *in, size_t len, WCHAR *out)
{
    char *ip = (char *)in, *op = (char *)out;
    size_t il = len, ol = 4 * sizeof(WCHAR);
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il) return 0;
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) return 0;
    return (int)((4 * sizeof(WCHAR) - ol) / sizeof(WCHAR));
}

/* 0x80-0x9f of code page 1252 (the rest is Latin-1; 81 8d 8f 90 9d are
 * unassigned and map to the C1 controls, as on Windows): the ANSI code
 * page of most systems, built without iconv, which costs every program
 * that converts a string at start-up two dlopens */
static const WCHAR cp1252_high[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

static struct cptable *build_table(const struct cpdef *def)
{
    iconv_t cd = def->cp == 1252 ? (iconv_t)0 : iconv_open("UTF-16LE", def->iconv_name);
    if (cd == (iconv_t)-1) {
        ERR("iconv cannot convert %s (code page %u)\n", def->iconv_name, def->cp);
        return NULL;
    }
    struct cptable *t = calloc(1, sizeof(*t));
    if (!t) goto fail_cd;
    t->def = def;
    t->from_uni = calloc(65536, sizeof(WORD));
    if (!t->from_uni) goto fail_table;
    for (int i = 0; def->lead[i]; i += 2)
        for (int b = def->lead[i]; b <= def->lead[i + 1]; b++) t->is_lead[b] = 1;
    if (def->lead[0]) {
        t->db_to_uni = calloc(65536, sizeof(WCHAR));
        if (!t->db_to_uni) goto fail_from;
    }
    WCHAR dflt = def->uni_default ? def->uni_default : 0x3f;

    for (int b = 0; b < 256; b++) {
        BYTE in = b;
        WCHAR out[4];
        if (t->is_lead[b]) {
            t->sb_to_uni[b] = dflt;
            t->sb_invalid[b] = 1;
            continue;
        }
        if (def->cp == 20127) {
            t->sb_to_uni[b] = b & 0x7f;   /* Windows strips the high bit */
        } else if (def->cp == 1252) {
            t->sb_to_uni[b] = b >= 0x80 && b < 0xa0 ? cp1252_high[b - 0x80] : b;
        } else if (iconv_one(cd, &in, 1, out) == 1) {
            t->sb_to_uni[b] = out[0];
        } else if (b >= 0x80 && b <= 0x9f) {
            t->sb_to_uni[b] = b;
        } else {
            t->sb_to_uni[b] = dflt;
            t->sb_invalid[b] = 1;
            for (size_t i = 0; i < sizeof(pua_bytes) / sizeof(pua_bytes[0]); i++)
                if (pua_bytes[i].cp == def->cp && pua_bytes[i].byte == b) t->sb_to_uni[b] = pua_bytes[i].wc;
        }
    }
    if (t->db_to_uni) {
        for (int l = 0; l < 256; l++) {
            if (!t->is_lead[l]) continue;
            for (int tr = 1; tr < 256; tr++) {
                BYTE in[2] = { (BYTE)l, (BYTE)tr };
                WCHAR out[4];
                if (iconv_one(cd, in, 2, out) == 1 && (out[0] < 0xd800 || out[0] > 0xdfff))
                    t->db_to_uni[l << 8 | tr] = out[0];
            }
        }
    }
    /* the reverse table: the first byte sequence that maps to a character wins */
    for (int b = 255; b >= 0; b--)
        if (!t->sb_invalid[b] && (def->cp != 20127 || b < 0x80)) t->from_uni[t->sb_to_uni[b]] = b;
    if (t->db_to_uni)
        for (int code = 0xffff; code > 0xff; code--)
            if (t->db_to_uni[code] && !t->from_uni[t->db_to_uni[code]]) t->from_uni[t->db_to_uni[code]] = code;
    if (def->oem) {
        for (int b = 1; b < 32; b++)
            if (!t->from_uni[oem_glyphs[b]]) t->from_uni[oem_glyphs[b]] = b;
        if (!t->from_uni[OEM_GLYPH_DEL]) t->from_uni[OEM_GLYPH_DEL] = 0x7f;
    }
    if (def->cp != 1252) iconv_close(cd);
    return t;

fail_from:
    free(t->from_uni);
fail_table:
    free(t);
fail_cd:
    if (def->cp != 1252) iconv_close(cd);
    return NULL;
}

/* The tables of a real code page, built on first use; NULL if unsupported. */
static const struct cptable *get_table(UINT cp)
{
    const struct cpdef *def = find_cpdef(cp);
    if (!def) return NULL;
    size_t idx = def - cpdefs;
    struct cptable *t = __atomic_load_n(&tables[idx], __ATOMIC_ACQUIRE);
    if (t) return t;
    pthread_mutex_lock(&table_lock);
    t = tables[idx];
    if (!t) {
        t = build_table(def);
        __atomic_store_n(&tables[idx], t, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&table_lock);
    return t;
}

/* ---- UTF-8, natively ---- */

static inline int is_cont(const BYTE *s, int i, int len)
{
    return i < len && (s[i] & 0xc0) == 0x80;
}

/* Decodes one character at s[*pos]; returns the code point or -1 for an
 * invalid sequence, advancing *pos past what Windows treats as one unit. */
static int utf8_decode(const BYTE *s, int len, int *pos)
{
    int i = *pos, c = s[i];
    if (c < 0x80) { *pos = i + 1; return c; }
    if (c < 0xc2 || c > 0xf4) { *pos = i + 1; return -1; }
    if (!is_cont(s, i + 1, len)) { *pos = i + 1; return -1; }
    int v = s[i + 1] & 0x3f;
    if (c < 0xe0) { *pos = i + 2; return (c & 0x1f) << 6 | v; }
    if (c < 0xf0) {
        v |= (c & 0x0f) << 6;
        if (v < 0x20 || (v >= 0x360 && v < 0x380)) { *pos = i + 2; return -1; }  /* overlong, surrogate */
        if (!is_cont(s, i + 2, len)) { *pos = i + 2; return -1; }
        *pos = i + 3;
        return v << 6 | (s[i + 2] & 0x3f);
    }
    v |= (c & 0x07) << 6;
    if (v < 0x10 || v > 0x10f) { *pos = i + 2; return -1; }   /* overlong, beyond U+10FFFF */
    if (!is_cont(s, i + 2, len)) { *pos = i + 2; return -1; }
    if (!is_cont(s, i + 3, len)) { *pos = i + 3; return -1; }
    *pos = i + 4;
    return (v << 12) | (s[i + 2] & 0x3f) << 6 | (s[i + 3] & 0x3f);
}

/* returns the units written or needed, -1 for an invalid sequence under
 * MB_ERR_INVALID_CHARS, -2 when dst is too small */
static int utf8_to_utf16(DWORD flags, const BYTE *src, int srclen, WCHAR *dst, int dstlen)
{
    int pos = 0, out = 0;
    while (pos < srclen) {
        /* ASCII runs are the common case */
        if (src[pos] < 0x80) {
            if (!dstlen) { out++; pos++; continue; }
            if (out >= dstlen) return -2;
            dst[out++] = src[pos++];
            continue;
        }
        int c = utf8_decode(src, srclen, &pos);
        if (c < 0) {
            if (flags & MB_ERR_INVALID_CHARS) return -1;
            c = 0xfffd;
        }
        int n = c >= 0x10000 ? 2 : 1;
        if (dstlen) {
            if (out + n > dstlen) return -2;
            if (n == 2) {
                dst[out] = 0xd800 | ((c - 0x10000) >> 10);
                dst[out + 1] = 0xdc00 | (c & 0x3ff);
            } else {
                dst[out] = c;
            }
        }
        out += n;
    }
    return out;
}

static int utf16_to_utf8(DWORD flags, const WCHAR *src, int srclen, BYTE *dst, int dstlen)
{
    int out = 0;
    for (int i = 0; i < srclen; i++) {
        unsigned c = src[i];
        BYTE buf[4];
        int n;
        if (c < 0x80) {
            if (!dstlen) { out++; continue; }
            if (out >= dstlen) return -2;
            dst[out++] = c;
            continue;
        }
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < srclen && src[i + 1] >= 0xdc00 && src[i + 1] <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (src[i + 1] - 0xdc00);
            i++;
        } else if (c >= 0xd800 && c <= 0xdfff) {
            if (flags & WC_ERR_INVALID_CHARS) return -1;
            c = 0xfffd;
        }
        if (c < 0x800) {
            buf[0] = 0xc0 | c >> 6; buf[1] = 0x80 | (c & 0x3f); n = 2;
        } else if (c < 0x10000) {
            buf[0] = 0xe0 | c >> 12; buf[1] = 0x80 | ((c >> 6) & 0x3f); buf[2] = 0x80 | (c & 0x3f); n = 3;
        } else {
            buf[0] = 0xf0 | c >> 18; buf[1] = 0x80 | ((c >> 12) & 0x3f);
            buf[2] = 0x80 | ((c >> 6) & 0x3f); buf[3] = 0x80 | (c & 0x3f); n = 4;
        }
        if (dstlen) {
            if (out + n > dstlen) return -2;
            memcpy(dst + out, buf, n);
        }
        out += n;
    }
    return out;
}

/* ---- UTF-7 (RFC 2152), natively: glibc's codec mishandles "-" ---- */

static const char base64_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int base64_value(BYTE c)
{
    const char *p = c ? strchr(base64_chars, c) : NULL;
    return p ? (int)(p - base64_chars) : -1;
}

static int utf7_to_utf16(const BYTE *src, int srclen, WCHAR *dst, int dstlen)
{
    int out = 0;
#define PUT(wc) do { if (dstlen) { if (out >= dstlen) return -2; dst[out] = (wc); } out++; } while (0)
    for (int i = 0; i < srclen; ) {
        if (src[i] != '+') { PUT(src[i]); i++; continue; }
        i++;
        if (i < srclen && src[i] == '-') { PUT('+'); i++; continue; }
        unsigned bits = 0, nbits = 0;
        int v;
        while (i < srclen && (v = base64_value(src[i])) >= 0) {
            bits = bits << 6 | v;
            nbits += 6;
            if (nbits >= 16) {
                nbits -= 16;
                PUT((WCHAR)(bits >> nbits));
                bits &= (1u << nbits) - 1;
            }
            i++;
        }
        if (i < srclen && src[i] == '-') i++;
    }
#undef PUT
    return out;
}

static int utf7_direct(WCHAR c)
{
    return c < 0x80 && c != '+' && c != '\\' && c != '~' && (c >= 0x20 || c == '\t' || c == '\r' || c == '\n' || !c);
}

static int utf16_to_utf7(const WCHAR *src, int srclen, BYTE *dst, int dstlen)
{
    int out = 0;
#define PUT(b) do { if (dstlen) { if (out >= dstlen) return -2; dst[out] = (b); } out++; } while (0)
    for (int i = 0; i < srclen; ) {
        if (src[i] == '+') { PUT('+'); PUT('-'); i++; continue; }
        if (utf7_direct(src[i])) { PUT((BYTE)src[i]); i++; continue; }
        unsigned bits = 0, nbits = 0;
        PUT('+');
        while (i < srclen && !utf7_direct(src[i]) && src[i] != '+') {
            bits = bits << 16 | src[i++];
            nbits += 16;
            while (nbits >= 6) {
                nbits -= 6;
                PUT(base64_chars[(bits >> nbits) & 0x3f]);
            }
            bits &= (1u << nbits) - 1;
        }
        if (nbits) PUT(base64_chars[(bits << (6 - nbits)) & 0x3f]);
        if (i < srclen && (base64_value((BYTE)src[i]) >= 0 || src[i] == '-')) PUT('-');
    }
#undef PUT
    return out;
}

/* ---- table conversions ---- */

static int sbcs_mb_to_wc(const struct cptable *t, DWORD flags, const BYTE *src, int srclen,
                         WCHAR *dst, int dstlen)
{
    int glyphs = (flags & MB_USEGLYPHCHARS) && t->def->oem;
    if (flags & MB_ERR_INVALID_CHARS)
        for (int i = 0; i < srclen; i++)
            if (t->sb_invalid[src[i]]) return -1;
    if (!dstlen) return srclen;
    int n = srclen < dstlen ? srclen : dstlen;
    for (int i = 0; i < n; i++) {
        BYTE b = src[i];
        WCHAR wc = t->sb_to_uni[b];
        if (glyphs && ((b && b < 0x20) || b == 0x7f)) wc = b == 0x7f ? OEM_GLYPH_DEL : oem_glyphs[b];
        dst[i] = wc;
    }
    return srclen > dstlen ? -2 : srclen;   /* a short buffer holds what fits */
}

static int dbcs_mb_to_wc(const struct cptable *t, DWORD flags, const BYTE *src, int srclen,
                         WCHAR *dst, int dstlen)
{
    int out = 0;
    WCHAR dflt = t->def->uni_default;
    for (int i = 0; i < srclen; i++) {
        BYTE b = src[i];
        WCHAR wc;
        if (t->is_lead[b]) {
            if (i + 1 < srclen && src[i + 1]) {
                wc = t->db_to_uni[b << 8 | src[i + 1]];
                i++;
                if (!wc) {
                    if (flags & MB_ERR_INVALID_CHARS) return -1;
                    wc = dflt;
                }
            } else {
                if (flags & MB_ERR_INVALID_CHARS) return -1;
                wc = dflt;
            }
        } else {
            if ((flags & MB_ERR_INVALID_CHARS) && t->sb_invalid[b]) return -1;
            wc = t->sb_to_uni[b];
        }
        if (dstlen) {
            if (out >= dstlen) return -2;
            dst[out] = wc;
        }
        out++;
    }
    return out;
}

/* best fit: a close character the code page has, or 0 */
static WCHAR best_fit(const struct cptable *t, WCHAR wc)
{
    WCHAR alt = 0;
    if (wc >= 0xff01 && wc <= 0xff5e) alt = wc - 0xfee0;             /* fullwidth ASCII */
    else if (wc == 0x2018 || wc == 0x2019 || wc == 0x201a || wc == 0x2032) alt = '\'';
    else if (wc == 0x201c || wc == 0x201d || wc == 0x201e || wc == 0x2033) alt = '"';
    else if (wc == 0x2010 || wc == 0x2011 || wc == 0x2012 || wc == 0x2013 || wc == 0x2014) alt = '-';
    else if (wc == 0x3000 || (wc >= 0x2000 && wc <= 0x200a)) alt = ' ';
    else alt = nls_latin_base(wc);
    if (alt && t->from_uni[alt]) return alt;
    return 0;
}

static int wc_to_mb_table(const struct cptable *t, DWORD flags, const WCHAR *src, int srclen,
                          BYTE *dst, int dstlen, const char *defchar, BOOL *used)
{
    BYTE def[2];
    int deflen = 1, out = 0;
    if (defchar) {
        def[0] = defchar[0];
        def[1] = defchar[0] ? defchar[1] : 0;
        deflen = (t->db_to_uni && t->is_lead[def[0]] && def[1]) ? 2 : 1;
    } else {
        def[0] = 0x3f;
    }
    for (int i = 0; i < srclen; i++) {
        WCHAR wc = src[i];
        WORD code = t->from_uni[wc];
        BYTE buf[2];
        int n;
        if (!code && wc) {
            WCHAR alt = (flags & WC_NO_BEST_FIT_CHARS) ? 0 : best_fit(t, wc);
            if (alt) {
                code = t->from_uni[alt];
            } else {
                if (used) *used = TRUE;
                if (dstlen) {
                    if (out + deflen > dstlen) return -2;
                    memcpy(dst + out, def, deflen);
                }
                out += deflen;
                continue;
            }
        }
        if (code > 0xff) { buf[0] = code >> 8; buf[1] = code & 0xff; n = 2; }
        else { buf[0] = code; n = 1; }
        if (dstlen) {
            if (out + n > dstlen) return -2;
            memcpy(dst + out, buf, n);
        }
        out += n;
    }
    return out;
}

/* CP_SYMBOL: bytes 0x20-0xff are U+F020-U+F0FF */
static int symbol_mb_to_wc(const BYTE *src, int srclen, WCHAR *dst, int dstlen)
{
    if (dstlen && srclen > dstlen) return -2;
    if (dstlen)
        for (int i = 0; i < srclen; i++) dst[i] = src[i] < 0x20 ? src[i] : 0xf000 + src[i];
    return srclen;
}

static int symbol_wc_to_mb(const WCHAR *src, int srclen, BYTE *dst, int dstlen)
{
    for (int i = 0; i < srclen; i++) {
        WCHAR wc = src[i];
        if (wc >= 0x20 && (wc < 0xf020 || wc > 0xf0ff)) return -1;
    }
    if (dstlen && srclen > dstlen) return -2;
    if (dstlen)
        for (int i = 0; i < srclen; i++) dst[i] = (BYTE)src[i];
    return srclen;
}

/* ---- the exports ---- */

int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int srclen, LPWSTR dst, int dstlen)
{
    const struct cptable *t = NULL;
    int ret;

    if (!src || !srclen || (!dst && dstlen) || dstlen < 0) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) srclen = strlen(src) + 1;
    UINT asked = cp;
    cp = nls_resolve_codepage(cp);

    if (flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS)) goto bad_flags;
    if ((flags & MB_PRECOMPOSED) && (flags & MB_COMPOSITE)) goto bad_flags;
    switch (cp) {
    case CP_UTF8:
        /* as in WideCharToMultiByte: a CP_ACP that a manifest made UTF-8
         * takes a table page's flags (the static CRT's strftime in CMake
         * passes MB_PRECOMPOSED | MB_ERR_INVALID_CHARS) */
        if (asked != CP_UTF8) flags &= MB_ERR_INVALID_CHARS;
        if (flags & ~MB_ERR_INVALID_CHARS) goto bad_flags;
        ret = utf8_to_utf16(flags, (const BYTE *)src, srclen, dst, dstlen);
        break;
    case CP_UTF7:
        if (flags) goto bad_flags;
        ret = utf7_to_utf16((const BYTE *)src, srclen, dst, dstlen);
        break;
    case CP_SYMBOL:
        if (flags) goto bad_flags;
        ret = symbol_mb_to_wc((const BYTE *)src, srclen, dst, dstlen);
        break;
    default:
        if (!(t = get_table(cp))) goto bad_cp;
        if (flags & MB_COMPOSITE) FIXME("MB_COMPOSITE is not supported; characters stay precomposed\n");
        if (t->db_to_uni) ret = dbcs_mb_to_wc(t, flags, (const BYTE *)src, srclen, dst, dstlen);
        else ret = sbcs_mb_to_wc(t, flags, (const BYTE *)src, srclen, dst, dstlen);
        break;
    }
    if (ret == -1) {
        carafe_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    if (ret == -2) {
        carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return ret;

bad_flags:
    carafe_set_last_error(ERROR_INVALID_FLAGS);
    return 0;
bad_cp:
    carafe_set_last_error(ERROR_INVALID_PARAMETER);
    return 0;
}

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int srclen, LPSTR dst, int dstlen,
                               LPCSTR defchar, LPBOOL used)
{
    const struct cptable *t;
    UINT asked;
    int ret;

    if (!src || !srclen || (!dst && dstlen) || dstlen < 0 || (dst && (const void *)dst == (const void *)src)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (srclen < 0) srclen = carafe_wcslen(src) + 1;
    asked = cp;
    cp = nls_resolve_codepage(cp);

    switch (cp) {
    case CP_UTF8:
        if (asked != CP_UTF8) {
            /* CP_ACP that a manifest's activeCodePage made UTF-8 takes the
             * arguments of a code page table: MSVC's std::filesystem passes
             * WC_NO_BEST_FIT_CHARS and lpUsedDefaultChar, and CMake, which
             * declares UTF-8, works on Windows */
            if (flags & ~(WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS))
                goto bad_flags;
            if (used) *used = FALSE;
            ret = utf16_to_utf8(0, src, srclen, (BYTE *)dst, dstlen);
            break;
        }
        if (defchar || used) goto bad_param;
        if (flags & ~WC_ERR_INVALID_CHARS) goto bad_flags;
        ret = utf16_to_utf8(flags, src, srclen, (BYTE *)dst, dstlen);
        break;
    case CP_UTF7:
        if (defchar || used) goto bad_param;
        if (flags) goto bad_flags;
        ret = utf16_to_utf7(src, srclen, (BYTE *)dst, dstlen);
        break;
    case CP_SYMBOL:
        if (flags) goto bad_flags;
        if (defchar || used) goto bad_param;
        ret = symbol_wc_to_mb(src, srclen, (BYTE *)dst, dstlen);
        break;
    default:
        if (flags & ~(WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS))
            goto bad_flags;
        if (!(t = get_table(cp))) goto bad_param;
        if (flags & WC_COMPOSITECHECK) FIXME("WC_COMPOSITECHECK is not supported; combining characters stay apart\n");
        if (used) *used = FALSE;
        ret = wc_to_mb_table(t, flags, src, srclen, (BYTE *)dst, dstlen, defchar, used);
        break;
    }
    if (ret == -1) {
        carafe_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    if (ret == -2) {
        carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return ret;

bad_flags:
    carafe_set_last_error(ERROR_INVALID_FLAGS);
    return 0;
bad_param:
    carafe_set_last_error(ERROR_INVALID_PARAMETER);
    return 0;
}

BOOL WINAPI IsValidCodePage(UINT cp)
{
    switch (cp) {
    case CP_UTF7: case CP_UTF8: return TRUE;
    case CP_ACP: case CP_OEMCP: case CP_MACCP: case CP_THREAD_ACP: return FALSE;
    default: return get_table(cp) != NULL;
    }
}

/* Fills the CPINFOEX fields both A and W share; the name goes to *name. */
static BOOL cpinfo(UINT cp, CPINFO *info, WCHAR *unidef, UINT *realcp, const char **name)
{
    const struct cptable *t;

    cp = nls_resolve_codepage(cp);
    memset(info, 0, sizeof(*info));
    info->DefaultChar[0] = 0x3f;
    *realcp = cp;
    *unidef = 0x3f;
    switch (cp) {
    case CP_UTF7:
        info->MaxCharSize = 5;
        *unidef = 0xfffd;
        *name = "65000 (UTF-7)";
        return TRUE;
    case CP_UTF8:
        info->MaxCharSize = 4;
        *unidef = 0xfffd;
        *name = "65001 (UTF-8)";
        return TRUE;
    }
    if (!(t = get_table(cp))) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    info->MaxCharSize = t->db_to_uni ? 2 : 1;
    for (int i = 0; i < MAX_LEADBYTES && t->def->lead[i]; i++) info->LeadByte[i] = t->def->lead[i];
    if (t->def->uni_default) *unidef = t->def->uni_default;
    *name = t->def->name;
    return TRUE;
}

BOOL WINAPI GetCPInfo(UINT cp, LPCPINFO info)
{
    WCHAR unidef;
    UINT real;
    const char *name;
    CPINFO tmp;
    if (!info) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!cpinfo(cp, &tmp, &unidef, &real, &name)) return FALSE;
    *info = tmp;
    return TRUE;
}

BOOL WINAPI GetCPInfoExW(UINT cp, DWORD flags, LPCPINFOEXW info)
{
    CPINFO base;
    const char *name;
    if (!info) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!cpinfo(cp, &base, &info->UnicodeDefaultChar, &info->CodePage, &name)) return FALSE;
    info->MaxCharSize = base.MaxCharSize;
    memcpy(info->DefaultChar, base.DefaultChar, sizeof(base.DefaultChar));
    memcpy(info->LeadByte, base.LeadByte, sizeof(base.LeadByte));
    size_t i;
    for (i = 0; name[i] && i < MAX_PATH - 1; i++) info->CodePageName[i] = (BYTE)name[i];
    info->CodePageName[i] = 0;
    return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT cp, DWORD flags, LPCPINFOEXA info)
{
    CPINFO base;
    const char *name;
    if (!info) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!cpinfo(cp, &base, &info->UnicodeDefaultChar, &info->CodePage, &name)) return FALSE;
    info->MaxCharSize = base.MaxCharSize;
    memcpy(info->DefaultChar, base.DefaultChar, sizeof(base.DefaultChar));
    memcpy(info->LeadByte, base.LeadByte, sizeof(base.LeadByte));
    snprintf(info->CodePageName, MAX_PATH, "%s", name);
    return TRUE;
}

BOOL WINAPI IsDBCSLeadByteEx(UINT cp, BYTE b)
{
    const struct cpdef *def = find_cpdef(nls_resolve_codepage(cp));
    if (!def) return FALSE;
    for (int i = 0; def->lead[i]; i += 2)
        if (b >= def->lead[i] && b <= def->lead[i + 1]) return TRUE;
    return FALSE;
}

BOOL WINAPI IsDBCSLeadByte(BYTE b)
{
    return IsDBCSLeadByteEx(CP_ACP, b);
}
