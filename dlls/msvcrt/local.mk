# msvcrt.dll: builtin DLL (ELF) built from these sources and msvcrt.spec
carafedll_PROGRAMS += dlls/msvcrt.dll.so
dlls_msvcrt_dll_so_SOURCES = \
	dlls/msvcrt/ctype.c \
	dlls/msvcrt/errno.c \
	dlls/msvcrt/except.c \
	dlls/msvcrt/cxx_except.c \
	dlls/msvcrt/cxx_call.S \
	dlls/msvcrt/heap.c \
	dlls/msvcrt/math.c \
	dlls/msvcrt/stdlib.c \
	dlls/msvcrt/string.c \
	dlls/msvcrt/time.c \
	dlls/msvcrt/wcs.c \
	dlls/msvcrt/format.c \
	dlls/msvcrt/printf.c \
	dlls/msvcrt/scan.c \
	dlls/msvcrt/sprintf.c \
	dlls/msvcrt/msvcrt_private.h \
	dlls/msvcrt/format.h \
	dlls/msvcrt/msvcrt_conv.h \
	dlls/msvcrt/msvcrt_ctype.h \
	dlls/msvcrt/environ.c \
	dlls/msvcrt/exit.c \
	dlls/msvcrt/file.c \
	dlls/msvcrt/io.c \
	dlls/msvcrt/spawn.c \
	dlls/msvcrt/locale.c \
	dlls/msvcrt/main.c \
	dlls/msvcrt/setjmp.S \
	dlls/msvcrt/signal.c \
	dlls/msvcrt/startup.c \
	dlls/msvcrt/stdio.c \
	dlls/msvcrt/stat.c \
	dlls/msvcrt/misc.c \
	dlls/msvcrt/dir.c \
	dlls/msvcrt/thread.c
nodist_dlls_msvcrt_dll_so_SOURCES = dlls/msvcrt/msvcrt.spec.c
dlls_msvcrt_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_msvcrt_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_msvcrt_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,msvcrt.dll.so
dlls_msvcrt_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so -lm
dlls_msvcrt_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/msvcrt/msvcrt.spec
CLEANFILES += dlls/msvcrt/msvcrt.spec.c
