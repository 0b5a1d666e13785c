/* msvcrt character classification in the "C" locale. */
#include <ctype.h>
#include "test.h"
#include "crt.h"

/* what the C locale's table holds for each byte, from its documented classes */
static unsigned short expected_class(int c)
{
    unsigned short f = 0;
    if (c >= 0x80) return 0;
    if (c < 0x20 || c == 0x7f) f |= _CONTROL;
    if ((c >= 9 && c <= 13) || c == ' ') f |= _SPACE;
    if (c == ' ') f |= _BLANK;
    if (c >= '0' && c <= '9') f |= _DIGIT | _HEX;
    if (c >= 'A' && c <= 'Z') f |= _UPPER;
    if (c >= 'a' && c <= 'z') f |= _LOWER;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) f |= _HEX;
    if (c > ' ' && c < 0x7f && !(f & (_DIGIT | _UPPER | _LOWER))) f |= _PUNCT;
    return f;
}

int main(void)
{
    const unsigned short *table = CRTT(const unsigned short *(*)(void), __pctype_func)();
    unsigned short *ctype_data = CRTT(unsigned short *, _ctype);
    unsigned short **pctype = CRTT(unsigned short **, _pctype);
    int bad = 0;

    ok(ctype_data[0] == 0, "_ctype[0] (EOF) is %x", ctype_data[0]);
    ok(table == ctype_data + 1 && *pctype == table, "_pctype points at _ctype + 1");
    for (int c = 0; c < 256; c++) {
        if (table[c] != expected_class(c)) {
            if (bad++ < 5) ok(0, "class of %#x is %#x, expected %#x", c, table[c], expected_class(c));
        }
    }
    ok(!bad, "%d bytes classified differently", bad);

    ok(CRT(isalpha)('a') && CRT(isalpha)('Z') && !CRT(isalpha)('1') && !CRT(isalpha)(0xe9), "isalpha");
    ok(!CRT(isalpha)(-1) && !CRT(isalpha)(300), "isalpha out of range");
    ok(CRT(isdigit)('5') && !CRT(isdigit)('a'), "isdigit");
    ok(CRT(isxdigit)('f') && CRT(isxdigit)('A') && !CRT(isxdigit)('g'), "isxdigit");
    ok(CRT(isspace)(' ') && CRT(isspace)('\n') && CRT(isspace)('\v') && !CRT(isspace)('x') && !CRT(isspace)(0xa0), "isspace");
    ok(CRT(isupper)('Q') && !CRT(isupper)('q') && CRT(islower)('q') && !CRT(islower)('Q'), "isupper/islower");
    ok(CRT(ispunct)('!') && CRT(ispunct)('~') && !CRT(ispunct)(' ') && !CRT(ispunct)('a'), "ispunct");
    ok(CRT(isalnum)('a') && CRT(isalnum)('0') && !CRT(isalnum)('_'), "isalnum");
    ok(CRT(isprint)(' ') && CRT(isprint)('a') && !CRT(isprint)('\t') && !CRT(isprint)(0x7f), "isprint");
    ok(CRT(isgraph)('a') && !CRT(isgraph)(' '), "isgraph");
    ok(CRT(iscntrl)('\t') && CRT(iscntrl)(0x7f) && !CRT(iscntrl)('a'), "iscntrl");
    ok(CRT(_isctype)('A', _UPPER) && !CRT(_isctype)('A', _LOWER), "_isctype");
    ok(CRT(__isascii)(0x7f) && !CRT(__isascii)(0x80), "__isascii");
    ok(CRT(__toascii)(0xe9) == 0x69, "__toascii");
    ok(CRT(__iscsym)('_') && CRT(__iscsym)('9') && !CRT(__iscsym)('-'), "__iscsym");
    ok(CRT(__iscsymf)('_') && CRT(__iscsymf)('a') && !CRT(__iscsymf)('9'), "__iscsymf");

    ok(CRT(toupper)('a') == 'A' && CRT(toupper)('A') == 'A' && CRT(toupper)('1') == '1', "toupper");
    ok(CRT(toupper)(0xe9) == 0xe9 && CRT(toupper)(-1) == -1, "toupper leaves others alone");
    ok(CRT(tolower)('Q') == 'q' && CRT(tolower)('q') == 'q', "tolower");
    ok(CRT(_toupper)('a') == 'A' && CRT(_tolower)('A') == 'a', "_toupper/_tolower");
    ok(CRT(_toupper)('A') == '!', "_toupper converts unconditionally: %d", CRT(_toupper)('A'));

    ok(CRTT(int (*)(void), ___mb_cur_max_func)() == 1, "___mb_cur_max_func");
    ok(*CRTT(int *, __mb_cur_max) == 1, "__mb_cur_max");
    ok(CRTT(unsigned (*)(void), ___lc_codepage_func)() == 0, "___lc_codepage_func");
    ok(CRTT(int (*)(void), ___lc_collate_cp_func)() == 0, "___lc_collate_cp_func");

    const unsigned short *wt = CRTT(const unsigned short *(*)(void), __pwctype_func)();
    ok(wt['A'] == (_UPPER | _HEX | 0x100), "wide 'A' %#x", wt['A']);
    ok(wt['\t'] == (_CONTROL | _SPACE | _BLANK), "wide tab %#x", wt['\t']);
    ok(wt[0xe9] == (_LOWER | 0x100) && wt[0xc9] == (_UPPER | 0x100), "wide Latin-1 letters");
    ok(wt[0xa0] == (_SPACE | _BLANK) && wt[0x85] == _CONTROL && wt[0xd7] == _PUNCT, "wide Latin-1 others");
    return test_summary();
}
