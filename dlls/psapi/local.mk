# psapi.dll: builtin DLL (ELF) built from psapi.spec alone: every export
# forwards to kernel32's K32* functions
carafedll_PROGRAMS += dlls/psapi.dll.so
dlls_psapi_dll_so_SOURCES =
nodist_dlls_psapi_dll_so_SOURCES = dlls/psapi/psapi.spec.c
dlls_psapi_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_psapi_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_psapi_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,psapi.dll.so
dlls_psapi_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_psapi_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/psapi/psapi.spec
CLEANFILES += dlls/psapi/psapi.spec.c
