# console control events: ctrl_checks (a script, run as a unit: check)
# sends SIGINT to ctrl.exe in its modes and checks output and exit codes.
CONT = tests/console
CONSOLE_CHECKS = unit:$(CONT)/ctrl_checks
CLEANFILES += $(CONT)/ctrl.exe $(CONT)/ctrl_checks
EXTRA_DIST += tests/console/ctrl.c tests/console/ctrl_checks.sh

check-local: $(CONT)/ctrl.exe $(CONT)/ctrl_checks

$(CONT)/ctrl.exe: $(srcdir)/tests/console/ctrl.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<
$(CONT)/ctrl_checks: $(srcdir)/tests/console/ctrl_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
