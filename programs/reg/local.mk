# reg.exe: query, add, delete, export and import registry keys (a Windows
# console program built with mingw-w64 on advapi32 and msvcrt)
REG_SRCS = $(srcdir)/programs/reg/reg.c $(srcdir)/programs/reg/export.c $(srcdir)/programs/reg/import.c
programs/reg/reg.exe: $(REG_SRCS) $(srcdir)/programs/reg/reg.h
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -municode -o $@ $(REG_SRCS) -ladvapi32
if HAVE_MINGW
all-local: programs/reg/reg.exe
endif
CLEANFILES += programs/reg/reg.exe
EXTRA_DIST += programs/reg/reg.h $(REG_SRCS)

# found as C:\windows\system32\reg.exe and by `carafe reg` through
# carafe_builtin_program (dlls/ntdll/prefix.c); installed beside cmd.exe
if HAVE_MINGW
install-data-local: install-reg-exe
uninstall-local: uninstall-reg-exe
endif
.PHONY: install-reg-exe uninstall-reg-exe
install-reg-exe: programs/reg/reg.exe
	$(MKDIR_P) $(DESTDIR)$(pkglibdir)/programs
	$(INSTALL_DATA) programs/reg/reg.exe $(DESTDIR)$(pkglibdir)/programs/reg.exe
uninstall-reg-exe:
	rm -f $(DESTDIR)$(pkglibdir)/programs/reg.exe
