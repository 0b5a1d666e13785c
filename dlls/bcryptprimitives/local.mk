# bcryptprimitives.dll: builtin DLL (ELF) built from these sources and bcryptprimitives.spec
carafedll_PROGRAMS += dlls/bcryptprimitives.dll.so
dlls_bcryptprimitives_dll_so_SOURCES = \
	dlls/bcryptprimitives/prng.c
nodist_dlls_bcryptprimitives_dll_so_SOURCES = dlls/bcryptprimitives/bcryptprimitives.spec.c
dlls_bcryptprimitives_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_bcryptprimitives_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_bcryptprimitives_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,bcryptprimitives.dll.so
dlls_bcryptprimitives_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_bcryptprimitives_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/bcryptprimitives/bcryptprimitives.spec
CLEANFILES += dlls/bcryptprimitives/bcryptprimitives.spec.c
