# dbghelp.dll: builtin DLL (ELF) built from these sources and dbghelp.spec
carafedll_PROGRAMS += dlls/dbghelp.dll.so
dlls_dbghelp_dll_so_SOURCES = \
	dlls/dbghelp/symbol.c
nodist_dlls_dbghelp_dll_so_SOURCES = dlls/dbghelp/dbghelp.spec.c
dlls_dbghelp_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_dbghelp_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_dbghelp_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,dbghelp.dll.so
dlls_dbghelp_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_dbghelp_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/dbghelp/dbghelp.spec
CLEANFILES += dlls/dbghelp/dbghelp.spec.c
