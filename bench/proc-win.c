/* Process benchmarks, Windows side (bench/process.sh runs it under carafe
 * and Wine):
 *   spawn     CreateProcessW + WaitForSingleObject of this exe with the
 *             argument "child" (which returns at once), SPAWNS times;
 *   pingpong  two named auto-reset events between this process and a
 *             child (this exe with "pong NAME1 NAME2 N"), ROUNDS round trips;
 *   registry  RegQueryValueExW of HKLM\...\Windows NT\CurrentVersion
 *             ProductName through one open key, QUERIES times; then
 *             RegOpenKeyExW + RegQueryValueExW + RegCloseKey, OPENS times.
 * Usage: proc-win.exe [spawn|pingpong|registry]... (default: all three).
 * Prints "key value" lines for the script to take medians of. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define SPAWNS 100
#define ROUNDS 20000
#define QUERIES 100000
#define OPENS 10000

static double now(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart / f.QuadPart;
}

static void fail(const char *what)
{
    fprintf(stderr, "proc-win: %s failed: %lu\n", what, GetLastError());
    exit(1);
}

/* starts this exe with ARGS; returns the process handle */
static HANDLE spawn(const wchar_t *args)
{
    static wchar_t self[MAX_PATH];
    wchar_t cmd[2 * MAX_PATH];
    STARTUPINFOW si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    if (!self[0] && !GetModuleFileNameW(NULL, self, MAX_PATH)) fail("GetModuleFileNameW");
    swprintf(cmd, sizeof(cmd) / sizeof(cmd[0]), L"\"%ls\" %ls", self, args);
    if (!CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) fail("CreateProcessW");
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

static void bench_spawn(void)
{
    CloseHandle(spawn(L"child"));   /* warm the page cache and the server */
    double start = now();
    for (int i = 0; i < SPAWNS; i++) {
        HANDLE p = spawn(L"child");
        DWORD code = 1;
        if (WaitForSingleObject(p, INFINITE) != WAIT_OBJECT_0) fail("WaitForSingleObject");
        if (!GetExitCodeProcess(p, &code) || code != 0) fail("child exit code");
        CloseHandle(p);
    }
    double t = now() - start;
    printf("spawn_total_ms %.3f\n", t * 1e3);
    printf("spawn_us %.1f\n", t * 1e6 / SPAWNS);
}

static int pong(const wchar_t *ping_name, const wchar_t *pong_name, int n)
{
    HANDLE ping = OpenEventW(EVENT_ALL_ACCESS, FALSE, ping_name);
    HANDLE pong = OpenEventW(EVENT_ALL_ACCESS, FALSE, pong_name);
    if (!ping || !pong) fail("OpenEventW");
    for (int i = 0; i < n; i++) {
        WaitForSingleObject(ping, INFINITE);
        SetEvent(pong);
    }
    return 0;
}

static void bench_pingpong(void)
{
    wchar_t ping_name[64], pong_name[64], args[192];
    DWORD id = GetCurrentProcessId();
    swprintf(ping_name, 64, L"carafe-bench-ping-%lu", id);
    swprintf(pong_name, 64, L"carafe-bench-pong-%lu", id);
    HANDLE ping = CreateEventW(NULL, FALSE, FALSE, ping_name);
    HANDLE pong = CreateEventW(NULL, FALSE, FALSE, pong_name);
    if (!ping || !pong) fail("CreateEventW");
    swprintf(args, 192, L"pong %ls %ls %d", ping_name, pong_name, ROUNDS + 1);
    HANDLE child = spawn(args);
    /* one untimed round trip: the child has started and opened both events */
    SetEvent(ping);
    WaitForSingleObject(pong, INFINITE);
    double start = now();
    for (int i = 0; i < ROUNDS; i++) {
        SetEvent(ping);
        WaitForSingleObject(pong, INFINITE);
    }
    double t = now() - start;
    WaitForSingleObject(child, INFINITE);
    CloseHandle(child);
    CloseHandle(ping);
    CloseHandle(pong);
    printf("pingpong_per_s %.0f\n", ROUNDS / t);
    printf("pingpong_us %.2f\n", t * 1e6 / ROUNDS);
}

static const wchar_t key_path[] = L"Software\\Microsoft\\Windows NT\\CurrentVersion";

static void query(HKEY key)
{
    wchar_t buf[128];
    DWORD type, size = sizeof(buf);
    if (RegQueryValueExW(key, L"ProductName", NULL, &type, (BYTE *)buf, &size) || type != REG_SZ)
        fail("RegQueryValueExW");
}

static void bench_registry(void)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, key_path, 0, KEY_READ, &key)) fail("RegOpenKeyExW");
    query(key);
    double start = now();
    for (int i = 0; i < QUERIES; i++) query(key);
    double t = now() - start;
    RegCloseKey(key);
    printf("regquery_per_s %.0f\n", QUERIES / t);
    printf("regquery_us %.2f\n", t * 1e6 / QUERIES);

    start = now();
    for (int i = 0; i < OPENS; i++) {
        if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, key_path, 0, KEY_READ, &key)) fail("RegOpenKeyExW");
        query(key);
        RegCloseKey(key);
    }
    t = now() - start;
    printf("regopen_per_s %.0f\n", OPENS / t);
    printf("regopen_us %.2f\n", t * 1e6 / OPENS);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return 0;
    if (argc > 4 && !strcmp(argv[1], "pong")) {
        wchar_t a[64], b[64];
        swprintf(a, 64, L"%hs", argv[2]);
        swprintf(b, 64, L"%hs", argv[3]);
        return pong(a, b, atoi(argv[4]));
    }
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "spawn") && strcmp(argv[i], "pingpong") && strcmp(argv[i], "registry")) {
            fprintf(stderr, "usage: proc-win.exe [spawn|pingpong|registry]...\n");
            return 2;
        }
    int all = argc < 2;
    for (int i = all ? 0 : 1; i < (all ? 1 : argc); i++) {
        if (all || !strcmp(argv[i], "spawn")) bench_spawn();
        if (all || !strcmp(argv[i], "pingpong")) bench_pingpong();
        if (all || !strcmp(argv[i], "registry")) bench_registry();
        fflush(stdout);
    }
    return 0;
}
