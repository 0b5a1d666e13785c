/* user32 API declarations (the parts carafe implements). */
#ifndef CARAFE_WINUSER_H
#define CARAFE_WINUSER_H

#include "winbase.h"

WINBASEAPI int WINAPI LoadStringA(HINSTANCE, UINT, LPSTR, int);
WINBASEAPI int WINAPI LoadStringW(HINSTANCE, UINT, LPWSTR, int);

#endif
