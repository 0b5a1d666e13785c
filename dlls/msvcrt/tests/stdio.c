/* msvcrt buffered stdio on files: fopen modes, text-mode CRLF and Ctrl-Z,
 * fseek/ftell, ungetc, fgets/fputs, fread/fwrite, error and end-of-file
 * flags, setvbuf, tmpfile, freopen, _fdopen, fflush, fprintf. */
#define __USE_MINGW_ANSI_STDIO 0
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "test.h"

static char dir[MAX_PATH];

static const char *path(const char *name)
{
    static char buf[2][MAX_PATH];
    static int which;
    which ^= 1;
    snprintf(buf[which], MAX_PATH, "%s\\%s", dir, name);
    return buf[which];
}

/* the bytes on disk */
static int read_raw(const char *name, char *buf, int size)
{
    FILE *f = fopen(path(name), "rb");
    if (!f) return -1;
    int n = fread(buf, 1, size, f);
    fclose(f);
    return n;
}

static void write_raw(const char *name, const char *data, int len)
{
    FILE *f = fopen(path(name), "wb");
    ok(f != NULL, "create %s", name);
    ok(fwrite(data, 1, len, f) == (size_t)len, "write %s", name);
    fclose(f);
}

static void test_modes(void)
{
    char buf[64];
    FILE *f;
    int n;

    errno = 0;
    f = fopen(path("missing.txt"), "r");
    ok(!f && errno == ENOENT, "fopen missing: errno %d", errno);
    errno = 0;
    f = fopen(path("x.txt"), "q");
    ok(!f && errno == EINVAL, "bad mode: errno %d", errno);

    /* "w" creates and truncates; text mode is the default */
    f = fopen(path("w.txt"), "w");
    ok(f != NULL, "fopen w");
    ok(fputs("one\ntwo\n", f) >= 0, "fputs");
    ok(fclose(f) == 0, "fclose");
    n = read_raw("w.txt", buf, sizeof(buf));
    ok(n == 10 && !memcmp(buf, "one\r\ntwo\r\n", 10), "text write: %d bytes", n);
    f = fopen(path("w.txt"), "w");
    fclose(f);
    ok(read_raw("w.txt", buf, sizeof(buf)) == 0, "w truncates");

    /* "a" appends even after a seek */
    write_raw("a.txt", "abc", 3);
    f = fopen(path("a.txt"), "ab");
    ok(f != NULL, "fopen ab");
    fseek(f, 0, SEEK_SET);
    fputs("de", f);
    fclose(f);
    n = read_raw("a.txt", buf, sizeof(buf));
    ok(n == 5 && !memcmp(buf, "abcde", 5), "append: %d [%.*s]", n, n > 0 ? n : 0, buf);

    /* "r" cannot write, "w" cannot read */
    f = fopen(path("a.txt"), "r");
    ok(fputc('x', f) == EOF, "fputc on r stream");
    ok(ferror(f), "error flag after writing a read stream");
    clearerr(f);
    ok(!ferror(f), "clearerr");
    fclose(f);
    f = fopen(path("a.txt"), "a");
    ok(fgetc(f) == EOF, "fgetc on a stream");
    fclose(f);

    /* "r+" reads and writes; a seek between them */
    f = fopen(path("a.txt"), "r+b");
    ok(fgetc(f) == 'a', "r+ read");
    fseek(f, 0, SEEK_CUR);
    ok(fputc('X', f) == 'X', "r+ write");
    fseek(f, 0, SEEK_SET);
    ok(fread(buf, 1, 5, f) == 5 && !memcmp(buf, "aXcde", 5), "r+ contents [%.5s]", buf);
    fclose(f);

    /* "w+" reads back what it wrote */
    f = fopen(path("wp.txt"), "w+");
    fputs("hi\n", f);
    rewind(f);
    ok(fgets(buf, sizeof(buf), f) && !strcmp(buf, "hi\n"), "w+ read back [%s]", buf);
    fclose(f);

    /* "a+" reads from anywhere, writes at the end */
    write_raw("ap.txt", "123", 3);
    f = fopen(path("ap.txt"), "a+b");
    ok(fgetc(f) == '1', "a+ reads from the start");
    fseek(f, 0, SEEK_SET);
    fputs("4", f);
    fseek(f, 0, SEEK_SET);
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 4 && !memcmp(buf, "1234", 4), "a+ contents %d", n);
    fclose(f);
}

static void test_text_translation(void)
{
    char buf[64];
    FILE *f;
    int n;

    /* reading text: CR LF -> LF, a lone CR stays */
    write_raw("t.txt", "a\r\nb\rc\r\n\r\nd", 11);
    f = fopen(path("t.txt"), "rt");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 8 && !memcmp(buf, "a\nb\rc\n\nd", 8), "text read %d", n);
    ok(feof(f), "feof after short fread");
    fclose(f);
    f = fopen(path("t.txt"), "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 11, "binary read %d", n);
    fclose(f);

    /* Ctrl-Z ends a text stream, not a binary one */
    write_raw("z.txt", "ab\x1a" "cd", 5);
    f = fopen(path("z.txt"), "r");
    ok(fgetc(f) == 'a' && fgetc(f) == 'b', "before Ctrl-Z");
    ok(fgetc(f) == EOF && feof(f), "Ctrl-Z is end of file");
    fclose(f);
    f = fopen(path("z.txt"), "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 5 && buf[2] == 0x1a, "binary reads Ctrl-Z: %d", n);
    fclose(f);

    /* fgets: stops after the newline; the last line needs none */
    write_raw("lines.txt", "first\r\nsecond\r\nlast", 19);
    f = fopen(path("lines.txt"), "r");
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "first\n"), "fgets 1 [%s]", buf);
    ok(fgets(buf, 4, f) == buf && !strcmp(buf, "sec"), "fgets short buffer [%s]", buf);
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "ond\n"), "fgets rest [%s]", buf);
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "last"), "fgets last [%s]", buf);
    ok(fgets(buf, sizeof(buf), f) == NULL && feof(f), "fgets at end");
    fclose(f);

    /* fprintf to a text file */
    f = fopen(path("pf.txt"), "w");
    ok(fprintf(f, "%d-%s\n", 42, "x") == 5, "fprintf returns the characters before translation");
    fclose(f);
    n = read_raw("pf.txt", buf, sizeof(buf));
    ok(n == 6 && !memcmp(buf, "42-x\r\n", 6), "fprintf bytes %d", n);
}

static void test_seek_tell(void)
{
    char buf[64];
    FILE *f;

    /* binary: ftell is the byte offset */
    write_raw("s.bin", "0123456789", 10);
    f = fopen(path("s.bin"), "rb");
    ok(ftell(f) == 0, "ftell at start");
    ok(fgetc(f) == '0' && fgetc(f) == '1', "read two");
    ok(ftell(f) == 2, "ftell %ld", ftell(f));
    ok(fseek(f, 5, SEEK_SET) == 0 && fgetc(f) == '5', "SEEK_SET");
    ok(fseek(f, -2, SEEK_CUR) == 0 && fgetc(f) == '4', "SEEK_CUR");
    ok(fseek(f, -1, SEEK_END) == 0 && fgetc(f) == '9', "SEEK_END");
    ok(fgetc(f) == EOF && feof(f), "at end");
    ok(fseek(f, 0, SEEK_SET) == 0 && !feof(f), "fseek clears end of file");
    errno = 0;
    ok(fseek(f, -5, SEEK_SET) == -1 && errno == EINVAL, "negative fseek: errno %d", errno);
    ok(fseek(f, 3, 17) == -1, "bad whence");
    ok(_ftelli64(f) == 0, "_ftelli64");
    ok(_fseeki64(f, 8, SEEK_SET) == 0 && fgetc(f) == '8', "_fseeki64");
    fpos_t pos;
    ok(fgetpos(f, &pos) == 0, "fgetpos");
    fgetc(f);
    ok(fsetpos(f, &pos) == 0 && fgetc(f) == '9', "fsetpos");
    fclose(f);

    /* text: ftell counts the CR of each CR LF still buffered */
    write_raw("st.txt", "ab\r\ncd\r\nef", 10);
    f = fopen(path("st.txt"), "r");
    ok(fgets(buf, sizeof(buf), f) && !strcmp(buf, "ab\n"), "line 1");
    ok(ftell(f) == 4, "text ftell after a line: %ld", ftell(f));
    ok(fgetc(f) == 'c', "c");
    long p = ftell(f);
    ok(p == 5, "text ftell %ld", p);
    fgets(buf, sizeof(buf), f);
    ok(fseek(f, p, SEEK_SET) == 0 && fgetc(f) == 'd', "fseek back to an ftell value");
    fclose(f);

    /* text writes: ftell counts the CR added to each LF */
    f = fopen(path("wt.txt"), "w");
    fputs("a\nb", f);
    ok(ftell(f) == 4, "ftell of a buffered text write: %ld", ftell(f));
    fclose(f);
}

static void test_ungetc(void)
{
    char buf[16];
    write_raw("u.txt", "xyz", 3);
    FILE *f = fopen(path("u.txt"), "rb");
    ok(fgetc(f) == 'x', "x");
    ok(ungetc('q', f) == 'q', "ungetc");
    ok(fgetc(f) == 'q', "reads back the pushed byte");
    ok(fgetc(f) == 'y', "then y");
    ok(ungetc(EOF, f) == EOF, "ungetc(EOF) fails");
    ok(fgetc(f) == 'z' && fgetc(f) == EOF && feof(f), "z then end");
    ok(ungetc('w', f) == 'w' && !feof(f), "ungetc clears end of file");
    ok(fgetc(f) == 'w', "w");
    ok(fseek(f, 1, SEEK_SET) == 0, "seek");
    ungetc('k', f);
    ok(fseek(f, 0, SEEK_SET) == 0 && fread(buf, 1, 3, f) == 3 && !memcmp(buf, "xyz", 3), "fseek drops pushed bytes");
    fclose(f);
}

static void test_fread_fwrite(void)
{
    char buf[10000];
    int data[100];
    FILE *f;

    for (int i = 0; i < 100; i++) data[i] = i * 7;
    f = fopen(path("rw.bin"), "wb");
    ok(fwrite(data, sizeof(int), 100, f) == 100, "fwrite 100");
    ok(fwrite(data, 0, 5, f) == 0 && fwrite(data, 4, 0, f) == 0, "fwrite of nothing");
    fclose(f);
    memset(data, 0, sizeof(data));
    f = fopen(path("rw.bin"), "rb");
    ok(fread(data, sizeof(int), 100, f) == 100 && data[99] == 693, "fread 100");
    ok(fread(data, 1, 1, f) == 0 && feof(f) && !ferror(f), "fread at end");
    fclose(f);
    /* partial element at the end */
    write_raw("p.bin", "abcde", 5);
    f = fopen(path("p.bin"), "rb");
    ok(fread(buf, 2, 10, f) == 2, "two whole elements of three bytes' worth");
    fclose(f);
    /* larger than the buffer */
    memset(buf, 'q', sizeof(buf));
    f = fopen(path("big.bin"), "wb");
    ok(fwrite(buf, 1, sizeof(buf), f) == sizeof(buf), "big fwrite");
    fclose(f);
    f = fopen(path("big.bin"), "rb");
    memset(buf, 0, sizeof(buf));
    ok(fread(buf, 1, sizeof(buf), f) == sizeof(buf) && buf[9999] == 'q', "big fread");
    fclose(f);
}

static void test_buffering(void)
{
    char buf[64], mybuf[64];
    FILE *f = fopen(path("b.txt"), "wb");
    ok(setvbuf(f, mybuf, _IOFBF, sizeof(mybuf)) == 0, "setvbuf full");
    fputs("held", f);
    ok(read_raw("b.txt", buf, sizeof(buf)) == 0, "buffered data not yet written");
    ok(fflush(f) == 0, "fflush");
    ok(read_raw("b.txt", buf, sizeof(buf)) == 4, "written after fflush");
    fclose(f);

    f = fopen(path("b.txt"), "wb");
    ok(setvbuf(f, NULL, _IONBF, 0) == 0, "setvbuf unbuffered");
    fputs("now", f);
    ok(read_raw("b.txt", buf, sizeof(buf)) == 3, "unbuffered writes at once");
    ok(setvbuf(f, NULL, 7, 16) == -1, "setvbuf bad mode");
    fclose(f);

    /* fflush of a read stream succeeds (whether the read-ahead survives
     * differs: Microsoft documents that it does, Wine 8 drops it) and the
     * stream stays usable */
    write_raw("fr.txt", "abcdef", 6);
    f = fopen(path("fr.txt"), "rb");
    ok(fgetc(f) == 'a', "a");
    ok(fflush(f) == 0, "fflush of a read stream");
    int c = fgetc(f);
    ok(c == 'b' || c == EOF, "after fflush: %d", c);
    ok(fseek(f, 3, SEEK_SET) == 0 && fgetc(f) == 'd', "usable after fflush");
    fclose(f);
    ok(fflush(NULL) == 0, "fflush(NULL)");
}

static void test_tmpfile_fdopen_freopen(void)
{
    char buf[64];
    FILE *f = tmpfile();
    ok(f != NULL, "tmpfile");
    ok(fputs("temp\n", f) >= 0, "write tmpfile");
    rewind(f);
    ok(fread(buf, 1, sizeof(buf), f) == 5 && !memcmp(buf, "temp\n", 5), "tmpfile is binary w+");
    ok(fclose(f) == 0, "close tmpfile");

    /* _fdopen wraps a descriptor; fclose closes it */
    int fd = _open(path("fd.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    f = _fdopen(fd, "w+");
    ok(f && _fileno(f) == fd, "_fdopen");
    fputs("via fd\n", f);
    ok(fclose(f) == 0, "fclose");
    ok(_close(fd) == -1, "fclose closed the descriptor");
    int n = read_raw("fd.txt", buf, sizeof(buf));
    ok(n == 7, "the descriptor's binary mode holds: %d", n);

    /* freopen reuses the FILE for another file and mode */
    write_raw("r1.txt", "one", 3);
    write_raw("r2.txt", "two", 3);
    f = fopen(path("r1.txt"), "r");
    FILE *f2 = freopen(path("r2.txt"), "r", f);
    ok(f2 == f, "freopen returns the same FILE");
    ok(fread(buf, 1, 3, f) == 3 && !memcmp(buf, "two", 3), "reads the new file");
    f2 = freopen(path("r1.txt"), "a", f);
    ok(f2 == f && fputs("+", f) >= 0, "freopen for appending");
    fclose(f);
    ok(read_raw("r1.txt", buf, sizeof(buf)) == 4 && !memcmp(buf, "one+", 4), "appended");
    errno = 0;
    f = fopen(path("r1.txt"), "r");
    ok(freopen(path("missing.txt"), "r", f) == NULL && errno == ENOENT, "freopen missing: errno %d", errno);
}

int main(void)
{
    char tmp[MAX_PATH];
    GetTempPathA(sizeof(tmp), tmp);
    snprintf(dir, sizeof(dir), "%scarafe-stdio-%lu", tmp, GetCurrentProcessId());
    ok(CreateDirectoryA(dir, NULL), "create %s: %lu", dir, GetLastError());

    test_modes();
    test_text_translation();
    test_seek_tell();
    test_ungetc();
    test_fread_fwrite();
    test_buffering();
    test_tmpfile_fdopen_freopen();

    static const char *files[] = { "w.txt", "a.txt", "wp.txt", "ap.txt", "t.txt", "z.txt", "lines.txt", "pf.txt",
        "s.bin", "st.txt", "wt.txt", "u.txt", "rw.bin", "p.bin", "big.bin", "b.txt", "fr.txt", "fd.txt", "r1.txt", "r2.txt" };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        ok(DeleteFileA(path(files[i])), "delete %s: %lu", files[i], GetLastError());
    ok(RemoveDirectoryA(dir), "remove %s: %lu", dir, GetLastError());
    return test_summary();
}
