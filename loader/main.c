/* carafe: run a Windows program.  A thin main(): find the builtin DLLs,
 * load ntdll and hand over to it. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE 125

typedef int (*start_fn)(const char *dlldir, int check_only, int argc, char **argv);

static void usage(FILE *f)
{
    fprintf(f, "usage: carafe PROGRAM.exe [ARGS...]   run a Windows program\n"
               "       carafe --check PROGRAM.exe      list its imports: implemented, stub or missing\n"
               "       carafe --version | --help\n"
               "environment: CARAFE_PREFIX (default ~/.carafe), CARAFE_DEBUG (e.g. +module,warn+all)\n");
}

/* The build tree keeps the DLLs in dlls/ beside this executable; an
 * installed carafe finds them in its libdir. */
static const char *dll_dir(void)
{
    static char dir[PATH_MAX + 8];
    char self[PATH_MAX];
    const char *env = getenv("CARAFE_DLLDIR");
    if (env && *env) return env;
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n > 0) {
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = 0;
            snprintf(dir, sizeof(dir), "%s/dlls", self);
            char probe[PATH_MAX + 32];
            snprintf(probe, sizeof(probe), "%s/ntdll.dll.so", dir);
            if (!access(probe, R_OK)) return dir;
        }
    }
    return CARAFE_DLLDIR;
}

int main(int argc, char **argv)
{
    int check = 0, i = 1;
    if (i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (i < argc && !strcmp(argv[i], "--version")) {
        printf("carafe %s\n", PACKAGE_VERSION);
        return 0;
    }
    if (i < argc && !strcmp(argv[i], "--check")) { check = 1; i++; }
    if (i < argc && !strcmp(argv[i], "--")) i++;
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *dir = dll_dir();
    char path[PATH_MAX + 32];
    snprintf(path, sizeof(path), "%s/ntdll.dll.so", dir);
    void *ntdll = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!ntdll) {
        fprintf(stderr, "carafe: cannot load %s: %s\n", path, dlerror());
        return EXIT_USAGE;
    }
    start_fn start = (start_fn)dlsym(ntdll, "__carafe_start");
    if (!start) {
        fprintf(stderr, "carafe: %s has no __carafe_start\n", path);
        return EXIT_USAGE;
    }
    return start(dir, check, argc - i, argv + i);
}
