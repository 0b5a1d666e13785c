# user32.dll: builtin DLL (ELF) built from these sources and user32.spec
carafedll_PROGRAMS += dlls/user32.dll.so
dlls_user32_dll_so_SOURCES = \
	dlls/user32/resource.c \
	dlls/user32/string.c \
	dlls/user32/sysmetrics.c \
	dlls/user32/wsprintf.c
nodist_dlls_user32_dll_so_SOURCES = dlls/user32/user32.spec.c
dlls_user32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_user32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_user32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,user32.dll.so
dlls_user32_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so 
dlls_user32_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/user32/user32.spec
CLEANFILES += dlls/user32/user32.spec.c
