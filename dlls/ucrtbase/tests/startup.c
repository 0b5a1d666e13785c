/* ucrtbase: the startup family that MSVC's exe start code calls (argv,
 * environment, onexit tables, _initterm_e, new mode), __acrt_iob_func and the
 * C99 float functions msvcrt lacks.  Linked against the UCRT (see the rule in
 * tests/local.mk); no CRT headers, so that mingw's msvcrt declarations do not
 * get in the way, and output through fwrite (printf is not there yet). */
#include <stddef.h>

typedef int (__cdecl *onexit_fn)(void);
typedef struct { onexit_fn *first, *last, *end; } onexit_table;

int __cdecl _initialize_onexit_table(onexit_table *t);
int __cdecl _register_onexit_function(onexit_table *t, onexit_fn fn);
int __cdecl _execute_onexit_table(onexit_table *t);
int __cdecl _initterm_e(onexit_fn *start, onexit_fn *end);
int __cdecl _configure_narrow_argv(int mode);
int *__cdecl __p___argc(void);
char ***__cdecl __p___argv(void);
char **__cdecl _get_initial_narrow_environment(void);
int __cdecl _set_new_mode(int mode);
int __cdecl _query_new_mode(void);
void *__cdecl __acrt_iob_func(unsigned int index);
int __cdecl _fileno(void *file);
size_t __cdecl fwrite(const void *buf, size_t size, size_t count, void *file);
size_t __cdecl strlen(const char *s);
float __cdecl roundf(float x);
float __cdecl truncf(float x);
float __cdecl cbrtf(float x);

static int checks, failures;

static void out(const char *s)
{
    fwrite(s, 1, strlen(s), __acrt_iob_func(1));
}

static void out_int(int v)
{
    char buf[16], *p = buf + sizeof(buf);
    unsigned int u = v < 0 ? -(unsigned int)v : (unsigned int)v;
    *--p = 0;
    do *--p = '0' + u % 10; while (u /= 10);
    if (v < 0) *--p = '-';
    out(p);
}

static void check(int cond, int line, const char *what)
{
    checks++;
    if (cond) return;
    failures++;
    out("startup.c:");
    out_int(line);
    out(": Test failed: ");
    out(what);
    out("\n");
}
#define ok(cond) check(!!(cond), __LINE__, #cond)

static char order[8];
static int norder;
static int __cdecl first(void) { order[norder++] = '1'; return 0; }
static int __cdecl second(void) { order[norder++] = '2'; return 0; }
static int __cdecl third(void) { order[norder++] = '3'; return 0; }
static int __cdecl fails(void) { order[norder++] = 'f'; return 7; }

static void test_onexit(void)
{
    onexit_table t = { NULL, NULL, NULL };   /* a table with storage is not initialized again */
    ok(_initialize_onexit_table(&t) == 0);
    ok(_register_onexit_function(&t, first) == 0);
    ok(_register_onexit_function(&t, second) == 0);
    ok(_register_onexit_function(&t, third) == 0);
    norder = 0;
    ok(_execute_onexit_table(&t) == 0);
    /* the last registered runs first */
    ok(norder == 3 && order[0] == '3' && order[1] == '2' && order[2] == '1');
    /* executed functions are gone from the table */
    ok(_initialize_onexit_table(&t) == 0);
    norder = 0;
    ok(_execute_onexit_table(&t) == 0);
    ok(norder == 0);
}

static void test_initterm_e(void)
{
    onexit_fn all_ok[] = { first, NULL, second };
    onexit_fn stops[] = { first, fails, second };
    norder = 0;
    ok(_initterm_e(all_ok, all_ok + 3) == 0);
    ok(norder == 2);
    /* the first nonzero result ends the walk and is returned */
    norder = 0;
    ok(_initterm_e(stops, stops + 3) == 7);
    ok(norder == 2 && order[1] == 'f');
}

static void test_args_env(void)
{
    ok(_configure_narrow_argv(1) == 0);
    ok(*__p___argc() == 1);
    ok((*__p___argv())[0] != NULL && (*__p___argv())[1] == NULL);
    char **env = _get_initial_narrow_environment();
    ok(env != NULL);
}

static void test_new_mode(void)
{
    ok(_query_new_mode() == 0);
    ok(_set_new_mode(1) == 0);
    ok(_query_new_mode() == 1);
    ok(_set_new_mode(0) == 1);
}

static void test_iob(void)
{
    ok(_fileno(__acrt_iob_func(0)) == 0);
    ok(_fileno(__acrt_iob_func(1)) == 1);
    ok(_fileno(__acrt_iob_func(2)) == 2);
}

static void test_math(void)
{
    volatile float half = 2.5f, neg = -2.7f, cube = 27.0f;
    ok(roundf(half) == 3.0f);      /* halfway cases away from zero */
    ok(roundf(-half) == -3.0f);
    ok(truncf(neg) == -2.0f);
    ok(cbrtf(cube) == 3.0f);
}

int main(void)
{
    test_onexit();
    test_initterm_e();
    test_args_env();
    test_new_mode();
    test_iob();
    test_math();
    out_int(checks);
    out(" checks, ");
    out_int(failures);
    out(" failures\n");
    return failures > 100 ? 100 : failures;
}
