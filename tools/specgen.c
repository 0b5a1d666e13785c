/* specgen: turn a DLL's .spec file into its export table (C source).
 *
 * Line syntax (one export per line, '#' starts a comment):
 *   ORD TYPE [-noname] NAME[(ARGS)] [CSYMBOL]
 * ORD is a number or '@' (next free ordinal).  Options: -noname (export by
 * ordinal only), -norelay (never traced by +relay: setjmp and the like).  TYPE is one of
 *   stdcall, cdecl     a function; ARGS are relay types (ptr str wstr long int64 double ...)
 *   varargs            a variadic function
 *   extern             a variable
 *   stub               declared only: calling it traps
 *   forward            NAME TARGETDLL.TARGETNAME
 * CSYMBOL is the C symbol when it differs from NAME.
 * A line "%name KERNEL32.dll" sets how the DLL names itself. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    int ordinal, noname, norelay, kind, varargs, line;
    char name[128], args[256], csym[128], forward[160];
};

enum { K_FUNC, K_DATA, K_STUB, K_FORWARD };
static const char *kind_names[] = { "EXPORT_FUNC", "EXPORT_DATA", "EXPORT_STUB", "EXPORT_FORWARD" };

static struct entry *entries;
static int count, capacity;
static const char *spec_path;

static void die(int line, const char *msg, const char *what)
{
    fprintf(stderr, "%s:%d: %s%s%s\n", spec_path, line, msg, what ? ": " : "", what ? what : "");
    exit(1);
}

static int cmp_name(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->noname != y->noname) return x->noname - y->noname;
    if (x->noname) return x->ordinal - y->ordinal;
    return strcmp(x->name, y->name);
}

static char *next_token(char **p)
{
    while (isspace((unsigned char)**p)) (*p)++;
    if (!**p) return NULL;
    char *start = *p;
    int depth = 0;
    while (**p && (depth || !isspace((unsigned char)**p))) {
        if (**p == '(') depth++;
        if (**p == ')') depth--;
        (*p)++;
    }
    if (**p) *(*p)++ = 0;
    return start;
}

static void parse_line(char *buf, int line)
{
    char *p = buf, *tok, *type;
    char *hash = strchr(buf, '#');
    if (hash) *hash = 0;
    if (!(tok = next_token(&p))) return;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 256;
        entries = realloc(entries, capacity * sizeof(*entries));
        if (!entries) die(line, "out of memory", NULL);
    }
    struct entry *e = &entries[count];
    memset(e, 0, sizeof(*e));
    e->line = line;
    e->ordinal = strcmp(tok, "@") ? atoi(tok) : -1;
    if (e->ordinal == 0) die(line, "bad ordinal", tok);
    if (!(type = next_token(&p))) die(line, "missing export type", NULL);
    if (!strcmp(type, "stdcall") || !strcmp(type, "cdecl")) e->kind = K_FUNC;
    else if (!strcmp(type, "varargs")) { e->kind = K_FUNC; e->varargs = 1; }
    else if (!strcmp(type, "extern")) e->kind = K_DATA;
    else if (!strcmp(type, "stub")) e->kind = K_STUB;
    else if (!strcmp(type, "forward")) e->kind = K_FORWARD;
    else die(line, "unknown export type", type);
    if (!(tok = next_token(&p))) die(line, "missing export name", NULL);
    while (tok[0] == '-') {
        if (!strcmp(tok, "-noname")) e->noname = 1;
        else if (!strcmp(tok, "-norelay")) e->norelay = 1;
        else die(line, "unknown option", tok);
        if (!(tok = next_token(&p))) die(line, "missing export name", NULL);
    }
    char *paren = strchr(tok, '(');
    if (paren) {
        char *close = strchr(paren, ')');
        if (!close || close[1]) die(line, "malformed argument list", tok);
        *close = 0;
        for (char *a = paren + 1; *a; a++) if (*a == ' ') *a = ',';
        snprintf(e->args, sizeof(e->args), "%s", paren + 1);
        *paren = 0;
    }
    if (strlen(tok) >= sizeof(e->name)) die(line, "name too long", tok);
    strcpy(e->name, tok);
    tok = next_token(&p);
    if (e->kind == K_FORWARD) {
        if (!tok || !strchr(tok, '.')) die(line, "forward needs DLL.NAME", e->name);
        snprintf(e->forward, sizeof(e->forward), "%s", tok);
    } else if (tok) {
        snprintf(e->csym, sizeof(e->csym), "%s", tok);
    } else if (e->kind == K_FUNC || e->kind == K_DATA) {
        strcpy(e->csym, e->name);
    }
    if (next_token(&p)) die(line, "trailing text", NULL);
    count++;
}

int main(int argc, char **argv)
{
    char buf[1024], dllname[128] = "";
    int line = 0, next_ord = 1, max_ord = 0, min_ord = 1 << 30;

    if (argc != 3) {
        fprintf(stderr, "usage: specgen FILE.spec OUTPUT.c\n");
        return 2;
    }
    spec_path = argv[1];
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 1; }
    while (fgets(buf, sizeof(buf), in)) {
        line++;
        if (!strncmp(buf, "%name ", 6)) {
            sscanf(buf + 6, "%127s", dllname);
            continue;
        }
        parse_line(buf, line);
    }
    fclose(in);
    if (!*dllname) die(line, "missing %name line", NULL);

    /* explicit ordinals first, then '@' takes the next free one */
    char *used = calloc(65536, 1);
    for (int i = 0; i < count; i++) {
        if (entries[i].ordinal < 0) continue;
        if (entries[i].ordinal > 65535 || used[entries[i].ordinal]) die(entries[i].line, "duplicate or bad ordinal", entries[i].name);
        used[entries[i].ordinal] = 1;
    }
    for (int i = 0; i < count; i++) {
        if (entries[i].ordinal > 0) continue;
        while (used[next_ord]) next_ord++;
        entries[i].ordinal = next_ord;
        used[next_ord] = 1;
    }
    for (int i = 0; i < count; i++) {
        if (entries[i].ordinal > max_ord) max_ord = entries[i].ordinal;
        if (entries[i].ordinal < min_ord) min_ord = entries[i].ordinal;
    }
    qsort(entries, count, sizeof(*entries), cmp_name);
    int named = 0;
    for (int i = 0; i < count; i++) {
        if (entries[i].noname) continue;
        named++;
        if (i && !entries[i - 1].noname && !strcmp(entries[i - 1].name, entries[i].name))
            die(entries[i].line, "duplicate export", entries[i].name);
    }

    FILE *out = fopen(argv[2], "w");
    if (!out) { perror(argv[2]); return 1; }
    fprintf(out, "/* Generated by tools/specgen from %s. Do not edit. */\n", argv[1]);
    fprintf(out, "#include \"carafe/spec.h\"\n\n");
    for (int i = 0; i < count; i++) {
        if (entries[i].kind == K_FUNC) fprintf(out, "extern void %s(void);\n", entries[i].csym);
        if (entries[i].kind == K_DATA) fprintf(out, "extern char %s[];\n", entries[i].csym);
    }
    fprintf(out, "\nstatic const struct carafe_export exports[] = {\n");
    for (int i = 0; i < count; i++) {
        struct entry *e = &entries[i];
        fprintf(out, "    { %s%s%s, ", e->noname ? "" : "\"", e->noname ? "0" : e->name, e->noname ? "" : "\"");
        if (*e->csym) fprintf(out, "(void *)%s, ", e->csym); else fprintf(out, "0, ");
        fprintf(out, "\"%s\", ", e->args);
        if (*e->forward) fprintf(out, "\"%s\", ", e->forward); else fprintf(out, "0, ");
        fprintf(out, "%d, %s, %d },\n", e->ordinal, kind_names[e->kind], e->varargs | (e->norelay << 1));
    }
    if (!count) fprintf(out, "    { 0 }\n");
    fprintf(out, "};\n\nstatic const unsigned short by_ordinal[] = {\n");
    if (!count) min_ord = max_ord = 1;
    for (int o = min_ord; o <= max_ord; o++) {
        int idx = 0xffff;
        for (int i = 0; i < count; i++) if (entries[i].ordinal == o) idx = i;
        fprintf(out, "    %d,\n", idx);
    }
    fprintf(out, "};\n\n__attribute__((visibility(\"default\"))) const struct carafe_dll %s = {\n", "__carafe_dll");
    fprintf(out, "    \"%s\", exports, %d, %d, %d, %d, by_ordinal\n};\n", dllname, count, named, min_ord, max_ord);
    fclose(out);
    free(used);
    return 0;
}
