/* cmd.exe: the command line (/c /k /s /q /v), the interactive loop and
 * output through the current standard handles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

extern int parse_incomplete;

struct batch *cur_batch;
int errorlevel;
int echo_on = 1;
int delayed_expansion;
int abort_line;
int exit_all;
int exit_code;
HANDLE std_h[3];
char *pipe_batch;

static void write_handle(HANDLE h, const char *s, size_t len)
{
    DWORD done;
    while (len) {
        if (!WriteFile(h, s, (DWORD)len, &done, NULL) || !done) return;
        s += done;
        len -= done;
    }
}

void out_str(const char *s)
{
    write_handle(std_h[1], s, strlen(s));
}

static void vwrite(HANDLE h, const char *fmt, va_list ap)
{
    char small[1024];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    if (n < (int)sizeof(small)) write_handle(h, small, n);
    else {
        char *big = xmalloc(n + 1);
        vsnprintf(big, n + 1, fmt, ap2);
        write_handle(h, big, n);
        free(big);
    }
    va_end(ap2);
}

void out_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(std_h[1], fmt, ap);
    va_end(ap);
}

void err_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(std_h[2], fmt, ap);
    va_end(ap);
}

/* one line without its CR LF; -1 at end of input.  Reads a byte at a time
 * so that nothing after the line is taken from a shared input. */
int read_line_from(HANDLE h, char *buf, int size)
{
    int n = 0, any = 0;
    char c;
    DWORD got;
    while (ReadFile(h, &c, 1, &got, NULL) && got == 1) {
        any = 1;
        if (c == '\n') break;
        if (c == '\r') continue;
        if (n < size - 1) buf[n++] = c;
    }
    buf[n] = 0;
    return any ? n : -1;
}

static void print_prompt(void)
{
    char cwd[MAX_PATH];
    GetCurrentDirectoryA(sizeof(cwd), cwd);
    out_printf("%s>", cwd);
}

/* lines from standard input until EOF or exit */
static void interactive(void)
{
    char line[CMD_MAX_LINE];
    while (!exit_all) {
        if (echo_on) print_prompt();
        if (read_line_from(std_h[0], line, sizeof(line)) < 0) break;
        char *text = expand_percent(line, 0);
        struct node *n = parse_line(text, NULL);
        while (parse_incomplete) {
            free_node(n);
            out_str("More? ");
            if (read_line_from(std_h[0], line, sizeof(line)) < 0) break;
            char *more = expand_percent(line, 0);
            char *joined = xmalloc(strlen(text) + strlen(more) + 2);
            sprintf(joined, "%s\n%s", text, more);
            free(text);
            free(more);
            text = joined;
            n = parse_line(text, NULL);
        }
        if (n) run_node(n);
        free_node(n);
        free(text);
        abort_line = 0;
        if (echo_on) out_str("\r\n");
    }
}

/* The /c and /k rule of cmd /?: with no /s, exactly two quotes, no special
 * character between them, white space between them and the text between
 * them naming a program, the quotes stay; otherwise a leading quote and the
 * last quote on the line are removed. */
static char *strip_quotes(const char *cmd, int s_flag)
{
    while (*cmd == ' ' || *cmd == '\t') cmd++;
    char *r = xstrdup(cmd);
    if (*r != '"') return r;
    if (!s_flag) {
        int quotes = 0;
        for (const char *p = r; *p; p++) quotes += *p == '"';
        const char *close = strchr(r + 1, '"');
        if (quotes == 2) {
            size_t len = close - r - 1;
            char *inner = xmalloc(len + 1);
            memcpy(inner, r + 1, len);
            inner[len] = 0;
            int ok = !strpbrk(inner, "&<>()@^|") && strpbrk(inner, " \t");
            if (ok) {
                char *exe = find_executable(inner);
                ok = exe != NULL;
                free(exe);
            }
            free(inner);
            if (ok) return r;
        }
    }
    size_t last = strrchr(r, '"') - r;
    if (last > 0) memmove(r + last, r + last + 1, strlen(r + last + 1) + 1);
    memmove(r, r + 1, strlen(r + 1) + 1);
    return r;
}

static const char *skip_program_name(const char *p)
{
    if (*p == '"') {
        p++;
        while (*p && *p != '"') p++;
        if (*p) p++;
    } else while (*p && *p != ' ' && *p != '\t') p++;
    return p;
}

int main(void)
{
    std_h[0] = GetStdHandle(STD_INPUT_HANDLE);
    std_h[1] = GetStdHandle(STD_OUTPUT_HANDLE);
    std_h[2] = GetStdHandle(STD_ERROR_HANDLE);
    srand(GetTickCount());
    /* started for a side of a pipe in a batch file: CALL :label needs it;
     * nothing this cmd starts inherits it */
    pipe_batch = get_var(PIPE_BATCH_VAR);
    if (pipe_batch) SetEnvironmentVariableA(PIPE_BATCH_VAR, NULL);
    int mode = 0, s_flag = 0;       /* mode 'c' or 'k' */
    const char *p = skip_program_name(GetCommandLineA());
    for (;;) {
        while (*p == ' ' || *p == '\t') p++;
        if (*p != '/') break;
        char sw = (char)tolower((unsigned char)p[1]);
        if (sw == 'c' || sw == 'k') { mode = sw; p += 2; break; }
        if (sw == 's') s_flag = 1;
        else if (sw == 'q') echo_on = 0;
        else if (sw == 'v' && p[2] == ':') delayed_expansion = !_strnicmp(p + 3, "on", 2);
        else if (sw == '?') {
            out_str("Starts a new instance of the Windows command interpreter\r\n\r\n"
                    "CMD [/Q] [/S] [/V:ON|OFF] [[/C | /K] string]\r\n");
            return 0;
        }
        p += 2;
        while (*p && *p != ' ' && *p != '\t' && *p != '/') p++;
    }
    if (mode) {
        char *cmd = strip_quotes(p, s_flag);
        char *text = expand_percent(cmd, 0);
        run_command_line(text);
        free(text);
        free(cmd);
        if (mode == 'c' || exit_all) return exit_all ? exit_code : errorlevel;
    } else {
        OSVERSIONINFOA vi = { sizeof(vi) };
        GetVersionExA(&vi);
        out_printf("Microsoft Windows [Version %lu.%lu.%lu]\r\n(c) Microsoft Corporation. All rights reserved.\r\n\r\n",
                   vi.dwMajorVersion, vi.dwMinorVersion, vi.dwBuildNumber);
    }
    interactive();
    return exit_all ? exit_code : errorlevel;
}
