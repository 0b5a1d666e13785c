# benchmarks: make bench (not part of make check)
EXTRA_DIST += bench/startup.sh bench/hello-native.c bench/threads.sh bench/threads-win.c bench/threads-native.c \
	bench/process.sh bench/proc-win.c bench/proc-native.c
bench: all programs/demo/hello.exe bench/hello-native bench/threads-win.exe bench/threads-native \
		bench/proc-win.exe bench/proc-native
	bash $(srcdir)/bench/startup.sh
	builddir=$(abs_builddir) bash $(srcdir)/bench/threads.sh
	builddir=$(abs_builddir) bash $(srcdir)/bench/process.sh
bench/threads-native: $(srcdir)/bench/threads-native.c
	$(AM_V_CC)$(CC) -O2 -pthread -o $@ $<
bench/threads-win.exe: $(srcdir)/bench/threads-win.c
	$(AM_V_CC)$(MINGW_CC) -O2 -o $@ $<
bench/hello-native: $(srcdir)/bench/hello-native.c
	$(AM_V_CC)$(CC) -O2 -o $@ $<
bench/proc-native: $(srcdir)/bench/proc-native.c
	$(AM_V_CC)$(CC) -O2 -o $@ $<
bench/proc-win.exe: $(srcdir)/bench/proc-win.c
	$(AM_V_CC)$(MINGW_CC) -O2 -o $@ $<
CLEANFILES += bench/hello-native bench/threads-native bench/threads-win.exe
CLEANFILES += bench/proc-native bench/proc-win.exe
.PHONY: bench
