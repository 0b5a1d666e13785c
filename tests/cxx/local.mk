# C++ tests built with mingw-w64 g++ (posix threads, static libstdc++/libgcc):
# gcc's SEH unwinder runs on carafe's RaiseException, RtlUnwindEx,
# RtlVirtualUnwind, RtlLookupFunctionEntry and RtlCaptureContext.
#   exceptions.exe   conformance checks (win:)
#   terminate.exe    an uncaught exception, golden (terminate.out, terminate.rc)
#   threads.exe      exceptions thrown and caught on other threads (win:)
#   thread_terminate.exe  uncaught on a thread, golden
CXXT = tests/cxx
CXXT_SRC = $(srcdir)/tests/cxx
CXXT_EXES = $(CXXT)/exceptions.exe $(CXXT)/terminate.exe $(CXXT)/threads.exe $(CXXT)/thread_terminate.exe
CXXT_BUILD = $(AM_V_CXX)$(MKDIR_P) $(@D) && $(MINGW_CXX) -O1 -Wall -static -I$(srcdir)/tests -o $@ $<

$(CXXT)/exceptions.exe: $(CXXT_SRC)/exceptions.cpp $(srcdir)/tests/test.h
	$(CXXT_BUILD)
$(CXXT)/terminate.exe: $(CXXT_SRC)/terminate.cpp
	$(CXXT_BUILD)
$(CXXT)/threads.exe: $(CXXT_SRC)/threads.cpp $(srcdir)/tests/test.h
	$(CXXT_BUILD)
$(CXXT)/thread_terminate.exe: $(CXXT_SRC)/thread_terminate.cpp
	$(CXXT_BUILD)

check-local: $(CXXT_EXES)
EXTRA_CHECKS = win:$(CXXT)/exceptions.exe golden:$(CXXT)/terminate.exe win:$(CXXT)/threads.exe \
	golden:$(CXXT)/thread_terminate.exe
CLEANFILES += $(CXXT_EXES)
EXTRA_DIST += tests/cxx
