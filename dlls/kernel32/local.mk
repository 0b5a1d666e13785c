# kernel32.dll: builtin DLL (ELF) built from these sources and kernel32.spec
carafedll_PROGRAMS += dlls/kernel32.dll.so
dlls_kernel32_dll_so_SOURCES = \
	dlls/kernel32/kernel32_private.h \
	dlls/kernel32/console.c \
	dlls/kernel32/console_ctrl.c \
	dlls/kernel32/environ.c \
	dlls/kernel32/directory.c \
	dlls/kernel32/error.c \
	dlls/kernel32/duplicate.c \
	dlls/kernel32/file.c \
	dlls/kernel32/file_private.h \
	dlls/kernel32/named.c \
	dlls/kernel32/named_private.h \
	dlls/kernel32/mapping.c \
	dlls/kernel32/namedpipe.c \
	dlls/kernel32/fileinfo.c \
	dlls/kernel32/find.c \
	dlls/kernel32/path.c \
	dlls/kernel32/volume.c \
	dlls/kernel32/lock.c \
	dlls/kernel32/copy.c \
	dlls/kernel32/heap.c \
	dlls/kernel32/iocp.c \
	dlls/kernel32/module.c \
	dlls/kernel32/process.c \
	dlls/kernel32/process_create.c \
	dlls/kernel32/psapi.c \
	dlls/kernel32/resource.c \
	dlls/kernel32/resource_update.c \
	dlls/kernel32/strconv.c \
	dlls/kernel32/sync.c \
	dlls/kernel32/sync_private.h \
	dlls/kernel32/synch.c \
	dlls/kernel32/srwlock.c \
	dlls/kernel32/slist.c \
	dlls/kernel32/thread.c \
	dlls/kernel32/toolhelp.c \
	dlls/kernel32/fiber.c \
	dlls/kernel32/sysinfo.c \
	dlls/kernel32/time.c \
	dlls/kernel32/timezone.c \
	dlls/kernel32/virtual.c \
	dlls/kernel32/codepage.c \
	dlls/kernel32/lstr.c \
	dlls/kernel32/locale.c \
	dlls/kernel32/nls_private.h
nodist_dlls_kernel32_dll_so_SOURCES = dlls/kernel32/kernel32.spec.c
dlls_kernel32_dll_so_CFLAGS = $(DLLFLAGS_C)
dlls_kernel32_dll_so_CCASFLAGS = $(AM_CCASFLAGS) -fPIC
dlls_kernel32_dll_so_LDFLAGS = $(DLLFLAGS_LD) -Wl,-soname,kernel32.dll.so
dlls_kernel32_dll_so_LDADD = dlls/ntdll.dll.so 
dlls_kernel32_dll_so_DEPENDENCIES = dlls/ntdll.dll.so
EXTRA_DIST += dlls/kernel32/kernel32.spec
CLEANFILES += dlls/kernel32/kernel32.spec.c
