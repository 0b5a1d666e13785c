/* Windows base types with Windows sizes (LLP64), for builtin DLL code. */
#ifndef CARAFE_WINDEF_H
#define CARAFE_WINDEF_H

#include <stdint.h>
#include <stddef.h>
#include <uchar.h>

#define WINAPI   __attribute__((ms_abi))
#define CDECL    __attribute__((ms_abi))
#define CALLBACK __attribute__((ms_abi))
#define APIENTRY WINAPI
#define WINAPIV  __attribute__((ms_abi))
/* API functions are visible to other builtin DLLs; everything else is hidden. */
#define DECLSPEC_EXPORT __attribute__((visibility("default")))
#define WINBASEAPI DECLSPEC_EXPORT
#define NTSYSAPI   DECLSPEC_EXPORT

typedef void VOID, *PVOID, *LPVOID;
typedef const void *LPCVOID, *PCVOID;
typedef char CHAR, *PCHAR, *LPSTR, *PSTR;
typedef const char *LPCSTR, *PCSTR;
typedef unsigned char UCHAR, BYTE, *PUCHAR, *PBYTE, *LPBYTE, BOOLEAN, *PBOOLEAN;
typedef char16_t WCHAR, *PWCHAR, *LPWSTR, *PWSTR;
typedef const WCHAR *LPCWSTR, *PCWSTR;
typedef int16_t SHORT;
typedef uint16_t USHORT, WORD, *PUSHORT, *PWORD, *LPWORD, ATOM;
typedef int32_t INT, LONG, BOOL, *PINT, *LPINT, *PLONG, *LPLONG, *PBOOL, *LPBOOL;
typedef uint32_t UINT, ULONG, DWORD, *PUINT, *PULONG, *PDWORD, *LPDWORD, *LPUINT;
typedef long long LONGLONG, INT64, *PLONGLONG, LONG64;
typedef unsigned long long ULONGLONG, UINT64, DWORD64, *PULONGLONG, ULONG64, *PDWORD64, DWORDLONG;
typedef intptr_t INT_PTR, LONG_PTR, SSIZE_T, *PLONG_PTR;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR, SIZE_T, *PULONG_PTR, *PSIZE_T, *PDWORD_PTR;
typedef LONG NTSTATUS, HRESULT;
typedef float FLOAT;
typedef double DOUBLE;

typedef void *HANDLE, **PHANDLE, **LPHANDLE;
typedef HANDLE HINSTANCE, HMODULE, HKEY, HWND, HLOCAL, HGLOBAL, HRSRC;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM, LRESULT;

#define TRUE 1
#define FALSE 0
#define MAX_PATH 260
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)

typedef union _LARGE_INTEGER {
    struct { DWORD LowPart; LONG HighPart; };
    struct { DWORD LowPart; LONG HighPart; } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct { DWORD LowPart; DWORD HighPart; };
    struct { DWORD LowPart; DWORD HighPart; } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _FILETIME { DWORD dwLowDateTime, dwHighDateTime; } FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _SYSTEMTIME {
    WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef struct _LIST_ENTRY { struct _LIST_ENTRY *Flink, *Blink; } LIST_ENTRY, *PLIST_ENTRY;

typedef struct _UNICODE_STRING {
    USHORT Length;        /* bytes, without the terminator */
    USHORT MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;

typedef struct _STRING { USHORT Length, MaximumLength; PCHAR Buffer; } STRING, ANSI_STRING, *PANSI_STRING;

#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l) ((WORD)((DWORD_PTR)(l) >> 16))
#define MAKELONG(a, b) ((LONG)(((WORD)(a)) | ((DWORD)((WORD)(b))) << 16))

#endif
