/* cmd.exe for carafe: a Windows console program (built with mingw-w64)
 * that uses only Win32 and msvcrt, written from Microsoft's documentation
 * of cmd, set, if, for, call, goto, setlocal, shift and redirection. */
#ifndef CMD_H
#define CMD_H
#include <windows.h>
#include <stdarg.h>

#define CMD_MAX_LINE 8192

/* parse tree of one command line (parse.c) */
enum node_kind { N_CMD, N_SEQ, N_AND, N_OR, N_PIPE, N_BLOCK, N_IF, N_FOR };

struct redir {
    int fd;             /* 0, 1 or 2 */
    int append;         /* >> */
    int dup_fd;         /* n>&m: m, else -1 */
    char *target;       /* file name (raw, expanded at run time) */
    struct redir *next;
};

struct node {
    enum node_kind kind;
    struct node *left, *right;  /* SEQ/AND/OR/PIPE; BLOCK: left = body */
    char *text;                 /* CMD: command text without redirections */
    char *src;                  /* a side of a pipe: its text as written */
    struct redir *redirs;
    /* IF */
    int if_not, if_icase;
    char *if_kind;              /* "errorlevel", "exist", "defined", "cmd"(compare) */
    char *if_a, *if_op, *if_b;
    struct node *if_then, *if_else;
    /* FOR */
    char for_var;
    char *for_switch;           /* "", "/l", "/f", "/d", "/r" */
    char *for_opts;             /* /f options or /r root */
    char *for_set;
    struct node *for_body;
};

struct node *parse_line(const char *text, char **rest);
void free_node(struct node *n);

/* one running batch file or called label (batch.c) */
struct batch {
    char *path;                 /* full path of the file */
    char **lines;
    int nlines, pos;
    char **args;                /* %0.. after shift */
    int nargs;
    char *all_args;             /* %* */
    int done;                   /* goto :eof, exit /b, end of file */
    int nsetlocal;              /* setlocal levels opened by this context */
    struct batch *prev;
};

/* state (main.c) */
extern struct batch *cur_batch;
extern int errorlevel;
extern int echo_on;
extern int delayed_expansion;
extern int abort_line;          /* goto / exit /b: stop the current line */
extern int exit_all;            /* exit: leave cmd */
extern int exit_code;
extern HANDLE std_h[3];
extern char *pipe_batch;        /* a pipe's child: the batch file of its parent */

/* names the parent's batch file to a cmd started for a side of a pipe */
#define PIPE_BATCH_VAR "CARAFE_CMD_PIPE_BATCH"

/* output through the current (possibly redirected) handles */
void out_str(const char *s);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int read_line_from(HANDLE h, char *buf, int size);

/* expansion (expand.c) */
char *expand_percent(const char *line, int in_batch);
char *expand_delayed(const char *text);
char *subst_for_vars(const char *text);
char *apply_modifiers(const char *mods, const char *value, int is_arg0);
int for_push(char var, const char *value);
void for_pop(void);
char *get_var(const char *name);    /* malloc'd or NULL; includes dynamic vars */

/* execution (exec.c) */
void run_command_line(const char *line);
void run_node(struct node *n);
int run_batch(const char *path, const char *arg0, const char *args);
int goto_label(const char *label);
int is_batch_file(const char *path);
int call_label(const char *label, const char *args);
char *find_executable(const char *name);
void split_args(const char *s, char ***argv, int *argc);
void free_args(char **argv, int argc);
int is_delim(char c);
char *xstrdup(const char *s);
void *xmalloc(size_t n);

/* builtins (builtins.c, files.c, setcmd.c, forcmd.c) */
typedef int (*builtin_fn)(const char *args, const char *cmdline);
builtin_fn find_builtin(const char *word, int len);
int bi_set(const char *args, const char *cmdline);
int bi_dir(const char *args, const char *cmdline);
int bi_type(const char *args, const char *cmdline);
int bi_del(const char *args, const char *cmdline);
int bi_copy(const char *args, const char *cmdline);
int bi_move(const char *args, const char *cmdline);
int bi_ren(const char *args, const char *cmdline);
int bi_mkdir(const char *args, const char *cmdline);
int bi_rmdir(const char *args, const char *cmdline);
int eval_if(struct node *n);
void run_for(struct node *n);
int setlocal_push(void);
int setlocal_pop(void);
int wild_match(const char *pat, const char *name);
char *full_path(const char *p);

#endif
