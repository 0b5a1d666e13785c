/* UCRT startup: the exe's CRT start code asks for argv and the environment
 * explicitly (msvcrt's __getmainargs did both at once); the vectors are
 * msvcrt's, so __p___argv and __getmainargs-era code see the same ones. */
#include <stdint.h>
#include "ucrtbase_private.h"
#include "carafe/debug.h"

DEFAULT_DEBUG_CHANNEL(ucrtbase);

enum { ARGV_NO_ARGUMENTS, ARGV_UNEXPANDED, ARGV_EXPANDED };

static int new_mode;

int CDECL UCRT__configure_narrow_argv(int mode)
{
    int argc;
    char **argv, **envp;
    if (mode == ARGV_NO_ARGUMENTS) return 0;
    if (mode != ARGV_UNEXPANDED && mode != ARGV_EXPANDED) return UCRT_EINVAL;
    MSVCRT___getmainargs(&argc, &argv, &envp, mode == ARGV_EXPANDED, NULL);
    return 0;
}

int CDECL UCRT__configure_wide_argv(int mode)
{
    int argc;
    WCHAR **argv, **envp;
    if (mode == ARGV_NO_ARGUMENTS) return 0;
    if (mode != ARGV_UNEXPANDED && mode != ARGV_EXPANDED) return UCRT_EINVAL;
    MSVCRT___wgetmainargs(&argc, &argv, &envp, mode == ARGV_EXPANDED, NULL);
    return 0;
}

/* msvcrt builds the narrow environment when it is attached */
int CDECL UCRT__initialize_narrow_environment(void)
{
    return 0;
}

int CDECL UCRT__initialize_wide_environment(void)
{
    msvcrt_init_wenviron();
    return 0;
}

char **CDECL UCRT__get_initial_narrow_environment(void)
{
    return *MSVCRT___p___initenv();
}

WCHAR **CDECL UCRT__get_initial_wide_environment(void)
{
    msvcrt_init_wenviron();
    return *MSVCRT___p___winitenv();
}

/* Mode 1 makes malloc call the new handler on failure.  No new handler can
 * be installed (_set_new_handler is not exported), so malloc behaves the
 * same in both modes; the mode is kept for _query_new_mode. */
int CDECL UCRT__set_new_mode(int mode)
{
    if (mode != 0 && mode != 1) return -1;
    return __atomic_exchange_n(&new_mode, mode, __ATOMIC_RELAXED);
}

int CDECL UCRT__query_new_mode(void)
{
    return new_mode;
}

/* stdin, stdout, stderr: msvcrt's FILEs (programs of the UCRT never see
 * inside a FILE) */
void *CDECL UCRT___acrt_iob_func(unsigned int index)
{
    return (char *)MSVCRT___iob_func() + (size_t)index * MSVCRT_FILE_SIZE;
}

/* No terminate handler can be installed (set_terminate is not exported),
 * so terminate does what the default handler does: abort. */
void CDECL UCRT_terminate(void)
{
    MSVCRT_abort();
}

/* The handler is kept for _get_invalid_parameter_handler; the functions
 * shared with msvcrt report bad arguments through errno without calling it. */
typedef void (CDECL *invalid_parameter_handler)(const WCHAR *, const WCHAR *, const WCHAR *, unsigned int, uintptr_t);
static invalid_parameter_handler invalid_handler;

invalid_parameter_handler CDECL UCRT__set_invalid_parameter_handler(invalid_parameter_handler handler)
{
    static int warned;
    if (handler && !__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
        FIXME("invalid parameter handler %p is kept but never called\n", handler);
    return __atomic_exchange_n(&invalid_handler, handler, __ATOMIC_ACQ_REL);
}

invalid_parameter_handler CDECL UCRT__get_invalid_parameter_handler(void)
{
    return invalid_handler;
}
