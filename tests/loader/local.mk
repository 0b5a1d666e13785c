# loader tests: native test DLLs (mingw-w64, built at make check) and the
# programs that load them, all side by side in tests/loader of the build tree.
#   loader.exe          conformance checks (win:)
#   order.exe           DllMain order, golden (order.out, order.rc)
#   stderr_checks       carafe's own messages and --check (unit:, a script)
#   imagecache_checks   large images laid out once and mapped (unit:, a script)
LDR = tests/loader
LDR_SRC = $(srcdir)/tests/loader
MINGW_DLLTOOL = $(MINGW_CC:gcc=dlltool)
LDR_DLL = $(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@
LDR_EXE = $(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -I$(srcdir)/tests -o $@

LDR_DLLS = $(LDR)/ldrdep.dll $(LDR)/ldruser.dll $(LDR)/ldrfwd.dll $(LDR)/ldrtls.dll \
	$(LDR)/ldrreloc.dll $(LDR)/ldrfail.dll $(LDR)/ldrdyn.dll $(LDR)/ldrdelay.dll \
	$(LDR)/ldrorda.dll $(LDR)/ldrordb.dll $(LDR)/ldrordc.dll $(LDR)/ghost/ldrghost.dll
LDR_LIBS = $(LDR)/libldrdep.a $(LDR)/libldrfwd.a $(LDR)/libldrdelay_delay.a
LDR_EXES = $(LDR)/loader.exe $(LDR)/order.exe $(LDR)/missing_import.exe \
	$(LDR)/missing_dll.exe $(LDR)/crash_buffered.exe $(LDR)/fail_start.exe $(LDR)/fixme_twice.exe
LOADER_FILES = $(LDR_DLLS) $(LDR_EXES) $(LDR)/stderr_checks $(LDR)/imagecache_checks
LOADER_CHECKS = win:$(LDR)/loader.exe golden:$(LDR)/order.exe unit:$(LDR)/stderr_checks unit:$(LDR)/imagecache_checks
CLEANFILES += $(LDR_DLLS) $(LDR_LIBS) $(LDR_EXES) $(LDR)/stderr_checks $(LDR)/imagecache_checks
EXTRA_DIST += tests/loader

check-local: $(LOADER_FILES)

# import libraries from .def files: NONAME ordinals need them
$(LDR)/libldrdep.a: $(LDR_SRC)/ldrdep.def
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_DLLTOOL) -d $< -D ldrdep.dll -l $@
$(LDR)/libldrfwd.a: $(LDR_SRC)/ldrfwd.def
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_DLLTOOL) -d $< -D ldrfwd.dll -l $@
$(LDR)/libldrdelay_delay.a: $(LDR_SRC)/ldrdelay.def
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_DLLTOOL) -d $< -D ldrdelay.dll -y $@

$(LDR)/ldrdep.dll: $(LDR_SRC)/ldrdep.c $(LDR_SRC)/ldrdep.def
	$(LDR_DLL) $^
$(LDR)/ldruser.dll: $(LDR_SRC)/ldruser.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrfwd.dll: $(LDR_SRC)/ldrfwd.c $(LDR_SRC)/ldrfwd.def
	$(LDR_DLL) $^
$(LDR)/ldrtls.dll: $(LDR_SRC)/ldrtls.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
# linked at the base loader.exe occupies, so it must be relocated
$(LDR)/ldrreloc.dll: $(LDR_SRC)/ldrreloc.c
	$(LDR_DLL) $^ -Wl,--image-base,0x140000000
$(LDR)/ldrfail.dll: $(LDR_SRC)/ldrfail.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrdyn.dll: $(LDR_SRC)/ldrdyn.c $(LDR_SRC)/ldrdyn.def $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrdelay.dll: $(LDR_SRC)/ldrdelay.c
	$(LDR_DLL) $^
$(LDR)/ldrorda.dll: $(LDR_SRC)/ldrorda.c
	$(LDR_DLL) $^
$(LDR)/ldrordb.dll: $(LDR_SRC)/ldrordb.c $(LDR)/ldrorda.dll
	$(LDR_DLL) $^
$(LDR)/ldrordc.dll: $(LDR_SRC)/ldrordc.c $(LDR)/ldrorda.dll
	$(LDR_DLL) $^
# not beside missing_dll.exe on purpose
$(LDR)/ghost/ldrghost.dll: $(LDR_SRC)/ldrghost.c
	$(LDR_DLL) $^

# loader.exe stays at its base (no ASLR) so that ldrreloc.dll collides with it;
# ldruser is linked first so that a loader initializing in import order
# would run its DllMain before ldrdep's
$(LDR)/loader.exe: $(LDR_SRC)/loader.c $(srcdir)/tests/test.h $(LDR)/ldruser.dll $(LDR)/ldrtls.dll \
		$(LDR)/libldrfwd.a $(LDR)/ldrreloc.dll $(LDR)/libldrdep.a $(LDR)/libldrdelay_delay.a \
		$(LDR)/ldrdep.dll $(LDR)/ldrfwd.dll $(LDR)/ldrfail.dll $(LDR)/ldrdyn.dll $(LDR)/ldrdelay.dll
	$(LDR_EXE) $< $(LDR)/ldruser.dll $(LDR)/ldrtls.dll $(LDR)/libldrfwd.a $(LDR)/ldrreloc.dll \
		$(LDR)/libldrdep.a $(LDR)/libldrdelay_delay.a -ldelayimp -Wl,--disable-dynamicbase
$(LDR)/order.exe: $(LDR_SRC)/order.c $(LDR)/ldrordb.dll $(LDR)/ldrorda.dll $(LDR)/ldrordc.dll
	$(LDR_EXE) $< $(LDR)/ldrordb.dll $(LDR)/ldrorda.dll
$(LDR)/missing_import.exe: $(LDR_SRC)/missing_import.c
	$(LDR_EXE) $<
$(LDR)/missing_dll.exe: $(LDR_SRC)/missing_dll.c $(LDR)/ghost/ldrghost.dll
	$(LDR_EXE) $^
$(LDR)/crash_buffered.exe: $(LDR_SRC)/crash_buffered.c
	$(LDR_EXE) $<
$(LDR)/fixme_twice.exe: $(LDR_SRC)/fixme_twice.c
	$(LDR_EXE) $<
$(LDR)/fail_start.exe: $(LDR_SRC)/fail_start.c $(LDR)/ldrfail.dll $(LDR)/ldrdep.dll
	$(LDR_EXE) $< $(LDR)/ldrfail.dll

$(LDR)/stderr_checks: $(LDR_SRC)/stderr_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
$(LDR)/imagecache_checks: $(LDR_SRC)/imagecache_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@

# dynload.exe: search order, reference counts, unloading, data files, psapi
#   (ldrwhere.c is built once per place the search order may find it)
MINGW_WINDRES = $(MINGW_CC:gcc=windres)
LDR_WHERE = $(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $(LDR_SRC)/ldrwhere.c
DYN_DLLS = $(LDR)/ldrref.dll $(LDR)/ldrleaf.dll $(LDR)/ldrchain.dll $(LDR)/ldrnest.dll $(LDR)/ldrres.dll \
	$(LDR)/ldrsrch.dll $(LDR)/sys/ldrsrch.dll $(LDR)/sys/ldrsys.dll $(LDR)/pathdir/ldrpath.dll $(LDR)/ldrpin.dll
LOADER_FILES += $(DYN_DLLS) $(LDR)/dynload.exe
LOADER_CHECKS += win:$(LDR)/dynload.exe
CLEANFILES += $(DYN_DLLS) $(LDR)/dynload.exe $(LDR)/ldrres.res.o

$(LDR)/ldrref.dll: $(LDR_SRC)/ldrref.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrleaf.dll: $(LDR_SRC)/ldrleaf.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrchain.dll: $(LDR_SRC)/ldrchain.c $(LDR)/ldrleaf.dll $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrnest.dll: $(LDR_SRC)/ldrnest.c $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrres.res.o: $(LDR_SRC)/ldrres.rc
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MINGW_WINDRES) $< -o $@
$(LDR)/ldrres.dll: $(LDR_SRC)/ldrres.c $(LDR)/ldrres.res.o $(LDR)/libldrdep.a
	$(LDR_DLL) $^
$(LDR)/ldrsrch.dll: $(LDR_SRC)/ldrwhere.c
	$(LDR_WHERE) -DWHERE='"app"'
$(LDR)/sys/ldrsrch.dll: $(LDR_SRC)/ldrwhere.c
	$(LDR_WHERE) -DWHERE='"sys"'
$(LDR)/sys/ldrsys.dll: $(LDR_SRC)/ldrwhere.c
	$(LDR_WHERE) -DWHERE='"sys"'
$(LDR)/pathdir/ldrpath.dll: $(LDR_SRC)/ldrwhere.c
	$(LDR_WHERE) -DWHERE='"path"'
$(LDR)/ldrpin.dll: $(LDR_SRC)/ldrwhere.c
	$(LDR_WHERE) -DWHERE='"pin"'
$(LDR)/dynload.exe: $(LDR_SRC)/dynload.c $(srcdir)/tests/test.h $(LDR)/libldrdep.a $(DYN_DLLS)
	$(LDR_EXE) $< $(LDR)/libldrdep.a

# A C++ program linked against the mingw-w64 runtime DLLs (not -static),
# which are copied beside it.  It needs threads (libwinpthread's start-up)
# and exception dispatch (throw/catch through libgcc_s_seh).
MINGW_CXX = $(MINGW_CC:gcc=g++-posix)
MINGW_RUNTIME_DLLS = /usr/lib/gcc/x86_64-w64-mingw32/12-posix/libstdc++-6.dll \
	/usr/lib/gcc/x86_64-w64-mingw32/12-posix/libgcc_s_seh-1.dll /usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll
CXX_DYN_FILES = $(LDR)/cxx/cxxdyn.exe $(LDR)/cxx/libstdc++-6.dll $(LDR)/cxx/libgcc_s_seh-1.dll \
	$(LDR)/cxx/libwinpthread-1.dll
CXX_DYNAMIC_CHECKS = win:$(LDR)/cxx/cxxdyn.exe
LOADER_CHECKS += $(CXX_DYNAMIC_CHECKS)
LOADER_FILES += $(CXX_DYN_FILES)
CLEANFILES += $(CXX_DYN_FILES)

$(LDR)/cxx/cxxdyn.exe: $(LDR_SRC)/cxxdyn.cpp $(srcdir)/tests/test.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CXX) -O1 -Wall -Wno-format -I$(srcdir)/tests -o $@ $<
$(LDR)/cxx/libstdc++-6.dll: /usr/lib/gcc/x86_64-w64-mingw32/12-posix/libstdc++-6.dll
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@
$(LDR)/cxx/libgcc_s_seh-1.dll: /usr/lib/gcc/x86_64-w64-mingw32/12-posix/libgcc_s_seh-1.dll
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@
$(LDR)/cxx/libwinpthread-1.dll: /usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@
