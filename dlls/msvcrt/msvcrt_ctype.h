/* Character class bits of msvcrt's _ctype/_pctype/_pwctype tables, and the
 * wide classification the wide-string functions share (ctype.c). */
#ifndef CARAFE_MSVCRT_CTYPE_H
#define CARAFE_MSVCRT_CTYPE_H

#define MSVCRT__UPPER   0x0001
#define MSVCRT__LOWER   0x0002
#define MSVCRT__DIGIT   0x0004
#define MSVCRT__SPACE   0x0008
#define MSVCRT__PUNCT   0x0010
#define MSVCRT__CONTROL 0x0020
#define MSVCRT__BLANK   0x0040
#define MSVCRT__HEX     0x0080
#define MSVCRT__LEADALPHA 0x0100   /* the wide table's "alphabetic" bit */
#define MSVCRT__DEFINED 0x0200     /* C1_DEFINED: iswctype reports it above U+00FF */
#define MSVCRT__ALPHA   (MSVCRT__LEADALPHA | MSVCRT__UPPER | MSVCRT__LOWER)

extern unsigned short MSVCRT__ctype[257];
/* the wide class bits of a UTF-16 unit (0 for WEOF and unassigned units) */
unsigned short msvcrt_wide_class(unsigned int c);

#endif
