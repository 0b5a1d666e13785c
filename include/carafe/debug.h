/* Debug channels: CARAFE_DEBUG=+file,-heap,warn+all,trace+module,+relay,-all
 * Classes: err and fixme are on by default, warn and trace off.
 * Messages go to stderr as "carafe: CLASS:CHANNEL:FUNCTION message". */
#ifndef CARAFE_DEBUG_H
#define CARAFE_DEBUG_H

#define CARAFE_API __attribute__((visibility("default")))

enum debug_class { DBCL_ERR, DBCL_FIXME, DBCL_WARN, DBCL_TRACE };

struct debug_channel {
    unsigned char flags;   /* bit per class; 0xff until first use */
    char name[15];
};

CARAFE_API unsigned char carafe_dbg_init_channel(struct debug_channel *ch);
CARAFE_API void carafe_dbg_log(enum debug_class cls, const struct debug_channel *ch,
                               const char *func, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static inline int carafe_dbg_on(struct debug_channel *ch, enum debug_class cls)
{
    unsigned char f = ch->flags;
    if (__builtin_expect(f == 0xff, 0)) f = carafe_dbg_init_channel(ch);
    return (f >> cls) & 1;
}

#define DEFAULT_DEBUG_CHANNEL(ch) static struct debug_channel __attribute__((unused)) carafe_dbch_default = { 0xff, #ch }
#define DECLARE_DEBUG_CHANNEL(ch) static struct debug_channel __attribute__((unused)) carafe_dbch_##ch = { 0xff, #ch }

#define CARAFE_DPRINTF(cls, ch, ...) \
    do { if (carafe_dbg_on(ch, cls)) carafe_dbg_log(cls, ch, __func__, __VA_ARGS__); } while (0)

#define TRACE(...) CARAFE_DPRINTF(DBCL_TRACE, &carafe_dbch_default, __VA_ARGS__)
#define WARN(...)  CARAFE_DPRINTF(DBCL_WARN, &carafe_dbch_default, __VA_ARGS__)
#define ERR(...)   CARAFE_DPRINTF(DBCL_ERR, &carafe_dbch_default, __VA_ARGS__)
#define TRACE_(ch) CARAFE_DPRINTF_(DBCL_TRACE, ch)
#define TRACE_ON(ch) carafe_dbg_on(&carafe_dbch_##ch, DBCL_TRACE)
/* A fixme says once per call site that something is not fully implemented. */
#define FIXME(...) \
    do { static int carafe_once; \
         if (!carafe_once) { carafe_once = 1; CARAFE_DPRINTF(DBCL_FIXME, &carafe_dbch_default, __VA_ARGS__); } \
    } while (0)

#endif
