# cmd.exe tests: batch files and command lines run by cmd_checks (a script,
# run as a unit: check) with small Windows programs it can start.
CMDT = tests/cmd
CMD_TEST_FILES = $(CMDT)/exitcode.exe $(CMDT)/upper.exe $(CMDT)/sysc.exe $(CMDT)/spew.exe $(CMDT)/first.exe $(CMDT)/event.exe $(CMDT)/cmd_checks programs/cmd/cmd.exe
CMD_CHECKS = unit:$(CMDT)/cmd_checks
CLEANFILES += $(CMDT)/exitcode.exe $(CMDT)/upper.exe $(CMDT)/sysc.exe $(CMDT)/spew.exe $(CMDT)/first.exe $(CMDT)/event.exe $(CMDT)/cmd_checks
EXTRA_DIST += tests/cmd

check-local: $(CMD_TEST_FILES)

$(CMDT)/exitcode.exe: $(srcdir)/tests/cmd/exitcode.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CMDT)/upper.exe: $(srcdir)/tests/cmd/upper.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CMDT)/cmd_checks: $(srcdir)/tests/cmd/cmd_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
$(CMDT)/sysc.exe: $(srcdir)/tests/cmd/sysc.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CMDT)/spew.exe: $(srcdir)/tests/cmd/spew.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CMDT)/first.exe: $(srcdir)/tests/cmd/first.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CMDT)/event.exe: $(srcdir)/tests/cmd/event.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
