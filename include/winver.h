/* version.dll: file version resources. */
#ifndef CARAFE_WINVER_H
#define CARAFE_WINVER_H

#include "winbase.h"

#define VS_VERSION_INFO 1
#define VS_FFI_SIGNATURE 0xfeef04bd
#define FILE_VER_GET_LOCALISED 0x01
#define FILE_VER_GET_NEUTRAL   0x02
#define FILE_VER_GET_PREFETCHED 0x04

typedef struct tagVS_FIXEDFILEINFO {
    DWORD dwSignature, dwStrucVersion;
    DWORD dwFileVersionMS, dwFileVersionLS, dwProductVersionMS, dwProductVersionLS;
    DWORD dwFileFlagsMask, dwFileFlags, dwFileOS, dwFileType, dwFileSubtype;
    DWORD dwFileDateMS, dwFileDateLS;
} VS_FIXEDFILEINFO;

WINBASEAPI DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR, LPDWORD);
WINBASEAPI DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR, LPDWORD);
WINBASEAPI DWORD WINAPI GetFileVersionInfoSizeExW(DWORD, LPCWSTR, LPDWORD);
WINBASEAPI BOOL WINAPI GetFileVersionInfoA(LPCSTR, DWORD, DWORD, LPVOID);
WINBASEAPI BOOL WINAPI GetFileVersionInfoW(LPCWSTR, DWORD, DWORD, LPVOID);
WINBASEAPI BOOL WINAPI GetFileVersionInfoExW(DWORD, LPCWSTR, DWORD, DWORD, LPVOID);
WINBASEAPI BOOL WINAPI VerQueryValueA(LPCVOID, LPCSTR, LPVOID *, UINT *);
WINBASEAPI BOOL WINAPI VerQueryValueW(LPCVOID, LPCWSTR, LPVOID *, UINT *);

#endif
