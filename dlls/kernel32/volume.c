/* Drives and volumes: the drive letters mapped in $CARAFE_PREFIX/dosdevices
 * (normally C: and Z:) are fixed disks; their sizes come from statvfs.
 * A volume's serial number is derived from the Unix device number of its
 * root, the same way GetFileInformationByHandle derives a file's. */
#include <errno.h>
#include <string.h>
#include <sys/statvfs.h>
#include "file_private.h"

DEFAULT_DEBUG_CHANNEL(volume);

#define FILE_CASE_SENSITIVE_SEARCH 0x00000001
#define FILE_CASE_PRESERVED_NAMES  0x00000002
#define FILE_UNICODE_ON_DISK       0x00000004
#define FILE_PERSISTENT_ACLS       0x00000008
#define VOLUME_FLAGS (FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_PERSISTENT_ACLS)
#define BYTES_PER_SECTOR 512

static int is_letter(WCHAR c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_sep(WCHAR c) { return c == '\\' || c == '/'; }

/* Unix root of drive LETTER, malloc'd, or NULL (the last error untouched) */
static char *drive_root(WCHAR letter)
{
    WCHAR root[4] = { letter, ':', '\\', 0 };
    DWORD saved = GetLastError();
    char *u = is_letter(letter) ? carafe_dos_to_unix(root) : NULL;
    SetLastError(saved);
    return u;
}

/* The drive letter of a root argument: NULL = the current drive;
 * "X:\" (or "X:" when BARE_OK); 0 if it names no drive root. */
static WCHAR root_letter(LPCWSTR root, int bare_ok)
{
    WCHAR cwd[4];
    if (!root) {
        WCHAR buf[MAX_PATH + 1];
        DWORD n = GetCurrentDirectoryW(MAX_PATH + 1, buf);
        if (!n || n > MAX_PATH || buf[1] != ':') return 0;
        cwd[0] = buf[0];
        return cwd[0] & ~0x20;
    }
    if (root[0] == '\\' && root[1] == '\\' && root[2] == '?' && root[3] == '\\') root += 4;
    if (!is_letter(root[0]) || root[1] != ':') return 0;
    if (is_sep(root[2]) ? root[3] != 0 : (root[2] || !bare_ok)) return 0;
    return root[0] & ~0x20;
}

UINT WINAPI GetDriveTypeW(LPCWSTR root)
{
    WCHAR letter = root_letter(root, 1);
    if (!letter) return DRIVE_NO_ROOT_DIR;
    char *u = drive_root(letter);
    free(u);
    return u ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
}

UINT WINAPI GetDriveTypeA(LPCSTR root)
{
    WCHAR *w = k32_strdup_AtoW(root);
    if (root && !w) return DRIVE_UNKNOWN;
    UINT r = GetDriveTypeW(w);
    free(w);
    return r;
}

DWORD WINAPI GetLogicalDrives(void)
{
    DWORD mask = 0;
    for (int i = 0; i < 26; i++) {
        char *u = drive_root('A' + i);
        if (u) mask |= 1u << i;
        free(u);
    }
    return mask;
}

/* "C:\<NUL>Z:\<NUL><NUL>"; the length without the last NUL, or the size needed */
DWORD WINAPI GetLogicalDriveStringsW(DWORD size, LPWSTR buf)
{
    DWORD mask = GetLogicalDrives(), n = 0;
    for (int i = 0; i < 26; i++) if (mask & (1u << i)) n++;
    if (n * 4 + 1 > size || !buf) return n * 4 + 1;
    WCHAR *p = buf;
    for (int i = 0; i < 26; i++) {
        if (!(mask & (1u << i))) continue;
        *p++ = 'A' + i;
        *p++ = ':';
        *p++ = '\\';
        *p++ = 0;
    }
    *p = 0;
    return n * 4;
}

DWORD WINAPI GetLogicalDriveStringsA(DWORD size, LPSTR buf)
{
    DWORD mask = GetLogicalDrives(), n = 0;
    for (int i = 0; i < 26; i++) if (mask & (1u << i)) n++;
    if (n * 4 + 1 > size || !buf) return n * 4 + 1;
    char *p = buf;
    for (int i = 0; i < 26; i++) {
        if (!(mask & (1u << i))) continue;
        *p++ = 'A' + i;
        *p++ = ':';
        *p++ = '\\';
        *p++ = 0;
    }
    *p = 0;
    return n * 4;
}

/* statvfs of the Unix form of a Windows path; FALSE with the last error set */
static BOOL stat_volume(const WCHAR *path, struct statvfs *vfs)
{
    char *u = carafe_dos_to_unix(path);
    if (!u) return FALSE;
    int r = statvfs(u, vfs);
    free(u);
    if (r) {
        DWORD err = carafe_errno_to_win32(errno);
        SetLastError(err == ERROR_FILE_NOT_FOUND ? ERROR_PATH_NOT_FOUND : err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR root, LPDWORD sectors_per_cluster, LPDWORD bytes_per_sector,
                              LPDWORD free_clusters, LPDWORD total_clusters)
{
    struct statvfs vfs;
    WCHAR letter = root_letter(root, 0);
    WCHAR path[4] = { letter, ':', '\\', 0 };
    if (!letter) {
        /* a directory that is not a root is refused, as Windows does */
        SetLastError(root && is_letter(root[0]) && root[1] == ':' ? ERROR_INVALID_NAME : ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    if (!stat_volume(path, &vfs)) return FALSE;
    ULONGLONG unit = vfs.f_frsize ? vfs.f_frsize : vfs.f_bsize;
    DWORD spc = unit >= BYTES_PER_SECTOR ? (DWORD)(unit / BYTES_PER_SECTOR) : 1;
    ULONGLONG cluster = (ULONGLONG)spc * BYTES_PER_SECTOR;
    ULONGLONG total = (ULONGLONG)vfs.f_blocks * unit / cluster, avail = (ULONGLONG)vfs.f_bavail * unit / cluster;
    if (sectors_per_cluster) *sectors_per_cluster = spc;
    if (bytes_per_sector) *bytes_per_sector = BYTES_PER_SECTOR;
    if (free_clusters) *free_clusters = avail > 0xffffffffull ? 0xffffffff : (DWORD)avail;
    if (total_clusters) *total_clusters = total > 0xffffffffull ? 0xffffffff : (DWORD)total;
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceA(LPCSTR root, LPDWORD sectors_per_cluster, LPDWORD bytes_per_sector,
                              LPDWORD free_clusters, LPDWORD total_clusters)
{
    WCHAR *w = k32_strdup_AtoW(root);
    if (root && !w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    BOOL r = GetDiskFreeSpaceW(w, sectors_per_cluster, bytes_per_sector, free_clusters, total_clusters);
    free(w);
    return r;
}

/* DIR may be any directory on the volume; NULL is the current one */
BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR dir, PULARGE_INTEGER avail, PULARGE_INTEGER total, PULARGE_INTEGER total_free)
{
    struct statvfs vfs;
    if (!stat_volume(dir ? dir : u".", &vfs)) return FALSE;
    ULONGLONG unit = vfs.f_frsize ? vfs.f_frsize : vfs.f_bsize;
    if (avail) avail->QuadPart = (ULONGLONG)vfs.f_bavail * unit;
    if (total) total->QuadPart = (ULONGLONG)vfs.f_blocks * unit;
    if (total_free) total_free->QuadPart = (ULONGLONG)vfs.f_bfree * unit;
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR dir, PULARGE_INTEGER avail, PULARGE_INTEGER total, PULARGE_INTEGER total_free)
{
    WCHAR *w = k32_strdup_AtoW(dir);
    if (dir && !w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    BOOL r = GetDiskFreeSpaceExW(w, avail, total, total_free);
    free(w);
    return r;
}

static BOOL copy_string(const WCHAR *s, LPWSTR buf, DWORD size)
{
    DWORD len = carafe_wcslen(s);
    if (!buf) return TRUE;
    if (len >= size) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
    memcpy(buf, s, (len + 1) * sizeof(WCHAR));
    return TRUE;
}

/* Volumes have no label; the file system is reported as NTFS, which is
 * what programs test for before using long names, ACLs and streams. */
BOOL WINAPI GetVolumeInformationW(LPCWSTR root, LPWSTR label, DWORD label_size, LPDWORD serial,
                                  LPDWORD max_component, LPDWORD fs_flags, LPWSTR fs_name, DWORD fs_name_size)
{
    struct k32_stat st;
    WCHAR letter = root_letter(root, 0);
    if (!letter) { SetLastError(ERROR_INVALID_NAME); return FALSE; }
    char *u = drive_root(letter);
    if (!u) { SetLastError(ERROR_PATH_NOT_FOUND); return FALSE; }
    int err = k32_stat_path(u, &st);
    free(u);
    if (err) { SetLastError(carafe_errno_to_win32(err)); return FALSE; }
    if (!copy_string(u"", label, label_size)) return FALSE;
    if (!copy_string(u"NTFS", fs_name, fs_name_size)) return FALSE;
    if (serial) *serial = k32_volume_serial(st.dev);
    if (max_component) *max_component = 255;
    if (fs_flags) *fs_flags = VOLUME_FLAGS;
    return TRUE;
}

BOOL WINAPI GetVolumeInformationA(LPCSTR root, LPSTR label, DWORD label_size, LPDWORD serial,
                                  LPDWORD max_component, LPDWORD fs_flags, LPSTR fs_name, DWORD fs_name_size)
{
    WCHAR *w = k32_strdup_AtoW(root), wlabel[MAX_PATH + 1], wfs[MAX_PATH + 1];
    if (root && !w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    BOOL r = GetVolumeInformationW(w, wlabel, MAX_PATH + 1, serial, max_component, fs_flags, wfs, MAX_PATH + 1);
    free(w);
    if (!r) return FALSE;
    if (label && k32_copy_WtoA(wlabel, label, label_size) >= label_size) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
    if (fs_name && k32_copy_WtoA(wfs, fs_name, fs_name_size) >= fs_name_size) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
    return TRUE;
}

/* The volume of a path is its drive: "X:\" */
BOOL WINAPI GetVolumePathNameW(LPCWSTR name, LPWSTR buf, DWORD size)
{
    WCHAR full[MAX_PATH * 4];
    if (!name || !*name || !buf) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    DWORD n = GetFullPathNameW(name, MAX_PATH * 4, full, NULL);
    if (!n || n >= MAX_PATH * 4) return FALSE;
    if (!is_letter(full[0]) || full[1] != ':') {
        FIXME("volumes of UNC and device paths are not known\n");
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (size < 4) { SetLastError(ERROR_FILENAME_EXCED_RANGE); return FALSE; }
    buf[0] = full[0];
    buf[1] = ':';
    buf[2] = '\\';
    buf[3] = 0;
    return TRUE;
}

BOOL WINAPI GetVolumePathNameA(LPCSTR name, LPSTR buf, DWORD size)
{
    WCHAR *w = k32_strdup_AtoW(name), out[4];
    if (!w) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    BOOL r = GetVolumePathNameW(w, out, 4);
    free(w);
    if (!r) return FALSE;
    if (k32_copy_WtoA(out, buf, size) >= size) { SetLastError(ERROR_FILENAME_EXCED_RANGE); return FALSE; }
    return TRUE;
}
