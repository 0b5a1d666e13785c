/* Locales: only the "C" locale exists so far. */
#include <limits.h>
#include <string.h>
#include "msvcrt_private.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define MSVCRT_LC_ALL 0
#define MSVCRT_LC_MAX 5

struct msvcrt_lconv {
    char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol;
    char *mon_decimal_point, *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes;
    char n_sep_by_space, p_sign_posn, n_sign_posn;
};

static struct msvcrt_lconv c_lconv = {
    ".", "", "", "", "", "", "", "", "", "",
    CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
};

char *CDECL MSVCRT_setlocale(int category, const char *locale)
{
    static char c_name[] = "C";
    if (category < MSVCRT_LC_ALL || category > MSVCRT_LC_MAX) return NULL;
    if (!locale || !strcmp(locale, "C")) return c_name;
    if (!*locale) {
        FIXME("the user's locale is the C locale\n");
        return c_name;
    }
    FIXME("locale %s is not supported\n", locale);
    return NULL;
}

WCHAR *CDECL MSVCRT__wsetlocale(int category, const WCHAR *locale)
{
    static WCHAR c_name[] = u"C";
    if (category < MSVCRT_LC_ALL || category > MSVCRT_LC_MAX) return NULL;
    if (!locale || (locale[0] == 'C' && !locale[1]) || !*locale) return c_name;
    FIXME("locales other than C are not supported\n");
    return NULL;
}

struct msvcrt_lconv *CDECL MSVCRT_localeconv(void) { return &c_lconv; }

int CDECL MSVCRT__configthreadlocale(int type) { return 2; /* _DISABLE_PER_THREAD_LOCALE */ }
