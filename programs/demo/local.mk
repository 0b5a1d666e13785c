# the demo program (built with mingw-w64 as part of the build)
if HAVE_MINGW
all-local: programs/demo/hello.exe $(GOLDEN_EXES)
endif
CLEANFILES += programs/demo/hello.exe
EXTRA_DIST += programs/demo/hello.c
