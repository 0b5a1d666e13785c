# the carafe executable
bin_PROGRAMS += carafe
carafe_SOURCES = loader/main.c
carafe_CPPFLAGS = $(AM_CPPFLAGS) -DCARAFE_DLLDIR='"$(pkglibdir)"'
carafe_LDADD = -ldl
