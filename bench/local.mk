# benchmarks: make bench (not part of make check)
EXTRA_DIST += bench/startup.sh bench/hello-native.c
bench: all programs/demo/hello.exe bench/hello-native
	bash $(srcdir)/bench/startup.sh
bench/hello-native: $(srcdir)/bench/hello-native.c
	$(AM_V_CC)$(CC) -O2 -o $@ $<
CLEANFILES += bench/hello-native
.PHONY: bench
