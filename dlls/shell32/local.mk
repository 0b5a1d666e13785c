# shell32.dll: builtin DLL (ELF) built from these sources and shell32.spec
carafedll_PROGRAMS += dlls/shell32.dll.so
dlls_shell32_dll_so_SOURCES = \
	dlls/shell32/cmdline.c \
	dlls/shell32/knownfolder.c
nodist_dlls_shell32_dll_so_SOURCES = dlls/shell32/shell32.spec.c
dlls_shell32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_shell32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_shell32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,shell32.dll.so
dlls_shell32_dll_so_LDADD = dlls/ole32.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_shell32_dll_so_DEPENDENCIES = dlls/ole32.dll.so dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/shell32/shell32.spec
CLEANFILES += dlls/shell32/shell32.spec.c
