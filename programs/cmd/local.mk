# cmd.exe: a Windows console program built with mingw-w64, so that running
# it exercises carafe.  The loader serves it as C:\windows\system32\cmd.exe
# (see carafe_builtin_program in dlls/ntdll/prefix.c).
CMD_SRCS = programs/cmd/main.c programs/cmd/parse.c programs/cmd/expand.c programs/cmd/exec.c \
	programs/cmd/builtins.c programs/cmd/setcmd.c programs/cmd/files.c programs/cmd/forcmd.c
CMD_HDRS = programs/cmd/cmd.h
EXTRA_DIST += $(CMD_SRCS) $(CMD_HDRS)
CLEANFILES += programs/cmd/cmd.exe

if HAVE_MINGW
all-local: programs/cmd/cmd.exe
endif

programs/cmd/cmd.exe: $(addprefix $(srcdir)/,$(CMD_SRCS) $(CMD_HDRS))
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) -O1 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-format \
		-o $@ $(addprefix $(srcdir)/,$(CMD_SRCS))

# installed as $(pkglibdir)/programs/cmd.exe, where carafe_builtin_program
# looks when not in a build tree
if HAVE_MINGW
install-data-local: install-cmd-exe
uninstall-local: uninstall-cmd-exe
endif
.PHONY: install-cmd-exe uninstall-cmd-exe
install-cmd-exe: programs/cmd/cmd.exe
	$(MKDIR_P) $(DESTDIR)$(pkglibdir)/programs
	$(INSTALL_DATA) programs/cmd/cmd.exe $(DESTDIR)$(pkglibdir)/programs/cmd.exe
uninstall-cmd-exe:
	rm -f $(DESTDIR)$(pkglibdir)/programs/cmd.exe
