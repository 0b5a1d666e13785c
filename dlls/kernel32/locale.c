/* Locales: LCIDs and names, GetLocaleInfo, the default and thread locales.
 *
 * The user and system default locale is en-US (0x0409), whatever the Linux
 * locale says: only en-US has complete data here.  A table of other common
 * locales makes names, LCIDs and code pages round-trip and gives them their
 * names, separators and short date; any other field they are asked for
 * comes from en-US (a known simplification). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carafe/ntdll.h"
#include "nls_private.h"

DEFAULT_DEBUG_CHANNEL(nls);

#define USER_DEFAULT_LCID 0x0409

struct locale_def {
    LCID lcid;
    const char *name, *lang, *country, *native_lang, *native_country;
    const char *abbrev_lang, *iso639_2, *iso3166_3;
    UINT acp, oemcp, country_code;
    const char *decimal, *thousand, *list, *shortdate;
};

static const struct locale_def locales[] = {
    { 0x0401, "ar-SA", "Arabic", "Saudi Arabia", "Arabic", "Saudi Arabia", "ARA", "ara", "SAU", 1256, 720, 966, ".", ",", ";", "dd/MM/yy" },
    { 0x0404, "zh-TW", "Chinese", "Taiwan", "Chinese", "Taiwan", "CHT", "zho", "TWN", 950, 950, 886, ".", ",", ",", "yyyy/M/d" },
    { 0x0405, "cs-CZ", "Czech", "Czechia", "\xc4\x8d" "e\xc5\xa1tina", "\xc4\x8c" "esko", "CSY", "ces", "CZE", 1250, 852, 420, ",", "\xc2\xa0", ";", "dd.MM.yyyy" },
    { 0x0406, "da-DK", "Danish", "Denmark", "dansk", "Danmark", "DAN", "dan", "DNK", 1252, 850, 45, ",", ".", ";", "dd-MM-yyyy" },
    { 0x0407, "de-DE", "German", "Germany", "Deutsch", "Deutschland", "DEU", "deu", "DEU", 1252, 850, 49, ",", ".", ";", "dd.MM.yyyy" },
    { 0x0408, "el-GR", "Greek", "Greece", "Greek", "Greece", "ELL", "ell", "GRC", 1253, 737, 30, ",", ".", ";", "d/M/yyyy" },
    { 0x0409, "en-US", "English", "United States", "English", "United States", "ENU", "eng", "USA", 1252, 437, 1, ".", ",", ",", "M/d/yyyy" },
    { 0x040b, "fi-FI", "Finnish", "Finland", "suomi", "Suomi", "FIN", "fin", "FIN", 1252, 850, 358, ",", "\xc2\xa0", ";", "d.M.yyyy" },
    { 0x040c, "fr-FR", "French", "France", "fran\xc3\xa7" "ais", "France", "FRA", "fra", "FRA", 1252, 850, 33, ",", "\xe2\x80\xaf", ";", "dd/MM/yyyy" },
    { 0x040d, "he-IL", "Hebrew", "Israel", "Hebrew", "Israel", "HEB", "heb", "ISR", 1255, 862, 972, ".", ",", ",", "dd/MM/yyyy" },
    { 0x040e, "hu-HU", "Hungarian", "Hungary", "magyar", "Magyarorsz\xc3\xa1g", "HUN", "hun", "HUN", 1250, 852, 36, ",", "\xc2\xa0", ";", "yyyy. MM. dd." },
    { 0x0410, "it-IT", "Italian", "Italy", "italiano", "Italia", "ITA", "ita", "ITA", 1252, 850, 39, ",", ".", ";", "dd/MM/yyyy" },
    { 0x0411, "ja-JP", "Japanese", "Japan", "Japanese", "Japan", "JPN", "jpn", "JPN", 932, 932, 81, ".", ",", ",", "yyyy/MM/dd" },
    { 0x0412, "ko-KR", "Korean", "Korea", "Korean", "Korea", "KOR", "kor", "KOR", 949, 949, 82, ".", ",", ",", "yyyy-MM-dd" },
    { 0x0413, "nl-NL", "Dutch", "Netherlands", "Nederlands", "Nederland", "NLD", "nld", "NLD", 1252, 850, 31, ",", ".", ";", "d-M-yyyy" },
    { 0x0414, "nb-NO", "Norwegian Bokm\xc3\xa5l", "Norway", "norsk bokm\xc3\xa5l", "Norge", "NOR", "nob", "NOR", 1252, 850, 47, ",", "\xc2\xa0", ";", "dd.MM.yyyy" },
    { 0x0415, "pl-PL", "Polish", "Poland", "polski", "Polska", "PLK", "pol", "POL", 1250, 852, 48, ",", "\xc2\xa0", ";", "dd.MM.yyyy" },
    { 0x0416, "pt-BR", "Portuguese", "Brazil", "portugu\xc3\xaas", "Brasil", "PTB", "por", "BRA", 1252, 850, 55, ",", ".", ";", "dd/MM/yyyy" },
    { 0x0419, "ru-RU", "Russian", "Russia", "\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9", "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f", "RUS", "rus", "RUS", 1251, 866, 7, ",", "\xc2\xa0", ";", "dd.MM.yyyy" },
    { 0x041d, "sv-SE", "Swedish", "Sweden", "svenska", "Sverige", "SVE", "swe", "SWE", 1252, 850, 46, ",", "\xc2\xa0", ";", "yyyy-MM-dd" },
    { 0x041f, "tr-TR", "Turkish", "T\xc3\xbcrkiye", "T\xc3\xbcrk\xc3\xa7" "e", "T\xc3\xbcrkiye", "TRK", "tur", "TUR", 1254, 857, 90, ",", ".", ";", "d.MM.yyyy" },
    { 0x0422, "uk-UA", "Ukrainian", "Ukraine", "\xd1\x83\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb0", "\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0", "UKR", "ukr", "UKR", 1251, 866, 380, ",", "\xc2\xa0", ";", "dd.MM.yyyy" },
    { 0x042a, "vi-VN", "Vietnamese", "Vietnam", "Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t", "Vi\xe1\xbb\x87t Nam", "VIT", "vie", "VNM", 1258, 1258, 84, ",", ".", ";", "dd/MM/yyyy" },
    { 0x041e, "th-TH", "Thai", "Thailand", "Thai", "Thailand", "THA", "tha", "THA", 874, 874, 66, ".", ",", ",", "d/M/yyyy" },
    { 0x0804, "zh-CN", "Chinese", "China", "Chinese", "China", "CHS", "zho", "CHN", 936, 936, 86, ".", ",", ",", "yyyy/M/d" },
    { 0x0809, "en-GB", "English", "United Kingdom", "English", "United Kingdom", "ENG", "eng", "GBR", 1252, 850, 44, ".", ",", ",", "dd/MM/yyyy" },
    { 0x080a, "es-MX", "Spanish", "Mexico", "espa\xc3\xb1ol", "M\xc3\xa9xico", "ESM", "spa", "MEX", 1252, 850, 52, ".", ",", ",", "dd/MM/yyyy" },
    { 0x0816, "pt-PT", "Portuguese", "Portugal", "portugu\xc3\xaas", "Portugal", "PTG", "por", "PRT", 1252, 850, 351, ",", "\xc2\xa0", ";", "dd/MM/yyyy" },
    { 0x0c0a, "es-ES", "Spanish", "Spain", "espa\xc3\xb1ol", "Espa\xc3\xb1" "a", "ESN", "spa", "ESP", 1252, 850, 34, ",", ".", ";", "dd/MM/yyyy" },
};

/* en-US, and every field the table above does not carry */
static const struct { LCTYPE type; const char *value; } en_us[] = {
    { LOCALE_IDEFAULTLANGUAGE, "0409" }, { LOCALE_IDEFAULTCOUNTRY, "1" },
    { LOCALE_IMEASURE, "1" }, { LOCALE_SGROUPING, "3;0" }, { LOCALE_IDIGITS, "2" }, { LOCALE_ILZERO, "1" },
    { LOCALE_INEGNUMBER, "1" }, { LOCALE_SNATIVEDIGITS, "0123456789" }, { LOCALE_SCURRENCY, "$" },
    { LOCALE_SINTLSYMBOL, "USD" }, { LOCALE_SMONDECIMALSEP, "." }, { LOCALE_SMONTHOUSANDSEP, "," },
    { LOCALE_SMONGROUPING, "3;0" }, { LOCALE_ICURRDIGITS, "2" }, { LOCALE_IINTLCURRDIGITS, "2" },
    { LOCALE_ICURRENCY, "0" }, { LOCALE_INEGCURR, "0" }, { LOCALE_SDATE, "/" }, { LOCALE_STIME, ":" },
    { LOCALE_SLONGDATE, "dddd, MMMM d, yyyy" }, { LOCALE_STIMEFORMAT, "h:mm:ss tt" },
    { LOCALE_SSHORTTIME, "h:mm tt" }, { LOCALE_SYEARMONTH, "MMMM yyyy" }, { LOCALE_SMONTHDAY, "MMMM d" },
    { LOCALE_IDATE, "0" }, { LOCALE_ILDATE, "0" }, { LOCALE_ITIME, "0" }, { LOCALE_ITIMEMARKPOSN, "0" },
    { LOCALE_ICENTURY, "1" }, { LOCALE_ITLZERO, "0" }, { LOCALE_IDAYLZERO, "0" }, { LOCALE_IMONLZERO, "0" },
    { LOCALE_S1159, "AM" }, { LOCALE_S2359, "PM" }, { LOCALE_ICALENDARTYPE, "1" },
    { LOCALE_IOPTIONALCALENDAR, "0" }, { LOCALE_IFIRSTDAYOFWEEK, "6" }, { LOCALE_IFIRSTWEEKOFYEAR, "0" },
    { LOCALE_SDAYNAME1, "Monday" }, { LOCALE_SDAYNAME1 + 1, "Tuesday" }, { LOCALE_SDAYNAME1 + 2, "Wednesday" },
    { LOCALE_SDAYNAME1 + 3, "Thursday" }, { LOCALE_SDAYNAME1 + 4, "Friday" }, { LOCALE_SDAYNAME1 + 5, "Saturday" },
    { LOCALE_SDAYNAME7, "Sunday" },
    { LOCALE_SABBREVDAYNAME1, "Mon" }, { LOCALE_SABBREVDAYNAME1 + 1, "Tue" }, { LOCALE_SABBREVDAYNAME1 + 2, "Wed" },
    { LOCALE_SABBREVDAYNAME1 + 3, "Thu" }, { LOCALE_SABBREVDAYNAME1 + 4, "Fri" }, { LOCALE_SABBREVDAYNAME1 + 5, "Sat" },
    { LOCALE_SABBREVDAYNAME7, "Sun" },
    { LOCALE_SSHORTESTDAYNAME1, "Mo" }, { LOCALE_SSHORTESTDAYNAME1 + 1, "Tu" }, { LOCALE_SSHORTESTDAYNAME1 + 2, "We" },
    { LOCALE_SSHORTESTDAYNAME1 + 3, "Th" }, { LOCALE_SSHORTESTDAYNAME1 + 4, "Fr" }, { LOCALE_SSHORTESTDAYNAME1 + 5, "Sa" },
    { LOCALE_SSHORTESTDAYNAME7, "Su" },
    { LOCALE_SMONTHNAME1, "January" }, { LOCALE_SMONTHNAME1 + 1, "February" }, { LOCALE_SMONTHNAME1 + 2, "March" },
    { LOCALE_SMONTHNAME1 + 3, "April" }, { LOCALE_SMONTHNAME1 + 4, "May" }, { LOCALE_SMONTHNAME1 + 5, "June" },
    { LOCALE_SMONTHNAME1 + 6, "July" }, { LOCALE_SMONTHNAME1 + 7, "August" }, { LOCALE_SMONTHNAME1 + 8, "September" },
    { LOCALE_SMONTHNAME1 + 9, "October" }, { LOCALE_SMONTHNAME1 + 10, "November" }, { LOCALE_SMONTHNAME12, "December" },
    { LOCALE_SMONTHNAME13, "" },
    { LOCALE_SABBREVMONTHNAME1, "Jan" }, { LOCALE_SABBREVMONTHNAME1 + 1, "Feb" }, { LOCALE_SABBREVMONTHNAME1 + 2, "Mar" },
    { LOCALE_SABBREVMONTHNAME1 + 3, "Apr" }, { LOCALE_SABBREVMONTHNAME1 + 4, "May" }, { LOCALE_SABBREVMONTHNAME1 + 5, "Jun" },
    { LOCALE_SABBREVMONTHNAME1 + 6, "Jul" }, { LOCALE_SABBREVMONTHNAME1 + 7, "Aug" }, { LOCALE_SABBREVMONTHNAME1 + 8, "Sep" },
    { LOCALE_SABBREVMONTHNAME1 + 9, "Oct" }, { LOCALE_SABBREVMONTHNAME1 + 10, "Nov" }, { LOCALE_SABBREVMONTHNAME12, "Dec" },
    { LOCALE_SABBREVMONTHNAME13, "" },
    { LOCALE_SPOSITIVESIGN, "" }, { LOCALE_SNEGATIVESIGN, "-" }, { LOCALE_IPOSSIGNPOSN, "3" },
    { LOCALE_INEGSIGNPOSN, "0" }, { LOCALE_IPOSSYMPRECEDES, "1" }, { LOCALE_IPOSSEPBYSPACE, "0" },
    { LOCALE_INEGSYMPRECEDES, "1" }, { LOCALE_INEGSEPBYSPACE, "0" },
    { LOCALE_IDEFAULTEBCDICCODEPAGE, "037" }, { LOCALE_IDEFAULTMACCODEPAGE, "10000" }, { LOCALE_IPAPERSIZE, "1" },
    { LOCALE_SENGCURRNAME, "US Dollar" }, { LOCALE_SNATIVECURRNAME, "US Dollar" }, { LOCALE_IDIGITSUBSTITUTION, "1" },
    { LOCALE_SNAN, "NaN" }, { LOCALE_SPOSINFINITY, "\xe2\x88\x9e" }, { LOCALE_SNEGINFINITY, "-\xe2\x88\x9e" },
    { LOCALE_SSCRIPTS, "Latn;" }, { LOCALE_IREADINGLAYOUT, "0" }, { LOCALE_INEUTRAL, "0" },
    { LOCALE_INEGATIVEPERCENT, "1" }, { LOCALE_IPOSITIVEPERCENT, "1" }, { LOCALE_SPERCENT, "%" },
    { LOCALE_SPERMILLE, "\xe2\x80\xb0" }, { LOCALE_SDURATION, "h:mm:ss" }, { LOCALE_SSORTNAME, "Default" },
    { LOCALE_SKEYBOARDSTOINSTALL, "0409:00000409" },
};

static const struct locale_def invariant = {
    LOCALE_INVARIANT, "", "Invariant Language", "Invariant Country", "Invariant Language", "Invariant Country",
    "IVL", "ivl", "IVC", 1252, 437, 0, ".", ",", ",", "MM/dd/yyyy",
};

/* the thread locale lives in the TEB, as on Windows (0 = not set yet) */
#define thread_lcid (NtCurrentTeb()->CurrentLocale)

static const struct locale_def *find_locale(LCID lcid)
{
    if (lcid == LOCALE_INVARIANT) return &invariant;
    for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
        if (locales[i].lcid == lcid) return &locales[i];
    return NULL;
}

/* LANG_xx with SUBLANG_NEUTRAL: the first locale of that language */
static const struct locale_def *find_neutral(LCID lcid)
{
    for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
        if (PRIMARYLANGID(locales[i].lcid) == lcid) return &locales[i];
    return NULL;
}

LCID nls_resolve_lcid(LCID lcid)
{
    switch (lcid) {
    case LOCALE_NEUTRAL: case LOCALE_USER_DEFAULT: case LOCALE_SYSTEM_DEFAULT:
    case LOCALE_CUSTOM_DEFAULT: case LOCALE_CUSTOM_UNSPECIFIED: case LOCALE_CUSTOM_UI_DEFAULT:
        return USER_DEFAULT_LCID;
    }
    lcid &= 0xffff;   /* the sort id does not change the data */
    if (find_locale(lcid)) return lcid;
    if (SUBLANGID(lcid) == SUBLANG_NEUTRAL && find_neutral(lcid)) return lcid;
    return 0;
}

static int ascii_casecmp(const WCHAR *w, const char *a)
{
    for (;; w++, a++) {
        WCHAR x = *w;
        char y = *a;
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != (BYTE)y) return 1;
        if (!x) return 0;
    }
}

/* the LCID of a name; neutral names ("en") give the language's LCID when
 * allowed, else the first specific locale of the language */
static LCID lcid_from_name(const WCHAR *name, BOOL allow_neutral)
{
    if (!name) return USER_DEFAULT_LCID;
    if (!*name) return LOCALE_INVARIANT;
    if (!ascii_casecmp(name, "!x-sys-default-locale")) return USER_DEFAULT_LCID;
    for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
        if (!ascii_casecmp(name, locales[i].name)) return locales[i].lcid;
    for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++) {
        char lang[4];
        const char *dash = strchr(locales[i].name, '-');
        size_t n = dash - locales[i].name;
        memcpy(lang, locales[i].name, n);
        lang[n] = 0;
        if (!ascii_casecmp(name, lang)) return allow_neutral ? PRIMARYLANGID(locales[i].lcid) : locales[i].lcid;
    }
    return 0;
}

LCID nls_lcid_from_name(const WCHAR *name)
{
    return lcid_from_name(name, TRUE);
}

/* ---- defaults ---- */

LCID WINAPI GetUserDefaultLCID(void) { return USER_DEFAULT_LCID; }
LCID WINAPI GetSystemDefaultLCID(void) { return USER_DEFAULT_LCID; }
LANGID WINAPI GetUserDefaultLangID(void) { return LANGIDFROMLCID(USER_DEFAULT_LCID); }
LANGID WINAPI GetSystemDefaultLangID(void) { return LANGIDFROMLCID(USER_DEFAULT_LCID); }
LANGID WINAPI GetUserDefaultUILanguage(void) { return LANGIDFROMLCID(USER_DEFAULT_LCID); }
LANGID WINAPI GetSystemDefaultUILanguage(void) { return LANGIDFROMLCID(USER_DEFAULT_LCID); }

LCID WINAPI GetThreadLocale(void)
{
    return thread_lcid ? thread_lcid : USER_DEFAULT_LCID;
}

BOOL WINAPI SetThreadLocale(LCID lcid)
{
    LCID real = nls_resolve_lcid(lcid);
    if (!real || SUBLANGID(real) == SUBLANG_NEUTRAL) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    thread_lcid = real;
    return TRUE;
}

BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags)
{
    return find_locale(lcid & 0xffff) != NULL;
}

BOOL WINAPI IsValidLocaleName(LPCWSTR name)
{
    return name && lcid_from_name(name, TRUE) != 0;
}

/* ---- GetLocaleInfo ---- */

/* the UTF-8 value of a field; NULL if the type is unknown */
static const char *locale_field(const struct locale_def *loc, LCID lcid, LCTYPE type, char *buf, size_t size)
{
    BOOL neutral = SUBLANGID(lcid) == SUBLANG_NEUTRAL && lcid != LOCALE_INVARIANT;
    switch (type) {
    case LOCALE_ILANGUAGE: snprintf(buf, size, "%04x", lcid & 0xffff); return buf;
    case LOCALE_SLANGUAGE: case LOCALE_SENGLISHDISPLAYNAME: case LOCALE_SNATIVEDISPLAYNAME:
        if (loc == &invariant || neutral) return type == LOCALE_SNATIVEDISPLAYNAME ? loc->native_lang : loc->lang;
        snprintf(buf, size, "%s (%s)", type == LOCALE_SNATIVEDISPLAYNAME ? loc->native_lang : loc->lang,
                 type == LOCALE_SNATIVEDISPLAYNAME ? loc->native_country : loc->country);
        return buf;
    case LOCALE_SENGLANGUAGE: return loc->lang;
    case LOCALE_SNATIVELANGNAME: return loc->native_lang;
    case LOCALE_SENGCOUNTRY: case LOCALE_SCOUNTRY: return loc->country;
    case LOCALE_SNATIVECTRYNAME: return loc->native_country;
    case LOCALE_SABBREVLANGNAME: return loc->abbrev_lang;
    case LOCALE_SABBREVCTRYNAME: case LOCALE_SISO3166CTRYNAME2: return loc->iso3166_3;
    case LOCALE_SISO639LANGNAME2: return loc->iso639_2;
    case LOCALE_ICOUNTRY: case LOCALE_IDEFAULTCOUNTRY: snprintf(buf, size, "%u", loc->country_code); return buf;
    case LOCALE_IDEFAULTCODEPAGE: snprintf(buf, size, "%u", loc->oemcp); return buf;
    case LOCALE_IDEFAULTANSICODEPAGE: snprintf(buf, size, "%u", loc->acp); return buf;
    case LOCALE_IDEFAULTLANGUAGE: snprintf(buf, size, "%04x", loc->lcid & 0xffff); return buf;
    case LOCALE_SDECIMAL: return loc->decimal;
    case LOCALE_STHOUSAND: return loc->thousand;
    case LOCALE_SLIST: return loc->list;
    case LOCALE_SSHORTDATE: return loc->shortdate;
    case LOCALE_SNAME: case LOCALE_SISO639LANGNAME: case LOCALE_SISO3166CTRYNAME: case LOCALE_SPARENT:
    case LOCALE_SCONSOLEFALLBACKNAME: case LOCALE_SOPENTYPELANGUAGETAG: case LOCALE_SSORTLOCALE: {
        const char *dash = strchr(loc->name, '-');
        if (!dash) return loc->name;
        size_t n = dash - loc->name;
        if (type == LOCALE_SISO3166CTRYNAME) return dash + 1;
        if (type == LOCALE_SNAME && !neutral) return loc->name;
        if (type == LOCALE_SSORTLOCALE || type == LOCALE_SCONSOLEFALLBACKNAME) return loc->name;
        if (type == LOCALE_SOPENTYPELANGUAGETAG) {
            snprintf(buf, size, "%.3s", loc->abbrev_lang);
            return buf;
        }
        snprintf(buf, size, "%.*s", (int)n, loc->name);
        return buf;
    }
    }
    for (size_t i = 0; i < sizeof(en_us) / sizeof(en_us[0]); i++)
        if (en_us[i].type == type) return en_us[i].value;
    return NULL;
}

static int is_numeric_type(LCTYPE type)
{
    switch (type) {
    case LOCALE_ILANGUAGE: case LOCALE_ICOUNTRY: case LOCALE_IDEFAULTLANGUAGE: case LOCALE_IDEFAULTCOUNTRY:
    case LOCALE_IDEFAULTCODEPAGE: case LOCALE_IDEFAULTANSICODEPAGE: case LOCALE_IDEFAULTMACCODEPAGE:
    case LOCALE_IDEFAULTEBCDICCODEPAGE: case LOCALE_IMEASURE: case LOCALE_IDIGITS: case LOCALE_ILZERO:
    case LOCALE_INEGNUMBER: case LOCALE_ICURRDIGITS: case LOCALE_IINTLCURRDIGITS: case LOCALE_ICURRENCY:
    case LOCALE_INEGCURR: case LOCALE_IDATE: case LOCALE_ILDATE: case LOCALE_ITIME: case LOCALE_ITIMEMARKPOSN:
    case LOCALE_ICENTURY: case LOCALE_ITLZERO: case LOCALE_IDAYLZERO: case LOCALE_IMONLZERO:
    case LOCALE_ICALENDARTYPE: case LOCALE_IOPTIONALCALENDAR: case LOCALE_IFIRSTDAYOFWEEK:
    case LOCALE_IFIRSTWEEKOFYEAR: case LOCALE_IPOSSIGNPOSN: case LOCALE_INEGSIGNPOSN:
    case LOCALE_IPOSSYMPRECEDES: case LOCALE_IPOSSEPBYSPACE: case LOCALE_INEGSYMPRECEDES:
    case LOCALE_INEGSEPBYSPACE: case LOCALE_IPAPERSIZE: case LOCALE_IDIGITSUBSTITUTION:
    case LOCALE_IREADINGLAYOUT: case LOCALE_INEUTRAL: case LOCALE_INEGATIVEPERCENT: case LOCALE_IPOSITIVEPERCENT:
        return 1;
    }
    return 0;
}

static int get_locale_info(LCID lcid, LCTYPE lctype, WCHAR *buf, int len)
{
    LCTYPE type = lctype & ~(LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER |
                             LOCALE_RETURN_GENITIVE_NAMES | LOCALE_ALLOW_NEUTRAL_NAMES);
    const struct locale_def *loc;
    char tmp[128];
    const char *value;

    if (len < 0 || (len && !buf)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCID real = nls_resolve_lcid(lcid);
    if (!real) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    loc = find_locale(real);
    if (!loc) loc = find_neutral(real);
    if (type == LOCALE_FONTSIGNATURE) FIXME("LOCALE_FONTSIGNATURE is not supported\n");
    if (!(value = locale_field(loc, real, type, tmp, sizeof(tmp)))) {
        carafe_set_last_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (lctype & LOCALE_RETURN_NUMBER) {
        if (!is_numeric_type(type)) {
            carafe_set_last_error(ERROR_INVALID_FLAGS);
            return 0;
        }
        DWORD num = strtoul(value, NULL, (type == LOCALE_ILANGUAGE || type == LOCALE_IDEFAULTLANGUAGE) ? 16 : 10);
        int need = sizeof(DWORD) / sizeof(WCHAR);
        if (!len) return need;
        if (len < need) {
            carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(buf, &num, sizeof(num));
        return need;
    }
    int need = carafe_utf8_to_utf16(value, -1, NULL, 0);
    if (!len) return need;
    if (len < need) {
        carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return carafe_utf8_to_utf16(value, -1, buf, len);
}

int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR buf, int len)
{
    return get_locale_info(lcid, type, buf, len);
}

int WINAPI GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR buf, int len)
{
    LCID lcid = lcid_from_name(name, TRUE);
    if (!lcid) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return get_locale_info(lcid, type, buf, len);
}

int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR buf, int len)
{
    WCHAR wbuf[128];
    if (len < 0 || (len && !buf)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) {
        DWORD num;
        int r = get_locale_info(lcid, type, (WCHAR *)&num, sizeof(num) / sizeof(WCHAR));
        if (!r) return 0;
        if (!len) return sizeof(DWORD);
        if (len < (int)sizeof(DWORD)) {
            carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(buf, &num, sizeof(num));
        return sizeof(DWORD);
    }
    int r = get_locale_info(lcid, type, wbuf, 128);
    if (!r) return 0;
    return WideCharToMultiByte(CP_ACP, 0, wbuf, r, buf, len, NULL, NULL);
}

static int copy_name(const char *name, WCHAR *buf, int len)
{
    int need = strlen(name) + 1;
    if (!len) return need;
    if (len < need) {
        carafe_set_last_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    for (int i = 0; i < need; i++) buf[i] = (BYTE)name[i];
    return need;
}

int WINAPI GetUserDefaultLocaleName(LPWSTR buf, int len)
{
    if (len < 0 || (len && !buf)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return copy_name(find_locale(USER_DEFAULT_LCID)->name, buf, len);
}

int WINAPI GetSystemDefaultLocaleName(LPWSTR buf, int len)
{
    return GetUserDefaultLocaleName(buf, len);
}

LCID WINAPI LocaleNameToLCID(LPCWSTR name, DWORD flags)
{
    LCID lcid = lcid_from_name(name, (flags & LOCALE_ALLOW_NEUTRAL_NAMES) != 0);
    if (!lcid) carafe_set_last_error(ERROR_INVALID_PARAMETER);
    return lcid;
}

int WINAPI LCIDToLocaleName(LCID lcid, LPWSTR buf, int len, DWORD flags)
{
    char name[16];
    if (len < 0 || (len && !buf)) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCID real = nls_resolve_lcid(lcid);
    if (!real) {
        carafe_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const struct locale_def *loc = find_locale(real);
    if (loc) return copy_name(loc->name, buf, len);
    loc = find_neutral(real);
    snprintf(name, sizeof(name), "%.*s", (int)(strchr(loc->name, '-') - loc->name), loc->name);
    return copy_name(name, buf, len);
}
