# version.dll: builtin DLL (ELF) built from these sources and version.spec
carafedll_PROGRAMS += dlls/version.dll.so
dlls_version_dll_so_SOURCES = \
	dlls/version/version.c
nodist_dlls_version_dll_so_SOURCES = dlls/version/version.spec.c
dlls_version_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_version_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_version_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,version.dll.so
dlls_version_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_version_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/version/version.spec
CLEANFILES += dlls/version/version.spec.c
