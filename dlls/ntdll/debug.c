/* Debug channels (CARAFE_DEBUG), see include/carafe/debug.h.
 * Syntax: comma-separated items [class]+|-channel, where class is one of
 * err, fixme, warn, trace (no class = all classes) and channel may be "all". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "carafe/ntdll.h"

#define DEFAULT_FLAGS ((1 << DBCL_ERR) | (1 << DBCL_FIXME))
static const char *class_names[] = { "err", "fixme", "warn", "trace" };

/* the channel's flags from CARAFE_DEBUG; later items override earlier ones */
static unsigned char flags_for(const char *channel)
{
    unsigned char flags = DEFAULT_FLAGS;
    const char *spec = getenv("CARAFE_DEBUG");
    if (!spec) return flags;
    while (*spec) {
        const char *end = strchr(spec, ',');
        size_t len = end ? (size_t)(end - spec) : strlen(spec);
        char item[64];
        if (len < sizeof(item)) {
            memcpy(item, spec, len);
            item[len] = 0;
            char *op = strpbrk(item, "+-");
            if (op) {
                unsigned char mask = 0xf;
                if (op != item) {
                    mask = 0;
                    for (int i = 0; i < 4; i++)
                        if ((size_t)(op - item) == strlen(class_names[i]) &&
                            !strncmp(item, class_names[i], op - item)) mask = 1 << i;
                }
                const char *name = op + 1;
                if (!strcmp(name, "all") || !strcmp(name, channel)) {
                    if (*op == '+') flags |= mask; else flags &= ~mask;
                }
            }
        }
        spec += len;
        if (*spec == ',') spec++;
    }
    return flags;
}

unsigned char carafe_dbg_init_channel(struct debug_channel *ch)
{
    unsigned char f = flags_for(ch->name);
    ch->flags = f;
    return f;
}

void carafe_dbg_log(enum debug_class cls, const struct debug_channel *ch,
                    const char *func, const char *fmt, ...)
{
    char buf[1024];
    int n = snprintf(buf, sizeof(buf), "carafe: %s:%s:%s ", class_names[cls], ch->name, func);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && n < (int)sizeof(buf)) n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(buf)) n = sizeof(buf) - 1;
    if (n > 0 && buf[n - 1] != '\n' && n < (int)sizeof(buf) - 1) buf[n++] = '\n';
    if (n > 0) { ssize_t r = write(2, buf, n); (void)r; }
}
