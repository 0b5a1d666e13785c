/* Constants of winbase.h that ntdll needs too. */
#ifndef CARAFE_WINBASE_CONSTS_H
#define CARAFE_WINBASE_CONSTS_H

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK    1
#define FILE_TYPE_CHAR    2
#define FILE_TYPE_PIPE    3

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)

#endif
