/* File mappings: paging-file and file-backed, names, views, coherence with
 * ReadFile/WriteFile, VirtualQuery.  tests/server/named_checks also runs
 *     mapping.exe writer TAG   fills a named mapping, waits for the reader
 *     mapping.exe reader TAG   checks it and answers in it */
#include <windows.h>
#include <string.h>
#include "test.h"

static char tag[64] = "t";

static const char *nm(const char *base)
{
    static char buf[2][128];
    static int i;
    i = (i + 1) % 2;
    snprintf(buf[i], sizeof(buf[i]), "carafe-mapping-%s-%s", tag, base);
    return buf[i];
}

static void test_pagefile(void)
{
    HANDLE m, m2;
    char *a, *b;
    MEMORY_BASIC_INFORMATION info;

    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(m == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "size 0: %p %lu\n", m, GetLastError());

    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x20000, nm("pf"));
    ok(m != NULL && GetLastError() == 0, "CreateFileMapping %p %lu\n", m, GetLastError());
    SetLastError(0xdeadbeef);
    m2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, nm("pf"));
    ok(m2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "again: %p %lu\n", m2, GetLastError());

    a = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    b = MapViewOfFile(m2, FILE_MAP_READ, 0, 0x10000, 0);
    ok(a && b, "MapViewOfFile %p %p %lu\n", a, b, GetLastError());
    ok(((ULONG_PTR)a & 0xffff) == 0 && ((ULONG_PTR)b & 0xffff) == 0, "views not 64 KiB aligned: %p %p\n", a, b);
    if (!a || !b) return;
    ok(a[0] == 0 && a[0x1ffff] == 0, "not zero-filled\n");
    strcpy(a + 0x10000, "shared");
    ok(!strcmp(b, "shared"), "the second view sees \"%s\"\n", b);

    memset(&info, 0xcc, sizeof(info));
    ok(VirtualQuery(a + 0x1234, &info, sizeof(info)) == sizeof(info), "VirtualQuery\n");
    ok(info.Type == MEM_MAPPED, "Type %lx\n", info.Type);
    ok(info.State == MEM_COMMIT, "State %lx\n", info.State);
    ok(info.AllocationBase == a, "AllocationBase %p, view %p\n", info.AllocationBase, a);
    ok(info.BaseAddress == a + 0x1000, "BaseAddress %p\n", info.BaseAddress);
    ok(info.Protect == PAGE_READWRITE, "Protect %lx\n", info.Protect);
    ok(info.RegionSize == 0x1f000, "RegionSize %lx\n", (unsigned long)info.RegionSize);
    ok(VirtualQuery(b, &info, sizeof(info)) && info.Protect == PAGE_READONLY && info.Type == MEM_MAPPED,
       "read-only view: Protect %lx Type %lx\n", info.Protect, info.Type);

    SetLastError(0xdeadbeef);
    ok(MapViewOfFile(m, FILE_MAP_READ, 0, 0x1000, 0) == NULL && GetLastError() == ERROR_MAPPED_ALIGNMENT,
       "unaligned offset: %lu\n", GetLastError());

    /* a copy-on-write view keeps its changes */
    char *c = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0x1000);
    ok(c != NULL, "FILE_MAP_COPY %lu\n", GetLastError());
    if (c) {
        strcpy(c, "private");
        ok(a[0] == 0, "a copy-on-write change reached the mapping\n");
        ok(UnmapViewOfFile(c), "UnmapViewOfFile copy\n");
    }

    HANDLE o = OpenFileMappingA(FILE_MAP_READ, FALSE, nm("pf"));
    ok(o != NULL, "OpenFileMapping %lu\n", GetLastError());
    CloseHandle(o);
    ok(UnmapViewOfFile(a), "UnmapViewOfFile\n");
    SetLastError(0xdeadbeef);
    ok(!UnmapViewOfFile(a), "unmapped twice\n");
    ok(UnmapViewOfFile(b), "UnmapViewOfFile b\n");
    CloseHandle(m);
    CloseHandle(m2);
    SetLastError(0xdeadbeef);
    o = OpenFileMappingA(FILE_MAP_READ, FALSE, nm("pf"));
    ok(o == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "name outlived the mapping: %p %lu\n", o,
       GetLastError());

    /* a name another object type holds */
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, nm("ev"));
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, nm("ev"));
    ok(m == NULL && GetLastError() == ERROR_INVALID_HANDLE, "mapping over an event name: %p %lu\n", m,
       GetLastError());
    CloseHandle(ev);
}

static void test_file(void)
{
    char path[MAX_PATH], dir[MAX_PATH], buf[64];
    DWORD n;
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "map", 0, path);
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(f != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(m == NULL && GetLastError() == ERROR_FILE_INVALID, "empty file: %p %lu\n", m, GetLastError());

    ok(WriteFile(f, "hello, mapping", 14, &n, NULL) && n == 14, "WriteFile\n");
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(m != NULL, "CreateFileMapping %lu\n", GetLastError());
    char *v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    ok(v != NULL, "MapViewOfFile %lu\n", GetLastError());
    if (v) {
        ok(!memcmp(v, "hello, mapping", 14), "view has \"%.14s\"\n", v);
        SetFilePointer(f, 0, NULL, FILE_BEGIN);
        ok(WriteFile(f, "HELLO", 5, &n, NULL), "WriteFile\n");
        ok(!memcmp(v, "HELLO, mapping", 14), "WriteFile not seen in the view: \"%.14s\"\n", v);
        memcpy(v + 7, "MAPPING", 7);
        ok(FlushViewOfFile(v, 0), "FlushViewOfFile %lu\n", GetLastError());
        SetFilePointer(f, 0, NULL, FILE_BEGIN);
        memset(buf, 0, sizeof(buf));
        ok(ReadFile(f, buf, sizeof(buf), &n, NULL) && n == 14, "ReadFile %lu\n", n);
        ok(!memcmp(buf, "HELLO, MAPPING", 14), "ReadFile sees \"%s\"\n", buf);
        ok(UnmapViewOfFile(v), "UnmapViewOfFile\n");
    }
    CloseHandle(m);

    /* a larger mapping grows the file */
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0x3000, NULL);
    ok(m != NULL, "larger mapping %lu\n", GetLastError());
    ok(GetFileSize(f, NULL) == 0x3000, "file size %lx\n", GetFileSize(f, NULL));
    CloseHandle(m);
    CloseHandle(f);

    /* a read-only file gives no writable mapping */
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(m == NULL && GetLastError() == ERROR_ACCESS_DENIED, "read-write on a read handle: %p %lu\n", m,
       GetLastError());
    m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    ok(m != NULL, "read-only mapping %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    ok(v == NULL && GetLastError() == ERROR_ACCESS_DENIED, "write view of a read-only mapping: %p %lu\n", v,
       GetLastError());
    v = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    ok(v && !memcmp(v, "HELLO", 5), "read view\n");
    if (v) UnmapViewOfFile(v);
    CloseHandle(m);
    CloseHandle(f);
    DeleteFileA(path);
}

static HANDLE open_retry(const char *name)
{
    HANDLE h = NULL;
    for (int i = 0; i < 500 && !(h = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name)); i++) Sleep(10);
    return h;
}

static int writer(void)
{
    HANDLE m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, nm("x"));
    ok(m != NULL, "CreateFileMapping %lu\n", GetLastError());
    HANDLE answered = CreateEventA(NULL, FALSE, FALSE, nm("answered"));
    volatile char *v = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    if (!v) return 0;
    strcpy((char *)v + 100, "from the writer");
    HANDLE ready = CreateEventA(NULL, TRUE, TRUE, nm("ready"));
    ok(WaitForSingleObject(answered, 10000) == WAIT_OBJECT_0, "no answer\n");
    ok(!strcmp((char *)v + 200, "from the reader"), "answer \"%s\"\n", v + 200);
    CloseHandle(ready);
    return 0;
}

static int reader(void)
{
    HANDLE ready = NULL;
    for (int i = 0; i < 500 && !(ready = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("ready"))); i++) Sleep(10);
    HANDLE m = open_retry(nm("x"));
    ok(ready && m, "OpenFileMapping %lu\n", GetLastError());
    if (!m) return 0;
    char *v = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    ok(v && !strcmp(v + 100, "from the writer"), "reader sees \"%s\"\n", v ? v + 100 : "");
    if (v) strcpy(v + 200, "from the reader");
    HANDLE answered = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("answered"));
    SetEvent(answered);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3) {
        snprintf(tag, sizeof(tag), "%s", argv[2]);
        test_context = argv[1];
        if (!strcmp(argv[1], "writer")) writer();
        else if (!strcmp(argv[1], "reader")) reader();
        return test_summary();
    }
    snprintf(tag, sizeof(tag), "%lu", GetCurrentProcessId());
    test_pagefile();
    test_file();
    return test_summary();
}
