/* Conformance tests: _spawn*, _cwait, _pipe with inherited descriptors,
 * system and _popen.  The test runs itself as the child. */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static char self[MAX_PATH];

static int child(int argc, char **argv)
{
    const char *what = argv[2];
    if (!strcmp(what, "exit")) return atoi(argv[3]);
    if (!strcmp(what, "argc")) return argc;
    if (!strcmp(what, "env")) {
        const char *v = getenv("CARAFE_SPAWN");
        return v && !strcmp(v, "yes") ? 11 : 12;
    }
    if (!strcmp(what, "write")) {
        int fd = atoi(argv[3]);
        return _write(fd, "pipe!", 5) == 5 ? 0 : 1;
    }
    if (!strcmp(what, "sleep")) {
        Sleep(atoi(argv[3]));
        return 5;
    }
    return 99;
}

static void test_spawn_wait(void)
{
    const char *args[] = { self, "child", "exit", "300", NULL };
    errno = 0;
    ok(_spawnv(_P_WAIT, self, args) == 300, "_spawnv P_WAIT: errno %d\n", errno);
    ok(_spawnl(_P_WAIT, self, self, "child", "exit", "7", NULL) == 7, "_spawnl P_WAIT\n");

    /* arguments are joined with spaces, not quoted */
    const char *split[] = { self, "child", "argc", "one", "two three", NULL };
    ok(_spawnv(_P_WAIT, self, split) == 6, "argument count\n");
    const char *quoted[] = { self, "child", "argc", "\"two three\"", NULL };
    ok(_spawnv(_P_WAIT, self, quoted) == 4, "quoted argument count\n");

    /* the environment */
    const char *env[] = { "CARAFE_SPAWN=yes", "OTHER=1", NULL };
    const char *envargs[] = { self, "child", "env", NULL };
    ok(_spawnve(_P_WAIT, self, envargs, env) == 11, "_spawnve environment\n");
    ok(_spawnle(_P_WAIT, self, self, "child", "env", NULL, env) == 11, "_spawnle environment\n");
    ok(_spawnv(_P_WAIT, self, envargs) == 12, "inherited environment\n");
    _putenv("CARAFE_SPAWN=yes");
    ok(_spawnv(_P_WAIT, self, envargs) == 11, "_putenv reaches the child\n");
    _putenv("CARAFE_SPAWN=");

    errno = 0;
    ok(_spawnl(_P_WAIT, "carafe_no_such_program", "x", NULL) == -1, "missing program\n");
    ok(errno == ENOENT, "errno %d\n", errno);
}

static void test_spawn_nowait(void)
{
    const char *args[] = { self, "child", "sleep", "200", NULL };
    int status = -1;
    intptr_t h = _spawnv(_P_NOWAIT, self, args);
    ok(h != -1 && h != 0, "_spawnv P_NOWAIT %Id errno %d\n", h, errno);
    ok(WaitForSingleObject((HANDLE)h, 0) == WAIT_TIMEOUT, "the child ended at once\n");
    ok(_cwait(&status, h, _WAIT_CHILD) == h, "_cwait\n");
    ok(status == 5, "status %d\n", status);

    /* _spawnvp finds the program along PATH too; a full path works as it is */
    const char *args2[] = { self, "child", "exit", "70000", NULL };
    h = _spawnvp(_P_NOWAIT, self, args2);
    ok(h != -1, "_spawnvp P_NOWAIT\n");
    status = -1;
    ok(_cwait(&status, h, _WAIT_CHILD) == h, "_cwait\n");
    ok(status == 70000, "status %d\n", status);

    errno = 0;
    ok(_cwait(&status, (intptr_t)0xdead0, _WAIT_CHILD) == -1, "_cwait of no process\n");
    ok(errno == ECHILD, "errno %d\n", errno);
}

static void test_pipe_inherit(void)
{
    int fds[2], status = -1;
    char buf[32], arg[16];
    ok(!_pipe(fds, 256, _O_BINARY), "_pipe errno %d\n", errno);
    sprintf(arg, "%d", fds[1]);
    intptr_t h = _spawnl(_P_NOWAIT, self, self, "child", "write", arg, NULL);
    ok(h != -1, "spawn\n");
    _close(fds[1]);
    memset(buf, 0, sizeof(buf));
    int n = _read(fds[0], buf, sizeof(buf) - 1);
    ok(n == 5 && !strcmp(buf, "pipe!"), "read %d [%s]\n", n, buf);
    ok(_read(fds[0], buf, sizeof(buf)) == 0, "end of file once the child ended\n");
    _cwait(&status, h, _WAIT_CHILD);
    ok(status == 0, "child could not write: %d\n", status);
    _close(fds[0]);

    /* _O_NOINHERIT: the child has no such descriptor */
    ok(!_pipe(fds, 256, _O_BINARY | _O_NOINHERIT), "_pipe errno %d\n", errno);
    sprintf(arg, "%d", fds[1]);
    ok(_spawnl(_P_WAIT, self, self, "child", "write", arg, NULL) == 1, "a non-inherited descriptor worked\n");
    _close(fds[0]);
    _close(fds[1]);
}

static void test_system(void)
{
    int have_shell = system(NULL);
    if (!have_shell) {
        errno = 0;
        ok(system("exit 3") == -1, "system without a shell\n");
        ok(errno == ENOENT, "errno %d\n", errno);
        errno = 0;
        ok(_popen("echo hi", "r") == NULL, "_popen without a shell\n");
        ok(errno == ENOENT, "errno %d\n", errno);
        return;
    }
    ok(system("exit 3") == 3, "system(exit 3)\n");
    FILE *f = _popen("echo hi", "r");
    char buf[64] = "";
    ok(f != NULL, "_popen errno %d\n", errno);
    if (!f) return;
    ok(fgets(buf, sizeof(buf), f) && !strncmp(buf, "hi", 2), "_popen read [%s]\n", buf);
    ok(_pclose(f) == 0, "_pclose\n");
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) return child(argc, argv);
    GetModuleFileNameA(NULL, self, sizeof(self));
    if (strchr(self, ' ')) {   /* the joined command line would split it */
        printf("skipped: a path with spaces\n");
        ok(1, "");
        return test_summary();
    }
    test_spawn_wait();
    test_spawn_nowait();
    test_pipe_inherit();
    test_system();
    return test_summary();
}
