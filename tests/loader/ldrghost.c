/* Linked into missing_dll.exe but never installed beside it. */
__declspec(dllexport) int ghost_func(void) { return 1; }
