/* The console (DESIGN decision 11): standard handles wrap fds 0/1/2,
 * WriteConsoleW writes UTF-8, text attributes become ANSI SGR sequences. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(console);

#define ENABLE_PROCESSED_INPUT 0x01
#define ENABLE_LINE_INPUT      0x02
#define ENABLE_ECHO_INPUT      0x04
#define ENABLE_PROCESSED_OUTPUT 0x01
#define ENABLE_WRAP_AT_EOL_OUTPUT 0x02
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x04

typedef struct _COORD { SHORT X, Y; } COORD;
typedef struct _SMALL_RECT { SHORT Left, Top, Right, Bottom; } SMALL_RECT;
typedef struct _CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;

static UINT output_cp, input_cp;
UINT WINAPI GetConsoleCP(void);
static WORD text_attr = 7;   /* light grey on black */
static DWORD output_mode = ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT;
static DWORD input_mode_extra;

static HANDLE *std_slot(DWORD which)
{
    RTL_USER_PROCESS_PARAMETERS *p = NtCurrentTeb()->Peb->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: return &p->StandardInput;
    case STD_OUTPUT_HANDLE: return &p->StandardOutput;
    case STD_ERROR_HANDLE: return &p->StandardError;
    default: return NULL;
    }
}

HANDLE WINAPI GetStdHandle(DWORD which)
{
    HANDLE *slot = std_slot(which);
    if (!slot) {
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
    return *slot;
}

BOOL WINAPI SetStdHandle(DWORD which, HANDLE h)
{
    HANDLE *slot = std_slot(which);
    if (!slot) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *slot = h;
    return TRUE;
}

/* the console behind a handle, or NULL with ERROR_INVALID_HANDLE (as
 * Windows answers for a redirected standard handle) */
static struct file_object *get_console(HANDLE h)
{
    struct file_object *f = carafe_get_file(h);
    if (f && !f->console) {
        carafe_object_release(&f->obj);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return f;
}

static BOOL write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            carafe_set_errno_error();
            return FALSE;
        }
        buf += n;
        len -= n;
    }
    return TRUE;
}

BOOL WINAPI WriteConsoleW(HANDLE h, LPCVOID buffer, DWORD count, LPDWORD written, LPVOID reserved)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    char stackbuf[1024], *buf = stackbuf;
    int n = carafe_utf16_to_utf8(buffer, count, NULL, 0);
    if (n > (int)sizeof(stackbuf) && !(buf = malloc(n))) {
        carafe_object_release(&f->obj);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    carafe_utf16_to_utf8(buffer, count, buf, n);
    BOOL ret = write_all(f->fd, buf, n);
    if (buf != stackbuf) free(buf);
    carafe_object_release(&f->obj);
    if (ret && written) *written = count;
    return ret;
}

BOOL WINAPI WriteConsoleA(HANDLE h, LPCVOID buffer, DWORD count, LPDWORD written, LPVOID reserved)
{
    UINT cp = GetConsoleOutputCP();
    int n = MultiByteToWideChar(cp, 0, buffer, count, NULL, 0);
    WCHAR *w = malloc((n + 1) * sizeof(WCHAR));
    if (!w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    MultiByteToWideChar(cp, 0, buffer, count, w, n);
    DWORD done;
    BOOL ret = WriteConsoleW(h, w, n, &done, NULL);
    free(w);
    if (ret && written) *written = count;
    return ret;
}

/* Line-mode console input: read a line from the terminal (fd) as UTF-8. */
BOOL WINAPI ReadConsoleW(HANDLE h, LPVOID buffer, DWORD count, LPDWORD nread, LPVOID control)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    char buf[4096];
    ssize_t n;
    do n = read(f->fd, buf, count < sizeof(buf) / 4 ? count : sizeof(buf) / 4);
    while (n < 0 && errno == EINTR);
    carafe_object_release(&f->obj);
    if (n < 0) { carafe_set_errno_error(); return FALSE; }
    /* the terminal gives LF, Windows programs expect CRLF */
    WCHAR *out = buffer;
    DWORD done = 0;
    WCHAR tmp[4096];
    int wn = carafe_utf8_to_utf16(buf, n, tmp, 4096);
    for (int i = 0; i < wn && done < count; i++) {
        if (tmp[i] == '\n' && done + 1 < count) out[done++] = '\r';
        out[done++] = tmp[i];
    }
    if (nread) *nread = done;
    return TRUE;
}

BOOL WINAPI ReadConsoleA(HANDLE h, LPVOID buffer, DWORD count, LPDWORD nread, LPVOID control)
{
    WCHAR *w = malloc((count + 1) * sizeof(WCHAR));
    DWORD n;
    if (!w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    if (!ReadConsoleW(h, w, count, &n, control)) { free(w); return FALSE; }
    int len = WideCharToMultiByte(GetConsoleCP(), 0, w, n, buffer, count, NULL, NULL);
    free(w);
    if (nread) *nread = len;
    return TRUE;
}

BOOL WINAPI GetConsoleMode(HANDLE h, LPDWORD mode)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    if (f->access & GENERIC_READ) {
        struct termios t;
        DWORD m = ENABLE_PROCESSED_INPUT | input_mode_extra;
        if (!tcgetattr(f->fd, &t)) {
            if (t.c_lflag & ICANON) m |= ENABLE_LINE_INPUT;
            if (t.c_lflag & ECHO) m |= ENABLE_ECHO_INPUT;
        }
        *mode = m;
    } else *mode = output_mode;
    carafe_object_release(&f->obj);
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    if (f->access & GENERIC_READ) {
        struct termios t;
        if (!tcgetattr(f->fd, &t)) {
            if (mode & ENABLE_LINE_INPUT) t.c_lflag |= ICANON; else t.c_lflag &= ~ICANON;
            if (mode & ENABLE_ECHO_INPUT) t.c_lflag |= ECHO; else t.c_lflag &= ~ECHO;
            tcsetattr(f->fd, TCSANOW, &t);
        }
        input_mode_extra = mode & ~(ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT);
    } else output_mode = mode;
    carafe_object_release(&f->obj);
    return TRUE;
}

/* Windows console colours (BGR bits) to ANSI colour numbers (RGB order) */
static const int ansi_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attr)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    char seq[48];
    int fg = ansi_colour[attr & 7], bg = ansi_colour[(attr >> 4) & 7];
    int n = snprintf(seq, sizeof(seq), "\033[0;%d;%dm", (attr & 8) ? 90 + fg : 30 + fg, (attr & 0x80) ? 100 + bg : 40 + bg);
    if (attr == 7) n = snprintf(seq, sizeof(seq), "\033[0m");   /* the default: reset */
    BOOL ret = write_all(f->fd, seq, n);
    carafe_object_release(&f->obj);
    if (ret) text_attr = attr;
    return ret;
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO *info)
{
    struct file_object *f = get_console(h);
    if (!f) return FALSE;
    struct winsize ws;
    int cols = 80, rows = 25;
    if (!ioctl(f->fd, TIOCGWINSZ, &ws) && ws.ws_col) {
        cols = ws.ws_col;
        rows = ws.ws_row;
    }
    carafe_object_release(&f->obj);
    memset(info, 0, sizeof(*info));
    info->dwSize.X = cols;
    info->dwSize.Y = rows;
    info->wAttributes = text_attr;
    info->srWindow.Right = cols - 1;
    info->srWindow.Bottom = rows - 1;
    info->dwMaximumWindowSize = info->dwSize;
    FIXME("the cursor position is not tracked\n");
    return TRUE;
}

UINT WINAPI GetConsoleOutputCP(void)
{
    return output_cp ? output_cp : GetOEMCP();
}

BOOL WINAPI SetConsoleOutputCP(UINT cp)
{
    if (!IsValidCodePage(cp)) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    output_cp = cp;
    return TRUE;
}

UINT WINAPI GetConsoleCP(void)
{
    return input_cp ? input_cp : GetOEMCP();
}

BOOL WINAPI SetConsoleCP(UINT cp)
{
    if (!IsValidCodePage(cp)) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    input_cp = cp;
    return TRUE;
}

/* SetConsoleCtrlHandler and GenerateConsoleCtrlEvent: console_ctrl.c */

HWND WINAPI GetConsoleWindow(void) { return NULL; }
BOOL WINAPI AllocConsole(void) { SetLastError(ERROR_ACCESS_DENIED); return FALSE; }   /* we always have one */
BOOL WINAPI FreeConsole(void) { return TRUE; }
BOOL WINAPI SetConsoleTitleW(LPCWSTR title) { return TRUE; }
BOOL WINAPI SetConsoleTitleA(LPCSTR title) { return TRUE; }
BOOL WINAPI FlushConsoleInputBuffer(HANDLE h) { int fd = carafe_handle_fd(h); if (fd >= 0) tcflush(fd, TCIFLUSH); return TRUE; }
