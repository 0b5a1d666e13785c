/* Numbers through the C runtime: conversions, math, formatted output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    const char *inputs[] = { "3.14159", "-2.5e3", "1e-7", "0x1A", "42abc", "  17", "" };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        char *end;
        double d = strtod(inputs[i], &end);
        long l = strtol(inputs[i], NULL, 0);
        printf("[%s] strtod %.6g rest [%s] strtol %ld atoi %d\n", inputs[i], d, end, l, atoi(inputs[i]));
    }
    for (int i = 0; i <= 8; i++) {
        double x = i * 0.25 * 3.141592653589793;
        printf("%4.2f sin %9.6f cos %9.6f sqrt %8.5f exp %12.4f\n", x, sin(x), cos(x), sqrt(x), exp(x));
    }
    printf("%d %u %x %o %c %5s|%-5s| %08.3f %+d\n", -42, 42u, 255, 8, 'Z', "ab", "cd", 3.14159, 7);
    printf("%lld %llu\n", -9000000000LL, 18000000000ULL);
    char buf[64];
    snprintf(buf, sizeof(buf), "%s-%d", "item", 12);
    printf("%s %u\n", buf, (unsigned)strlen(buf));
    div_t q = div(17, 5);
    printf("div %d %d abs %d labs %ld\n", q.quot, q.rem, abs(-9), labs(-123456L));
    srand(1);
    int r1 = rand(), r2 = rand(), r3 = rand();
    printf("rand %d %d %d\n", r1, r2, r3);
    return 0;
}
