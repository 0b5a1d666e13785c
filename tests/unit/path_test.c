/* Unit tests of the Windows <-> Unix path mapping (dlls/ntdll/path.c),
 * linked against the built ntdll:
 *   gcc -std=gnu11 -D_GNU_SOURCE -Iinclude -Itests/unit tests/unit/path_test.c \
 *       dlls/ntdll.dll.so -Wl,-rpath,$PWD/dlls
 * The functions set the last error through the TEB at gs:0x30, so a fake
 * TEB is installed.  The prefix is a fresh temporary directory. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* nftw */
#endif
#include <asm/prctl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "carafe/ntdll.h"
#include "unit.h"

static TEB teb;
static char prefix[PATH_MAX];   /* realpath of $CARAFE_PREFIX */
static char drive_c[PATH_MAX + 16];

#define SET_ERR() (teb.LastErrorValue = 0xdeadbeef)

/* dos_to_unix(DOS) must give EXPECT (a Unix path; "C:" at its start stands for drive_c) */
static void check_d2u(int line, const WCHAR *dos, const char *expect)
{
    char want[PATH_MAX * 2];
    if (!strncmp(expect, "C:", 2)) snprintf(want, sizeof(want), "%s%s", drive_c, expect + 2);
    else snprintf(want, sizeof(want), "%s", expect);
    char *shown = carafe_wide_to_utf8_alloc(dos);
    SET_ERR();
    char *got = carafe_dos_to_unix(dos);
    ok(got && !strcmp(got, want), "line %d: %s -> \"%s\", expected \"%s\"", line, shown, got ? got : "(null)", want);
    ok(got || teb.LastErrorValue != 0xdeadbeef, "line %d: failed without setting the last error", line);
    free(got);
    free(shown);
}
#define d2u(dos, expect) check_d2u(__LINE__, dos, expect)

static void check_d2u_fail(int line, const WCHAR *dos, DWORD err)
{
    char *shown = dos ? carafe_wide_to_utf8_alloc(dos) : strdup("(null)");
    SET_ERR();
    char *got = carafe_dos_to_unix(dos);
    ok(!got, "line %d: %s -> \"%s\", expected failure", line, shown, got);
    ok(teb.LastErrorValue == err, "line %d: %s: last error %u, expected %u", line, shown, teb.LastErrorValue, err);
    free(got);
    free(shown);
}
#define d2u_fail(dos, err) check_d2u_fail(__LINE__, dos, err)

/* unix_to_dos(UNIX) must give EXPECT; "C:" in UNIX stands for drive_c */
static void check_u2d(int line, const char *unix_path, const char *expect)
{
    char path[PATH_MAX * 2];
    if (!strncmp(unix_path, "C:", 2)) snprintf(path, sizeof(path), "%s%s", drive_c, unix_path + 2);
    else snprintf(path, sizeof(path), "%s", unix_path);
    WCHAR *got = carafe_unix_to_dos(path);
    char *got8 = got ? carafe_wide_to_utf8_alloc(got) : NULL;
    ok(got8 && !strcmp(got8, expect), "line %d: %s -> \"%s\", expected \"%s\"", line, path, got8 ? got8 : "(null)", expect);
    free(got8);
    free(got);
}
#define u2d(unix_path, expect) check_u2d(__LINE__, unix_path, expect)

static void make_dir(const char *rel)
{
    char path[PATH_MAX * 2];
    snprintf(path, sizeof(path), "%s/%s", drive_c, rel);
    if (mkdir(path, 0777)) perror(path);
}

static void make_file(const char *rel)
{
    char path[PATH_MAX * 2];
    snprintf(path, sizeof(path), "%s/%s", drive_c, rel);
    FILE *f = fopen(path, "w");
    if (f) fclose(f);
    else perror(path);
}

static void test_prefix(void)
{
    struct stat st;
    char path[PATH_MAX * 2];
    const char *p = carafe_prefix();
    ok(p && !strcmp(p, prefix), "prefix \"%s\", expected \"%s\"", p ? p : "(null)", prefix);
    snprintf(path, sizeof(path), "%s/dosdevices/c:", prefix);
    ok(!lstat(path, &st) && S_ISLNK(st.st_mode), "%s is not a symlink", path);
    snprintf(path, sizeof(path), "%s/dosdevices/z:", prefix);
    ok(!lstat(path, &st) && S_ISLNK(st.st_mode), "%s is not a symlink", path);
    ok(!stat(drive_c, &st) && S_ISDIR(st.st_mode), "%s is not a directory", drive_c);
    snprintf(path, sizeof(path), "%s/windows/system32", drive_c);
    ok(!stat(path, &st) && S_ISDIR(st.st_mode), "%s is not a directory", path);
}

static void test_drives(void)
{
    d2u(u"C:\\foo\\bar", "C:/foo/bar");
    d2u(u"c:\\foo\\bar", "C:/foo/bar");
    d2u(u"C:/foo/bar", "C:/foo/bar");
    d2u(u"C:\\", "C:/");   /* the drive's root directory, like Z:\ -> / */
    d2u(u"C:\\foo\\\\\\bar", "C:/foo/bar");   /* repeated separators collapse */
    d2u(u"Z:\\tmp", "/tmp");
    d2u(u"z:/tmp", "/tmp");
    d2u(u"Z:\\", "/");
    d2u(u"Z:\\tmp\\", "/tmp/");   /* a trailing separator is kept */
    d2u(u"Z:\\tmp\\caf\u00e9", "/tmp/caf\xc3\xa9");
    d2u_fail(u"Q:\\x", ERROR_PATH_NOT_FOUND);   /* no such drive in dosdevices */
    d2u_fail(NULL, ERROR_INVALID_PARAMETER);
}

static void test_case(void)
{
    /* the prefix's own directories, named in another case */
    d2u(u"c:/Windows/System32", "C:/windows/system32");
    d2u(u"C:\\WINDOWS\\SYSTEM32\\", "C:/windows/system32/");
    make_dir("MixedCase");
    make_file("MixedCase/File.TXT");
    d2u(u"C:\\mixedcase\\file.txt", "C:/MixedCase/File.TXT");
    d2u(u"C:\\MIXEDCASE\\FILE.TXT", "C:/MixedCase/File.TXT");
    d2u(u"C:\\MixedCase\\File.TXT", "C:/MixedCase/File.TXT");
    /* existing components are fixed, the missing rest is kept as given */
    d2u(u"C:\\mixedcase\\New\\Thing.txt", "C:/MixedCase/New/Thing.txt");
    d2u(u"C:\\nosuchdir\\file.txt", "C:/nosuchdir/file.txt");
}

static void test_prefixes(void)
{
    d2u(u"\\\\?\\Z:\\tmp\\x", "/tmp/x");
    d2u(u"\\??\\Z:\\tmp\\x", "/tmp/x");
    d2u(u"\\\\?\\C:\\foo", "C:/foo");
    d2u(u"\\\\.\\nul", "/dev/null");
    d2u_fail(u"\\\\.\\nosuchdevice", ERROR_FILE_NOT_FOUND);
    d2u_fail(u"\\\\server\\share", ERROR_BAD_NETPATH);
    d2u_fail(u"\\\\server\\share\\dir\\file.txt", ERROR_BAD_NETPATH);
    d2u_fail(u"//server/share", ERROR_BAD_NETPATH);
    d2u_fail(u"\\\\?\\UNC\\server\\share\\x", ERROR_BAD_NETPATH);
    d2u_fail(u"\\\\?\\unc\\server\\share", ERROR_BAD_NETPATH);
    d2u(u"\\\\?\\Z:\\tmp\\uncle", "/tmp/uncle");
}

static void test_dots(void)
{
    d2u(u"Z:\\a\\..\\b\\.\\c", "/b/c");
    d2u(u"Z:\\a\\b\\..\\..\\..\\..\\c", "/c");        /* .. stops at the root */
    d2u(u"C:\\foo\\..\\..\\..\\etc\\passwd", "C:/etc/passwd");   /* ... and at the drive root */
    d2u(u"C:\\foo\\..", "C:/");
    d2u(u"Z:\\tmp\\foo.", "/tmp/foo");      /* trailing dots and spaces go */
    d2u(u"Z:\\tmp\\foo...", "/tmp/foo");
    d2u(u"Z:\\tmp\\foo . .", "/tmp/foo");
    d2u(u"Z:\\tmp\\foo \\bar", "/tmp/foo/bar");
    d2u(u"Z:\\tmp\\.hidden", "/tmp/.hidden"); /* leading dots stay */
    d2u(u"Z:\\tmp\\a.b.c", "/tmp/a.b.c");
}

static void test_devices(void)
{
    d2u(u"nul", "/dev/null");
    d2u(u"NUL", "/dev/null");
    d2u(u"C:\\x\\NUL.txt", "/dev/null");
    d2u(u"C:\\x\\nul", "/dev/null");
    d2u(u"C:\\x\\nullify.txt", "C:/x/nullify.txt");   /* only the exact base name */
    d2u(u"C:\\nul\\x", "C:/nul/x");                   /* only the last component */
    d2u(u"con", "/dev/tty");
}

static void test_relative(void)
{
    /* in a fresh directory, so that no case-insensitive match is found */
    char dir[PATH_MAX * 2], cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd))) cwd[0] = 0;
    snprintf(dir, sizeof(dir), "%s/rel", drive_c);
    mkdir(dir, 0777);
    ok(!chdir(dir), "chdir %s", dir);
    d2u(u"foo\\bar", "foo/bar");
    d2u(u"foo/bar", "foo/bar");
    d2u(u"foo\\\\bar\\", "foo/bar/");
    make_dir("rel/Sub");
    d2u(u"sub\\file", "Sub/file");
    /* "\\x" is the root of the current drive: C: while inside drive_c */
    d2u(u"\\windows", "C:/windows");
    if (*cwd && chdir(cwd)) perror(cwd);
}

static void test_unix_to_dos(void)
{
    u2d("/tmp", "Z:\\tmp");
    u2d("/", "Z:\\");
    u2d("/tmp/", "Z:\\tmp");
    u2d("//tmp///x", "Z:\\tmp\\x");
    u2d("/a/../b", "Z:\\b");
    u2d("/a/./b/.", "Z:\\a\\b");
    u2d("/..", "Z:\\");
    u2d("C:/users", "C:\\users");
    u2d("C:", "C:\\");
    u2d("C:/", "C:\\");
    u2d("C:/windows/system32/kernel32.dll", "C:\\windows\\system32\\kernel32.dll");
    u2d("/tmp/caf\xc3\xa9", "Z:\\tmp\\caf\xc3\xa9");
    /* a sibling of drive_c that only shares its name's beginning */
    char sibling[PATH_MAX * 2], expect[PATH_MAX * 2 + 4];
    snprintf(sibling, sizeof(sibling), "%sx/y", drive_c);
    snprintf(expect, sizeof(expect), "Z:%sx/y", drive_c);
    for (char *c = expect; *c; c++) if (*c == '/') *c = '\\';
    u2d(sibling, expect);
    /* relative paths are taken from the current directory */
    char dir[PATH_MAX * 2], cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd))) cwd[0] = 0;
    snprintf(dir, sizeof(dir), "%s/users", drive_c);
    ok(!chdir(dir), "chdir %s", dir);
    u2d("foo/bar", "C:\\users\\foo\\bar");
    u2d("..", "C:\\");
    snprintf(expect, sizeof(expect), "Z:%s", prefix);   /* leaving drive_c leaves C: */
    for (char *c = expect; *c; c++) if (*c == '/') *c = '\\';
    u2d("../..", expect);
    if (*cwd && chdir(cwd)) perror(cwd);
}

/* round trips: dos -> unix -> dos */
static void test_round_trip(void)
{
    static const WCHAR *const paths[] = { u"C:\\users", u"C:\\windows\\system32", u"Z:\\tmp", u"Z:\\" };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        char *u = carafe_dos_to_unix(paths[i]);
        WCHAR *d = u ? carafe_unix_to_dos(u) : NULL;
        char *want = carafe_wide_to_utf8_alloc(paths[i]), *got = d ? carafe_wide_to_utf8_alloc(d) : NULL;
        ok(got && !strcmp(got, want), "round trip of %s gave %s (via %s)", want, got ? got : "(null)", u ? u : "(null)");
        free(u);
        free(d);
        free(want);
        free(got);
    }
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    if (remove(path)) perror(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    teb.Tib.Self = &teb.Tib;
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, &teb)) {
        perror("arch_prctl");
        return 1;
    }
    const char *tmp = getenv("TMPDIR");
    char templ[PATH_MAX];
    snprintf(templ, sizeof(templ), "%s/carafe-path-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(templ)) {
        perror(templ);
        return 1;
    }
    setenv("CARAFE_PREFIX", templ, 1);
    if (!realpath(templ, prefix)) {
        perror(templ);
        return 1;
    }
    snprintf(drive_c, sizeof(drive_c), "%s/drive_c", prefix);

    test_prefix();
    test_drives();
    test_case();
    test_prefixes();
    test_dots();
    test_devices();
    test_relative();
    test_unix_to_dos();
    test_round_trip();

    remove_tree(prefix);
    return unit_summary();
}
