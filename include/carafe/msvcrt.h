/* msvcrt functions that ucrtbase calls: the UCRT reuses msvcrt's state
 * (argv, environment, atexit table, stdio) rather than keeping a copy. */
#ifndef CARAFE_MSVCRT_H
#define CARAFE_MSVCRT_H

#include "windef.h"
#include "carafe/debug.h"

typedef struct { int newmode; } MSVCRT_startupinfo;

CARAFE_API void CDECL MSVCRT___getmainargs(int *argc, char ***argv, char ***envp, int wildcards, MSVCRT_startupinfo *si);
CARAFE_API void CDECL MSVCRT___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcards, MSVCRT_startupinfo *si);
CARAFE_API char ***CDECL MSVCRT___p___initenv(void);
CARAFE_API WCHAR ***CDECL MSVCRT___p___winitenv(void);
CARAFE_API void CDECL MSVCRT__cexit(void);
CARAFE_API void CDECL MSVCRT_exit(int code);
CARAFE_API void CDECL MSVCRT_abort(void);
CARAFE_API void msvcrt_init_wenviron(void);     /* _wenviron and __winitenv from the ANSI ones */
struct msvcrt_file;
CARAFE_API struct msvcrt_file *CDECL MSVCRT___iob_func(void);
#define MSVCRT_FILE_SIZE 48   /* the stride of _iob */

#endif
