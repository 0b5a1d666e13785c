/* Conformance tests: VirtualAlloc/Free/Protect/Query on private memory and
 * VirtualQuery on the program's own image. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define PAGE 0x1000
#define GRAN 0x10000

static int global_data = 1;

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static void check_query(const char *what, void *addr, void *base, SIZE_T size, DWORD state, DWORD protect,
                        void *alloc_base, DWORD alloc_protect, DWORD type, int line)
{
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T r;
    memset(&mbi, 0x55, sizeof(mbi));
    SetLastError(0xdeadbeef);
    r = VirtualQuery(addr, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi), "line %d %s: VirtualQuery returned %Iu, error %lu\n", line, what, r, GetLastError());
    ok(mbi.BaseAddress == base, "line %d %s: BaseAddress %p, expected %p\n", line, what, mbi.BaseAddress, base);
    if (size) ok(mbi.RegionSize == size, "line %d %s: RegionSize %Ix, expected %Ix\n", line, what, mbi.RegionSize, size);
    ok(mbi.State == state, "line %d %s: State %lx, expected %lx\n", line, what, mbi.State, state);
    ok(mbi.Protect == protect, "line %d %s: Protect %lx, expected %lx\n", line, what, mbi.Protect, protect);
    ok(mbi.AllocationBase == alloc_base, "line %d %s: AllocationBase %p, expected %p\n", line, what, mbi.AllocationBase, alloc_base);
    ok(mbi.AllocationProtect == alloc_protect, "line %d %s: AllocationProtect %lx, expected %lx\n", line, what,
       mbi.AllocationProtect, alloc_protect);
    ok(mbi.Type == type, "line %d %s: Type %lx, expected %lx\n", line, what, mbi.Type, type);
}
#define QUERY(w, a, b, s, st, p, ab, ap, t) check_query(w, a, b, s, st, p, ab, ap, t, __LINE__)

static void test_reserve_commit(void)
{
    char *base, *p;
    DWORD old;
    BOOL r;

    SetLastError(0xdeadbeef);
    base = VirtualAlloc(NULL, 4 * GRAN, MEM_RESERVE, PAGE_NOACCESS);
    ok(base != NULL, "reserve failed %lu\n", GetLastError());
    if (!base) return;
    ok(((ULONG_PTR)base & (GRAN - 1)) == 0, "reservation %p not 64 KiB aligned\n", base);
    QUERY("reserved", base, base, 4 * GRAN, MEM_RESERVE, 0, base, PAGE_NOACCESS, MEM_PRIVATE);
    QUERY("reserved, inside", base + 0x1234, base + 0x1000, 4 * GRAN - 0x1000, MEM_RESERVE, 0, base, PAGE_NOACCESS, MEM_PRIVATE);

    /* commit two pages in the middle; an unaligned address is rounded down */
    p = VirtualAlloc(base + 0x1234, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 0x1000, "commit returned %p for %p\n", p, base + 0x1000);
    QUERY("before commit", base, base, 0x1000, MEM_RESERVE, 0, base, PAGE_NOACCESS, MEM_PRIVATE);
    QUERY("committed", base + 0x1000, base + 0x1000, 0x2000, MEM_COMMIT, PAGE_READWRITE, base, PAGE_NOACCESS, MEM_PRIVATE);
    QUERY("after commit", base + 0x3000, base + 0x3000, 4 * GRAN - 0x3000, MEM_RESERVE, 0, base, PAGE_NOACCESS, MEM_PRIVATE);
    int zero = 1;
    for (int i = 0x1000; i < 0x3000; i++) if (base[i]) zero = 0;
    ok(zero, "committed memory not zero\n");
    memset(base + 0x1000, 0xcc, 0x2000);

    /* committing again keeps the contents */
    p = VirtualAlloc(base + 0x1000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 0x1000 && (unsigned char)base[0x1000] == 0xcc, "recommit %p\n", p);

    /* protection changes report the old one */
    old = 0xdeadbeef;
    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READONLY, &old);
    ok(r, "VirtualProtect failed %lu\n", GetLastError());
    ok(old == PAGE_READWRITE, "old protection %lx\n", old);
    QUERY("read-only page", base + 0x1000, base + 0x1000, 0x1000, MEM_COMMIT, PAGE_READONLY, base, PAGE_NOACCESS, MEM_PRIVATE);
    QUERY("read-write page", base + 0x2000, base + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE, base, PAGE_NOACCESS, MEM_PRIVATE);
    r = VirtualProtect(base + 0x1000, 0x2000, PAGE_EXECUTE_READ, &old);
    ok(r && old == PAGE_READONLY, "VirtualProtect over two: %d old %lx\n", r, old);
    r = VirtualProtect(base + 0x1000, 0x2000, PAGE_READWRITE, &old);
    ok(r && old == PAGE_EXECUTE_READ, "back to read-write: %d old %lx\n", r, old);
    ok((unsigned char)base[0x2fff] == 0xcc, "contents lost\n");

    /* reserved pages cannot be protected */
    SetLastError(0xdeadbeef);
    r = VirtualProtect(base + 0x8000, 0x1000, PAGE_READWRITE, &old);
    ok(!r, "VirtualProtect on reserved memory succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "VirtualProtect reserved error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READWRITE, NULL);
    ok(!r, "VirtualProtect without old succeeded\n");
    ok(GetLastError() == ERROR_NOACCESS, "VirtualProtect NULL old error %lu\n", GetLastError());

    /* decommit one page */
    r = VirtualFree(base + 0x2000, 0x1000, MEM_DECOMMIT);
    ok(r, "decommit %lu\n", GetLastError());
    /* Windows merges it with the reserved pages after it; Wine does not */
    QUERY("decommitted", base + 0x2000, base + 0x2000, is_wine() ? 0 : 4 * GRAN - 0x2000, MEM_RESERVE, 0, base, PAGE_NOACCESS, MEM_PRIVATE);
    QUERY("still committed", base + 0x1000, base + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE, base, PAGE_NOACCESS, MEM_PRIVATE);
    p = VirtualAlloc(base + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 0x2000 && base[0x2000] == 0, "recommitted page not zero\n");

    /* release: only the whole reservation, from its base, with size 0 */
    SetLastError(0xdeadbeef);
    r = VirtualFree(base, 0x1000, MEM_RELEASE);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "release with a size: %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualFree(base, 0, 0);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "free type 0: %d %lu\n", r, GetLastError());
    r = VirtualFree(base, 0, MEM_RELEASE);
    ok(r, "release %lu\n", GetLastError());
    MEMORY_BASIC_INFORMATION mbi;
    ok(VirtualQuery(base, &mbi, sizeof(mbi)) == sizeof(mbi), "query freed\n");
    ok(mbi.State == MEM_FREE, "freed state %lx\n", mbi.State);
    ok(mbi.Protect == PAGE_NOACCESS, "freed protect %lx\n", mbi.Protect);
    ok(mbi.AllocationBase == NULL && mbi.AllocationProtect == 0 && mbi.Type == 0, "freed: base %p prot %lx type %lx\n",
       mbi.AllocationBase, mbi.AllocationProtect, mbi.Type);
    ok(mbi.BaseAddress == base, "freed BaseAddress %p\n", mbi.BaseAddress);
    ok(mbi.RegionSize >= 4 * GRAN, "freed RegionSize %Ix\n", mbi.RegionSize);

    /* the freed range can be reserved again at that address */
    p = VirtualAlloc(base, GRAN, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(p == base, "reserve at %p gave %p (%lu)\n", base, p, GetLastError());
    QUERY("reserve+commit at an address", base, base, GRAN, MEM_COMMIT, PAGE_READWRITE, base, PAGE_READWRITE, MEM_PRIVATE);
    SetLastError(0xdeadbeef);
    ok(!VirtualAlloc(base, GRAN, MEM_RESERVE, PAGE_READWRITE), "reserved twice\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "reserve twice error %lu\n", GetLastError());
    ok(VirtualFree(base, 0, MEM_RELEASE), "release 2 %lu\n", GetLastError());

    /* committing freed memory fails */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base, PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(p == NULL, "commit of free memory gave %p\n", p);
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "commit free error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base, 0, MEM_RELEASE), "released twice\n");
    /* STATUS_MEMORY_NOT_ALLOCATED on Windows; Wine says invalid parameter */
    ok(GetLastError() == ERROR_INVALID_ADDRESS || (is_wine() && GetLastError() == ERROR_INVALID_PARAMETER),
       "release twice error %lu\n", GetLastError());
}

static void test_commit_direct(void)
{
    char *p;
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 10, MEM_COMMIT, PAGE_READWRITE);
    ok(p != NULL, "commit without reserve %lu\n", GetLastError());
    ok(((ULONG_PTR)p & (GRAN - 1)) == 0, "%p not 64 KiB aligned\n", p);
    QUERY("direct commit", p, p, PAGE, MEM_COMMIT, PAGE_READWRITE, p, PAGE_READWRITE, MEM_PRIVATE);
    p[PAGE - 1] = 1;
    ok(VirtualFree(p, 0, MEM_RELEASE), "release %lu\n", GetLastError());

    p = VirtualAlloc(NULL, 3 * PAGE + 1, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    ok(p != NULL, "rwx alloc %lu\n", GetLastError());
    QUERY("rwx", p, p, 4 * PAGE, MEM_COMMIT, PAGE_EXECUTE_READWRITE, p, PAGE_EXECUTE_READWRITE, MEM_PRIVATE);
    VirtualFree(p, 0, MEM_RELEASE);

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE);
    ok(!p && GetLastError() == ERROR_INVALID_PARAMETER, "size 0: %p %lu\n", p, GetLastError());
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, PAGE, MEM_COMMIT, 0);
    ok(!p && GetLastError() == ERROR_INVALID_PARAMETER, "protect 0: %p %lu\n", p, GetLastError());
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, PAGE, 0, PAGE_READWRITE);
    ok(!p && GetLastError() == ERROR_INVALID_PARAMETER, "type 0: %p %lu\n", p, GetLastError());
}

static void test_query_misc(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    HMODULE exe = GetModuleHandleA(NULL);
    int local = 0;
    SIZE_T r;

    /* the image: AllocationBase is the module */
    memset(&mbi, 0, sizeof(mbi));
    r = VirtualQuery(exe, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi), "query image\n");
    ok(mbi.AllocationBase == exe, "image AllocationBase %p, module %p\n", mbi.AllocationBase, exe);
    ok(mbi.BaseAddress == exe, "image BaseAddress %p\n", mbi.BaseAddress);
    ok(mbi.Type == MEM_IMAGE, "image type %lx\n", mbi.Type);
    ok(mbi.State == MEM_COMMIT, "image state %lx\n", mbi.State);
    ok(mbi.Protect == PAGE_READONLY, "header protect %lx\n", mbi.Protect);
    ok(mbi.AllocationProtect == PAGE_EXECUTE_WRITECOPY, "image AllocationProtect %lx\n", mbi.AllocationProtect);
    ok(mbi.RegionSize == PAGE, "header RegionSize %Ix\n", mbi.RegionSize);

    r = VirtualQuery((void *)test_query_misc, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.AllocationBase == exe && mbi.Type == MEM_IMAGE, "code: base %p type %lx\n",
       mbi.AllocationBase, mbi.Type);
    ok(mbi.Protect == PAGE_EXECUTE_READ, "code protect %lx\n", mbi.Protect);
    global_data = 2;
    r = VirtualQuery(&global_data, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.AllocationBase == exe && mbi.Type == MEM_IMAGE, "data: base %p type %lx\n",
       mbi.AllocationBase, mbi.Type);
    /* a written copy-on-write page is read-write; Wine keeps saying write-copy */
    ok(mbi.Protect == PAGE_READWRITE || (is_wine() && mbi.Protect == PAGE_WRITECOPY), "written data protect %lx\n", mbi.Protect);

    /* the stack and the heap are private read-write memory */
    r = VirtualQuery(&local, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.State == MEM_COMMIT && mbi.Protect == PAGE_READWRITE && mbi.Type == MEM_PRIVATE,
       "stack: state %lx protect %lx type %lx\n", mbi.State, mbi.Protect, mbi.Type);
    void *h = HeapAlloc(GetProcessHeap(), 0, 100);
    r = VirtualQuery(h, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.State == MEM_COMMIT && mbi.Protect == PAGE_READWRITE, "heap: state %lx protect %lx\n",
       mbi.State, mbi.Protect);
    HeapFree(GetProcessHeap(), 0, h);

    /* page 0 is free */
    r = VirtualQuery(NULL, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.State == MEM_FREE && mbi.BaseAddress == NULL && mbi.AllocationBase == NULL,
       "NULL: state %lx base %p\n", mbi.State, mbi.BaseAddress);

    SetLastError(0xdeadbeef);
    r = VirtualQuery(exe, &mbi, sizeof(mbi) - 1);
    ok(r == 0 && GetLastError() == ERROR_BAD_LENGTH, "short length %Iu %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualQuery((void *)0xffff800000000000ull, &mbi, sizeof(mbi));
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "kernel address %Iu %lu\n", r, GetLastError());
}

int main(void)
{
    is_wine();
    test_reserve_commit();
    test_commit_direct();
    test_query_misc();
    return test_summary();
}
