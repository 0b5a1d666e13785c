/* What kernel32's code page, string and locale files share (hidden). */
#ifndef CARAFE_KERNEL32_NLS_PRIVATE_H
#define CARAFE_KERNEL32_NLS_PRIVATE_H

#include "winnls.h"

#define NLS_HIDDEN __attribute__((visibility("hidden")))

/* codepage.c: CP_ACP/CP_OEMCP/CP_MACCP/CP_THREAD_ACP -> a real code page */
NLS_HIDDEN UINT nls_resolve_codepage(UINT cp);
/* codepage.c: the ANSI code page of a Windows system in Linux locale LOC
 * (LANG's form; NULL, C and POSIX are en-US) */
NLS_HIDDEN UINT nls_acp_from_locale(const char *loc);

/* lstr.c: Windows-style simple case mapping of one UTF-16 unit */
NLS_HIDDEN WCHAR nls_toupper(WCHAR c);
NLS_HIDDEN WCHAR nls_tolower(WCHAR c);
/* lstr.c: the unaccented Latin letter behind an accented one (same case),
 * or 0 when c is not an accented Latin letter */
NLS_HIDDEN WCHAR nls_latin_base(WCHAR c);

/* locale.c: LOCALE_USER_DEFAULT etc. -> a concrete LCID; 0 if unknown */
NLS_HIDDEN LCID nls_resolve_lcid(LCID lcid);
/* locale.c: the LCID of a locale name (NULL = user default); 0 if unknown */
NLS_HIDDEN LCID nls_lcid_from_name(const WCHAR *name);

#endif
