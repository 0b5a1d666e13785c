/* Character helpers: CharUpper/CharLower (and their Buff forms), CharNext,
 * CharPrev, IsCharAlpha and friends.  The W functions map through kernel32's
 * LCMapStringW and GetStringTypeW; the A functions go through the ANSI code
 * page, one character at a time. */
#include <string.h>

#include "winnls.h"

#define MAP_UPPER LCMAP_UPPERCASE
#define MAP_LOWER LCMAP_LOWERCASE

static WCHAR map_wchar(WCHAR c, DWORD how)
{
    WCHAR out = c;
    LCMapStringW(LOCALE_USER_DEFAULT, how, &c, 1, &out, 1);
    return out;
}

static DWORD map_buff_w(WCHAR *s, DWORD len, DWORD how)
{
    if (!s || !len) return 0;
    LCMapStringW(LOCALE_USER_DEFAULT, how, s, len, s, len);
    return len;
}

/* Maps an ANSI buffer in place; a character whose mapping takes another
 * byte count is left as it was. */
static DWORD map_buff_a(char *s, DWORD len, DWORD how)
{
    if (!s || !len) return 0;
    for (DWORD i = 0; i < len; ) {
        int n = (IsDBCSLeadByte((BYTE)s[i]) && i + 1 < len) ? 2 : 1;
        WCHAR wc;
        char out[4];
        if ((BYTE)s[i] < 0x80) {
            if (how == MAP_UPPER && s[i] >= 'a' && s[i] <= 'z') s[i] -= 32;
            else if (how == MAP_LOWER && s[i] >= 'A' && s[i] <= 'Z') s[i] += 32;
            i++;
            continue;
        }
        if (MultiByteToWideChar(CP_ACP, 0, s + i, n, &wc, 1) == 1) {
            WCHAR m = map_wchar(wc, how);
            BOOL used = FALSE;
            UINT acp = GetACP();
            int r = m == wc ? 0 : WideCharToMultiByte(CP_ACP, 0, &m, 1, out, sizeof(out), NULL,
                                                    acp == CP_UTF8 || acp == CP_UTF7 ? NULL : &used);
            if (r == n && !used) memcpy(s + i, out, n);
        }
        i += n;
    }
    return len;
}

static char map_char_a(char c, DWORD how)
{
    char s[1] = { c };
    map_buff_a(s, 1, how);
    return s[0];
}

/* A pointer whose high word is zero holds one character. */
LPSTR WINAPI CharUpperA(LPSTR s)
{
    if (!((ULONG_PTR)s >> 16)) return (LPSTR)(ULONG_PTR)(BYTE)map_char_a((char)(ULONG_PTR)s, MAP_UPPER);
    map_buff_a(s, strlen(s), MAP_UPPER);
    return s;
}

LPSTR WINAPI CharLowerA(LPSTR s)
{
    if (!((ULONG_PTR)s >> 16)) return (LPSTR)(ULONG_PTR)(BYTE)map_char_a((char)(ULONG_PTR)s, MAP_LOWER);
    map_buff_a(s, strlen(s), MAP_LOWER);
    return s;
}

static DWORD wlen(const WCHAR *s)
{
    DWORD n = 0;
    while (s[n]) n++;
    return n;
}

LPWSTR WINAPI CharUpperW(LPWSTR s)
{
    if (!((ULONG_PTR)s >> 16)) return (LPWSTR)(ULONG_PTR)map_wchar((WCHAR)(ULONG_PTR)s, MAP_UPPER);
    map_buff_w(s, wlen(s), MAP_UPPER);
    return s;
}

LPWSTR WINAPI CharLowerW(LPWSTR s)
{
    if (!((ULONG_PTR)s >> 16)) return (LPWSTR)(ULONG_PTR)map_wchar((WCHAR)(ULONG_PTR)s, MAP_LOWER);
    map_buff_w(s, wlen(s), MAP_LOWER);
    return s;
}

DWORD WINAPI CharUpperBuffA(LPSTR s, DWORD len) { return map_buff_a(s, len, MAP_UPPER); }
DWORD WINAPI CharLowerBuffA(LPSTR s, DWORD len) { return map_buff_a(s, len, MAP_LOWER); }
DWORD WINAPI CharUpperBuffW(LPWSTR s, DWORD len) { return map_buff_w(s, len, MAP_UPPER); }
DWORD WINAPI CharLowerBuffW(LPWSTR s, DWORD len) { return map_buff_w(s, len, MAP_LOWER); }

/* the terminator is never stepped over */
LPSTR WINAPI CharNextA(LPCSTR s)
{
    if (!*s) return (LPSTR)s;
    if (IsDBCSLeadByte((BYTE)s[0]) && s[1]) return (LPSTR)s + 2;
    return (LPSTR)s + 1;
}

LPWSTR WINAPI CharNextW(LPCWSTR s)
{
    return (LPWSTR)(*s ? s + 1 : s);
}

/* CharNextA in code page CP (0: the ANSI code page) */
static LPCSTR char_next_cp(WORD cp, LPCSTR s)
{
    if (!*s) return s;
    if (IsDBCSLeadByteEx(cp ? cp : CP_ACP, (BYTE)s[0]) && s[1]) return s + 2;
    return s + 1;
}

/* walk forward from the start: a DBCS trail byte cannot be told apart alone */
static LPSTR char_prev_cp(WORD cp, LPCSTR start, LPCSTR s)
{
    while (start < s) {
        LPCSTR next = char_next_cp(cp, start);
        if (next >= s || next == start) break;
        start = next;
    }
    return (LPSTR)start;
}

LPSTR WINAPI CharPrevA(LPCSTR start, LPCSTR s)
{
    return char_prev_cp(0, start, s);
}

/* FLAGS is reserved */
LPSTR WINAPI CharPrevExA(WORD cp, LPCSTR start, LPCSTR s, DWORD flags)
{
    (void)flags;
    return char_prev_cp(cp, start, s);
}

LPWSTR WINAPI CharPrevW(LPCWSTR start, LPCWSTR s)
{
    return (LPWSTR)(s > start ? s - 1 : start);
}

static WORD type_w(WCHAR c)
{
    WORD t = 0;
    GetStringTypeW(CT_CTYPE1, &c, 1, &t);
    return t;
}

static WORD type_a(CHAR c)
{
    WCHAR wc;
    if (MultiByteToWideChar(CP_ACP, 0, &c, 1, &wc, 1) != 1) return 0;
    return type_w(wc);
}

BOOL WINAPI IsCharAlphaW(WCHAR c) { return (type_w(c) & C1_ALPHA) != 0; }
BOOL WINAPI IsCharAlphaA(CHAR c) { return (type_a(c) & C1_ALPHA) != 0; }
BOOL WINAPI IsCharAlphaNumericW(WCHAR c) { return (type_w(c) & (C1_ALPHA | C1_DIGIT)) != 0; }
BOOL WINAPI IsCharAlphaNumericA(CHAR c) { return (type_a(c) & (C1_ALPHA | C1_DIGIT)) != 0; }
BOOL WINAPI IsCharUpperW(WCHAR c) { return (type_w(c) & C1_UPPER) != 0; }
BOOL WINAPI IsCharUpperA(CHAR c) { return (type_a(c) & C1_UPPER) != 0; }
BOOL WINAPI IsCharLowerW(WCHAR c) { return (type_w(c) & C1_LOWER) != 0; }
BOOL WINAPI IsCharLowerA(CHAR c) { return (type_a(c) & C1_LOWER) != 0; }
