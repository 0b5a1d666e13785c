/* Copies the first two lines of its input, then exits with 5. */
#include <stdio.h>
int main(void) { char b[100]; for (int i = 0; i < 2 && fgets(b, sizeof b, stdin); i++) fputs(b, stdout); return 5; }
