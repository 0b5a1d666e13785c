# oleaut32.dll: builtin DLL (ELF) built from these sources and oleaut32.spec
carafedll_PROGRAMS += dlls/oleaut32.dll.so
dlls_oleaut32_dll_so_SOURCES = \
	dlls/oleaut32/bstr.c \
	dlls/oleaut32/variant.c
nodist_dlls_oleaut32_dll_so_SOURCES = dlls/oleaut32/oleaut32.spec.c
dlls_oleaut32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_oleaut32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_oleaut32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,oleaut32.dll.so
dlls_oleaut32_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_oleaut32_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/oleaut32/oleaut32.spec
CLEANFILES += dlls/oleaut32/oleaut32.spec.c
