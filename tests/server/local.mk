# carafe-server tests: the protocol and the registry file natively
# (server_test), and Windows programs using the registry through carafe,
# many at once with no server running (concurrent_checks, a script).
check_PROGRAMS += tests/server/server_test
tests_server_server_test_SOURCES = tests/server/server_test.c
tests_server_server_test_CFLAGS = $(UNIT_CFLAGS)

SRV = tests/server
SERVER_FILES = $(SRV)/regtest.exe $(SRV)/concurrent_checks $(SRV)/named_checks
SERVER_CHECKS = unit:$(SRV)/concurrent_checks unit:$(SRV)/named_checks
CLEANFILES += $(SERVER_FILES)
EXTRA_DIST += tests/server/regtest.c tests/server/concurrent_checks.sh tests/server/named_checks.sh

check-local: $(SERVER_FILES)

$(SRV)/regtest.exe: $(srcdir)/tests/server/regtest.c
	$(AM_V_CC)$(MKDIR_P) $(@D) && $(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32
$(SRV)/concurrent_checks: $(srcdir)/tests/server/concurrent_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
$(SRV)/named_checks: $(srcdir)/tests/server/named_checks.sh
	$(AM_V_GEN)$(MKDIR_P) $(@D) && cp $< $@ && chmod +x $@
