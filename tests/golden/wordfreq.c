/* Word frequencies of standard input: reading, ctype, qsort, formatted output. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word { char text[32]; int count; };
static struct word words[4096];
static int nwords, total;

static int by_count(const void *a, const void *b)
{
    const struct word *x = a, *y = b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->text, y->text);
}

static void add(const char *w)
{
    total++;
    for (int i = 0; i < nwords; i++)
        if (!strcmp(words[i].text, w)) { words[i].count++; return; }
    if (nwords < 4096) {
        strncpy(words[nwords].text, w, 31);
        words[nwords++].count = 1;
    }
}

int main(int argc, char **argv)
{
    int top = argc > 1 ? atoi(argv[1]) : 10, c, n = 0;
    char buf[32];
    long lines = 0, chars = 0;
    while ((c = getchar()) != EOF) {
        chars++;
        if (c == '\n') lines++;
        if (isalpha(c) || c == '\'') {
            if (n < 31) buf[n++] = (char)tolower(c);
        } else if (n) {
            buf[n] = 0;
            add(buf);
            n = 0;
        }
    }
    if (n) { buf[n] = 0; add(buf); }
    qsort(words, nwords, sizeof(words[0]), by_count);
    printf("%ld lines, %ld characters, %d words, %d distinct\n", lines, chars, total, nwords);
    for (int i = 0; i < top && i < nwords; i++)
        printf("%3d. %-12s %4d %6.2f%%\n", i + 1, words[i].text, words[i].count, 100.0 * words[i].count / total);
    return 0;
}
