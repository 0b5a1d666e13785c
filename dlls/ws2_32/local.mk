# ws2_32.dll: builtin DLL (ELF) built from these sources and ws2_32.spec
carafedll_PROGRAMS += dlls/ws2_32.dll.so
dlls_ws2_32_dll_so_SOURCES = \
	dlls/ws2_32/byteorder.c \
	dlls/ws2_32/socket.c \
	dlls/ws2_32/startup.c
nodist_dlls_ws2_32_dll_so_SOURCES = dlls/ws2_32/ws2_32.spec.c
dlls_ws2_32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_ws2_32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_ws2_32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,ws2_32.dll.so
dlls_ws2_32_dll_so_LDADD = dlls/kernel32.dll.so dlls/ntdll.dll.so
dlls_ws2_32_dll_so_DEPENDENCIES = dlls/kernel32.dll.so dlls/ntdll.dll.so
EXTRA_DIST += dlls/ws2_32/ws2_32.spec
CLEANFILES += dlls/ws2_32/ws2_32.spec.c
