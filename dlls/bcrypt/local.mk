# bcrypt.dll: builtin DLL (ELF) built from these sources and bcrypt.spec
carafedll_PROGRAMS += dlls/bcrypt.dll.so
dlls_bcrypt_dll_so_SOURCES = \
	dlls/bcrypt/bcrypt_private.h \
	dlls/bcrypt/provider.c \
	dlls/bcrypt/rng.c
nodist_dlls_bcrypt_dll_so_SOURCES = dlls/bcrypt/bcrypt.spec.c
dlls_bcrypt_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_bcrypt_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_bcrypt_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,bcrypt.dll.so
dlls_bcrypt_dll_so_LDADD = dlls/bcryptprimitives.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_bcrypt_dll_so_DEPENDENCIES = dlls/bcryptprimitives.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/bcrypt/bcrypt.spec
CLEANFILES += dlls/bcrypt/bcrypt.spec.c
