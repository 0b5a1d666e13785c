/* Writes numbered lines until writing fails (its reader went away). */
#include <stdio.h>
int main(void) { for (long i = 0;; i++) { if (printf("line %ld\n", i) < 0 || fflush(stdout)) return 3; } }
