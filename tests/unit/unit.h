/* Native (Linux) unit tests of carafe's internal pieces.
 * Same contract as tests/test.h: ends with "N checks, M failures". */
#ifndef CARAFE_UNIT_H
#define CARAFE_UNIT_H

#include <stdarg.h>
#include <stdio.h>

static int unit_checks, unit_failures;

__attribute__((format(printf, 4, 5)))
static void unit_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    unit_checks++;
    if (cond) return;
    unit_failures++;
    va_list ap;
    va_start(ap, fmt);
    printf("%s:%d: Test failed: ", file, line);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

#define ok(cond, ...) unit_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static int unit_summary(void)
{
    printf("%d checks, %d failures\n", unit_checks, unit_failures);
    return unit_failures > 100 ? 100 : unit_failures;
}

#endif
