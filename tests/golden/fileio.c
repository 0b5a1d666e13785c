/* Files through the C runtime: text and binary modes, seeking, stat, rename, errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <io.h>

int main(void)
{
    const char *name = "fileio_test.txt", *moved = "fileio_moved.txt";
    FILE *f = fopen(name, "w");
    if (!f) { printf("fopen failed: %s\n", strerror(errno)); return 1; }
    for (int i = 1; i <= 3; i++) fprintf(f, "line %d\n", i);
    fclose(f);

    unsigned char buf[64];
    f = fopen(name, "rb");
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    printf("binary size %u:", (unsigned)n);
    for (size_t i = 0; i < n; i++) if (buf[i] == '\r' || buf[i] == '\n') printf(" %u=%s", (unsigned)i, buf[i] == '\r' ? "CR" : "LF");
    printf("\n");

    f = fopen(name, "r");
    char line[32];
    fgets(line, sizeof(line), f);
    printf("first line has %u chars, ftell %ld\n", (unsigned)strlen(line), ftell(f));
    fseek(f, 0, SEEK_END);
    printf("end at %ld\n", ftell(f));
    fclose(f);

    f = fopen(name, "a");
    fputs("appended\n", f);
    fclose(f);
    struct stat st;
    stat(name, &st);
    printf("after append: %ld bytes, regular %d\n", (long)st.st_size, (st.st_mode & S_IFREG) != 0);

    printf("rename: %d\n", rename(name, moved));
    printf("old name exists: %d, new name exists: %d\n", _access(name, 0) == 0, _access(moved, 0) == 0);
    printf("remove: %d\n", remove(moved));
    errno = 0;
    f = fopen("no_such_dir/none.txt", "r");
    printf("missing: %s, errno %d (%s)\n", f ? "opened" : "NULL", errno, strerror(errno));
    return 0;
}
