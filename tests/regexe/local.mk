# reg.exe tests: regexe_checks (a script, run as a unit: check) drives
# programs/reg/reg.exe in a private prefix: add/query/delete/export/import.
REGT = tests/regexe
REGEXE_CHECKS = unit:$(REGT)/regexe_checks
CLEANFILES += $(REGT)/regexe_checks
EXTRA_DIST += tests/regexe/regexe_checks.sh

check-local: $(REGT)/regexe_checks programs/reg/reg.exe

$(REGT)/regexe_checks: $(srcdir)/tests/regexe/regexe_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
