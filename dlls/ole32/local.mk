# ole32.dll: builtin DLL (ELF) built from these sources and ole32.spec
carafedll_PROGRAMS += dlls/ole32.dll.so
dlls_ole32_dll_so_SOURCES = \
	dlls/ole32/malloc.c
nodist_dlls_ole32_dll_so_SOURCES = dlls/ole32/ole32.spec.c
dlls_ole32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_ole32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_ole32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,ole32.dll.so
dlls_ole32_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_ole32_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/ole32/ole32.spec
CLEANFILES += dlls/ole32/ole32.spec.c
