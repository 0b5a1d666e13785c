// An uncaught C++ exception: std::terminate -> abort, as Windows reports it.
#include <cstdio>
#include <stdexcept>
int main()
{
    printf("before\n");
    fflush(stdout);
    throw std::runtime_error("nobody catches this");
}
