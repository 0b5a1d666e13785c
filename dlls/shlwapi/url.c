/* shlwapi.dll: URL tests (UrlIsW), written from Microsoft's documentation
 * of UrlIs and behaviour observed under Wine.  Dart's VM asks whether its
 * script argument is a file URL before it opens it as a path. */
#include "winbase.h"
#include "carafe/debug.h"

DEFAULT_DEBUG_CHANNEL(shlwapi);

/* URLIS, as in shlwapi.h */
enum {
    URLIS_URL, URLIS_OPAQUE, URLIS_NOHISTORY, URLIS_FILEURL, URLIS_APPLIABLE,
    URLIS_DIRECTORY, URLIS_HASQUERY
};

static int is_scheme_char(WCHAR c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '-' || c == '.';
}

/* Length of the scheme before the ':', or 0 when there is none.  A scheme
 * has two characters at least, so that "C:\x" is a path, not a URL. */
static size_t scheme_length(const WCHAR *url)
{
    size_t n = 0;
    while (is_scheme_char(url[n])) n++;
    return url[n] == ':' && n >= 2 ? n : 0;
}

static int is_file_url(const WCHAR *url)
{
    static const char file[] = "file:";
    for (size_t i = 0; file[i]; i++) {
        WCHAR c = url[i];
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c != (WCHAR)file[i]) return 0;
    }
    return 1;
}

BOOL WINAPI UrlIsW(const WCHAR *url, int type)
{
    if (!url) return FALSE;
    switch (type) {
    case URLIS_URL:
        return scheme_length(url) != 0;
    case URLIS_FILEURL:
        return is_file_url(url);
    default:
        FIXME("URLIS %d not implemented\n", type);
        return FALSE;
    }
}
