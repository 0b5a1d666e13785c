/* msvcrt character classification in the "C" locale: the _ctype table
 * (index 0 is EOF), its _pctype view, the wide table behind iswctype, and
 * the locale queries that report the C locale (code page 0, one byte per
 * character). */
#include <wctype.h>
#include <locale.h>
#include <pthread.h>
#include "msvcrt_private.h"
#include "msvcrt_ctype.h"

unsigned short MSVCRT__ctype[257];
unsigned short *MSVCRT__pctype = MSVCRT__ctype + 1;
static unsigned short wide_table[256];
unsigned short *MSVCRT__pwctype = wide_table;
int MSVCRT___mb_cur_max = 1;
unsigned int MSVCRT___lc_codepage = 0;
int MSVCRT___lc_collate_cp = 0;

/* Classes of the first 256 characters as msvcrt's C locale sees them:
 * ASCII only in the narrow table; Latin-1 too in the wide one. */
static unsigned short ascii_class(int c)
{
    unsigned short f = 0;
    if (c < 0x20 || c == 0x7f) f |= MSVCRT__CONTROL;
    if (c >= 9 && c <= 13) f |= MSVCRT__SPACE;
    if (c == ' ') f |= MSVCRT__SPACE | MSVCRT__BLANK;
    if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
        (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) f |= MSVCRT__PUNCT;
    if (c >= '0' && c <= '9') f |= MSVCRT__DIGIT | MSVCRT__HEX;
    if (c >= 'A' && c <= 'Z') f |= MSVCRT__UPPER;
    if (c >= 'a' && c <= 'z') f |= MSVCRT__LOWER;
    if ((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')) f |= MSVCRT__HEX;
    return f;
}

static unsigned short latin1_wide_class(int c)
{
    unsigned short f = ascii_class(c);
    if (c < 0x80) {
        if (f & (MSVCRT__UPPER | MSVCRT__LOWER)) f |= MSVCRT__LEADALPHA;
        if (c == '\t') f |= MSVCRT__BLANK;
        return f;
    }
    if (c < 0xa0) return MSVCRT__CONTROL;
    if (c == 0xa0) return MSVCRT__SPACE | MSVCRT__BLANK;
    if (c == 0xb2 || c == 0xb3 || c == 0xb9) return MSVCRT__PUNCT | MSVCRT__DIGIT;
    if (c < 0xc0 || c == 0xd7 || c == 0xf7) return MSVCRT__PUNCT;
    if (c < 0xdf) return MSVCRT__LEADALPHA | MSVCRT__UPPER;
    return MSVCRT__LEADALPHA | MSVCRT__LOWER;
}

__attribute__((constructor)) static void init_ctype_tables(void)
{
    for (int c = 0; c < 256; c++) {
        MSVCRT__ctype[c + 1] = c < 0x80 ? ascii_class(c) : 0;
        wide_table[c] = latin1_wide_class(c);
    }
}

/* Classes of characters above U+00FF, from the host's Unicode tables. */
static locale_t unicode_locale;
static pthread_once_t unicode_locale_once = PTHREAD_ONCE_INIT;

static void init_unicode_locale(void)
{
    unicode_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static locale_t utf8_locale(void)
{
    pthread_once(&unicode_locale_once, init_unicode_locale);
    return unicode_locale;
}

unsigned short msvcrt_wide_class(unsigned int c)
{
    if (c < 256) return wide_table[c];
    if (c > 0xffff) return 0;
    locale_t loc = utf8_locale();
    if (!loc) return 0;
    unsigned short f = 0;
    if (iswupper_l(c, loc)) f |= MSVCRT__UPPER;
    if (iswlower_l(c, loc)) f |= MSVCRT__LOWER;
    if (iswdigit_l(c, loc)) f |= MSVCRT__DIGIT;
    if (iswspace_l(c, loc)) f |= MSVCRT__SPACE;
    if (iswpunct_l(c, loc) && !iswalnum_l(c, loc)) f |= MSVCRT__PUNCT;
    if (iswcntrl_l(c, loc)) f |= MSVCRT__CONTROL;
    if (iswblank_l(c, loc)) f |= MSVCRT__BLANK;
    if (iswalpha_l(c, loc)) f |= MSVCRT__LEADALPHA;
    if (f || iswprint_l(c, loc)) f |= MSVCRT__DEFINED;
    return f;
}

int CDECL MSVCRT__isctype(int c, int mask)
{
    if (c < -1 || c > 255) return 0;
    return MSVCRT__ctype[c + 1] & mask;
}

int CDECL MSVCRT__isctype_l(int c, int mask, void *locale) { return MSVCRT__isctype(c, mask); }

int CDECL MSVCRT_isalpha(int c) { return MSVCRT__isctype(c, MSVCRT__ALPHA); }
int CDECL MSVCRT_isupper(int c) { return MSVCRT__isctype(c, MSVCRT__UPPER); }
int CDECL MSVCRT_islower(int c) { return MSVCRT__isctype(c, MSVCRT__LOWER); }
int CDECL MSVCRT_isdigit(int c) { return MSVCRT__isctype(c, MSVCRT__DIGIT); }
int CDECL MSVCRT_isxdigit(int c) { return MSVCRT__isctype(c, MSVCRT__HEX); }
int CDECL MSVCRT_isspace(int c) { return MSVCRT__isctype(c, MSVCRT__SPACE); }
int CDECL MSVCRT_ispunct(int c) { return MSVCRT__isctype(c, MSVCRT__PUNCT); }
int CDECL MSVCRT_isalnum(int c) { return MSVCRT__isctype(c, MSVCRT__ALPHA | MSVCRT__DIGIT); }
int CDECL MSVCRT_isprint(int c)
{
    return MSVCRT__isctype(c, MSVCRT__BLANK | MSVCRT__PUNCT | MSVCRT__ALPHA | MSVCRT__DIGIT);
}
int CDECL MSVCRT_isgraph(int c)
{
    return MSVCRT__isctype(c, MSVCRT__PUNCT | MSVCRT__ALPHA | MSVCRT__DIGIT);
}
int CDECL MSVCRT_iscntrl(int c) { return MSVCRT__isctype(c, MSVCRT__CONTROL); }
int CDECL MSVCRT_isleadbyte(int c) { return 0; }  /* no lead bytes in the C locale */

int CDECL MSVCRT___isascii(int c) { return (unsigned int)c < 0x80; }
int CDECL MSVCRT___toascii(int c) { return c & 0x7f; }
int CDECL MSVCRT___iscsym(int c) { return c == '_' || MSVCRT_isalnum(c); }
int CDECL MSVCRT___iscsymf(int c) { return c == '_' || MSVCRT_isalpha(c); }

int CDECL MSVCRT_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }
int CDECL MSVCRT_tolower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
/* the underscore forms convert unconditionally, as documented */
int CDECL MSVCRT__toupper(int c) { return c - 'a' + 'A'; }
int CDECL MSVCRT__tolower(int c) { return c - 'A' + 'a'; }
int CDECL MSVCRT__toupper_l(int c, void *locale) { return MSVCRT_toupper(c); }
int CDECL MSVCRT__tolower_l(int c, void *locale) { return MSVCRT_tolower(c); }

const unsigned short * CDECL MSVCRT___pctype_func(void) { return MSVCRT__pctype; }
const unsigned short * CDECL MSVCRT___pwctype_func(void) { return MSVCRT__pwctype; }
int CDECL MSVCRT____mb_cur_max_func(void) { return MSVCRT___mb_cur_max; }
unsigned int CDECL MSVCRT____lc_codepage_func(void) { return MSVCRT___lc_codepage; }
int CDECL MSVCRT____lc_collate_cp_func(void) { return MSVCRT___lc_collate_cp; }
