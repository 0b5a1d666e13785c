/* A registry client for tests/server/concurrent_checks.sh:
 *   regtest set N     HKCU\Software\carafe-concurrent: value vN = N, subkey kN
 *   regtest count     prints "VALUES SUBKEYS" of that key
 *   regtest get N     prints value vN
 *   regtest delete    deletes the key */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define KEY "Software\\carafe-concurrent"

int main(int argc, char **argv)
{
    HKEY key, sub;
    char name[32];
    LONG r;
    if (argc < 2) return 2;
    if (!strcmp(argv[1], "delete")) return RegDeleteTreeA(HKEY_CURRENT_USER, KEY) ? 1 : 0;
    if ((r = RegCreateKeyExA(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL))) {
        printf("create: %ld\n", r);
        return 1;
    }
    if (!strcmp(argv[1], "set") && argc > 2) {
        DWORD v = atoi(argv[2]);
        snprintf(name, sizeof(name), "v%s", argv[2]);
        if ((r = RegSetValueExA(key, name, 0, REG_DWORD, (BYTE *)&v, 4))) printf("set: %ld\n", r);
        snprintf(name, sizeof(name), "k%s", argv[2]);
        if (!r && (r = RegCreateKeyA(key, name, &sub))) printf("subkey: %ld\n", r);
        return r ? 1 : 0;
    }
    if (!strcmp(argv[1], "get") && argc > 2) {
        DWORD v = 0, size = 4;
        snprintf(name, sizeof(name), "v%s", argv[2]);
        if ((r = RegQueryValueExA(key, name, NULL, NULL, (BYTE *)&v, &size))) {
            printf("get: %ld\n", r);
            return 1;
        }
        printf("%lu\n", (unsigned long)v);
        return 0;
    }
    if (!strcmp(argv[1], "count")) {
        DWORD values = 0, subkeys = 0;
        r = RegQueryInfoKeyA(key, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
        printf("%lu %lu\n", (unsigned long)values, (unsigned long)subkeys);
        return r ? 1 : 0;
    }
    return 2;
}
