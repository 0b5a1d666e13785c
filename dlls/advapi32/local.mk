# advapi32.dll: builtin DLL (ELF) built from these sources and advapi32.spec
carafedll_PROGRAMS += dlls/advapi32.dll.so
dlls_advapi32_dll_so_SOURCES = \
	dlls/advapi32/crypt.c \
	dlls/advapi32/regcache.c \
	dlls/advapi32/regcache.h \
	dlls/advapi32/random.c \
	dlls/advapi32/registry.c \
	dlls/advapi32/security.c \
	dlls/advapi32/token.c
nodist_dlls_advapi32_dll_so_SOURCES = dlls/advapi32/advapi32.spec.c
dlls_advapi32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_advapi32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_advapi32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,advapi32.dll.so
dlls_advapi32_dll_so_LDADD = dlls/bcryptprimitives.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_advapi32_dll_so_DEPENDENCIES = dlls/bcryptprimitives.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/advapi32/advapi32.spec
CLEANFILES += dlls/advapi32/advapi32.spec.c
