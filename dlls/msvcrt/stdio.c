/* Buffered stdio on the Windows FILE layout (msvcrt_private.h).  Text-mode
 * translation happens below, in _read/_write.  Buffering follows the
 * Windows CRT: stdout and stderr on a console are flushed at the end of
 * every output call; otherwise streams get a 4 KiB buffer. */
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define _IOREAD   0x0001
#define _IOWRT    0x0002
#define _IONBF    0x0004
#define _IOMYBUF  0x0008
#define _IOEOF    0x0010
#define _IOERR    0x0020
#define _IOSTRG   0x0040
#define _IORW     0x0080
#define _IOLBF    0x0040
#define _IOFBF    0x0000
/* carafe's own: flush at the end of each call (console stdout/stderr) */
#define _IOTMPFLUSH 0x10000

#define BUFSIZE 4096
#define IOB_ENTRIES 20

MSVCRT_FILE msvcrt_iob[IOB_ENTRIES];
static CRITICAL_SECTION iob_locks[IOB_ENTRIES];

/* FILEs opened beyond the _iob array carry their lock with them */
struct file_ex {
    MSVCRT_FILE file;
    CRITICAL_SECTION lock;
    struct file_ex *next;
};
static struct file_ex *open_files;
static CRITICAL_SECTION files_lock = { NULL, -1, 0, 0, 0, 0 };

static CRITICAL_SECTION *file_lock(MSVCRT_FILE *f)
{
    if (f >= msvcrt_iob && f < msvcrt_iob + IOB_ENTRIES) return &iob_locks[f - msvcrt_iob];
    return &((struct file_ex *)f)->lock;
}

void msvcrt_lock_file(MSVCRT_FILE *f) { EnterCriticalSection(file_lock(f)); }

static int flush_locked(MSVCRT_FILE *f);

void msvcrt_unlock_file(MSVCRT_FILE *f)
{
    if ((f->_flag & _IOTMPFLUSH) && (f->_flag & _IOWRT)) flush_locked(f);
    LeaveCriticalSection(file_lock(f));
}

void msvcrt_init_stdio(void)
{
    for (int i = 0; i < IOB_ENTRIES; i++) {
        InitializeCriticalSection(&iob_locks[i]);
        msvcrt_iob[i]._file = -1;
    }
    for (int i = 0; i < 3; i++) {
        msvcrt_iob[i]._file = i;
        msvcrt_iob[i]._flag = i ? _IOWRT : _IOREAD;
        if (i && MSVCRT__isatty(i)) msvcrt_iob[i]._flag |= _IOTMPFLUSH;
    }
}

MSVCRT_FILE *CDECL MSVCRT___iob_func(void) { return msvcrt_iob; }

static int get_buffer(MSVCRT_FILE *f)
{
    if (f->_base || (f->_flag & _IONBF)) return 0;
    if (!(f->_base = malloc(BUFSIZE))) {
        f->_flag |= _IONBF;
        return 0;
    }
    f->_flag |= _IOMYBUF;
    f->_bufsiz = BUFSIZE;
    f->_ptr = f->_base;
    f->_cnt = 0;
    return 0;
}

static int flush_locked(MSVCRT_FILE *f)
{
    if ((f->_flag & (_IOWRT | _IOSTRG)) == _IOWRT && f->_base && f->_ptr > f->_base) {
        int n = f->_ptr - f->_base;
        int w = MSVCRT__write(f->_file, f->_base, n);
        f->_ptr = f->_base;
        f->_cnt = 0;
        if (w != n) {
            f->_flag |= _IOERR;
            return MSVCRT_EOF;
        }
    }
    if (f->_flag & _IORW) {
        /* a read/write stream can change direction after a flush */
        f->_flag &= ~(_IOWRT | _IOREAD);
        f->_ptr = f->_base;
        f->_cnt = 0;
    }
    return 0;
}

/* prepare a stream for writing; 0 or EOF */
static int begin_write(MSVCRT_FILE *f)
{
    if (f->_flag & _IOWRT) return 0;
    if (!(f->_flag & _IORW) || (f->_flag & _IOSTRG)) {
        f->_flag |= _IOERR;
        msvcrt_set_errno(MSVCRT_EBADF);
        return MSVCRT_EOF;
    }
    if (f->_flag & _IOREAD) {
        /* switching from reading: discard what was read ahead */
        if (f->_cnt && !(f->_flag & _IOEOF)) {
            MSVCRT__lseeki64(f->_file, -(long long)f->_cnt, 1);
        }
        f->_flag &= ~(_IOREAD | _IOEOF);
    }
    f->_flag |= _IOWRT;
    f->_ptr = f->_base;
    f->_cnt = 0;
    return 0;
}

int msvcrt_fwrite_locked(const void *buf, size_t len, MSVCRT_FILE *f)
{
    const char *p = buf;
    size_t done = 0;
    if (!len) return 0;
    if (f->_flag & _IOSTRG) {
        /* string streams (from the printf family) */
        size_t n = len < (size_t)f->_cnt ? len : (size_t)f->_cnt;
        memcpy(f->_ptr, p, n);
        f->_ptr += n;
        f->_cnt -= n;
        return n;
    }
    if (begin_write(f)) return -1;
    get_buffer(f);
    if (!f->_base) {
        int w = MSVCRT__write(f->_file, p, len);
        if (w != (int)len) { f->_flag |= _IOERR; return w > 0 ? w : -1; }
        return len;
    }
    while (done < len) {
        size_t room = f->_bufsiz - (f->_ptr - f->_base);
        if (!room) {
            if (flush_locked(f)) return done ? (int)done : -1;
            continue;
        }
        if (f->_ptr == f->_base && len - done >= (size_t)f->_bufsiz) {
            /* large write with an empty buffer: straight through */
            size_t n = (len - done) / f->_bufsiz * f->_bufsiz;
            int w = MSVCRT__write(f->_file, p + done, n);
            if (w != (int)n) { f->_flag |= _IOERR; return done + (w > 0 ? w : 0); }
            done += n;
            continue;
        }
        size_t n = len - done < room ? len - done : room;
        memcpy(f->_ptr, p + done, n);
        f->_ptr += n;
        done += n;
    }
    f->_cnt = f->_bufsiz - (f->_ptr - f->_base);
    return done;
}

/* fill the read buffer; EOF at end or error */
static int refill(MSVCRT_FILE *f)
{
    if (f->_flag & _IOSTRG) {
        f->_flag |= _IOEOF;
        return MSVCRT_EOF;
    }
    if (!(f->_flag & _IOREAD)) {
        if (!(f->_flag & _IORW) || (f->_flag & _IOWRT && flush_locked(f))) {
            f->_flag |= _IOERR;
            return MSVCRT_EOF;
        }
        f->_flag &= ~_IOWRT;
        f->_flag |= _IOREAD;
    }
    get_buffer(f);
    char *buf = f->_base ? f->_base : (char *)&f->_charbuf;
    int size = f->_base ? f->_bufsiz : 1;
    int n = MSVCRT__read(f->_file, buf, size);
    if (n <= 0) {
        f->_flag |= n ? _IOERR : _IOEOF;
        f->_cnt = 0;
        return MSVCRT_EOF;
    }
    f->_ptr = buf;
    f->_cnt = n;
    return 0;
}

int msvcrt_fgetc_locked(MSVCRT_FILE *f)
{
    if (f->_cnt <= 0 || !(f->_flag & _IOREAD)) {
        if (f->_flag & _IOSTRG) { f->_flag |= _IOEOF; return MSVCRT_EOF; }
        if (f->_cnt > 0 && !(f->_flag & _IOREAD)) f->_cnt = 0;
        if (refill(f)) return MSVCRT_EOF;
    }
    f->_cnt--;
    return (unsigned char)*f->_ptr++;
}

int msvcrt_ungetc_locked(int c, MSVCRT_FILE *f)
{
    if (c == MSVCRT_EOF) return MSVCRT_EOF;
    if (!(f->_flag & _IOREAD)) {
        if (!(f->_flag & _IORW) || (f->_flag & _IOWRT)) return MSVCRT_EOF;
        f->_flag |= _IOREAD;
    }
    get_buffer(f);
    if (!f->_base) {
        if (f->_cnt) return MSVCRT_EOF;
        f->_charbuf = (unsigned char)c;
        f->_ptr = (char *)&f->_charbuf;
        f->_cnt = 1;
    } else if (f->_ptr > f->_base) {
        *--f->_ptr = (char)c;
        f->_cnt++;
    } else if (!f->_cnt) {
        f->_ptr = f->_base;
        *f->_ptr = (char)c;
        f->_cnt = 1;
    } else return MSVCRT_EOF;
    f->_flag &= ~_IOEOF;
    return (unsigned char)c;
}

int msvcrt_fputwc_locked(WCHAR c, MSVCRT_FILE *f)
{
    int fd = f->_file;
    if (!(f->_flag & _IOSTRG) && fd >= 0 && msvcrt_fd_is_text(fd) && 0) return MSVCRT_WEOF;
    char mb[8];
    int n = WideCharToMultiByte(CP_ACP, 0, &c, 1, mb, sizeof(mb), NULL, NULL);
    if (n <= 0) { msvcrt_set_errno(MSVCRT_EILSEQ); return MSVCRT_WEOF; }
    return msvcrt_fwrite_locked(mb, n, f) == n ? c : MSVCRT_WEOF;
}

unsigned int msvcrt_fgetwc_locked(MSVCRT_FILE *f)
{
    int c = msvcrt_fgetc_locked(f);
    if (c == MSVCRT_EOF) return MSVCRT_WEOF;
    char mb[2] = { (char)c, 0 };
    int len = 1;
    if (IsDBCSLeadByte((BYTE)c)) {
        int c2 = msvcrt_fgetc_locked(f);
        if (c2 != MSVCRT_EOF) { mb[1] = (char)c2; len = 2; }
    }
    WCHAR w;
    if (MultiByteToWideChar(CP_ACP, 0, mb, len, &w, 1) != 1) return (unsigned char)c;
    return w;
}

unsigned int msvcrt_ungetwc_locked(unsigned int c, MSVCRT_FILE *f)
{
    if (c == MSVCRT_WEOF) return MSVCRT_WEOF;
    WCHAR w = c;
    char mb[8];
    int n = WideCharToMultiByte(CP_ACP, 0, &w, 1, mb, sizeof(mb), NULL, NULL);
    for (int i = n - 1; i >= 0; i--)
        if (msvcrt_ungetc_locked((unsigned char)mb[i], f) == MSVCRT_EOF) return MSVCRT_WEOF;
    return c;
}

/* ---- opening and closing ---- */

static MSVCRT_FILE *alloc_file(void)
{
    EnterCriticalSection(&files_lock);
    for (int i = 3; i < IOB_ENTRIES; i++) {
        if (msvcrt_iob[i]._flag) continue;
        memset(&msvcrt_iob[i], 0, sizeof(MSVCRT_FILE));
        msvcrt_iob[i]._flag = _IOREAD;   /* reserved until the caller sets it */
        LeaveCriticalSection(&files_lock);
        return &msvcrt_iob[i];
    }
    struct file_ex *fx = calloc(1, sizeof(*fx));
    if (fx) {
        InitializeCriticalSection(&fx->lock);
        fx->next = open_files;
        open_files = fx;
        fx->file._flag = _IOREAD;
    }
    LeaveCriticalSection(&files_lock);
    return fx ? &fx->file : NULL;
}

/* mode string -> _open flags and stream flags; -1 if invalid */
static int parse_mode(const WCHAR *mode, int *oflags, int *sflags)
{
    switch (*mode++) {
    case 'r': *oflags = MSVCRT__O_RDONLY; *sflags = _IOREAD; break;
    case 'w': *oflags = MSVCRT__O_WRONLY | MSVCRT__O_CREAT | MSVCRT__O_TRUNC; *sflags = _IOWRT; break;
    case 'a': *oflags = MSVCRT__O_WRONLY | MSVCRT__O_CREAT | MSVCRT__O_APPEND; *sflags = _IOWRT; break;
    default: return -1;
    }
    for (; *mode; mode++) {
        switch (*mode) {
        case '+': *oflags = (*oflags & ~3) | MSVCRT__O_RDWR; *sflags = _IORW; break;
        case 'b': *oflags |= MSVCRT__O_BINARY; *oflags &= ~MSVCRT__O_TEXT; break;
        case 't': *oflags |= MSVCRT__O_TEXT; *oflags &= ~MSVCRT__O_BINARY; break;
        case 'D': *oflags |= MSVCRT__O_TEMPORARY; break;
        case 'T': *oflags |= MSVCRT__O_SHORT_LIVED; break;
        case 'N': *oflags |= MSVCRT__O_NOINHERIT; break;
        case 'S': *oflags |= MSVCRT__O_SEQUENTIAL; break;
        case 'R': *oflags |= MSVCRT__O_RANDOM; break;
        case 'c': case 'n': case ' ': break;
        case ',': return 0;   /* ccs=... */
        default: return -1;
        }
    }
    return 0;
}

static MSVCRT_FILE *open_stream(const WCHAR *path, const WCHAR *mode, int fd)
{
    int oflags, sflags;
    if (!mode || parse_mode(mode, &oflags, &sflags)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    if (fd < 0) {
        if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; }
        fd = msvcrt_wopen(path, oflags, MSVCRT__S_IREAD | MSVCRT__S_IWRITE);
        if (fd < 0) return NULL;
    }
    MSVCRT_FILE *f = alloc_file();
    if (!f) {
        if (path) MSVCRT__close(fd);
        msvcrt_set_errno(MSVCRT_EMFILE);
        return NULL;
    }
    f->_file = fd;
    f->_flag = sflags;
    return f;
}

MSVCRT_FILE *CDECL MSVCRT__wfopen(const WCHAR *path, const WCHAR *mode)
{
    return open_stream(path, mode, -1);
}

MSVCRT_FILE *CDECL MSVCRT_fopen(const char *path, const char *mode)
{
    WCHAR *wp = msvcrt_strdup_AtoW(path), *wm = msvcrt_strdup_AtoW(mode);
    MSVCRT_FILE *f = (path && mode) ? open_stream(wp, wm, -1) : (msvcrt_set_errno(MSVCRT_EINVAL), NULL);
    free(wp);
    free(wm);
    return f;
}

int CDECL MSVCRT_fopen_s(MSVCRT_FILE **out, const char *path, const char *mode)
{
    if (!out) return MSVCRT_EINVAL;
    *out = MSVCRT_fopen(path, mode);
    return *out ? 0 : msvcrt_errno;
}

int CDECL MSVCRT__wfopen_s(MSVCRT_FILE **out, const WCHAR *path, const WCHAR *mode)
{
    if (!out) return MSVCRT_EINVAL;
    *out = MSVCRT__wfopen(path, mode);
    return *out ? 0 : msvcrt_errno;
}

MSVCRT_FILE *CDECL MSVCRT__fdopen(int fd, const char *mode)
{
    WCHAR *wm = msvcrt_strdup_AtoW(mode);
    MSVCRT_FILE *f = open_stream(NULL, wm, fd);
    free(wm);
    return f;
}

MSVCRT_FILE *CDECL MSVCRT__wfdopen(int fd, const WCHAR *mode)
{
    return open_stream(NULL, mode, fd);
}

static int close_locked(MSVCRT_FILE *f)
{
    int r = 0;
    if (f->_flag & _IOWRT) r = flush_locked(f);
    if (f->_flag & _IOMYBUF) free(f->_base);
    f->_base = f->_ptr = NULL;
    f->_cnt = f->_bufsiz = 0;
    if (MSVCRT__close(f->_file)) r = MSVCRT_EOF;
    if (f->_tmpfname) {
        DeleteFileA(f->_tmpfname);
        free(f->_tmpfname);
        f->_tmpfname = NULL;
    }
    f->_file = -1;
    f->_flag = 0;
    return r;
}

int CDECL MSVCRT_fclose(MSVCRT_FILE *f)
{
    if (!f) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EOF; }
    msvcrt_lock_file(f);
    int r = close_locked(f);
    LeaveCriticalSection(file_lock(f));
    /* heap FILEs stay allocated: another thread may still hold the pointer */
    return r;
}

MSVCRT_FILE *CDECL MSVCRT__wfreopen(const WCHAR *path, const WCHAR *mode, MSVCRT_FILE *f)
{
    int oflags, sflags;
    if (!f || !mode || parse_mode(mode, &oflags, &sflags)) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; }
    msvcrt_lock_file(f);
    int std = f >= msvcrt_iob && f < msvcrt_iob + 3 ? (int)(f - msvcrt_iob) : -1;
    if (f->_flag) close_locked(f);
    int fd = path ? msvcrt_wopen(path, oflags, MSVCRT__S_IREAD | MSVCRT__S_IWRITE) : -1;
    if (fd >= 0 && std >= 0 && fd != std) {
        /* freopen of stdin/stdout/stderr keeps the descriptor number */
        extern int CDECL MSVCRT__dup2(int, int);
        MSVCRT__dup2(fd, std);
        MSVCRT__close(fd);
        fd = std;
    }
    if (fd >= 0) {
        f->_file = fd;
        f->_flag = sflags;
    }
    LeaveCriticalSection(file_lock(f));
    return fd >= 0 ? f : NULL;
}

MSVCRT_FILE *CDECL MSVCRT_freopen(const char *path, const char *mode, MSVCRT_FILE *f)
{
    WCHAR *wp = msvcrt_strdup_AtoW(path), *wm = msvcrt_strdup_AtoW(mode);
    MSVCRT_FILE *r = MSVCRT__wfreopen(wp, wm, f);
    free(wp);
    free(wm);
    return r;
}

/* ---- flushing ---- */

int CDECL MSVCRT_fflush(MSVCRT_FILE *f)
{
    if (!f) {
        msvcrt_flush_all();
        return 0;
    }
    msvcrt_lock_file(f);
    int r = (f->_flag & _IOWRT) ? flush_locked(f) : 0;
    LeaveCriticalSection(file_lock(f));
    return r;
}

static int for_each_file(int (*fn)(MSVCRT_FILE *), int skip_std)
{
    int count = 0;
    for (int i = skip_std ? 3 : 0; i < IOB_ENTRIES; i++)
        if (msvcrt_iob[i]._flag & (_IOREAD | _IOWRT | _IORW)) count += fn(&msvcrt_iob[i]);
    EnterCriticalSection(&files_lock);
    for (struct file_ex *fx = open_files; fx; fx = fx->next)
        if (fx->file._flag & (_IOREAD | _IOWRT | _IORW)) count += fn(&fx->file);
    LeaveCriticalSection(&files_lock);
    return count;
}

static int flush_one(MSVCRT_FILE *f)
{
    if (!(f->_flag & _IOWRT)) return 0;
    MSVCRT_fflush(f);
    return 1;
}

static int close_one(MSVCRT_FILE *f)
{
    MSVCRT_fclose(f);
    return 1;
}

void msvcrt_flush_all(void) { for_each_file(flush_one, 0); }
int CDECL MSVCRT__flushall(void) { return for_each_file(flush_one, 0); }
int CDECL MSVCRT__fcloseall(void) { return for_each_file(close_one, 1); }

/* ---- characters and strings ---- */

int CDECL MSVCRT_fputc(int c, MSVCRT_FILE *f)
{
    char ch = (char)c;
    msvcrt_lock_file(f);
    int r = msvcrt_fwrite_locked(&ch, 1, f) == 1 ? (unsigned char)c : MSVCRT_EOF;
    msvcrt_unlock_file(f);
    return r;
}

int CDECL MSVCRT_putc(int c, MSVCRT_FILE *f) { return MSVCRT_fputc(c, f); }
int CDECL MSVCRT_putchar(int c) { return MSVCRT_fputc(c, &msvcrt_iob[1]); }
int CDECL MSVCRT__fputchar(int c) { return MSVCRT_fputc(c, &msvcrt_iob[1]); }
int CDECL MSVCRT__flsbuf(int c, MSVCRT_FILE *f) { return MSVCRT_fputc(c, f); }

int CDECL MSVCRT_fgetc(MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    int c = msvcrt_fgetc_locked(f);
    msvcrt_unlock_file(f);
    return c;
}

int CDECL MSVCRT_getc(MSVCRT_FILE *f) { return MSVCRT_fgetc(f); }
int CDECL MSVCRT_getchar(void) { return MSVCRT_fgetc(&msvcrt_iob[0]); }
int CDECL MSVCRT__fgetchar(void) { return MSVCRT_fgetc(&msvcrt_iob[0]); }

int CDECL MSVCRT__filbuf(MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    int c = refill(f) ? MSVCRT_EOF : (f->_cnt--, (unsigned char)*f->_ptr++);
    msvcrt_unlock_file(f);
    return c;
}

int CDECL MSVCRT_ungetc(int c, MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    int r = msvcrt_ungetc_locked(c, f);
    msvcrt_unlock_file(f);
    return r;
}

int CDECL MSVCRT_fputs(const char *s, MSVCRT_FILE *f)
{
    size_t len = strlen(s);
    msvcrt_lock_file(f);
    int r = msvcrt_fwrite_locked(s, len, f) == (int)len ? 0 : MSVCRT_EOF;
    msvcrt_unlock_file(f);
    return r;
}

int CDECL MSVCRT_puts(const char *s)
{
    MSVCRT_FILE *f = &msvcrt_iob[1];
    size_t len = strlen(s);
    msvcrt_lock_file(f);
    int r = (msvcrt_fwrite_locked(s, len, f) == (int)len && msvcrt_fwrite_locked("\n", 1, f) == 1) ? 0 : MSVCRT_EOF;
    msvcrt_unlock_file(f);
    return r;
}

char *CDECL MSVCRT_fgets(char *buf, int size, MSVCRT_FILE *f)
{
    int n = 0;
    if (!buf || size <= 0) return NULL;
    msvcrt_lock_file(f);
    while (n < size - 1) {
        int c = msvcrt_fgetc_locked(f);
        if (c == MSVCRT_EOF) break;
        buf[n++] = (char)c;
        if (c == '\n') break;
    }
    msvcrt_unlock_file(f);
    if (!n) return NULL;
    buf[n] = 0;
    return buf;
}

char *CDECL MSVCRT_gets(char *buf)
{
    MSVCRT_FILE *f = &msvcrt_iob[0];
    int n = 0, c;
    msvcrt_lock_file(f);
    while ((c = msvcrt_fgetc_locked(f)) != MSVCRT_EOF && c != '\n') buf[n++] = (char)c;
    msvcrt_unlock_file(f);
    if (c == MSVCRT_EOF && !n) return NULL;
    buf[n] = 0;
    return buf;
}

unsigned int CDECL MSVCRT_fputwc(unsigned int c, MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    unsigned int r = (unsigned short)msvcrt_fputwc_locked((WCHAR)c, f);
    msvcrt_unlock_file(f);
    return r;
}

unsigned int CDECL MSVCRT_putwc(unsigned int c, MSVCRT_FILE *f) { return MSVCRT_fputwc(c, f); }
unsigned int CDECL MSVCRT_putwchar(unsigned int c) { return MSVCRT_fputwc(c, &msvcrt_iob[1]); }
unsigned int CDECL MSVCRT__fputwchar(unsigned int c) { return MSVCRT_fputwc(c, &msvcrt_iob[1]); }

unsigned int CDECL MSVCRT_fgetwc(MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    unsigned int c = msvcrt_fgetwc_locked(f);
    msvcrt_unlock_file(f);
    return c;
}

unsigned int CDECL MSVCRT_getwc(MSVCRT_FILE *f) { return MSVCRT_fgetwc(f); }
unsigned int CDECL MSVCRT_getwchar(void) { return MSVCRT_fgetwc(&msvcrt_iob[0]); }
unsigned int CDECL MSVCRT__fgetwchar(void) { return MSVCRT_fgetwc(&msvcrt_iob[0]); }

unsigned int CDECL MSVCRT_ungetwc(unsigned int c, MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    unsigned int r = msvcrt_ungetwc_locked(c, f);
    msvcrt_unlock_file(f);
    return r;
}

int CDECL MSVCRT_fputws(const WCHAR *s, MSVCRT_FILE *f)
{
    int r = 0;
    msvcrt_lock_file(f);
    for (; *s; s++)
        if (msvcrt_fputwc_locked(*s, f) == MSVCRT_WEOF) { r = MSVCRT_EOF; break; }
    msvcrt_unlock_file(f);
    return r;
}

int CDECL MSVCRT__putws(const WCHAR *s)
{
    MSVCRT_FILE *f = &msvcrt_iob[1];
    int r = 0;
    msvcrt_lock_file(f);
    for (; *s && !r; s++) if (msvcrt_fputwc_locked(*s, f) == MSVCRT_WEOF) r = MSVCRT_EOF;
    if (!r && msvcrt_fputwc_locked('\n', f) == MSVCRT_WEOF) r = MSVCRT_EOF;
    msvcrt_unlock_file(f);
    return r;
}

WCHAR *CDECL MSVCRT_fgetws(WCHAR *buf, int size, MSVCRT_FILE *f)
{
    int n = 0;
    if (!buf || size <= 0) return NULL;
    msvcrt_lock_file(f);
    while (n < size - 1) {
        unsigned int c = msvcrt_fgetwc_locked(f);
        if (c == MSVCRT_WEOF) break;
        buf[n++] = (WCHAR)c;
        if (c == '\n') break;
    }
    msvcrt_unlock_file(f);
    if (!n) return NULL;
    buf[n] = 0;
    return buf;
}

/* ---- blocks ---- */

size_t CDECL MSVCRT_fwrite(const void *buf, size_t size, size_t count, MSVCRT_FILE *f)
{
    size_t total = size * count;
    if (!size || !count) return 0;
    msvcrt_lock_file(f);
    int w = msvcrt_fwrite_locked(buf, total, f);
    msvcrt_unlock_file(f);
    return w < 0 ? 0 : (size_t)w / size;
}

size_t CDECL MSVCRT_fread(void *buf, size_t size, size_t count, MSVCRT_FILE *f)
{
    size_t total = size * count, done = 0;
    char *p = buf;
    if (!size || !count) return 0;
    msvcrt_lock_file(f);
    while (done < total) {
        if (f->_cnt > 0 && (f->_flag & _IOREAD)) {
            size_t n = (size_t)f->_cnt < total - done ? (size_t)f->_cnt : total - done;
            memcpy(p + done, f->_ptr, n);
            f->_ptr += n;
            f->_cnt -= n;
            done += n;
            continue;
        }
        if (refill(f)) break;
    }
    msvcrt_unlock_file(f);
    return done / size;
}

/* ---- positioning and state ---- */

int CDECL MSVCRT__fseeki64(MSVCRT_FILE *f, long long offset, int whence)
{
    msvcrt_lock_file(f);
    if (whence == 1 && (f->_flag & _IOREAD) && f->_cnt > 0) {
        offset -= f->_cnt;   /* relative to what the program has consumed */
        if (msvcrt_fd_is_text(f->_file))
            for (int i = 0; i < f->_cnt; i++) if (f->_ptr[i] == '\n') offset--;
    }
    if (f->_flag & _IOWRT) flush_locked(f);
    f->_cnt = 0;
    f->_ptr = f->_base;
    if (f->_flag & _IORW) f->_flag &= ~(_IOREAD | _IOWRT);
    f->_flag &= ~_IOEOF;
    long long r = MSVCRT__lseeki64(f->_file, offset, whence);
    LeaveCriticalSection(file_lock(f));
    return r < 0 ? -1 : 0;
}

int CDECL MSVCRT_fseek(MSVCRT_FILE *f, LONG offset, int whence) { return MSVCRT__fseeki64(f, offset, whence); }

long long CDECL MSVCRT__ftelli64(MSVCRT_FILE *f)
{
    msvcrt_lock_file(f);
    long long pos = MSVCRT__lseeki64(f->_file, 0, 1);
    if (pos >= 0) {
        int text = msvcrt_fd_is_text(f->_file);
        if ((f->_flag & _IOREAD) && f->_cnt > 0) {
            pos -= f->_cnt;
            if (text) for (int i = 0; i < f->_cnt; i++) if (f->_ptr[i] == '\n') pos--;
        } else if ((f->_flag & _IOWRT) && f->_base) {
            pos += f->_ptr - f->_base;
            if (text) for (char *c = f->_base; c < f->_ptr; c++) if (*c == '\n') pos++;
        }
    }
    LeaveCriticalSection(file_lock(f));
    return pos;
}

LONG CDECL MSVCRT_ftell(MSVCRT_FILE *f)
{
    long long pos = MSVCRT__ftelli64(f);
    if (pos > 0x7fffffff) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    return (LONG)pos;
}

void CDECL MSVCRT_rewind(MSVCRT_FILE *f)
{
    MSVCRT__fseeki64(f, 0, 0);
    f->_flag &= ~(_IOERR | _IOEOF);
}

int CDECL MSVCRT_fgetpos(MSVCRT_FILE *f, long long *pos)
{
    *pos = MSVCRT__ftelli64(f);
    return *pos < 0 ? -1 : 0;
}

int CDECL MSVCRT_fsetpos(MSVCRT_FILE *f, const long long *pos)
{
    return MSVCRT__fseeki64(f, *pos, 0);
}

int CDECL MSVCRT_feof(MSVCRT_FILE *f) { return f->_flag & _IOEOF; }
int CDECL MSVCRT_ferror(MSVCRT_FILE *f) { return f->_flag & _IOERR; }
void CDECL MSVCRT_clearerr(MSVCRT_FILE *f) { f->_flag &= ~(_IOERR | _IOEOF); }
int CDECL MSVCRT__fileno(MSVCRT_FILE *f) { return f->_file; }
void CDECL MSVCRT__lock_file(MSVCRT_FILE *f) { EnterCriticalSection(file_lock(f)); }
void CDECL MSVCRT__unlock_file(MSVCRT_FILE *f) { msvcrt_unlock_file(f); }

int CDECL MSVCRT_setvbuf(MSVCRT_FILE *f, char *buf, int mode, size_t size)
{
    if ((mode != _IOFBF && mode != _IOLBF && mode != _IONBF) || (mode != _IONBF && (size < 2 || size > 0x7fffffff))) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    msvcrt_lock_file(f);
    if (f->_flag & _IOWRT) flush_locked(f);
    if (f->_flag & _IOMYBUF) free(f->_base);
    f->_flag &= ~(_IOMYBUF | _IONBF | _IOTMPFLUSH);
    f->_base = f->_ptr = NULL;
    f->_cnt = f->_bufsiz = 0;
    if (mode == _IONBF) f->_flag |= _IONBF;
    else {
        /* line buffering is full buffering in the Windows CRT */
        if (buf) f->_base = buf;
        else if ((f->_base = malloc(size))) f->_flag |= _IOMYBUF;
        else f->_flag |= _IONBF;
        f->_bufsiz = f->_base ? (int)size : 0;
        f->_ptr = f->_base;
    }
    LeaveCriticalSection(file_lock(f));
    return 0;
}

void CDECL MSVCRT_setbuf(MSVCRT_FILE *f, char *buf)
{
    MSVCRT_setvbuf(f, buf, buf ? _IOFBF : _IONBF, 512);   /* BUFSIZ is 512 on Windows */
}

int CDECL MSVCRT__getmaxstdio(void) { return 512; }
int CDECL MSVCRT__setmaxstdio(int n) { return n >= 20 && n <= 2048 ? n : -1; }

/* ---- temporary files ---- */

MSVCRT_FILE *CDECL MSVCRT_tmpfile(void)
{
    char dir[MAX_PATH], name[MAX_PATH];
    if (!GetTempPathA(MAX_PATH, dir) || !GetTempFileNameA(dir, "t", 0, name)) {
        msvcrt_set_errno(MSVCRT_EACCES);
        return NULL;
    }
    int fd = MSVCRT__open(name, MSVCRT__O_CREAT | MSVCRT__O_RDWR | MSVCRT__O_BINARY | MSVCRT__O_TEMPORARY, 0600);
    if (fd < 0) return NULL;
    MSVCRT_FILE *f = alloc_file();
    if (!f) { MSVCRT__close(fd); return NULL; }
    f->_file = fd;
    f->_flag = _IORW;
    return f;
}

/* ---- errors ---- */

void CDECL MSVCRT_perror(const char *s)
{
    extern char *CDECL MSVCRT_strerror(int);
    MSVCRT_FILE *f = &msvcrt_iob[2];
    const char *msg = MSVCRT_strerror(msvcrt_errno);
    msvcrt_lock_file(f);
    if (s && *s) {
        msvcrt_fwrite_locked(s, strlen(s), f);
        msvcrt_fwrite_locked(": ", 2, f);
    }
    msvcrt_fwrite_locked(msg, strlen(msg), f);
    msvcrt_fwrite_locked("\n", 1, f);
    flush_locked(f);
    msvcrt_unlock_file(f);
}

void CDECL MSVCRT__wperror(const WCHAR *s)
{
    char *a = s ? msvcrt_strdup_WtoA(s) : NULL;
    MSVCRT_perror(a);
    free(a);
}
