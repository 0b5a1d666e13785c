# vcruntime140.dll: builtin DLL (ELF) built from vcruntime140.spec alone:
# every export forwards to msvcrt
carafedll_PROGRAMS += dlls/vcruntime140.dll.so
dlls_vcruntime140_dll_so_SOURCES =
nodist_dlls_vcruntime140_dll_so_SOURCES = dlls/vcruntime140/vcruntime140.spec.c
dlls_vcruntime140_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_vcruntime140_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_vcruntime140_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,vcruntime140.dll.so
dlls_vcruntime140_dll_so_LDADD = dlls/ntdll.dll.so
dlls_vcruntime140_dll_so_DEPENDENCIES = dlls/ntdll.dll.so
EXTRA_DIST += dlls/vcruntime140/vcruntime140.spec
CLEANFILES += dlls/vcruntime140/vcruntime140.spec.c
