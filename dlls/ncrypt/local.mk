# ncrypt.dll: builtin DLL (ELF) made of ncrypt.spec alone (forwards to bcrypt)
carafedll_PROGRAMS += dlls/ncrypt.dll.so
dlls_ncrypt_dll_so_SOURCES =
nodist_dlls_ncrypt_dll_so_SOURCES = dlls/ncrypt/ncrypt.spec.c
dlls_ncrypt_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_ncrypt_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,ncrypt.dll.so
EXTRA_DIST += dlls/ncrypt/ncrypt.spec
CLEANFILES += dlls/ncrypt/ncrypt.spec.c
