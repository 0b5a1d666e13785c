/* The prefix: $CARAFE_PREFIX (default ~/.carafe) with drive_c and the
 * dosdevices links c: -> ../drive_c, z: -> /.  Created silently on first use. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "carafe/ntdll.h"
#include "ntdll_private.h"

DEFAULT_DEBUG_CHANNEL(prefix);

static char *prefix_dir;

const char *carafe_user_name(void)
{
    static char name[64];
    if (!*name) {
        const char *u = getenv("USER");
        struct passwd *pw;
        if ((!u || !*u) && (pw = getpwuid(getuid()))) u = pw->pw_name;
        snprintf(name, sizeof(name), "%s", u && *u ? u : "user");
    }
    return name;
}

static void make_dir(const char *fmt, const char *a, const char *b)
{
    char path[4096];
    snprintf(path, sizeof(path), fmt, a, b);
    if (mkdir(path, 0777) && errno != EEXIST) WARN("cannot create %s: %s\n", path, strerror(errno));
}

static void make_link(const char *target, const char *fmt, const char *a)
{
    char path[4096];
    snprintf(path, sizeof(path), fmt, a);
    if (symlink(target, path) && errno != EEXIST) WARN("cannot create %s: %s\n", path, strerror(errno));
}

static void create_prefix(const char *p)
{
    const char *user = carafe_user_name();
    make_dir("%s", p, NULL);
    make_dir("%s/drive_c", p, NULL);
    make_dir("%s/drive_c/windows", p, NULL);
    make_dir("%s/drive_c/windows/system32", p, NULL);
    make_dir("%s/drive_c/windows/temp", p, NULL);
    make_dir("%s/drive_c/ProgramData", p, NULL);
    make_dir("%s/drive_c/Program Files", p, NULL);
    make_dir("%s/drive_c/users", p, NULL);
    make_dir("%s/drive_c/users/%s", p, user);
    make_dir("%s/drive_c/users/%s/AppData", p, user);
    make_dir("%s/drive_c/users/%s/AppData/Roaming", p, user);
    make_dir("%s/drive_c/users/%s/AppData/Local", p, user);
    make_dir("%s/dosdevices", p, NULL);
    make_link("../drive_c", "%s/dosdevices/c:", p);
    /* the last step: its presence says the prefix is complete */
    make_link("/", "%s/dosdevices/z:", p);
}

/* Windows programs built with carafe: programs/NAME/NAME.exe in the build
 * tree (beside dlls/), $(pkglibdir)/programs/NAME.exe when installed. */
static const char *const builtin_programs[] = { "cmd", "reg" };
extern const char *carafe_dll_dir;

char *carafe_builtin_program(const char *name)
{
    const char *base = strrchr(name, '\\');
    base = base ? base + 1 : name;
    size_t len = strlen(base);
    if (len > 4 && !strcasecmp(base + len - 4, ".exe")) len -= 4;
    for (size_t i = 0; i < sizeof(builtin_programs) / sizeof(builtin_programs[0]); i++) {
        const char *prog = builtin_programs[i];
        if (strlen(prog) != len || strncasecmp(base, prog, len) || !carafe_dll_dir) continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/../programs/%s/%s.exe", carafe_dll_dir, prog, prog);
        if (access(path, R_OK)) snprintf(path, sizeof(path), "%s/programs/%s.exe", carafe_dll_dir, prog);
        if (access(path, R_OK)) return NULL;
        return realpath(path, NULL);
    }
    return NULL;
}

/* C:\windows\system32\NAME.exe links to each builtin program, so that
 * CreateProcess, system() and %ComSpec% find cmd.exe there; a missing or
 * dangling link is (re)made, a real file the user put there is kept. */
static void link_builtin_programs(const char *p)
{
    for (size_t i = 0; i < sizeof(builtin_programs) / sizeof(builtin_programs[0]); i++) {
        char link[4200];
        struct stat st;
        snprintf(link, sizeof(link), "%s/drive_c/windows/system32/%s.exe", p, builtin_programs[i]);
        if (!stat(link, &st)) continue;
        char *target = carafe_builtin_program(builtin_programs[i]);
        if (!target) continue;
        unlink(link);
        if (symlink(target, link)) WARN("cannot create %s: %s\n", link, strerror(errno));
        free(target);
    }
}

const char *carafe_prefix(void)
{
    if (prefix_dir) return prefix_dir;
    const char *env = getenv("CARAFE_PREFIX");
    char buf[4096];
    if (env && *env) snprintf(buf, sizeof(buf), "%s", env);
    else {
        const char *home = getenv("HOME");
        if (!home || !*home) {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : "/tmp";
        }
        snprintf(buf, sizeof(buf), "%s/.carafe", home);
    }
    char probe[4200];
    struct stat st;
    snprintf(probe, sizeof(probe), "%s/dosdevices/z:", buf);
    if (lstat(probe, &st)) create_prefix(buf);
    prefix_dir = realpath(buf, NULL);
    if (!prefix_dir) prefix_dir = strdup(buf);
    link_builtin_programs(prefix_dir);
    return prefix_dir;
}
