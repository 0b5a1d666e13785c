# winmm.dll: builtin DLL (ELF) built from these sources and winmm.spec
carafedll_PROGRAMS += dlls/winmm.dll.so
dlls_winmm_dll_so_SOURCES = \
	dlls/winmm/time.c
nodist_dlls_winmm_dll_so_SOURCES = dlls/winmm/winmm.spec.c
dlls_winmm_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_winmm_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_winmm_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,winmm.dll.so
dlls_winmm_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_winmm_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/winmm/winmm.spec
CLEANFILES += dlls/winmm/winmm.spec.c
