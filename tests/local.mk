# make check: Windows-side tests (mingw-w64), golden programs, native unit
# tests and the malformed-PE corpus, run by tests/run-tests.sh in parallel.

# native unit tests of internal pieces
check_PROGRAMS += tests/unit/pe_test tests/unit/path_test tests/unit/format_test \
	tests/unit/msvcrt_string_test tests/unit/codepage_test tests/unit/mkmalformed
UNIT_CFLAGS = $(AM_CFLAGS) -I$(srcdir)/tests/unit
tests_unit_pe_test_SOURCES = tests/unit/pe_test.c dlls/ntdll/pe.c
tests_unit_pe_test_CFLAGS = $(UNIT_CFLAGS) -I$(srcdir)/dlls/ntdll
tests_unit_path_test_SOURCES = tests/unit/path_test.c
tests_unit_path_test_CFLAGS = $(UNIT_CFLAGS)
tests_unit_path_test_LDADD = dlls/ntdll.dll.so
tests_unit_path_test_LDFLAGS = -Wl,-rpath,'$$ORIGIN/../../dlls'
tests_unit_format_test_SOURCES = tests/unit/format_test.c dlls/msvcrt/format.c dlls/msvcrt/scan.c
tests_unit_format_test_CFLAGS = $(UNIT_CFLAGS) -I$(srcdir)/dlls/msvcrt
tests_unit_format_test_LDADD = -lm
tests_unit_msvcrt_string_test_SOURCES = tests/unit/msvcrt_string_test.c dlls/msvcrt/string.c dlls/msvcrt/wcs.c \
	dlls/msvcrt/ctype.c dlls/msvcrt/stdlib.c dlls/msvcrt/heap.c dlls/msvcrt/math.c dlls/msvcrt/time.c dlls/msvcrt/errno.c
tests_unit_msvcrt_string_test_CFLAGS = $(UNIT_CFLAGS) -I$(srcdir)/dlls/msvcrt
tests_unit_msvcrt_string_test_LDADD = -lm
tests_unit_codepage_test_SOURCES = tests/unit/codepage_test.c dlls/kernel32/codepage.c dlls/kernel32/lstr.c dlls/kernel32/locale.c
tests_unit_codepage_test_CFLAGS = $(UNIT_CFLAGS) -I$(srcdir)/dlls/kernel32
tests_unit_mkmalformed_SOURCES = tests/unit/mkmalformed.c
tests_unit_mkmalformed_CFLAGS = $(UNIT_CFLAGS)

# Windows-side tests: every dlls/*/tests/*.c and tests/golden/*.c
WINTEST_SRCS = $(sort $(wildcard $(srcdir)/dlls/*/tests/*.c))
WINTEST_EXES = $(patsubst $(srcdir)/%.c,%.exe,$(WINTEST_SRCS))
GOLDEN_SRCS = $(sort $(wildcard $(srcdir)/tests/golden/*.c))
GOLDEN_EXES = $(patsubst $(srcdir)/%.c,%.exe,$(GOLDEN_SRCS))
CLEANFILES += $(WINTEST_EXES) $(GOLDEN_EXES) tests/malformed/*.exe tests/malformed/*.expect

EXTRA_DIST += tests/run-tests.sh tests/test.h tests/unit/unit.h tests/golden

check-local: all $(WINTEST_EXES) $(GOLDEN_EXES) $(check_PROGRAMS)
	@CARAFE=$(abs_builddir)/carafe srcdir=$(srcdir) builddir=$(abs_builddir) \
	  bash $(srcdir)/tests/run-tests.sh \
	  $(patsubst %,unit:%,$(filter-out tests/unit/mkmalformed,$(check_PROGRAMS))) \
	  $(patsubst %,win:%,$(WINTEST_EXES)) \
	  $(patsubst %,golden:%,$(GOLDEN_EXES)) \
	  lint:dlls malformed:tests/malformed $(EXTRA_CHECKS) $(LOADER_CHECKS) $(SERVER_CHECKS) $(CMD_CHECKS) $(REGEXE_CHECKS) $(CONSOLE_CHECKS)

# Windows-side tests with more than one source
dlls/ntdll/tests/cscope.exe: $(srcdir)/dlls/ntdll/tests/cscope.c $(srcdir)/dlls/ntdll/tests/seh_scopes.S $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $(filter %.c %.S,$^)
EXTRA_DIST += dlls/ntdll/tests/seh_scopes.S
dlls/msvcrt/tests/cxxeh.exe: $(srcdir)/dlls/msvcrt/tests/cxxeh.c $(srcdir)/dlls/msvcrt/tests/cxx_tables.S $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $(filter %.c %.S,$^)
EXTRA_DIST += dlls/msvcrt/tests/cxx_tables.S
dlls/kernel32/tests/resource.res.o: $(srcdir)/dlls/kernel32/tests/resource.rc
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_WINDRES) $< -o $@
dlls/kernel32/tests/resource.exe: $(srcdir)/dlls/kernel32/tests/resource.c dlls/kernel32/tests/resource.res.o $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $(filter %.c %.o,$^) -lversion
EXTRA_DIST += dlls/kernel32/tests/resource.rc
CLEANFILES += dlls/kernel32/tests/resource.res.o
# acputf8.exe carries a manifest that sets its code pages to UTF-8
dlls/kernel32/tests/acputf8.res.o: $(srcdir)/dlls/kernel32/tests/acputf8.rc $(srcdir)/dlls/kernel32/tests/acputf8.manifest
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_WINDRES) --include-dir=$(srcdir)/dlls/kernel32/tests $< -o $@
dlls/kernel32/tests/acputf8.exe: $(srcdir)/dlls/kernel32/tests/acputf8.c dlls/kernel32/tests/acputf8.res.o $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $(filter %.c %.o,$^)
EXTRA_DIST += dlls/kernel32/tests/acputf8.rc dlls/kernel32/tests/acputf8.manifest
CLEANFILES += dlls/kernel32/tests/acputf8.res.o
# Windows-side tests that link an import library
dlls/ws2_32/tests/socket.exe: $(srcdir)/dlls/ws2_32/tests/socket.c $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $< -lws2_32
dlls/oleaut32/tests/variant.exe: $(srcdir)/dlls/oleaut32/tests/variant.c $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $< -loleaut32
# ucrtbase tests link against the UCRT (api-ms-win-crt-*) instead of msvcrt:
# this mingw has no -mcrtdll, so the libraries are named by hand
dlls/ucrtbase/tests/%.exe: $(srcdir)/dlls/ucrtbase/tests/%.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -nodefaultlibs -lmingw32 -lgcc -lmingwex -lucrt -lkernel32 -lgcc
dlls/ole32/tests/malloc.exe: $(srcdir)/dlls/ole32/tests/malloc.c $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $< -lole32
dlls/shell32/tests/knownfolder.exe: $(srcdir)/dlls/shell32/tests/knownfolder.c $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@ $< -lshell32 -lole32 -luuid
