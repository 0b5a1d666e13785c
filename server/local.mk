# carafe-server: the shared-state server (registry), native; started on demand
bin_PROGRAMS += carafe-server
carafe_server_SOURCES = server/server.h server/main.c server/registry.c server/regfile.c \
	include/carafe/protocol.h
