// An exception nobody catches on a thread (not the main one): std::terminate
// -> abort ends the whole process with exit code 3, as on Windows.
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <windows.h>
int main()
{
    printf("before\n");
    fflush(stdout);
    std::thread t([] { throw std::runtime_error("nobody catches this"); });
    t.join();
    Sleep(2000);
    printf("not reached\n");
    return 0;
}
