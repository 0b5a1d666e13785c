/* carafe's demo: a Windows console program built with mingw-w64. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    OSVERSIONINFOA v = { sizeof(v) };
    char path[MAX_PATH];
    GetVersionExA(&v);
    GetModuleFileNameA(NULL, path, sizeof(path));
    printf("Hello from %s\n", path);
    printf("Windows %lu.%lu (build %lu), %d-bit pointers\n", v.dwMajorVersion, v.dwMinorVersion,
           v.dwBuildNumber, (int)sizeof(void *) * 8);
    return 0;
}
