/* msvcrt's initialization, called by the loader in dependency order. */
#include "msvcrt_private.h"
#include "winbase.h"

static void flush_at_exit(void)
{
    msvcrt_flush_all();
}

__attribute__((visibility("default"))) BOOL __carafe_dll_main(HINSTANCE inst, DWORD reason)
{
    if (reason == DLL_PROCESS_ATTACH) {
        msvcrt_init_startup();
        msvcrt_init_io();
        msvcrt_init_stdio();
        carafe_register_exit_hook(flush_at_exit);
    }
    if (reason == DLL_THREAD_DETACH) {
        TEB *teb = NtCurrentTeb();
        free(teb->carafe_dll_data[CARAFE_TLS_MSVCRT]);
        teb->carafe_dll_data[CARAFE_TLS_MSVCRT] = NULL;
    }
    return TRUE;
}
