# ntdll.dll: builtin DLL (ELF) built from these sources and ntdll.spec
carafedll_PROGRAMS += dlls/ntdll.dll.so
dlls_ntdll_dll_so_SOURCES = \
	dlls/ntdll/ntdll_private.h \
	dlls/ntdll/debug.c \
	dlls/ntdll/dwarf.c \
	dlls/ntdll/exception.c \
	dlls/ntdll/exception_private.h \
	dlls/ntdll/unwind.c \
	dlls/ntdll/x86_64/context.S \
	dlls/ntdll/error.c \
	dlls/ntdll/file_io.c \
	dlls/ntdll/handle.c \
	dlls/ntdll/imagecache.c \
	dlls/ntdll/module.c \
	dlls/ntdll/loader_thread.c \
	dlls/ntdll/path.c \
	dlls/ntdll/pe.c \
	dlls/ntdll/prefix.c \
	dlls/ntdll/relay.c \
	dlls/ntdll/relay_thunk.S \
	dlls/ntdll/rtl.c \
	dlls/ntdll/server.c \
	dlls/ntdll/process_start.c \
	dlls/ntdll/signal.c \
	dlls/ntdll/start.c \
	dlls/ntdll/thread.c \
	dlls/ntdll/thunks.S \
	dlls/ntdll/unicode.c \
	dlls/ntdll/usershared.c
nodist_dlls_ntdll_dll_so_SOURCES = dlls/ntdll/ntdll.spec.c
dlls_ntdll_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_ntdll_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_ntdll_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,ntdll.dll.so
dlls_ntdll_dll_so_LDADD =  -ldl -lpthread
dlls_ntdll_dll_so_DEPENDENCIES = 
EXTRA_DIST += dlls/ntdll/ntdll.spec
CLEANFILES += dlls/ntdll/ntdll.spec.c
