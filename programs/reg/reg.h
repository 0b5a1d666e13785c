/* reg.exe: what its parts share.  A Windows console program (built with
 * mingw-w64) on advapi32's Reg* functions and msvcrt, following the
 * behaviour Microsoft documents for reg.exe. */
#ifndef REG_H
#define REG_H

#include <windows.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* text goes to the console as UTF-16, to a file or pipe in the console's
 * code page, as Windows' reg.exe writes it */
void reg_printf(const WCHAR *fmt, ...);
void reg_errorf(const WCHAR *fmt, ...);
/* "ERROR: Invalid syntax." and the usage hint for OP ("QUERY", ...) */
int reg_syntax_error(const WCHAR *op);
/* "ERROR: " and the system's text for a Win32 error; returns 1 */
int reg_report_error(LONG err);
/* asks QUESTION (Yes/No)?; TRUE for yes */
BOOL reg_confirm(const WCHAR *question);

/* "HKCU\Software\X" -> root handle, the subkey part (may be "") and the
 * root's long name; FALSE for an unknown root */
BOOL reg_parse_key(const WCHAR *path, HKEY *root, const WCHAR **subkey, const WCHAR **long_root);
/* "HKEY_CURRENT_USER\Software\X" (without a trailing backslash); free() it */
WCHAR *reg_join(const WCHAR *a, const WCHAR *b);

const WCHAR *reg_type_name(DWORD type);
/* REG_xxx for a name, or ~0u */
DWORD reg_type_from_name(const WCHAR *name);

int reg_export(int argc, WCHAR **argv);
int reg_import(int argc, WCHAR **argv);

#endif
