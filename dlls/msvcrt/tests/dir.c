/* msvcrt file system functions: the _stat and _fstat families, _access,
 * _chmod, the _findfirst family, _mkdir/_rmdir/_chdir/_getcwd, drives,
 * _fullpath, _splitpath/_makepath and temporary names. */
#define __USE_MINGW_ANSI_STDIO 0
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <direct.h>
#include <time.h>
#include <sys/stat.h>
#include "test.h"
#include "crt.h"

static char dir[MAX_PATH];   /* the private directory, full path */
static int drive_index;      /* its drive, 0 = A: */

/* the Windows x64 layouts, declared here so each check is independent of
 * the headers' choices */
struct st64i32 { unsigned int dev; unsigned short ino, mode; short nlink, uid, gid; unsigned int rdev; int size; long long atime, mtime, ctime; };
struct st64 { unsigned int dev; unsigned short ino, mode; short nlink, uid, gid; unsigned int rdev; long long size; long long atime, mtime, ctime; };
struct fd32 { unsigned int attrib; int tc, ta, tw; unsigned int size; char name[MAX_PATH]; };
struct fd64i32 { unsigned int attrib; long long tc, ta, tw; unsigned int size; char name[MAX_PATH]; };
struct fd64 { unsigned int attrib; long long tc, ta, tw; long long size; char name[MAX_PATH]; };
struct wfd64i32 { unsigned int attrib; long long tc, ta, tw; unsigned int size; wchar_t name[MAX_PATH]; };

typedef int (__cdecl *stat_fn)(const char *, void *);
typedef int (__cdecl *wstat_fn)(const wchar_t *, void *);
typedef int (__cdecl *fstat_fn)(int, void *);
typedef intptr_t (__cdecl *findfirst_fn)(const char *, void *);
typedef int (__cdecl *findnext_fn)(intptr_t, void *);

static void make_file(const char *name, const char *data)
{
    int fd = _open(name, _O_WRONLY | _O_CREAT | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "create %s: errno %d", name, errno);
    ok(_write(fd, data, strlen(data)) == (int)strlen(data), "write %s", name);
    _close(fd);
}

static void test_stat(void)
{
    unsigned char raw[128];
    struct st64i32 *s = (void *)raw;
    struct st64 *s64 = (void *)raw;
    time_t now = time(NULL);
    int r;

    make_file("file.txt", "0123456789");
    make_file("prog.EXE", "MZ");

    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(stat_fn, _stat)("file.txt", raw);
    ok(r == 0, "_stat: %d errno %d", r, errno);
    ok(s->mode == (_S_IFREG | 0666), "file mode %#o", s->mode);
    ok(s->size == 10, "size %d", s->size);
    ok(s->nlink == 1, "nlink %d", s->nlink);
    ok(s->dev == (unsigned)drive_index && s->rdev == (unsigned)drive_index, "dev %u rdev %u, drive %d", s->dev, s->rdev, drive_index);
    ok(s->ino == 0 && s->uid == 0 && s->gid == 0, "ino %d uid %d gid %d", s->ino, s->uid, s->gid);
    ok(s->mtime >= now - 120 && s->mtime <= now + 120, "mtime %lld now %lld", s->mtime, (long long)now);
    ok(s->atime >= now - 120 && s->atime <= now + 120, "atime %lld", s->atime);
    ok(s->ctime >= now - 120 && s->ctime <= now + 120, "ctime %lld", s->ctime);
    ok(raw[48] == 0xcc, "_stat wrote past its 48 bytes");

    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(stat_fn, _stati64)("file.txt", raw);
    ok(r == 0 && s64->size == 10 && s64->mode == (_S_IFREG | 0666), "_stati64: %d size %lld", r, s64->size);
    ok(s64->mtime >= now - 120 && s64->mtime <= now + 120, "_stati64 mtime %lld", s64->mtime);
    ok(raw[56] == 0xcc, "_stati64 wrote past its 56 bytes");

    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(stat_fn, _stat64)("file.txt", raw);
    ok(r == 0 && s64->size == 10 && s64->nlink == 1, "_stat64: %d size %lld", r, s64->size);

    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(wstat_fn, _wstat64)(L"file.txt", raw);
    ok(r == 0 && s64->size == 10, "_wstat64: %d size %lld", r, s64->size);
    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(wstat_fn, _wstat)(L"file.txt", raw);
    ok(r == 0 && s->size == 10, "_wstat: %d size %d", r, s->size);

    /* what mingw's stat() and _stat64() reach */
    struct _stat64 ms;
    ok(_stat64("file.txt", &ms) == 0 && ms.st_size == 10, "mingw _stat64");

    /* executables by extension, in any case */
    r = CRTT(stat_fn, _stat)("prog.EXE", raw);
    ok(r == 0 && s->mode == (_S_IFREG | 0777), "exe mode %#o", s->mode);

    /* directories: size 0, executable */
    r = CRTT(stat_fn, _stat)("sub", raw);
    ok(r == 0 && s->mode == (_S_IFDIR | 0777), "dir: %d mode %#o", r, s->mode);
    ok(s->size == 0 && s->nlink == 1, "dir size %d nlink %d", s->size, s->nlink);
    r = CRTT(stat_fn, _stat)(dir, raw);
    ok(r == 0 && s->mode == (_S_IFDIR | 0777), "full path of dir: %d mode %#o", r, s->mode);

    /* read-only files lose the write bits */
    ok(_chmod("file.txt", _S_IREAD) == 0, "_chmod read-only");
    r = CRTT(stat_fn, _stat)("file.txt", raw);
    ok(r == 0 && s->mode == (_S_IFREG | 0444), "read-only mode %#o", s->mode);
    ok(GetFileAttributesA("file.txt") & FILE_ATTRIBUTE_READONLY, "attribute set");
    ok(_chmod("file.txt", _S_IREAD | _S_IWRITE) == 0, "_chmod writable");
    ok(!(GetFileAttributesA("file.txt") & FILE_ATTRIBUTE_READONLY), "attribute cleared");
    errno = 0;
    ok(_chmod("missing.txt", _S_IWRITE) == -1 && errno == ENOENT, "_chmod missing: errno %d", errno);

    /* failures: missing, wildcards, trailing slash on a directory, empty */
    errno = 0;
    r = CRTT(stat_fn, _stat)("missing.txt", raw);
    ok(r == -1 && errno == ENOENT, "missing: %d errno %d", r, errno);
    errno = 0;
    r = CRTT(stat_fn, _stat)("missing\\x.txt", raw);
    ok(r == -1 && errno == ENOENT, "missing dir: %d errno %d", r, errno);
    errno = 0;
    r = CRTT(stat_fn, _stat)("f*.txt", raw);
    ok(r == -1 && errno == ENOENT, "wildcard: %d errno %d", r, errno);
    errno = 0;
    r = CRTT(stat_fn, _stat)("sub\\", raw);
    ok(r == -1 && errno == ENOENT, "trailing backslash: %d errno %d", r, errno);
    errno = 0;
    r = CRTT(stat_fn, _stat)("", raw);
    ok(r == -1 && errno == ENOENT, "empty: %d errno %d", r, errno);
    /* but a root directory may end in one */
    char root[4] = { dir[0], ':', '\\', 0 };
    r = CRTT(stat_fn, _stat)(root, raw);
    ok(r == 0 && (s->mode & _S_IFDIR), "root %s: %d mode %#o", root, r, s->mode);
}

static void test_fstat(void)
{
    unsigned char raw[128];
    struct st64i32 *s = (void *)raw;
    struct st64 *s64 = (void *)raw;
    int fd = _open("file.txt", _O_RDONLY | _O_BINARY);
    int r;

    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(fstat_fn, _fstat)(fd, raw);
    ok(r == 0, "_fstat: %d", r);
    /* files get no execute bits and st_dev 0 from _fstat */
    ok(s->mode == (_S_IFREG | 0666), "fstat mode %#o", s->mode);
    ok(s->size == 10 && s->nlink == 1, "fstat size %d nlink %d", s->size, s->nlink);
    ok(s->dev == 0 && s->rdev == 0, "fstat dev %u rdev %u", s->dev, s->rdev);
    ok(raw[48] == 0xcc, "_fstat wrote past its 48 bytes");
    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(fstat_fn, _fstati64)(fd, raw);
    ok(r == 0 && s64->size == 10 && s64->mode == (_S_IFREG | 0666), "_fstati64 %d", r);
    memset(raw, 0xcc, sizeof(raw));
    r = CRTT(fstat_fn, _fstat64)(fd, raw);
    ok(r == 0 && s64->size == 10, "_fstat64 %d", r);
    time_t now = time(NULL);
    ok(s64->mtime >= now - 120 && s64->mtime <= now + 120, "fstat mtime %lld", s64->mtime);
    _close(fd);

    r = CRTT(fstat_fn, _fstat64)(fd, raw);
    ok(r == -1, "_fstat of a closed fd: %d", r);

    /* a pipe: _S_IFIFO, and the descriptor as st_dev */
    HANDLE rd, wr;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, FALSE };
    /* looked up, so that the test runs where kernel32 lacks it */
    BOOL (WINAPI *create_pipe)(HANDLE *, HANDLE *, SECURITY_ATTRIBUTES *, DWORD) =
        (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "CreatePipe");
    if (create_pipe && create_pipe(&rd, &wr, &sa, 0)) {
        int pfd = _open_osfhandle((intptr_t)rd, _O_RDONLY);
        memset(raw, 0xcc, sizeof(raw));
        r = CRTT(fstat_fn, _fstat64)(pfd, raw);
        ok(r == 0 && s64->mode == _S_IFIFO, "pipe: %d mode %#o", r, s64->mode);
        ok(s64->dev == (unsigned)pfd && s64->rdev == (unsigned)pfd, "pipe dev %u rdev %u fd %d", s64->dev, s64->rdev, pfd);
        _close(pfd);
        CloseHandle(wr);
    }
}

static void test_access(void)
{
    ok(_access("file.txt", 0) == 0, "exists");
    ok(_access("file.txt", 2) == 0, "writable");
    ok(_access("file.txt", 4) == 0, "readable");
    ok(_access("file.txt", 6) == 0, "read/write");
    ok(_access("sub", 0) == 0 && _access("sub", 6) == 0, "directory");
    errno = 0;
    ok(_access("missing.txt", 0) == -1 && errno == ENOENT, "missing: errno %d", errno);
    ok(_chmod("file.txt", _S_IREAD) == 0, "read-only");
    errno = 0;
    ok(_access("file.txt", 2) == -1 && errno == EACCES, "read-only not writable: errno %d", errno);
    ok(_access("file.txt", 4) == 0, "read-only readable");
    ok(_access("file.txt", 6) == -1, "read-only not read/write");
    ok(_waccess(L"file.txt", 2) == -1, "_waccess read-only");
    ok(_access_s("file.txt", 2) == EACCES, "_access_s returns EACCES");
    ok(_access_s("file.txt", 4) == 0, "_access_s returns 0");
    ok(_access_s("missing.txt", 0) == ENOENT, "_access_s returns ENOENT");
    ok(_chmod("file.txt", _S_IREAD | _S_IWRITE) == 0, "writable again");
    ok(_waccess(L"file.txt", 2) == 0, "_waccess writable");
}

static int find_all(const char *spec, int *saw_file, int *saw_sub, int *saw_dots)
{
    struct fd64i32 fd;
    int count = 0;
    intptr_t h = _findfirst64i32(spec, (void *)&fd);
    if (h == -1) return -1;
    do {
        count++;
        if (!strcmp(fd.name, "file.txt")) {
            *saw_file = 1;
            ok(fd.size == 10, "file size %u", fd.size);
            ok(!(fd.attrib & _A_SUBDIR), "file attrib %#x", fd.attrib);
            time_t now = time(NULL);
            ok(fd.tw >= now - 120 && fd.tw <= now + 120, "time_write %lld", fd.tw);
        } else if (!strcmp(fd.name, "sub")) {
            *saw_sub = 1;
            ok(fd.attrib & _A_SUBDIR, "sub attrib %#x", fd.attrib);
        } else if (!strcmp(fd.name, ".") || !strcmp(fd.name, "..")) (*saw_dots)++;
    } while (_findnext64i32(h, (void *)&fd) == 0);
    ok(errno == ENOENT, "end of search: errno %d", errno);
    ok(_findclose(h) == 0, "_findclose");
    return count;
}

static void test_find(void)
{
    unsigned char raw[700];
    int saw_file = 0, saw_sub = 0, saw_dots = 0;
    intptr_t h;

    int n = find_all("*", &saw_file, &saw_sub, &saw_dots);
    ok(n == 5, "found %d entries", n);
    ok(saw_file && saw_sub && saw_dots == 2, "file %d sub %d dots %d", saw_file, saw_sub, saw_dots);

    /* layouts: _findfirst is time64/size32 on x64, _findfirsti64 and
     * _findfirst64 time64/size64 */
    memset(raw, 0xcc, sizeof(raw));
    h = CRTT(findfirst_fn, _findfirst)("file.*", raw);
    struct fd64i32 *f = (void *)raw;
    ok(h != -1 && f->size == 10 && !strcmp(f->name, "file.txt"), "_findfirst: size %u name %.20s", f->size, f->name);
    ok(raw[sizeof(*f)] == 0xcc, "_findfirst wrote past %d bytes", (int)sizeof(*f));
    ok(CRTT(findnext_fn, _findnext)(h, raw) == -1, "only one match");
    _findclose(h);

    memset(raw, 0xcc, sizeof(raw));
    h = CRTT(findfirst_fn, _findfirsti64)("file.*", raw);
    struct fd64 *f64 = (void *)raw;
    ok(h != -1 && f64->size == 10 && !strcmp(f64->name, "file.txt"), "_findfirsti64: size %lld", f64->size);
    ok(raw[sizeof(*f64)] == 0xcc, "_findfirsti64 wrote past %d bytes", (int)sizeof(*f64));
    _findclose(h);

    memset(raw, 0xcc, sizeof(raw));
    h = CRTT(findfirst_fn, _findfirst64)("FILE.TXT", raw);
    ok(h != -1 && f64->size == 10 && !strcmp(f64->name, "file.txt"), "_findfirst64 ignores case: %.20s", f64->name);
    _findclose(h);

    memset(raw, 0xcc, sizeof(raw));
    h = CRTT(intptr_t (__cdecl *)(const wchar_t *, void *), _wfindfirst)(L"fil?.txt", raw);
    struct wfd64i32 *wf = (void *)raw;
    ok(h != -1 && wf->size == 10 && !wcscmp(wf->name, L"file.txt"), "_wfindfirst");
    _findclose(h);

    HMODULE crt = GetModuleHandleA("msvcrt.dll");
    findfirst_fn ff32 = (findfirst_fn)GetProcAddress(crt, "_findfirst32");
    if (ff32) {   /* not in every msvcrt.dll */
        memset(raw, 0xcc, sizeof(raw));
        h = ff32("file.txt", raw);
        struct fd32 *f32 = (void *)raw;
        ok(h != -1 && f32->size == 10 && !strcmp(f32->name, "file.txt"), "_findfirst32");
        ok(raw[sizeof(*f32)] == 0xcc, "_findfirst32 wrote past %d bytes", (int)sizeof(*f32));
        _findclose(h);
    }

    errno = 0;
    h = _findfirst64i32("nothing*", (void *)raw);
    ok(h == -1 && errno == ENOENT, "no match: errno %d", errno);
    errno = 0;
    h = _findfirst64i32("nodir\\*", (void *)raw);
    ok(h == -1 && errno == ENOENT, "no directory: errno %d", errno);
}

static void test_dirs(void)
{
    char buf[MAX_PATH], *p;

    errno = 0;
    ok(_mkdir("sub") == -1 && errno == EEXIST, "_mkdir existing: errno %d", errno);
    errno = 0;
    ok(_mkdir("no\\such") == -1 && errno == ENOENT, "_mkdir in missing dir: errno %d", errno);
    ok(_mkdir("sub\\deeper") == 0, "_mkdir nested");
    errno = 0;
    ok(_rmdir("sub") == -1 && errno == ENOTEMPTY, "_rmdir non-empty: errno %d", errno);
    errno = 0;
    ok(_rmdir("nosuch") == -1 && errno == ENOENT, "_rmdir missing: errno %d", errno);
    ok(_rmdir("file.txt") == -1, "_rmdir of a file");

    ok(_chdir("sub\\deeper") == 0, "_chdir");
    p = _getcwd(buf, sizeof(buf));
    ok(p == buf && !_strnicmp(buf, dir, strlen(dir)) && !_stricmp(buf + strlen(dir), "\\sub\\deeper"), "_getcwd %s", buf);
    ok(_chdir("..\\..") == 0, "_chdir ..");
    p = _getcwd(buf, sizeof(buf));
    ok(p && !_stricmp(buf, dir), "_getcwd %s, want %s", buf, dir);
    errno = 0;
    ok(_chdir("nosuch") == -1 && errno == ENOENT, "_chdir missing: errno %d", errno);
    ok(_rmdir("sub\\deeper") == 0, "_rmdir");
    ok(_access("sub\\deeper", 0) == -1, "gone");

    /* _getcwd: a small buffer is ERANGE; NULL allocates */
    errno = 0;
    ok(_getcwd(buf, 3) == NULL && errno == ERANGE, "_getcwd small: errno %d", errno);
    p = _getcwd(NULL, 0);
    ok(p && !_stricmp(p, dir), "_getcwd(NULL) %s", p);
    free(p);
    wchar_t wbuf[MAX_PATH];
    ok(_wgetcwd(wbuf, MAX_PATH) == wbuf && wbuf[1] == L':', "_wgetcwd");

    /* drives */
    ok(_getdrive() == drive_index + 1, "_getdrive %d", _getdrive());
    p = _getdcwd(0, buf, sizeof(buf));
    ok(p && !_stricmp(p, dir), "_getdcwd(0) %s", p);
    p = _getdcwd(drive_index + 1, buf, sizeof(buf));
    ok(p && !_stricmp(p, dir), "_getdcwd(current) %s", p);
    ok(_chdrive(drive_index + 1) == 0, "_chdrive to the current drive");
    p = _getcwd(buf, sizeof(buf));
    ok(p && !_stricmp(p, dir), "still in %s", p);

    /* _fullpath */
    p = _fullpath(buf, "a\\..\\b/c.txt", sizeof(buf));
    char want[MAX_PATH];
    snprintf(want, sizeof(want), "%s\\b\\c.txt", dir);
    ok(p == buf && !_stricmp(buf, want), "_fullpath %s, want %s", buf, want);
    p = _fullpath(buf, "\\x", sizeof(buf));
    ok(p && buf[0] == dir[0] && !strcmp(buf + 1, ":\\x"), "_fullpath rooted %s", buf);
    errno = 0;
    ok(_fullpath(buf, "abc", 3) == NULL && errno == ERANGE, "_fullpath small: errno %d", errno);
    p = _fullpath(NULL, "x.txt", 0);
    snprintf(want, sizeof(want), "%s\\x.txt", dir);
    ok(p && !_stricmp(p, want), "_fullpath(NULL) %s", p);
    free(p);
    p = _fullpath(NULL, NULL, 0);
    ok(p && !_stricmp(p, dir), "_fullpath of NULL is the current directory: %s", p);
    free(p);
    wchar_t *wp = _wfullpath(wbuf, L"q.txt", MAX_PATH);
    ok(wp == wbuf && !wcscmp(wbuf + wcslen(wbuf) - 6, L"\\q.txt"), "_wfullpath");
}

static void test_splitpath(void)
{
    char drv[MAX_PATH], d[MAX_PATH], f[MAX_PATH], e[MAX_PATH], buf[MAX_PATH];
    static const struct { const char *path, *drive, *dir, *fname, *ext; } tests[] = {
        { "c:\\dir.x\\sub\\file.name.ext", "c:", "\\dir.x\\sub\\", "file.name", ".ext" },
        { "file", "", "", "file", "" },
        { "/a/b.", "", "/a/", "b", "." },
        { "\\\\srv\\share\\f", "", "\\\\srv\\share\\", "f", "" },
        { "x:", "x:", "", "", "" },
        { ".profile", "", "", "", ".profile" },
        { "d:rel\\x.y", "d:", "rel\\", "x", ".y" },
    };
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        _splitpath(tests[i].path, drv, d, f, e);
        ok(!strcmp(drv, tests[i].drive) && !strcmp(d, tests[i].dir) && !strcmp(f, tests[i].fname) && !strcmp(e, tests[i].ext),
           "_splitpath(%s): [%s][%s][%s][%s]", tests[i].path, drv, d, f, e);
    }
    _splitpath("c:\\x\\y.z", NULL, d, NULL, e);
    ok(!strcmp(d, "\\x\\") && !strcmp(e, ".z"), "_splitpath with NULL parts");

    wchar_t wd[MAX_PATH], wf[MAX_PATH], we[MAX_PATH], wdrv[MAX_PATH], wbuf[MAX_PATH];
    _wsplitpath(L"e:\\p\\q\\name.txt", wdrv, wd, wf, we);
    ok(!wcscmp(wdrv, L"e:") && !wcscmp(wd, L"\\p\\q\\") && !wcscmp(wf, L"name") && !wcscmp(we, L".txt"), "_wsplitpath");

    _makepath(buf, "c", "\\dir", "file", "ext");
    ok(!strcmp(buf, "c:\\dir\\file.ext"), "_makepath %s", buf);
    _makepath(buf, "c:", "dir\\", "file", ".ext");
    ok(!strcmp(buf, "c:dir\\file.ext"), "_makepath %s", buf);
    _makepath(buf, NULL, "dir/", NULL, NULL);
    ok(!strcmp(buf, "dir/"), "_makepath %s", buf);
    _makepath(buf, "", "", "f", "");
    ok(!strcmp(buf, "f"), "_makepath %s", buf);
    _wmakepath(wbuf, L"c", L"\\dir", L"file", L"ext");
    ok(!wcscmp(wbuf, L"c:\\dir\\file.ext"), "_wmakepath");
}

static void test_tempnames(void)
{
    char buf[MAX_PATH], *p;

    strcpy(buf, "fnXXXXXX");
    p = _mktemp(buf);
    char want[16];
    snprintf(want, sizeof(want), "fna%05lu", GetCurrentProcessId() % 100000);
    ok(p == buf && !strcmp(buf, want), "_mktemp %s, want %s", buf, want);
    /* the letter moves on while the name exists */
    make_file(want, "x");
    strcpy(buf, "fnXXXXXX");
    p = _mktemp(buf);
    want[2] = 'b';
    ok(p == buf && !strcmp(buf, want), "_mktemp second %s, want %s", buf, want);
    want[2] = 'a';
    ok(_unlink(want) == 0, "remove %s", want);
    strcpy(buf, "fnXXXXX");
    ok(_mktemp(buf) == NULL, "_mktemp with five X's");
    strcpy(buf, "fnXXXXXXy");
    ok(_mktemp(buf) == NULL, "_mktemp with X's not at the end");
    wchar_t wbuf[16] = L"wXXXXXX";
    /* Windows puts the letter 'a' first, as _mktemp does; Wine 8 a digit */
    ok(_wmktemp(wbuf) == wbuf && !wcschr(wbuf, L'X') && wcslen(wbuf) == 7, "_wmktemp %ls", wbuf);

    /* _tempnam: a new name with the prefix, in a directory that exists */
    char *t1 = _tempnam(dir, "pre"), *t2 = _tempnam(dir, "pre");
    ok(t1 && t2 && strcmp(t1, t2), "_tempnam names differ: %s %s", t1, t2);
    if (t1) {
        char *base = strrchr(t1, '\\');
        ok(base && !strncmp(base + 1, "pre", 3), "_tempnam prefix: %s", t1);
        ok(_access(t1, 0) == -1 || (_unlink(t1), 1), "_tempnam");
        *base = 0;
        DWORD attrs = GetFileAttributesA(t1);
        ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "_tempnam directory %s", t1);
    }
    if (t2 && _access(t2, 0) == 0) _unlink(t2);
    free(t1);
    free(t2);

    /* tmpnam: names rooted at '\' that differ */
    char n1[L_tmpnam], n2[L_tmpnam];
    ok(tmpnam(n1) == n1 && n1[0] == '\\', "tmpnam %s", n1);
    ok(tmpnam(n2) == n2 && strcmp(n1, n2), "tmpnam %s", n2);
    p = tmpnam(NULL);
    ok(p && p[0] == '\\' && strcmp(p, n1) && strcmp(p, n2), "tmpnam(NULL) %s", p);

    int old = _umask(_S_IWRITE);
    ok(_umask(old) == _S_IWRITE, "_umask returns the old mask");
}

int main(void)
{
    char tmp[MAX_PATH], start[MAX_PATH];
    GetCurrentDirectoryA(sizeof(start), start);
    GetTempPathA(sizeof(tmp), tmp);
    snprintf(dir, sizeof(dir), "%scarafe-dir-%lu", tmp, GetCurrentProcessId());
    GetFullPathNameA(dir, sizeof(tmp), tmp, NULL);
    strcpy(dir, tmp);
    drive_index = (dir[0] | 0x20) - 'a';
    ok(_mkdir(dir) == 0, "_mkdir %s: errno %d", dir, errno);
    ok(_chdir(dir) == 0, "_chdir %s: errno %d", dir, errno);
    ok(_mkdir("sub") == 0, "_mkdir sub: errno %d", errno);

    test_stat();
    test_fstat();
    test_access();
    test_find();
    test_dirs();
    test_splitpath();
    test_tempnames();

    ok(_unlink("file.txt") == 0, "remove file.txt");
    ok(_unlink("prog.EXE") == 0, "remove prog.EXE");
    ok(_rmdir("sub") == 0, "remove sub");
    ok(_chdir(start) == 0, "back to %s", start);
    ok(_rmdir(dir) == 0, "remove %s: errno %d", dir, errno);
    return test_summary();
}
