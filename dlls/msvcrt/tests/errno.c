/* msvcrt errno, _doserrno and the strerror family. */
#include <string.h>
#include <errno.h>
#include "test.h"
#include "crt.h"

typedef int *(*errno_fn)(void);
typedef unsigned long *(*doserrno_fn)(void);

/* Windows' own msvcrt words some messages differently from Wine 8 (which
 * prints glibc's wording); either is accepted where they differ. */
static int same_msg(const char *got, const char *windows, const char *wine)
{
    return !strcmp(got, windows) || (wine && !strcmp(got, wine));
}

int main(void)
{
    int *e = CRTT(errno_fn, _errno)();
    int v = -1;

    ok(e == CRTT(errno_fn, _errno)(), "_errno is stable\n");
    *e = 0;
    ok(CRTT(int (*)(int), _set_errno)(34) == 0, "_set_errno");
    ok(*e == 34, "errno %d", *e);
    ok(CRTT(int (*)(int *), _get_errno)(&v) == 0 && v == 34, "_get_errno %d", v);
    ok(CRTT(int (*)(int *), _get_errno)(NULL) == EINVAL, "_get_errno(NULL)");

    unsigned long *de = CRTT(doserrno_fn, __doserrno)();
    unsigned long dv = 0;
    ok(CRTT(int (*)(unsigned long), _set_doserrno)(5) == 0, "_set_doserrno");
    ok((*de & 0xffffffff) == 5, "__doserrno %lu", *de);
    ok(CRTT(int (*)(unsigned long *), _get_doserrno)(&dv) == 0 && dv == 5, "_get_doserrno %lu", dv);

    char *(*p_strerror)(int) = CRTT(char *(*)(int), strerror);
    ok(!strcmp(p_strerror(2), "No such file or directory"), "2: %s", p_strerror(2));
    ok(!strcmp(p_strerror(13), "Permission denied"), "13: %s", p_strerror(13));
    ok(!strcmp(p_strerror(22), "Invalid argument"), "22: %s", p_strerror(22));
    ok(!strcmp(p_strerror(17), "File exists"), "17: %s", p_strerror(17));
    ok(!strcmp(p_strerror(9), "Bad file descriptor"), "9: %s", p_strerror(9));
    ok(!strcmp(p_strerror(15), "Unknown error"), "15: %s", p_strerror(15));
    ok(!strcmp(p_strerror(43), "Unknown error"), "43: %s", p_strerror(43));
    ok(!strcmp(p_strerror(200), "Unknown error"), "200: %s", p_strerror(200));
    ok(!strcmp(p_strerror(-1), "Unknown error"), "-1: %s", p_strerror(-1));
    ok(same_msg(p_strerror(0), "No error", "Success"), "0: %s", p_strerror(0));
    ok(same_msg(p_strerror(12), "Not enough space", "Cannot allocate memory"), "12: %s", p_strerror(12));
    ok(same_msg(p_strerror(33), "Domain error", "Numerical argument out of domain"), "33: %s", p_strerror(33));
    ok(same_msg(p_strerror(34), "Result too large", "Numerical result out of range"), "34: %s", p_strerror(34));
    ok(same_msg(p_strerror(42), "Illegal byte sequence", "Invalid or incomplete multibyte or wide character"), "42: %s", p_strerror(42));

    int nerr = *CRTT(int *, _sys_nerr);
    char **list = CRTT(char **, _sys_errlist);
    ok(nerr == 43, "_sys_nerr %d", nerr);
    ok(!strcmp(list[2], "No such file or directory"), "_sys_errlist[2] %s", list[2]);
    ok(!strcmp(list[43], "Unknown error"), "_sys_errlist[43] %s", list[43]);

    char buf[64];
    memset(buf, 'x', sizeof(buf));
    ok(CRTT(int (*)(char *, size_t, int), strerror_s)(buf, sizeof(buf), 2) == 0, "strerror_s");
    ok(!strcmp(buf, "No such file or directory"), "strerror_s: %s", buf);
    ok(CRTT(int (*)(char *, size_t, int), strerror_s)(buf, 8, 2) == 0, "strerror_s truncates");
    ok(!strcmp(buf, "No such"), "truncated: %s", buf);

    char *(*p_strerror2)(const char *) = CRTT(char *(*)(const char *), _strerror);
    *e = 2;
    ok(!strcmp(p_strerror2("open"), "open: No such file or directory\n"), "_strerror: %s", p_strerror2("open"));
    *e = 13;
    ok(!strcmp(p_strerror2(NULL), "Permission denied\n"), "_strerror(NULL): %s", p_strerror2(NULL));

    wchar_t *(*p_wcserror)(int) = CRTT(wchar_t *(*)(int), _wcserror);
    ok(!wcscmp(p_wcserror(2), L"No such file or directory"), "_wcserror");
    wchar_t *(*p_wcserror2)(const wchar_t *) = CRTT(wchar_t *(*)(const wchar_t *), __wcserror);
    *e = 22;
    ok(!wcscmp(p_wcserror2(L"x"), L"x: Invalid argument\n"), "__wcserror");
    return test_summary();
}
