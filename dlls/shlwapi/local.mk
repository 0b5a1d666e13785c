# shlwapi.dll: builtin DLL (ELF) built from these sources and shlwapi.spec
carafedll_PROGRAMS += dlls/shlwapi.dll.so
dlls_shlwapi_dll_so_SOURCES = \
	dlls/shlwapi/url.c
nodist_dlls_shlwapi_dll_so_SOURCES = dlls/shlwapi/shlwapi.spec.c
dlls_shlwapi_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_shlwapi_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_shlwapi_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,shlwapi.dll.so
dlls_shlwapi_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_shlwapi_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/shlwapi/shlwapi.spec
CLEANFILES += dlls/shlwapi/shlwapi.spec.c
