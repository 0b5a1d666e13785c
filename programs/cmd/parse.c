/* Parsing one command line (or a parenthesized block spread over several
 * lines, joined with '\n') into a tree.  Precedence, tightest first:
 * redirection, |, && and ||, & (and a newline inside a block).  IF and FOR
 * take the rest of the line as their command unless it is a (block). */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cmd.h"

int parse_incomplete;           /* the text ended inside a block */

struct parser {
    const char *p;
    int depth;                  /* open parentheses */
};

struct buf { char *s; size_t len, cap; };

static void buf_add(struct buf *b, char c)
{
    if (b->len + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->s = realloc(b->s, b->cap);
    }
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}

static char *buf_take(struct buf *b)
{
    if (!b->s) return xstrdup("");
    return b->s;
}

static struct node *new_node(enum node_kind kind)
{
    struct node *n = calloc(1, sizeof(*n));
    n->kind = kind;
    return n;
}

void free_node(struct node *n)
{
    if (!n) return;
    free_node(n->left);
    free_node(n->right);
    free_node(n->if_then);
    free_node(n->if_else);
    free_node(n->for_body);
    free(n->text);
    free(n->src);
    free(n->if_kind); free(n->if_a); free(n->if_op); free(n->if_b);
    free(n->for_switch); free(n->for_opts); free(n->for_set);
    while (n->redirs) {
        struct redir *r = n->redirs;
        n->redirs = r->next;
        free(r->target);
        free(r);
    }
    free(n);
}

static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t') ps->p++;
}

static int at_end(struct parser *ps)
{
    return !*ps->p || *ps->p == '\n' || (*ps->p == ')' && ps->depth > 0);
}

/* does the text at p start with keyword kw followed by a delimiter? */
static int keyword(const char *p, const char *kw)
{
    size_t n = strlen(kw);
    if (_strnicmp(p, kw, n)) return 0;
    char c = p[n];
    return !c || c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ',' || c == ';' || c == '=';
}

static int is_special(struct parser *ps, char c)
{
    return c == '&' || c == '|' || c == '<' || c == '>' || c == '\n' || !c || (c == ')' && ps->depth > 0);
}

/* a file name after a redirection operator */
static char *parse_target(struct parser *ps)
{
    struct buf b = {0};
    int quote = 0;
    skip_ws(ps);
    for (;;) {
        char c = *ps->p;
        if (!c || c == '\n') break;
        if (!quote && (c == ' ' || c == '\t' || is_special(ps, c))) break;
        if (c == '"') quote = !quote;
        else if (c == '^' && !quote && ps->p[1]) c = *++ps->p;
        buf_add(&b, c);
        ps->p++;
    }
    return buf_take(&b);
}

/* [n]>file [n]>>file <file n>&m at ps->p (the digit, if any, included) */
static void parse_redir(struct parser *ps, struct redir ***tail)
{
    struct redir *r = calloc(1, sizeof(*r));
    r->dup_fd = -1;
    if (isdigit((unsigned char)*ps->p)) r->fd = *ps->p++ - '0';
    else r->fd = *ps->p == '<' ? 0 : 1;
    if (*ps->p == '<') ps->p++;
    else {
        ps->p++;
        if (*ps->p == '>') { r->append = 1; ps->p++; }
    }
    if (*ps->p == '&' && isdigit((unsigned char)ps->p[1])) {
        r->dup_fd = ps->p[1] - '0';
        ps->p += 2;
    } else r->target = parse_target(ps);
    **tail = r;
    *tail = &r->next;
}

static void parse_redirs_after(struct parser *ps, struct node *n)
{
    struct redir **tail = &n->redirs;
    while (*tail) tail = &(*tail)->next;
    for (;;) {
        skip_ws(ps);
        const char *p = ps->p;
        if (*p == '<' || *p == '>' || (isdigit((unsigned char)*p) && (p[1] == '>' || p[1] == '<')))
            parse_redir(ps, &tail);
        else break;
    }
}

static struct node *parse_seq(struct parser *ps);
static struct node *parse_primary(struct parser *ps);

static struct node *parse_simple(struct parser *ps)
{
    struct node *n = new_node(N_CMD);
    struct buf b = {0};
    struct redir **tail = &n->redirs;
    int quote = 0;
    if (keyword(ps->p, "rem") || (ps->p[0] == ':' && ps->p[1] == ':')) {
        /* a comment: nothing in it is special */
        while (*ps->p && *ps->p != '\n') buf_add(&b, *ps->p++);
        n->text = buf_take(&b);
        return n;
    }
    for (;;) {
        char c = *ps->p;
        if (!c || c == '\n') break;
        if (quote) {
            buf_add(&b, c);
            if (c == '"') quote = 0;
            ps->p++;
            continue;
        }
        if (c == '"') { quote = 1; buf_add(&b, c); ps->p++; continue; }
        if (c == '^') {
            ps->p++;
            if (*ps->p == '\n') { ps->p++; continue; }
            if (*ps->p) buf_add(&b, *ps->p++);
            continue;
        }
        if (c == '&' || c == '|' || (c == ')' && ps->depth > 0)) break;
        if (c == '<' || c == '>' || (isdigit((unsigned char)c) && (ps->p[1] == '>' || ps->p[1] == '<') &&
                                     (!b.len || b.s[b.len - 1] == ' ' || b.s[b.len - 1] == '\t'))) {
            parse_redir(ps, &tail);
            continue;
        }
        buf_add(&b, c);
        ps->p++;
    }
    n->text = buf_take(&b);
    return n;
}

/* an IF operand: quoted parts keep their quotes; stops at white space and,
 * for the left operand, at "==" */
static char *parse_operand(struct parser *ps, int left)
{
    struct buf b = {0};
    int quote = 0;
    skip_ws(ps);
    for (;;) {
        char c = *ps->p;
        if (!c || c == '\n') break;
        if (!quote) {
            if (c == ' ' || c == '\t' || c == ',' || c == ';') break;
            if (left && c == '=' && ps->p[1] == '=') break;
            if (!left && (c == '=' || is_special(ps, c) || c == '(' || c == ')')) {
                if (b.len || c != '=') break;
            }
            if (c == '^' && ps->p[1]) { ps->p++; c = *ps->p; }
        }
        if (c == '"') quote = !quote;
        buf_add(&b, c);
        ps->p++;
    }
    return buf_take(&b);
}

/* the command of an IF or FOR: a block, or the rest of the line */
static struct node *parse_body(struct parser *ps)
{
    skip_ws(ps);
    if (*ps->p == '(') return parse_primary(ps);
    return parse_seq(ps);
}

static struct node *parse_if(struct parser *ps)
{
    struct node *n = new_node(N_IF);
    ps->p += 2;
    skip_ws(ps);
    if (keyword(ps->p, "/i")) { n->if_icase = 1; ps->p += 2; skip_ws(ps); }
    if (keyword(ps->p, "not")) { n->if_not = 1; ps->p += 3; skip_ws(ps); }
    static const char *const unary[] = { "errorlevel", "exist", "defined", "cmdextversion" };
    for (int i = 0; i < 4; i++) {
        if (keyword(ps->p, unary[i])) {
            ps->p += strlen(unary[i]);
            n->if_kind = xstrdup(unary[i]);
            n->if_a = parse_operand(ps, 0);
            break;
        }
    }
    if (!n->if_kind) {
        n->if_kind = xstrdup("compare");
        n->if_a = parse_operand(ps, 1);
        skip_ws(ps);
        if (ps->p[0] == '=' && ps->p[1] == '=') {
            while (*ps->p == '=') ps->p++;
            n->if_op = xstrdup("==");
        } else {
            n->if_op = parse_operand(ps, 1);
        }
        n->if_b = parse_operand(ps, 0);
    }
    skip_ws(ps);
    if (at_end(ps) || *ps->p == '&' || *ps->p == '|') {
        n->if_then = NULL;
        return n;
    }
    if (*ps->p == '(') {
        n->if_then = parse_primary(ps);
        const char *save = ps->p;
        skip_ws(ps);
        if (keyword(ps->p, "else")) {
            ps->p += 4;
            n->if_else = parse_body(ps);
        } else ps->p = save;
    } else n->if_then = parse_seq(ps);
    return n;
}

/* the text between the parentheses of FOR's set */
static char *parse_paren_text(struct parser *ps)
{
    struct buf b = {0};
    int quote = 0, level = 0;
    if (*ps->p != '(') return NULL;
    ps->p++;
    for (;;) {
        char c = *ps->p;
        if (!c) return buf_take(&b);
        if (c == '"') quote = !quote;
        else if (!quote && c == '^' && ps->p[1]) c = *++ps->p;
        else if (!quote && c == '(') level++;
        else if (!quote && c == ')' && !level--) { ps->p++; break; }
        if (c == '\n') c = ' ';
        buf_add(&b, c);
        ps->p++;
    }
    return buf_take(&b);
}

static struct node *syntax_error(struct node *n)
{
    free_node(n);
    return NULL;
}

static struct node *parse_for(struct parser *ps)
{
    struct node *n = new_node(N_FOR);
    ps->p += 3;
    skip_ws(ps);
    n->for_switch = xstrdup("");
    if (*ps->p == '/' && ps->p[1] && strchr("lLfFdDrR", ps->p[1])) {
        free(n->for_switch);
        char sw[3] = { '/', (char)tolower((unsigned char)ps->p[1]), 0 };
        n->for_switch = xstrdup(sw);
        ps->p += 2;
        skip_ws(ps);
        if ((sw[1] == 'f' && *ps->p == '"') || (sw[1] == 'r' && *ps->p != '%'))
            n->for_opts = parse_operand(ps, 0);
        skip_ws(ps);
    }
    if (*ps->p != '%' || !ps->p[1]) return syntax_error(n);
    n->for_var = ps->p[1];
    ps->p += 2;
    skip_ws(ps);
    if (!keyword(ps->p, "in")) return syntax_error(n);
    ps->p += 2;
    skip_ws(ps);
    n->for_set = parse_paren_text(ps);
    if (!n->for_set) return syntax_error(n);
    skip_ws(ps);
    if (!keyword(ps->p, "do")) return syntax_error(n);
    ps->p += 2;
    n->for_body = parse_body(ps);
    return n;
}

static struct node *parse_primary(struct parser *ps)
{
    skip_ws(ps);
    while (*ps->p == '@') { ps->p++; skip_ws(ps); }
    if (*ps->p == '(') {
        struct node *n = new_node(N_BLOCK);
        ps->p++;
        ps->depth++;
        n->left = parse_seq(ps);
        while (*ps->p == '\n' || *ps->p == ' ' || *ps->p == '\t') ps->p++;
        if (*ps->p == ')') ps->p++;
        else parse_incomplete = 1;
        ps->depth--;
        parse_redirs_after(ps, n);
        return n;
    }
    if (keyword(ps->p, "if")) return parse_if(ps);
    if (keyword(ps->p, "for")) return parse_for(ps);
    return parse_simple(ps);
}

static struct node *binary(enum node_kind kind, struct node *l, struct node *r)
{
    struct node *n = new_node(kind);
    n->left = l;
    n->right = r;
    return n;
}

static char *span(const char *start, const char *end)
{
    char *s = xmalloc(end - start + 1);
    memcpy(s, start, end - start);
    s[end - start] = 0;
    return s;
}

/* each side of a pipe keeps its text: it may run in a child cmd */
static struct node *parse_pipe(struct parser *ps)
{
    skip_ws(ps);
    const char *start = ps->p;
    struct node *n = parse_primary(ps);
    for (;;) {
        const char *end = ps->p;
        skip_ws(ps);
        if (ps->p[0] != '|' || ps->p[1] == '|') return n;
        if (n && n->kind != N_PIPE) n->src = span(start, end);
        ps->p++;
        skip_ws(ps);
        start = ps->p;
        struct node *r = parse_primary(ps);
        if (r) r->src = span(start, ps->p);
        n = binary(N_PIPE, n, r);
    }
}

static struct node *parse_andor(struct parser *ps)
{
    struct node *n = parse_pipe(ps);
    for (;;) {
        skip_ws(ps);
        if (ps->p[0] == '&' && ps->p[1] == '&') {
            ps->p += 2;
            n = binary(N_AND, n, parse_pipe(ps));
        } else if (ps->p[0] == '|' && ps->p[1] == '|') {
            ps->p += 2;
            n = binary(N_OR, n, parse_pipe(ps));
        } else return n;
    }
}

static struct node *parse_seq(struct parser *ps)
{
    struct node *n = parse_andor(ps);
    for (;;) {
        skip_ws(ps);
        char c = *ps->p;
        if (c == '&' || (c == '\n' && ps->depth > 0)) {
            ps->p++;
            while (*ps->p == '\n' || *ps->p == ' ' || *ps->p == '\t') ps->p++;
            if (!*ps->p) {
                if (ps->depth > 0) parse_incomplete = 1;
                return n;
            }
            if (*ps->p == ')' && ps->depth > 0) return n;
            n = binary(N_SEQ, n, parse_andor(ps));
        } else return n;
    }
}

/* Parses text; *rest (if given) receives what follows an unmatched ')' */
struct node *parse_line(const char *text, char **rest)
{
    struct parser ps = { text, 0 };
    parse_incomplete = 0;
    struct node *n = parse_seq(&ps);
    if (rest) *rest = (char *)ps.p;
    return n;
}
