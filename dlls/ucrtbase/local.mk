# ucrtbase.dll: builtin DLL (ELF), the Universal CRT that the
# api-ms-win-crt-* API sets resolve to.  What has msvcrt's semantics
# forwards to msvcrt.dll (ucrtbase.spec); these files hold the rest.
carafedll_PROGRAMS += dlls/ucrtbase.dll.so
dlls_ucrtbase_dll_so_SOURCES = \
	dlls/ucrtbase/math.c \
	dlls/ucrtbase/onexit.c \
	dlls/ucrtbase/startup.c \
	dlls/ucrtbase/ucrtbase_private.h
nodist_dlls_ucrtbase_dll_so_SOURCES = dlls/ucrtbase/ucrtbase.spec.c
dlls_ucrtbase_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_ucrtbase_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_ucrtbase_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,ucrtbase.dll.so
dlls_ucrtbase_dll_so_LDADD = dlls/msvcrt.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so -lm
dlls_ucrtbase_dll_so_DEPENDENCIES = dlls/msvcrt.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/ucrtbase/ucrtbase.spec
CLEANFILES += dlls/ucrtbase/ucrtbase.spec.c
