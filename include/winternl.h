/* TEB, PEB and loader structures with the offsets of 64-bit Windows. */
#ifndef CARAFE_WINTERNL_H
#define CARAFE_WINTERNL_H

#include "winnt.h"

typedef struct _CURDIR { UNICODE_STRING DosPath; HANDLE Handle; } CURDIR;

typedef struct _RTL_USER_PROCESS_PARAMETERS {
    ULONG MaximumLength, Length, Flags, DebugFlags;
    HANDLE ConsoleHandle;
    ULONG ConsoleFlags;
    HANDLE StandardInput, StandardOutput, StandardError;
    CURDIR CurrentDirectory;
    UNICODE_STRING DllPath, ImagePathName, CommandLine;
    PWSTR Environment;
    ULONG StartingX, StartingY, CountX, CountY, CountCharsX, CountCharsY;
    ULONG FillAttribute, WindowFlags, ShowWindowFlags;
    UNICODE_STRING WindowTitle, Desktop, ShellInfo, RuntimeData;
    BYTE CurrentDirectories[32 * 24];
    ULONG_PTR EnvironmentSize;
} RTL_USER_PROCESS_PARAMETERS, *PRTL_USER_PROCESS_PARAMETERS;

typedef struct _PEB_LDR_DATA {
    ULONG Length;
    BOOLEAN Initialized;
    PVOID SsHandle;
    LIST_ENTRY InLoadOrderModuleList;
    LIST_ENTRY InMemoryOrderModuleList;
    LIST_ENTRY InInitializationOrderModuleList;
    PVOID EntryInProgress;
} PEB_LDR_DATA, *PPEB_LDR_DATA;

typedef struct _LDR_DATA_TABLE_ENTRY {
    LIST_ENTRY InLoadOrderLinks;
    LIST_ENTRY InMemoryOrderLinks;
    LIST_ENTRY InInitializationOrderLinks;
    PVOID DllBase;
    PVOID EntryPoint;
    ULONG SizeOfImage;
    UNICODE_STRING FullDllName;
    UNICODE_STRING BaseDllName;
    ULONG Flags;
    USHORT LoadCount;
    USHORT TlsIndex;
    LIST_ENTRY HashLinks;
    ULONG TimeDateStamp;
} LDR_DATA_TABLE_ENTRY, *PLDR_DATA_TABLE_ENTRY;

typedef struct _PEB {
    BOOLEAN InheritedAddressSpace, ReadImageFileExecOptions, BeingDebugged, BitField;
    HANDLE Mutant;                                   /* 0x08 */
    PVOID ImageBaseAddress;                          /* 0x10 */
    PPEB_LDR_DATA Ldr;                               /* 0x18 */
    PRTL_USER_PROCESS_PARAMETERS ProcessParameters;  /* 0x20 */
    PVOID SubSystemData;                             /* 0x28 */
    HANDLE ProcessHeap;                              /* 0x30 */
    PVOID FastPebLock;                               /* 0x38 */
    BYTE Reserved1[0xb8 - 0x40];
    ULONG NumberOfProcessors;                        /* 0xb8 */
    ULONG NtGlobalFlag;                              /* 0xbc */
    BYTE Reserved2[0x118 - 0xc0];
    ULONG OSMajorVersion;                            /* 0x118 */
    ULONG OSMinorVersion;                            /* 0x11c */
    USHORT OSBuildNumber;                            /* 0x120 */
    USHORT OSCSDVersion;                             /* 0x122 */
    ULONG OSPlatformId;                              /* 0x124 */
    ULONG ImageSubsystem;                            /* 0x128 */
    ULONG ImageSubsystemMajorVersion;                /* 0x12c */
    ULONG ImageSubsystemMinorVersion;                /* 0x130 */
    BYTE Reserved3[0x7c8 - 0x134];
} PEB, *PPEB;

#define TLS_MINIMUM_AVAILABLE 64
#define TLS_EXPANSION_SLOTS 1024

typedef struct _NT_TIB {
    PVOID ExceptionList, StackBase, StackLimit, SubSystemTib, FiberData, ArbitraryUserPointer;
    struct _NT_TIB *Self;
} NT_TIB;

typedef struct _CLIENT_ID { HANDLE UniqueProcess, UniqueThread; } CLIENT_ID;

typedef struct _TEB {
    NT_TIB Tib;                                      /* 0x000 */
    PVOID EnvironmentPointer;                        /* 0x038 */
    CLIENT_ID ClientId;                              /* 0x040 */
    PVOID ActiveRpcHandle;                           /* 0x050 */
    PVOID ThreadLocalStoragePointer;                 /* 0x058 */
    PPEB Peb;                                        /* 0x060 */
    ULONG LastErrorValue;                            /* 0x068 */
    ULONG CountOfOwnedCriticalSections;              /* 0x06c */
    BYTE Reserved0[0x108 - 0x70];
    ULONG CurrentLocale;                             /* 0x108 */
    BYTE Reserved1[0x1478 - 0x10c];
    PVOID DeallocationStack;                         /* 0x1478 */
    PVOID TlsSlots[TLS_MINIMUM_AVAILABLE];           /* 0x1480 */
    LIST_ENTRY TlsLinks;                             /* 0x1680 */
    BYTE Reserved2[0x1748 - 0x1690];
    ULONG GuaranteedStackBytes;                      /* 0x1748: SetThreadStackGuarantee */
    BYTE Reserved2b[0x1780 - 0x174c];
    PVOID *TlsExpansionSlots;                        /* 0x1780 */
    BYTE Reserved3[0x17c8 - 0x1788];
    PVOID FlsData;                                   /* 0x17c8 */
    BYTE Reserved4[0x1838 - 0x17d0];
    /* carafe's private per-thread state follows the Windows layout */
    struct carafe_thread *carafe;                    /* 0x1838 */
    /* Per-thread data of builtin DLLs (CARAFE_TLS_*).  Builtins never use
     * __thread: gcc does not preserve the registers ms_abi callers rely on
     * around the __tls_get_addr call of a dlopen'ed object. */
    void *carafe_dll_data[8];                        /* 0x1840 */
} TEB, *PTEB;

enum { CARAFE_TLS_MSVCRT, CARAFE_TLS_KERNEL32 };

_Static_assert(__builtin_offsetof(TEB, Peb) == 0x60, "TEB.Peb");
_Static_assert(__builtin_offsetof(TEB, CurrentLocale) == 0x108, "TEB.CurrentLocale");
_Static_assert(__builtin_offsetof(TEB, LastErrorValue) == 0x68, "TEB.LastErrorValue");
_Static_assert(__builtin_offsetof(TEB, TlsSlots) == 0x1480, "TEB.TlsSlots");
_Static_assert(__builtin_offsetof(TEB, GuaranteedStackBytes) == 0x1748, "TEB.GuaranteedStackBytes");
_Static_assert(__builtin_offsetof(TEB, TlsExpansionSlots) == 0x1780, "TEB.TlsExpansionSlots");
_Static_assert(__builtin_offsetof(PEB, ProcessParameters) == 0x20, "PEB.ProcessParameters");
_Static_assert(__builtin_offsetof(PEB, OSMajorVersion) == 0x118, "PEB.OSMajorVersion");
_Static_assert(__builtin_offsetof(RTL_USER_PROCESS_PARAMETERS, CommandLine) == 0x70, "params.CommandLine");
_Static_assert(__builtin_offsetof(RTL_USER_PROCESS_PARAMETERS, Environment) == 0x80, "params.Environment");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, DllBase) == 0x30, "ldr.DllBase");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, BaseDllName) == 0x58, "ldr.BaseDllName");

static inline TEB *NtCurrentTeb(void)
{
    TEB *teb;
    __asm__ volatile("movq %%gs:0x30, %0" : "=r"(teb));
    return teb;
}

#endif
