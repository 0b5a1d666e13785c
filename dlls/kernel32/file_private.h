/* What kernel32's file, find and path sources share: a file's Windows view
 * (attributes, times, identity) computed from Unix metadata. */
#ifndef CARAFE_KERNEL32_FILE_PRIVATE_H
#define CARAFE_KERNEL32_FILE_PRIVATE_H

#include "kernel32_private.h"

/* Windows metadata of one file; times in FILETIME ticks */
struct k32_stat {
    DWORD attributes;
    ULONGLONG size, allocation;
    ULONGLONG creation, access, write, change;
    ULONGLONG dev, ino;
    DWORD links;
    int is_dir;
};

/* Fill ST from the Unix file PATH (symlinks followed; a dangling link is
 * described itself).  Returns 0 or an errno value. */
int k32_stat_path(const char *path, struct k32_stat *st);
/* The same for an open fd; NAME (a path or NULL) decides the hidden bit. */
int k32_stat_fd(int fd, const char *name, struct k32_stat *st);

static inline void k32_ticks_to_filetime(ULONGLONG t, FILETIME *ft)
{
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

static inline ULONGLONG k32_filetime_to_ticks(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

/* The error for ENOENT on UPATH: "file not found" when the directory above
 * exists, "path not found" when it does not. */
DWORD k32_missing_error(const char *upath);

/* A Windows volume serial number for a Unix device number */
static inline DWORD k32_volume_serial(ULONGLONG dev)
{
    return (DWORD)(dev ^ (dev >> 32)) ^ 0x4341u;   /* stable, not 0 for dev 0 */
}

#endif
