/* msvcrt low-level I/O: _open/_read/_write/_lseek/_close, text and binary
 * modes, _setmode, _dup/_dup2, _eof, _filelength, _chsize, errno values. */
#define __USE_MINGW_ANSI_STDIO 0
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <direct.h>
#include <sys/stat.h>
#include <sys/locking.h>
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

/* the bytes on disk, read back in binary mode */
static int read_raw(const char *name, char *buf, int size)
{
    int fd = _open(path(name), _O_RDONLY | _O_BINARY);
    if (fd < 0) return -1;
    int n = _read(fd, buf, size);
    _close(fd);
    return n;
}

static void write_raw(const char *name, const char *data, int len)
{
    int fd = _open(path(name), _O_WRONLY | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "create %s: errno %d", name, errno);
    ok(_write(fd, data, len) == len, "write %s", name);
    _close(fd);
}

static void test_open_close(void)
{
    int fd, fd2;

    errno = 0;
    fd = _open(path("none.txt"), _O_RDONLY);
    ok(fd == -1 && errno == ENOENT, "open missing: %d errno %d", fd, errno);

    fd = _open(path("a.txt"), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(fd > 2, "create: %d errno %d", fd, errno);
    errno = 0;
    fd2 = _open(path("a.txt"), _O_WRONLY | _O_CREAT | _O_EXCL, _S_IREAD | _S_IWRITE);
    ok(fd2 == -1 && errno == EEXIST, "O_EXCL on existing file: %d errno %d", fd2, errno);
    ok(_write(fd, "hello\n", 6) == 6, "binary write");
    ok(_close(fd) == 0, "close");
    errno = 0;
    ok(_close(fd) == -1 && errno == EBADF, "close twice: errno %d", errno);
    errno = 0;
    ok(_close(-1) == -1 && errno == EBADF, "close -1: errno %d", errno);
    errno = 0;
    ok(_close(100000) == -1 && errno == EBADF, "close 100000: errno %d", errno);
    errno = 0;
    char c;
    ok(_read(fd, &c, 1) == -1 && errno == EBADF, "read closed fd: errno %d", errno);
    errno = 0;
    ok(_write(fd, "x", 1) == -1 && errno == EBADF, "write closed fd: errno %d", errno);
    errno = 0;
    ok(_lseek(fd, 0, SEEK_SET) == -1 && errno == EBADF, "lseek closed fd: errno %d", errno);

    /* the lowest free descriptor is reused */
    fd = _open(path("a.txt"), _O_RDONLY | _O_BINARY);
    fd2 = _open(path("a.txt"), _O_RDONLY | _O_BINARY);
    ok(fd >= 0 && fd2 == fd + 1, "fds %d %d", fd, fd2);
    _close(fd);
    int fd3 = _open(path("a.txt"), _O_RDONLY | _O_BINARY);
    ok(fd3 == fd, "lowest free fd reused: %d vs %d", fd3, fd);
    _close(fd2);
    _close(fd3);

    /* O_TRUNC empties; _creat creates or truncates */
    fd = _open(path("a.txt"), _O_WRONLY | _O_TRUNC);
    ok(fd >= 0 && _filelength(fd) == 0, "O_TRUNC: length %ld", _filelength(fd));
    _close(fd);
    fd = _creat(path("b.txt"), _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "_creat: errno %d", errno);
    ok(_write(fd, "abc", 3) == 3, "write after _creat");
    _close(fd);
    fd = _creat(path("b.txt"), _S_IREAD | _S_IWRITE);
    ok(fd >= 0 && _filelength(fd) == 0, "_creat truncates");
    _close(fd);

    /* a read-only descriptor cannot write */
    fd = _open(path("b.txt"), _O_RDONLY);
    errno = 0;
    ok(_write(fd, "x", 1) == -1, "write to O_RDONLY fd succeeded");
    _close(fd);
    /* a write-only descriptor cannot read */
    fd = _open(path("b.txt"), _O_WRONLY);
    errno = 0;
    ok(_read(fd, &c, 1) == -1, "read from O_WRONLY fd succeeded");
    _close(fd);
}

static void test_text_mode(void)
{
    char buf[64];
    int fd, n;

    /* LF -> CR LF on write; _write returns the caller's count */
    fd = _open(path("t.txt"), _O_WRONLY | _O_CREAT | _O_TRUNC | _O_TEXT, _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "open text");
    n = _write(fd, "a\nb\n\n", 5);
    ok(n == 5, "text write returned %d", n);
    ok(_filelength(fd) == 8, "length on disk %ld", _filelength(fd));
    ok(_tell(fd) == 8, "tell %ld", _tell(fd));
    _close(fd);
    n = read_raw("t.txt", buf, sizeof(buf));
    ok(n == 8 && !memcmp(buf, "a\r\nb\r\n\r\n", 8), "raw bytes %d [%.*s]", n, n > 0 ? n : 0, buf);

    /* CR LF -> LF on read */
    fd = _open(path("t.txt"), _O_RDONLY | _O_TEXT);
    n = _read(fd, buf, sizeof(buf));
    ok(n == 5 && !memcmp(buf, "a\nb\n\n", 5), "text read %d", n);
    ok(_read(fd, buf, sizeof(buf)) == 0, "then end of file");
    ok(_eof(fd) == 1, "_eof at end");
    _close(fd);

    /* a lone CR stays; CR CR LF gives CR LF */
    write_raw("cr.txt", "x\ry\r\r\nz\r", 8);
    fd = _open(path("cr.txt"), _O_RDONLY | _O_TEXT);
    n = _read(fd, buf, sizeof(buf));
    ok(n == 7 && !memcmp(buf, "x\ry\r\nz\r", 7), "lone CRs: %d", n);
    _close(fd);

    /* CR LF split over two reads still becomes one LF (Windows returns
     * it with the first read, Wine with the second) */
    write_raw("split.txt", "ab\r\ncd", 6);
    fd = _open(path("split.txt"), _O_RDONLY | _O_TEXT);
    n = _read(fd, buf, 3);
    ok(n >= 2, "first read of split CRLF: %d", n);
    int m = n >= 0 ? _read(fd, buf + n, sizeof(buf) - n) : -1;
    ok(n >= 0 && m >= 0 && n + m == 5 && !memcmp(buf, "ab\ncd", 5), "split CRLF: %d + %d", n, m);
    _close(fd);

    /* Ctrl-Z ends a text file; binary mode reads through it */
    write_raw("z.txt", "ab\r\n\x1a" "cd", 7);
    fd = _open(path("z.txt"), _O_RDONLY | _O_TEXT);
    n = _read(fd, buf, sizeof(buf));
    ok(n == 3 && !memcmp(buf, "ab\n", 3), "read to Ctrl-Z: %d", n);
    ok(_read(fd, buf, sizeof(buf)) == 0, "nothing after Ctrl-Z");
    ok(_eof(fd) == 1, "_eof after Ctrl-Z");
    /* seeking clears the Ctrl-Z end of file */
    ok(_lseek(fd, 5, SEEK_SET) == 5, "seek past Ctrl-Z");
    n = _read(fd, buf, sizeof(buf));
    ok(n == 2 && !memcmp(buf, "cd", 2), "read after seek past Ctrl-Z: %d", n);
    _close(fd);
    n = read_raw("z.txt", buf, sizeof(buf));
    ok(n == 7, "binary read through Ctrl-Z: %d", n);

    /* _O_BINARY writes bytes as they are */
    fd = _open(path("bin.txt"), _O_WRONLY | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(_write(fd, "a\nb", 3) == 3, "binary write");
    _close(fd);
    n = read_raw("bin.txt", buf, sizeof(buf));
    ok(n == 3 && !memcmp(buf, "a\nb", 3), "binary bytes: %d", n);
}

static void test_setmode(void)
{
    int fd = _open(path("m.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_TEXT, _S_IREAD | _S_IWRITE);
    int r;
    ok(fd >= 0, "open");
    r = _setmode(fd, _O_BINARY);
    ok(r == _O_TEXT, "_setmode returned the old mode %#x", r);
    r = _setmode(fd, _O_BINARY);
    ok(r == _O_BINARY, "_setmode returned %#x", r);
    ok(_write(fd, "1\n", 2) == 2, "write binary");
    r = _setmode(fd, _O_TEXT);
    ok(r == _O_BINARY, "_setmode returned %#x", r);
    ok(_write(fd, "2\n", 2) == 2, "write text");
    ok(_filelength(fd) == 5, "length %ld", _filelength(fd));
    errno = 0;
    r = _setmode(fd, 0x1234);
    ok(r == -1 && errno == EINVAL, "bad mode: %d errno %d", r, errno);
    errno = 0;
    r = _setmode(-1, _O_BINARY);
    ok(r == -1 && errno == EBADF, "bad fd: %d errno %d", r, errno);
    _close(fd);
    char buf[16];
    int n = read_raw("m.txt", buf, sizeof(buf));
    ok(n == 5 && !memcmp(buf, "1\n2\r\n", 5), "bytes %d", n);
}

static void test_seek_length(void)
{
    int fd = _open(path("s.bin"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    char buf[32];
    long r;

    ok(_write(fd, "0123456789", 10) == 10, "write");
    ok(_tell(fd) == 10, "tell %ld", _tell(fd));
    ok(_eof(fd) == 1, "_eof at end");
    r = _lseek(fd, 3, SEEK_SET);
    ok(r == 3, "SEEK_SET %ld", r);
    ok(_eof(fd) == 0, "_eof in the middle");
    ok(_read(fd, buf, 2) == 2 && !memcmp(buf, "34", 2), "read at 3");
    r = _lseek(fd, -1, SEEK_CUR);
    ok(r == 4, "SEEK_CUR %ld", r);
    r = _lseek(fd, -2, SEEK_END);
    ok(r == 8, "SEEK_END %ld", r);
    errno = 0;
    r = _lseek(fd, -20, SEEK_SET);
    ok(r == -1 && errno == EINVAL, "negative seek: %ld errno %d", r, errno);
    ok(_tell(fd) == 8, "position kept after failed seek: %ld", _tell(fd));
    errno = 0;
    r = _lseek(fd, 0, 7);
    ok(r == -1 && errno == EINVAL, "bad whence: %ld errno %d", r, errno);
    ok(_lseeki64(fd, 0, SEEK_END) == 10, "_lseeki64");
    ok(_telli64(fd) == 10, "_telli64");
    /* seeking past the end and writing leaves a zero-filled gap */
    ok(_lseek(fd, 12, SEEK_SET) == 12, "seek past end");
    ok(_filelength(fd) == 10, "seek does not extend");
    ok(_write(fd, "x", 1) == 1, "write past end");
    ok(_filelength(fd) == 13, "length %ld", _filelength(fd));
    ok(_filelengthi64(fd) == 13, "_filelengthi64");
    _lseek(fd, 10, SEEK_SET);
    ok(_read(fd, buf, 3) == 3 && !memcmp(buf, "\0\0x", 3), "gap bytes");

    /* _chsize extends with zeros or truncates, position unchanged */
    _lseek(fd, 2, SEEK_SET);
    ok(_chsize(fd, 100) == 0, "_chsize grow");
    ok(_filelength(fd) == 100, "length %ld", _filelength(fd));
    ok(_tell(fd) == 2, "position after _chsize %ld", _tell(fd));
    _lseek(fd, 50, SEEK_SET);
    ok(_read(fd, buf, 4) == 4 && !memcmp(buf, "\0\0\0\0", 4), "zeros");
    ok(_chsize(fd, 5) == 0, "_chsize shrink");
    ok(_filelength(fd) == 5, "length %ld", _filelength(fd));
    ok(_chsize_s(fd, 4) == 0, "_chsize_s");
    ok(_filelength(fd) == 4, "length %ld", _filelength(fd));
    ok(_chsize(-1, 5) == -1, "_chsize bad fd");
    errno = 0;
    ok(_filelength(-1) == -1 && errno == EBADF, "_filelength bad fd: errno %d", errno);
    ok(_eof(-1) == -1, "_eof bad fd");
    _close(fd);
}

static void test_append(void)
{
    char buf[32];
    write_raw("ap.txt", "abc", 3);
    int fd = _open(path("ap.txt"), _O_WRONLY | _O_APPEND | _O_BINARY);
    ok(fd >= 0, "open append");
    _lseek(fd, 0, SEEK_SET);
    ok(_write(fd, "de", 2) == 2, "append write");
    _close(fd);
    int n = read_raw("ap.txt", buf, sizeof(buf));
    ok(n == 5 && !memcmp(buf, "abcde", 5), "appended: %d [%.*s]", n, n > 0 ? n : 0, buf);
}

static void test_dup(void)
{
    int fd = _open(path("d.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    int fd2 = _dup(fd);
    char buf[16];
    ok(fd2 >= 0 && fd2 != fd, "_dup %d", fd2);
    ok(_write(fd, "abc", 3) == 3, "write fd");
    ok(_tell(fd2) == 3, "duplicates share the position: %ld", _tell(fd2));
    ok(_write(fd2, "de", 2) == 2, "write dup");
    ok(_close(fd) == 0, "close original");
    ok(_lseek(fd2, 0, SEEK_SET) == 0, "dup still open");
    ok(_read(fd2, buf, 5) == 5 && !memcmp(buf, "abcde", 5), "contents");

    /* _dup2 onto an open descriptor closes it first */
    int other = _open(path("d2.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(_write(other, "zz", 2) == 2, "write other");
    ok(_dup2(fd2, other) == 0, "_dup2");
    ok(_lseek(other, 0, SEEK_END) == 5, "other now refers to d.txt: %ld", _lseek(other, 0, SEEK_END));
    ok(_close(other) == 0, "close dup2 target");
    /* _dup2 onto a closed descriptor opens it */
    ok(_dup2(fd2, 200) == 0, "_dup2 to 200");
    ok(_filelength(200) == 5, "fd 200 works");
    ok(_close(200) == 0, "close 200");
    errno = 0;
    ok(_dup(-1) == -1 && errno == EBADF, "_dup bad fd: errno %d", errno);
    errno = 0;
    ok(_dup2(-1, 7) == -1 && errno == EBADF, "_dup2 bad fd: errno %d", errno);
    /* a text-mode descriptor's duplicate is text too */
    _setmode(fd2, _O_TEXT);
    int fd3 = _dup(fd2);
    ok(_setmode(fd3, _O_BINARY) == _O_TEXT, "dup keeps text mode");
    _close(fd3);
    _close(fd2);
}

static void test_osfhandle(void)
{
    int fd = _open(path("h.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    DWORD n = 0;
    ok(h != INVALID_HANDLE_VALUE, "_get_osfhandle");
    ok(WriteFile(h, "xyz", 3, &n, NULL) && n == 3, "WriteFile on the handle");
    ok(_tell(fd) == 3, "the fd sees the handle's position");
    errno = 0;
    ok(_get_osfhandle(-1) == -1 && errno == EBADF, "_get_osfhandle(-1): errno %d", errno);
    _close(fd);
}

static void test_umask_locking(void)
{
    /* _umask removes permissions from files _open creates */
    int old = _umask(_S_IWRITE);
    int fd = _open(path("um.txt"), _O_WRONLY | _O_CREAT | _O_TRUNC, _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "create under umask");
    _close(fd);
    ok(GetFileAttributesA(path("um.txt")) & FILE_ATTRIBUTE_READONLY, "umask made the file read-only");
    ok(_umask(old) == _S_IWRITE, "_umask returns the old mask");
    SetFileAttributesA(path("um.txt"), FILE_ATTRIBUTE_NORMAL);

    /* _locking locks from the current position */
    fd = _open(path("lk.txt"), _O_RDWR | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(_write(fd, "0123456789", 10) == 10, "write");
    _lseek(fd, 2, SEEK_SET);
    ok(_locking(fd, _LK_NBLCK, 4) == 0, "lock bytes 2-5");
    ok(_tell(fd) == 2, "position unchanged by _locking: %ld", _tell(fd));
    int fd2 = _open(path("lk.txt"), _O_RDWR | _O_BINARY);
    _lseek(fd2, 3, SEEK_SET);
    ok(_locking(fd2, _LK_NBLCK, 1) == -1, "overlapping lock");
    _lseek(fd2, 6, SEEK_SET);
    ok(_locking(fd2, _LK_NBLCK, 2) == 0, "lock bytes 6-7");
    ok(_locking(fd2, _LK_UNLCK, 2) == 0, "unlock 6-7");
    ok(_locking(fd, _LK_UNLCK, 4) == 0, "unlock 2-5");
    _lseek(fd2, 3, SEEK_SET);
    ok(_locking(fd2, _LK_NBLCK, 1) == 0, "lock after unlock");
    ok(_locking(fd2, _LK_UNLCK, 1) == 0, "unlock");
    errno = 0;
    ok(_locking(fd, 9, 1) == -1 && errno == EINVAL, "bad mode: errno %d", errno);
    ok(_locking(-1, _LK_NBLCK, 1) == -1, "bad fd");
    _close(fd2);
    _close(fd);
}

int main(void)
{
    char tmp[MAX_PATH];
    GetTempPathA(sizeof(tmp), tmp);
    snprintf(dir, sizeof(dir), "%scarafe-io-%lu", tmp, GetCurrentProcessId());
    ok(CreateDirectoryA(dir, NULL), "create %s: %lu", dir, GetLastError());

    test_open_close();
    test_text_mode();
    test_setmode();
    test_seek_length();
    test_append();
    test_dup();
    test_osfhandle();
    test_umask_locking();

    static const char *files[] = { "a.txt", "b.txt", "t.txt", "cr.txt", "split.txt", "z.txt", "bin.txt",
        "m.txt", "s.bin", "ap.txt", "d.txt", "d2.txt", "h.txt", "um.txt", "lk.txt" };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        ok(DeleteFileA(path(files[i])), "delete %s: %lu", files[i], GetLastError());
    ok(RemoveDirectoryA(dir), "remove %s: %lu", dir, GetLastError());
    return test_summary();
}
