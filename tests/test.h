/* Windows-side conformance tests: ok(cond, fmt, ...) counts and reports.
 * Built with mingw-w64; the last line a test prints is "N checks, M failures"
 * and its exit code is the number of failures (capped), so each check can fail. */
#ifndef CARAFE_TEST_H
#define CARAFE_TEST_H

#include <stdarg.h>
#include <stdio.h>

static int test_checks, test_failures;
static const char *test_context = "";

static void test_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    test_checks++;
    if (cond) return;
    test_failures++;
    va_list ap;
    va_start(ap, fmt);
    printf("%s:%d: %sTest failed: ", file, line, test_context);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
}

#define ok(cond, ...) test_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static int test_summary(void)
{
    printf("%d checks, %d failures\n", test_checks, test_failures);
    fflush(stdout);
    return test_failures > 100 ? 100 : test_failures;
}

#endif
