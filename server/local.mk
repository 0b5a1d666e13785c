# carafe-server: the shared-state server (registry), native; started on demand
bin_PROGRAMS += carafe-server
carafe_server_SOURCES = server/server.h server/main.c server/registry.c server/regfile.c server/process.c \
	server/objects.h server/objects.c server/notify.c \
	include/carafe/protocol.h
