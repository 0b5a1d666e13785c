/* What msvcrt's source files share: Windows errno values, the Windows FILE,
 * the calling convention of its exports.  Every export is a CDECL (ms_abi)
 * function named MSVCRT_<export name>, listed in msvcrt.spec. */
#ifndef CARAFE_MSVCRT_PRIVATE_H
#define CARAFE_MSVCRT_PRIVATE_H

#include <stdint.h>
#include <stddef.h>
#include "windef.h"
#include <stdlib.h>
#include "carafe/ntdll.h"
#include "carafe/msvcrt.h"

/* errno values as msvcrt defines them (they differ from Linux above 34) */
#define MSVCRT_EPERM   1
#define MSVCRT_ENOENT  2
#define MSVCRT_ESRCH   3
#define MSVCRT_EINTR   4
#define MSVCRT_EIO     5
#define MSVCRT_ENXIO   6
#define MSVCRT_E2BIG   7
#define MSVCRT_ENOEXEC 8
#define MSVCRT_EBADF   9
#define MSVCRT_ECHILD  10
#define MSVCRT_EAGAIN  11
#define MSVCRT_ENOMEM  12
#define MSVCRT_EACCES  13
#define MSVCRT_EFAULT  14
#define MSVCRT_EBUSY   16
#define MSVCRT_EEXIST  17
#define MSVCRT_EXDEV   18
#define MSVCRT_ENODEV  19
#define MSVCRT_ENOTDIR 20
#define MSVCRT_EISDIR  21
#define MSVCRT_EINVAL  22
#define MSVCRT_ENFILE  23
#define MSVCRT_EMFILE  24
#define MSVCRT_ENOTTY  25
#define MSVCRT_EFBIG   27
#define MSVCRT_ENOSPC  28
#define MSVCRT_ESPIPE  29
#define MSVCRT_EROFS   30
#define MSVCRT_EMLINK  31
#define MSVCRT_EPIPE   32
#define MSVCRT_EDOM    33
#define MSVCRT_ERANGE  34
#define MSVCRT_EDEADLK 36
#define MSVCRT_ENAMETOOLONG 38
#define MSVCRT_ENOLCK  39
#define MSVCRT_ENOSYS  40
#define MSVCRT_ENOTEMPTY 41
#define MSVCRT_EILSEQ  42
#define MSVCRT_STRUNCATE 80

/* Per-thread CRT state, reached through the TEB (never __thread: see
 * carafe_dll_data in winternl.h). */
struct msvcrt_thread_data {
    int err;                      /* errno */
    unsigned long doserr;         /* _doserrno */
    char *strtok_next;
    WCHAR *wcstok_next;
    uint32_t rand_seed;
    int fpecode;
    void *xcptinfo;
    int tm[9];                    /* struct tm of gmtime/localtime */
    char strerror_buf[96];
    char _strerror_buf[256];
    WCHAR wcserror_buf[96];
    WCHAR __wcserror_buf[256];
    char asctime_buf[32];
    WCHAR wasctime_buf[32];
    char cvt_buf[352];            /* _ecvt, _fcvt */
    char tmpnam_buf[MAX_PATH];    /* tmpnam(NULL) */
    WCHAR wtmpnam_buf[MAX_PATH];  /* _wtmpnam(NULL) */
    HANDLE thread_handle;         /* _beginthread's, closed by _endthread */
    void *cxx_catches;            /* the running C++ catch blocks (cxx_except.c) */
};
struct msvcrt_thread_data *msvcrt_thread_data_alloc(void);
__attribute__((noreturn)) void CDECL MSVCRT__endthread(void);
__attribute__((noreturn)) void CDECL MSVCRT__endthreadex(unsigned int code);
static inline struct msvcrt_thread_data *msvcrt_td(void)
{
    struct msvcrt_thread_data *td = NtCurrentTeb()->carafe_dll_data[CARAFE_TLS_MSVCRT];
    return __builtin_expect(td != NULL, 1) ? td : msvcrt_thread_data_alloc();
}
#define msvcrt_errno (msvcrt_td()->err)
#define msvcrt_doserrno (msvcrt_td()->doserr)
static inline void msvcrt_set_errno(int e) { msvcrt_errno = e; }
/* Linux errno -> msvcrt errno */
int msvcrt_errno_from_linux(int err);
/* Win32 error (GetLastError) -> errno and _doserrno, as the CRT's file functions do */
void msvcrt_set_errno_from_win32(DWORD err);

/* The Windows FILE: programs index __iob_func() with this 48-byte stride. */
typedef struct msvcrt_file {
    char *_ptr;
    int _cnt;
    char *_base;
    int _flag;
    int _file;
    int _charbuf;
    int _bufsiz;
    char *_tmpfname;
} MSVCRT_FILE;
_Static_assert(sizeof(MSVCRT_FILE) == 48, "FILE is 48 bytes on Windows x64");

#define MSVCRT_EOF (-1)
#define MSVCRT_WEOF ((unsigned short)0xffff)

typedef unsigned short MSVCRT_wchar_t;   /* == WCHAR */
typedef int64_t MSVCRT_time64_t;
typedef int64_t MSVCRT___time64_t;

/* stdio internals other files use (stdio.c).  The _locked functions expect
 * the caller to hold the FILE's lock (msvcrt_lock_file). */
extern MSVCRT_FILE msvcrt_iob[];       /* _iob: [0] stdin, [1] stdout, [2] stderr */
void msvcrt_lock_file(MSVCRT_FILE *f);
void msvcrt_unlock_file(MSVCRT_FILE *f);
int msvcrt_fwrite_locked(const void *buf, size_t len, MSVCRT_FILE *f);  /* bytes written or -1 */
int msvcrt_fputwc_locked(WCHAR c, MSVCRT_FILE *f);  /* as fputwc: c or WEOF */
int msvcrt_fgetc_locked(MSVCRT_FILE *f);            /* as fgetc: byte or EOF */
int msvcrt_ungetc_locked(int c, MSVCRT_FILE *f);
unsigned int msvcrt_fgetwc_locked(MSVCRT_FILE *f);  /* as fgetwc: WCHAR or WEOF */
unsigned int msvcrt_ungetwc_locked(unsigned int c, MSVCRT_FILE *f);

/* open flags and modes as msvcrt defines them */
#define MSVCRT__O_RDONLY    0x0000
#define MSVCRT__O_WRONLY    0x0001
#define MSVCRT__O_RDWR      0x0002
#define MSVCRT__O_APPEND    0x0008
#define MSVCRT__O_RANDOM    0x0010
#define MSVCRT__O_SEQUENTIAL 0x0020
#define MSVCRT__O_TEMPORARY 0x0040
#define MSVCRT__O_NOINHERIT 0x0080
#define MSVCRT__O_CREAT     0x0100
#define MSVCRT__O_TRUNC     0x0200
#define MSVCRT__O_EXCL      0x0400
#define MSVCRT__O_SHORT_LIVED 0x1000
#define MSVCRT__O_TEXT      0x4000
#define MSVCRT__O_BINARY    0x8000
#define MSVCRT__O_WTEXT     0x10000
#define MSVCRT__O_U16TEXT   0x20000
#define MSVCRT__O_U8TEXT    0x40000
#define MSVCRT__S_IREAD     0x0100
#define MSVCRT__S_IWRITE    0x0080

/* startup.c, environ.c, io.c, exit.c, signal.c */
extern int MSVCRT__fmode;
extern char **MSVCRT__environ;
extern WCHAR **MSVCRT__wenviron;
void msvcrt_init_startup(void);
void msvcrt_init_environ(void);
void msvcrt_init_wenviron(void);
void msvcrt_init_io(void);
void msvcrt_init_stdio(void);
void msvcrt_flush_all(void);
int msvcrt_raise_abort(void);
int msvcrt_wopen(const WCHAR *path, int flags, int mode);
int msvcrt_fd_is_text(int fd);
int msvcrt_fd_is_device(int fd);
WCHAR *msvcrt_strdup_AtoW(const char *s);   /* malloc'd, CP_ACP */
char *msvcrt_strdup_WtoA(const WCHAR *s);
void CDECL MSVCRT__exit(int code) __attribute__((noreturn));
int CDECL MSVCRT__write(int fd, const void *buf, unsigned int count);
int CDECL MSVCRT__read(int fd, void *buf, unsigned int count);
long long CDECL MSVCRT__lseeki64(int fd, long long offset, int whence);
int CDECL MSVCRT__close(int fd);
int CDECL MSVCRT__isatty(int fd);
int CDECL MSVCRT__open(const char *path, int flags, ...);
/* stat.c, dir.c */
long long msvcrt_filetime_to_unix(const FILETIME *ft);
int msvcrt_umask(void);

/* Calls into program code go through ms_abi pointers (DESIGN decision 1). */
typedef int (CDECL *msvcrt_compare_fn)(const void *, const void *);
typedef int (CDECL *msvcrt_compare_ctx_fn)(void *, const void *, const void *);
typedef void (CDECL *msvcrt_vfunc)(void);
typedef int (CDECL *msvcrt_ifunc)(void);

#endif
